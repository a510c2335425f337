"""Land-for-shares' SimPy process (schemes/land_shares.py): waves, dividends, agreement."""

import dataclasses
import sys

import numpy as np
import pytest

from collective_econ.cases.caopijie import default_scenario
from collective_econ.economy.community import CommunityParams, synthesize
from collective_econ.economy.ledger import Ledger, Source
from collective_econ.economy.livelihood import LivelihoodParams
from collective_econ.economy.schedule import Period, Schedule
from collective_econ.policy import Policy
from collective_econ.prices import FLAT, using
from collective_econ.scenario import Scenario
from collective_econ.schemes import land_shares
from collective_econ.schemes._housing import allowance_month, delivery_lag_months
from collective_econ.schemes.land_shares import (
    LandSharesParams,
    appraise,
    compensation,
    house_swap,
    split_compensation,
)
from collective_econ.seeding import as_seed_sequence, stream
from collective_econ.simulation import simulate

SMALL = CommunityParams(residents=3000, agricultural_residents=1200)
# one wave at month 0 and 0.8 mu a person exactly: the community is the appraisal's totals
ONE_WAVE = CommunityParams(
    residents=600,
    agricultural_residents=600,
    expropriation_months=(0,),
    expropriation_shares=(1.0,),
    land_cv=0.0,
)
YEARS = 4
DEFAULT = LandSharesParams()
# no rent from old houses before the waves: RENT here is the swap floor's (tests/schemes/
# test_housing.py covers old-house rent)
NO_OLD_RENT = LivelihoodParams(old_let_m2_per_person=0.0)


@pytest.fixture(autouse=True, scope="module")
def flat_prices():
    """These tests check the scheme's 2010 economics by hand: no inflation, no real wage
    growth (scenarios built here default to the current index; tests/test_real_terms.py
    checks the real-terms mechanics)."""
    with using(FLAT):
        yield


def _policy(params=DEFAULT, periods=()):
    return Policy("shares", {"land_shares": Schedule(params, periods)})


def _run(params=DEFAULT, periods=(), community=SMALL, seed=1, years=YEARS, c=None):
    pol = _policy(params, periods)
    sc = Scenario(
        "land shares test",
        (pol,),
        community=community,
        horizon_years=years,
        livelihood=NO_OLD_RENT,
    )
    return simulate(sc, pol, seed=seed, community=c)


def _flow(run, source, households=slice(None)):
    return run.household_flows[:, source, households]


def _allowance(run, p, own):
    """The transitional allowance each of ``own`` got each year, yuan (years, own).

    It is compensation too (COMPENSATION), from the wave until the flat's delivery: a
    household's COMPENSATION less this is its wave's.
    """
    months = np.arange(run.institution_balance.shape[0])[:, None]
    wave = run.community.expropriation_month[own]
    waiting = (months >= wave) & (months < wave + delivery_lag_months(p))
    monthly = waiting * allowance_month(p, run.community.size[own])
    return monthly.reshape(-1, 12, own.size).sum(axis=1)


@pytest.fixture(scope="module")
def run():
    return _run()


@pytest.fixture(scope="module")
def one_wave():
    return synthesize(ONE_WAVE, np.random.default_rng(7))


def test_money_is_conserved(run):
    scale = np.abs(run.household_flows).sum() + np.abs(run.institution_flows).sum()
    assert abs(run.ledger_total) <= 1e-9 * scale


def test_flows_reach_only_the_landless_with_the_right_sources(run):
    c = run.community
    for source in (Source.COMPENSATION, Source.SHARES, Source.DIVIDEND, Source.RENT):
        assert not np.any(_flow(run, source, ~c.landless_target))
    wave_year = c.expropriation_month[c.landless_target] // 12
    own = np.flatnonzero(c.landless_target)
    allowance = _allowance(run, DEFAULT, own)
    comp = _flow(run, Source.COMPENSATION, own) - allowance
    assert np.all(comp[wave_year, np.arange(own.size)] > 0)  # everyone, in the wave's year
    assert np.count_nonzero(comp) == own.size
    # the developer pays the allowance (compensation) and no other compensation
    paid = -run.institution("developer")[:, Source.COMPENSATION]
    assert paid == pytest.approx(allowance.sum(axis=1), rel=1e-12)
    # dividends from the first full calendar year after the wave; rent from the flat's
    # delivery, construction_lag_years (2) after the wave (all waves are in January)
    years = np.arange(run.income.shape[0])[:, None]
    delivered = wave_year + 2
    for source, first in ((Source.DIVIDEND, wave_year + 1), (Source.RENT, delivered)):
        flows = _flow(run, source, own)
        assert np.all(flows >= 0)
        assert not np.any(flows[years < first])
    assert np.all(_flow(run, Source.RENT, own)[years >= delivered] > 0)
    dev = run.institution("developer")
    assert dev[:, Source.DIVIDEND].sum() == pytest.approx(-_flow(run, Source.DIVIDEND).sum())
    assert run.institution("market")[:, Source.RENT].sum() < 0  # tenants pay the rent


