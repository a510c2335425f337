"""Finance: regression values from cited sources, invariants, errors and NaN cases."""

from dataclasses import FrozenInstanceError

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from collective_econ.errors import ParameterError, ParameterTypeError, ShapeError
from collective_econ.finance import (
    LoanSchedule,
    annuity_payment,
    benefit_cost_ratio,
    irr,
    loan_schedule,
    mirr,
    npv,
    payback_period,
)

pytestmark = pytest.mark.floors

HOTEL = [-4_000_000.0] + [350_000.0] * 20  # the Caopijie hotel (seed-facts.md, section 4)


def scaled_npv_residual(rate, flows):
    """|NPV(rate)| over the sum of |discounted flows|: 0 at a root, whatever the scale."""
    disc = np.asarray(flows) * (1.0 + rate) ** -np.arange(len(flows))
    return abs(disc.sum()) / np.abs(disc).sum()


def scaled_npv(rate, flows):
    """NPV times (1 + rate)^(T-1): same sign as NPV, and no overflow for rates near -1."""
    return np.sum(np.asarray(flows) * (1.0 + rate) ** np.arange(len(flows))[::-1])


# --- regression values, each from an independent, cited source ---------------------------


def test_npv_numpy_financial_docstring():
    # numpy-financial 1.0.0, numpy_financial/_financial.py, npv() Examples:
    # npf.npv(0.08, [-40_000, 5_000, 8_000, 12_000, 30_000]).round(5) == 3065.22267
    assert npv(0.08, [-40_000, 5_000, 8_000, 12_000, 30_000]) == pytest.approx(
        3065.22267, abs=5e-6
    )


def test_npv_caopijie_hotel_by_hand():
    # Spreadsheet-style annuity formula: -4e6 + 350000 * (1 - 1.08**-20) / 0.08 = -563,648.4074
    by_hand = -4e6 + 350_000 * (1 - 1.08**-20) / 0.08
    assert npv(0.08, HOTEL) == pytest.approx(by_hand, rel=1e-12)
    assert by_hand == pytest.approx(-563_648.4074, abs=1e-4)


@pytest.mark.parametrize(
    ("flows", "expected"),
    [
        # numpy-financial 1.0.0, numpy_financial/_financial.py, irr() Examples (5 decimals).
        # The 3rd and 5th series have several roots; numpy-financial also keeps the one
        # closest to zero, so both rules agree here.
        ([-100, 39, 59, 55, 20], 0.28095),
        ([-100, 0, 0, 74], -0.0955),
        ([-100, 100, 0, -7], -0.0833),
        ([-100, 100, 0, 7], 0.06206),
        ([-5, 10.5, 1, -8, 1], 0.0886),
    ],
)
def test_irr_numpy_financial_docstring(flows, expected):
    assert round(irr(flows), 5) == expected


def test_irr_to_full_precision():
    # Gitman's example (cited in the numpy-financial irr docstring); root of
    # -100 + 39/(1+r) + 59/(1+r)^2 + 55/(1+r)^3 + 20/(1+r)^4, 0.28094842115996066 by
    # numpy_financial.irr 1.0.0 (np.roots); the two agree to rounding.
    assert irr([-100, 39, 59, 55, 20]) == pytest.approx(0.28094842115996066, rel=1e-13)


@pytest.mark.parametrize(
    ("flows", "finance_rate", "reinvest_rate", "expected"),
    [
        # numpy-financial 1.0.0, numpy_financial/tests/test_financial.py, test_mirr_decimal
        # (computed in Decimal arithmetic). The second is also Microsoft Excel's MIRR help
        # example (12.61%).
        ([-4500, -800, 800, 800, 600, 600, 800, 800, 700, 3000], 0.08, 0.055, 0.0665971750315535),
        ([-120000, 39000, 30000, 21000, 37000, 46000], 0.10, 0.12, 0.1260941303659051),
        ([100, 200, -50, 300, -200], 0.05, 0.06, 0.3428233878421767),
    ],
)
def test_mirr_numpy_financial_tests(flows, finance_rate, reinvest_rate, expected):
    assert mirr(flows, finance_rate, reinvest_rate) == pytest.approx(expected, rel=1e-12)


def test_annuity_numpy_financial_docstring():
    # numpy-financial 1.0.0, pmt() Examples: npf.pmt(0.075/12, 12*15, 200000) ==
    # -1854.0247200054619 (negative: money paid out); ours is the payment made, positive.
    assert annuity_payment(0.075 / 12, 12 * 15, 200_000) == pytest.approx(1854.0247200054619)


