"""Logging a browser or an API client in and out: the session lives on the server (api/sessions.py); the signed
cookie carries only its token, the CSRF token and the chosen language."""

from __future__ import annotations

from fastapi import Request

from aqiqat.api.access import Principal
from aqiqat.api.register import Register
from aqiqat.api.sessions import end_session, start_session

SESSION_TOKEN = "sid"


def log_in(request: Request, reg: Register, principal: Principal) -> None:
    """A fresh session (and CSRF token) for `principal`; a session the browser had before is ended."""
    log_out(request, reg)
    request.session[SESSION_TOKEN] = start_session(reg, principal.username)


def log_out(request: Request, reg: Register) -> None:
    token = request.session.get(SESSION_TOKEN)
    if isinstance(token, str):
        end_session(reg, token)
    request.session.clear()
