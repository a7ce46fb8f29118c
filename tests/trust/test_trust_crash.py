"""Crash safety: `aqiqat ingest` and `aqiqat extract` killed with SIGKILL at random points, again and again.

After every kill the store must be consistent: every document has its file with the right hash and its text
the recorded hash, every document has exactly one ingest entry (no half-written record), the audit chain and
its recorded head verify. A rerun then finishes the work without duplicates.

Most runs are the CLI's own `app` in a child forked from this (already warm) process, so that 50 kills do not
cost 50 interpreter start-ups; a few runs, and the final one, are the installed `aqiqat` console script.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from aqiqat.api.access import local_admin
from aqiqat.api.integrity import verify_register
from aqiqat.api.register import Register
from aqiqat.config import Settings
from aqiqat.store.tables import AuditRow, DocumentRow, SuggestionRow

pytestmark = pytest.mark.slow

AQIQAT = Path(sys.executable).with_name("aqiqat")
PLACES = ["Алматы", "Таразе", "Шымкенте", "Актобе", "Талдыкоргане", "Almaty", "Taraz", "Kyzylorda"]
WHAT_RU = ["задержали {n} человек", "ранены {n} протестующих", "погибли {n} мирных жителей", "сожгли {n} машин"]
WHAT_EN = ["{n} people were detained", "{n} protesters were injured", "{n} civilians were killed"]


def _documents(folder: Path, count: int, seed: int = 7) -> None:
    rnd = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        place, n, day = rnd.choice(PLACES), rnd.randint(1, 40), rnd.randint(4, 11)
        if i % 2:
            body = f"Сообщение {i}. {day} января в {place} " + rnd.choice(WHAT_RU).format(n=n) + ", сообщили очевидцы."
        else:
            body = f"Report {i}. On {day} January in {place} " + rnd.choice(WHAT_EN).format(n=n) + ", witnesses said."
        (folder / f"doc_{i:04d}.txt").write_text(body, encoding="utf-8")


def _run_cli(args: list[str], data_dir: str) -> None:
    """The body of a forked child: the `aqiqat` command line, as the console script runs it."""
    os.environ["AQIQAT_DATA_DIR"] = data_dir
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    from aqiqat.cli.main import app

    app(args, prog_name="aqiqat")


def _count(db: Path, sql: str) -> int:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        return int(conn.execute(sql).fetchone()[0])
    finally:
        conn.close()


def _kill_when_busy(pid: int, alive: object, db: Path, sql: str, rnd: random.Random, early: bool) -> bool:
    """Wait until the process has written something (or kill early at random), then SIGKILL it."""
    start, before = time.monotonic(), _count(db, sql)
    if early:
        time.sleep(rnd.uniform(0, 0.05))
    else:
        while alive() and _count(db, sql) == before and time.monotonic() - start < 30:  # type: ignore[operator]
            time.sleep(0.01)
        time.sleep(rnd.uniform(0, 0.03))  # ingest commits hundreds of documents a second: kill soon after one
    was_alive = bool(alive())  # type: ignore[operator]
    if was_alive:
        os.kill(pid, signal.SIGKILL)
    return was_alive


def _check(settings: Settings, finished: bool = False) -> int:
    """The store after a kill: consistent, whatever moment the kill hit."""
    with Register(settings) as reg:
        report = verify_register(reg)
        assert not report.changed and not report.missing, report.changed + report.missing
        assert not report.audit_problems, report.audit_problems
        if finished:
            assert report.ok and not report.extra
        with reg.reading() as s:
            docs = s.execute(select(DocumentRow.id, DocumentRow.original_name)).all()
            ingested = s.scalars(select(AuditRow.entity_id).where(AuditRow.action == "ingest")).all()
    assert sorted(str(d.id) for d in docs) == sorted(ingested)  # one ingest entry per document, no orphan entry
    assert len({d.original_name for d in docs}) == len(docs)  # no document twice
    return len(docs)


def test_ingest_killed_fifty_times_stays_consistent_and_finishes(tmp_path: Path) -> None:
    import aqiqat.cli.main  # noqa: F401  (warm: forked children start at once)

    total, rnd = 1000, random.Random(2022)
    folder = tmp_path / "incoming"
    _documents(folder, total)
    settings = Settings.load(data_dir=tmp_path / "data", env={"AQIQAT_USER": "monitor"})
    Register.initialise(settings).close()
    db = settings.data_dir / "aqiqat.sqlite"
    sql = "SELECT count(*) FROM documents"
    args = ["ingest", "--no-extract", "--json", str(folder)]
    ctx = multiprocessing.get_context("fork")
    kills, runs, deadline = 0, 0, time.monotonic() + 80
    while kills < 50 and time.monotonic() < deadline:
        runs += 1
        child = ctx.Process(target=_run_cli, args=(args, str(settings.data_dir)))
        child.start()
        assert child.pid is not None
        if _kill_when_busy(child.pid, child.is_alive, db, sql, rnd, early=runs % 6 == 0):
            kills += 1
        child.join()
        assert _check(settings) <= total  # consistent after every kill (a late kill may find all stored)
    # the installed console script, killed too
    for _ in range(1):
        proc = subprocess.Popen([str(AQIQAT), *args], env={**os.environ, "AQIQAT_DATA_DIR": str(settings.data_dir)},
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if _kill_when_busy(proc.pid, lambda p=proc: p.poll() is None, db, sql, rnd, early=False):
            kills += 1
        proc.wait()
        _check(settings)
    assert kills >= 50, f"only {kills} kills in {runs} runs"
    stored = _check(settings)
    assert 0 < stored < total  # the kills did hit the middle of the work
    done = subprocess.run([str(AQIQAT), *args], env={**os.environ, "AQIQAT_DATA_DIR": str(settings.data_dir)},
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert _check(settings, finished=True) == total


def test_extract_killed_repeatedly_leaves_no_half_written_suggestions(tmp_path: Path) -> None:
    import aqiqat.cli.main  # noqa: F401

    total, rnd = 60, random.Random(1986)
    folder = tmp_path / "incoming"
    _documents(folder, total, seed=11)
    settings = Settings.load(data_dir=tmp_path / "data", env={"AQIQAT_USER": "monitor"})
    with Register.initialise(settings) as reg:
        from aqiqat.api.ingest import ingest_paths

        assert ingest_paths(reg, local_admin("monitor"), [folder]).count("added") == total
    db = settings.data_dir / "aqiqat.sqlite"
    sql = "SELECT count(*) FROM audit_entries WHERE action = 'extract'"
    ctx = multiprocessing.get_context("fork")
    kills, deadline = 0, time.monotonic() + 150  # each run loads the models first (seconds): fewer kills here
    while kills < 8 and time.monotonic() < deadline:
        child = ctx.Process(target=_run_cli, args=(["extract", "--workers", "1"], str(settings.data_dir)))
        child.start()
        assert child.pid is not None
        if _kill_when_busy(child.pid, child.is_alive, db, sql, rnd, early=False):
            kills += 1
        child.join()
        _check(settings)
        _check_suggestions(settings)
    assert kills >= 8
    child = ctx.Process(target=_run_cli, args=(["extract", "--workers", "1"], str(settings.data_dir)))
    child.start()
    child.join(timeout=120)
    assert child.exitcode == 0
    assert _check_suggestions(settings) == total


def _check_suggestions(settings: Settings) -> int:
    """Every document's suggestions come from exactly one recorded extraction; none without its entry."""
    with Register(settings) as reg, reg.reading() as s:
        counts = s.execute(select(SuggestionRow.document_id, func.count()).group_by(SuggestionRow.document_id)).all()
        per_doc = {int(d): int(n) for d, n in counts}
        entries = s.scalars(select(AuditRow).where(AuditRow.action == "extract")).all()
        extracted = s.scalars(select(DocumentRow.id).where(DocumentRow.extracted_version.is_not(None))).all()
    recorded: dict[int, int] = {}
    for e in entries:
        doc = int(e.entity_id)
        assert doc not in recorded, f"document {doc} extracted twice"
        recorded[doc] = sum(json.loads(e.after or "{}").get("suggestions", {}).values())
    assert {d: n for d, n in recorded.items() if n} == per_doc  # all of a document's suggestions, or none
    assert set(recorded) == set(extracted)
    return len(recorded)
