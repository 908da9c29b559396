"""Retrieval details with the hash embedder: the document a question describes is preferred."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.ask import ask
from briefgen.config import Settings
from briefgen.embed import HashEmbedder
from briefgen.index import Index
from briefgen.ingest import ingest_paths
from briefgen.models import Chunk, Document, Section, Source
from briefgen.retrieve import (
    _COUNTED_KIND,
    Hit,
    Retriever,
    _compact_text,
    _spread_documents,
    asked_section,
    asks_summary,
    comparison_sides,
    described_rest,
    fusion_shares,
    numbered_parts,
    side_subject,
    sources_agree,
    wants_several_documents,
)

PLAN = """{title}

{date}

为推进扩权强镇试点工作，制定本方案。
一、试点范围
选择{town}作为试点，下放县级经济社会管理权限。
二、工作目标
{goal}
"""
GOALS = ["到期末，试点镇地区生产总值年均增长15%以上，财政收入年均增长20%以上，建成区面积达到3平方公里。",
         "三年内建成综合服务中心和农产品交易市场，引进规模企业10家，新增城镇就业岗位2000个。",
         "理顺区级管理体制，组建行政服务中心，实现审批事项一站式办理，群众办事不出区。"]


def _plans(tmp_path: Path) -> list[Path]:
    files = []
    for n, (title, date, town) in enumerate([("青石县扩权强镇试点实施方案", "2009年8月5日", "白沙镇"),
                                             ("青石县扩权强镇试点工作方案", "2012年3月1日", "红岩镇"),
                                             ("柳河县扩权强区改革实施方案", "2012年6月9日", "柳河区")]):
        path = tmp_path / f"plan{n}.txt"
        path.write_text(PLAN.format(title=title, date=date, town=town, goal=GOALS[n]), encoding="utf-8")
        files.append(path)
    return files


def _boosted_town(retriever: Retriever, query: str) -> str:
    """The document the metadata boost alone prefers: every chunk starts at the same score."""
    retriever.search("试点", k=1)  # loads the documents
    hits = {c.chunk_id: h for c in retriever._chunks.values() if (h := retriever._hit(c.chunk_id))}
    retriever._boost_metadata(hits, query)
    by_document: dict[str, float] = {}
    for hit in hits.values():
        by_document[hit.document.text] = max(hit.score, by_document.get(hit.document.text, 0.0))
    ranked = sorted(by_document.items(), key=lambda item: -item[1])
    assert ranked[0][1] > ranked[1][1]  # a clear winner, not a tie
    return next(t for t in ("白沙镇", "红岩镇", "柳河区") if t in ranked[0][0])


def test_dates_are_compacted_whatever_their_writing() -> None:
    assert _compact_text("2009年8月5日印发") == "20090805印发"
    assert _compact_text("2009-08-05印发的方案") == "20090805印发的方案"


def test_a_question_naming_a_year_date_or_title_prefers_that_document(tmp_path: Path, settings: Settings,
                                                                   index: Index) -> None:
    ingest_paths(_plans(tmp_path), settings, index, progress=False)
    retriever = Retriever(index, settings)
    assert _boosted_town(retriever, "2009年那份方案把哪个镇定为试点？") == "白沙镇"
    assert _boosted_town(retriever, "2012-03-01印发的方案，试点是哪个镇？") == "红岩镇"
    assert _boosted_town(retriever, "扩权强区改革实施方案的试点范围是什么？") == "柳河区"


def test_a_comparison_is_split_into_its_two_sides() -> None:
    assert comparison_sides("蒲场镇方案和2009年扩权强镇实施方案在目标设定上有何不同？") == [
        "蒲场镇方案在目标设定上有何不同？", "2009年扩权强镇实施方案在目标设定上有何不同？"]
    assert comparison_sides("凤阳县和2018年那个镇在承接事权上各采取了什么办法？") == [
        "凤阳县在承接事权上各采取了什么办法？", "2018年那个镇在承接事权上各采取了什么办法？"]
    sides = comparison_sides("关于当初为什么要搞市管县，楚明锟和周天勇两人的文章说法有什么不一样？")
    assert sides == ["楚明锟两人的文章说法有什么不一样？关于当初为什么要搞市管县，",
                     "周天勇两人的文章说法有什么不一样？关于当初为什么要搞市管县，"]  # the lead clause moves behind
    assert [side_subject(side) for side in sides] == ["楚明锟", "周天勇"]
    assert comparison_sides("武胜县的调研和王振涛的提案分别是怎么说的？") == [  # 分别, 各是: respectively
        "武胜县的调研的提案分别是怎么说的？", "王振涛的提案分别是怎么说的？"]
    assert comparison_sides("凤阳县和2018年汇报的那个镇在人员培训上各是怎么做的？")[1] == "2018年汇报的那个镇在人员培训上各是怎么做的？"
    # a subject ends before 对 (A和B对X的解释) and before 那份 (武胜县那份材料): the predicate stays whole
    sides = comparison_sides("楚明锟和周天勇对当年为什么要推行市管县，各自的解释有什么不同？")
    assert sides[0] == "楚明锟对当年为什么要推行市管县，各自的解释有什么不同？"
    assert [side_subject(side) for side in sides] == ["楚明锟", "周天勇"]
    assert side_subject(comparison_sides("武胜县那份材料和王振涛的提案各是怎么说的？")[0]) == "武胜县"
    assert comparison_sides("武胜县扩权后审批时间缩短了多少？") == []  # no comparison wording
    # asking what each said (各说了啥, 都咋说的) compares too; a side that points at its document (那份政协提案)
    # is about who issued it, not about the pointer or the kind of document
    assert comparison_sides("武胜县的调研和那份政协提案都嫌权没放到位，对比一下")  # 对比 compares
    assert comparison_sides("干部方面的毛病，凤阳县汇报里讲的和政协提案里讲的是一码事吗？")  # so does 是一码事吗
    # 不同材料 asks across sources: 编制和人手 are not two sides
    assert comparison_sides("从编制和人手的角度看，基层接权卡在哪里？请结合不同材料加以综合。") == []
    sides = comparison_sides("县里财政吃紧，武胜县的调研和那份政协提案各说了啥原因？")
    assert [side_subject(side) for side in sides] == ["武胜县", "政协"]
    assert side_subject("2018年汇报里那个镇怎么做的？") == "2018年汇报"  # a year and a kind name a document together
    assert comparison_sides("扩权改革带来了哪些好处和压力？") == []  # 和 without a comparison
    # the other side opening its own clause (…，跟B比，): the clause before is the first side, and 比 compares
    sides = comparison_sides("同样叫扩权，市里给区放权，跟武胜县那种扩权强县比，权力分别是从哪来的？")
    assert [side_subject(side) for side in sides] == ["市里给区放权", "武胜县那种扩权强县"]
    assert "分别是从哪来的" in sides[1]


def test_each_side_of_a_comparison_gets_evidence(sample_corpus: Path, settings: Settings, index: Index) -> None:
    ingest_paths([sample_corpus], settings, index, progress=False)
    question = "武胜县和2019年某县的试点总结在反映成效的方式上有什么差别？"
    hits = Retriever(index, settings).search(question, k=5)
    assert [h.document.year for h in hits[:2]] == [2011, 2019]  # the sides interleave: one of each first


def test_a_comparison_of_what_two_named_sources_each_said_reads_both(sample_corpus: Path, settings: Settings,
                                                                     index: Index) -> None:
    ingest_paths([sample_corpus], settings, index, progress=False)
    question = "扩权试点以后县里财政反倒吃紧，武胜县的调研和那份政协提案各说了啥原因？"
    titles = {h.document.title for h in Retriever(index, settings).search(question, k=5)}
    assert any("武胜县" in t for t in titles) and any("问题和建议" in t for t in titles), titles


LONG_CHUNK = ("一、机构设置\n全镇下设党政办公室、经济发展办公室、社会事务办公室和财政所等机构，分工负责各项日常工作。"
              "各办公室实行主任负责制，年初签订目标责任书，年底统一组织考评，考评结果与干部评优挂钩。"
              "镇便民服务中心设置十二个窗口，集中办理群众日常事项，推行首问负责和限时办结制度。"
              "乡镇综合执法队伍人员编制核定为35名。"
              "各村设立便民代办点，由村干部轮流值守，帮助群众代办各类证照和补贴申领手续。\n")
SHORT_CHUNK = "二、队伍建设\n加强执法队伍建设，合理核定人员编制，推进乡镇综合改革。\n三、下步打算\n继续完善便民服务，方便群众办事。\n"


def _dense_order(tmp_path: Path, unit: str) -> list[str]:
    """Doc ids in dense order for a question one sentence of the long chunk answers word for word."""
    from briefgen.embed import HashEmbedder

    settings = Settings(embed={"model": "hash", "unit": unit},  # type: ignore[arg-type]
                        paths={"data_dir": tmp_path / unit})
    index = Index(settings, embedder=HashEmbedder())
    for name, body in (("long", LONG_CHUNK), ("short", SHORT_CHUNK)):
        (tmp_path / f"{name}.txt").write_text(f"{name}镇工作情况\n{body}", encoding="utf-8")
    report = ingest_paths([tmp_path / "long.txt", tmp_path / "short.txt"], settings, index, progress=False)
    assert len(report.added) == 2, report
    retriever = Retriever(index, settings)
    retriever._refresh()
    ranked = retriever._dense("乡镇综合执法队伍的人员编制核定为多少名？", 5, None)
    assert len({cid for cid, _ in ranked}) == len(ranked)  # one entry per chunk, however many sentences hit
    return [retriever._docs[retriever._chunks[cid].doc_id].title for cid, _ in ranked]


def test_a_chunk_scores_as_its_best_sentence(tmp_path: Path) -> None:
    assert _dense_order(tmp_path, "sentence")[0].startswith("long")
    assert _dense_order(tmp_path, "chunk")[0].startswith("short")  # one vector per chunk dilutes the answer


def _fused(lists: list[tuple[list[tuple[str, float]], float]], fusion: str) -> list[str]:
    totals: dict[str, float] = {}
    for ranking, weight in lists:
        for (key, _), share in zip(ranking, fusion_shares([s for _, s in ranking], fusion, 60), strict=True):
            totals[key] = totals.get(key, 0.0) + weight * share
    return sorted(totals, key=lambda key: -totals[key])


def test_convex_fusion_keeps_a_lead_that_rank_fusion_loses() -> None:
    dense = [("far ahead", 0.80), ("fair", 0.50), ("fair too", 0.49), ("poor", 0.30)]
    lexical = [("fair", 10.0), ("fair too", 9.9), ("poor", 1.0)]  # the leader shares no word with the question
    lists = [(dense, 3.0), (lexical, 1.0)]
    assert _fused(lists, "convex")[0] == "far ahead"
    assert _fused(lists, "rrf")[0] == "fair"  # ranks forget that the dense lead was large
    assert fusion_shares([0.7, 0.7], "convex", 60) == [1 / 61, 1 / 61]  # ties: no division by zero
    assert fusion_shares([], "convex", 60) == []


def test_a_comparison_side_naming_its_source_is_answered_from_it(sample_corpus: Path, settings: Settings,
                                                                 index: Index) -> None:
    assert side_subject("楚明锟的文章都讲了什么？") == "楚明锟"
    ingest_paths([sample_corpus], settings, index, progress=False)
    retriever = Retriever(index, settings)
    question = "楚明锟和周天勇的文章对当初为何实行市管县的解释有什么差别？"
    authors = [h.document.text[:300] for h in retriever.search(question, k=5)[:2]]
    assert any("楚明锟" in a for a in authors) and any("周天勇" in a for a in authors)
    assert retriever._named_documents("王晓东") is None  # a name no masthead holds restricts nothing


def test_a_question_naming_its_source_is_answered_from_it(sample_corpus: Path, settings: Settings,
                                                          index: Index) -> None:
    ingest_paths([sample_corpus], settings, index, progress=False)
    retriever = Retriever(index, settings)
    hits = retriever.search("为提高县级部门承接权限的能力，郊区政协的材料提出了哪些办法？", k=5)
    assert {h.document.title for h in hits} == {"扩权强县试点推进工作存在的问题和建议"}
    assert retriever._source_documents("综合几份基层材料看，权放得不实有哪些表现？", []) == []  # names no source
    assert len(retriever._source_documents("武胜的调研报告建议省里怎么支持？", ["武胜县"])) == 1  # the place is the source's
    [pointed] = retriever._source_documents("王振涛那份讲扩权强县的东西，提了哪些建议？", [])  # who wrote the one it points at
    assert {index.store.document(d).title for d in pointed} == {"扩权强县试点推进工作存在的问题和建议"}
    [wrote] = retriever._source_documents("周天勇写的那篇讲市管县的文章，说了什么？", [])  # …with the verb 写
    assert {index.store.document(d).title for d in wrote} == {"从市管县到省管县的体制变迁"}
    # …but the report the asker writes (写申报报告) is no source: the one paper named is read alone
    [own] = retriever._source_documents("写申报报告想引一句话。周天勇那篇讲体制变迁的文章是怎么给这件事定性的？", [])
    assert {index.store.document(d).title for d in own} == {"从市管县到省管县的体制变迁"}
    # 另一篇 is one more source, not found by its name: it is searched for in the other documents
    chu, rest = retriever._source_documents("从理论上看，楚明锟的论文讲了省直管县的优势，另一篇讲了市管县的好处，各是什么？", [])
    assert {index.store.document(d).title[:10] for d in chu} == {"从 市管县 到 省直"} and not set(chu) & set(rest)
    # …nor is a kind of paper (研究文章, 学者们的论文): 研究 in two mastheads named those two papers alone
    assert retriever._source_documents("上面挑试点一般看什么？研究文章里对这个是怎么讲的？", []) == []
    # a question of numbered parts, each naming its source: every source is read
    question = "请综合：1）武胜县调研报告如何描述收支平衡的困境；2）郊区政协的提案怎样概括县级财政压力；3）楚明锟等人又如何表述？"
    titles = {h.document.title[:8] for h in retriever.search(question, k=5)}
    assert titles == {"广安市武胜县“扩", "扩权强县试点推进", "从 市管县 到 "}, titles
    assert numbered_parts("（1）甲是什么？（2）乙呢？") == ["（1）甲是什么？", "（2）乙呢？"]
    assert numbered_parts("2018、2019年增长1.5倍，1、2") == []  # years and decimals number no parts
    # two things the one named source compares: read in that source, not split over the corpus
    question = "那篇讲城乡一体化的文章说，计划经济时期和市场经济时期，城市跟农村的关系有什么不同？"
    assert {h.document.title for h in retriever.search(question, k=5)} == {"强县扩权促进城乡一体化发展的条件分析"}
    question = "楚明锟等人的论文和另一篇比较市管县、省管县的文章，对推行省直管县的态度有何差别？"  # a source is a side
    assert retriever._framing_source(question, retriever._sides(question)) is None
    # a side that is a topic of the one source named (市管县, in its title) is read in that source
    question = "讲市管县和省管县的那篇比较文章里，市管县的好处和弊病分别是什么？"
    assert {h.document.title for h in retriever.search(question, k=5)} == {"市管县和省管县"}
    # a source described at more length than a few words: the whole clause names it, and its words do not rank
    # the paper's abstract first
    question = "分析强县扩权推动城乡一体化需要哪些条件的那篇文章，是怎么描述计划经济年代城乡关系的？"
    assert [index.store.document(d).title for d in retriever._source_documents(question, [])[0]] == [
        "强县扩权促进城乡一体化发展的条件分析"]
    top = [h.chunk for h in retriever.search(question, k=5)]
    assert top[0].start > 0 and any("乡村是城市的附庸" in c.text for c in top[:2])  # the abstract was first, this third
    # 镇的 in 县、镇的材料 names no source (扩权强镇的… is in a title)
    assert retriever._source_documents("哪些县、镇的材料写了领导小组由谁牵头？", []) == []
    # …nor 按照 (按照那篇…的论文所引的界定: a masthead holds 按照)
    question = "按照那篇比较市管县与省管县的论文所引的界定，财政层面的省管县和全面意义上的省管县有什么区别？"
    assert {h.document.title for h in retriever.search(question, k=5)} == {"市管县和省管县"}


def test_a_question_naming_several_sources_reads_each(sample_corpus: Path, settings: Settings, index: Index) -> None:
    ingest_paths([sample_corpus], settings, index, progress=False)
    retriever = Retriever(index, settings)
    # a source named by its issuer (扩权强区那份), one by its place (临溪镇的方案), one by its year and kind (2018年…汇报)
    question = "下放的权力和责任怎样对应起来？扩权强区那份方案、临溪镇的方案，还有2018年那个镇的汇报，各有什么说法？"
    sources = retriever._source_documents(question, retriever.regions_in(question))
    titles = [{index.store.document(d).title for d in docs} for docs in sources]
    assert titles == [{"扩权强区改革实施方案"}, {"2018年扩权强镇工作汇报"}, {"关于推进扩权强镇试点工作的实施方案"}]
    assert {h.document.title for h in retriever.search(question, k=5)[:3]} == set().union(*titles)
    # asked of each (分别), and a source said by what it is about (讲城乡一体化条件的那篇: one title holds 城乡一体化)
    question = "省里管得过来吗？武胜县的调研、楚明锟的论文和讲城乡一体化条件的那篇，分别怎么看管理幅度的问题？"
    titles = [{index.store.document(d).title for d in docs}
              for docs in retriever._source_documents(question, retriever.regions_in(question))]
    assert titles == [{"广安市武胜县“扩权强县”试点工作初步成效及政策建议"}, {"从 市管县 到 省直管县 的体制转型分析 楚明锟"},
                      {"强县扩权促进城乡一体化发展的条件分析"}]
    # four titles hold 扩权强镇: words of many titles describe no one document (2018年某镇关于扩权强镇的工作汇报)
    assert retriever._titled_document("某镇关于扩权强镇的工作") is None
    # 几篇文章 with one source named asks across documents, not from that one
    assert retriever._source_documents("武胜县的调研和几篇论文分别怎么看？", ["武胜县"]) == []


def test_sources_named_by_a_quoted_title_a_proposal_or_a_year_are_each_read(sample_corpus: Path, settings: Settings,
                                                                            index: Index) -> None:
    ingest_paths([sample_corpus], settings, index, progress=False)
    retriever = Retriever(index, settings)

    def titles(question: str) -> list[str]:
        return [index.store.document(docs[0]).title[:6]
                for docs in retriever._source_documents(question, retriever.regions_in(question))]

    # a title in 《》 names its document; an author's 那篇 names the other
    assert titles("市管县是哪个年代铺开的？周天勇那篇和《市管县和省管县》那篇各咋说的？") == ["从市管县到省", "市管县和省管"]
    assert [index.store.document(d).title for d in retriever._quoted_document("强县扩权") or []] == ["强县扩权"]
    assert retriever._quoted_document("扩权强镇实施方案") is None  # words several titles share name none of them
    # 王振涛的提案 (a proposal), and 王振涛那份 after other words (…还有王振涛那份提案); the places named are sources too
    assert titles("2018年那份镇上的汇报、王振涛的提案、武胜县的调研，分别咋讲人手不够的？") == [
        "扩权强县试点", "广安市武胜县", "2018年扩"]
    assert titles("凤阳县、武胜县还有王振涛那份提案，都说试点以后在资金上碰到了啥难处？") == [
        "扩权强县试点", "凤阳县推进扩", "广安市武胜县"]
    # each part of a source's words between 的 in one masthead names it (政协委员的基层反映), and 分别反映 names no source
    question = "政协委员的基层反映、2018年的乡镇汇报和那份县级扩权强镇汇报，分别反映了承接主体在人手上的哪些问题？"
    assert titles(question)[:2] == ["扩权强县试点", "2018年扩"]
    # a side of a comparison (有什么不同) said by its level (区里那份扩权方案: 扩权强区) or by its place's full name
    # (临溪镇的方案) reads that document; the level names a source outside comparisons too (区一级扩权改革方案)
    question = "区里那份扩权方案和临溪镇的扩权方案，在权和责怎么挂钩这一点上，提法有什么不同？"
    assert [[index.store.document(d).title[:6] for d in docs or []] for _, docs in retriever._sides(question)] == [
        ["扩权强区改革"], ["关于推进扩权"]]
    assert titles("区一级扩权改革方案和2018年的镇级工作汇报，在权力与责任对等这件事上各是怎么写的？") == [
        "扩权强区改革", "2018年扩"]
    # inside a side's document, the words of its title are no query: 扩权强镇 matched only the plan's title lines
    plan = next(d.doc_id for d in index.store.documents() if d.title.startswith("关于推进扩权强镇"))
    assert retriever._without_title_words("扩权强镇，在权和责怎么挂钩这点上各自怎么提的？", [plan]) == \
        " ，在权和责怎么挂钩这点上各自怎么提的？"
    # …or between a pointer (政协委员那份基层反映); and a side of several documents (2011年的…调研报告) is none that
    # the other side names alone (the 政协 proposal, dated 2011 too)
    question = "政协委员那份基层反映和2011年的县级试点调研报告，分别举出了哪些权力下放不到位的表现？"
    assert [[index.store.document(d).title[:6] for d in docs or []] for _, docs in retriever._sides(question)] == [
        ["扩权强县试点"], ["广安市武胜县", "从 市管县 "]]
    # …or runs of one masthead said together, each in a few mastheads (政协基层反映: 政协委员… and 基层反映), not words
    # found everywhere (按照试点方案: 按照, 试点)
    question = "武胜县的调研报告和那份政协基层反映，对垂直管理部门的放权进度各自说了些什么？"
    assert titles(question) == ["广安市武胜县", "扩权强县试点"]
    assert retriever._named_by_parts("按照试点") is None
    # a year before a source's words in their clause dates it: 关于扩权强镇的工作汇报 reads like the 蒲场镇 plan's title
    # (关于扩权强镇试点工作实施方案), but that plan is no 2018 report
    question = "2018年有个镇写的关于扩权强镇的工作汇报，给扩权强镇定了一个分年度推进的思路，原话是怎么提的？"
    assert [index.store.document(d).title for d in retriever.sources_named(question)] == ["2018年扩权强镇工作汇报"]
    # words describing the source just named are no second source (孙学玉撰写这篇 | 强县扩权案例分析)
    assert len(retriever._named_sources("孙学玉撰写这篇强县扩权案例分析时在哪所高校任职？")) == 1
    # …and the 各地 of what his paper covers asks nothing across sources: the paper alone is searched
    assert titles("孙学玉那篇梳理各地强县扩权做法的案例文章，把浙江的路子归纳成了什么模式？") == ["我国强县扩权"]
    # 王振涛等人 is 王振涛; a 案例分析 is a kind of source
    assert titles("请综合武胜县调研报告、王振涛等人的提案和2018年镇级汇报的说法。") == ["广安市武胜县", "扩权强县试点", "2018年扩"]
    assert titles("放权是否依法依规，孙学玉的案例分析和武胜县的调研报告各有什么表述？") == ["我国强县扩权", "广安市武胜县"]
    # a place describing a source (浙江教学案例) beside a named one about that place: its other documents are a source
    assert titles("请综合孙学玉的案例分析、《市管县和省管县》以及浙江教学案例中的论述。") == ["我国强县扩权", "市管县和省管", "强县扩权"]
    assert titles("请综合孙学玉的案例分析和《市管县和省管县》，说说浙江为何领先。") == ["我国强县扩权", "市管县和省管"]
    # one paper named by its title compares within itself (一文比较利弊): it stays the source
    assert titles("《市管县和省管县》一文比较利弊时，又认为它对行政成本和效率造成了什么影响？") == ["市管县和省管"]
    assert titles("《市管县和省管县》和几篇论文比较起来有何不同？") == []  # 几篇: beyond it
    # a quantity of places (不少地方反映) names no source
    assert titles("不少地方反映上面的权力“放得不到位”，材料里具体是怎么描述这个问题的？") == []
    assert titles("结合材料，归纳县、镇在承接上级下放权力时，人员力量和业务能力不足的具体表现。") == []  # what to answer from
    # a year and 某镇 describe a document as 2018年那个镇 does
    assert "2018年扩" in titles("请结合凤阳县、2018年某镇以及云南省某县的材料，归纳各地在组织领导方面的共同做法。")
    # documents said by their year and kind, with a place, and no author: each read
    question = "凤阳县、2018年那份镇上的汇报、2019年某县的总结，各是让谁当组长的？"
    assert titles(question) == ["2018年扩", "2019年某", "凤阳县推进扩"]
    assert {h.document.title[:4] for h in retriever.search(question, k=5)[:3]} == {"2018", "2019", "凤阳县推"}
    # …listed with 和 before the last (…汇报和2019年某县发改局的试点总结，各自…): three sources, not two sides
    question = "凤阳县的试点情况汇报、2018年某镇的扩权强镇汇报和2019年某县发改局的试点总结，各自设立的领导小组由谁担任组长？"
    assert {h.document.title[:4] for h in retriever.search(question, k=5)[:3]} == {"2018", "2019", "凤阳县推"}
    # a year and kind a few words apart (2009年那份首批试点镇实施方案)
    question = "请比较那份扩权强区实施方案、2009年那份首批试点镇实施方案和2018年那份镇级工作汇报对权责关系的不同表述。"
    assert titles(question)[:3] == ["扩权强区改革", "关于推进扩权", "2018年扩"]
    # a year's 年 starts no source's words (2009年扩权强镇实施方案 is not 2018年扩权强镇工作汇报): the two sides compared
    question = "蒲场镇方案和2009年扩权强镇实施方案在目标设定的侧重点上有何不同？"
    assert {h.document.title[:4] for h in retriever.search(question, k=5)[:2]} == {"1关于扩", "关于推进"}
    assert titles("2018年那份汇报里说了哪些做法？") == []  # one dated document: found by its own words
    # a document said by its year and the kind of place it is from (2018年那个镇), with places: each read
    question = "凤阳县、2018年那个镇、云南那个县的发改局，扩权工作领导小组各由谁当组长？"
    assert sorted(titles(question)) == ["2018年扩", "2019年某", "凤阳县推进扩"]
    # …and listed beside a source neither a place nor named (扩权强区, 某县发改局): the other documents are searched
    question = "权责一致这块，扩权强区、临溪镇、2018年那个镇分别咋要求的"
    *listed, rest = retriever._source_documents(question, retriever.regions_in(question))
    assert sorted(index.store.document(docs[0]).title[:6] for docs in listed) == ["2018年扩", "关于推进扩权"]
    assert "扩权强区改革实施方案" in {index.store.document(d).title for d in rest}
    assert {h.document.title[:4] for h in retriever.search(question, k=5)[:3]} == {"2018", "关于推进", "扩权强区"}
    assert not retriever._unlisted_item("凤阳县和2018年那个镇分别咋做的", retriever._source_mentions("凤阳县和2018年那个镇分别咋做的"))
    # a source its words do not name (那份政协提案): besides the sources named, the other documents are searched
    question = "凤阳的试点镇、那份政协提案、还有武胜县的调研报告，分别怎么讲财力和事权对不上的？"
    *named, rest = retriever._source_documents(question, retriever.regions_in(question))
    assert [index.store.document(docs[0]).title[:6] for docs in named] == ["广安市武胜县", "凤阳县推进扩"]
    assert "扩权强县试点推进工作存在的问题和建议" in {index.store.document(d).title for d in rest}
    assert not retriever.sources_named(question) & set(rest)  # …which are no named source of the answer
    assert len(retriever._source_documents("周天勇写的那篇讲市管县的文章，和楚明锟的论文有何不同？", [])) == 2  # one source
    # 我写文章 is the asker's: no source of the corpus to look for in the rest
    assert len(retriever._source_documents("周天勇那篇讲市管县变省管县的文章登在哪本刊物上？我写文章想注个出处。", [])) == 1
    # two places in full and one short (凤阳): all three are compared
    hits = retriever.search("镇上修路通水这些事，凤阳、临溪镇、蒲场镇都是咋打算的？", k=5)
    assert {h.document.title[:4] for h in hits} >= {"凤阳县推", "关于推进", "1关于扩"}
    # two places named beside a source: the source is read too, not only the two places
    question = "王振涛的提案、浙江那个扩权案例、武胜县的调研，各自说权卡在哪儿了？"
    assert "扩权强县试点推进工作存在的问题和建议" in {h.document.title for h in retriever.search(question, k=5)}
    # authors named with no kind of document (王振涛等人的基层反映, 楚明锟等人在分析…时, 王振涛他们): each a source
    question = "县级财力与事权不相匹配，王振涛等人的基层反映怎样表述？楚明锟等人在分析省直管县缺陷时又怎么说？"
    assert titles(question) == ["扩权强县试点", "从 市管县 "]
    assert titles("权放到镇上以后人手够不够？武胜那个报告、王振涛他们都咋说？") == ["广安市武胜县", "扩权强县试点"]
    # a name is looked for from every letter (何王振 of 如何王振涛 is none); a word that only starts with a surname
    # (程度, 高度) names no masthead's person, and neither does a place (武胜)
    assert [m[2] for m in retriever._person_mentions("如何王振涛他们都咋说？", [])] == ["王振涛"]
    assert retriever._person_mentions("武胜县放权的程度高不高？", []) == []
    # one source named and 分别 (two things it says): that source; 一篇文章…另一篇 names none
    assert titles("《市管县和省管县》对市管县是褒是贬？它列的好处和坏处分别是什么？") == ["市管县和省管"]
    assert titles("武胜县的调研和几篇论文分别怎么看？") == []
    assert titles("同样谈管理幅度，一篇文章把它当作优点，另一篇当作缺陷，两者分别是怎么说的？") == []
    # a document cited by its issue number (文号), however written: 政府参阅[2011]6号 is the 武胜县 report
    assert titles("城乡一体化条件那篇和政府参阅2011年第6号的试点调研各提了什么？") == ["强县扩权促进", "广安市武胜县"]
    assert titles("城乡一体化条件那篇和〔2011〕6号文各提了什么？") == ["强县扩权促进", "广安市武胜县"]
    # a short name in brackets after a description is a title too (区级扩权（扩权强区）的改革方案), and a source's words
    # do not start with 的 (…）的改革方案 named 周天勇's paper, whose masthead says …的改革问题)
    assert titles("那份推进区级扩权（扩权强区）的改革方案和武胜县的调研各怎么说？") == ["扩权强区改革", "广安市武胜县"]
    assert retriever.sources_named("那份推进区级扩权（扩权强区）的改革方案是哪一年印发的？") == {
        d.doc_id for d in index.store.documents() if d.title.startswith("扩权强区")}
    # …or by its year and the series its masthead prints (2011年那份政府参阅件: 政府参阅[2011]6号), here as a side
    question = "向上争取项目这块，2011年那份政府参阅件里的试点县和2019年那份县发改局试点总结分别报告了什么收获？"
    assert [index.store.document((docs or ["?"])[0]).title[:6] for _, docs in retriever._sides(question)] == [
        "广安市武胜县", "2019年某"]
    assert retriever._numbered_documents("2011", "7") is None and retriever._numbered_documents("2012", "6") is None
    # a source's words start after 和/、 (楚明锟和市管县省管县那篇), and a title of two items said without its 和
    # (市管县省管县, as voice input writes it) names that paper: three sources
    question = "市管县当年起了啥积极作用？把周天勇、楚明锟和市管县省管县那篇的观点拢一拢"
    *named, last = retriever._source_documents(question, [])
    assert [index.store.document(docs[0]).title[:6] for docs in named] == ["从市管县到省", "从 市管县 "]
    assert [index.store.document(d).title for d in last] == ["市管县和省管县"]
    # …so a comparison asked of it is made within it (对比一下 of its two sides), as of a title in 《》
    question = "那个专门比市管县省管县的文章里 市管县这个体制好处是啥 坏处又是啥 对比一下"
    assert {h.document.title for h in retriever.search(question, k=5)} == {"市管县和省管县"}
    # the item before a 、 may be a title's first (比较市管县、省管县的那篇), not 周天勇's 从市管县到省管县的…
    question = "比较市管县、省管县的那篇文章，对省管县要不要一下子全国铺开，作者是什么建议？"
    assert [[index.store.document(d).title for d in docs] for docs in retriever._named_sources(question)] == [
        ["市管县和省管县"]]
    # 不同的 (各类, 若干…) before a kind of document says which kind, not whose: no masthead's 不同 and 扩权 name one
    assert retriever._source_mentions("不同的扩权实施方案在放权时强调的原则各是什么？") == []
    # a paper described by a list of its topics (对比市管县、省管县利弊的那篇): 、 is the 和 of its title
    question = "对比市管县、省管县利弊的那篇短文，对市管县是怎么一分为二看的？好处和坏处各说了什么？"
    assert [[index.store.document(d).title for d in docs] for docs in retriever._named_sources(question)] == [
        ["市管县和省管县"]]
    assert {h.document.title for h in retriever.search(question, k=3)} == {"市管县和省管县"}
    # …but not over the authors listed before it (周天勇、楚明锟以及那篇市管县与省管县比较论文): three sources
    assert titles("请综合周天勇、楚明锟以及那篇市管县与省管县比较论文的论述，说明这一体制当时的合理性。") == [
        "从市管县到省", "从 市管县 ", "市管县和省管"]
    # last words two titles hold (…成效及建议的那份: 建议), the whole description one: that one
    question = "关于武胜县扩权强县试点成效及建议的那份政府参阅材料，文号是多少？"
    assert [index.store.document(d).title[:6] for d in retriever.sources_named(question)] == ["广安市武胜县"]


def test_a_question_describing_its_document_ranks_that_documents_passages_by_the_rest() -> None:
    assert described_rest("2009年那份扩权强镇试点实施方案给试点镇定了哪些年均增速目标？") == "给试点镇定了哪些年均增速目标？"
    assert described_rest("2009-08-05印发的扩权强镇试点实施方案，实施范围是哪个镇？") == "实施范围是哪个镇？"
    assert described_rest("扩权强镇试点实施方案的实施范围是哪个镇？") is None  # no year or date describes it
    assert described_rest("武胜县扩权后审批时间缩短了多少？") is None
    # the year of what the first sentence asks describes no document its next sentence names
    assert described_rest("项目申报这块：武胜县2010年往上报了多少个？云南那个县的总结有没有对应的数？") is None


def test_the_described_documents_passage_answering_the_rest_comes_first(tmp_path: Path) -> None:
    from briefgen.embed import HashEmbedder

    settings = Settings(embed={"model": "hash"}, chunk={"max_chars": 60, "min_chars": 10},  # type: ignore[arg-type]
                        paths={"data_dir": tmp_path / "data"})
    index = Index(settings, embedder=HashEmbedder())
    ingest_paths(_plans(tmp_path), settings, index, progress=False)
    hits = Retriever(index, settings).search("2012-03-01印发的青石县扩权强镇试点工作方案，试点范围选了哪个镇？", k=3)
    assert "红岩镇" in hits[0].chunk.text and "试点范围" in hits[0].chunk.heading_path + hits[0].chunk.text


def test_a_search_embeds_its_question_once(sample_corpus: Path, settings: Settings, index: Index) -> None:
    ingest_paths([sample_corpus], settings, index, progress=False)
    retriever = Retriever(index, settings)
    calls: list[str] = []
    embed = index.embedder.embed_query

    def counted(text: str) -> list[float]:
        calls.append(text)
        return embed(text)

    index.embedder.embed_query = counted  # type: ignore[method-assign]
    for question in ("武胜县和凤阳县各自在试点中暴露出的问题有什么不同？",  # per place (without the names), interleaved
                     "2009-08-05印发的扩权强镇试点实施方案，实施范围是哪个镇？"):  # then within the document
        calls.clear()
        assert retriever.search(question, k=5)
        assert len(calls) == 1


def test_a_question_asks_for_one_section_or_none() -> None:
    assert asked_section("为提高承接能力，郊区政协的材料提出了哪些办法？") == "建议"
    assert asked_section("要弥补体制本身的缺陷，建议采取哪些措施？") == "建议"  # remedies for a problem
    assert asked_section("对接权的地方有啥提醒，俺该咋办？") == "建议"  # 咋办, 提醒: what to do, said plainly
    assert asked_section("市管县体制到底有哪些弊端？") == "问题"
    assert asked_section("几份材料里是怎么说放权不到位的？") == "问题"  # a shortfall is a problem
    assert asked_section("县里承接的力量不够，材料里怎么说？") == "问题"
    assert asked_section("乡镇站所人手够不够？") is None  # 够不够 asks, it states no shortfall
    assert asked_section("争取项目这块到底有没有起色？") == "成效"
    assert asked_section("扩权对县级财政带来了哪些好处，又留下了哪些压力？") is None  # both asked
    assert asked_section("武胜县扩权后审批时间缩短了多少？") is None
    assert asked_section("扩权以后县、镇两级在钱的方面普遍卡在哪？") == "问题"  # said as where things stick


def _hit(doc: str, n: int, score: float, section: Section, heading: str = "") -> Hit:
    document = Document(doc_id=doc, title=doc, source=Source(path=f"{doc}.txt"), text="x", sha256=doc)
    chunk = Chunk(chunk_id=f"{doc}:{n}", doc_id=doc, n=n, start=0, end=1, text="x", heading_path=heading,
                  section=section)
    return Hit(chunk=chunk, document=document, score=score)


def test_the_asked_section_moves_up_within_its_document_only(settings: Settings, index: Index) -> None:
    ranked = [_hit("report", 3, 0.070, "问题", "三、业务能力有待提高"),
              _hit("paper", 0, 0.060, "背景"),
              _hit("report", 6, 0.058, "建议", "三、主动作为"),  # within a boost (1/61) of report:3
              _hit("paper", 4, 0.048, "问题", "一、市管县体制的历史成效与现实弊端"),
              _hit("paper", 5, 0.045, "问题", "二、市管县体制的弊端")]
    question = "为提高县级部门承接权限的能力，材料提出了哪些办法？"
    order = [h.chunk.chunk_id for h in Retriever(index, settings)._by_section(ranked, question)]
    assert order == ["report:6", "paper:0", "report:3", "paper:4", "paper:5"]  # the paper keeps ranks 2, 4, 5
    order = [h.chunk.chunk_id for h in Retriever(index, settings)._by_section(ranked, "市管县体制有哪些弊端？")]
    assert order == ["report:3", "paper:5", "report:6", "paper:0", "paper:4"]  # 成效与弊端 names both: not moved
    off = Settings(embed={"model": "hash"}, retrieval={"section_boost": 0})  # type: ignore[arg-type]
    assert Retriever(index, off)._by_section(ranked, question) == ranked


TOWN_PLANS = {"临溪镇": """临溪镇扩权强镇试点实施方案
一、指导思想
坚持科学发展，明确试点镇的发展方向，把试点镇建设成为产业集聚区和人口集中区。
二、实施范围
省里确定的首批扩权强镇试点镇：临溪镇。
""", "蒲场镇": """绥阳县扩权强镇改革试点工作方案（讨论稿）
一、总体思路
围绕发展方向定位，努力把这个镇打造为现代农业基地、文化旅游新城和综合交通枢纽。
二、试点镇
县委、县政府研究决定，蒲场镇列为全县唯一的试点镇。
"""}


def test_each_place_of_a_comparison_is_searched_without_the_place_names(tmp_path: Path) -> None:
    from briefgen.embed import HashEmbedder

    settings = Settings(embed={"model": "hash"}, chunk={"max_chars": 60, "min_chars": 10},  # type: ignore[arg-type]
                        paths={"data_dir": tmp_path / "data"})
    index = Index(settings, embedder=HashEmbedder())
    files = []
    for town, text in TOWN_PLANS.items():
        files.append(tmp_path / f"{town}.txt")
        files[-1].write_text(text, encoding="utf-8")
    assert len(ingest_paths(files, settings, index, progress=False).added) == 2
    hits = Retriever(index, settings).search("临溪镇和蒲场镇的方案，给镇子定的发展方向有啥不一样？", k=4)
    assert {h.document.region.town for h in hits[:2]} == {"临溪镇", "蒲场镇"}
    assert all("发展方向" in h.chunk.text for h in hits[:2])  # not the scope, which only repeats the name
    # …nor the words counting the documents compared (两份试点方案), which match the title and scope lines
    hits = Retriever(index, settings).search("临溪镇和蒲场镇两份试点方案，镇子的发展方向有啥不一样？", k=4)
    assert all("发展方向" in h.chunk.text for h in hits[:2]), [h.chunk.text for h in hits]
    assert _COUNTED_KIND.sub("", "这两份试点实施方案和两个方案有何不同") == "和有何不同"
    # …nor the words pointing back at the places once their names are gone (临溪镇和蒲场镇这两个试点镇 → 和这两个试点镇)
    assert _COUNTED_KIND.sub("", "和这两个试点镇，给自己定的定位有什么不同？") == "，给自己定的定位有什么不同？"
    assert _COUNTED_KIND.sub("", "给这两个试点镇定的定位") == "给这两个试点镇定的定位"  # only where the names stood


def test_a_comparison_side_described_by_year_and_kind_is_answered_from_that_document(tmp_path: Path) -> None:
    # No year boost: the side's restriction alone must find the 2009 plan (the boost is small next to a
    # question's dense pull towards another place's documents).
    settings = Settings(embed={"model": "hash"}, paths={"data_dir": tmp_path / "store"},  # type: ignore[arg-type]
                        retrieval={"metadata_boost": 0})
    index = Index(settings, embedder=HashEmbedder())
    ingest_paths(_plans(tmp_path), settings, index, progress=False)
    retriever = Retriever(index, settings)
    retriever.search("试点", k=1)  # loads the documents
    titles = {d: doc.title for d, doc in retriever._docs.items()}

    def described(subject: str) -> list[str] | None:
        found = retriever._side_documents(subject)
        return None if found is None else sorted(titles[d] for d in found)

    assert described("2009年的方案") == ["青石县扩权强镇试点实施方案"]
    assert described("2012年的总结") == ["柳河县扩权强区改革实施方案", "青石县扩权强镇试点工作方案"]  # no 总结 of 2012
    assert described("2030年方案") is None and described("黑水镇") is None
    question = "红岩镇的试点跟2009年方案比，工作目标各有什么不同？"
    sides = [h.chunk.text for h in retriever.search(question, k=4)[:2]]
    assert any(GOALS[0] in text for text in sides) and any(GOALS[1] in text for text in sides)
    index.close()


def test_a_question_across_sources_spreads_its_top_k_over_documents() -> None:
    for question in ("几篇研究文章是怎样概括市管县体制的主要弊端的？", "从浙江的经验和相关研究来看，扩权强县起了什么作用？",
                     "学者们认为市管县体制暴露了哪些弊端？", "扩权改革对县级财政带来了哪些好处？请综合各文档说明。",
                     "有哪些文件讲到了承接下放权力的具体做法？", "哪些地方反映过权力放得不实？"):
        assert wants_several_documents(question), question
    for question in ("武胜县扩权后审批时间缩短了多少？", "2009年那份方案把哪个镇定为试点？", "楚明锟的文章怎么看市管县？",
                     "《市管县和省管县》哪些地方讲到了省管县的含义？"):
        assert not wants_several_documents(question), question
    ranked = [_hit("a", 1, 0.09, "背景"), _hit("a", 2, 0.08, "背景"), _hit("a", 3, 0.07, "背景"),
              _hit("b", 1, 0.06, "背景"), _hit("a", 4, 0.05, "背景"), _hit("c", 1, 0.04, "背景")]
    spread = [h.chunk.chunk_id for h in _spread_documents(ranked)]
    assert spread == ["a:1", "a:2", "b:1", "c:1", "a:3", "a:4"]  # two per document first, then the rest in order
    # a document's second passage at half its score (0.04) comes after another document's first (b:1, 0.06)
    spread = [h.chunk.chunk_id for h in _spread_documents(ranked, decay=0.5)]
    assert spread == ["a:1", "b:1", "a:2", "c:1", "a:3", "a:4"]


def _scored(doc: str, n: int, score: float, text: str) -> Hit:
    hit = _hit(doc, n, score, "背景")
    hit.chunk = hit.chunk.model_copy(update={"text": text})
    return hit


def test_sources_agree_when_a_third_document_scores_near_the_best() -> None:
    def ranked(third: float) -> list[Hit]:
        return [_hit("a", 1, 0.10, "背景"), _hit("a", 2, 0.09, "背景"), _hit("b", 1, 0.08, "背景"),
                _hit("a", 3, 0.07, "背景"), _hit("c", 1, third, "背景")]

    assert sources_agree(ranked(0.06), 0.6)  # a third source at 0.6 of the best
    assert not sources_agree(ranked(0.05), 0.6)  # one document's passages far ahead of the third source
    assert not sources_agree(ranked(0.06), 0.0)  # 0 turns it off
    assert not sources_agree(ranked(0.06)[:4], 0.6)  # two documents only
    late = ranked(0.05) + [_hit("c", 2, 0.065, "背景")]  # a document counts with its best passage, wherever it is
    assert sources_agree(late, 0.6)


def test_a_look_up_that_several_sources_answer_spreads_its_top_k(settings: Settings, index: Index,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    retriever = Retriever(index, settings)
    passages = [("a", 1, 0.10, "市管县促进了城乡合作"), ("a", 2, 0.095, "中心城市带动周边县发展"),
                ("a", 3, 0.09, "统筹区域规划建设基础设施"), ("a", 4, 0.085, "整合市场资源要素流动"),
                ("b", 1, 0.08, "学者认为市管县曾起积极作用")]

    def top(question: str, third: float, ratio: float = 0.6) -> list[str]:
        hits = [_scored(*passage) for passage in passages] + [_scored("c", 1, third, "省管县改革前的历史背景回顾")]
        monkeypatch.setattr(retriever, "_fuse", lambda *_args: {h.chunk.chunk_id: h for h in hits})
        retriever.settings.spread_ratio = ratio
        return [h.chunk.chunk_id for h in retriever.search(question, k=5)]

    question = "市管县当年起过哪些好作用？"
    assert not wants_several_documents(question) and not asks_summary(question)  # worded as a look-up
    # three sources about equally good; a:2 competes at 0.75 of its score (0.071), after b:1 (0.08)
    assert top(question, 0.07) == ["a:1", "b:1", "a:2", "c:1", "a:3"]
    assert top(question, 0.03) == ["a:1", "a:2", "a:3", "a:4", "b:1"]  # one document far ahead keeps its passages
    assert top(question, 0.07, ratio=0) == ["a:1", "a:2", "a:3", "a:4", "b:1"]  # the setting turns it off
    assert top("武胜县" + question, 0.07) == ["a:1", "a:2", "a:3", "a:4", "b:1"]  # a named place: its own passages


def test_a_side_whose_subject_picks_its_documents_leaves_the_description_out_of_the_query(
        sample_corpus: Path, settings: Settings, index: Index, monkeypatch: pytest.MonkeyPatch) -> None:
    ingest_paths([sample_corpus], settings, index, progress=False)
    retriever = Retriever(index, settings)
    retriever.search("试点", k=1)  # loads the documents
    asked: list[tuple[str, list[str] | None]] = []
    monkeypatch.setattr(retriever, "_search", lambda q, k, region, doc_ids, dense: asked.append((q, doc_ids)) or [])
    for side in ("楚明锟的文章怎么解释市管县的由来？", "沿海省份的做法怎么解释市管县的由来？"):  # the second picks none
        retriever._search_side(side, retriever._side_documents(side_subject(side)), 5, [])
    (named, documents), (unnamed, everywhere) = asked
    assert documents and all("楚明锟" in retriever._docs[d].text[:300] for d in documents)
    assert "楚明锟" not in named and "文章" not in named and "市管县的由来" in named
    assert everywhere is None and unnamed == "沿海省份的做法怎么解释市管县的由来？"


def test_respectively_splits_only_between_sources(sample_corpus: Path, settings: Settings, index: Index) -> None:
    ingest_paths([sample_corpus], settings, index, progress=False)
    retriever = Retriever(index, settings)
    retriever.search("试点", k=1)  # loads the documents
    assert len(retriever._sides("武胜县的调研和王振涛的提案分别是怎么说的？")) == 2  # two sources
    assert retriever._sides("临溪镇的总面积和总人口分别是多少？") == []  # two attributes of one place
    assert len(retriever._sides("总面积和总人口有什么不同？")) == 2  # strong wording splits as before


def _sample_retriever(tmp_path: Path, sample_corpus: Path, exact_max: int) -> Retriever:
    settings = Settings(embed={"model": "hash"}, retrieval={"exact_max": exact_max},  # type: ignore[arg-type]
                        paths={"data_dir": tmp_path / f"exact{exact_max}"})
    index = Index(settings, embedder=HashEmbedder())
    ingest_paths([sample_corpus], settings, index, progress=False)
    retriever = Retriever(index, settings)
    retriever._refresh()
    return retriever


def _brute_force(retriever: Retriever, query: str, n: int, allowed: set[str] | None) -> list[tuple[str, float]]:
    """Every stored vector scored against the query; each chunk keeps its best score."""
    import numpy as np

    got = retriever.index.collection.get(include=["embeddings"])
    vector = np.asarray(retriever.index.embedder.embed_query(query))
    best: dict[str, float] = {}
    for record_id, embedding in zip(got["ids"], got["embeddings"], strict=True):
        chunk_id = record_id.split("@")[0]
        if chunk_id not in retriever._chunks or retriever._chunks[chunk_id].doc_id not in retriever._docs:
            continue  # a duplicate copy's vectors
        if allowed is not None and retriever._chunks[chunk_id].doc_id not in allowed:
            continue
        e = np.asarray(embedding)
        score = float(e @ vector / (np.linalg.norm(e) * np.linalg.norm(vector)))
        best[chunk_id] = max(score, best.get(chunk_id, -2.0))
    return sorted(best.items(), key=lambda item: -item[1])[:n]


def test_small_collections_are_searched_exactly(tmp_path: Path, sample_corpus: Path) -> None:
    retriever = _sample_retriever(tmp_path, sample_corpus, exact_max=20000)
    assert retriever._exact is not None and len(retriever._exact.chunk_ids) == retriever._vector_total
    query = "扩权强县改革后县级财政收入增长了多少？"
    one_doc = {next(iter(retriever._docs))}
    for allowed in (None, one_doc):
        got = retriever._dense(query, 30, allowed, titles=True)  # (by default not by a document's title line)
        want = _brute_force(retriever, query, 30, allowed)
        assert [c for c, _ in got] == [c for c, _ in want]
        assert [round(s, 5) for _, s in got] == [round(s, 5) for _, s in want]
    assert {retriever._chunks[c].doc_id for c, _ in retriever._dense(query, 30, one_doc)} == one_doc
    assert len(retriever._dense(query, 30, None)) == 30  # exactly n chunks, however many sentences each holds


def test_large_collections_use_the_approximate_index(tmp_path: Path, sample_corpus: Path) -> None:
    exact = _sample_retriever(tmp_path, sample_corpus, exact_max=20000)
    approximate = _sample_retriever(tmp_path, sample_corpus, exact_max=0)
    assert approximate._exact is None
    query = "省直管县改革存在哪些问题？"
    assert [c for c, _ in approximate._dense(query, 5, None)] == [c for c, _ in exact._dense(query, 5, None)]
    # inside named documents neither scores a passage by its document's title line
    named = {exact._chunks[c].doc_id for c, _ in exact._dense(query, 2, None)}
    assert [c for c, _ in approximate._dense(query, 4, named)] == [c for c, _ in exact._dense(query, 4, named)]
    title = exact._docs[sorted(named)[0]].title
    assert exact._dense(title, 4, named) != exact._dense(title, 4, named, titles=True)
    # …nor across the corpus: a question on a paper's topic is answered by its passages, not matched to its title
    assert exact._dense(title, 4, None) != exact._dense(title, 4, None, titles=True)


def test_everyday_words_also_search_for_their_official_words(tmp_path: Path) -> None:
    from briefgen.retrieve import official_terms

    assert official_terms("我们镇人手不够，县里放权以后咋办？") == ["人员", "编制", "下放"]
    assert official_terms("审批流程有哪些问题？") == []
    assert official_terms("省里直管县以后管理跨度拉大，有什么后果？") == ["幅度"]  # 管理跨度: the papers' 管理幅度
    assert official_terms("省里给县里的是不是真有用的实权？") == ["实质"]  # 实权: the reports' 实质权力, 实质性权限
    # who does what (职责, 谁管啥, 该管什么): the reports' 职能 (明晰各级职能, 职能定位); 职责 is no word of the corpus
    assert official_terms("省、市、县各级职责怎么分？") == ["职能"]
    assert official_terms("各自该管什么") == ["职能"]
    assert official_terms("把省、市、县各自该管什么划清楚") == ["职能", "明晰", "界定"]  # 明晰各级职能, 合理界定…事权财权
    # money against duties (事多钱少, 钱和事对不上, 不匹配): the papers' 财力与事权不对称
    assert official_terms("县里事多钱少的老毛病解决了没有？") == ["资金", "经费", "财力", "事权"]
    assert official_terms("财力和事权不匹配") == ["不对称"]
    # where a system came from (来历, 怎么兴起的, 什么时候开始的): the paper's 始于20世纪80年代
    assert official_terms("市管县是怎么兴起的？") == ["始于"] and official_terms("市管县是啥时候开始的") == ["始于"]
    # power against duty (权责对等, 权和责怎么挂钩): a plan's 责权利相一致 (jieba: 责权, 权利, 责权利)
    assert official_terms("权责对等怎么体现") == ["责权"] and official_terms("权和责怎么挂钩") == ["权责", "责权"]
    assert official_terms("扩权以后经费不够用") == ["缺口"]  # money short: a report's 资金投入…存在较大的缺口
    assert official_terms("权力下放不到位有哪些表现") == ["不够"]  # powers handed down in name: 扩权不够充分, 深度不够
    assert official_terms("权老卡在中间一层下不来") == ["不够", "层级"]  # the middle tier holds powers back: 层级“漏斗效应”
    assert official_terms("权是接下来了，人跟不上") == ["人员", "编制"]  # staff short: 人员编制、业务水平…所限
    docs = {"staff": "青石镇试点情况\n一、存在的问题\n乡镇站所人员编制偏少，承接下放事项后力量明显不足，"
                     "部分站所只有一两名工作人员，业务培训也跟不上，难以满足群众办事需要。\n",
            "roads": "白沙镇试点情况\n一、主要成效\n镇里新修道路两条，安装路灯一百盏，镇容镇貌明显改观，"
                     "集镇综合承载能力进一步增强，群众满意度逐年提高。\n"}
    first = {}
    for colloquial in (True, False):
        lexical = _bm25_of(tmp_path / str(colloquial), docs, colloquial)
        ranked = lexical.search("人手太少咋整", 5, colloquial)
        first[colloquial] = lexical.text(ranked[0][0]) if ranked else None
    assert first[True] is not None and "人员编制" in first[True]
    assert first[False] is None  # 人手 alone matches nothing in 公文 wording
    docs = {"money": "青石镇试点情况\n一、存在的问题\n扩权以后，镇级政府承担着财力与事权不对称的管理职能，收支压力较大。\n",
            "roads": "白沙镇试点情况\n一、主要成效\n镇里新修道路两条，安装路灯一百盏，镇里的事多了，群众满意度逐年提高。\n"}
    lexical = _bm25_of(tmp_path / "money", docs, True)
    assert "财力与事权" in lexical.text(lexical.search("镇里事多钱少咋办", 5, True)[0][0])


def test_the_words_of_a_request_do_not_search(tmp_path: Path) -> None:
    # 材料 and 汇总 say what to do with the answer: BM25 must not rank the one passage that holds them first
    docs = {"bricks": "青石镇试点情况\n一、主要成效\n镇里建起建筑材料市场一处，材料汇总统计到位，带动就业三百人。\n",
            "roads": "白沙镇试点情况\n一、主要成效\n镇里新修道路两条，安装路灯一百盏，镇容镇貌明显改观。\n"}
    lexical = _bm25_of(tmp_path, docs)
    ranked = lexical.search("请把材料里修道路的说法汇总一下", 5)
    assert "道路" in lexical.text(ranked[0][0]) and len(ranked) == 1  # 材料/汇总 match nothing


class _Lexical:
    """A small corpus's BM25 index (hash embedder) and its chunk texts."""

    def __init__(self, retriever: Retriever) -> None:
        retriever._refresh()
        assert retriever._lexical is not None
        self.search, self._chunks = retriever._lexical.search, retriever._chunks

    def text(self, chunk_id: str) -> str:
        return self._chunks[chunk_id].text


