"""Media type of a file: magic bytes first, the file name's extension second."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import PurePath


class Family(StrEnum):
    """Which reader handles a file."""

    TEXT = "text"
    HTML = "html"
    PDF = "pdf"
    DOCX = "docx"
    IMAGE = "image"
    VIDEO = "video"
    AUDIO = "audio"
    UNSUPPORTED = "unsupported"


@dataclass(frozen=True, slots=True)
class Sniffed:
    media_type: str
    family: Family
    by: str  # "magic", "extension" or "default"


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

_EXTENSIONS: dict[str, tuple[str, Family]] = {
    ".txt": ("text/plain", Family.TEXT),
    ".text": ("text/plain", Family.TEXT),
    ".md": ("text/markdown", Family.TEXT),
    ".csv": ("text/csv", Family.TEXT),
    ".tsv": ("text/tab-separated-values", Family.TEXT),
    ".json": ("application/json", Family.TEXT),
    ".xml": ("application/xml", Family.TEXT),
    ".srt": ("text/plain", Family.TEXT),
    ".log": ("text/plain", Family.TEXT),
    ".eml": ("message/rfc822", Family.TEXT),
    ".html": ("text/html", Family.HTML),
    ".htm": ("text/html", Family.HTML),
    ".xhtml": ("text/html", Family.HTML),
    ".pdf": ("application/pdf", Family.PDF),
    ".docx": (DOCX_TYPE, Family.DOCX),
    ".jpg": ("image/jpeg", Family.IMAGE),
    ".jpeg": ("image/jpeg", Family.IMAGE),
    ".png": ("image/png", Family.IMAGE),
    ".gif": ("image/gif", Family.IMAGE),
    ".webp": ("image/webp", Family.IMAGE),
    ".tif": ("image/tiff", Family.IMAGE),
    ".tiff": ("image/tiff", Family.IMAGE),
    ".heic": ("image/heic", Family.IMAGE),
    ".heif": ("image/heif", Family.IMAGE),
    ".avif": ("image/avif", Family.IMAGE),
    ".bmp": ("image/bmp", Family.IMAGE),
    ".mp4": ("video/mp4", Family.VIDEO),
    ".m4v": ("video/mp4", Family.VIDEO),
    ".mov": ("video/quicktime", Family.VIDEO),
    ".webm": ("video/webm", Family.VIDEO),
    ".mkv": ("video/x-matroska", Family.VIDEO),
    ".avi": ("video/x-msvideo", Family.VIDEO),
    ".3gp": ("video/3gpp", Family.VIDEO),
    ".mp3": ("audio/mpeg", Family.AUDIO),
    ".m4a": ("audio/mp4", Family.AUDIO),
    ".ogg": ("audio/ogg", Family.AUDIO),
    ".oga": ("audio/ogg", Family.AUDIO),
    ".opus": ("audio/ogg", Family.AUDIO),
    ".wav": ("audio/wav", Family.AUDIO),
    ".flac": ("audio/flac", Family.AUDIO),
    ".doc": ("application/msword", Family.UNSUPPORTED),
    ".xls": ("application/vnd.ms-excel", Family.UNSUPPORTED),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Family.UNSUPPORTED),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", Family.UNSUPPORTED),
    ".odt": ("application/vnd.oasis.opendocument.text", Family.UNSUPPORTED),
    ".rtf": ("application/rtf", Family.UNSUPPORTED),
    ".zip": ("application/zip", Family.UNSUPPORTED),
    ".rar": ("application/vnd.rar", Family.UNSUPPORTED),
    ".7z": ("application/x-7z-compressed", Family.UNSUPPORTED),
    ".exe": ("application/x-msdownload", Family.UNSUPPORTED),
}

# ISO base media file format (the "ftyp" box): major/compatible brand -> type.
_FTYP_BRANDS: dict[bytes, tuple[str, Family]] = {
    b"heic": ("image/heic", Family.IMAGE),
    b"heix": ("image/heic", Family.IMAGE),
    b"heim": ("image/heic", Family.IMAGE),
    b"heis": ("image/heic", Family.IMAGE),
    b"hevc": ("image/heic", Family.IMAGE),
    b"hevx": ("image/heic", Family.IMAGE),
    b"mif1": ("image/heif", Family.IMAGE),
    b"msf1": ("image/heif", Family.IMAGE),
    b"avif": ("image/avif", Family.IMAGE),
    b"avis": ("image/avif", Family.IMAGE),
    b"qt  ": ("video/quicktime", Family.VIDEO),
    b"3gp4": ("video/3gpp", Family.VIDEO),
    b"3gp5": ("video/3gpp", Family.VIDEO),
    b"3gp6": ("video/3gpp", Family.VIDEO),
    b"3g2a": ("video/3gpp2", Family.VIDEO),
    b"M4A ": ("audio/mp4", Family.AUDIO),
    b"M4B ": ("audio/mp4", Family.AUDIO),
}

_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<title")


def sniff(data: bytes, name: str) -> Sniffed:
    """Media type and reader family of ``data``, named ``name``."""
    found = _by_magic(data)
    ext = PurePath(name).suffix.lower()
    if found == ("application/zip", Family.UNSUPPORTED) and ext == ".docx":
        return Sniffed(DOCX_TYPE, Family.DOCX, "extension")  # a damaged DOCX: its reader says what is wrong
    if found is not None:
        media_type, family = found
        return Sniffed(media_type, family, "magic")
    if ext in _EXTENSIONS:
        media_type, family = _EXTENSIONS[ext]
        return Sniffed(media_type, family, "extension")
    return Sniffed("text/plain", Family.TEXT, "default")


def _by_magic(data: bytes) -> tuple[str, Family] | None:
    head = data[:64]
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg", Family.IMAGE
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png", Family.IMAGE
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif", Family.IMAGE
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "image/tiff", Family.IMAGE
    if head.startswith(b"RIFF") and len(head) >= 12:
        riff = {b"WEBP": ("image/webp", Family.IMAGE), b"AVI ": ("video/x-msvideo", Family.VIDEO),
                b"WAVE": ("audio/wav", Family.AUDIO)}
        return riff.get(head[8:12])
    if head.startswith(b"\x1aE\xdf\xa3"):
        return ("video/webm", Family.VIDEO) if b"webm" in data[:64] else ("video/x-matroska", Family.VIDEO)
    if head[4:8] == b"ftyp":
        return _ftyp(data)
    if head[4:8] in (b"moov", b"mdat", b"wide", b"free") and head[:4] != b"\x00\x00\x00\x00":
        return "video/quicktime", Family.VIDEO
    if head.startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return "application/pdf", Family.PDF
    if head.startswith(b"PK\x03\x04"):
        return _zip_type(data)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "application/x-ole-storage", Family.UNSUPPORTED
    if head.startswith(b"ID3"):
        return "audio/mpeg", Family.AUDIO
    if head.startswith(b"OggS"):
        return "audio/ogg", Family.AUDIO
    if head.startswith(b"fLaC"):
        return "audio/flac", Family.AUDIO
    if head.startswith((b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c", b"\x1f\x8b", b"MZ", b"\x7fELF")):
        return "application/octet-stream", Family.UNSUPPORTED
    if _looks_like_html(data):
        return "text/html", Family.HTML
    return None


def _ftyp(data: bytes) -> tuple[str, Family]:
    size = int.from_bytes(data[:4], "big")
    box = data[8 : min(max(size, 16), 256)]
    brands = [box[i : i + 4] for i in range(0, len(box) - 3, 4)]
    for brand in brands:  # major brand first, then the compatible ones
        if brand in _FTYP_BRANDS:
            return _FTYP_BRANDS[brand]
    return "video/mp4", Family.VIDEO


def _zip_type(data: bytes) -> tuple[str, Family]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return "application/zip", Family.UNSUPPORTED
    if "word/document.xml" in names:
        return DOCX_TYPE, Family.DOCX
    if "xl/workbook.xml" in names:
        return _EXTENSIONS[".xlsx"][0], Family.UNSUPPORTED
    if "ppt/presentation.xml" in names:
        return _EXTENSIONS[".pptx"][0], Family.UNSUPPORTED
    if "mimetype" in names and "content.xml" in names:
        return "application/vnd.oasis.opendocument", Family.UNSUPPORTED
    return "application/zip", Family.UNSUPPORTED


def _looks_like_html(data: bytes) -> bool:
    head = data[:1024]
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if head.startswith(bom):
            head = head[len(bom) :]
            break
    head = head.replace(b"\x00", b"").lstrip().lower()
    if head.startswith(b"<?xml") and b"<html" in head:
        return True
    while head.startswith(b"<!--"):
        end = head.find(b"-->")
        if end < 0:
            return False
        head = head[end + 3 :].lstrip()
    return head.startswith(_HTML_STARTS)
