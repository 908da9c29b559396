#!/usr/bin/env bash
# The main job end to end on the embedded defaults: set up, ingest the corpus, list documents.
# Corpus: $BRIEFGEN_CORPUS (default ../shared/corpus).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
CORPUS=${BRIEFGEN_CORPUS:-../shared/corpus}
B=.venv/bin/briefgen
$B reindex --stale-only    # a data folder indexed by an older version or other settings is rebuilt first
$B ingest "$CORPUS"
$B docs
$B subjects
$B batch --out out/briefs
echo "briefs: out/briefs (index.md)"
