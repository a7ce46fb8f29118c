"""Patterns of Central Asian naming and of real lists: tables of pairs, each way (match and no match)."""

from __future__ import annotations

import pandas as pd
import pytest

from aqiqat.linkage.clusters import cluster_at
from aqiqat.linkage.model import VICTIMS_MODEL
from aqiqat.linkage.names import kazakh_patronymic, name_key
from aqiqat.linkage.places import place_keys
from aqiqat.linkage.records import father_root, prepare_victims
from aqiqat.linkage.variants import KOREAN_SURNAMES, given_variant, surname_variant

# (a, b): the same person; given name and father's name (or surname, given name) agree
PATRONYMIC_SURNAMES = [
    ("Исламкызы Гульнар", "Gulnar Islamkyzy"),
    ("Исламқызы Гүлнар", "Гульнар Исламкызы"),
    ("Дәурен Нұрланұлы", "Nurlanuly Dauren"),
    ("Дәурен Нұрланұлы", "Dauren Nurlanuly"),
    ("Nurlan Serikuly", "Серікұлы Нұрлан"),  # Kazakh Latin 2021
    ("Nurlan Serıkūly", "Серикулы Нурлан"),
    ("Жаксылыккызы Гулнар", "Gulnar Zhaksylykkyzy"),  # a doubled letter at the seam
    ("Жарас Ақжол ұлы", "Zharas Akzholuly"),  # the particle as a word
]


@pytest.mark.parametrize(("a", "b"), PATRONYMIC_SURNAMES)
def test_patronymic_surnames_match_in_any_order_and_script(a: str, b: str) -> None:
    ka, kb = name_key(a), name_key(b)
    assert (ka.given_key, ka.patronymic_key, ka.full_key) == (kb.given_key, kb.patronymic_key, kb.full_key)
    assert ka.surname_key == kb.surname_key == ""


PATRONYMIC_SURNAMES_APART = [
    ("Исламкызы Гульнар", "Серікқызы Гүлнар"),  # sisters? no: daughters of different fathers
    ("Дәурен Нұрланұлы", "Дәурен Серікұлы"),
    ("Нұрлан Серікұлы", "Серік Нұрланұлы"),  # father and son
]


@pytest.mark.parametrize(("a", "b"), PATRONYMIC_SURNAMES_APART)
def test_different_fathers_keep_different_keys(a: str, b: str) -> None:
    assert name_key(a).full_key != name_key(b).full_key


KAZAKH_PATRONYMICS = [
    ("Нұрланұлы", ("nurlan", "m")), ("Нурланулы", ("nurlan", "m")), ("Nurlanuly", ("nurlan", "m")),
    ("Nurlanūly", ("nurlan", "m")), ("Qasymqyzy", ("kasim", "f")), ("Жақсылыққызы", ("jaksilik", "f")),
    ("Ибрайұлы", ("ibrai", "m")),
    ("Бекзатуы", ("bekzat", "m")), ("Жәнібекұы", ("janibek", "m")), ("Erbolqzyy", ("erbol", "f")),  # typos
    ("Джугашвили", None), ("Гасанли", None),  # -швили, -ли: other peoples' surnames
    ("Нурланов", None), ("Ахметкулов", None), ("Улы", None), ("Кызылорда", None),
]


@pytest.mark.parametrize(("word", "expected"), KAZAKH_PATRONYMICS)
def test_kazakh_patronymic_words(word: str, expected: tuple[str, str] | None) -> None:
    assert kazakh_patronymic(word) == expected


# The father's name: in a patronymic of one list, the patronymic surname or the surname of another.
FATHERS = [
    ("Дәурен Нұрланұлы", "Ибраев Даурен Нурланович", True),
    ("Ибраев Даурен Нурланович", "Dauren Nurlanuly", True),
    ("Нурланов Даурен", "Дәурен Нұрланұлы", True),  # a surname made from the father's name
    ("Ибраев Даурен Ибраевич", "Дәурен Ибрайұлы", True),  # й dropped before -ев
    ("Дәурен Нұрланұлы", "Ибраев Даурен Серикович", False),
    ("Нурланов Даурен", "Дәурен Серікұлы", False),
]


def _father(name: str) -> set[str | None]:
    k = name_key(name)
    return {father_root(k.patronymic_key), father_root(k.surname_key, surname=True)} - {None}


