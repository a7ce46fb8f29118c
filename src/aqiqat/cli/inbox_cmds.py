"""Commands: the review inbox (pending suggestions per document and kind), assignment, bulk decisions.

The same service calls as the workbench's /inbox page: ``aqiqat inbox`` lists, ``inbox assign`` gives a
document to a reviewer, ``inbox decide`` accepts or rejects every pending suggestion of one kind in one
document (each decision audited, as on the page)."""

from __future__ import annotations

from typing import Annotated

import typer

from aqiqat.api import inbox as inbox_api
from aqiqat.cli.context import opened, principal_of
from aqiqat.cli.output import TABLE_ROWS, JsonOption, LimitOption, OffsetOption, fail, out, print_json, print_table
from aqiqat.domain.enums import SuggestionKind

KINDS = ", ".join(k.value for k in SuggestionKind)


def register(app: typer.Typer) -> None:
    group = typer.Typer(help="The review inbox: documents with suggestions still to decide, most pending first.")
    group.callback(invoke_without_command=True)(inbox_list)
    group.command("assign")(inbox_assign)
    group.command("decide")(inbox_decide)
    app.add_typer(group, name="inbox")


def inbox_list(
    ctx: typer.Context,
    kind: Annotated[str | None, typer.Option(help=f"Only suggestions of this kind ({KINDS}).")] = None,
    assignee: Annotated[str | None, typer.Option(
        help="Only documents given to this reviewer; '-' for documents nobody has taken.")] = None,
    limit: LimitOption = None,
    offset: OffsetOption = 0,
    as_json: JsonOption = False,
) -> None:
    """List documents with pending suggestions, counted per kind, with their reviewer."""
    if ctx.invoked_subcommand:
        return
    if kind and kind not in inbox_api.KINDS:
        fail(f"unknown kind {kind!r}: one of {KINDS}", 2)
    with opened(ctx) as reg:
        page = inbox_api.inbox(reg, principal_of(ctx), kind=kind, assignee=assignee,
                               limit=limit or (100_000 if as_json else TABLE_ROWS), offset=offset)
    if as_json:
        print_json({"total": page.total, "documents": page.rows})
        return
    shown = [
        {**r, "kinds": ", ".join(f"{k} {n}" for k, n in r["by_kind"].items()), "reviewer": r["assigned_to"] or "—"}
        for r in page.rows
    ]
    print_table(shown, ["id", "pending", "total", "kinds", "reviewer", "title"], "Review inbox")
    out.print(f"{len(page.rows)} of {page.total} documents with pending suggestions shown")


def inbox_assign(
    ctx: typer.Context,
    document: Annotated[int, typer.Argument(help="Document id.")],
    reviewer: Annotated[str, typer.Argument(help="Username of a reviewer; '-' takes the document back.")],
) -> None:
    """Give a document to a reviewer (audited)."""
    with opened(ctx) as reg:
        inbox_api.assign(reg, principal_of(ctx), document, "" if reviewer == "-" else reviewer)
    out.print(f"document {document}: " + ("nobody reviews it" if reviewer == "-" else f"given to {reviewer}"))


def inbox_decide(
    ctx: typer.Context,
    document: Annotated[int, typer.Argument(help="Document id.")],
    kind: Annotated[str, typer.Argument(help=f"Suggestion kind ({KINDS}).")],
    action: Annotated[str, typer.Argument(help="accept or reject.")],
) -> None:
    """Accept or reject every pending suggestion of one kind in one document (each decision audited)."""
    if kind not in inbox_api.KINDS:
        fail(f"unknown kind {kind!r}: one of {KINDS}", 2)
    with opened(ctx) as reg:
        n = inbox_api.decide_kind(reg, principal_of(ctx), document, kind, action)
    out.print(f"document {document}: {n} {kind} suggestions {action}ed" if n else
              f"document {document}: no pending {kind} suggestions")
