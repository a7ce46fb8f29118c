"""Workbench latency on loopback: a generated register (100,000 events, 200,000 people, 20,000 documents, SQLite).

Median and p95 of five pages (events list filtered and paged, an event page, a document review page,
a full-text search, the review inbox) under 1 and 20 concurrent clients, each a closed loop (the next request
as soon as the last answer arrives, no think time) on its own keep-alive connection, for a bounded number of seconds.
The load comes from wrk (Debian package `wrk`; `make bench-deps` installs it), so that the client costs the
two cores little; the server's own CPU time per request is measured beside the latency.
Usage: .venv/bin/python bench/web_bench.py [--events 100000 --people 200000 --documents 20000] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from web_bench_data import generate  # noqa: E402

from aqiqat.api.register import Register  # noqa: E402
from aqiqat.config import Settings  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
WRK_SCRIPT = Path(__file__).resolve().parent / "wrk" / "urls.lua"
URLS_PER_PAGE = 2000
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
        "search": lambda: "/documents?q=" + quote(rng.choice(WORDS)),
        "review inbox": lambda: rng.choice(["/inbox", "/inbox?kind=person", "/inbox?kind=event"]),
    }


def session_cookies(base: str) -> str:
    """Log in once (argon2 is slow on purpose); every simulated client sends the same session cookie."""
    r = httpx.post(base + "/api/v1/session", json={"username": "bench", "password": "bench-password-1"})
    r.raise_for_status()
    return "; ".join(f"{k}={v}" for k, v in r.cookies.items())


def server_cpu(server: psutil.Process) -> float:
    """CPU seconds used so far by the server and its worker processes."""
    total = 0.0
    for proc in [server, *server.children(recursive=True)]:
        try:
            t = proc.cpu_times()
            total += t.user + t.system
        except psutil.NoSuchProcess:
            pass
    return total


def connections_per_worker(server: psutil.Process, port: int) -> list[int]:
    """How the clients' keep-alive connections are spread over the worker processes (largest first)."""
    counts = []
    for proc in [server, *server.children(recursive=True)]:
        try:
            conns = proc.net_connections(kind="tcp")
        except psutil.NoSuchProcess:
            continue
        n = sum(1 for c in conns if c.status == psutil.CONN_ESTABLISHED and c.laddr and c.laddr.port == port)
        if n:
            counts.append(n)
    return sorted(counts, reverse=True)


