"""Bounds that come from the machine, checked before anything runs.

Every entry point that allocates in proportion to its inputs (a run's
households and years, an appraisal's horizon and samples, a loan's periods,
an experiment's runs and workers) first builds an :class:`Estimate` of the
memory it will need and the time it will take, and :func:`check` refuses it
with one :class:`~collective_econ.errors.MemoryBudgetError` (a ``MemoryError``)
that names the estimate and the limit, before any large array is allocated or
any process is forked. The limit is 8 GB by default; ``memory_limit=`` or the
environment variable ``COLLECTIVE_ECON_MEMORY_LIMIT`` change it.

Worker counts are capped at the machine's cores and at the number of runs
(:func:`cap_workers`), and files are read only when they are regular files
under a size limit (:func:`file_problem`).

Examples
--------
>>> est = loan_estimate(10**9)
>>> round(est.bytes / 1e9)
40
>>> try:
...     check(est, limit="1GB")
... except MemoryError as err:
...     print(str(err).split(", above")[0])
a loan schedule of 1,000,000,000 periods needs an estimated 40.0 GB of memory
>>> cap_workers(1_000_000, runs=1, warn=False)
(1, 'workers capped at 1 (the number of runs)')
"""

from __future__ import annotations

import math
import os
import re
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import MEMORY_LIMIT_ENV, MemoryBudgetError, ParameterError, _duration
from .params import Rule

__all__ = [
    "DEFAULT_FILE_LIMIT",
    "DEFAULT_MEMORY_LIMIT",
    "FILE_LIMIT_ENV",
    "MAX_COUNT",
    "MAX_MONTHS",
    "MAX_YEARS",
    "MEMORY_LIMIT_ENV",
    "Estimate",
    "appraisal_estimate",
    "bounded",
    "cap_workers",
    "check",
    "count_rule",
    "cpu_count",
    "draws_estimate",
    "experiment_estimate",
    "file_limit",
    "file_problem",
    "loan_estimate",
    "memory_budget",
    "months_rule",
    "run_estimate",
    "years_rule",
]

DEFAULT_MEMORY_LIMIT = 8e9
"""Memory a run, an appraisal or an experiment may take by default, bytes (8 GB)."""

DEFAULT_FILE_LIMIT = 10e6
"""Largest input file read by default, bytes (10 MB: the default scenario is about 60 kB)."""

FILE_LIMIT_ENV = "COLLECTIVE_ECON_FILE_LIMIT"
"""Environment variable setting the largest file read: ``"50MB"``, ``"1e8"``, ``"inf"``."""

_GB = 1e9
_FIXED = 50e6  # the interpreter's share, scheme tables, SimPy

# a run: bytes per household beyond its flows (the community's arrays, the balances, the
# households' economy: a 12-month ring buffer of income, monthly temporaries)
_PER_HOUSEHOLD = 400
# bytes per person slot: the community's and the world's person arrays, the population's
# history (birth, death, spells, household, skill: 8 arrays) and this month's views of it,
# the monthly draws and wages of working-age persons, their casual pay and day work,
# scheme queues
_PER_PERSON = 380
_BIRTHS_PER_YEAR = 0.015
"""Slots for births per person a year of the run, an upper bound (China's crude birth
rate in 2010: 11.9 per 1,000)."""
# rough times, seconds, on one core (an order of magnitude only: the default case, 25,000
# persons over 240 months, takes 4-9 s on a shared 2-core machine)
_RUN_SECONDS_PER_PERSON_MONTH = 6e-7
_RUN_SECONDS_PER_MONTH = 2e-4
_APPRAISAL_SECONDS = 2e-3  # one scheme's appraisal over 20 years
_SECONDS_PER_VALUE = 2e-8  # filling one float64 of a large array


@dataclass(frozen=True, slots=True)
class Estimate:
    """What a piece of work will need: memory (bytes) and a rough time (seconds).

    Attributes
    ----------
    bytes : float
        Peak memory, bytes (an upper-side estimate, computed without allocating).
    seconds : float
        Wall-clock time on one core, seconds (an order of magnitude only).
    what : str
        The work, in words ("a run of 8,584 households ... over 240 months").
    advice : str
        What to change when it is refused.
    """

    bytes: float
    seconds: float
    what: str
    advice: str = ""

    def __str__(self) -> str:
        return f"{self.what}: about {_size(self.bytes)} and {_duration(self.seconds)}"


