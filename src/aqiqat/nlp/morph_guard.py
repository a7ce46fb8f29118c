"""pymorphy3 asks every character of an unknown word for its Unicode name to tell Latin letters; a character
with no name (unassigned in this Python's Unicode tables, private use: '𗀀' in Python 3.11) raised ValueError
from deep inside the analyser, and the whole document's extraction failed. Its per-character cache is given
a fallback that answers "not Latin" for such characters instead."""

from __future__ import annotations

import unicodedata

import pymorphy3.shapes


class _LatinLetters(dict[str, bool]):
    def __missing__(self, char: str) -> bool:
        return self.setdefault(char, "LATIN" in unicodedata.name(char, ""))


def install() -> None:
    cache = pymorphy3.shapes._latin_letters_cache
    if not isinstance(cache, _LatinLetters):
        guarded = _LatinLetters(cache)
        pymorphy3.shapes._latin_letters_cache = guarded
