"""The dibao's household sizes, month by month, from a plan of their changes.

The means test needs the persons present in each household every month. Asking the
census (:meth:`~collective_econ.economy.world.World.household_sizes`) brings its views
of who is present up to date each month; under policies where no other process asks
(cash only, 80% shares), that is most of the means test's time. A
:class:`SizeChanges` plan, worked out once per population history and horizon
(:func:`~collective_econ.economy.census.memo`: shared by the policies of a
replication), lists for each month the households whose size changes and by how many
persons; a run applies them to its own copy of month 0's sizes.

The sizes equal the census's exactly: the same events (birth, death, departure,
return months, as :class:`~collective_econ.economy.census.Census` schedules them) and
the same test of who is present in a month.

Examples
--------
>>> import numpy as np
>>> from collective_econ.economy.census import Census
>>> from collective_econ.economy.community import CommunityParams, synthesize
>>> from collective_econ.economy.population import DemographyParams, draw_history
>>> c = synthesize(CommunityParams(residents=2_000, agricultural_residents=400),
...                np.random.default_rng(1))
>>> h = draw_history(c, DemographyParams(), 60, np.random.default_rng(2))
>>> plan, census = size_changes(h, 60), Census(h, 60)
>>> sizes = census.household_sizes(0).copy()
>>> ok = []
>>> for m in range(1, 60):
...     homes, delta = plan.at(m)
...     sizes[homes] += delta
...     ok.append(np.array_equal(sizes, census.household_sizes(m)))
>>> all(ok), plan.homes.size > 0
(True, True)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ..economy.census import distinct, memo
from ..economy.population import PopulationHistory

__all__ = ["SizeChanges", "size_changes"]


@dataclass(frozen=True, slots=True)
class SizeChanges:
    """Month by month, the households whose size changes, and by how many persons.

    Month ``m``'s changes are ``homes[bounds[m]:bounds[m + 1]]`` (ascending) and
    ``delta`` over the same range (nonzero, persons); month 0 has none (its sizes
    are the census's month 0 view). ``growth`` bounds how far any household grows
    beyond its month 0 size: the largest sum of a household's increases.
    """

    bounds: NDArray[np.intp]
    homes: NDArray[np.intp]
    delta: NDArray[np.intp]
    growth: int

    def at(self, month: int) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
        """The households whose size changes in ``month`` (since the month before), by how much."""
        lo, hi = int(self.bounds[month]), int(self.bounds[month + 1])
        return self.homes[lo:hi], self.delta[lo:hi]


def _present(
    p: PopulationHistory, who: NDArray[np.intp], month: NDArray[np.int64]
) -> NDArray[np.int64]:
    """1 where slot ``who[i]`` is present in ``month[i]``, else 0 (the census's test)."""
    at = (
        (p.born[who] <= month)
        & (month < p.dies[who])
        & ~((p.away_from[who] <= month) & (month < p.away_until[who]))
    )
    return at.astype(np.int64)


def _plan(p: PopulationHistory, months: int) -> SizeChanges:
    n, h = p.n_slots, p.n_households
    when = np.concatenate([np.asarray(a, dtype=np.int64) for a in
                           (p.born, p.dies, p.away_from, p.away_until)])  # fmt: skip
    slot = np.tile(np.arange(n, dtype=np.int64), 4)
    keep = np.flatnonzero((when >= 1) & (when < months))  # month 0: the census's start
    key = distinct(when.take(keep) * n + slot.take(keep))  # each (month, slot) once
    month, who = np.divmod(key, n)
    delta = _present(p, who, month) - _present(p, who, month - 1)
    moved = delta != 0
    home_key = month[moved] * h + p.household[who[moved]]
    keys, inverse = np.unique(home_key, return_inverse=True)
    sums = np.bincount(inverse.ravel(), delta[moved], keys.size).round().astype(np.intp)
    nonzero = sums != 0
    at, homes = np.divmod(keys[nonzero], h)
    bounds = np.searchsorted(at, np.arange(months + 1)).astype(np.intp)
    delta = sums[nonzero]
    growth = int(np.bincount(homes, np.maximum(delta, 0), h).max(initial=0))
    return SizeChanges(bounds, homes.astype(np.intp), delta, growth)


def size_changes(population: PopulationHistory, months: int) -> SizeChanges:
    """The :class:`SizeChanges` of ``population`` over ``months``, worked out once per history."""
    return memo((population,), ("dibao size changes", months), lambda: _plan(population, months))
