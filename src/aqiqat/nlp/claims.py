"""Contested assertions: who asserts what, and who disputes it in the same document.

Assertions (patterns in nlp.claims_patterns): «по мнению властей <clause>», «по данным правозащитников, <clause>»;
«<clause>, считает <X>»; «<X> уверен/считает/сказал, что ...» (a first-person «я сказал, что» inside a quote
is the speaker's); «<X> рассказала, как ...» (a bare «Женщина» is the last quoted speaker); «<X> заявили о ...»;
«свидетельства очевидцев о том, что ...», «говорить о том, что ...»; «известно, что ...» and «нет оснований
говорить, что ...» (the document's own, or the speaker's inside a quote); «таких случаев полным-полно»;
a quote introduced or closed as an opinion («Евгений уверен: «…»», ««…», – утверждает Токаев»).
Denials: «не нашла подтверждения», «не предъявили никаких доказательств», «так называемых», «опроверг».
«Эта версия про X, она не нашла подтверждения»: X is a claim of its own (the version, held by whoever last
gave a version «по мнению/по версии ...» in the document) and the rest of the sentence denies it.
A denial or a declared «другое мнение» disputes the latest earlier claim by someone else that shares a
content stem with it, else simply the latest earlier claim by someone else. A negated assertion («Токаев не
заинтересован в расследованиях») disputes the latest earlier claim by someone else, and only when they share
a stem.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from aqiqat.domain.enums import ClaimKind
from aqiqat.nlp import claims_patterns as cp
from aqiqat.nlp.entities import Entities
from aqiqat.nlp.speakers import SpeakerMap
from aqiqat.nlp.syntax import Sentence

_STEM = 6
_STOP = {"которые", "которых", "поэтому", "только", "сейчас", "говорит", "считает", "уверен", "говорить"}
_NEGATED = re.compile(r"(?<![\w-])не\s+(?!только)", re.IGNORECASE)


@dataclass
class ClaimFinding:
    text: str
    start: int
    end: int
    kind: ClaimKind
    claimant: str | None
    claimant_span: tuple[int, int] | None = None
    disputed_by: list[str] = field(default_factory=list)
    disputes: int | None = None  # index of the claim it disputes
    pattern: str = ""
    restates: int | None = None  # a version («версия про ...») restating an earlier claim (index)

    @property
    def stems(self) -> set[str]:
        words = re.findall(r"[а-яё]{6,}", self.text.lower())
        return {w[:_STEM] for w in words if w not in _STOP}

    @property
    def subject(self) -> str:
        words = [w for w in re.findall(r"[а-яё]{5,}", self.text.lower()) if w not in _STOP]
        return " ".join(words[:3])


class _Reader:
    def __init__(self, text: str, entities: Entities, speaker_at: Callable[[int], str | None]) -> None:
        self.text, self.entities, self.speaker_at = text, entities, speaker_at
        self.claims: list[ClaimFinding] = []

    def who(self, who: str, start: int) -> str | None:
        """A claimant as the document names it: a person or organisation of the document, the speaker of the
        quote for «я»/«мы», the last quoted speaker for a bare «Женщина», else the words as written."""
        words = who.strip().rstrip(",").split()
        end = start + len(who)
        person = self.entities.person_at(start, end)
        if person is not None:
            return person.name.full
        org = self.entities.org_at(start, end)
        if org is not None:
            return org.name
        last = words[-1].lower() if words else ""
        if last in cp.FIRST_PERSON:
            return self.speaker_at(start)
        if len(words) == 1 and last in cp.ANAPHORS:
            inside = self.speaker_at(start)
            if inside is None and isinstance(self.speaker_at, SpeakerMap):
                inside = self.speaker_at.last_before(start)
            return inside or who.strip()
        return who.strip().rstrip(",") or None

    def named_before(self, lo: int, hi: int) -> str | None:
        """The person or organisation named last in ``[lo, hi)``: «Ангела Меркель в преддверии саммита
        заявила, что ...»."""
        best: tuple[int, str] | None = None
        for name, mentions in [(p.name.full, p.mentions) for p in self.entities.persons] + \
                [(o.name, o.mentions) for o in self.entities.orgs]:
            for m in mentions:
                if lo <= m.start < hi and (best is None or m.start > best[0]):
                    best = (m.start, name)
        return best[1] if best else None

    def add(self, c0: int, c1: int, kind: ClaimKind, claimant: str | None, who_span: tuple[int, int] | None,
            pattern: str) -> ClaimFinding | None:
        raw = self.text[c0:c1]
        c0 += len(raw) - len(raw.lstrip())
        raw = raw.strip().rstrip(",;:–—-").rstrip()
        c1 = c0 + len(raw)
        if c1 - c0 < 8:
            return None
        for other in self.claims:  # the same passage found by two wordings: keep the first
            if other.start < c1 and c0 < other.end and other.claimant == claimant:
                return None
        if kind is ClaimKind.ATTRIBUTION and cp.NUMBER.search(raw):
            kind = ClaimKind.FIGURE
        claim = ClaimFinding(raw, c0, c1, kind, claimant, who_span, pattern=pattern)
        self.claims.append(claim)
        return claim

    def attributed(self, sent: Sentence) -> bool:
        base, found = sent.start, False
        saying = cp.SAYING.search(sent.text) is not None
        for name, pattern in (("opinion", cp.OPINION), ("after", cp.SAYS_AFTER), ("that", cp.SAYS_THAT),
                              ("told", cp.TOLD_HOW), ("about", cp.SAID_ABOUT)):
            if name in ("after", "that") and not saying:
                continue
            for m in pattern.finditer(sent.text):
                first = m.group("who").split()[0].lower() if m.group("who").split() else ""
                w0, w1 = base + m.start("who"), base + m.end("who")
                claimant = self.who(m.group("who"), w0)
                if name in ("that", "told") and claimant == m.group("who").strip().rstrip(","):
                    claimant = self.named_before(sent.start, w1) or claimant  # not resolved: a name before
                elif first in cp.VAGUE_SOURCES or first in cp.NOT_CLAIMANTS:
                    continue
                if claimant == m.group("who").strip().rstrip(",") and first in cp.NOT_CLAIMANTS:
                    continue
                found |= self.add(base + m.start("claim"), base + m.end("claim"), ClaimKind.ATTRIBUTION,
                                  claimant, (w0, w1), name) is not None
        for m in cp.ABOUT_THAT.finditer(sent.text):
            pos = base + m.start()
            span = (base + m.start("who"), base + m.end("who")) if m.group("who") else None
            claimant = m.group("who") if m.group("who") else self.speaker_at(pos)
            found |= self.add(base + m.start("claim"), base + m.end("claim"), ClaimKind.ATTRIBUTION, claimant,
                              span, "about_that") is not None
        for pattern, name in ((cp.KNOWN, "known"), (cp.NO_GROUNDS, "no_grounds")):
            for m in pattern.finditer(sent.text):
                pos = base + m.start()
                claimant = self.speaker_at(pos)
                kind = ClaimKind.ATTRIBUTION if claimant else ClaimKind.OTHER
                found |= self.add(base + m.start("claim"), base + m.end("claim"), kind, claimant, None,
                                  name) is not None
        many = cp.MANY_CASES.search(sent.text)
        if many is not None:
            claimant = self.speaker_at(base + many.start())
            kind = ClaimKind.ATTRIBUTION if claimant else ClaimKind.OTHER
            found |= self.add(sent.start, sent.stop, kind, claimant, None, "many_cases") is not None
        return found

    def disputing(self, sent: Sentence) -> None:
        base = sent.start
        for m in cp.OTHER_OPINION.finditer(sent.text):
            who = m.group("who")
            if who:
                s = base + m.start("who")
                claim = ClaimFinding(sent.text.strip(), sent.start, sent.stop, ClaimKind.DENIAL,
                                     self.who(who, s), (s, s + len(who)), pattern="other_opinion")
                self.claims.append(claim)
                return
        version = cp.VERSION.search(sent.text)
        after = version.end() if version is not None else 0
        denial = cp.DENIAL.search(sent.text, after) or (cp.DENIAL.search(sent.text) if version else None)
        if denial is None:
            return
        speaker = self.speaker_at(base + denial.start())
        if version is not None and version.end() <= denial.start():
            v = self.add(base + version.start("claim"), base + version.end("claim"), ClaimKind.ATTRIBUTION, None,
                         None, "version")
            if v is not None:
                v.restates = next((j for j in range(len(self.claims) - 2, -1, -1)
                                   if self.claims[j].pattern == "opinion" and self.claims[j].claimant != speaker),
                                  None)
                if v.restates is not None:
                    v.claimant = self.claims[v.restates].claimant
        # the denial starts after the version it denies, a line break or an opening quote mark
        cut = max(sent.text.rfind("\n", 0, denial.start()), sent.text.rfind("«", 0, denial.start()))
        start = base + max(after, cut + 1)
        text = self.text[start:sent.stop]
        text = text.lstrip(" ,–—-")
        start = sent.stop - len(text)
        stripped = text.strip().rstrip("»\"")
        self.claims.append(ClaimFinding(stripped, start, start + len(stripped), ClaimKind.DENIAL, speaker,
                                        pattern="denial"))

    def quoted(self, quotes: list[tuple[int, int, str]]) -> None:
        """Quotes introduced or closed as an opinion: the whole quote is the speaker's claim."""
        for start, end, speaker in quotes:
            before, after = self.text[max(0, start - 40):start], self.text[end:end + 40]
            if cp.OPINION_BEFORE_QUOTE.search(before) or cp.OPINION_AFTER_QUOTE.match(after):
                self.add(start, end, ClaimKind.ATTRIBUTION, speaker, None, "quote")


