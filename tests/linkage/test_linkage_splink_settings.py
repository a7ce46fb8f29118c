"""Splink settings from the victims model: the one-typo level's rarity guard, read by DuckDB itself."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from aqiqat.linkage.model import VICTIMS_MODEL, Level
from aqiqat.linkage.records import prepare_victims
from aqiqat.linkage.splink_settings import capped_weights, level_labels, settings_for


def _typo_sql(comparison: str, label: str = "one typo") -> str:
    settings = settings_for(VICTIMS_MODEL, 0.9).get_settings("duckdb").as_dict()
    levels = next(c for c in settings["comparisons"] if c["output_column_name"] == comparison)["comparison_levels"]
    return next(lv["sql_condition"] for lv in levels if lv.get("label_for_charts") == label)


# names in Latin letters: no letter-by-letter form (``names.letters_key``)
NO_LETTERS = "NULL::VARCHAR AS {0}_letters_l, NULL::VARCHAR AS {0}_letters_r"


# (surname left, surname right, how often each is seen in the input, one typo?)
SURNAME_TYPOS = [
    ("bekbakov", "bekbakvo", 1, 1, True),  # both written once: a typo
    ("kumisbekov", "kumisbkov", 2, 1, True),
    ("ahmetov", "ahmetvo", 40, 1, True),  # one side forty times rarer
    ("ahmetov", "ahmedov", 40, 30, False),  # two common surnames one letter apart
    ("kasenov", "kamenov", 3, 4, False),  # neither rare enough, nor one five times rarer
    ("maratjanov", "maratjnaov", 3, 1, True),  # written once beside a surname seen three times
    ("kasenov", "kamenov", 2, 3, False),
    ("bekbakov", "serikov", 1, 1, False),  # not one edit apart
]


@pytest.mark.parametrize(("left", "right", "n_left", "n_right", "typo"), SURNAME_TYPOS)
def test_surname_typo_level_holds_for_rare_names_in_either_direction(left: str, right: str, n_left: int,
                                                                     n_right: int, typo: bool) -> None:
    sql = _typo_sql("surname")
    for (a, na), (b, nb) in (((left, n_left), (right, n_right)), ((right, n_right), (left, n_left))):
        got = duckdb.sql(f"SELECT {sql} FROM (SELECT '{a}' AS surname_key_l, '{b}' AS surname_key_r, "
                         f"'{a}' AS surname_typo_key_l, '{b}' AS surname_typo_key_r, {NO_LETTERS.format('surname')}, "
                         f"{na} AS surname_count_l, {nb} AS surname_count_r)").fetchall()[0][0]
        assert bool(got) is typo, (a, b)


# (key left, key with doubled vowels kept, key right, the same kept, one typo?)
DOUBLED_VOWEL_TYPOS = [
    ("sargalev", "saargalev", "sapargalev", "sapargalev", True),  # «Сааргалиева»: one letter dropped
    ("enbakov", "eenbakov", "esenbakov", "esenbakov", True),
    ("sadat", "saadat", "sadat", "sadat", True),  # «Саадат», «Садат»: one key
    ("sargalev", "sargalev", "sapargalev", "sapargalev", False),  # «Саргалиева»: two letters apart
]


# (given key left, kept, right, kept, one typo?): a short given name whose typo makes a double the key
# merges («Аай» for «Абай»: ``ai`` against ``abai``, too far apart for the Jaro-Winkler screen on the keys,
# one edit with the doubles kept)
SHORT_GIVEN_TYPOS = [
    ("ai", "aai", "abai", "abai", True),
    ("mrat", "mraat", "marat", "marat", True),
    ("ai", "ai", "abai", "abai", False),  # «Ай»: no double, two letters short
    ("ai", "aai", "aidos", "aidos", False),
]


@pytest.mark.parametrize(("left", "left_kept", "right", "right_kept", "typo"), SHORT_GIVEN_TYPOS)
def test_a_typo_that_makes_a_double_in_a_short_name_is_one_typo(left: str, left_kept: str, right: str,
                                                                 right_kept: str, typo: bool) -> None:
    sql = _typo_sql("given_name")
    for a, ak, b, bk in ((left, left_kept, right, right_kept), (right, right_kept, left, left_kept)):
        got = duckdb.sql(f"SELECT {sql} FROM (SELECT '{a}' AS given_key_l, '{b}' AS given_key_r, "
                         f"'{ak}' AS given_typo_key_l, '{bk}' AS given_typo_key_r, {NO_LETTERS.format('given')}, "
                         "1 AS given_count_l, 30 AS given_count_r, 30 AS given_count_l2)").fetchall()[0][0]
        assert bool(got) is typo, (a, b)


@pytest.mark.parametrize(("left", "left_kept", "right", "right_kept", "typo"), DOUBLED_VOWEL_TYPOS)
def test_the_typo_level_reads_doubled_vowels_kept(left: str, left_kept: str, right: str, right_kept: str,
                                                  typo: bool) -> None:
    sql = _typo_sql("surname")
    got = duckdb.sql(f"SELECT {sql} FROM (SELECT '{left}' AS surname_key_l, '{right}' AS surname_key_r, "
                     f"'{left_kept}' AS surname_typo_key_l, '{right_kept}' AS surname_typo_key_r, "
                     f"{NO_LETTERS.format('surname')}, "
                     "1 AS surname_count_l, 30 AS surname_count_r)").fetchall()[0][0]
    assert bool(got) is typo


def test_given_name_typo_level_has_no_rarity_exception() -> None:
    sql = _typo_sql("given_name")
    got = duckdb.sql(f"SELECT {sql} FROM (SELECT 'erlan' AS given_key_l, 'erjan' AS given_key_r, "
                     "'erlan' AS given_typo_key_l, 'erjan' AS given_typo_key_r, "
                     f"{NO_LETTERS.format('given')}, "
                     "1 AS given_count_l, 1 AS given_count_r)").fetchall()[0][0]
    assert not got  # Ерлан and Ержан: two names, however rare in a small input


# (name, name, one typo in the surname?): a typo that makes two Cyrillic letters the key reads as
# one (кх as х, тс as ц, ие as е, ыо as ё) is two edits apart in the keys, one letter by letter
LETTER_TYPOS = [
    ("Тоқтанов Мұрат", "Токханов Мурат", True),  # т written х: кх
    ("Сәтсұлтанов Серік", "Стасултанов Серик", True),  # т and а swapped across тс
    ("Тилеутуров Канат", "Тиеутуров Канат", True),  # л dropped before е: ие
    ("Сарыболова Мухита", "Сарбыолов Мухит", True),  # ы and б swapped: ыо
    ("Тоқтанов Мұрат", "Тохтаров Мурат", False),  # two letters changed
    ("Сәтсұлтанов Серік", "Сатыбалдиев Серик", False),
    ("Toktanov Murat", "Tokhanov Murat", False),  # in Latin letters kh is one letter: two edits
]


@pytest.mark.parametrize(("a", "b", "typo"), LETTER_TYPOS)
def test_a_typo_that_makes_two_cyrillic_letters_one_is_one_typo(a: str, b: str, typo: bool) -> None:
    sql = _typo_sql("surname")
    rows = prepare_victims(pd.DataFrame({"unique_id": [1, 2], "name": [a, b]}))
    columns = ("surname_key", "surname_typo_key", "surname_letters", "surname_count")
    for left, right in ((0, 1), (1, 0)):
        con = duckdb.connect()
        con.register("pair", pd.DataFrame({f"{c}_{side}": [rows.at[i, c]] for c in columns
                                           for side, i in (("l", left), ("r", right))}))
        assert bool(con.sql(f"SELECT {sql} FROM pair").fetchall()[0][0]) is typo, (a, b)


# (given-name stem left, right, rows with each stem, one typo between the stems?)
STEM_TYPOS = [
    ("jnar", "janar", 1, 60, True),  # «Жнар Сарыахметовой» (key jnara) against «Жанар» (key janar)
    ("eladr", "eldar", 1, 25, True),  # «Эльадру» against «Эльдар»: two letters swapped
    ("erlan", "erjan", 400, 300, False),  # «Ерлана» against «Ержан»: the stems of two common names
    ("erlan", "erjan", 3, 4, False),  # neither rarer: two names, however few the rows
    ("jnar", "serik", 1, 60, False),  # not one edit apart
]


@pytest.mark.parametrize(("left", "right", "n_left", "n_right", "typo"), STEM_TYPOS)
def test_given_name_stems_one_typo_apart_when_one_is_rare(left: str, right: str, n_left: int, n_right: int,
                                                          typo: bool) -> None:
    sql = _typo_sql("given_name", "one typo, in another case")
    for (a, na), (b, nb) in (((left, n_left), (right, n_right)), ((right, n_right), (left, n_left))):
        got = duckdb.sql(f"SELECT {sql} FROM (SELECT '{a}' AS given_stem_l, '{b}' AS given_stem_r, "
                         f"{na} AS given_stem_count_l, {nb} AS given_stem_count_r)").fetchall()[0][0]
        assert bool(got) is typo, (a, b)


def test_the_stem_count_counts_rows_by_stem() -> None:
    import pandas as pd

    from aqiqat.linkage.records import prepare_victims

    names = ["Ерлан Ахметов", "Ерлана Ахметова", "Ерланом Сериковым", "Жнар Сарыахметовой", "Жанар Сарыахметова"]
    df = prepare_victims(pd.DataFrame({"unique_id": range(len(names)), "name": names}))
    assert df["given_stem"].tolist()[:3] == ["erlan"] * 3
    assert df["given_stem_count"].tolist() == [3, 3, 3, 1, 1]
    assert df["given_stem"].tolist()[3:] == ["jnar", "janar"]


def test_level_labels_number_levels_from_the_top_as_splink_does() -> None:
    labels = level_labels(VICTIMS_MODEL)
    assert labels["surname"][-1] == "missing"
    assert labels["place"][0] == "different"
    assert Level("damerau", "x", 1, rarer="n", rare_at=2).rare_at == 2


def test_a_fathers_name_with_a_typo_or_written_wrong_weighs_as_the_lists_make_it() -> None:
    """EM trains in blocks where the father's name is spelt alike: it learnt m of 1e-10 for a wrong one
    (-34 bits: one slip in a list forbade the match) and 0.02 for one typo. Both are fixed, as the
    names' levels are."""
    from aqiqat.linkage.model import NAME_M, VICTIMS_MODEL

    levels = {lv.label: lv for c in VICTIMS_MODEL.comparisons if c.name == "patronymic" for lv in c.levels}
    assert levels["one typo"].m == NAME_M["typo"] and levels["different"].m is not None
    assert levels["different"].m >= 0.001


