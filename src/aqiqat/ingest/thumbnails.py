"""Thumbnails of stored images (Pillow) and poster frames of videos (ffmpeg, a Debian package, when present)."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

SIZE = (320, 320)


def image_thumbnail(data: bytes) -> bytes | None:
    """A JPEG at most 320 px on a side, turned as the camera said (EXIF orientation); None if unreadable."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as opened:
            image = ImageOps.exif_transpose(opened)
            image.thumbnail(SIZE)
            out = io.BytesIO()
            image.convert("RGB").save(out, "JPEG", quality=80)
            return out.getvalue()
    except (UnidentifiedImageError, OSError, ValueError):
        return None


def video_poster(data: bytes) -> bytes | None:
    """A frame one second in (or the first), as a thumbnail; None without ffmpeg or for an unreadable file."""
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "video", Path(tmp) / "poster.png"
        src.write_bytes(data)
        for seek in ("1", "0"):
            subprocess.run(  # noqa: S603 - fixed arguments, a file we wrote
                [ffmpeg, "-nostdin", "-loglevel", "error", "-ss", seek, "-i", str(src), "-frames:v", "1", "-y",
                 str(dst)],
                capture_output=True,
                timeout=30,
                check=False,
            )
            if dst.exists() and dst.stat().st_size:
                return image_thumbnail(dst.read_bytes())
    return None
