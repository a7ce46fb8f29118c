"""Checks of the values a client gives a register record: each field's type, and that a reference names a
record that exists. A bad value is a one-line 422, never a database error (a 500)."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from aqiqat.api.errors import Invalid

KINDS = {int: "a whole number", float: "a number", str: "text", date: "a date (YYYY-MM-DD)"}


def check_value(entity: str, table: Any, key: str, value: Any) -> Any:
    """`value` for column `key`, if it has the column's type (None passes: NOT NULL is checked elsewhere)."""
    if value is None:
        return None
    try:
        wanted = table.__mapper__.columns[key].type.python_type
    except NotImplementedError:
        return value
    if wanted is dict or wanted is list or wanted is object:  # JSON columns take any JSON value
        return value
    if isinstance(value, bool) or not _fits(value, wanted):
        raise Invalid(f"{entity}.{key}: {type(value).__name__} given, {KINDS.get(wanted, wanted.__name__)} expected")
    return value


def _fits(value: Any, wanted: type) -> bool:
    if wanted is float:
        return isinstance(value, int | float) and math.isfinite(value)
    return isinstance(value, wanted)


def check_references(s: Session, entity: str, table: Any, values: dict[str, Any]) -> None:
    """Every id given for a foreign key names an existing record."""
    for key, value in values.items():
        if value is None:
            continue
        for fk in table.__mapper__.columns[key].foreign_keys:
            if s.scalar(select(fk.column).where(fk.column == value)) is None:
                raise Invalid(f"{entity}.{key}: there is no {fk.column.table.name.rstrip('s')} {value}")
