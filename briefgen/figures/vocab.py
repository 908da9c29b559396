"""The genre's general vocabulary: numerals, magnitudes, units and counters, qualifiers, growth verbs,
target and time words, and clause/sentence boundaries."""

from __future__ import annotations

import re

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


_TIME_WORDS = re.compile(
    r"(?:(?:19|20)\d\d|[xX]{2,4})\s*年(?:(?:\d{1,2}|[xX]{1,2})月)?(?:底|末|初|度|以来|上半年|下半年|前|后|时|中)?|"
    r"同比|环比|目前|当前|现在|截至|截止|全年|当年|今年|去年|上年|近年来|近几年|多年来|年内|期间|其中"
)
