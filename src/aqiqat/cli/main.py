"""The `aqiqat` command: a thin shell over the Python API (aqiqat.api)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from aqiqat.api.settings import Settings
from aqiqat.cli import commands, help_format
from aqiqat.cli.output import fail

help_format.install()

app = typer.Typer(
    name="aqiqat",
    help="Aqiqat: documents in, sourced register of events, people and claims out.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def main(
    ctx: typer.Context,
    data_dir: Annotated[
        Path | None,
        typer.Option("--data-dir", envvar="AQIQAT_DATA_DIR", help="Data directory (default ./aqiqat-data)."),
    ] = None,
    database_url: Annotated[
        str | None,
        typer.Option("--database-url", envvar="AQIQAT_DATABASE_URL", help="SQLAlchemy URL; default SQLite."),
    ] = None,
) -> None:
    try:
        ctx.obj = Settings.load(data_dir=data_dir, database_url=database_url)
    except ValueError as exc:  # a malformed AQIQAT_* variable: one line, not a traceback
        fail(str(exc), 2)


commands.register_all(app)

if __name__ == "__main__":  # pragma: no cover
    app()
