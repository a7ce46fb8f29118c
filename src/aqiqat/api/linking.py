"""Use cases: link people across lists and documents, the merge queue, and audited, reversible merges.

Record references: "e:<list entry id>" and "p:<person id>". A judgement (positive, negative, unsure) on
a candidate pair is a stored, attributed record; a new judgement supersedes the old one, never overwrites it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from sqlalchemy import or_, select

from aqiqat.api import levels
from aqiqat.api.access import Principal
from aqiqat.api.errors import Conflict, Forbidden, Invalid, NotFound
from aqiqat.api.lists import list_labels
from aqiqat.api.records import create_in, visible_levels
from aqiqat.api.register import Register, Unit, row_dict, utcnow
from aqiqat.api.sealing import clear_values
from aqiqat.domain.enums import AuditAction, Confidentiality
from aqiqat.linkage.clusters import DEFAULT_THRESHOLD
from aqiqat.linkage.linker import LinkageError, cluster_at, link_records
from aqiqat.security.redaction import pseudonym
from aqiqat.store.tables import LinkJudgementRow, ListEntryRow, PersonRow, VictimListRow

JUDGEMENTS = ("positive", "negative", "unsure")
REVIEW_FLOOR = 0.5  # the merge queue shows pairs from this match probability up
# pairs from here up are kept, those under the review floor hidden from the queue: the counts and estimates
# over drawn linkages (``clusters``, ``estimate``) draw them too, since a true pair scored 0.3 is one
# person as often as its probability says (at 20,000 people about 8% more pairs; the drawn count
# moved from 3.6% over the truth to 2.3%)
DRAW_FLOOR = 0.2


@dataclass(slots=True)
class LinkRun:
    records: int
    pairs: int
    queued: int
    clusters: int
    threshold: float
    engine: str
    timings: dict[str, float] = field(default_factory=dict)
    memberships: dict[str, set[str]] = field(default_factory=dict)
    kept_under_floor: int = 0  # new pairs under the review floor, kept for the drawn counts


def linkable_records(reg: Register, principal: Principal, include_people: bool = True) -> pd.DataFrame:
    """List entries (and people of the register) as rows for the linker; restricted people stay out."""
    rows: list[dict[str, Any]] = []
    seen = visible_levels(principal)
    with reg.reading() as s:
        lists = list_labels((r.id, row_dict(r)["name"]) for r in s.scalars(select(VictimListRow)))
        for e in s.scalars(select(ListEntryRow).where(ListEntryRow.confidentiality.in_(seen))):
            opened = row_dict(e) if e.sealed is not None else {}
            rows.append(
                {
                    "unique_id": f"e:{e.id}",
                    "source": lists.get(e.list_id, "?"),
                    "name": opened.get("name", e.name),
                    "age": e.age,
                    "birth_year": e.birth_year,
                    "sex": e.sex if e.sex != "unknown" else None,
                    "event_date": e.event_date,
                    "place": opened.get("place_text", e.place_text) or None,
                }
            )
        if include_people:
            for p in s.scalars(select(PersonRow).where(PersonRow.merged_into_id.is_(None))):
                if p.confidentiality == Confidentiality.RESTRICTED or not p.display_name:
                    continue
                rows.append(
                    {
                        "unique_id": f"p:{p.id}",
                        "source": "documents",
                        "name": p.display_name,
                        "age": p.age,
                        "birth_year": p.birth_year,
                        "sex": p.sex if p.sex != "unknown" else None,
                        "event_date": None,
                        "place": None,
                    }
                )
    return pd.DataFrame(
        rows, columns=["unique_id", "source", "name", "age", "birth_year", "sex", "event_date", "place"]
    )


def _field_weights(pair: pd.Series) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for col, value in pair.items():
        key = str(col)
        if key.endswith("_weight") and key != "match_weight":
            name = key[: -len("_weight")]
            label = pair.get(f"{name}_label")
            out[name] = {
                "weight": None
                if value is None or (isinstance(value, float) and math.isnan(value))
                else round(float(value), 3),
                "label": None if label is None else str(label),
            }
    out["_names"] = [str(pair.get("name_l", "")), str(pair.get("name_r", ""))]
    out["_sources"] = [str(pair.get("source_l", "")), str(pair.get("source_r", ""))]
    # what keeps two entries of one list apart in a cluster (``linkage.clusters.cluster_at``): the name
    # key, the birth year and the father's name of each side
    out["_keys"] = [[_plain(pair.get(f"{col}_{side}")) for col in CLUSTER_KEYS] for side in ("l", "r")]
    return out


CLUSTER_KEYS = ("full_key", "birth_year_est", "patronymic_root")


def _plain(value: Any) -> str | int | None:
    """A key as JSON holds it: missing (None, NaN, NA) is None, a whole number an int."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, int | float) and float(value).is_integer():
        return int(value)
    return str(value)


