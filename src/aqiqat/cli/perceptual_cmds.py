"""Commands: hash (perceptual hashes of images and videos) and seen (the other documents with the same picture)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from aqiqat.api import perceptual as perceptual_api
from aqiqat.api.access import Principal
from aqiqat.api.register import Register
from aqiqat.cli.context import opened, principal_of
from aqiqat.cli.output import err, out, print_json, print_table


def register(app: typer.Typer) -> None:
    app.command("hash")(hash_cmd)
    app.command("seen")(seen)


def run_hashing(reg: Register, principal: Principal, quiet: bool = False) -> int:
    """Hash every image and video not hashed yet; a file that cannot be hashed is one line (it stays stored
    as evidence: not a failure of the ingest); returns how many could not be hashed."""
    report = perceptual_api.hash_documents(reg, principal)
    for message in (m for _, m in sorted(report.failed.items())):
        err.print(f"[yellow]not hashed:[/] {escape(message)}", soft_wrap=True)
    if report.done and not quiet:
        out.print(f"perceptual hashes: {len(report.done)} images and videos hashed, {len(report.failed)} failed")
    return len(report.failed)


def hash_cmd(
    ctx: typer.Context,
    documents: Annotated[list[str] | None, typer.Argument(help="Documents (default: every one not hashed yet).")]
    = None,
) -> None:
    """Compute PDQ perceptual hashes of images and of video frames (one a second), to find them again."""
    with opened(ctx) as reg:
        report = perceptual_api.hash_documents(reg, principal_of(ctx), documents or None)
    for message in (m for _, m in sorted(report.failed.items())):
        err.print(f"[red]failed:[/] {escape(message)}", soft_wrap=True)
    out.print(f"{len(report.done)} hashed ({sum(report.done.values())} hashes), {len(report.failed)} failed")
    if report.failed:
        raise typer.Exit(1)


def seen(
    ctx: typer.Context,
    document: Annotated[str, typer.Argument(help="An image or video document (id or SHA-256 prefix).")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Also seen in: the other documents, posts and captures carrying the same picture or video, re-encoded,
    resized, lightly cropped or watermarked (closest first)."""
    with opened(ctx) as reg:
        rows = perceptual_api.also_seen_in(reg, principal_of(ctx), document)
    if as_json:
        print_json(rows)
    else:
        print_table(rows, ["document_id", "kind", "distance", "frames_matched", "title"], title="Also seen in")
