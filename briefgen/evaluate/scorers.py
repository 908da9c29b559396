"""Pure scorers: predictions + gold (+ a locate function) → scores with the failing items.

No index and no model is needed; each function can be fed hand-made inputs. Locations are
given by callables so tests can supply them directly and the runner can use `gold.Locator`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Protocol

from pydantic import BaseModel, Field

from briefgen.evaluate.gold import SECTION_KEYS, GoldBrief, GoldFigure, GoldNoise, GoldQuestion, Location
from briefgen.evaluate.text import close, compact, covered_share, dice, number_in_spans, numbers_in, overlap
from briefgen.models import Answer, Brief, Citation, Claim, Document, Figure

Item = dict[str, Any]
REFUSAL = "语料中没有相关信息"
SECTION_TITLES = {"achievements": "成效", "problems": "问题", "recommendations": "建议"}
_NO_EVIDENCE = ("no evidence", "没有相关", "没有证据", "无相关", "未找到", "缺少证据", "证据不足", "无证据", "没有找到")


def ratio(part: float, whole: float) -> float | None:
    """part / whole, or None when there is nothing to measure."""
    return part / whole if whole else None


class FigureScore(BaseModel):
    """Figure extraction against the gold figures (FIGURES.md matching rule)."""

    precision: float | None
    recall: float | None
    f1: float | None
    matched: int
    predicted: int
    gold: int
    missed: list[Item] = Field(default_factory=list, description="Gold figures no prediction matched, with a reason")
    spurious: list[Item] = Field(default_factory=list, description="Predictions that matched no gold figure")
    deduplicated: int = Field(0, description="Gold items from a duplicate copy dropped as repeats")


class NoiseScore(BaseModel):
    """Noise tokens (document numbers, years, headings …) not reported as figures."""

    rejection: float | None
    total: int
    overlapped: list[Item] = Field(default_factory=list)
    unlocated: list[Item] = Field(default_factory=list)


class RetrievalScore(BaseModel):
    """Per-question span recall in the top k, and MRR of the first chunk holding a gold span."""

    recall_at_k: float | None
    mrr: float | None
    k: int
    questions: int
    failures: list[Item] = Field(default_factory=list)


class AnswerScore(BaseModel):
    """Citations, refusals and keywords of chat answers."""

    citation_validity: float | None
    refusal_accuracy: float | None
    false_refusal_rate: float | None
    keyword_hit_rate: float | None
    failures: dict[str, list[Item]] = Field(default_factory=dict)


class BriefScore(BaseModel):
    """Citations, numbers, support, coverage and subject discipline of briefs."""

    citation_validity: float | None
    figure_faithfulness: float | None
    citation_support: float | None
    coverage: float | None
    wrong_subject_claims: float
    absent_sections: float | None
    failures: dict[str, list[Item]] = Field(default_factory=dict)


class Span(Protocol):
    """Anything with a document span (a Chunk, a Citation)."""

    doc_id: str
    start: int
    end: int


# ------------------------------------------------------------------------------------ figures


def metric_matches(predicted: str | None, gold: str | None) -> bool:
    """Containment either way after removing spaces/punctuation, or bigram Dice ≥ 0.5."""
    a, b = compact(predicted), compact(gold)
    if a and b and (a in b or b in a):
        return True
    return dice(a, b) >= 0.5


def figure_matches(predicted: Figure, gold: GoldFigure) -> bool:
    """FIGURES.md: value_num (rel 1e-3), unit, subject (null == null) and metric all agree."""
    return (close(predicted.value_num, gold.value_num) and predicted.unit == gold.unit
            and predicted.subject == gold.subject and metric_matches(predicted.metric, gold.metric))


def _figure_item(figure: Figure | GoldFigure, doc_id: str | None) -> Item:
    return {"doc_id": doc_id, "value": figure.value, "value_num": figure.value_num, "unit": figure.unit,
            "metric": figure.metric, "subject": figure.subject, "quote": figure.quote}


def _gold_key(gold: GoldFigure, doc_id: str) -> tuple[str, float, str, str, str | None]:
    return doc_id, round(gold.value_num, 4), gold.unit, compact(gold.metric), gold.subject


def _place_gold(gold: Sequence[GoldFigure], doc_of_gold: Callable[[GoldFigure], Location | None],
                ) -> tuple[list[tuple[GoldFigure, Location | None]], int]:
    """Locate each gold item; drop copies moved from a duplicate document that repeat one already there."""
    placed = [(g, doc_of_gold(g)) for g in gold]
    seen = {_gold_key(g, loc.doc_id) for g, loc in placed if loc and not loc.via_duplicate}
    kept: list[tuple[GoldFigure, Location | None]] = []
    for g, loc in placed:
        if loc and loc.via_duplicate:
            if _gold_key(g, loc.doc_id) in seen:
                continue
            seen.add(_gold_key(g, loc.doc_id))
        kept.append((g, loc))
    return kept, len(placed) - len(kept)


def _miss_reason(gold: GoldFigure, candidates: Iterable[Figure]) -> str:
    """Why no prediction matched: the closest disagreement among predictions with the same value."""
    same_value = [f for f in candidates if close(f.value_num, gold.value_num)]
    if not same_value:
        return "no prediction with this value"
    best = same_value[0]
    for f in same_value:
        if f.unit == gold.unit and f.subject == gold.subject:
            best = f
            break
    if best.unit != gold.unit:
        return f"unit {best.unit!r} != {gold.unit!r}"
    if best.subject != gold.subject:
        return f"subject {best.subject!r} != {gold.subject!r}"
    return f"metric {best.metric!r} !~ {gold.metric!r}"


def score_figures(predicted: Sequence[Figure], gold: Sequence[GoldFigure],
                  doc_of_gold: Callable[[GoldFigure], Location | None]) -> FigureScore:
    """Precision/recall/F1 with one-to-one greedy matching inside each document."""
    placed, dropped = _place_gold(gold, doc_of_gold)
    by_doc: dict[str, list[int]] = {}
    for i, fig in enumerate(predicted):
        by_doc.setdefault(fig.doc_id, []).append(i)
    used: set[int] = set()
    missed: list[Item] = []
    for g, loc in placed:
        if loc is None:
            missed.append({**_figure_item(g, None), "reason": "gold quote not found in any document"})
            continue
        pool = [i for i in by_doc.get(loc.doc_id, []) if i not in used]
        hits = [i for i in pool if figure_matches(predicted[i], g)]
        if loc.start is not None:
            hits.sort(key=lambda i: abs(predicted[i].start - (loc.start or 0)))
        if hits:
            used.add(hits[0])
        else:
            missed.append({**_figure_item(g, loc.doc_id), "reason": _miss_reason(g, (predicted[i] for i in pool))})
    spurious = [_figure_item(f, f.doc_id) for i, f in enumerate(predicted) if i not in used]
    precision, recall = ratio(len(used), len(predicted)), ratio(len(used), len(placed))
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else (
        0.0 if precision is not None and recall is not None else None)
    return FigureScore(precision=precision, recall=recall, f1=f1, matched=len(used), predicted=len(predicted),
                       gold=len(placed), missed=missed, spurious=spurious, deduplicated=dropped)


# ------------------------------------------------------------------------------------ noise


def score_noise(predicted: Sequence[Figure], noise_items: Sequence[GoldNoise],
                locate: Callable[[GoldNoise], Location | None]) -> NoiseScore:
    """Share of located noise tokens that no predicted figure span overlaps."""
    spans: dict[str, list[Figure]] = {}
    for fig in predicted:
        spans.setdefault(fig.doc_id, []).append(fig)
    overlapped: list[Item] = []
    unlocated: list[Item] = []
    total = 0
    for item in noise_items:
        loc = locate(item)
        if loc is None or loc.start is None or loc.end is None:
            unlocated.append(item.model_dump())
            continue
        total += 1
        hits = [f for f in spans.get(loc.doc_id, []) if overlap(f.start, f.end, loc.start, loc.end)]
        if hits:
            overlapped.append({**item.model_dump(), "doc_id": loc.doc_id,
                               "predicted": [f"{f.value} ({f.unit}, {f.metric})" for f in hits]})
    return NoiseScore(rejection=ratio(total - len(overlapped), total), total=total, overlapped=overlapped,
                      unlocated=unlocated)


# ------------------------------------------------------------------------------------ retrieval


def _holds(chunk: Span, loc: Location) -> bool:
    """The chunk holds at least half of the gold span (same document)."""
    if loc.start is None or loc.end is None or chunk.doc_id != loc.doc_id:
        return False
    return overlap(chunk.start, chunk.end, loc.start, loc.end) * 2 >= loc.end - loc.start


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def score_retrieval(results: Mapping[str, Sequence[Span]], questions: Sequence[GoldQuestion],
                    locate: Callable[[str], Location | None], k: int = 5) -> RetrievalScore:
    """Mean per-question share of gold spans held by a top-k chunk, and MRR, over answerable questions."""
    recalls: list[float] = []
    reciprocal: list[float] = []
    failures: list[Item] = []
    for question in (q for q in questions if q.answerable and q.gold_spans):
        spans = [(s, locate(s)) for s in question.gold_spans]
        located = [(s, loc) for s, loc in spans if loc is not None and loc.start is not None]
        if not located:
            failures.append({"id": question.id, "reason": "no gold span found in the documents"})
            continue
        top = list(results.get(question.id, []))[:k]
        missing = [s for s, loc in located if not any(_holds(c, loc) for c in top)]
        first = next((rank for rank, c in enumerate(top, 1) if any(_holds(c, loc) for _, loc in located)), None)
        recalls.append(1 - len(missing) / len(located))
        reciprocal.append(1 / first if first else 0.0)
        if missing or first != 1:
            failures.append({"id": question.id, "question": question.question, "first_hit_rank": first,
                             "missing_spans": missing, "top": [f"{c.doc_id}:{c.start}-{c.end}" for c in top]})
    return RetrievalScore(recall_at_k=_mean(recalls), mrr=_mean(reciprocal), k=k, questions=len(recalls),
                          failures=failures)


# ------------------------------------------------------------------------------------ answers


def citation_valid(citation: Citation, documents: Mapping[str, Document]) -> bool:
    """The quote is exactly document.text[start:end]."""
    document = documents.get(citation.doc_id)
    return (document is not None and 0 <= citation.start < citation.end <= len(document.text)
            and document.text[citation.start : citation.end] == citation.quote)


def _answer_citations(answer: Answer) -> list[Citation]:
    unique: dict[tuple[str, int, int, str], Citation] = {}
    for citation in [*answer.citations, *(c for claim in answer.claims for c in claim.citations)]:
        unique.setdefault((citation.doc_id, citation.start, citation.end, citation.quote), citation)
    return list(unique.values())


def is_refusal(answer: Answer) -> bool:
    return answer.refused or REFUSAL in answer.answer


def _citation_item(citation: Citation, where: str) -> Item:
    return {"where": where, "doc_id": citation.doc_id, "start": citation.start, "end": citation.end,
            "quote": citation.quote}


def score_answers(answers: Mapping[str, Answer], questions: Sequence[GoldQuestion],
                  documents: Mapping[str, Document], errors: Mapping[str, str] | None = None) -> AnswerScore:
    """Citation validity, refusal accuracy (unanswerable), false refusals and keyword hits (answerable).
    A question whose ask call failed (`errors`) counts as neither refused nor answered correctly."""
    errors = errors or {}
    failures: dict[str, list[Item]] = {k: [] for k in (
        "citation_validity", "refusal_accuracy", "false_refusal_rate", "keyword_hit_rate")}
    failures["errors"] = [{"id": q, "error": e} for q, e in errors.items()]
    cited = valid = refused_ok = unanswerable = false_refusals = answerable = kw_total = kw_hits = 0
    for question in questions:
        answer = answers.get(question.id)
        if answer is None and question.id not in errors:
            continue
        if not question.answerable:
            unanswerable += 1
            refused_ok += bool(answer and is_refusal(answer))
            if not (answer and is_refusal(answer)):
                failures["refusal_accuracy"].append({"id": question.id, "answer": answer.answer if answer else None})
            continue
        answerable += 1
        if answer is None or is_refusal(answer):
            false_refusals += 1
            failures["false_refusal_rate"].append({"id": question.id, "question": question.question})
            continue
        for citation in _answer_citations(answer):
            cited += 1
            if citation_valid(citation, documents):
                valid += 1
            else:
                failures["citation_validity"].append(_citation_item(citation, question.id))
        text = compact(answer.answer)
        missing = [kw for kw in question.answer_keywords if compact(kw) not in text]
        kw_total += len(question.answer_keywords)
        kw_hits += len(question.answer_keywords) - len(missing)
        if missing:
            failures["keyword_hit_rate"].append({"id": question.id, "missing": missing})
    return AnswerScore(citation_validity=ratio(valid, cited), refusal_accuracy=ratio(refused_ok, unanswerable),
                       false_refusal_rate=ratio(false_refusals, answerable), keyword_hit_rate=ratio(kw_hits, kw_total),
                       failures={k: v for k, v in failures.items() if v})


# ------------------------------------------------------------------------------------ briefs


def _claims(brief: Brief) -> list[tuple[str, Claim]]:
    return [(key, claim) for key in SECTION_KEYS for claim in getattr(brief, key)]


def cited_texts(claim: Claim, documents: Mapping[str, Document]) -> list[str]:
    """The document text under each valid citation (an invalid citation supports nothing)."""
    return [documents[c.doc_id].text[c.start : c.end] for c in claim.citations if citation_valid(c, documents)]


def unfaithful_numbers(claim: Claim, documents: Mapping[str, Document]) -> list[str]:
    """Numbers in the claim text that no cited span states (normalised)."""
    spans = cited_texts(claim, documents)
    return [n.written for n in numbers_in(claim.text) if not number_in_spans(n, spans)]


def claim_supported(claim: Claim, documents: Mapping[str, Document], min_share: float = 0.5) -> bool:
    """Half the claim's bigrams occur in its cited spans and every number is in them."""
    spans = cited_texts(claim, documents)
    return (bool(spans) and covered_share(claim.text, "".join(spans)) >= min_share
            and not unfaithful_numbers(claim, documents))


