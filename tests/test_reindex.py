"""A data folder indexed with other settings: a clear error, and `reindex` rebuilds it in place."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefgen.chunk import chunk_document
from briefgen.cli import app
from briefgen.config import Settings
from briefgen.embed import HashEmbedder
from briefgen.errors import IndexMismatchError
from briefgen.index import Index
from briefgen.ingest import ingest_paths, reindex
from briefgen.retrieve import Retriever


def _smaller_chunks(settings: Settings) -> Settings:
    return settings.model_copy(update={"chunk": settings.chunk.model_copy(update={"max_chars": 120})})


def test_other_chunk_settings_on_an_indexed_folder_is_a_clear_error(sample_corpus: Path, settings: Settings,
                                                                     index: Index) -> None:
    ingest_paths([sample_corpus], settings, index, progress=False)
    with pytest.raises(IndexMismatchError, match="briefgen reindex"):
        Index(_smaller_chunks(settings), embedder=HashEmbedder())
    Index(settings, embedder=HashEmbedder())  # the settings it was built with still open it


def test_reindex_rebuilds_chunks_and_vectors_and_drops_the_old_collection(sample_corpus: Path, settings: Settings,
                                                                          index: Index) -> None:
    ingest_paths([sample_corpus], settings, index, progress=False)
    before = len(index.store.chunks())
    old_name = index.collection.name
    smaller = _smaller_chunks(settings)
    rebuilt = Index(smaller, embedder=HashEmbedder(), check=False)
    report = reindex(smaller, rebuilt, progress=False)
    chunks = rebuilt.store.chunks()
    assert len(report.replaced) == 14 and report.chunks_added == len(chunks) > before
    for document in rebuilt.store.documents(include_duplicates=False):  # exactly what the new settings chunk
        assert [c.text for c in rebuilt.store.chunks(document.doc_id)] == [
            c.text for c in chunk_document(document, smaller.chunk)]
    assert rebuilt.indexed_chunks() == {c.chunk_id for c in chunks}
    assert old_name not in {c.name for c in rebuilt.client.list_collections()}
    reopened = Index(smaller, embedder=HashEmbedder())  # no error now
    hits = Retriever(reopened, smaller).search("武胜县扩权后行政审批时间缩短了多少？")
    assert hits and all(h.chunk.chunk_id in {c.chunk_id for c in chunks} for h in hits)


def test_an_interrupted_reindex_is_still_flagged_and_a_rerun_finishes(sample_corpus: Path, settings: Settings,
                                                                      index: Index,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    ingest_paths([sample_corpus], settings, index, progress=False)
    smaller = _smaller_chunks(settings)
    calls = []

    def fail_second(self: Index, units: list, vectors: list) -> None:
        calls.append(len(units))
        if len(calls) == 2:
            raise KeyboardInterrupt
        original(self, units, vectors)

    original = Index.add_vectors
    monkeypatch.setattr(Index, "add_vectors", fail_second)
    with pytest.raises(KeyboardInterrupt):
        reindex(smaller, Index(smaller, embedder=HashEmbedder(), check=False), progress=False)
    monkeypatch.setattr(Index, "add_vectors", original)
    with pytest.raises(IndexMismatchError):
        Index(smaller, embedder=HashEmbedder())
    reindex(smaller, Index(smaller, embedder=HashEmbedder(), check=False), progress=False)
    done = Index(smaller, embedder=HashEmbedder())
    assert done.indexed_chunks() == {c.chunk_id for c in done.store.chunks()}


def test_reindex_command(sample_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFGEN_EMBED__MODEL", "hash")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(sample_corpus)]).exit_code == 0
    monkeypatch.setenv("BRIEFGEN_CHUNK__MAX_CHARS", "120")
    failed = runner.invoke(app, ["docs"])
    assert failed.exit_code != 0 and "briefgen reindex" in str(failed.exception or failed.output)
    result = runner.invoke(app, ["reindex", "--stale-only"])
    assert result.exit_code == 0 and "re-indexed 14 documents" in result.output
    assert runner.invoke(app, ["docs"]).exit_code == 0
    assert "nothing to re-index" in runner.invoke(app, ["reindex", "--stale-only"]).output  # up to date


def test_the_store_version_follows_writes_of_this_and_other_connections(tmp_path: Path) -> None:
    from briefgen.models import Chunk, Document, Source
    from briefgen.store import DocStore

    def put(store: DocStore, doc_id: str) -> None:  # one ready document with one chunk
        document = Document(doc_id=doc_id, title="t", source=Source(path=f"{doc_id}.txt"), text="扩权强县", sha256=doc_id)
        store.put_pending([document], {})
        store.put_chunks([Chunk(chunk_id=f"{doc_id}:0", doc_id=doc_id, n=0, start=0, end=4, text="扩权强县")], [["扩权"]])
        store.commit_file(f"{doc_id}.txt", doc_id, [doc_id], [])

    reader, writer = DocStore(tmp_path / "store.db"), DocStore(tmp_path / "store.db")
    empty = reader.version()
    assert reader.version() == empty  # cached: nothing changed
    put(writer, "a")
    after_other = reader.version()
    assert after_other != empty  # another connection's commit is seen
    put(reader, "b")
    assert reader.version() not in (empty, after_other)  # and this connection's own writes
    writer.delete_documents(["a", "b"])
    assert reader.version() == empty
