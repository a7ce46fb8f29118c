"""`aqiqat verify` compares every record and text hash with its last audited state: a change made in the
database directly (an SQL UPDATE, a row inserted or deleted) is named, after the ordinary work of a register
(review, edits, adopted figures, merges of people, key rotation) left it clean."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import text
from tests.web.conftest import seed
from typer.testing import CliRunner

from aqiqat.api.access import local_admin
from aqiqat.api.extract import extract_documents
from aqiqat.api.ingest import IngestOptions, ingest_paths
from aqiqat.api.integrity import verify_register
from aqiqat.api.keys import rotate_key
from aqiqat.api.records import create, update
from aqiqat.api.register import Register
from aqiqat.api.review import decide, list_suggestions
from aqiqat.api.stats import adopt_figure
from aqiqat.cli.main import app
from aqiqat.config import Settings
from aqiqat.domain.enums import Confidentiality

ME = local_admin("monitor")
REPORT = (
    "Талдыкорган, 10 января 2022 года.\n\n"
    "7 января в Талдыкоргане военные открыли огонь по машине, в которой ехали Ерлан Сапаров и его брат. "
    "Оба мужчины погибли. По данным правозащитников, в городе были задержаны около 200 человек.\n"
)


def _worked_register(settings: Settings, tmp_path: Path) -> Register:
    reg = Register.initialise(settings)
    seeded = seed(reg)
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    ingest_paths(reg, ME, [report], IngestOptions(published_at=date(2022, 1, 10), source="Local monitor"))
    witness = tmp_path / "witness.txt"
    witness.write_text("Ерлан Сапаров погиб у меня на глазах, сказала соседка.", encoding="utf-8")
    ingest_paths(reg, ME, [witness], IngestOptions(confidentiality=Confidentiality.RESTRICTED))
    extract_documents(reg, ME, workers=1)
    for sug in list_suggestions(reg, ME, 3):
        if sug["status"] == "pending":
            decide(reg, ME, sug["id"], sug["version"], "accept")
    update(reg, ME, "event", seeded.event_id, 1, {"killed_max": 3})
    adopt_figure(reg, ME, "погибшие в Талдыкоргане", "most_conservative")
    rotate_key(reg, ME)
    return reg


def test_ordinary_work_verifies_and_direct_edits_are_named(settings: Settings, tmp_path: Path) -> None:
    with _worked_register(settings, tmp_path) as reg:
        clean = verify_register(reg)
        assert clean.ok, clean.changed + clean.missing + clean.extra
        assert clean.records_checked > 10
        standalone = create(reg, ME, "place", {"name": "Текели", "kind": "city"})
        with reg.engine.begin() as conn:
            conn.execute(text("UPDATE events SET killed_max = 500 WHERE id = 1"))
            new_text = "Подменённый текст."
            conn.execute(
                text("UPDATE documents SET text = :t, text_sha256 = :h WHERE id = 1"),
                {"t": new_text, "h": hashlib.sha256(new_text.encode()).hexdigest()},
            )
            conn.execute(text("UPDATE users SET role = 'admin' WHERE 1 = 0"))
            conn.execute(
                text(
                    "INSERT INTO actors (name, kind, variants, version, created_at, updated_at) "
                    "VALUES ('Подброшенный', 'police', '[]', 1, :at, :at)"
                ),
                {"at": datetime(2022, 1, 7, tzinfo=UTC)},
            )
            conn.execute(text("DELETE FROM places WHERE id = :id"), {"id": standalone["id"]})
        found = verify_register(reg)
    assert not found.ok
    said = "\n".join(found.changed + found.missing)
    assert "event 1: killed_max is 500 in the database, 3 in its last audit entry" in said
    assert "document 1" in said and "text_sha256" in said
    assert "actor" in said and "no audit entry" in said
    assert f"place {standalone['id']}: in the audit log, not in the database" in said


def test_the_cli_exits_non_zero_and_names_the_record(sqlite_settings: Settings) -> None:
    with Register.initialise(sqlite_settings) as reg:
        create(reg, ME, "event", {"type": "shooting", "title": "Обстрел", "killed_min": 2, "killed_max": 2})
        with reg.engine.begin() as conn:
            conn.execute(text("UPDATE events SET killed_max = 500"))
    env = {"AQIQAT_USER": "tester"}
    result = CliRunner().invoke(app, ["--data-dir", str(sqlite_settings.data_dir), "verify"], env=env)
    assert result.exit_code != 0
    assert "event 1: killed_max is 500 in the database, 2 in its last audit entry" in result.output
