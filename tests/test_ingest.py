"""Ingest: splitting the sample dump, verbatim spans, idempotence, bad input, crash safety."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from briefgen.chunk import chunk_document
from briefgen.config import ChunkSettings, Settings
from briefgen.index import Index
from briefgen.ingest import ingest_paths
from briefgen.ingest.documents import documents_from_file
from briefgen.ingest.split import split_documents

REPORT = textwrap.dedent("""\
    某某市青石县扩权强县试点工作情况报告

    某某市青石县扩权强县试点工作情况报告

    一、工作成效
    (一)审批提速。青石县行政审批时间由原来平均10天缩减为4天,企业满意度明显提高。2012年全县争取项目资金3.5亿元,同比增长18.2%。
    二、存在的问题
    (一)人员不足。县发展改革局仅有6人,承担的业务量大。
    三、政策建议
    (一)充实力量。建议增加编制,加强培训。
    """)

OTHER_REPORT = textwrap.dedent("""\
    白水镇扩权强镇工作汇报

    一、主要做法
    (一)建立机构。白水镇成立扩权强镇工作领导小组,镇长任组长,下设办公室,抽调骨干人员集中办公。
    (二)承接权限。县里下放的12项管理权限已全部承接到位,办事群众不出镇即可办理。
    二、存在的困难
    (一)资金缺口较大。小城镇基础设施建设需要大量投入,镇级财力难以支撑。
    """)


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_sample_dump_splits_into_its_documents(sample_corpus: Path) -> None:
    docs = split_documents(sample_corpus.read_text(encoding="utf-8"))
    titles = [d.title for d in docs]
    assert len(docs) == 16
    assert titles[0] == "广安市武胜县“扩权强县”试点工作初步成效及政策建议"
    assert titles.count(titles[0]) == 2  # the repeated copy near the end
    assert "凤阳县推进扩权强镇试点工作情况汇报" in titles
    assert titles[-1] == "2019年某县开展扩权强县试点工作总结"
    assert not any("相关文档" in t or "最新文档" in t for t in titles)
    assert "最新文档" not in sample_corpus.read_text(encoding="utf-8")[docs[-1].start : docs[-1].end]


def test_duplicates_are_flagged_and_indexed_once(sample_corpus: Path, settings: Settings, index: Index) -> None:
    report = ingest_paths([sample_corpus], settings, index, progress=False)
    documents = index.store.documents()
    duplicates = [d for d in documents if d.duplicate_of]
    assert len(documents) == 16 and len(duplicates) == 2
    for dup in duplicates:
        assert index.store.chunks(dup.doc_id) == []
        assert index.store.document(dup.duplicate_of) is not None
    assert report.chunks_added == len(index.indexed_chunks()) == len(index.store.chunks())
    assert index.vector_count() > report.chunks_added  # a vector per sentence


def test_chunk_spans_are_verbatim(sample_corpus: Path) -> None:
    limit = ChunkSettings().max_chars + 40
    for document in documents_from_file(sample_corpus, 10**8):
        chunks = chunk_document(document)
        assert chunks, document.title
        for chunk in chunks:
            assert document.text[chunk.start : chunk.end] == chunk.text
            assert len(chunk.text) <= limit or "\n" not in chunk.text.strip()


def test_sections_and_heading_paths(tmp_path: Path) -> None:
    document = documents_from_file(_write(tmp_path / "r.txt", REPORT), 10**8)[0]
    chunks = chunk_document(document)
    by_section = {c.section: c for c in chunks}
    assert set(by_section) >= {"成效", "问题", "建议"}
    assert by_section["问题"].heading_path == "二、存在的问题 > （一）人员不足"
    assert document.region.county == "青石县" or document.region.county is None


def test_short_sibling_items_share_a_chunk(tmp_path: Path) -> None:
    long_item = "（四）资金紧张。" + "镇级财力难以支撑基础设施建设，" * 30 + "缺口较大。"
    filler = "承接的审批事项逐年增加，现有力量难以适应新的工作要求，群众办事仍需多次往返，基层意见较多，亟待改进。"  # items above min_chars
    text = REPORT.replace("(一)人员不足。县发展改革局仅有6人,承担的业务量大。",
                          f"（一）人员不足。县发展改革局仅有6人。{filler}\n（二）能力不足。业务培训较少。{filler}\n"
                          f"（三）衔接不畅。市县部门对接不顺。{filler}\n{long_item}")
    document = documents_from_file(_write(tmp_path / "r.txt", text), 10**8)[0]
    problems = [c for c in chunk_document(document) if c.section == "问题"]
    assert problems[0].heading_path == "二、存在的问题 > （一）人员不足；（二）能力不足；（三）衔接不畅"
    assert "6人" in problems[0].text and "对接不顺" in problems[0].text and "资金紧张" not in problems[0].text
    assert all(c.heading_path == "二、存在的问题 > （四）资金紧张" for c in problems[1:])  # too long to join
    assert not any("充实力量" in c.text for c in problems)  # never across a top-level heading
    apart = chunk_document(document, ChunkSettings(pack_items=False))
    assert [c.heading_path for c in apart if c.section == "问题"][:3] == [
        "二、存在的问题 > （一）人员不足", "二、存在的问题 > （二）能力不足", "二、存在的问题 > （三）衔接不畅"]


def test_a_section_of_one_short_line_joins_the_next_of_its_kind(tmp_path: Path) -> None:
    text = ("关于推进扩权强镇试点工作的实施方案\n一、指导思想 坚持统筹城乡发展，以规划为龙头、以产业为支撑，推进新型工业化和城镇化。\n"
            "二、实施范围 全省首批扩权强镇试点镇青石镇。\n三、发展目标 试点镇财政总收入年均增长25%以上，规模以上工业总产值年均增长20%以上。\n"
            "四、存在问题 试点镇人员编制不足。\n五、下一步打算 充实试点镇人员力量，落实编制。\n")
    document = documents_from_file(_write(tmp_path / "p.txt", text), 10**8)[0]
    chunks = chunk_document(document)
    scope = next(c for c in chunks if "青石镇" in c.text)
    assert "25%" in scope.text and scope.heading_path.startswith("三、发展目标")  # not a chunk of its own
    problem = next(c for c in chunks if "编制不足" in c.text)
    assert "充实" not in problem.text and problem.section == "问题"  # 问题 never joins 建议


def test_reingest_is_a_noop_and_a_change_replaces(tmp_path: Path, settings: Settings, index: Index) -> None:
    path = _write(tmp_path / "r.txt", REPORT)
    first = ingest_paths([path], settings, index, progress=False)
    again = ingest_paths([path], settings, index, progress=False)
    assert first.chunks_added > 0 and again.chunks_added == 0 and again.unchanged == first.added
    count = index.vector_count()
    _write(path, REPORT.replace("6人", "8人"))
    changed = ingest_paths([path], settings, index, progress=False)
    assert changed.replaced and changed.replaced != first.added
    assert index.vector_count() == count
    assert index.indexed_chunks() == {c.chunk_id for c in index.store.chunks()}
    assert index.store.document(first.added[0]) is None


@pytest.mark.parametrize("name,payload,reason", [
    ("empty.txt", b"", "empty file"),
    ("binary.txt", bytes(range(256)) * 20, "binary file"),
    ("bad.txt", b"\x80\xfa\xff\x9c" * 60, "undecodable"),
    ("corrupt.docx", b"PK\x03\x04 not really a zip", "corrupt docx"),
    ("corrupt.pdf", b"%PDF-1.4\n garbage without xref", "corrupt pdf"),
    ("image.png", b"\x89PNG....", "unsupported file type"),
])
def test_bad_input_is_reported_and_the_rest_ingested(tmp_path: Path, settings: Settings, index: Index,
                                                      name: str, payload: bytes, reason: str) -> None:
    good = _write(tmp_path / "good.txt", REPORT)
    ingest_paths([good], settings, index, progress=False)
    before = (index.vector_count(), [d.doc_id for d in index.store.documents()])
    bad = tmp_path / name
    bad.write_bytes(payload)
    other = _write(tmp_path / "gbk.txt", OTHER_REPORT, encoding="gb18030")
    report = ingest_paths([bad, other, tmp_path / "missing.txt"], settings, index, progress=False)
    errors = {e.path: e.reason for e in report.errors}
    assert set(errors) == {str(bad), str(tmp_path / "missing.txt")}
    assert reason in errors[str(bad)]
    assert len(report.added) == 1  # the GBK file went in
    assert index.vector_count() > before[0]
    assert set(before[1]) <= {d.doc_id for d in index.store.documents()}


def test_huge_file_is_rejected(tmp_path: Path, settings: Settings, index: Index) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse 50 MB
    report = ingest_paths([huge], settings, index, progress=False)
    assert "file too large" in report.errors[0].reason


def test_scanned_pdf_has_no_text_layer(tmp_path: Path, settings: Settings, index: Index) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    path = tmp_path / "scan.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    report = ingest_paths([path], settings, index, progress=False)
    assert report.errors[0].reason == "no text layer (OCR not supported)"


def test_docx_tables_are_kept_as_rows(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("青石县扩权强县工作报告")
    document.add_paragraph("一、工作成效。全县审批时间明显缩短，项目申报更加直接，财政保障更加有力，县域经济加快发展。" * 3)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "指标", "2012年"
    table.cell(1, 0).text, table.cell(1, 1).text = "财政收入", "3.5亿元"
    path = tmp_path / "r.docx"
    document.save(str(path))
    text = documents_from_file(path, 10**8)[0].text
    assert "财政收入 | 3.5亿元" in text


def test_corrupt_zip_docx_named(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a word document")
    from briefgen.errors import LoadError

    with pytest.raises(LoadError, match=r"broken\.docx: corrupt docx"):
        documents_from_file(path, 10**8)


_KILL_SCRIPT = """
import os, sys, time
from pathlib import Path
from briefgen.config import Settings
from briefgen.embed import HashEmbedder
from briefgen.index import Index
from briefgen.ingest import ingest_paths

