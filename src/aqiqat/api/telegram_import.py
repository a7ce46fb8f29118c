"""Use case: import a Telegram Desktop export (its folder or a zip of it), streamed message by message.

Each message becomes a document of kind ``post`` (its media are stored as evidence and attached; files the
exporter left out are recorded as missing); service messages are kept as metadata. Messages are written in
batches, one transaction each; when a batch fails its messages are written one by one, so one bad message
gets one line of error and stops nothing. Importing a later export adds only the new messages; an edited
message becomes a new version beside the original. A restricted import is sealed like any restricted ingest.
"""

from __future__ import annotations

import hashlib
import zipfile
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from aqiqat.api.access import Principal
from aqiqat.api.register import Register
from aqiqat.api.sealing import KeyUnavailable
from aqiqat.api.telegram_files import read_media, remove_orphans, store_files
from aqiqat.api.telegram_rows import Prepared, chat_source, known_versions, write_batch
from aqiqat.domain.enums import Confidentiality
from aqiqat.ingest.errors import IngestError
from aqiqat.ingest.telegram_export import (
    ExportSource,
    MediaError,
    ZipExport,
    is_export_folder,
    is_export_zip,
    open_export,
)
from aqiqat.ingest.telegram_format import Chat, MessageError, TelegramMessage, read_message
from aqiqat.ingest.telegram_stream import BadChat, ChatStart, ExportBroken, RawMessage, iter_export

BATCH = 200
HELD_BYTES = 64 * 1024 * 1024  # media bytes read and not yet stored, at most (then they are stored)


@dataclass(frozen=True, slots=True)
class TelegramOptions:
    confidentiality: Confidentiality = Confidentiality.INTERNAL
    language: str | None = None  # detected per post when not given


@dataclass(slots=True)
class TelegramReport:
    export: str
    chats: int = 0
    posts: int = 0  # new posts (new versions included)
    versions: int = 0  # of which: edited messages kept beside their earlier version
    services: int = 0
    unchanged: int = 0  # messages already imported, as they are
    media_stored: int = 0  # new media documents
    media_missing: int = 0  # placeholders of files the exporter left out
    failed: list[str] = field(default_factory=list)
    with_text: array[int] = field(default_factory=lambda: array("q"))  # new documents to extract

    def summary(self) -> str:
        return (
            f"{self.export}: {self.chats} chats, {self.posts} new posts ({self.versions} edited versions), "
            f"{self.services} service messages, {self.unchanged} already imported, {self.media_stored} media files "
            f"stored, {self.media_missing} missing from the export, {len(self.failed)} failed"
        )


def is_export(path: Path) -> bool:
    """A Telegram Desktop export: a folder holding result.json, or a zip file with one inside."""
    return is_export_folder(path) or is_export_zip(path)


def is_export_zip_bytes(data: bytes) -> bool:
    """An uploaded file that is a zipped Telegram Desktop export."""
    import io

    if not data.startswith(b"PK"):
        return False
    try:
        ZipExport(io.BytesIO(data), "upload").close()
    except MediaError:
        return False
    return True


def import_path(reg: Register, principal: Principal, path: Path, options: TelegramOptions = TelegramOptions(),
                progress: Callable[[int], None] | None = None) -> TelegramReport:
    """Import the export in the folder `path` (holding result.json) or in the zip file `path`."""
    try:
        source = open_export(Path(path))
    except MediaError as exc:
        report = TelegramReport(str(path))
        report.failed.append(str(exc))
        return report
    try:
        return import_export(reg, principal, source, options, progress)
    finally:
        source.close()


def import_zip_bytes(reg: Register, principal: Principal, data: bytes, name: str,
                     options: TelegramOptions = TelegramOptions()) -> TelegramReport:
    """Import a zipped export (the workbench's upload)."""
    import io

    try:
        source = ZipExport(io.BytesIO(data), name)
    except MediaError as exc:
        report = TelegramReport(name)
        report.failed.append(str(exc))
        return report
    try:
        return import_export(reg, principal, source, options)
    finally:
        source.close()


