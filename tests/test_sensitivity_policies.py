"""``sensitivity --policy X`` works for every policy and outcome, with labels and units."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

from collective_econ import sensitivity as sa
from collective_econ.cases.caopijie import SIMULATION_UNCERTAINTIES, default_scenario
from collective_econ.cli import main
from collective_econ.errors import ParameterError
from collective_econ.plotting import tornado_chart
from collective_econ.plotting.labels import input_label, outcome_label
from collective_econ.policy import Policy
from collective_econ.runs.outcomes import OUTCOMES
from collective_econ.scenario import Scenario

SCENARIO = default_scenario()
SCALARS = [n for n, o in OUTCOMES.items() if not o.per_year]


@pytest.mark.parametrize("policy", SCENARIO.policy_names)
def test_every_policy_keeps_exactly_the_inputs_acting_on_it(policy):
    model, kept = sa.simulation_model(
        SCENARIO, policy, "mean_income_total", SIMULATION_UNCERTAINTIES, horizon_years=1
    )
    schemes = set(SCENARIO.policy(policy).schemes)
    assert kept
    assert all(u.param.split(".")[0] in schemes for u in kept)
    _, dropped = sa.acting_on(SCENARIO, policy, SIMULATION_UNCERTAINTIES)
    assert len(kept) + len(dropped) == len(SIMULATION_UNCERTAINTIES)
    assert all(u.param.split(".")[0] not in schemes for u in dropped)
    x = np.array([[u.distribution.ppf(0.5) for u in kept]])
    assert np.isfinite(model(x)).all()


@pytest.mark.parametrize("outcome", SCALARS)
def test_every_scalar_outcome_can_be_analysed_under_a_small_policy(outcome):
    model, kept = sa.simulation_model(
        SCENARIO, "80% shares", outcome, SIMULATION_UNCERTAINTIES, horizon_years=1
    )
    x = np.array([[u.distribution.ppf(0.5) for u in kept]])
    assert model(x).shape == (1,)
    meaning, unit = outcome_label(outcome)
    assert meaning
    assert unit


def test_a_policy_no_input_acts_on_says_so():
    bare = Policy("nothing", {})
    sc = Scenario("bare", (bare,), horizon_years=1)
    with pytest.raises(ParameterError, match="acting on policy 'nothing'"):
        sa.simulation_model(sc, "nothing", "mean_income_total", SIMULATION_UNCERTAINTIES)


def test_the_cli_runs_a_policy_other_than_the_full_package(tmp_path, capsys):
    argv = ["sensitivity", "--policy", "shares + hogs", "--horizon", "1"]
    assert main([*argv, "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "left out: " in out
    assert "tea.spring_price" in out
    assert (tmp_path / "tornado.png").is_file()


def test_the_tornado_axis_has_the_outcome_unit_and_human_labels():
    result = sa.Tornado(
        names=("hogs.hog_price", "livelihood.deposit_rate"),
        base=np.array([12.0, 0.0225]),
        low_value=np.array([9.0, 0.02]),
        high_value=np.array([15.0, 0.03]),
        low_output=np.array([3000.0, 3500.0]),
        high_output=np.array([4000.0, 3600.0]),
        baseline=3550.0,
        quantiles=(0.05, 0.95),
    )
    meaning, unit = outcome_label("mean_income_total")
    ax = tornado_chart(result, unit=unit, outcome=meaning)
    assert ax.get_xlabel().endswith("(yuan/person/yr)")
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert ticks[0].startswith(input_label("hogs.hog_price"))
    assert "yuan/kg live" in ticks[0]
    assert "hog_price" not in ticks[0]
