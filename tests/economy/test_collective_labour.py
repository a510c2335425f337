"""Collective projects' wages are labour-days within a time budget, at the cost of casual work."""

import numpy as np
import pytest
import simpy

import collective_econ
from collective_econ.cases.caopijie import default_scenario
from collective_econ.economy.collective import _CollectiveBooks
from collective_econ.economy.community import CommunityParams, from_table
from collective_econ.economy.ledger import Ledger, Source
from collective_econ.economy.schedule import Schedule
from collective_econ.economy.world import World, institutions
from collective_econ.policy import Policy
from collective_econ.scenario import Scenario
from collective_econ.schemes.tea import TeaParams
from collective_econ.testing import assert_conserved

WAGE, DAYS = 35.0, 26.0


def _world(ages, households, expropriated=(0, 0)):
    """A world of two landless households with persons of ``ages`` in ``households``."""
    c = from_table(
        {"group": [0, 0], "size": [2, 2], "land_mu": [1.0, 1.0],
         "expropriation_month": list(expropriated)},
        np.random.default_rng(1),
        persons={"household": households, "age": ages},
    )  # fmt: skip
    ledger = Ledger(c.n_households, institutions(c.n_groups), 24)
    world = World(simpy.Environment(), c, ledger, 24)
    books = _CollectiveBooks(world)
    ledger.pay(world.account("market"), books.keeper, 1e7, Source.SALES)  # cash to pay with
    return world, books


def test_days_paid_never_exceed_the_workers_days():
    # four persons: two of working age, one aged 60, one aged 15
    world, books = _world([30, 60, 45, 15], [0, 0, 1, 1])
    book, market = world.ledger, world.account("market")
    before = book.balance[market]
    worked = books.pay_wages(100 * DAYS * WAGE, Source.TEA_PICKING, day_wage=WAGE, max_days=DAYS)
    assert worked == pytest.approx(2 * DAYS)  # the two of working age, a full month each
    paid = book.balance[: world.community.n_households]
    np.testing.assert_allclose(paid, [DAYS * WAGE, DAYS * WAGE])
    assert book.balance[market] - before == pytest.approx(98 * DAYS * WAGE)  # hired outside
    np.testing.assert_allclose(world.day_work, [1.0, 0.0, 1.0, 0.0])
    # a second project the same month finds no days left: all of it goes outside
    assert books.pay_wages(10 * WAGE, Source.PARK_WAGE, day_wage=WAGE, max_days=DAYS) == 0.0
    assert book.balance[: world.community.n_households].sum() == pytest.approx(2 * DAYS * WAGE)
    assert book.total() == pytest.approx(0.0, abs=1e-6)


def test_small_bill_hires_only_the_days_it_needs():
    world, books = _world([30, 40, 45, 50], [0, 0, 1, 1])
    worked = books.pay_wages(30 * WAGE, Source.TEA_PICKING, day_wage=WAGE, max_days=DAYS)
    assert worked == pytest.approx(30.0)
    assert world.day_work.sum() * DAYS == pytest.approx(30.0)
    assert np.count_nonzero(world.day_work) == 2  # one full month and 4 days of another
    assert world.day_work.max() <= 1.0


def test_occupied_and_not_yet_landless_are_not_hired():
    world, books = _world([30, 40, 45, 50], [0, 0, 1, 1], expropriated=(0, 5))
    world.occupy(np.array([0]))
    worked = books.pay_wages(100 * DAYS * WAGE, Source.TEA_PICKING, day_wage=WAGE, max_days=DAYS)
    assert worked == pytest.approx(DAYS)  # person 1 only: 0 is occupied, 2-3 still farm
    np.testing.assert_allclose(world.day_work, [0.0, 1.0, 0.0, 0.0])