def test_shares_plus_cash_is_the_compensation_of_every_household():
    # no transitional allowance (compensation too): the wave's year holds the wave's alone
    p = LandSharesParams(
        default_prob=0.0, share_fraction=0.7, transitional_allowance_per_m2_month=0.0
    )
    run = _run(p)
    c = run.community
    own = np.flatnonzero(c.landless_target)
    year = c.expropriation_month[own] // 12
    paid = _flow(run, Source.COMPENSATION, own)[year, np.arange(own.size)]
    bought = -_flow(run, Source.SHARES, own)[year, np.arange(own.size)]
    expected = compensation(p, c.land_mu[own], c.size[own])["to_households"]
    shares, cash = split_compensation(p, expected)
    # the collective's pass-through plus the county's items: land and all members (persons)
    assert paid == pytest.approx(expected, rel=1e-12)
    assert np.array_equal(bought, shares)
    assert np.array_equal(shares + cash, expected)
    assert np.all(cash >= 0)
    assert np.all(shares >= 0)


@pytest.mark.parametrize("seed", [5, 8])  # the developer defaults in year 3; never
def test_flows_are_the_random_appraisals_path(one_wave, seed):
    # with one wave at month 0 the simulation draws what appraise(rng=...) draws, on the
    # scheme's own stream, and pays the same yearly flows (a high default risk shows recovery)
    p = LandSharesParams(default_prob=0.3, construction_years=2, reserve_fraction=0.1)
    run = _run(p, community=ONE_WAVE, seed=seed, years=6, c=one_wave)
    c = one_wave
    total = p.evolve(area_mu=float(c.land_mu.sum()), persons=int(c.size.sum()))
    rng = stream(as_seed_sequence(seed), "scheme", "land_shares")
    a = appraise(total, horizon_years=5, rng=rng)
    flows = run.household_flows.sum(axis=2)
    it = a.items
    comp = it["to_households"] + it["transitional_allowance"]  # the allowance: compensation
    assert flows[:, Source.COMPENSATION] == pytest.approx(comp, rel=1e-12)
    assert flows[0, Source.SHARES] == pytest.approx(-it["share_capital"][0], rel=1e-12)
    back = it["recovery"][1:] + it["redemption"][1:]  # redeemed at par at the horizon
    assert flows[1:, Source.SHARES] == pytest.approx(back, rel=1e-12, abs=1e-6)
    assert flows[:, Source.DIVIDEND] == pytest.approx(it["dividends"], rel=1e-12, abs=1e-6)
    assert flows[:, Source.RENT] == pytest.approx(it["rent"], rel=1e-12)
    assert flows[:, Source.GRANT] == pytest.approx(it["swap_subsidy"], rel=1e-12)
    swap = it["swap_developer"] - it["construction"]
    assert flows[:, Source.INVESTMENT] == pytest.approx(swap, rel=1e-12)
    assert run.institution("government")[:, Source.GRANT] == pytest.approx(-it["swap_subsidy"])


def test_dividends_agree_with_the_expected_appraisal_on_average(one_wave):
    # Yearly dividends plus recovery, per yuan of shares, over years 1-5 and 60 seeds,
    # against the deterministic appraisal (E[max(r, g)] x survival, recovery x default
    # probability). The tolerance is 4 standard errors of the seeds' mean (the mean's
    # sampling spread, estimated from the same runs; the seeds are fixed, so no flakiness).
    p = LandSharesParams()
    per_seed = []
    for seed in range(60):
        run = _run(p, community=ONE_WAVE, seed=seed, years=6, c=one_wave)
        flows = run.household_flows.sum(axis=2)
        shares = -flows[0, Source.SHARES]
        per_seed.append((flows[1:, Source.DIVIDEND] + flows[1:, Source.SHARES]) / shares)
    got = np.array(per_seed).sum(axis=1)
    a = appraise(p, horizon_years=5)
    it = a.items
    back = it["dividends"][1:] + it["recovery"][1:] + it["redemption"][1:]
    expected = back.sum() / it["share_capital"][0]
    se = got.std(ddof=1) / np.sqrt(got.size)
    assert abs(got.mean() - expected) < 4 * se
    assert abs(got.mean() / expected - 1) < 0.1  # and the spread is small: ~2-3%


