"""Text normalisation for scraped, PDF- and Word-derived Chinese government documents.

`normalize_text` is the single normalisation: `Document.text` is its output and every span
(chunk, figure, citation) indexes into that output. `normalize_quote` applies the same rules to
a fragment, so a quote copied from the raw file can be found in `Document.text`.
"""

from __future__ import annotations

import re
import unicodedata

from briefgen.tokenize import dictionary

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_OR_PUNCT = CJK + r"，。；：！？、“”‘’（）《》〈〉【】〔〕…—"

# Page residue: 第2页共6页, —1—, -3-, and the like.
_PAGE_MARKERS = re.compile(r"\s*(第\s*\d+\s*页\s*[，,]?\s*共\s*\d+\s*页|[—\-－–]{1,2}\s*\d{1,3}\s*[—\-－–]{1,2}(?!\d))\s*")
# A number followed by a spaced unit: 28.6 % → 28.6%.
_SPACED_PERCENT = re.compile(r"(\d)\s+([%％‰])")
# A space before closing punctuation: "29 。" → "29。".
_SPACE_BEFORE_PUNCT = re.compile(r"[ \t\u3000]+([，。；：！？、）》”])")
_SENTENCE_END = "。！？；：…"
# Heading starts that begin a new paragraph when a dump has run paragraphs together with spaces.
_HEADING_START = re.compile(
    r"[ \t\u3000]+(?=(?:[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）|\d{1,2}[.．、](?!\d)|（\d{1,2}）|[一二三四五六七八九十]是))"
)
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_SPACES = re.compile(r"[ \t\u3000\xa0]+")


def _to_halfwidth_alnum(text: str) -> str:
    """Full-width digits, Latin letters and %/. become half-width (２０１０ → 2010)."""
    out = []
    for ch in text:
        code = ord(ch)
        if 0xFF10 <= code <= 0xFF19 or 0xFF21 <= code <= 0xFF3A or 0xFF41 <= code <= 0xFF5A or ch in "％．":
            out.append(unicodedata.normalize("NFKC", ch))
        else:
            out.append(ch)
    return "".join(out)


def _fullwidth_punct(text: str) -> str:
    """Half-width , ; : ? ! ( ) next to Chinese text become full-width; 1,234 and 3:1 stay."""

    def swap(match: re.Match[str]) -> str:
        return _HALF_TO_FULL[match.group(0)]

    pattern = re.compile(rf"(?<=[{_CJK_OR_PUNCT}])[,;:?!()]|[,;:?!()](?=[{_CJK_OR_PUNCT}])")
    text = pattern.sub(swap, text)
    # Parenthesised heading numerals: (一) (3) at a line start or after a space.
    return re.sub(r"\(([一二三四五六七八九十\d]{1,3})\)", r"（\1）", text)


def _fix_spaces(line: str) -> str:
    """Spaces in a line: paragraph breaks become newlines, broken words are joined."""
    line = _SPACED_PERCENT.sub(r"\1\2", line)
    line = _SPACE_BEFORE_PUNCT.sub(r"\1", line)
    line = _HEADING_START.sub("\n", line)
    line = re.sub(rf"(?<=[{_SENTENCE_END}])[ \t\u3000]+(?=[{_CJK_OR_PUNCT}])", "\n", line)
    line = _BROKEN_WORD.sub(_join_if_word, line)
    return _SPACES.sub(" ", line).strip()


# A space between two Chinese characters is either PDF residue inside a word (调 研报告) or a
# paragraph join in a dump (工作总结 我县自列为…). Join only when the characters around the
# space form a dictionary word, so real boundaries keep their space.
_BROKEN_WORD = re.compile(rf"([{CJK}]{{1,2}})[ \t\u3000]+(?=([{CJK}]{{1,2}}))")


def _join_if_word(match: re.Match[str]) -> str:
    left, right = match.group(1), match.group(2)
    words = dictionary()
    for tail in (left[-1:], left[-2:]):
        for head in (right[:1], right[:2]):
            if words.get(tail + head, 0) > 0 and len(tail + head) >= 2:
                return left
    return match.group(0)


def normalize_text(raw: str) -> str:
    """Normalise a document's raw text; the result is `Document.text`."""
    text = unicodedata.normalize("NFC", raw).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\ufeff", "").replace("\u200b", "")
    text = _to_halfwidth_alnum(text)
    text = _PAGE_MARKERS.sub(" ", text)
    text = _fullwidth_punct(text)
    lines = [_fix_spaces(line) for line in text.split("\n")]
    text = "\n".join(line for line in "\n".join(lines).split("\n") if line)
    return text


def normalize_quote(quote: str) -> str:
    """Normalise a fragment with the document rules, so it can be searched in Document.text."""
    return normalize_text(quote).replace("\n", "")


def strip_for_match(text: str) -> str:
    """Drop whitespace for matching quotes that crossed a paragraph break."""
    return _SPACES.sub("", text.replace("\n", ""))


def char_bigrams(text: str) -> set[str]:
    """Character bigrams without whitespace: the overlap unit for Chinese text (no word spaces)."""
    compact = "".join(text.split())
    return {compact[i : i + 2] for i in range(len(compact) - 1)}


# Years as people type them in questions, for the digits documents write (2019年): 二〇一〇年, 〇九年 / 09年, 一九年,
# and 10年 / 19年 before a document or an event of that year (10年机构改革, 19年那份总结) — not a span of years (近10年,
# 10年来, 三五年, 一二年内).
_DIGITS = str.maketrans("〇零○一二三四五六七八九", "000123456789")
_CN_DIGIT = "〇零○一二三四五六七八九"
_NOT_AFTER = rf"(?<![\d{_CN_DIGIT}十百千万两几近前后多余整])"
_FULL_CN_YEAR = re.compile(rf"{_NOT_AFTER}([一二][{_CN_DIGIT}]{{3}})(?=年)")
_SHORT_CN_YEAR = re.compile(rf"{_NOT_AFTER}((?:[〇零○][一二三四五六七八九]|一[〇零○一三四五六七八九]))(?=年(?![来内间代]))")
_SHORT_YEAR = re.compile(rf"{_NOT_AFTER}(0\d)(?=年(?![来内间代]))"
                         rf"|{_NOT_AFTER}(1\d)(?=年的?(?:那|这|某)|年[^，,。？?；;！!\d]{{0,8}}?"
                         r"(?:方案|汇报|总结|报告|提案|调研|文章|论文|意见|通知|机构改革|改革以?[后前]))")


def written_years(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The text with each year typed in Chinese numerals or two digits written as four digits (二〇一〇年 → 2010年,
    一九年那份总结 → 2019年那份总结, 09年 → 2009年), and the (typed, written) pairs."""
    fixes: list[tuple[str, str]] = []

    def four(match: re.Match[str]) -> str:
        typed = match.group(0)
        digits = typed.translate(_DIGITS)
        year = digits if len(digits) == 4 else "20" + digits
        fixes.append((typed + "年", year + "年"))
        return year

    text = _FULL_CN_YEAR.sub(four, text)
    text = _SHORT_CN_YEAR.sub(four, text)
    text = _SHORT_YEAR.sub(four, text)
    return text, list(dict.fromkeys(fixes))
