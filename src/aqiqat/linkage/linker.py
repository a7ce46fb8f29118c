"""Run a linkage model with Splink on DuckDB (embedded, the default) or Spark; cluster the pairs.

The only module that imports Splink. ``link_records`` takes plain rows of people from documents and
lists, computes their name keys, trains the model (u by random sampling, m by EM, both bounded by
``max_pairs``), scores the candidate pairs and clusters them; ``cluster_at`` re-clusters the same
pairs at another threshold so a reviewer can see clusters merge and split.
"""

from __future__ import annotations

import logging
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from aqiqat.linkage.clusters import DEFAULT_THRESHOLD, cluster_at, exclusive_probabilities
from aqiqat.linkage.model import VICTIMS_MODEL, ModelSpec
from aqiqat.linkage.records import prepare_victims
from aqiqat.linkage.splink_settings import (
    SettingsError,
    capped_weights,
    level_labels,
    rule,
    settings_for,
    trained,
    with_priors,
)

__all__ = ["ENGINES", "LinkResult", "LinkageError", "cluster_at", "link_records", "local_spark_session", "run_model"]

ENGINES = ("duckdb", "spark")
# Pairs of equal probability keep this order through the stable sort of ``_tidy_pairs``, and the
# clusters that keep one list's entries apart take pairs strongest first: without a total order,
# two runs on two threads could cluster ties differently.
_PAIR_ORDER = "ORDER BY p.match_probability DESC, p.unique_id_l, p.unique_id_r"
DUCKDB_MEMORY_LIMIT = "1536MB"  # DuckDB spills to a temporary directory beyond this


class LinkageError(ValueError):
    """Bad input to the linker (missing columns, duplicate ids, unknown engine); one line."""


@dataclass(slots=True)
class LinkResult:
    """Scored pairs (one row per candidate pair above the floor) and clusters at ``threshold``.

    ``pairs`` has id_l, id_r, match_probability, match_weight, the retained columns (name_l,
    name_r, source_l, source_r), and per comparison ``<name>_level`` (Splink's gamma),
    ``<name>_label``, ``<name>_weight`` (log2 Bayes factor, term frequencies included) and
    ``<name>_bf`` (the Bayes factor), so a reviewer sees what each field weighed. With lists
    (source_l, source_r), ``match_probability`` is the pair's probability given that a list names a
    person once (``clusters.exclusive_probabilities``), ``pair_probability`` the pair's alone, and
    ``competing_weight`` / ``competing_label`` what rivals in one list took from it.
    ``clusters`` maps every record id to its cluster's smallest id. ``timings`` holds the wall
    seconds of each phase (prepare, train, predict, tidy: the pairs frame, cluster) and, as
    ``<phase>_cpu``, this process's CPU seconds in it (user + system, DuckDB's threads included).
    """

    pairs: pd.DataFrame
    clusters: dict[Any, Any]
    threshold: float
    engine: str
    levels: dict[str, dict[int, str]] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    model: dict[str, Any] = field(default_factory=dict)


def link_records(
    records: pd.DataFrame,
    *,
    engine: str = "duckdb",
    threshold: float = DEFAULT_THRESHOLD,
    max_pairs: float = 1e6,
    seed: int = 1,
    pairs_floor: float = 0.2,
    spark_session: Any | None = None,
    model: dict[str, Any] | None = None,
) -> LinkResult:
    """Link people across lists and documents.

    ``records`` columns: unique_id, source (list name), name, age, birth_year, sex, event_date, place
    (all but unique_id and name may be missing or empty). Pairs scoring below ``pairs_floor`` are
    dropped; clusters join pairs at or above ``threshold``. ``model`` (``LinkResult.model`` of an
    earlier run, on either engine) scores with its trained values instead of training again.
    """
    started, started_cpu = time.perf_counter(), time.process_time()
    prepared_table = [prepare_victims(records)]  # run_model drops it once DuckDB holds its copy
    prepared, prepared_cpu = time.perf_counter() - started, time.process_time() - started_cpu
    result = run_model(prepared_table.pop(), VICTIMS_MODEL, engine=engine, threshold=threshold, max_pairs=max_pairs,
                       seed=seed, pairs_floor=pairs_floor, spark_session=spark_session, model=model)
    result.timings = {"prepare": prepared, "prepare_cpu": prepared_cpu, **result.timings}
    return result