def _bm25_of(folder: Path, docs: dict[str, str], colloquial: bool = True) -> _Lexical:
    settings = Settings(embed={"model": "hash"}, retrieval={"colloquial": colloquial},  # type: ignore[arg-type]
                        paths={"data_dir": folder / "d"})
    index = Index(settings, embedder=HashEmbedder())
    folder.mkdir(parents=True, exist_ok=True)
    for name, body in docs.items():
        (folder / f"{name}.txt").write_text(body, encoding="utf-8")
    ingest_paths([folder / f"{name}.txt" for name in docs], settings, index, progress=False)
    return _Lexical(Retriever(index, settings))


def test_places_named_without_comparison_words_each_give_evidence_and_so_do_other_documents(
        sample_corpus: Path, settings: Settings, index: Index) -> None:
    ingest_paths([sample_corpus], settings, index, progress=False)
    retriever = Retriever(index, settings)
    question = "扩权后争取项目方面有没有起色？把武胜和云南那个县的情况放一起说说。"  # a short name and a province
    assert retriever.regions_in(question) == ["武胜县", "云南"]
    provinces = [h.document.region.province for h in retriever.search(question, k=5)]
    assert provinces[:2] == ["四川省", "云南省"]  # each place, interleaved
    assert set(provinces) - {"四川省", "云南省"}  # and the rest of the corpus
    # only places with documents of their own are searched apart: 海南 is told of in the 浙江 documents, and
    # 四川省 adds no document to its county's
    assert retriever._own_places(["浙江", "海南"]) == ["浙江"]
    assert retriever._own_places(["四川省", "武胜县", "凤阳县"]) == ["四川省", "凤阳县"]


