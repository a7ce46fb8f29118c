"""Every dated event of the seed report's gold annotation resolves to the gold ISO date."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from aqiqat.nlp.dates import extract_dates

SEED = Path(__file__).resolve().parents[2] / ".." / "shared" / "seed"


def test_gold_event_dates_resolve() -> None:
    text = (SEED / "000_650a3b2ff033411a.txt").read_text(encoding="utf-8")
    gold = json.loads((SEED / "000_650a3b2ff033411a.gold.json").read_text(encoding="utf-8"))
    found = extract_dates(text, date.fromisoformat(gold["publication_date"]))
    by_text = {m.text: m for m in found}
    dated = [e for e in gold["events"] if e.get("date") and e.get("date_text")]
    assert len(dated) >= 6
    for e in dated:
        m = by_text.get(e["date_text"])
        assert m is not None, e["id"]
        assert m.value.iso() == e["date"], (e["id"], m.value.iso())
        assert text[m.start : m.end] == e["date_text"]


def test_gold_noise_and_other_numbers_are_not_dates() -> None:
    text = (SEED / "000_650a3b2ff033411a.txt").read_text(encoding="utf-8")
    gold = json.loads((SEED / "000_650a3b2ff033411a.gold.json").read_text(encoding="utf-8"))
    found = extract_dates(text, date.fromisoformat(gold["publication_date"]))
    timecode = next(n for n in gold["noise"] if n["text"] == "0540")
    assert not any(m.start <= timecode["offset"] < m.end for m in found)
    for n in gold["other_numbers"]:
        if n["kind"] == "date":
            assert {(m.start, m.value.iso()) for m in found} >= {(o, n["iso"]) for o in n["offsets"]}
