"""`aqiqat verify` and the signed manifest: a changed, missing or extra byte is found and named."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import text
from typer.testing import CliRunner

from aqiqat.api.access import local_admin
from aqiqat.api.ingest import IngestOptions, ingest_paths
from aqiqat.api.integrity import export_manifest, verify_register
from aqiqat.api.register import Register
from aqiqat.cli.main import app
from aqiqat.config import Settings
from aqiqat.domain.enums import Confidentiality

ME = local_admin("monitor")


def _docs(reg: Register, tmp_path: Path) -> dict[str, str]:
    folder = tmp_path / "in"
    folder.mkdir()
    texts = {
        "a_report.txt": "В Шымкенте 6 января задержали 14 человек.",
        "b_statement.txt": "Министерство заявило о «иностранных боевиках».",
        "c_photo.bin": "",
    }
    for name, body in texts.items():
        (folder / name).write_bytes(body.encode("utf-8") if body else b"\x89PNG\r\n\x1a\n" + os.urandom(64))
    (folder / "d_witness.txt").write_text("Свидетельница видела, как стреляли по машине.", encoding="utf-8")
    ingest_paths(reg, ME, [folder / n for n in texts])
    restricted = IngestOptions(confidentiality=Confidentiality.RESTRICTED)
    ingest_paths(reg, ME, [folder / "d_witness.txt"], restricted)
    return {o: hashlib.sha256((folder / o).read_bytes()).hexdigest() for o in [*texts, "d_witness.txt"]}


def _writable(path: Path) -> Path:
    path.chmod(0o644)
    return path


def test_verify_finds_and_names_changed_missing_and_extra_files(settings: Settings, tmp_path: Path) -> None:
    with Register.initialise(settings) as reg:
        shas = _docs(reg, tmp_path)
        report = verify_register(reg)
        assert report.ok and report.documents == 4 and report.files_checked == 4 and report.texts_checked == 3
        _writable(reg.files.path(shas["a_report.txt"])).write_bytes("В Шымкенте 6 января задержали 4 человек.".encode())
        reg.files.path(shas["b_statement.txt"]).unlink()
        planted = reg.files.path("0" * 64)
        planted.parent.mkdir(parents=True)
        planted.write_bytes(b"planted")
        sealed = _writable(reg.sealed_files.path(shas["d_witness.txt"]))
        blob = bytearray(sealed.read_bytes())
        blob[-3] ^= 0x20
        sealed.write_bytes(bytes(blob))
        report = verify_register(reg)
        assert not report.ok
        assert len(report.changed) == 2
        assert any("document 1 (a_report.txt)" in c and "no longer has SHA-256" in c for c in report.changed)
        assert any("document 4" in c and "altered" in c for c in report.changed)
        assert len(report.missing) == 1 and "document 2 (b_statement.txt)" in report.missing[0]
        assert len(report.extra) == 1 and "0" * 64 in report.extra[0]


def test_verify_re_hashes_texts_too(settings: Settings, tmp_path: Path) -> None:
    with Register.initialise(settings) as reg:
        _docs(reg, tmp_path)
        with reg.engine.begin() as conn:
            conn.execute(text("UPDATE documents SET text = 'В Шымкенте 6 января задержали 4 человек.' WHERE id = 1"))
            conn.execute(text("UPDATE documents SET text_sealed = NULL WHERE id = 4"))
        report = verify_register(reg)
        assert {c.split(":")[0] for c in report.changed} == {"document 1 (a_report.txt)", "document 4"}
        assert "text no longer has SHA-256" in report.changed[0]
        # the sealed fields went with the sealed text: each named against its last (sealed) audited state
        assert any("document 4: title" in c for c in report.changed)


def test_a_manifest_exported_by_the_cli_checks_a_copy_without_the_database(settings: Settings, tmp_path: Path) -> None:
    with Register.initialise(settings) as reg:
        _docs(reg, tmp_path)
        path = export_manifest(reg, ME, tmp_path / "manifest.json")
        assert verify_register(reg, manifest=path).ok
        files, sealed = reg.files.root, reg.sealed_files.root
    check = [sys.executable, "-m", "aqiqat.security.manifest_check", str(path), "--files", str(files),
             "--files", str(sealed)]
    done = subprocess.run(check, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "4 files match, 0 changed, 0 missing, 0 extra" in done.stdout
    with Register(settings) as reg:  # the log cut back below the manifest's head shows against the manifest
        with reg.engine.begin() as conn:
            if settings.is_sqlite:
                conn.exec_driver_sql("DROP TRIGGER audit_entries_no_delete")
            else:
                conn.exec_driver_sql("ALTER TABLE audit_entries DISABLE TRIGGER USER")
            conn.exec_driver_sql("DELETE FROM audit_entries WHERE seq >= 4")
        report = verify_register(reg, manifest=path)
        assert any(p.kind == "head_mismatch" and p.seq == 4 for p in report.audit_problems)


def test_the_cli_verify_and_manifest_commands(sqlite_settings: Settings, tmp_path: Path) -> None:
    env = {"AQIQAT_DATA_DIR": str(sqlite_settings.data_dir), "AQIQAT_USER": "monitor"}
    runner = CliRunner()
    assert runner.invoke(app, ["init"], env=env).exit_code == 0
    with Register.open(sqlite_settings) as reg:
        shas = _docs(reg, tmp_path)
    ok = runner.invoke(app, ["verify"], env=env)
    assert ok.exit_code == 0 and "0 changed, 0 missing, 0 extra" in ok.output
    man = runner.invoke(app, ["manifest", "export", str(tmp_path / "m.json")], env=env)
    assert man.exit_code == 0 and (tmp_path / "m.json.sig").exists()
    _writable(Path(sqlite_settings.files_dir / shas["a_report.txt"][:2] / shas["a_report.txt"][2:4]
                   / shas["a_report.txt"])).write_bytes(b"x")
    bad = runner.invoke(app, ["verify", "--manifest", str(tmp_path / "m.json")], env=env)
    assert bad.exit_code == 1 and "a_report.txt" in bad.output and "1 changed" in bad.output
