"""Perceptual hashes (PDQ): recall of everyday variants and false matches between distinct pictures.

1,000 distinct pictures made from seeds (shapes, colours, a line of Cyrillic text; 640×480) and five variants
of each (JPEG quality 35, resized to half, cropped by 5% a side, watermarked, PNG). A variant is found when its
closest stored picture is its own original within PDQ's threshold; a false match is a pair of distinct
pictures within it. Also the time to hash one picture (three hashes: whole, 2.5% and 5% crops) and one minute
of video (a frame a second). Writes bench/results/perceptual.md.

    PYTHONPATH=src:. .venv/bin/python bench/perceptual_bench.py [--images 1000]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "results" / "perceptual.md"


def packed(hashes: list[str]) -> object:
    import numpy as np

    return np.frombuffer(b"".join(bytes.fromhex(h) for h in hashes), dtype=">u8").reshape(len(hashes), 4)


def distances(a: object, b: object) -> object:
    import numpy as np

    out = np.zeros((len(a), len(b)), dtype=np.int32)  # type: ignore[arg-type]
    for word in range(4):
        out += np.bitwise_count(np.bitwise_xor.outer(a[:, word], b[:, word])).astype(np.int32)  # type: ignore[index]
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--images", type=int, default=1000)
    args = parser.parse_args()
    sys.path[:0] = [str(ROOT), str(ROOT / "src")]
    import numpy as np
    from tests.ingest.image_fixtures import distinct_image, jpeg, variants, video

    from aqiqat.ingest.perceptual import MATCH_DISTANCE, image_hashes, video_hashes

    originals: list[str] = []
    owner: list[int] = []
    queries: dict[str, list[tuple[int, list[str]]]] = {}
    hash_time = 0.0
    hashed = 0
    for i in range(args.images):
        image = distinct_image(10_000 + i)
        t = time.perf_counter()
        hs = image_hashes(jpeg(image), f"{i}.jpg")
        hash_time += time.perf_counter() - t
        hashed += 1
        originals += [h.hash for h in hs]
        owner += [i] * len(hs)
        for name, data in variants(image).items():
            queries.setdefault(name, []).append((i, [h.hash for h in image_hashes(data, name)]))
    stored = packed(originals)
    owners = np.array(owner)
    recall: dict[str, float] = {}
    wrong = 0
    for name, items in queries.items():
        found = 0
        for i, hs in items:
            d = distances(packed(hs), stored).min(axis=0)  # type: ignore[attr-defined]
            best = int(d.argmin())
            if d[best] <= MATCH_DISTANCE and owners[best] == i:
                found += 1
            wrong += int(((d <= MATCH_DISTANCE) & (owners != i)).any())
        recall[name] = found / len(items)
    pair = distances(stored, stored)
    np.fill_diagonal(pair, 999)  # type: ignore[arg-type]
    same = owners[:, None] == owners[None, :]
    false_pairs = int(((pair <= MATCH_DISTANCE) & ~same).sum()) // 2  # type: ignore[operator]
    nearest_distinct = int(np.where(same, 999, pair).min())  # type: ignore[call-overload]
    clip = video(9, seconds=60, fps=5)
    t = time.perf_counter()
    frames = video_hashes(clip, "minute.mp4")
    video_time = time.perf_counter() - t
    overall = sum(recall.values()) / len(recall)
    result = {"images": args.images, "recall": recall, "recall_overall": overall, "false_match_pairs": false_pairs,
              "variants_matching_another_picture": wrong, "nearest_distinct_distance": nearest_distinct,
              "ms_per_image": hash_time / hashed * 1000, "s_per_video_minute": video_time,
              "frames_per_minute": len(frames), "cpus": os.cpu_count(), "python": platform.python_version()}
    print(json.dumps(result, indent=2))
    lines = ["# Perceptual hash benchmark", "",
             f"{args.images:,} distinct generated pictures (640×480) and 5 variants of each; PDQ (pdqhash), match "
             f"at ≤ {MATCH_DISTANCE} of 256 bits; {os.cpu_count()} cores (shared), Python {platform.python_version()}, "
             f"{time.strftime('%Y-%m-%d')}.", "", "| variant | recall |", "|---|---|"]
    lines += [f"| {k} | {v:.3f} |" for k, v in recall.items()]
    lines += ["", f"Recall over all variants: {overall:.3f} (target ≥ 0.95). False matches between distinct pictures: "
              f"{false_pairs} pairs; variants matching another picture: {wrong}; the nearest two distinct pictures "
              f"differ by {nearest_distinct} bits.", "",
              f"Time: {result['ms_per_image']:.1f} ms per picture (three hashes), {video_time:.1f} s per minute of "
              f"video (320×240, {len(frames)} frames sampled, decoding included)."]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
