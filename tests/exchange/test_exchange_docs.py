"""The ACLED mapping is complete and documented: every event type maps, and docs/exchange.md lists each."""

from __future__ import annotations

from pathlib import Path

from aqiqat.domain.enums import EventType
from aqiqat.exchange import acled

DOC = Path(__file__).resolve().parents[2] / "docs" / "exchange.md"


def test_every_event_type_maps_and_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    for t in EventType:
        disorder, event_type, sub = acled.EVENT_TYPES[t.value]
        assert f"| {t.value} | {disorder} | {event_type} | {sub} |" in text
    assert set(acled.FROM_SUB_EVENT.values()) <= {t.value for t in EventType}
    assert len(acled.COLUMNS) == 31 and acled.ALL_COLUMNS[:31] == acled.COLUMNS
