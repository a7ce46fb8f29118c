"""Chants and slogans: words a crowd shouts, said by the group that shouts them.

A chant is quoted after a shouting verb («скандировали «…»», «стали кричать лозунг «…»», "chanted "…"")
or before one («"…", — кричали протестующие»). Its speaker is the subject of that verb in its own clause: a
group as written («протестующие», «активисты», "the crowd"), or a person named as the subject. It is never
the person who reports the scene («По словам X, …»): when the subject is a relative or personal pronoun
(«…, которые стали кричать», "they chanted") or is not written, the chant stays without a speaker.
"""

from __future__ import annotations

import re

from aqiqat.nlp.figures_lexicon import all_tags, morph, parse_tag
from aqiqat.nlp.quote_names import PREPS

CHANT_VERB = re.compile(
    r"(?i)(?<![\w-])(?:скандир|выкрикива|выкрикну|прокрич|кричал|кричат|крича|кричит|кричать|"
    r"chant|shout|yell)[\w-]*"
)
# «кричать лозунг «…»», "chanting the slogan "…"": the slogan's name between the verb and the quote
SLOGAN_BEFORE = re.compile(
    r"(?i)(?<![\w-])(?:скандир|выкрикива|выкрикну|прокрич|крича|кричал|chant|shout|yell)[\w-]*\s+"
    r"(?:(?:the|a|their)\s+)?(?:лозунг[а-я]*|слоган[а-я]*|кричалк[а-я]*|призыв[а-я]*|slogans?|chants?|words)"
    r"\s*:?\s*$"
)
_RELATIVE = frozenset("который которая которое которые которых кто who that which whom".split())
_PERSONAL = frozenset("они он она they he she we мы".split())
_COLLECTIVE = frozenset(
    "группа толпа колонна люди собравшиеся участники протестующие митингующие демонстранты активисты "
    "crowd crowds group protesters demonstrators people activists residents participants marchers students "
    "supporters".split()
)
_SKIP_EN = frozenset(
    "and then began started were was also had have to the a an their all loudly him her them it us me".split()
)
_PARTICIPLE = re.compile(r"(?i)(?:chanting|shouting|yelling|скандируя|выкрикивая|крича)")
_BOUNDARY = re.compile(r"[,;:—–.!?…()\n]")


def is_chant_verb(verb: str) -> bool:
    return CHANT_VERB.fullmatch(verb) is not None


def chant_subject(text: str, a: int, vs: int, ve: int, b: int) -> tuple[int, int] | None:
    """The span of whoever shouts with the verb at ``text[vs:ve]`` (the attribution is ``text[a:b]``): the
    subject written before the verb in its clause, else the group named right after the verb; None when the
    subject is a pronoun or is not written."""
    cut = max([a] + [m.end() for m in _BOUNDARY.finditer(text, a, vs)])
    if not text[cut:vs].strip() and _PARTICIPLE.fullmatch(text[vs:ve]):
        # "The protesters marched on, chanting …", «Люди шли, скандируя …»: the main clause's subject
        start = max(text.rfind(ch, 0, cut - 1) for ch in ".!?\n") + 1
        return _main_subject(text, start, cut)
    words = list(re.finditer(r"[^\W\d_]+(?:-[^\W\d_]+)*", text[cut:vs]))
    run_end: int | None = None  # a capitalised name run read backwards
    run_start = 0
    for i in range(len(words) - 1, -1, -1):
        m = words[i]
        w, low = m.group(), m.group().lower()
        s, e = cut + m.start(), cut + m.end()
        if w[:1].isupper() and not _sentence_start(text, s) and low not in _COLLECTIVE:
            run_end = run_end or e
            run_start = s
            continue
        if run_end is not None:
            return run_start, run_end
        if low in _RELATIVE or low in _PERSONAL:
            return None
        if i > 0 and words[i - 1].group().lower() in PREPS:
            continue  # «на площади», "in the square": not the subject
        if _is_group(low):
            return s, e
        if re.fullmatch(r"[a-z-]+", low):
            if low in _SKIP_EN or low.endswith(("ed", "ing", "ly")):
                continue
            return None
        if parse_tag(low)[0] == "NOUN" and "nomn" in all_tags(low):
            return s, e  # «активист скандировал»: one person, as written
    if run_end is not None:
        return run_start, run_end
    after = re.match(r"\s+([^\W\d_]+)", text[ve:b])
    if after is not None and _is_group(after.group(1).lower()):
        return ve + after.start(1), ve + after.end(1)
    return None


def _main_subject(text: str, a: int, b: int) -> tuple[int, int] | None:
    """The group or the name the clause ``text[a:b]`` opens with (its subject, in news prose)."""
    for m in re.finditer(r"[^\W\d_]+(?:-[^\W\d_]+)*", text[a:b]):
        low = m.group().lower()
        if low in ("the", "a", "some", "many", "hundreds", "thousands", "of", "сотни", "тысячи", "десятки"):
            continue
        if _is_group(low):
            return a + m.start(), a + m.end()
        return None
    return None


def _is_group(low: str) -> bool:
    """A collective noun, or a noun or participle that is most likely plural nominative («активисты»)."""
    if low in _COLLECTIVE:
        return True
    if re.fullmatch(r"[a-z-]+", low):
        return False
    parses = morph().parse(low)
    if not parses:
        return False
    tag = parses[0].tag
    return tag.POS in ("NOUN", "PRTF", "ADJF") and "plur" in tag and "nomn" in tag


def _sentence_start(text: str, pos: int) -> bool:
    k = pos - 1
    while k >= 0 and text[k] in " \t\u00a0«»\"„“”(–—-":
        k -= 1
    return k < 0 or text[k] in ".!?…\n:"
