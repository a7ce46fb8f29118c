"""The same photo posted many times: hashed through the service layer, found again across documents, posts
and captures, and never shown to a reader not cleared for the document it is in."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select
from tests.ingest.image_fixtures import distinct_image, jpeg, variants, video
from tests.ingest.telegram_fixtures import chat, message, ts, write_export
from typer.testing import CliRunner

from aqiqat.api.access import Principal, local_admin
from aqiqat.api.ingest import IngestOptions, ingest_bytes
from aqiqat.api.perceptual import also_seen_in, hash_documents
from aqiqat.api.register import Register
from aqiqat.api.telegram_import import import_path
from aqiqat.cli.main import app
from aqiqat.config import Settings
from aqiqat.domain.enums import Confidentiality, UserRole
from aqiqat.store.tables import PerceptualHashRow, TelegramMessageRow

ME = local_admin("tester")
VIEWER = Principal("viewer", UserRole.VIEWER)


def test_a_photo_reposted_in_a_telegram_export_and_a_restricted_file_is_found_again(
    settings: Settings, tmp_path: Path
) -> None:
    photo = distinct_image(42)
    forms = variants(photo)
    folder = write_export(tmp_path / "export", chat("Канал", 77, [
        message(1, ts(8), "Фото с места событий", photo="photos/p1.jpg"),
        message(2, ts(8, 13), "Другое фото", photo="photos/p2.jpg"),
    ]), {"photos/p1.jpg": forms["watermarked"], "photos/p2.jpg": jpeg(distinct_image(43))})
    with Register.initialise(settings) as reg:
        original = ingest_bytes(reg, ME, jpeg(photo), "original.jpg", IngestOptions(
            confidentiality=Confidentiality.PUBLIC))
        secret = ingest_bytes(reg, ME, forms["resized to half"], "from-witness.jpg", IngestOptions(
            confidentiality=Confidentiality.RESTRICTED))
        clip = ingest_bytes(reg, ME, video(5), "clip.mp4")
        assert import_path(reg, ME, folder).failed == []
        report = hash_documents(reg, ME)
        assert report.failed == {} and len(report.done) == 5  # two photos, a video, and the two posted photos
        assert report.done[clip.document_id or 0] == 3  # one frame a second
        assert hash_documents(reg, ME).done == {}  # hashed once
        with reg.reading() as s:
            posted = s.scalar(select(TelegramMessageRow.document_id).where(TelegramMessageRow.message_id == 1))
            from aqiqat.store.tables import DocumentRow

            post = s.get(DocumentRow, posted)
            assert post is not None
            photo_doc = post.meta["telegram"]["media"][0]["document_id"]
            assert s.scalar(select(func.count()).select_from(PerceptualHashRow)) == 4 * 3 + 3  # photo: 3 crops
        seen = also_seen_in(reg, ME, original.document_id or 0)
        assert [m["distance"] for m in seen] == sorted(m["distance"] for m in seen)  # closest first
        assert {m["document_id"] for m in seen} == {photo_doc, secret.document_id}
        assert all(m["distance"] <= 31 for m in seen)
        assert {m["document_id"] for m in also_seen_in(reg, VIEWER, original.document_id or 0)} == {photo_doc}
        assert also_seen_in(reg, ME, clip.document_id or 0) == []


def test_a_file_that_is_not_what_it_says_is_one_line_and_ingest_hashes_new_pictures(tmp_path: Path) -> None:
    runner = CliRunner()
    base = ["--data-dir", str(tmp_path / "reg")]
    env = {"AQIQAT_DATABASE_URL": ""}
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.jpg").write_bytes(jpeg(distinct_image(1)))
    (tmp_path / "in" / "b.png").write_bytes(variants(distinct_image(1))["as PNG"])
    assert runner.invoke(app, [*base, "init"], env=env).exit_code == 0
    result = runner.invoke(app, [*base, "ingest", str(tmp_path / "in"), "--no-extract"], env=env)
    assert result.exit_code == 0, result.stderr
    assert "2 images and videos hashed" in result.stdout
    shown = runner.invoke(app, [*base, "seen", "1", "--json"], env=env)
    assert shown.exit_code == 0 and '"document_id": 2' in shown.stdout and '"distance": 0' in shown.stdout
    with Register.open(Settings.load(data_dir=tmp_path / "reg", env={})) as reg:
        with reg.reading() as s:  # a stored file replaced behind the register's back by what is not a picture
            from aqiqat.store.tables import DocumentRow

            row = s.get(DocumentRow, 1)
            assert row is not None
            path = reg.files.path(row.sha256)
        with reg.unit(ME) as unit:
            unit.session.query(PerceptualHashRow).filter(PerceptualHashRow.document_id == 1).delete()
        path.chmod(0o644)
        path.write_bytes(b"\xff\xd8\xff not a jpeg any more")
        report = hash_documents(reg, ME)
        assert list(report.failed) == [1] and "not an image that can be read" in report.failed[1]
        assert "\n" not in report.failed[1]
        assert hash_documents(reg, ME).failed == {}  # reported once, not at every run
        assert also_seen_in(reg, ME, 2) == []  # a file that could not be hashed matches nothing
