"""A victims list's header and first rows, and a column mapping suggested from its headers, before import.

The suggestion matches each header against the words lists use for a field in Russian, Kazakh and English
(«ФИО», «Аты-жөні», "Full name"); exact words first, then a header that begins with one («Дата гибели»).
Each header serves one field at most; a file with «Фамилия», «Имя», «Отчество» and no full-name column maps
surname, given_name and patronymic instead of name.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aqiqat.ingest.errors import IngestError, one_line
from aqiqat.ingest.victim_lists import FIELDS, _cell_text, _decode, _sniff, _xlsx_rows

WORDS: dict[str, tuple[str, ...]] = {
    "name": ("фио", "ф и о", "фамилия имя отчество", "полное имя", "имя фамилия", "аты жөні", "аты-жөні",
             "толық аты", "name", "full name", "fullname", "victim", "погибший", "жертва"),
    "surname": ("фамилия", "тегі", "surname", "last name", "family name"),
    "given_name": ("имя", "аты", "given name", "first name"),
    "patronymic": ("отчество", "әкесінің аты", "patronymic", "middle name"),
    "age": ("возраст", "лет", "жасы", "жас", "age"),
    "birth_year": ("год рождения", "г р", "туған жылы", "birth year", "year of birth", "born", "дата рождения"),
    "sex": ("пол", "жынысы", "sex", "gender"),
    "date": ("дата", "дата гибели", "дата смерти", "дата задержания", "дата события", "когда", "күні", "date",
             "date of death", "died"),
    "place": ("место", "место гибели", "место смерти", "город", "населенный пункт", "населённый пункт", "регион",
              "область", "орны", "қала", "place", "location", "city", "region"),
    "cause": ("причина", "причина смерти", "обстоятельства", "себебі", "cause", "cause of death", "circumstances"),
    "notes": ("примечание", "примечания", "комментарий", "комментарии", "источник", "ескерту", "notes", "note",
              "comment", "comments", "source"),
}
_SPACE = re.compile(r"[\s.,:;_/\\()\-]+")


@dataclass(slots=True)
class ListPreview:
    """The header, the first rows (as text, cut to the header's width) and the suggested mapping."""

    headers: list[str]
    rows: list[list[str]]
    suggested: dict[str, str] = field(default_factory=dict)  # field -> header
    total_rows: int = 0
    encoding: str | None = None
    delimiter: str | None = None


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text.lower().replace("ё", "е")).strip()


def suggest_mapping(headers: list[str]) -> dict[str, str]:
    """field -> header for every field some header names; each header used once."""
    normal = [_norm(h) for h in headers]
    taken: set[int] = set()
    out: dict[str, str] = {}
    for exact in (True, False):
        for name in FIELDS:
            if name in out:
                continue
            words = [_norm(w) for w in WORDS.get(name, ())]
            for i, header in enumerate(normal):
                if i in taken or not header:
                    continue
                hit = header in words if exact else any(header.startswith(w + " ") for w in words)
                if hit:
                    out[name] = headers[i]
                    taken.add(i)
                    break
    if "name" not in out:
        return out
    # a full-name column makes separate name parts redundant: keep them out of the suggestion
    return {k: v for k, v in out.items() if k not in ("surname", "given_name", "patronymic")}


def preview_victim_list(path: Path, rows: int = 5) -> ListPreview:
    """Read only what a preview needs: the header and ``rows`` rows (XLSX: the first sheet)."""
    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            table: list[list[Any]] = _xlsx_rows(path)
            preview = ListPreview(headers=[], rows=[])
        elif suffix in (".csv", ".tsv", ".txt"):
            text, encoding = _decode(path)
            delimiter = _sniff(text)
            table = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
            preview = ListPreview(headers=[], rows=[], encoding=encoding, delimiter=delimiter)
        else:
            raise IngestError(path.name, f"unsupported list format {suffix or '(none)'}; use .csv or .xlsx")
    except (OSError, csv.Error, ValueError, KeyError) as exc:
        raise IngestError(path.name, one_line(exc)) from exc
    if not table:
        raise IngestError(path.name, "the file is empty")
    preview.headers = [_cell_text(h) for h in table[0]]
    body = [r for r in table[1:] if any(_cell_text(v) for v in r)]
    width = len(preview.headers)
    preview.rows = [[_cell_text(v) for v in r[:width]] + [""] * (width - len(r)) for r in body[:rows]]
    preview.total_rows = len(body)
    preview.suggested = suggest_mapping(preview.headers)
    return preview
