"""The month's views of a run's population, kept up to date from precomputed event months.

A :class:`~collective_econ.economy.population.PopulationHistory` fixes, before a
run starts, the month of every birth, death, departure, return and birthday.
:class:`Census` turns those into per-month lists of the person slots whose
state may change (:func:`schedule`), so that a month step updates who is
present, who is of working age, the households' sizes and the members'
remittances by touching only those slots, not every slot of the run. The
views equal the :class:`PopulationHistory` methods' exactly (same values,
same dtypes); each is a new read-only array whenever it changes, so an array
a process kept from an earlier month never changes under it.

Examples
--------
>>> import numpy as np
>>> from collective_econ.economy.community import CommunityParams, synthesize
>>> from collective_econ.economy.population import DemographyParams, draw_history
>>> c = synthesize(CommunityParams(residents=2_000, agricultural_residents=400),
...                np.random.default_rng(1))
>>> h = draw_history(c, DemographyParams(), 120, np.random.default_rng(2))
>>> census = Census(h, 120)
>>> all(np.array_equal(census.household_sizes(m), h.household_sizes(m))
...     and np.array_equal(census.working_age(m), h.working_age_at(m)) for m in range(0, 120, 7))
True
"""

from __future__ import annotations

import operator
import threading
from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import Any, TypeVar, cast

import numpy as np
from numpy.typing import NDArray

from .community import WORKING_AGE
from .population import PopulationHistory

__all__ = ["Census", "distinct", "group_by", "members", "memo", "remittances_by_month", "schedule"]

_T = TypeVar("_T")
_A = TypeVar("_A", bound=NDArray[Any])


def schedule(
    months: Sequence[NDArray[np.integer]], items: Sequence[NDArray[np.integer]], horizon: int
) -> list[NDArray[np.intp]]:
    """The items with an event in each month ``0 .. horizon - 1``: one sorted array per month.

    ``months[i][j]`` is the month of an event of item ``items[i][j]``; events
    outside the run are dropped and an item with several events in a month is
    listed once.

    >>> [a.tolist() for a in schedule([np.array([2, 0, 2, 9])], [np.array([5, 1, 3, 3])], 3)]
    [[1], [], [3, 5]]
    """
    n = max((int(np.max(a, initial=0)) for a in items), default=0) + 1
    keys = []
    for m, i in zip(months, items, strict=True):  # the events inside the run, as keys
        keep = np.flatnonzero((m >= 0) & (m < horizon))  # (take: faster than a mask here)
        keys.append(m.take(keep).astype(np.int64) * n + i.take(keep).astype(np.int64))
    key = np.sort(np.concatenate(keys))
    key = key[np.concatenate(([True], key[1:] != key[:-1]))[: key.size]]  # once each
    month, item = np.divmod(key, n)
    bounds = np.searchsorted(month, np.arange(horizon + 1)).tolist()
    item = item.astype(np.intp, copy=False)  # each month's a view of it
    return [item[lo:hi] for lo, hi in pairwise(bounds)]


