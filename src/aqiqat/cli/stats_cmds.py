"""Commands: counts (totals with min/max and grades), figures (claims about one subject), adopt."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from aqiqat.api import stats as stats_api
from aqiqat.cli.context import opened, principal_of
from aqiqat.cli.output import out, print_json, print_table


def register(app: typer.Typer) -> None:
    app.command("counts")(counts)
    app.command("figures")(figures)
    app.command("adopt")(adopt)


def counts(
    ctx: typer.Context,
    by: Annotated[str, typer.Option(help="Group by type, place, day, month or grade.")] = "type",
    grades: Annotated[str, typer.Option(help="Grades included, comma-separated.")] = "confirmed,fair",
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Totals of events, killed, injured and detained (min–max), for the grades included; with victims lists,
    how many people their entries make as linked, at the threshold used."""
    from aqiqat.api.clusters import linkage_summary

    with opened(ctx) as reg:
        result = stats_api.counts(reg, principal_of(ctx), by, [g.strip() for g in grades.split(",") if g.strip()])
        linkage = linkage_summary(reg, principal_of(ctx))
    if as_json:
        print_json({**result, "linkage": linkage})
        return
    cols = ["group", "events", "killed_min", "killed_max", "injured_min", "injured_max", "detained_min", "detained_max"]
    print_table(
        [*result["rows"], result["total"]], cols, title=f"Counts by {by} (grades: {', '.join(result['grades'])})"
    )
    out.print(result["note"])
    if linkage is not None:
        out.print(linkage_line(linkage))


def linkage_line(linkage: dict[str, Any]) -> str:
    """One sentence: the list entries, the people they make, the threshold (and whether a link run made it)."""
    line = (f"victims lists: {linkage['entries']} entries make {linkage['people']} people as linked at threshold "
            f"{linkage['threshold']} ({linkage['clusters']} people named more than once; `aqiqat lists clusters`)")
    if not linkage["linked"]:
        return line + "; the lists are not linked yet (`aqiqat link`)"
    return f"{line}; {drawn_phrase(linkage['people_drawn'])}"


def drawn_phrase(drawn: dict[str, Any]) -> str:
    """The people over linkages drawn from the pairs' probabilities, in words."""
    return (f"{drawn['mean']:.1f} people (5th-95th percentile {drawn['low']}-{drawn['high']}) when each pair is "
            f"drawn with its probability ({drawn['draws']} draws)")


def figures(
    ctx: typer.Context,
    subject: Annotated[
        str | None, typer.Argument(help="What is counted: killed, detained, ... (omit to list).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Every claimed figure about one subject, by whom and when, beside the adopted value."""
    with opened(ctx) as reg:
        if subject is None:
            rows = [{"subject": s, "claims": n} for s, n in stats_api.subjects(reg, principal_of(ctx))]
            print_json(rows) if as_json else print_table(rows, ["subject", "claims"], "Subjects of claimed figures")
            return
        result = stats_api.figures(reg, principal_of(ctx), subject)
    if as_json:
        print_json(result)
        return
    print_table(
        result["claims"],
        ["id", "claimed_on", "claimant_label", "qualifier", "value", "value_min", "value_max", "text"],
        title=f"Claimed figures: {subject}",
    )
    a = result["adopted"]
    out.print(f"adopted: {a['value_min']}–{a['value_max']} by rule {a['rule']}" if a else "adopted: none yet")


def adopt(
    ctx: typer.Context,
    subject: Annotated[str, typer.Argument(help="What is counted, e.g. killed.")],
    rule: Annotated[str, typer.Option(help="most_conservative, majority or analyst.")] = "most_conservative",
    value_min: Annotated[float | None, typer.Option("--min", help="Analyst's minimum.")] = None,
    value_max: Annotated[float | None, typer.Option("--max", help="Analyst's maximum.")] = None,
    note: Annotated[str, typer.Option(help="Why.")] = "",
) -> None:
    """Adopt a figure for a subject from its claims by a named rule (the claims stay as claimed)."""
    with opened(ctx) as reg:
        a = stats_api.adopt_figure(reg, principal_of(ctx), subject, rule, value_min, value_max, note=note)
    out.print(
        f"adopted for {subject}: {a['value_min']}–{a['value_max']} (rule {a['rule']}, {len(a['claim_ids'])} claims)"
    )
