"""Drafting: evidence → claims, by an LLM (LangChain chat model, JSON output) or extractively.

Every drafted claim carries citations with quotes; `verify.py` decides what survives.
"""

from __future__ import annotations

import logging
import math
import re

from briefgen.chunk import sentences
from briefgen.figures import extract_figures
from briefgen.ingest.split import title_key
from briefgen.llm import CachedJSON
from briefgen.models import Citation, Claim, Section
from briefgen.prompting import load_prompt
from briefgen.retrieve import Hit, official_terms, sentence_terms
from briefgen.tokenize import tokenize
from briefgen.verify import figure_supported, support

log = logging.getLogger(__name__)
# The brief's fields and the section labels their evidence carries, in the brief's order.
SECTIONS: tuple[tuple[str, Section], ...] = (("achievements", "成效"), ("problems", "问题"), ("recommendations", "建议"))
# The fewest candidate sentences idf counts over (see _overlap_scores): a question's source of one short passage
# (王立新's bio) would otherwise weigh every word as common and answer nothing.
IDF_SENTENCES = 10
_STOP = set("的 了 是 在 和 与 及 等 有 哪些 什么 怎么 怎样 如何 多少 为什么 是否 吗 呢 各 其 这 那 一 后 以后 以 对 为 中 上 下 个 几".split())
_WHICH = re.compile(r"(?:哪几个|哪几|哪些|哪个|什么)([\u4e00-\u9fff]{1,2}?)(?=[是，,？?的在]|$)")
_HEADING_ONLY = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）|\d+[.．、])[^。；]{0,30}$")
# A paper's front matter (received date, grant, author bio, classification codes) is no evidence for what a question
# asks of the paper: it names places and reforms (河南省省直管县…试点…课题) without saying anything about them. An
# author's bio is evidence of who the author is (see author_bios).
_FRONT_MATTER = re.compile(r"\s*(收稿日期|基金项目|作者简介|中图分类号|文献标识码|文章编号|DOI)\s*[:：]?", re.IGNORECASE)
_BIO_LABEL = re.compile(r"\s*作者简介\s*[:：]?\s*")
# What opens the first line of a document after its title: spaces, the Ξ of a footnote mark, 摘要： (see _after_lead);
# not a date, which answers when the document was dated
_LEAD_LABEL = re.compile(r"\s+|Ξ|(?:摘要|内容提要)[：:]")
# A paper's keywords before its body on one line (关键词 层级结构 权力关系 … 2002年以来，…; 标签:强县扩权;…;条件 城乡…)
_KEYWORDS = re.compile(r"(?:关键词|关键字|标签)[：:]?(?:\s*[^\s，,。：:;；]{1,12}(?:[;；]|(?=\s)))+")
_LEAD_SEGMENT = re.compile(r"《[^》]{4,40}》|[^\sΞ，,。；;：:《]+")
_BYLINE = re.compile(r"[\u4e00-\u9fff]{2,4}(?=\s)")  # 周天勇 in 从市管县到省管县的体制变迁 周天勇 近年来，…
TITLE_LEAD_MIN = 6  # letters of a title's repeat (or of its tail: 某县开展扩权强县试点工作总结) that open a line
# A journal's masthead (第27卷第1期2011年1月…学报 JOURNAL OF … 楚明锟1 崔会敏2 …（河南大学…) 摘要:): the venue, the
# issue and the authors' affiliations, and nothing of what the paper says.
_MASTHEAD = re.compile(r"\s*(?:第\s*\d+\s*卷\s*)?第\s*\d+\s*期\s*(?:19|20)\d{2}\s*年|\s*(?:19|20)\d{2}\s*年\s*第\s*\d+\s*期")


def is_masthead(sentence: str) -> bool:
    """Whether a sentence is a journal's masthead: evidence of where a paper appeared and of its authors' workplace,
    not of what it says."""
    return bool(_MASTHEAD.match(sentence))


def content_tokens(text: str) -> set[str]:
    """Query words worth matching: jieba tokens of two or more characters, minus function words."""
    return {t for t in tokenize(text) if len(t) >= 2 and t not in _STOP}


