"""Who claims a figure or speaks a quote when the sentence does not say: one short text per pattern."""

from __future__ import annotations

from datetime import date

import pytest

from aqiqat.nlp.pipeline import ExtractionMeta, Extractor

RU = ExtractionMeta(language="ru", published_at=date(2022, 1, 20))
EN = ExtractionMeta(language="en", published_at=date(2022, 1, 20))


def _claimants(extractor: Extractor, text: str, meta: ExtractionMeta) -> dict[str, str | None]:
    return {d.spans[0].text: d.payload["claimant"] for d in extractor.extract(text, meta) if d.kind.value == "figure"}


@pytest.mark.parametrize(
    ("text", "figure", "claimant"),
    [
        # a pronoun takes the reporter named before it
        ("На брифинге выступил генеральный прокурор Берик Асылов. По его словам, задержаны 970 человек.",
         "970 человек", "Берик Асылов"),
        ("Журналистка Динара Сапарова побывала в больнице. Она также отметила, что там лежат 30 раненых.",
         "30 раненых", "Динара Сапарова"),
        # the reporter's subject before the verb, in the figure's own sentence
        ("Правозащитница Айгуль Сейтова сообщила, что в больницах находятся 30 раненых.", "30 раненых",
         "Айгуль Сейтова"),
        # «Об этом сообщил X» names the reporter of the sentence before
        ("В Алматы задержали 40 активистов. Об этом журналистам сообщили сами задержанные.", "40 активистов",
         "сами задержанные"),
        # the rest of the paragraph stays with its reporter
        ("Как рассказал адвокат Нурлан Беков, задержания начались утром. В отделе находятся 15 человек.",
         "15 человек", "Нурлан Беков"),
    ],
)
def test_russian_claimant_outside_the_phrase(extractor: Extractor, text: str, figure: str, claimant: str) -> None:
    assert _claimants(extractor, text, RU)[figure] == claimant


def test_russian_headline_takes_the_lead_reporter(extractor: Extractor) -> None:
    text = ("Полиция задержала 12 человек\n\n5 марта 2021 года\n\n"
            "Как рассказал правозащитник Марат Жанузаков, всех задержанных доставили в отдел полиции.")
    assert _claimants(extractor, text, RU)["12 человек"] == "Марат Жанузаков"


def test_russian_figure_nobody_claims_stays_narration(extractor: Extractor) -> None:
    text = "На площадь пришли около 2000 человек.\n\nПолиция назвала другие цифры."
    assert _claimants(extractor, text, RU)["около 2000 человек"] is None


@pytest.mark.parametrize(
    ("text", "figure", "claimant"),
    [
        ("President Kassym-Jomart Tokayev said on Friday that 164 people had died.", "164 people",
         "Kassym-Jomart Tokayev"),
        ("The health ministry gave new figures on Monday. It said 30 people were in hospital.", "30 people",
         "health ministry"),
        ("At least 12 people were killed, Human Rights Watch said.", "At least 12 people", "Human Rights Watch"),
        ("Interior Minister Erlan Turgumbayev spoke to reporters. He said police detained 970 people.",
         "970 people", "Erlan Turgumbayev"),
    ],
)
def test_english_claimant(extractor: Extractor, text: str, figure: str, claimant: str) -> None:
    assert _claimants(extractor, text, EN)[figure] == claimant


def _speakers(extractor: Extractor, text: str, meta: ExtractionMeta) -> dict[str, str | None]:
    return {d.payload["text"]: d.payload["speaker"] for d in extractor.extract(text, meta) if d.kind.value == "quote"}


def test_quote_fragment_in_reported_speech_is_the_reporters(extractor: Extractor) -> None:
    text = "По словам адвоката Нурлана Бекова, его подзащитного якобы «не пустили к врачу вовремя»."
    assert _speakers(extractor, text, RU)["не пустили к врачу вовремя"] == "Нурлан Беков"


