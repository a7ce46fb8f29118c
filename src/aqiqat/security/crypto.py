"""Encryption at rest: AES-256-GCM under a keyring whose keys live outside the database.

A sealed value is ``MAGIC | key id (8 bytes) | nonce (12 bytes) | ciphertext+tag``. The key id names the key
that sealed it, so a rotation interrupted half-way can be finished: every value opens with the key it names.
The associated data (``purpose``, e.g. ``person:fields``) binds a value to what it is, so a value moved to
another column does not open.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"AQS1"
KEY_BYTES = 32
KEY_ID_BYTES = 8
NONCE_BYTES = 12
HEADER_BYTES = len(MAGIC) + KEY_ID_BYTES + NONCE_BYTES
TAG_BYTES = 16


class CryptoError(ValueError):
    """A sealed value that cannot be opened (wrong key, tampered, not a sealed value); one-line message."""


class KeyMissing(CryptoError):
    """The key a sealed value needs is not in the keyring (or there is no keyring)."""


def key_id(key: bytes) -> bytes:
    """A key's public name: 8 bytes of a hash of it (reveals nothing usable about the key)."""
    return hashlib.sha256(b"aqiqat-key-id\x00" + key).digest()[:KEY_ID_BYTES]


def fingerprint(key: bytes) -> str:
    """The key id as hex: what logs, backups and the audit record instead of the key."""
    return key_id(key).hex()


def generate_key() -> bytes:
    return AESGCM.generate_key(bit_length=KEY_BYTES * 8)


@dataclass(frozen=True, slots=True)
class Keyring:
    """The current key (new values are sealed with it) and older keys still able to open values."""

    current: bytes
    keys: Mapping[bytes, bytes] = field(default_factory=dict)
    source: str = "file"  # file | env

    @classmethod
    def single(cls, key: bytes, source: str = "file") -> Keyring:
        check_key(key)
        return cls(key_id(key), {key_id(key): key}, source)

    @property
    def current_key(self) -> bytes:
        return self.keys[self.current]

    @property
    def fingerprint(self) -> str:
        return self.current.hex()

    def with_new_current(self, key: bytes) -> Keyring:
        check_key(key)
        return Keyring(key_id(key), {**self.keys, key_id(key): key}, self.source)

    def only_current(self) -> Keyring:
        return Keyring(self.current, {self.current: self.current_key}, self.source)

    def seal(self, plaintext: bytes, purpose: str) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        body = AESGCM(self.current_key).encrypt(nonce, plaintext, purpose.encode("utf-8"))
        return MAGIC + self.current + nonce + body

    def open(self, blob: bytes, purpose: str) -> bytes:
        kid = sealed_key_id(blob)
        key = self.keys.get(kid)
        if key is None:
            raise KeyMissing(f"this value was sealed with key {kid.hex()}, which is not in the keyring")
        nonce = blob[len(MAGIC) + KEY_ID_BYTES : HEADER_BYTES]
        try:
            return AESGCM(key).decrypt(nonce, blob[HEADER_BYTES:], purpose.encode("utf-8"))
        except InvalidTag:
            raise CryptoError(f"a sealed {purpose} value does not open: it was altered or belongs elsewhere") from None

    def seal_json(self, value: Any, purpose: str) -> bytes:
        return self.seal(json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8"), purpose)

    def open_json(self, blob: bytes, purpose: str) -> Any:
        try:
            return json.loads(self.open(blob, purpose).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise CryptoError(f"a sealed {purpose} value holds no JSON") from None

    def reseal(self, blob: bytes, purpose: str) -> bytes:
        """The same plaintext sealed under the current key (unchanged if it already is)."""
        if sealed_key_id(blob) == self.current:
            return blob
        return self.seal(self.open(blob, purpose), purpose)


def check_key(key: bytes) -> None:
    if not isinstance(key, bytes) or len(key) != KEY_BYTES:
        raise CryptoError(f"an encryption key is {KEY_BYTES} bytes")


def is_sealed(blob: object) -> bool:
    return isinstance(blob, bytes | bytearray) and len(blob) >= HEADER_BYTES + TAG_BYTES and blob[:4] == MAGIC


def sealed_key_id(blob: bytes) -> bytes:
    if not is_sealed(blob):
        raise CryptoError("not a sealed value (wrong header or too short)")
    return bytes(blob[len(MAGIC) : len(MAGIC) + KEY_ID_BYTES])
