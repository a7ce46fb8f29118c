"""The canary: a witness named in a restricted testimony reaches no reader below clearance and no disk in clear.

An editor accepts every suggestion of a restricted testimony through the HTTP API (and, in a second testimony,
only its claims and quotes, so that they stand without an event). Then every GET route of /openapi.json (each
entity and ids 1-25; every list page's export in CSV and XLSX, unpacked) and every page is fetched as a viewer
and as an analyst, the register is exported for them in every format and every report is made for them (PDF
read with pdftotext, DOCX, XLSX and zips unpacked),
and the raw database (with its WAL), the file store, a backup and a pg_dump are searched. A person who was public
and is then made restricted must vanish the same way from lists, the merge queue and involvements.
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

from fastapi.testclient import TestClient
from tests.web.conftest import PASSWORD, login

from aqiqat.api.access import local_admin
from aqiqat.api.backup import backup
from aqiqat.api.export import export_register
from aqiqat.api.extract import extract_documents
from aqiqat.api.ingest import IngestOptions, ingest_bytes
from aqiqat.api.linking import judge, link, queue
from aqiqat.api.lists import import_list
from aqiqat.api.pg_tools import libpq_env, pg_bin
from aqiqat.api.records import add_involvement, create, get_record, update
from aqiqat.api.register import Register
from aqiqat.api.users import add_user, principal_for
from aqiqat.config import Settings
from aqiqat.domain.enums import Confidentiality, DocumentKind
from aqiqat.web import create_app

WITNESS = "Гульнара Сейткали"
SOURCE = "Азамат Тлеуов (свидетель)"
URL = "https://t.me/tleuov_private/4411"
SECRETS = ("Сейткали", "Тлеуов", "tleuov_private")
TESTIMONY = (
    "Алматы, 6 января 2022 года.\n"
    f"{WITNESS} заявила, что погибли не менее 17 человек.\n"
    f"«Солдаты стреляли в толпу», — сказала {WITNESS}.\n"
    "Военные задержали её брата у здания акимата."
)
SECOND = (
    "Талдыкорган, 8 января 2022 года.\n"
    f"По словам {WITNESS[:-1]}и, раненых было не менее 30.\n"
    f"«Нам никто не помогал», — сказала {WITNESS}."
)
RENAMED = "Болат Жаксылыков"


def _found(text: str) -> list[str]:
    return [s for s in SECRETS if s in text]


def _accept(client: TestClient, doc_id: int, kinds: set[str] | None = None) -> None:
    token = client.get("/api/v1/me").json()["csrf_token"]
    for sug in client.get(f"/api/v1/documents/{doc_id}/suggestions").json():
        if kinds is not None and sug["kind"] not in kinds:
            continue
        answer = client.post(
            f"/api/v1/suggestions/{sug['id']}/decision",
            json={"version": sug["version"], "action": "accept"},
            headers={"X-CSRF-Token": token},
        )
        assert answer.status_code == 200, (sug["kind"], answer.text)


def _urls(app_client: TestClient) -> list[str]:
    """Every GET route of the API (from /openapi.json) and of the pages, each path id from 1 to 25."""
    paths = list(app_client.get("/openapi.json").json()["paths"].items())
    api = [p for p, ops in paths if "get" in ops]
    pages = [r.path for r in app_client.app.routes if "GET" in getattr(r, "methods", set())]  # type: ignore[attr-defined]
    out: list[str] = []
    for path in sorted(set(api) | set(pages)):
        if path.startswith(("/static", "/logout", "/openapi", "/docs", "/redoc")):
            continue
        if "{" not in path:
            out.append(path)
            continue
        formats = ("csv", "xlsx") if "{fmt}" in path else ("",)
        for fmt in formats:  # a list page's export: each format, opened below like any file
            shaped = path.replace("{fmt}", fmt) if fmt else path
            if "{" not in shaped:
                out.append(shaped)
                continue
            for i in range(1, 26):
                out.append(re.sub(r"\{[^}]+\}", str(i), shaped))
    return out


EXPORT_FORMATS = ("acled", "geojson", "uwazi", "hxl", "popolo", "xlsx")


def _text_of(body: bytes) -> str:
    """What a file says, whatever it is: a zip's members (Uwazi, XLSX, DOCX) and a PDF's text (pdftotext)."""
    if body.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(body)) as z:
            return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    if body.startswith(b"%PDF"):
        done = subprocess.run(["pdftotext", "-", "-"], input=body, capture_output=True, check=True)
        return done.stdout.decode("utf-8", "replace")
    return body.decode("utf-8", "replace")


def _exports_and_reports(client: TestClient) -> list[tuple[str, str]]:
    """Every export format and every report a reader can ask for, as (what, its text)."""
    out = [(f"export {fmt}", _text_of(client.get(f"/api/v1/export/{fmt}").content)) for fmt in EXPORT_FORMATS]
    asks = [f"event?ref={i}" for i in range(1, 8)] + [f"person?ref={i}" for i in range(1, 8)]
    asks += ["list?ref=all", "list?ref=1", "period?date_from=2022-01-01&date_to=2022-12-31"]
    for ask in asks:
        for fmt in ("pdf", "docx"):
            answer = client.get(f"/api/v1/reports/{ask.replace('?', f'?format={fmt}&')}")
            assert answer.status_code < 500, (ask, fmt, answer.status_code)
            if answer.status_code == 200:
                out.append((f"report {ask} {fmt}", _text_of(answer.content)))
    return out


def _raw(settings: Settings, extra: list[Path]) -> bytes:
    chunks = [p.read_bytes() for root in [settings.data_dir, *extra] for p in root.rglob("*") if p.is_file()]
    if not settings.is_sqlite:
        from sqlalchemy.engine import make_url

        args, env = libpq_env(make_url(settings.database_url))
        dump = subprocess.run([pg_bin("pg_dump"), "--format=plain", *args], capture_output=True, env=env, check=True)
        chunks.append(dump.stdout)
    return b"\n".join(chunks)


def test_nothing_derived_from_a_restricted_testimony_reaches_a_lower_clearance(
    settings: Settings, tmp_path: Path
) -> None:
    reg = Register.initialise(settings)
    try:
        me = local_admin("setup")
        for role in ("viewer", "analyst", "editor"):
            add_user(reg, me, role, role, PASSWORD)
        restricted = IngestOptions(
            source=SOURCE, url=URL, kind=DocumentKind.TESTIMONY, confidentiality=Confidentiality.RESTRICTED,
            consent_note="oral", language="ru",
        )
        first = ingest_bytes(reg, me, TESTIMONY.encode(), "testimony.txt", restricted)
        second = ingest_bytes(reg, me, SECOND.encode(), "testimony-2.txt", restricted)
        public = ingest_bytes(
            reg, me, "7 января в Алматы военные открыли огонь. Погиб Ерлан Сапаров.".encode(), "report.txt",
            IngestOptions(source="Открытый отчёт", kind=DocumentKind.ARTICLE, language="ru"),
        )
        assert first.document_id and second.document_id and public.document_id
        extract_documents(reg, me, workers=1)
        app = create_app(settings, reg)
        editor = TestClient(app)
        login(editor, "editor")
        _accept(editor, first.document_id)
        _accept(editor, second.document_id, {"claim", "figure", "quote"})
        _accept(editor, public.document_id)
        seen_by_editor = " ".join(editor.get(u).text for u in ("/claims", "/api/v1/claims", "/documents"))
        assert "Сейткали" in seen_by_editor  # the cleared see it: the checks below are not vacuous

        # a public person on a list, in the merge queue and in an event, later made restricted
        person = create(reg, me, "person", {"display_name": RENAMED, "surname": "Жаксылыков", "given_name": "Болат"})
        event = create(reg, me, "event", {"type": "detention", "title": "Задержание у акимата"})
        add_involvement(reg, me, event["id"], "victim", person_id=person["id"], harm="detained")
        names = ["Жаксылыков Болат", "Сапаров Ерлан", "Абенов Нурлан", "Ким Виктор", "Омарова Айжан",
                 "Касымов Даурен", "Исаева Гульмира", "Тлеубаев Серик", "Мусин Арман", "Бекова Динара"]
        for n, title in enumerate(("Список задержанных", "Список правозащитников")):
            path = tmp_path / f"list{n}.csv"
            rows = [f"{name},{30 + names.index(name)},2022-01-0{5 + names.index(name) % 3},Алматы"
                    for name in names[n:] + names[:n]]
            path.write_text("ФИО,Возраст,Дата,Место\n" + "\n".join(rows) + "\n", encoding="utf-8")
            import_list(reg, me, path, title, {"name": "ФИО", "age": "Возраст", "date": "Дата", "place": "Место"})
        link(reg, me, threshold=0.5)
        pairs = [q for q in queue(reg, "pending", 1000) if "Жаксылыков" in str(q["field_weights"].get("_names"))]
        assert any(f"p:{person['id']}" in (q["left_ref"], q["right_ref"]) for q in pairs), "in the merge queue"
        for pair in pairs:  # the person and both list rows are one person
            judge(reg, me, pair["id"], "positive")
        current = get_record(reg, me, "person", person["id"])
        update(reg, me, "person", person["id"], current["version"], {"confidentiality": "restricted"})

        for role in ("viewer", "analyst"):
            client = TestClient(app)
            login(client, role)
            for url in _urls(client):
                answer = client.get(url)
                assert answer.status_code < 500, (role, url, answer.status_code)
                text = _text_of(answer.content)  # a page, JSON, or an export's CSV or XLSX unpacked
                assert not _found(text), (role, url, _found(text))
                if "documents" not in url and "/search" not in url:  # the list's own file still names them
                    assert "Жаксылыков" not in text, (role, url)
            for what, text in _exports_and_reports(client):
                assert not _found(text), (role, what, _found(text))
            out = tmp_path / f"export-{role}"
            export_register(reg, principal_for(reg, role), "csv", out)
            export_register(reg, principal_for(reg, role), "json", out / "all.json")
            for f in out.rglob("*"):
                if f.is_file():
                    text = f.read_text(encoding="utf-8")
                    assert not _found(text), (role, f.name)
                    if f.name not in ("documents.csv", "all.json"):
                        assert "Жаксылыков" not in text, (role, f.name)
        backup_dir = tmp_path / "backup"
        backup(reg, me, backup_dir)
        raw = _raw(settings, [backup_dir])
        if settings.is_sqlite:
            assert Path(str(settings.database_url).split("///")[1] + "-wal").exists()
        for secret in SECRETS:
            assert secret.encode("utf-8") not in raw, secret
    finally:
        reg.close()