def test_payback_by_hand():
    # Simple: 4,000,000 / 350,000 = 11.428571... years. Discounted at 10% for
    # [-1000, 600, 600]: cumulative -1000, -454.545, +41.322, so 1 + 454.545/495.868.
    assert payback_period(HOTEL) == 4_000_000 / 350_000
    assert payback_period([-1000, 600, 600], 0.1) == pytest.approx(
        1 + (1000 - 600 / 1.1) / (600 / 1.21)
    )


def test_benefit_cost_ratio_by_hand():
    # 2,560 yuan a year for 20 years at 5% (annuity factor (1 - 1.05**-20) / 0.05) over 32,000.
    expected = 2_560 * (1 - 1.05**-20) / 0.05 / 32_000
    got = benefit_cost_ratio([0] + [2_560] * 20, [32_000] + [0] * 20, 0.05)
    assert got == pytest.approx(expected, rel=1e-12)


def test_loan_schedule_by_hand():
    # 100,000 at 6%: one interest-only year (6,000), then 100000 * 0.06 / (1 - 1.06**-2).
    s = loan_schedule(100_000, 0.06, 3, interest_only_periods=1)
    level = 100_000 * 0.06 / (1 - 1.06**-2)
    np.testing.assert_allclose(s.payment, [6_000, level, level], rtol=1e-12)
    np.testing.assert_allclose(s.interest, [6_000, 6_000, 0.06 * (100_000 - (level - 6_000))])
    np.testing.assert_allclose(s.balance, [100_000, 100_000 - (level - 6_000), 0], atol=1e-8)


def test_cross_check_with_numpy_financial():
    npf = pytest.importorskip("numpy_financial")
    rng = np.random.default_rng(1)
    flows = np.column_stack([-rng.uniform(50, 150, 200), rng.uniform(0, 30, (200, 15))])
    np.testing.assert_allclose(irr(flows), [npf.irr(f) for f in flows], rtol=0, atol=1e-10)
    np.testing.assert_allclose(npv(0.07, flows), [npf.npv(0.07, f) for f in flows], rtol=1e-12)
    np.testing.assert_allclose(
        mirr(flows, 0.06, 0.04), [npf.mirr(f, 0.06, 0.04) for f in flows], rtol=1e-12
    )
    assert annuity_payment(0.05, 20, 1e6) == pytest.approx(-npf.pmt(0.05, 20, 1e6), rel=1e-12)


# --- behaviour: conventions, shapes, the root and payback rules ----------------------------


def test_t0_is_not_discounted():
    assert npv(0.5, [100.0]) == 100.0
    assert npv(0.5, [0.0, 150.0]) == 100.0


def test_scalar_in_float_out_and_shapes():
    assert type(npv(0.05, HOTEL)) is float
    assert type(irr(HOTEL)) is float
    assert type(payback_period(HOTEL)) is float
    flows = np.tile(HOTEL, (4, 1))  # (M, N) = (4, 21)
    rates = np.array([[0.03], [0.05], [0.08]])  # (K, 1)
    assert npv(rates, flows).shape == (3, 4)
    np.testing.assert_allclose(npv(rates, flows)[:, 0], [npv(r, HOTEL) for r in rates.ravel()])
    assert irr(np.tile([-10, 3, 3, 3, 3], (2, 3, 1))).shape == (2, 3)
    assert payback_period(flows, rates).shape == (3, 4)
    assert mirr(flows, rates, 0.04).shape == (3, 4)
    assert annuity_payment([0.0, 0.05], 10, 1_000).shape == (2,)


def test_irr_root_rule_closest_to_zero():
    # -100 + 230/(1+r) - 132/(1+r)^2 = 0 at r = 0.1 and r = 0.2; the rule keeps 0.1.
    assert scaled_npv_residual(0.2, [-100, 230, -132]) < 1e-14
    assert irr([-100, 230, -132]) == pytest.approx(0.1, abs=1e-12)
    # -100 + 210/(1+r) - 108/(1+r)^2 = 0 at r = -0.1 and r = 0.2; -0.1 is closer to zero.
    assert irr([-100, 210, -108]) == pytest.approx(-0.1, abs=1e-12)


def test_irr_edge_roots():
    assert irr([-100, 100]) == 0.0  # money back, no more
    assert irr([0.3, -0.1, -0.2]) == 0.0  # sums to 0 only up to rounding
    assert irr([0, -100, 110]) == pytest.approx(0.1, abs=1e-12)  # leading zero
    assert irr([-1, 1_000]) == pytest.approx(999, rel=1e-13)  # far beyond 10
    assert irr([-1, 0.001]) == pytest.approx(-0.999, abs=1e-12)  # near -1
    monthly = np.r_[-1e6, np.full(239, 10_000.0)]  # 240 periods: no overflow near -1
    assert scaled_npv_residual(irr(monthly), monthly) < 1e-12


