"""Where a figure sits: sentences and clauses, the regions named in the text, years, target sections."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from briefgen.figures.vocab import _CN_HEAD, _PAST_WORDS, _TARGET_WORDS


def _spans(text: str, ends: str) -> list[tuple[int, int]]:
    """Spans between boundary characters (each span keeps its closing boundary)."""
    spans, start = [], 0
    for i, ch in enumerate(text):
        if ch in ends:
            spans.append((start, i + 1))
            start = i + 1
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _containing(spans: list[tuple[int, int]], starts: list[int], pos: int) -> tuple[int, int]:
    index = max(0, bisect_right(starts, pos) - 1)
    return spans[index]


@dataclass
class _Context:
    """Everything about the text that the per-figure steps need."""

    text: str
    clauses: list[tuple[int, int]]
    clause_starts: list[int]
    regions: list[tuple[int, int, str]]


def _clause_of(ctx: _Context, pos: int) -> tuple[int, int]:
    return _containing(ctx.clauses, ctx.clause_starts, pos)


def _regions_in(ctx: _Context, start: int, end: int) -> list[tuple[int, int, str]]:
    return [r for r in ctx.regions if r[0] >= start and r[1] <= end]


_YEAR = re.compile(r"((?:19|20)\d\d)\s*年(?!代)")


def _years(text: str, mask: list[bool]) -> list[tuple[int, int]]:
    """(position, year) of year mentions that can date a figure; baselines (比2008年) are skipped."""
    years = []
    for match in _YEAR.finditer(text):
        if mask[match.start()]:
            continue
        if re.search(r"(?:比|较|相比|与)$", text[max(0, match.start() - 2) : match.start()]):
            continue
        years.append((match.start(), int(match.group(1))))
    return years


def _year_for(years: list[tuple[int, int]], sent_start: int, pos: int, default: int | None) -> int | None:
    """The nearest year mentioned before `pos` in the same sentence, else the default."""
    found = [year for at, year in years if sent_start <= at < pos]
    return found[-1] if found else default


_TOP_HEADING = re.compile(rf"(?m)^(?:{_CN_HEAD}、|（{_CN_HEAD}）|\d+[.．、](?!\d))([^\n。]{{0,30}})")


def _target_headings(text: str) -> list[tuple[int, bool]]:
    """(position, is a 目标 section) of top-level headings, to mark a plan's target section."""
    return [(m.start(), "目标" in m.group(1)) for m in _TOP_HEADING.finditer(text)]


def _is_target(sentence: str, pos_in_sentence: int, in_target_section: bool, doc_year: int | None) -> bool:
    """Targets and forecasts: 力争, 计划, 预计, 到2015年, 确保…达到, or a plan's 目标 section."""
    head = sentence[:pos_in_sentence]
    for match in _TARGET_WORDS.finditer(head):
        year = re.search(r"(\d{4})年", match.group(0))
        if year is None or match.group(0).startswith("争取"):
            return True
        if doc_year is not None and int(year.group(1)) >= doc_year:
            return True
        if doc_year is None and not _PAST_WORDS.search(sentence):
            return True
    return in_target_section


def _in_target_section(headings: list[tuple[int, bool]], pos: int) -> bool:
    """Whether the nearest top-level heading before pos names a 目标 section."""
    before = [is_target for at, is_target in headings if at <= pos]
    return bool(before) and before[-1]
