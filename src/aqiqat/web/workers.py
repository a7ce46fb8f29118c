"""Several workbench processes on one port, one per core.

Each worker listens on its own socket bound with SO_REUSEPORT, so the kernel deals new connections out
over the workers. With one socket shared by all of them (uvicorn's own `workers=` mode) the first worker to
wake accepts every connection waiting, and a burst of clients can land on one process while the other
idles: measured here, 20 keep-alive clients all on one of two workers, and twice the waiting.

The kernel deals at random, though (20 clients came out 15/5 as often as 10/10), and keep-alive connections
stay where they landed. So each worker also publishes how many connections it holds, and one holding more
than the least loaded sibling plus one asks the client of a response to reconnect (`Connection: close`, at
most one every 50 ms): browsers and HTTP clients reconnect at once, and the new connection is dealt again.

The parent process only starts the workers, restarts one that dies, and stops them all on SIGINT/SIGTERM.
Settings reach the workers through the environment (AQIQAT_DATA_DIR, AQIQAT_DATABASE_URL, ...).
"""

from __future__ import annotations

import multiprocessing
import signal
import socket
import time
from collections.abc import Callable, MutableSequence
from multiprocessing.process import BaseProcess
from types import FrameType

from starlette.types import ASGIApp, Message, Receive, Scope, Send

RESTART_PAUSE_S = 1.0
BACKLOG = 2048
SHED_INTERVAL_S = 0.05


class Rebalance:
    """ASGI middleware of one worker among several: publishes this worker's open connections in `counts`
    and, while it holds more than the least loaded sibling plus one, closes the connection of one response
    in every SHED_INTERVAL_S (the client reconnects, and the kernel deals that connection again)."""

    def __init__(self, app: ASGIApp, index: int, counts: MutableSequence[int], connections: Callable[[], int]) -> None:
        self.app = app
        self.index = index
        self.counts = counts
        self.connections = connections
        self.last_shed = 0.0

    def should_shed(self) -> bool:
        mine = self.connections()
        self.counts[self.index] = mine
        others = [n for i, n in enumerate(self.counts) if i != self.index]
        now = time.monotonic()
        if not others or mine <= min(others) + 1 or now - self.last_shed < SHED_INTERVAL_S:
            return False
        self.last_shed = now
        self.counts[self.index] = mine - 1
        return True

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.should_shed():
            await self.app(scope, receive, send)
            return

        async def closing(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), (b"connection", b"close")]}
            await send(message)

        await self.app(scope, receive, closing)


class PortUnavailable(Exception):
    """The address cannot be listened on (in use, or not this machine's)."""


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def bound_socket(host: str, port: int) -> socket.socket:
    """A socket bound (not yet listening) with SO_REUSEPORT, or PortUnavailable in one line."""
    sock = socket.socket(_family(host), socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise PortUnavailable(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    return sock


def listening_socket(host: str, port: int) -> socket.socket:
    sock = bound_socket(host, port)
    sock.listen(BACKLOG)
    return sock


def check_port(host: str, port: int) -> None:
    """Fail early, in the parent, with one clear line, if the workers could not listen there.

    SO_REUSEPORT lets any process of the same user bind the port again, so a server already answering there
    (another `aqiqat serve`, perhaps on another register) is found by connecting to it; then a bind without
    listening (a listening socket that never accepts would be dealt connections too) finds the rest."""
    target = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(host, host)
    with socket.socket(_family(host), socket.SOCK_STREAM) as client:
        client.settimeout(1)
        if client.connect_ex((target, port)) == 0:
            raise PortUnavailable(f"cannot listen on {host}:{port}: a server is already answering there")
    bound_socket(host, port).close()


def run_worker(host: str, port: int, index: int, counts: MutableSequence[int]) -> None:
    """One worker process: its own listening socket, the application built from the environment."""
    import uvicorn

    from aqiqat.web.factory import app_from_env, prepare_for_serving

    sock = listening_socket(host, port)
    servers: list[uvicorn.Server] = []
    app = Rebalance(app_from_env(), index, counts, lambda: len(servers[0].server_state.connections))
    prepare_for_serving()
    servers.append(uvicorn.Server(uvicorn.Config(app, log_level="warning", proxy_headers=False)))
    servers[0].run(sockets=[sock])


def serve_workers(host: str, port: int, workers: int) -> None:
    """Run `workers` worker processes until SIGINT or SIGTERM; a worker that dies is started again."""
    check_port(host, port)
    ctx = multiprocessing.get_context("spawn")
    counts = ctx.RawArray("i", workers)  # open connections per worker, written by each, read by all
    stopping = False

    def start(index: int) -> BaseProcess:
        counts[index] = 0
        proc = ctx.Process(target=run_worker, args=(host, port, index, counts), name="aqiqat-worker", daemon=False)
        proc.start()
        return proc

    def stop(signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    procs = [start(i) for i in range(workers)]
    try:
        while not stopping:
            for i, proc in enumerate(procs):
                proc.join(timeout=0.2)
                if stopping:
                    break
                if proc.exitcode is not None:
                    time.sleep(RESTART_PAUSE_S)  # a worker that cannot start must not spin
                    procs[i] = start(i)
    finally:
        for proc in procs:
            if proc.is_alive():
                proc.terminate()  # SIGTERM: uvicorn finishes the requests in flight
        deadline = time.monotonic() + 10
        for proc in procs:
            proc.join(timeout=max(0.1, deadline - time.monotonic()))
            if proc.is_alive():
                proc.kill()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
