"""Videos on a captured page, fetched with yt-dlp used as a library (its generic extractor finds HTML5
<video> sources; its site extractors handle the platforms). Each video is kept as evidence beside the page."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

MAX_VIDEOS = 10


@dataclass(frozen=True, slots=True)
class Video:
    data: bytes
    url: str  # where the video itself came from
    extractor: str
    title: str
    name: str


def yt_dlp_version() -> str:
    try:
        return version("yt-dlp")
    except Exception:  # noqa: BLE001
        return "unknown"


def fetch_videos(page_url: str, timeout: float, max_bytes: int) -> tuple[list[Video], str | None]:
    """The page's videos, and a one-line problem when yt-dlp failed for another reason than "no video here"."""
    import yt_dlp

    with tempfile.TemporaryDirectory(prefix="aqiqat-video-") as tmp:
        options: dict[str, Any] = {
            "quiet": True, "no_warnings": True, "noprogress": True, "noplaylist": False, "playlistend": MAX_VIDEOS,
            "outtmpl": str(Path(tmp) / "%(autonumber)03d-%(id).60s.%(ext)s"), "socket_timeout": timeout,
            "max_filesize": max_bytes, "format": "best", "retries": 1, "logger": _Quiet(),
            "restrictfilenames": True, "cachedir": False,
        }
        try:
            with yt_dlp.YoutubeDL(options) as ydl:
                info = ydl.extract_info(page_url, download=True)
        except yt_dlp.utils.DownloadError as exc:
            message = " ".join(str(exc).split()).removeprefix("ERROR: ")
            if "Unsupported URL" in message or "No video" in message:
                return [], None
            return [], f"video: {message[:200]}"
        except Exception as exc:  # noqa: BLE001 - a library's unexpected failure must not lose the page
            return [], f"video: {type(exc).__name__}: {' '.join(str(exc).split())[:200]}"
        entries = [e for e in ((info or {}).get("entries") or [info]) if e]
        found: list[Video] = []
        files = sorted(p for p in Path(tmp).iterdir() if p.is_file() and not p.name.endswith(".part"))
        for entry, path in zip(entries, files, strict=False):
            if path.stat().st_size > max_bytes:
                continue
            found.append(Video(data=path.read_bytes(), url=str(entry.get("url") or entry.get("webpage_url") or ""),
                               extractor=str(entry.get("extractor") or ""), title=str(entry.get("title") or ""),
                               name=path.name))
        return found, None


class _Quiet:
    """yt-dlp's messages are not printed; its errors come back as DownloadError."""

    def debug(self, msg: str) -> None:
        return None

    def info(self, msg: str) -> None:
        return None

    def warning(self, msg: str) -> None:
        return None

    def error(self, msg: str) -> None:
        return None
