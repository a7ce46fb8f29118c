"""Telegram Desktop JSON exports written the way Telegram Desktop writes them (texts and media are ours).

The serialiser follows the export writer's rules: keys in the writer's order, empty values left out,
non-ASCII as raw UTF-8, control characters as ``\\xHH`` (not valid JSON), U+2028/U+2029 as ``\\u2028``,
``text`` as a plain string when it has one plain part, else an array of strings and entity objects, and
``text_entities`` always an array. ``date`` is local time without an offset, ``date_unixtime`` a string.
"""

from __future__ import annotations

import io
import json
import struct
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tests.ingest.ingest_samples import make_mp4, make_pdf

NOT_INCLUDED = "(File not included. Change data exporting settings to download.)"
TOO_BIG = "(File exceeds maximum size. Change data exporting settings to download.)"
LOCAL = timedelta(hours=6)  # the exporting computer's clock: Almaty, UTC+6 (the export does not say so)

RU_1 = "Вечером 7 января в Талдыкоргане военные открыли огонь по автомобилю. Двое мужчин погибли на месте."
RU_2 = "Вчера родственники задержанных собрались у здания ДВД Алматы. Им не сообщают, где находятся их близкие."
KK_1 = "Алматы қаласында 5 қаңтарда атыс болды. Куәгерлер бейбіт тұрғындардың қаза тапқанын айтады."
KK_2 = "Біз үйде отырдық, кенет көшеде атыс басталды. Ағам терезеге қарады, сол кезде оқ тиді."


def ts(day: int, hour: int = 12, minute: int = 0) -> int:
    """Seconds since the epoch for January 2022, UTC."""
    return int(datetime(2022, 1, day, hour, minute, tzinfo=UTC).timestamp())


def jpeg(seed: int) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (16, 12), (seed * 37 % 256, seed * 91 % 256, 90)).save(out, "JPEG")
    return out.getvalue()


def ogg_voice() -> bytes:
    return b"OggS\x00\x02" + bytes(20) + b"OpusHead" + struct.pack("<BBHI", 1, 1, 312, 48000) + bytes(32)


# -- the writer's serialisation ---------------------------------------------------------------------


