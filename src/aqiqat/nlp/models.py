"""The Natasha models and the pymorphy3 analyser, loaded once per process and passed explicitly."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pymorphy3
from natasha import Doc, NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter


class Morph:
    """pymorphy3 with a per-instance cache of word parses (names repeat a lot in one corpus)."""

    def __init__(self) -> None:
        self.analyzer = pymorphy3.MorphAnalyzer()
        self.parse = lru_cache(maxsize=200_000)(self._parse)

    def _parse(self, word: str) -> tuple[Any, ...]:
        return tuple(self.analyzer.parse(word))

    def lemma(self, word: str) -> str:
        parses = self.parse(word.lower())
        return str(parses[0].normal_form) if parses else word.lower()


@dataclass
class Models:
    """Everything extraction needs loaded: build one per worker process and reuse it (≈1 s, ≈300 MB)."""

    segmenter: Segmenter
    embedding: NewsEmbedding
    morph_tagger: NewsMorphTagger
    syntax_parser: NewsSyntaxParser
    ner_tagger: NewsNERTagger
    morph: Morph

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

    def analyse(self, text: str, syntax: bool = True) -> Doc:
        """Segment, tag morphology, parse syntax (optional) and tag named entities."""
        doc = Doc(text)
        doc.segment(self.segmenter)
        doc.tag_morph(self.morph_tagger)
        if syntax:
            doc.parse_syntax(self.syntax_parser)
        doc.tag_ner(self.ner_tagger)
        return doc