def test_a_plan_named_by_words_of_its_title_and_a_pointer_is_the_source(sample_corpus: Path, settings: Settings,
                                                                          index: Index) -> None:
    from briefgen.ask import ask

    ingest_paths([sample_corpus], settings, index, progress=False)
    question = "扩权强区那个实施方案，市里下放的权限规定哪天之前必须承接到位？"  # that plan gives no day
    titles = [h.document.title for h in Retriever(index, settings).search(question, k=8)]
    plan = titles.count("扩权强区改革实施方案")
    assert 1 < plan < 8 and set(titles[:plan]) == {"扩权强区改革实施方案"}  # all its passages first, the rest after
    assert ask(question, index, settings).refused  # another plan's date line does not answer it
    # a deadline asked as a 时间节点 asks for a day too: the plan's opening and principles give none
    assert ask("扩权强区改革实施方案要求区里在哪个具体时间节点前把市下放的权限全部承接到位？", index, settings).refused


def test_a_short_place_name_of_the_corpus_is_a_region(sample_corpus: Path, settings: Settings, index: Index) -> None:
    ingest_paths([sample_corpus], settings, index, progress=False)
    retriever = Retriever(index, settings)
    assert retriever.regions_in("武胜2010年往上报了多少项目？") == ["武胜县"]  # users drop the 县
    assert retriever.regions_in("凤阳和临溪的扩权材料里都提到哪些活动？") == ["凤阳县", "临溪镇"]
    assert retriever.regions_in("浙江和武胜有何不同") == ["浙江", "武胜县"]  # in the order written
    assert retriever.regions_in("胜利以后") == []
    # a place's short name boosts its documents as its full name does
    question = "武胜这几年财政怎么样"
    boosted = [h.document.region.county for h in retriever.search(question, k=5)]
    retriever._short_names = {}  # as before short names counted: no boost
    plain = [h.document.region.county for h in retriever._search(question, 5, None, None)]
    assert boosted.count("武胜县") > plain.count("武胜县")