@pytest.mark.parametrize(("a", "b", "same"), FATHERS)
def test_the_fathers_name_meets_the_other_lists_patronymic(a: str, b: str, same: bool) -> None:
    ka, kb = name_key(a), name_key(b)
    assert ka.given_key == kb.given_key
    assert bool(_father(a) & _father(b)) is same


# Spellings no letter rule reaches: Korean romanisation, English given names, ё as yo.
SPELLINGS = [
    ("Цой Виктор", "Viktor Choi", True), ("Цой Виктор", "Tsoy Viktor", True), ("Пак Ольга", "Olga Park", True),
    ("Ли Елена", "Helen Lee", True), ("Хван Евгений", "Eugene Hwang", True), ("Огай Галина Юрьевна", "Galina Oh", True),
    ("Югай Дмитрий", "Dmitry Yoo", True), ("Кан Сергей", "Sergey Kang", True), ("Тен Игорь", "Igor Jeong", True),
    ("Захаров Александр", "Alexander Zakharov", True), ("Фролов Николай", "Nicholas Frolov", True),
    ("Артём Ким", "Artyom Kim", True), ("Селезнёв Пётр", "Pyotr Seleznyov", True),
    ("Қасымов Нұрлан", "Nurlan Qasymov", True), ("Шыңғыс Әбілов", "Şyñğys Äbılov", True),
    ("Пак Ольга", "Пан Ольга", False), ("Цой Виктор", "Цой Виталий", False), ("Ким Сергей", "Кан Сергей", False),
    ("Захаров Александр", "Захаров Алексей", False), ("Ли Елена", "Лим Елена", False),
]


@pytest.mark.parametrize(("a", "b", "same"), SPELLINGS)
def test_spellings_of_one_name_share_the_keys(a: str, b: str, same: bool) -> None:
    ka, kb = name_key(a), name_key(b)
    assert (ka.full_key == kb.full_key) is same, (ka, kb)


def test_variant_tables_are_of_skeletons() -> None:
    assert surname_variant("choi") == surname_variant("coi") == "coi"
    assert given_variant("aleksander") == "aleksandr" and given_variant("artiom") == "artem"
    assert all(isinstance(v, tuple) and v for v in KOREAN_SURNAMES.values())
    assert surname_variant("nurgalev") == "nurgalev"


# Names in oblique cases (from news text) against the nominative.
CASES = [
    ("Ыскакова Серика Ильясовича", "Ыскаков Серик Ильясович", True),
    ("Нургалиевой Айгерим Касымовны", "Нургалиева Айгерим Касымовна", True),
    ("Ерланом Нургалиевым", "Nurgaliyev Yerlan", True),
    ("Ыскакова Серика", "Ыскакова Сара", False),
]


@pytest.mark.parametrize(("a", "b", "same"), CASES)
def test_oblique_cases(a: str, b: str, same: bool) -> None:
    assert (name_key(a).full_key == name_key(b).full_key) is same


# A patronymic with a typo is still a patronymic (not a second given name).
def test_a_misspelt_patronymic_is_still_one() -> None:
    assert name_key("Молдаев Тимур Маратовчи").patronymic_key == "marat"
    assert name_key("Молдаев Тимур Маратовчи").full_key == name_key("Timur Moldayev").full_key


PLACES = [
    ("Жамбылская обл., г. Тараз", "Тараз", ("taraz", "jambil")),
    ("ЖАМБЫЛСКАЯ ОБЛ.", "Jambyl oblysy", (None, "jambil")),
    ("Өскемен", "г. Усть-Каменогорск", ("ustkamenogorsk", "vostochno")),
    ("Орал", "Uralsk", ("uralsk", "zapadno")),
    ("Алматы облысы, Талдықорған қ.", "Taldykorgan", ("taldikorgan", "almati_obl")),
    ("Қарағанды облысы, Қарағанды қ.", "Karaganda", ("karaganda", "karaganda")),
]


@pytest.mark.parametrize(("a", "b", "expected"), PLACES)
def test_places_through_the_gazetteer(a: str, b: str, expected: tuple[str | None, str | None]) -> None:
    assert place_keys(a) == place_keys(b) == expected


