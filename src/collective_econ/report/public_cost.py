"""The public cost split: the county's own budget and higher levels; outlays and receipts.

From the ``county_books`` outcome (the government's net flows by item, run by run) and
the scenario's :class:`~collective_econ.funding.FundingShares`: each run's present value
of each item at the default rate, the county's part of it by the item's share (the rest
is provincial and central money), and the outlays and receipts apart (taxes and land
revenue are receipts; every other item is an outlay, net of what it saves). Each figure
of a policy is paired run by run with the baseline's and given with the t interval of
the paired difference, as the decision table's cost. No simulated number changes: the
attribution reads results.

Examples
--------
>>> from collective_econ.funding import FundingShares
>>> RECEIPTS
('land_conveyance', 'taxes')
>>> FundingShares().county_share("guarantees")
1.0
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ..funding import FundingShares, split
from ..metrics import paired_difference
from ..runs.decision import books_npv
from ..runs.outcomes import OUTCOMES
from ..runs.results import ExperimentResults

__all__ = ["RECEIPTS", "CostSplit", "cost_split", "run_costs"]

Floats = NDArray[np.float64]
Interval = tuple[float, float, float]

RECEIPTS: tuple[str, ...] = ("land_conveyance", "taxes")
"""The items of the county's books that are receipts (taxes and land revenue); every other
item is an outlay (its net flow: what the government pays out, less what it saves)."""

_KEYS = ("total", "county", "higher", "outlays", "receipts")


@dataclass(frozen=True, slots=True)
class CostSplit:
    """A policy's extra public cost against the baseline, split; each ``(mean, low, high)``.

    Attributes
    ----------
    total : tuple of float
        Net cost to the government (county and higher levels), yuan (present value).
    county, higher : tuple of float
        The county's own budget's part and the higher levels' part; ``county + higher ==
        total`` run by run, so their means add up to the total's.
    outlays : tuple of float
        What the government pays out more (outlay items, net of what they save), yuan.
    receipts : tuple of float
        What it takes in more (taxes and land revenue), yuan; ``outlays - receipts ==
        total`` run by run.
    runs : int
        Runs paired.
    """

    total: Interval
    county: Interval
    higher: Interval
    outlays: Interval
    receipts: Interval
    runs: int


def run_costs(
    results: ExperimentResults, shares: FundingShares | None = None
) -> dict[str, Floats]:
    """Each run's public cost, split: arrays of shape (policies, runs), yuan (present value).

    Keys: ``total`` (the net cost, as ``fiscal_cost_npv`` to rounding), ``county`` and
    ``higher`` (its parts by ``shares``), ``outlays`` and ``receipts`` (``total =
    outlays - receipts``). A cost is positive, a receipt is positive. Empty for results
    recorded without ``county_books``.
    """
    if "county_books" not in results.outcomes:
        return {}
    books = results.sel("county_books")  # (policies, samples, replications, years, items)
    books = books.reshape(books.shape[0], -1, *books.shape[3:])
    value = books_npv(books)  # (policies, runs, items)
    items: Sequence[str] = OUTCOMES["county_books"].labels
    county, higher = split(value, items, shares)
    received = np.isin(np.asarray(items), RECEIPTS)
    return {
        "total": -value.sum(axis=-1),
        "county": -county.sum(axis=-1),
        "higher": -higher.sum(axis=-1),
        "outlays": -value[..., ~received].sum(axis=-1),
        "receipts": value[..., received].sum(axis=-1),
    }


def cost_split(
    results: ExperimentResults,
    policy: str,
    base: str,
    shares: FundingShares | None = None,
    *,
    costs: dict[str, Floats] | None = None,
) -> CostSplit | None:
    """``policy``'s extra public cost against ``base``, split, each with its paired 95% CI.

    ``costs``: :func:`run_costs` of ``results``, when already computed. None for results
    without ``county_books``; the intervals are NaN with one run.
    """
    costs = run_costs(results, shares) if costs is None else costs
    if not costs:
        return None
    i, b = results.index(policy), results.index(base)
    out: dict[str, Interval] = {}
    for key in _KEYS:
        x = costs[key]
        mean = float(np.mean(x[i] - x[b]))
        if x.shape[1] < 2:
            out[key] = (mean, float("nan"), float("nan"))
            continue
        d = paired_difference(x[i], x[b])
        out[key] = (mean, float(d.low), float(d.high))
    return CostSplit(**out, runs=int(costs["total"].shape[1]))
