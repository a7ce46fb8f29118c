"""`aqiqat estimate` on the reference tables, as a rich table, as JSON, and on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from aqiqat.cli.estimate_cmds import register

MSE = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "mse"


def _app() -> typer.Typer:
    app = typer.Typer()
    register(app)

    @app.callback()
    def main() -> None:  # a group, so the command is invoked by name as under `aqiqat`
        pass

    return app


def test_estimate_json() -> None:
    out = CliRunner().invoke(_app(), ["estimate", "--patterns", str(MSE / "kosovo_capture_patterns.csv"), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert round(data["n_hat"], 1) == 14341.7 and data["criterion"] == "bic"


def test_estimate_table_output_with_aic_and_interaction() -> None:
    runner = CliRunner()
    kosovo = str(MSE / "kosovo_capture_patterns.csv")
    out = runner.invoke(_app(), ["estimate", "--patterns", kosovo, "--criterion", "aic"])
    assert out.exit_code == 0, out.output
    assert "all two-way interactions except ABA:HRW" in out.stdout and "14,341.7" in out.stdout
    out = runner.invoke(
        _app(), ["estimate", "--patterns", str(MSE / "hiv_rome_capture_patterns.csv"), "--interaction", "c1:c2"]
    )
    assert out.exit_code == 0 and "12,318.5" in out.stdout


def test_estimate_lcmcr_quick() -> None:
    args = ["estimate", "--patterns", str(MSE / "hiv_rome_capture_patterns.csv"), "--method", "lcmcr",
            "--seed", "3", "--samples", "20", "--burn-in", "50", "--thin", "2", "--chains", "2"]
    out = CliRunner().invoke(_app(), args)
    assert out.exit_code == 0, out.output
    assert "posterior median" in out.stdout and "R-hat" in out.stdout


def test_bad_input_exits_2_with_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("A,B,freq\n0,0,5\n1,0,3\n", encoding="utf-8")
    out = CliRunner().invoke(_app(), ["estimate", "--patterns", str(bad)])
    assert out.exit_code == 2
    assert out.stderr.strip().startswith("error:") and "all-zero pattern" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
    out = CliRunner().invoke(_app(), ["estimate", "--patterns", str(bad), "--method", "chao"])
    assert out.exit_code == 2 and "--method must be one of" in out.stderr
    hiv = str(MSE / "hiv_rome_capture_patterns.csv")
    out = CliRunner().invoke(_app(), ["estimate", "--patterns", hiv, "--seed", "1"])
    assert out.exit_code == 2


def test_estimate_is_registered_on_the_aqiqat_app(tmp_path: Path) -> None:
    from aqiqat.cli.main import app

    args = ["--data-dir", str(tmp_path / "data"), "estimate", "--patterns", str(MSE / "hiv_rome_capture_patterns.csv"),
            "--interaction", "c1:c2", "--json"]
    out = CliRunner().invoke(app, args)
    assert out.exit_code == 0, out.output
    assert round(json.loads(out.stdout)["n_hat"], 1) == 12318.5


def test_two_lists_print_chapman_and_the_dependence_note_and_refuse_lcmcr(tmp_path: Path) -> None:
    two = tmp_path / "two.csv"
    two.write_text("МВД,Правозащитники,freq\n1,0,9\n0,1,9\n1,1,3\n", encoding="utf-8")
    out = CliRunner().invoke(_app(), ["estimate", "--patterns", str(two)])
    assert out.exit_code == 0, out.output
    assert "41.2" in out.stdout and "chapman" in out.stdout  # 13 x 13 / 4 - 1 = 41.25
    assert "cannot test dependence" in " ".join(out.stdout.split())
    out = CliRunner().invoke(_app(), ["estimate", "--patterns", str(two), "--method", "lcmcr", "--seed", "1"])
    assert out.exit_code == 2 and "at least three lists" in out.stderr


def test_lcmcr_short_run_says_it_has_not_converged() -> None:
    args = ["estimate", "--patterns", str(MSE / "hiv_rome_capture_patterns.csv"), "--method", "lcmcr",
            "--seed", "3", "--samples", "20", "--burn-in", "50", "--thin", "2", "--chains", "2"]
    out = CliRunner().invoke(_app(), args)
    assert out.exit_code == 0, out.output
    assert "Converged: NO" in out.stdout and "ess" in out.stdout
