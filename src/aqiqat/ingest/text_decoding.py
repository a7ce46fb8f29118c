"""Bytes of a plain-text file to ``str``, without mangling it.

Order: a byte-order mark decides (UTF-8-sig, UTF-16, UTF-32); then strict UTF-8 (the fast path: no
detector runs); then the Cyrillic single-byte code pages (cp1251, KOI8-R, KZ-1048, Mac Cyrillic, cp866),
each scored by how plausible its decoding is as Russian or Kazakh text, because detectors confuse them
on short texts; then cp1252 when every non-ASCII character it gives is a Western European letter; last,
charset-normalizer among the other common code pages, refused when its decoding looks like noise.
UTF-8 that is damaged in a few places is refused too, rather than read as mojibake in some code page.
Nothing is ever decoded with replacement characters: bytes that fit no encoding raise ``IngestError``.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from aqiqat.ingest.cyrillic_scoring import plausibility
from aqiqat.ingest.errors import IngestError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Code pages tried in this order; on equal scores the earlier one wins.
CYRILLIC_CODEPAGES = ("cp1251", "koi8-r", "kz1048", "mac-cyrillic", "cp866")
# What else charset-normalizer may choose: Western, Central European, Turkish, Baltic, Greek and ISO Cyrillic
# code pages and the East Asian multi-byte encodings (left free, it picks exotic ones such as cp1006).
OTHER_CODEPAGES = ("cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "cp1254", "iso8859_9",
                   "cp1257", "cp1253", "iso8859_5", "gb18030", "big5", "shift_jis", "euc_jp", "euc_kr")

# Control characters that do not occur in text (tab, newlines, form feed and escape are allowed).
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_CONTROL_TEXT = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
# cp1252's accented letters and typography: a non-UTF-8 text made only of these is Western European.
_WESTERN = frozenset("ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝßàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿŒœŠšŽžŸ"
                     "“”‘’–—…«»°€£©®\u00a0")
_NON_ASCII = bytes(range(0x80, 0x100))
_SAMPLE = 64 * 1024
_MAX_CONTROL_SHARE = 0.01
_MIN_CYRILLIC_SCORE = -6.5  # mean log-probability per non-ASCII character, see cyrillic_scoring
_MAX_MESS = 0.2  # charset-normalizer's mess ratio above which a decoding is noise


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # the Python codec name that decodes the file exactly
    by: str  # "bom", "utf-8", "ascii", "cyrillic-frequency", "charset-normalizer"


def decode_text(data: bytes, name: str) -> Decoded:
    """Decode the bytes of a text file. Raises ``IngestError`` for binary or undecodable data."""
    if not data:
        raise IngestError(name, "empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_with_bom(data, name, encoding)
    if b"\x00" in data:
        raise IngestError(name, "binary data, not text (contains NUL bytes)")
    _refuse_control_bytes(data, name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _decode_legacy(data, name, exc)
    return Decoded(text, "utf-8", "utf-8")


def _decode_with_bom(data: bytes, name: str, encoding: str) -> Decoded:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        label = "UTF-8" if encoding == "utf-8-sig" else encoding.upper()
        raise IngestError(name, f"undecodable bytes: starts with a {label} byte-order mark "
                                f"but byte {exc.start} is not valid {label}") from None
    if text.startswith("\ufeff"):  # utf-16/utf-32 codecs drop the BOM themselves; be sure
        text = text[1:]
    if _CONTROL_TEXT.search(text) and len(_CONTROL_TEXT.findall(text)) > _MAX_CONTROL_SHARE * len(text):
        raise IngestError(name, "binary data, not text (control characters)")
    return Decoded(text, encoding, "bom")


def _refuse_control_bytes(data: bytes, name: str) -> None:
    if _CONTROL.search(data) is None:
        return
    count = len(_CONTROL.findall(data))
    if count > _MAX_CONTROL_SHARE * len(data):
        raise IngestError(name, "binary data, not text (control bytes)")


def _decode_legacy(data: bytes, name: str, utf8_error: UnicodeDecodeError) -> Decoded:
    sample = _sample(data)
    if _mostly_utf8(sample):
        raise IngestError(name, f"undecodable bytes: invalid UTF-8 at byte {utf8_error.start}")
    scored = [(score, encoding) for encoding in CYRILLIC_CODEPAGES
              if (score := plausibility(sample, encoding)) is not None and score >= _MIN_CYRILLIC_SCORE]
    for _, encoding in sorted(scored, key=lambda pair: -pair[0]):  # stable: ties keep the order above
        try:
            return Decoded(data.decode(encoding), encoding, "cyrillic-frequency")
        except UnicodeDecodeError:  # a byte outside the sample that this code page lacks
            continue
    western = sample.decode("cp1252", errors="replace")
    if "\ufffd" not in western and all(ch in _WESTERN for ch in western if ch >= "\x80"):
        try:
            return Decoded(data.decode("cp1252"), "cp1252", "western-letters")
        except UnicodeDecodeError:
            pass
    return _decode_with_charset_normalizer(data, name)


def _sample(data: bytes) -> bytes:
    """What the detectors look at: all of a small file; the start, middle and end of a big one."""
    if len(data) <= 3 * _SAMPLE:
        return data
    middle = len(data) // 2
    return b"\n".join((data[:_SAMPLE], data[middle : middle + _SAMPLE], data[-_SAMPLE:]))


def _mostly_utf8(data: bytes) -> bool:
    """True when the bytes are UTF-8 with a few damaged sequences (refused, never repaired)."""
    text = data.decode("utf-8", errors="replace")
    damaged = text.count("\ufffd")
    ascii_count = len(data.translate(None, _NON_ASCII))  # ASCII bytes decode one to one
    multibyte = len(text) - ascii_count - damaged
    return multibyte >= 4 and damaged * 10 <= multibyte


def _decode_with_charset_normalizer(data: bytes, name: str) -> Decoded:
    from charset_normalizer import from_bytes

    match = from_bytes(data, cp_isolation=list(OTHER_CODEPAGES)).best()
    if match is None or match.encoding is None:
        raise IngestError(name, "undecodable bytes: not UTF-8, UTF-16 or a known code page")
    encoding = codecs.lookup(match.encoding).name
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise IngestError(name, f"undecodable bytes: not valid {encoding}") from None
    if match.chaos > _MAX_MESS:
        raise IngestError(name, "binary data or undecodable bytes: no encoding gives readable text")
    return Decoded(text, encoding, "charset-normalizer")