def test_same_seed_same_run():
    a, b = _run(seed=5), _run(seed=5)
    assert np.array_equal(a.income, b.income)
    assert np.array_equal(a.household_flows, b.household_flows)
    assert not np.array_equal(_flow(a, Source.DIVIDEND), _flow(_run(seed=6), Source.DIVIDEND))


def test_a_dated_default_stops_dividends_and_pays_back_the_recovery():
    # no default risk for three years, then a certain default in December of year 3
    p = LandSharesParams(default_prob=0.0)
    run = _run(p, (Period(36, None, {"default_prob": 1.0}),), years=5)
    flows = run.household_flows.sum(axis=2)
    shares = -flows[:3, Source.SHARES].sum()
    assert np.all(flows[1:3, Source.DIVIDEND] > 0)
    assert np.all(flows[3:, Source.DIVIDEND] == 0)
    assert flows[3, Source.SHARES] == pytest.approx(p.recovery_fraction * shares)
    assert flows[4, Source.SHARES] == 0


def test_a_dated_rent_change_takes_effect():
    base = _run(LandSharesParams(), years=5)
    half = _run(LandSharesParams(), (Period(36, None, {"rental_yield": 0.025}),), years=5)
    rent, rent_half = (_flow(r, Source.RENT).sum(axis=1) for r in (base, half))
    assert np.array_equal(rent[:3], rent_half[:3])
    assert rent_half[3:] == pytest.approx(rent[3:] / 2)


def test_share_fraction_zero_is_exactly_the_cash_only_policy():
    sc = default_scenario()
    sc = Scenario("t", sc.policies, community=SMALL, horizon_years=YEARS)
    cash = simulate(sc, "cash only", seed=2)
    zero = simulate(
        sc, sc.policy("80% shares").reform("0%", {"land_shares.share_fraction": 0}), seed=2
    )
    assert np.array_equal(cash.household_flows, zero.household_flows)
    assert np.array_equal(cash.institution_flows, zero.institution_flows)
    assert not np.any(_flow(zero, Source.SHARES))
    assert not np.any(_flow(zero, Source.DIVIDEND))
    shares = simulate(sc, "80% shares", seed=2)
    for source in (Source.COMPENSATION, Source.GRANT, Source.WAGE, Source.FARMING):
        assert np.array_equal(_flow(cash, source), _flow(shares, source))
    # with less cash, households pay for less of the extra area: less outlay, less rent
    assert np.all(_flow(shares, Source.RENT) <= _flow(cash, Source.RENT) + 1e-6)
    assert np.all(_flow(shares, Source.INVESTMENT) >= _flow(cash, Source.INVESTMENT) - 1e-6)
    assert _flow(shares, Source.RENT).sum() < _flow(cash, Source.RENT).sum()


def test_the_rate_path_does_not_depend_on_the_share_fraction():
    dividends = [
        _flow(_run(LandSharesParams(share_fraction=f), seed=4), Source.DIVIDEND).sum(axis=1)
        for f in (0.8, 0.4)
    ]
    assert dividends[1] == pytest.approx(dividends[0] * 0.4 / 0.8, rel=1e-12)


def test_the_process_wakes_once_a_month_from_the_first_wave():
    empty = Policy("none", {})
    sc = Scenario("t", (empty,), community=SMALL, horizon_years=YEARS)
    without = simulate(sc, empty, seed=1).events
    with_shares = _run().events
    # monthly (allowance and rent) from the first wave, month 0; not per household
    assert with_shares - without <= 12 * YEARS + 2  # + the process's start and end


def test_house_swap_uses_household_size(run):
    c = run.community
    own = np.flatnonzero(c.landless_target)
    year = c.expropriation_month[own] // 12
    subsidy = _flow(run, Source.GRANT, own)[year, np.arange(own.size)]
    assert np.array_equal(subsidy, house_swap(LandSharesParams(), c.size[own])["subsidy"])


