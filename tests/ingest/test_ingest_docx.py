"""DOCX: paragraphs and tables in order, core properties; not-a-zip, not-Word and zip bombs refused; pictures
never unpacked."""

from __future__ import annotations

import io
import tracemalloc
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from ingest_samples import KK_TESTIMONY, RU_REPORT, add_zip_entry, declare_uncompressed_size, make_docx

from aqiqat.ingest.errors import IngestError
from aqiqat.ingest.media_types import DOCX_TYPE
from aqiqat.ingest.readers import read_bytes, read_path

VICTIMS = [["Фамилия, имя", "Возраст", "Место гибели"],
           ["Ахметов Серик", "34", "Талдыкорган"],
           ["Касенова Айгерим", "27", "Алматы"]]


@pytest.fixture(scope="module")
def testimony_docx() -> bytes:
    return make_docx(RU_REPORT.splitlines(), VICTIMS, title="Показания свидетеля №12",
                     author="Мониторинговая группа", created=datetime(2022, 1, 20, 14, 5))


def test_docx_paragraphs_tables_and_properties(tmp_path: Path, testimony_docx: bytes) -> None:
    path = tmp_path / "показания.docx"
    path.write_bytes(testimony_docx)
    result = read_path(path)
    assert result.media_type == DOCX_TYPE
    lines = (result.text or "").split("\n")
    assert lines[:3] == RU_REPORT.splitlines()
    assert lines[3:6] == ["\t".join(row) for row in VICTIMS]
    assert lines[6] == "После таблицы."
    assert result.title == "Показания свидетеля №12"
    assert result.author == "Мониторинговая группа"
    assert result.published_at == date(2022, 1, 20)
    assert result.metadata["docx"]["created"] == "2022-01-20T14:05:00+00:00"
    assert result.language == "ru"


def test_docx_without_title_takes_first_paragraph() -> None:
    result = read_bytes(make_docx(KK_TESTIMONY.splitlines()), "kk.docx")
    assert result.title == KK_TESTIMONY.splitlines()[0]
    assert result.language == "kk"


def test_docx_that_is_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "letter.docx"
    path.write_text("Это обычный текст, сохранённый с расширением .docx", encoding="utf-8")
    with pytest.raises(IngestError) as err:
        read_path(path)
    assert str(err.value) == f"{path}: DOCX is not a zip archive (damaged, or not a Word document)"


def test_truncated_docx_is_refused(testimony_docx: bytes) -> None:
    with pytest.raises(IngestError, match=r"^cut\.docx: DOCX is (not a zip archive|a damaged zip)"):
        read_bytes(testimony_docx[: len(testimony_docx) // 2], "cut.docx")


def test_zip_that_is_not_a_word_document() -> None:
    archive = add_zip_entry(b"", "photos/readme.txt", "Фото с площади".encode())
    with pytest.raises(IngestError, match=r"^archive\.docx: zip archive is not a Word document"):
        read_bytes(archive, "archive.docx")
    with pytest.raises(IngestError, match=r"^archive\.zip: unsupported file type \(application/zip\)"):
        read_bytes(archive, "archive.zip")


def test_markup_over_ten_times_the_limit_is_refused(testimony_docx: bytes) -> None:
    bomb = add_zip_entry(testimony_docx, "word/padding.xml", b"<a/>" + b" " * (3 * 1024 * 1024))
    assert len(bomb) < 100_000
    with pytest.raises(IngestError, match=r"^bomb\.docx: DOCX would unpack to more than 1 MB of text.*zip bomb"):
        read_bytes(bomb, "bomb.docx", max_bytes=100_000)
    assert read_bytes(bomb, "fine.docx", max_bytes=1024 * 1024).text  # 10 MB allowed: read


def test_markup_over_64_megabytes_is_refused_whatever_the_limit(testimony_docx: bytes) -> None:
    bomb = add_zip_entry(testimony_docx, "word/huge.xml", b"<a/>" * 250)
    lying = declare_uncompressed_size(bomb, "word/huge.xml", 900 * 1024 * 1024)
    with pytest.raises(IngestError, match=r"would unpack to more than 64 MB of text"):
        read_bytes(lying, "huge.docx", max_bytes=10 * 1024**3)


def with_picture(docx: bytes, picture: bytes) -> bytes:
    """The document with a picture its body refers to (so a reader that loads every part loads it too)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/_rels/document.xml.rels":
                rel = ('<Relationship Id="rId99" Target="media/image9.png" Type="http://schemas.openxmlformats.org/'
                       'officeDocument/2006/relationships/image"/></Relationships>')
                data = data.replace(b"</Relationships>", rel.encode())
            if info.filename == "[Content_Types].xml" and b'Extension="png"' not in data:
                data = data.replace(b"<Default ", b'<Default Extension="png" ContentType="image/png"/><Default ', 1)
            dst.writestr(info, data)
        dst.writestr("word/media/image9.png", picture)
    return out.getvalue()


def test_pictures_are_never_unpacked(testimony_docx: bytes) -> None:
    """A picture inside a DOCX that would unpack to 100 MB costs nothing: only the text parts are read."""
    bomb = with_picture(testimony_docx, b"\x00" * (100 * 1024 * 1024))
    assert len(bomb) < 300_000
    tracemalloc.start()
    try:
        result = read_bytes(bomb, "photo-bomb.docx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (result.text or "").split("\n")[:3] == RU_REPORT.splitlines()
    assert peak < 20 * 1024 * 1024, f"{peak / 1024**2:.0f} MB held while reading"
