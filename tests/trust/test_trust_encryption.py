"""Encryption at rest: restricted names, contacts, notes, texts and files never reach the disk in clear, open
for whoever is cleared, fail clearly without the key, and survive a key rotation (SQLite and PostgreSQL)."""

from __future__ import annotations

import base64
import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select, text

from aqiqat.api.access import Principal, local_admin
from aqiqat.api.audit import list_audit, verify_audit
from aqiqat.api.documents import get_document, list_documents
from aqiqat.api.errors import Forbidden, Invalid, NotFound
from aqiqat.api.ingest import IngestOptions, ingest_paths
from aqiqat.api.integrity import read_document_file, verify_register
from aqiqat.api.keys import key_status, rotate_key
from aqiqat.api.pg_tools import libpq_env, pg_bin
from aqiqat.api.records import create, declassify, get_record, list_records, update
from aqiqat.api.register import Register
from aqiqat.api.sealing import KeyUnavailable
from aqiqat.config import Settings
from aqiqat.domain.enums import Confidentiality, DocumentKind, UserRole
from aqiqat.domain.model import Span
from aqiqat.security.keys import load_keyring
from aqiqat.store.tables import PersonNameRow

ME = local_admin("editor")
VIEWER = Principal("partner", UserRole.VIEWER)
NAME = "Ерлан Сапаров"
CONTACT = "+7 701 555 12 34"
NOTES = "живёт у сестры в Кордае"
TESTIMONY = "Меня избили в изоляторе, рассказала Айгерим Тлеубаева. Следователь угрожал её сыну."
SECRETS = [NAME, "Сапаров", CONTACT, NOTES, "Тлеубаева", "угрожал её сыну", "testimony_tleubaeva"]
PUBLIC = "Открытый отчёт о событиях в Таразе"


def _fill(reg: Register, tmp_path: Path) -> dict[str, int]:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    (folder / "testimony_tleubaeva.txt").write_text(TESTIMONY, encoding="utf-8")
    (folder / "public.txt").write_text(PUBLIC, encoding="utf-8")
    restricted = IngestOptions(kind=DocumentKind.TESTIMONY, confidentiality=Confidentiality.RESTRICTED)
    (t,) = ingest_paths(reg, ME, [folder / "testimony_tleubaeva.txt"], restricted).outcomes
    (p,) = ingest_paths(reg, ME, [folder / "public.txt"]).outcomes
    assert t.status == "added" and p.status == "added"
    start = TESTIMONY.index("Айгерим")
    span = Span(t.document_id, start, start + 17, TESTIMONY[start : start + 17])
    ev = create(reg, ME, "event", {"type": "torture", "title": "Пытки в изоляторе ДВД"}, evidence=[span])
    w = create(reg, ME, "person", {"display_name": NAME, "surname": "Сапаров", "given_name": "Ерлан",
                                    "contact": CONTACT, "notes": NOTES, "confidentiality": "restricted"})
    with reg.unit(ME) as unit:
        unit.session.add(PersonNameRow(person_id=w["id"], text=NAME, document_id=t.document_id))
    open_person = create(reg, ME, "person", {"display_name": "Открытое Имя"})
    assert t.document_id and p.document_id
    return {"testimony": t.document_id, "public": p.document_id, "event": ev["id"], "witness": w["id"],
            "open": open_person["id"]}


def _raw_bytes(settings: Settings) -> bytes:
    """Everything an intruder copies: the data directory (database, WAL, files) or a dump of the database."""
    chunks = [p.read_bytes() for p in settings.data_dir.rglob("*") if p.is_file()]
    if not settings.is_sqlite:
        from sqlalchemy.engine import make_url

        args, env = libpq_env(make_url(settings.database_url))
        dump = subprocess.run([pg_bin("pg_dump"), "--format=plain", *args], capture_output=True, env=env, check=True)
        chunks.append(dump.stdout)
    return b"\n".join(chunks)