def about_subject(document: Document, subject: str) -> bool:
    """The document's region includes the subject, or its title or text names it."""
    region = document.region
    names = {n for n in (region.province, region.city, region.county, region.town) if n}
    return subject in names or subject in document.title or subject in document.text


def _original(doc_id: str, documents: Mapping[str, Document]) -> str:
    document = documents.get(doc_id)
    return document.duplicate_of if document and document.duplicate_of else doc_id


def point_covered(point_quotes: Sequence[Location | None], point: str, claims: Sequence[Claim],
                  documents: Mapping[str, Document], min_dice: float = 0.4) -> bool:
    """A claim of the section cites a span overlapping one of the point's quotes, or reads like it."""
    for claim in claims:
        if dice(claim.text, point) >= min_dice:
            return True
        for citation in claim.citations:
            for loc in point_quotes:
                if (loc and loc.start is not None and loc.end is not None
                        and _original(citation.doc_id, documents) == loc.doc_id
                        and overlap(citation.start, citation.end, loc.start, loc.end)):
                    return True
    return False


def _says_no_evidence(brief: Brief, key: str) -> bool:
    sections = (key, SECTION_TITLES[key])
    for warning in brief.warnings:
        lowered = warning.lower()
        names_other = any(k in lowered or t in warning for k, t in SECTION_TITLES.items() if k != key)
        if any(p in lowered for p in _NO_EVIDENCE) and (any(s in lowered for s in sections) or not names_other):
            return True
    return False


