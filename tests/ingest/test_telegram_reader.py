"""Reading Telegram Desktop exports written as Telegram Desktop writes them: text, dates, media, damage."""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import pytest
from tests.ingest.telegram_fixtures import (
    CHANNEL_ID,
    KK_1,
    NOT_INCLUDED,
    TOO_BIG,
    chat,
    message,
    tg_value,
    ts,
    write_sample_channel,
    write_sample_full,
)

from aqiqat.ingest.telegram_export import FolderExport, MediaError, ZipExport, is_export_zip, safe_relpath
from aqiqat.ingest.telegram_format import MessageError, TelegramMessage, read_message, service_metadata
from aqiqat.ingest.telegram_stream import BadChat, ChatStart, EscapeFixer, ExportBroken, RawMessage, iter_export


def messages_of(data: bytes) -> list[TelegramMessage]:
    return [read_message(i.chat, i.raw) for i in iter_export(io.BytesIO(data)) if isinstance(i, RawMessage)]


@pytest.fixture(scope="module")
def channel(tmp_path_factory: pytest.TempPathFactory) -> dict[int, TelegramMessage]:
    folder = write_sample_channel(tmp_path_factory.mktemp("tg") / "ChatExport")
    return {m.id: m for m in messages_of((folder / "result.json").read_bytes())}


def test_mixed_text_array_is_rebuilt_with_links_mentions_and_hashtags_as_entities(channel: dict) -> None:
    msg = channel[3]
    assert msg.text == (
        "Подробности: репортаж и #Талдыкорган. Сообщил @witness_kz\nСсылка: https://example.org/a?b=1 срочно"
    )
    kinds = {e["type"]: e for e in msg.entities}
    assert set(kinds) == {"text_link", "hashtag", "mention", "link", "bold"}
    assert kinds["text_link"]["href"] == "https://example.org/report/7"
    for e in msg.entities:  # every span points at its own characters of the text
        assert msg.text[e["start"]:e["end"]] == e["text"]
    assert msg.metadata()["entities"] == msg.entities


def test_the_date_is_the_instant_in_utc_not_the_exporters_local_time(channel: dict) -> None:
    msg = channel[5]  # 19:00 UTC on 7 January; the `date` string says 01:00 on the 8th (Almaty)
    assert msg.raw["date"] == "2022-01-08T01:00:00"
    assert msg.sent_at is not None and msg.sent_at.isoformat() == "2022-01-07T19:00:00"
    assert str(msg.published) == "2022-01-07"
    assert msg.metadata()["date"] == "2022-01-07T19:00:00Z"
    assert channel[12].edited_unixtime == ts(9, 15)
    assert channel[12].metadata()["edited"] == "2022-01-09T15:00:00Z"


def test_an_old_export_without_date_unixtime_falls_back_to_local_time_and_says_so() -> None:
    raw = message(1, ts(7), "Старый экспорт")
    del raw["date_unixtime"]
    msg = read_message(chat_of_sample(), raw)
    assert msg.date_is_local and msg.metadata()["date_is_local_time"] is True
    assert msg.sent_at is not None and msg.sent_at.hour == 18  # 12:00 UTC written as 18:00 local


def chat_of_sample():  # noqa: ANN201 - the Chat of the sample channel
    from aqiqat.ingest.telegram_format import Chat

    return Chat(str(CHANNEL_ID), "Мониторинг: январь", "public_channel")


def test_placeholders_are_missing_media_never_paths(channel: dict) -> None:
    video = channel[9].media
    assert [(m.role, m.path, m.missing, m.media_type) for m in video] == [("file", None, NOT_INCLUDED, "video_file")]
    photo = channel[10].media
    assert [(m.role, m.path, m.missing) for m in photo] == [("photo", None, TOO_BIG)]
    assert not any(m.stored for m in video + photo)
    named = read_message(chat_of_sample(), message(3, ts(1), "", file="clip.mp4 " + NOT_INCLUDED))
    assert named.media[0].path is None and named.media[0].missing


def test_media_kinds_and_thumbnails(channel: dict) -> None:
    assert [(m.role, m.path, m.stored) for m in channel[4].media] == [
        ("photo", "photos/photo_1@07-01-2022_18-40-00.jpg", True)
    ]
    video = channel[5].media
    assert [(m.role, m.stored) for m in video] == [("file", True), ("thumbnail", False)]
    assert channel[6].media[0].media_type == "voice_message"
    assert channel[7].media[0].media_type == "video_message"