def test_a_disagreement_is_never_evidence_for_a_match() -> None:
    """Random pairs seldom have dates months apart (the lists cover a few weeks), so "different" would weigh
    for a match (m 0.003 against u 0.0008: +1.9 bits); it is held at no weight."""
    model = {"comparisons": [{"comparison_levels": [
        {"is_null_level": True},
        {"m_probability": 0.7, "u_probability": 0.2},
        {"m_probability": 0.2, "u_probability": 0.3},
        {"m_probability": 0.003, "u_probability": 0.0008},
    ]}]}
    levels = capped_weights(model)["comparisons"][0]["comparison_levels"]
    assert levels[3]["m_probability"] / levels[3]["u_probability"] <= 1.0
    assert levels[2] == {"m_probability": 0.2, "u_probability": 0.3}  # the others as trained


def test_disagreements_that_training_blocks_never_see_have_fixed_m() -> None:
    from aqiqat.linkage.model import VICTIMS_MODEL

    fixed = {(c.name, lv.label): lv.m for c in VICTIMS_MODEL.comparisons for lv in c.levels}
    assert fixed[("sex", "different, one read from a name")] == 0.03  # -2.4 bits: less than two statements
    for key in (("birth_year", "different"), ("event_date", "same month"), ("place", "different")):
        assert fixed[key] is not None and fixed[key] >= 0.001, key
