"""Name keys: one rule per row, with real name forms."""

from __future__ import annotations

import pytest

from aqiqat.domain.enums import Sex
from aqiqat.linkage.names import name_key
from aqiqat.linkage.translit import skeleton

SAME_SURNAME = [
    # Kazakh letters, Russian spelling, transliterations, case forms, sex
    ("Нургалиев", "Нұрғалиев"),
    ("Нургалиев", "Nurgaliyev"),
    ("Нургалиев", "Nurgaliev"),
    ("Нургалиев", "Nurğaliev"),
    ("Нургалиев", "Нургалиева"),  # genitive of the man, or the woman: same key
    ("Нургалиев", "Нургалиевым"),
    ("Нургалиев", "Нургалиеву"),
    ("Тлеубаева", "Тлеубаевой"),
    ("Тлеубаева", "Tleubayeva"),
    ("Ахметов", "Akhmetov"),
    ("Ахметов", "Ahmetov"),
    ("Жумабаев", "Zhumabayev"),
    ("Жумабаев", "Jumabaev"),
    ("Жумабаев", "Dzhumabaev"),
    ("Қасымов", "Qasymov"),
    ("Қасымов", "Kassymov"),  # doubled letter
    ("Шыңғысов", "Şyñğysov"),  # Kazakh Latin, Turkish-style letters
    ("Шыңғысов", "Shyńǵysov"),  # Kazakh Latin 2018, acute letters
    ("Цой", "Tsoy"),
    ("Цой", "Tcoi"),  # GOST R 52535: ц = tc
    ("Щукин", "Shchukin"),
    ("Хасенов", "Khassenov"),
    ("Өмірбеков", "Omirbekov"),
    ("Үсенов", "Üsenov"),
    ("Әлиев", "Aliyev"),
    ("Достоевский", "Dostoyevskiy"),
    ("Достоевская", "Dostoevskaya"),
]


@pytest.mark.parametrize(("a", "b"), SAME_SURNAME)
def test_surname_forms_share_a_key(a: str, b: str) -> None:
    assert name_key(a).surname_key == name_key(b).surname_key != ""


SAME_GIVEN = [
    ("Ерлан", "Yerlan"), ("Ерлан", "Erlan"), ("Айгерим", "Aigerim"), ("Айгерим", "Aygerim"),
    ("Сергей", "Sergey"), ("Сергей", "Sergei"), ("Сергей", "Sergej"), ("Юрий", "Yuriy"), ("Юрий", "Iurii"),
    ("Мария", "Mariya"), ("Жанибек", "Zhanibek"), ("Жанибек", "Janibek"), ("Нурлан", "Nourlan"),
    ("Гүлнар", "Gulnar"), ("Шынар", "Şınar"), ("Хабибулла", "Khabibulla"),
]


@pytest.mark.parametrize(("a", "b"), SAME_GIVEN)
def test_given_name_spellings_share_a_skeleton(a: str, b: str) -> None:
    assert skeleton(a) == skeleton(b)


def test_different_names_keep_different_keys() -> None:
    assert name_key("Ахметов").surname_key != name_key("Ахмедов").surname_key
    assert name_key("Касенов").surname_key != name_key("Каменов").surname_key
    assert skeleton("Цой") != skeleton("Чой")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Нургалиев Ерлан Касымович", "Ерлан Нургалиев"),
        ("Нургалиев Ерлан Касымович", "Yerlan Nurgaliyev"),
        ("Ерлан Касымович Нургалиев", "Nurgaliev Erlan"),
        ("Тлеубаева Айгерим", "Aigerim Tleubayeva"),
        ("Айгерим Тлеубаевой", "Tleubayeva Aigerim"),
        ("Ерланом Нургалиевым", "Нургалиев Ерлан"),
        ("Касым-Жомарт Токаев", "Kassym-Jomart Tokayev"),
    ],
)
def test_order_patronymic_and_case_do_not_change_the_keys(a: str, b: str) -> None:
    ka, kb = name_key(a), name_key(b)
    assert (ka.surname_key, ka.given_key, ka.full_key) == (kb.surname_key, kb.given_key, kb.full_key)


