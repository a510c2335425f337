"""A Dask cluster's workers are checked against one run's memory, not this machine's."""

import dataclasses
from concurrent.futures import ThreadPoolExecutor

import pytest

from collective_econ.cases.caopijie import default_scenario
from collective_econ.economy.community import CommunityParams
from collective_econ.errors import MemoryBudgetError
from collective_econ.runs.experiment import run_experiment
from collective_econ.runs.spec import ExperimentSpec
from collective_econ.simulation import estimate_experiment, estimate_run

SPEC = ExperimentSpec(policies=("cash only",), replications=2, seed=3)


def small():
    community = CommunityParams(residents=600, agricultural_residents=400)
    return dataclasses.replace(default_scenario(), community=community, horizon_years=2)


class Cluster(ThreadPoolExecutor):
    """Threads standing in for a cluster whose workers report memory limits."""

    def __init__(self, limits):
        super().__init__(max_workers=2)
        self.limits, self.submitted = limits, 0

    def worker_memory_limits(self):
        return self.limits

    def submit(self, fn, /, *args, **kwargs):
        self.submitted += 1
        return super().submit(fn, *args, **kwargs)


def test_a_worker_too_small_for_one_run_is_refused_before_any_run():
    one = estimate_run(small(), 24).bytes
    limits = {"tcp://10.0.0.1:1": 8 * one, "tcp://10.0.0.2:1": one / 2}
    with Cluster(limits) as ex:
        with pytest.raises(MemoryBudgetError, match=r"on the Dask worker tcp://10\.0\.0\.2:1"):
            run_experiment(small(), SPEC, executor=ex)
        assert ex.submitted == 0


def test_workers_large_enough_or_without_a_limit_run():
    one = estimate_run(small(), 24).bytes
    with Cluster({"tcp://a:1": 2 * one, "tcp://b:1": 0.0}) as ex:
        res = run_experiment(small(), SPEC, executor=ex)
    assert ex.submitted > 0
    assert res.events.shape == (1, 1, 2)


def test_the_main_process_counts_no_run_held_by_the_workers(monkeypatch):
    # a limit above what this process holds, below that plus the two workers' runs
    one = estimate_run(small(), 24).bytes
    whole = estimate_experiment(small(), 24, runs=2, workers=2).bytes
    monkeypatch.setenv("COLLECTIVE_ECON_MEMORY_LIMIT", str(int(whole - one)))
    with ThreadPoolExecutor(2) as local, pytest.raises(MemoryBudgetError):
        run_experiment(small(), SPEC, executor=local)  # its workers share this memory
    with Cluster({"tcp://a:1": 1e12}) as ex:
        run_experiment(small(), SPEC, executor=ex)  # the cluster's workers do not
    assert ex.submitted > 0


def test_a_dask_cluster_reports_its_workers_limits():
    distributed = pytest.importorskip("distributed", reason="dask[distributed] is not installed")
    from collective_econ.runs.executors import DaskExecutor

    with (
        distributed.LocalCluster(
            n_workers=1,
            threads_per_worker=1,
            processes=False,
            memory_limit="3GiB",
            dashboard_address=None,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        ex = DaskExecutor(client)
        try:
            assert list(ex.worker_memory_limits().values()) == [3 * 2**30]
        finally:
            ex.shutdown()
