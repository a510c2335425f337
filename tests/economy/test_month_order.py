"""The month's order: the schemes' occupations and day work of a month come before its wages.

The households' work step fires after every ordinary event of the month
(``economy.world.WORK_PRIORITY``), whenever that event was scheduled: a person a
scheme occupies in month t earns no casual wage in month t, and one it releases in
month t earns month t's (if in work), in every month, month 0 included. Before, the
step was a zero-delay timeout: a scheme whose step of the month was scheduled after it
(a scheme's first step in month 0, such as the hog farms started then) acted after the
wages, and its workers were paid a month of casual wages for the labour it occupied.
"""

import numpy as np
import pytest
import simpy

import collective_econ.simulation as engine
from collective_econ.cases.caopijie import default_scenario
from collective_econ.economy import households
from collective_econ.economy.community import CommunityParams, synthesize
from collective_econ.economy.ledger import Ledger, Source
from collective_econ.economy.world import MONTH_END_PRIORITY, LateEvent, World, institutions
from collective_econ.prices import using
from collective_econ.scenario import Scenario
from collective_econ.simulation import simulate

SMALL = CommunityParams(residents=3000, agricultural_residents=1200)
MONTHS = 8


@pytest.fixture(scope="module")
def scenario():
    sc = default_scenario()
    return sc, synthesize(SMALL, np.random.default_rng(5), sc.livelihood)


def _run(sc, community, plan=None):
    """The households' economy alone, with a toy scheme acting on ``plan`` if given.

    ``plan``: ``{month: (occupied, released, zero_delays)}``; the scheme waits for the
    month (a timeout scheduled when it last acted: in month 0, after the households'
    first step), then for ``zero_delays`` zero-delay timeouts within it (scheduled
    after the households' own step of the month has started), then releases and
    occupies. Returns each month's wages by household (market -> households, WAGE)
    and the casual pay the households' economy published each month, by person.
    """
    env = simpy.Environment()
    book = Ledger(community.n_households, institutions(community.n_groups), MONTHS)
    world = World(env, community, book, MONTHS, sc.start_year, prices=sc.prices)
    wages = np.zeros((MONTHS, community.n_households))
    pay = np.zeros((MONTHS, world.n_persons))

    def scheme():
        for month, (occupied, released, zero_delays) in sorted(plan.items()):
            yield world.wait_until(month)
            for _ in range(zero_delays):
                yield env.timeout(0)
            world.release(released)
            world.occupy(occupied)

    def probe():  # at each month's end: the month's wages and published casual pay
        before = np.zeros(community.n_households)
        while world.now < MONTHS:
            yield LateEvent(env, MONTH_END_PRIORITY)
            total = book.household_flows[0, Source.WAGE].copy()
            wages[world.now], before = total - before, total
            listed, paid = world.casual_pay
            pay[world.now, listed] = paid
            yield env.timeout(1)

    processes = [households.process(world, sc.livelihood, np.random.default_rng(7))]
    processes += [scheme()] if plan else []
    processes += [probe(), engine._service_loans(world), engine._close_months(world)]
    for proc in processes:
        env.process(proc)
    with using(sc.prices):
        env.run(until=MONTHS)
    return wages, pay, community.n_persons


def test_persons_occupied_in_a_month_earn_no_casual_wage_that_month(scenario):
    # the same households' economy (the same work chain: one draw per person whoever is
    # occupied) without and with a scheme that occupies persons in work in month 0 (its
    # first step, scheduled after the households'), and others in month 3 after two
    # zero-delay timeouts, and releases the first ones in month 6: each month's wages
    # are those without the scheme less the pay of the persons occupied at the month's
    # end, exactly (those released in month 6 earn month 6's)
    sc, community = scenario
    wages, pay, n = _run(sc, community)
    first = np.flatnonzero((pay[0, :n] > 0) & (pay[:6, :n] > 0).all(axis=0))[:20]
    later = np.setdiff1d(np.flatnonzero(pay[3, :n] > 0), first)[:20]
    assert first.size == later.size == 20
    none = first[:0]
    plan = {0: (first, none, 0), 3: (later, none, 2), 6: (none, first, 0)}
    with_scheme, _, _ = _run(sc, community, plan)
    home = community.person_household
    for month in range(MONTHS):
        occupied = np.concatenate([first] * (month < 6) + [later] * (month >= 3))
        lost = np.bincount(home[occupied], pay[month, occupied], community.n_households)
        assert lost.sum() > 0  # (not vacuous: persons in work are occupied every month)
        np.testing.assert_allclose(
            with_scheme[month], wages[month] - lost, rtol=1e-12, atol=1e-9, err_msg=str(month)
        )
    assert pay[6, first].sum() > 0  # (those released in month 6 are in work: paid again)


@pytest.mark.parametrize("policy", ["shares + hogs", "full package"])
def test_no_scheme_changes_who_works_after_the_month_s_wages(scenario, policy, monkeypatch):
    # every occupation, release and day work of a run comes before the month's wages are
    # worked out, in every month (hog farms start in month 0, jobs and day work begin
    # then): so the persons occupied at a month's end are those the wages left out
    sc, community = scenario
    sc = Scenario("small", sc.policies, community=SMALL, horizon_years=3)
    paid_month, late, changes = {}, [], []
    real = {name: getattr(World, name) for name in ("occupy", "release", "take_days")}
    publish = World.publish_casual_pay

    def watch(name):
        def call(world, persons, *args):
            real[name](world, persons, *args)
            if len(persons):
                changes.append(world.now)
                if world.now in paid_month:
                    late.append((name, world.now, len(persons)))

        return call

    def published(world, make):
        publish(world, make)
        listed, pay = world.casual_pay
        occupied = world.occupied[listed] > 0
        paid_month[world.now] = float(pay[occupied].sum())  # (0 as they should be)

    for name in real:
        monkeypatch.setattr(World, name, watch(name))
    monkeypatch.setattr(World, "publish_casual_pay", published)
    simulate(sc, policy, seed=3, community=community)
    assert late == []
    assert 0 in changes  # not vacuous: schemes occupy in month 0, and in later months
    assert len(set(changes)) > 3
    assert set(paid_month.values()) == {0.0}
