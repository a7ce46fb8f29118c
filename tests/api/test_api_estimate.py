"""The estimate use cases of the Python API: CSV in, JSON-ready dict out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aqiqat.api.estimate import (
    EstimateInputError,
    estimate_from_memberships,
    estimate_from_patterns,
    estimate_sensitivity,
    read_patterns,
)

MSE = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "mse"


def test_estimate_from_patterns_is_json_ready() -> None:
    result = estimate_from_patterns(MSE / "kosovo_capture_patterns.csv")
    assert json.loads(json.dumps(result)) == result
    assert result["model"] == "all two-way interactions except ABA:HRW"
    assert round(result["n_hat"], 1) == 14341.7
    assert result["source"].endswith("kosovo_capture_patterns.csv")


def test_estimate_from_patterns_lcmcr_options() -> None:
    result = estimate_from_patterns(
        MSE / "hiv_rome_capture_patterns.csv", method="lcmcr", burn_in=100, samples=30, thin=2, chains=2, seed=5
    )
    assert result["method"] == "lcmcr" and result["posterior"]["draws"] == 60
    assert result["settings"]["burn_in"] == 100


def test_estimate_from_memberships_plain_and_stratified() -> None:
    people = {
        "Нургалиев": {"ПЦ", "Список 188"},
        "Тлеубаева": {"ПЦ"},
        "Ахметов": {"Список 188"},
        "Касенов": {"Список 221", "ПЦ"},
        "Жумабаев": {"Список 221"},
        "Сапаров": {"Список 188", "Список 221"},
        "Омаров": {"ПЦ", "Список 188", "Список 221"},
        "Иванов": {"ПЦ"},
    }
    result = estimate_from_memberships(people, interactions=[])
    assert result["table"]["n_observed"] == 8 and result["n_hat"] >= 8
    region = {name: ("Алматы" if i % 2 else "Талдыкорган") for i, name in enumerate(people)}
    stratified = estimate_from_memberships(people, strata=region, interactions=[])
    assert set(stratified["strata"]) == {"Алматы", "Талдыкорган"}
    assert stratified["total"]["n_observed"] == 8


def test_sensitivity_over_thresholds() -> None:
    linked = {"a": {"A", "B"}, "b": {"A"}, "c": {"B"}, "d": {"A", "B"}, "e": {"C"}, "f": {"A", "C"}, "g": {"B", "C"}}
    looser = {"a/A": {"A"}, "a/B": {"B"}} | {k: v for k, v in linked.items() if k != "a"}
    result = estimate_sensitivity([(0.9, looser), (0.5, linked)], interactions=[])
    assert [p["threshold"] for p in result["points"]] == [0.5, 0.9]
    assert result["n_hat_range"][0] <= result["n_hat_range"][1]


def test_bad_file_raises_estimate_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("A,B,freq\n1,0,3\n1,0,4\n", encoding="utf-8")
    with pytest.raises(EstimateInputError, match="duplicate capture patterns"):
        estimate_from_patterns(bad)
    with pytest.raises(EstimateInputError, match="not used by loglinear: seed"):
        estimate_from_patterns(MSE / "kosovo_capture_patterns.csv", seed=4)
    assert read_patterns(MSE / "kosovo_capture_patterns.csv")["list_totals"]["HRW"] == 685
