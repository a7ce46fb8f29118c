"""Contested assertions: who asserts what, and who disputes it in the same document.

Assertions: «по мнению властей <clause>», «<clause>, считает <X>», «<X> уверен/считает/утверждает, что ...».
Denials: «не нашла подтверждения», «не предъявили никаких доказательств», «так называемых», «опроверг».
A denial or a declared «другое мнение» disputes the latest earlier claim by someone else that shares a
content stem with it, else simply the latest earlier claim by someone else.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from aqiqat.domain.enums import ClaimKind
from aqiqat.nlp.entities import Entities
from aqiqat.nlp.syntax import Sentence

_OPINION = re.compile(r"(?i:по\s+(?:мнению|словам|версии|утверждению|заявлению))\s+"
                      r"([А-ЯЁ][\w-]+(?:\s+[А-ЯЁ][\w-]+)?|[а-яё\w-]+)\s*,?\s*(?P<claim>[^.!?»]+)")
_SAYS_AFTER = re.compile(r"(?P<claim>[^.!?«»:]{12,}?),\s*(?:[–—-]\s*)?(?:считает|уверен[а]?|утверждает|полагает|"
                         r"заявил[аи]?|говорит|подчеркнул[аи]?|отметил[аи]?)\s+(?P<who>[^.!?]+)", re.IGNORECASE)
_SAYS_THAT = re.compile(r"(?P<who>[А-ЯЁ][^.!?,:«»]{1,60}?)\s+(?:считает|уверен[а]?|утверждает|полагает|"
                        r"заявил[аи]?|настаивает),?\s+что\s+(?P<claim>[^.!?»]+)", re.IGNORECASE)
_DENIAL = re.compile(r"не\s+нашл[аио]\s+подтверждени|не\s+подтвердил|не\s+предъявил[аи]?\s+(?:никаких\s+)?"
                     r"доказательств|нет\s+(?:никаких\s+)?доказательств|ни\s+одного\s+доказательства|опроверг|"
                     r"отрицает|не\s+соответствует\s+действительности|так\s+называем|ложь", re.IGNORECASE)
# Both patterns need one of these verbs; a sentence without them is not searched (the patterns are slow).
_SAYING = re.compile(r"считает|уверен|утверждает|полагает|заявил|говорит|подчеркнул|отметил|настаивает",
                     re.IGNORECASE)
_OTHER_OPINION = re.compile(r"(?:у\s+(?P<who>[^.!?]+?)\s+)?другое\s+мнение", re.IGNORECASE)
_STEM = 6
_STOP = {"которые", "которых", "поэтому", "только", "сейчас", "говорит", "считает", "уверен"}


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

    @property
    def stems(self) -> set[str]:
        words = re.findall(r"[а-яё]{6,}", self.text.lower())
        return {w[:_STEM] for w in words if w not in _STOP}

    @property
    def subject(self) -> str:
        words = [w for w in re.findall(r"[а-яё]{5,}", self.text.lower()) if w not in _STOP]
        return " ".join(words[:3])


def _who(text: str, start: int, entities: Entities, speaker_at: Callable[[int], str | None]) -> str:
    end = start + len(text)
    person = entities.person_at(start, end)
    if person is not None:
        return person.name.full
    org = entities.org_at(start, end)
    if org is not None:
        return org.name
    return text.strip().rstrip(",")


def find_claims(sents: list[Sentence], text: str, entities: Entities,
                speaker_at: Callable[[int], str | None]) -> list[ClaimFinding]:
    claims: list[ClaimFinding] = []
    for sent in sents:
        base = sent.start
        found = False
        saying = _SAYING.search(sent.text) is not None
        for pattern in (_OPINION, _SAYS_AFTER, _SAYS_THAT):
            if pattern is not _OPINION and not saying:
                continue
            for m in pattern.finditer(sent.text):
                who_group = 1 if pattern is _OPINION else "who"
                who_start = base + m.start(who_group)
                who = _who(m.group(who_group), who_start, entities, speaker_at)
                c0, c1 = base + m.start("claim"), base + m.end("claim")
                claims.append(ClaimFinding(text[c0:c1].strip(), c0, c0 + len(text[c0:c1].rstrip()),
                                           ClaimKind.ATTRIBUTION, who, (who_start, base + m.end(who_group))))
                found = True
        for m in _OTHER_OPINION.finditer(sent.text):
            who = m.group("who")
            if who:
                s = base + m.start("who")
                claims.append(ClaimFinding(sent.text.strip(), sent.start, sent.stop, ClaimKind.DENIAL,
                                           _who(who, s, entities, speaker_at), (s, s + len(who))))
                found = True
        denial = None if found else _DENIAL.search(sent.text)
        if denial is not None:
            speaker = speaker_at(base + denial.start())
            claims.append(ClaimFinding(sent.text.strip(), sent.start, sent.stop, ClaimKind.DENIAL, speaker))
    _link(claims)
    return claims


def _link(claims: list[ClaimFinding]) -> None:
    for i, claim in enumerate(claims):
        if claim.kind is not ClaimKind.DENIAL:
            continue
        earlier = [j for j in range(i) if claims[j].claimant != claim.claimant and claims[j].kind is not
                   ClaimKind.DENIAL]
        sharing = [j for j in earlier if claims[j].stems & claim.stems]
        target = sharing[-1] if sharing else (earlier[-1] if earlier else None)
        if target is not None:
            claim.disputes = target
            label = claim.claimant or "the document"
            if label not in claims[target].disputed_by:
                claims[target].disputed_by.append(label)
