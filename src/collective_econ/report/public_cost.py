"""The public cost split: the county's own budget and higher levels; outlays and receipts.

From the ``county_books`` outcome (the government's net flows by item, run by run) and
the scenario's :class:`~collective_econ.funding.FundingShares`: each run's present value
of each item at the default rate, the county's part of it by the item's share year by
year (the rest is provincial and central money; the taxes' share changes with the 2016
reform), and the outlays and receipts apart (taxes and land
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

from ..funding import EPOCH_YEAR, FundingShares, split
from ..metrics import paired_difference
from ..runs.decision import books_npv
from ..runs.outcomes import OUTCOMES
from ..runs.results import ExperimentResults
from ._html import pct
from ._text import text

__all__ = ["RECEIPTS", "CostSplit", "cost_split", "run_costs", "share_words"]

Floats = NDArray[np.float64]
Interval = tuple[float, float, float]

RECEIPTS: tuple[str, ...] = ("land_conveyance", "taxes")
"""The items of the county's books that are receipts (taxes and land revenue); every other
item is an outlay (its net flow: what the government pays out, less what it saves)."""

_KEYS = ("total", "county", "higher", "outlays", "receipts")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip
"""The months' names in English (``calendar.month_name`` follows the machine's locale)."""


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
    items: Sequence[str] = OUTCOMES["county_books"].labels
    # split year by year (the taxes' share changes with the 2016 reform), then discount
    value = books_npv(books)  # (policies, runs, items)
    county = books_npv(split(books, items, shares, years=results.years)[0])
    higher = value - county
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


def share_words(shares: FundingShares, item: str, words: str, lang: str = "en") -> str:
    """The county's share of an item of its books in words: ``"dibao 20%"``.

    ``words``: the item's plain name. An item whose share changes with the 2016 reform
    (the taxes) is given both shares and the month between them: ``"taxes 30% before
    May 2016 and 15% from then"``.

    Examples
    --------
    >>> share_words(FundingShares(), "dibao", "dibao")
    'dibao 20%'
    >>> share_words(FundingShares(), "taxes", "taxes")
    'taxes 30% before May 2016 and 15% from then'
    >>> share_words(FundingShares(), "taxes", "税款", "zh")
    '税款2016年5月以前30%、此后15%'
    """
    before = shares.county_share(item)
    after = shares.county_share(item, after_reform=True)
    if before == after:
        return text("s.cost_share", lang, item=words, share=pct(before))
    year, month = divmod(shares.tax_reform_month, 12)
    name = _MONTHS[month] if lang == "en" else str(month + 1)
    when = text("s.month", lang, month=name, year=EPOCH_YEAR + year)
    return text("s.cost_share_reform", lang, item=words, before=pct(before), after=pct(after),
                when=when)  # fmt: skip
