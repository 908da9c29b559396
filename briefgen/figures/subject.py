"""The region a figure is about: national, named in the clause or sentence, the level of government a
clause speaks for, or the document's region."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from briefgen.figures.context import _clause_of, _Context, _regions_in
from briefgen.figures.scan import _Tok
from briefgen.figures.vocab import _CLASSIFIERS, _TIME_WORDS
from briefgen.models import Region, Section


@dataclass
class _DocInfo:
    doc_id: str
    subject: str | None
    year: int | None
    section_at: Callable[[int], Section] | None
    offset: int
    region: Region | None = None


# The four municipalities are province-level; every other province-level name ends in 省/自治区/特别行政区.
_MUNICIPALITIES = frozenset({"北京市", "天津市", "上海市", "重庆市"})
# What a national count counts: 19省, 24个省（市）, 4个直辖市, 31个省区市.
_PROVINCE_NOUNS = re.compile(r"(?:省|省份|省区|省市|省区市|直辖市|自治区)")
# East/central/west (and north-east) as an enumeration: the country's macro regions.
_MACRO_REGIONS = re.compile(r"(?<![城镇村县市区乡])东(?:部)?[、和与]中(?:部)?[、和与]西(?:部)?|东中西部")
# A clause that opens on a level of government speaking of itself: 省发展改革委…, 我省…, 全市…
_SELF_REFERENCE = (
    ("province", re.compile(r"^(?:[而但且并即如]|同时|另外|此外|其中|但是)?(?:我|全|本|该)?省(?![级份区市内外会城])")),
    ("city", re.compile(r"^(?:[而但且并即如]|同时|另外|此外|其中|但是)?(?:我|全|本|该)市")),
    ("county", re.compile(r"^(?:[而但且并即如]|同时|另外|此外|其中|但是)?(?:我|全|本|该)县")),
)


def _is_province(name: str) -> bool:
    return name.endswith(("省", "自治区", "特别行政区")) or name in _MUNICIPALITIES


def _subject_for(ctx: _Context, sentence: tuple[int, int], tok: _Tok, info: _DocInfo) -> str | None:
    """The region a figure is about, in this order:
    1. national: a count of provinces (19省, 24个省（市）), a figure right after an enumeration of
       several provinces (北京、天津、上海三市), an enumeration of macro regions (东、中、西三个区域);
    2. a region named before the figure in its clause (one region; an enumeration of lower-level
       regions falls back to the document's region), else in the sentence;
    3. a clause opening on a level of government (省发展改革委…, 我省…, 全县…): the document's
       region at that level (null when it is unknown); 全国 in the clause: 全国;
    4. the document's region."""
    default = info.subject
    clause_start, clause_end = _clause_of(ctx, tok.start)
    if _national(ctx, tok, clause_start, clause_end):
        return "全国"
    if "topic" in tok.meta:  # 主要表现在三方面: the previous sentence's topic clause speaks for the count
        clause_start, clause_end = (int(x) for x in tok.meta["topic"].split(","))
        sentence, tok = (clause_start, clause_end), _Tok(clause_end, clause_end, tok.num, tok.unit)
    before = _regions_in(ctx, sentence[0], tok.start)
    in_clause = [r for r in before if r[0] >= clause_start]
    if len({r[2] for r in in_clause}) == 1:
        return in_clause[-1][2]
    if in_clause:
        return default
    level = _self_reference(ctx.text[clause_start : tok.start])
    if level is not None and info.region is not None:
        return getattr(info.region, level)
    names = {r[2] for r in before}
    if len(names) > 1 and (default in names or not _nested(before)):  # 甲、乙两镇…，每镇…; 甲县位于乙省…
        return default
    if before:
        return before[-1][2]
    if re.search(r"全国", ctx.text[clause_start : tok.start]):
        return "全国"
    return default


def _national(ctx: _Context, tok: _Tok, clause_start: int, clause_end: int) -> bool:
    """Whether the figure is about the country: it counts provinces, or follows a list of them."""
    if tok.unit == "省" or (tok.unit in _CLASSIFIERS and tok.item and _PROVINCE_NOUNS.fullmatch(tok.item)):
        return True
    listed = [r for r in _regions_in(ctx, clause_start, tok.start) if _is_province(r[2])]
    if len({r[2] for r in listed}) >= 2 and re.fullmatch(r"等?|共|在内的?", ctx.text[listed[-1][1] : tok.start]):
        return True
    clause = ctx.text[clause_start:clause_end]
    return _MACRO_REGIONS.search(clause) is not None and not _regions_in(ctx, clause_start, clause_end)


def _nested(regions: list[tuple[int, int, str]]) -> bool:
    """Regions written as one nested name (绥阳县蒲场镇): each starts where the previous one ends."""
    return all(a[1] == b[0] for a, b in pairwise(regions))


_OWN_LEVEL = re.compile(r"(?:我|本|全)(县|市|镇|乡)")
_LEVEL_OF = {"市": "city", "县": "county", "镇": "town", "乡": "town"}


def _self_reference(prefix: str) -> str | None:
    """The level of government a clause opens on (省发展改革委 → province), if any; a lower level the
    clause names as its own (省政府下放给我县…) is more specific and wins."""
    prefix = _TIME_WORDS.sub("", prefix).lstrip("，、 ")
    level = next((level for level, pattern in _SELF_REFERENCE if pattern.match(prefix)), None)
    if level is None:
        return None
    lower = [_LEVEL_OF[m.group(1)] for m in _OWN_LEVEL.finditer(prefix)]
    return lower[-1] if lower else level
