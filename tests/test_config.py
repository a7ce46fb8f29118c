"""Settings from the environment: whole numbers are checked with a clear message."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from aqiqat.config import DEFAULT_MAX_FILE_BYTES, Settings


def test_defaults_when_the_environment_says_nothing(tmp_path: Path) -> None:
    s = Settings.load(data_dir=tmp_path, env={})
    assert s.max_file_bytes == DEFAULT_MAX_FILE_BYTES
    assert s.web_threads == 1
    assert s.database_url == f"sqlite:///{tmp_path / 'aqiqat.sqlite'}"


def test_whole_numbers_from_the_environment(tmp_path: Path) -> None:
    s = Settings.load(data_dir=tmp_path, env={"AQIQAT_WEB_THREADS": " 3 ", "AQIQAT_MAX_FILE_BYTES": "1000"})
    assert (s.web_threads, s.max_file_bytes) == (3, 1000)


@pytest.mark.parametrize("value", ["0", "-2", "two", "1.5"])
def test_a_bad_number_is_refused_by_name(tmp_path: Path, value: str) -> None:
    with pytest.raises(ValueError, match=f"AQIQAT_WEB_THREADS must be a whole number of at least 1, not '{value}'"):
        Settings.load(data_dir=tmp_path, env={"AQIQAT_WEB_THREADS": value})


def test_web_settings_from_the_environment(tmp_path: Path) -> None:
    env = {
        "AQIQAT_SECURE_COOKIES": "0",
        "AQIQAT_TRUSTED_PROXIES": "10.0.0.2, 10.1.0.0/16",
        "AQIQAT_SESSION_KEY": "s" * 40,
        "AQIQAT_KEY": "a-secret-key-value",
        "AQIQAT_JOB_SECONDS": "30",
    }
    s = Settings.load(data_dir=tmp_path, env=env)
    assert (s.secure_cookies, s.trusted_proxies, s.job_seconds) == (False, ("10.0.0.2", "10.1.0.0/16"), 30)
    assert s.key_environment == {"AQIQAT_KEY": "a-secret-key-value"}
    assert "a-secret-key-value" not in repr(s) and "s" * 40 not in repr(s)  # secrets never shown
    assert Settings.load(data_dir=tmp_path, env={}).secure_cookies is None  # decided by `aqiqat serve`


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("AQIQAT_SECURE_COOKIES", "maybe", "AQIQAT_SECURE_COOKIES must be 1 or 0 (yes or no), not 'maybe'"),
        ("AQIQAT_TRUSTED_PROXIES", "proxy.local", "AQIQAT_TRUSTED_PROXIES: 'proxy.local' is not an IP address"),
        ("AQIQAT_SESSION_KEY", "short", "AQIQAT_SESSION_KEY must be at least 32 characters"),
    ],
)
def test_a_bad_web_setting_is_refused_by_name(tmp_path: Path, name: str, value: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        Settings.load(data_dir=tmp_path, env={name: value})
