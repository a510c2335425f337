"""Benchmark: vectorised ``collective_econ.finance.irr`` against a loop of ``numpy_financial.irr``.

Builds conventional cash-flow series (one outlay, then noisy non-negative inflows,
like the Caopijie hotel's 4,000,000 yuan for about 350,000 yuan a year), times both,
checks that they agree, prints PASS/MISS per target and writes the figures as JSON.
Always exits 0: a missed target is a finding to report, not a crash.

Run from the repository root::

    python benchmarks/bench_irr.py [--out benchmarks/results/bench_irr.json]

Timings on shared machines move by tens of percent between runs (see
performance-notes.md): compare the ratio measured in one run, not absolute times.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.metadata
import json
import os
import platform
import re
import sys
import time
import types
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
TARGET_RATIO = 40.0  # vectorised at least this many times faster per series
TARGET_MAX_DIFF = 1e-10  # on conventional series, where the IRR is unique
THREAD_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def load_finance() -> tuple[types.ModuleType, str]:
    """The finance module and the library version, even if another module is mid-edit."""
    sys.path.insert(0, str(SRC))  # benchmark the tree, not an installed copy
    try:
        package = importlib.import_module("collective_econ")
        return importlib.import_module("collective_econ.finance"), str(package.__version__)
    except Exception as exc:  # the package __init__ imports modules others are editing
        print(f"note: importing collective_econ failed ({exc!r}); loading finance alone")
    for name in [
        m for m in sys.modules if m == "collective_econ" or m.startswith("collective_econ.")
    ]:
        del sys.modules[name]
    package = types.ModuleType("collective_econ")  # a bare package: skips __init__.py
    package.__path__ = [str(SRC / "collective_econ")]
    sys.modules["collective_econ"] = package
    finance = importlib.import_module("collective_econ.finance")
    try:
        version = importlib.metadata.version("collective_econ")
    except importlib.metadata.PackageNotFoundError:
        init = (SRC / "collective_econ" / "__init__.py").read_text(encoding="utf-8")
        found = re.search(r"^__version__\s*=\s*[\"']([^\"']+)[\"']", init, re.MULTILINE)
        version = found.group(1) if found else "unknown"
    return finance, version


def conventional_series(rng: np.random.Generator, n_series: int, n_periods: int) -> np.ndarray:
    """One outlay (yuan) then noisy inflows >= 0: exactly one sign change, so one IRR."""
    outlay = rng.uniform(2e6, 6e6, n_series)
    level = outlay * rng.uniform(0.04, 0.25, n_series)  # yearly profit, 4% to 25% of outlay
    noise = np.exp(0.3 * rng.standard_normal((n_series, n_periods - 1)) - 0.045)
    return np.column_stack([-outlay, level[:, None] * noise])


def best_time(func: Callable[[], object], repeats: int) -> float:
    """Best wall time of ``repeats`` calls, in seconds."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results/bench_irr.json")
    parser.add_argument("--series", type=int, default=10_000)
    parser.add_argument("--periods", type=int, default=21, help="flows per series (years + 1)")
    parser.add_argument("--subset", type=int, default=2_000, help="series timed with npf")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    import numpy_financial as npf  # the optional 'bench' extra

    finance, version = load_finance()
    flows = conventional_series(np.random.default_rng(args.seed), args.series, args.periods)
    subset = flows[: args.subset]

    ours = finance.irr(flows)  # warm-up, and the values compared below
    t_ours = best_time(lambda: finance.irr(flows), args.repeats) / args.series
    reference = np.array([npf.irr(f) for f in subset])
    t_npf = best_time(lambda: [npf.irr(f) for f in subset], args.repeats)
    t_npf /= args.subset

    diff = np.abs(ours[: args.subset] - reference)
    both_nan = np.isnan(ours[: args.subset]) & np.isnan(reference)
    agree = (diff <= TARGET_MAX_DIFF) | both_nan
    max_diff = float(np.nanmax(diff)) if np.isfinite(diff).any() else float("nan")
    nan_mismatch = int(np.sum(np.isnan(ours[: args.subset]) != np.isnan(reference)))
    ratio = t_npf / t_ours
    residual = np.abs(finance.npv(ours, flows)) / np.abs(flows).sum(axis=1)
    targets = {
        "speed_ratio": {"target": f">= {TARGET_RATIO:g}", "value": ratio},
        "max_abs_diff": {"target": f"<= {TARGET_MAX_DIFF:g}", "value": max_diff},
    }
    targets["speed_ratio"]["pass"] = ratio >= TARGET_RATIO
    targets["max_abs_diff"]["pass"] = bool(max_diff <= TARGET_MAX_DIFF and nan_mismatch == 0)

    print(f"collective_econ {version}, numpy {np.__version__}, numpy-financial {npf.__version__}")
    print(f"{args.series:,} conventional series of {args.periods} flows (seed {args.seed})")
    print(f"vectorised irr, all series at once : {t_ours * 1e6:8.2f} us/series")
    print(f"numpy_financial.irr loop ({args.subset:,})  : {t_npf * 1e6:8.2f} us/series")
    print(f"speed ratio                        : {ratio:8.1f}x  (target >= {TARGET_RATIO:g}x)")
    print(f"max |difference| on {args.subset:,} series   : {max_diff:.2e} (target <= 1e-10)")
    print(f"agree within 1e-10                 : {agree.sum():,} of {args.subset:,}")
    print(f"NaN in one but not the other       : {nan_mismatch}")
    print(f"max |NPV at IRR| / sum |flows|     : {np.nanmax(residual):.1e} (all series)")
    for name, t in targets.items():
        print(f"{'PASS' if t['pass'] else 'MISS'}  {name} {t['target']}: {t['value']:.3g}")

    out = args.out.resolve()
    shown = str(out.relative_to(ROOT)) if out.is_relative_to(ROOT) else str(out)
    result = {
        "benchmark": "irr: collective_econ.finance.irr vs numpy_financial.irr",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "collective_econ": version,
        "python": platform.python_version(),
        "numpy": np.__version__,
        "numpy_financial": npf.__version__,
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "thread_env": {v: os.environ.get(v) for v in THREAD_VARS},
        "inputs": vars(args) | {"out": shown},
        "vectorised_us_per_series": t_ours * 1e6,
        "numpy_financial_us_per_series": t_npf * 1e6,
        "speed_ratio": ratio,
        "max_abs_diff": max_diff,
        "agree_within_1e-10": int(agree.sum()),
        "compared": args.subset,
        "nan_mismatch": nan_mismatch,
        "max_scaled_npv_residual": float(np.nanmax(residual)),
        "targets": targets,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
