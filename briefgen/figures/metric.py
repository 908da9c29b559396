"""What a figure measures: the counted noun after a classifier, or the cleaned phrase left of the number."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache

from briefgen.figures.context import _clause_of, _Context, _regions_in
from briefgen.figures.scan import _Tok
from briefgen.figures.tagging import _pos
from briefgen.figures.vocab import (
    _CLASSIFIERS,
    _GROWTH_VERBS,
    _NOUN_UNITS,
    _PRE_QUALIFIERS,
    _SENTENCE_END,
    _TIME_WORDS,
)

_SUBJECT_WORDS = re.compile(r"(?:全|我|本|该|各)(?:国|省|市|县|区|镇|乡|村)|全国")
_LEAD_FILLERS = re.compile(
    r"^(?:在|并|且|而|和|及|与|同时|另外|此外|还|共|共有|总共|累计|合计|实现|完成|达到|拥有|现有|已有|已|有|"
    r"共计|仅|只|其|都|均|，|、|的)+"
)
_TAIL_FILLERS = re.compile(
    r"(?:达到了|达到|高达|多达|已达|达|为|是|有|仅有|只有|共有|共|约|近|逾|超过|突破|总计|合计|累计|平均|均|已|"
    r"分别|占|了|的|连续|每|仅|只|超|年均|增至|增加到|上升到|下降到|提高到|降至|降到|变为|缩减为|减少到|增加为|"
    r"至|到|由原来|由|从|原来|原|计|共计|将|要|应|在)+$"
)
# 下降为3%: the verb leads to a new level, which is measured by the phrase before the verb.
_LEVEL_VERB = re.compile(rf"(?:{_GROWTH_VERBS}|调整|变|降|增|减)(?:为|到|至)$")
# 工业产值占全县的35%: the share's base is not part of the metric.
_SHARE_OF = re.compile(r"(?<=.)占[^，。；占]{0,8}?的?(?:比重|比例)?$")
_BARE_VERB = re.compile(rf"(?:{_GROWTH_VERBS}|调整|变化|变|降|增|减)(?:为|到|至)?")
# 比2008年 / 较扩权前 before a growth verb: the baseline, not part of the metric (比重 is a word).
_COMPARISON = re.compile(
    rf"(?:比|较)(?!重|例|率|值|较|如|由|从)[^，。；由从的]{{0,12}}?(?=(?:均|都|分别)?(?:{_GROWTH_VERBS}|$))"
)


def _clean_metric(raw: str, region_spans: Sequence[tuple[int, int]] = ()) -> str:
    """The noun phrase left of a number, without time words, subject, fillers and comparisons."""
    names = sorted({raw[start:end] for start, end in region_spans}, key=len, reverse=True)
    text = _clean_phrase(raw)
    stripped = True
    while stripped:  # a leading region name is the subject, not part of the metric
        stripped = False
        for name in names:
            if name and text.startswith(name):
                text, stripped = _strip_edges(text[len(name) :]), True
    return _shorten(text)


def _clean_phrase(raw: str) -> str:
    """Time words, fillers, comparisons and heading residue removed from a phrase."""
    text = re.split(r"\s", raw)[-1]  # a space marks a run-in heading or paragraph join
    text = re.sub(r"^.*(?<!为)[了着](?!解)", "", text)  # 设置了27个 / 占据着…: keep the object
    text = _TIME_WORDS.sub("", text)
    text = re.sub(r"^(?:[、，和及与]|(?:19|20)\d\d年)+", "", text)
    text = _COMPARISON.sub("", text)
    return _strip_edges(text)


def _shorten(text: str) -> str:
    """A long phrase keeps what follows its last verb: "…特征使得城市和乡村" → "城市和乡村"."""
    if len(text) <= 20:
        return text
    words = _pos(text)
    verbs = [i for i, (_, flag) in enumerate(words) if flag in ("v", "vd", "vi")]
    if verbs and verbs[-1] + 1 < len(words):
        tail = _strip_edges("".join(word for word, _ in words[verbs[-1] + 1 :]))
        if len(tail) >= 2:
            return tail
    return text


def _strip_edges(text: str) -> str:
    previous = None
    while previous != text:
        previous = text
        text = _SUBJECT_WORDS.sub("", text) if _SUBJECT_WORDS.match(text) else text
        text = _LEAD_FILLERS.sub("", text)
        text = _TAIL_FILLERS.sub("", _LEVEL_VERB.sub("", _SHARE_OF.sub("", text)))
        text = text.strip(" ，、：；（")
        text = re.sub(r"[（(][^）)]*$", "", text)
        text = _balance_quotes(text)
    return "" if _BARE_VERB.fullmatch(text) else text


def _balance_quotes(text: str) -> str:
    """Drop a quote mark left without its pair at either end: "差旅”等支出" → "差旅等支出"."""
    if text.count("“") != text.count("”"):
        text = text.replace("“", "").replace("”", "")
    return text


def _split_change(prefix: str) -> tuple[str, str | None]:
    """Split off a growth verb: "争取到位资金同比增长" → ("争取到位资金", "增长")."""
    match = re.search(rf"({_GROWTH_VERBS})(?:了)?(?:近|约|逾|超过)?$", prefix)
    if match is None:
        return prefix, None
    verb = match.group(1).removesuffix("了")
    verb = {"增幅": "增长", "增速": "增长", "增加": "增长"}.get(verb, verb)
    return prefix[: match.start()], verb


@lru_cache(maxsize=4096)
def _noun_after(after: str) -> str:
    """The noun phrase a classifier counts: "个处室，而…" → "处室", "个经济发展较快的县市" → "县市"."""
    words = list(_pos(after[:24]))
    phrase, i = _noun_run(words, 0)
    if not phrase and len(words) > 1 and words[0][1] == "v" and len(words[0][0]) == 2:
        modified, k = _noun_run(words, 1)  # 两个独立主体: a verb used as a modifier of the noun
        if modified and (k >= len(words) or words[k][0] != "的"):
            phrase, i = words[0][0] + modified, k
        elif modified:  # 三个开展试点的县: the noun after the relative clause
            phrase, i = _noun_run(words, k + 1)
    j = i
    while j < len(words) and words[j][1][:1] in ("a", "d") and j - i < 3:
        j += 1
    if j < len(words) and words[j][0] == "的" and (j > i or not phrase):
        later, _ = _noun_run(words, j + 1)
        phrase = later or phrase
    return phrase


_NOUN_SUFFIXES = frozenset({"员", "者", "师", "户", "商", "工"})


def _noun_run(words: list[tuple[str, str]], i: int) -> tuple[str, int]:
    """Consecutive noun-like words from index i (an adjective only in front of a noun)."""
    parts: list[str] = []
    while i < len(words):
        word, flag = words[i]
        nounish = flag[:1] == "n" or flag in ("vn", "j", "b", "an", "l") or word in _NOUN_UNITS
        nounish = nounish and word not in ("以上", "左右")
        nounish = nounish or (bool(parts) and word in _NOUN_SUFFIXES)  # 网格|员: a suffix jieba splits off
        adjective = flag in ("a", "ag") and i + 1 < len(words) and words[i + 1][1][:1] == "n"
        if not (nounish or adjective) or re.search(r"[\dA-Za-z]", word):
            break
        parts.append(word)
        i += 1
    return "".join(parts), i


def _prefix_metric(ctx: _Context, tok: _Tok, floor: int) -> str:
    """Cleaned text between the clause start (or the previous figure) and the number."""
    clause_start, _ = _clause_of(ctx, tok.start)
    start = max(clause_start, floor)
    raw = ctx.text[start : tok.start]
    local = [(s - start, e - start) for s, e, _ in _regions_in(ctx, start, tok.start)]
    return _clean_metric(raw, local)


def _after_text(ctx: _Context, tok: _Tok) -> str:
    _, clause_end = _clause_of(ctx, tok.start)
    return ctx.text[tok.end : clause_end]


def _assign_metric(ctx: _Context, tok: _Tok, floor: int, previous: _Tok | None) -> None:
    """Metric and item for one token: the counted noun, or the phrase left of it."""
    if tok.meta.get("staged"):  # 两年见成效: the stage is named by what follows the duration
        stage = re.match(r"[^，。；、“”‘’\s的]+", _after_text(ctx, tok))
        tok.item = tok.metric = stage.group(0) if stage else None
        return
    raw_prefix = _prefix_metric(ctx, tok, floor)
    item, verb = _split_change(_raw_before(ctx, tok, floor))
    item = _clean_metric(item, _local_regions(ctx, tok, floor, len(item)))
    if verb and tok.kind in ("pct", "point"):
        if not item and previous is not None:
            item = previous.item or ""
        tok.item = item or None
        tok.metric = (item + verb) if item else verb
        return
    noun = _noun_after(_after_text(ctx, tok)) if tok.unit in _CLASSIFIERS or tok.unit in _NOUN_UNITS else ""
    if (noun if tok.unit in _CLASSIFIERS else tok.unit) in _ASPECT_NOUNS and _anaphoric(ctx, tok, floor):
        return
    if tok.unit in _CLASSIFIERS and noun:
        tok.item = tok.metric = _designation(_after_text(ctx, tok), noun) or noun
        return
    metric = tok.unit if tok.unit in _NOUN_UNITS else raw_prefix
    if not metric and previous is not None and previous.unit == tok.unit:
        metric = previous.item or ""
    tok.item = tok.metric = metric or None


# Counts of the parts of what the previous sentence said: 主要表现在三方面, 有以下两点.
_ASPECT_NOUNS = frozenset({"方面", "点", "层面", "部分"})


def _anaphoric(ctx: _Context, tok: _Tok, floor: int) -> bool:
    """主要表现在三方面 names nothing itself: when the words before the count hold no noun, it counts the
    aspects of the previous sentence's topic, which gives the metric (its last noun phrase) and the
    place to look for the subject (meta "topic")."""
    clause_start, _ = _clause_of(ctx, tok.start)
    prefix = ctx.text[max(clause_start, floor) : tok.start]
    if any(_nounish(flag) for _, flag in _pos(prefix)):
        return False
    sentence_start = max(ctx.text.rfind(ch, 0, clause_start) for ch in _SENTENCE_END) + 1
    if sentence_start <= 0:
        return False
    previous_start = max(ctx.text.rfind(ch, 0, sentence_start - 1) for ch in _SENTENCE_END) + 1
    for start, end in ctx.clauses[bisect_right(ctx.clause_starts, previous_start) - 1 :]:
        if start >= sentence_start:
            break
        words = list(_pos(ctx.text[start:end]))
        runs = [_noun_run(words, i)[0] for i in range(len(words)) if i == 0 or not _nounish(words[i - 1][1])]
        runs = [run for run in runs if run and run not in _NOUN_UNITS]
        if runs:
            tok.item = tok.metric = runs[-1]
            tok.meta["topic"] = f"{start},{end}"
            return True
    return False


def _nounish(flag: str) -> bool:
    return flag[:1] == "n" or flag in ("vn", "j", "l")


_DESIGNATED = re.compile(
    r"^[^，。；]{0,10}?被?(?:确定|列|评|命名|批准|认定|选定|选|定)为(?:全国|国家级|省级|市级|县级)?"
)


def _designation(after: str, noun: str) -> str:
    """四个乡镇被确定为试点镇: the count is of what the items were designated as (试点镇)."""
    rest = after[after.find(noun) + len(noun) :] if noun in after else ""
    match = _DESIGNATED.match(rest)
    if match is None:
        return ""
    return _noun_after(rest[match.end() :])


def _raw_before(ctx: _Context, tok: _Tok, floor: int) -> str:
    clause_start, _ = _clause_of(ctx, tok.start)
    text = ctx.text[max(clause_start, floor) : tok.start]
    return re.sub(rf"{_PRE_QUALIFIERS}$", "", text)


def _local_regions(ctx: _Context, tok: _Tok, floor: int, length: int) -> list[tuple[int, int]]:
    clause_start, _ = _clause_of(ctx, tok.start)
    start = max(clause_start, floor)
    return [(s - start, e - start) for s, e, _ in _regions_in(ctx, start, start + length)]
