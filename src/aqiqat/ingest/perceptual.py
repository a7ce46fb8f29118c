"""Perceptual hashes: the same photo or video found again after re-encoding, resizing, light cropping or a
watermark. Images get a PDQ hash (pdqhash); videos get PDQ hashes of frames sampled once a second (PyAV,
ffmpeg's libraries). Two PDQ hashes match when at most ``MATCH_DISTANCE`` of their 256 bits differ.
The only place pdqhash and av are imported.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from aqiqat.ingest.errors import IngestError

MATCH_DISTANCE = 31  # PDQ's own threshold for "the same picture"
MIN_QUALITY = 50  # below it (flat or nearly blank pictures) a hash says too little to match on
FRAME_EVERY = 1.0  # seconds between sampled video frames
MAX_FRAMES = 600
MAX_PIXELS = 80_000_000
CROPS = (0.025, 0.05)  # share of each side cut away for the extra hashes of an image


@dataclass(frozen=True, slots=True)
class FrameHash:
    hash: str  # 64 hex digits
    quality: int  # 0–100
    offset: float | None  # seconds into the video; None for an image


def _pdq(image: object) -> tuple[str, int]:
    import numpy as np
    import pdqhash

    bits, quality = pdqhash.compute(np.asarray(image))
    value = 0
    for bit in bits:
        value = (value << 1) | int(bit)
    return f"{value:064x}", int(quality)


def image_hashes(data: bytes, name: str) -> list[FrameHash]:
    """The image's PDQ hash, and those of its centre with CROPS of each side cut away: PDQ alone loses a
    picture cropped by more than about 1%, and reposts are often cropped a little."""
    whole = _open(data, name)
    w, h = whole.size
    out = []
    for cut in (0.0, *CROPS):
        part = whole if not cut else whole.crop((int(w * cut), int(h * cut), w - int(w * cut), h - int(h * cut)))
        value, quality = _pdq(part)
        out.append(FrameHash(value, quality, None))
    return out


def image_hash(data: bytes, name: str) -> FrameHash:
    value, quality = _pdq(_open(data, name))
    return FrameHash(value, quality, None)


def _open(data: bytes, name: str) -> Any:
    from PIL import Image, ImageOps

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        opened = Image.open(io.BytesIO(data))
        opened.load()
        image = ImageOps.exif_transpose(opened).convert("RGB")
    except (OSError, Image.DecompressionBombError, ValueError) as exc:
        raise IngestError(name, f"not an image that can be read ({' '.join(str(exc).split())[:120]})") from None
    return image


def video_hashes(data: bytes, name: str) -> list[FrameHash]:
    """PDQ hashes of one frame a second (at most MAX_FRAMES)."""
    import av

    out: list[FrameHash] = []
    try:
        with av.open(io.BytesIO(data), mode="r") as container:
            stream = next((s for s in container.streams if s.type == "video"), None)
            if stream is None:
                raise IngestError(name, "no video stream to hash")
            next_at = 0.0
            for frame in container.decode(stream):
                time = getattr(frame, "time", None)
                at = float(time) if time is not None else next_at
                if at + 1e-6 < next_at:
                    continue
                value, quality = _pdq(frame.to_image())  # type: ignore[union-attr]
                out.append(FrameHash(value, quality, round(at, 2)))
                next_at = at + FRAME_EVERY
                if len(out) >= MAX_FRAMES:
                    break
    except av.error.FFmpegError as exc:
        raise IngestError(name, f"the video cannot be decoded ({' '.join(str(exc).split())[:120]})") from None
    if not out:
        raise IngestError(name, "no frame could be decoded")
    return out


def distance(a: str, b: str) -> int:
    return (int(a, 16) ^ int(b, 16)).bit_count()
