"""Figure extraction: quantities stated in a report, normalised and bound to what they measure.

The conventions are in `eval/gold/FIGURES.md`. The extractor works on the output of
`normalize_text` (full-width Chinese punctuation, half-width digits). It proceeds in passes:

1. mask noise (document numbers, titles, dates, alphanumeric ids);
2. scan number tokens (ratios, fractions, percentages, 百分点, ranges, counts, Chinese numerals);
3. per sentence: fold changes (由A缩减为B) into one record, pair 分别 lists, find the metric,
   the year, the subject and whether the figure is a target.

Nothing here is specific to one corpus: the word lists are the genre's general vocabulary.
"""

from __future__ import annotations

import logging
import math
import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from itertools import pairwise

import cn2an
from pydantic import BaseModel

from briefgen.models import Figure, Region, Section

logger = logging.getLogger(__name__)

RegionFinder = Callable[[str], list[tuple[int, int, str]]]

# --------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------

_CN_DIGITS = "零〇一二两三四五六七八九"
_CN_NUM = rf"[{_CN_DIGITS}十][{_CN_DIGITS}十百千万亿]*"
_AR_NUM = r"\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_MAGNITUDES = {"万亿": 1e12, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4}
_MAG = r"(?:万亿|亿|千万|百万|万)"
# Units as written → canonical unit. Longer spellings first (the regex is built in this order).
_UNIT_ALIASES: dict[str, str] = {
    "个百分点": "百分点",
    "百分点": "百分点",
    "个多月": "月",
    "个多小时": "小时",
    "个月": "月",
    "个小时": "小时",
    "个工作日": "工作日",
    "平方千米": "平方千米",
    "平方公里": "平方千米",
    "平方米": "平方米",
    "千瓦时": "千瓦时",
    "千瓦": "千瓦",
    "公里": "公里",
    "千米": "千米",
    "公顷": "公顷",
    "美元": "美元",
    "港元": "港元",
    "欧元": "欧元",
    "元": "元",
    "吨": "吨",
    "亩": "亩",
    "工作日": "工作日",
    "小时": "小时",
    "分钟": "分钟",
    "天": "天",
    "年": "年",
    "周": "周",
    "倍": "倍",
    "人次": "人次",
    "处室": "处室",
    "方面": "方面",
    "股室": "股室",
    "部门": "部门",
    "个": "个",
    "项": "项",
    "家": "家",
    "名": "名",
    "人": "人",
    "所": "所",
    "座": "座",
    "条": "条",
    "件": "件",
    "次": "次",
    "户": "户",
    "位": "位",
    "种": "种",
    "类": "类",
    "批": "批",
    "套": "套",
    "台": "台",
    "辆": "辆",
    "张": "张",
    "份": "份",
    "篇": "篇",
    "场": "场",
    "轮": "轮",
    "宗": "宗",
    "笔": "笔",
    "间": "间",
    "栋": "栋",
    "处": "处",
    "层": "层",
    "省": "省",
    "市": "市",
    "县": "县",
    "区": "区",
    "镇": "镇",
    "乡": "乡",
    "村": "村",
    "米": "米",
}
_UNIT_RE = "|".join(sorted(_UNIT_ALIASES, key=len, reverse=True))
# Counters that are nouns themselves: "9部门" measures 部门.
_NOUN_UNITS = frozenset({"处室", "股室", "部门", "方面", "省", "市", "县", "区", "镇", "乡", "村"})
# Counters after which the counted noun usually follows: "27个处室", "四个乡镇".
_CLASSIFIERS = frozenset(
    {
        "个",
        "项",
        "家",
        "名",
        "所",
        "座",
        "条",
        "件",
        "户",
        "位",
        "种",
        "类",
        "批",
        "套",
        "台",
        "辆",
        "张",
        "份",
        "篇",
        "场",
        "轮",
        "宗",
        "笔",
        "间",
        "栋",
        "处",
        "层",
    }
)
# What a Chinese numeral may count: "四个乡镇" yes, "一是"/"三级"/"两层" no.
_CN_COUNTERS = frozenset(
    _CLASSIFIERS
    | _NOUN_UNITS
    | {"人", "月", "小时", "天", "倍", "工作日", "亩", "吨", "元", "美元", "次", "年", "百分点"}
)
# A Chinese numeral after these is an ordinal, a name or vague: 第一, 首, “三个…”, 几十个, 同一个.
_CN_BLOCKERS = ("第", "首", "“", "届", "其", "之", "周", "唯", "同", "每", "这", "那", "某", "哪", "任", "几", "数")
# 八次全会, 三次产业: 次 here is part of a name.
_NAMED_AFTER_CI = r"全会|会议|全体|代表大会|党代会|产业"
_CN_HEAD = "[一二三四五六七八九十]+"
_PRE_QUALIFIERS = r"(?:将近|接近|超过|多达|高达|近|逾|约|超|达)"
_POST_QUALIFIERS = ("以上", "以下", "以内", "左右", "之多", "多", "余")
_GROWTH_VERBS = r"(?:增长|增加|提高|提升|上升|下降|降低|减少|缩减|缩短|扩大|压缩|增幅|增速|下降了|增长了)"
_TARGET_WORDS = re.compile(
    r"力争|计划|预计|预期|目标是|目标为|目标：|具体目标|规划到|确保[^。；]*达到|争取到\d{4}年|"
    r"(?:到|至)(?:20|19)\d\d年"
)
_PAST_WORDS = re.compile(r"已经|已有|已|截至|截止")
_BOUNDARY = "，。；！？：\n"
_SENTENCE_END = "。！？\n"


