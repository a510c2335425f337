"""Metrics: hand-computed values with their sources, invariants (Hypothesis), bad input."""

from dataclasses import FrozenInstanceError

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from scipy import stats

from collective_econ.errors import ParameterError, ParameterTypeError, ShapeError
from collective_econ.metrics import (
    POVERTY_LINE_SOURCES,
    POVERTY_LINES,
    fgt,
    gini,
    income_shares,
    lorenz,
    paired_difference,
    poor_in_group,
    restoration,
    share_restored_within,
    weighted_quantile,
    winners_losers,
)
from collective_econ.metrics.lines import DIBAO_LINE_MONTH_2010, NATIONAL_RURAL_POVERTY_LINE

# incomes in yuan/person/year: 0 or at least 0.001 yuan (no subnormal floats)
income = st.one_of(st.just(0.0), st.floats(1e-3, 1e6))
incomes = st.lists(income, min_size=1, max_size=25)
signed_incomes = st.lists(st.floats(-1e5, 1e6), min_size=1, max_size=25)


def gini_by_pairs(x, w):
    """Independent oracle: sum_ij w_i w_j |x_i - x_j| / (2 W^2 mu), by brute force."""
    x, w = np.asarray(x, float), np.asarray(w, float)
    mu = np.sum(w * x) / w.sum()
    return np.sum(np.outer(w, w) * np.abs(x[:, None] - x[None, :])) / (2 * w.sum() ** 2 * mu)


def lorenz_gini(p, big_l):
    """1 - 2 x area under the Lorenz curve, by trapezoids."""
    return 1.0 - np.sum(np.diff(p) * (big_l[1:] + big_l[:-1]))


# --- Gini: hand-computed values -----------------------------------------------------------


def test_gini_one_to_five():
    # mean-difference formula (Sen 1973): mean 3; unordered pairs |xi - xj|:
    # four pairs differ by 1, three by 2, two by 3, one by 4: 4 + 6 + 6 + 4 = 20,
    # so sum over ordered pairs 40; G = 40 / (2 n^2 mu) = 40 / (2 * 25 * 3) = 4/15
    assert gini([1, 2, 3, 4, 5]) == pytest.approx(4 / 15, rel=1e-15)
    assert gini([5, 3, 1, 4, 2]) == pytest.approx(0.26666666666666666)


def test_gini_equal_incomes_is_exactly_zero():
    assert gini([3_600.0] * 7) == 0.0
    assert gini([3_600.0] * 7, weights=[0.3, 1.7, 2, 5, 0.1, 1, 1]) == 0.0


@pytest.mark.parametrize("n", [1, 2, 3, 5, 10, 100])
def test_gini_one_person_has_everything(n):
    # only one of n has income: pairs (0, 1) differ by 1, 2(n - 1) ordered pairs,
    # mu = 1/n, G = 2(n - 1) / (2 n^2 / n) = (n - 1)/n
    x = np.zeros(n)
    x[-1] = 1.0
    assert gini(x) == pytest.approx((n - 1) / n, rel=1e-14)


def test_gini_weighted_by_hand():
    # weights [3, 1] on [1, 3] = the sample [1, 1, 1, 3]: mu = 1.5, ordered pairs
    # differing by 2: 2 x 3 x 1 = 6, sum 12; G = 12 / (2 x 16 x 1.5) = 0.25
    assert gini([1.0, 3.0], weights=[3, 1]) == pytest.approx(0.25)
    assert gini([1.0, 3.0, 3.0], weights=[3, 1, 0]) == pytest.approx(0.25)


def test_gini_negative_incomes_can_exceed_one():
    # [-1, 0, 0, 2]: mu = 0.25; unordered |diffs| 1 + 1 + 3 + 0 + 2 + 2 = 9, ordered 18;
    # G = 18 / (2 x 16 x 0.25) = 2.25
    assert gini([-1.0, 0.0, 0.0, 2.0]) == pytest.approx(2.25)


def test_gini_nan_cases():
    assert np.isnan(gini([0.0, 0.0, 0.0]))  # zero total income
    assert np.isnan(gini([-2.0, 1.0]))  # negative mean
    assert np.isnan(gini([1.0, 2.0], weights=[0, 0]))  # nobody


