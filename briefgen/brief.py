"""Briefs: per-section retrieval inside the subject's documents → draft → verify → repair → Brief."""

from __future__ import annotations

import logging
from collections import Counter

from pydantic import BaseModel

from briefgen.config import Settings
from briefgen.draft import claim_from_citation, draft_brief_llm, sentence_citations
from briefgen.errors import LLMError, UnknownSubjectError
from briefgen.figures import extract_figures
from briefgen.index import Index
from briefgen.llm import CachedJSON, chat_model, model_name
from briefgen.models import Brief, Citation, Claim, Document, Generator, Section
from briefgen.prompting import load_prompt
from briefgen.retrieve import Hit, Retriever, _near_duplicate
from briefgen.verify import document_about, verify_claims

log = logging.getLogger(__name__)
SECTIONS: tuple[tuple[str, Section], ...] = (("achievements", "成效"), ("problems", "问题"), ("recommendations", "建议"))
_QUERIES = {"成效": "取得的成效 成绩 进展 增长", "问题": "存在的问题 困难 不足", "建议": "政策建议 对策 措施"}
MAX_CLAIMS = 6


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


def make_brief(subject: str, index: Index, settings: Settings | None = None, llm: str | None = None,
               retriever: Retriever | None = None) -> Brief:
    """A verified brief about one subject; empty sections say so in the warnings."""
    settings = settings or index.settings
    documents = subject_documents(index, subject)
    if not documents:
        raise UnknownSubjectError(f"no documents about {subject!r}; see `briefgen subjects`")
    retriever = retriever or Retriever(index, settings)
    backend = llm or settings.llm.backend
    model = chat_model(settings, backend)
    warnings: list[str] = []
    hits = {section: _section_hits(retriever, index, subject, section, documents) for _, section in SECTIONS}
    sections = _draft(subject, hits, index, settings, model, warnings)
    for field, section in SECTIONS:
        if not sections[field]:
            warnings.append(f"{section}: 语料中没有关于{subject}的{section}材料")
    return Brief(subject=subject, title=f"关于{subject}扩权改革情况的简报", **sections,
                 sources=sorted({c.doc_id for claims in sections.values() for cl in claims for c in cl.citations}),
                 warnings=warnings, generator=Generator(model=model_name(model),
                 prompt_version=load_prompt("brief").version, settings_hash=settings.settings_hash()))


def _section_hits(retriever: Retriever, index: Index, subject: str, section: Section,
                  documents: list[Document]) -> list[Hit]:
    """The subject's chunks labelled with the section, best-matching first, then the rest in order."""
    ids = [d.doc_id for d in documents]
    ranked = [h for h in retriever.search(f"{subject}{_QUERIES[section]}", k=12, doc_ids=ids)
              if h.chunk.section == section]
    seen = {h.chunk.chunk_id for h in ranked}
    by_id = {d.doc_id: d for d in documents}
    rest = [Hit(chunk=c, document=by_id[c.doc_id], score=0.0) for d in documents
            for c in index.store.chunks(d.doc_id) if c.section == section and c.chunk_id not in seen]
    return sorted(ranked + rest, key=lambda h: (h.chunk.doc_id != ids[0], h.chunk.doc_id, h.chunk.n))


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
    """Source sentences, verified and deduplicated: the most informative sentence of every chunk
    first (most figures, then length), then the next best of each, up to MAX_CLAIMS."""
    per_chunk = [sorted((c for c in sentence_citations(hit) if len(c.quote) >= 15), key=_informative)
                 for hit in hits]
    ordered = [chunk[rank] for rank in range(MAX_CLAIMS) for chunk in per_chunk if rank < len(chunk)]
    claims, _ = verify_claims([claim_from_citation(c) for c in ordered], index.store.document, subject)
    return _dedupe(claims)[:MAX_CLAIMS]


def _informative(citation: Citation) -> tuple[int, int]:
    return (-len(extract_figures(citation.quote)), -min(len(citation.quote), 120))


def _dedupe(claims: list[Claim]) -> list[Claim]:
    kept: list[Claim] = []
    for claim in claims:
        if not any(_near_duplicate(claim.text, k.text, 0.6) for k in kept):
            kept.append(claim)
    return kept


def _llm_brief(subject: str, hits: dict[Section, list[Hit]], index: Index, settings: Settings,
               model: object, warnings: list[str]) -> dict[str, list[Claim]]:
    """Draft every section in one LLM call, verify, feed the errors of empty sections back for bounded
    repair; a section with evidence but no surviving claim gets the extractive draft."""
    llm = CachedJSON(model, settings.paths.llm_cache_dir)  # type: ignore[arg-type]
    evidence = {section: section_hits[:3] for section, section_hits in hits.items()}
    done: dict[str, list[Claim]] = {}
    feedback = ""
    for _ in range(settings.verify.repair_attempts + 1):
        drafted = draft_brief_llm(llm, subject, evidence, feedback)
        errors = []
        for field, section in SECTIONS:
            if done.get(field) or not evidence[section]:
                continue
            candidates = [c for hit in evidence[section] for c in sentence_citations(hit)]
            verified, dropped = verify_claims(drafted[field], index.store.document, subject,
                                              settings.verify.fuzzy_threshold, candidates=candidates)
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
    return {field: done.get(field, []) for field, _ in SECTIONS}
