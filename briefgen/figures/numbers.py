"""The value of a number as written: Arabic with magnitudes, fractions, percentages, Chinese numerals."""

from __future__ import annotations

import re
from decimal import Decimal

import cn2an

from briefgen.figures.vocab import _MAG, _MAGNITUDES, _POST_QUALIFIERS, _PRE_QUALIFIERS


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