def test_a_question_naming_a_title_names_that_document(tmp_path: Path, settings: Settings, index: Index) -> None:
    ingest_paths(_plans(tmp_path), settings, index, progress=False)
    retriever = Retriever(index, settings)
    named = retriever.named_document("“扩权强区改革实施方案”是哪一天印发的？")  # quotes aside
    assert named is not None and retriever._docs[named].title == "柳河县扩权强区改革实施方案"
    assert retriever.named_document("青石县扩权强镇试点方案定了哪些目标？") is None  # two titles hold that run
    assert retriever.named_document("扩权强镇的实施方案有哪些目标？") is None  # 实施方案: too short to name one
    assert retriever.named_document("扩权强区改革实施方案和青石县的方案对比一下") is None  # across documents


def test_a_summary_of_no_named_place_spreads_over_documents(tmp_path: Path) -> None:
    settings = Settings(embed={"model": "hash"}, paths={"data_dir": tmp_path / "store"},  # type: ignore[arg-type]
                        chunk={"max_chars": 70, "min_chars": 10, "overlap_sentences": 0, "pack_items": False})
    index = Index(settings, embedder=HashEmbedder())
    steps = "".join(f"（{n}）武胜县培育主导产业的做法之{n}：{how}。\n" for n, how in (
        ("一", "建设工业园区，完善水电路网"), ("二", "引进龙头企业，落实招商奖励"),
        ("三", "扶持茶叶种植，打造区域品牌"), ("四", "发展乡村旅游，培训农家乐经营户")))
    texts = {"a": f"武胜县扩权强县工作总结\n一、主要做法\n{steps}",
             "b": "柳河县扩权工作汇报\n一、主要做法\n柳河县培育主导产业的做法：发展农副产品加工，带动农民增收。\n",
             "c": "白沙镇扩权强镇汇报\n一、基本情况\n白沙镇地处山区，交通不便。\n二、主要做法\n"
                  "围绕培育主导产业，白沙镇的做法是做大商贸物流，每年举办两次物资交流会。\n"}
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    ingest_paths([tmp_path / f"{name}.txt" for name in texts], settings, index, progress=False)
    retriever = Retriever(index, settings)

    def documents(question: str) -> list[str]:
        return [h.document.title[:3] for h in retriever.search(question, k=4)]

    assert asks_summary("培育主导产业的做法汇总一下") and not wants_several_documents("培育主导产业的做法汇总一下")
    assert not asks_summary("扩权强区实施方案定了哪几条基本原则？梳理一下")  # one document's summary
    assert not asks_summary("那份县发改局的总结把成效归纳为哪几方面？")
    assert len(set(documents("培育主导产业的做法汇总一下"))) == 3  # a summary across sources: each document
    assert documents("武胜县培育主导产业的做法汇总一下") == ["武胜县"] * 4  # one named county: its own passages
    index.close()


