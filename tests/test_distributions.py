"""Tests of collective_econ.distributions: marginals, protocol, errors, correlated sampling."""

from __future__ import annotations

import math
import pickle

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

from collective_econ.distributions import (
    PERT,
    Distribution,
    Empirical,
    Fixed,
    LogNormal,
    Normal,
    Triangular,
    Uniform,
    correlate_uniforms,
    sample_correlated,
    transform_uniform,
    validate_correlation,
)
from collective_econ.errors import ParameterError, ParameterTypeError, ShapeError

pytestmark = pytest.mark.floors

NAN, INF = math.nan, math.inf

# Each continuous distribution next to an independent reference from scipy.stats.
# LogNormal(mean=m, cv=c): log-sd s = sqrt(log(1 + c^2)), median m / sqrt(1 + c^2).
LOG_SD = math.sqrt(math.log1p(0.2**2))
CONTINUOUS = {
    "uniform": (Uniform(low=0.06, high=0.10), stats.uniform(0.06, 0.04)),
    "triangular": (
        Triangular(low=0.50, mode=0.58, high=0.65),
        stats.triang(0.08 / 0.15, 0.5, 0.15),
    ),
    "triangular-mode-at-low": (Triangular(low=1.0, mode=1.0, high=5.0), stats.triang(0, 1, 4)),
    "triangular-mode-at-high": (Triangular(low=1.0, mode=5.0, high=5.0), stats.triang(1, 1, 4)),
    # PERT(150, 160, 180, lamb=4): beta shapes 1 + 4 * 10/30 and 1 + 4 * 20/30.
    "pert": (PERT(low=150.0, mode=160.0, high=180.0), stats.beta(7 / 3, 11 / 3, 150, 30)),
    "normal": (Normal(mu=3.5, sd=0.2), stats.norm(3.5, 0.2)),
    "normal-truncated": (
        Normal(mu=5.75, sd=0.45, low=4.0, high=7.0),
        stats.truncnorm((4.0 - 5.75) / 0.45, (7.0 - 5.75) / 0.45, 5.75, 0.45),
    ),
    "normal-lower-bound": (Normal(mu=1.0, sd=2.0, low=0.0), stats.truncnorm(-0.5, INF, 1, 2)),
    "normal-far-upper-tail": (Normal(mu=0.0, sd=1.0, low=8.0), stats.truncnorm(8.0, INF)),
    "lognormal": (
        LogNormal(mean=12.0, cv=0.2),
        stats.lognorm(LOG_SD, scale=12.0 / math.sqrt(1.04)),
    ),
}

# Analytic means, written from the textbook formulas (not from the code).
ANALYTIC_MEANS = [
    (Fixed(value=0.08), 0.08),
    (Uniform(low=0.06, high=0.10), 0.08),
    (Triangular(low=0.45, mode=0.58, high=0.65), (0.45 + 0.58 + 0.65) / 3),
    (PERT(low=150.0, mode=160.0, high=180.0), (150 + 4 * 160 + 180) / 6),
    (PERT(low=0.0, mode=1.0, high=10.0, lamb=2.0), (0 + 2 * 1 + 10) / 4),
    (Normal(mu=3.5, sd=0.2), 3.5),
    (LogNormal(mean=12.0, cv=0.2), 12.0),
    (Empirical(values=(7.0, 14.0, 20.0), weights=(5.0, 3.0, 2.0)), 11.7),
    (Empirical(values=(1.0, 2.0, 4.0)), 7 / 3),
]


def _truncnorm_mean(mu: float, sd: float, low: float, high: float) -> float:
    a, b = (low - mu) / sd, (high - mu) / sd
    pdf = stats.norm.pdf
    return mu + sd * (pdf(a) - pdf(b)) / (stats.norm.cdf(b) - stats.norm.cdf(a))


# ---------------------------------------------------------------- strategies

finite = st.floats(-1e4, 1e4)
widths = st.floats(1e-2, 1e4)
fractions = st.floats(0.0, 1.0)


@st.composite
def normals(draw: st.DrawFn) -> Normal:
    mu, sd = draw(finite), draw(st.floats(1e-2, 1e3))
    k_low = draw(st.none() | st.floats(-5.0, 3.0))
    k_high = draw(st.none() | st.floats(0.1, 5.0))
    low = None if k_low is None else mu + k_low * sd
    high = None if k_high is None else mu + ((k_low or 0.0) + k_high) * sd
    return Normal(mu=mu, sd=sd, low=low, high=high)