class _BriefTally:
    """Counters and failures across briefs."""

    def __init__(self) -> None:
        self.counts = dict.fromkeys(("cited", "valid", "numbers", "faithful", "claims", "supported", "points",
                                     "covered", "wrong_subject", "absent", "absent_ok"), 0)
        self.failures: dict[str, list[Item]] = {k: [] for k in (
            "citation_validity", "figure_faithfulness", "citation_support", "coverage", "wrong_subject_claims",
            "absent_sections", "errors")}


def _tally_claim(tally: _BriefTally, subject: str, key: str, claim: Claim, documents: Mapping[str, Document]) -> None:
    where = {"subject": subject, "section": key, "claim": claim.text}
    c = tally.counts
    for citation in claim.citations:
        c["cited"] += 1
        if citation_valid(citation, documents):
            c["valid"] += 1
        else:
            tally.failures["citation_validity"].append(_citation_item(citation, f"{subject}/{key}"))
    numbers = numbers_in(claim.text)
    bad = unfaithful_numbers(claim, documents)
    c["numbers"] += len(numbers)
    c["faithful"] += len(numbers) - len(bad)
    if bad:
        tally.failures["figure_faithfulness"].append({**where, "numbers": bad})
    c["claims"] += 1
    if claim_supported(claim, documents):
        c["supported"] += 1
    else:
        tally.failures["citation_support"].append(where)
    off = [ct.doc_id for ct in claim.citations if ct.doc_id in documents
           and not about_subject(documents[ct.doc_id], subject)]
    if off and not claim.comparison:
        c["wrong_subject"] += 1
        tally.failures["wrong_subject_claims"].append({**where, "doc_ids": off})


