"""Boundary sweeps (issue 14): every numeric key and distribution parameter at extremes.

Every numeric key of the embedded case (the parsed TOML of ``caopijie.toml``,
array elements included) is set in turn to each of :data:`BOUNDARY` (0, -1, the
smallest denormal, 1e300, 2**63 - 1, nan, inf) and the file goes through
``loads`` and ``validate_text``. Each case must load, or be refused with a
``ScenarioFileError`` whose every problem is located, within a time limit: no
traceback, no hang. For a sample of the cases that load, every policy runs on a
tiny community for two years and one replication, and every result must be finite.

Every parameter of every distribution kind is set to each of :data:`EXTREMES`
(alone, and in pairs for the kinds' bounds): each distribution is refused with a
``ParameterError`` or gives finite quantiles, mean and samples, and the same
distribution as an uncertainty of a scenario file loads or is refused with located
problems.

The same generators drive the full sweeps of ``benchmarks/boundary_sweep.py``,
which run every case (and every loaded case), and print the counts that
``docs/reliability.md`` states.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import itertools
import math
import signal
import sys
import time
import tomllib
import warnings
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from collective_econ.cases.caopijie import init_text
from collective_econ.economy.community import CommunityParams
from collective_econ.errors import CollectiveEconError, ParameterError
from collective_econ.scenario import KINDS, Scenario, ScenarioFileError, loads, validate_text
from collective_econ.scenario.toml import format_key, format_value
from collective_econ.simulation import simulate

BOUNDARY: tuple[Any, ...] = (0, -1, 5e-324, 1e300, 2**63 - 1, math.nan, math.inf)
"""The values every numeric key takes in turn (nan and inf are written as TOML nan, inf)."""

EXTREMES: tuple[Any, ...] = (
    0.0, -1.0, 5e-324, -5e-324, 1e-300, 1e300, -1e300, 1.7976931348623157e308,
    -1.7976931348623157e308, 2**63 - 1, math.nan, math.inf, -math.inf,
)  # fmt: skip
"""The values each distribution parameter takes in turn."""

PAIRED = (-1e308, -1e300, -1.0, 0.0, 5e-324, 1.0, 1e300, 1e308)
"""The values two parameters of one distribution take together (low and high, mean and cv)."""

DIST_BASE: dict[str, dict[str, Any]] = {
    "fixed": {"value": 12.0},
    "uniform": {"low": 10.0, "high": 14.0},
    "triangular": {"low": 10.0, "mode": 12.0, "high": 14.0},
    "pert": {"low": 10.0, "mode": 12.0, "high": 14.0, "lamb": 4.0},
    "normal": {"mu": 12.0, "sd": 1.0, "low": 8.0, "high": 16.0},
    "lognormal": {"mean": 12.0, "cv": 0.2},
    "empirical": {"values": [10.0, 12.0, 14.0], "weights": [1.0, 2.0, 1.0]},
}
"""A valid distribution of each kind, around a hog price of 12 yuan/kg."""

UNCERTAIN = "hogs.hog_price"  # a positive parameter: lognormal and bounded kinds fit it

SMALL_FILE = """\
[scenario]
name = "distribution sweep"
horizon_years = 2

[policies.hogs]
schemes = ["hogs"]
"""

TINY = CommunityParams(residents=1200, agricultural_residents=700, groups=2)
RUN_YEARS = 2
LOAD_LIMIT = 10.0  # seconds for loads + validate_text of one file, on a busy machine
RUN_LIMIT = 30.0  # seconds for one case's runs (every policy, 2 years, a tiny community)


class Hang(BaseException):
    """A case ran past its time limit (a BaseException, so no ``except Exception`` eats it)."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`Hang` in the block after ``seconds`` (SIGALRM, main thread only)."""

    def on_alarm(signum: int, frame: object) -> None:
        raise Hang(f"over {seconds:g} s")

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