@st.composite
def empiricals(draw: st.DrawFn) -> Empirical:
    values = draw(st.lists(finite, min_size=1, max_size=10))
    if draw(st.booleans()):
        return Empirical(values=values)
    weight = st.just(0.0) | st.floats(1e-3, 100.0)  # no weight rounds to nothing next to 100
    weights = draw(st.lists(weight, min_size=len(values), max_size=len(values)))
    weights[0] += 1.0  # a positive sum
    return Empirical(values=values, weights=weights)


uniforms = st.builds(lambda lo, w: Uniform(low=lo, high=lo + w), finite, widths)
triangulars = st.builds(
    lambda lo, w, f: Triangular(low=lo, mode=lo + f * w, high=lo + w), finite, widths, fractions
)
perts = st.builds(
    lambda lo, w, f, lamb: PERT(low=lo, mode=lo + f * w, high=lo + w, lamb=lamb),
    finite,
    widths,
    fractions,
    st.floats(0.1, 20.0),
)
lognormals = st.builds(
    lambda m, cv: LogNormal(mean=m, cv=cv), st.floats(1e-2, 1e5), st.floats(0.01, 3.0)
)
continuous = st.one_of(uniforms, triangulars, perts, normals(), lognormals)
any_distribution = st.one_of(continuous, empiricals(), st.builds(lambda v: Fixed(value=v), finite))
seeds = st.integers(0, 2**32 - 1)


# ---------------------------------------------------------------- marginals


@pytest.mark.parametrize(("dist", "expected"), ANALYTIC_MEANS, ids=repr)
def test_mean_is_the_analytic_mean(dist: Distribution, expected: float) -> None:
    assert dist.mean == pytest.approx(expected, rel=1e-12)


def test_truncated_normal_mean_is_the_textbook_formula() -> None:
    dist = Normal(mu=5.75, sd=0.45, low=4.0, high=6.0)
    assert dist.mean == pytest.approx(_truncnorm_mean(5.75, 0.45, 4.0, 6.0), rel=1e-12)


