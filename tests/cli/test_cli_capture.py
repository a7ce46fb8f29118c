"""`aqiqat capture` and `aqiqat recheck` as a user runs them, against a local page server and TSA."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.capture.servers import make_tsa, tsa, web_site
from typer.testing import CliRunner

from aqiqat.cli.main import app

pytestmark = pytest.mark.browser
runner = CliRunner()


def run(data: Path, env: dict[str, str], *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--data-dir", str(data), *args], env={"AQIQAT_DATABASE_URL": "", **env})
    return result.exit_code, result.stdout, result.stderr


def test_capture_then_recheck_a_page_that_disappears(tmp_path: Path) -> None:
    data = tmp_path / "reg"
    roots = make_tsa(tmp_path / "tsa") / "ca.crt"
    with web_site() as (base, site), tsa(roots.parent) as (tsa_url, _):
        env = {"AQIQAT_TSA_URL": tsa_url, "AQIQAT_TSA_ROOTS": str(roots)}
        assert run(data, env, "init")[0] == 0
        code, out, err = run(data, env, "capture", base + "/page.html", "http://no-such-host.invalid/", "--json",
                             "--no-extract")
        assert code == 1
        ok, bad = json.loads(out)
        assert ok["status"] == "captured" and ok["timestamp"] == "verified"
        assert bad["status"] == "failed" and "ERR_NAME_NOT_RESOLVED" in bad["message"]
        assert [line for line in err.splitlines() if line.startswith("failed:")] == [f"failed: {bad['message']}"]
        code, out, _ = run(data, env, "verify")
        assert code == 0
        site.gone.add("/page.html")
        code, out, _ = run(data, env, "recheck")
        assert code == 0 and "1 pages checked, 1 lost" in out
        code, out, _ = run(data, env, "recheck", "--lost", "--json")
        (lost,) = json.loads(out)
        assert lost["document_id"] == ok["id"] and lost["detail"] == "HTTP 410"