# -- the scenario-file sweep ---------------------------------------------------------------------
def numeric_paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Paths to every int or float (not bool) of a parsed TOML document, in file order."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from numeric_paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from numeric_paths(v, (*prefix, i))
    elif isinstance(node, int | float) and not isinstance(node, bool):
        yield prefix


def keys(paths: list[tuple[Any, ...]], *, every_element: bool) -> list[tuple[Any, ...]]:
    """The paths to sweep: all, or with only the first and last element of each array."""
    if every_element:
        return paths
    out: list[tuple[Any, ...]] = []
    for path in paths:
        if isinstance(path[-1], int):
            size = sum(1 for p in paths if p[:-1] == path[:-1] and isinstance(p[-1], int))
            if path[-1] not in (0, size - 1):
                continue
        out.append(path)
    return out


def write(doc: dict[str, Any]) -> str:
    """A parsed TOML document as TOML text (top-level tables as inline tables)."""
    return "".join(f"{format_key(k)} = {format_value(v)}\n" for k, v in doc.items())


def boundary_cases(*, every_element: bool = False) -> Iterator[tuple[str, Any, str]]:
    """``(location, value, text)`` for every numeric key of the embedded case at every value."""
    doc = tomllib.loads(init_text())
    for path in keys(list(numeric_paths(doc)), every_element=every_element):
        for value in BOUNDARY:
            mutated = copy.deepcopy(doc)
            parent = mutated
            for seg in path[:-1]:
                parent = parent[seg]
            parent[path[-1]] = value
            yield ".".join(map(str, path)), value, write(mutated)


def check_file(
    text: str, limit: float = LOAD_LIMIT, *, revalidate: bool = True
) -> tuple[str, Scenario | None, str]:
    """Load and validate ``text``: ``("loaded" | "refused" | "failed" | "hung", scenario, why)``.

    Refused means a ``ScenarioFileError`` whose every problem has a location, a
    message and a line within the file, ``validate_text`` listing the same ones
    (checked for a refused file only with ``revalidate``, to save time in CI).
    """
    try:
        with time_limit(limit):
            try:
                sc = loads(text)
            except ScenarioFileError as err:
                problems = err.problems
                sc = None
            again = validate_text(text) if sc is not None or revalidate else problems
    except Hang as err:
        return "hung", None, str(err)
    except Exception as err:  # anything else is a failure
        return "failed", None, f"{type(err).__name__}: {err}"
    last = text.count("\n") + 1
    if sc is not None:
        return ("loaded", sc, "") if again == [] else ("failed", None, f"validate: {again}")
    located = all(p.location and p.message and (p.line is None or 1 <= p.line <= last)
                  for p in problems)  # fmt: skip
    if not problems or not located or again != problems:
        return "failed", None, f"problems not located or not the same: {problems} / {again}"
    return "refused", None, ""


def finite_run(run: Any) -> bool:
    """Whether every income, flow and balance of a run is finite."""
    arrays = (run.income, run.household_flows, run.institution_flows, run.institution_balance)
    return all(np.isfinite(np.asarray(a, dtype=float)).all() for a in arrays) and math.isfinite(
        run.ledger_total
    )


def affected(sc: Scenario, where: str) -> tuple[str, ...]:
    """The policies a key of the file acts on (``schemes.hogs.x``: those with hogs)."""
    head, _, rest = where.partition(".")
    if head == "experiment":  # the experiment's settings: no single run reads them
        return ()
    if head == "policies":
        name = rest.split(".")[0]
        return tuple(n for n in sc.policy_names if n == name or sc.reforms.get(n) == name)
    if head == "schemes":
        scheme = rest.split(".")[0]
        return tuple(n for n in sc.policy_names if scheme in sc.policy(n).schemes)
    return sc.policy_names


