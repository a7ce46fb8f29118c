"""How plausible a decoded text is as Russian or Kazakh: the judge between Cyrillic code pages.

cp1251, KOI8-R, KZ-1048, Mac Cyrillic and cp866 all decode any byte string, so the question is which
decoding reads like Cyrillic prose. Each non-ASCII character is scored by the log-probability of its
lower-case form in Russian and Kazakh text (letter frequencies per mille); characters that do not
occur in such text score very low, and two patterns of a wrong code page are penalised: a capital
letter right after a small one inside a word (KOI8-R read as cp1251 turns «Привет» into «рТЙЧЕФ»),
and a Cyrillic letter glued to a Latin one (cp1252's «café» read as cp1251 gives «cafй»).
"""

from __future__ import annotations

import math

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
_MID_WORD_CAPITAL = 4.0
_MIXED_SCRIPT = 4.0

_LOG_PROB: dict[str, float] = {
    ch: math.log(per_mille / 1000)
    for ch, per_mille in {**_LETTERS_PER_MILLE, **_PUNCTUATION_PER_MILLE}.items()
}


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def plausibility(text: str) -> float:
    """Mean log-probability per non-ASCII character (0.0 when there is none); higher is likelier."""
    total = 0.0
    count = 0
    log_prob = _LOG_PROB
    last = len(text) - 1
    for i, ch in enumerate(text):
        if ch < "\x80":
            continue
        count += 1
        score = log_prob.get(ch.lower(), _UNLIKELY)
        if _is_cyrillic(ch):
            prev = text[i - 1] if i > 0 else " "
            if ch.isupper() and prev.islower() and _is_cyrillic(prev):
                score -= _MID_WORD_CAPITAL
            nxt = text[i + 1] if i < last else " "
            if _is_latin(prev) or _is_latin(nxt):
                score -= _MIXED_SCRIPT
        total += score
    return total / count if count else 0.0
