"""OCR of scans we make: Russian and Kazakh name lists rendered with DejaVu, rotated, with noise."""

from __future__ import annotations

import jellyfish
import pytest
from tests.ingest.scan_fixtures import name_list, render_page, scan_pdf, scan_png

from aqiqat.ingest.errors import IngestError
from aqiqat.ingest.ocr import LOW_CONFIDENCE, ocr_bytes, skew_angle


def cer(reference: list[str], text: str) -> float:
    ref = " ".join(" ".join(reference).split())
    return jellyfish.levenshtein_distance(ref, " ".join(text.split())) / len(ref)


@pytest.mark.slow
@pytest.mark.parametrize(("kazakh", "expected"), [(False, "rus"), (True, "kaz+rus")])
def test_a_rotated_noisy_scanned_list_is_read_within_3_percent_and_its_language_chosen(
    kazakh: bool, expected: str
) -> None:
    lines = name_list(12, kazakh, seed=11)
    result = ocr_bytes(scan_png(lines, angle=-2.5, noise=0.003, seed=4), "image/png", "list.png")
    assert (result.language, result.chosen_by, result.pages) == (expected, "detected", 1)
    assert cer(lines, result.text) <= 0.03
    assert len(result.text.splitlines()) >= len(lines)  # one row per line, as on paper
    for word in result.words:
        assert result.text[word["start"]:word["end"]].strip() == result.text[word["start"]:word["end"]]
        assert 0 <= word["conf"] <= 100
    meta = result.metadata()
    assert meta["engine"].startswith("tesseract") and meta["low_confidence_below"] == LOW_CONFIDENCE


@pytest.mark.slow
def test_a_pdf_without_text_layer_is_read_page_by_page_in_the_language_given() -> None:
    pages = [name_list(6, False, seed=1), name_list(6, False, seed=2)]
    result = ocr_bytes(scan_pdf(pages, angle=1.5), "application/pdf", "scan.pdf", lang="rus")
    assert (result.pages, result.chosen_by, result.language) == (2, "given", "rus")
    assert cer(pages[0] + pages[1], result.text) <= 0.03
    assert {w["page"] for w in result.words} == {1, 2}


def test_the_skew_of_a_page_is_found() -> None:
    page = render_page(name_list(15, False, seed=3), angle=2.0, noise=0.0, seed=1)
    assert abs(skew_angle(page) + 2.0) <= 0.3


def test_bad_input_is_one_line() -> None:
    with pytest.raises(IngestError, match="not an image that can be read") as err:
        ocr_bytes(b"\x89PNG\r\n\x1a\n not really", "image/png", "fake.png")
    assert "\n" not in str(err.value)
    with pytest.raises(IngestError, match="cannot be rendered"):
        ocr_bytes(b"%PDF-1.4 broken", "application/pdf", "broken.pdf")
