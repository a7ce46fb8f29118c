"""Content-addressed file store: stored once, atomic, read back, listed, rolled back."""

from __future__ import annotations

import hashlib
import stat
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from aqiqat.ingest.errors import IngestError
from aqiqat.ingest.filestore import FileStore

DATA = "Показания свидетеля: задержан 6 января в Алматы.".encode()
SHA = hashlib.sha256(DATA).hexdigest()


def test_put_stores_once_under_sha256(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "files")
    assert store.put(DATA) == (SHA, True)
    assert store.put(DATA) == (SHA, False)
    path = store.path(SHA)
    assert path == tmp_path / "files" / SHA[:2] / SHA[2:4] / SHA
    assert path.read_bytes() == DATA
    assert store.has(SHA)
    assert store.read(SHA) == DATA
    assert store.verify(SHA)
    assert not stat.S_IMODE(path.stat().st_mode) & 0o222  # evidence is read-only
    assert [p.name for p in path.parent.iterdir()] == [SHA]  # no temporary file left


def test_iter_hashes_lists_only_complete_files(tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    hashes = sorted(store.put(bytes([i]) * (i + 1))[0] for i in range(5))
    (tmp_path / hashes[0][:2] / hashes[0][2:4] / ".tmp-abc123").write_bytes(b"partial")
    (tmp_path / "README").write_text("not a hash")
    assert list(store.iter_hashes()) == hashes
    assert list(FileStore(tmp_path / "absent").iter_hashes()) == []


def test_remove_rolls_back_a_put(tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    store.put(DATA)
    store.remove(SHA)
    assert not store.has(SHA)
    store.remove(SHA)  # removing twice is harmless
    with pytest.raises(IngestError, match=f"^{SHA}: not in the file store$"):
        store.read(SHA)
    assert store.put(DATA) == (SHA, True)


def test_verify_detects_a_changed_file(tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    store.put(DATA)
    path = store.path(SHA)
    path.chmod(0o644)
    path.write_bytes(DATA + b"tampered")
    assert not store.verify(SHA)
    assert not store.verify("0" * 64)


def test_concurrent_puts_of_the_same_bytes(tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    payload = DATA * 1000
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: store.put(payload), range(16)))
    sha = hashlib.sha256(payload).hexdigest()
    assert {r[0] for r in results} == {sha}
    assert any(r[1] for r in results)
    assert store.read(sha) == payload
    assert [p.name for p in store.path(sha).parent.iterdir()] == [sha]


@pytest.mark.parametrize("bad", ["", "abc", SHA.upper(), "../" + SHA[3:], SHA + "0"])
def test_rejects_what_is_not_a_sha256(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValueError, match="not a SHA-256"):
        FileStore(tmp_path).path(bad)
