"""Word lemmas for full-text search: "задержали", "задержания" and "задержан" find one another."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


@lru_cache(maxsize=1)
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=300_000)
def lemma(word: str) -> str:
    w = word.lower().replace("ё", "е")
    if not any("а" <= c <= "я" for c in w):
        return w
    return str(_morph().parse(w)[0].normal_form).replace("ё", "е")


def lemmatise(text: str) -> str:
    """The text as a sequence of lemmas separated by spaces (what the search index holds)."""
    return " ".join(lemma(m.group(0)) for m in WORD.finditer(text))


def query_lemmas(query: str) -> list[str]:
    return [lemma(m.group(0)) for m in WORD.finditer(query)]