def test_payback_rule_last_crossing():
    # cumulative -100, 50, -50, 50: a refit at t = 2 pushes it back below zero, so the
    # payback is in period 3 (2.5), not period 1 (0.67).
    assert payback_period([-100, 150, -100, 100]) == 2.5
    assert payback_period([100, -50]) == 0.0  # never negative: paid back at once
    assert payback_period([0.0, 0.0]) == 0.0


def test_payback_discounted_is_longer():
    assert payback_period(HOTEL, 0.03) > payback_period(HOTEL)


def test_annuity_zero_rate():
    assert annuity_payment(0.0, 10, 1_000) == 100.0


def test_loan_schedule_is_frozen_and_read_only():
    s = loan_schedule(1_000, 0.05, 4)
    assert isinstance(s, LoanSchedule)
    with pytest.raises(FrozenInstanceError):
        s.payment = np.zeros(4)  # type: ignore[misc]
    with pytest.raises(ValueError, match="read-only"):
        s.payment[0] = 0.0


def test_many_series_match_one_by_one_across_blocks():
    rng = np.random.default_rng(2)
    flows = np.column_stack([-rng.uniform(50, 150, 2_500), rng.normal(12, 9, (2_500, 10))])
    flows[::7, -1] = -40.0  # some with a final cost, hence possibly two roots
    together = irr(flows)
    one_by_one = np.array([irr(f) for f in flows])
    np.testing.assert_allclose(together, one_by_one, rtol=1e-12, atol=1e-13)


# --- NaN cases ----------------------------------------------------------------------------


def test_irr_nan_without_sign_change():
    assert np.isnan(irr([100, 50, 20]))
    assert np.isnan(irr([-100, -50]))
    assert np.isnan(irr([0.0, 0.0, 0.0]))
    assert np.isnan(irr([5.0]))
    assert np.isnan(irr([[-10, 11], [10, 11]])).tolist() == [False, True]


def test_payback_nan_when_never():
    assert np.isnan(payback_period(HOTEL, 0.08))  # NPV at 8% is negative
    assert np.isnan(payback_period([-100, 10, 10]))


def test_mirr_nan_without_both_signs():
    # numpy-financial's test_mirr: all-positive flows give NaN
    assert np.isnan(mirr([39000, 30000, 21000, 37000, 46000], 0.10, 0.12))
    assert np.isnan(mirr([-5.0], 0.1, 0.1))


# --- errors: argument errors always raise, and name the argument ----------------------------


def test_shape_error_is_a_value_error():
    assert issubclass(ShapeError, ValueError)
    assert issubclass(ParameterTypeError, TypeError)


def test_rate_at_or_below_minus_one():
    with pytest.raises(ParameterError, match=r"^rate must be finite and > -1, got -1\.0$"):
        npv(-1.0, HOTEL)


def test_rate_array_with_a_bad_value():
    with pytest.raises(ParameterError, match=r"rate must be finite and > -1, got -2\.0"):
        npv([0.05, -2.0], HOTEL)


def test_rate_not_finite():
    with pytest.raises(ParameterError, match="rate must be finite"):
        payback_period(HOTEL, float("nan"))


def test_rate_does_not_broadcast():
    with pytest.raises(ShapeError, match=r"rate must broadcast .* \(2,\), got shape \(3,\)"):
        npv([0.01, 0.02, 0.03], np.ones((2, 5)))


def test_empty_last_axis():
    with pytest.raises(ShapeError, match=r"flows must have at least one period .* \(3, 0\)"):
        irr(np.empty((3, 0)))


def test_scalar_flows():
    with pytest.raises(ShapeError, match="flows must have at least one period"):
        npv(0.05, 100.0)


def test_non_finite_flow_is_named_with_its_index():
    with pytest.raises(ParameterError, match=r"^flows\[1, 2\] must be finite, got inf$"):
        irr([[-1.0, 2.0, 3.0], [-1.0, 2.0, np.inf]])


def test_non_numeric_flows():
    with pytest.raises(ParameterTypeError, match="flows must be a number or an array of numbers"):
        npv(0.05, ["a", "b"])


def test_mirr_rate_shape_raises_not_nan():
    with pytest.raises(ShapeError, match="finance_rate must broadcast"):
        mirr(np.ones((2, 5)) * [-1, 1, 1, 1, 1], [0.05, 0.06, 0.07], 0.05)


def test_mirr_reinvest_rate():
    with pytest.raises(ParameterError, match="reinvest_rate must be finite and > -1"):
        mirr(HOTEL, 0.05, -1.5)


def test_mirr_non_finite_flows():
    with pytest.raises(ParameterError, match=r"flows\[0\] must be finite"):
        mirr([np.nan, 1.0], 0.05, 0.05)


def test_benefit_cost_shapes_differ():
    msg = r"^benefits and costs must have the same shape, got \(3, 5\) and \(3, 4\)$"
    with pytest.raises(ShapeError, match=msg):
        benefit_cost_ratio(np.ones((3, 5)), np.ones((3, 4)), 0.05)