def run_case(
    sc: Scenario,
    policies: tuple[str, ...] | None = None,
    limit: float = RUN_LIMIT,
    *,
    shrink: bool = True,
) -> tuple[str, str]:
    """Run policies of a loaded scenario once (all by default), 2 years, on a tiny community.

    The tiny community (1,200 residents) is used where it fits the policy (and
    with ``shrink``: not when the key swept is the community's), else the
    scenario's own. Returns ``("finite" | "refused" | "nonfinite" | "failed" |
    "hung", why)``; refused is a library error raised by the run (a memory budget,
    a community too small for a scheme), failed any other exception.
    """
    small = dataclasses.replace(sc, community=TINY) if shrink else sc
    try:
        with time_limit(limit):
            for name in sc.policy_names if policies is None else policies:
                try:
                    run = simulate(small, name, seed=1, horizon_years=RUN_YEARS)
                except ParameterError:  # the tiny community is too small for this policy
                    run = simulate(sc, name, seed=1, horizon_years=RUN_YEARS)
                if not finite_run(run):
                    return "nonfinite", name
    except Hang as err:
        return "hung", str(err)
    except CollectiveEconError as err:
        return "refused", f"{type(err).__name__}: {err}"
    except Exception as err:
        return "failed", f"{type(err).__name__}: {err}"
    return "finite", ""


# -- the distribution sweep ----------------------------------------------------------------------
def distribution_cases(*, pairs: bool = True) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(kind, parameters)``: each parameter at each extreme, then pairs of them."""
    for kind, base in DIST_BASE.items():
        for name, value in base.items():
            for x in EXTREMES:
                if isinstance(value, list):
                    for i in (0, len(value) - 1):
                        yield kind, {**base, name: [*value[:i], x, *value[i + 1 :]]}
                else:
                    yield kind, {**base, name: x}
        if not pairs:
            continue
        scalars = [n for n, v in base.items() if not isinstance(v, list)]
        for a, b in itertools.combinations(scalars, 2):
            for x, y in itertools.product(PAIRED, repeat=2):
                yield kind, {**base, a: x, b: y}
        if kind == "empirical":
            for x, y in itertools.product(PAIRED, repeat=2):
                yield kind, {**base, "values": [x, y, 12.0], "weights": [1.0, 1.0, 1.0]}


def check_distribution(kind: str, kw: dict[str, Any]) -> tuple[str, str]:
    """Build ``kind(**kw)`` and use it: ``("built" | "refused" | "failed", why)``.

    A built distribution must give a finite mean, non-NaN quantiles, finite
    quantiles inside (0, 1), and finite samples.
    """
    cls = KINDS[kind]
    try:
        dist = cls(**kw)
    except ParameterError:
        return "refused", ""
    except Exception as err:
        return "failed", f"built: {type(err).__name__}: {err}"
    try:
        q = np.array([0.0, 1e-300, 1e-9, 0.5, 1 - 1e-9, 1.0])
        x = np.asarray(dist.ppf(q))
        mean, support = dist.mean, dist.support
        dist.cdf(np.array([-math.inf, *x[1:-1], math.inf]))
        draws = dist.sample(np.random.default_rng(1), 64)
        dist.quantile(0.5)
    except Exception as err:
        return "failed", f"used: {type(err).__name__}: {err}"
    if np.isnan(x).any() or not np.isfinite(x[1:-1]).all() or not math.isfinite(mean):
        return "failed", f"quantiles {x}, mean {mean}"
    if not np.isfinite(draws).all() or not all(not math.isnan(s) for s in support):
        return "failed", f"samples not finite, support {support}"
    return "built", ""


def uncertainty_file(kind: str, kw: dict[str, Any]) -> str:
    """A small scenario file with one uncertainty of ``kind`` on the hog price."""
    entry = {"param": UNCERTAIN, "distribution": {"kind": kind, **kw}}
    return f"uncertainties = {format_value([entry])}\n\n" + SMALL_FILE


# -- the CI tests --------------------------------------------------------------------------------
RUN_BUDGET = 8.0  # seconds of runs in CI, at most (the benchmark runs every loaded case)
MIN_RUNS = 12  # loaded cases run in CI whatever the budget (a busy machine runs fewer)
REVALIDATE_EVERY = 8  # in CI, a refused file's problems are compared with validate_text 1 in 8
FIRST = (5e-324, 1e300, 2**63 - 1, 0)  # in CI, loaded cases at these values run first


def sweep_every_numeric_key() -> str:
    """0 tracebacks, 0 hangs; loaded cases run (as many as the budget allows), all finite.

    Raises AssertionError naming the failures; returns the counts, as a line.
    """
    outcomes: Counter[str] = Counter()
    failures: list[str] = []
    loaded: list[tuple[str, Any, Scenario]] = []
    for i, (where, value, text) in enumerate(boundary_cases()):
        outcome, sc, why = check_file(text, revalidate=i % REVALIDATE_EVERY == 0)
        outcomes[outcome] += 1
        if outcome in ("failed", "hung"):
            failures.append(f"{where} = {value!r}: {outcome}: {why}")
        elif sc is not None:
            loaded.append((where, value, sc))
    assert not failures, f"{len(failures)} cases failed:\n" + "\n".join(failures[:20])
    assert outcomes["loaded"] > 100
    assert outcomes["refused"] > 1000

    rng = np.random.default_rng(14)
    order = sorted(rng.permutation(len(loaded)), key=lambda i: loaded[i][1] not in FIRST)
    ran: Counter[str] = Counter()
    t0 = time.monotonic()
    for i in order:
        if time.monotonic() - t0 > RUN_BUDGET and sum(ran.values()) >= MIN_RUNS:
            break  # at least MIN_RUNS cases however slow the machine: no timing-flaky count
        where, value, sc = loaded[i]
        policies = affected(sc, where)
        if not policies:
            continue
        outcome, why = run_case(sc, policies, shrink=not where.startswith("community"))
        ran[outcome] += 1
        if outcome in ("nonfinite", "failed", "hung"):
            failures.append(f"{where} = {value!r}: {outcome}: {why}")
    assert not failures, f"{len(failures)} runs failed:\n" + "\n".join(failures)
    assert ran["finite"] >= 10
    return f"numeric-key sweep: {dict(outcomes)}, runs {dict(ran)}"


ENV = {"MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin", "PYTHONPATH": ":".join(sys.path)}


def prefetch(item: pytest.Item) -> list[dict[str, Any]]:
    """The numeric-key sweep's process, started when the session starts (tests/conftest.py)."""
    if item.name == "test_boundary_sweep_of_every_numeric_key":
        return [{"script": Path(__file__), "env": ENV, "timeout": 1200}]
    return []