def _size(n: float) -> str:
    return f"{n / _GB:.1f} GB" if n >= 0.1 * _GB else f"{n / 1e6:.0f} MB"


def memory_budget(limit: float | str | None = None) -> float:
    """The memory limit, bytes: ``limit``, else the environment's, else 8 GB.

    ``limit`` (or the variable :data:`MEMORY_LIMIT_ENV`) is a number of bytes,
    or a number with a unit (``"500MB"``, ``"16GB"``, ``"1.5 TB"``), or ``"inf"``
    (no limit).

    Examples
    --------
    >>> memory_budget("16GB"), memory_budget(2e9)
    (16000000000.0, 2000000000.0)
    """
    return _limit(limit, "memory_limit", MEMORY_LIMIT_ENV, DEFAULT_MEMORY_LIMIT)


def file_limit(limit: float | str | None = None) -> float:
    """The largest file read, bytes: ``limit``, else the environment's, else 10 MB.

    Examples
    --------
    >>> file_limit("50MB")
    50000000.0
    """
    return _limit(limit, "file_limit", FILE_LIMIT_ENV, DEFAULT_FILE_LIMIT)


def _limit(limit: float | str | None, name: str, env: str, default: float) -> float:
    source = name
    if limit is None:
        limit = os.environ.get(env)
        source = env
        if limit is None or not limit.strip():
            return default
    value = _bytes(limit)
    if value is None or not value > 0:
        raise ParameterError(
            source, 'a positive number of bytes, or with a unit ("16GB", "500MB")', limit
        )
    return value


_UNITS = {"": 1.0, "b": 1.0, "k": 1e3, "kb": 1e3, "m": 1e6, "mb": 1e6, "g": 1e9, "gb": 1e9}
_UNITS |= {"t": 1e12, "tb": 1e12, "kib": 2.0**10, "mib": 2.0**20, "gib": 2.0**30}


def _bytes(limit: float | str) -> float | None:
    if isinstance(limit, bool):
        return None
    if isinstance(limit, int | float):
        return float(limit) if not math.isnan(limit) else None
    match = re.fullmatch(r"\s*([0-9.eE+\-]+|inf)\s*([A-Za-z]*)\s*", str(limit))
    if match is None or match.group(2).lower() not in _UNITS:
        return None
    try:
        number = float(match.group(1))
    except ValueError:
        return None
    return None if math.isnan(number) else number * _UNITS[match.group(2).lower()]


def check(estimate: Estimate, limit: float | str | None = None) -> Estimate:
    """Refuse work whose estimated memory is above the limit; return the estimate.

    Raises
    ------
    MemoryBudgetError
        When ``estimate.bytes`` exceeds :func:`memory_budget` (``limit``); the
        message gives the estimate (memory and time) and the limit.
    """
    allowed = memory_budget(limit)
    if not estimate.bytes <= allowed:
        raise MemoryBudgetError(
            estimate.bytes,
            allowed,
            estimate.what,
            advice=estimate.advice,
            seconds=estimate.seconds,
        )
    return estimate


# -- bounds on counts in parameter rules -------------------------------------------------------
MAX_YEARS = 200
"""Longest span of years a parameter may give (a horizon, a loan term, an asset's life)."""
MAX_MONTHS = 12 * MAX_YEARS
"""Longest span of months a parameter may give (2,400)."""
MAX_COUNT = 10_000_000
"""Largest count of persons, households, places or businesses a parameter may give."""

_YEARS_WHY = "no horizon, loan term or asset life of the model is longer"
_MONTHS_WHY = "200 years, longer than any horizon, term or life of the model"
_COUNT_WHY = "20 counties the size of Yun County, about 450,000 people each"


@dataclass(frozen=True, slots=True)
class _Bounded(Rule):
    """A closed interval whose refusal says ">= lo" below it and the reason above it."""

    def check(self, field: str, value: Any, owner: str = "") -> None:
        if not self.test(value):
            below = self.lo is not None and value < self.lo
            rule = f">= {self.lo:g}" if below else self.text
            raise ParameterError(field, rule, value, owner=owner)


