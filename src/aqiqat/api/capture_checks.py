"""Use cases on captured pages after the capture: re-checking their URLs, and verifying their timestamps.

`recheck` visits each captured URL again (a plain HTTP request, not the browser) and records a dated, audited
observation: ``unchanged`` (the main text is the same), ``changed``, ``lost`` (404 or 410, no DNS, or a
redirect to a login page) or ``unreachable`` (another error: the page may come back). `verify_timestamps`
checks every stored RFC 3161 token against the capture's bytes and the TSA's root certificates.
"""

from __future__ import annotations

import base64
import hashlib
import socket
import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select

from aqiqat.api.access import Principal
from aqiqat.api.documents import find_document_row
from aqiqat.api.register import Register, row_dict, utcnow
from aqiqat.api.sealing import document_fields
from aqiqat.capture.errors import CaptureError
from aqiqat.capture.timestamp import verify_timestamp
from aqiqat.domain.enums import AuditAction, DocumentKind
from aqiqat.ingest.errors import IngestError
from aqiqat.ingest.readers import read_bytes
from aqiqat.store.tables import CaptureCheckRow, DocumentRow

LOGIN_WORDS = ("login", "log-in", "signin", "sign-in", "sign_in", "auth", "sso", "accounts/")
MAX_BODY = 50 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class CheckOutcome:
    document_id: int
    url: str
    outcome: str  # unchanged | changed | lost | unreachable
    http_status: int | None
    final_url: str | None
    detail: str


def _meta(row: DocumentRow) -> dict[str, Any]:
    meta = document_fields(row).get("meta", {}) if row.text_sealed is not None else row.meta
    return dict(meta or {})


def _url(row: DocumentRow) -> str | None:
    """The captured URL; a restricted capture keeps it only sealed."""
    if row.text_sealed is not None and not row.url:
        return document_fields(row).get("url")
    return row.url


def _fetch(url: str, timeout: float) -> tuple[int | None, str | None, bytes | None, str]:
    request = urllib.request.Request(url, headers={"User-Agent": "Aqiqat recheck"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:  # noqa: S310 - http(s) captured before
            return reply.status, reply.geturl(), reply.read(MAX_BODY), ""
    except urllib.error.HTTPError as exc:
        return exc.code, exc.geturl(), None, f"HTTP {exc.code}"
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, socket.gaierror):
            return None, None, None, f"no DNS for {urlsplit(url).hostname}"
        return None, None, None, " ".join(str(exc.reason).split())[:200]
    except (OSError, ValueError) as exc:
        return None, None, None, " ".join(str(exc).split())[:200] or type(exc).__name__


def judge(row: DocumentRow, status: int | None, final: str | None, body: bytes | None, error: str) -> tuple[str, str]:
    """The outcome of one re-check and why."""
    if error.startswith("no DNS"):
        return "lost", error
    if status in (404, 410):
        return "lost", f"HTTP {status}"
    if final and final != row.url and any(w in urlsplit(final).path.lower() + "/" for w in LOGIN_WORDS):
        return "lost", f"redirected to a login page ({final})"
    if status is None or body is None:
        return "unreachable", error or f"HTTP {status}"
    try:
        text = read_bytes(body, "page.html").text or ""
    except IngestError as exc:
        return "changed", f"the page is no longer readable as before ({exc})"
    same = hashlib.sha256(text.encode("utf-8")).hexdigest() == row.text_sha256
    return ("unchanged", "the main text is the same") if same else ("changed", "the main text differs")


def recheck(reg: Register, principal: Principal, refs: Iterable[str | int] | None = None,
            timeout: float = 20.0) -> list[CheckOutcome]:
    with reg.reading() as s:
        if refs:
            rows = [find_document_row(s, ref) for ref in refs]
        else:
            rows = list(s.scalars(select(DocumentRow).where(DocumentRow.kind == str(DocumentKind.WEBPAGE))
                                  .order_by(DocumentRow.id)))
        targets = [(r.id, _url(r), r) for r in rows if r.kind == str(DocumentKind.WEBPAGE) and _url(r)]
        s.expunge_all()
    out: list[CheckOutcome] = []
    for doc_id, url, row in targets:
        assert url is not None
        status, final, body, error = _fetch(url, timeout)
        outcome, detail = judge(row, status, final, body, error)
        with reg.unit(principal) as unit:
            check = CaptureCheckRow(document_id=doc_id, checked_at=utcnow(), outcome=outcome, http_status=status,
                                    final_url=final, detail=detail)
            unit.session.add(check)
            unit.session.flush()
            unit.audit(AuditAction.CREATE, "capture_check", check.id, None, row_dict(check))
        out.append(CheckOutcome(doc_id, url, outcome, status, final, detail))
    return out


def latest_checks(reg: Register, principal: Principal, outcome: str | None = None) -> list[dict[str, Any]]:
    """Each captured page's latest re-check (only those with `outcome`, e.g. "lost"), for what the reader
    may see."""
    with reg.reading() as s:
        rows = s.execute(select(CaptureCheckRow, DocumentRow).join(DocumentRow)
                         .order_by(CaptureCheckRow.document_id, CaptureCheckRow.id)).all()
        latest: dict[int, tuple[CaptureCheckRow, DocumentRow]] = {c.document_id: (c, d) for c, d in rows}
        found = []
        for check, doc in latest.values():
            if (outcome and check.outcome != outcome) or not principal.may_see(doc.confidentiality):
                continue
            found.append({**row_dict(check), "url": doc.url, "title": doc.title})
    return found


@dataclass(slots=True)
class TimestampReport:
    checked: int = 0
    problems: list[str] = field(default_factory=list)
    unchecked: list[str] = field(default_factory=list)


def verify_timestamps(reg: Register) -> TimestampReport:
    """Every captured page's timestamp token checked against its stored bytes and the TSA's roots."""
    report = TimestampReport()
    roots = reg.settings.tsa_roots
    ring = reg.keys.ring()
    with reg.reading() as s:
        for row in s.scalars(select(DocumentRow).where(DocumentRow.kind == str(DocumentKind.WEBPAGE))):
            if row.text_sealed is not None and ring is None:
                report.unchecked.append(f"document {row.id}: restricted, and the key is not available")
                continue
            stamp = _meta(row).get("capture", {}).get("timestamp", {})
            if not stamp.get("token"):
                continue
            if roots is None:
                report.unchecked.append(f"document {row.id}: timestamp not checked (no AQIQAT_TSA_ROOTS)")
                continue
            try:
                data = reg.sealed_files.read(row.sha256, ring) if row.file_sealed and ring else reg.files.read(
                    row.sha256)
                verify_timestamp(base64.b64decode(stamp["token"]), data, roots)
                report.checked += 1
            except (CaptureError, IngestError, ValueError, OSError) as exc:
                report.problems.append(f"document {row.id}: the trusted timestamp does not verify ({exc})")
    return report
