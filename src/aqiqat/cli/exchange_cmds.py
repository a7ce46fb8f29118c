"""Commands: imports of ACLED and Uwazi files (preview first) and reports (PDF, DOCX). The field's export
formats are options of `aqiqat export` (register_cmds.py), which calls exchange_export here."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from aqiqat.api import users as users_api
from aqiqat.api.access import Principal
from aqiqat.api.exchange_export import FORMATS as EXCHANGE_FORMATS
from aqiqat.api.exchange_export import export_format
from aqiqat.api.exchange_import import ImportPreview, import_acled
from aqiqat.api.exchange_rows import EventFilter
from aqiqat.api.exchange_uwazi import import_uwazi
from aqiqat.api.register import Register
from aqiqat.api.reports import ReportRequest, make_report
from aqiqat.cli.context import opened, principal_of
from aqiqat.cli.output import err, out, print_json

AsUser = Annotated[str | None, typer.Option("--as", help="Write what this workbench user may see (their clearance).")]
Out = Annotated[Path, typer.Option("--out", "-o", help="The file to write, or a folder for it.")]
Fmt = Annotated[str, typer.Option("--format", "-f", help="pdf or docx.")]
Lang = Annotated[str, typer.Option("--language", "-l", help="ru or en.")]
Sign = Annotated[bool, typer.Option("--sign", help="Write FILE.sig beside it, signed with the register's key.")]


def register(app: typer.Typer) -> None:
    imports = typer.Typer(help="Import ACLED or Uwazi files: a preview first, then --confirm.", no_args_is_help=True)
    imports.command("acled")(import_acled_cmd)
    imports.command("uwazi")(import_uwazi_cmd)
    app.add_typer(imports, name="import")
    report = typer.Typer(help="Reports as PDF or DOCX, in Russian or English, redacted for the reader.",
                         no_args_is_help=True)
    report.command("event")(report_event)
    report.command("person")(report_person)
    report.command("list")(report_list)
    report.command("period")(report_period)
    app.add_typer(report, name="report")


def _who(ctx: typer.Context, reg: Register, as_user: str | None) -> Principal:
    return users_api.principal_for(reg, as_user) if as_user else principal_of(ctx)


def exchange_export(ctx: typer.Context, fmt: str, out_path: Path, as_user: str | None,
                    date_from: date | None = None, date_to: date | None = None) -> None:
    """`aqiqat export -f acled|geojson|uwazi|hxl|popolo|xlsx`: one file, streamed, audited with its SHA-256."""
    with opened(ctx) as reg:
        done = export_format(reg, _who(ctx, reg, as_user), fmt, out_path, EventFilter(date_from, date_to))
    out.print(f"wrote {done.path} ({done.rows} rows, sha256 {done.sha256})")


def _show(preview: ImportPreview, as_json: bool) -> None:
    summary = preview.summary()
    if as_json:
        print_json(summary)
    else:
        out.print(f"{preview.file}: {summary['rows']} good rows ({summary['new']} new, {summary['update']} known), "
                  f"{len(preview.errors)} bad")
        out.print(f"columns used: {', '.join(preview.mapped) or '-'}")
        if preview.ignored:
            out.print(f"columns ignored: {', '.join(preview.ignored)}")
        for line in preview.errors:
            err.print(line, markup=False)
        if preview.written:
            out.print(f"imported: {preview.created} created, {preview.updated} updated, {preview.unchanged} unchanged")
        else:
            out.print("nothing written: run again with --confirm to import")
    if preview.errors:
        raise typer.Exit(1)


Confirm = Annotated[bool, typer.Option("--confirm", help="Write the records (after a preview without it).")]
Level = Annotated[str, typer.Option("--level", help="The file's confidentiality: public, internal, restricted.")]
Json = Annotated[bool, typer.Option("--json", help="The preview or result as JSON.")]


def import_acled_cmd(ctx: typer.Context, path: Path, confirm: Confirm = False, level: Level = "internal",
                     as_json: Json = False) -> None:
    """Import an ACLED CSV: events with their places, actors and sources; keyed by event_id_cnty."""
    with opened(ctx) as reg:
        preview = import_acled(reg, principal_of(ctx), path, confirm, level)
    _show(preview, as_json)


def import_uwazi_cmd(ctx: typer.Context, path: Path, confirm: Confirm = False, level: Level = "internal",
                     as_json: Json = False) -> None:
    """Import Uwazi CSV: a zip of events.csv, people.csv, sources.csv and files/, or one CSV."""
    with opened(ctx) as reg:
        preview = import_uwazi(reg, principal_of(ctx), path, confirm, level)
    _show(preview, as_json)


def _report(ctx: typer.Context, req: ReportRequest, out_path: Path, as_user: str | None) -> None:
    with opened(ctx) as reg:
        done = make_report(reg, _who(ctx, reg, as_user), req, out_path)
    out.print(f"wrote {done.path} (sha256 {done.sha256})")


def report_event(ctx: typer.Context, event_id: str, fmt: Fmt = "pdf", language: Lang = "ru", out_path: Out = Path("."),
                 as_user: AsUser = None, sign: Sign = False) -> None:
    """Incident report: what happened, map, timeline, victims and perpetrators, figures, quotes, evidence."""
    _report(ctx, ReportRequest("event", event_id, fmt, language, sign=sign), out_path, as_user)


def report_person(ctx: typer.Context, person_id: str, fmt: Fmt = "pdf", language: Lang = "ru",
                  out_path: Out = Path("."), as_user: AsUser = None, sign: Sign = False) -> None:
    """One person: details, the events they are part of with sources, the evidence."""
    _report(ctx, ReportRequest("person", person_id, fmt, language, sign=sign), out_path, as_user)


def report_list(ctx: typer.Context, list_id: Annotated[str, typer.Argument(help="A victims list's id, or 'all'.")],
                fmt: Fmt = "pdf", language: Lang = "ru", out_path: Out = Path("."), as_user: AsUser = None,
                group: Annotated[str, typer.Option(help="Group by place or date.")] = "place",
                sign: Sign = False) -> None:
    """Memorial list: name, age, place and date of death, circumstances, civilian or security forces, sources."""
    _report(ctx, ReportRequest("list", list_id, fmt, language, group=group, sign=sign), out_path, as_user)


def report_period(ctx: typer.Context, date_from: Annotated[str, typer.Argument(metavar="FROM")],
                  date_to: Annotated[str, typer.Argument(metavar="TO")], fmt: Fmt = "pdf", language: Lang = "ru",
                  out_path: Out = Path("."), as_user: AsUser = None,
                  place: Annotated[str | None, typer.Option(help="Only events at this place or within it.")] = None,
                  sign: Sign = False) -> None:
    """Figures report for a period: counts by type, place and grade; claimed and adopted; the MSE estimate."""
    try:
        start, end = date.fromisoformat(date_from), date.fromisoformat(date_to)
    except ValueError:
        err.print("error: FROM and TO are dates, YYYY-MM-DD")
        raise typer.Exit(2) from None
    _report(ctx, ReportRequest("period", "", fmt, language, start, end, place, sign=sign), out_path, as_user)


__all__ = ["EXCHANGE_FORMATS", "exchange_export", "register"]
