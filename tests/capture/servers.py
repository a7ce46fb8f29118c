"""Local servers for the capture tests: web pages (and an MP4) we write, and an RFC 3161 TSA made with
`openssl ts` under a test CA. Everything listens on 127.0.0.1; nothing leaves the machine."""

from __future__ import annotations

import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.ingest.ingest_samples import make_image, make_mp4

PAGE = """<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Задержания в Алматы</title>
<link rel="stylesheet" href="/style.css"></head><body><article><h1>Задержания в Алматы</h1>
<p>Вечером 7 января в Талдыкоргане военные открыли огонь по автомобилю. Двое мужчин погибли на месте.
Родственники говорят, что машина стояла у перекрёстка, когда по ней начали стрелять без предупреждения.</p>
<p>Правозащитники собирают свидетельства задержанных и их семей; список будет опубликован позже.</p>
<img src="/photo.png" alt="фото"><video src="/clip.mp4" controls></video></article></body></html>"""


class Site:
    """What the page server answers; tests switch pages to 410 or to a login redirect."""

    def __init__(self) -> None:
        self.gone: set[str] = set()
        self.login: set[str] = set()
        self.changed: set[str] = set()
        self.delay = 0.0

    def answer(self, path: str) -> tuple[int, list[tuple[str, str]], bytes]:
        if path in self.gone:
            return 410, [("Content-Type", "text/html")], b"<h1>Gone</h1>"
        if path in self.login:
            return 302, [("Location", "/login?next=" + path)], b""
        if path == "/slow.html":
            time.sleep(self.delay)
        if path in ("/page.html", "/slow.html"):
            body = PAGE.replace("позже", "сегодня") if path in self.changed else PAGE
            return 200, [("Content-Type", "text/html; charset=utf-8")], body.encode()
        if path == "/moved":
            return 301, [("Location", "/page.html")], b""
        if path == "/style.css":
            return 200, [("Content-Type", "text/css")], b"body { font-family: sans-serif; }"
        if path == "/photo.png":
            return 200, [("Content-Type", "image/png")], make_image("PNG")
        if path == "/clip.mp4":
            return 200, [("Content-Type", "video/mp4")], make_mp4(seconds=3)
        if path.startswith("/login"):
            return 200, [("Content-Type", "text/html")], b"<form>login</form>"
        return 404, [("Content-Type", "text/html")], b"<h1>Not found</h1>"


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server name
            status, headers, body = site.answer(self.path)
            self.send_response(status)
            for k, v in headers:
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args: object) -> None:
            return None

    return Handler


@contextmanager
def serve(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def web_site() -> Iterator[tuple[str, Site]]:
    site = Site()
    with serve(_handler(site)) as base:
        yield base, site


TS_CONF = """[ tsa ]
default_tsa = tsa1
[ tsa1 ]
dir = {dir}
serial = $dir/serial
crypto_device = builtin
signer_cert = $dir/tsa.crt
signer_key = $dir/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
other_policies = 1.2.3.4.5
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
"""


def _run(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def make_tsa(folder: Path) -> Path:
    """A test root CA and a TSA certificate it signed (timeStamping, critical); returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    _run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "3650",
         "-subj", "/CN=Aqiqat Test Root CA", "-addext", "basicConstraints=critical,CA:TRUE",
         "-addext", "keyUsage=critical,keyCertSign,cRLSign", cwd=folder)
    _run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "tsa.key", "-out", "tsa.csr", "-subj",
         "/CN=Aqiqat Test TSA", cwd=folder)
    (folder / "ext.cnf").write_text("basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n"
                                    "extendedKeyUsage=critical,timeStamping\n")
    _run("x509", "-req", "-in", "tsa.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", "tsa.crt",
         "-days", "3650", "-extfile", "ext.cnf", cwd=folder)
    (folder / "serial").write_text("01\n")
    (folder / "ts.cnf").write_text(TS_CONF.format(dir=folder))
    return folder


def _tsa_handler(folder: Path, mode: dict[str, str]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            query = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            if mode["answer"] == "garbage":
                body = b"this is not a timestamp"
            else:
                with tempfile.TemporaryDirectory() as tmp:
                    (Path(tmp) / "q.tsq").write_bytes(query)
                    subprocess.run(["openssl", "ts", "-reply", "-config", str(folder / "ts.cnf"), "-queryfile",
                                    str(Path(tmp) / "q.tsq"), "-out", str(Path(tmp) / "r.tsr")],
                                   check=True, capture_output=True)
                    body = (Path(tmp) / "r.tsr").read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            return None

    return Handler


@contextmanager
def tsa(folder: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """A running TSA; set mode["answer"] = "garbage" to have it answer nonsense."""
    mode = {"answer": "token"}
    with serve(_tsa_handler(folder, mode)) as base:
        yield base + "/tsa", mode
