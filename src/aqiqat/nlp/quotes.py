"""Direct quotes in «…», „…“, “…”, "…" and after dialogue dashes, with the speaker as written.

Patterns (``QuoteMention.pattern``): speech is ``fragment`` (a few words of someone's speech with a verb,
inside a sentence: «не соответствовал заявленной теме»), ``name_role_colon`` (``Name, role: «…»``), ``intro_colon``
(an introducing sentence ending in a colon), ``dash_after`` (``«…», – продолжает Данияр``), ``verb_before``
(``заявил «…»``), ``dialogue_dash`` (a paragraph opening with a dash) and ``unattributed``. Not speech:
``name`` (``коалиция «Активисты – не экстремисты»``: the caller makes an organisation of it) and ``term``
(a word in scare quotes). ``is_speech`` tells them apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from aqiqat.nlp.chants import SLOGAN_BEFORE, chant_subject, is_chant_verb
from aqiqat.nlp.figures_lexicon import all_tags, parse_tag, sentence_spans
from aqiqat.nlp.figures_lexicon import morph as shared_morph
from aqiqat.nlp.quote_names import PREPS as _PREPS
from aqiqat.nlp.quote_names import clean_role as _clean_role
from aqiqat.nlp.quote_names import has_predicate as _has_predicate
from aqiqat.nlp.quote_names import has_verb as _has_verb
from aqiqat.nlp.quote_names import inside_marks as _inside_marks
from aqiqat.nlp.quote_names import is_org_noun as _is_org_noun
from aqiqat.nlp.quote_names import looks_personal as _looks_personal
from aqiqat.nlp.quote_names import name_runs as _name_runs
from aqiqat.nlp.quote_names import role_after as _role_after
from aqiqat.nlp.quote_names import role_before as _role_before
from aqiqat.nlp.quote_names import role_words as _role_words
from aqiqat.nlp.quote_names import sentence_initial as _sentence_initial
from aqiqat.nlp.quote_spans import dialogue_spans, mark_spans
from aqiqat.nlp.quote_spans import trim as _trim


@dataclass(frozen=True)
class QuoteMention:
    """``text[start:end]`` is the quoted words inside the marks; the speaker span is as written."""

    start: int
    end: int
    text: str
    speaker_text: str | None
    speaker_start: int | None
    speaker_end: int | None
    speaker_role: str | None
    pattern: str


NON_SPEECH_PATTERNS = frozenset({"name", "term"})


def is_speech(q: QuoteMention) -> bool:
    return q.pattern not in NON_SPEECH_PATTERNS


_SPEECH_VERB_BODY = (
    r"(?<![\w-])(?:говор|сказа|заяв|рассказ|продолжа|утвержда|отмет|отмеча|добав|подчеркн|подчеркива|поясн|"
    r"объясн|уточн|вспомина|признал|признаёт|признает|пиш|написал|сообщ|счита|уверен|убежд|констатир|резюмир|"
    r"замет|ответил|отвеча|спрашива|спросил|возмущ|возмут|воскликн|жалу|дел[ия]тся|поделил|цитиру|восклица|парир|настаива|"
    r"said|says|told|tells|added|adds|explained|continued|continues|stated|states|wrote|writes|asked|insisted|"
    r"claimed|recalled|noted|argued|according|commented|remarked|warned|cautioned|declared|announced|replied|"
    r"responded|confirmed|observed|stressed|emphasi[sz]ed|admitted|acknowledged|"
    r"скандир|выкрикива|выкрикну|прокрич|крича|chant|shout|yell|"  # chants: the crowd's words
    r"деді|дейді|деп|айтты|айтады|мәлімдеді|мәлімдейді|хабарлады|жазды)[\w-]*"  # Kazakh
)
_SPEECH_VERB = re.compile("(?i)" + _SPEECH_VERB_BODY)
_VERB_BEFORE = re.compile("(?i)" + _SPEECH_VERB_BODY + r"[,:]?\s*(?:что\s*|that\s*)?$")
_PRONOUNS = frozenset("он она они he she they".split())
_DASH_AFTER = re.compile(r"\s*[,.!?…]?\s*[–—-]\s*(?P<author>[^\n]*)")
_PLAIN_AFTER = re.compile(r"[ \t\u00a0]+(?P<author>[^\n]*)")
_INDEFINITE = re.compile(
    r"(?i)(?<![\w-])((?:a|an|another|one|one\s+of\s+the|один\s+из|одна\s+из|одного\s+из|одной\s+из|некий|"
    r"некая|какой-то|какая-то|ещ[её]\s+один|ещ[её]\s+одна))\s+$"
)


def extract_quotes(text: str) -> list[QuoteMention]:
    """Every quotation in ``text`` (speech and names in quotation marks), sorted by start."""
    spans = mark_spans(text) + dialogue_spans(text)
    spans.sort()
    sentences = sentence_spans(text)
    out: list[QuoteMention] = []
    for s, e, kind in spans:
        if kind == "dialogue":
            q = _dialogue_quote(text, s, e, out)
            found = [q] if q is not None else []
        else:
            found = _split_inner(text, s, e, out) or [q for q in [_mark_quote(text, s, e, sentences, out)] if q]
        out.extend(q for q in found if q.end > q.start)
    out.sort(key=lambda q: q.start)
    return out


# --- classifying and attributing ------------------------------------------------------------------------
_INNER_ATTR = re.compile(r"(?P<p>[,.!?…])\s+[–—]\s+(?P<author>[^–—«»\n]{2,160}?)[.,:]\s+[–—]\s+")


def attributed(text: str, s: int, e: int, a: int, b: int, pattern: str) -> QuoteMention | None:
    """The words ``text[s:e]`` as a quote said by whoever the attribution ``text[a:b]`` names with a speech
    verb (None when it has no speech verb): for speech set out without quotation marks (nlp.layouts)."""
    if not any(not _inside_marks(text, a, m.start()) for m in _SPEECH_VERB.finditer(text, a, b)):
        return None
    return _attribute(text, s, e, a, b, pattern, [])


def _split_inner(text: str, s: int, e: int, done: list[QuoteMention]) -> list[QuoteMention]:
    """«Мы шли домой, – вспоминает Айгерим, студентка. – Вдруг начали стрелять»: two parts, one speaker."""
    if any(q.start <= s and e <= q.end for q in done):
        return []
    m = _INNER_ATTR.search(text, s, e)
    if m is None or not _SPEECH_VERB.search(m.group("author")):
        return []
    a_start, a_end = m.start("author"), m.end("author")
    first_end = m.start("p") + (0 if m.group("p") in ",." else 1)
    head = _attribute(text, s, first_end, a_start, a_end, "dash_after", done)
    tail_start, _ = _trim(text, m.end(), e)
    tail = QuoteMention(
        tail_start, e, text[tail_start:e], head.speaker_text, head.speaker_start, head.speaker_end,
        head.speaker_role, "dash_after",
    )
    return [head, tail]


def _mark_quote(
    text: str, s: int, e: int, sentences: list[tuple[int, int]], done: list[QuoteMention]
) -> QuoteMention | None:
    if any(q.start <= s and e <= q.end for q in done):
        return None  # nested inside a quote already read
    content = text[s:e]
    open_at = s - 1
    while open_at > 0 and text[open_at] not in "«„“\"":
        open_at -= 1
    close_at = e
    while close_at < len(text) and text[close_at] not in "»“”\"":
        close_at += 1
    line_start = text.rfind("\n", 0, open_at) + 1
    before = text[line_start:open_at]
    prev_word = re.search(r"([\w-]+)\W*$", before)
    speechlike = content[:1].islower() and len(content.split()) >= 3 and _has_predicate(content)
    if SLOGAN_BEFORE.search(before):  # «стали кричать лозунг «…»»: a chant, not the slogan's name
        sent_start = max(line_start, _sentence_start(sentences, open_at))
        return _attribute(text, s, e, sent_start, open_at, "verb_before", done)
    if prev_word and _is_org_noun(prev_word.group(1)) and not speechlike:
        return QuoteMention(s, e, content, None, None, None, None, "name")
    # an introduction ending in a colon, on the same line or closing the previous paragraph
    intro_end = _colon_before(text, open_at)
    if intro_end is not None:
        return _from_intro(text, s, e, intro_end, sentences, done)
    after = _DASH_AFTER.match(text, close_at + 1)
    if after is None and text[close_at - 1] in ",!?…":
        after = _PLAIN_AFTER.match(text, close_at + 1)  # English: "…," said John Smith.
    if after and _SPEECH_VERB.search(" ".join(_first_clause(after.group("author")).split()[:4])):
        a_start = after.start("author")
        a_end = a_start + len(_first_clause(after.group("author")))
        return _attribute(text, s, e, a_start, a_end, "dash_after", done)
    verb = _VERB_BEFORE.search(before)
    words = len(content.split())
    if verb and (words > 3 or re.search(r"[.!?…]", content) or content[:1].islower()):
        # a few lowercase words right after the verb are the speaker's words («заявил «незаконными»»); a
        # capitalised one is the source's name («сообщает «Интерфакс»»)
        sent_start = max(line_start, _sentence_start(sentences, open_at))
        return _attribute(text, s, e, sent_start, open_at, "verb_before", done)
    if words <= 6 and not re.search(r"[.!?…:;]\s*\S|[.!?…]$", content):
        if content[:1].isupper() or content[:1].isdigit():
            return QuoteMention(s, e, content, None, None, None, None, "name")
        if words >= 3 and _has_predicate(content):
            return QuoteMention(s, e, content, None, None, None, None, "fragment")  # words of someone's speech
        return QuoteMention(s, e, content, None, None, None, None, "term")
    return _unattributed(text, s, e, sentences, open_at)


def _dialogue_quote(text: str, s: int, e: int, done: list[QuoteMention]) -> QuoteMention | None:
    if any(q.start < e and s < q.end for q in done):
        return None
    nl = text.find("\n", e)
    line_end = len(text) if nl < 0 else nl
    after = _DASH_AFTER.match(text, e, line_end)
    if after and after.group("author"):
        a_start = after.start("author")
        a_end = a_start + len(_first_clause(after.group("author")))
        return _attribute(text, s, e, a_start, a_end, "dialogue_dash", done)
    return QuoteMention(s, e, text[s:e], None, None, None, None, "dialogue_dash")


def _first_clause(author: str) -> str:
    m = re.search(r"[.!?…;:]|\s[–—]\s", author)
    return author[: m.start()] if m else author


def _colon_before(text: str, open_at: int) -> int | None:
    """Offset of the colon that introduces the quote opening at ``open_at``, if only space lies between."""
    k = open_at - 1
    while k >= 0 and text[k].isspace():
        k -= 1
    return k if k >= 0 and text[k] == ":" else None


def _sentence_start(sentences: list[tuple[int, int]], pos: int) -> int:
    for a, b in sentences:
        if a <= pos < b:
            return a
    return 0


def _from_intro(
    text: str, s: int, e: int, colon: int, sentences: list[tuple[int, int]], done: list[QuoteMention]
) -> QuoteMention:
    start = max(text.rfind("\n", 0, colon) + 1, _sentence_start(sentences, colon))
    intro = text[start:colon]
    runs = _name_runs(text, start, colon)
    content = text[s:e]
    if not _SPEECH_VERB.search(intro) and len(content.split()) <= 4 and not re.search(r"[.!?…:;]", content):
        if content[:1].isupper() and not _has_verb(content):
            return QuoteMention(s, e, content, None, None, None, None, "name")  # titles listed after a colon
    rest = text[runs[0][1] : colon] if runs else ""
    if runs and runs[0][0] == start and not _SPEECH_VERB.search(intro) and (not rest.strip() or rest[:1] == ","):
        n_start, n_end = runs[0]
        role = _clean_role(rest)
        return QuoteMention(s, e, content, text[n_start:n_end], n_start, n_end, role, "name_role_colon")
    return _attribute(text, s, e, start, colon, "intro_colon", done)


def _attribute(text: str, s: int, e: int, a: int, b: int, pattern: str, done: list[QuoteMention]) -> QuoteMention:
    """Find the speaker in the attribution ``text[a:b]``: a name, a pronoun or a role noun."""
    verb = None
    for m in _SPEECH_VERB.finditer(text, a, b):
        if not _inside_marks(text, a, m.start()):
            verb = m
    runs = _name_runs(text, a, b)
    if verb is not None and is_chant_verb(verb.group()):
        who = chant_subject(text, a, verb.start(), verb.end(), b)
        if who is None:
            return QuoteMention(s, e, text[s:e], None, None, None, None, pattern)
        return QuoteMention(s, e, text[s:e], text[who[0] : who[1]], who[0], who[1], None, pattern)
    if verb is not None:
        after_runs = [r for r in runs if r[0] >= verb.end()]
        before_runs = [r for r in runs if r[1] <= verb.start()]
        clause_start = max(a, text.rfind(",", a, verb.start()) + 1)
        rel = _relative_clause_start(text, a, verb.start())
        if rel is not None:  # "…, which international observers declared “…”": the subject follows "which"
            before_runs = [r for r in before_runs if r[0] >= rel]
            subject = None if before_runs else _subject_words(text, rel, verb.start())
            if subject is not None:
                return QuoteMention(s, e, text[s:e], text[subject[0] : subject[1]], *subject, None, pattern)
        after_runs = [r for r in after_runs if _role_words(text[verb.end() : r[0]])]
        if verb.group().lower() in ("told", "tells"):
            after_runs = []  # "X told Reuters that …": the name after the verb is who was told
        if after_runs:
            n_start, n_end = after_runs[0]
            role = _clean_role(text[verb.end() : n_start]) or _clean_role(_role_after(text, n_end, b))
            return QuoteMention(s, e, text[s:e], text[n_start:n_end], n_start, n_end, role, pattern)
        if before_runs:
            n_start, n_end = before_runs[0]
            adjacent = [r for r in before_runs if not text[r[1] : verb.start()].strip()]
            if adjacent and "," not in text[n_end : verb.start()]:
                n_start, n_end = adjacent[-1]  # "Human rights lawyer Aidar Bekov said": the name by the verb
            role = _clean_role(text[n_end : verb.start()]) or _role_before(text, clause_start, n_start)
            return QuoteMention(s, e, text[s:e], text[n_start:n_end], n_start, n_end, role, pattern)
        named = _named_in(text, a, b)
        if named is not None:  # «…», – заявили в партии «Нур Отан»
            n_start, n_end, org_noun = named
            return QuoteMention(s, e, text[s:e], text[n_start:n_end], n_start, n_end, org_noun, pattern)
        noun = _noun_after(text, verb.end(), b) or _noun_after(text, clause_start, verb.start())
        if verb.group().lower() in ("told", "tells"):  # "she told Reuters": who tells is before the verb
            noun = _noun_after(text, clause_start, verb.start())
        if noun is not None:
            return _resolve_back(text, s, e, noun, pattern, done)
    elif runs:
        n_start, n_end = runs[0]
        return QuoteMention(s, e, text[s:e], text[n_start:n_end], n_start, n_end, None, pattern)
    return QuoteMention(s, e, text[s:e], None, None, None, None, pattern)


_RELATIVE = re.compile(
    r"(?i)(?<![\w-])(?:which|who|whom|whose|that|where|when|while|although|whereas|because|котор(?:ый|ая|ое|ые|ого|ой|ую|ых|ым|ыми|ом)|"
    r"когда|где|хотя|поскольку)\s+"
)


def _relative_clause_start(text: str, a: int, vs: int) -> int | None:
    """The start of the subordinate clause the verb at ``vs`` is in (after "which", «который», «когда»)."""
    found = [m for m in _RELATIVE.finditer(text, a, vs) if not _inside_marks(text, a, m.start())]
    return found[-1].end() if found else None


def _subject_words(text: str, a: int, vs: int) -> tuple[int, int] | None:
    """A subject of one to four common words written between a clause start and its verb ("international
    observers", «местные жители»); None for a pronoun, a name or anything else."""
    words = list(re.finditer(r"[^\W\d_]+(?:-[^\W\d_]+)*", text[a:vs]))
    while words and words[0].group().lower() in _EN_DETERMINERS:
        words = words[1:]
    if not 1 <= len(words) <= 4 or text[a + words[-1].end() : vs].strip():
        return None
    for w in words:
        low = w.group().lower()
        if low in _PRONOUNS or low in _PREPS or w.group()[:1].isupper() or low in _EN_CLAUSE_WORDS:
            return None
        if not re.fullmatch(r"[a-z-]+", low) and parse_tag(low)[0] not in ("NOUN", "ADJF", "PRTF"):
            return None
        if re.fullmatch(r"[a-z-]+", low) and (low.endswith("ly") or _SPEECH_VERB.match(low)):
            return None
    return a + words[0].start(), a + words[-1].end()


def _named_in(text: str, a: int, b: int) -> tuple[int, int, str] | None:
    """(start, end, organisation noun) of a name in quotation marks after an organisation noun in text[a:b]."""
    for m in re.finditer(r"([\w-]+)\s+[«„“\"]([^«»„“”\"\n]{1,80})[»“”\"]", text[a:b]):
        if _is_org_noun(m.group(1)):
            return a + m.start(2), a + m.end(2), m.group(1)
    return None


def _noun_after(text: str, a: int, b: int) -> tuple[int, int] | None:
    """The first word in ``text[a:b]`` that is a noun or a pronoun (the speaker written as a role)."""
    for m in re.finditer(r"[^\W\d_]+(?:-[^\W\d_]+)*", text[a:b]):
        low = m.group().lower()
        if low in _PRONOUNS:
            return a + m.start(), a + m.end()
        if low in _EN_DETERMINERS:
            continue
        pos, _, _ = parse_tag(low)
        if pos == "NOUN" or (re.fullmatch(r"[a-z]+", low) and low not in _PREPS and not _SPEECH_VERB.match(low)):
            return a + m.start(), a + m.end()
        if pos == "PRTF" and "plur,nomn" in all_tags(low):  # «протестующие», «собравшиеся»: people
            return a + m.start(), a + m.end()
    return None


def _resolve_back(
    text: str, s: int, e: int, noun: tuple[int, int], pattern: str, done: list[QuoteMention]
) -> QuoteMention:
    """A speaker written as ``он`` or ``правозащитник``: the nearest person named before it."""
    word = text[noun[0] : noun[1]]
    det = _INDEFINITE.search(text, max(0, noun[0] - 25), noun[0])
    if det is not None:  # "a resident", «одна из задержанных»: someone unnamed, never the nearest name
        end = _compound_end(text, noun[1])
        return QuoteMention(s, e, text[s:e], text[det.start(1) : end], det.start(1), end, None, pattern)
    if word[:1].isupper() and word.lower() not in _PRONOUNS and not _sentence_initial(text, noun[0]):
        return QuoteMention(s, e, text[s:e], word, noun[0], noun[1], None, pattern)  # "– сообщили в МВД"
    if _plural(word):  # «скандировали протестующие», "the crowd chanted": a group, never one named person
        return QuoteMention(s, e, text[s:e], word, noun[0], noun[1], None, pattern)
    role = None if word.lower() in _PRONOUNS else word
    lo = max(0, noun[0] - 600)
    for n_start, n_end in reversed(_name_runs(text, lo, noun[0])):
        if not any(q.start <= n_start < q.end for q in done) and _looks_personal(text[n_start:n_end]):
            return QuoteMention(s, e, text[s:e], text[n_start:n_end], n_start, n_end, role, pattern)
    if done and done[-1].speaker_text and role is None:
        p = done[-1]
        return QuoteMention(s, e, text[s:e], p.speaker_text, p.speaker_start, p.speaker_end, p.speaker_role, pattern)
    return QuoteMention(s, e, text[s:e], word, noun[0], noun[1], role, pattern)


def _compound_end(text: str, pos: int) -> int:
    """"a police spokeswoman": an English noun compound goes on over the lowercase nouns after its first."""
    for _ in range(2):
        m = re.match(r"\s+([a-z][a-z-]*)(?![\w-])", text[pos:])
        if m is None or m.group(1) in _PREPS or m.group(1) in _EN_DETERMINERS or _SPEECH_VERB.match(m.group(1)) \
                or m.group(1) in _EN_CLAUSE_WORDS or m.group(1).endswith(("ed", "ly")):
            break
        pos += m.end()
    return pos


_EN_CLAUSE_WORDS = frozenset("who which that and or but was were is are has had have also then".split())
_EN_DETERMINERS = frozenset("the a an this that these those his her their its our some many".split())
_GROUPS = frozenset("they crowd crowds protesters demonstrators people activists residents participants".split())


def _plural(word: str) -> bool:
    low = word.lower()
    if re.fullmatch(r"[a-z]+", low):
        return low in _GROUPS
    parses = shared_morph().parse(low)
    return low in ("они", "толпа") or bool(parses) and all("plur" in p.tag for p in parses)


def _unattributed(text: str, s: int, e: int, sentences: list[tuple[int, int]], open_at: int) -> QuoteMention:
    sent_start = _sentence_start(sentences, open_at)
    m = re.search(r"(?i)(?:по\s+словам|according\s+to)\s+", text[sent_start:open_at])
    if m:
        runs = _name_runs(text, sent_start + m.end(), open_at)
        if runs:
            a, b = runs[0]
            return QuoteMention(s, e, text[s:e], text[a:b], a, b, None, "verb_before")
    return QuoteMention(s, e, text[s:e], None, None, None, None, "unattributed")