def run_model(
    table: pd.DataFrame,
    spec: ModelSpec,
    *,
    engine: str = "duckdb",
    threshold: float = DEFAULT_THRESHOLD,
    max_pairs: float = 1e6,
    seed: int = 1,
    pairs_floor: float = 0.2,
    spark_session: Any | None = None,
    model: dict[str, Any] | None = None,
) -> LinkResult:
    """Train ``spec`` on ``table`` (unique_id + the model's columns), predict and cluster."""
    if engine not in ENGINES:
        raise LinkageError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    if not 0.0 < threshold < 1.0:
        raise LinkageError(f"threshold {threshold} is not between 0 and 1")
    missing = [c for c in ("unique_id", *spec.columns) if c not in table.columns]
    if missing:
        raise LinkageError(f"missing column(s): {', '.join(missing)}")
    if table["unique_id"].duplicated().any():
        raise LinkageError("unique_id values are not unique")
    if len(table) < 2:
        return LinkResult(pd.DataFrame(columns=["id_l", "id_r", "match_probability", "match_weight"]),
                          {uid: uid for uid in table["unique_id"]}, threshold, engine)
    timings: dict[str, float] = {}
    table, spec = capped_blocks(table, spec)
    with _quiet_splink(), _db_api(engine, spark_session) as db_api:
        from splink import Linker

        tick, tick_cpu = time.perf_counter(), time.process_time()
        inputs = _register(db_api, table, spec, engine)
        ids, n_records = table["unique_id"].copy(), len(table)
        if engine == "duckdb":  # DuckDB reads its Arrow copy: free the frame's Python strings
            del table
            _release_freed_memory()
        settings = settings_for(spec, threshold)
        if model is not None:
            try:
                settings = trained(settings.get_settings(db_api.sql_dialect.sql_dialect_str).as_dict(), model)
            except SettingsError as exc:
                raise LinkageError(str(exc)) from None
        linker = Linker(inputs, settings, log_level=None)
        training = linker.training
        trained_here = model is None
        if model is None:
            deterministic = [rule(cols) for cols in spec.deterministic]
            training.estimate_probability_two_random_records_match(deterministic, recall=spec.deterministic_recall)
            # Small inputs: every pair fits in max_pairs, so skip Splink's probe passes (each is a
            # round of jobs on Spark).
            small = n_records * (n_records - 1) / 2 <= max_pairs
            timings["train_prior"] = time.perf_counter() - tick
            training.estimate_u_using_random_sampling(max_pairs=max_pairs, seed=seed, num_chunks=1 if small else 10)
            timings["train_u"] = time.perf_counter() - tick
            from splink.internals.exceptions import EMTrainingException

            for cols in spec.training:
                try:
                    training.estimate_parameters_using_expectation_maximisation(
                        rule(cols), max_pairs=None if small else max_pairs, estimate_without_term_frequencies=True
                    )
                except EMTrainingException:  # a few short lists: no pair agrees on the rule's columns
                    raise LinkageError(
                        f"too few records to train the linkage model ({n_records}): no two of them agree on "
                        f"{', '.join(cols)}; link longer lists"
                    ) from None
            # no level may weigh more than its comparison's best level: a level that random sampling
            # never saw (names swapped, a typo in a swapped name) otherwise gets u = 0 and a weight
            # of +40 bits, and two namesakes written in different orders are joined for certain
            capped = capped_weights(with_priors(linker.misc.save_model_to_json(), spec))
            linker = Linker(inputs, trained(settings.get_settings(db_api.sql_dialect.sql_dialect_str).as_dict(),
                                             capped), log_level=None)
        timings["train"] = time.perf_counter() - tick
        timings["train_cpu"] = time.process_time() - tick_cpu
        tick, tick_cpu = time.perf_counter(), time.process_time()
        scores = ["unique_id_l", "unique_id_r", "match_probability", "match_weight"]
        for c in spec.comparisons:
            scores += [f"gamma_{c.name}", f"mw_{c.name}"]
            if any(lv.tf for lv in c.levels):
                scores.append(f"mw_tf_adj_{c.name}")
        floor = min(pairs_floor, threshold)
        # a prior re-estimated from the scores may lift pairs by up to log2(PRIOR_RANGE) bits: score
        # down to where they would reach the floor, so that the pairs kept are those a run with the
        # saved model (and its prior) keeps
        reprior = trained_here and spec.prior_from_scores and spec.link_type == "dedupe_only"
        predict_floor = 1.0 / (1.0 + (1.0 - floor) / floor * PRIOR_RANGE) if reprior else floor
        if hasattr(db_api, "narrow_predict"):
            # only the scores leave the scoring query; the retained columns (names as written,
            # lists) are joined to the pairs kept, not carried through every candidate pair
            with db_api.narrow_predict(scores) as narrowed:
                predictions = linker.inference.predict(threshold_match_probability=predict_floor)
        else:
            predictions, narrowed = linker.inference.predict(threshold_match_probability=predict_floor), []
        if narrowed:
            query = _with_retained_sql(predictions.physical_name, inputs, spec.retain)
        else:
            retained = [f"{c}_{side}" for c in spec.retain for side in ("l", "r")]
            query = f"SELECT {', '.join(scores + retained)} FROM {predictions.physical_name} AS p"
        # in one order whatever the threads did: pairs of equal probability are clustered in it
        if engine == "duckdb":
            # through Arrow: a name or list written once is one Python string in every pair it is
            # in, not one per pair (at 1,000,000 records the pairs' strings were about 1 GB)
            ordered = linker.misc.query_sql(f"{query} {_PAIR_ORDER}", output_type="splink_df")
            raw = ordered.as_pyarrow_table().to_pandas(deduplicate_objects=True)
            ordered.drop_table_from_database_and_remove_from_cache()
        else:
            raw = linker.misc.query_sql(f"{query} {_PAIR_ORDER}", output_type="pandas")
        predictions.drop_table_from_database_and_remove_from_cache()
        timings["predict"] = time.perf_counter() - tick
        timings["predict_cpu"] = time.process_time() - tick_cpu
        model = linker.misc.save_model_to_json()
    if reprior and len(raw):
        raw, model = _with_prior_from_scores(raw, model, n_records * (n_records - 1) / 2, floor)
    tick, tick_cpu = time.perf_counter(), time.process_time()
    levels = level_labels(spec)
    pairs = _tidy_pairs(raw, spec, levels)
    del raw
    timings["tidy"] = time.perf_counter() - tick
    timings["tidy_cpu"] = time.process_time() - tick_cpu
    tick, tick_cpu = time.perf_counter(), time.process_time()
    clusters = cluster_at(pairs, threshold, ids=ids)
    timings["cluster"] = time.perf_counter() - tick
    timings["cluster_cpu"] = time.process_time() - tick_cpu
    return LinkResult(pairs, clusters, threshold, engine, levels, timings, model)


