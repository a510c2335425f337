"""Same seed, same bits, on any executor; and every interruption resumes to the same result.

The reference is one uninterrupted serial run of a small experiment. Each test
interrupts the experiment its own way (a worker killed with ``os._exit``, the
main process killed with SIGKILL between two commits, Ctrl-C, a store that
fails to write, records corrupted on disk), resumes it, and compares arrays and
CSV bytes with the reference.
"""

import dataclasses
import gc
import os
import signal
import sqlite3
import struct
import subprocess
import sys
import time
import tracemalloc
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from pathlib import Path

import pytest

from collective_econ.cases.caopijie import default_scenario
from collective_econ.distributions import Triangular
from collective_econ.distributions.uncertainty import Uncertainty
from collective_econ.economy.community import CommunityParams
from collective_econ.runs.executors import process_pool
from collective_econ.runs.experiment import run_experiment, run_task
from collective_econ.runs.results import ExperimentResults, RunId
from collective_econ.runs.spec import ExperimentSpec
from collective_econ.runs.store import STORE_FILE, ResultStore, StoreError

RATE = Uncertainty("land_shares.dividend_rate", Triangular(low=0.04, mode=0.08, high=0.12))
SPEC = ExperimentSpec(
    policies=("cash only", "80% shares"),
    uncertainties=(RATE,),
    samples=2,
    replications=4,
    seed=21,
    panels=((1, 1, 3),),
)
RUNS = 16


def scenario():
    community = CommunityParams(residents=600, agricultural_residents=400)
    return dataclasses.replace(default_scenario(), community=community, horizon_years=2)


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    res = run_experiment(scenario(), SPEC)
    folder = tmp_path_factory.mktemp("reference")
    return res, {p.name: p.read_bytes() for p in res.to_csv(folder)}


def same(res, reference, folder):
    ref, csv = reference
    assert res.identical(ref)
    assert {p.name: p.read_bytes() for p in res.to_csv(folder / "csv")} == csv


def stored_ids(folder):
    con = sqlite3.connect(Path(folder) / STORE_FILE)
    ids = [r[0] for r in con.execute("SELECT run_id FROM runs ORDER BY run_id")]
    con.close()
    return ids


# -- the same bits on every executor -------------------------------------------------------------
@pytest.mark.parametrize(
    ("make", "kwargs"),
    [
        (lambda: process_pool(1), {}),
        (lambda: ProcessPoolExecutor(max_workers=2), {}),
        (lambda: ProcessPoolExecutor(max_workers=2), {"runs_per_task": 3, "max_pending": 2}),
        (lambda: ThreadPoolExecutor(max_workers=3), {"runs_per_task": 5}),
        (lambda: ProcessPoolExecutor(2, mp_context=get_context("spawn")), {"runs_per_task": 4}),
    ],
    ids=["process-1", "process-2", "process-2-chunked", "threads-3", "spawn-2"],
)
def test_every_executor_gives_the_same_bits(reference, make, kwargs, tmp_path):
    with make() as ex:
        res = run_experiment(scenario(), SPEC, executor=ex, store=tmp_path, **kwargs)
    same(res, reference, tmp_path)
    assert stored_ids(tmp_path) == list(range(RUNS))


def test_a_dask_local_cluster_gives_the_same_bits(reference, tmp_path):
    distributed = pytest.importorskip("distributed", reason="dask[distributed] is not installed")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        res = run_experiment(scenario(), SPEC, executor=client.get_executor())
    same(res, reference, tmp_path)
    assert res.metadata["executor"] == "ClientExecutor"


# -- interruptions -------------------------------------------------------------------------------
def _die_on(target, task):
    """A worker that dies (os._exit) when it reaches ``target``: the test hook."""
    if target in task.runs:
        os._exit(13)
    return run_task(task)


class KillingPool(ProcessPoolExecutor):
    def __init__(self, target):
        super().__init__(max_workers=2)
        self.target = target

    def submit(self, fn, /, *args, **kwargs):
        return super().submit(_die_on, self.target, *args, **kwargs)


def test_resume_after_a_worker_is_killed(reference, tmp_path):
    with KillingPool(RunId(1, 0, 2)) as ex, pytest.raises(BrokenProcessPool):
        run_experiment(scenario(), SPEC, executor=ex, store=tmp_path, runs_per_task=1)
    assert len(stored_ids(tmp_path)) < RUNS
    res = run_experiment(scenario(), SPEC, store=tmp_path, resume=True)
    same(res, reference, tmp_path)
    assert stored_ids(tmp_path) == list(range(RUNS))


CHILD = """
import os, signal, sys
sys.path.insert(0, {tests!r})
from test_executors import SPEC, scenario
from collective_econ.runs.experiment import run_experiment
done = []
def progress(n):
    done.append(n)
    if sum(done) == {k}:
        os.kill(os.getpid(), signal.SIGKILL)
run_experiment(scenario(), SPEC, store={out!r}, progress=progress)
"""


def test_resume_after_the_main_process_is_killed_between_commits(reference, tmp_path):
    code = CHILD.format(tests=str(Path(__file__).parent), k=5, out=str(tmp_path))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    child = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, timeout=120, check=False
    )
    assert child.returncode == -signal.SIGKILL, child.stderr.decode()[-2000:]
    assert stored_ids(tmp_path) == [0, 1, 2, 3, 4]
    res = run_experiment(scenario(), SPEC, store=tmp_path, resume=True)
    same(res, reference, tmp_path)
    assert (res.metadata["runs_resumed"], res.metadata["runs_computed"]) == (5, RUNS - 5)


