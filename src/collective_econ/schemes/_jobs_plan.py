"""The jobs scheme's month step: who may seek a scheme job in a run, and when.

Split from :mod:`collective_econ.schemes.jobs` to keep modules short.
:func:`candidates` works out, once per population history and horizon, the persons
who may ever seek a scheme job and the months in which each may become free to queue
or leave the market (:class:`Candidates`); :func:`since` reads those months between two
month steps; :func:`hire_months` and :func:`eligible` give who each job type may hire.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy import special

from ..economy import census
from ..economy.community import WORKING_AGE
from ..economy.world import World
from ._jobs_params import JobsParams

__all__ = [
    "Candidates",
    "Windows",
    "candidates",
    "eligible",
    "frozen",
    "hire_months",
    "present_at",
    "since",
]

Floats = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Candidates:
    """The persons who may ever seek a scheme job in a run, and their event months.

    Worked out once per population history and horizon (:func:`census.memo`: the
    policies of a replication share it); every array is read-only.

    Attributes
    ----------
    persons : ndarray of int, shape (n,)
        Their person slots: of working age at some month of the run, born by
        then, in a household that loses its land. The job queue's index i is
        slot ``persons[i]``.
    households, household : ndarray of int
        Their distinct households (ascending), and each one's index into it.
    born, female, skill : ndarray
        Birth month, sex, and skill as its normal quantile (0.5 is average).
    opening, closing : list of ndarray of int
        By month of the run (ascending): those who may become free to queue in
        it (a return or an arrival, a 16th birthday, the land taken, when of
        working age and landless then), and those who may leave the market
        (a death, a departure, when of working age and landless the month
        before: everyone else is out of it).
    waves : dict of int to ndarray of int
        By expropriation month: those whose household loses its land in it.
    ready, absent : list of ndarray of int
        By month m: those of ``opening[m]`` present in m, and those of ``closing[m]``
        not present in m, as :meth:`World.present` has them then (:func:`present_at`):
        a month step that follows the last one reads them instead of asking who is
        present.
    exits : list of ndarray of int
        By month m: those of ``absent[m]`` and those who turn 60 in m (distinct,
        ascending): when every job type retires its holders at 60 and the step follows
        the last one, the persons in the market among them are all who leave it in m.
    windows : dict
        Kept tables of who the job types may hire, month by month (:class:`Windows`),
        by the job types' hiring ages: filled by the runs on the plan, shared by them.
    """

    persons: NDArray[np.intp]
    households: NDArray[np.intp]
    household: NDArray[np.intp]
    born: NDArray[np.int64]
    female: NDArray[np.bool_]
    skill: Floats
    opening: list[NDArray[np.intp]]
    closing: list[NDArray[np.intp]]
    waves: dict[int, NDArray[np.intp]]
    ready: list[NDArray[np.intp]]
    absent: list[NDArray[np.intp]]
    exits: list[NDArray[np.intp]]
    windows: dict[object, dict[tuple[int, int], NDArray[np.bool_]]]


def candidates(world: World) -> Candidates | None:
    """:class:`Candidates` of ``world``'s run (None when nobody may ever seek)."""
    c, pop, horizon = world.community, world.population, world.horizon_months
    hh = pop.household
    lo, hi = WORKING_AGE
    oldest = (max(horizon - 1, 0) - pop.born) // 12
    cand = np.flatnonzero((c.expropriation_month[hh] >= 0) & (-pop.born // 12 <= hi)
                          & (oldest >= lo))  # fmt: skip
    if cand.size == 0:
        return None
    households, household = np.unique(hh[cand], return_inverse=True)
    born, land = pop.born[cand], c.expropriation_month[hh[cand]]
    each = np.arange(cand.size)

    def events(
        months: tuple[NDArray[np.int64], ...], lag: int
    ) -> tuple[NDArray[np.int64], NDArray[np.intp]]:
        """(m, i): the persons with an event in m, of working age and landless at m - lag."""
        m, i = np.concatenate(months), np.tile(each, len(months))
        age = (m - lag - born[i]) // 12
        keep = (age >= lo) & (age <= hi) & (land[i] <= m - lag)
        return m[keep], i[keep]

    m_open, i_open = events((pop.away_until[cand], born + 12 * lo, land), 0)
    m_close, i_close = events((pop.dies[cand], pop.away_from[cand]), 1)
    here_open = present_at(world, cand[i_open], m_open)
    here_close = present_at(world, cand[i_close], m_close)
    opening = census.schedule((m_open,), (i_open,), horizon)
    closing = census.schedule((m_close,), (i_close,), horizon)
    ready = census.schedule((m_open[here_open],), (i_open[here_open],), horizon)
    absent = census.schedule((m_close[~here_close],), (i_close[~here_close],), horizon)
    sixty = born + 12 * (hi + 1)  # the month each turns 60
    exits = census.schedule((m_close[~here_close], sixty), (i_close[~here_close], each), horizon)
    waves = {int(m): np.flatnonzero(land == m) for m in np.unique(land)}
    plan = Candidates(cand, households, household.reshape(-1), born, pop.female[cand],
                       special.ndtr(pop.skill[cand]), opening, closing, waves,
                       ready, absent, exits, {})  # fmt: skip
    arrays = (*opening, *closing, *waves.values(), *ready, *absent, *exits)
    for a in (
        plan.persons,
        plan.households,
        plan.household,
        born,
        plan.female,
        plan.skill,
        *arrays,
    ):
        a.setflags(write=False)
    return plan


def present_at(
    world: World, slots: NDArray[np.intp], months: NDArray[np.int64]
) -> NDArray[np.bool_]:
    """Whether each of ``slots`` is present in the month beside it, as the world's census says.

    The census (:class:`~collective_econ.economy.census.Census`) starts from
    :meth:`PopulationHistory.present` of month 0 and, for a slot with a move (born, dies,
    away from, away until) in a month 1 .. horizon - 1 up to the month asked, works
    out ``born <= m < dies`` and not ``away_from <= m < away_until``; between its
    moves that does not change, so it is the value in ``m`` (for ``0 <= m < horizon``).
    """
    pop, horizon = world.population, world.horizon_months
    moves = np.stack([a[slots] for a in (pop.born, pop.dies, pop.away_from, pop.away_until)])
    born, dies, away_from, away_until = moves
    first = np.where((moves >= 1) & (moves < horizon), moves, horizon).min(axis=0)
    now = (born <= months) & (months < dies) & ~((away_from <= months) & (months < away_until))
    out: NDArray[np.bool_] = np.where(first <= months, now, pop.present(0)[slots])
    return out


def since(events: list[NDArray[np.intp]], after: int, upto: int) -> NDArray[np.intp]:
    """The persons with an event in months ``after < m <= upto`` (ascending, distinct)."""
    if upto == after + 1:
        return events[upto]
    return np.unique(np.concatenate(events[after + 1 : upto + 1]))


def frozen(a: NDArray[Any]) -> NDArray[Any]:
    """``a`` made read-only: the job queue checks such an array once."""
    a.setflags(write=False)
    return a


def eligible(
    month: int, hire_from: NDArray[np.int64], hire_until: NDArray[np.int64]
) -> Callable[[NDArray[np.intp]], NDArray[np.bool_]]:
    """Who each job type may hire in ``month``, by its ages and sexes: rows (n, J).

    ``hire_from``, ``hire_until`` (K, J): :func:`hire_months`. Asked by the job
    queue for the month's successful applicants only.
    """

    def rows(who: NDArray[np.intp]) -> NDArray[np.bool_]:
        # ndarray.take gathers whole rows several times faster than a fancy index
        out: NDArray[np.bool_] = hire_from.take(who, 0) <= month
        out &= hire_until.take(who, 0) > month
        return out

    return rows


class Windows:
    """Who each job type may hire in a month, by its ages and sexes (:func:`eligible`).

    Called with persons (n,), the rows (n, J) of :func:`eligible`. Job types with the
    same hiring ages (``hire_from``, ``hire_until`` columns) hire alike: when every
    type with vacancies in a round does, :meth:`blocks` says who they may hire, in one go.
    Set ``month`` before each round.

    ``tables``, a dict, keeps for each such group of types who it may hire in each
    month (:meth:`open_to`: a year's months at a time, read-only): the runs of a
    population history may share it (:attr:`Candidates.windows`), for the same
    ``hire_from`` and ``hire_until``.
    """

    __slots__ = ("_columns", "_group", "_tables", "hire_from", "hire_until", "month")

    def __init__(
        self,
        hire_from: NDArray[np.int64],
        hire_until: NDArray[np.int64],
        tables: dict[tuple[int, int], NDArray[np.bool_]] | None = None,
    ) -> None:
        self.hire_from, self.hire_until, self.month = hire_from, hire_until, 0
        window = np.concatenate((hire_from, hire_until)).T  # (J, 2K): each type's
        kinds = [w.tobytes() for w in window]  # J job types, not persons
        self._group = [kinds.index(k) for k in kinds]  # the first type hiring alike
        self._columns = {
            g: (np.ascontiguousarray(hire_from[:, g]), np.ascontiguousarray(hire_until[:, g]))
            for g in set(self._group)
        }
        self._tables = {} if tables is None else tables

    def open_to(self, group: int) -> NDArray[np.bool_]:
        """Who the job types hiring as type ``group`` may hire in ``month``, shape (K,).

        The row of ``month`` in a kept table of its year (built when first asked).
        """
        year, month = divmod(self.month, 12)
        table = self._tables.get((group, year))
        if table is None:  # the year's 12 months at once, (12, K)
            since, until = self._columns[group]
            months = 12 * year + np.arange(12)[:, None]
            table = since <= months
            table &= until > months
            table.setflags(write=False)
            self._tables[(group, year)] = table
        row: NDArray[np.bool_] = table[month]
        return row

    def __call__(self, who: NDArray[np.intp]) -> NDArray[np.bool_]:
        out: NDArray[np.bool_] = self.hire_from.take(who, 0) <= self.month
        out &= self.hire_until.take(who, 0) > self.month
        return out

    def blocks(
        self, who: NDArray[np.intp], vacancies: list[int], turns: list[int]
    ) -> tuple[NDArray[np.intp], list[int]] | None:
        """A round whose job types with vacancies all hire alike: who may be hired, and as what.

        ``who``: the successful applicants (any order); ``vacancies`` by job type;
        ``turns`` the types' order. Each type in turn takes the first applicants in
        queue order it may hire that no type before it took: with one column for all,
        the first ``sum(vacancies)`` of them it may hire, in blocks of ``vacancies[j]``
        in the order of ``turns``. Returns (those of ``who`` the types may hire, in the
        order of ``who``; the job type of each vacancy in turn, ``[j] * vacancies[j]``
        for j in ``turns``): the hired are the first ``len(types)`` of them in queue
        order, the k-th taking ``types[k]``. None when the types with vacancies differ.
        """
        group, first, order = self._group, -1, []
        for j in turns:  # J job types, not persons
            k = vacancies[j]
            if k:
                if first < 0:
                    first = group[j]
                elif group[j] != first:
                    return None
                order += [j] * k  # the types' vacancies, in the order of `turns`
        return who[self.open_to(first).take(who)], order


def hire_months(
    p: JobsParams, born: NDArray[np.int64], female: NDArray[np.bool_]
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """The months from which each job type may hire each person, and from which no longer.

    Shape (K, J) each: the month the person reaches the type's youngest hiring age
    (by sex) and the month past its oldest (``hire_max_age + 1``).
    """
    lo_f = np.array([j.hire_min_age_female for j in p.jobs])
    lo_m = np.array([j.hire_min_age_male for j in p.jobs])
    top = np.array([j.hire_max_age for j in p.jobs])
    youngest = np.where(female[:, None], lo_f, lo_m)
    return born[:, None] + 12 * youngest, born[:, None] + 12 * (top + 1)
