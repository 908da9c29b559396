"""The evaluation suite: figure extraction, noise rejection, retrieval, answers and briefs
scored against the gold sets in eval/gold, judged against eval/thresholds.toml.

    python -m briefgen.evaluate --corpus PATH --gold eval/gold --out eval-out [--llm NAME] [--json]
    python -m briefgen.evaluate --gold eval/heldout1/gold eval/heldout2/gold … --out eval/reports

exits 1 when any thresholded metric fails. Several gold folders are scored in one process on one index
(the embedding model loads once): each is judged by the thresholds.toml next to it, its report goes to
OUT/<its set's name>, and each printed line starts with that name.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from briefgen.evaluate.gold import GoldBrief, GoldFigure, GoldNoise, GoldQuestion, GoldSet, Location, Locator, load_gold
from briefgen.evaluate.report import EvalReport, MetricResult, Threshold, load_thresholds, write_report
from briefgen.evaluate.runner import GROUPS, open_index, run_eval
from briefgen.evaluate.scorers import (
    AnswerScore,
    BriefScore,
    FigureScore,
    NoiseScore,
    RetrievalScore,
    score_answers,
    score_briefs,
    score_figures,
    score_noise,
    score_retrieval,
)

__all__ = [
    "AnswerScore", "BriefScore", "EvalReport", "FigureScore", "GoldBrief", "GoldFigure", "GoldNoise", "GoldQuestion",
    "GoldSet", "Location", "Locator", "MetricResult", "NoiseScore", "RetrievalScore", "Threshold", "load_gold",
    "load_thresholds", "main", "run_eval", "score_answers", "score_briefs", "score_figures", "score_noise",
    "score_retrieval", "write_report",
]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m briefgen.evaluate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="File or folder to ingest first (omit: use the index as is)")
    parser.add_argument("--gold", type=Path, nargs="+", default=[Path("eval/gold")],
                        help="Gold folder (figures.json, ...), or several: each set's report goes to OUT/<set name>")
    parser.add_argument("--out", type=Path, default=Path("eval-out"), help="Folder for report.md/json, chart.png")
    parser.add_argument("--llm", help="LLM backend for answers and briefs (default: settings)")
    parser.add_argument("--groups", default=",".join(GROUPS), help=f"Comma-separated subset of {','.join(GROUPS)}")
    parser.add_argument("--thresholds", type=Path, help="Thresholds TOML (default: eval/thresholds.toml)")
    parser.add_argument("--json", action="store_true", help="Print report.json to stdout")
    parser.add_argument("-v", "--verbose", action="store_true", help="Log progress")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the eval, write the report, print a summary; 1 when any metric fails, 2 on bad arguments."""
    from briefgen.config import get_settings

    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    groups = [g.strip() for g in args.groups.split(",") if g.strip()]
    unknown = set(groups) - set(GROUPS)
    if unknown:
        print(f"error: unknown groups {sorted(unknown)}", file=sys.stderr)
        return 2
    settings = get_settings()
    if len(args.gold) == 1:
        report = run_eval(settings, gold_dir=args.gold[0], corpus=args.corpus, llm=args.llm, out_dir=args.out,
                          groups=groups, thresholds=args.thresholds)
        return _show(report, args.out, args.json)
    if args.json:
        print("error: --json takes one gold folder", file=sys.stderr)
        return 2
    # one index and one retriever for every set: the model, the index and the lexical postings load once
    from briefgen.retrieve import Retriever

    index = open_index(settings, args.corpus, None, None)
    retriever = Retriever(index, settings)
    failed = 0
    for gold in args.gold:
        name = set_name(gold)
        report = run_eval(settings, gold_dir=gold, corpus=None, llm=args.llm, out_dir=args.out / name, groups=groups,
                          thresholds=args.thresholds, index=index, retriever=retriever)
        failed += _show(report, args.out / name, False, prefix=f"{name} ")
    return 1 if failed else 0


def set_name(gold: Path) -> str:
    """A gold set's name: its folder's (heldout7 for eval/heldout7/gold)."""
    return gold.parent.name if gold.name == "gold" else gold.name


def _show(report: EvalReport, out: Path, as_json: bool, prefix: str = "") -> int:
    """Write the report to `out` and print it (each line after `prefix`); 1 when a metric fails."""
    paths = write_report(report, out)
    if as_json:
        print(report.model_dump_json(indent=2))
    else:
        for metric in report.metrics:
            shown = "-" if metric.value is None else f"{metric.value:.3f}"
            print(f"{prefix}{metric.key:<34} {shown:>8}  {metric.status}")
        print(f"{prefix}{'PASS' if report.passed else 'FAIL'}: report in {paths['md']}")
    return 0 if report.passed else 1