class _Importer:
    def __init__(self, reg: Register, principal: Principal, source: ExportSource, options: TelegramOptions,
                 report: TelegramReport) -> None:
        self.reg, self.principal, self.source, self.options, self.report = reg, principal, source, options, report
        self.sealed = options.confidentiality == Confidentiality.RESTRICTED
        self.chat: Chat | None = None
        self.source_id = 0
        self.batch: list[TelegramMessage] = []

    def fail(self, line: str) -> None:
        self.report.failed.append(f"{self.source.name}: {line}")

    def where(self, msg_id: object) -> str:
        chat = self.chat
        name = " ".join((chat.name or "").split()) if chat else ""
        return f"chat {name} ({chat.id}), message {msg_id}" if chat else f"message {msg_id}"

    def start_chat(self, chat: Chat) -> None:
        self.flush()
        self.chat = chat
        self.report.chats += 1
        with self.reg.unit(self.principal) as unit:
            self.source_id = chat_source(unit, chat, self.options.confidentiality)

    def flush(self) -> None:
        batch, self.batch = self.batch, []
        if not batch or self.chat is None:
            return
        written: list[str] = []
        try:
            ready = self.prepare(batch, written)
        except OSError as exc:  # the file store cannot take them (disk full, permissions): none of the batch
            self.fail(f"{self.where(batch[0].id)} and the {len(batch) - 1} after it: not imported, the files "
                      f"cannot be stored ({exc.strerror or exc})")
            remove_orphans(self.reg, self.sealed, written)
            return
        try:
            self.write(ready)
        except Exception:  # noqa: BLE001 - one bad message must not sink the batch: retry one by one
            for p in ready:
                try:
                    self.write([p])
                except Exception as exc:  # noqa: BLE001
                    self.fail(f"{self.where(p.msg.id)}: not imported ({_one(exc)})")
        remove_orphans(self.reg, self.sealed, written)

    def prepare(self, batch: list[TelegramMessage], written: list[str]) -> list[Prepared]:
        """The batch's new messages with their media read; their files stored (and named in `written`) as
        they go whenever more than HELD_BYTES are held, so memory stays bounded whatever the media."""
        assert self.chat is not None
        with self.reg.reading() as s:
            known = known_versions(s, self.chat.id, sorted({m.id for m in batch}))
        ready: list[Prepared] = []
        held: list[Prepared] = []
        held_bytes = 0
        seen: set[tuple[int, int]] = set()
        for msg in batch:
            versions = known.get(msg.id, {})
            if msg.edited_unixtime in versions or (msg.id, msg.edited_unixtime) in seen:
                self.report.unchanged += 1
                continue
            seen.add((msg.id, msg.edited_unixtime))
            p = Prepared(msg)
            if versions:  # an edit of a message imported before: the latest earlier version
                p.previous_document_id = versions[max(versions)]
            if msg.type == "message":
                data = msg.canonical_bytes()
                p.sha256, p.size = hashlib.sha256(data).hexdigest(), len(data)
                try:
                    p.media = [read_media(self.reg, self.source, m) for m in msg.media if m.stored or m.missing]
                except (MediaError, IngestError) as exc:
                    self.fail(f"{self.where(msg.id)}: {exc}; the message is not imported")
                    continue
                p.data = data
                held.append(p)
                held_bytes += p.size + sum(len(mf.data or b"") for mf in p.media)
                if held_bytes > HELD_BYTES:
                    written += store_files(self.reg, self.sealed, held)
                    held, held_bytes = [], 0
            ready.append(p)
        written += store_files(self.reg, self.sealed, held)
        return ready

    def write(self, ready: list[Prepared]) -> None:
        opts = self.options
        seal = self.reg.keys.require().seal_json if self.sealed else None
        with self.reg.unit(self.principal) as unit:
            written = write_batch(unit, ready, self.source_id, opts.confidentiality, self.sealed, opts.language,
                                  (lambda v: seal(v, "telegram_message")) if seal else None)
        report = self.report
        report.posts += sum(1 for p in ready if p.msg.type == "message")
        report.versions += sum(1 for p in ready if p.msg.type == "message" and p.previous_document_id is not None)
        report.services += sum(1 for p in ready if p.msg.type != "message")
        report.media_stored += written.media
        report.media_missing += sum(1 for p in ready for mf in p.media if mf.media.missing)
        report.with_text.extend(written.with_text)

def import_export(reg: Register, principal: Principal, source: ExportSource,
                  options: TelegramOptions = TelegramOptions(),
                  progress: Callable[[int], None] | None = None) -> TelegramReport:
    report = TelegramReport(source.name)
    imp = _Importer(reg, principal, source, options, report)
    if imp.sealed:
        try:
            reg.keys.require()
        except KeyUnavailable as exc:
            imp.fail(str(exc))
            return report
    done = 0
    try:
        with source.open_result() as stream:
            for item in iter_export(stream):
                if isinstance(item, ChatStart):
                    imp.start_chat(item.chat)
                elif isinstance(item, BadChat):
                    imp.flush()
                    imp.chat = None
                    imp.fail(f"result.json: {item.problem}")
                elif isinstance(item, RawMessage):
                    done += 1
                    try:
                        imp.batch.append(read_message(item.chat, item.raw))
                    except MessageError as exc:
                        imp.fail(f"{imp.where(_ref(item))}: {exc}")
                    if len(imp.batch) >= BATCH:
                        imp.flush()
                    if progress and done % 1000 == 0:
                        progress(done)
    except ExportBroken as exc:
        imp.flush()  # the messages read whole before the break are kept; the cut one is not
        imp.fail(f"result.json: {exc}; {report.posts + report.services + report.unchanged} messages before it read")
    except (OSError, EOFError, zipfile.BadZipFile) as exc:
        imp.fail(f"result.json: cannot read ({getattr(exc, 'strerror', None) or _one(exc)})")
    imp.flush()
    if progress:
        progress(done)
    return report


def _ref(item: RawMessage) -> str:
    """How to name a message that could not be read: its id when it has one, else its place in the chat."""
    raw = item.raw
    if isinstance(raw, dict) and isinstance(raw.get("id"), int):
        return str(raw["id"])
    return f"number {item.index} in the chat"


def _one(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 160 else text[:159] + "…"
