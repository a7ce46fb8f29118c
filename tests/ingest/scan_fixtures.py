"""Scanned pages made by the tests: name lists we write (Russian and Kazakh), rendered with DejaVu Sans at
200 dpi, rotated by 1–3° and sprinkled with noise, as an image or as a PDF without a text layer."""

from __future__ import annotations

import io
import random
from typing import Any

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
DPI = 200

SURNAMES_RU = ["Ахметов", "Касымова", "Нургалиев", "Сапаров", "Тлеубаева", "Жумабеков", "Исмаилова", "Ким",
               "Петренко", "Абдрахманов", "Сулейменова", "Оспанов", "Беккужина", "Мухамеджанов", "Ермекова"]
GIVEN_RU = ["Ерлан", "Динара", "Айгерим", "Нурлан", "Асель", "Тимур", "Гульнара", "Данияр", "Сергей", "Жанна"]
SURNAMES_KK = ["Әбдіқадыров", "Қасымова", "Нұрғалиев", "Сәрсенбаева", "Төлеубаев", "Жұмабекова", "Өтегенов",
               "Ысқақова", "Құдайбергенов", "Әлімжанова"]
GIVEN_KK = ["Ерғали", "Гүлнұр", "Айгүл", "Нұрсұлтан", "Әсел", "Мұрат", "Сәуле", "Қайрат", "Үміт", "Ғалым"]
PLACES = ["Алматы", "Талдыкорган", "Шымкент", "Тараз", "Актобе", "Жанаозен"]
PLACES_KK = ["Алматы", "Талдықорған", "Шымкент", "Тараз", "Ақтөбе", "Жаңаөзен"]


def name_list(rows: int, kazakh: bool, seed: int) -> list[str]:
    rng = random.Random(seed)
    surnames, given, places = (SURNAMES_KK, GIVEN_KK, PLACES_KK) if kazakh else (SURNAMES_RU, GIVEN_RU, PLACES)
    head = "Тізім: қаза тапқандар, қаңтар 2022" if kazakh else "Список погибших, январь 2022"
    lines = [head]
    for i in range(1, rows + 1):
        age = rng.randint(17, 72)
        lines.append(f"{i}. {rng.choice(surnames)} {rng.choice(given)}, {age}, {rng.choice(places)}")
    return lines


def render_page(lines: list[str], *, angle: float, noise: float, seed: int) -> Any:
    """An A4 page at 200 dpi with `lines` in 12-point DejaVu Sans, rotated by `angle` degrees, with noise."""
    from PIL import Image, ImageDraw, ImageFont

    rng = random.Random(seed)
    width, height = int(8.27 * DPI), int(11.69 * DPI)
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(DEJAVU, int(12 / 72 * DPI))
    y = int(0.8 * DPI)
    for line in lines:
        draw.text((int(0.8 * DPI), y), line, font=font, fill=0)
        y += int(font.size * 1.6)
    page = page.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    pixels = page.load()
    assert pixels is not None
    for _ in range(int(width * height * noise)):  # salt and pepper
        pixels[rng.randrange(width), rng.randrange(height)] = rng.choice((0, 255))
    return page


def scratched_png(lines: list[str]) -> bytes:
    """A page whose first rows are struck through with grey strokes: words Tesseract is unsure of."""
    from PIL import ImageDraw

    page = render_page(lines, angle=0.0, noise=0.0, seed=1)
    draw = ImageDraw.Draw(page)
    for x in range(160, 1400, 22):
        draw.line([(x, 230), (x + 40, 330)], fill=90, width=5)
    out = io.BytesIO()
    page.save(out, "PNG", dpi=(DPI, DPI))
    return out.getvalue()


def scan_png(lines: list[str], angle: float = 1.5, noise: float = 0.002, seed: int = 1) -> bytes:
    out = io.BytesIO()
    render_page(lines, angle=angle, noise=noise, seed=seed).save(out, "PNG", dpi=(DPI, DPI))
    return out.getvalue()


def scan_pdf(pages: list[list[str]], angle: float = 2.0, noise: float = 0.002, seed: int = 1) -> bytes:
    images = [render_page(lines, angle=angle, noise=noise, seed=seed + i).convert("RGB")
              for i, lines in enumerate(pages)]
    out = io.BytesIO()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=DPI)
    return out.getvalue()
