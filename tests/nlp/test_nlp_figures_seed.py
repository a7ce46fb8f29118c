"""The counts of the seed report's gold annotation, with qualifier, what is counted and the claimant."""

from __future__ import annotations

import json
from pathlib import Path

from aqiqat.nlp.figures import extract_figures

SEED = Path(__file__).resolve().parents[2] / ".." / "shared" / "seed"
COUNTED = {"f2": "protesters", "f3": "killed", "f4": "prisoners", "f5": "prisoners", "f6": "other"}
CLAIMANT = {"f2": "по разным оценкам", "f3": "По данным правозащитников"}


def test_gold_figures() -> None:
    text = (SEED / "000_650a3b2ff033411a.txt").read_text(encoding="utf-8")
    gold = json.loads((SEED / "000_650a3b2ff033411a.gold.json").read_text(encoding="utf-8"))
    found = {f.text: f for f in extract_figures(text)}
    counts = [g for g in gold["figures"] if not g.get("derived") and g.get("kind") != "age" and not g.get("unit")]
    assert [g["id"] for g in counts] == list(COUNTED)
    for g in counts:
        f = found.get(g["evidence"])
        assert f is not None, g["id"]
        assert f.value == g["value"] and f.max == g.get("max"), g["id"]
        assert f.qualifier.value == g.get("qualifier", "exact").replace(" ", "_"), g["id"]
        assert f.counted == COUNTED[g["id"]], g["id"]
        assert f.claimant_text == CLAIMANT.get(g["id"]), g["id"]
    # a ratio, an age and a timecode are not counts
    spans = [(f.start, f.end) for f in found.values()]
    for evidence in ("в два раза", "12-тилетняя", "0540"):
        at = text.index(evidence)
        assert not any(a < at + len(evidence) and at < b for a, b in spans), evidence
