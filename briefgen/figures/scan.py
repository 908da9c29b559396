"""Passes 1 and 2: mask noise (document numbers, titles, dates, ids, headings) and scan number tokens
(ratios, fractions, ranges, percentages, 百分点, counts, Chinese numerals)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefgen.figures.numbers import _parse_chinese, _scale, parse_number
from briefgen.figures.tagging import _pos
from briefgen.figures.vocab import (
    _AR_NUM,
    _CN_BLOCKERS,
    _CN_COUNTERS,
    _CN_DIGITS,
    _CN_NUM,
    _MAG,
    _MAGNITUDES,
    _NAMED_AFTER_CI,
    _NOUN_UNITS,
    _UNIT_ALIASES,
    _UNIT_RE,
)


@dataclass
class _Tok:
    """A number token before it becomes a Figure (text coordinates)."""

    start: int
    end: int
    num: float
    unit: str
    kind: str = "count"  # count | pct | point | ratio | frac | range
    group: int = -1  # ratio group, or 分别 list
    before: float | None = None
    metric: str | None = None
    item: str | None = None  # the metric without a growth verb, for later 分别 pairing
    meta: dict[str, str] = field(default_factory=dict)


_NOISE_PATTERNS = [
    re.compile(r"[\[〔【（(]\s*(?:\d{4}|[xX]{2,4})\s*[\]〕】）)]\s*(?:第\s*)?\d+\s*号"),  # 川府发[2007]58号
    re.compile(r"\d+\s*号"),
    re.compile(r"《[^《》\n]{0,80}》"),  # titles
    re.compile(r"\d{4}\s*[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2}"),  # 2009-08-05
    re.compile(r"\d{4}-\d{3}[\dX]"),  # ISSN
    re.compile(r"\d+[A-Za-z][\dA-Za-z\-]*|[A-Za-z]\d+(?=[A-Za-z\-])"),  # 06BZZ024, D035-
    re.compile(r"[（(]\s*\d{4}\s*[-—]\s*[）)]"),  # (1956-)
    re.compile(r"第\s*\d+\s*页\s*[，,]?\s*共\s*\d+\s*页"),
    re.compile(r"[—\-－–]{1,2}\s*\d{1,3}\s*[—\-－–]{1,2}(?!\d)"),
    re.compile(
        r"(?m)^\s*(?:\d+(?:[.．]\d+)*(?:[.．、]|\s)|（\d+）|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)(?!\d)"
    ),
    re.compile(r"\d+(?:\.\d+)?\s*[月日号]"),  # dates: 12月, 5日
]


def _noise_mask(text: str) -> list[bool]:
    """Per character: True where a number cannot be a figure (ids, titles, dates, headings)."""
    mask = [False] * len(text)
    for pattern in _NOISE_PATTERNS:
        for match in pattern.finditer(text):
            mask[match.start() : match.end()] = [True] * (match.end() - match.start())
    return mask


_NUM = rf"(?:{_AR_NUM})"
_RATIO = re.compile(rf"(?<![\d.:∶])({_NUM})((?:[∶:]{_NUM})+)(?![\d∶:])")
_FRACTION = re.compile(r"(?<![\d./])(\d+)/(\d+)(?![\d/])|([一二两三四五六七八九十百]+)分之([一二两三四五六七八九十]+)")
_PERCENT = re.compile(rf"(?<![\d.])({_NUM})(?:\s*%|\s*‰)|百分之([{_CN_DIGITS}十百点.\d]+)")
_RANGE = re.compile(rf"(?<![\d.])({_NUM}){_MAG}?(%?)[—\-－~～至到]({_NUM})({_MAG})?(多|余)?({_UNIT_RE}|%)")
_CN_RANGE = re.compile(rf"(?<![{_CN_DIGITS}十第])({_CN_NUM})(?:至|到|或|—)({_CN_NUM})({_UNIT_RE})")
_AR_COUNT = re.compile(rf"(?<![\d.,])({_NUM})(多|余)?({_MAG})?(多|余)?({_UNIT_RE})?")
_CN_COUNT = re.compile(rf"({_CN_NUM})(多|余)?({_MAG})?({_UNIT_RE})")


def _scan(text: str, mask: list[bool]) -> list[_Tok]:
    """All number tokens, longest patterns first; a character belongs to at most one token."""
    taken = list(mask)
    toks: list[_Tok] = []
    for scanner in (_scan_ratios, _scan_fractions, _scan_ranges, _scan_percents, _scan_arabic, _scan_chinese):
        for tok in scanner(text):
            if not any(taken[tok.start : tok.end]):
                toks.append(tok)
                taken[tok.start : tok.end] = [True] * (tok.end - tok.start)
    toks.sort(key=lambda t: t.start)
    _share_list_units(text, toks)
    return [t for t in toks if t.unit]


def _scan_ratios(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    for group, match in enumerate(_RATIO.finditer(text)):
        for part in re.finditer(_NUM, match.group(0)):
            start = match.start() + part.start()
            toks.append(_Tok(start, start + len(part.group(0)), float(part.group(0)), "比例", "ratio", group))
    return toks


def _scan_fractions(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    for match in _FRACTION.finditer(text):
        if match.group(1):
            num, den = float(match.group(1)), float(match.group(2))
        else:
            den, num = _parse_chinese(match.group(3)), _parse_chinese(match.group(4))
        if 0 < num < den:
            toks.append(_Tok(match.start(), match.end(), round(num / den, 4), "分数", "frac"))
    return toks


def _scan_percents(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    for match in _PERCENT.finditer(text):
        unit = "‰" if match.group(0).endswith("‰") else "%"
        try:
            value = parse_number(match.group(1) or match.group(2))
        except ValueError:
            continue
        toks.append(_Tok(match.start(), match.end(), value, unit, "pct"))
    return toks


def _scan_ranges(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    for match in _RANGE.finditer(text):
        low, high = float(match.group(1).replace(",", "")), float(match.group(3).replace(",", ""))
        if low >= high or re.match(r"[—\-]\d", text[match.end() : match.end() + 2]):
            continue
        unit = _UNIT_ALIASES.get(match.group(6), match.group(6))
        toks.append(_Tok(match.start(), match.end(), _scale(match.group(1), match.group(4)), unit, "range"))
    for match in _CN_RANGE.finditer(text):  # 三至五名, 一到两个
        unit = _UNIT_ALIASES[match.group(3)]
        try:
            low, high = _parse_chinese(match.group(1)), _parse_chinese(match.group(2))
        except ValueError:
            continue
        if unit in _CN_COUNTERS and low < high and text[max(0, match.start() - 1) : match.start()] not in _CN_BLOCKERS:
            toks.append(_Tok(match.start(), match.end(), low, unit, "range"))
    return toks


def _scan_arabic(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    for match in _AR_COUNT.finditer(text):
        written = match.group(5) or ""
        unit = _arabic_unit(text, match, written)
        end = match.end() if unit else match.end(1)
        value = _scale(match.group(1), match.group(3))
        kind = "point" if unit == "百分点" else "count"
        toks.append(_Tok(match.start(), end, value, unit, kind))
    return toks


def _arabic_unit(text: str, match: re.Match[str], written: str) -> str:
    """The canonical unit of an Arabic number, or "" when it is not a figure (years, 年代)."""
    if not written:
        return ""
    number, after = match.group(1), text[match.end() : match.end() + 1]
    if written == "年" and (len(number) == 4 or number.startswith("0") or after in "代度级底初末"):
        return ""
    if text[max(0, match.start() - 1) : match.start()] in ("第", "前", "后") and written != "年":
        return ""
    if written in _NOUN_UNITS and after in "级委长":  # 3市级, 5县委 are names, not counts
        return ""
    if written == "次" and re.match(_NAMED_AFTER_CI, text[match.end() : match.end() + 4]):
        return ""
    return _UNIT_ALIASES[written]


def _scan_chinese(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    for match in _CN_COUNT.finditer(text):
        numeral, written = match.group(1), match.group(4)
        unit = _UNIT_ALIASES[written]
        if not _chinese_count_ok(text, match, numeral, unit):
            continue
        try:
            value = _parse_chinese(numeral) * _MAGNITUDES.get(match.group(3) or "", 1.0)
        except ValueError:
            continue
        tok = _Tok(match.start(), match.end(), value, unit, "point" if unit == "百分点" else "count")
        if unit in _CN_DURATIONS and _in_staged_list(text, match):
            tok.meta["staged"] = "1"
        toks.append(tok)
    return toks


def _chinese_count_ok(text: str, match: re.Match[str], numeral: str, unit: str) -> bool:
    """Chinese numerals count only with a real counter and outside names and ordinals."""
    before = text[max(0, match.start() - 2) : match.start()]
    after = text[match.end() : match.end() + 4]
    if unit not in _CN_COUNTERS:
        return False
    staged = unit in _CN_DURATIONS and _in_staged_list(text, match)
    if (before.endswith(_CN_BLOCKERS) and not (staged and before.endswith("“"))) or _after_ordinal_list(
        text, match.start()
    ):
        return False
    # 一个/一项/一名 are articles; 一 counts in an alternative (一名或两名), after 只有/仅, or in a
    # staged list (一年打基础，两年见成效).
    if numeral == "一" and not (staged or _alternative_follows(text, match.end()) or before.endswith(_ONLY)):
        return False
    if unit == "元" and len(numeral) == 1 and not match.group(3):  # 二元结构
        return False
    if unit == "年" and not (before.endswith(("连续", "用", "用了", "历时", "经过", "近", "长达", "花了")) or staged):
        return False
    if unit == "年" and before.endswith("近") and after[:1] in "，、来以内中":
        return False  # 近两年，…: a time adverbial (the last two years), not a duration
    if unit in _NOUN_UNITS and after[:1] in "级委长":
        return False
    if unit == "层" and re.search(
        r"[省市县乡镇村区](?:、[省市县乡镇村区])+$", text[max(0, match.start() - 12) : match.start()]
    ):
        return False  # 省、市、县三层: tiers of government, like 三级
    return not (unit == "次" and re.match(_NAMED_AFTER_CI, after))


_CN_DURATIONS = frozenset({"年", "月", "天"})
_ONLY = ("只有", "仅有", "仅", "只", "不足", "不到")
_CN_AMOUNT = rf"[{_CN_DIGITS}十]+"
# A staged plan: 一年打基础，两年见成效，三年出形象 (numeral + duration + a verb, repeated).
_STAGE = re.compile(
    rf"{_CN_AMOUNT}(?:个)?(?:年|月|天)(?![来内前后底初末度级代间中里])[^，。；、\d{_CN_DIGITS}十]{{1,6}}"
)


def _in_staged_list(text: str, match: re.Match[str]) -> bool:
    """True for a duration in a parallel list of stages: at least two numeral+duration clauses in a row,
    each followed by a short verb phrase."""
    stage = _STAGE.match(text, match.start())
    if stage is None or not _starts_with_verb(text[match.end() : stage.end()]):
        return False
    nxt = _STAGE.match(text, stage.end() + 1) if stage.end() < len(text) and text[stage.end()] in "，、；" else None
    prev = None
    if match.start() >= 2 and text[match.start() - 1] in "，、；":
        prev = next(
            (
                m
                for m in _STAGE.finditer(text, max(0, match.start() - 12), match.start() - 1)
                if m.end() == match.start() - 1
            ),
            None,
        )
    return nxt is not None or prev is not None


def _starts_with_verb(phrase: str) -> bool:
    words = _pos(phrase)
    if len(words) > 1 and words[0][1] == "f" and len(words[0][0]) == 1 and words[1][1][:1] == "n":
        return True  # 上台阶, 下功夫: a one-character verb that jieba reads as a locality word
    return bool(words) and words[0][1][:1] in ("v", "l", "i", "d", "a")


def _alternative_follows(text: str, end: int) -> bool:
    """一名或两名, 一至两个: the numeral is the lower bound of an alternative."""
    return re.match(rf"(?:或者|或|至|到|—|-){_CN_AMOUNT}", text[end : end + 6]) is not None


def _after_ordinal_list(text: str, start: int) -> bool:
    """True inside an ordinal list: 二 and 三 in 第一、二、三产业."""
    head = text[max(0, start - 12) : start]
    return re.search(rf"第[{_CN_DIGITS}十]+(?:、[{_CN_DIGITS}十]+)*、$", head) is not None


def _share_list_units(text: str, toks: list[_Tok]) -> None:
    """Bare numbers in a 、-list take the unit of the list's last element: 3、5、8个 → 3个, 5个."""
    for i in range(len(toks) - 2, -1, -1):
        tok, nxt = toks[i], toks[i + 1]
        if tok.unit or not nxt.unit or nxt.kind not in ("count", "pct"):
            continue
        if text[tok.end : nxt.start] in ("、", "和", "及"):
            tok.unit, tok.kind = nxt.unit, nxt.kind
            tok.meta["shared"] = "1"