def test_restricted_values_are_not_on_disk_in_clear(settings: Settings, tmp_path: Path) -> None:
    with Register.initialise(settings) as reg:
        _fill(reg, tmp_path)
        raw = _raw_bytes(settings)  # while open: the SQLite WAL is there too
        if settings.is_sqlite:
            assert Path(str(settings.database_url).split("///")[1] + "-wal").exists()
    raw += _raw_bytes(settings)
    assert "Открытое Имя".encode() in raw and PUBLIC.encode() in raw  # the search does find what is in clear
    for secret in SECRETS:
        assert secret.encode("utf-8") not in raw, secret
        assert secret.encode("utf-16-le") not in raw, secret
    key = load_keyring(settings.encryption_key_file, env={})
    assert key is not None and not settings.encryption_key_file.is_relative_to(settings.data_dir)
    assert base64.b64encode(key.current_key) not in raw and key.current_key not in raw


def test_the_cleared_read_in_clear_the_others_see_a_pseudonym(settings: Settings, tmp_path: Path) -> None:
    with Register.initialise(settings) as reg:
        ids = _fill(reg, tmp_path)
        w = get_record(reg, ME, "person", ids["witness"])
        assert (w["display_name"], w["contact"], w["notes"], w["surname"]) == (NAME, CONTACT, NOTES, "Сапаров")
        assert get_document(reg, ME, ids["testimony"])["text"] == TESTIMONY
        assert get_document(reg, ME, ids["testimony"])["original_name"] == "testimony_tleubaeva.txt"
        assert read_document_file(reg, ME, ids["testimony"]) == TESTIMONY.encode("utf-8")
        seen = {p["id"]: p for p in list_records(reg, VIEWER, "person")}
        assert seen[ids["witness"]]["display_name"] == f"Witness {ids['witness']}"
        assert NAME not in str(seen) and CONTACT not in str(seen)
        docs = {d["id"]: d for d in list_documents(reg, VIEWER)}
        assert docs[ids["testimony"]]["title"].startswith("Restricted") and "Тлеубаева" not in str(docs)
        # an edit of one field keeps the sealed others
        updated = update(reg, ME, "person", ids["witness"], w["version"], {"notes": "переехал в Алматы"})
        assert updated["display_name"] == NAME
        again = get_record(reg, ME, "person", ids["witness"])
        assert (again["contact"], again["notes"]) == (CONTACT, "переехал в Алматы")
        assert verify_register(reg).ok


def test_without_the_key_a_restricted_record_is_a_clear_error(settings: Settings, tmp_path: Path) -> None:
    with Register.initialise(settings) as reg:
        ids = _fill(reg, tmp_path)
    hidden = tmp_path / "elsewhere.key"
    shutil.move(settings.encryption_key_file, hidden)
    with Register(settings) as reg:
        with pytest.raises(KeyUnavailable, match="encryption key is not available") as err:
            get_record(reg, ME, "person", ids["witness"])
        assert "\n" not in str(err.value) and NAME not in str(err.value)
        with pytest.raises(KeyUnavailable):
            get_document(reg, ME, ids["testimony"])
        assert list_records(reg, VIEWER, "person")  # the uncleared see pseudonyms, no key needed
        with pytest.raises(KeyUnavailable):
            create(reg, ME, "person", {"display_name": "Новый свидетель", "confidentiality": "restricted"})
        report = verify_register(reg)
        # the sealed file and text cannot be re-hashed, nor restricted records compared with their sealed audit
        assert report.ok and len([u for u in report.unchecked if "encrypted" in u]) == 2
        assert all("encrypted" in u or "audit entry cannot be read" in u for u in report.unchecked)
    Register.initialise(settings).close()  # init makes a new key: the old values still do not open
    with Register(settings) as reg, pytest.raises(KeyUnavailable, match="not in the keyring"):
        get_record(reg, ME, "person", ids["witness"])
    shutil.move(hidden, settings.encryption_key_file)
    with Register(settings) as reg:
        assert get_record(reg, ME, "person", ids["witness"])["display_name"] == NAME


