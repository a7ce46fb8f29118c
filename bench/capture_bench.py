"""Web capture of a local page: seconds per page, end to end (Chromium load, WARC, WACZ, screenshot, text,
yt-dlp for the page's video, RFC 3161 timestamp from a local `openssl ts` TSA, storage), on an embedded register.
Writes bench/results/capture.md.

    PYTHONPATH=src:. .venv/bin/python bench/capture_bench.py [--pages 10]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "results" / "capture.md"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=10)
    args = parser.parse_args()
    sys.path[:0] = [str(ROOT), str(ROOT / "src")]
    from tests.capture.servers import make_tsa, tsa, web_site

    from aqiqat.api.access import local_admin
    from aqiqat.api.capture import CaptureOptions, capture_url
    from aqiqat.api.register import Register
    from aqiqat.config import Settings

    me = local_admin("bench")
    with tempfile.TemporaryDirectory(prefix="capture-bench-") as tmp:
        work = Path(tmp)
        roots = make_tsa(work / "tsa") / "ca.crt"
        runs: dict[str, list[float]] = {"with video and timestamp": [], "page only": []}
        with web_site() as (base, _), tsa(roots.parent) as (tsa_url, _):
            data = work / "data"
            reg = Register.initialise(Settings(data_dir=data, database_url=f"sqlite:///{data / 'aqiqat.sqlite'}",
                                               user="bench", tsa_url=tsa_url, tsa_roots=roots))
            capture_url(reg, me, base + "/page.html")  # warm-up: imports, first browser start
            for _ in range(args.pages):
                t = time.perf_counter()
                assert capture_url(reg, me, base + "/page.html").timestamp == "verified"
                runs["with video and timestamp"].append(time.perf_counter() - t)
            plain = Register(reg.settings.with_(tsa_url=None))
            for _ in range(args.pages):
                t = time.perf_counter()
                assert capture_url(plain, me, base + "/page.html", CaptureOptions(videos=False)).status == "captured"
                runs["page only"].append(time.perf_counter() - t)
            reg.close()
            plain.close()
    result = {k: {"median_s": statistics.median(v), "min_s": min(v), "max_s": max(v)} for k, v in runs.items()}
    result["machine"] = {"cpus": os.cpu_count(), "python": platform.python_version()}
    print(json.dumps(result, indent=2))
    lines = ["# Web capture benchmark", "",
             f"A local page (Russian article, stylesheet, image, 3-second MP4) served by http.server; {args.pages} "
             f"captures each way after a warm-up; {os.cpu_count()} cores, Python {platform.python_version()}, "
             f"{time.strftime('%Y-%m-%d')}. Each capture starts its own headless Chromium.", "",
             "| capture | median s/page | min | max |", "|---|---|---|---|"]
    for k, v in runs.items():
        lines.append(f"| {k} | {statistics.median(v):.2f} | {min(v):.2f} | {max(v):.2f} |")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
