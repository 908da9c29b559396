"""Unit tests for briefgen.figures. Every sentence here is written for the test, not copied."""

from __future__ import annotations

import re

import pytest

from briefgen.figures import (
    extract_figures,
    figures_to_rows,
    find_conflicts,
    parse_number,
)
from briefgen.models import Figure, Region, Section


def _values(text: str, **kwargs: object) -> list[str]:
    return [f.value for f in extract_figures(text, **kwargs)]  # type: ignore[arg-type]


def _one(text: str, value: str, **kwargs: object) -> Figure:
    found = [f for f in extract_figures(text, **kwargs) if f.value == value]  # type: ignore[arg-type]
    assert len(found) == 1, [f.value for f in extract_figures(text)]
    return found[0]


# --- parse_number ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("二十三", 23),
        ("一百零五", 105),
        ("两", 2),
        ("十", 10),
        ("4.9亿", 4.9e8),
        ("3150万", 3.15e7),
        ("1.2万亿", 1.2e12),
        ("百分之四十", 40),
        ("1,234", 1234),
        ("近500", 500),
        ("200多", 200),
        ("3亿以上", 3e8),
        ("1/4", 0.25),
    ],
)
def test_parse_number(token: str, expected: float) -> None:
    assert parse_number(token) == pytest.approx(expected)


def test_parse_number_rejects_words() -> None:
    with pytest.raises(ValueError):
        parse_number("若干")


# --- Chinese numerals -----------------------------------------------------------------------


def test_chinese_numeral_with_counter() -> None:
    fig = _one("今年全镇新建三个农贸市场和十二所村级幼儿园。", "三个")
    assert fig.value_num == 3 and fig.unit == "个" and fig.metric == "农贸市场"
    assert _one("今年全镇新建三个农贸市场和十二所村级幼儿园。", "十二所").value_num == 12


@pytest.mark.parametrize(
    "text",
    [
        "一是加强组织领导，二是完善考核办法。",
        "明确省、市、县三级职责。",
        "理顺两级政府的关系。",
        "启动一批重点工程。",
        "在一定程度上缓解了压力。",
        "城乡二元结构逐步打破。",
        "选派几十个工作组下乡。",
    ],
)
def test_chinese_numeral_without_counter_is_not_a_figure(text: str) -> None:
    assert _values(text) == []


# --- magnitudes and qualifiers --------------------------------------------------------------


def test_magnitudes_are_applied() -> None:
    text = "全年完成固定资产投资2.35亿元，引进外资3150万美元，全省生产总值1.2万亿元。"
    figs = extract_figures(text)
    assert [(f.value, f.value_num, f.unit) for f in figs] == [
        ("2.35亿元", 235000000, "元"),
        ("3150万美元", 31500000, "美元"),
        ("1.2万亿元", 1.2e12, "元"),
    ]


def test_magnitude_with_duo_and_area_unit() -> None:
    fig = _one("该市面积3万多平方千米。", "3万多平方千米")
    assert fig.value_num == 30000 and fig.unit == "平方千米" and fig.metric == "面积"


def test_magnitude_words_alone_are_not_figures() -> None:
    assert _values("各级干部千方百计帮扶，万众一心。") == []


@pytest.mark.parametrize(
    ("text", "value", "num", "unit"),
    [
        ("全乡近500人外出务工。", "500人", 500, "人"),
        ("落户企业逾30家。", "30家", 30, "家"),
        ("新修道路约12公里。", "12公里", 12, "公里"),
        ("搬迁200多户。", "200多户", 200, "户"),
        ("完成投资3亿元以上。", "3亿元", 3e8, "元"),
        ("每村配备50人左右。", "50人", 50, "人"),
    ],
)
def test_qualifiers_do_not_change_value(text: str, value: str, num: float, unit: str) -> None:
    fig = _one(text, value)
    assert fig.value_num == num and fig.unit == unit


def test_qualifier_words_without_number() -> None:
    assert _values("以上各项工作均已完成，左右两侧已绿化。") == []


