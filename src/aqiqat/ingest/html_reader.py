"""HTML pages: the main text and metadata via trafilatura, and a plain fallback when it finds none."""

from __future__ import annotations

import codecs
import re
from datetime import date
from html.parser import HTMLParser
from typing import Any

from aqiqat.ingest.errors import IngestError
from aqiqat.ingest.extracted import Extracted, clean_str, storable, title_from_text
from aqiqat.ingest.text_decoding import decode_text

_DECLARED_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head", "iframe", "object"})
_BLOCK_TAGS = frozenset({
    "p", "div", "br", "li", "ul", "ol", "tr", "table", "section", "article", "header", "footer", "main",
    "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr", "dd", "dt", "dl", "figure",
    "figcaption", "nav", "aside", "form", "td", "th", "address",
})
# htmldate's "extensive search" guesses a date from anywhere in the page: a wrong date is worse than none.
_DATE_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True}


def decode_html(data: bytes, name: str) -> tuple[str, str]:
    """The page as text, and its encoding: the declared charset when it decodes, else detected."""
    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        match = _DECLARED_CHARSET.search(data[:4096])
        if match:
            try:
                encoding = codecs.lookup(match.group(1).decode("ascii")).name
                if b"\x00" not in data and "utf-16" not in encoding and "utf-32" not in encoding:
                    return data.decode(encoding), encoding
            except (LookupError, UnicodeDecodeError):
                pass
    decoded = decode_text(data, name)
    return decoded.text, decoded.encoding


def read_html(data: bytes, name: str) -> Extracted:
    html, encoding = decode_html(data, name)
    found = _trafilatura(html)
    fallback_title = ""
    text = clean_text(found.get("text"))
    by = "trafilatura"
    if not text:
        text, fallback_title = visible_text(html)
        by = "fallback"
    if not text.strip():
        raise IngestError(name, "HTML page has no text")
    published = _parse_date(found.get("date"))
    metadata: dict[str, Any] = {"extracted_by": by}
    for key in ("sitename", "hostname", "description", "categories", "tags", "language"):
        value = clean_str(found.get(key))
        if value:
            metadata[key] = value
    if published is not None:
        metadata["date_source"] = "html_metadata"
    return Extracted(
        text=text,
        title=clean_str(found.get("title")) or clean_str(fallback_title) or title_from_text(text),
        author=clean_str(found.get("author")),
        published_at=published,
        url=clean_str(found.get("url")),
        encoding=encoding,
        metadata=metadata,
    )


def clean_text(text: object) -> str:
    return storable(text) if isinstance(text, str) and text.strip() else ""


def _trafilatura(html: str) -> dict[str, Any]:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=True,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception:  # trafilatura and lxml fail in many ways on broken markup; the fallback reads it
        return {}
    if doc is None:
        return {}
    if isinstance(doc, dict):
        return doc
    return {key: getattr(doc, key, None) for key in (
        "text", "title", "author", "date", "url", "sitename", "hostname", "description",
        "categories", "tags", "language")}


def _parse_date(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag == "body":
            self._skip = 0  # a page that never closes its <head>
        elif tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> tuple[str, str]:
    """Text outside scripts and styles, one line per block, and the <title>; for pages trafilatura skips."""
    parser = _VisibleText()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # html.parser is lenient; be safe anyway
        pass
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    text = "\n".join(line for line in lines if line)
    return storable(text), " ".join("".join(parser.title).split())
