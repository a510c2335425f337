r"""Distributional outcomes: inequality, poverty, livelihood restoration, winners and losers.

Pure numpy functions over simulated incomes, in yuan per person per year (real
2010 yuan) unless a function says otherwise. Households (or persons) lie along
``axis``; other axes (replications, years) are kept, and one distribution gives a
``float``. ``weights`` are population weights (the persons present in each household
that year when incomes are per person and the unit is persons; 0 leaves a household
out), finite and >= 0, broadcast to the data's shape. Argument errors raise
(``ShapeError`` names the argument, ``ParameterError`` the field, rule and value); an
ill-posed *result* is NaN for a documented reason
(weights summing to 0; a Gini whose mean income is not positive). Negative incomes
(a loss year) are allowed; the poverty measures count them as zero income (a shortfall
of the whole line). Definitions and how to read them: ``docs/metrics.md``.
"""

from __future__ import annotations

from .inequality import fgt, gini, income_shares, lorenz, poor_in_group, weighted_quantile
from .lines import POVERTY_LINE_SOURCES, POVERTY_LINES
from .outcomes import (
    PairedDifference,
    Restoration,
    WinnersLosers,
    paired_difference,
    restoration,
    share_restored_within,
    winners_losers,
)

__all__ = [
    "POVERTY_LINES",
    "POVERTY_LINE_SOURCES",
    "PairedDifference",
    "Restoration",
    "WinnersLosers",
    "fgt",
    "gini",
    "income_shares",
    "lorenz",
    "paired_difference",
    "poor_in_group",
    "restoration",
    "share_restored_within",
    "weighted_quantile",
    "winners_losers",
]
