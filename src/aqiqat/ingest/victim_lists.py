"""Read an external list of victims (CSV or XLSX) into ListEntry values, row by row.

``column_map`` maps our fields to the file's headers, e.g. ``{"name": "ФИО", "age": "Возраст"}``.
A row without a name becomes a ``RowError`` with the file's row number (the header is row 1). A row
with a name is always kept: a cell that cannot be read (an age that is not a number or outside
0–120, a date that cannot be read, a birth year in the future) is left empty in the entry (its
text stays in ``raw`` and ``date_text``) and flagged as a ``RowError`` in ``flags``, so no victim is
dropped for a badly written field. A header that the file lacks is one error for the whole file.
Dates are read in Russian («5 января 2022 г.»), Kazakh («5 қаңтар 2022», «2022 жылғы 5 қаңтар»)
and English («Jan 5, 2022», «5 January 2022») forms and as numbers.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from aqiqat.domain.enums import Sex
from aqiqat.domain.model import ListEntry
from aqiqat.ingest.errors import IngestError, one_line

FIELDS = ("name", "surname", "given_name", "patronymic", "age", "birth_year", "sex", "date", "place",
          "cause", "notes")
ENCODINGS = ("utf-8-sig", "cp1251")
XLSX_UNPACKED_LIMIT = 1024**3  # never unpack more than 1 GB of workbook

_MONTH_NAMES = {
    # Russian: nominative, genitive, prepositional and abbreviations
    1: "январь января январе янв", 2: "февраль февраля феврале фев февр", 3: "март марта марте мар",
    4: "апрель апреля апреле апр", 5: "май мая мае", 6: "июнь июня июне июн", 7: "июль июля июле июл",
    8: "август августа августе авг", 9: "сентябрь сентября сентябре сен сент",
    10: "октябрь октября октябре окт", 11: "ноябрь ноября ноябре ноя нояб", 12: "декабрь декабря декабре дек",
}
_MONTH_NAMES_EN = ("january february march april may june july august september october november december")
# Kazakh, with the Kazakh letters folded (қаңтар → кантар, see _FOLD)
_MONTH_NAMES_KZ = "кантар акпан наурыз сауир мамыр маусым шилде тамыз кыркуйек казан караша желтоксан"
_MONTHS = {w: n for n, words in _MONTH_NAMES.items() for w in words.split()}
_MONTHS |= {w: n for n, w in enumerate(_MONTH_NAMES_EN.split(), start=1)}
_MONTHS |= {w[:3]: n for n, w in enumerate(_MONTH_NAMES_EN.split(), start=1)} | {"sept": 9}
_MONTHS |= {w: n for n, w in enumerate(_MONTH_NAMES_KZ.split(), start=1)}
_FOLD = str.maketrans({"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х",
                       "і": "и", "ё": "е"})
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_YEAR_WORD = r"(?:\s*(?:г\.?|года|год|ж\.?|жыл|жылы))?"
_WORD_DATE = re.compile(  # 5 января 2022 г., 5-ші қаңтар 2022
    r"^(\d{1,2})(?:\s*-?(?:ши|шы))?\s+([^\W\d_]+)\.?,?\s+(\d{4})" + _YEAR_WORD + "$")
_MONTH_FIRST = re.compile(r"^([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")  # Jan 5, 2022
_YEAR_FIRST = re.compile(r"^(\d{4})\s*(?:ж\.?|жылгы|жылы|жылдын)?\s+(\d{1,2})(?:\s*-?(?:ши|шы))?\s+([^\W\d_]+)$")
_AGE = re.compile(r"^(\d{1,3})(?:[.,]0+)?(?:\s*(?:лет|год|года|г\.|жас|жаста|жасында|жасар|y\.?o\.?|"
                  r"years?(?: old)?|y))?$")
_SEX = {
    "м": Sex.MALE, "муж": Sex.MALE, "мужской": Sex.MALE, "мужчина": Sex.MALE, "m": Sex.MALE,
    "male": Sex.MALE, "man": Sex.MALE, "ер": Sex.MALE, "ерлер": Sex.MALE, "ер адам": Sex.MALE,
    "ж": Sex.FEMALE, "жен": Sex.FEMALE, "женский": Sex.FEMALE, "женщина": Sex.FEMALE, "f": Sex.FEMALE,
    "female": Sex.FEMALE, "woman": Sex.FEMALE, "w": Sex.FEMALE, "әйел": Sex.FEMALE,
}


@dataclass(frozen=True, slots=True)
class RowError:
    """A row refused (no name), or a cell of a kept row that could not be read: then ``column`` (the file's
    header), ``value`` (the cell as written) and ``reason`` (one of ``FLAG_REASONS``) say which and why."""

    row_number: int
    message: str
    column: str = ""
    value: str = ""
    reason: str = ""


FLAG_REASONS = ("age_not_a_number", "age_out_of_range", "birth_year_not_a_year", "birth_year_in_future",
                "birth_year_too_old", "date_unreadable")


@dataclass(slots=True)
class VictimListRead:
    """What a list file holds: its rows as entries (``list_id`` 0 until stored) and its bad rows."""

    entries: list[ListEntry] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)  # rows not kept (no name)
    flags: list[RowError] = field(default_factory=list)  # kept rows with a cell that could not be read
    headers: list[str] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None


class RowProblem(ValueError):
    """One bad value in a row (the message names the column and the value)."""

    def __init__(self, message: str, column: str = "", value: str = "", reason: str = "") -> None:
        super().__init__(message)
        self.column, self.value, self.reason = column, value, reason


def read_victim_list(path: Path, column_map: dict[str, str]) -> VictimListRead:
    """Read a CSV (utf-8, utf-8 with BOM or cp1251; ``,`` ``;`` or tab) or XLSX victims list."""
    unknown = sorted(set(column_map) - set(FIELDS))
    if unknown:
        raise IngestError(path.name, f"unknown field(s) {', '.join(unknown)}; known: {', '.join(FIELDS)}")
    if "name" not in column_map and not {"surname", "given_name"} & set(column_map):
        raise IngestError(path.name, "the column map needs name= (or surname= and given_name=)")
    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            result = VictimListRead()
            rows: Iterator[list[Any]] = iter(_xlsx_rows(path))
        elif suffix in (".csv", ".tsv", ".txt"):
            text, encoding = _decode(path)
            delimiter = _sniff(text)
            result = VictimListRead(encoding=encoding, delimiter=delimiter)
            rows = iter(list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)))
        else:
            raise IngestError(path.name, f"unsupported list format {suffix or '(none)'}; use .csv or .xlsx")
        header = next(rows, None)
    except (OSError, csv.Error, ValueError, KeyError) as exc:
        raise IngestError(path.name, one_line(exc)) from exc
    if header is None:
        raise IngestError(path.name, "the file is empty")
    headers = [_cell_text(h) for h in header]
    result.headers = headers
    missing = [f"{f}={h}" for f, h in column_map.items() if h not in headers]
    if missing:
        raise IngestError(path.name, f"no such column(s) {', '.join(missing)}; the file has {', '.join(headers)}")
    index = {f: headers.index(h) for f, h in column_map.items()}
    for row_number, row in enumerate(rows, start=2):
        if all(_cell_text(v) == "" for v in row):
            continue
        problems: list[RowProblem] = []
        try:
            result.entries.append(_entry(row_number, row, headers, index, problems))
        except RowProblem as exc:
            result.errors.append(RowError(row_number, str(exc)))
        result.flags.extend(RowError(row_number, str(p), p.column, p.value, p.reason) for p in problems)
    return result


def _decode(path: Path) -> tuple[str, str]:
    data = path.read_bytes()
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8-sig" and not data.startswith(b"\xef\xbb\xbf"):
            encoding = "utf-8"
        return text, encoding
    raise IngestError(path.name, "not utf-8 or cp1251 text")


def _sniff(text: str) -> str:
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        first = text.splitlines()[0] if text else ""
        return max(",;\t", key=first.count)


def _xlsx_rows(path: Path) -> list[list[Any]]:
    """Every row of the first sheet, read now: a damaged workbook is one IngestError, not a crash later."""
    import openpyxl

    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > XLSX_UNPACKED_LIMIT:
            raise IngestError(path.name, f"XLSX would unpack to {unpacked / 1024**2:,.0f} MB, more than the "
                                         f"{XLSX_UNPACKED_LIMIT / 1024**2:,.0f} MB allowed (a zip bomb?); refused")
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            return [list(row) for row in wb.worksheets[0].iter_rows(values_only=True)]
        finally:
            wb.close()
    except IngestError:
        raise
    except Exception as exc:  # zipfile, openpyxl and lxml raise many kinds for a damaged workbook
        raise IngestError(path.name, f"XLSX is damaged: {one_line(exc)}") from None


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    return " ".join(str(value).split())


def _entry(row_number: int, row: list[Any], headers: list[str], index: dict[str, int],
           problems: list[RowProblem]) -> ListEntry:
    """The row as an entry; only a missing name refuses it. Each unreadable cell is left empty and
    its problem appended to ``problems``."""
    def get(name: str) -> Any:
        i = index.get(name)
        return row[i] if i is not None and i < len(row) else None

    def text(name: str) -> str:
        return _cell_text(get(name))

    name = text("name") or " ".join(p for p in (text("surname"), text("given_name"), text("patronymic")) if p)
    if not name:
        raise RowProblem("no name")
    age = _kept(lambda: _age(text("age"), index.get("age"), headers), problems)
    birth_year = _kept(lambda: _birth_year(text("birth_year"), index.get("birth_year"), headers), problems)
    event_date = _kept(lambda: _date(get("date"), index.get("date"), headers), problems)
    raw = {h: _cell_text(row[i]) if i < len(row) else "" for i, h in enumerate(headers) if h}
    return ListEntry(
        list_id=0,
        row_number=row_number,
        name=name,
        age=age,
        birth_year=birth_year,
        sex=_SEX.get(text("sex").lower().rstrip("."), Sex.UNKNOWN),
        date_text=text("date"),
        event_date=event_date,
        place_text=text("place"),
        cause=text("cause"),
        notes=text("notes"),
        raw=raw,
    )


T = TypeVar("T")


def _kept(read: Callable[[], T | None], problems: list[RowProblem]) -> T | None:
    try:
        return read()
    except RowProblem as exc:
        problems.append(exc)
        return None


def _column(i: int | None, headers: list[str]) -> str:
    return headers[i] if i is not None else "?"


def _age(value: str, i: int | None, headers: list[str]) -> int | None:
    if not value:
        return None
    column = _column(i, headers)
    m = _AGE.match(value.lower())
    if not m:
        raise RowProblem(f"{column}: age {value!r} is not a number", column, value, "age_not_a_number")
    age = int(m.group(1))
    if not 0 <= age <= 120:
        raise RowProblem(f"{column}: age {age} is outside 0–120", column, value, "age_out_of_range")
    return age


def _birth_year(value: str, i: int | None, headers: list[str]) -> int | None:
    if not value:
        return None
    column = _column(i, headers)
    m = re.fullmatch(r"(\d{4})(?:\s*(?:г\.?|года?))?", value)
    if not m:
        raise RowProblem(f"{column}: birth year {value!r} is not a year", column, value, "birth_year_not_a_year")
    year = int(m.group(1))
    if year > date.today().year:
        raise RowProblem(f"{column}: birth year {year} is in the future", column, value, "birth_year_in_future")
    if year < date.today().year - 120:
        raise RowProblem(f"{column}: birth year {year} is more than 120 years ago", column, value,
                         "birth_year_too_old")
    return year


def _date(value: Any, i: int | None, headers: list[str]) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _cell_text(value).lower()
    try:
        parsed = parse_date(text)
    except ValueError:
        parsed = None
    if parsed is None:
        column = _column(i, headers)
        raise RowProblem(f"{column}: date {_cell_text(value)!r} cannot be read", column, _cell_text(value),
                         "date_unreadable")
    return parsed


def parse_date(text: str) -> date | None:
    """A day written as 2022-01-05, 05.01.2022, 5/1/22, «5 января 2022 г.», «5 қаңтар 2022»,
    «2022 жылғы 5 қаңтар», «Jan 5, 2022» or «5 January 2022»; None otherwise (and for a day that
    does not exist)."""
    text = " ".join(text.strip().lower().translate(_FOLD).split())
    text = re.sub(r"\s*(?:г\.?|года|ж\.?|жыл)$", "", text) if re.search(r"\d", text) else text
    try:
        return _parse_date(text)
    except ValueError:
        return None


def _parse_date(text: str) -> date | None:
    if m := _ISO_DATE.match(text):
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := _NUMERIC_DATE.match(text):
        year = int(m.group(3))
        return date(year + 2000 if year < 100 else year, int(m.group(2)), int(m.group(1)))
    if m := _WORD_DATE.match(text):
        month = _month(m.group(2))
        return date(int(m.group(3)), month, int(m.group(1))) if month else None
    if m := _MONTH_FIRST.match(text):
        month = _month(m.group(1))
        return date(int(m.group(3)), month, int(m.group(2))) if month else None
    if m := _YEAR_FIRST.match(text):
        month = _month(m.group(3))
        return date(int(m.group(1)), month, int(m.group(2))) if month else None
    return None


def _month(word: str) -> int | None:
    return _MONTHS.get(word.rstrip("."))


def entries_as_records(entries: Iterable[ListEntry], source: str) -> list[dict[str, Any]]:
    """Plain rows for ``linkage.link_records``: one dict per entry (ids are ``source:row``)."""
    return [
        {"unique_id": f"{source}:{e.row_number}" if e.id is None else str(e.id), "source": source,
         "name": e.name, "age": e.age, "birth_year": e.birth_year,
         "sex": None if e.sex is Sex.UNKNOWN else e.sex.value, "event_date": e.event_date,
         "place": e.place_text or None}
        for e in entries
    ]
