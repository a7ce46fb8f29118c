"""PDF: the text of every page and the document information, via pypdf."""

from __future__ import annotations

import io
from typing import Any

from aqiqat.ingest.errors import IngestError, one_line
from aqiqat.ingest.extracted import Extracted, clean_str, jsonable, storable, title_from_text

PAGE_SEPARATOR = "\n\n"


def read_pdf(data: bytes, name: str) -> Extracted:
    """Text of all pages (joined by a blank line; ``metadata["page_starts"]`` gives each page's offset)."""
    if b"%PDF-" not in data[:1024]:
        raise IngestError(name, "not a PDF (no %PDF- header)")
    if b"%%EOF" not in data[-2048:]:
        raise IngestError(name, "PDF is truncated or damaged (no %%EOF marker at its end)")
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        encrypted = bool(reader.is_encrypted)
        if encrypted and not _opens_without_password(reader):
            raise IngestError(name, "PDF is encrypted (it needs a password)")
        page_texts = [storable(page.extract_text() or "") for page in reader.pages]
        info = _info(reader)
        version = (clean_str(reader.pdf_header) or "").removeprefix("%PDF-") or None
    except IngestError:
        raise
    except RecursionError:
        raise IngestError(name, "PDF is damaged (its objects nest without end)") from None
    except Exception as exc:  # pypdf raises many kinds of errors for damaged files
        raise IngestError(name, f"PDF is damaged: {one_line(exc)}") from None
    starts: list[int] = []
    offset = 0
    for page_text in page_texts:
        starts.append(offset)
        offset += len(page_text) + len(PAGE_SEPARATOR)
    text = PAGE_SEPARATOR.join(page_texts)
    has_text = bool(text.strip())
    created = info.pop("_created", None)
    metadata: dict[str, Any] = {
        "page_count": len(page_texts),
        "page_starts": starts if has_text else [],
        "text_layer": has_text,
        "encrypted": encrypted,
        "pdf_version": version,
        "pdf_info": jsonable(info),
    }
    if created is not None:
        metadata["date_source"] = "pdf_creation_date"
    return Extracted(
        text=text if has_text else None,
        title=clean_str(info.get("title")) or title_from_text(text),
        author=clean_str(info.get("author")),
        published_at=created.date() if created is not None else None,
        metadata=metadata,
    )


def _opens_without_password(reader: Any) -> bool:
    """Many PDFs are encrypted with an empty user password (only printing or copying is restricted)."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # unsupported algorithm, damaged encryption dictionary
        return False


def _info(reader: Any) -> dict[str, Any]:
    info: dict[str, Any] = {}
    try:
        meta = reader.metadata
    except Exception:
        return info
    if meta is None:
        return info
    for key, attr in (("title", "title"), ("author", "author"), ("subject", "subject"),
                      ("creator", "creator"), ("producer", "producer")):
        try:
            value = clean_str(getattr(meta, attr))
        except Exception:
            value = None
        if value:
            info[key] = value
    for key, attr in (("created", "creation_date"), ("modified", "modification_date")):
        try:
            value = getattr(meta, attr)
        except Exception:  # a date string pypdf cannot parse
            value = None
        if value is not None:
            info[key] = value
            if key == "created":
                info["_created"] = value
    return info
