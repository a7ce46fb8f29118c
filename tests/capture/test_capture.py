"""Capturing pages from a local server in headless Chromium, timestamped by a local `openssl ts` TSA; re-checks."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from tests.capture.servers import Site, make_tsa, tsa, web_site

from aqiqat.api.access import local_admin
from aqiqat.api.capture import CaptureOptions, capture_url
from aqiqat.api.capture_checks import latest_checks, recheck, verify_timestamps
from aqiqat.api.documents import get_document
from aqiqat.api.integrity import verify_register
from aqiqat.api.register import Register
from aqiqat.capture.warc import validate_wacz
from aqiqat.config import Settings
from aqiqat.domain.enums import Confidentiality
from aqiqat.store.tables import CaptureCheckRow, DocumentRow, SourceRow

pytestmark = pytest.mark.browser
ME = local_admin("tester")


@pytest.fixture(scope="module")
def tsa_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_tsa(tmp_path_factory.mktemp("tsa"))


@pytest.fixture
def site() -> Iterator[tuple[str, Site]]:
    with web_site() as running:
        yield running


@pytest.fixture
def tsa_server(tsa_dir: Path) -> Iterator[tuple[str, dict[str, str]]]:
    with tsa(tsa_dir) as running:
        yield running


def register(tmp_path: Path, **settings: object) -> Register:
    data = tmp_path / "data"
    return Register.initialise(Settings(data_dir=data, database_url=f"sqlite:///{data / 'aqiqat.sqlite'}",
                                        user="tester", **settings))  # type: ignore[arg-type]


def test_a_page_is_captured_as_wacz_with_screenshot_text_and_a_verified_timestamp(
    tmp_path: Path, site: tuple[str, Site], tsa_server: tuple[str, dict[str, str]], tsa_dir: Path
) -> None:
    base, _ = site
    with register(tmp_path, tsa_url=tsa_server[0], tsa_roots=tsa_dir / "ca.crt") as reg:
        outcome = capture_url(reg, ME, base + "/moved")
        assert (outcome.status, outcome.timestamp, outcome.warnings) == ("captured", "verified", [])
        doc = get_document(reg, ME, outcome.document_id or 0)
        assert doc["kind"] == "webpage" and doc["url"] == base + "/moved" and doc["media_type"] == "application/wacz"
        assert doc["title"] == "Задержания в Алматы" and "открыли огонь по автомобилю" in doc["text"]
        assert doc["language"] == "ru"
        cap = doc["meta"]["capture"]
        assert cap["requested_url"] == base + "/moved" and cap["final_url"] == base + "/page.html"
        assert cap["http_status"] == 200 and ["Content-Type", "text/html; charset=utf-8"] in cap["headers"]
        assert cap["captured_at"].endswith("Z") and cap["tls"] is None  # http: no certificate
        assert {"chromium", "playwright", "warcio", "wacz", "trafilatura"} <= set(cap["tools"])
        assert cap["timestamp"]["tsa"] == "CN=Aqiqat Test TSA" and cap["timestamp"]["time"].endswith("Z")
        wacz = reg.files.read(doc["sha256"])
        assert validate_wacz(wacz)
        with zipfile.ZipFile(io.BytesIO(wacz)) as zf:
            names = set(zf.namelist())
            assert {"datapackage.json", "pages/pages.jsonl", "archive/capture.warc.gz"} <= names
            package = json.loads(zf.read("datapackage.json"))
            assert all(r["hash"].startswith("sha256:") for r in package["resources"])
        shot = get_document(reg, ME, cap["screenshot"]["document_id"])
        assert shot["kind"] == "photo" and shot["media_type"] == "image/png"
        assert reg.files.read(shot["sha256"]).startswith(b"\x89PNG")
        (video,) = cap["videos"]  # the page's <video>, fetched with yt-dlp
        assert video["url"] == base + "/clip.mp4" and video["extractor"] in ("generic", "html5")
        clip = get_document(reg, ME, video["document_id"])
        assert (clip["kind"], clip["media_type"]) == ("video", "video/mp4") and "yt-dlp" in cap["tools"]
        stamps = verify_timestamps(reg)
        assert (stamps.checked, stamps.problems) == (1, [])
        assert verify_register(reg).ok


def test_without_a_tsa_the_capture_says_so_and_a_tsa_answering_garbage_is_one_line(
    tmp_path: Path, site: tuple[str, Site], tsa_server: tuple[str, dict[str, str]]
) -> None:
    base, _ = site
    with register(tmp_path / "none") as reg:
        outcome = capture_url(reg, ME, base + "/page.html")
        assert outcome.status == "captured" and outcome.timestamp == "none"
        stamp = get_document(reg, ME, outcome.document_id or 0)["meta"]["capture"]["timestamp"]
        assert stamp == {"status": "none", "note": "no timestamp authority configured (AQIQAT_TSA_URL)"}
    url, mode = tsa_server
    mode["answer"] = "garbage"
    with register(tmp_path / "garbage", tsa_url=url) as reg:
        outcome = capture_url(reg, ME, base + "/page.html")
        assert outcome.status == "captured" and outcome.timestamp == "failed"  # the evidence is kept all the same
        assert len(outcome.warnings) == 1 and "not an RFC 3161 timestamp" in outcome.warnings[0]
        assert "\n" not in outcome.warnings[0]


def test_a_timestamp_checked_against_another_ca_does_not_verify(
    tmp_path: Path, site: tuple[str, Site], tsa_server: tuple[str, dict[str, str]]
) -> None:
    other = make_tsa(tmp_path / "other-ca")
    with register(tmp_path, tsa_url=tsa_server[0]) as reg:
        assert capture_url(reg, ME, site[0] + "/page.html").timestamp == "granted"
    with Register.open(reg.settings.with_(tsa_roots=other / "ca.crt")) as reg2:
        report = verify_register(reg2)
        assert not report.ok and len(report.changed) == 1 and "does not verify" in report.changed[0]


def test_pages_that_cannot_be_captured_leave_nothing_behind(tmp_path: Path, site: tuple[str, Site]) -> None:
    base, server = site
    server.delay = 4.0
    with register(tmp_path) as reg:
        outcomes = [capture_url(reg, ME, base + "/slow.html", CaptureOptions(timeout=1.0)),
                    capture_url(reg, ME, "file:///etc/passwd"),
                    capture_url(reg, ME, "http://no-such-host.invalid/page")]
        assert [o.status for o in outcomes] == ["failed"] * 3
        assert "timed out after 1 s" in outcomes[0].message
        assert "not an http or https address" in outcomes[1].message
        assert "ERR_NAME_NOT_RESOLVED" in outcomes[2].message
        assert all("\n" not in o.message for o in outcomes)
        with reg.reading() as s:
            assert s.scalar(select(func.count()).select_from(DocumentRow)) == 0
        assert list(reg.files.iter_hashes()) == []


def test_recheck_records_unchanged_changed_and_lost_pages(tmp_path: Path, site: tuple[str, Site]) -> None:
    base, server = site
    with register(tmp_path) as reg:
        ids = {}
        for name in ("page.html", "slow.html", "moved"):
            ids[name] = capture_url(reg, ME, f"{base}/{name}").document_id
        first = {c.document_id: c.outcome for c in recheck(reg, ME)}
        assert first == {ids["page.html"]: "unchanged", ids["slow.html"]: "unchanged", ids["moved"]: "unchanged"}
        server.gone.add("/page.html")
        server.changed.add("/slow.html")
        server.login.add("/moved")
        second = {c.document_id: (c.outcome, c.detail) for c in recheck(reg, ME)}
        assert second[ids["page.html"]] == ("lost", "HTTP 410")
        assert second[ids["slow.html"]] == ("changed", "the main text differs")
        assert second[ids["moved"]][0] == "lost" and "login page" in second[ids["moved"]][1]
        lost = latest_checks(reg, ME, "lost")
        assert sorted(r["document_id"] for r in lost) == sorted([ids["page.html"], ids["moved"]])
        with reg.reading() as s:
            assert s.scalar(select(func.count()).select_from(CaptureCheckRow)) == 6  # dated, never overwritten
        assert verify_register(reg).ok


def test_a_restricted_capture_is_sealed_and_its_timestamp_still_verifies(
    tmp_path: Path, site: tuple[str, Site], tsa_server: tuple[str, dict[str, str]], tsa_dir: Path
) -> None:
    base, _ = site
    with register(tmp_path, tsa_url=tsa_server[0], tsa_roots=tsa_dir / "ca.crt") as reg:
        options = CaptureOptions(confidentiality=Confidentiality.RESTRICTED, source="Досжанов, личная страница")
        outcome = capture_url(reg, ME, base + "/page.html", options)
        assert outcome.status == "captured" and outcome.timestamp == "verified"
        again = capture_url(reg, ME, base + "/page.html?again", options)  # the same source, found again
        with reg.reading() as s:
            sources = s.scalars(select(SourceRow)).all()  # named in a restricted capture: sealed with it
            assert len(sources) == 1 and sources[0].confidentiality == "restricted"
            assert all("Досжанов" not in str(r.name) for r in sources), [r.name for r in sources]
            assert s.get(DocumentRow, again.document_id).source_id == sources[0].id  # type: ignore[union-attr]
            rows = s.scalars(select(DocumentRow)).all()
            assert {r.kind for r in rows} == {"webpage", "photo", "video"}
            assert all(r.confidentiality == "restricted" and r.file_sealed and r.text is None for r in rows)
            assert not any(reg.files.has(r.sha256) for r in rows)
        assert "открыли огонь" in get_document(reg, ME, outcome.document_id or 0)["text"]
        raw = b"".join(p.read_bytes() for p in reg.settings.data_dir.rglob("*") if p.is_file())
        assert "открыли огонь".encode() not in raw and b"Content-Type" not in raw and "Досжанов".encode() not in raw
        assert verify_timestamps(reg).checked == 2 and verify_register(reg).ok  # both captures
