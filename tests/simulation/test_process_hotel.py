"""The Jiewei hotel's SimPy process (schemes/hotel.py): equity, loan, operations, dividends."""

import os
import sys

import numpy as np
import pytest

from collective_econ.cases.caopijie import default_scenario
from collective_econ.economy.community import CommunityParams, from_table
from collective_econ.economy.ledger import Ledger, Source
from collective_econ.economy.schedule import Period, Schedule
from collective_econ.errors import CaseDataError
from collective_econ.policy import Policy
from collective_econ.prices import FLAT as FLAT_PRICES
from collective_econ.prices import using
from collective_econ.scenario import Scenario
from collective_econ.schemes.hotel import (
    HotelParams,
    appraise,
    depreciation,
    interest_expense,
    loan_service,
    open_months,
)
from collective_econ.seeding import as_seed_sequence, stream
from collective_econ.simulation import simulate
from collective_econ.testing import assert_conserved

SMALL = CommunityParams(residents=3000, agricultural_residents=1200)
YEARS = 5
FLAT = (1.0,) * 12  # no seasonality: every year, the opening year too, is the appraisal's
STEADY = HotelParams(occupancy_sd=0.0)


@pytest.fixture(autouse=True, scope="module")
def flat_prices():
    """These tests check the scheme's 2010 economics by hand: no inflation, no real wage
    growth (scenarios built here default to the current index; tests/test_real_terms.py
    checks the real-terms mechanics)."""
    with using(FLAT_PRICES):
        yield


def _run(hotel=STEADY, periods=(), seed=1, years=YEARS, schemes=True, community=None, size=SMALL):
    pol = Policy("hotel", {"hotel": Schedule(hotel, periods)} if schemes else {})
    sc = Scenario("hotel test", (pol,), community=size)
    return simulate(sc, pol, seed=seed, horizon_years=years, community=community)


def _net_profit(run, p):
    """The hotel's net profit by year: operating flows less interest expense and depreciation.

    Interest paid while building is capitalised (schemes/hotel.py, ``interest_expense``).
    """
    h = run.institution("hotel_company")
    cash = h[:, Source.SALES] + h[:, Source.OPERATIONS] + h[:, Source.TAX]
    years = h.shape[0] - 1
    return cash - interest_expense(p, years) - depreciation(p, open_months(p, years))


def _jiewei(run):
    c = run.community
    return (c.group == 0) & c.member


def test_money_is_conserved():
    run = _run(HotelParams(outside_equity=1_000_000.0, collective_equity=200_000.0))
    assert_conserved(run)


@pytest.mark.parametrize("seed", [1, 7])
def test_run_equals_the_appraisal_along_the_same_occupancy_path(seed):
    # occupancy is drawn from the scheme's own stream exactly as appraise(rng=...) draws it
    p = HotelParams(seasonality=FLAT, outside_equity=1_000_000.0, collective_equity=200_000.0)
    run = _run(p, seed=seed)
    a = appraise(p, horizon_years=YEARS - 1, rng=stream(as_seed_sequence(seed), "scheme", "hotel"))
    hotel = run.institution("hotel_company")
    np.testing.assert_allclose(hotel[:, Source.SALES], a.items["revenue"], rtol=1e-9)
    np.testing.assert_allclose(-hotel[:, Source.DIVIDEND], a.items["dividends"], rtol=1e-9)
    # the government's taxes net of the displaced county firms': the appraisal's row
    net_tax = a.items["tax"] - a.items["displaced_tax"]
    np.testing.assert_allclose(run.institution("government")[:, Source.TAX], net_tax, rtol=1e-9)
    np.testing.assert_allclose(a.of("government"), net_tax, rtol=1e-12)
    np.testing.assert_allclose(_net_profit(run, p), a.items["net_profit"], rtol=1e-9)
    interest, principal = loan_service(p, YEARS - 1)
    # the hotel company's side of the loan, serviced monthly by world.loans
    np.testing.assert_allclose(-hotel[:, Source.INTEREST], interest, rtol=1e-9)
    np.testing.assert_allclose(-hotel[1:, Source.LOAN], principal[1:], rtol=1e-9)
    assert hotel[0, Source.LOAN] == pytest.approx(p.loan - principal[0])
    # dividends split by equity as paid in: collective 0 has no cash in this run and the
    # members pay only from their cash, so the outside investors take up the rest
    assert -run.institution("collective:0")[0, Source.INVESTMENT] == 0.0
    residents = -run.household_flows[0, Source.INVESTMENT][_jiewei(run)].sum()
    assert 0.0 <= residents <= p.resident_equity * (1 + 1e-12)
    assert run.institution("market")[0, Source.INVESTMENT] == pytest.approx(
        p.building_cost - (p.equity - residents)
    )
    shares = np.array([residents, 0.0, p.equity - residents]) / p.equity
    members = run.income[:, Source.DIVIDEND][:, _jiewei(run)].sum(axis=1)
    np.testing.assert_allclose(members, shares[0] * a.items["dividends"], rtol=1e-9)
    collective0 = run.institution("collective:0")[:, Source.DIVIDEND]
    np.testing.assert_allclose(collective0, shares[1] * a.items["dividends"], rtol=1e-9)
    # the outside investors are outside the community: the market account
    outside = run.institution("market")[:, Source.DIVIDEND]
    np.testing.assert_allclose(outside, shares[2] * a.items["dividends"], rtol=1e-9)


