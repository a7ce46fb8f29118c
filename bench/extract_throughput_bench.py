"""Extraction throughput: articles per second with 1 and 2 worker processes, full extraction vs plain Natasha NER
(segmentation + NER only), measured in the same run, on
- seed: copies of the seed report (4,607 characters; repeated words profit from the per-process word caches),
- factrueval_4600: factRuEval-2016's test documents joined into seed-sized articles of distinct text,
- factrueval_test: factRuEval-2016's test documents as they are (median ~2,500 characters).
OPENBLAS_NUM_THREADS=1 in every worker. Model loading is excluded from the timing (one warm-up document per
worker first); peak RSS is each worker's ru_maxrss after the run. The machine is shared: every configuration
is measured --repeats times, interleaved, and the medians are reported with the load averages seen.

Usage: .venv/bin/python bench/extract_throughput_bench.py [--seed-copies 120] [--repeats 3]
"""

from __future__ import annotations

import os

os.environ["OPENBLAS_NUM_THREADS"] = "1"
os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import multiprocessing as mp  # noqa: E402
import platform  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from datetime import date  # noqa: E402
from importlib.metadata import version  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / ".." / "shared" / "seed" / "000_650a3b2ff033411a.txt"
FACTRU = ROOT / ".." / "shared" / "data" / "factRuEval-2016" / "testset"
_worker: Any = None


def _init(mode: str) -> None:
    global _worker
    sys.path.insert(0, str(ROOT / "src"))
    if mode == "aqiqat":
        from aqiqat.nlp.pipeline import ExtractionMeta, Extractor

        extractor = Extractor()
        meta = ExtractionMeta(language="ru", published_at=date(2022, 2, 4))
        _worker = lambda text: len(extractor.extract(text, meta))  # noqa: E731
    else:
        from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter

        segmenter, ner = Segmenter(), NewsNERTagger(NewsEmbedding())

        def plain(text: str) -> int:
            doc = Doc(text)
            doc.segment(segmenter)
            doc.tag_ner(ner)
            return len(doc.spans)

        _worker = plain


def _run(text: str) -> tuple[int, int, int]:
    n = _worker(text)
    return n, os.getpid(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def measure(mode: str, workers: int, texts: list[str]) -> dict[str, Any]:
    ctx = mp.get_context("spawn")
    with ctx.Pool(workers, initializer=_init, initargs=(mode,)) as pool:
        pool.map(_run, texts[:workers], chunksize=1)  # warm-up: models loaded in every worker
        load = os.getloadavg()[0]
        t0 = time.perf_counter()
        results = pool.map(_run, texts, chunksize=2)
        seconds = time.perf_counter() - t0
    rss: dict[int, int] = {}
    for _, pid, maxrss in results:
        rss[pid] = max(rss.get(pid, 0), maxrss)
    return {"articles_per_s": round(len(texts) / seconds, 1), "seconds": round(seconds, 2),
            "peak_rss_mb_per_worker": round(max(rss.values()) / 1024, 0), "load_1min_before": round(load, 2)}


def joined(texts: list[str], size: int) -> list[str]:
    """Whole documents joined (blank line between) into articles of at least ``size`` characters."""
    out: list[str] = []
    current: list[str] = []
    for text in texts:
        current.append(text.strip())
        if sum(len(t) + 2 for t in current) >= size:
            out.append("\n\n".join(current))
            current = []
    return out


def summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    rates = [r["articles_per_s"] for r in runs]
    return {"articles_per_s": round(statistics.median(rates), 1), "runs_articles_per_s": rates,
            "peak_rss_mb_per_worker": max(r["peak_rss_mb_per_worker"] for r in runs),
            "load_1min": [r["load_1min_before"] for r in runs]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed-copies", type=int, default=120)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--corpora", default="seed,factrueval_4600,factrueval_test",
                        help="comma-separated subset to run")
    args = parser.parse_args()
    seed = SEED.read_text(encoding="utf-8")
    # documents only: the folder also holds list.txt, a 100 KB list of file names
    factru = [p.read_text(encoding="utf-8") for p in sorted(FACTRU.glob("*.txt")) if p.with_suffix(".objects").exists()]
    corpora = {"seed": [seed] * args.seed_copies, "factrueval_4600": joined(factru, len(seed)),
               "factrueval_test": factru}
    result: dict[str, Any] = {"bench": "extract_throughput", "cores": os.cpu_count(),
                              "python": platform.python_version(), "natasha": version("natasha"),
                              "OPENBLAS_NUM_THREADS": 1, "repeats": args.repeats, "runs": {}}
    wanted = set(args.corpora.split(","))
    for name, texts in corpora.items():
        if name not in wanted:
            continue
        chars = [len(t) for t in texts]
        run: dict[str, Any] = {"documents": len(texts), "median_chars": statistics.median(chars)}
        result["runs"][name] = run
        measured: dict[str, list[dict[str, Any]]] = {}
        for _ in range(args.repeats):
            for workers in (1, 2):
                for mode in ("natasha_ner", "aqiqat"):
                    key = f"{mode}_{workers}w"
                    measured.setdefault(key, []).append(measure(mode, workers, texts))
                    print(name, key, measured[key][-1], flush=True)
                    run[key] = summary(measured[key])
                    w = f"{workers}w"
                    if f"aqiqat_{w}" in run and f"natasha_ner_{w}" in run:
                        run[f"ratio_{w}"] = round(run[f"aqiqat_{w}"]["articles_per_s"] /
                                                  run[f"natasha_ner_{w}"]["articles_per_s"], 2)
                    write(result)  # after every measurement, so an interrupted run keeps what it measured
    print(json.dumps(result, ensure_ascii=False, indent=2))


def write(result: dict[str, Any]) -> None:
    out = ROOT / "bench" / "results" / "extract_throughput.md"
    lines = ["# Extraction throughput (articles/s) and peak memory per worker", "",
             f"{os.cpu_count()} cores, Python {platform.python_version()}, natasha {version('natasha')}, "
             "OPENBLAS_NUM_THREADS=1, spawn workers, model loading excluded; medians of "
             f"{result['repeats']} interleaved runs on a shared machine (1-minute load average before each run "
             "in the last column).", "",
             "| corpus | docs | median chars | system | workers | articles/s (median) | runs | aqiqat/natasha | "
             "peak RSS MB/worker | load |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for name, run in result["runs"].items():
        for key, m in run.items():
            if isinstance(m, dict):
                mode, workers = key.rsplit("_", 1)
                ratio = run.get(f"ratio_{workers}", "") if mode == "aqiqat" else ""
                lines.append(f"| {name} | {run['documents']} | {run['median_chars']} | {mode} | {workers[:-1]} | "
                             f"{m['articles_per_s']} | {m['runs_articles_per_s']} | {ratio} | "
                             f"{m['peak_rss_mb_per_worker']} | {m['load_1min']} |")
    lines += ["", "```json", json.dumps(result, ensure_ascii=False, indent=2), "```", ""]
    out.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
