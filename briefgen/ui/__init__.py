"""The Gradio app: 问答 / 简报 / 文档库 / 评测 over one index (`briefgen serve`).

Safety: binds 127.0.0.1 unless a login is configured; uploads are type/size-checked and stored under
sanitised names; document text and LLM output are escaped before any HTML or Markdown renderer.
Concurrency: per-session data lives in gr.State; the shared Index is read by ask/brief/eval under a
shared lock and written by ingest/delete under an exclusive one.
"""

from briefgen.ui.app import RWLock, build_app, check_bind, serve
from briefgen.ui.views import escape_markdown, passage_html, safe_filename

__all__ = ["RWLock", "build_app", "check_bind", "escape_markdown", "passage_html", "safe_filename", "serve"]