def test_forwards_replies_places_and_signatures_are_kept(channel: dict) -> None:
    assert channel[11].metadata()["forwarded_from"] == "Новости Казахстана"
    assert channel[11].metadata()["reply_to_message_id"] == 2
    assert channel[12].metadata()["author"] == "Айгерим Т."
    place = channel[13].metadata()
    assert place["place_name"] == "Площадь Республики"
    assert place["location_information"] == {"latitude": 43.238949, "longitude": 76.945465}
    assert channel[14].metadata()["saved_from"] == "Архив свидетельств"
    assert channel[2].metadata()["from_id"] == "channel1500000001"


def test_service_messages_are_read_as_metadata(channel: dict) -> None:
    assert channel[1].type == "service" and channel[15].type == "service"
    meta = service_metadata(channel[15])
    assert meta["action"] == "pin_message" and meta["actor"] == "Монитор"
    assert meta["id"] == 15 and meta["message_id"] == 12  # the pinned message keeps its own key
    assert service_metadata(channel[1])["title"] == "Мониторинг: январь"


def test_control_characters_written_as_x_escapes_are_read(tmp_path: Path, channel: dict) -> None:
    data = (write_sample_channel(tmp_path / "e") / "result.json").read_bytes()
    assert b"\\x07" in data
    with pytest.raises(json.JSONDecodeError):
        json.loads(data)  # what Telegram Desktop writes is not quite JSON
    assert channel[16].text == "Строка с управляющим символом:\x07 и разделителем\u2028строк."


class Trickle(io.RawIOBase):
    """A stream that gives at most `step` bytes per read: escapes fall across chunk boundaries."""

    def __init__(self, data: bytes, step: int) -> None:
        self.data, self.pos, self.step = data, 0, step

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        out = self.data[self.pos:self.pos + min(self.step, size if size > 0 else self.step)]
        self.pos += len(out)
        return out


@pytest.mark.parametrize("step", [1, 2, 3, 7])
def test_escape_fixer_is_exact_whatever_the_chunk_boundaries(step: int) -> None:
    data = b'{"a": "x\\x07y\\\\x41 \\\\\\x1F \\"q\\" \\\\", "b": "\\u0416"}'
    fixer = EscapeFixer(Trickle(data, step))  # type: ignore[arg-type]
    out = b""
    while chunk := fixer.read(5):
        out += chunk
    assert json.loads(out) == {"a": 'x\x07y\\x41 \\\x1f "q" \\', "b": "Ж"}


def test_full_export_gives_every_chat_with_its_messages_and_ignores_the_rest(tmp_path: Path) -> None:
    folder = write_sample_full(tmp_path / "Telegram Desktop" / "DataExport_2022-01-12")
    items = list(iter_export((folder / "result.json").open("rb")))
    chats = [i.chat for i in items if isinstance(i, ChatStart)]
    assert [(c.id, c.name, c.type) for c in chats] == [
        ("1500000001", "Мониторинг: январь", "public_channel"),
        ("1700000002", "Семьи задержанных", "private_supergroup"),
        ("700000002", "Ерлан", "personal_chat"),
        ("1500000009", "Старый канал", "public_channel"),  # from left_chats
    ]
    per_chat = [sum(1 for i in items if isinstance(i, RawMessage) and i.chat == c) for c in chats]
    assert per_chat == [16, 3, 1, 1]


def test_truncated_json_gives_the_whole_messages_before_the_cut_then_one_line(tmp_path: Path) -> None:
    data = (write_sample_channel(tmp_path / "t") / "result.json").read_bytes()
    cut = data[: data.index(KK_1.encode()) + 10]  # inside message 5
    got: list[int] = []
    with pytest.raises(ExportBroken) as err:
        for item in iter_export(io.BytesIO(cut)):
            if isinstance(item, RawMessage):
                got.append(item.raw["id"])
    assert got == [1, 2, 3, 4]
    assert "breaks off" in str(err.value) and "\n" not in str(err.value)


