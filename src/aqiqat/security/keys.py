"""Key files: the encryption keyring (outside the data directory) and the Ed25519 signing key (keys/ inside it).

Key files are written atomically with mode 0600; messages name files and fingerprints, never key material.
``AQIQAT_KEY`` (a base64 32-byte key) in the environment takes the place of the keyring file.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from aqiqat.security.crypto import CryptoError, Keyring, generate_key, key_id

KEYRING_FORMAT = "aqiqat-keyring/1"
ENV_KEY = "AQIQAT_KEY"


class KeyFileError(CryptoError):
    """A key file that is missing, unreadable or malformed."""


def write_private(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically, readable by the owner only (0600), its folder 0700 if new."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def keyring_bytes(ring: Keyring) -> bytes:
    doc = {
        "format": KEYRING_FORMAT,
        "current": ring.current.hex(),
        "keys": {kid.hex(): base64.b64encode(key).decode("ascii") for kid, key in ring.keys.items()},
    }
    return (json.dumps(doc, indent=1, sort_keys=True) + "\n").encode("ascii")


def parse_keyring(data: bytes, name: str = "key file") -> Keyring:
    """A keyring from its file's bytes; KeyFileError with a one-line message for anything else."""
    try:
        doc = json.loads(data.decode("ascii"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise KeyFileError(f"{name} is not an Aqiqat keyring (not JSON)") from None
    if not isinstance(doc, dict) or doc.get("format") != KEYRING_FORMAT:
        raise KeyFileError(f"{name} is not an Aqiqat keyring (format is not {KEYRING_FORMAT})")
    raw = doc.get("keys")
    current = doc.get("current")
    if not isinstance(raw, dict) or not raw or not isinstance(current, str):
        raise KeyFileError(f"{name} holds no keys")
    keys: dict[bytes, bytes] = {}
    for kid_hex, text in raw.items():
        key = _decode_key(text, name)
        if not isinstance(kid_hex, str) or key_id(key).hex() != kid_hex:
            raise KeyFileError(f"{name}: a key does not match its fingerprint {str(kid_hex)[:16]!r}")
        keys[key_id(key)] = key
    try:
        cur = bytes.fromhex(current)
    except ValueError:
        raise KeyFileError(f"{name}: the current key's fingerprint is not hex") from None
    if cur not in keys:
        raise KeyFileError(f"{name}: the current key {current[:16]} is not in the file")
    return Keyring(cur, keys, "file")


def _decode_key(text: object, name: str) -> bytes:
    if not isinstance(text, str):
        raise KeyFileError(f"{name}: a key is not base64 text")
    try:
        key = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise KeyFileError(f"{name}: a key is not base64") from None
    if len(key) != 32:
        raise KeyFileError(f"{name}: a key is {len(key)} bytes, not 32")
    return key


def load_keyring(path: Path, env: Mapping[str, str] | None = None) -> Keyring | None:
    """The keyring from AQIQAT_KEY, else from `path`; None when neither exists."""
    env = os.environ if env is None else env
    if env.get(ENV_KEY):
        return Keyring.single(_decode_key(env[ENV_KEY], ENV_KEY), source="env")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise KeyFileError(f"cannot read the key file {path}: {exc.strerror or exc}") from None
    return parse_keyring(data, f"key file {path}")


def save_keyring(path: Path, ring: Keyring) -> None:
    write_private(path, keyring_bytes(ring))


def ensure_keyring(path: Path, env: Mapping[str, str] | None = None) -> Keyring:
    """The keyring, created (one new random key) when there is none yet."""
    ring = load_keyring(path, env)
    if ring is None:
        ring = Keyring.single(generate_key())
        save_keyring(path, ring)
    return ring


def ensure_signing_key(path: Path) -> Ed25519PrivateKey:
    """The register's Ed25519 signing key, created on first use (PEM, mode 0600)."""
    if path.exists():
        return load_signing_key(path)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    write_private(path, pem)
    return key


def load_signing_key(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except FileNotFoundError:
        raise KeyFileError(f"no signing key at {path}: run `aqiqat init`") from None
    except (ValueError, TypeError):
        raise KeyFileError(f"{path} is not a PEM Ed25519 private key") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFileError(f"{path} is not an Ed25519 key")
    return key


def public_raw(key: Ed25519PrivateKey | Ed25519PublicKey) -> bytes:
    pub = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
