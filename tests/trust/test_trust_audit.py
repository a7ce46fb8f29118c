"""The audit log against someone with the raw database: each edited, deleted, inserted, reordered or cut-off
entry is found and named; and every kind of change to the register leaves an entry (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, select, text

from aqiqat.api.access import local_admin
from aqiqat.api.audit import list_audit, verify_audit
from aqiqat.api.backup import backup
from aqiqat.api.export import export_register
from aqiqat.api.ingest import ingest_paths
from aqiqat.api.integrity import export_manifest
from aqiqat.api.keys import rotate_key
from aqiqat.api.linking import judge
from aqiqat.api.lists import import_list
from aqiqat.api.records import add_involvement, create, update
from aqiqat.api.register import Register
from aqiqat.config import Settings
from aqiqat.security.audit_chain import ChainLink, link_hash
from aqiqat.store.tables import AuditRow, LinkJudgementRow

ME = local_admin("monitor")
N = 6


def _register(settings: Settings) -> Register:
    reg = Register.initialise(settings)
    for i in range(N):
        create(reg, ME, "event", {"type": "detention", "title": f"Задержание {i + 1} в Алматы"})
    return reg


def _raw(settings: Settings) -> Engine:
    """A connection that has taken the database's protection off the audit log, as an intruder would."""
    engine = create_engine(settings.database_url)
    with engine.begin() as conn:
        if settings.is_sqlite:
            conn.exec_driver_sql("DROP TRIGGER audit_entries_no_update")
            conn.exec_driver_sql("DROP TRIGGER audit_entries_no_delete")
        else:
            conn.exec_driver_sql("ALTER TABLE audit_entries DISABLE TRIGGER USER")
    return engine


def _links(reg: Register) -> list[ChainLink]:
    with reg.reading() as s:
        return [
            ChainLink(r.seq, r.at, r.user, r.action, r.entity, r.entity_id, r.before, r.after, r.prev_hash, r.hash)
            for r in s.scalars(select(AuditRow).order_by(AuditRow.seq))
        ]


def _insert(conn: object, link: ChainLink) -> None:
    conn.execute(  # type: ignore[attr-defined]
        text(
            'INSERT INTO audit_entries (seq, at, "user", action, entity, entity_id, before, after, prev_hash, hash) '
            "VALUES (:seq, :at, :user, :action, :entity, :entity_id, :before, :after, :prev_hash, :hash)"
        ),
        {f: getattr(link, f) for f in ChainLink.__dataclass_fields__},
    )


def _problems(reg: Register) -> list[tuple[str, int, str]]:
    _count, problems = verify_audit(reg)
    return [(p.kind, p.seq, p.message) for p in problems]


def test_the_database_refuses_and_an_intact_log_verifies(settings: Settings) -> None:
    with _register(settings) as reg:
        assert verify_audit(reg) == (N, [])


def test_an_edited_entry_is_named(settings: Settings) -> None:
    with _register(settings) as reg:
        raw = _raw(settings)
        with raw.begin() as conn:
            conn.execute(text("UPDATE audit_entries SET \"user\" = 'someone else' WHERE seq = 3"))
        raw.dispose()
        (problem,) = _problems(reg)
        assert problem[:2] == ("edited", 3) and "entry 3" in problem[2]


def test_a_deleted_entry_is_named(settings: Settings) -> None:
    with _register(settings) as reg:
        raw = _raw(settings)
        with raw.begin() as conn:
            conn.execute(text("DELETE FROM audit_entries WHERE seq = 3"))
        raw.dispose()
        (problem,) = _problems(reg)
        assert problem[:2] == ("deleted", 3) and "entry 3 deleted" in problem[2]


def test_an_entry_deleted_and_hidden_by_renumbering_is_named(settings: Settings) -> None:
    with _register(settings) as reg:
        raw = _raw(settings)
        with raw.begin() as conn:
            conn.execute(text("DELETE FROM audit_entries WHERE seq = 2"))
            conn.execute(text("UPDATE audit_entries SET seq = seq + 1000 WHERE seq > 2"))
            conn.execute(text("UPDATE audit_entries SET seq = seq - 1001 WHERE seq > 1000"))
        raw.dispose()
        found = _problems(reg)
        assert ("deleted", 2) in [p[:2] for p in found]
        assert any("renumbered" in p[2] for p in found)


