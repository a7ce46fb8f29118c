"""How plausible bytes read in a code page are as Russian or Kazakh: the judge between Cyrillic code pages.

cp1251, KOI8-R, KZ-1048, Mac Cyrillic and cp866 all decode any byte string, so the question is
which decoding reads like Cyrillic prose. Each non-ASCII byte is scored, as the character it decodes
to, by the log-probability of that character's lower-case form in Russian and Kazakh text (letter
frequencies per mille, capitals a little less likely); characters that do not occur in such text
score very low. Three patterns of a wrong code page are penalised: a capital letter right after a
small one inside a word (KOI8-R read as cp1251 turns «Привет» into «рТЙЧЕФ»); a Cyrillic letter glued
to a Latin one (cp1252's «café» read as cp1251 gives «cafй»); a one-letter word Russian does not
have (Mac Cyrillic's dash read as cp1251 is a lone «Р»). Counting bytes keeps it fast: no text is
decoded to score it. Measured on 1 to 10 words of a Russian report in four code pages: 94% right
for one word, 99% for two, all for ten.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

# Letter frequencies per mille: Russian prose, plus the Kazakh letters at their Kazakh frequencies.
_LETTERS_PER_MILLE = {
    "о": 109.7, "е": 84.5, "а": 80.1, "и": 73.5, "н": 67.0, "т": 62.6, "с": 54.7, "р": 47.3,
    "в": 45.4, "л": 44.0, "к": 34.9, "м": 32.1, "д": 29.8, "п": 28.1, "у": 26.2, "я": 20.1,
    "ы": 19.0, "ь": 17.4, "г": 17.0, "з": 16.5, "б": 15.9, "ч": 14.4, "й": 12.1, "х": 9.7,
    "ж": 9.4, "ш": 7.3, "ю": 6.4, "ц": 4.8, "щ": 3.6, "э": 3.2, "ф": 2.6, "ъ": 0.4, "ё": 3.0,
    # Kazakh
    "і": 30.0, "қ": 25.0, "ә": 20.0, "ң": 15.0, "ұ": 12.0, "ү": 12.0, "ғ": 10.0, "ө": 8.0, "һ": 0.3,
    # Ukrainian and Belarusian letters a Russian or Kazakh text may quote
    "є": 1.0, "ї": 1.0, "ґ": 0.3, "ў": 0.5,
}
# Non-ASCII punctuation found in Russian typography.
_PUNCTUATION_PER_MILLE = {
    ch: 3.0 for ch in "«»—–…№“”„‘’•°§±©\u00a0\u2011\u202f"
}
_UNLIKELY = math.log(0.005 / 1000)
_ASCII = bytes(range(0x80))
_MID_WORD_CAPITAL = 4.0
_LONE_LETTER = 4.0
_ONE_LETTER_WORDS = frozenset("авиоуяскжб")
_CAPITAL = 0.2  # capitals are rarer than small letters, even counting headlines in capitals
_MIXED_SCRIPT = 4.0

_LOG_PROB: dict[str, float] = {
    ch: math.log(per_mille / 1000)
    for ch, per_mille in {**_LETTERS_PER_MILLE, **_PUNCTUATION_PER_MILLE}.items()
}
_LATIN = b"A-Za-z"


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def _byte_class(byte_values: list[int]) -> bytes:
    return b"".join(re.escape(bytes([b])) for b in byte_values)


@dataclass(frozen=True, slots=True)
class _CodePage:
    log_prob: dict[int, float]  # per non-ASCII byte; a byte the code page leaves undefined is absent
    mid_word_capital: re.Pattern[bytes]  # a small Cyrillic letter followed by a capital one
    mixed_script: re.Pattern[bytes]  # a Cyrillic letter next to a Latin one
    lone_letter: re.Pattern[bytes]  # a one-letter word that is no Russian word


@cache
def _code_page(codec: str) -> _CodePage:
    log_prob: dict[int, float] = {}
    lower: list[int] = []
    upper: list[int] = []
    for byte in range(0x80, 0x100):
        try:
            ch = bytes([byte]).decode(codec)
        except UnicodeDecodeError:
            continue
        log_prob[byte] = _LOG_PROB.get(ch.lower(), _UNLIKELY)
        if _is_cyrillic(ch) and ch.isalpha():
            (upper if ch.isupper() else lower).append(byte)
            if ch.isupper():
                log_prob[byte] -= _CAPITAL
    cyr = _byte_class(lower + upper)
    lone = _byte_class([b for b in lower + upper if bytes([b]).decode(codec).lower() not in _ONE_LETTER_WORDS])
    letter = _LATIN + cyr
    return _CodePage(
        log_prob=log_prob,
        mid_word_capital=re.compile(b"[" + _byte_class(lower) + b"][" + _byte_class(upper) + b"]"),
        mixed_script=re.compile(b"[" + _LATIN + b"][" + cyr + b"]|[" + cyr + b"][" + _LATIN + b"]"),
        lone_letter=re.compile(b"(?<![" + letter + b"])[" + lone + b"](?![" + letter + b"])"),
    )


def plausibility(data: bytes, codec: str) -> float | None:
    """Mean log-probability per non-ASCII byte of ``data`` read in ``codec`` (higher is likelier);
    None when the code page cannot decode the bytes, 0.0 when all of them are ASCII."""
    page = _code_page(codec)
    high = data.translate(None, _ASCII)
    if not high:
        return 0.0
    total = 0.0
    log_prob = page.log_prob
    for byte, count in Counter(high).items():
        score = log_prob.get(byte)
        if score is None:
            return None
        total += count * score
    total -= _MID_WORD_CAPITAL * len(page.mid_word_capital.findall(data))
    total -= _MIXED_SCRIPT * len(page.mixed_script.findall(data))
    total -= _LONE_LETTER * len(page.lone_letter.findall(data))
    return total / len(high)
