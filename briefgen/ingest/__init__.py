"""Ingest: files → documents → chunks (+figures) → index, one file at a time, crash-safe.

Per file: load and split (errors are reported per file, the batch goes on), resolve duplicates,
chunk, embed, then write pending rows → vectors → commit. Unchanged files are skipped by hash.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from pathlib import Path

from tqdm import tqdm

from briefgen.chunk import chunk_document, sentences
from briefgen.config import EmbedSettings, Settings
from briefgen.errors import LoadError
from briefgen.hanzi import to_simplified
from briefgen.index import Index, VectorUnit, unit_id
from briefgen.ingest.documents import documents_from_file
from briefgen.ingest.loaders import SUFFIXES
from briefgen.ingest.metadata import ShingleIndex, shingles
from briefgen.models import Chunk, Document, IngestError, IngestReport
from briefgen.tokenize import tokenize

log = logging.getLogger(__name__)

__all__ = ["expand_paths", "ingest_paths", "reindex"]

REINDEX_BATCH = 64  # chunks embedded per call when re-indexing


def expand_paths(paths: Iterable[Path]) -> tuple[list[Path], list[IngestError]]:
    """Files to ingest: folders are walked for supported types; missing paths are errors."""
    files: list[Path] = []
    errors: list[IngestError] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if _wanted(p)))
        elif path.exists():
            files.append(path)
        else:
            errors.append(IngestError(path=str(path), reason="no such file or folder"))
    return files, errors


def _wanted(path: Path) -> bool:
    """Supported files in a folder walk; hidden files and a folder's README are not documents."""
    return (path.is_file() and path.suffix.lower() in SUFFIXES and not path.name.startswith(".")
            and not path.stem.upper().startswith("README"))


def ingest_paths(paths: Iterable[Path], settings: Settings, index: Index, progress: bool = True) -> IngestReport:
    """Ingest files and folders into the index; the report lists what changed and what failed."""
    files, errors = expand_paths(paths)
    report = IngestReport(errors=errors)
    known = ShingleIndex(index.store.shingle_sets())
    for path in tqdm(files, desc="ingest", unit="file", disable=not progress or len(files) < 2):
        try:
            ingest_file(path, settings, index, report, known)
        except LoadError as exc:
            report.errors.append(IngestError(path=exc.path, reason=exc.reason))
    return report


def reindex(settings: Settings, index: Index, progress: bool = True) -> IngestReport:
    """Re-chunk and re-embed every stored document with the current settings (after a change of the
    embedding model, chunking or vector layout). Interrupted, it leaves the store marked incomplete,
    and running it again finishes the job; the old collection is dropped only at the end."""
    documents = index.store.documents(include_duplicates=False)
    report = IngestReport()
    pending: list[tuple[Document, list[Chunk]]] = []
    for document in tqdm(documents, desc="reindex", unit="doc", disable=not progress or len(documents) < 2):
        chunks, tokens = chunked(document, settings)
        index.delete_vectors([document.doc_id])
        index.store.replace_chunks(document.doc_id, chunks, tokens)
        pending.append((document, chunks))
        report.replaced.append(document.doc_id)
        report.chunks_added += len(chunks)
        if sum(len(c) for _, c in pending) >= REINDEX_BATCH:
            embed_batches(pending, settings, index)
            pending = []
    embed_batches(pending, settings, index)
    index.mark_complete()
    return report


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def ingest_file(path: Path, settings: Settings, index: Index, report: IngestReport,
                known: ShingleIndex | None = None) -> None:
    """One file: skipped when unchanged; otherwise its documents replace what it held before.
    `known`: the shingles of the indexed documents, kept across the files of one run."""
    key = str(path.resolve())
    sha = file_sha256(path) if path.is_file() else ""
    previous = index.store.file_record(key)
    if previous and previous[0] == sha:
        report.unchanged.extend(previous[1])
        return
    documents = documents_from_file(path, settings.max_file_mb * 1024 * 1024)
    if not documents:
        raise LoadError(path, "no document body found (only a title, or too short to index)")
    old_ids = previous[1] if previous else []
    known = known if known is not None else ShingleIndex(index.store.shingle_sets())
    new_docs = _mark_duplicates(documents, known, exclude=set(old_ids))
    fresh = [d for d in new_docs if not index.store.has_document(d.doc_id)]
    _write(fresh, settings, index, report)
    doc_ids = [d.doc_id for d in new_docs]
    removed = [d for d in old_ids if d not in doc_ids]
    index.delete_vectors(removed)
    index.store.commit_file(key, sha, doc_ids, removed)
    (report.replaced if previous else report.added).extend(d.doc_id for d in fresh if d.duplicate_of is None)
    report.duplicates.extend(d.doc_id for d in fresh if d.duplicate_of)