def test_gini_vectorised_over_replications_and_axis():
    x = np.random.default_rng(7).lognormal(8, 0.6, size=(4, 3, 50))
    got = gini(x)
    assert got.shape == (4, 3)
    assert got[2, 1] == pytest.approx(gini(x[2, 1]))
    w = np.arange(1, 51)  # one weight per household, broadcast over replications
    assert gini(x, weights=w)[0, 0] == pytest.approx(gini(x[0, 0], weights=w))
    assert np.allclose(gini(np.moveaxis(x, -1, 0), axis=0), got)
    assert isinstance(gini(x[0, 0]), float)


# --- Gini and Lorenz: properties ----------------------------------------------------------


@given(incomes, st.lists(st.floats(0.01, 100), min_size=25, max_size=25))
def test_gini_equals_pairwise_oracle(x, w):
    w = w[: len(x)]
    assume(sum(x) > 0)
    assert gini(x, weights=w) == pytest.approx(gini_by_pairs(x, w), rel=1e-9, abs=1e-12)


@given(incomes, st.floats(1e-3, 1e3))
def test_gini_scale_invariant(x, c):
    assume(sum(x) > 0)
    assert gini(np.asarray(x) * c) == pytest.approx(gini(x), rel=1e-9, abs=1e-12)


# population weights: none, or at least 0.001 (a weight of 1e-57 puts G within rounding of 1)
weight = st.one_of(st.just(0.0), st.floats(1e-3, 50))


@given(incomes, st.lists(weight, min_size=25, max_size=25))
def test_gini_within_zero_one_for_nonnegative_incomes(x, w):
    w = w[: len(x)]
    g = gini(x, weights=w)
    assume(not np.isnan(g))
    assert 0.0 <= g <= 1.0


@given(st.lists(st.tuples(st.floats(-1e4, 1e5), st.integers(0, 5)), min_size=1, max_size=20))
def test_weighted_gini_equals_gini_of_repeated_sample(pairs):
    x, w = np.array([p[0] for p in pairs]), np.array([p[1] for p in pairs])
    expanded = np.repeat(x, w)
    assume(expanded.sum() > 0)
    assert gini(x, weights=w) == pytest.approx(gini(expanded), rel=1e-9, abs=1e-12)


@given(signed_incomes, st.lists(st.floats(0.01, 100), min_size=25, max_size=25))
def test_lorenz_endpoints_convexity_and_area_gini(x, w):
    w = w[: len(x)]
    assume(np.dot(x, w) > 1e-3 * np.abs(x).max() * sum(w))  # a mean clearly above 0
    p, big_l = lorenz(x, weights=w)
    assert (p[0], big_l[0], p[-1], big_l[-1]) == (0.0, 0.0, 1.0, 1.0)
    slopes = np.diff(big_l) / np.diff(p)  # convex: slopes never fall (x sorted)
    assert np.all(np.diff(slopes) >= -1e-9 * np.abs(slopes).max())
    assert lorenz_gini(p, big_l) == pytest.approx(gini(x, weights=w), rel=1e-7, abs=1e-9)


def test_lorenz_by_hand():
    # total 20,000: cumulative 1,000 / 4,000 / 10,000 / 20,000 -> 0.05, 0.2, 0.5, 1
    p, big_l = lorenz([10_000, 1_000, 6_000, 3_000])
    assert p.tolist() == [0.0, 0.25, 0.5, 0.75, 1.0]
    assert big_l.tolist() == pytest.approx([0.0, 0.05, 0.2, 0.5, 1.0])
    p, big_l = lorenz([0.0, 0.0])
    assert p.tolist() == [0.0, 0.5, 1.0]
    assert big_l[0] == 0.0
    assert np.isnan(big_l[1:]).all()


# --- poverty ------------------------------------------------------------------------------


def test_poverty_lines_named_and_sourced():
    # domain-reference.md §7: 2,300 yuan/person/yr (2010 prices); dibao 220 x 12 = 2,640
    assert POVERTY_LINES["national_rural"] == NATIONAL_RURAL_POVERTY_LINE == 2_300.0
    assert POVERTY_LINES["dibao_yun_county"] == 12 * DIBAO_LINE_MONTH_2010 == 2_640.0
    assert set(POVERTY_LINE_SOURCES) == set(POVERTY_LINES)
    with pytest.raises(TypeError):
        POVERTY_LINES["national_rural"] = 1.0  # type: ignore[index]


