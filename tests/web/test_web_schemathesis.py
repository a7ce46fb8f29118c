"""schemathesis against the workbench's /openapi.json, in-process (ASGI), logged in as an admin: for every
operation, examples that fit the schema and examples that do not; none may end in a server error (5xx or an
exception), on SQLite and on PostgreSQL.

The admin's session cookie and CSRF token are sent with every example rather than HTTP Basic: Basic hashes
the password on every request (about 0.3 s), which would make a few hundred examples take minutes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from tests.web.conftest import PASSWORD, seed

from aqiqat.api.access import local_admin
from aqiqat.api.register import Register
from aqiqat.api.users import add_user
from aqiqat.config import Settings
from aqiqat.web import create_app

# examples per operation: (fitting the schema, not fitting it); PostgreSQL gets fewer (it is slower here)
EXAMPLES = {"sqlite": (20, 10), "postgresql": (10, 5)}
SEEDED_CSV = "ФИО,Возраст\nКасым Ахметов,40\n".encode()


@dataclass
class Api:
    app: Any
    headers: dict[str, str]
    cookies: dict[str, str]
    backend: str


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def api(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    root: Path = tmp_path_factory.mktemp(f"schemathesis-{request.param}")
    if request.param == "sqlite":
        url = f"sqlite:///{root / 'data' / 'aqiqat.sqlite'}"
    else:
        url = request.getfixturevalue("pg_server").new_database()
    reg = Register.initialise(Settings(data_dir=root / "data", database_url=url, max_file_bytes=200_000, user="t"))
    add_user(reg, local_admin("setup"), "admin", "admin", PASSWORD)
    seed(reg)  # records for the ids the examples hit: documents 1-2, events, people 1-2, claims 1-2
    app = create_app(reg.settings, reg)
    client = TestClient(app)
    session = client.post("/api/v1/session", json={"username": "admin", "password": PASSWORD})
    assert session.status_code == 200
    try:
        yield Api(app, {"x-csrf-token": session.json()["csrf_token"]},
                  {"aqiqat_session": client.cookies["aqiqat_session"]}, request.param)
    finally:
        client.close()
        reg.close()


@dataclass
class Tally:
    failures: list[str] = field(default_factory=list)
    tried: dict[str, int] = field(default_factory=dict)
    answered: dict[int, int] = field(default_factory=dict)


def explore(api: Api, op: Any, mode: GenerationMode, examples: int, tally: Tally) -> None:
    """`examples` examples of one operation; every server error is written down, not raised."""

    @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(case=op.as_strategy(mode))
    def run(case: Any) -> None:
        tally.tried[op.label] = tally.tried.get(op.label, 0) + 1
        where = f"{op.label} ({mode.value}) {case.path_parameters} {case.query} {str(case.body)[:120]!r}"
        try:
            response = case.call(headers=api.headers, cookies=api.cookies)
        except Exception as exc:  # the app raised: a 500 for a real client
            tally.failures.append(f"{where}: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}")
            return
        tally.answered[response.status_code] = tally.answered.get(response.status_code, 0) + 1
        if response.status_code == 401 and op.label != "POST /api/v1/session":
            tally.failures.append(f"{where}: 401, the admin's session was not taken")
        if response.status_code >= 500:
            tally.failures.append(f"{where}: {response.status_code} {response.text[:200]}")

    try:
        run()
    except Unsatisfiable:
        pass  # nothing to break in this operation's schema (no parameters, no body)


def test_no_operation_ends_in_a_server_error(api: Api) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", api.app)
    # log-out ends the server-side session every other example rides on (tested in test_web_sessions.py)
    operations = [op for op in (r.ok() for r in schema.get_all_operations()) if op.label != "DELETE /api/v1/session"]
    assert len(operations) >= 30, [op.label for op in operations]
    tally = Tally()
    for op in operations:
        positive, negative = EXAMPLES[api.backend]
        explore(api, op, GenerationMode.POSITIVE, positive, tally)
        explore(api, op, GenerationMode.NEGATIVE, negative, tally)
    assert not tally.failures, "\n".join(tally.failures[:40])
    # every operation was called, most of them many times, and not only refused
    assert set(tally.tried) == {op.label for op in operations}
    assert sum(tally.tried.values()) >= len(operations) * EXAMPLES[api.backend][0] // 2
    successes = sum(n for status, n in tally.answered.items() if status < 300)
    assert successes >= sum(tally.answered.values()) // 10, tally.answered
