"""Runs that keep some outcomes only (``ExperimentSpec.outcomes``): flat memory for big designs."""

import dataclasses

import numpy as np
import pytest

from collective_econ.cases.caopijie import default_scenario
from collective_econ.economy.community import CommunityParams
from collective_econ.errors import ParameterError
from collective_econ.runs.experiment import run_experiment
from collective_econ.runs.spec import ExperimentSpec
from collective_econ.runs.stopping import StoppingRule
from collective_econ.runs.store import ResultStore

KEPT = ("mean_income_total", "poverty_headcount")
TWO = ("cash only", "80% shares")


def small():
    community = CommunityParams(residents=600, agricultural_residents=400)
    return dataclasses.replace(default_scenario(), community=community, horizon_years=2)


def test_a_subset_equals_the_same_outcomes_of_a_full_experiment_bit_for_bit(tmp_path):
    spec = ExperimentSpec(policies=TWO, replications=3, seed=5)
    full = run_experiment(small(), spec)
    some = run_experiment(small(), dataclasses.replace(spec, outcomes=KEPT), store=tmp_path / "s")
    assert set(some.outcomes) == set(KEPT)
    for name in KEPT:
        assert some.outcomes[name].tobytes() == full.outcomes[name].tobytes()
        assert some.outcomes[name].shape == full.outcomes[name].shape
    assert some.household_mean.shape == (*full.household_mean.shape[:3], 0)
    assert np.array_equal(some.events, full.events)


def test_a_subset_keeps_a_few_bytes_a_run(tmp_path):
    spec = ExperimentSpec(policies=TWO, replications=2, seed=5)
    sizes = {}
    for label, s in (("all", spec), ("some", dataclasses.replace(spec, outcomes=KEPT[:1]))):
        run_experiment(small(), s, store=tmp_path / label)
        store = ResultStore.read(tmp_path / label)
        sizes[label] = max(len(payload) for _, payload in store.payloads())
        store.close()
    assert sizes["some"] < 1_000
    assert sizes["all"] > 10 * sizes["some"]  # 600 residents; ~70 kB a run on the full case


def test_a_subset_experiment_resumes_from_its_store(tmp_path):
    spec = ExperimentSpec(policies=TWO, replications=2, seed=5, outcomes=KEPT)
    first = run_experiment(small(), spec, store=tmp_path / "s")
    again = run_experiment(small(), spec, store=tmp_path / "s", resume=True)
    assert again.metadata["runs_computed"] == 0
    assert again.identical(first)


@pytest.mark.parametrize(
    ("outcomes", "fragment"),
    [
        (("mean_income_totl",), "did you mean 'mean_income_total'"),
        (("gini", "gini"), "distinct outcome names"),
    ],
)
def test_bad_outcome_names_are_refused(outcomes, fragment):
    with pytest.raises(ParameterError, match=f"ExperimentSpec.outcomes must be .*{fragment}"):
        ExperimentSpec(outcomes=outcomes)


def test_a_stopping_rule_needs_its_outcome_kept():
    rule = StoppingRule("mean_income_total", *TWO, half_width=1.0, batch=2, max_replications=4)
    spec = ExperimentSpec(policies=TWO, replications=2, outcomes=("gini",))
    with pytest.raises(ParameterError, match=r"ExperimentSpec\.outcomes must be all outcomes"):
        run_experiment(small(), spec, stop=rule)
