"""Settings, passed explicitly to whatever needs them; never a module-level singleton."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

DEFAULT_DATA_DIR = "./aqiqat-data"
DEFAULT_MAX_FILE_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Settings:
    data_dir: Path
    database_url: str
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    key_file: Path | None = None
    user: str = "cli"
    # requests one workbench worker process serves at once; more wait their turn in arrival order. One per
    # process (start one process per core with `aqiqat serve --workers`) gives the shortest waits under load:
    # Python threads of one process share one core and would only take turns mid-request
    web_threads: int = 1
    tsa_url: str | None = None  # an RFC 3161 timestamp authority for web captures (none: captures say so)
    tsa_roots: Path | None = None  # its root certificate(s), PEM, to check its tokens

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
        max_bytes = _whole_number(env, "AQIQAT_MAX_FILE_BYTES", DEFAULT_MAX_FILE_BYTES)
        key = env.get("AQIQAT_KEY_FILE")
        return cls(
            data_dir=d,
            database_url=url,
            max_file_bytes=max_bytes,
            key_file=Path(key).expanduser().absolute() if key else None,
            user=env.get("AQIQAT_USER") or env.get("USER") or "cli",
            web_threads=_whole_number(env, "AQIQAT_WEB_THREADS", 1),
            tsa_url=env.get("AQIQAT_TSA_URL") or None,
            tsa_roots=Path(env["AQIQAT_TSA_ROOTS"]).expanduser().absolute() if env.get("AQIQAT_TSA_ROOTS") else None,
        )


def _whole_number(env: Mapping[str, str], name: str, default: int) -> int:
    text = env.get(name, "").strip()
    if not text:
        return default
    if not text.isdigit() or int(text) < 1:
        raise ValueError(f"{name} must be a whole number of at least 1, not {text!r}")
    return int(text)
