"""Heavy jobs (estimates) run off the request worker: in a process of their own, with a time limit, stopped
as soon as the client goes away, and one at a time per user.

A worker process serves one request at a time (AQIQAT_WEB_THREADS): a sampler running in it for minutes would
hold up every page behind it. The job's process is forked from a small server process that has the estimation
code loaded (multiprocessing's forkserver), so a job starts in milliseconds and shares nothing with the
request worker but its arguments and its answer."""

from __future__ import annotations

import asyncio
import multiprocessing
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from fastapi import Request

from aqiqat.api.errors import AqiqatError

POLL_S = 0.05
PRELOAD = ["aqiqat.api.estimate", "aqiqat.web.routes.estimate"]


class JobStopped(AqiqatError):
    status = 503


class JobRunning(AqiqatError):
    status = 429


class ClientGone(AqiqatError):
    status = 499


_context_lock = threading.Lock()
_warmed = threading.Event()


def _context() -> Any:
    with _context_lock:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        return ctx


def _start_server() -> None:
    proc = _context().Process(target=int, daemon=True)  # the first job starts the server and its imports
    proc.start()
    proc.join()


def warm_up_jobs() -> None:
    """Start the job server (and its imports, seconds of them) in the background once per process, so the first
    estimate does not wait for it."""
    with _context_lock:
        if _warmed.is_set():
            return
        _warmed.set()
    threading.Thread(target=_start_server, name="aqiqat-job-server", daemon=True).start()


def _child(conn: Connection, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
    try:
        conn.send((True, fn(*args)))
    except AqiqatError as exc:
        conn.send((False, (type(exc).__name__, exc.status, str(exc))))
    except Exception as exc:  # reported as one line, like any failed request
        conn.send((False, ("Error", 500, f"the job failed: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}")))
    finally:
        conn.close()


class JobError(AqiqatError):
    """An error the job raised, carried back with its status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


async def run_job(request: Request, user: str, fn: Callable[..., Any], *args: Any) -> Any:
    """fn(*args) in a process of its own; its answer, or a one-line error (time limit, client gone)."""
    running: set[str] = request.app.state.jobs
    if user in running:
        raise JobRunning(f"{user} has an estimate running already: wait for it to finish")
    seconds: int = request.app.state.settings.job_seconds
    running.add(user)
    ctx = _context()
    receiver, sender = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(sender, fn, args), daemon=True)
    try:
        proc.start()
        sender.close()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        while not receiver.poll():
            if not proc.is_alive() and not receiver.poll():
                raise JobStopped("the job ended without an answer")
            if loop.time() > deadline:
                raise JobStopped(f"the estimate took longer than {seconds} s and was stopped: lower its settings")
            if await request.is_disconnected():
                raise ClientGone("the client went away; the job was stopped")
            await asyncio.sleep(POLL_S)
        ok, value = receiver.recv()
    finally:
        running.discard(user)
        receiver.close()
        if proc.is_alive():
            proc.kill()
        proc.join(timeout=5)
    if ok:
        return value
    _name, status, message = value
    raise JobError(status, message)


def register_memberships(reg: Any, principal: Any) -> tuple[dict[Any, Any], int]:
    """The register's people as the reader may see them, the lists naming each, and how many list rows were
    left out as hidden from the reader (read here, in the request worker: it is the database)."""
    from aqiqat.api.errors import Invalid
    from aqiqat.api.estimate import register_memberships as visible_memberships

    people, left_out = visible_memberships(reg, principal)
    if not people:
        raise Invalid("no lists in the register yet: import lists, or upload a capture-pattern table")
    return dict(people), left_out


def estimate_people(
    people: dict[Any, Any], method: str, criterion: str, overrides: dict[str, Any] | None
) -> dict[str, Any]:
    """The estimate from the register's linked lists, computed in the job's process."""
    from aqiqat.api.estimate import estimate_from_memberships
    from aqiqat.web.routes.estimate import check_method, options_for

    check_method(method, criterion)
    result = estimate_from_memberships(people, method=method, criterion=criterion, **options_for(method, overrides))
    return {**result, "source": "register"}
