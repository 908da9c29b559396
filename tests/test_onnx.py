"""The ONNX backend: which export counts as current, how the backend is chosen, batching in input order,
and an export that fails its check leaving the previous one in place. No model is loaded here; the
integration tests compare the real export with PyTorch."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from briefgen import embed, onnx_export
from briefgen.config import EmbedSettings, PathSettings, Settings
from briefgen.embed import OnnxEncoder, get_embedder
from briefgen.errors import ModelNotFoundError


def _model(models: Path, name: str = "gemma-like") -> Path:
    folder = models / name
    folder.mkdir(parents=True)
    (folder / "model.safetensors").write_bytes(b"w" * 100)
    (folder / "config.json").write_text('{"model_type": "gemma3_text"}')
    return folder


def _export(model: Path, **manifest: Any) -> Path:
    folder = onnx_export.onnx_dir(model)
    folder.mkdir()
    (folder / onnx_export.GRAPH).write_bytes(b"not a graph")
    fields = {"format": onnx_export.FORMAT, "weights_size": 100, **manifest}
    (folder / onnx_export.MANIFEST).write_text(json.dumps(fields))
    return folder


def _settings(models: Path, backend: str) -> Settings:
    return Settings(paths=PathSettings(data_dir=models / "data", models_dir=models),
                    embed=EmbedSettings(model="gemma-like", backend=backend))  # type: ignore[arg-type]


def test_an_export_counts_only_for_the_weights_it_was_made_from(tmp_path: Path) -> None:
    model = _model(tmp_path)
    assert onnx_export.current_export(model) is None  # never exported
    folder = _export(model)
    assert onnx_export.current_export(model) == folder / onnx_export.GRAPH
    (model / "model.safetensors").write_bytes(b"w" * 101)  # the model was re-pulled with other weights
    assert onnx_export.current_export(model) is None


def test_an_export_of_another_format_is_stale(tmp_path: Path) -> None:
    model = _model(tmp_path)
    folder = _export(model, format=onnx_export.FORMAT + 1)
    assert onnx_export.current_export(model) is None
    (folder / onnx_export.MANIFEST).write_text("[]")  # not a manifest at all
    assert onnx_export.current_export(model) is None


def test_backend_onnx_without_an_export_names_the_command(tmp_path: Path) -> None:
    _model(tmp_path)
    with pytest.raises(ModelNotFoundError, match="briefgen models pull onnx"):
        get_embedder(_settings(tmp_path, "onnx"))


class _TorchStandIn:
    backend = "PyTorch"

    def __init__(self, settings: Settings) -> None:
        self.name = settings.embed.model


def test_auto_falls_back_to_pytorch_when_the_export_does_not_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                   caplog: pytest.LogCaptureFixture) -> None:
    _export(_model(tmp_path))  # a manifest that matches, a graph that is garbage
    monkeypatch.setattr(embed, "SentenceTransformerEmbedder", _TorchStandIn)
    with caplog.at_level(logging.WARNING, logger="briefgen.embed"):
        chosen = get_embedder(_settings(tmp_path, "auto"))
    assert isinstance(chosen, _TorchStandIn)
    assert "cannot be loaded" in caplog.text and "using PyTorch" in caplog.text
    with pytest.raises(ModelNotFoundError, match="cannot be loaded"):
        get_embedder(_settings(tmp_path, "onnx"))


def _sum_graph(path: Path) -> Path:
    """A graph with the export's inputs: the vector of a text is (sum of its ids, its token count)."""
    from onnx import TensorProto, helper, save

    nodes = [helper.make_node("Cast", ["input_ids"], ["ids"], to=TensorProto.FLOAT),
             helper.make_node("Cast", ["attention_mask"], ["mask"], to=TensorProto.FLOAT),
             helper.make_node("Mul", ["ids", "mask"], ["kept"]),
             helper.make_node("ReduceSum", ["kept", "axis"], ["total"], keepdims=1),
             helper.make_node("ReduceSum", ["mask", "axis"], ["count"], keepdims=1),
             helper.make_node("Concat", ["total", "count"], ["unit_vector"], axis=1)]
    inputs = [helper.make_tensor_value_info(n, TensorProto.INT64, ["batch", "seq"])
              for n in ("input_ids", "attention_mask")]
    output = helper.make_tensor_value_info("unit_vector", TensorProto.FLOAT, ["batch", 2])
    axis = helper.make_tensor("axis", TensorProto.INT64, [1], [1])
    graph = helper.make_graph(nodes, "sums", inputs, [output], initializer=[axis])
    save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 18)], ir_version=9), str(path))
    return path


