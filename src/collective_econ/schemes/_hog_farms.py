"""The hog farms' cash, credit line and exits, for the ``hog_double_hundred`` process.

A farm pays from its household's cash and draws on a working-capital credit
line from the bank where the cash falls short (:class:`_Farms`); it exits
when it cannot pay, and its worker is free again.

A private helper of :mod:`collective_econ.schemes.hogs`.
"""

from __future__ import annotations

from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from ..economy.community import WORKING_AGE
from ..economy.credit import LoanBook
from ..economy.world import World
from ._hog_market import DAYS_PER_MONTH, Floats

__all__ = ["FarmParams", "growing_months", "still_to_do"]

_NEVER = int(np.iinfo(np.int64).max)


class FarmParams(Protocol):
    """The parameters the farms' credit reads (HogParams has them)."""

    @property
    def credit_line(self) -> float: ...
    @property
    def credit_months(self) -> int: ...
    @property
    def credit_rate(self) -> float: ...
    @property
    def days_to_finish(self) -> int: ...


class _Farms:
    """The farms' cash, credit line and exits, for the process in :mod:`.hogs`."""

    def __init__(
        self,
        world: World,
        hh: NDArray[np.intp],
        first: NDArray[np.intp],
        running: NDArray[np.bool_],
        lines: list[list[int]],
    ) -> None:
        self.world, self.hh, self.first, self.running, self.lines = (
            world, hh, first, running, lines
        )  # fmt: skip
        self.bank = world.account("bank")
        self.paused = 0
        """Batches skipped because the farm could not fund them."""
        self.unpaid = 0.0
        """Suppliers' bills the farms could not pay, yuan (the suppliers' loss)."""
        farm_of = np.full(world.community.n_households, -1, dtype=np.intp)
        farm_of[hh] = np.arange(hh.size)
        slots = farm_of[world.population.household]  # each person slot's farm, or -1
        members = np.flatnonzero(slots >= 0)
        order = np.argsort(slots[members], kind="stable")
        self.members = members[order]
        """The person slots of the farm households, by farm and ascending within a farm:
        farm f's are ``members[at[f]:at[f + 1]]``. Heirs are found among these (a slot's
        household never changes), not among every person of the run."""
        self.at = np.searchsorted(slots[self.members], np.arange(hh.size + 1)).tolist()
        self.until = np.zeros(hh.size, dtype=np.int64)
        """The month each farm's worker stops being present and of working age (dies,
        leaves or turns 60): before it, :meth:`replace_workers` has nothing to do."""
        self.next_due = _NEVER
        """The earliest of `until` over the running farms (:meth:`workers_due`): worked
        out anew whenever a farm is hired (:meth:`hired`) or exits (:meth:`exit`), the
        only places `until` and `running` change once a farm has started."""

    def hired(self, farms: NDArray[np.intp], month: int) -> None:
        """Note when the workers of ``farms``, present and of working age in ``month``, stop.

        The first month after ``month`` they are dead, away (a spell of the population
        history that starts later; one spell at most) or 60, as World.working_age() has it.
        """
        pop, w = self.world.population, self.first[farms]
        away, back = pop.away_from[w], pop.away_until[w]
        leaves = np.where((away > month) & (back > away), away, _NEVER)
        old = pop.born[w] + 12 * (WORKING_AGE[1] + 1)
        self.until[farms] = np.minimum(np.minimum(pop.dies[w], leaves), old)
        self._due_anew()

    def _due_anew(self) -> None:
        """:attr:`next_due` for the running farms as they are now."""
        self.next_due = int(self.until[self.running].min(initial=_NEVER))

    def workers_due(self, month: int) -> bool:
        """Whether a running farm's worker has stopped by ``month`` (see :meth:`hired`)."""
        return month >= self.next_due

    def owed(self, f: int) -> float:
        """Working-capital principal farm ``f`` owes on its credit line."""
        loans, mine = self.world.loans, self.lines[f]
        if not mine:
            return 0.0
        at = np.array(mine, dtype=np.intp)
        return float((loans.principal.take(at) * loans.active.take(at)).sum())

    def owed_many(self, farms: list[int]) -> list[float]:
        """:meth:`owed` of each of ``farms``, bit for bit, with one read of the loan book.

        numpy sums fewer than 8 numbers in order (the ended loans' exact zeros change
        nothing) and any grouping of two non-zero terms gives ``a + b``; otherwise
        (numpy's pairwise grouping) it is :meth:`owed` itself.
        """
        lines = [self.lines[f] for f in farms]
        flat = [k for line in lines for k in line]
        if not flat:
            return [0.0] * len(farms)
        loans, at = self.world.loans, np.array(flat, dtype=np.intp)
        values = (loans.principal.take(at) * loans.active.take(at)).tolist()
        out, lo = [], 0
        for f, line in zip(farms, lines, strict=True):
            hi = lo + len(line)
            terms = [v for v in values[lo:hi] if v != 0.0]
            if hi - lo < 8 or len(terms) <= 2:
                total = 0.0
                for v in terms:
                    total += v
                out.append(total)
            else:
                out.append(self.owed(f))
            lo = hi
        return out

    def fund(
        self, farms: NDArray[Any], amounts: Floats, p: FarmParams, *, partial: bool = False
    ) -> NDArray[np.bool_]:
        """Draw on the credit line where cash falls short of ``amounts``; which farms can pay.

        With ``partial``, a farm borrows what its line allows even when that is not enough.
        The lines of the farms short of cash are read at once, before any draws
        (:meth:`owed_many`): as one :meth:`owed` per farm in turn unless a farm is named
        twice (then they are), since a farm's draw changes no other farm's line.
        """
        loans, balance = self.world.loans, self.world.ledger.balance
        ok = np.ones(farms.size, dtype=bool)
        homes = self.hh[farms]
        cash = np.maximum(balance[homes], 0.0)
        short_of = np.flatnonzero(cash < amounts)
        if short_of.size == 0:
            return ok
        grace = min(growing_months(p), p.credit_months - 1)
        which, who = farms[short_of].tolist(), homes[short_of]
        once = len(set(which)) == len(which)
        owed = self.owed_many(which) if once else [-1.0] * len(which)  # -1: read in turn
        rows = zip(short_of.tolist(), which, who.tolist(), amounts[short_of].tolist(),
                   cash[short_of].tolist(), loans.defaulted(who).tolist(), owed,
                   strict=True)  # fmt: skip
        for k, f, hh, need, have, bad, used in rows:  # as Python numbers: the same arithmetic
            short = need - have
            room = 0.0 if bad else max(p.credit_line - (used if once else self.owed(f)), 0.0)
            good = room >= short
            draw = short if good else (room if partial else 0.0)
            if draw >= 1.0:
                made = loans.lend(self.bank, hh, draw, rate=p.credit_rate,
                                  months=p.credit_months, grace_months=grace)  # fmt: skip
                self.lines[f].append(made)
            ok[k] = good and balance[hh] >= need - 1e-6
        return ok

    def replace_workers(self) -> None:
        """Running farms whose worker is no longer present and of working age change hands.

        The household's first member present, of working age and not occupied by a
        scheme takes the farm over; a farm whose household has none exits.
        """
        world, running = self.world, np.flatnonzero(self.running)
        able = world.working_age()
        gone = running[~able[self.first[running]]]
        if gone.size == 0:
            return
        heirs, occupied = [], world.occupied
        for f in gone.tolist():  # a farm or two at a time: each its first free member
            mine = self.members[self.at[f] : self.at[f + 1]]
            free = mine[able[mine] & (occupied[mine] == 0)]
            heirs.append(int(free[0]) if free.size else -1)
        new = np.array(heirs, dtype=np.intp)
        ok = new >= 0
        world.release(self.first[gone[ok]])
        self.first[gone[ok]] = new[ok]
        self.hired(gone[ok], world.now)
        world.occupy(new[ok])
        self.exit(gone[~ok])  # releases the former worker

    def defaulted(self) -> NDArray[np.intp]:
        """Running farms whose household has defaulted on a loan."""
        out: NDArray[np.intp] = (self.world.loans.defaulted(self.hh) & self.running).nonzero()[0]
        return out

    def exit(self, farms: NDArray[Any]) -> None:
        """Farms stop: no more batches, their workers are free."""
        if len(farms) == 0:
            return
        farms = np.unique(np.asarray(farms, dtype=np.intp))
        farms = farms[self.running[farms]]
        if farms.size:
            self.running[farms] = False
            self.world.release(self.first[farms])
            self._due_anew()


