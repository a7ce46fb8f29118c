"""No lost updates: 20 editors, each with its own register connection, edit the same event at once."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable

from aqiqat.api.access import local_admin
from aqiqat.api.audit import list_audit, verify_audit
from aqiqat.api.errors import Conflict
from aqiqat.api.records import create, get_record, update
from aqiqat.api.register import Register
from aqiqat.config import Settings

EDITORS = 20


def _run(settings: Settings, work: Callable[[Register, int], object]) -> list[object]:
    regs = [Register(settings) for _ in range(EDITORS)]
    results: list[object] = [None] * EDITORS

    def one(i: int) -> None:
        try:
            results[i] = work(regs[i], i)
        except Exception as exc:  # the test looks at what each editor got
            results[i] = exc

    threads = [threading.Thread(target=one, args=(i,)) for i in range(EDITORS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    for reg in regs:
        reg.close()
    return results


def test_twenty_editors_on_one_version_one_wins_the_rest_get_conflict(settings: Settings) -> None:
    with Register.initialise(settings) as reg:
        ev = create(reg, local_admin("setup"), "event", {"type": "shooting", "title": "Обстрел машины"})
    barrier = threading.Barrier(EDITORS)

    def edit(r: Register, i: int) -> object:
        me = local_admin(f"editor{i}")
        seen = get_record(r, me, "event", ev["id"])
        barrier.wait()
        return update(r, me, "event", ev["id"], seen["version"], {"description": f"правка {i}", "killed_min": i})

    results = _run(settings, edit)
    won = [r for r in results if isinstance(r, dict)]
    lost = [r for r in results if isinstance(r, Conflict)]
    assert len(won) == 1 and len(lost) == EDITORS - 1, results
    assert all("reload" in str(c) for c in lost)
    with Register(settings) as reg:
        final = get_record(reg, local_admin("x"), "event", ev["id"])
        assert final["version"] == 2 and final["description"] == won[0]["description"]  # type: ignore[index]
        updates = [e for e in list_audit(reg, local_admin("x")) if e["action"] == "update"]
        assert len(updates) == 1 and json.loads(updates[0]["after"])["description"] == final["description"]
        assert verify_audit(reg)[1] == []


def test_twenty_editors_retrying_lose_no_update(settings: Settings) -> None:
    rounds = 3
    with Register.initialise(settings) as reg:
        ev = create(reg, local_admin("setup"), "event", {"type": "detention", "title": "Задержания", "detained_min": 0})

    def edit(r: Register, i: int) -> object:
        me = local_admin(f"editor{i}")
        done, conflicts = 0, 0
        while done < rounds:
            seen = get_record(r, me, "event", ev["id"])
            try:
                update(r, me, "event", ev["id"], seen["version"], {"detained_min": seen["detained_min"] + 1})
                done += 1
            except Conflict:
                conflicts += 1
        return conflicts

    results = _run(settings, edit)
    assert all(isinstance(r, int) for r in results), results
    with Register(settings) as reg:
        final = get_record(reg, local_admin("x"), "event", ev["id"])
        assert final["detained_min"] == EDITORS * rounds  # every increment counted: none lost
        assert final["version"] == 1 + EDITORS * rounds
        entries = list_audit(reg, local_admin("x"), limit=1000)
        updates = [json.loads(e["after"]) for e in entries if e["action"] == "update"]
        assert [u["detained_min"] for u in updates] == list(range(1, EDITORS * rounds + 1))
        assert [u["version"] for u in updates] == list(range(2, EDITORS * rounds + 2))
        assert verify_audit(reg)[1] == []
