"""Fixtures for the workbench: a register with users of every role and a small sourced register."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from aqiqat.api.access import local_admin
from aqiqat.api.ingest import IngestOptions, ingest_bytes
from aqiqat.api.records import add_involvement, create
from aqiqat.api.register import Register
from aqiqat.api.users import add_user
from aqiqat.config import Settings
from aqiqat.domain.enums import Confidentiality, DocumentKind
from aqiqat.domain.model import Span
from aqiqat.web import create_app

PASSWORD = "correct-horse-battery"
ROLES = ("admin", "editor", "analyst", "viewer")
FIXTURES = Path(__file__).parent / "fixtures"
# A restricted witness: this name must never reach a viewer or an analyst.
SECRET_NAME = "Асель Нурланова"
SECRET_SURNAME = "Нурланова"


@dataclass
class Seeded:
    event_id: int
    witness_id: int
    victim_id: int
    public_doc: int
    restricted_doc: int


def seed(reg: Register) -> Seeded:
    """A small register written through the service layer: one event with a victim, a perpetrator,
    a restricted witness, a claim, and a public and a restricted document."""
    me = local_admin("seeder")
    public = ingest_bytes(
        reg,
        me,
        "7 января в Талдыкоргане военные обстреляли автомобиль. Погиб Ерлан Сапаров.".encode(),
        "report.txt",
        IngestOptions(source="Правозащитный центр", kind=DocumentKind.ARTICLE, confidentiality=Confidentiality.PUBLIC),
    )
    restricted = ingest_bytes(
        reg,
        me,
        f"Я, {SECRET_NAME}, видела, как военные стреляли по машине.".encode(),
        "testimony.txt",
        IngestOptions(kind=DocumentKind.TESTIMONY, confidentiality=Confidentiality.RESTRICTED),
    )
    assert public.document_id and restricted.document_id
    place = create(reg, me, "place", {"name": "Талдыкорган", "kind": "city", "latitude": 45.0, "longitude": 78.4})
    event = create(
        reg,
        me,
        "event",
        {
            "type": "shooting",
            "title": "Обстрел автомобиля в Талдыкоргане",
            "start_date": "2022-01-07",
            "date_precision": "day",
            "place_id": place["id"],
            "location_precision": "town",
            "killed_min": 1,
            "killed_max": 2,
            "grade": "fair",
            "confidentiality": "internal",
        },
        evidence=[Span(public.document_id, 0, 55, "7 января в Талдыкоргане военные обстреляли автомобиль.")],
    )
    victim = create(
        reg,
        me,
        "person",
        {"display_name": "Ерлан Сапаров", "surname": "Сапаров", "given_name": "Ерлан", "confidentiality": "public"},
    )
    witness = create(
        reg,
        me,
        "person",
        {
            "display_name": SECRET_NAME,
            "surname": SECRET_SURNAME,
            "given_name": "Асель",
            "confidentiality": "restricted",
            "contact": "+7 701 000 00 00",
        },
    )
    actor = create(reg, me, "actor", {"name": "военные", "kind": "military"})
    add_involvement(reg, me, event["id"], "victim", person_id=victim["id"], harm="killed")
    add_involvement(reg, me, event["id"], "perpetrator", actor_id=actor["id"], mode="direct")
    add_involvement(
        reg,
        me,
        event["id"],
        "witness",
        person_id=witness["id"],
        evidence=[Span(restricted.document_id, 0, 20, f"Я, {SECRET_NAME}, видела")],
    )
    create(
        reg,
        me,
        "claim",
        {
            "kind": "figure",
            "text": "погиб один человек",
            "subject": "погибшие в Талдыкоргане",
            "event_id": event["id"],
            "value": 1,
            "claimant_label": "Правозащитный центр",
            "claimed_on": "2022-01-08",
        },
    )
    create(
        reg,
        me,
        "claim",
        {
            "kind": "figure",
            "text": "погибли двое",
            "subject": "погибшие в Талдыкоргане",
            "event_id": event["id"],
            "value": 2,
            "claimant_person_id": witness["id"],
            "claimant_label": SECRET_NAME,
            "claimed_on": "2022-01-10",
        },
    )
    return Seeded(event["id"], witness["id"], victim["id"], public.document_id, restricted.document_id)


@pytest.fixture(scope="module")
def web_register(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Register]:
    """One register per test module (users of every role); tests add to it, never rely on it being empty."""
    data = tmp_path_factory.mktemp("web") / "data"
    reg = Register.initialise(Settings.load(data_dir=data, env={"AQIQAT_USER": "tester"}))
    for role in ROLES:
        add_user(reg, local_admin("setup"), role, role, PASSWORD)
    try:
        yield reg
    finally:
        reg.close()


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF token in the page"
    return found.group(1)


def login(client: TestClient, username: str, password: str = PASSWORD) -> Any:
    token = csrf_of(client.get("/login").text)
    return client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token, "next": "/documents"},
        follow_redirects=False,
    )


@pytest.fixture
def clients(web_register: Register) -> Iterator[dict[str, TestClient]]:
    """One logged-in client per role, on one app."""
    app = create_app(web_register.settings, web_register)
    out = {}
    for role in ROLES:
        c = TestClient(app)
        assert login(c, role).status_code == 303
        out[role] = c
    yield out
    for c in out.values():
        c.close()
