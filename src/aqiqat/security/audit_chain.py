"""The audit log as a hash chain: each entry commits to the one before it."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
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
    kind: str  # edited | deleted | inserted | reordered | head_mismatch
    message: str


def verify_chain(links: Iterable[ChainLink], expected_head: str | None = None) -> list[ChainProblem]:
    """Check every link's hash and its commitment to the previous one; name each problem by seq."""
    problems: list[ChainProblem] = []
    prev_hash = GENESIS
    prev_seq = 0
    last_hash = GENESIS
    for link in links:
        if link.seq <= prev_seq:
            problems.append(ChainProblem(link.seq, "reordered", f"entry {link.seq} comes after {prev_seq}"))
        elif link.seq != prev_seq + 1:
            missing = f"{prev_seq + 1}" if link.seq == prev_seq + 2 else f"{prev_seq + 1}..{link.seq - 1}"
            problems.append(ChainProblem(link.seq, "deleted", f"entries {missing} are missing before {link.seq}"))
        if link_hash(link) != link.hash:
            problems.append(ChainProblem(link.seq, "edited", f"entry {link.seq} does not match its hash"))
        if link.prev_hash != prev_hash:
            kind = "inserted" if link.seq == prev_seq + 1 else "deleted"
            if not any(p.seq == link.seq and p.kind in {"deleted", "reordered"} for p in problems):
                problems.append(ChainProblem(link.seq, kind, f"entry {link.seq} does not follow entry {prev_seq}"))
        prev_hash = link.hash
        prev_seq = max(prev_seq, link.seq)
        last_hash = link.hash
    if expected_head is not None and expected_head != last_hash:
        problems.append(ChainProblem(prev_seq, "head_mismatch", "the chain's last entry is not the recorded head"))
    return problems
