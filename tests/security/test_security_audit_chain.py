"""Audit hash chain: every kind of tampering is found and the entry named (property-based)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aqiqat.security.audit_chain import GENESIS, ChainLink, link_hash, verify_chain
from aqiqat.security.audit_head import Head, HeadFileError, HeadRecord, check_head, parse_head

T0 = datetime(2022, 1, 5, 6, 0, 0)


def make_chain(n: int) -> list[ChainLink]:
    chain: list[ChainLink] = []
    prev = GENESIS
    for seq in range(1, n + 1):
        link = ChainLink(seq, T0 + timedelta(seconds=seq), "monitor", "create", "event", str(seq), None,
                         f'{{"title":"Событие {seq}"}}', prev)
        link = replace(link, hash=link_hash(link))
        chain.append(link)
        prev = link.hash
    return chain


def rehash(link: ChainLink) -> ChainLink:
    return replace(link, hash=link_hash(link))


def kinds(chain: list[ChainLink]) -> set[tuple[str, int]]:
    return {(p.kind, p.seq) for p in verify_chain(chain)}


@given(st.integers(1, 40))
def test_an_intact_chain_has_no_problems(n: int) -> None:
    chain = make_chain(n)
    assert verify_chain(chain) == []
    assert check_head(chain, HeadRecord(Head(n, chain[-1].hash))) == []


@settings(max_examples=60, deadline=None)
@given(st.integers(3, 40), st.data())
def test_an_edited_entry_is_named(n: int, data: st.DataObject) -> None:
    chain = make_chain(n)
    k = data.draw(st.integers(1, n))
    chain[k - 1] = replace(chain[k - 1], user="someone else")
    assert kinds(chain) == {("edited", k)}


@settings(max_examples=60, deadline=None)
@given(st.integers(3, 40), st.data())
def test_an_edited_entry_with_a_recomputed_hash_is_named(n: int, data: st.DataObject) -> None:
    chain = make_chain(n)
    k = data.draw(st.integers(1, n - 1))
    chain[k - 1] = rehash(replace(chain[k - 1], after='{"title":"подменено"}'))
    assert ("rewritten", k) in kinds(chain)


@settings(max_examples=60, deadline=None)
@given(st.integers(3, 40), st.data(), st.booleans())
def test_a_deleted_entry_is_named_even_if_the_rest_are_renumbered(n: int, data: st.DataObject, renumber: bool) -> None:
    chain = make_chain(n)
    k = data.draw(st.integers(1, n - 1))
    del chain[k - 1]
    if renumber:
        chain = chain[: k - 1] + [replace(x, seq=x.seq - 1) for x in chain[k - 1 :]]
    found = kinds(chain)
    assert ("deleted", k) in found
    assert not any(kind in {"edited", "inserted"} for kind, _ in found)


@settings(max_examples=60, deadline=None)
@given(st.integers(3, 40), st.data(), st.booleans())
def test_an_inserted_entry_is_named(n: int, data: st.DataObject, forged_hash: bool) -> None:
    chain = make_chain(n)
    k = data.draw(st.integers(2, n))
    forged = ChainLink(k, chain[k - 2].at, "monitor", "update", "person", "7", None, '{"notes":"x"}',
                       chain[k - 2].hash)
    forged = rehash(forged) if forged_hash else replace(forged, hash="f" * 64)
    chain = chain[: k - 1] + [forged] + [replace(x, seq=x.seq + 1) for x in chain[k - 1 :]]
    found = kinds(chain)
    assert ("inserted", k) in found
    assert not any(kind in {"edited", "deleted", "reordered"} for kind, _ in found)


@settings(max_examples=60, deadline=None)
@given(st.integers(3, 40), st.data())
def test_reordered_entries_are_named(n: int, data: st.DataObject) -> None:
    chain = make_chain(n)
    a = data.draw(st.integers(1, n - 1))
    b = data.draw(st.integers(a + 1, n))
    x, y = chain[a - 1], chain[b - 1]
    chain[a - 1], chain[b - 1] = replace(y, seq=a), replace(x, seq=b)
    assert kinds(chain) == {("reordered", a), ("reordered", b)}


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 40), st.data())
def test_a_cut_off_tail_and_an_appended_entry_show_against_the_recorded_head(n: int, data: st.DataObject) -> None:
    chain = make_chain(n)
    head = HeadRecord(Head(n, chain[-1].hash))
    k = data.draw(st.integers(1, n - 1))
    cut = chain[:k]
    assert verify_chain(cut) == []  # the chain alone cannot tell
    assert [(p.kind, p.seq) for p in check_head(cut, head)] == [("truncated", n)]
    forged = rehash(ChainLink(n + 1, T0, "x", "update", "person", "1", None, "{}", chain[-1].hash))
    assert [(p.kind, p.seq) for p in check_head([*chain, forged], head)] == [("inserted", n + 1)]
    # the same entry written by a unit that crashed between commit and recording: pending, accepted
    assert check_head([*chain, forged], HeadRecord(head.committed, Head(n + 1, forged.hash))) == []
    rewritten = make_chain(n)
    rewritten[-1] = rehash(replace(rewritten[-1], user="intruder"))
    assert ("rewritten", n) in {(p.kind, p.seq) for p in check_head(rewritten, head)}


def test_a_missing_head_record_is_a_problem() -> None:
    assert [p.kind for p in check_head(make_chain(2), None)] == ["head_missing"]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_parsing_arbitrary_head_files_is_a_clean_error(data: bytes) -> None:
    try:
        parse_head(data)
    except HeadFileError as exc:
        assert "\n" not in str(exc)


@pytest.mark.parametrize("data", [b'{"committed": {"seq": -1, "hash": "' + b"0" * 64 + b'"}}',
                                  b'{"committed": {"seq": true, "hash": "x"}}', b"{}", b"null"])
def test_malformed_head_files(data: bytes) -> None:
    with pytest.raises(HeadFileError):
        parse_head(data)
