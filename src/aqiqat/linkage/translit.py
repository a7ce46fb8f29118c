"""One script-neutral skeleton for a name written in Cyrillic (Russian, Kazakh) or Latin.

Every common way of writing a Russian or Kazakh name in Latin letters (ICAO 9303, GOST 7.79 and
GOST R 52535, BGN/PCGN, the Kazakh Latin alphabets of 2018 and 2021, informal spellings) and the
Cyrillic original fold to the same lowercase ASCII key: ``Нұрғалиев``, ``Нургалиев``, ``Nurgaliyev``,
``Nurgaliev`` and ``Nurğaliev`` all give ``nurgalev``. The key is for comparing, never for display.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Kazakh (and a few Ukrainian/Belarusian) letters folded to their nearest Russian letter.
KAZAKH_FOLD = str.maketrans(
    {"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х", "і": "и",
     "ё": "е", "ў": "у", "ї": "и", "є": "е", "ґ": "г"}
)

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "",
    "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}

# Latin letters with diacritics used by the Kazakh Latin alphabets, ISO 9 / GOST 7.79 system A,
# Turkish-style informal spellings, and stray lookalikes.
_LATIN = {
    "ä": "a", "á": "a", "à": "a", "â": "a", "ə": "a", "ã": "a",
    "ǵ": "g", "ğ": "g", "ĝ": "g",
    "ı": "i", "í": "i", "ì": "i", "î": "i", "ï": "i", "ĭ": "i", "і": "i",
    "ń": "n", "ñ": "n", "ň": "n",
    "ö": "o", "ó": "o", "ò": "o", "ô": "o", "ø": "o", "ɵ": "o", "õ": "o",
    "ü": "u", "ú": "u", "ù": "u", "û": "u", "ū": "u", "ŭ": "u",
    "ý": "u", "ÿ": "y",
    "ş": "sh", "š": "sh", "ș": "sh", "ś": "sh", "ŝ": "sh",
    "ç": "ch", "č": "ch", "ć": "ch", "ĉ": "ch",
    "ž": "zh", "ż": "zh", "ź": "zh", "ẑ": "zh",
    "ë": "e", "é": "e", "è": "e", "ê": "e", "ė": "e", "ē": "e", "ě": "e",
    "ß": "ss",
}

_TABLE = str.maketrans({**_CYRILLIC, **_LATIN})
_J_AS_I = re.compile(r"(?<=[aeiouy])j(?![aeiouy])")  # ISO/GOST й: Sergej, Majra
_C_ALONE = re.compile(r"c(?!h)")
_TC = re.compile(r"tc(?!h)")  # GOST R 52535: ц = tc
_DOUBLES = re.compile(r"([a-z])\1+")
_NOT_LETTER = re.compile(r"[^a-z]")

# Ordered folds applied to the Latin skeleton. Each merges spellings of one sound.
_FOLDS: tuple[tuple[str, str], ...] = (
    ("shch", "sh"), ("shh", "sh"), ("sch", "sh"),
    ("kh", "h"), ("gh", "g"), ("q", "k"),
    ("dzh", "j"), ("zh", "j"), ("dj", "j"),
    ("tch", "ch"), ("tz", "ts"), ("cz", "ts"),
    ("x", "ks"), ("w", "v"), ("ou", "u"),
)


def fold_kazakh(text: str) -> str:
    """Lowercase Cyrillic with Kazakh letters and ё folded to Russian ones (қ→к, ә→а, ...)."""
    return text.lower().translate(KAZAKH_FOLD)


def is_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def _letters(text: str) -> str:
    """The skeleton before doubled letters are merged."""
    low = unicodedata.normalize("NFC", text.lower()).translate(KAZAKH_FOLD)
    low = low.translate(_TABLE)
    # Anything still accented (rare letters): drop the accent.
    low = "".join(c for c in unicodedata.normalize("NFD", low) if not unicodedata.combining(c))
    low = _NOT_LETTER.sub("", low)
    low = _J_AS_I.sub("i", low)
    for old, new in _FOLDS:
        low = low.replace(old, new)
    low = _TC.sub("ts", low)
    low = _C_ALONE.sub("ts", low)
    low = low.replace("ts", "c")
    return low.replace("y", "i")


@lru_cache(maxsize=500_000)
def skeleton(text: str) -> str:
    """The phonetic-ish ASCII key of one word (or several run together), whatever the script."""
    return rekeyed(_letters(text))


# Doubled consonants (and i) merged, doubled a, e, o, u kept: Russian and Kazakh names seldom double
# these vowels, so a doubled one is most often a letter dropped between two alike («Сапаргалиева»
# → «Сааргалиева»), which the skeleton's merge turns into two letters gone (``sargalev``).
_CONSONANT_DOUBLES = re.compile(r"([b-df-hj-np-tv-z]|i)\1+")


@lru_cache(maxsize=200_000)
def typo_skeleton(text: str) -> str:
    """``skeleton`` with doubled a, e, o and u kept (``saargalev`` where the skeleton has
    ``sargalev``): for telling a typo one letter from the name it spoils."""
    low = _CONSONANT_DOUBLES.sub(r"\1", _letters(text)).replace("ie", "e")
    return _CONSONANT_DOUBLES.sub(r"\1", low)


_ONE_LETTER = {ch: _letters(ch) for ch in _CYRILLIC}  # each Cyrillic letter as the skeleton writes it alone


@lru_cache(maxsize=200_000)
def letter_skeleton(text: str) -> str | None:
    """A Cyrillic word letter by letter, each letter as the skeleton writes it alone, with doubled
    consonants merged and doubled vowels kept (``typo_skeleton``), but no fold across two letters:
    one typo is one edit here, where the skeleton's folds can make it two («Токханов», a typo of
    «Тоқтанов», has кх, which the skeleton reads as х: ``tohanov`` against ``toktanov``; here
    ``tokhanov``). None for a word with a letter outside the Russian and Kazakh alphabets."""
    low = unicodedata.normalize("NFC", text.lower()).translate(KAZAKH_FOLD)
    letters = [ch for ch in low if ch.isalpha()]
    if not letters or any(ch not in _ONE_LETTER for ch in letters):
        return None
    return _CONSONANT_DOUBLES.sub(r"\1", "".join(_ONE_LETTER[ch] for ch in letters))


def merge_doubles(key: str) -> str:
    """A key with its doubled letters merged, as the skeleton merges them."""
    return _DOUBLES.sub(r"\1", key)


def rekeyed(key: str) -> str:
    """Letters as the skeleton keys them: doubled letters merged and ie read as e (``sapaargalev``
    → ``sapargalev``, ``tieuturov`` → ``teuturov``); also a key changed by an edit (a letter dropped,
    say), keyed again."""
    return _DOUBLES.sub(r"\1", _DOUBLES.sub(r"\1", key).replace("ie", "e"))


_FEMININE_KEY_ENDINGS: tuple[tuple[str, str], ...] = (
    ("ckaia", "cki"), ("skaia", "ski"), ("skaa", "ski"), ("ska", "ski"),
    ("ova", "ov"), ("eva", "ev"), ("ina", "in"),
)


def fold_surname_sex(key: str) -> str:
    """Fold a feminine surname key to the masculine one (``nurgaleva`` → ``nurgalev``)."""
    for fem, masc in _FEMININE_KEY_ENDINGS:
        if key.endswith(fem) and len(key) > len(fem) + 1:
            return key[: -len(fem)] + masc
    return key