def test_almaty_city_is_not_almaty_region_and_unknown_towns_keep_their_name() -> None:
    assert place_keys("г. Алматы")[1] != place_keys("Алматинская обл.")[1]
    assert place_keys("с. Узынагаш") == ("uzinagash", "town:uzinagash")
    assert place_keys("Есик") != place_keys("Талгар")  # two towns of one region


def _blocked_together(a: str, b: str, swapped: bool = True) -> bool:
    return _rows_blocked_together({"name": a, "event_date": "2022-01-05", "place": "Тараз"},
                                  {"name": b, "event_date": "2022-01-05", "place": "Тараз"}, swapped)


def _rows_blocked_together(a: dict[str, object], b: dict[str, object], swapped: bool = True) -> bool:
    """Some blocking rule of the victims model puts rows ``a`` and ``b`` (name, event_date, place,
    age, birth_year, ...) in one block."""
    df = prepare_victims(pd.DataFrame([{"unique_id": 1, **a}, {"unique_id": 2, **b}]))

    def meet(spec: str) -> bool:
        if spec.startswith("!"):  # !a: the rows differ on a
            return bool(df.at[0, spec[1:]] != df.at[1, spec[1:]])
        left, _, right = spec.partition("=")  # a=b: the left row's a, the right row's b
        a, b = df.at[0, left], df.at[1, right or left]
        if left in VICTIMS_MODEL.exploding or right in VICTIMS_MODEL.exploding:  # a key in the other's list
            keys, key = (a, b) if left in VICTIMS_MODEL.exploding else (b, a)
            return keys is not None and isinstance(key, str) and key in keys
        return a is not None and b is not None and bool(pd.notna(a)) and bool(pd.notna(b)) and bool(a == b)

    return any(all(meet(c) for c in rule) for rule in VICTIMS_MODEL.blocking) or \
        (swapped and _rows_blocked_together(b, a, False))


TYPOS = [
    ("Сапаров Саят", "Сат Сапаров", True),
    ("Фролов Александр", "Frolov Alexamdr", True),
    ("Нұрпейісов Бекжан", "Нрупейбсов Бекжан", True),
    ("Нурдаулетулы Турын", "Тұрсын Нұрдәулетұлы", True),
    ("Симоноа Ирина", "СИМОНОВА ИРИНА", True),  # the typo hides the surname suffix
    ("Дәурен Нұрланұлы", "Ибраев Даурен Нурланович", True),
    ("Сапаров Саят", "Омаров Ерлан", False),
    # a typo at the head of a name, where the consonant heads differ: the deletion neighbours meet
    ("Дидаров Абай", "Abai Didaov", True),
    ("Новиков Константин", "Новиклв Кнстантин", True),  # one in each name, after the heads
    ("Бекзатов Жасулан", "Бекзатов Жасұсан", True),
    ("Маратбеков Данияр", "Маратбеокв Данияр", True),
    ("Didarov Abai", "Dildarov Arman", False),  # a typo in one name, another given name
    # the same given name only, on one day in one town: they meet in a small block (the comparison
    # tells them apart); elsewhere they would not
    ("Бекзатов Жасулан", "Темирбеков Жасулан", True),
    ("Сейітов Жомарт", "Сейіпов Жомрат", True),  # a typo in each name, one at the surname's head
    ("Айдосжанов Турсын", "Tūrsny Ailosjanov", True),
    # the father's name for a family name, against another surname, in the same town on the same day
    ("Дана Саматқызы", "Сатжарова Дана", True),
    ("Kopjasar Shaljarov", "Көпжасар Нұрболұлы", True),
    ("Дана Саматқызы", "Сатжарова Динара", False),
    ("Сатжарова Дана", "Ахметова Дана", True),
    # a letter dropped between two alike, which the key merges: two letters gone from the key
    ("Сапаргалиева Гулмира", "Сааргалиева Гулмира", True),
    ("Азамат Алиалиев", "Аамат Аилалиев", True),
]


