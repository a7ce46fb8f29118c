"""An age written beside a name: «Арман, 27 лет», «Арман (27)», «27-летний Арман», "Arman Dosov, 27,",
"27-year-old Arman"."""

from __future__ import annotations

import re

_AFTER = re.compile(
    r"\s*(?:,\s*(?P<a>\d{1,3})\s*(?:лет|год|года|years?\s+old)?(?=\s*[,.;)]|\s+(?:лет|год|года))|"
    r"\s*\((?P<b>\d{1,3})(?:\s*(?:лет|год|года|years?))?\))"
)
_BEFORE = re.compile(r"(?P<c>\d{1,3})[-\s](?:летн(?:ий|яя|его|ей|ему|им|юю)|year-old)\s+$")


def age_beside(text: str, start: int, end: int) -> int | None:
    """The age written right after (or, as «N-летний», right before) the name at ``text[start:end]``."""
    m = _AFTER.match(text, end, min(len(text), end + 25))
    if m is not None:
        value = int(m.group("a") or m.group("b"))
        return value if 0 < value < 120 else None
    b = _BEFORE.search(text, max(0, start - 20), start)
    if b is not None:
        value = int(b.group("c"))
        return value if 0 < value < 120 else None
    return None
