"""briefgen: cited 成效/问题/建议 briefs from Chinese government documents, offline.

    from briefgen import Index, Settings, ingest_paths, ask, make_brief

Public names are imported lazily so that `briefgen --help` and light imports stay fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "Settings": "briefgen.config", "get_settings": "briefgen.config",
    "Index": "briefgen.index", "ingest_paths": "briefgen.ingest", "Retriever": "briefgen.retrieve",
    "extract_figures": "briefgen.figures", "find_conflicts": "briefgen.figures",
    "ask": "briefgen.ask", "make_brief": "briefgen.brief", "list_subjects": "briefgen.brief",
    "run_batch": "briefgen.batch", "verify_claims": "briefgen.verify",
    "to_markdown": "briefgen.render", "to_docx": "briefgen.render", "to_json": "briefgen.render",
    "Answer": "briefgen.models", "Brief": "briefgen.models", "Chunk": "briefgen.models", "Citation": "briefgen.models",
    "Claim": "briefgen.models", "Document": "briefgen.models", "Figure": "briefgen.models",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'briefgen' has no attribute {name!r}")