def test_an_inserted_entry_is_named(settings: Settings) -> None:
    with _register(settings) as reg:
        links = _links(reg)
        forged = ChainLink(3, links[1].at, "monitor", "update", "event", "2", None, '{"title":"подлог"}',
                           links[1].hash)
        forged = replace(forged, hash=link_hash(forged))
        raw = _raw(settings)
        with raw.begin() as conn:
            conn.execute(text("UPDATE audit_entries SET seq = seq + 1000 WHERE seq >= 3"))
            conn.execute(text("UPDATE audit_entries SET seq = seq - 999 WHERE seq > 1000"))
            _insert(conn, forged)
        raw.dispose()
        found = [p[:2] for p in _problems(reg)]
        assert ("inserted", 3) in found
        assert not any(kind == "edited" for kind, _ in found)


def test_reordered_entries_are_named(settings: Settings) -> None:
    with _register(settings) as reg:
        links = _links(reg)
        raw = _raw(settings)
        with raw.begin() as conn:
            conn.execute(text("DELETE FROM audit_entries WHERE seq IN (2, 5)"))
            _insert(conn, replace(links[4], seq=2))
            _insert(conn, replace(links[1], seq=5))
        raw.dispose()
        found = _problems(reg)
        assert sorted(p[:2] for p in found) == [("reordered", 2), ("reordered", 5)]
        assert "entry 5 is stored in the place of entry 2" in found[0][2]


def test_a_cut_off_tail_and_an_appended_entry_are_named(settings: Settings) -> None:
    with _register(settings) as reg:
        links = _links(reg)
        raw = _raw(settings)
        with raw.begin() as conn:
            conn.execute(text(f"DELETE FROM audit_entries WHERE seq > {N - 2}"))
        found = _problems(reg)
        assert [p[:2] for p in found] == [("truncated", N)]
        assert f"entries {N - 1}..{N} removed" in found[0][2]
        with raw.begin() as conn:
            _insert(conn, links[N - 2])
            _insert(conn, links[N - 1])
            forged = ChainLink(N + 1, links[-1].at, "monitor", "update", "event", "1", None, "{}", links[-1].hash)
            _insert(conn, replace(forged, hash=link_hash(forged)))
        raw.dispose()
        assert [p[:2] for p in _problems(reg)] == [("inserted", N + 1)]


def test_every_kind_of_change_leaves_an_audit_entry(settings: Settings, tmp_path: Path) -> None:
    doc = tmp_path / "in" / "report.txt"
    doc.parent.mkdir()
    doc.write_text("В Таразе 6 января задержали двух журналистов.", encoding="utf-8")
    listing = tmp_path / "list.csv"
    with listing.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["name", "age"], ["Ерлан Сапаров", "34"], ["Айгерим Тлеубаева", "29"]])
    with Register.initialise(settings) as reg:
        ingest_paths(reg, ME, [doc])
        ev = create(reg, ME, "event", {"type": "detention", "title": "Задержание в Таразе"})
        update(reg, ME, "event", ev["id"], ev["version"], {"killed_min": 0})
        p1 = create(reg, ME, "person", {"display_name": "Ерлан Сапаров", "confidentiality": "restricted"})
        p2 = create(reg, ME, "person", {"display_name": "Сапаров Ерлан"})
        add_involvement(reg, ME, ev["id"], "victim", person_id=p1["id"], harm="detained")
        import_list(reg, ME, listing, "Список правозащитников", {"name": "name", "age": "age"})
        with reg.unit(ME) as unit:
            pair = LinkJudgementRow(left_ref=f"p:{p1['id']}", right_ref=f"p:{p2['id']}", judgement="pending",
                                    field_weights={})
            unit.session.add(pair)
            unit.session.flush()
            pair_id = pair.id
        judge(reg, ME, pair_id, "positive")
        export_register(reg, ME, "json", tmp_path / "out.json")
        export_manifest(reg, ME, tmp_path / "manifest.json")
        backup(reg, ME, tmp_path / "backup")
        rotate_key(reg, ME)
        actions = {(e["action"], e["entity"]) for e in list_audit(reg, ME, limit=1000)}
        for expected in [("ingest", "document"), ("create", "event"), ("update", "event"), ("create", "person"),
                         ("create", "involvement"), ("import", "victim_list"), ("merge", "link_judgement"),
                         ("export", "register"), ("export", "manifest"), ("backup", "register"),
                         ("key_rotate", "key")]:
            assert expected in actions, expected
        assert verify_audit(reg)[1] == []


@pytest.mark.parametrize("statement", ["UPDATE audit_entries SET \"user\" = 'x'", "DELETE FROM audit_entries"])
def test_without_tampering_rights_the_log_cannot_be_changed(settings: Settings, statement: str) -> None:
    with _register(settings) as reg:
        with pytest.raises(Exception, match="append-only"), reg.engine.begin() as conn:
            conn.execute(text(statement))
        assert verify_audit(reg) == (N, [])
