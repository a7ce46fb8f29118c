"""Dates that carry their precision and the words they were read from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from aqiqat.domain.enums import DatePrecision


@dataclass(frozen=True, slots=True)
class FuzzyDate:
    """A date known to some precision: ``value`` is the first day of the period it names.

    ``end`` is set for a range ("in the night of 4 to 5 January" keeps both days).
    """

    value: date | None
    precision: DatePrecision = DatePrecision.DAY
    end: date | None = None
    text: str = ""

    def iso(self) -> str:
        if self.value is None:
            return ""
        if self.precision is DatePrecision.YEAR:
            return f"{self.value.year:04d}"
        if self.precision is DatePrecision.MONTH:
            return f"{self.value.year:04d}-{self.value.month:02d}"
        start = self.value.isoformat()
        return f"{start}/{self.end.isoformat()}" if self.end and self.end != self.value else start

    @classmethod
    def unknown(cls, text: str = "") -> FuzzyDate:
        return cls(None, DatePrecision.UNKNOWN, None, text)
