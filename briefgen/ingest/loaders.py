"""Read one file into raw text: txt/md (UTF-8, GB18030/GBK), docx (tables kept), pdf (text layer)."""

from __future__ import annotations

import logging
import zipfile
from pathlib import Path

from briefgen.errors import LoadError

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
SUFFIXES = TEXT_SUFFIXES | {".docx", ".pdf"}
_CONTROL = {c for c in range(32)} - {9, 10, 12, 13}


def load_text(path: Path, max_bytes: int) -> str:
    """The raw text of a file, or LoadError with a one-line reason."""
    _check_file(path, max_bytes)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        text = _read_docx(path)
    elif suffix == ".pdf":
        text = _read_pdf(path)
    else:
        text = decode_bytes(path.read_bytes(), path)
    if not text.strip():
        raise LoadError(path, "no text in file")
    return text


def _check_file(path: Path, max_bytes: int) -> None:
    if not path.exists():
        raise LoadError(path, "no such file")
    if not path.is_file():
        raise LoadError(path, "not a regular file")
    if path.suffix.lower() not in SUFFIXES:
        raise LoadError(path, f"unsupported file type {path.suffix or '(none)'} (txt, md, docx, pdf)")
    size = path.stat().st_size
    if size == 0:
        raise LoadError(path, "empty file")
    if size > max_bytes:
        raise LoadError(path, f"file too large ({size / 1e6:.1f} MB > {max_bytes / 1e6:.0f} MB limit)")


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte in _CONTROL)
    return controls > max(8, len(sample) // 100)


def decode_bytes(data: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM), else GB18030 (a superset of GBK/GB2312), else a detector's guess."""
    if _looks_binary(data):
        raise LoadError(path, "binary file, not text")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8-sig" or _mostly_chinese_or_ascii(text):
            return text
    return _detect(data, path)


def _mostly_chinese_or_ascii(text: str) -> bool:
    good = sum(1 for ch in text if ch.isascii() or "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f"
               or "\uff00" <= ch <= "\uffef" or ch in "“”‘’…—·")
    return good >= 0.9 * len(text)


def _detect(data: bytes, path: Path) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    # A Latin code page decodes any bytes; for Chinese documents that is garbage, not text.
    if best is None or best.chaos > 0.3 or not _mostly_chinese_or_ascii(str(best)):
        raise LoadError(path, "undecodable bytes (not UTF-8 or GB18030/GBK text)")
    log.info("%s: decoded as %s", path, best.encoding)
    return str(best)


def _read_docx(path: Path) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise LoadError(path, f"corrupt docx ({type(exc).__name__})") from exc
    return "\n\n".join(_docx_blocks(document))


def _docx_blocks(document: object) -> list[str]:
    """Paragraphs and tables in body order; a table row becomes one line of cells joined by ' | '."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    blocks: list[str] = []
    for item in document.iter_inner_content():  # type: ignore[attr-defined]
        if isinstance(item, Paragraph) and item.text.strip():
            blocks.append(item.text.strip())
        elif isinstance(item, Table):
            rows = [" | ".join(cell.text.strip() for cell in row.cells) for row in item.rows]
            blocks.append("\n".join(row for row in rows if row.strip(" |")))
    return blocks


def _read_pdf(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise LoadError(path, f"corrupt pdf ({type(exc).__name__})") from exc
    if not any(page.strip() for page in pages):
        raise LoadError(path, "no text layer (OCR not supported)")
    return "\n\n".join(pages)
