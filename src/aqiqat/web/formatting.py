"""Dates and numbers formatted for the reader's language (Babel); bound per request."""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, lru_cache
from typing import Any

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


# A page of fifty events formats a few hundred dates and numbers, most of them seen before; Babel parses
# the locale and the pattern on every call. The results are pure functions of their arguments: cached.
@lru_cache(maxsize=16384)
def _date(d: date, form: str, lang: str) -> str:
    return format_date(d, format=form, locale=_locale(lang))


@lru_cache(maxsize=16384)
def _number(value: int | float, lang: str) -> str:
    return format_decimal(value, locale=_locale(lang))


def _as_date(value: Any) -> date | datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime | date):
        return value
    text = str(value)
    try:
        return datetime.fromisoformat(text) if "T" in text or " " in text else date.fromisoformat(text[:10])
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Formatter:
    """What a template needs to speak one language: gettext and Babel formatting."""

    lang: str
    translations: gettext.NullTranslations

    def gettext(self, message: str, **values: Any) -> str:
        text = self.translations.gettext(message)
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, n: int, **values: Any) -> str:
        text = self.translations.ngettext(singular, plural, n)
        return text % {"num": self.number(n), **values}

    def date(self, value: Any, form: str = "medium") -> str:
        d = _as_date(value)
        if d is None:
            return "" if value is None else str(value)
        if isinstance(d, datetime):
            d = d.date()
        return _date(d, form, self.lang)

    def datetime(self, value: Any) -> str:
        d = _as_date(value)
        if d is None:
            return "" if value is None else str(value)
        if not isinstance(d, datetime):
            return _date(d, "medium", self.lang)
        return format_datetime(d, format="medium", locale=_locale(self.lang))

    def number(self, value: Any) -> str:
        if value is None or value == "":
            return ""
        try:
            num = float(value)
        except (TypeError, ValueError):
            return str(value)
        return _number(int(num) if num.is_integer() else num, self.lang)

    def range(self, low: Any, high: Any) -> str:
        """A min–max count: "5", "5–7", "≥ 5", "≤ 7", or "" when unknown."""
        if low is None and high is None:
            return ""
        if high is None:
            return f"≥ {self.number(low)}"
        if low is None:
            return f"≤ {self.number(high)}"
        if low == high:
            return self.number(low)
        return f"{self.number(low)}–{self.number(high)}"
