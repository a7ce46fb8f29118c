"""DOCX: paragraphs and tables in document order, and the core properties, via python-docx."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from aqiqat.ingest.errors import IngestError, one_line
from aqiqat.ingest.extracted import Extracted, clean_str, jsonable, storable, title_from_text

UNPACKED_LIMIT = 1024**3  # never unpack more than 1 GB, whatever the size limit
UNPACKED_FACTOR = 20  # nor more than 20 times the size limit


def read_docx(data: bytes, name: str, max_bytes: int) -> Extracted:
    """Text of a Word document: one line per paragraph; table rows as tab-separated cells."""
    if not data.startswith(b"PK") or not zipfile.is_zipfile(io.BytesIO(data)):
        raise IngestError(name, "DOCX is not a zip archive (damaged, or not a Word document)")
    _refuse_zip_bomb(data, name, max_bytes)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        lines = _body_lines(document)
        props = _core_properties(document)
    except IngestError:
        raise
    except Exception as exc:  # python-docx, lxml and zipfile raise many kinds
        raise IngestError(name, f"DOCX is damaged: {one_line(exc)}") from None
    text = storable("\n".join(lines))
    created = props.get("created")
    metadata: dict[str, Any] = {"docx": jsonable(props), "paragraphs": len(lines)}
    if created is not None:
        metadata["date_source"] = "docx_created"
    return Extracted(
        text=text if text.strip() else None,
        title=clean_str(props.get("title")) or title_from_text(text),
        author=clean_str(props.get("author")),
        published_at=created.date() if created is not None else None,
        metadata=metadata,
    )


def _refuse_zip_bomb(data: bytes, name: str, max_bytes: int) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            names = set(archive.namelist())
    except Exception as exc:
        raise IngestError(name, f"DOCX is a damaged zip archive: {one_line(exc)}") from None
    limit = min(UNPACKED_FACTOR * max_bytes, UNPACKED_LIMIT)
    if unpacked > limit:
        raise IngestError(name, f"DOCX would unpack to {unpacked / 1024**2:,.1f} MB, more than the "
                                f"{limit / 1024**2:,.0f} MB allowed (a zip bomb?); refused")
    if "word/document.xml" not in names:
        raise IngestError(name, "zip archive is not a Word document (it has no word/document.xml)")


def _body_lines(document: Any) -> list[str]:
    lines: list[str] = []
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            lines.extend(_table_lines(block))
        else:
            lines.append(block.text)
    return lines


def _table_lines(table: Any) -> list[str]:
    lines: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell appears once per grid column it spans
                continue
            seen.add(id(cell._tc))
            parts = [cell.text] + ["\n".join(_table_lines(inner)) for inner in cell.tables]
            cells.append(" ".join(" ".join(part.split()) for part in parts if part.strip()))
        lines.append("\t".join(cells))
    return lines


def _core_properties(document: Any) -> dict[str, Any]:
    core = document.core_properties
    props: dict[str, Any] = {}
    for key in ("title", "author", "subject", "keywords", "last_modified_by", "category", "comments"):
        value = clean_str(getattr(core, key, None))
        if value:
            props[key] = value
    for key in ("created", "modified"):
        value = getattr(core, key, None)
        if value is not None:
            props[key] = value
    return props
