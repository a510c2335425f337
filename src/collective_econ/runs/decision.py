"""The decision table: each policy's headline outcomes with 95% intervals across runs.

Pure functions over the per-run outcomes of an experiment, shaped (policies, runs)
with runs = samples x replications; :meth:`ExperimentResults.decision_table
<collective_econ.runs.results.ExperimentResults.decision_table>` calls them.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import stats

from ..finance import DEFAULT_DISCOUNT_RATE, npv
from ..funding import EPOCH_YEAR, FundingShares, split

__all__ = [
    "CI_LEGEND",
    "DECISION_KEYS",
    "DECISION_OUTCOMES",
    "books_npv",
    "county_costs",
    "decision_rows",
    "format_decision",
    "format_headline_rows",
    "half_widths",
    "interval_cells",
    "mean_ci",
    "mode_year",
    "t_interval",
    "two_line_table",
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
    "extra_county_cost",
)
"""The keys of a decision row, in order (``extra_county_cost``: the county's own budget's
part of ``extra_fiscal_cost``, :func:`county_costs`)."""


def county_costs(
    books: ArrayLike,
    items: Sequence[str],
    shares: FundingShares | None = None,
    *,
    start_year: int = EPOCH_YEAR,
) -> Floats:
    """Each run's net public cost to the county's own budget, yuan (present value at 8%).

    Parameters
    ----------
    books : array_like, shape (..., years, len(items))
        The ``county_books`` outcome of each run (the government's net flows by item).
    items : sequence of str
        Its items (``OUTCOMES["county_books"].labels``).
    shares : FundingShares, optional
        The county's share of each item (default ``FundingShares()``), applied year by
        year (the taxes' share changes with the 2016 reform) before discounting.
    start_year : int, default 2010
        The calendar year of the books' first year (the scenario's ``start_year``).

    Returns
    -------
    ndarray, shape (...)
        The county's part of the net cost (``fiscal_cost_npv`` with every share 1).
    """
    flows = np.asarray(books, dtype=np.float64)
    years = start_year + np.arange(flows.shape[-2])
    county, _ = split(flows, items, shares, years=years)
    return np.asarray(-books_npv(county).sum(axis=-1), dtype=np.float64)


def books_npv(books: ArrayLike) -> Floats:
    """Present value at 8% of each item of ``county_books`` runs, yuan.

    ``books`` of shape (..., years, items) gives shape (..., items): the government's net
    flow of each item over the years, discounted at :data:`DEFAULT_DISCOUNT_RATE`.
    """
    return np.asarray(
        npv(DEFAULT_DISCOUNT_RATE, np.moveaxis(np.asarray(books), -1, -2)), dtype=np.float64
    )


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


def mean_ci(x: ArrayLike, confidence: float = 0.95, *, share: bool = False) -> Floats:
    """:func:`t_interval` along the last axis (the runs), over its finite values only.

    Parameters
    ----------
    x : array_like, shape (..., runs)
        One value per run; NaN where the outcome does not apply to the run (a share of
        the poor in a year nobody is poor): that run is left out.
    confidence : float, default 0.95
        Within (0, 1).
    share : bool, default False
        Clip the interval's ends to [0, 1], as the decision table's shares.

    Returns
    -------
    ndarray, shape (..., 3)
        Mean, low, high; the ends NaN with fewer than 2 finite values, all NaN with none.
    """
    v = np.asarray(x, dtype=np.float64)
    rows = [t_interval(r[np.isfinite(r)], confidence) for r in v.reshape(-1, v.shape[-1])]
    out = np.asarray(rows, dtype=np.float64).reshape(*v.shape[:-1], 3)
    if share:  # a share's interval stays within [0, 1]
        out[..., 1:] = np.clip(out[..., 1:], 0.0, 1.0)
    return out


def mode_year(years: ArrayLike) -> int:
    """The most frequent year (the earliest of those tied): a policy's worst year over runs."""
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
        ``outcomes`` may hold ``county_cost`` (:func:`county_costs`), paired the same way
        into ``extra_county_cost``; NaN without it.
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
    county = outcomes.get("county_cost")
    nan = (math.nan, math.nan, math.nan)
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
        row["extra_county_cost"] = (
            nan if county is None else t_interval(county[i] - county[baseline], confidence)
        )
        row["poverty_peak_year"] = mode_year(outcomes["poverty_peak_year"][i])
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


CI_LEGEND = "In brackets: the 95% CI (confidence interval) of the mean, across the runs."
"""The line under the terminal tables that says what their brackets are (as the report's
reading guide: ``"82% (81% to 83%)"``, a mean and its 95% CI)."""


def interval_cells(m: float, lo: float, hi: float, f: str) -> tuple[str, str]:
    """``("80%", "(78% to 82%)")``: a mean and its bracket ("" when not finite).

    The two cells of a figure in the terminal's two-line tables (:func:`two_line_table`:
    the mean on the first line, its 95% CI under it); ``m``, ``lo``, ``hi`` in the
    figure's unit, ``f`` a format spec. The decision tables here and those of
    :mod:`~collective_econ.decision.robustness` share it.

    A bracket too narrow for the format's decimals (``f`` such as ``".0%"`` or
    ``",.1f"``) is shown with one or two more, as the report shows such shares; the
    mean alone when even they agree.

    >>> interval_cells(0.993, 0.991, 0.994, ".0%")
    ('99.3%', '(99.1% to 99.4%)')
    >>> interval_cells(1.0, 1.0, 1.0, ".0%")
    ('100%', '')

    A figure that rounds to zero prints as 0, never "-0.0":

    >>> interval_cells(-0.2, -0.41, -0.004, ",.1f")
    ('-0.2', '(-0.4 to 0.0)')
    """
    if not math.isfinite(m):
        return "n/a", ""
    if f[:1] in {",", "."}:  # a plain spec: "z" (Python 3.11) turns a rounded -0 into 0
        f = "z" + f
    if not math.isfinite(lo + hi):
        return f"{m:{f}}", ""
    head, _, tail = f.rpartition(".")
    digits = int(tail[:-1]) if tail[:-1].isdigit() else None
    if digits is None:  # no decimals to add
        return f"{m:{f}}", f"({lo:{f}} to {hi:{f}})"
    for d in range(digits, digits + 3):
        g = f"{head}.{d}{tail[-1]}"
        if f"{lo:{g}}" != f"{hi:{g}}":
            return f"{m:{g}}", f"({lo:{g}} to {hi:{g}})"
    return f"{m:{f}}", ""


def _interval(v: Any) -> Interval:
    """A row's ``(mean, low, high)`` as three floats."""
    m, lo, hi = v
    return float(m), float(lo), float(hi)


def _pct(v: Interval) -> tuple[str, str]:
    return interval_cells(*v, ".0%")


def _yuan(v: Interval, scale: float = 1.0, fmt: str = ",.0f") -> tuple[str, str]:
    m, lo, hi = v
    return interval_cells(m / scale, lo / scale, hi / scale, fmt)


def _names(name: str, width: int) -> list[str]:
    """A policy's name over lines of at most ``width`` characters (words kept whole).

    Lines after the first are indented by two spaces, so that a wrapped name does not
    read as a row of its own.

    >>> _names("package without collective projects", 24)
    ['package without', '  collective projects']
    """
    return textwrap.wrap(name, width, break_long_words=True, subsequent_indent="  ") or [""]


def two_line_table(
    top: Sequence[str],
    bottom: Sequence[str],
    rows: Sequence[tuple[str, Sequence[tuple[str, str]]]],
    cols: Sequence[int],
    *,
    name_width: int = 24,
) -> list[str]:
    """The terminal tables' layout: a two-line head, a rule, two lines per row.

    Each row is a name and its cells, each cell ``(figure, bracket)``: the figures on
    the row's first line, the brackets under them; a name longer than ``name_width``
    wraps over the lines (words kept whole), so the table stays within 100 columns.
    """
    w = min(max([len("policy"), *(len(name) for name, _ in rows)]), name_width) + 2
    head = [
        f"{'':<{w}}" + "".join(f"{t:>{c}}" for t, c in zip(top, cols, strict=True)),
        f"{'policy':<{w}}" + "".join(f"{t:>{c}}" for t, c in zip(bottom, cols, strict=True)),
    ]
    lines = [*head, "-" * max(map(len, head))]
    for name, cells in rows:
        names = _names(name, w - 2)
        names += [""] * (2 - len(names))
        for k, label in enumerate(names):
            vals = [cell[k] if k < 2 else "" for cell in cells]
            line = f"{label:<{w}}" + "".join(f"{v:>{c}}" for v, c in zip(vals, cols, strict=True))
            lines.append(line.rstrip())
    return lines


def format_decision(rows: Sequence[Mapping[str, Any]]) -> str:
    """Decision rows (:func:`decision_rows`) as a text table for the terminal.

    Each policy takes two lines: the means, and under each its 95% CI in brackets
    (``"(78% to 82%)"``, the report's convention); a legend line (:data:`CI_LEGEND`)
    closes the table. Long policy names wrap, so the table stays within 100 columns.

    Examples
    --------
    >>> row = {"policy": "cash only", "restored_5y": (0.8, 0.78, 0.82),
    ...        "poverty_peak": (0.15, 0.14, 0.16), "poverty_peak_year": 2014,
    ...        "income_long": (4917.0, 4876.0, 4958.0), "poverty_long": (0.12, 0.11, 0.13),
    ...        "extra_fiscal_cost": (0.0, 0.0, 0.0)}
    >>> lines = format_decision([row]).splitlines()
    >>> print(lines[3][:48])
    cash only               80%    15.0% in 2014
    >>> print(lines[4].strip()[:29])
    (78% to 82%) (14.0% to 16.0%)
    >>> max(map(len, lines)) <= 100
    True
    """
    cols = (16, 17, 19, 17, 16)  # room for "(99.1% to 99.4%)", "(14,876 to 14,958)"
    top = ("restored", "worst-year", "income, years 11+", "poor,", "extra cost,")
    bottom = ("in 5 years", "poverty", "yuan/person/yr", "years 11+", "M yuan, NPV 8%")
    body = []
    for r in rows:
        cells = [
            _pct(r["restored_5y"]),
            interval_cells(
                *_interval(r["poverty_peak"]), ".1%"
            ),  # to a tenth of a point, as the report
            _yuan(r["income_long"]),
            interval_cells(*_interval(r["poverty_long"]), ".1%"),
            _yuan(r["extra_fiscal_cost"], 1e6, ",.1f"),
        ]
        if cells[1][0] != "n/a":
            cells[1] = (f"{cells[1][0]} in {r['poverty_peak_year']}", cells[1][1])
        body.append((str(r["policy"]), cells))
    lines = two_line_table(top, bottom, body, cols, name_width=13)
    own = [(str(r["policy"]), _yuan(r["extra_county_cost"], 1e6, ",.1f")) for r in rows
           if "extra_county_cost" in r and math.isfinite(r["extra_county_cost"][0])]  # fmt: skip
    if own:  # the county's own budget's part of the extra cost, policy by policy
        lines += ["", COUNTY_LEGEND]
        w = max(len(name) for name, _ in own) + 2
        lines += [f"  {n:<{w}}{m:>8} {b}".rstrip() for n, (m, b) in own]
    return "\n".join([*lines, CI_LEGEND])


COUNTY_LEGEND = (
    "Of the extra cost, the county's own budget pays (M yuan, NPV 8%; the rest: higher levels):"
)
"""The line over the county's own part of each policy's extra cost (:func:`format_decision`)."""


def format_headline_rows(
    rows: Sequence[Mapping[str, Any]],
    years: Sequence[int],
    baseline: str,
    level: Sequence[float] | NDArray[np.float64] = (1.0, 1.0, 1.0),
) -> str:
    """Headline rows (:meth:`ExperimentResults.headline`) as a text table for the terminal.

    ``years``: the three years whose income is shown; ``level`` multiplies those
    incomes (nominal yuan). The share better off than ``baseline`` is shown as
    ``"71% (39% to 99%)"``, its 95% CI in brackets, explained by the legend line under
    the table (:data:`CI_LEGEND`); names longer than 22 characters wrap, so the table
    stays within 100 columns.

    Examples
    --------
    >>> row = {"policy": "a plan", "income_first": 4000.0, "income_fifth": 4500.0,
    ...        "income_last": 6000.0, "restored_5y": 0.9, "poverty_last": 0.05,
    ...        "gini_last": 0.23, "better": 0.71, "better_low": 0.39, "better_high": 0.99,
    ...        "extra_fiscal_cost_npv": 1.5e6}
    >>> print(format_headline_rows([row], (2010, 2014, 2029), "cash only").splitlines()[3])
    a plan    4,000  4,500  6,000      90%   5.0%  0.23      71% (39% to 99%)      1.5 M
    """
    w = min(max([len("policy"), *(len(str(r["policy"])) for r in rows)]), 22) + 2
    y0, y4, yl = (str(y) for y in years)
    head = [
        f"{'':<{w}}{'income per person':>21}{'restored':>9}{'poor':>7}{'Gini':>6}"
        f"{'better off than':>22}{'extra cost':>11}",
        f"{'policy':<{w}}{y0:>7}{y4:>7}{yl:>7}{'in 5 yrs':>9}{yl:>7}{yl:>6}"
        f"{baseline[:20]:>22}{'NPV 8%':>11}",
    ]
    lines = [*head, "-" * max(map(len, head))]
    for r in rows:
        if r["policy"] == baseline:
            better = "(baseline)"
        elif math.isfinite(r["better_low"] + r["better_high"]):
            better = " ".join(
                interval_cells(r["better"], r["better_low"], r["better_high"], ".0%")
            ).strip()
        else:
            better = interval_cells(r["better"], math.nan, math.nan, ".0%")[0]
        names = _names(str(r["policy"]), w - 2)
        lines.append(
            f"{names[0]:<{w}}{r['income_first'] * level[0]:>7,.0f}"
            f"{r['income_fifth'] * level[1]:>7,.0f}{r['income_last'] * level[2]:>7,.0f}"
            f"{r['restored_5y']:>9.0%}{r['poverty_last']:>7.1%}{r['gini_last']:>6.2f}"
            f"{better:>22}{r['extra_fiscal_cost_npv'] / 1e6:>9.1f} M"
        )
        lines += names[1:]
    return "\n".join([*lines, CI_LEGEND])
