"""The households' SimPy process: farming, work, pensions, spending and savings each month."""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .ledger import Source
from .livelihood import LivelihoodParams, employment_share, pension, person_wage
from .world import SAVINGS_PRIORITY, LateEvent, World

__all__ = ["process"]


def _threshold(chance: Any) -> Any:
    """Chances as 32-bit thresholds: a uniform 32-bit integer ``u < t`` with ``t / 2**32``."""
    return np.minimum(np.floor(np.multiply(chance, 2.0**32)), 2.0**32 - 1).astype(np.uint32)


def process(world: World, params: LivelihoodParams, rng: np.random.Generator) -> Generator[Any]:
    """The monthly household economy (a SimPy process on ``world``).

    Draws one uniform per working-age person per month, whoever is occupied,
    so that schemes do not shift these draws (common random numbers). The
    uniforms are 32-bit (two from each 64-bit output of the generator, half
    the cost of doubles), compared with the monthly chances scaled to 2**32:
    each chance is exact to within 2**-32.
    """
    c = world.community
    book = world.ledger
    market, bank, gov = world.account("market"), world.account("bank"), world.account("government")
    households = slice(None)  # transfers to every household: one array operation each
    agri = c.agricultural[c.person_household]
    # everyone who is or will be of working age within the run (the chain takes this
    # year's working-age persons among them)
    workers = np.flatnonzero((c.age + world.horizon_months // 12 >= 16) & (c.age <= 59))
    w_household = c.person_household[workers]
    w_agri = agri[workers]
    wage = person_wage(params, w_agri, c.skill[workers])
    leave = 1.0 / params.work_spell_months
    bits, leave_at = rng.bit_generator, _threshold(leave)
    # the chain runs over this year's persons of working age (`active`, indices into
    # `workers`), taken again when ages or land change; the others are out of work
    active = np.zeros(0, dtype=np.intp)
    working = np.zeros(0, dtype=bool)
    farm_month = c.land_mu * params.farm_net_income_per_mu / 12.0
    farming = np.flatnonzero(c.land_mu > 0)
    find, pay_rate = np.zeros(0, dtype=np.uint32), np.zeros(0)
    free = working
    persons = homes = active
    seen_changes = -1  # `free`: the active persons not occupied by a scheme, as of this count
    pensions: NDArray[Any] = np.zeros(c.n_households)
    # interest and the savings/debt rates by whether a household's capital is positive:
    # indexed by (capital > 0) as 0/1
    interest = np.array([params.debt_rate / 12.0, params.deposit_rate / 12.0])
    draw = 1.0 - (1.0 - params.spend_down_rate) ** (1.0 / 12.0)
    repay = 1.0 / (12.0 * params.debt_repayment_years)
    drawdown = np.array([repay, draw])
    recent = np.zeros((12, c.n_households))  # the last 12 months' income, a ring buffer
    recent_sum = np.zeros(c.n_households)
    while world.now < world.horizon_months:
        now = world.now
        if now % 12 == 0 or world.newly_landless().size:  # older each January; land lost
            years = now // 12
            age = c.age[workers] + years
            if now % 12 == 0:  # this year's pensions, by household
                per_person = pension(params, c.age + years, agri)
                pensions = np.bincount(c.person_household, per_person, c.n_households)
            landless = world.landless()
            farming = farming[~landless[farming]]
            share = employment_share(params, age, w_agri, landless[w_household])
            now_active = np.flatnonzero(share > 0)
            if now == 0:  # the stationary share in work, before any land is lost
                before = employment_share(params, age, w_agri, np.zeros(workers.size, bool))
                working = rng.random(now_active.size) < before[now_active]
            else:  # those who stay keep their state; those who come of age start out of work
                was = np.zeros(workers.size, dtype=bool)
                was[active] = working
                working = was[now_active]
            active = now_active
            share = share[active]
            find = _threshold(np.minimum(1.0, leave * share / np.maximum(1.0 - share, 1e-12)))
            persons, homes = workers[active], w_household[active]
            pay_rate = wage[active] * (1.0 + params.real_wage_growth) ** years
            seen_changes = -1
        # farming, until the land is taken: market -> households
        if farming.size:
            book.pay_households(market, farming, farm_month[farming], Source.FARMING)
        # pensions: government -> households (zero for households without a pensioner)
        book.settle(gov, households, pensions, Source.PENSION)  # >= 0 by construction
        # work: update the chain (stay with u >= leave, start with u < find), then pay
        # those in work and not occupied by a scheme
        u = bits.random_raw((active.size + 1) // 2).view(np.uint32)[: active.size]
        working = (working & (u >= leave_at)) | (~working & (u < find))
        if seen_changes != world.occupancy_changes:
            free, seen_changes = world.occupied[persons] == 0, world.occupancy_changes
        earnings = np.bincount(homes, pay_rate * (working & free), c.n_households)
        book.settle(market, households, earnings, Source.WAGE)  # employers: the market
        yield LateEvent(world.env, SAVINGS_PRIORITY)
        # savings and debt: the bank pays interest on deposits and charges it on debts;
        # households spend their usual income, draw down savings and repay debts
        income = book.month_income
        capital = book.balance[: c.n_households] - income
        positive = (capital > 0).view(np.int8)
        book.settle(bank, households, capital * interest.take(positive), Source.INTEREST)
        slot = now % 12
        recent_sum += income - recent[slot]
        recent[slot] = income
        usual = recent_sum / min(now + 1, 12)
        spend = usual + drawdown.take(positive) * capital
        book.settle(market, households, -np.maximum(spend, 0.0), Source.CONSUMPTION)
        yield world.wait_until(world.now + 1)
