"""Hybrid retrieval: dense (Chroma) + BM25 over jieba tokens, fused by a weighted sum of normalised
scores (or by reciprocal rank fusion).

A region named in the query is detected and preferred; near-duplicate chunks never fill the
top-k twice; MMR is optional. Weights and k come from `RetrievalSettings`.
"""

from __future__ import annotations

import logging
import math
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np

from briefgen.chunk import heading_sections
from briefgen.config import RetrievalSettings, Settings
from briefgen.hanzi import simplified_question
from briefgen.index import Index, chunk_id_of, unit_id
from briefgen.models import Chunk, Document, Section
from briefgen.normalize import char_bigrams, written_years
from briefgen.regions import find_mentions, short_names, sounds_like
from briefgen.tokenize import PERSON_NAME, people_in, tokenize

log = logging.getLogger(__name__)

# Sentences fetched per wanted chunk when the index holds sentence vectors (a chunk has ~4 sentences,
# and the best ones of a relevant chunk cluster): enough for n distinct chunks in practice.
UNIT_FANOUT = 5
# Characters at the head of a document searched for a source a question names (author, issuing body).
MASTHEAD_CHARS = 200
# Characters of a title a question must repeat (punctuation aside) to name that document: 扩权强区改革实施方案 (10)
# does, 扩权强县 (4, in every other title) and 实施方案 do not.
NAMED_TITLE_CHARS = 6
NAMED_TITLE_SHARE = 0.6
# A source described by what it is about (讲城乡一体化条件的那篇) shares at least this run with its title.
TOPIC_RUN = 4
# A title in 《》 names the document whose title shares a run of this share of its letters.
QUOTED_TITLE_SHARE = 0.8
# (start, end, words, documents or None) of a source a question names (Retriever._source_mentions).
SourceMention = tuple[int, int, str, list[str] | None]


@dataclass
class Hit:
    """A retrieved chunk with its fused score and the best dense similarity seen."""

    chunk: Chunk
    document: Document
    score: float
    dense: float = 0.0
    ranks: dict[str, int] = field(default_factory=dict)


class LexicalIndex:
    """bm25s over the stored jieba tokens; rebuilt only when the store's content changes."""

    def __init__(self, index: Index) -> None:
        import bm25s

        logging.getLogger("bm25s").setLevel(logging.WARNING)  # bm25s sets DEBUG on import
        self.version = index.store.version()
        self.ids, corpus = index.store.chunk_tokens()
        self.retriever = bm25s.BM25()
        self.vocab: dict[str, int] = {}
        if self.ids:
            self.retriever.index(bm25s.tokenization.Tokenized(ids=self._ids(corpus, grow=True), vocab=self.vocab),
                                 show_progress=False)

    def _ids(self, docs: list[list[str]], grow: bool) -> list[list[int]]:
        out = []
        for tokens in docs:
            row = []
            for token in tokens:
                if token not in self.vocab and grow:
                    self.vocab[token] = len(self.vocab)
                if token in self.vocab:
                    row.append(self.vocab[token])
            out.append(row)
        return out

    def search(self, query: str, n: int, colloquial: bool = False) -> list[tuple[str, float]]:
        """The n best chunks by BM25; with `colloquial`, the official words for the query's everyday ones too."""
        words = [t for t in tokenize(query) if t not in _REQUEST_WORDS] + (official_terms(query) if colloquial else [])
        tokens = self._ids([words], grow=False)[0]
        if not self.ids or not tokens:
            return []
        scores = self.retriever.get_scores(tokens)
        top = np.argsort(-scores)[: min(n, len(self.ids))]
        return [(self.ids[i], float(scores[i])) for i in top if scores[i] > 0]


# Words of the request around a question (请把材料里的说法汇总一下, 我要写个总结, 各文章怎么分析的): they say what to
# do with the answer, not what it is about; in BM25 they matched the few passages that happen to hold them (材料, 报告
# and 文章 are each in one chunk). Pooled recall@5 over 36 sets 0.9490 → 0.9505, MRR 0.9246 → 0.9255.
_REQUEST_WORDS = frozenset("材料 文章 报告 论文 请 帮 说 说法 讲 写 我 我们 想 要 准备 看 一下 提到 总结 综合 归纳 概括 "
                           "梳理 汇总 分析 研究 认为".split())


# Everyday words in questions and the official words 公文 use for them (人手 → 人员/编制). Only words whose official
# counterparts are specific: 毛病 → 问题 or 好处 → 成效 would add a word of every 问题/成效 section (the section
# boost already reads them), and lowered MRR where tried.
_COLLOQUIAL: dict[str, tuple[str, ...]] = {
    # (人跟不上, 人不够, 缺人 were added in session 35: a read question's recall@5 0.33 → 0.67, the one other unchanged)
    "人手": ("人员", "编制"), "人少": ("人员", "编制"), "人跟不上": ("人员", "编制"), "人不够": ("人员", "编制"),
    "缺人": ("人员", "编制"), "放权": ("下放",), "钱": ("资金", "经费"),
    "跑项目": ("项目", "申报"), "办事": ("办理", "审批"), "老百姓": ("群众",), "挂帅": ("组长",),
    "城里": ("城市", "城镇"), "乡下": ("农村",), "第一个": ("最先", "率先", "最早", "首先"),
    "头一批": ("首批",), "第一批": ("首批",), "头一个": ("最先", "率先", "最早", "首先"), "最早": ("最先", "率先"),
    "跨度": ("幅度",), "实权": ("实质",), "管的面": ("幅度",), "管得过来": ("幅度",), "管不过来": ("幅度",),
    "职责": ("职能",), "管什么": ("职能",), "管啥": ("职能",), "划清": ("明晰", "界定"), "分清": ("明晰", "界定"),
    "理清": ("明晰", "界定"), "说不清": ("明晰", "界定"),
    # money against duties (事多钱少, 不匹配: the papers' 财力与事权不对称) and a system's origin (来历, 怎么兴起的: 始于20世纪
    # 80年代); over the 155 read questions they touch recall@5 0.9140 → 0.9215, MRR 0.9158 → 0.9199, 30 fewer keywords missed
    "钱和事": ("财力", "事权"), "钱跟事": ("财力", "事权"), "事多钱少": ("财力", "事权"), "钱少事多": ("财力", "事权"),
    "钱袋子": ("财力", "财政"), "不匹配": ("不对称",),
    "来历": ("始于",), "怎么来的": ("始于",), "由来": ("始于",), "起源": ("始于",), "缘起": ("始于",), "兴起": ("始于",),
    "时候开始": ("始于",), "何时开始": ("始于",), "起于何时": ("始于",),
    # power against duty (权责对等, 权和责怎么挂钩: a plan's 责权利相一致): over the 119 read questions they touch recall@5
    # 0.9328 → 0.9440, MRR 0.9650 → 0.9804, 16 fewer keywords missed
    "权责": ("责权",), "权和责": ("权责", "责权"), "权与责": ("权责", "责权"), "权跟责": ("权责", "责权"),
    "权力和责任": ("权责", "责权"), "权力与责任": ("权责", "责权"),
    # money short (钱不够用, 紧不紧: a report's 资金投入…存在较大的缺口): over 33 read questions recall@5 0.859 → 0.879
    "钱不够": ("缺口",), "不够用": ("缺口",), "不够花": ("缺口",), "不够使": ("缺口",), "紧不紧": ("缺口",),
    # powers handed down in name only (放权不到位, 放得不实: a report's 扩权不够充分, 扩权深度不够): over the 84 read
    # questions they touch recall@5 0.893 → 0.944, MRR 0.880 → 0.947, none losing a passage; …held in the middle tier
    # (卡在中间一层下不来: 杜绝层级“漏斗效应”): over the 26 read questions they touch 0.859 → 0.878, MRR 0.781 → 0.814
    "不到位": ("不够",), "不彻底": ("不够",), "放不实": ("不够",), "放得不实": ("不够",), "没放下来": ("不够",),
    "没放到位": ("不够",), "下不来": ("不够",), "放不下去": ("不够",), "落不了地": ("不够",), "没落地": ("不够",),
    "中间一层": ("层级",), "中间那层": ("层级",), "中间层": ("层级",), "夹在中间": ("层级",),
}
# …and those that pick the answering sentence out of the retrieved passages but are too common in the corpus
# (支出, 会议, 下放) to search by: as BM25 terms they moved other questions' passages (pooled recall@5 −0.0003).
_SENTENCE_WORDS: dict[str, tuple[str, ...]] = {
    "出差": ("差旅",), "开会": ("会议",), "开销": ("支出", "费用"), "开支": ("支出",), "接得住": ("承接",), "接住": ("承接",),
    "放下来": ("下放",), "放下去": ("下放",), "钱": ("财力",), "紧张": ("压力", "缺口"),
    "gdp": ("国内生产总值",),  # typed in Latin letters, either case (2010年gdp到多少了)
}


def official_terms(query: str) -> list[str]:
    """The official words for the everyday words in a query (我们镇人手不够 → 人员, 编制)."""
    return [term for word, terms in _COLLOQUIAL.items() if word in query for term in terms]


def sentence_terms(query: str) -> list[str]:
    """The official words that name the answering sentence, not the passage (出差的开销 → 差旅, 支出, 费用)."""
    query = query.lower()
    return [term for word, terms in _SENTENCE_WORDS.items() if word in query for term in terms]


TITLE_UNIT = unit_id("", 0)  # "@0": the record id's end for a document's first sentence, its title line


class ExactVectors:
    """Every vector of a small collection in memory, for exact cosine search: no approximate misses in the
    candidate tail (which sets the floor of convex fusion), and the same ranking in every process."""

    def __init__(self, index: Index) -> None:
        got = index.collection.get(include=["embeddings"])
        self.chunk_ids = [chunk_id_of(record_id) for record_id in got["ids"]]
        self.title_rows = np.asarray([record_id.endswith(TITLE_UNIT) for record_id in got["ids"]], dtype=bool)
        matrix = np.asarray(got["embeddings"], dtype=np.float32).reshape(len(self.chunk_ids), -1)
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        self.matrix = matrix / np.where(norms > 0, norms, 1.0)

    def search(self, vector: list[float], n: int, keep: Callable[[str], bool],
               titles: bool = True) -> list[tuple[str, float]]:
        """The n best chunks that `keep` accepts, each scored by its best vector (cosine similarity); without
        `titles`, not by a document's title line."""
        if not self.chunk_ids:
            return []
        query = np.asarray(vector, dtype=np.float32)
        # einsum, not BLAS: a multithreaded BLAS call leaves its threads spinning on these 2 cores and the next
        # query embedding (ONNX Runtime's own threads) took twice as long at 10× (103 against 45 ms)
        scores = np.einsum("ij,j->i", self.matrix, query / (np.linalg.norm(query) or 1.0))
        if not titles:
            scores = np.where(self.title_rows, -1.0, scores)
        best: dict[str, float] = {}
        seen: set[str] = set()  # a chunk's first row is its best: later rows (and `keep`) need no second look
        for row in np.argsort(-scores, kind="stable"):
            chunk_id = self.chunk_ids[row]
            if chunk_id in seen:
                continue
            seen.add(chunk_id)
            if keep(chunk_id):
                best[chunk_id] = float(scores[row])
                if len(best) == n:
                    break
        return list(best.items())


