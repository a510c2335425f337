"""Faults handled as promised, and text escaped wherever it leaves the library (issue 14).

- Dask: a malformed or unreachable scheduler address is one line; losing every worker
  is one error within a bounded time, the finished runs kept (resume finishes); TLS
  settings reach the client.
- Process pool: the workers die with their parent, even after ``kill -9``.
- The command line: Ctrl-C (SIGINT to the whole process group, as a terminal sends it)
  and SIGTERM print one line with the resume command, no traceback.
- Escaping: ``$...$`` (mathtext) in a policy name, a label or a title never breaks a
  plot; CSV cells starting with ``=``, ``+``, ``-``, ``@``, tab or CR are quoted (OWASP);
  the report escapes HTML (see also ``tests/test_report.py``).
- One definition of "better off" per run: ``[scenario] baseline`` in the terminal
  tables and ``differences.csv`` as in the report; ``compare`` with a short horizon.
"""

from __future__ import annotations

import csv
import dataclasses
import html
import io
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from collective_econ.cases.caopijie import default_scenario
from collective_econ.cli import main
from collective_econ.economy.community import CommunityParams
from collective_econ.runs.comparison import compare, compared_with
from collective_econ.runs.executors import (
    ClusterError,
    DaskExecutor,
    dask_executor,
)
from collective_econ.runs.experiment import run_experiment
from collective_econ.runs.spec import ExperimentSpec
from collective_econ.runs.store import STORE_FILE
from collective_econ.scenario import save_scenario
from collective_econ.units import CSV_FORMULA_PREFIXES, csv_cell, write_csv_rows

TWO = ("cash only", "80% shares")
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "PYTHONFAULTHANDLER": "1"}

# the scenarios' appraisal warnings (seconds of Monte Carlo each ``run`` and ``report``),
# computed once for equal scenarios (shared_alerts_module in tests/conftest.py); tests of
# the warnings themselves are in tests/runs/test_alerts.py, which does not share them
pytestmark = pytest.mark.usefixtures("shared_alerts_module")


def small(**changes):
    community = CommunityParams(residents=600, agricultural_residents=400)
    return dataclasses.replace(default_scenario(), community=community, horizon_years=2, **changes)


@pytest.fixture
def small_file(tmp_path):
    path = tmp_path / "small.toml"
    save_scenario(small(), path)
    return path


def stored_runs(folder):
    con = sqlite3.connect(Path(folder) / STORE_FILE)
    try:
        return con.execute("SELECT count(*) FROM runs").fetchone()[0]
    except sqlite3.OperationalError:  # the store is being created
        return 0
    finally:
        con.close()


def message_lines(err: str) -> list[str]:
    """stderr without the progress bar's lines."""
    return [
        line
        for line in err.splitlines()
        if line.strip() and not line.lstrip().startswith("simulating")
    ]


