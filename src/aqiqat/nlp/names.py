"""Nominative normal forms of person names, right for Central Asian names as well as Slavic ones.

Natasha's own normaliser masculinises Kazakh women (`Айгерим Тлеубаева` → `Тлеубаев`) and cannot split
plural family names. Here every token of a name gets hypotheses (normal form, sex, case) from surname
paradigms and from pymorphy3's name dictionary; the (sex, case) that explains all tokens best, with the
morphological tagger's features and the context as tie-breakers, decides the nominative of each token.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from aqiqat.domain.enums import Sex
from aqiqat.nlp.models import Morph

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
UD_CASES = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct"}
UD_SEX = {"Masc": Sex.MALE, "Fem": Sex.FEMALE}
M, F = Sex.MALE, Sex.FEMALE

# Surname paradigms: (sex, case) -> ending; "P" marks plural forms, which name both sexes.
_OV = {
    (M, "nomn"): "", (M, "gent"): "а", (M, "datv"): "у", (M, "accs"): "а", (M, "ablt"): "ым", (M, "loct"): "е",
    (F, "nomn"): "а", (F, "gent"): "ой", (F, "datv"): "ой", (F, "accs"): "у", (F, "ablt"): "ой", (F, "loct"): "ой",
}
_OV_PLURAL = {"nomn": "ы", "gent": "ых", "datv": "ым", "accs": "ых", "ablt": "ыми", "loct": "ых"}
_SKI = {
    (M, "nomn"): "ий", (M, "gent"): "ого", (M, "datv"): "ому", (M, "accs"): "ого", (M, "ablt"): "им",
    (M, "loct"): "ом", (F, "nomn"): "ая", (F, "gent"): "ой", (F, "datv"): "ой", (F, "accs"): "ую",
    (F, "ablt"): "ой", (F, "loct"): "ой",
}
_CONS = {(M, "nomn"): "", (M, "gent"): "а", (M, "datv"): "у", (M, "accs"): "а", (M, "ablt"): "ом",
         (M, "loct"): "е"}
_ADJ_N = {"ого": "ый", "ому": "ый", "ым": "ый", "ом": "ый"}
_ADJ_N_CASE = {"ого": "gent", "ому": "datv", "ым": "ablt", "ом": "loct"}
_OV_STEM = re.compile(r"(ов|ев|ёв|ин|ын)$", re.IGNORECASE)
_SKI_STEM = re.compile(r"(ск|цк)$", re.IGNORECASE)
_CONSONANT_END = re.compile(r"[бвгджзклмнпрстфхцчшщ]$", re.IGNORECASE)
_INDECLINABLE = re.compile(r"([оеиуюэ]|ых|их|ко|ян|уулу|улы|кызы)$", re.IGNORECASE)
_TURKIC_PATRONYMIC = re.compile(r"^(улы|уулы|уулу|кызы|оглы|угли|кизи)$", re.IGNORECASE)

FEMALE_CUES = {"супруга", "жена", "женщина", "мать", "дочь", "сестра", "вдова", "гражданка", "активистка",
               "журналистка", "правозащитница", "госпожа", "бабушка", "девушка", "студентка", "жительница",
               "пенсионерка", "учительница", "сотрудница", "корреспондентка", "депутатка", "мама"}
MALE_CUES = {"супруг", "муж", "мужчина", "отец", "сын", "брат", "вдовец", "гражданин", "господин", "дедушка",
             "юноша", "парень", "житель", "пенсионер", "президент", "министр", "генерал", "папа"}
PLURAL_CUES = {"супруг": (M, F), "супруги": (M, F), "семья": (M, F), "пара": (M, F), "родитель": (M, F),
               "брат": (M,), "братья": (M,), "сестра": (F,), "сёстры": (F,), "сестры": (F,)}


@dataclass(frozen=True)
class NameToken:
    text: str
    feats: dict[str, str]


@dataclass(frozen=True)
class PersonName:
    """One person named by a mention, in the nominative."""

    given: str
    patronymic: str
    surname: str
    sex: Sex
    plural: bool = False
    certain_sex: bool = False

    @property
    def full(self) -> str:
        return " ".join(part for part in (self.given, self.patronymic, self.surname) if part)


@dataclass(frozen=True)
class _Hyp:
    normal: str
    sex: Sex | None  # None: fits both
    case: str | None  # None: fits every case
    score: float
    plural: bool = False


def _cap(word: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-")) if like[:1].isupper() else word


def surname_hypotheses(word: str) -> list[_Hyp]:
    low = word.lower()
    hyps: list[_Hyp] = []
    for (sex, case), ending in _OV.items():
        stem = low[: len(low) - len(ending)] if ending else low
        if low.endswith(ending) and _OV_STEM.search(stem):
            hyps.append(_Hyp(stem + _OV[(sex, "nomn")], sex, case, 3.0))
    for case, ending in _OV_PLURAL.items():
        stem = low[: -len(ending)]
        if low.endswith(ending) and _OV_STEM.search(stem):
            hyps.append(_Hyp(stem, None, case, 2.0, plural=True))
    for (sex, case), ending in _SKI.items():
        stem = low[: -len(ending)]
        if low.endswith(ending) and _SKI_STEM.search(stem):
            hyps.append(_Hyp(stem + _SKI[(sex, "nomn")], sex, case, 3.0))
    if hyps:
        return hyps
    for ending, nominative in _ADJ_N.items():  # «Навального» -> «Навальный»
        if low.endswith(ending) and len(low) > len(ending) + 2 and low[: -len(ending)].endswith("н"):
            hyps.append(_Hyp(low[: -len(ending)] + nominative, M, _ADJ_N_CASE[ending], 2.5))
    if re.search(r"[кгхжшчщ]и$", low) and len(low) > 3:  # «Чайки» -> «Чайка» (declined like a noun)
        hyps.append(_Hyp(low[:-1] + "а", None, "gent", 2.5))
    if hyps:
        return hyps
    if _INDECLINABLE.search(low):
        return [_Hyp(low, None, None, 2.0)]
    for (sex, case), ending in _CONS.items():
        stem = low[: len(low) - len(ending)] if ending else low
        if low.endswith(ending) and _CONSONANT_END.search(stem):
            hyps.append(_Hyp(stem, sex, case, 2.0))
    if _CONSONANT_END.search(low):
        hyps.append(_Hyp(low, F, None, 1.0))  # foreign female surnames do not decline
    if low.endswith(("а", "я")):
        hyps.append(_Hyp(low, None, "nomn", 1.0))
    if not hyps:
        hyps.append(_Hyp(low, None, None, 0.5))
    return hyps


def _pymorphy_hypotheses(word: str, morph: Morph, grammeme: str) -> list[_Hyp]:
    hyps = []
    for parse in morph.parse(word.lower()):
        tag = parse.tag
        if grammeme not in tag or "plur" in tag:
            continue
        sex = M if "masc" in tag else F if "femn" in tag else None
        case = tag.case if tag.case in CASES else None
        if case == "gen2" or case == "loc2":
            continue
        hyps.append(_Hyp(str(parse.normal_form), sex, case, 3.0 + parse.score))
    return hyps


def given_hypotheses(word: str, morph: Morph) -> list[_Hyp]:
    if "-" in word.strip("-"):
        head, _, last = word.rpartition("-")  # Касым-Жомарта: only the last part declines
        head_sexes = {h.sex for h in _pymorphy_hypotheses(head.split("-")[0], morph, "Name")}
        hyps = [_Hyp(head.lower() + "-" + h.normal, h.sex, h.case, h.score) for h in given_hypotheses(last, morph)]
        if len(head_sexes) == 1 and None not in head_sexes:
            hyps = [h for h in hyps if h.sex in head_sexes or h.sex is None] or hyps
        return hyps
    hyps = _pymorphy_hypotheses(word, morph, "Name")
    low = word.lower()
    if hyps:
        if _CONSONANT_END.search(low):
            hyps.append(_Hyp(low, F, None, 0.5))  # Жанар, Асель: Kazakh female names do not decline
        return hyps
    out = [_Hyp(low, F if low.endswith(("а", "я")) else None, "nomn", 1.0)]
    if _CONSONANT_END.search(low):
        out.append(_Hyp(low, M, "nomn", 1.5))
        out.append(_Hyp(low, F, None, 0.5))  # Айгерим, Жанар: Kazakh female names do not decline
    for (sex, case), ending in _CONS.items():
        if ending and low.endswith(ending) and _CONSONANT_END.search(low[: -len(ending)]):
            out.append(_Hyp(low[: -len(ending)], sex, case, 1.0))
    for case, ending in (("gent", "ы"), ("gent", "и"), ("datv", "е"), ("accs", "у"), ("accs", "ю"),
                         ("ablt", "ой"), ("ablt", "ей"), ("loct", "е")):
        if low.endswith(ending) and len(low) > 3:
            out.append(_Hyp(low[: -len(ending)] + ("я" if ending in ("и", "ю", "ей") else "а"), F, case, 0.8))
    return out


def patronymic_hypotheses(word: str, morph: Morph) -> list[_Hyp]:
    if _TURKIC_PATRONYMIC.match(word):
        return [_Hyp(word.lower(), M if word.lower() in ("улы", "уулы", "уулу", "оглы", "угли") else F, None, 3.0)]
    return _pymorphy_hypotheses(word, morph, "Patr")


def _is_given(word: str, morph: Morph) -> bool:
    if "-" in word and not _OV_STEM.search(word.lower().split("-")[-1].rstrip("аыуеойм")):
        return True
    return any("Name" in p.tag and p.score >= 0.05 for p in morph.parse(word.lower()))


def _is_patronymic(word: str, morph: Morph) -> bool:
    return bool(_TURKIC_PATRONYMIC.match(word)) or any("Patr" in p.tag for p in morph.parse(word.lower()))


def _looks_surname(word: str) -> bool:
    low = word.lower()
    return any(_OV_STEM.search(low[: len(low) - len(e)]) for e in ("", "а", "у", "ым", "е", "ой", "ы", "ых"))


def assign_roles(words: Sequence[str], morph: Morph) -> list[str]:
    """'given', 'patronymic', 'surname' or 'initial' for each word of a name."""
    roles = ["initial" if len(w.rstrip(".")) <= 1 or w.endswith(".") else "" for w in words]
    rest = [i for i, r in enumerate(roles) if not r]
    if len(rest) == 1:
        i = rest[0]
        roles[i] = "given" if _is_given(words[i], morph) and not _looks_surname(words[i]) else "surname"
        if any(r == "initial" for r in roles):
            roles[i] = "surname"
    elif len(rest) == 2:
        a, b = rest
        if _is_patronymic(words[b], morph):
            roles[a], roles[b] = "given", "patronymic"
        elif _looks_surname(words[a]) and _is_given(words[b], morph) and not _looks_surname(words[b]):
            roles[a], roles[b] = "surname", "given"
        else:
            roles[a], roles[b] = "given", "surname"
    elif rest:
        if _is_patronymic(words[rest[1]], morph):
            roles[rest[0]], roles[rest[1]] = "given", "patronymic"
            for i in rest[2:]:
                roles[i] = "surname"
        elif len(rest) >= 3 and _is_patronymic(words[rest[2]], morph):
            roles[rest[0]], roles[rest[1]], roles[rest[2]] = "surname", "given", "patronymic"
            for i in rest[3:]:
                roles[i] = "surname"
        else:
            roles[rest[0]] = "given"
            for i in rest[1:]:
                roles[i] = "surname"
    return roles


def _fits(h: _Hyp, sex: Sex, case: str) -> bool:
    return (h.sex is None or h.sex is sex) and (h.case is None or h.case == case)


def normalise_name(
    tokens: Sequence[NameToken], morph: Morph, sex_hint: Sex = Sex.UNKNOWN, cue: str = ""
) -> list[PersonName]:
    """The person(s) a name mention names, in the nominative. A plural family name gives two people."""
    words = [t.text for t in tokens]
    roles = assign_roles(words, morph)
    table: list[list[_Hyp]] = []
    for word, role in zip(words, roles, strict=True):
        if role == "given":
            table.append(given_hypotheses(word, morph))
        elif role == "patronymic":
            table.append(patronymic_hypotheses(word, morph) or [_Hyp(word.lower(), None, None, 0.5)])
        elif role == "surname":
            table.append(surname_hypotheses(word))
        else:
            table.append([_Hyp(word.lower(), None, None, 1.0)])
    ud_sex = [UD_SEX.get(t.feats.get("Gender", "")) for t in tokens]
    ud_case = [UD_CASES.get(t.feats.get("Case", "")) for t in tokens]
    best: tuple[float, Sex, str, list[_Hyp]] | None = None
    for sex in (M, F):
        for case in CASES:
            chosen: list[_Hyp] = []
            score = 0.0
            for hyps, role in zip(table, roles, strict=True):
                fitting = [h for h in hyps if _fits(h, sex, case)]
                if not fitting:
                    score -= 6.0
                    chosen.append(hyps[0])
                    continue
                top = max(fitting, key=lambda h: h.score + (0.3 if h.sex is sex else 0.0))
                score += top.score + (1.0 if role == "given" and top.sex is sex else 0.0)
                chosen.append(top)
            score += sum(0.7 for s in ud_sex if s is sex) + sum(1.0 for c in ud_case if c == case)
            score += 2.5 if sex_hint is sex else 0.0
            score += 0.2 if case == "nomn" else 0.0
            if best is None or score > best[0]:
                best = (score, sex, case, chosen)
    assert best is not None
    _, sex, case, chosen = best
    parts = {"given": [], "patronymic": [], "surname": [], "initial": []}  # type: dict[str, list[str]]
    plural = False
    for word, role, hyp in zip(words, roles, chosen, strict=True):
        parts[role].append(word if role == "initial" else _cap(hyp.normal, word))
        plural = plural or (hyp.plural and role == "surname")
    given = " ".join(parts["initial"] + parts["given"])
    patronymic = " ".join(parts["patronymic"])
    certain = bool(parts["given"]) or sex_hint is not Sex.UNKNOWN
    if plural:
        sexes = PLURAL_CUES.get(cue, (M, F))
        return [PersonName(given, patronymic, _inflect_surname(" ".join(parts["surname"]), s), s, True, True)
                for s in sexes]
    surname = " ".join(parts["surname"])
    return [PersonName(given, patronymic, surname, sex, False, certain)]


def _inflect_surname(masc: str, sex: Sex) -> str:
    """The nominative of a surname for one sex, from its masculine nominative."""
    low = masc.lower()
    if sex is F and _OV_STEM.search(low):
        return masc + "а"
    if sex is F and low.endswith(("ский", "цкий")):
        return masc[:-2] + "ая"
    return masc
