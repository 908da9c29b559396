"""Gradio layout, callbacks and serving. Callbacks are a few lines around the library calls the CLI
makes (ask, make_brief, ingest_paths, delete_documents, run_eval); rendering lives in views.py."""

from __future__ import annotations

import atexit
import hashlib
import ipaddress
import logging
import shutil
import tempfile
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import gradio as gr

from briefgen.ask import ask
from briefgen.brief import list_subjects, make_brief
from briefgen.config import Settings
from briefgen.errors import BriefgenError
from briefgen.index import Index
from briefgen.ingest import ingest_paths
from briefgen.models import Brief, Citation, Document, IngestError, IngestReport
from briefgen.render import to_docx, to_json, to_markdown
from briefgen.retrieve import Retriever
from briefgen.ui.views import (
    DOC_HEADERS,
    FIGURE_HEADERS,
    answer_markdown,
    brief_html,
    citation_choices,
    document_rows,
    escape_markdown,
    figure_rows,
    ingest_summary,
    passage_html,
    safe_filename,
    safe_markdown,
)

log = logging.getLogger(__name__)

LLM_CHOICES = ["extractive", "local", "openai", "ollama"]
UPLOAD_SUFFIXES = (".txt", ".md", ".docx", ".pdf")
SEARCHING = "检索中…"
GOLD_DIR = Path(__file__).resolve().parents[2] / "eval" / "gold"


class RWLock:
    """Many readers (ask, brief, eval) or one writer (ingest, delete)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writer = False

    @contextmanager
    def read(self) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: not self._writer)
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def write(self) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: not self._writer and self._readers == 0)
            self._writer = True
        try:
            yield
        finally:
            with self._cond:
                self._writer = False
                self._cond.notify_all()


@dataclass
class Shared:
    """What all sessions share: settings, the index and its lock, server-side folders. Nothing per user."""

    settings: Settings
    index: Index
    lock: RWLock = field(default_factory=RWLock)
    workdir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="briefgen-ui-")))

    def __post_init__(self) -> None:
        atexit.register(shutil.rmtree, self.workdir, ignore_errors=True)  # download copies live in Gradio's cache
        # One retriever for all sessions: its BM25 index is rebuilt only when the store changes.
        self.retriever = Retriever(self.index, self.settings)

    @property
    def upload_dir(self) -> Path:
        return self.settings.paths.data_dir / "uploads"

    def lookup(self, doc_id: str) -> Document | None:
        return self.index.store.document(doc_id)

    def scratch(self) -> Path:
        """A fresh folder for one request's output files."""
        folder = self.workdir / uuid.uuid4().hex
        folder.mkdir(parents=True)
        return folder


def save_upload(source: Path, original: str, shared: Shared) -> Path:
    """Copy one uploaded file into the upload folder under a sanitised, content-addressed name."""
    name, limit = safe_filename(original), shared.settings.serve.max_upload_mb
    if Path(name).suffix.lower() not in UPLOAD_SUFFIXES:
        raise BriefgenError(f"unsupported file type {Path(name).suffix or '(none)'} ({' '.join(UPLOAD_SUFFIXES)})")
    if source.stat().st_size > limit * 1024 * 1024:
        raise BriefgenError(f"file too large ({source.stat().st_size / 1048576:.1f} MB > {limit} MB)")
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:12]
    shared.upload_dir.mkdir(parents=True, exist_ok=True)
    target = (shared.upload_dir / f"{digest}-{name}").resolve()
    if target.parent != shared.upload_dir.resolve():  # belt and braces after sanitising
        raise BriefgenError(f"bad file name {original!r}")
    shutil.copyfile(source, target)
    return target


def merge_report(total: IngestReport, part: IngestReport, shown: str) -> None:
    """Add one file's report to the total; errors name the uploaded file, never a server path."""
    for name in ("added", "replaced", "unchanged", "duplicates"):
        getattr(total, name).extend(getattr(part, name))
    total.chunks_added += part.chunks_added
    total.errors += [IngestError(path=shown, reason=err.reason) for err in part.errors]


