"""Route modules do not import one another: what several of them need (a day typed in a query, the events
filter, a posted form, an upload) lives in modules beside them (web/params.py, web/deps.py, ...)."""

from __future__ import annotations

import ast
from pathlib import Path

import aqiqat.web.routes as routes

ROUTES = Path(routes.__file__).parent
# the estimate page is being reworked on its own branch: its helpers move out of it there
STILL_SHARED = {("api_victims", "estimate"), ("estimate", "lists")}


def _imported_routes(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("aqiqat.web.routes."):
            found.add(node.module.rsplit(".", 1)[1])
        elif isinstance(node, ast.Import):
            found |= {a.name.rsplit(".", 1)[1] for a in node.names if a.name.startswith("aqiqat.web.routes.")}
    return found


def test_no_route_module_imports_another() -> None:
    modules = sorted(p for p in ROUTES.glob("*.py") if p.name != "__init__.py")
    assert len(modules) > 10
    crossing = {(p.stem, other) for p in modules for other in _imported_routes(p)}
    assert crossing <= STILL_SHARED, sorted(crossing - STILL_SHARED)
