#!/usr/bin/env python3
"""Sanity checks for a held-out question set (standard library only)."""
import collections
import json
import os
import sys

# The set's folder: this one, or another laid out the same way (python3 eval/heldout/check.py eval/heldout2).
HERE = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
CORPUS = os.environ.get("BRIEFGEN_SAMPLE_CORPUS",
                        os.path.join(HERE, "..", "..", "..", "shared", "corpus", "raw", "kuoquan_corpus.txt"))
TYPES = ("lookup", "synthesis", "comparison", "recommendation", "unanswerable")
UNANS_KW = ["语料中没有相关信息"]

with open(os.path.join(HERE, "gold", "questions.json"), encoding="utf-8") as f:
    data = json.load(f)
with open(CORPUS, encoding="utf-8") as f:
    text = f.read()
lines = {line.strip() for line in text.splitlines() if line.strip()}

assert data["corpus"] == "kuoquan_corpus.txt", data["corpus"]
qs = data["questions"]
ids = [q["id"] for q in qs]
assert len(ids) == len(set(ids)), "duplicate ids"
print(f"{len(qs)} questions, ids unique")

errors = []
for q in qs:
    qid, ty = q["id"], q["type"]
    assert set(q) == {"id", "question", "type", "answerable", "region",
                      "gold_spans", "answer_keywords"}, (qid, sorted(q))
    if ty not in TYPES:
        errors.append(f"{qid}: bad type {ty}")
    if q["region"] is not None and q["region"] not in text:
        errors.append(f"{qid}: region {q['region']!r} not in corpus")
    # question should be a paraphrase: no long verbatim overlap with corpus
    qt = q["question"]
    longest = max((j - i for i in range(len(qt)) for j in range(i + 1, len(qt) + 1)
                   if qt[i:j] in text), default=0)
    if longest >= 12:
        errors.append(f"{qid}: question copies {longest} chars verbatim")
    if ty == "unanswerable":
        if q["answerable"] is not False or q["gold_spans"] != [] \
                or q["answer_keywords"] != UNANS_KW:
            errors.append(f"{qid}: malformed unanswerable item")
        print(f"{qid} [{ty}] (no spans)")
        continue
    if q["answerable"] is not True:
        errors.append(f"{qid}: answerable should be true")
    n = len(q["gold_spans"])
    if ty == "lookup" and n != 1:
        errors.append(f"{qid}: lookup should have 1 span, has {n}")
    if ty in ("synthesis", "comparison") and not 2 <= n <= 3:
        errors.append(f"{qid}: {ty} should have 2-3 spans, has {n}")
    if not n:
        errors.append(f"{qid}: no gold spans")
    counts = []
    for s in q["gold_spans"]:
        c = text.count(s)
        counts.append(c)
        if s not in text:
            errors.append(f"{qid}: span not in corpus: {s!r}")
        if not 12 <= len(s) <= 60:
            errors.append(f"{qid}: span length {len(s)}: {s!r}")
        if s.strip() in lines and len(s.strip()) < 80:
            errors.append(f"{qid}: span is a whole (title) line: {s!r}")
    kws = q["answer_keywords"]
    if not 1 <= len(kws) <= 3:
        errors.append(f"{qid}: {len(kws)} keywords")
    for k in kws:
        if k not in text:
            errors.append(f"{qid}: keyword not in corpus: {k!r}")
    print(f"{qid} [{ty}] spans={n} occurrences={counts} kw_hits={[text.count(k) for k in kws]}")

by_type = collections.Counter(q["type"] for q in qs)
print("per-type counts:", {t: by_type.get(t, 0) for t in TYPES})
print("answerable:", sum(q["answerable"] for q in qs),
      "unanswerable:", sum(not q["answerable"] for q in qs))
if errors:
    print("FAILURES:")
    for e in errors:
        print("  " + e)
    raise SystemExit(1)
print("ALL CHECKS PASSED")
