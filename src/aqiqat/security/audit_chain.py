"""The audit log as a hash chain: each entry commits to the one before it."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

GENESIS = "0" * 64


def canonical_json(value: Any) -> str:
    """One text for one value, whatever the database: sorted keys, no spaces, UTF-8 kept."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


@dataclass(frozen=True, slots=True)
class ChainLink:
    seq: int
    at: datetime
    user: str
    action: str
    entity: str
    entity_id: str
    before: str | None
    after: str | None
    prev_hash: str
    hash: str = ""


def at_text(at: datetime) -> str:
    """Microsecond ISO time without zone, as UTC: both databases give it back the same."""
    return at.replace(tzinfo=None).isoformat(timespec="microseconds")


def link_hash(link: ChainLink) -> str:
    body = canonical_json(
        [
            link.seq,
            at_text(link.at),
            link.user,
            link.action,
            link.entity,
            link.entity_id,
            link.before,
            link.after,
            link.prev_hash,
        ]
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class ChainProblem:
    seq: int
    kind: str  # edited | deleted | inserted | reordered | rewritten | truncated | head_missing | head_mismatch
    message: str


_WINDOW = 64  # how far from its position a moved entry's original seq is looked for before a full search
_FULL_SEARCH_LIMIT = 50  # entries searched over the whole range; beyond that they are reported as edited


def _original_seq(link: ChainLink, top: int, full: bool) -> int | None:
    """The seq this entry's hash was made with (it was moved or renumbered), or None (its content changed)."""
    candidates = [link.seq + d for k in range(1, _WINDOW + 1) for d in (k, -k)]
    if full:
        candidates += range(1, top + _WINDOW + 1)
    for cand in candidates:
        if cand >= 1 and link_hash(replace(link, seq=cand)) == link.hash:
            return cand
    return None


def _range(seqs: list[int]) -> str:
    return str(seqs[0]) if len(seqs) == 1 else f"{seqs[0]}..{seqs[-1]}"


def verify_chain(links: Iterable[ChainLink], expected_head: str | None = None) -> list[ChainProblem]:
    """Check every entry's hash and its commitment to the one before; name each edited, deleted, inserted or
    reordered entry by its seq. Entries are given in stored order (by seq)."""
    chain = list(links)
    problems: list[ChainProblem] = []
    top = max((link.seq for link in chain), default=0)
    # 1. each entry's original seq: its own, another (moved, renumbered), or None (edited)
    origs: list[int | None] = []
    searched = 0
    for link in chain:
        if link_hash(link) == link.hash:
            origs.append(link.seq)
            continue
        full = searched < _FULL_SEARCH_LIMIT
        searched += 1
        origs.append(_original_seq(link, top, full))
    referenced = {link.prev_hash for link in chain}
    by_orig: dict[int, list[int]] = {}
    for i, o in enumerate(origs):
        if o is not None:
            by_orig.setdefault(o, []).append(i)
    # 2. inserted entries: an unreadable entry in the place of a moved genuine one, or one of two claiming a place
    inserted: set[int] = set()
    for i, (link, o) in enumerate(zip(chain, origs, strict=True)):
        if o is None and link.seq in by_orig and all(origs[j] != chain[j].seq for j in by_orig[link.seq]):
            inserted.add(i)
    for idxs in by_orig.values():
        if len(idxs) > 1:
            loose = [j for j in idxs if chain[j].hash not in referenced]
            if len(loose) == len(idxs):  # at the end of the chain: the genuine one is the one pushed aside
                loose = [j for j in idxs if origs[j] == chain[j].seq] or idxs[1:]
            inserted.update(loose)
    for i in sorted(inserted):
        msg = f"entry {chain[i].seq} was inserted: no later entry was chained to it"
        problems.append(ChainProblem(chain[i].seq, "inserted", msg))
    # 3. edited entries
    for i, (link, o) in enumerate(zip(chain, origs, strict=True)):
        if o is None and i not in inserted:
            msg = f"entry {link.seq} was edited: its content no longer matches its hash"
            problems.append(ChainProblem(link.seq, "edited", msg))
    # 4. deleted entries: original seqs nobody holds
    held = {o for i, o in enumerate(origs) if o is not None and i not in inserted}
    held |= {chain[i].seq for i, o in enumerate(origs) if o is None and i not in inserted}
    top_orig = max(held, default=0)
    missing = [s for s in range(1, top_orig + 1) if s not in held]
    renumbered = any(o is not None and o != link.seq for link, o in zip(chain, origs, strict=True))
    for run in _runs(missing):
        tail = "; the later entries were renumbered to hide it" if renumbered else ""
        what = "entry" if len(run) == 1 else "entries"
        problems.append(ChainProblem(run[0], "deleted", f"{what} {_range(run)} deleted{tail}"))
    # 5. reordered entries: moved further than the deletions and insertions before them explain
    ins_pos = sorted(chain[i].seq for i in inserted)
    for i, (link, o) in enumerate(zip(chain, origs, strict=True)):
        if o is None or o == link.seq or i in inserted:
            continue
        shift = sum(1 for m in missing if m <= o) - sum(1 for p in ins_pos if p <= link.seq)
        if o - link.seq != shift:
            msg = f"entry {o} is stored in the place of entry {link.seq}: the log was reordered"
            problems.append(ChainProblem(link.seq, "reordered", msg))
    # 6. chaining: an intact entry that commits to a different predecessor than the one stored
    genuine = {o: chain[i] for i, o in enumerate(origs) if o is not None and i not in inserted}
    for o, link in sorted(genuine.items()):
        pred = genuine.get(o - 1)
        expected = GENESIS if o == 1 else (pred.hash if pred is not None else None)
        if expected is not None and link.prev_hash != expected and o - 1 not in missing:
            msg = f"entry {o - 1} was rewritten (its hash recomputed): entry {o} was chained to another entry {o - 1}"
            problems.append(ChainProblem(max(o - 1, 0), "rewritten", msg))
    if expected_head is not None and chain and expected_head != chain[-1].hash:
        problems.append(ChainProblem(top, "head_mismatch", "the chain's last entry is not the recorded head"))
    return sorted(problems, key=lambda p: (p.seq, p.kind))


def _runs(values: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for v in values:
        if runs and runs[-1][-1] == v - 1:
            runs[-1].append(v)
        else:
            runs.append([v])
    return runs
