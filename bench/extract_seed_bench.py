"""Extraction against the seed report's hand annotation (../shared/seed/*.gold.json).

Persons: a predicted person is right when its nominative name equals the gold `name_nominative`; mention
recall counts gold mention offsets covered by a span of the right person. Places: name equality (named places
only: country, city, region). Dated events: a gold event with an ISO date is found when a predicted event of the
same type (or a gold secondary type; type `other` only with the gold's subtype) carries that ISO date.
Figures: value (and qualifier when the gold gives one). Quotes: span overlap, and the speaker's name equal to
the gold speaker. `uncertain` gold items are reported separately.
Usage: .venv/bin/python bench/extract_seed_bench.py [--unpublished]  (the latter: no publication date given)
"""

from __future__ import annotations

import json
import os
import platform
import re
import sys
import time
from datetime import date
from importlib.metadata import version
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / ".." / "shared" / "seed"


def pr(found: int, gold: int, right: int, predicted: int) -> dict[str, Any]:
    return {"recall": f"{found}/{gold}", "precision": f"{right}/{predicted}",
            "r": round(found / gold, 3) if gold else None, "p": round(right / predicted, 3) if predicted else None}


def _stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[а-яёa-z]{3,}", text.lower())}


def _same_claimant(predicted: str | None, gold: str) -> bool:
    """The predicted claimant's first word (stem) among the gold's words; None (the document itself) matches
    the outlet's narration («Белсат ...»)."""
    if predicted is None or predicted == "the document":
        return "Белсат" in gold
    words = re.findall(r"[а-яёa-z]{3,}", predicted.lower())
    return bool(words) and words[0][:5] in _stems(gold)


def claims_result(text: str, gold: list[dict[str, Any]], claims: list[Any]) -> dict[str, Any]:
    """A gold claim is found when a predicted claim's span overlaps the gold `evidence` passage; its claimant
    is right when `_same_claimant`; a disputed gold claim is caught when an overlapping prediction has a
    disputer named in the gold's `disputed_by`. A prediction is right when it overlaps some gold evidence."""
    spans = []
    for g in gold:
        at = text.find(g["evidence"])
        spans.append((at, at + len(g["evidence"])) if at >= 0 else None)
    found, asserted, disputed, missing = [], [], [], []
    for g, sp in zip(gold, spans, strict=True):
        match = [c for c in claims if sp and c.spans[0].start < sp[1] and sp[0] < c.spans[0].end]
        if not match:
            missing.append(f"{g['id']} {g['evidence'][:50]}")
            continue
        found.append(g["id"])
        if any(_same_claimant(c.payload["claimant"], g["asserted_by"]) for c in match):
            asserted.append(g["id"])
        if g.get("disputed") and any(_same_claimant(who, " ".join(g.get("disputed_by", [])))
                                     for c in match for who in c.payload["disputed_by"]):
            disputed.append(g["id"])
    right = sum(any(sp and c.spans[0].start < sp[1] and sp[0] < c.spans[0].end for sp in spans) for c in claims)
    out = pr(len(found), len(gold), right, len(claims))
    out["with_right_claimant"] = f"{len(asserted)}/{len(gold)}"
    out["disputed_with_a_right_disputer"] = f"{len(disputed)}/{sum(bool(g.get('disputed')) for g in gold)}"
    out["missing"] = missing
    out["wrong"] = [c.payload["text"][:60] for c in claims
                    if not any(sp and c.spans[0].start < sp[1] and sp[0] < c.spans[0].end for sp in spans)]
    return out


