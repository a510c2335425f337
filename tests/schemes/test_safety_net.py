"""Tests of the urban minimum living guarantee (schemes/safety_net.py)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.special import ndtri

from collective_econ.errors import ParameterError
from collective_econ.metrics.lines import DIBAO_LINE_MONTH_2010, NATIONAL_RURAL_POVERTY_LINE
from collective_econ.schemes.safety_net import (
    SCHEME,
    DibaoParams,
    appraise,
    dibao_topup,
    expected_topup,
    fiscal_cost,
)

DEFAULT = DibaoParams()
FULL = DibaoParams(take_up=1.0)
fractions = st.floats(0.0, 1.0)
incomes = st.lists(st.floats(-1e4, 1e5), min_size=1, max_size=30)
sizes = st.integers(0, 12)


# (a) regression values -------------------------------------------------------------------


def test_case_lines():
    # domain-reference.md §7: 2,300 yuan/person/yr (2010 prices); dibao 220/month (§8, estimate)
    assert NATIONAL_RURAL_POVERTY_LINE == 2_300.0
    assert DIBAO_LINE_MONTH_2010 == 220.0
    assert DEFAULT.line_month == 220.0
    assert SCHEME.name == "safety_net"


def test_topup_by_hand():
    # a family of 3.8 (domain-reference.md §7) on 500 yuan/month: 3.8 x 220 - 500 = 336
    assert dibao_topup(FULL, 500.0, 3.8) == pytest.approx(336.0)
    assert dibao_topup(DEFAULT, 500.0, 3.8) == pytest.approx(0.9 * 336.0)
    capped = FULL.evolve(benefit_cap_share=0.25)
    assert dibao_topup(capped, 0.0, 4) == pytest.approx(0.25 * 880.0)
    assert fiscal_cost(FULL, [500.0, 5_000.0], [3.8, 3.8]) == pytest.approx(12 * 336.0)


def test_expected_topup_by_quadrature():
    # E[min((z - Y)+, c z)] for Y lognormal, by numerical integration over quantiles
    p = DEFAULT.evolve(benefit_cap_share=0.6)
    sigma = np.sqrt(np.log1p(p.income_cv**2))
    q = (np.arange(200_000) + 0.5) / 200_000
    y = p.income_mean_month * np.exp(sigma * ndtri(q) - sigma**2 / 2)
    gap = np.minimum(np.maximum(p.line_month - y, 0), 0.6 * p.line_month).mean()
    got = expected_topup(p)["topup"]
    assert got == pytest.approx(p.take_up * p.household_size * gap, rel=1e-4)
    assert expected_topup(p)["eligible"] == pytest.approx((y < p.line_month).mean(), abs=1e-5)


def test_flows_and_items():
    a = appraise(DEFAULT)
    assert {str(s) for s in a.involved()} == {"households", "government"}
    t = 12 * DEFAULT.households * expected_topup(DEFAULT)["topup"]
    assert a.items["transfers"][0] == pytest.approx(float(t))
    # fewer households are below the 2,300-yuan poverty line than below the dibao line
    assert np.all(a.items["below_poverty_line_share"] < a.items["eligible_share"])


# (b) properties --------------------------------------------------------------------------


@given(incomes, sizes, fractions, fractions, st.floats(0.0, 1000.0))
def test_topup_never_negative_and_zero_above_the_line(y, n, take, cap, line):
    p = DibaoParams(take_up=take, benefit_cap_share=cap, line_month=line)
    y = np.array(y)
    top = dibao_topup(p, y, n)
    assert np.all(top >= 0.0)
    assert np.all(top[y >= n * line] == 0.0)


@given(incomes, st.lists(sizes, min_size=1, max_size=1), st.floats(0.0, 1000.0))
def test_full_take_up_tops_up_to_the_line(y, n, line):
    p = DibaoParams(take_up=1.0, benefit_cap_share=1.0, line_month=line)
    y = np.clip(np.array(y), 0.0, None)  # the uncapped top-up fills the gap for incomes >= 0
    top = dibao_topup(p, y, n[0])
    floor = n[0] * line
    assert np.all(y + top >= floor - 1e-9 * max(floor, 1.0))
    below = y < floor
    assert np.allclose((y + top)[below], floor)


@given(incomes, sizes, fractions)
def test_cap_is_respected(y, n, cap):
    p = FULL.evolve(benefit_cap_share=cap)
    assert np.all(dibao_topup(p, y, n) <= cap * n * p.line_month * (1 + 1e-12))


@given(st.integers(0, 2**32 - 1), fractions, st.floats(-0.1, 0.1))
def test_flows_conserve_money(seed, take, growth):
    p = DEFAULT.evolve(take_up=take, income_growth=growth)
    for a in (appraise(p), appraise(p, rng=np.random.default_rng(seed))):
        assert np.array_equal(a.flows.sum(axis=0), np.zeros(a.flows.shape[-1]))


@given(st.floats(150.0, 300.0), st.floats(150.0, 300.0))
def test_a_higher_line_never_costs_less(z1, z2):
    lo, hi = sorted((z1, z2))
    cost_lo = appraise(DEFAULT.evolve(line_month=lo), horizon_years=2).items["transfers"]
    cost_hi = appraise(DEFAULT.evolve(line_month=hi), horizon_years=2).items["transfers"]
    assert np.all(cost_hi >= cost_lo - 1e-9)


def test_enrolled_households_get_the_full_topup():
    top = dibao_topup(DEFAULT, [300.0, 300.0, 2_000.0], 3, enrolled=[True, False, True])
    assert top.tolist() == [360.0, 0.0, 0.0]


# (c) reproducibility ---------------------------------------------------------------------


# (d) bad input ---------------------------------------------------------------------------


def test_take_up_above_one_rejected():
    with pytest.raises(ParameterError, match=r"take_up must be within \[0, 1\], got 1\.5"):
        DibaoParams(take_up=1.5)


def test_negative_line_rejected():
    with pytest.raises(ParameterError, match=r"line_month must be >= 0, got -220"):
        DibaoParams(line_month=-220.0)


def test_no_households_rejected():
    with pytest.raises(ParameterError, match=r"households must be >= 1, got 0"):
        DibaoParams(households=0)


def test_infinite_income_mean_rejected():
    with pytest.raises(ParameterError, match=r"income_mean_month must be finite, got inf"):
        DibaoParams(income_mean_month=float("inf"))


def test_negative_household_size_rejected():
    with pytest.raises(ParameterError, match=r"household_size must be finite and >= 0, got -1"):
        dibao_topup(DEFAULT, [100.0, 100.0], [3, -1])


def test_nan_income_rejected():
    with pytest.raises(ParameterError, match=r"household_income_month must be finite, got nan"):
        dibao_topup(DEFAULT, [100.0, float("nan")], 3)


# (e) horizon -----------------------------------------------------------------------------


def test_zero_horizon_rejected():
    with pytest.raises(ParameterError, match=r"horizon_years must be >= 1"):
        appraise(DEFAULT, horizon_years=0)
