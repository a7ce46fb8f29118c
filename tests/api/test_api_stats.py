"""Counts show their grades and ranges; figures keep every claim; adoption names its rule."""

from __future__ import annotations

import pytest

from aqiqat.api.access import Principal, local_admin
from aqiqat.api.errors import Invalid
from aqiqat.api.records import create
from aqiqat.api.register import Register
from aqiqat.api.stats import adopt_figure, counts, figures, map_points, timeline
from aqiqat.config import Settings
from aqiqat.domain.enums import UserRole

ME = local_admin("analyst")


def _setup(reg: Register) -> None:
    city = create(reg, ME, "place", {"name": "Талдыкорган", "kind": "city", "latitude": 45.0, "longitude": 78.4})
    create(
        reg,
        ME,
        "event",
        {
            "type": "shooting",
            "title": "a",
            "start_date": "2022-01-07",
            "date_precision": "day",
            "killed_min": 2,
            "killed_max": 2,
            "grade": "fair",
            "place_id": city["id"],
        },
    )
    create(
        reg,
        ME,
        "event",
        {
            "type": "shooting",
            "title": "b",
            "start_date": "2022-01-07",
            "date_precision": "day",
            "killed_min": 3,
            "killed_max": 5,
            "grade": "confirmed",
        },
    )
    create(
        reg,
        ME,
        "event",
        {
            "type": "detention",
            "title": "c",
            "start_date": "2022-01-08",
            "date_precision": "day",
            "detained_min": 40,
            "grade": "weak",
        },
    )
    create(
        reg,
        ME,
        "event",
        {
            "type": "killing",
            "title": "secret",
            "start_date": "2022-01-09",
            "date_precision": "day",
            "killed_min": 1,
            "killed_max": 1,
            "grade": "fair",
            "confidentiality": "restricted",
        },
    )
    for who, value, day in (
        ("правозащитники", 173, "2022-02-04"),
        ("МВД", 225, "2022-01-15"),
        ("активисты", 173, "2022-02-01"),
    ):
        create(
            reg,
            ME,
            "claim",
            {
                "kind": "figure",
                "text": f"{value} погибших",
                "claimant_label": who,
                "subject": "killed",
                "value": value,
                "claimed_on": day,
            },
        )


def test_counts_grades_and_ranges(settings: Settings) -> None:
    with Register.initialise(settings) as reg:
        _setup(reg)
        by_type = counts(reg, ME, "type")
        assert by_type["grades"] == ["confirmed", "fair"]
        assert by_type["total"]["killed_min"] == 6 and by_type["total"]["killed_max"] == 8
        assert by_type["total"]["events"] == 3
        viewer = Principal("v", UserRole.VIEWER)
        assert counts(reg, viewer, "type")["total"]["events"] == 2
        with_weak = counts(reg, ME, "type", ["confirmed", "fair", "weak"])
        assert with_weak["total"]["detained_min"] == 40
        assert [r["group"] for r in counts(reg, ME, "place")["rows"]] == ["(place unknown)", "Талдыкорган"]
        assert [d["day"] for d in timeline(reg, viewer)] == ["2022-01-07", "2022-01-08"]
        assert timeline(reg, ME)[0]["killed_max"] == 7
        assert [p["place"] for p in map_points(reg, ME)] == ["Талдыкорган"]
        with pytest.raises(Invalid):
            counts(reg, ME, "colour")


def test_figures_and_adoption_rules(settings: Settings) -> None:
    with Register.initialise(settings) as reg:
        _setup(reg)
        f = figures(reg, ME, "killed")
        assert [c["claimant_label"] for c in f["claims"]] == ["МВД", "активисты", "правозащитники"]
        assert adopt_figure(reg, ME, "killed", "most_conservative")["value_min"] == 173
        assert adopt_figure(reg, ME, "killed", "majority")["value_max"] == 173
        a = adopt_figure(reg, ME, "killed", "analyst", 173, 225, note="range of sources")
        assert (a["value_min"], a["value_max"], a["rule"]) == (173, 225, "analyst")
        assert figures(reg, ME, "killed")["adopted"]["rule"] == "analyst"
        assert len(figures(reg, ME, "killed")["claims"]) == 3  # claims unchanged
