"""The interface's languages: Babel message catalogs (.po, committed) compiled in memory at start-up.

Compiling at start-up means a fresh clone needs no build step and the .mo files never drift from the .po.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LANGUAGES = ("ru", "en")
DEFAULT_LANGUAGE = "ru"
LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"


@dataclass(frozen=True, slots=True)
class Catalogs:
    translations: dict[str, gettext.NullTranslations]

    def get(self, lang: str) -> gettext.NullTranslations:
        return self.translations.get(lang) or self.translations[DEFAULT_LANGUAGE]


def compile_po(path: Path) -> gettext.GNUTranslations:
    """A .po file as a gettext translations object, compiled to .mo bytes in memory."""
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=path.parents[1].name)
    buf = BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return gettext.GNUTranslations(buf)


def load_catalogs(locale_dir: Path = LOCALE_DIR) -> Catalogs:
    out: dict[str, gettext.NullTranslations] = {}
    for lang in LANGUAGES:
        po = locale_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        out[lang] = compile_po(po) if po.exists() else gettext.NullTranslations()
    return Catalogs(out)


def negotiate(accept_language: str | None) -> str:
    """The first supported language of an Accept-Language header, else the default."""
    for part in (accept_language or "").split(","):
        tag = part.split(";")[0].strip().lower()
        if tag[:2] in LANGUAGES:
            return tag[:2]
    return DEFAULT_LANGUAGE
