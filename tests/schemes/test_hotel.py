"""The Jiewei hotel's financing (schemes/hotel.py): sources and uses, the loan, the reserve.

The hotel is financed as a county project: equity by contribution (residents,
the Jiewei group's collective, outside investors), a bank loan within a
loan-to-value limit serviced through ``world.loans``, and dividends only from
cash left after debt service and a reserve, split by equity.
"""

import functools

import numpy as np
import pytest

from collective_econ.cases.caopijie import default_scenario
from collective_econ.economy.community import CommunityParams
from collective_econ.economy.ledger import Source
from collective_econ.economy.schedule import Schedule
from collective_econ.errors import ParameterError
from collective_econ.policy import Policy
from collective_econ.prices import PriceIndex, using
from collective_econ.scenario import Scenario
from collective_econ.schemes.hotel import (
    HotelParams,
    appraise,
    depreciation,
    dividend,
    equity_shares,
    interest_expense,
    loan_service,
    open_months,
    reserve_target,
)
from collective_econ.simulation import simulate

SMALL = CommunityParams(residents=3000, agricultural_residents=1200)
FLAT = (1.0,) * 12
STEADY = HotelParams(occupancy_sd=0.0, seasonality=FLAT)
PROFIT_TOLERANCE = 1e-6
"""Relative tolerance on the net profit of full years open, appraisal vs simulation."""

FLAT_PRICES = PriceIndex(inflation=0.0, wage_growth=0.0, use_history=False)
"""No inflation and no real wage growth: the case's 2010 economics."""


def _run(hotel=STEADY, years=10, seed=1):
    pol = Policy("hotel", {"hotel": Schedule(hotel, ())})
    sc = Scenario("hotel test", (pol,), community=SMALL)
    return simulate(sc, pol, seed=seed, horizon_years=years)


@functools.cache
def _full_package():
    sc = default_scenario()
    return simulate(sc, sc.policy("full package"), seed=1, horizon_years=20)


def _net_profit(run, p):
    """The hotel's net profit by year from the simulation's flows (interest after opening)."""
    h = run.institution("hotel_company")
    operating = h[:, Source.SALES] + h[:, Source.OPERATIONS] + h[:, Source.TAX]
    years = h.shape[0] - 1
    return operating - interest_expense(p, years) - depreciation(p, open_months(p, years))


def test_sources_and_uses_balance():
    for p in (
        HotelParams(),
        HotelParams(total_investment=4_400_000.0, outside_equity=1_160_000.0),
    ):
        su = p.sources_and_uses
        sources = su["resident_equity"] + su["collective_equity"] + su["outside_equity"]
        sources += su["loan"]
        uses = su["building_cost"] + su["construction_interest"] + su["reserve"]
        assert sources == pytest.approx(p.total_investment, rel=1e-12)
        assert uses == pytest.approx(p.total_investment, rel=1e-12)
        assert su["building_cost"] > 0


def test_default_financing_is_the_documented_plan():
    p = HotelParams()
    assert p.resident_equity == 400_000.0  # seed-facts.md §4
    assert p.equity == pytest.approx(1_600_000.0)
    assert p.loan == pytest.approx(2_400_000.0)
    np.testing.assert_allclose(equity_shares(p), [0.25, 0.125, 0.625])


def test_loan_respects_the_ltv_limit():
    p = HotelParams()
    assert p.loan <= p.max_ltv * p.total_investment * (1 + 1e-12)
    # the old plan (residents' 0.4 M the only equity, a 90% loan) is refused
    with pytest.raises(ParameterError, match="max_ltv"):
        HotelParams(collective_equity=0.0, outside_equity=0.0)
    # a laxer bank may lend it
    assert HotelParams(collective_equity=0.0, outside_equity=400_000.0, max_ltv=0.8).loan == (
        pytest.approx(3_200_000.0)
    )
    with pytest.raises(ParameterError, match="max_ltv"):
        HotelParams(max_ltv=0.9)  # above the 80% regulatory cap


def test_loan_is_repaid_in_full_with_interest():
    with using(FLAT_PRICES):  # 2010 economics: no inflation, no real wage growth
        p = HotelParams()
        interest, principal = loan_service(p, 30)
        assert principal.sum() == pytest.approx(p.loan, rel=1e-9)
        # grace: interest only while building (18 months), at 5.94%/12 a month
        assert interest[0] == pytest.approx(p.loan * p.loan_rate, rel=1e-12)
        assert principal[0] == 0.0
        assert np.flatnonzero(principal)[-1] == (p.loan_months - 1) // 12


def test_dividend_rule():
    p = HotelParams()
    assert dividend(p, 300_000.0, 1e6) == 300_000.0
    assert dividend(p, 300_000.0, 120_000.0) == 120_000.0  # capped by free cash
    assert dividend(p, 300_000.0, -1.0) == 0.0  # reserve short
    assert dividend(p, -50_000.0, 1e6) == 0.0  # a loss
    assert dividend(p.evolve(payout_ratio=0.5), 300_000.0, 1e6) == 150_000.0


def test_dividends_zero_while_the_reserve_is_short():
    with using(FLAT_PRICES):  # 2010 economics: no inflation, no real wage growth
        # a poor hotel (22% occupancy): profitable, but the principal repaid exceeds depreciation
        # and profit, so cash falls below the reserve and profitable years pay nothing
        poor = HotelParams(occupancy=0.22, occupancy_sd=0.0)
        a = appraise(poor, horizon_years=20)
        target = a.items["reserve"]
        short = a.items["cash"] + a.items["dividends"] <= target + 1e-6
        assert (short & (a.items["net_profit"] > 0)).sum() >= 5
        assert np.all(a.items["dividends"][short] == 0.0)
        assert a.items["cash"].min() > 0
        # and in every case the company keeps at least the reserve after dividends
        for p in (HotelParams(), poor):
            a = appraise(p, horizon_years=20)
            paid = a.items["dividends"] > 0
            assert np.all(a.items["cash"][paid] >= a.items["reserve"][paid] - 1e-6)
        # no dividends in the construction year
        assert appraise(HotelParams()).items["dividends"][0] == 0.0


