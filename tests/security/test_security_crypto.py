"""AES-GCM sealing and key files: values open only with their key and purpose; bad input is a clean error."""

from __future__ import annotations

import base64
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aqiqat.security.crypto import CryptoError, KeyMissing, Keyring, generate_key, is_sealed
from aqiqat.security.keys import (
    KeyFileError,
    ensure_keyring,
    ensure_signing_key,
    keyring_bytes,
    load_keyring,
    parse_keyring,
    save_keyring,
)

RING = Keyring.single(generate_key())


def test_sealed_value_opens_only_with_its_key_and_purpose() -> None:
    blob = RING.seal("Ерлан Сапаров".encode(), "person")
    assert is_sealed(blob) and "Сапаров".encode() not in blob
    assert RING.open(blob, "person").decode() == "Ерлан Сапаров"
    with pytest.raises(CryptoError, match="altered or belongs elsewhere"):
        RING.open(blob, "document")
    other = Keyring.single(generate_key())
    with pytest.raises(KeyMissing, match="not in the keyring"):
        other.open(blob, "person")
    flipped = bytearray(blob)
    flipped[-1] ^= 1
    with pytest.raises(CryptoError):
        RING.open(bytes(flipped), "person")
    assert RING.seal(b"x", "p") != RING.seal(b"x", "p")  # fresh nonce every time


def test_a_rotated_ring_opens_old_values_and_reseals_under_the_new_key() -> None:
    blob = RING.seal_json({"notes": "телефон +7 701 000 00 00"}, "person")
    ring2 = RING.with_new_current(generate_key())
    new = ring2.reseal(blob, "person")
    assert new != blob and ring2.reseal(new, "person") is new
    final = ring2.only_current()
    assert final.open_json(new, "person") == {"notes": "телефон +7 701 000 00 00"}
    with pytest.raises(KeyMissing):
        final.open(blob, "person")


def test_key_files_are_private_and_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "k" / "data.key"
    ring = ensure_keyring(path, env={})
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_keyring(path, env={}) == ring
    assert ensure_keyring(path, env={}) == ring  # not replaced
    save_keyring(path, ring.with_new_current(generate_key()))
    assert len(load_keyring(path, env={}).keys) == 2  # type: ignore[union-attr]
    signing = tmp_path / "keys" / "signing.ed25519"
    ensure_signing_key(signing)
    assert stat.S_IMODE(signing.stat().st_mode) == 0o600
    assert stat.S_IMODE(signing.parent.stat().st_mode) == 0o700


def test_the_environment_key_takes_the_place_of_the_file(tmp_path: Path) -> None:
    key = generate_key()
    ring = load_keyring(tmp_path / "none.key", env={"AQIQAT_KEY": base64.b64encode(key).decode()})
    assert ring is not None and ring.current_key == key and ring.source == "env"
    with pytest.raises(KeyFileError, match="AQIQAT_KEY"):
        load_keyring(tmp_path / "none.key", env={"AQIQAT_KEY": "not base64!"})
    assert load_keyring(tmp_path / "none.key", env={}) is None


@pytest.mark.parametrize(
    "data",
    [b"", b"\xff\xfe", b"[]", b'{"format": "aqiqat-keyring/1"}', b'{"format": "aqiqat-keyring/1", "keys": {}}'],
)
def test_malformed_key_files_get_one_line_errors(data: bytes) -> None:
    with pytest.raises(KeyFileError) as err:
        parse_keyring(data)
    assert "\n" not in str(err.value)


def test_a_key_that_does_not_match_its_fingerprint_is_refused() -> None:
    good = keyring_bytes(RING).decode()
    other = base64.b64encode(os.urandom(32)).decode()
    bad = good.replace(base64.b64encode(RING.current_key).decode(), other)
    with pytest.raises(KeyFileError, match="does not match its fingerprint"):
        parse_keyring(bad.encode())


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_opening_arbitrary_bytes_is_a_clean_error(data: bytes) -> None:
    with pytest.raises(CryptoError):
        RING.open(data, "person")
    with pytest.raises(CryptoError):
        RING.open(b"AQS1" + RING.current + data, "person")


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.binary(max_size=400), st.text(max_size=200).map(str.encode)))
def test_parsing_arbitrary_key_files_is_a_clean_error(data: bytes) -> None:
    try:
        parse_keyring(data)
    except KeyFileError as exc:
        assert "\n" not in str(exc)


@settings(max_examples=200, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                    lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=8), c, max_size=3),
                    max_leaves=10))
def test_parsing_arbitrary_json_key_files_is_a_clean_error(value: object) -> None:
    import json

    for doc in (value, {"format": "aqiqat-keyring/1", "current": value, "keys": value},
                {"format": "aqiqat-keyring/1", "current": "00", "keys": {"00": value}}):
        try:
            parse_keyring(json.dumps(doc).encode())
        except KeyFileError:
            pass
