"""Figure extraction: quantities stated in a report, normalised and bound to what they measure.

The conventions are in `eval/gold/FIGURES.md`. The extractor works on the output of
`normalize_text` (full-width Chinese punctuation, half-width digits). It proceeds in passes:

1. mask noise (document numbers, titles, dates, alphanumeric ids);
2. scan number tokens (ratios, fractions, percentages, 百分点, ranges, counts, Chinese numerals);
3. per sentence: fold changes (由A缩减为B) into one record, pair 分别 lists, find the metric,
   the year, the subject and whether the figure is a target.

Nothing here is specific to one corpus: the word lists are the genre's general vocabulary.

Modules: `vocab` (word lists, units), `numbers` (parse_number), `scan` (noise mask, number tokens),
`context` (sentences, clauses, years, targets), `metric`, `pairing` (changes, 分别 lists),
`subject`, `tagging` (jieba); this module assembles figures and compares them across documents.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Sequence

from pydantic import BaseModel

from briefgen.figures.context import (
    _clause_of,
    _Context,
    _in_target_section,
    _is_target,
    _spans,
    _target_headings,
    _year_for,
    _years,
)
from briefgen.figures.metric import _assign_metric
from briefgen.figures.numbers import parse_number
from briefgen.figures.pairing import _fold_changes, _merge_alternatives, _pair_respectively, _share_alternatives
from briefgen.figures.scan import _noise_mask, _scan, _Tok
from briefgen.figures.subject import _DocInfo, _subject_for
from briefgen.figures.vocab import _BOUNDARY, _SENTENCE_END
from briefgen.models import Figure, Region, Section

__all__ = ["Conflict", "RegionFinder", "extract_figures", "figures_to_rows", "find_conflicts", "parse_number"]

logger = logging.getLogger(__name__)

RegionFinder = Callable[[str], list[tuple[int, int, str]]]


class Conflict(BaseModel):
    """The same quantity stated with different values by different documents."""

    subject: str
    metric: str
    year: int | None
    figures: list[Figure]


def _to_figure(
    ctx: _Context, tok: _Tok, sentence: tuple[int, int], info: _DocInfo, target: bool, years: list[tuple[int, int]]
) -> Figure:
    clause = _clause_of(ctx, tok.start)
    quote_start = int(tok.meta.get("change_from", clause[0]))
    quote_start = min(clause[0], quote_start)
    quote = ctx.text[quote_start : clause[1]].rstrip(_BOUNDARY)
    position = info.offset + tok.start
    return Figure(
        doc_id=info.doc_id,
        start=position,
        end=info.offset + tok.end,
        quote=quote,
        subject=_subject_for(ctx, sentence, tok, info),
        metric=tok.metric,
        value=ctx.text[tok.start : tok.end],
        value_num=tok.num,
        unit=tok.unit,
        year=_year_for(years, sentence[0], tok.start, info.year),
        before_value=tok.before,
        after_value=tok.num if tok.before is not None else None,
        is_target=target,
        section=info.section_at(position) if info.section_at else "背景",
    )


def _sentence_figures(ctx: _Context, sentence: tuple[int, int], toks: list[_Tok]) -> None:
    """Metrics for the tokens of one sentence, in order."""
    previous: _Tok | None = None
    floor = sentence[0]
    for tok in toks:
        if tok.kind == "ratio" and previous is not None and previous.group == tok.group and previous.kind == "ratio":
            tok.item = tok.metric = previous.metric
        elif "change_from" in tok.meta:  # 由A缩减为B: the metric is left of A
            anchor = _Tok(int(tok.meta["change_from"]), tok.end, tok.num, tok.unit, tok.kind)
            _assign_metric(ctx, anchor, floor, previous)
            tok.metric, tok.item = anchor.metric, anchor.item
        else:
            _assign_metric(ctx, tok, floor, previous)
        if not tok.metric and previous is not None and tok.kind == previous.kind:
            tok.metric, tok.item = previous.item, previous.item
        previous = tok
        floor = tok.end
    _share_alternatives(ctx.text, toks)
    _pair_respectively(ctx, sentence, toks)


def extract_figures(
    text: str,
    *,
    doc_id: str = "",
    subject: str | None = None,
    year: int | None = None,
    section_at: Callable[[int], Section] | None = None,
    find_regions: RegionFinder | None = None,
    offset: int = 0,
    region: Region | None = None,
) -> list[Figure]:
    """All figures in `text` (a document's normalised text or a chunk of it). `offset` is added to
    start/end so spans index into document.text when `text` is a chunk. `subject` is the document's
    default region; a region named in the same sentence (found by find_regions) overrides it.
    `region` is the document's region with all its levels: a clause opening on a level of government
    (省发展改革委…, 全县…) takes that level from it (without `region`, such clauses keep `subject`).
    `year` is the document's default year. `section_at(pos)` gives the section (成效/问题/建议/背景)
    of a position (document coordinates). Figure.start/end is the span of the number with its unit
    as written (text[start:end] == value); Figure.quote is the clause (between ，。；！？ boundaries)."""
    mask = _noise_mask(text)
    toks = _merge_alternatives(text, _fold_changes(text, _scan(text, mask)))
    clauses = _spans(text, _BOUNDARY)
    ctx = _Context(text, clauses, [s for s, _ in clauses], sorted(find_regions(text)) if find_regions else [])
    info = _DocInfo(doc_id, subject, year, section_at, offset, region)
    years = _years(text, mask)
    headings = _target_headings(text)
    figures: list[Figure] = []
    for sentence in _spans(text, _SENTENCE_END):
        inside = [t for t in toks if sentence[0] <= t.start < sentence[1]]
        if inside:
            _sentence_figures(ctx, sentence, inside)
            section_target = _in_target_section(headings, sentence[0])
            for tok in inside:
                target = _is_target(text[sentence[0] : sentence[1]], tok.start - sentence[0], section_target, year)
                figures.append(_to_figure(ctx, tok, sentence, info, target, years))
    logger.debug("extracted %d figures from %d characters", len(figures), len(text))
    return figures


def find_conflicts(figures: Sequence[Figure]) -> list[Conflict]:
    """Same subject + metric + year + unit with different value_num in different documents (doc_id).
    Targets and achievements are compared only among themselves."""
    groups: dict[tuple[str, str, int | None, str, bool], list[Figure]] = {}
    for fig in figures:
        if fig.subject and fig.metric:
            groups.setdefault((fig.subject, fig.metric, fig.year, fig.unit, fig.is_target), []).append(fig)
    conflicts = []
    for (subj, metric, year, _unit, _target), members in groups.items():
        if _disagree(members):
            conflicts.append(Conflict(subject=subj, metric=metric, year=year, figures=members))
    return conflicts


def _disagree(figures: list[Figure]) -> bool:
    """Two documents give different values (relative tolerance 1e-3)."""
    for a in figures:
        for b in figures:
            if a.doc_id != b.doc_id and not math.isclose(a.value_num, b.value_num, rel_tol=1e-3):
                return True
    return False


def figures_to_rows(figures: Sequence[Figure]) -> list[dict[str, object]]:
    """Flat rows for table output (CSV, markdown), one per figure."""
    columns = (
        "doc_id",
        "subject",
        "metric",
        "year",
        "value",
        "value_num",
        "unit",
        "before_value",
        "after_value",
        "is_target",
        "section",
        "start",
        "end",
        "quote",
    )
    return [{column: getattr(fig, column) for column in columns} for fig in figures]
