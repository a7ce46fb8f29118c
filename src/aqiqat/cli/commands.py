"""Registers every command group of the CLI; each group lives in its own module."""

from __future__ import annotations

import importlib

import typer

# Each module named here defines `register(app: typer.Typer) -> None`.
MODULES = [
    "aqiqat.cli.register_cmds",
    "aqiqat.cli.records_cmds",
    "aqiqat.cli.estimate_cmds",
    "aqiqat.cli.extract_cmds",
    "aqiqat.cli.stats_cmds",
    "aqiqat.cli.lists_cmds",
    "aqiqat.cli.web_cmds",
    "aqiqat.cli.users_cmds",
    "aqiqat.cli.trust_cmds",
    "aqiqat.cli.capture_cmds",
    "aqiqat.cli.confidentiality_cmds",
    "aqiqat.cli.merge_cmds",
    "aqiqat.cli.ocr_cmds",
    "aqiqat.cli.perceptual_cmds",
    "aqiqat.cli.exchange_cmds",
    "aqiqat.cli.inbox_cmds",
]


def register_all(app: typer.Typer) -> None:
    for name in MODULES:
        importlib.import_module(name).register(app)
