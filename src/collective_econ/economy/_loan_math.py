"""The loan book's elementwise arithmetic: annuity factors, payments, groups of loans.

Private to :mod:`.credit` (:class:`~.credit.LoanBook`): each function works on the
arrays of a month's loans, elementwise, so that a value worked out for one loan is
the one worked out for it among others, bit for bit.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

__all__: list[str] = []

Floats = NDArray[np.float64]


def _groups(values: NDArray[np.intp]) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """``np.unique(values, return_inverse=True)`` for the small arrays of a month's loans.

    Sorted distinct values and each value's index among them; a stable sort, cheaper
    than ``np.unique`` on a few hundred values.

    >>> [a.tolist() for a in _groups(np.array([7, 3, 7, 5]))]
    [[3, 5, 7], [2, 0, 2, 1]]
    """
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    first = np.empty(ordered.size, dtype=bool)
    first[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    inverse = np.empty(values.size, dtype=np.intp)
    inverse[order] = np.cumsum(first) - 1
    return ordered[first], inverse


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