def test_seasonality_moves_money_within_the_year_only():
    # full years open are the appraisal's; only the opening year (July-December) differs
    run = _run(STEADY)
    a = appraise(STEADY, horizon_years=YEARS - 1)
    np.testing.assert_allclose(_net_profit(run, STEADY)[2:], a.items["net_profit"][2:], rtol=1e-9)
    assert _net_profit(run, STEADY)[1] == pytest.approx(a.items["net_profit"][1], rel=0.2)


def test_average_profit_once_open_matches_the_appraisal():
    # the case: ~350,000 yuan a year (seed-facts.md §4); with the 2.4 M loan and 25% income
    # tax the model's mean over years 2-19 is ~380,000
    expected = appraise(STEADY, horizon_years=19).items["net_profit"][2:].mean()
    assert expected == pytest.approx(380_000, rel=0.05)
    run = _run(STEADY, years=20)
    assert _net_profit(run, STEADY)[2:].mean() == pytest.approx(expected, rel=1e-9)
    # random occupancy (sd 0.06): ~77,000 yuan/yr sd of profit; 3 seeds x 18 years -> sd of
    # the mean ~ 10,500 yuan, 3%: allow 8%
    p = HotelParams()
    mean = np.mean([_net_profit(_run(p, seed=s, years=20), p)[2:].mean() for s in range(3)])
    assert mean == pytest.approx(expected, rel=0.08)


def test_residents_equity_and_dividends_stay_with_jiewei_members_pro_rata():
    run = _run()
    c = run.community
    jiewei = _jiewei(run)
    invested = -run.household_flows[0, Source.INVESTMENT]
    asked = STEADY.resident_equity * c.size / c.size[jiewei].sum()
    # each member pays at most its part, pro rata to its size (less if its cash is short)
    assert np.all(invested[jiewei] >= 0)
    assert np.all(invested[jiewei] <= asked[jiewei] * (1 + 1e-12))
    assert 0 < invested.sum() <= STEADY.resident_equity * (1 + 1e-12)
    assert not np.any(invested[~jiewei])
    dividends = run.income[:, Source.DIVIDEND].sum(axis=0)
    assert not np.any(dividends[~jiewei])
    # the residents' dividends are shared in proportion to what each member paid in
    assert np.all(dividends[jiewei][invested[jiewei] > 0] > 0)
    assert not np.any(dividends[jiewei][invested[jiewei] == 0])
    np.testing.assert_allclose(
        dividends[jiewei], dividends.sum() * invested[jiewei] / invested.sum(), rtol=1e-9
    )


def test_per_shareholder_dividend_follows_the_residents_equity_share():
    # domain-reference.md S1/S2: "over 10 million yuan per head" is a typo for ~1,000 yuan,
    # which needs the residents to take all the profit; with profit split by equity (the
    # residents' 25%) each of ~350 shareholders receives ~300 yuan a year. The default
    # community's Jiewei group has ~300 member persons (the appraisal assumes 350).
    # In a simulation the members pay only from their cash (the outside investors take up
    # the rest), so the members' dividends are the appraisal's scaled by what they paid in.
    run = _run(STEADY, years=20, size=CommunityParams())
    jiewei = _jiewei(run)
    persons = run.community.size[jiewei].sum()
    paid_in = -run.household_flows[0, Source.INVESTMENT][jiewei].sum()
    assert 0 < paid_in <= STEADY.resident_equity * (1 + 1e-12)
    per_person = run.income[2:, Source.DIVIDEND][:, jiewei].sum(axis=1) / persons
    appraised = appraise(STEADY, horizon_years=19).items["per_shareholder"][2:]
    scale = paid_in / STEADY.resident_equity
    np.testing.assert_allclose(
        per_person, scale * appraised * STEADY.shareholders / persons, rtol=1e-9
    )
    assert 200 < appraised.mean() < 400
    assert 250 < persons < 400


