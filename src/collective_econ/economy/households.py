"""The households' SimPy process: farming, work, pensions, spending and savings each month."""

from __future__ import annotations

from collections.abc import Callable, Generator
from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..errors import ParameterError
from ._credit_lines import _CreditLines
from .census import MEMO_BYTES, distinct, group_by, members, memo, remittances_by_month, schedule
from .ledger import Source
from .livelihood import (
    AGE_BANDS,
    LivelihoodParams,
    age_band,
    employment_share,
    old_house_rent,
    pension,
    person_wage,
)
from .world import SAVINGS_PRIORITY, WORK_PRIORITY, LateEvent, World

__all__ = ["process"]

_sum_of = np.add.reduce
"""``a.sum()`` of a 1-d array without the method's Python wrapper (the same sum)."""


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

    The month's order (:mod:`~.world`): farming, rents, pensions and remittances
    when the month starts (an ordinary event); wages after every ordinary event
    of the month (``WORK_PRIORITY``), so that every scheme's hiring, release and
    day work of the month counts, in every month, month 0 included: persons
    occupied by a scheme when the wages are worked out earn no casual wage that
    month (those a scheme occupies in month ``t`` earn none in month ``t``; those
    it releases in month ``t`` earn month ``t``'s, if in work), and persons who
    gave a share of the month's working days to a collective project's day work
    (:meth:`World.take_days`) earn that share less of it; then spending and
    saving (``SAVINGS_PRIORITY``). What each person in work earned before that
    share is published as ``world.casual_pay`` for the next month's hiring
    (worked out if someone reads it).

    What depends on the population history and the draws alone is kept for the
    next run on the same history (:func:`~.census.memo`: the policies of a
    replication): the work chain, the wages each household earns with nobody
    occupied, the pensions of each month, with their sums (and the remittances,
    with the history: :func:`~.census.remittances_by_month`). A run
    that replays them works out again only the wages of the households a scheme
    has touched (:meth:`World.touched_households`: the others' persons have
    always been free and given no day work), each in the order of the whole
    sum, so that every run gives the bits it would give alone; once half of the
    agricultural households are touched, all of them (``_WIDEN_AT``).

    The savings step works on as few arrays as it can (the income of 12 months
    before is the ledger's, :meth:`~.ledger.Ledger.income_ago`: the step reads the
    month's income as final, :meth:`~.ledger.Ledger.final_month_income`, so that a
    posting of income after it in the month raises, and its interest on deposits is
    left out of the month's income): it is bound by passes over every household's
    figures and by its numpy calls.

    Persons are the world's population slots: those present and of working age
    this month work (a death, a departure or a 16th birthday changes the chain
    the month it happens); pensions go to persons alive aged 60 or over; members
    away send their remittances home each month (market -> household,
    ``REMITTANCE``).
    """
    c = world.community
    book = world.ledger
    market, bank, gov = world.account("market"), world.account("bank"), world.account("government")
    n_households = c.n_households
    pop = world.population  # every person slot of the run: month-0 persons, then births
    plan = memo((pop, c), ("households", world.horizon_months), lambda: _plan(world))
    workers, w_household, w_agri, by_household, starts = plan.workers
    elders, e_born, e_dies, e_agri, e_household = plan.elders
    e_groups = plan.elder_groups
    retiring = plan.retiring
    each = np.arange(workers.size)
    wage = person_wage(params, w_agri, pop.skill[workers])
    e_amount, e_sixty = pension(params, np.full(elders.size, 60), e_agri), e_born + 720
    # what depends on the population alone is the same in every run on this history (the
    # policies of a replication): the pensions paid each month, with their sums (the
    # ledger's postings of a kept plan need no new sum), and each year's wages
    paid_key = ("paid", world.horizon_months, params, world.prices, world.start_year)
    paid_by_month: dict[tuple[str, int], Any] = (
        memo((pop, c), paid_key, dict)
        if (8 * n_households + workers.size) * world.horizon_months <= MEMO_BYTES
        else {}
    )
    shares = np.array(  # employment_share's table: bands, before, urban, none
        [*params.employment_by_age, params.offfarm_work_before, params.urban_employment, 0.0]
    )
    sending = bool(np.any(pop.remittance > 0))  # some member away sends money home
    # each month's remittances, worked out for the whole run at once when small enough to
    # keep with the history (else from the world's view each month)
    keep_sent = 16 * n_households * world.horizon_months <= MEMO_BYTES
    remitted = remittances_by_month(pop, world.horizon_months) if sending and keep_sent else None
    pay_all = np.zeros(workers.size)  # by person of `workers`
    sent: NDArray[Any] | None = None  # this month's remittances (a view of the world's)
    home, home_sent, home_total = np.zeros(0, dtype=np.intp), np.zeros(0), 0.0
    negative = not bool(np.all(pop.remittance >= 0))  # (else no household's sum can be)
    # the chain (:class:`_WorkChain`) depends on the population and its draws alone, not on
    # the policy, and so do the wages it earns when nobody is occupied by a scheme (`base`):
    # a run on the same history and stream as an earlier one replays its months (`chain`,
    # `wages`); a first run works them out a year at a time, each January (`record`)
    chain_key = ("chain", world.horizon_months, params, repr(rng.bit_generator.state),
                 world.prices, world.start_year)  # fmt: skip
    small = (workers.size // 8 + 8 * n_households) * world.horizon_months <= MEMO_BYTES
    chain, wages = memo((pop, c), chain_key, _chain) if small else _chain()
    replay = len(chain) == world.horizon_months  # a complete record of the chain
    share_at = partial(_share_at, plan, c.expropriation_month[w_household], shares)
    work = None if replay else _WorkChain(plan, share_at, params, rng, n_households)
    record, record_wages = _chain()
    farm_month = c.land_mu * params.farm_net_income_per_mu / 12.0
    farming = np.flatnonzero(c.land_mu > 0)
    old_rent = old_house_rent(params, c.size, c.agricultural)  # yuan/month, until demolished
    letting = np.flatnonzero(old_rent > 0)
    pensions: NDArray[Any] = np.zeros(n_households)
    pensions_total = 0.0
    # deposits earn the nominal deposit rate; debts are loans in ``world.loans`` (a credit
    # line). Cash is nominal: the bank pays the real rate on it each month (below)
    draw = 1.0 - (1.0 - params.spend_down_rate) ** (1.0 / 12.0)
    keep = 1.0 - params.saving_rate  # the share of usual income spent
    credit = _CreditLines(world, params)
    # the last 12 months' income by household, summed as the months come (the month 12
    # months before is the ledger's, book.income_ago: the savings step reads the month's
    # income as final, book.final_month_income, and the ledger refuses income after it;
    # its interest is left out of the month's income)
    # the savings step's arrays, by household, reused each month (no temporaries: the
    # fewer arrays a month touches, the faster); `zero` is read only (np.maximum with an
    # array of zeros: the same bits as with the scalar 0.0, twice as fast). The first
    # three are rows of one array: the credit lines' households read them in one gather
    spend, earned, recent_sum, scratch, zero = figures = np.zeros((5, n_households))
    zero.setflags(write=False)  # (a view: `figures` stays writable)
    of_credit = figures[:3]  # spend, earned, recent_sum
    rate_year, rate = -1, 0.0  # the real deposit rate and the year it is of
    short = np.zeros(n_households, dtype=bool)
    # the households whose wages are worked out from their persons (`redone`: those a
    # scheme has touched, `seen_touched` as last seen, or more: see _WIDEN_AT), with their
    # workers (`them`, household by household, each's in `workers` order), each one's
    # household's place in `redone` (`rank`), slot, pay, and bit in the packed chain (byte,
    # and the bit's mask in it: np.packbits is big-endian); worked out again when a
    # household outside `redone` is touched
    seen_touched = redone = rank = them = persons = them_byte = each[:0]
    pay_them, them_bit = np.zeros(0), np.zeros(0, dtype=np.uint8)
    in_redone = np.zeros(n_households, dtype=bool)
    likely = c.agricultural  # the households the schemes touch most (see _WIDEN_AT)
    widen_at = _WIDEN_AT * np.count_nonzero(likely)
    casual = partial(_CasualPay, plan.place, {}, workers)  # world.casual_pay of a month
    earnings = earned  # the wages by household of a month with touched ones (a scratch
    # array: the savings step works `earned` out anew)
    while world.now < world.horizon_months:
        now = world.now
        january = now % 12 == 0
        if january or retiring[now].size:  # pensions of those alive, by household
            kept = paid_by_month.get(("pensions", now))
            if kept is None:  # (a first run, in January): the year's months at once
                level = world.indexed(params.pension_indexation)  # real, by its rule
                end = min(now + 12, world.horizon_months)
                paid_by_month.update(_year_pensions(
                    now, end, retiring, (e_household, *e_groups, n_households), e_sixty, e_dies,
                    e_amount * level,
                ))  # fmt: skip
                kept = paid_by_month["pensions", now]
            pensions, pensions_total = kept
        # the wave takes the land and demolishes the old house (until nobody farms or lets)
        if (farming.size or letting.size) and (january or world.newly_landless().size):
            landless = world.landless()
            farming = farming[~landless[farming]]
            letting = letting[~landless[letting]]
        if january:  # real wages grow each January
            pay = paid_by_month.get(("wages", now))
            if pay is None:
                pay = paid_by_month["wages", now] = wage * world.real_wage_factor()
            pay_all = pay
        # farming, until the land is taken: market -> households
        if farming.size:
            book.pay_households(market, farming, farm_month[farming], Source.FARMING)
        if letting.size:  # old houses' tenants (market) -> households, until demolition
            book.pay_households(market, letting, old_rent[letting], Source.RENT)
        # pensions: government -> households (zero for households without a pensioner)
        book.settle_summed(gov, None, pensions, pensions_total, Source.PENSION)  # >= 0
        if sending:  # members away: remittances, market (their employers) -> households
            if remitted is not None:
                home, home_sent, home_total = remitted[now]
            else:
                news = world.remittances()
                if news is not sent:  # a new array: someone left, came back or died
                    sent, home = news, np.flatnonzero(news != 0)  # (faster than of floats)
                    home_sent = news[home]
                    home_total = float(home_sent.sum())
            if negative and not (home_sent >= 0).all():  # as pay_households
                raise ParameterError("remittances", ">= 0", float(home_sent.min()))
            if home.size:
                book.settle_summed(market, home, home_sent, home_total, Source.REMITTANCE)
        # work, after every ordinary event of the month (the schemes' hiring and releases,
        # the collective projects' day work), whenever it was scheduled (a scheme's first
        # step in month 0 included: a zero-delay timeout would come before those
        # scheduled after it): update the chain (stay with u >= leave, start with
        # u < find), then pay those in work and not occupied by a scheme, less the
        # share of the month's working days they gave to day work
        yield LateEvent(world.env, WORK_PRIORITY)
        if replay:
            packed = chain[now]
            base, base_total = wages[now]
        else:
            if january and work is not None:  # this year's months of the chain, at once
                year = work.months(now, min(now + 12, world.horizon_months), pay_all)
                record += year[0]
                record_wages += year[1]
                if len(record) == world.horizon_months:  # complete: kept for the next run
                    chain[:], wages[:] = record, record_wages
            packed = record[now]
            base, base_total = record_wages[now]
        # `base` is what every household earns with nobody occupied and no day work; the
        # households a scheme has touched (occupied or given day work a person of, some
        # month so far) are worked out again from their persons (`them`, of `redone`)
        touched = world.touched_households()
        if touched.size:
            # households added (the world's list only grows), one of them outside `redone`
            grown = touched is not seen_touched and not in_redone.take(touched).all()
            seen_touched = touched
            if grown:
                in_redone[touched] = True
                if np.count_nonzero(likely.take(touched)) >= widen_at:
                    in_redone |= likely  # (at once, or once half of them are touched)
                redone = np.flatnonzero(in_redone)
                rank, them = members(by_household, starts, redone)  # `workers` order
                persons, pay_them = workers[them], pay_all[them]  # (new arrays: a published
                them_byte = them >> 3  # pay holds `them`)
                them_bit = np.right_shift(128, them & 7).astype(np.uint8)
            elif january:
                pay_them = pay_all[them]
            # those in work (their bits of the chain: nonzero) and free (not occupied)
            in_work = np.bitwise_and(packed.take(them_byte), them_bit)
            at_work = np.logical_and(in_work, world.occupied.take(persons) == 0)
            paid = pay_them * at_work  # (pay x True is pay: as pay x (at_work & free))
            world.publish_casual_pay(casual(pay_all, packed, them, paid))
            if world.day_work_month == now:  # (x (1 - 0) is x for those without)
                days = world.day_work.take(persons)
                paid = paid * np.subtract(1.0, days, out=days)
            np.copyto(earnings, base)  # bincount sums each household's persons in this order
            earnings[redone] = _by_household(rank, paid, redone.size)
            book.settle_summed(market, None, earnings, float(_sum_of(earnings)), Source.WAGE)
        else:
            world.publish_casual_pay(casual(pay_all, packed, each[:0]))
            book.settle_summed(market, None, base, base_total, Source.WAGE)  # the market
        yield LateEvent(world.env, SAVINGS_PRIORITY)
        # savings and credit: the bank pays interest on deposits and charges it on the
        # households' credit lines; households spend their usual income and draw down
        # savings, within what cash and their line allow; surplus cash repays the line
        income = book.final_month_income()  # (no income may be posted after it this month)
        balance = book.balance[:n_households]
        capital = earned  # (earned once multiplied by the rate, below)
        np.maximum(np.subtract(balance, income, out=capital), zero, out=capital)
        months = min(now + 1, 12)  # (income 12 months ago: out; 0 before the run)
        recent_sum += np.subtract(income, book.income_ago(12), out=scratch)
        # keep * usual + draw * capital, at least 0 (usual: the mean income of the months)
        np.multiply(np.divide(recent_sum, months, out=spend), keep, out=spend)
        spend += np.multiply(draw, capital, out=scratch)
        np.maximum(spend, zero, out=spend)
        # the real rate, nominal less the month's inflation (may be negative: inflation's
        # erosion of the balance is paid to the bank, whose deposit liability shrinks);
        # the appraisals' cash earns the same (PriceIndex.real_deposit_rate, months=12)
        if rate_year != now // 12:  # (the month's inflation moves each January)
            rate_year = now // 12
            rate = float(world.prices.real_deposit_rate(params.deposit_rate, world.year))
        np.multiply(capital, rate, out=earned)
        # the line's work is done only for households that owe or run short this month
        np.greater(spend, np.add(balance, earned, out=scratch), out=short)
        who = np.logical_or(short, credit.owing, out=short).nonzero()[0]
        if who.size:  # (their usual income: divided as above)
            their = of_credit.take(who, axis=1)  # spend, earned, recent_sum of `who`
            usual = np.divide(their[2], months, out=their[2])
            earned[who], repaid, spend[who] = credit.month(who, balance.take(who), their[1],
                                                           their[0], usual)  # fmt: skip
        book.settle_summed(
            bank, None, earned, float(_sum_of(earned)), Source.INTEREST, income=False
        )  # (the month's income: as it was, see above)
        if who.size:  # principal repaid, less new drawings: households -> bank
            book.collect_summed(bank, who, repaid, float(_sum_of(repaid)), Source.LOAN)
        book.collect_summed(market, None, spend, float(_sum_of(spend)), Source.CONSUMPTION)
        yield world.env.timeout(1)  # the next month (`now` has not moved since its start)


def _find(share: NDArray[np.float64], leave: float) -> NDArray[np.uint32]:
    """The monthly chance of finding work of persons out of it, as 32-bit thresholds.

    So that the chain's stationary share in work is ``share`` with a spell of work
    lasting ``1 / leave`` months (0 for those with no share: they draw nothing).
    """
    out: NDArray[np.uint32] = _threshold(
        np.minimum(1.0, leave * share / np.maximum(1.0 - share, 1e-12))
    )
    return out


def _share_at(
    plan: _Plan,
    w_expropriation: NDArray[np.integer[Any]],
    shares: NDArray[np.float64],
    month: int | NDArray[np.int64],
    who: NDArray[np.intp],
) -> NDArray[np.float64]:
    """The share in work of the workers ``who`` (places in ``plan.workers``) in ``month``.

    :func:`~.livelihood.employment_share` inlined, with ``shares`` its table (age
    bands, before the land is taken, urban, none), 0 for those not yet born, dead,
    away or not of working age. ``month`` is one month or one per worker.
    """
    w_agri = plan.workers[2]
    w_born, w_dies, w_from, w_until = (a[who] for a in plan.worker_events)
    n_bands = len(AGE_BANDS)
    band = age_band(np.maximum(month - w_born, 0) // 12)  # (age 0 for those not yet born)
    exp = w_expropriation[who]
    landless = (exp >= 0) & (exp <= month)  # as World.landless()
    key = np.where(w_agri[who], np.where(landless, band, n_bands), n_bands + 1)
    key = np.where(band < 0, n_bands + 2, key)  # (where: faster than setting by a mask)
    away = (w_from <= month) & (month < w_until)
    off = (month < w_born) | (w_dies <= month) | away  # not yet born, dead, away
    share: NDArray[np.float64] = np.where(off, 0.0, shares.take(key))
    return share


_WIDEN_AT = 0.5
"""The share of the agricultural households a scheme must have touched before the wages
of all of them are worked out from their persons (not only of those touched).

The schemes take the landless farmers' households (in the default scenario every
household touched is agricultural): working them all out from then on saves working out
the list again each time one more is touched (about 50 times a run otherwise). Any
household may be worked out so, touched or not: one that no scheme has touched has its
persons free and without day work, so that the sum of their pay over those in work (those
out of work add +0.0) is ``base``'s, bit for bit. The cost: a few more persons a month.
"""

_Move = tuple[NDArray[np.intp], NDArray[np.float64], NDArray[np.uint32], bool]


def _share_moves(
    moves: list[NDArray[np.intp]],
    share_at: Callable[[NDArray[np.int64], NDArray[np.intp]], NDArray[np.float64]],
    leave: float,
) -> dict[int, _Move]:
    """The changes of the workers' shares in work after month 0, for a whole run.

    ``{month: (who, share, find, flips)}`` for each month in which the share of one
    of ``moves[month]`` differs from the month before (``find``: :func:`_find` of
    ``share``); ``flips`` is whether one of them goes from 0 to more or back.
    Worked out at once for the whole run: a share changes only in a month of one
    of its worker's events (``moves``: age bands, death, departure, return, the
    land taken), so the shares of every worker in a month are those of month 0
    with the changes of the months since applied in turn, bit for bit what working
    them all out anew gives.
    """
    months = [m for m in range(1, len(moves)) if moves[m].size]
    if not months:
        return {}
    counts = np.array([moves[m].size for m in months])
    who = np.concatenate([moves[m] for m in months])
    at = np.repeat(np.array(months, dtype=np.int64), counts)
    share, before = share_at(at, who), share_at(at - 1, who)
    find = _find(share, leave)
    starts = np.cumsum(counts) - counts
    differ = np.logical_or.reduceat(share != before, starts).tolist()
    flips = np.logical_or.reduceat((share > 0) != (before > 0), starts).tolist()
    out: dict[int, _Move] = {}
    spans = zip(months, starts.tolist(), counts.tolist(), differ, flips, strict=True)
    for m, lo, n, d, f in spans:
        if d:
            out[m] = (who[lo : lo + n], share[lo : lo + n], find[lo : lo + n], bool(f))
    return out


class _WorkChain:
    """The work chain of a run that has no record of it to replay, a year at a time.

    The chain runs over every slot of ``plan.workers``; those with no share in work
    in a month (``on`` false: not of working age, not present) are out of work and
    draw nothing. The shares: everyone's in month 0, then those whose age band,
    presence or land changes (:func:`_share_moves`, worked out for the whole run at
    once); the workers ``on`` are sorted out again when a share turns 0 or > 0.
    :meth:`months` works out consecutive months in one go (a year's, each January:
    the months' arrays stay in the cache, with no other process's work in
    between); the draws are those a month-by-month chain makes, in the same order.
    """

    def __init__(
        self,
        plan: _Plan,
        share_at: Callable[[int | NDArray[np.int64], NDArray[np.intp]], NDArray[np.float64]],
        params: LivelihoodParams,
        rng: np.random.Generator,
        n_households: int,
    ) -> None:
        workers, self.household, w_agri = plan.workers[:3]
        leave = 1.0 / params.work_spell_months
        self.moves = _share_moves(plan.moves, share_at, leave)
        share = share_at(0, np.arange(workers.size))
        self.find = _find(share, leave)
        self.on = share > 0
        self.on_at = np.flatnonzero(self.on)  # (setting by index is ~7x faster than by mask)
        # the stationary share in work, before any land is lost
        age = np.maximum(-plan.worker_events[0], 0) // 12  # 0 for those not yet born
        before = employment_share(params, age, w_agri, np.zeros(workers.size, bool))
        self.working = np.zeros(workers.size, dtype=bool)
        self.working[self.on] = rng.random(self.on_at.size) < before[self.on]
        self.drawn = np.zeros(workers.size, dtype=np.uint32)
        self.bits, self.leave_at = rng.bit_generator, _threshold(leave)
        self.n_households = n_households

    def months(self, start: int, stop: int, pay: NDArray[np.float64]) -> _Chain:
        """Months ``start .. stop - 1`` of the chain, with ``pay`` each worker's wage in work.

        Called for consecutive months from month 0 (the shares of month 0 are the
        state the chain starts from).
        """
        chain, wages = _chain()
        on, on_at, working, drawn, find = self.on, self.on_at, self.working, self.drawn, self.find
        leave_at, raw = self.leave_at, self.bits.random_raw
        for now in range(start, stop):
            move = self.moves.get(now) if now else None
            if move is not None:  # some share changes this month
                who, share, find_who, flips = move  # flips: someone's share turns 0 or > 0
                find[who] = find_who
                if flips:  # those who stay keep their state; those who come of age
                    on[who] = share > 0  # start out of work, those who leave stop
                    on_at = np.flatnonzero(on)
                    working[who[share <= 0]] = False
            # stay with u >= leave, start with u < find (those off draw nothing and stay
            # out of work: their `find` is 0)
            n_on = on_at.size
            drawn[on_at] = raw((n_on + 1) // 2).view(np.uint32)[:n_on]
            working = (working & (drawn >= leave_at)) | (~working & (drawn < find))
            chain.append(np.packbits(working))
            # every worker's pay if in work (pay x False is +0.0: those out of work add
            # zeros, so each household's sum is that over its persons in work alone)
            paid = working.astype(np.float64)  # (pay x working: 3x faster cast first)
            np.multiply(pay, paid, out=paid)
            base = _by_household(self.household, paid, self.n_households)
            wages.append((base, float(base.sum())))
        self.on_at, self.working = on_at, working
        return chain, wages


_Update = tuple[NDArray[np.intp], NDArray[np.float64]]


def _year_pensions(
    january: int,
    end: int,
    retiring: list[NDArray[np.intp]],
    households: tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.intp], int],
    sixty: NDArray[np.int64],
    dies: NDArray[np.int64],
    paid: NDArray[np.float64],
) -> dict[tuple[str, int], tuple[NDArray[np.float64], float]]:
    """The pensions by household of months ``january .. end - 1`` of a year, with their sums.

    ``{("pensions", month): (pensions, sum)}`` for the year's January (everyone's:
    the level, ``paid`` each elder's pension, may have moved) and each later month
    with an elder turning 60 or dying (:func:`_pension_changes`: only their
    households', the others' kept from the month before).
    """
    e_household, _, _, n_households = households
    drawing = (sixty <= january) & (january < dies)  # alive and aged 60 or over
    pensions: NDArray[Any] = np.bincount(e_household, np.where(drawing, paid, 0.0), n_households)
    out = {("pensions", january): (pensions, float(pensions.sum()))}
    changes = _pension_changes(retiring, range(january + 1, end), households, sixty, dies, paid)
    for month, (homes, amounts) in changes.items():  # (in order of month)
        pensions = pensions.copy()
        pensions[homes] = amounts
        out["pensions", month] = (pensions, float(pensions.sum()))
    return out


def _pension_changes(
    retiring: list[NDArray[np.intp]],
    months: range,
    households: tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.intp], int],
    sixty: NDArray[np.int64],
    dies: NDArray[np.int64],
    paid: NDArray[np.float64],
) -> dict[int, _Update]:
    """The pensions of the households whose pensions change in ``months``, at once.

    ``{month: (homes, pensions)}`` for each month with an elder turning 60 or
    dying (``retiring``: places in the elders): the households of those elders,
    ascending, and the sum of what their elders alive and aged 60 or over draw
    (``paid``, at the level of the months' year), each in its elders' order, as
    ``np.bincount`` over the month's households alone would add them.
    ``households`` is the elders' households, their :func:`~.census.group_by`
    and the number of households.
    """
    e_household, order, starts, n = households
    busy = [m for m in months if retiring[m].size]
    if not busy:
        return {}
    counts = [retiring[m].size for m in busy]
    label = np.repeat(np.arange(len(busy)), counts)
    pair = distinct(label * n + e_household[np.concatenate([retiring[m] for m in busy])])
    label, homes = np.divmod(pair, n)  # by month, each month's households ascending
    rank, at = members(order, starts, homes)
    month = np.array(busy, dtype=np.int64)[label[rank]]
    drawing = (sixty[at] <= month) & (month < dies[at])
    sums: NDArray[Any] = np.bincount(rank, np.where(drawing, paid[at], 0.0), homes.size)
    bounds = np.searchsorted(label, np.arange(len(busy) + 1)).tolist()
    return {
        m: (homes[lo:hi], sums[lo:hi])
        for m, lo, hi in zip(busy, bounds[:-1], bounds[1:], strict=True)
    }


_Chain = tuple[list[NDArray[np.uint8]], list[tuple[NDArray[np.float64], float]]]


def _chain() -> _Chain:
    """An empty record of a run's work chain and wages, by month.

    The chain as packed bits over ``workers``; the wages it earns by household with
    nobody occupied and no day work, with their sum.
    """
    return [], []


def _by_household(
    household: NDArray[np.intp], amounts: NDArray[np.float64], n: int
) -> NDArray[np.float64]:
    """``amounts`` summed by household (np.bincount: each in the order of ``household``)."""
    out: NDArray[Any] = np.bincount(household, amounts, n)
    return out


def _casual_pay(
    workers: NDArray[np.intp],
    pay: NDArray[np.float64],
    chain: NDArray[np.uint8] | NDArray[np.bool_],
    them: NDArray[np.intp],
    paid: NDArray[np.float64] | None = None,
) -> tuple[NDArray[np.intp], NDArray[np.float64]]:
    """``world.casual_pay`` of a month: each worker's pay if in work, ``paid`` for ``them``.

    ``chain`` is who is in work, by worker: packed bits (:func:`np.packbits`) or bools.
    The chain cast to floats first (0.0 or 1.0, as ``pay x bool`` casts it), then
    multiplied in place: the same products, 2-3x faster than a float x bool product.
    """
    at_work = (
        chain if chain.dtype == bool else np.unpackbits(chain.view(np.uint8), count=workers.size)
    )
    out = at_work.astype(np.float64)
    np.multiply(pay, out, out=out)
    if paid is not None:
        out[them] = paid
    return workers, out


class _CasualPay:
    """``world.casual_pay`` of a month as published: :func:`_casual_pay` when called.

    :meth:`of` reads the pay of a few persons without working out everyone's (day work
    reads its first candidates', :meth:`World.casual_pay_of`). ``place`` is each slot's
    place in ``workers`` (-1: not listed); ``kept`` is a dict kept for the run, in which
    :meth:`of` keeps each worker's place in ``them`` (while ``them`` is the same array)
    and whether ``pay`` is finite and >= 0 (while ``pay`` is the same array): published
    arrays are never changed.
    """

    __slots__ = ("chain", "kept", "paid", "pay", "place", "them", "workers")

    def __init__(
        self,
        place: NDArray[np.intp],
        kept: dict[Any, Any],
        workers: NDArray[np.intp],
        pay: NDArray[np.float64],
        chain: NDArray[np.uint8] | NDArray[np.bool_],
        them: NDArray[np.intp],
        paid: NDArray[np.float64] | None = None,
    ) -> None:
        self.place, self.kept, self.workers, self.pay = place, kept, workers, pay
        self.chain, self.them, self.paid = chain, them, paid

    def __call__(self) -> tuple[NDArray[np.intp], NDArray[np.float64]]:
        return _casual_pay(self.workers, self.pay, self.chain, self.them, self.paid)

    def of(
        self, persons: NDArray[np.intp], first: int | None = None
    ) -> tuple[NDArray[np.float64], bool]:
        """The pay of ``persons[:first]`` (0 if not listed) and whether none is < 0.

        The pay has the call's bits. The second says that no pay of the month is below 0
        or NaN: every worker's pay is finite and >= 0, and so is ``paid`` (False does not
        say that one is). Where each of ``persons`` stands (in ``workers``, in ``them``)
        is kept for the next month, by the array's identity: the caller must not change it.
        """
        pay, chain, paid, kept = self.pay, self.chain, self.paid, self.kept
        if kept.get("pay") is not pay:
            low, high = (pay.min(), pay.max()) if pay.size else (0.0, 0.0)
            kept["pay"], kept["pay_ok"] = pay, bool(low >= 0.0 and high < np.inf)
        ok = bool(kept["pay_ok"]) and (paid is None or not paid.size or paid.min() >= 0.0)
        q, listed, j, paid_them = self._places(persons)
        if first is not None:
            q, listed, j = q[:first], listed[:first], j[:first]
        if paid_them:  # each one's pay is in `paid` (those `them` are worked out anew)
            assert paid is not None
            return paid.take(j), ok
        if chain.dtype == bool:
            at_work = chain.take(q)
        else:  # packed bits, big-endian
            at_work = np.bitwise_and(chain.take(q >> 3), np.right_shift(128, q & 7)) != 0
        out: NDArray[np.float64] = pay.take(q) * at_work  # (pay x bool: the call's bits)
        hit = (j >= 0).nonzero()[0]
        if hit.size:
            assert paid is not None
            out[hit] = paid.take(j.take(hit))
        if not listed.all():
            out[~listed] = 0.0
        return out, ok

    def _places(
        self, persons: NDArray[np.intp]
    ) -> tuple[NDArray[np.intp], NDArray[np.bool_], NDArray[np.intp], bool]:
        """Where ``persons`` stand, as kept: for :meth:`of`.

        Each one's place in ``workers`` (0 if not listed) and whether listed (kept while
        ``persons`` is the same array), its place in ``them`` (-1 if not there) and
        whether every one of them is in ``them`` (kept while ``them`` is the same too).
        """
        kept, them = self.kept, self.them
        key = id(persons)
        where = kept.get(key)
        if where is None or where[0] is not persons:
            q = self.place.take(persons)
            listed = q >= 0
            where = kept[key] = (persons, np.where(listed, q, 0), listed, None)
        _, q, listed, known = where
        if known is None or known[0] is not them:
            j = np.full(persons.size, -1, dtype=np.intp)
            if them.size:
                inverse = kept.get("them")
                if inverse is None or inverse[0] is not them:  # each worker's place in them
                    them_at = np.full(self.pay.size, -1, dtype=np.intp)
                    them_at[them] = np.arange(them.size)
                    inverse = kept["them"] = (them, them_at)
                j = np.where(listed, inverse[1].take(q), -1)
            known = (them, j, bool(np.all(j >= 0)))
            kept[key] = (persons, q, listed, known)
        return q, listed, known[1], known[2]


@dataclass(frozen=True, eq=False)
class _Plan:
    """What the households' process works out from the population alone (shared by runs)."""

    workers: tuple[NDArray[Any], ...]
    """Slots of working age at some month of the run, their households and farming, and
    the positions of ``workers`` by household (stable) with each household's first one."""
    worker_events: tuple[NDArray[Any], ...]
    """The workers' birth, death, departure and return months."""
    elders: tuple[NDArray[Any], ...]
    """Slots of pension age at some month, their birth and death months, farming, households."""
    elder_groups: tuple[NDArray[np.intp], NDArray[np.intp]]
    """The places in ``elders`` by household (:func:`~.census.group_by`)."""
    moves: list[NDArray[np.intp]]
    """By month, the workers whose share in work may change (a birthday starting an age
    band or ending working age, a death, a departure or return, the land taken)."""
    retiring: list[NDArray[np.intp]]
    """By month, the places in ``elders`` whose pensions start or stop (a 60th birthday or
    a death)."""
    place: NDArray[np.intp]
    """Each person slot's place in ``workers`` (-1 for a slot never of working age)."""


