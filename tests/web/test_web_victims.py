"""The victims register in the workbench: lists import, linkage and the merge queue (merge and split),
counts by grade, estimates (register, uploaded capture patterns, by threshold), roles, and the API mirrors."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient
from tests.web.conftest import PASSWORD, csrf_of, login

from aqiqat.api.access import local_admin
from aqiqat.api.linking import judge, memberships, queue
from aqiqat.api.records import create
from aqiqat.api.register import Register
from aqiqat.api.stats import adopt_figure
from aqiqat.api.users import add_user
from aqiqat.config import Settings
from aqiqat.linkage.synthetic import synthetic_victims
from aqiqat.web import create_app

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "mse"
KOSOVO = SHARED / "kosovo_capture_patterns.csv"
HEAD = ["ФИО", "Возраст", "Год рождения", "Пол", "Дата гибели", "Место"]
MAP = "name=ФИО,age=Возраст,birth_year=Год рождения,sex=Пол,date=Дата гибели,place=Место"
SOURCES = ("list_1_ru", "list_2_kz", "list_5_swapped")  # three lists keep the log-linear models quick


def write_lists(folder: Path, n_people: int = 40, seed: int = 7) -> list[Path]:
    """Three synthetic lists of the same people (Russian, Kazakh and swapped spellings) as CSV files."""
    df = synthetic_victims(n_people, seed=seed)
    paths = []
    for source in SOURCES:
        path = folder / f"{source}.csv"
        with path.open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(HEAD)
            for r in df[df["source"] == source].itertuples():
                age = "" if pd.isna(r.age) else int(r.age)
                born = "" if pd.isna(r.birth_year) else int(r.birth_year)
                w.writerow([r.name, age, born, r.sex or "", r.event_date or "", r.place or ""])
        paths.append(path)
    return paths


@pytest.fixture
def reg(tmp_path: Path) -> Iterator[Register]:
    """A register of its own per test: the estimates depend on exactly which lists it holds."""
    register = Register.initialise(Settings.load(data_dir=tmp_path / "data", env={"AQIQAT_USER": "tester"}))
    for role in ("editor", "analyst", "viewer"):
        add_user(register, local_admin("setup"), role, role, PASSWORD)
    try:
        yield register
    finally:
        register.close()


def client_for(reg: Register, role: str, lang: str = "en") -> TestClient:
    client = TestClient(create_app(reg.settings, reg))
    assert login(client, role).status_code == 303
    token = csrf_of(client.get("/lists").text)
    client.post("/language", data={"lang": lang, "next": "/lists", "csrf_token": token}, follow_redirects=False)
    return client


def page_token(client: TestClient, url: str = "/lists") -> str:
    return csrf_of(client.get(url).text)


def import_via_page(client: TestClient, path: Path, columns: str = MAP) -> str:
    with path.open("rb") as fh:
        res = client.post(
            "/lists",
            data={"csrf_token": page_token(client), "source": path.stem, "columns": columns},
            files={"file": (path.name, fh, "text/csv")},
        )
    assert res.status_code == 200, res.text[:500]
    return res.text


def pair_ids(html: str) -> list[int]:
    return [int(x) for x in re.findall(r'<li class="pair card[^"]*" id="pair-(\d+)"', html)]


def test_import_link_merge_and_split_through_the_pages(reg: Register, tmp_path: Path) -> None:
    editor, viewer = client_for(reg, "editor"), client_for(reg, "viewer")
    paths = write_lists(tmp_path)
    # a row with no name is refused, a row with a bad age kept with the age flagged: both reported by row number
    with paths[0].open("a", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["", "30", "", "", "", ""], ["Сапаров Ерлан", "сто", "", "", "", ""]])
    rows_in_file = sum(1 for _ in paths[0].open(encoding="utf-8"))
    page = import_via_page(editor, paths[0])
    bad = re.findall(r"<tr><td class=\"num\">(\d+)</td>", page.split('id="bad-rows"')[1].split("</table>")[0])
    assert [int(b) for b in bad] == [rows_in_file - 1]
    flagged = re.findall(r"<tr><td class=\"num\">(\d+)</td>", page.split('id="flagged-cells"')[1].split("</table>")[0])
    assert [int(b) for b in flagged] == [rows_in_file]
    assert "1 bad row left out" in page and "1 cell flagged for review" in page and "сто" in page
    for path in paths[1:]:
        assert "bad row" not in import_via_page(editor, path)

    lists_page = viewer.get("/lists")
    assert lists_page.status_code == 200
    for source in SOURCES:
        assert f">{source}</a>" in lists_page.text
    assert 'id="import-form"' not in lists_page.text  # a viewer reads, never imports
    first = re.search(r'<a href="/lists/(\d+)">list_1_ru</a>', lists_page.text)
    assert first
    entries = viewer.get(f"/lists/{first.group(1)}")
    assert entries.status_code == 200 and entries.text.count('<tr id="e-') == rows_in_file - 2
    bad_import = editor.post(
        "/lists",
        data={"csrf_token": page_token(editor), "source": "x", "columns": "name=Имя"},
        files={"file": ("x.csv", paths[1].read_bytes(), "text/csv")},
    )
    assert bad_import.status_code == 422 and "Имя" in bad_import.text

    # run linkage from the page (its threshold field offers the default: more likely than not the same
    # person): the queue fills, best pair first, each field with its weight
    assert 'name="threshold" value="0.5"' in editor.get("/merge-queue").text
    ran = editor.post("/link", data={"csrf_token": page_token(editor), "threshold": "0.9"}, follow_redirects=False)
    assert ran.status_code == 303 and ran.headers["location"].startswith("/merge-queue?queued=")
    queue_page = editor.get(ran.headers["location"])
    assert 'id="link-run"' in queue_page.text
    ids = pair_ids(queue_page.text)
    assert ids, "linkage queued no pairs"
    probabilities = [float(p) for p in re.findall(r"<b>([\d.]+)%</b>", queue_page.text)]
    assert probabilities == sorted(probabilities, reverse=True)
    assert 'class="wbar"' in queue_page.text and "Given name" in queue_page.text
    # a Russian reader reads the fields and their levels in Russian
    queue_ru = client_for(reg, "viewer", "ru").get("/merge-queue").text
    assert "Фамилия" in queue_ru and "ключ фамилии совпадает" in queue_ru and "surname key equal" not in queue_ru
    people_before = len(memberships(reg))

    # a viewer sees the queue but may not judge
    assert 'class="judge"' not in viewer.get("/merge-queue").text
    refused = viewer.post(
        f"/merge-queue/{ids[0]}",
        data={"csrf_token": page_token(viewer, "/merge-queue"), "judgement": "positive"},
        headers={"HX-Request": "true"},
    )
    assert refused.status_code == 403

    # accept in place (htmx): the pair comes back decided, the two entries are one person
    token = page_token(editor, "/merge-queue")
    accepted = editor.post(
        f"/merge-queue/{ids[0]}",
        data={"csrf_token": token, "judgement": "positive", "note": "same birth year and place"},
        headers={"HX-Request": "true"},
    )
    assert accepted.status_code == 200 and 'data-judgement="positive"' in accepted.text
    assert "same birth year and place" in accepted.text and 'value="negative"' in accepted.text  # split button
    assert len(memberships(reg)) == people_before - 1
    merged_id = pair_ids(accepted.text)[0]
    decided = editor.get("/merge-queue?tab=decided")
    assert pair_ids(decided.text) == [merged_id]
    assert ids[0] not in pair_ids(editor.get("/merge-queue").text)

    # the stale pair again: 409 with a message in the flash area
    stale = editor.post(
        f"/merge-queue/{ids[0]}", data={"csrf_token": token, "judgement": "unsure"}, headers={"HX-Request": "true"}
    )
    assert stale.status_code == 409 and stale.headers.get("HX-Retarget") == "#flash"

    # split it again from the decided tab
    split = editor.post(
        f"/merge-queue/{merged_id}", data={"csrf_token": token, "judgement": "negative"}, headers={"HX-Request": "true"}
    )
    assert split.status_code == 200 and 'data-judgement="negative"' in split.text
    assert len(memberships(reg)) == people_before

    # the estimate on the register's lists: none while nothing is linked (no overlaps), then one
    unlinked = viewer.get("/estimate?method=loglinear&criterion=bic")
    assert unlinked.status_code == 422 and "cannot identify the total" in unlinked.text
    assert 'id="register-form"' in unlinked.text
    for pair in queue(reg):
        if pair["match_probability"] >= 0.95:
            judge(reg, local_admin("statistician"), pair["id"], "positive")
    linked_people = len(memberships(reg))
    assert linked_people < people_before
    est = viewer.get("/estimate?method=loglinear&criterion=bic")
    assert est.status_code == 200 and 'id="ranking"' in est.text and 'id="thresholds-slot"' in est.text
    n_observed = re.search(r'id="n-observed">([\d,]+)<', est.text)
    assert n_observed and int(n_observed.group(1).replace(",", "")) == linked_people
    assert "still to be decided" in est.text
    moves = viewer.get("/estimate/thresholds?method=loglinear&criterion=bic", headers={"HX-Request": "true"})
    assert moves.status_code == 200
    rows = re.findall(r"<tr><td class=\"num\">([\d.]+)</td><td class=\"num\">([\d,]+)</td>", moves.text)
    assert [float(t) for t, _ in rows] == [0.5, 0.7, 0.9, 0.99]
    documented = [int(n.replace(",", "")) for _, n in rows]
    assert documented == sorted(documented)  # a stricter threshold links less: more "people"
    assert '<path class="trend"' in moves.text and moves.text.count('<circle class="pt"') == 4


def test_counts_by_grade_with_min_max_and_adopted_figures(reg: Register) -> None:
    me = local_admin("seeder")
    for grade, lo, hi, day in (
        ("confirmed", 2, 3, "2022-01-05"),
        ("fair", 1, 1, "2022-01-07"),
        ("weak", 5, 9, "2022-01-07"),
    ):
        create(
            reg,
            me,
            "event",
            {
                "type": "shooting",
                "title": f"Обстрел ({grade})",
                "start_date": day,
                "date_precision": "day",
                "killed_min": lo,
                "killed_max": hi,
                "grade": grade,
                "confidentiality": "internal",
            },
        )
    for who, value in (("Генпрокуратура", 225), ("Правозащитники", 232)):
        create(
            reg,
            me,
            "claim",
            {
                "kind": "figure",
                "text": f"погибли {value}",
                "subject": "погибшие всего",
                "value": value,
                "claimant_label": who,
                "claimed_on": "2022-02-01",
            },
        )
    adopt_figure(reg, me, "погибшие всего", "most_conservative")
    viewer = client_for(reg, "viewer")
    page = viewer.get("/counts")
    assert page.status_code == 200
    totals = page.text.split('id="totals"')[1].split("</div>\n</div>")[0]
    assert ">3–4<" in totals  # confirmed and fair only, by default
    assert "Included: events graded confirmed or fair" in page.text
    assert re.search(r'value="weak"\s*>', page.text)  # unticked
    weak = viewer.get("/counts?sent=1&by=day&grade=weak&grade=confirmed")
    assert ">7–12<" in weak.text.split('id="totals"')[1][:400]
    assert "Jan 7, 2022" in weak.text and "Jan 5, 2022" in weak.text
    assert viewer.get("/counts?sent=1&by=type").status_code == 422  # no grade ticked
    figures = page.text.split('id="figures"')[1]
    assert "Генпрокуратура: <b>225</b>" in figures and "Правозащитники: <b>232</b>" in figures
    assert "<b>225</b></td>" in figures and "Most conservative" in figures
    assert 'href="/claims?subject=' in figures
    ru = client_for(reg, "viewer", "ru").get("/counts")
    assert "Самая осторожная оценка" in ru.text and "Учтены события с оценкой подтверждено или достаточно" in ru.text


def test_estimate_page_on_uploaded_kosovo_patterns_in_both_languages(reg: Register) -> None:
    for lang, expected, interval in (
        ("en", "14,341.7", "12,525.2 – 16,542.8"),
        ("ru", "14\xa0341,7", "12\xa0525,2 – 16\xa0542,8"),
    ):
        client = client_for(reg, "viewer", lang)
        form = client.get("/estimate")
        assert form.status_code == 200
        assert ("burn-in 2,000, 1,000 samples thinned by 10, 2 chains" if lang == "en" else "2\xa0000") in form.text
        res = client.post(
            "/estimate",
            data={"csrf_token": csrf_of(form.text), "method": "loglinear", "criterion": "bic"},
            files={"patterns": ("kosovo.csv", KOSOVO.read_bytes(), "text/csv")},
        )
        assert res.status_code == 200, res.text[:300]
        assert f'id="n-hat">{expected}<' in res.text
        assert interval in res.text
        assert "ABA:HRW" in res.text and 'id="ranking"' in res.text
        n_obs = "4,400" if lang == "en" else "4\xa0400"
        assert f'id="n-observed">{n_obs}<' in res.text
        assert 'id="thresholds-slot"' not in res.text  # no linkage behind an uploaded table
        assert ("Models compared" if lang == "en" else "Сравнение моделей") in res.text
    lcmcr = client.post(
        "/estimate",
        data={"csrf_token": csrf_of(client.get("/estimate").text), "method": "lcmcr", "criterion": "bic"},
        files={"patterns": ("kosovo.csv", KOSOVO.read_bytes(), "text/csv")},
    )
    assert lcmcr.status_code == 200
    median = re.search(r'id="n-hat">([\d\xa0,]+)<', lcmcr.text)
    assert median and 9_000 < float(median.group(1).replace("\xa0", "").replace(",", ".")) < 12_500
    assert lcmcr.text.count('class="bar s-posterior"') >= 10 and 'class="median"' in lcmcr.text
    assert 'id="diagnostics"' in lcmcr.text and 'id="converged"' in lcmcr.text
    broken = client.post(
        "/estimate",
        data={"csrf_token": csrf_of(client.get("/estimate").text), "method": "loglinear", "criterion": "bic"},
        files={"patterns": ("bad.csv", b"A,B,freq\n1,0,x\n", "text/csv")},
    )
    assert broken.status_code == 422


def test_api_mirrors_and_roles(reg: Register, tmp_path: Path) -> None:
    editor, viewer, analyst = (client_for(reg, r) for r in ("editor", "viewer", "analyst"))
    headers = {
        r: {"X-CSRF-Token": c.get("/api/v1/me").json()["csrf_token"]}
        for r, c in (("editor", editor), ("viewer", viewer), ("analyst", analyst))
    }
    paths = write_lists(tmp_path, n_people=30, seed=11)

    def upload(client: TestClient, role: str, path: Path) -> object:
        return client.post(
            "/api/v1/lists",
            headers=headers[role],
            data={"source": path.stem, "columns": MAP},
            files={"file": (path.name, path.read_bytes(), "text/csv")},
        )

    assert upload(viewer, "viewer", paths[0]).status_code == 403
    for path in paths:
        res = upload(analyst, "analyst", path)
        assert res.status_code == 200, res.text
        assert res.json()["imported"] > 0 and res.json()["errors"] == []
    lists = viewer.get("/api/v1/lists").json()
    assert [x["source"] for x in lists] == list(SOURCES) and all(x["entries"] > 0 for x in lists)
    assert len(viewer.get(f"/api/v1/lists/{lists[0]['id']}/entries").json()) == lists[0]["entries"]

    assert viewer.post("/api/v1/link", headers=headers["viewer"], json={}).status_code == 403
    run = editor.post("/api/v1/link", headers=headers["editor"], json={"threshold": 0.9})
    assert run.status_code == 200 and run.json()["queued"] > 0
    pending = viewer.get("/api/v1/merge-queue").json()
    assert pending and pending[0]["match_probability"] >= pending[-1]["match_probability"]
    assert set(pending[0]["field_weights"]) >= {"_names", "_sources", "surname"}
    pid = pending[0]["id"]
    assert (
        viewer.post(f"/api/v1/merge-queue/{pid}", headers=headers["viewer"], json={"judgement": "positive"}).status_code
        == 403
    )
    assert editor.post(f"/api/v1/merge-queue/{pid}", json={"judgement": "positive"}).status_code == 403  # no CSRF
    merged = analyst.post(
        f"/api/v1/merge-queue/{pid}", headers=headers["analyst"], json={"judgement": "positive", "note": "одно лицо"}
    )
    assert merged.status_code == 200 and merged.json()["judgement"] == "positive"
    assert merged.json()["decided_by"] == "analyst"
    assert (
        analyst.post(
            f"/api/v1/merge-queue/{pid}", headers=headers["analyst"], json={"judgement": "negative"}
        ).status_code
        == 409
    )
    assert (
        analyst.post(
            f"/api/v1/merge-queue/{merged.json()['id']}", headers=headers["analyst"], json={"judgement": "maybe"}
        ).status_code
        == 422
    )
    assert [p["id"] for p in viewer.get("/api/v1/merge-queue?status=positive").json()] == [merged.json()["id"]]

    assert viewer.get("/api/v1/counts?by=grade").status_code == 200
    est = viewer.post(
        "/api/v1/estimate",
        headers=headers["viewer"],
        json={"method": "loglinear", "criterion": "aic", "thresholds": [0.5, 0.99]},
    )
    assert est.status_code == 200, est.text
    body = est.json()
    assert body["criterion"] == "aic" and body["n_hat"] >= body["n_observed"] and body["source"] == "register"
    assert [p["threshold"] for p in body["by_threshold"]["points"]] == [0.5, 0.99]
    with KOSOVO.open("rb") as fh:
        kosovo = viewer.post(
            "/api/v1/estimate",
            headers=headers["viewer"],
            data={"method": "loglinear"},
            files={"patterns": ("kosovo.csv", fh, "text/csv")},
        )
    assert kosovo.status_code == 200 and round(kosovo.json()["n_hat"], 1) == 14341.7
    assert viewer.post("/api/v1/estimate", headers=headers["viewer"], json={"method": "nonsense"}).status_code == 422
    garbage = viewer.post(
        "/api/v1/estimate",
        headers=headers["viewer"],
        data={"method": "loglinear"},
        files={"patterns": ("mine.csv", b"\xff\xfe\x00", "text/csv")},
    )
    assert garbage.status_code == 422 and "mine.csv" in garbage.json()["detail"]
    assert "aqiqat-mse-" not in garbage.json()["detail"]  # never the server's temporary path
    spec = viewer.get("/openapi.json").json()["paths"]
    assert {"/api/v1/lists", "/api/v1/merge-queue/{pair_id}", "/api/v1/link", "/api/v1/estimate"} <= set(spec)
    assert "$defs" not in str(spec["/api/v1/estimate"])  # refs OpenAPI could not resolve


def test_every_string_of_these_pages_is_translated_to_russian() -> None:
    from babel.messages.extract import extract_from_file

    from aqiqat.web.i18n import load_catalogs
    from aqiqat.web.victim_pages import FLAG_REASONS, GROUPINGS, JUDGEMENTS, LEVEL_LABELS, VICTIM_FIELDS

    ru = load_catalogs().get("ru")
    templates = Path(__file__).resolve().parents[2] / "src" / "aqiqat" / "web" / "templates"
    names = [
        "lists.html",
        "list.html",
        "lists_clusters.html",
        "merge_queue.html",
        "counts.html",
        "estimate.html",
        "_lists_tabs.html",
        "partials/pair.html",
        "partials/thresholds.html",
    ]
    messages = [*VICTIM_FIELDS.values(), *JUDGEMENTS.values(), *GROUPINGS.values(), *FLAG_REASONS.values(),
                *LEVEL_LABELS.values()]
    for name in names:
        for _, message, _, _ in extract_from_file("jinja2.ext:babel_extract", str(templates / name)):
            messages.append(message if isinstance(message, str) else message[0])
    assert len(messages) > 120
    missing = sorted({m for m in messages if ru.gettext(m) == m})
    assert not missing, missing


def test_xlsx_list_through_the_page(reg: Register, tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (
        ("ФИО", "Возраст", "Место"),
        ("Нургалиев Ерлан", 34, "Алматы"),
        ("Тлеубаева Айгерим", "—", "Талдыкорган"),
        ("Абишева Салтанат", 51, "Алматы"),
    ):
        sheet.append(row)
    path = tmp_path / "Список ПЦ.xlsx"
    book.save(path)
    page = import_via_page(client_for(reg, "analyst", "ru"), path, "name=ФИО,age=Возраст,place=Место")
    assert "3 записи" in page and "1 ячейка отмечена для проверки" in page  # the row is kept, its age flagged
    cell = '<td>Возраст</td><td><span class="flagged">—</span></td><td>возраст — не число</td>'
    assert f'<tr><td class="num">3</td>{cell}' in page
    assert [x["name"] for x in client_for(reg, "viewer").get("/api/v1/lists").json()] == ["Список ПЦ"]


def test_a_list_imported_restricted_through_the_page_is_hidden_from_analysts(reg: Register, tmp_path: Path) -> None:
    path = tmp_path / "Семьи.csv"
    path.write_text("ФИО,Возраст\nДосжанов Аскар,51\nКасымова Алия,23\n", encoding="utf-8")
    editor, analyst = client_for(reg, "editor"), client_for(reg, "analyst")
    assert '<option value="restricted"' in editor.get("/lists").text
    assert '<option value="restricted"' not in analyst.get("/lists").text  # only levels one may read
    form = {"source": "Семьи", "columns": "name=ФИО,age=Возраст", "confidentiality": "restricted"}
    with path.open("rb") as fh:
        page = editor.post("/lists", data={**form, "csrf_token": page_token(editor)},
                           files={"file": (path.name, fh, "text/csv")}).text
    assert "2 entries" in page and "Access: Restricted" in page, page[:2000]
    assert [x["name"] for x in editor.get("/api/v1/lists").json()] == ["Семьи"]
    assert analyst.get("/api/v1/lists").json() == [] and "Досжанов" not in analyst.get("/lists").text
    with path.open("rb") as fh:  # the same file again: refused, unless a second copy is asked for
        again = editor.post("/api/v1/lists", data={**form, "again": "true"},
                            headers={"X-CSRF-Token": page_token(editor)}, files={"file": (path.name, fh, "text/csv")})
    assert again.status_code == 200 and again.json()["confidentiality"] == "restricted", again.text
    with path.open("rb") as fh:
        refused = analyst.post("/api/v1/lists", data={**form}, headers={"X-CSRF-Token": page_token(analyst)},
                               files={"file": (path.name, fh, "text/csv")})
    assert refused.status_code == 403 and "above their clearance" in refused.text


def test_a_list_reclassified_through_the_api(reg: Register, tmp_path: Path) -> None:
    path = tmp_path / "Медиа.csv"
    path.write_text("ФИО,Возраст\nДосжанов Аскар,51\nКасымова Алия,23\n", encoding="utf-8")
    editor, analyst = client_for(reg, "editor"), client_for(reg, "analyst")
    page = import_via_page(editor, path, "name=ФИО,age=Возраст")
    assert "2 entries" in page
    list_id = editor.get("/api/v1/lists").json()[0]["id"]
    assert [x["id"] for x in analyst.get("/api/v1/lists").json()] == [list_id]
    raised = editor.post(f"/api/v1/lists/{list_id}/reclassify",
                         json={"level": "restricted", "reason": "a family asked"},
                         headers={"X-CSRF-Token": page_token(editor)})
    assert raised.status_code == 200 and raised.json()["entries"] == {"restricted": 2}, raised.text
    assert analyst.get("/api/v1/lists").json() == []
    refused = analyst.post(f"/api/v1/lists/{list_id}/reclassify", json={"level": "internal", "reason": "x"},
                           headers={"X-CSRF-Token": page_token(analyst)})
    assert refused.status_code == 403
    lowered = editor.post(f"/api/v1/lists/{list_id}/reclassify", json={"level": "internal", "reason": "agreed"},
                          headers={"X-CSRF-Token": page_token(editor)})
    assert lowered.status_code == 200 and [x["id"] for x in analyst.get("/api/v1/lists").json()] == [list_id]
