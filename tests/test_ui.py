"""The Gradio app, driven over HTTP with gradio_client: the app runs on a free 127.0.0.1 port in this
process, with the hash embedder over the sample corpus (no network, no model)."""

from __future__ import annotations

import html
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr
import pytest
from gradio_client import Client, handle_file

from briefgen.config import Settings
from briefgen.embed import HashEmbedder
from briefgen.errors import BriefgenError
from briefgen.evaluate import GoldQuestion, load_gold
from briefgen.index import Index
from briefgen.ingest import ingest_paths
from briefgen.models import Brief, Citation
from briefgen.ui import check_bind, escape_markdown, passage_html, safe_filename, serve
from briefgen.ui.app import Shared, save_upload
from tests.conftest import REPO, SAMPLE, free_port, hash_settings

GOLD = REPO / "eval" / "gold"
EVIL = ("岳池县扩权强县试点工作总结<script>alert(1)</script>\n一、工作成效\n（一）行政审批更快捷。岳池县扩权后行政审批时间由原来"
        "平均9天缩减为2天<script>alert(1)</script>，详见[x](javascript:alert(1))。项目申报渠道更畅通。\n二、存在的问题\n"
        "（一）人员编制不足。县级部门人员少，<img src=x onerror=alert(2)>承接能力不足。\n三、政策建议\n（一）加强培训。\n")


@dataclass
class Running:
    url: str
    index: Index
    app: gr.Blocks

    def client(self, tmp: Path) -> Client:
        return Client(self.url, verbose=False, download_files=str(tmp))


def launch(settings: Settings, index: Index) -> Running:
    port = free_port()
    app = serve(settings, "127.0.0.1", port, index=index, block=False)
    return Running(f"http://127.0.0.1:{port}/", index, app)


def gold_questions(region: str) -> list[GoldQuestion]:
    return [q for q in load_gold(GOLD).questions if q.region == region and q.answerable and q.type == "lookup"]


def chat_text(message: dict[str, Any]) -> str:
    return "".join(part.get("text", "") for part in message["content"])


def assert_verbatim(answer: dict[str, Any], index: Index) -> list[Citation]:
    citations = [Citation.model_validate(c) for c in answer["citations"]]
    assert citations, answer
    for c in citations:
        document = index.store.document(c.doc_id)
        assert document is not None and document.text[c.start : c.end] == c.quote
    return citations


@pytest.fixture(scope="module")
def corpus_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """One app over the sample corpus for the read-only tests (ingest once: ~5 s)."""
    if not SAMPLE.exists():
        pytest.skip(f"sample corpus not found at {SAMPLE}")
    root = tmp_path_factory.mktemp("ui")
    settings = hash_settings(root)
    index = Index(settings, embedder=HashEmbedder())
    ingest_paths([SAMPLE], settings, index, progress=False)
    running = launch(settings, index)
    yield running
    running.app.close()
    index.close()


@pytest.fixture
def empty_app(settings: Settings, index: Index) -> Iterator[Running]:
    running = launch(settings, index)
    yield running
    running.app.close()


def test_ask_streams_then_answers_with_verbatim_numbered_citations(corpus_app: Running, tmp_path: Path) -> None:
    gold = gold_questions("武胜县")[0]
    client = corpus_app.client(tmp_path)
    job = client.submit(gold.question, "extractive", api_name="/ask")
    chat, choices, answer, _passage = job.result(timeout=60)
    first = job.outputs()[0][0]
    assert chat_text(first[-1]) == "检索中…" and chat_text(first[-2]) == escape_markdown(gold.question)
    assert not answer["refused"] and all(k in answer["answer"] for k in gold.answer_keywords)
    citations = assert_verbatim(answer, corpus_app.index)
    assert any(span in c.quote for c in citations for span in gold.gold_spans)
    shown = chat_text(chat[-1])
    assert all(f"\\[{n}\\]" in shown for n in range(1, len(citations) + 1))  # rendered as [1] [2]
    assert [label.split(" ")[0] for label, _ in choices["choices"]] == [f"[{n}]" for n in range(1, len(citations) + 1)]

    passage = client.predict("0", api_name="/show_citation")
    document = corpus_app.index.store.document(citations[0].doc_id)
    assert document is not None
    assert f"<mark style=\"background:#ffe58f\">{html.escape(citations[0].quote)}</mark>" in passage
    assert html.escape(document.title) in passage and str(document.year) in passage
    assert html.escape(document.text[max(0, citations[0].start - 200) : citations[0].start]) in passage


