"""The eval suite must be able to fail: every scorer gets right and wrong hand-made inputs,
and the runner is fed deliberately broken components. No real model: HashEmbedder only."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from briefgen.config import Settings
from briefgen.evaluate import (
    EvalReport,
    GoldBrief,
    GoldFigure,
    GoldNoise,
    GoldQuestion,
    Location,
    Locator,
    load_thresholds,
    main,
    run_eval,
    score_answers,
    score_briefs,
    score_figures,
    score_noise,
    score_retrieval,
    write_report,
)
from briefgen.evaluate.report import MetricResult, Threshold, judge
from briefgen.evaluate.scorers import metric_matches
from briefgen.index import Index
from briefgen.models import Answer, Brief, Chunk, Citation, Claim, Document, Figure, Generator, Region, Source

WUSHENG = ("武胜县扩权强县试点工作汇报\n一、工作成效\n2010年全县共向上申报项目245个，获得中央、省支持项目201个，"
           "争取到位资金4.9亿元，同比增长23.7%。相关行政审批时间由原来平均7天缩减为3天。\n二、存在问题\n"
           "差旅、交通、会议等支出比重比扩权前均提高10个百分点，行政运行成本较扩权前有所增加。")
FENGYANG = "凤阳县扩权强镇汇报\n我县四个乡镇被确定为扩权强镇试点镇，争取到位资金3.2亿元。"


def doc(doc_id: str, text: str, county: str | None = None, duplicate_of: str | None = None) -> Document:
    return Document(doc_id=doc_id, title=text.split("\n", 1)[0], source=Source(path="x.txt"), text=text,
                    region=Region(county=county), sha256=doc_id, duplicate_of=duplicate_of)


DOCS = {"w": doc("w", WUSHENG, "武胜县"), "f": doc("f", FENGYANG, "凤阳县")}


def span_of(doc_id: str, quote: str) -> tuple[int, int]:
    start = DOCS[doc_id].text.index(quote)
    return start, start + len(quote)


def cite(doc_id: str, quote: str, shift: int = 0) -> Citation:
    start, end = span_of(doc_id, quote)
    return Citation(doc_id=doc_id, start=start + shift, end=end + shift, quote=quote)


def fig(value: str, value_num: float, unit: str, metric: str | None, subject: str | None = "武胜县",
        doc_id: str = "w") -> Figure:
    start = DOCS[doc_id].text.find(value)
    return Figure(doc_id=doc_id, start=start, end=start + len(value), quote=value, subject=subject, metric=metric,
                  value=value, value_num=value_num, unit=unit)


def gold_fig(value: str, value_num: float, unit: str, metric: str, subject: str | None = "武胜县",
             quote: str = "争取到位资金4.9亿元") -> GoldFigure:
    return GoldFigure(doc_title="武胜县扩权强县试点工作汇报", quote=quote, value=value, value_num=value_num, unit=unit,
                      metric=metric, subject=subject)


FUNDS = "争取到位资金4.9亿元"


def in_w(_: object) -> Location:
    return Location("w", *span_of("w", FUNDS))


# ------------------------------------------------------------------------------------ figures


def test_figures_exact_match_scores_one() -> None:
    score = score_figures([fig("4.9亿元", 4.9e8, "元", "争取到位资金")], [gold_fig("4.9亿元", 4.9e8, "元", "争取到位资金")], in_w)
    assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)


def test_figure_with_wrong_unit_is_not_matched() -> None:
    score = score_figures([fig("4.9亿元", 4.9e8, "美元", "争取到位资金")], [gold_fig("4.9亿元", 4.9e8, "元", "争取到位资金")],
                          in_w)
    assert score.precision == 0.0 and score.recall == 0.0
    assert score.spurious[0]["unit"] == "美元"
    assert "unit" in score.missed[0]["reason"]


@pytest.mark.parametrize(("value_num", "subject", "metric", "matched"), [
    (4.9e8 * (1 + 5e-4), "武胜县", "争取到位资金", True),   # within rel tol 1e-3
    (4.9e8 * 1.01, "武胜县", "争取到位资金", False),
    (4.9e8, "凤阳县", "争取到位资金", False),
    (4.9e8, None, "争取到位资金", False),
    (4.9e8, "武胜县", "到位资金", True),                    # containment
    (4.9e8, "武胜县", "争取到位的资金", True),              # Dice ≥ 0.5
    (4.9e8, "武胜县", "地方财政收入", False),
])
def test_figure_matching_rule(value_num: float, subject: str | None, metric: str, matched: bool) -> None:
    score = score_figures([fig("4.9亿元", value_num, "元", metric, subject)], [gold_fig("4.9亿元", 4.9e8, "元", "争取到位资金")],
                          in_w)
    assert (score.recall == 1.0) is matched


def test_null_subject_matches_null() -> None:
    score = score_figures([fig("4.9亿元", 4.9e8, "元", "争取到位资金", None)],
                          [gold_fig("4.9亿元", 4.9e8, "元", "争取到位资金", None)], in_w)
    assert score.recall == 1.0


def test_metric_dice_and_punctuation() -> None:
    assert metric_matches("中央、省支持项目", "中央省支持项目")
    assert not metric_matches(None, "争取到位资金")


def test_figures_match_one_to_one_and_within_document() -> None:
    gold = [gold_fig("4.9亿元", 4.9e8, "元", "争取到位资金"), gold_fig("4.9亿元", 4.9e8, "元", "争取到位资金")]
    score = score_figures([fig("4.9亿元", 4.9e8, "元", "争取到位资金")], gold, in_w)
    assert score.recall == 0.5 and score.precision == 1.0
    other_doc = fig("4.9亿元", 4.9e8, "元", "争取到位资金")
    other_doc.doc_id = "f"
    assert score_figures([other_doc], gold[:1], in_w).recall == 0.0


def test_gold_from_duplicate_is_mapped_and_deduplicated() -> None:
    gold = [gold_fig("4.9亿元", 4.9e8, "元", "争取到位资金"),
            gold_fig("4.9亿元", 4.9e8, "元", "争取到位资金", quote="争取到位资金4.9亿元，同比")]
    # The second item was found only in a duplicate copy of "w": moved to "w", then dropped as a repeat.
    places = [Location("w", *span_of("w", FUNDS)), Location("w", None, None, via_duplicate=True)]
    score = score_figures([fig("4.9亿元", 4.9e8, "元", "争取到位资金")], gold,
                          lambda g: places[next(i for i, x in enumerate(gold) if x is g)])
    assert score.gold == 1 and score.deduplicated == 1 and score.recall == 1.0


def test_unlocated_gold_counts_as_missed() -> None:
    score = score_figures([], [gold_fig("4.9亿元", 4.9e8, "元", "争取到位资金")], lambda g: None)
    assert score.recall == 0.0 and "not found" in score.missed[0]["reason"]


# ------------------------------------------------------------------------------------ locating


def test_locator_normalises_raw_quotes_and_maps_duplicates() -> None:
    copy = doc("w2", "副本\n" + WUSHENG, "武胜县", duplicate_of="w")
    locator = Locator([copy, DOCS["w"]])
    loc = locator.locate("争取到位资金4.9亿元,同比增长23.7%")  # raw half-width comma
    assert loc is not None and loc.doc_id == "w" and not loc.via_duplicate
    assert DOCS["w"].text[loc.start:loc.end] == "争取到位资金4.9亿元，同比增长23.7%"
    only_copy = locator.locate("副本")
    assert only_copy == Location("w", None, None, via_duplicate=True)
    across_break = locator.locate("工作成效2010年全县")  # crosses a paragraph break
    assert across_break is not None and across_break.doc_id == "w"


# ------------------------------------------------------------------------------------ noise


def test_noise_rejection() -> None:
    noise = [GoldNoise(doc_title=None, quote="2010年全县共向上申报项目245个", text="2010年", kind="year")]
    start, end = span_of("w", "2010年")

    def locate(_: GoldNoise) -> Location:
        return Location("w", start, end)

    clean = score_noise([fig("245个", 245, "个", "向上申报项目")], noise, locate)
    assert clean.rejection == 1.0
    year_as_figure = Figure(doc_id="w", start=start, end=end, quote="", value="2010年", value_num=2010, unit="年")
    noisy = score_noise([year_as_figure], noise, locate)
    assert noisy.rejection == 0.0 and noisy.overlapped[0]["text"] == "2010年"


# ------------------------------------------------------------------------------------ retrieval


def chunk(doc_id: str, start: int, end: int) -> Chunk:
    return Chunk(chunk_id=f"{doc_id}:{start}", doc_id=doc_id, n=0, start=start, end=end,
                 text=DOCS[doc_id].text[start:end])


QUESTION = GoldQuestion(id="q1", question="审批几天?", type="lookup", answerable=True,
                        gold_spans=["相关行政审批时间由原来平均7天缩减为3天"], answer_keywords=["3天"])


def locate_w(quote: str) -> Location | None:
    return Location("w", *span_of("w", quote)) if quote in WUSHENG else None


def test_retrieval_hit_at_rank_one_and_three() -> None:
    start, end = span_of("w", QUESTION.gold_spans[0])
    good = score_retrieval({"q1": [chunk("w", start - 5, end + 5)]}, [QUESTION], locate_w)
    assert good.recall_at_k == 1.0 and good.mrr == 1.0 and not good.failures
    third = score_retrieval({"q1": [chunk("f", 0, 20), chunk("w", 0, 10), chunk("w", start, end)]}, [QUESTION], locate_w)
    assert third.recall_at_k == 1.0 and third.mrr == pytest.approx(1 / 3)


def test_retrieval_misses_other_document_and_small_overlap() -> None:
    start, end = span_of("w", QUESTION.gold_spans[0])
    wrong_doc = score_retrieval({"q1": [chunk("f", 0, len(FENGYANG))]}, [QUESTION], locate_w)
    assert wrong_doc.recall_at_k == 0.0 and wrong_doc.mrr == 0.0
    sliver = score_retrieval({"q1": [chunk("w", start, start + 5)]}, [QUESTION], locate_w)  # < 50 % of the span
    assert sliver.recall_at_k == 0.0 and sliver.failures[0]["id"] == "q1"
    beyond_k = score_retrieval({"q1": [chunk("f", 0, 5)] * 5 + [chunk("w", start, end)]}, [QUESTION], locate_w)
    assert beyond_k.recall_at_k == 0.0


# ------------------------------------------------------------------------------------ answers


UNANSWERABLE = GoldQuestion(id="q2", question="2012年收入?", type="unanswerable", answerable=False)


def test_answer_citation_validity_detects_shifted_offsets() -> None:
    quote = "相关行政审批时间由原来平均7天缩减为3天"
    good = Answer(question="q", answer="由7天缩减为3天", citations=[cite("w", quote)])
    shifted = Answer(question="q", answer="由7天缩减为3天", citations=[cite("w", quote, shift=1)])
    assert score_answers({"q1": good}, [QUESTION], DOCS).citation_validity == 1.0
    bad = score_answers({"q1": shifted}, [QUESTION], DOCS)
    assert bad.citation_validity == 0.0 and bad.failures["citation_validity"][0]["start"] == shifted.citations[0].start


def test_refusals() -> None:
    refused = Answer(question="q", answer="语料中没有相关信息", refused=True)
    answered = Answer(question="q", answer="是3天", citations=[cite("w", "缩减为3天")])
    right = score_answers({"q1": answered, "q2": refused}, [QUESTION, UNANSWERABLE], DOCS)
    assert right.refusal_accuracy == 1.0 and right.false_refusal_rate == 0.0 and right.keyword_hit_rate == 1.0
    wrong = score_answers({"q1": refused, "q2": answered}, [QUESTION, UNANSWERABLE], DOCS)
    assert wrong.refusal_accuracy == 0.0 and wrong.false_refusal_rate == 1.0
    errored = score_answers({}, [QUESTION], DOCS, errors={"q1": "boom"})
    assert errored.false_refusal_rate == 1.0


# ------------------------------------------------------------------------------------ briefs


GEN = Generator(model="fake", prompt_version="v0", settings_hash="0")
GOLD_BRIEF = GoldBrief(subject="武胜县", key_points={"achievements": [
    {"point": "2010年争取到位资金4.9亿元。", "quotes": [FUNDS]}]}, absent_sections=["recommendations"])


def brief(*claims: Claim, warnings: list[str] | None = None, recommendations: list[Claim] | None = None) -> Brief:
    return Brief(subject="武胜县", title="t", achievements=list(claims), recommendations=recommendations or [],
                 warnings=warnings or [], generator=GEN)


def locate_any(quote: str) -> Location | None:
    return locate_w(quote)


def test_brief_good_claim_passes_every_metric() -> None:
    claim = Claim(text="武胜县2010年争取到位资金4.9亿元。", citations=[cite("w", FUNDS)])
    score = score_briefs({"武胜县": brief(claim)}, [GOLD_BRIEF], DOCS, locate_any)
    assert score.citation_validity == 1.0 and score.figure_faithfulness == 1.0
    assert score.citation_support == 1.0 and score.coverage == 1.0
    assert score.wrong_subject_claims == 0 and score.absent_sections == 1.0


def test_brief_wrong_number_is_unfaithful_and_unsupported() -> None:
    claim = Claim(text="武胜县争取到位资金3.5亿元。", citations=[cite("f", "争取到位资金3.2亿元")], comparison=True)
    score = score_briefs({"武胜县": brief(claim)}, [GOLD_BRIEF], DOCS, locate_any)
    assert score.figure_faithfulness == 0.0
    assert score.failures["figure_faithfulness"][0]["numbers"] == ["3.5亿元"]
    assert score.citation_support == 0.0


def test_brief_magnitude_is_normalised() -> None:
    claim = Claim(text="争取到位资金49000万元。", citations=[cite("w", FUNDS)])
    assert score_briefs({"武胜县": brief(claim)}, [GOLD_BRIEF], DOCS, locate_any).figure_faithfulness == 1.0


def test_brief_claim_citing_another_county_is_wrong_subject() -> None:
    claim = Claim(text="我县四个乡镇被确定为扩权强镇试点镇。", citations=[cite("f", "我县四个乡镇被确定为扩权强镇试点镇")])
    score = score_briefs({"武胜县": brief(claim)}, [GOLD_BRIEF], DOCS, locate_any)
    assert score.wrong_subject_claims == 1 and score.failures["wrong_subject_claims"][0]["doc_ids"] == ["f"]
    labelled = claim.model_copy(update={"comparison": True})
    assert score_briefs({"武胜县": brief(labelled)}, [GOLD_BRIEF], DOCS, locate_any).wrong_subject_claims == 0


def test_brief_invalid_citation_and_uncovered_point() -> None:
    claim = Claim(text="行政运行成本有所增加。", citations=[cite("w", "行政运行成本较扩权前有所增加", shift=2)])
    score = score_briefs({"武胜县": brief(claim)}, [GOLD_BRIEF], DOCS, locate_any)
    assert score.citation_validity == 0.0 and score.citation_support == 0.0  # an invalid span supports nothing
    assert score.coverage == 0.0 and score.failures["coverage"][0]["point"].startswith("2010年")


def test_brief_absent_section_needs_empty_or_warning() -> None:
    good = Claim(text="争取到位资金4.9亿元。", citations=[cite("w", FUNDS)])
    filler = Claim(text="建议加强领导。", citations=[cite("w", FUNDS)])
    filled = score_briefs({"武胜县": brief(good, recommendations=[filler])}, [GOLD_BRIEF], DOCS, locate_any)
    assert filled.absent_sections == 0.0
    warned = brief(good, recommendations=[filler], warnings=["建议: no evidence in the corpus"])
    assert score_briefs({"武胜县": warned}, [GOLD_BRIEF], DOCS, locate_any).absent_sections == 1.0


def test_brief_error_leaves_points_uncovered() -> None:
    score = score_briefs({}, [GOLD_BRIEF], DOCS, locate_any, errors={"武胜县": "boom"})
    assert score.coverage == 0.0 and score.failures["errors"][0]["subject"] == "武胜县"


# ------------------------------------------------------------------------------------ thresholds and report


def test_thresholds_min_and_max(tmp_path: Path) -> None:
    path = tmp_path / "t.toml"
    path.write_text("[a]\nx = 0.9\ny = { max = 0.05 }\nz = { min = 1 }\n", encoding="utf-8")
    bounds = load_thresholds(path)
    assert bounds["a.x"] == Threshold(value=0.9) and bounds["a.y"] == Threshold(value=0.05, kind="max")
    assert judge("a", "x", 0.95, bounds).status == "pass" and judge("a", "x", 0.85, bounds).status == "fail"
    assert judge("a", "y", 0.04, bounds).status == "pass" and judge("a", "y", 0.06, bounds).status == "fail"
    assert judge("a", "w", 0.0, bounds).status == "info"


def test_repo_thresholds_file_has_the_agreed_bounds() -> None:
    bounds = load_thresholds()
    assert bounds["figures.precision"].value == 0.97 and bounds["answers.false_refusal_rate"].kind == "max"
    assert bounds["briefs.wrong_subject_claims"] == Threshold(value=0, kind="max")


def test_threshold_breach_fails_report_and_lists_item(tmp_path: Path) -> None:
    bounds = load_thresholds()
    item = {"value": "3.5亿元", "reason": "unit"}
    report = EvalReport(metrics=[judge("figures", "recall", 0.5, bounds, [item]),
                                 judge("figures", "precision", 1.0, bounds)])
    assert not report.passed and report.failed()[0].failing == [item]
    paths = write_report(report, tmp_path / "out")
    assert all(p.exists() and p.stat().st_size > 0 for p in paths.values())
    markdown = paths["md"].read_text(encoding="utf-8")
    assert "| figures.recall | 0.500 | ≥ 0.950 | ❌ FAIL |" in markdown and "3.5亿元" in markdown
    assert json.loads(paths["json"].read_text(encoding="utf-8"))["passed"] is False
    assert paths["chart"].read_bytes()[:4] == b"\x89PNG"


def test_passing_report() -> None:
    report = EvalReport(metrics=[MetricResult(group="g", name="m", value=1.0, threshold=Threshold(value=0.9),
                                              status="pass")])
    assert report.passed


# ------------------------------------------------------------------------------------ runner


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "wusheng.txt").write_text(WUSHENG, encoding="utf-8")
    (folder / "fengyang.txt").write_text(FENGYANG, encoding="utf-8")
    return folder


def write_gold(gold_dir: Path, index: Index, brief_subject: str = "武胜县") -> None:
    """Gold figures taken from the real extractor, so the honest run passes and a broken one must fail."""
    gold_dir.mkdir(parents=True, exist_ok=True)
    figures = []
    for document in index.store.documents():
        for chunk_ in index.store.chunks(document.doc_id):
            for f in chunk_.figures:
                item = {"doc_title": document.title, "quote": document.text[f.start:f.end], "value": f.value,
                        "value_num": f.value_num, "unit": f.unit, "metric": f.metric or "?", "subject": f.subject}
                if item not in figures:
                    figures.append(item)
    questions = [QUESTION.model_dump(), UNANSWERABLE.model_dump()]
    briefs = [{**GOLD_BRIEF.model_dump(), "subject": brief_subject}]
    for name, key, payload in (("figures", "figures", figures), ("noise", "noise", []),
                               ("questions", "questions", questions), ("briefs", "briefs", briefs)):
        (gold_dir / f"{name}.json").write_text(json.dumps({key: payload}, ensure_ascii=False), encoding="utf-8")


class RandomishRetriever:
    """Returns only chunks of the wrong document."""

    def __init__(self, index: Index) -> None:
        self.chunks = [c for c in index.store.chunks() if "凤阳" in c.text]

    def search(self, query: str, k: int | None = None) -> list[Chunk]:
        return self.chunks[: k or 5]


def test_run_eval_honest_vs_broken_components(settings: Settings, index: Index, corpus: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from briefgen.evaluate.runner import index_extractor

    run = dict(gold_dir=tmp_path / "eval" / "gold", out_dir=tmp_path / "out", index=index,
               groups=("figures", "retrieval"))
    open_only = run_eval(settings, corpus=corpus, **run)  # type: ignore[arg-type]  # ingests the corpus
    write_gold(tmp_path / "eval" / "gold", index)
    honest = run_eval(settings, corpus=None, **run)  # type: ignore[arg-type]
    assert open_only.groups["figures"].status == "ran"
    assert honest.metric("figures.recall").value == 1.0  # type: ignore[union-attr]
    assert honest.metric("retrieval.recall_at_5").status == "pass"  # type: ignore[union-attr]
    assert honest.groups["answers"].status == "skipped"

    extract = index_extractor(index)
    broken = run_eval(settings, corpus=None, extract=lambda d: extract(d)[::3] + extract(d)[2::3],
                      retriever=RandomishRetriever(index), **run)  # type: ignore[arg-type]
    assert broken.metric("figures.recall").status == "fail"  # type: ignore[union-attr]
    assert broken.metric("retrieval.recall_at_5").status == "fail"  # type: ignore[union-attr]
    assert not broken.passed


def test_run_eval_brief_with_wrong_number_fails(settings: Settings, index: Index, corpus: Path,
                                                tmp_path: Path) -> None:
    gold_dir = tmp_path / "gold"
    run_eval(settings, gold_dir=gold_dir, corpus=corpus, out_dir=tmp_path / "o", index=index, groups=())
    write_gold(gold_dir, index)
    documents = {d.title: d for d in index.store.documents()}
    wusheng = documents["武胜县扩权强县试点工作汇报"]
    start = wusheng.text.index(FUNDS)
    citation = Citation(doc_id=wusheng.doc_id, start=start, end=start + len(FUNDS), quote=FUNDS)

    def lying_brief(subject: str) -> Brief:
        return brief(Claim(text="争取到位资金5.9亿元。", citations=[citation]))

    report = run_eval(settings, gold_dir=gold_dir, corpus=None, out_dir=tmp_path / "o", index=index,
                      brief_fn=lying_brief, groups=("briefs",))
    assert report.metric("briefs.figure_faithfulness").status == "fail"  # type: ignore[union-attr]
    assert report.metric("briefs.citation_validity").status == "pass"  # type: ignore[union-attr]
    assert (tmp_path / "o" / "briefs.json").exists()


def test_missing_ask_module_skips_group(settings: Settings, index: Index, corpus: Path, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "briefgen.ask", None)  # makes `import briefgen.ask` raise ImportError
    gold_dir = tmp_path / "gold"
    write_gold(gold_dir, index)
    report = run_eval(settings, gold_dir=gold_dir, corpus=corpus, out_dir=tmp_path / "o", index=index,
                      groups=("answers",))
    assert report.groups["answers"].status == "skipped" and "import" in (report.groups["answers"].reason or "")
    assert report.metric("answers.refusal_accuracy").status == "skipped"  # type: ignore[union-attr]
    assert report.passed


def test_main_exits_one_on_failure(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFGEN_EMBED__MODEL", "hash")
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    figure = gold_fig("99个", 99, "个", "不存在的项目")
    (gold_dir / "figures.json").write_text(json.dumps({"figures": [figure.model_dump()]}, ensure_ascii=False),
                                           encoding="utf-8")
    code = main(["--corpus", str(corpus), "--gold", str(gold_dir), "--out", str(tmp_path / "out"),
                 "--groups", "figures", "--thresholds", str(Path(__file__).parents[1] / "eval" / "thresholds.toml")])
    assert code == 1
    assert {p.name for p in (tmp_path / "out").iterdir()} >= {"report.md", "report.json", "chart.png"}


def test_main_scores_several_gold_sets_each_by_its_own_thresholds(corpus: Path, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("BRIEFGEN_EMBED__MODEL", "hash")
    monkeypatch.setenv("BRIEFGEN_PATHS__DATA_DIR", str(tmp_path / "data"))
    figure = gold_fig("99个", 99, "个", "不存在的项目")  # no document gives it: figure recall 0
    for name, floor in (("strict", "recall = 0.5"), ("lenient", "recall = 0.0")):
        (tmp_path / name / "gold").mkdir(parents=True)
        (tmp_path / name / "gold" / "figures.json").write_text(
            json.dumps({"figures": [figure.model_dump()]}, ensure_ascii=False), encoding="utf-8")
        (tmp_path / name / "thresholds.toml").write_text(f"[figures]\n{floor}\n", encoding="utf-8")
    code = main(["--corpus", str(corpus), "--gold", str(tmp_path / "strict" / "gold"), str(tmp_path / "lenient" / "gold"),
                 "--out", str(tmp_path / "out"), "--groups", "figures"])
    lines = capsys.readouterr().out.splitlines()
    assert code == 1  # one set failed its own floor
    assert [line.split(":")[0] for line in lines if "report in" in line] == ["strict FAIL", "lenient PASS"]
    assert any(line.startswith("strict figures.recall") and line.endswith("fail") for line in lines), lines
    assert {p.name for p in (tmp_path / "out").iterdir()} == {"strict", "lenient"}
    assert (tmp_path / "out" / "lenient" / "report.md").exists()
