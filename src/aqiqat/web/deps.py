"""Typed dependencies of the routes: the register, who is asking, their language, CSRF.

Those that only look at the request are `async def`: FastAPI runs a plain `def` dependency in the thread
pool, and a thread hop per dependency per request costs more than the check itself. The user lookup does
I/O and stays a plain function."""

from __future__ import annotations

import base64
import binascii
import secrets
from typing import Annotated, Any

from fastapi import Depends, Request, params

from aqiqat.api.access import Principal
from aqiqat.api.errors import AqiqatError, Forbidden, Invalid
from aqiqat.api.register import Register
from aqiqat.api.sessions import session_user
from aqiqat.api.users import authenticate
from aqiqat.domain.enums import Confidentiality, UserRole
from aqiqat.web.formatting import Formatter
from aqiqat.web.i18n import LANGUAGES, Catalogs, negotiate
from aqiqat.web.sessions import SESSION_TOKEN
from aqiqat.web.throttle import LoginThrottle

SESSION_CSRF = "csrf"
SESSION_LANG = "lang"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
# headers that only a script (or a page of this site) can add: another site's page would need a CORS preflight
SCRIPT_HEADERS = ("x-aqiqat-csrf", "x-requested-with")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class LoginRequired(AqiqatError):
    status = 401


class CsrfRejected(AqiqatError):
    status = 403


class UnsupportedBody(AqiqatError):
    status = 415


async def refuse_nul(request: Request) -> None:
    """No path or query holds a NUL character: SQLite would cut a filter short at it (matching everything),
    PostgreSQL cannot compare it. Refused for every route, before any query runs."""
    if "\x00" in request.url.path or any("\x00" in k or "\x00" in v for k, v in request.query_params.multi_items()):
        raise Invalid("a NUL (\\x00) character is not allowed in a URL")


async def get_register(request: Request) -> Register:
    reg: Register = request.app.state.register
    return reg


RegisterDep = Annotated[Register, Depends(get_register)]


def _basic_credentials(request: Request) -> tuple[str, str] | None:
    header = request.headers.get("authorization", "")
    if not header.lower().startswith("basic "):
        return None
    try:
        user, _, password = base64.b64decode(header[6:]).decode("utf-8").partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return user, password


def checked_login(request: Request, reg: Register, username: str, password: str) -> Principal | None:
    """authenticate() behind the log-in throttle: every way in (form, API session, HTTP Basic) goes here."""
    throttle: LoginThrottle = request.app.state.login_throttle
    address = request.client.host if request.client else None
    throttle.check(username, address)
    principal = authenticate(reg, username, password)
    if principal is None:
        throttle.failed(username, address)
    else:
        throttle.succeeded(username)
    return principal


def optional_principal(request: Request, reg: RegisterDep) -> Principal | None:
    """The logged-in user (session cookie; HTTP Basic for API scripts), or None. Checked on every request."""
    if hasattr(request.state, "principal"):
        cached: Principal | None = request.state.principal
        return cached
    principal: Principal | None = None
    token = request.session.get(SESSION_TOKEN)
    if isinstance(token, str):
        user = session_user(reg, token)  # ended by log-out, a disabled user or a new password: None
        if user is not None:
            principal = Principal(user["username"], UserRole(user["role"]))
            request.state.user_language = user["language"]
        else:
            request.session.clear()
    elif request.url.path.startswith("/api/") and (creds := _basic_credentials(request)):
        principal = checked_login(request, reg, *creds)
        request.state.basic_auth = principal is not None
    request.state.principal = principal
    return principal


OptionalPrincipal = Annotated[Principal | None, Depends(optional_principal)]


async def require_principal(principal: OptionalPrincipal) -> Principal:
    if principal is None:
        raise LoginRequired("log in first")
    return principal


PrincipalDep = Annotated[Principal, Depends(require_principal)]


async def require_editor(principal: PrincipalDep) -> Principal:
    if not principal.may_edit:
        raise Forbidden(f"{principal.username} ({principal.role}) may not change the register")
    return principal


EditorDep = Annotated[Principal, Depends(require_editor)]


async def require_auditor(principal: PrincipalDep) -> Principal:
    """The audit log holds before/after values of restricted records: only full clearance reads it."""
    if principal.clearance is not Confidentiality.RESTRICTED:
        raise Forbidden(f"{principal.username} ({principal.role}) may not read the audit log")
    return principal


