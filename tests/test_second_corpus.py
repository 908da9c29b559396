"""The eval suite on a second corpus (eval/second, split off the sample) with no code change."""

from __future__ import annotations

from pathlib import Path

from briefgen.config import Settings
from briefgen.evaluate.runner import run_eval
from eval.split import read_titles, split
from tests.conftest import REPO

SECOND = REPO / "eval" / "second"


def test_suite_runs_on_second_corpus(settings: Settings, tmp_path: Path) -> None:
    report = run_eval(settings, gold_dir=SECOND / "gold", corpus=SECOND / "corpus", out_dir=tmp_path / "out",
                      groups=("figures", "answers", "briefs"))  # retrieval is meaningless with the hash embedder
    assert report.settings["documents"] == 7
    assert {g: r.status for g, r in report.groups.items()} == {
        "figures": "ran", "retrieval": "skipped", "answers": "ran", "briefs": "ran"}
    values = {m.key: m.value for m in report.metrics}
    assert values["figures.precision"] == 1.0
    assert values["figures.recall"] == 1.0
    assert values["noise.rejection"] == 1.0
    assert values["answers.citation_validity"] == 1.0
    assert values["briefs.citation_validity"] == 1.0
    assert values["briefs.wrong_subject_claims"] == 0


def test_split_reproduces_second_gold(sample_corpus: Path, tmp_path: Path) -> None:
    counts = split(sample_corpus, REPO / "eval" / "gold", read_titles(SECOND / "titles.txt"), tmp_path)
    assert counts == {"documents": 7, "figures": 25, "noise": 31, "questions": 27, "briefs": 4}
    written = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    expected = [p.relative_to(SECOND) for p in (SECOND / "gold").iterdir()] + [Path("corpus/raw/subset.txt")]
    assert written == sorted(expected)
    for name in written:
        assert (tmp_path / name).read_bytes() == (SECOND / name).read_bytes(), name
