"""Telegram Desktop exports: the streamed reader on 1,000,000 messages, and a full import of 100,000.

Each measure runs in its own child process, so its peak memory (max RSS) is its own:
- stream: `iter_export` + `read_message` over a generated single-chat result.json (messages/s, peak RSS);
- json.load: the plain standard-library load of the same smaller file, in the same run (the baseline);
- import: `import_path` of a 100,000-message export into a fresh SQLite register (posts/s, peak RSS).
Prints JSON and writes bench/results/telegram.md.

    PYTHONPATH=src:. .venv/bin/python bench/telegram_bench.py [--stream 1000000] [--small 100000] [--import 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "results" / "telegram.md"

STREAM = """
import resource, time, json, sys
from aqiqat.ingest.telegram_stream import iter_export, RawMessage
from aqiqat.ingest.telegram_format import read_message
t = time.perf_counter(); n = 0; chars = 0
with open(sys.argv[1], "rb") as f:
    for item in iter_export(f):
        if isinstance(item, RawMessage):
            m = read_message(item.chat, item.raw); n += 1; chars += len(m.text)
s = time.perf_counter() - t
print(json.dumps({"messages": n, "seconds": s, "chars": chars,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

JSON_LOAD = """
import resource, time, json, sys
t = time.perf_counter()
with open(sys.argv[1], encoding="utf-8") as f:
    data = json.load(f)
n = len(data["messages"])
s = time.perf_counter() - t
print(json.dumps({"messages": n, "seconds": s,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

IMPORT = """
import resource, time, json, sys
from pathlib import Path
from aqiqat.api.access import local_admin
from aqiqat.api.register import Register
from aqiqat.api.telegram_import import import_path
from aqiqat.config import Settings
data = Path(sys.argv[2])
reg = Register.initialise(Settings(data_dir=data, database_url=f"sqlite:///{data / 'aqiqat.sqlite'}", user="bench"))
t = time.perf_counter()
report = import_path(reg, local_admin("bench"), Path(sys.argv[1]))
s = time.perf_counter() - t
t = time.perf_counter()
again = import_path(reg, local_admin("bench"), Path(sys.argv[1]))
s2 = time.perf_counter() - t
reg.close()
print(json.dumps({"posts": report.posts, "failed": len(report.failed), "seconds": s,
                  "reimport_seconds": s2, "reimport_unchanged": again.unchanged,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def child(code: str, *args: str) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}:{ROOT}"}
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stream", type=int, default=1_000_000)
    parser.add_argument("--small", type=int, default=100_000)
    parser.add_argument("--import", dest="imported", type=int, default=100_000)
    args = parser.parse_args()
    sys.path[:0] = [str(ROOT), str(ROOT / "src")]
    from tests.ingest.telegram_fixtures import write_big_channel

    with tempfile.TemporaryDirectory(prefix="tg-bench-") as tmp:
        work = Path(tmp)
        small = work / "small.json"
        small_size = write_big_channel(small, args.small)
        results: dict[str, Any] = {
            "small_file_mb": small_size / 1e6,
            "json_load": child(JSON_LOAD, str(small)),
            "stream_small": child(STREAM, str(small)),
        }
        big = work / "big.json"
        results["big_file_mb"] = write_big_channel(big, args.stream) / 1e6
        results["stream_big"] = child(STREAM, str(big))
        big.unlink()
        export = work / "export"
        export.mkdir()
        if args.imported == args.small:
            small.rename(export / "result.json")
        else:
            write_big_channel(export / "result.json", args.imported)
        results["import"] = child(IMPORT, str(export), str(work / "register"))
    results["machine"] = {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}
    import ijson

    results["versions"] = {"ijson": ijson.__version__, "backend": ijson.backend}
    print(json.dumps(results, indent=2))
    write_markdown(results, args)


def write_markdown(r: dict[str, Any], args: argparse.Namespace) -> None:
    def rate(d: dict[str, Any], key: str = "messages") -> str:
        return f"{d[key] / d['seconds']:,.0f}"

    imp = r["import"]
    lines = [
        "# Telegram export benchmark",
        "",
        f"Generated single-chat Telegram Desktop exports (Russian and Kazakh posts, a third with a hashtag entity), "
        f"{r['machine']['cpus']} cores, Python {r['machine']['python']}, ijson {r['versions']['ijson']} "
        f"({r['versions']['backend']}); each measure in its own process (peak = its max RSS). "
        f"Run: `PYTHONPATH=src:. .venv/bin/python bench/telegram_bench.py` on {time.strftime('%Y-%m-%d')}.",
        "",
        "| measure | messages | file (MB) | seconds | messages/s | peak RSS (MB) |",
        "|---|---|---|---|---|---|",
        f"| streamed reader (`iter_export` + `read_message`) | {r['stream_big']['messages']:,} | "
        f"{r['big_file_mb']:,.0f} | {r['stream_big']['seconds']:.1f} | {rate(r['stream_big'])} | "
        f"{r['stream_big']['peak_mb']:.0f} |",
        f"| streamed reader, smaller file | {r['stream_small']['messages']:,} | {r['small_file_mb']:,.0f} | "
        f"{r['stream_small']['seconds']:.1f} | {rate(r['stream_small'])} | {r['stream_small']['peak_mb']:.0f} |",
        f"| baseline: `json.load` of the smaller file (no text rebuilt) | {r['json_load']['messages']:,} | "
        f"{r['small_file_mb']:,.0f} | {r['json_load']['seconds']:.1f} | {rate(r['json_load'])} | "
        f"{r['json_load']['peak_mb']:.0f} |",
        f"| full import into SQLite (`import_path`) | {imp['posts']:,} | — | {imp['seconds']:.1f} | "
        f"{rate(imp, 'posts')} | {imp['peak_mb']:.0f} |",
        f"| re-import of the same export (all unchanged) | {imp['reimport_unchanged']:,} | — | "
        f"{imp['reimport_seconds']:.1f} | {imp['reimport_unchanged'] / imp['reimport_seconds']:,.0f} | — |",
        "",
        "The import stores each post's exported JSON under its SHA-256 (flushed to disk per batch of 200), writes its "
        "document, search index entry, message record and hash-chained audit entry, and detects its language. "
        f"Import failures: {imp['failed']}.",
    ]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
