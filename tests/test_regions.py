"""Unit tests for briefgen.regions: the guard against town names glued inside longer words.
Every sentence here is written for the test, not copied."""

from __future__ import annotations

import pytest

from briefgen.regions import find_mentions, region_spans, sounds_like


def _names(text: str) -> list[str]:
    return [m.name for m in find_mentions(text)]


@pytest.mark.parametrize(
    "text",
    [
        "三年内建成集镇面积8平方公里。",  # 建成|集镇 hides the town 成集镇
        "逐步形成集镇规模。",
    ],
)
def test_town_name_inside_a_longer_word_is_not_a_mention(text: str) -> None:
    assert "成集镇" not in _names(text)
    assert region_spans(text) == []


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("蒲场镇位于县城北部。", "蒲场镇"),
        ("县领导到成集镇调研。", "成集镇"),  # 到 is a preposition, not part of a word
        ("全县城关镇人口最多。", "城关镇"),
        ("和暖水乡一道推进。", "暖水乡"),  # 和暖 is a word, but 和 leads as a conjunction
    ],
)
def test_town_name_at_a_word_start_is_a_mention(text: str, town: str) -> None:
    assert town in _names(text)


def test_a_modifier_before_a_common_word_is_no_town() -> None:
    # 偏|城镇 (leans towards towns) and 小城镇 (small towns, the policy term) are words, not 偏城镇 or 小城镇
    assert _names("两镇的目标一个偏经济指标，一个偏城镇建设？") == []
    assert _names("促进大中城市和小城镇协调发展。") == []
    assert _names("新城镇的规划已经批复。") == ["新城镇"]  # a name the dictionary knows as one word stays


def test_listed_towns_are_all_mentions() -> None:
    assert _names("我县大庙镇、刘府镇两镇列为试点。")[:2] == ["大庙镇", "刘府镇"]


def test_counties_and_longer_town_names_are_not_checked_by_the_town_guard() -> None:
    assert "临淮关镇" in _names("推动临淮关镇发展。")
    assert "绥阳县" in _names("建成绥阳县工业园。")


def test_a_short_name_whose_level_starts_a_word_is_no_place() -> None:
    assert _names("新县长关心扩权后往省里跑得多不多。") == []  # 新|县长: a new county head, not 新县
    assert _names("新县县城建设加快。") == ["新县"]  # the county itself, named before its 县城


def test_the_corpus_places_have_short_names() -> None:
    from briefgen.models import Document, Region, Source
    from briefgen.regions import short_name, short_names

    def doc(n: int, region: Region) -> Document:
        return Document(doc_id=f"d{n}", title="t", text="x", sha256="0", source=Source(path="p"), region=region)

    assert short_name("武胜县") == "武胜" and short_name("理县") == "理县" and short_name("临溪镇") == "临溪"
    documents = [doc(1, Region(province="四川省", city="广安市", county="武胜县")), doc(2, Region(town="临溪镇")),
                 doc(3, Region(county="新城县")), doc(4, Region(town="新城镇"))]
    # provinces have their short names in the gazetteer already; 新城 names two places, so neither
    assert short_names(documents) == {"广安": "广安市", "武胜": "武胜县", "临溪": "临溪镇"}


def test_a_province_written_without_its_level_counts_after_a_conjunction_or_classifier() -> None:
    assert _names("武胜县与云南某县的做法相比如何？") == ["武胜县", "云南"]  # 与 leads the second place
    assert _names("那个云南的试点县怎么说？") == ["云南"]  # 那个 points at it
    assert _names("武胜、政协提案、还有浙江九十年代那次，各是怎么说的？") == ["浙江"]  # 还有 adds it to a list
    assert _names("像浙江那样先放财权行不行？") == ["浙江"]
    assert _names("都说浙江是省管县的领头羊，它最早哪年给县放权？") == ["浙江"]  # after a verb of saying or citing
    assert _names("以浙江为例，据云南的材料，拿河南来说") == ["浙江", "云南", "河南"]
    # after a word ending in 中, 析, 到, 绍, 谈: 其中重庆模式, 分析河南的做法, 提到湖北, 介绍浙江, 谈谈云南
    assert _names("其中重庆模式有什么特点？分析河南的做法，提到湖北，介绍浙江，谈谈云南") == ["重庆", "河南", "湖北", "浙江", "云南"]
    assert _names("孙学玉那篇里湖北的模式具体咋搞的？") == ["湖北"]  # after 里: in that paper, 湖北
    assert _names("有人说那个省是河北，对吗？") == []  # a claim to check after 是 names no place asked about
    assert _names("去年沿长江西岸布局。") == []  # 江西 inside a longer phrase stays no place
    assert _names("我和郊区的同志谈过。") == []  # the lead rule is for provinces: a short district name stays guarded


def test_a_rich_county_is_no_place() -> None:
    assert _names("浙江那个扩权案例里，富县和穷县谁得的好处多？") == ["浙江"]  # 富县 and 穷县: rich and poor counties


@pytest.mark.parametrize(("typed", "name", "alike"), [
    ("林溪镇", "临溪镇", True), ("蒲厂镇", "蒲场镇", True), ("普场镇", "蒲场镇", True), ("武盛县", "武胜县", True),
    ("临江镇", "临溪镇", False),  # another town: 江 is no 溪
    ("林西镇", "临溪镇", False),  # every letter but the level's differs: a name of its own, not a slip
    ("临溪县", "临溪镇", False), ("临溪镇", "临溪镇", False),  # another level; the name itself
])
def test_a_place_typed_by_its_sound_sounds_like_it(typed: str, name: str, alike: bool) -> None:
    assert sounds_like(typed, name) is alike