# --- changes --------------------------------------------------------------------------------


def test_change_gives_one_record_with_before_and_after() -> None:
    figs = extract_figures("企业办证时间由原来平均10天缩短为4天。")
    assert len(figs) == 1
    fig = figs[0]
    assert (fig.value, fig.value_num, fig.before_value, fig.after_value) == ("4天", 4, 10, 4)
    assert fig.metric is not None and "办证时间" in fig.metric


def test_change_increase_to() -> None:
    figs = extract_figures("入驻园区企业由12家增加到20家。")
    assert [(f.value, f.before_value, f.after_value) for f in figs] == [("20家", 12, 20)]
    assert figs[0].metric is not None and "入驻园区企业" in figs[0].metric


def test_level_after_decrease_verb() -> None:
    fig = _one("群众投诉率下降为3%。", "3%")
    assert fig.value_num == 3 and fig.before_value is None and fig.metric == "群众投诉率"


def test_percentage_points() -> None:
    fig = _one("财政自给率比上年提高5个百分点。", "5个百分点")
    assert fig.unit == "百分点" and fig.value_num == 5
    assert fig.metric is not None and fig.metric.startswith("财政自给率")


def test_change_words_without_numbers() -> None:
    assert _values("资金由县财政统一拨付到乡镇。") == []


def test_two_unrelated_numbers_are_not_a_change() -> None:
    figs = extract_figures("新建学校3所，改造卫生院5所。")
    assert [(f.value, f.before_value) for f in figs] == [("3所", None), ("5所", None)]


# --- 分别 lists -----------------------------------------------------------------------------


def test_respectively_growth_paired_in_order() -> None:
    text = "粮食产量、生猪出栏量和蔬菜产量分别比2015年增长8.1%、12.4%、5.5%。"
    figs = extract_figures(text, year=2016)
    assert [(f.value_num, f.metric) for f in figs] == [
        (8.1, "粮食产量增长"),
        (12.4, "生猪出栏量增长"),
        (5.5, "蔬菜产量增长"),
    ]
    assert all(f.year == 2016 for f in figs)  # 比2015年 is the baseline, not the year


def test_respectively_levels_with_shared_unit() -> None:
    figs = extract_figures("新建中学、卫生院、文化站分别为6、4、9所。")
    assert [(f.value, f.value_num, f.unit, f.metric) for f in figs] == [
        ("6", 6, "所", "新建中学"),
        ("4", 4, "所", "卫生院"),
        ("9所", 9, "所", "文化站"),
    ]


def test_respectively_after_listed_values() -> None:
    text = "2016年实现工业增加值12.5亿元，税收收入2.1亿元，社会消费品零售额8.8亿元，分别比上年增长18.2%、9.7%、11%。"
    figs = extract_figures(text)
    assert [f.metric for f in figs] == [
        "工业增加值",
        "税收收入",
        "社会消费品零售额",
        "工业增加值增长",
        "税收收入增长",
        "社会消费品零售额增长",
    ]
    assert all(f.year == 2016 for f in figs)


def test_respectively_count_mismatch_is_not_paired() -> None:
    figs = extract_figures("甲、乙指标分别增长3%、4%、5%。")
    assert len(figs) == 3
    assert not any(f.metric in ("甲增长", "乙增长") for f in figs)


# --- ratios, fractions, ranges --------------------------------------------------------------


def test_ratio_parts_share_metric_and_years() -> None:
    text = "三次产业结构由2012年的21.5∶40.2∶38.3调整为2015年的17.1∶44.6∶38.3。"
    figs = extract_figures(text)
    assert [f.value_num for f in figs] == [21.5, 40.2, 38.3, 17.1, 44.6, 38.3]
    assert {f.unit for f in figs} == {"比例"}
    assert [f.year for f in figs] == [2012] * 3 + [2015] * 3
    assert len({f.metric for f in figs}) == 1 and "三次产业结构" in (figs[0].metric or "")
    assert all(f.before_value is None for f in figs)


