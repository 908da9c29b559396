"""Document metadata: year, kind, and duplicate detection by shingle containment."""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Iterable

from briefgen.models import Kind

_YEAR = re.compile(r"(?<!\d)(19[4-9]\d|20[0-4]\d)(?=\s*年|[-./]\d{1,2}[-./]\d{1,2}|[\]〕】)])")
_DOC_NUMBER_YEAR = re.compile(r"[\[〔【(（](19[4-9]\d|20[0-4]\d)[\]〕】)）]")
_KIND_RULES: tuple[tuple[Kind, re.Pattern[str]], ...] = (
    ("proposal", re.compile(r"提案|政协|社情民意|基层反映")),
    ("summary", re.compile(r"总结")),
    ("plan", re.compile(r"方案|规划|实施意见|若干意见|通知")),
    ("academic", re.compile(r"摘\s*要|关键词|基金项目|作者简介|学报|中图分类号|内容提要|案例分析|体制变迁|分析")),
    ("report", re.compile(r"汇报|报告|调研|成效|情况|参阅")),
)


def detect_year(title: str, body: str) -> int | None:
    """The year the document speaks from: a year in the title, else in a document number, else the latest."""
    for text in (title,):
        found = _YEAR.findall(text) or re.findall(r"(?<!\d)(19[4-9]\d|20[0-4]\d)(?!\d)", text)
        if found:
            return int(found[0])
    number = _DOC_NUMBER_YEAR.search(body[:400])
    if number:
        return int(number.group(1))
    years = [int(y) for y in _YEAR.findall(body)]
    return max(years) if years else None


def detect_kind(title: str, body: str) -> Kind:
    """report | plan | academic | proposal | summary, from the title first, then the opening."""
    for text in (title, body[:600]):
        for kind, pattern in _KIND_RULES:
            if pattern.search(text):
                return kind
    return "report"


def shingles(text: str, size: int = 8) -> set[int]:
    """Hashed character n-grams of the text with whitespace and punctuation removed."""
    compact = re.sub(r"[\s，。、；：！？“”（）《》,.;:!?()\"']", "", text)
    return {zlib.crc32(compact[i : i + size].encode()) for i in range(max(0, len(compact) - size + 1))}


class ShingleIndex:
    """Inverted index of document shingles: finds the known document that contains most of a new
    one's shingles without intersecting against every document (100× corpora have thousands)."""

    def __init__(self, known: Iterable[tuple[str, set[int]]] = ()) -> None:
        self.postings: dict[int, list[str]] = {}
        for doc_id, own in known:
            self.add(doc_id, own)

    def add(self, doc_id: str, own: set[int]) -> None:
        for shingle in own:
            self.postings.setdefault(shingle, []).append(doc_id)

    def container(self, own: set[int], exclude: set[str], threshold: float = 0.6) -> str | None:
        """The doc_id holding ≥ threshold of `own`'s shingles (the most, ties to the earliest), or None."""
        if not own:
            return None
        counts: Counter[str] = Counter()
        for shingle in own:
            counts.update(self.postings.get(shingle, ()))
        for doc_id, count in counts.most_common():
            if doc_id not in exclude:
                return doc_id if count >= threshold * len(own) else None
        return None
