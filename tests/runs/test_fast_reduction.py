"""The experiment's faster paths give the same numbers, bit for bit, as the plain ones.

One sort serves the median, the income quantiles and the Gini of a run; values are
sorted and gathered by flat index; records are decoded with cached ``.npy`` headers;
the default batches keep the policies of a replication together. Each is checked here
against the plain computation it replaces.
"""

import dataclasses
import io
import itertools
import pickle
import zipfile
from concurrent.futures import Executor, Future

import numpy as np
import pytest

import collective_econ.simulation as simulation
from collective_econ.cases.caopijie import default_scenario
from collective_econ.distributions import Triangular
from collective_econ.economy.community import CommunityParams
from collective_econ.metrics import gini, weighted_quantile
from collective_econ.metrics._checks import _sorted
from collective_econ.metrics.inequality import sorted_by_value, sorted_quantiles
from collective_econ.runs import outcomes
from collective_econ.runs.experiment import _batches, run_experiment
from collective_econ.runs.outcomes import (
    INCOME_QUANTILES,
    SOURCE_QUANTILES,
    RunView,
    reduce_run,
    summarize,
)
from collective_econ.runs.spec import ExperimentSpec
from collective_econ.runs.store import decode_record, encode_record
from collective_econ.schemes.base import Uncertainty


def small(years=2):
    community = CommunityParams(residents=600, agricultural_residents=400)
    return dataclasses.replace(default_scenario(), community=community, horizon_years=years)


def _same(a, b):
    a, b = np.asarray(a), np.asarray(b)
    return a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes()


def _plain_sorted(x, w, axis):
    arr = np.moveaxis(np.asarray(x, dtype=float), axis, -1)
    ws = np.moveaxis(np.broadcast_to(np.asarray(w, dtype=float), np.shape(x)), axis, -1)
    order = np.argsort(arr, axis=-1, kind="stable")
    return np.take_along_axis(arr, order, -1), np.take_along_axis(ws, order, -1)


def _tied(rng, shape):
    """Values with many ties, zeros of both signs and negatives: what a stable sort orders."""
    x = rng.choice([-2.5, -0.0, 0.0, 0.0, 1.0, 1.0, 3.25], size=shape)
    x[..., ::3] = rng.normal(size=x[..., ::3].shape)
    return x


@pytest.mark.parametrize("axis", [-1, 0, 1])
def test_sorted_is_the_stable_argsort_and_its_gathers(axis):
    rng = np.random.default_rng(4)
    x = _tied(rng, (5, 7, 11))
    w = rng.integers(0, 4, size=(5, 1, 11)) / 12.0
    w = np.broadcast_to(w, x.shape) if axis != -1 else w
    xs, ws = _sorted(x, w, axis)
    ref_x, ref_w = _plain_sorted(x, w, axis)
    assert _same(xs, ref_x)
    assert _same(ws, ref_w)
    assert np.signbit(xs).sum() == np.signbit(x).sum()  # signed zeros kept where they were


def test_sorted_quantiles_and_gini_are_the_public_functions():
    rng = np.random.default_rng(5)
    x = _tied(rng, (6, 40))
    w = rng.integers(0, 5, size=(6, 40)) / 12.0
    w[2] = 0.0  # a year nobody is present: NaN
    x[0] = rng.normal(size=40)  # distinct values, the lowest three weighing nothing:
    w[0, np.argsort(x[0], kind="stable")[:3]] = 0.0
    w[1, np.argmin(x[1])] = 0.0  # the 0-quantile is the lowest value that weighs
    probs = np.array([0.0, 0.1, 0.25, 0.5, 0.9, 1.0])
    xs, _, c = sorted_by_value(x, w)
    got = sorted_quantiles(xs, c, probs)
    assert _same(got, weighted_quantile(x, probs, weights=w, axis=-1))
    assert np.isnan(got[:, 2]).all()
    for i, p in enumerate(probs):
        assert _same(got[i], weighted_quantile(x, p, weights=w, axis=-1))
    assert _same(gini(x, weights=w), gini(x.T, weights=w.T, axis=0))


@pytest.fixture(scope="module")
def run():
    return simulation.simulate(small(4), "full package", seed=11)


def test_a_runs_quantiles_median_and_gini_come_from_one_sort_unchanged(run):
    view = RunView(run, summarize(run))
    rec = reduce_run(run)
    panel, weights = view.panel, view.weights
    plain_q = weighted_quantile(panel, INCOME_QUANTILES, weights=weights, axis=-1)
    assert _same(rec["income_quantiles"], np.asarray(plain_q).T)
    plain_median = weighted_quantile(panel, 0.5, weights=weights, axis=-1)
    assert _same(rec["median_income"], plain_median)
    assert _same(rec["gini"], gini(panel, weights=weights, axis=-1))
    by_source = view.by_source
    sw = np.broadcast_to(view.size[:, None, :], by_source.shape)
    q = weighted_quantile(by_source, SOURCE_QUANTILES, weights=sw, axis=-1)
    q = np.moveaxis(np.asarray(q), 0, -1)
    assert _same(rec["income_quantiles_by_source"], q.reshape(q.shape[0], -1))


def _plain_source_quantiles(panel, size):
    q = weighted_quantile(panel, SOURCE_QUANTILES, weights=size[:, None, :], axis=-1)
    q = np.moveaxis(np.asarray(q), 0, -1)
    return q.reshape(q.shape[0], -1)


