"""Attacks on the workbench: SQL and FTS5 syntax in every search and filter, oversized uploads, zip bombs and
path tricks in uploaded file names, on SQLite and on PostgreSQL.

Every answer is a normal one (a page, an empty result or a one-line 4xx), never a 500; afterwards every table
holds what it held, the audit chain verifies, and nothing was written outside the data directory.
"""

from __future__ import annotations

import base64
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import func, select, text
from tests.web.conftest import PASSWORD, ROLES, Seeded, csrf_of, login, seed

from aqiqat.api.access import local_admin
from aqiqat.api.audit import verify_audit
from aqiqat.api.register import Register
from aqiqat.api.users import add_user
from aqiqat.config import Settings
from aqiqat.store import tables
from aqiqat.web import create_app

LIMIT = 64_000  # max_file_bytes of these registers
INJECTIONS = [
    "' OR 1=1 --",
    "' OR '1'='1",
    '"; DROP TABLE events; --',
    "'); DELETE FROM audit_entries; --",
    "1; UPDATE users SET role='admin' --",
    "NEAR(",
    "NEAR(a b, 1)",
    "*",
    "^",
    "title:*",
    '"',
    "a OR b NOT c",
    "%",
    "_",
    "\\",
    "%' --",
    "\x00",
    "a\x00b",
    "ж" * 600,
    "2147483648",
    "99999999999999999999999",
    "-1",
    "Талд*",
    "{{7*7}}",
    "<script>x</script>",
]
# the same few for pages (they call the same service layer as the API), enumerations, dates and numbers
SHORT = ["' OR 1=1 --", '"; DROP TABLE events; --', "NEAR(", "*", "%", "\x00", "99999999999999999999999"]
# parameters that are searched or matched as free text get every payload
TEXTUAL = {"q", "source", "place", "perpetrator", "text", "name", "subject", "entity", "entity_id", "kind"}
# (path, parameters): every list page and API reading that takes a search or a filter
FILTERS: list[tuple[str, tuple[str, ...]]] = [
    ("/documents", ("q", "source", "kind", "language", "published_from", "published_to", "page")),
    ("/events", ("type", "grade", "date_from", "date_to", "place", "perpetrator", "text", "page")),
    ("/people", ("name", "affiliation", "role", "page")),
    ("/claims", ("subject",)),
    ("/timeline", ("date_from", "date_to", "type", "grade")),
    ("/map", ("date_from", "date_to", "type")),
    ("/counts", ("by", "grade", "date_from", "date_to")),
    ("/audit", ("entity", "entity_id", "limit")),
    ("/merge-queue", ("tab",)),
    ("/estimate", ("method", "criterion")),
    ("/api/v1/documents", ("q", "source", "kind", "language", "published_from", "published_to", "limit", "offset")),
    ("/api/v1/events", ("type", "grade", "date_from", "date_to", "place", "perpetrator", "text", "limit", "offset")),
    ("/api/v1/people", ("name", "affiliation", "role", "limit", "offset")),
    ("/api/v1/claims", ("limit", "offset")),
    ("/api/v1/places", ("limit",)),
    ("/api/v1/figures", ("subject",)),
    ("/api/v1/timeline", ("date_from", "date_to", "type", "grade")),
    ("/api/v1/map", ("date_from", "date_to", "type")),
    ("/api/v1/counts", ("by", "grade", "date_from", "date_to")),
    ("/api/v1/audit", ("entity", "entity_id", "limit")),
    ("/api/v1/merge-queue", ("status", "limit")),
    ("/api/v1/inbox", ("kind", "assignee", "limit", "offset")),
    ("/api/v1/documents/{doc}/suggestions", ("status", "kind")),
]
# path parameters: a document is found by id or SHA-256 prefix (a string), the rest by number
PATHS = ["/documents/{x}", "/api/v1/documents/{x}", "/api/v1/documents/{x}/suggestions", "/api/v1/events/{x}",
         "/people/{x}", "/lists/{x}", "/api/v1/lists/{x}/entries", "/suggestions/{x}"]
COUNTED = [tables.DocumentRow, tables.EventRow, tables.PersonRow, tables.ClaimRow, tables.UserRow, tables.AuditRow,
           tables.SourceRow, tables.PlaceRow, tables.SuggestionRow]


