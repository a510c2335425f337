"""Settings of ``bench_experiment.py``: sizes, seeds, replications and the issue's targets.

Kept apart from the runner (style.md item 17, after Mesa's
``benchmarks/configurations.py``): the runner reads nothing else, and records
every field of the settings it used in its JSON. ``FULL`` is the issue's
workload; ``QUICK`` is a tiny version of each measurement for the smoke test,
whose figures are not comparable with the targets. Command-line options
(``--replications``, ``--sobol-n``) override single fields with
:func:`dataclasses.replace`; the runner then extrapolates linearly to the
``target_*`` size and says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "FULL",
    "QUICK",
    "SECTIONS",
    "TARGETS",
    "CostSettings",
    "CrnSettings",
    "DaskSettings",
    "OnepassSettings",
    "ParallelSettings",
    "ScaleSettings",
    "Settings",
    "SobolSettings",
    "Target",
]

SECTIONS = ("cost", "scale", "sobol", "parallel", "crn", "onepass", "dask")
"""The measurements, in the order they run (``--only`` picks some)."""


@dataclass(frozen=True)
class Target:
    """A target of the issue's table: ``value <rule> bound`` in ``unit``."""

    rule: str  # ">=" or "<="
    bound: float
    unit: str
    text: str  # the wording


TARGETS: dict[str, Target] = {  # issue 15's (issue 4's were 300 s, 4 GB, 15 min, 1.7x, 5x)
    "scale_wall": Target("<=", 90.0, "s", "5 policies x 1,000 replications: <= 90 s on 2 cores"),
    "scale_memory": Target("<=", 2048.0, "MB", "... peak memory <= 2 GB"),
    "scale_vs_naive": Target(
        ">=", 50.0, "x", "... >= 50x faster than the naive baseline extrapolated on the same cores"
    ),
    "sobol_wall": Target(
        "<=", 360.0, "s", "the 2N (k + 1) Sobol design of 10 inputs (11,264 runs): <= 6 min"
    ),
    "parallel_speedup": Target(">=", 1.7, "x", "parallel efficiency on 2 workers: >= 1.7x"),
    "crn_variance_ratio": Target(
        ">=", 5.0, "x", "variance reduction from common random numbers, paired difference: >= 5x"
    ),
    "onepass_speedup": Target(
        ">=", 2.5, "x", "policies of a replication in one pass vs one policy at a time: >= 2.5x"
    ),
    "dask_overhead": Target(
        "<=", 1.1, "x", "local Dask cluster of 2 single-threaded workers / 2-process pool: <= 1.1x"
    ),
}


@dataclass(frozen=True)
class CostSettings:
    """Per-run cost of each policy, serial in the main process (where the time goes)."""

    repeats: int = 3  # rounds over the five policies; the median is reported
    profile_top: int = 8  # functions of a cProfile of one "full package" run (0: none)
    profile_policy: str = "full package"


@dataclass(frozen=True)
class ScaleSettings:
    """5 policies x replications of the full community on a process pool, in a fresh process."""

    replications: int = 1000
    target_replications: int = 1000  # the size; fewer replications are extrapolated
    memory_interval: float = 0.25  # seconds between samples of the summed RSS (psutil)
    naive_fraction: float = 0.1  # the naive engine's community: 1/10 of the residents
    naive_policy: str = "80% shares"  # the policy naive_engine.py implements
    naive_repeats: int = 3  # best of
    progress_every: float = 0.1  # a progress line on stderr every 10% of the runs


@dataclass(frozen=True)
class SobolSettings:
    """Sobol indices of the full package's mean income over the horizon, on a process pool."""

    n: int = 512  # base sample size (power of two): N (k + 2) runs with the library's design
    target_n: int = 512
    policy: str = "full package"
    outcome: str = "mean_income_total"
    seed: int = 7  # of the scrambled Sobol sequence and the bootstrap
    bootstrap: int = 500


@dataclass(frozen=True)
class ParallelSettings:
    """The same experiment serially, on process_pool(1) and on process_pool(2)."""

    replications: int = 8  # x all five policies
    repeats: int = 2  # interleaved rounds; the best time of each executor is reported


@dataclass(frozen=True)
class CrnSettings:
    """A paired policy difference with common random numbers vs with independent seeds."""

    replications: int = 50
    policy_a: str = "full package"
    policy_b: str = "package without collective projects"
    outcome: str = "mean_income_total"
    seed_a: int = 11  # the independent experiments' seeds (policy_a, policy_b)
    seed_b: int = 12
    confidence: float = 0.95


@dataclass(frozen=True)
class OnepassSettings:
    """The five policies replication by replication vs policy by policy, serial, CPU time."""

    replications: int = 4  # > 2: the engine keeps the last 2 population histories
    repeats: int = 2  # interleaved rounds; the best CPU time of each way is reported


@dataclass(frozen=True)
class DaskSettings:
    """The same experiment on process_pool(workers) and a local Dask cluster, warm."""

    replications: int = 20  # x all five policies
    repeats: int = 2  # interleaved rounds; the best wall time of each executor is reported


@dataclass(frozen=True)
class Settings:
    """Everything ``bench_experiment.py`` measures with.

    ``residents``/``agricultural_residents`` and ``horizon_years`` replace the
    default scenario's community and horizon when set (the quick run only);
    ``seed`` is the experiments' root seed (``ExperimentSpec.seed``).
    """

    name: str
    workers: int = 2
    seed: int = 2010
    horizon_years: int | None = None  # None: the scenario's 20 years = 240 months
    residents: int | None = None  # None: the full community (25,000 residents)
    agricultural_residents: int | None = None
    cost: CostSettings = field(default_factory=CostSettings)
    scale: ScaleSettings = field(default_factory=ScaleSettings)
    sobol: SobolSettings = field(default_factory=SobolSettings)
    parallel: ParallelSettings = field(default_factory=ParallelSettings)
    crn: CrnSettings = field(default_factory=CrnSettings)
    onepass: OnepassSettings = field(default_factory=OnepassSettings)
    dask: DaskSettings = field(default_factory=DaskSettings)


FULL = Settings(name="full")
"""The issue's workload, on 2 workers."""

QUICK = Settings(
    name="quick",
    horizon_years=2,
    residents=2_500,
    agricultural_residents=600,
    cost=CostSettings(repeats=1, profile_top=3),
    scale=ScaleSettings(replications=2, naive_repeats=1, memory_interval=0.05),
    sobol=SobolSettings(n=2, bootstrap=20),
    parallel=ParallelSettings(replications=2, repeats=1),
    crn=CrnSettings(replications=4),
    onepass=OnepassSettings(replications=3, repeats=1),
    dask=DaskSettings(replications=1, repeats=1),
)
"""A tiny version of every measurement (seconds), for the smoke test."""
