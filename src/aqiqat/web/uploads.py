"""Uploads are kept in memory on their way in, never spooled to a temporary file.

Starlette writes every uploaded file above 1 MB to a temporary file in clear while it parses the form, before
any route has read the `confidentiality` field: a restricted testimony would be left on disk (in /tmp, or its
free blocks) whatever the register seals afterwards. The whole body is already bounded by `max_body_size`
(the largest file plus the form around it), so an upload is held in memory up to that size instead."""

from __future__ import annotations

from starlette.formparsers import MultiPartParser


def keep_uploads_in_memory(limit: int) -> None:
    """Raise the size below which Starlette keeps an uploaded file in memory to `limit` bytes.

    Starlette offers this only as a class attribute, shared by every app in the process: it is only ever
    raised, so two apps with different limits both keep their uploads in memory."""
    MultiPartParser.spool_max_size = max(MultiPartParser.spool_max_size, limit)
