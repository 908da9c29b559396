"""Traditional and simplified characters. Questions and documents are matched in simplified ones: a question typed in
traditional characters (擴權強縣) finds the simplified documents, and a document in traditional ones is tokenized and
embedded as simplified text (its own text, and so every span and quote, is kept as written)."""

from __future__ import annotations

import re
from functools import cache

import opencc

# Everyday Hong Kong words in a question typed in traditional characters (幾多, 點樣): the Mandarin ones the gates read.
# Only words that no simplified or Mandarin text writes; 邊 asks "which" only before a measure word (邊一年, 邊幾個).
_CANTONESE = (("點樣", "怎樣"), ("點解", "為什麼"), ("幾多", "多少"), ("乜嘢", "什麼"), ("咩", "什麼"), ("甚麼", "什麼"),
              ("邊個", "哪個"), ("邊一", "哪一"), ("邊幾", "哪幾"), ("邊啲", "哪些"), ("邊度", "哪裡"), ("邊位", "哪位"),
              ("邊間", "哪間"), ("邊份", "哪份"), ("邊年", "哪年"), ("嗰", "那"), ("嘅", "的"), ("咗", "了"), ("冇", "沒有"),
              ("喺", "在"), ("唔", "不"), ("佢哋", "他們"), ("佢", "他"), ("啲", "些"), ("嚟", "來"))
# 係 is Cantonese's 是 (問責程序係點樣, 究竟係邊一年), except in the words it writes in Mandarin too (關係, 聯係, 係數)
_COPULA = re.compile(r"(?<![關联聯维維])係(?!數|数)")


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """The text in simplified characters (擴權強縣以後縣裏的財政 → 扩权强县以后县里的财政); simplified text comes back
    unchanged (the sample corpus and all 7,233 questions of the gold sets written in it do)."""
    return _converter().convert(text)


def simplified_question(question: str) -> tuple[str, bool]:
    """The question in simplified characters, with the Hong Kong words of a traditional one in Mandarin, and whether
    anything was converted."""
    plain = to_simplified(question)
    if plain == question:
        return question, False
    for typed, mandarin in _CANTONESE:
        question = question.replace(typed, mandarin)
    return to_simplified(_COPULA.sub("是", question)), True
