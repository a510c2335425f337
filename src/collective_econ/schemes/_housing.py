r"""The swap flats as housing: construction lag, transitional allowance, rent with saturation.

A private helper of :mod:`collective_econ.schemes.land_shares` (which imports
it): the formulas the simulation (:func:`housing_month`) and the appraisal
(:func:`housing_years`) share, so that both pay the same rent and allowance.

Model (economics review L9; docs/schemes/land_shares.md, "Housing")
-------------------------------------------------------------------
- *Construction lag*: a household's old house is demolished at its wave and its
  swap flat is delivered ``construction_lag_years`` later
  (:func:`delivery_lag_months`).
- *Transitional allowance* (过渡费, 临时安置补助费): from the wave until delivery,
  ``transitional_allowance_per_m2_month`` a month per m² of demolished floor
  (``old_floor_m2_per_person`` x members), paid by ``transitional_payer``
  (:func:`allowance_month`), booked as compensation (COMPENSATION: capital, not
  income). It pays for housing while the household has none of its own: the law lists
  it among the compensation items (the 2011 Regulations Art. 17 (2), the relocation and
  temporary-resettlement compensation; LAL 2019 Art. 48), and the model counts no
  housing services in income (no imputed rent of the own house before the wave, no
  housing cost during the lag), so an allowance counted as income would raise the
  households' income over the transition by what only stands in for housing lost.
- *Rent* from the surplus floor, after delivery only: a household lets
  ``(1 - vacancy_rate)`` of its floor above living needs (:func:`let_floor`) at
  a yearly rent per m² that falls as the town's let stock grows
  (:func:`rent_per_m2`), a constant-elasticity demand curve::

      rent_per_m2(S) = rental_yield * construction_cost_per_m2
                       * ((H0 + S) / H0) ** (-1 / rent_demand_elasticity)

  with ``H0 = town_rental_stock_m2`` the let stock before the swap flats and
  ``S`` the let floor of the flats delivered so far. ``rent_on=False`` sets
  every swap-floor rent to 0 (the rent of old houses before demolition is the
  livelihood's, :func:`~collective_econ.economy.livelihood.old_house_rent`).

Left out: the let floor of the old houses demolished (it frees demand, so
saturation is overstated while waves are under way); the temporary rent
households pay out of the allowance (the model charges no housing cost: it stays in
their cash, so their savings are overstated where families rent rather than stay with
relatives, at most by the allowance; their income is not).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..economy.ledger import Source
from ..economy.world import World
from ..params import FRACTION, NONNEGATIVE, POSITIVE, Parameters, between, one_of, param

__all__ = [
    "HousingParams",
    "allowance_month",
    "delivery_lag_months",
    "housing_month",
    "housing_years",
    "let_floor",
    "price_levels",
    "rent_per_m2",
    "swap_rent_month",
]

Array = NDArray[np.float64]
_EST = "estimate"


@dataclass(frozen=True, slots=True, kw_only=True)
class HousingParams(Parameters):
    """The housing part of land-for-shares (a base of ``LandSharesParams``)."""

    construction_lag_years: float = param(
        2.0,
        unit="years",
        rule=between(0, 10),
        source="estimate: urban-village resettlement housing typically takes 1.5-3 years "
        "from demolition to delivery, with 1-2 years of transitional housing (过渡费) "
        "in between",
        doc="years from a household's wave (old house demolished) to its swap flat's delivery",
    )
    transitional_allowance_per_m2_month: float = param(
        4.0,
        unit="yuan/m² of demolished floor/month",
        rule=NONNEGATIVE,
        source="LAL 2019 Art. 48 and the 2011 State Council Regulations on house "
        "expropriation Art. 22 (temporary-housing costs paid until the exchange house is "
        "delivered, domain-reference.md §1a); level an estimate: the rent of the demolished "
        "floor at the model's new-floor rent (5% x 1,000 yuan/m² / 12 = 4.2), county rules "
        "commonly 3-10",
        doc="transitional allowance (过渡费) from the wave until delivery",
    )
    transitional_payer: str = param(
        "developer",
        unit="-",
        rule=one_of("developer", "government"),
        source="seed-facts.md (the developer as the leader; it pays the 1:1 swap area); "
        "'government' for the 2011 Regulations' rule (the expropriating department pays)",
        doc="who pays the transitional allowance",
    )
    rent_on: bool = param(
        True,
        unit="switch",
        rule=one_of(True, False),
        source="model option: switched off, no rent is earned from swap floor (simulation and "
        "appraisal), to show how much rent decides",
        doc="rent from swap floor on (True) or off, to show how much rent decides",
    )
    vacancy_rate: float = param(
        0.15,
        unit="fraction of surplus floor",
        rule=FRACTION,
        source="estimate: 10-20% of rooms empty at any time in county-town rental housing",
        doc="share of the floor above living needs that finds no tenant",
    )
    town_rental_stock_m2: float = param(
        125_000.0,
        unit="m²",
        rule=POSITIVE,
        source="estimate: 25,000 residents (seed-facts.md) x 25% tenants (the case report "
        "stresses 外来人口多, many outsiders) x 20 m²/person",
        doc="floor let in the town before the swap flats (H0 of rent_per_m2)",
    )
    rent_demand_elasticity: float = param(
        0.8,
        unit="-(d ln floor / d ln rent)",
        rule=between(0.05, 10),
        source="estimate: price elasticities of housing demand of about 0.5-1 "
        "(Mayo 1981, J. Urban Econ. 10(1))",
        doc="price elasticity of the town's rental demand: the rent per m² falls by "
        "1/elasticity % for each % the let stock grows",
    )


class HousingLike(Protocol):
    """The parameters the housing formulas read (LandSharesParams has them)."""

    @property
    def construction_lag_years(self) -> float: ...
    @property
    def transitional_allowance_per_m2_month(self) -> float: ...
    @property
    def transitional_payer(self) -> str: ...
    @property
    def rent_on(self) -> bool: ...
    @property
    def vacancy_rate(self) -> float: ...
    @property
    def town_rental_stock_m2(self) -> float: ...
    @property
    def rent_demand_elasticity(self) -> float: ...
    @property
    def rental_yield(self) -> float: ...
    @property
    def construction_cost_per_m2(self) -> float: ...
    @property
    def living_m2_per_person(self) -> float: ...
    @property
    def old_floor_m2_per_person(self) -> float: ...


def delivery_lag_months(p: HousingLike) -> int:
    """Months from the wave to the swap flat's delivery: ``round(12 * construction_lag_years)``."""
    return round(12.0 * p.construction_lag_years)