def test_boundary_sweep_of_every_numeric_key(tmp_path: Path, fresh_python: Any) -> None:
    """0 tracebacks, 0 hangs; loaded cases run (as many as the budget allows), all finite.

    :func:`sweep_every_numeric_key` runs as this file's script, in a new process forked
    from one that has imported the package, which tests/conftest.py starts on another
    core when the session starts; its assertion, if one fails, is in ``stderr``.
    """
    res = fresh_python(tmp_path, script=Path(__file__), env=ENV, timeout=1200)
    assert res.returncode == 0, res.stderr[-6000:]
    assert res.stdout.startswith("numeric-key sweep: "), res.stdout[-2000:]  # it ran to its end


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # overflow inside refused extremes
def test_distribution_sweep_of_every_parameter() -> None:
    """Every distribution at extremes is refused, or finite to use; in a file, located."""
    outcomes: Counter[str] = Counter()
    failures: list[str] = []
    for kind, kw in distribution_cases():
        outcome, why = check_distribution(kind, kw)
        outcomes[outcome] += 1
        if outcome == "failed":
            failures.append(f"{kind} {kw}: {why}")
    for kind, kw in distribution_cases(pairs=False):
        outcome, _, why = check_file(uncertainty_file(kind, kw))
        if outcome in ("failed", "hung"):
            failures.append(f"{kind} {kw} in a file: {outcome}: {why}")
    assert not failures, f"{len(failures)} cases failed:\n" + "\n".join(failures[:20])
    assert outcomes["built"] > 100
    assert outcomes["refused"] > 100


