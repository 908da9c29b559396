"""Build normalised Document records from a file."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from briefgen.hanzi import to_simplified
from briefgen.ingest.loaders import load_text
from briefgen.ingest.metadata import detect_kind, detect_year
from briefgen.ingest.split import RawDocument, split_documents, title_key
from briefgen.models import Document, Source
from briefgen.normalize import normalize_text
from briefgen.regions import resolve_region


def documents_from_file(path: Path, max_bytes: int) -> list[Document]:
    """All documents of a file, normalised, with metadata (duplicates not yet resolved)."""
    raw = load_text(path, max_bytes)
    return [build_document(raw, part, path) for part in split_documents(raw)]


def build_document(raw: str, part: RawDocument, path: Path) -> Document:
    """One Document from a raw range: repeated title lines dropped, text normalised."""
    text = normalize_text(_drop_repeated_titles(raw[part.start : part.end], part.title))
    digest = hashlib.sha256(text.encode()).hexdigest()
    # its place, year and kind read as simplified text (武勝縣…工作總結: 武胜县, a summary)
    body, title = to_simplified(text.split("\n", 1)[-1]), to_simplified(part.title)
    return Document(
        doc_id=digest[:16], title=part.title, source=Source(path=str(path), start=part.start, end=part.end),
        text=text, region=resolve_region(body, title), year=detect_year(title, body), kind=detect_kind(title, body),
        sha256=digest,
    )


def _drop_repeated_titles(block: str, title: str) -> str:
    """Keep the first title line; drop the lines that only repeat it."""
    key = title_key(title)
    lines = block.split("\n")
    kept = [lines[0]] + [line for line in lines[1:] if not (line.strip() and title_key(line) == key)]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept))
