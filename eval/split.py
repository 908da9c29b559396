"""Split a second corpus plus gold off the sample dump.

`python -m eval.split --corpus RAW.txt --gold eval/gold --titles-file TITLES.txt --out DIR` takes the
documents whose title lines are listed in TITLES.txt (one a line; matched like the gold matches
titles, so `《凤阳县…汇报》` and `凤阳县…汇报`, or `X.doc` and `X`, are the same title) and writes

- DIR/corpus/raw/subset.txt: the raw text of the chosen documents, verbatim, in corpus order,
  separated by blank lines (so every gold quote stays an exact substring of the corpus file);
- DIR/gold/{figures,noise,questions,briefs}.json: the gold items that lie inside the chosen documents
  (figures and noise: the quote is inside a chosen document, the one named by doc_title when it has
  one; questions: answerable ones whose every gold span is inside a chosen document, and every
  unanswerable one; briefs: subjects whose doc_titles are all chosen), plus a copy of FIGURES.md.

No thresholds.toml is written: `run_eval` looks for DIR/thresholds.toml (next to the gold folder)
and, when there is none, uses eval/thresholds.toml, so the split is judged by the same bounds.
Output is deterministic: the same inputs give byte-identical files.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefgen.ingest.split import RawDocument, split_documents, title_key

GOLD_FILES = {"figures": "figures", "noise": "noise", "questions": "questions", "briefs": "briefs"}
SUBSET_NAME = "subset.txt"


@dataclass(frozen=True)
class Chosen:
    """A chosen document: the keys its title goes by and its raw text."""

    keys: frozenset[str]
    text: str


def title_line(raw: str, doc: RawDocument) -> str:
    """The document's first line as written in the raw file (the title line)."""
    end = raw.find("\n", doc.start)
    return raw[doc.start : end if end >= 0 else len(raw)].strip()


def choose(raw: str, titles: list[str]) -> list[RawDocument]:
    """The documents whose title (cleaned or as written) matches one of `titles`, in corpus order.
    Every title must match at least one document; a title matching several picks them all."""
    wanted = {title_key(t): t for t in titles if t.strip()}
    documents = split_documents(raw)
    chosen = [d for d in documents if {title_key(d.title), title_key(title_line(raw, d))} & wanted.keys()]
    found = {k for d in chosen for k in (title_key(d.title), title_key(title_line(raw, d)))}
    missing = [t for k, t in wanted.items() if k not in found]
    if missing:
        known = "\n  ".join(title_line(raw, d) for d in documents)
        raise SystemExit(f"no document with title {missing!r}; the titles are:\n  {known}")
    return chosen


def _inside(quote: str, docs: list[Chosen], doc_title: str | None = None) -> bool:
    """The quote is a substring of a chosen document (of the one titled doc_title, when given)."""
    if doc_title:
        docs = [d for d in docs if title_key(doc_title) in d.keys]
    return bool(quote) and any(quote in d.text for d in docs)


def filter_gold(gold: dict[str, dict[str, Any]], docs: list[Chosen]) -> dict[str, dict[str, Any]]:
    """Each gold file's payload with only the items that lie inside the chosen documents."""
    keys = {k for d in docs for k in d.keys}
    out: dict[str, dict[str, Any]] = {}
    for name, payload in gold.items():
        items = payload.get(GOLD_FILES[name], [])
        if name in ("figures", "noise"):
            kept = [x for x in items if _inside(x["quote"], docs, x.get("doc_title"))]
        elif name == "questions":
            kept = [x for x in items if not x["answerable"]
                    or (x["gold_spans"] and all(_inside(s, docs) for s in x["gold_spans"]))]
        else:
            kept = [x for x in items if x["doc_titles"] and all(title_key(t) in keys for t in x["doc_titles"])]
        out[name] = {**payload, "corpus": SUBSET_NAME, GOLD_FILES[name]: kept}
    return out


def _indent(text: str) -> int:
    """The indent of a JSON file (its second line's leading spaces), so a split diffs like its source."""
    lines = text.splitlines()
    return len(lines[1]) - len(lines[1].lstrip(" ")) if len(lines) > 1 and lines[1].startswith(" ") else 1


def split(corpus: Path, gold_dir: Path, titles: list[str], out: Path) -> dict[str, int]:
    """Write the subset corpus and gold under `out`; returns item counts per gold file."""
    raw = corpus.read_text(encoding="utf-8")
    documents = choose(raw, titles)
    docs = [Chosen(frozenset({title_key(d.title), title_key(title_line(raw, d))}), raw[d.start : d.end])
            for d in documents]
    (out / "corpus" / "raw").mkdir(parents=True, exist_ok=True)
    (out / "corpus" / "raw" / SUBSET_NAME).write_text("\n\n".join(d.text for d in docs) + "\n", encoding="utf-8")
    sources = {name: (gold_dir / f"{name}.json").read_text(encoding="utf-8") for name in GOLD_FILES}
    filtered = filter_gold({name: json.loads(text) for name, text in sources.items()}, docs)
    (out / "gold").mkdir(parents=True, exist_ok=True)
    for name, payload in filtered.items():
        text = json.dumps(payload, ensure_ascii=False, indent=_indent(sources[name]))
        (out / "gold" / f"{name}.json").write_text(text + "\n", encoding="utf-8")
    if (gold_dir / "FIGURES.md").exists():
        shutil.copyfile(gold_dir / "FIGURES.md", out / "gold" / "FIGURES.md")
    counts = {"documents": len(docs)}
    counts.update({name: len(payload[GOLD_FILES[name]]) for name, payload in filtered.items()})
    return counts


def read_titles(path: Path) -> list[str]:
    """Title lines of a titles file; blank lines and lines starting with # are skipped."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.split", description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True, help="the raw sample dump")
    parser.add_argument("--gold", type=Path, required=True, help="the gold folder of that dump (eval/gold)")
    parser.add_argument("--titles-file", type=Path, required=True, help="title lines of the documents to keep")
    parser.add_argument("--out", type=Path, required=True, help="writes OUT/corpus/raw/subset.txt and OUT/gold/")
    args = parser.parse_args(argv)
    counts = split(args.corpus, args.gold, read_titles(args.titles_file), args.out)
    print(" ".join(f"{k}={v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
