"""The workbench's routes: pages (server-rendered) and the JSON API under /api/v1."""

from __future__ import annotations

import importlib

from fastapi import FastAPI

# each module defines `router`
MODULES = [
    "aqiqat.web.routes.auth",
    "aqiqat.web.routes.captures",  # before documents: /documents/capture is not a document's page
    "aqiqat.web.routes.documents",
    "aqiqat.web.routes.evidence_groups",
    "aqiqat.web.routes.document_files",
    "aqiqat.web.routes.review",
    "aqiqat.web.routes.inbox",
    "aqiqat.web.routes.attachments",
    "aqiqat.web.routes.edit_events",  # before events: /events/new is not an event id
    "aqiqat.web.routes.events",
    "aqiqat.web.routes.edit_people",  # before people and claims: /people/new, /claims/new
    "aqiqat.web.routes.people",
    "aqiqat.web.routes.places_actors",
    "aqiqat.web.routes.claims",
    "aqiqat.web.routes.charts",
    "aqiqat.web.routes.audit",
    "aqiqat.web.routes.clusters",  # before lists: /lists/clusters is not a list id
    "aqiqat.web.routes.lists",
    "aqiqat.web.routes.merge_queue",
    "aqiqat.web.routes.counts",
    "aqiqat.web.routes.estimate",
    "aqiqat.web.routes.exchange",  # before api_records: its /api/v1/{entity}/{id} would take /api/v1/export/acled
    "aqiqat.web.routes.api_inbox",  # before api_records: its /api/v1/{entity} would take /api/v1/inbox
    "aqiqat.web.routes.api_victims",  # before api_records: its /api/v1/{entity} would take /api/v1/lists
    "aqiqat.web.routes.api_v1",
    "aqiqat.web.routes.api_records",
]


def include_all(app: FastAPI) -> None:
    for name in MODULES:
        app.include_router(importlib.import_module(name).router)