class Callbacks:
    """Event handlers over the shared index; per-session data comes and goes as gr.State values."""

    def __init__(self, shared: Shared) -> None:
        self.s = shared

    def ask(self, question: str, llm: str, history: list[dict]) -> Iterator[tuple]:
        if not (question or "").strip():
            raise gr.Error("请输入问题")
        history = [*history, {"role": "user", "content": escape_markdown(question)},
                   {"role": "assistant", "content": SEARCHING}]
        yield history, gr.update(choices=[], value=None), None, "", history, []
        try:
            with self.s.lock.read():
                answer = ask(question, self.s.index, self.s.settings, llm=llm, retriever=self.s.retriever)
                choices = citation_choices(answer.citations, self.s.lookup)
        except BriefgenError as exc:
            raise gr.Error(str(exc)) from exc
        history[-1] = {"role": "assistant", "content": answer_markdown(answer)}
        yield (history, gr.update(choices=choices, value=None), answer.model_dump(mode="json"), "", history,
               [c.model_dump() for c in answer.citations])

    def show_citation(self, choice: str | None, citations: list[dict]) -> str:
        if choice is None or not str(choice).isdigit() or int(choice) >= len(citations):
            return ""
        citation = Citation.model_validate(citations[int(choice)])
        with self.s.lock.read():
            return passage_html(citation, self.s.lookup(citation.doc_id))

    def brief(self, subject: str, llm: str, progress: gr.Progress = gr.Progress()) -> tuple:  # noqa: B008 (Gradio injects it)
        if not subject:
            raise gr.Error("请选择主题")
        progress(0.1, desc=f"检索并起草 {subject} 的简报…")
        try:
            with self.s.lock.read():
                made = make_brief(subject, self.s.index, self.s.settings, llm=llm)
                progress(0.8, desc="渲染 md / docx / json…")
                files, shown = self._write_brief(made), brief_html(made, self.s.lookup)
        except BriefgenError as exc:
            raise gr.Error(str(exc)) from exc
        warnings = "\n".join(f"- {escape_markdown(w)}" for w in made.warnings) or "无"
        return shown, figure_rows(made), warnings, *files

    def _write_brief(self, made: Brief) -> tuple[str, str, str]:
        folder, stem = self.s.scratch(), safe_filename(made.subject)
        md, js = folder / f"{stem}.md", folder / f"{stem}.json"
        md.write_text(to_markdown(made, self.s.lookup), encoding="utf-8")
        js.write_text(to_json(made), encoding="utf-8")
        return str(md), str(to_docx(made, self.s.lookup, folder / f"{stem}.docx")), str(js)

    def ingest(self, files: list[str] | None, progress: gr.Progress = gr.Progress()) -> tuple:  # noqa: B008
        report = IngestReport()
        with self.s.lock.write():
            for upload in progress.tqdm(files or [], desc="入库"):
                shown = safe_filename(Path(upload).name)
                try:
                    saved = save_upload(Path(upload), shown, self.s)
                except BriefgenError as exc:
                    report.errors.append(IngestError(path=shown, reason=str(exc)))
                    continue
                merge_report(report, ingest_paths([saved], self.s.settings, self.s.index, progress=False), shown)
        return ingest_summary(report), *self.library()

    def delete(self, doc_id: str | None) -> tuple:
        with self.s.lock.write():
            found = bool(doc_id) and self.s.index.store.has_document(doc_id or "")
            if found:
                self.s.index.delete_documents([doc_id or ""])
        message = f"{'已删除' if found else '没有文档'} {escape_markdown(doc_id or '')}"
        return message, *self.library()

    def library(self) -> tuple:
        """Document table, delete choices and brief subjects, as of now."""
        with self.s.lock.read():
            rows = document_rows(self.s.index)
            subjects = [s.name for s in list_subjects(self.s.index)]
        docs = [(f"{r[1]} ({r[0]})", r[0]) for r in rows]
        return rows, gr.update(choices=docs, value=None), gr.update(choices=subjects, value=subjects[0] if subjects else None)

    def evaluate(self, llm: str, progress: gr.Progress = gr.Progress()) -> tuple[str, str]:  # noqa: B008
        from briefgen.evaluate import run_eval, write_report

        if not (GOLD_DIR / "questions.json").exists():
            raise gr.Error(f"没有金标准数据：{GOLD_DIR}")
        progress(0.1, desc="评测中…")
        out = self.s.scratch()
        with self.s.lock.read():
            report = run_eval(self.s.settings, gold_dir=GOLD_DIR, corpus=None, llm=llm, out_dir=out, index=self.s.index)
        paths = write_report(report, out)
        return safe_markdown(paths["md"].read_text(encoding="utf-8")), str(paths["chart"])


def build_app(settings: Settings, index: Index | None = None) -> gr.Blocks:
    """The four tabs over one shared index (opened from settings when not given)."""
    cb = Callbacks(Shared(settings, index or Index(settings)))
    rows, docs, subjects = cb.library()
    with gr.Blocks(title="briefgen") as demo:
        gr.Markdown("## briefgen — 扩权强县政策文献：有出处的问答与 成效/问题/建议 简报")
        with gr.Tab("问答"):
            _chat_tab(cb)
        with gr.Tab("简报"):
            subject = _brief_tab(cb, subjects)
        with gr.Tab("文档库"):
            table, doc_choice = _library_tab(cb, rows, docs, subject)
        with gr.Tab("评测"):
            _eval_tab(cb)
        demo.load(cb.library, None, [table, doc_choice, subject], api_name="library")
    return demo


def _llm_radio() -> gr.Radio:
    return gr.Radio(LLM_CHOICES, value="extractive", label="LLM", info="extractive 无需模型；local/openai/ollama 需配置")