def test_fgt_by_hand():
    # Foster, Greer & Thorbecke (1984), worked by hand for the 2,300 line:
    # poor: 1,000 (gap 1,300) and 2,000 (gap 300) of 4 households
    inc = [1_000, 2_000, 3_000, 5_000]
    assert fgt(inc) == 0.5
    assert fgt(inc, alpha=1) == pytest.approx((1_300 / 2_300 + 300 / 2_300) / 4)
    assert fgt(inc, alpha=2) == pytest.approx(((1_300 / 2_300) ** 2 + (300 / 2_300) ** 2) / 4)
    # the dibao line 2,640: gaps 1,640 and 640
    dibao = POVERTY_LINES["dibao_yun_county"]
    assert fgt(inc, dibao, 1) == pytest.approx((1_640 + 640) / 2_640 / 4)
    # weights 2, 1, 1, 0 persons: 3 of 4 persons poor
    assert fgt(inc, weights=[2, 1, 1, 0]) == 0.75


def test_fgt_poor_means_strictly_below_the_line():
    assert fgt([2_300.0, 2_299.99], 2_300) == 0.5


def test_fgt_lines_and_years_broadcast():
    inc = np.array([[1_000.0, 2_000, 3_000, 5_000], [2_500, 2_500, 3_000, 5_000]])  # 2 years
    lines = np.array([2_300.0, 2_640.0])
    assert fgt(inc[0], lines[:, None]).tolist() == [0.5, 0.5]
    assert fgt(inc, lines[:, None, None]).shape == (2, 2)
    assert fgt(inc, [[2_300.0], [2_640.0]]).tolist() == [0.5, 0.5]  # a line per year
    assert fgt(inc.T, 2_300, axis=0).tolist() == [0.5, 0.0]
    assert np.isnan(fgt(inc[0], weights=np.zeros(4)))


def test_fgt_a_loss_falls_short_by_the_whole_line_no_more():
    # a hog farm's loss year: -5,000 yuan a person counts as zero income (shortfall 1);
    # without the bound the gap would be 7,300 / 2,300 = 3.17 of the line
    inc = [-5_000, 2_000, 3_000, 5_000]
    assert fgt(inc) == 0.5  # the headcount is the same
    assert fgt(inc, alpha=1) == pytest.approx((1 + 300 / 2_300) / 4)
    assert fgt(inc, alpha=2) == pytest.approx((1 + (300 / 2_300) ** 2) / 4)
    assert fgt([-5_000, 0.0, -0.0], alpha=1) == 1.0  # every loss and zero alike
    # the finding's case: the poor all lose money, so the gap equals the headcount
    assert fgt([-5_000] * 10 + [4_000] * 90, alpha=1) == pytest.approx(0.1)


def fgt_by_loop(x, z, alpha, w):
    """Independent oracle: the FGT sum over persons, one at a time, incomes censored at 0."""
    total = 0.0
    for xi, wi in zip(x, w, strict=True):
        if xi < z:
            total += wi * ((z - max(xi, 0.0)) / z) ** alpha
    return total / sum(w)


alphas = st.sampled_from([0, 0.5, 1, 2, 3])


@given(signed_incomes, st.floats(1.0, 2e4), st.floats(1.0, 2e4), alphas)
def test_fgt_rises_with_the_line(x, z1, z2, alpha):
    lo, hi = min(z1, z2), max(z1, z2)
    assert fgt(x, lo, alpha) <= fgt(x, hi, alpha) + 1e-12


@given(signed_incomes, st.floats(1.0, 2e4), st.data())
def test_fgt_is_bounded_and_ordered_for_any_incomes(x, z, data):
    w = data.draw(st.lists(st.floats(0.1, 8.0), min_size=len(x), max_size=len(x)))
    p0, p_half, p1, p2, p3 = (fgt(x, z, a, weights=w) for a in (0, 0.5, 1, 2, 3))
    assert 0.0 <= p3 <= p2 + 1e-12  # the shortfalls lie in [0, 1]: each power is smaller
    assert p2 <= p1 + 1e-12
    assert p1 <= p_half + 1e-12
    assert p_half <= p0 <= 1.0 + 1e-12
    for a, p in ((0, p0), (1, p1), (2, p2)):
        assert p == pytest.approx(fgt_by_loop(x, z, a, w), rel=1e-9, abs=1e-12)


