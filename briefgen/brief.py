"""Briefs: per-section retrieval inside the subject's documents → draft → verify → repair → Brief."""

from __future__ import annotations

import logging
import re
from collections import Counter

from pydantic import BaseModel

from briefgen.chunk import heading_level
from briefgen.config import Settings
from briefgen.draft import SECTIONS, body_sentences, claim_from_citation, draft_brief_llm
from briefgen.errors import LLMError, UnknownSubjectError
from briefgen.figures import extract_figures
from briefgen.index import Index
from briefgen.llm import CachedJSON, chat_model, model_name
from briefgen.models import Brief, Citation, Claim, Document, Generator, Section
from briefgen.prompting import load_prompt
from briefgen.retrieve import Hit, near_duplicate
from briefgen.verify import document_about, ground, verify_claims

log = logging.getLogger(__name__)
_QUERIES = {"成效": "取得的成效 成绩 进展 增长", "问题": "存在的问题 困难 不足", "建议": "政策建议 对策 措施"}
MAX_CLAIMS = 8
MAX_LLM_CLAIMS = 4  # per section: the prompt asks for 2–3; more is the model rambling
# Kinds whose opening paragraph reports results (a plan states goals, an article argues).
_REPORTING_KINDS = ("report", "summary", "proposal")
# An opening paragraph's sentence that reports a result (used for 成效 only).
_ACHIEVED = re.compile(r"取得|保持了|增强了|提高了|促进了|加快了|成效|有序推进|深远影响|积极努力|明显|显著")


class SubjectInfo(BaseModel):
    """A county/town/province with its own documents in the corpus."""

    name: str
    level: str
    documents: int
    chunks: int


def subject_documents(index: Index, subject: str) -> list[Document]:
    """Non-duplicate documents about the subject: its region, or a title that names it (某县 …)."""
    return [d for d in index.store.documents(include_duplicates=False) if document_about(d, subject)]


def list_subjects(index: Index, min_chunks: int = 3) -> list[SubjectInfo]:
    """Subjects with enough 成效/问题/建议 material for a brief, most material first."""
    docs = index.store.documents(include_duplicates=False)
    counts: Counter[tuple[str, str]] = Counter()
    chunk_counts: Counter[str] = Counter()
    for doc in docs:
        name = doc.region.most_specific()
        if not name:
            continue
        level = next(lvl for lvl in ("town", "county", "city", "province") if getattr(doc.region, lvl) == name)
        counts[(name, level)] += 1
        chunk_counts[name] += sum(1 for c in index.store.chunks(doc.doc_id) if c.section != "背景")
    return [SubjectInfo(name=n, level=lvl, documents=k, chunks=chunk_counts[n])
            for (n, lvl), k in counts.most_common() if chunk_counts[n] >= min_chunks]


def make_brief(subject: str, index: Index, settings: Settings | None = None, llm: str | None = None) -> Brief:
    """A verified brief about one subject; empty sections say so in the warnings. The evidence of a
    section is the subject's chunks labelled with it (公文 headings), not a similarity search."""
    settings = settings or index.settings
    documents = subject_documents(index, subject)
    if not documents:
        raise UnknownSubjectError(f"no documents about {subject!r}; see `briefgen subjects`")
    backend = llm or settings.llm.backend
    model = chat_model(settings, backend)
    warnings: list[str] = []
    hits = {section: _section_hits(index, section, documents) for _, section in SECTIONS}
    sections = _draft(subject, hits, index, settings, model, warnings)
    for field, section in SECTIONS:
        if not sections[field]:
            warnings.append(f"{section}: 语料中没有关于{subject}的{section}材料")
    return Brief(subject=subject, title=f"关于{subject}扩权改革情况的简报", **sections,
                 sources=sorted({c.doc_id for claims in sections.values() for cl in claims for c in cl.citations}),
                 warnings=warnings, generator=Generator(model=model_name(model),
                 prompt_version=load_prompt("brief").version, settings_hash=settings.settings_hash()))


def _section_hits(index: Index, section: Section, documents: list[Document]) -> list[Hit]:
    """The subject's chunks of one section, in document order. For 成效 also the opening (背景) chunks
    of reports, summaries and proposals: they often state the overall result before the numbered parts
    (…保持了…发展态势), and only sentences that report a result are taken from them."""
    hits = []
    for document in documents:
        for chunk in index.store.chunks(document.doc_id):
            opening = section == "成效" and chunk.section == "背景" and document.kind in _REPORTING_KINDS
            if chunk.section == section or opening:
                hits.append(Hit(chunk=chunk, document=document, score=0.0))
    return hits


def _draft(subject: str, hits: dict[Section, list[Hit]], index: Index, settings: Settings,
           model: object, warnings: list[str]) -> dict[str, list[Claim]]:
    """All sections with the LLM (falling back to extractive on failure, with a warning) or extractively."""
    if model is not None and any(hits.values()):
        try:
            return _llm_brief(subject, hits, index, settings, model, warnings)
        except LLMError as exc:
            if not settings.llm.fallback_extractive:
                raise
            warnings.append(f"LLM unavailable ({exc}); extractive draft used")
    return {field: extractive_section(hits[section], index, subject) for field, section in SECTIONS}


def extractive_section(hits: list[Hit], index: Index, subject: str) -> list[Claim]:
    """Source sentences, verified and deduplicated, in `section_sentences` order, up to MAX_CLAIMS."""
    claims, _ = verify_claims([claim_from_citation(c) for c in section_sentences(hits)], index.store.document, subject)
    return _dedupe(claims)[:MAX_CLAIMS]


