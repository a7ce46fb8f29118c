"""`aqiqat inbox`: the review inbox from the command line, as the /inbox page gives it."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from aqiqat.api.access import local_admin
from aqiqat.api.extract import store_suggestions
from aqiqat.api.ingest import IngestOptions, ingest_bytes
from aqiqat.api.register import Register
from aqiqat.api.users import add_user
from aqiqat.cli.main import app
from aqiqat.config import Settings
from aqiqat.domain.enums import SuggestionKind
from aqiqat.domain.model import Span, SuggestionDraft

TEXT = "В Алматы 5 января задержали Армана Сапарова. Полиция сообщила о 40 задержанных."


def _draft(kind: SuggestionKind, phrase: str, payload: dict) -> SuggestionDraft:
    start = TEXT.index(phrase)
    return SuggestionDraft(kind, payload, (Span(None, start, start + len(phrase), phrase),), 0.9, "test", "1")


def _register(tmp_path: Path) -> tuple[Settings, int]:
    settings = Settings.load(data_dir=tmp_path / "data", env={})
    reg = Register.initialise(settings)
    me = local_admin("t")
    try:
        doc = ingest_bytes(reg, me, TEXT.encode(), "r.txt", IngestOptions(language="ru")).document_id
        assert doc
        store_suggestions(reg, me, doc, [
            _draft(SuggestionKind.PERSON, "Армана Сапарова", {"name": "Арман Сапаров"}),
            _draft(SuggestionKind.PLACE, "Алматы", {"name": "Алматы"}),
            _draft(SuggestionKind.FIGURE, "40 задержанных", {"subject": "detained", "value": 40}),
        ])
        add_user(reg, me, "rev", "editor", "a long enough password 1")
    finally:
        reg.close()
    return settings, doc


def _run(settings: Settings, *args: str) -> tuple[int, str]:
    res = CliRunner().invoke(app, ["--data-dir", str(settings.data_dir), *args])
    return res.exit_code, res.output


def test_inbox_lists_counts_per_kind_assigns_and_decides(tmp_path: Path) -> None:
    settings, doc = _register(tmp_path)
    code, text = _run(settings, "inbox", "--json")
    assert code == 0, text
    data = json.loads(text)
    assert data["total"] == 1 and data["documents"][0]["pending"] == 3
    assert data["documents"][0]["by_kind"] == {"figure": 1, "person": 1, "place": 1}
    code, text = _run(settings, "inbox")
    assert code == 0 and str(doc) in text and "person 1" in text
    assert _run(settings, "inbox", "assign", str(doc), "rev")[0] == 0
    assert json.loads(_run(settings, "inbox", "--assignee", "rev", "--json")[1])["total"] == 1
    assert json.loads(_run(settings, "inbox", "--assignee", "-", "--json")[1])["total"] == 0
    code, text = _run(settings, "inbox", "decide", str(doc), "person", "reject")
    assert code == 0 and "1 person suggestions rejected" in text
    assert json.loads(_run(settings, "inbox", "--kind", "person", "--json")[1])["total"] == 0
    assert json.loads(_run(settings, "inbox", "--json")[1])["documents"][0]["pending"] == 2


def test_inbox_refuses_bad_input_in_one_line(tmp_path: Path) -> None:
    settings, doc = _register(tmp_path)
    code, text = _run(settings, "inbox", "--kind", "nonsense")
    assert code == 2 and "unknown kind 'nonsense'" in text and len(text.strip().splitlines()) == 1
    code, text = _run(settings, "inbox", "decide", str(doc), "person", "maybe")
    assert code != 0 and "accept or reject" in text and "Traceback" not in text
    code, text = _run(settings, "inbox", "assign", str(doc), "nobody")
    assert code != 0 and "not a reviewer" in text
    code, text = _run(settings, "inbox", "assign", "99999", "rev")
    assert code != 0 and "no document 99999" in text