def _tally_gold(tally: _BriefTally, gold: GoldBrief, brief: Brief | None, documents: Mapping[str, Document],
                locate: Callable[[str], Location | None]) -> None:
    for key in SECTION_KEYS:
        claims = getattr(brief, key) if brief else []
        for point in gold.key_points.get(key, []):
            tally.counts["points"] += 1
            if point_covered([locate(q) for q in point.quotes], point.point, claims, documents):
                tally.counts["covered"] += 1
            else:
                tally.failures["coverage"].append({"subject": gold.subject, "section": key, "point": point.point})
        if key in gold.absent_sections and brief is not None:
            tally.counts["absent"] += 1
            if not claims or _says_no_evidence(brief, key):
                tally.counts["absent_ok"] += 1
            else:
                tally.failures["absent_sections"].append(
                    {"subject": gold.subject, "section": key, "claims": [c.text for c in claims]})


def score_briefs(briefs: Mapping[str, Brief], gold: Sequence[GoldBrief], documents: Mapping[str, Document],
                 locate: Callable[[str], Location | None], errors: Mapping[str, str] | None = None) -> BriefScore:
    """All brief metrics; a gold subject without a brief (an error) leaves its key points uncovered."""
    tally = _BriefTally()
    tally.failures["errors"] = [{"subject": s, "error": e} for s, e in (errors or {}).items()]
    for subject, brief in briefs.items():
        for key, claim in _claims(brief):
            _tally_claim(tally, subject, key, claim, documents)
    for item in gold:
        if item.subject in briefs or item.subject in (errors or {}):
            _tally_gold(tally, item, briefs.get(item.subject), documents, locate)
    c = tally.counts
    return BriefScore(
        citation_validity=ratio(c["valid"], c["cited"]), figure_faithfulness=ratio(c["faithful"], c["numbers"]),
        citation_support=ratio(c["supported"], c["claims"]), coverage=ratio(c["covered"], c["points"]),
        wrong_subject_claims=float(c["wrong_subject"]), absent_sections=ratio(c["absent_ok"], c["absent"]),
        failures={k: v for k, v in tally.failures.items() if v},
    )