@given(signed_incomes, st.floats(1.0, 2e4), alphas)
def test_fgt_counts_a_loss_as_zero_income(x, z, alpha):
    assert fgt(x, z, alpha) == fgt(np.maximum(x, 0.0), z, alpha)
    assert fgt(x, z, 0) == np.mean(np.asarray(x) < z)  # the headcount is not censored


@given(incomes, st.floats(1.0, 2e4), alphas)
def test_fgt_for_nonnegative_incomes_is_the_plain_formula(x, z, alpha):
    # the bound changes nothing when no income is below zero: bit for bit the
    # uncensored Foster-Greer-Thorbecke sum
    arr = np.asarray(x, dtype=float)
    poor = arr < z
    term = poor.astype(float) if alpha == 0 else np.where(poor, (z - arr) / z, 0.0) ** alpha
    assert fgt(x, z, alpha) == np.sum(term) / arr.size


# --- the poor in a group (a hog farm's loss year) ----------------------------------------


def test_poor_in_group_by_hand():
    # two persons a household; the poor: the loss (-5,000) and 2,000; in the group: the loss
    inc, loss = [-5_000, 2_000, 3_000, 5_000], [True, False, True, False]
    assert poor_in_group(inc, loss, weights=[2, 2, 2, 2]) == (0.5, 2.0)
    # weights are persons: three in the loss household, one in the other poor one
    assert poor_in_group(inc, loss, weights=[3, 1, 2, 2]) == (0.75, 3.0)
    assert poor_in_group(inc, [0, 0, 1, 1]) == (0.0, 0.0)  # group members not poor
    share, count = poor_in_group([3_000, 5_000], [True, True])
    assert np.isnan(share)  # nobody poor: no share of the poor
    assert count == 0.0


def test_poor_in_group_by_year_and_bad_groups():
    x = np.array([[-100.0, 1_000.0, 9_000.0], [4_000.0, 5_000.0, 9_000.0]])  # (years, hh)
    share, count = poor_in_group(x, x < 0, weights=np.array([[1, 2, 3], [1, 2, 3]]))
    np.testing.assert_array_equal(share, [1 / 3, np.nan])
    np.testing.assert_array_equal(count, [1.0, 0.0])
    with pytest.raises(ParameterError, match="group"):
        poor_in_group([1.0, 2.0], [0.5, 1.0])
    with pytest.raises(ShapeError, match="group"):
        poor_in_group([1.0, 2.0], [True, False, True])


@given(signed_incomes, st.floats(1.0, 2e4), st.data())
def test_poor_in_group_is_a_share_of_the_headcount(x, z, data):
    n = len(x)
    w = data.draw(st.lists(st.floats(0.1, 8.0), min_size=n, max_size=n))
    g = data.draw(st.lists(st.booleans(), min_size=n, max_size=n))
    share, count = poor_in_group(x, g, z, weights=w)
    poor = fgt(x, z, 0, weights=w) * sum(w)  # the headcount's persons
    assert 0.0 <= count <= poor * (1 + 1e-12) + 1e-12
    if poor > 0:
        assert 0.0 <= share <= 1.0
        assert share == pytest.approx(count / poor, rel=1e-9)
    else:
        assert np.isnan(share)
    # everyone in the group: all the poor; no one: none
    assert poor_in_group(x, [True] * n, z, weights=w)[1] == pytest.approx(poor, rel=1e-12)
    assert poor_in_group(x, [False] * n, z, weights=w)[1] == 0.0
    # by the loop, one person at a time
    by_loop = sum(wi for xi, gi, wi in zip(x, g, w, strict=True) if xi < z and gi)
    assert count == pytest.approx(by_loop, rel=1e-9, abs=1e-12)


# --- quantiles and shares -----------------------------------------------------------------


def test_weighted_quantile_by_hand():
    pc = [1_800, 2_400, 3_600, 5_000, 9_200]
    assert weighted_quantile(pc, 0.5) == 3_600.0
    # 18 persons; the 9th poorest person lives in the second household (persons 6-9)
    assert weighted_quantile(pc, 0.5, weights=[5, 4, 4, 3, 2]) == 2_400.0
    assert weighted_quantile(pc, [0.0, 1.0]).tolist() == [1_800.0, 9_200.0]
    # q = 0 skips values without weight
    assert weighted_quantile(pc, 0.0, weights=[0, 0, 1, 1, 0]) == 3_600.0


