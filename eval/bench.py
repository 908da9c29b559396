"""Cost and quality of briefgen against a naive LangChain RAG baseline, as the corpus grows.

`python -m eval.bench [--scales 1,10,100] [--out DIR] [--embed MODEL]` runs in one process with one
embedding model and writes DIR/bench.md, DIR/bench.json and DIR/bench.png.

- baseline: RecursiveCharacterTextSplitter(500, 50) over the raw file text, langchain_chroma.Chroma
  with the same embedding model, similarity_search(k=5) (LangChain's RAG tutorial);
- briefgen: ingest_paths into an Index in a temporary data folder, Retriever(index).search(q, k=5).

Quality (recall@5, MRR over answerable gold questions) is measured at every scale for briefgen (the
original dump is variant 0, so larger scales add distractors) and at 1× for the baseline (every
scale with --baseline-all). Cost: ingest time, ingest overhead against a bare encode of the same
chunk texts, chunks/s, query latency p50/p95 (query embedding included), peak RSS.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import resource
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import psutil

from briefgen.config import EmbedSettings, PathSettings, Settings
from briefgen.embed import Embedder, get_embedder
from briefgen.models import Document
from briefgen.normalize import normalize_quote
from eval.bench_briefs import BriefTimings, brief_timings, markdown_lines
from eval.scale import DEFAULT_CORPUS, write_variants
from eval.timing import timed

GOLD = Path(__file__).resolve().parent / "gold" / "questions.json"
K = 5
MIN_OVERLAP = 0.5
MIN_QUERIES = 100
_HALF_TO_FULL = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）"})

# A located gold span: (source — a file path or doc_id, start, end).
Span = tuple[str, int, int]


@dataclass
class Question:
    """A gold question with its spans (empty when unanswerable)."""

    qid: str
    text: str
    answerable: bool
    spans: list[str]


@dataclass
class Quality:
    """Retrieval quality over the answerable questions."""

    recall: float
    mrr: float
    hit_rate: float
    questions: int


@dataclass
class SystemRun:
    """Measurements of one system at one scale (None: not measured)."""

    ingest_s: float
    chunks: int
    bare_encode_s: float | None = None
    p50_ms: float | None = None
    p95_ms: float | None = None
    first_query_ms: float | None = None
    queries: int = 0
    quality: Quality | None = None
    rss_peak_mb: float = 0.0
    rss_peak_delta_mb: float = 0.0
    rss_delta_mb: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def overhead(self) -> float | None:
        """Ingest time over the bare encode of the same chunk texts (1.0: ingest costs only the encode)."""
        return self.ingest_s / self.bare_encode_s if self.bare_encode_s else None

    @property
    def chunks_per_s(self) -> float:
        return self.chunks / self.ingest_s if self.ingest_s else 0.0


@dataclass
class ScaleRun:
    """Both systems at one scale."""

    scale: int
    corpus_chars: int
    documents: int
    duplicates: int
    briefgen: SystemRun
    baseline: SystemRun | None = None


# ---------------------------------------------------------------- gold and scoring (pure)


def load_questions(path: Path = GOLD) -> list[Question]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [Question(q["id"], q["question"], bool(q["answerable"]), list(q.get("gold_spans", [])))
            for q in data["questions"]]


def canon(text: str) -> str:
    """Whitespace dropped and half-width ,;:() made full-width: '7天, 3天' ~ '7天，3天'."""
    return "".join(text.split()).translate(_HALF_TO_FULL)


def coverage(start: int, end: int, span_start: int, span_end: int) -> float:
    """Share of the span [span_start, span_end) inside [start, end)."""
    inside = min(end, span_end) - max(start, span_start)
    return max(0, inside) / max(1, span_end - span_start)


def find_all(haystack: str, needle: str) -> list[tuple[int, int]]:
    """Every (start, end) of needle in haystack."""
    found, at = [], haystack.find(needle)
    while needle and at >= 0:
        found.append((at, at + len(needle)))
        at = haystack.find(needle, at + 1)
    return found


def find_loose(haystack: str, needle: str) -> list[tuple[int, int]]:
    """find_all, ignoring whitespace and half/full-width ,;:() on both sides; offsets into haystack."""
    exact = find_all(haystack, needle)
    if exact:
        return exact
    keep = [i for i, ch in enumerate(haystack) if not ch.isspace()]
    compact = "".join(haystack[i] for i in keep).translate(_HALF_TO_FULL)
    return [(keep[s], keep[e - 1] + 1) for s, e in find_all(compact, canon(needle))]


def locate_in_documents(span: str, documents: Sequence[Document]) -> list[Span]:
    """Where a raw-corpus span sits in Document.text (via normalize_quote)."""
    quote = normalize_quote(span)
    return [(d.doc_id, s, e) for d in documents for s, e in find_loose(d.text, quote)]


def locate_in_files(span: str, texts: dict[str, str]) -> list[Span]:
    """Where a span sits in the raw file texts (the baseline's chunks point there)."""
    return [(path, s, e) for path, text in texts.items() for s, e in find_loose(text, span)]


def passage_matches(source: str, start: int, end: int, text: str, spans: list[str],
                    located: list[list[Span]]) -> set[int]:
    """Indices of the gold spans a passage holds: ≥50% of a located span inside its range, or the
    span contained in its text up to whitespace and punctuation width."""
    held = set()
    flat = canon(text)
    for n, (span, places) in enumerate(zip(spans, located, strict=True)):
        if canon(span) in flat or any(src == source and coverage(start, end, s, e) >= MIN_OVERLAP
                                      for src, s, e in places):
            held.add(n)
    return held


def score(rankings: Sequence[Sequence[set[int]]], span_counts: Sequence[int], k: int = K) -> Quality:
    """recall@k (share of gold spans held by a top-k passage), MRR (first passage holding any span)
    and hit rate (a span found at all). rankings[q][r]: span indices that passage r of question q holds."""
    recalls, reciprocal, hits = [], [], []
    for ranking, count in zip(rankings, span_counts, strict=True):
        top = list(ranking)[:k]
        found = set().union(*top) if top else set()
        recalls.append(len(found) / count if count else 0.0)
        rank = next((r for r, held in enumerate(top, start=1) if held), None)
        reciprocal.append(1.0 / rank if rank else 0.0)
        hits.append(1.0 if found else 0.0)
    n = len(recalls)
    return Quality(_mean(recalls), _mean(reciprocal), _mean(hits), n)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def percentile(values: Sequence[float], q: float) -> float:
    """Linear-interpolated percentile (q in 0..100)."""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    pos = (len(ordered) - 1) * q / 100
    low, high = math.floor(pos), math.ceil(pos)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


# ---------------------------------------------------------------- measurement helpers


def peak_rss_mb() -> float:
    """Peak RSS of this process so far (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float:
    return psutil.Process().memory_info().rss / 2**20


def query_list(questions: Sequence[Question], minimum: int = MIN_QUERIES) -> list[str]:
    """The gold questions repeated until there are at least `minimum` queries."""
    texts = [q.text for q in questions]
    return texts * math.ceil(minimum / len(texts)) if texts else []


def latencies(search: Callable[[str], Any], queries: Sequence[str]) -> tuple[list[Any], list[float]]:
    """Results and per-query seconds of each query."""
    results: list[Any] = []
    seconds: list[float] = []
    for query in queries:
        result, took = timed(partial(search, query))
        results.append(result)
        seconds.append(took)
    return results, seconds


def apply_latency(run: SystemRun, search: Callable[[str], Any], queries: Sequence[str]) -> list[Any]:
    """Cold first query (lazy index builds), then p50/p95 over all queries; returns first-pass results."""
    _, run.first_query_ms = timed(lambda: search(queries[0]))
    run.first_query_ms *= 1000
    results, seconds = latencies(search, queries)
    run.p50_ms, run.p95_ms = percentile(seconds, 50) * 1000, percentile(seconds, 95) * 1000
    run.queries = len(queries)
    return results


def record_rss(run: SystemRun, peak_before: float, rss_before: float) -> None:
    run.rss_peak_mb = peak_rss_mb()
    run.rss_peak_delta_mb = run.rss_peak_mb - peak_before
    run.rss_delta_mb = rss_mb() - rss_before


# ---------------------------------------------------------------- baseline (LangChain RAG tutorial)


def embeddings_for(embedder: Embedder) -> Any:
    """A LangChain Embeddings over our embedder, so the model is loaded once for both systems."""
    from langchain_core.embeddings import Embeddings

    class EmbedderEmbeddings(Embeddings):
        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            return embedder.embed_documents(list(texts))

        def embed_query(self, text: str) -> list[float]:
            return embedder.embed_query(text)

    return EmbedderEmbeddings()


def split_baseline(texts: dict[str, str]) -> list[Any]:
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=500, chunk_overlap=50, add_start_index=True)
    return splitter.create_documents(list(texts.values()), metadatas=[{"source": p} for p in texts])


def build_baseline(files: list[Path], embedder: Embedder, workdir: Path) -> tuple[Any, list[Any], float]:
    """Read, split, embed and store; returns (store, chunks, seconds)."""
    import chromadb
    from langchain_chroma import Chroma

    def build() -> tuple[Any, list[Any]]:
        texts = {str(p): p.read_text(encoding="utf-8") for p in files}
        chunks = split_baseline(texts)
        store = Chroma.from_documents(chunks, embeddings_for(embedder), collection_name="baseline",
                                      persist_directory=str(workdir / "baseline"),
                                      client_settings=chromadb.Settings(anonymized_telemetry=False))
        return store, chunks

    (store, chunks), seconds = timed(build)
    return store, chunks, seconds


def baseline_quality(results: list[list[Any]], questions: list[Question], texts: dict[str, str]) -> Quality:
    rankings, counts = [], []
    for result, question in zip(results, questions, strict=False):
        located = [locate_in_files(s, texts) for s in question.spans]
        rankings.append([passage_matches(d.metadata["source"], d.metadata["start_index"],
                                         d.metadata["start_index"] + len(d.page_content),
                                         d.page_content, question.spans, located) for d in result])
        counts.append(len(question.spans))
    return score(rankings, counts)


def run_baseline(files: list[Path], embedder: Embedder, workdir: Path, questions: list[Question],
                 bare: bool, quality: bool) -> SystemRun:
    peak, rss = peak_rss_mb(), rss_mb()
    store, chunks, seconds = build_baseline(files, embedder, workdir)
    run = SystemRun(ingest_s=seconds, chunks=len(chunks))
    if bare:
        _, run.bare_encode_s = timed(lambda: embedder.embed_documents([c.page_content for c in chunks]))
    answerable = [q for q in questions if q.answerable]
    results = apply_latency(run, lambda q: store.similarity_search(q, k=K), query_list(questions))
    if quality:
        by_text = {q.text: r for q, r in zip(questions, results, strict=False)}
        texts = {str(p): p.read_text(encoding="utf-8") for p in files}
        run.quality = baseline_quality([by_text[q.text] for q in answerable], answerable, texts)
    record_rss(run, peak, rss)
    return run


# ---------------------------------------------------------------- briefgen


def briefgen_settings(embed_model: str, data_dir: Path) -> Settings:
    return Settings(paths=PathSettings(data_dir=data_dir), embed=EmbedSettings(model=embed_model))


def briefgen_quality(results: list[list[Any]], questions: list[Question], documents: list[Document]) -> Quality:
    rankings, counts = [], []
    for result, question in zip(results, questions, strict=False):
        located = [locate_in_documents(s, documents) for s in question.spans]
        rankings.append([passage_matches(h.chunk.doc_id, h.chunk.start, h.chunk.end, "", question.spans, located)
                         for h in result])
        counts.append(len(question.spans))
    return score(rankings, counts)


def warm_up() -> None:
    """One-time loads outside the timing, as the model load is outside the bare encode's: the region
    gazetteer and its automaton, jieba's dictionary and its part-of-speech table (about 4.5 s together;
    the table, 0.5 s, is read at the first question whose place name follows a single character)."""
    from briefgen.regions import resolve_region
    from briefgen.tokenize import tokenize, word_tags

    resolve_region("武胜县扩权强县试点工作", "武胜县")
    tokenize("扩权强县试点工作")
    word_tags()


def run_briefgen(paths: list[Path], settings: Settings, embedder: Embedder, questions: list[Question],
                 bare: bool) -> tuple[SystemRun, Any]:
    """Ingest, bare encode of the same chunks, latency and quality; returns the run and the index."""
    from briefgen.index import Index
    from briefgen.ingest import distinct_texts, ingest_paths, vector_units
    from briefgen.retrieve import Retriever

    warm_up()
    peak, rss = peak_rss_mb(), rss_mb()
    index = Index(settings, embedder=embedder)
    report, seconds = timed(lambda: ingest_paths(paths, settings, index, progress=False))
    run = SystemRun(ingest_s=seconds, chunks=report.chunks_added)
    if report.errors:
        run.notes.append(f"ingest errors: {[e.reason for e in report.errors]}")
    if bare:
        # The exact strings ingest embedded (each sentence, with its title and heading path in front), so
        # the overhead is what the pipeline adds around the encoding, not the longer contextual text.
        units = [u for d in index.store.documents(include_duplicates=False)
                 for u in vector_units(d, index.store.chunks(d.doc_id), settings.embed)]
        texts = distinct_texts(units)
        _, run.bare_encode_s = timed(lambda: embedder.embed_documents(texts))
    retriever = Retriever(index)
    results = apply_latency(run, lambda q: retriever.search(q, k=K), query_list(questions))
    by_text = {q.text: r for q, r in zip(questions, results, strict=False)}
    answerable = [q for q in questions if q.answerable]
    documents = index.store.documents(include_duplicates=False)
    run.quality = briefgen_quality([by_text[q.text] for q in answerable], answerable, documents)
    record_rss(run, peak, rss)
    return run, index


# ---------------------------------------------------------------- orchestration


def corpus_files(scale: int, workdir: Path, source: Path) -> list[Path]:
    """1×: the sample dump itself; N×: N variants written by eval.scale (variant 0 = the original)."""
    if scale == 1:
        return [source]
    return write_variants(source, scale, workdir / f"corpus-{scale}")


def run_scale(scale: int, args: argparse.Namespace, embedder: Embedder, questions: list[Question],
              workdir: Path) -> tuple[ScaleRun, BriefTimings | None]:
    files = corpus_files(scale, workdir, args.source)
    settings = briefgen_settings(args.embed, workdir / f"briefgen-{scale}")
    run, index = run_briefgen(files, settings, embedder, questions, bare=not args.no_bare)
    documents = index.store.documents()
    brief = brief_timings(index, settings, args.llm) if scale == 1 else None
    index.close()
    baseline = None
    if scale == 1 or args.baseline_all:
        baseline = run_baseline(files, embedder, workdir / f"lc-{scale}", questions,
                                bare=not args.no_bare, quality=True)
    chars = sum(len(p.read_text(encoding="utf-8")) for p in files)
    dups = sum(1 for d in documents if d.duplicate_of)
    return ScaleRun(scale, chars, len(documents), dups, run, baseline), brief


def default_llm() -> str:
    """'local' when the bundled GGUF is in the model cache, else 'none'."""
    settings = Settings()
    return "local" if (settings.paths.models_dir / settings.llm.local_model).exists() else "none"


class HashedDocuments:
    """`--doc-vectors hash`: documents get bigram-hash vectors of the model's width, in seconds instead of an
    hour at 100×, while every query is embedded by the real model. The latency is then that of the default
    model's query embedding over an index of the real size and width; the quality numbers mean nothing."""

    def __init__(self, model: Embedder) -> None:
        from briefgen.embed import HashEmbedder

        self.model = model
        self.name = model.name
        self.hashes = HashEmbedder(dim=len(model.embed_query("维度")))

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.hashes.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.model.embed_query(text)


