"""The Natasha models and the pymorphy3 analyser, loaded once per process and passed explicitly."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import pymorphy3
from natasha import Doc, NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter
from natasha.doc import DocSent, DocToken
from razdel import sentenize, tokenize

from aqiqat.nlp.figures_lexicon import morph as shared_analyzer
from aqiqat.nlp.tagging import Tagger

_VERBAL = ("VERB", "INFN", "PRTF", "PRTS", "GRND")
_CACHE = 200_000


class Morph:
    """pymorphy3 with per-instance caches of word parses and lemmas (words repeat a lot in one corpus)."""

    def __init__(self, analyzer: pymorphy3.MorphAnalyzer | None = None) -> None:
        # the process's one analyser (the rule modules' too, nlp.figures_lexicon.morph), unless one is given
        self.analyzer = analyzer if analyzer is not None else shared_analyzer()
        self.parse = lru_cache(maxsize=_CACHE)(self._parse)
        self.tagged_lemma = lru_cache(maxsize=_CACHE)(self._tagged_lemma)
        self.forms = lru_cache(maxsize=16)(self._forms)

    def _parse(self, word: str) -> tuple[Any, ...]:
        return tuple(self.analyzer.parse(word))

    def lemma(self, word: str) -> str:
        parses = self.parse(word.lower())
        return str(parses[0].normal_form) if parses else word.lower()

    def lemma_among(self, word: str, lemmas: frozenset[str]) -> str:
        """``lemma(word)`` when it can be one of ``lemmas`` (the word is a form of one of them), else "".
        Cheap for the many words that are no form of any: no parse."""
        low = word.lower()
        forms = self.forms(lemmas)
        if low in forms or low.replace("ё", "е") in forms:
            return self.lemma(low)
        return ""

    def _tagged_lemma(self, word: str, pos: str | None) -> str:
        """The lemma of a word whose part of speech the tagger gave (``word`` in lower case).
        Substantivised participles keep the participle: «протестующие» → «протестующий»."""
        parses = self.parse(word)
        if not parses:
            return word
        for parse in parses:
            p = parse.tag.POS
            if pos == "NOUN" and p == "PRTF":
                form = parse.inflect({"sing", "masc", "nomn"})
                return str(form.word) if form else str(parse.normal_form)
            if (pos == "VERB" and p in _VERBAL) or (pos == "NOUN" and p == "NOUN") or \
                    (pos == "ADJ" and p in ("ADJF", "ADJS", "PRTF", "PRTS")) or (pos == "AUX" and p in _VERBAL):
                return str(parse.normal_form)
        return str(parses[0].normal_form)

    def _forms(self, lemmas: frozenset[str]) -> frozenset[str]:
        """Every word form (lower case, with ё and with е) of every paradigm pymorphy3 gives each lemma: the
        words whose tagged lemma can be one of ``lemmas``, found without parsing each word of a text."""
        out: set[str] = set()
        for lemma in lemmas:
            out.add(lemma)
            for parse in self.analyzer.parse(lemma):
                out.update(str(form.word) for form in parse.lexeme)
        return frozenset(out | {w.replace("ё", "е") for w in out})


@dataclass
class Models:
    """Everything extraction needs loaded: build one per worker process and reuse it (≈1 s, ≈300 MB)."""

    segmenter: Segmenter
    embedding: NewsEmbedding
    morph_tagger: NewsMorphTagger
    syntax_parser: NewsSyntaxParser
    ner_tagger: NewsNERTagger
    morph: Morph
    tagger: Tagger = field(init=False)

    def __post_init__(self) -> None:
        self.tagger = Tagger(self.ner_tagger, self.morph_tagger, self.syntax_parser)

    @classmethod
    def load(cls) -> Models:
        embedding = NewsEmbedding()
        return cls(
            segmenter=Segmenter(),
            embedding=embedding,
            morph_tagger=NewsMorphTagger(embedding),
            syntax_parser=NewsSyntaxParser(embedding),
            ner_tagger=NewsNERTagger(embedding),
            morph=Morph(),
        )

    @staticmethod
    def segment(text: str) -> Doc:
        """Tokens and sentences as ``Doc.segment(Segmenter())`` gives them (razdel), built directly."""
        doc = Doc(text)
        doc.tokens = [DocToken(t.start, t.stop, t.text) for t in tokenize(text)]
        doc.sents = [DocSent(s.start, s.stop, s.text) for s in sentenize(text)] if text else []
        doc.envelop_sent_tokens()
        return doc

    def analyse(self, text: str, syntax: bool = True) -> Doc:
        """Segment, tag named entities and the morphology of every sentence, parse syntax (optional)."""
        doc = self.segment(text)
        encoded = self.tagger.tag_ner(doc)
        every = range(len(doc.sents))
        self.tagger.analyse(doc, every, every if syntax else (), encoded)
        return doc
