"""Housing of land-for-shares (schemes/_housing.py): lag, allowance, saturated rent, old houses."""

import types

import numpy as np
import pytest

from collective_econ.economy.community import CommunityParams, synthesize
from collective_econ.economy.ledger import Source
from collective_econ.economy.livelihood import LivelihoodParams, old_house_rent
from collective_econ.economy.schedule import Schedule
from collective_econ.errors import ParameterError
from collective_econ.policy import Policy
from collective_econ.prices import PriceIndex
from collective_econ.scenario import Scenario
from collective_econ.schemes import land_shares
from collective_econ.schemes._housing import (
    allowance_month,
    housing_years,
    let_floor,
    price_levels,
    rent_per_m2,
    swap_rent_month,
)
from collective_econ.schemes.land_shares import (
    LandSharesParams,
    appraise,
    cash_alternative,
    compensation,
    uses_of_compensation,
)
from collective_econ.simulation import simulate

NO_OLD_RENT = LivelihoodParams(old_let_m2_per_person=0.0)
# one wave in January of year 0, 0.8 mu a person exactly: the appraisal's average household
ONE_WAVE = CommunityParams(
    residents=400,
    agricultural_residents=400,
    expropriation_months=(0,),
    expropriation_shares=(1.0,),
    land_cv=0.0,
)
WAVES = CommunityParams(
    residents=800,
    agricultural_residents=800,
    expropriation_months=(0, 12, 60),  # the last wave after the runs' 4 years
    expropriation_shares=(0.5, 0.3, 0.2),
)
LAG = LandSharesParams(construction_lag_years=1.5)  # delivered in July of year 1


def _run(params, community, *, lv=NO_OLD_RENT, years=4, seed=1):
    pol = Policy("shares", {"land_shares": Schedule(params)})
    sc = Scenario("housing", (pol,), community=community, horizon_years=years, livelihood=lv)
    c = synthesize(community, np.random.default_rng(seed), lv)
    return simulate(sc, pol, seed=seed, community=c)


def _flow(run, source):
    return run.household_flows[:, source, :]  # (years, households)


def _floor(p, c):
    money = compensation(p, c.land_mu, c.size)["to_households"]
    return uses_of_compensation(p, money, c.size)["new_m2"]


@pytest.fixture(scope="module")
def lagged():
    return _run(LAG, ONE_WAVE)


def test_no_swap_rent_before_delivery_and_the_allowance_stops_at_it(lagged):
    c, p = lagged.community, LAG
    own = c.expropriation_month == 0
    floor = _floor(p, c)
    stock = float(let_floor(p, floor[own], c.size[own]).sum())
    rent = swap_rent_month(p, floor, c.size, stock) * own
    allow = allowance_month(p, c.size) * own
    # 18 months of allowance (12 + 6), then rent: none in year 0, 6 months in year 1
    assert _flow(lagged, Source.RENT)[0] == pytest.approx(0.0)
    assert _flow(lagged, Source.RENT)[1] == pytest.approx(6 * rent, rel=1e-12)
    assert _flow(lagged, Source.RENT)[2] == pytest.approx(12 * rent, rel=1e-12)
    # the allowance is compensation (capital): year 0's beside the wave's compensation
    comp = _flow(lagged, Source.COMPENSATION)
    own_money = compensation(p, c.land_mu, c.size)["to_households"] * own
    assert comp[0] == pytest.approx(own_money + 12 * allow, rel=1e-12)
    assert comp[1] == pytest.approx(6 * allow, rel=1e-12)
    assert not np.any(comp[2:])
    assert not np.any(_flow(lagged, Source.SUBSIDY))  # never income
    assert np.all(rent[own] > 0)
    assert np.all(allow[own] > 0)
    # the developer pays the allowance by default; the county when told to
    dev = lagged.institution("developer")[:, Source.COMPENSATION]
    assert dev.sum() == pytest.approx(-12 * allow.sum() - 6 * allow.sum(), rel=1e-12)
    county = _run(LAG.evolve(transitional_payer="government"), ONE_WAVE, years=2)
    county_comp = -county.institution("government")[:, Source.COMPENSATION].sum()
    land_comp = -lagged.institution("government")[:, Source.COMPENSATION].sum()
    assert county_comp - land_comp == pytest.approx(18 * allow.sum(), rel=1e-9)
    assert county.institution("developer")[:, Source.COMPENSATION].sum() == 0.0