def link(
    reg: Register,
    principal: Principal,
    engine: str = "duckdb",
    threshold: float = DEFAULT_THRESHOLD,
    max_pairs: float = 1e6,
    include_people: bool = True,
    spark_session: Any | None = None,
) -> LinkRun:
    """Score candidate pairs; queue every pair above the review floor that no one has judged yet, and keep
    those between ``DRAW_FLOOR`` and the review floor (hidden from the queue) for the drawn counts."""
    if not principal.may_edit:
        raise Forbidden(f"{principal.username} ({principal.role}) may not link records")
    records = linkable_records(reg, principal, include_people)
    if len(records) < 2:
        raise Invalid("nothing to link: import at least one list (aqiqat lists import) or accept people")
    try:
        result = link_records(
            records, engine=engine, threshold=threshold, max_pairs=max_pairs, spark_session=spark_session
        )
    except LinkageError as exc:
        raise Invalid(str(exc)) from None
    pairs = result.pairs
    queued = kept = 0
    with reg.unit(principal) as unit:
        s = unit.session
        judged = {(j.left_ref, j.right_ref) for j in s.scalars(select(LinkJudgementRow))}
        for _, pair in pairs[pairs["match_probability"] >= DRAW_FLOOR].iterrows():
            left, right = sorted((str(pair["id_l"]), str(pair["id_r"])))
            if (left, right) in judged:
                continue
            s.add(
                LinkJudgementRow(
                    left_ref=left,
                    right_ref=right,
                    match_probability=float(pair["match_probability"]),
                    field_weights=_field_weights(pair),
                    judgement="pending",
                )
            )
            if float(pair["match_probability"]) >= REVIEW_FLOOR:
                queued += 1
            else:
                kept += 1
        unit.audit(
            AuditAction.CREATE,
            "link_run",
            engine,
            None,
            {"records": len(records), "pairs": len(pairs), "queued": queued, "kept_under_floor": kept,
             "threshold": threshold, "people": len(set(result.clusters.values()))},
        )
    sources = dict(zip(records["unique_id"], records["source"], strict=True))
    memberships: dict[str, set[str]] = {}
    for rid, cluster in result.clusters.items():
        memberships.setdefault(str(cluster), set()).add(sources[rid])
    return LinkRun(
        len(records), len(pairs), queued, len(memberships), threshold, result.engine, result.timings, memberships,
        kept,
    )


def queue(
    reg: Register, status: str = "pending", limit: int = 200, levels: list[str] | None = None,
    floor: float = REVIEW_FLOOR,
) -> list[dict[str, Any]]:
    """The merge queue (pairs not superseded), best first; with `levels`, only pairs at those levels. Pairs
    under ``floor`` (the review floor; ``DRAW_FLOOR`` for the drawn counts) are left out, unless judged."""
    with reg.reading() as s:
        query = select(LinkJudgementRow).where(LinkJudgementRow.superseded_by.is_(None))
        if floor > DRAW_FLOOR:
            query = query.where(or_(LinkJudgementRow.match_probability >= floor,
                                    LinkJudgementRow.judgement != "pending"))
        if levels is not None:
            query = query.where(LinkJudgementRow.confidentiality.in_(levels))
        if status != "all":
            query = query.where(LinkJudgementRow.judgement == status)
        rows = s.scalars(query.order_by(LinkJudgementRow.match_probability.desc()).limit(limit))
        return [row_dict(r) for r in rows]