def test_each_named_source_is_ranked_inside_by_what_is_asked_not_by_its_name(
        sample_corpus: Path, settings: Settings, index: Index, monkeypatch: pytest.MonkeyPatch) -> None:
    """The names of the sources match their own opening lines best: inside each source, the query vector is the
    question without them."""
    ingest_paths([sample_corpus], settings, index, progress=False)
    retriever = Retriever(index, settings)
    embedded: list[str] = []
    dense = retriever._dense

    def spy(text: str, n: int, allowed: set[str] | None, titles: bool | None = None) -> list[tuple[str, float]]:
        embedded.append(text)
        return dense(text, n, allowed, titles)

    monkeypatch.setattr(retriever, "_dense", spy)
    hits = retriever.search("王振涛的提案和《市管县和省管县》那篇，分别怎么讲县级财政的压力？", k=5)
    assert {h.document.title for h in hits} == {"扩权强县试点推进工作存在的问题和建议", "市管县和省管县"}
    assert embedded and not any("王振涛" in text or "市管县和省管县" in text for text in embedded), embedded
    # one named source too: its name would rank its opening lines (基层反映：…问题和建议) above what is asked
    embedded.clear()
    hits = retriever.search("王振涛的提案里怎么讲县级财政的压力？", k=3)
    assert {h.document.title for h in hits} == {"扩权强县试点推进工作存在的问题和建议"}
    assert "财政支出压力" in hits[0].chunk.text
    assert embedded and not any("王振涛" in text for text in embedded), embedded