def find_claims(sents: list[Sentence], text: str, entities: Entities,
                speaker_at: Callable[[int], str | None]) -> list[ClaimFinding]:
    reader = _Reader(text, entities, speaker_at)
    for sent in sents:
        if not reader.attributed(sent):
            reader.disputing(sent)
    if isinstance(speaker_at, SpeakerMap):
        reader.quoted(speaker_at.quotes)
    claims = _ordered(reader.claims)
    _link(claims)
    return claims


def _ordered(claims: list[ClaimFinding]) -> list[ClaimFinding]:
    """Claims in document order, with ``restates`` indexes following them."""
    order = sorted(range(len(claims)), key=lambda j: (claims[j].start, j))
    new_index = {old: new for new, old in enumerate(order)}
    out = [claims[j] for j in order]
    for c in out:
        if c.restates is not None:
            c.restates = new_index[c.restates]
    return out


def _dispute(claims: list[ClaimFinding], i: int, target: int) -> None:
    claim = claims[i]
    claim.disputes = target
    label = claim.claimant or "the document"
    for t in (target, claims[target].restates):
        if t is not None and label not in claims[t].disputed_by and claims[t].claimant != claim.claimant:
            claims[t].disputed_by.append(label)


def _link(claims: list[ClaimFinding]) -> None:
    for i, claim in enumerate(claims):
        denial = claim.kind is ClaimKind.DENIAL
        negated = not denial and claim.claimant is not None and _NEGATED.search(claim.text) is not None
        if not (denial or negated):
            continue
        earlier = [j for j in range(i) if claims[j].claimant != claim.claimant and claims[j].kind is not
                   ClaimKind.DENIAL]
        if negated:  # only the claim it answers: the latest by someone else, on the same matter
            earlier = earlier[-1:]
        sharing = [j for j in earlier if claims[j].stems & claim.stems]
        target = sharing[-1] if sharing else (earlier[-1] if earlier and denial else None)
        if target is not None:
            _dispute(claims, i, target)
