"""Images and videos: opaque evidence with hash, size, media type by magic bytes, EXIF and MP4 times."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from ingest_samples import make_avi, make_heic, make_image, make_jpeg_with_exif, make_mp4, make_webm

from aqiqat.domain.enums import DocumentKind
from aqiqat.ingest.errors import IngestError
from aqiqat.ingest.readers import read_bytes, read_path


def test_jpeg_with_exif_camera_time_and_gps(tmp_path: Path) -> None:
    data = make_jpeg_with_exif()
    path = tmp_path / "IMG_0107.jpg"
    path.write_bytes(data)
    result = read_path(path)
    assert result.media_type == "image/jpeg"
    assert result.kind_hint is DocumentKind.PHOTO
    assert result.text is None and result.language is None and result.encoding is None
    assert result.sha256 == hashlib.sha256(data).hexdigest()
    assert result.size == len(data)
    assert result.title == "IMG_0107.jpg"
    exif = result.metadata["exif"]
    assert exif["camera_make"] == "Samsung" and exif["camera_model"] == "SM-A515F"
    assert exif["datetime_original"] == "2022-01-07T18:32:10"
    assert exif["gps"]["latitude"] == pytest.approx(45.015, abs=1e-6)
    assert exif["gps"]["longitude"] == pytest.approx(78.374, abs=1e-6)
    assert exif["gps"]["altitude"] == pytest.approx(612.5)
    assert result.published_at == date(2022, 1, 7)
    assert result.author == "A. Witness"
    assert result.metadata["width"] == 32 and result.metadata["height"] == 24


@pytest.mark.parametrize(
    ("fmt", "media_type"),
    [("PNG", "image/png"), ("GIF", "image/gif"), ("WEBP", "image/webp"), ("TIFF", "image/tiff")],
)
def test_images_without_exif(fmt: str, media_type: str) -> None:
    result = read_bytes(make_image(fmt), "photo")
    assert result.media_type == media_type
    assert result.kind_hint is DocumentKind.PHOTO
    assert result.metadata["width"] == 8
    assert "exif" not in result.metadata
    assert result.published_at is None


def test_heic_by_magic_bytes_kept_though_pillow_cannot_open_it() -> None:
    result = read_bytes(make_heic(), "IMG_2001.HEIC")
    assert result.media_type == "image/heic"
    assert result.kind_hint is DocumentKind.PHOTO
    assert result.metadata["media_type_from"] == "magic"


def test_magic_bytes_beat_the_extension() -> None:
    result = read_bytes(make_image("PNG"), "photo.jpg")
    assert result.media_type == "image/png"


def test_damaged_jpeg_is_still_evidence() -> None:
    data = make_jpeg_with_exif()[:40]
    result = read_bytes(data, "broken.jpg")
    assert result.media_type == "image/jpeg"
    assert result.sha256 == hashlib.sha256(data).hexdigest()


def test_mp4_with_recording_time_and_duration() -> None:
    data = make_mp4(created=datetime(2022, 1, 5, 21, 40, tzinfo=UTC), seconds=95)
    result = read_bytes(data, "VID_0105.mp4")
    assert result.media_type == "video/mp4"
    assert result.kind_hint is DocumentKind.VIDEO
    assert result.text is None
    assert result.metadata["duration_seconds"] == 95
    assert result.metadata["recorded_at"] == "2022-01-05T21:40:00+00:00"
    assert result.published_at == date(2022, 1, 5)


@pytest.mark.parametrize(
    ("data", "name", "media_type"),
    [
        (make_mp4(b"qt  "), "clip.mov", "video/quicktime"),
        (make_mp4(b"isom"), "clip.bin", "video/mp4"),
        (make_webm(), "clip.webm", "video/webm"),
        (make_webm(b"matroska"), "clip", "video/x-matroska"),
        (make_avi(), "clip.avi", "video/x-msvideo"),
    ],
)
def test_videos_by_magic_bytes(data: bytes, name: str, media_type: str) -> None:
    result = read_bytes(data, name)
    assert result.media_type == media_type
    assert result.kind_hint is DocumentKind.VIDEO
    assert result.metadata["media_type_from"] == "magic"


def test_video_by_extension_when_magic_is_unknown() -> None:
    result = read_bytes(b"\x00\x01\x02\x03 not a known container", "clip.mkv")
    assert result.media_type == "video/x-matroska"
    assert result.metadata["media_type_from"] == "extension"


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "old.doc", "old.doc: unsupported file type"),
        (b"MZ\x90\x00" + bytes(100), "setup.exe", "setup.exe: unsupported file type"),
        (b"Rar!\x1a\x07\x00" + bytes(50), "photos.rar", "photos.rar: unsupported file type"),
    ],
)
def test_unsupported_types_are_refused(data: bytes, name: str, message: str) -> None:
    with pytest.raises(IngestError, match=f"^{message}"):
        read_bytes(data, name)