def test_refused_question_has_no_citations(corpus_app: Running, tmp_path: Path) -> None:
    unanswerable = next(q for q in load_gold(GOLD).questions if not q.answerable)
    _chat, choices, answer, _ = corpus_app.client(tmp_path).predict(unanswerable.question, "extractive", api_name="/ask")
    assert answer["refused"] and answer["citations"] == [] and choices["choices"] == []


def test_brief_renders_checks_figures_and_downloads_valid_files(corpus_app: Running, tmp_path: Path) -> None:
    subject = load_gold(GOLD).briefs[0].subject
    shown, figures, warnings, md, docx, js = corpus_app.client(tmp_path).predict(subject, "extractive", api_name="/brief")
    brief = Brief.model_validate_json(Path(js).read_text(encoding="utf-8"))
    assert brief.subject == subject and brief.achievements
    claims = brief.achievements + brief.problems + brief.recommendations
    assert all(c.status == "verified" for c in claims)
    assert html.escape(claims[0].text) in shown and "一、成效" in shown and "资料来源" in shown
    rows = figures["data"]
    expected = [f.value for c in claims for f in c.figures]
    assert [r[2] for r in rows] == expected and expected
    assert all(r[3] == "✓" and r[2].rstrip("%个元亿万天项") in r[4] for r in rows)  # the quote states the number
    assert Path(md).read_text(encoding="utf-8").startswith(f"# {brief.title}")
    assert Path(docx).read_bytes()[:2] == b"PK"  # a zip: docx
    assert (warnings == "无") == (not brief.warnings)


