"""Integration: the real EmbeddingGemma model, the real Chroma, and the real local LLM (slow)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.ask import ask
from briefgen.brief import make_brief
from briefgen.config import Settings
from briefgen.index import Index
from briefgen.ingest import ingest_paths

pytestmark = pytest.mark.integration


def _have(settings: Settings, name: str) -> bool:
    return (settings.paths.models_dir / name).exists()


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, Index]:
    import os

    from tests.conftest import SAMPLE

    data = tmp_path_factory.mktemp("real")
    os.environ["BRIEFGEN_PATHS__DATA_DIR"] = str(data / "vectorstore")
    os.environ["BRIEFGEN_PATHS__LLM_CACHE_DIR"] = str(data / "llm-cache")
    settings = Settings()
    if not _have(settings, settings.embed.model):
        pytest.skip("embedding model not pulled (run scripts/setup.sh)")
    index = Index(settings)
    report = ingest_paths([SAMPLE], settings, index, progress=False)
    assert report.errors == [] and report.chunks_added == len(index.indexed_chunks()) > 50
    return settings, index


def _verbatim(index: Index, citations: list) -> bool:
    return all(index.store.document(c.doc_id).text[c.start : c.end] == c.quote for c in citations)


def test_real_retrieval_finds_the_county_passage(real: tuple[Settings, Index]) -> None:
    settings, index = real
    answer = ask("武胜县扩权以后行政审批要几天？", index, settings, llm="extractive")
    assert not answer.refused and "3天" in answer.answer and _verbatim(index, answer.citations)


def test_a_figure_of_a_place_named_is_taken_from_its_document_among_three_sources(real: tuple[Settings, Index]) -> None:
    settings, index = real
    # three sources interleaved: 武胜县's report comes third, yet its figure answers the ask that names 武胜县 (and
    # 2018年 of the next ask between commas holds it back no more)
    question = ("承接下放权限时基层人手有多紧？武胜县发改局每个股室有几个人，2018年那个镇相关站所原先有几个人，"
                "政协委员的反映材料又归因于什么？")
    answer = ask(question, index, settings, llm="extractive")
    assert "每个股室仅有2—3人" in answer.answer and _verbatim(index, answer.citations)


def test_a_figure_asked_across_sources_may_come_from_any_of_them(real: tuple[Settings, Index]) -> None:
    settings, index = real
    # 几份材料…: the 政协 proposal and the 2018 report rank first, 武胜县's report (the only one with the count) third
    question = "几份材料谈到县级部门接住下放的审批事权时,在编制上暴露出哪些短板?有没有讲到一个股室具体只有几个人?"
    answer = ask(question, index, settings, llm="extractive")
    assert "每个股室仅有2—3人" in answer.answer and _verbatim(index, answer.citations)


@pytest.fixture
def local_llm(real: tuple[Settings, Index]) -> tuple[Settings, Index]:
    """The real index with the local LLM required: no silent extractive fallback."""
    settings, index = real
    if not _have(settings, settings.llm.local_model):
        pytest.skip("local LLM not pulled")
    settings.llm.fallback_extractive = False
    return settings, index


def test_local_llm_answer_is_cited_verbatim(local_llm: tuple[Settings, Index]) -> None:
    settings, index = local_llm
    answer = ask("凤阳县哪几个镇是扩权强镇试点？", index, settings, llm="local")
    assert not answer.refused and answer.citations and _verbatim(index, answer.citations)
    cited = answer.answer + "".join(c.quote for c in answer.citations)
    assert any(town in cited for town in ("大庙", "刘府", "临淮关", "武店"))


def test_local_llm_brief_is_verified(local_llm: tuple[Settings, Index]) -> None:
    settings, index = local_llm
    made = make_brief("凤阳县", index, settings, llm="local")
    claims = made.achievements + made.problems + made.recommendations
    assert made.achievements and made.generator.model.endswith(".gguf")
    for claim in claims:
        assert claim.status == "verified" and claim.citations and _verbatim(index, claim.citations)
    assert made.recommendations == []  # the 凤阳县 report has no 建议 section


def test_fast_profile_retrieves_the_county_passage(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The distilled static model (`briefgen models pull fast`) through the same ingest and ask."""
    from briefgen.config import EmbedSettings, PathSettings
    from briefgen.fetch import FAST_MODEL
    from tests.conftest import SAMPLE

    data = tmp_path_factory.mktemp("fast")
    settings = Settings(paths=PathSettings(data_dir=data / "vectorstore", llm_cache_dir=data / "llm"),
                        embed=EmbedSettings(model=FAST_MODEL))
    if not _have(settings, FAST_MODEL):
        pytest.skip("fast profile not distilled (briefgen models pull fast)")
    index = Index(settings)
    ingest_paths([SAMPLE], settings, index, progress=False)
    assert index.embedder.name == FAST_MODEL and len(index.embedder.embed_query("武胜县")) == 256
    answer = ask("武胜县扩权以后行政审批要几天？", index, settings, llm="extractive")
    assert not answer.refused and "3天" in answer.answer and _verbatim(index, answer.citations)


def test_onnx_export_gives_the_pytorch_vectors() -> None:
    """The ONNX export (`briefgen models pull onnx`) against PyTorch: queries, a padded batch of documents,
    and a document past the 512-token limit (cut; the sliding-window layers see the full window)."""
    import numpy as np

    from briefgen.config import EmbedSettings
    from briefgen.embed import OnnxEmbedder, SentenceTransformerEmbedder, resolve_model_path
    from briefgen.onnx_export import current_export, tokenizer_checked

    settings = Settings(embed=EmbedSettings(backend="onnx"))
    if not _have(settings, settings.embed.model):
        pytest.skip("embedding model not pulled (run scripts/setup.sh)")
    path = resolve_model_path(settings.embed.model, settings.paths.models_dir)
    graph = current_export(Path(path))
    if graph is None:
        pytest.skip("no ONNX export (briefgen models pull onnx)")
    assert tokenizer_checked(graph)  # the export found `tokenizers` alone gives the same ids: no transformers import
    fast = OnnxEmbedder(settings, path, graph, fast_tokenizer=True)
    reference = SentenceTransformerEmbedder(settings)
    long = "扩权强县改革把地级市的部分经济社会管理权限直接下放到县，审批环节随之减少。" * 25
    assert int(fast.encoder.tokenize([long])["attention_mask"].sum()) == settings.embed.max_seq_length  # cut
    documents = ["凤阳县", "武胜县扩权后行政审批由7天缩短为3天。", long]
    got, want = np.array(fast.embed_documents(documents)), np.array(reference.embed_documents(documents))
    assert np.min(np.sum(got * want, axis=1)) > 0.9999
    for query in ("武胜县扩权以后行政审批要几天？", "临溪镇和蒲场镇有什么不同"):
        assert float(np.dot(fast.embed_query(query), reference.embed_query(query))) > 0.9999
    assert float(np.dot(fast.embed_query(documents[1]), reference.embed_documents([documents[1]])[0])) < 0.99
