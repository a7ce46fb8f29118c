"""Extraction throughput: articles per second with 1 and 2 worker processes, full extraction vs plain Natasha NER
(segmentation + NER only), on copies of the seed report and on factRuEval-2016's test documents.
OPENBLAS_NUM_THREADS=1 in every worker. Model loading is excluded from the timing (one warm-up document per
worker first); peak RSS is each worker's ru_maxrss after the run.

Usage: .venv/bin/python bench/extract_throughput_bench.py [--seed-copies 120]
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
        t0 = time.perf_counter()
        results = pool.map(_run, texts, chunksize=2)
        seconds = time.perf_counter() - t0
    rss: dict[int, int] = {}
    for _, pid, maxrss in results:
        rss[pid] = max(rss.get(pid, 0), maxrss)
    return {"articles_per_s": round(len(texts) / seconds, 1), "seconds": round(seconds, 2),
            "peak_rss_mb_per_worker": round(max(rss.values()) / 1024, 0)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed-copies", type=int, default=120)
    parser.add_argument("--corpora", default="seed,factrueval_test", help="comma-separated subset to run")
    args = parser.parse_args()
    seed = SEED.read_text(encoding="utf-8")
    corpora = {
        "seed": [seed] * args.seed_copies,
        "factrueval_test": [p.read_text(encoding="utf-8") for p in sorted(FACTRU.glob("*.txt"))],
    }
    result: dict[str, Any] = {"bench": "extract_throughput", "cores": os.cpu_count(),
                              "python": platform.python_version(), "natasha": version("natasha"),
                              "OPENBLAS_NUM_THREADS": 1, "runs": {}}
    wanted = set(args.corpora.split(","))
    for name, texts in corpora.items():
        if name not in wanted:
            continue
        chars = [len(t) for t in texts]
        result["runs"][name] = {"documents": len(texts), "median_chars": statistics.median(chars)}
        for mode in ("natasha_ner", "aqiqat"):
            for workers in (1, 2):
                result["runs"][name][f"{mode}_{workers}w"] = measure(mode, workers, texts)
                print(name, mode, workers, result["runs"][name][f"{mode}_{workers}w"], flush=True)
                write(result)  # after every measurement, so an interrupted run keeps what it measured
    print(json.dumps(result, ensure_ascii=False, indent=2))


def write(result: dict[str, Any]) -> None:
    out = ROOT / "bench" / "results" / "extract_throughput.md"
    lines = ["# Extraction throughput (articles/s) and peak memory per worker", "",
             f"{os.cpu_count()} cores, Python {platform.python_version()}, natasha {version('natasha')}, "
             "OPENBLAS_NUM_THREADS=1, spawn workers, model loading excluded.", "",
             "| corpus | docs | median chars | system | workers | articles/s | peak RSS MB/worker |",
             "|---|---|---|---|---|---|---|"]
    for name, run in result["runs"].items():
        for key, m in run.items():
            if isinstance(m, dict):
                mode, workers = key.rsplit("_", 1)
                lines.append(f"| {name} | {run['documents']} | {run['median_chars']} | {mode} | {workers[:-1]} | "
                             f"{m['articles_per_s']} | {m['peak_rss_mb_per_worker']} |")
    lines += ["", "```json", json.dumps(result, ensure_ascii=False, indent=2), "```", ""]
    out.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
