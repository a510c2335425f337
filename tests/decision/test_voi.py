"""Value of information (issue 16 F8): EVPI and EVPPI by the regression method.

Closed forms: with two policies whose difference in net benefit is
``D = a + b X1 + c X2`` (independent standard normals), ``EVPI = E[max(D, 0)] -
max(a, 0)`` and ``E[max(Y, 0)] = s phi(mu / s) + mu Phi(mu / s)`` for ``Y ~ N(mu, s^2)``;
the EVPPI of X1 is the same with ``s = |b|`` (``E[D | X1] = a + b X1``).
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from scipy import stats

from collective_econ.cases.caopijie import default_scenario
from collective_econ.cases.caopijie.uncertainties import SIMULATION_UNCERTAINTIES
from collective_econ.decision.voi import (
    ValueOfInformation,
    evpi,
    evppi,
    net_benefit,
    value_of_information,
    voi,
)
from collective_econ.economy.community import CommunityParams
from collective_econ.errors import CollectiveEconError, ParameterError, ShapeError
from collective_econ.runs import ExperimentSpec, run_experiment
from collective_econ.runs.results import ExperimentResults


def partial_expectation(mu: float, s: float) -> float:
    """E[max(Y, 0)] - max(E[Y], 0) for Y ~ N(mu, s^2)."""
    return s * stats.norm.pdf(mu / s) + mu * stats.norm.cdf(mu / s) - max(mu, 0.0)


A, B, C = 0.2, 1.0, 0.5


def gaussian(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    x = np.random.default_rng(seed).normal(size=(n, 2))
    return np.stack([np.zeros(n), A + B * x[:, 0] + C * x[:, 1]]), x


@pytest.mark.parametrize("seed", range(5))
def test_gaussian_two_policy_closed_forms_within_5_percent(seed: int) -> None:
    nb, x = gaussian(10_000, seed)
    v = value_of_information(
        nb, x, names=("X1", "X2"), groups=["X1", ("X1", "X2")], n_boot=0, seed=seed
    )
    total = partial_expectation(A, math.hypot(B, C))
    assert v.evpi == pytest.approx(total, rel=0.05)
    assert v.get("X1") == pytest.approx(partial_expectation(A, B), rel=0.05)
    assert v.get("X2", "X1") == pytest.approx(total, rel=0.05)  # both inputs: all there is
    assert evpi(nb) == v.evpi
    assert evppi(nb, x[:, 0]) == pytest.approx(v.get("X1"), rel=1e-12)


def test_gp_smoother_agrees_with_the_closed_form() -> None:
    pytest.importorskip("sklearn")
    nb, x = gaussian(400, 7)
    gp = evppi(nb, x[:, 0], method="gp")
    assert gp == pytest.approx(partial_expectation(A, B), rel=0.2)
    assert gp == pytest.approx(evppi(nb, x[:, 0]), rel=0.1)
    v = value_of_information(nb, x, method="gp", groups=["x1"], n_boot=10, seed=1)
    assert v.get("x1") == pytest.approx(gp, rel=1e-9)
    assert 0 < v.evppi_se[0] < 0.2 * gp


def three_policies(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Nonlinear, with an interaction of x1 and x2, and x3 irrelevant."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1, 1, size=(n, 3))
    nb = np.stack([
        np.zeros(n),
        0.3 * x[:, 0] + 0.5 * x[:, 0] * x[:, 1] + 0.1,
        np.sin(2 * x[:, 1]) * 0.4 - 0.05,
    ]) + rng.normal(0, 0.2, size=(3, n))  # fmt: skip
    return nb, x


def test_bounds_zero_le_evppi_le_joint_le_evpi() -> None:
    nb, x = three_policies(3000, 1)
    groups = ["x1", "x2", "x3", ("x1", "x2"), ("x1", "x2", "x3")]
    v = value_of_information(nb, x, groups=groups, n_boot=20, seed=2)
    se = lambda *g: v.evppi_se[v.groups.index(g)]  # noqa: E731
    for g, e, s in zip(v.groups, v.evppi, v.evppi_se, strict=True):
        assert e >= -3 * s, g
        assert e <= v.evpi + 3 * max(s, v.evpi_se), g
    for one in ("x1", "x2"):
        assert v.get(one) <= v.get("x1", "x2") + 3 * se("x1", "x2")
    assert v.get("x3") < 3 * se("x3") + 0.01 * v.evpi  # irrelevant input: about nothing
    assert v.get("x1") > 5 * se("x1")
    assert v.get("x2") > 5 * se("x2")
    # the joint (tensor) fit catches the interaction that neither input alone explains
    assert v.get("x1", "x2") > v.get("x1") + v.get("x2") - 3 * se("x1", "x2")


def test_evpi_is_zero_when_one_policy_dominates() -> None:
    rng = np.random.default_rng(4)
    x = rng.normal(size=(500, 2))
    nb = np.stack([x[:, 0] + x[:, 1], x[:, 0] + x[:, 1] - 1 - x[:, 0] ** 2])
    v = value_of_information(nb, x, n_boot=20)
    assert v.evpi == 0.0
    assert v.best == "policy 1"
    assert np.all(np.abs(v.evppi) < 1e-9)


def test_a_fixed_input_is_worth_nothing() -> None:
    nb, x = gaussian(200, 0)
    x[:, 1] = 3.0
    assert evppi(nb, x[:, 1]) == 0.0


def test_evppi_uses_the_input_values_not_the_order() -> None:
    """A planted bug (regressing on the futures' order) would find X1 worth nothing."""
    nb, x = gaussian(2000, 3)
    order = np.argsort(x[:, 0])
    shuffled = evppi(nb[:, order], np.arange(2000.0))  # the order, unrelated to D here
    assert evppi(nb, x[:, 0]) == pytest.approx(partial_expectation(A, B), rel=0.1)
    assert shuffled == pytest.approx(partial_expectation(A, B), rel=0.1)  # sorted by X1 there
    assert evppi(nb, np.arange(2000.0)) < 0.2 * partial_expectation(A, B)


def test_bootstrap_standard_error_matches_the_spread_across_samples() -> None:
    est, ses = [], []
    for seed in range(12):
        nb, x = gaussian(800, 100 + seed)
        v = value_of_information(nb, x[:, :1], n_boot=80, seed=seed)
        est.append(v.evppi[0])
        ses.append(v.evppi_se[0])
    spread = float(np.std(est, ddof=1))
    assert 0.5 * spread < float(np.mean(ses)) < 2.0 * spread


def test_same_seed_same_result_and_units_scale() -> None:
    nb, x = gaussian(600, 5)
    a = value_of_information(nb, x, n_boot=15, seed=3)
    b = value_of_information(nb, x, n_boot=15, seed=3)
    np.testing.assert_array_equal(a.evppi_se, b.evppi_se)
    # net benefit in households is the yuan one over wtp: every value scales
    restored, cost = nb * 10 + 50, np.full_like(nb, 2e4)
    y = value_of_information(net_benefit(restored, cost, wtp=1e4), x, n_boot=0)
    h = value_of_information(
        net_benefit(restored, cost, wtp=1e4, unit="households"), x, n_boot=0, unit="households"
    )
    assert h.evpi == pytest.approx(y.evpi / 1e4, rel=1e-9)
    np.testing.assert_allclose(h.evppi, y.evppi / 1e4, rtol=1e-6)
    assert "restored households" in h.format()


def test_net_benefit_formulas() -> None:
    r, c = np.array([[10.0, 20.0]]), np.array([[1e5, 3e5]])
    np.testing.assert_allclose(net_benefit(r, c, wtp=2e4), [[1e5, 1e5]])
    np.testing.assert_allclose(net_benefit(r, c, wtp=2e4, unit="households"), [[5.0, 5.0]])
    np.testing.assert_allclose(net_benefit(r, unit="households"), r)
    with pytest.raises(ParameterError, match="wtp"):
        net_benefit(r, c, unit="households")
    with pytest.raises(ParameterError, match="wtp"):
        net_benefit(r, c, wtp=-1.0)
    with pytest.raises(ShapeError, match="cost"):
        net_benefit(r, c[:, :1], wtp=1.0)
    with pytest.raises(ParameterError, match="unit"):
        net_benefit(r, c, wtp=1.0, unit="dollars")


def test_table_sorted_with_unit() -> None:
    nb, x = gaussian(1000, 9)
    v = value_of_information(
        nb, x, names=("hog price", "job rate"), units={"hog price": "yuan/kg"}, n_boot=10,
        policies=("cash", "shares"),
    )  # fmt: skip
    rows = v.table()
    assert [r["inputs"] for r in rows] == ["hog price", "job rate"]
    assert rows[0]["evppi"] >= rows[1]["evppi"]
    assert rows[0]["input_unit"] == "yuan/kg"
    assert rows[0]["unit"] == "yuan"
    assert rows[0]["share_of_evpi"] == pytest.approx(v.get("hog price") / v.evpi)
    text = v.format()
    for word in ("yuan", "EVPI", "shares", "yuan/kg"):
        assert word in text
    assert text.index("hog price") < text.index("job rate")
    with pytest.raises(dataclasses.FrozenInstanceError):
        v.evpi = 0.0  # type: ignore[misc]


@pytest.mark.parametrize(
    ("nb", "x", "kw", "match"),
    [
        (np.zeros((2, 50)), np.zeros((40, 1)), {}, "inputs must be shaped"),
        (np.zeros((1, 50)), np.zeros((50, 1)), {}, "at least two policies"),
        (np.full((2, 50), np.nan), np.zeros((50, 1)), {}, "finite"),
        (np.zeros((2, 50)), np.full((50, 1), np.inf), {}, "finite"),
        (np.zeros((2, 5)), np.zeros((5, 1)), {}, "at least 10 futures"),
        (np.zeros(50), np.zeros(50), {}, "net_benefit must be shaped"),
        (np.zeros((2, 50)), np.zeros((50, 2)), {"names": ("a",)}, "names must have 2"),
        (np.zeros((2, 50)), np.zeros((50, 1)), {"unit": "usd"}, "unit must be one of"),
        (np.zeros((2, 50)), np.zeros((50, 1)), {"groups": ["x9"]}, "groups"),
        (np.zeros((2, 50)), np.zeros((50, 1)), {"n_boot": -1}, "n_boot"),
        (np.zeros((2, 50)), np.zeros((50, 1)), {"method": "loess"}, "method"),
    ],
)
def test_bad_input_is_one_library_error(nb, x, kw, match) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CollectiveEconError, match=match):
        value_of_information(nb, x, **kw)


