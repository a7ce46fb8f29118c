"""Commands: extract (machine suggestions) and suggestions (what was suggested, with its passages)."""

from __future__ import annotations

import os
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from aqiqat.api.register import Register
from aqiqat.cli.context import opened, principal_of
from aqiqat.cli.output import err, out, print_json, print_table


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)
    app.command("suggestions")(suggestions)


def default_workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def run_extraction(
    reg: Register, ctx: typer.Context, refs: list[str] | None, workers: int, force: bool, quiet: bool = False
) -> int:
    """Extract with a progress bar; returns the number of documents that failed (summary on stderr if quiet)."""
    from aqiqat.api import extract as extract_api  # the language models: loaded only when used

    say = err if quiet else out
    jobs = len(refs) if refs else len(extract_api.pending_documents(reg, None, force))
    if jobs == 0:
        say.print("extraction: nothing to do (every document is already processed by this extractor version)")
        return 0
    with Progress(
        TextColumn("extract"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=err, transient=True
    ) as bar:
        task = bar.add_task("extract", total=jobs)
        report = extract_api.extract_documents(
            reg,
            principal_of(ctx),
            refs or None,
            workers=min(workers, jobs),
            force=force,
            progress=lambda _doc, _result: bar.advance(task),
        )
    for doc_id, message in sorted(report.failed.items()):
        err.print(f"[red]failed:[/] document {doc_id}: {message}", soft_wrap=True)
    say.print(
        f"extraction: {len(report.done)} documents, {report.suggestions} suggestions, {len(report.failed)} failed"
    )
    return len(report.failed)


def extract(
    ctx: typer.Context,
    documents: Annotated[
        list[str] | None, typer.Argument(help="Document ids or SHA-256 prefixes (default: all new).")
    ] = None,
    workers: Annotated[int, typer.Option("--workers", "-j", help="Worker processes.")] = default_workers(),
    force: Annotated[bool, typer.Option(help="Process documents again even if this version already did.")] = False,
) -> None:
    """Suggest people, places, dates, figures, quotes, events and claims for documents (never the register)."""
    with opened(ctx) as reg:
        failed = run_extraction(reg, ctx, documents, workers, force)
    if failed:
        raise typer.Exit(1)


def suggestions(
    ctx: typer.Context,
    document: Annotated[str, typer.Argument(help="Document id or SHA-256 prefix.")],
    status: Annotated[str | None, typer.Option(help="pending, accepted, edited or rejected.")] = None,
    kind: Annotated[
        str | None, typer.Option(help="person, place, organization, date, figure, quote, event, claim.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array.")] = False,
) -> None:
    """Show a document's suggestions with the passages they rest on."""
    from aqiqat.api import review as review_api

    with opened(ctx) as reg:
        rows = review_api.list_suggestions(reg, principal_of(ctx), document, status, kind)
    if as_json:
        print_json(
            [
                {
                    "id": r["id"],
                    "kind": r["kind"],
                    "payload": r["payload"],
                    "spans": r["spans"],
                    "confidence": r["confidence"],
                    "extractor": r["extractor"],
                    "version": r["extractor_version"],
                    "status": r["status"],
                }
                for r in rows
            ]
        )
        return
    shown = [
        {
            "id": r["id"],
            "kind": r["kind"],
            "status": r["status"],
            "conf": f"{r['confidence']:.2f}",
            "at": f"{r['spans'][0]['start']}" if r["spans"] else "",
            "text": _summary(r),
        }
        for r in rows
    ]
    print_table(shown, ["id", "kind", "status", "conf", "at", "text"], title=f"Suggestions for document {document}")


def _summary(r: dict[str, object]) -> str:
    payload = r["payload"]
    assert isinstance(payload, dict)
    for key in ("name", "iso", "type", "text"):
        if payload.get(key):
            value = str(payload[key])
            if key == "type":
                when = (payload.get("date") or {}).get("iso", "")
                value = f"{value} {when} {payload.get('place') or ''}".strip()
            return value[:160]
    spans = r["spans"]
    assert isinstance(spans, list)
    return str(spans[0]["text"])[:160] if spans else ""
