"""Chinese administrative divisions: a gazetteer from a maintained PyPI package, and region detection.

The gazetteer is the five-level table (province, city, county, town, village) that ships inside
the `jionlp` package (`dictionary/china_location.zip`). It is read as data; jionlp itself is not
imported (its import is slow and loads much more than we need).
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

import ahocorasick

from briefgen.models import Document, Region
from briefgen.tokenize import dictionary, jieba_module, word_tags

Level = Literal["province", "city", "county", "town"]
_LEVELS: tuple[Level, ...] = ("province", "city", "county", "town")
# Town-level entries kept: 镇 and 乡 (街道, 开发区 and the like are not reform subjects).
_MENTION = 2  # votes per mention in the body; a name also in the title gets one more
_TOWN_SUFFIXES = ("镇", "乡")
# Names that are also common words in this genre and would give false mentions.
# (富县 of 富县和穷县: a rich county, as 强县 and 弱县 are strong and weak ones)
_AMBIGUOUS_WORDS = frozenset({"市辖区", "矿区", "新区", "城区", "新城区", "老城区", "中心镇", "开发区", "高新区",
                              "小城镇", "富县"})


@dataclass(frozen=True)
class Place:
    """One division, with its parents' names."""

    name: str
    level: Level
    province: str
    city: str | None = None
    county: str | None = None

    def region(self) -> Region:
        """This place as a Region (its own level and all parents)."""
        fields = {"province": self.province, "city": self.city, "county": self.county, self.level: self.name}
        return Region(**{key: value or None for key, value in fields.items()})


@dataclass(frozen=True)
class Mention:
    """A place name found in a text."""

    start: int
    end: int
    name: str
    level: Level
    candidates: tuple[Place, ...]


def _gazetteer_file(name: str = "china_location.zip") -> Path:
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the gazetteer package 'jionlp' is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "dictionary" / name


@lru_cache(maxsize=1)
def _readings() -> dict[str, frozenset[str]]:
    """Each character's readings without tones (临 → lin, 场 → chang), from the character dictionary that ships
    with jionlp (read as data, as the gazetteer is)."""
    with zipfile.ZipFile(_gazetteer_file("chinese_char_dictionary.zip")) as archive:
        text = archive.read(archive.namelist()[0]).decode("utf-8")
    readings: dict[str, frozenset[str]] = {}
    for line in text.splitlines():
        char, _, rest = line.partition("\t")
        sounds = frozenset(_toneless(reading) for reading in re.findall(r"\[([a-zA-Z\u00c0-\u024f]+)\]", rest))
        if len(char) == 1 and sounds:
            readings[char] = sounds
    return readings


def _toneless(reading: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", reading.lower()) if not unicodedata.combining(c))


def sounds_like(typed: str, name: str) -> bool:
    """A place name typed by its sound (林溪镇 for 临溪镇, 蒲厂镇 for 蒲场镇: pinyin input picks a wrong letter): as
    long, the same level letter at the end and at least one other letter the same, the rest read alike."""
    if len(typed) != len(name) or typed == name or typed[-1] != name[-1]:
        return False
    pairs = list(zip(typed[:-1], name[:-1], strict=True))
    readings = _readings()
    return any(a == b for a, b in pairs) and all(a == b or readings.get(a, frozenset()) & readings.get(b, frozenset())
                                                 for a, b in pairs)


def _parse_line(line: str) -> tuple[int, list[str]]:
    depth = len(line) - len(line.lstrip("\t"))
    return depth, line.strip("\t").split("\t")


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, tuple[Place, ...]]:
    """Every province, city, county and town (镇/乡), keyed by full name and province short name."""
    with zipfile.ZipFile(_gazetteer_file()) as archive:
        raw = archive.read("china_location.txt").decode("utf-8")
    places: dict[str, list[Place]] = {}
    parents: list[str] = ["", "", ""]
    for line in raw.splitlines():
        if not line.strip():
            continue
        depth, cols = _parse_line(line)
        if depth > 3:
            continue
        name = cols[0]
        if depth < 3:
            parents[depth] = name
        place = _place(depth, name, parents)
        if place is None:
            continue
        places.setdefault(name, []).append(place)
        if depth == 0 and len(cols) > 2 and len(cols[2]) >= 2:
            places.setdefault(cols[2], []).append(place)
    return {name: tuple(dict.fromkeys(found)) for name, found in places.items() if name not in _AMBIGUOUS_WORDS}


