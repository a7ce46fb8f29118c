"""A document's text cut into segments, each knowing which suggestions cover it (for highlighting)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

# Kinds drawn as a background (short entity spans) and as an underline (sentences: events, claims, quotes).
ENTITY_KINDS = ("person", "place", "organization", "date", "figure")
PASSAGE_KINDS = ("event", "claim", "quote")


@dataclass(frozen=True, slots=True)
class Mark:
    sid: int
    kind: str
    status: str
    length: int


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    marks: tuple[Mark, ...]  # innermost (shortest) first

    @property
    def classes(self) -> str:
        kinds = sorted({m.kind for m in self.marks})
        statuses = {m.status for m in self.marks}
        out = ["hl", *(f"k-{k}" for k in kinds)]
        if statuses and statuses <= {"accepted", "edited"}:
            out.append("s-done")
        elif statuses == {"rejected"}:
            out.append("s-rejected")
        return " ".join(out)

    @property
    def sids(self) -> str:
        return " ".join(str(m.sid) for m in self.marks)


def segments(text: str, suggestions: Iterable[Mapping[str, Any]]) -> list[Segment]:
    """Cut `text` at every span boundary of every suggestion; spans out of range are clipped."""
    n = len(text)
    spans: list[tuple[int, int, Mark]] = []
    for sug in suggestions:
        for sp in sug.get("spans") or []:
            start, end = max(0, int(sp.get("start", 0))), min(n, int(sp.get("end", 0)))
            if end > start:
                spans.append(
                    (start, end, Mark(int(sug["id"]), str(sug["kind"]), str(sug.get("status", "")), end - start))
                )
    cuts = sorted({0, n, *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        covering = sorted((m for s, e, m in spans if s <= a and b <= e), key=lambda m: (m.length, m.sid))
        marks_list: list[Mark] = []
        for m in covering:
            if all(m.sid != other.sid for other in marks_list):
                marks_list.append(m)
        marks = tuple(marks_list)
        if out and not marks and not out[-1].marks:
            out[-1] = Segment(out[-1].text + text[a:b], ())
        else:
            out.append(Segment(text[a:b], marks))
    return out