# --- the thin function on ExperimentResults ------------------------------------------


def fake_results(n: int = 400, reps: int = 2) -> ExperimentResults:
    rng = np.random.default_rng(11)
    design = rng.uniform(size=(n, 2))
    share = np.stack([
        np.full((n, reps), 0.6),
        (0.4 + 0.5 * design[:, 0])[:, None] + rng.normal(0, 0.02, (n, reps)),
        np.full((n, reps), 0.5),
    ])  # fmt: skip
    cost = np.stack([np.full((n, reps), 1e6), np.full((n, reps), 1.5e6), np.full((n, reps), 1e6)])
    years = np.arange(2010, 2013)
    outcomes = {
        "restored_within_5y": share,
        "fiscal_cost_npv": cost,
        "mean_income": np.zeros((3, n, reps, 3)),
    }
    empty = np.zeros(0)
    return ExperimentResults(
        ("cash only", "80% shares", "none"), years, ("hogs.hog_price", "a.b"), design,
        outcomes, np.zeros((3, n, reps, 100)), np.zeros((3, n, reps), np.int64), {},
        empty, empty, empty,
    )  # fmt: skip


def test_voi_on_results_is_the_core_on_replication_means() -> None:
    res = fake_results()
    v = voi(res, wtp=5e4, n_boot=10, units={"hogs.hog_price": "yuan/kg"})
    restored = res.sel("restored_within_5y").mean(axis=2) * 100  # 100 landless households
    nb = 5e4 * restored - res.sel("fiscal_cost_npv").mean(axis=2)
    core = value_of_information(nb, res.design, names=res.inputs, n_boot=10)
    assert v.evpi == pytest.approx(core.evpi, rel=1e-12)
    np.testing.assert_allclose(v.evppi, core.evppi, rtol=1e-9)
    assert v.policies == res.policies
    assert v.input_units == ("yuan/kg", "")  # given; "a.b" declares none
    assert voi(res, wtp=5e4, n_boot=0).input_units[0] == "yuan/kg live"  # the scheme's
    assert v.table()[0]["inputs"] == "hogs.hog_price"
    assert v.get("a.b") < 0.05 * v.get("hogs.hog_price")
    two = voi(res, ("cash only", "80% shares"), ("a.b",), wtp=5e4, unit="households",
              groups=[("hogs.hog_price", "a.b")], n_boot=0)  # fmt: skip
    assert two.groups == (("a.b",), ("hogs.hog_price", "a.b"))
    assert two.unit == "households"


