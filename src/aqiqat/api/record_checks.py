"""Checks of the values a client gives a register record: each field's type, and that a reference names a
record that exists. A bad value is a one-line 422, never a database error (a 500)."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from aqiqat.api.errors import Invalid
from aqiqat.domain.enums import Confidentiality

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


def check_references(
    s: Session, entity: str, table: Any, values: dict[str, Any], clearance: Confidentiality | None = None
) -> None:
    """Every id given for a foreign key names an existing record, and one the writer may read: nobody writes
    into, or links to, a record they cannot see (it is reported as missing, which reveals nothing)."""
    for key, value in values.items():
        if value is None:
            continue
        for fk in table.__mapper__.columns[key].foreign_keys:
            target = fk.column.table
            level = [target.c.confidentiality] if "confidentiality" in target.c else []
            found = s.execute(select(fk.column, *level).where(fk.column == value)).mappings().first()
            hidden = (
                found is not None
                and clearance is not None
                and "confidentiality" in found
                and Confidentiality(found["confidentiality"]).rank > clearance.rank
            )
            if found is None or hidden:
                raise Invalid(f"{entity}.{key}: there is no {target.name.rstrip('s')} {value}")
