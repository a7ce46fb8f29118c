"""Splink settings from a ``ModelSpec``: comparison levels, blocking rules, trained values.

Imported only by ``linker.py`` (Splink is imported inside the functions, so that importing the model
does not load Splink).
"""

from __future__ import annotations

import copy
from typing import Any

from aqiqat.linkage.model import Level, ModelSpec

__all__ = ["capped_weights", "level_labels", "rule", "settings_for", "trained", "with_priors"]


class SettingsError(ValueError):
    """A trained model that does not fit the linkage model (one line)."""


def with_priors(model: dict[str, Any], spec: ModelSpec) -> dict[str, Any]:
    """The trained ``model`` with each level's ``m_prior`` where training left m unknown."""
    out = copy.deepcopy(model)
    for comparison, c in zip(out.get("comparisons", []), spec.comparisons, strict=True):
        for level, lv in zip(comparison["comparison_levels"], c.levels, strict=True):
            if level.get("m_probability") is None and lv.m_prior is not None:
                level["m_probability"] = lv.m_prior
    return out


def capped_weights(model: dict[str, Any]) -> dict[str, Any]:
    """The trained ``model`` with each level's u raised so that its weight (log2 m/u) is at most
    the weight of the comparison's first non-null level (the most similar)."""
    out = copy.deepcopy(model)
    for comparison in out.get("comparisons", []):
        levels = [lv for lv in comparison["comparison_levels"] if not lv.get("is_null_level")]
        if not levels:
            continue
        top_m, top_u = levels[0].get("m_probability"), levels[0].get("u_probability")
        if not top_m or not top_u:
            continue
        for lv in levels[1:]:
            m, u = lv.get("m_probability"), lv.get("u_probability")
            if m and (not u or m / u > top_m / top_u):
                lv["u_probability"] = min(1.0, m * top_u / top_m)
        last = levels[-1]  # "different" is never evidence for a match, however seldom random pairs differ
        m, u = last.get("m_probability"), last.get("u_probability")
        if len(levels) > 1 and m and u and m > u:
            last["u_probability"] = min(1.0, m)
    return out


def trained(settings: dict[str, Any], model: dict[str, Any]) -> dict[str, Any]:
    """``settings`` (this engine's SQL) with the prior and the m and u values of a trained ``model``."""
    try:
        settings["probability_two_random_records_match"] = model["probability_two_random_records_match"]
        for mine, theirs in zip(settings["comparisons"], model["comparisons"], strict=True):
            for level, trained in zip(mine["comparison_levels"], theirs["comparison_levels"], strict=True):
                for key in ("m_probability", "u_probability"):
                    if trained.get(key) is not None:
                        level[key] = trained[key]
    except (KeyError, TypeError, ValueError) as exc:
        raise SettingsError(f"the model does not fit this linkage model: {exc}") from None
    return settings


def rule(columns: tuple[str, ...], exploding: tuple[str, ...] = ()) -> Any:
    """A blocking rule: records equal on ``columns``; those in ``exploding`` are arrays that need
    only share an element; ``a=b`` joins the left record's column a to the right record's b;
    ``!a``: the two records differ on a (a filter, not a join)."""
    from splink import block_on
    from splink.blocking_rule_library import CustomRule

    arrays = [side for c in columns for side in c.lstrip("!").split("=") if side in exploding]
    if any("=" in c or c.startswith("!") for c in columns):
        # plain names: Spark reads "x" as a string
        sql = " AND ".join(f"l.{c[1:]} <> r.{c[1:]}" if c.startswith("!") else
                           "l.{} = r.{}".format(*(c.split("=", 1) if "=" in c else (c, c))) for c in columns)
        return CustomRule(sql, arrays_to_explode=arrays) if arrays else sql
    return block_on(*columns, arrays_to_explode=arrays) if arrays else block_on(*columns)