# Rows that share one name (the given name by its stem) and the town, with the day or the birth year:
# the other name has two typos, or is a surname on one list and the father's name on the other.
# (row, row, blocked)
ONE_NAME_AND_TOWN = [
    ({"name": "Калиболатов Ержан", "event_date": "2022-01-05", "place": "Тараз"},
     {"name": "Ержана Кабилолтова", "event_date": "2022-01-05", "place": "Тараз"}, True),
    ({"name": "Нурпейисов Бекжан", "age": 30, "place": "Тараз"},
     {"name": "Бкежан Нурпейисов", "birth_year": 1992, "place": "Тараз"}, True),
    ({"name": "Сапаров Саят", "event_date": "2022-01-05", "place": "Тараз"},
     {"name": "Сапаров Ербол", "event_date": "2022-01-05", "place": "Тараз"}, True),  # the comparison tells
    ({"name": "Калиболатов Ержан", "event_date": "2022-01-05", "place": "Тараз"},
     {"name": "Ержана Кабилолтова", "event_date": "2022-01-05", "place": "Шымкент"}, False),
    ({"name": "Омаров Бекжан", "age": 30, "place": "Тараз"},
     {"name": "Бекжан Сапаров", "birth_year": 1992, "place": "Шымкент"}, False),  # another town
]


@pytest.mark.parametrize(("a", "b", "blocked"), ONE_NAME_AND_TOWN)
def test_one_name_and_the_town_with_the_day_or_the_year_meet(a: dict[str, object], b: dict[str, object],
                                                             blocked: bool) -> None:
    assert _rows_blocked_together(a, b) is blocked


# Names alone, no day, town or year to meet on: a typo the key's folds make two edits, a typo in
# each name, or the given name two edits off beside the same family name (in a small block).
# (name, name, blocked)
TYPOS_BY_NAME_ALONE = [
    ("Тилеутуров Канат", "Канатом Тиеутуровым", True),  # л dropped before е: the key reads ие as е
    ("Бобылев Алексей", "Алексей Бобыеву", True),
    ("Ержаров Бекзат", "Безату Ежрарову", True),  # a typo in each name, none at the heads' letters
    ("Ержаров Бекзат", "Ежраров Бекжан", False),  # a typo in the surname, another given name
    ("Акмагамбетов Канат", "Каатом Акмагамбетовым", True),  # one family, one initial, Канатом misspelt
    ("Акмагамбетов Канат", "Акмагамбетов К.", True),  # an initial for the given name
    ("Акмагамбетов Канат", "Акмагамбетов Ерлан", False),
    ("Тилеутуров Канат", "Тилеубердиев Канат", False),
]


@pytest.mark.parametrize(("a", "b", "blocked"), TYPOS_BY_NAME_ALONE)
def test_typos_meet_on_the_names_alone(a: str, b: str, blocked: bool) -> None:
    assert _rows_blocked_together({"name": a}, {"name": b}) is blocked


# The given name and the other birth year a stated age allows, nothing else: a row named by the
# father's name with a birth year (31 in January 2022: born 1990, or 1991 as lists often count it)
# against a row with an age and a surname. (row, row, blocked)
GIVEN_AND_AGE_YEAR = [
    ({"name": "Асқар Маратұлы", "birth_year": 1991}, {"name": "Ибраев Асқар", "age": 31, "event_date": "2022-01-05"},
     True),
    ({"name": "Асқар Маратұлы", "birth_year": 1990, "event_date": "2022-01-05"},  # the year, with the day
     {"name": "Ибраев Асқар", "age": 31, "event_date": "2022-01-05"}, True),
    ({"name": "Асқар Маратұлы", "birth_year": 1986}, {"name": "Ибраев Асқар", "age": 31, "event_date": "2022-01-05"},
     False),
    ({"name": "Асқар Маратұлы", "birth_year": 1991}, {"name": "Ибраев Ерлан", "age": 31, "event_date": "2022-01-05"},
     False),
]


@pytest.mark.parametrize(("a", "b", "blocked"), GIVEN_AND_AGE_YEAR)
def test_the_given_name_meets_the_other_year_an_age_allows(a: dict[str, object], b: dict[str, object],
                                                           blocked: bool) -> None:
    assert _rows_blocked_together(a, b) is blocked


# The father's name on both sides and a typo in the given name meet whatever the dates and places
# (the block on the father's name and the given name's first consonants).
FATHER_TYPOS = [
    ("Кемеел Серікболұлы", "Алижаров Кемел Серикболович", True),
    ("Ибраев Даурен Нурланович", "Дәурн Нұрланұлы", True),
    ("Кемел Серікболұлы", "Алижаров Кайрат Серикболович", False),
    ("Ибраев Даурен Нурланович", "Дәурен Серікұлы", False),
]