def judge(reg: Register, principal: Principal, judgement_id: int, judgement: str, note: str = "") -> dict[str, Any]:
    """Record a judgement on a pair; positive merges the two, negative on a merged pair splits them again."""
    if judgement not in JUDGEMENTS:
        raise Invalid(f"judgement {judgement!r} is not one of {', '.join(JUDGEMENTS)}")
    if not principal.may_edit:
        raise Forbidden(f"{principal.username} ({principal.role}) may not merge records")
    with reg.unit(principal) as unit:
        s = unit.session
        old = s.get(LinkJudgementRow, judgement_id)
        if old is None or not principal.may_see(old.confidentiality):  # nobody merges what they cannot read
            raise NotFound(f"no candidate pair {judgement_id}")
        if old.superseded_by is not None:
            raise Conflict(f"pair {judgement_id} was judged again since (see {old.superseded_by}): reload the queue")
        effect: dict[str, Any] = {}
        if judgement == "positive" and old.judgement != "positive":
            effect = _merge(unit, old.left_ref, old.right_ref)
        elif judgement != "positive" and old.judgement == "positive":
            effect = _split(unit, old.field_weights.get("_effect") or {})
        new = LinkJudgementRow(
            left_ref=old.left_ref,
            right_ref=old.right_ref,
            match_probability=old.match_probability,
            field_weights={**old.field_weights, "_effect": effect, "_note": note},
            judgement=judgement,
            decided_by=principal.username,
            decided_at=utcnow(),
        )
        s.add(new)
        s.flush()
        old.superseded_by = new.id
        action = (
            AuditAction.MERGE
            if judgement == "positive"
            else (AuditAction.SPLIT if old.judgement == "positive" else AuditAction.DECIDE)
        )
        unit.audit(action, "link_judgement", new.id, row_dict(old), row_dict(new))
        return row_dict(new)


def _person_of(unit: Unit, ref: str) -> PersonRow | None:
    kind, _, raw = ref.partition(":")
    s = unit.session
    if kind == "p":
        person = s.get(PersonRow, int(raw))
        while person is not None and person.merged_into_id is not None:
            person = s.get(PersonRow, person.merged_into_id)
        return person
    entry = s.get(ListEntryRow, int(raw))
    if entry is None:
        raise NotFound(f"no list entry {raw}")
    return s.get(PersonRow, entry.person_id) if entry.person_id else None


def _merge(unit: Unit, left: str, right: str) -> dict[str, Any]:
    """Make both references one person; returns what was changed, so that a split can undo exactly that."""
    s = unit.session
    pl, pr = _person_of(unit, left), _person_of(unit, right)
    effect: dict[str, Any] = {"entries_set": [], "merged": None, "created": None}
    if pl is not None and pr is not None and pl.id != pr.id:
        keep, gone = sorted((pl, pr), key=lambda p: p.id)
        gone.merged_into_id = keep.id
        effect["merged"] = [gone.id, keep.id]
        target = keep
    else:
        target = pl or pr  # type: ignore[assignment]
    if target is None:
        first = s.get(ListEntryRow, int(left.partition(":")[2]))
        assert first is not None
        target = create_in(
            unit,
            "person",
            {
                "display_name": clear_values(first).get("name") or first.name,  # a sealed row's, opened
                "sex": first.sex,
                "age": first.age,
                "birth_year": first.birth_year,
                "confidentiality": "internal",
            },
            level=levels.top(levels.ref_level(s, ref) for ref in (left, right)),  # sealed from its first write
        )
        effect["created"] = target.id
    for ref in (left, right):
        kind, _, raw = ref.partition(":")
        if kind == "e":
            entry = s.get(ListEntryRow, int(raw))
            if entry is not None and entry.person_id != target.id:
                effect["entries_set"].append([entry.id, entry.person_id])
                entry.person_id = target.id
    s.flush()
    return effect