@given(
    st.lists(st.tuples(st.floats(-1e5, 1e5), st.floats(0, 10)), min_size=1, max_size=25),
    st.lists(st.floats(0, 1), min_size=1, max_size=5),
)
def test_weighted_quantile_matches_numpy_weighted_inverted_cdf(pairs, q):
    x, w = np.array([p[0] for p in pairs]), np.array([p[1] for p in pairs])
    assume(w.sum() > 0)
    want = np.quantile(x, q, weights=w, method="inverted_cdf")
    assert np.array_equal(weighted_quantile(x, q, weights=w), want)


@given(st.lists(st.floats(-1e5, 1e5), min_size=1, max_size=30))
def test_weighted_quantile_unit_weights_match_unweighted_inverted_cdf(x):
    # q = (k + 1/2)/n and 0, 1: away from n q = whole number, where numpy's unweighted
    # path rounds n q (documented in weighted_quantile's Notes)
    n = len(x)
    q = np.r_[0.0, (np.arange(n) + 0.5) / n, 1.0]
    got = weighted_quantile(x, q)
    assert np.array_equal(got, np.quantile(x, q, method="inverted_cdf"))
    assert np.isin(got, x).all()


def test_weighted_quantile_shapes_for_fan_charts():
    x = np.random.default_rng(3).normal(3_000, 500, size=(200, 12))  # (replications, months)
    fan = weighted_quantile(x, [0.05, 0.5, 0.95], axis=0)
    assert fan.shape == (3, 12)
    assert np.all(np.diff(fan, axis=0) >= 0)
    assert np.isnan(weighted_quantile([1.0, 2.0], 0.5, weights=[0, 0]))


def test_income_shares_by_hand():
    # wages 15,000, dividends 4,000, hogs 1,000 of 20,000
    shares = income_shares([[6_000, 9_000], [2_000, 2_000], [1_000, 0]])
    assert shares.tolist() == pytest.approx([0.75, 0.2, 0.05])
    stacked = income_shares(np.zeros((2, 3, 4)))  # two replications, nothing earned
    assert stacked.shape == (2, 3)
    assert np.isnan(stacked).all()


@given(st.lists(st.lists(st.floats(-1e4, 1e5), min_size=4, max_size=4), min_size=1, max_size=5))
def test_income_shares_sum_to_one(rows):
    total = np.sum(rows)
    assume(abs(total) > 1.0)
    assert income_shares(rows).sum() == pytest.approx(1.0, abs=1e-6)


# --- livelihood restoration ---------------------------------------------------------------


def test_restoration_by_hand():
    inc = np.array([[2_000, 3_000, 3_500], [2_500, 2_800, 2_000], [3_100, 2_900, 2_600]])
    r = restoration(inc, [3_000, 3_000, 3_000], start=[0, 0, 1], rule="one_year")
    # year 0: 3,000 >= 3,000 and 3,500 >= 3,000; year 1: nobody; year 2: 3,100 only
    assert r.restored_share.tolist() == pytest.approx([2 / 3, 0.0, 1 / 3])
    # household 1: first at/above in year 2; household 2: year 0; household 3 never (NaN)
    assert r.years_to_restore[:2].tolist() == [2.0, 0.0]
    assert np.isnan(r.years_to_restore[2])
    assert share_restored_within(r.years_to_restore, 2) == pytest.approx(2 / 3)
    with pytest.raises(FrozenInstanceError):
        r.restored_share = r.restored_share  # type: ignore[misc]


def test_restoration_counts_from_the_year_of_land_loss():
    inc = np.array([[5_000.0], [1_000.0], [1_000.0], [4_000.0]])  # one household, 4 years
    one = "one_year"
    assert restoration(inc, [3_000.0], rule=one).years_to_restore.tolist() == [0.0]
    assert restoration(inc, [3_000.0], start=[1], rule=one).years_to_restore.tolist() == [2.0]
    assert restoration(inc, 3_000.0, start=1, rule=one).years_to_restore.tolist() == [
        2.0
    ]  # scalars