@pytest.mark.parametrize(
    ("kw", "match"),
    [
        ({"benefit": "restord_within_5y"}, "benefit must be.*did you mean 'restored_within_5y'"),
        ({"cost": "fiscal_cost"}, "fiscal_cost"),
        ({"benefit": "mean_income"}, "benefit must be a scalar share outcome"),
        ({"cost": "restored_within_5y"}, "cost must be a scalar cost outcome in yuan"),
        ({"cost": "npv_government"}, "one of \\['fiscal_cost_npv', 'county_cost_npv'\\]"),
        ({"cost": "county_cost_npv"}, "these have no county_books"),
        ({"benefit": "poverty_long"}, "benefit must be a scalar share"),
        ({"policies": ("cash only",)}, "at least two different policies"),
        ({"policies": ("cash onl", "none")}, "cash only"),
        ({"inputs": ("hogs.hog_prise",)}, "hogs.hog_prise"),
        ({"wtp": None}, "wtp"),
    ],
)
def test_voi_bad_arguments_are_one_error(kw, match) -> None:  # type: ignore[no-untyped-def]
    args = {"wtp": 5e4, "n_boot": 0, **kw}
    with pytest.raises(ParameterError, match=match):
        voi(fake_results(50, 1), **args)


@pytest.mark.slow
def test_evppi_per_uncertainty_on_a_small_default_case_experiment() -> None:
    sc = dataclasses.replace(
        default_scenario(),
        horizon_years=6,
        community=CommunityParams(residents=600, agricultural_residents=400),
    )
    spec = ExperimentSpec(
        policies=("full package", "80% shares"), uncertainties=SIMULATION_UNCERTAINTIES,
        design="lhs", samples=64, replications=2, seed=7, common_seeds=True,
    )  # fmt: skip
    res = run_experiment(sc, spec)
    # the willingness to pay at which the two policies break even on average: there the
    # choice is closest and information worth most
    households = res.household_mean.shape[-1]
    extra = np.diff(res.mean("restored_within_5y")[::-1]) * households
    wtp = abs(float(np.diff(res.mean("fiscal_cost_npv")[::-1])[0] / extra[0]))
    v = voi(res, wtp=wtp, n_boot=50)
    h = voi(res, wtp=wtp, unit="households", n_boot=0)
    assert h.evpi == pytest.approx(v.evpi / wtp, rel=1e-9)
    assert v.evpi > 0
    assert isinstance(v, ValueOfInformation)
    assert len(v.groups) == len(res.inputs)
    assert v.evpi >= 0
    assert np.all(v.evppi >= -3 * v.evppi_se - 1e-9)
    assert np.all(v.evppi <= v.evpi + 3 * np.maximum(v.evppi_se, v.evpi_se))
    print(v.format())
