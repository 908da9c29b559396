"""Export the sentence-transformers embedding model to ONNX once, check it, and cache it by the model.

ONNX Runtime runs EmbeddingGemma about twice as fast as PyTorch on a short query (≈45 against
≈90–110 ms on 2 cores) and gives the same vectors (cosine ≥ 0.9999 is checked here, on queries,
padded batches and a text cut at the token limit), so an index built with either backend stays
valid. The export runs at set-up (`briefgen models pull onnx`, ~2 minutes, once) and needs the
`onnx` and `onnxscript` packages; queries need only `onnxruntime`.

Usage: ``python -m briefgen.onnx_export MODEL_DIR``.
"""

from __future__ import annotations

import json
import logging
import math
import shutil
import sys
import tempfile
import warnings
from pathlib import Path
from typing import Any

import numpy as np

FORMAT = 2  # 2: the manifest says whether `tokenizers` alone may tokenize
MIN_COSINE = 0.9999
GRAPH = "model.onnx"
MANIFEST = "manifest.json"
_PROBES = (
    ("query", ["武胜县扩权后审批时间缩短了多少？"]),
    ("document", ["扩权强镇", "临溪镇和蒲场镇的试点做法有什么不同？", "凤阳县扩权强镇试点工作方案。" * 8]),
    ("document", ["省直管县改革是减少行政层级、扩大县级经济社会管理权限的一项制度安排。" * 30]),
)


class ExportError(RuntimeError):
    """The export failed or its vectors differ from PyTorch's."""


def onnx_dir(model_path: Path) -> Path:
    """Where a model's export lives: a sibling folder (the model's own folder stays as pulled); its manifest
    ties it to the weights it was made from."""
    return model_path.with_name(model_path.name + "-onnx")


def _weights(model_path: Path) -> Path:
    return model_path / "model.safetensors"


def current_export(model_path: Path) -> Path | None:
    """The ONNX graph exported from this model's weights, or None (never exported, or stale)."""
    folder = onnx_dir(model_path)
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        size = _weights(model_path).stat().st_size
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict):
        return None
    fresh = manifest.get("format") == FORMAT and manifest.get("weights_size") == size
    return folder / GRAPH if fresh and (folder / GRAPH).exists() else None


def tokenizer_checked(graph: Path) -> bool:
    """Whether the export found that `tokenizers` alone gives the transformers tokenizer's ids."""
    try:
        return json.loads((graph.parent / MANIFEST).read_text(encoding="utf-8")).get("fast_tokenizer") is True
    except (OSError, ValueError, AttributeError):
        return False


def _fast_tokenizer_agrees(model: Any, model_path: Path) -> bool:
    """`embed.rust_tokenize` against the transformers tokenizer on the probes (prompts included)."""
    from briefgen.embed import hf_tokenize, rust_tokenize

    fast = rust_tokenize(str(model_path), model.max_seq_length)
    if fast is None:
        return False
    reference = hf_tokenize(model.tokenizer, model.max_seq_length)
    for prompt, texts in _PROBES:
        batch = [model.prompts.get(prompt, "") + t for t in texts]
        got, want = fast(batch), reference(batch)
        for name in ("input_ids", "attention_mask"):
            if np.shape(got[name]) != np.shape(want[name]) or not np.array_equal(got[name], want[name]):
                return False
    return True


def _wrapped(model: Any) -> Any:
    import torch

    class Encoder(torch.nn.Module):
        """The whole sentence-transformers pipeline (transformer, pooling, dense, normalise) as one graph."""

        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            features = {"input_ids": input_ids, "attention_mask": attention_mask}
            return self.model(features)["sentence_embedding"]  # type: ignore[no-any-return]

    return Encoder().eval()


def _export_graph(model: Any, out: Path) -> None:
    import torch

    logging.getLogger("torch.onnx").setLevel(logging.ERROR)  # its notes on torchvision ops it skips

    sample = model.preprocess(["武胜县扩权后审批时间缩短了多少？", "短"])
    batch, seq = torch.export.Dim("batch"), torch.export.Dim("seq")
    shapes = {"input_ids": {0: batch, 1: seq}, "attention_mask": {0: batch, 1: seq}}
    with torch.inference_mode(False), torch.no_grad():
        torch.onnx.export(_wrapped(model), (sample["input_ids"], sample["attention_mask"]), str(out / GRAPH),
                          dynamo=True, input_names=["input_ids", "attention_mask"], output_names=["unit_vector"],
                          dynamic_shapes=shapes, optimize=True, external_data=True, verbose=False)


def _worst_cosine(model: Any, graph: Path) -> float:
    """The lowest cosine between the ONNX and the PyTorch vectors over the probes."""
    from briefgen.embed import OnnxEncoder, hf_tokenize

    encoder = OnnxEncoder(graph, hf_tokenize(model.tokenizer, model.max_seq_length))
    worst = 1.0
    for prompt, texts in _PROBES:
        prefix = model.prompts.get(prompt, "")
        got = encoder.encode([prefix + t for t in texts], batch_size=len(texts))
        want = model.encode(texts, prompt_name=prompt, normalize_embeddings=True, convert_to_numpy=True)
        worst = min(worst, float(np.min(np.sum(got * want, axis=1))))
    return worst


def export(model_path: Path, max_seq_length: int = 512) -> Path:
    """Export, check against PyTorch, and move into place atomically; returns the graph path."""
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(model_path), device="cpu", local_files_only=True)
    model.max_seq_length = max_seq_length
    final = onnx_dir(model_path)
    with tempfile.TemporaryDirectory(dir=final.parent, prefix=".onnx-") as tmp:
        staged = Path(tmp) / "export"
        staged.mkdir()
        _export_graph(model, staged)
        try:
            worst = _worst_cosine(model, staged / GRAPH)
        except Exception as exc:  # ONNX Runtime's errors subclass Exception only
            raise ExportError(f"{model_path.name}: the exported graph does not load or run: {exc}") from exc
        if worst < MIN_COSINE:
            raise ExportError(f"{model_path.name}: ONNX vectors differ from PyTorch's (cosine {worst:.6f} "
                              f"< {MIN_COSINE}); keeping the PyTorch backend")
        import torch

        manifest = {"format": FORMAT, "source": model_path.name, "weights_size": _weights(model_path).stat().st_size,
                    "torch": torch.__version__, "fast_tokenizer": _fast_tokenizer_agrees(model, model_path), "worst_cosine": math.floor(min(worst, 1.0) * 1e7) / 1e7}
        (staged / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        if final.exists():
            shutil.rmtree(final)
        staged.rename(final)
    return final / GRAPH


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    if len(args) != 1:
        print("usage: python -m briefgen.onnx_export MODEL_DIR", file=sys.stderr)
        return 2
    model_path = Path(args[0])
    if current_export(model_path):
        return 0
    print(f"[briefgen] exporting {model_path.name} to ONNX (about 2 minutes, once) ...", flush=True)
    warnings.filterwarnings("ignore", category=UserWarning)  # the exporter's notes on axis names
    warnings.filterwarnings("ignore", category=FutureWarning)  # and on torch internals
    try:
        graph = export(model_path)
    except (ExportError, ImportError, OSError, RuntimeError) as exc:
        print(f"[briefgen] error: ONNX export of {model_path.name} failed: {exc}", file=sys.stderr)
        return 1
    worst = json.loads((graph.parent / MANIFEST).read_text(encoding="utf-8"))["worst_cosine"]
    print(f"[briefgen] {graph} ready (lowest cosine to PyTorch's vectors: {worst:.7f})", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