def _level(level: Level) -> Any:
    import splink.comparison_level_library as cll
    from splink import ColumnExpression

    made: Any
    if level.kind == "null":
        return cll.NullLevel(level.column)
    if level.kind == "exact":
        made = cll.ExactMatchLevel(level.column, term_frequency_adjustments=level.tf)
    elif level.kind == "jaro_winkler" and level.sql:
        made = cll.And(cll.CustomLevel(level.sql), cll.JaroWinklerLevel(level.column, level.threshold))
    elif level.kind == "jaro_winkler":
        made = cll.JaroWinklerLevel(level.column, level.threshold)
    elif level.kind == "damerau":
        # Jaro-Winkler first: it is ten times cheaper and drops almost every pair Damerau-Levenshtein
        # would (every name pair one edit apart scores >= 0.8).
        edits: Any = cll.DamerauLevenshteinLevel(level.column, int(level.threshold))
        screen: Any = cll.JaroWinklerLevel(level.column, 0.8)
        if level.alt_columns or level.sparse_alt:
            sparse = [ColumnExpression(f"coalesce({c}, {fallback})") for c, fallback in level.sparse_alt]
            alts: list[Any] = [*level.alt_columns, *sparse]
            edits = cll.Or(edits, *(cll.DamerauLevenshteinLevel(c, int(level.threshold)) for c in level.alt_columns),
                           *(cll.And(cll.CustomLevel(f"({c}_l IS NOT NULL OR {c}_r IS NOT NULL)"),
                                     cll.DamerauLevenshteinLevel(e, int(level.threshold)))
                             for (c, _), e in zip(level.sparse_alt, sparse, strict=True)))
            # the screen too: a short name whose typo makes a double the key merges («Аай», «Абай»: ai
            # and abai, 0.58) is one edit with the doubles kept (aai, 0.92)
            screen = cll.Or(screen, *(cll.JaroWinklerLevel(c, 0.8) for c in alts))
        parts = [screen, edits]
        if level.rarer:
            rarer = f"least({level.rarer}_l, {level.rarer}_r) * 5 <= greatest({level.rarer}_l, {level.rarer}_r)"
            if level.rare_at:
                # rare values (surnames): both seen at most rare_at times, or one written once, which
                # beside one a letter away is most often that name with a typo (at 1,000 people a
                # surname is seldom seen five times); given names, a closed set, get no such exception
                rarer = (f"({rarer} OR greatest({level.rarer}_l, {level.rarer}_r) <= {level.rare_at}"
                         f" OR least({level.rarer}_l, {level.rarer}_r) = 1)")
            # first: two counts compared, where the string measures read every letter (DuckDB
            # evaluates the rest of a conjunction only on the rows it keeps)
            parts.insert(0, cll.CustomLevel(rarer))
        made = cll.And(*parts)
    elif level.kind == "within":
        made = cll.AbsoluteDifferenceLevel(level.column, level.threshold)
    elif level.kind == "sql":
        made = cll.CustomLevel(level.sql, label_for_charts=level.label or level.sql)
    else:
        made = cll.ElseLevel()
    options: dict[str, Any] = {}
    if level.label and level.kind != "sql":
        options["label_for_charts"] = level.label
    if level.m is not None:
        options.update(m_probability=level.m, fix_m_probability=True)
    return made.configure(**options) if options else made


def settings_for(spec: ModelSpec, threshold: float) -> Any:
    import splink.comparison_library as cl
    from splink import SettingsCreator

    comparisons: list[Any] = [
        cl.CustomComparison(comparison_levels=[_level(lv) for lv in c.levels], output_column_name=c.name,
                            comparison_description=c.description or c.name)
        for c in spec.comparisons
    ]
    return SettingsCreator(
        link_type=spec.link_type,
        comparisons=comparisons,
        blocking_rules_to_generate_predictions=[rule(cols, spec.exploding) for cols in spec.blocking],
        retain_matching_columns=True,
        retain_intermediate_calculation_columns=True,
        additional_columns_to_retain=list(spec.retain),
        max_iterations=12,
    )


def level_labels(spec: ModelSpec) -> dict[str, dict[int, str]]:
    """Splink numbers levels from the top: n-2 ... 0 for non-null levels, -1 for null."""
    out: dict[str, dict[int, str]] = {}
    for c in spec.comparisons:
        non_null = [lv for lv in c.levels if lv.kind != "null"]
        labels = {len(non_null) - 1 - i: (lv.label or lv.kind) for i, lv in enumerate(non_null)}
        labels[-1] = "missing"
        out[c.name] = labels
    return out
