"""Bounds that come from the machine, checked before anything runs (issue 14, items 1-3).

Every entry point estimates its memory and time (``collective_econ.resources``) and
refuses, with one library error naming the estimate and the limit, before it
allocates or forks; counts in the parameter rules have upper bounds with reasons;
worker counts are capped at the cores and the runs with a note; input files are
read only when regular and small enough.
"""

from __future__ import annotations

import contextlib
import dataclasses
import multiprocessing
import os
import re
import signal
import time
import tracemalloc
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pytest

import collective_econ as ce
from collective_econ import resources
from collective_econ.cases.caopijie import default_scenario, init_text
from collective_econ.cli import main
from collective_econ.economy.community import CommunityParams, synthesize
from collective_econ.errors import (
    MEMORY_LIMIT_ENV,
    CollectiveEconError,
    MemoryBudgetError,
    ParameterError,
    ScenarioFileError,
)
from collective_econ.finance import loan_schedule
from collective_econ.runs.executors import process_pool
from collective_econ.runs.experiment import run_experiment
from collective_econ.runs.spec import ExperimentSpec
from collective_econ.scenario import load_scenario, loads, validate_file
from collective_econ.simulation import simulate

# the scenarios' appraisal warnings (seconds of Monte Carlo each ``run`` and ``report``),
# computed once for equal scenarios (shared_alerts_module in tests/conftest.py); tests of
# the warnings themselves are in tests/runs/test_alerts.py, which does not share them
pytestmark = pytest.mark.usefixtures("shared_alerts_module")

LIMIT = 5.0  # seconds for any refusal, on a busy machine


class Hang(BaseException):
    """Over the time limit: a BaseException, so no library ``except OSError`` (TimeoutError
    is one) or ``except Exception`` can turn a hang into a refusal that passes."""


@contextlib.contextmanager
def time_limit(seconds: float = LIMIT) -> Iterator[None]:
    """Fail the block after ``seconds`` (SIGALRM, main thread only)."""

    def on_alarm(signum: int, frame: object) -> None:
        raise Hang(f"over {seconds:g} s")

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def with_value(section: str, key: str, value: object) -> str:
    """The default scenario file with the first ``key`` of ``[section]`` set to ``value``."""
    out, current, done = [], None, False
    for line in init_text().splitlines():
        head = re.fullmatch(r"\[+([^\]]+)\]+", line.strip())
        if head:
            current = head.group(1)
        if not done and current == section and re.match(rf"{re.escape(key)}\s*=", line):
            line, done = f"{key} = {value}", True
        out.append(line)
    assert done, (section, key)
    return "\n".join(out) + "\n"


TINY = CommunityParams(residents=600, agricultural_residents=400, groups=2)


def tiny() -> ce.Scenario:
    return dataclasses.replace(default_scenario(), community=TINY, horizon_years=1)


# -- 1. memory: refused before any allocation or fork, with the estimate in the message ----------
def test_an_experiment_above_the_memory_limit_is_refused_before_any_fork(monkeypatch):
    monkeypatch.setenv(MEMORY_LIMIT_ENV, "1MB")
    spec = ExperimentSpec(policies=("cash only",), replications=2, horizon_years=1)
    tracemalloc.start()
    try:
        with process_pool(2) as pool:
            with time_limit(), pytest.raises(MemoryBudgetError) as info:
                run_experiment(tiny(), spec, executor=pool)
            forked = len(getattr(pool, "_processes", None) or {})
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert forked == 0  # the pool never started a worker
    assert peak < 20e6  # no community was drawn
    err = info.value
    assert isinstance(err, MemoryError)
    assert isinstance(err, CollectiveEconError)
    message = str(err)
    assert "2 runs on 2 workers" in message
    assert "needs an estimated" in message
    assert f"{err.needed / 1e9:.1f} GB" in message
    assert "limit of 0.0 GB" in message
    assert "estimated time" in message
    assert MEMORY_LIMIT_ENV in message


def test_the_command_refuses_a_run_above_the_limit_in_one_line_without_forking(
    monkeypatch, tmp_path, capsys
):
    monkeypatch.setenv(MEMORY_LIMIT_ENV, "1MB")
    path = tmp_path / "s.toml"
    path.write_text(with_value("experiment", "workers", 4), encoding="utf-8")
    with time_limit(30):
        code = main(["run", str(path), "--out", str(tmp_path / "out"), "--replications", "2"])
    err = capsys.readouterr().err
    assert code == 2
    lines = [line for line in err.splitlines() if "error:" in line]
    assert len(lines) == 1
    assert "needs an estimated" in lines[0]
    assert "limit of" in lines[0]
    assert "Traceback" not in err
    assert multiprocessing.active_children() == []


