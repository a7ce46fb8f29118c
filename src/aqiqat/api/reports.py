"""Use case: reports (incident, person, memorial list, figures for a period) as PDF or DOCX, in Russian or
English, showing what the reader may see; hashed, audited and, when asked, signed like the manifest."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from aqiqat.api.access import Principal
from aqiqat.api.errors import Invalid
from aqiqat.api.exchange_export import Exported, audit_file, file_sha256
from aqiqat.api.exchange_rows import EventFilter
from aqiqat.api.register import Register
from aqiqat.api.report_builders import incident, person
from aqiqat.api.report_lists import figures_report, memorial, place_named
from aqiqat.reports import svgmap
from aqiqat.reports.docx_out import write_docx
from aqiqat.reports.labels import labels, value
from aqiqat.reports.model import Report
from aqiqat.reports.pdf import write_pdf
from aqiqat.security.keys import ensure_signing_key
from aqiqat.security.signing import sign, write_atomic

KINDS = ("event", "person", "list", "period")
FORMATS = ("pdf", "docx")
LANGUAGES = ("ru", "en")


@dataclass(frozen=True, slots=True)
class ReportRequest:
    kind: str
    ref: str = ""  # the event, person or list id; for a period unused
    fmt: str = "pdf"
    language: str = "ru"
    date_from: date | None = None
    date_to: date | None = None
    place: str | None = None
    group: str = "place"  # the memorial list's grouping: place or date
    sign: bool = False


def check(req: ReportRequest) -> None:
    if req.kind not in KINDS:
        raise Invalid(f"report what? one of {', '.join(KINDS)}")
    if req.fmt not in FORMATS:
        raise Invalid(f"format: one of {', '.join(FORMATS)}")
    if req.language not in LANGUAGES:
        raise Invalid(f"language: one of {', '.join(LANGUAGES)}")
    if req.kind in ("event", "person") and not req.ref.isdigit():
        raise Invalid(f"{req.kind}: give the record's id (a number), not {req.ref!r}")


def build(reg: Register, principal: Principal, req: ReportRequest) -> Report:
    """The report model: only what `principal` may see, through the read layer."""
    check(req)
    L = labels(req.language)
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    who = L["prepared_for"].format(user=principal.username, level=value(req.language, str(principal.clearance)))
    r = Report("", "", req.language, who, now)
    if req.kind == "event":
        incident(reg, principal, int(req.ref), r, L, req.language, svgmap.find_atlas(reg.settings.node_modules))
    elif req.kind == "person":
        person(reg, principal, int(req.ref), r, L, req.language)
    elif req.kind == "list":
        memorial(reg, principal, req.ref or "all", req.group, r, L, req.language)
    else:
        place_id = place_named(reg, principal, req.place) if req.place else None
        figures_report(reg, principal, EventFilter(req.date_from, req.date_to, place_id), r, L, req.language,
                       req.place)
    r.h2(L["method"])
    r.p(L["method_text"])
    return r


def make_report(reg: Register, principal: Principal, req: ReportRequest, out: Path) -> Exported:
    """Write the report to `out` (a file, or a folder for it), audit its SHA-256, sign it when asked."""
    r = build(reg, principal, req)
    ref = re.sub(r"[^0-9a-z]", "", req.ref.lower())[:20]  # only digits or "all" get this far; never a path
    name = f"aqiqat-{req.kind}{'-' + ref if ref else ''}-{req.language}.{req.fmt}"
    path = out / name if out.is_dir() or not out.suffix else out
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.part")
    try:
        (write_pdf if req.fmt == "pdf" else write_docx)(r, labels(req.language), tmp)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    digest = file_sha256(path)
    if req.sign:
        write_atomic(path.with_name(path.name + ".sig"),
                     sign(ensure_signing_key(reg.settings.signing_key_file), path.read_bytes()))
    audit_file(reg, principal, "report", req.kind, path.name, digest,
               {"ref": req.ref, "format": req.fmt, "language": req.language, "signed": req.sign})
    return Exported(path, digest, len(r.blocks), req.fmt)
