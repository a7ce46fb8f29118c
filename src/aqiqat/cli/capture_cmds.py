"""Commands: capture (web pages as evidence, with a trusted timestamp) and recheck (what changed or was lost)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from aqiqat.api import capture as capture_api
from aqiqat.api import capture_checks as checks_api
from aqiqat.cli.context import opened, principal_of
from aqiqat.cli.output import err, out, print_json, print_table
from aqiqat.cli.perceptual_cmds import run_hashing
from aqiqat.domain.enums import Confidentiality


def register(app: typer.Typer) -> None:
    app.command("capture")(capture)
    app.command("recheck")(recheck)


def capture(
    ctx: typer.Context,
    urls: Annotated[list[str], typer.Argument(help="http or https addresses of the pages to capture.")],
    source: Annotated[str | None, typer.Option(help="Who published the pages (created if new).")] = None,
    confidentiality: Annotated[Confidentiality, typer.Option(help="Who may read it.")] = Confidentiality.INTERNAL,
    timeout: Annotated[float, typer.Option(help="Seconds allowed for each page to load.")] = 30.0,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    no_extract: Annotated[bool, typer.Option("--no-extract", help="Do not run extraction on the pages.")] = False,
) -> None:
    """Capture web pages in headless Chromium as WACZ (WARC inside), with a screenshot, the main text and an
    RFC 3161 timestamp from the configured TSA (AQIQAT_TSA_URL); each becomes a document of kind webpage."""
    options = capture_api.CaptureOptions(confidentiality=confidentiality, source=source, timeout=timeout)
    with opened(ctx) as reg:
        outcomes = []
        for url in urls:
            outcome = capture_api.capture_url(reg, principal_of(ctx), url, options)
            for line in ([outcome.message] if outcome.status == "failed" else []) + outcome.warnings:
                err.print(f"[red]failed:[/] {escape(line)}", soft_wrap=True)
            outcomes.append(outcome)
        added = [o.document_id for o in outcomes if o.document_id is not None]
        if added:
            run_hashing(reg, principal_of(ctx), as_json)  # the screenshots and videos
        if added and not no_extract:
            from aqiqat.cli.extract_cmds import run_extraction

            run_extraction(reg, ctx, [str(i) for i in added], 1, False, as_json)
    rows = [{"url": o.url, "status": o.status, "id": o.document_id, "sha256": (o.sha256 or "")[:12] or None,
             "timestamp": o.timestamp} for o in outcomes]
    if as_json:
        print_json([{**r, "sha256": o.sha256, "message": o.message, "warnings": o.warnings}
                    for r, o in zip(rows, outcomes, strict=True)])
    else:
        print_table([r for r in rows if r["status"] != "failed"], ["status", "id", "timestamp", "sha256", "url"],
                    title="Captured")
    if any(o.status == "failed" or o.warnings for o in outcomes):
        raise typer.Exit(1)


def recheck(
    ctx: typer.Context,
    documents: Annotated[list[str] | None, typer.Argument(help="Captured documents (default: all).")] = None,
    timeout: Annotated[float, typer.Option(help="Seconds allowed for each address.")] = 20.0,
    lost: Annotated[bool, typer.Option("--lost", help="Only list the pages whose latest check found them lost.")]
    = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Visit captured addresses again and record, dated and audited, whether each page is unchanged, changed,
    lost (404/410, no DNS, a login page) or unreachable."""
    with opened(ctx) as reg:
        if lost:
            rows = checks_api.latest_checks(reg, principal_of(ctx), "lost")
            if as_json:
                print_json(rows)
            else:
                print_table(rows, ["document_id", "checked_at", "detail", "url"], title="Lost pages")
            return
        found = checks_api.recheck(reg, principal_of(ctx), documents or None, timeout)
    data = [{"id": c.document_id, "outcome": c.outcome, "status": c.http_status, "detail": c.detail, "url": c.url}
            for c in found]
    if as_json:
        print_json(data)
    else:
        print_table(data, ["id", "outcome", "status", "detail", "url"], title="Re-checked")
        out.print(f"{len(found)} pages checked, {sum(1 for c in found if c.outcome == 'lost')} lost")
