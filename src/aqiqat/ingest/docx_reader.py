"""DOCX: paragraphs and tables in document order, and the core properties, via python-docx."""

from __future__ import annotations

import io
import zipfile
from typing import Any, NoReturn

from aqiqat.ingest.errors import IngestError, one_line
from aqiqat.ingest.extracted import Extracted, clean_str, jsonable, storable, title_from_text

TEXT_LIMIT = 64 * 1024**2  # never unpack more than 64 MB of a document's text parts, whatever the size limit
TEXT_FACTOR = 10  # nor more than 10 times the size limit
CHUNK = 1024**2
TEXT_PARTS = (".xml", ".rels")  # the text and structure of a document; pictures and embedded files are the rest


def read_docx(data: bytes, name: str, max_bytes: int) -> Extracted:
    """Text of a Word document: one line per paragraph; table rows as tab-separated cells.

    Only the text parts (XML) are unpacked, chunk by chunk and counted as they come, up to a cap: pictures and
    embedded files are never unpacked (python-docx is handed them empty), so a DOCX that would unpack to
    gigabytes costs no more memory than its text."""
    if not data.startswith(b"PK") or not zipfile.is_zipfile(io.BytesIO(data)):
        raise IngestError(name, "DOCX is not a zip archive (damaged, or not a Word document)")
    text_only = _text_parts(data, name, min(TEXT_FACTOR * max_bytes, TEXT_LIMIT))
    import docx

    try:
        document = docx.Document(io.BytesIO(text_only))
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


def _text_parts(data: bytes, name: str, limit: int) -> bytes:
    """The archive again (stored, not compressed) with its text parts as they are and every other part empty;
    refused once the text parts unpack to more than `limit` bytes, counted as they are unpacked (the sizes
    an archive declares can lie)."""
    out = io.BytesIO()
    total = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as kept:
            infos = [i for i in archive.infolist() if not i.is_dir()]
            if "word/document.xml" not in {i.filename for i in infos}:
                raise IngestError(name, "zip archive is not a Word document (it has no word/document.xml)")
            if sum(i.file_size for i in infos if i.filename.lower().endswith(TEXT_PARTS)) > limit:
                _too_large(name, limit)
            for info in infos:
                if not info.filename.lower().endswith(TEXT_PARTS):
                    kept.writestr(info.filename, b"")
                    continue
                chunks: list[bytes] = []
                with archive.open(info) as part:
                    while chunk := part.read(CHUNK):
                        total += len(chunk)
                        if total > limit:
                            _too_large(name, limit)
                        chunks.append(chunk)
                kept.writestr(info.filename, b"".join(chunks))
    except IngestError:
        raise
    except Exception as exc:
        raise IngestError(name, f"DOCX is a damaged zip archive: {one_line(exc)}") from None
    return out.getvalue()


def _too_large(name: str, limit: int) -> NoReturn:
    raise IngestError(name, f"DOCX would unpack to more than {limit / 1024**2:,.0f} MB of text (a zip bomb?); refused")


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
