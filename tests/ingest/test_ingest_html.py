"""HTML pages: main text and metadata via trafilatura; the fallback; declared and undeclared charsets."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from ingest_samples import RU_REPORT

from aqiqat.ingest.errors import IngestError
from aqiqat.ingest.readers import read_bytes, read_path

ARTICLE = """<!DOCTYPE html>
<html lang="ru"><head><meta charset="{charset}">
<title>В Талдыкоргане обстреляли автомобиль — Новости Жетысу</title>
<meta name="author" content="Айгерим Сапарова">
<meta property="article:published_time" content="2022-01-09T10:00:00+06:00">
<meta property="og:site_name" content="Новости Жетысу">
<link rel="canonical" href="https://news.example.kz/2022/01/09/taldykorgan">
</head><body>
<nav><a href="/">Главная</a> <a href="/news">Лента новостей</a> <a href="/ads">Реклама</a></nav>
<article><h1>В Талдыкоргане обстреляли автомобиль</h1>
{paragraphs}
</article>
<footer>© 2022 Новости Жетысу. Все права защищены.</footer>
<script>window.counter = "Счётчик посещений";</script>
</body></html>
"""


def article(charset: str = "utf-8") -> str:
    paragraphs = "\n".join(f"<p>{line}</p>" for line in RU_REPORT.splitlines())
    return ARTICLE.format(charset=charset, paragraphs=paragraphs)


def test_article_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "taldykorgan.html"
    path.write_text(article(), encoding="utf-8")
    result = read_path(path)
    assert result.media_type == "text/html"
    assert result.text is not None
    assert "открыли огонь по автомобилю" in result.text
    assert "Реклама" not in result.text and "Счётчик" not in result.text
    assert result.title == "В Талдыкоргане обстреляли автомобиль"
    assert result.author == "Айгерим Сапарова"
    assert result.published_at == date(2022, 1, 9)
    assert result.url == "https://news.example.kz/2022/01/09/taldykorgan"
    assert result.metadata["sitename"] == "Новости Жетысу"
    assert result.metadata["extracted_by"] == "trafilatura"
    assert result.language == "ru"
    assert result.encoding == "utf-8"


def test_declared_windows_1251_page() -> None:
    data = article("windows-1251").encode("cp1251")
    result = read_bytes(data, "page.htm")
    assert result.text is not None and "Родственники говорят" in result.text
    assert result.encoding == "cp1251"


def test_undeclared_koi8r_page_is_detected() -> None:
    page = article("x").replace('<meta charset="x">', "").replace("—", "-").replace("©", "(c)")
    data = page.encode("koi8-r")
    result = read_bytes(data, "page.html")
    assert result.text is not None and "перекрёстка" in result.text
    assert result.encoding == "koi8-r"


def test_html_found_by_content_without_extension() -> None:
    result = read_bytes(article().encode(), "download")
    assert result.media_type == "text/html"
    assert result.metadata["media_type_from"] == "magic"


def test_fallback_when_trafilatura_finds_nothing() -> None:
    # trafilatura drops asides as boilerplate; here the aside is all the page has
    page = ("<html><head><title>Список задержанных</title></head><body><aside>"
            "<p>Ахметов Серик, 34 года, Талдыкорган</p><p>Касенова Айгерим, 27 лет, Алматы</p>"
            "</aside><script>var a = 1;</script></body></html>")
    result = read_bytes(page.encode(), "list.html")
    assert result.text == "Ахметов Серик, 34 года, Талдыкорган\nКасенова Айгерим, 27 лет, Алматы"
    assert result.title == "Список задержанных"
    assert result.metadata["extracted_by"] == "fallback"


def test_page_without_text_is_refused() -> None:
    with pytest.raises(IngestError, match="empty.html: HTML page has no text"):
        read_bytes(b"<html><head><title></title></head><body><script>x()</script></body></html>", "empty.html")
