"""Gold sets (eval/gold/*.json) and locating their quotes in `Document.text`.

Gold quotes are exact substrings of the RAW corpus file. `Locator` finds them in the normalised
documents: first through `normalize_quote`, then, for quotes that crossed a paragraph break or
lost a space, by matching with whitespace removed on both sides and mapping offsets back.
A quote that lands in a document flagged `duplicate_of` is moved to the original document.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, Field

from briefgen.ingest.split import title_key
from briefgen.models import Document
from briefgen.normalize import normalize_quote, strip_for_match

log = logging.getLogger(__name__)

SECTION_KEYS = ("achievements", "problems", "recommendations")


class GoldFigure(BaseModel):
    """One hand-checked figure (see eval/gold/FIGURES.md)."""

    doc_title: str
    quote: str
    value: str
    value_num: float
    unit: str
    metric: str
    subject: str | None = None
    year: int | None = None
    is_target: bool = False
    before_value: float | None = None
    after_value: float | None = None


class GoldNoise(BaseModel):
    """A number-like token that must not be reported as a figure."""

    doc_title: str | None = None
    quote: str
    text: str
    kind: str


class GoldQuestion(BaseModel):
    """A question with the spans that answer it (none when unanswerable)."""

    id: str
    question: str
    type: str
    answerable: bool
    region: str | None = None
    gold_spans: list[str] = Field(default_factory=list)
    answer_keywords: list[str] = Field(default_factory=list)


class KeyPoint(BaseModel):
    """A point a brief should contain, with the quotes that support it."""

    point: str
    quotes: list[str] = Field(default_factory=list)


class GoldBrief(BaseModel):
    """Gold key points for one subject's brief."""

    subject: str
    doc_titles: list[str] = Field(default_factory=list)
    key_points: dict[str, list[KeyPoint]] = Field(default_factory=dict)
    absent_sections: list[str] = Field(default_factory=list)


class GoldSet(BaseModel):
    """All gold files of a gold folder."""

    figures: list[GoldFigure] = Field(default_factory=list)
    noise: list[GoldNoise] = Field(default_factory=list)
    questions: list[GoldQuestion] = Field(default_factory=list)
    briefs: list[GoldBrief] = Field(default_factory=list)


def _read(path: Path, key: str) -> list[dict[str, object]]:
    if not path.exists():
        log.warning("gold file missing: %s", path)
        return []
    with path.open(encoding="utf-8") as handle:
        return list(json.load(handle).get(key, []))


def load_gold(gold_dir: Path) -> GoldSet:
    """Read figures.json, noise.json, questions.json and briefs.json (missing files are empty)."""
    return GoldSet(
        figures=[GoldFigure.model_validate(x) for x in _read(gold_dir / "figures.json", "figures")],
        noise=[GoldNoise.model_validate(x) for x in _read(gold_dir / "noise.json", "noise")],
        questions=[GoldQuestion.model_validate(x) for x in _read(gold_dir / "questions.json", "questions")],
        briefs=[GoldBrief.model_validate(x) for x in _read(gold_dir / "briefs.json", "briefs")],
    )


@dataclass(frozen=True)
class Location:
    """Where a gold quote lies. `start`/`end` are None when it was moved from a duplicate copy
    whose text is not in the original; `via_duplicate` marks such moves."""

    doc_id: str
    start: int | None = None
    end: int | None = None
    via_duplicate: bool = False


def _stripped_with_map(text: str) -> tuple[str, list[int]]:
    """`strip_for_match(text)` and, for each kept character, its offset in `text`."""
    kept: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        if strip_for_match(ch):
            kept.append(ch)
            offsets.append(i)
    return "".join(kept), offsets


# Width folding keeps lengths, so offsets found in the folded text hold in the original. It covers
# fragments normalised out of context: "(1956-)" alone stays half-width, in 楚明锟(1956-) it does not.
_FOLD = str.maketrans("（）：，；？！", "():,;?!")


def find_span(text: str, quote: str) -> tuple[int, int] | None:
    """[start, end) of a raw quote inside normalised `text`, or None."""
    needle = normalize_quote(quote)
    for haystack, wanted in ((text, needle), (text.translate(_FOLD), needle.translate(_FOLD))):
        at = haystack.find(wanted) if wanted else -1
        if at >= 0:
            return at, at + len(wanted)
    stripped, offsets = _stripped_with_map(text.translate(_FOLD))
    needle = strip_for_match(needle.translate(_FOLD))
    at = stripped.find(needle) if needle else -1
    if at < 0:
        return None
    return offsets[at], offsets[at + len(needle) - 1] + 1


class Locator:
    """Finds gold quotes in a set of documents, preferring the documents with the gold title."""

    def __init__(self, documents: list[Document]) -> None:
        self.documents = {d.doc_id: d for d in documents}
        self._by_title: dict[str, list[Document]] = {}
        for document in documents:
            self._by_title.setdefault(title_key(document.title), []).append(document)

    def document(self, doc_id: str) -> Document | None:
        return self.documents.get(doc_id)

    def original_id(self, doc_id: str) -> str:
        """The doc_id a duplicate copy repeats (itself when it is no copy)."""
        document = self.documents.get(doc_id)
        return document.duplicate_of if document and document.duplicate_of else doc_id

    def locate(self, quote: str, doc_title: str | None = None) -> Location | None:
        """The quote's location, in the original document when it lies in a duplicate copy."""
        titled = self._by_title.get(title_key(doc_title), []) if doc_title else []
        titled_ids = {d.doc_id for d in titled}
        rest = [d for d in self.documents.values() if d.doc_id not in titled_ids]
        # Originals before copies, so a quote in both lands in the original directly.
        ordered = sorted(titled, key=lambda d: d.duplicate_of is not None) + sorted(
            rest, key=lambda d: d.duplicate_of is not None)
        for document in ordered:
            span = find_span(document.text, quote)
            if span is not None:
                return self._to_original(document, quote, span)
        return None

    def _to_original(self, document: Document, quote: str, span: tuple[int, int]) -> Location:
        original = self.documents.get(document.duplicate_of) if document.duplicate_of else None
        if document.duplicate_of is None:
            return Location(document.doc_id, span[0], span[1])
        if original is None:
            return Location(document.duplicate_of, None, None, via_duplicate=True)
        again = find_span(original.text, quote)
        if again is None:
            return Location(original.doc_id, None, None, via_duplicate=True)
        return Location(original.doc_id, again[0], again[1], via_duplicate=True)