def test_inside_named_documents_a_title_line_does_not_score_its_passage() -> None:
    """A document's title line (its vector `…@0`) matches every question that names the document; searched inside
    named documents, a passage scores by its other sentences (临溪镇和蒲场镇…定位分别是啥: not each plan's opening)."""
    from briefgen.retrieve import ExactVectors

    class _Collection:
        def get(self, include: list[str]) -> dict[str, list]:
            return {"ids": ["a:0@0", "a:0@30", "a:1@200"],
                    "embeddings": [[1.0, 0.0], [0.0, 1.0], [0.8, 0.6]]}

    class _Index:
        collection = _Collection()

    exact = ExactVectors(_Index())  # type: ignore[arg-type]
    assert [c for c, _ in exact.search([1.0, 0.0], 2, lambda _: True)] == ["a:0", "a:1"]
    ranked = exact.search([1.0, 0.0], 2, lambda _: True, titles=False)
    assert [c for c, _ in ranked] == ["a:1", "a:0"] and ranked[1][1] == 0.0  # a:0 by its second sentence


def test_a_place_typed_by_its_sound_is_read_as_the_corpus_place(sample_corpus: Path, settings: Settings,
                                                                 index: Index) -> None:
    ingest_paths([sample_corpus], settings, index, progress=False)
    retriever = Retriever(index, settings)
    assert retriever.correct_places("林溪镇当试点 镇财政收入每年要涨多少") == (
        "临溪镇当试点 镇财政收入每年要涨多少", [("林溪镇", "临溪镇")])
    assert retriever.correct_places("临江镇的财政收入每年要涨多少")[1] == []  # another town is left alone
    hits = retriever.search("蒲厂镇定的目标 到2015年镇子要建多大", k=3)
    assert hits[0].document.region.town == "蒲场镇"
    answer = ask("林溪镇当试点 镇财政收入每年要涨多少才算达标", index, settings, llm="extractive", retriever=retriever)
    assert "25%" in answer.answer and answer.question.startswith("林溪镇")
    assert answer.warnings == ["“林溪镇”按语料中的“临溪镇”理解"]


