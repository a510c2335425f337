"""The dibao's household sizes from a plan of their changes (schemes/_dibao_sizes.py).

The means test no longer asks the census for the sizes each month: it applies the
plan's changes to its own copy. A change it missed would go unnoticed in the other
tests (the dibao would simply be computed on stale sizes), so these check the plan
against the census month by month, and the process's top-ups against the sizes of
each month on a population where people come and go.
"""

import numpy as np
import pytest
import simpy

from collective_econ.economy.census import Census
from collective_econ.economy.community import CommunityParams, synthesize
from collective_econ.economy.ledger import Ledger, Source
from collective_econ.economy.population import DemographyParams, draw_history
from collective_econ.economy.schedule import Schedule
from collective_econ.economy.world import (
    CLOSE_PRIORITY,
    SAVINGS_PRIORITY,
    LateEvent,
    World,
    institutions,
)
from collective_econ.prices import FLAT, using
from collective_econ.schemes import firm_accounts
from collective_econ.schemes._dibao_sizes import size_changes
from collective_econ.schemes.safety_net import MEANS_TEST_MONTHS, DibaoParams, process

SMALL = CommunityParams(residents=3000, agricultural_residents=1200)
MONTHS = 48


@pytest.fixture(scope="module")
def history():
    community = synthesize(SMALL, np.random.default_rng(3))
    return community, draw_history(community, DemographyParams(), MONTHS, np.random.default_rng(4))


def test_the_plan_gives_the_census_sizes_every_month(history):
    _, h = history
    plan, census = size_changes(h, MONTHS), Census(h, MONTHS)
    sizes = census.household_sizes(0).copy()
    largest = int(sizes.max()) + plan.growth
    changed = 0
    for m in range(1, MONTHS):
        homes, delta = plan.at(m)
        assert np.all(np.diff(homes) > 0)
        assert np.all(delta != 0)
        sizes[homes] += delta
        changed += homes.size
        np.testing.assert_array_equal(sizes, census.household_sizes(m))
        assert sizes.max() <= largest
    assert changed > 100  # people came and went: the plan had work to do
    assert plan.at(0)[0].size == 0
    assert size_changes(h, MONTHS) is plan  # once per history (census.memo)


def test_a_missed_change_would_be_caught(history):
    # the check above can fail: drop one month's changes and the sizes differ from then on
    _, h = history
    plan, census = size_changes(h, MONTHS), Census(h, MONTHS)
    month = next(m for m in range(1, MONTHS) if plan.at(m)[0].size)
    sizes = census.household_sizes(0).copy()
    for m in range(1, month + 1):
        if m != month:
            sizes[plan.at(m)[0]] += plan.at(m)[1]
    assert not np.array_equal(sizes, census.household_sizes(month))


def test_top_ups_follow_the_persons_present_each_month(history):
    # the means test alone on a world whose population changes: full take-up, no cap,
    # no asset test; every household earns a fixed income, so the top-up of month m is
    # line x size(m) less that income, with size(m) the census's persons present
    community, h = history
    params = DibaoParams(take_up=1.0, line_month=300.0, asset_test=False)
    n = community.n_households
    income = np.random.default_rng(5).uniform(0.0, 1500.0, n)
    env = simpy.Environment()
    book = Ledger(n, institutions(community.n_groups, firm_accounts()), MONTHS)
    world = World(env, community, book, MONTHS, prices=FLAT, demography=h)
    market = world.account("market")
    got = np.zeros((MONTHS, n))

    def earn():
        while world.now < MONTHS:
            book.pay_households(market, np.arange(n), income, Source.WAGE)
            yield env.timeout(1)

    def probe_and_close():
        before = np.zeros(n)
        while world.now < MONTHS:
            yield LateEvent(env, SAVINGS_PRIORITY)
            total = book.household_flows[:, Source.DIBAO].sum(axis=0)
            got[world.now], before = total - before, total
            yield LateEvent(env, CLOSE_PRIORITY)
            book.close_month()
            yield env.timeout(1)

    with using(FLAT):
        env.process(earn())
        env.process(process(world, Schedule(params), np.random.default_rng(6)))
        env.process(probe_and_close())
        env.run(until=MONTHS)
    census = Census(h, MONTHS)
    first = census.household_sizes(0)
    differ = 0
    for m in range(MONTHS):
        size = census.household_sizes(m)
        expected = np.maximum(params.line_month * size - income, 0.0)
        np.testing.assert_allclose(got[m], expected, rtol=1e-12, atol=1e-9)
        differ += int(np.any(size != first))
    assert differ > MONTHS // 2  # sizes moved: stale ones would have been caught
    assert MEANS_TEST_MONTHS == 12
