"""The review inbox across documents (issue 13): counted per document and kind, paged, filtered by kind and
reviewer, and only over documents the reader may see; on SQLite and PostgreSQL."""

from __future__ import annotations

from aqiqat.api.access import Principal, local_admin
from aqiqat.api.documents import get_document
from aqiqat.api.extract import store_suggestions
from aqiqat.api.inbox import assign, inbox, progress
from aqiqat.api.ingest import IngestOptions, ingest_bytes
from aqiqat.api.register import Register
from aqiqat.api.review import decide, list_suggestions
from aqiqat.api.users import add_user
from aqiqat.config import Settings
from aqiqat.domain.enums import Confidentiality, SuggestionKind, UserRole
from aqiqat.domain.model import Span, SuggestionDraft

ME = local_admin("monitor")
INTERNAL_VIEWER = Principal("viewer", UserRole.VIEWER)  # cleared for internal documents


def _document(reg: Register, n: int, level: Confidentiality, people: int, figures: int) -> int:
    """A report of its own with `people` person and `figures` figure suggestions, all pending."""
    text = f"Отчёт {n}. Задержан Ерлан Сапаров. Погибли 3 человека."
    doc = ingest_bytes(reg, ME, text.encode(), f"r{n}.txt", IngestOptions(language="ru", confidentiality=level))
    assert doc.document_id
    name, figure = text.index("Ерлан"), text.index("Погибли")
    drafts = [SuggestionDraft(SuggestionKind.PERSON, {"name": f"Ерлан Сапаров {i}"},
                              (Span(None, name, name + 13, "Ерлан Сапаров"),), 0.9, "test", "1") for i in range(people)]
    drafts += [SuggestionDraft(SuggestionKind.FIGURE, {"value": 3, "counted": "killed"},
                               (Span(None, figure, figure + 17, "Погибли 3 человека"[:17]),), 0.9, "test", "1")
               for _ in range(figures)]
    store_suggestions(reg, ME, doc.document_id, drafts)
    return doc.document_id


def test_the_inbox_counts_pages_and_filters_over_what_the_reader_may_see(settings: Settings) -> None:
    with Register.initialise(settings) as reg:
        docs = {n: _document(reg, n, Confidentiality.INTERNAL, people=n, figures=1) for n in range(1, 6)}
        secret = _document(reg, 9, Confidentiality.RESTRICTED, people=9, figures=0)
        done = _document(reg, 10, Confidentiality.INTERNAL, people=1, figures=0)
        for sug in list_suggestions(reg, ME, done):
            decide(reg, ME, sug["id"], sug["version"], "reject")

        first = inbox(reg, ME, limit=2)
        assert first.total == 6  # the decided document is not in the inbox
        assert [r["id"] for r in first.rows] == [secret, docs[5]]  # most pending first
        assert first.rows[1]["pending"] == 6 and first.rows[1]["total"] == 6
        assert first.rows[1]["by_kind"] == {"person": 5, "figure": 1}
        rest = inbox(reg, ME, limit=2, offset=2).rows + inbox(reg, ME, limit=2, offset=4).rows
        assert [r["id"] for r in rest] == [docs[4], docs[3], docs[2], docs[1]]
        assert inbox(reg, ME, limit=2, offset=6).rows == []

        # the reader cleared for internal documents neither sees nor counts the restricted one
        theirs = inbox(reg, INTERNAL_VIEWER)
        assert secret not in [r["id"] for r in theirs.rows] and theirs.total == 5
        assert secret not in progress(reg, INTERNAL_VIEWER, [secret, docs[1]])

        # a kind: only documents with pending suggestions of that kind, counted by it
        figures = inbox(reg, ME, kind="figure")
        assert figures.total == 5 and secret not in [r["id"] for r in figures.rows]
        assert progress(reg, ME, [done])[done] == {"total": 1, "pending": 0, "by_kind": {}}
        assert inbox(reg, ME, kind="no-such-kind").total == 0 and inbox(reg, ME, assignee="nobody-here").rows == []

        # a decision changes the register: the inbox counted before it is not shown again
        first_doc = docs[5]
        for sug in list_suggestions(reg, ME, first_doc):
            decide(reg, ME, sug["id"], sug["version"], "reject")
        assert first_doc not in [r["id"] for r in inbox(reg, ME).rows] and inbox(reg, ME).total == 5


def test_a_restricted_document_keeps_its_metadata_when_assigned_and_shows_its_reviewer(settings: Settings) -> None:
    with Register.initialise(settings) as reg:
        add_user(reg, ME, "editor", "editor", "editor-password-1")
        secret = _document(reg, 1, Confidentiality.RESTRICTED, people=2, figures=0)
        open_doc = _document(reg, 2, Confidentiality.INTERNAL, people=1, figures=0)
        meta = get_document(reg, ME, secret)["meta"]
        assert meta  # what the reader found out about the file
        assign(reg, ME, secret, "editor")
        assert get_document(reg, ME, secret)["meta"] == meta
        mine = inbox(reg, ME, assignee="editor")
        assert [(r["id"], r["assigned_to"]) for r in mine.rows] == [(secret, "editor")]
        assert [r["id"] for r in inbox(reg, ME, assignee="-").rows] == [open_doc]
        assert inbox(reg, ME).rows[0]["title"].startswith("Отчёт 1")  # a sealed title, opened for its reader
