"""Independent linkage test through the CLI: lists from bench/link_lists_gen.py, before and after.

For each seed and each code version (``before``: the source tree of a git ref, exported to a
temporary directory; ``after``: this worktree's src/), in a fresh data directory:
``aqiqat lists import`` each list, ``aqiqat link`` (wall time and peak RSS from /usr/bin/time),
``aqiqat queue --status all --json``, ``aqiqat lists clusters --json``. Clusters are those the
command gives (before it existed: the connected components of the queued pairs at the threshold);
list entries are mapped to the generator's people through the register's list_entries table (id,
list, row number). Reports pairwise precision, recall and F1, people counted against the true
number (and over linkages drawn from the pairs' probabilities, as ``aqiqat lists clusters`` says
it), time, memory and recall per pattern (a true pair counts for a pattern when either of its rows
has the pattern's tag).

Usage: PYTHONPATH=src .venv/bin/python bench/link_lists_bench.py --people 1000 --lists 3 --seeds 201,202
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from link_lists_gen import LISTS  # noqa: E402
from link_lists_write import HEADERS, write_lists  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(os.environ.get("AQIQAT_VENV", "/work/main/.venv"))


def export_ref(ref: str, into: Path) -> Path:
    """The src/ tree of git ``ref`` under ``into``."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "src"], check=True, capture_output=True).stdout
    into.mkdir(parents=True, exist_ok=True)
    tar = into / "src.tar"
    tar.write_bytes(archive)
    with tarfile.open(tar) as t:
        t.extractall(into, filter="data")
    return into / "src"


def cli(src: Path, data: Path, *args: str, timed: bool = False) -> tuple[str, str, dict[str, float]]:
    env = {**os.environ, "PYTHONPATH": str(src), "AQIQAT_DATA_DIR": str(data), "OPENBLAS_NUM_THREADS": "1"}
    cmd = [str(VENV / "bin" / "python"), "-m", "aqiqat.cli.main", *args]
    stats: dict[str, float] = {}
    if timed:
        cmd = ["/usr/bin/time", "-f", "TIME %e %M", *cmd]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)}: {done.stderr[-2000:]}")
    if timed:
        line = [x for x in done.stderr.splitlines() if x.startswith("TIME ")][-1].split()
        stats = {"seconds": float(line[1]), "peak_mb": float(line[2]) / 1024}
    return done.stdout, done.stderr, stats


def entry_map(data: Path) -> dict[str, tuple[str, int]]:
    db = next(p for p in data.rglob("*") if p.suffix in (".db", ".sqlite", ".sqlite3"))
    with sqlite3.connect(db) as con:
        rows = con.execute("SELECT e.id, l.name, e.row_number FROM list_entries e JOIN victim_lists l "
                           "ON l.id = e.list_id").fetchall()
    return {f"e:{i}": (name, int(row)) for i, name, row in rows}


