"""Spellings of one name that no letter-by-letter rule folds together, as tables of skeletons.

``translit.skeleton`` folds transliteration schemes letter by letter. Some spellings differ by more:
Korean-Kazakh surnames romanised the South Korean way (Цой, Tsoy, Choi; Пак, Pak, Park; Югай, Yoo),
and Russian given names written in their English form (Александр, Alexander; Евгений, Eugene).
Each table maps the skeleton of a variant to the skeleton of the Cyrillic form; every key and value
is a skeleton (``skeleton("Choi") == "choi"``, ``skeleton("Цой") == "coi"``), which the tests check.
"""

from __future__ import annotations

import re

# Korean-Kazakh (Koryo-saram) surnames: Cyrillic form -> its passport, English and South Korean
# spellings. The -гай surnames (Огай, Хегай, Когай, Лигай, Югай) keep the clan name before -гай
# in English texts (Oh, Heo, Ko, Lee, Yoo).
KOREAN_SURNAMES: dict[str, tuple[str, ...]] = {
    "Цой": ("Choi", "Choy", "Chwe", "Tsoi"),
    "Пак": ("Park", "Bak", "Pakh"),
    "Ли": ("Lee", "Yi", "Rhee", "Ri"),
    "Ким": ("Gim",),
    "Хван": ("Hwang", "Khwan"),
    "Кан": ("Kang", "Gang"),
    "Шин": ("Sin", "Shinn"),
    "Тен": ("Jeong", "Jung", "Chung", "Tyan", "Tian", "Tyen"),
    "Тян": ("Jeong", "Jung", "Chung"),
    "Мун": ("Moon",),
    "Ан": ("Ahn",),
    "Хегай": ("Heo", "Hegai", "Hekai"),
    "Огай": ("Oh", "Ogai"),
    "Когай": ("Ko", "Koh", "Go"),
    "Лигай": ("Ligai",),
    "Югай": ("Yoo", "Yu", "Ryu"),
    "Хан": ("Han",),
    "Чон": ("Jeon", "Chon", "Chun"),
    "Нам": ("Nahm",),
    "Пян": ("Pyan", "Byun", "Byeon"),
    "Тё": ("Cho", "Jo", "Tyo"),
    "Ням": ("Nyam", "Yeom"),
}

# Russian given names and their English forms (translations, not transliterations).
ENGLISH_GIVEN: dict[str, tuple[str, ...]] = {
    "Александр": ("Alexander", "Alex", "Aleksander"),
    "Алексей": ("Alexei", "Alexey", "Alexis"),
    "Михаил": ("Michael", "Mikhael"),
    "Евгений": ("Eugene", "Evgeny", "Yevgeny"),
    "Николай": ("Nicholas", "Nikolay", "Nicolai"),
    "Павел": ("Paul", "Pavel"),
    "Пётр": ("Peter", "Piotr", "Pyotr"),
    "Георгий": ("George", "Georgy"),
    "Андрей": ("Andrew", "Andrei", "Andrey"),
    "Степан": ("Stephen", "Stepan", "Steven"),
    "Фёдор": ("Theodore", "Fyodor", "Fiodor"),
    "Иван": ("John", "Ivan"),
    "Яков": ("Jacob", "Yakov"),
    "Григорий": ("Gregory", "Grigory"),
    "Елена": ("Helen", "Helena", "Elena", "Yelena"),
    "Екатерина": ("Catherine", "Katherine", "Ekaterina", "Yekaterina"),
    "Юлия": ("Julia", "Yulia", "Iulia"),
    "Наталья": ("Natalie", "Natalia", "Natalya"),
    "Мария": ("Maria", "Mary"),
    "Анна": ("Anna", "Ann", "Anne"),
    "Татьяна": ("Tatiana", "Tatyana"),
    "Ксения": ("Xenia", "Ksenia"),
    "Софья": ("Sophia", "Sofia"),
    "Дмитрий": ("Dmitry", "Dimitri"),
    "Артём": ("Artyom", "Artem"),
}

# ё written yo / io between consonants (Артём, Artyom, Artiom; Фёдор, Fyodor): the Cyrillic
# skeleton reads ё as е.
_YO = re.compile(r"(?<=[bcdfghjklmnprstvz])io(?=[bcdfghjklmnprstvz])")


def _table(pairs: dict[str, tuple[str, ...]]) -> dict[str, str]:
    from aqiqat.linkage.translit import skeleton

    out: dict[str, str] = {}
    for cyrillic, variants in pairs.items():
        key = skeleton(cyrillic)
        for v in variants:
            out.setdefault(skeleton(v), key)
    return out


_KOREAN: dict[str, str] = {}
_GIVEN: dict[str, str] = {}


def surname_variant(key: str) -> str:
    """The Cyrillic skeleton of a Korean-Kazakh surname's other spellings (``choi`` → ``coi``), with
    ё written yo/io read as е (``seleznov`` → ``seleznev``); other keys unchanged."""
    if not _KOREAN:
        _KOREAN.update(_table(KOREAN_SURNAMES))
    return _KOREAN.get(key) or _YO.sub("e", key)


def is_korean_surname(key: str) -> bool:
    """Whether a skeleton is a Korean-Kazakh surname in any of its spellings (``coi``, ``choi``, ``ogai``)."""
    if not _KOREAN:
        _KOREAN.update(_table(KOREAN_SURNAMES))
    return key in _KOREAN or key in _KOREAN.values()


def given_variant(key: str) -> str:
    """The Cyrillic skeleton of an English given name (``aleksander`` → ``aleksandr``), with ё
    written yo/io read as е; other keys unchanged."""
    if not _GIVEN:
        _GIVEN.update(_table(ENGLISH_GIVEN))
    key = _GIVEN.get(key, key)
    return _GIVEN.get(_YO.sub("e", key), _YO.sub("e", key))