def test_rotation_re_encrypts_everything_and_retires_the_old_key(settings: Settings, tmp_path: Path) -> None:
    with Register.initialise(settings) as reg:
        ids = _fill(reg, tmp_path)
        old = load_keyring(settings.encryption_key_file, env={})
        assert old is not None
        before = key_status(reg)["sealed_by_key"]
        assert before == {old.fingerprint: 6}  # person, name, text, passage, event, file
        rot = rotate_key(reg, ME)
        new = load_keyring(settings.encryption_key_file, env={})
        assert new is not None and list(new.keys) == [new.current] and rot.old == [old.fingerprint]
        assert key_status(reg)["sealed_by_key"] == {new.fingerprint: 6}
        assert get_record(reg, ME, "person", ids["witness"])["contact"] == CONTACT
        assert read_document_file(reg, ME, ids["testimony"]) == TESTIMONY.encode("utf-8")
        (entry,) = [e for e in list_audit(reg, ME) if e["action"] == "key_rotate"]
        assert old.fingerprint in entry["before"] and new.fingerprint in entry["after"]
        raw = _raw_bytes(settings)
        for key in (old.current_key, new.current_key):
            assert base64.b64encode(key) not in raw and key not in raw
        assert verify_register(reg).ok and verify_audit(reg)[1] == []


def test_changing_confidentiality_seals_and_unseals(settings: Settings, tmp_path: Path) -> None:
    with Register.initialise(settings) as reg:
        ids = _fill(reg, tmp_path)
        ev = get_record(reg, ME, "event", ids["event"])
        assert ev["confidentiality"] == "restricted"  # it rests on a passage of the restricted testimony
        with pytest.raises(Invalid, match="declassification"):
            update(reg, ME, "event", ids["event"], ev["version"], {"confidentiality": "internal"})
        with pytest.raises(Invalid, match="reason"):
            declassify(reg, ME, "event", ids["event"], "internal", " ")
        with pytest.raises(Forbidden):
            declassify(reg, VIEWER, "event", ids["event"], "internal", "agreed")
        lowered = declassify(reg, ME, "event", ids["event"], "internal", "the witness agreed to be named")
        assert lowered["confidentiality"] == "internal"
        assert get_record(reg, VIEWER, "event", ids["event"])["evidence"][0]["text"] == "Айгерим Тлеубаева"
        w = get_record(reg, ME, "person", ids["witness"])  # restricted by hand only: the hand may lower it
        opened = update(reg, ME, "person", ids["witness"], w["version"], {"confidentiality": "internal"})
        assert opened["display_name"] == NAME
        with reg.reading() as s:
            name = s.scalar(select(PersonNameRow).where(PersonNameRow.person_id == ids["witness"]))
            assert name is not None and name.text == NAME and name.sealed is None
        o = get_record(reg, ME, "person", ids["open"])
        update(reg, ME, "person", ids["open"], o["version"], {"confidentiality": "restricted"})
        with reg.engine.connect() as conn:  # the row itself holds nothing in clear any more
            row = conn.execute(text("SELECT display_name, sealed FROM persons WHERE id = :i"), {"i": ids["open"]}).one()
        assert row[0] == "" and row[1] is not None
        assert get_record(reg, ME, "person", ids["open"])["display_name"] == "Открытое Имя"
        assert get_record(reg, VIEWER, "person", ids["open"])["display_name"] == f"Witness {ids['open']}"


def test_a_passage_of_a_restricted_document_opens_only_for_the_cleared(settings: Settings, tmp_path: Path) -> None:
    with Register.initialise(settings) as reg:
        ids = _fill(reg, tmp_path)
        (mine,) = get_record(reg, ME, "event", ids["event"])["evidence"]
        assert mine["text"] == "Айгерим Тлеубаева" and mine["sealed"]
        with pytest.raises(NotFound):  # the event rests on the restricted passage: restricted itself
            get_record(reg, VIEWER, "event", ids["event"])


def test_a_running_server_follows_a_rotation_made_elsewhere(settings: Settings, tmp_path: Path) -> None:
    with Register.initialise(settings) as reg, Register(settings) as server:
        ids = _fill(reg, tmp_path)
        assert get_record(server, ME, "person", ids["witness"])["contact"] == CONTACT  # the server loaded the key
        rot = rotate_key(reg, ME)
        new = create(server, ME, "person", {"display_name": "Свидетель после ротации", "confidentiality": "restricted"})
        assert get_record(server, ME, "person", ids["witness"])["contact"] == CONTACT
        assert key_status(reg)["sealed_by_key"] == {rot.new: 7}  # nothing sealed under the retired key
        assert get_record(reg, ME, "person", new["id"])["display_name"] == "Свидетель после ротации"
