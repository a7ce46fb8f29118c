"""The estimate over linkages drawn from the merge queue (api.estimate.estimate_over_drawn_links): a pending
pair joins its two with its probability, a decided one as decided, and only what the reader may see counts."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from aqiqat.api.access import Principal, local_admin
from aqiqat.api.estimate import EstimateInputError, estimate_over_drawn_links, register_memberships
from aqiqat.api.linking import DRAW_FLOOR, judge, link, queue
from aqiqat.api.lists import import_list
from aqiqat.api.records import create
from aqiqat.api.register import Register
from aqiqat.config import Settings
from aqiqat.domain.enums import UserRole
from aqiqat.store.tables import ListEntryRow, VictimListRow

ME = local_admin("statistician")
# three lists of one town's dead, each naming some of them in its own way (age or year, order of names)
PEOPLE = [("Нургалиев", "Ерлан", 1988, "2022-01-07"), ("Абишева", "Салтанат", 1995, "2022-01-06"),
          ("Тлеубаев", "Серик", 1981, "2022-01-05"), ("Касымов", "Даурен", 2003, "2022-01-07"),
          ("Исаева", "Гульмира", 1970, "2022-01-06"), ("Мусин", "Арман", 1999, "2022-01-05"),
          ("Бекова", "Динара", 1992, "2022-01-08"), ("Ким", "Виктор", 1977, "2022-01-06"),
          ("Омарова", "Айжан", 1986, "2022-01-07"), ("Сапаров", "Саят", 1994, "2022-01-05"),
          ("Жумабаев", "Нурлан", 1979, "2022-01-06"), ("Ахметова", "Алия", 1990, "2022-01-07")]
ON = {"НКО": range(0, 10), "Пресса": range(2, 12), "Родственники": (0, 1, 2, 3, 5, 8, 9, 11)}


def _lists(reg: Register, tmp_path: Path) -> None:
    for n, (name, rows) in enumerate(ON.items()):
        path = tmp_path / f"list{n}.csv"
        lines = ["ФИО,Год рождения,Дата,Место"]
        for i in rows:
            surname, given, year, day = PEOPLE[i]
            full = f"{surname} {given}" if n != 1 else f"{given} {surname}"
            lines.append(f"{full},{year},{day},Алматы")
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        import_list(reg, ME, path, "monitors", {"name": "ФИО", "birth_year": "Год рождения", "date": "Дата",
                                                "place": "Место"}, name=name)


def test_drawn_linkages_join_the_pending_pairs_that_as_linked_counts_twice(
    sqlite_settings: Settings, tmp_path: Path
) -> None:
    with Register.initialise(sqlite_settings) as reg:
        _lists(reg, tmp_path)
        link(reg, ME, threshold=0.9)
        pending = queue(reg, "pending", 10**6, floor=DRAW_FLOOR)  # under the review floor too
        assert pending
        result = estimate_over_drawn_links(reg, ME, draws=10)
        entries = sum(len(rows) for rows in ON.values())
        # as linked, nothing is merged yet: every entry a person of its own
        assert result["as_linked"]["n_observed"] == entries
        assert result["pairs_drawn"] == len(pending) and len(result["points"]) == 10
        # drawn, the pairs (all of one town, names and years agreeing) join nearly every time
        assert all(p["n_observed"] < entries for p in result["points"])
        assert result["n_observed"]["median"] == pytest.approx(len(PEOPLE), abs=1)
        assert result["n_hat"]["low"] <= result["n_hat"]["median"] <= result["n_hat"]["high"]
        assert estimate_over_drawn_links(reg, ME, draws=10) == result  # one seed, one answer

        # every pair decided: nothing is left to draw, and every draw is the register as merged
        for pair in pending:
            judge(reg, ME, pair["id"], "positive" if pair["match_probability"] >= 0.5 else "negative")
        decided = estimate_over_drawn_links(reg, ME, draws=5)
        people, _ = register_memberships(reg, ME)
        assert decided["pairs_drawn"] == 0
        assert decided["as_linked"]["n_observed"] == len(people) == decided["n_observed"]["median"]
        assert {p["n_hat"] for p in decided["points"]} == {decided["as_linked"]["n_hat"]}


def test_a_reader_draws_only_the_entries_they_may_see(sqlite_settings: Settings, tmp_path: Path) -> None:
    with Register.initialise(sqlite_settings) as reg:
        _lists(reg, tmp_path)
        link(reg, ME, threshold=0.9)
        # the relatives' rows rest on a restricted person: they, and the pairs resting on them, are not the viewer's
        witness = create(reg, ME, "person", {"display_name": "Свидетель", "confidentiality": "restricted"})
        with reg.unit(ME) as unit:
            relatives = unit.session.scalar(select(VictimListRow.id).where(VictimListRow.name == "Родственники"))
            for entry in unit.session.scalars(select(ListEntryRow).where(ListEntryRow.list_id == relatives)):
                entry.person_id = witness["id"]
        viewer = Principal("viewer", UserRole.VIEWER)
        seen = estimate_over_drawn_links(reg, viewer, draws=5)
        assert seen["lists"] == ["НКО", "Пресса"] and seen["left_out"] == len(ON["Родственники"])
        assert seen["as_linked"]["n_observed"] == len(ON["НКО"]) + len(ON["Пресса"])


def test_draws_out_of_range_and_an_empty_register_are_refused_in_one_line(sqlite_settings: Settings) -> None:
    with Register.initialise(sqlite_settings) as reg:
        with pytest.raises(EstimateInputError, match="draws must be between 1 and 1000"):
            estimate_over_drawn_links(reg, ME, draws=0)
        with pytest.raises(EstimateInputError, match="no list entries"):
            estimate_over_drawn_links(reg, ME, draws=5)
