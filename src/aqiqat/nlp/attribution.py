"""Who reports what, over the whole document: the reported-speech context in force at each sentence.

A sentence names its own reporter with a reporting verb and its subject («сообщил генпрокурор Берик
Асылов», «Асылов сообщил, что», «как рассказал X», «по данным X», "X said", "…, said X", "according to X").
A pronoun or a definite role takes the reporter in force («По его словам», «Он также отметил», «говорит
она», "he said", "the ministry said"). «Об этом сообщил X» ("This was reported by X") names the reporter
of the sentences before it in its paragraph, and of the headline when it is in the lead. A sentence with no
reporter of its own takes the one in force: the last one of its paragraph (confidence 0.75), else the one
of the paragraphs before when they name a speaking occasion (a briefing, an interview, a speech: 0.55), else,
in the headline, the lead's (0.6). Any other report ends with its paragraph. A reporter is an entity of the
document where one is named there (its normal form), else the phrase as written.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from aqiqat.nlp.entities import Entities
from aqiqat.nlp.figures_claimants import noun_phrase_end
from aqiqat.nlp.figures_lexicon import sentence_spans

_VERB_BODY = (
    r"сообщ(?:ил[аио]?|ает|ают|или)|заяв(?:ил[аио]?|ляет|ляют|или)|рассказ(?:ал[аио]?|ывает|ывают|али)|"
    r"отмет(?:ил[аио]?|или)|отмечает|добав(?:ил[аио]?|или)|подчеркн(?:ул[аио]?|ули)|поясн(?:ил[аио]?|или)|"
    r"уточн(?:ил[аио]?|или)|пишет|пишут|переда(?:[её]т|ют)|утвержда(?:ет|ют)|говор(?:ит|ят|ил[аио]?)|"
    r"подсчитал[аио]?|насчитал[аио]?|оценил[аио]?|признал[аио]?|выступил[аио]?|счита(?:ет|ют)|полага(?:ет|ют)|"
    r"believes|believe|believed|spoke|speaks|"
    r"said|says|told|tells|reported|reports|added|adds|stated|states|announced|announces|estimated|"
    r"estimates|claimed|claims|confirmed|confirms|counted|wrote|writes|briefed|reporting|"
    r"деді|дейді|айтты|айтады|мәлімдеді|мәлімдейді|хабарлады|хабарлайды|жазды|атап\s+өтті"  # Kazakh
)
_TOLL = (  # "the ministry raised the official death toll to 189": giving a figure is reporting it
    r"(?:put|puts|raised|raises|updated|updates|revised|revises|gave|gives|lowered|lowers)\s+(?:the|its|their)\s+"
    r"(?:[\w-]+\s+){0,2}(?:toll|figure|figures|count|tally|number)"
)
_VERB = re.compile(rf"(?i)(?<![\w-])(?:{_VERB_BODY}|{_TOLL})(?![\w-])")
_SOURCE = re.compile(
    r"(?i)(?<![\w-])(?:(?:по|согласно)\s+(?:[а-яё]+(?:ым|им|ой|ей)\s+)?(?:данным|информации|словам|"
    r"сведениям|подсч[её]там|оценкам|сообщению|заявлению)|according\s+to|as\s+(?:reported|stated|said)\s+by)"
    r"(?![\w-])"
)
# Kazakh puts "according to" after its noun: «министрліктің мәліметінше», «оның сөзінше» (his words)
_KK_SOURCE = re.compile(
    r"(?i)(?<![\w-])(?:мәліметінше|мәліметі\s+бойынша|мәліметтері\s+бойынша|сөзінше|хабарлауынша|дерегінше|"
    r"мәлімдеуінше|деректері\s+бойынша)(?![\w-])"
)
_KK_PRONOUN = re.compile(r"(?i)(?<![\w-])(?:оның|олардың)\s*$")
_ANAPHOR = re.compile(
    r"(?i)(?<![\w-])(?:по\s+(?:его|её|ее|их)\s+(?:словам|данным|мнению|подсч[её]там)|according\s+to\s+"
    r"(?:him|her|them|it)|(?:он|она|они|he|she|they|it)\s+(?:также\s+|also\s+)?(?:" + _VERB_BODY + r")|"
    r"(?:" + _VERB_BODY + r")\s+(?:он|она|они|he|she|they))(?![\w-])"
)
_ABOUT_THIS = re.compile(
    r"(?i)^\W*(?:об\s+этом|о\s+(?:том|случившемся|задержании|задержаниях)|это|this\s+was|that\s+was)(?![\w-])"
)
_POSSESSED = re.compile(r"(?i)\s*((?:his|her|their|its|его|её|ее|их)\s+[\w-]+(?:\s+[\w-]+)?)")
_PASSIVE = re.compile(r"(?i)(?<![\w-])(?:is|are|was|were|been|be|being)\s+$")
# A speaking occasion (a briefing, an interview, a statement) goes on over the paragraphs after the one that
# names it; any other report ends with its paragraph (the next one is the author's narration again).
_OCCASION = re.compile(
    r"(?i)(?<![\w-])(?:брифинг|пресс-конференци|конференци|пресс-подход|интервью|обращени|выступлени|доклад|"
    r"briefing|press\s+conference|news\s+conference|interview|address|speech|testimony|hearing)"
)
_TRAILING_ADVERB = re.compile(r"(?i)\s+(?:также|тоже|уже|ещ[её]|вновь|снова|also|further|again|later)\s*$")
_GENERIC_BODY = re.compile(
    r"(?i)(?<![\w-])(?:ведомств[а-я]*|министерств[а-я]*|the\s+(?:agency|body|department))(?![\w-])"
)
_CONJUNCTION = re.compile(r"(?i)\s*(?:хотя|но|однако|а|although|though|but|while|whereas|yet)\s+")
_NOT_NP_START = frozenset("to that of on in at by for with it this there which who what when if as than".split())
_UNNAMED = re.compile(
    r"(?i)\s*((?:a|an|another|one\s+of\s+the|один\s+из|одна\s+из|некий|некая|ещ[её]\s+один|ещ[её]\s+одна)"
    r"\s+[\w-]+(?:\s+(?:in|from|of|at|for|из|в)\s+(?:(?-i:the)\s+(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*){0,3}|"
    r"[\w-]+))?)"
)
_DEFINITE = re.compile(r"(?i)(?<![\w-])the\s+((?:[a-z]+\s+){0,2}[a-z]+)\s+(?:" + _VERB_BODY + r")(?![\w-])")


@dataclass(frozen=True)
class Reporter:
    name: str  # the entity's normal form, or the phrase as written
    start: int  # the span as written
    end: int
    kind: str  # person | organization | unknown
    confidence: float
    how: str  # sentence | pronoun | about_this | paragraph | previous_paragraph | lead
    role: str = ""  # the person's role as the document gives it ("генеральный прокурор"), if any


@dataclass(frozen=True)
class _Named:
    start: int
    end: int
    name: str
    kind: str
    role: str = ""


class Reporters:
    """The reporter in force at each sentence of a text (``at(pos)``)."""

    def __init__(self, text: str, entities: Entities | None) -> None:
        self.text = text
        self.named = _named(entities)
        self.sents = sentence_spans(text)
        self.starts = [a for a, _ in self.sents]
        self.paras = [_para_of(text, a) for a, _ in self.sents]
        self.own: list[Reporter | None] = []
        for k in range(len(self.sents)):
            self.own.append(self._own(k))
        self.force: list[Reporter | None] = self._propagate()

    def at(self, pos: int) -> Reporter | None:
        k = bisect_right(self.starts, pos) - 1
        return self.force[k] if 0 <= k < len(self.force) else None

    def own_at(self, pos: int) -> Reporter | None:
        k = bisect_right(self.starts, pos) - 1
        return self.own[k] if 0 <= k < len(self.own) else None

    def entity_at(self, start: int, end: int) -> _Named | None:
        hits = [n for n in self.named if n.start < end and start < n.end]
        return min(hits, key=lambda n: n.start) if hits else None

    # --- one sentence -------------------------------------------------------------------------------------
    def _own(self, k: int) -> Reporter | None:
        a, b = self.sents[k]
        text = self.text
        prev = self._previous_reporter(k)
        anaphor = _ANAPHOR.search(text, a, b)
        if anaphor and not _inside_quote(text, a, anaphor.start()):
            if prev is not None:
                return Reporter(prev.name, prev.start, prev.end, prev.kind, 0.75, "pronoun", prev.role)
            named = self._last_named(k, anaphor.group(0))
            if named is not None:
                return Reporter(named.name, named.start, named.end, named.kind, 0.6, "pronoun", named.role)
            return None
        kk = _KK_SOURCE.search(text, a, b)
        if kk is not None:
            if _KK_PRONOUN.search(text, a, kk.start()):
                return Reporter(prev.name, prev.start, prev.end, prev.kind, 0.75, "pronoun", prev.role) \
                    if prev is not None else None
            found = self._before(a, kk.start())
            if found is not None:
                return found
        source = _SOURCE.search(text, a, b)
        if source is not None:
            found = self._phrase_after(source.end(), b)
            if found is not None:
                return found
        for verb in _VERB.finditer(text, a, b):
            passive = not verb.group().endswith("ing") and _PASSIVE.search(text, max(a, verb.start() - 12),
                                                                             verb.start())
            if _inside_quote(text, a, verb.start()) or passive:
                continue  # "thousands are said to have …": nobody reports
            found = self._subject(a, b, verb.start(), verb.end())
            if found is not None:
                return found
        return None

    def _subject(self, a: int, b: int, vs: int, ve: int) -> Reporter | None:
        text = self.text
        after = [n for n in self.named if ve <= n.start < b and n.start - ve <= 80]
        after = [n for n in after if _only_np(text[ve:n.start])]
        if text[vs:ve].lower() in ("told", "tells"):
            after = []  # "X told Reuters": the name after the verb is who was told
        clause = max(a, text.rfind(",", a, vs) + 1, text.rfind("—", a, vs) + 1)
        unnamed = _UNNAMED.match(text, _clause_start(text, a, vs) if clause == a else clause)
        if unnamed is not None and unnamed.end() <= vs:  # "A resident in Osh told …": someone unnamed
            return Reporter(unnamed.group(1), unnamed.start(1), unnamed.end(1), "unknown", 0.8, "sentence")
        before = [n for n in self.named if a <= n.start and n.end <= vs and not _inside_quote(text, a, n.start)]
        near_before = [n for n in before if n.start >= _clause_start(text, a, vs)]
        own = _POSSESSED.match(text, clause, vs)
        if own is not None and text[own.end():vs].strip() == "":  # "…, his lawyer said": not the man named
            return Reporter(own.group(1), own.start(1), own.end(1), "unknown", 0.8, "sentence")
        if after and (not near_before or re.search(r"[,—–]\s*$", text[clause - 1 : vs]) or text[a:vs].strip() == ""):
            n = after[0]
        elif near_before:
            n = near_before[-1]
        elif after:
            n = after[0]
        else:
            d = _DEFINITE.search(text, max(a, vs - 60), ve + 1)
            if d is not None:
                return self._definite(d.start(1), d.end(1))
            return self._phrase_after(ve, b) or self._phrase_before(clause, vs)
        return Reporter(n.name, n.start, n.end, n.kind, 0.9, "sentence", n.role)

    def _before(self, a: int, pos: int) -> Reporter | None:
        """The entity or the words (at most four) written right before a postposed source marker."""
        named = [n for n in self.named if a <= n.start and n.end <= pos and not self.text[n.end : pos].strip()]
        if named:
            n = named[-1]
            return Reporter(n.name, n.start, n.end, n.kind, 0.9, "sentence", n.role)
        words = list(re.finditer(r"[^\W\d_]+(?:-[^\W\d_]+)*", self.text[a:pos]))[-4:]
        if not words:
            return None
        s, e = a + words[0].start(), a + words[-1].end()
        return Reporter(self.text[s:e], s, e, "unknown", 0.8, "sentence")

    def _definite(self, s: int, e: int) -> Reporter:
        """"the ministry": an organisation of the document whose name holds the head word, else as written."""
        head = self.text[s:e].split()[-1].lower()
        for n in reversed([n for n in self.named if n.end <= s and n.kind == "organization"]):
            if head in n.name.lower():
                return Reporter(n.name, s, e, n.kind, 0.75, "sentence", n.role)
        body = self._generic_body(max(0, s - 4), e)  # "the agency": the body named before
        if body is not None:
            return body
        return Reporter(self.text[s:e], s, e, "unknown", 0.85, "sentence")

    def _phrase_after(self, pos: int, b: int) -> Reporter | None:
        end = noun_phrase_end(self.text, pos, b)
        start = pos
        while start < end and self.text[start].isspace():
            start += 1
        if end <= start:
            return None
        named = self.entity_at(start, end)
        if named is not None:
            return Reporter(named.name, start, end, named.kind, 0.9, "sentence", named.role)
        phrase = self.text[start:end]
        if re.fullmatch(r"(?i)(?:он|она|они|его|её|ее|их|him|her|them|he|she|they)", phrase.strip()):
            return None
        if phrase.split()[0].lower() in _NOT_NP_START:
            return None
        return Reporter(phrase, start, end, "unknown", 0.85, "sentence")

    def _phrase_before(self, clause: int, vs: int) -> Reporter | None:
        lead = _CONJUNCTION.match(self.text, clause, vs)
        clause = lead.end() if lead is not None else clause
        words = re.findall(r"\S+", self.text[clause:vs])
        if not 1 <= len(words) <= 5 or any(w.lower() in ("что", "that", "и", "and") for w in words):
            return None
        start = clause + len(self.text[clause:vs]) - len(self.text[clause:vs].lstrip())
        end = clause + len(self.text[clause:vs].rstrip())
        adverb = _TRAILING_ADVERB.search(self.text, start, end)
        end = adverb.start() if adverb is not None and adverb.start() > start else end
        phrase = self.text[start:end]
        if re.fullmatch(r"(?i)(?:об\s+этом|this|it|это|он|она|они|he|she|they)", phrase):
            return None
        body = self._generic_body(start, end)
        return body or Reporter(phrase, start, end, "unknown", 0.8, "sentence")

    def _generic_body(self, start: int, end: int) -> Reporter | None:
        """«в ведомстве», «министерство», "the agency": the last organisation named before, as a body."""
        if not _GENERIC_BODY.search(self.text, start, end):
            return None
        orgs = [n for n in self.named if n.end <= start and n.kind == "organization"]
        if not orgs:
            return None
        n = orgs[-1]
        return Reporter(n.name, start, end, n.kind, 0.7, "sentence", n.role)

    def _last_named(self, k: int, pronoun: str) -> _Named | None:
        """The entity a pronoun refers to when no reporter came before: the last one named in the two
        sentences before, a person for «он»/«она»/he/she, an organisation for "it", either for «они»/they."""
        low = pronoun.lower()
        want = "person" if re.search(r"(?<![\w-])(?:он|она|его|её|ее|he|she|him|her)(?![\w-])", low) else \
            "organization" if re.search(r"(?<![\w-])it(?![\w-])", low) else None
        lo = self.sents[max(0, k - 2)][0]
        hi = self.sents[k][0]
        found = [n for n in self.named if lo <= n.start < hi and (want is None or n.kind == want)]
        return found[-1] if found else None

    def _previous_reporter(self, k: int) -> Reporter | None:
        for j in range(k - 1, max(-1, k - 12), -1):
            r = self.own[j]
            if r is not None:
                return r
        return None

    # --- the document ------------------------------------------------------------------------------------
    def _propagate(self) -> list[Reporter | None]:
        own = list(self.own)
        text = self.text
        for k, (a, b) in enumerate(self.sents):  # «Об этом сообщил X»: the sentences before it
            r = own[k]
            if r is None or r.how != "sentence" or not _ABOUT_THIS.search(text[a:b]):
                continue
            j = k - 1
            while j >= 0 and own[j] is None and self.paras[j] == self.paras[k]:
                own[j] = Reporter(r.name, r.start, r.end, r.kind, 0.8, "about_this", r.role)
                j -= 1
        force: list[Reporter | None] = []
        last: Reporter | None = None
        last_para = -1
        for k, r in enumerate(own):
            if r is not None:
                force.append(r)
                last, last_para = r, self.paras[k]
                continue
            if last is not None and self.paras[k] == last_para:
                force.append(Reporter(last.name, last.start, last.end, last.kind, 0.75, "paragraph", last.role))
            elif last is not None and 1 <= self._paragraph_index(k) - self._paragraph_index_at(last_para) <= 3 \
                    and _OCCASION.search(text, last_para, text.find("\n", last_para) % (len(text) + 1)):
                force.append(Reporter(last.name, last.start, last.end, last.kind, 0.55, "previous_paragraph",
                                      last.role))
            else:
                force.append(None)
        self._lead_to_headline(own, force)
        return force

    def _lead_to_headline(self, own: list[Reporter | None], force: list[Reporter | None]) -> None:
        """The headline (the first line) takes the reporter of the lead (the first paragraph of prose)."""
        if not self.sents or "\n" not in self.text[self.sents[0][0] : self.sents[0][1]].strip() and \
                self.paras[0] == self.paras[-1]:
            return
        head_para = self.paras[0]
        for k, r in enumerate(own):
            if self.paras[k] == head_para:
                continue
            a, b = self.sents[k]
            if len(self.text[a:b].split()) < 8:
                continue  # a dateline, a site notice
            if r is not None:
                for j in range(len(force)):
                    if self.paras[j] == head_para and force[j] is None:
                        force[j] = Reporter(r.name, r.start, r.end, r.kind, 0.6, "lead", r.role)
            return

    def _paragraph_index(self, k: int) -> int:
        return self._paragraph_index_at(self.paras[k])

    def _paragraph_index_at(self, para_start: int) -> int:
        return sorted(set(self.paras)).index(para_start)


def _named(entities: Entities | None) -> list[_Named]:
    if entities is None:
        return []
    out = [_Named(m.start, m.end, p.name.full, "person", p.role) for p in entities.persons for m in p.mentions]
    out += [_Named(m.start, m.end, o.name, "organization") for o in entities.orgs for m in o.mentions]
    return sorted(out, key=lambda n: n.start)


def _para_of(text: str, pos: int) -> int:
    """Paragraphs are lines (news texts put one paragraph on a line); the offset of the line's start."""
    return text.rfind("\n", 0, pos) + 1


def _clause_start(text: str, a: int, vs: int) -> int:
    ends = [m.end() for m in re.finditer(r"(?i),\s*(?:что|that|когда|when|а|but|и|and)\s|[;:]", text[a:vs])]
    return a + ends[-1] if ends else a


def _only_np(between: str) -> bool:
    """Only a few words, no clause break, between a reporting verb and the name after it."""
    return len(between.split()) <= 6 and not re.search(r"[.;:!?«»\"“”]|(?<![\w-])(?:что|that)(?![\w-])", between)


def _inside_quote(text: str, a: int, pos: int) -> bool:
    chunk = text[a:pos]
    return chunk.count("«") > chunk.count("»") or chunk.count('"') % 2 == 1 or chunk.count("“") > chunk.count("”")