def wrk(base: str, url_file: Path, cookie: str, clients: int, seconds: float) -> dict[str, Any]:
    """One closed-loop run of wrk (a C load generator: the Python server gets the CPU, not the client)."""
    out = subprocess.run(
        [
            "wrk",
            "-t1",
            f"-c{clients}",
            f"-d{max(1, round(seconds))}s",
            "--timeout",
            "10s",
            "-s",
            str(WRK_SCRIPT),
            base,
            "--",
            str(url_file),
            cookie,
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
    )
    if out.returncode != 0:
        raise RuntimeError(f"wrk failed ({out.returncode}): {out.stderr.strip() or out.stdout.strip()}")
    line = [x for x in out.stdout.splitlines() if x.startswith("{")][-1]
    result: dict[str, Any] = json.loads(line)
    return result


def run(
    base: str, server: psutil.Process, port: int, url_file: Path, cookie: str, clients: int, seconds: float
) -> dict[str, Any]:
    spread: list[int] = []
    cpu0 = server_cpu(server)
    if clients > 1:
        sampler = threading.Timer(min(2.0, seconds / 2), lambda: spread.extend(connections_per_worker(server, port)))
        sampler.start()
    r = wrk(base, url_file, cookie, clients, seconds)
    cpu = server_cpu(server) - cpu0
    return {
        "clients": clients,
        "requests": r["requests"],
        "errors": r["non2xx"] + r["socket_errors"],
        "median_ms": round(r["p50_ms"], 1),
        "p95_ms": round(r["p95_ms"], 1),
        "p99_ms": round(r["p99_ms"], 1),
        "throughput_rps": round(r["requests"] / r["seconds"], 1),
        "server_cpu_ms_per_request": round(cpu * 1000 / max(1, r["requests"]), 2),
        "connections_per_worker": spread,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--people", type=int, default=200_000)
    ap.add_argument("--documents", type=int, default=20_000)
    ap.add_argument("--workers", type=int, default=2, help="server worker processes (one per core)")
    ap.add_argument("--threads", type=int, default=None, help="AQIQAT_WEB_THREADS for the server (default: its own)")
    ap.add_argument("--seconds", type=int, default=15, help="length of each run (scenario and concurrency)")
    ap.add_argument("--data-dir", type=Path, default=None, help="reuse a generated register here")
    ap.add_argument("--postgres", action="store_true", help="a throwaway PostgreSQL server instead of SQLite")
    ap.add_argument(
        "--proposed-indexes",
        action="store_true",
        help="first add the composite indexes proposed for the store (events by type/grade/access and date)",
    )
    args = ap.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("web_bench: wrk is not installed: run `make bench-deps` (or apt-get install wrk)")
    load_start = os.getloadavg()[0]  # other work on the machine inflates every latency: stated with the result

    data = args.data_dir or Path(tempfile.mkdtemp(prefix="aqiqat-web-bench-")) / "data"
    meta_file = data / "bench-meta.json"
    pg = None
    db_env: dict[str, str] = {}
    if args.postgres:
        sys.path.insert(0, str(ROOT))
        from tests.support.pgserver import PgServer

        pg = PgServer().start()
        db_env = {"AQIQAT_DATABASE_URL": pg.new_database()}
        if meta_file.exists():
            meta_file.unlink()  # a new server holds no register: generate it again
    settings = Settings.load(data_dir=data, env={"AQIQAT_USER": "bench", **db_env})
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
    if pg is not None:
        with Register.open(settings) as reg, reg.engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
    gen_s = time.perf_counter() - t0

    port = free_port()
    env = {**os.environ, "AQIQAT_DATA_DIR": str(data), "OPENBLAS_NUM_THREADS": "1", **db_env}
    if args.threads:
        env["AQIQAT_WEB_THREADS"] = str(args.threads)
    server = subprocess.Popen(
        [sys.executable, "-m", "aqiqat.cli.main", "serve", "--port", str(port), "--workers", str(args.workers)],
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
        cookie = session_cookies(base)
        proc = psutil.Process(server.pid)
        url_dir = Path(tempfile.mkdtemp(prefix="aqiqat-web-bench-urls-"))
        results: dict[str, list[dict[str, Any]]] = {}
        for i, (name, make_url) in enumerate(scenarios(meta, rng).items()):
            url_file = url_dir / f"{i}.txt"
            url_file.write_text("\n".join(make_url() for _ in range(URLS_PER_PAGE)) + "\n")
            wrk(base, url_file, cookie, 2, 3)  # warm-up: every worker's caches and connections
            results[name] = [
                run(base, proc, port, url_file, cookie, 1, args.seconds),
                run(base, proc, port, url_file, cookie, 20, args.seconds),
            ]
            print(name, results[name], flush=True)
    finally:
        server.terminate()  # a slow page's queued requests may hold the graceful shutdown: then end it
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
        if pg is not None:
            pg.stop()
    threads = args.threads or "default"
    report = {
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "register": {k: meta[k] for k in ("events", "people", "documents")},
        "server": {
            "workers": args.workers,
            "threads": threads,
            "database": "PostgreSQL" if pg is not None else "SQLite (WAL)",
            "proposed_indexes": args.proposed_indexes,
        },
        "load": "wrk, closed loop, one keep-alive connection per client, no think time",
        "seconds_per_run": args.seconds,
        "generation_seconds": round(gen_s, 1),
        "load_average_at_start": round(load_start, 1),
        "results": results,
    }
    print(json.dumps(report, ensure_ascii=False, indent=2))
    lines = [
        "# Workbench latency (bench/web_bench.py)",
        "",
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}; server: `aqiqat serve --workers "
        f"{args.workers}` (uvicorn with httptools and uvloop, thread pool: {threads}), "
        f"{'PostgreSQL 15' if pg is not None else 'SQLite (WAL)'}. Register: "
        f"{meta['events']:,} events, {meta['people']:,} people, {meta['documents']:,} documents. Load: wrk on "
        f"loopback, each client a closed loop on its own keep-alive connection with the session cookie, no think "
        f"time, {args.seconds:g} s per run. Proposed indexes: {'yes' if args.proposed_indexes else 'no'}. "
        f"Load average at start: {load_start:.1f}.",
        "",
        "| page | clients | requests | median ms | p95 ms | p99 ms | req/s | server CPU ms/request "
        "| connections per worker | errors |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, rows in results.items():
        for r in rows:
            spread = "/".join(str(n) for n in r["connections_per_worker"]) or "1"
            lines.append(
                f"| {name} | {r['clients']} | {r['requests']} | {r['median_ms']} | {r['p95_ms']} | {r['p99_ms']} | "
                f"{r['throughput_rps']} | {r['server_cpu_ms_per_request']} | {spread} | {r['errors']} |"
            )
    suffix = ("_indexes" if args.proposed_indexes else "") + ("_pg" if pg is not None else "")
    out = ROOT / "bench" / "results" / f"web_bench_w{args.workers}{suffix}.md"
    out.write_text("\n".join(lines) + "\n")
    print(f"written {out}")


if __name__ == "__main__":
    main()
