"""The people the linkage produced, as data (api.clusters): the default threshold follows the last link run,
and judgements decide over probabilities."""

from __future__ import annotations

from pathlib import Path

from aqiqat.api.access import local_admin
from aqiqat.api.clusters import clusters, default_threshold, last_link_threshold, linkage_summary
from aqiqat.api.linking import DRAW_FLOOR, REVIEW_FLOOR, judge, link, queue
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
        assert last_link_threshold(reg) is None and default_threshold(reg) == 0.9
        before = linkage_summary(reg, ME)
        assert before == {"threshold": 0.9, "entries": 20, "people": 20, "clusters": 0, "linked_entries": 0,
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
