"""Whom a collective project hires for its day work in a month, and for how many days.

A private helper of :class:`~collective_econ.economy.collective._CollectiveBooks`
(:meth:`~collective_econ.economy.collective._CollectiveBooks.pay_wages` pays the days
chosen here). The rule: landless households' persons of working age, landless by now,
not occupied by a scheme, each within the days of the month that day work has not yet
taken of them; hired by what they forgo a day (their casual pay of the last wages over
the month's working days), the lowest first, and only below the day wage; a fixed random
order among equals.
"""

from __future__ import annotations

import pickle
from collections.abc import Mapping
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..seeding import keyed_uniforms
from .census import memo
from .community import WORKING_AGE
from .world import World

__all__ = ["DayWork", "per_household"]

_MIN_SPAN = 64
"""The fewest candidates :meth:`DayWork.hire` looks at first (those first in order)."""

_ORDERS = 4
"""The most orders among equals kept for a population history (one per project and
generator state met: the projects of a run, whatever their parameters, draw from the same
states on the same history)."""

_min = np.minimum.reduce
"""``a.min()`` of a non-empty array, without the method's Python wrapper (NaN if any is)."""


class DayWork:
    """The persons a collective project may hire for day work, in their order among equals.

    The candidates are the person slots of landless households of working age at some
    month of the run (births included); who is present, of working age and landless is
    read each month. The order among equals is drawn at the first hiring (a random
    number each from ``rng``; without one, the persons' order).

    Parameters
    ----------
    world : World
        The run.
    rng : numpy.random.Generator, optional
        The project's generator (one draw of ``candidates.size`` numbers, at the first
        hiring).
    """

    def __init__(self, world: World, rng: np.random.Generator | None = None) -> None:
        c, pop = world.community, world.population
        self.world = world
        # what follows from the history (and the generator's state), for every run on it
        self._kept: dict[object, Any] = memo((pop, c), ("day work", world.horizon_months), dict)
        if "candidates" not in self._kept:  # worked out once (read-only)
            self._kept["candidates"] = _candidates(world)
        self.candidates, self._landless_from, home = self._kept["candidates"]
        """Person slots that may be hired at some month of the run (ascending)."""
        self._rng = rng
        self._ranked_yet = False
        self.ranked = self.candidates
        """The candidates in their order among equals (slots), once drawn."""
        self.ranked_from = self._landless_from  # ... the months they became landless
        self.ranked_home = home  # ... and their households
        self._all_landless = 0  # the month from which every candidate is landless (if any)
        self._homes = np.zeros(0, dtype=np.intp)  # their distinct households, ascending
        self._home_of = np.zeros(0, dtype=np.intp)  # ... the place of each one's in them
        self._working: NDArray[np.bool_] | None = None  # world.working_age(), as last seen
        self._of_age = np.zeros(self.candidates.size, dtype=bool)  # ... of the ranked
        self._listed: NDArray[np.intp] | None = None  # casual_pay's persons, as last seen
        self._pos = np.zeros(0, dtype=np.intp)  # each ranked candidate's place in the list
        self._missing = np.zeros(0, dtype=np.intp)  # ... those not listed (places in ranked)
        self._pay: NDArray[np.float64] | None = None  # casual_pay's pay, as last seen
        self._ranked_pay = np.zeros(0)  # ... of the ranked candidates (0 if not listed)
        self._span = _MIN_SPAN
        self._wider = False  # the last _from_the_first fell short before the last candidate
        self._run = np.zeros(0)  # _running's sums
        self._full = np.zeros(0)  # ... and max_days for each candidate
        self._run_days = -1.0

    def _rank(self) -> None:
        """Draw the order among equals, at the first hiring (as many numbers as candidates)."""
        if self._ranked_yet:
            return
        self._ranked_yet = True
        n = self.candidates.size
        if n == 0:  # nothing to draw
            return
        rng = self._rng
        # the order follows from the generator's state: kept with the state after the draw
        state = None if rng is None else pickle.dumps(rng.bit_generator.state)
        kept = self._kept.get(state)
        if kept is None:
            kept = self._kept[state] = _order(self, n, rng)
            for old in list(self._kept)[1:-_ORDERS]:  # the candidates, and the last orders
                self._kept.pop(old, None)
        self.ranked, self.ranked_from, self.ranked_home, self._homes, self._home_of, after = kept
        if rng is not None and after is not None:  # where the draw left it (also when the
            rng.bit_generator.state = after  # order was kept)
        self._all_landless = int(self.ranked_from.max())

    def hire(
        self, need: float, day_wage: float, max_days: float
    ) -> tuple[NDArray[np.intp], NDArray[np.float64]]:
        """The persons hired for ``need`` labour-days and the days each gives.

        Returns
        -------
        hired : ndarray of intp
            Places in :attr:`ranked` of the persons hired, in the order hired.
        days : ndarray of float
            The labour-days each gives (> 0), at most its room this month; their sum is
            ``need`` when the residents can give it, else less.

        Notes
        -----
        When nobody forgoes less than nothing, those who forgo nothing are hired
        first, in their order among equals, and usually suffice: then only the
        first candidates in that order are looked at, and only their casual pay is
        read (:meth:`_from_the_first`, the same persons and days as
        :meth:`_by_the_rule`, which looks at all and reads everyone's). When the first
        fall short, four times as many are looked at, and so on: the rule over all
        of them (some hundreds of microseconds) is left for a month in which those who
        forgo nothing do not suffice, or someone's pay is below 0.
        """
        self._rank()
        target = need * (1.0 - 1e-12)
        picked = self._from_the_first(need, target, day_wage, max_days)
        while picked is None and self._wider:  # the first ones fell short: more of them
            picked = self._from_the_first(need, target, day_wage, max_days)
        if picked is None:
            self._read_pay()
            picked = self._by_the_rule(need, target, day_wage, max_days)
        return picked

    def _read_pay(self) -> None:
        """The ranked candidates' casual pay of the last wages, for the rule over all of them.

        Kept while the pay is the same. The households' economy lists the same persons
        every month: where each candidate stands in the list is worked out once.
        """
        listed, pay = self.world.casual_pay
        if listed is not self._listed:
            cand = self.ranked
            pos = np.minimum(np.searchsorted(listed, cand), max(listed.size - 1, 0))
            found = listed[pos] == cand if listed.size else pos < 0
            self._listed, self._pos, self._pay = listed, pos, None
            self._missing = np.flatnonzero(~found)
        if pay is not self._pay:
            self._pay = pay
            if listed.size:  # np.where(listed, pay there, 0.0)
                self._ranked_pay = pay.take(self._pos)  # (pay[self._pos], faster here)
                if self._missing.size:
                    self._ranked_pay[self._missing] = 0.0
            else:
                self._ranked_pay = np.zeros(self.ranked.size)

    def _from_the_first(
        self, need: float, target: float, day_wage: float, max_days: float
    ) -> tuple[NDArray[np.intp], NDArray[np.float64]] | None:
        """:meth:`_by_the_rule` from the first candidates in order, or None if they fall short.

        When no candidate forgoes less than nothing (here: when nobody's casual pay is
        below 0, :meth:`World.casual_pay_of`, which reads the candidates' pay without
        everyone's; else the rule decides), the rule hires those who forgo nothing, in order,
        if they suffice; the first of them whose room adds up to
        ``target`` are among the first ``span`` candidates when these suffice by
        themselves, and their cumulative room is the same prefix of the rule's. The
        span follows the last month's need (twice the places the last hiring used).
        Before any day work in the month each one's room is ``max_days`` (the record
        of day work is not read: :meth:`World.take_days` clears an earlier month's),
        and only the last one hired, given part of its room, can be left with none.
        """
        self._wider = False
        if not (day_wage > 0.0 and max_days > 0.0):
            return None
        world, n = self.world, self.ranked.size
        now = world.now
        size = min(self._span, n)
        cand = self.ranked[:size]
        # the candidates' pay only (and whether nobody's is below 0 or NaN: else the rule,
        # which reads everyone's); `ranked` is never changed (the reader keeps its places)
        pay, nonnegative = world.casual_pay_of(self.ranked, size)
        if not nonnegative:
            return None
        able = world.working_age().take(cand)  # (a new array)
        if now < self._all_landless:  # else every candidate is landless by now
            able &= self.ranked_from[:size] <= now
        able &= world.occupied.take(cand) == 0
        able &= pay / max_days == 0.0  # (then below the day wage)
        room = None
        if world.day_work_month != now and max_days > 1e-9:  # no day work yet this month:
            first = able.nonzero()[0]  # each one's room is max_days: (1 - 0) * max_days
            cum = self._running(max_days)[: first.size]
        else:
            room = (1.0 - world.days_given()[cand]) * max_days
            able &= room > 1e-9
            first = able.nonzero()[0]
            cum = room[first].cumsum()
        if not (cum.size and cum[-1] >= target):
            self._span = min(4 * size, n) if size < n else n
            self._wider = size < n  # (then the caller may look at more of them)
            return None
        k = int(cum.searchsorted(target))  # the last one hired, maybe part
        hired = first[: k + 1]
        days = self._full[: k + 1].copy() if room is None else room[hired]
        last = float(days[k]) - max(float(cum[k]) - need, 0.0)
        days[k] = last
        self._span = max(_MIN_SPAN, 2 * (int(hired[k]) + 1))
        if last > 0:  # the others have room > 1e-9 each
            return hired, days
        return hired[:k], days[:k]

    def _running(self, max_days: float) -> NDArray[np.float64]:
        """``np.cumsum`` of ``max_days`` for each candidate (kept, with :attr:`_full`).

        The running room of the first hired in a month without earlier day work: a
        prefix of it is theirs (and a prefix of ``_full``, ``max_days`` each, their days).
        """
        if self._run_days != max_days or self._run.size != self.ranked.size:
            self._full = np.full(self.ranked.size, max_days)
            self._run = np.cumsum(self._full)
            self._run_days = max_days
        return self._run

    def pay_by_household(
        self, hired: NDArray[np.intp], amounts: NDArray[np.float64]
    ) -> tuple[NDArray[np.intp], NDArray[np.float64]]:
        """:func:`per_household` of the households of ``hired`` (places in :attr:`ranked`).

        Through each candidate's place among the candidates' households (drawn with the
        order): one ``np.bincount`` over them, which sums each household's amounts in
        the order given, as :func:`per_household` does, and finds those paid when every
        amount is above 0 (else :func:`per_household` itself).
        """
        if not (amounts.size and _min(amounts) > 0.0):
            return per_household(self.ranked_home[hired], amounts)
        sums = np.bincount(self._home_of[hired], weights=amounts, minlength=self._homes.size)
        paid = sums.nonzero()[0]
        return self._homes[paid], np.asarray(sums[paid], dtype=np.float64)

    def _by_the_rule(
        self, need: float, target: float, day_wage: float, max_days: float
    ) -> tuple[NDArray[np.intp], NDArray[np.float64]]:
        """The rule over all candidates (see :meth:`hire`)."""
        world = self.world
        cand = self.ranked
        working = world.working_age()
        if working is not self._working:  # the same array while nobody's status changes
            self._of_age = working[cand]
            self._working = working
        room = (1.0 - world.days_given()[cand]) * max_days
        forgone = self._ranked_pay / max_days  # yuan a day of day work
        able = (self.ranked_from <= world.now) & self._of_age & (room > 1e-9)
        able &= (world.occupied[cand] == 0) & (forgone < day_wage)
        pool = np.flatnonzero(able)  # in the order among equals
        cheap = forgone[pool]
        # hired by what they forgo (a stable sort keeps the order among equals); when
        # nobody forgoes less than nothing, those who forgo nothing come first, in
        # order, and usually suffice: then the rest need no sort
        first = pool[cheap == 0.0] if cheap.size and cheap.min() >= 0.0 else pool[:0]
        cum = np.cumsum(room[first])
        if cum.size and cum[-1] >= target:
            pool = first
        else:
            pool = pool[np.argsort(cheap, kind="stable")]
            cum = np.cumsum(room[pool])
        k = int(np.searchsorted(cum, target))  # the last one hired, maybe part
        hired = pool[: k + 1]
        days = room[hired]
        if hired.size:
            days[-1] -= max(float(cum[hired.size - 1]) - need, 0.0)
            if pool is first:
                self._span = max(_MIN_SPAN, 2 * (int(hired[-1]) + 1))
        keep = days > 0
        return hired[keep], days[keep]