def test_after_a_default_later_waves_are_paid_in_cash():
    # a certain default in December of year 1 (the first year it can happen): the waves of
    # months 0 and 12 get 30% of their shares back, the wave of month 24 buys no shares
    p = LandSharesParams(default_prob=1.0)
    run = _run(p, years=3)
    c = run.community
    bought = split_compensation(p, compensation(p, c.land_mu, c.size)["to_households"])[0]
    shares = _flow(run, Source.SHARES)
    first, second, late = (c.expropriation_month == m for m in (0, 12, 24))
    assert shares[0, first] == pytest.approx(-bought[first])
    assert shares[1, first] == pytest.approx(0.3 * bought[first])
    assert shares[1, second] == pytest.approx(-0.7 * bought[second])  # bought, then recovered
    assert not np.any(shares[:, late])
    assert np.all(_flow(run, Source.COMPENSATION, late)[2] > 0)
    assert not np.any(_flow(run, Source.DIVIDEND))  # the year-1 dividend is not paid either


# the law's routing, the county's books, one model in two views ------------------------


def _group_flows(run, source):
    names = [n for n in run.institutions if n.startswith("collective:")]
    return np.array([run.institution(n)[:, source] for n in names])


@pytest.mark.parametrize("law", ["1998", "2019"])
def test_the_collective_gets_the_land_fee_and_passes_exactly_its_share_on(law):
    p = LandSharesParams(law=law, pass_through_share=0.75)
    run = _run(p)
    c = run.community
    own = np.flatnonzero(c.landless_target)
    comp = compensation(p, c.land_mu[own], c.size[own])
    kept = _group_flows(run, Source.COMPENSATION).sum(axis=1)  # net: received less passed on
    by_group = np.bincount(c.group[own], weights=comp["land_fee"], minlength=kept.size)
    assert kept == pytest.approx(0.25 * by_group, rel=1e-12, abs=1e-6)
    assert kept.sum() == pytest.approx(float(comp["to_collective"].sum()), rel=1e-12)
    assert np.all(kept >= 0)  # the routing only pays money into collectives


@pytest.mark.parametrize("law", ["1998", "2019"])
def test_the_county_pays_compensation_and_receives_conveyance(law):
    p = LandSharesParams(law=law)
    run = _run(p)
    c = run.community
    own = np.flatnonzero(c.landless_target)
    comp = compensation(p, c.land_mu[own], c.size[own])
    gov = run.institution("government")
    assert -gov[:, Source.COMPENSATION].sum() == pytest.approx(float(comp["total"].sum()))
    conveyance = p.conveyance_price_per_mu * float(c.land_mu[own].sum())
    assert gov[:, Source.SALES].sum() == pytest.approx(conveyance)
    assert run.institution("developer")[:, Source.SALES].sum() == pytest.approx(-conveyance)
    fund = run.institution("insurance_fund")[:, Source.COMPENSATION].sum()
    assert fund == pytest.approx(float(comp["to_insurance"].sum()))
    assert (fund > 0) == (law == "2019")


def test_the_2019_social_security_fee_never_buys_shares():
    p = LandSharesParams(law="2019")
    run = _run(p)
    c = run.community
    own = np.flatnonzero(c.landless_target)
    year = c.expropriation_month[own] // 12
    bought = -_flow(run, Source.SHARES, own)[year, np.arange(own.size)]
    comp = compensation(p, c.land_mu[own], c.size[own])
    assert bought == pytest.approx(split_compensation(p, comp["to_households"])[0], rel=1e-12)
    more = _run(p.evolve(social_security_per_person=50_000.0))
    for source in (Source.SHARES, Source.COMPENSATION, Source.DIVIDEND):
        assert np.array_equal(_flow(run, source), _flow(more, source))


def test_appraisal_and_simulation_agree_on_farm_income_and_compensation():
    # one wave in month 12: the year-0 farm income per mu is what the appraisal says is lost
    community = ONE_WAVE.evolve(expropriation_months=(12,))
    run = _run(community=community, years=3)
    c = run.community
    area, persons = float(c.land_mu.sum()), int(c.size.sum())
    a = appraise(DEFAULT.evolve(area_mu=area, persons=persons), horizon_years=2)
    farmed = run.household_flows[0, Source.FARMING].sum()
    assert -a.items["forgone_farm_income"][1] == pytest.approx(farmed, rel=1e-9)
    gov = run.institution("government")
    assert -gov[1, Source.COMPENSATION] == pytest.approx(a.items["compensation"][0], rel=1e-12)
    got = run.household_flows[1, Source.COMPENSATION].sum()
    due = a.items["to_households"][0] + a.items["transitional_allowance"][0]
    assert got == pytest.approx(due, rel=1e-12)


