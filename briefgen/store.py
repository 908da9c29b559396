"""The document store (SQLite): normalised texts, chunks, file records, and ingest state.

Documents are written `pending` before their vectors go into Chroma and flipped to `ready` after,
in one transaction with the file record. Readers only see `ready` rows, so an ingest killed at any
point leaves nothing half-visible; the next run removes pending leftovers (see `index.recover`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from briefgen.models import Chunk, Document

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY, path TEXT NOT NULL, status TEXT NOT NULL, duplicate_of TEXT,
    body TEXT NOT NULL, shingles TEXT
);
CREATE TABLE IF NOT EXISTS chunks (
    chunk_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, n INTEGER NOT NULL, body TEXT NOT NULL, tokens TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id);
CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, doc_ids TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


class DocStore:
    """SQLite store under the data folder; one connection per store object."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = sqlite3.connect(str(path), timeout=30, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.executescript(_SCHEMA)
        self._version: tuple[tuple[int, int], str] | None = None

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All-or-nothing writes."""
        with self.db:
            yield self.db

    def close(self) -> None:
        self.db.close()

    # files
    def file_record(self, path: str) -> tuple[str, list[str]] | None:
        row = self.db.execute("SELECT sha256, doc_ids FROM files WHERE path=?", (path,)).fetchone()
        return (row[0], json.loads(row[1])) if row else None

    # documents
    def put_pending(self, documents: list[Document], shingles: dict[str, list[int]]) -> None:
        with self.transaction() as db:
            db.executemany(
                "INSERT OR REPLACE INTO documents VALUES (?, ?, 'pending', ?, ?, ?)",
                [(d.doc_id, d.source.path, d.duplicate_of, d.model_dump_json(), json.dumps(shingles.get(d.doc_id, [])))
                 for d in documents],
            )

    def put_chunks(self, chunks: list[Chunk], tokens: list[list[str]]) -> None:
        with self.transaction() as db:
            self._insert_chunks(db, chunks, tokens)

    @staticmethod
    def _insert_chunks(db: sqlite3.Connection, chunks: list[Chunk], tokens: list[list[str]]) -> None:
        db.executemany("INSERT OR REPLACE INTO chunks VALUES (?, ?, ?, ?, ?)",
                       [(c.chunk_id, c.doc_id, c.n, c.model_dump_json(), json.dumps(t, ensure_ascii=False))
                        for c, t in zip(chunks, tokens, strict=True)])

    def commit_file(self, path: str, sha256: str, doc_ids: list[str], removed: list[str]) -> None:
        """Make a file's documents visible and forget the ones it no longer holds, atomically."""
        with self.transaction() as db:
            db.executemany("UPDATE documents SET status='ready' WHERE doc_id=?", [(d,) for d in doc_ids])
            self._delete(db, removed)
            db.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?)", (path, sha256, json.dumps(doc_ids)))

    def delete_documents(self, doc_ids: list[str]) -> None:
        with self.transaction() as db:
            self._delete(db, doc_ids)
            for path, ids in db.execute("SELECT path, doc_ids FROM files").fetchall():
                kept = [d for d in json.loads(ids) if d not in doc_ids]
                if len(kept) != len(json.loads(ids)):
                    db.execute("UPDATE files SET doc_ids=?, sha256='' WHERE path=?", (json.dumps(kept), path))

    @staticmethod
    def _delete(db: sqlite3.Connection, doc_ids: list[str]) -> None:
        db.executemany("DELETE FROM chunks WHERE doc_id=?", [(d,) for d in doc_ids])
        db.executemany("DELETE FROM documents WHERE doc_id=?", [(d,) for d in doc_ids])

    def replace_chunks(self, doc_id: str, chunks: list[Chunk], tokens: list[list[str]]) -> None:
        """A document's chunks re-made (reindex), atomically."""
        with self.transaction() as db:
            db.execute("DELETE FROM chunks WHERE doc_id=?", (doc_id,))
            self._insert_chunks(db, chunks, tokens)

    def document_count(self) -> int:
        """Visible documents that have chunks of their own (duplicates have none)."""
        row = self.db.execute("SELECT COUNT(*) FROM documents WHERE status='ready' AND duplicate_of IS NULL").fetchone()
        return int(row[0])

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return str(row[0]) if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def pending_ids(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT doc_id FROM documents WHERE status='pending'")]

    def documents(self, include_duplicates: bool = True) -> list[Document]:
        query = "SELECT body FROM documents WHERE status='ready'"
        if not include_duplicates:
            query += " AND duplicate_of IS NULL"
        return [Document.model_validate_json(r[0]) for r in self.db.execute(query + " ORDER BY rowid")]

    def document(self, doc_id: str) -> Document | None:
        row = self.db.execute("SELECT body FROM documents WHERE doc_id=? AND status='ready'", (doc_id,)).fetchone()
        return Document.model_validate_json(row[0]) if row else None

    def has_document(self, doc_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM documents WHERE doc_id=?", (doc_id,)).fetchone() is not None

    def shingle_sets(self) -> list[tuple[str, set[int]]]:
        rows = self.db.execute("SELECT doc_id, shingles FROM documents WHERE status='ready' AND duplicate_of IS NULL")
        return [(doc_id, set(json.loads(sh or "[]"))) for doc_id, sh in rows]

    # chunks
    def chunks(self, doc_id: str | None = None) -> list[Chunk]:
        query = ("SELECT c.body FROM chunks c JOIN documents d ON c.doc_id=d.doc_id WHERE d.status='ready'"
                 + (" AND c.doc_id=?" if doc_id else "") + " ORDER BY c.doc_id, c.n")
        return [Chunk.model_validate_json(r[0]) for r in self.db.execute(query, (doc_id,) if doc_id else ())]

    def chunk_tokens(self) -> tuple[list[str], list[list[str]]]:
        rows = self.db.execute("SELECT c.chunk_id, c.tokens FROM chunks c JOIN documents d ON c.doc_id=d.doc_id "
                               "WHERE d.status='ready' ORDER BY c.rowid").fetchall()
        return [r[0] for r in rows], [json.loads(r[1]) for r in rows]

    def version(self) -> str:
        """Changes whenever the visible content changes (for caches of derived indexes). The scan behind it
        (13 ms at 100× the sample) runs again only when the database has changed since: PRAGMA data_version
        moves on another connection's commit, total_changes on this connection's writes; never cached inside
        an open transaction, which may still roll back."""
        stamp = (int(self.db.execute("PRAGMA data_version").fetchone()[0]), self.db.total_changes)
        if self._version is not None and self._version[0] == stamp and not self.db.in_transaction:
            return self._version[1]
        row = self.db.execute("SELECT COUNT(*), COALESCE(SUM(LENGTH(c.chunk_id)), 0), COALESCE(MAX(c.rowid), 0) "
                              "FROM chunks c JOIN documents d ON c.doc_id=d.doc_id WHERE d.status='ready'").fetchone()
        version = f"{row[0]}-{row[1]}-{row[2]}"
        self._version = None if self.db.in_transaction else (stamp, version)
        return version
