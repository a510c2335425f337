"""The demonstration park's SimPy process (schemes/agro_park.py): flows, owners, the seed."""

import numpy as np
import pytest

from collective_econ.economy.community import CommunityParams
from collective_econ.economy.ledger import Source
from collective_econ.economy.schedule import Period, Schedule
from collective_econ.policy import Policy
from collective_econ.prices import FLAT, using
from collective_econ.scenario import Scenario
from collective_econ.schemes.agro_park import SEED_ANNUAL_INCOME, AgroParkParams, appraise
from collective_econ.seeding import as_seed_sequence, stream
from collective_econ.simulation import simulate
from collective_econ.testing import assert_conserved

SMALL = CommunityParams(residents=3000, agricultural_residents=1200)
YEARS = 5
STEADY = AgroParkParams(loan_limit=1e9, walnut_price_sd=0.0)  # the expected price every year


@pytest.fixture(autouse=True, scope="module")
def flat_prices():
    """These tests check the scheme's 2010 economics by hand: no inflation, no real wage
    growth (scenarios built here default to the current index; tests/test_real_terms.py
    checks the real-terms mechanics)."""
    with using(FLAT):
        yield


def _run(park=STEADY, periods=(), seed=1, years=YEARS, schemes=True):
    pol = Policy("park", {"agro_park": Schedule(park, periods)} if schemes else {})
    return simulate(
        Scenario("park test", (pol,), community=SMALL), pol, seed=seed, horizon_years=years
    )


def _collectives(run):
    """Flows of every collective, shape (years, sources, groups)."""
    cols = [i for i, n in enumerate(run.institutions) if n.startswith("collective:")]
    return run.institution_flows[:, :, cols]


def _project_net(run):
    """The collectives' net flows from the park by year (their payouts to members left out)."""
    flows = _collectives(run).sum(axis=2)
    return flows.sum(axis=1) - flows[:, Source.COLLECTIVE_PAYOUT]


def _operating_net(run):
    """The collectives' net flows from the park before financing (loans and interest left out)."""
    flows = _collectives(run).sum(axis=2)
    return _project_net(run) - flows[:, Source.LOAN] - flows[:, Source.INTEREST]


def test_money_is_conserved():
    run = _run(AgroParkParams(loan_limit=1e9))
    assert_conserved(run)


@pytest.mark.parametrize("seed", [1, 7])
def test_run_equals_the_appraisal_along_the_same_price_path(seed):
    # the process draws its walnut prices from its own stream ("scheme", "agro_park")
    p = AgroParkParams(loan_limit=1e9, walnut_price_trend=-0.03)
    run = _run(p, seed=seed)
    a = appraise(
        p, horizon_years=YEARS - 1, rng=stream(as_seed_sequence(seed), "scheme", "agro_park")
    )
    flows = _collectives(run).sum(axis=2)
    wages = run.income[:, Source.PARK_WAGE].sum(axis=1)
    # every labour-day is worked by residents here (the households' appraised gain is these
    # wages less the casual income forgone, which the run books as lower casual wages)
    np.testing.assert_allclose(wages, a.items["wages"], rtol=1e-9)
    np.testing.assert_allclose(
        flows[:, Source.SALES] + flows[:, Source.INVESTMENT],
        a.items["revenue"] - a.items["purchases"],
        rtol=1e-9,
    )
    # loans are nominal: the run deflates what is owed monthly, the plan yearly (a few yuan
    # on a project of 1 M yuan); before financing the two are equal
    # the appraisal's collective also owes its loans' balance at the horizon (loan_claim,
    # last year), which the run keeps as a claim (RunResult.claims)
    cash = a.of("collective") + a.items["loan_claim"]
    np.testing.assert_allclose(_project_net(run), cash, rtol=1e-9, atol=50.0)
    np.testing.assert_allclose(_operating_net(run), a.items["operating"], rtol=1e-9)
    cols = [i for i, n in enumerate(run.institutions) if n.startswith("collective:")]
    owed = -run.claims[run.community.n_households :][cols].sum()
    assert owed > 0.5e6  # 5 years: the establishment loan is not repaid yet
    assert owed == pytest.approx(a.items["loan_claim"][-1], rel=0.06)


