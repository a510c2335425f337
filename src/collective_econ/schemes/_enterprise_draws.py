"""The enterprise process's closure draws, a block of months at a time.

A private helper of :mod:`collective_econ.schemes.enterprise`: the process draws
a row of closure uniforms (one per business slot) each month it runs; here they
are drawn a block of months at a time (:class:`ClosureDraws`), and each open
business's month of closure is read from a block at once (:func:`first_closure`),
so that a month step looks for closures only in the month one is due.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = ["ClosureDraws", "first_closure"]

Floats = NDArray[np.float64]
Ints = NDArray[np.intp]


class ClosureDraws:
    """The closure draws of a run: a row of ``capacity`` uniforms each month the process runs.

    The rows are drawn a block of months at a time, from a month to the next
    cohort month (its own row included): the same stream as a row a month, since
    other draws (a cohort's) follow a month's row only in a cohort month, where a
    block ends. Where the process sleeps or ends inside a block (:meth:`stop`), the
    generator is set back to its state before the block and the rows used are drawn
    again, so that it stands where a row a month would have left it.

    Parameters
    ----------
    rng : numpy.random.Generator
        The process's generator.
    capacity : int
        Business slots of the run: the row length.
    starts : iterable of int
        The cohort months.
    changes : iterable of int
        The months some parameter changes: :attr:`known` stops at the next one.
    horizon : int
        The run's months.
    """

    def __init__(
        self,
        rng: np.random.Generator,
        capacity: int,
        starts: Iterable[int],
        changes: Iterable[int],
        horizon: int,
    ) -> None:
        self.rng, self.capacity, self.horizon = rng, capacity, horizon
        self.starts = sorted(starts)
        self.changes = sorted(m for m in changes if 0 < m < horizon)
        self.draws: Floats = np.zeros((0, capacity))
        self.drawn = self.drawn_to = 0  # the block's rows: months drawn .. drawn_to - 1
        self.known = 0
        """Closure months read from the rows are valid before this month (the block's
        end or the next change of parameters): from it, :meth:`read` anew."""
        self._saved: Mapping[str, Any] = {}

    def read(self, month: int, hazards: Floats, live: Ints, sector: Ints, start: Ints) -> Ints:
        """The first month of closure, from ``month`` to :attr:`known`, of businesses ``live``.

        ``live`` are slots of businesses open before ``month``; ``sector`` and
        ``start`` (opening month) are by slot; ``hazards`` is ``monthly_hazard`` by
        sector and age for the parameters of ``month``. A business with no closure
        before :attr:`known` gets :attr:`known`. Draws a new block from ``month`` if
        the current one has ended; ``month`` >= :attr:`known`.
        """
        if month >= self.drawn_to:
            later = [m for m in self.starts if m >= month]
            self.drawn_to = (later[0] if later else self.horizon - 1) + 1
            self._saved = self.rng.bit_generator.state
            self.draws = self.rng.random((self.drawn_to - month, self.capacity))
            self.drawn = month
        self.known = min([m for m in self.changes if m > month] + [self.drawn_to])
        rows = self.draws[month - self.drawn : self.known - self.drawn, live]
        return first_closure(rows, hazards, month, sector[live], start[live])

    def stop(self, month: int) -> None:
        """The process sleeps or ends after ``month``: the generator as a row a month leaves it."""
        if month + 1 < self.drawn_to:
            self.rng.bit_generator.state = self._saved
            self.rng.random((month + 1 - self.drawn, self.capacity))
            self.drawn_to = self.known = month + 1


def first_closure(draws: Floats, hazards: Floats, month: int, sector: Ints, start: Ints) -> Ints:
    """Each business's first month of closure by its draws, from ``month`` on.

    ``draws`` holds a row of closure draws per month from ``month`` (one column per
    business); a business of ``sector`` opened in month ``start`` closes in month
    m if its draw is below ``hazards[sector, m - 1 - start]`` (as the month step
    would test it each month); month + rows where no draw is below.

    >>> first_closure(np.array([[0.5, 0.1], [0.05, 0.9]]), np.full((1, 5), 0.2), 3,
    ...               np.array([0, 0]), np.array([0, 1])).tolist()
    [4, 3]
    """
    age = np.arange(month - 1, month - 1 + draws.shape[0])[:, None] - start
    hit = draws < hazards[sector, age]
    first: Ints = np.where(hit.any(axis=0), month + hit.argmax(axis=0), month + age.shape[0])
    return first
