"""Workbench latency on loopback: a generated register (100,000 events, 200,000 people, 20,000 documents, SQLite).

Median and p95 of four pages (events list filtered and paged, an event page, a document review page,
a full-text search) under 1 and 20 concurrent clients; each run is bounded in requests and seconds.
Usage: .venv/bin/python bench/web_bench.py [--events 100000 --people 200000 --documents 20000] [--workers 1]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from web_bench_data import generate  # noqa: E402

from aqiqat.api.register import Register  # noqa: E402
from aqiqat.config import Settings  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PROPOSED_INDEXES = [
    "CREATE INDEX IF NOT EXISTS bench_ix_events_type_start ON events (type, start_date)",
    "CREATE INDEX IF NOT EXISTS bench_ix_events_grade_start ON events (grade, start_date)",
    "CREATE INDEX IF NOT EXISTS bench_ix_events_conf_start ON events (confidentiality, start_date)",
    "CREATE INDEX IF NOT EXISTS bench_ix_audit_entity ON audit_entries (entity, entity_id)",
]
WORDS = ["задержали", "погибших", "полиции", "митинга", "расследования", "раненые", "улики", "военные огонь"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def scenarios(meta: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    types = ["shooting", "killing", "detention", "torture", "protest"]

    def events_list() -> str:
        month = rng.randint(1, 9)
        return (
            f"/events?type={rng.choice(types)}&date_from=2022-{month:02d}-01&date_to=2022-{month + 3:02d}-28"
            f"&page={rng.randint(1, 5)}"
        )

    return {
        "events list (filtered, paged)": events_list,
        "event page": lambda: f"/events/{rng.randint(1, meta['events'])}",
        "document review page": lambda: f"/documents/{rng.choice(meta['reviewed_docs'])}",
        "search": lambda: f"/documents?q={rng.choice(WORDS)}",
    }


def session_cookies(base: str) -> httpx.Cookies:
    """Log in once (argon2 is slow on purpose); every simulated client reuses the session cookie."""
    r = httpx.post(base + "/api/v1/session", json={"username": "bench", "password": "bench-password-1"})
    r.raise_for_status()
    return r.cookies


def run(
    base: str, cookies: httpx.Cookies, make_url: Any, clients: int, requests: int, seconds: float
) -> dict[str, Any]:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    per_client = max(1, requests // clients)
    pool = [httpx.Client(base_url=base, timeout=30, cookies=cookies) for _ in range(clients)]
    start = threading.Barrier(clients + 1)
    deadline = time.monotonic() + seconds

    def worker(c: httpx.Client) -> None:
        nonlocal errors
        start.wait()
        try:
            for _ in range(per_client):
                if time.monotonic() > deadline:
                    break
                url = make_url()
                t0 = time.perf_counter()
                r = c.get(url)
                dt = (time.perf_counter() - t0) * 1000
                with lock:
                    latencies.append(dt)
                    if r.status_code != 200:
                        errors += 1
        finally:
            c.close()

    threads = [threading.Thread(target=worker, args=(c,)) for c in pool]
    for t in threads:
        t.start()
    deadline = time.monotonic() + seconds
    start.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    latencies.sort()
    return {
        "clients": clients,
        "requests": len(latencies),
        "errors": errors,
        "median_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))], 1) if latencies else None,
        "throughput_rps": round(len(latencies) / wall, 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--people", type=int, default=200_000)
    ap.add_argument("--documents", type=int, default=20_000)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--requests", type=int, default=400, help="requests per scenario and concurrency")
    ap.add_argument("--seconds", type=float, default=60, help="time bound per scenario and concurrency")
    ap.add_argument("--data-dir", type=Path, default=None, help="reuse a generated register here")
    ap.add_argument(
        "--proposed-indexes",
        action="store_true",
        help="first add the composite indexes proposed for the store (events by type/grade/access and date)",
    )
    args = ap.parse_args()
    load_start = os.getloadavg()[0]  # other work on the machine inflates every latency: stated with the result

    data = args.data_dir or Path(tempfile.mkdtemp(prefix="aqiqat-web-bench-")) / "data"
    meta_file = data / "bench-meta.json"
    settings = Settings.load(data_dir=data, env={"AQIQAT_USER": "bench"})
    t0 = time.perf_counter()
    if not meta_file.exists():
        with Register.initialise(settings) as reg:
            meta = generate(reg, args.events, args.people, args.documents)
        meta_file.write_text(json.dumps(meta))
    meta = json.loads(meta_file.read_text())
    if args.proposed_indexes:
        with Register.open(settings) as reg, reg.engine.begin() as conn:
            for sql in PROPOSED_INDEXES:
                conn.exec_driver_sql(sql)
            conn.exec_driver_sql("ANALYZE")
    gen_s = time.perf_counter() - t0

    port = free_port()
    env = {**os.environ, "AQIQAT_DATA_DIR": str(data), "OPENBLAS_NUM_THREADS": "1"}
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "aqiqat"), "serve", "--port", str(port), "--workers", str(args.workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(base + "/login", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        rng = random.Random(5)
        cookies = session_cookies(base)
        results: dict[str, list[dict[str, Any]]] = {}
        for name, make_url in scenarios(meta, rng).items():
            run(base, cookies, make_url, 2, 20, 10)  # warm-up
            results[name] = [
                run(base, cookies, make_url, 1, min(args.requests, 200), args.seconds),
                run(base, cookies, make_url, 20, args.requests, args.seconds),
            ]
            print(name, results[name], flush=True)
    finally:
        server.terminate()
        server.wait(timeout=10)
    report = {
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "register": {k: meta[k] for k in ("events", "people", "documents")},
        "server": {"workers": args.workers, "database": "SQLite (WAL)", "proposed_indexes": args.proposed_indexes},
        "generation_seconds": round(gen_s, 1),
        "load_average_at_start": round(load_start, 1),
        "results": results,
    }
    print(json.dumps(report, ensure_ascii=False, indent=2))
    lines = [
        "# Workbench latency (bench/web_bench.py)",
        "",
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}; server: uvicorn, "
        f"{args.workers} worker(s), SQLite. Register: {meta['events']:,} events, {meta['people']:,} people, "
        f"{meta['documents']:,} documents. Loopback, session cookie, keep-alive. "
        f"Proposed indexes: {'yes' if args.proposed_indexes else 'no'}. Load average at start: {load_start:.1f}.",
        "",
        "| page | clients | requests | median ms | p95 ms | req/s | errors |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, rows in results.items():
        for r in rows:
            lines.append(
                f"| {name} | {r['clients']} | {r['requests']} | {r['median_ms']} | {r['p95_ms']} | "
                f"{r['throughput_rps']} | {r['errors']} |"
            )
    suffix = "_indexes" if args.proposed_indexes else ""
    out = ROOT / "bench" / "results" / f"web_bench_w{args.workers}{suffix}.md"
    out.write_text("\n".join(lines) + "\n")
    print(f"written {out}")


if __name__ == "__main__":
    main()