def test_quote_with_no_named_speaker_stays_without_one(extractor: Extractor) -> None:
    text = ("Свидетель Ерлан Садыков видел задержания у акимата. "
            "На сайте ведомства написано: «Задержания проводились строго по закону, нарушений не выявлено».")
    speakers = _speakers(extractor, text, RU)
    assert speakers["Задержания проводились строго по закону, нарушений не выявлено"] in (None, "")


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        ("Алия Нурланова: Расскажите, что произошло пятого января?\n"
         "Бакыт Омаров: Нас задержали у дома, ничего не объяснив.\n"
         "Потом нас три дня держали в изоляторе без адвоката и без еды.\n",
         "Нас задержали у дома, ничего не объяснив.", "Бакыт Омаров"),
        ("Интервью вели Алия Нурланова и Бакыт Омаров.\n"
         "А.Н.: Что произошло пятого января?\nБ.О.: Нас задержали у дома, ничего не объяснив.\n",
         "Нас задержали у дома, ничего не объяснив.", "Бакыт Омаров"),
    ],
)
def test_interview_turns(extractor: Extractor, text: str, quote: str, speaker: str) -> None:
    assert _speakers(extractor, text, RU)[quote] == speaker


def test_interview_turn_continues_on_the_next_line(extractor: Extractor) -> None:
    text = ("Алия Нурланова: Расскажите, что произошло пятого января?\n"
            "Бакыт Омаров: Нас задержали у дома, ничего не объяснив.\n"
            "Потом нас три дня держали в изоляторе без адвоката и без еды.\n")
    assert _speakers(extractor, text, RU)["Потом нас три дня держали в изоляторе без адвоката и без еды."] == \
        "Бакыт Омаров"


def test_embedded_post_has_its_author(extractor: Extractor) -> None:
    text = ("Активист написал в соцсети.\n\n"
            "Нас везут в отдел, телефоны забрали— Arman Dosov (@arman_d) January 5, 2022\n")
    assert _speakers(extractor, text, RU)["Нас везут в отдел, телефоны забрали"] == "Arman Dosov"


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # "told X": X is who was told; an unnamed speaker stays unnamed, said as written
        ('A resident in Osh told the Reuters news agency by telephone that "the shooting has not stopped."',
         "the shooting has not stopped.", "A resident in Osh"),
        # a quote right after the attribution of the one before goes on in the same voice
        ('"They fired at us," said activist Bolat Nurov. "Many people are wounded and nobody helps them."',
         "Many people are wounded and nobody helps them.", "Bolat Nurov"),
    ],
)
def test_english_quote_speaker(extractor: Extractor, text: str, quote: str, speaker: str) -> None:
    assert _speakers(extractor, text, EN)[quote] == speaker


def test_russian_quote_goes_on_after_its_attribution(extractor: Extractor) -> None:
    text = "«Нас били в отделе», — рассказал активист Болат Нуров. «Адвоката к нам не пускали три дня»."
    assert _speakers(extractor, text, RU)["Адвоката к нам не пускали три дня"] == "Болат Нуров"


def test_english_progressive_reporting_verb(extractor: Extractor) -> None:
    assert _claimants(extractor, "Radio Liberty is reporting 12 dead and 40 injured.", EN)["12 dead"] == \
        "Radio Liberty"


def test_claimant_is_an_entity_with_role_confidence_and_where_found(extractor: Extractor) -> None:
    text = "На брифинге выступил генеральный прокурор Берик Асылов. По его словам, задержаны 970 человек."
    [figure] = [d for d in extractor.extract(text, RU) if d.kind.value == "figure"]
    p = figure.payload
    assert (p["claimant"], p["claimant_kind"], p["claimant_found"]) == ("Берик Асылов", "person", "pronoun")
    assert p["claimant_role"] and p["claimant_confidence"] < 0.9


@pytest.mark.parametrize(
    ("text", "figure", "claimant"),
    [
        # giving a toll is reporting it
        ("The health ministry raised the official death toll on Monday to 120 people.", "120 people",
         "health ministry"),
        # a claimant in brackets after the figure
        ("At least 300 people were injured (according to activists) in the clashes.", "At least 300 people",
         "activists"),
        ("В столкновениях пострадали 300 человек (по данным правозащитников).", "300 человек", "правозащитников"),
    ],
)
def test_claimant_of_a_toll_or_in_brackets(extractor: Extractor, text: str, figure: str, claimant: str) -> None:
    meta = RU if "В столкновениях" in text else EN
    assert _claimants(extractor, text, meta)[figure] == claimant


def test_quoted_words_after_an_organisation_noun_can_be_speech(extractor: Extractor) -> None:
    text = "Адвокат Нурлан Беков добавил, что участники акции «не задержаны, а приглашены»."
    assert _speakers(extractor, text, RU)["не задержаны, а приглашены"] == "Нурлан Беков"