@dataclass
class Target:
    reg: Register
    seeded: Seeded
    client: TestClient  # logged in as admin (session cookie); HTTP Basic hashes the password on every request
    csrf: dict[str, str]  # the session's token, as the header unsafe API requests carry
    backend: str


def basic(user: str = "admin") -> dict[str, str]:
    credentials = base64.b64encode(f"{user}:{PASSWORD}".encode()).decode()
    return {"Authorization": "Basic " + credentials, "X-Aqiqat-CSRF": "1"}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def target(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Target]:
    root = tmp_path_factory.mktemp(f"attacks-{request.param}")
    if request.param == "sqlite":
        url = f"sqlite:///{root / 'data' / 'aqiqat.sqlite'}"
    else:
        url = request.getfixturevalue("pg_server").new_database()
    settings = Settings(data_dir=root / "data", database_url=url, max_file_bytes=LIMIT, user="tester")
    reg = Register.initialise(settings)
    for role in ROLES:
        add_user(reg, local_admin("setup"), role, role, PASSWORD)
    seeded = seed(reg)
    client = TestClient(create_app(settings, reg), raise_server_exceptions=False)
    assert login(client, "admin").status_code == 303
    csrf = {"x-csrf-token": client.get("/api/v1/me").json()["csrf_token"]}
    try:
        yield Target(reg, seeded, client, csrf, request.param)
    finally:
        client.close()
        reg.close()


def table_counts(reg: Register) -> dict[str, int]:
    with reg.reading() as s:
        out = {t.__tablename__: int(s.scalar(select(func.count()).select_from(t)) or 0) for t in COUNTED}
        index = "document_search" if reg.settings.database_url.startswith("postgresql") else "document_fts"
        out[index] = int(s.scalar(text(f"SELECT count(*) FROM {index}")) or 0)
    return out


def assert_normal(answer: Any, where: str) -> None:
    assert answer.status_code < 500, f"{where}: {answer.status_code} {answer.text[:300]}"
    if answer.status_code >= 400 and answer.headers.get("content-type", "").startswith("application/json"):
        detail = answer.json()["detail"]
        assert isinstance(detail, str) and "\n" not in detail and "Traceback" not in detail, where
        assert "sqlalchemy" not in detail.lower() and "syntax error" not in detail.lower(), where


def empty_result(body: Any) -> bool:
    """A list answer that found nothing (an injected OR 1=1 would have found everything)."""
    if isinstance(body, list):
        return body == []
    if isinstance(body, dict) and "items" in body:
        return body["items"] == [] and body.get("total", 0) == 0
    if isinstance(body, dict) and "claims" in body:
        return body["claims"] == []
    return True  # counts: a summary, not a list of rows


def test_search_and_filters_cannot_change_sql(target: Target) -> None:
    client, s = target.client, target.seeded
    before = table_counts(target.reg)
    # the filters work: a real value finds the seeded records (so an empty answer below means "not found")
    assert client.get("/api/v1/events", params={"text": "Обстрел"}).json()["total"] == 1
    assert client.get("/api/v1/documents", params={"q": "обстреляли"}).json()["total"] == 1
    assert client.get("/api/v1/people", params={"name": "Сапаров"}).json()["total"] == 1
    for path, params in FILTERS:
        path = path.format(doc=s.public_doc)
        for param in params:
            for payload in INJECTIONS if path.startswith("/api/") and param in TEXTUAL else SHORT:
                where = f"{path}?{param}={payload[:30]!r}"
                answer = client.get(path, params={param: payload})
                assert_normal(answer, where)
                if answer.status_code == 200 and path.startswith("/api/") and param not in ("limit", "offset"):
                    assert empty_result(answer.json()), where
    for path in PATHS:
        for payload in [*SHORT, "../../etc/passwd", "1 OR 1=1", "-1"]:
            answer = client.get(path.format(x=quote(payload, safe="")))
            assert_normal(answer, f"{path} {payload[:30]!r}")
            assert answer.status_code in (404, 405, 422), (path, payload, answer.status_code)
    assert table_counts(target.reg) == before
    assert client.get("/api/v1/events").json()["total"] == 1
    entries, problems = verify_audit(target.reg)
    assert entries > 0 and problems == []