def _mark_duplicates(documents: list[Document], known: ShingleIndex, exclude: set[str]) -> list[Document]:
    """Flag repeated copies (within the file or against the store); identical texts collapse to one.
    `exclude`: the file's own previous documents, which an edited version must not count as copies of."""
    unique = list({d.doc_id: d for d in documents}.values())
    # Longest first: a dump's later copy may be the complete one (the first copy cut off), and the
    # complete copy is the one to index.
    for document in sorted(unique, key=lambda d: -len(d.text)):
        own = shingles(document.text)
        document.duplicate_of = known.container(own, exclude | {document.doc_id})
        if document.duplicate_of is None:
            known.add(document.doc_id, own)
    return unique


def _write(documents: list[Document], settings: Settings, index: Index, report: IngestReport) -> None:
    """pending rows → chunks → vectors; the caller's commit makes them visible. The chunks of all
    the file's documents are embedded and upserted together: per-document calls cost 50% more time."""
    index.store.put_pending(documents, {d.doc_id: sorted(shingles(d.text)) for d in documents})
    batches: list[tuple[Document, list[Chunk]]] = []
    for document in documents:
        if document.duplicate_of:
            continue
        chunks, tokens = chunked(document, settings)
        index.store.put_chunks(chunks, tokens)
        batches.append((document, chunks))
    embed_batches(batches, settings, index)
    report.chunks_added += sum(len(chunks) for _, chunks in batches)


def chunked(document: Document, settings: Settings) -> tuple[list[Chunk], list[list[str]]]:
    """A document's chunks (with their figures) and the BM25 tokens of each."""
    chunks = attach_figures(document, chunk_document(document, settings.chunk))
    return chunks, [tokenize(lexical_text(document, c)) for c in chunks]


def embed_batches(batches: list[tuple[Document, list[Chunk]]], settings: Settings, index: Index) -> None:
    """Embed the vector units of these chunks (each distinct text once) and upsert them."""
    units = [u for document, chunks in batches for u in vector_units(document, chunks, settings.embed)]
    if not units:
        return
    texts = distinct_texts(units)
    vectors = dict(zip(texts, index.embedder.embed_documents([to_simplified(t) for t in texts]), strict=True))
    index.add_vectors(units, [vectors[u.text] for u in units])


def distinct_texts(units: list[VectorUnit]) -> list[str]:
    """The texts to encode for these units, each once, in order."""
    return list(dict.fromkeys(u.text for u in units))


def vector_units(document: Document, chunks: list[Chunk], settings: EmbedSettings) -> list[VectorUnit]:
    """What is embedded for these chunks: with unit="sentence", one vector per sentence of each chunk
    (a chunk then scores as its best sentence: a long chunk's one relevant sentence is not diluted by
    the rest); with unit="chunk", one per chunk. A sentence in the overlap of two chunks belongs to both
    (the same text: embedded once)."""
    units = []
    for chunk in chunks:
        if settings.unit == "chunk":
            text = embedding_text(document, chunk, chunk.text, settings.contextual)
            units.append(VectorUnit(unit_id(chunk.chunk_id, None), document, chunk, text))
            continue
        for start, end in sentences(document.text, chunk.start, chunk.end) or [(chunk.start, chunk.end)]:
            text = embedding_text(document, chunk, document.text[start:end], settings.contextual)
            units.append(VectorUnit(unit_id(chunk.chunk_id, start), document, chunk, text))
    return units


def embedding_text(document: Document, chunk: Chunk, body: str, contextual: bool) -> str:
    """What is embedded for a span of a chunk (a sentence or the whole chunk): with `contextual`, the
    document title and the chunk's heading path first, so that every unit carries its context (not only
    the one that holds the title)."""
    if not contextual:
        return body
    return f"{document.title}｜{chunk.heading_path}\n{body}" if chunk.heading_path else f"{document.title}\n{body}"


def lexical_text(document: Document, chunk: Chunk) -> str:
    """What BM25 indexes for a chunk: the document title once (every chunk of the document matches
    its title words equally), the heading path, and the text without repeats of the title."""
    return f"{document.title}\n{chunk.heading_path}\n{without_title(chunk.text, document.title)}"


def without_title(text: str, title: str, min_title: int = 4) -> str:
    """`text` with the document title taken out (a header chunk that repeats the title three times);
    unchanged when the title is too short to be specific."""
    if len(title) < min_title or title not in text:
        return text
    return " ".join(text.replace(title, " ").split())


def attach_figures(document: Document, chunks: list[Chunk]) -> list[Chunk]:
    """Extract the document's figures once and give each chunk the figures inside its span."""
    from briefgen.figures import extract_figures
    from briefgen.regions import region_spans

    by_start = sorted(chunks, key=lambda c: c.start)

    def section_at(pos: int) -> str:
        for chunk in by_start:
            if chunk.start <= pos < chunk.end:
                return chunk.section
        return "背景"

    # An academic text's region comes from passing mentions (affiliations, cases): its figures have
    # no default subject and get one only from a region named where they stand.
    region = None if document.kind == "academic" else document.region
    figures = extract_figures(document.text, doc_id=document.doc_id, subject=region.most_specific() if region else None,
                              year=document.year, section_at=section_at, find_regions=region_spans,  # type: ignore[arg-type]
                              region=region)
    for chunk in chunks:
        chunk.figures = [f for f in figures if chunk.start <= f.start and f.end <= chunk.end]
    return chunks
