"""One Telegram Desktop export message (a dict from ``result.json``) read into a ``TelegramMessage``.

The format is the one Telegram Desktop's JSON writer produces: ``date`` is local time without an offset,
``date_unixtime`` (a string of seconds) is the instant; ``text`` is a string, or an array of strings and
``{type, text, href|user_id|language}`` objects; media are relative paths, or placeholders such as
"(File not included. Change data exporting settings to download.)" when the file was not downloaded.
Pure functions, no I/O: the stream reader gives dicts, the import use case stores what this returns.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from aqiqat.ingest.extracted import storable

# Keys that hold a file path (or a placeholder) and what each is as evidence.
MEDIA_KEYS = ("photo", "file", "thumbnail", "contact_vcard")
STORED_MEDIA_KEYS = ("photo", "file")  # thumbnails and vCards are derived or personal: kept as references
PLAIN_PARTS = frozenset({"plain"})
MAX_TEXT_PARTS = 100_000


class MessageError(ValueError):
    """A message that cannot be read; ``str()`` is the one-line reason."""


@dataclass(frozen=True, slots=True)
class Chat:
    id: str  # the bare id as a string (ids exceed 2**31; kept exact)
    name: str | None
    type: str | None

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "type": self.type}


@dataclass(frozen=True, slots=True)
class Media:
    role: str  # photo | file | thumbnail | contact_vcard
    path: str | None  # relative path inside the export, when the file was downloaded
    missing: str | None  # the placeholder text when it was not
    media_type: str | None  # Telegram's kind: video_file, voice_message, video_message, animation, sticker …
    mime_type: str | None

    @property
    def stored(self) -> bool:
        return self.role in STORED_MEDIA_KEYS and self.path is not None


@dataclass(slots=True)
class TelegramMessage:
    chat: Chat
    id: int
    type: str  # message | service | unsupported
    raw: dict[str, Any]
    sent_at: datetime | None = None  # UTC, from date_unixtime (naive local time from `date` if that is absent)
    date_is_local: bool = False
    edited_unixtime: int = 0
    text: str = ""
    entities: list[dict[str, Any]] = field(default_factory=list)
    media: list[Media] = field(default_factory=list)

    @property
    def published(self) -> date | None:
        return self.sent_at.date() if self.sent_at else None

    def canonical_bytes(self) -> bytes:
        """The message as stored evidence: its chat id and the message object exactly as exported, as
        canonical JSON (sorted keys, UTF-8): the same message gives the same bytes and SHA-256."""
        return canonical({"telegram_chat_id": self.chat.id, "message": self.raw})

    def metadata(self) -> dict[str, Any]:
        """What a post records beside its text (chat, author, dates, forwards, replies, place)."""
        raw = self.raw
        out: dict[str, Any] = {"chat": self.chat.as_dict(), "message_id": self.id}
        if self.sent_at:
            out["date"] = self.sent_at.isoformat() + ("" if self.date_is_local else "Z")
            out["date_is_local_time"] = self.date_is_local
        if self.edited_unixtime:
            out["edited"] = datetime.fromtimestamp(self.edited_unixtime, UTC).replace(tzinfo=None).isoformat() + "Z"
        for key in ("from", "from_id", "author", "forwarded_from", "saved_from", "reply_to_message_id",
                    "reply_to_peer_id", "via_bot", "place_name", "address", "location_information",
                    "live_location_period_seconds", "poll", "contact_information", "duration_seconds"):
            if raw.get(key) is not None:
                out[key] = _plain(raw[key])
        if self.entities:
            out["entities"] = self.entities
        return out


def canonical(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _plain(value: Any) -> Any:
    if isinstance(value, str):
        return storable(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def chat_of(obj: dict[str, Any]) -> Chat:
    if "id" not in obj:
        raise MessageError("the chat has no id")
    name = obj.get("name")
    kind = obj.get("type")
    return Chat(
        id=str(obj["id"]),
        name=storable(name) if isinstance(name, str) else None,
        type=kind if isinstance(kind, str) else None,
    )


def read_message(chat: Chat, raw: Any) -> TelegramMessage:
    """Read one exported message; MessageError (one line) when it is not one."""
    if not isinstance(raw, dict):
        raise MessageError(f"not a message object ({type(raw).__name__})")
    msg_id = raw.get("id")
    if isinstance(msg_id, bool) or not isinstance(msg_id, int):
        raise MessageError(f"message without a numeric id ({_short(msg_id)})")
    kind = raw.get("type", "message")
    if not isinstance(kind, str):
        raise MessageError("type is not a string")
    msg = TelegramMessage(chat=chat, id=msg_id, type=kind, raw=raw)
    if kind == "unsupported":
        return msg
    msg.sent_at, msg.date_is_local = _sent_at(raw, msg_id)
    msg.edited_unixtime = _unixtime(raw.get("edited_unixtime"), msg_id, "edited_unixtime") or 0
    source = raw.get("text", raw.get("text_entities", ""))
    msg.text, msg.entities = rebuild_text(source, msg_id)
    msg.media = media_of(raw)
    return msg


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _unixtime(value: Any, msg_id: int, key: str) -> int | None:
    if value is None:
        return None
    try:
        seconds = int(value)
    except (TypeError, ValueError):
        raise MessageError(f"{key} is not a number of seconds ({_short(value)})") from None
    if not 0 <= seconds < 253402300800:  # before year 10000
        raise MessageError(f"{key} is out of range ({seconds})")
    return seconds


def _sent_at(raw: dict[str, Any], msg_id: int) -> tuple[datetime, bool]:
    seconds = _unixtime(raw.get("date_unixtime"), msg_id, "date_unixtime")
    if seconds is not None:
        return datetime.fromtimestamp(seconds, UTC).replace(tzinfo=None), False
    text = raw.get("date")
    if isinstance(text, str):  # exports before date_unixtime existed: local time of the exporting computer
        try:
            return datetime.fromisoformat(text).replace(tzinfo=None), True
        except ValueError:
            pass
    raise MessageError("no date (neither date_unixtime nor an ISO date)")


def rebuild_text(source: Any, msg_id: int = 0) -> tuple[str, list[dict[str, Any]]]:
    """The message text and its entities (links, mentions, hashtags, formatting) as character spans."""
    if isinstance(source, str):
        return storable(source), []
    if not isinstance(source, list):
        raise MessageError("text is neither a string nor an array")
    if len(source) > MAX_TEXT_PARTS:
        raise MessageError(f"text has more than {MAX_TEXT_PARTS} parts")
    pieces: list[str] = []
    entities: list[dict[str, Any]] = []
    at = 0
    for part in source:
        if isinstance(part, str):
            piece = storable(part)
        elif isinstance(part, dict) and isinstance(part.get("text", ""), str):
            piece = storable(part.get("text", ""))
            kind = part.get("type")
            if isinstance(kind, str) and kind not in PLAIN_PARTS and piece:
                entity: dict[str, Any] = {"type": kind, "start": at, "end": at + len(piece), "text": piece}
                for extra in ("href", "user_id", "language", "document_id"):
                    if part.get(extra) is not None:
                        entity[extra] = _plain(part[extra])
                entities.append(entity)
        else:
            raise MessageError("a text part is neither a string nor a text object")
        pieces.append(piece)
        at += len(piece)
    return "".join(pieces), entities


def is_placeholder(value: str) -> bool:
    """Telegram's notes for files that were not downloaded: "(File not included. …)", "(File exceeds maximum
    size. …)", "(File unavailable, please try again later)", also after a name ("video.mp4 (File …)")."""
    text = value.strip()
    return text.endswith(")") and ("(File " in text or "(Photo " in text) and (
        "not included" in text or "exceeds maximum size" in text or "unavailable" in text
    )


def media_of(raw: dict[str, Any]) -> list[Media]:
    out: list[Media] = []
    media_type = raw.get("media_type") if isinstance(raw.get("media_type"), str) else None
    mime = raw.get("mime_type") if isinstance(raw.get("mime_type"), str) else None
    for key in MEDIA_KEYS:
        value = raw.get(key)
        if value is None:
            continue
        if not isinstance(value, str) or not value.strip():
            raise MessageError(f"{key} is not a path")
        if is_placeholder(value):
            out.append(Media(key, None, storable(value), media_type, mime))
        else:
            out.append(Media(key, value, None, media_type if key == "file" else None, mime if key == "file" else None))
    return out


def service_metadata(msg: TelegramMessage) -> dict[str, Any]:
    """A service message (joined, pinned, renamed, call …) as the metadata kept for it."""
    raw = msg.raw
    out: dict[str, Any] = {"id": msg.id, "type": msg.type}  # a pin keeps the pinned one as message_id
    if msg.sent_at:
        out["date"] = msg.sent_at.isoformat() + ("" if msg.date_is_local else "Z")
    for key, value in raw.items():
        if key not in ("id", "type", "date", "date_unixtime", "text_entities") and value not in ("", [], None):
            out[key] = _plain(value)
    return out
