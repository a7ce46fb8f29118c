"""Importing Telegram Desktop exports through the service layer, on SQLite and PostgreSQL, with real exports."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select
from tests.ingest.telegram_fixtures import (
    CHANNEL_ID,
    KK_2,
    RU_1,
    chat,
    message,
    sample_messages,
    service,
    ts,
    write_export,
    write_sample_channel,
    write_sample_full,
)

from aqiqat.api.access import local_admin
from aqiqat.api.audit import verify_audit
from aqiqat.api.documents import get_document
from aqiqat.api.integrity import read_document_file, verify_register
from aqiqat.api.register import Register
from aqiqat.api.telegram_import import TelegramOptions, import_path, import_zip_bytes
from aqiqat.config import Settings
from aqiqat.domain.enums import Confidentiality
from aqiqat.store.tables import AuditRow, DocumentRow, SourceRow, TelegramMessageRow

ME = local_admin("tester")


def posts(reg: Register, chat_id: str = str(CHANNEL_ID)) -> dict[int, list[DocumentRow]]:
    """The chat's post documents by message id, oldest version first."""
    with reg.reading() as s:
        rows = s.execute(
            select(TelegramMessageRow.message_id, DocumentRow)
            .join(DocumentRow, DocumentRow.id == TelegramMessageRow.document_id)
            .where(TelegramMessageRow.chat_id == chat_id)
            .order_by(TelegramMessageRow.message_id, TelegramMessageRow.edited_unixtime)
        ).all()
        s.expunge_all()
    out: dict[int, list[DocumentRow]] = {}
    for message_id, row in rows:
        out.setdefault(message_id, []).append(row)
    return out


def test_full_export_becomes_posts_with_media_sources_and_service_metadata(settings: Settings, tmp_path: Path) -> None:
    folder = write_sample_full(tmp_path / "DataExport_2022-01-12")
    with Register.initialise(settings) as reg:
        report = import_path(reg, ME, folder)
        assert report.failed == []
        assert (report.chats, report.posts, report.services, report.media_stored, report.media_missing) == (
            4, 18, 3, 5, 2
        )
        got = posts(reg)
        assert set(got) == {2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16}  # 1 and 15 are service messages
        first = got[2][0]
        assert (first.kind, first.text, first.language, first.published_at) == ("post", RU_1, "ru", date(2022, 1, 7))
        # the stored bytes are the message as exported, under their SHA-256
        stored = reg.files.read(first.sha256)
        assert hashlib.sha256(stored).hexdigest() == first.sha256
        assert json.loads(stored)["message"]["text"] == RU_1
        assert json.loads(stored)["telegram_chat_id"] == str(CHANNEL_ID)
        # dates in UTC: 19:00 UTC on the 7th is the 8th in the exporter's local time
        late = got[5][0]
        assert late.published_at == date(2022, 1, 7) and late.meta["telegram"]["date"] == "2022-01-07T19:00:00Z"
        assert late.language == "kk"
        tg = got[3][0].meta["telegram"]
        assert tg["chat"] == {"id": str(CHANNEL_ID), "name": "Мониторинг: январь", "type": "public_channel"}
        assert {e["type"] for e in tg["entities"]} == {"text_link", "hashtag", "mention", "link", "bold"}
        assert got[11][0].meta["telegram"]["forwarded_from"] == "Новости Казахстана"
        assert got[12][0].author == "Айгерим Т."
        assert got[13][0].meta["telegram"]["location_information"]["latitude"] == 43.238949
        with reg.reading() as s:
            source = s.get(SourceRow, first.source_id)
            assert source is not None and source.name == f"Мониторинг: январь (Telegram {CHANNEL_ID})"
            assert source.kind == "social_media"
            media_kinds = {}
            for number in (4, 5, 6, 7, 8):
                (entry,) = [m for m in got[number][0].meta["telegram"]["media"] if "document_id" in m]
                media = s.get(DocumentRow, entry["document_id"])
                assert media is not None and reg.files.has(media.sha256) and media.sha256 == entry["sha256"]
                assert media.published_at == got[number][0].published_at
                media_kinds[number] = (media.kind, media.media_type)
            assert media_kinds == {4: ("photo", "image/jpeg"), 5: ("video", "video/mp4"), 6: ("other", "audio/ogg"),
                                   7: ("video", "video/mp4"), 8: ("article", "application/pdf")}
            pdf = s.get(DocumentRow, got[8][0].meta["telegram"]["media"][0]["document_id"])
            assert pdf is not None and "Ахметов Ерлан" in (pdf.text or "")
            services = s.scalars(select(TelegramMessageRow).where(TelegramMessageRow.type == "service")).all()
            assert sorted(r.meta["action"] for r in services) == ["create_channel", "invite_members", "pin_message"]
            assert all(r.document_id is None for r in services)
            assert s.scalar(select(func.count()).select_from(DocumentRow)) == 18 + 5
        # missing media are recorded on the post, never stored as files
        assert got[9][0].meta["telegram"]["media"] == [{
            "role": "file", "telegram_media_type": "video_file", "mime_type": "video/mp4",
            "missing": "(File not included. Change data exporting settings to download.)"}]
        assert "document_id" not in got[10][0].meta["telegram"]["media"][0]
        assert verify_audit(reg)[1] == [] and verify_register(reg).ok