def capped_blocks(table: pd.DataFrame, spec: ModelSpec) -> tuple[pd.DataFrame, ModelSpec]:
    """``table`` with block numbers per blocking rule of equal columns, and ``spec`` blocking on them
    instead: the same pairs less those of the large blocks, joined on one integer instead of several
    strings. A plain rule (records equal on its columns, none missing) gets one column, empty in
    blocks of more than ``spec.block_cap`` records; a rule across columns (``a=b``: the left
    record's a equals the right record's b) gets a column for each side, numbered alike, empty in
    blocks of more than ``block_cap`` records on either side; a rule in ``spec.rule_caps`` has its
    own cap. Rules on arrays or with ``!a`` are kept as they are. Unchanged without a cap."""
    if not spec.block_cap:
        return table, spec
    n = len(table)
    codes: dict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = {}

    def code(left: str, right: str) -> tuple[np.ndarray, np.ndarray]:
        """Numbers of ``left``'s values and of ``right``'s, one numbering for both; -1 where missing."""
        if (left, right) not in codes:
            if left == right:
                both = pd.factorize(table[left])[0]
                codes[left, right] = (both, both)
            else:
                both = pd.factorize(pd.concat([table[left], table[right]], ignore_index=True))[0]
                codes[left, right] = (both[:n], both[n:])
        return codes[left, right]

    table, rules = table.copy(deep=False), []
    caps = dict(spec.rule_caps)
    for i, cols in enumerate(spec.blocking):
        sides = [tuple(c.split("=", 1)) if "=" in c else (c, c) for c in cols]
        if any(c.startswith("!") or side in spec.exploding for c in cols for side in c.split("=")):
            rules.append(cols)
            continue
        # both sides' numbers in one array, so that the combined numbers agree across the sides
        key = np.concatenate(code(*sides[0]))
        missing = key < 0
        for left, right in sides[1:]:
            part = np.concatenate(code(left, right))
            missing = missing | (part < 0)
            key = pd.factorize(key * (int(part.max()) + 2) + part + 1)[0]
        key = np.where(missing, 0, key)
        size = int(key.max()) + 1
        counts = [np.bincount(key[:n][~missing[:n]], minlength=size),
                  np.bincount(key[n:][~missing[n:]], minlength=size)]
        cap = caps.get(cols, spec.block_cap)
        over = (counts[0] > cap) | (counts[1] > cap)
        left_out = missing | over[key]
        if all(left == right for left, right in sides):
            table[f"block_{i}"] = pd.arrays.IntegerArray(key[:n].astype("int64"), left_out[:n])
            rules.append((f"block_{i}",))
        else:
            table[f"block_{i}_l"] = pd.arrays.IntegerArray(key[:n].astype("int64"), left_out[:n])
            table[f"block_{i}_r"] = pd.arrays.IntegerArray(key[n:].astype("int64"), left_out[n:])
            rules.append((f"block_{i}_l=block_{i}_r",))
    return table, replace(spec, blocking=tuple(rules))


