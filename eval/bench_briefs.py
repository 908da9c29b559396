"""Time the brief and answer stages for the benchmark (issue targets: extractive brief ≤ 3 s, local
LLM brief ≤ 90 s on 2 cores). The LLM runs with an empty cache, so nothing is replayed."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from briefgen.config import Settings
from briefgen.index import Index
from eval.timing import timed

ASK_QUESTION = "武胜县扩权后行政审批时间缩短了多少？"


@dataclass
class BriefTimings:
    """Seconds per stage; None when not run (see `notes`)."""

    subjects: list[str] = field(default_factory=list)
    extractive_mean_s: float | None = None
    extractive_max_s: float | None = None
    batch_wall_s: float | None = None
    llm: str | None = None
    llm_brief_s: float | None = None
    llm_brief_subject: str | None = None
    llm_ask_s: float | None = None
    notes: list[str] = field(default_factory=list)


def _seconds(fn: Callable[[], object]) -> float:
    return timed(fn)[1]


def brief_timings(index: Index, settings: Settings, llm: str | None) -> BriefTimings:
    """Extractive brief per subject, a whole extractive batch (md+json+docx per subject, index.md),
    and, with `llm`, one brief and one answer drafted by that backend."""
    from briefgen.batch import run_batch
    from briefgen.brief import list_subjects, make_brief

    result = BriefTimings(subjects=[s.name for s in list_subjects(index)])
    if not result.subjects:
        result.notes.append("no subject with enough material")
        return result
    times = [_seconds(partial(make_brief, s, index, settings, llm="extractive")) for s in result.subjects]
    result.extractive_mean_s, result.extractive_max_s = sum(times) / len(times), max(times)
    with tempfile.TemporaryDirectory(prefix="briefgen-batch-") as out:
        result.batch_wall_s = _seconds(lambda: run_batch(index, settings, Path(out), llm="extractive", force=True))
    if llm:
        _time_llm(result, index, settings, llm)
    return result


def _time_llm(result: BriefTimings, index: Index, settings: Settings, llm: str) -> None:
    """One brief (the subject with most material) and one answer, each a cold LLM call or two."""
    from briefgen.ask import ask
    from briefgen.brief import make_brief
    from briefgen.errors import BriefgenError

    with tempfile.TemporaryDirectory(prefix="briefgen-llm-cache-") as cache:
        cold = settings.model_copy(update={"paths": settings.paths.model_copy(update={"llm_cache_dir": Path(cache)}),
                                           "llm": settings.llm.model_copy(update={"fallback_extractive": False})})
        result.llm, result.llm_brief_subject = llm, result.subjects[0]
        try:
            result.llm_brief_s = _seconds(lambda: make_brief(result.subjects[0], index, cold, llm=llm))
            result.llm_ask_s = _seconds(lambda: ask(ASK_QUESTION, index, cold, llm=llm))
        except BriefgenError as exc:
            result.notes.append(f"LLM {llm} not timed: {exc}")


def markdown_lines(timings: BriefTimings) -> list[str]:
    """The benchmark report's brief section."""
    def fmt(value: float | None) -> str:
        return "–" if value is None else f"{value:.2f}"

    lines = ["", f"Briefs ({len(timings.subjects)} subjects: {', '.join(timings.subjects)}):", "",
             "| stage | seconds | target |", "|---|---|---|",
             f"| extractive brief, mean / max | {fmt(timings.extractive_mean_s)} / {fmt(timings.extractive_max_s)} | ≤ 3 |",
             f"| batch, all subjects (md + json + docx, index.md) | {fmt(timings.batch_wall_s)} | |"]
    if timings.llm:
        lines += [f"| {timings.llm} LLM brief ({timings.llm_brief_subject}), cold cache | {fmt(timings.llm_brief_s)} | ≤ 90 |",
                  f"| {timings.llm} LLM ask「{ASK_QUESTION}」, cold cache | {fmt(timings.llm_ask_s)} | |"]
    return lines + [f"- {note}" for note in timings.notes]