def test_reimport_adds_only_new_messages_and_an_edit_becomes_a_version_beside_the_original(
    settings: Settings, tmp_path: Path
) -> None:
    with Register.initialise(settings) as reg:
        first = import_path(reg, ME, write_sample_channel(tmp_path / "jan10"))
        assert first.failed == [] and first.posts == 14
        original = posts(reg)[2][0]
        audit_before = _audit_count(reg)
        again = import_path(reg, ME, write_sample_channel(tmp_path / "jan10-again"))
        assert (again.posts, again.services, again.unchanged, again.media_stored) == (0, 0, 16, 0)
        assert _audit_count(reg) == audit_before  # nothing written, nothing audited
        msgs, _ = sample_messages()
        msgs[1] = message(2, ts(7, 13, 5), RU_1 + " Позже: погибших трое.", edited=ts(12, 9))
        msgs.append(message(17, ts(12, 10), "Новое сообщение после первого экспорта."))
        msgs.append(service(18, ts(12, 11), "edit_channel_title", title="Мониторинг"))
        later = import_path(reg, ME, write_sample_channel(tmp_path / "jan12", msgs))
        assert later.failed == []
        assert (later.posts, later.versions, later.services, later.unchanged) == (2, 1, 1, 15)
        got = posts(reg)
        old, new = got[2]
        assert (old.id, old.sha256, old.text, old.version) == (original.id, original.sha256, RU_1, original.version)
        assert new.text == RU_1 + " Позже: погибших трое." and new.meta["telegram"]["previous_version"] == old.id
        assert new.meta["telegram"]["edited"] == "2022-01-12T09:00:00Z"
        assert got[17][0].text == "Новое сообщение после первого экспорта."
        with reg.reading() as s:
            version = s.scalar(select(TelegramMessageRow).where(TelegramMessageRow.document_id == new.id))
            assert version is not None and version.previous_document_id == old.id
        assert verify_audit(reg)[1] == []


def _audit_count(reg: Register) -> int:
    with reg.reading() as s:
        return int(s.scalar(select(func.count()).select_from(AuditRow)) or 0)


def test_restricted_import_seals_posts_media_and_service_metadata(settings: Settings, tmp_path: Path) -> None:
    folder = write_sample_full(tmp_path / "export")
    with Register.initialise(settings) as reg:
        report = import_path(reg, ME, folder, TelegramOptions(confidentiality=Confidentiality.RESTRICTED))
        assert report.failed == [] and report.posts == 18
        got = posts(reg, "1700000002")
        row = got[3][0]
        assert row.confidentiality == "restricted" and row.text is None and row.text_sealed is not None
        assert row.meta == {} and row.file_sealed
        assert not reg.files.has(row.sha256) and reg.sealed_files.has(row.sha256)
        doc = get_document(reg, ME, row.id)
        assert doc["text"] == KK_2 and doc["meta"]["telegram"]["chat"]["name"] == "Семьи задержанных"
        assert json.loads(read_document_file(reg, ME, row.id))["message"]["from"] == "Ерлан"
        with reg.reading() as s:
            names = set(s.scalars(select(SourceRow.name)))
            assert names == {"Telegram chat 1500000001", "Telegram chat 1700000002", "Telegram chat 700000002",
                             "Telegram chat 1500000009"}  # chat names (a person's, here) stay sealed
            invite = s.scalar(select(TelegramMessageRow).where(TelegramMessageRow.message_id == 2,
                                                               TelegramMessageRow.chat_id == "1700000002"))
            assert invite is not None and invite.meta == {} and invite.sealed is not None
            assert reg.keys.require().open_json(invite.sealed, "telegram_message")["members"] == ["Ерлан"]
            media = s.scalars(select(DocumentRow).where(DocumentRow.kind.in_(["photo", "video"]))).all()
            assert media and all(m.confidentiality == "restricted" and m.file_sealed for m in media)
            assert not any(reg.files.has(m.sha256) for m in media)
        raw = b"".join(p.read_bytes() for p in settings.data_dir.rglob("*") if p.is_file())
        assert KK_2.encode() not in raw and "Семьи задержанных".encode() not in raw
        assert verify_register(reg).ok


