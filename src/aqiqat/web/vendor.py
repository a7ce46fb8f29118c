"""Third-party front-end code, served from node_modules (installed by `npm install`, never copied in)."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

# URL prefix -> directory inside node_modules. Only these directories are served.
VENDOR_DIRS = {
    "htmx": "htmx.org/dist",
    "leaflet": "leaflet/dist",
    "world-atlas": "world-atlas",
    "topojson-client": "topojson-client/dist",
}


def node_modules_dir(configured: Path | None = None) -> Path | None:
    """The configured folder (AQIQAT_NODE_MODULES), else the nearest node_modules above this package, else
    ./node_modules."""
    if configured is not None:
        return configured
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "node_modules"
        if (candidate / "htmx.org").is_dir():
            return candidate
    local = Path.cwd() / "node_modules"
    return local if local.is_dir() else None


def missing_vendor(configured: Path | None = None) -> list[str]:
    root = node_modules_dir(configured)
    return [name for name, sub in VENDOR_DIRS.items() if root is None or not (root / sub).is_dir()]


def mount_vendor(app: FastAPI, configured: Path | None = None) -> None:
    root = node_modules_dir(configured)
    for name, sub in VENDOR_DIRS.items():
        if root is not None and (root / sub).is_dir():
            app.mount(f"/vendor/{name}", StaticFiles(directory=root / sub), name=f"vendor-{name}")
