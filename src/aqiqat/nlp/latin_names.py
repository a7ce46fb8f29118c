"""Names written in Latin letters inside a Russian text («… пишет Nikolay Kasyan»), which the Russian tagger
misses: a person of their own, or another mention of the person the text names in Cyrillic (same consonant
skeleton: «Николай Касьян»)."""

from __future__ import annotations

import re

from aqiqat.domain.enums import Sex
from aqiqat.nlp.english import looks_personal
from aqiqat.nlp.entities import Entities, PersonEntity
from aqiqat.nlp.mentions import PER, Mention
from aqiqat.nlp.names import PersonName
from aqiqat.nlp.romanise import same_name

_RUN = re.compile(r"(?<![\w@-])[A-Z][a-z'’]+(?:-[A-Z]?[a-z'’]+)*(?:\s[A-Z][a-z'’]+(?:-[A-Z]?[a-z'’]+)*){1,2}(?![\w-])")


def add_latin_names(text: str, entities: Entities) -> None:
    _merge_latin(entities)
    personal = [o for o in entities.orgs if _RUN.fullmatch(o.name) and looks_personal(o.name.split())]
    entities.orgs = [o for o in entities.orgs if o not in personal]  # "Nikolay Kasyan" tagged as a body
    taken = [(m.start, m.end) for p in entities.persons for m in p.mentions]
    taken += [(m.start, m.end) for place in entities.places for m in place.mentions]
    taken += [(m.start, m.end) for o in entities.orgs for m in o.mentions]
    for m in _RUN.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken) or not looks_personal(m.group().split()):
            continue
        mention = Mention(m.start(), m.end(), m.group(), PER)
        same = next((p for p in entities.persons if same_name(m.group(), p.name.full)), None)
        if same is not None:
            same.mentions.append(mention)
            same.mentions.sort(key=lambda x: x.start)
        else:
            words = m.group().split()
            entities.persons.append(PersonEntity(PersonName(" ".join(words[:-1]), "", words[-1], Sex.UNKNOWN),
                                                 [mention]))
        taken.append((m.start(), m.end()))


def _merge_latin(entities: Entities) -> None:
    """A person the tagger found under a Latin spelling joins the person named in Cyrillic."""
    kept: list[PersonEntity] = []
    for p in entities.persons:
        full = p.name.full
        if re.search(r"[A-Za-z]", full):
            same = next((q for q in entities.persons if q is not p and not re.search(r"[A-Za-z]", q.name.full)
                         and same_name(full, q.name.full)), None)
            if same is not None:
                same.mentions = sorted(same.mentions + p.mentions, key=lambda x: x.start)
                continue
        kept.append(p)
    entities.persons = kept