def test_no_dividend_while_the_developer_has_no_cash(one_wave):
    # no reserve and no default: nothing is paid while building (years 1-3), then dividends
    p = LandSharesParams(reserve_fraction=0.0, default_prob=0.0, distress_default_prob=0.0)
    run = _run(p, community=ONE_WAVE, years=6, c=one_wave)
    paid = run.household_flows[:, Source.DIVIDEND].sum(axis=1)
    assert np.all(paid[:4] == 0.0)
    assert np.all(paid[4:] > 0.0)
    shares = -run.household_flows[0, Source.SHARES].sum()
    assert run.household_flows[5, Source.SHARES].sum() == pytest.approx(shares)  # redeemed


def test_reserved_land_pays_each_collective_rent_from_the_year_after_its_wave():
    p = LandSharesParams(reserved_land_share=0.1)
    run = _run(p)
    c = run.community
    own = np.flatnonzero(c.landless_target)
    rent = _group_flows(run, Source.RENT)  # (groups, years)
    years = np.arange(rent.shape[1])
    expected = np.zeros_like(rent)
    for h in own:
        w = c.expropriation_month[h] // 12
        expected[c.group[h], years > w] += 0.1 * 3000.0 * c.land_mu[h]
    assert rent == pytest.approx(expected, rel=1e-9, abs=1e-6)
    conveyance = 0.9 * 100_000.0 * float(c.land_mu[own].sum())
    assert run.institution("government")[:, Source.SALES].sum() == pytest.approx(conveyance)
    assert np.all(_group_flows(_run(), Source.RENT) == 0.0)  # off by default


# households pay only from cash ---------------------------------------------------------

SHARE_POLICIES = (
    "80% shares",
    "shares + hogs",
    "full package",
    "package without collective projects",
)


@pytest.fixture
def lowest(monkeypatch):
    """The lowest household cash at any month end, and what land_shares' own payments do.

    ``land_shares``: the lowest of a household's cash after a land_shares payment less
    the lower of its cash before the wave's first payment and zero (other schemes'
    charges earlier in the month are theirs): < 0 if land_shares takes it below that.
    """
    seen = {"month_end": np.inf, "land_shares": np.inf}
    close, settle = Ledger.close_month, Ledger.settle
    before = {}  # month -> household cash before land_shares' first payment in it

    def close_month(ledger):
        seen["month_end"] = min(
            seen["month_end"], float(ledger.balance[: ledger.households].min())
        )
        close(ledger)

    def settle_and_look(ledger, account, households, amounts, source):
        ours = sys._getframe(2).f_code.co_filename == land_shares.__file__
        if ours and ledger.month not in before:
            before[ledger.month] = np.minimum(ledger.balance[: ledger.households], 0.0)
        settle(ledger, account, households, amounts, source)
        if ours:
            floor = before[ledger.month][households]
            low = float((ledger.balance[households] - floor).min(initial=np.inf))
            seen["land_shares"] = min(seen["land_shares"], low)

    monkeypatch.setattr(Ledger, "close_month", close_month)
    monkeypatch.setattr(Ledger, "settle", settle_and_look)
    return seen


@pytest.mark.parametrize("policy", SHARE_POLICIES)
def test_households_never_hold_negative_cash_in_the_share_policies(lowest, policy):
    # the default case over 6 years: the top-up, the shares and the extra area are paid
    # from the compensation in that order, so no household overdraws at its wave (nor
    # borrows on its consumption credit line to pay for them)
    sc = dataclasses.replace(default_scenario(), horizon_years=6)
    run = simulate(sc, policy, seed=1)
    assert lowest["land_shares"] >= -1e-6
    assert lowest["month_end"] >= -1e-6
    assert np.any(_flow(run, Source.SHARES) < 0)  # shares were bought
    scale = np.abs(run.household_flows).sum() + np.abs(run.institution_flows).sum()
    assert abs(run.ledger_total) <= 1e-9 * scale


def test_the_wave_never_takes_more_than_the_compensation(run):
    # each household's net flow at its wave (compensation, shares, the swap's payments
    # and its construction) is the cash it keeps: >= 0
    c = run.community
    own = np.flatnonzero(c.landless_target)
    year = c.expropriation_month[own] // 12
    sources = [Source.COMPENSATION, Source.SHARES, Source.GRANT, Source.INVESTMENT]
    net = run.household_flows[:, sources][year, :, own].sum(axis=1)
    p = DEFAULT
    net -= _allowance(run, p, own)[year, np.arange(own.size)]  # paid after the wave
    money = compensation(p, c.land_mu[own], c.size[own])["to_households"]
    kept = land_shares.uses_of_compensation(p, money, c.size[own])["kept"]
    assert net == pytest.approx(kept, rel=1e-9, abs=1e-6)
    assert np.all(kept >= 0)
