"""Distil the fast embedding profile: a model2vec static model from the cached EmbeddingGemma.

model2vec's distiller needs transformers<5.4 and briefgen pins a newer one, so this file imports
nothing from briefgen and runs in a side venv that `python -m briefgen.fetch fast` creates.
Usage: ``python distill.py SOURCE_MODEL_DIR TARGET_DIR [DIMS]``.
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path


def distill_static(source: str, target: str, dims: int = 256) -> float:
    """Write the static model to TARGET (atomically: a .partial folder renamed); seconds taken."""
    from model2vec.distill import distill

    started = time.perf_counter()
    model = distill(model_name=source, pca_dims=dims, device="cpu")
    partial = Path(target + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    model.save_pretrained(str(partial))
    partial.rename(target)
    return time.perf_counter() - started


if __name__ == "__main__":
    args = sys.argv[1:]
    seconds = distill_static(args[0], args[1], int(args[2]) if len(args) > 2 else 256)
    print(f"[briefgen] distilled {args[0]} -> {args[1]} in {seconds:.0f} s", flush=True)
