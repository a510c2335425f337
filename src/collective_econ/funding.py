"""Who funds the government's flows: the county's own budget, or transfers from higher levels.

The simulation has one government account (with the public funds grouped with it):
what it pays and receives is public money, whoever provides it. A county finance bureau
needs the part its own budget carries. :class:`FundingShares` gives, for each item of
the government's books (the ``county_books`` outcome: dibao, pensions, wage subsidies,
grants, guarantees, taxes, ...), the share the county's own budget pays (or, for a
receipt, keeps); the rest is provincial and central money (transfers to the county, or
taxes the county passes up). The taxes' share changes in May 2016 (``tax_reform_month``):
before, the schemes' firms paid business tax, all of it local; from then VAT, half of it
central (营改增, 国发〔2016〕26号), so the county keeps less of them (``taxes`` before,
``taxes_after_reform`` after). :func:`split` applies the shares to flows by item, year by
year. The attribution is an accounting of results, never an input of the simulation: a
share changes no simulated number.

Examples
--------
Central and provincial transfers pay most of the dibao; the county pays the welfare-post
wage subsidies; the county keeps a part of the taxes, a smaller part from the 2016 reform
(VAT, half of it central, replaced the local business tax in May 2016), so flows are split
year by year:

>>> import numpy as np
>>> shares = FundingShares()
>>> items = ("dibao", "wage_subsidies", "taxes")
>>> flows = np.array([[-100.0, -50.0, 30.0]] * 3)  # yuan a year, paid out (-) and received (+)
>>> county, higher = split(flows, items, shares, years=[2015, 2016, 2017])
>>> county.round(2).tolist()
[[-20.0, -50.0, 9.0], [-20.0, -50.0, 6.0], [-20.0, -50.0, 4.5]]
>>> bool(np.all(county + higher == flows))
True

Flows summed over the years cannot be split by one share of the taxes:

>>> try:
...     split(flows.sum(axis=0), items, shares)
... except ParameterError as err:
...     print(str(err).split(":")[0])
split.years must be given
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .errors import ParameterError, ShapeError
from .params import FRACTION, NONNEGATIVE, Parameters, param

__all__ = ["EPOCH_YEAR", "FundingShares", "split"]

Floats = NDArray[np.float64]

_UNIT = "fraction (county's own budget)"

EPOCH_YEAR = 2010
"""The year whose January is month 0 of :attr:`FundingShares.tax_reform_month` (the case's
first month; the reform's date stays the same calendar month whatever a scenario's first
year)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FundingShares(Parameters):
    """The county's own share of each item of the government's books, 0 to 1.

    One field per item of the ``county_books`` outcome
    (:data:`collective_econ.runs.outcomes.COUNTY_ITEMS`): for an outlay, the share the
    county's own budget pays (the rest is paid from provincial and central transfers);
    for a receipt, the share the county keeps (the rest goes to higher levels). A share
    of 1 puts the whole item on the county, 0 on higher levels. Two fields are not items:
    ``taxes_after_reform`` is the taxes' share from the month ``tax_reform_month`` on
    (``taxes`` the share before it). A scenario file written before they existed keeps its
    ``taxes`` as the share before the reform, the meaning its source always gave it
    (business tax, wholly local until 2016); to keep one share throughout, set
    ``taxes_after_reform`` to the same value.
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
        doc="the taxes the schemes' firms pay (business and income tax) before the 2016 "
        "reform (tax_reform_month): the share the county keeps",
    )
    taxes_after_reform: float = param(
        0.15,
        unit=_UNIT,
        rule=FRACTION,
        source="estimate: from May 2016 business tax became VAT, of which the centre takes "
        "50% (国发〔2016〕26号, kept by 国发〔2019〕21号); the centre's returns to the "
        "provinces are fixed on their 2014 revenue, so of a new firm's VAT the local "
        "governments keep half; income taxes stay 60% central (国发〔2001〕37号); the "
        "province's rule for sharing the new VAT with its counties not found (Yunnan's "
        "neither): the county's third of the local part, as before the reform (Qiao and "
        "Shah 2006), keeps about 17% of the VAT and 13% of the income taxes: 15%",
        doc="the taxes the schemes' firms pay (VAT and income tax) from the 2016 reform "
        "(tax_reform_month): the share the county keeps",
    )
    tax_reform_month: int = param(
        76,
        unit="months from January 2010",
        rule=NONNEGATIVE,
        source="well-known: business tax was replaced by VAT in every sector from May "
        "2016, and the VAT split 50:50 between the centre and the local governments from "
        "the same day (营改增; State Council 2016 No. 26, 国发〔2016〕26号): May 2016, "
        "month 76 from January 2010",
        doc="the month from which taxes_after_reform, not taxes, is the county's share of "
        "the taxes: 0 is January 2010, whatever the scenario's first year",
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

    @classmethod
    def every(cls, share: float) -> FundingShares:
        """Books in which the county's share of every item is ``share`` in every year.

        The limits of the split: ``every(1.0)`` makes the county's cost the whole
        public cost, ``every(0.0)`` makes it nothing.

        Examples
        --------
        >>> books = FundingShares.every(1.0)
        >>> books.dibao, books.taxes, books.taxes_after_reform, books.tax_reform_month
        (1.0, 1.0, 1.0, 76)
        """
        shares: dict[str, Any] = dict.fromkeys(cls.__dataclass_fields__, share)
        del shares["tax_reform_month"]  # a month, not a share
        return replace(cls(), **shares)

    def county_share(self, item: str, *, after_reform: bool = False) -> float:
        """The county's own share of ``item`` (an item of the government's books).

        ``after_reform``: the share from ``tax_reform_month`` on; only the taxes' share
        changes then (``taxes`` before, ``taxes_after_reform`` after).

        Raises
        ------
        ParameterError
            For an item the record has no share for.
        """
        if item not in self.__dataclass_fields__ or item in _NOT_ITEMS:
            raise ParameterError("item", "an item of the county's books", item, "FundingShares")
        if after_reform and item == "taxes":
            return float(self.taxes_after_reform)
        return float(getattr(self, item))

    def varies(self, items: Sequence[str]) -> bool:
        """Whether the share of one of ``items`` changes over the years (the taxes')."""
        return "taxes" in items and self.taxes != self.taxes_after_reform

    def after_reform(self, years: ArrayLike) -> Floats:
        """The part of each calendar year's months from ``tax_reform_month`` on, 0 to 1.

        Examples
        --------
        >>> FundingShares().after_reform([2015, 2016, 2017]).round(3).tolist()
        [0.0, 0.667, 1.0]
        """
        first = (np.asarray(years, dtype=np.float64) - EPOCH_YEAR) * 12.0  # its January
        return np.asarray(np.clip((first + 12.0 - self.tax_reform_month) / 12.0, 0.0, 1.0))

    def shares(self, items: Sequence[str], years: ArrayLike | None = None) -> Floats:
        """The county's shares of ``items`` in order.

        Without ``years``, shape (len(items),): each item's share before the reform.
        With ``years`` (calendar years, shape (n,)), shape (n, len(items)): each year's
        share, the months before and from ``tax_reform_month`` weighted by their number
        (a year's taxes taken as paid evenly over its months).
        """
        before = np.array([self.county_share(i) for i in items], dtype=np.float64)
        if years is None:
            return before
        after = np.array([self.county_share(i, after_reform=True) for i in items])
        part = self.after_reform(years)[:, None]
        return np.asarray(before + part * (after - before), dtype=np.float64)


_NOT_ITEMS = frozenset({"taxes_after_reform", "tax_reform_month"})
"""The fields that are not items of the books: they say how the taxes' share changes."""


def split(
    flows: ArrayLike,
    items: Sequence[str],
    shares: FundingShares | None = None,
    *,
    years: ArrayLike | None = None,
) -> tuple[Floats, Floats]:
    """The county's and the higher levels' parts of flows by item.

    Parameters
    ----------
    flows : array_like, shape (..., len(items)) or (..., len(years), len(items))
        The government's flows by item, yuan: by year when ``years`` is given.
    items : sequence of str
        The items of the last axis (the ``county_books`` labels).
    shares : FundingShares, optional
        Default ``FundingShares()``.
    years : array_like of int, optional
        The calendar years of the second-last axis of ``flows``; each year's flows are
        split by that year's shares (:meth:`FundingShares.shares`), so the taxes by the
        share before the 2016 reform, after it, or both in the year of the reform. Needed
        when a share changes over the years (:meth:`FundingShares.varies`): flows summed
        over the years, or their present value, cannot be split by one share.

    Returns
    -------
    county, higher : ndarray, each shaped like ``flows``
        ``county + higher == flows`` to rounding (the higher levels' part is the rest).

    Raises
    ------
    ParameterError
        Without ``years`` when a share of ``items`` changes over the years.
    ShapeError
        When the last axis is not ``items`` or the second-last not ``years``.
    """
    arr = np.asarray(flows, dtype=np.float64)
    record = shares or FundingShares()
    if arr.ndim == 0 or arr.shape[-1] != len(items):
        raise ShapeError(f"flows must have {len(items)} items on the last axis, got {arr.shape}")
    if years is None:
        if record.varies(items):
            raise ParameterError(
                "years",
                "given: the taxes' share changes in tax_reform_month, so flows are split "
                "year by year, never summed or discounted first",
                None,
                "split",
            )
        county = arr * record.shares(items)
        return county, arr - county
    when = np.asarray(years)
    if when.ndim != 1 or arr.ndim < 2 or arr.shape[-2] != when.size:
        raise ShapeError(
            f"flows must have {when.size} years on the second-last axis, got {arr.shape}"
        )
    county = arr * record.shares(items, when)
    return county, arr - county
