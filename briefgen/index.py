"""The index: Chroma vectors + SQLite document store, kept consistent with each other.

The Chroma collection is named from the embedding model and chunking settings and records them
in its metadata, so a change of either never mixes vectors. `Index.recover` removes what an
interrupted ingest left half-done.
"""

from __future__ import annotations

import logging
from typing import Any

from briefgen.config import Settings
from briefgen.embed import Embedder, get_embedder
from briefgen.errors import IndexMismatchError
from briefgen.models import Chunk, Document
from briefgen.store import DocStore

log = logging.getLogger(__name__)


def chroma_client(settings: Settings) -> Any:
    """Embedded PersistentClient under the data folder, or HttpClient when a server URL is set."""
    from urllib.parse import urlparse

    import chromadb

    chroma_settings = chromadb.Settings(anonymized_telemetry=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        return chromadb.HttpClient(host=url.hostname or "127.0.0.1", port=url.port or 8000,
                                   ssl=url.scheme == "https", settings=chroma_settings)
    path = settings.paths.data_dir / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


class Index:
    """Vectors, documents and chunks of one corpus."""

    def __init__(self, settings: Settings, embedder: Embedder | None = None, client: Any = None) -> None:
        self.settings = settings
        self.embedder = embedder or get_embedder(settings)
        self.store = DocStore(settings.paths.data_dir / "docs.sqlite")
        self.client = client or chroma_client(settings)
        signature = settings.index_signature(self.embedder.name)
        self.collection = self.client.get_or_create_collection(
            settings.collection_name(self.embedder.name), embedding_function=None, metadata={**signature, "hnsw:space": "cosine"},
        )
        self._check_signature(signature)
        self.recover()

    def _check_signature(self, signature: dict[str, Any]) -> None:
        recorded = {k: v for k, v in (self.collection.metadata or {}).items() if k in signature}
        if recorded and recorded != signature:
            raise IndexMismatchError(f"collection was built with {recorded}, settings ask for {signature}")

    def recover(self) -> None:
        """Drop documents an interrupted ingest left pending, with their vectors."""
        pending = self.store.pending_ids()
        if pending:
            log.warning("removing %d documents left by an interrupted ingest", len(pending))
            self.collection.delete(where={"doc_id": {"$in": pending}})
            self.store.delete_documents(pending)

    def add_vectors(self, batches: list[tuple[Document, list[Chunk]]], vectors: list[list[float]]) -> None:
        """Upsert the chunk vectors of several documents (ids are deterministic: a retry never
        duplicates). One upsert per client batch: each Chroma call costs ~0.1 s however small."""
        rows = [(c, chunk_metadata(document, c)) for document, chunks in batches for c in chunks]
        step = int(self.client.get_max_batch_size())
        for start in range(0, len(rows), step):
            part = rows[start : start + step]
            self.collection.upsert(ids=[c.chunk_id for c, _ in part], embeddings=vectors[start : start + step],
                                   documents=[c.text for c, _ in part], metadatas=[m for _, m in part])

    def delete_vectors(self, doc_ids: list[str]) -> None:
        if doc_ids:
            self.collection.delete(where={"doc_id": {"$in": doc_ids}})

    def delete_documents(self, doc_ids: list[str]) -> None:
        """Remove documents: vectors first, then rows (a crash in between is repaired by recover)."""
        self.delete_vectors(doc_ids)
        self.store.delete_documents(doc_ids)

    def vector_count(self) -> int:
        return int(self.collection.count())

    def close(self) -> None:
        self.store.close()


def chunk_metadata(document: Document, chunk: Chunk) -> dict[str, str | int]:
    """Chroma metadata of a chunk: filterable fields only (no None values allowed)."""
    region = document.region
    return {"doc_id": chunk.doc_id, "n": chunk.n, "section": chunk.section, "year": document.year or 0,
            "province": region.province or "", "city": region.city or "", "county": region.county or "",
            "town": region.town or "", "kind": document.kind}

