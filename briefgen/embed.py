"""Embedding models behind one small protocol: the real sentence-transformers model and test fakes."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Protocol

import numpy as np

from briefgen.config import Settings
from briefgen.errors import ModelNotFoundError

log = logging.getLogger(__name__)


class Embedder(Protocol):
    """What the index and the retriever need from an embedding model."""

    name: str

    def embed_documents(self, texts: list[str]) -> list[list[float]]: ...

    def embed_query(self, text: str) -> list[float]: ...


def resolve_model_path(name: str, models_dir: Path) -> str:
    """A name under the model cache, a local path, or (for users with internet) a hub id."""
    cached = models_dir / name
    if cached.exists():
        return str(cached)
    if Path(name).expanduser().exists():
        return str(Path(name).expanduser())
    if "/" in name and not name.startswith((".", "/")):
        return name
    raise ModelNotFoundError(f"model {name!r} not found in {models_dir}; run `briefgen models pull` first")


class SentenceTransformerEmbedder:
    """sentence-transformers with the model's own query/document prompts (EmbeddingGemma has both)."""

    def __init__(self, settings: Settings) -> None:
        from sentence_transformers import SentenceTransformer

        path = resolve_model_path(settings.embed.model, settings.paths.models_dir)
        self.name = settings.embed.model
        self.model = SentenceTransformer(path, device="cpu", local_files_only=True)
        self.model.max_seq_length = settings.embed.max_seq_length
        self.batch_size = settings.embed.batch_size
        prompts = getattr(self.model, "prompts", {}) or {}
        self.query_prompt = settings.embed.query_prompt if settings.embed.query_prompt in prompts else None
        self.doc_prompt = settings.embed.document_prompt if settings.embed.document_prompt in prompts else None

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        vectors = self.model.encode(texts, prompt_name=self.doc_prompt, batch_size=self.batch_size,
                                    normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
        return [list(map(float, v)) for v in vectors]

    def embed_query(self, text: str) -> list[float]:
        vector = self.model.encode([text], prompt_name=self.query_prompt, normalize_embeddings=True,
                                   convert_to_numpy=True, show_progress_bar=False)[0]
        return list(map(float, vector))


class StaticEmbedder:
    """A model2vec static model (the fast profile): a token-vector lookup and a mean, ~1000x faster
    than the transformer it was distilled from, at some cost in quality (see the benchmark)."""

    def __init__(self, settings: Settings, path: str) -> None:
        from model2vec import StaticModel

        self.name = settings.embed.model
        self.model = StaticModel.from_pretrained(path)

    def _encode(self, texts: list[str]) -> list[list[float]]:
        vectors = self.model.encode(texts, show_progress_bar=False)
        norms = (vectors * vectors).sum(axis=1, keepdims=True) ** 0.5
        return (vectors / np.maximum(norms, 1e-12)).tolist()  # type: ignore[no-any-return]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._encode(texts)

    def embed_query(self, text: str) -> list[float]:
        return self._encode([text])[0]


def is_static_model(path: str) -> bool:
    """A model2vec folder: its config.json says "model_type": "model2vec"."""
    import json

    config = Path(path) / "config.json"
    try:
        return json.loads(config.read_text(encoding="utf-8")).get("model_type") == "model2vec"
    except (OSError, ValueError, AttributeError):
        return False


class HashEmbedder:
    """Deterministic character-bigram hashing embedder: fast, no model, for tests and dry runs."""

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim
        self.name = f"hash-bigram-{dim}"

    def _vector(self, text: str) -> list[float]:
        import zlib

        vector = [0.0] * self.dim
        compact = "".join(text.split())
        for i in range(len(compact) - 1):
            vector[zlib.crc32(compact[i : i + 2].encode()) % self.dim] += 1.0
        norm = sum(v * v for v in vector) ** 0.5 or 1.0
        return [v / norm for v in vector]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)


_CACHE: dict[tuple[str, str], Embedder] = {}


def get_embedder(settings: Settings) -> Embedder:
    """The configured embedder, loaded once per process (`hash` selects the model-free one)."""
    key = (settings.embed.model, str(settings.paths.models_dir))
    if key not in _CACHE:
        if settings.embed.model.startswith("hash"):
            _CACHE[key] = HashEmbedder()
        elif is_static_model(path := resolve_model_path(settings.embed.model, settings.paths.models_dir)):
            _CACHE[key] = StaticEmbedder(settings, path)
        else:
            log.info("loading embedding model %s", settings.embed.model)
            _CACHE[key] = SentenceTransformerEmbedder(settings)
    return _CACHE[key]
