"""Commands: lists (import and show victims lists), link (score candidate pairs), queue and judge (merges)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from aqiqat.cli.context import opened, principal_of
from aqiqat.cli.output import err, out, print_json, print_table, user_errors
from aqiqat.domain.enums import Confidentiality

FLAG_WHY = {
    "age_not_a_number": "the age is not a number",
    "age_out_of_range": "the age is outside 0–120",
    "birth_year_not_a_year": "the birth year is not a year",
    "birth_year_in_future": "the birth year is in the future",
    "birth_year_too_old": "the birth year is more than 120 years ago",
    "date_unreadable": "the date cannot be read",
}  # why a cell was flagged (ingest.victim_lists.FLAG_REASONS)


def register(app: typer.Typer) -> None:
    lists = typer.Typer(help="External victims lists: import (CSV, XLSX) and show.")
    lists.callback(invoke_without_command=True)(lists_show)
    lists.command("preview")(lists_preview)
    lists.command("import")(lists_import)
    lists.command("clusters")(lists_clusters)
    lists.command("reclassify")(lists_reclassify)
    app.add_typer(lists, name="lists")
    app.command("link")(link)
    app.command("queue")(merge_queue)
    app.command("judge")(judge)


def lists_show(
    ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array.")] = False
) -> None:
    """List the imported victims lists."""
    from aqiqat.api import lists as lists_api

    if ctx.invoked_subcommand:
        return
    with opened(ctx) as reg:
        rows = lists_api.list_lists(reg, principal_of(ctx))
    print_json(rows) if as_json else print_table(rows, ["id", "name", "source", "entries", "imported_at"], "Lists")


def lists_import(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A .csv or .xlsx file, one person a row.")],
    source: Annotated[str, typer.Option(help="Who compiled the list.")],
    mapping: Annotated[
        str | None,
        typer.Option(
            "--map",
            help="field=Column pairs: name, surname, given_name, patronymic, age, birth_year, "
            "sex, date, place, cause, notes. E.g. name=ФИО,age=Возраст. Default: the mapping "
            "`aqiqat lists preview` suggests from the file's headers.",
        ),
    ] = None,
    name: Annotated[str | None, typer.Option(help="The list's name (default: the file name).")] = None,
    again: Annotated[bool, typer.Option("--again", help="Import a file whose rows are already a list, as a second "
                                        "list (refused without it).")] = False,
    confidentiality: Annotated[Confidentiality, typer.Option(help="Who may read the list, its rows and its file.")]
    = Confidentiality.INTERNAL,
) -> None:
    """Import a victims list. Rows without a name are refused and reported by number; a row with a cell that
    cannot be read (an age, a date) is kept, with that cell flagged and its text kept as written."""
    from aqiqat.api import lists as lists_api

    with opened(ctx) as reg, user_errors():
        if mapping is None:
            column_map = lists_api.suggested_column_map(file)
            err.print(f"columns from the file's headers: --map '{lists_api.format_column_map(column_map)}'",
                      markup=False, soft_wrap=True)
        else:
            column_map = lists_api.parse_column_map(mapping)
        result = lists_api.import_list(reg, principal_of(ctx), file, source, column_map, name, again=again,
                                       level=str(confidentiality))
    for row, message in result.errors:
        err.print(f"[yellow]row {row} refused:[/] {escape(message)}", soft_wrap=True)
    for cell in result.flagged_cells:
        err.print(f"[yellow]row {cell['row']} kept, flagged:[/] column {escape(cell['column'])!r}, "
                  f"value {escape(cell['value'])!r}: {escape(FLAG_WHY.get(cell['reason'], cell['message']))}",
                  soft_wrap=True)
    if result.level != str(confidentiality):
        err.print(f"the list and its rows are kept {result.level}, as its file is", soft_wrap=True)
    out.print(
        f"list {result.list_id} ({result.name}): {result.imported} entries imported "
        f"({len(result.flagged)} cells flagged for review), {len(result.errors)} rows refused"
    )


def lists_reclassify(
    ctx: typer.Context,
    list_id: Annotated[int, typer.Argument(metavar="LIST", help="The list's id (aqiqat lists).")],
    level: Annotated[str, typer.Argument(metavar="LEVEL", help="public, internal or restricted.")],
    reason: Annotated[str, typer.Option("--reason", help="Why, for the audit log.")],
) -> None:
    """Change a list's confidentiality. Raising it seals the list, its rows and the people linked from them;
    lowering it is a declassification, never below its file's level (reclassify the document first)."""
    from aqiqat.api import reclassify as reclassify_api

    with opened(ctx) as reg, user_errors():
        data = reclassify_api.reclassify_list(reg, principal_of(ctx), list_id, level, reason)
    rows = ", ".join(f"{n} {lvl}" for lvl, n in sorted(data["entries"].items()))
    out.print(f"list {data['id']} is now {data['confidentiality']} (rows: {rows or 'none'})")