def _split(unit: Unit, effect: dict[str, Any]) -> dict[str, Any]:
    s = unit.session
    for entry_id, previous in effect.get("entries_set", []):
        entry = s.get(ListEntryRow, entry_id)
        if entry is not None:
            entry.person_id = previous
    if effect.get("merged"):
        gone = s.get(PersonRow, effect["merged"][0])
        if gone is not None:
            gone.merged_into_id = None
    s.flush()
    return {"undid": effect}


def memberships(reg: Register) -> dict[str, set[str]]:
    """Each person (or unlinked list entry) and the lists that name them, whoever may see them: for tests and
    benchmarks; what a reader is shown goes through ``estimate.register_memberships``."""
    out: dict[str, set[str]] = {}
    with reg.reading() as s:
        lists = list_labels((r.id, row_dict(r)["name"]) for r in s.scalars(select(VictimListRow)))
        merged = {
            p.id: p.merged_into_id for p in s.scalars(select(PersonRow).where(PersonRow.merged_into_id.is_not(None)))
        }
        for e in s.scalars(select(ListEntryRow)):
            pid = e.person_id
            while pid in merged:
                pid = merged[pid]
            key = f"p:{pid}" if pid else f"e:{e.id}"
            out.setdefault(key, set()).add(lists[e.list_id])
    return out


def clusters_by_threshold(
    reg: Register, principal: Principal, thresholds: list[float]
) -> dict[float, dict[str, set[str]]]:
    """How the linked people move with the threshold (missed links inflate an estimate)."""
    records = linkable_records(reg, principal, include_people=False)
    result = link_records(records, threshold=min(thresholds))
    sources = dict(zip(records["unique_id"], records["source"], strict=True))
    out: dict[float, dict[str, set[str]]] = {}
    for t in thresholds:
        groups: dict[str, set[str]] = {}
        for rid, cluster in cluster_at(result.pairs, t, ids=list(records["unique_id"])).items():
            groups.setdefault(str(cluster), set()).add(sources[rid])
        out[t] = groups
    return out


def visible_queue(
    reg: Register, principal: Principal, status: str = "pending", limit: int = 200, floor: float = REVIEW_FLOOR
) -> list[dict[str, Any]]:
    """The merge queue as ``principal`` may read it: pairs resting on a record above their clearance (a list
    row or a person made restricted since the link run) are left out; see also ``mask_hidden_people``."""
    return mask_hidden_people(reg, principal, queue(reg, status, limit, visible_levels(principal), floor))


def mask_hidden_people(reg: Register, principal: Principal, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Queue rows with every person of the register that ``principal`` is not cleared for (restricted since
    the link run) under a pseudonym, never by the name written at link time nor its name key, birth year or
    father's name (``_keys``)."""
    ids = {int(ref[2:]) for r in rows for ref in (r["left_ref"], r["right_ref"]) if ref.startswith("p:")}
    if not ids:
        return rows
    with reg.reading() as s:
        hidden = {
            p.id
            for p in s.scalars(select(PersonRow).where(PersonRow.id.in_(ids)))
            if not principal.may_see(p.confidentiality)
        }
    for r in rows:
        names = list(r["field_weights"].get("_names") or ["", ""])
        keys = [list(k) for k in r["field_weights"].get("_keys") or [[None] * len(CLUSTER_KEYS)] * 2]
        for i, ref in enumerate((r["left_ref"], r["right_ref"])):
            if ref.startswith("p:") and int(ref[2:]) in hidden:
                names[i] = pseudonym(int(ref[2:]))
                keys[i] = [None] * len(CLUSTER_KEYS)  # the name key, birth year and father's name are theirs too
        r["field_weights"] = {**r["field_weights"], "_names": names, "_keys": keys}
    return rows

