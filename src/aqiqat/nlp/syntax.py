"""Sentences of a Natasha document with lemmas and tree navigation."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from natasha import Doc

from aqiqat.nlp.models import Morph

_VERBAL = ("VERB", "INFN", "PRTF", "PRTS", "GRND")


def lemma_of(token: Any, morph: Morph) -> str:
    """The lemma of a Natasha token, choosing the pymorphy3 parse that fits the tagger's part of speech.
    Substantivised participles keep the participle: «протестующие» → «протестующий»."""
    parses = morph.parse(token.text.lower())
    if not parses:
        return token.text.lower()
    pos = token.pos
    for parse in parses:
        p = parse.tag.POS
        if pos == "NOUN" and p == "PRTF":
            form = parse.inflect({"sing", "masc", "nomn"})
            return str(form.word) if form else str(parse.normal_form)
        if (pos == "VERB" and p in _VERBAL) or (pos == "NOUN" and p == "NOUN") or \
                (pos == "ADJ" and p in ("ADJF", "ADJS", "PRTF", "PRTS")) or (pos == "AUX" and p in _VERBAL):
            if pos == "ADJ" and p in ("PRTF", "PRTS"):
                return str(parse.normal_form)
            return str(parse.normal_form)
    return str(parses[0].normal_form)


@dataclass
class Sentence:
    start: int
    stop: int
    text: str
    tokens: list[Any]
    lemmas: list[str]
    by_id: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_id = {t.id: i for i, t in enumerate(self.tokens)}

    def head(self, i: int) -> int | None:
        return self.by_id.get(self.tokens[i].head_id)

    def children(self, i: int, *rels: str) -> Iterator[int]:
        tid = self.tokens[i].id
        for j, tok in enumerate(self.tokens):
            if tok.head_id == tid and (not rels or tok.rel in rels or tok.rel.split(":")[0] in rels):
                yield j

    def subtree(self, i: int) -> list[int]:
        out, stack = [], [i]
        while stack:
            j = stack.pop()
            out.append(j)
            stack.extend(self.children(j))
        return sorted(out)

    def feats(self, i: int) -> dict[str, str]:
        return dict(self.tokens[i].feats or {})


def sentences(doc: Doc, text: str, morph: Morph) -> list[Sentence]:
    out = []
    for sent in doc.sents:
        tokens = list(sent.tokens)
        if not tokens:
            continue
        out.append(Sentence(sent.start, sent.stop, text[sent.start:sent.stop], tokens,
                            [lemma_of(t, morph) for t in tokens]))
    return out