def lists_preview(
    file: Annotated[Path, typer.Argument(help="A .csv or .xlsx file, one person a row.")],
    rows: Annotated[int, typer.Option(help="How many rows to show.")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """Show a list file's headers with the field each one would fill, its first rows, and the --map to import
    it with; nothing is stored."""
    from aqiqat.api import lists as lists_api

    with user_errors():
        preview = lists_api.preview_list(file, rows=rows)
    if as_json:
        print_json(preview)
        return
    field_of = {header: f for f, header in preview["suggested"].items()}
    shown = [{"column": h, "field": field_of.get(h, "")} for h in preview["headers"]]
    print_table(shown, ["column", "field"], f"{preview['file']}: {preview['total_rows']} rows")
    table_rows = [dict(zip(preview["headers"], r, strict=True)) for r in preview["rows"]]
    print_table(table_rows, preview["headers"], f"First {len(table_rows)} rows")
    if preview["usable"]:
        out.print(f"--map '{preview['suggested_map']}'", markup=False)
    else:
        err.print("no column looks like the name: give --map name=<column> when importing", markup=False)


def lists_clusters(
    ctx: typer.Context,
    threshold: Annotated[
        float | None,
        typer.Option(min=0.5, max=0.999, help="Match probability that joins two records (default: the last "
                     "link run's, else 0.9); pairs judged in the merge queue count as judged."),
    ] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many clusters in the table (default 50).")]
    = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print every cluster as JSON.")] = False,
) -> None:
    """The people the linkage produced: each cluster with its entries (list, row, name as listed) and the pairs
    (match probability, field weights) that joined it; and how many people the entries make, at the threshold
    and when each pair is drawn with its probability."""
    from aqiqat.api import clusters as clusters_api  # pandas: loaded only when used
    from aqiqat.cli.stats_cmds import drawn_phrase

    with opened(ctx) as reg, user_errors():
        principal = principal_of(ctx)
        used = threshold if threshold is not None else clusters_api.default_threshold(reg)
        data = clusters_api.clusters(reg, principal, used)
    if as_json:
        print_json(data)
        return
    shown = data["clusters"][: limit or 50]
    rows = []
    for n, c in enumerate(shown, start=1):
        joined = "; ".join(f"{p['left']}–{p['right']} {p['match_probability']:.3f}"
                           + (f" ({p['judgement']})" if p["judgement"] != "pending" else "") for p in c["pairs"])
        for i, r in enumerate(c["records"]):
            rows.append({"person": str(n) if i == 0 else "", "ref": r["ref"],
                         "list": r.get("list", "(register)"), "row": r.get("row", ""), "name": r["name"],
                         "joined by": joined if i == 0 else ""})
    print_table(rows, ["person", "ref", "list", "row", "name", "joined by"],
                f"Clusters at threshold {data['threshold']}")
    if len(shown) < len(data["clusters"]):
        out.print(f"the first {len(shown)} clusters shown of {len(data['clusters'])}: "
                  "--limit N for more, --json for all")
    out.print(f"{data['entries']} list entries make {data['people']} people at threshold {data['threshold']} "
              f"({data['linked_entries']} entries linked in clusters); {drawn_phrase(data['people_drawn'])}")


def link(
    ctx: typer.Context,
    engine: Annotated[str, typer.Option(help="duckdb (embedded) or spark.")] = "duckdb",
    threshold: Annotated[float | None, typer.Option(
        help="Match probability that joins a cluster (default 0.5: more likely than not the same person).",
        show_default=False)] = None,
    max_pairs: Annotated[float, typer.Option(help="Bound on pairs sampled for training.")] = 1e6,
) -> None:
    """Score candidate pairs across lists and documents (Splink) and queue them for review."""
    from aqiqat.api import linking as linking_api  # splink and duckdb: loaded only when used

    with opened(ctx) as reg:
        session = None
        if engine == "spark":
            from aqiqat.api.spark import local_session

            session = local_session()
        used = linking_api.DEFAULT_THRESHOLD if threshold is None else threshold
        run = linking_api.link(reg, principal_of(ctx), engine, used, max_pairs, spark_session=session)
    out.print(
        f"{run.records} records, {run.pairs} scored pairs, {run.queued} new pairs in the merge queue "
        f"({run.kept_under_floor} more under its floor of {linking_api.REVIEW_FLOOR}, kept for the counts over drawn "
        f"linkages); {run.clusters} people at threshold {run.threshold} ({run.engine})"
    )


def merge_queue(
    ctx: typer.Context,
    status: Annotated[str, typer.Option(help="pending, positive, negative, unsure or all.")] = "pending",
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many (50 in a table; --json: all).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array.")] = False,
) -> None:
    """Candidate pairs with the match weight of each field (the ids `aqiqat judge` takes come first)."""
    from aqiqat.api import linking as linking_api  # splink and duckdb: loaded only when used

    with opened(ctx) as reg:
        rows = linking_api.visible_queue(reg, principal_of(ctx), status, limit or (sys.maxsize if as_json else 50))
    if as_json:
        print_json(rows)
        return
    shown = []
    for r in rows:
        fw = r["field_weights"]
        weights = ", ".join(
            f"{k} {v['weight']:+.1f}"
            for k, v in fw.items()
            if not k.startswith("_") and isinstance(v, dict) and v.get("weight") is not None
        )
        shown.append(
            {
                "id": r["id"],
                "p": f"{r['match_probability']:.3f}",
                "judgement": r["judgement"],
                "names": " ≟ ".join(fw.get("_names", [])),
                "weights": weights,
            }
        )
    print_table(shown, ["id", "p", "judgement", "names", "weights"], "Merge queue")


def judge(
    ctx: typer.Context,
    pair: Annotated[int, typer.Argument(help="Pair id from `aqiqat queue`.")],
    judgement: Annotated[str, typer.Argument(help="positive (merge), negative (keep apart / split) or unsure.")],
    note: Annotated[str, typer.Option(help="Why.")] = "",
) -> None:
    """Judge a candidate pair; positive merges, negative on a merged pair splits it again (audited)."""
    from aqiqat.api import linking as linking_api  # splink and duckdb: loaded only when used

    with opened(ctx) as reg:
        result = linking_api.judge(reg, principal_of(ctx), pair, judgement, note)
    out.print(f"pair {pair}: {judgement} (recorded as judgement {result['id']})")
