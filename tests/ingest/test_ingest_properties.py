"""Property-based tests: any bytes give a ReadResult or an IngestError, never another exception."""

from __future__ import annotations

import json
from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ingest_samples import KK_TESTIMONY, RU_REPORT, RU_SHORT, make_docx, make_jpeg_with_exif, make_mp4, make_pdf

from aqiqat.ingest.errors import IngestError
from aqiqat.ingest.readers import ReadResult, read_bytes

NAMES = ["x.txt", "x.html", "x.pdf", "x.docx", "x.jpg", "x.png", "x.mp4", "x.mkv", "x", "x.csv", "x.heic"]
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@cache
def seeds() -> tuple[bytes, ...]:
    return (make_pdf([RU_REPORT]), make_docx(RU_REPORT.splitlines()), make_jpeg_with_exif(), make_mp4(),
            b"<!DOCTYPE html><html><head><title>T</title></head><body><p>" + RU_REPORT.encode() + b"</p></body></html>",
            RU_REPORT.encode("cp1251"), RU_REPORT.encode("utf-16"))


def check(data: bytes, name: str) -> None:
    try:
        result = read_bytes(data, name, max_bytes=1024 * 1024)
    except IngestError as err:
        message = str(err)
        assert message.startswith(f"{name}: ") and "\n" not in message
        return
    assert isinstance(result, ReadResult)
    assert result.size == len(data)
    json.dumps(result.metadata)
    if result.text is not None:
        assert "\x00" not in result.text
        result.text.encode("utf-8")  # storable: no lone surrogates


@FAST
@given(data=st.binary(max_size=3000), name=st.sampled_from(NAMES))
def test_arbitrary_bytes_never_raise_anything_else(data: bytes, name: str) -> None:
    check(data, name)


@FAST
@given(
    seed=st.integers(min_value=0, max_value=6),
    cut=st.floats(min_value=0.0, max_value=1.0),
    flips=st.lists(st.tuples(st.floats(min_value=0.0, max_value=0.999), st.integers(0, 255)), max_size=8),
    name=st.sampled_from(NAMES),
)
def test_damaged_real_files_never_raise_anything_else(
    seed: int, cut: float, flips: list[tuple[float, int]], name: str
) -> None:
    data = bytearray(seeds()[seed])
    for where, value in flips:
        data[int(where * len(data))] = value
    check(bytes(data[: max(1, int(len(data) * cut))]), name)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=400))
def test_utf8_text_round_trips_exactly(text: str) -> None:
    data = text.encode("utf-8")
    try:
        result = read_bytes(data, "note.txt")
    except IngestError as err:
        assert not text.strip() or "HTML" in str(err)  # blank text, or text that looks like an empty page
        return
    if result.media_type == "text/plain":
        assert result.text == text
        assert result.encoding == "utf-8"


@settings(max_examples=100, deadline=None)
@given(
    source=st.sampled_from([(RU_REPORT + " " + RU_SHORT, ("cp1251", "koi8-r", "mac-cyrillic", "cp866")),
                            (KK_TESTIMONY, ("kz1048",))]),
    start=st.integers(min_value=0, max_value=60),
    length=st.integers(min_value=5, max_value=60),
    data=st.data(),
)
def test_legacy_code_pages_round_trip(source: tuple[str, tuple[str, ...]], start: int, length: int,
                                      data: st.DataObject) -> None:
    """Any five or more running words of our texts come back exactly (one or two words may not:
    «без» in cp1251 reads as «АЕГ» in KOI8-R, and nothing but context tells them apart)."""
    text, codecs = source
    words = text.split()
    start = min(start, len(words) - 5)
    snippet = " ".join(words[start : start + length])
    codec = data.draw(st.sampled_from(codecs))
    data_bytes = snippet.encode(codec)
    result = read_bytes(data_bytes, "old.txt")
    assert result.text == snippet
    assert result.text.encode(result.encoding or "") == data_bytes  # a code page that agrees may win a tie