def test_ascii_ratio() -> None:
    figs = extract_figures("县乡两级分成比例为6:4。")
    assert [(f.value, f.unit) for f in figs] == [("6", "比例"), ("4", "比例")]


def test_fraction() -> None:
    fig = _one("近1/3的乡镇完成了机构改革。", "1/3")
    assert fig.value_num == pytest.approx(0.3333, abs=1e-4) and fig.unit == "分数"
    assert _one("约三分之一的村建成了文化室。", "三分之一").unit == "分数"


def test_improper_slash_is_not_a_fraction() -> None:
    assert _values("见附表12/3。") == []


@pytest.mark.parametrize("value", ["2—3人", "2-3人", "2至3人"])
def test_ranges(value: str) -> None:
    fig = _one(f"每个站所仅有{value}。", value)
    assert fig.value_num == 2 and fig.unit == "人"


def test_year_span_and_date_are_not_ranges() -> None:
    assert _values("2009-2010年开展试点，2011-03-15印发方案。") == []


# --- targets --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("力争到2020年全镇生产总值达到50亿元。", "50亿元"),
        ("预计全年完成投资8亿元。", "8亿元"),
        ("计划新建道路12公里。", "12公里"),
        ("确保农民人均纯收入达到1万元。", "1万元"),
    ],
)
def test_targets(text: str, value: str) -> None:
    assert _one(text, value, year=2016).is_target


def test_target_section_heading() -> None:
    text = "二、发展目标\n一是财政收入年均增长15%以上。\n三、保障措施\n去年财政收入增长9%。"
    figs = extract_figures(text)
    assert [(f.value, f.is_target) for f in figs] == [("15%", True), ("9%", False)]


@pytest.mark.parametrize("text", ["2015年完成投资8亿元。", "全县争取到位资金3亿元。", "到2010年底已建成农家书屋40个。"])
def test_achievements_are_not_targets(text: str) -> None:
    assert not any(f.is_target for f in extract_figures(text, year=2011))


# --- years, subjects, sections, offsets -----------------------------------------------------


def test_year_is_nearest_preceding_in_sentence() -> None:
    figs = extract_figures("2012年全镇完成投资3亿元，2013年完成投资4亿元。新增就业800人。", year=2014)
    assert [(f.value, f.year) for f in figs] == [("3亿元", 2012), ("4亿元", 2013), ("800人", 2014)]


def test_bare_years_and_dates_are_not_figures() -> None:
    assert _values("2010年，2009-08-05，2011年12月，20世纪80年代。") == []


def _fake_regions(text: str) -> list[tuple[int, int, str]]:
    names = {"丰乐镇": "丰乐镇", "临江县": "临江县", "江北": "江北省"}
    return [(m.start(), m.end(), names[m.group(0)]) for m in re.finditer("|".join(names), text)]


def test_subject_overridden_by_region_in_sentence() -> None:
    text = "丰乐镇新建厂房12栋。全县新增企业30家。"
    figs = extract_figures(text, subject="临江县", find_regions=_fake_regions)
    assert [(f.value, f.subject) for f in figs] == [("12栋", "丰乐镇"), ("30家", "临江县")]
    assert figs[0].metric == "新建厂房"


def test_region_enumeration_is_not_the_subject() -> None:
    figs = extract_figures("临江县、丰乐镇等5个单位获得表彰。", subject="江北省", find_regions=_fake_regions)
    assert figs[0].subject == "江北省"


def test_offset_section_and_quote() -> None:
    calls: list[int] = []

    def section_at(pos: int) -> Section:
        calls.append(pos)
        return "成效"

    chunk = "经过努力，全年接待游客12万人次，旅游收入增长20%。"
    figs = extract_figures(chunk, doc_id="d1", offset=100, section_at=section_at)
    document = "x" * 100 + chunk
    assert [document[f.start : f.end] for f in figs] == ["12万人次", "20%"]
    assert figs[0].quote == "全年接待游客12万人次" and figs[1].quote == "旅游收入增长20%"
    assert calls == [f.start for f in figs] and all(f.section == "成效" and f.doc_id == "d1" for f in figs)


