"""Render briefs and answers: Markdown with numbered citations and footnotes, JSON, 公文-style DOCX."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from briefgen.brief import SECTIONS
from briefgen.models import Brief, Citation, Document

DocLookup = Callable[[str], Document | None]
_NUMERALS = "一二三四五六七八九十"


def _source_note(citation: Citation, lookup: DocLookup) -> str:
    doc = lookup(citation.doc_id)
    if doc is None:
        return f"「{citation.quote}」"
    meta = "，".join(x for x in (doc.region.most_specific() or "", f"{doc.year}年" if doc.year else "") if x)
    return f"「{citation.quote}」——《{doc.title}》（{meta}）"


def to_markdown(brief: Brief, lookup: DocLookup) -> str:
    """Claims with numbered citations [n]; footnotes quote the passage with title, region and year."""
    lines = [f"# {brief.title}", ""]
    notes: list[str] = []
    for n, (field, label) in enumerate(SECTIONS):
        lines += [f"## {_NUMERALS[n]}、{label}", ""]
        claims = getattr(brief, field)
        if not claims:
            lines += [f"语料中没有关于{brief.subject}的{label}材料。", ""]
        for claim in claims:
            refs = []
            for citation in claim.citations:
                notes.append(_source_note(citation, lookup))
                refs.append(f"[^{len(notes)}]")
            lines.append(f"- {claim.text}{''.join(refs)}")
        lines.append("")
    if brief.warnings:
        lines += ["## 核查提示", ""] + [f"- {w}" for w in brief.warnings] + [""]
    lines += [f"[^{i}]: {note}" for i, note in enumerate(notes, start=1)]
    lines += ["", f"<!-- generator: {brief.generator.model}, {brief.generator.prompt_version}, "
              f"settings {brief.generator.settings_hash} -->"]
    return "\n".join(lines) + "\n"


def to_json(brief: Brief) -> str:
    return brief.model_dump_json(indent=2)


def to_docx(brief: Brief, lookup: DocLookup, path: Path) -> Path:
    """公文-style layout: 方正小标宋 title, 黑体 section headings, 仿宋 body, source notes at the end."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()

    def para(text: str, font: str, size: float, bold: bool = False, center: bool = False) -> None:
        paragraph = document.add_paragraph()
        run = paragraph.add_run(text)
        run.font.name, run.font.size, run.bold = font, Pt(size), bold
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)  # CJK font; Word falls back
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER

    para(brief.title, "方正小标宋简体", 22, center=True)
    notes: list[str] = []
    for n, (field, label) in enumerate(SECTIONS):
        para(f"{_NUMERALS[n]}、{label}", "黑体", 16)
        claims = getattr(brief, field) or []
        if not claims:
            para(f"语料中没有关于{brief.subject}的{label}材料。", "仿宋_GB2312", 16)
        for claim in claims:
            notes.extend(_source_note(c, lookup) for c in claim.citations)
            para(f"{claim.text}[{len(notes)}]", "仿宋_GB2312", 16)
    para("资料来源", "黑体", 14)
    for i, note in enumerate(notes, start=1):
        para(f"[{i}] {note}", "仿宋_GB2312", 12)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path