PRIOR_RANGE = 2.0  # the prior from the scores stays within this factor of the deterministic rules' estimate


def prior_from_scores(match_weight: np.ndarray, prior: float, n_pairs: float, rounds: int = 100) -> float:
    """The prior (the probability that two records taken at random match) at which the expected
    number of matches among the scored pairs (the sum of their match probabilities) is the prior
    times all pairs: the EM step for the prior with m and u held, over the candidate pairs (a pair
    no blocking rule made counts as no match, so the prior errs low).

    ``match_weight`` holds the pairs' weights (bits) scored with ``prior``. Splink's first estimate,
    from deterministic rules and a recall assumed for them, is the start; the result stays within
    ``PRIOR_RANGE`` of it.
    """
    if n_pairs <= 0 or not 0.0 < prior < 1.0 or len(match_weight) == 0:
        return prior
    factors = np.asarray(match_weight, dtype=float) - np.log2(prior / (1.0 - prior))
    current = prior
    for _ in range(rounds):
        odds = current / (1.0 - current)
        expected = float((1.0 / (1.0 + np.exp2(-factors) / odds)).sum())
        updated = min(max(expected / n_pairs, prior / PRIOR_RANGE), min(prior * PRIOR_RANGE, 0.5))
        if abs(np.log2(updated / current)) < 1e-6:
            return updated
        current = updated
    return current