@pytest.mark.parametrize("name", CONTINUOUS)
def test_ppf_cdf_and_mean_agree_with_scipy_stats(name: str) -> None:
    dist, ref = CONTINUOUS[name]
    q = np.linspace(0.001, 0.999, 999)
    np.testing.assert_allclose(dist.ppf(q), ref.ppf(q), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(dist.cdf(ref.ppf(q)), q, atol=1e-10)
    assert dist.mean == pytest.approx(ref.mean(), rel=1e-10)
    assert dist.support == pytest.approx(tuple(float(v) for v in ref.support()))


@pytest.mark.parametrize(("dist", "expected"), ANALYTIC_MEANS, ids=repr)
def test_large_sample_mean_is_near_the_mean(dist: Distribution, expected: float) -> None:
    draws = dist.sample(np.random.default_rng(20100301), 200_000)
    standard_error = draws.std() / math.sqrt(draws.size)
    assert abs(draws.mean() - expected) <= 5 * standard_error + 1e-12


def test_pert_ppf_is_finite_far_in_the_lower_tail() -> None:
    # scipy's betaincinv returns NaN below q ~ 1e-100; a sample can hit q ~ 2e-308.
    dist = PERT(low=0.0, mode=0.5, high=1.0)  # beta(3, 3)
    q = np.array([2.2e-308, 1e-250, 1e-150])
    x = dist.ppf(q)
    np.testing.assert_allclose(stats.beta(3, 3).cdf(x), q, rtol=1e-12)


def test_empirical_is_the_step_inverse_of_its_cdf() -> None:
    # 2.0 appears with weights 0 and 2, so P = (1, 2, 1) / 4 over (1, 2, 3).
    dist = Empirical(values=(3.0, 1.0, 2.0, 2.0), weights=(1.0, 1.0, 0.0, 2.0))
    q = [0.0, 0.25, 0.2500001, 0.75, 0.7500001, 1.0]
    np.testing.assert_array_equal(dist.ppf(q), [1.0, 1.0, 2.0, 2.0, 3.0, 3.0])
    np.testing.assert_array_equal(dist.cdf([0.5, 1.0, 2.5, 3.0]), [0.0, 0.25, 0.75, 1.0])


def test_empirical_never_draws_a_value_of_zero_weight() -> None:
    dist = Empirical(values=(1.0, 99.0, 2.0), weights=(1.0, 0.0, 1.0))
    draws = dist.sample(np.random.default_rng(3), 10_000)
    assert set(np.unique(draws)) == {1.0, 2.0}
    assert dist.support == (1.0, 2.0)


def test_fixed_is_the_value_everywhere() -> None:
    dist = Fixed(value=140.0)
    np.testing.assert_array_equal(dist.ppf([0.0, 0.3, 1.0]), [140.0, 140.0, 140.0])
    np.testing.assert_array_equal(dist.cdf([139.9, 140.0]), [0.0, 1.0])


def test_scalars_in_give_floats_out_and_arrays_keep_their_shape() -> None:
    dist = LogNormal(mean=12.0, cv=0.2)
    assert isinstance(dist.ppf(0.5), float)
    assert isinstance(dist.cdf(12.0), float)
    assert isinstance(dist.sample(np.random.default_rng(0)), float)
    assert dist.ppf(np.full((2, 3), 0.5)).shape == (2, 3)
    assert dist.sample(np.random.default_rng(0), (4, 5)).shape == (4, 5)
    assert dist.quantile(0.5) == dist.ppf(0.5)


# ---------------------------------------------------------------- properties


@given(any_distribution, seeds)
def test_samples_lie_within_the_support(dist: Distribution, seed: int) -> None:
    lo, hi = dist.support
    draws = dist.sample(np.random.default_rng(seed), 200)
    assert np.all((draws >= lo) & (draws <= hi))


@given(any_distribution, st.lists(fractions, min_size=2, max_size=50))
def test_quantiles_are_monotone(dist: Distribution, qs: list[float]) -> None:
    x = dist.ppf(np.sort(qs))
    assert np.all(x[1:] >= x[:-1])  # not np.diff: ppf(0) may be -inf


@given(continuous, st.floats(0.001, 0.999))
def test_cdf_undoes_ppf_for_continuous_distributions(dist: Distribution, q: float) -> None:
    assert dist.cdf(dist.ppf(q)) == pytest.approx(q, abs=1e-9)


@given(any_distribution, fractions)
def test_ppf_is_the_smallest_x_with_cdf_at_least_q(dist: Distribution, q: float) -> None:
    assert dist.cdf(dist.ppf(q)) >= q - 1e-9


@given(empiricals())
def test_ppf_undoes_cdf_on_the_values_of_an_empirical(dist: Empirical) -> None:
    weights = dist.weights or (1.0,) * len(dist.values)
    drawable = np.array([v for v, w in zip(dist.values, weights, strict=True) if w > 0])
    np.testing.assert_array_equal(dist.ppf(dist.cdf(drawable)), drawable)


@given(any_distribution)
def test_mean_lies_within_the_support(dist: Distribution) -> None:
    lo, hi = dist.support
    slack = 1e-9 * max(1.0, abs(dist.mean))
    assert lo - slack <= dist.mean <= hi + slack


# ---------------------------------------------------------------- randomness


@pytest.mark.parametrize("dist", [d for d, _ in ANALYTIC_MEANS], ids=repr)
def test_same_seed_same_draws(dist: Distribution) -> None:
    first = dist.sample(np.random.default_rng(42), 1000)
    second = dist.sample(np.random.default_rng(42), 1000)
    np.testing.assert_array_equal(first, second)


def test_child_streams_give_different_draws() -> None:
    dist = Triangular(low=0.50, mode=0.58, high=0.65)
    one, two = (np.random.default_rng(s) for s in np.random.SeedSequence(7).spawn(2))
    assert not np.array_equal(dist.sample(one, 100), dist.sample(two, 100))


def test_every_distribution_uses_one_uniform_per_draw() -> None:
    # Swapping an input's distribution leaves the next input's draws unchanged.
    after = []
    for dist in (d for d, _ in ANALYTIC_MEANS):
        rng = np.random.default_rng(11)
        dist.sample(rng, 17)
        after.append(rng.random())
    assert len(set(after)) == 1


def test_sample_rejects_anything_but_a_generator() -> None:
    with pytest.raises(ParameterTypeError, match=r"rng must be a numpy\.random\.Generator"):
        Uniform(low=0.0, high=1.0).sample(42, 3)  # type: ignore[call-overload]


# ---------------------------------------------------------------- construction


BAD_PARAMETERS = [
    (Uniform, {"low": 3.0, "high": 2.0}, r"Uniform\.low must be < high \(2\), got 3\.0"),
    (Uniform, {"low": 1.0, "high": 1.0}, r"Uniform\.low must be < high"),
    (Uniform, {"low": NAN, "high": 1.0}, r"Uniform\.low must be finite, got nan"),
    (Uniform, {"low": 0.0, "high": INF}, r"Uniform\.high must be finite, got inf"),
    (Fixed, {"value": -INF}, r"Fixed\.value must be finite"),
    (Triangular, {"low": 1.0, "mode": 0.5, "high": 2.0}, r"Triangular\.mode must be within"),
    (Triangular, {"low": 1.0, "mode": 1.0, "high": 1.0}, r"Triangular\.low must be < high"),
    (Triangular, {"low": 2.0, "mode": 1.5, "high": 1.0}, r"Triangular\.low must be < high"),
    (PERT, {"low": 150.0, "mode": 190.0, "high": 180.0}, r"PERT\.mode must be within \[low"),
    (PERT, {"low": 0.0, "mode": 1.0, "high": 2.0, "lamb": 0.0}, r"PERT\.lamb must be > 0"),
    (Normal, {"mu": 1.0, "sd": 0.0}, r"Normal\.sd must be > 0, got 0\.0"),
    (Normal, {"mu": 1.0, "sd": -0.5}, r"Normal\.sd must be > 0"),
    (Normal, {"mu": NAN, "sd": 1.0}, r"Normal\.mu must be finite"),
    (Normal, {"mu": 0.0, "sd": 1.0, "low": -INF}, r"Normal\.low must be finite \(None means"),
    (Normal, {"mu": 0.0, "sd": 1.0, "high": NAN}, r"Normal\.high must be finite"),
    (Normal, {"mu": 0.0, "sd": 1.0, "low": 2.0, "high": 1.0}, r"Normal\.low must be < high"),
    (Normal, {"mu": 0.0, "sd": 1.0, "low": 50.0}, r"Normal\.low must be within ~37 sd of mu"),
    (Normal, {"mu": 0.0, "sd": 1.0, "high": -50.0}, r"Normal\.high must be within ~37 sd"),
    (LogNormal, {"mean": -12.0, "cv": 0.2}, r"LogNormal\.mean must be > 0, got -12\.0"),
    (LogNormal, {"mean": 12.0, "cv": 0.0}, r"LogNormal\.cv must be > 0"),
    (Empirical, {"values": ()}, r"Empirical\.values must be non-empty"),
    (Empirical, {"values": (1.0, NAN)}, r"Empirical\.values\[1\] must be finite"),
    (Empirical, {"values": (1.0, 2.0), "weights": (1.0, -1.0)}, r"weights\[1\] must be >= 0"),
    (Empirical, {"values": (1.0, 2.0), "weights": (0.0, 0.0)}, r"weights must be of positive"),
    (Empirical, {"values": (1.0, 2.0), "weights": (1.0, INF)}, r"weights\[1\] must be finite"),
    (Empirical, {"values": (1.0, 2.0, 3.0), "weights": (1.0, 2.0)}, r"weights must be as long"),
]


@pytest.mark.parametrize(("cls", "kwargs", "message"), BAD_PARAMETERS)
def test_bad_parameters_are_rejected_naming_the_field(
    cls: type[Distribution], kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(ParameterError, match=message):
        cls(**kwargs)


@pytest.mark.parametrize(
    ("cls", "kwargs", "message"),
    [
        (Fixed, {"value": "3"}, r"Fixed\.value must be a real number"),
        (Normal, {"mu": 0.0, "sd": 1.0, "low": "0"}, r"Normal\.low must be a real number"),
        (Empirical, {"values": (1.0,), "weights": (True,)}, r"weights\[0\] must be a real"),
    ],
)
def test_values_of_the_wrong_type_are_rejected(
    cls: type[Distribution], kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(ParameterTypeError, match=message):
        cls(**kwargs)


def test_parameter_errors_are_value_errors() -> None:
    with pytest.raises(ValueError, match=r"Uniform\.low"):
        Uniform(low=2.0, high=1.0)


def test_list_arguments_are_stored_as_tuples_and_bounds_as_floats() -> None:
    dist = Empirical(values=[1, 2], weights=[1, 3])
    assert dist.values == (1.0, 2.0)
    assert dist.weights == (1.0, 3.0)
    assert Normal(mu=0.0, sd=1.0, low=0).low == 0.0


def test_evolve_validates_the_new_value() -> None:
    dist = Triangular(low=0.50, mode=0.58, high=0.65)
    with pytest.raises(ParameterError, match=r"Triangular\.mode must be within"):
        dist.evolve(mode=0.7)


@pytest.mark.parametrize("dist", [d for d, _ in ANALYTIC_MEANS], ids=repr)
def test_distributions_survive_pickling(dist: Distribution) -> None:
    assert pickle.loads(pickle.dumps(dist)) == dist


@pytest.mark.parametrize("q", [-0.1, 1.5, NAN])
def test_ppf_rejects_a_probability_outside_0_1(q: float) -> None:
    with pytest.raises(ParameterError, match=r"Uniform\.ppf\.q must be within \[0, 1\]"):
        Uniform(low=0.0, high=1.0).ppf([0.5, q])


def test_cdf_rejects_nan() -> None:
    with pytest.raises(ParameterError, match=r"Normal\.cdf\.x must be a number"):
        Normal(mu=0.0, sd=1.0).cdf(NAN)


# ---------------------------------------------------------------- correlation

HOG, FEED = LogNormal(mean=12.0, cv=0.2), Triangular(low=3.2, mode=3.5, high=3.9)


@pytest.mark.parametrize(
    ("matrix", "message"),
    [
        ([[1.0, 0.5]], r"correlation must be a non-empty square matrix"),
        ([[1.0, 0.5], [0.4, 1.0]], r"correlation\[0, 1\] must be equal to correlation\[1, 0\]"),
        ([[1.0, 0.5], [0.5, 0.9]], r"correlation\[1, 1\] must be 1 on the diagonal, got 0\.9"),
        ([[1.0, 1.2], [1.2, 1.0]], r"correlation\[0, 1\] must be within \[-1, 1\], got 1\.2"),
        ([[1.0, NAN], [NAN, 1.0]], r"correlation\[0, 1\] must be finite"),
        (
            [[1.0, 0.9, -0.9], [0.9, 1.0, 0.9], [-0.9, 0.9, 1.0]],
            r"correlation must be positive semi-definite \(smallest eigenvalue >= -1e-10\)",
        ),
    ],
)
def test_invalid_correlation_matrices_are_rejected(
    matrix: list[list[float]], message: str
) -> None:
    with pytest.raises(ParameterError, match=message):
        validate_correlation(matrix)


def test_correlation_errors_use_the_input_names() -> None:
    with pytest.raises(ParameterError, match=r"correlation\[hog, feed\] must be within"):
        validate_correlation([[1.0, -1.5], [-1.5, 1.0]], names=["hog", "feed"])


def test_correlation_names_must_match_the_matrix() -> None:
    with pytest.raises(ParameterError, match=r"names must be one per row of correlation \(2\)"):
        validate_correlation(np.eye(2), names=["hog"])


def test_a_valid_correlation_comes_back_exactly_symmetric() -> None:
    rho = validate_correlation([[1.0, 0.3 + 1e-12], [0.3, 1.0]])
    np.testing.assert_array_equal(rho, rho.T)
    np.testing.assert_array_equal(np.diag(rho), [1.0, 1.0])


def test_hog_and_feed_prices_hit_the_target_rank_correlation() -> None:
    draws = sample_correlated(
        [HOG, FEED], [[1.0, 0.6], [0.6, 1.0]], 20_000, np.random.default_rng(1)
    )
    assert stats.spearmanr(draws[:, 0], draws[:, 1]).statistic == pytest.approx(0.6, abs=0.03)


def test_target_is_the_spearman_not_the_normal_scores_correlation() -> None:
    # Without the 2 sin(pi rho / 6) adjustment the rank correlation would be
    # (6 / pi) asin(0.25) = 0.4826; the standard error here is about 0.0024.
    draws = sample_correlated(
        [HOG, FEED], [[1.0, 0.5], [0.5, 1.0]], 100_000, np.random.default_rng(2)
    )
    assert stats.spearmanr(draws[:, 0], draws[:, 1]).statistic == pytest.approx(0.5, abs=0.008)


def test_three_inputs_hit_every_pairwise_target() -> None:
    target = np.array([[1.0, 0.6, -0.3], [0.6, 1.0, 0.2], [-0.3, 0.2, 1.0]])
    occupancy = Triangular(low=0.50, mode=0.58, high=0.65)
    draws = sample_correlated([HOG, FEED, occupancy], target, 20_000, np.random.default_rng(3))
    realised = stats.spearmanr(draws).statistic
    np.testing.assert_allclose(realised, target, atol=0.03)


def test_correlated_marginals_are_preserved() -> None:
    draws = sample_correlated(
        [HOG, FEED], [[1.0, 0.6], [0.6, 1.0]], 20_000, np.random.default_rng(4)
    )
    for column, dist in zip(draws.T, (HOG, FEED), strict=True):
        assert stats.kstest(column, dist.cdf).pvalue > 0.001
        assert column.mean() == pytest.approx(dist.mean, rel=0.01)


def test_a_singular_correlation_still_samples() -> None:
    # Perfect rank correlation is PSD but singular: no Cholesky factor exists.
    target = [[1.0, 1.0, 0.5], [1.0, 1.0, 0.5], [0.5, 0.5, 1.0]]
    draws = sample_correlated([HOG, FEED, HOG], target, 5_000, np.random.default_rng(5))
    assert np.all(np.isfinite(draws))
    assert stats.spearmanr(draws[:, 0], draws[:, 1]).statistic == pytest.approx(1.0)
    assert stats.spearmanr(draws[:, 0], draws[:, 2]).statistic == pytest.approx(0.5, abs=0.05)


def test_correlated_samples_are_reproducible_and_prefix_stable() -> None:
    target = [[1.0, -0.4], [-0.4, 1.0]]
    long = sample_correlated([HOG, FEED], target, 100, np.random.default_rng(6))
    again = sample_correlated([HOG, FEED], target, 100, np.random.default_rng(6))
    short = sample_correlated([HOG, FEED], target, 40, np.random.default_rng(6))
    np.testing.assert_array_equal(long, again)
    np.testing.assert_array_equal(short, long[:40])


def test_sample_correlated_needs_one_distribution_per_row() -> None:
    with pytest.raises(ShapeError, match=r"correlation is 2x2 but 3 distributions given"):
        sample_correlated([HOG, FEED, HOG], np.eye(2), 10, np.random.default_rng(0))


def test_sample_correlated_needs_at_least_one_row() -> None:
    with pytest.raises(ParameterError, match=r"n must be >= 1, got 0"):
        sample_correlated([HOG, FEED], np.eye(2), 0, np.random.default_rng(0))


def test_identity_correlation_leaves_uniforms_alone() -> None:
    u = np.random.default_rng(8).random((1000, 3))
    np.testing.assert_allclose(correlate_uniforms(u, np.eye(3)), u, rtol=1e-9)


def test_correlate_uniforms_rejects_the_closed_interval() -> None:
    with pytest.raises(ParameterError, match=r"u must be within the open interval \(0, 1\)"):
        correlate_uniforms([[0.0, 0.5]], np.eye(2))


@given(st.lists(st.tuples(fractions, fractions), min_size=1, max_size=20))
def test_transform_uniform_applies_each_marginal_ppf(rows: list[tuple[float, float]]) -> None:
    u = np.array(rows)
    out = transform_uniform([HOG, FEED], u)
    np.testing.assert_array_equal(out[:, 0], HOG.ppf(u[:, 0]))
    np.testing.assert_array_equal(out[:, 1], FEED.ppf(u[:, 1]))


def test_transform_uniform_checks_the_design_shape() -> None:
    with pytest.raises(ShapeError, match=r"u has shape \(4, 3\); expected \(n, 2\)"):
        transform_uniform([HOG, FEED], np.full((4, 3), 0.5))