def test_section_defaults_to_background() -> None:
    assert extract_figures("新建公厕8座。")[0].section == "背景"


# --- metrics --------------------------------------------------------------------------------


def test_metrics_of_a_report_sentence() -> None:
    text = "2015年全县共申报省级项目120个，获得国家支持项目86个，争取到位资金3.6亿元，同比增长12.5%。"
    figs = extract_figures(text)
    assert [f.metric for f in figs] == ["申报省级项目", "获得国家支持项目", "争取到位资金", "争取到位资金增长"]
    assert [f.unit for f in figs] == ["个", "个", "元", "%"]


def test_metric_is_the_counted_noun() -> None:
    assert _one("市国土局设置了9个科室。", "9个").metric == "科室"
    assert _one("下放发改、财政等7部门的权限。", "7部门").metric == "部门"


def test_metric_drops_time_words_and_subject() -> None:
    fig = _one("目前全市城镇化率为48.5%。", "48.5%")
    assert fig.metric == "城镇化率"


# --- noise ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "根据川府发[2007]58号文件。",
        "按照桂政发〔2010〕72号要求。",
        "见政府参阅[2011]6号。",
        "落实滁发[xx]10号精神。",
        "第2页共6页",
        "—1—",
        "一、工作成效",
        "（三）强化保障",
        "2.1 研究方法",
        "3.规范运行",
        "第一，加强领导。",
        "首批试点镇。",
        "第一、二、三产业协调发展。",
        "贯彻党的十七大精神。",
        "学习十七届三中全会精神。",
        "落实市委六届八次全会部署。",
        "实施333工程。",
        "本文系基金项目（06BZZ024）的成果。",
        "形成1对N的格局。",
        "作者（1956-），男。",
        "2018年扩权强镇工作汇报",
        "《2010年政府工作报告》指出。",
    ],
)
def test_noise_is_not_a_figure(text: str) -> None:
    assert _values(text) == []


def test_figure_next_to_noise_is_kept() -> None:
    figs = extract_figures("根据川府发[2007]58号文件，下放管理权限56项。")
    assert [(f.value, f.metric) for f in figs] == [("56项", "下放管理权限")]


def test_heading_numeral_followed_by_figure_line() -> None:
    figs = extract_figures("（二）项目建设\n2.完成投资5亿元。")
    assert [f.value for f in figs] == ["5亿元"]


def test_durations() -> None:
    assert _one("连续21年保持增长。", "21年").unit == "年"
    assert _one("审批时限缩短了3个月。", "3个月").unit == "月"
    fig = _one("工期用了两个多月。", "两个多月")
    assert (fig.value_num, fig.unit) == (2, "月")


def test_share_base_is_not_in_metric() -> None:
    assert _one("工业产值占全县的35%。", "35%").metric == "工业产值"


def test_latin_abbreviation_keeps_its_figure() -> None:
    assert _one("实现GDP120亿元。", "120亿元").metric == "GDP"


# --- conflicts and rows ---------------------------------------------------------------------


def _fig(doc_id: str, value: float, metric: str = "财政收入", year: int | None = 2010) -> Figure:
    return Figure(
        doc_id=doc_id,
        start=0,
        end=1,
        quote="q",
        subject="临江县",
        metric=metric,
        value=str(value),
        value_num=value,
        unit="元",
        year=year,
    )


def test_find_conflicts_between_documents() -> None:
    conflicts = find_conflicts([_fig("a", 3.2e8), _fig("b", 3.5e8), _fig("c", 3.2e8, metric="税收")])
    assert len(conflicts) == 1
    assert conflicts[0].metric == "财政收入" and conflicts[0].year == 2010 and len(conflicts[0].figures) == 2


def test_no_conflict_for_same_value_same_document_or_other_year() -> None:
    assert find_conflicts([_fig("a", 3.2e8), _fig("b", 3.2e8)]) == []
    assert find_conflicts([_fig("a", 3.2e8), _fig("a", 3.5e8)]) == []
    assert find_conflicts([_fig("a", 3.2e8), _fig("b", 3.5e8, year=2011)]) == []


