"""OCR of scanned name lists we write (Russian and Kazakh), rendered with DejaVu Sans at 200 dpi, rotated by
1–3° either way, with salt-and-pepper noise: the character error rate against the known text, and pages per
minute (language detected from the text, as `aqiqat ocr` does by default). Writes bench/results/ocr.md.

    PYTHONPATH=src:. .venv/bin/python bench/ocr_bench.py [--pages 12]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "results" / "ocr.md"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=12)
    args = parser.parse_args()
    sys.path[:0] = [str(ROOT), str(ROOT / "src")]
    import jellyfish
    import pytesseract
    from tests.ingest.scan_fixtures import name_list, scan_png

    from aqiqat.ingest.ocr import ocr_bytes

    rng = random.Random(2022)
    per: dict[str, dict[str, float]] = {}
    total_time = 0.0
    for i in range(args.pages):
        kazakh = i % 2 == 1
        lines = name_list(25, kazakh, seed=100 + i)
        angle = rng.uniform(1.0, 3.0) * rng.choice((-1, 1))
        png = scan_png(lines, angle=angle, noise=0.003, seed=i)
        t = time.perf_counter()
        result = ocr_bytes(png, "image/png", f"page{i}.png")
        total_time += time.perf_counter() - t
        ref = " ".join(" ".join(lines).split())
        errors = jellyfish.levenshtein_distance(ref, " ".join(result.text.split()))
        key = "Kazakh" if kazakh else "Russian"
        stats = per.setdefault(key, {"pages": 0, "chars": 0, "errors": 0, "worst": 0.0, "detected_ok": 0})
        stats["pages"] += 1
        stats["chars"] += len(ref)
        stats["errors"] += errors
        stats["worst"] = max(stats["worst"], errors / len(ref))
        stats["detected_ok"] += int(result.language == ("kaz+rus" if kazakh else "rus"))
    chars = sum(s["chars"] for s in per.values())
    errors = sum(s["errors"] for s in per.values())
    result_json = {"per_language": per, "cer": errors / chars, "pages_per_minute": args.pages / total_time * 60,
                   "tesseract": str(pytesseract.get_tesseract_version()), "cpus": os.cpu_count(),
                   "python": platform.python_version()}
    print(json.dumps(result_json, indent=2))
    lines_md = [
        "# OCR benchmark", "",
        f"{args.pages} generated A4 pages (25-row name lists, alternately Russian and Kazakh, DejaVu Sans 12 pt at "
        f"200 dpi, rotated by 1–3° either way, 0.3% salt-and-pepper noise); Tesseract "
        f"{result_json['tesseract']} via pytesseract, language detected from the first page, "
        f"{os.cpu_count()} cores (shared), Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}.", "",
        "| pages | characters | CER | worst page | language chosen right |", "|---|---|---|---|---|",
    ]
    for key, s in per.items():
        lines_md.append(f"| {key}: {s['pages']:.0f} | {s['chars']:,.0f} | {s['errors'] / s['chars']:.2%} | "
                        f"{s['worst']:.2%} | {s['detected_ok']:.0f}/{s['pages']:.0f} |")
    lines_md += ["", f"All pages: CER {result_json['cer']:.2%} (target: at most 3%), "
                 f"{result_json['pages_per_minute']:.1f} pages per minute on one process."]
    OUT.write_text("\n".join(lines_md) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
