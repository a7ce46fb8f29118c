"""The workbench: server-rendered pages and the JSON API over the service layer (aqiqat.api)."""

from aqiqat.web.app import create_app

__all__ = ["create_app"]
