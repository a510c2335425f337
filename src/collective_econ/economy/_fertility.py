"""Births: the children of a generation's women, from age-specific rates and exposure.

Private helper of :mod:`collective_econ.economy.population` (its :func:`draw_history`).
A woman's births count while she is present in her slot, from her ``wed`` month
(:class:`~._marriage.Batch`), at most one per year of age; drawn for chunks of
women at once, never per person.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from ._marriage import Batch

__all__ = ["FERTILE_AGES", "births"]

IntArray = NDArray[np.intp]
FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]

FERTILE_AGES = (15, 49)
"""First and last year of age of the fertility schedule, years."""

_BIRTH_CHUNK = 16_384
"""Women whose births are drawn at once (the arrays are women x fertile ages)."""


def _birth_months(
    mothers: Batch,
    women: IntArray,
    ages: IntArray,
    rates: FloatArray,
    months: int,
    rng: np.random.Generator,
) -> tuple[IntArray, IntArray]:
    """Birth months of the ``women`` (slots of ``mothers``) and the index of each mother in it.

    ``rates`` are births per woman-year at ``ages``, counted from her ``wed`` month.
    """
    assert mothers.dies is not None
    assert mothers.away_from is not None
    assert mothers.away_until is not None
    # the events' months clipped to the run (an exposure ends at ``months`` anyway), so that
    # the women x ages arrays are 32-bit: the same values where a birth may fall
    born = mothers.born[women].astype(np.int32)
    wed = np.clip(mothers.wed[women], 0, months).astype(np.int32)
    end = np.minimum(mothers.dies[women], months).astype(np.int32)
    away_from = np.minimum(mothers.away_from[women], months).astype(np.int32)
    away_until = np.minimum(mothers.away_until[women], months).astype(np.int32)
    start = born[:, None] + (12 * ages).astype(np.int32)[None, :]
    lo = np.maximum(start, wed[:, None])
    hi = np.minimum(np.add(start, 12, out=start), end[:, None], out=start)
    length = np.maximum(hi - lo, 0)
    hole_lo = np.maximum(lo, away_from[:, None])
    hole = np.subtract(np.minimum(hi, away_until[:, None], out=hi), hole_lo, out=hi)
    np.maximum(hole, 0, out=hole)
    exposure = np.subtract(length, hole, out=length)
    p = rates[None, :] * exposure / 12.0
    u = rng.random(p.shape)
    pos = rng.random(p.shape)
    w_idx, a_idx = np.divmod(np.flatnonzero(u < p), ages.size)  # (as np.nonzero, faster)
    exposed, away = exposure[w_idx, a_idx], hole[w_idx, a_idx]
    month = lo[w_idx, a_idx] + np.floor(pos[w_idx, a_idx] * exposed).astype(np.intp)
    month = np.where((away > 0) & (month >= hole_lo[w_idx, a_idx]), month + away, month)
    return month.astype(np.intp), w_idx.astype(np.intp)


def births(
    mothers: Batch,
    first_slot: int,
    rates: FloatArray | None,
    sex_ratio_at_birth: float,
    months: int,
    rng: np.random.Generator,
) -> Batch:
    """Children born in the run to the women of a batch (at most one per year of age).

    ``rates``: births per woman-year at ages 15-49 (None or all 0: no births);
    ``sex_ratio_at_birth``: boys per 100 girls.
    """
    none = np.zeros(0, dtype=np.intp)
    empty = Batch.natives(none, none.astype(bool), none, none, none.astype(np.float64))
    if rates is None or not rates.any():
        return empty
    assert mothers.dies is not None
    assert mothers.away_from is not None
    assert mothers.away_until is not None
    ages = np.arange(FERTILE_AGES[0], FERTILE_AGES[1] + 1)
    # the women with some fertile age inside the run, in chunks (memory bounded by the chunk)
    first = mothers.born + 12 * FERTILE_AGES[0]
    last = mothers.born + 12 * (FERTILE_AGES[1] + 1)
    women = np.flatnonzero(mothers.female & (first < months) & (last > 0))
    months_of: list[IntArray] = []
    mother_of: list[IntArray] = []
    for chunk in np.array_split(women, max(1, -(-women.size // _BIRTH_CHUNK))):
        month, w_idx = _birth_months(mothers, chunk, ages, rates, months, rng)
        months_of.append(month)
        mother_of.append(chunk[w_idx])
    month = np.concatenate(months_of) if months_of else np.zeros(0, dtype=np.intp)
    mother = np.concatenate(mother_of) if mother_of else np.zeros(0, dtype=np.intp)
    if month.size == 0:
        return empty
    female: BoolArray = rng.random(int(month.shape[0])) < 100.0 / (100.0 + sex_ratio_at_birth)
    return Batch.natives(
        mothers.household[mother].astype(np.intp),
        female,
        month.astype(np.intp),
        (mother + first_slot).astype(np.intp),
        np.zeros(month.shape[0]),  # drawn at the end (:func:`newborn_skill`)
    )
