"""The decision table: each policy's headline outcomes with 95% intervals across runs.

Pure functions over the per-run outcomes of an experiment, shaped (policies, runs)
with runs = samples x replications; :meth:`ExperimentResults.decision_table
<collective_econ.runs.results.ExperimentResults.decision_table>` calls them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import stats

__all__ = [
    "DECISION_KEYS",
    "DECISION_OUTCOMES",
    "decision_rows",
    "format_decision",
    "half_widths",
    "t_interval",
]

Floats = NDArray[np.float64]
Interval = tuple[float, float, float]

DECISION_OUTCOMES: Mapping[str, str] = {
    "restored_5y": "restored_within_5y",
    "poverty_peak": "poverty_peak",
    "income_long": "income_long",
    "poverty_long": "poverty_long",
    "extra_fiscal_cost": "fiscal_cost_npv",
}
"""Each interval key of a decision row and the outcome of :data:`OUTCOMES` it summarises
(``extra_fiscal_cost``: the difference of ``fiscal_cost_npv`` from the baseline's)."""

_SHARES = frozenset({"restored_5y", "poverty_peak", "poverty_long"})

DECISION_KEYS: tuple[str, ...] = (
    "policy",
    "restored_5y",
    "poverty_peak",
    "poverty_peak_year",
    "income_long",
    "poverty_long",
    "extra_fiscal_cost",
)
"""The keys of a decision row, in order."""


def t_interval(x: ArrayLike, confidence: float = 0.95) -> Interval:
    r"""Mean of ``x`` and its t-interval: (mean, low, high).

    Parameters
    ----------
    x : array_like, shape (n,)
        One value per run (replication), any unit.
    confidence : float, default 0.95
        Within (0, 1).

    Returns
    -------
    tuple of float
        :math:`(\bar x, \bar x - h, \bar x + h)`, :math:`h = t_{n-1,(1+c)/2}\, s /
        \sqrt n`; the interval is NaN with fewer than 2 values or any NaN value.

    Examples
    --------
    >>> [round(v, 4) for v in t_interval([1.0, 2.0, 3.0])]
    [2.0, -0.4841, 4.4841]
    >>> t_interval([5.0, 5.0])
    (5.0, 5.0, 5.0)
    """
    v = np.asarray(x, dtype=np.float64).ravel()
    m = float(v.mean()) if v.size else math.nan
    if v.size < 2 or not np.isfinite(v).all():
        return (m, math.nan, math.nan)
    half = float(stats.t.ppf((1 + confidence) / 2, v.size - 1) * v.std(ddof=1) / math.sqrt(v.size))
    return (m, m - half, m + half)


def _mode_year(years: Floats) -> int:
    """The most frequent year (the earliest of those tied)."""
    vals, counts = np.unique(np.asarray(years, dtype=np.int64), return_counts=True)
    return int(vals[np.argmax(counts)])


def decision_rows(
    policies: Sequence[str],
    outcomes: Mapping[str, Floats],
    baseline: int,
    confidence: float = 0.95,
) -> list[dict[str, Any]]:
    """One decision row per policy from per-run outcomes.

    Parameters
    ----------
    policies : sequence of str
        Names, in the order of axis 0.
    outcomes : mapping of str to ndarray, shape (policies, runs)
        The values of :data:`DECISION_OUTCOMES` and ``poverty_peak_year`` in each run;
        runs are paired across policies (common random numbers).
    baseline : int
        Index of the baseline policy (``extra_fiscal_cost`` is paired against it).
    confidence : float, default 0.95
        Level of the t-intervals.

    Returns
    -------
    list of dict
        Keys :data:`DECISION_KEYS`; see :meth:`ExperimentResults.decision_table`.
        The intervals of shares (``restored_5y``, ``poverty_peak``,
        ``poverty_long``) are clipped to [0, 1].
    """
    rows: list[dict[str, Any]] = []
    fiscal = np.asarray(outcomes["fiscal_cost_npv"], dtype=np.float64)
    for i, name in enumerate(policies):
        row: dict[str, Any] = {"policy": name}
        for key, outcome in DECISION_OUTCOMES.items():
            if key == "extra_fiscal_cost":
                row[key] = t_interval(fiscal[i] - fiscal[baseline], confidence)
            else:
                row[key] = t_interval(outcomes[outcome][i], confidence)
                if key in _SHARES:  # a share's interval stays within [0, 1]
                    m, lo, hi = row[key]
                    row[key] = (m, max(lo, 0.0), min(hi, 1.0))
        row["poverty_peak_year"] = _mode_year(outcomes["poverty_peak_year"][i])
        rows.append({k: row[k] for k in DECISION_KEYS})
    return rows


def half_widths(rows: Sequence[Mapping[str, Any]]) -> dict[str, float]:
    """The widest interval half-width of each interval key over the rows (NaN counts as inf).

    Examples
    --------
    >>> half_widths([{"policy": "a", "income_long": (10.0, 8.0, 12.0)},
    ...              {"policy": "b", "income_long": (5.0, 4.0, 6.0)}])
    {'income_long': 2.0}
    """
    out: dict[str, float] = {}
    for row in rows:
        for key, value in row.items():
            if isinstance(value, tuple) and len(value) == 3:
                half = (value[2] - value[1]) / 2
                half = half if math.isfinite(half) else math.inf
                out[key] = max(out.get(key, 0.0), half)
    return out


def _pct(v: Interval) -> str:
    m, lo, hi = v
    if not math.isfinite(m):
        return "n/a"
    if not math.isfinite(lo + hi):
        return f"{m:.0%}"
    return f"{m:.0%} ({lo * 100:.0f}-{hi:.0%})"


def _yuan(v: Interval, scale: float = 1.0, fmt: str = ",.0f") -> str:
    m, lo, hi = (x / scale for x in v)
    if not math.isfinite(m):
        return "n/a"
    if not math.isfinite(lo + hi):
        return f"{m:{fmt}}"
    return f"{m:{fmt}} ({lo:{fmt}} to {hi:{fmt}})"


def format_decision(rows: Sequence[Mapping[str, Any]]) -> str:
    """Decision rows (:func:`decision_rows`) as a text table for the terminal.

    Each figure is the mean over the runs with its 95% interval in brackets.

    Examples
    --------
    >>> row = {"policy": "cash only", "restored_5y": (0.8, 0.78, 0.82),
    ...        "poverty_peak": (0.15, 0.14, 0.16), "poverty_peak_year": 2014,
    ...        "income_long": (4917.0, 4876.0, 4958.0), "poverty_long": (0.12, 0.11, 0.13),
    ...        "extra_fiscal_cost": (0.0, 0.0, 0.0)}
    >>> print(format_decision([row]).splitlines()[2][:45])
    cash only    80% (78-82%)  15% (14-16%) 2014
    """
    w = max([len("policy"), *(len(str(r["policy"])) for r in rows)]) + 2
    head = (
        f"{'policy':<{w}}{'restored<=5y':>14}{'worst-year poverty':>19}"
        f"{'income yr 11+':>27}{'poor yr 11+':>15}{'extra cost, M yuan':>22}"
    )
    lines = [head, "-" * len(head)]
    for r in rows:
        lines.append(
            f"{r['policy']!s:<{w}}{_pct(r['restored_5y']):>14}{_pct(r['poverty_peak']):>14}"
            f"{r['poverty_peak_year']:>5}{_yuan(r['income_long']):>27}"
            f"{_pct(r['poverty_long']):>15}{_yuan(r['extra_fiscal_cost'], 1e6, '.1f'):>22}"
        )
    return "\n".join(lines)