def _place(depth: int, name: str, parents: list[str]) -> Place | None:
    province, city, county = parents
    if depth == 0:
        return Place(name, "province", name)
    if depth == 1:
        return Place(name, "city", province)
    if depth == 2:
        return Place(name, "county", province, city)
    if name.endswith(_TOWN_SUFFIXES) and len(name) >= 3:
        return Place(name, "town", province, city, county)
    return None


@lru_cache(maxsize=1)
def _automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for name, places in gazetteer().items():
        automaton.add_word(name, (name, places))
    automaton.make_automaton()
    return automaton


def find_mentions(text: str) -> list[Mention]:
    """Place names in text, longest match first, non-overlapping, in order."""
    hits = sorted(
        ((end - len(name) + 1, end + 1, name, places) for end, (name, places) in _automaton().iter(text)),
        key=lambda hit: (hit[0], -(hit[1] - hit[0])),
    )
    mentions: list[Mention] = []
    for start, end, name, places in hits:
        if mentions and start < mentions[-1].end:
            continue
        if not _bounded(text, start, name, mentions, places) or _glued_town(text, start, end, places):
            continue
        level = min((p.level for p in places), key=_LEVELS.index)
        mentions.append(Mention(start, end, name, level, places))
    return mentions


# A level character followed by these is a word of its own (县长, 市场, 县级): a two-character name ending
# there is no place (新县长 is a new county head, not 新县; 中市场 is not 中市).
_LEVEL_WORDS = frozenset("县长 市长 区长 镇长 乡长 县委 市委 区委 镇委 乡委 县级 市级 区级 镇级 乡级 县域 县城 市场 市区 "
                         "镇区 区域".split())


def _bounded(text: str, start: int, name: str, previous: list[Mention], places: tuple[Place, ...] = ()) -> bool:
    """A short name (郊区, 理县, 中区) counts only at a word start: not glued to a preceding Chinese
    character (管理县, 集中区), unless that character ends a parent's name (阳泉市郊区) or, for a province
    (云南), is a conjunction, preposition or classifier (与云南, 那个云南) or a verb citing it (说浙江, 以浙江为例);
    nor when its last character starts a word with the next one (新县长)."""
    if len(name) == 2 and text[start + 1 : start + 3] in _LEVEL_WORDS:
        return False
    if len(name) > 2 or start == 0:
        return True
    before = text[start - 1]
    if not "\u4e00" <= before <= "\u9fff":
        return True
    if before in _PROVINCE_LEADS and any(place.level == "province" for place in places):
        return True
    return bool(previous) and previous[-1].end == start


_GLUE_WINDOW = 4  # characters of context on each side when segmenting around a town name
# Single-character conjunctions and prepositions: a place name often follows them directly.
_FUNCTION_CHARS = frozenset("和与及同跟对在到从向于由把将给让被经至")
# Before a province written without 省 (云南, 浙江), these end the word before it: 武胜县与云南某县, 那个云南的县, 还有浙江
# 早年的案例, 像浙江那样, 以浙江为例, 都说浙江是领头羊, 据浙江的材料, 拿浙江来说, 其中重庆模式, 分析重庆的做法,
# 介绍浙江, 那篇里湖北的模式 (提到湖北: 到 is a function character already).
_PROVINCE_LEADS = _FUNCTION_CHARS | frozenset("个有像如以说讲据拿按照看的中里析绍谈")


def _glued_town(text: str, start: int, end: int, places: tuple[Place, ...]) -> bool:
    """A short town name inside a longer word: 建成集镇面积 holds 成集镇, but segments as 建成|集镇|面积.
    The name is rejected when the dictionary segmentation of its context puts a word across its start
    (the preceding character and the name's head form a word: 建成) and the rest of the name is a word
    as well (集镇). Names of other levels, and towns longer than three characters, are kept."""
    if end - start > 3 or any(place.level != "town" for place in places):
        return False
    left = max(0, start - _GLUE_WINDOW)
    position = left
    for word in _segment(text[left : end + _GLUE_WINDOW]):
        if position == start and len(word) == 1 and _modifier(word) and _is_word(text[start + 1 : end]):
            return True  # 偏|城镇: an adjective or adverb before the common word 城镇, not a town's head
        if position < start < position + len(word) < end:
            if text[position:start] in _FUNCTION_CHARS:  # 和暖|水乡: a conjunction or preposition leads
                return False
            return _is_word(text[position + len(word) : end])  # 建成|集镇: the rest is a word too
        position += len(word)
        if position > start:
            break
    return False


