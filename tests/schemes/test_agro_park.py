"""The agricultural demonstration park: calibration to the case, ramp, price risk, validation."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from collective_econ.errors import ParameterError
from collective_econ.prices import PriceIndex, using
from collective_econ.schemes.agro_park import (
    SCHEME,
    SEED_ANNUAL_INCOME,
    AgroParkParams,
    appraise,
    park_income,
    revenue_share,
)
from collective_econ.schemes.base import Stakeholder

DEFAULT = AgroParkParams()

FLAT_PRICES = PriceIndex(inflation=0.0, wage_growth=0.0, use_history=False)
"""No inflation and no real wage growth: the case's 2010 economics."""


# --- regression: the case's figures --------------------------------------------------------


def test_mature_collective_income_is_the_seeds_400000():
    with using(FLAT_PRICES):  # 2010 economics: no inflation, no real wage growth
        # seed-facts.md §4: 500 mu of barren hill, 年创收40万元 (800 yuan/mu), read as net income
        a = appraise(DEFAULT)
        assert SEED_ANNUAL_INCOME == 400_000
        assert a.items["collective_income"][8] == pytest.approx(SEED_ANNUAL_INCOME, rel=0.02)
        assert a.of("collective")[15] == pytest.approx(SEED_ANNUAL_INCOME, rel=0.02)
        assert DEFAULT.mature_income_per_mu == pytest.approx(800, rel=0.02)


def test_hand_computed_mature_year():
    # walnut 50 kg x 20 yuan + livestock 200 = 1,200 yuan/mu (domain-reference.md §4: 800-1,200);
    # inputs 10%, 8 days x 35 yuan of wages: 1,200 - 120 - 280 = 800 yuan/mu
    out = park_income(DEFAULT, 12)
    assert out["tree_revenue"] == pytest.approx(500 * 1_000)
    assert out["livestock_revenue"] == pytest.approx(500 * 200)
    assert out["operating_costs"] == pytest.approx(500 * 120)
    assert out["wages"] == pytest.approx(500 * 280)
    assert out["labour_days"] == pytest.approx(4_000)


def test_ramp_follows_the_default_path():
    # domain-reference.md §4: ~100 yuan/mu in years 1-3, 300-500 in years 4-7, full from 8
    revenue = appraise(DEFAULT).items["revenue"] / 500
    assert revenue[0] == 0
    assert np.all(np.abs(revenue[1:4] - 100) <= 10)
    assert np.all((revenue[4:8] >= 300) & (revenue[4:8] <= 500))
    assert np.all(revenue[8:] == pytest.approx(1_200))


def test_establishment_cost_at_t0():
    # 2,000 yuan/mu on 500 mu (domain-reference.md §4, estimate); 30% of it paid to residents
    a = appraise(DEFAULT)
    assert a.items["operating"][0] == pytest.approx(-1_000_000)  # before financing
    assert a.items["wages"][0] == pytest.approx(300_000)
    # less the casual income forgone: 740 x 0.6 a month at the landless share in work, / 26 days
    forgone = 300_000 / 35 * 740 * 0.6 * (0.82 + 0.68 + 0.48) / 3 / 26
    assert a.of("households")[0] == pytest.approx(300_000 - forgone)
    # the collective borrows for it (within loan_limit: 1 million by default) and pays
    # the rest from its own money
    borrowed = a.items["loan_borrowed"][0]
    assert borrowed == pytest.approx(min(1_000_000, DEFAULT.loan_limit))
    assert a.of("collective")[0] == pytest.approx(-1_000_000 + borrowed)
    assert a.of("bank")[0] == pytest.approx(-borrowed)
    assert set(a.involved()) == {Stakeholder.HOUSEHOLDS, Stakeholder.COLLECTIVE, Stakeholder.BANK}


def test_slower_maturity_reaches_full_revenue_later():
    share = revenue_share(DEFAULT.evolve(ramp_stretch=1.25), np.arange(0, 12))
    assert share[9] < 1.0
    assert share[10] == 1.0


def test_monthly_income_is_a_twelfth_of_the_year():
    ages = np.array([1.0, 5.0, 9.0])
    year = park_income(DEFAULT, ages)
    month = park_income(DEFAULT, ages + 0.5, months=1.0)  # fractional ages are floored
    for key in year:
        np.testing.assert_allclose(12 * month[key], year[key])


def test_price_multiplier_broadcasts_over_replications():
    out = park_income(DEFAULT, np.array([2, 6, 10]), np.array([[0.8], [1.2]]))
    assert out["collective_income"].shape == (2, 3)


def test_scheme_registration():
    names = {f.name for f in AgroParkParams.describe()}
    assert SCHEME.name == "agro_park"
    assert all(u.param in names for u in SCHEME.uncertainties)


def test_debt_still_owed_at_the_horizon_is_the_banks_claim():
    # 5 years: the establishment loan is not repaid yet; what it still owes counts in the
    # last year against the collective and for the bank (as the simulation's claims do)
    with using(FLAT_PRICES):
        a = appraise(DEFAULT, horizon_years=5)
    claim, owed = a.items["loan_claim"], a.items["loan_owed"]
    assert claim[-1] == pytest.approx(owed[-1])
    assert claim[-1] > 0.5e6
    assert not claim[:-1].any()
    np.testing.assert_allclose(a.of("collective") + a.of("bank"), a.items["operating"])
    service = a.items["loan_interest"] + a.items["loan_repaid"] - a.items["loan_borrowed"]
    np.testing.assert_allclose(a.of("bank"), service + claim)


