"""Optimising policy levers (review F3): CRN racing, chance constraints, the front."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from scipy import optimize as sopt

from collective_econ.decision import racing
from collective_econ.decision.optimize import (
    Constraint,
    Lever,
    Objective,
    optimize,
    race,
    scenario_evaluator,
)
from collective_econ.errors import ParameterError, ShapeError

OPTIMUM = 0.62
SHARE = Lever("full package.land_shares.share_fraction", 0.0, 1.0)
RESTORE = Objective("restored_within_5y")


def _f(x):
    d = x - OPTIMUM
    return 0.9 - 2 * d**2 - 1.5 * d**3  # analytic maximum at 0.62 on [0, 1]


def noisy_toy(x, seeds):
    """Restoration share with noise common to a replication (CRN), smooth in x, and its own."""
    x, s = x[:, :1], seeds[None, :].astype(float)
    common = 0.05 * np.sin(s * 12.9898 + 1.3)
    smooth = 0.02 * np.sin(6 * x + s * 7.233)
    own = 0.028 * np.sin(x * 1.618e4 + s * 78.233)
    return {"restored_within_5y": _f(x) + common + smooth + own}


class Counting:
    def __init__(self, f):
        self.f, self.runs = f, 0

    def __call__(self, x, seeds):
        self.runs += x.shape[0] * len(seeds)
        return self.f(x, seeds)


def test_finds_the_optimum_of_a_noisy_toy_in_18_of_20_seeds():
    hits = 0
    for seed in range(20):
        ev = Counting(noisy_toy)
        best = race(ev, [SHARE], RESTORE, budget_runs=1500, seed=seed)
        assert ev.runs == best.runs <= 1500
        hits += abs(best.x[0] - OPTIMUM) <= 0.02
        assert best.value_ci[0] <= best.value <= best.value_ci[1]
    assert hits >= 18


def test_without_noise_equals_minimize_scalar():
    def exact(x, seeds):
        return {"restored_within_5y": np.repeat(_f(x[:, :1]), len(seeds), axis=1)}

    ref = sopt.minimize_scalar(lambda v: -_f(v), bounds=(0, 1), method="bounded").x
    best = race(exact, [SHARE], RESTORE, budget_runs=1500, seed=3)
    assert abs(best.x[0] - ref) < 1e-4
    assert best.source == "polish"


def _costly(x, seeds):
    """Restoration rises with the share; the county's cost too, with common and own noise."""
    z = np.array([np.random.default_rng([7, int(s)]).standard_normal(2) for s in seeds])
    own = np.sin(x[:, :1] * 1.618e4 + seeds[None, :] * 78.233) * 1.4
    rest = 0.5 + 0.4 * x[:, :1] - 0.2 * x[:, :1] ** 2 + 0.03 * z[None, :, 0] + 0.01 * own
    cost = 4e7 + 6e7 * x[:, :1] + 4e6 * z[None, :, 1] + 3e6 * own
    return {"restored_within_5y": rest, "fiscal_cost_npv": cost}


BUDGET = Constraint("fiscal_cost_npv", "<=", 8e7, probability=0.95)
LIMIT = 0.05 + 2 * math.sqrt(0.05 * 0.95 / 2000)  # 5% plus two Monte Carlo errors


def _violations(x):
    fresh = _costly(np.array([x]), np.arange(100_000, 102_000))["fiscal_cost_npv"]
    return float(np.mean(~BUDGET.holds(fresh)))


def test_solutions_keep_the_budget_in_95_percent_of_fresh_reruns():
    for seed in range(5):
        best = race(_costly, [SHARE], RESTORE, [BUDGET], budget_runs=1500, seed=seed)
        assert best.feasible
        assert _violations(best.x) <= LIMIT
        # not trivially safe: the budget binds at x ~ 0.53 and restoration rises with x
        assert best.x[0] > 0.35
        lo, hi = best.probability_ci[0]
        assert lo >= 0.95
        assert lo <= best.probabilities[0] <= hi


def test_ignoring_the_constraint_would_be_caught(monkeypatch):
    """A planted bug: every candidate counted feasible. The rerun check fails."""
    monkeypatch.setattr(racing.Racer, "status", lambda self, i: racing.FEASIBLE)
    best = race(_costly, [SHARE], RESTORE, [BUDGET], budget_runs=600, seed=0)
    assert _violations(best.x) > LIMIT


