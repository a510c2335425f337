"""Additionality of a firm's sales: the displaced share, and the taxes it takes with it.

A private helper of the schemes whose output competes with other firms' in the county
(:mod:`~collective_econ.schemes.hotel`, :mod:`~collective_econ.schemes.enterprise`): the
same concept as the jobs scheme's additionality of its reserved places
(:attr:`~collective_econ.schemes.jobs.JobsParams.additional`,
:func:`~collective_econ.schemes.jobs.displaced_wages`). Only the share ``additional`` of
a firm's sales is net new to the county; the rest, :func:`displaced`, its customers
would have spent at other county firms (a county-town hotel's guests mostly come from
the town's other hotels and restaurants; a new noodle shop's from the old ones).

Those other firms sit in the outside market's account (``market``): the customers'
spending moves within it (to the scheme's firm instead of to them), so the market's
payment of the sales already carries the other firms' loss; what the county's books
must add is the other side, the taxes those firms no longer pay on the sales they lose.
The appraisal subtracts them from the government's row, and the simulation books them
government -> market (``TAX``, :func:`book_displaced_taxes`), so that the county's
``taxes`` item counts net new taxes only.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..economy.ledger import Ledger, Source
from ..params import FRACTION, param

__all__ = ["additionality_param", "book_displaced_taxes", "displaced"]

Floats = NDArray[np.float64]


def additionality_param(default: float, *, source: str, doc: str) -> Any:
    """The parameter of a firm's additionality: a fraction of its sales, validated.

    One declaration for the schemes that have it (unit, rule); ``source`` and ``doc``
    say why this firm's default is what it is.
    """
    return param(default, unit="fraction of sales", rule=FRACTION, source=source, doc=doc)


def displaced(amount: ArrayLike, additional: ArrayLike) -> Floats:
    """The displaced part of ``amount`` (sales, or the taxes on them): ``amount x (1 - a)``.

    Parameters
    ----------
    amount : array_like
        Yuan: a firm's sales, or the taxes on them.
    additional : array_like
        The share of the sales that is net new to the county, in [0, 1]; broadcasts.

    Examples
    --------
    >>> float(displaced(1_000.0, 0.25))
    750.0
    >>> displaced([100.0, 40.0], [1.0, 0.0]).tolist()
    [0.0, 40.0]
    """
    return np.asarray(
        np.asarray(amount, dtype=float) * (1.0 - np.asarray(additional, dtype=float)),
        dtype=np.float64,
    )


def book_displaced_taxes(
    book: Ledger, government: int, market: int, taxes: float, additional: float
) -> None:
    """Book the taxes the displaced outside firms no longer pay: government -> market, TAX.

    ``taxes`` are what the scheme's firm paid on its sales (yuan); the other firms would
    have paid the displaced share of them on the sales they lose (same rates and
    margins: an estimate), and no longer do. Booked as ``TAX`` so that the county's
    ``taxes`` item nets them: the government's books show the net new taxes only.
    """
    book.pay(government, market, float(displaced(taxes, additional)), Source.TAX)