def growing_months(p: FarmParams) -> int:
    """Whole months from a batch's placement to its sale."""
    return int(np.floor(p.days_to_finish / DAYS_PER_MONTH))


def still_to_do(
    events: NDArray[np.int64],
    month: int,
    start: NDArray[np.intp],
    pending: NDArray[np.int64],
    startup: NDArray[np.intp],
    opening: Floats,
    loans: LoanBook,
) -> NDArray[np.bool_]:
    """Which of the process's ``events`` after ``month`` still have work, once no farm runs.

    Called when every farm has quit and none can start any more: what is left
    are the sales of batches already placed (``pending``: their sale months)
    and, on an anniversary of a farm's start, the government's share of the
    interest on its start-up loan (``startup``: the loan in ``loans``, -1 for
    none) while that loan is active or its ``opening`` principal is not 0 (a
    farm with neither never gets a subsidy again). Every other event month
    would change nothing: the process can pass over it. Conservative: a
    loan's every anniversary among the events counts.
    """
    later = events > month
    todo = later & np.isin(events, pending)
    has = np.flatnonzero(startup >= 0)
    owing = has[(opening[has] > 0) | loans.active[startup[has]]]
    if owing.size:
        age = events[:, None] - start[owing]
        todo |= later & np.any((age > 0) & (age % 12 == 0), axis=1)
    return todo
