"""公文-aware chunking: heading levels, sentence ends, sections; spans always verbatim.

Every chunk satisfies `document.text[chunk.start:chunk.end] == chunk.text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefgen.config import ChunkSettings
from briefgen.models import Chunk, Document, Section

# Heading levels of Chinese official documents: 一、 (1) （一） (2) 1. (3) （1） (4); 一是 as level 3.
_LEVELS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(r"^[一二三四五六七八九十]{1,3}[、.．]")),
    (2, re.compile(r"^（[一二三四五六七八九十]{1,3}）")),
    (3, re.compile(r"^\d{1,2}[.．、](?!\d)")),
    (4, re.compile(r"^（\d{1,2}）")),
)
_SENTENCE = re.compile(r"[^。！？；\n]*(?:[。！？；]+[”’」』）]?|\n|$)")
_STRONG_SECTION: tuple[tuple[Section, re.Pattern[str]], ...] = (
    ("建议", re.compile(r"建议|对策|下一步|打算")),
    ("问题", re.compile(r"问题|困难|不足|弊端|之弊|缺陷")),
    ("成效", re.compile(r"成效|成绩|成果|开展情况|取得|进展|之利")),
)


@dataclass
class _Heading:
    level: int
    text: str


def heading_level(line: str) -> int:
    """The 公文 heading level of a line, 0 for body text."""
    for level, pattern in _LEVELS:
        if pattern.match(line):
            return level
    return 0


def heading_text(line: str) -> str:
    """The heading part of a heading line: up to its first 。 (（一）行政审批更快捷。部分… → （一）行政审批更快捷)."""
    head = re.split(r"[。：:！？；]", line, maxsplit=1)[0]
    return head[:40]


def classify_section(heading_path: list[str]) -> Section:
    """成效/问题/建议 from the headings: a top-level heading word decides; deeper headings refine 背景."""
    for heading in heading_path:
        for section, pattern in _STRONG_SECTION:
            if pattern.search(heading):
                return section
    return "背景"


def heading_sections(heading_path: str) -> set[Section]:
    """Every section a heading path's words name (历史成效与现实弊端 names 成效 and 问题)."""
    return {section for section, pattern in _STRONG_SECTION if pattern.search(heading_path)}


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside text[start:end], split after 。！？； and at line ends."""
    spans = []
    for match in _SENTENCE.finditer(text, start, end):
        if match.end() > match.start() and text[match.start() : match.end()].strip():
            spans.append((match.start(), match.end()))
    return spans


@dataclass
class _Block:
    """Consecutive lines under one heading path."""

    start: int
    end: int
    path: list[str]


def _blocks(text: str) -> list[_Block]:
    """Split the document at headings of level 1–2 (and 3 when long); each block keeps its heading path."""
    stack: list[_Heading] = []
    blocks: list[_Block] = []
    for match in re.finditer(r"[^\n]+", text):
        line = match.group(0)
        level = heading_level(line)
        if level:
            stack = [h for h in stack if h.level < level] + [_Heading(level, heading_text(line))]
        path = [h.text for h in stack]
        if blocks and not (level and level <= 3) and blocks[-1].path == path:
            blocks[-1].end = match.end()
        else:
            blocks.append(_Block(match.start(), match.end(), path))
    return blocks


def chunk_document(document: Document, settings: ChunkSettings | None = None) -> list[Chunk]:
    """Chunks of a document: sentences packed up to max_chars inside heading blocks, with overlap."""
    settings = settings or ChunkSettings()
    text = document.text
    spans: list[tuple[int, int, list[str], Section]] = []
    lead: Section = "背景"
    blocks = _merge_small(_blocks(text), settings.min_chars)
    if settings.pack_items:
        blocks = _pack_items(blocks, settings.max_chars)
    for block in blocks:
        section = classify_section(block.path)
        if section == "背景" and block.path:
            section = lead  # 一、二、 under "……主要表现在三方面：" or "提出以下建议："
        spans.extend((s, e, block.path, section) for s, e in _pack(sentences(text, block.start, block.end), settings))
        lead = _lead_in(text[block.start : block.end]) or (lead if section == lead else "背景")
    return [
        Chunk(chunk_id=f"{document.doc_id}:{n}", doc_id=document.doc_id, n=n, start=s, end=e, text=text[s:e],
              heading_path=" > ".join(path), section=section)
        for n, (s, e, path, section) in enumerate(spans)
    ]


def _lead_in(block: str) -> Section | None:
    """The section announced by a block's closing lead-in paragraph (…存在着一些问题…主要表现在三方面：
    / …提出以下建议：); 建议 is checked first, as such a paragraph often names the problems too."""
    last = block.rstrip().rsplit("\n", 1)[-1]
    if not last.endswith(("：", ":")):
        return None
    for section, pattern in _STRONG_SECTION:
        if pattern.search(last):
            return section
    return None


def _merge_small(blocks: list[_Block], min_chars: int) -> list[_Block]:
    """A block shorter than min_chars (a bare heading line) joins the next block under the same
    top-level heading, keeping the deeper path. A whole top-level section that short (二、实施范围 …临溪镇。) joins
    the next top-level section of its kind (三、发展目标): alone it is a chunk that holds little but the
    place's name, which then outranks the sections that answer questions naming the place."""
    merged: list[_Block] = []
    pending: _Block | None = None
    for block in blocks:
        if pending is not None and pending.path[:1] != block.path[:1] and pending.path[:1] and (
                len(pending.path) > 1 or classify_section(pending.path) != classify_section(block.path)):
            merged.append(pending)  # never carry text across a top-level heading into another kind (成效 → 问题)
        elif pending is not None:
            block = _Block(pending.start, block.end, _joined_path(pending.path, block.path))
        pending = None
        if block.end - block.start < min_chars:
            pending = block
            continue
        merged.append(block)
    if pending is not None:
        if merged and merged[-1].path[:1] == pending.path[:1]:
            merged[-1].end = pending.end
        else:
            merged.append(pending)
    return merged


