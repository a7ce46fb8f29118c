"""Quote rules, one table per rule, on sentences written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aqiqat.nlp.quotes import QuoteMention, extract_quotes, is_speech


def speech(text: str) -> list[QuoteMention]:
    found = [q for q in extract_quotes(text) if is_speech(q)]
    for q in found:
        assert text[q.start : q.end] == q.text
        if q.speaker_start is not None:
            assert text[q.speaker_start : q.speaker_end] == q.speaker_text
    return found


def row(q: QuoteMention) -> tuple[str, str | None, str | None, str]:
    return (q.text, q.speaker_text, q.speaker_role, q.pattern)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Айдос Садыков, журналист:\n\n«Меня задержали у дома и увезли в отдел».",
            ("Меня задержали у дома и увезли в отдел", "Айдос Садыков", "журналист", "name_role_colon"),
        ),
        (
            "Жанар Омарова, мать задержанного: «Сына били трое суток».",
            ("Сына били трое суток", "Жанар Омарова", "мать задержанного", "name_role_colon"),
        ),
    ],
)
def test_name_and_role_before_a_colon(text: str, expected: tuple[str, str, str, str]) -> None:
    assert [row(q) for q in speech(text)] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ержан Сагымбай из движения «Мы против пыток» рассказывает:\n\n«Нас били три дня. Потом отпустили».",
            ("Нас били три дня. Потом отпустили", "Ержан Сагымбай", "из движения «Мы против пыток»", "intro_colon"),
        ),
        (
            "Активист Ержан Сагымбай рассказал:\n«Нас держали без воды».",
            ("Нас держали без воды", "Ержан Сагымбай", "Активист", "intro_colon"),
        ),
        (
            "Через два дня Назарбаев выступил с обращением:\n\n«Я требую навести порядок».",
            ("Я требую навести порядок", "Назарбаев", None, "intro_colon"),
        ),
        (
            'John Smith said: "We were not armed at all."',
            ("We were not armed at all.", "John Smith", None, "intro_colon"),
        ),
    ],
)
def test_introducing_sentence_ending_in_a_colon(text: str, expected: tuple[str, str, str | None, str]) -> None:
    assert [row(q) for q in speech(text)] == [expected]


def test_role_noun_speaker_is_the_person_named_just_before() -> None:
    text = (
        "Пытки продолжаются, уверен Марат Ибраев. Но есть и перемены, говорит юрист:\n\n"
        "«Тюрем стало меньше, это видно по статистике»."
    )
    assert [row(q) for q in speech(text)] == [
        ("Тюрем стало меньше, это видно по статистике", "Марат Ибраев", "юрист", "intro_colon")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "«Стреляли без предупреждения», – продолжает Айгуль.",
            ("Стреляли без предупреждения", "Айгуль", None, "dash_after"),
        ),
        (
            "«Все виновные будут наказаны», — утверждает Касым-Жомарт Токаев.",
            ("Все виновные будут наказаны", "Касым-Жомарт Токаев", None, "dash_after"),
        ),
        (
            "«Мы ничего не знали», – говорит активист Данара Нуриева.",
            ("Мы ничего не знали", "Данара Нуриева", "активист", "dash_after"),
        ),
        (
            "«Все задержанные будут освобождены», – сообщили в МВД.",
            ("Все задержанные будут освобождены", "МВД", None, "dash_after"),
        ),
        (
            "«Мы не пойдём на выборы», – заявили в партии «Ак жол».",
            ("Мы не пойдём на выборы", "Ак жол", "партии", "dash_after"),
        ),
        (
            '"We were not armed," said John Smith, a local teacher.',
            ("We were not armed", "John Smith", "a local teacher", "dash_after"),
        ),
        (
            "“They shot at the car,” Maria Ivanova told reporters.",
            ("They shot at the car", "Maria Ivanova", None, "dash_after"),
        ),
    ],
)
def test_attribution_after_the_quote(text: str, expected: tuple[str, str, str | None, str]) -> None:
    assert [row(q) for q in speech(text)] == [expected]


def test_attribution_inside_the_quote_splits_it() -> None:
    text = "«Мы шли домой, – вспоминает Айгерим Тлеубаева, студентка. – Вдруг начали стрелять»."
    assert [row(q) for q in speech(text)] == [
        ("Мы шли домой", "Айгерим Тлеубаева", "студентка", "dash_after"),
        ("Вдруг начали стрелять", "Айгерим Тлеубаева", "студентка", "dash_after"),
    ]


def test_dialogue_dash_paragraph() -> None:
    text = "Соседка вспоминает тот вечер.\n— Мы ничего не знали, — говорит Анна Петрова. — Потом пришли военные."
    assert [row(q) for q in speech(text)] == [("Мы ничего не знали", "Анна Петрова", None, "dialogue_dash")]


def test_pronoun_speaker_is_the_previous_speaker() -> None:
    text = "«Меня били», – рассказывает Ерлан Жаксылыков. «Потом отпустили без протокола», – добавил он."
    assert [q.speaker_text for q in speech(text)] == ["Ерлан Жаксылыков", "Ерлан Жаксылыков"]


def test_nested_quotation_marks_stay_inside_the_outer_quote() -> None:
    text = "Он сказал: «Я видел, как «Газель» въехала в толпу»."
    found = extract_quotes(text)
    assert [q.text for q in found] == ["Я видел, как «Газель» въехала в толпу"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ержан из коалиции «Активисты – не экстремисты» рассказывает о пытках.", "Активисты – не экстремисты"),
        ("Партия «Нур Отан» провела съезд.", "Нур Отан"),
        ("Газета „Время“ вышла без статьи.", "Время"),
        ("Он пришёл в «Казахтелеком» утром.", "Казахтелеком"),
        ("The Democratic Choice party called it a crime.", None),
    ],
)
def test_names_in_quotation_marks_are_not_speech(text: str, name: str | None) -> None:
    found = extract_quotes(text)
    assert all(not is_speech(q) for q in found)
    assert [q.text for q in found if q.pattern == "name"] == ([name] if name else [])


def test_scare_quotes_are_terms() -> None:
    found = extract_quotes("Власти назвали протестующих «террористами» и «бандитами».")
    assert [(q.text, q.pattern) for q in found] == [("террористами", "term"), ("бандитами", "term")]


_FRAGMENTS = st.sampled_from(
    ["«", "»", '"', "„", "“", "”", "\n", "\n– ", "— ", ", – ", "сказал ", "Данияр ", "Хасенов", ":", " ",
     "коалиции ", "он", ".", "говорит правозащитник", "Мы шли"]
)  # fmt: skip
_TEXT = st.lists(_FRAGMENTS | st.text(max_size=6), max_size=14).map("".join)


@settings(max_examples=60, deadline=None)
@given(_TEXT)
def test_never_raises_and_offsets_are_valid(text: str) -> None:
    found = extract_quotes(text)
    assert [q.start for q in found] == sorted(q.start for q in found)
    for q in found:
        assert 0 <= q.start < q.end <= len(text) and text[q.start : q.end] == q.text
        if q.speaker_start is not None:
            assert q.speaker_end is not None and text[q.speaker_start : q.speaker_end] == q.speaker_text


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        # English leaves a quote open at the end of a paragraph that the next one continues
        ('The governor spoke to reporters.\n"We have closed the roads to the city and opened two camps\n'
         '"We will need more tents," he said.', "We have closed the roads to the city and opened two camps"),
        ("Губернатор обратился к журналистам.\n“Мы закрыли въезд в город и открыли два лагеря\n",
         "Мы закрыли въезд в город и открыли два лагеря"),
    ],
)
def test_a_quote_paragraph_left_open(text: str, quote: str) -> None:
    found = speech(text)
    assert [q.speaker_text for q in found if q.text == quote] == [None]
    assert len(found) == 1 + text.count("tents")


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # a few lowercase words right after a speech verb are the speaker's; the subject of a relative clause
        ("The vote, which foreign observers declared “largely free,” was disputed by the opposition.",
         "largely free", "foreign observers"),
        ("Голосование, о котором иностранные наблюдатели сказали «в целом свободное», оспорила оппозиция.",
         "в целом свободное", "иностранные наблюдатели"),
    ],
)
def test_short_words_after_a_speech_verb_in_a_relative_clause(text: str, quote: str, speaker: str) -> None:
    assert [(q.text, q.speaker_text) for q in speech(text)] == [(quote, speaker)]


@pytest.mark.parametrize(
    "text",
    [
        "Об этом сообщает «Интерфакс» со ссылкой на источник.",
        'The news was first reported "Reuters" style by a local site.',
    ],
)
def test_a_capitalised_name_after_a_verb_is_not_speech(text: str) -> None:
    assert speech(text) == []
