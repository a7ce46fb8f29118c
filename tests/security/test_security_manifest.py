"""Signed manifests and the stand-alone checker: signatures, changed/missing/extra files by name, bad input."""

from __future__ import annotations

import ast
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from aqiqat.security import manifest_check
from aqiqat.security.manifest import ManifestEntry, build_manifest, write_manifest
from aqiqat.security.manifest_check import ManifestError, check_files, load_signed, parse_manifest

REPO = Path(__file__).resolve().parents[2]
KEY = Ed25519PrivateKey.generate()
FILES = {"report.txt": b"Report on Taraz, 5 January.", "photo.jpg": b"\xff\xd8\xff not really a jpeg"}


def _setup(tmp_path: Path) -> tuple[Path, Path]:
    files = tmp_path / "copy"
    files.mkdir()
    entries = []
    for i, (name, data) in enumerate(FILES.items(), start=1):
        (files / name).write_bytes(data)
        sha = hashlib.sha256(data).hexdigest()
        entries.append(ManifestEntry(i, sha, None, len(data), name))
    path = tmp_path / "manifest.json"
    write_manifest(path, build_manifest(entries, 3, "ab" * 32, KEY, "00" * 8), KEY)
    return path, files


def test_a_signed_manifest_checks_and_names_changed_missing_and_extra_files(tmp_path: Path) -> None:
    path, files = _setup(tmp_path)
    doc, fp = load_signed(path)
    assert doc["audit_head"] == {"seq": 3, "hash": "ab" * 32} and len(fp) == 32
    assert check_files(doc, [files]).ok
    (files / "report.txt").write_bytes(b"Report on Taraz, 6 January.")
    (files / "photo.jpg").unlink()
    (files / "planted.txt").write_bytes(b"something new")
    report = check_files(doc, [files])
    assert len(report.changed) == 1 and "report.txt" in report.changed[0] and "document 1" in report.changed[0]
    assert len(report.missing) == 1 and "document 2 photo.jpg" in report.missing[0]
    assert len(report.extra) == 1 and "planted.txt" in report.extra[0]


def test_an_altered_manifest_or_the_wrong_signer_is_refused(tmp_path: Path) -> None:
    path, _files = _setup(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data.replace(b'"seq": 3', b'"seq": 2'))
    with pytest.raises(ManifestError, match="altered after signing"):
        load_signed(path)
    path.write_bytes(data)
    with pytest.raises(ManifestError, match="not by the expected key"):
        load_signed(path, pinned="ffff")
    path.with_name("manifest.json.sig").unlink()
    with pytest.raises(ManifestError, match="cannot read"):
        load_signed(path)


def test_the_checker_runs_alone_and_imports_nothing_else_of_aqiqat(tmp_path: Path) -> None:
    source = Path(manifest_check.__file__).read_text(encoding="utf-8")
    roots = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            roots |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            roots.add(node.module.split(".")[0])
    assert roots - {"cryptography", "__future__"} <= set(sys.stdlib_module_names)
    # a court's copy: the one file, run by itself, outside the package
    path, files = _setup(tmp_path)
    alone = tmp_path / "manifest_check.py"
    alone.write_text(source, encoding="utf-8")
    ok = subprocess.run([sys.executable, str(alone), str(path), "--files", str(files)], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    assert "signature valid" in ok.stdout and "2 files match, 0 changed, 0 missing, 0 extra" in ok.stdout
    (files / "report.txt").write_bytes(b"edited")
    bad = subprocess.run([sys.executable, str(alone), str(path), "--files", str(files)], capture_output=True, text=True)
    assert bad.returncode == 1 and "changed:" in bad.stdout and "report.txt" in bad.stdout
    garbage = tmp_path / "garbage.json"
    garbage.write_bytes(b"\x00\x01")
    (tmp_path / "garbage.json.sig").write_bytes(b"AAAA")
    err = subprocess.run([sys.executable, str(alone), str(garbage)], capture_output=True, text=True)
    assert err.returncode == 2 and err.stderr.startswith("error: manifest: not JSON")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=500))
def test_parsing_arbitrary_bytes_is_a_clean_error(data: bytes) -> None:
    try:
        parse_manifest(data)
    except ManifestError as exc:
        assert "\n" not in str(exc)


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=70),
    lambda c: st.lists(c, max_size=3) | st.dictionaries(st.sampled_from(["id", "sha256", "size", "x"]), c, max_size=4),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(JSONISH, JSONISH)
def test_parsing_arbitrary_manifest_shapes_is_a_clean_error(head: object, docs: object) -> None:
    doc = {"format": "aqiqat-manifest/1", "public_key": "AAAA", "audit_head": head, "documents": docs}
    try:
        parsed = parse_manifest(json.dumps(doc).encode())
    except ManifestError:
        return
    assert isinstance(parsed["documents"], list)
