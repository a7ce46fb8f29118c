"""Exports of 100,000 events to each field format (time, peak memory of the process: streamed), a 20-page
incident report (seconds), and the import of a 10,000-row ACLED file (rows per second).

The register is filled by bulk inserts (the bench measures the exports, not the creation of records);
each export runs in its own process so that its peak RSS is its own. Writes bench/results/exchange.md.

    PYTHONPATH=src .venv/bin/python bench/exchange_bench.py [--events 100000]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from aqiqat.api.access import local_admin
from aqiqat.api.records import add_involvement, create
from aqiqat.api.register import Register
from aqiqat.config import Settings
from aqiqat.store.tables import ActorRow, EventRow, InvolvementRow, PlaceRow

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "results" / "exchange.md"
ME = local_admin("bench")
TYPES = ["shooting", "killing", "detention", "protest", "riot", "torture", "arson"]
TOWNS = [("Алматы", 43.25, 76.95), ("Талдыкорган", 45.02, 78.37), ("Жанаозен", 43.34, 52.86),
         ("Актобе", 50.28, 57.17), ("Шымкент", 42.32, 69.59), ("Тараз", 42.9, 71.37), ("Кызылорда", 44.85, 65.5)]


def fill(reg: Register, n: int) -> None:
    now = datetime.now(UTC).replace(tzinfo=None)
    rnd = random.Random(7)
    with reg.sessions.begin() as s:
        s.execute(insert(PlaceRow), [{"id": 1, "name": "Казахстан", "kind": "country", "country_code": "KZ",
                                      "variants": [], "confidentiality": "public", "level_floor": "public",
                                      "version": 1, "created_at": now, "updated_at": now}]
                  + [{"id": i + 2, "name": t, "kind": "city", "parent_id": 1, "latitude": la, "longitude": lo,
                      "variants": [], "confidentiality": "public", "level_floor": "public", "version": 1,
                      "created_at": now, "updated_at": now} for i, (t, la, lo) in enumerate(TOWNS)])
        s.execute(insert(ActorRow), [{"id": 1, "name": "Полиция", "kind": "police", "variants": [],
                                      "confidentiality": "public", "level_floor": "public", "version": 1,
                                      "created_at": now, "updated_at": now}])
        for start in range(0, n, 10_000):
            rows, invs = [], []
            for i in range(start + 1, min(n, start + 10_000) + 1):
                lo = rnd.randint(0, 5)
                rows.append({"id": i, "type": rnd.choice(TYPES), "title": f"Событие {i} в городе",
                             "description": "Описание события, как его записал монитор. " * 3,
                             "start_date": date(2022, 1, 1) + timedelta(days=i % 30), "date_precision": "day",
                             "date_text": "", "place_id": 2 + i % len(TOWNS), "location_precision": "town",
                             "killed_min": lo, "killed_max": lo + rnd.randint(0, 3), "grade": "fair",
                             "confidentiality": "internal", "level_floor": "public", "version": 1,
                             "created_at": now, "updated_at": now})
                invs.append({"event_id": i, "role": "perpetrator", "actor_id": 1, "count": 1, "attributes": {},
                             "confidentiality": "internal"})
            s.execute(insert(EventRow), rows)
            s.execute(insert(InvolvementRow), invs)


def export_child(data: str, fmt: str, out: str) -> None:
    from aqiqat.api.exchange_export import export_format
    settings = Settings.load(data_dir=Path(data), env={"AQIQAT_USER": "bench"})
    t0 = time.perf_counter()
    with Register.open(settings) as reg:
        done = export_format(reg, ME, fmt, Path(out))
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"format": fmt, "rows": done.rows, "seconds": round(seconds, 1), "peak_rss_mb": round(peak),
                      "size_mb": round(done.path.stat().st_size / 1e6, 1)}))


def twenty_pages(reg: Register, folder: Path) -> dict[str, object]:
    from aqiqat.api.reports import ReportRequest, make_report
    ev = create(reg, ME, "event", {"type": "shooting", "title": "Обстрел колонны", "start_date": "2022-01-07",
                                   "date_precision": "day", "place_id": 3, "location_precision": "town",
                                   "killed_min": 150, "killed_max": 160, "grade": "fair"})
    for i in range(550):
        p = create(reg, ME, "person", {"display_name": f"Погибший Номер {i} Сапарович", "affiliation": "civilian"})
        add_involvement(reg, ME, ev["id"], "victim", person_id=p["id"], harm="killed")
    for i in range(60):
        create(reg, ME, "claim", {"kind": "figure", "text": f"погибли {150 + i} человек", "subject": "killed",
                                  "event_id": ev["id"], "value": 150 + i, "claimant_label": f"Источник {i}"})
    t0 = time.perf_counter()
    done = make_report(reg, ME, ReportRequest("event", str(ev["id"]), "pdf", "ru"), folder / "big.pdf")
    seconds = time.perf_counter() - t0
    info = subprocess.run(["pdfinfo", str(done.path)], capture_output=True, text=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    return {"pages": pages, "seconds": round(seconds, 1)}


def acled_import(folder: Path, rows: int) -> dict[str, object]:
    from aqiqat.api.exchange_import import import_acled
    path = folder / "acled-10k.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["event_id_cnty", "event_date", "sub_event_type", "actor1", "inter1", "country", "admin1",
                    "location", "latitude", "longitude", "source", "notes", "fatalities"])
        for i in range(rows):
            town, lat, lon = TOWNS[i % len(TOWNS)]
            w.writerow([f"KAZ{i}", f"2022-01-{1 + i % 28:02d}", "Arrests", "Police", "State forces", "Kazakhstan",
                        "Область", town, lat, lon, f"Source {i % 20}", f"Задержания, строка {i}", i % 3])
    settings = Settings.load(data_dir=folder / "import", env={"AQIQAT_USER": "bench"})
    with Register.initialise(settings) as reg:
        t0 = time.perf_counter()
        preview = import_acled(reg, ME, path)
        t1 = time.perf_counter()
        done = import_acled(reg, ME, path, confirm=True)
        t2 = time.perf_counter()
    return {"rows": done.created, "preview_rows_per_s": round(len(preview.rows) / (t1 - t0)),
            "import_rows_per_s": round(done.created / (t2 - t1)), "import_seconds": round(t2 - t1, 1)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--child", nargs=3)
    args = ap.parse_args()
    if args.child:
        export_child(*args.child)
        return
    with tempfile.TemporaryDirectory(prefix="aqiqat-bench-") as tmp:
        folder = Path(tmp)
        settings = Settings.load(data_dir=folder / "data", env={"AQIQAT_USER": "bench"})
        t0 = time.perf_counter()
        with Register.initialise(settings) as reg:
            fill(reg, args.events)
        print(f"filled {args.events} events in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        exports = []
        for fmt in ("acled", "geojson", "hxl", "uwazi", "popolo", "xlsx"):
            res = subprocess.run([sys.executable, __file__, "--child", str(folder / "data"), fmt, str(folder / fmt)],
                                 capture_output=True, text=True, check=True, env={**os.environ})
            exports.append(json.loads(res.stdout.strip().splitlines()[-1]))
            print(exports[-1], file=sys.stderr)
        with Register.open(settings) as reg:
            report = twenty_pages(reg, folder)
        print(report, file=sys.stderr)
        imported = acled_import(folder, 10_000)
        print(imported, file=sys.stderr)
    write(args.events, exports, report, imported)


def write(n: int, exports: list[dict[str, object]], report: dict[str, object], imported: dict[str, object]) -> None:
    lines = [f"# Exchange benchmark ({datetime.now(UTC):%Y-%m-%d})", "",
             f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, SQLite; "
             "shared by other engineers' jobs while it ran.", "",
             f"## Export of {n:,} events (one process each; peak RSS of that process)", "",
             "| format | rows | seconds | peak RSS (MB) | file (MB) |", "|---|---|---|---|---|"]
    lines += [f"| {e['format']} | {e['rows']} | {e['seconds']} | {e['peak_rss_mb']} | {e['size_mb']} |"
              for e in exports]
    lines += ["", "## Incident report", "", f"{report['pages']} pages (550 victims, 60 claims), PDF in "
              f"{report['seconds']} s.", "", "## ACLED import", "",
              f"{imported['rows']} rows: preview {imported['preview_rows_per_s']} rows/s; import "
              f"{imported['import_rows_per_s']} rows/s ({imported['import_seconds']} s, audited units of 500 rows).",
              ""]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
