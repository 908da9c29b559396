"""Checks on the hand-written gold sets eval/gold/questions.json and eval/gold/briefs.json.

No network; only stdlib, pytest and json. Every gold span / quote must be an exact substring
of the raw sample corpus, and must not come only from the duplicate (second) copy of the
武胜县 report near the end of the file.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import SAMPLE

REPO = Path(__file__).resolve().parents[1]
GOLD_DIR = REPO / "eval" / "gold"
QUESTIONS_PATH = GOLD_DIR / "questions.json"
BRIEFS_PATH = GOLD_DIR / "briefs.json"

WUSHENG_TITLE = "广安市武胜县“扩权强县”试点工作初步成效及政策建议"
# The duplicate copy is the one whose body line starts with the document number followed by
# the title on the same line ("政府参阅[2011]6号 广安市武胜县…"); the first copy has the
# document number on a line of its own.
DUPLICATE_MARKER = "政府参阅[2011]6号 " + WUSHENG_TITLE

TYPES = {"lookup", "synthesis", "comparison", "recommendation", "unanswerable"}
MIN_PER_TYPE = {"lookup": 18, "synthesis": 8, "comparison": 5, "recommendation": 6, "unanswerable": 7}
MIN_QUESTIONS = 48
MIN_BRIEFS = 5
SECTIONS = ("achievements", "problems", "recommendations")
SPAN_MIN, SPAN_MAX = 10, 80


CORPUS_PATH = SAMPLE  # one definition of the sample corpus path: tests/conftest.py


def _load(path: Path) -> dict:
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


QUESTIONS_DOC = _load(QUESTIONS_PATH)
QUESTIONS = QUESTIONS_DOC["questions"]
BRIEFS_DOC = _load(BRIEFS_PATH)
BRIEFS = BRIEFS_DOC["briefs"]


@pytest.fixture(scope="module")
def corpus() -> str:
    if not CORPUS_PATH.is_file():
        pytest.skip(f"sample corpus not found at {CORPUS_PATH}")
    return CORPUS_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def duplicate_range(corpus: str) -> tuple[int, int]:
    """[start, end) of the duplicate 武胜县 copy: from its title line to the end of its body line."""
    marker = corpus.find(DUPLICATE_MARKER)
    assert marker >= 0, "duplicate 武胜县 copy not found; the rule in this test needs updating"
    start = corpus.rfind(WUSHENG_TITLE, 0, marker)
    assert start >= 0
    # The first copy must come before the duplicate.
    assert corpus.find(WUSHENG_TITLE) < start
    end = corpus.find("\n", marker)
    return start, (len(corpus) if end < 0 else end)


def _check_span(span: str, corpus: str, dup: tuple[int, int]) -> None:
    assert isinstance(span, str)
    assert SPAN_MIN <= len(span) <= SPAN_MAX, f"span length {len(span)} out of range: {span!r}"
    first = corpus.find(span)
    assert first >= 0, f"not an exact substring of the corpus: {span!r}"
    assert not (dup[0] <= first < dup[1]), f"span occurs only in the duplicate 武胜县 copy: {span!r}"


# ---------------------------------------------------------------- questions.json

def test_questions_header() -> None:
    assert QUESTIONS_DOC["corpus"] == "kuoquan_corpus.txt"
    assert len(QUESTIONS) >= MIN_QUESTIONS


def test_question_ids_unique() -> None:
    ids = [q["id"] for q in QUESTIONS]
    assert len(ids) == len(set(ids))


def test_question_texts_unique() -> None:
    texts = [q["question"] for q in QUESTIONS]
    assert len(texts) == len(set(texts))


def test_type_counts() -> None:
    counts = Counter(q["type"] for q in QUESTIONS)
    for t, n in MIN_PER_TYPE.items():
        assert counts[t] >= n, f"{t}: {counts[t]} < {n}"


def test_lookups_cover_many_regions() -> None:
    regions = {q["region"] for q in QUESTIONS if q["type"] == "lookup"}
    assert len(regions - {None}) >= 6


@pytest.mark.parametrize("q", QUESTIONS, ids=[q["id"] for q in QUESTIONS])
def test_question_item(q: dict, corpus: str, duplicate_range: tuple[int, int]) -> None:
    assert set(q) >= {"id", "question", "type", "answerable", "region", "gold_spans", "answer_keywords"}
    assert q["type"] in TYPES
    assert isinstance(q["question"], str) and q["question"].strip()
    assert q["region"] is None or (isinstance(q["region"], str) and q["region"])
    assert isinstance(q["answerable"], bool)
    assert q["answerable"] == (q["type"] != "unanswerable")
    kws = q["answer_keywords"]
    assert isinstance(kws, list) and 1 <= len(kws) <= 4 and all(isinstance(k, str) and k for k in kws)
    spans = q["gold_spans"]
    assert isinstance(spans, list)
    if q["answerable"]:
        assert len(spans) >= 1
        assert len(spans) == len(set(spans))
        for span in spans:
            _check_span(span, corpus, duplicate_range)
    else:
        assert spans == []


@pytest.mark.parametrize(
    "q",
    [q for q in QUESTIONS if q["type"] in {"synthesis", "comparison"}],
    ids=[q["id"] for q in QUESTIONS if q["type"] in {"synthesis", "comparison"}],
)
def test_multi_document_questions_have_several_spans(q: dict) -> None:
    assert len(q["gold_spans"]) >= 2


# ---------------------------------------------------------------- briefs.json

def _brief_quotes(b: dict) -> list[tuple[str, str]]:
    out = []
    for sec in SECTIONS:
        for p in b["key_points"][sec]:
            out.extend((sec, q) for q in p["quotes"])
    for p in b.get("plan_points", []):
        out.extend(("plan_points", q) for q in p["quotes"])
    out.extend(("key_figures", f["quote"]) for f in b["key_figures"])
    return out


def test_briefs_header() -> None:
    assert BRIEFS_DOC["corpus"] == "kuoquan_corpus.txt"
    subjects = [b["subject"] for b in BRIEFS]
    assert len(subjects) >= MIN_BRIEFS
    assert len(subjects) == len(set(subjects))
    for required in ("武胜县", "凤阳县", "蒲场镇", "某县"):
        assert required in subjects


@pytest.mark.parametrize("b", BRIEFS, ids=[b["subject"] for b in BRIEFS])
def test_brief_item(b: dict, corpus: str, duplicate_range: tuple[int, int]) -> None:
    assert isinstance(b["subject"], str) and b["subject"]
    assert b["doc_titles"]
    for title in b["doc_titles"]:
        assert title in corpus, f"title line not in corpus: {title!r}"
    assert set(b["key_points"]) == set(SECTIONS)
    absent = b["absent_sections"]
    assert set(absent) <= set(SECTIONS)
    for sec in SECTIONS:
        points = b["key_points"][sec]
        # A section is listed as absent exactly when it has no key points.
        assert (sec in absent) == (not points), sec
        for p in points:
            assert isinstance(p["point"], str) and p["point"].strip()
            assert 1 <= len(p["quotes"]) <= 2
    for p in b.get("plan_points", []):
        assert p["point"].strip() and 1 <= len(p["quotes"]) <= 2
    # Something for a brief to cover.
    assert any(b["key_points"][s] for s in SECTIONS) or b.get("plan_points")
    for f in b["key_figures"]:
        assert f["metric"] and f["value"]
        assert f["value"] in f["quote"], f
    for _where, quote in _brief_quotes(b):
        _check_span(quote, corpus, duplicate_range)


def test_brief_quotes_from_own_documents(corpus: str, duplicate_range: tuple[int, int]) -> None:
    """Each quote lies inside one of the brief's own documents (title line .. next title line)."""
    all_titles = {t for b in BRIEFS for t in b["doc_titles"]}
    # Document boundaries: every line that equals a known document title line.
    lines = corpus.split("\n")
    starts, pos = [], 0
    for line in lines:
        if line.strip():
            starts.append((pos, line))
        pos += len(line) + 1
    # Title lines used as boundaries: the brief titles plus the short heading lines (<= 30 chars)
    # that start each document in the dump.
    bounds = [p for p, line in starts if line in all_titles or (len(line) <= 30 and not line.startswith(("(", "一", "二", "三", "政府参阅")))]
    bounds.append(len(corpus))

    def doc_of(index: int) -> int:
        return max(b for b in bounds if b <= index)

    for b in BRIEFS:
        own = set()
        for title in b["doc_titles"]:
            i = corpus.find(title)
            while i >= 0:
                if not (duplicate_range[0] <= i < duplicate_range[1]):
                    own.add(doc_of(i))
                i = corpus.find(title, i + 1)
        for where, quote in _brief_quotes(b):
            i = corpus.find(quote)
            found = False
            while i >= 0:
                if doc_of(i) in own:
                    found = True
                    break
                i = corpus.find(quote, i + 1)
            assert found, f"{b['subject']} {where}: quote not in its own documents: {quote!r}"


# Every held-out set in eval/ (heldout, heldout2, …): a new set is checked as soon as its folder exists.
HELDOUT_SETS = sorted((p.name for p in (REPO / "eval").glob("heldout*") if (p / "gold").is_dir()),
                      key=lambda name: int(name.removeprefix("heldout") or 1))


def test_every_heldout_set_is_found() -> None:
    assert HELDOUT_SETS[:2] == ["heldout", "heldout2"] and len(HELDOUT_SETS) >= 33


@pytest.mark.parametrize("folder", HELDOUT_SETS)
def test_heldout_set_passes_its_own_checks(corpus: str, folder: str) -> None:
    """Each eval/heldout* set (each written blind to the retrieval code): spans verbatim, types right."""
    import os
    import subprocess
    import sys

    result = subprocess.run([sys.executable, str(REPO / "eval" / "heldout" / "check.py"), str(REPO / "eval" / folder)],
                            capture_output=True,
                            text=True, env={**os.environ, "BRIEFGEN_SAMPLE_CORPUS": str(CORPUS_PATH)}, check=False)
    assert result.returncode == 0 and "ALL CHECKS PASSED" in result.stdout, result.stdout + result.stderr
