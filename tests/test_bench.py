"""eval.bench scoring on hand-made rankings, and eval.scale variants that never deduplicate."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.config import Settings
from briefgen.embed import HashEmbedder
from briefgen.index import Index
from briefgen.ingest import ingest_paths
from briefgen.ingest.documents import documents_from_file
from eval.bench import (
    HashedDocuments,
    Question,
    briefgen_settings,
    canon,
    coverage,
    find_loose,
    load_questions,
    passage_matches,
    percentile,
    run_briefgen,
    score,
)
from eval.bench_briefs import brief_timings, markdown_lines
from eval.scale import make_variant, perturb_numbers, rewrite, write_variants


def test_gold_at_rank_two_gives_mrr_half() -> None:
    # Question 1: its only span is held by the 2nd passage. Question 2: one of two spans at rank 1.
    rankings = [[set(), {0}, set(), set(), set()], [{1}, set(), set(), set(), set()]]
    quality = score(rankings, [1, 2])
    assert quality.mrr == pytest.approx((0.5 + 1.0) / 2)
    assert quality.recall == pytest.approx((1.0 + 0.5) / 2)
    assert quality.hit_rate == 1.0


def test_gold_below_top_k_counts_as_missed() -> None:
    ranking = [[set()] * 5 + [{0}]]
    quality = score(ranking, [1], k=5)
    assert quality.mrr == 0.0 and quality.recall == 0.0


def test_span_match_rules() -> None:
    span = "时间由原来平均7天缩减为3天;与省上"
    assert canon(span) in canon("相关行政审批 时间由原来平均7天缩减为3天；与省上公文")
    assert coverage(0, 10, 5, 15) == 0.5 and coverage(0, 10, 10, 20) == 0.0
    # A passage covering 60% of the located span matches; one covering 40% does not.
    located = [[("doc", 100, 110)]]
    assert passage_matches("doc", 90, 106, "", ["x" * 10], located) == {0}
    assert passage_matches("doc", 106, 200, "", ["x" * 10], located) == set()
    assert passage_matches("other", 90, 106, "", ["x" * 10], located) == set()
    assert find_loose("甲乙 丙丁，戊", "乙丙丁,戊") == [(1, 7)]
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == pytest.approx(2.5)


def test_numbers_scale_with_their_decimals_and_years_stay() -> None:
    text = "2010年实现国内生产总值101.1亿元,农民人均纯收入5605元,增长28.6%。1、审批"
    assert perturb_numbers(text, 2.0) == "2010年实现国内生产总值202.2亿元,农民人均纯收入11210元,增长57.2%。1、审批"


def test_gold_questions_load() -> None:
    questions = load_questions()
    assert any(not q.answerable and not q.spans for q in questions)
    assert all(q.spans for q in questions if q.answerable)


def test_variants_do_not_deduplicate(sample_corpus: Path, tmp_path: Path) -> None:
    paths = write_variants(sample_corpus, 2, tmp_path / "corpus")
    assert paths[0].read_text(encoding="utf-8") == sample_corpus.read_text(encoding="utf-8")
    per_file = [len(documents_from_file(p, 10**8)) for p in paths]
    assert per_file[0] == per_file[1] == 16
    settings = Settings(paths={"data_dir": tmp_path / "store"}, embed={"model": "hash"})  # type: ignore[arg-type]
    index = Index(settings, embedder=HashEmbedder())
    ingest_paths(paths, settings, index, progress=False)
    documents = index.store.documents()
    index.close()
    by_file: dict[str, list[bool]] = {}
    for doc in documents:
        by_file.setdefault(Path(doc.source.path).name, []).append(doc.duplicate_of is not None)
    assert {name: sum(flags) for name, flags in by_file.items()} == {p.name: 2 for p in paths}
    assert [len(by_file[p.name]) for p in paths] == [16, 16]


def test_variant_is_deterministic_and_renames(sample_corpus: Path) -> None:
    text = sample_corpus.read_text(encoding="utf-8")
    first, again = make_variant(text, 1), make_variant(text, 1)
    assert first == again and first.names["武胜县"] == first.place != "武胜县"
    assert make_variant(text, 2).place != first.place
    rewritten = rewrite(text, first)
    assert "武胜县" not in rewritten and first.place in rewritten


def test_briefgen_run_scores_the_gold_with_the_hash_embedder(sample_corpus: Path, tmp_path: Path) -> None:
    questions = [q for q in load_questions() if q.answerable][:6]
    questions.append(Question("none", "火星上的扩权强县试点?", False, []))
    settings = briefgen_settings("hash", tmp_path / "bg")
    run, index = run_briefgen([sample_corpus], settings, HashEmbedder(), questions, bare=True)
    index.close()
    assert run.chunks > 50 and run.queries >= 100
    assert run.quality is not None and run.quality.questions == 6
    assert 0.0 < run.quality.recall <= 1.0 and 0.0 < run.quality.mrr <= 1.0
    assert run.bare_encode_s is not None and run.overhead is not None and run.overhead > 1.0
    assert run.p50_ms is not None and run.p95_ms is not None and run.p50_ms <= run.p95_ms


def test_brief_timings_cover_extractive_batch_and_an_llm(sample_corpus: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import briefgen.ask as ask_module
    import briefgen.brief as brief_module
    from tests.fakes import PromptedChat

    settings = briefgen_settings("hash", tmp_path / "bg")
    index = Index(settings, embedder=HashEmbedder())
    ingest_paths([sample_corpus], settings, index, progress=False)
    model = PromptedChat(respond=lambda prompt, n: '{"claims": [], "refused": true}')
    monkeypatch.setattr(brief_module, "chat_model", lambda *a, **k: model)
    monkeypatch.setattr(ask_module, "chat_model", lambda *a, **k: model)
    timings = brief_timings(index, settings, "openai")
    assert timings.subjects[:2] == ["武胜县", "凤阳县"]
    assert timings.extractive_mean_s is not None and 0 < timings.extractive_mean_s <= timings.extractive_max_s  # type: ignore[operator]
    assert timings.batch_wall_s is not None and timings.batch_wall_s > 0
    assert timings.llm_brief_s is not None and timings.llm_ask_s is not None
    assert len(model.prompts) >= 2  # a brief and an answer really called the model (no cache replay)
    text = "\n".join(markdown_lines(timings))
    assert "| openai LLM brief (武胜县), cold cache |" in text and "≤ 90" in text


def test_hashed_documents_keep_the_models_width_and_its_queries() -> None:
    class Wide(HashEmbedder):  # stands for the real model: 768 wide, queries it embeds itself
        def embed_query(self, text: str) -> list[float]:
            return [1.0] + [0.0] * (self.dim - 1)

    split = HashedDocuments(Wide(dim=768))
    assert [len(v) for v in split.embed_documents(["扩权强县试点", "行政审批时间"])] == [768, 768]
    assert split.embed_documents(["扩权强县试点"]) == HashEmbedder(dim=768).embed_documents(["扩权强县试点"])
    assert split.embed_query("武胜县审批要几天？")[0] == 1.0  # the query goes to the model