def group_by(keys: NDArray[np.integer], n: int) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Items grouped by key ``0 .. n - 1``: ``(order, starts)`` for :func:`members`.

    ``order`` lists the items key by key, each key's in ascending order;
    ``starts[k]`` is where key ``k``'s begin (``starts[n]`` is the number of items).
    """
    order = np.argsort(keys, kind="stable")
    starts = np.concatenate(([0], np.cumsum(np.bincount(keys, minlength=n))))
    return order.astype(np.intp), starts.astype(np.intp)


def members(
    order: NDArray[np.intp], starts: NDArray[np.intp], keys: NDArray[np.intp]
) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """The items of ``keys`` (:func:`group_by`): ``(rank, items)``, ``items`` key by key.

    ``rank[i]`` is the place in ``keys`` of item ``items[i]``'s key; each key's
    items come in ascending order, so that ``np.bincount(rank, x[items])`` adds
    each key's in the order a ``np.bincount`` over all items would.

    >>> order, starts = group_by(np.array([1, 0, 1, 2, 1]), 3)
    >>> [a.tolist() for a in members(order, starts, np.array([1, 2]))]
    [[0, 0, 0, 1], [0, 2, 4, 3]]
    """
    first = starts.take(keys)
    counts = starts.take(keys + 1) - first
    rank = np.repeat(np.arange(keys.size), counts)
    ends = np.cumsum(counts)
    total = int(ends[-1]) if ends.size else 0
    return rank, order[np.arange(total) + (first - ends + counts)[rank]]


def distinct(a: NDArray[np.intp]) -> NDArray[np.intp]:
    """The distinct values of ``a``, ascending (np.unique is slow on small arrays)."""
    a = np.sort(a)
    return a[np.concatenate(([True], a[1:] != a[:-1]))[: a.size]]


def distinct_inverse(
    keys: NDArray[np.intp],
    order: NDArray[np.intp] | None = None,
    ranked: NDArray[np.intp] | None = None,
) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """``np.unique(keys, return_inverse=True)`` for a 1-d integer array, in fewer steps.

    Sorted distinct values and each key's index among them (np.unique is slow on a
    few hundred values). ``order`` (``np.argsort(keys, kind="stable")``) and
    ``ranked`` (``keys[order]``) may be given when the caller has them.

    >>> [a.tolist() for a in distinct_inverse(np.array([7, 3, 7, 5]))]
    [[3, 5, 7], [2, 0, 2, 1]]
    """
    if order is None:
        order = np.argsort(keys, kind="stable")
    if ranked is None:
        ranked = keys[order]
    first = np.empty(ranked.size, dtype=bool)
    first[:1] = True
    np.not_equal(ranked[1:], ranked[:-1], out=first[1:])
    inverse = np.empty(keys.size, dtype=np.intp)
    inverse[order] = np.cumsum(first) - 1
    return ranked[first], inverse


MEMO_BYTES = 64e6
"""Most bytes of views by month a run keeps for later runs on the same history."""
_MEMO: list[tuple[tuple[object, ...], tuple[object, ...], object]] = []
_KEEP = 12  # the plans of a replication (about 7) and some of the last one
_LOCK = threading.Lock()


def memo(objects: tuple[object, ...], key: tuple[object, ...], make: Callable[[], _T]) -> _T:
    """``make()``, or what it returned for the same ``objects`` (by identity) and ``key``.

    For plans derived from a run's population history: the policies of a
    replication run one after another on the same history (:func:`simulate`
    keeps the last histories drawn), so each plan is worked out once. A few
    recent entries are kept; the values must not be changed by their users.
    """
    with _LOCK:  # runs in threads (a threaded Dask worker) share the list
        for i, (objs, k, value) in enumerate(_MEMO):
            # (the objects first: cheap, and a new history's differ from every entry's,
            # while keys holding parameters are slow to compare)
            if len(objs) == len(objects) and all(map(operator.is_, objs, objects)) and k == key:
                _MEMO.append(_MEMO.pop(i))
                return cast(_T, value)
    made = make()
    with _LOCK:
        _MEMO.append((objects, key, made))
        del _MEMO[:-_KEEP]
    return made


def _since(events: list[NDArray[np.intp]], after: int, upto: int) -> NDArray[np.intp]:
    """The items with an event in months ``after < m <= upto`` (sorted, distinct)."""
    if upto == after + 1:
        return events[upto]
    return np.unique(np.concatenate(events[max(after + 1, 0) : upto + 1]))


class Census:
    """Who is present, of working age, how many live in each household, remittances.

    Parameters
    ----------
    population : PopulationHistory
        The run's demographic history.
    months : int
        The run's length: events at or after it are ignored.

    Each view is asked for a month at or after the last one asked (a run's
    months only move forward); it is brought up to date from the events of the
    months in between.
    """

    def __init__(self, population: PopulationHistory, months: int) -> None:
        p = self.population = population
        plan = memo((population,), ("census", months), lambda: _plan(population, months))
        self._moves, self._ageing, self._m, self._m_remittance, self._m_moves = plan[:5]
        self._m_groups: tuple[NDArray[np.intp], NDArray[np.intp]] = plan[7]  # by household
        # who is of working age, by month, kept for the next run on this history
        self._seen = plan[5]
        self._keep = p.n_slots * months <= MEMO_BYTES
        self._keep_present = (p.n_slots + 8 * p.n_households) * months <= MEMO_BYTES
        # month 0's views (read-only, replaced when they change): the plan's
        self._present: NDArray[np.bool_]
        self._sizes: NDArray[np.intp]
        self._working: NDArray[np.bool_]
        self._remittances: NDArray[np.float64]
        self._start: tuple[NDArray[Any], ...] = plan[6]
        self._present, self._sizes, self._working, self._remittances = plan[6]
        self._month = self._working_month = self._remittances_month = 0
        self.changes = 0
        """How many times who is present has changed: a process that caches something
        that depends on it recomputes only when this has moved."""

    @staticmethod
    def _frozen(a: _A) -> _A:
        a.setflags(write=False)
        return a

    def _at(self, who: NDArray[np.intp], month: int) -> NDArray[np.bool_]:
        """Whether the slots ``who`` are present in ``month``."""
        p = self.population
        out: NDArray[np.bool_] = (
            (p.born[who] <= month)
            & (month < p.dies[who])
            & ~((p.away_from[who] <= month) & (month < p.away_until[who]))
        )
        return out

    def _advance(self, month: int) -> None:
        """Bring who is present and the households' sizes up to ``month``.

        The views of each step (from one month asked to the next) are kept with the
        plan, so a later run on the history that asks for the same months replays
        them (the same read-only arrays, changing in the same months).
        """
        if month == self._month:
            return
        key = ("present", self._month, month)
        seen = self._seen.get(key)
        if seen is None:
            seen = self._step(self._month, month)
            if self._keep_present:
                self._seen[key] = seen
        self._month = month
        if seen:  # someone came or went: the new views
            self._present, self._sizes = seen
            self.changes += 1

    def _step(
        self, after: int, month: int
    ) -> tuple[NDArray[np.bool_], NDArray[np.intp]] | tuple[()]:
        """The views of ``month`` from those of ``after``, or () when nobody came or went."""
        who = _since(self._moves, after, month)
        if not who.size:
            return ()
        now = self._at(who, month)
        was = self._present[who]
        moved = who[now != was]
        if not moved.size:
            return ()
        present = self._present.copy()
        present[moved] = ~was[now != was]
        sizes = self._sizes.copy()
        np.add.at(sizes, self.population.household[moved], np.where(present[moved], 1, -1))
        return self._frozen(present), self._frozen(sizes)

    def present(self, month: int) -> NDArray[np.bool_]:
        """:meth:`PopulationHistory.present` of ``month`` (read-only)."""
        self._advance(month)
        out: NDArray[np.bool_] = self._present
        return out

    def household_sizes(self, month: int) -> NDArray[np.intp]:
        """:meth:`PopulationHistory.household_sizes` of ``month`` (read-only)."""
        self._advance(month)
        out: NDArray[np.intp] = self._sizes
        return out

    def working_age(self, month: int) -> NDArray[np.bool_]:
        """:meth:`PopulationHistory.working_age_at` of ``month`` (read-only).

        A new array only when someone's changed since the last month asked. The next
        month's is the last one's with that month's step (:meth:`_working_steps`):
        every month's at once when the plan may keep them (:meth:`_working_views`).
        """
        if month == self._working_month + 1 and self._keep:
            views = self._working_views()
            if views[month] is not views[month - 1]:  # (else the array of the month before)
                self._working = views[month]
            self._working_month = month
        elif month != self._working_month:
            seen = self._seen.get(("working", self._working_month, month))
            if seen is not None:
                self._working, self._working_month = seen, month
                return self._working
            key = ("working", self._working_month, month)
            if month == self._working_month + 1:  # the next month: its changes, kept
                who, now = self._working_steps()[month]
            else:
                who = _since(self._ageing, self._working_month, month)
                age = (month - self.population.born[who]) // 12
                now = self._at(who, month) & (age >= WORKING_AGE[0]) & (age <= WORKING_AGE[1])
                if np.array_equal(now, self._working[who]):
                    who = who[:0]
            self._working_month = month
            if who.size:
                working = self._working.copy()
                working[who] = now
                self._working = self._frozen(working)
            if self._keep:
                self._seen[key] = self._working
        out: NDArray[np.bool_] = self._working
        return out

    def _working_steps(self) -> list[tuple[NDArray[np.intp], NDArray[np.bool_]]]:
        """Who comes to or leaves working age (or presence) each month, for the whole run.

        By month (none in month 0): the slots whose :meth:`working_age` differs from
        the month before's, ascending (empty if none), and their new value. Worked
        out at once when first needed and kept with the plan (they depend on the
        history alone): a month's changes are among its ageing events' slots.
        """
        seen = self._seen
        steps = seen.get("working steps")
        if steps is None:
            steps = seen["working steps"] = _working_steps(self.population, self._ageing)
        out: list[tuple[NDArray[np.intp], NDArray[np.bool_]]] = steps
        return out

    def _working_views(self) -> list[NDArray[np.bool_]]:
        """Every month's :meth:`working_age` view, one after another from month 0's.

        A month's is the same array as the month before's when nobody's changed.
        Worked out at once when first needed (in one pass, before other work evicts
        the arrays from the cache) and kept with the plan for the next run.
        """
        views: list[NDArray[np.bool_]] | None = self._seen.get("working views")
        if views is None:
            views = [self._start[2]]
            for who, now in self._working_steps()[1:]:
                if who.size:
                    working = views[-1].copy()
                    working[who] = now
                    views.append(self._frozen(working))
                else:
                    views.append(views[-1])
            self._seen["working views"] = views
        return views

    def remittances(self, month: int) -> NDArray[np.float64]:
        """:meth:`PopulationHistory.remittances` of ``month`` (read-only).

        Only the households of members who left, came back, were born or died since
        the last month asked are worked out again (each sum in the order of the
        whole one's).
        """
        if month != self._remittances_month:
            if month == self._remittances_month + 1:  # the next month: its step, kept
                step = self._remittance_steps()[month]
                if step is not None:
                    remittances = self._remittances.copy()
                    remittances[step[0]] = step[1]
                    self._remittances = self._frozen(remittances)
                self._remittances_month = month
                return self._remittances
            moved = _since(self._m_moves, self._remittances_month, month)
            if moved.size:
                homes = distinct(self._m[4][moved])
                rank, at = members(*self._m_groups, homes)
                m = tuple(a[at] for a in self._m)
                sums = _remitted(m, self._m_remittance[at], homes.size, month, rank)
                remittances = self._remittances.copy()
                remittances[homes] = sums
                self._remittances = self._frozen(remittances)
            self._remittances_month = month
        out: NDArray[np.float64] = self._remittances
        return out

    def _remittance_steps(self) -> list[tuple[NDArray[np.intp], NDArray[np.float64]] | None]:
        """The remittances' changes from each month to the next, for the whole run.

        By month (None in month 0 and in a month without any): the households of
        members who left, came back, were born or died that month, ascending, and
        their remittances that month, each sum in the order of the whole one's.
        Worked out at once when first needed and kept with the plan (they depend
        on the history alone).
        """
        seen = self._seen
        steps = seen.get("remittance steps")
        if steps is None:
            steps = seen["remittance steps"] = _remittance_steps(
                self._m, self._m_remittance, self._m_moves, self._m_groups
            )
        out: list[tuple[NDArray[np.intp], NDArray[np.float64]] | None] = steps
        return out


Remitted = tuple[NDArray[np.intp], NDArray[np.float64], float]
"""A month's remittances: the households that receive some, ascending, what each receives
(yuan) and the sum of that array (``float(sent.sum())``)."""


def remittances_by_month(population: PopulationHistory, months: int) -> list[Remitted]:
    """Each month's :meth:`Census.remittances` as the households receiving some (:data:`Remitted`).

    Worked out for the whole run at once (one pass over the months' steps) and kept
    with the history's census plan (:func:`memo`): the same arrays in every run on
    it. A month without a step shares the tuple of the month before. About
    ``16 * households * months`` bytes: for runs small enough to keep them.
    """
    census = Census(population, months)
    out: list[Remitted] | None = census._seen.get("remittances by month")
    if out is None:
        out = []
        now = census._start[3].copy()  # (month 0's, then each step applied in place)
        for step in census._remittance_steps():
            if step is not None or not out:
                if step is not None:
                    now[step[0]] = step[1]
                home = np.flatnonzero(now != 0)  # (as np.flatnonzero(now), 5x faster)
                sent = now[home]
                out.append((home, sent, float(sent.sum())))
            else:
                out.append(out[-1])
        census._seen["remittances by month"] = out
    return out


def _working_steps(
    p: PopulationHistory, ageing: list[NDArray[np.intp]]
) -> list[tuple[NDArray[np.intp], NDArray[np.bool_]]]:
    """:meth:`Census._working_steps` from the history and its ageing events by month."""
    events = [ageing[0][:0], *ageing[1:]]  # (month 0 is where the views start)
    who = np.concatenate(events)
    month = np.repeat(np.arange(len(events), dtype=np.int64), [a.size for a in events])
    born, dies, away_from, away_until = (
        a[who] for a in (p.born, p.dies, p.away_from, p.away_until)
    )
    young, old = WORKING_AGE

    def working(m: NDArray[np.int64]) -> NDArray[np.bool_]:  # as Census._at and working_age
        age = (m - born) // 12
        at = (born <= m) & (m < dies) & ~((away_from <= m) & (m < away_until))
        out: NDArray[np.bool_] = at & (age >= young) & (age <= old)
        return out

    now = working(month)
    moved = now != working(month - 1)
    bounds = np.concatenate(([0], np.cumsum(np.bincount(month[moved], minlength=len(events)))))
    who, now = who[moved], now[moved]
    return [(who[lo:hi], now[lo:hi]) for lo, hi in pairwise(bounds.tolist())]


def _remittance_steps(
    m: tuple[NDArray[Any], ...],
    remittance: NDArray[np.float64],
    moves: list[NDArray[np.intp]],
    groups: tuple[NDArray[np.intp], NDArray[np.intp]],
) -> list[tuple[NDArray[np.intp], NDArray[np.float64]] | None]:
    """:meth:`Census._remittance_steps` from a :func:`_plan`'s slots ever away."""
    out: list[tuple[NDArray[np.intp], NDArray[np.float64]] | None] = [None] * len(moves)
    busy = [t for t in range(1, len(moves)) if moves[t].size]
    if not busy:
        return out
    n = int(groups[1].size)  # households + 1: a key above every household
    label = np.repeat(np.arange(len(busy)), [moves[t].size for t in busy])
    pair = distinct(label * n + m[4][np.concatenate([moves[t] for t in busy])])
    label, homes = np.divmod(pair, n)  # by month, each month's households ascending
    rank, at = members(*groups, homes)
    month = np.array(busy, dtype=np.int64)[label[rank]]
    born, dies, away_from, away_until = (a[at] for a in m[:4])
    away = (born <= month) & (month < dies) & (away_from <= month) & (month < away_until)
    sums = np.bincount(rank[away], weights=remittance[at][away], minlength=homes.size).astype(
        np.float64
    )
    bounds = np.searchsorted(label, np.arange(len(busy) + 1)).tolist()
    for t, lo, hi in zip(busy, bounds[:-1], bounds[1:], strict=True):
        out[t] = (homes[lo:hi], sums[lo:hi])
    return out


def _plan(p: PopulationHistory, months: int) -> tuple[Any, ...]:
    """The event months of a :class:`Census` (what it needs beyond the history)."""
    slots = np.arange(p.n_slots)
    moves = (p.born, p.dies, p.away_from, p.away_until)
    lo, hi = WORKING_AGE
    ageing = schedule((*moves, p.born + 12 * lo, p.born + 12 * (hi + 1)), (slots,) * 6, months)
    who = np.flatnonzero(p.away_from < p.dies)  # away some month: may send remittances
    m = tuple(a[who] for a in (*moves, p.household))
    m_moves = schedule(m[:4], (np.arange(who.size),) * 4, months)  # places in `who`
    seen: dict[tuple[Any, ...], Any] = {}  # views by month, filled as runs ask
    remitted = _remitted(m, p.remittance[who], p.n_households, 0)
    start = tuple(
        Census._frozen(a)
        for a in (p.present(0), p.household_sizes(0), p.working_age_at(0), remitted)
    )
    return (schedule(moves, (slots,) * 4, months), ageing, m, p.remittance[who], m_moves, seen,
            start, group_by(m[4], p.n_households))  # fmt: skip


def _remitted(
    m: tuple[NDArray[Any], ...],
    remittance: NDArray[np.float64],
    households: int,
    month: int,
    rank: NDArray[np.intp] | None = None,
) -> NDArray[np.float64]:
    """The remittances of ``month`` by household, from slots ever away (:func:`_plan`).

    By ``rank`` instead of household when given (:func:`members`).
    """
    born, dies, away_from, away_until, household = m
    away = (born <= month) & (month < dies) & (away_from <= month) & (month < away_until)
    key = household if rank is None else rank
    out: NDArray[np.float64] = np.bincount(
        key[away], weights=remittance[away], minlength=households
    ).astype(np.float64)
    return out
