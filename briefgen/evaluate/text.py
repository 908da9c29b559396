"""Small text measures shared by the scorers: compact forms, character bigrams, Dice, numbers."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from briefgen.models import Figure

_NON_WORD = re.compile(r"[\W_]+")
# Bare Arabic numbers; years (2010年, a lone 19xx/20xx) and dates are not claims of quantity.
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_DATE_AFTER = re.compile(r"\s*[年月日号]")


def compact(text: str | None) -> str:
    """Text without spaces and punctuation: 争取到位资金、 → 争取到位资金."""
    return _NON_WORD.sub("", text or "")


def bigrams(text: str | None) -> set[str]:
    """Character bigrams of the compact text; a one-character text is its own 'bigram'."""
    flat = compact(text)
    if len(flat) == 1:
        return {flat}
    return {flat[i : i + 2] for i in range(len(flat) - 1)}


def dice(a: str | None, b: str | None) -> float:
    """Character-bigram Dice coefficient (0 when either side is empty)."""
    sa, sb = bigrams(a), bigrams(b)
    if not sa or not sb:
        return 0.0
    return 2 * len(sa & sb) / (len(sa) + len(sb))


def covered_share(text: str, support: str) -> float:
    """Share of `text`'s bigrams that also occur in `support`."""
    own = bigrams(text)
    if not own:
        return 1.0
    return len(own & bigrams(support)) / len(own)


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    """Characters shared by two half-open spans."""
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def close(a: float, b: float) -> bool:
    """Values equal up to relative tolerance 1e-3 (FIGURES.md matching rule)."""
    return math.isclose(a, b, rel_tol=1e-3, abs_tol=1e-9)


@dataclass(frozen=True)
class Number:
    """A number stated in generated text. `unit` is empty for a bare number (matched as written)."""

    written: str
    value_num: float
    unit: str
    start: int
    end: int


@lru_cache(maxsize=4096)
def _extracted(text: str) -> tuple[Figure, ...]:
    from briefgen.figures import extract_figures

    return tuple(extract_figures(text))


def numbers_in(text: str) -> list[Number]:
    """Figures found by the extractor, plus bare digit runs it did not take (not years or dates)."""
    found = [Number(f.value, f.value_num, f.unit, f.start, f.end) for f in _extracted(text)]
    for match in _DIGITS.finditer(text):
        if any(overlap(match.start(), match.end(), n.start, n.end) for n in found) or _is_date(text, match):
            continue
        found.append(Number(match.group(), _to_float(match.group()), "", match.start(), match.end()))
    return sorted(found, key=lambda n: n.start)


def _is_date(text: str, match: re.Match[str]) -> bool:
    if _DATE_AFTER.match(text, match.end()):
        return True
    digits = match.group()
    return len(digits) == 4 and digits.isdigit() and 1900 <= int(digits) <= 2100


def _to_float(written: str) -> float:
    try:
        return float(written.replace(",", ""))
    except ValueError:
        return math.nan


def number_in_spans(number: Number, spans: list[str]) -> bool:
    """The number appears, normalised (万/亿 applied, same unit), in one of the spans."""
    for span in spans:
        stated = _extracted(span)
        if number.unit and any(f.unit == number.unit and close(f.value_num, number.value_num) for f in stated):
            return True
        if compact(number.written) and compact(number.written) in compact(span):
            return True
    return False
