"""Documents without a publication date: their own date inferred from the text, and where it came from."""

from __future__ import annotations

from datetime import date

import pytest

from aqiqat.nlp.dates import extract_dates


def _iso(text: str, published: date | None = None) -> dict[str, str]:
    return {m.text: m.value.iso() for m in extract_dates(text, published)}


@pytest.mark.parametrize(
    ("text", "phrase", "iso"),
    [
        # a dateline near the top dates the days and months below it, and «вчера»
        ("Задержания в столице\n\n12 января 2022\n\n6 января люди вышли на площадь.", "6 января", "2022-01-06"),
        ("Задержания в столице\n\n12 января 2022\n\nВчера суд арестовал троих.", "Вчера", "2022-01-11"),
        ("Arrests in the capital\n\nMarch 2, 2008\n\nOn 1 March police broke up the camp.", "1 March", "2008-03-01"),
        # a full date written in the text dates the days near it, before and after
        ("4 января начались протесты. 6 января 2022 года ввели режим ЧП.", "4 января", "2022-01-04"),
        ("6 января 2022 года ввели режим ЧП. 7 января в городе стреляли.", "7 января", "2022-01-07"),
        ("В ночь с 4 на 5 января задержали сотни. 6 января 2022 года ввели режим ЧП.", "В ночь с 4 на 5 января",
         "2022-01-04/2022-01-05"),
        # only a year: it gives the year of a day and month
        ("Акции прошли в 2021 году. 23 января задержали 40 человек.", "23 января", "2021-01-23"),
        # relative dates count from the event they follow
        ("6 января 2022 года начались задержания. Через два дня суд арестовал троих.", "Через два дня",
         "2022-01-08"),
        ("8 января 2022 года суд арестовал троих. В тот же день адвокатов не пустили.", "В тот же день",
         "2022-01-08"),
    ],
)
def test_document_date_from_the_text(text: str, phrase: str, iso: str) -> None:
    assert _iso(text)[phrase] == iso


def test_only_a_year_never_dates_yesterday() -> None:
    assert _iso("Акции прошли в 2021 году. Вчера задержали 40 человек.")["Вчера"] == ""


def test_reference_says_where_the_date_came_from() -> None:
    [_, day] = extract_dates("Задержания\n\n12 января 2022\n\n6 января люди вышли на площадь.", None)
    assert day.reference == "document date from dateline «12 января 2022»"


def test_a_given_publication_date_is_used_as_is() -> None:
    mentions = extract_dates("6 января люди вышли на площадь.", date(2023, 2, 1))
    assert mentions[0].value.iso() == "2023-01-06" and mentions[0].reference == ""


@pytest.mark.parametrize(
    ("text", "phrase", "iso"),
    [
        ("Police said Saturday that 30 people were held.", "Saturday", "2010-06-19"),
        ("Protests began Tuesday in the south.", "Tuesday", "2010-06-15"),
        ("The vote was held last October.", "last October", "2009-10"),
    ],
)
def test_english_weekdays_and_months(text: str, phrase: str, iso: str) -> None:
    assert _iso(text, date(2010, 6, 19))[phrase] == iso


@pytest.mark.parametrize(
    ("text", "phrase", "iso"),
    [
        # "the events began N ago": the document is dated N after the first day its narrative gives, and
        # what is relative to the document counts from that (an older background date is not the beginning)
        ("Ровно месяц назад в городе начались беспорядки. Ещё 16 декабря 2011 года здесь стреляли. "
         "5 января 2022 года задержали 40 человек. На неделе суд продлил арест.", "Ровно месяц назад", "2022-01-05"),
        ("Ровно месяц назад в городе начались беспорядки. 5 января 2022 года задержали 40 человек. "
         "На неделе суд продлил арест.", "На неделе", "2022-01-31/2022-02-05"),
        ("The protests began two weeks ago. Police detained 40 people on 3 March 2021. Yesterday the court met.",
         "Yesterday", "2021-03-16"),
    ],
)
def test_a_text_dated_by_when_its_events_began(text: str, phrase: str, iso: str) -> None:
    assert _iso(text)[phrase] == iso


def test_when_the_events_began_says_where_the_date_came_from() -> None:
    found = extract_dates("The protests began two weeks ago. Police detained 40 people on 3 March 2021. "
                          "Yesterday the court met.", None)
    assert found[-1].reference == "document date from events_began «two weeks ago»"