def test_two_levers_and_an_integer_lever():
    def toy(x, seeds):
        z = 0.02 * np.sin(seeds * 3.1)[None, :]
        v = 1 - (x[:, :1] - 0.3) ** 2 - 0.01 * (x[:, 1:2] - 40) ** 2 + z
        return {"income_early": v * 1000}

    levers = [Lever("a.x", 0.0, 1.0), Lever("a.n", 10, 80, integer=True)]
    best = race(toy, levers, Objective("income_early"), budget_runs=800, seed=2)
    assert abs(best.x[0] - 0.3) < 0.05
    assert best.x[1] == 40
    assert best.as_dict() == {"a.x": best.x[0], "a.n": 40.0}
    assert "income_early" in best.format()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Lever("land_shares.share_fraction", 0.9, 0.3), "Lever.high must be > low"),
        (lambda: Lever("share_fraction", 0.1, 0.3), "Lever.path must be a scenario path"),
        (lambda: Lever("a.b", 0.2, float("nan")), "Lever.high must be a finite number"),
        (lambda: Objective("restored_within_5"), "did you mean 'restored_within_5y'"),
        (lambda: Objective("gini", "minimise"), "did you mean 'minimize'"),
        (lambda: Constraint("fiscal_cost", "<=", 1e8), "did you mean 'fiscal_cost_npv'"),
        (lambda: Constraint("fiscal_cost_npv", "<=", -5.0), "a budget in yuan"),
        (lambda: Constraint("fiscal_cost_npv", "<=", 5.0), "a budget in yuan"),
        (lambda: Constraint("fiscal_cost_npv", "<=", 1e13), "a budget in yuan"),
        (lambda: Constraint("restored_within_5y", ">=", 80), "a share within [0, 1]"),
        (lambda: Constraint("fiscal_cost_npv", "<", 1e8), "Constraint.comparison"),
        (lambda: Constraint("fiscal_cost_npv", "<=", 1e8, 1.0), "Constraint.probability"),
        (
            lambda: race(noisy_toy, [Lever(f"a.x{i}", 0, 1) for i in range(4)], RESTORE),
            "1 to 3 levers",
        ),
        (lambda: race(noisy_toy, [SHARE], RESTORE, budget_runs=10), "budget_runs must be"),
        (lambda: race(noisy_toy, [SHARE, SHARE], RESTORE), "distinct paths"),
        (lambda: race(noisy_toy, SHARE, RESTORE), "levers must be a sequence of Lever"),
        (lambda: race(noisy_toy, [SHARE], "restored_within_5y"), "objective must be"),
    ],
)
def test_bad_inputs_give_one_clear_error(make, message):
    with pytest.raises(ParameterError) as err:
        make()
    assert message in str(err.value)


def test_evaluate_of_the_wrong_shape_is_refused():
    with pytest.raises(ShapeError, match="shape"):
        race(lambda x, s: {"restored_within_5y": np.zeros(3)}, [SHARE], RESTORE, budget_runs=64)
    with pytest.raises(ShapeError, match="restored_within_5y"):
        race(lambda x, s: {}, [SHARE], RESTORE, budget_runs=64)


# --- on the model -------------------------------------------------------------------


@pytest.fixture(scope="module")
def small():
    from collective_econ.cases.caopijie import default_scenario
    from collective_econ.economy.community import CommunityParams

    sc = default_scenario()
    community = CommunityParams(residents=900, agricultural_residents=600)
    return dataclasses.replace(sc, community=community, horizon_years=6)