def tg_string(value: str) -> str:
    out = ['"']
    for ch in value:
        if ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ord(ch) < 32:
            out.append(f"\\x{ord(ch):02X}")
        elif ch in "\u2028\u2029":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def tg_value(value: Any, indent: int) -> str:
    pad, inner = " " * indent, " " * (indent + 1)
    if isinstance(value, str):
        return tg_string(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, int | float):
        return json.dumps(value)
    if isinstance(value, dict):
        items = [f"{inner}{tg_string(k)}: {tg_value(v, indent + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        return "[\n" + ",\n".join(inner + tg_value(v, indent + 1) for v in value) + "\n" + pad + "]"
    raise TypeError(type(value))


def text_fields(parts: str | list[Any]) -> dict[str, Any]:
    """``text`` and ``text_entities`` as the writer makes them from a list of parts."""
    if isinstance(parts, str):
        parts = [parts] if parts else []
    objects = [{"type": "plain", "text": p} if isinstance(p, str) else p for p in parts]
    if len(parts) == 1 and isinstance(parts[0], str):
        text: Any = parts[0]
    elif not parts:
        text = ""
    else:
        text = parts
    return {"text": text, "text_entities": objects}


def message(
    msg_id: int,
    unixtime: int,
    parts: str | list[Any] = "",
    *,
    edited: int | None = None,
    sender: str | None = "Монитор",
    sender_id: str | None = "channel1500000001",
    **fields: Any,
) -> dict[str, Any]:
    """A message with the writer's key order: id, type, date, date_unixtime, edited…, from, from_id, rest, text."""
    local = datetime.fromtimestamp(unixtime, UTC).replace(tzinfo=None) + LOCAL
    out: dict[str, Any] = {"id": msg_id, "type": "message", "date": local.isoformat(), "date_unixtime": str(unixtime)}
    if edited:
        out["edited"] = (datetime.fromtimestamp(edited, UTC).replace(tzinfo=None) + LOCAL).isoformat()
        out["edited_unixtime"] = str(edited)
    if sender_id:
        out["from"] = sender
        out["from_id"] = sender_id
    out.update(fields)
    out.update(text_fields(parts))
    return out


def service(msg_id: int, unixtime: int, action: str, actor: str = "Монитор", **fields: Any) -> dict[str, Any]:
    local = datetime.fromtimestamp(unixtime, UTC).replace(tzinfo=None) + LOCAL
    out: dict[str, Any] = {"id": msg_id, "type": "service", "date": local.isoformat(), "date_unixtime": str(unixtime),
                           "actor": actor, "actor_id": "channel1500000001", "action": action}
    out.update(fields)
    out.update(text_fields(""))
    return out


def chat(name: str, chat_id: int, messages: list[dict[str, Any]], kind: str = "public_channel") -> dict[str, Any]:
    return {"name": name, "type": kind, "id": chat_id, "messages": messages}


def write_export(folder: Path, root: dict[str, Any], media: dict[str, bytes] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "result.json").write_bytes(tg_value(root, 0).encode("utf-8"))
    for rel, data in (media or {}).items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return folder


def full_export(chats: list[dict[str, Any]], left: Iterable[dict[str, Any]] = ()) -> dict[str, Any]:
    root: dict[str, Any] = {
        "about": "Here is the data you requested. Remember: Telegram is ad free, it doesn't sell your data.",
        "personal_information": {"user_id": 5000001, "first_name": "Айгерим", "last_name": "",
                                 "phone_number": "+7 701 000 0000", "bio": ""},
        "contacts": {"about": "This is your contact list.", "list": []},
        "chats": {"about": "This page lists all chats from this export.", "list": chats},
    }
    left = list(left)
    if left:
        root["left_chats"] = {"about": "Chats you left.", "list": left}
    return root


# -- the sample channel ---------------------------------------------------------------------------------

CHANNEL_ID = 1500000001


def sample_messages() -> tuple[list[dict[str, Any]], dict[str, bytes]]:
    """A monitoring channel: Russian and Kazakh posts, mixed text arrays, media, placeholders, services."""
    media = {
        "photos/photo_1@07-01-2022_18-40-00.jpg": jpeg(1),
        "video_files/taldykorgan.mp4": make_mp4(seconds=9),
        "voice_messages/audio_1@08-01-2022_10-00-00.ogg": ogg_voice(),
        "round_video_messages/file_0@08-01-2022_11-00-00.mp4": make_mp4(b"mp42", seconds=5),
        "files/spisok.pdf": make_pdf(["Список задержанных: Ахметов Ерлан, Касымова Динара."]),
    }
    msgs = [
        service(1, ts(4, 9), "create_channel", title="Мониторинг: январь"),
        message(2, ts(7, 13, 5), RU_1),
        message(3, ts(7, 14), [
            "Подробности: ", {"type": "text_link", "text": "репортаж", "href": "https://example.org/report/7"},
            " и ", {"type": "hashtag", "text": "#Талдыкорган"},
            ". Сообщил ", {"type": "mention", "text": "@witness_kz"},
            "\nСсылка: ", {"type": "link", "text": "https://example.org/a?b=1"}, {"type": "bold", "text": " срочно"},
        ]),
        message(4, ts(7, 18, 40), "Фото с места, 7 января.", photo="photos/photo_1@07-01-2022_18-40-00.jpg",
                width=16, height=12),
        message(5, ts(7, 19), KK_1, file="video_files/taldykorgan.mp4",
                thumbnail="video_files/taldykorgan.mp4_thumb.jpg", media_type="video_file", mime_type="video/mp4",
                duration_seconds=9, width=16, height=12),
        message(6, ts(8, 4), "", file="voice_messages/audio_1@08-01-2022_10-00-00.ogg",
                media_type="voice_message", mime_type="audio/ogg", duration_seconds=4),
        message(7, ts(8, 5), "", file="round_video_messages/file_0@08-01-2022_11-00-00.mp4",
                media_type="video_message", mime_type="video/mp4", duration_seconds=5),
        message(8, ts(8, 6), "Список задержанных (PDF)", file="files/spisok.pdf", mime_type="application/pdf"),
        message(9, ts(8, 7), "Видео из Алматы, файл не скачан.", file=NOT_INCLUDED, media_type="video_file",
                mime_type="video/mp4", duration_seconds=120),
        message(10, ts(8, 8), "Слишком большое фото.", photo=TOO_BIG),
        message(11, ts(9, 10), RU_2, forwarded_from="Новости Казахстана", reply_to_message_id=2),
        message(12, ts(9, 11), KK_2, edited=ts(9, 15), author="Айгерим Т."),
        message(13, ts(9, 12), "Место сбора", place_name="Площадь Республики", address="Алматы",
                location_information={"latitude": 43.238949, "longitude": 76.945465}),
        message(14, ts(9, 13), "Сохранено из другого канала.", saved_from="Архив свидетельств"),
        service(15, ts(9, 14), "pin_message", message_id=12),
        message(16, ts(9, 16), "Строка с управляющим символом:\x07 и разделителем\u2028строк."),
    ]
    return msgs, media


def write_sample_channel(folder: Path, messages: list[dict[str, Any]] | None = None) -> Path:
    msgs, media = sample_messages()
    return write_export(folder, chat("Мониторинг: январь", CHANNEL_ID, messages or msgs), media)


def write_sample_full(folder: Path) -> Path:
    msgs, media = sample_messages()
    group = chat("Семьи задержанных", 1700000002, [
        message(1, ts(10, 8), "Кто-нибудь знает, где мой брат? Его забрали 6 января.", sender="Динара",
                sender_id="user700000001"),
        service(2, ts(10, 9), "invite_members", members=["Ерлан"]),
        message(3, ts(10, 9, 30), KK_2, sender="Ерлан", sender_id="user700000002"),
    ], kind="private_supergroup")
    personal = chat("Ерлан", 700000002, [message(1, ts(11, 8), "Сәлем, хабарласыңыз.", sender="Ерлан",
                                                 sender_id="user700000002")], kind="personal_chat")
    left = chat("Старый канал", 1500000009, [message(1, ts(2, 8), "Архивное сообщение до событий.")])
    root = full_export([chat("Мониторинг: январь", CHANNEL_ID, msgs), group, personal], left=[left])
    return write_export(folder, root, media)


def write_big_channel(path: Path, count: int, chat_id: int = 1500000077) -> int:
    """A single-chat result.json of `count` text messages written as a stream (for the benchmark)."""
    texts = [RU_1, RU_2, KK_1, KK_2]
    with path.open("w", encoding="utf-8") as out:
        out.write(f'{{\n "name": "Большой канал",\n "type": "public_channel",\n "id": {chat_id},\n "messages": [')
        for i in range(1, count + 1):
            parts: Any = texts[i % 4] if i % 3 else [texts[i % 4], {"type": "hashtag", "text": f"#n{i}"}]
            body = tg_value(message(i, ts(1) + i * 30, parts), 2)
            out.write(("\n  " if i == 1 else ",\n  ") + body)
        out.write("\n ]\n}")
    return path.stat().st_size
