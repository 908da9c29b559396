"""The evaluation suite: figure extraction, noise rejection, retrieval, answers and briefs
scored against the gold sets in eval/gold, judged against eval/thresholds.toml.

    python -m briefgen.evaluate --corpus PATH --gold eval/gold --out eval-out [--llm NAME] [--json]

exits 1 when any thresholded metric fails.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from briefgen.evaluate.gold import GoldBrief, GoldFigure, GoldNoise, GoldQuestion, GoldSet, Location, Locator, load_gold
from briefgen.evaluate.report import EvalReport, MetricResult, Threshold, load_thresholds, write_report
from briefgen.evaluate.runner import GROUPS, run_eval
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
    parser.add_argument("--gold", type=Path, default=Path("eval/gold"), help="Gold folder (figures.json, ...)")
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
    report = run_eval(get_settings(), gold_dir=args.gold, corpus=args.corpus, llm=args.llm, out_dir=args.out,
                      groups=groups, thresholds=args.thresholds)
    paths = write_report(report, args.out)
    if args.json:
        print(report.model_dump_json(indent=2))
    else:
        for metric in report.metrics:
            shown = "-" if metric.value is None else f"{metric.value:.3f}"
            print(f"{metric.key:<34} {shown:>8}  {metric.status}")
        print(f"{'PASS' if report.passed else 'FAIL'}: report in {paths['md']}")
    return 0 if report.passed else 1
