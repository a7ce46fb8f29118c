"""PostgreSQL's own tools for backup and restore: pg_dump and pg_restore, found beside the server binaries."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
from pathlib import Path

from sqlalchemy.engine import URL

from aqiqat.api.errors import AqiqatError


class ToolFailed(AqiqatError):
    status = 500


def pg_bin(name: str) -> str:
    """The newest `name` (pg_dump, pg_restore) from /usr/lib/postgresql/*/bin, else from PATH."""
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[-3]))
    if found:
        return found[-1]
    on_path = shutil.which(name)
    if on_path:
        return on_path
    raise ToolFailed(f"{name} not found: install the PostgreSQL client (apt-get install postgresql-client)")


def libpq_env(url: URL) -> tuple[list[str], dict[str, str]]:
    """Connection arguments for the libpq tools, with the password in the environment, not the command line."""
    args = ["-h", url.host or "localhost", "-p", str(url.port or 5432), "-d", url.database or "postgres"]
    if url.username:
        args += ["-U", url.username]
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return args, env


def _run(cmd: list[str], env: dict[str, str], what: str) -> None:
    try:
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=3600, check=False)
    except OSError as exc:
        raise ToolFailed(f"{what}: cannot run {cmd[0]}: {exc.strerror or exc}") from None
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise ToolFailed(f"{what} failed: {last}")


def dump_snapshot(url: URL, snapshot: str, out: Path) -> None:
    """pg_dump (custom format) of the database as seen by an exported snapshot."""
    args, env = libpq_env(url)
    cmd = [pg_bin("pg_dump"), "--format=custom", f"--snapshot={snapshot}", "--no-owner", "--no-privileges",
           "-f", str(out), *args]
    _run(cmd, env, "pg_dump")


def restore_dump(url: URL, dump: Path) -> None:
    """pg_restore into an empty database, in one transaction: all of it or nothing."""
    args, env = libpq_env(url)
    cmd = [pg_bin("pg_restore"), "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error",
           *args, str(dump)]
    _run(cmd, env, "pg_restore")
