"""The register's files are its owner's alone: folders 0700, files without group or other permissions.

New files are made that way where they are written; `make_private` brings an existing tree (an older register,
a backup, a restored copy) in line, whatever the umask was when its files were made."""

from __future__ import annotations

import os
import stat
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def private_dir(path: Path) -> Path:
    """Create `path` (and missing parents inside it) as 0700; an existing folder is set to 0700."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    if stat.S_IMODE(path.stat().st_mode) != PRIVATE_DIR:
        path.chmod(PRIVATE_DIR)
    return path


def make_private(root: Path) -> None:
    """Take group and other permissions away from `root` and everything under it (symbolic links untouched)."""
    if not root.is_dir():
        return
    private_dir(root)
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = os.path.join(folder, name)
            mode = os.lstat(path).st_mode
            if stat.S_ISLNK(mode):
                continue
            wanted = PRIVATE_DIR if stat.S_ISDIR(mode) else stat.S_IMODE(mode) & 0o700
            if stat.S_IMODE(mode) != wanted:
                os.chmod(path, wanted)
