"""Plain text in every encoding a Russian or Kazakh user meets: detected, never mangled."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest
from ingest_samples import EN_STATEMENT, KK_TESTIMONY, RU_REPORT, RU_SHORT

from aqiqat.ingest.errors import IngestError
from aqiqat.ingest.readers import read_path

SEED = Path(__file__).resolve().parents[2] / ".." / "shared" / "seed" / "000_650a3b2ff033411a.txt"

RU_WORDS = ["Привет", "Шёл дождь.", "Да, это так.", "ВСЕ ЗАГЛАВНЫЕ БУКВЫ", "Съешь же ещё этих мягких булок.",
            "№ 5 — «Ок»", RU_SHORT, RU_REPORT]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_utf8_text_is_byte_identical_with_crlf_and_trailing_blanks(tmp_path: Path) -> None:
    text = "  " + RU_REPORT.replace("\n", "\r\n") + "\r\n\r\n  \t"
    data = text.encode("utf-8")
    result = read_path(write(tmp_path, "report.txt", data))
    assert result.text == text
    assert result.text is not None and result.text.encode(result.encoding or "") == data
    assert result.encoding == "utf-8"
    assert result.media_type == "text/plain"
    assert result.language == "ru"
    assert result.title == RU_REPORT.splitlines()[0]
    assert result.size == len(data)
    assert result.kind_hint is None


def test_utf8_bom_is_not_part_of_the_text(tmp_path: Path) -> None:
    data = codecs.BOM_UTF8 + KK_TESTIMONY.encode("utf-8")
    result = read_path(write(tmp_path, "куәлік.txt", data))
    assert result.text == KK_TESTIMONY
    assert result.encoding == "utf-8-sig"
    assert result.language == "kk"
    assert result.text.encode("utf-8-sig") == data


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path: Path, codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if codec == "utf-16-le" else codecs.BOM_UTF16_BE
    text = RU_REPORT.replace("\n", "\r\n")
    result = read_path(write(tmp_path, "notes.txt", bom + text.encode(codec)))
    assert result.text == text
    assert result.encoding == "utf-16"
    assert result.language == "ru"


def _encodable(text: str, codec: str) -> bool:
    try:
        text.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


@pytest.mark.parametrize(
    ("codec", "text"),
    [(codec, text) for codec in ("cp1251", "koi8-r", "mac-cyrillic", "cp866") for text in RU_WORDS
     if _encodable(text, codec)],
)
def test_russian_single_byte_code_pages_short_and_long(tmp_path: Path, codec: str, text: str) -> None:
    result = read_path(write(tmp_path, "old.txt", text.encode(codec)))
    assert result.text == text, (codec, result.encoding)
    assert result.text.encode(result.encoding or "") == text.encode(codec)


def test_long_cp1251_and_koi8r_documents(tmp_path: Path) -> None:
    text = (RU_REPORT + "\r\n") * 40
    for codec, expected in (("cp1251", "cp1251"), ("koi8-r", "koi8-r")):
        result = read_path(write(tmp_path, f"{codec}.txt", text.encode(codec)))
        assert result.text == text
        assert result.encoding == expected
        assert result.language == "ru"
        assert result.metadata["encoding_detected_by"] == "cyrillic-frequency"


def test_kazakh_in_kz1048(tmp_path: Path) -> None:
    result = read_path(write(tmp_path, "kz.txt", KK_TESTIMONY.encode("kz1048")))
    assert result.text == KK_TESTIMONY
    assert result.encoding == "kz1048"
    assert result.language == "kk"


def test_western_cp1252(tmp_path: Path) -> None:
    text = "Déclaration du comité: la rédaction a reçu des témoignages."
    result = read_path(write(tmp_path, "fr.txt", text.encode("cp1252")))
    assert result.text == text
    assert result.encoding == "cp1252"


def test_english_ascii(tmp_path: Path) -> None:
    result = read_path(write(tmp_path, "statement.md", EN_STATEMENT.encode("ascii")))
    assert result.text == EN_STATEMENT
    assert result.language == "en"
    assert result.media_type == "text/markdown"


def test_seed_report_is_byte_identical_russian() -> None:
    data = SEED.read_bytes()
    result = read_path(SEED)
    assert result.text is not None and result.text.encode("utf-8") == data
    assert result.language == "ru"
    assert len(result.sha256) == 64


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "empty file"),
        (b" \r\n\t \n", "only blanks"),
        (b"\x00" * 500, "NUL bytes"),
        (b"text\x00with a NUL", "NUL bytes"),
        (bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 20, "control bytes"),
        ("Повреждённый текст в UTF-8 с битым байтом: ".encode() + b"\xd0" + "конец строки.".encode(),
         "invalid UTF-8 at byte"),
        (codecs.BOM_UTF8 + b"abc \xff\xfe def", "UTF-8 byte-order mark"),
    ],
)
def test_bad_text_gets_one_line_error(tmp_path: Path, data: bytes, problem: str) -> None:
    path = write(tmp_path, "bad.txt", data)
    with pytest.raises(IngestError) as err:
        read_path(path)
    message = str(err.value)
    assert message.startswith(f"{path}: ")
    assert problem in message
    assert "\n" not in message


def test_random_bytes_named_txt_are_refused(tmp_path: Path) -> None:
    rng = random.Random(7)
    for i in range(20):
        data = bytes(rng.randrange(256) for _ in range(2000))
        with pytest.raises(IngestError, match="binary|undecodable"):
            read_path(write(tmp_path, f"random{i}.txt", data))


def test_large_koi8r_file_is_judged_on_a_sample_and_decoded_whole(tmp_path: Path) -> None:
    text = (RU_REPORT + "\n") * 4000  # about 1.2 MB
    data = text.encode("koi8-r")
    assert len(data) > 3 * 64 * 1024
    result = read_path(write(tmp_path, "archive.txt", data))
    assert result.text == text
    assert result.encoding == "koi8-r"
