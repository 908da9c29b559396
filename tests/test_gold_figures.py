"""Checks on the hand-checked gold set of figures (eval/gold/figures.json, eval/gold/noise.json).

No network; the only briefgen import is briefgen.models.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLE

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from briefgen.models import Figure  # noqa: E402

GOLD_DIR = REPO / "eval" / "gold"
FIGURES_PATH = GOLD_DIR / "figures.json"
NOISE_PATH = GOLD_DIR / "noise.json"


CORPUS_PATH = SAMPLE  # one definition of the sample corpus path: tests/conftest.py

# Canonical units allowed by FIGURES.md: money, %, 百分点, durations, area, ratio parts, fractions,
# and the counters "as written" (FIGURES.md lists 个 项 家 名 人 所 座 条 件 次 户 亩 省 市 县 镇 部门 处室 股室 ...;
# 方面 and 层 are the two further counters that occur in the sample corpus).
ALLOWED_UNITS = {
    "元", "美元",
    "%", "百分点",
    "天", "月", "年",
    "平方千米",
    "比例", "分数",
    "个", "项", "家", "名", "人", "所", "座", "条", "件", "次", "户", "亩",
    "省", "市", "县", "镇", "部门", "处室", "股室", "方面", "层",
}

ALLOWED_NOISE_KINDS = {
    "doc_number", "page_marker", "heading", "ordinal", "name", "year", "date", "title_year", "id", "age",
    # Chinese numerals that are not followed by a counter (两级, 三级, 一流, 几十个, indefinite 一个 ...)
    "non_counter",
}

FIGURE_KEYS = {
    "doc_title", "quote", "value", "value_num", "unit", "metric", "subject", "year",
    "is_target", "before_value", "after_value",
}

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_MAGNITUDES = {"万亿": 1e12, "亿": 1e8, "万": 1e4}
_NUM_CORE = re.compile(r"[0-9][0-9.,/—\-]*|[〇零一二两三四五六七八九十百千]+")


def _load(path: Path) -> dict:
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def _corpus() -> str:
    return CORPUS_PATH.read_text(encoding="utf-8")


if not CORPUS_PATH.exists():  # pragma: no cover - environment without the sample corpus
    pytest.skip(f"sample corpus not found at {CORPUS_PATH}", allow_module_level=True)

CORPUS = _corpus()
GOLD = _load(FIGURES_PATH)
NOISE = _load(NOISE_PATH)
FIGURES: list[dict] = GOLD["figures"]
NOISE_ITEMS: list[dict] = NOISE["noise"]


def _ascii(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z.%/-]+", "", text.replace("—", "-")) or "cn"


# Test ids stay ASCII (pytest escapes other characters): fig<index>-<ASCII part of the value>.
FIG_IDS = [f"fig{i:02d}-{_ascii(it['value'])}" for i, it in enumerate(FIGURES)]
NOISE_IDS = [f"noise{i:03d}-{it['kind']}-{_ascii(it['text'])}" for i, it in enumerate(NOISE_ITEMS)]


def parse_value(value: str) -> float | None:
    """value_num for simple cases: Arabic number (+ 万/亿/万亿), a/b fractions, ranges (lower bound),
    and small Chinese numerals (一..九, 十, 十多). Returns None when the value is not simple."""
    v = value.replace(" ", "").replace(",", "")
    m = re.match(r"^(\d+)/(\d+)", v)
    if m:
        return round(int(m.group(1)) / int(m.group(2)), 4)
    m = re.match(r"^(\d+(?:\.\d+)?)(万亿|亿|万)?", v)
    if m:
        num = float(m.group(1))
        if m.group(2):
            num *= _MAGNITUDES[m.group(2)]
        return num
    m = re.match(r"^([一二两三四五六七八九]?)(十?)", v)
    if m and (m.group(1) or m.group(2)):
        if m.group(2):
            return float((_CN_DIGITS[m.group(1)] if m.group(1) else 1) * 10)
        return float(_CN_DIGITS[m.group(1)])
    return None


def _title_starts() -> dict[str, list[int]]:
    """Start offsets of every full-line occurrence of each gold title."""
    titles = {it["doc_title"] for it in FIGURES} | {it["doc_title"] for it in NOISE_ITEMS if "doc_title" in it}
    out: dict[str, list[int]] = {}
    for title in titles:
        out[title] = [m.start() for m in re.finditer(r"(?m)^" + re.escape(title) + r"$", CORPUS)]
    return out


TITLE_STARTS = _title_starts()
_ALL_STARTS = sorted({p for ps in TITLE_STARTS.values() for p in ps} | {CORPUS.find("\n相关文档\n")})


def doc_span(title: str) -> tuple[int, int]:
    """Span of the first copy of the document with this title: from its first title line to the next
    line holding a different title (a title may be repeated on several lines at a document's head)."""
    start = TITLE_STARTS[title][0]
    own = set(TITLE_STARTS[title])
    end = min((p for p in _ALL_STARTS if p > start and p not in own), default=len(CORPUS))
    return start, end


# ---------------------------------------------------------------- file-level checks


def test_headers():
    assert GOLD["corpus"] == CORPUS_PATH.name == "kuoquan_corpus.txt"
    assert GOLD["conventions"] == "FIGURES.md"
    assert (GOLD_DIR / GOLD["conventions"]).exists()
    assert NOISE["corpus"] == GOLD["corpus"]
    assert len(FIGURES) > 0 and len(NOISE_ITEMS) > 0


def test_no_duplicate_figures():
    keys = [(it["doc_title"], it["quote"], it["value"]) for it in FIGURES]
    dups = {k for k in keys if keys.count(k) > 1}
    assert not dups, dups


def test_no_duplicate_noise():
    keys = [(it.get("doc_title"), it["quote"], it["text"]) for it in NOISE_ITEMS]
    dups = {k for k in keys if keys.count(k) > 1}
    assert not dups, dups


def test_figures_ordered_by_position():
    positions = []
    for it in FIGURES:
        start, end = doc_span(it["doc_title"])
        q = CORPUS.find(it["quote"], start, end)
        core = _NUM_CORE.match(it["value"]).group()
        positions.append(q + max(it["quote"].find(core), 0))
    assert positions == sorted(positions)


def test_every_gold_title_is_a_title_line():
    for title, starts in TITLE_STARTS.items():
        assert starts, f"title not found as a line: {title}"


# ---------------------------------------------------------------- per-figure checks


@pytest.mark.parametrize("item", FIGURES, ids=FIG_IDS)
def test_figure_fields(item):
    assert set(item) >= FIGURE_KEYS, FIGURE_KEYS - set(item)
    assert set(item) <= FIGURE_KEYS | {"note"}
    assert isinstance(item["value_num"], (int, float)) and not isinstance(item["value_num"], bool)
    assert isinstance(item["is_target"], bool)
    assert item["year"] is None or (isinstance(item["year"], int) and 1900 <= item["year"] <= 2100)
    assert item["subject"] is None or (isinstance(item["subject"], str) and item["subject"])
    assert isinstance(item["metric"], str) and item["metric"]
    # The record must be a valid briefgen Figure.
    Figure(start=0, end=len(item["value"]), **{k: v for k, v in item.items() if k not in {"doc_title", "note"}})


@pytest.mark.parametrize("item", FIGURES, ids=FIG_IDS)
def test_figure_quote_in_corpus(item):
    quote = item["quote"]
    assert quote in CORPUS
    assert 5 <= len(quote) <= 60
    start, end = doc_span(item["doc_title"])
    assert CORPUS.find(quote, start, end) >= 0, "quote is not inside its document"


@pytest.mark.parametrize("item", FIGURES, ids=FIG_IDS)
def test_figure_value_in_quote(item):
    value, quote = item["value"], item["quote"]
    core = _NUM_CORE.match(value)
    assert core, f"value has no leading number: {value}"
    assert core.group() in quote
    # The whole value as written (ignoring odd spaces such as '28.6 %') is in the quote.
    assert value.replace(" ", "") in quote.replace(" ", "")


@pytest.mark.parametrize("item", FIGURES, ids=FIG_IDS)
def test_figure_unit(item):
    assert item["unit"] in ALLOWED_UNITS


@pytest.mark.parametrize("item", FIGURES, ids=FIG_IDS)
def test_figure_value_num(item):
    expected = parse_value(item["value"])
    if expected is None:
        pytest.skip("value is not a simple case")
    assert item["value_num"] == pytest.approx(expected, rel=1e-6)


@pytest.mark.parametrize("item", FIGURES, ids=FIG_IDS)
def test_figure_before_after(item):
    before, after = item["before_value"], item["after_value"]
    assert (before is None) == (after is None)
    if after is not None:
        assert item["value_num"] == pytest.approx(after, rel=1e-6)
        assert re.sub(r"\.0$", "", str(before)) in item["quote"]
    if item["unit"] == "比例":
        assert before is None and after is None


# ---------------------------------------------------------------- noise checks


@pytest.mark.parametrize("item", NOISE_ITEMS, ids=NOISE_IDS)
def test_noise_item(item):
    assert item["kind"] in ALLOWED_NOISE_KINDS
    assert item["quote"] in CORPUS
    assert item["text"] and item["text"] in item["quote"]
    if "doc_title" in item:
        start, end = doc_span(item["doc_title"])
        assert CORPUS.find(item["quote"], start, end) >= 0, "quote is not inside its document"


@pytest.mark.parametrize("item", NOISE_ITEMS, ids=NOISE_IDS)
def test_noise_is_not_a_gold_value(item):
    """A noise token must not be the numeric core of a gold figure in the same quote."""
    for fig in FIGURES:
        if fig["quote"] == item["quote"]:
            assert _NUM_CORE.match(fig["value"]).group() != item["text"]


def test_parse_value_helper():
    assert parse_value("4.9亿元") == pytest.approx(4.9e8)
    assert parse_value("10万多平方千米") == pytest.approx(1e5)
    assert parse_value("28.6 %") == pytest.approx(28.6)
    assert parse_value("1/3") == pytest.approx(0.3333)
    assert parse_value("2—3人") == 2
    assert parse_value("十多个") == 10
    assert parse_value("两年") == 2
    assert parse_value("比例") is None
