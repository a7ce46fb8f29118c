"""Real files of every format the ingest readers take, built in memory by the tests (texts are ours)."""

from __future__ import annotations

import io
import struct
import zipfile
from datetime import datetime
from pathlib import Path

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

RU_REPORT = (
    "Вечером 7 января в Талдыкоргане военные открыли огонь по автомобилю, в котором ехали двое мужчин.\n"
    "Оба погибли на месте. Родственники говорят, что машина стояла у перекрёстка, когда по ней начали "
    "стрелять без предупреждения.\n"
    "Официальные органы заявили, что водитель не подчинился требованию остановиться."
)
RU_SHORT = "Задержан в Алматы 6 января, избит в изоляторе."
KK_TESTIMONY = (
    "Біз үйде отырдық, кенет көшеде атыс басталды. Ағам терезеге қарады, сол кезде оқ тиді.\n"
    "Жедел жәрдем бір сағаттан кейін ғана келді. Біз бейбіт адамдармыз, ешкімге қару көтерген жоқпыз."
)
EN_STATEMENT = (
    "Security forces opened fire on a car in Taldykorgan on the evening of 7 January, killing two men. "
    "Relatives say the car was standing at a crossroads when the shooting began without warning."
)


def make_pdf(pages: list[str], *, title: str | None = None, author: str | None = None,
             created: datetime | None = None) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("DejaVu", fname=str(DEJAVU))
    pdf.set_font("DejaVu", size=11)
    if title:
        pdf.set_title(title)
    if author:
        pdf.set_author(author)
    if created:
        pdf.set_creation_date(created)
    for page in pages:
        pdf.add_page()
        if page:
            pdf.multi_cell(0, 7, page, align="L")
    return bytes(pdf.output())


def encrypt_pdf(data: bytes, user_password: str, owner_password: str = "owner") -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password, owner_password=owner_password, algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx(paragraphs: list[str], table: list[list[str]] | None = None, *, title: str = "",
              author: str = "", created: datetime | None = None) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
        document.add_paragraph("После таблицы.")
    props = document.core_properties
    props.title = title
    props.author = author
    if created:
        props.created = created
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def add_zip_entry(archive_bytes: bytes, name: str, data: bytes) -> bytes:
    out = io.BytesIO(archive_bytes)
    with zipfile.ZipFile(out, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, data)
    return out.getvalue()


def declare_uncompressed_size(archive_bytes: bytes, name: str, size: int) -> bytes:
    """Rewrite the central directory so ``name`` claims ``size`` bytes unpacked (a lying zip bomb)."""
    data = bytearray(archive_bytes)
    pos = data.find(b"PK\x01\x02")
    while pos >= 0:
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if data[pos + 46 : pos + 46 + name_len] == name.encode():
            struct.pack_into("<I", data, pos + 24, size)
            return bytes(data)
        pos = data.find(b"PK\x01\x02", pos + 46)
    raise KeyError(name)


def make_jpeg_with_exif() -> bytes:
    """A photo from Taldykorgan: camera, time taken, GPS 45°0'54"N 78°22'26.4"E."""
    from PIL import Image

    image = Image.new("RGB", (32, 24), (120, 80, 40))
    exif = Image.Exif()
    exif[0x010F] = "Samsung"
    exif[0x0110] = "SM-A515F"
    exif[0x0132] = "2022:01:08 09:00:00"
    exif[0x013B] = "A. Witness"  # EXIF text is ASCII
    exif.get_ifd(0x8769)[0x9003] = "2022:01:07 18:32:10"
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (45.0, 0.0, 54.0)
    gps[3] = "E"
    gps[4] = (78.0, 22.0, 26.4)
    gps[5] = b"\x00"
    gps[6] = 612.5
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def make_image(fmt: str) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 200, 30)).save(out, fmt)
    return out.getvalue()


def _box(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", 8 + len(body)) + kind + body


def make_mp4(brand: bytes = b"isom", *, created: datetime | None = None, seconds: int = 12) -> bytes:
    """A minimal ISO media file: ftyp, an empty mdat and moov/mvhd with creation time and duration."""
    ftyp = _box(b"ftyp", brand + struct.pack(">I", 512) + brand + b"mp41")
    since_1904 = int((created - datetime(1904, 1, 1, tzinfo=created.tzinfo)).total_seconds()) if created else 0
    mvhd = _box(b"mvhd", bytes(4) + struct.pack(">IIII", since_1904, since_1904, 1000, seconds * 1000)
                + bytes(80))
    return ftyp + _box(b"mdat", b"\x00" * 16) + _box(b"moov", mvhd)


def make_heic() -> bytes:
    return _box(b"ftyp", b"heic" + bytes(4) + b"mif1heic") + _box(b"meta", bytes(24))


def make_webm(doctype: bytes = b"webm") -> bytes:
    return b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84" + doctype + bytes(32)


def make_avi() -> bytes:
    body = b"AVI LIST" + struct.pack("<I", 4) + b"hdrl"
    return b"RIFF" + struct.pack("<I", len(body)) + body
