"""Report models of one event (incident report) and one person, built from the read layer only."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from aqiqat.api.access import Principal
from aqiqat.api.exchange_rows import list_actors
from aqiqat.api.records import get_record
from aqiqat.api.register import Register
from aqiqat.api.report_reads import evidence_documents, quotes_in
from aqiqat.api.stats import map_points, timeline
from aqiqat.api.web_queries import adopted_figures, sources_of
from aqiqat.reports import svgmap
from aqiqat.reports.labels import value
from aqiqat.reports.model import Report


def span(lo: Any, hi: Any) -> str:
    if lo is None and hi is None:
        return ""
    if hi is None or hi == lo:
        return f"{lo:g}" if isinstance(lo, float) else str(lo)
    if lo is None:
        return f"≤ {hi}"
    return f"{lo:g}–{hi:g}" if isinstance(lo, float) else f"{lo}–{hi}"


def dates(rec: dict[str, Any], lang: str) -> str:
    start, end = rec.get("start_date"), rec.get("end_date")
    text = start or "?"
    if end and end != start:
        text += f" – {end}"
    return f"{text} ({value(lang, rec.get('date_precision'))})"


def source_names(reg: Register, principal: Principal, evidence: list[dict[str, Any]]) -> str:
    """Who reported it, with the document numbers of the evidence list: "Правозащитный центр [1, 4]"."""
    docs: dict[str, list[str]] = {}
    for d in sources_of(reg, principal, evidence):
        docs.setdefault(d["source"] or "—", []).append(str(d["document_id"]))
    return "; ".join(f"{name} [{', '.join(ids)}]" for name, ids in docs.items())


def claims_section(r: Report, reg: Register, principal: Principal, claims: list[dict[str, Any]],
                   L: dict[str, str], lang: str) -> None:
    r.h2(L["claims"])
    adopted = adopted_figures(reg, principal, sorted({c["subject"] for c in claims if c.get("subject")}))
    actors = {a["id"]: a["name"] for a in list_actors(reg, principal)}
    rows = []
    for c in claims:
        a = adopted.get(c.get("subject") or "")
        shown = L["withheld"] if a and a.get("withheld") else (
            f"{span(a['value_min'], a['value_max'])} ({value(lang, a['rule'])})" if a else "")
        claimant = (c.get("claimant_label") or actors.get(c.get("claimant_actor_id") or -1)
                    or source_names(reg, principal, c.get("evidence") or []) or "?")
        rows.append([claimant, c.get("text", ""), f"{value(lang, c.get('qualifier'))} "
                     f"{span(c.get('value_min', c.get('value')) or c.get('value'), c.get('value_max'))}".strip(),
                     c.get("claimed_on") or "", c.get("subject") or "", shown])
    r.table([L["claimant"], L["claim"], L["value"], L["claimed_on"], L["subject"], f"{L['adopted']} ({L['rule']})"],
            rows, L["none"])


def evidence_section(r: Report, reg: Register, principal: Principal, doc_ids: set[int], L: dict[str, str]) -> None:
    r.h2(L["evidence"])
    rows = []
    for d in evidence_documents(reg, principal, doc_ids):
        if d["withheld"]:
            rows.append([d["id"], d["title"], L["withheld"], "", "", ""])
        else:
            rows.append([d["id"], d["title"], d["sha256"], d.get("published_at") or "", d["retrieved_at"],
                         d["timestamp"]])
    r.table(["#", L["document"], "SHA-256", L["published"], L["retrieved"], L["timestamp"]], rows, L["none"])


def incident(reg: Register, principal: Principal, event_id: int, r: Report, L: dict[str, str], lang: str,
             atlas: Any) -> None:
    rec = get_record(reg, principal, "event", event_id)
    r.title = f"{L['incident']}: {rec['title']}"
    r.subtitle = f"{value(lang, rec['type'])} · {dates(rec, lang)} · {(rec.get('place') or {}).get('name', '')}"
    r.h2(L["what"])
    place = rec.get("place") or {}
    r.kv([(L["type"], value(lang, rec["type"])), (L["date"], dates(rec, lang)), (L["date_text"], rec.get("date_text")),
          (L["place"], place.get("name")), (L["location_precision"], value(lang, rec.get("location_precision"))),
          (L["grade"], value(lang, rec.get("grade"))),
          (L["killed"], span(rec.get("killed_min"), rec.get("killed_max"))),
          (L["injured"], span(rec.get("injured_min"), rec.get("injured_max"))),
          (L["detained"], span(rec.get("detained_min"), rec.get("detained_max"))),
          (L["sources"], source_names(reg, principal, rec.get("evidence") or []))])
    r.p(rec.get("description") or "")
    start = date.fromisoformat(rec["start_date"]) if rec.get("start_date") else None
    end = date.fromisoformat(rec["end_date"]) if rec.get("end_date") else start
    lo, hi = (start - timedelta(days=7), (end or start) + timedelta(days=7)) if start else (None, None)
    r.h2(L["map"])
    points = [p for p in map_points(reg, principal, lo, hi) if p["event_id"] == event_id]
    points += [p for p in map_points(reg, principal, lo, hi) if p["event_id"] != event_id][:30]
    marks = [svgmap.Point(p["lat"], p["lon"], p["place"] if p["event_id"] == event_id else p["title"][:40],
                          7 if p["event_id"] == event_id else 4) for p in points]
    if marks:
        r.svg(svgmap.render(marks, atlas))
    else:
        r.note(L["no_map"])
    r.h2(L["timeline"])
    days = timeline(reg, principal, lo, hi) if lo else []
    r.table([L["day"], L["events"], L["killed"], L["type"]],
            [[d["day"], d["events"], span(d["killed_min"], d["killed_max"]),
              ", ".join(f"{value(lang, t)} ({n})" for t, n in d["types"].items())] for d in days], L["none"])
    doc_ids = {e["document_id"] for e in rec.get("evidence") or [] if e.get("document_id")}
    own = source_names(reg, principal, rec.get("evidence") or [])
    for part, label in (("victims", "victims"), ("perpetrators", "perpetrators"), ("witnesses", "witnesses")):
        r.h2(L[label])
        rows = []
        for inv in rec.get(part) or []:
            doc_ids |= {e["document_id"] for e in inv.get("evidence") or [] if e.get("document_id")}
            detail = inv.get("harm") or inv.get("mode") or ""
            extra = ", ".join(f"{k}: {v}" for k, v in (inv.get("attributes") or {}).items())
            rows.append([inv.get("name") or (f"{inv.get('count', 1)} ×" if not inv.get("person_id") else ""),
                         value(lang, detail) + (f" ({extra})" if extra else ""),
                         source_names(reg, principal, inv.get("evidence") or [])  # else the event's, but a
                         or ("" if part == "witnesses" else own),  # witness's account is not the event's report
                         value(lang, rec.get("grade"))])
        r.table([L["name"], L["harm"] if part == "victims" else L["mode"], L["sources"], L["grade"]], rows, L["none"])
    for c in rec.get("claims") or []:
        doc_ids |= {e["document_id"] for e in c.get("evidence") or [] if e.get("document_id")}
    claims_section(r, reg, principal, rec.get("claims") or [], L, lang)
    r.h2(L["quotes"])
    r.table([L["speaker"], L["quote"]], [[f"{q['speaker']}" + (f" ({q['role']})" if q["role"] else ""), q["text"]]
                                         for q in quotes_in(reg, principal, doc_ids)], L["none"])
    evidence_section(r, reg, principal, doc_ids, L)


def person(reg: Register, principal: Principal, person_id: int, r: Report, L: dict[str, str], lang: str) -> None:
    rec = get_record(reg, principal, "person", person_id)
    r.title = f"{L['person']}: {rec['display_name']}"
    r.subtitle = value(lang, rec.get("affiliation"))
    r.h2(L["details"])
    r.kv([(L["name"], rec["display_name"]), (L["sex"], value(lang, rec.get("sex"))), (L["age"], rec.get("age")),
          (L["birth_year"], rec.get("birth_year")), (L["affiliation"], value(lang, rec.get("affiliation"))),
          (L["occupation"], rec.get("occupation"))])
    r.h2(L["events"])
    rows, doc_ids = [], {e["document_id"] for e in rec.get("evidence") or [] if e.get("document_id")}
    for inv in rec.get("involvements") or []:
        ev = get_record(reg, principal, "event", inv["event_id"])
        doc_ids |= {e["document_id"] for e in ev.get("evidence") or [] if e.get("document_id")}
        rows.append([dates(ev, lang), ev["title"], (ev.get("place") or {}).get("name", ""),
                     value(lang, inv["role"]) + (f", {value(lang, inv.get('harm'))}" if inv.get("harm") else ""),
                     source_names(reg, principal, ev.get("evidence") or []), value(lang, ev.get("grade"))])
    r.table([L["date"], L["events"], L["place"], L["role"], L["sources"], L["grade"]], rows, L["none"])
    evidence_section(r, reg, principal, doc_ids, L)
