"""Load on `aqiqat serve` over loopback: a realistic mix of reads and edits, bounded in requests and seconds.

Each simulated editor logs in once (JSON API), then repeats: list events, open an event, list people, open a
person (some restricted: decrypted on the way), and edit an event (read its version, PATCH it; a stale version
gets 409, which is counted, not an error). Edits go to a small set of "hot" events so that conflicts happen.
After the run the audit chain is verified and the successful edits are counted in it: none lost.

Usage: .venv/bin/python bench/load_bench.py [--clients 8] [--requests 3000] [--seconds 60] [--edit-share 0.2]
Prints JSON and writes bench/results/load_bench.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import httpx

from aqiqat.api.access import local_admin
from aqiqat.api.audit import list_audit, verify_audit
from aqiqat.api.records import create
from aqiqat.api.register import Register
from aqiqat.api.users import add_user
from aqiqat.config import Settings

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "load-bench-password-1"
TYPES = ["shooting", "killing", "detention", "torture", "protest"]
CITIES = ["Алматы", "Талдыкорган", "Тараз", "Шымкент", "Актобе", "Кызылорда"]


def build(settings: Settings, events: int, people: int) -> dict[str, Any]:
    admin = local_admin("bench-admin")
    rng = random.Random(11)
    with Register.initialise(settings) as reg:
        event_ids = [
            create(reg, admin, "event", {"type": rng.choice(TYPES), "title": f"Событие {i} в {rng.choice(CITIES)}",
                                          "start_date": f"2022-01-{rng.randint(4, 11):02d}",
                                          "killed_min": rng.randint(0, 5)})["id"]
            for i in range(events)
        ]
        person_ids = [
            create(reg, admin, "person", {"display_name": f"Человек {i}", "contact": f"+7 700 {i:07d}",
                                           "confidentiality": "restricted" if i % 3 == 0 else "internal"})["id"]
            for i in range(people)
        ]
        add_user(reg, admin, "bench-editor", "editor", PASSWORD)
    return {"events": event_ids, "people": person_ids}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)


def drive(base: str, ids: dict[str, Any], clients: int, requests: int, seconds: float, edit_share: float
          ) -> dict[str, Any]:
    latencies: dict[str, list[float]] = defaultdict(list)
    status: dict[str, int] = defaultdict(int)
    edits_ok = 0
    lock = threading.Lock()
    hot = ids["events"][:10]
    per_client = max(1, requests // clients)
    barrier = threading.Barrier(clients + 1)
    deadline = [0.0]

    def timed(c: httpx.Client, op: str, method: str, url: str, **kw: Any) -> httpx.Response:
        t0 = time.perf_counter()
        r = c.request(method, url, **kw)
        with lock:
            latencies[op].append((time.perf_counter() - t0) * 1000)
            status[f"{r.status_code}"] += 1
        return r

    def client(n: int) -> None:
        nonlocal edits_ok
        rng = random.Random(n)
        with httpx.Client(base_url=base, timeout=60) as c:
            login = c.post("/api/v1/session", json={"username": "bench-editor", "password": PASSWORD})
            login.raise_for_status()
            headers = {"x-csrf-token": login.json()["csrf_token"]}
            barrier.wait()
            done = 0
            while done < per_client and time.monotonic() < deadline[0]:
                roll = rng.random()
                if roll < edit_share:
                    ev = rng.choice(hot)
                    seen = timed(c, "edit: read", "GET", f"/api/v1/events/{ev}").json()
                    r = timed(c, "edit: patch", "PATCH", f"/api/v1/events/{ev}", headers=headers,
                              json={"version": seen["version"], "changes": {"description": f"правка {n}-{done}"}})
                    if r.status_code == 200:
                        with lock:
                            edits_ok += 1
                    done += 2
                    continue
                if roll < edit_share + 0.3:
                    timed(c, "list events", "GET", f"/api/v1/events?offset={rng.randint(0, 200)}&limit=50")
                elif roll < edit_share + 0.55:
                    timed(c, "event", "GET", f"/api/v1/events/{rng.choice(ids['events'])}")
                elif roll < edit_share + 0.7:
                    timed(c, "list people", "GET", f"/api/v1/people?offset={rng.randint(0, 100)}&limit=50")
                else:
                    timed(c, "person", "GET", f"/api/v1/people/{rng.choice(ids['people'])}")
                done += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    deadline[0] = time.monotonic() + seconds
    barrier.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    every = [v for vs in latencies.values() for v in vs]
    return {
        "clients": clients,
        "requests": len(every),
        "seconds": round(wall, 1),
        "throughput_rps": round(len(every) / wall, 1),
        "median_ms": percentile(every, 0.5),
        "p99_ms": percentile(every, 0.99),
        "by_operation": {
            op: {"n": len(v), "median_ms": percentile(v, 0.5), "p99_ms": percentile(v, 0.99)}
            for op, v in sorted(latencies.items())
        },
        "status": dict(status),
        "edits_accepted": edits_ok,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=2000)
    ap.add_argument("--people", type=int, default=600)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--requests", type=int, default=3000, help="bound on requests in all")
    ap.add_argument("--seconds", type=float, default=60, help="bound on the run's time")
    ap.add_argument("--edit-share", type=float, default=0.2)
    ap.add_argument("--workers", type=int, default=1, help="server worker processes")
    args = ap.parse_args()
    load_start = os.getloadavg()[0]
    data = Path(tempfile.mkdtemp(prefix="aqiqat-load-")) / "data"
    settings = Settings.load(data_dir=data, env={"AQIQAT_USER": "bench"})
    t0 = time.perf_counter()
    ids = build(settings, args.events, args.people)
    build_s = time.perf_counter() - t0
    port = free_port()
    env = {**os.environ, "AQIQAT_DATA_DIR": str(data), "OPENBLAS_NUM_THREADS": "1"}
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("aqiqat")), "serve", "--port", str(port), "--workers", str(args.workers)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if httpx.get(base + "/login", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        warm = drive(base, ids, 2, 40, 10, args.edit_share)  # warm-up
        result = drive(base, ids, args.clients, args.requests, args.seconds, args.edit_share)
    finally:
        server.terminate()
        server.wait(timeout=20)
    with Register.open(settings) as reg:
        count, problems = verify_audit(reg)
        updates = sum(1 for e in list_audit(reg, limit=10**6) if e["action"] == "update")
    import fastapi
    import sqlalchemy
    import uvicorn

    report = {
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "load_average_at_start": round(load_start, 1)},
        "versions": {"fastapi": fastapi.__version__, "uvicorn": uvicorn.__version__,
                     "sqlalchemy": sqlalchemy.__version__},
        "register": {"events": args.events, "people": args.people, "database": "SQLite (WAL)",
                     "server_workers": args.workers, "build_seconds": round(build_s, 1)},
        "mix": {"edit_share": args.edit_share, "hot_events": 10},
        "result": result,
        "audit": {"entries": count, "problems": len(problems), "update_entries": updates,
                  "edits_accepted_over_http": warm["edits_accepted"] + result["edits_accepted"]},
    }
    print(json.dumps(report, ensure_ascii=False, indent=2))
    r = result
    lines = [
        "# Load on the workbench (bench/load_bench.py)",
        "",
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}, load average at start "
        f"{load_start:.1f}; uvicorn with {args.workers} worker(s), SQLite (WAL). Register: {args.events:,} events, "
        f"{args.people:,} people (one in three restricted, so decrypted per read). {args.clients} clients on "
        f"loopback, {args.edit_share:.0%} of steps are edits (read + PATCH) on 10 hot events.",
        "",
        f"- {r['requests']:,} requests in {r['seconds']} s: **{r['throughput_rps']} requests/s**, "
        f"median {r['median_ms']} ms, **p99 {r['p99_ms']} ms**",
        f"- status codes: {r['status']} (409 = stale edit refused, as designed); {r['edits_accepted']} edits accepted",
        f"- audit chain after the run: {count} entries, {len(problems)} problems; {updates} update entries for "
        f"{warm['edits_accepted'] + r['edits_accepted']} edits accepted over HTTP (warm-up included)",
        "",
        "| operation | n | median ms | p99 ms |",
        "|---|---|---|---|",
        *[f"| {op} | {v['n']} | {v['median_ms']} | {v['p99_ms']} |" for op, v in r["by_operation"].items()],
    ]
    out = ROOT / "bench" / "results" / "load_bench.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
