"""Survey weights: raking and linear calibration to county margins, replicate standard errors."""

from __future__ import annotations

import time

import numpy as np
import pytest

from collective_econ.calibration.survey import Survey
from collective_econ.calibration.synthetic import synthetic_survey
from collective_econ.calibration.weights import (
    MarginSpec,
    calibrate,
    calibrate_weights,
    replicate_weights,
)
from collective_econ.economy.community import CommunityParams, synthesize
from collective_econ.errors import CalibrationError
from collective_econ.seeding import as_seed_sequence, stream

#: 6 groups + 3 age bands + landless + 2 income cuts = 12 margins
PARAMS = CommunityParams(residents=25_000, agricultural_residents=6_000, groups=6)
SPEC = MarginSpec(income_cuts=(8_000.0, 20_000.0))


def _census(seed: int) -> object:
    """The community a synthetic survey with this seed samples (the stream "community")."""
    return synthesize(PARAMS, stream(as_seed_sequence(seed), "community"))


@pytest.fixture(scope="module")
def big() -> tuple[Survey, dict[str, float]]:
    survey = synthetic_survey(PARAMS, 5_000, seed=11, design="stratified by group")
    return survey, SPEC.totals(_census(11))  # type: ignore[arg-type]


def _errors(survey: Survey, weights: np.ndarray, targets: dict[str, float]) -> np.ndarray:
    x = SPEC.matrix(survey.community)
    t = np.array([targets[n] for n in SPEC.names(survey.community.group_names)])
    return np.abs(x.T @ weights - t) / t


def test_twelve_margins_and_the_design_misses_them(big: tuple[Survey, dict[str, float]]) -> None:
    survey, targets = big
    assert len(targets) == 12
    assert _errors(survey, survey.weight, targets).max() > 1e-3  # there is work to do


def _binding(survey: Survey, targets: dict[str, float]) -> tuple[float, float]:
    """Bounds halfway between 1 and the unbounded ratios' extremes: they must bind."""
    g = calibrate_weights(survey, targets, spec=SPEC, method="raking").g
    return 1 - (1 - g.min()) / 2, 1 + (g.max() - 1) / 2


@pytest.mark.parametrize("bounds", [None, (0.2, 5.0), "binding"])
def test_raking_meets_every_margin_within_bounds(
    big: tuple[Survey, dict[str, float]], bounds: tuple[float, float] | str | None
) -> None:
    survey, targets = big
    if bounds == "binding":
        bounds = _binding(survey, targets)
    start = time.perf_counter()
    res = calibrate_weights(survey, targets, spec=SPEC, method="raking", bounds=bounds)
    took = time.perf_counter() - start
    assert res.converged
    assert _errors(survey, res.weights, targets).max() < 1e-8
    assert took < 1.0, took
    if isinstance(bounds, tuple):
        assert res.method == "raking"  # what was asked; bounded raking is the logit distance
        assert res.distance == "logit"
        assert res.g.min() >= bounds[0]
        assert res.g.max() <= bounds[1]
    assert res.history[-1] == res.max_error
    assert res.iterations == len(res.history) - 1


def test_raking_is_ipf_on_a_two_way_table() -> None:
    """On categorical margins raking equals classic iterative proportional fitting."""
    rng = np.random.default_rng(5)
    a, b = rng.integers(0, 3, 400), rng.integers(0, 4, 400)
    d = rng.uniform(5, 15, 400)
    x = np.hstack([(a[:, None] == np.arange(3)), (b[:, None] == np.arange(4))]).astype(float)
    t = np.r_[np.array([1500.0, 1200.0, 1300.0]), np.array([900.0, 1100.0, 1000.0, 1000.0])]
    w = d.copy()
    for _ in range(2000):
        for cols in (slice(0, 3), slice(3, 7)):
            xs = x[:, cols]
            w = w * (xs @ (t[cols] / (xs.T @ w)))
    res = calibrate(d, x[:, 1:], t[1:], method="raking")  # one group margin is redundant
    np.testing.assert_allclose(res.weights, w, rtol=1e-9)


def test_linear_equals_closed_form_greg(big: tuple[Survey, dict[str, float]]) -> None:
    survey, targets = big
    d = survey.weight
    x = SPEC.matrix(survey.community)
    t = np.array([targets[n] for n in SPEC.names(survey.community.group_names)])
    res = calibrate(d, x, t, method="linear")
    greg = d + d * (x @ np.linalg.inv(x.T @ (d[:, None] * x)) @ (t - x.T @ d))
    np.testing.assert_allclose(res.weights, greg, rtol=1e-10, atol=0)
    assert res.iterations == 0
    assert res.converged


