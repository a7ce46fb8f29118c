"""Commands: `aqiqat merge` (two people, places or actors become one) and `aqiqat split` (undo it), audited."""

from __future__ import annotations

from typing import Annotated

import typer

from aqiqat.api import merging as merging_api
from aqiqat.cli.context import opened, principal_of
from aqiqat.cli.output import out, user_errors

ENTITY_HELP = "person, place or actor."


def register(app: typer.Typer) -> None:
    app.command("merge")(merge)
    app.command("split")(split)


def merge(
    ctx: typer.Context,
    entity: Annotated[str, typer.Argument(help=ENTITY_HELP)],
    keep: Annotated[int, typer.Argument(metavar="KEEP", help="The id of the record kept.")],
    other: Annotated[int, typer.Argument(metavar="OTHER", help="The id of the record merged into it.")],
    versions: Annotated[
        str | None,
        typer.Option(metavar="KEEP_VERSION,OTHER_VERSION",
                     help="Refuse the merge if either record changed since these versions were read."),
    ] = None,
) -> None:
    """Merge OTHER into KEEP: every record that refers to OTHER (involvements, claims, quotes, list rows,
    events' places, evidence) refers to KEEP; OTHER's name becomes one of KEEP's variants (audited)."""
    with opened(ctx) as reg, user_errors():
        expected = _versions(versions)
        kept = merging_api.merge(reg, principal_of(ctx), entity, keep, other, expected)
    out.print(f"{entity} {other} merged into {entity} {kept['id']} (audited); "
              f"`aqiqat split {entity} {other}` undoes it")


def split(
    ctx: typer.Context,
    entity: Annotated[str, typer.Argument(help=ENTITY_HELP)],
    record_id: Annotated[int, typer.Argument(metavar="ID", help="The id of the record merged away.")],
) -> None:
    """Undo the last merge of ID: every reference it moved goes back to it (audited)."""
    with opened(ctx) as reg, user_errors():
        merging_api.split(reg, principal_of(ctx), entity, record_id)
    out.print(f"{entity} {record_id} split off again")


def _versions(text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    from aqiqat.api.errors import Invalid

    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        raise Invalid(f"--versions: {text!r} is not KEEP_VERSION,OTHER_VERSION")
    return int(parts[0]), int(parts[1])
