"""The shortcuts of day work and of the collectives' books give the rule's answer, bit for bit.

:class:`~collective_econ.economy._day_work.DayWork` looks at the first candidates in order
only (and, before any day work in a month, takes each one's room as the month's days);
these tests compare it with the rule over all candidates in the same state, and make
sure the shortcut is taken where it should be (a silent fallback would only be slower).
"""

import numpy as np
import pytest
import simpy

from collective_econ.economy import collective
from collective_econ.economy._day_work import DayWork, per_household
from collective_econ.economy.community import from_table
from collective_econ.economy.ledger import Ledger
from collective_econ.economy.world import World, institutions

WAGE, DAYS = 35.0, 26.0


def _world(seed, households=60):
    """Landless households of three persons, some in casual work; a few occupied."""
    rng = np.random.default_rng(seed)
    c = from_table(
        {"group": [0] * households, "size": [3] * households, "land_mu": [1.0] * households,
         "expropriation_month": rng.integers(0, 6, households).tolist()},
        rng,
        persons={"household": np.repeat(np.arange(households), 3),
                 "age": rng.integers(12, 65, 3 * households)},
    )  # fmt: skip
    ledger = Ledger(c.n_households, institutions(c.n_groups), 24)
    world = World(simpy.Environment(), c, ledger, 24)
    persons = np.arange(3 * households)
    pay = np.where(rng.random(persons.size) < 0.5, 0.0, rng.uniform(100.0, 800.0, persons.size))
    world.casual_pay = (persons, pay)
    world.occupy(persons[1::11])
    world.env.run(until=2)  # some households landless, some not yet
    return world


def _both(world, seed, need, span):
    """The days hired by DayWork.hire (from the first ``span``) and by the rule over all."""
    quick, full = (DayWork(world, np.random.default_rng(seed)) for _ in range(2))
    quick._span = span
    hired, days = quick.hire(need, WAGE, DAYS)
    full._rank()
    full._read_pay()
    rule = full._by_the_rule(need, need * (1.0 - 1e-12), WAGE, DAYS)
    return (hired, days), rule


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("need", [3.0, 40.0, 300.0, 5000.0])  # part of one, a few, many, all
@pytest.mark.parametrize("span", [1, 8, 64, 1000])
@pytest.mark.parametrize("earlier", [False, True])  # day work taken this month already
def test_the_first_candidates_give_the_rule_s_hiring(seed, need, span, earlier):
    world = _world(seed)
    if earlier:
        some = np.arange(0, world.n_persons, 4)
        world.take_days(some, np.full(some.size, 0.5))
    (hired, days), (rule_hired, rule_days) = _both(world, seed, need, span)
    np.testing.assert_array_equal(hired, rule_hired)
    assert days.tobytes() == rule_days.tobytes()  # bit for bit


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("need", [40.0, 300.0])
def test_a_new_month_ignores_last_month_s_day_work(seed, need):
    # the shortcut takes each one's room as the month's days in a month without day work
    # yet, without reading (or clearing) the record of an earlier month's: it must still
    # hire as the rule does once that record is cleared, and leave the record for
    # World.take_days to clear
    world = _world(seed)
    some = np.arange(0, world.n_persons, 2)
    world.take_days(some, np.full(some.size, 0.75))  # month 2: most of their days taken
    world.env.run(until=3)
    assert world.day_work_month == 2
    assert world.day_work[some].max() == 0.75
    (hired, days), (rule_hired, rule_days) = _both(world, seed, need, 1000)
    np.testing.assert_array_equal(hired, rule_hired)
    assert days.tobytes() == rule_days.tobytes()
    assert np.all(days[:-1] == DAYS)  # each one hired but the last: the month's days
    assert world.day_work_month == 3  # the rule read the record: cleared it
    assert not world.day_work.any()


def test_the_shortcut_is_taken_when_those_out_of_work_suffice(monkeypatch):
    world = _world(4)

    def not_called(*args):
        raise AssertionError("the rule over all candidates was used")

    work = DayWork(world, np.random.default_rng(4))
    monkeypatch.setattr(work, "_by_the_rule", not_called)
    _, days = work.hire(60.0, WAGE, DAYS)
    assert days.sum() == pytest.approx(60.0)
    assert work._span < work.ranked.size  # it looked at the first few only
    # someone forgoing less than nothing must come first: the shortcut steps aside
    listed, pay = world.casual_pay
    world.casual_pay = (listed, np.where(listed == listed[-1], -5.0, pay))
    with pytest.raises(AssertionError, match="rule over all"):
        work.hire(60.0, WAGE, DAYS)


def test_a_new_month_s_pay_is_read_anew():
    world = _world(5)
    work = DayWork(world, np.random.default_rng(5))
    hired, _ = work.hire(100.0, WAGE, DAYS)
    listed, pay = world.casual_pay
    first = work.ranked[hired]
    world.casual_pay = (listed, np.where(np.isin(listed, first), 500.0, pay))  # now in work
    again, _ = work.hire(100.0, WAGE, DAYS)
    assert not np.isin(work.ranked[again], first).any()


@pytest.mark.parametrize("seed", range(5))
def test_pay_by_household_is_per_household_bit_for_bit(seed):
    world = _world(seed)
    work = DayWork(world, np.random.default_rng(seed))
    work._rank()
    rng = np.random.default_rng(seed)
    hired = rng.choice(work.ranked.size, size=40, replace=False)
    amounts = rng.uniform(0.1, 900.0, hired.size) * 1.000001
    homes, pay = work.pay_by_household(hired, amounts)
    want_homes, want_pay = per_household(work.ranked_home[hired], amounts)
    np.testing.assert_array_equal(homes, want_homes)
    assert pay.tobytes() == want_pay.tobytes()


def test_the_december_plan_is_each_december_s_member_sizes():
    world = _world(6)
    pop, c = world.population, world.community
    plan = collective._december_sizes(world)
    assert sorted(plan) == [11, 23]
    for month, size in plan.items():
        alive = (pop.arrives <= month) & (month < pop.dies) & c.member[pop.household]
        np.testing.assert_array_equal(size, np.bincount(pop.household[alive], minlength=size.size))
    assert collective._december_sizes(world) is plan  # kept for the next run on this history


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("month", [2, 6])  # some not landless yet; every one landless
def test_the_landless_test_is_skipped_only_once_every_candidate_is_landless(seed, month):
    # from the month the last candidate becomes landless, the shortcut skips the test
    # of who is landless by now; before it, those not yet landless must not be hired
    world = _world(seed)
    if month > world.now:
        world.env.run(until=month)
    (hired, days), (rule_hired, rule_days) = _both(world, seed, 300.0, 1000)
    np.testing.assert_array_equal(hired, rule_hired)
    assert days.tobytes() == rule_days.tobytes()
    work = DayWork(world, np.random.default_rng(seed))
    work._rank()
    assert (work._all_landless <= world.now) == (month == 6)
    hired, _ = work.hire(300.0, WAGE, DAYS)
    assert np.all(work.ranked_from[hired] <= world.now)
    if month == 2:  # the test matters: someone not landless yet was among the first
        assert np.any(work.ranked_from[: int(hired.max()) + 1] > world.now)