def bounded(lo: float, hi: float, why: str) -> Rule:
    """Values within ``[lo, hi]``, the upper bound given with its reason ``why``.

    Examples
    --------
    >>> rule = bounded(1, 30, "persons")
    >>> rule.text, rule.test(31)
    ('within [1, 30] (persons)', False)
    """
    return _Bounded(f"within [{lo:g}, {hi:,}] ({why})", lambda v: lo <= v <= hi, lo=lo, hi=hi)


def _bounded(lo: int, hi: int, why: str) -> Rule:
    return bounded(lo, hi, why)


def years_rule(lo: int = 0) -> Rule:
    """Whole years within ``[lo, 200]``: a term or a life that fits in any run.

    Examples
    --------
    >>> years_rule(1).text
    'within [1, 200] (no horizon, loan term or asset life of the model is longer)'
    """
    return _bounded(lo, MAX_YEARS, _YEARS_WHY)


def months_rule(lo: int = 0) -> Rule:
    """Whole months within ``[lo, 2400]`` (200 years)."""
    return _bounded(lo, MAX_MONTHS, _MONTHS_WHY)


def count_rule(lo: int = 0) -> Rule:
    """A count of persons, households, places or businesses within ``[lo, 10,000,000]``."""
    return _bounded(lo, MAX_COUNT, _COUNT_WHY)


# -- the estimates ------------------------------------------------------------------------------
def run_estimate(
    n_households: int, n_persons: int, months: int, *, sources: int, institutions: int
) -> Estimate:
    """One simulation run: its ledger's flows, its persons' arrays, its balances.

    The bulk is the ledger's flows of each household by year and source,
    ``ceil(months / 12) x sources x H`` float64 values, and the persons present
    by year and household (``years x H``); then per-household and per-person-slot
    working arrays, and the institutions' flows and monthly balances. Person
    slots are the month-0 persons plus slots for births, ``P x (1 + 0.015 x years)``.

    Examples
    --------
    >>> est = run_estimate(1_000_000, 3_000_000, 240, sources=20, institutions=40)
    >>> round(est.bytes / 1e9, 1)
    5.3
    """
    h, p, m = float(n_households), float(n_persons), float(months)
    years = math.ceil(m / 12)
    flows = 8.0 * years * sources * (h + institutions)
    persons_by_year = 8.0 * years * h
    balances = 8.0 * m * institutions
    slots = p * (1.0 + _BIRTHS_PER_YEAR * years)
    per_unit = _PER_HOUSEHOLD * h + _PER_PERSON * slots + persons_by_year
    seconds = m * (_RUN_SECONDS_PER_MONTH + _RUN_SECONDS_PER_PERSON_MONTH * (p + h))
    return Estimate(
        flows + balances + per_unit + _FIXED,
        seconds,
        f"a run of {n_households:,} households ({n_persons:,} persons) over {months} months",
        "",  # the run's own advice (memory_limit= is an argument of simulate)
    )


def appraisal_estimate(horizon_years: int, samples: int = 1, *, schemes: int = 1) -> Estimate:
    """Appraising ``schemes`` schemes over ``horizon_years``, ``samples`` times each.

    Each sample keeps its yearly flows per stakeholder (6 x (T + 1) float64)
    and, while it is built, a few monthly arrays over the horizon.

    Examples
    --------
    >>> round(appraisal_estimate(20, 10**8).bytes / 1e9)
    114
    """
    years = float(horizon_years) + 1.0
    n = float(samples) * schemes
    kept = 8.0 * 6 * years * n + 8.0 * 16 * n  # flows, sampled inputs
    working = 8.0 * 16 * 12 * years  # monthly arrays of the one being built
    seconds = n * _APPRAISAL_SECONDS * max(1.0, years / 21)
    what = f"an appraisal of {samples:,} sample{'s' if samples != 1 else ''}"
    what += f" over {horizon_years:,} years" + (f" of {schemes} schemes" if schemes > 1 else "")
    return Estimate(
        kept + working + _FIXED,
        seconds,
        what,
        "draw fewer samples, shorten the horizon, or raise the limit",
    )


def loan_estimate(periods: int) -> Estimate:
    """A loan's repayment schedule over ``periods``: five float64 arrays of that length."""
    n = float(periods) + 1.0
    return Estimate(
        40.0 * n,
        _SECONDS_PER_VALUE * n,
        f"a loan schedule of {periods:,} periods",
        "ask for fewer periods, or raise the limit",
    )