def _with_prior_from_scores(raw: pd.DataFrame, model: dict[str, Any], n_pairs: float, floor: float
                            ) -> tuple[pd.DataFrame, dict[str, Any]]:
    """The scored pairs and the model with the prior re-estimated from the scores
    (``prior_from_scores``); pairs that fall under ``floor`` are dropped."""
    prior = float(model["probability_two_random_records_match"])
    weights = raw["match_weight"].astype(float).to_numpy()
    new = prior_from_scores(weights, prior, n_pairs)
    shift = np.log2(new / (1.0 - new)) - np.log2(prior / (1.0 - prior))
    raw = raw.assign(match_weight=weights + shift, match_probability=1.0 / (1.0 + np.exp2(-(weights + shift))))
    raw = raw[raw["match_probability"] >= floor].reset_index(drop=True)
    return raw, {**model, "probability_two_random_records_match": new}


@contextmanager
def _quiet_splink() -> Iterator[None]:
    logger = logging.getLogger("splink")
    previous = logger.level
    logger.setLevel(logging.ERROR)
    _floor_em_probabilities()
    try:
        yield
    finally:
        logger.setLevel(previous)


M_U_FLOOR = 1e-12


def _floor_em_probabilities() -> None:
    """Splink 5.0.0's EM can drive a level's m (or u) to exactly 0.0 on large inputs (a level that
    no match falls in, e.g. "same month" when every match is within 3 days), and then rejects its
    own value ("below the minimum allowed value of 1e-300"). Floor such values at 1e-12 instead:
    the level keeps a weight of about -40 bits rather than stopping the run."""
    from splink.internals import expectation_maximisation as em

    if getattr(em.populate_m_u_from_lookup, "_aqiqat_floor", False):
        return
    original = em.populate_m_u_from_lookup

    def floored(fixed: Any, level: Any, column: str, lookup: dict[str, dict[int, Any]]) -> None:
        for record in lookup.get(column, {}).values():
            for key in ("m_probability", "u_probability"):
                value = record.get(key)
                if isinstance(value, float) and 0.0 <= value < M_U_FLOOR:
                    record[key] = M_U_FLOOR
        original(fixed, level, column, lookup)

    floored._aqiqat_floor = True  # type: ignore[attr-defined]
    em.populate_m_u_from_lookup = floored  # type: ignore[assignment]


def _release_freed_memory() -> None:
    """Hand the heap freed by Python back to the system (glibc keeps it for later allocations
    otherwise): after the prepared frame of 1M records is dropped, about 500 MB that DuckDB's
    predict would stack its own memory on."""
    import ctypes
    import gc

    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (macOS, musl): nothing to trim
        pass


def _with_retained_sql(predictions: str, inputs: Any, retain: tuple[str, ...]) -> str:
    """The scored pairs with each side's ``retain`` columns, read from the registered input(s)."""
    if not retain:
        return f"SELECT * FROM {predictions} AS p"
    tables = inputs if isinstance(inputs, list) else [inputs]
    columns = ", ".join(["unique_id", *retain])
    source = " UNION ALL ".join(f"SELECT {columns} FROM {t.physical_name}" for t in tables)
    picked = ", ".join(f"{side}.{c} AS {c}_{side}" for c in retain for side in ("l", "r"))
    return (f"WITH __aqiqat_input AS ({source}) SELECT p.*, {picked} FROM {predictions} AS p "
            "JOIN __aqiqat_input AS l ON l.unique_id = p.unique_id_l "
            "JOIN __aqiqat_input AS r ON r.unique_id = p.unique_id_r")


_PREDICT_TABLE = "__splink__df_predict_"