def test_linear_agrees_with_samplics(big: tuple[Survey, dict[str, float]]) -> None:
    pytest.importorskip("samplics")
    from samplics.weighting import SampleWeight

    survey, targets = big
    x = SPEC.matrix(survey.community)
    names = SPEC.names(survey.community.group_names)
    ours = calibrate_weights(survey, targets, spec=SPEC, method="linear").weights
    theirs = SampleWeight().calibrate(survey.weight, x, {n: targets[n] for n in names})
    np.testing.assert_allclose(ours, theirs, rtol=1e-10)


def test_truncated_linear_meets_margins_within_bounds(
    big: tuple[Survey, dict[str, float]],
) -> None:
    survey, targets = big
    lo, hi = _binding(survey, targets)
    free = calibrate_weights(survey, targets, spec=SPEC, method="linear")
    assert free.g.min() < lo or free.g.max() > hi  # the bounds bind
    res = calibrate_weights(survey, targets, spec=SPEC, method="linear", bounds=(lo, hi))
    assert res.method == "linear"
    assert res.distance == "truncated linear"
    assert res.converged
    assert _errors(survey, res.weights, targets).max() < 1e-8
    assert res.g.min() >= lo - 1e-12
    assert res.g.max() <= hi + 1e-12
    assert np.isclose(res.g, lo).any() or np.isclose(res.g, hi).any()


def test_impossible_bounds_are_refused(big: tuple[Survey, dict[str, float]]) -> None:
    survey, targets = big
    with pytest.raises(CalibrationError, match="too tight"):
        calibrate_weights(survey, targets, spec=SPEC, bounds=(0.99, 1.01))


def test_a_margin_nobody_carries_is_refused() -> None:
    x = np.array([[1.0, 0.0], [1.0, 0.0]])
    with pytest.raises(CalibrationError, match="no sample household"):
        calibrate([1.0, 1.0], x, [2.0, 5.0])


def test_target_names_are_checked(big: tuple[Survey, dict[str, float]]) -> None:
    survey, targets = big
    bad = dict(targets)
    bad["landles households"] = bad.pop("landless households")
    with pytest.raises(ValueError, match="missing \\['landless households'\\]"):
        calibrate_weights(survey, bad, spec=SPEC)


@pytest.fixture(scope="module")
def srs() -> tuple[Survey, int]:
    params = CommunityParams(residents=60_000, agricultural_residents=15_000, groups=6)
    survey = synthetic_survey(params, 2_000, seed=4)
    return survey, round(survey.weight.sum())


def _analytic(survey: Survey, n_total: int) -> float:
    y = survey.total_income
    n = y.size
    return float(np.sqrt((1 - n / n_total) * y.var(ddof=1) / n))


@pytest.mark.parametrize("kind", ["jackknife", "bootstrap"])
def test_replicate_se_of_a_mean_matches_srs(srs: tuple[Survey, int], kind: str) -> None:
    survey, n_total = srs
    reps = replicate_weights(
        survey, kind=kind, replicates=400, rng=np.random.default_rng(3), fpc=True
    )
    se = reps.se_mean(survey.total_income)
    assert se == pytest.approx(_analytic(survey, n_total), rel=0.10)
    generic = reps.se(lambda w: float(w @ survey.total_income / w.sum()))
    assert generic == pytest.approx(se, rel=1e-12)


def test_recalibrated_replicates_meet_the_margins() -> None:
    survey = synthetic_survey(PARAMS, 400, seed=2)
    spec = MarginSpec(groups=True, landless=True)
    targets = spec.totals(_census(2))  # type: ignore[arg-type]
    reps = replicate_weights(
        survey,
        targets,
        spec=spec,
        kind="bootstrap",
        replicates=50,
        rng=np.random.default_rng(1),
        bounds=(0.2, 5.0),
    )
    x = spec.matrix(survey.community)
    t = np.array(list(targets.values()))
    assert np.abs(reps.weights @ x - t).max() / t.min() < 1e-8
    raw = replicate_weights(survey, kind="bootstrap", replicates=50, rng=np.random.default_rng(1))

    # calibrating to group counts takes the household count's noise out of a total
    def total(w):
        return float(w @ survey.community.size)

    assert reps.se(total) < raw.se(total)
