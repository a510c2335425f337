r"""The queue of landless job seekers for scarce scheme places, vectorised.

:class:`JobQueue` runs a month's separations and hiring round over P persons in
numpy (one sort, O(P log P), no loop over persons); :mod:`._mmc` checks it against
SimPy and the M/M/c queue (Erlang C), and says how monthly rounds differ from
continuous time.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import cast

import numpy as np
from numpy.lib.stride_tricks import as_strided
from numpy.typing import ArrayLike, NDArray

from ..errors import ParameterError, ParameterTypeError, ShapeError
from ..params import _whole

__all__ = ["JobQueue"]

Ints = NDArray[np.int64]
Floats = NDArray[np.float64]
_OWNER = "JobQueue"
_NONE = np.zeros(0, np.int64)
_NONE.setflags(write=False)


def _vector(name: str, value: ArrayLike, size: int, lo: float, hi: float) -> Floats:
    arr = np.asarray(value, dtype=np.float64)
    if arr.shape != (size,):
        raise ShapeError(f"{name} must have shape ({size},), got {arr.shape}")
    bad = ~((arr >= lo) & (arr <= hi))  # NaN is bad too
    if bad.any():
        rule = f"within [{lo:g}, {hi:g}]" if math.isfinite(hi) else f"finite and >= {lo:g}"
        raise ParameterError(
            f"{name}[{int(np.argmax(bad))}]", rule, float(arr[bad][0]), owner=_OWNER
        )
    return arr


class JobQueue:
    """The scheme job market of P persons and J job types, as numpy arrays.

    A person is out of the market, queued (``seeking``) or holds a place of
    job type j (``job == j``). The queue is first in, first out: by the month
    joined, ties by a random order of persons drawn once at construction.

    :meth:`separate`, :meth:`end_contracts` and :meth:`hire` each draw one uniform
    per person (P) whoever works, is due or seeks, and :meth:`hire` with
    ``eligible`` the job types' order whether or not anyone is hired: the numbers
    a call takes from ``rng`` do not depend on the queue's state, so a person
    hired or not by another scheme's doing shifts no one else's draws (common
    random numbers across policies that share the job market). A caller may draw
    those uniforms itself, from the same stream and in the same order, and pass
    them (``u``): a month step draws its three in one call.

    Parameters
    ----------
    persons, job_types : int
        P persons (0 .. P-1) and J job types; kept as attributes.
    rng : numpy.random.Generator
        Draws the tiebreak order, once (without ``order``).
    order : ndarray, shape (P,), optional
        A number per person whose order is the tiebreak order instead (keyword only):
        numbers of each person's own keep two persons' order whoever else is in the market.

    Attributes
    ----------
    job, joined, seeking, started : ndarray, shape (P,)
        Read-only views: job type held (-1: none), month last queued, queued,
        month the current contract began (meaningful while ``job >= 0``).

    Examples
    --------
    430 reserved factory and service places, 900 landless seekers (167 trained)
    queueing from month 0: after two years the trained hold 20% of the places.

    >>> from collective_econ.schemes.jobs import JobsParams, hire_probability
    >>> params, rng = JobsParams(), np.random.default_rng(2010)
    >>> market = JobQueue(900, len(params.jobs), rng)
    >>> market.add_seekers(np.arange(900), month=0).size
    900
    >>> trained = np.arange(900) < 167
    >>> accept = hire_probability(params, trained, 0.5)
    >>> for month in range(1, 25):
    ...     left = market.separate(month, rng, params.separations)
    ...     hires = market.hire(month, rng, params.places, accept)
    >>> market.employed_count, market.queue_length
    (array([120,  80, 100,  30,  40,  60]), 470)
    >>> round(float(trained[market.job >= 0].mean()), 2)
    0.2
    """

    def __init__(
        self,
        persons: int,
        job_types: int,
        rng: np.random.Generator,
        *,
        order: Floats | None = None,
    ) -> None:
        self.persons = _whole(persons, "persons", 1, _OWNER, terse=True)
        self.job_types = _whole(job_types, "job_types", 1, _OWNER, terse=True)
        self._job = np.full(self.persons, -1, dtype=np.int64)
        self._joined = np.zeros(self.persons, dtype=np.int64)
        self._seeking = np.zeros(self.persons, dtype=bool)
        self._started = np.zeros(self.persons, dtype=np.int64)
        self._tiebreak = (
            rng.permutation(self.persons).astype(np.int64)
            if order is None  # else the ranks of the caller's numbers (no draw)
            else np.argsort(np.argsort(order, kind="stable"), kind="stable").astype(np.int64)
        )
        self._employed = np.zeros(self.job_types, dtype=np.int64)
        self._types = list(range(self.job_types))  # a round's order of types, before shuffling
        self._checked: dict[str, Floats] = {}  # the last value of each per-type input checked
        self._seen: dict[str, tuple[object, Floats]] = {}  # ... and the read-only array passed
        self._places: tuple[Floats | None, list[int]] = (None, [])  # places checked, as ints
        self._lengths: tuple[Floats | None, Ints] = (None, _NONE)  # contract months, as ints
        self._holders: tuple[Ints, Ints] | None = None  # dropped by _vacate and _fill
        arrays = (self._job, self._joined, self._seeking, self._started)
        self.job, self.joined, self.seeking, self.started = (
            as_strided(a, writeable=False) for a in arrays
        )

    @property
    def employed_count(self) -> Ints:
        """Persons holding a place, by job type, shape (J,)."""
        return self._employed.copy()

    def holders(self) -> tuple[Ints, Ints]:
        """The persons holding a place (ascending) and their job types, read-only.

        Kept until a place changes hands: the same arrays while none does.
        """
        if self._holders is None:
            workers = (self._job >= 0).nonzero()[0]
            jobs = self._job[workers]
            workers.setflags(write=False)
            jobs.setflags(write=False)
            self._holders = (workers, jobs)
        return self._holders

    def _vacate(self, persons: Ints, jobs: Ints) -> None:
        """``persons`` leave the places they hold (of types ``jobs``, in their order).

        With :meth:`_fill`, the only writes of who holds which place (``_job``,
        ``_employed``): each drops :meth:`holders`' arrays, so that no way of changing
        hands can leave them stale (``tests/schemes/test_jobqueue.py`` checks that no
        other method writes those).
        """
        self._employed -= np.bincount(jobs, minlength=self.job_types)
        self._job[persons] = -1
        self._holders = None

    def _fill(self, month: int, persons: Ints, types: Ints) -> None:
        """``persons`` (queued) take places of ``types`` in ``month``, leaving the queue.

        The other write of who holds which place (:meth:`_vacate`).
        """
        self._job[persons] = types
        self._holders = None
        self._seeking[persons] = False
        self._started[persons] = month
        self._employed += np.bincount(types, minlength=self.job_types)

    @property
    def queue_length(self) -> int:
        """Persons queued."""
        return int(np.count_nonzero(self._seeking))

    @property
    def queued(self) -> Ints:
        """The queued persons in queue order, head first."""
        who = np.flatnonzero(self._seeking)
        return who[np.argsort(self._key(who))]

    def _key(self, who: Ints) -> Ints:
        """The queue order's key of ``who``: the month each joined, then the tie-break.

        Distinct for distinct persons, so that any sort of it gives the queue order.
        """
        key = self._joined[who]
        key *= self.persons
        key += self._tiebreak[who]
        return key

    def waiting_months(self, month: int) -> Floats:
        """Months each person has queued by ``month``, shape (P,); NaN if not queued."""
        return np.where(self._seeking, float(month) - self._joined, np.nan)

    def add_seekers(
        self, persons: ArrayLike, month: int, *, checked: bool = False, outside: bool = False
    ) -> Ints:
        """Queue ``persons`` at the back in ``month``, for instance when they lose their land.

        Persons already queued or employed keep their place (adding twice
        changes nothing). Returns the newly queued persons, ascending.
        ``checked=True`` says ``persons`` are distinct, ascending indices within
        ``[0, P)`` as an integer array and ``month`` an int >= 0 (a month step's own): not
        checked again; ``outside=True`` that none of them is queued or employed (all are queued).
        """
        if checked:  # a month step's own persons, and its month (an int)
            idx = cast(Ints, persons)
            fresh: Ints = idx if outside else idx[~self._seeking[idx] & (self._job[idx] < 0)]
            self._seeking[fresh] = True
            self._joined[fresh] = month
            return fresh
        month = _whole(month, "month", 0, "", terse=True)
        idx = np.asarray(persons)
        if idx.ndim != 1:
            raise ShapeError(f"persons must be 1-D, got shape {idx.shape}")
        if idx.size and not np.issubdtype(idx.dtype, np.integer):
            raise ParameterTypeError("persons", "integer indices", idx.dtype, owner=_OWNER)
        if idx.size and (idx.min() < 0 or idx.max() >= self.persons):
            worst = int(idx.min() if idx.min() < 0 else idx.max())
            raise ParameterError("persons", f"within [0, {self.persons})", worst, owner=_OWNER)
        idx = _distinct(idx.astype(np.int64, copy=False))
        new: Ints = idx[~self._seeking[idx] & (self._job[idx] < 0)]
        self._seeking[new] = True
        self._joined[new] = month
        return new

    def separate(
        self,
        month: int,
        rng: np.random.Generator,
        separation: ArrayLike,
        *,
        rejoin: bool = True,
        u: Floats | None = None,
    ) -> Ints:
        """Each worker leaves in ``month`` with chance ``separation[job]``; returns the leavers.

        ``separation`` (J,) is ``JobsParams.separations``. Leavers (ascending)
        rejoin the back of the queue, or leave the market if ``rejoin=False``.
        ``u`` (P,): the uniforms ``rng.random(P)`` would draw, drawn by the caller.
        """
        month = _whole(month, "month", 0, "", terse=True)
        sep = self._per_type("separation", separation, 1.0)
        if u is None:
            u = rng.random(self.persons)  # one per person whoever works: a fixed-shape draw
        workers = (self._job >= 0).nonzero()[0]
        jobs = self._job[workers]
        gone = u[workers] < sep[jobs]
        leave = workers[gone]
        if leave.size == 0:
            return leave
        self._vacate(leave, jobs[gone])
        if rejoin:
            self._seeking[leave] = True
            self._joined[leave] = month
        return leave

    def leave(
        self, persons: ArrayLike, month: int, *, rejoin: bool = False, checked: bool = False
    ) -> Ints:
        """Take ``persons`` out of their place or the queue in ``month``; returns the workers.

        With ``rejoin=False`` (retirement: past working age or a job type's
        ``retire_age``) they leave the market; with ``rejoin=True`` (their post
        closed) workers queue again at the back. Returns those of ``persons``
        who held a place, ascending (their places are free for this month's round).
        ``checked=True`` says ``persons`` are distinct indices within ``[0, P)`` as an
        integer array and ``month`` an int >= 0 (a month step's own): then the workers come
        in their order.
        """
        if checked:  # a month step's own persons, and its month (an int)
            idx = cast(Ints, persons)
        else:
            month = _whole(month, "month", 0, "", terse=True)
            idx = np.asarray(persons, dtype=np.int64)
            if idx.size == 0:  # nobody leaves (most months)
                return idx.reshape(0)
            idx = _distinct(idx)
        jobs = self._job[idx]
        held = jobs >= 0
        workers: Ints = idx[held]
        if workers.size:
            self._vacate(workers, jobs[held])
        if rejoin:
            self._seeking[workers] = True
            self._joined[workers] = month
        else:
            self._seeking[idx] = False
        return workers

    def turnover(
        self,
        month: int,
        u_leave: Floats,
        u_renew: Floats,
        separation: ArrayLike,
        contract_months: ArrayLike,
        renewal: float,
        *,
        checked: bool = False,
    ) -> Ints:
        """:meth:`separate`, then :meth:`end_contracts`, in one pass over the workers.

        The same as ``separate(month, rng, separation, u=u_leave)`` followed by
        ``end_contracts(month, rng, contract_months, renewal, u=u_renew)``: the
        caller draws both uniforms (P,). Returns every leaver, ascending; all
        rejoin the back of the queue. ``checked=True`` says ``month`` is a month
        step's own (an int >= 0): not checked again.
        """
        if not checked:
            month = _whole(month, "month", 0, "", terse=True)
        sep = self._per_type("separation", separation, 1.0)
        length = self._whole_months(self._per_type("contract_months", contract_months, math.inf))
        workers, jobs = self.holders()
        go = u_leave[workers] < sep[jobs]  # separations
        due = self._started[workers] <= month - length[jobs]  # on integers: no casts
        due &= ~go  # contracts ending, of those who stay
        renewed = u_renew[workers] < renewal
        renewed &= due
        self._started[workers[renewed]] = month
        go |= due ^ renewed  # ... and those not renewed
        leave = workers[go]
        if leave.size:
            self._vacate(leave, jobs[go])
            self._seeking[leave] = True
            self._joined[leave] = month
        return leave

    def end_contracts(
        self,
        month: int,
        rng: np.random.Generator,
        contract_months: ArrayLike,
        renewal: float,
        *,
        u: Floats | None = None,
    ) -> Ints:
        """Contracts that reach ``contract_months[job]`` (J,) this month end; returns the leavers.

        Each incumbent is renewed for another contract with chance ``renewal``;
        the others rejoin the back of the queue and their places are re-competed
        in the month's hiring round. Leavers ascending. ``u`` as in :meth:`separate`.
        """
        month = _whole(month, "month", 0, "", terse=True)
        length = self._per_type("contract_months", contract_months, math.inf)
        if u is None:
            u = rng.random(self.persons)  # one per person whoever is due: a fixed-shape draw
        workers = (self._job >= 0).nonzero()[0]
        due = workers[month - self._started[workers] >= length[self._job[workers]]]
        if due.size == 0:
            return due
        renewed = u[due] < renewal
        self._started[due[renewed]] = month
        return self.leave(due[~renewed], month, rejoin=True)

    def _whole_months(self, length: Floats) -> Ints:
        """``length`` (whole numbers, :meth:`_per_type`'s array) as integers, kept per array.

        Lengths past 2**62 months (infinite: contracts that never end) as 2**62: no
        month reaches them, and a month less them cannot overflow.
        """
        if self._lengths[0] is not length:
            whole = np.minimum(length, 2.0**62)
            self._lengths = (length, whole.astype(np.int64))
        return self._lengths[1]

    def _per_type(self, name: str, value: ArrayLike, hi: float) -> Floats:
        """``value`` (J,) checked: within [0, hi] (whole numbers if ``hi`` is infinite).

        A month's job market passes the same places and separations month after
        month: a value equal to the last one checked is not checked again.
        """
        seen = self._seen.get(name)
        if seen is not None and seen[0] is value:  # the very array checked last time
            return seen[1]
        arr = np.asarray(value, dtype=np.float64)
        last = self._checked.get(name)
        if last is not None and np.array_equal(arr, last):
            if isinstance(value, np.ndarray) and not value.flags.writeable:
                self._seen[name] = (value, last)
            return last
        checked = _vector(name, arr, self.job_types, 0.0, hi)
        if math.isinf(hi) and np.any(checked != np.floor(checked)):
            raise ParameterError(name, "whole numbers", value, owner=_OWNER)
        self._checked[name] = checked = checked.copy()  # a copy the caller cannot change
        if isinstance(value, np.ndarray) and not value.flags.writeable:  # cannot change
            self._seen[name] = (value, checked)
        return checked

    def hire(
        self,
        month: int,
        rng: np.random.Generator,
        places: ArrayLike,
        accept: ArrayLike,
        eligible: NDArray[np.bool_] | Callable[[Ints], NDArray[np.bool_]] | None = None,
        *,
        checked: bool = False,
        u: Floats | None = None,
        free: Callable[[Ints], NDArray[np.bool_]] | None = None,
    ) -> tuple[Ints, Ints]:
        """Fill this month's vacancies from the queue, head first.

        Vacancies: ``places`` (J,) (``JobsParams.places``) less those employed;
        cutting places lays nobody off. Each queued seeker gets one Bernoulli
        draw, chance ``accept[p]`` (P,) (``jobs.hire_probability``: higher for
        the trained); the first ``sum(vacancies)`` successes in queue order are
        hired. Job types: each vacancy is equally likely to be filled and hires
        take the filled ones in random order (a random permutation of vacancy
        slots, cut to the number hired): one fill rate for all types, as in
        ``jobs.steady_state_employment``. With ``eligible`` (P, J) (who each job
        type may hire: its ages and sexes), the job types are filled one after
        another in a random order, each from the eligible successes not yet
        hired, head first. ``eligible`` may also be a function of persons (n,)
        returning their rows (n, J), asked only for this month's successes.
        ``checked=True`` says ``accept`` is already a float array of shape (P,)
        within [0, 1] (a month step's own array): it is not checked again. ``u`` as in
        :meth:`separate`. ``free``, a function of persons (n,) returning a mask (n,), says
        which of the month's successes are free to take a job: the others count as
        drawn with ``accept`` 0 (a caller's ``accept`` is then needed for those free
        only, and no array over P persons says who is). Returns (hired persons in queue
        order, their job types).
        """
        month = _whole(month, "month", 0, "", terse=True)
        cap = self._per_type("places", places, math.inf)
        acc = (
            cast(Floats, accept) if checked else _vector("accept", accept, self.persons, 0.0, 1.0)
        )
        if self._places[0] is not cap:  # the places as whole numbers, once per array checked
            self._places = (cap, [int(c) for c in cap.tolist()])
        employed = self._employed.tolist()
        vacancies = [max(c - e, 0) for c, e in zip(self._places[1], employed, strict=True)]
        total = sum(vacancies)
        if u is None:
            u = rng.random(self.persons)  # one per person whoever seeks: a fixed-shape draw
        success = u < acc
        success &= self._seeking
        who = success.nonzero()[0]  # successes; only the first `total` sorted
        if free is not None and who.size:  # u < 0 is never a success: u < acc of the free
            who = who[free(who)]
        if total == 0 or (who.size == 0 and (callable(eligible) or not self._seeking.any())):
            if eligible is not None:  # the job types' order a round draws (_hire_eligible)
                rng.permutation(self.job_types)
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        key = self._key(who)
        if eligible is not None:
            return self._hire_eligible(month, rng, who[np.argsort(key)], vacancies, eligible)
        if who.size > total:
            first = np.argpartition(key, total - 1)[:total]
            who, key = who[first], key[first]
        hired = who[np.argsort(key)]
        slots = np.repeat(np.arange(self.job_types, dtype=np.int64), vacancies)
        types = rng.permutation(slots)[: hired.size]
        self._fill(month, hired, types)
        return hired, types

    def hire_free(
        self,
        month: int,
        rng: np.random.Generator,
        places: list[int],
        accept: Floats,
        u: Floats,
        eligible: Callable[[Ints], NDArray[np.bool_]],
        free: Callable[[Ints], NDArray[np.bool_]] | None = None,
    ) -> tuple[Ints, Ints]:
        """:meth:`hire` as a month step calls it, with less work: the same hires and draws.

        The same as ``hire(month, rng, places, accept, eligible, checked=True, u=u,
        free=free)`` for ``places`` (J,) already checked, as whole numbers (a list),
        ``accept`` and ``u`` float arrays (P,) and ``eligible`` a function whose rows
        have shape (n, J). Without ``free``, ``accept`` is 0 for those not free. An
        ``eligible`` with a method ``blocks(who, vacancies, turns)`` is asked first
        (:class:`~collective_econ.schemes._jobs_plan.Windows`): when it gives those of
        the successes the round's types may hire and the type of each vacancy in turn,
        only those are sorted into queue order; its None: as above.
        """
        employed = self._employed.tolist()
        vacancies = [c - e if c > e else 0 for c, e in zip(places, employed, strict=True)]
        total = sum(vacancies)
        success = u < accept
        success &= self._seeking
        who = success.nonzero()[0]  # successes; only those free may be hired
        if who.size and free is not None:
            who = who[free(who)]
        # the job types' order a round draws: rng.permutation(J), as a list shuffled in
        # place (the same draws, random_interval(i) for i = J - 1 .. 1, the same swaps)
        turns = self._types.copy()
        rng.shuffle(turns)
        if total == 0 or who.size == 0:
            return _NONE, _NONE
        blocks = getattr(eligible, "blocks", None)  # the types hiring alike: in one go
        alike = None if blocks is None else blocks(who, vacancies, turns)
        if alike is not None:  # the first len(order) of `can` in queue order are hired
            can, order = alike
            hired = can[self._key(can).argsort()[: len(order)]]
            types = np.array(order[: hired.size], dtype=np.int64)
        else:
            ordered = who[self._key(who).argsort()]
            cut = min(ordered.size, 8 * total + 64)  # the head first, as _hire_eligible
            while True:
                head = ordered[:cut]
                taken, unfilled = _assign_few(eligible(head), vacancies, turns)
                if cut == ordered.size or not unfilled:
                    break
                cut = ordered.size
            rows = sorted(taken)  # queue order
            hired = head[rows]
            types = np.array([taken[r] for r in rows], dtype=np.int64)
        if not hired.size:
            return _NONE, _NONE
        self._fill(month, hired, types)
        return hired, types

    def _hire_eligible(
        self,
        month: int,
        rng: np.random.Generator,
        ordered: Ints,
        vacancies: list[int],
        eligible: NDArray[np.bool_] | Callable[[Ints], NDArray[np.bool_]],
    ) -> tuple[Ints, Ints]:
        """:meth:`hire` with eligibility: ``ordered`` are the successes in queue order."""
        if callable(eligible):
            turns = rng.permutation(self.job_types).tolist()
            open_ = vacancies
            # the head of the queue is asked first: when it fills every vacancy, those
            # behind it could not have been hired (each type takes its first eligible)
            cut = min(ordered.size, 8 * sum(open_) + 64)
            while True:
                head = ordered[:cut]
                can = np.asarray(eligible(head), dtype=bool)
                if can.shape != (head.size, self.job_types):
                    raise ShapeError(
                        f"eligible(persons) must have shape ({head.size}, {self.job_types}), "
                        f"got {can.shape}"
                    )
                taken, unfilled = _assign_few(can, open_, turns)
                if cut == ordered.size or not unfilled:
                    rows = sorted(taken)  # queue order
                    hired = head[rows]
                    types = np.array([taken[r] for r in rows], dtype=np.int64)
                    self._fill(month, hired, types)
                    return hired, types
                cut = ordered.size
        if eligible.shape != (self.persons, self.job_types):
            raise ShapeError(
                f"eligible must have shape ({self.persons}, {self.job_types}), "
                f"got {eligible.shape}"
            )
        turns = rng.permutation(self.job_types).tolist()
        return self._take(month, ordered, _assign(eligible[ordered], vacancies, turns))

    def _take(self, month: int, ordered: Ints, types: Ints) -> tuple[Ints, Ints]:
        """Those of ``ordered`` given a job type (``types >= 0``) take their places."""
        taken = types >= 0
        hired, types = ordered[taken], types[taken]
        self._fill(month, hired, types)
        return hired, types


def _assign(can: NDArray[np.bool_], vacancies: list[int], turns: list[int]) -> Ints:
    """Fill the job types in the order ``turns``, each from the rows of ``can`` not yet taken.

    Rows are persons in queue order; returns each row's job type (-1: none).
    """
    can = can.copy()  # rows taken are cleared
    types = np.full(can.shape[0], -1, dtype=np.int64)
    open_ = list(vacancies)
    for j in turns:  # J job types, not persons
        if open_[j]:
            pick = can[:, j].nonzero()[0][: open_[j]]
            can[pick] = False
            types[pick] = j
    return types


def _assign_few(
    can: NDArray[np.bool_], vacancies: list[int], turns: list[int]
) -> tuple[dict[int, int], int]:
    """:func:`_assign` for a month's few vacancies: the rows taken, and vacancies unfilled.

    Returns ``{row: job type}`` of the rows given a type, and how many vacancies no
    row could fill. Work per job type with vacancies: its column's rows, read in
    order until its vacancies are filled (the rows of earlier types skipped).
    """
    taken: dict[int, int] = {}
    unfilled = 0
    for j in turns:
        k = vacancies[j]
        if k:  # at most len(taken) of its rows are skipped: no more are read
            for row in can[:, j].nonzero()[0][: k + len(taken)].tolist():
                if row not in taken:
                    taken[row] = j
                    k -= 1
                    if not k:
                        break
            unfilled += k
    return taken, unfilled


def _distinct(idx: Ints) -> Ints:
    """``np.unique(idx)``; an array already strictly ascending (``flatnonzero``'s) as it is."""
    if idx.size < 2 or bool((idx[1:] > idx[:-1]).all()):
        return idx
    return np.unique(idx)
