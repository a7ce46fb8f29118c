"""Commands that read the register: documents, events, people, claims (list and show)."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

import typer

from aqiqat.api import documents as documents_api
from aqiqat.api import records as records_api
from aqiqat.cli import register_lists
from aqiqat.cli.context import opened, principal_of
from aqiqat.cli.output import (
    TABLE_ROWS,
    JsonOption,
    LimitOption,
    OffsetOption,
    out,
    print_json,
    print_record,
    print_table,
    stream_json,
)

COLUMNS = {
    "event": ["id", "type", "start_date", "title", "killed_min", "killed_max", "grade", "confidentiality"],
    "person": ["id", "display_name", "sex", "age", "affiliation", "confidentiality"],
    "claim": ["id", "kind", "subject", "value", "qualifier", "claimant_label", "text"],
}
TITLES = {"event": "Events", "person": "People", "claim": "Claims"}


def register(app: typer.Typer) -> None:
    docs = typer.Typer(help="Documents in the register: list (default) and show.")
    docs.callback(invoke_without_command=True)(documents_list)
    docs.command("show")(documents_show)
    app.add_typer(docs, name="documents")
    listers = {"event": register_lists.events_list, "person": register_lists.people_list}
    for entity, name in (("event", "events"), ("person", "people"), ("claim", "claims")):
        group = typer.Typer(help=f"{TITLES[entity]} in the register: list (default) and show.")
        lister: Any = listers.get(entity) or _lister(entity)
        group.callback(invoke_without_command=True)(lister)
        group.command("show")(_shower(entity))
        app.add_typer(group, name=name)


def documents_list(
    ctx: typer.Context,
    source: Annotated[str | None, typer.Option(help="Only from this source.")] = None,
    kind: Annotated[str | None, typer.Option(help="Only this kind (article, testimony, ...).")] = None,
    language: Annotated[str | None, typer.Option(help="Only this language code.")] = None,
    status: Annotated[str | None, typer.Option(
        help="Only captured pages whose last re-check found this (lost, changed, unchanged, unreachable).")] = None,
    limit: LimitOption = None,
    offset: OffsetOption = 0,
    as_json: JsonOption = False,
) -> None:
    """List documents."""
    if ctx.invoked_subcommand:
        return
    f = documents_api.DocumentFilter(source=source, kind=kind, language=language, capture_status=status,
                                     offset=offset)
    with opened(ctx) as reg:
        if as_json:
            principal = principal_of(ctx)
            stream_json(
                lambda at, size: documents_api.list_documents(reg, principal, replace(f, limit=size, offset=at)),
                offset, limit,
            )
            return
        f = replace(f, limit=limit or TABLE_ROWS)
        rows = documents_api.list_documents(reg, principal_of(ctx), f)
        total = documents_api.count_documents(reg, f, principal_of(ctx))
    shown = [{**r, "lang": r["language"], "access": r["confidentiality"], "capture": r["capture_status"] or ""}
             for r in rows]
    print_table(shown, ["id", "kind", "lang", "access", "capture", "source", "title"], "Documents")
    out.print(f"{len(rows)} of {total} shown")


def documents_show(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help="Document id or SHA-256 (a unique prefix of 6+ characters).")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
    no_text: Annotated[bool, typer.Option("--no-text", help="Metadata only.")] = False,
) -> None:
    """Show one document: metadata, then its text as stored."""
    with opened(ctx) as reg:
        doc = documents_api.get_document(reg, principal_of(ctx), ref)
    if as_json:
        print_json(doc)
        return
    print_record(doc, skip=("text",))
    if doc.get("text") and not no_text:
        out.rule()
        out.print(doc["text"], markup=False, highlight=False)


def _lister(entity: str) -> Any:
    def lister(
        ctx: typer.Context,
        limit: LimitOption = None,
        offset: OffsetOption = 0,
        as_json: JsonOption = False,
    ) -> None:
        if ctx.invoked_subcommand:
            return
        principal = principal_of(ctx)
        with opened(ctx) as reg:
            if as_json:
                stream_json(
                    lambda at, size: records_api.list_records(reg, principal, entity, limit=size, offset=at),
                    offset, limit,
                )
                return
            shown = limit or TABLE_ROWS
            rows = records_api.list_records(reg, principal, entity, limit=shown, offset=offset)
        print_table(rows, COLUMNS[entity], TITLES[entity])
        if limit is None and len(rows) == shown:
            out.print(f"the first {shown} shown: --limit N for more, --json for all")

    lister.__doc__ = f"List {TITLES[entity].lower()}."
    return lister


def _shower(entity: str) -> Any:
    def shower(
        ctx: typer.Context,
        record_id: Annotated[int, typer.Argument(metavar="ID")],
        as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
    ) -> None:
        with opened(ctx) as reg:
            rec = records_api.get_record(reg, principal_of(ctx), entity, record_id)
        if as_json:
            print_json(rec)
            return
        print_record(rec)
        for key in ("victims", "perpetrators", "witnesses", "claims", "evidence", "involvements", "history"):
            items = rec.get(key) or []
            if items:
                out.print(f"\n[bold]{key}[/]")
                for item in items:
                    out.print("  " + _summary(item), markup=False)

    shower.__doc__ = f"Show one {entity} with its evidence and history."
    return shower


def _summary(item: dict[str, Any]) -> str:
    keys = ("name", "role", "harm", "count", "text", "document_id", "start", "end", "seq", "at", "user", "action")
    return ", ".join(f"{k}={item[k]}" for k in keys if item.get(k) not in (None, "", [], {}))
