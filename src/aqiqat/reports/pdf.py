"""PDF through WeasyPrint: the report model as HTML with a print stylesheet (A4, running header, page
numbers), in fonts that cover Cyrillic and Kazakh letters (DejaVu Sans, Noto Sans)."""

from __future__ import annotations

import base64
from html import escape
from pathlib import Path
from typing import Any

from aqiqat.reports.model import Report

CSS = """
@page { size: A4; margin: 22mm 18mm 20mm 18mm;
  @top-left { content: string(title); font-family: "DejaVu Sans", sans-serif; font-size: 7.5pt; color: #666;
              width: 60%; }
  @top-right { content: "__LEVEL__"; font-family: "DejaVu Sans", sans-serif; font-size: 7.5pt; color: #8b1a1a; }
  @bottom-center { content: counter(page) " / " counter(pages); font-family: "DejaVu Sans", sans-serif;
                   font-size: 7.5pt; color: #666; } }
body { font-family: "DejaVu Sans", "Noto Sans", sans-serif; font-size: 9.5pt; line-height: 1.4; color: #1d1d1d; }
h1 { font-size: 17pt; margin: 0 0 2mm 0; string-set: title content(); }
td.sha { font-family: "DejaVu Sans Mono", monospace; font-size: 6.5pt; }
.subtitle { color: #444; font-size: 10.5pt; margin-bottom: 5mm; }
.meta { color: #555; font-size: 8pt; border-bottom: 0.6pt solid #999; padding-bottom: 2mm; margin-bottom: 5mm; }
h2 { font-size: 12.5pt; margin: 7mm 0 2mm 0; border-bottom: 0.5pt solid #bbb; padding-bottom: 1mm;
     break-after: avoid; }
h3 { font-size: 10.5pt; margin: 4mm 0 1.5mm 0; break-after: avoid; }
p { margin: 0 0 2mm 0; text-align: left; }
.note { color: #666; font-style: italic; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm 0; font-size: 8.3pt; table-layout: fixed; }
th { background: #eceae4; text-align: left; font-weight: bold; }
th, td { border: 0.4pt solid #b5b5b5; padding: 1.2mm 1.6mm; vertical-align: top; overflow-wrap: break-word; }
tr { break-inside: avoid; }
table.kv th { width: 30%; background: none; font-weight: normal; color: #555; }
.map { text-align: center; margin: 2mm 0; } .map img { width: 165mm; border: 0.4pt solid #999; }
.pagebreak { break-before: page; }
"""


def to_html(report: Report, labels: dict[str, str]) -> str:
    level = report.prepared_for.replace("\\", "").replace('"', "'").replace("<", "")
    out = [f'<!doctype html><html lang="{report.language}"><head><meta charset="utf-8">',
           f"<title>{escape(report.title)}</title><style>{CSS.replace('__LEVEL__', level)}</style></head><body>",
           f"<h1>{escape(report.title)}</h1>",
           f'<div class="subtitle">{escape(report.subtitle)}</div>',
           f'<div class="meta">{escape(labels["generated"])}: {escape(report.generated_at)} · '
           f"{escape(report.prepared_for)}</div>"]
    for b in report.blocks:
        if b.kind in ("h2", "h3"):
            out.append(f"<{b.kind}>{escape(b.text)}</{b.kind}>")
        elif b.kind == "p":
            out.append(f"<p>{escape(b.text)}</p>")
        elif b.kind == "note":
            out.append(f'<p class="note">{escape(b.text)}</p>')
        elif b.kind == "pagebreak":
            out.append('<div class="pagebreak"></div>')
        elif b.kind == "kv":
            out.append('<table class="kv">' + "".join(
                f"<tr><th>{escape(str(k))}</th><td>{_cell(v)}</td></tr>" for k, v in b.rows) + "</table>")
        elif b.kind == "table":
            head = _colgroup(b.headers, b.rows) + "<thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in b.headers)
            sha = [i for i, h in enumerate(b.headers) if h == "SHA-256"]
            body = "".join("<tr>" + "".join(f'<td{" class=sha" if i in sha else ""}>{_cell(c)}</td>'
                                            for i, c in enumerate(r)) + "</tr>" for r in b.rows)
            out.append(f"<table>{head}</tr></thead><tbody>{body}</tbody></table>")
        elif b.kind == "svg":
            data = base64.b64encode(b.text.encode("utf-8")).decode("ascii")
            out.append(f'<div class="map"><img src="data:image/svg+xml;base64,{data}" alt="map"></div>')
    out.append("</body></html>")
    return "".join(out)


def _colgroup(headers: tuple[str, ...], rows: tuple[tuple[Any, ...], ...]) -> str:
    """Column widths from the text they hold (the first rows): a fixed table layout is laid out several
    times faster by WeasyPrint than an automatic one, and long tables (a memorial list) need that."""
    sample = rows[:60]
    weights = []
    for i, h in enumerate(headers):
        longest = max([len(w) for w in h.split()] + [len(w) for r in sample for w in str(r[i]).split()] + [1])
        average = sum(len(str(r[i])) for r in sample) / max(len(sample), 1)
        weights.append(min(max(longest * 1.15 + 2, average ** 0.8, 4), 32))  # a word never broken inside
    total = sum(weights)
    return "<colgroup>" + "".join(f'<col style="width:{100 * w / total:.1f}%">' for w in weights) + "</colgroup>"


def _cell(value: Any) -> str:
    return escape(str(value)).replace("\n", "<br>")


def write_pdf(report: Report, labels: dict[str, str], out: Path) -> None:
    from weasyprint import HTML  # imported here: loading pango costs a second the CLI need not pay elsewhere

    HTML(string=to_html(report, labels)).write_pdf(out)
