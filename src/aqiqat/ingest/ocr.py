"""Reading scans and photographed documents: Tesseract (Debian tesseract-ocr with rus, kaz, eng) through
pytesseract; PDF pages rendered with pypdfium2. The only place these two are imported.

The result is a working copy: the text, and every word with its character span in that text, its page and
Tesseract's confidence (0–100); words under ``LOW_CONFIDENCE`` are listed for review. The language is given,
or chosen from the text Tesseract reads on the first page with all three languages.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from aqiqat.ingest.errors import IngestError
from aqiqat.ingest.language import detect_language

LOW_CONFIDENCE = 60.0
PSM = 4  # Tesseract's page segmentation "one column of lines of any size": lists read row by row
MAX_SKEW = 5.0
ALL_LANGUAGES = "rus+kaz+eng"
BY_LANGUAGE = {"ru": "rus", "kk": "kaz+rus", "en": "eng"}
DPI = 300
MAX_PAGES = 500
MAX_PIXELS = 80_000_000


@dataclass(slots=True)
class OcrResult:
    text: str
    language: str  # Tesseract's language set used, e.g. "rus" or "kaz+rus"
    chosen_by: str  # "given" or "detected"
    pages: int
    words: list[dict[str, Any]] = field(default_factory=list)  # {start, end, conf, page}
    mean_confidence: float = 0.0

    @property
    def low_confidence(self) -> list[dict[str, Any]]:
        return [w for w in self.words if w["conf"] < LOW_CONFIDENCE]

    def metadata(self) -> dict[str, Any]:
        import pytesseract

        low = self.low_confidence
        return {
            "engine": f"tesseract {pytesseract.get_tesseract_version()}", "language": self.language,
            "language_chosen_by": self.chosen_by, "pages": self.pages, "words": len(self.words),
            "mean_confidence": round(self.mean_confidence, 1), "low_confidence_below": LOW_CONFIDENCE,
            "low_confidence_words": [[w["start"], w["end"], w["conf"]] for w in low],
        }


def page_images(data: bytes, media_type: str, name: str) -> list[Any]:
    """The pages as PIL images: every page of a PDF (rendered at 300 dpi), or the image itself."""
    from PIL import Image, ImageOps

    if media_type == "application/pdf":
        import pypdfium2

        try:
            pdf = pypdfium2.PdfDocument(data)
        except pypdfium2.PdfiumError as exc:
            raise IngestError(name, f"the PDF cannot be rendered for OCR ({exc})") from None
        try:
            if len(pdf) > MAX_PAGES:
                raise IngestError(name, f"more than {MAX_PAGES} pages to read")
            return [pdf[i].render(scale=DPI / 72).to_pil().convert("L") for i in range(len(pdf))]
        finally:
            pdf.close()
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (OSError, Image.DecompressionBombError, ValueError) as exc:
        raise IngestError(name, f"not an image that can be read ({' '.join(str(exc).split())[:120]})") from None
    return [ImageOps.exif_transpose(image).convert("L")]


def read_pages(images: list[Any], lang: str | None, name: str) -> OcrResult:
    """OCR of the pages in `lang` (Tesseract's codes), or in the language detected on the first page."""
    import pytesseract

    if not images:
        raise IngestError(name, "no page to read")
    chosen_by = "given"
    try:
        images = [deskew(clean(image)) for image in images]
        if lang is None:  # the top of the first page, read in all three languages, says which it is
            top = images[0].crop((0, 0, images[0].width, max(1, images[0].height // 3)))
            first = pytesseract.image_to_string(top, lang=ALL_LANGUAGES, config=f"--psm {PSM}")
            lang = BY_LANGUAGE.get(detect_language(first) or "", ALL_LANGUAGES)
            chosen_by = "detected"
        parts: list[str] = []
        words: list[dict[str, Any]] = []
        at = 0
        for number, image in enumerate(images, start=1):
            page_text, page_words = _page(image, lang)
            if parts:
                parts.append("\n\n")
                at += 2
            for w in page_words:
                words.append({"start": at + w[0], "end": at + w[1], "conf": w[2], "page": number})
            parts.append(page_text)
            at += len(page_text)
    except pytesseract.TesseractNotFoundError:
        raise IngestError(name, "Tesseract is not installed (scripts/system-deps.sh installs it)") from None
    except pytesseract.TesseractError as exc:
        raise IngestError(name, f"Tesseract failed ({' '.join(str(exc.message).split())[:160]})") from None
    mean = sum(w["conf"] for w in words) / len(words) if words else 0.0
    return OcrResult("".join(parts), lang, chosen_by, len(images), words, mean)


def _page(image: Any, lang: str) -> tuple[str, list[tuple[int, int, float]]]:
    """A page's text, lines kept, and (start, end, confidence) of each word in it."""
    import pytesseract

    data = pytesseract.image_to_data(image, lang=lang, config=f"--psm {PSM}", output_type=pytesseract.Output.DICT)
    lines: dict[tuple[int, int, int], list[tuple[str, float]]] = {}
    for i, word in enumerate(data["text"]):
        word = (word or "").strip()
        if not word:
            continue
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        lines.setdefault(key, []).append((word, float(data["conf"][i])))
    text_parts: list[str] = []
    spans: list[tuple[int, int, float]] = []
    at = 0
    last_block: tuple[int, int] | None = None
    for (block, par, _line), line_words in lines.items():
        if text_parts:
            sep = "\n" if last_block == (block, par) else "\n\n"
            text_parts.append(sep)
            at += len(sep)
        last_block = (block, par)
        for j, (word, conf) in enumerate(line_words):
            if j:
                text_parts.append(" ")
                at += 1
            spans.append((at, at + len(word), round(conf, 1)))
            text_parts.append(word)
            at += len(word)
    return "".join(text_parts), spans


def skew_angle(image: Any) -> float:
    """The rotation (degrees, ±5) that makes the text lines horizontal: the angle at which the rows of ink
    change most sharply from one pixel row to the next (a coarse search by 1°, then by 0.1°)."""
    import numpy as np
    from PIL import Image

    small = image.convert("L")
    scale = 1000 / max(small.size)
    if scale < 1:
        small = small.resize((max(1, int(small.width * scale)), max(1, int(small.height * scale))))

    def sharpness(angle: float) -> float:
        turned = np.asarray(small.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=255), dtype=np.uint8)
        ink = (turned < 128).sum(axis=1).astype(np.float64)
        return float(((ink[1:] - ink[:-1]) ** 2).sum())

    best = max(np.arange(-MAX_SKEW, MAX_SKEW + 0.01, 1.0), key=sharpness)
    fine = np.arange(best - 0.9, best + 0.91, 0.1)
    return round(float(max(fine, key=sharpness)), 1)


def clean(image: Any) -> Any:
    """Specks of scanner noise removed (a 3×3 median filter), the letters kept."""
    from PIL import ImageFilter

    return image.filter(ImageFilter.MedianFilter(3))


def deskew(image: Any) -> Any:
    from PIL import Image

    angle = skew_angle(image)
    if abs(angle) < 0.05:
        return image
    return image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)


def ocr_bytes(data: bytes, media_type: str, name: str, lang: str | None = None) -> OcrResult:
    return read_pages(page_images(data, media_type, name), lang, name)
