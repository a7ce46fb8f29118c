"""`aqiqat events` and `aqiqat people`: the register's lists with the same filters as their pages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Annotated, Any

import typer

from aqiqat.api import web_queries
from aqiqat.cli.context import opened, principal_of
from aqiqat.cli.output import (
    TABLE_ROWS,
    JsonOption,
    LimitOption,
    OffsetOption,
    fail,
    out,
    print_table,
    stream_json,
)

EVENT_COLUMNS = ["id", "type", "start_date", "title", "place", "killed", "victims", "grade", "access"]
PEOPLE_COLUMNS = ["id", "display_name", "sex", "age", "affiliation", "roles", "access"]


def _day(value: str | None, flag: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"{flag}: {value!r} is not a date (YYYY-MM-DD)", 2)


def events_list(
    ctx: typer.Context,
    type: Annotated[str | None, typer.Option("--type", help="Only this event type (shooting, detention, ...).")] = None,
    grade: Annotated[
        str | None, typer.Option(help="Only this grade: confirmed, fair, weak, contested or discounted.")
    ] = None,
    date_from: Annotated[str | None, typer.Option("--from", metavar="DATE", help="On or after this day.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", metavar="DATE", help="On or before this day.")] = None,
    place: Annotated[str | None, typer.Option(help="Place name contains this.")] = None,
    perpetrator: Annotated[str | None, typer.Option(help="A perpetrator's name contains this.")] = None,
    text: Annotated[str | None, typer.Option(help="Title or description contains this.")] = None,
    limit: LimitOption = None,
    offset: OffsetOption = 0,
    as_json: JsonOption = False,
) -> None:
    """List events, newest first, filtered as on the events page."""
    if ctx.invoked_subcommand:
        return
    query = web_queries.EventQuery(
        type=type or None,
        grade=grade or None,
        date_from=_day(date_from, "--from"),
        date_to=_day(date_to, "--to"),
        place=place or None,
        perpetrator=perpetrator or None,
        text=text or None,
        limit=limit or TABLE_ROWS,
        offset=offset,
    )
    listed = _listed(ctx, web_queries.list_events, query, as_json, offset, limit)
    if listed is None:
        return
    rows, total = listed
    shown = [{**r, "killed": _range(r.get("killed_min"), r.get("killed_max")), "access": r.get("confidentiality")}
             for r in rows]
    print_table(shown, EVENT_COLUMNS, "Events")
    _footer(len(rows), total, limit)


def people_list(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Option(help="Name contains this.")] = None,
    affiliation: Annotated[
        str | None, typer.Option(help="Only this affiliation: civilian, security_forces or unknown.")
    ] = None,
    role: Annotated[str | None, typer.Option(help="Only people in this role: victim, perpetrator or witness.")] = None,
    limit: LimitOption = None,
    offset: OffsetOption = 0,
    as_json: JsonOption = False,
) -> None:
    """List people (merged ones once), filtered as on the people page."""
    if ctx.invoked_subcommand:
        return
    query = web_queries.PeopleQuery(
        name=name or None, affiliation=affiliation or None, role=role or None, limit=limit or TABLE_ROWS,
        offset=offset,
    )
    listed = _listed(ctx, web_queries.list_people, query, as_json, offset, limit)
    if listed is None:
        return
    rows, total = listed
    shown = [{**r, "roles": ", ".join(f"{k} {v}" for k, v in sorted(r["roles"].items())),
              "access": r.get("confidentiality")} for r in rows]
    print_table(shown, PEOPLE_COLUMNS, "People")
    _footer(len(rows), total, limit)


def _listed(
    ctx: typer.Context, lister: Callable[..., tuple[list[dict[str, Any]], int]], query: Any, as_json: bool,
    offset: int, limit: int | None,
) -> tuple[list[dict[str, Any]], int] | None:
    """One page and the total for a table; with --json, every row streamed page by page (None: already printed)."""
    principal = principal_of(ctx)
    with opened(ctx) as reg:
        if as_json:
            page = lambda at, size: lister(reg, principal, replace(query, limit=size, offset=at))[0]  # noqa: E731
            stream_json(page, offset, limit)
            return None
        result: tuple[list[dict[str, Any]], int] = lister(reg, principal, query)
        return result


def _footer(shown: int, total: int, limit: int | None) -> None:
    if limit is None and shown < total:
        out.print(f"the first {shown} shown of {total}: --limit N for more, --json for all")
    else:
        out.print(f"{shown} of {total} shown")


def _range(low: int | None, high: int | None) -> str:
    if low is None and high is None:
        return ""
    if low == high or high is None:
        return str(low)
    return f"{low if low is not None else '?'}–{high}"
