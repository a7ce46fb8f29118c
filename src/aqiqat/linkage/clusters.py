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

DEFAULT_THRESHOLD = 0.5
"""A pair joins a cluster when its match is more likely than not. The probabilities are calibrated
(pairs scored 0.5-0.9 are 65-90% true on both linkage benchmarks), so a higher threshold counts
every such pair as two people, and the count leans upward: at 0.9 it was 7% over the truth at
20,000 people on our generator and 19% on the independent one; at 0.5, 3% and 2-4%, with a higher
pairwise F1 on both (bench/results/link_synthetic.md, link_lists.md)."""

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
PROPAGATION_ROUNDS = 200  # at most this many rounds of belief propagation over the larger groups


def exclusive_probabilities(pairs: pd.DataFrame, repeating_sources: Iterable[str] = REPEATING_SOURCES,
                            exact_up_to: int = EXACT_UP_TO) -> np.ndarray:
    """Match probabilities of the pairs given that each list names a person once.

    Scored one pair at a time, an entry of list X can match two entries of list Y at 0.9 each (two
    namesakes there); but the two cannot both be it. The candidate pairs between two lists form a
    bipartite graph whose vertices are entries (an entry facing one other list: it may match once in
    each), and the linkage is one of its matchings (sets of pairs sharing no entry, the empty one
    included), weighed by the product of its pairs' odds. Each pair's probability is the weight of
    the matchings that hold it over the weight of all:

    - a pair alone in its group keeps its probability;
    - a group of two to ``exact_up_to`` pairs is weighed by every matching (``matching_marginals``);
    - a larger group (namesakes of a common name between two long lists) by belief propagation over
      the matchings (``matching_propagation``): exact where the group has no cycle, and the Bethe
      approximation where it has. A rival that is likely another entry's match takes little from a
      pair; a lone rival takes its full share.

    Pairs within one list, or with an entry from documents (which may name a person many times),
    keep their probability and are nobody's rival. Needs columns id_l, id_r, source_l, source_r and
    match_probability.
    """
    p = pairs["match_probability"].to_numpy(dtype=float).clip(0.0, 1.0 - 1e-15)
    out = p.copy()
    repeating = list(repeating_sources)
    sl, sr = pairs["source_l"], pairs["source_r"]
    cross = (sl.notna() & sr.notna() & ~sl.isin(repeating) & ~sr.isin(repeating) & (sl != sr)).to_numpy()
    idx = np.flatnonzero(cross)
    if len(idx) < 2:
        return out
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    sub = pairs.iloc[idx]
    m = len(sub)
    # a vertex is an entry facing one other list (numbered from the two columns' codes: joining a
    # million ids and list names as text took seconds)
    entry, _ = pd.factorize(np.concatenate([sub["id_l"].to_numpy(dtype=object), sub["id_r"].to_numpy(dtype=object)]))
    facing, _ = pd.factorize(np.concatenate([sub["source_r"].to_numpy(dtype=object),
                                             sub["source_l"].to_numpy(dtype=object)]))
    vertex, numbers = np.unique(entry.astype(np.int64) * (int(facing.max()) + 1) + facing, return_inverse=True)
    a, b = numbers[:m], numbers[m:]
    graph = coo_matrix((np.ones(m, dtype=np.int8), (a, b)), shape=(len(vertex), len(vertex)))
    _, labels = connected_components(graph, directed=False)
    edge_label = labels[a]
    size = np.bincount(edge_label)[edge_label]
    odds = p[idx] / (1.0 - p[idx])
    large = np.flatnonzero(size > max(exact_up_to, 1))
    if len(large):
        out[idx[large]] = matching_propagation(a[large], b[large], odds[large])
    small = np.flatnonzero((size >= 2) & (size <= exact_up_to))
    if len(small):
        order = small[np.argsort(edge_label[small], kind="stable")]
        bounds = np.flatnonzero(np.diff(edge_label[order])) + 1
        for group in np.split(order, bounds):
            out[idx[group]] = matching_marginals(list(zip(a[group].tolist(), b[group].tolist(), strict=True)),
                                                 odds[group].tolist())
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


def matching_propagation(left: np.ndarray, right: np.ndarray, odds: np.ndarray,
                         rounds: int = PROPAGATION_ROUNDS) -> np.ndarray:
    """``matching_marginals`` by sum-product belief propagation, for graphs too large to enumerate:
    edges ``left[i]``-``right[i]`` (vertex numbers) with ``odds[i]``, each vertex matched at most once.

    Each vertex v tells each of its edges e how much room it leaves: r(v, e) = 1 / (1 + the sum,
    over v's other edges f, of odds(f) times the room f's other end leaves f). An edge's odds given
    the matching are its own odds times the room both ends leave it. On a graph without cycles this
    is exact; with cycles it is the Bethe approximation. Updates are damped (geometric mean of old
    and new) and stop when no room changes by more than one part in 10^9, or after ``rounds``.
    """
    left = np.asarray(left, dtype=np.int64)
    right = np.asarray(right, dtype=np.int64)
    odds = np.asarray(odds, dtype=float)
    if len(odds) == 0:
        return np.zeros(0)
    n = int(max(left.max(), right.max())) + 1
    room_l = np.ones(len(odds))  # the room the left end leaves each edge
    room_r = np.ones(len(odds))
    for _ in range(rounds):
        to_l = odds * room_r  # what each edge tells its left end
        to_r = odds * room_l
        # a vertex may be the left end of some edges and the right end of others: its sum is over all
        told = np.bincount(left, to_l, n) + np.bincount(right, to_r, n)
        # the others' sum as all minus one's own, never under 0 (a pair at odds 1e15 leaves rounding)
        new_l = 1.0 / (1.0 + np.maximum(told[left] - to_l, 0.0))
        new_r = 1.0 / (1.0 + np.maximum(told[right] - to_r, 0.0))
        change = max(float(np.abs(np.log(new_l / room_l)).max()), float(np.abs(np.log(new_r / room_r)).max()))
        room_l = np.sqrt(room_l * new_l)
        room_r = np.sqrt(room_r * new_r)
        if change < 1e-9:
            break
    given = odds * room_l * room_r
    return given / (1.0 + given)


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
