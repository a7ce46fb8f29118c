"""Deployment of armed forces, an event of type ``other`` with subtype ``deployment`` (the DESIGN.md taxonomy
has no deployment type; ACLED files it under strategic developments).

Three shapes, read from the syntax tree:
- forces brought in: «ввели войска», «были введены войска ОДКБ», «в город перебросили бронетехнику»;
- forces in the streets, with or without a verb: «Армия на улицах Алматы» (a photo caption),
  «военные вышли на улицы», «на площади появились танки», «солдаты патрулируют улицы»;
- forces entering a town: «в город вошли танки», «военные заняли центр Алматы».
A verb that is itself an event trigger («военные стреляли на улицах») makes that event, not a deployment.
"""

from __future__ import annotations

from dataclasses import dataclass

from aqiqat.nlp.event_lexicon import ENTER_VERBS, FORCES, INTRODUCE_VERBS, STREETS, TOWN_WORDS, TRIGGERS
from aqiqat.nlp.syntax import Sentence


@dataclass(frozen=True)
class Deployment:
    trigger: int  # token index the event is anchored on (the verb, or the forces noun of a verbless caption)
    forces: int  # token index of the forces noun
    start: int  # character span of the trigger phrase
    end: int


def _negated(sent: Sentence, i: int) -> bool:
    return any(sent.lemmas[j] == "не" for j in sent.children(i))


def _with_conj(sent: Sentence, js: list[int]) -> list[int]:
    return js + [k for j in js for k in sent.children(j, "conj")]


def _forces(sent: Sentence, js: list[int]) -> int | None:
    return next((j for j in _with_conj(sent, js) if sent.lemmas[j] in FORCES and sent.tokens[j].pos == "NOUN"),
                None)


def _place_child(sent: Sentence, i: int, words: set[str], names: bool = False) -> int | None:
    """An ``obl``/``obj``/``nmod`` child of ``i`` naming a public space (or, with ``names``, a place name)."""
    for j in sent.children(i, "obl", "obj", "nmod"):
        if sent.lemmas[j] in words or (names and sent.tokens[j].pos == "PROPN"):
            return j
    return None


def _span(sent: Sentence, a: int, b: int) -> tuple[int, int]:
    lo, hi = min(a, b), max(a, b)
    if hi - lo > 4:  # far apart: the trigger word alone
        return sent.tokens[a].start, sent.tokens[a].stop
    return sent.tokens[lo].start, sent.tokens[hi].stop


def find_deployment(sent: Sentence) -> Deployment | None:
    """The first deployment of forces in the sentence, or None."""
    for i, lemma in enumerate(sent.lemmas):
        tok = sent.tokens[i]
        if _negated(sent, i):
            continue
        if tok.pos == "VERB" and lemma not in TRIGGERS:
            objects = list(sent.children(i, "obj", "nsubj:pass"))
            subjects = [j for j in sent.children(i, "nsubj") if sent.tokens[j].rel == "nsubj"]
            forces = _forces(sent, objects) if lemma in INTRODUCE_VERBS else None
            if forces is None:
                forces = _forces(sent, subjects)
                entering = lemma in ENTER_VERBS
                if forces is not None and \
                        _place_child(sent, i, TOWN_WORDS if entering else STREETS, entering) is None:
                    forces = None
            if forces is not None:
                return Deployment(i, forces, *_span(sent, i, forces))
        elif lemma in FORCES and tok.pos == "NOUN" and tok.rel in ("root", "nsubj"):
            head = sent.head(i)
            if tok.rel == "nsubj" and head is not None and sent.tokens[head].pos == "VERB":
                continue  # the verb decides (above)
            street = _place_child(sent, i, STREETS)
            if street is not None and any(sent.lemmas[c] in ("на", "по") for c in sent.children(street, "case")):
                return Deployment(i, i, *_span(sent, i, street))
    return None