def test_damaged_json_and_json_that_is_no_export_are_one_line_each() -> None:
    with pytest.raises(ExportBroken, match="damaged JSON|breaks off"):
        list(iter_export(io.BytesIO(b'{"name": "x", "id": 1, "messages": [{"id": 1,, }]}')))
    with pytest.raises(ExportBroken, match="not a Telegram Desktop export"):
        list(iter_export(io.BytesIO(b'[{"id": 1}]')))
    with pytest.raises(ExportBroken, match="not a Telegram Desktop export"):
        list(iter_export(io.BytesIO(b'{"about": "x", "contacts": {"list": []}}')))


def test_a_chat_without_an_id_is_reported_once_and_its_messages_skipped() -> None:
    root = {"chats": {"list": [{"name": "Без id", "type": "private_group", "messages": [message(1, ts(1), "a")]},
                               chat("Есть id", 42, [message(1, ts(1), "б")])]}}
    items = list(iter_export(io.BytesIO(tg_value(root, 0).encode())))
    assert [type(i).__name__ for i in items] == ["BadChat", "ChatStart", "RawMessage"]
    assert isinstance(items[0], BadChat) and "without an id" in items[0].problem


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("строка", "not a message object"),
        ({"type": "message", "text": "без id"}, "without a numeric id"),
        ({"id": 5, "date_unixtime": "вчера", "text": ""}, "date_unixtime is not a number"),
        ({"id": 5, "text": "нет даты"}, "no date"),
        ({"id": 5, "date_unixtime": "1641556800", "text": 17}, "neither a string nor an array"),
        ({"id": 5, "date_unixtime": "1641556800", "text": ["a", 3]}, "text part"),
        ({"id": 5, "date_unixtime": "1641556800", "text": "", "photo": 12}, "photo is not a path"),
    ],
)
def test_bad_messages_give_one_line(raw: object, problem: str) -> None:
    with pytest.raises(MessageError, match=problem) as err:
        read_message(chat_of_sample(), raw)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("path", ["../secret.jpg", "photos/../../secret.jpg", "/etc/passwd", "C:\\Windows\\x.jpg",
                                  "..\\..\\x.jpg", ""])
def test_media_paths_leading_out_of_the_export_are_refused(path: str) -> None:
    with pytest.raises(MediaError):
        safe_relpath(path)


def test_folder_export_refuses_a_link_out_and_reads_files_inside(tmp_path: Path) -> None:
    folder = write_sample_channel(tmp_path / "ex")
    (tmp_path / "secret.jpg").write_bytes(b"secret")
    os.symlink(tmp_path / "secret.jpg", folder / "photos" / "link.jpg")
    export = FolderExport(folder)
    with pytest.raises(MediaError, match="outside the export"):
        export.read_media("photos/link.jpg", 1000)
    with pytest.raises(MediaError, match="not in the export folder"):
        export.read_media("photos/absent.jpg", 1000)
    with pytest.raises(MediaError, match="exceeds"):
        export.read_media("files/spisok.pdf", 10)
    assert export.read_media("photos/photo_1@07-01-2022_18-40-00.jpg", 10**6)[:2] == b"\xff\xd8"


def test_zip_export_finds_result_json_in_its_folder_and_refuses_what_is_not_there(tmp_path: Path) -> None:
    folder = write_sample_channel(tmp_path / "ChatExport_2022-01-10")
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in folder.rglob("*"):
            if path.is_file():
                zf.write(path, "ChatExport_2022-01-10/" + path.relative_to(folder).as_posix())
        zf.writestr("secret.jpg", b"outside the export folder")
    assert is_export_zip(archive)
    export = ZipExport(archive, "export.zip")
    assert export.read_media("files/spisok.pdf", 10**6).startswith(b"%PDF")
    with pytest.raises(MediaError):
        export.read_media("../secret.jpg", 10**6)
    with pytest.raises(MediaError, match="not in the zip"):
        export.read_media("photos/absent.jpg", 10**6)
    with export.open_result() as stream:
        assert sum(1 for i in iter_export(stream) if isinstance(i, RawMessage)) == 16
    export.close()
    empty = tmp_path / "other.zip"
    with zipfile.ZipFile(empty, "w") as zf:
        zf.writestr("notes.txt", "no export here")
    assert not is_export_zip(empty)
    with pytest.raises(MediaError, match="no result.json"):
        ZipExport(empty, "other.zip")
