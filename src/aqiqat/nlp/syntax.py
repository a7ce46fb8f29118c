"""Sentences of a Natasha document with lemmas and tree navigation."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from typing import Any

from natasha import Doc

from aqiqat.nlp.models import Morph


def lemma_of(token: Any, morph: Morph) -> str:
    """The lemma of a Natasha token, choosing the pymorphy3 parse that fits the tagger's part of speech."""
    return morph.tagged_lemma(token.text.lower(), token.pos)


@dataclass
class Sentence:
    start: int
    stop: int
    text: str
    tokens: list[Any]
    lemmas: list[str]
    by_id: dict[str, int] = field(default_factory=dict)
    kids: dict[str, list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_id = {t.id: i for i, t in enumerate(self.tokens)}
        for j, tok in enumerate(self.tokens):
            self.kids.setdefault(tok.head_id, []).append(j)

    def head(self, i: int) -> int | None:
        return self.by_id.get(self.tokens[i].head_id)

    def children(self, i: int, *rels: str) -> Iterator[int]:
        for j in self.kids.get(self.tokens[i].id, ()):
            rel = self.tokens[j].rel
            if not rels or rel in rels or rel.split(":")[0] in rels:
                yield j

    def subtree(self, i: int) -> list[int]:
        """The token and everything under it. The parser's heads are argmaxes, not a tree: a cycle
        («того» → «отказываются» → «обвиняют» → «того») is walked once."""
        out, stack, seen = [], [i], {i}
        while stack:
            j = stack.pop()
            out.append(j)
            for c in self.children(j):
                if c not in seen:
                    seen.add(c)
                    stack.append(c)
        return sorted(out)

    def feats(self, i: int) -> dict[str, str]:
        return dict(self.tokens[i].feats or {})


def sentences(doc: Doc, text: str, morph: Morph, parsed: Collection[int] | None = None) -> list[Sentence]:
    """The document's sentences; those not in ``parsed`` (indexes of ``doc.sents``, default all) come without
    tokens nor lemmas: only their text serves."""
    out = []
    for k, sent in enumerate(doc.sents):
        tokens = list(sent.tokens)
        if not tokens:
            continue
        if parsed is not None and k not in parsed:
            out.append(Sentence(sent.start, sent.stop, text[sent.start:sent.stop], [], []))
            continue
        out.append(Sentence(sent.start, sent.stop, text[sent.start:sent.stop], tokens,
                            [lemma_of(t, morph) for t in tokens]))
    return out
