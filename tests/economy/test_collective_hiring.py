"""Day work is hired in the order of what each worker forgoes, then a fixed order among equals.

:meth:`_CollectiveBooks.pay_wages` keeps the candidates in their order among equals and
hires from those who forgo nothing without sorting the rest when they suffice. These
tests compare it with the rule written out as a full sort, in months where those who forgo
nothing suffice, where they do not, and where someone forgoes less than nothing.
"""

import numpy as np
import pytest
import simpy

from collective_econ.economy.collective import _CollectiveBooks
from collective_econ.economy.community import from_table
from collective_econ.economy.ledger import Ledger, Source
from collective_econ.economy.world import World, institutions

WAGE, DAYS = 35.0, 26.0


def _world(seed):
    """Twelve landless households of three persons of working age, with some casual pay."""
    rng = np.random.default_rng(seed)
    n = 12
    c = from_table(
        {"group": [0] * n, "size": [3] * n, "land_mu": [1.0] * n,
         "expropriation_month": [0] * n},
        rng,
        persons={"household": np.repeat(np.arange(n), 3), "age": rng.integers(20, 50, 3 * n)},
    )  # fmt: skip
    ledger = Ledger(c.n_households, institutions(c.n_groups), 24)
    world = World(simpy.Environment(), c, ledger, 24)
    books = _CollectiveBooks(world)  # no generator: equals in the persons' order
    ledger.pay(world.account("market"), books.keeper, 1e7, Source.SALES)
    persons = np.arange(3 * n)
    pay = np.where(rng.random(3 * n) < 0.4, 0.0, rng.uniform(100.0, 800.0, 3 * n))
    world.casual_pay = (persons, pay)
    world.take_days(persons[::5], np.full(persons[::5].size, 0.5))  # some gave days already
    world.occupy(persons[1::7])
    return world, books


def _by_full_sort(world, books, amount):
    """The days each person gives, by the rule with a full sort (persons' order among equals)."""
    cand = books.candidates
    listed, pay = world.casual_pay
    full = np.zeros(world.n_persons)
    full[listed] = pay
    forgone = full[cand] / DAYS
    room = (1.0 - world.days_given()[cand]) * DAYS
    able = world.working_age()[cand] & (room > 1e-9) & (world.occupied[cand] == 0)
    able &= forgone < WAGE
    pool = np.flatnonzero(able)
    pool = pool[np.lexsort((pool, forgone[pool]))]
    days, left = np.zeros(world.n_persons), amount / WAGE
    for i in pool:
        days[cand[i]] = min(room[i], left)
        left -= days[cand[i]]
        if left <= 1e-9:
            break
    return days


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("workers", [0.5, 3.5, 20.0])  # a few, more than those out of work, all
def test_hiring_follows_the_full_sort(seed, workers):
    world, books = _world(seed)
    if seed == 3:  # someone forgoes less than nothing: first of all
        listed, pay = world.casual_pay
        world.casual_pay = (listed, np.where(listed == 30, -50.0, pay))
    before = world.days_given().copy()
    amount = workers * DAYS * WAGE
    expected = _by_full_sort(world, books, amount)
    worked = books.pay_wages(amount, Source.TEA_PICKING, day_wage=WAGE, max_days=DAYS)
    given = (world.days_given() - before) * DAYS
    np.testing.assert_allclose(given, expected, atol=1e-9)
    assert worked == pytest.approx(expected.sum())
    # each household is paid its members' days, in one transfer
    homes = world.population.household
    paid = world.ledger.household_flows[0, Source.TEA_PICKING]
    np.testing.assert_allclose(paid, np.bincount(homes, given * WAGE, paid.size), atol=1e-6)
