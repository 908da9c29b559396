"""Batch briefs: one per subject, resumable, with an index page of key figures (every cell cited)."""

from __future__ import annotations

import logging
from pathlib import Path

from pydantic import BaseModel, Field
from tqdm import tqdm

from briefgen.brief import list_subjects, make_brief
from briefgen.config import Settings
from briefgen.index import Index
from briefgen.models import Brief
from briefgen.render import to_docx, to_json, to_markdown

log = logging.getLogger(__name__)


class BatchResult(BaseModel):
    done: list[str] = Field(default_factory=list)
    skipped: list[str] = Field(default_factory=list)
    index_path: Path


def run_batch(index: Index, settings: Settings, out: Path, llm: str | None = None, force: bool = False) -> BatchResult:
    """Briefs for every subject; a subject whose JSON exists is skipped unless `force`.
    Sequential on purpose: the embedding model and the local LLM each use both cores already."""
    out.mkdir(parents=True, exist_ok=True)
    result = BatchResult(index_path=out / "index.md")
    briefs: list[Brief] = []
    for subject in tqdm(list_subjects(index), desc="briefs", unit="subject"):
        path = out / f"{subject.name}.json"
        if path.exists() and not force:
            briefs.append(Brief.model_validate_json(path.read_text(encoding="utf-8")))
            result.skipped.append(subject.name)
            continue
        made = make_brief(subject.name, index, settings, llm=llm)
        (out / f"{subject.name}.md").write_text(to_markdown(made, index.store.document), encoding="utf-8")
        to_docx(made, index.store.document, out / f"{subject.name}.docx")
        path.write_text(to_json(made), encoding="utf-8")  # written last: it marks the subject done
        briefs.append(made)
        result.done.append(subject.name)
    result.index_path.write_text(index_page(briefs), encoding="utf-8")
    return result


def index_page(briefs: list[Brief]) -> str:
    """A table per subject of its cited key figures, then each brief's warnings."""
    lines = ["# 简报索引", "", "| 对象 | 指标 | 数值 | 出处 |", "|---|---|---|---|"]
    for made in briefs:
        for claim in made.achievements:
            for figure in claim.figures[:3]:
                cite = claim.citations[0]
                lines.append(f"| [{made.subject}]({made.subject}.md) | {figure.metric or '-'} | {figure.value} | "
                             f"「{cite.quote[:30]}…」({cite.doc_id}) |")
    for made in briefs:
        lines += ["", f"## {made.subject}：核查提示", ""] + ([f"- {w}" for w in made.warnings] or ["- 无"])
    return "\n".join(lines) + "\n"
