"""Uncertainty: an input nobody controls, given as a distribution (the X of XLRM)."""

from __future__ import annotations

from dataclasses import dataclass

from . import Distribution

__all__ = ["Uncertainty"]


@dataclass(frozen=True, slots=True)
class Uncertainty:
    """An uncertain input: a distribution over one parameter of a scheme.

    Parameters
    ----------
    param : str
        The name of a field of the scheme's parameter class; in a scenario, a
        dotted path: ``"<scheme>.<field>"``, ``"livelihood.<field>"``,
        ``"community.<field>"`` or ``"demography.<field>"`` (``"demography.tfr"``).
    distribution : Distribution
        A named distribution (:mod:`collective_econ.distributions`).
    source : str
        Where the range comes from.
    """

    param: str
    distribution: Distribution
    source: str = ""
