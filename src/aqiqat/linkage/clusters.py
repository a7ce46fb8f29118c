"""Clusters of people from scored pairs: connected components, kept apart where a list says so.

Each victims list names a person once. Two entries of the same list with different name keys, or
with different birth years, or with different fathers' names (where both give one) are two people,
so no cluster may hold both: where joining the pairs above the threshold would put them
together, the cluster is rebuilt from its strongest pairs down, and a pair is skipped when it
would join two groups that one list keeps apart (the weak link that chained two people is the
one dropped). People from documents (source ``documents``, or no source) may repeat and are not
held to this rule. Nothing here imports Splink.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

REPEATING_SOURCES = frozenset({"", "documents"})
"""Sources whose rows may name the same person more than once (people found in documents)."""


def cluster_at(pairs: pd.DataFrame, threshold: float, ids: Any = None, *, lists_name_once: bool = True,
               repeating_sources: Iterable[str] = REPEATING_SOURCES) -> dict[Any, Any]:
    """Clusters of the pairs with match_probability >= threshold.

    Every id in ``ids`` (default: the ids in ``pairs``) gets a cluster: the smallest id in it.
    With ``lists_name_once`` (and the columns source_l/r and full_key_l/r in ``pairs``), two
    entries of one list never share a cluster when their name keys differ, nor (with the columns
    birth_year_est_l/r and patronymic_root_l/r) when both give a birth year or a father's name and
    these differ.
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    kept = pairs[pairs["match_probability"] >= threshold]
    parts = [pd.Series(list(ids) if ids is not None else [], dtype=pairs["id_l"].dtype if len(pairs) else None),
             pairs["id_l"], pairs["id_r"]]
    all_ids = pd.concat([p for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts) \
        else pd.Series([], dtype=object)
    uniques = pd.unique(all_ids)
    n = len(uniques)
    if n == 0:
        return {}
    index = pd.Index(uniques)
    left = index.get_indexer(kept["id_l"])
    right = index.get_indexer(kept["id_r"])
    graph = coo_matrix((np.ones(len(left), dtype=np.int8), (left, right)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    if lists_name_once and {"source_l", "source_r", "full_key_l", "full_key_r"} <= set(pairs.columns):
        labels = _keep_list_entries_apart(kept, left, right, labels, n, frozenset(repeating_sources))
    frame = pd.DataFrame({"id": uniques, "label": labels})
    try:
        smallest = frame.groupby("label")["id"].transform("min")
    except TypeError:  # ids of mixed types: order them as text
        smallest = frame.assign(key=frame["id"].astype(str)).sort_values("key").groupby("label")["id"] \
            .transform("first").reindex(frame.index)
    return dict(zip(frame["id"].tolist(), smallest.tolist(), strict=True))


EXACT_UP_TO = 8  # candidate pairs in a group of two lists' entries weighed by every matching


def exclusive_probabilities(pairs: pd.DataFrame, repeating_sources: Iterable[str] = REPEATING_SOURCES,
                            exact_up_to: int = EXACT_UP_TO) -> np.ndarray:
    """Match probabilities of the pairs given that each list names a person once.

    Scored one pair at a time, an entry of list X can match two entries of list Y at 0.9 each (two
    namesakes there); but the two cannot both be it. The events "it is B1", "it is B2", ..., "it is
    none of them" exclude one another, so with pair odds o_i the probability of B_i is
    o_i / (1 + sum of o_j) over the entry's candidates in that list (those scored at all; a candidate
    below the scoring floor adds little). Each pair takes the larger of its two sums (the left
    entry's candidates in the right entry's list, and the other way round). A pair without a rival
    keeps its probability; pairs within one list, or with an entry from documents (which may name
    a person many times), keep theirs and are nobody's rival. Where the candidate pairs between two
    lists form a small group (three to ``exact_up_to`` pairs), each pair's probability is the exact
    one over the group's matchings (``matching_marginals``): a rival that is likely another entry's
    match takes less. Needs columns id_l, id_r, source_l,
    source_r and match_probability.
    """
    p = pairs["match_probability"].to_numpy(dtype=float).clip(0.0, 1.0 - 1e-15)
    odds = p / (1.0 - p)
    repeating = list(repeating_sources)
    sl, sr = pairs["source_l"], pairs["source_r"]
    cross = (sl.notna() & sr.notna() & ~sl.isin(repeating) & ~sr.isin(repeating) & (sl != sr)).to_numpy()
    if not cross.any():
        return p
    o = np.where(cross, odds, 0.0)
    ids = np.concatenate([pairs["id_l"].to_numpy(dtype=object), pairs["id_r"].to_numpy(dtype=object)])
    lists = np.concatenate([sr.to_numpy(dtype=object), sl.to_numpy(dtype=object)])
    both = pd.DataFrame({"id": ids, "list": lists, "o": np.concatenate([o, o])})
    sums = both.groupby(["id", "list"], sort=False, dropna=False)["o"].transform("sum").to_numpy()
    n = len(pairs)
    rivals = np.maximum(sums[:n], sums[n:])
    out = np.where(cross, odds / (1.0 + rivals), p)
    _exact_where_small(out, pairs, cross, odds, exact_up_to)
    return out


def matching_marginals(edges: list[tuple[int, int]], odds: list[float]) -> list[float]:
    """The probability of each edge of a small bipartite graph given that every vertex has at most
    one match: the sum of the odds products of the matchings (sets of edges sharing no vertex, the
    empty one included) that hold the edge, over the sum over all of them."""
    n = len(edges)
    held = [0.0] * n
    total = 0.0

    def walk(i: int, used: frozenset[int], weight: float, chosen: tuple[int, ...]) -> None:
        nonlocal total
        if i == n:
            total += weight
            for e in chosen:
                held[e] += weight
            return
        walk(i + 1, used, weight, chosen)
        u, v = edges[i]
        if u not in used and v not in used:
            walk(i + 1, used | {u, v}, weight * odds[i], (*chosen, i))

    walk(0, frozenset(), 1.0, ())
    return [h / total for h in held]


def _exact_where_small(out: np.ndarray, pairs: pd.DataFrame, cross: np.ndarray, odds: np.ndarray,
                       exact_up_to: int) -> None:
    """Replace ``out`` (in place) by ``matching_marginals`` in each connected group of candidate
    pairs between two lists with three to ``exact_up_to`` pairs: there an entry's rival may itself
    be another entry's match («Ерлан Ахметов» of list Y is list X's other Ерлан Ахметов), which
    the sum over one entry's candidates does not see. Two pairs or fewer: the sums are exact."""
    if exact_up_to < 3:
        return
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    idx = np.flatnonzero(cross)
    if len(idx) < 3:
        return
    sub = pairs.iloc[idx]
    # a vertex is an entry facing one other list: an entry may match once in each other list (numbered
    # from the two columns' codes: joining a million ids and list names as text took seconds)
    m = len(sub)
    entry, _ = pd.factorize(np.concatenate([sub["id_l"].to_numpy(dtype=object), sub["id_r"].to_numpy(dtype=object)]))
    facing, _ = pd.factorize(np.concatenate([sub["source_r"].to_numpy(dtype=object),
                                             sub["source_l"].to_numpy(dtype=object)]))
    vertex, numbers = np.unique(entry.astype(np.int64) * (int(facing.max()) + 1) + facing, return_inverse=True)
    a, b = numbers[:m], numbers[m:]
    graph = coo_matrix((np.ones(m, dtype=np.int8), (a, b)), shape=(len(vertex), len(vertex)))
    _, labels = connected_components(graph, directed=False)
    edge_label = labels[a]
    counts = np.bincount(edge_label)
    small = np.flatnonzero((counts[edge_label] >= 3) & (counts[edge_label] <= exact_up_to))
    if not len(small):
        return
    order = small[np.argsort(edge_label[small], kind="stable")]
    bounds = np.flatnonzero(np.diff(edge_label[order])) + 1
    for group in np.split(order, bounds):
        marginals = matching_marginals(list(zip(a[group].tolist(), b[group].tolist(), strict=True)),
                                       odds[idx[group]].tolist())
        out[idx[group]] = marginals


Entry = tuple[str, Any, Any]  # (name key, birth year, father's name) of a list entry


def _known(value: Any) -> bool:
    return value is not None and value == value  # not None, not NaN


def _conflict(a: Entry, b: Entry) -> bool:
    """Two entries of one list that cannot be one person."""
    return a[0] != b[0] or any(_known(x) and _known(y) and x != y for x, y in ((a[1], b[1]), (a[2], b[2])))


def _merged(a: Entry, b: Entry) -> Entry:
    """What a group's entries of one list say together (they never conflict): the name key, and the
    birth year and father's name where any of them gives one."""
    return a[0], a[1] if _known(a[1]) else b[1], a[2] if _known(a[2]) else b[2]


def _keep_list_entries_apart(kept: pd.DataFrame, left: np.ndarray, right: np.ndarray, labels: np.ndarray,
                             n: int, repeating: frozenset[str]) -> np.ndarray:
    """Rebuild, strongest pair first, every component holding two entries of one list; a pair is
    skipped when it would join two entries of one list that ``_conflict``. ``labels`` of the other
    components stay as they are."""
    source = np.empty(n, dtype=object)
    entry = np.empty(n, dtype=object)
    for side, pos in (("l", left), ("r", right)):
        source[pos] = kept[f"source_{side}"].to_numpy()
        keys = kept[f"full_key_{side}"].fillna("").to_numpy()
        years = kept[f"birth_year_est_{side}"].to_numpy() if f"birth_year_est_{side}" in kept else [None] * len(kept)
        fathers = kept[f"patronymic_root_{side}"].to_numpy() if f"patronymic_root_{side}" in kept \
            else [None] * len(kept)
        for p, k, y, f in zip(pos.tolist(), keys.tolist(), list(years), list(fathers), strict=True):
            entry[p] = (k, None if y is None or y is pd.NA else y, f)
    listed = np.array([s not in repeating and s is not None for s in source], dtype=bool)
    members = pd.DataFrame({"label": labels, "source": source})[listed]
    per_list = members.dropna(subset=["source"]).groupby(["label", "source"]).size()
    bad = set(per_list[per_list > 1].index.get_level_values("label"))
    if not bad:
        return labels
    edge_bad = np.isin(labels[left], list(bad))
    order = np.argsort(-kept["match_probability"].to_numpy()[edge_bad], kind="stable")
    parent = list(range(n))
    # per group root: {source: what its entries of that list say together}; the entries of one list
    # in a group never conflict, so one summary per list decides a merge (a group of thousands, as
    # a low threshold chains, costs no more than a pair)
    entries: dict[int, dict[str, Entry]] = {}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def group(i: int) -> dict[str, Entry]:
        if i not in entries:
            entries[i] = {source[i]: entry[i]} if listed[i] else {}
        return entries[i]

    for a, b in zip(left[edge_bad][order].tolist(), right[edge_bad][order].tolist(), strict=True):
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        ga, gb = group(ra), group(rb)
        if any(s in gb and _conflict(x, gb[s]) for s, x in ga.items()):
            continue  # one list names two different people here
        if len(ga) < len(gb):
            ra, rb, ga, gb = rb, ra, gb, ga
        parent[rb] = ra
        for s, y in gb.items():
            ga[s] = _merged(ga[s], y) if s in ga else y
        entries.pop(rb, None)
    out = labels.copy()
    next_label = int(labels.max()) + 1
    roots: dict[int, int] = {}
    for i in np.flatnonzero(np.isin(labels, list(bad))).tolist():
        r = find(i)
        if r not in roots:
            roots[r] = next_label
            next_label += 1
        out[i] = roots[r]
    return out
