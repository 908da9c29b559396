#!/usr/bin/env bash
# The main job end to end on the embedded defaults: set up, ingest the corpus, list documents.
# Corpus: $BRIEFGEN_CORPUS (default ../shared/corpus).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
CORPUS=${BRIEFGEN_CORPUS:-../shared/corpus}
B=.venv/bin/briefgen
$B ingest "$CORPUS"
$B docs
$B subjects
$B batch --out out/briefs
echo "briefs: out/briefs (index.md)"
