"""Tree navigation over the parser's heads, which are argmaxes and may form cycles."""

from __future__ import annotations

from natasha.doc import DocToken

from aqiqat.nlp.entities import Entities
from aqiqat.nlp.events import find_events
from aqiqat.nlp.models import Morph
from aqiqat.nlp.syntax import Sentence

# «Из-за того, что стороны обвиняют друг друга, стороны отказываются» with the heads a parser gave once:
# того → отказываются → обвиняют → того (a cycle, no root).
_WORDS = [("Из-за", "ADP", "2", "case"), ("того", "PRON", "7", "obl"), (",", "PUNCT", "5", "punct"),
          ("что", "SCONJ", "5", "mark"), ("обвиняют", "VERB", "2", "acl"), ("стороны", "NOUN", "5", "nsubj"),
          ("отказываются", "VERB", "5", "conj"), (".", "PUNCT", "7", "punct")]


def _cyclic_sentence() -> Sentence:
    tokens, pos = [], 0
    for k, (word, tag, head, rel) in enumerate(_WORDS, 1):
        tokens.append(DocToken(pos, pos + len(word), word, f"1_{k}", f"1_{head}", rel, tag, {}))
        pos += len(word) + 1
    text = " ".join(w for w, *_ in _WORDS)
    lemmas = ["из-за", "то", ",", "что", "обвинять", "сторона", "отказываться", "."]
    return Sentence(0, len(text), text, tokens, lemmas)


def test_subtree_of_a_cycle_ends() -> None:
    sent = _cyclic_sentence()
    assert sent.subtree(1) == [0, 1, 2, 3, 4, 5, 6, 7]
    assert sent.subtree(5) == [5]


def test_events_in_a_cyclic_parse_end(morph: Morph) -> None:
    [event] = find_events([_cyclic_sentence()], Entities([], [], []), [], morph, lambda pos: None)
    assert event.type.value == "prosecution" and event.trigger == "обвиняют"
