"""Document metadata: year, kind, and duplicate detection by shingle containment."""

from __future__ import annotations

import re
import zlib
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


def duplicate_of(candidate: set[int], known: Iterable[tuple[str, set[int]]], threshold: float = 0.6) -> str | None:
    """The doc_id of a known document that contains most of candidate's shingles (a repeated copy)."""
    if not candidate:
        return None
    best, best_share = None, threshold
    for doc_id, other in known:
        share = len(candidate & other) / len(candidate)
        if share >= best_share:
            best, best_share = doc_id, share
    return best
