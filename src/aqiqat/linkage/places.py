"""Places of victims lists through a small gazetteer of Kazakhstan: the town and its region.

``place_keys("Жамбылская обл., г. Тараз")`` and ``place_keys("Тараз")`` give the town key ``taraz``
and the region key ``jambil``; ``place_keys("ЖАМБЫЛСКАЯ ОБЛ.")`` gives no town and the same region,
so that a list naming only the region agrees with one naming a town in it. Towns known by several
names (Өскемен, Усть-Каменогорск; Орал, Уральск; Карағанды, Караганда) share one key. A town the
gazetteer does not know keeps its own skeleton and no region (``town:`` + key, which only it
matches). Data, not code: a town is its names (any script) and its region.
"""

from __future__ import annotations

import re
from functools import lru_cache

from aqiqat.linkage.translit import skeleton

# region id: the stems (skeletons, after dropping «облысы», «обл.», «region») that name it in Russian,
# Kazakh, Latin and English forms. The regions made in 2022 (Абай, Жетісу, Ұлытау) are folded into
# the regions they were cut from, so a list written before and one written after agree.
REGIONS: dict[str, tuple[str, ...]] = {
    "almati_obl": ("almati", "jetisu", "zhetisu"),
    "jambil": ("jambil", "djambul", "jambul"),
    "turkestan": ("turkestan", "turkistan", "iujnokazah", "ujnokazah", "southkazah", "southkazak", "uko"),
    "aktobe": ("aktiubinsk", "aktobe", "aktube"),
    "kizilorda": ("kizilord",),
    "mangistau": ("mangistau", "mangisau", "mangishl"),
    "zapadno": ("zapadnokazah", "batiskazak", "vestkazah", "vestkazak", "zko"),
    "vostochno": ("vostochnokazah", "shigiskazak", "eastkazah", "eastkazak", "vko", "abai", "semipalatinsk"),
    "severo": ("severokazah", "soltustikaz", "northkazah", "northkazak", "sko"),
    "karaganda": ("karagand", "karaganda"),
    "akmola": ("akmol",),
    "kostanai": ("kostanai", "kustanai"),
    "pavlodar": ("pavlodar",),
    "atirau": ("atirau", "gurev"),
}

# town: (names in any script or spelling whose skeletons differ), region id; the first name's
# skeleton is the key. Cities of republican significance are their own region.
TOWNS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("Алматы", "Алма-Ата", "Almaty", "Alma-Ata"), "almati"),
    (("Астана", "Нур-Султан", "Nur-Sultan", "Акмола", "Целиноград"), "astana"),
    (("Шымкент", "Чимкент", "Shymkent", "Chimkent"), "shimkent"),
    (("Талдыкорган", "Taldykorgan"), "almati_obl"),
    (("Конаев", "Капчагай", "Капшагай", "Qonaev", "Kapchagay"), "almati_obl"),
    (("Талгар",), "almati_obl"), (("Каскелен",), "almati_obl"), (("Есик", "Иссык", "Issyk"), "almati_obl"),
    (("Текели",), "almati_obl"), (("Уштобе", "Ushtobe"), "almati_obl"), (("Жаркент", "Zharkent"), "almati_obl"),
    (("Тараз", "Жамбыл", "Джамбул", "Аулие-Ата", "Taraz"), "jambil"), (("Шу", "Шуй"), "jambil"),
    (("Каратау",), "jambil"),
    (("Туркестан", "Türkistan", "Turkistan"), "turkestan"), (("Кентау",), "turkestan"),
    (("Сарыагаш",), "turkestan"), (("Жетысай", "Жетисай"), "turkestan"),
    (("Актобе", "Актюбинск", "Aktobe"), "aktobe"), (("Кызылорда", "Kyzylorda"), "kizilorda"),
    (("Актау", "Шевченко", "Aktau"), "mangistau"), (("Жанаозен", "Новый Узень", "Zhanaozen"), "mangistau"),
    (("Уральск", "Орал", "Oral", "Uralsk"), "zapadno"), (("Аксай",), "zapadno"),
    (("Усть-Каменогорск", "Оскемен", "Öskemen", "Oskemen", "Ust-Kamenogorsk"), "vostochno"),
    (("Риддер", "Лениногорск"), "vostochno"),
    (("Семей", "Семипалатинск", "Semey", "Semei"), "vostochno"),
    (("Караганда", "Карагандa", "Карағанды", "Qaragandy", "Karaganda"), "karaganda"),
    (("Темиртау",), "karaganda"), (("Балхаш", "Балқаш", "Balkhash"), "karaganda"),
    (("Жезказган", "Jezkazgan", "Zhezkazgan"), "karaganda"), (("Сатпаев",), "karaganda"),
    (("Петропавловск", "Петропавл", "Petropavl"), "severo"), (("Кокшетау", "Kokshetau"), "akmola"),
    (("Костанай", "Кустанай", "Kostanay"), "kostanai"), (("Павлодар",), "pavlodar"),
    (("Экибастуз", "Екібастұз", "Ekibastuz"), "pavlodar"), (("Атырау", "Гурьев", "Atyrau"), "atirau"),
)

_REGION_MARKERS = {"обл", "область", "области", "облысы", "облисы", "oblysy", "oblisi", "oblast", "region",
                   "reg", "вко", "зко", "юко", "ско", "vko", "zko"}
_TOWN_NOISE = {"г", "гор", "город", "с", "село", "пос", "п", "пгт", "аул", "мкр", "р", "район", "city", "town",
               "village", "district", "k", "kala", "kalasy", "kalasi", "qala", "qalasy", "auyl", "audan",
               "audany", "қ", "қала", "қаласы", "ауданы", "ауылы", "ауыл", "к", "кала", "каласы"}
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def _index() -> tuple[dict[str, tuple[str, str]], list[tuple[str, str]]]:
    towns: dict[str, tuple[str, str]] = {}
    for names, region in TOWNS:
        key = skeleton(names[0])
        for n in names:
            towns.setdefault(skeleton(n), (key, region))
    stems = sorted(((stem, r) for r, ss in REGIONS.items() for stem in ss), key=lambda s: -len(s[0]))
    return towns, stems


_TOWNS, _REGION_STEMS = _index()


def _region_of(words: list[str]) -> str | None:
    key = skeleton("".join(w for w in words if w.lower() not in _REGION_MARKERS))
    for stem, region in _REGION_STEMS:
        if key.startswith(stem):
            return region
    return None


@lru_cache(maxsize=100_000)
def place_keys(place: str) -> tuple[str | None, str | None]:
    """(town key, region key) of a place as written; (None, None) for an empty one."""
    town: str | None = None
    region: str | None = None
    for part in re.split(r"[,;/()]", place):
        words = _WORD.findall(part.lower().replace(".", " "))
        if not words:
            continue
        if any(w in _REGION_MARKERS for w in words) or (len(words) == 1 and words[0] in _REGION_MARKERS):
            region = region or _region_of(words)
            if region is None:  # a region the gazetteer does not know: its own key
                region = "region:" + skeleton("".join(w for w in words if w not in _REGION_MARKERS))
            continue
        kept = [w for w in words if w not in _TOWN_NOISE]
        if kept and town is None:
            town = skeleton("".join(kept)) or None
    if town is not None:
        known = _TOWNS.get(town)
        if known:
            town, town_region = known
            region = town_region if region is None or region.startswith("region:") else region
        elif region is None:
            region = "town:" + town
    return town, region
