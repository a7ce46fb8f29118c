"""Date rules, one table per rule, on sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aqiqat.domain.enums import DatePrecision
from aqiqat.nlp.dates import DateMention, extract_dates

PUB = date(2022, 2, 4)  # a Friday


def one(text: str, published: date | None = PUB) -> DateMention:
    found = extract_dates(text, published)
    assert len(found) == 1, found
    m = found[0]
    assert text[m.start : m.end] == m.text
    return m


@pytest.mark.parametrize(
    ("text", "mention", "iso", "anchor"),
    [
        ("Суд назначен на 6 января 2022 года.", "6 января 2022 года", "2022-01-06", "absolute"),
        ("Задержание произошло 07.01.2022 у дома.", "07.01.2022", "2022-01-07", "absolute"),
        ("Его освободили 3 марта 2020 г. вечером.", "3 марта 2020 г.", "2020-03-03", "absolute"),
        ("Митинг прошёл 2021-12-16 в центре.", "2021-12-16", "2021-12-16", "absolute"),
        ("Акция прошла 16 December 2021 in the centre.", "16 December 2021", "2021-12-16", "absolute"),
        ("The raid began on January 5, 2022, at dawn.", "January 5, 2022", "2022-01-05", "absolute"),
        ("2022 жылғы 5 қаңтарда атыс болды.", "2022 жылғы 5 қаңтарда", "2022-01-05", "absolute"),
    ],
)
def test_absolute_dates(text: str, mention: str, iso: str, anchor: str) -> None:
    m = one(text)
    assert (m.text, m.value.iso(), m.anchor) == (mention, iso, anchor)


@pytest.mark.parametrize(
    ("text", "mention", "iso"),
    [
        ("7 января стреляли по машинам.", "7 января", "2022-01-07"),
        ("Его задержали седьмого января у подъезда.", "седьмого января", "2022-01-07"),
        ("Её вызвали на допрос 12 декабря.", "12 декабря", "2021-12-12"),  # never into the future
        ("Он пропал 29 февраля.", "29 февраля", "2020-02-29"),
        ("On January 7 the army entered the city.", "January 7", "2022-01-07"),
        ("Протест начался 5 қаңтарда.", "5 қаңтарда", "2022-01-05"),
    ],
)
def test_day_and_month_take_the_year_of_publication(text: str, mention: str, iso: str) -> None:
    m = one(text)
    assert (m.text, m.value.iso(), m.anchor) == (mention, iso, "year_inferred")


@pytest.mark.parametrize(
    ("text", "mention", "iso"),
    [
        ("В ночь с 4 на 5 января горели здания.", "В ночь с 4 на 5 января", "2022-01-04/2022-01-05"),
        ("в ночь на 6 января отключили связь", "в ночь на 6 января", "2022-01-05/2022-01-06"),
        ("Интернет не работал с 5 по 7 января.", "с 5 по 7 января", "2022-01-05/2022-01-07"),
        ("Их держали с 30 декабря по 2 января.", "с 30 декабря по 2 января", "2021-12-30/2022-01-02"),
        ("Протесты шли 4–6 января.", "4–6 января", "2022-01-04/2022-01-06"),
        ("The curfew lasted from 5 to 19 January.", "from 5 to 19 January", "2022-01-05/2022-01-19"),
    ],
)
def test_ranges_keep_both_days(text: str, mention: str, iso: str) -> None:
    m = one(text)
    assert (m.text, m.value.iso()) == (mention, iso)
    assert m.value.end is not None and m.value.end > m.value.value  # type: ignore[operator]


@pytest.mark.parametrize(
    ("text", "mention", "iso", "anchor"),
    [
        ("Власти признали ошибки в январе.", "в январе", "2022-01", "year_inferred"),
        ("Аресты продолжались в декабре.", "в декабре", "2021-12", "year_inferred"),
        ("Суды начались в начале февраля.", "в начале февраля", "2022-02", "year_inferred"),
        ("Закон приняли в марте 2019 года.", "в марте 2019 года", "2019-03", "absolute"),
        ("Arrests went on in January 2022.", "in January 2022", "2022-01", "absolute"),
        ("Его осудили в 2019 году.", "в 2019 году", "2019", "absolute"),
    ],
)
def test_months_and_years(text: str, mention: str, iso: str, anchor: str) -> None:
    m = one(text)
    assert (m.text, m.value.iso(), m.anchor) == (mention, iso, anchor)
    assert m.value.precision in (DatePrecision.MONTH, DatePrecision.YEAR)


@pytest.mark.parametrize(
    ("text", "mention", "iso"),
    [
        ("Ровно месяц назад начались беспорядки.", "Ровно месяц назад", "2022-01-04"),
        ("Об этом на неделе заявил министр.", "на неделе", "2022-01-31/2022-02-04"),
        ("На прошлой неделе его допросили.", "На прошлой неделе", "2022-01-24/2022-01-30"),
        ("Вчера его отпустили.", "Вчера", "2022-02-03"),
        ("Три дня назад пришли с обыском.", "Три дня назад", "2022-02-01"),
        ("Месяц назад был суд.", "Месяц назад", "2022-01-04"),
        ("В прошлом месяце были задержания.", "В прошлом месяце", "2022-01"),
        ("В прошлом году его судили.", "В прошлом году", "2021"),
        ("В среду суд отложил заседание.", "В среду", "2022-02-02"),
        ("He was released yesterday.", "yesterday", "2022-02-03"),
        ("The raid happened two weeks ago.", "two weeks ago", "2022-01-21"),
    ],
)
def test_relative_to_publication(text: str, mention: str, iso: str) -> None:
    m = one(text)
    assert (m.text, m.value.iso(), m.anchor) == (mention, iso, "publication")


def test_relative_to_publication_without_a_date_is_unknown() -> None:
    m = one("Вчера его отпустили.", None)
    assert m.value.value is None and m.anchor == "publication"


@pytest.mark.parametrize(
    ("text", "mention", "iso"),
    [
        ("4 января был митинг. Через три дня ввели войска.", "Через три дня", "2022-01-07"),
        ("В ночь с 4 на 5 января жгли здания. Через три дня пришли войска.", "Через три дня", "2022-01-07"),
        ("6 января его задержали, а на следующий день избили.", "на следующий день", "2022-01-07"),
        ("С 5 по 7 января не было связи. На следующий день её вернули.", "На следующий день", "2022-01-08"),
        ("Вчера был суд. Спустя два дня приговор отменили.", "Спустя два дня", "2022-02-05"),
        ("The shooting was on 6 January. Two days later the bodies were returned.", "Two days later", "2022-01-08"),
    ],
)
def test_relative_to_previous_date_in_the_narrative(text: str, mention: str, iso: str) -> None:
    found = [m for m in extract_dates(text, PUB) if m.anchor == "narrative"]
    assert [(m.text, m.value.iso()) for m in found] == [(mention, iso)]


@pytest.mark.parametrize(
    ("text", "mention", "iso"),
    [
        ("В 1984 году он уехал, а через три года вернулся.", "через три года", "1987"),
        ("В январе 2020 года его арестовали, через два месяца отпустили.", "через два месяца", "2020-03"),
        ("В 1984 году он уехал, на следующий день вернулся.", "на следующий день", ""),
    ],
)
def test_narrative_dates_are_never_finer_than_their_anchor(text: str, mention: str, iso: str) -> None:
    found = [m for m in extract_dates(text, PUB) if m.anchor == "narrative"]
    assert [(m.text, m.value.iso()) for m in found] == [(mention, iso)]


def test_narrative_date_without_a_previous_date_is_unknown() -> None:
    m = one("Через три дня его отпустили.")
    assert m.value.value is None and m.anchor == "narrative"


def test_a_month_after_an_event_is_not_read_against_a_date() -> None:
    assert extract_dates("7 января стреляли. Через месяц после протестов власти ищут виноватых.", PUB)[1:] == []


@pytest.mark.parametrize(
    "text",
    [
        "поэтому важно сохранять. 0540 Поэтому и его заявления",
        "Звоните по телефону 8 701 123 45 67 круглосуточно.",
        "В 2019 было 300 обращений, в статье 174 сказано иное.",
        "Цены на газ выросли в два раза, 173 человека погибли.",
        "Запись 05:40, кадр 12.",
        "Версия 1.2.3 вышла.",
        "Май Ли пришла на встречу.",
        "Много лет назад он уехал.",
    ],
)
def test_stray_numbers_are_not_dates(text: str) -> None:
    assert extract_dates(text, PUB) == []


_FRAGMENTS = st.sampled_from(
    ["7 января", " с 4 на 5 ", "января", "через три дня", "вчера", "0540", "31.02.2022", "29 февраля", " в ",
     "ночь", "назад", "месяц", "2022", "года", "May", " 5 ", "-", "–", "\n", "на неделе", "қаңтар", "с 30 ", "по"]
)  # fmt: skip
_TEXT = st.lists(_FRAGMENTS | st.text(max_size=8), max_size=12).map("".join)


@settings(max_examples=60, deadline=None)
@given(_TEXT, st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2030, 12, 31))))
def test_never_raises_and_offsets_are_valid(text: str, published: date | None) -> None:
    found = extract_dates(text, published)
    assert [m.start for m in found] == sorted(m.start for m in found)
    for m in found:
        assert 0 <= m.start < m.end <= len(text) and text[m.start : m.end] == m.text
        assert m.anchor in ("absolute", "publication", "narrative", "year_inferred")
        if published is not None and m.value.value is not None and m.anchor == "year_inferred":
            assert m.value.value <= published


@pytest.mark.parametrize(
    ("text", "mention", "iso"),
    [
        # a weekday in a clause about the future is the coming one (PUB is a Friday)
        ("The envoy will travel to Bishkek on Tuesday to discuss the crisis.", "on Tuesday", "2022-02-08"),
        ("Суд будет рассматривать жалобу во вторник.", "во вторник", "2022-02-08"),
        # …and in any other clause the last one (a future verb in another clause does not count)
        ("Police, who will review the case, detained the organiser on Tuesday.", "on Tuesday", "2022-02-01"),
        ("Police detained the organiser on Tuesday.", "on Tuesday", "2022-02-01"),
        ("Во вторник полиция задержала организатора.", "Во вторник", "2022-02-01"),
    ],
)
def test_a_weekday_looks_forward_in_the_future_tense(text: str, mention: str, iso: str) -> None:
    m = one(text)
    assert (m.text, m.value.iso()) == (mention, iso)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        # «накануне» as an adverb (a verb or an adverb follows) is the day before the last date
        ("10 марта 2021 года его арестовали, хотя накануне он был задержан у дома.", "2021-03-09"),
        ("10 марта 2021 года прошёл митинг. Накануне вечером площадь оцепили.", "2021-03-09"),
        ("On 10 March 2021 he was arrested; he had been detained the day before.", "2021-03-09"),
    ],
)
def test_the_day_before_as_an_adverb(text: str, iso: str) -> None:
    found = extract_dates(text, PUB)
    assert found[-1].value.iso() == iso


def test_the_eve_of_something_named_is_no_date() -> None:
    found = extract_dates("10 марта 2021 года, накануне выборов, прошёл митинг.", PUB)
    assert [m.value.iso() for m in found] == ["2021-03-10"]
