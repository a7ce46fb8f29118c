"""Errors the API raises: each carries a one-line message fit for a user."""

from __future__ import annotations


class AqiqatError(Exception):
    """Base: str(error) is one line, safe to show (never a restricted name)."""

    status = 400


class NotInitialised(AqiqatError):
    status = 503


class NotFound(AqiqatError):
    status = 404


class Conflict(AqiqatError):
    """A stale edit: the record changed since it was read."""

    status = 409


class Forbidden(AqiqatError):
    status = 403


class Invalid(AqiqatError):
    status = 422