# A row named by the given name and the father's name, against a row with a surname, the other
# fields as lists write them: a day apart, the town with its region or the region alone, an age
# against a birth year, the other name in a case form. They meet when the given name (its stem) and
# the region agree; another given name, or another region, keeps them apart.
FATHERS_ELSEWHERE = [
    ({"name": "Гүлнар Серікқызы", "birth_year": 1979, "event_date": "2022-01-06", "place": "Павлодар"},
     {"name": "Гульнары Тулегеновой", "age": 43, "event_date": "2022-01-05", "place": "Павлодарская обл., г. Павлодар"},
     True),
    ({"name": "Бауыржан Асқарұлы", "birth_year": 1990, "event_date": "2022-01-07", "place": None},
     {"name": "Оспанов Бауыржан", "age": 31, "event_date": "2022-01-07", "place": None}, True),
    ({"name": "Нурсултан Маратулы", "event_date": "2022-01-04", "place": "Алматы облысы"},
     {"name": "Nursultan Ospanov", "event_date": "2022-01-06", "place": "Talgar, Almaty Region"}, True),
    ({"name": "Гүлнар Серікқызы", "birth_year": 1979, "event_date": "2022-01-06", "place": "Павлодар"},
     # another region, and an age that allows neither 1979 (the given name and that year would meet)
     {"name": "Тулегенова Гульнар", "age": 40, "event_date": "2022-01-06", "place": "Актобе"}, False),
    ({"name": "Гүлнар Серікқызы", "birth_year": 1979, "event_date": "2022-01-06", "place": "Павлодар"},
     {"name": "Тулегенова Айгуль", "age": 43, "event_date": "2022-01-06", "place": "Павлодар"}, False),
]


# The father's name and the birth year: a typo at the head of the given name, where the block on the
# given name's first consonants needs it spelt alike; another father or another year keeps them apart.
FATHER_AND_YEAR = [
    ({"name": "Канила Бағдатқызы", "age": 30, "event_date": "2022-01-05", "place": "Шымкент"},
     {"name": "МУСАБАЕВА КАМИЛА БАГДАТОВНА", "birth_year": 1991, "place": "Г. ШЫМКЕНТ"}, True),
    ({"name": "Канила Бағдатқызы", "age": 30, "event_date": "2022-01-05", "place": "Шымкент"},
     {"name": "МУСАБАЕВА КАМИЛА БАГДАТОВНА", "birth_year": 1979, "place": "Г. ШЫМКЕНТ"}, False),
    ({"name": "Канила Бағдатқызы", "age": 30, "event_date": "2022-01-05", "place": "Шымкент"},
     {"name": "МУСАБАЕВА КАМИЛА ЕРЛАНОВНА", "birth_year": 1991, "place": "Г. ШЫМКЕНТ"}, False),
]


@pytest.mark.parametrize(("a", "b", "blocked"), FATHER_AND_YEAR)
def test_the_fathers_name_and_the_birth_year_meet_despite_a_typo_in_the_given_name(
        a: dict[str, object], b: dict[str, object], blocked: bool) -> None:
    assert _rows_blocked_together(a, b) is blocked


@pytest.mark.parametrize(("a", "b", "blocked"), FATHERS_ELSEWHERE)
def test_the_fathers_name_meets_a_surname_within_the_region(a: dict[str, object], b: dict[str, object],
                                                            blocked: bool) -> None:
    assert _rows_blocked_together(a, b) is blocked


@pytest.mark.parametrize(("a", "b", "blocked"), FATHER_TYPOS)
def test_the_fathers_name_blocks_a_given_name_with_a_typo(a: str, b: str, blocked: bool) -> None:
    assert ("patronymic_root", "given_head") in VICTIMS_MODEL.blocking
    df = prepare_victims(pd.DataFrame({"unique_id": [1, 2], "name": [a, b], "event_date": ["2022-01-05", "2022-01-09"],
                                       "place": ["Тараз", None]}))
    same = all(df.at[0, c] == df.at[1, c] for c in ("patronymic_root", "given_head"))
    assert same is blocked


