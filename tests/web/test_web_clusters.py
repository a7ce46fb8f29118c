"""The people the linkage produced, on a page and as JSON: each cluster with its entries (list, row, name as
listed) and the pairs that joined it; the estimate page says how many people the entries make."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from tests.web.test_web_victims import MAP, client_for, reg, write_lists  # noqa: F401 (reg: a fixture)

from aqiqat.api.access import local_admin
from aqiqat.api.clusters import clusters
from aqiqat.api.linking import judge, link, queue
from aqiqat.api.lists import import_list, list_entries, list_lists, parse_column_map
from aqiqat.api.register import Register

ME = local_admin("statistician")


def _linked(reg: Register, tmp_path: Path) -> None:  # noqa: F811
    for path in write_lists(tmp_path, n_people=30):
        import_list(reg, ME, path, path.stem, parse_column_map(MAP))
    link(reg, ME, threshold=0.9)


def test_the_clusters_page_shows_each_person_with_the_rows_and_pairs_that_joined_them(
    reg: Register, tmp_path: Path  # noqa: F811
) -> None:
    _linked(reg, tmp_path)
    data = clusters(reg, ME, 0.9)
    assert data["clusters"] and data["people"] < data["entries"]
    viewer = client_for(reg, "viewer")
    page = viewer.get("/lists/clusters")
    assert page.status_code == 200
    summary = re.search(r'id="linkage-summary">(.*?)</span>', page.text)
    said = f"{data['entries']} list entries make {data['people']} people at threshold 0.9"
    assert summary and said in summary.group(1)
    drawn = data["people_drawn"]
    assert 'id="people-drawn"' in page.text and (
        f"{drawn['mean']:g} people ({drawn['low']}–{drawn['high']}) when each pair is drawn" in page.text)
    assert page.text.count('<section class="card cluster"') == min(50, len(data["clusters"]))
    first = data["clusters"][0]
    section = page.text.split('id="cluster-1"')[1].split("</section>")[0]
    rows = {(r["list_id"], r["row"]): r for r in first["records"] if r["kind"] == "entry"}
    assert len(rows) >= 2
    entries = {(lid, e["row_number"]): e["name"] for lid in {k[0] for k in rows} for e in list_entries(reg, ME, lid)}
    for (list_id, row), record in rows.items():  # the row and the name as the list gives them
        assert record["name"] == entries[(list_id, row)]
        link = f'<a href="/lists/{list_id}#e-{record["entry_id"]}">{record["list"]}</a>'
        assert f'{link}</td><td class="num">{row}</td><td>{record["name"]}</td>' in section
    assert section.count("%</td>") == len(first["pairs"]) and "Surname" in section

    # a stricter threshold makes more people, never fewer; below the review floor is refused
    strict = viewer.get("/lists/clusters?threshold=0.99")
    more = re.search(r"make (\d+) people", strict.text)
    assert more and int(more.group(1)) >= data["people"]
    assert viewer.get("/lists/clusters?threshold=0.3").status_code == 422

    # judged different: the pair no longer joins them
    pair = first["pairs"][0]
    judge(reg, ME, pair["id"], "negative")
    after = viewer.get("/api/v1/clusters?threshold=0.9").json()
    assert all(p["id"] != pair["id"] for c in after["clusters"] for p in c["pairs"])

    # the same as JSON, and the page in Russian
    api = viewer.get("/api/v1/clusters").json()
    assert api["entries"] == sum(x["entries"] for x in list_lists(reg, ME)) and api["threshold"] == 0.9
    assert all({"list", "row", "name"} <= set(r) for c in api["clusters"] for r in c["records"] if r["kind"] == "entry")
    # the merge queue downloads its pending pairs as the page lists them
    exported = viewer.get("/merge-queue/export.csv")
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    pairs = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    pending = [q for q in queue(reg, "pending", 10**6)]
    assert sorted(int(p["id"]) for p in pairs) == sorted(q["id"] for q in pending)
    assert all(p["judgement"] == "pending" and p["left_list"] and "surname" in p["weights"] for p in pairs)
    decided = list(csv.DictReader(io.StringIO(viewer.get("/merge-queue/export.csv?tab=decided").content
                                              .decode("utf-8-sig"))))
    assert [(int(p["id"]) > 0, p["judgement"]) for p in decided] == [(True, "negative")]
    ru = client_for(reg, "viewer", "ru").get("/lists/clusters")
    assert "Записей в списках" in ru.text and "Вероятность совпадения" in ru.text and "Field weights" not in ru.text


def test_the_estimate_page_says_how_many_people_the_entries_make(reg: Register, tmp_path: Path) -> None:  # noqa: F811
    _linked(reg, tmp_path)
    for pair in queue(reg):
        if pair["match_probability"] >= 0.95:
            judge(reg, ME, pair["id"], "positive")
    data = clusters(reg, ME, 0.9)
    page = client_for(reg, "analyst").get("/estimate")
    line = re.search(r'<p class="small" id="linkage-summary">(.*?)</p>', page.text, re.DOTALL)
    assert line and f"{data['entries']} list entries make {data['people']} people at threshold 0.9" in line.group(1)
    named = sum(1 for c in data["clusters"] if any(r["kind"] == "entry" for r in c["records"]))
    assert f"{named} people named more than once" in line.group(1) or named == 1
    # the counts page and its JSON mirror say the same
    viewer = client_for(reg, "viewer", "ru")
    counts = re.search(r'<p class="note" id="linkage-summary">(.*?)</p>', viewer.get("/counts").text, re.DOTALL)
    assert counts and f"людей после связывания: {data['people']} (порог 0,9)" in counts.group(1)
    linkage = viewer.get("/api/v1/counts").json()["linkage"]
    assert (linkage["entries"], linkage["people"], linkage["threshold"]) == (data["entries"], data["people"], 0.9)
