"""Tests of land-for-shares compensation (schemes/land_shares.py)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from collective_econ.errors import ParameterError
from collective_econ.finance import npv
from collective_econ.schemes.land_shares import (
    SCHEME,
    TOTAL_CAP_MULTIPLE,
    LandSharesParams,
    appraise,
    cash_alternative,
    compensation,
    dividend,
    house_swap,
    mean_paid_rate,
    spend_down,
    split_compensation,
)

DEFAULT = LandSharesParams()
fractions = st.floats(0.0, 1.0)
money = st.floats(0.0, 1e13, allow_subnormal=True)


def outside_market(a):
    """What all stakeholders together pay to / get from the outside market, by year."""
    return -a.items["construction"] + a.items["rent"] + a.items["forgone_farm_income"]


# (a) regression values -------------------------------------------------------------------


def test_case_compensation_1998_law():
    # LAL 1998 Art. 47 (domain-reference.md §1a): 8 x 2,000 land fee + 5 x 2,000 per person;
    # 1,826 agricultural residents (seed-facts.md) on 0.8 mu each (estimate): 1,460.8 mu.
    a = appraise(DEFAULT)
    assert a.items["land_fee"][0] == pytest.approx(8 * 2000 * 1460.8)
    assert a.items["resettlement"][0] == pytest.approx(5 * 2000 * 1826)
    assert a.items["compensation"][0] == pytest.approx(41_632_800.0)
    assert a.items["compensation"][0] / 1826 == pytest.approx(22_800.0)
    # per household of 3.8 persons (domain-reference.md §7): 86,640 yuan
    assert a.items["compensation"][0] / DEFAULT.households == pytest.approx(86_640.0)
    # 80% as shares (seed-facts.md §1)
    assert a.items["share_capital"][0] == pytest.approx(0.8 * 41_632_800.0)


def test_case_compensation_2019_law():
    # 40,000 yuan/mu regional land price (estimate, §8) + 10,000 yuan/person (estimate)
    c = compensation(DEFAULT.evolve(law="2019"), 1460.8, 1826)
    assert float(c["total"]) == pytest.approx(40_000 * 1460.8 + 10_000 * 1826)
    assert float(c["resettlement"]) == 0.0


def test_expected_dividend_first_year():
    # year 1: shares x E[max(r, 8%)] x survival 0.95
    a = appraise(DEFAULT)
    expected = 0.8 * 41_632_800.0 * mean_paid_rate(DEFAULT) * 0.95
    assert a.items["dividends"][1] == pytest.approx(expected)
    assert a.items["dividends"][0] == 0.0


def test_stakeholders_involved():
    assert {str(s) for s in appraise(DEFAULT).involved()} == {
        "households", "developer", "government", "bank",
    }  # fmt: skip
    assert SCHEME.name == "land_shares"


# (b) properties --------------------------------------------------------------------------


@given(money, fractions)
def test_shares_plus_cash_equal_compensation_exactly(comp, f):
    shares, cash = split_compensation(DEFAULT.evolve(share_fraction=f), comp)
    assert shares + cash == comp
    assert shares >= 0.0
    assert cash >= 0.0


@given(st.lists(money, min_size=1, max_size=20), fractions)
def test_split_is_exact_for_households(comps, f):
    comp = np.array(comps)
    shares, cash = split_compensation(DEFAULT.evolve(share_fraction=f), comp)
    assert np.array_equal(shares + cash, comp)


def test_no_shares_means_no_dividends_and_all_cash():
    p = DEFAULT.evolve(share_fraction=0.0)
    a = appraise(p, rng=np.random.default_rng(1))
    assert a.items["cash_part"][0] == a.items["compensation"][0]
    for key in ("dividends", "recovery", "redemption"):
        assert np.all(a.items[key] == 0.0)
    assert np.allclose(a.of("households"), a.items["households_cash_alternative"])


def test_cap_on_resettlement_binds_with_large_multiples():
    # 1,000 persons on 100 mu: 6 x AAOV x 10 persons/mu = 60 x AAOV, capped at 15 x AAOV/mu
    p = DEFAULT.evolve(land_comp_multiple=10.0, resettle_multiple=6.0)
    c = compensation(p, 100.0, 1000.0)
    assert float(c["resettlement"]) == pytest.approx(15 * 2000 * 100)
    # a province raising the resettlement cap meets the absolute cap of 30 x AAOV
    c = compensation(p.evolve(resettle_cap_multiple=30.0), 100.0, 1000.0)
    assert float(c["land_fee"] + c["resettlement"]) == pytest.approx(30 * 2000 * 100)


@given(
    st.floats(6, 10), st.floats(4, 6), st.floats(0, 30),
    st.floats(0.01, 1e4), st.floats(0.0, 1e5),
)  # fmt: skip
def test_1998_total_never_exceeds_thirty_times_aaov(land, res, cap, area, persons):
    p = DEFAULT.evolve(land_comp_multiple=land, resettle_multiple=res, resettle_cap_multiple=cap)
    c = compensation(p, area, persons)
    limit = TOTAL_CAP_MULTIPLE * p.aaov_per_mu * area
    assert float(c["land_fee"] + c["resettlement"]) <= limit * (1 + 1e-12)
    assert float(c["resettlement"]) <= cap * p.aaov_per_mu * area * (1 + 1e-12)


@given(st.floats(0.0, 0.5), st.floats(0.0, 0.2), st.floats(0.0, 1e7))
def test_guaranteed_minimum_floors_the_paid_rate(draw, g, shares):
    p = DEFAULT.evolve(guaranteed_rate=g)
    paid = dividend(p, shares, draw, 1.0)
    assert paid >= shares * g * (1 - 1e-12)
    assert paid == pytest.approx(shares * max(draw, g))


def test_paid_rate_floored_in_random_paths():
    a = appraise(DEFAULT.evolve(dividend_rate=0.05), rng=np.random.default_rng(3))
    assert np.all(a.items["paid_rate"][1:] >= DEFAULT.guaranteed_rate)


def test_without_default_the_shares_are_redeemed_at_par():
    p = DEFAULT.evolve(default_prob=0.0)
    a = appraise(p, rng=np.random.default_rng(7))
    assert a.items["redemption"][-1] == a.items["share_capital"][0]
    assert np.all(a.items["recovery"] == 0.0)


@given(st.floats(0.0, 0.3), st.floats(0.0, 1.0), st.integers(0, 2**32 - 1))
def test_flows_conserve_money(prob, f, seed):
    p = DEFAULT.evolve(default_prob=prob, share_fraction=f)
    for a in (appraise(p), appraise(p, rng=np.random.default_rng(seed)), cash_alternative(p)):
        assert np.allclose(a.flows.sum(axis=0), outside_market(a), rtol=1e-9, atol=1e-3)


@given(st.floats(0.0, 0.15), st.floats(0.0, 0.15))
def test_a_higher_guarantee_never_lowers_households_npv(g1, g2):
    lo, hi = sorted((g1, g2))
    npv_lo = appraise(DEFAULT.evolve(guaranteed_rate=lo)).npv()[0]
    npv_hi = appraise(DEFAULT.evolve(guaranteed_rate=hi)).npv()[0]
    assert npv_hi >= npv_lo - 1e-6 * abs(npv_lo)


@given(st.floats(0.0, 0.2), st.floats(0.0, 1.0))
def test_bank_pays_exactly_the_deposit_rate(rate, spend):
    a = cash_alternative(DEFAULT.evolve(deposit_rate=rate, spend_rate=spend), horizon_years=12)
    assert npv(rate, a.of("bank")) == pytest.approx(0.0, abs=1e-6 * a.items["deposits"][0])


@given(st.floats(0.0, 1e6), st.floats(0.0, 0.2), st.floats(0.0, 1.0))
def test_twelve_months_of_spending_equal_one_year(balance, rate, spend):
    p = DEFAULT.evolve(deposit_rate=rate, spend_rate=spend)
    out_year, left_year = spend_down(p, balance)
    left, out = balance, 0.0
    for _ in range(12):
        w, left = spend_down(p, left, months=1.0)
        out = out * (1 + rate) ** (1 / 12) + w  # withdrawals held at the same rate
    assert float(left) == pytest.approx(float(left_year), rel=1e-9, abs=1e-6)
    assert out + left == pytest.approx(float(out_year + left_year), rel=1e-9, abs=1e-6)


@given(st.integers(1, 12))
def test_swap_costs_are_paid_in_full(persons):
    s = house_swap(DEFAULT, persons)
    assert s["developer"] + s["subsidy"] + s["household"] == pytest.approx(s["construction"])
    assert s["subsidy"] <= DEFAULT.subsidy_cap_per_person * persons


# (c) reproducibility ---------------------------------------------------------------------


# (d) bad input ---------------------------------------------------------------------------


def test_share_fraction_above_one_is_rejected():
    with pytest.raises(ParameterError, match=r"share_fraction must be within \[0, 1\], got 1.3"):
        LandSharesParams(share_fraction=1.3)


def test_unknown_law_is_rejected():
    with pytest.raises(ParameterError, match=r"law must be one of '1998', '2019', got '2004'"):
        LandSharesParams(law="2004")


def test_multiple_outside_the_law_is_rejected():
    with pytest.raises(ParameterError, match=r"land_comp_multiple must be within \[6, 10\]"):
        LandSharesParams(land_comp_multiple=12.0)


def test_negative_area_is_rejected():
    with pytest.raises(ParameterError, match=r"area_mu must be > 0, got -5.0"):
        LandSharesParams(area_mu=-5.0)


def test_nan_rate_is_rejected():
    with pytest.raises(ParameterError, match=r"dividend_rate must be finite, got nan"):
        LandSharesParams(dividend_rate=float("nan"))


def test_zero_persons_is_rejected():
    with pytest.raises(ParameterError, match=r"persons must be >= 1, got 0"):
        LandSharesParams(persons=0)


def test_negative_household_area_is_rejected():
    with pytest.raises(ParameterError, match=r"area_mu must be finite and >= 0, got -1.0"):
        compensation(DEFAULT, np.array([2.0, -1.0]), np.array([3.0, 4.0]))


# (e) horizon -----------------------------------------------------------------------------


def test_zero_horizon_is_rejected():
    with pytest.raises(ParameterError, match="horizon_years must be >= 1"):
        appraise(DEFAULT, horizon_years=0)


def test_zero_horizon_is_rejected_for_cash():
    with pytest.raises(ParameterError, match="horizon_years must be >= 1"):
        cash_alternative(DEFAULT, horizon_years=0)