def let_floor(p: HousingLike, new_m2: ArrayLike, persons: ArrayLike) -> Array:
    """Let floor, m²: ``(1 - vacancy_rate) * max(new_m2 - living_m2_per_person * n, 0)``.

    Examples
    --------
    >>> from collective_econ.schemes.land_shares import LandSharesParams
    >>> float(let_floor(LandSharesParams(), 200.0, 4))
    68.0
    """
    above = np.asarray(new_m2, dtype=float) - p.living_m2_per_person * np.asarray(persons, float)
    out: Array = (1.0 - p.vacancy_rate) * np.maximum(above, 0.0)
    return out


def rent_per_m2(p: HousingLike, let_stock_m2: ArrayLike) -> Array:
    """Yearly rent of a let m² of swap floor when ``let_stock_m2`` of it is let, yuan/m²/yr.

    0 with ``rent_on=False``. Decreasing in the stock (saturation).

    Examples
    --------
    With no new floor the rent is the yield on cost; 36,500 m² let in a town
    that let 125,000 m² lowers it by over a quarter:

    >>> from collective_econ.schemes.land_shares import LandSharesParams
    >>> p = LandSharesParams()
    >>> float(rent_per_m2(p, 0.0)), round(float(rent_per_m2(p, 36_500.0)), 1)
    (50.0, 36.3)
    """
    if not p.rent_on:
        return np.zeros(np.shape(let_stock_m2))
    h0 = p.town_rental_stock_m2
    grow = (h0 + np.asarray(let_stock_m2, dtype=float)) / h0
    out: Array = (
        p.rental_yield * p.construction_cost_per_m2 * grow ** (-1 / p.rent_demand_elasticity)
    )
    return out


def swap_rent_month(
    p: HousingLike, new_m2: ArrayLike, persons: ArrayLike, let_stock_m2: float
) -> Array:
    """A month's rent from delivered swap floor, yuan: ``let_floor * rent_per_m2(stock) / 12``."""
    out: Array = let_floor(p, new_m2, persons) * rent_per_m2(p, let_stock_m2) / 12.0
    return out


def allowance_month(p: HousingLike, persons: ArrayLike) -> Array:
    """A month's transitional allowance until delivery, yuan (per demolished m²).

    Examples
    --------
    >>> from collective_econ.schemes.land_shares import LandSharesParams
    >>> float(allowance_month(LandSharesParams(), 4))
    480.0
    """
    out: Array = (
        p.transitional_allowance_per_m2_month
        * p.old_floor_m2_per_person
        * np.asarray(persons, float)
    )
    return out


