"""Chroma server mode: the same code talks to a real `chroma run` on 127.0.0.1 (HttpClient)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefgen.ask import ask
from briefgen.brief import make_brief
from briefgen.config import Settings
from briefgen.embed import HashEmbedder
from briefgen.index import Index
from briefgen.ingest import ingest_paths
from tests.conftest import free_port

CHROMA = Path(sys.executable).with_name("chroma")


def _wait(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"chroma server did not open port {port}")


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[str]:
    if not CHROMA.exists() and shutil.which("chroma") is None:
        pytest.skip("chroma CLI not installed")
    port = free_port()
    process = subprocess.Popen([str(CHROMA), "run", "--path", str(tmp_path / "chroma-server"), "--host", "127.0.0.1",
                                "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait(port)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_ingest_ask_brief_through_a_chroma_server(chroma_server: str, sample_corpus: Path) -> None:
    settings = Settings(embed={"model": "hash"}, chroma_url=chroma_server)  # type: ignore[arg-type]
    index = Index(settings, embedder=HashEmbedder())
    assert "fastapi" in index.client.get_settings().chroma_api_impl.lower()  # HttpClient, not embedded
    assert not (settings.paths.data_dir / "chroma").exists()
    report = ingest_paths([sample_corpus], settings, index, progress=False)
    assert report.chunks_added == len(index.indexed_chunks()) > 50
    answer = ask("武胜县扩权后行政审批时间缩短了多少？", index, settings)
    assert "3天" in answer.answer
    for citation in answer.citations:
        assert index.store.document(citation.doc_id).text[citation.start : citation.end] == citation.quote
    brief = make_brief("凤阳县", index, settings)
    assert brief.achievements and brief.recommendations == []
    # a second client (another team member) sees the same vectors through the server
    other = Index(settings, embedder=HashEmbedder())
    assert other.vector_count() == index.vector_count()