@pytest.mark.parametrize(
    ("name", "patronymic_key", "sex"),
    [
        ("Нургалиев Ерлан Касымович", "kasim", Sex.MALE),
        ("Нургалиев Ерлан Касымулы", "kasim", Sex.MALE),
        ("Ерлан Касым улы Нургалиев", "kasim", Sex.MALE),
        ("Ерлан Қасымұлы Нұрғалиев", "kasim", Sex.MALE),
        ("Nurgaliyev Yerlan Kasymovich", "kasim", Sex.MALE),
        ("Айгерим Тлеубаева Касымкызы", "kasim", Sex.FEMALE),
        ("Тлеубаева Айгерим Қасым қызы", "kasim", Sex.FEMALE),
        ("Aigerim Qasymqyzy Tleubaeva", "kasim", Sex.FEMALE),
        ("Нургалиевой Айгерим Касымовны", "kasim", Sex.FEMALE),
        ("Tleubaeva Aigerim Kasymovna", "kasim", Sex.FEMALE),
    ],
)
def test_patronymics_are_detected_and_moved(name: str, patronymic_key: str, sex: Sex) -> None:
    key = name_key(name)
    assert key.patronymic_key == patronymic_key
    assert key.sex_hint is sex
    assert "kasim" not in key.full_key.split()


def test_surname_lemma_keeps_the_sex_of_the_person() -> None:
    assert name_key("Нургалиева Айгерим").surname == "Нургалиева"  # a woman, nominative
    assert name_key("Ерланом Нургалиевым").surname == "Нургалиев"
    assert name_key("Нургалиева Ерлана Касымовича").surname == "Нургалиев"  # genitive of a man
    assert name_key("Айгерим Тлеубаевой").surname == "Тлеубаева"
    assert name_key("Ерланом Нургалиевым").given_name == "Ерлан"


def test_swapped_order_finds_the_surname_by_suffix() -> None:
    assert name_key("Ерлан Нургалиев").surname_key == "nurgalev"
    assert name_key("Нургалиев Ерлан").surname_key == "nurgalev"
    assert name_key("Aigerim Tleubayeva").given_key == "aigerim"
    assert name_key("Шушкевич Станислав").surname_key == "shushkevich"  # -ич first: a surname


def test_sex_hints() -> None:
    assert name_key("Nurgaliyev Yerlan").sex_hint is Sex.MALE
    assert name_key("Tleubayeva Aigerim").sex_hint is Sex.FEMALE
    assert name_key("Нургалиева").sex_hint is Sex.UNKNOWN  # genitive of a man or a woman
    assert name_key("").full_key == ""


# A Russian patronymic (-ович, -овна, in any case) follows the given name whatever the order of the
# name: the word just before it is the given name, even where the other word does not look like a
# surname (a typo) and the given name does (Галина, Марина, Карина read as feminine surnames in -ина).
# (name, surname key, given key)
# names ending in сұлу ("beautiful") are women's given names, not patronymics in -улу; a patronymic
# in -ұлы, -улы or -uly beside them is still one
SULU_NAMES = [
    ("Айсулу Куттемировой", "kutemirov", "aisulu", ""),
    ("Куттемирова Айсулу", "kutemirov", "aisulu", ""),
    ("Күнсұлу Сейтова", "seitov", "kunsulu", ""),
    ("Kunsulu Seitova", "seitov", "kunsulu", ""),
    ("Nursulý Seitova", "seitov", "nursulu", ""),  # Latin letters with accents
    ("Aisūlu Seitova", "seitov", "aisulu", ""),
    ("Aisulu Nurlanqyzy", "", "aisulu", "nurlan"),
    ("Дарханқызы Күнсұлу", "", "kunsulu", "darhan"),
    ("Нурлан Серикулу", "", "nurlan", "serik"),  # a son's patronymic in -улу stays one
    ("Нурлан Серікұлы", "", "nurlan", "serik"),
]


@pytest.mark.parametrize(("name", "surname_key", "given_key", "patronymic_key"), SULU_NAMES)
def test_names_in_sulu_are_given_names(name: str, surname_key: str, given_key: str, patronymic_key: str) -> None:
    key = name_key(name)
    assert (key.surname_key, key.given_key, key.patronymic_key) == (surname_key, given_key, patronymic_key)


def test_the_kyrgyz_uulu_after_a_name_in_s_is_still_a_patronymic() -> None:
    key = name_key("Нурлан Айдосуулу")  # уулу keeps both its letters: not сұлу
    assert key.given_key == "nurlan"
    assert key.patronymic_key.startswith("aidos")