def housing_years(p: HousingLike, new_m2: float, persons: float, horizon: int) -> dict[str, Array]:
    """The appraisal's yearly rent and allowance of households all swapped at t = 0, yuan.

    Year t is months ``12t`` to ``12t + 11`` after the wave, as in a simulation
    whose wave is in January of year 0 (its year t); the flats are delivered
    ``delivery_lag_months`` after the wave and the let stock is all of their
    let floor (:func:`let_floor`), as the simulation computes it month by month.

    Returns
    -------
    dict of str to ndarray
        ``rent`` and ``allowance``, shape (horizon + 1,).

    Examples
    --------
    >>> from collective_econ.schemes.land_shares import LandSharesParams
    >>> h = housing_years(LandSharesParams(), 200.0, 4, 3)
    >>> h["allowance"].tolist(), [round(r) for r in h["rent"]]
    ([5760.0, 5760.0, 0.0, 0.0], [0, 0, 3398, 3398])
    """
    m = np.arange(12 * (horizon + 1))
    delivered = m >= delivery_lag_months(p)
    stock = float(let_floor(p, new_m2, persons))
    rent = np.where(delivered, float(swap_rent_month(p, new_m2, persons, stock)), 0.0)
    allow = np.where(delivered, 0.0, float(allowance_month(p, persons)))
    return {
        k: v.reshape(horizon + 1, 12).sum(axis=1)
        for k, v in (("rent", rent), ("allowance", allow))
    }


def housing_month(
    world: World,
    p: HousingLike,
    month: int,
    floor: Array,
    swapped: NDArray[np.int64],
    kept: dict[str, Any] | None = None,
) -> None:
    """The simulation's month of housing: allowances until delivery, rent after it.

    ``floor`` is each household's floor area built, m²; ``swapped`` the month of
    its wave (>= the horizon if none). The payer (``transitional_payer``) ->
    households in transition the allowance (COMPENSATION); tenants (market) ->
    households with delivered flats the rent (RENT) at the let stock of all
    flats delivered by ``month``. A process passes the same dict ``kept`` each
    month (for the same ``floor`` and ``swapped``): the payments are then worked
    out again only in a month a wave (:meth:`World.newly_landless`) or a delivery
    changes them, and kept as ledger :class:`~collective_econ.economy.ledger.Postings`
    (checked and summed once, posted again each month: bit for bit the same postings).
    """
    if (
        kept is not None
        and kept.get("p") is p
        and month not in kept["moves"]
        and not (
            world.newly_landless().size  # a wave sets `floor` and `swapped`
        )
    ):
        postings = kept["postings"]
    else:
        c, lag = world.community, delivery_lag_months(p)
        ready = swapped + lag
        waiting = np.flatnonzero((swapped <= month) & (month < ready))
        home = np.flatnonzero(ready <= month)
        postings = world.ledger.postings()
        if waiting.size and p.transitional_allowance_per_m2_month > 0:
            payer = world.account(p.transitional_payer)
            allowance = allowance_month(p, c.size[waiting])
            # compensation for housing lost, not income (the module's docstring)
            postings.pay_households(payer, waiting, allowance, Source.COMPENSATION)
        if home.size and p.rent_on:
            stock = float(let_floor(p, floor[home], c.size[home]).sum())
            rent = swap_rent_month(p, floor[home], c.size[home], stock)
            first, last = int(home[0]), int(home[-1])  # (ascending) a range of households
            homes = slice(first, last + 1) if last - first + 1 == home.size else home  # (slice)
            postings.pay_households(world.account("market"), homes, rent, Source.RENT)
        if kept is not None:  # until the next wave or delivery
            waves = np.unique(swapped)
            moves = set(waves.tolist()) | set((waves + lag).tolist())
            kept.update(p=p, moves=moves, postings=postings)
    world.ledger.post(postings)


def price_levels(world: World, years: int) -> Array:
    """Nominal yuan per real yuan in each calendar year of a run, ``world.prices.factor``.

    One call for all the years when the run starts in the index's base year or later
    (the same values as year by year: the levels are a running sum from the base year);
    else year by year.
    """
    index, first = world.prices, world.start_year
    if first >= index.base_year:
        return np.asarray(index.factor(first + np.arange(years)), dtype=float)
    return np.array([float(index.factor(first + y)) for y in range(years)])
