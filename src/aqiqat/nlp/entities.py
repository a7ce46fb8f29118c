"""One entity per person, place and organisation of a document, with every mention linked to it.

`Данияр` and `Данияр Хасенов` are one person; `Токаев` and `Токаева` (genitive) one; `супруги Нургалиевы`
are two people sharing one mention.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from aqiqat.domain.enums import ActorKind, PlaceKind, Sex
from aqiqat.nlp.mentions import LOC, ORG, PER, Mention, TokenIndex
from aqiqat.nlp.models import Morph
from aqiqat.nlp.names import FEMALE_CUES, MALE_CUES, PLURAL_CUES, NameToken, PersonName, normalise_name

ROLE_WORDS = frozenset({
    "президент", "премьер", "министр", "активист", "активистка", "правозащитник", "правозащитница",
    "журналист", "журналистка", "корреспондент", "адвокат", "юрист", "депутат", "глава", "аким", "генерал",
    "полковник", "майор", "судья", "прокурор", "следователь", "политик", "эксперт", "аналитик", "блогер",
    "экономист", "политолог", "директор", "председатель", "лидер", "основатель", "сотрудник", "супруга",
    "супруг", "жена", "муж", "мать", "отец", "сын", "дочь", "брат", "сестра", "вдова", "житель", "жительница",
    "очевидец", "свидетель", "пресс-секретарь", "представитель", "спикер", "экс-президент", "мэр", "посол",
})
ACTOR_KIND_WORDS: tuple[tuple[tuple[str, ...], ActorKind], ...] = (
    (("кнб", "фсб", "служб", "безопасност", "спецслужб", "гкнб", "снб", "разведк"), ActorKind.STATE_SECURITY),
    (("мвд", "полици", "омон", "нацгвард", "прокуратур", "милици", "спецназ"), ActorKind.POLICE),
    (("арми", "минобороны", "вооруж", "войск", "одкб", "военн"), ActorKind.MILITARY),
    (("мид", "министерств", "правительств", "администрац", "парламент", "мажилис", "сенат", "акимат",
      "власт", "суд", "генпрокуратур", "кабмин", "президент"), ActorKind.GOVERNMENT),
    (("коалици", "правозащит", "фонд", "движени", "бюро", "комитет", "хельсинк", "amnesty", "human rights",
      "мемориал", "организац", "союз", "ассоциац", "партия"), ActorKind.CIVIL_SOCIETY),
    (("газет", "агентств", "телеканал", "радио", "tv", "тв", "новост", "журнал", "медиа", "nexta", "belsat",
      "белсат", "азаттык", "reuters", "bbc", "интерфакс", "тасс", "риа", "sputnik", "vlast", "orda"),
     ActorKind.MEDIA),
)


_CUES = frozenset(PLURAL_CUES) | frozenset(FEMALE_CUES) | frozenset(MALE_CUES)
_FEMALE = frozenset(FEMALE_CUES)


def actor_kind(name: str) -> ActorKind:
    low = name.lower()
    for stems, kind in ACTOR_KIND_WORDS:
        if any(s in low for s in stems):
            return kind
    return ActorKind.UNKNOWN


@dataclass
class PersonEntity:
    name: PersonName
    mentions: list[Mention] = field(default_factory=list)
    forms: list[PersonName] = field(default_factory=list)
    role: str = ""

    @property
    def key(self) -> str:
        return surname_key(self.name.surname)


@dataclass
class PlaceEntity:
    name: str
    kind: PlaceKind
    gazetteer_id: str | None
    lat: float | None
    lon: float | None
    country_code: str | None
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class OrgEntity:
    name: str
    kind: ActorKind
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Entities:
    persons: list[PersonEntity]
    places: list[PlaceEntity]
    orgs: list[OrgEntity]

    def person_at(self, start: int, end: int) -> PersonEntity | None:
        for person in self.persons:
            if any(m.start < end and start < m.end for m in person.mentions):
                return person
        return None

    def org_at(self, start: int, end: int) -> OrgEntity | None:
        for org in self.orgs:
            if any(m.start < end and start < m.end for m in org.mentions):
                return org
        return None


def surname_key(surname: str) -> str:
    low = surname.lower().replace("ё", "е")
    if low.endswith(("ова", "ева", "ина", "ына")):
        return low[:-1]
    if low.endswith("ая") and low[:-2].endswith(("ск", "цк")):
        return low[:-2] + "ий"
    return low


def _sex_hint(mention: Mention, index: TokenIndex, morph: Morph) -> tuple[Sex, str]:
    """Sex from the words next to the name (супруга, господина) or from the verb it is subject of."""
    cue = ""
    for tok in reversed(index.before(mention.start, 2)):
        lemma = morph.lemma_among(tok.text, _CUES)
        if tok.text.lower() in PLURAL_CUES or lemma in PLURAL_CUES:
            cue = tok.text.lower() if tok.text.lower() in PLURAL_CUES else lemma
        if lemma in FEMALE_CUES or tok.text.lower() in FEMALE_CUES:
            return Sex.FEMALE, cue
        if lemma in MALE_CUES:
            return Sex.MALE, cue
    for tok in index.after(mention.end, 3)[1:]:
        if morph.lemma_among(tok.text, _FEMALE) in FEMALE_CUES:
            return Sex.FEMALE, cue
    tokens = index.covering(mention.start, mention.end)
    ids = {t.id for t in tokens}
    heads = [t for t in tokens if t.head_id not in ids]
    by_id = {t.id: t for t in index.around(mention.start, mention.end)}
    for tok in heads:
        head = by_id.get(tok.head_id)
        if tok.rel == "nsubj" and head is not None and head.pos in ("VERB", "AUX", "ADJ"):
            gender = (head.feats or {}).get("Gender")
            if gender == "Fem":
                return Sex.FEMALE, cue
            if gender == "Masc":
                return Sex.MALE, cue
    return Sex.UNKNOWN, cue


def _role(mention: Mention, index: TokenIndex, morph: Morph) -> str:
    """The role word next to a name, in the nominative («правозащитника Асылова» -> «правозащитник»)."""
    before = index.before(mention.start, 3)
    for tok in reversed(before):
        lemma = morph.lemma_among(tok.text, ROLE_WORDS)
        if lemma in ROLE_WORDS:
            return lemma
    after = index.after(mention.end, 3)
    if after and after[0].text == "," and len(after) > 1:
        lemma = morph.lemma_among(after[1].text, ROLE_WORDS)
        if lemma in ROLE_WORDS:
            return lemma
    return ""


def resolve_persons(mentions: list[Mention], index: TokenIndex, morph: Morph,
                    nominative_at: frozenset[int] = frozenset()) -> list[PersonEntity]:
    """``nominative_at``: starts of mentions known to be in the nominative (speaker labels)."""
    named: list[tuple[Mention, PersonName, str]] = []
    for mention in mentions:
        if mention.type != PER:
            continue
        tokens = [NameToken(t.text, dict(t.feats or {})) for t in index.covering(mention.start, mention.end)]
        if not tokens:
            continue
        if mention.start in nominative_at:  # «Евгения Кузнецова: …» opening a line: a speaker label
            tokens = [NameToken(t.text, {**t.feats, "Case": "Nom"}) for t in tokens]
        hint, cue = _sex_hint(mention, index, morph)
        role = _role(mention, index, morph)
        for name in normalise_name(tokens, morph, hint, cue):
            named.append((mention, name, role))
    # full names first, so that a lone given name or surname joins the person it abbreviates
    order = sorted(range(len(named)), key=lambda i: (-(bool(named[i][1].given) + bool(named[i][1].surname)), i))
    persons: list[PersonEntity] = []
    for i in order:
        mention, name, role = named[i]
        person = _match(persons, name)
        if person is None:
            person = PersonEntity(name)
            persons.append(person)
        elif _richer(name, person.name):
            person.name = name
        person.mentions.append(mention)
        person.forms.append(name)
        person.role = person.role or role
    for person in persons:
        person.mentions.sort(key=lambda m: m.start)
    persons.sort(key=lambda p: p.mentions[0].start)
    return persons


def _richer(new: PersonName, old: PersonName) -> bool:
    def parts(n: PersonName) -> int:
        return bool(n.given) + bool(n.surname) + bool(n.patronymic)
    return parts(new) > parts(old) or (parts(new) == parts(old) and new.certain_sex and not old.certain_sex)


def _match(persons: list[PersonEntity], name: PersonName) -> PersonEntity | None:
    key = surname_key(name.surname)
    candidates = []
    for person in persons:
        other = person.name
        if name.surname and other.surname:
            if key != person.key:
                continue
            if name.given and other.given and name.given.lower()[:1] != other.given.lower()[:1]:
                continue
            if name.plural or other.plural:
                if name.sex is not other.sex:
                    continue
            elif name.sex is not other.sex and name.certain_sex and other.certain_sex:
                continue
            candidates.append(person)
        elif name.given and not name.surname and other.given.lower() == name.given.lower():
            candidates.append(person)
        elif name.surname and not other.surname and not name.given and other.given.lower() == name.surname.lower():
            candidates.append(person)
    if len(candidates) == 1:
        return candidates[0]
    same_sex = [p for p in candidates if p.name.sex is name.sex]
    return same_sex[0] if len(same_sex) == 1 else None


def _place_name(mention: Mention, morph: Morph) -> str:
    """A one-word place in its dictionary form. Of a hyphenated name only the last part declines («Усть-
    Каменогорска» → «Усть-Каменогорск»; «Аль-Фараби» stays whole, «Аль» is no form of «Аля»)."""
    words = mention.text.split()
    if len(words) != 1 or not words[0][:1].isupper():
        return mention.text
    *head, last = words[0].split("-")
    lemma = morph.lemma(last)
    return "-".join([*head, last[:1] + lemma[1:]])


def resolve_places(mentions: list[Mention], morph: Morph) -> list[PlaceEntity]:
    places: dict[str, PlaceEntity] = {}
    for mention in mentions:
        if mention.type != LOC:
            continue
        g = mention.place
        if g is not None:
            key = g.gazetteer_id
            entity = places.setdefault(key, PlaceEntity(g.name, g.kind, g.gazetteer_id, g.lat, g.lon,
                                                        g.country_code))
        else:
            name = _place_name(mention, morph)
            entity = places.setdefault("text:" + name.lower(), PlaceEntity(name, PlaceKind.SITE, None, None, None,
                                                                          None))
        entity.mentions.append(mention)
    return list(places.values())


def org_name(mention: Mention, index: TokenIndex, morph: Morph) -> str:
    """Nominative of an organisation name: the head noun and the adjectives before it are put in the
    nominative, the words after it (genitive complements, names in quotes) stay as written."""
    tokens = index.covering(mention.start, mention.end)
    if not tokens or mention.text.isupper() or len(tokens) == 1 and not tokens[0].text.islower() and \
            tokens[0].text[1:].islower() is False:
        return mention.text
    out: list[str] = []
    pos = mention.start
    for i, tok in enumerate(tokens):
        word = tok.text
        feats = tok.feats or {}
        if tok.pos in ("NOUN", "ADJ", "PROPN") and feats.get("Case") not in (None, "Nom") and not word.isupper():
            parse = next((p for p in morph.parse(word.lower()) if p.tag.POS in ("NOUN", "ADJF")), None)
            if parse is not None:
                inflected = parse.inflect({"nomn"})
                if inflected is not None:
                    new = inflected.word
                    word = new[:1].upper() + new[1:] if word[:1].isupper() else new
        out.append(mention.text[pos - mention.start: tok.start - mention.start] if i else "")
        out.append(word)
        pos = tok.stop
        if tok.pos in ("NOUN", "PROPN"):
            out.append(mention.text[pos - mention.start:])
            break
    return "".join(out).strip()


def resolve_orgs(mentions: list[Mention], index: TokenIndex, morph: Morph) -> list[OrgEntity]:
    orgs: dict[str, OrgEntity] = {}
    for mention in mentions:
        if mention.type != ORG:
            continue
        name = org_name(mention, index, morph)
        key = " ".join(morph.lemma(w) for w in name.replace("–", " ").replace("-", " ").split())
        entity = orgs.setdefault(key, OrgEntity(name, actor_kind(name)))
        entity.mentions.append(mention)
    return list(orgs.values())


def resolve(mentions: list[Mention], index: TokenIndex, morph: Morph,
            nominative_at: frozenset[int] = frozenset()) -> Entities:
    return Entities(resolve_persons(mentions, index, morph, nominative_at), resolve_places(mentions, morph),
                    resolve_orgs(mentions, index, morph))