def _char_tokenizer(max_length: int):  # type: ignore[no-untyped-def]
    """Token id = code point, right padding with 0, cut at max_length."""

    def tokenize(texts: list[str]) -> dict[str, np.ndarray]:
        ids = [[ord(c) for c in t][:max_length] for t in texts]
        width = max(len(i) for i in ids)
        return {"input_ids": np.array([i + [0] * (width - len(i)) for i in ids]),
                "attention_mask": np.array([[1] * len(i) + [0] * (width - len(i)) for i in ids])}

    return tokenize


def test_encoder_batches_by_length_and_returns_vectors_in_input_order(tmp_path: Path) -> None:
    encoder = OnnxEncoder(_sum_graph(tmp_path / "sums.onnx"), _char_tokenizer(6))
    texts = ["a", "abcdefghij", "ab", "abc"]
    got = encoder.encode(texts, batch_size=2)  # the two longest share a batch, the two shortest another
    want = np.array([[sum(map(ord, t[:6])), len(t[:6])] for t in texts], dtype=np.float32)
    want /= np.linalg.norm(want, axis=1, keepdims=True)
    assert got.shape == (4, 2)
    assert np.allclose(got, want, atol=1e-6)  # padding ignored, truncation applied, order kept


class _FakeModel:
    max_seq_length = 512

    def __init__(self, path: str, **_: Any) -> None:
        self.path = path


def test_an_export_that_fails_its_check_keeps_the_previous_one(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import sentence_transformers

    model = _model(tmp_path)
    previous = _export(model, note="the one that works")
    monkeypatch.setattr(sentence_transformers, "SentenceTransformer", _FakeModel)
    monkeypatch.setattr(onnx_export, "_export_graph", lambda m, out: (out / onnx_export.GRAPH).write_bytes(b"new"))
    monkeypatch.setattr(onnx_export, "_worst_cosine", lambda m, graph: 0.93)
    with pytest.raises(onnx_export.ExportError, match=r"cosine 0\.930000"):
        onnx_export.export(model)
    assert json.loads((previous / onnx_export.MANIFEST).read_text())["note"] == "the one that works"
    assert (previous / onnx_export.GRAPH).read_bytes() == b"not a graph"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".onnx-")] == []  # no staging left behind


def _word_tokenizer_folder(folder: Path, pad: str | None) -> Path:
    """A tokenizer.json of whole words with [BOS] … [EOS] around each text, and its tokenizer_config.json."""
    from tokenizers import Tokenizer, models, pre_tokenizers, processors

    vocab = {"[PAD]": 0, "[BOS]": 1, "[EOS]": 2, "[UNK]": 3, "县": 4, "镇": 5, "扩权": 6, "强县": 7}
    tokenizer = Tokenizer(models.WordLevel(vocab, unk_token="[UNK]"))
    tokenizer.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    tokenizer.post_processor = processors.TemplateProcessing(single="[BOS] $A [EOS]",
                                                             special_tokens=[("[BOS]", 1), ("[EOS]", 2)])
    folder.mkdir()
    tokenizer.save(str(folder / "tokenizer.json"))
    (folder / "tokenizer_config.json").write_text(json.dumps({"pad_token": pad} if pad else {}))
    return folder


def test_the_rust_tokenizer_pads_right_and_cuts_with_its_end_token(tmp_path: Path) -> None:
    tokenize = embed.rust_tokenize(str(_word_tokenizer_folder(tmp_path / "tok", "[PAD]")), max_length=4)
    assert tokenize is not None
    got = tokenize(["扩权 强县", "县", "扩权 强县 县 镇 镇"])
    assert got["input_ids"].tolist() == [[1, 6, 7, 2], [1, 4, 2, 0], [1, 6, 7, 2]]  # cut: [EOS] kept
    assert got["attention_mask"].tolist() == [[1, 1, 1, 1], [1, 1, 1, 0], [1, 1, 1, 1]]
    assert got["input_ids"].dtype == np.int64
    assert embed.rust_tokenize(str(_word_tokenizer_folder(tmp_path / "nopad", None)), 4) is None
    assert embed.rust_tokenize(str(tmp_path / "missing"), 4) is None


def test_the_rust_tokenizer_is_used_only_when_the_export_checked_it(tmp_path: Path) -> None:
    model = _model(tmp_path)
    graph = _export(model, fast_tokenizer=True) / onnx_export.GRAPH
    assert onnx_export.tokenizer_checked(graph)
    (graph.parent / onnx_export.MANIFEST).write_text(json.dumps({"format": onnx_export.FORMAT, "weights_size": 100}))
    assert not onnx_export.tokenizer_checked(graph)