def test_restoration_vectorised_over_replications():
    inc = np.random.default_rng(1).normal(3_000, 500, size=(8, 10, 30))  # (reps, years, hh)
    r = restoration(inc, np.full(30, 3_000.0), start=np.arange(30) % 10)
    assert r.restored_share.shape == (8, 10)
    assert r.years_to_restore.shape == (8, 30)
    one = restoration(inc[5], np.full(30, 3_000.0), start=np.arange(30) % 10)
    assert np.array_equal(r.years_to_restore[5], one.years_to_restore, equal_nan=True)


@given(
    st.integers(1, 6),
    st.integers(1, 6),
    st.data(),
)
def test_restoration_shares_and_years_in_range(years, households, data):
    inc = data.draw(
        st.lists(st.floats(0, 1e4), min_size=years * households, max_size=years * households)
    )
    base = data.draw(st.lists(st.floats(0, 1e4), min_size=households, max_size=households))
    start = data.draw(
        st.lists(st.integers(0, years - 1), min_size=households, max_size=households)
    )
    r = restoration(np.reshape(inc, (years, households)), base, start=start, rule="one_year")
    assert np.all((r.restored_share >= 0) & (r.restored_share <= 1))
    ytr = r.years_to_restore
    done = ~np.isnan(ytr)
    assert np.all(ytr[done] >= 0)
    assert np.all(ytr[done] <= years - 1 - np.asarray(start)[done])
    assert 0 <= share_restored_within(ytr, years) <= 1


def test_one_good_year_restores_under_one_year_rule_only():
    # household 0: one good year (4,000) among poor ones; household 1: back for good
    inc = np.array([[2_000.0, 2_000.0], [4_000.0, 3_100.0], [2_000.0, 3_100.0],
                    [2_100.0, 3_200.0], [2_000.0, 3_000.0], [2_200.0, 3_100.0]])  # fmt: skip
    one = restoration(inc, [3_000.0, 3_000.0], rule="one_year")
    sus = restoration(inc, [3_000.0, 3_000.0])  # the default: sustained, 3 years
    assert (sus.rule, sus.window, one.rule, one.window) == ("sustained", 3, "one_year", 1)
    assert one.years_to_restore.tolist() == [1.0, 1.0]
    # household 0's 3-year means: 2,667, 2,700, 2,033, 2,100: never restored
    assert np.isnan(sus.years_to_restore[0])
    # household 1: years 1-3 mean 3,133 >= 3,000: restored when year 3 ends
    assert sus.years_to_restore[1] == 3.0
    assert share_restored_within(one.years_to_restore, 5) == 1.0
    assert share_restored_within(sus.years_to_restore, 5) == 0.5
    # window=1 is the one-year rule; a 2-year window: years 0-1 average 3,000 for household 0
    w1 = restoration(inc, [3_000.0, 3_000.0], window=1).years_to_restore
    assert np.array_equal(w1, one.years_to_restore)
    assert restoration(inc, [3_000.0, 3_000.0], window=2).years_to_restore[0] == 1.0


def test_sustained_rule_counts_only_windows_after_land_loss():
    # good years before land loss (year 2) do not count towards the window
    inc = np.array([[5_000.0], [5_000.0], [2_000.0], [3_500.0], [3_500.0], [3_500.0]])
    r = restoration(inc, [3_000.0], start=[2])
    # window years 2-4 average 3,000: 2 years; years 1-3 (3,500) straddle land loss: not 1
    assert r.years_to_restore.tolist() == [2.0]
    r = restoration(inc, [3_100.0], start=[2])
    assert r.years_to_restore.tolist() == [3.0]  # years 3-5, 3,500
    # restored_share: trailing means 5,000 5,000 4,000 3,500 3,000 3,500 (partial at first)
    np.testing.assert_allclose(r.restored_share, [1, 1, 1, 1, 0, 1])


@pytest.mark.parametrize(("kw", "field"), [({"rule": "sustain"}, "rule"),
                                           ({"window": 0}, "window"),
                                           ({"window": 2.5}, "window")])  # fmt: skip
def test_restoration_rule_and_window_are_checked(kw, field):
    with pytest.raises(ParameterError, match=field):
        restoration(np.ones((3, 2)), [1.0, 1.0], **kw)


# --- winners and losers -------------------------------------------------------------------


