"""The decision table, its intervals, the new outcomes and the decision stopping rule."""

import dataclasses
import math

import numpy as np
import pytest
from scipy import stats

from collective_econ.cases.caopijie import default_scenario
from collective_econ.economy.community import CommunityParams
from collective_econ.errors import ParameterError
from collective_econ.runs.decision import DECISION_KEYS, decision_rows, half_widths, t_interval
from collective_econ.runs.experiment import run_experiment
from collective_econ.runs.outcomes import OUTCOMES
from collective_econ.runs.spec import ExperimentSpec
from collective_econ.runs.stopping import DecisionStoppingRule

TWO = ("cash only", "80% shares")


def small(horizon=2, **changes):
    community = CommunityParams(residents=600, agricultural_residents=400)
    return dataclasses.replace(
        default_scenario(), community=community, horizon_years=horizon, **changes
    )


def planted(runs=6):
    rng = np.random.default_rng(3)
    out = {
        "restored_within_5y": np.stack([np.full(runs, 0.5), rng.uniform(0.5, 0.7, runs)]),
        "poverty_peak": rng.uniform(0.1, 0.4, (2, runs)),
        "poverty_peak_year": np.array([[2011, 2011, 2012, 2011, 2012, 2013]] * 2, float),
        "income_long": rng.normal(6_000, 300, (2, runs)),
        "poverty_long": rng.uniform(0.0, 0.2, (2, runs)),
        "fiscal_cost_npv": rng.normal(5e7, 1e7, (2, runs)),
    }
    out["fiscal_cost_npv"][1] = out["fiscal_cost_npv"][0] + 2e6 + rng.normal(0, 1e5, runs)
    return out


def test_t_interval_matches_scipy():
    x = np.array([3.0, 4.5, 2.0, 5.5, 4.0])
    m, lo, hi = t_interval(x)
    want = stats.t.interval(0.95, x.size - 1, loc=x.mean(), scale=stats.sem(x))
    assert m == pytest.approx(x.mean())
    assert (lo, hi) == pytest.approx(want)
    assert t_interval(x, 0.9)[1:] == pytest.approx(
        stats.t.interval(0.9, x.size - 1, loc=x.mean(), scale=stats.sem(x))
    )
    assert all(math.isnan(v) for v in t_interval([1.0])[1:])


def test_decision_rows_keys_shapes_and_intervals():
    data = planted()
    rows = decision_rows(("cash only", "full package"), data, baseline=0)
    assert [tuple(r) for r in rows] == [DECISION_KEYS] * 2
    cash, full = rows
    assert cash["policy"] == "cash only"
    for key in ("restored_5y", "poverty_peak", "income_long", "poverty_long", "extra_fiscal_cost"):
        assert isinstance(full[key], tuple)
        assert len(full[key]) == 3
        assert all(isinstance(v, float) for v in full[key])
    # a planted zero-variance outcome gives a zero-width interval
    assert cash["restored_5y"] == (0.5, 0.5, 0.5)
    # the others are scipy's t-intervals across replications
    x = data["income_long"][1]
    want = stats.t.interval(0.95, x.size - 1, loc=x.mean(), scale=stats.sem(x))
    assert full["income_long"][0] == pytest.approx(x.mean())
    assert full["income_long"][1:] == pytest.approx(want)
    # extra fiscal cost: paired against the baseline (narrow), and 0 for the baseline itself
    assert cash["extra_fiscal_cost"] == (0.0, 0.0, 0.0)
    m, lo, hi = full["extra_fiscal_cost"]
    assert lo < m < hi
    assert m == pytest.approx(2e6, rel=0.1)
    assert hi - lo < 1e6  # unpaired, the 1e7 spread of the costs would make it ~2e7 wide
    assert cash["poverty_peak_year"] == 2011
    assert isinstance(cash["poverty_peak_year"], int)
    assert half_widths(rows)["restored_5y"] == pytest.approx(
        (full["restored_5y"][2] - full["restored_5y"][1]) / 2
    )


def test_new_outcomes_are_declared_and_scalar():
    for name in ("restored_within_5y", "restored_within_5y_one_year", "income_early",
                 "income_medium", "income_long", "poverty_long", "poverty_peak",
                 "poverty_peak_year"):  # fmt: skip
        assert not OUTCOMES[name].per_year
        assert not OUTCOMES[name].labels
    assert "sustained" in OUTCOMES["restored_within_5y"].description
    assert "one-year" in OUTCOMES["restored_within_5y_one_year"].description


def test_outcomes_of_a_small_experiment():
    spec = ExperimentSpec(policies=TWO, replications=3, seed=5)
    res = run_experiment(small(horizon=12), spec)
    sus, one = res.sel("restored_within_5y"), res.sel("restored_within_5y_one_year")
    assert np.all(sus <= one)  # a 3-year mean at baseline needs a year at baseline
    peak, year = res.sel("poverty_peak"), res.sel("poverty_peak_year")
    pov = res.sel("poverty_headcount")
    np.testing.assert_allclose(peak, pov.max(axis=-1))
    np.testing.assert_array_equal(year, res.years[np.argmax(pov, axis=-1)])
    inc = res.sel("mean_income")
    np.testing.assert_allclose(res.sel("income_early"), inc[..., :5].mean(axis=-1))
    np.testing.assert_allclose(res.sel("income_medium"), inc[..., 5:10].mean(axis=-1))
    np.testing.assert_allclose(res.sel("income_long"), inc[..., 10:].mean(axis=-1))
    np.testing.assert_allclose(res.sel("poverty_long"), pov[..., 10:].mean(axis=-1))
    rows = res.decision_table()
    assert [r["policy"] for r in rows] == list(TWO)
    assert rows[0]["extra_fiscal_cost"] == (0.0, 0.0, 0.0)
    assert rows[1]["income_long"][0] == pytest.approx(res.mean("income_long")[1])
    assert rows[1]["poverty_peak_year"] in res.years


def test_decision_stopping_rule_stops_when_widths_fall_below_target():
    rule = DecisionStoppingRule(targets=(("poverty_peak", 0.04),), batch=3, max_replications=40)
    spec = ExperimentSpec(policies=TWO, replications=2, seed=4)
    res = run_experiment(small(), spec, stop=rule)
    widths = half_widths(res.decision_table())
    state = res.metadata["stopping"]
    assert res.replications > 2
    assert state["reached"]
    assert widths["poverty_peak"] <= 0.04
    # one batch fewer was not enough: the rule stopped at the first replication count that was
    fewer = run_experiment(
        small(), dataclasses.replace(spec, replications=res.replications - rule.batch)
    )
    assert half_widths(fewer.decision_table())["poverty_peak"] > 0.04


def test_decision_stopping_rule_gives_up_and_checks_its_fields():
    rule = DecisionStoppingRule(targets=(("poverty_peak", 1e-12),), batch=2, max_replications=4)
    res = run_experiment(small(), ExperimentSpec(policies=TWO, replications=2), stop=rule)
    assert res.replications == 4
    assert not res.metadata["stopping"]["reached"]
    with pytest.raises(ParameterError, match="targets"):
        DecisionStoppingRule(targets=(("income", 100.0),))
    with pytest.raises(ParameterError, match="half-width"):
        DecisionStoppingRule(targets=(("income_long", 0.0),))
    with pytest.raises(ParameterError, match="baseline"):
        run_experiment(
            small(), ExperimentSpec(policies=TWO, replications=2),
            stop=DecisionStoppingRule(baseline="cash"),
        )  # fmt: skip
