"""What the routes read from a request, shared by pages and the JSON API alike: a day typed as YYYY-MM-DD,
the events filter, a posted form's fields, a number typed in a form, an uploaded file within its limit, the body
of a reclassification."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from fastapi import Request
from pydantic import BaseModel, Field
from starlette.datastructures import UploadFile as FormFile

from aqiqat.api.errors import Invalid
from aqiqat.api.web_queries import EventQuery


def parse_day(value: str | None, field: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Invalid(f"{field}: {value!r} is not a date (YYYY-MM-DD)") from None


def event_query(
    type: str | None,
    grade: str | None,
    date_from: str | None,
    date_to: str | None,
    place: str | None,
    perpetrator: str | None,
    text: str | None,
    limit: int,
    offset: int,
) -> EventQuery:
    return EventQuery(
        type=type or None,
        grade=grade or None,
        date_from=parse_day(date_from, "from"),
        date_to=parse_day(date_to, "to"),
        place=place or None,
        perpetrator=perpetrator or None,
        text=text or None,
        limit=limit,
        offset=offset,
    )


async def form_of(request: Request) -> dict[str, str]:
    """A posted form's text fields, trimmed (files left out)."""
    return {k: v.strip() for k, v in (await request.form()).items() if isinstance(v, str)}


def form_number(form: dict[str, str], key: str, kind: type = int) -> Any:
    """A number typed in a form field (a decimal comma accepted); None when the field is empty."""
    raw = form.get(key, "").replace(",", ".")
    if raw == "":
        return None
    try:
        return kind(raw)
    except ValueError:
        raise Invalid(f"{key}: {raw!r} is not a number") from None


def upload_name(file: FormFile) -> str:
    """The uploaded file's own name, without any folder a browser may send."""
    return (file.filename or "upload").replace("\\", "/").rsplit("/", 1)[-1] or "upload"


async def read_upload(file: FormFile, limit: int) -> bytes:
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise Invalid(f"{upload_name(file)}: larger than the {limit / 1e6:.0f} MB limit")
    if not data:
        raise Invalid(f"{upload_name(file)}: the file is empty")
    return data


class Reclassification(BaseModel):
    """A document's or a list's new level, with the reason the audit log keeps."""

    level: Literal["public", "internal", "restricted"]
    reason: str = Field(min_length=1, description="why, for the audit log")
