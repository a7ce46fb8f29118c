"""Property-based tests of victims lists: any CSV bytes, any cells, any column map give entries and row
errors, or one IngestError for the whole file; never another exception."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aqiqat.ingest.errors import IngestError
from aqiqat.ingest.victim_lists import FIELDS, VictimListRead, parse_date, read_victim_list

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HEADERS = ["ФИО", "Возраст", "Пол", "Дата гибели", "Место", "Год рождения", "Фамилия", "Имя"]
MAP = {"name": "ФИО", "age": "Возраст", "sex": "Пол", "date": "Дата гибели", "place": "Место",
       "birth_year": "Год рождения"}
# cells that look like what a list holds, and the edge cases a parser trips on
CELLS = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["34", "27 лет", "130", "-1", "сорок", "1e9", "99999999999999999999", "0,0", "05.01.2022",
                     "31.02.2022", "6 января 2022 г.", "2022-13-45", "5/1/22", "00.00.0000", "9999-99-99",
                     "1 мая 99999", "м", "ж", "2094", "0000", "=cmd|' /C calc'!A0", '"', "\x00", "\r", "\ufeff"]),
    st.integers(-10**20, 10**20).map(str),
)


@contextmanager
def written(data: bytes, suffix: str = ".csv") -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="aqiqat-fuzz-") as folder:
        path = Path(folder) / f"list{suffix}"
        path.write_bytes(data)
        yield path


def check(path: Path, column_map: dict[str, str]) -> VictimListRead | None:
    try:
        read = read_victim_list(path, column_map)
    except IngestError as err:
        message = str(err)
        assert message.startswith(f"{path.name}: ") and "\n" not in message
        return None
    for entry in read.entries:
        assert entry.name and entry.row_number >= 2
        assert entry.age is None or 0 <= entry.age <= 120
    for error in read.errors:
        assert error.row_number >= 2 and error.message and "\n" not in error.message
    numbers = [e.row_number for e in read.entries] + [e.row_number for e in read.errors]
    assert len(numbers) == len(set(numbers)), "a row is both an entry and an error"
    return read


@FAST
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".csv", ".tsv", ".txt", ".xlsx", ".CSV", ".json"]))
def test_arbitrary_bytes_give_entries_row_errors_or_one_ingest_error(data: bytes, suffix: str) -> None:
    with written(data, suffix) as path:
        check(path, MAP)


@FAST
@given(
    rows=st.lists(st.lists(CELLS, min_size=0, max_size=9), max_size=12),
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1251", "utf-16", "koi8-r"]),
)
def test_arbitrary_cells_under_the_real_header(rows: list[list[str]], delimiter: str, encoding: str) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(HEADERS)
    writer.writerows(rows)
    data = buffer.getvalue().encode(encoding, errors="replace")
    with written(data) as path:
        read = check(path, MAP)
    if read is not None and encoding in ("utf-8", "utf-8-sig"):
        assert read.headers[: len(HEADERS)] == HEADERS


@FAST
@given(
    column_map=st.dictionaries(st.one_of(st.sampled_from(FIELDS), st.text(max_size=8)), st.text(max_size=12),
                               max_size=6),
    header=st.lists(st.text(max_size=12), max_size=6),
    row=st.lists(CELLS, max_size=6),
)
def test_arbitrary_column_maps_and_headers(column_map: dict[str, str], header: list[str], row: list[str]) -> None:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows([header, row])
    with written(buffer.getvalue().encode("utf-8", errors="replace")) as path:
        check(path, column_map)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.lists(st.one_of(CELLS, st.integers(-10**6, 10**6), st.floats(allow_nan=True),
                                        st.datetimes(), st.none()), max_size=7), max_size=6))
def test_arbitrary_xlsx_cells(rows: list[list[object]]) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(HEADERS)
    for row in rows:
        # openpyxl itself refuses control characters in strings: those never reach a real .xlsx
        ws.append([v if not isinstance(v, str) else "".join(c for c in v if c.isprintable()) for v in row])
    buffer = io.BytesIO()
    wb.save(buffer)
    with written(buffer.getvalue(), ".xlsx") as path:
        check(path, MAP)


@FAST
@given(text=st.one_of(st.text(max_size=40), CELLS))
def test_parse_date_returns_a_date_none_or_value_error(text: str) -> None:
    try:
        parse_date(text)
    except ValueError:
        pass  # the reader turns this into a row error ("cannot be read")


def _claim_size(data: bytes, size: int) -> bytes:
    """The workbook with every central-directory entry claiming `size` unpacked bytes (as a zip bomb does)."""
    out = bytearray(data)
    at = out.find(b"PK\x01\x02")
    while at != -1:
        out[at + 24 : at + 28] = size.to_bytes(4, "little")
        at = out.find(b"PK\x01\x02", at + 4)
    return bytes(out)


def test_xlsx_zip_bomb_and_damaged_workbooks_are_one_error() -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(HEADERS)
    ws.append(["Нургалиев Ерлан", "34", "м", "05.01.2022", "Алматы", "1988", "", ""])
    buffer = io.BytesIO()
    wb.save(buffer)
    good = buffer.getvalue()
    with written(good, ".xlsx") as path:
        read = check(path, MAP)
        assert read is not None and [e.name for e in read.entries] == ["Нургалиев Ерлан"]
    for data, expected in (
        (_claim_size(good, 0xFFFF_FFF0), "zip bomb"),
        (good[: len(good) // 2], "damaged"),
        (b"not a zip at all", "damaged"),
        (b"", "damaged"),
    ):
        with written(data, ".xlsx") as path:
            try:
                read_victim_list(path, MAP)
            except IngestError as err:
                assert expected in str(err) and str(err).startswith("list.xlsx: ")
            else:
                raise AssertionError(f"accepted a bad workbook ({expected})")
