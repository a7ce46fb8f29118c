"""The workbench's routes: pages (server-rendered) and the JSON API under /api/v1."""

from __future__ import annotations

import importlib

from fastapi import FastAPI

# each module defines `router`
MODULES = [
    "aqiqat.web.routes.auth",
    "aqiqat.web.routes.documents",
    "aqiqat.web.routes.review",
    "aqiqat.web.routes.events",
    "aqiqat.web.routes.people",
    "aqiqat.web.routes.claims",
    "aqiqat.web.routes.charts",
    "aqiqat.web.routes.audit",
    "aqiqat.web.routes.api_v1",
    "aqiqat.web.routes.api_records",
]


def include_all(app: FastAPI) -> None:
    for name in MODULES:
        app.include_router(importlib.import_module(name).router)
