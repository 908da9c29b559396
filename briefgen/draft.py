"""Drafting: evidence → claims, by an LLM (LangChain chat model, JSON output) or extractively.

Every drafted claim carries citations with quotes; `verify.py` decides what survives.
"""

from __future__ import annotations

import logging
import math
import re
from typing import Any

from briefgen.chunk import sentences
from briefgen.ingest.split import title_key
from briefgen.llm import CachedJSON
from briefgen.models import Citation, Claim, Section
from briefgen.prompting import load_prompt
from briefgen.retrieve import Hit
from briefgen.tokenize import tokenize

log = logging.getLogger(__name__)
_STOP = set("的 了 是 在 和 与 及 等 有 哪些 什么 怎么 怎样 如何 多少 为什么 是否 吗 呢 各 其 这 那 一 后 以后 以 对 为 中 上 下 个 几".split())
_WHICH = re.compile(r"(?:哪几个|哪几|哪些|哪个|什么)([\u4e00-\u9fff]{1,2}?)(?=[是，,？?的在]|$)")
_HEADING_ONLY = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）|\d+[.．、])[^。；]{0,30}$")


def content_tokens(text: str) -> set[str]:
    """Query words worth matching: jieba tokens of two or more characters, minus function words."""
    return {t for t in tokenize(text) if len(t) >= 2 and t not in _STOP}


def evidence_block(hits: list[Hit], start: int = 1) -> str:
    """Numbered evidence for a prompt: the passage first, its source after, so that a small model
    quotes the passage and not the title line."""
    lines = []
    for n, hit in enumerate(hits, start=start):
        doc = hit.document
        meta = "，".join(x for x in (doc.title, doc.region.most_specific() or "", str(doc.year or "")) if x)
        lines.append(f"[E{n}] 正文：{hit.chunk.text}\n（来源：{meta}）")
    return "\n\n".join(lines)


def sentence_citations(hit: Hit) -> list[Citation]:
    """Each sentence of a hit's chunk as a citation (document coordinates)."""
    chunk = hit.chunk
    text = hit.document.text
    found = []
    for start, end in sentences(text, chunk.start, chunk.end):
        quote = text[start:end].strip()
        if len(quote) >= 6 and not _HEADING_ONLY.match(quote):
            offset = text.index(quote, start)
            found.append(Citation(doc_id=chunk.doc_id, chunk_id=chunk.chunk_id, start=offset,
                                  end=offset + len(quote), quote=quote))
    return found


def rank_sentences(query: str, hits: list[Hit], limit: int) -> list[tuple[float, Citation]]:
    """Sentences of the hits scored by query-word overlap, weighted by the hit's rank. A word found in
    most candidate sentences (扩权, 试点 in a corpus about 扩权试点) weighs little: idf over candidates."""
    words = content_tokens(query)
    candidates = [(rank, hit, c) for rank, hit in enumerate(hits) for c in sentence_citations(hit)
                  if title_key(c.quote) != title_key(hit.document.title)]
    weight = {w: math.log(1 + len(candidates) / (1 + sum(w in c.quote for _, _, c in candidates))) for w in words}
    asked = _answer_type(query)
    scored = []
    for rank, hit, citation in candidates:
        # A place the question names counts as present in every sentence of a document about it
        # (reports say 我县, not their own name, in the body).
        context = citation.quote + (hit.document.region.most_specific() or "")
        overlap = sum(len(w) * weight[w] for w in words if w in context)
        if asked:
            overlap += 0.5 * min(citation.quote.count(asked), 4)
        if overlap:
            scored.append((overlap / (1 + 0.15 * rank), citation))
    scored.sort(key=lambda pair: -pair[0])
    return scored[:limit]


def _answer_type(query: str) -> str | None:
    """The noun a which-question asks for: 哪几个镇 → 镇, 哪些产业 → 产业."""
    match = _WHICH.search(query)
    return match.group(1) if match else None


def claim_from_citation(citation: Citation, comparison: bool = False) -> Claim:
    """An extractive claim: the cited sentence itself (so it is verbatim by construction)."""
    text = re.sub(r"^([一二三四五六七八九十]+是|（[一二三四五六七八九十\d]+）|[一二三四五六七八九十]+、)", "", citation.quote)
    return Claim(text=text.strip(), citations=[citation], comparison=comparison)


def claims_from_llm(payload: dict[str, Any], hits: list[Hit]) -> list[Claim]:
    """Map the model's {"claims": [{text, evidence: "E2", quote}]} onto citations of the hit documents."""
    claims = []
    for item in payload.get("claims") or []:
        if not isinstance(item, dict) or not str(item.get("text", "")).strip():
            continue
        hit = _evidence_hit(str(item.get("evidence", "")), hits)
        quote = str(item.get("quote") or "").strip()
        citations = [] if hit is None else [Citation(doc_id=hit.chunk.doc_id, chunk_id=hit.chunk.chunk_id,
                                                      start=hit.chunk.start, end=hit.chunk.start, quote=quote)]
        claims.append(Claim(text=str(item["text"]).strip(), citations=citations))
    return claims


def _evidence_hit(label: str, hits: list[Hit]) -> Hit | None:
    match = re.search(r"\d+", label)
    if not match or not 1 <= int(match.group(0)) <= len(hits):
        return None
    return hits[int(match.group(0)) - 1]


def draft_answer_llm(llm: CachedJSON, question: str, hits: list[Hit]) -> tuple[str, list[Claim], bool]:
    """(answer text, claims, refused) from the answer prompt."""
    prompt = load_prompt("answer")
    system, user = prompt.render(question=question, evidence=evidence_block(hits))
    payload = llm(system, user)
    return str(payload.get("answer") or ""), claims_from_llm(payload, hits), bool(payload.get("refused"))


def draft_brief_llm(llm: CachedJSON, subject: str, evidence: dict[Section, list[Hit]],
                    feedback: str = "") -> dict[str, list[Claim]]:
    """Claims for every brief section in one call (one prompt costs ~1 min on 2 cores: three would
    triple it). `evidence` maps 成效/问题/建议 to their hits, numbered E1… across sections;
    `feedback` lists verifier errors to repair."""
    numbered = [hit for hits in evidence.values() for hit in hits]
    blocks, n = [], 0
    for section, hits in evidence.items():
        blocks.append(f"【{section}】的证据：\n" + (evidence_block(hits, start=n + 1) if hits else "（无）"))
        n += len(hits)
    system, user = load_prompt("brief").render(subject=subject, evidence="\n\n".join(blocks))
    if feedback:
        user += f"\n\n上一稿未通过核查：{feedback}\n请只依据证据重写，quote 必须逐字复制证据正文，数字必须与原句一致。"
    payload = llm(system, user)
    return {field: claims_from_llm({"claims": payload.get(field)}, numbered) for field in _FIELDS}


_FIELDS = ("achievements", "problems", "recommendations")