# -- processes: orphans, Ctrl-C, SIGTERM ----------------------------------------------------------
def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rpartition(")")[2].split()[1]) == pid:
                out.append(int(entry.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")  # a zombie has exited; only its parent's reaper is late


def _start_run(small_file, out, *extra):
    args = [sys.executable, "-m", "collective_econ.cli", "run", str(small_file)]
    args += ["--policy", TWO[0], "--policy", TWO[1], "--no-plots", "--out", str(out), *extra]
    return subprocess.Popen(
        args,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group: signals reach it and its workers
        preexec_fn=_foreground_signals,
    )


def _foreground_signals():
    """SIGINT as in a terminal's foreground job: a shell runs background jobs (a CI script
    started with ``&``) with SIGINT ignored, and the command inherits the ignoring."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _wait_for(condition, timeout, what, child):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        if child.poll() is not None:
            err = child.stderr.read()[-3000:]
            raise AssertionError(f"the command ended ({child.returncode}) before {what}: {err}")
        time.sleep(0.05)
    os.killpg(child.pid, signal.SIGKILL)
    _, err = child.communicate()
    raise AssertionError(f"timed out waiting for {what}: {err[-3000:]}")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_pool_workers_die_with_their_parent_even_after_kill_9(small_file, tmp_path):
    child = _start_run(small_file, tmp_path / "out", "--replications", "1000", "--workers", "2")
    workers: list[int] = []
    try:
        workers = _wait_for(
            lambda: (lambda k: k if len(k) >= 2 else None)(_children(child.pid)),
            60,
            "2 workers",
            child,
        )
        _wait_for(lambda: (tmp_path / "out" / STORE_FILE).exists(), 60, "the store", child)
        os.kill(child.pid, signal.SIGKILL)
        child.communicate(timeout=10)
        t0 = time.monotonic()
        while any(_alive(w) for w in workers) and time.monotonic() - t0 < 5:
            time.sleep(0.05)
        survivors = [w for w in workers if _alive(w)]
        assert not survivors, f"orphaned pool workers after kill -9 of their parent: {survivors}"
    finally:
        for pid in [child.pid, *workers]:  # only the processes this test started
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        if child.poll() is None:
            child.kill()
            child.communicate()


@pytest.mark.parametrize(
    ("sig", "status", "word"),
    [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")],
)
def test_a_signal_during_run_prints_one_line_with_the_resume_command(
    small_file, tmp_path, sig, status, word
):
    out = tmp_path / "out"
    child = _start_run(small_file, out, "--replications", "1000", "--workers", "2")
    try:
        _wait_for(lambda: out.joinpath(STORE_FILE).exists(), 60, "the store", child)
        _wait_for(lambda: stored_runs(out) > 0, 60, "a committed run", child)
        os.killpg(child.pid, sig)  # the whole group, as a terminal's Ctrl-C
        try:
            _, err = child.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            os.kill(child.pid, signal.SIGABRT)
            _, err = child.communicate(timeout=20)
            raise AssertionError(f"no exit 20 s after the signal: {err[-8000:]}") from None
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
            child.communicate()
    assert child.returncode == status, err[-2000:]
    assert "Traceback" not in err, err[-3000:]
    lines = message_lines(err)
    assert len(lines) == 1, lines
    assert f"collective-econ run: {word}" in lines[0]
    assert lines[0].endswith(f"--out {out} --resume")
    assert stored_runs(out) > 0  # the finished runs are kept for --resume


# -- Dask -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("address", ["localhost", "tcp://", "tcp://host:notaport", "foo://x:1"])
def test_a_malformed_scheduler_address_is_one_line(address, small_file, tmp_path, capsys):
    pytest.importorskip("distributed", reason="dask[distributed] is not installed")
    with (
        pytest.raises(ClusterError, match="malformed Dask scheduler address"),
        dask_executor(address),
    ):
        pass
    args = ["run", str(small_file), "--dask-scheduler", address, "--out", str(tmp_path / "o")]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert len(message_lines(err)) == 1
    assert "malformed Dask scheduler address" in err


def test_an_unreachable_scheduler_is_one_error_within_the_timeout():
    pytest.importorskip("distributed", reason="dask[distributed] is not installed")
    t0 = time.monotonic()
    with (
        pytest.raises(ClusterError, match="cannot reach the Dask scheduler"),
        dask_executor("tcp://127.0.0.1:9", timeout=1),
    ):
        pass
    assert time.monotonic() - t0 < 10


def test_security_is_passed_to_the_client(monkeypatch):
    distributed = pytest.importorskip("distributed", reason="dask[distributed] is not installed")
    seen = {}

    def client(address, **kwargs):
        seen.update(kwargs, address=address)
        raise OSError("no scheduler here (test)")

    monkeypatch.setattr(distributed, "Client", client)
    security = object()
    with (
        pytest.raises(ClusterError, match="cannot reach"),
        dask_executor("tls://10.0.0.1:8786", security=security, timeout=3),
    ):
        pass
    assert seen == {"address": "tls://10.0.0.1:8786", "security": security, "timeout": 3}


def test_losing_every_dask_worker_fails_in_bounded_time_and_keeps_finished_runs(tmp_path):
    distributed = pytest.importorskip("distributed", reason="dask[distributed] is not installed")
    scenario = small()
    spec = ExperimentSpec(policies=TWO[:1], replications=10, seed=5)
    lost: list[float] = []
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        executor = DaskExecutor(client, no_workers_timeout=1.5, poll=0.1)
        done: list[int] = []

        def progress(n):
            done.append(n)
            if sum(done) >= 3 and not lost:
                lost.append(time.monotonic())
                cluster.scale(0)  # every worker gone, none coming back

        with pytest.raises(ClusterError, match=r"no worker for 1\.5 s"):
            run_experiment(
                scenario,
                spec,
                executor=executor,
                store=tmp_path,
                progress=progress,
                runs_per_task=1,
                max_pending=2,
            )
        waited = time.monotonic() - lost[0]
        executor.shutdown(wait=False, cancel_futures=True)
    assert waited < 12, waited  # the timeout, not for ever
    kept = stored_runs(tmp_path)
    assert 3 <= kept < 10
    resumed = run_experiment(scenario, spec, store=tmp_path, resume=True)
    assert resumed.metadata["runs_resumed"] == kept
    reference = run_experiment(scenario, spec)
    for name in ("mean_income", "poverty_headcount"):
        np.testing.assert_array_equal(resumed.outcomes[name], reference.outcomes[name])


def test_the_command_says_in_one_line_when_the_cluster_has_no_worker(small_file, tmp_path, capsys):
    distributed = pytest.importorskip("distributed", reason="dask[distributed] is not installed")
    out = tmp_path / "out"
    with distributed.LocalCluster(n_workers=0, processes=False, dashboard_address=None) as cluster:
        t0 = time.monotonic()
        args = ["run", str(small_file), "--policy", TWO[0], "--replications", "2"]
        args += ["--no-plots", "--dask-scheduler", cluster.scheduler_address]
        code = main([*args, "--dask-no-workers-timeout", "1", "--out", str(out)])
        elapsed = time.monotonic() - t0
    err = capsys.readouterr().err
    assert code == 2
    assert elapsed < 15
    assert "Traceback" not in err
    lines = message_lines(err)
    assert len(lines) == 1, lines
    assert "has had no worker for 1 s" in lines[0]
    assert lines[0].endswith("add --resume to finish")


def test_dask_executor_timeouts_are_checked():
    class Client:
        def get_executor(self):
            return None

    for bad in (0, -1, float("nan"), float("inf"), "soon"):
        with pytest.raises(ClusterError, match="no_workers_timeout"):
            DaskExecutor(Client(), no_workers_timeout=bad)


# -- escaping: plots ------------------------------------------------------------------------------
HOSTILE = ("$\\frac{1}{$ cash", '=HYPERLINK("http://x") <i>$x^$')


def _hostile_scenario():
    sc = small()
    renamed = tuple(
        dataclasses.replace(sc.policy(a), name=b) for a, b in zip(TWO, HOSTILE, strict=True)
    )
    return dataclasses.replace(sc, policies=renamed, baseline=None)


@pytest.fixture(scope="module")
def hostile_comparison():
    return compare(_hostile_scenario(), replications=2, seed=3, horizon_years=2)


def test_mathtext_in_policy_names_never_breaks_a_plot(hostile_comparison, tmp_path):
    import matplotlib.pyplot as plt

    from collective_econ.plotting import save_figures

    written = save_figures(hostile_comparison, tmp_path)
    assert {p.name for p in written} >= {"income_fan.png", "poverty.png", "winners_losers.png"}
    assert all(p.stat().st_size > 0 for p in written)
    plt.close("all")


def test_the_unescaped_names_would_break_a_plot():
    # the failure the escaping prevents (so the test above can fail)
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.plot([0, 1], label=HOSTILE[0])
    ax.legend()
    with pytest.raises(ValueError, match=r"frac|Expected|Unknown symbol|mathtext|\$"):
        fig.savefig(io.BytesIO())
    plt.close(fig)


def test_mathtext_in_sensitivity_labels_never_breaks_a_chart():
    import matplotlib.pyplot as plt

    from collective_econ.plotting import tornado_chart
    from collective_econ.sensitivity.local import Tornado

    result = Tornado(
        names=("hogs.hog_price",),
        base=np.array([10.0]),
        low_value=np.array([8.0]),
        high_value=np.array([12.0]),
        low_output=np.array([1.0]),
        high_output=np.array([3.0]),
        baseline=2.0,
        quantiles=(0.05, 0.95),
    )
    ax = tornado_chart(
        result, labels=["$\\undefinedmacro$"], title="$^$ under '$x'", outcome="$a", unit="$"
    )
    ax.get_figure().savefig(io.BytesIO())
    plt.close("all")


# -- escaping: CSV and HTML -----------------------------------------------------------------------
@pytest.mark.parametrize("prefix", CSV_FORMULA_PREFIXES)
def test_a_cell_starting_with_a_formula_character_is_quoted(prefix):
    assert csv_cell(f"{prefix}cmd") == f"'{prefix}cmd"
    assert csv_cell(f"a{prefix}") == f"a{prefix}"  # only the first character matters


def test_numbers_are_never_quoted():
    assert csv_cell(-1.5) == "-1.5"
    assert csv_cell(np.float64(-0.25)) == "-0.25"
    assert csv_cell(-3) == -3
    fh = io.StringIO()
    write_csv_rows(fh, ["name", "value"], [["-x", -2.0], ["ok", 1]])
    assert fh.getvalue() == "name,value\n'-x,-2.0\nok,1\n"


def test_every_csv_table_of_a_run_quotes_formula_names(tmp_path):
    names = ("=1+2", "@SUM(A1)", "+x", "-x", "\tx", "\rx")
    sc = small()
    base = sc.policy(TWO[0])
    policies = tuple(dataclasses.replace(base, name=n) for n in names)
    sc = dataclasses.replace(sc, policies=policies, baseline=None)
    spec = ExperimentSpec(policies=names, replications=2, seed=1, panels="all")
    res = run_experiment(sc, spec)
    paths = res.to_csv(tmp_path) + res.to_comparison().write_csv(tmp_path / "cmp")
    seen = 0
    for path in paths:
        with path.open(newline="", encoding="utf-8") as fh:
            for row in csv.reader(fh):
                for cell in row:
                    if cell and cell[0] in "=+@\t\r":
                        raise AssertionError(f"{path.name}: unquoted formula cell {cell!r}")
                    if cell.startswith("-"):
                        float(cell)  # a negative number, never text
                    seen += cell in {f"'{n}" for n in names}
    assert seen > 0


def test_the_appraisal_csv_goes_through_the_same_writer(tmp_path):
    from collective_econ.appraisal import appraisal_table, write_csv

    path = write_csv(appraisal_table(["hotel"], samples=0), tmp_path / "a.csv")
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][0] == "scheme"
    for row in rows[1:]:
        for cell in row:
            assert cell[:1] not in ("=", "+", "@")
            assert not cell.startswith("-") or float(cell) < 0


def test_the_report_escapes_hostile_policy_names(hostile_comparison):
    import matplotlib.pyplot as plt

    from collective_econ.report import build_report

    results = hostile_comparison.results
    page = build_report(_hostile_scenario(), results, appraisal_samples=0, seed=3)
    plt.close("all")
    assert html.escape(HOSTILE[1]) in page
    assert "<i>$x" not in page


# -- one definition of "better off"; compare with a short horizon -------------------------------
def test_the_scenario_baseline_is_used_by_the_table_and_differences_csv(tmp_path, capsys):
    path = tmp_path / "b.toml"
    save_scenario(small(baseline=TWO[1]), path)
    out = tmp_path / "out"
    args = ["run", str(path), "--samples", "1", "--replications", "2", "--no-plots"]
    args += ["--out", str(out)]
    assert main([*args, "--policy", TWO[0], "--policy", TWO[1]]) == 0
    printed = capsys.readouterr().out
    assert f"better off than under '{TWO[1]}'" in " ".join(printed.split())  # over 2 lines
    baseline_row = next(line for line in printed.splitlines() if line.startswith(TWO[1]))
    assert "(baseline)" in baseline_row
    with (out / "differences.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows
    assert {r["baseline"] for r in rows} == {TWO[1]}
    assert {r["policy"] for r in rows} == {TWO[0]}


def test_compared_with_is_the_reports_rule():
    assert compared_with(TWO[1], TWO) == TWO[1]
    assert compared_with(None, TWO) == TWO[0]
    assert compared_with("full package", TWO) == TWO[0]  # not run: the first one run


@pytest.mark.parametrize("years", [1, 2])
def test_compare_with_a_short_horizon_formats_its_table(years):
    cmp = compare(default_scenario(), TWO, replications=2, seed=1, horizon_years=years)
    table = cmp.format_table()
    assert TWO[0] in table
    assert TWO[1] in table
    assert "(baseline)" in table