def test_injection_stored_as_data_stays_data(target: Target) -> None:
    """An event titled with SQL is kept and found as text, and the other records are untouched."""
    client = target.client
    before = table_counts(target.reg)
    title = "x'); DROP TABLE events; -- Обстрел"
    script = TestClient(client.app)  # HTTP Basic, no session cookie (a session would need the CSRF token)
    made = script.post("/api/v1/events", json={"type": "shooting", "title": title}, headers=basic())
    assert made.status_code == 201, made.text
    assert client.get(f"/api/v1/events/{made.json()['id']}").json()["title"] == title
    found = client.get("/api/v1/events", params={"text": "DROP TABLE"}).json()
    assert [e["title"] for e in found["items"]] == [title]
    after = table_counts(target.reg)
    assert after["events"] == before["events"] + 1 and after["documents"] == before["documents"]


def multipart(field: str, filename: bytes, data: bytes, fields: dict[str, str] | None = None) -> tuple[bytes, str]:
    """A multipart body written by hand, so that the file name goes out byte for byte (httpx would escape it)."""
    boundary = b"aqiqat-attack-boundary"
    parts = [
        b"--" + boundary + b'\r\nContent-Disposition: form-data; name="' + name.encode() + b'"\r\n\r\n'
        + value.encode() + b"\r\n"
        for name, value in (fields or {}).items()
    ]
    parts.append(
        b"--" + boundary + b'\r\nContent-Disposition: form-data; name="' + field.encode() + b'"; filename="'
        + filename + b'"\r\nContent-Type: application/octet-stream\r\n\r\n' + data + b"\r\n"
    )
    return b"".join(parts) + b"--" + boundary + b"--\r\n", "multipart/form-data; boundary=" + boundary.decode()


def tree(root: Path, skip: Path) -> dict[str, int]:
    return {str(p): p.stat().st_size for p in root.rglob("*") if p.is_file() and skip not in p.parents}


