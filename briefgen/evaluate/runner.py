"""The eval runner: open/build the index, run every metric group, judge against thresholds.

Every component is injectable (extractor, retriever, ask and brief functions) so a test can feed a
deliberately broken one and watch the suite fail. The ask and brief modules are imported lazily;
when they are missing the groups are marked skipped with the reason.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from briefgen.config import Settings
from briefgen.embed import Embedder
from briefgen.evaluate.gold import GoldNoise, GoldSet, Location, Locator, find_span, load_gold
from briefgen.evaluate.report import (
    DEFAULT_THRESHOLDS,
    EvalReport,
    GroupResult,
    MetricResult,
    Threshold,
    judge,
    load_thresholds,
)
from briefgen.evaluate.scorers import score_answers, score_briefs, score_figures, score_noise, score_retrieval
from briefgen.index import Index
from briefgen.models import Answer, Brief, Document, Figure

log = logging.getLogger(__name__)

GROUPS = ("figures", "retrieval", "answers", "briefs")
# Metric prefixes (threshold groups) each run group produces: the figures run also scores noise.
_PREFIXES = {"figures": ("figures", "noise"), "retrieval": ("retrieval",), "answers": ("answers",),
             "briefs": ("briefs",)}
RECALL_K = 5
Extractor = Callable[[Document], list[Figure]]
AskFn = Callable[[str], Answer]
BriefFn = Callable[[str], Brief]


class SearchesChunks(Protocol):
    """A retriever: `.search(question, k=5)` → hits with `.chunk`, or chunks."""

    def search(self, query: str, k: int | None = None) -> Sequence[Any]: ...


@dataclass
class EvalContext:
    """What every metric group needs: the index, its documents, gold, thresholds, outputs folder."""

    settings: Settings
    index: Index
    gold: GoldSet
    thresholds: dict[str, Threshold]
    out_dir: Path
    llm: str | None = None
    documents: dict[str, Document] = field(default_factory=dict)
    locator: Locator = field(default_factory=lambda: Locator([]))


def open_index(settings: Settings, corpus: Path | None, index: Index | None, embedder: Embedder | None) -> Index:
    """The given index, or one under settings.paths.data_dir; `corpus` is ingested into it."""
    from briefgen.ingest import ingest_paths

    built = index or Index(settings, embedder=embedder)
    if corpus is not None:
        report = ingest_paths([corpus], settings, built, progress=False)
        for error in report.errors:
            log.warning("ingest error %s: %s", error.path, error.reason)
    return built


def index_extractor(index: Index) -> Extractor:
    """Figures as stored on the index's chunks (deduplicated: overlapping chunks repeat them)."""
    cache: dict[str, list[Figure]] = {}

    def extract(document: Document) -> list[Figure]:
        if document.doc_id not in cache:
            seen: dict[tuple[int, int, str, float], Figure] = {}
            for chunk in index.store.chunks(document.doc_id):
                for fig in chunk.figures:
                    seen.setdefault((fig.start, fig.end, fig.unit, fig.value_num), fig)
            cache[document.doc_id] = sorted(seen.values(), key=lambda f: f.start)
        return cache[document.doc_id]

    return extract


def predicted_figures(ctx: EvalContext, extract: Extractor) -> list[Figure]:
    """Run the extractor on every original (non-duplicate) document."""
    figures: list[Figure] = []
    for document in ctx.documents.values():
        if document.duplicate_of is None:
            figures.extend(f.model_copy(update={"doc_id": f.doc_id or document.doc_id}) for f in extract(document))
    return figures


def noise_locator(locator: Locator) -> Callable[[GoldNoise], Location | None]:
    """The span of a noise token: its text inside its quote inside the document."""

    def locate(item: GoldNoise) -> Location | None:
        loc = locator.locate(item.quote, item.doc_title)
        document = locator.document(loc.doc_id) if loc else None
        if loc is None or document is None or loc.start is None or loc.end is None:
            return None
        inner = find_span(document.text[loc.start : loc.end], item.text)
        if inner is None:
            return None
        return Location(loc.doc_id, loc.start + inner[0], loc.start + inner[1], loc.via_duplicate)

    return locate