def test_those_out_of_work_are_hired_first():
    world, books = _world([30, 40, 45, 50], [0, 0, 1, 1])
    # the last wages: persons 0 and 2 in casual work, 1 and 3 out of it
    world.casual_pay = (np.array([0, 1, 2, 3]), np.array([444.0, 0.0, 444.0, 0.0]))
    books.pay_wages(2 * DAYS * WAGE, Source.TEA_PICKING, day_wage=WAGE, max_days=DAYS)
    np.testing.assert_allclose(world.day_work, [0.0, 1.0, 0.0, 1.0])
    # next month the record starts afresh
    world.env.run(until=1)
    assert not world.days_given().any()


def test_no_one_works_for_less_than_the_casual_income_forgone():
    world, books = _world([30, 40, 45, 50], [0, 0, 1, 1])
    world.casual_pay = (np.array([0, 1, 2, 3]), np.full(4, 2 * DAYS * WAGE))  # 70 yuan a day
    assert books.pay_wages(DAYS * WAGE, Source.TEA_PICKING, day_wage=WAGE, max_days=DAYS) == 0.0


# --- in a run --------------------------------------------------------------------------------

SMALL = CommunityParams(residents=3000, agricultural_residents=1200)
BIG_TEA = TeaParams(loan_limit=1e9, price_sd=0.0, area_mu=8_000.0)
"""A garden whose establishment needs more days a month than the landless can give."""


def _run(schemes, months):
    pol = Policy("test", schemes)
    return collective_econ.simulate(
        Scenario("labour test", (pol,), community=SMALL), pol, seed=3, horizon_months=months
    )


@pytest.fixture(scope="module")
def pair():
    return _run({}, 12), _run({"tea": Schedule(BIG_TEA)}, 12)


def test_collective_work_displaces_casual_work(pair):
    none, tea = pair
    wages = tea.income[0, Source.TEA_PICKING]
    hired = wages > 0
    casual_none, casual_tea = none.income[0, Source.WAGE], tea.income[0, Source.WAGE]
    # the same persons in the same casual work (common random numbers), but those who gave
    # days to the garden lost the casual income of those days; the others lost nothing
    np.testing.assert_allclose(casual_tea[~hired], casual_none[~hired])
    assert np.all(casual_tea[hired] <= casual_none[hired] + 1e-9)
    assert casual_tea[hired].sum() < casual_none[hired].sum() - 1_000


def test_wages_within_each_household_time_budget(pair):
    _, tea = pair
    c = tea.community
    pop = tea.population  # the most persons of working age present in any month of the year
    workers = np.max([np.bincount(pop.household[pop.working_age_at(m)], minlength=c.n_households)
                      for m in range(12)], axis=0)  # fmt: skip
    wages = tea.income[0, Source.TEA_PICKING]
    assert np.all(wages <= workers * 12 * DAYS * BIG_TEA.daily_wage + 1e-6)
    assert np.all(wages[~c.landless_target] == 0)
    assert_conserved(tea)


def test_establishment_total_unchanged_and_spread_over_its_months():
    total = 0.3 * 4_500.0 * BIG_TEA.area_mu  # the establishment's labour share, yuan
    for months in (1, 12):
        run = _run({"tea": Schedule(BIG_TEA)}, months)
        market = run.institutions.index("market")
        outside = run.institution_flows[0, Source.OPERATIONS, market]  # labour hired outside
        residents = run.income[0, Source.TEA_PICKING].sum()
        expected = total * min(months, BIG_TEA.establishment_months) / 12
        assert residents + outside == pytest.approx(expected)
        assert residents > 0
    # the first month's residents could not do a month's share: the rest was hired outside
    assert outside > 0


@pytest.fixture(scope="module")
def full():
    s = default_scenario()
    return collective_econ.simulate(s, s.policy("full package"), seed=1, horizon_years=5)


def test_not_every_landless_household_gets_collective_wages(full):
    c = full.community
    got = (full.income[:, Source.TEA_PICKING] + full.income[:, Source.PARK_WAGE]) > 0
    share = got[:, c.landless_target].mean(axis=1)
    assert np.all(share < 0.9)  # before: every landless household with a free member
    assert np.all(share > 0)
    assert_conserved(full)
