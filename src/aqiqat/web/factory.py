"""An application factory from the environment, for servers that start several worker processes."""

from __future__ import annotations

from fastapi import FastAPI

from aqiqat.config import Settings
from aqiqat.web.app import create_app


def app_from_env() -> FastAPI:
    return create_app(Settings.load())
