"""Turn plain rows of people (from lists and documents) into the columns the victims model reads."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from typing import Any

import pandas as pd

from aqiqat.domain.enums import Sex
from aqiqat.linkage.names import NameKey, letters_key, name_key, particle_slips, suffix_slips, typo_key
from aqiqat.linkage.places import place_keys
from aqiqat.linkage.translit import rekeyed, skeleton

INPUT_COLUMNS = ("unique_id", "source", "name", "age", "birth_year", "sex", "event_date", "place")
_SEX = {"male": "m", "m": "m", "м": "m", "муж": "m", "мужской": "m", "female": "f", "f": "f", "ж": "f",
        "жен": "f", "женский": "f"}
_EPOCH = date(1970, 1, 1)


class RecordsError(ValueError):
    """Records the linker cannot read (one line)."""


def place_key(place: Any) -> str | None:
    """The town of a place as written: ``г. Талдыкорган``, ``Taldykorgan``, ``Алматы облысы,
    Талдықорған қ.`` → ``taldikorgan``; None for a region alone or nothing (see ``places``)."""
    if not isinstance(place, str) or not place.strip():
        return None
    return place_keys(place)[0]


def region_key(place: Any) -> str | None:
    """The region of a place as written, or of its town in the gazetteer (``places``)."""
    if not isinstance(place, str) or not place.strip():
        return None
    return place_keys(place)[1]


_VOWEL_RUN = re.compile(r"[aeiou]+")
_CASE_ENDING = re.compile(r"(?:om|em|oi|ei|iu|ia|u|a|e|i)$")


def given_stem(given_key: str) -> str:
    """A given-name key without a case ending, for names the dictionary does not know
    (``erlana``, ``erlanu``, ``erlanom`` → ``erlan``)."""
    stem = _CASE_ENDING.sub("", given_key)
    return stem if len(stem) >= 3 else given_key


def name_block(surname_key: str, given_key: str) -> str | None:
    """A blocking key that survives one typo or a vowel spelt differently in either name, and
    names in either order: the first four consonants of each key, sorted (``nurgalev`` +
    ``erlan`` → ``nrgl rln``)."""
    if not surname_key or not given_key:
        return None
    return " ".join(sorted((_VOWEL_RUN.sub("", surname_key)[:4], _VOWEL_RUN.sub("", given_key)[:4])))


def deletion_keys(key: str, shortest: int = 4) -> tuple[str, ...]:
    """The key and every key with one letter dropped (``nurlan`` → ``nurlan``, ``urlan``, ``nrlan``,
    ...): two keys one edit apart (a letter dropped, added or changed, or two swapped) share one of
    them; a key with a letter dropped between two alike, which the key merges («Сааргалиева»,
    ``sargalev``), is among the other's. Keys shorter than ``shortest`` letters give only
    themselves (dropping a letter of «Ли» or «Ким» meets every other short name)."""
    if len(key) < shortest:
        return (key,)
    dropped = [key[:i] + key[i + 1:] for i in range(len(key))]
    # each as the key would be written: a letter dropped between two alike merges them
    # (``sapargalev`` → ``sargalev``), and one dropped before ie reads it as e (``tileuturov`` →
    # ``teuturov``, as «Тиеутуров» is keyed)
    return tuple(dict.fromkeys([key, *dropped, *(rekeyed(d) for d in dropped)]))


def typo_neighbours(counts: dict[str, int]) -> dict[str, tuple[str, ...]]:
    """For each key, the other keys that share one of its ``deletion_keys`` (one letter dropped,
    added or changed, or two swapped) and are at least as common (``counts``: rows per key). Each
    such pair of keys is listed on its rarer side (both, when as common): a typo is rare beside
    the name it spoils, so a common key (``ivanov``) lists few keys and a typo of it (``ivonov``)
    lists the name. Blocks on these lists (one key against the other's list) hold the pairs that
    blocks on shared deletion keys hold, without repeating every row of a common key once per
    letter: at 1,000,000 records those repeats were most of the linkage's time."""
    by_deletion: dict[str, list[str]] = {}
    for key in counts:
        for d in deletion_keys(key):
            by_deletion.setdefault(d, []).append(key)
    near: dict[str, set[str]] = {}
    for keys in by_deletion.values():
        if len(keys) < 2:
            continue
        for key in keys:  # the more common, and those as common (on both sides: neither is rarer)
            near.setdefault(key, set()).update(k for k in keys if k != key and counts[k] >= counts[key])
    near = {k: v for k, v in near.items() if v}
    return {k: tuple(sorted(v)) for k, v in near.items()}


_POSSESSIVE_KEY = re.compile(r"(?<=.{3})(?:ov|ev|in)$")
_FINAL_I = re.compile(r"(?<=[aeiou])i$")


def father_root(key: str | None, surname: bool = False) -> str | None:
    """The father's name in a patronymic key (``nurlan``, ``ibrai``) or in a surname made from it
    (``nurlanov``, ``ibraev``), in one form: a final й after a vowel is dropped, as the surname drops
    it (Ибрай, Ибраев, Ибраевич, Ибрайұлы → ``ibra``)."""
    if not key:
        return None
    if surname:
        key = _POSSESSIVE_KEY.sub("", key)
    return _FINAL_I.sub("", key) or None


def _sex(value: Any, hint: Sex) -> str | None:
    if isinstance(value, Sex):
        value = value.value
    if isinstance(value, str) and value.strip().lower() in _SEX:
        return _SEX[value.strip().lower()]
    return {Sex.MALE: "m", Sex.FEMALE: "f"}.get(hint)


def _sexes(values: pd.Series, hints: list[Sex]) -> list[str | None]:
    """Sex as stated (any spelling in ``_SEX``), else as the name shows it, else None."""
    text = {v: _sex(v, Sex.UNKNOWN) for v in values.dropna().unique()}
    hinted = {Sex.MALE: "m", Sex.FEMALE: "f"}
    return [text.get(v) if v is not None and text.get(v) else hinted.get(h)
            for v, h in zip(values.where(values.notna(), None), hints, strict=True)]


PARALLEL_FROM = 200_000
# One process by default: on a 2-core machine shared with other work, two workers took 75 s for
# 880,000 distinct names where one took 51 s (each worker fills its own caches; results are pickled).
NAME_KEY_WORKERS = 1


def _keys_of(names: list[str]) -> list[tuple[str, ...]]:
    """``name_key`` of each name as a plain tuple (a tuple pickles several times faster than the
    dataclass, which matters when a worker sends back hundreds of thousands)."""
    out: list[tuple[str, ...]] = []
    for n in names:
        k = name_key(n)
        out.append((k.surname_key, k.given_key, k.patronymic_key, k.full_key, k.sex_hint.value, k.surname,
                    k.given_name, k.patronymic))
    return out


def name_keys(names: list[str], workers: int | None = None) -> list[NameKey]:
    """``name_key`` of each name; each distinct name once, in two or more worker processes when
    there are very many (a few large chunks: a worker starts with empty caches)."""
    unique = list(dict.fromkeys(names))
    workers = workers if workers is not None else NAME_KEY_WORKERS
    if len(unique) < PARALLEL_FROM or workers < 2:
        table = {n: name_key(n) for n in unique}
    else:
        from concurrent.futures import ProcessPoolExecutor

        size = -(-len(unique) // (2 * workers))
        chunks = [unique[i:i + size] for i in range(0, len(unique), size)]
        with ProcessPoolExecutor(max_workers=workers) as pool:
            done = [t for part in pool.map(_keys_of, chunks) for t in part]
        table = {n: NameKey(t[0], t[1], t[2], t[3], Sex(t[4]), *t[5:])
                 for n, t in zip(unique, done, strict=True)}
    if len(unique) >= PARALLEL_FROM:
        name_key.cache_clear()  # hundreds of MB that a later call would seldom hit
    return [table[n] for n in names]


# A Latin j is ж in the Kazakh Latin alphabets and informal spellings (Erjan, Bauyrjan, Janar) and й
# before a vowel in ISO 9 and German or Czech spellings (Marija, Guljaeva, Sejit, Ajan, Tatjana):
# both readings are common in the same names, and no letter-by-letter rule tells them apart. (After
# a vowel and before a consonant it is й in every scheme: ``translit.skeleton`` reads it so.) «dj»
# is дж.
_LATIN_J = re.compile(r"(?<![dD])[jJ]")


def _j_read_as_y(name: str) -> str:
    """``name`` with each Latin j read as й (``Marija Guljaeva`` → ``Mariya Gulyaeva``)."""
    return _LATIN_J.sub(lambda m: "Y" if m.group() == "J" else "y", name)


def with_latin_j_read(names: list[str], keys: list[NameKey]) -> list[NameKey]:
    """``keys`` with a Latin j read as й where the lists say so: a name with a Latin j (not «dj»)
    is read the other way when that makes more of its surname and given name keys ones that rows
    without a Latin j have (``Marija Guljaeva`` beside ``Гуляева Мария``, ``Ajan`` beside ``Аян``;
    ``Erjan`` stays Ержан beside ``Ержан``). A name no other row confirms keeps the ж reading."""
    has_j = [bool(_LATIN_J.search(n)) for n in names]
    if not any(has_j):
        return keys
    surnames = {k.surname_key for k, j in zip(keys, has_j, strict=True) if not j and k.surname_key}
    givens = {k.given_key for k, j in zip(keys, has_j, strict=True) if not j and k.given_key}

    def known(k: NameKey) -> int:
        return (k.surname_key in surnames) + (k.given_key in givens)

    read: dict[str, NameKey] = {}
    out = list(keys)
    for i, (name, key, j) in enumerate(zip(names, keys, has_j, strict=True)):
        if not j or known(key) == 2:
            continue
        if name not in read:
            other = name_key(_j_read_as_y(name))
            read[name] = other if known(other) > known(key) else key
        out[i] = read[name]
    return out


def with_particle_slips_read(names: list[str], keys: list[NameKey]) -> list[NameKey]:
    """``keys`` with a Kazakh patronymic read where its particle has a slip («Ерлан Оралхаұнлы»,
    «Нұрлан Думанұоы»; ``names.particle_slips``): a name without a patronymic whose word, one edit
    from a father's name and «ұлы» or «қызы», names a father the lists know (a given name or a
    father's name of another row). The word must not be a name of another row as written (a surname
    or given name that only looks like a slip)."""
    slips = {i: words for i, (name, key) in enumerate(zip(names, keys, strict=True))
             if not key.patronymic_key and (words := [w for w in name.split() if particle_slips(w)])}
    if not slips:
        return keys
    fathers = {k.given_key for k in keys if k.given_key} | {k.patronymic_key for k in keys if k.patronymic_key}
    written = Counter(k.surname_key for k in keys if k.surname_key)
    written.update(k.given_key for k in keys if k.given_key)
    out = list(keys)
    for i, words in slips.items():
        for word in words:
            if written[skeleton(word)] > 1:  # the word is a name of another row as well
                continue
            known = [(repaired, father) for repaired, father in particle_slips(word) if father in fathers]
            if len(known) != 1:  # none, or two readings the lists both know: left as written
                continue
            repaired, father = known[0]
            key = name_key(" ".join(repaired if w == word else w for w in names[i].split()))
            if key.patronymic_key == father:
                out[i] = key
                break
    return out


def with_suffix_slips_read(names: list[str], keys: list[NameKey]) -> list[NameKey]:
    """``keys`` with a surname read where a letter of its suffix was replaced («Ардака Есенбакота»,
    «Есенбаков Ардак»; ``names.suffix_slips``): the name was read with the other word for the
    surname, which no other row has for a surname, while the repaired word is a surname of other rows
    and the other word their given name. Both confirmations are needed: a replaced letter makes
    surnames of given names too («Ким Зарема» would read «Зарева»; Ким is a surname the lists know)."""
    surnames = Counter(k.surname_key for k in keys if k.surname_key)
    givens = Counter(given_stem(k.given_key) for k in keys if k.given_key)  # by stem: «Ардака», «Ардак»
    out = list(keys)
    read: dict[str, NameKey | None] = {}
    for i, (name, key) in enumerate(zip(names, keys, strict=True)):
        words = name.split()
        if not key.surname_key or not key.given_key or surnames[key.surname_key] > 1 or \
                not any(suffix_slips(w) for w in words):
            continue
        if name not in read:
            found = []
            for w in words:
                for repaired, surname in suffix_slips(w):
                    if surname == key.surname_key or not surnames[surname]:
                        continue
                    other = name_key(" ".join(repaired if x == w else x for x in words))
                    stem = given_stem(other.given_key) if other.given_key else ""
                    own = int(given_stem(key.given_key) == stem)  # this row's own given name
                    if other.surname_key == surname and stem and givens[stem] > own:
                        found.append(other)
            read[name] = found[0] if len(found) == 1 else None
        out[i] = read[name] or key
    return out


def prepare_victims(records: pd.DataFrame) -> pd.DataFrame:
    """Add name keys, an estimated birth year, day/month numbers of the event and a place key."""
    if "unique_id" not in records.columns or "name" not in records.columns:
        raise RecordsError("records need at least the columns unique_id and name")
    # the columns without the frame's ``attrs``: pandas deep-copies them at every column read (a
    # generated set's tags, one per row, cost a second a column)
    plain = pd.DataFrame(records, copy=False)
    df = pd.DataFrame({c: plain[c] if c in plain.columns else None for c in INPUT_COLUMNS})
    df = df.reset_index(drop=True)
    names = df["name"].fillna("").astype(str)
    texts = names.tolist()
    keys = name_keys(texts)
    for reread in (with_latin_j_read, with_particle_slips_read, with_suffix_slips_read):
        keys = reread(texts, keys)
    df["name"] = names
    df["source"] = df["source"].fillna("").astype(str)
    df["surname_key"] = [k.surname_key or None for k in keys]
    df["given_key"] = [k.given_key or None for k in keys]
    df["patronymic_key"] = [k.patronymic_key or None for k in keys]
    df["full_key"] = [k.full_key or None for k in keys]
    # the keys with doubled vowels kept, for the one-typo levels (each written form once)
    for col, written, surname in (("surname", "surname", True), ("given", "given_name", False)):
        pairs = [(getattr(k, written), getattr(k, f"{col}_key")) for k in keys]
        typo = {p: typo_key(p[0], p[1], surname) for p in dict.fromkeys(pairs) if p[1]}
        df[f"{col}_typo_key"] = [typo.get(p) for p in pairs]
        # a Cyrillic name letter by letter, where that differs from the typo key (most rows: not)
        letters = {p: letters_key(p[0], surname) for p in dict.fromkeys(pairs) if p[1]}
        letters = {p: w for p, w in letters.items() if w is not None and w != typo[p]}
        df[f"{col}_letters"] = [letters.get(p) for p in pairs]
    for col in ("surname", "given"):
        df[f"{col}_count"] = df.groupby(f"{col}_key", dropna=False)[f"{col}_key"].transform("size").astype("int32")
    df["surname_prefix"] = df["surname_key"].str[:2]
    # the family name: the surname, or else the patronymic that stands for it («Дәурен Нұрланұлы»)
    df["family_key"] = df["surname_key"].where(df["surname_key"].notna(), "+" + df["patronymic_key"])
    df["family_key"] = df["family_key"].astype(object).where(df["family_key"].notna(), None)
    # the first three consonants: blocks that let a typo later in the name through
    for col in ("family", "given"):
        heads = {k: _VOWEL_RUN.sub("", k)[:3] for k in df[f"{col}_key"].dropna().unique()}
        df[f"{col}_head"] = df[f"{col}_key"].map(heads).astype(object).where(df[f"{col}_key"].notna(), None)
    # both heads, sorted: a typo that moves the surname suffix and so swaps the names
    # («Симоноа Ирина», «Симонова Ирина»)
    df["name_heads"] = [" ".join(sorted((f, g))) if isinstance(f, str) and isinstance(g, str) else None
                        for f, g in zip(df["family_head"], df["given_head"], strict=True)]
    # the more common keys one typo away from each name (blocks that let one typo through); a row
    # without any holds [None], which meets nothing but keeps the row on the other side of the block
    for col in ("family", "given"):
        near = typo_neighbours(df[f"{col}_key"].value_counts().to_dict())
        df[f"{col}_near"] = [near.get(k, (None,)) if isinstance(k, str) else None for k in df[f"{col}_key"]]
    df["given_initial"] = df["given_key"].str[:1]
    stems = {g: given_stem(g) for g in df["given_key"].dropna().unique()}
    df["given_stem"] = df["given_key"].map(stems)
    df["given_stem_count"] = df.groupby("given_stem", dropna=False)["given_stem"].transform("size").astype("int32")
    # the given name (its stem, so that a case form meets it too) of a row whose family name is the
    # father's («Дәурен Нұрланұлы»): such a row meets rows of any surname with that given name
    # («Даурена Ибраева»; model.VICTIMS_MODEL's one-sided blocks)
    df["fathers_given"] = df["given_stem"].where(df["surname_key"].isna() & df["patronymic_key"].notna(), None)
    # a patronymic surname («Дәурен Нұрланұлы») blocks like a surname; each distinct name once; the
    # given name by its stem, so that a case ending with a consonant meets the nominative («Ериком
    # Касымовым» and «Касымов Ерик»: ``rkm`` and ``rk`` by the key's consonants, ``rk`` by the stem's)
    triples = [(s, g if isinstance(g, str) else None, p)
               for s, g, p in zip(df["surname_key"], df["given_stem"], df["patronymic_key"], strict=True)]
    blocks = {t: name_block(t[0] or (f"+{t[2]}" if t[2] else ""), t[1] or "") for t in set(triples)}
    df["name_block"] = [blocks[t] for t in triples]
    roots = {k: father_root(k, surname=True) for k in df["surname_key"].dropna().unique()}
    df["surname_root"] = df["surname_key"].map(roots).astype(object).where(df["surname_key"].notna(), None)
    roots = {k: father_root(k) for k in df["patronymic_key"].dropna().unique()}
    df["patronymic_root"] = df["patronymic_key"].map(roots).astype(object).where(df["patronymic_key"].notna(), None)
    # the given name with the father's name, from the patronymic or else the surname: «Дәурен
    # Нұрланұлы», «Ибраев Даурен Нурланович» and «Нурланов Даурен» share ``dauren nurlan``
    df["given_father"] = [f"{g} {p or s}" if g and (p or s) else None for g, p, s in
                          zip(df["given_key"], df["patronymic_root"], df["surname_root"], strict=True)]
    # sex as stated, else as the name shows it; a name's case can mislead («Ерлана» is Ерлан's
    # genitive or a woman's name), so the model weighs a difference read from a name less
    df["sex_stated"] = _sexes(df["sex"], [Sex.UNKNOWN] * len(df))
    df["sex"] = _sexes(df["sex"], [k.sex_hint for k in keys])

    when = pd.to_datetime(df["event_date"], errors="coerce")
    days = (when - pd.Timestamp(_EPOCH)).dt.days
    df["event_day"] = days.astype("Int64")
    months = {d: (_EPOCH + timedelta(days=int(d))).strftime("%Y-%m") for d in days.dropna().unique()}
    df["event_month"] = days.map(months).astype(object).where(days.notna(), None)
    event_year = when.dt.year
    reference = float(event_year.median()) if event_year.notna().any() else float(date.today().year)
    age = pd.to_numeric(df["age"], errors="coerce")
    birth = pd.to_numeric(df["birth_year"], errors="coerce")
    # born in the year before "event year - age" unless the birthday came before the event: an age
    # in early January is almost always of the year before (the later in the year, the likelier the
    # birthday has passed)
    usual_day = float(when.dt.dayofyear.median()) if when.notna().any() else 183.0  # rows without a date
    passed = (when.dt.dayofyear.fillna(usual_day) >= 183).astype(int)
    from_age = event_year.fillna(reference) - age - 1 + passed
    df["birth_year_est"] = birth.where(birth.notna(), from_age).round().astype("Int64")
    # the other birth year the age allows: the year before if the birthday had come (second half of
    # the year), the year after if not (or as lists often count it, the event's year less the age)
    alt = from_age + 1 - 2 * passed
    df["birth_year_alt"] = alt.where(birth.isna() & age.notna()).round().astype("Int64")
    places = {p: place_keys(p) if isinstance(p, str) and p.strip() else (None, None)
              for p in df["place"].dropna().unique()}
    for i, col in enumerate(("place_key", "region_key")):
        keyed = {p: k[i] for p, k in places.items()}
        df[col] = df["place"].map(keyed).astype(object).where(df["place"].notna(), None)
        df[col] = df[col].where(df[col].notna(), None)
    df = df.drop(columns=["age", "birth_year", "event_date"])
    return df