def test_winners_losers_by_hand():
    # differences 200, 0, -200, 500, 100 with tolerance 150: better 2, worse 1, same 2
    a = [3_000, 2_500, 4_000, 2_000, 3_100]
    b = [2_800, 2_500, 4_200, 1_500, 3_000]
    wl = winners_losers(a, b, tolerance=150)
    assert (wl.better, wl.worse, wl.same) == (0.4, 0.2, 0.4)
    assert wl.interval == "wilson over households"
    weighted = winners_losers(a, b, tolerance=150, weights=[1, 1, 1, 1, 6])
    assert weighted.same == 0.7


@pytest.mark.parametrize(
    ("better", "n", "low", "high"),
    # Newcombe (1998), Statistics in Medicine 17:857-872, Table II, method 3 (Wilson score)
    [
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0, 0.1611),
        (1, 29, 0.0061, 0.1718),
    ],
)
def test_wilson_interval_matches_newcombe(better, n, low, high):
    a = np.r_[np.ones(better), np.zeros(n - better)]
    wl = winners_losers(a, np.zeros(n))
    assert wl.better_ci == pytest.approx((low, high), abs=5e-5)
    assert wl.n == n


def test_t_interval_over_replications():
    # 4 replications of 10 households, better in 4, 5, 5, 6 of them
    a = np.zeros((4, 10))
    for r, k in enumerate([4, 5, 5, 6]):
        a[r, :k] = 1.0
    wl = winners_losers(a, np.zeros((4, 10)))
    shares = np.array([0.4, 0.5, 0.5, 0.6, 0.5])  # one pseudo-replication at one half
    want = stats.t.interval(0.95, 4, loc=shares.mean(), scale=stats.sem(shares))
    assert wl.better == pytest.approx(0.5)
    assert wl.better_ci == pytest.approx(want)
    assert (wl.interval, wl.n) == ("t over replications", 4.0)
    assert winners_losers(a.T, np.zeros((10, 4)), axis=0).better_ci == pytest.approx(want)


def test_replications_that_agree_do_not_give_a_zero_width_interval():
    # every household better off in every one of 10 replications: not "100% (100-100%)"
    wl = winners_losers(np.ones((10, 50)), np.zeros((10, 50)))
    assert wl.better == 1.0
    lo, hi = wl.better_ci
    assert hi == 1.0
    assert 0.80 < lo < 0.90
    # more replications narrow it, about as 1/R
    lo100 = winners_losers(np.ones((100, 50)), np.zeros((100, 50))).better_ci[0]
    assert 0.98 < lo100 < 0.99
    # replications that differ: the interval holds the mean and is a little wider than t
    a = np.zeros((10, 50))
    for r in range(10):
        a[r, : 25 + r] = 1.0
    shares = a.mean(axis=1)
    plain = stats.t.interval(0.95, 9, loc=shares.mean(), scale=stats.sem(shares))
    got = winners_losers(a, np.zeros((10, 50))).better_ci
    assert got[0] <= shares.mean() <= got[1]
    assert got[0] < plain[0]
    assert got[1] > plain[1] - 0.01
    assert (got[1] - got[0]) < 1.5 * (plain[1] - plain[0])


paired = st.integers(1, 4).flatmap(
    lambda r: st.integers(1, 8).flatmap(
        lambda h: st.tuples(
            *[
                st.lists(
                    st.lists(st.sampled_from([0.0, 100.0, 150.0, 300.0]), min_size=h, max_size=h),
                    min_size=r,
                    max_size=r,
                )
            ]
            * 2
        )
    )
)


@given(paired, st.sampled_from([0.0, 50.0, 150.0]))
def test_winners_losers_shares_add_up_and_swap(ab, tol):
    a, b = ab
    ab_, ba = winners_losers(a, b, tolerance=tol), winners_losers(b, a, tolerance=tol)
    assert ab_.better + ab_.worse + ab_.same == pytest.approx(1.0)
    assert ab_.better == ba.worse
    assert ab_.worse == ba.better
    assert ab_.better_ci == ba.worse_ci


# --- paired difference --------------------------------------------------------------------


def test_paired_difference_matches_scipy_paired_t():
    a, b = [3_100, 2_900, 3_300, 3_000], [2_900, 2_800, 3_000, 2_900]
    d = paired_difference(a, b)
    ci = stats.ttest_rel(a, b).confidence_interval(0.95)  # independent oracle
    assert d.mean == 175.0  # differences 200, 100, 300, 100
    assert (d.low, d.high) == pytest.approx((ci.low, ci.high))
    assert d.n == 4


