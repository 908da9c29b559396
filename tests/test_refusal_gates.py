"""The evidence gates that decide a refusal: the counter a question asks for, the year of a target,
which-place questions, and a paper's front matter (hash embedder, small documents)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.ask import (
    _OFFICE_Q,
    REFUSAL,
    _compares_how,
    _counted_noun,
    _names_alone,
    as_question,
    ask,
    asks_quantity,
    which_place,
)
from briefgen.config import Settings
from briefgen.index import Index
from briefgen.ingest import ingest_paths

PLAN = """青石镇2012年扩权强镇试点实施方案
一、总体目标
力争到2015年，使青石镇成为全省示范镇。建成区面积达到6平方公里以上，镇区人口达到4万人以上。
2011年全镇完成固定资产投资2.1亿元。
扩权后常到省里请示汇报，2012年“差旅、交通、会议”等支出比重比扩权前提高8个百分点。
二、权限下放
县里向青石镇下放县级经济社会管理权限，涉及发展改革、国土、规划、建设等8个部门。
三、试点范围
全县确定青石镇、白沙镇、红岩镇三个乡镇为扩权强镇试点镇。
"""
PAPER = """省直管县改革的回顾与思考
收稿日期：2011-03-02 基金项目：河南省省直管县体制改革试点专家咨询课题。作者简介：李某，男，河南郑州人，教授。
摘要：省直管县体制有利于减少行政层级，有利于增强县域经济发展的自主性。
一、改革的由来
省直管县体制改革是在市管县体制弊端日益显现的背景下提出的，各地做法不尽相同，仍需稳妥推进。
目前全国已有24个省（市）实行了近似省直管县的财政体制，其中包括4个直辖市。
"""


@pytest.fixture
def small(tmp_path: Path, settings: Settings, index: Index) -> Index:
    for name, text in (("plan.txt", PLAN), ("paper.txt", PAPER)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    report = ingest_paths([tmp_path / "plan.txt", tmp_path / "paper.txt"], settings, index, progress=False)
    assert len(report.added) == 2, report
    return index


def test_a_count_of_items_is_not_answered_by_a_count_of_something_else(small: Index, settings: Settings) -> None:
    assert ask("青石镇承接了多少项部门下放的权限？", small, settings).answer == REFUSAL  # 8个部门 is no 项
    answer = ask("县里给青石镇下放权限，涉及几个部门？", small, settings)
    assert "8个部门" in answer.answer  # 个 stands for any noun: a count of departments answers it
    answer = ask("青石镇承接了多少项县级权限？涉及几个部门？", small, settings)
    assert "8个部门" in answer.answer  # either half of a compound count question may be answered


def test_a_count_of_one_noun_is_not_answered_by_a_count_of_another(small: Index, settings: Settings) -> None:
    assert ask("全国已有几个县实行了近似省直管县的财政体制？", small, settings).answer == REFUSAL  # 省, 直辖市
    assert "24个省" in ask("全国已有多少个省实行了近似省直管县的财政体制？", small, settings).answer
    # the noun may stand before the count (纳入试点的镇有几个？): no word of the question names the figure
    assert "三个乡镇" in ask("青石镇那份方案里，纳入试点的镇有几个？", small, settings).answer
    assert ask("青石镇那份方案里，纳入试点的县有几个？", small, settings).answer == REFUSAL


def test_a_figure_dated_to_another_year_does_not_answer(small: Index, settings: Settings) -> None:
    # the plan is of 2012, but its sentence dates the figure to 2011: no answer for 2012
    assert ask("青石镇2012年完成固定资产投资多少？", small, settings).answer == REFUSAL
    assert "2.1亿元" in ask("青石镇2011年完成固定资产投资多少？", small, settings).answer
    # …but a year that dates the document asked about (2012年的那份方案里) is no year of its figures
    assert "2.1亿元" in ask("青石镇2012年的那份方案里，全镇完成固定资产投资多少？", small, settings).answer


def test_a_list_of_places_asked_for_needs_places_of_that_level(small: Index, settings: Settings) -> None:
    # 试点县都有哪些 asks for counties: the paper's grant line names only 河南省
    assert ask("河南省直管县体制改革第一批试点县都有哪些，列个名单", small, settings).answer == REFUSAL
    assert "白沙镇" in ask("青石镇那份方案里，试点镇都有哪些？", small, settings).answer


def test_pointing_words_and_totals_are_not_counters(small: Index, settings: Settings) -> None:
    # 这几项 points at the items just named, it asks for no count of 项: the 平方公里 figure of the named metric answers
    answer = ask("青石镇建成区面积、镇区人口这几项指标，建成区面积要达到多少？", small, settings)
    assert "6平方公里" in answer.answer
    # 列几个例子 asks for a few examples, not for a count: no figure is needed
    assert not ask("县里给青石镇下放权限涉及哪些方面，给我列几个例子。", small, settings).refused
    # the 一 of 一共多少个 is no counted noun: the named metric (部门) decides
    assert "8个部门" in ask("县里给青石镇下放权限，涉及的部门一共多少个？", small, settings).answer


def test_a_target_year_named_before_the_targets_counts(small: Index, settings: Settings) -> None:
    answer = ask("青石镇到2015年建成区面积要达到多少？", small, settings)
    assert not answer.refused and "6平方公里" in answer.answer


def test_which_place_needs_a_place_of_that_level_and_front_matter_is_no_evidence(small: Index,
                                                                                 settings: Settings) -> None:
    assert ask("河南省第一批省直管县改革试点都有哪些县？", small, settings).answer == REFUSAL
    # the abstract (cited without its 摘要： label), not the masthead before it
    assert ask("省直管县体制有什么好处？", small, settings).citations[0].quote.startswith("省直管县体制有利于减少行政层级")
    # …except for when the journal received the paper, which only the front matter says
    assert "2011-03-02" in ask("那篇省直管县改革回顾的论文，编辑部是哪一天收到稿件的？", small, settings).answer
    assert "2011-03-02" in ask("省直管县改革回顾那篇的收稿日期是哪天？", small, settings).answer
    assert "2011-03-02" in ask("编辑部哪一天收到李某那篇稿件？", small, settings).answer  # words between 收到 and 稿件
    # …and for what funded it, which the same front matter line says
    assert "专家咨询课题" in ask("李某那篇省直管县改革回顾的文章是哪个基金资助的？", small, settings).answer
    # how many rounds asks a count in rounds: the plan's years and targets are none
    assert asks_quantity("青石镇一共进行了几轮扩权？") and not asks_quantity("青石镇是第几批试点？")
    assert ask("青石镇一共进行了几轮扩权？", small, settings).answer == REFUSAL


@pytest.mark.parametrize("question,asks", [("凤阳那几个试点镇靠什么产业？", False), ("这几个镇的做法", False),
                                           ("凤阳有几个试点镇？", True), ("下放了多少项权限", True),
                                           ("组长由谁担任，给我列几个例子。", False), ("举几个例子", False),
                                           ("把几个实施方案里讲权责的原则找出来", False), ("几个实施方案里有几项原则", True),
                                           ("方案里有几个试点镇？", True), ("县里给几个镇下放了权限？", True),
                                           ("汇总下几个镇的做法", False), ("比较一下几份材料的说法", False),
                                           ("几个试点镇分别靠什么产业打底子？", False),
                                           ("考核里经济指标占多大权重？", True), ("占多大比重", True),
                                           ("两种体制在行政层级多少上各是什么情况？", False),  # 多少上: in number
                                           ("行政层级有多少级？", True), ("县里出台了多少方案？", True),
                                           ("一共争取到多少上级项目资金？", True),  # 多少上级: an amount
                                           ("把几个县的说法合起来讲讲。", False)])  # 把几个: a few, taken together
def test_which_counts_are_asked_for(question: str, asks: bool) -> None:
    assert asks_quantity(question) is asks


def test_an_llm_answer_that_misses_the_asked_figure_is_led_by_it(small: Index, settings: Settings,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    import briefgen.ask as ask_module
    from tests.fakes import PromptedChat, sentence_number

    def neighbour(prompt: str, _: int) -> str:  # the model cites the sentence next to the answer
        label = sentence_number(prompt, "力争到2015年")
        return json.dumps({"claims": [{"text": "力争到2015年，使青石镇成为全省示范镇", "s": [label]}], "refused": False},
                          ensure_ascii=False)

    monkeypatch.setattr(ask_module, "chat_model", lambda *a, **k: PromptedChat(respond=neighbour))
    answer = ask("青石镇到2015年建成区面积要达到多少？", small, settings, llm="local")
    assert "6平方公里" in answer.citations[0].quote and len(answer.claims) == 2
    assert any("missed the sentence" in w for w in answer.warnings)


def test_a_question_where_a_paper_was_published_needs_a_journal(tmp_path: Path, settings: Settings,
                                                                index: Index) -> None:
    journal = PAPER.replace("收稿日期：", "第5卷第2期2011年4月青石学院学报 收稿日期：")
    for name, text in (("plan.txt", PLAN), ("paper.txt", PAPER)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    ingest_paths([tmp_path / "plan.txt", tmp_path / "paper.txt"], settings, index, progress=False)
    assert ask("李某那篇省直管县改革的文章发表在哪本期刊上？", index, settings).answer == REFUSAL
    assert ask("李某那篇省直管县改革的文章最初刊载在哪一本期刊的哪一期？", index, settings).answer == REFUSAL
    (tmp_path / "paper.txt").write_text(journal, encoding="utf-8")
    ingest_paths([tmp_path / "paper.txt"], settings, index, progress=False)
    assert "青石学院学报" in ask("李某那篇省直管县改革的文章发表在哪本期刊上？", index, settings).answer
    assert "青石学院学报" in ask("李某那篇省直管县改革的文章刊载于哪一刊物？", index, settings).answer


def test_an_authors_workplace_needs_an_institution(tmp_path: Path, settings: Settings, index: Index) -> None:
    (tmp_path / "paper.txt").write_text(PAPER, encoding="utf-8")
    ingest_paths([tmp_path / "paper.txt"], settings, index, progress=False)
    assert ask("李某写这篇省直管县改革文章时在哪所高校任职？", index, settings).answer == REFUSAL
    body = "本文作者李某长期在青石大学公共管理学院任教，研究省直管县改革。"  # in the body: front matter is no evidence
    (tmp_path / "paper.txt").write_text(PAPER.replace("一、改革的由来\n", "一、改革的由来\n" + body), encoding="utf-8")
    ingest_paths([tmp_path / "paper.txt"], settings, index, progress=False)
    assert "青石大学" in ask("李某写这篇省直管县改革文章时在哪所高校任职？", index, settings).answer
    from briefgen.ask import _AFFILIATION_Q

    assert not _AFFILIATION_Q.search("镇里请了哪家单位来做实地勘察和规划编制？")  # a contractor, not a workplace
    assert _AFFILIATION_Q.search("那篇文章的作者是在哪个单位工作的？")
    assert not _AFFILIATION_Q.search("编规划时请的是哪家单位来实地勘察？")  # a contractor too
    assert not _AFFILIATION_Q.search("1959年是哪个机构发文，让大城市可以管辖周边的县？")  # an issuer
    assert not _AFFILIATION_Q.search("下放的审批事项由哪个单位负责？")


def test_internal_bodies_are_counted_as_offices(tmp_path: Path, settings: Settings, index: Index) -> None:
    report = ("青石县扩权强县试点工作调研报告\n二、存在的问题\n（一）职能发挥不足。省县部门内设机构设置不匹配，"
              "如省发展改革委设置了27个处室，而青石县发展改革局仅有5个股室，工作量非常大。\n")
    (tmp_path / "report.txt").write_text(report, encoding="utf-8")
    ingest_paths([tmp_path / "report.txt"], settings, index, progress=False)
    # 分别 is no counted noun; 内设机构 are counted as 处室 and 股室
    answer = ask("青石县调研报告里，省发改委和县发改局的内设机构分别有多少个？", index, settings).answer
    assert "27个处室" in answer and "5个股室" in answer, answer
    assert ask("青石县调研报告里，省发改委和县发改局分别有多少个试点镇？", index, settings).answer == REFUSAL
    # …and so when counted after the counter (双方各设多少个内设机构)
    assert "27个处室" in ask("青石县调研报告举了省发改委与县发改局的例子，双方各设多少个内设机构？", index, settings).answer
    # a department's size (部门…规模差了多少) is told by counts of its offices
    assert "27个处室" in ask("青石县的发改部门跟省里对口部门比，规模差了多少？", index, settings).answer
    # …and so is a count of offices of another kind (内设科室差多少: 27个处室, 5个股室)
    assert "27个处室" in ask("青石县发改局跟省发改委比，内设科室差多少？", index, settings).answer


def test_a_persons_name_needs_a_name_not_a_role(tmp_path: Path, settings: Settings, index: Index) -> None:
    plan = PLAN + "四、组织保障\n成立扩权强镇试点工作领导小组，由镇党委书记任组长，镇长任副组长，统筹推进改革试点。\n"
    (tmp_path / "plan.txt").write_text(plan, encoding="utf-8")
    ingest_paths([tmp_path / "plan.txt"], settings, index, progress=False)
    question = "青石镇扩权强镇领导小组的组长是镇党委书记，这位书记的姓名是什么？"
    assert ask(question, index, settings).answer == REFUSAL  # 镇党委书记 is a role: it names nobody
    named = plan.replace("由镇党委书记任组长", "由镇党委书记赵青山同志任组长")
    (tmp_path / "plan.txt").write_text(named, encoding="utf-8")
    ingest_paths([tmp_path / "plan.txt"], settings, index, progress=False)
    assert "赵青山" in ask(question, index, settings).answer


@pytest.mark.parametrize(("sentence", "named"), [
    ("郊区政协副主席王振涛，区政协委员王淑芹反映", True), ("崔会敏(1974-),女,河南郾城人", True),
    ("分析Ξ 孙学玉 内容提要 实践表明", True), ("据中国社会科学院财贸所副研究员张斌介绍", True),
    ("由镇党委书记任组长，镇长任第一副组长", False), ("以局长为组长,副局长为副组长", False),
])
def test_what_counts_as_a_persons_name(sentence: str, named: bool) -> None:
    from briefgen.ask import _PERSON

    assert bool(_PERSON.search(sentence)) is named


@pytest.mark.parametrize(("question", "asks"), [
    ("蒲场镇试点由哪位镇党委书记牵头,其姓名是什么?", True), ("那篇论文的第二作者叫什么?", True),
    ("文章引用了哪位研究人员的说法?", True), ("批复文件叫什么、文号是多少?", False), ("那个镇叫什么名字?", False),
    ("领导小组由谁当组长?", False), ("领导小组由哪位领导挂帅?", False),  # a post answers it (主要领导同志为组长)
    ("那个镇，镇党委书纪叫啥名字", True), ("那个实施方案叫什么名字?", False),  # typed fast: 书纪 is still a person
    ("当领导小组组长的那位镇党委书记，叫什么名字？", True),  # the role, then a comma before the ask
    ("担任组长的镇党委书记姓甚名谁？", True),  # the idiom asks for a name too
])
def test_which_questions_ask_for_a_persons_name(question: str, asks: bool) -> None:
    from briefgen.ask import _PERSON_Q

    assert bool(_PERSON_Q.search(question)) is asks


def test_a_when_question_needs_a_time(tmp_path: Path, settings: Settings, index: Index) -> None:
    (tmp_path / "plan.txt").write_text(PLAN, encoding="utf-8")
    ingest_paths([tmp_path / "plan.txt"], settings, index, progress=False)
    question = "县里是什么时候把那几个部门的权限交接给青石镇的？"
    assert ask(question, index, settings).answer == REFUSAL  # years, but of a target and an investment: no date of it
    dated = PLAN.replace("等8个部门。", "等8个部门，2012年6月底前完成权限交接。")
    (tmp_path / "plan.txt").write_text(dated, encoding="utf-8")
    ingest_paths([tmp_path / "plan.txt"], settings, index, progress=False)
    assert "2012年6月" in ask(question, index, settings).answer
    # a person's name is whom it is about, not what it dates: his text's 2011年12月 dates the pilot, not his proposal
    report = "青石县政协委员李明远反映：2011年12月，我省启动了扩权强县试点工作，取得了积极成效。\n一、建议\n加快放权。\n"
    _load(tmp_path, settings, index, report=report)
    assert ask("李明远那份提案是哪年哪月提交的？", index, settings).answer == REFUSAL


def test_who_holds_a_post_needs_that_post_or_a_name(tmp_path: Path, settings: Settings, index: Index) -> None:
    plan = PLAN + "四、组织保障\n县里组成调查组对青石镇试点工作进行专题调研，形成调研报告。\n"
    (tmp_path / "plan.txt").write_text(plan, encoding="utf-8")
    ingest_paths([tmp_path / "plan.txt"], settings, index, progress=False)
    question = "县里对青石镇试点专题调研的调查组，组长是谁？"
    assert ask(question, index, settings).answer == REFUSAL  # the team is named, its head is not
    led = plan.replace("县里组成调查组", "县里组成以县政府分管副县长为组长的调查组")
    (tmp_path / "plan.txt").write_text(led, encoding="utf-8")
    ingest_paths([tmp_path / "plan.txt"], settings, index, progress=False)
    assert "副县长为组长" in ask(question, index, settings).answer  # a post answers it: no name needed
    from briefgen.ask import _WHO_HOLDS

    assert _WHO_HOLDS.search("凤阳县那四个试点镇的镇长分别是谁？")
    assert _WHO_HOLDS.search("领导小组由哪位领导挂帅？")


def test_a_day_question_needs_a_day_and_an_outcome_question_its_outcome(tmp_path: Path, settings: Settings,
                                                                        index: Index) -> None:
    plan = PLAN + "四、附则\n本方案经县政府常务会议研究同意后印发（青政发〔2012〕15号），由县发改局负责解释。\n"
    (tmp_path / "plan.txt").write_text(plan, encoding="utf-8")
    ingest_paths([tmp_path / "plan.txt"], settings, index, progress=False)
    assert ask("青石镇那份扩权强镇试点方案是哪天印发的？", index, settings).answer == REFUSAL  # a year and a number only
    assert ask("青石镇的扩权强镇试点方案，县政府后来采纳了没有？", index, settings).answer == REFUSAL
    dated = plan.replace("研究同意后印发", "研究同意，于2012年3月1日印发")
    (tmp_path / "plan.txt").write_text(dated, encoding="utf-8")
    ingest_paths([tmp_path / "plan.txt"], settings, index, progress=False)
    assert "2012年3月1日" in ask("青石镇那份扩权强镇试点方案是哪天印发的？", index, settings).answer


def test_a_headcount_question_is_answered_by_a_population_figure(small: Index, settings: Settings) -> None:
    answer = ask("青石镇到2015年打算让镇上住多少人？", small, settings)  # 住多少人: the plan says 镇区人口
    assert "4万人" in answer.answer


def test_which_district_needs_a_district(tmp_path: Path, settings: Settings, index: Index) -> None:
    plan = ("扩权强区改革实施方案\n一、总体要求\n按照绥阳县的统一部署，市里向试点区下放一批经济社会管理权限，"
            "推动试点区承接好下放事项，做到权责一致、运转顺畅。\n二、工作安排\n各部门要加强指导，确保按期完成。\n")
    (tmp_path / "plan.txt").write_text(plan, encoding="utf-8")
    ingest_paths([tmp_path / "plan.txt"], settings, index, progress=False)
    question = "那份扩权强区改革实施方案是给哪个区下放权限的？"
    assert ask(question, index, settings).answer == REFUSAL  # 绥阳县 is a county: no district is named
    (tmp_path / "plan.txt").write_text(plan.replace("市里向试点区下放", "市里向汇川区下放"), encoding="utf-8")
    ingest_paths([tmp_path / "plan.txt"], settings, index, progress=False)
    assert "汇川区" in ask(question, index, settings).answer


def _load(tmp_path: Path, settings: Settings, index: Index, **texts: str) -> None:
    """Write each text as NAME.txt and ingest them (a changed text replaces its earlier version)."""
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    ingest_paths([tmp_path / f"{name}.txt" for name in texts], settings, index, progress=False)


def test_a_split_asked_by_its_ratio_is_not_answered_by_a_growth_rate(tmp_path: Path, settings: Settings,
                                                                      index: Index) -> None:
    plan = PLAN + "四、财政体制\n2011年全镇地方财政收入1.2亿元，比上年增长18.5%。\n"
    _load(tmp_path, settings, index, plan=plan)
    # 按什么比例分成 asks how revenue is split: a growth rate of that revenue is no split
    assert ask("青石镇的税收收入在县、镇之间按什么比例分成？", index, settings).answer == REFUSAL
    # 按增量留 names the base of the split, not a change asked
    assert ask("青石镇的财政收入留给镇里的比例是多少？是按增量留还是按总额留？", index, settings).answer == REFUSAL
    # a share asked by how much it changed (占比涨了多少) takes its change
    assert "8个百分点" in ask("青石镇差旅、交通、会议支出的占比比扩权前涨了多少？", index, settings).answer


def test_a_count_of_projects_is_no_count_of_items(tmp_path: Path, settings: Settings, index: Index) -> None:
    plan = PLAN + "四、项目建设\n2011年全镇共向上申报项目12个，获得省级支持项目9个。\n"
    _load(tmp_path, settings, index, plan=plan)
    # 多少项目 counts 项目 (12个), it names no counter 项
    assert "12个" in ask("青石镇2011年往上报了多少项目？", index, settings).answer


def test_the_noun_after_a_counter_may_name_the_figure(tmp_path: Path, settings: Settings, index: Index) -> None:
    plan = PLAN + "四、首批事项\n县里首批向青石镇下放县级经济社会管理权限23项。\n"
    _load(tmp_path, settings, index, plan=plan)
    # 放了几项权: no word of the question is the metric (管理权限), but the noun after 几项 (权) is in it
    assert "23项" in ask("县里头一批给青石镇放了几项权？", index, settings).answer
    assert ask("县里头一批给青石镇放了几项钱？", index, settings).answer == REFUSAL


def test_whether_targets_were_met_needs_a_sentence_saying_so(tmp_path: Path, settings: Settings, index: Index) -> None:
    _load(tmp_path, settings, index, plan=PLAN)
    question = "青石镇2015年那些目标最后完成了没？"
    assert ask(question, index, settings).answer == REFUSAL  # 力争到2015年… is the target, not what came of it
    assert ask("青石镇后来有没有实现那些目标？完成情况如何？", index, settings).answer == REFUSAL
    assert ask("到2015年，青石镇是否真正实现了建成区面积和镇区人口的目标？", index, settings).answer == REFUSAL
    report = PLAN + "四、完成情况\n截至2015年底，青石镇已全面完成各项目标，建成区面积达到6.3平方公里。\n"
    _load(tmp_path, settings, index, plan=report)
    assert "已全面完成各项目标" in ask(question, index, settings).answer


def test_everyday_words_find_the_official_sentence(tmp_path: Path, settings: Settings, index: Index) -> None:
    paper = PAPER + "最先在我国实施省直管县改革的是浙江省，其改革从财政体制开始。\n"
    _load(tmp_path, settings, index, paper=paper)
    # 第一个 is written 最先: the sentence that says so must score like one that repeats the question's words
    assert "浙江省" in ask("哪个省第一个搞省直管县？", index, settings).answer


def test_the_municipalities_are_cities_to_a_question_asking_which_cities(tmp_path: Path, settings: Settings,
                                                                         index: Index) -> None:
    paper = PAPER + ("1958年，国务院先后批准北京、天津、上海三市和辽宁省全部实行市领导县体制。\n"
                     "1992年，为在经济上和上海接轨，浙江对13个县市进行扩权。\n")
    _load(tmp_path, settings, index, paper=paper)
    # 哪几个市 asks for cities: 天津 and 上海 are 直辖市, provinces in the gazetteer, and answer it
    assert "上海三市" in ask("1958年国务院先后批了哪几个市全部实行市领导县？", index, settings).answer
    # …while 哪个县 still wants a county: a province named is no answer
    assert ask("1958年国务院先后批了哪个县全部实行市领导县？", index, settings).answer == REFUSAL
    # …and one named in passing (和上海接轨) is no city of the answer
    assert ask("1992年浙江首批扩权的13个县市都是哪些市？", index, settings).answer == REFUSAL


def test_a_population_is_not_answered_by_a_count_of_staff(tmp_path: Path, settings: Settings, index: Index) -> None:
    plan = PLAN + ("四、存在问题\n县直部门每个股室目前仅有2至3人，承担的业务工作量非常大。"
                   "2011年全镇农民人均纯收入5600元。\n")
    _load(tmp_path, settings, index, plan=plan)
    # 人口 asks for a population: a figure in 人 whose metric is no headcount of residents does not answer it
    assert ask("青石镇目前的户籍人口有多少？", index, settings).answer == REFUSAL
    assert "2至3人" in ask("青石镇县直部门每个股室目前有多少人？", index, settings).answer
    # 多少口人 asks for a population too (口 counts residents: not the 人均 income it is wanted for), while the
    # plan's 镇区人口 answers it
    assert ask("青石镇县里到底住着多少口人？我想算算人均。", index, settings).answer == REFUSAL
    # what the answer is for (我想算一下人均数) names no metric: the 人均 income does not answer 户籍人口
    assert ask("青石镇目前的户籍人口有多少，我想算一下人均数？", index, settings).answer == REFUSAL
    # …and with no 我 before it, the purpose leading the question (讲案例时想算人均数，全县总人口有多少)
    assert ask("讲青石镇的案例时想算人均数，青石镇目前全镇总人口有多少？", index, settings).answer == REFUSAL
    assert ask("帮我查一下青石镇目前的总人口是多少，讲话里要用人均数。", index, settings).answer == REFUSAL  # 要用: what for
    assert ask("青石镇目前的户籍总人口是多少？请给出具体人数。", index, settings).answer == REFUSAL  # 人数 of 人口
    assert ask("青石镇目前人口规模如何？", index, settings).answer == REFUSAL  # 人口规模 asks the figure too
    assert ask("青石镇现在住着多少人？", index, settings).answer == REFUSAL  # 现在 asks the actual value: 4万人 is a target
    assert ask("青石镇定方案那会儿，镇区原有常住人口是多少？", index, settings).answer == REFUSAL  # 原有: what there was
    assert ask("青石镇的建成区面积有多大？", index, settings).answer.startswith("建成区面积达到6平方公里")
    assert ask("青石镇目前的户籍人口？", index, settings).answer == REFUSAL  # keywords, with a question mark
    # …nor when it is a sentence of its own after the question (the asker's own sentences name no figure asked)
    assert ask("青石镇目前的户籍人口有多少？我想在成效部分折算人均指标。", index, settings).answer == REFUSAL
    assert ask("青石镇目前总人口大概多少？想拿它除一下，在PPT上放个人均收入", index, settings).answer == REFUSAL  # 我 left out
    assert "4万人" in ask("青石镇要发展。我想知道到2015年镇上要住多少口人。", index, settings).answer  # an ask of its own
    assert "4万人" in ask("青石镇到2015年镇上要住多少口人？", index, settings).answer


def test_a_comparison_asking_how_as_well_as_how_much_is_answered_without_the_figure(
        tmp_path: Path, settings: Settings, index: Index) -> None:
    other = ("白沙镇扩权强镇试点方案\n一、权限下放\n县里分批向白沙镇下放审批、执法等经济社会管理权限，"
             "成熟一批下放一批。\n")
    _load(tmp_path, settings, index, plan=PLAN, other=other)
    # 放多少、怎么放: neither side's passage gives a count of powers, but both say how they are handed down
    answer = ask("青石镇和白沙镇在下放权限上，各放多少、怎么放，有啥差别？", index, settings)
    assert answer.answer != REFUSAL and "成熟一批下放一批" in answer.answer
    assert ask("白沙镇下放了多少项权限？", index, settings).answer == REFUSAL  # one place, the count alone
    # two sides that are no places (底子厚的县, 底子薄的县) compare as well
    assert _compares_how("底子厚的县和底子薄的县扩权后效果差多少？各自靠啥往上走？", [])
    assert not _compares_how("底子厚的县扩权后效果好多少？", [])


def test_a_unit_inside_a_question_word_names_it(tmp_path: Path, settings: Settings, index: Index) -> None:
    _load(tmp_path, settings, index, paper=PAPER + "此后，湖北、河南等19省推行了省直管县财政改革。\n")
    assert "19省" in ask("全国有多少省份推行了省直管县财政改革？", index, settings).answer  # 省 in 省份


def test_a_day_asked_of_a_named_document_comes_from_it(tmp_path: Path, settings: Settings, index: Index) -> None:
    dated = PLAN.replace("青石镇2012年扩权强镇试点实施方案\n",
                         "青石镇2012年扩权强镇试点实施方案\n本实施方案经县政府研究同意，于2012年3月1日印发施行。\n")
    undated = "扩权强区改革实施方案\n一、基本原则\n统筹安排，协调推进，根据市下放权限有序承接。\n二、组织实施\n各部门要加强指导。\n"
    _load(tmp_path, settings, index, plan=dated, district=undated)
    assert "3月1日" in ask("青石镇2012年扩权强镇试点实施方案是哪一天印发的？", index, settings).answer
    # the district plan gives no day: another plan's date does not answer for it
    assert ask("扩权强区改革实施方案是哪一天印发施行的？", index, settings).answer == REFUSAL


def test_several_places_compared_ask_for_no_count() -> None:
    assert not asks_quantity("几个试点镇主打的产业对比一下：凤阳那几个镇、蒲场镇")  # 几个: several, not how many
    assert asks_quantity("凤阳县有几个试点镇？")
    assert asks_quantity("几个试点镇一共下放了多少项权限？")
    # a place's few things asked something else of (各自靠哪些产业) are several too; a count it has is asked
    assert not asks_quantity("凤阳县几个试点镇和2018年汇报的那个镇，各自靠哪些主导产业来做强镇域经济？")
    assert not asks_quantity("当年我们几个县长为这事争得面红耳赤。孙学玉说的两种做法各自图的是什么？")  # some of us
    assert asks_quantity("凤阳县有几个试点镇，分别是哪些？")
    # 没几年: not many years, no count asked
    assert not asks_quantity("地区行署还管着我们县，没几年就改成市领导县了。市管县当初为什么要建？")
    assert not asks_quantity("凤阳的几个试点镇、2018年汇报里的那个中心镇，各自押注哪些主导产业？")  # short name, 的
    # X多少 beside Y大小 names an amount, it asks none (行政层级多少与管理幅度大小之间的此消彼长)
    assert not asks_quantity("行政层级多少与管理幅度大小之间的此消彼长，在几份材料中是如何体现的？")


def test_a_few_places_summed_up_or_visited_ask_for_no_count() -> None:
    assert not asks_quantity("几个试点镇给自己定的发展目标分别是什么？做个汇总。")  # …分别 later in the clause
    assert not asks_quantity("下周要去几个试点县调研，基层接得住下放的权力吗？")  # a few places to visit
    assert not asks_quantity("市管县是怎么从几个地方的试行一步步扩展到全国的？")  # from a few places it spread
    assert asks_quantity("县里从几个部门抽调了干部？")
    # without 分别/各 too: the question asks what the few towns set, not how many (see the test below)
    assert not asks_quantity("几个试点镇给自己定的发展目标是什么？")
    assert asks_quantity("有几个试点镇给自己定了发展目标？")
    assert asks_quantity("调研组去了几个试点县？")  # past: a count of the places visited
    # the sources' few places (语料里几个地方反映的…) asked something else of
    assert not asks_quantity("都说权放下来了。语料里几个地方反映的放权不到位，具体都有哪些表现？")
    assert asks_quantity("材料里几个地方搞了试点？")


def test_a_ranking_question_needs_a_place_in_a_ranking(tmp_path: Path, settings: Settings, index: Index) -> None:
    plan = PLAN + "四、发展基础\n2011年青石镇完成地区生产总值12.5亿元，财政总收入1.1亿元。\n"
    _load(tmp_path, settings, index, plan=plan)
    question = "青石镇的经济总量在全县各乡镇里排第几？"
    assert ask(question, index, settings).answer == REFUSAL  # figures to rank by, but no rank
    ranked = plan.replace("财政总收入1.1亿元。", "财政总收入1.1亿元，综合实力居全县第2位。")
    _load(tmp_path, settings, index, plan=ranked)
    assert "第2位" in ask(question, index, settings).answer
    from briefgen.ask import _RANK_Q

    assert not _RANK_Q.search("那篇论文登在学报第几卷第几期？")  # a volume and an issue are no ranking
    assert not _RANK_Q.search("承接的权限先安排哪几类事项？")  # 安排 arranges, it ranks nothing
    assert not _RANK_Q.search("按一年打基础、两年见成效的思路，第几年才出形象？")  # which year of a plan, no rank


def test_a_share_asked_in_everyday_words_is_answered_by_its_official_figure(small: Index, settings: Settings) -> None:
    # 出差/开会/开销的占比 are 差旅/会议/支出比重 in the report: the figure's metric is named by their official words
    answer = ask("青石镇扩权后出差、开会这些开销的占比涨了多少？", small, settings)
    assert not answer.refused and "8个百分点" in answer.answer
    assert ask("青石镇扩权后修路的占比涨了多少？", small, settings).answer == REFUSAL  # no such figure
    # 行政开支 is the report's 支出 too (占比 alone names no metric: 修路的占比 above)
    answer = ask("青石镇扩权后行政开支有增有减：哪类开支占比上升、升了多少？", small, settings)
    assert not answer.refused and "8个百分点" in answer.answer


def test_a_weight_question_needs_a_figure(small: Index, settings: Settings) -> None:
    assert asks_quantity("青石镇考核中招商引资占多大权重？")
    # a share is answered by a share (%, 百分点, a ratio), not by the amount the question names (2.1亿元)
    assert ask("青石镇考核中固定资产投资占多大权重？", small, settings).answer == REFUSAL


def test_a_question_sharing_no_word_with_the_evidence_tries_the_official_words(small: Index,
                                                                               settings: Settings) -> None:
    from briefgen.retrieve import official_terms, sentence_terms

    # jieba cuts 权放下来…接得住 into 权放/下来/接得: no sentence holds one; 放下来 → 下放 finds the one that answers
    answer = ask("权放下来以后怎么接得住？", small, settings)
    assert not answer.refused and "下放县级经济社会管理权限" in answer.answer
    assert sentence_terms("出差、开会的开销") == ["差旅", "会议", "支出", "费用"]
    assert official_terms("出差、开会的开销") == []  # BM25 does not search them: too common to pick a passage
    assert official_terms("省里直接管县以后管的面变宽了") == ["幅度"]  # 管理幅度
    # 钱…紧张 is said in the evidence as 财力 and 压力
    assert set(sentence_terms("拿到权力以后，钱是不是更紧张了？")) == {"财力", "压力", "缺口"}


def test_money_asked_by_its_name_is_answered_by_money(tmp_path: Path, settings: Settings, index: Index) -> None:
    _load(tmp_path, settings, index, plan=PLAN + "四、资金管理\n专项资金调度时间由原来的平均3天缩减为1天。\n")
    # 3天/1天 sit in a sentence about 资金, but 多少…专项资金 asks for an amount of money
    assert ask("青石镇审计查出了多少违规使用的专项资金？", index, settings).answer == REFUSAL
    assert "3天" in ask("青石镇专项资金调度要多少天？", index, settings).answer  # …and 多少天 for days
    _load(tmp_path, settings, index, plan=PLAN + "四、资金管理\n2012年全镇争取专项资金800万元。\n")
    assert "800万元" in ask("青石镇2012年争取到多少专项资金？", index, settings).answer


def test_a_headcount_of_one_kind_of_people_is_no_headcount_of_another(tmp_path: Path, settings: Settings,
                                                                      index: Index) -> None:
    plan = PLAN + "四、队伍建设\n不少站所只有一名或两名工作人员，为此从机关干部中抽调了部分同志充实站所。\n"
    _load(tmp_path, settings, index, plan=plan)
    # 多少名干部 counts 干部: 一名或两名工作人员 counts the staff there were
    assert ask("青石镇从机关抽调了多少名干部充实站所？", index, settings).answer == REFUSAL
    assert "一名或两名工作人员" in ask("青石镇的站所有多少名工作人员？", index, settings).answer


def test_several_named_after_a_summary_verb_is_no_count() -> None:
    assert not asks_quantity("各镇靠哪些主导产业？请汇总凤阳县几个试点镇的情况。")
    assert asks_quantity("凤阳县有几个试点镇？")


def test_a_few_things_asked_something_else_of_are_no_count() -> None:
    # 几 with another question word in its clause, or opening a question that goes on to ask something else
    assert not asks_quantity("几个试点镇在做规划这块都是咋搞的？")
    assert not asks_quantity("别的试点镇都靠啥产业撑起来的？给我说说几家主打的是啥。")
    assert not asks_quantity("扩权这事该一下子全铺开还是先拿几个地方试？")
    # 几个…的实例/例子/做法: a few examples wanted, not a number
    assert not asks_quantity("能不能给我几个试点镇各自选定主导产业或者发展定位的实例？")
    assert asks_quantity("能不能告诉我一共有几个试点镇？")
    assert not asks_quantity("几个地方搞扩权强镇，领导小组的办公室都设在哪？")
    assert asks_quantity("几个县纳入了试点？") and asks_quantity("县里下放权限，涉及几个部门？")
    assert asks_quantity("涉及几个部门，分别是哪些？")  # the count is its own clause
    assert not asks_quantity("哪几个镇是试点？")


def test_a_ratio_asked_by_what_is_a_quantity() -> None:
    assert asks_quantity("省、市、县三级对税收收入分别按什么比例分成？")  # a sentence naming no share does not answer
    assert asks_quantity("专项资金占多大比重？")


def test_the_things_of_several_places_asked_how_are_no_count() -> None:
    assert not asks_quantity("几个镇的方案在时间表上是怎么排的？")  # the towns' plans, how they are set
    assert not asks_quantity("几个试点县的做法有哪些？")
    assert asks_quantity("几个镇的财政收入有多少？")  # 多少 still asks an amount
    assert asks_quantity("方案给几个镇下放了权限？")


def test_each_ask_of_a_question_of_several_may_be_answered_by_its_own_sentence(
        tmp_path: Path, settings: Settings, index: Index) -> None:
    paper = PAPER + "最先实施省直管县改革的是浙江省，其改革从财政体制开始。\n"
    _load(tmp_path, settings, index, paper=paper)
    # which province (a province named) and how many (a count): no one sentence gives both, each has its own
    answer = ask("哪个省最先搞的省直管县？后来一共推开到了多少个省市？", index, settings)
    assert answer.answer != REFUSAL and "浙江省" in answer.answer
    assert ask("哪个省最先搞的省直管县？", index, settings).answer != REFUSAL
    # one ask of one sentence still needs both: which province has how many pilot counties is not answered
    assert ask("哪个省的试点县有多少个？", index, settings).answer == REFUSAL


def test_which_firms_needs_a_firm(tmp_path: Path, settings: Settings, index: Index) -> None:
    plan = PLAN + "四、产业发展\n以磷化工、农副产品加工和商贸物流做大做强中心镇。\n"
    _load(tmp_path, settings, index, plan=plan)
    question = "青石镇说要靠磷化工做大，当地搞磷化工的是哪几家企业，叫什么名字？"
    assert ask(question, index, settings).answer == REFUSAL  # the industry, not a firm
    _load(tmp_path, settings, index, plan=plan + "全镇现有青石磷化有限公司等磷化工企业3家。\n")
    assert "青石磷化有限公司" in ask(question, index, settings).answer


def test_a_figure_may_be_described_by_the_clauses_before_it(tmp_path: Path, settings: Settings, index: Index) -> None:
    plan = PLAN + ("四、民生投入\n2012年镇本级在兑现各项惠民政策的基础上安排财力实施民生工程，投资达1.2亿元。"
                   "因审批下放引发的行政复议时间由原来平均7天缩减为3天。\n")
    _load(tmp_path, settings, index, plan=plan)
    # the figure's own metric is 投资; 本级, 财力, 民生 of the question stand in the clauses leading to it
    assert "1.2亿元" in ask("青石镇2012年镇本级拿出多少财力投在民生工程上？", index, settings).answer
    # 多少件 counts cases: a time in 天 does not answer, however many of the question's words lead to it
    assert ask("青石镇因审批下放引发的行政复议案件有多少件？", index, settings).answer == REFUSAL


def test_which_law_needs_a_law_or_an_article(tmp_path: Path, settings: Settings, index: Index) -> None:
    plan = PLAN + "四、依据\n根据《关于推进扩权强镇试点工作的实施意见》，县里向青石镇委托下放权限。\n"
    _load(tmp_path, settings, index, plan=plan)
    question = "县里向青石镇委托下放权限，依据的是哪一部法律的第几条？"
    assert ask(question, index, settings).answer == REFUSAL  # a policy document is no law
    _load(tmp_path, settings, index, plan=plan + "委托下放依据《中华人民共和国行政许可法》第二十四条。\n")
    assert "第二十四条" in ask(question, index, settings).answer


def test_a_province_holding_a_named_place_is_covered_by_that_places_documents(
        tmp_path: Path, settings: Settings, index: Index) -> None:
    plan = ("绥阳县蒲场镇扩权强镇试点工作方案\n一、试点依据\n根据省发改委《关于同意绥阳县蒲场镇列为省级扩权强镇试点乡镇的批复》，"
            "蒲场镇列为全省扩权强镇试点镇。\n")
    _load(tmp_path, settings, index, plan=plan)
    # the plan never writes 贵州, but its county (绥阳县) lies in 贵州省, and the question names that county too
    question = "绥阳县蒲场镇的试点方案援引了贵州省发改委的哪份批复？"
    assert "批复" in ask(question, index, settings).answer
    assert ask("贵州省发改委批复了几个扩权强镇试点镇？", index, settings).answer == REFUSAL  # the province alone


def test_one_ask_is_not_held_back_by_the_year_of_another(tmp_path: Path, settings: Settings, index: Index) -> None:
    _load(tmp_path, settings, index, plan=PLAN)
    # 2019 belongs to the second ask: the first is answered from its own sentence of 2011
    question = "1）青石镇2011年完成固定资产投资多少？2）2019年的目标又为何定得那么高？"
    assert "2.1亿元" in ask(question, index, settings).answer
    assert ask("青石镇2015年完成固定资产投资多少？", index, settings).answer == REFUSAL  # one ask: its year holds


def test_a_ratio_worked_out_from_asked_counts_is_answered_by_the_counts(
        tmp_path: Path, settings: Settings, index: Index) -> None:
    plan = PLAN + "四、机构对接\n省发改委设置了27个处室，而县发改局仅有5个股室。\n"
    _load(tmp_path, settings, index, plan=plan)
    assert "27个处室" in ask("青石镇所在县：省发改委的处室数与县发改局的股室数各是多少，相差几倍？", index, settings).answer
    assert ask("青石镇所在县：省发改委的处室比县发改局多几倍？", index, settings).answer == REFUSAL  # no 倍 given


def test_a_share_in_tenths_and_a_code_number(tmp_path: Path, settings: Settings, index: Index) -> None:
    paper = PAPER.replace("基金项目：河南省省直管县体制改革试点专家咨询课题。", "基金项目：国家社科基金项目“省直管县改革研究”（09BZZ031）。")
    _load(tmp_path, settings, index, plan=PLAN, paper=paper)
    # 几成 asks for a share: a sentence with no share does not answer it
    assert ask("青石镇老百姓对扩权满意的大概占几成？", index, settings).answer == REFUSAL
    # 编号是多少 asks for a code, not a quantity: the code answers it
    assert ask("那篇省直管县回顾文章的基金项目编号是多少？", index, settings).answer != REFUSAL


def test_a_document_number_and_a_yearly_growth_need_their_own_kind_of_sentence(
        tmp_path: Path, settings: Settings, index: Index) -> None:
    plan = PLAN + "四、试点成效\n2012年全镇财政收入1.5亿元，比2010年增长40%。\n"
    _load(tmp_path, settings, index, plan=plan)
    assert ask("青石镇那份试点方案的发文字号是什么？", index, settings).answer == REFUSAL  # no 〔2012〕N号 given
    # a growth over two years is no yearly rate
    assert ask("青石镇试点后财政收入每年的增长率是多少？", index, settings).answer == REFUSAL
    plan += "根据县委《关于开展扩权强镇试点工作的意见》（青委发〔2012〕8号），青石镇财政收入年均增长18%。\n"
    _load(tmp_path, settings, index, plan=plan)
    assert "〔2012〕8号" in ask("青石镇那份试点方案援引的县委文件，文号是多少？", index, settings).answer
    assert "〔2012〕8号" in ask("青石镇试点是县委哪份文件定的？文号多少？", index, settings).answer  # 号多少: no quantity
    assert "年均增长18%" in ask("青石镇试点后财政收入每年的增长率是多少？", index, settings).answer


def test_each_ask_of_a_numbered_question_is_held_to_its_own_place_and_source(
        tmp_path: Path, settings: Settings, index: Index) -> None:
    from briefgen.ask import which_place

    plan = PLAN + "四、组织保障\n成立扩权强镇工作领导小组，由镇党委书记任组长，镇长任第一副组长。\n"
    _load(tmp_path, settings, index, plan=plan, paper=PAPER)
    # 武胜县 has no document: its ask is not answered, the other one is
    question = "请分别说明：1）武胜县的扩权领导小组由谁担任组长；2）青石镇的领导小组由谁任组长？"
    assert "由镇党委书记任组长" in ask(question, index, settings).answer
    assert ask("武胜县的扩权领导小组由谁担任组长？", index, settings).answer == REFUSAL
    # the paper named by its title in the second ask does not hold the first ask's figure to that paper
    question = "1）青石镇建成区面积要达到多少平方公里；2）《省直管县改革的回顾与思考》怎么看这种体制？"
    assert "6平方公里" in ask(question, index, settings).answer
    # 几个工作人员 counts people: 两名工作人员 answers it
    _load(tmp_path, settings, index, plan=plan + "以前涉及权力下放的部门中有不少只有一名或两名工作人员。\n")
    assert "两名工作人员" in ask("青石镇放权之前，相关部门一般只有几个工作人员？", index, settings).answer
    assert which_place("哪些县") == "县" and which_place("孙学玉用哪些县域发展的排名说明浙江的成绩？") is None
    assert which_place("方案里的“我区”归哪个地级市管辖？") == "市"  # the level's modifier (地级, 县级) between
    # the places of the sources asked for are named by the citations, not by a sentence
    assert which_place("哪些县、镇的材料写了领导小组由谁牵头？") is None and which_place("哪个县的报告提到审批？") is None
    assert "由镇党委书记任组长" in ask("哪些县、镇的材料写了领导小组由谁牵头？", index, settings).answer


def test_a_birth_year_a_post_and_a_workplace_are_answered_only_by_a_sentence_giving_them(
        tmp_path: Path, settings: Settings, index: Index) -> None:
    bio = ("县域治理的几个问题\n王立新（1968-)，男，湖南长沙人，研究员，主要从事县域治理研究。\n"
           "县域治理的关键在于理顺省、市、县三级的财政关系。周长林也主张理顺财政关系。\n")
    _load(tmp_path, settings, index, paper=PAPER, bio=bio)
    assert "1968" in ask("王立新是哪一年出生的？", index, settings).answer  # a birth year in brackets, with no 年
    # an author's bio shares no word with a question naming no one: it is read for the birth year all the same
    assert "1968" in ask("2012年那篇讲县域治理的文章，作者哪年出生？", index, settings).answer
    assert "研究员" in ask("王立新是什么职称？", index, settings).answer
    assert "研究员" in ask("写县域治理那篇的王立新，担任何种职称？", index, settings).answer
    # 何种职务 asks a post as 什么职务 does: a sentence naming the person without one answers nothing
    assert ask("提出理顺财政关系的周长林，担任何种职务？", index, settings).answer == REFUSAL
    assert ask("周长林的职务是？", index, settings).answer == REFUSAL  # …and so does a question left open
    # …and a rank (什么级别) or a choice of posts (是教授还是研究员)
    assert ask("周长林是什么级别的干部？", index, settings).answer == REFUSAL
    assert ask("周长林是教授还是研究员？", index, settings).answer == REFUSAL
    assert "研究员" in ask("王立新是教授还是研究员？", index, settings).answer
    # an ask after a sentence naming the person is about that person (他 = 周长林): 王立新's 研究员 is not his
    assert ask("周长林的文章我读过不少。他写那篇文章时是什么职称？", index, settings).answer == REFUSAL
    assert ask("周长林当时是什么身份？", index, settings).answer == REFUSAL
    assert "研究员" in ask("王立新的职称是？", index, settings).answer
    # the paper's author bio is front matter, and says no birth year: nothing answers
    assert ask("写省直管县改革回顾那篇的李某，是哪一年出生的？", index, settings).answer == REFUSAL
    # 在哪个单位 asks a workplace: 研究员 is a title, no institution
    assert ask("王立新是在哪个单位工作的？", index, settings).answer == REFUSAL
    assert ask("王立新在哪个单位？", index, settings).answer == REFUSAL
    assert ask("王立新是哪个单位的学者？", index, settings).answer == REFUSAL  # 哪个单位的 asks a workplace too
    # …and so do 在哪一个单位 and 研究机构
    assert ask("王立新那篇文章，作者当时在哪一个单位或研究机构工作？", index, settings).answer == REFUSAL
    for question in ("王立新在哪工作？", "王立新是哪个机构的？", "王立新来自哪个单位？", "王立新所在单位是？", "王立新是哪里的学者？",
                     "王立新是哪个单位或机构的研究人员？"):
        assert ask(question, index, settings).answer == REFUSAL, question


def test_a_count_of_cases_and_who_holds_a_post_need_their_own_kind_of_sentence(
        tmp_path: Path, settings: Settings, index: Index) -> None:
    plan = PLAN + "四、组织保障\n成立扩权强镇工作领导小组，由镇党委书记任组长，镇长任第一副组长。\n"
    _load(tmp_path, settings, index, plan=plan)
    # 多少起 counts cases: 8个部门 or 三个乡镇 count none
    assert ask("青石镇试点期间一共查处了多少起违规审批案件？", index, settings).answer == REFUSAL
    assert "由镇党委书记任组长" in ask("青石镇扩权强镇领导小组的组长由谁担任？", index, settings).answer
    # the post is named in the sentence, but nobody is said to hold it
    assert ask("青石镇的镇党委书记由谁担任？", index, settings).answer == REFUSAL


def test_a_named_persons_workplace_is_answered_only_by_a_sentence_naming_that_person(
        tmp_path: Path, settings: Settings, index: Index) -> None:
    bio = "县域治理的几个问题\n王立新（湖南大学公共管理学院），主要从事县域治理研究。\n县域治理的关键在于理顺省、市、县三级的财政关系。\n"
    plan = PLAN + "四、经验交流\n县政府办刘强介绍了青石镇县域治理试点的经验。\n"
    _load(tmp_path, settings, index, plan=plan, bio=bio)
    assert "湖南大学" in ask("王立新在哪所大学任职？", index, settings).answer
    # 刘强 is named in the passages, but no sentence gives his workplace: 王立新's does not answer
    assert ask("讲县域治理经验的刘强在哪所大学任职？", index, settings).answer == REFUSAL


PROPOSAL = """关于扩权强县试点推进工作的提案
郊区政协副主席李青山反映：扩权强县试点推进中，县级财政支出压力较大，实质性权限下放不够。
一、存在的问题
县级职能部门受人员编制所限，承接下放权限的能力不足。
二、建议
省级部门应加大对试点县业务培训的力度，提高承接能力。
"""


def test_a_persons_party_needs_a_party(tmp_path: Path, settings: Settings, index: Index) -> None:
    (tmp_path / "proposal.txt").write_text(PROPOSAL, encoding="utf-8")
    ingest_paths([tmp_path / "proposal.txt"], settings, index, progress=False)
    question = "反映扩权强县问题的那位郊区政协副主席李青山，属于哪个民主党派？"
    assert ask(question, index, settings).answer == REFUSAL  # his post is no party
    body = "李青山系民盟盟员，长期关注县域经济发展。\n"
    (tmp_path / "proposal.txt").write_text(PROPOSAL.replace("一、存在的问题\n", body + "一、存在的问题\n"), encoding="utf-8")
    ingest_paths([tmp_path / "proposal.txt"], settings, index, progress=False)
    assert "民盟" in ask(question, index, settings).answer
    other = "另一位委员张明远系民建会员。\n"  # another person's party answers nothing of his
    (tmp_path / "proposal.txt").write_text(PROPOSAL.replace("一、存在的问题\n", other + "一、存在的问题\n"), encoding="utf-8")
    ingest_paths([tmp_path / "proposal.txt"], settings, index, progress=False)
    assert ask(question, index, settings).answer == REFUSAL
    from briefgen.ask import _PARTY_Q

    assert _PARTY_Q.search("他的政治面貌是什么？") and _PARTY_Q.search("王振涛是不是党员？")
    assert not _PARTY_Q.search("民主党派在提案里提了哪些建议？")  # about parties, not a person's party


def test_an_authors_bio_answers_who_the_author_is_and_nothing_else(tmp_path: Path, settings: Settings,
                                                                  index: Index) -> None:
    paper = PAPER.replace("作者简介：李某，", "作者简介：李某（1962-），")  # a bio as papers print it
    (tmp_path / "paper.txt").write_text(paper, encoding="utf-8")
    ingest_paths([tmp_path / "paper.txt"], settings, index, progress=False)
    answer = ask("写省直管县改革回顾那篇文章的李某，职称是什么？", index, settings)
    assert "教授" in answer.answer and not any(c.quote.startswith("作者简介") for c in answer.citations)
    # the grant line is still no evidence: 基金项目 names the reform without saying anything about it; nor is the bio
    # of what the paper says
    assert ask("河南省省直管县体制改革试点专家咨询课题是哪一年立项的？", index, settings).answer == REFUSAL
    assert "李某（1962-）" not in ask("李某那篇文章怎么看省直管县体制？", index, settings).answer


def test_a_keyword_query_asks_for_the_value_of_its_last_word(small: Index, settings: Settings) -> None:
    assert as_question("武胜县 户籍人口 总数") == "武胜县 户籍人口 总数是多少"
    assert as_question("凤阳县 试点镇 数量") == "凤阳县 试点镇有多少个"
    assert as_question("孙学玉 职称 职务") == "孙学玉 职称 职务是什么"
    assert as_question("凤阳县试点镇有几个？") == "凤阳县试点镇有几个？"  # a question already: as it is
    assert as_question("青石镇 权限下放 情况") == "青石镇 权限下放 情况"  # asks for no value
    # without its question word, no gate held the answer to a figure or a post: any sentence about the place answered
    assert ask("青石镇 固定资产投资 总额", small, settings).answer.startswith("2011年全镇完成固定资产投资2.1亿元")
    assert ask("青石镇 财政收入 总额", small, settings).answer == REFUSAL
    assert "三个乡镇" in ask("青石镇方案 试点镇 数量", small, settings).answer
    assert ask("青石镇方案 试点县 数量", small, settings).answer == REFUSAL


def test_a_count_by_any_noun_is_answered_by_that_nouns_own_measure_word(tmp_path: Path, settings: Settings,
                                                                        index: Index) -> None:
    (tmp_path / "town.txt").write_text("白沙镇扩权强镇工作汇报\n县里向白沙镇下放县级经济社会管理权限12项，由镇便民服务中心统一承接。\n",
                                       encoding="utf-8")
    ingest_paths([tmp_path / "town.txt"], settings, index, progress=False)
    assert "管理权限12项" in ask("白沙镇承接的权限有多少个？", index, settings).answer  # 个 asked, 项 given
    assert "管理权限12项" in ask("白沙镇 下放权限 数量", index, settings).answer
    assert ask("白沙镇承接的部门有多少个？", index, settings).answer == REFUSAL  # 12项 counts powers


def test_a_journals_masthead_answers_where_the_paper_appeared_and_nothing_else(tmp_path: Path, settings: Settings,
                                                                              index: Index) -> None:
    masthead = "第12卷第3期2010年5月某某师范学院学报 JOURNAL OF MOUMOU NORMAL COLLEGE 省直管县改革的回顾与思考 李某1 王某2 （某某大学公共管理学院，某省某市450001）摘要："
    paper = PAPER.replace("摘要：", masthead, 1)
    (tmp_path / "paper.txt").write_text(paper, encoding="utf-8")
    ingest_paths([tmp_path / "paper.txt"], settings, index, progress=False)
    assert "某某师范学院学报" in ask("李某那篇文章登在哪本学报上？", index, settings).answer
    assert "某某大学公共管理学院" in ask("李某在哪个单位工作？", index, settings).answer
    # the masthead names the authors, so it matched every question naming one; it says nothing of the paper's view
    answer = ask("李某那篇文章认为省直管县改革该怎么推进？", index, settings)
    assert "稳妥推进" in answer.answer and not any("学报" in c.quote for c in answer.citations)


def test_in_which_year_and_month_asks_a_time(small: Index, settings: Settings) -> None:
    # 何年何月 / 何日 ask when, as 什么时候 does: the plan gives no date of its own issue
    assert ask("青石镇那份试点方案是何年何月印发的？", small, settings).answer == REFUSAL
    assert ask("青石镇那份试点方案是何日印发的？", small, settings).answer == REFUSAL


def test_a_population_or_staff_of_one_kind_needs_that_kind(small: Index, settings: Settings) -> None:
    # 镇区人口达到4万人 is a target for the town's residents: no registered population, no count of staff
    assert ask("青石镇户籍人口多少？", small, settings).answer == REFUSAL
    assert ask("青石镇政务服务中心有多少工作人员？", small, settings).answer == REFUSAL
    assert "4万人" in ask("青石镇到2015年镇区要住多少人？", small, settings).answer


def test_how_many_people_counts_the_people_of_what_the_question_names(tmp_path: Path, settings: Settings,
                                                                     index: Index) -> None:
    plan = PLAN + "四、存在问题\n县调研组赴青石镇调研发现，县直部门每个股室仅有2至3人，承担的业务工作量非常大。\n"
    _load(tmp_path, settings, index, plan=plan)
    assert "2至3人" in ask("青石镇县直部门每个股室有几个人？", index, settings).answer
    assert ask("去青石镇的县调研组一共几个人？", index, settings).answer == REFUSAL  # the 2至3人 are a 股室's
    assert "2至3人" in ask("调研发现，青石镇县里的局办有几个人？", index, settings).answer  # 局办 are its 股室
    # two asks between commas are two asks: the second's year does not hold back the first's answer
    assert "2至3人" in ask("县直部门每个股室有几个人，2030年去青石镇的调研组一共几个人？", index, settings).answer


def test_how_far_needs_a_distance(tmp_path: Path, settings: Settings, index: Index) -> None:
    _load(tmp_path, settings, index, plan=PLAN)
    assert asks_quantity("青石镇离县城有多远？")
    assert ask("青石镇离县城有多远？", index, settings).answer == REFUSAL  # 6平方公里 is an area
    assert ask("青石镇距离县城大约有多少公里？", index, settings).answer == REFUSAL
    _load(tmp_path, settings, index, plan=PLAN + "四、区位\n青石镇距县城12公里，有省道相连。\n")
    assert "12公里" in ask("青石镇离县城有多远？", index, settings).answer
    assert "12公里" in ask("青石镇距离县城大约有多少公里？", index, settings).answer


def test_when_a_paper_was_published_needs_its_issue_line(tmp_path: Path, settings: Settings, index: Index) -> None:
    paper = PAPER.replace("一、改革的由来\n", "一、改革的由来\n2002年以来，多个省份开展了省直管县改革试点。\n")
    _load(tmp_path, settings, index, paper=paper)
    # 2002年以来 dates the reform, not the paper
    assert ask("李某那篇省直管县改革的文章是哪一年发表的？", index, settings).answer == REFUSAL
    _load(tmp_path, settings, index, paper=paper.replace("收稿日期：", "第5卷第2期2011年4月青石学院学报 收稿日期："))
    assert "2011年4月青石学院学报" in ask("李某那篇省直管县改革的文章是哪一年发表的？", index, settings).answer


def test_who_drafted_a_report_needs_a_name(tmp_path: Path, settings: Settings, index: Index) -> None:
    report = "青石镇2018年扩权强镇工作汇报\n一、工作开展情况\n青石镇扩权强镇工作开展以来，镇里抓住机遇，推进各项工作。\n"
    _load(tmp_path, settings, index, report=report)
    assert ask("青石镇2018年那份扩权强镇汇报的执笔人是谁？", index, settings).answer == REFUSAL
    _load(tmp_path, settings, index, report=report + "（执笔人：张明远）\n")
    assert "张明远" in ask("青石镇2018年那份扩权强镇汇报的执笔人是谁？", index, settings).answer


def test_a_rate_needs_what_it_rates_and_an_income_needs_money(tmp_path: Path, settings: Settings,
                                                             index: Index) -> None:
    plan = PLAN + ("四、发展成效\n2011年全镇农民人均纯收入5600元，城镇居民人均可支配收入12000元，分别比上年增长12%、10%。"
                   "青石镇农民人均纯收入连续5年位居全县第一。\n")
    _load(tmp_path, settings, index, plan=plan)
    # 城镇化率 shares 城镇 with 城镇居民人均可支配收入, but the sentence rates no urbanisation
    assert ask("青石镇2011年的城镇化率是多少？", index, settings).answer == REFUSAL
    assert "12%" in ask("青石镇2011年农民人均纯收入的增长率是多少？", index, settings).answer
    # an income asked before its 多少 is money: 连续5年 is no income
    assert ask("青石镇的农民人均纯收入排名连续几年第一？", index, settings).answer != REFUSAL
    answer = ask("青石镇2011年城镇居民人均可支配收入是多少？", index, settings).answer
    assert "12000元" in answer
    _load(tmp_path, settings, index, plan=PLAN + "四、发展成效\n青石镇农民人均纯收入连续5年位居全县第一。\n")
    assert ask("青石镇的农民人均纯收入是多少？", index, settings).answer == REFUSAL


def test_which_batch_needs_a_batch_and_which_meeting_a_meeting(tmp_path: Path, settings: Settings,
                                                               index: Index) -> None:
    _load(tmp_path, settings, index, plan=PLAN, paper=PAPER)
    # the plan tells that 青石镇 is a pilot, not in which batch; the paper names no meeting
    assert ask("青石镇是第几批扩权强镇试点镇？", index, settings).answer == REFUSAL
    assert ask("李某那篇省直管县改革的文章是在哪个会议上宣读的？", index, settings).answer == REFUSAL
    _load(tmp_path, settings, index, plan=PLAN.replace("全县确定青石镇", "省里确定的首批扩权强镇试点镇青石镇。全县确定青石镇"),
          paper=PAPER.replace("一、改革的由来\n", "一、改革的由来\n本文是在2011年省直管县改革研讨会上的发言。\n"))
    assert "首批" in ask("青石镇是第几批扩权强镇试点镇？", index, settings).answer
    assert "研讨会" in ask("李某那篇省直管县改革的文章是在哪个会议上宣读的？", index, settings).answer


def test_a_person_asked_about_is_looked_for_in_the_hits_whole_documents() -> None:
    from types import SimpleNamespace

    from briefgen.ask import _persons_named

    # the hit is a passage of 周天勇's paper; his name stands only in its masthead, which no hit holds: the question
    # still names him, so that another paper's masthead (楚明锟…河南大学) is not taken for his workplace
    chunk = SimpleNamespace(doc_id="zhou", text="实行市管县体制，主要是为了协调城乡发展，以城市带动农村。")
    document = SimpleNamespace(text="从市管县到省管县的体制变迁 周天勇 近年来……" + chunk.text)
    hits = [SimpleNamespace(chunk=chunk, document=document)]
    assert "周天勇" in _persons_named("写过市管县演变文章的周天勇，是在哪个单位工作的？", hits)  # type: ignore[arg-type]


def test_a_sentence_two_overlapping_chunks_hold_is_cited_once() -> None:
    from types import SimpleNamespace

    from briefgen.ask import _distinct

    first, again, other = (SimpleNamespace(doc_id=d, chunk_id=f"{d}:{n}", start=s, end=e)
                           for d, n, s, e in (("p", 1, 343, 437), ("p", 0, 343, 437), ("q", 0, 0, 40)))
    assert _distinct([first, again, other]) == [first, other]  # type: ignore[list-item]


def test_a_count_of_offices_of_a_level_counts_the_offices(small: Index, settings: Settings) -> None:
    # 几个县直部门 counts 部门 (8个部门), not 县
    assert "8个部门" in ask("县里给青石镇下放权限，涉及几个县直部门？", small, settings).answer
    assert "8个部门" in ask("县里给青石镇下放权限，涉及几个县级部门？", small, settings).answer


def test_what_those_counted_are_is_no_noun_counted(tmp_path: Path, settings: Settings, index: Index) -> None:
    plan = PLAN + "四、项目申报\n2011年全镇共向上申报项目45个，获得省级支持项目30个。\n"
    _load(tmp_path, settings, index, plan=plan)
    # 获得支持的有几个: 的 is no noun the figure must count
    answer = ask("青石镇2011年往上报项目：一共报了多少个、获得省里支持的有几个？", index, settings).answer
    assert "45个" in answer and "30个" in answer


def test_which_places_said_as_a_topic_asks_no_place() -> None:
    from briefgen.ask import which_place

    assert which_place("各省放权时给了哪些县？") == "县"
    assert which_place("在放权给哪些县这个问题上，各省有哪两种路子？") is None
    assert which_place("在选哪些镇的问题上有什么标准？") is None
    # 哪些省下来了: 省 saves money here, it names no province
    assert which_place("扩权以后行政开销哪些涨了、哪些省下来了？") is None
    assert which_place("哪些省实行了省直管县？") == "省"
    # …in quotes too; and 县市 asks counties (and county-level cities), not a 直辖市 that ends a list of provinces
    assert which_place("孙学玉归纳各省做法时，在“权力先放给哪些县”这个问题上，有哪两种做法？") is None
    assert which_place("浙江92年扩权那13个县市都是哪几个") == "县"


def test_a_year_is_read_from_a_document_number_and_a_full_date(tmp_path: Path, settings: Settings,
                                                               index: Index) -> None:
    plan = ("关于推进扩权强镇试点工作的实施方案\n关于推进扩权强镇试点工作的实施方案 2009-08-05 为做大做强镇域经济，制定本实施方案。\n"
            "一、实施范围\n全省首批扩权强镇试点镇青石镇。\n"
            "二、依据\n根据省发改委《关于同意青石镇列为省级扩权强镇改革试点乡镇的批复》（黔发改体改【2012】157号），"
            "青石镇列为省级扩权强镇改革试点。\n")
    _load(tmp_path, settings, index, plan=plan)
    assert "【2012】" in ask("青石镇是哪一年被省发改委批复列为扩权强镇试点的？", index, settings).answer
    # the plan's masthead date: the plan is about 青石镇, though that line does not name it
    assert "2009-08-05" in ask("青石镇那份实施方案是哪年哪月哪日制定的？", index, settings).answer


def test_a_wish_after_the_request_is_not_what_it_needs(tmp_path: Path, settings: Settings, index: Index) -> None:
    plan = PLAN + "四、存在问题\n县直部门人员编制紧张，业务水平、工作经验不足，难以承接下放的权限。\n"
    _load(tmp_path, settings, index, plan=plan)
    # no count of staff, but the passage answers the request; 最好带具体人数 is a wish
    answer = ask("帮我找一条青石镇县直部门人员编制紧张的表述，最好带具体人数。", index, settings).answer
    assert "人员编制紧张" in answer
    assert ask("帮我找一条青石镇县直部门人员编制紧张的表述，每个股室具体有几个人？", index, settings).answer == REFUSAL


def test_a_headcount_of_people_named_before_it_needs_those_people(tmp_path: Path, settings: Settings,
                                                                  index: Index) -> None:
    plan = PLAN + "四、充实队伍\n青石镇涉及权力下放的站所中不少只有一名或两名工作人员，为此从机关干部中抽调了部分同志充实到站所。\n"
    _load(tmp_path, settings, index, plan=plan)
    # 两名工作人员 is no count of the 干部 sent to the stations
    assert ask("青石镇从机关抽去充实站所的干部一共有多少人？", index, settings).answer == REFUSAL
    assert "两名工作人员" in ask("青石镇站所的工作人员一共有多少人？", index, settings).answer


def test_a_headcount_of_before_is_told_by_the_staff_there_were(tmp_path: Path, settings: Settings,
                                                               index: Index) -> None:
    plan = PLAN + "四、充实队伍\n以前涉及权力下放的站所中有不少只有一名或两名工作人员，为此从机关干部中抽调了部分同志充实到站所。\n"
    report = "武胜县扩权调研\n武胜县发展改革局仅有5个股室，且每个股室仅有2—3人，业务工作量非常大。\n"
    _load(tmp_path, settings, index, plan=plan, report=report)
    # 原来几个人 asks the people there were before: 以前…只有一名或两名工作人员 says so (人 is counted in 名)
    assert "一名或两名" in ask("青石镇权力下放之前，相关站所原来一般就配几个人？", index, settings).answer
    # …not the 干部 sent since, whom no sentence counts
    assert ask("青石镇从机关抽调充实到站所的干部一共有几个人？", index, settings).answer == REFUSAL
    # two asks, one sentence answering the question whole: each ask still gets its own sentence
    answer = ask("武胜县发改局每个股室有几个人，青石镇相关站所原先有几个人？", index, settings).answer
    assert "2—3人" in answer and "一名或两名" in answer


def test_one_item_asked_among_many_needs_a_sentence_naming_it(small: Index, settings: Settings) -> None:
    # 有没有…这一项 asks whether one item is among them: the count of departments does not say
    assert ask("县里下放给青石镇的权限里，有没有村民建房审批这一项？", small, settings).answer == REFUSAL
    # 二十几项 is "twenty-odd", said by the asker, not a count asked
    assert "规划" in ask("县里放给青石镇的那二十几项权限里，有没有规划这一项？", small, settings).answer
    # 有没有材料提到规划这一项: the item is 规划, not the sources that might name it
    assert "规划" in ask("县里放给青石镇的权限，有没有材料提到规划这一项？", small, settings).answer
    assert not asks_quantity("那二十几项权限里，具体有哪些审批权？") and asks_quantity("一共下放了几项权限？")


def test_a_question_across_sources_is_answered_by_three_sentences(tmp_path: Path, settings: Settings,
                                                                   index: Index) -> None:
    tail = "全年共办理审批事项一千余件，群众办事不出镇的比例明显提高，各项工作有序推进。\n"
    _load(tmp_path, settings, index, a="甲县扩权调研\n甲县承接权限后人员编制紧张，业务水平跟不上。" + tail,
          b="乙镇扩权汇报\n乙镇承接权限后站所人员编制不足，业务能力有待提高。" + tail,
          c="丙区扩权方案\n丙区承接权限时人员编制和业务培训都跟不上。" + tail)
    answer = ask("几份材料里，承接权限后人员编制和业务能力方面都暴露了什么问题？", index, settings)
    assert len(answer.claims) == 3 and len({claim.citations[0].doc_id for claim in answer.claims}) == 3
    # a look-up keeps to two at most
    assert len(ask("乙镇承接权限后人员编制和业务能力怎么样？", index, settings).claims) <= 2


def test_a_month_asked_needs_a_month(tmp_path: Path, settings: Settings, index: Index) -> None:
    plan = PLAN + "四、进度安排\n2012年，青石镇方案讨论稿征求各部门意见后正式印发。\n"
    _load(tmp_path, settings, index, plan=plan)
    # 哪年哪月 asks a month: a year alone does not give it
    assert ask("青石镇那份方案是哪年哪月正式印发的？", index, settings).answer == REFUSAL
    assert "2012年" in ask("青石镇那份方案是哪一年正式印发的？", index, settings).answer
    _load(tmp_path, settings, index, plan=plan.replace("2012年，", "2012年8月，"))
    assert "2012年8月" in ask("青石镇那份方案是哪年哪月正式印发的？", index, settings).answer


def test_the_askers_own_statement_asks_nothing(small: Index, settings: Settings) -> None:
    # 人口规模 is what the answer is for: the plan's growth targets (规模以上…) do not answer 常住人口有多少
    assert ask("青石镇目前的常住人口有多少？我想在报告中说明试点镇的人口规模。", small, settings).answer == REFUSAL
    assert "4万人" in ask("青石镇到2015年镇区要住多少人？我想在报告中说明试点镇的人口规模。", small, settings).answer


def test_a_sum_the_asker_works_out_from_the_answer_asks_nothing(small: Index, settings: Settings) -> None:
    # 我想据此算一算…有多少: the asker's own sum; the population asked first is in no passage
    question = "青石镇目前一共有多少常住人口？我想据此算一算固定资产投资摊到每个人身上有多少。"
    assert ask(question, small, settings).answer == REFUSAL
    assert "2.1亿元" in ask("青石镇2011年完成了多少固定资产投资？我想据此算一算摊到每个人身上有多少。", small, settings).answer


def test_a_population_size_is_a_population_and_money_spent_on_something_names_it(tmp_path: Path, settings: Settings,
                                                                                 index: Index) -> None:
    plan = "青石镇扩权强镇试点实施方案\n一、发展目标\n青石镇规模以上工业企业总产值年均增长25%以上。\n" \
           "二、工作进展\n2011年全镇完成固定资产投资2.1亿元。\n"
    _load(tmp_path, settings, index, plan=plan)
    # 人口规模 asks a population: 规模 is no metric of its own (规模以上工业企业总产值)
    assert ask("有人反映镇上人越来越多，想知道青石镇全镇的人口规模。", index, settings).answer == REFUSAL
    assert "25%" in ask("想知道青石镇规模以上工业企业总产值年均增长多少。", index, settings).answer
    # 在…上投入: spending on fixed assets does not answer spending on pollution control
    assert ask("青石镇2011年在污染治理和环境保护上一共投入了多少钱？", index, settings).answer == REFUSAL
    assert "2.1亿元" in ask("青石镇2011年在固定资产上一共投资了多少钱？", index, settings).answer


def test_a_sentence_saying_what_the_figure_is_for_asks_nothing(tmp_path: Path, settings: Settings, index: Index) -> None:
    _load(tmp_path, settings, index, plan=PLAN + "四、工作成效\n2011年青石镇农民人均纯收入5605元，比上年增长12%。\n")
    # 测算人均指标要用到: what the population is for; the 人均 figure answers no population
    assert ask("青石镇目前的户籍总人口有多少？规划里测算人均指标要用到。", index, settings).answer == REFUSAL
    assert "5605元" in ask("青石镇2011年农民人均纯收入多少？规划里测算人均指标要用到。", index, settings).answer


def test_people_counted_in_an_office_answer_a_count_per_department(tmp_path: Path, settings: Settings,
                                                                   index: Index) -> None:
    _load(tmp_path, settings, index,
          plan=PLAN + "四、存在问题\n县里部门人手紧张，县发展改革局仅有5个股室，且每个股室仅有2—3人，业务工作量非常大。\n")
    # 一个部门才几个人: the people of each 股室, an office of a department
    assert "2—3人" in ask("权放下来了，几份材料里提到一个部门才几个人？", index, settings).answer
    assert ask("调研组一共几个人？", index, settings).answer == REFUSAL


def test_which_town_of_two_named_is_answered_by_their_passages(tmp_path: Path, settings: Settings, index: Index) -> None:
    from briefgen.ask import _chooses_among

    body = "二、保障措施\n加强组织领导，落实工作责任，强化督促检查，确保试点工作顺利推进。\n"
    qing = "青石镇扩权强镇试点方案\n一、发展定位\n青石镇的发展定位是工业强镇、商贸物流中心。\n" + body
    bai = "白沙镇扩权强镇试点方案\n一、发展定位\n白沙镇的发展定位是现代农业基地、文化旅游新城。\n" + body
    _load(tmp_path, settings, index, qing=qing, bai=bai)
    assert len(index.store.documents()) == 2
    # 哪个镇 after two towns named chooses between them: the passage need name no third town
    answer = ask("青石镇和白沙镇的发展定位有什么不同？哪个镇把农业写进了定位？", index, settings)
    assert not answer.refused and "现代农业基地" in answer.answer
    assert _chooses_among("青石镇和白沙镇比，哪个镇的定位有农业？", ["青石镇", "白沙镇"])
    assert not _chooses_among("青石镇以外，哪个镇的定位有农业？", ["青石镇"])


def test_the_day_of_a_document_described_is_its_own(tmp_path: Path, settings: Settings, index: Index) -> None:
    dated = ("关于推进扩权强镇试点工作的实施方案\n关于推进扩权强镇试点工作的实施方案 2009-08-05 为做大做强镇域经济，制定本方案。\n"
             "一、实施范围\n全省首批扩权强镇试点镇红岩镇。\n")
    district = ("扩权强区改革实施方案\n为进一步完善我区行政管理体制，提高行政效能，根据市委精神，制定扩权强区改革实施方案。\n"
                "一、基本原则\n统筹安排，协调推进扩权强区改革，确保下放权限通顺运行。\n")
    _load(tmp_path, settings, index, dated=dated, district=district)
    # the 扩权强区 plan gives no date: the other plan's masthead date is not its day
    assert ask("区里推进扩权强区的那份改革方案是在哪一天正式印发的？", index, settings).answer == REFUSAL
    assert "2009-08-05" in ask("红岩镇推进扩权强镇试点的那份实施方案是哪一天印发的？", index, settings).answer
    # the masthead date dates the plan, not when the pilot ends or is checked
    assert ask("红岩镇的扩权强镇试点到哪一年结束、什么时候组织验收？", index, settings).answer == REFUSAL


def test_a_count_of_provinces_asked_as_shengfen_counts_provinces(small: Index, settings: Settings) -> None:
    # 省份有多少个 counts 省 (24个省), not the 份 of a document
    assert "24个省" in ask("全国实行近似省直管县财政体制的省份有多少个？", small, settings).answer


def test_money_asked_by_what_it_was_spent_as_needs_that_spending_named(small: Index, settings: Settings) -> None:
    # the fixed-asset investment of 2011 is no travel and meeting money
    assert ask("青石镇2011年差旅、交通、会议费一共花了多少万元？", small, settings).answer == REFUSAL
    assert "2.1亿元" in ask("青石镇2011年固定资产投资一共花了多少万元？", small, settings).answer


def test_whether_something_was_done_is_answered_by_a_sentence_saying_it_was_not(tmp_path: Path, settings: Settings,
                                                                                index: Index) -> None:
    _load(tmp_path, settings, index,
          plan=PLAN + "四、存在问题\n青石镇部分资金配套、转移支付工作还没有实现责、权、利的统一。\n")
    answer = ask("青石镇的转移支付工作有没有实现责权利的统一？", index, settings).answer
    assert "还没有实现责、权、利的统一" in answer


def test_a_document_number_is_no_day_and_which_powers_need_a_list_of_them(tmp_path: Path, settings: Settings,
                                                                          index: Index) -> None:
    from briefgen.ask import _DAY

    # (凤发…xx?13号): a 文号 whose brackets were lost in conversion, not the 13th of a month
    assert _DAY.search("制定出台了《试点工作实施意见》（凤发…xx?13号）。") is None
    assert _DAY.search("于2010年8月13日正式交接。") is not None
    plan = PLAN + "四、承接情况\n青石镇组织相关站所对照县里所下放的事权，编制上报年度工作计划，确保权责统一。\n"
    _load(tmp_path, settings, index, plan=plan)
    # 哪几项事权 asks for the powers listed, not a sentence that mentions the powers handed down
    assert ask("县里往青石镇放了哪几项具体事权？", index, settings).answer == REFUSAL
    _load(tmp_path, settings, index, plan=plan + "县里向青石镇下放了规划、建设、环保等审批权。\n")
    assert "规划、建设、环保等审批权" in ask("县里往青石镇放了哪几项具体事权？", index, settings).answer


def test_a_population_is_answered_by_people_and_its_shares_by_shares(tmp_path: Path, settings: Settings,
                                                                      index: Index) -> None:
    _load(tmp_path, settings, index, plan="青石镇扩权强镇试点工作总结\n一、工作成效\n2011年青石镇农民人均纯收入5605元，"
          "城镇居民人均可支配收入14407元，分别比上年增长12%和10%。\n二、人口\n全镇户籍人口中城镇人口占35%。\n")
    # 总人口 is a count of people: no income (人均) nor its growth rate; 城镇和农村人口各占多少 asks shares of people
    assert ask("我想算个人均账：青石镇全镇总人口是多少？", index, settings).answer == REFUSAL
    assert "35%" in ask("青石镇城镇和农村人口各占多少？", index, settings).answer
    assert "5605元" in ask("青石镇农民人均纯收入是多少？", index, settings).answer


def test_a_few_before_how_much_in_one_clause_asks_no_count(tmp_path: Path, settings: Settings, index: Index) -> None:
    _load(tmp_path, settings, index, plan=PLAN + "四、组织领导\n我县青石镇、白沙镇等四个乡镇被确定为扩权强镇试点镇后，"
          "立即成立了扩权强镇工作领导小组。\n")
    # 给几个试点镇安排了多少专项资金: the towns in question; four towns named is no money
    assert ask("县财政每年给几个扩权强镇试点镇安排了多少专项扶持资金？", index, settings).answer == REFUSAL
    assert "四个乡镇" in ask("县里确定了几个乡镇为扩权强镇试点镇？", index, settings).answer


def test_a_few_or_how_much_in_a_stated_sentence_asks_no_figure() -> None:
    # said with a full stop beside the sentence that asks: "a few", "somewhat", "as much as"
    assert not asks_quantity("楚明锟的论文说市管县后来出了毛病，还有几个挺形象的叫法。都是怎么叫的？")
    assert not asks_quantity("我心里多少有点不服气。它对市管县的历史作用是怎么评价的？")
    assert not asks_quantity("好几份方案都强调，拿到多少权就要担多少责。它们各自是怎么说的？")
    assert not asks_quantity("我退休前最后几年参加过一次座谈。楚明锟开出了什么药方？")
    assert not asks_quantity("青石镇2012年的几个硬指标：投资、财政收入和人口")  # a few, listed after the colon
    assert not asks_quantity("扩权以后跑项目真的更容易了吗？几个县的经验说说。")  # a few, to be told about
    assert not asks_quantity("争取项目的路子有什么变化？综合几个县的总结讲讲。")
    assert asks_quantity("青石县一共有几个试点镇？说说看。")
    assert not asks_quantity("请以青石县的几个试点镇为例，归纳主导产业的方向。")  # 以…几个…为例: a few examples
    assert not asks_quantity("下放给县里的权限到底有多少是实打实的？")  # a degree, told in words (不少是虚设)
    assert asks_quantity("下放给县里的权限到底有多少项？")
    assert asks_quantity("青石镇有几个试点村？")
    assert asks_quantity("请告诉我审批时间缩短了多少。原因又是什么？")  # a request, though with a full stop


def test_the_askers_own_decision_asks_no_place_and_a_leader_asked_by_name_needs_one(tmp_path: Path,
                                                                                   settings: Settings,
                                                                                   index: Index) -> None:
    from briefgen.ask import which_place

    # 我们评估哪些县适合…时想参考这篇: what the answer is for, not a county asked
    assert which_place("一个县得先具备哪些条件？我们评估哪些县适合纳入直管名单时想参考这篇的意见。") is None
    assert which_place("哪些县适合纳入直管名单？") == "县"
    plan = PLAN + "四、组织领导\n县里成立了以县委、县政府主要领导同志为组长的扩权强镇工作领导小组。\n"
    _load(tmp_path, settings, index, plan=plan)
    # 哪几位县领导，叫什么名字: a role (主要领导同志) names nobody
    assert ask("青石镇领导小组的组长具体是哪几位县领导，叫什么名字？", index, settings).answer == REFUSAL
    assert "主要领导同志" in ask("青石镇领导小组由谁任组长？", index, settings).answer


def test_a_clause_break_before_which_ones_still_asks_for_places() -> None:
    from briefgen.ask import which_place

    assert which_place("浙江九十年代初第一批扩权的那13个县市，具体都是哪几个？") == "县"
    assert which_place("扩权以后县里碰到的问题，具体都是哪些？") is None  # 县里 is no level asked


def test_only_those_few_people_asks_no_count() -> None:
    # 就那么几个人 is "only a few people", not how many
    assert not asks_quantity("权是放下来了,可县里镇里办事的就那么几个人,忙得过来不?")
    assert asks_quantity("县里办事的一共几个人？")


def test_a_seat_in_the_group_is_answered_by_the_post_held(tmp_path: Path, settings: Settings, index: Index) -> None:
    # 排第几把交椅 asks a post in the group, not a place in a ranking
    _load(tmp_path, settings, index, plan=PLAN + "四、组织领导\n青石镇成立了扩权强镇工作领导小组，由镇党委书记任组长，"
          "镇长任第一副组长。\n")
    assert "第一副组长" in ask("青石镇那个领导小组，镇长在里面排第几把交椅？", index, settings).answer


def test_an_era_dates_when_something_began(tmp_path: Path, settings: Settings, index: Index) -> None:
    _load(tmp_path, settings, index, paper=PAPER + "二、市管县的由来\n市管县体制是在改革开放初期为解决城乡分割问题而建立的"
          "三级行政区划。\n")
    # 改革开放初期 is a time: it answers 什么时候
    assert "改革开放初期" in ask("市管县体制大概是什么时候建立起来的？", index, settings).answer
    # …when no passage gives a year: 1983年 says it more exactly
    _load(tmp_path, settings, index, paper=PAPER + "二、市管县的由来\n市管县体制是在改革开放初期为解决城乡分割问题而建立的"
          "三级行政区划。\n1983年起市管县体制在全国建立并推行。\n")
    answer = ask("市管县体制大概是什么时候建立起来的？", index, settings).answer
    assert "1983年" in answer and "改革开放初期" not in answer


def test_money_lost_is_answered_by_a_fall_not_by_money_spent(tmp_path: Path, settings: Settings, index: Index) -> None:
    plan = PLAN + "四、财政\n扩权后青石镇本级财政投入各类基础设施建设达2.6亿元。\n"
    _load(tmp_path, settings, index, plan=plan)
    # 本级财政投入…2.6亿元 is money spent, not revenue lost
    assert ask("扩权以后青石镇本级财政每年因此少收了多少钱？", index, settings).answer == REFUSAL
    _load(tmp_path, settings, index, plan=plan + "扩权后青石镇本级财政每年减收规费收入300万元。\n")
    assert "300万元" in ask("扩权以后青石镇本级财政每年因此少收了多少钱？", index, settings).answer


def test_the_number_of_a_document_asked_to_be_named_stands_beside_its_title(tmp_path: Path, settings: Settings,
                                                                            index: Index) -> None:
    report = ("青石镇扩权强镇试点调研\n政府参阅[2011]6号\n一、基本情况\n青石镇是全省扩权强镇试点镇，试点以来发展较快。\n")
    _load(tmp_path, settings, index, report=report)
    # 哪份文件、什么文号 asks the document that made it a pilot: the report's own masthead number is not it
    assert ask("青石镇被列为试点，是省里哪份文件、什么文号定下来的？", index, settings).answer == REFUSAL
    assert "[2011]6号" in ask("青石镇那份调研的文号是多少？", index, settings).answer
    _load(tmp_path, settings, index, report=report + "二、依据\n根据省发改委《关于同意青石镇列为扩权强镇试点的批复》"
          "（黔发改体改【2010】987号），青石镇列为试点。\n")
    assert "987号" in ask("青石镇被列为试点，是省里哪份文件、什么文号定下来的？", index, settings).answer


def test_how_much_faster_is_answered_by_a_time_that_shrank(tmp_path: Path, settings: Settings, index: Index) -> None:
    _load(tmp_path, settings, index, plan=PLAN + "四、审批服务\n扩权后，镇便民服务中心的审批时间由原来平均7天缩减为3天。\n"
          "全镇2012年新建道路12公里。\n")
    # 效率提了多少 names no unit: a time that shrank tells it, a length built does not
    assert "7天缩减为3天" in ask("青石镇扩权以后办事效率到底提了多少？", index, settings).answer
    assert ask("青石镇扩权以后修路的速度提了多少？", index, settings).answer == REFUSAL


def test_sanctions_asked_for_need_a_sentence_naming_one(tmp_path: Path, settings: Settings, index: Index) -> None:
    duties = "四、保障措施\n下放权限的使用要做到权力与责任相匹配，确保下放权限规范运行。\n"
    _load(tmp_path, settings, index, plan=PLAN + duties)
    question = "青石镇的方案里，对违规行使下放权限的人，规定了什么样的处分或者问责办法？"
    assert ask(question, index, settings).answer == REFUSAL  # powers matched with duties name no sanction
    _load(tmp_path, settings, index, plan=PLAN + duties + "对滥用下放权限的，依法追究相关人员的责任。\n")
    assert "追究相关人员的责任" in ask(question, index, settings).answer
    # 问责 as the reason for asking, and sanctions asked beside another thing, leave the gate off
    _load(tmp_path, settings, index, plan=PLAN + duties + "五、组织领导\n成立扩权强镇工作领导小组，由镇党委书记任组长。\n")
    assert "镇党委书记任组长" in ask("问责要落到人，青石镇扩权工作领导小组的组长由谁担任？", index, settings).answer
    assert ask("青石镇的方案对下放权限的使用提了什么要求，又规定了什么奖惩办法？", index, settings).answer != REFUSAL


def test_how_pilots_are_assessed_needs_a_sentence_on_assessing_them(tmp_path: Path, settings: Settings,
                                                                      index: Index) -> None:
    _load(tmp_path, settings, index, plan=PLAN)
    # the plan's targets (建成区面积达到6平方公里) say what is wanted, not how the town is assessed
    assert ask("县里对青石镇设置了哪些考核指标？按什么周期考核？", index, settings).answer == REFUSAL
    assert "6平方公里" in ask("我们想定考核指标，青石镇到2015年建成区面积要达到多少？", index, settings).answer
    _load(tmp_path, settings, index, plan=PLAN + "四、考核管理\n县里与青石镇签订目标责任书，每年考核一次。\n")
    assert "目标责任书" in ask("县里对青石镇设置了哪些考核指标？按什么周期考核？", index, settings).answer


def test_the_grade_of_a_post_needs_a_sentence_naming_a_grade(tmp_path: Path, settings: Settings, index: Index) -> None:
    lead = "五、组织领导\n成立扩权强镇工作领导小组，由镇党委书记任组长。\n"
    _load(tmp_path, settings, index, plan=PLAN + lead)
    question = "青石镇的党委书记扩权后有没有按副县级干部高配？"
    assert ask(question, index, settings).answer == REFUSAL  # 由镇党委书记任组长 names the post, not its grade
    _load(tmp_path, settings, index, plan=PLAN + lead + "试点镇党委书记按副县级高配。\n")
    assert "副县级高配" in ask(question, index, settings).answer


def test_a_general_transfer_is_not_general_budget_revenue(tmp_path: Path, settings: Settings, index: Index) -> None:
    _load(tmp_path, settings, index, plan=PLAN + "四、财政收入\n2012年全镇地方财政一般预算收入1.2亿元。\n")
    # 一般 (of 一般性转移支付) names no figure: the revenue shares the word, not the thing
    assert ask("青石镇2012年从县里拿到的一般性转移支付具体是多少钱？", index, settings).answer == REFUSAL
    assert "1.2亿元" in ask("青石镇2012年一般预算收入是多少？", index, settings).answer


def test_a_list_of_powers_asked_for_needs_a_sentence_listing_them(tmp_path: Path, settings: Settings,
                                                                   index: Index) -> None:
    _load(tmp_path, settings, index, plan=PLAN)
    question = "青石镇的方案里，县里具体把哪些权力交给了镇？有没有审批权、执法权的清单？"
    assert ask(question, index, settings).answer == REFUSAL  # 下放县级经济社会管理权限 names no power of a list
    # a list the asker keeps (我们核对事项清单要用) asks for none
    assert "8个部门" in ask("县里向青石镇下放权限涉及几个部门？我们核对事项清单要用。", index, settings).answer
    _load(tmp_path, settings, index, plan=PLAN + "四、下放事项\n下放规划、建设、环保等审批权和执法权。\n")
    assert "环保等审批权" in ask(question, index, settings).answer


MODELS = """我国强县扩权实践模式的案例分析
摘要：各地以财政放权为突破口，选取不同推进路径。这里仅择取浙江、湖北、河南和重庆等省市之做法和特点进行梳理。
一、财政突破与体制创新的浙江模式
浙江模式的特点是财政省直管县，县里的财政收支由省直接核定，扩权县的审批权限大大增加。
"""


def test_a_provinces_model_named_only_in_a_list_is_not_described(tmp_path: Path, settings: Settings,
                                                                 index: Index) -> None:
    _load(tmp_path, settings, index, paper=MODELS)
    # the paper announces 湖北's model and then describes 浙江's: nothing about 湖北's is there to cite
    assert ask("那篇案例分析提到了湖北，湖北模式具体有哪些特点？", index, settings).answer == REFUSAL
    assert ask("孙某文章里点到的重庆的做法，具体是怎么操作的？", index, settings).answer == REFUSAL
    assert ask("孙某文中列举了几个省市的做法，其中重庆模式有什么特点？", index, settings).answer == REFUSAL  # 其中重庆
    assert "财政省直管县" in ask("那篇案例分析里，浙江模式具体有哪些特点？", index, settings).answer
    # a sentence naming the province on its own describes it
    _load(tmp_path, settings, index, paper=MODELS + "湖北模式则以扩大县级经济管理权限为主，特点是分批推进。\n")
    assert "分批推进" in ask("那篇案例分析提到了湖北，湖北模式具体有哪些特点？", index, settings).answer


def test_a_place_in_a_list_is_named_only_as_an_item() -> None:
    assert not _names_alone("湖北", "这里仅择取浙江、湖北、河南和重庆等省市之做法")
    assert not _names_alone("重庆", "这里仅择取浙江、湖北、河南和重庆等省市之做法")  # the list's last item, after 和
    assert not _names_alone("江苏", "湖北、河南、四川和江苏等19省开展了改革")
    assert _names_alone("辽宁", "国务院先后批准北京、天津、上海三市和辽宁省全部实行市领导县体制")  # 三市和辽宁省
    assert _names_alone("上海", "为“在经济上和上海接轨”，浙江对13个县市扩权")


def test_a_count_asked_after_a_bracketed_noun_counts_that_noun(small: Index, settings: Settings) -> None:
    # 省（市）一共有多少个 counts 省 (24个省（市）), not the 共 of 一共
    assert _counted_noun("实行近似省直管县体制的省（市）一共有多少个？") == "省"
    assert _counted_noun("当时纳入的一共有多少个？") is None
    assert "24个省" in ask("实行近似省直管县财政体制的省（市）一共有多少个？", small, settings).answer


def test_a_countys_own_report_saying_our_county_names_a_county(tmp_path: Path, settings: Settings,
                                                               index: Index) -> None:
    report = ("武胜县扩权强县试点工作总结\n一、基本情况\n武胜县是扩权强县试点县，试点工作从2009年开始，县里成立了领导小组。\n"
              "二、主要成效\n由于省里直接发布项目信息，从而使我县获得项目的机会明显增加。\n三、存在问题\n部分权限下放不到位。\n")
    _load(tmp_path, settings, index, report=report)
    # 哪些县 asks for counties: the county's own report names itself as 我县
    assert "我县获得项目的机会" in ask("项目直接报省以后，材料里哪些县说获得项目的机会增加了？", index, settings).answer
    # …but no town
    assert ask("项目直接报省以后，材料里哪些镇说获得项目的机会增加了？", index, settings).answer == REFUSAL


def test_a_procedure_asked_for_needs_a_sentence_naming_one(tmp_path: Path, settings: Settings, index: Index) -> None:
    plan = PLAN + "四、承接方式\n县里向青石镇下放权限后，青石镇设立便民服务中心统一受理下放事项。\n"
    _load(tmp_path, settings, index, plan=plan)
    question = "青石镇承接下放事项以后，按什么程序受理办理？"
    assert ask(question, index, settings).answer == REFUSAL  # a centre that takes them in is no procedure
    # …how the sources speak of a procedure (走法定程序是怎么讲的) asks for no procedure
    assert "便民服务中心" in ask("青石镇承接下放事项走法定程序是怎么讲的？", index, settings).answer
    # …nor is a sentence saying that one was drawn up (已制定规范操作流程)
    _load(tmp_path, settings, index, plan=plan + "目前，县里相关授权部门已制定规范操作流程，正在组织人员培训。\n")
    assert ask(question, index, settings).answer == REFUSAL
    # …nor one saying that one was made shorter (简化扩权事项审批流程); 什么样的程序 and 程序一步步是咋走的 ask for one
    _load(tmp_path, settings, index, plan=plan + "县里简化扩权事项审批流程，提高了行政效率。\n")
    for asked in (question, "青石镇承接下放事项以后，用什么样的程序受理？", "青石镇下放的权出了问题，追责程序一步步是咋走的？"):
        assert ask(asked, index, settings).answer == REFUSAL, asked
    # 要经过哪些报批程序 asks for one too, which a plan naming its goals does not give; so do 哪几道报批手续 and
    # 什么申报评审流程
    for asked in ("青石镇以后要是撤镇设市，要经过哪些报批程序？", "青石镇接过来的权限要走哪几道报批手续才算生效？",
                  "青石镇是怎么选上的？走了什么申报评审流程？"):
        assert ask(asked, index, settings).answer == REFUSAL, asked
    # …and that the steps were cut (减少了审批环节) names none of them
    _load(tmp_path, settings, index, plan=plan + "青石镇项目直接向县里申报，减少了审批环节，加快了项目审批进度。\n")
    assert ask("青石镇的项目直接向县里申报以后，审批按什么程序办理？", index, settings).answer == REFUSAL
    _load(tmp_path, settings, index, plan=plan + "下放事项经县政府常务会议审议后，按照申请、受理、审核、办结的程序办理。\n")
    assert "办结的程序" in ask(question, index, settings).answer


def test_the_names_of_offices_need_a_sentence_naming_offices(tmp_path: Path, settings: Settings, index: Index) -> None:
    plan = PLAN + "四、机构设置\n青石镇以机构人员统筹整合为主线，精简镇内机构。\n"
    _load(tmp_path, settings, index, plan=plan)
    question = "青石镇机构人员统筹整合以后，设置了哪些内设机构？各叫什么名称？"
    assert ask(question, index, settings).answer == REFUSAL  # that bodies were merged names none of them
    _load(tmp_path, settings, index, plan=plan + "整合后青石镇设党政办公室、经济发展办和便民服务中心。\n")
    assert "便民服务中心" in ask(question, index, settings).answer
    # …and what a mismatch of bodies is called asks for no office's name
    assert not _OFFICE_Q.search("省发改委和县发改局的机构规模对不上,这种情况叫什么?")


def test_how_an_assessment_scores_needs_a_sentence_naming_scores(tmp_path: Path, settings: Settings,
                                                                 index: Index) -> None:
    plan = PLAN + "四、考核\n镇政府与相关站所签订目标责任书，确保工作奖罚分明。\n"
    _load(tmp_path, settings, index, plan=plan)
    question = "青石镇那份方案里的目标责任书，考核评分细则和奖惩档次是怎么规定的？"
    assert ask(question, index, settings).answer == REFUSAL  # that there is an assessment says not how it scores
    _load(tmp_path, settings, index, plan=plan + "考核实行百分制，得分90分以上为优秀，60分以下为不合格。\n")
    assert "90分以上为优秀" in ask(question, index, settings).answer


def test_a_rhetorical_how_much_beside_asking_what_sources_say_is_answered_by_what_they_say(
        tmp_path: Path, settings: Settings, index: Index) -> None:
    plan = PLAN + "四、存在问题\n基础设施建设百业待兴，需要大批量资金投入，存在较大的缺口。\n"
    _load(tmp_path, settings, index, plan=plan)
    # 到底要投多少 asks no figure of a question asking what each source says (各家是怎么说的)
    answer = ask("搞扩权强镇的地方，镇上修路建设施到底要投多少、资金缺口大不大？各家是怎么说的？", index, settings).answer
    assert "存在较大的缺口" in answer
    # …but asked alone it asks for one, which no sentence gives
    assert ask("搞扩权强镇的地方，镇上修路建设施到底要投多少钱？", index, settings).answer == REFUSAL


def test_a_space_typed_between_two_asks_parts_them(tmp_path: Path, settings: Settings, index: Index) -> None:
    _load(tmp_path, settings, index, plan=PLAN + "四、扩权进程\n青石镇扩权试点起步较早，县里首批下放了12项县级管理权限。\n")
    # typed on a phone, a space stands for the comma: 当时下放了几项 is an ask of its own, not "a few" beside 啥时候
    # (no sentence dates the start, the count is told)
    assert "12项" in ask("青石镇啥时候开始扩权的 当时县里下放了几项权限", index, settings).answer


def test_when_something_first_happened_is_dated_by_a_sentence_saying_so(tmp_path: Path, settings: Settings,
                                                                        index: Index) -> None:
    start = "早在2009年，为了加快小城镇建设步伐、带动周边乡村发展，县里就对青石镇进行扩权。\n"
    _load(tmp_path, settings, index, plan=PLAN + "四、扩权进程\n" + start)
    # 最早 asks when it began: 早在2009年 says so, however far the sentence's 扩权 stands from its year
    assert "早在2009年" in ask("青石镇最早是什么时候开始扩权的？", index, settings).answer


def test_gdp_typed_in_latin_letters_is_the_corpus_s_gross_product(tmp_path: Path, settings: Settings,
                                                                  index: Index) -> None:
    _load(tmp_path, settings, index, plan=PLAN + "四、经济发展\n2011年全镇实现国内生产总值15.6亿元。\n")
    for asked in ("青石镇2011年gdp到多少了", "青石镇2011年GDP是多少？"):
        assert "15.6亿元" in ask(asked, index, settings).answer, asked


def test_the_name_of_a_place_asked_needs_a_sentence_naming_one(tmp_path: Path, settings: Settings,
                                                               index: Index) -> None:
    assert which_place("搞扩权强镇试点的那个县到底叫啥名？") == "县"
    assert which_place("那个试点镇的名字叫什么？") == "镇"
    _load(tmp_path, settings, index, plan=PLAN)
    question = "青石镇那个搞扩权强镇试点的县到底叫啥名？"
    assert ask(question, index, settings).answer == REFUSAL  # 全县确定青石镇… names no county
    _load(tmp_path, settings, index, plan=PLAN + "四、试点县\n白水县确定青石镇为扩权强镇试点镇，给予政策倾斜。\n")
    assert "白水县" in ask(question, index, settings).answer


def test_where_work_is_placed_is_no_one_s_workplace(tmp_path: Path, settings: Settings, index: Index) -> None:
    _load(tmp_path, settings, index, plan=PLAN + "四、组织领导\n领导小组在县发改委下设办公室，具体负责青石镇扩权的日常工作。\n")
    # 日常工作放在哪个机构 asks where an office sits, not at which university someone works
    assert "下设办公室" in ask("青石镇扩权的领导小组，日常工作放在哪个机构？", index, settings).answer


def test_some_and_not_much_ask_no_figure() -> None:
    assert not asks_quantity("强镇方案里整治镇容环境，有没有几个地方都在用的提法？")  # are there some
    assert not asks_quantity("像我们这种底子一般的县，是不是沾不上多少光？")  # not much
    assert not asks_quantity("下放的权限起不了多少作用吧？")
    assert asks_quantity("青石镇有几个试点镇？") and asks_quantity("县里下放了多少项权限？")