def run_figures(ctx: EvalContext, extract: Extractor) -> list[MetricResult]:
    predicted = predicted_figures(ctx, extract)
    _dump(ctx.out_dir / "figures_predicted.json", [f.model_dump() for f in predicted])
    figures = score_figures(predicted, ctx.gold.figures, lambda g: ctx.locator.locate(g.quote, g.doc_title))
    noise = score_noise(predicted, ctx.gold.noise, noise_locator(ctx.locator))
    t = ctx.thresholds
    return [
        judge("figures", "precision", figures.precision, t, figures.spurious),
        judge("figures", "recall", figures.recall, t, figures.missed),
        judge("figures", "f1", figures.f1, t),
        judge("noise", "rejection", noise.rejection, t, noise.overlapped + [
            {**u, "reason": "not located"} for u in noise.unlocated]),
    ]


def run_retrieval(ctx: EvalContext, retriever: SearchesChunks, k: int = 5) -> list[MetricResult]:
    results: dict[str, list[Any]] = {}
    for question in ctx.gold.questions:
        if question.answerable:
            hits = retriever.search(question.question, k=k)
            results[question.id] = [getattr(h, "chunk", h) for h in hits][:k]
    score = score_retrieval(results, ctx.gold.questions, ctx.locator.locate, k=k)
    t = ctx.thresholds
    return [judge("retrieval", f"recall_at_{k}", score.recall_at_k, t, score.failures),
            judge("retrieval", "mrr", score.mrr, t, [f for f in score.failures if f.get("first_hit_rank") != 1])]


def run_answers(ctx: EvalContext, ask_fn: AskFn) -> list[MetricResult]:
    answers: dict[str, Answer] = {}
    errors: dict[str, str] = {}
    for question in ctx.gold.questions:
        try:
            answers[question.id] = ask_fn(question.question)
        except Exception as exc:  # one failing question must not stop the run; it is reported
            log.warning("ask failed on %s: %s", question.id, exc)
            errors[question.id] = f"{type(exc).__name__}: {exc}"
    _dump(ctx.out_dir / "answers.json", {q: a.model_dump(mode="json") for q, a in answers.items()})
    score = score_answers(answers, ctx.gold.questions, ctx.documents, errors)
    t, f = ctx.thresholds, score.failures
    return [judge("answers", "citation_validity", score.citation_validity, t, f.get("citation_validity")),
            judge("answers", "refusal_accuracy", score.refusal_accuracy, t, f.get("refusal_accuracy")),
            judge("answers", "false_refusal_rate", score.false_refusal_rate, t,
                  f.get("false_refusal_rate", []) + f.get("errors", [])),
            judge("answers", "keyword_hit_rate", score.keyword_hit_rate, t, f.get("keyword_hit_rate"))]


def run_briefs(ctx: EvalContext, brief_fn: BriefFn, subjects: list[str]) -> list[MetricResult]:
    briefs: dict[str, Brief] = {}
    errors: dict[str, str] = {}
    for subject in subjects:
        try:
            briefs[subject] = brief_fn(subject)
        except Exception as exc:  # reported per subject; the other briefs still count
            log.warning("brief failed on %s: %s", subject, exc)
            errors[subject] = f"{type(exc).__name__}: {exc}"
    _dump(ctx.out_dir / "briefs.json", {s: b.model_dump(mode="json") for s, b in briefs.items()})
    gold = [g for g in ctx.gold.briefs if g.subject in subjects]
    score = score_briefs(briefs, gold, ctx.documents, ctx.locator.locate, errors)
    t, f = ctx.thresholds, score.failures
    names = ("citation_validity", "figure_faithfulness", "citation_support", "coverage", "wrong_subject_claims",
             "absent_sections")
    results = [judge("briefs", n, getattr(score, n), t, f.get(n)) for n in names]
    results[3].failing = f.get("coverage", []) + f.get("errors", [])
    return results


def _dump(path: Path, payload: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=1, default=str), encoding="utf-8")


def _default_ask(ctx: EvalContext, retriever: SearchesChunks) -> AskFn:
    from briefgen.ask import ask

    chosen: Any = retriever  # any object with .search() works; ask() annotates its own Retriever
    return lambda question: ask(question, ctx.index, ctx.settings, llm=ctx.llm, retriever=chosen)  # type: ignore[no-any-return,unused-ignore]


def _default_brief(ctx: EvalContext) -> BriefFn:
    from briefgen.brief import make_brief

    return lambda subject: make_brief(subject, ctx.index, ctx.settings, llm=ctx.llm)