def _candidates(world: World) -> tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.intp]]:
    """:class:`DayWork`'s candidates in ``world``'s run (read-only).

    Landless households' person slots of working age at some month of the run; the months
    they become landless, and their households.
    """
    c, pop = world.community, world.population
    last = max(world.horizon_months - 1, 0)
    ever = ((last - pop.born) // 12 >= WORKING_AGE[0]) & (-pop.born // 12 <= WORKING_AGE[1])
    candidates = np.flatnonzero(ever & c.landless_target[pop.household])
    out = (candidates, c.expropriation_month[pop.household[candidates]],
           pop.household[candidates])  # fmt: skip
    for a in out:
        a.setflags(write=False)
    return out


def _order(
    work: DayWork, n: int, rng: np.random.Generator | None
) -> tuple[
    NDArray[np.intp], NDArray[np.intp], NDArray[np.intp], NDArray[np.intp], NDArray[np.intp],
    Mapping[str, Any] | None,
]:  # fmt: skip
    """The candidates of ``work`` in their order among equals (:meth:`DayWork._rank`).

    A random number each, from ``rng`` and the person's key (without ``rng``, the persons'
    order): the ranked slots, the months they become landless, their households, those
    households (distinct,
    ascending) and the place of each one's among them, read-only, and the generator's
    state after the draw.
    """
    # a number of each person's own (one draw of the stream, whoever the candidates): the
    # order among equals does not depend on who else the horizon makes a candidate
    pop = work.world.population
    salt = None if rng is None else int(rng.integers(0, 2**63))
    keys = pop.key[work.candidates]
    rank = np.arange(n, dtype=float) if salt is None else keyed_uniforms(keys, salt)
    order = np.argsort(rank, kind="stable")  # ties: the persons' order
    ranked = work.candidates[order]
    ranked_home = work.world.population.household[ranked]
    homes, home_of = np.unique(ranked_home, return_inverse=True)
    out = (ranked, work._landless_from[order], ranked_home, homes, home_of)
    for a in out:
        a.setflags(write=False)
    return (*out, None if rng is None else rng.bit_generator.state)


def per_household(
    homes: NDArray[np.intp], amounts: NDArray[np.float64]
) -> tuple[NDArray[np.intp], NDArray[np.float64]]:
    """The distinct ``homes`` (ascending) and what each gets: its ``amounts`` summed in order.

    As ``np.unique(homes, return_inverse=True)`` and a ``np.bincount`` of the
    amounts, for the few workers of a month; when no two share a home, each
    gets its own amount as is.

    >>> [a.tolist() for a in per_household(np.array([7, 3, 7]), np.array([1.0, 2.0, 4.0]))]
    [[3, 7], [2.0, 5.0]]
    """
    order = np.argsort(homes, kind="stable")
    ordered = homes[order]
    first = np.empty(ordered.size, dtype=bool)
    first[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    if first.all():  # one worker a home (0.0 + x is x)
        return ordered, amounts[order]
    which = np.empty(homes.size, dtype=np.intp)
    which[order] = np.cumsum(first) - 1
    distinct = ordered[first]
    pay = np.bincount(which, weights=amounts, minlength=distinct.size)
    return distinct, np.asarray(pay, dtype=np.float64)