def numbered_evidence(groups: list[tuple[Hit, list[Citation]]], start: int = 1) -> tuple[str, dict[int, Citation]]:
    """Evidence for a prompt: each passage's source line, then its sentences numbered [S1] [S2] …
    across groups. The model cites sentence numbers instead of copying quotes: output tokens are the
    slow part on a CPU (~9/s), and a number maps back to an exact span by construction."""
    blocks, numbered, n = [], {}, start
    for hit, citations in groups:
        doc = hit.document
        meta = "，".join(x for x in (doc.region.most_specific() or "", str(doc.year or "")) if x)
        lines = [f"《{doc.title}》" + (f"（{meta}）" if meta else "")]
        for citation in citations:
            numbered[n] = citation
            lines.append(f"[S{n}] {citation.quote}")
            n += 1
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks), numbered


def _span_citation(hit: Hit, start: int, end: int) -> Citation:
    """The citation of document.text[start:end] without its surrounding whitespace."""
    text = hit.document.text
    quote = text[start:end].strip()
    offset = text.index(quote, start)
    return Citation(doc_id=hit.chunk.doc_id, chunk_id=hit.chunk.chunk_id, start=offset, end=offset + len(quote),
                    quote=quote)


def sentence_citations(hit: Hit) -> list[Citation]:
    """Each sentence of a hit's chunk as a citation (document coordinates)."""
    text = hit.document.text
    found = []
    for start, end in sentences(text, hit.chunk.start, hit.chunk.end):
        quote = text[start:end].strip()
        if len(quote) >= 6 and not _HEADING_ONLY.match(quote) and not _FRONT_MATTER.match(quote):
            found.append(_span_citation(hit, start, end))
    return found


def author_bios(hit: Hit) -> list[Citation]:
    """The hit's author bios that open with their label (作者简介:楚明锟(1956-),男,…教授), cited without it: front
    matter, no evidence of what the paper says, but of who its author is."""
    text = hit.document.text
    return [_span_citation(hit, label.end(), end) for start, end in sentences(text, hit.chunk.start, hit.chunk.end)
            if (label := _BIO_LABEL.match(text, start, end)) and text[label.end() : end].strip()]


def received_dates(hit: Hit) -> list[Citation]:
    """The hit's received-date lines (收稿日期：2010-12-18 基金项目：…), with their label: front matter, no evidence of
    what the paper says, but of when the journal received it and, on the same line, what funded it."""
    text = hit.document.text
    return [_span_citation(hit, start, end) for start, end in sentences(text, hit.chunk.start, hit.chunk.end)
            if (label := _FRONT_MATTER.match(text, start, end)) and label.group(1) in ("收稿日期", "基金项目")]


def prose_sentences(text: str) -> list[str]:
    """A whole document's sentences without its masthead and front matter (收稿日期, 基金项目, 作者简介 …)."""
    quotes = (text[start:end].strip() for start, end in sentences(text, 0, len(text)))
    return [quote for quote in quotes if quote and not is_masthead(quote) and not _FRONT_MATTER.match(quote)]


def body_sentences(hit: Hit) -> list[Citation]:
    """The hit's sentences without the document's title line (a prompt's source line already names it;
    as evidence it says nothing), and a sentence that opens its first line with the title (扩权强区改革实施方案
    为进一步完善…) from where its body starts."""
    title = title_key(hit.document.title)
    return [_after_lead(hit, c) for c in sentence_citations(hit) if title_key(c.quote) != title]


def _after_lead(hit: Hit, citation: Citation) -> Citation:
    """The citation from after the lead its line opens with: the document's title, once or repeated (关于推进…实施方案
    关于推进…实施方案), or the part of it a body repeats (某县开展扩权强县试点工作总结), and what follows it there: the
    author (周天勇), 摘要： or 内容提要, but not a date (2009-08-05 为进一步…: it tells when the document was dated);
    and a paper's keywords before its body (关键词 层级结构 … 2002年以来，…). The title's words matched every question
    naming the document, and so a plan's preamble or a paper's abstract came first for any question about it."""
    text, title = hit.document.text, title_key(hit.document.title)
    pos = citation.start
    while True:
        if label := _LEAD_LABEL.match(text, pos, citation.end) or _KEYWORDS.match(text, pos, citation.end):
            pos = label.end()
            continue
        segment = _LEAD_SEGMENT.match(text, pos, citation.end)
        if segment and len(segment.group(0)) >= TITLE_LEAD_MIN and (word := title_key(segment.group(0))) \
                and title.endswith(word):
            pos = segment.end()
        elif pos > citation.start and (byline := _BYLINE.match(text, pos, citation.end)):
            pos = byline.end()
        else:
            break
    if pos == citation.start or citation.end - pos < 6:
        return citation
    return _span_citation(hit, pos, citation.end)