# Parts of speech (jieba's dictionary tags) of a character that modifies the word after it instead of
# naming a place: adjectives, adverbs, pronouns, prepositions, conjunctions, numerals, classifiers, particles.
_MODIFIER_TAGS = frozenset({"a", "d", "zg", "r", "p", "c", "m", "q", "u"})


def _modifier(char: str) -> bool:
    """The character, standing alone, is a modifier (偏, 更, 这) rather than a name (马, 石, 东)."""
    return word_tags().get(char) in _MODIFIER_TAGS


def _is_word(text: str) -> bool:
    """A word of the segmentation dictionary (jieba's), with a non-zero frequency."""
    return len(text) >= 2 and bool(dictionary().get(text))


@lru_cache(maxsize=4096)
def _segment(text: str) -> tuple[str, ...]:
    """Dictionary-only segmentation (jieba without its HMM, which would invent words)."""
    return tuple(jieba_module().lcut(text, HMM=False))


def region_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, full name) of each mention below province level, resolved to a full name."""
    return [(m.start, m.end, _full_name(m)) for m in find_mentions(text)]


def _full_name(mention: Mention) -> str:
    place = next((p for p in mention.candidates if p.level == mention.level), mention.candidates[0])
    return place.name if place.level != "province" else place.province


def resolve_region(body: str, title: str = "") -> Region:
    """The region a document is about: the most-mentioned places in the body, consistent with each other.

    The body decides; the title only breaks ties (titles sometimes name another province).
    """
    mentions = find_mentions(body)
    title_names = {m.name for m in find_mentions(title)}
    votes: Counter[Place] = Counter()
    mentioned = {m.name for m in mentions}
    for mention in mentions:
        for place in _consistent(mention, mentioned):
            votes[place] += _MENTION + (1 if mention.name in title_names else 0)
    if not votes:
        return _region_from_title(title)
    return _best_region(votes)


def _consistent(mention: Mention, mentioned: set[str]) -> tuple[Place, ...]:
    """Candidates of an ambiguous name whose parents are also named in the text; else all if unique."""
    if len(mention.candidates) == 1:
        return mention.candidates
    backed = tuple(p for p in mention.candidates if {p.province, p.city, p.county} & mentioned)
    if len(backed) == 1:
        return backed
    if mention.level in ("town", "county"):
        return (Place(mention.name, mention.level, ""),)  # the name is known, its parents are not
    return ()


def _best_region(votes: Counter[Place]) -> Region:
    """The most specific well-supported place (a town needs two mentions); parents from the gazetteer."""
    for level in _LEVELS[::-1]:
        ranked = [(count, place) for place, count in votes.items() if place.level == level]
        if not ranked:
            continue
        count, place = max(ranked, key=lambda pair: pair[0])
        if level == "town" and _incidental(votes, place, count):
            continue
        return place.region()
    return Region()


def _incidental(votes: Counter[Place], town: Place, count: int) -> bool:
    """A town named in passing: a county report names its towns too, so the town must out-vote its
    county, and be named twice unless no county or city is named at all."""
    county_votes = sum(n for place, n in votes.items() if place.level == "county" and place.name == town.county)
    higher = any(place.level in ("county", "city") for place in votes)
    return count < county_votes or (count < 2 * _MENTION and higher)


def _region_from_title(title: str) -> Region:
    mentions = [m for m in find_mentions(title) if len(m.candidates) == 1]
    if not mentions:
        return Region()
    return mentions[-1].candidates[0].region()


def short_name(name: str) -> str:
    """A place's name without its level (武胜县 → 武胜); a two-character name keeps it (理县)."""
    return name[:-1] if len(name) > 2 and name[-1] in _LEVEL_CHARS else name


_LEVEL_CHARS = "省市县区镇乡"


def short_names(documents: Iterable[Document]) -> dict[str, str]:
    """Short name → full name of the cities, counties and towns the documents are about (武胜 → 武胜县);
    a short name two places share names neither."""
    full: dict[str, set[str]] = {}
    for document in documents:
        region = document.region
        for name in (region.city, region.county, region.town):
            if name and (short := short_name(name)) != name:
                full.setdefault(short, set()).add(name)
    return {short: names.pop() for short, names in full.items() if len(names) == 1}
