"""Entity accuracy on factRuEval-2016 (test part): Aqiqat's mentions vs plain Natasha NER, in one run.

Gold spans are built as Natasha's evaluation (naeval) builds them: a Person object is one span from its
first to its last character; an Org gives its org_name spans, a Location or LocOrg its loc_name spans (LOC);
overlapping spans are dropped (the later/inner one), and spans not aligned with razdel tokens are dropped.
Predictions get the same overlap and alignment filters. Three systems: plain Natasha NER, Aqiqat's mentions
(``find_mentions``) and ``aqiqat_drafts``, the spans of the person, place and organisation suggestions the full
extraction returns (what ``aqiqat suggestions --json`` gives, after entity resolution and its filters). Two
scores are printed: exact-span F1 (a predicted span counts if start, end and type equal a gold span) and
naeval's token-level F1 (IO tags over razdel tokens).

Usage: .venv/bin/python bench/extract_factrueval_bench.py [--limit N]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections import defaultdict
from importlib.metadata import version
from pathlib import Path

from razdel import tokenize

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data" / "factRuEval-2016" / "testset"
TYPES = ("PER", "LOC", "ORG")
Span = tuple[int, int, str]


def _filter_overlapping(spans: list[Span]) -> list[Span]:
    drop: set[int] = set()
    previous: Span | None = None
    for i in sorted(range(len(spans)), key=lambda k: (spans[k][0], -spans[k][1])):
        span = spans[i]
        if previous is not None and previous[1] > span[0]:
            drop.add(i)
            continue
        previous = span
    return [s for i, s in enumerate(spans) if i not in drop]


def _aligned(spans: list[Span], text: str) -> list[Span]:
    tokens = list(tokenize(text))
    starts, stops = {t.start for t in tokens}, {t.stop for t in tokens}
    return sorted((s for s in spans if s[0] in starts and s[1] in stops), key=lambda s: s[0])


def load_gold(stem: Path) -> tuple[str, list[Span]]:
    text = stem.with_suffix(".txt").read_text(encoding="utf-8")
    spans: dict[str, tuple[str, int, int]] = {}
    for line in stem.with_suffix(".spans").read_text(encoding="utf-8").splitlines():
        parts = line.split(None, 4)
        if len(parts) >= 4:
            spans[parts[0]] = (parts[1], int(parts[2]), int(parts[2]) + int(parts[3]))
    gold: list[Span] = []
    for line in stem.with_suffix(".objects").read_text(encoding="utf-8").splitlines():
        parts = line.split("#")[0].split()
        if len(parts) < 3:
            continue
        kind, members = parts[1], [spans[i] for i in parts[2:] if i in spans]
        if not members:
            continue
        if kind == "Person":
            gold.append((min(m[1] for m in members), max(m[2] for m in members), "PER"))
        elif kind == "Org":
            gold += _filter_overlapping([(m[1], m[2], "ORG") for m in members if m[0] == "org_name"])
        elif kind in ("LocOrg", "Location"):
            gold += _filter_overlapping([(m[1], m[2], "LOC") for m in members if m[0] == "loc_name"])
    return text, _aligned(_filter_overlapping(gold), text)


def token_f1(text: str, pred: list[Span], gold: list[Span], counts: dict[str, list[int]]) -> None:
    tokens = list(tokenize(text))

    def tags(spans: list[Span]) -> list[str | None]:
        out: list[str | None] = []
        for t in tokens:
            out.append(next((s[2] for s in spans if s[0] <= t.start and t.stop <= s[1]), None))
        return out

    p, g = tags(pred), tags(gold)
    for kind in TYPES:
        c = counts[kind]
        for a, b in zip(p, g, strict=True):
            c[0] += a == kind and b == kind
            c[1] += a == kind
            c[2] += b == kind


def exact_counts(pred: list[Span], gold: list[Span], counts: dict[str, list[int]]) -> None:
    gs = set(gold)
    for kind in TYPES:
        c = counts[kind]
        ps = [s for s in pred if s[2] == kind]
        c[0] += sum(1 for s in ps if s in gs)
        c[1] += len(ps)
        c[2] += sum(1 for s in gold if s[2] == kind)


def f1(c: list[int]) -> float:
    p = c[0] / c[1] if c[1] else 0.0
    r = c[0] / c[2] if c[2] else 0.0
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def table(counts: dict[str, list[int]]) -> dict[str, float]:
    out = {k: f1(counts[k]) for k in TYPES}
    total = [sum(counts[k][i] for k in TYPES) for i in range(3)]
    out["overall"] = f1(total)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from natasha import Doc

    from aqiqat.nlp.gazetteer import Gazetteer
    from aqiqat.nlp.mentions import find_mentions
    from aqiqat.nlp.models import Models
    from aqiqat.nlp.pipeline import ExtractionMeta, Extractor

    models = Models.load()
    extractor = Extractor(models)
    kinds = {"person": "PER", "place": "LOC", "organization": "ORG"}
    gazetteer = Gazetteer(models.morph)
    stems = sorted(DATA.glob("*.objects"))
    if args.limit:
        stems = stems[: args.limit]
    systems = ("natasha", "aqiqat", "aqiqat_drafts")
    exact: dict[str, dict[str, list[int]]] = {k: defaultdict(lambda: [0, 0, 0]) for k in systems}
    tokens: dict[str, dict[str, list[int]]] = {k: defaultdict(lambda: [0, 0, 0]) for k in systems}
    seconds = {k: 0.0 for k in systems}
    for stem in stems:
        text, gold = load_gold(stem.with_suffix(""))
        t0 = time.perf_counter()
        doc = Doc(text)
        doc.segment(models.segmenter)
        doc.tag_ner(models.ner_tagger)
        plain = [(s.start, s.stop, s.type) for s in doc.spans]
        t1 = time.perf_counter()
        doc = models.analyse(text, syntax=False)
        ours = [(m.start, m.end, m.type) for m in find_mentions(doc, text, gazetteer, models.morph)]
        t2 = time.perf_counter()
        # what `aqiqat suggestions --json` returns: every span of the person, place and organisation drafts
        drafts = [(sp.start, sp.end, kinds[d.kind.value]) for d in extractor.extract(text, ExtractionMeta("ru", None))
                  if d.kind.value in kinds for sp in d.spans]
        t3 = time.perf_counter()
        seconds["natasha"] += t1 - t0
        seconds["aqiqat"] += t2 - t1
        seconds["aqiqat_drafts"] += t3 - t2
        for name, pred in (("natasha", plain), ("aqiqat", ours), ("aqiqat_drafts", drafts)):
            pred = _aligned(_filter_overlapping(pred), text)
            exact_counts(pred, gold, exact[name])
            token_f1(text, pred, gold, tokens[name])
    result = {
        "bench": "extract_factrueval", "documents": len(stems), "cores": os.cpu_count(),
        "python": platform.python_version(), "natasha": version("natasha"), "slovnet": version("slovnet"),
        "exact_span_f1": {k: table(v) for k, v in exact.items()},
        "token_f1_naeval": {k: table(v) for k, v in tokens.items()},
        "seconds": {k: round(v, 2) for k, v in seconds.items()},
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    out = ROOT / "bench" / "results" / "extract_factrueval.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    lines = ["# factRuEval-2016 test part: entity F1, Aqiqat vs plain Natasha", "",
             f"{len(stems)} documents; {os.cpu_count()} cores; Python {platform.python_version()}; "
             f"natasha {version('natasha')}.", "",
             "| scoring | system | PER | LOC | ORG | overall |", "|---|---|---|---|---|---|"]
    for scoring in ("exact_span_f1", "token_f1_naeval"):
        for name, row in result[scoring].items():  # type: ignore[attr-defined]
            lines.append(f"| {scoring} | {name} | {row['PER']} | {row['LOC']} | {row['ORG']} | {row['overall']} |")
    lines += ["", "```json", json.dumps(result, ensure_ascii=False, indent=2), "```", ""]
    out.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