def test_the_allowance_does_not_raise_income_over_the_transition(lagged):
    # it stands in for the housing the wave took (the model counts no housing in income):
    # with and without it the households earn the same but for the interest on the cash
    # it leaves them (a planted bug: the allowance booked as income, SUBSIDY, would fail)
    none = _run(LAG.evolve(transitional_allowance_per_m2_month=0.0), ONE_WAVE)
    earned = [s for s in range(Source.COMPENSATION) if s != Source.INTEREST]
    with_it = lagged.income[:2, earned].sum(axis=1)  # the transition: years 0 and 1
    without = none.income[:2, earned].sum(axis=1)
    assert with_it == pytest.approx(without, rel=1e-9, abs=1e-6)
    paid = -lagged.institution("developer")[:2, Source.COMPENSATION].sum()
    assert paid > 0.05 * without.sum()  # not a vanishing allowance


def test_rent_per_m2_falls_as_the_stock_grows_and_vacancy_applies():
    p = LandSharesParams()
    stock = np.linspace(0.0, 200_000.0, 41)
    r = rent_per_m2(p, stock)
    assert r[0] == pytest.approx(p.rental_yield * p.construction_cost_per_m2)
    assert np.all(np.diff(r) < 0)
    # vacancy: a fifth empty lets a fifth less floor; none at or below living needs
    assert let_floor(p.evolve(vacancy_rate=0.2), 200.0, 4) == pytest.approx(0.8 * 80.0)
    assert let_floor(p.evolve(vacancy_rate=0.0), 200.0, 4) == pytest.approx(80.0)
    assert let_floor(p, 100.0, 4) == 0.0
    # a more elastic demand absorbs the same floor at a smaller fall
    elastic = rent_per_m2(p.evolve(rent_demand_elasticity=3.0), 36_500.0)
    assert rent_per_m2(p, 36_500.0) < elastic < r[0]


def test_in_a_run_each_delivery_lowers_the_rent_per_m2_of_earlier_flats():
    p = LandSharesParams(construction_lag_years=1.0)
    run = _run(p, WAVES)
    c = run.community
    first = np.flatnonzero(c.expropriation_month == 0)
    let = let_floor(p, _floor(p, c)[first], c.size[first])
    per_m2 = _flow(run, Source.RENT)[:, first] / let  # yuan per let m² and year
    # the first two waves' flats are delivered in January of years 1 and 2: the same
    # rent per m² for all, lower once the second wave's flats are let too
    assert np.allclose(per_m2[1:], per_m2[1:, :1], rtol=1e-12)
    assert per_m2[1, 0] > per_m2[2, 0] == pytest.approx(per_m2[3, 0], rel=1e-12)
    assert per_m2[3, 0] > 0.0
    assert per_m2[1, 0] < p.rental_yield * p.construction_cost_per_m2  # saturated already


def test_old_house_rent_stops_when_the_wave_demolishes_the_house():
    lv = LivelihoodParams()
    run = _run(LandSharesParams(rent_on=False), WAVES, lv=lv)
    c = run.community
    rent = _flow(run, Source.RENT)
    monthly = old_house_rent(lv, c.size, c.agricultural)
    assert np.all(monthly[c.agricultural] > 0)
    taken = c.expropriation_month
    months_before = np.where(taken >= 0, np.minimum(taken, 48), 48)  # never: all 48 months
    for year in range(4):
        months = np.clip(months_before - 12 * year, 0, 12)
        assert rent[year] == pytest.approx(months * monthly, rel=1e-12, abs=1e-9)
    assert np.any(taken >= 48)  # households that keep renting exist
    # and it is in the baseline each household must regain
    base = synthesize(WAVES, np.random.default_rng(1), lv).baseline
    without = synthesize(WAVES, np.random.default_rng(1), NO_OLD_RENT).baseline
    assert base - without == pytest.approx(12 * monthly, rel=1e-12)


def test_switching_rent_off_removes_all_rent():
    off = LandSharesParams(rent_on=False)
    run = _run(off, WAVES)
    assert not np.any(_flow(run, Source.RENT))
    assert not np.any(run.institution_flows[:, Source.RENT, :])
    for a in (appraise(off), cash_alternative(off)):
        assert not np.any(a.items["rent"])
    assert np.any(appraise(LandSharesParams()).items["rent"] > 0)  # on by default
    # a planted bug: rent paid regardless of the switch would be caught
    assert np.any(_flow(_run(LandSharesParams(), WAVES), Source.RENT))


