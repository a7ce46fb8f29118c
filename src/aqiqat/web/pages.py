"""Rendering pages: one Jinja2 environment; each page gets the reader's language, user and CSRF token."""

from __future__ import annotations

import gettext
import json
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from aqiqat.api.access import Principal
from aqiqat.web.deps import csrf_token, language_of
from aqiqat.web.formatting import Formatter
from aqiqat.web.i18n import LANGUAGES, Catalogs
from aqiqat.web.labels import FIELDS, LABELS

TEMPLATE_DIR = Path(__file__).parent / "templates"
_DICT_ATTRIBUTES = frozenset(dir(dict))


class PageEnvironment(Environment):
    """Jinja with a quicker `row.field` on a plain dict (the rows of every list page). Jinja reads the attribute
    first and the key only after catching the AttributeError; a plain dict has no attributes but its methods, so
    for any other name the key is read straight away: the same value (or undefined), without an exception per
    cell of a page of fifty rows."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


templates = Jinja2Templates(env=PageEnvironment(loader=FileSystemLoader(TEMPLATE_DIR)))
templates.env.autoescape = True
templates.env.trim_blocks = True
templates.env.lstrip_blocks = True
templates.env.auto_reload = False  # templates ship with the package: no stat() of every template on every page
CYRILLIC = re.compile("[\u0400-\u04ff]")
# `x is cyrillic`: data text in Russian or Kazakh, marked lang="ru" in an English page (screen readers, hyphens)
templates.env.filters["plainjson"] = lambda value: json.dumps(value, ensure_ascii=False)  # Cyrillic as Cyrillic
templates.env.tests["cyrillic"] = lambda value: bool(CYRILLIC.search(str(value or "")))


def query_with(request: Request, **changes: Any) -> str:
    """The current query string with some parameters changed (None removes one): for paging and filters."""
    params = dict(request.query_params)
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = str(value)
    return "?" + urlencode(params) if params else "?"


def page_formatter(request: Request) -> Formatter:
    catalogs: Catalogs = request.app.state.catalogs
    lang = language_of(request)
    return Formatter(lang, catalogs.get(lang))


@lru_cache(maxsize=8)
def _translated(translations: gettext.NullTranslations, table: tuple[tuple[str, str], ...]) -> dict[str, str]:
    return {key: translations.gettext(message) for key, message in table}


_LABELS = tuple(LABELS.items())
_FIELDS = tuple(FIELDS.items())


def labeller(fmt: Formatter) -> Callable[[Any], str]:
    """`label(value)`: a stored value's human label in the reader's language. The labels are translated once per
    language, not once per cell."""
    known = _translated(fmt.translations, _LABELS)

    def label(value: Any) -> str:
        if value is None or value == "":
            return ""
        text = str(value)
        found = known.get(text)
        return found if found is not None else fmt.gettext(text)

    return label


def field_labeller(fmt: Formatter) -> Callable[[Any], str]:
    known = _translated(fmt.translations, _FIELDS)

    def field_label(key: Any) -> str:
        text = str(key)
        found = known.get(text)
        return found if found is not None else fmt.gettext(text)

    return field_label


def render(request: Request, name: str, context: dict[str, Any] | None = None, status_code: int = 200) -> HTMLResponse:
    fmt = page_formatter(request)
    principal: Principal | None = getattr(request.state, "principal", None)
    ctx: dict[str, Any] = {
        "request": request,
        "fmt": fmt,
        "_": fmt.gettext,
        "ngettext": fmt.ngettext,
        "lang": fmt.lang,
        "languages": LANGUAGES,
        "user": principal,
        "csrf_token": csrf_token(request),
        "path": request.url.path,
        "query_with": lambda **kw: query_with(request, **kw),
        "field_label": field_labeller(fmt),
        "label": labeller(fmt),
    }
    ctx.update(context or {})
    return templates.TemplateResponse(request, name, ctx, status_code=status_code)


def render_error(request: Request, status: int, message: str) -> HTMLResponse:
    if request.headers.get("hx-request"):
        fmt = page_formatter(request)
        return HTMLResponse(
            templates.env.get_template("partials/error.html").render(message=message, status=status, _=fmt.gettext),
            status_code=status,
            # a review decision's error is shown inside the panel, where the reviewer's focus is
            headers={"HX-Retarget": "#panel-error" if request.url.path.startswith("/suggestions/") else "#flash",
                     "HX-Reswap": "innerHTML"},
        )
    return render(request, "error.html", {"status": status, "message": message}, status_code=status)
