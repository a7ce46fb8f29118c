"""ACLED imports: preview first (nothing written), bad rows named by number, re-import updates by the file's
own id (audited before and after), and export -> import into an empty register -> export gives the same."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from aqiqat.api.audit import list_audit
from aqiqat.api.errors import Invalid
from aqiqat.api.exchange_export import export_format
from aqiqat.api.exchange_import import import_acled
from aqiqat.api.records import get_record, list_records
from aqiqat.api.register import Register
from aqiqat.config import Settings
from aqiqat.exchange.acled import ALL_COLUMNS
from tests.exchange.sample_register import ME, build

VOLATILE = {"event_id_cnty", "aqiqat_id", "timestamp"}


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [{k: v for k, v in r.items() if k not in VOLATILE} for r in csv.DictReader(fh)]


def _write(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return path


ROW = {"event_id_cnty": "KAZ9001", "event_date": "2022-01-05", "year": "2022", "time_precision": "1",
       "disorder_type": "Demonstrations", "event_type": "Protests", "sub_event_type": "Peaceful protest",
       "actor1": "Protesters (Kazakhstan)", "inter1": "Protesters", "actor2": "", "iso": "398",
       "country": "Kazakhstan", "admin1": "Алматы", "location": "Алматы", "latitude": "43.25",
       "longitude": "76.95", "geo_precision": "1", "source": "Azattyq; Vlast.kz", "notes": "Митинг на площади.",
       "fatalities": "0"}


def test_preview_writes_nothing_and_names_bad_rows(settings: Settings, tmp_path: Path) -> None:
    bad_date = {**ROW, "event_id_cnty": "KAZ9002", "event_date": "5 Jan"}
    bad_lat = {**ROW, "event_id_cnty": "KAZ9003", "latitude": "143.2"}
    path = _write(tmp_path / "acled.csv", [ROW, bad_date, bad_lat, {**ROW, "notes": "again"}])
    with Register.initialise(settings) as reg:
        preview = import_acled(reg, ME, path)
        assert preview.errors == [
            "row 3: event_date: '5 Jan' is not a date (YYYY-MM-DD or '7 January 2022')",
            "row 4: latitude: 143.2 is outside -90..90",
            "row 5: event_id_cnty KAZ9001 is also row 2",
        ]
        assert preview.summary()["new"] == 1 and preview.mapped[:3] == ["event_id_cnty", "event_date", "year"]
        with pytest.raises(Invalid, match="3 bad rows, nothing imported"):
            import_acled(reg, ME, path, confirm=True)
        assert list_records(reg, ME, "event") == [] and list_audit(reg, ME) == []


def test_reimport_updates_the_records_it_made(settings: Settings, tmp_path: Path) -> None:
    with Register.initialise(settings) as reg:
        first = import_acled(reg, ME, _write(tmp_path / "v1.csv", [ROW]), confirm=True)
        assert (first.created, first.written) == (1, True)
        event = list_records(reg, ME, "event")[0]
        full = get_record(reg, ME, "event", event["id"])
        assert full["evidence"][0]["document_id"] == first.document_id
        assert full["evidence"][0]["text"].startswith("KAZ9001,2022-01-05")
        assert full["place"]["name"] == "Алматы" and full["perpetrators"][0]["name"] == "Protesters (Kazakhstan)"
        later = {**ROW, "fatalities": "2", "notes": "Митинг разогнан, двое погибли."}
        again = import_acled(reg, ME, _write(tmp_path / "v2.csv", [later]), confirm=False)
        assert again.summary()["update"] == 1
        second = import_acled(reg, ME, tmp_path / "v2.csv", confirm=True)
        assert (second.created, second.updated) == (0, 1)
        events = list_records(reg, ME, "event")
        assert len(events) == 1 and events[0]["killed_min"] == 2
        change = next(e for e in reversed(list_audit(reg, ME, limit=50)) if e["action"] == "update"
                      and e["entity"] == "event")
        assert json.loads(change["before"])["description"] == "Митинг на площади."
        assert json.loads(change["after"])["description"] == "Митинг разогнан, двое погибли."
        third = import_acled(reg, ME, tmp_path / "v2.csv", confirm=True)
        assert (third.created, third.updated, third.unchanged) == (0, 0, 1)


def test_round_trip_into_an_empty_register(settings: Settings, empty_settings: Settings, tmp_path: Path) -> None:
    with Register.initialise(settings) as reg:
        build(reg)
        original = export_format(reg, ME, "acled", tmp_path / "first.csv")
    with Register.initialise(empty_settings) as reg:
        done = import_acled(reg, ME, original.path, confirm=True)
        assert done.created == 2 and not done.errors
        again = export_format(reg, ME, "acled", tmp_path / "second.csv")
    assert list(ALL_COLUMNS) == list(csv.DictReader(again.path.open(encoding="utf-8")).fieldnames or [])
    assert _rows(again.path) == _rows(original.path)