def test_the_estimate_grows_with_every_dimension():
    base = resources.run_estimate(1000, 3000, 240, sources=20, institutions=30)
    for bigger in (
        resources.run_estimate(2000, 3000, 240, sources=20, institutions=30),
        resources.run_estimate(1000, 6000, 240, sources=20, institutions=30),
        resources.run_estimate(1000, 3000, 480, sources=20, institutions=30),
    ):
        assert bigger.bytes > base.bytes
        assert bigger.seconds > base.seconds
    two = resources.experiment_estimate(base, runs=10, workers=2)
    four = resources.experiment_estimate(base, runs=10, workers=4)
    assert four.bytes > two.bytes
    assert four.seconds < two.seconds
    assert (
        resources.appraisal_estimate(20, 2000).bytes > resources.appraisal_estimate(20, 1000).bytes
    )
    assert resources.loan_estimate(10**6).bytes == pytest.approx(40 * (10**6 + 1))


# -- 2. counts and sizes from the issue: one library error each, quickly ------------------------
def _file(section: str, key: str, value: object) -> Callable[[], object]:
    return lambda: loads(with_value(section, key, value))


BIG = 10**9
ITEM_2: dict[str, Callable[[], object]] = {
    "jobs.places = 1e9": _file("schemes.jobs.jobs", "places", BIG),
    "enterprise.businesses_per_year = 1e9": _file(
        "schemes.enterprise", "businesses_per_year", BIG
    ),
    "enterprise.loan_years = 1e9": _file("schemes.enterprise", "loan_years", BIG),
    "hogs.loan_years = 1e9": _file("schemes.hogs", "loan_years", BIG),
    "tea.loan_years = 1e9": _file("schemes.tea", "loan_years", BIG),
    "agro_park.loan_years = 1e9": _file("schemes.agro_park", "loan_years", BIG),
    "hotel.loan_years = 1e9": _file("schemes.hotel", "loan_years", BIG),
    "hotel.construction_months = 1e9": _file("schemes.hotel", "construction_months", BIG),
    "hogs.pen_life_years = 1e9": _file("schemes.hogs", "pen_life_years", BIG),
    "horizon_years = 1e11 (file)": _file("scenario", "horizon_years", 10**11),
    "start_year = 2**63 - 1": _file("scenario", "start_year", 2**63 - 1),
    "residents = 4e9 (file)": _file("community", "residents", 4 * BIG),
    "residents = 4e9 (API)": lambda: CommunityParams(residents=4 * BIG),
    "simulate(horizon_years=1e11)": lambda: simulate(tiny(), "cash only", horizon_years=10**11),
    "run_experiment(horizon_years=1e11)": lambda: run_experiment(
        tiny(), ExperimentSpec(policies=("cash only",), horizon_years=10**11)
    ),
    "compare() of 9 million residents": lambda: ce.compare(
        dataclasses.replace(
            default_scenario(),
            community=CommunityParams(residents=9_000_000, agricultural_residents=1826),
        ),
        ["cash only"],
    ),
    "appraisal_table(samples=1e8)": lambda: ce.appraisal_table(["hotel"], samples=10**8),
    "monte_carlo(n=1e8)": lambda: ce.monte_carlo("hotel", n=10**8),
    "appraise(horizon_years=1e9)": lambda: ce.appraise("hotel", horizon_years=BIG),
    "loan_schedule(periods=1e9)": lambda: loan_schedule(1000.0, 0.05, BIG),
    "household size 1e9": lambda: synthesize(
        CommunityParams(agricultural_household_size=1e9), np.random.default_rng(1)
    ),
    "household size 1e300": lambda: CommunityParams(urban_household_size=1e300),
}


@pytest.mark.parametrize("case", list(ITEM_2))
def test_each_case_of_item_2_is_refused_by_one_library_error(case):
    t0 = time.perf_counter()
    with time_limit(), pytest.raises(CollectiveEconError) as info:
        ITEM_2[case]()
    assert time.perf_counter() - t0 < LIMIT
    err = info.value
    assert isinstance(err, ValueError | MemoryError)
    if isinstance(err, MemoryBudgetError):
        assert "needs an estimated" in str(err)
        assert "limit of 8.0 GB" in str(err)
    elif isinstance(err, ScenarioFileError):
        assert len(err.problems) == 1
        assert err.problems[0].line is not None


def test_the_bounds_give_their_reason():
    with pytest.raises(ParameterError, match=r"within \[1, 200\] \(no horizon, loan term"):
        ce.SCHEMES["hogs"].params_type(loan_years=201)
    with pytest.raises(ParameterError, match=r"within \[0, 2,400\] \(200 years"):
        ce.SCHEMES["hotel"].params_type(construction_months=2401)
    with pytest.raises(ParameterError, match=r"within \[0, 10,000,000\] \(20 counties"):
        ce.SCHEMES["enterprise"].params_type(businesses_per_year=10**7 + 1)
    ce.SCHEMES["hogs"].params_type(loan_years=200)  # the bound itself is allowed