def zip_bomb_docx(unpacked: int) -> bytes:
    """A Word document whose one paragraph unpacks to `unpacked` bytes of spaces (a few KB packed)."""
    body = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"/>')
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(body)
            chunk = b" " * 1_000_000
            for _ in range(unpacked // len(chunk)):
                f.write(chunk)
            f.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return out.getvalue()


def test_uploads_over_the_limit_and_zip_bombs_are_refused(target: Target) -> None:
    script = TestClient(target.client.app, raise_server_exceptions=False)
    data_dir = target.reg.settings.data_dir
    before, files_before = table_counts(target.reg), tree(data_dir, data_dir / "keys")
    big = ("Текст о событиях в Алматы. " * 5000).encode()[: LIMIT + 1]
    bomb = zip_bomb_docx(40_000_000)
    assert len(bomb) < LIMIT
    token = csrf_of(target.client.get("/documents").text)
    attempts = [
        ("api", script.post("/api/v1/documents", files={"file": ("big.txt", big)}, headers=basic())),
        ("page", target.client.post("/documents", files={"file": ("big.txt", big)}, data={"csrf_token": token})),
        ("anonymous", TestClient(target.client.app).post("/api/v1/documents", files={"file": ("big.txt", big)})),
        ("list", target.client.post("/api/v1/lists", files={"file": ("big.csv", b"name\n" + big)},
                                    data={"source": "x", "columns": "name=name"}, headers=target.csrf)),
        ("bomb", target.client.post("/api/v1/documents", files={"file": ("bomb.docx", bomb)}, headers=target.csrf)),
        ("bomb page", target.client.post("/documents", files={"file": ("bomb.docx", bomb)},
                                         data={"csrf_token": token})),
    ]
    for what, answer in attempts:
        assert_normal(answer, what)
        assert answer.status_code in (401, 403, 413, 422), (what, answer.status_code, answer.text[:200])
    # far beyond the limit: refused while it arrives, before log-in, never spooled to a temporary file
    huge = TestClient(target.client.app).post("/api/v1/documents", files={"file": ("huge.txt", b"x" * 3_000_000)})
    assert huge.status_code == 413
    assert "zip bomb" in attempts[4][1].json()["detail"]
    assert table_counts(target.reg) == before
    assert tree(data_dir, data_dir / "keys") == files_before
    # the limit itself is allowed
    exact = target.client.post(
        "/api/v1/documents", files={"file": ("exact.txt", b"x" * (LIMIT - 1) + b".")}, headers=target.csrf
    )
    assert exact.status_code == 200 and exact.json()["status"] == "added", exact.text[:200]


TRICKS = [
    b"../../etc/passwd.txt",
    b"..\\..\\..\\windows\\win.txt",
    b"/etc/cron.d/aqiqat.txt",
    b"C:\\Windows\\System32\\evil.txt",
    b"a\x00b.txt",
    b"x" * 1000 + b".txt",
    "отчёт\u202etxt.exe.txt".encode(),
    b'<img src=x onerror="window.__xss=1">.txt',
    b"..",
    b".",
    b"%2e%2e%2fescape.txt",
    "\u200f\u2066имя\u2069.txt".encode(),
    b"\x1b[31mred.txt",
]


def test_path_tricks_in_file_names_are_neutralised(target: Target, tmp_path_factory: pytest.TempPathFactory) -> None:
    client = target.client
    data_dir = target.reg.settings.data_dir
    outside = data_dir.parent
    before = tree(outside, data_dir)
    for i, name in enumerate(TRICKS):
        body, content_type = multipart("file", name, f"Свидетельство номер {i} о событиях {target.backend}.".encode())
        answer = client.post("/api/v1/documents", content=body, headers={**target.csrf, "content-type": content_type})
        where = f"{name[:40]!r}"
        assert_normal(answer, where)
        if answer.status_code != 200:
            assert answer.status_code in (400, 422), (where, answer.text[:200])
            continue
        doc = client.get(f"/api/v1/documents/{answer.json()['document_id']}").json()
        stored = doc["original_name"]
        assert "/" not in stored and not stored.startswith("..\\") and len(stored) <= 255, (where, stored)
        assert all(c.isprintable() for c in stored), (where, stored)  # no NUL, no escape, no bidi override
        page = client.get(f"/documents/{doc['id']}")
        assert page.status_code == 200
        assert "<img src=x" not in page.text and "\u202e" not in page.text and "\x00" not in page.text
    # a photo has no title of its own: its file name is its title, shown (escaped) in the list and its page
    photo = io.BytesIO()
    Image.new("RGB", (2, 2), (len(target.backend), 0, 0)).save(photo, "PNG")
    body, content_type = multipart("file", b'<img src=x onerror="window.__xss=1">\xe2\x80\xae.png', photo.getvalue())
    answer = client.post("/api/v1/documents", content=body, headers={**target.csrf, "content-type": content_type})
    assert answer.status_code == 200 and answer.json()["status"] == "added", answer.text[:300]
    for url in (f"/documents/{answer.json()['document_id']}", "/documents"):
        page = client.get(url).text
        assert "<img src=x" not in page and "&lt;img src=x onerror=" in page and "\u202e" not in page, url
    assert tree(outside, data_dir) == before, "a file was written outside the data directory"
    assert not Path("/etc/cron.d/aqiqat.txt").exists() and not Path("/etc/passwd.txt").exists()


@pytest.mark.parametrize(
    "name",
    TRICKS,
    ids=lambda n: repr(n[:24]),
)
def test_list_imports_with_path_tricks_in_file_names(target: Target, name: bytes) -> None:
    data_dir = target.reg.settings.data_dir
    before = tree(data_dir.parent, data_dir)
    client = target.client
    body, content_type = multipart("file", name.replace(b".txt", b".csv"), "name\nЕрлан Сапаров\n".encode(),
                                   {"source": "Список", "columns": "name=name"})
    answer = client.post("/api/v1/lists", content=body, headers={**target.csrf, "content-type": content_type})
    assert_normal(answer, repr(name[:40]))
    if answer.status_code == 200:
        listed = {x["id"]: x for x in client.get("/api/v1/lists").json()}[answer.json()["list_id"]]
        assert "/" not in listed["name"] and all(c.isprintable() for c in listed["name"]), listed["name"]
        page = client.get(f"/lists/{listed['id']}")
        assert page.status_code == 200 and "<img src=x" not in page.text and "\u202e" not in page.text
    else:
        assert answer.status_code == 422, answer.text[:200]
    assert tree(data_dir.parent, data_dir) == before
