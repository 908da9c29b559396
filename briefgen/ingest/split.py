"""Split a file's raw text into documents.

A scraped dump concatenates many documents: each starts with a title line (often repeated, or
repeated as the start of the first paragraph), a few appear twice, and a web footer ends it. A
plain report is one document. Positions refer to the raw text so `Source` can point back to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HEADING = re.compile(r"^\s*([一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.．、]\D|第[一二三四五六七八九十]+[章节条部分])")
_SENTENCE_END = re.compile(r"[。！？；.!?;：:，,]\s*$")
_SECTION_WORDS = re.compile(
    r"^(工作)?(成效|问题|建议|主要做法|基本情况|指导思想|基本原则|发展目标|保障措施|存在的?问题|政策建议|对策建议|"
    r"下一步工作(打算|安排)|摘要|关键词|参考文献|附件|结语|引言|前言)[:：]?$"
)
_FOOTER = re.compile(r"^\s*(相关文档|最新文档|相关推荐|猜你喜欢|热门文档|下载本文|免费下载|上一篇|下一篇|本文链接|版权声明)")
_TITLE_MAX = 80
_BODY_MIN = 150


@dataclass(frozen=True)
class Paragraph:
    """A non-empty line of the raw text with its offsets."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class RawDocument:
    """One document of a file: its title and raw character range."""

    title: str
    start: int
    end: int


def paragraphs(raw: str) -> list[Paragraph]:
    """Non-empty lines with their offsets in raw."""
    found = []
    for match in re.finditer(r"[^\n]+", raw):
        if match.group(0).strip():
            found.append(Paragraph(match.start(), match.end(), match.group(0).strip()))
    return found


def title_key(text: str) -> str:
    """A title reduced for comparison: no file suffix, brackets, spaces or punctuation
    (《凤阳县…汇报》 == 凤阳县…汇报, 从_市管县_ == 从 市管县)."""
    text = re.sub(r"\.(docx?|pdf|txt)$", "", text.strip(), flags=re.IGNORECASE)
    return re.sub(r"[\W_]+", "", text)


def _is_title_candidate(text: str) -> bool:
    return (len(text) <= _TITLE_MAX and not _HEADING.match(text) and not _SENTENCE_END.search(text)
            and not _SECTION_WORDS.match(title_key(text)) and not _FOOTER.match(text)
            and len(title_key(text)) >= 4)


def _repeats(title: str, following: list[Paragraph]) -> bool:
    """The title is repeated in the next lines or opens the next paragraph (a dump's signature)."""
    key = title_key(title)
    for para in following[:3]:
        head = title_key(para.text[: len(title) + 12])
        if key and (head.startswith(key) or key in head[: len(key) + 8] or title_key(para.text) == key):
            return True
    return False


def _starts_document(index: int, paras: list[Paragraph]) -> bool:
    para = paras[index]
    if not _is_title_candidate(para.text):
        return False
    following = paras[index + 1 : index + 4]
    if not following:
        return False
    if _repeats(para.text, following):
        return True
    nxt = following[0]
    return len(nxt.text) >= _BODY_MIN and not _HEADING.match(nxt.text)


def split_documents(raw: str) -> list[RawDocument]:
    """Documents in a file's raw text; a file with no second title is one document."""
    paras = paragraphs(raw)
    paras = _drop_footer(paras)
    if not paras:
        return []
    starts = [0] + [i for i in range(1, len(paras)) if _starts_document(i, paras) and not _same_block(i, paras)]
    documents = []
    for n, first in enumerate(starts):
        last = (starts[n + 1] if n + 1 < len(starts) else len(paras)) - 1
        documents.append(RawDocument(_clean_title(paras[first].text), paras[first].start, paras[last].end))
    return [doc for doc in documents if _has_body(doc, raw)]


def _same_block(index: int, paras: list[Paragraph]) -> bool:
    """A title seen in the last few lines (repeats around 政府参阅[2011]6号 and the like) is not a new document."""
    key = title_key(paras[index].text)
    return key in {title_key(p.text) for p in paras[max(0, index - 4) : index]}


def _drop_footer(paras: list[Paragraph]) -> list[Paragraph]:
    """Cut at the web footer (相关文档, 最新文档 ...) when it comes in the last part of the file."""
    for n, para in enumerate(paras):
        if _FOOTER.match(para.text) and len(para.text) <= 20 and n >= len(paras) * 0.5:
            return paras[:n]
    return paras


def _has_body(doc: RawDocument, raw: str) -> bool:
    body = raw[doc.start : doc.end]
    return len(title_key(body)) > len(title_key(doc.title)) * 2 + 20


def _clean_title(title: str) -> str:
    title = re.sub(r"\.(docx?|pdf|txt)$", "", title.strip(), flags=re.I)
    title = title.strip("《》 \t")
    return re.sub(r"_+", " ", title).strip()
