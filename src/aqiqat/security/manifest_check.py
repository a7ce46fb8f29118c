"""Check a signed Aqiqat manifest and a copy of the evidence files, without the database or Aqiqat itself.

    python -m aqiqat.security.manifest_check MANIFEST [--files DIR ...] [--public-key FINGERPRINT]

This module imports only the standard library and `cryptography`, so a court or a partner can copy this one
file and run it. It checks the detached Ed25519 signature (MANIFEST.sig) over the manifest's exact bytes, then
hashes every file under each DIR and reports each file that matches, is changed, is missing or is extra.
A file matches an entry by content (its SHA-256 is the entry's `sha256`, or `sealed_file_sha256` for a file
kept encrypted); a changed file is one named after an entry (its SHA-256 or its original name) whose content
differs. Exit code: 0 all good, 1 a check failed, 2 the manifest or signature cannot be read.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import hashlib
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

FORMAT = "aqiqat-manifest/1"
SIG_SUFFIX = ".sig"
_HEX64 = re.compile(r"[0-9a-f]{64}")
_CHUNK = 1024 * 1024


class ManifestError(Exception):
    """A manifest or signature that cannot be read or does not verify; one-line message."""


def public_key_fingerprint(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()[:32]


def signature_path(manifest: Path) -> Path:
    return manifest.with_name(manifest.name + SIG_SUFFIX)


def _hex64(value: Any, what: str, optional: bool = False) -> None:
    if optional and value is None:
        return
    if not isinstance(value, str) or not _HEX64.fullmatch(value):
        raise ManifestError(f"manifest: {what} is not a SHA-256 hex digest")


def parse_manifest(data: bytes) -> dict[str, Any]:
    """The manifest as data, its structure checked; ManifestError for anything else."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ManifestError("manifest: not JSON text") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ManifestError(f"manifest: format is not {FORMAT}")
    if not isinstance(doc.get("public_key"), str):
        raise ManifestError("manifest: no public key")
    head = doc.get("audit_head")
    if not (isinstance(head, dict) and isinstance(head.get("seq"), int) and head["seq"] >= 0):
        raise ManifestError("manifest: audit_head has no seq")
    _hex64(head.get("hash"), "audit_head.hash")
    docs = doc.get("documents")
    if not isinstance(docs, list):
        raise ManifestError("manifest: documents is not a list")
    for i, entry in enumerate(docs):
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), int):
            raise ManifestError(f"manifest: document entry {i} has no id")
        _hex64(entry.get("sha256"), f"document {entry['id']} sha256")
        _hex64(entry.get("text_sha256"), f"document {entry['id']} text_sha256", optional=True)
        _hex64(entry.get("sealed_file_sha256"), f"document {entry['id']} sealed_file_sha256", optional=True)
        if not isinstance(entry.get("size"), int) or not isinstance(entry.get("name", ""), str):
            raise ManifestError(f"manifest: document {entry['id']} has no size")
    return doc


def verify_signature(data: bytes, doc: dict[str, Any], signature: bytes, pinned: str | None = None) -> str:
    """Check the signature with the manifest's public key (and that key against `pinned`); its fingerprint."""
    try:
        raw = base64.b64decode(doc["public_key"], validate=True)
        key = Ed25519PublicKey.from_public_bytes(raw)
        sig = base64.b64decode(signature.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise ManifestError("signature or public key is not valid base64 Ed25519 data") from None
    fp = public_key_fingerprint(raw)
    if pinned and not fp.startswith(pinned.lower()):
        raise ManifestError(f"manifest signed by key {fp}, not by the expected key {pinned}")
    try:
        key.verify(sig, data)
    except InvalidSignature:
        raise ManifestError("the signature does not match the manifest: it was altered after signing") from None
    return fp


def load_signed(path: Path, pinned: str | None = None) -> tuple[dict[str, Any], str]:
    """Read, parse and verify a manifest and its detached signature; (manifest, signer fingerprint)."""
    try:
        data = path.read_bytes()
        sig = signature_path(path).read_bytes()
    except OSError as exc:
        raise ManifestError(f"cannot read {exc.filename}: {exc.strerror}") from None
    doc = parse_manifest(data)
    return doc, verify_signature(data, doc, sig, pinned)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass
class FileReport:
    matched: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.changed or self.missing or self.extra)

    def lines(self) -> list[str]:
        out = [f"changed: {x}" for x in self.changed]
        out += [f"missing: {x}" for x in self.missing]
        out += [f"extra: {x}" for x in self.extra]
        return out


def _walk(dirs: Iterable[Path]) -> Iterable[Path]:
    for root in dirs:
        if root.is_file():
            yield root
            continue
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.is_symlink():
                yield path


def check_files(doc: dict[str, Any], dirs: Sequence[Path]) -> FileReport:
    """Every file under `dirs` against the manifest's documents."""
    entries: list[dict[str, Any]] = doc["documents"]
    by_hash: dict[str, dict[str, Any]] = {}
    by_name: dict[str, dict[str, Any]] = {}
    for e in entries:
        by_hash[e["sha256"]] = e
        if e.get("sealed_file_sha256"):
            by_hash[e["sealed_file_sha256"]] = e
        if e.get("name"):
            by_name.setdefault(e["name"], e)
    report = FileReport()
    found: set[int] = set()
    for path in _walk(dirs):
        sha = file_sha256(path)
        hit = by_hash.get(sha)
        if hit is not None:
            found.add(hit["id"])
            report.matched.append(str(path))
            continue
        named = by_hash.get(path.name) or by_name.get(path.name)
        if named is not None:
            found.add(named["id"])
            report.changed.append(f"{path} (document {named['id']}: expected {named['sha256']}, found {sha})")
        else:
            report.extra.append(f"{path} (sha256 {sha}, not in the manifest)")
    for e in entries:
        if e["id"] not in found:
            label = f" {e['name']}" if e.get("name") else ""
            report.missing.append(f"document {e['id']}{label} (sha256 {e['sha256']})")
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="manifest_check", description="Check a signed Aqiqat manifest.")
    parser.add_argument("manifest", type=Path)
    parser.add_argument("--files", type=Path, action="append", default=[], help="A folder of evidence files.")
    parser.add_argument("--public-key", default=None, help="Expected signer fingerprint (or a prefix of it).")
    args = parser.parse_args(argv)
    try:
        doc, fp = load_signed(args.manifest, args.public_key)
    except ManifestError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    head = doc["audit_head"]
    print(f"signature valid: signed by key {fp}")
    print(f"manifest of {len(doc['documents'])} documents, audit chain head {head['seq']} {head.get('hash', '')}")
    if not args.files:
        return 0
    missing_dirs = [str(d) for d in args.files if not d.exists()]
    if missing_dirs:
        print(f"error: no such folder: {', '.join(missing_dirs)}", file=sys.stderr)
        return 2
    report = check_files(doc, args.files)
    for line in report.lines():
        print(line)
    print(
        f"{len(report.matched)} files match, {len(report.changed)} changed, "
        f"{len(report.missing)} missing, {len(report.extra)} extra"
    )
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
