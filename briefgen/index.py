"""The index: Chroma vectors + SQLite document store, kept consistent with each other.

The Chroma collection is named from the embedding model and chunking settings and records them
in its metadata, so a change of either never mixes vectors; the document store records which
collection holds its vectors, so opening it with other settings is a clear error (`briefgen reindex`
rebuilds), never a silent search over no vectors. `Index.recover` removes what an interrupted ingest
left half-done.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from briefgen.config import Settings
from briefgen.embed import Embedder, get_embedder
from briefgen.errors import IndexMismatchError
from briefgen.models import Chunk, Document
from briefgen.store import DocStore

log = logging.getLogger(__name__)

COLLECTION_KEY = "collection"


def unit_id(chunk_id: str, start: int | None) -> str:
    """Record id of a vector: the chunk id, and for a sentence its start offset (`doc:3@1204`)."""
    return chunk_id if start is None else f"{chunk_id}@{start}"


def chunk_id_of(record_id: str) -> str:
    """The chunk a vector record belongs to (read from its id: fetching metadata costs 8x the query)."""
    return record_id.split("@", 1)[0]


@dataclass(frozen=True)
class VectorUnit:
    """One vector's text: a sentence of a chunk, or the whole chunk, with the context it is embedded with."""

    record_id: str
    document: Document
    chunk: Chunk
    text: str


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

    def __init__(self, settings: Settings, embedder: Embedder | None = None, client: Any = None,
                 check: bool = True) -> None:
        """`check=False` opens a store whose vectors were made with other settings (for reindex)."""
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
        if check:
            self.check_vectors()

    def check_vectors(self) -> None:
        """The stored documents have their vectors in this collection; otherwise the settings that shape
        the vectors changed since they were indexed, and searching would silently find nothing."""
        if not self.vectors_current():
            raise IndexMismatchError(
                f"{self.settings.paths.data_dir} holds {self.store.document_count()} documents embedded with other "
                f"settings (embedding model, chunking or vector layout: collection "
                f"{self.store.get_meta(COLLECTION_KEY) or 'unrecorded'}, now {self.collection.name}); run "
                "`briefgen reindex` to re-chunk and re-embed them, or set BRIEFGEN_PATHS__DATA_DIR to another folder")

    def vectors_current(self) -> bool:
        """True when every stored document has its vectors in this collection (an empty store, or one from
        before the store recorded its collection but whose vectors are here, is adopted)."""
        name = self.collection.name
        recorded = self.store.get_meta(COLLECTION_KEY)
        if recorded == name:
            return True
        if self.store.document_count() == 0 or (recorded is None and self.vector_count() > 0):
            self.store.set_meta(COLLECTION_KEY, name)
            return True
        return False

    def mark_complete(self) -> None:
        """Record that every stored document has its vectors in this collection (after a reindex);
        the collection that held them before is dropped."""
        previous = self.store.get_meta(COLLECTION_KEY)
        self.store.set_meta(COLLECTION_KEY, self.collection.name)
        if previous and previous != self.collection.name:
            try:
                self.client.delete_collection(previous)
            except Exception as exc:  # already gone, or a server that refuses: keep going
                log.warning("could not drop the old collection %s: %s", previous, exc)

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

    def add_vectors(self, units: list[VectorUnit], vectors: list[list[float]]) -> None:
        """Upsert the vectors of text units (ids are deterministic: a retry never duplicates). One upsert
        per client batch: each Chroma call costs ~0.1 s however small."""
        step = int(self.client.get_max_batch_size())
        for start in range(0, len(units), step):
            part = units[start : start + step]
            self.collection.upsert(ids=[u.record_id for u in part], embeddings=vectors[start : start + step],
                                   documents=[u.text for u in part],
                                   metadatas=[chunk_metadata(u.document, u.chunk) for u in part])

    def delete_vectors(self, doc_ids: list[str]) -> None:
        if doc_ids:
            self.collection.delete(where={"doc_id": {"$in": doc_ids}})

    def delete_documents(self, doc_ids: list[str]) -> None:
        """Remove documents: vectors first, then rows (a crash in between is repaired by recover)."""
        self.delete_vectors(doc_ids)
        self.store.delete_documents(doc_ids)

    def vector_count(self) -> int:
        return int(self.collection.count())

    def indexed_chunks(self) -> set[str]:
        """Ids of the chunks that have at least one vector (a check, not for the query path)."""
        metadatas = self.collection.get(include=["metadatas"])["metadatas"] or []
        return {str(m["chunk_id"]) for m in metadatas}

    def close(self) -> None:
        self.store.close()


def chunk_metadata(document: Document, chunk: Chunk) -> dict[str, str | int]:
    """Chroma metadata of a chunk: filterable fields only (no None values allowed)."""
    region = document.region
    return {"doc_id": chunk.doc_id, "chunk_id": chunk.chunk_id, "n": chunk.n, "section": chunk.section, "year": document.year or 0,
            "province": region.province or "", "city": region.city or "", "county": region.county or "",
            "town": region.town or "", "kind": document.kind}

