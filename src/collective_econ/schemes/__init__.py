"""The scheme models, one module each, registered by name.

Every module follows the contract of :mod:`collective_econ.schemes.base`:
a frozen parameter class, ``appraise``, ``UNCERTAINTIES`` and ``SCHEME``.
A new scheme is a new module added to :data:`SCHEMES` below.
"""

from __future__ import annotations

from typing import Any

from ..distributions.uncertainty import Uncertainty
from . import agro_park, enterprise, hogs, hotel, jobs, land_shares, safety_net, tea
from .base import Appraisal, Scheme, Stakeholder

__all__ = ["SCHEMES", "Appraisal", "Scheme", "Stakeholder", "Uncertainty"]

SCHEMES: dict[str, Scheme[Any]] = {
    m.SCHEME.name: m.SCHEME
    for m in (land_shares, hogs, tea, agro_park, hotel, jobs, enterprise, safety_net)
}
"""Every scheme of the case, by registered name, in the order of the case report."""
