"""Offline language detection: py3langid's model, corrected for Russian and Kazakh by their letters.

py3langid scores a sample of the text (at most three 600-character slices, so a long document
costs the same as a short one). Within Cyrillic the alphabet decides first, and the model is asked
only when the alphabet leaves a doubt (a Russian or Kazakh text costs no model call at all):
Kazakh writes ә ғ қ ң ө ұ ү һ і, which Russian never does; Ukrainian, Belarusian, Serbian,
Macedonian, Tatar, Bashkir, Tajik and Uzbek have letters of their own, and a Cyrillic text without
any of them is Russian or Kazakh (decided by the share of Kazakh letters).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

_MIN_LETTERS = 20
_SLICE = 600
_MIN_CONFIDENCE = 0.4
_LETTER = re.compile(r"[^\W\d_]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_KAZAKH = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_KAZAKH_SHARE = 0.04  # of Cyrillic letters: at or above, Kazakh; Russian prose has none
# Letters neither Russian nor Kazakh writes: a text is taken for one of these languages only when
# it has some of them. Kyrgyz, Mongolian and Bulgarian write no such letter, so their texts read
# as Russian or Kazakh: the price of never taking a short Russian text for Bulgarian.
_OWN_LETTERS: dict[str, frozenset[str]] = {
    "uk": frozenset("їєґ"), "be": frozenset("ў"), "sr": frozenset("ђјљњћџ"), "mk": frozenset("ѓќѕјљњџ"),
    "tt": frozenset("җ"), "ba": frozenset("ҡҙҫ"), "tg": frozenset("ӣӯҳҷ"), "uz": frozenset("ўҳ"),
    "ky": frozenset(), "mn": frozenset(), "bg": frozenset(), "ru": frozenset(), "kk": frozenset(),
}
_OTHER = "".join(sorted(set().union(*_OWN_LETTERS.values())))
_OTHER_CYRILLIC = re.compile(f"[{_OTHER}{_OTHER.upper()}]")


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _sample(text: str) -> str:
    if len(text) <= 3 * _SLICE:
        return text
    middle = len(text) // 2 - _SLICE // 2
    return " ".join((text[:_SLICE], text[middle : middle + _SLICE], text[-_SLICE:]))


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language ("ru", "kk", "en", ...), or None when unsure or too short."""
    sample = _sample(text)
    letters = len(_LETTER.findall(sample))
    if letters < _MIN_LETTERS:
        return None
    cyrillic = len(_CYRILLIC.findall(sample))
    if cyrillic * 2 < letters:  # mostly another script: the model decides
        best, confidence = _identifier().classify(sample)
        return best if confidence >= _MIN_CONFIDENCE and best != "zxx" else None
    ranked: list[tuple[str, float]] | None = None
    if _OTHER_CYRILLIC.search(sample):  # a letter Russian and Kazakh never write: ask the model
        ranked = _identifier().rank(sample)
        best = ranked[0][0]
        if _OWN_LETTERS.get(best, frozenset()) & set(sample.lower()):
            return best
    kazakh = len(_KAZAKH.findall(sample))
    if kazakh >= _KAZAKH_SHARE * cyrillic:
        return "kk"
    if kazakh == 0:
        return "ru"
    scores = dict(ranked if ranked is not None else _identifier().rank(sample))
    return "kk" if scores.get("kk", 0.0) > scores.get("ru", 0.0) else "ru"
