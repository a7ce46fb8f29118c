"""Names in quote attributions: capitalised runs that can name a speaker, organisation nouns, quotation
marks around a position, and the roles written beside a name (split from nlp.quotes)."""

from __future__ import annotations

import re

from aqiqat.nlp.figures_lexicon import all_tags, parse_tag

_ORG_NOUNS = frozenset(
    "коалиция партия движение организация компания фонд объединение союз общество ассоциация газета журнал "
    "издание телеканал канал радио радиостанция агентство сайт портал телеграм-канал оо тоо ао оао ооо зао "
    "банк операция программа проект фильм книга песня кампания клуб центр бюро комитет фракция блок альянс "
    "платформа сеть ресторан магазин тц трц аэропорт станция завод комбинат предприятие холдинг группа бренд "
    "марка закон указ постановление приложение мессенджер премия конкурс фестиваль стадион отель гостиница "
    "больница школа университет лицей кафе бар шоу передача роман спектакль инициатива кооператив корпорация "
    "хор ансамбль театр музей журнал-сайт проект-платформа лозунг хэштег акция".split()
)
_EN_ORG_NOUNS = frozenset(
    "party coalition movement organization organisation company foundation union society association "
    "newspaper magazine channel agency group campaign operation program programme project film book".split()
)
PREPS = frozenset(
    "в во из на у к от о об по с со за для при под над через до после без про между перед of in at from by "
    "to for with on about".split()
)
_EN_NOT_NAMES = frozenset("the a an but and then this that it in on he she they we i".split())
_NAME_WORD = r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w'’]*(?:-[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]?[\w'’]+)*"
_NAME_RUN = re.compile(rf"{_NAME_WORD}(?:[ \u00a0]{_NAME_WORD}){{0,3}}")
_SURNAME_END = re.compile(r"(?i)(?:ов|ев|ёв|ин|ын|ова|ева|ина|ына|ко|енко|ук|юк|ич|улы|ұлы|кызы|қызы|бек|баев|баева)$")
_NAME_TAGS = ("Name", "Surn", "Patr", "Abbr", "Orgn", "Geox")
_FUNCTION_POS = ("PREP", "CONJ", "PRCL", "ADVB", "NPRO", "INTJ", "PRED", "COMP", "VERB", "INFN", "GRND")


def name_runs(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Runs of capitalised words in ``text[a:b]`` that can name a speaker (not after a preposition,
    not inside quotation marks, not a capitalised common word opening a sentence)."""
    out: list[tuple[int, int]] = []
    for m in _NAME_RUN.finditer(text, a, b):
        rs, re_ = m.start(), m.end()
        if rs > 0 and (text[rs - 1].isalnum() or text[rs - 1] in "-’'"):
            continue
        if inside_marks(text, a, rs):
            continue
        words = list(re.finditer(r"\S+", text[rs:re_]))
        first = words[0].group()
        if sentence_initial(text, rs) and not namelike(first):
            if len(words) == 1:
                continue
            rs += words[1].start()
        prev = re.search(r"([\w-]+)\s*$", text[max(0, rs - 20) : rs])
        if prev and prev.group(1).lower() in PREPS:
            continue
        out.append((rs, re_))
    return out


def inside_marks(text: str, a: int, pos: int) -> bool:
    """Is ``pos`` inside quotation marks opened after ``a``?"""
    depth, de, en, straight = 0, False, False, False
    for ch in text[a:pos]:
        if ch == "«":
            depth += 1
        elif ch == "»":
            depth = max(0, depth - 1)
        elif ch == "„":
            de = True
        elif ch == "“":
            if de:
                de = False
            else:
                en = True
        elif ch == "”":
            en = False
        elif ch == '"':
            straight = not straight
    return depth > 0 or de or en or straight


def sentence_initial(text: str, pos: int) -> bool:
    k = pos - 1
    while k >= 0 and text[k] in " \t\u00a0«»\"„“”(–—-":
        k -= 1
    return k < 0 or text[k] in ".!?…\n:"


def namelike(word: str) -> bool:
    if re.fullmatch(r"[A-Za-z'’-]+", word):
        return word.lower() not in _EN_NOT_NAMES
    if word.isupper() and len(word) > 1:
        return True
    tags = all_tags(word.lower())
    pos, _, known = parse_tag(word.lower())
    if pos in _FUNCTION_POS:
        return False
    return any(t in tags for t in _NAME_TAGS) or not known or bool(_SURNAME_END.search(word))


def looks_personal(run: str) -> bool:
    words = run.split()
    if any(w.isupper() and len(w) > 1 for w in words):
        return False
    return len(words) >= 2 or any(t in all_tags(words[0].lower()) for t in ("Name", "Surn"))


def is_org_noun(word: str) -> bool:
    low = word.lower()
    if low in _EN_ORG_NOUNS or low in _ORG_NOUNS:
        return True
    if re.fullmatch(r"[a-z-]+", low):
        return False
    return parse_tag(low)[1] in _ORG_NOUNS


def has_verb(words: str) -> bool:
    return any(
        parse_tag(w.lower())[0] in ("VERB", "NPRO", "PRED", "INFN")
        for w in re.findall(r"[^\W\d_]+", words)
        if not re.fullmatch(r"[A-Za-z]+", w)
    )


def has_predicate(words: str) -> bool:
    """A finite verb or a short participle: «не соответствовал теме», «не задержаны, а приглашены»."""
    return any(
        parse_tag(w.lower())[0] in ("VERB", "PRTS", "PRED")
        for w in re.findall(r"[^\W\d_]+", words)
        if not re.fullmatch(r"[A-Za-z]+", w)
    )


def role_words(between: str) -> bool:
    """Only role words (nouns, adjectives, "a", "the") lie between a speech verb and the name after it."""
    words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", between)
    if len(words) > 4:
        return False
    for w in words:
        if re.fullmatch(r"[A-Za-z-]+", w):
            if w.lower() in PREPS:
                return False
            continue
        if parse_tag(w.lower())[0] not in ("NOUN", "ADJF", "PRTF"):
            return False
    return True


def clean_role(role: str | None) -> str | None:
    """The role as written if it reads as one (``супруга обвиненного``, ``из коалиции «…»``), else None."""
    if not role:
        return None
    role = role.strip(" ,–—-\u00a0")
    words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.sub(r"«[^«»]*»|\"[^\"]*\"", " ", role))
    if not words or len(words) > 12 or "," in re.sub(r"«[^«»]*»", "", role) and len(words) > 6:
        return None
    if all(re.fullmatch(r"[A-Za-z'-]+", w) for w in words):
        return role
    first = parse_tag(words[0].lower())[0]
    if first == "PREP" and words[0].lower() in ("из", "от", "с", "со"):
        return role
    if first not in ("NOUN", "ADJF", "PRTF"):
        return None
    return role if any(parse_tag(w.lower())[0] == "NOUN" for w in words) else None


def role_before(text: str, a: int, n_start: int) -> str | None:
    """"Активист Ержан Сагымбай рассказал": the nouns and adjectives written before the name."""
    words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", text[a:n_start])
    if not words or len(words) > 4:
        return None
    if all(parse_tag(w.lower())[0] in ("NOUN", "ADJF", "PRTF") for w in words):
        return text[a:n_start].strip(" ,–—-\u00a0") or None
    return None


def role_after(text: str, n_end: int, b: int) -> str | None:
    m = re.match(r",\s*([^,.;:!?]+)", text[n_end:b])
    return m.group(1).strip() if m else None
