"""Streaming a Telegram Desktop export's ``result.json``: one message at a time, in bounded memory (ijson).

A single-chat export is ``{name, type, id, messages: [...]}``; a full export holds its chats under
``chats.list`` (and ``left_chats.list``). The writer puts a chat's ``name``, ``type`` and ``id`` before its
``messages``, so each message is given with its chat. Telegram Desktop writes control characters inside
strings as ``\\xHH``, which JSON does not allow: ``EscapeFixer`` rewrites them as ``\\u00HH`` on the fly.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

import ijson
from ijson.common import ObjectBuilder

from aqiqat.ingest.telegram_format import Chat, MessageError, chat_of

CHUNK = 256 * 1024
CHAT_PREFIXES = ("", "chats.list.item", "left_chats.list.item")
_MESSAGE_PREFIXES = {("messages.item" if p == "" else p + ".messages.item"): p for p in CHAT_PREFIXES}
_HEADER_KEYS = ("name", "type", "id")
_ESCAPE = re.compile(rb"\\(\\|x)")


class ExportBroken(Exception):
    """``result.json`` is not (or no longer) readable JSON; ``str()`` is one line."""


class EscapeFixer:
    """A binary stream that turns Telegram Desktop's ``\\xHH`` string escapes into JSON's ``\\u00HH``."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.carry = b""
        self.consumed = 0  # bytes read from the file so far (for error messages)

    def read(self, size: int = -1) -> bytes:
        if size == 0:  # ijson asks for nothing first, to learn whether the stream gives bytes or text
            return b""
        data = self.raw.read(CHUNK if size is None or size < 0 else max(size, 16))
        self.consumed += len(data)
        if not data:
            out, self.carry = self.carry, b""
            return out
        data = self.carry + data
        stripped = data.rstrip(b"\\")
        trailing = len(data) - len(stripped)  # an escape may be cut by the chunk's end: keep it for later
        self.carry = data[len(stripped):] if trailing else b""
        if b"\\x" in stripped:
            stripped = _ESCAPE.sub(_fix, stripped)
        if not stripped and self.carry:
            return self.read(size)
        return stripped


def _fix(match: re.Match[bytes]) -> bytes:
    return b"\\\\" if match.group(1) == b"\\" else b"\\u00"


@dataclass(frozen=True, slots=True)
class ChatStart:
    chat: Chat


@dataclass(frozen=True, slots=True)
class RawMessage:
    chat: Chat
    index: int  # position in the chat, from 1
    raw: Any


@dataclass(frozen=True, slots=True)
class BadChat:
    problem: str


Item = ChatStart | RawMessage | BadChat


def iter_export(stream: IO[bytes]) -> Iterator[Item]:
    """Chats and their messages in file order; raises ExportBroken when the JSON breaks off or is damaged
    (everything before that point has been given)."""
    fixer = EscapeFixer(stream)
    headers: dict[str, dict[str, Any]] = {}
    chat: Chat | None = None
    index = 0
    seen_chat = False
    events = ijson.parse(fixer, use_float=True, buf_size=CHUNK)
    try:
        for prefix, event, value in events:
            if prefix in _MESSAGE_PREFIXES and event in ("start_map", "start_array", "string", "number", "boolean",
                                                          "null"):
                raw = _build(events, event) if event in ("start_map", "start_array") else value
                if chat is None:  # its chat was reported once as a BadChat
                    continue
                index += 1
                yield RawMessage(chat, index, raw)
            elif event == "start_map" and prefix in CHAT_PREFIXES:
                headers[prefix] = {}
                chat, index = None, 0
            elif event == "start_array" and (prefix == "messages" or prefix.endswith(".messages")):
                base = prefix.removesuffix("messages").removesuffix(".")
                if base not in CHAT_PREFIXES:
                    continue
                seen_chat = True
                header = headers.get(base, {})
                try:
                    chat = chat_of(header)
                except MessageError as exc:
                    yield BadChat(f"a chat without an id ({header.get('name')!r}): {exc}; its messages are skipped")
                    chat = None
                    continue
                yield ChatStart(chat)
            elif event in ("string", "number"):
                head, _, key = prefix.rpartition(".")
                if key in _HEADER_KEYS and head in headers:
                    headers[head][key] = value
    except ijson.common.IncompleteJSONError as exc:
        raise ExportBroken(
            f"the JSON breaks off near byte {fixer.consumed:,} (a truncated export?): {_one(exc)}"
        ) from None
    except ijson.common.JSONError as exc:
        raise ExportBroken(f"damaged JSON near byte {fixer.consumed:,}: {_one(exc)}") from None
    if not seen_chat:
        raise ExportBroken("not a Telegram Desktop export: no chat with messages (neither `messages` nor `chats.list`)")


def _build(events: Iterator[tuple[str, str, Any]], start: str) -> Any:
    """The object (or array) whose start event was just read, built from the events that follow."""
    builder = ObjectBuilder()
    builder.event(start, None)
    depth = 1
    for _prefix, event, value in events:
        builder.event(event, value)
        if event in ("start_map", "start_array"):
            depth += 1
        elif event in ("end_map", "end_array"):
            depth -= 1
            if depth == 0:
                break
    return builder.value


def _one(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 160 else text[:159] + "…"
