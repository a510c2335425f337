"""The main job samples the case's uncertain inputs: its intervals cover them, not luck only.

Before, the case's ``[experiment]`` had samples = 1 and the command line ignored the
scenario's design and uncertainties: 5 policies x 10 replications at the inputs' defaults.
"""

import dataclasses

import numpy as np
import pytest

from collective_econ.cases.caopijie import SIMULATION_UNCERTAINTIES, default_scenario
from collective_econ.cli import main
from collective_econ.runs.comparison import compare
from collective_econ.runs.results import ExperimentResults, RunId
from collective_econ.runs.spec import PLOT_RUNS, build_design, main_spec

TWO = ("cash only", "full package")

# the scenarios' appraisal warnings (seconds of Monte Carlo each ``run`` and ``report``),
# computed once for equal scenarios (shared_alerts_module in tests/conftest.py); tests of
# the warnings themselves are in tests/runs/test_alerts.py, which does not share them
pytestmark = pytest.mark.usefixtures("shared_alerts_module")


def test_the_case_samples_its_uncertainties_within_twice_the_old_runs():
    sc = default_scenario()
    spec = main_spec(sc)
    assert spec.uncertainties == SIMULATION_UNCERTAINTIES
    assert (spec.design, spec.n_samples, spec.replications) == ("lhs", 20, 1)
    runs = build_design(sc, spec).runs(spec.replications)
    assert 5 * 10 < runs <= 2 * 5 * 10
    assert len(spec.panels) == len(sc.policies) * PLOT_RUNS  # 20 runs a policy for plots
    # one sample: every input at its value, as before (no draw of the inputs)
    assert main_spec(sc, samples=1).uncertainties == ()
    # a policy that lacks a scheme takes none of its inputs
    only = main_spec(sc, ("cash only",))
    assert {u.param.partition(".")[0] for u in only.uncertainties} == {
        "land_shares",
        "safety_net",
    }


@pytest.fixture(scope="module")
def sampled():
    sc = default_scenario()
    return compare(sc, TWO, samples=4, replications=2, horizon_years=2, seed=3)


def test_intervals_run_over_samples_and_replications_paired_by_run(sampled):
    res = sampled.results
    assert (res.samples, res.replications) == (4, 2)
    assert sampled.replications == 8  # the Comparison's runs: samples x replications
    # four different draws of the inputs, the same under both policies (one design)
    assert len({tuple(row) for row in res.design}) == 4
    d = res.difference("mean_income_total", *reversed(TWO))
    assert d.n == 8
    wl = res.winners_losers(*reversed(TWO))
    assert 0 <= wl.better_ci[0] <= wl.better <= wl.better_ci[1] <= 1
    # the plots' poverty and Gini are the recorded outcomes of those eight runs
    pov = res.outcomes["poverty_headcount"].reshape(2, 8, -1)
    np.testing.assert_array_equal(sampled.poverty(), pov)
    np.testing.assert_array_equal(sampled.gini(), res.outcomes["gini"].reshape(2, 8, -1))
    assert sampled.table() == res.headline()


def test_common_random_numbers_pair_the_runs_of_one_sample_and_replication():
    sc = default_scenario()
    twin = sc.policy("cash only").reform("cash twin", {})
    sc = dataclasses.replace(sc, policies=(sc.policy("cash only"), twin))
    res = compare(sc, samples=3, replications=2, horizon_years=1, seed=5).results
    x = res.outcomes["mean_income_total"]  # (policies, samples, replications)
    np.testing.assert_array_equal(x[0], x[1])  # the same inputs and events under both
    assert len(np.unique(x[0])) == 6  # and other ones in every (sample, replication)
    for s in range(3):
        np.testing.assert_array_equal(res.panels[RunId(0, s, 1)], res.panels[RunId(1, s, 1)])


def test_one_sample_of_a_sampled_experiment_is_still_there(sampled):
    one = sampled.results.to_comparison(sample=2)
    assert one.replications == 2
    np.testing.assert_array_equal(one.results.design, sampled.results.design[2:3])


def test_the_command_line_runs_the_scenarios_samples(tmp_path, capsys):
    out = tmp_path / "out"
    args = ["run", "--policy", "cash only", "--samples", "3", "--replications", "1",
            "--horizon", "1", "--no-plots", "--out", str(out)]  # fmt: skip
    assert main(args) == 0
    printed = capsys.readouterr().out
    assert (
        "3 samples of 3 uncertain inputs (Latin hypercube design) x 1 replication (seed" in printed
    )
    assert "mean over the runs (3 input samples x 1 replication), 95% CI in brackets" in printed
    res = ExperimentResults.from_store(out)
    assert res.samples == 3
    assert res.inputs == (
        "land_shares.dividend_rate",
        "land_shares.default_prob",
        "safety_net.line_month",
    )
