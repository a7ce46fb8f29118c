"""The audit chain's head, recorded outside the database after every unit of work (audit-head.json).

A hash chain alone cannot show that its last entries were cut off, or that a forged entry was appended with a
correct hash. The head file can: it records the last committed entry (seq, hash) and, while a unit of work is
committing, the entry it is about to commit ("pending"), so a crash between the database commit and the file
write is not mistaken for tampering.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from aqiqat.security.audit_chain import GENESIS, ChainLink, ChainProblem

HEAD_FILE = "audit-head.json"
RECORD_BYTES = 320  # a fixed-size record, rewritten in place


class HeadFileError(ValueError):
    """An unreadable head file; one-line message."""


@dataclass(frozen=True, slots=True)
class Head:
    seq: int
    hash: str


@dataclass(frozen=True, slots=True)
class HeadRecord:
    committed: Head
    pending: Head | None = None


def parse_head(data: bytes) -> HeadRecord:
    try:
        doc = json.loads(data.decode("utf-8"))
        committed = _head(doc["committed"])
        pending = _head(doc["pending"]) if doc.get("pending") else None
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError):
        raise HeadFileError(f"{HEAD_FILE} is not a recorded chain head") from None
    return HeadRecord(committed, pending)


def _head(value: object) -> Head:
    if not isinstance(value, dict):
        raise ValueError("not an object")
    seq, h = value["seq"], value["hash"]
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 0 or not isinstance(h, str) or len(h) != 64:
        raise ValueError("bad head")
    return Head(seq, h)


def read_head(data_dir: Path) -> HeadRecord | None:
    try:
        raw = (data_dir / HEAD_FILE).read_bytes()
    except FileNotFoundError:
        return None
    return parse_head(raw) if raw.strip() else None


def _update(data_dir: Path, change: Callable[[HeadRecord | None], HeadRecord | None]) -> None:
    """Read, change and rewrite the head file under an exclusive lock on the file itself.

    One fixed-size pwrite, no temporary file: a killed process cannot leave half a record, and it costs
    microseconds per unit of work, not a rename."""
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(data_dir / HEAD_FILE, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        raw = os.pread(fd, RECORD_BYTES * 2, 0)
        try:
            current = parse_head(raw) if raw.strip() else None
        except HeadFileError:
            current = None
        new = change(current)
        if new is not None:
            data = _record_bytes(new)
            os.pwrite(fd, data, 0)
            os.ftruncate(fd, len(data))
    finally:
        os.close(fd)


def _record_bytes(record: HeadRecord) -> bytes:
    doc = {
        "committed": {"seq": record.committed.seq, "hash": record.committed.hash},
        "pending": None if record.pending is None else {"seq": record.pending.seq, "hash": record.pending.hash},
    }
    return (json.dumps(doc, sort_keys=True).encode("ascii").ljust(RECORD_BYTES - 1)) + b"\n"


def record_pending(data_dir: Path, head: Head) -> None:
    """Before a commit: the entry this unit of work is about to commit."""
    _update(data_dir, lambda cur: HeadRecord(cur.committed if cur else Head(0, GENESIS), head))


def record_committed(data_dir: Path, head: Head) -> None:
    """After a commit: the new head (the file keeps the highest committed entry)."""

    def change(cur: HeadRecord | None) -> HeadRecord | None:
        if cur is not None and cur.committed.seq > head.seq:
            return None
        pending = cur.pending if cur and cur.pending and cur.pending.seq > head.seq else None
        return HeadRecord(head, pending)

    _update(data_dir, change)


def reset_head(data_dir: Path, head: Head) -> None:
    """Record `head` as the committed head whatever the file says (init of an existing register, restore)."""
    _update(data_dir, lambda _cur: HeadRecord(head, None))


def check_head(links: Sequence[ChainLink], record: HeadRecord | None) -> list[ChainProblem]:
    """Compare the chain with the recorded head: a cut-off tail, a rewritten chain, entries appended after it."""
    if record is None:
        return [ChainProblem(0, "head_missing", f"no recorded chain head ({HEAD_FILE} is missing)")]
    by_seq = {link.seq: link for link in links}
    last = max(by_seq, default=0)
    c = record.committed
    problems: list[ChainProblem] = []
    if c.seq > 0 and c.seq not in by_seq:
        if last < c.seq:
            cut = f"{last + 1}" if last + 1 == c.seq else f"{last + 1}..{c.seq}"
            msg = f"the chain ends at entry {last}, but entry {c.seq} was recorded as written: entries {cut} removed"
            problems.append(ChainProblem(c.seq, "truncated", msg))
        else:
            problems.append(ChainProblem(c.seq, "deleted", f"entry {c.seq}, the recorded head, is missing"))
    elif c.seq > 0 and by_seq[c.seq].hash != c.hash:
        msg = f"entry {c.seq} is not the entry recorded as the head: the chain was rewritten up to it"
        problems.append(ChainProblem(c.seq, "rewritten", msg))
    if last > c.seq:
        p = record.pending
        if not (p is not None and p.seq == last and by_seq[last].hash == p.hash):
            after = f"{c.seq + 1}" if last == c.seq + 1 else f"{c.seq + 1}..{last}"
            msg = f"entries {after} come after the recorded head (entry {c.seq}): not written by Aqiqat"
            problems.append(ChainProblem(c.seq + 1, "inserted", msg))
    return problems
