"""Exports in the field's formats, validated by the formats' own tools (geojson, libhxl) and conventions."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import geojson
import hxl
from openpyxl import load_workbook

from aqiqat.api.audit import list_audit
from aqiqat.api.exchange_export import FORMATS, export_format
from aqiqat.api.register import Register
from aqiqat.config import Settings
from aqiqat.exchange import uwazi
from tests.exchange.sample_register import ME, SECRET_SURNAME, VIEWER, build

ACLED_ISSUE_COLUMNS = (
    "event_id_cnty, event_date, year, time_precision, disorder_type, event_type, sub_event_type, actor1, "
    "assoc_actor_1, inter1, actor2, assoc_actor_2, inter2, interaction, civilian_targeting, iso, region, country, "
    "admin1, admin2, admin3, location, latitude, longitude, geo_precision, source, source_scale, notes, "
    "fatalities, tags, timestamp"
).split(", ")


def test_acled_columns_and_values(settings: Settings, tmp_path: Path) -> None:
    with Register.initialise(settings) as reg:
        sample = build(reg)
        done = export_format(reg, ME, "acled", tmp_path / "acled.csv")
        audit = list_audit(reg, ME, limit=1)[0]
    with done.path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header = list(reader.fieldnames or [])
        rows = list(reader)
    assert header[: len(ACLED_ISSUE_COLUMNS)] == ACLED_ISSUE_COLUMNS
    assert header[len(ACLED_ISSUE_COLUMNS):][:7] == ["killed_min", "killed_max", "injured_min", "injured_max",
                                                      "detained_min", "detained_max", "grade"]
    shot, held = rows
    assert shot["event_id_cnty"] == f"KAZ{sample.events[0]}" and shot["iso"] == "398"
    assert (shot["disorder_type"], shot["event_type"], shot["sub_event_type"]) == (
        "Political violence", "Violence against civilians", "Attack")
    assert shot["actor1"] == "Вооружённые силы" and shot["inter1"] == "State forces"
    assert shot["actor2"] == "Civilians (Kazakhstan)" and shot["civilian_targeting"] == "Civilian targeting"
    assert (shot["admin1"], shot["location"], shot["latitude"]) == ("Алматинская область", "Талдыкорган", "45.0156")
    assert shot["fatalities"] == "2" and shot["killed_max"] == "3"  # the adopted figure; the range beside it
    assert shot["time_precision"] == "1" and shot["geo_precision"] == "1" and shot["source"] == "Правозащитный центр"
    assert held["sub_event_type"] == "Arrests" and held["time_precision"] == "2" and held["geo_precision"] == "3"
    assert held["aqiqat_title"] == "'=Задержания на площади"  # a formula is written as text
    assert audit["action"] == "export" and done.sha256 in audit["after"]


def test_geojson_is_valid_rfc7946(settings: Settings, tmp_path: Path) -> None:
    with Register.initialise(settings) as reg:
        build(reg)
        done = export_format(reg, VIEWER, "geojson", tmp_path)
    collection = geojson.loads(done.path.read_text(encoding="utf-8"))
    assert collection.is_valid, collection.errors()
    first = collection["features"][0]
    assert first["geometry"]["coordinates"] == [78.3739, 45.0156]
    assert first["properties"]["location_precision"] == "town" and first["properties"]["fatalities"] == 2
    assert collection["features"][1]["geometry"] is None  # a region without coordinates: no invented point


def test_hxl_parses_with_libhxl(settings: Settings, tmp_path: Path) -> None:
    with Register.initialise(settings) as reg:
        build(reg)
        done = export_format(reg, ME, "hxl", tmp_path / "events-hxl.csv")
    source = hxl.data(str(done.path), hxl.InputOptions(allow_local=True))
    tags = source.display_tags
    assert "#event+id" in tags and "#geo+lat" in tags and "#affected+killed+min" in tags
    rows = list(source)
    assert rows[0].get("#loc+name") == "Талдыкорган" and rows[0].get("#affected+killed+min") == "2"
    assert rows[1].get("#adm1+name") == "Алматинская область"


def test_uwazi_zip_follows_uwazi_conventions(settings: Settings, tmp_path: Path) -> None:
    with Register.initialise(settings) as reg:
        sample = build(reg)
        done = export_format(reg, ME, "uwazi", tmp_path)
    with zipfile.ZipFile(done.path) as z:
        names = z.namelist()
        events = list(csv.DictReader(io.StringIO(z.read("events.csv").decode())))
        people = list(csv.DictReader(io.StringIO(z.read("people.csv").decode())))
        sources = list(csv.DictReader(io.StringIO(z.read("sources.csv").decode())))
    assert all(t[0] == "title" for t in uwazi.TEMPLATES.values())
    assert events[0]["geolocation"] == "45.0156|78.3739" and events[0]["date"] == "2022-01-07:2022-01-07"
    assert events[1]["date"] == "2022-01-06:2022-01-08"
    assert "title__ru" in people[0] and "title__en" in people[0]
    victim = next(p for p in people if p["aqiqat_id"] == str(sample.victim))
    assert victim["victim_of"] == "Обстрел автомобиля в Талдыкоргане"
    ngo = next(s for s in sources if s["title"] == "Правозащитный центр")
    assert ngo["attachments"] and f"files/{ngo['attachments']}" in names


def test_popolo_and_xlsx(settings: Settings, tmp_path: Path) -> None:
    with Register.initialise(settings) as reg:
        build(reg)
        pop = export_format(reg, VIEWER, "popolo", tmp_path)
        book = export_format(reg, VIEWER, "xlsx", tmp_path)
    data = json.loads(pop.path.read_text(encoding="utf-8"))
    assert {p["name"] for p in data["persons"]} == {"Ерлан Сапаров"}
    assert data["persons"][0]["family_name"] == "Сапаров" and data["persons"][0]["gender"] == "male"
    assert {o["classification"] for o in data["organizations"]} == {"police", "military"}
    wb = load_workbook(book.path, read_only=True)
    assert wb.sheetnames == ["events", "people", "places", "actors", "involvements", "claims", "sources"]
    header, *rows = list(wb["events"].values)
    assert "killed_min" in header and len(rows) == 2


def test_a_viewer_export_names_no_restricted_person(settings: Settings, tmp_path: Path) -> None:
    with Register.initialise(settings) as reg:
        build(reg)
        done = [export_format(reg, VIEWER, fmt, tmp_path / fmt) for fmt in FORMATS]
        mine = export_format(reg, ME, "uwazi", tmp_path / "mine.zip")
    for d in done:
        if d.path.suffix in (".zip", ".xlsx"):
            with zipfile.ZipFile(d.path) as z:
                text = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
        else:
            text = d.path.read_text(encoding="utf-8")
        assert SECRET_SURNAME not in text, d.format
        assert "Свидетель А" not in text, d.format
    with zipfile.ZipFile(mine.path) as z:
        assert SECRET_SURNAME in z.read("people.csv").decode()  # the cleared see the name