@lru_cache(maxsize=1)
def _narrow_predict_api() -> Any:
    """Splink's DuckDB API whose predict table holds only the columns asked for (``narrow_predict``).

    Splink's predict query carries every retained column (each blocking rule's columns, the
    comparisons' inputs, the names as written) through every candidate pair up to the threshold
    filter; at 1M records that is 25 million pairs, and the columns cost about as much CPU as
    scoring them. Selecting only the scores from it lets DuckDB drop the other columns from the
    joins and projections below; the scores themselves are the same SQL.
    """
    from splink import DuckDBAPI

    class NarrowPredictDuckDBAPI(DuckDBAPI):
        _predict_columns: list[str] | None = None

        _narrowed: list[str] | None = None

        @contextmanager
        def narrow_predict(self, columns: list[str]) -> Iterator[list[str]]:
            """Within: the predict table holds only ``columns``; yields the names of the tables
            so narrowed (none if Splink named its predict table otherwise)."""
            self._predict_columns, self._narrowed = columns, []
            try:
                yield self._narrowed
            finally:
                self._predict_columns = None

        def _setup_for_execute_sql(self, sql: str, physical_name: str) -> str:
            if self._predict_columns and self._narrowed is not None and physical_name.startswith(_PREDICT_TABLE):
                sql = f"SELECT {', '.join(self._predict_columns)} FROM (\n{sql}\n) AS __aqiqat_predict"
                self._narrowed.append(physical_name)
            return str(super()._setup_for_execute_sql(sql, physical_name))

    return NarrowPredictDuckDBAPI


@contextmanager
def _db_api(engine: str, spark_session: Any | None) -> Iterator[Any]:
    if engine == "duckdb":
        import duckdb

        with tempfile.TemporaryDirectory(prefix="aqiqat-duckdb-") as spill:
            con = duckdb.connect(":memory:")
            con.execute(f"SET memory_limit = '{DUCKDB_MEMORY_LIMIT}'")
            con.execute(f"SET temp_directory = '{spill}'")
            con.execute("SET preserve_insertion_order = false")
            try:
                yield _narrow_predict_api()(con)
            finally:
                con.close()
        return
    try:
        from splink import SparkAPI
    except ImportError as exc:
        raise LinkageError("engine 'spark' needs pyspark: pip install 'aqiqat[spark]'") from exc
    own = spark_session is None
    spark = spark_session or local_spark_session()
    try:
        yield SparkAPI(spark_session=spark, break_lineage_method="persist")
    finally:
        if own:
            spark.stop()


def local_spark_session(cores: int = 2, memory: str = "2g", partitions: int | None = None) -> Any:
    """A Spark session in local mode with Splink's similarity functions on its class path.

    ``partitions`` (default four per core) sets the shuffle partitions; small inputs run faster
    with fewer."""
    partitions = partitions or 4 * cores
    from pyspark.sql import SparkSession
    from splink.backends.spark import similarity_jar_location

    return (
        SparkSession.builder.master(f"local[{cores}]")
        .appName("aqiqat-linkage")
        .config("spark.jars", similarity_jar_location())
        .config("spark.driver.memory", memory)
        .config("spark.sql.shuffle.partitions", str(partitions))
        .config("spark.default.parallelism", str(partitions))
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )


def _register(db_api: Any, table: pd.DataFrame, spec: ModelSpec, engine: str) -> Any:
    """Register the model's columns of ``table``. On DuckDB as Arrow tables: DuckDB reads a pandas
    frame of Python strings through the interpreter each time a query scans it (several times per
    run), an Arrow table directly."""
    columns = ["unique_id", *[c for c in spec.columns if c != "unique_id"]]
    run = uuid.uuid4().hex[:8]  # a Spark session may serve several runs
    parts = [table[columns]] if spec.link_type == "dedupe_only" else \
        [part[columns].reset_index(drop=True) for _, part in table.groupby("source", sort=True)]
    if engine == "duckdb":
        import pyarrow as pa

        def arrow(part: pd.DataFrame) -> Any:
            # text columns as text even where every value is missing (Arrow would call them null),
            # and lists of text as lists of text (a list of typo neighbours may hold only None)
            table = pa.Table.from_pandas(part, preserve_index=False)
            fields = [pa.field(f.name, pa.string()) if pa.types.is_null(f.type) and f.name != "unique_id" else
                      pa.field(f.name, pa.list_(pa.string())) if pa.types.is_list(f.type)
                      and pa.types.is_null(f.type.value_type) else f for f in table.schema]
            return table.cast(pa.schema(fields))

        parts = [arrow(part) for part in parts]
    if spec.link_type == "dedupe_only":
        return db_api.register(parts[0], table_name=f"records_{run}")
    return [db_api.register(part, table_name=f"records_{run}_{i}") for i, part in enumerate(parts)]


