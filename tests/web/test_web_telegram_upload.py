"""The workbench's upload of a zipped Telegram Desktop export: imported, summarised, failures one line each."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select
from tests.ingest.telegram_fixtures import CHANNEL_ID, write_sample_channel
from tests.web.conftest import csrf_of

from aqiqat.api.access import local_admin
from aqiqat.api.register import Register
from aqiqat.api.telegram_import import import_path
from aqiqat.store.tables import TelegramMessageRow


def zipped(folder: Path, extra: dict[str, bytes] | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, f"{folder.name}/{path.relative_to(folder).as_posix()}")
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_an_editor_uploads_a_zipped_export_and_sees_what_was_imported(
    clients: dict[str, TestClient], tmp_path: Path
) -> None:
    editor = clients["editor"]
    token = csrf_of(editor.get("/documents").text)
    data = zipped(write_sample_channel(tmp_path / "ChatExport_2022-01-10"))
    page = editor.post("/documents", files={"file": ("ChatExport.zip", data)},
                       data={"csrf_token": token, "confidentiality": "internal"})
    assert page.status_code == 200
    text = " ".join(page.text.split())
    assert "Telegram" in text and "<td>14</td>" in text and "Not imported" not in text
    again = editor.post("/documents", files={"file": ("ChatExport.zip", data)}, data={"csrf_token": token})
    assert again.status_code == 200 and "<td>16</td>" in again.text  # already imported: all 16 messages
    posts = editor.get("/documents?kind=post")
    assert "Вечером 7 января в Талдыкоргане" in posts.text


def test_a_zip_whose_result_json_is_cut_reports_it_in_one_line(clients: dict[str, TestClient], tmp_path: Path) -> None:
    editor = clients["editor"]
    token = csrf_of(editor.get("/documents").text)
    folder = write_sample_channel(tmp_path / "Cut")
    raw = (folder / "result.json").read_bytes()
    (folder / "result.json").write_bytes(raw[:200])
    page = editor.post("/documents", files={"file": ("cut.zip", zipped(folder))}, data={"csrf_token": token})
    assert page.status_code == 422 and "breaks off" in page.text


def test_a_post_page_shows_its_chat_media_and_what_the_export_left_out(
    clients: dict[str, TestClient], web_register: Register, tmp_path: Path
) -> None:
    import_path(web_register, local_admin("tester"), write_sample_channel(tmp_path / "ChatExport_page"))
    with web_register.reading() as s:
        def post(number: int) -> int:
            doc_id = s.scalar(select(TelegramMessageRow.document_id).where(
                TelegramMessageRow.chat_id == str(CHANNEL_ID), TelegramMessageRow.message_id == number))
            assert doc_id is not None
            return doc_id

        photo_post, missing_post, forwarded = post(4), post(9), post(11)
    page = clients["viewer"].get(f"/documents/{photo_post}").text
    assert "Мониторинг: январь" in page and "photos/photo_1@07-01-2022_18-40-00.jpg" in page
    assert 'href="/documents/' in page and "2022-01-07T18:40:00Z" in page
    page = clients["viewer"].get(f"/documents/{missing_post}").text
    assert "missing from the export" in page and "File not included" in page
    assert "Новости Казахстана" in clients["viewer"].get(f"/documents/{forwarded}").text