# --------------------------------------------------------------------------------------------
# Public types
# --------------------------------------------------------------------------------------------


class Conflict(BaseModel):
    """The same quantity stated with different values by different documents."""

    subject: str
    metric: str
    year: int | None
    figures: list[Figure]


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


# --------------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------------


def parse_number(token: str) -> float:
    """The value of a number as written: "4.9亿" → 4.9e8, "3150万" → 3.15e7, "百分之四十" → 40."""
    text = token.strip().replace(",", "")
    text = re.sub(rf"^{_PRE_QUALIFIERS}", "", text)
    text = text.removeprefix("百分之").rstrip("%‰")
    for suffix in _POST_QUALIFIERS:
        text = text.removesuffix(suffix)
    if "/" in text:
        num, den = text.split("/", 1)
        return parse_number(num) / parse_number(den)
    match = re.fullmatch(rf"(\d+(?:\.\d+)?)(多|余)?({_MAG})?(多|余)?", text)
    if match:
        return _scale(match.group(1), match.group(3))
    return _parse_chinese(text)


def _scale(number: str, magnitude: str | None) -> float:
    """Number times magnitude without binary noise: ("4.9", "亿") → 490000000.0."""
    factor = Decimal(int(_MAGNITUDES.get(magnitude or "", 1.0)))
    return float(Decimal(number.replace(",", "")) * factor)


def _parse_chinese(text: str) -> float:
    """Chinese numerals through cn2an: "二十三" → 23, "十多" → 10, "两" → 2."""
    text = text.replace("多", "").replace("余", "")
    if not text:
        raise ValueError("empty number")
    try:
        return float(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"not a number: {text!r}") from exc


# --------------------------------------------------------------------------------------------
# Noise masking
# --------------------------------------------------------------------------------------------

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


# --------------------------------------------------------------------------------------------
# Scanning
# --------------------------------------------------------------------------------------------

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


# --------------------------------------------------------------------------------------------
# Sentences, clauses, years, targets
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# Metrics
# --------------------------------------------------------------------------------------------

_TIME_WORDS = re.compile(
    r"(?:(?:19|20)\d\d|[xX]{2,4})\s*年(?:(?:\d{1,2}|[xX]{1,2})月)?(?:底|末|初|度|以来|上半年|下半年|前|后|时|中)?|"
    r"同比|环比|目前|当前|现在|截至|截止|全年|当年|今年|去年|上年|近年来|近几年|多年来|年内|期间|其中"
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


@lru_cache(maxsize=4096)
def _pos(text: str) -> tuple[tuple[str, str], ...]:
    """Words and part-of-speech flags (jieba)."""
    import jieba
    import jieba.posseg as posseg

    jieba.setLogLevel(logging.WARNING)
    return tuple((w.word, w.flag) for w in posseg.lcut(text))


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


# --------------------------------------------------------------------------------------------
# Per-sentence assembly
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# Changes and 分别 lists
# --------------------------------------------------------------------------------------------

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


# --------------------------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------------------------


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


def _share_alternatives(text: str, toks: list[_Tok]) -> None:
    """一名或两名工作人员, 3至5个: the first value counts what the second counts."""
    for tok, nxt in pairwise(toks):
        if tok.unit == nxt.unit and text[tok.end : nxt.start] in ("或", "或者", "至", "到"):
            tok.metric, tok.item = nxt.metric, nxt.item


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


def _in_target_section(headings: list[tuple[int, bool]], pos: int) -> bool:
    """Whether the nearest top-level heading before pos names a 目标 section."""
    before = [is_target for at, is_target in headings if at <= pos]
    return bool(before) and before[-1]


# --------------------------------------------------------------------------------------------
# Conflicts and tables
# --------------------------------------------------------------------------------------------


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
