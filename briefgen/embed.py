"""Embedding models behind one small protocol: the real sentence-transformers model and test fakes."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Protocol

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

    backend = "PyTorch"

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


Tokenize = Callable[[list[str]], Mapping[str, Any]]  # texts → input_ids and attention_mask, padded right


def hf_tokenize(tokenizer: Any, max_length: int) -> Tokenize:
    """A transformers tokenizer, called as sentence-transformers calls it."""
    return lambda texts: tokenizer(texts, padding=True, truncation=True, max_length=max_length, return_tensors="np")


def rust_tokenize(path: str, max_length: int) -> Tokenize | None:
    """The model's tokenizer.json run by `tokenizers` alone: no transformers or torch import (several seconds
    off a cold `briefgen ask`). None when the folder lacks tokenizer.json or a known pad token; the export
    checks that it gives the transformers tokenizer's ids before it is used."""
    import json

    from tokenizers import Tokenizer

    folder = Path(path)
    try:
        tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        config = json.loads((folder / "tokenizer_config.json").read_text(encoding="utf-8"))
    except Exception:  # OSError, ValueError, or the plain Exception tokenizers raises on a malformed file
        return None
    pad = config.get("pad_token") if isinstance(config, dict) else None
    pad_id = tokenizer.token_to_id(pad) if isinstance(pad, str) else None
    if pad_id is None:
        return None
    tokenizer.enable_padding(pad_id=pad_id, pad_token=pad, direction="right")
    tokenizer.enable_truncation(max_length=max_length)

    def tokenize(texts: list[str]) -> dict[str, np.ndarray]:
        encodings = tokenizer.encode_batch(texts)
        return {"input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64)}

    return tokenize


class OnnxEncoder:
    """A graph written by `briefgen.onnx_export` run by ONNX Runtime: texts in, unit vectors out."""

    def __init__(self, graph: Path, tokenize: Tokenize) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.log_severity_level = 3
        self.session = ort.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"])
        self.tokenize = tokenize

    def _run(self, texts: list[str]) -> np.ndarray:
        tokens = self.tokenize(texts)
        feeds = {name: np.asarray(tokens[name], dtype=np.int64) for name in ("input_ids", "attention_mask")}
        vectors = np.asarray(self.session.run(None, feeds)[0], dtype=np.float32)
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)  # type: ignore[no-any-return]

    def encode(self, texts: list[str], batch_size: int) -> np.ndarray:
        """Texts batched by length (little padding), vectors back in the input order."""
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out = np.zeros((len(texts), 0), dtype=np.float32)
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            vectors = self._run([texts[i] for i in chunk])
            if out.shape[1] == 0:
                out = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
            out[chunk] = vectors
        return out


def _prompts(path: str) -> dict[str, str]:
    """The model's named prompts (config_sentence_transformers.json), as sentence-transformers reads them."""
    import json

    try:
        config = json.loads((Path(path) / "config_sentence_transformers.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    prompts = config.get("prompts") if isinstance(config, dict) else None
    return {str(k): str(v) for k, v in prompts.items()} if isinstance(prompts, dict) else {}


class OnnxEmbedder:
    """The sentence-transformers model through its ONNX export: the same vectors, about 2x faster per
    query on CPU, and no PyTorch weights in memory."""

    backend = "ONNX Runtime"

    def __init__(self, settings: Settings, path: str, graph: Path, fast_tokenizer: bool = False) -> None:
        self.name = settings.embed.model
        prompts = _prompts(path)
        self.query_prefix = prompts.get(settings.embed.query_prompt or "", "")
        self.doc_prefix = prompts.get(settings.embed.document_prompt or "", "")
        self.batch_size = settings.embed.batch_size
        limit = settings.embed.max_seq_length
        tokenize = rust_tokenize(path, limit) if fast_tokenizer else None
        if tokenize is None:
            from transformers import AutoTokenizer

            tokenize = hf_tokenize(AutoTokenizer.from_pretrained(path, local_files_only=True), limit)
        self.encoder = OnnxEncoder(graph, tokenize)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        vectors = self.encoder.encode([self.doc_prefix + t for t in texts], self.batch_size)
        return vectors.tolist()  # type: ignore[no-any-return]

    def embed_query(self, text: str) -> list[float]:
        return self.encoder.encode([self.query_prefix + text], 1)[0].tolist()  # type: ignore[no-any-return]


class StaticEmbedder:
    """A model2vec static model (the fast profile): a token-vector lookup and a mean, ~1000x faster
    than the transformer it was distilled from, at some cost in quality (see the benchmark)."""

    backend = "model2vec"

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

    backend = "hash"

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


_CACHE: dict[tuple[str, str, str], Embedder] = {}


def get_embedder(settings: Settings) -> Embedder:
    """The configured embedder, loaded once per process (`hash` selects the model-free one)."""
    key = (settings.embed.model, str(settings.paths.models_dir), settings.embed.backend)
    if key not in _CACHE:
        if settings.embed.model.startswith("hash"):
            _CACHE[key] = HashEmbedder()
        elif is_static_model(path := resolve_model_path(settings.embed.model, settings.paths.models_dir)):
            _CACHE[key] = StaticEmbedder(settings, path)
        else:
            _CACHE[key] = _transformer_embedder(settings, path)
    return _CACHE[key]


def _transformer_embedder(settings: Settings, path: str) -> Embedder:
    """The ONNX export when there is one and the backend allows it, else PyTorch."""
    from briefgen.onnx_export import current_export, tokenizer_checked

    name, backend = settings.embed.model, settings.embed.backend
    graph = None if backend == "torch" else current_export(Path(path))
    if graph is None and backend == "onnx":
        raise ModelNotFoundError(f"no ONNX export of {name!r} next to {path}; run `briefgen models pull onnx`")
    if graph is not None:
        try:
            log.info("loading embedding model %s (ONNX Runtime)", name)
            return OnnxEmbedder(settings, path, graph, fast_tokenizer=tokenizer_checked(graph))
        except Exception as exc:  # ONNX Runtime's errors subclass Exception only
            if backend == "onnx":
                raise ModelNotFoundError(f"the ONNX export {graph} cannot be loaded: {exc}") from exc
            log.warning("the ONNX export %s cannot be loaded (%s); using PyTorch", graph, exc)
    elif backend == "auto":
        log.info("no ONNX export of %s (`briefgen models pull onnx` makes queries ~2x faster); using PyTorch", name)
    log.info("loading embedding model %s (PyTorch)", name)
    return SentenceTransformerEmbedder(settings)
