"""The county's own cost in the lever search and the value of information.

``county_cost_npv`` (the part of the net public cost the county's own budget carries, by
the scenario's ``[funding]`` shares) is one outcome among the others for an
``Objective``, a ``Constraint`` and ``voi``'s cost, read by the one function the
robustness analysis reads it with (``decision.robustness.outcome_values``). Checked
here: it is accepted and refused by the same rules as the recorded costs; the values the
lever search optimises are the robustness table's county cost for the same runs; the
funding shares act (all shares 1: the net public cost itself).
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from collective_econ.cases.caopijie import default_scenario
from collective_econ.decision.optimize import (
    Constraint,
    Lever,
    Objective,
    optimize,
    scenario_evaluator,
)
from collective_econ.decision.robustness import COUNTY_COST, outcome_values, robustness
from collective_econ.decision.voi import voi
from collective_econ.distributions import Uniform
from collective_econ.economy.community import CommunityParams
from collective_econ.errors import ParameterError
from collective_econ.funding import FundingShares
from collective_econ.runs import ExperimentSpec, run_experiment
from collective_econ.schemes.base import Uncertainty

ALL_ONE = FundingShares.every(1.0)
LINE = Lever("safety_net.line_month", 150.0, 300.0)  # the dibao line: the county pays a fifth
POLICY = "full package"
DIBAO_LINE = Uniform(low=150.0, high=300.0)


@pytest.fixture(scope="module")
def small():
    return dataclasses.replace(
        default_scenario(),
        horizon_years=6,
        community=CommunityParams(residents=600, agricultural_residents=400),
    )


def _same_runs(scenario, x, replications, seed, horizon_years=None):
    """The evaluator's runs made again as an experiment: levers as a given design, CRN."""
    spec = ExperimentSpec(
        policies=(POLICY,), uncertainties=(Uncertainty(LINE.path, DIBAO_LINE, ""),),
        design="given", values=tuple((float(v),) for v in x), replications=replications,
        horizon_years=horizon_years, seed=seed, common_seeds=True,
    )  # fmt: skip
    return run_experiment(scenario, spec)


def test_objective_and_constraint_take_the_county_cost_by_the_same_rules():
    assert Objective(COUNTY_COST, "minimize").sign == -1.0
    # a negative budget asks for a net receipt: the county's own cost is often one
    assert Constraint(COUNTY_COST, "<=", -8e7).describe() == "P(county_cost_npv <= -8e+07) >= 0.95"
    assert Constraint("fiscal_cost_npv", "<=", -2e6).bound == -2e6
    with pytest.raises(ParameterError, match=r"a budget in yuan \(county_cost_npv is 'yuan"):
        Constraint(COUNTY_COST, "<=", -5.0)  # a unit slip, as for the net public cost
    with pytest.raises(ParameterError, match="did you mean 'county_cost_npv'"):
        Objective("county_cost", "minimize")


def test_the_lever_search_optimises_the_robustness_tables_county_cost(small):
    best = optimize(small, POLICY, [LINE], Objective(COUNTY_COST, "minimize"), budget_runs=64,
                    seed=5, horizon_years=3)  # fmt: skip
    assert best.objective.outcome == COUNTY_COST
    # the optimum's runs made again, and judged as `robust` judges them
    res = _same_runs(small, best.x, best.replications, 5, horizon_years=3)
    r = robustness(
        res.sel("restored_within_5y"), res.sel("fiscal_cost_npv"),
        county_costs=outcome_values(res, COUNTY_COST, small.funding), n_boot=100,
    )  # fmt: skip
    assert best.value == pytest.approx(float(r.county.means[0, 0]), rel=1e-9)
    # the county pays a fifth of the dibao: a higher line costs it less than the public
    assert best.value != pytest.approx(float(r.total.means[0, 0]), rel=1e-3)
    assert LINE.low <= best.x[0] <= LINE.high


def test_the_evaluator_reads_the_county_cost_by_the_funding_shares(small):
    x, seeds = np.array([[150.0], [300.0]]), np.arange(2)
    own = scenario_evaluator(small, POLICY, [LINE], seed=5)(x, seeds)
    whole = scenario_evaluator(small, POLICY, [LINE], seed=5, funding=ALL_ONE)(x, seeds)
    # all shares 1: the county pays the whole net public cost
    np.testing.assert_allclose(whole[COUNTY_COST], whole["fiscal_cost_npv"], rtol=1e-9, atol=1.0)
    np.testing.assert_array_equal(own["fiscal_cost_npv"], whole["fiscal_cost_npv"])
    # the scenario's shares: the dibao the higher line adds is mostly higher levels' money
    rise = np.diff(own[COUNTY_COST].mean(axis=1))[0]
    public = np.diff(own["fiscal_cost_npv"].mean(axis=1))[0]
    assert 0 < rise < 0.5 * public
    res = _same_runs(small, x[:, 0], 2, 5)
    np.testing.assert_allclose(
        own[COUNTY_COST], outcome_values(res, COUNTY_COST, small.funding, policy=POLICY),
        rtol=1e-12,
    )  # fmt: skip
    with pytest.raises(ParameterError, match="funding"):
        scenario_evaluator(small, POLICY, [LINE], funding={"dibao": 0.2})


def test_voi_subtracts_the_county_cost_when_asked(small):
    spec = ExperimentSpec(
        policies=("cash only", POLICY),
        uncertainties=(Uncertainty(LINE.path, DIBAO_LINE, ""),),
        design="lhs", samples=10, replications=1, seed=3, common_seeds=True,
    )  # fmt: skip
    res = run_experiment(small, spec)
    households = res.household_mean.shape[-1]
    wtp = 3e5
    public = voi(res, wtp=wtp, n_boot=0)
    own = voi(res, wtp=wtp, cost=COUNTY_COST, n_boot=0, funding=small.funding)
    whole = voi(res, wtp=wtp, cost=COUNTY_COST, n_boot=0, funding=ALL_ONE)
    restored = res.sel("restored_within_5y").mean(axis=(1, 2)) * households
    county = outcome_values(res, COUNTY_COST, small.funding).mean(axis=(1, 2))
    np.testing.assert_allclose(own.expected, wtp * restored - county, rtol=1e-9)
    np.testing.assert_allclose(whole.expected, public.expected, rtol=1e-9, atol=1.0)
    assert not np.allclose(own.expected, public.expected, rtol=1e-6)
    assert (public.cost, own.cost) == ("fiscal_cost_npv", COUNTY_COST)
    assert "net of county_cost_npv" in own.format()