def _chat_tab(cb: Callbacks) -> None:
    history, citations = gr.State([]), gr.State([])
    with gr.Row():
        with gr.Column(scale=3):
            chat = gr.Chatbot(label="问答", height=420, sanitize_html=True, allow_tags=False, elem_id="chat")
            question = gr.Textbox(label="问题", placeholder="武胜县扩权后行政审批时间缩短了多少？", elem_id="question")
            with gr.Row():
                send = gr.Button("提问", variant="primary", elem_id="ask-button")
                llm = _llm_radio()
        with gr.Column(scale=2):
            choice = gr.Radio([], label="引用（点击查看原文）", elem_id="citations")
            passage = gr.HTML(elem_id="passage")
            with gr.Accordion("JSON", open=False):
                raw = gr.JSON(label="Answer")
    asked = gr.on([send.click, question.submit], cb.ask, [question, llm, history],
                  [chat, choice, raw, passage, history, citations], api_name="ask", concurrency_limit=8)
    asked.then(lambda: "", None, question, api_visibility="private")
    chat.clear(lambda: ([], [], gr.update(choices=[], value=None), ""), None, [history, citations, choice, passage],
               api_visibility="private")
    choice.change(cb.show_citation, [choice, citations], passage, api_name="show_citation", concurrency_limit=8)


def _brief_tab(cb: Callbacks, subjects: dict[str, Any]) -> gr.Dropdown:
    with gr.Row():
        subject = gr.Dropdown(label="主题（县/镇）", allow_custom_value=True, **_choices(subjects))
        llm = _llm_radio()
        go = gr.Button("生成简报", variant="primary")
    with gr.Row():
        md = gr.DownloadButton("下载 .md", size="sm")
        docx = gr.DownloadButton("下载 .docx", size="sm")
        js = gr.DownloadButton("下载 .json", size="sm")
    shown = gr.HTML(elem_id="brief")
    figures = gr.Dataframe(headers=FIGURE_HEADERS, label="数字核对", interactive=False, wrap=True)
    warnings = gr.Markdown(label="核查提示")
    go.click(cb.brief, [subject, llm], [shown, figures, warnings, md, docx, js], api_name="brief", concurrency_limit=4)
    return subject


def _library_tab(cb: Callbacks, rows: list, docs: dict[str, Any], subject: gr.Dropdown) -> tuple[gr.Dataframe, gr.Dropdown]:
    mb = cb.s.settings.serve.max_upload_mb
    files = gr.File(label=f"上传文件（{' '.join(UPLOAD_SUFFIXES)}，每个 ≤ {mb} MB）", file_count="multiple", type="filepath")
    go = gr.Button("入库", variant="primary")
    status = gr.Markdown()
    table = gr.Dataframe(value=rows, headers=DOC_HEADERS, label="文档", interactive=False, wrap=True)
    with gr.Row():
        doc_choice = gr.Dropdown(label="删除文档", allow_custom_value=True, **_choices(docs))
        delete = gr.Button("删除", variant="stop")
    outputs = [status, table, doc_choice, subject]
    go.click(cb.ingest, files, outputs, api_name="ingest", concurrency_limit=1)
    delete.click(cb.delete, doc_choice, outputs, api_name="delete_document", concurrency_limit=1)
    return table, doc_choice


def _eval_tab(cb: Callbacks) -> None:
    with gr.Row():
        llm = _llm_radio()
        go = gr.Button("运行评测", variant="primary")
    chart = gr.Image(label="chart.png", type="filepath")
    report = gr.Markdown()
    go.click(cb.evaluate, llm, [report, chart], api_name="run_eval", concurrency_limit=1)


def _choices(update: dict[str, Any]) -> dict[str, Any]:
    return {k: update[k] for k in ("choices", "value") if k in update}


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name may resolve to any interface


def check_bind(settings: Settings, host: str) -> tuple[str, str] | None:
    """The login to require; binding beyond loopback without one is refused."""
    user, password = settings.serve.auth_user, settings.serve.auth_password
    if user and password:
        return (user, password)
    if not _is_loopback(host):
        raise BriefgenError(f"refusing to serve on {host} without a login: set BRIEFGEN_SERVE__AUTH_USER and "
                            "BRIEFGEN_SERVE__AUTH_PASSWORD, or bind 127.0.0.1")
    return None


def serve(settings: Settings, host: str | None = None, port: int | None = None, *, index: Index | None = None,
          block: bool = True) -> gr.Blocks:
    """Launch the app (blocking; with block=False it returns the running app, stop it with .close())."""
    host = host or settings.serve.host
    auth = check_bind(settings, host)
    demo = build_app(settings, index)
    demo.queue(default_concurrency_limit=4)
    demo.launch(server_name=host, server_port=port or settings.serve.port, auth=auth, prevent_thread_lock=not block,
                max_file_size=f"{settings.serve.max_upload_mb}mb", quiet=not block, ssr_mode=False)
    return demo
