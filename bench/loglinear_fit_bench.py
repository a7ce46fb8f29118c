"""The log-linear model search (every two-way model, BIC) with the written-out IRLS against statsmodels' GLM.

Tables: Kosovo and HIV Rome (four lists, 64 models, ../shared/data/mse) and a five-list table made by
splitting Kosovo's largest list by a fixed hash (1,024 models), the size at which a register's estimate page
waited a minute. Each search runs five times per fitter; medians of CPU seconds, the ratio, and whether the
chosen model and its N agree.

    .venv/bin/python bench/loglinear_fit_bench.py
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import statsmodels.api as sm

from aqiqat.estimate import loglinear
from aqiqat.estimate.patterns import CapturePatterns, from_arrays, read_patterns_csv
from aqiqat.estimate.poisson import PoissonFit

MSE = Path(__file__).resolve().parents[2] / "shared" / "data" / "mse"
OUT = Path(__file__).resolve().parent / "results" / "loglinear_fit.md"
RUNS = 5


def statsmodels_fit(y: Any, x: Any) -> PoissonFit:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        r = sm.GLM(y, x, family=sm.families.Poisson()).fit(maxiter=loglinear.MAX_ITERATIONS)
    separated = any("separation" in str(w.message) for w in caught)
    return PoissonFit(r.params, r.cov_params(), r.mu, float(r.deviance), bool(r.converged),
                      int(r.fit_history["iteration"]), separated)


def five_lists(kosovo: CapturePatterns) -> CapturePatterns:
    """Kosovo with its largest list split in two: row i of each pattern goes to part (i * 7919) % 3 == 0."""
    big = int(np.argmax([kosovo.list_totals()[name] for name in kosovo.lists]))
    patterns, counts = [], []
    for pattern, count in zip(kosovo.patterns, kosovo.counts, strict=True):
        if not pattern[big]:
            patterns.append([*pattern, 0])
            counts.append(int(count))
            continue
        part = sum(1 for i in range(int(count)) if (i * 7919) % 3 == 0)
        for moved, n in ((0, int(count) - part), (1, part)):
            row = list(pattern) + [moved]
            row[big] = 1 - moved
            patterns.append(row)
            counts.append(n)
    return from_arrays([*kosovo.lists, f"{kosovo.lists[big]}-b"], patterns, counts)


def run(table: CapturePatterns, fitter: Any) -> tuple[float, loglinear.ModelFit]:
    loglinear._fit = fitter  # type: ignore[assignment]
    start = time.process_time()
    best = loglinear.rank_models(table, "bic")[0]
    return time.process_time() - start, best


def main() -> None:
    own = loglinear._fit
    kosovo = read_patterns_csv(MSE / "kosovo_capture_patterns.csv")
    hiv = read_patterns_csv(MSE / "hiv_rome_capture_patterns.csv")
    tables = {"Kosovo (4 lists)": kosovo, "HIV Rome (4 lists)": hiv, "Kosovo split (5 lists)": five_lists(kosovo)}
    rows = []
    for name, table in tables.items():
        times: dict[str, list[float]] = {"statsmodels": [], "aqiqat": []}
        chosen: dict[str, loglinear.ModelFit] = {}
        for _ in range(RUNS):
            for label, fitter in (("statsmodels", statsmodels_fit), ("aqiqat", lambda y, x: own(y, x))):
                seconds, best = run(table, fitter)
                times[label].append(seconds)
                chosen[label] = best
        sm_s, own_s = statistics.median(times["statsmodels"]), statistics.median(times["aqiqat"])
        same = chosen["statsmodels"].terms == chosen["aqiqat"].terms
        rows.append(f"| {name} | {2 ** len(loglinear.two_way_terms(table.lists))} | {sm_s:.2f} | {own_s:.3f} | "
                    f"{sm_s / own_s:.0f}× | {'yes' if same else 'NO'} | {chosen['statsmodels'].n_hat:,.1f} | "
                    f"{chosen['aqiqat'].n_hat:,.1f} |")
        print(rows[-1], flush=True)
    loglinear._fit = own  # type: ignore[assignment]
    load = os.getloadavg()[0]
    OUT.write_text(
        "# Log-linear model search: written-out IRLS against statsmodels (bench/loglinear_fit_bench.py)\n\n"
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}, load average at start {load:.1f}. "
        f"Every two-way model ranked by BIC, {RUNS} runs per fitter, median CPU seconds of one search. Both "
        "fitters run the same IRLS with the same start and stopping rule, and both feed the same "
        "identifiability check (loglinear.fit_model), so the chosen model and N must agree.\n\n"
        "| table | models | statsmodels s | aqiqat s | ratio | same model | N (statsmodels) | N (aqiqat) |\n"
        "|---|---|---|---|---|---|---|---|\n" + "\n".join(rows) + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    sys.exit(main())
