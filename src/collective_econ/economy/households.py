"""The households' SimPy process: farming, work, pensions, spending and savings each month."""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .ledger import Source
from .livelihood import LivelihoodParams, employment_share, old_house_rent, pension, person_wage
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

    Wages are paid after the month's other ordinary events (a zero-delay
    timeout), so that a scheme's hiring that month counts: persons occupied by a
    scheme earn no casual wage, and persons who gave a share of the month's
    working days to a collective project's day work (:meth:`World.take_days`)
    earn that share less of it. What each person in work earned before that
    share is published as ``world.casual_pay`` for the next month's hiring.
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
    old_rent = old_house_rent(params, c.size, c.agricultural)  # yuan/month, until demolished
    letting = np.flatnonzero(old_rent > 0)
    find, pay_rate = np.zeros(0, dtype=np.uint32), np.zeros(0)
    free = working
    persons = homes = active
    seen_changes = -1  # `free`: the active persons not occupied by a scheme, as of this count
    pensions: NDArray[Any] = np.zeros(c.n_households)
    # deposits earn the deposit rate; debts are loans in ``world.loans`` (a credit line)
    deposit = params.deposit_rate / 12.0
    draw = 1.0 - (1.0 - params.spend_down_rate) ** (1.0 / 12.0)
    keep = 1.0 - params.saving_rate  # the share of usual income spent
    credit = _CreditLines(world, params)
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
            letting = letting[~landless[letting]]  # the wave demolishes the old house
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
        if letting.size:  # old houses' tenants (market) -> households, until demolition
            book.pay_households(market, letting, old_rent[letting], Source.RENT)
        # pensions: government -> households (zero for households without a pensioner)
        book.settle(gov, households, pensions, Source.PENSION)  # >= 0 by construction
        # work, after the month's other ordinary events (the schemes' hiring, the
        # collective projects' day work): update the chain (stay with u >= leave, start
        # with u < find), then pay those in work and not occupied by a scheme, less the
        # share of the month's working days they gave to day work
        yield world.env.timeout(0)
        u = bits.random_raw((active.size + 1) // 2).view(np.uint32)[: active.size]
        working = (working & (u >= leave_at)) | (~working & (u < find))
        if seen_changes != world.occupancy_changes:
            free, seen_changes = world.occupied[persons] == 0, world.occupancy_changes
        paid = pay_rate * (working & free)
        world.casual_pay = (persons, paid)
        if world.day_work_month == now:
            paid = paid * (1.0 - world.day_work[persons])
        earnings = np.bincount(homes, paid, c.n_households)
        book.settle(market, households, earnings, Source.WAGE)  # employers: the market
        yield LateEvent(world.env, SAVINGS_PRIORITY)
        # savings and credit: the bank pays interest on deposits and charges it on the
        # households' credit lines; households spend their usual income and draw down
        # savings, within what cash and their line allow; surplus cash repays the line
        income = book.month_income
        balance = book.balance[: c.n_households]
        capital = np.maximum(balance - income, 0.0)
        slot = now % 12
        recent_sum += income - recent[slot]
        recent[slot] = income
        usual = recent_sum / min(now + 1, 12)
        spend = np.maximum(keep * usual + draw * capital, 0.0)
        earned = capital * deposit
        # the line's work is done only for households that owe or run short this month
        who = np.flatnonzero((spend > balance + earned) | credit.owing)
        if who.size:
            earned[who], repaid, spend[who] = credit.month(who, balance.take(who),
                                                           earned.take(who), spend.take(who),
                                                           usual.take(who))  # fmt: skip
        book.settle(bank, households, earned, Source.INTEREST)
        if who.size:  # principal repaid, less new drawings: households -> bank
            book.settle(bank, who, -repaid, Source.LOAN)
        book.settle(market, households, -spend, Source.CONSUMPTION)
        yield world.wait_until(world.now + 1)


class _CreditLines:
    """The households' revolving credit lines at the bank, worked with array operations.

    One line per household (a rural credit cooperative's micro-credit line). Each
    month a household that owes pays the line's interest (``debt_rate``) and a
    minimum repayment (what it owes over ``debt_repayment_years``); it may draw on
    the line up to ``credit_limit_income`` times its usual yearly income (its mean
    income of the last 12 months, x 12) to pay for its spending; it spends no more
    than its cash and that room; and cash left after spending repays the line. A
    household that cannot pay its dues even by cutting spending to nothing is in
    arrears (the shortfall is added to what it owes); after ``world.loans.default_after``
    months in arrears in a row it defaults: the bank writes the line off
    (``world.loans.register_default``; no cash moves) and the household borrows no
    more, here or in ``world.loans``. Only households that owe or run short are
    touched in a month, so the cost follows the number of borrowers.
    """

    def __init__(self, world: World, params: LivelihoodParams) -> None:
        n = world.community.n_households
        self.loans = world.loans
        self.r = params.debt_rate / 12.0
        self.repay = 1.0 / (12.0 * params.debt_repayment_years)
        self.multiple = 12.0 * params.credit_limit_income
        self.owed = world.loans.household_lines  # the bank's claims, kept in the book
        """What each household owes on its line, yuan (arrears included)."""
        self.owing = np.zeros(n, dtype=bool)
        """Households that owe something."""
        self.arrears = np.zeros(n, dtype=np.int64)
        self.after = world.loans.default_after

    def month(
        self,
        who: NDArray[np.intp],
        balance: NDArray[np.float64],
        earned: NDArray[np.float64],
        spend: NDArray[np.float64],
        usual: NDArray[np.float64],
    ) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
        """The month of the households ``who``: (net interest, principal repaid, spending).

        ``balance`` is their cash, ``earned`` their deposit interest, ``spend`` what
        they would spend; a negative principal repaid is a drawing on the line. The
        caller moves the money; cash ends at >= 0 for every household.
        """
        owed = self.owed.take(who)
        charge = owed * self.r
        due = owed * self.repay
        net = earned - charge
        cash = balance + net - due  # after interest and the minimum repayment
        room = np.maximum(self.multiple * np.maximum(usual, 0.0) - owed + due, 0.0)
        room[self.loans.defaulted(who)] = 0.0
        spend = np.minimum(spend, np.maximum(cash + room, 0.0))
        left = cash - spend  # < 0: drawn on the line (or arrears); > 0: repays more
        repaid = due + np.minimum(left, owed - due)
        owed -= repaid
        late = cash + room < 0.0  # dues unpaid even with spending cut to nothing
        arrears = np.where(late, self.arrears.take(who) + 1, 0)
        failed = arrears >= self.after
        if failed.any():  # default: the bank writes the line off, no cash moves
            self.loans.register_default(who[failed], owed[failed])
            owed[failed] = 0.0
        self.owed[who] = owed
        self.owing[who] = owed > 1e-9
        self.arrears[who] = arrears
        return net, repaid, spend
