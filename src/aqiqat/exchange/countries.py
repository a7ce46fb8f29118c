"""Countries as ACLED names them: ISO 3166 alpha-2 -> (numeric code, alpha-3, name, ACLED region)."""

from __future__ import annotations

COUNTRIES: dict[str, tuple[int, str, str, str]] = {
    "KZ": (398, "KAZ", "Kazakhstan", "Caucasus and Central Asia"),
    "KG": (417, "KGZ", "Kyrgyzstan", "Caucasus and Central Asia"),
    "UZ": (860, "UZB", "Uzbekistan", "Caucasus and Central Asia"),
    "TJ": (762, "TJK", "Tajikistan", "Caucasus and Central Asia"),
    "TM": (795, "TKM", "Turkmenistan", "Caucasus and Central Asia"),
    "AZ": (31, "AZE", "Azerbaijan", "Caucasus and Central Asia"),
    "AM": (51, "ARM", "Armenia", "Caucasus and Central Asia"),
    "GE": (268, "GEO", "Georgia", "Caucasus and Central Asia"),
    "RU": (643, "RUS", "Russia", "Europe"),
    "BY": (112, "BLR", "Belarus", "Europe"),
    "UA": (804, "UKR", "Ukraine", "Europe"),
    "MN": (496, "MNG", "Mongolia", "East Asia"),
    "CN": (156, "CHN", "China", "East Asia"),
    "AF": (4, "AFG", "Afghanistan", "South Asia"),
}
BY_NAME = {name.lower(): code for code, (_, _, name, _) in COUNTRIES.items()}
BY_NUMERIC = {num: code for code, (num, _, _, _) in COUNTRIES.items()}


def country_of(alpha2: str | None) -> tuple[int | str, str, str, str]:
    """(iso numeric, alpha-3, name, region) for a code; unknown codes keep what is known."""
    if alpha2 and alpha2.upper() in COUNTRIES:
        return COUNTRIES[alpha2.upper()]
    return ("", (alpha2 or "").upper(), "", "")


def code_for(name: str, iso: str = "") -> str | None:
    """The alpha-2 code of a country named in a file (by ACLED name or numeric ISO code)."""
    if name.strip().lower() in BY_NAME:
        return BY_NAME[name.strip().lower()]
    if iso.strip().isdigit():
        return BY_NUMERIC.get(int(iso))
    return None
