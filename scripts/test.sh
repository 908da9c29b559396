#!/usr/bin/env bash
# Set up and run the whole test suite: lint, types, the eval quality gate, unit and integration tests
# (real embedding model, real Chroma, real local LLM, headless Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check briefgen tests eval
.venv/bin/python -m mypy briefgen eval
bash scripts/install_browser.sh || echo "warning: chromium not installed; tests/test_ui_browser.py will skip" >&2
# The quality gate: every metric of the eval suite against eval/thresholds.toml (extractive drafter,
# real embedding model, a fresh index of the sample corpus); exits 1 below any threshold.
CORPUS=${BRIEFGEN_CORPUS:-../shared/corpus}
GATE_DIR=$(mktemp -d)
BRIEFGEN_PATHS__DATA_DIR="$GATE_DIR/vectorstore" BRIEFGEN_PATHS__LLM_CACHE_DIR="$GATE_DIR/llm" \
  .venv/bin/briefgen eval --corpus "$CORPUS" --gold eval/gold --out eval/reports/latest > "$GATE_DIR/eval.md" \
  || { cat "$GATE_DIR/eval.md"; echo "eval gate failed: see eval/reports/latest/report.md" >&2; exit 1; }
head -25 "$GATE_DIR/eval.md"
# The held-out questions (every eval/heldout* folder, each written blind to the retrieval code) on
# the same index, scored in one process (the model loads once), each set judged against the
# thresholds.toml next to its questions.
HELDOUTS=$(cd eval && ls -d heldout* | sort -V | sed 's#.*#eval/&/gold#')
# shellcheck disable=SC2086  # one argument per set
BRIEFGEN_PATHS__DATA_DIR="$GATE_DIR/vectorstore" BRIEFGEN_PATHS__LLM_CACHE_DIR="$GATE_DIR/llm" \
  .venv/bin/python -m briefgen.evaluate --gold $HELDOUTS --groups retrieval,answers --out eval/reports \
  > "$GATE_DIR/heldout.md" 2> "$GATE_DIR/heldout.err" \
  || { grep -E " FAIL: | fail$" "$GATE_DIR/heldout.md"; tail -5 "$GATE_DIR/heldout.err";
       echo "held-out gate failed: see eval/reports/<set>/report.md" >&2; exit 1; }
grep -E "^heldout[0-9]+ (retrieval|answers)\." "$GATE_DIR/heldout.md"
# The benchmark at 1× (10× and 100× on demand: --scales 1,10,100): briefgen against the naive LangChain
# baseline on the same model, ingest overhead, latency, RSS, and brief times (extractive, batch, one cold
# local-LLM brief and answer). It prints numbers; the targets are judged in the README, not here.
.venv/bin/python -m eval.bench --scales 1 --out eval/reports/bench > "$GATE_DIR/bench.log" 2>&1 \
  || { tail -30 "$GATE_DIR/bench.log"; echo "benchmark failed" >&2; exit 1; }
cat eval/reports/bench/bench.md
# Tests last, so that pytest's summary line closes the output.
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