def _plan(world: World) -> _Plan:
    """The households' process's :class:`_Plan` for ``world``'s population and horizon."""
    c, pop = world.community, world.population
    agri = c.agricultural[pop.household]
    # every slot of working age at some month of the run (the chain takes this month's
    # persons present and of working age among them)
    last = world.horizon_months - 1
    workers = np.flatnonzero(((last - pop.born) // 12 >= 16) & (-pop.born // 12 <= 59))
    w_household = pop.household[workers]
    by_household, starts = group_by(w_household, c.n_households)
    w_events = tuple(a[workers] for a in (pop.born, pop.dies, pop.away_from, pop.away_until))
    w_born, w_dies, w_from, w_until = w_events
    elders = np.flatnonzero((last - pop.born) // 12 >= 60)  # of pension age at some month
    e_born, e_dies = pop.born[elders], pop.dies[elders]
    bands = [lo for lo, _ in AGE_BANDS] + [AGE_BANDS[-1][1] + 1]
    moves = schedule(
        (*(w_born + 12 * lo for lo in bands), w_dies, w_from, w_until,
         c.expropriation_month[w_household]),
        (np.arange(workers.size),) * (len(bands) + 4),
        world.horizon_months,
    )  # fmt: skip
    retiring = schedule((e_dies, e_born + 720), (np.arange(elders.size),) * 2, last + 1)
    place = np.full(pop.n_slots, -1, dtype=np.intp)
    place[workers] = np.arange(workers.size)
    return _Plan(
        (workers, w_household, agri[workers], by_household, starts),
        w_events,
        (elders, e_born, e_dies, agri[elders], pop.household[elders]),
        group_by(pop.household[elders], c.n_households),
        moves,
        retiring,
        place,
    )