def test_truncated_export_keeps_the_whole_messages_and_a_full_one_adds_the_rest(
    sqlite_settings: Settings, tmp_path: Path
) -> None:
    folder = write_sample_channel(tmp_path / "cut")
    data = (folder / "result.json").read_bytes()
    (folder / "result.json").write_bytes(data[: data.index(KK_2.encode()) + 20])  # inside message 12
    with Register.initialise(sqlite_settings) as reg:
        report = import_path(reg, ME, folder)
        assert len(report.failed) == 1 and "breaks off" in report.failed[0] and "\n" not in report.failed[0]
        assert set(posts(reg)) == {2, 3, 4, 5, 6, 7, 8, 9, 10, 11}  # 12 was cut: nothing of it is written
        full = import_path(reg, ME, write_sample_channel(tmp_path / "whole"))
        assert full.failed == [] and (full.posts, full.services) == (4, 1)
        assert set(posts(reg)) == {2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16}


def test_bad_messages_and_media_outside_the_export_fail_alone_with_one_line(
    sqlite_settings: Settings, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.jpg"
    secret.write_bytes(b"\xff\xd8\xff\xe0 not for the register")
    folder = tmp_path / "export"
    msgs = [
        message(1, ts(7), "Хорошее сообщение."),
        message(2, ts(7), "Фото вне папки", photo="../secret.jpg"),
        message(3, ts(7), "Ссылка вне папки", photo="photos/link.jpg"),
        message(4, ts(7), "Фото, которого нет", photo="photos/absent.jpg"),
        {"id": 5, "type": "message", "date_unixtime": "вчера", "text": "дата сломана"},
        {"type": "message", "text": "без id"},
        message(7, ts(7), ["a", {"type": "bold", "text": "б"}]),
        message(8, ts(7), "Ещё одно хорошее."),
    ]
    write_export(folder, chat("Проверка", 99, msgs), {})
    (folder / "photos").mkdir()
    os.symlink(secret, folder / "photos" / "link.jpg")
    with Register.initialise(sqlite_settings) as reg:
        report = import_path(reg, ME, folder)
        assert set(posts(reg, "99")) == {1, 7, 8}
        assert len(report.failed) == 5 and all("\n" not in line for line in report.failed)
        joined = "\n".join(report.failed)
        for expected in ("message 2: ../secret.jpg: leads outside the export folder",
                         "message 3: photos/link.jpg: a link leading outside the export folder",
                         "message 4: photos/absent.jpg: named in result.json but not in the export folder",
                         "message 5: date_unixtime is not a number", "without a numeric id"):
            assert expected in joined, expected
        assert not any(secret.read_bytes() == reg.files.read(h) for h in reg.files.iter_hashes())


def test_zipped_export_imports_like_the_folder_and_a_zip_without_export_is_one_line(
    sqlite_settings: Settings, tmp_path: Path
) -> None:
    folder = write_sample_channel(tmp_path / "ChatExport_2022-01-10")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, "ChatExport_2022-01-10/" + path.relative_to(folder).as_posix())
    with Register.initialise(sqlite_settings) as reg:
        report = import_zip_bytes(reg, ME, buf.getvalue(), "export.zip")
        assert report.failed == [] and (report.posts, report.media_stored) == (14, 5)
        shutil.rmtree(folder / "photos")  # the folder import after it finds everything known
        again = import_path(reg, ME, folder)
        assert (again.posts, again.unchanged) == (0, 16)
        bad = import_zip_bytes(reg, ME, b"PK\x03\x04 not really a zip", "broken.zip")
        assert len(bad.failed) == 1 and "not a readable zip" in bad.failed[0]


def test_extraction_runs_on_posts_with_the_post_date_as_anchor(sqlite_settings: Settings, tmp_path: Path) -> None:
    from aqiqat.api.extract import extract_documents

    folder = write_sample_channel(tmp_path / "export")
    with Register.initialise(sqlite_settings) as reg:
        report = import_path(reg, ME, folder)
        post = posts(reg)[11][0]  # «Вчера …», posted on 9 January 2022
        assert post.id in report.with_text
        extracted = extract_documents(reg, ME, [post.id])
        assert extracted.failed == {} and extracted.done[post.id] > 0
        with reg.reading() as s:
            from aqiqat.store.tables import SuggestionRow

            dates = [r.payload for r in s.scalars(select(SuggestionRow).where(
                SuggestionRow.document_id == post.id, SuggestionRow.kind == "date"))]
        assert [(d["text"], d["iso"]) for d in dates] == [("Вчера", "2022-01-08")]


def test_media_are_stored_as_they_are_read_when_a_batch_holds_too_many_bytes(
    sqlite_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import aqiqat.api.telegram_import as telegram_import

    monkeypatch.setattr(telegram_import, "HELD_BYTES", 1)  # every message's files stored at once
    with Register.initialise(sqlite_settings) as reg:
        report = import_path(reg, ME, write_sample_channel(tmp_path / "export"))
        assert report.failed == [] and (report.posts, report.media_stored) == (14, 5)
        with reg.reading() as s:
            hashes = set(s.scalars(select(DocumentRow.sha256)))
        assert hashes == set(reg.files.iter_hashes())  # every file named by a document, every document's file
