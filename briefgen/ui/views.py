"""Pure view functions of the app: escaping, passages, answers, briefs, tables, safe file names.

Everything that came from a document or an LLM goes through `e` (HTML) or `escape_markdown`
(Markdown renderers) here, so a document holding `<script>` or `[x](javascript:…)` shows as text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from briefgen.brief import SECTIONS
from briefgen.index import Index
from briefgen.models import Answer, Brief, Citation, Document, IngestReport
from briefgen.verify import figure_supported, numbers_in

Lookup = Callable[[str], Document | None]
CONTEXT_CHARS = 200  # shown on each side of a cited span
DOC_HEADERS = ["doc_id", "标题", "地区", "年份", "类型", "重复于", "片段数"]
FIGURE_HEADERS = ["部分", "条", "数字", "核对", "出处原文"]
_NUMERALS = "一二三四五六七八九十"
# Markdown syntax that could build links, images, HTML, emphasis or LaTeX out of document text.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~$>-])")
_UNSAFE_NAME = re.compile(r"[^\w.\-]+")  # \w is Unicode: Chinese file names survive


def e(text: object) -> str:
    """HTML-escaped text (quotes too: safe inside attributes)."""
    return html.escape(str(text), quote=True)


def escape_markdown(text: str) -> str:
    """Text shown literally by a Markdown renderer: HTML escaped, link/image/emphasis syntax backslashed."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def safe_markdown(text: str) -> str:
    """Markdown we wrote (tables, headings) whose cells may quote documents: no HTML, no links."""
    return re.sub(r"([\[\]])", r"\\\1", html.escape(text, quote=False))


def region_text(document: Document) -> str:
    region = document.region
    return "/".join(x for x in (region.province, region.city, region.county, region.town) if x)


def doc_label(document: Document | None, doc_id: str) -> str:
    """《title》 region year, or the bare id of a deleted document."""
    if document is None:
        return doc_id
    year = f"{document.year}年" if document.year else ""
    return " ".join(x for x in (f"《{document.title}》", region_text(document), year) if x)


def passage_html(citation: Citation, document: Document | None, context: int = CONTEXT_CHARS) -> str:
    """The cited span highlighted with <mark> inside ±context characters, under title, region and year."""
    if document is None:
        return f"<p>文档 {e(citation.doc_id)} 已不在索引中。</p>"
    text, start, end = document.text, citation.start, citation.end
    lo, hi = max(0, start - context), min(len(text), end + context)
    body = ("…" if lo else "") + e(text[lo:start]) + f'<mark style="background:#ffe58f">{e(text[start:end])}</mark>'
    body += e(text[end:hi]) + ("…" if hi < len(text) else "")
    meta = " · ".join(x for x in (region_text(document), f"{document.year}年" if document.year else "", document.kind,
                                  f"字符 {start}–{end}", document.doc_id) if x)
    return (f'<div class="bg-passage"><h4>《{e(document.title)}》</h4><p style="color:#666">{e(meta)}</p>'
            f'<p style="line-height:1.8;white-space:pre-wrap">{body}</p></div>')


def answer_markdown(answer: Answer) -> str:
    """Answer text with numbered citation markers [n] after each claim, escaped for the chat renderer."""
    text = answer.answer
    if not answer.refused and answer.claims:
        parts, n = [], 0
        for claim in answer.claims:
            parts.append(claim.text + "".join(f"[{n + i}]" for i in range(1, len(claim.citations) + 1)))
            n += len(claim.citations)
        text = "".join(parts)
    return escape_markdown(text + "".join(f"\n\n⚠ {w}" for w in answer.warnings))


def citation_choices(citations: list[Citation], lookup: Lookup) -> list[tuple[str, str]]:
    """Radio choices "[n] 《title》 region year" → the citation's position in the answer."""
    return [(f"[{n}] {doc_label(lookup(c.doc_id), c.doc_id)}", str(n - 1)) for n, c in enumerate(citations, start=1)]


def brief_html(brief: Brief, lookup: Lookup) -> str:
    """The brief laid out as to_markdown does (sections, [n] markers, source notes), every value escaped."""
    out: list[str] = [f"<h2>{e(brief.title)}</h2>"]
    notes: list[Citation] = []
    for n, (name, label) in enumerate(SECTIONS):
        out.append(f"<h3>{_NUMERALS[n]}、{label}</h3>")
        claims = getattr(brief, name)
        if not claims:
            out.append(f"<p>语料中没有关于{e(brief.subject)}的{label}材料。</p>")
        items = []
        for claim in claims:
            first = len(notes) + 1
            notes.extend(claim.citations)
            items.append(f"<li>{e(claim.text)}{''.join(f'<sup>[{i}]</sup>' for i in range(first, len(notes) + 1))}</li>")
        out.append("<ol>" + "".join(items) + "</ol>" if items else "")
    if brief.warnings:
        out.append("<h3>核查提示</h3><ul>" + "".join(f"<li>{e(w)}</li>" for w in brief.warnings) + "</ul>")
    sources = "".join(f"<li>「{e(c.quote)}」——{e(doc_label(lookup(c.doc_id), c.doc_id))}</li>" for c in notes)
    return "\n".join(out) + f"\n<h3>资料来源</h3><ol>{sources}</ol>"


def figure_rows(brief: Brief) -> list[list[str]]:
    """Each number of each claim: ✓ with the cited quote that states it, or ✗ with the reason."""
    rows = []
    for name, label in SECTIONS:
        for i, claim in enumerate(getattr(brief, name), start=1):
            spans = [c.quote for c in claim.citations]
            for figure in claim.figures or numbers_in(claim.text):
                source = next((s for s in spans if figure_supported(figure, [s])), None)
                ok = claim.status == "verified" and source is not None
                rows.append([label, str(i), figure.value, "✓" if ok else "✗", source or claim.reason or "引文中没有这个数字"])
    return rows


def document_rows(index: Index) -> list[list[Any]]:
    """One row per document: id, title, region, year, kind, duplicate_of, chunk count."""
    counts: dict[str, int] = {}
    for chunk in index.store.chunks():
        counts[chunk.doc_id] = counts.get(chunk.doc_id, 0) + 1
    return [[d.doc_id, d.title, region_text(d), d.year or "", d.kind, d.duplicate_of or "", counts.get(d.doc_id, 0)]
            for d in index.store.documents()]


def ingest_summary(report: IngestReport) -> str:
    lines = [f"新增 {len(report.added)} 篇文档（{report.chunks_added} 个片段），替换 {len(report.replaced)}，"
             f"未变 {len(report.unchanged)}，重复 {len(report.duplicates)}。"]
    lines += [f"- 错误：{escape_markdown(err.path)}：{escape_markdown(err.reason)}" for err in report.errors]
    return "\n".join(lines)


def safe_filename(name: str, limit: int = 120) -> str:
    """Basename only, safe characters only, no leading dots: '../../etc/passwd' → 'passwd'."""
    base = _UNSAFE_NAME.sub("_", re.split(r"[\\/]", name)[-1]).strip("._ ") or "upload"
    suffix = Path(base).suffix[:10]
    return base if len(base) <= limit else base[: limit - len(suffix)] + suffix
