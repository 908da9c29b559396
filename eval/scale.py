"""Synthetic scale-up of the sample dump: N variants that read like reports from other places.

`python -m eval.scale --factor N --out DIR` writes DIR/<stem>_v000.txt … (variant 0 is the
original). Each other variant, deterministically from (seed, variant):

- replaces every region name `find_mentions` finds with another real name of the same level
  (same last character, so 县 stays 县 and 镇 stays 镇), consistently within the variant;
- multiplies every Arabic number by a per-variant factor, keeping its decimals
  (101.1 × 1.37 → 138.5); years (1900–2049), months, days and list numbers (1、 2. （3）) are
  kept, so dates and headings still parse;
- swaps its own random half of a list of common words for synonyms, and names the variant's
  place at the start of each body paragraph and clause, so that 8-char shingle containment
  against the original and the other variants falls below briefgen's 0.6 duplicate threshold
  (the dump's own repeated copies stay duplicates of each other).
"""

from __future__ import annotations

import argparse
import random
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from briefgen.regions import Mention, find_mentions, gazetteer

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared/corpus/raw/kuoquan_corpus.txt"

# Common words of the genre and a near-synonym each (applied left to right, longest first).
SYNONYMS: tuple[tuple[str, str], ...] = (
    ("进一步", "更进一步"), ("加强", "强化"), ("提高", "提升"), ("推进", "推动"), ("明显", "显著"),
    ("积极", "主动"), ("建立", "建起"), ("完善", "健全"), ("问题", "难题"), ("工作", "事务"),
    ("管理", "治理"), ("部门", "机构"), ("实施", "施行"), ("增长", "增加"), ("目前", "当前"),
    ("主要", "重点"), ("经济", "经济社会"), ("权限", "权力事项"), ("试点", "先行试点"), ("改革", "变革"),
    ("发展", "发育"), ("情况", "状况"), ("政府", "政府机关"), ("县级", "县一级"), ("促进", "带动"),
    ("需要", "需"), ("解决", "化解"), ("增强", "增进"), ("重要", "要紧"), ("能力", "本领"),
    ("制度", "机制"), ("方面", "领域"), ("资金", "款项"), ("项目", "工程项目"), ("支持", "扶持"),
)
# Share of SYNONYMS a variant applies: each variant swaps its own random half of the list.
_SWAP_SHARE = 0.5
_NUMBER = re.compile(r"(?<![\d.])(\d+)(?:\.(\d+))?(?![\d])")
# Kept as written: list numbers (1、 2. （3）) and dates (16月, 3日).
_KEEP_AFTER = re.compile(r"^(?:[、．月日]|\.(?!\d)|[)）])")
_HEADING_MARK = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.．、])"
)
_BODY_END = ("。", "；", "！", "？", ";", "!", "?")
_BODY_MIN = 40
# A clause start inside a paragraph: after 。；！？，、： (or a half-width , : not after a digit).
_CLAUSE_START = re.compile(r"(?:(?<=[。；！？，、：;!?])|(?<=(?<!\d)[,:]))(?=[^\s\d])")


@dataclass(frozen=True)
class Variant:
    """What one variant changes: its region-name mapping, number factor and paragraph place name."""

    number: int
    names: dict[str, str]
    factor: float
    place: str
    synonyms: tuple[tuple[str, str], ...] = SYNONYMS


def _pool_key(name: str) -> tuple[str, str, bool]:
    """(level, last character, is a province short name): replacements share all three."""
    places = gazetteer()[name]
    level = min((p.level for p in places), key=("province", "city", "county", "town").index)
    short = level == "province" and all(p.name != name for p in places)
    return level, name[-1], short


def _pools() -> dict[tuple[str, str, bool], list[str]]:
    """Unambiguous gazetteer names grouped by pool key, sorted for determinism."""
    pools: dict[tuple[str, str, bool], list[str]] = {}
    for name, places in gazetteer().items():
        if len(places) == 1 and len(name) >= 2:
            pools.setdefault(_pool_key(name), []).append(name)
    return {key: sorted(names) for key, names in pools.items()}


def name_mapping(mentions: list[Mention], rng: random.Random, fixed: dict[str, str] | None = None) -> dict[str, str]:
    """Each mentioned name → a different real name of the same level; injective, never an original.
    `fixed`: replacements decided beforehand (the variant's own place)."""
    pools = _pools()
    originals = sorted({m.name for m in mentions})
    mapping: dict[str, str] = dict(fixed or {})
    used: set[str] = set(originals) | set(mapping.values())
    for name in originals:
        if name in mapping:
            continue
        pool = pools.get(_pool_key(name), [])
        choices = [c for c in rng.sample(pool, min(len(pool), 50)) if c not in used]
        if choices:
            mapping[name] = choices[0]
            used.add(choices[0])
    return mapping


