"""The extraction pipeline: one document's text and metadata in, SuggestionDrafts out.

    extractor = Extractor()              # loads the Natasha models and the gazetteer: ~2 s, ~350 MB
    drafts = extractor.extract(text, ExtractionMeta(language="ru", published_at=date(2022, 2, 4)))

`Extractor.extract` is a pure function of (text, meta, EXTRACTOR_VERSION): no state survives between calls,
so one Extractor per worker process serves any number of documents, in any order. There is deliberately
no module-level extractor: create one where the work is done (one per process) and pass it along.
Every span of every draft satisfies ``span.text == text[span.start:span.end]``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from typing import Any

from natasha import Doc

from aqiqat.domain.enums import SuggestionKind
from aqiqat.domain.model import SuggestionDraft
from aqiqat.nlp import drafts as d
from aqiqat.nlp.attribution import Reporters
from aqiqat.nlp.claimants import continued_speakers, figure_claimant, quote_speaker
from aqiqat.nlp.claims import find_claims
from aqiqat.nlp.dates import extract_dates
from aqiqat.nlp.english import english_entities
from aqiqat.nlp.english_events import english_events
from aqiqat.nlp.entities import resolve
from aqiqat.nlp.event_counts import fill_counts
from aqiqat.nlp.event_lexicon import EVENT_WORDS, OUTCOME_WORDS
from aqiqat.nlp.events import find_events
from aqiqat.nlp.figures import extract_figures
from aqiqat.nlp.gazetteer import Gazetteer
from aqiqat.nlp.latin_names import add_latin_names
from aqiqat.nlp.layouts import colon_speech, embedded_posts, interview_turns, masked_citations
from aqiqat.nlp.mentions import ORG, PER, Mention, TokenIndex, find_mentions
from aqiqat.nlp.models import Models, Morph
from aqiqat.nlp.not_people import is_named_person
from aqiqat.nlp.quotes import extract_quotes, is_speech
from aqiqat.nlp.speakers import Speaker, SpeakerMap, resolve_speaker
from aqiqat.nlp.syntax import sentences

EXTRACTOR_NAME = d.EXTRACTOR_NAME
EXTRACTOR_VERSION = d.EXTRACTOR_VERSION
MAX_CHARS = 2_000_000
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_LETTER = re.compile(r"[^\W\d_]")
_LATIN_TEXT = re.compile(r"[A-Za-z]{2}")
_BODY_BEFORE = re.compile(
    r"(?i)(?<![\w-])(?:коалици|парти|движени|организаци|компани|фонд|объединени|союз|обществ|ассоциаци|газет|"
    r"издани|телеканал|радиостанци|агентств|портал|телеграм-канал|банк|клуб|центр|бюро|комитет|фракци|блок|"
    r"альянс|групп|инициатив|кооператив|корпораци|холдинг|предприяти|завод|комбинат|оо|тоо|ао|оао|ооо|зао|пао|"
    r"нко|ано)[а-яё]*\s*[«„“\"]$"
)
_LABEL_LINE = re.compile(r"(?m)^[ \t]*(\w[\w' -]{1,60}?)[ \t]*:[ \t]")  # «Имя Фамилия: …», a speaker label


class ExtractionError(ValueError):
    """The input cannot be extracted from (wrong type, too long)."""


@dataclass(frozen=True)
class ExtractionMeta:
    language: str | None
    published_at: date | None
    title: str = ""
    kind: str = "article"


def is_russian(text: str, language: str | None) -> bool:
    if language:
        return language.lower().split("-")[0] in ("ru", "rus", "kk", "kaz")
    letters = _LETTER.findall(text[:20000])
    return bool(letters) and len(_CYRILLIC.findall(text[:20000])) / len(letters) > 0.5


class Extractor:
    """Loads the models once (constructor). Reuse it for many documents; create one per worker process."""

    name = EXTRACTOR_NAME
    version = EXTRACTOR_VERSION

    def __init__(self, models: Models | None = None) -> None:
        self.models = models or Models.load()
        self.gazetteer = Gazetteer(self.models.morph)

    def extract(self, text: str, meta: ExtractionMeta) -> list[SuggestionDraft]:
        if not isinstance(text, str):
            raise ExtractionError(f"text must be a str, not {type(text).__name__}")
        if len(text) > MAX_CHARS:
            raise ExtractionError(f"text too long for one extraction: {len(text)} > {MAX_CHARS} characters")
        if not text.strip():
            return []
        original, text = text, masked_citations(text)
        published = meta.published_at
        date_mentions = list(extract_dates(text, published))
        figures = list(extract_figures(text))
        quotes_all = list(extract_quotes(text))
        quotes = [q for q in quotes_all if is_speech(q)]  # not names («коалиция «…»») nor scare quotes
        laid_out = interview_turns(text) + embedded_posts(text)
        laid_out += [q for q in colon_speech(text) if not any(t.start <= q.start < t.end for t in laid_out)]
        if laid_out:  # speech without quotation marks supersedes the marked quotes inside it
            quotes = sorted([q for q in quotes if not any(t.start <= q.start < t.end for t in laid_out)] + laid_out,
                            key=lambda q: q.start)
        out: list[SuggestionDraft] = []
        out += [d.date_draft(text, m) for m in date_mentions]
        if not is_russian(text, meta.language):
            out += self._english(text, quotes, figures, published, date_mentions)
            return _checked(original, _unmasked(original, out))
        out += self._russian(text, date_mentions, figures, quotes, [q for q in quotes_all if q.pattern == "name"],
                             published)
        return _checked(original, _unmasked(original, out))

    def _english(self, text: str, quotes: list[Any], figures: list[Any], published: date | None,
                 dates: list[Any]) -> list[SuggestionDraft]:
        if not _LATIN_TEXT.search(text):
            reporters = Reporters(text, None)
            out = [d.figure_draft(text, f, published, figure_claimant(reporters, f)) for f in figures]
            return out + [d.quote_draft(text, q, Speaker(q.speaker_text, "unknown")) for q in quotes]
        entities = english_entities(text, self.gazetteer)
        reporters = Reporters(text, entities)
        speakers = [quote_speaker(reporters, q, resolve_speaker(q, entities, self.models.morph)) for q in quotes]
        speakers = continued_speakers(text, quotes, speakers)
        out = [d.person_draft(text, p) for p in entities.persons]
        out += [d.place_draft(text, p) for p in entities.places]
        out += [d.org_draft(text, o) for o in entities.orgs]
        out += [d.quote_draft(text, q, s) for q, s in zip(quotes, speakers, strict=True)]
        quoted = list(zip(quotes, speakers, strict=True))
        out += [d.figure_draft(text, f, published, figure_claimant(reporters, f, quoted)) for f in figures]
        events = english_events(text, entities, dates, reporters)
        fill_counts(events, figures)
        out += [d.event_draft(text, e) for e in events]
        return out

    def _russian(self, text: str, dates: list[Any], figures: list[Any], quotes: list[Any],
                 names: list[Any], published: date | None) -> list[SuggestionDraft]:
        models = self.models
        morph = models.morph
        doc = models.segment(text)
        encoded = models.tagger.tag_ner(doc)
        mentions = find_mentions(doc, text, self.gazetteer, morph)
        for q in names:  # «Активисты – не экстремисты» after «коалиция» is an organisation, not a quote
            if _BODY_BEFORE.search(text, max(0, q.start - 30), q.start) is None:
                continue  # «Охота на овец», «Южный поток», «О внесении изменений»: titles, not bodies
            if not any(m.start < q.end + 1 and q.start - 1 < m.end for m in mentions):
                mentions.append(Mention(q.start, q.end, text[q.start:q.end], ORG))
        mentions.sort(key=lambda m: m.start)
        tagged, parsed, eventful = to_analyse(doc, mentions, morph)
        models.tagger.analyse(doc, tagged, parsed, encoded)
        index = TokenIndex.of(doc)
        labels = frozenset(m.start(1) for m in _LABEL_LINE.finditer(text))
        entities = resolve(mentions, index, morph, labels)
        entities.persons = [p for p in entities.persons if is_named_person(p, text, morph, self.gazetteer)]
        add_latin_names(text, entities)
        reporters = Reporters(text, entities)
        speakers = [quote_speaker(reporters, q, resolve_speaker(q, entities, morph)) for q in quotes]
        speakers = continued_speakers(text, quotes, speakers)
        speaker_at = SpeakerMap(quotes, speakers)
        sents = sentences(doc, text, morph, eventful)
        events = find_events(sents, entities, dates, morph, speaker_at, text)
        fill_counts(events, figures)
        claims = find_claims(sents, text, entities, speaker_at)
        out = [d.person_draft(text, p) for p in entities.persons]
        out += [d.place_draft(text, p) for p in entities.places]
        out += [d.org_draft(text, o) for o in entities.orgs]
        out += [d.quote_draft(text, q, s) for q, s in zip(quotes, speakers, strict=True)]
        quoted = list(zip(quotes, speakers, strict=True))
        out += [d.figure_draft(text, f, published, figure_claimant(reporters, f, quoted)) for f in figures]
        out += [d.event_draft(text, e) for e in events]
        out += [d.claim_draft(text, c) for c in claims]
        return out


def to_analyse(doc: Doc, mentions: list[Mention], morph: Morph) -> tuple[list[int], list[int], list[int]]:
    """The sentences (indexes of ``doc.sents``) that need morphology, those that need syntax too, and those
    events are read from (the only ones whose lemmas are looked up).

    Syntax (and morphology): sentences naming a person (name forms, sex from the verb), sentences with a word
    that may be an event trigger, and a sentence right after one of those with a word that may be an outcome
    («Оба мужчины погибли»). Morphology alone: sentences naming an organisation (nominative of the name).
    Candidate words are every form of every paradigm of those lemmas (``Morph.forms``), so no trigger the
    tagged lemmas would find is missed unless pymorphy3 guesses the lemma of a word it does not know. The other
    sentences are neither tagged nor parsed; nothing reads their tokens."""
    starts = [s.start for s in doc.sents]

    def sents_of(m: Mention) -> set[int]:
        return {bisect_right(starts, m.start) - 1, bisect_right(starts, m.end - 1) - 1}

    persons = {k for m in mentions if m.type == PER for k in sents_of(m)}
    orgs = {k for m in mentions if m.type == ORG for k in sents_of(m)}
    events: set[int] = set()
    outcomes: set[int] = set()
    event_forms, outcome_forms = morph.forms(EVENT_WORDS), morph.forms(OUTCOME_WORDS)
    for k, sent in enumerate(doc.sents):
        words = {tok.text.lower().replace("ё", "е") for tok in sent.tokens}
        if not words.isdisjoint(event_forms):
            events.add(k)
        if not words.isdisjoint(outcome_forms):
            outcomes.add(k)
    eventful = events | {k + 1 for k in events if k + 1 in outcomes}
    parsed = (persons | eventful) - {-1}
    return sorted((parsed | orgs) - {-1}), sorted(parsed), sorted(eventful)


_ORDER = {k: i for i, k in enumerate(SuggestionKind)}


def _unmasked(text: str, drafts: list[SuggestionDraft]) -> list[SuggestionDraft]:
    """Drafts whose spans read the same in the text as given (none touches a blanked source-list line)."""
    return [x for x in drafts if all(s.text == text[s.start:s.end] for s in x.spans)]


def _checked(text: str, drafts: list[SuggestionDraft]) -> list[SuggestionDraft]:
    """Sort deterministically and enforce the span invariant (a broken span is a bug, not a result)."""
    for draft in drafts:
        for s in draft.spans:
            if s.text != text[s.start:s.end] or s.end > len(text):
                raise AssertionError(f"span [{s.start}, {s.end}) of a {draft.kind} draft does not match the text")
    return sorted(drafts, key=lambda x: (_ORDER[x.kind], x.spans[0].start if x.spans else -1))