class Retriever:
    """Query → fused, filtered, de-duplicated hits."""

    def __init__(self, index: Index, settings: Settings | None = None) -> None:
        self.index = index
        self.settings: RetrievalSettings = (settings or index.settings).retrieval
        self._lexical: LexicalIndex | None = None
        self._docs: dict[str, Document] = {}
        self._chunks: dict[str, Chunk] = {}
        self._version = ""
        self._lock = threading.RLock()
        self._title_idf: tuple[str, dict[str, float]] | None = None
        self._query_vectors: dict[str, list[float]] = {}
        self._vector_total = 0
        self._exact: ExactVectors | None = None
        self._bigrams: dict[str, set[str]] = {}
        self._short_names: dict[str, str] = {}
        self._in_region: dict[str, set[str]] = {}  # place name → the documents about it (see _region_names)
        self._place_names: set[str] = set()
        self._places_ending: dict[str, list[str]] = {}  # a level letter (镇) → the corpus's places whose name ends in it
        self._title_runs: dict[str, set[str]] = {}
        self._topic_runs: dict[str, set[str]] = {}
        self._unjoined: dict[str, str] = {}  # a short title of two items said without its 和 (市管县省管县) → the title
        self._mastheads: dict[str, str] = {}
        self._all_mastheads = ""
        self._people: dict[str, list[str]] = {}  # the authors and issuers mastheads name → their documents
        self._issue_numbers: dict[tuple[str, int], list[str]] = {}  # (year, number) of a masthead's 文号 → documents

    def _refresh(self) -> None:
        version = self.index.store.version()
        if version != self._version:
            self._lexical = LexicalIndex(self.index)
            self._docs = {d.doc_id: d for d in self.index.store.documents(include_duplicates=False)}
            self._chunks = {c.chunk_id: c for c in self.index.store.chunks()}
            self._vector_total = self.index.vector_count()  # written before the chunks turn ready
            exact = 0 < self._vector_total <= self.settings.exact_max
            self._exact = ExactVectors(self.index) if exact else None
            self._bigrams = {}
            self._in_region = {}
            for doc_id, doc in self._docs.items():
                for name in _region_names(doc):
                    self._in_region.setdefault(name, set()).add(doc_id)
            self._short_names = short_names(self._docs.values())
            self._place_names = set(self._short_names.values())
            self._places_ending = {}
            for name in sorted(self._place_names):
                self._places_ending.setdefault(name[-1], []).append(name)
            self._title_runs = title_runs(self._docs)
            self._topic_runs = title_runs(self._docs, TOPIC_RUN)
            self._unjoined = {title.replace("和", ""): title for doc in self._docs.values()
                              if _PAIR_TITLE.fullmatch(title := _letters(doc.title))}
            self._mastheads = {doc_id: masthead(doc) for doc_id, doc in self._docs.items()}
            self._all_mastheads = "\n".join(self._mastheads.values())  # one look for the many words that name nothing
            self._people, self._issue_numbers = {}, {}
            for doc_id, head in self._mastheads.items():
                for name in dict.fromkeys(people_in(head)):
                    self._people.setdefault(name, []).append(doc_id)
                for number in dict.fromkeys((m.group(1), int(m.group(2))) for m in _ISSUE_NUMBER.finditer(head)):
                    self._issue_numbers.setdefault(number, []).append(doc_id)
            self._version = version

    def search(self, query: str, k: int | None = None, region: str | None = None,
               doc_ids: list[str] | None = None) -> list[Hit]:
        """Top-k hits; `region` (a place name) restricts to that region's documents when any match;
        without it, a region named in the query is preferred (boosted), not required. Thread-safe:
        one Retriever (and its BM25 index, rebuilt only when the store changes) serves every session."""
        with self._lock:
            self._query_vectors = {}  # one embedding per text within this search
            query = self.as_read(query)[0]
            if region is None and doc_ids is None and len(parts := numbered_parts(query)) > 1:
                # 1）…；2）…；3）…: each part names its own source, place and words; the whole question's ranking
                # comes first, so that a part's passages do not push down the passage that answers them all
                lead = query[: query.index(parts[0])]
                return self._interleave([self._search(query, k, None, None)]
                                        + [self._search_part(lead, part, k) for part in parts], k or self.settings.k)
            return self._search(query, k, region, doc_ids)

    def as_read(self, query: str) -> tuple[str, list[str]]:
        """The query as the documents write it, and a note for each reading (the answer's warnings): traditional
        characters in simplified ones (擴權強縣), a year typed in Chinese numerals or two digits as four digits
        (一九年那份总结 → 2019年), a place typed by its sound as the corpus's (林溪镇 → 临溪镇), and a document's whole title
        said without 《》 put in them."""
        plain, converted = simplified_question(query)
        dated, years = written_years(plain)
        asked, fixes = self.correct_places(dated)
        notes = ["问题按简体字理解"] * converted + [f"“{typed}”按“{year}”理解" for typed, year in years] \
            + [f"“{typed}”按语料中的“{name}”理解" for typed, name in fixes]
        return self.quote_titles(asked), notes

    def correct_places(self, query: str) -> tuple[str, list[tuple[str, str]]]:
        """The query with a place the corpus is about written as its documents write it where it was typed by sound
        (林溪镇 → 临溪镇, 蒲厂镇 → 蒲场镇), and the (typed, corrected) pairs; a place the corpus names is left alone."""
        with self._lock:
            self._refresh()
            names, ending = self._place_names, self._places_ending
        # only where a level letter ends a name (…镇, …县): the corpus's names of that level and length there
        fixes = [(typed, name) for end, char in enumerate(query, 1) for name in ending.get(char, ())
                 if end >= len(name) and (typed := query[end - len(name) : end]) not in names and sounds_like(typed, name)]
        fixes = list(dict.fromkeys(fixes))
        for typed, name in fixes:
            query = query.replace(typed, name)
        return query, fixes

    def quote_titles(self, query: str) -> str:
        """The query with a document's whole title put in 《》 where it names the document without them (那篇比较市管县
        与省管县的文章 → 那篇比较《市管县与省管县》的文章): whatever joins its words, a title said as a document's is its
        name, and the 与 inside it joins no two sides of a comparison. Not a title said as a phrase (市管县和省管县各有
        什么利弊 asks of both systems, not of that paper)."""
        with self._lock:
            self._refresh()
            asked = _letters(query)
            n = NAMED_TITLE_CHARS - 1
            near = {doc_id for i in range(len(asked) - n + 1) for doc_id in self._title_runs.get(asked[i : i + n], ())}
            titles = {_letters(self._docs[doc_id].title) for doc_id in near}
        for title in sorted((t for t in titles if len(t) >= NAMED_TITLE_CHARS and t in asked), key=len, reverse=True):
            quoted = [m.span() for m in _QUOTED_TITLE.finditer(query)]
            for match in _title_pattern(title).finditer(query):
                inside = any(a <= match.start() and match.end() <= b for a, b in quoted)
                if not inside and (_AS_DOCUMENT_AFTER.match(query, match.end())
                                   or _AS_DOCUMENT_BEFORE.search(query[: match.start()])):
                    query = f"{query[: match.start()]}《{match.group(0)}》{query[match.end() :]}"
                    break
        return query

    def _search_part(self, lead: str, part: str, k: int | None) -> list[Hit]:
        """A numbered part searched with the question's lead, which may hold what is asked of every part (请综合以下
        三份材料对财力与事权不相匹配问题的表述：1）武胜县试点调研报告；2）…) when the part holds only its source; the
        sources are the part's own (the lead's 综合 would read a part naming one source as asking across documents)."""
        if sources := self._source_documents(part, self.regions_in(part)):
            return self._search_sources(lead + part, sources, k or self.settings.k, None)
        return self._search(lead + part, k, None, None)

    def _search(self, query: str, k: int | None, region: str | None, doc_ids: list[str] | None,
                dense: list[tuple[str, float]] | None = None) -> list[Hit]:
        self._refresh()
        k = k or self.settings.k
        allowed = self._allowed(region, doc_ids)
        if allowed is not None and not allowed:
            return []
        regions = self.regions_in(query) if region is None else []
        # A short name (武胜) does not split a comparison: its sides, searched in the documents naming them, fare
        # better; nor does a place no document is about (海南 in 浙江和海南的省管县: other documents tell of it).
        written = self._own_places([name for name in regions if name in query])
        if len(written) > 1 and doc_ids is None:
            # places and sources named side by side (王振涛的提案、浙江那个案例、武胜县的调研): each one searched
            if region is None and (sources := self._source_documents(query, regions)) and len(sources) > len(written):
                return self._search_sources(query, sources, k, dense)
            return self._compare(query, self._own_places(regions), k)  # …and a short name besides (凤阳、临溪镇、蒲场镇)
        if region is None and doc_ids is None and self.settings.split_comparisons and (sides := self._sides(query)) \
                and len(self._source_documents(query, regions, rest=False)) <= len(sides):
            # (more sources named than sides, 凤阳县的汇报、2018年某镇的汇报和2019年某县的总结: each source is searched)
            # One query embedding for the whole question (the dense side already sees both sides); BM25
            # and the boosts run per side, where the two sides' own words decide.
            dense = dense if dense is not None else self._dense(query, self.settings.candidates, None)
            # a source named before what is compared, unless a side is another source (楚明锟的论文和另一篇…): a side
            # whose documents hold the source's is a topic of it (《市管县和省管县》那篇里市管县的好处和弊病)
            if (framing := self._framing_source(query, sides)) and all(
                    documents is None or set(framing) <= set(documents) for _, documents in sides):
                return self._search_sources(query, [framing], k, dense)
            return self._interleave([self._search_side(side, documents, k, dense) for side, documents in sides], k)
        if region is None and doc_ids is None and (sources := self._source_documents(query, regions)):
            return self._search_sources(query, sources, k, dense)
        if len(placed := self._own_places(regions)) > 1 and doc_ids is None:
            return self._compare(query, placed, k, others=True)  # places named, not worded as the sides of a comparison
        fused = self._fuse(query, allowed, dense)
        self._boost_region(fused, regions)
        # not the one document it may describe; 汇总/归纳 of no named place asks across documents too
        synthesis = wants_several_documents(query) or (not regions and asks_summary(query))
        if not synthesis:
            self._boost_metadata(fused, query)
        ranked = self._by_section(sorted(fused.values(), key=lambda h: -h.score), query)
        if synthesis:
            ranked = _spread_documents(ranked, self.settings.spread_decay)
        elif ranked and (rest := described_rest(query)):
            ranked = self._within_described(ranked, rest)
        elif not regions and region is None and doc_ids is None and sources_agree(ranked, self.settings.spread_ratio):
            ranked = _spread_documents(ranked, self.settings.spread_decay)
        return self._diversify(ranked, k)

    def _search_sources(self, query: str, sources: list[list[str]], k: int,
                        dense: list[tuple[str, float]] | None) -> list[Hit]:
        """A question answered from the sources it names: from the one, or, when it names several (扩权强区那份方案、
        临溪镇的方案), from each in turn, by one query embedding and BM25 of the question without the place names and
        the words naming the sources: those match only the opening lines that repeat them (over sixty-two sets recall@5
        0.9554 → 0.9567 against embedding the question with the source words; for one named source too, over eighty
        sets MRR 0.9265 → 0.9306)."""
        unplaced = _without(query, self._place_words(query))
        asked = _DATED_SOURCE.sub("", self._without_sources(_ISSUE_NUMBER.sub("", _QUOTED_TITLE.sub("", unplaced))))
        asked = _without(asked, [name for name in self._people if name in asked])  # 王振涛他们都咋说
        asked = asked if len(asked) >= 4 else query
        if len(sources) == 1:
            return self._search(asked, k, None, sources[0], dense)
        dense = dense if dense is not None else self._dense(asked, self.settings.candidates, None)
        return self._interleave([self._search(asked, k, None, docs, dense) for docs in sources], k)

    def _within_described(self, ranked: list[Hit], rest: str) -> list[Hit]:
        """A question that opens by describing a document (2009-08-05印发的…实施方案，实施范围是哪个镇): the
        description found the document (ranked first); its passages are ordered by the rest of the question,
        which the description's words (matching the document's title and date lines) would drown. BM25 orders
        them: a second query embedding would double these questions' latency for the same ranking here."""
        doc_id = ranked[0].chunk.doc_id
        inner = sorted(self._fuse(rest, {doc_id}, dense=[]).values(), key=lambda h: -h.score)  # BM25 alone
        order = {h.chunk.chunk_id: n for n, h in enumerate(inner)}
        first = sorted((h for h in ranked if h.chunk.doc_id == doc_id),
                       key=lambda h: order.get(h.chunk.chunk_id, len(order)))
        return first + [h for h in ranked if h.chunk.doc_id != doc_id]

    def _compare(self, query: str, regions: list[str], k: int, others: bool = False) -> list[Hit]:
        """A question naming several places: retrieve for each place and interleave, so that every
        place gets evidence (a comparison answered from one county is no comparison). Each place is searched
        within its documents for the question without the place names (embedded once for all places): there
        the names only pull up the passages that repeat them (二、实施范围 …试点镇临溪镇), not the ones asked for.
        With `others`, the documents of none of the places give a list too: a question that names places without
        comparing them (把武胜和云南那个县的情况放一起说说) may be answered from elsewhere as well."""
        asked = _without(query, self._place_words(query))
        uncounted = _COUNTED_KIND.sub("", asked)
        asked = uncounted if len(uncounted) >= 4 else asked
        per_region = [self._search(asked, k, r, None) or self._search(query.replace(r, ""), k, None, None)
                      for r in regions]
        if others:
            placed = set().union(*(self._allowed(r, None) or set() for r in regions))
            if rest := sorted(set(self._docs) - placed):
                per_region.append(self._search(asked, k, None, rest))
        return self._interleave(per_region, k)

    def _place_words(self, query: str) -> list[str]:
        """The words of the query that name places, as written (绥阳县, 蒲场镇, 武胜), longest first."""
        return sorted({written for _, written, _ in self._mentions(query)}, key=len, reverse=True)

    def _own_places(self, names: list[str]) -> list[str]:
        """The places, once each, that documents of their own are about: a place no document is about (海南 in
        浙江和海南的省管县) is told of in other documents, and a parent of a named place (四川 of 武胜县) adds
        none of its own."""
        kept: list[str] = []
        taken: set[str] = set()
        for name in names:
            documents = self._allowed(name, None) or set()
            if documents and not documents & taken:
                kept.append(name)
                taken |= documents
        return kept

    def regions_in(self, query: str) -> list[str]:
        """Place names in a question, full names: those written in full (武胜县, 浙江), and the short names of
        the places the corpus's documents are about (武胜 → 武胜县, 凤阳 → 凤阳县, 临溪 → 临溪镇): users drop the 县.
        Only the corpus's own places get short names; the national gazetteer's would match common words."""
        with self._lock:
            self._refresh()
            return list(dict.fromkeys(full for _, _, full in sorted(self._mentions(query))))

    def _mentions(self, query: str) -> list[tuple[int, str, str]]:
        """(start, name as written, full name) of each place the question names: the gazetteer's mentions, then
        the corpus's short names where no mention stands."""
        found = [(m.start, m.name, m.name) for m in find_mentions(query)]
        taken = [(start, start + len(name)) for start, name, _ in found]
        for name, full in self._short_names.items():
            start = query.find(name)  # a plain look, not a pattern per name: at 100× they overflow re's cache
            while start >= 0:
                end = start + len(name)
                if not any(a < end and start < b for a, b in taken):
                    found.append((start, name, full))
                    taken.append((start, end))
                start = query.find(name, end)
        return found

    def _interleave(self, rankings: list[list[Hit]], k: int) -> list[Hit]:
        merged: list[Hit] = []
        for rank in range(k):
            merged.extend(hits[rank] for hits in rankings if rank < len(hits))
        return self._diversify(merged, k)

    def _named_documents(self, subject: str) -> list[str] | None:
        """The documents whose masthead (title, byline, issuer) names `subject` (楚明锟, 郊区政协), when
        some but not all do: a question (or comparison side) that names its source is answered from it."""
        if len(subject) < 2 or subject not in self._all_mastheads:
            return None
        named = [d for d, head in self._mastheads.items() if subject in head]
        return named if 0 < len(named) < len(self._docs) else None

    def _sides(self, query: str) -> list[tuple[str, list[str] | None]]:
        """The sides of a comparison, each with the documents its subject picks (None: any). Worded only
        分别/各是 (A和B分别是怎么说的), it is one when both subjects name their sources (武胜县的调研, 王振涛的提案);
        otherwise it is a question about two attributes of one subject (临溪镇的面积和人口分别是多少), not split."""
        sides = [(side, self._side_documents(side_subject(side))) for side in comparison_sides(query)]
        strong = bool(_STRONG_COMPARISON.search(query))
        if strong and any(documents is None for _, documents in sides):
            # in a comparison split anyway (a question worded 分别 whose subjects both name sources is searched source
            # by source, see _search_sources), a side naming its source otherwise reads it too
            # (one document: 扩权强县 of 扩权强县案例材料 is in four titles)
            mentions = [(words, named) for _, _, words, named in self._source_mentions(query) if named and len(named) == 1]
            sides = [(side, documents if documents is not None else self._side_source(side_subject(side), mentions))
                     for side, documents in sides]
        if len(sides) > 1:
            # the sides are different sources: a side of several documents (2011年的调研) is none that another side
            # names alone (政协委员那份基层反映, dated 2011 too)
            alone = {documents[0] for _, documents in sides if documents and len(documents) == 1}
            sides = [(side, [d for d in documents if d not in alone] or documents
                      if documents and len(documents) > 1 else documents) for side, documents in sides]
        if not sides or strong or all(documents for _, documents in sides):
            return sides
        return []

    def _search_side(self, side: str, documents: list[str] | None, k: int,
                     dense: list[tuple[str, float]]) -> list[Hit]:
        """One side of a comparison. When its subject picks its documents (武胜县的调研, 王振涛的提案), the
        words that describe them (the subject, 调研, 提案) leave the lexical query: inside those documents
        they match only the opening lines that repeat them."""
        if documents is None:
            return self._search(side, k, None, None, dense)
        rest = _KIND_WORDS.sub("", _POINTER.sub("", side).removeprefix(side_subject(side)))
        # …nor do the words of their titles (临溪镇的扩权强镇方案: 扩权强镇 of 关于推进扩权强镇试点工作的实施方案)
        rest = self._without_title_words(rest, documents)
        return self._search(rest if len(rest) >= 4 else side, k, None, documents, dense)

    def _without_title_words(self, text: str, documents: list[str]) -> str:
        """The text without each run of TITLE_WORD or more letters that a title of the documents holds."""
        titles = "\n".join(self._docs[d].title for d in documents if d in self._docs)
        for size in range(len(text), TITLE_WORD - 1, -1):
            for start in range(len(text) - size + 1):
                run = text[start : start + size]  # (shorter near the end once a run is dropped: skipped)
                if len(run) == size and re.fullmatch(r"[\u4e00-\u9fff]+", run) and run in titles:
                    text = text.replace(run, " ")
        return text

    def _side_source(self, subject: str, mentions: list[tuple[str, list[str]]]) -> list[str] | None:
        """The documents of a comparison side whose subject names no masthead: its place's full name (临溪镇的方案,
        whose title does not name it), the level it is of (区里那份扩权方案: 扩权强区…, when a few titles say it), or the
        words the question names a source by (城乡一体化条件那篇论文)."""
        if subject in self._place_names:
            return sorted(self._allowed(subject, None) or ()) or None
        return self._of_level(subject) or next((named for words, named in mentions if words in subject), None)

    def _of_level(self, subject: str) -> list[str] | None:
        """The documents of a source said by the level of government it is of (区里那份扩权方案, 区一级扩权改革方案):
        those of that level's reform (扩权强区…), when a few titles say it."""
        if not (level := _LEVEL_SOURCE.match(subject)):
            return None
        of_level = [d for d, doc in self._docs.items() if f"强{level.group(1)}" in doc.title]
        return of_level if 0 < len(of_level) <= self._few() else None

    def _side_documents(self, subject: str) -> list[str] | None:
        """The documents a comparison side is about: named in their masthead (楚明锟), or described by a year
        and a kind of document (2018年汇报, 2009年的方案) when the year's documents are a few of all."""
        named = self._named_documents(subject)
        if named is None and (place := self._short_names.get(subject)):
            # a place the corpus is about, by its short name (凤阳和临溪…各自: 临溪 is 临溪镇, whose plan's title
            # does not name it)
            named = sorted(self._allowed(place, None) or ()) or None
        if named is not None or not (years := set(_YEAR.findall(subject))):
            return named
        dated = [d for d in self._docs if self._of_year(d, years)]
        kinds = [kind for kind in _KINDS.findall(subject) if any(kind in self._docs[d].title for d in dated)]
        dated = [d for d in dated if all(kind in self._docs[d].title for kind in kinds)]
        # a series is printed in the masthead, not the title (2011年那份政府参阅件: 政府参阅[2011]6号)
        series = [word for word in _SERIES.findall(subject) if any(word in self._mastheads[d] for d in dated)]
        dated = [d for d in dated if all(word in self._mastheads[d] for word in series)]
        return dated if 0 < len(dated) < len(self._docs) else None

    def sources_named(self, query: str) -> set[str]:
        """The documents of every source a question names (see _source_documents), together: an answer about a place
        named beside other sources (浙江那个案例、2019年某县的总结…各咋说) may come from those sources too."""
        with self._lock:
            self._refresh()
            return {doc_id for docs in self._source_documents(query, self.regions_in(query), rest=False) for doc_id in docs}

    def named_document(self, query: str) -> str | None:
        """The document a question names by most of its title (扩权强区改革实施方案是哪一天印发的), when that run
        is clearly longer than any other title's; punctuation and quotes do not count."""
        if wants_several_documents(query):  # 孙学玉的案例分析和《市管县和省管县》对比一下: no one source
            return None
        asked = _letters(query)
        with self._lock:
            self._refresh()
            # only titles sharing a run one shorter than the shortest that names: the rest can neither name nor tie
            n = NAMED_TITLE_CHARS - 1
            near = {doc_id for i in range(len(asked) - n + 1) for doc_id in self._title_runs.get(asked[i : i + n], ())}
            titles = {doc_id: _letters(self._docs[doc_id].title) for doc_id in near}
        runs = sorted(((_common_run(asked, title), doc_id) for doc_id, title in titles.items()), reverse=True)
        if not runs or runs[0][0] < NAMED_TITLE_CHARS or (len(runs) > 1 and runs[1][0] >= runs[0][0] - 1):
            return None
        run, doc_id = runs[0]
        # most of the title, not a phrase it shares with the question (省直管县的体制 of …的体制转型分析)
        return doc_id if run >= NAMED_TITLE_SHARE * len(titles[doc_id]) else None

    def _source_documents(self, query: str, regions: list[str], rest: bool = True) -> list[list[str]]:
        """The documents a question names as its sources (郊区政协的材料, 武胜的调研报告, 楚明锟的文章): the
        words before 的材料/的文章/… when a few documents' mastheads name them, or, said of what it is about
        (讲城乡一体化条件的那篇), when one title does; one list per source named. With
        a source named, a place named besides (临溪镇的方案) and a document described by its year and kind
        (2018年那个镇的汇报) are sources too, when their documents are none of its; with `rest`, the other documents
        are one more when a source named is found by none of these (see _unnamed_source)."""
        mentions = self._source_mentions(query)  # read once: each mention looks its words up in every masthead
        sources = self._sources_of(mentions)
        named = bool(sources)
        dated = [self._side_documents(m.group(0)) for m in _DATED_SOURCE.finditer(query)]  # 2018年那个镇的汇报
        if not named and not any(dated):
            return []
        described = self._described_places(query, mentions)
        candidates = [(d or [], None) for d in dated] + [(sorted(self._allowed(p, None) or ()), p) for p in regions]
        for docs, place in candidates:
            taken = {d for source in sources for d in source}
            if docs and not set(docs) & taken:
                sources.append(docs)
            elif (place is None or place in described) and (left := [d for d in docs if d not in taken]):
                # 孙学玉的案例分析…以及浙江教学案例: 浙江's documents other than 孙学玉's; 王振涛等人的反映和2011年县级试点调研:
                # the year's documents other than 王振涛's
                sources.append(left)
        # 武胜县的材料和几篇论文: one named, others not; a dated document alone is found by its words. 分别 alone asks
        # for two things one source may say (《市管县和省管县》列的好处和坏处分别是什么): recall@5 0.9600 → 0.9604
        # 《市管县和省管县》一文比较利弊时…: one paper named by its title compares within itself; only words naming
        # several sources (几篇, 综合, 学者们) ask beyond it
        quoted = {d for m in _QUOTED_TITLE.finditer(query) for d in self._quoted_document(m.group(1)) or ()}
        # …and so does one said by its title's words (那个专门比市管县省管县的文章里…好处是啥 坏处又是啥 对比一下)
        quoted |= {d for start, stop, _, named in mentions
                   if named and len(named) == 1 and self._titled_document(query[start:stop]) == named for d in named}
        across = _PLURAL_SOURCES if len(sources) == 1 and set(sources[0]) <= quoted else _MULTI_DOCUMENT
        asked = _without_titles(_described_blank(query, mentions)).replace("分别", "")
        if len(sources) < 2 and (across.search(asked) or not named):
            return []
        others = sorted(set(self._docs) - {d for docs in sources for d in docs})
        if rest and others and (self._unnamed_source(query, mentions) or self._unlisted_item(query, mentions)
                                or _ANOTHER_SOURCE.search(query)):
            # 武胜县的调研、那份政协提案…, 楚明锟的论文以及另一篇…的短文: the source not found by its name is searched for
            # in the rest
            sources.append(others)
        return sources

    def _framing_source(self, query: str, sides: list[tuple[str, list[str] | None]]) -> list[str] | None:
        """The one source a question names before the two things it compares, which that source is about (那篇讲城乡
        一体化的文章说，计划经济时期和市场经济时期有什么不同); not a source that is one of the sides (楚明锟的论文和另一篇…)."""
        if _DATED_SOURCE.search(query):  # 2011年的县级试点调研、…的论文以及…的短文分别…: sources listed, none framing
            return None
        bare = _masked_titles(query)  # 讲《市管县和省管县》的那篇…市管县的好处和弊病
        starts = [bare.find(side_subject(side)) for side, _ in sides]
        named = self._named_sources(query)
        if len(named) != 1 or min(starts) < 0:
            return None
        before = self._named_sources(query[: min(starts)])
        return named[0] if before == named else None

    def _named_sources(self, query: str) -> list[list[str]]:
        """The documents of each source the question names by its title in 《》, author, issuer or topic (see
        _source_documents), in the order the question names them."""
        return self._sources_of(self._source_mentions(query))

    def _sources_of(self, mentions: list[SourceMention]) -> list[list[str]]:
        """The documents of each mention that names a few, once each (see _named_sources)."""
        sources: list[list[str]] = []
        for *_, named in mentions:
            # words sharing a document with a source named before describe that one (孙学玉撰写这篇强县扩权案例分析)
            if named and len(named) <= self._few() and not any(set(named) & set(s) for s in sources):
                sources.append(named)
        return sources

    def _source_mentions(self, query: str) -> list[SourceMention]:
        """(start, end, words, documents or None) of each source the question names: a title in 《》, or the words before
        的材料/那篇/…; None where no document is named by them."""
        found = [(m.start(), m.end(), m.group(1), self._quoted_document(m.group(1))) for m in _QUOTED_TITLE.finditer(query)]
        # a short name in brackets after a description (推进区级扩权（扩权强区）的改革方案), when one title holds it
        found += [(m.start(), m.end(), m.group(1), named) for m in _BRACKETED_NAME.finditer(query)
                  if (named := self._quoted_document(m.group(1))) and m.group(1) in self._docs[named[0]].title]
        bare = _masked_titles(query)  # a title's words name no author
        for match in _SOURCE.finditer(bare):
            subject = match.group(1) or match.group(2)
            start = match.start() + (cut.end() if (cut := _LAST_BREAK.search(subject)) else 0)
            listed = start > 0 and bare[start - 1] == "、"  # 比较市管县、省管县的那篇: 、 may join a title's two items
            subject = subject[start - match.start():]  # 楚明锟和市管县省管县那篇: the words after 和 name this one
            stripped = subject.lstrip("的")  # （扩权强区）的改革方案: no source's words start with 的
            if stripped.startswith("年") and start > 0 and bare[start - 1].isdigit():
                continue  # a document said by its year (2009年扩权强镇实施方案) is a dated source, not 2018年扩权强镇…
            # …nor end with it: 哪些县、镇的材料 names no source (镇的 is in a title: 扩权强镇的…)
            start, subject = start + len(subject) - len(stripped), stripped.rstrip("的")
            if len(subject) >= 2 and not _NO_SOURCE.fullmatch(subject):
                named = self._named_documents(subject) or self._titled_document(subject) or self._named_tail(subject) \
                    or self._named_by_parts(subject) or self._of_level(subject)
                # …or, when its last words name several (武胜县扩权强县试点成效及建议的那份: 建议 is in two titles), the one
                # document its whole description names
                floor = max((end for _, end, _, _ in found), default=0)  # never over a source named before
                if (named is None or len(named) > 1 or listed) \
                        and (described := self._long_description(bare, start, subject, floor)) \
                        and (named is None or listed or set(described[1]) <= set(named)):
                    start, named = described
                named = self._of_year_before(bare, start, match.group(0), named)
                found.append((start, match.end(), subject, named))
        found += self._person_mentions(bare, [(start, end) for start, end, _, named in found if named])
        found += [(m.start(), m.end(), m.group(0), named) for m in _ISSUE_NUMBER.finditer(bare)
                  if (named := self._numbered_documents(m.group(1), m.group(2)))]
        return sorted(found, key=lambda mention: mention[0])

    def _without_sources(self, query: str) -> str:
        """The query without the words naming its sources, a source described at length (分析强县扩权推动城乡一体化
        需要哪些条件的那篇文章) with its whole description: those words match only the paper's title and abstract."""
        kept, last = [], 0
        for match in _SOURCE.finditer(query):
            begin, subject = match.start(), match.group(1) or match.group(2)
            if (described := self._long_description(query, begin, subject)) \
                    and not (self._named_documents(subject) or self._titled_document(subject)):
                begin = described[0]
            kept.append(query[last:begin])
            last = match.end()
        return "".join(kept) + query[last:]

    def _long_description(self, query: str, start: int, subject: str, floor: int = 0) -> tuple[int, list[str]] | None:
        """A source described at more length than the pattern's words (分析强县扩权推动城乡一体化需要哪些条件的那篇文章):
        where its phrase begins and the one document whose title the phrase describes; None when it describes none, or
        holds a year (see _DATED_SOURCE). The phrase starts after the last break or list word (、和与及跟) before the
        words at `start`, or, when that item alone names none, after the nearest one before it whose run of items
        does (对比市管县、省管县利弊的那篇短文; 周天勇、楚明锟以及那篇市管县与省管县比较论文: not the authors before it),
        never before `floor` (the end of a source named before it) nor over an author's name."""
        clause = max([floor, *(m.end() for m in _CLAUSE_BREAK.finditer(query, 0, start))])
        breaks = [m.end() for m in _SOURCE_BREAK.finditer(query, clause, start)]
        for opened in sorted({clause, *breaks}, reverse=True):
            described = query[opened : start + len(subject)]
            if any(name in described for name in self._people):
                break
            if opened < start and not _YEAR.search(described) and (named := self._titled_document(described)):
                return opened, named
        return None

    def _person_mentions(self, query: str, taken: list[tuple[int, int]]) -> list[SourceMention]:
        """Authors named without a kind of document (王振涛他们都咋说, 楚明锟等人在分析…时): a person a masthead gives
        as such (see tokenize.people_in), named outside the source words already read and the places."""
        places = [(start, start + len(written)) for start, written, _ in self._mentions(query)]
        found: list[SourceMention] = []
        for match in re.finditer(f"(?=({PERSON_NAME}))", query):  # every start: 如何王振涛 holds 何王振 too
            span = (match.start(), match.start() + len(match.group(1)))
            if any(a < span[1] and span[0] < b for a, b in taken + places):
                continue
            for name in (match.group(1), match.group(1)[:2]):  # 周天勇; 孙学玉 before 等
                if named := self._people.get(name):
                    found.append((span[0], span[0] + len(name), name, named))
                    taken = taken + [(span[0], span[0] + len(name))]
                    break
        return found

    def _numbered_documents(self, year: str, number: str) -> list[str] | None:
        """The documents whose masthead gives the issue number (文号) a question cites (政府参阅2011年第6号, 〔2011〕6号:
        the same year and number, however bracketed)."""
        return self._issue_numbers.get((year, int(number)))

    def _described_places(self, query: str, mentions: list[SourceMention]) -> set[str]:
        """The places (full names) that describe a source no document is named by (浙江教学案例, 浙江那个扩权案例)."""
        unnamed = [subject for _, _, subject, named in mentions if named is None]
        return {full for _, written, full in self._mentions(query) if any(written in subject for subject in unnamed)}

    def _unnamed_source(self, query: str, mentions: list[SourceMention]) -> bool:
        """The question names a source no document's masthead or title matches (基层调研报告, 那份政协提案), and which
        is neither a place nor a document said by its year: its passages may lie in any other document."""
        places = self._place_words(query)
        # a document said by its year, or words of the same phrase after a named source (周天勇写的那篇讲市管县怎么变成
        # 省管县的文章: one source); 、和与及 and punctuation end the phrase
        known = [(m.start(), m.end()) for m in _DATED_SOURCE.finditer(query)]
        known += [(start, end + (m.start() if (m := _SOURCE_BREAK.search(query[end:])) else len(query)))
                  for start, end, _, named in mentions if named]
        return any(named is None and not any(p in subject for p in places) and not any(a < end and start < b for a, b in known)
                   for start, end, subject, named in mentions)

    def _unlisted_item(self, query: str, mentions: list[SourceMention]) -> bool:
        """A source listed beside a document said by its year that is neither a place, nor a year, nor a source named
        (扩权强区、临溪镇、2018年那个镇…; 凤阳县、2018年那个镇和某县发改局的安排): its passages may lie in any other document."""
        if not (dated := [(m.start(), m.end()) for m in _DATED_SOURCE.finditer(query)]):
            return False
        known = dated + [(start, start + len(written)) for start, written, _ in self._mentions(query)]
        known += [(start, end) for start, end, _, named in mentions if named]
        for start, end in dated:
            opened = max((m.end() for m in _CLAUSE_BREAK.finditer(query, 0, start)), default=0)
            closed = m.start() if (m := _CLAUSE_BREAK.search(query, end)) else len(query)
            for item in _LIST_ITEM.finditer(query, opened, closed):
                if len(_letters(item.group(0))) >= 2 and not any(a < item.end() and item.start() < b for a, b in known):
                    return True
        return False

    def _named_tail(self, subject: str) -> list[str] | None:
        """The documents an author or issuer at the end of a source's words names (凤阳县、武胜县还有王振涛那份提案:
        the match starts words before the name), the longest such tail first."""
        stripped = _AUTHORS_END.sub("", subject)  # 楚明锟等人的论文, 王振涛等人的提案: 王振涛 in full too
        for start in range(0 if stripped != subject else 1, len(stripped) - 2):
            tail = stripped[start:]
            named = self._named_documents(tail)
            if named and len(named) == 1:
                others = "\n".join(doc.title for doc_id, doc in self._docs.items() if doc_id != named[0])
                if all(tail[i : i + 2] not in others for i in range(len(tail) - 1)):
                    return named  # one document's name, sharing no two letters with another title (not 镇扩权强镇)
        return None

    def _of_year_before(self, query: str, start: int, words: str, named: list[str] | None) -> list[str] | None:
        """A source's documents, or, when a year stands before its words in their clause (2018年有个镇写的关于扩权强镇
        的工作汇报) and none of them is of that year, the documents of that year and kind (汇报) when a few are."""
        clause = query[: start][-_CLAUSE_BACK:]
        clause = re.split(r"[，,。？?；;！!：:、和与及跟]", clause)[-1]  # (2018年那份汇报、王振涛的提案: not the item before)
        years = set(_YEAR.findall(clause))
        if not named or not years or any(self._of_year(d, years) for d in named):
            return named
        kinds = _KINDS.findall(words)
        dated = [d for d in self._docs if self._of_year(d, years) and all(k in self._docs[d].title for k in kinds)]
        return dated if 0 < len(dated) <= self._few() else named

    def _few(self) -> int:
        """The most documents that are "a few of all" (a quarter, at least one): more describe no one source."""
        return max(1, len(self._docs) // 4)

    def _of_year(self, doc_id: str, years: set[str]) -> bool:
        """The document is of one of the years: its year, or a year its title names."""
        doc = self._docs[doc_id]
        return str(doc.year) in years or any(y in doc.title for y in years)

    def _named_by_parts(self, subject: str) -> list[str] | None:
        """The one document whose masthead holds each part of a source's words between 的 (政协委员的基层反映: 区政协委员
        王淑芹反映 and 基层反映 in one masthead), or None."""
        parts = [part for part in re.split(r"的|[这那][份篇个]", subject) if len(part) >= 2]
        if len(parts) == 1:  # …or runs of one masthead said together (政协基层反映: 区政协委员…反映 and 基层反映), each run
            # in a few mastheads only (not 按照 and 试点 of 按照试点方案)
            runs = self._masthead_runs(parts[0])
            parts = runs if all(sum(run in head for head in self._mastheads.values()) <= self._few() for run in runs) else []
        if len(parts) < 2:
            return None
        named = [d for d, head in self._mastheads.items() if all(part in head for part in parts)]
        return named if len(named) == 1 else None

    def _masthead_runs(self, text: str) -> list[str]:
        """`text` cut into the longest runs, left to right, that some masthead holds, each of two letters or more;
        [] when a part of it is in none."""
        runs: list[str] = []
        start = 0
        while start < len(text):
            end = next((end for end in range(len(text), start + 1, -1) if text[start:end] in self._all_mastheads), None)
            if end is None:
                return []
            runs.append(text[start:end])
            start = end
        return runs

    def _quoted_document(self, quoted: str) -> list[str] | None:
        """The one document a title in 《》 names: the title sharing the longest run with it, when that run is
        most of the quoted title (《市管县和省管县》, not 《…实施方案》 that many titles end with)."""
        asked, n = _letters(quoted), TOPIC_RUN
        near = {doc_id for i in range(len(asked) - n + 1) for doc_id in self._topic_runs.get(asked[i : i + n], ())}
        if exact := sorted(d for d in near if _letters(self._docs[d].title) == asked):  # 《强县扩权》: that title
            return exact
        runs = sorted(((_common_run(asked, _letters(self._docs[d].title)), d) for d in near), reverse=True)
        if not runs or runs[0][0] < QUOTED_TITLE_SHARE * len(asked) or (len(runs) > 1 and runs[1][0] >= runs[0][0]):
            return None
        return [runs[0][1]]

    def _titled_document(self, subject: str) -> list[str] | None:
        """The one document whose title shares the longest run (at least TOPIC_RUN letters) with a source
        described by what it is about (讲城乡一体化条件的那篇, 那篇条件分析类文章); None when no title or several do."""
        asked, n = _letters(subject), TOPIC_RUN
        for bare, title in self._unjoined.items():  # 那个专门比市管县省管县的文章: typed or dictated without the 和
            asked = asked.replace(bare, title)
        near = {doc_id for i in range(len(asked) - n + 1) for doc_id in self._topic_runs.get(asked[i : i + n], ())}
        if len(near) > self._few():  # words of many titles (扩权强县的材料) describe no one document
            return None
        runs = sorted(((_common_run(asked, _letters(self._docs[d].title)), d) for d in near), reverse=True)
        if not runs or (len(runs) > 1 and runs[1][0] >= runs[0][0]):
            return None
        return [runs[0][1]]

    def _allowed(self, region: str | None, doc_ids: list[str] | None) -> set[str] | None:
        allowed = set(doc_ids) if doc_ids else None
        if region:
            in_region = self._in_region.get(region, set())
            allowed = set(in_region) if allowed is None else allowed & in_region
        return allowed

    def _fuse(self, query: str, allowed: set[str] | None,
              dense: list[tuple[str, float]] | None = None) -> dict[str, Hit]:
        n = self.settings.candidates
        dense = self._dense(query, n, allowed) if dense is None else [(c, s) for c, s in dense if self._ok(c, allowed)]
        assert self._lexical is not None
        lexical = [(cid, s) for cid, s in self._lexical.search(query, n * 3, self.settings.colloquial)
                   if self._ok(cid, allowed)][:n]
        hits: dict[str, Hit] = {}
        for name, ranking, weight in (("dense", dense, self.settings.dense_weight),
                                      ("bm25", lexical, self.settings.lexical_weight)):
            shares = fusion_shares([s for _, s in ranking], self.settings.fusion, self.settings.rrf_k)
            for rank, ((chunk_id, score), share) in enumerate(zip(ranking, shares, strict=True)):
                hit = hits.get(chunk_id) or self._hit(chunk_id)
                if hit is None:
                    continue
                hit.score += weight * share
                hit.ranks[name] = rank
                if name == "dense":
                    hit.dense = score
                hits[chunk_id] = hit
        return hits

    def _ok(self, chunk_id: str, allowed: set[str] | None) -> bool:
        chunk = self._chunks.get(chunk_id)
        return chunk is not None and chunk.doc_id in self._docs and (allowed is None or chunk.doc_id in allowed)

    def _hit(self, chunk_id: str) -> Hit | None:
        chunk = self._chunks.get(chunk_id)
        if chunk is None or chunk.doc_id not in self._docs:
            return None
        return Hit(chunk=chunk, document=self._docs[chunk.doc_id], score=0.0)

    def _dense(self, query: str, n: int, allowed: set[str] | None,
               titles: bool = False) -> list[tuple[str, float]]:
        """The n best chunks by dense similarity; with sentence vectors a chunk scores as its best sentence.
        Exact over every vector in memory for a small collection (`exact_max`); beyond, Chroma's HNSW is asked
        for n × UNIT_FANOUT sentences and each chunk's first is kept. A document's title line scores its opening
        passage only with `titles`: a question on a topic (省里直接管县，管不过来，几篇论文怎么说) matched the papers'
        titles (从市管县到省直管县…) above the passages answering it (over the 162 read sets recall@5 rose on five
        questions and fell on one); a document named is found by its title's words in BM25 and the metadata boost."""
        total = self._vector_total
        if total == 0:
            return []
        vector = self._query_vectors.get(query) or self.index.embedder.embed_query(query)
        self._query_vectors[query] = vector
        if self._exact is not None:
            return self._exact.search(vector, n, lambda chunk_id: self._ok(chunk_id, allowed), titles)
        fanout = UNIT_FANOUT if self.index.settings.embed.unit == "sentence" else 1
        where = {"doc_id": {"$in": sorted(allowed)}} if allowed is not None else None
        result = self.index.collection.query(query_embeddings=[vector],
                                             n_results=min(n * fanout, total), where=where, include=["distances"])
        best: dict[str, float] = {}
        for record_id, dist in zip(result["ids"][0], result["distances"][0], strict=True):
            if titles or not record_id.endswith(TITLE_UNIT):
                best.setdefault(chunk_id_of(record_id), 1.0 - float(dist))
        return list(best.items())[:n]

    def _boost_region(self, hits: dict[str, Hit], regions: list[str]) -> None:
        if not regions:
            return
        unit = self.settings.region_boost / (self.settings.rrf_k + 1)
        for hit in hits.values():
            names = _region_names(hit.document)
            if any(r in names or r in hit.chunk.text for r in regions):
                hit.score += unit

    def _by_section(self, ranked: list[Hit], query: str) -> list[Hit]:
        """Within each document, passages of the section a question asks for (提出了哪些办法 → 建议, 有哪些
        弊端 → 问题) move up by `section_boost`: a report's problem and proposal passages share their words
        (编制, 培训, 要素), their headings do not. Each document keeps the ranks it holds, so a document
        without 公文 sections (a paper) loses nothing to one with them."""
        unit = self.settings.section_boost / (self.settings.rrf_k + 1)
        wanted = asked_section(query)
        if not unit or wanted is None:
            return ranked
        slots: dict[str, list[int]] = {}
        for position, hit in enumerate(ranked):
            slots.setdefault(hit.chunk.doc_id, []).append(position)
        out = list(ranked)
        for positions in slots.values():
            hits = sorted((ranked[p] for p in positions), key=lambda h: -(h.score + unit * in_section(h.chunk, wanted)))
            for position, hit in zip(positions, hits, strict=True):
                out[position] = hit
        return out

    def _boost_metadata(self, hits: dict[str, Hit], query: str) -> None:
        """Prefer the document the question describes: a year or date it names (2009年那份方案,
        2009-08-05印发的), and its title's rarer words (扩权强区改革实施方案), weighted by idf over titles."""
        unit = self.settings.metadata_boost / (self.settings.rrf_k + 1)
        if not unit or not hits:
            return
        years = set(_YEAR.findall(query))
        dates = {_compact_date(m) for m in _DATE.finditer(query)}
        weights = self._title_weights()
        wanted = {g: weights[g] for g in char_bigrams(query) if g in weights}
        total = sum(wanted.values())
        for hit in hits.values():
            doc = hit.document
            if years and (str(doc.year) in years or any(y in doc.title for y in years)):
                hit.score += unit
            if dates and any(d in _compact_text(doc.text[:300]) for d in dates):
                hit.score += unit
            if total:
                title = char_bigrams(doc.title)
                hit.score += unit * sum(w for g, w in wanted.items() if g in title) / total

    def _title_weights(self) -> dict[str, float]:
        """idf of the character bigrams of document titles (a bigram in every title weighs 0)."""
        if self._title_idf is None or self._title_idf[0] != self._version:
            titles = [char_bigrams(d.title) for d in self._docs.values()]
            counts: dict[str, int] = {}
            for grams in titles:
                for g in grams:
                    counts[g] = counts.get(g, 0) + 1
            self._title_idf = (self._version, {g: math.log(len(titles) / c) for g, c in counts.items()})
        return self._title_idf[1]

    def _chunk_bigrams(self, chunk: Chunk) -> set[str]:
        """A chunk's character bigrams, kept until the store changes (the near-duplicate check compares
        every candidate with every chunk taken: recomputing them cost ~6 ms a search at 100×)."""
        grams = self._bigrams.get(chunk.chunk_id)
        if grams is None:
            grams = self._bigrams[chunk.chunk_id] = char_bigrams(chunk.text)
        return grams

    def _diversify(self, ranked: list[Hit], k: int) -> list[Hit]:
        """Drop near-duplicates of a chunk already taken; MMR when enabled."""
        if self.settings.mmr:
            ranked = _mmr(ranked, k * 2, self.settings.mmr_lambda)
        taken: list[Hit] = []
        for hit in ranked:
            grams = self._chunk_bigrams(hit.chunk)
            if any(_near_duplicate_sets(grams, self._chunk_bigrams(t.chunk)) for t in taken):
                continue
            taken.append(hit)
            if len(taken) == k:
                break
        return taken



# Words that describe a source in a question (王振涛的提案, 武胜县的调研): dropped from a side searched in that source.
_KIND_WORDS = re.compile(r"的?(?:调研报告|调研|提案|材料|文章|论文|报告|汇报|方案|总结)")
# The documents a question counts (两份试点方案, 两个方案, 这两份材料): in each place's own documents these words
# match only the opening lines that name them.
_COUNTED_KIND = re.compile(r"(?:这|那)?[两二三几各][份篇个](?:试点)?(?:实施)?(?:方案|汇报|报告|材料|文章|总结|提案|文件)"
                           # …and the places the question names, once their names are gone (临溪镇和蒲场镇这两个试点镇)
                           r"|^[和与及跟、]*(?:这|那)[两二三几各]个(?:试点)?(?:镇|县|乡|区|市|地方)")
TITLE_WORD = 4  # letters of a title's run dropped from a side searched inside that title's documents
_CLAUSE_BACK = 24  # letters before a source's words looked at for the year that dates it (see _of_year_before)
# A source said by the level of government it is of (区里那份方案, 区一级的方案): that level's reform names its title.
_LEVEL_SOURCE = re.compile(r"([区县镇])(?:里|级|一级|上)")
# Kinds of document a title names (…实施方案, …工作汇报, …的意见): matched against titles, never dropped.
_KINDS = re.compile(r"方案|汇报|总结|报告|调研|意见|通知|规划|论文|文章")
# Series a document is issued in (政府参阅, 简报, 内参): named in its masthead, as a dated source may say it.
_SERIES = re.compile(r"参阅|简报|内参|通报")
_YEAR = re.compile(r"((?:19|20)\d{2})(?=年|-|\.|/|\b)")
_DATE = re.compile(r"((?:19|20)\d{2})[-./年](\d{1,2})[-./月](\d{1,2})日?")


def fusion_shares(scores: list[float], fusion: str, rrf_k: int) -> list[float]:
    """What each passage of one ranked list (best first) adds to its fused score, before the list's
    weight. rrf: 1/(rrf_k + rank). convex: the score min-max normalised over the list, scaled so that
    the top passage adds what it adds under rrf (the boosts keep their size). Ranks hide margins: under
    rrf a passage that leads one list by far but is missing from the other falls behind passages that
    are mediocre in both."""
    top = 1 / (rrf_k + 1)
    if fusion == "rrf":
        return [1 / (rrf_k + rank) for rank in range(1, len(scores) + 1)]
    hi, lo = max(scores, default=0.0), min(scores, default=0.0)
    return [top * ((s - lo) / (hi - lo) if hi > lo else 1.0) for s in scores]


# What a question asks for, in the 成效/问题/建议 of the chunk sections. 建议 is checked first: 如何解决…问题
# asks for remedies; a question naming both 成效 and 问题 (成效和问题各是什么) asks for neither alone.
_ASKS: tuple[tuple[Section, re.Pattern[str]], ...] = (
    ("建议", re.compile(r"建议|对策|措施|办法|举措|怎么办|咋办|咋整|如何|怎样|怎么(?:支持|解决|做|改|推进|完善)|应该|应当|出路|提醒")),
    ("问题", re.compile(r"问题|弊端|不足|不到位|(?<!够)不够|困难|缺陷|短板|矛盾|障碍|瓶颈|难题|压力|卡在|卡脖子|难在|难处|堵点|痛点|梗阻")),
    ("成效", re.compile(r"成效|成绩|成果|效果|起色|好处|进展")),
)


def asked_section(query: str) -> Section | None:
    """The 成效/问题/建议 section a question asks for, or None (none named, or 成效 and 问题 both)."""
    found = [section for section, pattern in _ASKS if pattern.search(query)]
    if not found or (len(found) > 1 and found[0] != "建议"):
        return None
    return found[0]


def in_section(chunk: Chunk, section: Section) -> bool:
    """Whether a chunk is surely of `section`: labelled so, under no heading that names another section too
    (一、市管县体制的历史成效与现实弊端 is about both)."""
    return chunk.section == section and heading_sections(chunk.heading_path) <= {section}


def _compact_date(match: re.Match[str]) -> str:
    year, month, day = match.groups()
    return f"{year}{int(month):02d}{int(day):02d}"


def _compact_text(text: str) -> str:
    """Dates in a text rewritten as yyyymmdd (2009年8月5日, 2009-08-05 → 20090805), for matching."""
    return _DATE.sub(lambda m: _compact_date(m), text)


# Wording that asks for evidence across documents (综合几份材料, 各地, 学者们, 有何不同 …).
# …of which these name several sources (几篇, 学者们); the rest ask to compare, which one source may do (一文比较利弊).
_PLURAL_SOURCES = re.compile(r"综合|几份|几篇|多份|多篇|各篇|各份|各地|各文档|各方|学者们|专家们|研究者们|相关研究|普遍|共同")
# …and asking which sources say it (哪些材料提到, 哪些地方反映过)
_MULTI_DOCUMENT = re.compile(_PLURAL_SOURCES.pattern + r"|不同|异同|区别|比较|分别|对比"
                             r"|哪些(?:材料|文件|文章|报告|文献|资料|地区|地方(?:反映|提))")


# Asking for a summary (汇总一下, 归纳, 梳理, 各材料里, 相关文献): across documents when the question names no
# place (把武胜县的成效汇总一下 wants that county's passages, not one from each of five documents).
_SUMMARY = re.compile(r"汇总|归纳|梳理|拢一拢|放在一起|各材料|相关(?:文献|报告|材料)")
# …and of no one document (扩权强区实施方案定了哪几条原则，梳理一下; 那份总结把成效归纳为哪几方面)
_ONE_SOURCE = re.compile(r"(?<![各几相多])(?:方案|总结|汇报|提案)|^(?:那|这)(?:份|篇)")


# The numbers of a question's parts: 1）… 2）…, （1）…, ①…, 1、… (not 1.5 or 2018、2019).
_PART_NUMBER = re.compile(r"(?:^|(?<=[：:，,。；;？?\s]))(?:[（(]?[1-9][)）]|[①②③④⑤⑥⑦⑧⑨]|[1-9][、.．](?!\d))")


def numbered_parts(query: str) -> list[str]:
    """The numbered parts of a question (请综合：1）武胜县…；2）郊区政协…；3）楚明锟…), each from its number to the
    next; none when it numbers fewer than two."""
    starts = [match.start() for match in _PART_NUMBER.finditer(query)]
    if len(starts) < 2:
        return []
    return [query[start:end] for start, end in zip(starts, [*starts[1:], len(query)], strict=True)]


def asks_summary(query: str) -> bool:
    """The question asks for a summary of what the sources say (汇总一下, 归纳, 相关文献有何论述), not of
    one document it names."""
    return bool(_SUMMARY.search(query)) and not _ONE_SOURCE.search(query)


def wants_several_documents(query: str) -> bool:
    """A synthesis question: it asks across sources (几篇文章, 相关研究, 学者们, 综合各文档, 普遍), so its top-k
    should hold several documents."""
    return bool(_MULTI_DOCUMENT.search(query))


def sources_agree(ranked: list[Hit], ratio: float) -> bool:
    """Three or more documents answer about equally well: the third-best document's best passage scores at least
    `ratio` of the best passage. A question worded as a look-up (市管县起过哪些好作用) is then answered across
    sources like a synthesis question; one a single document answers (its own passages far ahead) is not."""
    best: dict[str, float] = {}
    for hit in ranked:
        best[hit.chunk.doc_id] = max(hit.score, best.get(hit.chunk.doc_id, 0.0))
    scores = sorted(best.values(), reverse=True)
    return ratio > 0 and len(scores) > 2 and scores[0] > 0 and scores[2] >= ratio * scores[0]


def _spread_documents(ranked: list[Hit], decay: float = 1.0) -> list[Hit]:
    """At most two chunks of each document first, then the rest: a synthesis question needs several documents in
    its top-k, not one document's five chunks. A document's second chunk competes at `decay` of its score, so it
    comes after another document's first chunk that scores nearly as well (1 keeps rank order)."""
    seen: dict[str, int] = {}
    firsts: list[tuple[float, Hit]] = []
    rest: list[Hit] = []
    for hit in ranked:
        taken = seen.get(hit.chunk.doc_id, 0)
        if taken < 2:
            firsts.append((hit.score * decay ** taken, hit))
        else:
            rest.append(hit)
        seen[hit.chunk.doc_id] = taken + 1
    return [hit for _, hit in sorted(firsts, key=lambda pair: -pair[0])] + rest


# The other side of a comparison said at the head of its own clause: 跟武胜县那种扩权强县比，
_COMPARED_WITH = re.compile(r"([^，,。？?；;]{2,24}?)(?:相)?比(?:较|起来|一下)?[，,]")
_STRONG_COMPARISON = re.compile(r"不同|不一样|区别|异同|差别|差异|比较|对比|比一比|各自|各采取|一码事|一回事|一样吗|是否一致"
                                r"|[，,][跟和与同]" + _COMPARED_WITH.pattern)  # …，跟武胜县那种扩权强县比，
# 不同材料 / 不同文献 asks across sources (synthesis), it compares no two things named in the question
_ACROSS_SOURCES = re.compile(r"不同(?:的)?(?:材料|文章|文献|报告|资料|来源|地方)")
# 分别/各是, and asking what each said (各说了啥, 都怎么讲的): see Retriever._sides
_COMPARISON = re.compile(_STRONG_COMPARISON.pattern + r"|各是|分别|各(?:自)?(?:说|讲|提)|都(?:是)?(?:咋|怎么|如何)(?:说|讲|看)")
_BOTH = re.compile(r"[和与跟]")
_SIDE_END = re.compile(r"[在的各两这分有对，,]")  # where a side's subject ends: 楚明锟对…
_SUBJECT_END = re.compile(_SIDE_END.pattern + r"|那(?:份|篇|个)")  # …and before the document it points at: 武胜县那份材料
_POINTER = re.compile(r"^(?:那|这)(?:份|篇|个)")  # a side that opens by pointing at its document: 那份政协提案


def _clause_start(query: str, end: int) -> int:
    """Where the clause holding position `end` of the query starts: after the last clause mark before it."""
    return max(query.rfind(mark, 0, end) for mark in "，,。？?；;：:") + 1


def comparison_sides(query: str) -> list[str]:
    """The two sides of a comparison between things that are not both places (蒲场镇方案和2009年扩权强镇
    实施方案在目标设定上有何不同 → 蒲场镇方案在目标设定上有何不同 / 2009年扩权强镇实施方案在目标设定上
    有何不同): each side keeps the shared predicate, and a clause before the sides (关于当初为什么要搞市管县，
    楚明锟和周天勇…) goes after each, so that a side still opens with its subject. Empty when the question
    compares nothing."""
    if not _COMPARISON.search(_ACROSS_SOURCES.sub("", _without_titles(query))):
        return []
    joint = _BOTH.search(_QUOTED_TITLE.sub(lambda m: "《" + "_" * (len(m.group(0)) - 2) + "》", query))  # not 《A和B》
    if joint is None:
        return []
    lead_end = _clause_start(query, joint.start())
    lead, left, right = query[:lead_end], query[lead_end : joint.start()], query[joint.end() :]
    if len(left) < 2 and lead_end and (versus := _COMPARED_WITH.match(right)):
        # the other side opens the clause (市里给区放权，跟武胜县那种扩权强县比，…): the clause before is the first side
        start = _clause_start(query, lead_end - 1)
        lead, predicate = query[:start], right[versus.end() :]
        return [f"{query[start : lead_end - 1]}，{predicate}{lead}", f"{versus.group(1)}，{predicate}{lead}"]
    end = _SIDE_END.search(right)
    if len(left) < 2 or end is None or end.start() < 2:
        return []
    predicate = right[end.start() :]
    return [left + predicate + lead, right + lead]


# A source named by its author or issuer (郊区政协的材料) or by words of its title before a pointer (扩权强区那个实施方案),
# and a document described up front (2009年那份…方案，…).
# (who wrote it, with or without the verb: 周天勇那篇讲…, 周天勇写的那篇)
_WROTE = r"(?:所?(?:撰写|编写|执笔|写))?"
_SOURCE = re.compile(r"([\u4e00-\u9fff]{2,8}?)" + _WROTE + r"(?:的|这份|那份|那个|这个)?(?:实施)?"
                     r"(?:材料|文章|调研|反映|汇报|报告|论文|方案|提案|案例)|([\u4e00-\u9fff]{2,8}?)" + _WROTE + r"的?(?:这|那)(?:份|篇)")
# A document described by its year and kind (2018年那个镇的汇报, 2009年的方案).
# Words before 的提案/材料 that point at no one source (相关提案, 有关材料, 这些报告, 一篇文章), or at the asker's own
# (我写文章, 我们镇的方案).
_NO_SOURCE = re.compile(r"(?:相关|有关|这些|那些|其他|其它|上述|以上|各地|各方|[多几各两][份篇]|另?一[份篇]|基层)+|(?:我|咱|本人).*"
                        r"|(?:写|撰写|起草|编写|准备|填写|填报).*"  # the asker's own (写申报报告想引一句…): whose, not which
                        r"|(?:研究|理论|学术|学者|学界|专家)(?:类|性|界|们)?"  # 研究文章 is a kind of paper, not whose
                        r"|(?:不少|许多|很多|好多|一些|有些|有的|部分|多数|少数|个别)(?:地方|地区|县市?|镇|单位|部门)?"  # 不少地方反映
                        r"|(?:分别|各自|共同|同样|主要|具体|集中|均|都|也|又|还)+"  # …汇报，分别反映了: how, not whose
                        r"|(?:不同|各种|各类|各个|多个|若干|历次)的?[\u4e00-\u9fff]{0,6}"  # 不同的扩权实施方案: any, not whose
                        # 请结合材料, 根据给定材料: what to answer from, no one source
                        r"|(?:请|请你|请您)?(?:结合|根据|依据|参考|对照|阅读|通读|围绕|联系|基于|按照|依照|参照|比照)"
                        r"(?:给定|以上|上述|全部|所有)?")  # 按照那篇…论文所引的界定: the words after it name the source
# Another source besides the one named (另一篇对照分析…的短文, 另外一份材料): one more, in the other documents
_ANOTHER_SOURCE = re.compile(r"另(?:外)?一(?:篇|份)")
_SOURCE_BREAK = re.compile(r"[、和与及跟，,。；;：:？?！!\s]")
_LAST_BREAK = re.compile(r"^.*[、和与及跟]")
_CLAUSE_BREAK = re.compile(r"[，,。；;：:？?！!\s]")
_LIST_ITEM = re.compile(r"[^、和与及跟]+")  # an item of a list within one clause
_AUTHORS_END = re.compile(r"(?:等人|等|他们|们)$")
# An issue number (文号) as documents print it (政府参阅[2011]6号, 黔发改体改【2012】157号) and as questions say it
# (政府参阅2011年第6号, 2011年6号文): its year and number.
_ISSUE_NUMBER = re.compile(r"[\[【〔（(]?((?:19|20)\d{2})(?:[\]】〕）)]|年第?)(\d{1,4})号")
# A title in 《》: 《市管县和省管县》那篇.
_QUOTED_TITLE = re.compile(r"《([^《》]{2,40})》")
_BRACKETED_NAME = re.compile(r"（([\u4e00-\u9fff]{4,12})）")
# a document said by its year and kind (2018年那个镇的汇报), or by its year and the kind of place it is from (2018年那个镇):
# the kind of document, when given, is read first; not the year of an issue number (政府参阅2011年第6号的试点调研)
_DATED_SOURCE = re.compile(r"(?:19|20)\d{2}年(?!第?\d{1,4}号)(?:[^，,。？?；;、]{0,10}?(?:汇报|方案|总结|报告|提案|调研|"
                           + _SERIES.pattern + r")|的?(?:(?:那|这)个|某)(?:镇|县|区|乡))")  # 2018年某镇
# …within the first sentence (项目申报这块：2010年报了多少个？那个县的总结…: the year is of what is asked, not of a document)
_DESCRIBED = re.compile(r"^([^？?。！!；;]{4,40}?(?:方案|汇报|总结|报告|材料|文章|论文))(?:中|里)?[，,]?")


def _masked_titles(query: str) -> str:
    """The query with each title in 《》 blanked out, its length kept (positions stay those of the query)."""
    return _QUOTED_TITLE.sub(lambda m: " " * len(m.group(0)), query)


def _described_blank(query: str, mentions: list[SourceMention]) -> str:
    """The query with the words that go on describing a source named just before them blanked (孙学玉那篇梳理各地强县
    扩权做法的案例文章: 各地 is what his paper covers, not sources asked across)."""
    for (_, end, _, named), (start, stop, _, described) in pairwise(mentions):
        if named and described is None and not _SOURCE_BREAK.search(query, end, start) and start - end <= 3:
            query = query[:start] + " " * (stop - start) + query[stop:]
    return query


def _without_titles(query: str) -> str:
    """The query without its titles in 《》 and the verb that describes a paper by its title (比较《市管县与省管县》的
    文章: one paper, no comparison asked)."""
    return re.sub(r"(?:比较|对比)?《[^《》]{2,40}》", "", query)


def described_rest(query: str) -> str | None:
    """What a question asks after the document it opens with, when a year or date describes that document
    (2009年那份扩权强镇试点实施方案给试点镇定了哪些目标 → 给试点镇定了哪些目标); None otherwise."""
    match = _DESCRIBED.search(query)
    if match is None or not (_YEAR.search(match.group(1)) or _DATE.search(match.group(1))):
        return None
    rest = query[match.end():].lstrip("的中里，, ")
    return rest if len(rest) >= 4 else None


def side_subject(side: str) -> str:
    """What a comparison side is about: its words before the shared predicate (楚明锟的文章都讲了… → 楚明锟;
    那份政协提案各说了… → 政协: a pointer and the kind of document name nobody)."""
    side = _POINTER.sub("", side)
    if dated := _DATED_SOURCE.match(side):
        return dated.group(0)  # 2011年那份政府参阅件里的…: the year and what follows it describe the document together
    end = _SUBJECT_END.search(side)
    subject = side[: end.start()] if end else side
    kind = _KIND_WORDS.search(subject)
    if kind is None:
        return subject
    if _YEAR.search(subject[: kind.start()]) or kind.start() < 2:
        return subject[: kind.end()]  # 2018年汇报: a year and a kind describe the document together
    return subject[: kind.start()]


def title_runs(documents: dict[str, Document], n: int = NAMED_TITLE_CHARS - 1) -> dict[str, set[str]]:
    """Runs of n letters of each title → its documents: a question is compared in full only with the titles it
    shares one with (at 100× there are ~1,400)."""
    runs: dict[str, set[str]] = {}
    for doc_id, doc in documents.items():
        title = _letters(doc.title)
        for i in range(len(title) - n + 1):
            runs.setdefault(title[i : i + n], set()).add(doc_id)
    return runs


def _without(query: str, names: list[str]) -> str:
    """The query with the names taken out (the places of a comparison, the places beside named sources)."""
    for name in names:
        query = query.replace(name, "")
    return query


def names_title(text: str, title: str) -> bool:
    """The text names a document by its title: a run of at least NAMED_TITLE_CHARS letters of it."""
    return _common_run(_letters(text), _letters(title)) >= NAMED_TITLE_CHARS


# 与, 及 and 跟 join two things as 和 does: 比较市管县与省管县的文章 names 《市管县和省管县》.
_AND = str.maketrans("与及跟", "和和和")
_LISTED = re.compile(r"(?<=[\u4e00-\u9fff])、(?=[\u4e00-\u9fff])")
_PAIR_TITLE = re.compile(r"[\u4e00-\u9fff]{2,6}和[\u4e00-\u9fff]{2,6}")  # 市管县和省管县: a title naming two things
_VERSUS = r"[vV]\.?[sS]\.?"  # 市管县vs省管县: typed for 和 in a title


def _letters(text: str) -> str:
    """The letters of a title or of the words naming one, every 与/及/跟/vs, and 、 between two items (市管县、省管县利弊的那篇),
    read as the 和 a title writes."""
    joined = _LISTED.sub("和", re.sub(_VERSUS, "和", text))
    return re.sub(r"[^0-9A-Za-z\u4e00-\u9fff]", "", joined).translate(_AND)


# A title said as a document's: before 的文章, 一文, 那篇 … or after 题为, 名为 ….
# …or a paper said by what it does with the title's words (有篇比较市管县和省管县利弊的论文): a few more letters, then 的论文
_AS_DOCUMENT_AFTER = re.compile(r"\s*的?(?:这|那|一)?(?:文章|论文|一文|文|篇|份|报告|材料|汇报|方案|总结|提案)"
                                r"|(?:(?![和与及跟])[\u4e00-\u9fff]){1,4}?的(?:这|那|一)?(?:篇|份)?(?:文章|论文|研究)")
# …or a pointer to one paper right before it (那篇市管县与省管县的利弊比较)
_AS_DOCUMENT_BEFORE = re.compile(r"(?:题为|名为|叫做?|题目(?:是|为)|标题(?:是|为)|[那这一][篇份])\s*[“\"]?$")


def _title_pattern(title: str) -> re.Pattern[str]:
    """A title's letters as a query may write them: anything but letters between them, and 与/及/跟/vs for 和."""
    joins = rf"(?:[和与及跟]|\s*{_VERSUS}\s*)"
    return re.compile(r"[^0-9A-Za-z\u4e00-\u9fff]*".join(joins if c == "和" else re.escape(c) for c in title))


def _common_run(a: str, b: str) -> int:
    """Length of the longest run of characters that a and b share."""
    best, previous = 0, [0] * (len(b) + 1)
    for ca in a:
        current = [0] * (len(b) + 1)
        for j, cb in enumerate(b, 1):
            if ca == cb:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best


def masthead(document: Document) -> str:
    """A document's title and the lines under it, where bylines and issuing bodies stand."""
    return document.title + "\n" + document.text[:MASTHEAD_CHARS]


def query_regions(query: str) -> list[str]:
    """Place names in a question (full names as written: 武胜县, 凤阳县, 浙江省 / 浙江)."""
    return [m.name for m in find_mentions(query)]


def _region_names(document: Document) -> set[str]:
    region = document.region
    names = {n for n in (region.province, region.city, region.county, region.town) if n}
    return names | {n[:-1] for n in names if len(n) > 2 and n.endswith(("省", "市"))}


def near_duplicate(a: str, b: str, threshold: float = 0.8) -> bool:
    return _near_duplicate_sets(char_bigrams(a), char_bigrams(b), threshold)


def _near_duplicate_sets(sa: set[str], sb: set[str], threshold: float = 0.8) -> bool:
    if not sa or not sb:
        return False
    return len(sa & sb) / min(len(sa), len(sb)) >= threshold


def _mmr(ranked: list[Hit], n: int, lam: float) -> list[Hit]:
    """Maximal marginal relevance on fused scores with bigram overlap as similarity."""
    chosen: list[Hit] = []
    pool = list(ranked)
    top = max((h.score for h in pool), default=1.0) or 1.0
    while pool and len(chosen) < n:
        def gain(hit: Hit) -> float:
            overlap = max((_overlap(hit.chunk.text, c.chunk.text) for c in chosen), default=0.0)
            return lam * hit.score / top - (1 - lam) * overlap
        best = max(pool, key=gain)
        chosen.append(best)
        pool.remove(best)
    return chosen + pool


def _overlap(a: str, b: str) -> float:
    sa, sb = char_bigrams(a), char_bigrams(b)
    return len(sa & sb) / max(1, len(sa | sb))
