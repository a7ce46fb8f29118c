"""Events of the DESIGN.md taxonomy, read from lemmas and the syntax tree, with their date, place, victims
(named and unnamed counted groups), perpetrators, outcome and claimant."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aqiqat.domain.enums import ActorKind, DatePrecision, EventType, Harm, PlaceKind, Sex
from aqiqat.nlp.deployment import find_deployment
from aqiqat.nlp.entities import Entities, PlaceEntity
from aqiqat.nlp.event_lexicon import (
    ACTORS,
    DEPLOYMENT,
    FIRE_NOUNS,
    FIRE_VERBS,
    HARM_OF,
    MODALS,
    NEEDS_NAMED_SUBJECT,
    NOMINATIVE_ONLY,
    NUMBER_WORDS,
    ORDER_WORDS,
    OUTCOMES,
    PEOPLE,
    SHUTDOWN_VERBS,
    SHUTDOWN_WORDS,
    SOURCE_MARKERS,
    TRIGGERS,
    WITH_VICTIMS,
    WITNESS_MARKERS,
)
from aqiqat.nlp.models import Morph
from aqiqat.nlp.syntax import Sentence

_AGE = re.compile(r"(\d{1,3})\s*-?\s*(?:ти|х|ми|ти-)?\s*-?летн", re.IGNORECASE)
_CAPTION_CHARS = 160
_CAPTION_END = re.compile(r"[\s.]*(?:г\.|года?)?[\s.]*$")
_PLACE_RANK = {PlaceKind.SITE: 4, PlaceKind.DISTRICT: 3, PlaceKind.CITY: 3, PlaceKind.REGION: 2,
               PlaceKind.COUNTRY: 1}


@dataclass
class Victim:
    name: str | None
    count: int
    harm: Harm | None
    attributes: dict[str, str | int]
    start: int
    end: int
    sex: Sex = Sex.UNKNOWN


@dataclass
class Perpetrator:
    name: str
    kind: str
    start: int
    end: int


@dataclass
class EventFinding:
    type: EventType
    trigger_start: int
    trigger_end: int
    trigger: str
    sentence: Sentence
    date: Any = None  # a DateMention of nlp.dates
    place: PlaceEntity | None = None
    place_span: tuple[int, int] | None = None
    victims: list[Victim] = field(default_factory=list)
    perpetrators: list[Perpetrator] = field(default_factory=list)
    outcome: Harm | None = None
    outcome_span: tuple[int, int] | None = None
    killed: int | None = None
    claimant: str | None = None
    subtype: str | None = None
    counts: dict[str, Any] = field(default_factory=dict)  # "detained"/"injured"/"killed" -> event_counts.Count


def _negated(sent: Sentence, i: int) -> bool:
    if any(sent.lemmas[j] == "не" for j in sent.children(i)):
        return True
    return sent.lemmas[i] in ("убить", "убивать") and "ли" in sent.lemmas  # «Были ли убиты ... неизвестно»


def _named_at(entities: Entities, start: int, end: int) -> str | None:
    person = entities.person_at(start, end)
    if person is not None:
        return person.name.full
    org = entities.org_at(start, end)
    return org.name if org is not None else None


def _name_children(sent: Sentence, j: int) -> list[int]:
    """«президент Токаев»: the name next to a title that heads the phrase."""
    return list(sent.children(j, "appos", "flat", "nmod"))


def _triggers(sent: Sentence, entities: Entities, in_quote: Callable[[int], bool]) -> list[tuple[EventType, int]]:
    found: dict[EventType, int] = {}
    has_order = any(lemma in ORDER_WORDS for lemma in sent.lemmas)
    shutdown = any(lem in SHUTDOWN_WORDS for lem in sent.lemmas)
    for i, (tok, lemma) in enumerate(zip(sent.tokens, sent.lemmas, strict=True)):
        kind = TRIGGERS.get(lemma)
        if lemma in SHUTDOWN_VERBS and shutdown:
            kind = EventType.INTERNET_SHUTDOWN
        if kind is None and _fire_object(sent, i) is not None:
            kind = EventType.SHOOTING  # «открыли огонь»
        if kind is None or _negated(sent, i):
            continue
        head = sent.head(i)
        if tok.rel == "xcomp" and head is not None and sent.lemmas[head] in MODALS and not has_order:
            continue  # «мы должны открывать огонь»: a duty, not an event
        if kind in NOMINATIVE_ONLY and (sent.feats(i).get("Case") not in (None, "Nom") or tok.pos != "NOUN"):
            continue
        if kind in NOMINATIVE_ONLY and any(sent.tokens[j].pos in ("PRON", "DET") for j in sent.children(i)):
            continue  # «демонстрация того, что ...»
        if any(sent.lemmas[j] == "чтобы" for j in sent.children(i)):
            continue  # a purpose, not an event
        if kind in NEEDS_NAMED_SUBJECT:
            subjects = [sent.tokens[k] for j in sent.children(i, "nsubj") for k in [j, *_name_children(sent, j)]]
            if in_quote(tok.start) or not any(_named_at(entities, s.start, s.stop) for s in subjects):
                continue
        if kind is EventType.SHOOTING and has_order:
            kind = EventType.ORDER_TO_SHOOT
        found.setdefault(kind, i)
    if EventType.KILLING in found:
        found.pop(EventType.SHOOTING, None)
    return sorted(((k, i) for k, i in found.items()), key=lambda x: x[1])


def _fire_object(sent: Sentence, i: int) -> int | None:
    """The «огонь» of «открыли огонь» (a fire verb's object), or None."""
    if sent.lemmas[i] not in FIRE_VERBS:
        return None
    return next((j for j in sent.children(i, "obj") if sent.lemmas[j] in FIRE_NOUNS), None)


def _trigger_span(sent: Sentence, i: int) -> tuple[int, int]:
    """The trigger word, with the object of «открыли огонь» when it follows the verb closely."""
    start, end = sent.tokens[i].start, sent.tokens[i].stop
    j = _fire_object(sent, i)
    if j is not None and 0 < j - i <= 2:
        end = sent.tokens[j].stop
    return start, end


def _actor_name(sent: Sentence, i: int, morph: Morph) -> tuple[str, int, int]:
    """«сотрудники КНБ», «военные», «правоохранительные органы» as written, nominative plural if possible."""
    parts = [i] + [j for j in sent.children(i, "nmod", "amod", "flat")
                   if abs(j - i) <= 3 and not any(True for _ in sent.children(j, "case"))]
    parts = sorted(p for p in parts if sent.tokens[p].pos not in ("PRON", "DET"))
    start, end = sent.tokens[parts[0]].start, sent.tokens[parts[-1]].stop
    text = sent.text[start - sent.start:end - sent.start]
    return text, start, end


def _subjects(sent: Sentence, i: int) -> list[int]:
    node: int | None = i
    for _ in range(4):
        if node is None:
            return []
        subj = list(sent.children(node, "nsubj"))
        subj = [j for j in subj if sent.tokens[j].rel != "nsubj:pass"]
        if subj:
            return subj
        if sent.tokens[node].rel not in ("conj", "xcomp", "acl", "nmod", "obj", "ccomp", "advcl", "csubj"):
            return []
        node = sent.head(node)
    return []


def _perpetrators(sent: Sentence, i: int, kind: EventType, entities: Entities, morph: Morph) -> list[Perpetrator]:
    out: list[Perpetrator] = []
    candidates = _subjects(sent, i)
    if kind in WITH_VICTIMS or kind is EventType.ARSON:
        candidates += [j for j, t in enumerate(sent.tokens) if t.rel == "nsubj" and sent.lemmas[j] in ACTORS]
    seen: set[int] = set()
    for j in candidates:
        if j in seen:
            continue
        seen.add(j)
        tok = sent.tokens[j]
        person = entities.person_at(tok.start, tok.stop)
        org = entities.org_at(tok.start, tok.stop)
        if person is None and org is None and sent.lemmas[j] not in ACTORS:
            for k in _name_children(sent, j):
                t = sent.tokens[k]
                person = person or entities.person_at(t.start, t.stop)
                org = org or entities.org_at(t.start, t.stop)
        if person is not None:
            out.append(Perpetrator(person.name.full, "person", tok.start, tok.stop))
        elif org is not None:
            out.append(Perpetrator(org.name, org.kind.value, tok.start, tok.stop))
        elif sent.lemmas[j] in ACTORS:
            name, start, end = _actor_name(sent, j, morph)
            actor_kind = ACTORS[sent.lemmas[j]]
            low = name.lower()
            if "кнб" in low or "кгб" in low or "фсб" in low:
                actor_kind = ActorKind.STATE_SECURITY
            out.append(Perpetrator(name, actor_kind.value, start, end))
    return out


def _count(sent: Sentence, i: int) -> int | None:
    for j in sent.children(i, "nummod", "det", "amod"):
        word = sent.tokens[j].text.lower()
        if word.isdigit():
            return int(word)
        if sent.lemmas[j] in NUMBER_WORDS or word in NUMBER_WORDS:
            return NUMBER_WORDS.get(word, NUMBER_WORDS.get(sent.lemmas[j]))
    return None


def _age(sent: Sentence, i: int) -> int | None:
    for j in [*sent.children(i), i + 1, i - 1]:
        if 0 <= j < len(sent.tokens):
            match = _AGE.search(sent.tokens[j].text)
            if match:
                return int(match.group(1))
    return None


def _victims(sent: Sentence, i: int, entities: Entities, perps: list[Perpetrator], harm: Harm | None,
             morph: Morph) -> list[Victim]:
    taken = [(p.start, p.end) for p in perps]
    top, seen = i, {i}
    while sent.tokens[top].rel in ("conj", "xcomp"):
        up = sent.head(top)
        if up is None or up in seen:  # the root, or a cycle of the parser's heads
            break
        top = up
        seen.add(up)
    scope = [(sent.tokens[j].start, sent.tokens[j].stop) for j in sent.subtree(top)]
    if any(sent.tokens[j].rel == "aux:pass" for j in sent.children(i)) or sent.feats(i).get("Voice") == "Pass":
        j = i - 1  # «мать, отец и их дочь были расстреляны»: the group before a passive verb
        while j >= 0 and sent.tokens[j].pos not in ("VERB",):
            scope.append((sent.tokens[j].start, sent.tokens[j].stop))
            j -= 1

    def in_scope(pos: int) -> bool:
        return any(s <= pos < e for s, e in scope)

    out: list[Victim] = []
    for person in entities.persons:
        for m in person.mentions:
            if in_scope(m.start) and not any(s <= m.start < e for s, e in taken):
                if not any(v.name == person.name.full for v in out):
                    out.append(Victim(person.name.full, 1, harm, {}, m.start, m.end, person.name.sex))
    for j, (tok, lemma) in enumerate(zip(sent.tokens, sent.lemmas, strict=True)):
        if lemma not in PEOPLE or tok.pos != "NOUN" or any(s <= tok.start < e for s, e in taken):
            continue
        if not in_scope(tok.start):
            continue
        if entities.person_at(tok.start, tok.stop) is not None:
            continue
        if any(entities.person_at(sent.tokens[c].start, sent.tokens[c].stop) for c in sent.children(j, "nmod", "appos",
                                                                                                  "flat")):
            continue  # «супруги Нургалиевы»: the named people are the victims
        count = _count(sent, j)
        if lemma in ("человек", "гражданин", "житель", "гражданский") and count is None and \
                sent.tokens[j].rel not in ("nsubj:pass", "obj", "obl"):
            continue
        attrs: dict[str, str | int] = {"role": lemma}
        sex = PEOPLE[lemma]
        if sex is not Sex.UNKNOWN:
            attrs["sex"] = sex.value
        age = _age(sent, j)
        if age is not None:
            attrs["age"] = age
        out.append(Victim(None, count or 1, harm, attrs, tok.start, tok.stop, sex))
    return out


def _outcome(sents: list[Sentence], k: int, i: int, event: EventFinding) -> None:
    """«Оба мужчины погибли», «все погибли»: the harm and how many, in this sentence or the next."""
    for n, sent in enumerate(sents[k:k + 2]):
        start = i + 1 if n == 0 else 0
        if n == 1 and any(lemma in TRIGGERS for lemma in sent.lemmas):
            return
        for j in range(start, len(sent.tokens)):
            harm = OUTCOMES.get(sent.lemmas[j])
            if harm is None or sent.tokens[j].pos not in ("VERB", "ADJ") or _negated(sent, j):
                continue
            if sent.tokens[j].rel.split(":")[0] in ("nmod", "obl", "obj", "iobj"):
                continue  # «вдова погибшего»: a person described, not an outcome
            event.outcome = harm
            event.outcome_span = (sent.tokens[j].start, sent.tokens[j].stop)
            total = sum(v.count for v in event.victims) or None
            count: int | None = None
            sex = Sex.UNKNOWN
            for s in sent.children(j, "nsubj"):
                if sent.lemmas[s] in ("весь", "все"):
                    count = total
                else:
                    count = _count(sent, s) or NUMBER_WORDS.get(sent.tokens[s].text.lower())
                    sex = PEOPLE.get(sent.lemmas[s], Sex.UNKNOWN)
            if count is None and n == 0:
                count = total
            if harm is Harm.KILLED:
                event.killed = count
                if event.type is EventType.SHOOTING:
                    event.type = EventType.KILLING
            matching = [v for v in event.victims if sex is Sex.UNKNOWN or v.sex is sex]
            if count is not None and sum(v.count for v in matching) == count:
                for v in matching:
                    v.harm = harm
            return


def _place(sent: Sentence, entities: Entities) -> tuple[PlaceEntity | None, tuple[int, int] | None]:
    best: tuple[int, int, PlaceEntity, tuple[int, int]] | None = None
    for place in entities.places:
        for m in place.mentions:
            if sent.start <= m.start < sent.stop:
                key = (_PLACE_RANK.get(place.kind, 0), -m.start)
                if best is None or key > best[:2]:
                    best = (key[0], key[1], place, (m.start, m.end))
    return (best[2], best[3]) if best else (None, None)


def _claimant(sent: Sentence, pos: int, speaker_at: Callable[[int], str | None]) -> str | None:
    speaker = speaker_at(pos)
    if speaker:
        return speaker
    low = sent.text.lower()
    for marker in SOURCE_MARKERS:
        at = low.find(marker)
        if at >= 0:
            after = sent.start + at + len(marker)
            words: list[str] = []
            for tok in sent.tokens:
                if tok.start < after:
                    continue
                if tok.pos not in ("NOUN", "PROPN", "ADJ") or len(words) == 3:
                    break
                words.append(tok.text)
            return " ".join(words) or None
    for lemma, label in WITNESS_MARKERS.items():
        if lemma in sent.lemmas:
            return label
    return None


def _caption_date(text: str, pos: int, dates: list[Any]) -> Any:
    """The date of a caption-like line: a short line that ends in a full date («Армия на улицах Алматы,
    Казахстан. 6 января 2022 года.») gives that date to the events it names."""
    if not text:
        return None
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line_end = len(text) if line_end < 0 else line_end
    if len(text[line_start:line_end].strip()) > _CAPTION_CHARS:
        return None
    for d in reversed(dates):
        if line_start <= d.start and d.end <= line_end:
            full = d.anchor == "absolute" and d.value.precision is DatePrecision.DAY
            return d if full and _CAPTION_END.match(text, d.end, line_end) else None
    return None


def _situate(event: EventFinding, sent: Sentence, pos: int, dates: list[Any], entities: Entities,
             speaker_at: Callable[[int], str | None], text: str) -> None:
    """Date (the last one before the trigger in its sentence, else the first after it, else the date a
    caption line ends in), place and claimant."""
    # a "sentence" that runs over a line break is a headline glued to a dateline («Стрельба в X\n\nX, 12 января
    # 2022 года.»): the dateline's date is when the report was written, not when the headline's event happened
    in_sentence = [d for d in dates if sent.start <= d.start < sent.stop
                   and "\n" not in text[min(pos, d.start):max(pos, d.end)]]
    before = [d for d in in_sentence if d.start <= pos]
    event.date = before[-1] if before else (in_sentence[0] if in_sentence else _caption_date(text, pos, dates))
    event.place, event.place_span = _place(sent, entities)
    event.claimant = _claimant(sent, pos, speaker_at)


def find_events(sents: list[Sentence], entities: Entities, dates: list[Any], morph: Morph,
                speaker_at: Callable[[int], str | None], text: str = "") -> list[EventFinding]:
    """``text`` is the document (the sentences' text is cut from it); without it no caption dates."""
    events: list[EventFinding] = []
    for k, sent in enumerate(sents):
        triggers = _triggers(sent, entities, lambda p: speaker_at(p) is not None)
        if not triggers and "случай" in sent.lemmas and "произойти" in sent.lemmas and events:
            place, span = _place(sent, entities)  # «Тот случай произошел в ... Талдыкорган»
            if events[-1].place is None and place is not None:
                events[-1].place, events[-1].place_span = place, span
        for kind, i in triggers:
            tok = sent.tokens[i]
            t0, t1 = _trigger_span(sent, i)
            event = EventFinding(kind, t0, t1, sent.text[t0 - sent.start:t1 - sent.start], sent)
            event.perpetrators = _perpetrators(sent, i, kind, entities, morph)
            if kind in WITH_VICTIMS:
                event.victims = _victims(sent, i, entities, event.perpetrators, HARM_OF.get(kind), morph)
            _situate(event, sent, tok.start, dates, entities, speaker_at, text)
            if kind is EventType.STATEMENT and event.perpetrators:
                event.claimant, event.perpetrators = event.perpetrators[0].name, []
            _outcome(sents, k, i, event)
            if event.killed is None and event.type is EventType.KILLING and event.victims:
                event.killed = sum(v.count for v in event.victims)
            if not _adds_nothing(event, events):
                events.append(event)
        deployment = find_deployment(sent) if sent.tokens else None
        if deployment is not None:
            d0, d1 = deployment.start, deployment.end
            event = EventFinding(EventType.OTHER, d0, d1, sent.text[d0 - sent.start:d1 - sent.start], sent,
                                 subtype=DEPLOYMENT)
            name, a0, a1 = _actor_name(sent, deployment.forces, morph)
            kind_of = ACTORS.get(sent.lemmas[deployment.forces], ActorKind.MILITARY)
            event.perpetrators = [Perpetrator(name, kind_of.value, a0, a1)]
            _situate(event, sent, sent.tokens[deployment.trigger].start, dates, entities, speaker_at, text)
            events.append(event)
    return events


def _adds_nothing(event: EventFinding, events: list[EventFinding]) -> bool:
    """A second mention of an event type with nothing of its own («пытки продолжают быть ...»)."""
    bare = event.date is None and event.place is None and not event.victims and not event.perpetrators
    return bare and any(e.type is event.type for e in events)