# a slip in a surname's ending (a letter doubled, two swapped, one dropped) hid its suffix and case:
# the surname is read as the clean form is
SLIPPED_ENDINGS = [
    ("Талгату Калитаевву", "Калитаев Талгат"),
    ("Мейрамом Нурпейисоывм", "Нурпейисов Мейрам"),
    ("Данияром Байболбековмы", "Байболбеков Данияр"),
    ("Мадина Бердикуловва", "Бердикулова Мадина"),
    ("АХМЕТВ АЛИБЕК БАГДАТОВИЧ", "Ахметов Алибек Багдатович"),
    ("Айбекв Ильяс", "Айбеков Ильяс"),
    ("Данияр Тоқаве", "Токаев Данияр"),
]


@pytest.mark.parametrize(("slipped", "clean"), SLIPPED_ENDINGS)
def test_a_slip_in_a_surname_ending_keeps_the_surname(slipped: str, clean: str) -> None:
    a, b = name_key(slipped), name_key(clean)
    assert (a.surname_key, a.given_key) == (b.surname_key, b.given_key)


# ... and no given name or surname without that suffix is made into one
NOT_SLIPPED = [
    ("Адосқызы Назерке", "nazerke"),  # a given name in -е would end in -ев with a letter added
    ("Сапарбек Жумабай", "saparbek"),  # in -ек, one letter replaced away from -ев
    ("Айбота Ким", "aibota"),
    ("Ерлан Каримов", "erlan"),  # a surname in -ов as written: nothing to repair
    ("Шушкевич Станислав", "stanislav"),  # a word the dictionary knows is no slip
]


@pytest.mark.parametrize(("name", "given_key"), NOT_SLIPPED)
def test_words_that_are_not_slipped_surnames_stay_as_they_are(name: str, given_key: str) -> None:
    key = name_key(name)
    assert key.given_key == given_key
    assert key.surname_key in {"", "jumabai", "kim", "karimov", "shushkevich"}


GIVEN_BEFORE_PATRONYMIC = [
    # a slip in the surname left no suffix; read as -ова with a letter dropped (``SLIPPED_ENDINGS``)
    ("ЛАЗАОЛВА ГАЛИНА ДЕНИСОВНА", "lazaolov", "galina"),
    ("Лазарева Галина Денисовна", "lazarev", "galina"),
    ("Галина Денисовна Лазарева", "lazarev", "galina"),
    ("Кравчкоа Марина Олеговна", "kravchkov", "marina"),
    ("Марина Олеговна Кравчкоа", "kravchkov", "marina"),
    ("Лазарева Галина Деинсовна", "lazarev", "galina"),  # a typo in the patronymic too
    ("ЛАЗАОЛВА ГАЛИНА ДЕНИСОВАН", "lazaolov", "galina"),
    ("Айгерим Тлеубаева Касымкызы", "tleubaev", "aigerim"),  # a Kazakh patronymic: the suffix decides
    ("Ильин Сергей Петрович", "ilin", "sergei"),
    ("Сергей Петрович Ильин", "ilin", "sergei"),
    # no patronymic: the surname is still found by its suffix
    ("Галина Лазарева", "lazarev", "galina"),
    ("Лазарева Галина", "lazarev", "galina"),
]


@pytest.mark.parametrize(("name", "surname_key", "given_key"), GIVEN_BEFORE_PATRONYMIC)
def test_the_word_before_a_patronymic_is_the_given_name(name: str, surname_key: str, given_key: str) -> None:
    key = name_key(name)
    assert (key.surname_key, key.given_key) == (surname_key, given_key)


# (name, surname typo key, given typo key): doubled a, e, o, u kept; the key where a variant table or
# anything but doubled letters makes them differ
TYPO_KEYS = [
    ("Сааргалиева Гулмира", "saargalev", "gulmira"),
    ("Еенбаков Ербакыт", "eenbakov", "erbakit"),
    ("Аамат Алиалиев", "alialev", "aamat"),
    ("Сапаргалиева Гулмира", "sapargalev", "gulmira"),
    ("Kassym Nurgaliyev", "nurgalev", "kasim"),  # doubled consonants merge, as in the key
    ("Viktor Choi", "coi", "viktor"),  # the Korean variant table's key
    ("Саадат Ахметова", "ahmetov", "saadat"),
]