def test_synthesize_with_a_large_household_runs_in_bounded_time():
    params = CommunityParams(residents=2000, agricultural_residents=1000, groups=1)
    params = dataclasses.replace(params, agricultural_household_size=30.0)
    with time_limit():
        community = synthesize(params, np.random.default_rng(3))
    assert community.n_persons == 2000


# -- 3. workers: capped at the cores and the runs, with a note ----------------------------------
def test_workers_are_capped_at_the_cores_and_the_runs(monkeypatch, capsys):
    monkeypatch.setattr(resources, "cpu_count", lambda: 4)
    monkeypatch.setattr(resources, "_NOTED", set())
    assert resources.cap_workers(3, runs=10) == (3, "")
    n, note = resources.cap_workers(1_000_000, runs=10)
    assert n == 4
    assert "cores" in note
    assert resources.cap_workers(1_000_000, runs=2)[0] == 2
    resources.cap_workers(1_000_000, runs=10)  # the same note is printed once
    assert capsys.readouterr().err.count("capped at 4") == 1
    with process_pool(1_000_000) as pool:
        assert pool._max_workers == 4


def test_a_foreign_pool_of_more_processes_than_cores_is_refused_before_forking():
    spec = ExperimentSpec(policies=("cash only",), replications=1, horizon_years=1)
    pool = ProcessPoolExecutor(max_workers=resources.cpu_count() + 3)
    try:
        with time_limit(), pytest.raises(ParameterError, match=r"at most \d+ workers"):
            run_experiment(tiny(), spec, executor=pool)
        assert not getattr(pool, "_processes", None)  # nothing was forked
    finally:
        pool.shutdown()


def test_a_million_workers_in_the_scenario_run_capped_with_a_note(tmp_path, capsys):
    text = with_value("experiment", "workers", 1_000_000)
    text = with_value_in(text, "community", "residents", 600)
    text = with_value_in(text, "community", "agricultural_residents", 400)
    path = tmp_path / "s.toml"
    path.write_text(text, encoding="utf-8")
    before = multiprocessing.active_children()
    with time_limit(120):
        code = main([
            "run", str(path), "--out", str(tmp_path / "out"), "--replications", "1",
            "--samples", "1", "--horizon", "1", "--policy", "cash only", "--no-plots",
        ])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 0, err
    assert "workers capped at 1 (the number of runs)" in err
    assert multiprocessing.active_children() == before


def with_value_in(text: str, section: str, key: str, value: object) -> str:
    out, current, done = [], None, False
    for line in text.splitlines():
        head = re.fullmatch(r"\[+([^\]]+)\]+", line.strip())
        if head:
            current = head.group(1)
        if not done and current == section and re.match(rf"{re.escape(key)}\s*=", line):
            line, done = f"{key} = {value}", True
        out.append(line)
    assert done
    return "\n".join(out) + "\n"


# -- files: regular, small enough, a byte-order mark accepted ----------------------------------
@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.toml"
    os.mkfifo(path)
    return path


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
@pytest.mark.parametrize("kind", ["/dev/zero", "fifo", "directory"])
def test_a_device_a_fifo_or_a_directory_is_refused_quickly(kind, fifo, tmp_path, capsys):
    path = {"/dev/zero": Path("/dev/zero"), "fifo": fifo, "directory": tmp_path}[kind]
    with time_limit():
        problems = validate_file(path)
        with pytest.raises(ScenarioFileError, match="not a regular file"):
            load_scenario(path)
        assert main(["validate", str(path)]) == 2
        assert main(["run", str(path)]) == 2
    assert len(problems) == 1
    assert problems[0].location == "file"
    assert "not a regular file" in problems[0].message
    assert "Traceback" not in capsys.readouterr().err


def test_a_file_above_the_size_limit_is_refused(monkeypatch, tmp_path):
    path = tmp_path / "s.toml"
    path.write_text(init_text(), encoding="utf-8")
    monkeypatch.setenv(resources.FILE_LIMIT_ENV, "1kB")
    [problem] = validate_file(path)
    assert "above the limit of 1,000 bytes" in problem.message
    monkeypatch.setenv(resources.FILE_LIMIT_ENV, "10MB")
    assert validate_file(path) == []


def test_a_utf8_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + init_text().encode("utf-8"))
    assert validate_file(path) == []
    assert load_scenario(path) == default_scenario()
    assert loads("\ufeff" + init_text()) == default_scenario()