def test_paired_difference_vectorised():
    rng = np.random.default_rng(11)
    a = rng.normal(size=(30, 3))  # (replications, outcomes)
    b = a - 1.0 + rng.normal(scale=0.1, size=(30, 3))
    d = paired_difference(a, b)
    assert d.mean.shape == (3,)
    assert d.low[1] == pytest.approx(paired_difference(a[:, 1], b[:, 1]).low)
    assert np.all((d.low < 1.0) | (d.high > 1.0))


# --- bad input: each raises, naming the argument --------------------------------------------


X = [1_000.0, 2_000.0, 3_000.0]


def test_weights_of_wrong_shape():
    with pytest.raises(ShapeError, match="weights"):
        gini(X, weights=[1.0, 2.0])


def test_negative_weights():
    with pytest.raises(ParameterError, match=r"weights\[1\] must be finite and >= 0, got -1.0"):
        fgt(X, weights=[1.0, -1.0, 1.0])


def test_nan_income():
    bad = [1_000.0, float("nan")]
    with pytest.raises(ParameterError, match=r"^x\[1\] must be finite, got nan"):
        gini(bad)


def test_negative_alpha():
    with pytest.raises(ParameterError, match="alpha must be finite and >= 0, got -1"):
        fgt(X, alpha=-1)


def test_nonpositive_line():
    with pytest.raises(ParameterError, match="line"):
        fgt(X, line=0.0)


def test_line_that_does_not_broadcast():
    with pytest.raises(ShapeError, match="line"):
        fgt(X, line=[2_300.0, 2_640.0])


def test_quantile_out_of_range():
    with pytest.raises(ParameterError, match=r"q\[1\] must be within \[0, 1\]"):
        weighted_quantile(X, [0.5, 1.5])


def test_empty_incomes():
    with pytest.raises(ShapeError, match="x must not be empty"):
        gini([])


def test_scalar_incomes():
    with pytest.raises(ShapeError, match="x must have at least 1 axes"):
        fgt(1_000.0)


def test_axis_out_of_range():
    with pytest.raises(ParameterError, match="axis"):
        gini(X, axis=1)


def test_incomes_that_are_not_numbers():
    with pytest.raises(ParameterTypeError, match="x"):
        gini(["poor", "rich"])


def test_lorenz_needs_one_distribution():
    two = [X, X]
    with pytest.raises(ShapeError, match="x must be 1-D"):
        lorenz(two)


def test_income_shares_needs_sources_and_households():
    with pytest.raises(ShapeError, match="income_by_source"):
        income_shares(X)


def test_restoration_baseline_of_wrong_shape():
    inc = np.ones((3, 4))
    with pytest.raises(ShapeError, match="baseline"):
        restoration(inc, [1.0, 1.0])


def test_restoration_start_after_horizon():
    inc = np.ones((3, 2))
    with pytest.raises(
        ParameterError, match=r"start\[1\] must be a whole year index within \[0, 2\]"
    ):
        restoration(inc, [1.0, 1.0], start=[0, 3])


def test_restoration_start_not_whole():
    inc = np.ones((3, 2))
    with pytest.raises(ParameterError, match="start"):
        restoration(inc, [1.0, 1.0], start=[0, 1.5])


def test_share_restored_within_negative_k():
    with pytest.raises(ParameterError, match="k must be finite and >= 0"):
        share_restored_within([1.0, 2.0], -1)


def test_winners_losers_mismatched_shapes():
    with pytest.raises(ShapeError, match="b must have the shape of a"):
        winners_losers(X, X[:2])


def test_winners_losers_three_axes():
    cube = np.ones((2, 2, 2))
    with pytest.raises(ShapeError, match="a must be"):
        winners_losers(cube, cube)


def test_winners_losers_bad_confidence():
    with pytest.raises(ParameterError, match=r"confidence must be within \(0, 1\), got 1.0"):
        winners_losers(X, X, confidence=1.0)


def test_winners_losers_negative_tolerance():
    with pytest.raises(ParameterError, match="tolerance"):
        winners_losers(X, X, tolerance=-1.0)


def test_paired_difference_one_replication():
    one = [[1.0, 2.0]]
    with pytest.raises(ShapeError, match="a must have at least 2 replications"):
        paired_difference(one, one)


def test_errors_are_value_errors():
    with pytest.raises(ValueError, match="weights"):
        gini(X, weights=[1.0, 2.0])
