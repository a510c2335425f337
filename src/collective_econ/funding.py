"""Who funds the government's flows: the county's own budget, or transfers from higher levels.

The simulation has one government account (with the public funds grouped with it):
what it pays and receives is public money, whoever provides it. A county finance bureau
needs the part its own budget carries. :class:`FundingShares` gives, for each item of
the government's books (the ``county_books`` outcome: dibao, pensions, wage subsidies,
grants, guarantees, taxes, ...), the share the county's own budget pays (or, for a
receipt, keeps); the rest is provincial and central money (transfers to the county, or
taxes the county passes up). :func:`split` applies the shares to flows by item. The
attribution is an accounting of results, never an input of the simulation: a share
changes no simulated number.

Examples
--------
Central and provincial transfers pay most of the dibao; the county pays the welfare-post
wage subsidies; the county keeps a part of the taxes:

>>> import numpy as np
>>> shares = FundingShares()
>>> items = ("dibao", "wage_subsidies", "taxes")
>>> flows = np.array([-100.0, -50.0, 30.0])  # yuan, paid out (-) and received (+)
>>> county, higher = split(flows, items, shares)
>>> county.tolist(), higher.tolist()
([-20.0, -50.0, 9.0], [-80.0, 0.0, 21.0])
>>> bool(np.all(county + higher == flows))
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .errors import ParameterError, ShapeError
from .params import FRACTION, Parameters, param

__all__ = ["FundingShares", "split"]

Floats = NDArray[np.float64]

_UNIT = "fraction (county's own budget)"


@dataclass(frozen=True, slots=True, kw_only=True)
class FundingShares(Parameters):
    """The county's own share of each item of the government's books, 0 to 1.

    One field per item of the ``county_books`` outcome
    (:data:`collective_econ.runs.outcomes.COUNTY_ITEMS`): for an outlay, the share the
    county's own budget pays (the rest is paid from provincial and central transfers);
    for a receipt, the share the county keeps (the rest goes to higher levels). A share
    of 1 puts the whole item on the county, 0 on higher levels.
    """

    land_conveyance: float = param(
        1.0,
        unit=_UNIT,
        rule=FRACTION,
        source="well-known: General Office of the State Council 2006 No. 100 "
        "(国办发〔2006〕100号): land conveyance income is paid in full into the local "
        "government-fund budget of the city or county that sells the land",
        doc="land conveyance revenue from the developer: the share the county keeps",
    )
    compensation: float = param(
        1.0,
        unit=_UNIT,
        rule=FRACTION,
        source="well-known: General Office of the State Council 2006 No. 100 "
        "(国办发〔2006〕100号): the compensation and resettlement of the land taken is paid "
        "from the county's land conveyance income",
        doc="compensation paid to households, the collectives and the pension fund, with "
        "the transitional housing allowance (when the county, not the developer, pays it)",
    )
    taxes: float = param(
        0.3,
        unit=_UNIT,
        rule=FRACTION,
        source="estimate: the centre's part is set by the State Council: of enterprise and "
        "personal income tax 60% from 2003 (国发〔2001〕37号), of VAT 75% before the 2016 reform "
        "and 50% after (国发〔2016〕26号, kept by 国发〔2019〕21号), business tax (until 2016) "
        "local; the local part is shared by provincial rules (Yunnan's not found): in 2003 "
        "the county and township levels got about a third of the local governments' shared "
        "taxes (Qiao and Shah, in Shah ed., Local Governance in Developing Countries, World "
        "Bank 2006, ch. 4): about 13% (income tax) to 33% (business tax) of the schemes' "
        "taxes stays with the county; 30%, the business-tax end, for a county town's firms",
        doc="the taxes the schemes' firms pay (business and income tax): the share the "
        "county keeps",
    )
    household_subsidies: float = param(
        1.0,
        unit=_UNIT,
        rule=FRACTION,
        source="estimate: the hog scheme's per-head subsidies and culling compensation "
        "are the county's own programmes in the case; the national breeding-sow subsidy, "
        "60% central in western provinces (domain-reference.md §2a), is not the case's",
        doc="subsidies paid to households: the hog subsidies",
    )
    wage_subsidies: float = param(
        1.0,
        unit=_UNIT,
        rule=FRACTION,
        source="estimate: the public-welfare posts' wage subsidies (公益性岗位补贴, "
        "domain-reference.md §6) are paid from the county's employment fund; the central "
        "transfers into that fund are not separated",
        doc="the public-welfare posts' wage subsidies to the employers",
    )
    interest_subsidies: float = param(
        1.0,
        unit=_UNIT,
        rule=FRACTION,
        source="estimate: the interest subsidies on the hog start-up loans and the household "
        "business loans are the county's in the case (the national micro guaranteed loans' "
        "central interest subsidy, domain-reference.md §7, is for the laid-off and "
        "unemployed, not these loans)",
        doc="the interest subsidies on the hog and business loans, paid to the bank",
    )
    programme_subsidies: float = param(
        1.0,
        unit=_UNIT,
        rule=FRACTION,
        source="estimate: the job training and the tea garden's establishment subsidies "
        "are the county's own programmes in the case",
        doc="the other subsidies: job training, the tea garden's establishment subsidies",
    )
    grants: float = param(
        1.0,
        unit=_UNIT,
        rule=FRACTION,
        source="estimate: the house-swap subsidy (直补平衡, seed-facts.md) and the grants "
        "to the hog farms are the county's own; the national grants to standardised farms "
        "(domain-reference.md §2a) go to larger farms than the case's",
        doc="capital grants: the house-swap subsidy and the hog-farm grants",
    )
    dibao: float = param(
        0.2,
        unit=_UNIT,
        rule=FRACTION,
        source="estimate: central subsidies paid 69.7% of urban dibao spending in 2010 "
        "(36,560 million yuan of 52,470 million yuan) and 60.4% of rural (26,900 million "
        "yuan of 44,500 million yuan), nationally, "
        "most of them going to central and western provinces (Ministry of Civil Affairs, "
        "2010 Statistical Report on Social Service Development); the rest (30-40% "
        "nationally, less in the west) is shared by the province, the prefecture and the "
        "county by provincial rules (Yunnan's not found): the county's own budget pays about "
        "a fifth in a western province such as Yunnan",
        doc="the minimum living guarantee (dibao) paid to households",
    )
    pensions: float = param(
        0.0,
        unit=_UNIT,
        rule=FRACTION,
        source="well-known: the residents' basic pension of the New Rural Pension Scheme (55 "
        "yuan a month at 60, the national minimum) is paid in full by the central budget in "
        "central and western "
        "provinces, half of it in eastern ones (State Council 2009 No. 32, 国发〔2009〕32号; "
        "kept for the unified residents' scheme by 国发〔2014〕8号; Xinhua 2011-06-14); the "
        "county-town retirees' pensions are paid by the provincially pooled enterprise "
        "pension fund, not the county budget",
        doc="the basic pensions: the residents' basic pension and the retirees' pensions",
    )
    land_pension: float = param(
        1.0,
        unit=_UNIT,
        rule=FRACTION,
        source="well-known: General Office of the State Council 2006 No. 29 (国办发〔2006〕29号): "
        "the government's part of the landless farmers' pension insurance is paid from land "
        "conveyance income, which is the county's (国办发〔2006〕100号); the fund is the "
        "county's, and so are its top-ups when it runs short",
        doc="the landless farmers' pension insurance: the pensions its fund pays less the "
        "collectives' contributions (the county's payments into the fund net of them)",
    )
    guarantees: float = param(
        1.0,
        unit=_UNIT,
        rule=FRACTION,
        source="estimate: the county's own; a county bank lends to a village collective "
        "without land as collateral only against a guarantee of the county or its guarantee "
        "company, and what the county pays on a default comes from its own budget",
        doc="guarantees paid to the bank on the collectives' defaulted loans",
    )
    loans: float = param(
        1.0,
        unit=_UNIT,
        rule=FRACTION,
        source="estimate: the guarantee fund behind the household business loans is the "
        "county's (the micro guaranteed loans' risk-compensation fund, domain-reference.md "
        "§7, is a local one)",
        doc="loan principal: the business loans' guarantee fund",
    )
    other: float = param(
        1.0,
        unit=_UNIT,
        rule=FRACTION,
        source="estimate: any other flow of the government's account is the county's",
        doc="every other flow of the government's account",
    )
    claims: float = param(
        1.0,
        unit=_UNIT,
        rule=FRACTION,
        source="estimate: loans still owed to the county at the horizon are the county's",
        doc="the government's net claims at the horizon",
    )

    def county_share(self, item: str) -> float:
        """The county's own share of ``item`` (an item of the government's books).

        Raises
        ------
        ParameterError
            For an item the record has no share for.
        """
        if item not in self.__dataclass_fields__:
            raise ParameterError("item", "an item of the county's books", item, "FundingShares")
        return float(getattr(self, item))

    def shares(self, items: Sequence[str]) -> Floats:
        """The county's shares of ``items`` in order, shape (len(items),)."""
        return np.array([self.county_share(i) for i in items], dtype=np.float64)


def split(
    flows: ArrayLike, items: Sequence[str], shares: FundingShares | None = None
) -> tuple[Floats, Floats]:
    """The county's and the higher levels' parts of flows by item.

    Parameters
    ----------
    flows : array_like, shape (..., len(items))
        The government's flows (or their present values) by item, yuan.
    items : sequence of str
        The items of the last axis (the ``county_books`` labels).
    shares : FundingShares, optional
        Default ``FundingShares()``.

    Returns
    -------
    county, higher : ndarray, each shaped like ``flows``
        ``county + higher == flows`` to rounding (the higher levels' part is the rest).
    """
    arr = np.asarray(flows, dtype=np.float64)
    if arr.ndim == 0 or arr.shape[-1] != len(items):
        raise ShapeError(f"flows must have {len(items)} items on the last axis, got {arr.shape}")
    county = arr * (shares or FundingShares()).shares(items)
    return county, arr - county