COMPETING = {1: "no rival", 0: "another entry of that list matches too"}


def _labels(gamma: np.ndarray, names: dict[int, str]) -> pd.Categorical:
    """The label of each pair's level, as a categorical built from codes (a million pairs: mapping each
    value and then finding its category took about a second per comparison). A level without a label
    (never, from Splink) is missing, as a dictionary lookup would leave it."""
    keys = sorted(names)
    categories = list(dict.fromkeys(names[k] for k in keys))
    position = {k: categories.index(names[k]) for k in keys}
    lookup = np.full(int(max(keys, default=0)) - int(min(keys, default=0)) + 1, -1, dtype=np.int64)
    low = int(min(keys, default=0))
    for k, at in position.items():
        lookup[k - low] = at
    inside = (gamma >= low) & (gamma < low + len(lookup))
    codes = np.where(inside, lookup[np.clip(gamma.astype(np.int64) - low, 0, len(lookup) - 1)], -1)
    return pd.Categorical.from_codes(codes, categories=categories)


def _tidy_pairs(raw: pd.DataFrame, spec: ModelSpec, levels: dict[str, dict[int, str]]) -> pd.DataFrame:
    out = pd.DataFrame({
        "id_l": raw["unique_id_l"].to_numpy(),
        "id_r": raw["unique_id_r"].to_numpy(),
        "match_probability": raw["match_probability"].astype(float).to_numpy(),
        "match_weight": raw["match_weight"].astype(float).to_numpy(),
    })
    for col in spec.retain:
        for side in ("l", "r"):
            if f"{col}_{side}" in raw.columns:
                out[f"{col}_{side}"] = raw[f"{col}_{side}"].to_numpy()
    for c in spec.comparisons:
        gamma = raw[f"gamma_{c.name}"].astype("int8")
        weight = raw[f"mw_{c.name}"].astype(float)
        if f"mw_tf_adj_{c.name}" in raw.columns:
            weight = weight + raw[f"mw_tf_adj_{c.name}"].astype(float).fillna(0.0)
        out[f"{c.name}_level"] = gamma.to_numpy()
        out[f"{c.name}_label"] = _labels(gamma.to_numpy(), levels[c.name])
        out[f"{c.name}_weight"] = weight.to_numpy()
        out[f"{c.name}_bf"] = np.exp2(weight.to_numpy())
    if {"source_l", "source_r"} <= set(out.columns):
        # one list names a person once: a pair with a rival in the same list shares the probability
        # (``clusters.exclusive_probabilities``); ``pair_probability`` is the pair scored alone, and
        # ``competing_weight`` (bits, <= 0) what the rivals took, so the field weights still add up
        out["pair_probability"] = out["match_probability"]
        exclusive = exclusive_probabilities(out)
        p = out["match_probability"].to_numpy().clip(1e-300, 1.0 - 1e-15)
        q = exclusive.clip(1e-300, 1.0 - 1e-15)
        out["competing_weight"] = np.log2(q / (1.0 - q)) - np.log2(p / (1.0 - p))
        rival = out["competing_weight"].to_numpy() < -1e-9
        out["competing_level"] = np.where(rival, 0, 1).astype("int8")
        out["competing_label"] = pd.Categorical(np.where(rival, COMPETING[0], COMPETING[1]))
        out["competing_bf"] = np.exp2(out["competing_weight"].to_numpy())
        levels["competing"] = COMPETING
        out["match_weight"] = out["match_weight"] + out["competing_weight"]
        out["match_probability"] = exclusive
    return out.sort_values("match_probability", ascending=False, kind="stable").reset_index(drop=True)