def test_appraisal_and_simulation_agree_on_a_households_rent_path(lagged):
    # one wave at month 0 and land in proportion to members: every household's rent and
    # allowance per person are the appraisal's (same formulas, same let stock)
    c = lagged.community
    total = LAG.evolve(area_mu=float(c.land_mu.sum()), persons=int(c.size.sum()))
    it = appraise(total, horizon_years=3).items
    per_person = {
        Source.RENT: it["rent"] / total.persons,
        # the allowance as compensation; year 0's beside the wave's own
        Source.COMPENSATION: (it["transitional_allowance"] + it["to_households"]) / total.persons,
    }
    for source, expected in per_person.items():
        got = _flow(lagged, source) / c.size
        assert got == pytest.approx(np.repeat(expected[:, None], c.n_households, 1), rel=1e-9)
    assert it["rent"][2] > it["rent"][1] > it["rent"][0] == 0.0
    years = housing_years(total, 100.0 * total.persons, total.persons, 3)
    assert years["rent"].sum() > 0


def test_money_is_conserved():
    run = _run(LAG, WAVES, lv=LivelihoodParams())
    scale = np.abs(run.household_flows).sum() + np.abs(run.institution_flows).sum()
    assert abs(run.ledger_total) <= 1e-9 * scale
    # the appraisal: every yuan between stakeholders or with the outside market
    for a in (appraise(LAG), cash_alternative(LAG)):
        it = a.items
        market = (
            -it["construction"]
            + it["rent"]
            + it["forgone_farm_income"]
            + it["forgone_old_rent"]
            + it["reserved_land_rent"]
            + it.get("raised", 0.0)
            - it.get("to_outsiders", 0.0)
        )
        assert a.flows.sum(axis=0) == pytest.approx(market, rel=1e-9, abs=1e-3)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("construction_lag_years", -1.0),
        ("transitional_allowance_per_m2_month", -2.0),
        ("transitional_payer", "bank"),
        ("vacancy_rate", 1.5),
        ("town_rental_stock_m2", 0.0),
        ("rent_demand_elasticity", 0.0),
    ],
)
def test_bad_housing_values_raise_one_parameter_error(field, value):
    with pytest.raises(ParameterError, match=field):
        LandSharesParams(**{field: value})


@pytest.mark.parametrize("field", ["old_let_m2_per_person", "old_rent_per_m2_month"])
def test_bad_old_house_values_raise_one_parameter_error(field):
    with pytest.raises(ParameterError, match=field):
        LivelihoodParams(**{field: -1.0})


@pytest.mark.parametrize("start", [2010, 2013, 2004])
def test_price_levels_are_the_index_year_by_year(start):
    # land_shares reads every year's price level from one call: the very numbers that
    # PriceIndex.factor gives year by year (a start before the base year: year by year)
    index = PriceIndex()
    world = types.SimpleNamespace(prices=index, start_year=start)
    got = price_levels(world, 25)
    want = [float(index.factor(start + y)) for y in range(25)]
    assert got.tolist() == want


def test_payments_kept_between_waves_and_deliveries_are_those_worked_out_each_month(
    monkeypatch,
):
    """The postings kept by housing_month (posted again until a wave or a delivery) give
    the bits of working the payments out anew every month: waves at 0 and 12, deliveries
    at 18 and 30, rent falling at the second delivery."""
    kept = _run(LAG, WAVES, years=4)
    plain_month = land_shares.housing_month

    def anew(world, p, month, floor, swapped, kept=None):
        plain_month(world, p, month, floor, swapped, None)

    monkeypatch.setattr(land_shares, "housing_month", anew)
    plain = _run(LAG, WAVES, years=4)
    assert np.array_equal(kept.household_flows, plain.household_flows)
    assert np.array_equal(kept.institution_flows, plain.institution_flows)
    assert np.array_equal(kept.institution_balance, plain.institution_balance)
    rent = _flow(plain, Source.RENT)
    assert np.count_nonzero(rent[1])
    assert np.count_nonzero(rent[3]) > np.count_nonzero(rent[1])
