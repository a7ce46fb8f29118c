"""Characters without a Unicode name (unassigned in this Python's tables, private use) do not stop extraction."""

from __future__ import annotations

from datetime import date

from aqiqat.nlp.pipeline import ExtractionMeta, Extractor
from aqiqat.nlp.quotes import extract_quotes
from aqiqat.nlp.search_lemmas import lemmatise

UNNAMED = "\U00017000\ue000"  # a character Python 3.11 has no name for, and one of private use


def test_words_with_unnamed_characters_are_analysed() -> None:
    words = lemmatise(f"Задержали {UNNAMED}x{UNNAMED} активистов").split()
    assert words[0] == "задержать" and words[-1] == "активист" and "\U00017000" in words
    assert extract_quotes(f"«{UNNAMED}»") is not None


def test_a_document_with_unnamed_characters_is_extracted(extractor: Extractor) -> None:
    text = f"7 января военные задержали {UNNAMED}-активиста в Алматы. «Нас {UNNAMED} били», – сказал Ерлан Сапаров."
    drafts = extractor.extract(text, ExtractionMeta(language="ru", published_at=date(2022, 2, 4)))
    kinds = {d.kind.value for d in drafts}
    assert {"date", "event", "quote"} <= kinds
    for d in drafts:
        for span in d.spans:
            assert text[span.start : span.end] == span.text