def load_embedder(name: str) -> tuple[Embedder, float]:
    """The embedding model (loaded once) and its load seconds; a short encode warms it up."""
    embedder, seconds = timed(lambda: get_embedder(Settings(embed=EmbedSettings(model=name))))
    embedder.embed_documents(["扩权强县试点工作成效", "行政审批时间由原来平均7天缩减为3天"])
    embedder.embed_query("武胜县行政审批要几天?")
    return embedder, seconds


# ---------------------------------------------------------------- reporting


def _fmt(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _ratio(a: float | None, b: float | None) -> str:
    return "–" if a is None or not b else f"{a / b:.2f}"


def scale_rows(run: ScaleRun) -> list[str]:
    rows = []
    for name, sysrun in (("briefgen", run.briefgen), ("baseline", run.baseline)):
        if sysrun is None:
            continue
        q = sysrun.quality
        rows.append(
            f"| {run.scale}× | {name} | {sysrun.chunks} | {_fmt(q.recall if q else None, 3)} | "
            f"{_fmt(q.mrr if q else None, 3)} | {_fmt(sysrun.ingest_s, 1)} | {_fmt(sysrun.bare_encode_s, 1)} | "
            f"{_fmt(sysrun.overhead)} | {_fmt(sysrun.chunks_per_s, 1)} | {_fmt(sysrun.p50_ms, 1)} | "
            f"{_fmt(sysrun.p95_ms, 1)} | {_fmt(sysrun.first_query_ms, 0)} | {sysrun.rss_peak_mb:.0f} "
            f"(+{sysrun.rss_peak_delta_mb:.0f}) | {sysrun.rss_delta_mb:+.0f} |")
    return rows


def ratio_rows(run: ScaleRun) -> list[str]:
    b, base = run.briefgen, run.baseline
    if base is None:
        return []
    bq, lq = b.quality, base.quality
    return [f"| {run.scale}× | {_ratio(bq.recall if bq else None, lq.recall if lq else None)} | "
            f"{_ratio(bq.mrr if bq else None, lq.mrr if lq else None)} | {_ratio(b.ingest_s, base.ingest_s)} | "
            f"{_ratio(b.chunks_per_s, base.chunks_per_s)} | {_ratio(b.p50_ms, base.p50_ms)} | "
            f"{_ratio(b.p95_ms, base.p95_ms)} |"]


def markdown(runs: list[ScaleRun], meta: dict[str, Any]) -> str:
    lines = [f"# briefgen benchmark ({meta['embed']}, {meta.get('backend', '?')})", "",
             f"Embedding model load: {meta['model_load_s']:.1f} s. Queries per scale: gold questions repeated to "
             f"≥{MIN_QUERIES}; quality over {meta['answerable']} answerable questions, top-{K}. "
             f"CPUs: {meta['cpus']}, load average at start/end: "
             f"{meta['load_avg'][0]:.1f}/{meta.get('load_avg_end', [0.0])[0]:.1f} (other jobs share the machine).", "",
             *(["**Latency only** (`--doc-vectors hash`): documents have hash vectors, queries the real model; "
                "recall and MRR below mean nothing.", ""] if meta.get("doc_vectors") == "hash" else []),
             "| scale | system | chunks | recall@5 | MRR | ingest s | bare encode s | overhead | chunks/s | "
             "p50 ms | p95 ms | first query ms | peak RSS MB (Δ) | RSS Δ MB |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    lines += [row for run in runs for row in scale_rows(run)]
    lines += ["", "Ratios briefgen / baseline (same process, same model; these machines are noisy):", "",
              "| scale | recall | MRR | ingest time | chunks/s | p50 | p95 |", "|---|---|---|---|---|---|---|"]
    lines += [row for run in runs for row in ratio_rows(run)]
    if meta.get("briefs"):
        lines += markdown_lines(BriefTimings(**meta["briefs"]))
    lines += ["", "| scale | documents | duplicates flagged | corpus chars |", "|---|---|---|---|"]
    lines += [f"| {r.scale}× | {r.documents} | {r.duplicates} | {r.corpus_chars} |" for r in runs]
    notes = [f"- {r.scale}× {n}" for r in runs for s in (r.briefgen, r.baseline) if s for n in s.notes]
    return "\n".join(lines + (["", *notes] if notes else [])) + "\n"


def to_json(runs: list[ScaleRun], meta: dict[str, Any]) -> dict[str, Any]:
    def system(run: SystemRun | None) -> dict[str, Any] | None:
        return None if run is None else {**asdict(run), "overhead": run.overhead, "chunks_per_s": run.chunks_per_s}

    return {"meta": meta, "scales": [{**{k: v for k, v in asdict(r).items() if k not in ("briefgen", "baseline")},
                                      "briefgen": system(r.briefgen), "baseline": system(r.baseline)} for r in runs]}


def plot(runs: list[ScaleRun], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
    chunks = [r.briefgen.chunks for r in runs]
    left.plot(chunks, [r.briefgen.ingest_s for r in runs], "o-", label="briefgen ingest")
    bare = [(r.briefgen.chunks, r.briefgen.bare_encode_s) for r in runs if r.briefgen.bare_encode_s]
    if bare:
        left.plot(*zip(*bare, strict=True), "s--", label="bare encode (same chunks)")
    base = [(r.baseline.chunks, r.baseline.ingest_s) for r in runs if r.baseline]
    if base:
        left.plot(*zip(*base, strict=True), "^:", label="baseline ingest")
    right.plot(chunks, [r.briefgen.p50_ms for r in runs], "o-", label="briefgen p50")
    right.plot(chunks, [r.briefgen.p95_ms for r in runs], "o--", label="briefgen p95")
    base_q = [(r.baseline.chunks, r.baseline.p50_ms) for r in runs if r.baseline]
    if base_q:
        right.plot(*zip(*base_q, strict=True), "^:", label="baseline p50")
    for axis, label in ((left, "ingest seconds"), (right, "query latency ms")):
        axis.set_xscale("log")
        axis.set_yscale("log")
        axis.set_xlabel("chunks in corpus")
        axis.set_ylabel(label)
        axis.grid(True, which="both", alpha=0.3)
        axis.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def write_outputs(runs: list[ScaleRun], meta: dict[str, Any], out: Path) -> str:
    out.mkdir(parents=True, exist_ok=True)
    text = markdown(runs, meta)
    (out / "bench.md").write_text(text, encoding="utf-8")
    (out / "bench.json").write_text(json.dumps(to_json(runs, meta), ensure_ascii=False, indent=2), encoding="utf-8")
    plot(runs, out / "bench.png")
    return text


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", default="1,10,100", help="comma-separated corpus multiples, e.g. 1,10,100")
    parser.add_argument("--out", type=Path, default=Path("eval/out"), help="folder for bench.md/json/png")
    parser.add_argument("--embed", default=EmbedSettings().model, help="embedding model name/path, or 'hash'")
    parser.add_argument("--source", type=Path, default=DEFAULT_CORPUS, help="the sample dump")
    parser.add_argument("--gold", type=Path, default=GOLD, help="gold questions JSON")
    parser.add_argument("--baseline-all", action="store_true", help="run the baseline at every scale, not only 1×")
    parser.add_argument("--no-bare", action="store_true", help="skip the bare-encode timing (halves the cost)")
    parser.add_argument("--doc-vectors", choices=("model", "hash"), default="model",
                        help="hash: documents get hash vectors of the model's width, queries the real model "
                        "(latency of the default model at 100× without an hour of encoding; quality meaningless)")
    parser.add_argument("--llm", default=default_llm(), help="backend timed for one brief and one answer at 1× "
                        "('local' when its model is cached; 'none' skips)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    args.llm = None if args.llm in ("none", "") else args.llm
    scales = [int(s) for s in re.split(r"[,\s]+", args.scales.strip()) if s]
    questions = load_questions(args.gold)
    embedder, load_s = load_embedder(args.embed)
    backend = getattr(embedder, "backend", type(embedder).__name__)
    if args.doc_vectors == "hash":
        embedder, args.no_bare, args.llm = HashedDocuments(embedder), True, None
    meta: dict[str, Any] = {"embed": args.embed, "backend": backend, "doc_vectors": args.doc_vectors, "model_load_s": load_s, "scales": scales, "briefs": None,
                            "answerable": sum(q.answerable for q in questions), "cpus": psutil.cpu_count(),
                            "load_avg": list(psutil.getloadavg()), "time": time.strftime("%Y-%m-%d %H:%M:%S")}
    runs: list[ScaleRun] = []
    with tempfile.TemporaryDirectory(prefix="briefgen-bench-") as tmp:
        for scale in scales:
            run, briefs = run_scale(scale, args, embedder, questions, Path(tmp))
            meta["briefs"] = asdict(briefs) if briefs else meta["briefs"]
            runs.append(run)
            # Written after every scale, so a long run that is stopped keeps what it measured.
            text = write_outputs(runs, {**meta, "load_avg_end": list(psutil.getloadavg())}, args.out)
            print(f"{scale}×: briefgen ingest {run.briefgen.ingest_s:.1f} s, {run.briefgen.chunks} chunks, "
                  f"p50 {_fmt(run.briefgen.p50_ms, 1)} ms", flush=True)
    print(text)


if __name__ == "__main__":
    main()