def test_interview_label_is_read_in_the_nominative(extractor: Extractor) -> None:
    text = ("Евгения Кузнецова: Что произошло пятого января?\n"
            "Бакыт Омаров: Нас задержали у дома, ничего не объяснив.\n")
    names = {d.payload["name"] for d in extractor.extract(text, RU) if d.kind.value == "person"}
    assert "Евгения Кузнецова" in names


@pytest.mark.parametrize(
    ("text", "meta", "quote", "speaker"),
    [
        # a chant is the crowd's, never the nearest named person's
        ("Иван Петров пришёл на площадь. Протестующие скандировали «Позор полиции!» и «Свободу задержанным!».", RU,
         "Свободу задержанным!", "Протестующие"),
        ("Иван Петров пришёл на площадь. «Мы не уйдём отсюда никогда», — кричали протестующие.", RU,
         "Мы не уйдём отсюда никогда", "протестующие"),
        ('Aigerim Tleuzhan was there. The crowd chanted "Old man, go!" for an hour.', EN, "Old man, go!", "crowd"),
    ],
)
def test_chants_are_the_crowds(extractor: Extractor, text: str, meta: ExtractionMeta, quote: str,
                               speaker: str) -> None:
    assert _speakers(extractor, text, meta)[quote] == speaker


def test_a_passive_report_names_nobody(extractor: Extractor) -> None:
    text = "Thousands are said to have gathered in the square. A trial of 23 farmers began on Monday."
    assert _claimants(extractor, text, EN)["23 farmers"] is None


def test_post_signed_in_latin_letters_is_by_the_person_named_in_cyrillic(extractor: Extractor) -> None:
    text = ("Активиста Николая Касьяна задержали у здания суда.\n\n"
            "Нас везут в отдел, телефоны забрали— Nikolay Kasyan (@nkasyan) June 15, 2016\n")
    assert _speakers(extractor, text, RU)["Нас везут в отдел, телефоны забрали"] == "Николай Касьян"


@pytest.mark.parametrize(
    ("text", "meta", "figure", "claimant"),
    [
        # a briefing goes on over the next paragraphs
        ("На брифинге в пятницу выступил генеральный прокурор Берик Асылов.\n\nЗадержаны 970 человек.", RU,
         "970 человек", "Берик Асылов"),
        ("The interior minister Marat Akhmetov spoke at a press conference on Friday.\n\n"
         "Some 970 people have been detained.", EN, "Some 970 people", "Marat Akhmetov"),
        # any other report ends with its paragraph: the next one is the author's narration
        ("Правозащитник Марат Бекмуханов рассказал о задержаниях.\n\nСуд над 23 фермерами начался в мае.", RU,
         "23 фермерами", None),
        ("President Asan Umarov claimed on Saturday that troops had been attacked.\n\n"
         "A trial of 23 farmers had triggered the protests.", EN, "23 farmers", None),
    ],
)
def test_a_report_goes_past_its_paragraph_only_for_an_occasion(extractor: Extractor, text: str,
                                                               meta: ExtractionMeta, figure: str,
                                                               claimant: str | None) -> None:
    assert _claimants(extractor, text, meta)[figure] == claimant


@pytest.mark.parametrize(
    ("text", "meta", "figure", "claimant"),
    [
        # «в ведомстве», "the agency": the body named before
        ("Министерство здравоохранения сообщило о 40 погибших. В ведомстве также отметили, что ранены 300 "
         "человек.", RU, "300 человек", "Министерство здравоохранения"),
        ("The Interior Ministry gave new figures on Monday. The agency said 300 people were injured.", EN,
         "300 people", "Interior Ministry"),
    ],
)
def test_a_generic_body_is_the_body_named_before(extractor: Extractor, text: str, meta: ExtractionMeta,
                                                 figure: str, claimant: str) -> None:
    assert _claimants(extractor, text, meta)[figure] == claimant


def test_an_unnamed_spokesman_keeps_the_body_he_speaks_for(extractor: Extractor) -> None:
    text = "A spokesman for the Interior Ministry said 120 people had been detained."
    assert _claimants(extractor, text, EN)["120 people"] == "A spokesman for the Interior Ministry"
