"""Images and videos are opaque evidence: no text, but what the file says about itself.

Images: dimensions and EXIF (camera, date taken, GPS as decimal degrees) via Pillow, where the format
and the file allow; a file Pillow cannot open is still evidence, kept with a note. MP4/QuickTime: the
recording time and duration from the ``mvhd`` box.
"""

from __future__ import annotations

import io
import math
import warnings
from datetime import UTC, datetime, timedelta
from typing import Any

from aqiqat.ingest.errors import one_line
from aqiqat.ingest.extracted import Extracted, clean_str

_BASE_TAGS = {0x010F: "camera_make", 0x0110: "camera_model", 0x0131: "software", 0x0132: "datetime",
              0x013B: "artist", 0x010E: "description", 0x8298: "copyright", 0x0112: "orientation"}
_EXIF_TAGS = {0x9003: "datetime_original", 0x9004: "datetime_digitized", 0x9011: "offset_time_original",
              0xA434: "lens_model"}
_EXIF_IFD, _GPS_IFD = 0x8769, 0x8825
_DATE_KEYS = ("datetime", "datetime_original", "datetime_digitized")
_MP4_EPOCH = datetime(1904, 1, 1, tzinfo=UTC)


def read_image(data: bytes) -> Extracted:
    from PIL import Image

    metadata: dict[str, Any] = {}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # DecompressionBombWarning: the pixels are never decoded
            with Image.open(io.BytesIO(data)) as image:
                metadata.update(width=image.width, height=image.height, image_format=image.format)
                exif = _exif(image.getexif())
    except Exception as exc:  # unsupported (HEIC without a plugin) or damaged: still evidence
        metadata["image_note"] = f"not readable by Pillow: {one_line(exc)}"
        return Extracted(text=None, metadata=metadata)
    taken = exif.get("datetime_original") or exif.get("datetime_digitized") or exif.get("datetime")
    if exif:
        metadata["exif"] = exif
    if isinstance(taken, str):
        metadata["date_source"] = "exif"
    return Extracted(
        text=None,
        author=exif.get("artist") if isinstance(exif.get("artist"), str) else None,
        published_at=datetime.fromisoformat(taken).date() if isinstance(taken, str) else None,
        metadata=metadata,
    )


def _exif(exif: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for tag, key in _BASE_TAGS.items():
        _put(out, key, exif.get(tag))
    try:
        sub = exif.get_ifd(_EXIF_IFD)
        for tag, key in _EXIF_TAGS.items():
            _put(out, key, sub.get(tag))
        gps = _gps(exif.get_ifd(_GPS_IFD))
    except Exception:  # a damaged sub-directory: keep what the main one gave
        gps = None
    for key in _DATE_KEYS:
        if key in out:
            parsed = _exif_datetime(out[key])
            if parsed is None:
                del out[key]
            else:
                out[key] = parsed
    if gps:
        out["gps"] = gps
    return out


def _put(out: dict[str, Any], key: str, value: object) -> None:
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    if isinstance(value, int) and not isinstance(value, bool):
        out[key] = value
        return
    text = clean_str(value)
    if text:
        out[key] = text


def _exif_datetime(value: object) -> str | None:
    try:
        return datetime.strptime(str(value)[:19], "%Y:%m:%d %H:%M:%S").isoformat()
    except ValueError:
        return None


def _degrees(value: Any, ref: object, limit: float) -> float | None:
    try:
        d, m, s = (float(part) for part in value)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    decimal = d + m / 60 + s / 3600
    if isinstance(ref, bytes):
        ref = ref.decode("ascii", errors="ignore")
    if str(ref).strip().upper() in ("S", "W"):
        decimal = -decimal
    if not math.isfinite(decimal) or abs(decimal) > limit:
        return None
    return round(decimal, 7)


def _gps(ifd: Any) -> dict[str, float] | None:
    if not ifd:
        return None
    lat = _degrees(ifd.get(2), ifd.get(1), 90.0)
    lon = _degrees(ifd.get(4), ifd.get(3), 180.0)
    if lat is None or lon is None:
        return None
    gps = {"latitude": lat, "longitude": lon}
    try:
        altitude = float(ifd[6])
        if math.isfinite(altitude):
            gps["altitude"] = round(-altitude if ifd.get(5) in (1, b"\x01") else altitude, 1)
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        pass
    return gps


def read_video(data: bytes, media_type: str) -> Extracted:
    metadata: dict[str, Any] = {}
    if media_type in ("video/mp4", "video/quicktime", "video/3gpp", "video/3gpp2"):
        metadata.update(_mvhd(data))
    recorded = metadata.get("recorded_at")
    if recorded:
        metadata["date_source"] = "mp4_creation_time"
    return Extracted(
        text=None,
        published_at=datetime.fromisoformat(recorded).date() if recorded else None,
        metadata=metadata,
    )


def _boxes(data: bytes, start: int, end: int) -> Any:
    pos = start
    while pos + 8 <= end:
        size = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        header = 8
        if size == 1 and pos + 16 <= end:
            size, header = int.from_bytes(data[pos + 8 : pos + 16], "big"), 16
        elif size == 0:
            size = end - pos
        if size < header or pos + size > end:
            return
        yield kind, pos + header, pos + size
        pos += size


def _mvhd(data: bytes) -> dict[str, Any]:
    for kind, body, end in _boxes(data, 0, len(data)):
        if kind != b"moov":
            continue
        for inner, start, stop in _boxes(data, body, end):
            if inner != b"mvhd" or stop - start < 20:
                continue
            version = data[start]
            if version == 1 and stop - start >= 32:
                created = int.from_bytes(data[start + 4 : start + 12], "big")
                scale = int.from_bytes(data[start + 20 : start + 24], "big")
                duration = int.from_bytes(data[start + 24 : start + 32], "big")
            else:
                created = int.from_bytes(data[start + 4 : start + 8], "big")
                scale = int.from_bytes(data[start + 12 : start + 16], "big")
                duration = int.from_bytes(data[start + 16 : start + 20], "big")
            out: dict[str, Any] = {}
            if scale:
                out["duration_seconds"] = round(duration / scale, 3)
            if 0 < created < 200 * 365 * 86400:
                out["recorded_at"] = (_MP4_EPOCH + timedelta(seconds=created)).isoformat()
            return out
    return {}
