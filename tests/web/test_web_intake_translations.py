"""Every string of the intake's templates (the lost filter, the capture form, evidence groups, a capture's record,
a scan's OCR text, a Telegram post) has its Russian translation in the catalog the workbench compiles."""

from __future__ import annotations

import re
from pathlib import Path

import aqiqat.web
from aqiqat.web.i18n import load_catalogs

TEMPLATES = Path(aqiqat.web.__file__).parent / "templates"
FILES = ("documents.html", "capture.html", "partials/also_seen.html", "partials/capture_page.html",
         "partials/ocr_words.html", "partials/telegram_post.html")


def test_the_intake_templates_are_translated_to_russian() -> None:
    ru = load_catalogs().get("ru")
    strings = {m.group(2) for name in FILES
               for m in re.finditer(r'_\(\s*(["\'])(.*?)\1', (TEMPLATES / name).read_text(encoding="utf-8"))}
    assert len(strings) > 40
    assert [s for s in strings if ru.gettext(s) == s] == []
    assert ru.gettext("Lost since capture") == "Утрачены после сохранения"
    assert ru.gettext("Screenshot taken %(when)s UTC") % {"when": "2026-12-06T11:00:00Z"} == (
        "Снимок сделан 2026-12-06T11:00:00Z UTC")
