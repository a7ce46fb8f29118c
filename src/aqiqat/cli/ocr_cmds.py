"""Command: ocr (scans and photographed documents read with Tesseract; the file stays the evidence)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from aqiqat.api import ocr as ocr_api
from aqiqat.api.access import Principal
from aqiqat.api.register import Register
from aqiqat.cli.context import opened, principal_of
from aqiqat.cli.output import err, fail, out, print_json, user_errors

OCR_LANG_HELP = "Tesseract languages, e.g. rus, kaz+rus, eng (default: chosen from the text)."


def register(app: typer.Typer) -> None:
    app.command("ocr")(ocr)
    app.command("scan-list")(scan_list)


def scan_list(
    scan: Annotated[Path, typer.Argument(help="A scanned list: a PDF without text layer, or an image.")],
    out_csv: Annotated[Path, typer.Option("--out", help="The CSV to correct, then give to `aqiqat lists import`.")],
    lang: Annotated[str | None, typer.Option("--ocr-lang", "--lang", help=OCR_LANG_HELP)] = None,
) -> None:
    """Read a scanned list row by row into a CSV (row, name, age, place, notes, confidence, check) for a person
    to correct before `aqiqat lists import FILE --map name=name,age=age,place=place`; rows with an uncertain
    word are marked in the check column."""
    import csv

    try:
        data = scan.read_bytes()
    except OSError as exc:
        fail(f"{scan}: cannot read ({exc.strerror or exc})")
    with user_errors():
        rows, heading = ocr_api.scanned_list_rows(data, scan.name, lang)
    with out_csv.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=ocr_api.LIST_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    checks = sum(1 for r in rows if r["check"])
    out.print(f"{len(rows)} rows written to {out_csv} ({checks} to check against the scan)"
              + (f"; heading: {escape(' / '.join(heading))}" if heading else ""))


def run_ocr(reg: Register, principal: Principal, refs: list[str], lang: str | None, quiet: bool = False) -> tuple[
        list[int], int]:
    """OCR the documents it applies to; (ids now with text, number failed), failures one line each."""
    report = ocr_api.ocr_documents(reg, principal, refs, lang)
    for message in (m for _, m in sorted(report.failed.items())):
        err.print(f"[red]failed:[/] {escape(message)}", soft_wrap=True)
    if not quiet and report.done:
        out.print(f"OCR: {len(report.done)} documents read, {sum(report.done.values())} words, "
                  f"{len(report.failed)} failed")
    return sorted(report.done), len(report.failed)


def ocr(
    ctx: typer.Context,
    documents: Annotated[list[str], typer.Argument(help="Document ids or SHA-256 prefixes (PDFs, images).")],
    lang: Annotated[str | None, typer.Option("--ocr-lang", "--lang", help=OCR_LANG_HELP)] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Read scanned PDFs and images of documents with Tesseract: the text (with each word's confidence; the
    uncertain ones listed for review) becomes the document's text; the file is not touched."""
    with opened(ctx) as reg:
        report = ocr_api.ocr_documents(reg, principal_of(ctx), documents, lang)
    if as_json:
        print_json({"read": report.done, "skipped": report.skipped, "failed": report.failed})
    else:
        for doc_id, why in sorted(report.skipped.items()):
            out.print(f"skipped: document {doc_id}: {escape(why)}")
        for message in (m for _, m in sorted(report.failed.items())):
            err.print(f"[red]failed:[/] {escape(message)}", soft_wrap=True)
        out.print(f"{len(report.done)} read ({sum(report.done.values())} words), {len(report.skipped)} skipped, "
                  f"{len(report.failed)} failed")
    if report.failed:
        raise typer.Exit(1)