def main() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from aqiqat.nlp.pipeline import ExtractionMeta, Extractor

    text = (SEED / "000_650a3b2ff033411a.txt").read_text(encoding="utf-8")
    gold = json.loads((SEED / "000_650a3b2ff033411a.gold.json").read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    extractor = Extractor()
    load = time.perf_counter() - t0
    unpublished = "--unpublished" in sys.argv  # as if ingested without --published: dates from the text alone
    published = None if unpublished else date.fromisoformat(gold["publication_date"])
    meta = ExtractionMeta(language="ru", published_at=published)
    t0 = time.perf_counter()
    drafts = extractor.extract(text, meta)
    seconds = time.perf_counter() - t0
    by_kind: dict[str, list[Any]] = {}
    for d in drafts:
        by_kind.setdefault(d.kind.value, []).append(d)
    result: dict[str, Any] = {"bench": "extract_seed", "cores": os.cpu_count(), "python": platform.python_version(),
                              "natasha": version("natasha"), "load_s": round(load, 2),
                              "extract_s": round(seconds, 3)}

    persons = by_kind.get("person", [])
    names = {p.payload["name"] for p in persons}
    for label, items in (("persons", [p for p in gold["persons"] if not p.get("uncertain")]),
                         ("persons_uncertain", [p for p in gold["persons"] if p.get("uncertain")])):
        found = [p for p in items if p["name_nominative"] in names]
        result[label] = pr(len(found), len(items), len(found), len(items))
        result[label]["missing"] = [p["name_nominative"] for p in items if p["name_nominative"] not in names]
    all_gold = {p["name_nominative"] for p in gold["persons"]}
    result["persons"]["precision"] = f"{sum(n in all_gold for n in names)}/{len(names)}"
    result["persons"]["p"] = round(sum(n in all_gold for n in names) / len(names), 3)
    result["persons"]["wrong"] = sorted(n for n in names if n not in all_gold)
    occurrences = covered = 0
    for p in gold["persons"]:
        spans = [(s.start, s.end) for d in persons if d.payload["name"] == p["name_nominative"] for s in d.spans]
        for occ in p["mention_occurrences"]:
            occurrences += 1
            covered += any(s <= occ["offset"] < e for s, e in spans)
    result["person_mentions_recall"] = f"{covered}/{occurrences}"

    named_places = [p for p in gold["places"] if p["type"] in ("country", "city", "region")]
    predicted_places = {p.payload["name"].lower() for p in by_kind.get("place", [])}
    found = [p for p in named_places if p["name_nominative"].lower() in predicted_places]
    gold_places = {p["name_nominative"].lower() for p in gold["places"]}
    result["places_named"] = pr(len(found), len(named_places), len(predicted_places & gold_places),
                                len(predicted_places))

    events = by_kind.get("event", [])

    def gold_labels(e: dict[str, Any]) -> set[str]:  # type "other" counts only with the gold's subtype
        return {f"other:{e.get('subtype')}" if t == "other" else t for t in (e["type"], *e.get("secondary_types", []))}

    def label(x: Any) -> str:
        t = x.payload["type"]
        return f"other:{x.payload.get('subtype')}" if t == "other" else t

    dated = [e for e in gold["events"] if e.get("date")]
    hits = []
    for e in dated:
        types = gold_labels(e)
        hits.append(any(label(x) in types and x.payload["date"] and x.payload["date"]["iso"] == e["date"]
                        for x in events))
    date_only = [any(x.payload["date"] and x.payload["date"]["iso"] == e["date"] for x in events) for e in dated]
    gold_types = [gold_labels(e) for e in gold["events"]]
    right = sum(any(label(x) in t for t in gold_types) for x in events)
    result["dated_events"] = pr(sum(hits), len(dated), right, len(events))
    result["dated_events"]["date_found_any_type"] = f"{sum(date_only)}/{len(dated)}"
    result["dated_events"]["missing"] = [f"{e['id']} {e['type']} {e['date']}" for e, h in zip(dated, hits,
                                                                                           strict=True) if not h]
    result["events_typed_any"] = pr(sum(any(label(x) in t for x in events) for t in gold_types),
                                    len(gold_types), right, len(events))

    figures = by_kind.get("figure", [])
    gfig = [f for f in gold["figures"] if not f.get("uncertain")]

    def fig_match(g: dict[str, Any], x: Any) -> bool:
        same = x.payload["value"] == g["value"] or (g.get("max") and x.payload["max"] == g["max"])
        return bool(same) and (not g.get("qualifier") or x.payload["qualifier"].replace("_", " ") == g["qualifier"])

    found_f = [g for g in gfig if any(fig_match(g, x) for x in figures)]
    right_f = [x for x in figures if any(fig_match(g, x) for g in gold["figures"])]
    result["figures"] = pr(len(found_f), len(gfig), len(right_f), len(figures))

    quotes = by_kind.get("quote", [])
    q_found = q_speaker = 0
    for g in gold["quotes"]:
        start, end = g["offset"], g["offset"] + len(g["text"])
        match = [x for x in quotes if x.spans[0].start < end and start < x.spans[0].end]
        q_found += bool(match)
        q_speaker += any(x.payload["speaker"] == g["speaker"] for x in match)
    right_q = sum(any(x.spans[0].start < g["offset"] + len(g["text"]) and g["offset"] < x.spans[0].end
                      for g in gold["quotes"]) for x in quotes)
    result["quotes"] = pr(q_found, len(gold["quotes"]), right_q, len(quotes))
    result["quotes_with_right_speaker"] = f"{q_speaker}/{len(gold['quotes'])}"
    result["claims"] = claims_result(text, gold["claims"], by_kind.get("claim", []))
    print(json.dumps(result, ensure_ascii=False, indent=2))
    out = ROOT / "bench" / "results" / ("extract_seed_unpublished.md" if unpublished else "extract_seed.md")
    out.parent.mkdir(parents=True, exist_ok=True)
    title = " (no publication date given)" if unpublished else ""
    out.write_text(f"# Extraction vs the seed report's gold annotation{title}\n\n```json\n"
                   + json.dumps(result, ensure_ascii=False, indent=2) + "\n```\n", encoding="utf-8")


if __name__ == "__main__":
    main()