def clusters(ids: list[str], pairs: list[tuple[str, str, float]], threshold: float) -> dict[str, str]:
    parent = {i: i for i in ids}

    def find(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b, p in pairs:
        if p >= threshold and a in parent and b in parent:
            parent[find(a)] = find(b)
    return {i: find(i) for i in ids}


def estimates(members: dict[str, set[str]]) -> dict[str, float]:
    """Log-linear (BIC) and LCMCR estimates of the total from who is on which list. LCMCR runs with the
    product's settings (its published reference: burn-in 10,000, 1,000 samples thinned by 100, two chains),
    as ``aqiqat estimate`` does, with a fixed seed: shorter chains (burn-in 1,000, 300 samples thinned by 5,
    up to the tenth round) moved the estimate of one table by up to 2% from seed to seed, as much as
    the linkage errors being measured."""
    from aqiqat.api.estimate import estimate_from_memberships

    out = {}
    for method, opts in (("loglinear", {}), ("lcmcr", {"seed": 1})):
        try:
            out[method] = float(estimate_from_memberships(members, method=method, criterion="bic", **opts)["n_hat"])
        except Exception as exc:  # noqa: BLE001 - an estimate that fails is reported, not fatal
            print(f"estimate {method}: {exc}", file=sys.stderr)
    return out


def evaluate(truth: dict[tuple[str, int], tuple[int, set[str]]], entries: dict[str, tuple[str, int]],
             pairs: list[tuple[str, str, float]], threshold: float,
             made: dict[str, str] | None = None) -> dict[str, object]:
    """Scores of the clusters ``made`` (entry -> cluster, as ``aqiqat lists clusters`` gives them; entries
    left out are alone), or of the connected components of ``pairs`` at ``threshold`` (a version without
    the command)."""
    ids = list(entries)
    found = {i: made.get(i, i) for i in ids} if made is not None else clusters(ids, pairs, threshold)
    person = {i: truth[entries[i]][0] for i in ids}
    true_pairs: set[tuple[str, str]] = set()
    by_person: dict[int, list[str]] = defaultdict(list)
    for i in ids:
        by_person[person[i]].append(i)
    for members in by_person.values():
        true_pairs |= {tuple(sorted(p)) for p in combinations(members, 2)}  # type: ignore[misc]
    by_cluster: dict[str, list[str]] = defaultdict(list)
    for i, c in found.items():
        by_cluster[c].append(i)
    found_pairs = {tuple(sorted(p)) for m in by_cluster.values() for p in combinations(m, 2)}
    tp = len(true_pairs & found_pairs)
    precision = tp / len(found_pairs) if found_pairs else 1.0
    # rows refused at import are true pairs never found: count them against recall
    all_true = Counter(p for p, _ in truth.values())
    n_true = sum(c * (c - 1) // 2 for c in all_true.values())
    recall = tp / n_true if n_true else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    # the same over the entries imported only (the linkage model apart from rows refused at import)
    recall_imported = tp / len(true_pairs) if true_pairs else 1.0
    f1_imported = 2 * precision * recall_imported / (precision + recall_imported) if precision else 0.0
    pattern_hits: Counter[str] = Counter()
    pattern_all: Counter[str] = Counter()
    rows_of: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for key, (pid, _) in truth.items():
        rows_of[pid].append(key)
    id_of = {v: k for k, v in entries.items()}
    for keys in rows_of.values():
        for a, b in combinations(keys, 2):
            tags = truth[a][1] | truth[b][1] or {"plain"}
            ia, ib = id_of.get(a), id_of.get(b)
            hit = ia is not None and ib is not None and found[ia] == found[ib]
            for t in tags:
                pattern_all[t] += 1
                pattern_hits[t] += hit
    true_members: dict[str, set[str]] = defaultdict(set)
    for (lst, _), (pid, _) in truth.items():
        true_members[str(pid)].add(lst)
    found_members: dict[str, set[str]] = defaultdict(set)
    for i, c in found.items():
        found_members[c].add(entries[i][0])
    est = {name: estimates(m) for name, m in (("true_links", true_members), ("linker_links", found_members))}
    return {"precision": precision, "recall": recall, "f1": f1, "people_counted": len(by_cluster),
            "recall_imported": recall_imported, "f1_imported": f1_imported,
            "estimates": est,
            "estimate_change": {k: round(est["linker_links"][k] / est["true_links"][k] - 1, 4)
                                for k in est["true_links"] if est["true_links"][k]},
            "people_true": len(all_true), "entries_true": len(truth), "entries_imported": len(entries),
            "recall_by_pattern": {t: round(pattern_hits[t] / pattern_all[t], 3) for t in sorted(pattern_all)},
            "true_pairs_by_pattern": dict(sorted(pattern_all.items()))}


def run(src: Path, lists_dir: Path, lists: tuple[str, ...], threshold: float) -> dict[str, object]:
    truth: dict[tuple[str, int], tuple[int, set[str]]] = {}
    with (lists_dir / "truth.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            truth[(r["list"], int(r["row"]))] = (int(r["person"]), set(r["tags"].split()))
    with tempfile.TemporaryDirectory(prefix="aqiqat-lists-bench-") as tmp:
        data = Path(tmp) / "data"
        refused = 0
        cli(src, data, "init")
        for name in lists:
            _, mapping = HEADERS[name]
            out, err, _ = cli(src, data, "lists", "import", str(lists_dir / f"{name}.csv"), "--source", name,
                              "--map", mapping, "--name", name)
            refused += sum(1 for line in err.splitlines() if line.startswith("row "))
        out, _, stats = cli(src, data, "link", "--threshold", str(threshold), timed=True)
        said = " ".join(out.split()).split("; ")[-1].split(" people")[0].strip()  # the console wraps lines
        queue, _, _ = cli(src, data, "queue", "--status", "all", "--limit", "100000000", "--json")
        rows = json.loads(queue)
        pairs = [(r["left_ref"], r["right_ref"], float(r["match_probability"])) for r in rows]
        # the people as `lists clusters` makes them (and beside the count: people over linkages drawn from the
        # pairs' probabilities)
        clustered, _, _ = cli(src, data, "lists", "clusters", "--threshold", str(threshold), "--json")
        listed = json.loads(clustered) if clustered.strip() else {}
        made = {r["ref"]: c["cluster"] for c in listed.get("clusters", []) for r in c["records"]} if listed else None
        result = evaluate(truth, entry_map(data), pairs, threshold, made)
        drawn = listed.get("people_drawn")
        # and `estimate --linkage-draws`: the estimates over ten linkages drawn from the queued pairs (the
        # LCMCR settings of ``estimates``), with the command's wall time
        over_draws: dict[str, object] = {}
        for method, extra in (("loglinear", []), ("lcmcr", ["--burn-in", "1000", "--samples", "300", "--thin", "5",
                                                            "--seed", "1"])):
            try:
                started = time.perf_counter()
                printed, _, _ = cli(src, data, "estimate", "--linkage-draws", "10", "--method", method, *extra,
                                    "--json")
                found = json.loads(printed)
                over_draws[method] = {"median": found["n_hat"]["median"], "low": found["n_hat"]["low"],
                                      "high": found["n_hat"]["high"], "seconds": time.perf_counter() - started}
            except (RuntimeError, ValueError, KeyError) as exc:  # a version without the option, or no estimate
                over_draws[method] = {"error": str(exc)[-300:]}
    return {**result, **stats, "rows_refused": refused, "link_says_people": int(said) if said.isdigit() else said,
            "queued_pairs": len(pairs), "people_drawn": drawn, "estimates_drawn": over_draws}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--lists", type=int, default=3)
    parser.add_argument("--seeds", default="201,202")
    parser.add_argument("--threshold", type=float, default=0.5, help="the product's default since 2026-12-07 (was 0.9)")
    parser.add_argument("--before", default="", help="git ref of the code before (default: none)")
    parser.add_argument("--out", default="")
    args = parser.parse_args()
    lists = LISTS[: args.lists]
    results = []
    with tempfile.TemporaryDirectory(prefix="aqiqat-lists-") as tmp:
        versions = {"after": ROOT / "src"}
        if args.before:
            versions = {"before": export_ref(args.before, Path(tmp) / "before"), **versions}
        for seed in (int(s) for s in args.seeds.split(",")):
            lists_dir = Path(tmp) / f"lists-{seed}"
            made = write_lists(args.people, lists, seed, lists_dir)
            for label, src in versions.items():
                started = time.perf_counter()
                r = run(src, lists_dir, lists, args.threshold)
                r = {"version": label, "seed": seed, **made, **r, "bench_seconds": time.perf_counter() - started}
                print(json.dumps(r), flush=True)
                results.append(r)
    summary = {"people": args.people, "lists": list(lists), "threshold": args.threshold, "before": args.before,
               "cores": os.cpu_count(), "load_average_at_end": os.getloadavg(), "python": platform.python_version(),
               "results": results}
    if args.out:
        Path(args.out).write_text(json.dumps(summary, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
