"""`aqiqat estimate`: how many people are missing from every list (multiple systems estimation)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, cast

import typer
from rich.console import Console
from rich.table import Table

from aqiqat.cli.context import opened, principal_of
from aqiqat.cli.output import fail, out, print_json, user_errors


def _interval(result: dict[str, Any]) -> str:
    lower, upper = result["interval"]
    return f"{lower:,.1f} to " + (f"{upper:,.1f}" if upper is not None else "beyond the search range")


def render(result: dict[str, Any], console: Console) -> None:
    """The estimate as rich tables: the summary, then the model ranking or the sampler diagnostics."""
    summary = Table(title=f"Estimate ({result['method']})", show_header=False)
    summary.add_column("field", style="bold")
    summary.add_column("value")
    summary.add_row("lists", ", ".join(result["lists"]))
    summary.add_row("documented (n)", f"{result['n_observed']:,}")
    summary.add_row("model", result["model"])
    if result.get("criterion"):
        summary.add_row("chosen by", result["criterion"].upper())
    label = "posterior median" if result["method"] == "lcmcr" else "estimate"
    summary.add_row(f"total N ({label})", f"{result['n_hat']:,.1f}")
    if result.get("se") is not None:
        summary.add_row("standard error" if result["method"] != "lcmcr" else "posterior sd", f"{result['se']:,.1f}")
    summary.add_row(f"{result['level']:.0%} interval ({result['interval_kind']})", _interval(result))
    summary.add_row("undocumented (N - n)", f"{result['n_unobserved']:,.1f}")
    console.print(summary)
    if result.get("left_out"):
        console.print(f"Left out: {result['left_out']:,} list rows you may not see; the estimate does not count them.")
    for warning in result["diagnostics"].get("warnings") or []:
        console.print(f"Note: {warning}")
    if result["method"] == "loglinear" and len(result["ranking"]) > 1:
        ranking = Table(title="Models, best first (top 10)")
        for name in ("model", "N", "se", "AIC", "BIC"):
            ranking.add_column(name, justify="left" if name == "model" else "right")
        for row in result["ranking"][:10]:
            ranking.add_row(
                row["model"], f"{row['n_hat']:,.1f}", f"{row['se']:,.1f}", f"{row['aic']:.2f}", f"{row['bic']:.2f}"
            )
        console.print(ranking)
    if result["method"] == "lcmcr":
        diag = result["diagnostics"]
        geweke = ", ".join(f"{z:.2f}" for z in diag["geweke_z"])
        console.print(
            f"Convergence: ESS {diag['ess']:.0f} of {result['posterior']['draws']:.0f} draws, "
            f"split R-hat {diag['rhat']:.3f}, Geweke z per chain {geweke}"
        )
        verdict = diag.get("convergence") or {}
        failed = [name for name, ok in (verdict.get("checks") or {}).items() if not ok]
        console.print("Converged: yes (R-hat, ESS and Geweke pass)" if verdict.get("passed")
                      else f"Converged: NO, failing {', '.join(failed)}: run longer chains before citing this")


def estimate(
    ctx: typer.Context,
    patterns: Annotated[
        Path | None, typer.Option("--patterns", help="Capture-pattern CSV: one 0/1 column per list plus 'freq'.")
    ] = None,
    method: Annotated[str, typer.Option("--method", help="loglinear or lcmcr.")] = "loglinear",
    criterion: Annotated[str, typer.Option("--criterion", help="aic or bic (log-linear model choice).")] = "bic",
    interaction: Annotated[
        list[str] | None,
        typer.Option("--interaction", help="Fit this log-linear model instead of choosing: A:B (repeatable)."),
    ] = None,
    seed: Annotated[int | None, typer.Option("--seed", help="LCMCR random seed.")] = None,
    samples: Annotated[int | None, typer.Option("--samples", help="LCMCR draws kept per chain.")] = None,
    burn_in: Annotated[int | None, typer.Option("--burn-in", help="LCMCR iterations discarded first.")] = None,
    thin: Annotated[int | None, typer.Option("--thin", help="LCMCR iterations per kept draw.")] = None,
    chains: Annotated[int | None, typer.Option("--chains", help="LCMCR chains (R-hat needs 2+).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    by_threshold: Annotated[
        str | None,
        typer.Option("--by-threshold", help="Register only: estimates at these linkage thresholds, e.g. 0.5,0.9,0.99."),
    ] = None,
    linkage_draws: Annotated[
        int | None,
        typer.Option("--linkage-draws", min=1, max=1000,
                     help="Register only: the estimate over this many linkages drawn from the merge queue, each "
                          "pending pair joining its two with its match probability (e.g. 20)."),
    ] = None,
) -> None:
    """Estimate how many people no list documents, with its interval (log-linear models or LCMCR)."""
    from aqiqat.api.estimate import METHODS, estimate_from_patterns  # statsmodels: loaded only when used

    if method not in METHODS:
        fail(f"--method must be one of {', '.join(METHODS)}, got {method!r}", 2)
    if method == "loglinear":
        options: dict[str, Any] = {"interactions": interaction or None}
        if any(v is not None for v in (seed, samples, burn_in, thin, chains)):
            fail("--seed, --samples, --burn-in, --thin and --chains apply to --method lcmcr", 2)
    else:
        options = {"seed": seed, "samples": samples, "burn_in": burn_in, "thin": thin, "chains": chains}
    if linkage_draws is not None and (patterns is not None or by_threshold):
        fail("--linkage-draws applies to the register alone, without --patterns or --by-threshold", 2)
    with user_errors():
        if patterns is not None:
            result = estimate_from_patterns(patterns, method=method, criterion=criterion, **options)
        elif linkage_draws is not None:
            from aqiqat.api.estimate import estimate_over_drawn_links

            with opened(ctx) as reg:
                result = estimate_over_drawn_links(reg, principal_of(ctx), linkage_draws, method=method,
                                                   criterion=criterion, **options)
        else:
            result = _from_register(ctx, method, criterion, by_threshold, options)
    if as_json:
        print_json(result)
    elif "pairs_drawn" in result:
        render_draws(result, out)
    elif "points" in result:
        render_sensitivity(result, out)
    else:
        render(result, out)


def render_sensitivity(result: dict[str, Any], console: Console) -> None:
    """One row per linkage threshold: missed links (a high threshold) inflate the estimate."""
    table = Table(title=f"Estimate by linkage threshold ({result['method']})")
    for name in ("threshold", "documented n", "N", "interval"):
        table.add_column(name, justify="right")
    for r in result["points"]:
        table.add_row(f"{r['threshold']:.3f}", f"{r['n_observed']:,}", f"{r['n_hat']:,.1f}", _interval(r))
    console.print(table)


def render_draws(result: dict[str, Any], console: Console) -> None:
    """The estimate as linked and over linkages drawn from the merge queue's pending pairs."""
    table = Table(title=f"Estimate over {result['draws']} drawn linkages ({result['method']})", show_header=False)
    table.add_column("field", style="bold")
    table.add_column("value")
    linked, drawn, seen = result["as_linked"], result["n_hat"], result["n_observed"]
    table.add_row("lists", ", ".join(result["lists"]))
    table.add_row("as linked (a pending pair is two people)",
                  f"documented {linked['n_observed']:,}, " + (f"N {linked['n_hat']:,.1f}" if linked["n_hat"] is not None
                                                              else f"no estimate: {linked['error']}"))
    table.add_row("pending pairs drawn", f"{result['pairs_drawn']:,}")
    table.add_row("documented (n), median of the draws",
                  f"{seen['median']:,.0f} ({seen['low']:,.0f} to {seen['high']:,.0f})")
    table.add_row("total N, median of the draws", f"{drawn['median']:,.1f}")
    table.add_row("5th to 95th percentile of the draws", f"{drawn['low']:,.1f} to {drawn['high']:,.1f}")
    console.print(table)
    if result["failed_draws"]:
        console.print(f"{result['failed_draws']} of {result['draws']} draws gave no estimate: {result['failure']}")
    if result.get("left_out"):
        console.print(f"Left out: {result['left_out']:,} list rows you may not see; the estimate does not count them.")
    console.print("The spread is what the undecided pairs allow, not the estimate's own interval (see `aqiqat "
                  "estimate`). Pairs under the merge queue's floor that the link run kept are drawn too; pairs "
                  "scored under 0.2, or never scored, are not.")


def _from_register(
    ctx: typer.Context, method: str, criterion: str, by_threshold: str | None, options: dict[str, Any]
) -> dict[str, Any]:
    """The estimate from the register's linked lists (people as merged in the merge queue)."""
    from aqiqat.api.estimate import estimate_from_memberships, estimate_sensitivity, register_memberships
    from aqiqat.api.linking import clusters_by_threshold

    with opened(ctx) as reg:
        if by_threshold:
            thresholds = [float(t) for t in by_threshold.split(",") if t.strip()]
            groups = clusters_by_threshold(reg, principal_of(ctx), thresholds)
            return estimate_sensitivity(cast(Any, list(groups.items())), method=method, criterion=criterion, **options)
        people, left_out = register_memberships(reg, principal_of(ctx))
    if not people:
        fail("the register has no linked lists: `aqiqat lists import` them and `aqiqat link` first", 2)
    result = estimate_from_memberships(cast(Any, people), method=method, criterion=criterion, **options)
    return {**result, "left_out": left_out}


def register(app: typer.Typer) -> None:
    app.command("estimate")(estimate)
