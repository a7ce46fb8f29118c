"""DOCX through python-docx: the same report model as the PDF, in DejaVu Sans (Cyrillic and Kazakh)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from aqiqat.reports.model import Report

FONT = "DejaVu Sans"


def _font(style: Any, size: float | None = None) -> None:
    style.font.name = FONT
    rpr = style.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    rpr.get_or_add_rFonts().set(qn("w:cs"), FONT)
    if size:
        style.font.size = Pt(size)


def write_docx(report: Report, labels: dict[str, str], out: Path) -> None:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(18))
    _font(doc.styles["Normal"], 9.5)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        _font(doc.styles[name])
    section.header.paragraphs[0].text = f"{report.title} · {report.prepared_for}"
    doc.core_properties.title = report.title
    doc.add_heading(report.title, level=0)
    sub = doc.add_paragraph(report.subtitle)
    sub.runs[0].italic = True
    meta = doc.add_paragraph(f"{labels['generated']}: {report.generated_at} · {report.prepared_for}")
    meta.runs[0].font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    for b in report.blocks:
        if b.kind == "h2":
            doc.add_heading(b.text, level=1)
        elif b.kind == "h3":
            doc.add_heading(b.text, level=2)
        elif b.kind == "p":
            doc.add_paragraph(b.text)
        elif b.kind == "note":
            doc.add_paragraph().add_run(b.text).italic = True
        elif b.kind == "pagebreak":
            doc.add_page_break()
        elif b.kind == "kv":
            _table(doc, [], [list(r) for r in b.rows])
        elif b.kind == "table":
            _table(doc, list(b.headers), [list(r) for r in b.rows])
        elif b.kind == "svg":
            doc.add_paragraph().add_run(labels["map_in_pdf"]).italic = True
    doc.save(str(out))


def _table(doc: Any, headers: list[str], rows: list[list[Any]]) -> None:
    width = len(headers) or (len(rows[0]) if rows else 1)
    table = doc.add_table(rows=0, cols=width)
    table.style = "Table Grid"
    if headers:
        cells = table.add_row().cells
        for cell, h in zip(cells, headers, strict=False):
            cell.text = h
            cell.paragraphs[0].runs[0].bold = True
    for r in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, r, strict=False):
            cell.text = "" if value is None else str(value)