AuditorDep = Annotated[Principal, Depends(require_auditor)]


async def require_admin(principal: PrincipalDep) -> Principal:
    if principal.role is not UserRole.ADMIN:
        raise Forbidden("only an admin may do this")
    return principal


AdminDep = Annotated[Principal, Depends(require_admin)]


async def require_curator(principal: PrincipalDep) -> Principal:
    """Editors and admins: who may capture web pages and group evidence."""
    if principal.role not in (UserRole.EDITOR, UserRole.ADMIN):
        raise Forbidden(f"{principal.username} ({principal.role}) may not capture web pages")
    return principal


CuratorDep = Annotated[Principal, Depends(require_curator)]


def language_of(request: Request) -> str:
    lang = request.session.get(SESSION_LANG) or getattr(request.state, "user_language", None)
    if lang in LANGUAGES:
        return str(lang)
    return negotiate(request.headers.get("accept-language"))


async def formatter(request: Request, principal: OptionalPrincipal) -> Formatter:
    catalogs: Catalogs = request.app.state.catalogs
    lang = language_of(request)
    return Formatter(lang, catalogs.get(lang))


FormatterDep = Annotated[Formatter, Depends(formatter)]


def csrf_token(request: Request) -> str:
    token = request.session.get(SESSION_CSRF)
    if not token:
        token = secrets.token_urlsafe(24)
        request.session[SESSION_CSRF] = token
    return str(token)


def _declared_types(request: Request) -> set[str]:
    """The body types the matched route takes: form fields or files (uploads) make it a form route; a route
    that reads its body itself declares its types in its OpenAPI requestBody; every other one reads JSON."""
    route = request.scope.get("route")
    extra = getattr(route, "openapi_extra", None) or {}
    declared = extra.get("requestBody", {}).get("content", {})
    if declared:
        return {str(t) for t in declared}
    dependant = getattr(route, "dependant", None)
    if dependant is not None and any(isinstance(f.field_info, params.Form) for f in _body_fields(dependant)):
        return set(FORM_TYPES)
    return {"application/json"}


def _body_fields(dependant: Any) -> list[Any]:
    fields = list(dependant.body_params)
    for sub in dependant.dependencies:
        fields += _body_fields(sub)
    return fields


def refuse_foreign_body(request: Request) -> None:
    """A JSON route takes JSON only: a form or a text body is what a page on another site can send, so 415."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type.startswith(("text/", *FORM_TYPES)) and content_type not in (types := _declared_types(request)):
        raise UnsupportedBody(f"this request takes {' or '.join(sorted(types))}, not {content_type}")


async def verify_csrf(request: Request) -> None:
    """Every unsafe request proves it comes from this site. With the session cookie: the session's token
    (form field or X-CSRF-Token). With HTTP Basic, which a browser caches and sends to any site's request: the
    token, or a header another site's page cannot send without asking (X-Aqiqat-CSRF or X-Requested-With).
    API routes that take JSON refuse form and text bodies (415)."""
    if request.method not in UNSAFE:
        return
    api = request.url.path.startswith("/api/")
    if api:
        refuse_foreign_body(request)
        if request.url.path == "/api/v1/session" and request.headers.get("content-type", "").startswith(
            "application/json"
        ):
            return  # API log-in: a cross-site page cannot send JSON, and there is no session to ride on yet
        if SESSION_TOKEN not in request.session and any(h in request.headers for h in SCRIPT_HEADERS):
            return  # a script with HTTP Basic: a page of another site cannot add this header
    expected = request.session.get(SESSION_CSRF)
    given = request.headers.get(CSRF_HEADER)
    if given is None and request.headers.get("content-type", "").startswith(FORM_TYPES):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        given = value if isinstance(value, str) else None
    if not expected or not given or not secrets.compare_digest(str(expected), given):
        if api:
            raise CsrfRejected(
                "a change through the API needs the header X-CSRF-Token (the session's token, from /api/v1/me) "
                "or, with HTTP Basic, the header X-Aqiqat-CSRF: 1"
            )
        raise CsrfRejected("the form has expired or did not come from this site: reload the page and try again")


CsrfDep = Depends(verify_csrf)