class SlowIndex(Index):
    def add_vectors(self, units, vectors):  # one document at a time, slowly: room to be killed
        for doc_id in dict.fromkeys(u.document.doc_id for u in units):
            mine = [i for i, u in enumerate(units) if u.document.doc_id == doc_id]
            super().add_vectors([units[i] for i in mine], [vectors[i] for i in mine])
            print("UPSERT", flush=True)
            time.sleep(0.2)

settings = Settings(embed={"model": "hash"})
index = SlowIndex(settings, embedder=HashEmbedder())
ingest_paths([Path(p) for p in sys.argv[1:]], settings, index, progress=False)
print("DONE", flush=True)
"""


def test_sigkill_mid_ingest_leaves_a_consistent_store(tmp_path: Path, sample_corpus: Path, settings: Settings) -> None:
    env = {**os.environ, "BRIEFGEN_PATHS__DATA_DIR": str(settings.paths.data_dir)}
    process = subprocess.Popen([sys.executable, "-c", _KILL_SCRIPT, str(sample_corpus)], stdout=subprocess.PIPE,
                               env=env, text=True)
    assert process.stdout is not None
    for _ in range(4):  # several documents' vectors written, more to come, nothing committed
        assert process.stdout.readline().startswith("UPSERT")
    process.send_signal(signal.SIGKILL)
    process.wait()
    from briefgen.embed import HashEmbedder

    index = Index(settings, embedder=HashEmbedder())
    assert index.store.documents() == []  # nothing half-visible: the file never committed
    assert index.vector_count() == 0
    ingest_paths([sample_corpus], settings, index, progress=False)
    ids = [c.chunk_id for c in index.store.chunks()]
    assert len(ids) == len(set(ids)) == len(index.indexed_chunks())
    assert len(index.store.documents()) == 16


def test_shingle_index_finds_the_containing_document() -> None:
    from briefgen.ingest.metadata import ShingleIndex, shingles

    base = "青石县扩权强县试点以来行政审批时间由原来平均10天缩减为4天企业满意度明显提高项目资金增长较快"
    index = ShingleIndex([("a", shingles(base)), ("b", shingles("白水镇扩权强镇工作汇报镇长任组长下设办公室"))])
    truncated = shingles(base[:30])
    assert index.container(truncated, exclude=set()) == "a"
    assert index.container(truncated, exclude={"a"}) is None  # a file's own old version never counts
    assert index.container(shingles("完全不同的一段文字，讲的是农村集体经济组织的改革进展情况"), exclude=set()) is None
    assert index.container(set(), exclude=set()) is None


def test_a_file_with_a_title_and_no_body_is_an_error(tmp_path: Path, settings: Settings, index: Index) -> None:
    bare = _write(tmp_path / "bare.txt", "青石县扩权强镇工作情况\n一、概况\n略。\n")
    good = _write(tmp_path / "good.txt", REPORT)
    report = ingest_paths([bare, good], settings, index, progress=False)
    assert [(e.path, "no document body" in e.reason) for e in report.errors] == [(str(bare), True)]
    assert len(report.added) == 1


def test_bm25_text_has_the_title_once_for_every_chunk(tmp_path: Path) -> None:
    from briefgen.ingest import lexical_text, without_title

    title = "某某市青石县扩权强县试点工作情况报告"
    text = REPORT.replace("一、工作成效", f"{title}（2012年）{title}\n一、工作成效")
    document = documents_from_file(_write(tmp_path / "p.txt", text), 10**8)[0]
    chunks = chunk_document(document)
    assert document.title == title and document.text.count(title) == 3
    assert [lexical_text(document, c).count(title) for c in chunks] == [1] * len(chunks)
    assert without_title(f"{title}，2009-08-05", title) == "，2009-08-05"
    assert without_title("扩权强镇", "方案") == "扩权强镇"  # a title too short to be specific
