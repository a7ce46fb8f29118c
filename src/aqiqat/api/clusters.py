"""Use case (read layer): the people the linkage produced, as data.

Each cluster of two or more records with its records (a list entry: the list, the row and the name as
listed; a person of the register: the name) and the pairs, with their match probability and field weights,
that joined it; and how many people the list entries make at a threshold, against the number of entries,
and when each pair is drawn with its probability (``people_drawn``: what the scores lead one to expect, where
the count at a high threshold leans upward with every true pair scored under it; the pairs under the review
floor that the link run kept, ``linking.DRAW_FLOOR``, are drawn too).

Built from the merge queue as the reader may read it (``visible_queue``): a pair joins when judged
positive, or when not judged negative and its match probability is at least the threshold (at least the
review floor, 0.5: weaker pairs are not kept). A list entry the reader may not see (in a list above their
clearance, or restricted itself) is left out of every cluster, with the pairs that touch it. The linker's
internals are not read here: only what a link run stored in the merge queue.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
from sqlalchemy import select

from aqiqat.api.access import Principal
from aqiqat.api.errors import Invalid
from aqiqat.api.linking import CLUSTER_KEYS, DEFAULT_THRESHOLD, DRAW_FLOOR, REVIEW_FLOOR, visible_queue
from aqiqat.api.lists import list_lists
from aqiqat.api.records import visible_levels
from aqiqat.api.register import Register, row_dict
from aqiqat.api.sealing import is_sealed_audit_value, open_audit_value
from aqiqat.store.tables import AuditRow, ListEntryRow, VictimListRow


def _roots(pairs: list[dict[str, Any]]) -> dict[str, str]:
    """Union–find over the pairs: each reference and the smallest reference of its group."""
    parent: dict[str, str] = {}

    def find(ref: str) -> str:
        parent.setdefault(ref, ref)
        while parent[ref] != ref:
            parent[ref] = parent[parent[ref]]
            ref = parent[ref]
        return ref

    for p in pairs:
        a, b = find(p["left_ref"]), find(p["right_ref"])
        if a != b:
            parent[max(a, b)] = min(a, b)
    return {ref: find(ref) for ref in list(parent)}


def _grouped(joined: list[dict[str, Any]]) -> dict[str, str]:
    """Each reference of the joined pairs and the smallest reference of its cluster, as ``link`` clusters:
    strongest pair first, a pair is skipped where it would put two entries of one list that differ in
    name key, birth year or father's name into one cluster (``linkage.clusters.cluster_at``; pairs from
    link runs before the keys were kept have none, and join as they are). A pair judged the same person
    joins whatever the lists say."""
    import pandas as pd

    from aqiqat.linkage.clusters import cluster_at  # pandas and scipy: loaded only when used

    if not joined:
        return {}
    rows = []
    for r in joined:
        fw = r["field_weights"]
        sources = fw.get("_sources") or ["", ""]
        keys = fw.get("_keys") or [[None] * len(CLUSTER_KEYS)] * 2
        row: dict[str, Any] = {"id_l": r["left_ref"], "id_r": r["right_ref"],
                               "match_probability": 1.0 if r["judgement"] == "positive" else r["match_probability"],
                               "source_l": sources[0], "source_r": sources[1]}
        for side, values in zip(("l", "r"), keys, strict=True):
            for col, value in zip(CLUSTER_KEYS, values, strict=True):
                row[f"{col}_{side}"] = "" if col == "full_key" and value is None else value
        rows.append(row)
    frame = pd.DataFrame(rows).sort_values("match_probability", ascending=False, kind="stable")
    labels = cluster_at(frame, 0.0)
    roots = _roots([{"left_ref": ref, "right_ref": str(label)} for ref, label in labels.items()]
                   + [r for r in joined if r["judgement"] == "positive"])
    return roots


def _entries(reg: Register, principal: Principal, refs: set[str]) -> dict[str, dict[str, Any]]:
    """The list entries among ``refs`` that the reader may see: list, row and name as listed."""
    ids = [int(r[2:]) for r in refs if r.startswith("e:")]
    seen = visible_levels(principal)
    out: dict[str, dict[str, Any]] = {}
    with reg.reading() as s:
        lists = {v.id: row_dict(v)["name"] for v in s.scalars(
            select(VictimListRow).where(VictimListRow.confidentiality.in_(seen)))}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            query = select(ListEntryRow).where(ListEntryRow.id.in_(chunk), ListEntryRow.confidentiality.in_(seen))
            for e in s.scalars(query):
                if e.list_id not in lists:
                    continue
                out[f"e:{e.id}"] = {"ref": f"e:{e.id}", "kind": "entry", "entry_id": e.id, "list_id": e.list_id,
                                    "list": lists[e.list_id], "row": e.row_number, "name": row_dict(e)["name"],
                                    "person_id": e.person_id}
    return out


def _weights(field_weights: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {k: {"weight": v.get("weight"), "label": v.get("label")} for k, v in field_weights.items()
            if not k.startswith("_") and isinstance(v, dict)}


def clusters(reg: Register, principal: Principal, threshold: float = DEFAULT_THRESHOLD) -> dict[str, Any]:
    """The clusters at ``threshold``, largest first, and ``people`` (how many people the list entries make:
    the unlinked entries plus one per cluster holding an entry) against ``entries`` (the list rows the
    reader may see), and ``people_drawn`` over linkages drawn from the same pairs (``_people_drawn``)."""
    if not REVIEW_FLOOR <= threshold < 1.0:
        raise Invalid(f"threshold {threshold} is not between {REVIEW_FLOOR} and 1")
    # down to the draw floor: the pairs the queue hides join nothing here (every threshold is at least the
    # review floor) but are drawn with the others
    rows = visible_queue(reg, principal, status="all", limit=10**9, floor=DRAW_FLOOR)
    refs = {ref for r in rows for ref in (r["left_ref"], r["right_ref"])}
    entries = _entries(reg, principal, refs)
    readable = [r for r in rows if all(ref in entries or not ref.startswith("e:")
                                       for ref in (r["left_ref"], r["right_ref"]))]
    joined = [r for r in readable if r["judgement"] == "positive"
              or (r["judgement"] != "negative" and r["match_probability"] >= threshold)]
    roots = _grouped(joined)
    people: dict[str, dict[str, Any]] = {}
    for r in readable:  # the register's people, by the name the queue holds (masked when hidden since)
        for i, ref in enumerate((r["left_ref"], r["right_ref"])):
            if ref.startswith("p:") and ref not in people:
                name = (r["field_weights"].get("_names") or ["", ""])[i]
                people[ref] = {"ref": ref, "kind": "person", "person_id": int(ref[2:]), "name": name}
    groups: dict[str, list[str]] = {}
    for ref, root in roots.items():
        groups.setdefault(root, []).append(ref)
    pairs: dict[str, list[dict[str, Any]]] = {}
    for r in joined:
        pairs.setdefault(roots[r["left_ref"]], []).append(
            {"id": r["id"], "left": r["left_ref"], "right": r["right_ref"], "match_probability": r["match_probability"],
             "judgement": r["judgement"], "weights": _weights(r["field_weights"])})
    ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    out = [{"cluster": root, "size": len(members),
            "records": [entries.get(ref) or people[ref] for ref in sorted(members)],
            "pairs": sorted(pairs.get(root, []), key=lambda p: -float(p["match_probability"] or 0))}
           for root, members in ordered]
    total = sum(int(v["entries"]) for v in list_lists(reg, principal))
    linked = [sum(1 for ref in members if ref.startswith("e:")) for members in groups.values()]
    return {"threshold": threshold, "entries": total,
            "people": total - sum(linked) + sum(1 for n in linked if n),
            "people_drawn": _people_drawn(readable, total),
            "linked_entries": sum(linked), "clusters": out}


def _people_drawn(pairs: list[dict[str, Any]], entries: int) -> dict[str, float | int]:
    """How many people the ``entries`` list entries make when each pair of the queue (down to
    ``DRAW_FLOOR``, under the review floor too) is drawn with its probability (a pair judged the same
    person always joins, one judged different never does): mean and the 5th to 95th percentile over
    ``draws.DRAWS`` drawings (``linkage.draws``)."""
    from aqiqat.linkage.draws import drawn_people  # numpy and scipy: loaded only when used

    refs = sorted({ref for r in pairs for ref in (r["left_ref"], r["right_ref"])})
    number = {ref: i for i, ref in enumerate(refs)}
    counted = np.array([ref.startswith("e:") for ref in refs], dtype=bool)
    probability = [1.0 if r["judgement"] == "positive" else 0.0 if r["judgement"] == "negative"
                   else float(r["match_probability"] or 0.0) for r in pairs]
    drawn = drawn_people(counted, [number[r["left_ref"]] for r in pairs], [number[r["right_ref"]] for r in pairs],
                         probability)
    alone = entries - int(counted.sum())  # entries in no pair: one person each
    return {**drawn.to_dict(), "mean": round(alone + drawn.mean, 1), "low": alone + drawn.low,
            "high": alone + drawn.high}


def last_link_threshold(reg: Register) -> float | None:
    """The threshold of the last link run (from its audit entry), or None when nothing was linked yet."""
    with reg.reading() as s:
        entry = s.scalar(select(AuditRow).where(AuditRow.entity == "link_run").order_by(AuditRow.seq.desc()).limit(1))
        if entry is None or not entry.after:
            return None
        after = open_audit_value(s, entry.after) if is_sealed_audit_value(entry.after) else json.loads(entry.after)
    value = after.get("threshold") if isinstance(after, dict) else None
    return float(value) if isinstance(value, int | float) else None


def default_threshold(reg: Register) -> float:
    """The last link run's threshold, within the range ``clusters`` takes (``DEFAULT_THRESHOLD`` before any
    run)."""
    last = last_link_threshold(reg)
    return DEFAULT_THRESHOLD if last is None else min(max(last, REVIEW_FLOOR), 0.999)


def linkage_summary(reg: Register, principal: Principal, threshold: float | None = None) -> dict[str, Any] | None:
    """How many people the linkage produced against the list entries, at ``threshold`` (default: the last
    link run's, within the range ``clusters`` takes); None when the reader sees no list."""
    if not list_lists(reg, principal):
        return None
    used = threshold if threshold is not None else default_threshold(reg)
    data = clusters(reg, principal, used)
    linked = sum(1 for c in data["clusters"] if any(r["kind"] == "entry" for r in c["records"]))
    return {"threshold": used, "entries": data["entries"], "people": data["people"], "clusters": linked,
            "people_drawn": data["people_drawn"], "linked_entries": data["linked_entries"],
            "linked": last_link_threshold(reg) is not None}
