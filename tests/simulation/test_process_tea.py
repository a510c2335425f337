"""The tea garden's SimPy process (schemes/tea.py): flows, owners, workers, agreement."""

import numpy as np
import pytest

from collective_econ.economy.community import CommunityParams
from collective_econ.economy.ledger import Source
from collective_econ.economy.schedule import Period, Schedule
from collective_econ.policy import Policy
from collective_econ.prices import FLAT, using
from collective_econ.scenario import Scenario
from collective_econ.schemes.tea import TeaParams, appraise
from collective_econ.seeding import as_seed_sequence, stream
from collective_econ.simulation import simulate
from collective_econ.testing import assert_conserved

SMALL = CommunityParams(residents=3000, agricultural_residents=1200)
YEARS = 5
STEADY = TeaParams(loan_limit=1e9, price_sd=0.0)  # expected prices every year


@pytest.fixture(autouse=True, scope="module")
def flat_prices():
    """These tests check the scheme's 2010 economics by hand: no inflation, no real wage
    growth (scenarios built here default to the current index; tests/test_real_terms.py
    checks the real-terms mechanics)."""
    with using(FLAT):
        yield


def _run(tea=STEADY, periods=(), seed=1, years=YEARS, schemes=True):
    pol = Policy("tea", {"tea": Schedule(tea, periods)} if schemes else {})
    return simulate(
        Scenario("tea test", (pol,), community=SMALL), pol, seed=seed, horizon_years=years
    )


def _collectives(run):
    """Flows of every collective, shape (years, sources, groups)."""
    cols = [i for i, n in enumerate(run.institutions) if n.startswith("collective:")]
    return run.institution_flows[:, :, cols]


def _project_net(run):
    """The collectives' net flows from the garden by year (their payouts to members left out)."""
    flows = _collectives(run).sum(axis=2)
    return flows.sum(axis=1) - flows[:, Source.COLLECTIVE_PAYOUT]


def _workers(run):
    c = run.community
    return np.bincount(c.person_household[c.working_age], minlength=c.n_households)


def test_money_is_conserved():
    run = _run(
        TeaParams(loan_limit=1e9, establishment_subsidy_per_mu=1_000.0)
    )  # random prices, a subsidy
    assert_conserved(run)


@pytest.mark.parametrize("seed", [1, 7])
def test_run_equals_the_appraisal_along_the_same_price_path(seed):
    # the process draws its price path from its own stream ("scheme", "tea") as appraise(rng=)
    p = TeaParams(loan_limit=1e9, establishment_subsidy_per_mu=500.0)
    run = _run(p, seed=seed)
    rng = stream(as_seed_sequence(seed), "scheme", "tea")
    a = appraise(p, horizon_years=YEARS - 1, rng=rng)
    flows = _collectives(run).sum(axis=2)
    picking = run.income[:, Source.TEA_PICKING].sum(axis=1)
    np.testing.assert_allclose(picking, a.items["wages"], rtol=1e-9)
    market = flows[:, Source.SALES] + flows[:, Source.INVESTMENT]
    np.testing.assert_allclose(market, a.items["revenue"] - a.items["purchases"], rtol=1e-9)
    # cash flows: the appraisal's collective also owes its loans' balance at the horizon
    # (loan_claim, last year), which the run keeps as a claim (RunResult.claims)
    cash = a.of("collective") + a.items["loan_claim"]
    np.testing.assert_allclose(_project_net(run), cash, rtol=1e-9, atol=1e-6)
    cols = [i for i, n in enumerate(run.institutions) if n.startswith("collective:")]
    owed = -run.claims[run.community.n_households :][cols].sum()
    # ... and the run's debt at the horizon is the appraisal's claim, to the months' interest
    # and drawdowns the yearly plan does not count (4% at these seeds)
    assert owed == pytest.approx(a.items["loan_claim"][-1], rel=0.06)
    assert owed > 1e6
    # before financing: the run's flows other than loans and interest are the appraisal's
    operating = _project_net(run) - flows[:, Source.LOAN] - flows[:, Source.INTEREST]
    np.testing.assert_allclose(operating, a.items["collective_profit"], rtol=1e-9)
    gov = run.institution("government")[:, Source.OPERATIONS]
    np.testing.assert_allclose(gov, a.of("government"), rtol=1e-9)


def test_sales_agree_with_the_expected_appraisal_on_average():
    # 12 seeds x years 3-4: the yearly multiplier has log-sd 0.25 and persistence 0.5, so the
    # mean multiplier's sd is about 0.25 * sqrt(0.75) / sqrt(12) = 0.06: allow 3 sd (0.19)
    p = TeaParams(loan_limit=1e9)
    a = appraise(p, horizon_years=YEARS - 1)
    sales = np.mean(
        [_collectives(_run(p, seed=s)).sum(axis=2)[3:, Source.SALES].sum() for s in range(12)]
    )
    expected = (a.items["revenue"] - a.items["purchases"])[3:].sum()
    revenue = a.items["revenue"][3:].sum()
    assert abs(sales - expected) <= 0.19 * revenue


