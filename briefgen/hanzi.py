"""Traditional and simplified characters. Questions and documents are matched in simplified ones: a question typed in
traditional characters (擴權強縣) finds the simplified documents, and a document in traditional ones is tokenized and
embedded as simplified text (its own text, and so every span and quote, is kept as written)."""

from __future__ import annotations

from functools import cache

import opencc

# Everyday Hong Kong words in a question typed in traditional characters (幾多, 點樣): the Mandarin ones the gates read.
# Only words that no simplified or Mandarin text writes: 係 stays (關係), and 系 after conversion is 体系's.
_CANTONESE = (("點樣", "怎樣"), ("幾多", "多少"), ("乜嘢", "什麼"), ("邊個", "哪個"), ("甚麼", "什麼"), ("嘅", "的"),
              ("咗", "了"), ("冇", "沒有"), ("喺", "在"))


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
    return to_simplified(question), True