@pytest.mark.parametrize(
    ("lever", "field", "message"),
    [
        (Lever("80% shares.land_shares.share_fractoin", 0.3, 0.9), "levers[0].path",
         "did you mean 'land_shares.share_fraction'"),
        (Lever("cash only.land_shares.share_fraction", 0.3, 0.9), "levers[0].path",
         "a lever of the policy optimised"),
        (Lever("80% shares.hogs.households", 10, 50), "levers[0].path", "no policy of the"),
        (Lever("livelihood.wage_growth", 0.0, 0.1), "levers[0].path", "a policy lever"),
        (Lever("80% shares.land_shares.share_fraction", 0.3, 1.5), "levers[0].high",
         "within the rule of land_shares.share_fraction"),
    ],
)  # fmt: skip
def test_levers_resolve_as_experiment_inputs(small, lever, field, message):
    with pytest.raises(ParameterError) as err:
        scenario_evaluator(small, "80% shares", [lever])
    assert err.value.field == field
    assert message in str(err.value)


def test_unknown_policy_is_refused(small):
    with pytest.raises(ParameterError, match="did you mean '80% shares'"):
        scenario_evaluator(small, "80% share", [SHARE])


def test_scenario_evaluator_gives_common_random_numbers(small):
    ev = scenario_evaluator(small, "80% shares", [Lever("land_shares.share_fraction", 0.2, 0.9)])
    x = np.array([[0.4], [0.4], [0.7]])
    both = ev(x, np.arange(2))
    late = ev(x, np.array([1]))
    for name in ("restored_within_5y", "fiscal_cost_npv", "gini"):
        assert both[name].shape == (3, 2)
        np.testing.assert_array_equal(both[name][0], both[name][1])  # same lever, same seeds
        np.testing.assert_array_equal(late[name][:, 0], both[name][:, 1])  # seed 1 is seed 1
    assert not np.array_equal(both["income_medium"][0], both["income_medium"][2])


@pytest.mark.slow
def test_optimize_one_lever_of_the_default_case(small):
    best = optimize(
        small,
        "80% shares",
        [Lever("80% shares.land_shares.share_fraction", 0.1, 0.9)],
        Objective("income_medium"),
        [Constraint("gini", "<=", 0.25, probability=0.9)],
        budget_runs=160,
        seed=5,
    )
    assert 0.1 <= best.x[0] <= 0.9
    assert best.runs <= 160
    assert best.simulated is not None
    assert best.simulated >= best.runs
    assert best.levers[0].path == "80% shares.land_shares.share_fraction"
    assert best.value_ci[0] <= best.value <= best.value_ci[1]


# --- the front (pymoo, optional) ----------------------------------------------------


def test_front_hypervolume_near_a_brute_force_grid():
    pytest.importorskip("pymoo")
    from collective_econ.decision.pareto import front

    def toy(x, seeds):
        z = 0.01 * np.sin(seeds * 2.7)[None, :]
        a, b = x[:, :1], x[:, 1:2]
        rest = 0.6 + 0.3 * a - 0.1 * (b - 0.5) ** 2 + z
        cost = 1e7 * (1 + a**2 + 0.5 * b) + 1e5 * z
        return {"restored_within_5y": rest, "fiscal_cost_npv": cost}

    objectives = [RESTORE, Objective("fiscal_cost_npv", "minimize")]
    levers = [Lever("a.a", 0.0, 1.0), Lever("a.b", 0.0, 1.0)]
    f = front(toy, levers, objectives, replications=4, population=40, generations=40, seed=1)
    grid = np.stack(np.meshgrid(np.linspace(0, 1, 41), np.linspace(0, 1, 41)), -1).reshape(-1, 2)
    g = toy(grid, np.arange(4))
    values = np.stack([g["restored_within_5y"].mean(1), g["fiscal_cost_npv"].mean(1)], 1)
    ref = np.array([0.5, 3e7])
    from collective_econ.decision.pareto import _hypervolume

    assert f.hypervolume(ref) >= 0.98 * _hypervolume(values, ref, objectives)
    assert f.runs == 4 * 40 * 40 + 4 * len(f.x)
    with pytest.raises(ParameterError, match="two or three Objective"):
        front(toy, levers, [RESTORE])


def test_front_without_pymoo_names_the_extra(monkeypatch):
    import sys

    from collective_econ.decision.pareto import front
    from collective_econ.errors import MissingDependencyError

    monkeypatch.setitem(sys.modules, "pymoo.algorithms.moo.nsga2", None)
    with pytest.raises(MissingDependencyError, match=r"collective_econ\[decision\]"):
        front(noisy_toy, [SHARE], [RESTORE, Objective("gini", "minimize")])
