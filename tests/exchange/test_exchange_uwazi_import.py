"""Uwazi imports: a zip of CSVs and files, previewed, then imported; a round trip gives the same CSVs."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest

from aqiqat.api.errors import Invalid
from aqiqat.api.exchange_export import export_format
from aqiqat.api.exchange_uwazi import import_uwazi
from aqiqat.api.records import get_record, list_records
from aqiqat.api.register import Register
from aqiqat.config import Settings
from tests.exchange.sample_register import ME, build


def _tables(path: Path) -> dict[str, list[dict[str, str]]]:
    with zipfile.ZipFile(path) as z:
        return {n[:-4]: [{k: v for k, v in r.items() if k != "aqiqat_id"}
                    for r in csv.DictReader(io.StringIO(z.read(n).decode()))]
                for n in ("events.csv", "people.csv", "sources.csv")}


def test_round_trip_through_uwazi(settings: Settings, empty_settings: Settings, tmp_path: Path) -> None:
    with Register.initialise(settings) as reg:
        build(reg)
        original = export_format(reg, ME, "uwazi", tmp_path / "first.zip")
    with Register.initialise(empty_settings) as reg:
        preview = import_uwazi(reg, ME, original.path)
        assert preview.errors == [] and preview.summary()["new"] == 2 + 2 + 2
        assert list_records(reg, ME, "event") == []  # a preview writes nothing
        done = import_uwazi(reg, ME, original.path, confirm=True)
        assert done.created == 6
        again = export_format(reg, ME, "uwazi", tmp_path / "second.zip")
        event = list_records(reg, ME, "event", {"type": "shooting"})[0]
        assert get_record(reg, ME, "event", event["id"])["victims"][0]["name"] == "Ерлан Сапаров"
        repeat = import_uwazi(reg, ME, original.path, confirm=True)
        assert (repeat.created, repeat.updated) == (0, 0) and len(list_records(reg, ME, "event")) == 2
    first, second = _tables(original.path), _tables(again.path)
    assert second["events"] == first["events"]
    assert second["people"] == first["people"]
    assert sorted(r["title"] for r in second["sources"]) == sorted(r["title"] for r in first["sources"])
    with zipfile.ZipFile(again.path) as z:
        assert any(n.startswith("files/") and n.endswith("report.txt") for n in z.namelist())


def test_uwazi_bad_rows_are_named(settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text("Title,date,geolocation,killed\nМитинг,2022-01-05,43.2|76.9,\n,2022-01-05,,\n"
                    "Обстрел,5 января,,\nЗадержания,2022-01-06:2022-01-08,91|10,x\n", encoding="utf-8")
    with Register.initialise(settings) as reg:
        preview = import_uwazi(reg, ME, path)
        assert preview.errors == [
            "events.csv row 3: title is empty",
            "events.csv row 4: date: '5 января' is not YYYY-MM-DD or YYYY-MM-DD:YYYY-MM-DD",
            "events.csv row 5: geolocation: '91|10' is outside the globe",
        ]
        with pytest.raises(Invalid, match="3 bad rows"):
            import_uwazi(reg, ME, path, confirm=True)
        assert list_records(reg, ME, "event") == []
