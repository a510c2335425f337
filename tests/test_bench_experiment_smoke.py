"""Smoke test of the experiment benchmark (benchmarks/bench_experiment.py).

Runs its ``--quick`` settings (a 2,500-resident community over 2 years, a few
runs per section, on process pools of 2 workers) in a subprocess. The test
checks that every section ran and that the JSON records the figures, the
settings and the machine. The figures themselves are not comparable with the
issue's targets: the full benchmark is kept out of the default test run.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
SECTIONS = ("cost", "scale", "sobol", "parallel", "crn", "onepass", "dask")
TARGETS = (
    "scale_wall",
    "scale_memory",
    "scale_vs_naive",
    "sobol_wall",
    "parallel_speedup",
    "crn_variance_ratio",
    "onepass_speedup",
    "dask_overhead",
)


def test_bench_experiment_quick_writes_its_json(tmp_path):
    out = tmp_path / "bench_experiment.json"
    env = os.environ | {"PYTHONPATH": os.pathsep.join(sys.path)}  # the tree the tests import
    done = subprocess.run(
        [sys.executable, str(BENCH / "bench_experiment.py"), "--quick", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "PASS" in done.stdout or "MISS" in done.stdout
    result = json.loads(out.read_text(encoding="utf-8"))
    for key in (
        "collective_econ",
        "python",
        "numpy",
        "simpy",
        "platform",
        "cpu_count",
        "load_average",
        "inputs",
        "settings",
        "community",
        "targets",
        *SECTIONS,
    ):
        assert key in result, key
    assert result["inputs"]["quick"] is True
    assert result["settings"]["name"] == "quick"
    for section in SECTIONS:
        assert "error" not in result[section], result[section].get("traceback")

    cost = result["cost"]
    assert len(cost["policies"]) == 5
    assert all(row["simulate"] > 0 for row in cost["policies"].values())

    scale = result["scale"]
    assert scale["experiment"]["runs"] == 5 * result["settings"]["scale"]["replications"]
    assert scale["extrapolated"] is True
    assert scale["wall_seconds_target"] > scale["wall_seconds_measured"] > 0
    assert scale["naive"]["household_months_per_s"] > 0
    assert scale["peak_memory_mb_target"] >= scale["peak_memory_mb_measured"] > 0

    sobol = result["sobol"]
    assert sobol["runs"] == sobol["n"] * (sobol["k"] + 2)
    assert sobol["k"] == len(sobol["indices"]) == 10

    parallel = result["parallel"]
    assert parallel["speedup"] > 0
    assert parallel["identical_to_serial"] is True

    crn = result["crn"]
    assert crn["variance_crn"] >= 0
    assert crn["variance_independent"] > 0

    onepass = result["onepass"]  # the policies of a replication together vs one at a time
    assert onepass["identical"] is True
    assert onepass["cpu_seconds"]["together"] > 0
    assert result["dask"]["identical"] is True  # a Dask cluster gives the process pool's bits

    assert set(result["targets"]) == set(TARGETS)
    for t in result["targets"].values():
        assert isinstance(t["pass"], bool)
        assert t["basis"]
