"""The people the linkage produced, as data (api.clusters): the default threshold follows the last link run,
and judgements decide over probabilities."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from aqiqat.api.access import local_admin
from aqiqat.api.clusters import _grouped, clusters, default_threshold, last_link_threshold, linkage_summary
from aqiqat.api.linking import DEFAULT_THRESHOLD, DRAW_FLOOR, REVIEW_FLOOR, judge, link, queue
from aqiqat.api.lists import import_list, list_entries
from aqiqat.api.register import Register
from aqiqat.config import Settings
from aqiqat.linkage.draws import DRAWS
from aqiqat.store.tables import LinkJudgementRow

ME = local_admin("statistician")
ROWS = [("Нургалиев Ерлан", 34, 1988, "2022-01-07", "Талдыкорган"),
        ("Абишева Салтанат", 27, 1995, "2022-01-06", "Алматы"),
        ("Тлеубаев Серик", 41, 1981, "2022-01-05", "Алматы"), ("Касымов Даурен", 19, 2003, "2022-01-07", "Шымкент"),
        ("Исаева Гульмира", 52, 1970, "2022-01-06", "Тараз"), ("Мусин Арман", 23, 1999, "2022-01-05", "Актобе"),
        ("Бекова Динара", 30, 1992, "2022-01-08", "Алматы"), ("Ким Виктор", 45, 1977, "2022-01-06", "Талдыкорган"),
        ("Омарова Айжан", 36, 1986, "2022-01-07", "Кызылорда"), ("Сапаров Саят", 28, 1994, "2022-01-05", "Тараз")]


def test_the_default_threshold_follows_the_last_link_run_and_a_judgement_decides(
    sqlite_settings: Settings, tmp_path: Path
) -> None:
    with Register.initialise(sqlite_settings) as reg:
        for n, rows in enumerate((ROWS, ROWS[::-1])):
            path = tmp_path / f"list{n}.csv"
            path.write_text("ФИО,Возраст,Год рождения,Дата,Место\n" + "".join(
                f"{a},{b},{c},{d},{e}\n" for a, b, c, d, e in rows), encoding="utf-8")
            import_list(reg, ME, path, f"Список {n}", {"name": "ФИО", "age": "Возраст", "birth_year": "Год рождения",
                                                        "date": "Дата", "place": "Место"})
        # before any link run: a pair joins a cluster when it is more likely than not the same person
        assert last_link_threshold(reg) is None and default_threshold(reg) == DEFAULT_THRESHOLD == 0.5
        before = linkage_summary(reg, ME)
        assert before == {"threshold": 0.5, "entries": 20, "people": 20, "clusters": 0, "linked_entries": 0,
                          "linked": False, "people_drawn": {"mean": 20, "low": 20, "high": 20, "draws": DRAWS}}
        link(reg, ME, threshold=0.3)
        assert last_link_threshold(reg) == 0.3 and default_threshold(reg) == 0.5  # the review floor at least
        summary = linkage_summary(reg, ME)
        assert summary is not None and summary["threshold"] == 0.5 and summary["linked"]
        data = clusters(reg, ME, 0.5)
        assert summary["people"] == data["people"] == 20 - data["linked_entries"] + summary["clusters"]
        # drawn linkages join some of the pairs that the threshold of the review floor joins all of, and
        # perhaps some of those under the floor that the link run kept (the queue hides them)
        drawn = data["people_drawn"]
        shown = {p["id"] for p in queue(reg, "all", 10**6)}
        under = [p for p in queue(reg, "all", 10**6, floor=DRAW_FLOOR) if p["id"] not in shown]
        assert all(DRAW_FLOOR <= p["match_probability"] < REVIEW_FLOOR for p in under)
        assert data["people"] - len(under) <= drawn["low"] <= drawn["mean"] <= drawn["high"] <= 20
        assert drawn["draws"] == DRAWS
        assert summary["people_drawn"] == drawn  # one seed, one answer
        same = next(c for c in data["clusters"] if {r["name"] for r in c["records"]} == {"Нургалиев Ерлан"})
        assert sorted((r["list"], r["row"]) for r in same["records"]) == [("list0", 2), ("list1", 11)]
        pair = same["pairs"][0]
        judge(reg, ME, pair["id"], "negative")  # judged different: no threshold joins them again
        for threshold in (0.5, 0.9):
            assert all(p["id"] != pair["id"] for c in clusters(reg, ME, threshold)["clusters"] for p in c["pairs"])
        assert clusters(reg, ME, 0.5)["people"] == data["people"] + 1
        # every pair decided: nothing is left to chance, and every drawing is the count itself
        for pair in queue(reg, "pending", 10**6, floor=DRAW_FLOOR):  # those the queue hides too
            judge(reg, ME, pair["id"], "positive" if pair["match_probability"] >= 0.9 else "negative")
        decided = clusters(reg, ME, 0.5)
        people = decided["people"]
        assert decided["people_drawn"] == {"mean": people, "low": people, "high": people, "draws": DRAWS}


def test_a_pair_under_the_review_floor_is_hidden_from_the_queue_and_drawn(
    sqlite_settings: Settings, tmp_path: Path
) -> None:
    with Register.initialise(sqlite_settings) as reg:
        path = tmp_path / "list.csv"
        path.write_text("ФИО,Год рождения\n" + "".join(f"{a},{c}\n" for a, _, c, _, _ in ROWS), encoding="utf-8")
        made = import_list(reg, ME, path, "Список", {"name": "ФИО", "birth_year": "Год рождения"})
        first, second = (e["id"] for e in list_entries(reg, ME, made.list_id, limit=2))
        with reg.unit(ME) as unit:  # as a link run keeps a pair scored 0.3
            unit.session.add(LinkJudgementRow(left_ref=f"e:{first}", right_ref=f"e:{second}", judgement="pending",
                                              match_probability=0.3, field_weights={}))
        assert queue(reg, "all", 10**6) == [] and len(queue(reg, "all", 10**6, floor=DRAW_FLOOR)) == 1
        data = clusters(reg, ME, 0.5)
        assert data["people"] == 10 and data["clusters"] == []  # no threshold joins it
        drawn = data["people_drawn"]  # drawn, it joins the two about three times in ten
        assert (drawn["low"], drawn["high"]) == (9, 10) and 9.5 < drawn["mean"] < 9.9


def _row(left: str, right: str, probability: float, sources: tuple[str, str], keys: tuple[list[Any], list[Any]] | None,
         judgement: str = "pending") -> dict[str, Any]:
    weights: dict[str, Any] = {"_sources": list(sources)}
    if keys is not None:
        weights["_keys"] = [list(keys[0]), list(keys[1])]
    return {"left_ref": left, "right_ref": right, "match_probability": probability, "judgement": judgement,
            "field_weights": weights}


ERLAN_88 = ["nurgaliev erlan", 1988, None]
ERLAN_91 = ["nurgaliev erlan", 1991, None]
ERLAN = ["nurgaliev erlan", None, None]

# queue rows (left, right, probability, lists, keys, judgement) -> the clusters (sets of references)
CLUSTERINGS = [
    # two namesakes of list A, born 1988 and 1991, both fit list B's entry: the weaker link is dropped
    ([("e:1", "e:3", 0.95, ("A", "B"), (ERLAN_88, ERLAN)), ("e:2", "e:3", 0.9, ("A", "B"), (ERLAN_91, ERLAN))],
     [{"e:1", "e:3"}, {"e:2"}]),
    # the same, with the weaker pair judged the same person: the reviewer's pair comes first, and the
    # pending one that would put the row born in 1988 with it is dropped
    ([("e:1", "e:3", 0.95, ("A", "B"), (ERLAN_88, ERLAN)),
      ("e:2", "e:3", 0.9, ("A", "B"), (ERLAN_91, ERLAN), "positive")],
     [{"e:2", "e:3"}, {"e:1"}]),
    # both judged the same person: a reviewer's word joins whatever the lists say
    ([("e:1", "e:3", 0.95, ("A", "B"), (ERLAN_88, ERLAN), "positive"),
      ("e:2", "e:3", 0.9, ("A", "B"), (ERLAN_91, ERLAN), "positive")],
     [{"e:1", "e:2", "e:3"}]),
    # one list's two rows that agree (a row written twice) may share a cluster
    ([("e:1", "e:3", 0.95, ("A", "B"), (ERLAN_88, ERLAN)), ("e:2", "e:3", 0.9, ("A", "B"), (ERLAN, ERLAN))],
     [{"e:1", "e:2", "e:3"}]),
    # pairs stored before link runs kept the keys join as they are
    ([("e:1", "e:3", 0.95, ("A", "B"), None), ("e:2", "e:3", 0.9, ("A", "B"), None)], [{"e:1", "e:2", "e:3"}]),
    # people found in documents may be named many times
    ([("p:1", "e:3", 0.95, ("documents", "B"), (ERLAN_88, ERLAN)),
      ("p:2", "e:3", 0.9, ("documents", "B"), (ERLAN_91, ERLAN))], [{"p:1", "p:2", "e:3"}]),
]


@pytest.mark.parametrize(("rows", "expected"), CLUSTERINGS)
def test_clusters_keep_one_lists_different_people_apart(rows: list[tuple[Any, ...]],
                                                        expected: list[set[str]]) -> None:
    roots = _grouped([_row(*r) for r in rows])
    groups: dict[str, set[str]] = {}
    for ref, root in roots.items():
        groups.setdefault(root, set()).add(ref)
    assert sorted(groups.values(), key=sorted) == sorted(expected, key=sorted)


def _import_lists(reg: Register, tmp_path: Path, lists: dict[str, list[tuple[Any, ...]]]) -> None:
    """Each list (name: rows of name, age, birth year, date, place; None for an empty cell) as a CSV file."""
    for name, rows in lists.items():
        path = tmp_path / f"{name}.csv"
        path.write_text("ФИО,Возраст,Год рождения,Дата,Место\n" + "".join(
            ",".join("" if v is None else str(v) for v in row) + "\n" for row in rows), encoding="utf-8")
        import_list(reg, ME, path, name, {"name": "ФИО", "age": "Возраст", "birth_year": "Год рождения",
                                          "date": "Дата", "place": "Место"})


def test_the_link_run_and_the_clusters_count_the_same_people(sqlite_settings: Settings, tmp_path: Path) -> None:
    # two namesakes on one list with different birth years, and a third list naming Ерлан without a year
    lists = {"A": ROWS + [("Нургалиев Ерлан", 31, 1991, "2022-01-07", "Талдыкорган")],
             "B": ROWS[::-1], "C": [("Нургалиев Ерлан", None, None, "2022-01-07", "Талдыкорган"), *ROWS[3:6]]}
    with Register.initialise(sqlite_settings) as reg:
        _import_lists(reg, tmp_path, lists)
        run = link(reg, ME)
        assert run.threshold == DEFAULT_THRESHOLD
        stored = queue(reg, "all", 10**6, floor=DRAW_FLOOR)
        assert all(len(p["field_weights"]["_keys"]) == 2 for p in stored)
        data = clusters(reg, ME, DEFAULT_THRESHOLD)
        assert data["people"] == run.clusters
        for c in data["clusters"]:  # no cluster holds two entries of one list born in different years
            years = [(r["list"], y) for r in c["records"] for y in [_year(reg, r)] if y is not None]
            assert len({lst for lst, _ in years}) == len(set(years))


def _year(reg: Register, record: dict[str, Any]) -> int | None:
    if record.get("kind") != "entry":
        return None
    entry = next(e for e in list_entries(reg, ME, record["list_id"]) if e["id"] == record["entry_id"])
    return entry.get("birth_year")


def test_a_person_made_restricted_since_the_link_run_leaves_no_name_key_in_the_queue(
    sqlite_settings: Settings, tmp_path: Path
) -> None:
    from aqiqat.api.access import Principal
    from aqiqat.api.linking import mask_hidden_people, visible_queue
    from aqiqat.api.records import create, get_record, update
    from aqiqat.domain.enums import UserRole
    from aqiqat.linkage.names import name_key

    viewer = Principal("viewer", UserRole.VIEWER)
    with Register.initialise(sqlite_settings) as reg:
        person = create(reg, ME, "person", {"display_name": "Жаксылыков Болат", "surname": "Жаксылыков",
                                            "given_name": "Болат", "birth_year": 1990})
        lists = {"A": [("Жаксылыков Болат", None, 1990, "2022-01-06", "Алматы"), *ROWS], "B": ROWS[::-1]}
        _import_lists(reg, tmp_path, lists)
        link(reg, ME)
        ref = f"p:{person['id']}"
        pairs = [q for q in queue(reg, "all", 10**6, floor=DRAW_FLOOR) if ref in (q["left_ref"], q["right_ref"])]
        key = name_key("Жаксылыков Болат").full_key
        assert pairs and key in str(pairs)  # the cleared read the keys: the check below is not vacuous
        current = get_record(reg, ME, "person", person["id"])
        update(reg, ME, "person", person["id"], current["version"], {"confidentiality": "restricted"})
        everything = visible_queue(reg, viewer, "all", 10**6, floor=DRAW_FLOOR)
        assert everything and not [q for q in everything if ref in (q["left_ref"], q["right_ref"])]  # left out whole
        assert key not in str(everything)
        # and where a row resting on the person still reached a reader (the pair's own level not raised), the
        # person's side is masked: a pseudonym for the name, no name key, birth year or father's name
        masked = mask_hidden_people(reg, viewer, [{**q, "field_weights": dict(q["field_weights"])} for q in pairs])
        for q in masked:  # (the list row beside it names Жаксылыков Болат itself, and stays readable)
            side = (q["left_ref"], q["right_ref"]).index(ref)
            assert q["field_weights"]["_keys"][side] == [None, None, None]
            assert q["field_weights"]["_names"][side] == f"Witness {person['id']}"
        assert key not in str(clusters(reg, viewer, DEFAULT_THRESHOLD))
