"""Who claims each figure and who speaks each quote, read from the reporters in force (nlp.attribution).

A figure's claimant is the attribution written beside it («по данным X», "(according to X)", "By the latest
official count"), else the speaker of the quote it is written in, else the reporter in force at its sentence.
A quote's speaker is the one its own attribution names; a quote with no named speaker stays without one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from aqiqat.nlp.attribution import Reporter, Reporters
from aqiqat.nlp.speakers import Speaker

_PAREN = re.compile(
    r"\s*\((?:(?:according\s+to|per|по\s+данным|по\s+оценке|по\s+оценкам)\s+(?P<a>[^()\n]{2,60})|"
    r"(?P<b>[^()\n]{2,60}?)\s+(?:claim|claims|estimate|estimates|figure|figures|data|count|данные|оценка))\)"
)

_MARKER = re.compile(
    r"(?i)(?:according\s+to|as\s+(?:reported|stated|said)\s+by|by(?=\s+(?:the|its|their)\s)|"
    r"(?:по|согласно)\s+(?:[а-яё]+(?:ым|им|ой|ей)\s+){0,2}"
    r"(?:данным|информации|словам|мнению|оценкам|оценке|подсч[её]там|сведениям|версии|заявлению|утверждению|"
    r"сообщению|статистике|источникам))\s+"
)
_ANAPHORIC_PHRASE = re.compile(
    r"(?i)(?<![\w-])(?:его|её|ее|их|him|her|them)(?![\w-])|^\W*(?:\w+\s+)?(?:он|она|они|оно|it|he|she|they)\W*$"
)


def figure_claimant(reporters: Reporters, f: object, quoted: Sequence[tuple[object, Speaker]] = ()
                    ) -> Reporter | None:
    """The claimant of a figure: the attribution written in brackets after it; else, inside a quote, the
    quote's speaker (unless the quote itself names a source for it); else the attribution written in its
    sentence (made the named entity where one is named in it; a pronoun resolved to the reporter in force);
    else the reporter in force at it. ``quoted``: the speech quotes with their speakers."""
    start = getattr(f, "claimant_start", None)
    end = getattr(f, "claimant_end", None)
    fig_start: int = getattr(f, "start", 0)
    speaker = _quote_of(fig_start, start, quoted)
    paren = _PAREN.match(reporters.text, getattr(f, "end", 0))
    if paren is not None:  # "21 (Uzbek government claim)", "300 (according to activists)"
        g = "a" if paren.group("a") else "b"
        s, e = paren.start(g), paren.end(g)
        named = reporters.entity_at(s, e)
        if named is not None:
            return Reporter(named.name, s, e, named.kind, 0.9, "sentence", named.role)
        return Reporter(reporters.text[s:e], s, e, "unknown", 0.9, "sentence")
    if speaker is not None:
        return speaker
    if start is None or end is None:
        return reporters.at(fig_start)
    phrase = reporters.text[start:end]
    if _ANAPHORIC_PHRASE.search(phrase):
        own = reporters.own_at(fig_start)
        return own if own is not None and own.how == "pronoun" else reporters.at(fig_start)
    named = reporters.entity_at(start, end)
    if named is not None:
        return Reporter(named.name, start, end, named.kind, 0.9, "sentence", named.role)
    marker = _MARKER.match(phrase)  # "according to activists" -> "activists"
    if marker is not None and marker.end() < len(phrase):
        return Reporter(phrase[marker.end():], start + marker.end(), end, "unknown", 0.9, "sentence")
    return Reporter(phrase, start, end, "unknown", 0.9, "sentence")


def _quote_of(pos: int, phrase_start: int | None, quoted: Sequence[tuple[object, Speaker]]) -> Reporter | None:
    """The speaker of the quote ``pos`` is written in, as a reporter (None when the quote has no speaker
    written beside it, or when the attribution phrase at ``phrase_start`` is inside the same quote)."""
    for q, sp in quoted:
        qs: int = getattr(q, "start", 0)
        qe: int = getattr(q, "end", 0)
        if not qs <= pos < qe:
            continue
        s, e = getattr(q, "speaker_start", None), getattr(q, "speaker_end", None)
        if not sp.name or s is None or e is None or (phrase_start is not None and qs <= phrase_start < qe):
            return None
        return Reporter(sp.name, s, e, sp.kind, 0.85, "quote", getattr(q, "speaker_role", None) or "")
    return None


def quote_speaker(reporters: Reporters, q: object, speaker: Speaker) -> Speaker:
    """A quote with no speaker of its own (a fragment, an unattributed quote) is spoken by the reporter its
    own sentence names («По словам X, плакат якобы «не соответствовал теме»»). Never the nearest name of
    another sentence: a quote nobody is named for stays without a speaker. The one exception is a quote
    that makes up a paragraph of its own right after a paragraph whose last sentence reports a named person
    or body ("Bekov said the detainees were beaten." / "«They kept us in a cold cell.»"): that reporter goes
    on speaking."""
    if speaker.name or getattr(q, "pattern", "") not in ("fragment", "unattributed"):
        return speaker
    start: int = getattr(q, "start", 0)
    own = reporters.own_at(start)
    if own is None and getattr(q, "pattern", "") == "unattributed":
        went_on = _reporter_going_on(reporters, start, getattr(q, "end", start))
        return Speaker(went_on.name, went_on.kind) if went_on is not None else speaker
    if own is None or own.how not in ("sentence", "pronoun") or own.start <= start < own.end:
        return speaker
    return Speaker(own.name, own.kind)


def _reporter_going_on(reporters: Reporters, start: int, end: int) -> Reporter | None:
    """The named reporter of the previous paragraph's last sentence, when the quote at ``start`` opens its
    paragraph and fills it (nothing but the closing mark and punctuation after it)."""
    text = reporters.text
    line = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if text[line:start].strip(" \t«“„\"") or text[end : len(text) if line_end < 0 else line_end].strip(" \t»”\".,"):
        return None
    prev = line - 1  # the line break before the quote's paragraph, then back over blank lines
    while prev > 0 and text[prev - 1] == "\n":
        prev -= 1
    if prev <= 0:
        return None
    last = reporters.own_at(prev - 1)
    if last is None or last.how not in ("sentence", "pronoun") or last.kind not in ("person", "organization"):
        return None
    return last


def continued_speakers(text: str, quotes: list[object], speakers: list[Speaker]) -> list[Speaker]:
    """A quote that opens right after the attribution of the quote before it, in the same paragraph, or
    that is listed with it («…» и «…»), continues that speaker ("«…,» said X. «…»", «"…", – сказал X. "…"»)."""
    out = list(speakers)
    for i in range(1, len(quotes)):
        prev, q = quotes[i - 1], quotes[i]
        if out[i].name or not out[i - 1].name or getattr(q, "pattern", "") != "unattributed":
            continue
        p_end, p_who = getattr(prev, "end", 0), getattr(prev, "speaker_end", None)
        between = text[p_end : getattr(q, "start", 0)]
        if re.fullmatch(r"""[»"”“]?\s*(?:,|;|и|а\s+также|and|or|или)?\s*[«"“„]?""", between.strip()):
            out[i] = out[i - 1]  # «Позор!» и «Свободу!»: one listing, one voice
            continue
        if p_who is None or not p_end <= p_who <= getattr(q, "start", 0) or "\n" in between:
            continue
        if len(between.split()) <= 12 and re.search(r"[.!?…]\s*[«\"“„]?\s*$", between):
            out[i] = out[i - 1]
    return out