def test_benefit_cost_negative_cost():
    with pytest.raises(ParameterError, match=r"costs must be >= 0"):
        benefit_cost_ratio([0, 10], [5, -1], 0.05)


def test_benefit_cost_non_finite_benefit():
    with pytest.raises(ParameterError, match=r"benefits\[1\] must be finite"):
        benefit_cost_ratio([0, np.nan], [5, 0], 0.05)


def test_annuity_periods():
    with pytest.raises(ParameterError, match=r"periods must be finite and > 0, got 0\.0"):
        annuity_payment(0.05, 0, 1_000)


def test_annuity_shapes():
    with pytest.raises(ShapeError, match="rate, periods and principal must broadcast"):
        annuity_payment([0.01, 0.02], [10, 20, 30], 1_000)


def test_loan_periods_whole_number():
    with pytest.raises(ParameterTypeError, match=r"periods must be a whole number, got 2\.5"):
        loan_schedule(1_000, 0.05, 2.5)  # type: ignore[arg-type]


def test_loan_interest_only_too_long():
    with pytest.raises(ParameterError, match=r"interest_only_periods must be within \[0, "):
        loan_schedule(1_000, 0.05, 3, interest_only_periods=3)


def test_loan_negative_principal():
    with pytest.raises(ParameterError, match="principal must be finite and >= 0"):
        loan_schedule(-1_000, 0.05, 3)


# --- properties: each states an invariant ---------------------------------------------------

amounts = st.floats(1.0, 1e7, allow_nan=False, allow_infinity=False)


@st.composite
def conventional(draw, min_inflow=0.0, profitable=True):
    """One outlay, then inflows >= 0: one root. ``profitable``: total > 0, so the IRR > 0.

    Profitable by more than the IRR solver's resolution (inflows above the outlay by a
    relative 1e-9): an outlay of 1 and an inflow of 1 + 2e-16 have an IRR of 2e-16,
    which the solver rightly returns as 0.
    """
    n = draw(st.integers(1, 40))
    inflows = draw(hnp.arrays(np.float64, n, elements=st.floats(min_inflow, 1e6)))
    outlay = draw(amounts)
    assume(inflows.sum() > outlay * (1.0 + 1e-9) if profitable else inflows.sum() > 0)
    return np.r_[-outlay, inflows]


@given(conventional())
def test_npv_at_irr_is_zero(flows):
    r = irr(flows)
    assert r > 0
    assert scaled_npv_residual(r, flows) < 1e-12


@given(conventional(profitable=False))
def test_irr_is_within_1e_12_of_a_sign_change(flows):
    # also for losing projects, whose IRR can be near -1 (where 1 + r itself is imprecise)
    r = irr(flows)
    step = 1e-12 * max(1.0, abs(r))
    assume(r - step > -1)  # else 1 + r is below float resolution: r is the float after -1
    assert scaled_npv(r - step, flows) >= 0 >= scaled_npv(r + step, flows)


@given(conventional(min_inflow=1.0), st.floats(-0.9, 5.0), st.floats(1e-3, 5.0))
def test_npv_falls_as_rate_rises(flows, rate, gap):
    assert npv(rate, flows) > npv(rate + gap, flows)


@given(st.integers(1, 10**9), st.integers(1, 10**8), st.integers(1, 80))
def test_payback_of_level_inflows_is_outlay_over_inflow(outlay, inflow, n):
    assume(outlay / inflow <= n)
    assert payback_period([-outlay] + [inflow] * n) == outlay / inflow


@given(
    hnp.arrays(
        np.int64,
        st.tuples(st.integers(1, 12), st.integers(1, 12)),
        elements=st.integers(-1000, 1000),
    )
)
def test_vectorised_irr_equals_per_series(flows):
    together = irr(flows)
    one_by_one = np.array([irr(f) for f in flows])
    np.testing.assert_allclose(together, one_by_one, rtol=1e-12, atol=1e-13)


@given(
    st.floats(0.0, 1e8),
    st.floats(-0.5, 0.5),
    st.integers(1, 360),
    st.integers(0, 359),
)
def test_loan_schedule_adds_up(principal, rate, periods, interest_only):
    s = loan_schedule(
        principal, rate, periods, interest_only_periods=min(interest_only, periods - 1)
    )
    scale = max(principal, 1.0)
    np.testing.assert_allclose(s.interest + s.principal, s.payment, rtol=0, atol=1e-9 * scale)
    assert s.balance[-1] == 0.0
    assert s.principal.sum() == pytest.approx(principal, rel=1e-9, abs=1e-9)
    np.testing.assert_allclose(
        s.balance, principal - np.cumsum(s.principal), rtol=0, atol=1e-8 * scale
    )
