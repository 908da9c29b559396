"""Shared fakes: every data folder under tmp_path, a hash embedder, the sample corpus path."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from briefgen.config import Settings
from briefgen.embed import HashEmbedder
from briefgen.index import Index

REPO = Path(__file__).resolve().parents[1]
SAMPLE = Path(os.environ.get("BRIEFGEN_SAMPLE_CORPUS", REPO.parent / "shared/corpus/raw/kuoquan_corpus.txt"))


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point every data folder at tmp_path; models stay in the real cache (read-only use)."""
    monkeypatch.setenv("BRIEFGEN_PATHS__DATA_DIR", str(tmp_path / "vectorstore"))
    monkeypatch.setenv("BRIEFGEN_PATHS__LLM_CACHE_DIR", str(tmp_path / "llm-cache"))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(embed={"model": "hash"})  # type: ignore[arg-type]


@pytest.fixture
def index(settings: Settings) -> Index:
    built = Index(settings, embedder=HashEmbedder())
    yield built
    built.close()


@pytest.fixture
def sample_corpus() -> Path:
    if not SAMPLE.exists():
        pytest.skip(f"sample corpus not found at {SAMPLE}")
    return SAMPLE


def free_port() -> int:
    """A free TCP port on 127.0.0.1 (for the servers tests start)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def hash_settings(root: Path) -> Settings:
    """Settings with the model-free hash embedder and every data folder under root."""
    return Settings(embed={"model": "hash"}, paths={"data_dir": root / "vectorstore",  # type: ignore[arg-type]
                                                    "llm_cache_dir": root / "llm-cache"})