def replace_names(text: str, mapping: dict[str, str]) -> str:
    """Replace the region mentions of text (as `find_mentions` sees them) through mapping."""
    out: list[str] = []
    last = 0
    for mention in find_mentions(text):
        out.append(text[last : mention.start])
        out.append(mapping.get(mention.name, mention.name))
        last = mention.end
    out.append(text[last:])
    return "".join(out)


def perturb_numbers(text: str, factor: float) -> str:
    """Multiply each Arabic number by factor with the same decimals (5605 × 1.2 → 6726; 28.6 → 34.3)."""

    def scale(match: re.Match[str]) -> str:
        whole, decimals = match.group(1), match.group(2)
        after = text[match.end() : match.end() + 2]
        if decimals is None and (_is_year(whole) or _KEEP_AFTER.match(after)):
            return match.group(0)
        value = float(match.group(0)) * factor
        return f"{value:.{len(decimals)}f}" if decimals else str(round(value))

    return _NUMBER.sub(scale, text)


def _is_year(digits: str) -> bool:
    return len(digits) == 4 and 1900 <= int(digits) <= 2049


def swap_words(text: str, synonyms: tuple[tuple[str, str], ...] = SYNONYMS) -> str:
    """Replace each listed word with its synonym in one pass (a replacement is never re-replaced)."""
    table = dict(synonyms)
    if not table:
        return text
    pattern = re.compile("|".join(re.escape(w) for w in sorted(table, key=len, reverse=True)))
    return pattern.sub(lambda m: table[m.group(0)], text)


def prefix_paragraphs(text: str, place: str) -> str:
    """Name the place at the start of each body paragraph (after its heading number if it has one)
    and of each clause in it: the place differs per variant, so variants also differ from each
    other every ~15 characters. Short lines (titles) are left alone, so the dump still splits into
    the same documents."""
    lines = []
    for line in text.split("\n"):
        stripped = line.strip()
        if len(stripped) >= _BODY_MIN:
            line = _CLAUSE_START.sub(place, line)
        if len(stripped) >= _BODY_MIN and stripped.endswith(_BODY_END):
            mark = _HEADING_MARK.match(line)
            cut = mark.end() if mark else len(line) - len(line.lstrip())
            line = f"{line[:cut]}{place}{line[cut:]}"
        lines.append(line)
    return "\n".join(lines)


def make_variant(text: str, number: int, seed: int = 0) -> Variant:
    """The deterministic changes of variant `number` of text (seeded by seed and number)."""
    rng = random.Random(seed * 1_000_003 + number)
    mentions = find_mentions(text)
    main = main_place(mentions)
    place = variant_place(main, {m.name for m in mentions}, number, seed)
    names = name_mapping(mentions, rng, {main: place})
    synonyms = tuple(pair for pair in SYNONYMS if rng.random() < _SWAP_SHARE)
    return Variant(number, names, round(rng.uniform(1.15, 1.85), 4), place, synonyms)


def main_place(mentions: list[Mention]) -> str:
    """The most-mentioned county of the text (else its most-mentioned place)."""
    counties = Counter(m.name for m in mentions if m.level == "county")
    ranked = counties or Counter(m.name for m in mentions)
    return ranked.most_common(1)[0][0]


def variant_place(main: str, originals: set[str], number: int, seed: int) -> str:
    """The variant's own replacement of the main place: a seed-wide permutation of the pool taken at
    `number`, so no two variants (up to the pool size, ~1,400 counties) share it; their paragraph
    prefixes then differ and variants never look like copies of each other."""
    pool = [name for name in _pools().get(_pool_key(main), []) if name not in originals]
    random.Random(seed).shuffle(pool)
    return pool[(number - 1) % len(pool)] if pool else main


def rewrite(text: str, variant: Variant) -> str:
    """Apply a variant: names, then numbers, then synonyms, then paragraph place names."""
    if variant.number == 0:
        return text
    text = replace_names(text, variant.names)
    text = perturb_numbers(text, variant.factor)
    text = swap_words(text, variant.synonyms)
    return prefix_paragraphs(text, variant.place)


def write_variants(source: Path, factor: int, out: Path, seed: int = 0) -> list[Path]:
    """Write `factor` variants of source into out (variant 0 is a verbatim copy)."""
    out.mkdir(parents=True, exist_ok=True)
    text = source.read_text(encoding="utf-8")
    paths = []
    for number in range(factor):
        path = out / f"{source.stem}_v{number:03d}{source.suffix}"
        path.write_text(rewrite(text, make_variant(text, number, seed)), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--factor", type=int, required=True, help="number of variants (1: the original only)")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument("--source", type=Path, default=DEFAULT_CORPUS, help="the multi-document dump to scale")
    parser.add_argument("--seed", type=int, default=0, help="seed of the name choices and number factors")
    args = parser.parse_args(argv)
    paths = write_variants(args.source, args.factor, args.out, args.seed)
    print(f"wrote {len(paths)} variants to {args.out}")


if __name__ == "__main__":
    main()