def test_concurrent_sessions_get_their_own_answers_and_passages(corpus_app: Running, tmp_path: Path) -> None:
    barrier, failures = threading.Barrier(2), []

    def session(region: str, folder: Path) -> None:
        try:
            client = corpus_app.client(folder)
            barrier.wait(timeout=30)
            for gold in gold_questions(region)[:3]:
                _chat, _choices, answer, _ = client.predict(gold.question, "extractive", api_name="/ask")
                assert answer["question"] == gold.question
                citations = assert_verbatim(answer, corpus_app.index)
                passage = client.predict("0", api_name="/show_citation")  # this session's citation [1]
                assert f">{html.escape(citations[0].quote)}</mark>" in passage
        except Exception as exc:  # reported in the main thread
            failures.append(f"{region}: {exc!r}")

    threads = [threading.Thread(target=session, args=(region, tmp_path / region)) for region in ("武胜县", "凤阳县")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures


def test_bad_uploads_are_reported_per_file_and_the_app_stays_up(empty_app: Running, tmp_path: Path) -> None:
    empty, exe = tmp_path / "empty.txt", tmp_path / "tool.exe"
    empty.write_text("", encoding="utf-8")
    exe.write_bytes(b"MZ\x90\x00")
    client = empty_app.client(tmp_path / "dl")
    status, table, _docs, _subjects = client.predict([handle_file(empty), handle_file(exe), handle_file(SAMPLE)],
                                                     api_name="/ingest")
    lines = status.splitlines()
    assert any("empty.txt" in line and "错误" in line for line in lines)
    assert any("tool.exe" in line and "unsupported file type" in line for line in lines)
    assert str(tmp_path) not in status  # no server paths leak
    assert len(table["data"]) == len(empty_app.index.store.documents()) > 0
    _chat, _choices, answer, _ = client.predict(gold_questions("武胜县")[0].question, "extractive", api_name="/ask")
    assert not answer["refused"]
    assert_verbatim(answer, empty_app.index)


def test_document_markup_is_rendered_escaped(empty_app: Running, tmp_path: Path) -> None:
    evil = tmp_path / "evil.txt"
    evil.write_text(EVIL, encoding="utf-8")
    client = empty_app.client(tmp_path / "dl")
    _status, table, _docs, _subjects = client.predict([handle_file(evil)], api_name="/ingest")
    assert "<script>" in table["data"][0][1]  # a plain-text cell, shown as text
    chat, _choices, answer, _ = client.predict("岳池县扩权后行政审批时间缩短了多少？", "extractive", api_name="/ask")
    assert "<script>" in answer["answer"]  # the document really says it ...
    shown = chat_text(chat[-1])
    assert "<script" not in shown and "](" not in shown and "&lt;script&gt;" in shown  # ... the chat shows it as text
    passage = client.predict("0", api_name="/show_citation")
    assert "<script" not in passage.lower() and "<img" not in passage and "&lt;script&gt;" in passage
    assert "&lt;img src=x onerror=alert" in passage and "<mark" in passage


def test_delete_document_removes_its_chunks(empty_app: Running, tmp_path: Path) -> None:
    client = empty_app.client(tmp_path / "dl")
    _status, table, _docs, _subjects = client.predict([handle_file(SAMPLE)], api_name="/ingest")
    doc_id = table["data"][0][0]
    assert empty_app.index.store.chunks(doc_id)
    status, table, _docs, _subjects = client.predict(doc_id, api_name="/delete_document")
    assert "已删除" in status and doc_id not in [row[0] for row in table["data"]]
    assert empty_app.index.store.chunks(doc_id) == [] and empty_app.index.store.document(doc_id) is None
    assert empty_app.index.collection.get(where={"doc_id": doc_id})["ids"] == []


def test_public_bind_needs_a_login(settings: Settings) -> None:
    with pytest.raises(BriefgenError, match="without a login"):
        serve(settings, "0.0.0.0", free_port())
    with pytest.raises(BriefgenError):
        check_bind(settings, "example.org")
    assert check_bind(settings, "127.0.0.1") is None and check_bind(settings, "::1") is None
    secured = settings.model_copy(update={"serve": settings.serve.model_copy(update={"auth_user": "u", "auth_password": "p"})})
    assert check_bind(secured, "0.0.0.0") == ("u", "p")


def test_login_is_required_when_configured(settings: Settings, index: Index, tmp_path: Path) -> None:
    secured = settings.model_copy(update={"serve": settings.serve.model_copy(update={"auth_user": "u", "auth_password": "pw"})})
    running = launch(secured, index)
    try:
        with pytest.raises(Exception):  # noqa: B017 (gradio_client raises a plain ValueError/HTTP error)
            Client(running.url, verbose=False, download_files=str(tmp_path))
        client = Client(running.url, auth=("u", "pw"), verbose=False, download_files=str(tmp_path))
        _chat, _choices, answer, _ = client.predict("武胜县的审批时间？", "extractive", api_name="/ask")
        assert answer["refused"]  # empty index: answered, and refused
    finally:
        running.app.close()


@pytest.mark.parametrize(("name", "expected"), [
    ("../../etc/passwd", "passwd"), ("..\\..\\win.ini", "win.ini"), (".hidden.txt", "hidden.txt"),
    ("报告 (终稿)<1>.docx", "报告_终稿_1_.docx"), ("", "upload"), ("../", "upload"), ("a" * 300 + ".pdf", "a" * 116 + ".pdf"),
])
def test_safe_filename(name: str, expected: str) -> None:
    assert safe_filename(name) == expected


def test_save_upload_enforces_type_and_size(settings: Settings, index: Index, tmp_path: Path) -> None:
    shared = Shared(settings.model_copy(update={"serve": settings.serve.model_copy(update={"max_upload_mb": 1})}), index)
    big, ok = tmp_path / "big.txt", tmp_path / "ok.md"
    big.write_bytes(b"x" * (1024 * 1024 + 1))
    ok.write_text("正文", encoding="utf-8")
    with pytest.raises(BriefgenError, match="too large"):
        save_upload(big, "big.txt", shared)
    with pytest.raises(BriefgenError, match="unsupported file type"):
        save_upload(ok, "ok.sh", shared)
    saved = save_upload(ok, "../../x/ok.md", shared)
    assert saved.parent == shared.upload_dir.resolve() and saved.name.endswith("-ok.md")


def test_passage_view_escapes_and_marks_the_span(index: Index, settings: Settings, tmp_path: Path) -> None:
    evil = tmp_path / "evil.txt"
    evil.write_text(EVIL, encoding="utf-8")
    ingest_paths([evil], settings, index, progress=False)
    document = index.store.documents()[0]
    start = document.text.index("<script>", 20)
    shown = passage_html(Citation(doc_id=document.doc_id, start=start, end=start + 8, quote="<script>"), document)
    assert "<mark style=\"background:#ffe58f\">&lt;script&gt;</mark>" in shown and "<script" not in shown
    assert "已不在索引中" in passage_html(Citation(doc_id="gone", start=0, end=1, quote="x"), None)
    assert escape_markdown("[x](javascript:alert(1))") == "\\[x\\]\\(javascript:alert\\(1\\)\\)"


def test_eval_tab_shows_report_and_chart(corpus_app: Running, tmp_path: Path) -> None:
    report, chart = corpus_app.client(tmp_path).predict("extractive", api_name="/run_eval")
    assert report.startswith("# briefgen eval") and "| answers.citation_validity | 1.000 |" in report
    assert Path(chart).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