@pytest.mark.parametrize(("a", "b", "blocked"), TYPOS)
def test_small_typos_still_meet_in_a_block(a: str, b: str, blocked: bool) -> None:
    assert _blocked_together(a, b) is blocked


def test_one_list_never_names_one_person_twice_with_different_birth_years_or_fathers() -> None:
    pairs = pd.DataFrame({
        "id_l": ["a1", "a1", "a2"], "id_r": ["b1", "a2", "b1"],
        "source_l": ["ngo", "ngo", "ngo"], "source_r": ["media", "ngo", "media"],
        "full_key_l": ["arman turarov"] * 3, "full_key_r": ["arman turarov"] * 3,
        "birth_year_est_l": [1990, 1990, 1975], "birth_year_est_r": [None, 1975, None],
        "patronymic_root_l": [None] * 3, "patronymic_root_r": [None] * 3,
        "match_probability": [0.99, 0.95, 0.97],
    })
    clusters = cluster_at(pairs, 0.9)
    assert clusters["a1"] == clusters["b1"] != clusters["a2"]  # the strongest pair wins, the namesake stays apart
    same_year = pairs.assign(birth_year_est_r=[None, 1990, None], birth_year_est_l=[1990, 1990, 1990])
    assert len(set(cluster_at(same_year, 0.9).values())) == 1  # a repeated row of one list may join
    fathers = same_year.assign(patronymic_root_l=["marat", "marat", "serik"], patronymic_root_r=[None, "serik", None])
    clusters = cluster_at(fathers, 0.9)
    assert clusters["a1"] != clusters["a2"]


# (name, sex as the list states it, sex the linker uses, sex stated): a sex read from a name is
# kept apart from one stated, since a case form can mislead («Ерлана» is Ерлан's genitive, or a woman)
SEXES = [
    ("Нургалиева Айгерим", "ж", "f", "f"),
    ("Нургалиева Айгерим", None, "f", None),
    ("Ерлана Узакалиева", "male", "m", "m"),
    ("Ерлан Узакалиев", None, "m", None),
    ("Yerlan Nurgaliyev", "female", "f", "f"),  # the list's word is taken over the name's ending
]


@pytest.mark.parametrize(("name", "stated", "sex", "kept"), SEXES)
def test_sex_stated_and_sex_read_from_a_name(name: str, stated: str | None, sex: str, kept: str | None) -> None:
    df = prepare_victims(pd.DataFrame({"unique_id": [1], "name": [name], "sex": [stated]}))
    assert (df.at[0, "sex"], df.at[0, "sex_stated"]) == (sex, kept)


# (source of each row) -> whether the pair is scored as two rows of one list (which weighs against)
LISTS = [
    (("ngo", "media"), False),
    (("ngo", "ngo"), True),
    (("documents", "documents"), False),  # documents may name a person many times
    (("", ""), False),
]


@pytest.mark.parametrize(("sources", "one_list"), LISTS)
def test_two_rows_of_one_list(sources: tuple[str, str], one_list: bool) -> None:
    import duckdb

    from aqiqat.linkage.model import OTHER_LIST

    con = duckdb.connect()
    other = con.execute(f"SELECT {OTHER_LIST} FROM (SELECT ? AS source_l, ? AS source_r)", list(sources)).fetchone()
    assert other is not None and bool(other[0]) is not one_list


# A given name in a case ending with a consonant («Ериком») keeps the nominative's name block.
CASE_FORM_BLOCKS = [
    ("Касымов Ерик", "Ериком Касымовым", True),
    ("Когай Олег", "Олегом Когай", True),
    ("Рустем Ахметов", "Рустемом Ахметовым", True),
    ("Касымов Ерик", "Касымов Ерлан", False),
    ("Когай Олег", "Когай Олжас", False),
]


@pytest.mark.parametrize(("a", "b", "same"), CASE_FORM_BLOCKS)
def test_a_case_form_keeps_the_name_block(a: str, b: str, same: bool) -> None:
    df = prepare_victims(pd.DataFrame({"unique_id": [1, 2], "name": [a, b]}))
    assert (df.at[0, "name_block"] == df.at[1, "name_block"]) is same