def _pack_items(blocks: list[_Block], max_chars: int) -> list[_Block]:
    """Consecutive short items under one heading (（一）…（二）… of 二、存在的问题; 1. 2. 3. of 二、基本原则)
    share a chunk while together they fit in max_chars: a question about the items gets several of them
    per retrieved passage, and each still cites its own sentences. The chunk's path names every item."""
    packed: list[_Block] = []
    for block in blocks:
        last = packed[-1] if packed else None
        if (last is not None and _siblings(last.path, block.path) and block.end - last.start <= max_chars
                and classify_section(last.path) == classify_section(block.path)):
            packed[-1] = _Block(last.start, block.end, _joined_path(last.path, block.path))
            continue
        packed.append(block)
    return packed


def _siblings(a: list[str], b: list[str]) -> bool:
    """Two items under one heading (二、存在的问题 > （一）… and > （二）…)."""
    return len(a) >= 2 and len(a) == len(b) and a[:-1] == b[:-1]


def _joined_path(a: list[str], b: list[str]) -> list[str]:
    """The heading path of two consecutive blocks made one: siblings are both named (（一）人员不足；（二）能力不足),
    otherwise the deeper path stands (a bare 二、存在的问题 joining its first item)."""
    if _siblings(a, b):
        return [*a[:-1], f"{a[-1]}；{b[-1]}"]
    return b if len(b) >= len(a) else a


def _pack(spans: list[tuple[int, int]], settings: ChunkSettings) -> list[tuple[int, int]]:
    """Greedy packing of sentence spans into chunks of at most max_chars; the next chunk repeats the
    last `overlap_sentences` sentences so a claim that straddles a boundary is still whole somewhere."""
    chunks: list[tuple[int, int]] = []
    i = 0
    while i < len(spans):
        j = i + 1
        while j < len(spans) and spans[j][1] - spans[i][0] <= settings.max_chars:
            j += 1
        chunks.append((spans[i][0], spans[j - 1][1]))
        if j >= len(spans):
            break
        i = max(i + 1, j - settings.overlap_sentences)
    return chunks
