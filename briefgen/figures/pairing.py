"""Tokens that belong together: changes (由A缩减为B), alternatives (一名或两名) and 分别 lists."""

from __future__ import annotations

import re
from itertools import pairwise

from briefgen.figures.context import _clause_of, _Context, _regions_in
from briefgen.figures.metric import _clean_metric, _strip_edges
from briefgen.figures.scan import _Tok
from briefgen.figures.vocab import _GROWTH_VERBS

_CHANGE_BEFORE = re.compile(r"(?:由|从)(?:原来|原|过去)?(?:的)?(?:平均|(?:19|20)\d\d年的?)?$")
_CHANGE_BETWEEN = re.compile(r"^[^，。；\d]{0,6}?(?:为|到|至)(?:平均|(?:19|20)\d\d年的?)?$")


def _fold_changes(text: str, toks: list[_Tok]) -> list[_Tok]:
    """由A缩减为B → one record for B with before A. Ratio parts are kept as they are."""
    out: list[_Tok] = []
    skip = False
    for i, tok in enumerate(toks):
        if skip:
            skip = False
            continue
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if nxt is not None and _is_change(text, tok, nxt):
            nxt.before = tok.num
            nxt.meta["change_from"] = str(tok.start)
            out.append(nxt)
            skip = True
            continue
        out.append(tok)
    return out


def _merge_alternatives(text: str, toks: list[_Tok]) -> list[_Tok]:
    """一名或两名, 三个至五个: one record for the alternative, valued at its lower bound."""
    out: list[_Tok] = []
    for tok in toks:
        last = out[-1] if out else None
        if (
            last is not None
            and last.kind == tok.kind == "count"
            and last.unit == tok.unit
            and last.before is None
            and tok.before is None
            and text[last.end : tok.start] in ("或", "或者", "至", "到")
            and last.num < tok.num
        ):
            last.end, last.kind = tok.end, "range"
            continue
        out.append(tok)
    return out


def _is_change(text: str, a: _Tok, b: _Tok) -> bool:
    if a.kind == "ratio" or b.kind == "ratio" or a.unit != b.unit:
        return False
    if not _CHANGE_BEFORE.search(text[max(0, a.start - 12) : a.start]):
        return False
    return _CHANGE_BETWEEN.match(text[a.end : b.start]) is not None


_RESPECTIVELY = re.compile(
    rf"分别(?:[^，。；\d]{{0,4}}?(?:比|较)[^，。；]{{0,14}}?)?(?:({_GROWTH_VERBS})(?:了)?)?(?:为|是|达到|达|占)?$"
)


def _pair_respectively(ctx: _Context, sentence: tuple[int, int], toks: list[_Tok]) -> None:
    """分别 lists: pair values with the listed items, in order."""
    text = ctx.text
    i = 0
    while i < len(toks):
        tok = toks[i]
        head = text[max(sentence[0], tok.start - 30) : tok.start]
        match = _RESPECTIVELY.search(head)
        if match is None:
            i += 1
            continue
        run = _list_run(text, toks, i)
        verb = match.group(1)
        verb = {"增幅": "增长", "增速": "增长", "增加": "增长"}.get(verb or "", verb)
        items = _listed_items(ctx, tok.start - len(head) + match.start(), tok)
        if len(items) != len(run):
            items = [t.item or "" for t in _previous_values(toks[:i], len(run))]
        if len(items) == len(run):
            for item, value in zip(items, run, strict=True):
                value.item = item or None
                value.metric = (item + (verb or "")) if item else verb
                value.meta["paired"] = "1"
        i += len(run)


def _list_run(text: str, toks: list[_Tok], i: int) -> list[_Tok]:
    """The values of a 、-separated list starting at toks[i]."""
    run = [toks[i]]
    for nxt in toks[i + 1 :]:
        if text[run[-1].end : nxt.start] not in ("、", "和", "及", "以及"):
            break
        run.append(nxt)
    return run


def _listed_items(ctx: _Context, respectively_at: int, tok: _Tok) -> list[str]:
    """Items listed before 分别 in the same clause: "A、B和C分别为…" → [A, B, C]."""
    clause_start, _ = _clause_of(ctx, tok.start)
    raw = ctx.text[clause_start:respectively_at]
    local = [(s - clause_start, e - clause_start) for s, e, _ in _regions_in(ctx, clause_start, respectively_at)]
    cleaned = _clean_metric(raw, local) if raw else ""
    if not cleaned:
        return []
    parts = [p for p in re.split(r"、|以及|和|及|与", cleaned) if p]
    return [_strip_edges(p) for p in parts]


def _previous_values(toks: list[_Tok], n: int) -> list[_Tok]:
    """The last n non-ratio, non-growth values before a 分别 clause (甲101亿元，乙3亿元，分别增长…)."""
    values = [t for t in toks if t.kind != "ratio" and t.metric is not None and t.item == t.metric]
    return values[-n:] if len(values) >= n else []


def _share_alternatives(text: str, toks: list[_Tok]) -> None:
    """一名或两名工作人员, 3至5个: the first value counts what the second counts."""
    for tok, nxt in pairwise(toks):
        if tok.unit == nxt.unit and text[tok.end : nxt.start] in ("或", "或者", "至", "到"):
            tok.metric, tok.item = nxt.metric, nxt.item
