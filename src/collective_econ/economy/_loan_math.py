"""The loan book's elementwise arithmetic: annuity factors, payments, sums of a few loans.

Private to :mod:`.credit` (:class:`~.credit.LoanBook`): each function works on the
arrays of a month's loans, elementwise, so that a value worked out for one loan is
the one worked out for it among others, bit for bit.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

__all__: list[str] = []

Floats = NDArray[np.float64]


def _schedule(principal: Floats, rate: Floats, left: NDArray[np.int64],
              grace: NDArray[np.int64] | None) -> Floats:  # fmt: skip
    """Scheduled payments, elementwise, yuan: :meth:`LoanBook.due` of loans with these terms.

    Level (annuity) payments over the ``left`` months (at least 1) once ``grace``
    is over (None: no grace month left on any), interest only before, never less
    than the interest.

    >>> _schedule(np.array([1200.0, 1200.0]), np.array([0.0, 0.12]), np.array([12, 12]),
    ...           np.array([0, 1])).round(2).tolist()
    [100.0, 12.0]
    """
    return _payment(principal, rate, _annuity(rate, left), grace)


def _annuity(rate: Floats, left: NDArray[np.int64]) -> Floats:
    """The level payment per yuan owed over ``left`` months (at least 1), elementwise.

    The monthly rate over ``1 - (1 + r)^-n`` (``expm1``/``log1p``: no rounding of
    ``1 + r`` for a tiny rate); the principal in equal parts at no interest.
    """
    r = rate / 12.0
    n = np.maximum(left, 1.0)  # float64
    if not np.count_nonzero(r <= 0.0):  # every loan charges interest (the usual case)
        factor: Floats = r / -np.expm1(-n * np.log1p(r))
    else:
        factor = 1.0 / n  # no interest: the principal in equal parts
        pos = r > 0
        if pos.any():
            rp = r[pos]
            factor[pos] = rp / -np.expm1(-n[pos] * np.log1p(rp))
    return factor


def _payment(principal: Floats, rate: Floats, factor: Floats,
             grace: NDArray[np.int64] | None) -> Floats:  # fmt: skip
    """Scheduled payments of loans with annuity factors ``factor`` (:func:`_annuity`), yuan.

    Interest only while ``grace`` months are left (None: none on any loan), never
    less than the interest.
    """
    r = rate / 12.0
    level = principal * factor
    if grace is not None:  # interest only in the grace months
        level = np.where(grace <= 0, level, 0.0)
    due: Floats = np.maximum(level, principal * r)
    return due


def _payments(principal: list[float], rate: list[float], factor: list[float],
              grace: list[int] | None) -> list[float]:  # fmt: skip
    """:func:`_payment` on Python floats, loan by loan: the same operations, bit for bit.

    >>> _payments([1200.0, 1200.0], [0.12, 0.12], [0.08885, 0.08885], [0, 1])
    [106.62, 12.0]
    """
    due = []
    for i, p in enumerate(principal):
        level = p * factor[i]
        if grace is not None and grace[i] > 0:  # np.where(grace <= 0, level, 0.0)
            level = 0.0
        floor = p * (rate[i] / 12.0)
        due.append(level if level >= floor else floor)  # np.maximum(level, floor)
    return due


def _sum(values: list[float]) -> float:
    """``float(np.array(values).sum())`` on Python floats: numpy's pairwise summation.

    Up to 128 values numpy adds them one after another below 8, else in 8 partial
    sums (element ``i`` to sum ``i % 8``) paired at the end, then the rest one after
    another; more: an array's sum. (Tested against numpy's, bit for bit.)

    >>> _sum([0.1] * 10) == float(np.full(10, 0.1).sum())
    True
    """
    n = len(values)
    if n < 8:
        total = 0.0
        for v in values:
            total += v
        return total
    if n > 128:
        return float(np.add.reduce(np.array(values)))
    r = values[:8]
    end = n - n % 8
    for i in range(8, end, 8):
        for j in range(8):
            r[j] += values[i + j]
    total = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
    for v in values[end:]:
        total += v
    return total
