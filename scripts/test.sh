#!/usr/bin/env bash
# Set up and run the whole test suite: lint, types, unit tests, integration tests (real models).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check briefgen tests eval
.venv/bin/python -m mypy briefgen
bash scripts/install_browser.sh || echo "warning: chromium not installed; tests/test_ui_browser.py will skip" >&2
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