def section_sentences(hits: list[Hit]) -> list[Citation]:
    """A section's candidate sentences: the most informative sentence of every item first (most
    figures, then length), then the next best of each. An item is a chunk, or one of the numbered items
    ((一)…(二)…) a chunk packs. Opening (背景) chunks give result sentences only."""
    per_item = [sorted((c for c in item if len(c.quote) >= 15
                        and (hit.chunk.section != "背景" or _ACHIEVED.search(c.quote))), key=_informative)
                for hit in hits for item in _items(hit)]
    return [item[rank] for rank in range(MAX_CLAIMS) for item in per_item if rank < len(item)]


def _items(hit: Hit) -> list[list[Citation]]:
    """A chunk's sentences, split where a numbered item opens a line ((二)指导发展不够。…)."""
    text = hit.document.text
    items: list[list[Citation]] = [[]]
    for citation in body_sentences(hit):
        opens = heading_level(citation.quote) > 0 and (citation.start == 0 or text[citation.start - 1] == "\n")
        if opens and items[-1]:
            items.append([])
        items[-1].append(citation)
    return [item for item in items if item]


def _informative(citation: Citation) -> tuple[int, int]:
    return (-len(extract_figures(citation.quote)), -min(len(citation.quote), 120))


def _dedupe(claims: list[Claim]) -> list[Claim]:
    kept: list[Claim] = []
    for claim in claims:
        if not any(near_duplicate(claim.text, k.text, 0.6) for k in kept):
            kept.append(claim)
    return kept


def _llm_brief(subject: str, hits: dict[Section, list[Hit]], index: Index, settings: Settings,
               model: object, warnings: list[str]) -> dict[str, list[Claim]]:
    """Draft every section in one LLM call over the best few sentences of each (a short prompt: ~1k
    tokens), verify, and redraft only the sections left empty (bounded); a section with evidence but
    no surviving claim gets the extractive draft."""
    llm = CachedJSON(model, settings.paths.llm_cache_dir)  # type: ignore[arg-type]
    by_chunk = {hit.chunk.chunk_id: hit for section_hits in hits.values() for hit in section_hits}
    evidence = {section: _in_document_order(section_sentences(section_hits)[:settings.llm.brief_sentences])
                for section, section_hits in hits.items()}
    done: dict[str, list[Claim]] = {}
    feedback = ""
    for _ in range(settings.verify.repair_attempts + 1):
        pending = {section: evidence[section] for field, section in SECTIONS if not done.get(field)}
        drafted, title_warnings = draft_brief_llm(llm, subject, pending, by_chunk, feedback)
        warnings += title_warnings
        errors = []
        for field, section in SECTIONS:
            if section not in pending or not evidence[section]:
                continue
            verified, dropped = _verify_or_quote(drafted[field][:MAX_LLM_CLAIMS], index, subject, settings,
                                                 evidence[section])
            warnings.extend(f"{section}: {d}" for d in dropped)
            done[field] = _dedupe(verified)[:MAX_CLAIMS]
            if not done[field]:
                errors.append(f"{section}：" + ("；".join(dropped)[:300] or "没有给出任何有效结论"))
        if not errors:
            break
        feedback = "；".join(errors)
    for field, section in SECTIONS:
        if not done.get(field) and hits[section]:
            warnings.append(f"{section}: no LLM claim passed verification; extractive draft used")
            done[field] = extractive_section(hits[section], index, subject)
        elif done.get(field) and settings.llm.brief_fill:
            done[field] = _fill(done[field], extractive_section(hits[section], index, subject))
    return {field: done.get(field, []) for field, _ in SECTIONS}


def _fill(led: list[Claim], extractive: list[Claim]) -> list[Claim]:
    """The LLM's titled items first, then the section's other verified sentences up to MAX_CLAIMS:
    the model picks what leads, and nothing the sources say is lost to a short answer."""
    cited = {(c.doc_id, c.start) for claim in led for c in claim.citations}
    rest = [claim for claim in extractive if not any((c.doc_id, c.start) in cited for c in claim.citations)]
    return (led + rest)[:MAX_CLAIMS]


def _verify_or_quote(claims: list[Claim], index: Index, subject: str, settings: Settings,
                     evidence: list[Citation]) -> tuple[list[Claim], list[str]]:
    """Verify each LLM claim against its section's evidence sentences. One that cites no sentence of
    the section, or fails (a changed number, wording its sentence does not hold), is re-cited to the
    section sentence holding most of its wording; if the claim still fails, that sentence is quoted
    verbatim instead: no second LLM call."""
    allowed = {(c.doc_id, c.start) for c in evidence}
    kept: list[Claim] = []
    warnings: list[str] = []
    for claim in claims:
        if not all((c.doc_id, c.start) in allowed for c in claim.citations):
            claim = claim.model_copy(update={"citations": []})  # cited outside its section: re-cite
        verified, dropped = verify_claims([claim], index.store.document, subject, settings.verify.fuzzy_threshold,
                                          candidates=evidence, min_support=settings.verify.min_support)
        if not verified and (grounded := ground(claim, evidence, min_coverage=0.3)):
            regrounded, _ = verify_claims([grounded], index.store.document, subject, settings.verify.fuzzy_threshold,
                                          min_support=settings.verify.min_support)
            verified = regrounded or verify_claims([claim_from_citation(grounded.citations[0])],
                                                   index.store.document, subject)[0]
            dropped = [f"{d}; re-cited to 「{grounded.citations[0].quote[:20]}」" + ("" if regrounded else
                       " and quoted verbatim") for d in dropped]
        kept += verified
        warnings += dropped
    return kept, warnings


def _in_document_order(citations: list[Citation]) -> list[Citation]:
    return sorted(citations, key=lambda c: (c.doc_id, c.start))
