"""A cost of each policy across the futures: expected, worst and best future, regret.

:class:`CostAcross` holds one cost (the net public cost, or the county's own part of
it) of each policy in each future, as :func:`~collective_econ.decision.robustness.robustness`
finds it: the replication mean in each future, the mean over futures with its paired
bootstrap interval, and what a county official asks of it across the futures: the
**worst future** (the highest future mean), the **best future**, and the **regret**, how
much more the policy costs than the cheapest policy of each future (Savage regret with
less better), its mean and maximum. The policy with the smallest worst-future cost is
the *minimax-cost* choice (Wald's maximin on cost); the one with the smallest maximum
regret is the *minimax-regret* choice on that cost.

Examples
--------
Two policies, three futures: B is cheaper on average, A in the worst future:

>>> import numpy as np
>>> means = np.array([[5.0, 5.0, 6.0], [1.0, 2.0, 9.0]])
>>> c = CostAcross(means, means.mean(axis=1), means.min(axis=1), means.max(axis=1),
...                np.tile(means.mean(axis=1), (100, 1)), 0.95)
>>> c.expected.tolist(), c.worst.tolist(), c.max_regret.tolist(), c.minimax_cost
([5.333333333333333, 4.0], [6.0, 9.0], [4.0, 3.0], 0)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from ..runs.decision import interval_cells, two_line_table

__all__ = ["COUNTY_LEGEND", "CostAcross", "county_lines", "paired_extra"]

Floats = NDArray[np.float64]

COUNTY_LEGEND = (
    "Cost to the county's own budget (M yuan, NPV 8%; the rest of the public cost: higher levels):"
)
"""The line over the county's own cost in :meth:`Robustness.format`."""


def paired_extra(expected: Floats, boot: Floats | None, b: int, confidence: float) -> Floats:
    """Each policy's expected cost minus policy ``b``'s, with its paired bootstrap interval.

    Parameters
    ----------
    expected : ndarray, shape (policies,)
        Expected cost of each policy, yuan.
    boot : ndarray, shape (n_boot, policies), or None
        The expected cost in each bootstrap resample (the same resamples for every
        policy); NaN intervals when None.
    b : int
        The baseline policy's index (its row is 0).
    confidence : float
        Level of the percentile interval, within (0, 1).

    Returns
    -------
    ndarray, shape (policies, 3)
        ``(extra, low, high)``, yuan.
    """
    extra = expected - expected[b]
    if boot is None:
        lo = hi = np.full_like(extra, np.nan)
    else:
        q = (50 * (1 - confidence), 50 * (1 + confidence))
        lo, hi = np.percentile(boot - boot[:, [b]], q, axis=0)
    out = np.column_stack([extra, lo, hi])
    out[b] = 0.0
    return out


@dataclass(frozen=True, eq=False)
class CostAcross:
    """One cost of each policy across the futures, yuan (present value at 8%).

    Arrays run over policies (axis 0) in the order of the :class:`Robustness` that holds it.

    Attributes
    ----------
    means : ndarray, shape (policies, futures)
        The replication mean of the cost in each future.
    expected, low, high : ndarray, shape (policies,)
        The mean over futures and replications, and its bootstrap interval.
    boot : ndarray, shape (n_boot, policies)
        The expected cost in each bootstrap resample, the same resamples as the
        :class:`Robustness`'s (paired).
    confidence : float
        Level of the intervals.
    """

    means: Floats = field(repr=False)
    expected: Floats = field(repr=False)
    low: Floats = field(repr=False)
    high: Floats = field(repr=False)
    boot: Floats = field(repr=False)
    confidence: float = 0.95

    @property
    def worst(self) -> Floats:
        """The highest future mean of each policy: its cost in its worst future explored.

        A maximum over futures of replication means: with few replications it carries
        their noise upward (no interval is given; more replications narrow it).
        """
        return np.asarray(self.means.max(axis=1), dtype=np.float64)

    @property
    def best(self) -> Floats:
        """The lowest future mean of each policy (with :attr:`worst`: its range over futures)."""
        return np.asarray(self.means.min(axis=1), dtype=np.float64)

    @property
    def regret(self) -> Floats:
        """Cost above the cheapest policy of each future, shape (policies, futures), >= 0."""
        return np.asarray(self.means - self.means.min(axis=0), dtype=np.float64)

    @property
    def mean_regret(self) -> Floats:
        """Mean :attr:`regret` over the futures."""
        return np.asarray(self.regret.mean(axis=1), dtype=np.float64)

    @property
    def max_regret(self) -> Floats:
        """Largest :attr:`regret` over the futures."""
        return np.asarray(self.regret.max(axis=1), dtype=np.float64)

    @property
    def minimax_cost(self) -> int:
        """Index of the policy with the lowest worst-future cost (the first of those tied)."""
        return int(np.argmin(self.worst))

    @property
    def minimax_regret(self) -> int:
        """Index of the policy with the smallest maximum regret (the first of those tied)."""
        return int(np.argmin(self.max_regret))

    def extra(self, b: int) -> Floats:
        """Expected cost minus policy ``b``'s, with its paired interval: (policies, 3)."""
        return paired_extra(self.expected, self.boot, b, self.confidence)

    def row(self, i: int, prefix: str) -> dict[str, float]:
        """Policy ``i``'s figures as ``{prefix: expected, prefix_low, ..., prefix_max_regret}``."""
        keys = ("", "_low", "_high", "_worst", "_best", "_mean_regret", "_max_regret")
        arrays = (self.expected, self.low, self.high, self.worst, self.best,
                  self.mean_regret, self.max_regret)  # fmt: skip
        return {prefix + k: float(a[i]) for k, a in zip(keys, arrays, strict=True)}


def county_lines(
    county: CostAcross, policies: Sequence[str], order: Sequence[str], base: str
) -> list[str]:
    """The county's own cost as terminal lines: a legend, a table, the two minimax choices.

    ``order``: the policies in the order of the table above it; ``base``: the policy the
    extra cost is counted against. Within 100 columns, as the table above.
    """
    b = policies.index(base)
    extra = county.extra(b) / 1e6
    top = ("expected", "extra vs", "worst", "best", "max regret")
    bottom = ("cost", base[:17], "future", "future", "(county)")
    body = []
    for name in order:
        i = policies.index(name)
        m = county.row(i, "c")
        body.append((name, [
            interval_cells(m["c"] / 1e6, m["c_low"] / 1e6, m["c_high"] / 1e6, ",.1f"),
            interval_cells(extra[i, 0], extra[i, 1], extra[i, 2], ",.1f") if i != b
            else ("(baseline)", ""),
            (f"{m['c_worst'] / 1e6:,.1f}", ""),
            (f"{m['c_best'] / 1e6:,.1f}", ""),
            (f"{m['c_max_regret'] / 1e6:,.1f}", ""),
        ]))  # fmt: skip
    cheap, calm = policies[county.minimax_cost], policies[county.minimax_regret]
    return [
        COUNTY_LEGEND,
        *two_line_table(top, bottom, body, (19, 18, 11, 11, 12)),
        "A negative cost is a net receipt: the county takes in more than it pays out",
        "(land revenue and the taxes it keeps, less compensation and its other outlays).",
        f"Lowest cost to the county in its worst future: '{cheap}' "
        f"({county.worst[county.minimax_cost] / 1e6:,.1f} M yuan).",
        f"Smallest maximum regret (cost above the cheapest policy of a future): '{calm}'.",
    ]