def test_reproducible():
    p = HotelParams()
    a, b, other = _run(p, seed=3), _run(p, seed=3), _run(p, seed=4)
    assert np.array_equal(a.income, b.income)
    assert np.array_equal(a.institution_flows, b.institution_flows)
    assert not np.array_equal(a.institution_flows, other.institution_flows)


def test_dated_payout_change_takes_effect():
    # from year 3 the company keeps half its profit
    run = _run(periods=(Period(36, None, {"payout_ratio": 0.5}),))
    full = appraise(STEADY, horizon_years=YEARS - 1).items["dividends"]
    paid = -run.institution("hotel_company")[:, Source.DIVIDEND]
    np.testing.assert_allclose(paid[2], full[2], rtol=1e-9)
    np.testing.assert_allclose(paid[3:], 0.5 * full[3:], rtol=1e-9)


def test_no_loan_no_bank_flows():
    p = STEADY
    run = _run(
        p.evolve(outside_equity=p.total_investment - p.resident_equity - p.collective_equity)
    )
    assert not np.any(run.institution("hotel_company")[:, [Source.LOAN, Source.INTEREST]])


def test_other_household_flows_are_unchanged():
    with_hotel, without = _run(), _run(schemes=False)
    for source in (Source.FARMING, Source.WAGE):
        assert np.array_equal(with_hotel.income[:, source], without.income[:, source])


def test_jiewei_group_without_members_cannot_hold_residents_equity():
    community = from_table(
        {
            "group": [0, 1, 1],
            "size": [2, 3, 2],
            "land_mu": [0.0, 3.0, 2.0],
            "expropriation_month": [-1, 0, 12],
        },
        np.random.default_rng(0),
    )
    with pytest.raises(CaseDataError, match="Jiewei group"):
        _run(community=community)


def test_wakes_monthly_only_once_open():
    # start and end, then every month from the opening (the engine services the loan)
    extra = _run().events - _run(schemes=False).events
    assert extra == 2 + (12 * YEARS - STEADY.construction_months)


def test_never_overdraws_and_keeps_the_reserve():
    run = _run(HotelParams(), years=20)
    hotel = run.institutions.index("hotel_company")
    assert run.institution_balance[:, hotel].min() >= STEADY.reserve - 1e-6


def _scheme_payers_low(monkeypatch, scheme_file):
    """Record, after every ledger transfer made from ``scheme_file``, the lowest balance
    of the households that paid in it (``Ledger.collect`` goes through ``settle``)."""
    lows = []
    original = Ledger.settle

    def settle(self, account, households, amounts, source):
        original(self, account, households, amounts, source)
        frame = sys._getframe(1)
        while frame is not None and not frame.f_code.co_filename.endswith(scheme_file):
            frame = frame.f_back
        if isinstance(households, slice):
            households = np.arange(*households.indices(self.households))
        amt = np.broadcast_to(np.asarray(amounts, dtype=float), households.shape)
        if frame is not None and np.any(amt < 0):
            lows.append(float(self.balance[households[amt < 0]].min()))

    monkeypatch.setattr(Ledger, "settle", settle)
    return lows


def test_full_package_residents_pay_their_equity_only_from_cash(monkeypatch):
    # the case's full package: the members' equity (400,000 yuan) must not take any member
    # household below zero; the outside investors take up what the members cannot pay
    lows = _scheme_payers_low(monkeypatch, os.path.join("schemes", "hotel.py"))
    sc = default_scenario()
    run = simulate(sc, sc.policy("full package"), seed=1, horizon_years=6)
    assert lows, "the hotel's equity was never collected"
    assert min(lows) >= -1e-6
    assert_conserved(run)
    p = sc.policy("full package").params("hotel")
    h = run.institution("hotel_company")
    # the company still raises all its equity (the shortfall from the outside investors)
    assert h[0, Source.INVESTMENT] + p.building_cost == pytest.approx(p.equity, rel=1e-9)


def test_dated_price_change_moves_sales_in_its_months_only():
    # the monthly operations are worked out at the start, one call per run of months under
    # the same parameters: a dated change of the room rate must reach exactly its months
    flat = STEADY.evolve(seasonality=FLAT)
    run = _run(flat, periods=(Period(38, 45, {"adr": 2.0 * flat.adr}),))
    base = _run(flat)
    sales = run.institution("hotel_company")[:, Source.SALES]
    before = base.institution("hotel_company")[:, Source.SALES]
    np.testing.assert_allclose(sales[:3], before[:3], rtol=1e-12)
    monthly = before[3] / 12.0  # no seasonality: equal months
    np.testing.assert_allclose(sales[3], before[3] + 7 * monthly, rtol=1e-9)  # months 38-44
    np.testing.assert_allclose(sales[4:], before[4:], rtol=1e-12)
