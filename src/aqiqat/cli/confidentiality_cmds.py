"""Commands that change confidentiality on purpose: `aqiqat declassify` (a record) and `aqiqat reclassify`
(a document)."""

from __future__ import annotations

from typing import Annotated

import typer

from aqiqat.api import reclassify as reclassify_api
from aqiqat.api import records as records_api
from aqiqat.cli.context import opened, principal_of
from aqiqat.cli.output import out, user_errors


def register(app: typer.Typer) -> None:
    app.command("declassify")(declassify)
    app.command("reclassify")(reclassify)


def reclassify(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(metavar="DOCUMENT", help="Its id or a SHA-256 prefix.")],
    level: Annotated[str, typer.Argument(help="public, internal or restricted.")],
    reason: Annotated[str, typer.Option("--reason", help="Why, for the audit log.")],
) -> None:
    """Change a document's confidentiality. Raising it seals it, its file and its passages and raises every
    record resting on it; lowering it is a declassification (the records made from it stay as they are)."""
    with opened(ctx) as reg, user_errors():
        data = reclassify_api.reclassify_document(reg, principal_of(ctx), ref, level, reason)
    out.print(f"document {data['id']} is now {data['confidentiality']}")


def declassify(
    ctx: typer.Context,
    entity: Annotated[str, typer.Argument(help="event, person, claim, place or actor.")],
    record_id: Annotated[int, typer.Argument(metavar="ID")],
    level: Annotated[str, typer.Argument(help="The new level: internal or public.")],
    reason: Annotated[str, typer.Option("--reason", help="Why, for the audit log (e.g. the witness agreed).")],
) -> None:
    """Lower a record's confidentiality below what its evidence gives it, with a reason (audited).

    Refused when another record it rests on (its event, a person, a claim) still holds it up: declassify that
    one first."""
    with opened(ctx) as reg, user_errors():
        data = records_api.declassify(reg, principal_of(ctx), entity, record_id, level, reason)
    out.print(f"{entity} {record_id} is now {data['confidentiality']}")