def rank_sentences(query: str, hits: list[Hit], limit: int) -> list[tuple[float, Citation]]:
    """Sentences of the hits scored by query-word overlap, weighted by the hit's rank. A word found in
    most candidate sentences (扩权, 试点 in a corpus about 扩权试点) weighs little: idf over candidates.
    When none of the question's words is in any sentence (权放下来怎么接得住), the official words for its
    everyday ones that only pick sentences (承接, 下放) are tried before giving up."""
    # in one order: a float sum over a set's order ties differently by process; with the official words for
    # everyday ones (第一个 → 最先: 最先实施…的是浙江省), as BM25 searches them
    words = sorted(content_tokens(query) | set(official_terms(query)))
    scored = _overlap_scores(query, words, hits)
    if not scored and (extra := set(sentence_terms(query)) - set(words)):
        scored = _overlap_scores(query, sorted({*words, *extra}), hits)
    return scored[:limit]


def _overlap_scores(query: str, words: list[str], hits: list[Hit]) -> list[tuple[float, Citation]]:
    candidates = [(rank, hit, c) for rank, hit in enumerate(hits) for c in body_sentences(hit)]
    # (at least IDF_SENTENCES candidates: the one passage of a short source is no sign that its words are common)
    total = max(len(candidates), IDF_SENTENCES)
    weight = {w: math.log(1 + total / (1 + sum(w in c.quote for _, _, c in candidates))) for w in words}
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
    return scored


def _answer_type(query: str) -> str | None:
    """The noun a which-question asks for: 哪几个镇 → 镇, 哪些产业 → 产业."""
    match = _WHICH.search(query)
    return match.group(1) if match else None


def claim_from_citation(citation: Citation, comparison: bool = False) -> Claim:
    """An extractive claim: the cited sentence itself (so it is verbatim by construction)."""
    text = re.sub(r"^([一二三四五六七八九十]+是|（[一二三四五六七八九十\d]+）|[一二三四五六七八九十]+、)", "", citation.quote)
    return Claim(text=text.strip(), citations=[citation], comparison=comparison)


def claims_from_llm(items: object, numbered: dict[int, Citation]) -> list[Claim]:
    """Map the model's [{"text": …, "s": ["S2", "S5"]}] onto the numbered sentences. A claim whose
    numbers name no sentence keeps no citation (the verifier drops it or re-cites it)."""
    claims = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict) or not str(item.get("text", "")).strip():
            continue
        citations = [numbered[i] for i in dict.fromkeys(_sentence_ids(item.get("s") or item.get("evidence"))) if i in numbered]
        claims.append(Claim(text=str(item["text"]).strip(), citations=citations))
    return claims


def _sentence_ids(value: object) -> list[int]:
    """The sentence numbers in a model's citation field: "S3", ["S2", "S5"], 3 …"""
    return [int(m) for m in re.findall(r"\d+", str(value or ""))]


def draft_answer_llm(llm: CachedJSON, question: str, hits: list[Hit], limit: int = 0) -> tuple[list[Claim], bool]:
    """(claims, refused) from the answer prompt over the hits' sentences (`answer_evidence`)."""
    evidence, numbered = numbered_evidence(answer_evidence(question, hits, limit))
    system, user = load_prompt("answer").render(question=question, evidence=evidence)
    payload = llm(system, user)
    return claims_from_llm(payload.get("claims"), numbered), bool(payload.get("refused"))