# --- properties ------------------------------------------------------------------------------

seeds = st.integers(0, 2**32 - 1)


@given(seed=seeds, trend=st.floats(-0.1, 0.1), horizon=st.integers(1, 30))
def test_money_is_conserved_against_the_outside_market(seed, trend, horizon):
    # every yuan the stakeholders gain comes from buyers, less inputs bought outside,
    # less the casual income outside employers no longer pay the workers
    p = DEFAULT.evolve(walnut_price_trend=trend)
    a = appraise(p, horizon_years=horizon, rng=np.random.default_rng(seed))
    net = a.flows.sum(axis=-2)
    outside = a.items["revenue"] - a.items["purchases"] - a.items["forgone_casual"]
    np.testing.assert_allclose(net, outside, atol=1e-6)


@given(price=st.floats(0.0, 60.0), extra=st.floats(0.0, 30.0))
def test_higher_walnut_price_never_lowers_the_collective(price, extra):
    lo = appraise(DEFAULT.evolve(walnut_price=price)).of("collective")
    hi = appraise(DEFAULT.evolve(walnut_price=price + extra)).of("collective")
    assert np.all(hi >= lo - 1e-6)


@given(stretch=st.floats(0.5, 2.5), extra=st.floats(0.0, 0.5))
def test_slower_maturity_never_raises_the_collective(stretch, extra):
    with using(FLAT_PRICES):  # 2010 economics: no inflation, no real wage growth
        fast = appraise(DEFAULT.evolve(ramp_stretch=stretch)).of("collective")
        slow = appraise(DEFAULT.evolve(ramp_stretch=stretch + extra)).of("collective")
        assert np.all(slow <= fast + 1e-6)


@given(days=st.floats(0.0, 30.0), wage=st.floats(0.0, 100.0))
def test_wages_move_between_collective_and_households_only(days, wage):
    base = appraise(DEFAULT.evolve(labour_days_per_mu=0.0))
    hired = appraise(DEFAULT.evolve(labour_days_per_mu=days, daily_wage=wage))
    # the wages moved (households' gain before the casual income they forgo for the work)
    moved = (hired.of("households") + hired.items["forgone_casual"]) - (
        base.of("households") + base.items["forgone_casual"]
    )
    # the collective may borrow for the wages, so they are paid by the collective and the
    # bank together (the loans move money only between those two)
    paid = (base.of("collective") + base.of("bank")) - (hired.of("collective") + hired.of("bank"))
    np.testing.assert_allclose(paid, moved, atol=1e-6)
    np.testing.assert_allclose(
        base.items["operating"] - hired.items["operating"], moved, atol=1e-6
    )
    assert np.all(moved >= 0)


# --- reproducibility -------------------------------------------------------------------------


# --- bad input -------------------------------------------------------------------------------


def test_negative_area_is_rejected():
    with pytest.raises(ParameterError, match=r"AgroParkParams\.area_mu must be > 0, got -500\.0"):
        AgroParkParams(area_mu=-500.0)


def test_inf_price_is_rejected():
    with pytest.raises(ParameterError, match=r"walnut_price must be finite, got inf"):
        AgroParkParams(walnut_price=float("inf"))


def test_negative_livestock_is_rejected():
    with pytest.raises(ParameterError, match=r"livestock_net_per_mu must be >= 0"):
        AgroParkParams(livestock_net_per_mu=-1.0)


def test_cost_share_above_one_is_rejected():
    with pytest.raises(ParameterError, match=r"operating_cost_share must be within \[0, 1\]"):
        AgroParkParams(operating_cost_share=1.5)


def test_stretch_below_minimum_is_rejected():
    with pytest.raises(ParameterError, match=r"ramp_stretch must be within \[0\.5, 3\]"):
        AgroParkParams(ramp_stretch=0.1)


def test_decreasing_ramp_is_rejected():
    with pytest.raises(ParameterError, match=r"AgroParkParams\.ramp must be nondecreasing"):
        AgroParkParams(ramp=(0.5, 0.2, 1.0))


def test_ramp_element_outside_unit_interval_is_rejected():
    with pytest.raises(ParameterError, match=r"ramp\[0\] must be within \[0, 1\], got -0\.1"):
        AgroParkParams(ramp=(-0.1, 1.0))


def test_ramp_not_ending_in_one_is_rejected():
    with pytest.raises(ParameterError, match=r"ramp must be ending in 1"):
        AgroParkParams(ramp=(0.1, 0.5, 0.8))


def test_empty_ramp_is_rejected():
    with pytest.raises(ParameterError, match=r"ramp must be non-empty"):
        AgroParkParams(ramp=())


def test_zero_horizon_is_rejected():
    with pytest.raises(ParameterError, match=r"horizon_years must be >= 1, got 0"):
        appraise(DEFAULT, horizon_years=0)