def test_a_year_typed_in_chinese_numerals_or_two_digits_is_the_year_documents_write() -> None:
    from briefgen.normalize import written_years

    assert written_years("结合武胜县二〇一〇年的数字和一九年那份总结") == (
        "结合武胜县2010年的数字和2019年那份总结", [("二〇一〇年", "2010年"), ("一九年", "2019年")])
    assert written_years("〇九年的方案和10年机构改革以后")[0] == "2009年的方案和2010年机构改革以后"
    assert written_years("18年那个镇的汇报")[0] == "2018年那个镇的汇报"
    # spans of years are no years: 近10年, 10年来, 三五年内, 一二年内, 用了19年, 90年代
    for text in ("近10年", "10年来", "三五年内", "一二年内", "用了19年", "90年代", "十九年"):
        assert written_years(text) == (text, []), text


def test_a_question_typed_in_traditional_characters_is_read_in_simplified_ones(sample_corpus: Path, settings: Settings,
                                                                              index: Index) -> None:
    from briefgen.hanzi import simplified_question as simplified

    assert simplified("擴權強縣以後，縣裏的財政權力有甚麼變化？") == ("扩权强县以后，县里的财政权力有什么变化？", True)
    assert simplified("審批時間縮短咗幾多日？") == ("审批时间缩短了多少日？", True)  # Hong Kong words too
    # 係 as 是, 邊一年 as 哪一年, 咩 as 什么, 嗰 as 那, 唔 as 不; 關係 keeps its 係
    assert simplified("嗰四個鎮究竟係邊一年確定？組長叫咩名？問責程序係點樣？省市關係唔同") == (
        "那四个镇究竟是哪一年确定？组长叫什么名？问责程序是怎样？省市关系不同", True)
    plain = "武胜县扩权后审批时间缩短了多少？体系、关系和系统不变"
    assert simplified(plain) == (plain, False)
    ingest_paths([sample_corpus], settings, index, progress=False)
    retriever = Retriever(index, settings)
    answer = ask("武勝縣擴權以後，相關行政審批時間縮短咗幾多？", index, settings, llm="extractive", retriever=retriever)
    assert "3天" in answer.answer and answer.warnings[0] == "问题按简体字理解"
    assert answer.question.startswith("武勝縣")  # the question as typed
    assert retriever.search("武勝縣擴權以後審批時間", k=1)[0].document.region.county == "武胜县"


