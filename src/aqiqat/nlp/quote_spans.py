"""The quoted spans of a text: top-level pairs of quotation marks («…», „…“, “…”, "…"), quote paragraphs left
open, and paragraphs opening with a dialogue dash (split from nlp.quotes, which classifies and attributes them).
"""

from __future__ import annotations

import re

_OPEN_CLOSE = {"«": "»", "„": "“", "“": "”"}


def mark_spans(text: str) -> list[tuple[int, int, str]]:
    """(content start, content end, "mark") of top-level pairs; nested marks stay inside the outer quote."""
    out: list[tuple[int, int, str]] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in _OPEN_CLOSE or c == '"':
            close = _find_close(text, i)
            if close is None:
                i += 1
                continue
            out.append((i + 1, close, "mark"))
            i = close + 1
            continue
        i += 1
    spans = [trim(text, s, e) for s, e, _ in out if text[s:e].strip(" \t\n,")]
    # English puts the comma before the closing mark ("…armed," said X): it is not part of the words
    return [(s, e - 1 if text[e - 1] == "," else e, "mark") for s, e in spans]


def _find_close(text: str, i: int) -> int | None:
    """Index of the mark closing the one at ``i`` within its paragraph, nesting counted for «»."""
    opener = text[i]
    para_end = text.find("\n\n", i)
    limit = len(text) if para_end < 0 else para_end
    at_line_start = i == 0 or text[i - 1] == "\n"
    if opener == '"':
        j = text.find('"', i + 1, limit)
        if at_line_start and (j < 0 or text[j - 1] == "\n"):
            return _open_paragraph_end(text, i)  # a quote paragraph left open (it goes on, or the text stops)
        return j if j > i + 1 else None
    closer = _OPEN_CLOSE[opener]
    depth = 0
    for j in range(i + 1, limit):
        ch = text[j]
        if ch == opener and opener != closer:
            depth += 1
        elif ch == closer:
            if depth == 0:
                return j
            depth -= 1
    if opener == "«" and at_line_start:
        end = limit
        while end > i + 1 and text[end - 1].isspace():
            end -= 1
        return end if end > i + 1 else None  # a quote paragraph whose closing mark is missing
    return _open_paragraph_end(text, i) if at_line_start else None


def _open_paragraph_end(text: str, i: int) -> int | None:
    """The end of the line a quote opens at when it is never closed there: English leaves a quote that runs
    on to the next paragraph open, and a stored text may stop in the middle of one."""
    nl = text.find("\n", i)
    end = len(text) if nl < 0 else nl
    if any(ch in text[i + 1 : end] for ch in '"”»'):
        return None
    while end > i + 1 and text[end - 1].isspace():
        end -= 1
    return end if len(text[i + 1 : end].split()) >= 4 else None


def dialogue_spans(text: str) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for m in re.finditer(r"(?m)^[ \t]*[–—-][ \t\u00a0]+(?=\S)", text):
        s = m.end()
        nl = text.find("\n", s)
        e = len(text) if nl < 0 else nl
        sep = re.search(r"[,.!?…][ \t\u00a0]+[–—][ \t\u00a0]+", text[s:e])
        q_end = s + sep.start() + (0 if text[s + sep.start()] == "," else 1) if sep else e
        ts, te = trim(text, s, q_end)
        if te > ts:
            out.append((ts, te, "dialogue"))
    return out


def trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