def test_dividends_zero_while_debt_service_is_unpaid():
    # a hotel that cannot cover its loan: the LoanBook records arrears (no overdraft) and
    # the company pays no dividend while in arrears
    bad = STEADY.evolve(occupancy=0.15, reserve_months=0.0)
    run = _run(bad, years=8)
    hotel = run.institutions.index("hotel_company")
    assert run.institution_balance[:, hotel].min() >= -1e-6
    h = run.institution("hotel_company")
    interest, principal = loan_service(bad, 7)
    paid = -(h[:, Source.INTEREST] + h[:, Source.LOAN])
    paid[0] -= bad.loan  # the loan drawn at month 0
    assert paid.sum() < (interest + principal).sum() - 1.0  # some debt service unpaid
    assert not np.any(h[:, Source.DIVIDEND])


def test_residents_share_of_dividends_is_their_equity_share():
    p = HotelParams()
    a = appraise(p)
    share = p.resident_equity / p.equity
    np.testing.assert_allclose(
        a.items["per_shareholder"] * p.shareholders, share * a.items["dividends"], rtol=1e-12
    )
    run = _run(STEADY, years=6)
    c = run.community
    jiewei = (c.group == 0) & c.member
    members = run.income[:, Source.DIVIDEND][:, jiewei].sum(axis=1)
    paid = -run.institution("hotel_company")[:, Source.DIVIDEND]
    assert paid[2:].min() > 0
    # in a simulation the members pay only from their cash: their share is what they paid in
    paid_in = -run.household_flows[0, Source.INVESTMENT][jiewei].sum()
    assert 0 < paid_in <= p.resident_equity * (1 + 1e-12)
    np.testing.assert_allclose(members, paid_in / p.equity * paid, rtol=1e-9)


def test_appraisal_and_simulation_agree_on_net_profit():
    run = _run(STEADY, years=10)
    a = appraise(STEADY, horizon_years=9)
    np.testing.assert_allclose(
        _net_profit(run, STEADY), a.items["net_profit"], rtol=PROFIT_TOLERANCE
    )
    np.testing.assert_allclose(
        -run.institution("hotel_company")[:, Source.DIVIDEND], a.items["dividends"], rtol=1e-6
    )
    # year-end cash: the simulation's December balance less December's debt service
    hotel = run.institutions.index("hotel_company")
    december = run.institution_balance[11::12, hotel]
    np.testing.assert_allclose(december, a.items["cash"], rtol=1e-6)
    np.testing.assert_allclose(reserve_target(STEADY, 9), a.items["reserve"])


@pytest.mark.parametrize("share", [0.0, 0.25, 1.0])
def test_the_government_counts_the_net_new_taxes_only(share):
    # the displaced share of the sales is lost by the town's other firms (in the market),
    # and with it the taxes they paid on it: the government's row is the additional share
    p = STEADY.evolve(additionality=share)
    a = appraise(p, horizon_years=9)
    np.testing.assert_allclose(a.items["displaced_sales"], (1.0 - share) * a.items["revenue"])
    np.testing.assert_allclose(a.items["displaced_tax"], (1.0 - share) * a.items["tax"])
    np.testing.assert_allclose(a.of("government"), share * a.items["tax"], atol=1e-6)
    # the hotel's own accounts do not change: its guests pay it the same
    np.testing.assert_allclose(
        a.items["net_profit"], appraise(STEADY, horizon_years=9).items["net_profit"]
    )


def test_additionality_moves_taxes_from_the_government_to_the_market_in_a_run():
    full, part = (_run(STEADY.evolve(additionality=x), years=5) for x in (1.0, 0.25))
    gov_full, gov_part = (r.institution("government")[:, Source.TAX] for r in (full, part))
    hotel_tax = -full.institution("hotel_company")[:, Source.TAX]
    np.testing.assert_allclose(gov_full, hotel_tax, rtol=1e-9)  # all new: all the hotel's
    np.testing.assert_allclose(gov_part, 0.25 * hotel_tax, rtol=1e-9, atol=1e-6)
    # every yuan between two accounts: the market receives what the government gives up
    lost = part.institution("market")[:, Source.TAX] - full.institution("market")[:, Source.TAX]
    np.testing.assert_allclose(lost, gov_full - gov_part, rtol=1e-9, atol=1e-6)


def test_full_package_hotel_never_overdraws_and_pays_the_bank():
    run = _full_package()
    p = default_scenario().policy("full package").params("hotel")
    hotel = run.institutions.index("hotel_company")
    assert run.institution_balance[:, hotel].min() >= -1.0
    h = run.institution("hotel_company")
    interest, _ = loan_service(p, 19)
    assert -h[:, Source.INTEREST].sum() == pytest.approx(interest.sum(), rel=1e-6)
    assert -h[:, Source.INTEREST].sum() > 1_000_000.0
    # the bank's INTEREST also nets the deposit interest it pays households, so check the
    # hotel's side: its only loan is the bank's, and every year it pays (was: bank total >= it)
    assert np.all(h[:, Source.INTEREST] <= 0.0)
    # collective 0 pays its equity only from its cash; outside investors take up the rest
    collective = run.institutions.index("collective:0")
    assert run.institution_balance[:, collective].min() >= -1.0
    paid_in = h[0, Source.INVESTMENT] + p.building_cost
    assert paid_in == pytest.approx(p.equity, rel=1e-9)