def answer_evidence(question: str, hits: list[Hit], limit: int = 0) -> list[tuple[Hit, list[Citation]]]:
    """The sentences an answer prompt shows, grouped by hit (hits in rank order, sentences in passage order).
    With a limit, at most `limit`: the best by `rank_sentences`, then the top hits' others in order. Prompt
    tokens cost ~22 ms each on a 2-core CPU, and five packed passages hold ~25 sentences."""
    every = [(hit, body_sentences(hit)) for hit in hits]
    if not limit:
        return every
    chosen = {(c.doc_id, c.start) for _, c in rank_sentences(question, hits, limit)}
    for _, citations in every:
        for citation in citations:
            if len(chosen) >= limit:
                break
            chosen.add((citation.doc_id, citation.start))
    groups: list[tuple[Hit, list[Citation]]] = []
    shown: set[tuple[str, int]] = set()
    for hit, citations in every:
        picked = [c for c in citations if (c.doc_id, c.start) in chosen and (c.doc_id, c.start) not in shown]
        shown.update((c.doc_id, c.start) for c in picked)
        if picked:
            groups.append((hit, picked))
    return groups


def draft_brief_llm(llm: CachedJSON, subject: str, evidence: dict[Section, list[Citation]],
                    hits: dict[str, Hit], feedback: str = "") -> tuple[dict[str, list[Claim]], list[str]]:
    """Claims for every brief section in one call (one prompt costs ~1 min on 2 cores: three would
    triple it). `evidence` maps 成效/问题/建议 to chosen sentences (`hits`: chunk id → its hit),
    numbered S1… across sections; `feedback` lists verifier errors to repair. Returns the claims of
    each field and the warnings about dropped titles."""
    blocks: list[str] = []
    numbered: dict[int, Citation] = {}
    pools: dict[str, list[Citation]] = {}
    for field, section in SECTIONS:
        citations = evidence.get(section, [])
        groups = [(hits[chunk_id], [c for c in citations if c.chunk_id == chunk_id])
                  for chunk_id in dict.fromkeys(c.chunk_id for c in citations if c.chunk_id)]
        block, ids = numbered_evidence(groups, start=len(numbered) + 1)
        numbered.update(ids)
        pools[field] = list(ids.values())
        if citations:
            blocks.append(f"【{section}】\n" + block)
    system, user = load_prompt("brief").render(subject=subject, evidence="\n\n".join(blocks))
    if feedback:
        user += f"\n\n上一稿未通过核查：{feedback}\n请重新选择：句子编号必须是该部分证据中的编号。"
    payload = llm(system, user)
    drafted = {field: headline_claims(payload.get(field), numbered, pools[field]) for field, _ in SECTIONS}
    return {field: claims for field, (claims, _) in drafted.items()}, [w for _, ws in drafted.values() for w in ws]


def headline_claims(items: object, numbered: dict[int, Citation],
                    pool: list[Citation]) -> tuple[list[Claim], list[str]]:
    """Brief items from [{"s": "S3", "title": "审批时间缩短"}]: the model picks and titles the sentence,
    the sentence itself is the claim's body (verbatim; writing it out would cost a minute of output
    tokens on a CPU). A title its sentence does not support moves to the sentence of `pool` (the
    section's) that supports it, or is dropped, with a warning."""
    claims: list[Claim] = []
    warnings: list[str] = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        citation = next((numbered[i] for i in _sentence_ids(item.get("s")) if i in numbered), None)
        if citation is None:
            continue
        title = re.sub(r"[。；，：:、\s]+$", "", str(item.get("title") or item.get("text") or "").strip())
        problem = _title_problem(title, citation.quote)
        if title and problem:  # a small model often gives the neighbouring sentence's number
            best = max(pool or [citation], key=lambda c: support(title, [c.quote]))
            if not _title_problem(title, best.quote):
                citation, problem = best, None
        body = claim_from_citation(citation)
        if title and problem:
            warnings.append(f"dropped title 「{title[:20]}」: {problem}")
        claims.append(body.model_copy(update={"text": f"{title}：{body.text}"}) if title and not problem else body)
    return claims, warnings


def _title_problem(title: str, sentence: str) -> str | None:
    """Why a brief item's title cannot stand above its sentence, or None when it can."""
    wrong = [f.value for f in extract_figures(title) if not figure_supported(f, [sentence])]
    if wrong:
        return f"numbers not in the sentence: {', '.join(wrong)}"
    if len(title) > 20:
        return "longer than 20 characters"
    if support(title, [sentence]) < 0.5:
        return "its words are not in the sentence"
    return None

