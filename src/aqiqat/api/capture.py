"""Use case: capture a web page as evidence (`aqiqat capture URL…`), with a trusted timestamp when configured.

The page is loaded in headless Chromium; what it loaded is written as WARC and packaged as WACZ, which is the
document's file (kind ``webpage``) under its SHA-256. The main text (trafilatura) is the document's text; the
full-page screenshot is a photo document attached to it. Recorded with the capture: the time in UTC, the
requested and final URL, the HTTP status and headers, the TLS certificate's fingerprint for https, and the
tools' versions. An RFC 3161 token over the WACZ's SHA-256 is asked of the configured TSA; with none
configured the capture says so. A page that cannot be captured gets one line of error and nothing is stored.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select

from aqiqat.api.access import Principal
from aqiqat.api.ingest import IngestOptions, source_row_id
from aqiqat.api.register import Register, row_dict
from aqiqat.api.sealing import KeyUnavailable
from aqiqat.api.search import index_row
from aqiqat.api.telegram_rows import new_document
from aqiqat.capture.address_guard import refused_address
from aqiqat.capture.browser import PageCapture, capture_page
from aqiqat.capture.errors import CaptureError
from aqiqat.capture.timestamp import request_timestamp, verify_timestamp
from aqiqat.capture.tls import certificate
from aqiqat.capture.video import Video, fetch_videos, yt_dlp_version
from aqiqat.capture.warc import package_wacz, tool_versions, write_warc
from aqiqat.domain.enums import AuditAction, Confidentiality, DocumentKind, SourceKind
from aqiqat.ingest.errors import IngestError
from aqiqat.ingest.readers import ReadResult, read_bytes
from aqiqat.store.tables import DocumentRow

WACZ_TYPE = "application/wacz"
NO_TEXT = frozenset({"text"})


@dataclass(frozen=True, slots=True)
class CaptureOptions:
    confidentiality: Confidentiality = Confidentiality.INTERNAL
    source: str | None = None
    timeout: float = 30.0
    videos: bool = True  # fetch the page's videos with yt-dlp
    # asked for from the workbench: refuse private, loopback and reserved addresses (unless
    # AQIQAT_CAPTURE_PRIVATE), and fetch no videos (yt-dlp's own requests cannot be checked)
    guarded: bool = False


@dataclass(slots=True)
class CaptureOutcome:
    url: str
    status: str  # captured | failed
    message: str = ""
    document_id: int | None = None
    sha256: str | None = None
    timestamp: str = "none"  # verified | granted | failed | none
    warnings: list[str] = field(default_factory=list)


def capture_urls(reg: Register, principal: Principal, urls: list[str],
                 options: CaptureOptions = CaptureOptions()) -> list[CaptureOutcome]:
    return [capture_url(reg, principal, url, options) for url in urls]


def capture_url(reg: Register, principal: Principal, url: str,
                options: CaptureOptions = CaptureOptions()) -> CaptureOutcome:
    try:
        guard = options.guarded and not reg.settings.capture_private
        page = capture_page(url, options.timeout, reg.settings.max_file_bytes,
                            refuse=refused_address if guard else None)
        software = tool_versions(page)
        wacz = package_wacz(write_warc(page, software), page)
    except CaptureError as exc:
        return CaptureOutcome(url, "failed", str(exc))
    outcome = CaptureOutcome(url, "captured")
    stamp = _timestamp(reg, wacz, outcome)
    videos: list[Video] = []
    if options.videos and not options.guarded:
        videos, problem = fetch_videos(page.final_url, options.timeout, reg.settings.max_file_bytes)
        software["yt-dlp"] = yt_dlp_version()
        if problem:
            outcome.warnings.append(f"{url}: {problem}")
    meta = _capture_meta(page, software, stamp)
    meta["tls"] = certificate(page.final_url)
    main = page.main
    text_result = _main_text(main.body if main else None, page)
    try:
        return _store(reg, principal, page, wacz, text_result, meta, options, outcome, videos)
    except (KeyUnavailable, IngestError) as exc:
        return CaptureOutcome(url, "failed", f"{url}: {exc}")
    except OSError as exc:
        return CaptureOutcome(url, "failed", f"{url}: cannot store the capture ({exc.strerror or exc})")


def _timestamp(reg: Register, wacz: bytes, outcome: CaptureOutcome) -> dict[str, Any]:
    settings = reg.settings
    if not settings.tsa_url:
        return {"status": "none", "note": "no timestamp authority configured (AQIQAT_TSA_URL)"}
    try:
        ts = request_timestamp(settings.tsa_url, wacz)
        out: dict[str, Any] = {"status": "granted", "tsa_url": settings.tsa_url, "time": ts.time.isoformat() + "Z",
                               "tsa": ts.tsa, "serial": ts.serial, "hash": "sha256",
                               "token": base64.b64encode(ts.token).decode("ascii")}
        if settings.tsa_roots:
            verify_timestamp(ts.token, wacz, settings.tsa_roots)
            out["status"] = "verified"
    except CaptureError as exc:
        outcome.warnings.append(f"{outcome.url}: {exc}")
        out = {"status": "failed", "tsa_url": settings.tsa_url, "error": str(exc)}
    outcome.timestamp = out["status"]
    return out


def _capture_meta(page: PageCapture, software: dict[str, str], stamp: dict[str, Any]) -> dict[str, Any]:
    main = page.main
    return {
        "captured_at": page.started_at.isoformat() + "Z",
        "finished_at": page.finished_at.isoformat() + "Z",
        "requested_url": page.requested_url,
        "final_url": page.final_url,
        "http_status": page.status,
        "headers": [[k, v] for k, v in page.headers],
        "main_sha256": hashlib.sha256(main.body).hexdigest() if main and main.body is not None else None,
        "resources": len(page.exchanges),
        "security": page.security,
        "tools": software,
        "timestamp": stamp,
    }


def _main_text(body: bytes | None, page: PageCapture) -> ReadResult | None:
    if not body:
        return None
    try:
        return read_bytes(body, "page.html")
    except IngestError:
        return None


def _store(reg: Register, principal: Principal, page: PageCapture, wacz: bytes, text: ReadResult | None,
           meta: dict[str, Any], options: CaptureOptions, outcome: CaptureOutcome,
           videos: list[Video]) -> CaptureOutcome:
    sealed = options.confidentiality == Confidentiality.RESTRICTED
    ring = reg.keys.require() if sealed else None
    store: Any = reg.sealed_files if sealed else reg.files
    written: list[str] = []
    try:
        shot = read_bytes(page.screenshot, "screenshot.png")
        clips = [(v, read_bytes(v.data, v.name)) for v in videos]
        for data in (wacz, page.screenshot, *(v.data for v in videos)):
            sha, new = store.put(data, ring) if sealed else store.put(data)
            if new:
                written.append(sha)
        with reg.unit(principal) as unit:
            s = unit.session
            # named in a restricted capture, the source is sealed with it, as a restricted ingest's is
            source_id = source_row_id(s, IngestOptions(source=options.source, source_kind=SourceKind.MEDIA,
                                                       confidentiality=options.confidentiality),
                                      unit) if options.source else None
            shot_id = s.scalar(select(DocumentRow.id).where(DocumentRow.sha256 == shot.sha256))
            if shot_id is None:
                row = new_document(shot.sha256, shot.media_type, shot.size, DocumentKind.PHOTO,
                                   f"Screenshot: {page.title or page.final_url}"[:500], None, None, None, None,
                                   {**shot.metadata, "screenshot_of": page.final_url}, "screenshot.png",
                                   options.confidentiality, source_id, sealed)
                row.url = page.final_url
                s.add(row)
                s.flush()
                unit.audit(AuditAction.INGEST, "document", row.id, None, row_dict(row, NO_TEXT))
                shot_id = row.id
            meta["screenshot"] = {"document_id": shot_id, "sha256": shot.sha256}
            meta["videos"] = [_video_document(unit, v, r, page, options, source_id, sealed) for v, r in clips]
            published = text.published_at if text else None
            doc = new_document(
                hashlib.sha256(wacz).hexdigest(), WACZ_TYPE, len(wacz), DocumentKind.WEBPAGE,
                (page.title or (text.title if text else "") or page.final_url)[:500], text.text if text else None,
                text.language if text else None, text.author if text else None,
                datetime(published.year, published.month, published.day) if published else None,
                {"capture": meta}, "capture.wacz", options.confidentiality, source_id, sealed,
            )
            doc.url = page.requested_url
            doc.retrieved_at = page.started_at
            s.add(doc)
            s.flush()
            index_row(s, doc)
            unit.audit(AuditAction.INGEST, "document", doc.id, None, row_dict(doc, NO_TEXT))
            outcome.document_id, outcome.sha256 = doc.id, doc.sha256
            return outcome
    except BaseException:
        for sha in written:
            store.remove(sha)
        raise


def _video_document(unit: Any, video: Video, result: ReadResult, page: PageCapture, options: CaptureOptions,
                    source_id: int | None, sealed: bool) -> dict[str, Any]:
    s = unit.session
    doc_id = s.scalar(select(DocumentRow.id).where(DocumentRow.sha256 == result.sha256))
    if doc_id is None:
        row = new_document(result.sha256, result.media_type, result.size, DocumentKind.VIDEO,
                           (video.title or video.name)[:500], None, None, None, None,
                           {**result.metadata, "video_of": page.final_url, "video_url": video.url,
                            "extractor": video.extractor}, video.name, options.confidentiality, source_id, sealed)
        row.url = video.url or None
        s.add(row)
        s.flush()
        unit.audit(AuditAction.INGEST, "document", row.id, None, row_dict(row, NO_TEXT))
        doc_id = row.id
    return {"document_id": doc_id, "sha256": result.sha256, "url": video.url, "extractor": video.extractor}
