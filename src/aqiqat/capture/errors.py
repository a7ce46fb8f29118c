"""The one exception the capture package raises for what it cannot do."""

from __future__ import annotations


class CaptureError(Exception):
    """A page that cannot be captured, a TSA that does not answer properly …; ``str()`` is one line."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))