@pytest.mark.parametrize(("name", "surname_typo", "given_typo"), TYPO_KEYS)
def test_typo_keys_keep_doubled_vowels(name: str, surname_typo: str, given_typo: str) -> None:
    from aqiqat.linkage.names import typo_key
    from aqiqat.linkage.translit import merge_doubles

    k = name_key(name)
    got = (typo_key(k.surname, k.surname_key, surname=True), typo_key(k.given_name, k.given_key))
    assert got == (surname_typo, given_typo)
    assert merge_doubles(got[0]) == k.surname_key and merge_doubles(got[1]) == k.given_key


# (name, surname key, given key, father's key): the particle as a word, with a slip, is still the
# particle; short surnames after a given name are not
PARTICLE_SLIPS = [
    ("Ақаева Дариға Жанұзақ қкзы", "akaev", "dariga", "januzak"),
    ("Ақаева Дариға Жанұзақ қызы", "akaev", "dariga", "januzak"),
    ("Бауыржанқызы Сәния Бауыржан қзыы", "", "sania", "bauirjan"),
    ("Жақсыкенова Ақбота Ернар қыыз", "jaksikenov", "akbota", "ernar"),
    ("Ахметов Ерлан Серік ұы", "ahmetov", "erlan", "serik"),
    ("Нурлан Ли", "li", "nurlan", ""),
    ("Ерлан Ан", "an", "erlan", ""),
    ("Серік Ким", "kim", "serik", ""),
    # a given name with a typo one edit from the particle, after a surname (a father's name has no
    # surname suffix), is the given name
    ("Есенов Улн", "esenov", "uln", ""),
    ("Есенова Кызв", "esenov", "kizv", ""),
    # a given name in -ий with a typo (Евгенуй, Андруй) or a Kazakh name in -уи (Мукагауи) ends like
    # the particle with its л dropped (ұы) only once й and и are read as ы; written, the slip is ы (or
    # y in Latin), and the slip itself still reads as the particle
    ("Зуев Евгенуй Дмитриевич", "zuev", "evgenui", "dmitr"),
    ("ЗУЕВ ЕВГЕНУЙ ДМИТРИЕВИЧ", "zuev", "evgenui", "dmitr"),
    ("Хван Андруй Романович", "hvan", "andrui", "roman"),
    ("Илебаев Мукагауи", "ilebaev", "mukagaui", ""),
    ("Ерлан Нұрланұы", "", "erlan", "nurlan"),
    ("Erlan Nurlanuy", "", "erlan", "nurlan"),
]


@pytest.mark.parametrize(("name", "surname_key", "given_key", "father"), PARTICLE_SLIPS)
def test_a_slipped_particle_is_still_the_particle(name: str, surname_key: str, given_key: str, father: str) -> None:
    k = name_key(name)
    assert (k.surname_key, k.given_key, k.patronymic_key) == (surname_key, given_key, father)


# (name, given key, sex read): a woman's name the dictionary reads as a man's genitive (a word it
# does not know in -а/-я) or as a man's name alike in every case (a Kazakh name) is no man's; the
# names it knows keep their reading both ways
SEX_READINGS = [
    ("Жадыра Сулейменова", "jadira", Sex.UNKNOWN),  # not «Жадыр Сулейменов» in the genitive
    ("Хадиша Бакбергенова", "hadisha", Sex.UNKNOWN),
    ("Назерке Алтынжарова", "nazerke", Sex.UNKNOWN),  # the dictionary has Назерке as a man's name
    ("Оразсейитова Зауре", "zaure", Sex.UNKNOWN),
    ("Зауре Алиболатову", "zaure", Sex.UNKNOWN),
    ("Серика Ахметова", "serik", Sex.MALE),  # a man's name the dictionary knows, in the genitive
    ("Нурсултана Ахметова", "nursultan", Sex.MALE),
    ("Нургалиева Айгерим", "aigerim", Sex.FEMALE),  # women's names alike in every case keep their sex
    ("Асель Нурланова", "asel", Sex.FEMALE),
    ("Али Нурсултанов", "ali", Sex.MALE),  # the surname tells
]


@pytest.mark.parametrize(("name", "given_key", "sex"), SEX_READINGS)
def test_a_womans_name_the_dictionary_reads_as_a_mans_is_no_mans(name: str, given_key: str, sex: Sex) -> None:
    k = name_key(name)
    assert (k.given_key, k.sex_hint) == (given_key, sex)
