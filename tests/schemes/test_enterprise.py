"""Tests of micro-loans and tax relief for self-employment (schemes/enterprise.py)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from collective_econ import finance
from collective_econ.errors import ParameterError
from collective_econ.schemes.enterprise import (
    SCHEME,
    EnterpriseParams,
    Sector,
    appraise,
    draw_profit,
    loan_amount,
    monthly_hazard,
    repayment,
    survival,
)

DEFAULT = EnterpriseParams()
SHARES = DEFAULT.column("share")
fractions = st.floats(0.0, 1.0)


def mix_survival(p, years):
    return SHARES @ survival(p, np.arange(len(p.sectors))[:, None], years)


def outside_market(a):
    """What all stakeholders together pay to / get from the outside market, by year."""
    # the displaced county firms' tax: the government pays it back to the market
    return (
        a.items["profit"]
        - a.items["startup_cost"]
        - a.items["forgone_earnings"]
        - a.items["displaced_tax"]
    )


# (a) regression values -------------------------------------------------------------------


def test_case_sectors():
    # seed-facts.md §5: planting, breeding, catering, services, transport
    assert [s.name for s in DEFAULT.sectors] == [
        "planting", "breeding", "catering", "services", "transport",
    ]  # fmt: skip
    assert SHARES.sum() == pytest.approx(1.0)
    assert SCHEME.name == "enterprise"


def test_default_mix_survival_matches_saic_figures():
    # domain-reference.md §7: 1-yr 85%, 3-yr 60-65%, 5-yr 45-50% (49.4% of firms exit in 5 yr)
    s1, s3, s5 = mix_survival(DEFAULT, [1.0, 3.0, 5.0])
    assert s1 == pytest.approx(0.85, abs=0.005)
    assert 0.60 <= s3 <= 0.65
    assert 0.45 <= s5 <= 0.50
    assert appraise(DEFAULT).items["survival_by_age"][5] == pytest.approx(s5)


def test_hazard_peaks_in_year_three():
    # domain-reference.md §7: highest hazard in year 3 (SAIC 2013)
    s = mix_survival(DEFAULT, np.arange(11.0))
    yearly = 1.0 - s[1:] / s[:-1]
    assert int(np.argmax(yearly)) == 2


def test_loans_are_capped():
    # domain-reference.md §7: 50,000 yuan, at most 70% of the funds needed
    assert loan_amount(DEFAULT, np.arange(5)).tolist() == [21_000, 28_000, 35_000, 21_000, 42_000]
    big = DEFAULT.sectors[4].evolve(startup_cost=200_000.0)
    p = DEFAULT.evolve(sectors=(*DEFAULT.sectors[:4], big))
    assert loan_amount(p, 4) == 50_000.0


def test_interest_is_waived_for_three_years():
    # domain-reference.md §7 (贷免扶补): interest waived for 3 years; a 3-year loan here
    p = DEFAULT.evolve(loan_years=3, interest_subsidy_years=2)
    r = repayment(p, 4, [0, 1, 2, 3])
    # level monthly payments (world.loans), interest-free to the owner while subsidised:
    # 42,000 / 36 a month, the bank's interest 0.45% a month on the balance
    balance = 42_000 * (1 - np.arange(12) / 36)
    assert r["interest"][0] == pytest.approx(balance.sum() * 0.054 / 12)
    assert r["subsidy"][:2] == pytest.approx(r["interest"][:2])
    assert r["subsidy"][2] == 0.0
    assert r["interest"][2] > 0.0
    assert r["interest"][3] == 0.0
    assert r["principal"][3] == 0.0
    assert r["principal"][:3].sum() == pytest.approx(42_000)


def test_fiscal_cost_is_the_sum_of_its_parts():
    for a in (appraise(DEFAULT), appraise(DEFAULT, rng=np.random.default_rng(5))):
        parts = a.items["interest_subsidy"] + a.items["tax_relief"] + a.items["guarantee_losses"]
        np.testing.assert_allclose(a.items["fiscal_cost"], parts + a.items["displaced_tax"])
        assert a.items["fiscal_cost"].sum() > 0


def test_bank_earns_the_loan_rate_without_defaults():
    # the loan as world.loans runs it: level monthly payments, the first at the end of the
    # month it is made, summed by year; the bank earns loan_rate / 12 a month (the owner's
    # share and the subsidy), so the monthly flows' IRR is the loan rate
    p = DEFAULT.evolve(default_given_closure=0.0, interest_subsidy_share=0.0)
    a = appraise(p, horizon_years=10)
    r = repayment(p, 4, [0, 1])
    monthly = finance.loan_schedule(42_000.0, p.loan_rate / 12, 12 * p.loan_years)
    np.testing.assert_allclose(r["principal"], monthly.principal.reshape(2, 12).sum(axis=1))
    np.testing.assert_allclose(r["interest"], monthly.interest.reshape(2, 12).sum(axis=1))
    assert a.of("bank").sum() > 0
    assert {str(s) for s in a.involved()} == {"households", "bank", "government"}


# (b) properties --------------------------------------------------------------------------


@given(st.integers(0, 2**32 - 1), fractions, fractions, st.floats(0.0, 3.0))
def test_flows_conserve_money(seed, default, guarantee, hazard):
    p = DEFAULT.evolve(
        default_given_closure=default, guarantee_share=guarantee, hazard_scale=hazard
    )
    for a in (appraise(p), appraise(p, rng=np.random.default_rng(seed))):
        assert np.allclose(a.flows.sum(axis=0), outside_market(a), rtol=1e-9, atol=1e-3)


@given(fractions, fractions)
def test_displaced_trade_costs_the_government_the_other_firms_tax(a1, a2):
    # additionality acts: the government's row loses (1 - a) of the full tax on the
    # businesses' profit, relief or not (the displaced firms had no relief); nobody else moves
    lo, hi = sorted((a1, a2))
    a_lo, a_hi = (appraise(DEFAULT.evolve(additionality=a)) for a in (lo, hi))
    tax = DEFAULT.tax_rate * a_lo.items["profit"]
    np.testing.assert_allclose(a_lo.items["displaced_tax"], (1.0 - lo) * tax)
    np.testing.assert_allclose(a_lo.items["displaced_profit"], (1.0 - lo) * a_lo.items["profit"])
    gap = a_hi.of("government") - a_lo.of("government")
    np.testing.assert_allclose(gap, (hi - lo) * tax, atol=1e-6)
    assert np.allclose(a_hi.of("households"), a_lo.of("households"))


@given(st.integers(0, 4), st.floats(0.0, 3.0), st.integers(0, 200))
def test_monthly_hazards_compound_to_survival(sector, scale, months):
    p = DEFAULT.evolve(hazard_scale=scale)
    h = monthly_hazard(p, sector, np.arange(months))
    assert np.all((h >= 0) & (h < 1))
    assert np.prod(1.0 - h) == pytest.approx(float(survival(p, sector, months / 12)), rel=1e-9)


@given(st.integers(0, 4), st.floats(0.0, 3.0), st.floats(0.0, 3.0), st.floats(0.0, 30.0))
def test_survival_falls_with_age_and_with_risk(sector, s1, s2, age):
    lo, hi = sorted((s1, s2))
    assert survival(DEFAULT.evolve(hazard_scale=hi), sector, age) <= survival(
        DEFAULT.evolve(hazard_scale=lo), sector, age
    )
    assert survival(DEFAULT, sector, age + 0.5) <= survival(DEFAULT, sector, age)


@given(fractions, fractions)
def test_a_larger_guarantee_moves_losses_from_bank_to_government(g1, g2):
    lo, hi = sorted((g1, g2))
    a_lo = appraise(DEFAULT.evolve(guarantee_share=lo))
    a_hi = appraise(DEFAULT.evolve(guarantee_share=hi))
    assert a_hi.of("bank").sum() >= a_lo.of("bank").sum() - 1e-6
    assert a_hi.of("government").sum() <= a_lo.of("government").sum() + 1e-6
    assert np.allclose(a_hi.of("households"), a_lo.of("households"))


def test_profit_draws_have_the_sector_means():
    rng = np.random.default_rng(11)
    sector = np.repeat(np.arange(5), 40_000)
    means = draw_profit(DEFAULT, sector, rng).reshape(5, -1).mean(-1)
    assert means == pytest.approx(DEFAULT.column("profit_mean_month"), rel=0.02)


# (c) reproducibility ---------------------------------------------------------------------


# (d) bad input ---------------------------------------------------------------------------


def test_shares_not_summing_to_one_rejected():
    with pytest.raises(ParameterError, match=r"sectors must be shares summing to 1, got 0\.9"):
        EnterpriseParams(sectors=(*DEFAULT.sectors[:4], DEFAULT.sectors[4].evolve(share=0.1)))


def test_negative_startup_cost_rejected():
    with pytest.raises(ParameterError, match=r"Sector\.startup_cost must be > 0, got -1"):
        Sector(startup_cost=-1.0)


def test_certain_closure_rejected():
    with pytest.raises(ParameterError, match=r"yearly_hazard\[2\] must be within \[0, 1\)"):
        EnterpriseParams(yearly_hazard=(0.1, 0.1, 1.0))


def test_empty_sectors_rejected():
    with pytest.raises(ParameterError, match=r"sectors must be at least one Sector"):
        EnterpriseParams(sectors=())


def test_zero_loan_term_rejected():
    with pytest.raises(ParameterError, match=r"loan_years must be >= 1, got 0"):
        EnterpriseParams(loan_years=0)


def test_nan_rate_rejected():
    with pytest.raises(ParameterError, match=r"loan_rate must be finite, got nan"):
        EnterpriseParams(loan_rate=float("nan"))


def test_fractional_business_count_rejected():
    with pytest.raises(ParameterError, match=r"businesses_per_year must be a whole number"):
        EnterpriseParams(businesses_per_year=2.5)


# (e) horizon -----------------------------------------------------------------------------


def test_zero_horizon_rejected():
    with pytest.raises(ParameterError, match=r"horizon_years must be >= 1"):
        appraise(DEFAULT, horizon_years=0)
