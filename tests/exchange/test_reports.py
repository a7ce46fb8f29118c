"""Reports in PDF (WeasyPrint) and DOCX: content checked as text (pdftotext, python-docx), the first page
turned into a PNG with pdftoppm (saved in test-artifacts/), and no restricted name in a viewer's report."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from docx import Document

from aqiqat.api.audit import list_audit
from aqiqat.api.records import create
from aqiqat.api.register import Register
from aqiqat.api.reports import ReportRequest, make_report
from aqiqat.config import Settings
from tests.exchange.sample_register import ME, SECRET_SURNAME, VIEWER, build

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def pdf_text(path: Path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return " ".join(text.split())  # a name broken over two lines of a table cell reads as one


def docx_text(path: Path) -> str:
    doc = Document(str(path))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells + [doc.sections[0].header.paragraphs[0].text])


def first_page_png(pdf: Path, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(ARTIFACTS / name)], check=True)
    return ARTIFACTS / f"{name}.png"


def test_incident_report_in_russian_pdf(sqlite_settings: Settings, tmp_path: Path) -> None:
    with Register.initialise(sqlite_settings) as reg:
        sample = build(reg)
        done = make_report(reg, ME, ReportRequest("event", str(sample.events[0]), "pdf", "ru", sign=True), tmp_path)
        audit = list_audit(reg, ME, limit=1)[0]
    text = pdf_text(done.path)
    for expected in ("Отчёт об инциденте", "Обстрел автомобиля в Талдыкоргане", "Что произошло", "2022-01-07 (день)",
                     "Хронология периода", "Пострадавшие", "Ерлан Сапаров", "Вооружённые силы", "Заявленные цифры",
                     "погибли трое", "решение аналитика", "Доказательства", "Методология", SECRET_SURNAME):
        assert expected in text, expected
    assert done.sha256 in audit["after"] and audit["entity"] == "report"
    assert (done.path.parent / (done.path.name + ".sig")).exists()
    assert first_page_png(done.path, "incident-ru").stat().st_size > 10_000


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_a_viewer_report_has_no_restricted_name(settings: Settings, tmp_path: Path, fmt: str) -> None:
    with Register.initialise(settings) as reg:
        sample = build(reg)
        outs = [make_report(reg, VIEWER, ReportRequest(kind, ref, fmt, "en"), tmp_path / f"{kind}-{fmt}")
                for kind, ref in (("event", str(sample.events[0])), ("list", "all"), ("period", ""),
                                  ("person", str(sample.victim)))]
    for out in outs:
        text = pdf_text(out.path) if fmt == "pdf" else docx_text(out.path)
        assert SECRET_SURNAME not in text and "Свидетель А" not in text, out.path.name
    incident = pdf_text(outs[0].path) if fmt == "pdf" else docx_text(outs[0].path)
    assert "Incident report" in incident and "Ерлан Сапаров" in incident


def test_memorial_list_and_figures_report(sqlite_settings: Settings, tmp_path: Path) -> None:
    with Register.initialise(sqlite_settings) as reg:
        build(reg)
        create(reg, ME, "person", {"display_name": "Қайрат Әбілов", "affiliation": "security_forces",
                                   "confidentiality": "public"})
        memorial = make_report(reg, ME, ReportRequest("list", "all", "pdf", "ru"), tmp_path / "m.pdf")
        figures = make_report(reg, ME, ReportRequest("period", "", "pdf", "en", place="Алматинская область"),
                              tmp_path / "f.pdf")
        words = make_report(reg, ME, ReportRequest("period", "", "docx", "ru"), tmp_path / "f.docx")
    text = pdf_text(memorial.path)
    assert "Список погибших" in text and "Талдыкорган" in text and "Ерлан Сапаров" in text
    assert "гражданский" in text and "Обстрел автомобиля" in text
    first_page_png(memorial.path, "memorial-ru")
    ftext = pdf_text(figures.path)
    assert "By type" in ftext and "shooting" in ftext and "detention" in ftext and "10–40" in ftext
    assert "No estimate" in ftext
    first_page_png(figures.path, "figures-en")
    assert "По типу" in docx_text(words.path)


def test_bad_requests_get_one_line_errors(sqlite_settings: Settings, tmp_path: Path) -> None:
    from aqiqat.api.errors import Invalid, NotFound

    with Register.initialise(sqlite_settings) as reg:
        sample = build(reg)
        for req, error, words in (
            (ReportRequest("list", "../../etc"), Invalid, "not a list id"),
            (ReportRequest("event", "12; rm"), Invalid, "give the record's id"),
            (ReportRequest("event", str(sample.events[0]), "odt"), Invalid, "pdf, docx"),
            (ReportRequest("event", "99999"), NotFound, "no event 99999"),
            (ReportRequest("period", place="Нигде"), NotFound, "no place named"),
        ):
            with pytest.raises(error, match=words):
                make_report(reg, VIEWER, req, tmp_path / "out")
        assert not (tmp_path / "out").exists()  # nothing written for a refused request


def test_the_estimate_in_a_report_counts_only_the_lists_its_reader_may_see(sqlite_settings: Settings,
                                                                           tmp_path: Path) -> None:
    from aqiqat.api.access import Principal
    from aqiqat.api.linking import judge, link, queue
    from aqiqat.api.lists import import_list, parse_column_map
    from aqiqat.domain.enums import UserRole
    from tests.api.test_api_linking import MAP, _write_lists

    analyst = Principal("analyst", UserRole.ANALYST)
    with Register.initialise(sqlite_settings) as reg:
        paths = _write_lists(tmp_path)
        for path in paths[:3]:
            import_list(reg, ME, path, path.stem, parse_column_map(MAP))
        import_list(reg, ME, paths[3], "Семьи", parse_column_map(MAP), name="Список семей", level="restricted")
        link(reg, ME, threshold=0.9)
        for pair in queue(reg, "pending", 1000):
            if pair["match_probability"] >= 0.99:
                judge(reg, ME, pair["id"], "positive")
        full = make_report(reg, ME, ReportRequest("period", "", "docx", "en"), tmp_path / "full.docx")
        seen = make_report(reg, analyst, ReportRequest("period", "", "docx", "en"), tmp_path / "seen.docx")
    full_text, seen_text = docx_text(full.path), docx_text(seen.path)
    assert "Список семей" in full_text and "Observed" in full_text
    assert "Список семей" not in seen_text and "Observed" in seen_text
    assert "withheld (above your clearance)" in seen_text  # how many rows were left out, said
