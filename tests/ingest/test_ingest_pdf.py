"""PDF: Cyrillic text of every page and metadata; encrypted, truncated and damaged files refused."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from ingest_samples import EN_STATEMENT, RU_REPORT, RU_SHORT, encrypt_pdf, make_pdf

from aqiqat.ingest.errors import IngestError
from aqiqat.ingest.readers import read_bytes, read_path


@pytest.fixture(scope="module")
def report_pdf() -> bytes:
    return make_pdf([RU_REPORT, RU_SHORT], title="Доклад о событиях в Талдыкоргане",
                    author="Правозащитный центр «Истина»", created=datetime(2022, 2, 3, 10, 0, tzinfo=UTC))


def test_pdf_text_of_all_pages_and_metadata(tmp_path: Path, report_pdf: bytes) -> None:
    path = tmp_path / "доклад.pdf"
    path.write_bytes(report_pdf)
    result = read_path(path)
    assert result.media_type == "application/pdf"
    assert result.text is not None
    assert "Вечером 7 января в Талдыкоргане военные открыли огонь" in result.text
    assert "избит в изоляторе" in result.text
    assert result.title == "Доклад о событиях в Талдыкоргане"
    assert result.author == "Правозащитный центр «Истина»"
    assert result.published_at == date(2022, 2, 3)
    assert result.language == "ru"
    meta = result.metadata
    assert meta["page_count"] == 2
    assert meta["encrypted"] is False
    assert meta["date_source"] == "pdf_creation_date"
    second = meta["page_starts"][1]
    assert result.text[second:].startswith("Задержан в Алматы")


def test_pdf_without_info_takes_title_from_text() -> None:
    result = read_bytes(make_pdf([EN_STATEMENT]), "statement.pdf")
    assert result.title.startswith("Security forces opened fire")
    assert result.language == "en"


def test_pdf_without_text_layer_is_kept_as_evidence() -> None:
    result = read_bytes(make_pdf([""]), "scan.pdf")
    assert result.text is None
    assert result.language is None
    assert result.metadata["text_layer"] is False
    assert result.title == "scan.pdf"


def test_encrypted_pdf_is_refused(report_pdf: bytes) -> None:
    with pytest.raises(IngestError) as err:
        read_bytes(encrypt_pdf(report_pdf, "secret"), "report.pdf")
    assert str(err.value) == "report.pdf: PDF is encrypted (it needs a password)"


def test_pdf_with_empty_user_password_is_read(report_pdf: bytes) -> None:
    result = read_bytes(encrypt_pdf(report_pdf, ""), "restricted.pdf")
    assert result.text is not None and "Талдыкоргане" in result.text
    assert result.metadata["encrypted"] is True


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.9, 0.999])
def test_truncated_pdf_is_refused(report_pdf: bytes, keep: float) -> None:
    with pytest.raises(IngestError, match=r"^cut\.pdf: PDF is truncated or damaged"):
        read_bytes(report_pdf[: int(len(report_pdf) * keep)], "cut.pdf")


def test_damaged_pdf_body_is_refused(report_pdf: bytes) -> None:
    damaged = report_pdf[:20] + b"\x00garbage" * 50 + report_pdf[-40:]
    with pytest.raises(IngestError, match=r"^broken\.pdf: PDF is damaged"):
        read_bytes(damaged, "broken.pdf")


def test_file_named_pdf_that_is_not_one() -> None:
    with pytest.raises(IngestError, match=r"^fake\.pdf: not a PDF"):
        read_bytes(b"\x01\x02 this is not a pdf at all " * 10, "fake.pdf")


def test_pdf_found_by_magic_whatever_its_name(report_pdf: bytes) -> None:
    result = read_bytes(report_pdf, "report.txt")
    assert result.media_type == "application/pdf"
    assert result.metadata["media_type_from"] == "magic"
