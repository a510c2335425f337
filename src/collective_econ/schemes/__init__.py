"""The scheme models, one module each, registered by name.

Every module follows the contract of :mod:`collective_econ.schemes.base`:
a frozen parameter class, ``appraise``, ``UNCERTAINTIES`` and ``SCHEME``.
A new scheme is a new module added to :data:`SCHEMES` below.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..distributions.uncertainty import Uncertainty
from . import (
    agro_park,
    enterprise,
    hogs,
    hotel,
    jobs,
    land_pension,
    land_shares,
    safety_net,
    tea,
)
from .agro_park import AgroParkParams
from .base import Appraisal, Scheme, Stakeholder
from .enterprise import EnterpriseParams, Sector
from .hogs import HogParams
from .hotel import HotelParams
from .jobs import JobsParams, JobType
from .land_pension import LandPensionParams
from .land_shares import LandSharesParams
from .safety_net import DibaoParams
from .tea import TeaParams

__all__ = [
    "SCHEMES",
    "AgroParkParams",
    "Appraisal",
    "DibaoParams",
    "EnterpriseParams",
    "HogParams",
    "HotelParams",
    "JobType",
    "JobsParams",
    "LandPensionParams",
    "LandSharesParams",
    "Scheme",
    "Sector",
    "Stakeholder",
    "TeaParams",
    "Uncertainty",
    "firm_accounts",
    "outside_accounts",
    "public_accounts",
    "scheme_accounts",
]

SCHEMES: dict[str, Scheme[Any]] = {
    m.SCHEME.name: m.SCHEME
    for m in (land_shares, hogs, tea, agro_park, hotel, jobs, enterprise, safety_net, land_pension)
}
"""Every scheme of the case, by registered name, in the order of the case report."""


def firm_accounts(schemes: Mapping[str, Scheme[Any]] | None = None) -> tuple[str, ...]:
    """The firm accounts the schemes open, each once, sorted by name.

    The ledger of every run opens them all (between the government and the
    bank), whichever schemes its policy uses, so that the policies of a
    comparison share one list of institutions.

    Parameters
    ----------
    schemes : mapping of str to Scheme, optional
        The schemes; by default :data:`SCHEMES` as registered at the call.

    Examples
    --------
    >>> firm_accounts()
    ('brewery', 'factories', 'hotel_company')
    """
    registry = SCHEMES if schemes is None else schemes
    return tuple(sorted({a for s in registry.values() for a in s.accounts}))


def public_accounts(schemes: Mapping[str, Scheme[Any]] | None = None) -> tuple[str, ...]:
    """The public fund accounts the schemes open, each once, sorted by name.

    Examples
    --------
    >>> public_accounts()
    ('insurance_fund',)
    """
    registry = SCHEMES if schemes is None else schemes
    return tuple(sorted({a for s in registry.values() for a in s.public_accounts}))


def outside_accounts(schemes: Mapping[str, Scheme[Any]] | None = None) -> tuple[str, ...]:
    """The accounts of outside people the schemes book to, each once, sorted by name.

    Examples
    --------
    >>> outside_accounts()
    ('market:displaced_workers',)
    """
    registry = SCHEMES if schemes is None else schemes
    return tuple(sorted({a for s in registry.values() for a in s.outside_accounts}))


def scheme_accounts(schemes: Mapping[str, Scheme[Any]] | None = None) -> tuple[str, ...]:
    """Every account the schemes open: the firms', the public funds', then the outsiders'.

    Examples
    --------
    >>> scheme_accounts()
    ('brewery', 'factories', 'hotel_company', 'insurance_fund', 'market:displaced_workers')
    """
    return firm_accounts(schemes) + public_accounts(schemes) + outside_accounts(schemes)