def _group_thresholds(group: str, thresholds: dict[str, Threshold]) -> list[tuple[str, str, Threshold]]:
    """(metric group, metric name, threshold) of every thresholded metric a run group produces."""
    out = []
    for key, threshold in thresholds.items():
        prefix, name = key.split(".", 1)
        if prefix in _PREFIXES.get(group, (group,)):
            out.append((prefix, name, threshold))
    return out


def _skip(report: EvalReport, group: str, reason: str, thresholds: dict[str, Threshold]) -> None:
    report.groups[group] = GroupResult(status="skipped", reason=reason)
    report.metrics += [MetricResult(group=prefix, name=name, value=None, threshold=th, status="skipped")
                       for prefix, name, th in _group_thresholds(group, thresholds)]


def _run_group(report: EvalReport, group: str, thunk: Callable[[], list[MetricResult]],
               thresholds: dict[str, Threshold]) -> None:
    """Run one group; a missing module skips it, a crash marks it 'error' and fails the run."""
    try:
        report.metrics += thunk()
        report.groups[group] = GroupResult(status="ran")
    except ImportError as exc:
        log.warning("%s skipped: %s", group, exc)
        _skip(report, group, f"import failed: {exc}", thresholds)
    except Exception as exc:  # the report must still be written; the group's metrics then fail
        log.exception("%s failed", group)
        report.groups[group] = GroupResult(status="error", reason=f"{type(exc).__name__}: {exc}")
        report.metrics += [MetricResult(group=prefix, name=name, value=None, threshold=th, status="fail",
                                        failing=[{"error": f"{type(exc).__name__}: {exc}"}])
                           for prefix, name, th in _group_thresholds(group, thresholds)]


def run_eval(settings: Settings, *, gold_dir: Path, corpus: Path | None, llm: str | None = None, out_dir: Path,
             index: Index | None = None, embedder: Embedder | None = None, extract: Extractor | None = None,
             ask_fn: AskFn | None = None, brief_fn: BriefFn | None = None, retriever: SearchesChunks | None = None,
             subjects: list[str] | None = None, groups: Sequence[str] = GROUPS,
             thresholds: Path | None = None) -> EvalReport:
    """Ingest `corpus` (if given) into the index, run the metric groups, judge them against
    eval/thresholds.toml (next to gold_dir) and return the report. Raw outputs (predicted figures,
    answers, briefs) are written to out_dir; call `write_report` for report.md/json/chart.png."""
    out_dir.mkdir(parents=True, exist_ok=True)
    bounds = load_thresholds(thresholds or _thresholds_near(gold_dir))
    built = open_index(settings, corpus, index, embedder)
    documents = built.store.documents()
    ctx = EvalContext(settings, built, load_gold(gold_dir), bounds, out_dir, llm,
                      {d.doc_id: d for d in documents}, Locator(documents))
    report = EvalReport(settings={"embed_model": settings.embed.model, "llm": llm or settings.llm.backend,
                                  "documents": len(documents), "gold_dir": str(gold_dir)})
    shared: list[SearchesChunks] = [retriever] if retriever else []

    def search() -> SearchesChunks:  # built once, only when a group needs it
        if not shared:
            shared.append(_default_retriever(built, settings))
        return shared[0]

    wanted = subjects or [g.subject for g in ctx.gold.briefs]
    thunks: dict[str, Callable[[], list[MetricResult]]] = {
        "figures": lambda: run_figures(ctx, extract or index_extractor(built)),
        "retrieval": lambda: run_retrieval(ctx, search(), RECALL_K),
        "answers": lambda: run_answers(ctx, ask_fn or _default_ask(ctx, search())),
        "briefs": lambda: run_briefs(ctx, brief_fn or _default_brief(ctx), wanted),
    }
    for group, thunk in thunks.items():
        if group in groups:
            _run_group(report, group, thunk, bounds)
        else:
            _skip(report, group, "not requested", bounds)
    return report


def _thresholds_near(gold_dir: Path) -> Path:
    near = gold_dir.parent / "thresholds.toml"
    return near if near.exists() else DEFAULT_THRESHOLDS


def _default_retriever(index: Index, settings: Settings) -> SearchesChunks:
    from briefgen.retrieve import Retriever

    return Retriever(index, settings)