def test_the_sweep_would_catch_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    """A planted bare exception in the reader is reported as failed, not refused."""

    def broken(text: str, **kw: Any) -> Scenario:
        raise OverflowError("planted")

    assert check_file("[scenario]\nname = 1\n")[0] == "refused"
    monkeypatch.setitem(globals(), "loads", broken)
    outcome, _, why = check_file(init_text())
    assert outcome == "failed"
    assert "OverflowError" in why


def test_the_sweep_would_catch_a_hang() -> None:
    with time_limit(0.05):
        pass
    with pytest.raises(Hang), time_limit(0.05):
        time.sleep(1)


# -- the issue's own examples, fixed ------------------------------------------------------------
def test_the_issues_examples_raise_library_errors_with_clear_messages() -> None:
    import collective_econ as ce
    from collective_econ.errors import ParameterTypeError

    sc = ce.default_scenario()
    with pytest.raises(ParameterError, match=r"compare\.policies must be a policy name or an"):
        ce.compare(sc, [])
    with pytest.raises(ParameterTypeError, match=r"compare\.scenario must be a Scenario"):
        ce.compare(None)  # type: ignore[arg-type]
    with pytest.raises(ParameterTypeError, match=r"scheme must be a Scheme or a scheme name"):
        ce.appraise(["hotel"])  # type: ignore[arg-type]


def test_numpy_numbers_are_accepted_where_python_ones_are() -> None:
    import collective_econ as ce

    a = ce.monte_carlo("hotel", n=np.int64(2), seed=1, horizon_years=np.int64(3))
    b = ce.monte_carlo("hotel", n=2, seed=1, horizon_years=3)
    np.testing.assert_array_equal(a.flows, b.flows)
    assert ce.appraisal_table(["hotel"], samples=np.int64(0), horizon_years=np.int64(3))
    assert ce.HotelParams(rooms=np.int64(60), occupancy=np.float32(0.5)).rooms == 60


def test_irr_of_flows_near_the_largest_float() -> None:
    import collective_econ as ce

    golden = (math.sqrt(5) - 1) / 2
    assert ce.irr([-1e308, 1e308, 1e308]) == pytest.approx(golden, rel=1e-12)
    assert ce.irr([-5e-324, 5e-324, 5e-324]) == pytest.approx(golden, rel=1e-12)


def test_distributions_refuse_quantiles_that_overflow() -> None:
    import collective_econ as ce

    with pytest.raises(ParameterError, match="quantiles and the mean are finite"):
        ce.Uniform(low=-1e308, high=1e308)
    with pytest.raises(ParameterError, match=r"LogNormal\.mean must be small enough"):
        ce.LogNormal(mean=1e308, cv=1.0)
    wide = ce.LogNormal(mean=1.0, cv=1e155)  # squaring cv used to overflow
    assert math.isfinite(wide.ppf(0.5))
    flat = ce.LogNormal(mean=12.0, cv=5e-324)  # sigma 0: the mean itself, not NaN
    assert flat.ppf(0.0) == flat.ppf(1.0) == 12.0


@pytest.mark.parametrize(
    "key",
    ["hotel.occupancy", "land_shares.dividend_rate", "tea.loan_rate", "agro_park.loan_rate"],
)
def test_a_denormal_runs_the_full_package_finitely(key: str) -> None:
    scheme, field = key.split(".")
    doc = tomllib.loads(init_text())
    doc["schemes"][scheme][field] = 5e-324
    _, sc, why = check_file(write(doc))
    assert sc is not None, why
    assert run_case(sc, ("full package",)) == ("finite", "")


if __name__ == "__main__":  # the numeric-key sweep, as test_boundary_sweep_of_every_numeric_key
    warnings.simplefilter("ignore", RuntimeWarning)  # its filterwarnings mark, as before
    warnings.filterwarnings("error", category=DeprecationWarning, module="collective_econ")
    print(sweep_every_numeric_key())
