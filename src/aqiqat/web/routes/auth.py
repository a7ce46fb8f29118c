"""Log-in, log-out and the language switch."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from aqiqat.api.errors import AqiqatError
from aqiqat.api.users import set_language
from aqiqat.web.deps import (
    SESSION_LANG,
    CsrfDep,
    FormatterDep,
    OptionalPrincipal,
    RegisterDep,
    checked_login,
)
from aqiqat.web.i18n import LANGUAGES
from aqiqat.web.pages import render
from aqiqat.web.sessions import log_in, log_out

router = APIRouter(include_in_schema=False)


def safe_next(value: str | None) -> str:
    """Only local paths: never redirect to another site after log-in."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/documents"


@router.get("/")
def home(principal: OptionalPrincipal) -> Response:
    return RedirectResponse("/documents" if principal else "/login", status_code=303)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, principal: OptionalPrincipal, next: str | None = None) -> Response:
    if principal:
        return RedirectResponse(safe_next(next), status_code=303)
    return render(request, "login.html", {"next": safe_next(next)})


@router.post("/login", dependencies=[CsrfDep])
def login(
    request: Request,
    reg: RegisterDep,
    fmt: FormatterDep,
    username: Annotated[str, Form()],
    password: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/documents",
) -> Response:
    principal = checked_login(request, reg, username, password)
    if principal is None:
        return render(
            request,
            "login.html",
            {"error": fmt.gettext("Wrong user name or password."), "next": safe_next(next), "username": username},
            status_code=401,
        )
    log_in(request, reg, principal)  # a fresh session (and CSRF token); the user's own language applies
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/logout", dependencies=[CsrfDep])
def logout(request: Request, reg: RegisterDep) -> Response:
    log_out(request, reg)
    return RedirectResponse("/login", status_code=303)


@router.post("/language", dependencies=[CsrfDep])
def language(
    request: Request,
    reg: RegisterDep,
    principal: OptionalPrincipal,
    lang: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/",
) -> Response:
    if lang not in LANGUAGES:
        raise AqiqatError(f"language is one of {', '.join(LANGUAGES)}")
    request.session[SESSION_LANG] = lang
    if principal is not None:
        set_language(reg, principal, lang)  # remembered per user
    return RedirectResponse(safe_next(next), status_code=303)