def test_wages_go_to_landless_households_within_their_days():
    run = _run()
    c = run.community
    paid = run.income[:, Source.TEA_PICKING]
    assert np.all(paid >= 0)
    receivers = paid.sum(axis=0) > 0
    assert np.all(c.landless_target[receivers])
    # of working age at some month of the run: a member of month 0, or one who turns 16
    pop, last = run.population, 12 * YEARS - 1
    ever = ((last - pop.born) // 12 >= 16) & (-pop.born // 12 <= 59)
    assert np.all(np.bincount(pop.household[ever], minlength=c.n_households)[receivers] > 0)
    # the establishment (year 0): only households whose land went in the first wave
    assert np.all(c.expropriation_month[paid[0] > 0] == 0)
    # year 4, after every wave: labour-days within each household's working days
    # (26 a month per member of working age, at 35 yuan), and only to those who can work
    months = [np.bincount(pop.household[pop.working_age_at(m)], minlength=c.n_households)
              for m in range(48, 60)]  # fmt: skip
    eligible = c.landless_target & (sum(months) > 0)
    assert np.all(paid[4, ~eligible] == 0)
    assert np.all(paid[4] <= sum(months) * 26 * 35.0 + 1e-6)


def test_each_collective_keeps_its_members_share_of_the_net():
    run = _run(years=4)
    c = run.community
    persons = np.bincount(c.group[c.member], c.size[c.member], c.n_groups)
    own = _collectives(run)
    net = own.sum(axis=1) - own[:, Source.COLLECTIVE_PAYOUT]  # (years, groups)
    for year in range(4):
        np.testing.assert_allclose(
            net[year], net[year].sum() * persons / persons.sum(), rtol=1e-9, atol=1e-6
        )


def test_casual_work_lost_only_by_those_who_work_in_the_garden():
    # common random numbers: farming and casual work are the same with or without the garden,
    # but those who worked in it lost the casual income of the days they gave it
    with_tea, without = _run(), _run(schemes=False)
    assert np.array_equal(with_tea.income[:, Source.FARMING], without.income[:, Source.FARMING])
    hired = with_tea.income[:, Source.TEA_PICKING] > 0
    casual, before = with_tea.income[:, Source.WAGE], without.income[:, Source.WAGE]
    np.testing.assert_allclose(casual[~hired], before[~hired], rtol=1e-12)
    assert np.all(casual[hired] <= before[hired] + 1e-9)


def test_reproducible():
    p = TeaParams()  # the defaults: the garden sized to what cash and credit carry
    a, b, other = _run(p, seed=3), _run(p, seed=3), _run(p, seed=4)
    assert np.array_equal(a.income, b.income)
    assert np.array_equal(a.institution_flows, b.institution_flows)
    assert not np.array_equal(a.income, other.income)


def test_dated_wage_rise_takes_effect():
    # from month 36 (year 3) pickers earn 70 yuan a day instead of 35
    run = _run(periods=(Period(36, None, {"daily_wage": 70.0}),))
    before = appraise(STEADY, horizon_years=YEARS - 1).items["wages"]
    after = appraise(STEADY.evolve(daily_wage=70.0), horizon_years=YEARS - 1).items["wages"]
    picking = run.income[:, Source.TEA_PICKING].sum(axis=1)
    np.testing.assert_allclose(picking[:3], before[:3], rtol=1e-9)
    np.testing.assert_allclose(picking[3:], after[3:], rtol=1e-9)
    assert picking[4] > before[4]


def test_full_subsidy_leaves_the_collectives_nothing_to_pay_at_planting():
    p = STEADY.evolve(establishment_subsidy_per_mu=STEADY.establishment_cost_per_mu)
    assert _project_net(_run(p, years=2))[0] == pytest.approx(0.0, abs=1e-6)


def test_no_labour_costs_no_wages():
    p = STEADY.evolve(daily_wage=0.0, upkeep_labour_share=0.0, establishment_labour_share=0.0)
    run = _run(p)
    assert not np.any(run.household_flows[:, Source.TEA_PICKING])
    assert not np.any(run.institution_flows[:, Source.TEA_PICKING])


def test_wakes_every_month():
    # the process's own start and end, plus one event a month after the first: it wakes every
    # month (not only in tea.GROWING_MONTHS) to service its loans (interest in the grace years)
    extra = _run().events - _run(schemes=False).events
    assert extra == 2 + (12 * YEARS - 1)