def test_figures_to_rows() -> None:
    rows = figures_to_rows(extract_figures("新建公厕8座。", doc_id="d"))
    assert rows[0]["value"] == "8座" and rows[0]["unit"] == "座" and rows[0]["doc_id"] == "d"
    assert set(rows[0]) >= {"metric", "subject", "year", "value_num", "quote", "is_target"}


# --- units, staged durations, alternatives, aspects ------------------------------------------


def test_square_kilometres_are_canonicalised() -> None:
    fig = _one("全镇总面积128平方公里。", "128平方公里")
    assert fig.unit == "平方千米" and fig.value_num == 128


def test_staged_durations_are_figures() -> None:
    figs = extract_figures("县里提出“一年起步，两年提速，三年跨越”的要求。")
    assert [(f.value, f.value_num, f.unit, f.metric) for f in figs] == [
        ("一年", 1, "年", "起步"),
        ("两年", 2, "年", "提速"),
        ("三年", 3, "年", "跨越"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "一年一度的考核如期举行。",
        "近两年，全镇发展明显加快。",
        "我镇抓住一个机遇，办好一件大事。",
        "一名干部介绍了情况。",
        "三年来，全镇面貌焕然一新。",
        "形成省、市、县三层联动。",
    ],
)
def test_articles_time_phrases_and_tiers_are_not_figures(text: str) -> None:
    assert _values(text) == []


def test_alternative_is_one_record_at_its_lower_bound() -> None:
    figs = extract_figures("每个村配备一名或两名网格员，每个社区配备三至五名协管员。")
    assert [(f.value, f.value_num, f.unit, f.metric) for f in figs] == [
        ("一名或两名", 1, "名", "网格员"),
        ("三至五名", 3, "名", "协管员"),
    ]


def test_aspects_and_layers_are_counted() -> None:
    assert _one("全镇工作还存在两方面不足。", "两方面").unit == "方面"
    fig = _one("这一政策包含两层意思。", "两层")
    assert (fig.value_num, fig.unit, fig.metric) == (2, "层", "意思")


def test_aspect_count_without_a_noun_takes_the_previous_sentence_topic() -> None:
    text = "但是，我省的改革在推进中还存在一些困难。主要表现在两方面："
    fig = _one(text, "两方面", subject="郊区", region=Region(county="郊区"))
    assert fig.metric == "困难" and fig.subject is None  # 我省, and the province is unknown
    fig = _one(text, "两方面", subject="郊区", region=Region(province="江北省", county="郊区"))
    assert fig.subject == "江北省"


def test_aspect_count_with_its_own_noun_stays_in_its_clause() -> None:
    text = "今年全县的农业生产取得了新进展。工作成效体现在四个方面："
    fig = _one(text, "四个", subject="丰乐镇", region=Region(county="临江县", town="丰乐镇"))
    assert fig.metric == "方面" and fig.subject == "丰乐镇"


# --- counted nouns ------------------------------------------------------------------------------


def test_counted_noun_after_the_counter_wins_over_the_phrase_before() -> None:
    assert _one("改革使政府和市场两个独立主体各司其职。", "两个").metric == "独立主体"
    assert _one("确定了两个开展试点的县。", "两个").metric == "县"


def test_designation_names_what_is_counted() -> None:
    figs = extract_figures("全县六个村被评为省级文明村，新建3个村委会办公楼。")
    assert [(f.value, f.metric) for f in figs] == [("六个", "文明村"), ("3个", "村委会办公楼")]


# --- subjects: national, provincial bodies, self-references -------------------------------------


def _more_regions(text: str) -> list[tuple[int, int, str]]:
    names = {
        "丰乐镇": "丰乐镇",
        "临江县": "临江县",
        "江北": "江北省",
        "江南": "江南省",
        "河东": "河东省",
        "北京": "北京市",
        "上海": "上海市",
    }
    return [(m.start(), m.end(), names[m.group(0)]) for m in re.finditer("|".join(names), text)]


