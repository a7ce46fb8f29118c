"""Settings, passed explicitly to whatever needs them; never a module-level singleton.

Every setting is a field of `Settings`, read from the environment variable that ENVIRONMENT names for it (by
`Settings.load`); the README's configuration table lists each one (a test checks it)."""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

DEFAULT_DATA_DIR = "./aqiqat-data"
DEFAULT_MAX_FILE_BYTES = 200 * 1024 * 1024
DEFAULT_JOB_SECONDS = 120

# field of Settings -> the environment variable it is read from
ENVIRONMENT = {
    "data_dir": "AQIQAT_DATA_DIR",
    "database_url": "AQIQAT_DATABASE_URL",
    "max_file_bytes": "AQIQAT_MAX_FILE_BYTES",
    "key_file": "AQIQAT_KEY_FILE",
    "key": "AQIQAT_KEY",
    "user": "AQIQAT_USER",
    "web_threads": "AQIQAT_WEB_THREADS",
    "session_key": "AQIQAT_SESSION_KEY",
    "secure_cookies": "AQIQAT_SECURE_COOKIES",
    "trusted_proxies": "AQIQAT_TRUSTED_PROXIES",
    "job_seconds": "AQIQAT_JOB_SECONDS",
    "node_modules": "AQIQAT_NODE_MODULES",
    "tsa_url": "AQIQAT_TSA_URL",
    "tsa_roots": "AQIQAT_TSA_ROOTS",
    "capture_private": "AQIQAT_CAPTURE_PRIVATE",
}


@dataclass(frozen=True, slots=True)
class Settings:
    data_dir: Path
    database_url: str
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    key_file: Path | None = None
    # the encryption key itself (base64), in place of the key file; never shown in a repr
    key: str | None = field(default=None, repr=False)
    user: str = "cli"
    # requests one workbench worker process serves at once; more wait their turn in arrival order. One per
    # process (start one process per core with `aqiqat serve --workers`) gives the shortest waits under load:
    # Python threads of one process share one core and would only take turns mid-request
    web_threads: int = 1
    # the key that signs the workbench's session cookies (else a random one kept in the data directory)
    session_key: str | None = field(default=None, repr=False)
    # Secure cookies (sent over HTTPS only): None decides by the address served (`aqiqat serve`): on unless
    # it is a loopback address
    secure_cookies: bool | None = None
    # addresses (or networks) of reverse proxies whose X-Forwarded-For names the client; nobody else's is read
    trusted_proxies: tuple[str, ...] = ()
    # time limit of one heavy job (an estimate) started from the workbench
    job_seconds: int = DEFAULT_JOB_SECONDS
    # where the front-end packages are (npm install); else the nearest node_modules above the package
    node_modules: Path | None = None
    tsa_url: str | None = None  # an RFC 3161 timestamp authority for web captures (none: captures say so)
    tsa_roots: Path | None = None  # its root certificate(s), PEM, to check its tokens
    # captures asked for in the workbench may reach loopback, private, link-local and reserved addresses
    # (off: a workbench user cannot make the server fetch from its own network)
    capture_private: bool = False

    @property
    def files_dir(self) -> Path:
        return self.data_dir / "files"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def signing_key_file(self) -> Path:
        return self.data_dir / "keys" / "signing.ed25519"

    @property
    def encryption_key_file(self) -> Path:
        return self.key_file or self.data_dir.parent / (self.data_dir.name + ".key")

    @property
    def key_environment(self) -> dict[str, str]:
        """The key given directly, as the key loader reads it (AQIQAT_KEY); empty when there is none."""
        return {ENVIRONMENT["key"]: self.key} if self.key else {}

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]

    @classmethod
    def load(
        cls,
        data_dir: str | os.PathLike[str] | None = None,
        database_url: str | None = None,
        env: Mapping[str, str] | None = None,
    ) -> Settings:
        """Settings from explicit values, then the environment (AQIQAT_*), then defaults."""
        env = os.environ if env is None else env
        d = Path(data_dir or env.get("AQIQAT_DATA_DIR") or DEFAULT_DATA_DIR).expanduser().absolute()
        url = database_url or env.get("AQIQAT_DATABASE_URL") or f"sqlite:///{d / 'aqiqat.sqlite'}"
        key_file = env.get("AQIQAT_KEY_FILE")
        node_modules = env.get("AQIQAT_NODE_MODULES")
        session_key = env.get("AQIQAT_SESSION_KEY") or None
        if session_key is not None and len(session_key) < 32:
            raise ValueError("AQIQAT_SESSION_KEY must be at least 32 characters")
        return cls(
            data_dir=d,
            database_url=url,
            max_file_bytes=_whole_number(env, "AQIQAT_MAX_FILE_BYTES", DEFAULT_MAX_FILE_BYTES),
            key_file=Path(key_file).expanduser().absolute() if key_file else None,
            key=env.get("AQIQAT_KEY") or None,
            user=env.get("AQIQAT_USER") or env.get("USER") or "cli",
            web_threads=_whole_number(env, "AQIQAT_WEB_THREADS", 1),
            session_key=session_key,
            secure_cookies=_yes_no(env, "AQIQAT_SECURE_COOKIES"),
            trusted_proxies=_networks(env, "AQIQAT_TRUSTED_PROXIES"),
            job_seconds=_whole_number(env, "AQIQAT_JOB_SECONDS", DEFAULT_JOB_SECONDS),
            node_modules=Path(node_modules).expanduser().absolute() if node_modules else None,
            tsa_url=env.get("AQIQAT_TSA_URL") or None,
            tsa_roots=Path(env["AQIQAT_TSA_ROOTS"]).expanduser().absolute() if env.get("AQIQAT_TSA_ROOTS") else None,
            capture_private=bool(_yes_no(env, "AQIQAT_CAPTURE_PRIVATE")),
        )


def setting_names() -> list[str]:
    return [f.name for f in fields(Settings)]


def _whole_number(env: Mapping[str, str], name: str, default: int) -> int:
    text = env.get(name, "").strip()
    if not text:
        return default
    if not text.isdigit() or int(text) < 1:
        raise ValueError(f"{name} must be a whole number of at least 1, not {text!r}")
    return int(text)


def _yes_no(env: Mapping[str, str], name: str) -> bool | None:
    text = env.get(name, "").strip().lower()
    if not text:
        return None
    if text in ("1", "yes", "true", "on"):
        return True
    if text in ("0", "no", "false", "off"):
        return False
    raise ValueError(f"{name} must be 1 or 0 (yes or no), not {text!r}")


def _networks(env: Mapping[str, str], name: str) -> tuple[str, ...]:
    items = [part.strip() for part in env.get(name, "").split(",") if part.strip()]
    for item in items:
        try:
            ipaddress.ip_network(item, strict=False)
        except ValueError:
            example = "e.g. 10.0.0.2 or 10.0.0.0/24"
            raise ValueError(f"{name}: {item!r} is not an IP address or network ({example})") from None
    return tuple(items)
