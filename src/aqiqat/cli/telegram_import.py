"""`aqiqat ingest` given a Telegram Desktop export (a folder with result.json, or its zip): the import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn

from aqiqat.api import telegram_import as telegram_api
from aqiqat.api.access import Principal
from aqiqat.api.register import Register
from aqiqat.cli.output import err, out
from aqiqat.domain.enums import Confidentiality


def split_exports(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """(Telegram exports, other paths) among the paths given to `aqiqat ingest`."""
    exports = [p for p in paths if telegram_api.is_export(p)]
    return exports, [p for p in paths if p not in exports]


def import_exports(reg: Register, principal: Principal, exports: list[Path], confidentiality: Confidentiality,
                   language: str | None, quiet: bool) -> list[telegram_api.TelegramReport]:
    """Import each export with a running count; print its failures (one line each) and its summary."""
    options = telegram_api.TelegramOptions(confidentiality=confidentiality, language=language)
    reports = []
    for path in exports:
        with Progress(SpinnerColumn(), TextColumn("{task.description}"), console=err, transient=True,
                      disable=quiet) as bar:
            task = bar.add_task(f"telegram {path.name}: reading")

            def advance(done: int, task: Any = task, bar: Progress = bar, name: str = path.name) -> None:
                bar.update(task, description=f"telegram {name}: {done:,} messages read")

            report = telegram_api.import_path(reg, principal, path, options, advance)
        for line in report.failed:
            err.print(f"[red]failed:[/] {escape(line)}", soft_wrap=True)
        if not quiet:
            out.print(escape(report.summary()))
        reports.append(report)
    return reports


def report_json(report: telegram_api.TelegramReport) -> dict[str, Any]:
    return {
        "path": report.export, "status": "failed" if report.failed else "imported", "telegram": {
            "chats": report.chats, "posts": report.posts, "versions": report.versions, "services": report.services,
            "unchanged": report.unchanged, "media_stored": report.media_stored,
            "media_missing": report.media_missing, "failed": report.failed,
        },
    }
