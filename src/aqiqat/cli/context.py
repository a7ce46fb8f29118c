"""Opening the register for a command, from the settings the root command loaded."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer

from aqiqat.api.access import Principal, local_admin
from aqiqat.api.register import Register
from aqiqat.api.settings import Settings
from aqiqat.cli.output import user_errors


def settings_of(ctx: typer.Context) -> Settings:
    obj = ctx.find_root().obj
    assert isinstance(obj, Settings)
    return obj


def principal_of(ctx: typer.Context) -> Principal:
    return local_admin(settings_of(ctx).user)


@contextmanager
def opened(ctx: typer.Context) -> Iterator[Register]:
    with user_errors():
        reg = Register.open(settings_of(ctx))
    try:
        with user_errors():
            yield reg
    finally:
        reg.close()
