"""What a format reader returns before ``read_bytes`` adds hash, size, media type and language."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

_TITLE_MAX = 200
_FIRST_LINE = re.compile(r"\S[^\n\r\v\f\x1c-\x1e\x85\u2028\u2029]{0,1000}")


@dataclass(slots=True)
class Extracted:
    text: str | None
    title: str = ""
    author: str | None = None
    published_at: date | None = None
    url: str | None = None
    encoding: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


def title_from_text(text: str | None) -> str:
    """The first non-blank line, cut at a word boundary to at most 200 characters."""
    match = _FIRST_LINE.search(text) if text else None
    if match is None:
        return ""
    line = " ".join(match.group().split())
    if len(line) <= _TITLE_MAX:
        return line
    return line[:_TITLE_MAX].rsplit(" ", 1)[0] + "…"


def storable(text: str) -> str:
    """Text a parser produced, made safe for every database: no NUL, no lone surrogate."""
    if "\x00" in text:
        text = text.replace("\x00", "")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", errors="replace").decode("utf-8")
    return text


def clean_str(value: object) -> str | None:
    """A metadata value as a one-line string, or None when it is missing or blank."""
    if value is None:
        return None
    text = " ".join(storable(str(value)).split())
    return text or None


def jsonable(value: object) -> Any:
    """``value`` made JSON-serialisable: dates as ISO strings, bytes dropped, numbers kept."""
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, str):
        return storable(value)
    if isinstance(value, float):
        return value if value == value and value not in (float("inf"), float("-inf")) else None
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items() if not isinstance(v, bytes)}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value if not isinstance(v, bytes)]
    if isinstance(value, bytes):
        return None
    return clean_str(value)