def test_mature_park_earns_the_collectives_the_seeds_400000_yuan():
    # seed-facts.md §4: 年创收40万元, read as the collectives' net income at maturity (year 8+)
    # before financing; what the collectives keep is that less the loans' debt service
    run = _run(years=10)
    np.testing.assert_allclose(_operating_net(run)[8:], SEED_ANNUAL_INCOME, rtol=1e-9)
    flows = _collectives(run).sum(axis=2)
    assert np.all(flows[8:, Source.INTEREST] < 0)  # the establishment's loans still cost
    np.testing.assert_allclose(
        _project_net(run)[8:],
        SEED_ANNUAL_INCOME + flows[8:, Source.LOAN] + flows[8:, Source.INTEREST],
        rtol=1e-9,
    )


def test_mature_income_on_average_with_random_walnut_prices():
    # 16 seeds x years 8-9, independent yearly multipliers of log-sd 0.25 on 450,000 yuan of
    # walnut income net of inputs: sd of the mean ~ 450,000 * 0.25 / sqrt(32) = 20,000; 3 sd
    # (before financing: the debt service depends on the path of prices, see above)
    p = AgroParkParams(loan_limit=1e9)
    nets = [_operating_net(_run(p, seed=s, years=10))[8:] for s in range(16)]
    assert np.mean(nets) == pytest.approx(SEED_ANNUAL_INCOME, abs=60_000)


def test_wages_go_to_landless_households_within_their_days():
    run = _run()
    c = run.community
    paid = run.income[:, Source.PARK_WAGE]
    workers = np.bincount(c.person_household[c.working_age], minlength=c.n_households)
    receivers = paid.sum(axis=0) > 0
    assert np.all(c.landless_target[receivers])
    assert np.all(workers[receivers] > 0)
    assert np.all(c.expropriation_month[paid[0] > 0] == 0)  # establishment: the first wave
    # year 3, after every wave: labour-days within each household's working days
    # (26 a month per member of working age, at 35 yuan), and only to those who can work
    eligible = c.landless_target & (workers > 0)
    assert np.all(paid[3, ~eligible] == 0)
    assert np.all(paid[3] <= workers * 12 * 26 * 35.0 + 1e-6)


def test_each_collective_keeps_its_members_share_of_the_net():
    run = _run()
    c = run.community
    persons = np.bincount(c.group[c.member], c.size[c.member], c.n_groups)
    own = _collectives(run)
    net = own.sum(axis=1) - own[:, Source.COLLECTIVE_PAYOUT]
    for year in range(YEARS):
        np.testing.assert_allclose(
            net[year], net[year].sum() * persons / persons.sum(), rtol=1e-9, atol=1e-6
        )


def test_casual_work_lost_only_by_those_who_work_in_the_park():
    with_park, without = _run(), _run(schemes=False)
    assert np.array_equal(with_park.income[:, Source.FARMING], without.income[:, Source.FARMING])
    hired = with_park.income[:, Source.PARK_WAGE] > 0
    casual, before = with_park.income[:, Source.WAGE], without.income[:, Source.WAGE]
    np.testing.assert_allclose(casual[~hired], before[~hired], rtol=1e-12)
    assert np.all(casual[hired] <= before[hired] + 1e-9)


def test_reproducible():
    p = AgroParkParams(loan_limit=1e9)
    a, b, other = _run(p, seed=3), _run(p, seed=3), _run(p, seed=4)
    assert np.array_equal(a.income, b.income)
    assert np.array_equal(a.institution_flows, b.institution_flows)
    assert not np.array_equal(a.institution_flows, other.institution_flows)


def test_dated_price_change_takes_effect():
    # walnuts fetch 30 yuan/kg from month 36 (year 3) on
    run = _run(periods=(Period(36, None, {"walnut_price": 30.0}),))
    before = appraise(STEADY, horizon_years=YEARS - 1).items["revenue"]
    after = appraise(STEADY.evolve(walnut_price=30.0), horizon_years=YEARS - 1).items["revenue"]
    sales = _collectives(run).sum(axis=2)[:, Source.SALES] / (1 - STEADY.operating_cost_share)
    np.testing.assert_allclose(sales[1:3], before[1:3], rtol=1e-9)
    np.testing.assert_allclose(sales[3:], after[3:], rtol=1e-9)


def test_no_labour_no_wages():
    run = _run(STEADY.evolve(labour_days_per_mu=0.0, establishment_labour_share=0.0))
    assert not np.any(run.household_flows[:, Source.PARK_WAGE])
    assert not np.any(run.institution_flows[:, Source.PARK_WAGE])


def test_wakes_every_month():
    # the process's start and end, and one event a month after the first: it wakes every month
    # (not only each September) to service its loans (interest in the grace years)
    extra = _run().events - _run(schemes=False).events
    assert extra == 2 + (12 * YEARS - 1)
