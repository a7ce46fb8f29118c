"""A capture written as WARC (warcio) and packaged as WACZ (wacz): what a court or an archive can replay.

The WARC holds a warcinfo record (the tools and their versions), a request and a response record for every
response the page loaded (bodies as the browser received them, decoded), and the full-page screenshot as a
resource record. The WACZ (a zip with the WARC, its CDXJ index, pages.jsonl and datapackage.json with
each file's hash) is made by the `wacz` package and checked with its validator.
"""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
from importlib.metadata import version
from pathlib import Path

from aqiqat.capture.browser import PageCapture
from aqiqat.capture.errors import CaptureError

DROPPED = frozenset({"content-encoding", "transfer-encoding", "content-length"})  # bodies are stored decoded


def tool_versions(capture: PageCapture) -> dict[str, str]:
    out = {"chromium": capture.browser_version}
    for name in ("playwright", "warcio", "wacz", "trafilatura", "rfc3161-client"):
        try:
            out[name] = version(name)
        except Exception:  # noqa: BLE001 - a missing distribution is reported as unknown
            out[name] = "unknown"
    return out


def write_warc(capture: PageCapture, software: dict[str, str]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    info = {"software": ", ".join(f"{k} {v}" for k, v in software.items()), "format": "WARC File Format 1.1",
            "isPartOf": capture.requested_url}
    writer.write_record(writer.create_warcinfo_record("capture.warc.gz", info))
    stamp = capture.started_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    for ex in capture.exchanges:
        if ex.body is None and not 300 <= ex.status < 400:
            continue
        body = ex.body or b""
        headers = [(k, v) for k, v in ex.headers if k.lower() not in DROPPED]
        headers.append(("Content-Length", str(len(body))))
        http = StatusAndHeaders(f"{ex.status} {ex.status_text or 'OK'}", headers, protocol="HTTP/1.1")
        response = writer.create_warc_record(ex.url, "response", payload=io.BytesIO(body), http_headers=http,
                                             warc_headers_dict={"WARC-Date": stamp})
        req_http = StatusAndHeaders(f"{ex.method} {_path(ex.url)} HTTP/1.1",
                                    [(k, v) for k, v in ex.request_headers.items() if not k.startswith(":")],
                                    is_http_request=True)
        request = writer.create_warc_record(ex.url, "request", payload=io.BytesIO(b""), http_headers=req_http,
                                            warc_headers_dict={"WARC-Date": stamp})
        writer.write_request_response_pair(request, response)
    shot = writer.create_warc_record(f"urn:screenshot:{capture.final_url}", "resource",
                                     payload=io.BytesIO(capture.screenshot), warc_content_type="image/png",
                                     warc_headers_dict={"WARC-Date": stamp})
    writer.write_record(shot)
    return out.getvalue()


def _path(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def package_wacz(warc: bytes, capture: PageCapture) -> bytes:
    """The WARC as a WACZ with its index, pages.jsonl and datapackage.json; CaptureError when wacz fails."""
    from wacz.main import main as wacz_main

    with tempfile.TemporaryDirectory(prefix="aqiqat-wacz-") as tmp:
        folder = Path(tmp)
        (folder / "capture.warc.gz").write_bytes(warc)
        page = {"url": capture.final_url, "ts": capture.started_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "title": capture.title or capture.final_url}
        (folder / "pages.jsonl").write_text(
            json.dumps({"format": "json-pages-1.0", "id": "pages", "title": "All Pages"}) + "\n"
            + json.dumps(page, ensure_ascii=False) + "\n", encoding="utf-8")
        out = folder / "capture.wacz"
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                code = wacz_main(["create", "-o", str(out), str(folder / "capture.warc.gz"), "-p",
                                  str(folder / "pages.jsonl"), "--url", capture.final_url, "--title",
                                  capture.title or capture.final_url, "--hash-type", "sha256"])
        except Exception as exc:  # noqa: BLE001 - the packager's own failure, as one line
            raise CaptureError(f"{capture.requested_url}: the WACZ could not be made ({exc})") from None
        if code not in (0, None) or not out.is_file():
            raise CaptureError(f"{capture.requested_url}: the WACZ could not be made (wacz exit code {code})")
        return out.read_bytes()


def validate_wacz(data: bytes) -> bool:
    """True when `wacz validate` accepts the package."""
    from wacz.main import main as wacz_main

    with tempfile.TemporaryDirectory(prefix="aqiqat-wacz-") as tmp:
        path = Path(tmp) / "check.wacz"
        path.write_bytes(data)
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            try:
                return wacz_main(["validate", "-f", str(path)]) in (0, None)
            except Exception:  # noqa: BLE001 - whatever the validator raises, the package is not valid
                return False