def test_source_quantiles_shared_between_runs_are_each_runs_own(monkeypatch):
    """Rows equal to a recent run's reuse its order (and, same weights, its quantiles)."""
    monkeypatch.setattr(outcomes, "_SHARED", [])
    rng = np.random.default_rng(8)
    years, sources, n = 3, 4, 30
    first = _tied(rng, (years, sources, n))
    first[:, 3] = 0.0  # a source nobody has
    size = rng.integers(0, 6, size=(years, n)) / 12.0
    size[1, :5] = 0.0  # households nobody is present in that year
    second = first.copy()
    second[:, 1] = _tied(rng, (years, n))  # a source the policy changes
    second[0, 2] = np.where(second[0, 2] == 0.0, -0.0, second[0, 2])  # equal, other signs
    other_size = size.copy()
    other_size[2, 7] += 1.0  # another history: the same values, other weights
    for panel, weights in [(first, size), (second, size), (second, other_size), (first, size)]:
        got = outcomes._row_quantiles(panel.reshape(-1, n), weights, sources)
        assert _same(got.reshape(years, -1), _plain_source_quantiles(panel, weights))
    assert len(outcomes._SHARED) == outcomes._KEEP_SHARED


def test_a_replications_runs_reduce_as_each_alone(monkeypatch):
    """The policies of a replication one after another: the same records as each alone."""
    sc = small(3)
    runs = [simulation.simulate(sc, name, seed=12) for name in sc.policy_names]
    monkeypatch.setattr(outcomes, "_SHARED", [])
    together = [reduce_run(r) for r in runs]
    assert outcomes._SHARED  # the later policies reused rows of the earlier ones
    for r, rec in zip(runs, together, strict=True):
        monkeypatch.setattr(outcomes, "_SHARED", [])
        alone = reduce_run(r)
        assert alone.keys() == rec.keys()
        assert all(_same(alone[k], rec[k]) for k in rec)
        view = RunView(r, summarize(r))
        plain = _plain_source_quantiles(view.by_source, view.size)
        assert _same(rec["income_quantiles_by_source"], plain)


def test_decoding_still_refuses_damaged_and_object_records():
    payload = encode_record({"gini": np.array([0.3, 0.31])})
    for bad in (payload[: len(payload) // 2], payload[:-7], b"not a record"):
        with pytest.raises(ValueError, match="undecodable"):
            decode_record(bad)
    flipped = bytearray(payload)
    flipped[len(payload) // 3] ^= 0xFF  # in the data: the zip checksum fails
    with pytest.raises(ValueError, match="undecodable"):
        decode_record(bytes(flipped))
    npy = io.BytesIO()
    np.save(npy, np.array([{"a": 1}], dtype=object), allow_pickle=True)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("o.npy", npy.getvalue())
    with pytest.raises(ValueError, match="allow_pickle"):
        decode_record(archive.getvalue())


def test_batches_keep_units_whole_and_every_key_once():
    todo = [k for k in range(60) if k % 7 != 3]  # some runs already done (a resume)
    for chunk in range(1, 12):
        for unit in (1, 2, 5):
            batches = list(_batches(todo, chunk, unit))
            assert [k for b in batches for k in b] == todo
            assert all(0 < len(b) <= chunk for b in batches)
            if chunk >= unit:
                units = [{k // unit for k in b} for b in batches]
                assert all(not (a & b) for a, b in itertools.pairwise(units))


class PicklingExecutor(Executor):
    """Runs each task here, after a pickle round trip: a task's community is a copy."""

    def submit(self, fn, /, *args, **kwargs):
        fut = Future()
        fut.set_result(fn(*pickle.loads(pickle.dumps(args))))
        return fut


@pytest.mark.parametrize("replications", [11, 4])
def test_default_batches_draw_one_history_per_replication(drawn, replications):
    simulation._HISTORIES.clear()
    # 3 policies, 2 tasks pending: 5 runs a task before (11 replications), or 2 (4), which
    # split replications between tasks (each with its own copy of the community)
    policies = ("cash only", "80% shares", "shares + hogs")
    spec = ExperimentSpec(policies=policies, replications=replications)
    pooled = run_experiment(small(), spec, executor=PicklingExecutor())
    assert len(drawn) == replications
    assert pooled.identical(run_experiment(small(), spec, runs_per_task=1))


def test_tasks_on_one_history_draw_it_once_per_worker(drawn):
    """Common seeds: every sample runs on replication 0's history, each in a task of its own
    (a copy of the community each); the worker keeps the first copy and draws it once."""
    simulation._HISTORIES.clear()
    rate = Uncertainty("land_shares.dividend_rate", Triangular(low=0.04, mode=0.08, high=0.12))
    spec = ExperimentSpec(
        policies=("80% shares",),
        uncertainties=(rate,),
        design="lhs",
        samples=5,
        common_seeds=True,
    )
    pooled = run_experiment(small(), spec, executor=PicklingExecutor(), runs_per_task=1)
    assert len(drawn) == 1
    # another experiment (another community: more residents) is not given the first one's
    other = dataclasses.replace(
        small(), community=CommunityParams(residents=700, agricultural_residents=450)
    )
    again = run_experiment(other, spec, executor=PicklingExecutor(), runs_per_task=1)
    assert len(drawn) == 2
    simulation._HISTORIES.clear()
    assert pooled.identical(run_experiment(small(), spec, runs_per_task=1))
    assert again.identical(run_experiment(other, spec))
    assert not pooled.identical(again)
