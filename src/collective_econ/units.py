"""Units of the domain: land area (mu, hectares), time (months, years), money (yuan).

One mu is 1/15 hectare (666.7 m²), the legal definition used in Chinese land
statistics (domain-reference.md, header). The simulation's clock ticks in
months; appraisals count in years.

Examples
--------
A 2,000-mu tea garden (seed-facts.md, §4) in hectares:

>>> round(mu_to_hectares(2000), 1)
133.3
>>> format_yuan(350_000)
'350,000 yuan'
>>> format_yuan(4_400_000, compact=True)
'4.40 M yuan'
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Sequence
from typing import IO, Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "CSV_FORMULA_PREFIXES",
    "MONTHS_PER_YEAR",
    "MU_PER_HECTARE",
    "SQUARE_METRES_PER_MU",
    "csv_cell",
    "format_yuan",
    "hectares_to_mu",
    "months_to_years",
    "mu_to_hectares",
    "write_csv_rows",
    "years_to_months",
]

MU_PER_HECTARE = 15.0
"""Mu in one hectare (1 mu = 666.7 m²)."""
SQUARE_METRES_PER_MU = 10_000.0 / MU_PER_HECTARE
"""Square metres in one mu."""
MONTHS_PER_YEAR = 12


def mu_to_hectares(mu: ArrayLike) -> NDArray[np.float64] | float:
    """Convert an area from mu to hectares."""
    return _scalar_or_array(np.asarray(mu, dtype=float) / MU_PER_HECTARE)


def hectares_to_mu(hectares: ArrayLike) -> NDArray[np.float64] | float:
    """Convert an area from hectares to mu."""
    return _scalar_or_array(np.asarray(hectares, dtype=float) * MU_PER_HECTARE)


def months_to_years(months: ArrayLike) -> NDArray[np.float64] | float:
    """Convert a duration from months to years (fractional)."""
    return _scalar_or_array(np.asarray(months, dtype=float) / MONTHS_PER_YEAR)


def years_to_months(years: ArrayLike) -> NDArray[np.float64] | float:
    """Convert a duration from years to months (fractional)."""
    return _scalar_or_array(np.asarray(years, dtype=float) * MONTHS_PER_YEAR)


def format_yuan(amount: float, *, compact: bool = False, digits: int = 2) -> str:
    """Format an amount of money in yuan for tables and reports.

    Parameters
    ----------
    amount : float
        Yuan. NaN is shown as ``"n/a"``.
    compact : bool, default False
        Show thousands as ``k`` and millions as ``M`` with ``digits`` decimals.
    digits : int, default 2
        Decimals in compact form.

    Examples
    --------
    >>> format_yuan(-1234.5)
    '-1,234 yuan'
    >>> format_yuan(12_500, compact=True, digits=1)
    '12.5 k yuan'
    """
    if not math.isfinite(amount):
        return "n/a"
    if compact:
        for scale, suffix in ((1e9, "bn"), (1e6, "M"), (1e3, "k")):
            if abs(amount) >= scale:
                return f"{amount / scale:.{digits}f} {suffix} yuan"
    return f"{int(np.fix(amount)):,} yuan" if not compact else f"{amount:.0f} yuan"


def _scalar_or_array(x: NDArray[np.float64]) -> NDArray[np.float64] | float:
    return float(x) if x.ndim == 0 else x


# -- text that leaves the library: CSV cells -----------------------------------------------------
CSV_FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection)."""


def csv_cell(value: Any) -> Any:
    """One CSV cell: a float as its ``repr``; text a spreadsheet would evaluate, quoted.

    Text (a policy name, a label, a header) starting with ``=``, ``+``, ``-``, ``@``, a tab
    or a carriage return gets a leading ``'``, the OWASP rule against CSV injection:
    spreadsheets show it as text instead of running it. Numbers are never changed
    (``-1.5`` stays a number); other values are left to the ``csv`` module.

    Examples
    --------
    >>> csv_cell("=1+2"), csv_cell("@SUM(A1)"), csv_cell("cash only"), csv_cell(-0.25)
    ("'=1+2", "'@SUM(A1)", 'cash only', '-0.25')
    """
    if isinstance(value, float | np.floating):
        return repr(float(value))
    if isinstance(value, str) and value.startswith(CSV_FORMULA_PREFIXES):
        return "'" + value
    return value


def write_csv_rows(fh: IO[str], header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> None:
    """Write a header and rows to an open text file, every cell through :func:`csv_cell`.

    The one CSV writer of the library (Unix line ends): every table it writes is
    safe to open in a spreadsheet, and the same values give the same bytes.
    """
    writer = csv.writer(fh, lineterminator="\n")
    writer.writerow([csv_cell(h) for h in header])
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