def _sql_pair(condition: str, columns: list[str], a: dict[str, object], b: dict[str, object]) -> bool:
    """Evaluate a comparison level's SQL on two prepared rows (``_l``, ``_r``) in DuckDB."""
    import duckdb

    df = prepare_victims(pd.DataFrame([{"unique_id": 1, **a}, {"unique_id": 2, **b}]))
    values = [v if pd.notna(v) else None for side in (0, 1) for v in (df.at[side, c] for c in columns)]
    values = [int(v) if hasattr(v, "__int__") and not isinstance(v, str) else v for v in values]
    names = [f"? AS {c}_{side}" for side in ("l", "r") for c in columns]
    con = duckdb.connect()
    got = con.execute(f"SELECT {condition} FROM (SELECT {', '.join(names)})", values).fetchone()
    return got is not None and bool(got[0])


# A sex read from a given name in another case than the other's is hardly evidence («Ерлана»:
# Ерлан's genitive or a woman); two sexes stated, or two different given names, still are.
SEX_CASE_FORMS = [
    (("Ерлана Узакалиева", None), ("Узакалиев Ерлан", "male"), True),
    (("Ерика Досмухамбетова", None), ("Yerik Dosmukhambetov", None), True),
    (("Ерлана Узакалиева", "female"), ("Узакалиев Ерлан", "male"), False),
    (("Айгерим Нургалиева", None), ("Ерлан Нургалиев", None), False),
]


@pytest.mark.parametrize(("a", "b", "case_form"), SEX_CASE_FORMS)
def test_a_sex_read_from_a_case_form(a: tuple[str, str | None], b: tuple[str, str | None], case_form: bool) -> None:
    from aqiqat.linkage.model import SEX_FROM_A_CASE_FORM

    rows = [{"name": n, "sex": s} for n, s in (a, b)]
    assert _sql_pair(SEX_FROM_A_CASE_FORM, ["sex_stated", "given_key", "given_stem"], *rows) is case_form


# (age, birth year) of each row, the event on 6 January 2022: a stated age of 25 allows 1996 (the
# birthday not yet come) and 1997 (2022 less the age); another year, or two stated years one apart,
# are not what the age says.
AGE_YEARS = [
    ((25, None), (None, 1997), True),
    ((None, 1997), (25, None), True),
    ((25, None), (None, 1998), False),
    ((25, None), (None, 1995), False),
    ((None, 1996), (None, 1997), False),
    ((25, None), (26, None), False),
]


@pytest.mark.parametrize(("a", "b", "allowed"), AGE_YEARS)
def test_the_other_year_a_stated_age_allows(a: tuple[int | None, int | None], b: tuple[int | None, int | None],
                                            allowed: bool) -> None:
    from aqiqat.linkage.model import YEAR_AN_AGE_ALLOWS

    rows = [{"name": "Ерлан Токаев", "age": age, "birth_year": year, "event_date": "2022-01-06"}
            for age, year in (a, b)]
    assert _sql_pair(YEAR_AN_AGE_ALLOWS, ["birth_year_est", "birth_year_alt"], *rows) is allowed


# A Latin j: й before a vowel in ISO 9 and German spellings, ж in the Kazakh Latin alphabets. The
# reading the other rows confirm wins. (Latin row, the Cyrillic rows beside it, same keys?)
LATIN_J = [
    ("Marija Guljaeva", ["Гуляева Мария"], True),
    ("Tatjana Sergejeva", ["Сергеева Татьяна"], True),
    ("Gani Sejitsejitov", ["Сейітсейітов Ғани"], True),
    ("Ajan Omarov", ["Аян Омаров"], True),
    ("Julija Ždanova", ["Жданова Юлия"], True),
    ("Erjan Aqbaqov", ["Ержан Ақбақов"], True),  # ж, as the Kazakh Latin alphabets write it
    ("Bauyrjan Temirov", ["Бауыржан Темиров"], True),
    ("Jandos Nurlanov", ["Жандос Нурланов"], True),
    ("Ajan Omarov", ["Ажан Омаров"], True),  # the lists have Ажан, not Аян
    ("Erjan Aqbaqov", ["Ерян Ақбақов"], True),  # the lists have Ерян: й, however rare the name
    ("Ajan Omarov", ["Аян Омаров", "Ажан Омаров"], False),  # both: the ж reading stays
]


