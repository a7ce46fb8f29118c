"""The one exception the ingest package raises for bad input."""

from __future__ import annotations


class IngestError(Exception):
    """A file that cannot be ingested. ``str(err)`` is one line: ``"<file>: <problem>"``.

    ``IngestError(name, problem)`` is the usual form; ``IngestError(message)`` takes a ready line.
    """

    def __init__(self, name: str, problem: str | None = None) -> None:
        if problem is None:
            message = " ".join(name.split())
            self.name, _, self.problem = message.partition(": ")
        else:
            self.name = _printable(name)
            self.problem = " ".join(problem.split())  # one line, whatever a parser said
            message = f"{self.name}: {self.problem}"
        super().__init__(message)


def _printable(name: str) -> str:
    """A file name with its control characters escaped, so that the message stays on one line."""
    if name.isprintable():
        return name
    return "".join(ch if ch.isprintable() or ch == " " else repr(ch)[1:-1] for ch in name)


def one_line(exc: BaseException, limit: int = 160) -> str:
    """A third-party exception as a short single line (its class name when it has no message)."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"
