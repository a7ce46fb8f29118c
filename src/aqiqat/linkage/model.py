"""Linkage models declared as data: comparisons with their levels, blocking rules, training plan.

Nothing here imports Splink; ``linker.py`` turns a ``ModelSpec`` into Splink settings for the
chosen backend (DuckDB or Spark), so the same model runs on both.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

LevelKind = Literal["null", "exact", "jaro_winkler", "damerau", "within", "sql", "else"]


@dataclass(frozen=True, slots=True)
class Level:
    """One level of a comparison, from most to least similar.

    ``exact``: equal values (``tf`` adds Splink's term-frequency adjustment); ``jaro_winkler``:
    similarity at least ``threshold`` (and ``sql`` when given); ``damerau``: Damerau-Levenshtein distance at most
    ``threshold``; ``within``: ``abs(l - r) <= threshold``; ``sql``: a
    condition in the SQL both backends read (``sql``); ``null``: either value missing.
    ``m`` fixes the level's m probability when EM cannot learn it (names: see ``NAME_M``).
    ``rarer`` names a column counting each value in the input: a typo is rare beside the name it
    spoils, while two common names one letter apart (Ерлан and Ержан) are two names; ``rare_at``:
    the level also holds when both values are seen at most this often, or one of them once (two rare
    surnames one letter apart, each written once or twice, or one written once beside one seen a few
    times, are more often one surname with a typo than two surnames).
    """

    kind: LevelKind
    column: str = ""
    threshold: float = 0.0
    tf: bool = False
    sql: str = ""
    label: str = ""
    m: float | None = None  # a fixed m probability (share of true matches at this level), not trained
    m_prior: float | None = None  # the m probability to use when training leaves it unknown (few records)
    rarer: str = ""  # a count column: the level holds only if one side's value is five times rarer
    rare_at: int = 0  # ... or both sides' values are seen at most this often
    uses: tuple[str, ...] = ()  # the input columns ``sql`` reads
    alt_columns: tuple[str, ...] = ()  # ``damerau``: the level also holds for these columns' values so close
    # ``damerau``: ... and for (column, fallback): a column filled only where it differs from its
    # fallback (most rows empty), read as the fallback where empty, compared where either side has it
    sparse_alt: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Comparison:
    name: str
    levels: tuple[Level, ...]
    description: str = ""


@dataclass(frozen=True, slots=True)
class ModelSpec:
    """A linkage model: comparisons, candidate-pair blocking, and how to train it.

    Blocking and training rules are tuples of columns that must be equal (``a=b``: the left record's
    column a equals the right record's b, for a block one side of which is a kind of row; ``!a``: the
    two differ on a); a column named in
    ``exploding`` holds an array, and a rule on it joins two records sharing any element of it, or
    (``a=b``) a record whose array a holds the other's b (so a record can sit in several blocks: the
    typo neighbours of a name, ``records.typo_neighbours``).
    """

    comparisons: tuple[Comparison, ...]
    blocking: tuple[tuple[str, ...], ...]
    training: tuple[tuple[str, ...], ...]
    deterministic: tuple[tuple[str, ...], ...]
    deterministic_recall: float = 0.7
    link_type: Literal["dedupe_only", "link_only", "link_and_dedupe"] = "dedupe_only"
    retain: tuple[str, ...] = ()
    exploding: tuple[str, ...] = ()
    block_cap: int = 0  # a block of a plain rule (columns equal) with more records is left out; 0: none
    # a smaller cap for some plain rules (rule, cap): rules whose blocks are large at scale
    rule_caps: tuple[tuple[tuple[str, ...], int], ...] = ()
    # the prior re-estimated from the scored pairs (``linker.prior_from_scores``), after training
    prior_from_scores: bool = False

    @property
    def columns(self) -> tuple[str, ...]:
        """Every input column the model reads."""
        cols = {c for r in (*self.blocking, *self.training, *self.deterministic) for cs in r
                for c in cs.lstrip("!").split("=")}
        cols |= {c for cmp in self.comparisons for lv in cmp.levels
                 for c in (lv.column, lv.rarer, *lv.alt_columns, *(c for p in lv.sparse_alt for c in p), *lv.uses) if c}
        return tuple(sorted(cols | set(self.retain)))


# m probabilities of name levels, fixed from what the lists show: about 1 row in 8 carries a typo
# (one word of two or three), so about 1 pair in 9 has a surname one edit apart; Kazakh given names
# in case forms the dictionary does not know keep only their stem. EM cannot learn them on victims
# lists: within any block not on names, namesakes and relatives (same town, day and birth year)
# outnumber true matches.
NAME_M = {"exact": 0.87, "stem": 0.02, "swap": 0.01, "swap_typo": 0.01, "typo": 0.07, "stem_typo": 0.01,
          "jw92": 0.01, "jw80": 0.01, "else": 0.01}

# Two names whose surname and given name were told apart differently because one of them has a typo
# («Серікбол Байболв», «Байболов Серикбол»): one key of each equals the other's other key, and the
# order-free keys are close.
SWAP_TYPO = "(surname_key_l = given_key_r OR given_key_l = surname_key_r)"


# «Нурланов Даурен» and «Дәурен Нұрланұлы»: a surname made from the father's name.
FATHER_AS_SURNAME = "(surname_root_l = patronymic_root_r OR patronymic_root_l = surname_root_r)"


# Each list names a person once: two rows of one list are two people unless the list repeats a row,
# which the lists seldom do (about one true pair in fifty). People found in documents (source
# ``documents`` or none, as ``clusters.REPEATING_SOURCES``) may be named many times.
OTHER_LIST = "(source_l <> source_r OR source_l IN ('', 'documents') OR source_l IS NULL OR source_r IS NULL)"


# A sex read from a given name written in another case than the other's («Ерлана», «Ерика»).
SEX_FROM_A_CASE_FORM = ("((sex_stated_l IS NULL OR sex_stated_r IS NULL) AND given_key_l <> given_key_r"
                        " AND given_stem_l = given_stem_r)")


# A stated age allows two birth years (``records.prepare_victims``: ``birth_year_est`` and
# ``birth_year_alt``); against a stated birth year, either agrees.
YEAR_AN_AGE_ALLOWS = ("((birth_year_alt_l = birth_year_est_r AND birth_year_alt_r IS NULL)"
                      " OR (birth_year_alt_r = birth_year_est_l AND birth_year_alt_l IS NULL))")


# One side names a town and the other its region (or both only the region). Two different towns of
# one region are different places.
TOWN_IN_REGION = "(region_key_l = region_key_r AND (place_key_l IS NULL OR place_key_r IS NULL))"


def name_comparison(name: str, column: str, *, swap_column: str = "", stem_column: str = "", tf: bool = True,
                    fixed_m: bool = True, count_column: str = "", rare_at: int = 0,
                    stem_count_column: str = "", typo_column: str = "", letters_column: str = "") -> Comparison:
    """Exact (with term frequencies), same stem, swapped order, one typo (Damerau-Levenshtein 1),
    one typo between the stems, Jaro-Winkler 0.92 and 0.80, else.

    The stems' typo level is for a name with a typo in a case form the dictionary cannot read
    («Жнар Сарыахметовой» keeps ``jnara``, «Эльадру» ``eladru``): its stem is one edit from the
    other's (``jnar``, ``janar``), its key two. Its rarity guard counts stems (``stem_count_column``),
    so that the genitive of a common name («Ерлана», rarer as written than «Ержан») is not taken
    for a typo of another common name. ``typo_column`` holds the keys with doubled vowels kept
    (``translit.typo_skeleton``): a letter dropped between two alike («Сааргалиева») is one edit
    from the name there (``saargalev``, ``sapargalev``) and two in the key (``sargalev``);
    ``letters_column`` a Cyrillic name letter by letter (``names.letters_key``): a typo that makes
    two letters the key reads as one («Токханов», «Тоқтанов») is one edit there and two in the key."""

    def m(level: str) -> float | None:
        return NAME_M[level] if fixed_m else None

    levels = [Level("null", column), Level("exact", column, tf=tf, label=f"{name} key equal", m=m("exact"))]
    if stem_column:
        levels.append(Level("exact", stem_column, label="same name in another case", m=m("stem")))
    if swap_column:
        levels.append(Level("exact", swap_column, label="same name in another order", m=m("swap")))
        levels.append(Level("jaro_winkler", swap_column, 0.9, sql=SWAP_TYPO, uses=("surname_key", "given_key"),
                            label="names in another order, one typo", m=m("swap_typo")))
    levels.append(Level("damerau", column, 1, label="one typo", m=m("typo"), rarer=count_column,
                        rare_at=rare_at, alt_columns=(typo_column,) if typo_column else (),
                        sparse_alt=((letters_column, typo_column),) if letters_column and typo_column else ()))
    if stem_column and stem_count_column:
        levels.append(Level("damerau", stem_column, 1, label="one typo, in another case", m=m("stem_typo"),
                            rarer=stem_count_column))
    levels += [
        Level("jaro_winkler", column, 0.92, label="Jaro-Winkler >= 0.92", m=m("jw92")),
        Level("jaro_winkler", column, 0.80, label="Jaro-Winkler >= 0.80", m=m("jw80")),
        Level("else", label="different", m=m("else")),
    ]
    if fixed_m:  # the levels left out give their share to the others
        total = sum(lv.m or 0.0 for lv in levels)
        levels = [replace(lv, m=lv.m / total) if lv.m is not None else lv for lv in levels]
    return Comparison(name, tuple(levels))


def within_comparison(name: str, column: str, steps: tuple[float, ...], unit: str,
                      priors: tuple[float, ...] = ()) -> Comparison:
    """Equal, within each step, else; ``priors`` are the m probabilities of the step levels and
    of "different" for runs too small to train them."""
    levels = [Level("null", column), Level("exact", column, label=f"same {unit}")]
    levels += [Level("within", column, s, label=f"within {s:g} {unit}", m_prior=p)
               for s, p in zip(steps, priors[:len(steps)] or (None,) * len(steps), strict=True)]
    return Comparison(name, (*levels, Level("else", label="different", m_prior=priors[-1] if priors else None)))


def exact_comparison(name: str, column: str, *, tf: bool = False) -> Comparison:
    return Comparison(name, (Level("null", column), Level("exact", column, tf=tf, label="equal"),
                             Level("else", label="different")))


_SMALL_BLOCKS = (
    ("given_stem", "event_day", "place_key"),
    ("family_key", "event_day", "place_key"),
    # the family name and the given name's initial, nothing else: a given name two edits off
    # («Каатом Акмагамбетовым», «Акмагамбетов Канат») or written as an initial («Акмагамбетов К.»),
    # where the rows share no day, town or year
    ("family_key", "given_initial"),
    # the given name (by its stem) and the other birth year a stated age allows, against a stated
    # birth year: a family name on one list only, and no day on one side (the same year without
    # the day found one person more at 20,000 people, for a tenth more memory)
    ("given_stem", "birth_year_alt=birth_year_est"),
    ("given_stem", "birth_year_est=birth_year_alt"),
)


VICTIMS_MODEL = ModelSpec(
    comparisons=(
        name_comparison("surname", "surname_key", swap_column="full_key", count_column="surname_count", rare_at=2,
                        typo_column="surname_typo_key", letters_column="surname_letters"),
        name_comparison("given_name", "given_key", swap_column="full_key", stem_column="given_stem",
                        count_column="given_count", stem_count_column="given_stem_count",
                        typo_column="given_typo_key", letters_column="given_letters"),
        Comparison("patronymic", (  # the father's name, from -ович/-овна, -ұлы/-қызы or a patronymic surname
            # with term frequencies: fathers' names are given names, a few of them common (Нурлан,
            # Марат), and a rare one shared says more; it stands for the surname of a person named
            # by a patronymic surname or by the father's name
            Level("exact", "patronymic_root", tf=True, label="equal"),
            Level("sql", sql=FATHER_AS_SURNAME, uses=("surname_root", "patronymic_root"),
                  label="the father's name is the other's surname", m=0.05),
            Level("null", "patronymic_root"),
            # fixed as the names' are: the training blocks hold the father's name spelt alike, so EM
            # saw no typo in it (m 0.019: 2 bits, where the names' typo level weighs 6) and no
            # father's name written wrong (m 1e-10: -34 bits, so a list's slip forbade a match)
            Level("damerau", "patronymic_root", 1, label="one typo", m=NAME_M["typo"]),
            Level("jaro_winkler", "patronymic_root", 0.9, label="Jaro-Winkler >= 0.90", m_prior=0.01),
            Level("else", label="different", m=0.005),
        )),
        # The disagreements below have fixed m, as the names' levels have: EM trains in blocks of one
        # full name, day and town (or year), where a true pair seldom has a wrong year, a sex misread
        # from a name, a date weeks off or another town, and it drove their m to 1e-4 to 1e-12 (-10 to
        # -37 bits): one such slip in a list forbade the match. A sex read from a name weighed -9.9
        # bits, more than two sexes stated differently (-5.8).
        # a stated age is a birth year give or take one; one row in a few hundred has a wrong one
        Comparison("birth_year", (
            Level("null", "birth_year_est"), Level("exact", "birth_year_est", label="same years"),
            # an age of 25 in January 2022 is a birth year of 1996 (the birthday not yet come) or
            # 1997 (as lists often count it, 2022 less the year): a stated year one of the two is
            # what the other list's age says, not a slip
            Level("sql", sql=YEAR_AN_AGE_ALLOWS, uses=("birth_year_est", "birth_year_alt"),
                  label="the other year a stated age allows", m_prior=0.3),
            Level("within", "birth_year_est", 1, label="within 1 years", m_prior=0.25),
            Level("within", "birth_year_est", 2, label="within 2 years", m_prior=0.02),
            Level("else", label="different", m=0.003),
        )),
        Comparison("sex", (
            Level("null", "sex"), Level("exact", "sex", label="equal"),
            # «Ерлана Узакалиева» against «Узакалиев Ерлан»: a man's genitive reads as a woman's
            # nominative, so a sex read from a given name that differs from the other's only by a
            # case ending is hardly evidence
            Level("sql", sql=SEX_FROM_A_CASE_FORM, uses=("sex_stated", "given_key", "given_stem"),
                  label="different, read from a name in another case", m_prior=0.02),
            Level("sql", sql="(sex_stated_l IS NULL OR sex_stated_r IS NULL)", uses=("sex_stated",),
                  label="different, one read from a name", m=0.03),
            Level("else", label="different as stated", m_prior=0.003),
        )),
        # a day off by one (a death at night, a date of report) is the common slip; three days apart
        # is seldom one death
        Comparison("event_date", (
            Level("null", "event_day"), Level("exact", "event_day", label="same day"),
            Level("within", "event_day", 1, label="within 1 day", m_prior=0.12),
            Level("within", "event_day", 3, label="within 3 days", m_prior=0.03),
            Level("exact", "event_month", label="same month", m=0.01),
            Level("else", label="different", m_prior=0.003),
        )),
        Comparison("place", (  # town and region through the gazetteer (places.py)
            Level("null", "region_key"), Level("exact", "place_key", tf=True, label="same place"),
            Level("jaro_winkler", "place_key", 0.88, label="Jaro-Winkler >= 0.88", m_prior=0.01),
            Level("sql", sql=TOWN_IN_REGION, uses=("region_key", "place_key"),
                  label="same region: a town in it, or the region alone", m_prior=0.05),
            Level("else", label="different", m=0.01),
        )),
        Comparison("list", (
            Level("sql", sql=OTHER_LIST, uses=("source",), label="different lists (or documents)", m=0.98),
            Level("else", label="one list", m=0.02),
        )),
    ),
    blocking=(
        ("name_block",),
        ("given_father",),
        # the father's name on both sides (a patronymic, or a patronymic for a surname) and the
        # given name's first consonants: a typo in the given name («Кемеел Серікболұлы», «Алижаров
        # Кемел Серикболович»), where ``given_father`` needs it spelt alike
        ("patronymic_root", "given_head"),
        # a typo after the third consonant of each name: the heads alone made a third of all
        # candidate pairs (blocks grow with the lists, pairs with their square), so with the day or
        # the birth year (a fifth fewer pairs at 20,000 people, a quarter of a percent of true pairs
        # lost)
        ("name_heads", "event_day"),
        ("name_heads", "birth_year_est"),
        ("family_key", "given_initial", "place_key"),
        ("given_key", "surname_prefix", "place_key"),
        ("family_key", "given_initial", "birth_year_est"),
        ("given_key", "surname_prefix", "birth_year_est"),
        # a typo in the family name, or a family name on one list only (the father's name on the
        # other): the given name, the birth year and the day
        ("given_key", "birth_year_est", "event_day"),
        # one typo anywhere in one name, at the head too, where the blocks above miss it: keys
        # sharing a deletion neighbour (a letter dropped, added, changed or two swapped), the other
        # name's first three consonants equal (so a typo in each name meets too; the same name or
        # stem has the same head). Each pair of keys is listed on its rarer side only
        # (``records.typo_neighbours``: a common key's rows are not repeated once per letter, which
        # at 1,000,000 records cost most of the linkage's time), so each rule comes once per side.
        ("family_near=family_key", "given_head"),
        ("family_key=family_near", "given_head"),
        ("family_head", "given_near=given_key"),
        ("family_head", "given_key=given_near"),
        # a typo in each name, one at a head's letters («Безату Ежрарову», «Ержаров Бекзат»): both
        # keys in the row's neighbours, each way round (the two rules with one key listed on each
        # side found one person more at 20,000 people, for a tenth more memory at 1,000,000 records)
        ("family_near=family_key", "given_near=given_key"),
        ("family_key=family_near", "given_key=given_near"),
        # a row named by the given name and the father's name alone («Дәурен Нұрланұлы»), against
        # any row of that given name (by its stem: «Даурена Ибраева») in the same region (a town
        # written with its region or the region alone, a day off, an age against a birth year),
        # each way round (Splink pairs a left record with a later right one)
        ("fathers_given=given_stem", "region_key"),
        ("given_stem=fathers_given", "region_key"),
        # the father's name and the birth year: a typo at the head of the given name («Канила
        # Бағдатқызы», «Мусабаева Камила Багдатовна»), where the rules above need the head spelt alike
        ("patronymic_root", "birth_year_est"),
        # one name spelt alike (the given name by its stem) and the town, with the day or the birth
        # year: the other name has two typos or is another name altogether (a surname on one list,
        # the father's name on another), and the rules above need a field the row lacks. Small
        # blocks only (``rule_caps``): at 1,000,000 records a given name, a day and a town make
        # blocks of up to 1,800 rows, and these four rules under the general cap of 100 added 16
        # million candidate pairs (DuckDB ran out of memory); under a cap of 10 they add 2.3
        # million, and at 20,000 people keep all but a few of the people they join (the block on the
        # family name and the initial: measured in bench/results/link_synthetic.md, thirteenth round).
        *_SMALL_BLOCKS,
    ),
    training=(("full_key", "event_day", "place_key"), ("full_key", "birth_year_est")),
    deterministic=(("full_key", "birth_year_est"), ("full_key", "event_day", "place_key")),
    # Birth year is missing on one side of about 40% of true pairs and date or town on another 20%,
    # so these rules find about half of them (0.51 on the synthetic set).
    deterministic_recall=0.5,
    retain=("name", "source", "full_key", "birth_year_est", "patronymic_root"),
    exploding=("family_near", "given_near"),
    # Blocks grow with the lists and their pairs with the square: at 1,000,000 records a few
    # hundred namesakes share a name block, a given name, surname prefix and town, or a given
    # name, birth year and day. Such a pair is linked only when some other field agrees as well
    # (a common name weighs little), and then it meets in a smaller block of another rule (the
    # names with the day or the birth year or the town). Blocks of more than 100 records held a
    # fifth of the pairs at 1,000,000 records and none at 20,000 people. The father's name's
    # blocks by region alone are what the cap is most for: 35 million pairs at 1,000,000 records,
    # 0.56 million under the cap.
    block_cap=100,
    rule_caps=tuple((rule, 10) for rule in _SMALL_BLOCKS),
    # the deterministic rules' recall (above) is a guess; the scores say how many pairs match
    prior_from_scores=True,
)
"""Victims lists: name keys, birth year (stated or age-derived), sex, date and place of the event."""


FEBRL_COLUMNS = ("given_name", "surname", "street_number", "address_1", "address_2", "suburb",
                 "postcode", "state", "date_of_birth")


def _febrl_text(name: str, tf: bool = True) -> Comparison:
    return Comparison(name, (
        Level("null", name), Level("exact", name, tf=tf, label="equal"),
        Level("jaro_winkler", name, 0.92, label="Jaro-Winkler >= 0.92"),
        Level("jaro_winkler", name, 0.80, label="Jaro-Winkler >= 0.80"),
        Level("else", label="different"),
    ))


FEBRL_MODEL = ModelSpec(
    comparisons=(
        Comparison("given_name", (
            Level("null", "given_name"), Level("exact", "given_name", tf=True, label="equal"),
            Level("sql", sql="given_name_l = surname_r AND surname_l = given_name_r", label="swapped"),
            Level("jaro_winkler", "given_name", 0.92, label="Jaro-Winkler >= 0.92"),
            Level("jaro_winkler", "given_name", 0.80, label="Jaro-Winkler >= 0.80"),
            Level("else", label="different"),
        )),
        _febrl_text("surname"),
        Comparison("street_number", (
            Level("null", "street_number"), Level("exact", "street_number", tf=True, label="equal"),
            Level("jaro_winkler", "street_number", 0.8, label="Jaro-Winkler >= 0.80"),
            Level("else", label="different"),
        )),
        _febrl_text("address_1"),
        _febrl_text("address_2"),
        _febrl_text("suburb"),
        Comparison("postcode", (
            Level("null", "postcode"), Level("exact", "postcode", tf=True, label="equal"),
            Level("jaro_winkler", "postcode", 0.8, label="Jaro-Winkler >= 0.80"),
            Level("else", label="different"),
        )),
        Comparison("state", (Level("null", "state"), Level("exact", "state", tf=True, label="equal"),
                             Level("else", label="different"))),
        Comparison("date_of_birth", (
            Level("null", "date_of_birth"), Level("exact", "date_of_birth", label="equal"),
            Level("jaro_winkler", "date_of_birth", 0.9, label="Jaro-Winkler >= 0.90"),
            Level("jaro_winkler", "date_of_birth", 0.8, label="Jaro-Winkler >= 0.80"),
            Level("else", label="different"),
        )),
    ),
    blocking=(
        ("given_name", "surname"), ("date_of_birth",), ("address_1",), ("address_2",), ("postcode",),
        ("suburb", "street_number"), ("surname", "state"), ("given_name", "state"),
    ),
    training=(("given_name", "surname"), ("date_of_birth",), ("postcode",)),
    deterministic=(("given_name", "surname", "date_of_birth"), ("address_1", "date_of_birth")),
    deterministic_recall=0.8,
    link_type="link_only",
)
"""FEBRL4 (two files of 5,000 people) without the ID-number column: every other field compared."""