def test_counts_of_provinces_and_lists_of_provinces_are_national() -> None:
    text = "江北、江南和河东等12省开展了试点。北京、上海两市率先实行。目前已有20个省（市）实行了这一体制。"
    figs = extract_figures(text, subject="江北省", find_regions=_more_regions)
    assert [(f.value, f.subject) for f in figs] == [("12省", "全国"), ("两市", "全国"), ("20个", "全国")]


def test_macro_regions_are_national_but_a_towns_quarters_are_not() -> None:
    text = "笔者分别在东、中、西三个不同区域选择试点。镇东、中、西三个片区各具特色。"
    figs = extract_figures(text, subject="临江县", find_regions=_more_regions)
    assert [(f.value, f.subject) for f in figs] == [("三个", "全国"), ("三个", "临江县")]


def test_one_named_province_is_not_national() -> None:
    figs = extract_figures("江北省下辖9个地级市。与江南相比，江北人均收入高出800元。", find_regions=_more_regions)
    assert [f.subject for f in figs] == ["江北省", "江北省"]


def test_provincial_body_takes_the_documents_province() -> None:
    text = "省财政厅设立了12个处室，而县财政局只有6个股室。全市新增试点镇5个。"
    region = Region(province="江北省", city="江州市", county="临江县")
    figs = extract_figures(text, subject="临江县", region=region, find_regions=_more_regions)
    assert [(f.value, f.subject) for f in figs] == [("12个", "江北省"), ("6个", "临江县"), ("5个", "江州市")]
    # without the document's region the default subject is kept (backward compatible)
    figs = extract_figures(text, subject="临江县", find_regions=_more_regions)
    assert {f.subject for f in figs} == {"临江县"}
    # the province is unknown: null rather than the county
    assert _one("省财政厅设立了12个处室。", "12个", subject="临江县", region=Region(county="临江县")).subject is None


def test_academic_document_has_no_default_subject() -> None:
    from briefgen.ingest import attach_figures
    from briefgen.models import Chunk, Document, Source

    text = "调动市、县两个层面的积极性。河南省下辖17个地级市。"
    chunk = Chunk(chunk_id="d:0", doc_id="d", n=0, start=0, end=len(text), text=text)
    for kind, expected in (("academic", None), ("report", "河南省")):
        region = Region(province="河南省")
        doc = Document(doc_id="d", title="t", source=Source(path="x"), text=text, sha256="0", kind=kind, region=region)
        figs = attach_figures(doc, [chunk.model_copy()])[0].figures
        assert figs[0].value == "两个" and figs[0].subject == expected
        assert figs[1].subject == "河南省"  # named where it stands


def test_several_regions_earlier_in_the_sentence_keep_the_documents_region() -> None:
    text = "临江县位于江北省南部，总面积900平方公里。丰乐镇、临江县两地联合，每地投入资金50万元。"
    figs = extract_figures(text, subject="临江县", find_regions=_more_regions)
    assert [(f.value, f.subject) for f in figs] == [("900平方公里", "临江县"), ("50万元", "临江县")]
    # a nested name (county + town) is one place: the town
    fig = _one("临江县丰乐镇地处山区，耕地面积3万亩。", "3万亩", subject="江北省", find_regions=_more_regions)
    assert fig.subject == "丰乐镇"


def test_own_lower_level_in_a_provincial_clause_wins() -> None:
    region = Region(province="江北省", county="临江县")
    fig = _one("省政府下放给我县的权限共有121项。", "121项", subject="临江县", region=region)
    assert fig.subject == "临江县"
    fig = _one("2012年全省新增试点县8个。", "8个", subject="临江县", region=region)
    assert fig.subject == "江北省"


def test_staged_list_with_a_one_character_verb() -> None:
    assert _values("按照“一年打基础、两年上台阶、三年大变样”推进。") == ["一年", "两年", "三年"]
