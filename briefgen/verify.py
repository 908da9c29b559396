"""Verification of drafts: pure functions over claims and their source documents.

Rules (README, Verification): every citation resolves to a verbatim span (offsets fixed by exact
or fuzzy search, else dropped); every number in a claim appears, normalised, in a cited span with
the same unit; at least MIN_SUPPORT of the claim's character bigrams appear in its cited spans; a
claim failing any rule is `unsupported`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from rapidfuzz import fuzz

from briefgen.figures import extract_figures
from briefgen.models import Citation, Claim, Document, Figure
from briefgen.normalize import char_bigrams, normalize_quote

DocLookup = Callable[[str], Document | None]
MIN_SUPPORT = 0.4  # share of a claim's character bigrams that its cited spans must hold
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_PUNCT = re.compile(r"[^\w%％]")


def resolve_citation(citation: Citation, document: Document | None, threshold: float = 90.0) -> Citation | None:
    """The citation with offsets and quote taken from the document, or None when its quote is not there."""
    if document is None or not citation.quote.strip():
        return None
    text = document.text
    if 0 <= citation.start < citation.end <= len(text) and text[citation.start : citation.end] == citation.quote:
        return citation
    quote = citation.quote.strip()
    for candidate in (quote, normalize_quote(quote)):
        found = _nearest(text, candidate, citation.start)
        if found >= 0:
            return citation.model_copy(update={"start": found, "end": found + len(candidate), "quote": candidate})
    return _fuzzy(citation, text, quote, threshold)


def _nearest(text: str, quote: str, hint: int) -> int:
    positions = [m.start() for m in re.finditer(re.escape(quote), text)] if quote else []
    return min(positions, key=lambda p: abs(p - hint)) if positions else -1


def _fuzzy(citation: Citation, text: str, quote: str, threshold: float) -> Citation | None:
    """Re-locate a slightly mis-copied quote; the stored quote becomes the document's own text."""
    if len(quote) < 8:
        return None
    alignment = fuzz.partial_ratio_alignment(quote, text, score_cutoff=threshold)
    if alignment is None:
        return None
    start, end = alignment.dest_start, alignment.dest_end
    return citation.model_copy(update={"start": start, "end": end, "quote": text[start:end]})


def numbers_in(text: str) -> list[Figure]:
    """The figures stated in a piece of text (claim or span), normalised."""
    return extract_figures(text)


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def figure_supported(figure: Figure, spans: list[str]) -> bool:
    """A claim's number is supported when a cited span states the same value in the same unit."""
    for span in spans:
        for other in numbers_in(span):
            if other.unit == figure.unit and (_same(other.value_num, figure.value_num)
                                              or _same(other.before_value or math.nan, figure.value_num)):
                return True
    return False


def bare_numbers(text: str, figures: list[Figure]) -> list[str]:
    """Digits in the text that no extracted figure covers (e.g. a number without a unit)."""
    covered = [(f.start, f.end) for f in figures]
    return [m.group(0) for m in _DIGITS.finditer(text)
            if not any(s <= m.start() < e for s, e in covered) and not _is_year(text, m)]


def _is_year(text: str, match: re.Match[str]) -> bool:
    return len(match.group(0)) == 4 and text[match.end() : match.end() + 1] in ("年", "-", "")


def support(text: str, spans: list[str]) -> float:
    """Share of the claim's character bigrams (punctuation removed) found in its cited spans: a
    summary keeps the source's words; a claim with little overlap says something the spans do not."""
    wanted = char_bigrams(_PUNCT.sub("", text))
    if not wanted:
        return 1.0
    found: set[str] = set().union(*(char_bigrams(_PUNCT.sub("", s)) for s in spans)) if spans else set()
    return len(wanted & found) / len(wanted)


def check_claim(claim: Claim, lookup: DocLookup, threshold: float = 90.0, min_support: float = 0.0) -> Claim:
    """Resolve citations, match numbers, check lexical support, and set status/reason. Pure."""
    citations = [c for c in (resolve_citation(c, lookup(c.doc_id), threshold) for c in claim.citations) if c]
    spans = [c.quote for c in citations]
    figures = numbers_in(claim.text)
    unmatched = [f.value for f in figures if not figure_supported(f, spans)]
    unmatched += [n for n in bare_numbers(claim.text, figures) if not any(n in s for s in spans)]
    overlap = support(claim.text, spans)
    if not citations:
        status, reason = "unsupported", "no valid citation (quote not found in the cited document)"
    elif unmatched:
        status, reason = "unsupported", f"numbers not in the cited passages: {', '.join(unmatched)}"
    elif overlap < min_support:
        status, reason = "unsupported", f"the cited passages do not support it (word overlap {overlap:.2f})"
    else:
        status, reason = "verified", None
    return claim.model_copy(update={"citations": citations, "figures": figures, "status": status, "reason": reason})


def about_subject(claim: Claim, subject: str, lookup: DocLookup) -> bool:
    """Every citation comes from a document about the subject (region, title or body names it)."""
    for citation in claim.citations:
        document = lookup(citation.doc_id)
        if document is None or not document_about(document, subject):
            return False
    return bool(claim.citations)


def document_about(document: Document, subject: str) -> bool:
    """The document is about the subject: its region has it at some level, or its title names it (某县 …)."""
    region = document.region
    return subject in {region.province, region.city, region.county, region.town} or subject in document.title


def ground(claim: Claim, candidates: list[Citation], min_coverage: float = 0.5) -> Claim | None:
    """Re-cite a claim whose own quote did not resolve (a model that quoted a heading or paraphrased)
    to the evidence sentence holding most of its character bigrams, when that is at least half."""
    wanted = char_bigrams(claim.text)
    if not wanted or not candidates:
        return None
    best = max(candidates, key=lambda c: len(wanted & char_bigrams(c.quote)))
    if len(wanted & char_bigrams(best.quote)) < min_coverage * len(wanted):
        return None
    return claim.model_copy(update={"citations": [best]})


def verify_claims(claims: list[Claim], lookup: DocLookup, subject: str | None = None,
                  threshold: float = 90.0, candidates: list[Citation] | None = None,
                  min_support: float = MIN_SUPPORT) -> tuple[list[Claim], list[str]]:
    """Verified claims (unsupported ones dropped) and one warning per dropped claim. `candidates`:
    evidence sentences to re-cite a claim to when its own citations do not resolve."""
    kept: list[Claim] = []
    warnings: list[str] = []
    for claim in claims:
        checked = check_claim(claim, lookup, threshold, min_support)
        if not checked.citations and candidates and (grounded := ground(claim, candidates)):
            checked = check_claim(grounded, lookup, threshold, min_support)
        if checked.status == "verified" and subject and not checked.comparison \
                and not about_subject(checked, subject, lookup):
            checked = checked.model_copy(update={"status": "unsupported", "reason": f"cites a document not about {subject}"})
        if checked.status == "verified":
            kept.append(checked)
        else:
            warnings.append(f"dropped claim 「{claim.text[:40]}」: {checked.reason}")
    return kept, warnings