def test_a_document_in_traditional_characters_is_found_and_quoted_as_written(tmp_path: Path, settings: Settings,
                                                                            index: Index) -> None:
    (tmp_path / "a.txt").write_text("武勝縣擴權強縣試點工作總結\n一、主要成效\n擴權以後，相關行政審批時間由原來平均7天縮減為3天。\n"
                                    "二、存在問題\n基層人手不足，每個股室僅有2人。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("白沙镇扩权强镇实施方案\n一、目标\n审批时间尚无统计，力争到2015年建成区面积达到6平方公里以上。\n"
                                    "二、措施\n加强干部培训，每个股室都要有人负责。\n",
                                    encoding="utf-8")
    ingest_paths([tmp_path / "a.txt", tmp_path / "b.txt"], settings, index, progress=False)
    retriever = Retriever(index, settings)
    for question in ("行政审批时间缩短到几天？", "行政審批時間縮短到幾天？"):  # asked in either script
        hit = retriever.search(question, k=1)[0]
        assert "縮減為3天" in hit.chunk.text and hit.document.region.county == "武胜县", question  # its place too
        assert hit.document.kind == "summary" and hit.document.title.startswith("武勝縣")  # …and kind; its title as written
        answer = ask(question, index, settings, llm="extractive", retriever=retriever)
        assert [c.quote for c in answer.citations] == ["擴權以後，相關行政審批時間由原來平均7天縮減為3天。"], question
    assert "僅有2人" in ask("每个股室有几个人？", index, settings, llm="extractive", retriever=retriever).answer


def test_a_source_dated_by_a_typed_year_is_found(sample_corpus: Path, settings: Settings, index: Index) -> None:
    ingest_paths([sample_corpus], settings, index, progress=False)
    retriever = Retriever(index, settings)
    # 一九年那份县发改局总结: the 2019 summary, though the question also names 武胜县 and its 二〇一〇年 figures
    hits = retriever.search("扩权以后争取上级项目有何变化?请结合武胜县二〇一〇年的申报数字和一九年那份县发改局总结说明。", k=5)
    assert any(h.document.year == 2019 for h in hits[:2])
    answer = ask("一九年那份县发改局总结里，领导小组由谁任组长？", index, settings, llm="extractive", retriever=retriever)
    assert "局长" in answer.answer and answer.warnings[0] == "“一九年”按“2019年”理解"


def test_a_title_said_as_a_documents_names_it_whatever_joins_its_words(sample_corpus: Path, settings: Settings,
                                                                        index: Index) -> None:
    ingest_paths([sample_corpus], settings, index, progress=False)
    retriever = Retriever(index, settings)
    question = "那篇比较市管县与省管县的文章，对市管县在经济上的好处和在行政上的坏处分别是怎么评价的？"
    assert retriever.quote_titles(question).startswith("那篇比较《市管县与省管县》的文章")
    assert {h.document.title for h in retriever.search(question, k=5)} == {"市管县和省管县"}
    # the same words said of the two systems name no paper
    assert retriever.quote_titles("市管县和省管县各有什么利弊？") == "市管县和省管县各有什么利弊？"
    assert retriever.quote_titles("讲市管县和省管县的那篇文章").startswith("讲《市管县和省管县》的那篇")  # 的 and 那
    assert retriever.quote_titles("市管县vs省管县那篇分别怎么看？") == "《市管县vs省管县》那篇分别怎么看？"  # vs for 和
    # a paper said by what it does with the title's words, a few letters before 的论文; not the systems' 利弊 alone
    assert retriever.quote_titles("有篇比较市管县和省管县利弊的论文，说了什么？").startswith("有篇比较《市管县和省管县》利弊的论文")
    assert retriever.quote_titles("市管县和省管县的利弊各是什么？") == "市管县和省管县的利弊各是什么？"
    # and the 与 of a title in 《》 joins no two sides
    assert comparison_sides("《市管县与省管县》一文是怎么比较两种体制的？") == []
    # a pointer to one paper right before its title's words (那篇市管县与省管县的利弊比较) names it
    question = "楚明锟的文章、周天勇的文章，以及那篇市管县与省管县的利弊比较，各自怎样肯定市管县的历史作用？"
    assert "那篇《市管县与省管县》的利弊比较" in retriever.quote_titles(question)
    assert retriever._sides(retriever.quote_titles(question)) == []  # three sources, no two sides of 与
    # a comparison side naming its source by words no masthead holds (城乡一体化条件那篇论文) reads that source
    question = "周天勇的历史叙述和城乡一体化条件那篇论文的解释角度有何不同？"
    assert [index.store.document((docs or ["?"])[0]).title[:6] for _, docs in retriever._sides(question)] == [
        "从市管县到省", "强县扩权促进"]
    assert len(comparison_sides("市管县与省管县一文是怎么比较两种体制的？")) == 2


def test_a_comparison_side_named_by_a_places_short_name_reads_that_places_documents(
        sample_corpus: Path, settings: Settings, index: Index) -> None:
    ingest_paths([sample_corpus], settings, index, progress=False)
    retriever = Retriever(index, settings)
    retriever._refresh()
    # 临溪镇's plan does not name it in its title or masthead: its region does
    named = retriever._side_documents("临溪")
    assert named is not None and {index.store.document(d).region.town for d in named} == {"临溪镇"}
    question = "凤阳和临溪两地的扩权强镇材料里，抓镇容镇貌都用了同一个整治口号，是什么？各自想达到什么效果？"
    assert {h.document.region.town or h.document.region.county for h in retriever.search(question, k=2)} == {
        "凤阳县", "临溪镇"}