def draws_estimate(rows: int, columns: int) -> Estimate:
    """Correlated draws of ``rows`` x ``columns`` inputs: uniforms, normals, copula, result."""
    n = float(rows) * columns
    return Estimate(
        32.0 * n,
        4 * _SECONDS_PER_VALUE * n,
        f"{int(rows):,} rows of {columns} correlated inputs",
        "draw fewer rows, or raise the limit",
    )


def experiment_estimate(run: Estimate, runs: int, workers: int, *, kept: float = 0.0) -> Estimate:
    """An experiment of ``runs`` runs like ``run`` on ``workers`` processes.

    Each worker holds one run at a time (reduced as it finishes), the main
    process the community and the results, and ``kept`` bytes of household
    panels; so the memory is that of ``workers + 1`` runs plus ``kept``, and
    the time that of ``runs / workers`` runs.

    Examples
    --------
    >>> one = Estimate(1e9, 60.0, "a run")
    >>> est = experiment_estimate(one, runs=100, workers=4)
    >>> est.bytes / 1e9, est.seconds / 60
    (5.0, 25.0)
    """
    w = max(1, min(workers, runs))
    return Estimate(
        (w + 1) * run.bytes + kept,
        run.seconds * math.ceil(runs / w),
        f"{runs:,} runs on {w} worker{'s' if w != 1 else ''}, each {run.what}",
        "use fewer workers, shorten the horizon, simulate fewer households, or raise the limit",
    )


# -- workers ------------------------------------------------------------------------------------
def cpu_count() -> int:
    """The cores this process may use (its affinity mask where the system has one), >= 1."""
    count = getattr(os, "process_cpu_count", None)
    if count is not None:
        n = count()
    elif hasattr(os, "sched_getaffinity"):
        n = len(os.sched_getaffinity(0))
    else:  # pragma: no cover - macOS and Windows before Python 3.13
        n = os.cpu_count()
    return max(1, n or 1)


_NOTED: set[tuple[int, int]] = set()


def cap_workers(requested: int, runs: int | None = None, *, warn: bool = True) -> tuple[int, str]:
    """Workers to start: ``requested``, at most the machine's cores and the number of runs.

    Returns the count and a note saying why it was lowered (``""`` when it was not);
    with ``warn`` the note is printed to standard error, once per (requested, cap)
    pair in a process. Nothing is ever forked beyond the count returned.

    Examples
    --------
    >>> cap_workers(1, runs=10)
    (1, '')
    """
    cores = cpu_count()
    n, note = int(requested), ""
    if n > cores:
        n, note = cores, f"workers capped at {cores} (the cores this machine lets the run use)"
    if runs is not None and n > max(1, runs):
        n, note = max(1, runs), f"workers capped at {max(1, runs)} (the number of runs)"
    if note and warn and (requested, n) not in _NOTED:
        _NOTED.add((requested, n))
        print(f"note: {note}; {requested:,} were asked for", file=sys.stderr)
    return n, note


# -- files --------------------------------------------------------------------------------------
def file_problem(path: str | os.PathLike[str], limit: float | str | None = None) -> str | None:
    """Why ``path`` must not be read (not a regular file, too large), or None.

    Checked with ``os.stat`` before opening: a directory, a FIFO (which would
    block), a device (``/dev/zero`` never ends) or a file above :func:`file_limit`
    is refused; a missing file is left to the reader (its own message).

    Examples
    --------
    >>> file_problem("/dev/zero")
    'not a regular file (a character device): refusing to read it'
    """
    try:
        st = os.stat(Path(path))
    except OSError:
        return None  # the reader reports a missing or unreadable file in its own words
    if not stat.S_ISREG(st.st_mode):
        return f"not a regular file ({_kind(st.st_mode)}): refusing to read it"
    allowed = file_limit(limit)
    if st.st_size > allowed:
        return (
            f"{_size_text(st.st_size)}, above the limit of {_size_text(allowed)} for an input "
            f"file; raise it with the environment variable {FILE_LIMIT_ENV} if the file is right"
        )
    return None


def _size_text(n: float) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e5 else f"{n:,.0f} bytes"


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a plain file"
