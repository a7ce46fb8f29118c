"""Figure rules, one table per rule, on sentences written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aqiqat.domain.enums import Qualifier
from aqiqat.nlp.figures import FigureMention, extract_figures


def one(text: str) -> FigureMention:
    found = extract_figures(text)
    assert len(found) == 1, found
    f = found[0]
    assert text[f.start : f.end] == f.text
    return f


@pytest.mark.parametrize(
    ("text", "mention", "counted"),
    [
        ("Следствие так и не предъявило ни одного доказательства.", "ни одного доказательства", "evidence"),
        ("Власти не представили никаких улик против братьев.", "никаких улик", "evidence"),
        ("По данным полиции, в ту ночь не было ни одного погибшего.", "ни одного погибшего", "killed"),
    ],
)
def test_none_given_is_a_count_of_zero(text: str, mention: str, counted: str) -> None:
    f = one(text)
    assert (f.text, f.value, f.min, f.max, f.qualifier, f.counted) == (mention, 0, 0, 0, Qualifier.EXACT, counted)


def test_none_without_negation_is_no_figure() -> None:
    assert extract_figures("Ни одного доказательства? Вот они.") == []


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        ("Погибли 173 человека.", "173 человека", 173),
        ("На площадь вышли 12 000 человек.", "12 000 человек", 12000),
        ("На площадь вышли 12\u202f000 человек.", "12\u202f000 человек", 12000),
        ("В колониях 90 тысяч заключенных.", "90 тысяч заключенных", 90000),
        ("Ущерб понесли 1,5 тыс. семей.", "1,5 тыс. семей", 1500),
        ("Police detained 8,000 people.", "8,000 people", 8000),
        ("Трое военных вошли во двор.", "Трое военных", 3),
        ("Пострадали двадцать пять студентов.", "двадцать пять студентов", 25),
        ("Задержали двести пятьдесят активистов.", "двести пятьдесят активистов", 250),
        ("Оба мужчины погибли.", "Оба мужчины", 2),
        ("Полторы тысячи семей остались без света.", "Полторы тысячи семей", 1500),
        ("Two hundred people marched.", "Two hundred people", 200),
        ("Он приехал с семью детьми.", "семью детьми", 7),
    ],
)
def test_exact_counts_in_digits_and_words(text: str, mention: str, value: float) -> None:
    f = one(text)
    assert (f.text, f.value, f.qualifier) == (mention, value, Qualifier.EXACT)


@pytest.mark.parametrize(
    ("text", "mention", "qualifier", "value", "lo", "hi"),
    [
        ("Их было около десяти тысяч.", "около десяти тысяч", Qualifier.ABOUT, 10000, None, None),
        ("Сейчас их меньше 30 тысяч.", "меньше 30 тысяч", Qualifier.LESS_THAN, 30000, None, 30000),
        ("Погибли более 200 человек.", "более 200 человек", Qualifier.MORE_THAN, 200, 200, None),
        ("Задержаны не менее 50 человек.", "не менее 50 человек", Qualifier.AT_LEAST, 50, 50, None),
        ("Ранены свыше 700 человек.", "свыше 700 человек", Qualifier.MORE_THAN, 700, 700, None),
        ("В зале было до 300 человек.", "до 300 человек", Qualifier.AT_MOST, 300, None, 300),
        ("Пришли порядка пяти тысяч человек.", "порядка пяти тысяч человек", Qualifier.ABOUT, 5000, None, None),
        ("Собралось около тысячи человек.", "около тысячи человек", Qualifier.ABOUT, 1000, None, None),
        ("About 10,000 people protested.", "About 10,000 people", Qualifier.ABOUT, 10000, None, None),
        ("At least 225 people were killed.", "At least 225 people", Qualifier.AT_LEAST, 225, 225, None),
        ("Задержаны от 100 до 150 человек.", "от 100 до 150 человек", Qualifier.RANGE, None, 100, 150),
        ("Ранены 5–7 тысяч человек.", "5–7 тысяч человек", Qualifier.RANGE, None, 5000, 7000),
        ("Пострадали десятки людей.", "десятки людей", Qualifier.RANGE, None, 20, 99),
        ("Вышли сотни протестующих.", "сотни протестующих", Qualifier.RANGE, None, 200, 999),
        ("Вышли десятки тысяч человек.", "десятки тысяч человек", Qualifier.RANGE, None, 20000, 99999),
        ("Задержаны несколько сотен человек.", "несколько сотен человек", Qualifier.RANGE, None, 200, 999),
        ("Hundreds of people were detained.", "Hundreds of people", Qualifier.RANGE, None, 200, 999),
    ],
)
def test_qualifiers_ranges_and_vague_plurals(
    text: str, mention: str, qualifier: Qualifier, value: float | None, lo: float | None, hi: float | None
) -> None:
    f = one(text)
    assert (f.text, f.qualifier, f.value, f.min, f.max) == (mention, qualifier, value, lo, hi)


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("По данным правозащитников, список погибших насчитывает 173 человека.", "killed"),
        ("Погибли 12 человек.", "killed"),
        ("В больницы доставили 40 раненых.", "injured"),
        ("Пострадали 15 человек.", "injured"),
        ("Полиция задержала 300 человек.", "detained"),
        ("Протестующие, которых было около пяти тысяч, перекрыли дорогу.", "protesters"),
        ("В тюрьмах 90 тысяч заключенных. Сейчас их меньше 30 тысяч.", "prisoners"),
        ("Сгорели 20 автомобилей.", "other"),
        ("Сделка заключена, выставку посетили 5 тысяч человек.", "other"),
        ("Трое военных проникли во двор.", "other"),
        ("Five people were killed in the blast.", "killed"),
        ("Police arrested 40 protesters.", "protesters"),
    ],
)
def test_what_is_counted(text: str, counted: str) -> None:
    assert extract_figures(text)[-1].counted == counted


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ("По данным правозащитников, погибли 173 человека.", "По данным правозащитников"),
        ("Протестующих, по разным оценкам, было около десяти тысяч.", "по разным оценкам"),
        ("По информации МВД, задержаны 5 тысяч человек.", "По информации МВД"),
        ("Как сообщил представитель полиции, задержаны 40 человек.", "Как сообщил представитель полиции"),
        ("Погибли 225 человек, сообщили в Генпрокуратуре.", "сообщили в Генпрокуратуре"),
        ("According to the health ministry, 225 people died.", "According to the health ministry"),
        ("Погибли 12 человек.", None),
    ],
)
def test_claimant_span(text: str, claimant: str | None) -> None:
    f = one(text)
    assert f.claimant_text == claimant
    if claimant is not None:
        assert text[f.claimant_start : f.claimant_end] == claimant  # type: ignore[misc]


@pytest.mark.parametrize(
    "text",
    [
        "Цены на газ выросли в два раза.",
        "Погибла их дочь 12-тилетняя.",
        "Погиб 17-летний подросток.",
        "Ему было 25 лет.",
        "Поэтому важно сохранять. 0540 Поэтому и его заявления.",
        "Запись от 05:40 показали по телевизору.",
        "4 января начались протесты, 6 января 2022 года ввели войска.",
        "Через три дня стало тихо.",
        "В 2019 году всё изменилось.",
        "Звоните по номеру +7 701 123 45 67.",
        "Его обвинили по статье 174.",
        "Ни одного слова он не сказал.",  # none of something that is neither people nor evidence
        "Прошло 5 дней, цены выросли на 30%.",
        "Один из них молчал.",
        "С одной стороны, это понятно.",
        "Он приехал за семью Вертинского.",
        "Поэт (1888—1959) жил в Москве.",
        "В 1911–1912 годах вышли рассказы.",
        "Он набрал двадцать.",
        "Среди гостей было 5 Юрий Петровых.",
    ],
)
def test_not_figures(text: str) -> None:
    assert extract_figures(text) == []


_FRAGMENTS = st.sampled_from(
    ["около ", "десяти", " тысяч", "173", " человека", "меньше ", "30", " 000", ",", "-", "–", "от ", " до ",
     "десятки", "трое", "погибших", "0540", "12-", "летняя", "в два раза", "по данным МВД", "\n", "млн", "."]
)  # fmt: skip
_TEXT = st.lists(_FRAGMENTS | st.text(max_size=6), max_size=12).map("".join)


@settings(max_examples=60, deadline=None)
@given(_TEXT)
def test_never_raises_and_offsets_are_valid(text: str) -> None:
    for f in extract_figures(text):
        assert 0 <= f.start < f.end <= len(text) and text[f.start : f.end] == f.text
        assert f.counted in ("killed", "injured", "detained", "protesters", "prisoners", "evidence", "other")
        if f.claimant_start is not None:
            assert f.claimant_end is not None and text[f.claimant_start : f.claimant_end] == f.claimant_text