def test_resume_after_ctrl_c(reference, tmp_path):
    seen = []

    def progress(n):
        seen.append(n)
        if sum(seen) == 7:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_experiment(scenario(), SPEC, store=tmp_path, progress=progress)
    assert len(stored_ids(tmp_path)) == 7
    seen.clear()
    res = run_experiment(scenario(), SPEC, store=tmp_path, resume=True, progress=seen.append)
    same(res, reference, tmp_path)
    assert seen[0] == 7
    assert sum(seen) == RUNS


def test_resume_after_the_store_fails_to_write(reference, tmp_path, monkeypatch):
    put, calls = ResultStore.put, []

    def failing_put(self, run_id, run, payload):
        calls.append(run_id)
        if len(calls) > 6:
            raise StoreError("could not write: disk full (simulated)")
        put(self, run_id, run, payload)

    monkeypatch.setattr(ResultStore, "put", failing_put)
    with pytest.raises(StoreError, match="disk full") as info:
        run_experiment(scenario(), SPEC, store=tmp_path)
    assert any("resume=True" in note for note in info.value.__notes__)
    monkeypatch.undo()
    assert len(stored_ids(tmp_path)) == 6
    same(run_experiment(scenario(), SPEC, store=tmp_path, resume=True), reference, tmp_path)


def test_corrupt_and_partial_records_are_rerun_never_read(reference, tmp_path):
    run_experiment(scenario(), SPEC, store=tmp_path)
    con = sqlite3.connect(tmp_path / STORE_FILE)
    payload = con.execute("SELECT payload FROM runs WHERE run_id = 3").fetchone()[0]
    con.execute(
        "UPDATE runs SET payload = ? WHERE run_id = 3", (payload[:-1] + bytes([payload[-1] ^ 1]),)
    )
    con.execute(
        "UPDATE runs SET payload = substr(payload, 1, length(payload) / 2) WHERE run_id = 8"
    )
    con.execute("UPDATE runs SET sha256 = '0000' WHERE run_id = 11")
    con.execute("DELETE FROM runs WHERE run_id = 15")  # the panel run, never committed
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="corrupt"):
        ExperimentResults.from_store(tmp_path)
    res = run_experiment(scenario(), SPEC, store=tmp_path, resume=True)
    same(res, reference, tmp_path)
    assert res.metadata["runs_rerun_corrupt"] == [3, 8, 11]
    assert res.metadata["runs_computed"] == 4
    assert ExperimentResults.from_store(tmp_path).identical(reference[0])


def test_a_record_of_the_wrong_shape_is_rerun(reference, tmp_path):
    run_experiment(scenario(), SPEC, store=tmp_path)
    with ResultStore.read(tmp_path) as st:
        good = dict(st.payloads())[0]
        st.put(15, (1, 1, 3), good)  # the panel run's record without its panel
    res = run_experiment(scenario(), SPEC, store=tmp_path, resume=True)
    assert res.metadata["runs_rerun_corrupt"] == [15]
    same(res, reference, tmp_path)


def test_resuming_a_finished_experiment_runs_nothing(reference, tmp_path):
    run_experiment(scenario(), SPEC, store=tmp_path)
    res = run_experiment(scenario(), SPEC, store=tmp_path, resume=True)
    assert res.metadata["runs_computed"] == 0
    same(res, reference, tmp_path)


def test_memory_stays_flat_as_replications_grow(tmp_path):
    small = dataclasses.replace(
        scenario(), community=CommunityParams(residents=300, agricultural_residents=200)
    )

    def peak(replications):
        spec = ExperimentSpec(policies=("cash only", "80% shares"), replications=replications)
        gc.collect()
        tracemalloc.start()
        run_experiment(small, spec, store=tmp_path / str(replications))
        top = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return top

    peak(2)  # warm caches
    few, many = peak(4), peak(16)  # four times the replications, not twice the memory
    assert many < 2 * few, (few, many)


def test_an_interrupted_pool_ends_its_wait_for_a_half_written_result():
    """A worker stopped while sending a result leaves half a message in the result pipe,
    and the pool's manager thread waits for the rest; the interpreter waits for that
    thread at exit, so a Ctrl-C'd command hung (CI, once). Leaving the pool's block by an
    exception must end the wait: with its workers gone the pool closes its own end of
    the pipe (which ``shutdown`` had already let go of before this was caught)."""
    pool = process_pool(1)
    held: list = []

    def interrupted_while_a_result_is_half_sent() -> None:
        with pool:
            pool.submit(time.sleep, 30)  # a task running: the manager waits for results
            time.sleep(0.5)
            held.extend((pool._executor_manager_thread, pool._result_queue._writer))
            # half a message, as from a worker stopped while sending: a header for 1,000
            # bytes, then 10 of them
            os.write(held[1].fileno(), struct.pack("!i", 1000) + b"x" * 10)
            time.sleep(0.3)  # the manager thread reads the header and waits for the rest
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        interrupted_while_a_result_is_half_sent()
    manager, writer = held
    manager.join(10)
    stuck = manager.is_alive()
    if stuck:  # let it go, so that this failure does not hang the test run at its exit
        writer.close()
        manager.join(10)
    assert not stuck
