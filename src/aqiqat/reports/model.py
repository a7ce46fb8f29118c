"""The report model both renderings read: a title and blocks (headings, paragraphs, key-value lists,
tables, an SVG picture). Built by api/reports.py from the read layer; holds only what the reader may see."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Block:
    kind: str  # h2 | h3 | p | note | kv | table | svg | pagebreak
    text: str = ""
    headers: tuple[str, ...] = ()
    rows: tuple[tuple[Any, ...], ...] = ()


@dataclass
class Report:
    title: str
    subtitle: str
    language: str
    prepared_for: str
    generated_at: str
    blocks: list[Block] = field(default_factory=list)

    def h2(self, text: str) -> None:
        self.blocks.append(Block("h2", text))

    def h3(self, text: str) -> None:
        self.blocks.append(Block("h3", text))

    def p(self, text: str) -> None:
        if text:
            self.blocks.append(Block("p", text))

    def note(self, text: str) -> None:
        self.blocks.append(Block("note", text))

    def kv(self, pairs: list[tuple[str, Any]]) -> None:
        shown = tuple((k, v) for k, v in pairs if v not in (None, ""))
        self.blocks.append(Block("kv", rows=shown))

    def table(self, headers: list[str], rows: list[list[Any]], empty: str = "—") -> None:
        if not rows:
            self.note(empty)
            return
        self.blocks.append(Block("table", headers=tuple(headers),
                                 rows=tuple(tuple("" if c is None else c for c in r) for r in rows)))

    def svg(self, svg: str) -> None:
        if svg:
            self.blocks.append(Block("svg", svg))

    def text(self) -> str:
        """Every word of the report, for tests and search."""
        out = [self.title, self.subtitle, self.prepared_for]
        for b in self.blocks:
            out.append(b.text if b.kind != "svg" else "")
            out += [str(c) for r in b.rows for c in r] + list(b.headers)
        return "\n".join(out)
