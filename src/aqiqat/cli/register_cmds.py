"""Commands: init, ingest, export, audit."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from aqiqat.api import audit as audit_api
from aqiqat.api import export as export_api
from aqiqat.api import ingest as ingest_api
from aqiqat.api import users as users_api
from aqiqat.api.register import Register
from aqiqat.cli import exchange_cmds
from aqiqat.cli.context import opened, principal_of, settings_of
from aqiqat.cli.ocr_cmds import OCR_LANG_HELP, run_ocr
from aqiqat.cli.output import err, fail, out, print_json, print_table, stream_json, user_errors
from aqiqat.cli.perceptual_cmds import run_hashing
from aqiqat.cli.telegram_import import import_exports, report_json, split_exports
from aqiqat.domain.enums import Confidentiality, DocumentKind, SourceKind

EXTRACT_CHUNK = 20_000


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    app.command("ingest")(ingest)
    app.command("export")(export)
    audit = typer.Typer(help="The audit log: who changed what, when, before and after.", no_args_is_help=False)
    audit.callback(invoke_without_command=True)(audit_list)
    audit.command("verify")(audit_verify)
    app.add_typer(audit, name="audit")


def init(ctx: typer.Context) -> None:
    """Create (or bring up to date) the register in the data directory."""
    settings = settings_of(ctx)
    with user_errors():
        reg = Register.initialise(settings)
        reg.close()
    out.print(f"register ready: {settings.data_dir}")
    out.print(f"database: {reg.safe_url}")


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"--published: {value!r} is not a date (YYYY-MM-DD)", 2)


def ingest(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(
        help="Files and folders (read recursively); a Telegram Desktop export (folder with result.json, or its "
        "zip) is imported message by message."
    )],
    source: Annotated[str | None, typer.Option(help="Who provided these documents (created if new).")] = None,
    source_kind: Annotated[SourceKind, typer.Option(help="Kind of the source.")] = SourceKind.OTHER,
    url: Annotated[str | None, typer.Option(help="Where the document was published.")] = None,
    published: Annotated[str | None, typer.Option(help="Publication date, YYYY-MM-DD.")] = None,
    language: Annotated[str | None, typer.Option(help="Language code; detected when not given.")] = None,
    kind: Annotated[DocumentKind | None, typer.Option(help="Document kind; guessed when not given.")] = None,
    confidentiality: Annotated[Confidentiality, typer.Option(help="Who may read it.")] = Confidentiality.INTERNAL,
    consent: Annotated[str, typer.Option(help="Consent note (testimonies).")] = "",
    as_json: Annotated[bool, typer.Option("--json", help="Print the outcome of each file as JSON.")] = False,
    no_extract: Annotated[bool, typer.Option("--no-extract", help="Do not run extraction on new documents.")] = False,
    workers: Annotated[int, typer.Option("--workers", "-j", help="Extraction worker processes.")] = 2,
    ocr: Annotated[bool, typer.Option("--ocr", help="Read new scanned PDFs and images with Tesseract.")] = False,
    ocr_lang: Annotated[str | None, typer.Option("--ocr-lang", help=OCR_LANG_HELP)] = None,
) -> None:
    """Store files under their SHA-256 and register them as documents (same bytes twice: nothing changes)."""
    options = ingest_api.IngestOptions(
        source=source,
        source_kind=source_kind,
        url=url,
        published_at=_parse_date(published),
        language=language,
        kind=kind,
        confidentiality=confidentiality,
        consent_note=consent,
    )
    principal = principal_of(ctx)
    exports, paths = split_exports(paths)
    with opened(ctx) as reg:
        telegram = import_exports(reg, principal, exports, confidentiality, language, as_json)
        items = ingest_api.expand(paths)
        with Progress(
            TextColumn("ingest"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=err,
            transient=True,
            disable=as_json or len(items) < 20,
        ) as bar:
            task = bar.add_task("ingest", total=len(items))

            def advance(outcome: ingest_api.IngestOutcome) -> None:
                if outcome.status == "failed" and not as_json:
                    bar.console.print(f"[red]failed:[/] {escape(outcome.message)}", soft_wrap=True)
                bar.advance(task)

            report = ingest_api.ingest_items(reg, principal, items, options, advance)
        extract_failed = 0
        added = report.added_ids + [i for t in telegram for i in t.with_text]
        if ocr and report.added_ids:
            _, extract_failed = run_ocr(reg, principal, [str(i) for i in report.added_ids], ocr_lang, as_json)
        run_hashing(reg, principal, as_json)  # new images and videos, to find them again
        if not no_extract and added:
            from aqiqat.cli.extract_cmds import run_extraction

            for at in range(0, len(added), EXTRACT_CHUNK):  # the texts of one chunk at a time in memory
                refs = [str(i) for i in added[at:at + EXTRACT_CHUNK]]
                extract_failed += run_extraction(reg, ctx, refs, workers, False, as_json)
    if as_json:
        print_json([*(report_json(t) for t in telegram),
                     *({**_outcome(o), "path": o.path, "sha256": o.sha256} for o in report.outcomes)])
    elif paths:
        rows = [_outcome(o) for o in report.outcomes if o.status != "failed"]
        if rows:
            print_table(rows, ["status", "id", "kind", "lang", "sha256", "path"], title="Ingested")
        out.print(
            f"{report.count('added')} added, {report.count('duplicate')} already present (unchanged), "
            f"{report.failed} failed"
        )
    if report.failed or extract_failed or any(t.failed for t in telegram):
        raise typer.Exit(1)


def _outcome(o: ingest_api.IngestOutcome) -> dict[str, object]:
    return {
        "path": Path(o.path).name if o.path else "",
        "status": o.status,
        "message": o.message,
        "id": o.document_id,
        "sha256": o.sha256[:12] if o.sha256 else None,
        "kind": o.kind,
        "lang": o.language,
    }


def export(
    ctx: typer.Context,
    out_path: Annotated[Path, typer.Argument(metavar="OUT", help="A .json file, or a folder for CSV files.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="json or csv (the whole register); acled, geojson, "
                                     "uwazi, hxl, popolo or xlsx (the field's formats).")] = "json",
    as_user: Annotated[
        str | None,
        typer.Option("--as", help="Export what this workbench user may see (a partner's copy): their role's "
                     "clearance, with restricted records left out and restricted people as pseudonyms."),
    ] = None,
) -> None:
    """Export the register (documents, events, people, involvements, claims, places, actors)."""
    if fmt in exchange_cmds.EXCHANGE_FORMATS:
        exchange_cmds.exchange_export(ctx, fmt, out_path, as_user)
        return
    with opened(ctx) as reg, user_errors():
        principal = principal_of(ctx)
        if as_user is not None:
            principal = users_api.principal_for(reg, as_user)
        files = export_api.export_register(reg, principal, fmt, out_path)
    for f in files:
        out.print(f"wrote {f}")


def audit_list(
    ctx: typer.Context,
    limit: Annotated[
        int | None, typer.Option(min=1, help="How many of the latest entries (50 in a table; --json: all).")
    ] = None,
    entity: Annotated[str | None, typer.Option(help="Only this kind of record (document, event, ...).")] = None,
    entity_id: Annotated[str | None, typer.Option("--id", help="Only this record.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Every entry (or the latest --limit) as JSON.")] = False,
) -> None:
    """List the latest audit entries."""
    if ctx.invoked_subcommand:
        return
    with opened(ctx) as reg:
        if as_json and limit is None:
            last = [0]

            def page(_at: int, size: int) -> list[dict[str, Any]]:
                rows = audit_api.list_audit(reg, principal_of(ctx), size, entity, entity_id, after_seq=last[0])
                last[0] = rows[-1]["seq"] if rows else last[0]
                return rows

            stream_json(page)
            return
        rows = audit_api.list_audit(reg, principal_of(ctx), limit or 50, entity, entity_id)
    if as_json:
        print_json(rows)
        return
    print_table(
        [{**r, "hash": r["hash"][:12]} for r in rows],
        ["seq", "at", "user", "action", "entity", "entity_id", "hash"],
        title="Audit log",
    )


def audit_verify(ctx: typer.Context) -> None:
    """Check the audit log's hash chain; name every edited, deleted, inserted or reordered entry."""
    with opened(ctx) as reg:
        count, problems = audit_api.verify_audit(reg)
    if not problems:
        out.print(f"audit log intact: {count} entries, hash chain verified")
        return
    for p in problems:
        err.print(f"[red]entry {p.seq}: {p.kind}[/] — {p.message}")
    raise typer.Exit(1)