@pytest.mark.parametrize(("latin", "cyrillic", "same"), LATIN_J)
def test_a_latin_j_is_read_as_the_other_rows_read_it(latin: str, cyrillic: list[str], same: bool) -> None:
    names = [latin, *cyrillic]
    df = prepare_victims(pd.DataFrame({"unique_id": range(len(names)), "name": names}))
    assert (df.at[0, "full_key"] == df.at[1, "full_key"]) is same, df[["name", "full_key"]].values.tolist()


def test_a_latin_j_no_row_confirms_keeps_the_kazakh_reading() -> None:
    names = ["Marija Guljaeva", "Erjan Aqbaqov", "Серик Омаров"]
    df = prepare_victims(pd.DataFrame({"unique_id": range(len(names)), "name": names}))
    assert df["given_key"].tolist() == ["marija", "erjan", "serik"]


# A slip at the seam of a father's name and «ұлы»/«қызы»: read as the patronymic when the lists
# know the father's name. (the row with a slip, the rows beside it, its father's key or None)
PARTICLE_SLIPS = [
    ("Ерлан Оралхаұнлы", ["Жумаоразов Ерлан Оралханович"], "oralhan"),  # two letters swapped at the seam
    ("Нұрлан Думанұоы", ["Сагынкенов Нурлан Думанович"], "duman"),  # a letter of the particle changed
    ("Серрік Дамиұрлы", ["Дамир Ахметов"], "damir"),  # the father's name known as a given name
    ("Әсел Асанқыыз", ["Асанов Бекжан Асанович"], "asan"),  # a daughter's particle, two letters swapped
    ("Гүлжан Бекзақтызы", ["Бекзат Нұрланұлы"], "bekzat"),
    ("Ерлан Оралхаұнлы", ["Серік Ахметов"], None),  # a father's name no row knows: left as written
    ("Айгерім Бекқазы", ["Бекқазы Нұрлан", "Бекқазы Айдос", "Бек Омаров"], None),  # other rows have it as written
    ("Айсұлу Серікова", ["Серік Ахметов"], None),  # a woman's name in -сұлу, not «Айсұлы»
    ("Мамедли Эльдар", ["Мамед Алиев"], None),  # no Kazakh letter of the particle: a surname in -ли
]


@pytest.mark.parametrize(("slipped", "others", "father"), PARTICLE_SLIPS)
def test_a_slip_in_the_particle_is_read_when_the_lists_know_the_father(slipped: str, others: list[str],
                                                                        father: str | None) -> None:
    names = [slipped, *others]
    df = prepare_victims(pd.DataFrame({"unique_id": range(len(names)), "name": names}))
    assert (df.at[0, "patronymic_key"] or None) == father, df[["name", "patronymic_key"]].values.tolist()
    if father:
        assert df.at[0, "surname_key"] is None  # the family name stands in the father's name


# A surname whose suffix has a letter replaced, read as a surname when the lists confirm both words:
# the repaired word a surname of other rows, the other word a given name of theirs. (the row, the
# rows beside it, its surname and given keys)
SUFFIX_SLIPS = [
    ("Ардака Есенбакота", ["Есенбаков Ардак"], ("esenbakov", "ardaka")),  # в written т, genitive
    ("Бекарыса Саталиела", ["Саталиев Бекарыс"], ("satalev", "bekarisa")),
    ("Естаера Айгүл", ["Естаева Гүлнар", "Айгүл Омарова"], ("estaev", "aigul")),
    ("Ардака Есенбакота", ["Серік Ахметов"], ("ardaka", "esenbakota")),  # no row confirms: as read
    ("Ким Зарема", ["Ким Олег", "Зарев Ерлан", "Зарема Омарова"], ("kim", "zarema")),  # Ким is a surname there
    # the other word is no given name of another row: as read
    ("Сапарбек Нурлан", ["Сапарбев Ерлан"], ("saparbek", "nurlan")),
]


@pytest.mark.parametrize(("slipped", "others", "keys"), SUFFIX_SLIPS)
def test_a_replaced_letter_in_the_surname_suffix_is_read_when_the_lists_confirm(
        slipped: str, others: list[str], keys: tuple[str, str]) -> None:
    names = [slipped, *others]
    df = prepare_victims(pd.DataFrame({"unique_id": range(len(names)), "name": names}))
    assert (df.at[0, "surname_key"], df.at[0, "given_key"]) == keys, df[["name", "surname_key"]].values.tolist()
