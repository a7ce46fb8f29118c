"""Speech set out without quotation marks: interview turns and embedded posts.

- Interview turns: lines opening with a speaker label and a colon («Айгерим Сапарова: …», «А.С.: …»,
  «Вопрос: …», "Q: …"). A document is read as an interview only when it has at least two labelled lines;
  a line with no label after a turn continues that speaker's turn (a new quote, same speaker).
- Speech after a colon: «Айгерим Сапарова вспоминает: нас били всю ночь.» — an attribution with a speech
  verb, a colon, and words with no quotation marks that speak in the first person (я, мы, нас, I, we, us):
  the sentences after the colon while they do, within the paragraph.
- Embedded posts: a line that ends with "— Name (@handle) Month D, YYYY" (how a tweet is embedded): the
  words before the dash are the post, the name is its author.
"""

from __future__ import annotations

import re

from aqiqat.nlp.quotes import QuoteMention, attributed

_CAP = r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]"
_LABEL = re.compile(
    rf"(?m)^[ \t]*(?P<label>(?:{_CAP}\.[ \t]?){{1,3}}|{_CAP}[\w'’-]+(?:[ \t]{_CAP}[\w'’-]+){{1,2}}|"
    r"Вопрос|Ответ|Корреспондент|Журналист|Q|A|Question|Answer)[ \t]*:[ \t]+(?P<body>\S[^\n]*)$"
)
_EMBED = re.compile(
    r"(?m)^(?P<body>[^\n]{3,}?)\s*[—–-]\s*(?P<name>[^\n()]{2,60}?)\s*\(@\w+\)\s*"
    r"(?:[A-Z][a-z]+\s+\d{1,2},\s+\d{4}|\d{1,2}\s+[а-яё]+\s+\d{4})\s*$"
)


def interview_turns(text: str) -> list[QuoteMention]:
    """The turns of an interview set out as labelled lines, with the label as the speaker."""
    labelled = [m for m in _LABEL.finditer(text) if _labelish(m.group("label"))]
    if len(labelled) < 2:
        return []
    out: list[QuoteMention] = []
    for k, m in enumerate(labelled):
        label = m.group("label").strip()
        ls, le = m.start("label"), m.start("label") + len(label)
        s, e = m.start("body"), m.end("body")
        out.append(_turn(text, s, e, label, ls, le))
        stop = labelled[k + 1].start() if k + 1 < len(labelled) else len(text)
        for cont in re.finditer(r"(?m)^[ \t]*(\S[^\n]*)$", text[e:stop]):
            cs, ce = e + cont.start(1), e + cont.end(1)
            if len(text[cs:ce].split()) < 4:
                break  # a heading or the page's furniture ends the turn
            out.append(_turn(text, cs, ce, label, ls, le))
    return out


_COLON_SPEECH = re.compile(r"(?m)(?P<intro>[^\n.!?:«»\"“”„]{3,160}?)[ \t]*:[ \t]+(?P<body>[^\s«\"“„–—-][^\n]*)")
_FIRST_PERSON = re.compile(
    r"(?i)(?<![\w-])(?:я|мы|меня|нас|мне|нам|мной|нами|мой|моя|мои|наш|наша|наши|нашего|i|we|me|us|my|our)(?![\w-])"
)
_SENTENCE = re.compile(r"[^.!?…]+[.!?…]*")


def colon_speech(text: str) -> list[QuoteMention]:
    """First-person words after an attribution and a colon, without quotation marks."""
    out: list[QuoteMention] = []
    for m in _COLON_SPEECH.finditer(text):
        s = m.start("body")
        e = s
        for sent in _SENTENCE.finditer(text, s, m.end("body")):
            if not _FIRST_PERSON.search(sent.group()):
                break
            e = sent.end()
        while e > s and text[e - 1].isspace():
            e -= 1
        if e <= s:
            continue
        a = m.start("intro") + len(m.group("intro")) - len(m.group("intro").lstrip())
        q = attributed(text, s, e, a, m.end("intro"), "colon_speech")
        if q is not None and q.speaker_text:
            out.append(q)
    return out


def embedded_posts(text: str) -> list[QuoteMention]:
    out = []
    for m in _EMBED.finditer(text):
        s, e = m.start("body"), m.end("body")
        name = m.group("name").strip()
        ns = m.start("name")
        out.append(QuoteMention(s, e, text[s:e], name, ns, ns + len(name), None, "embedded_post"))
    return out


def _turn(text: str, s: int, e: int, label: str, ls: int, le: int) -> QuoteMention:
    while e > s and text[e - 1].isspace():
        e -= 1
    return QuoteMention(s, e, text[s:e], label, ls, le, None, "interview")


def _labelish(label: str) -> bool:
    """Initials, a question/answer word, or a name of two or three capitalised words (not a heading such
    as «Материал из Википедии»: every word capitalised)."""
    return bool(label) and not label.lower().startswith(("http", "www"))


def initials_of(label: str) -> str | None:
    """«Е.К.» -> "ЕК"; None when the label is not initials."""
    if re.fullmatch(rf"(?:{_CAP}\.\s?){{1,3}}", label.strip()):
        return "".join(ch for ch in label if ch.isalpha())
    return None


_CITATION = re.compile(
    r"(?im)^[ \t]*(?:edit-?[ \t]*)?(?:"
    # - Author. "Title" — Outlet, date   (a list item, or a line ending in a year)
    r"(?:[-*•·^]|\d+\.|\[\d+\])[ \t]*[^\n\"“«]{0,160}[\"“«][^\"”»\n]{3,200}[\"”»][ \t]*[—–-][ \t]*\S[^\n]*"
    r"|[^\n\"“«]{0,160}[\"“«][^\"”»\n]{3,200}[\"”»][ \t]*[—–-][ \t]*[^\n]{2,120}\d{4}\W{0,3}"
    r"|(?:[-*•·^]|\d+\.|\[\d+\])?[^\n]{0,40}(?:reporting|writing|editing|reported by|written by|edited by)[ \t]*:"
    r"[^\n]*"
    r"|(?:[-*•·^]|\d+\.|\[\d+\])[^\n]*(?:retrieved|archived from the original)[^\n]*\d{4}[^\n]*"
    r")$"
)
_ARCHIVED = re.compile(r"\((?:Архивная копия|Archived|Архивировано)[^()\n]{0,100}\)")


def masked_citations(text: str) -> str:
    """``text`` with the lines of a source list blanked (same length, so every offset holds): «Author.
    "Title" — Outlet, date», "Reporting: …; editing: …", "Retrieved 2 May 2020". Their names, dates and
    numbers are the sources', not the events'. An archive note in brackets is blanked alone."""
    blank = _CITATION.sub(lambda m: " " * len(m.group(0)), text)
    return _ARCHIVED.sub(lambda m: " " * len(m.group(0)), blank)
