r"""The collective's new tea garden: establishment, the yield ramp, two seasons, picking wages.

The case (seed-facts.md §4): **2,000 mu of new high-quality ecological tea
gardens** (新建高优生态茶园2000亩); the report gives no cost, yield or revenue.
A new garden yields nothing until its third year and reaches full yield in
years 6-8 (domain-reference.md §0, S7; §3 stylised fact 1), so the model
follows a yield ramp.

Model
-----
The garden is planted in year t = 0 (the establishment year, costing
``establishment_cost_per_mu``). In a later year its age is :math:`a \ge 1`
whole years and, with the ramp :math:`r_a` (``ramp[a - 1]``, the last entry
beyond the ramp), the fresh leaf of a season :math:`s` is

.. math::

    L_s = A \cdot r_a \cdot Y \cdot f_s, \qquad f_{spring} = \phi, \quad
    f_{summer/autumn} = 1 - \phi

    R_s = L_s \cdot p_s \cdot m_t, \qquad D_s = L_s / q_s, \qquad W_s = w \cdot D_s

for an area :math:`A` (mu), mature yield :math:`Y` (kg fresh/mu/yr), spring
share :math:`\phi`, price :math:`p_s` (yuan/kg fresh), the year's price
multiplier :math:`m_t` (1 in expectation), plucking productivity :math:`q_s`
(kg fresh per picker-day) and daily wage :math:`w`. Spring is March-May,
summer/autumn June-October (§3). Upkeep costs ``maintenance_per_mu`` a year
while the bushes bear nothing and ``operating_cost_per_mu`` once they bear;
a share of upkeep and of establishment is local labour.

Money flows: leaf buyers (the outside market) pay the collective
:math:`R`; the collective pays pickers' wages :math:`W` and the labour share
of upkeep and establishment to resident households, and buys the rest
(cuttings, fertiliser, pesticide) from the outside market; the county may
subsidise establishment (government -> collective). Primary farm produce
sold by its grower is exempt from VAT and the collective pays no income tax
on it (well-known), so no tax flows.

Prices grow by ``price_trend`` a year in real terms (0 by default). With a
Generator, the yearly price multiplier is also lognormal with mean 1 and
log-sd ``price_sd``, persistent from year to year (a log-AR(1) with
coefficient ``price_persistence``): booms and busts as in 2007-2008 (§3,
stylised fact 3).

With the defaults a mature mu yields 400 kg of fresh leaf worth 1,600 yuan,
a third of it picked in spring at twice the price; picking costs about 43%
of the leaf's value (§3 stylised fact 4: about 40%).

In a simulation (:func:`process`) the garden belongs to every resident
group's collective, pro rata to its member persons, and its work is
labour-days at ``daily_wage``: each month the collectives hire landless
persons of working age, each for at most ``worker_days_month`` days, those out
of work first; the days they give are taken from their casual work, and days no
resident can give are hired outside
(:meth:`~collective_econ.economy.collective._CollectiveBooks.pay_wages`). The
appraisal counts the households' gain net of the casual income forgone, at the
:func:`~collective_econ.economy.collective.shadow_wage`.
"""

from __future__ import annotations

import functools
from collections.abc import Generator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np
import simpy
from numpy.typing import ArrayLike, NDArray

from ..distributions import Triangular
from ..distributions.uncertainty import Uncertainty
from ..economy.collective import (
    ProjectFinance,
    _CollectiveBooks,
    check_finance,
    finance_plan,
    shadow_wage,
)
from ..economy.ledger import Source
from ..economy.project_params import (
    loan_grace_years_param,
    loan_guarantee_param,
    loan_limit_param,
    loan_rate_param,
    loan_years_param,
    shortfall_param,
    worker_days_param,
)
from ..economy.schedule import Schedule
from ..economy.world import World
from ..errors import ParameterError
from ..params import (
    FRACTION,
    NONNEGATIVE,
    POSITIVE,
    Parameters,
    between,
    check_ramp,
    param,
)
from ..prices import PriceIndex, current, using
from .base import Appraisal, Scheme, check_horizon, flows_table, wage_growth

__all__ = [
    "GROWING_MONTHS",
    "SCHEME",
    "SEASON_MONTHS",
    "UNCERTAINTIES",
    "Season",
    "TeaParams",
    "appraise",
    "harvest",
    "harvest_month",
    "price_multipliers",
    "process",
    "upkeep",
    "yield_share",
]

Floats = NDArray[np.float64]


class Season(StrEnum):
    """The two picking seasons of Yunnan tea (domain-reference.md §3)."""

    SPRING = "spring"
    """March-May: fine leaf, about a third of the volume, two to three times the price."""
    SUMMER_AUTUMN = "summer_autumn"
    """June-October: coarser leaf at the lower price."""


SEASON_MONTHS: dict[Season, tuple[int, ...]] = {
    Season.SPRING: (3, 4, 5),
    Season.SUMMER_AUTUMN: (6, 7, 8, 9, 10),
}
"""Calendar months (1-12) of each season; November-February has no picking (§3)."""

GROWING_MONTHS: tuple[int, ...] = tuple(range(3, 11))
"""Calendar months of field work in a simulation (March-October): picking, and the year's
upkeep in equal shares."""


@dataclass(frozen=True, slots=True, kw_only=True)
class TeaParams(Parameters):
    """Parameters of the collective tea garden (defaults: the Caopijie case)."""

    area_mu: float = param(2_000.0, unit="mu", rule=POSITIVE, source="seed-facts.md §4")
    establishment_cost_per_mu: float = param(
        4_500.0,
        unit="yuan/mu",
        rule=NONNEGATIVE,
        source="domain-reference.md §3, §8: 3,000-6,000 in 2010 (estimate)",
        doc="clearing, terracing, clonal cuttings, fertiliser; paid at t = 0",
    )
    establishment_subsidy_per_mu: float = param(
        0.0, unit="yuan/mu", rule=NONNEGATIVE, source="estimate: none named in the case"
    )
    establishment_labour_share: float = param(
        0.3, unit="fraction of cost", rule=FRACTION, source="estimate: residents clear and terrace"
    )
    maintenance_per_mu: float = param(
        750.0,
        unit="yuan/mu/yr",
        rule=NONNEGATIVE,
        source="domain-reference.md §3: 500-1,000 before bearing (estimate)",
        doc="upkeep while the bushes bear nothing: weeding, gap filling, fertiliser",
    )
    operating_cost_per_mu: float = param(
        600.0,
        unit="yuan/mu/yr",
        rule=NONNEGATIVE,
        source="estimate: fertiliser ~250, field work ~200, management ~150",
        doc="upkeep other than picking once the bushes bear",
    )
    establishment_months: int = param(
        12,
        unit="months",
        rule=between(1, 12),
        source="estimate: clearing and terracing in the dry season, planting in the rains",
        doc="months over which the establishment is paid, in equal shares, from the start",
    )
    upkeep_labour_share: float = param(
        0.4, unit="fraction of cost", rule=FRACTION, source="estimate: weeding and pruning"
    )
    ramp: tuple[float, ...] = param(
        (0.0, 0.0, 0.2, 0.4, 0.6, 0.8, 0.9, 1.0),
        unit="fraction of mature yield, years 1, 2, ...",
        rule=FRACTION,
        source="domain-reference.md §8: the tea yield ramp; §3 stylised fact 1 (estimate)",
        doc="nondecreasing, ending in 1 (maturity); later years repeat the last entry",
    )
    mature_yield_kg_per_mu: float = param(
        400.0,
        unit="kg fresh/mu/yr",
        rule=NONNEGATIVE,
        source="domain-reference.md §3, §8: 300-500",
    )
    spring_share: float = param(
        1.0 / 3.0, unit="fraction of volume", rule=FRACTION, source="domain-reference.md §3: ~1/3"
    )
    spring_price: float = param(
        6.0, unit="yuan/kg fresh", rule=NONNEGATIVE, source="domain-reference.md §3, §8 (estimate)"
    )
    summer_price: float = param(
        3.0,
        unit="yuan/kg fresh",
        rule=NONNEGATIVE,
        source="domain-reference.md §3, §8 (estimate)",
        doc="summer/autumn fresh-leaf price",
    )
    pluck_kg_per_day: float = param(
        25.0,
        unit="kg fresh/picker-day",
        rule=POSITIVE,
        source="domain-reference.md §3 (sourced)",
        doc="summer/autumn (standard) plucking productivity",
    )
    spring_pluck_kg_per_day: float = param(
        15.0,
        unit="kg fresh/picker-day",
        rule=POSITIVE,
        source="estimate: between fine (2.5) and standard (25) plucking, §3",
        doc="spring plucking of one bud and two or three leaves",
    )
    daily_wage: float = param(
        35.0,
        unit="yuan/picker-day",
        rule=NONNEGATIVE,
        source="estimate: ~ minimum wage 740 yuan/month / 21.75 days = 34 (§6)",
        doc="seasonal farm day labour, 2010",
    )
    price_trend: float = param(
        0.0,
        unit="1/year",
        rule=between(-0.5, 0.5),
        source="estimate: ordinary spring leaf 4-8 (2010), 7 (2024) yuan/kg, §3",
        doc="real growth of leaf prices a year",
    )
    price_sd: float = param(
        0.25,
        unit="log-sd",
        rule=between(0, 1),
        source="estimate: boom and bust, §3 stylised fact 3",
        doc="spread of the yearly price multiplier",
    )
    price_persistence: float = param(
        0.5,
        unit="1",
        rule=between(0, 0.95),
        source="estimate",
        doc="year-to-year autocorrelation of the log price multiplier",
    )

    worker_days_month: float = worker_days_param()
    loan_rate: float = loan_rate_param()
    loan_years: int = loan_years_param(10)
    loan_grace_years: int = loan_grace_years_param(3)
    loan_limit: float = loan_limit_param(
        5_000_000.0,
        "estimate: a county rural credit cooperative lends one borrower at most 10% of its "
        "net capital (CBRC core indicators); a few million yuan, without land as collateral",
    )
    loan_guarantee: float = loan_guarantee_param()
    shortfall: str = shortfall_param()

    def _check(self) -> None:
        check_ramp("ramp", self.ramp, owner=type(self).__name__)
        check_finance(self)

    @property
    def mature_revenue_per_mu(self) -> float:
        """Expected leaf revenue of a mature mu in a year, yuan/mu."""
        s = self.spring_share
        return self.mature_yield_kg_per_mu * (s * self.spring_price + (1 - s) * self.summer_price)


def yield_share(params: TeaParams, age_years: ArrayLike) -> Floats:
    """Share of mature yield at a garden age.

    Parameters
    ----------
    params : TeaParams
        The garden's parameters.
    age_years : array_like
        Whole years since the planting year (0 in the planting year; fractions
        are floored); year k of ``params.ramp`` applies at age k.

    Examples
    --------
    Nothing in years 1-2, full yield from year 8 (domain-reference.md §3):

    >>> yield_share(TeaParams(), [0, 1, 2, 3, 6, 8, 25]).tolist()
    [0.0, 0.0, 0.0, 0.2, 0.8, 1.0, 1.0]
    """
    age = np.floor(np.asarray(age_years, dtype=float))
    ramp = np.asarray(params.ramp, dtype=float)
    idx = np.clip(age, 1, len(ramp)).astype(np.intp) - 1
    return np.where(age >= 1, ramp[idx], 0.0)


def harvest(
    params: TeaParams,
    age_years: ArrayLike,
    season: Season | str,
    *,
    price_multiplier: ArrayLike = 1.0,
    area_mu: ArrayLike | None = None,
) -> dict[str, Floats]:
    """Leaf, revenue and picking labour of one whole season.

    Used by the appraisal (two seasons a year) and by the simulation
    (:func:`harvest_month`). Arrays broadcast: gardens of several ages,
    price multipliers of several replications.

    Parameters
    ----------
    params : TeaParams
        The garden's parameters.
    age_years : array_like
        Age of each garden (see :func:`yield_share`).
    season : Season or str
        ``"spring"`` or ``"summer_autumn"``.
    price_multiplier : array_like, default 1.0
        Multiplier on the season's leaf price (1 = the expected price).
    area_mu : array_like, optional
        Area of each garden, mu; default ``params.area_mu``.

    Returns
    -------
    dict of str to ndarray
        ``leaf_kg`` (kg fresh), ``revenue`` (yuan, from leaf buyers),
        ``picking_days`` (picker-days) and ``picking_wages`` (yuan, to
        resident households).

    Examples
    --------
    A mature 2,000-mu garden in spring: a third of 800 t of leaf at 6 yuan/kg.

    >>> h = harvest(TeaParams(), 10, "spring")
    >>> round(float(h["leaf_kg"])), round(float(h["revenue"]))
    (266667, 1600000)
    """
    try:
        s = Season(season)
    except ValueError:
        raise ParameterError(
            "season", "one of 'spring', 'summer_autumn'", season, owner="harvest"
        ) from None
    p = params
    area = p.area_mu if area_mu is None else np.asarray(area_mu, dtype=float)
    if s is Season.SPRING:
        frac, price, rate = p.spring_share, p.spring_price, p.spring_pluck_kg_per_day
    else:
        frac, price, rate = 1.0 - p.spring_share, p.summer_price, p.pluck_kg_per_day
    leaf = area * yield_share(p, age_years) * p.mature_yield_kg_per_mu * frac
    days = leaf / rate
    return {
        "leaf_kg": np.asarray(leaf, dtype=float),
        "revenue": np.asarray(leaf * price * np.asarray(price_multiplier, dtype=float)),
        "picking_days": np.asarray(days, dtype=float),
        "picking_wages": np.asarray(days * p.daily_wage, dtype=float),
    }


def harvest_month(
    params: TeaParams,
    age_years: ArrayLike,
    month: int,
    *,
    price_multiplier: ArrayLike = 1.0,
    area_mu: ArrayLike | None = None,
) -> dict[str, Floats]:
    """One calendar month's share of its season's :func:`harvest` (zero in Nov-Feb).

    Each month of a season gets an equal share of it. ``month`` is 1-12.

    Examples
    --------
    April picking wages of the mature garden, yuan (to households):

    >>> round(float(harvest_month(TeaParams(), 10, 4)["picking_wages"]))
    207407
    >>> float(harvest_month(TeaParams(), 10, 12)["revenue"])
    0.0
    """
    if isinstance(month, bool) or not isinstance(month, int | np.integer) or not 1 <= month <= 12:
        raise ParameterError(
            "month", "a whole number within [1, 12]", month, owner="harvest_month"
        )
    months = next((m for m in SEASON_MONTHS.values() if month in m), ())
    season = Season.SPRING if month in SEASON_MONTHS[Season.SPRING] else Season.SUMMER_AUTUMN
    out = harvest(params, age_years, season, price_multiplier=price_multiplier, area_mu=area_mu)
    factor = 1.0 / len(months) if months else 0.0
    return {k: v * factor for k, v in out.items()}


def upkeep(
    params: TeaParams,
    age_years: ArrayLike,
    *,
    months: ArrayLike = 12.0,
    area_mu: ArrayLike | None = None,
) -> dict[str, Floats]:
    """Upkeep other than picking over ``months`` months (none in the planting year).

    Returns
    -------
    dict of str to ndarray
        ``cost`` (yuan, paid by the collective), split into ``wages`` (to
        resident households) and ``purchases`` (to the outside market).

    Examples
    --------
    A year's upkeep of the 2,000-mu garden before it bears, yuan:

    >>> round(float(upkeep(TeaParams(), 1)["cost"]))
    1500000
    """
    p = params
    area = p.area_mu if area_mu is None else np.asarray(area_mu, dtype=float)
    age = np.floor(np.asarray(age_years, dtype=float))
    per_mu = np.where(yield_share(p, age) > 0, p.operating_cost_per_mu, p.maintenance_per_mu)
    cost = np.asarray(np.where(age >= 1, per_mu, 0.0) * area * np.asarray(months) / 12.0)
    return {
        "cost": cost,
        "wages": p.upkeep_labour_share * cost,
        "purchases": (1.0 - p.upkeep_labour_share) * cost,
    }


def price_multipliers(params: TeaParams, rng: np.random.Generator, years: int) -> Floats:
    """A random path of yearly leaf-price multipliers, mean 1, shape (years,)."""
    sd, rho = params.price_sd, params.price_persistence
    z = rng.standard_normal(years)
    x = np.empty(years)
    x[0] = sd * z[0]
    for i in range(1, years):  # stationary log-AR(1): each year's marginal is N(0, sd^2)
        x[i] = rho * x[i - 1] + sd * np.sqrt(1.0 - rho**2) * z[i]
    return np.exp(x - 0.5 * sd**2)


def appraise(
    params: TeaParams, *, horizon_years: int = 20, rng: np.random.Generator | None = None
) -> Appraisal:
    """Yearly cash flows of the tea garden per stakeholder.

    Parameters
    ----------
    params : TeaParams
        The garden's parameters.
    horizon_years : int, default 20
        Years after the planting year.
    rng : numpy.random.Generator, optional
        Draw a path of yearly price multipliers; without it, prices are their
        expected values.

    Returns
    -------
    Appraisal
        Flows of the collective, households, government and the bank, with
        items ``leaf_kg``, ``revenue``, ``spring_revenue``, ``picking_wages``,
        ``wages`` (all wages to households), ``labour_days`` (at ``daily_wage``),
        ``forgone_casual`` (the casual income the workers forgo for them, at the
        :func:`~collective_econ.economy.collective.shadow_wage`; the households'
        flow is ``wages`` less it), ``purchases`` (to the outside
        market), ``subsidy``, ``collective_profit`` (the collective's flows
        before financing), ``price_multiplier``, the loans' ``loan_*``
        (:func:`~collective_econ.economy.collective.finance_plan`) and
        ``loan_claim`` (what is still owed at the horizon, in the last year).

    Notes
    -----
    The collective's flows are ``collective_profit`` financed at full size by
    bank loans within ``loan_limit`` (a deficit beyond cash and credit stays
    negative, ``loan_unfunded``). What the loans still owe at the horizon
    (``loan_owed`` of the last year, ``loan_claim``) counts in the last year
    against the collective and for the bank, as the simulation's stakeholder
    NPVs count claims outstanding (:attr:`~collective_econ.simulation.RunResult.claims`).
    The simulation does not plant the whole garden when cash and credit cannot
    carry it until it pays its way (``shortfall="scale"`` plants
    :func:`~collective_econ.economy.collective.fundable_share` of it); this
    appraisal values the whole ``area_mu``. With an ``rng`` the random path is financed.
    The financing is not linear in the flows (cash first, a limit, repayment
    only from a surplus), so the expected appraisal (the expected flows,
    financed) is not the mean of random appraisals for the collective and the
    bank apart; for the two together (the flows before financing) it is.

    Examples
    --------
    The 2,000-mu garden bears nothing in years 1-2; at maturity it sells
    800 t of fresh leaf for 3.2 million yuan, of which picking takes ~43%.

    >>> from collective_econ.prices import FLAT, using
    >>> with using(FLAT):  # 2010 prices and wages (no inflation, no real wage growth)
    ...     a = appraise(TeaParams())
    >>> a.items["leaf_kg"][:3].tolist()
    [0.0, 0.0, 0.0]
    >>> round(float(a.items["revenue"][8]))
    3200000
    >>> round(float(a.items["picking_wages"][8] / a.items["revenue"][8]), 2)
    0.43
    """
    horizon = check_horizon(horizon_years)
    p = params
    t = np.arange(horizon + 1)
    mult = np.asarray((1.0 + p.price_trend) ** t, dtype=float)
    if rng is not None:
        mult = mult * price_multipliers(p, rng.spawn(1)[0], horizon + 1)  # as the process
    spring = harvest(p, t, Season.SPRING, price_multiplier=mult)
    other = harvest(p, t, Season.SUMMER_AUTUMN, price_multiplier=mult)
    up = upkeep(p, t)
    # labour is paid at the day wage of its year: real wages grow with the price index
    g = wage_growth(horizon)
    for part in (spring, other):
        part["picking_wages"] = part["picking_wages"] * g
    up["cost"] = up["cost"] + up["wages"] * (g - 1.0)
    up["wages"] = up["wages"] * g
    planting = np.where(t == 0, p.area_mu, 0.0)
    est_cost = p.establishment_cost_per_mu * planting  # paid by the collective at t = 0
    est_wages = p.establishment_labour_share * est_cost  # ... to households, the rest outside
    subsidy = p.establishment_subsidy_per_mu * planting  # government -> collective

    revenue = spring["revenue"] + other["revenue"]  # leaf buyers (outside market) -> collective
    picking = spring["picking_wages"] + other["picking_wages"]  # collective -> households
    wages = picking + up["wages"] + est_wages  # all collective -> households
    # the labour-days, and the casual income the workers forgo for them (the shadow wage)
    shadow = shadow_wage(p.worker_days_month)
    forgone = wages * (1.0 if shadow >= p.daily_wage else shadow / p.daily_wage)
    with np.errstate(over="ignore"):
        days = wages / (p.daily_wage * g) if p.daily_wage > 0 else np.zeros_like(wages)
    purchases = up["purchases"] + est_cost - est_wages  # collective -> outside market (inputs)
    operating = revenue - picking - up["cost"] - est_cost + subsidy
    loans = finance_plan(operating, ProjectFinance.of(p))
    # what is still owed at the horizon is the bank's claim and the collective's debt, as
    # the simulation's npv_<group> count it (RunResult.claims, last year)
    claim = np.where(t == horizon, loans["owed"], 0.0)
    collective = loans["financed"] - claim
    bank = loans["interest"] + loans["repaid"] - loans["borrowed"] + claim
    flows = flows_table(
        horizon, collective=collective, households=wages - forgone, government=-subsidy, bank=bank
    )
    items = {
        "leaf_kg": spring["leaf_kg"] + other["leaf_kg"],
        "revenue": revenue,
        "spring_revenue": spring["revenue"],
        "picking_wages": picking,
        "wages": wages,
        "labour_days": days,
        "forgone_casual": forgone,
        "purchases": purchases,
        "subsidy": subsidy,
        "collective_profit": operating,
        "price_multiplier": mult,
        **{f"loan_{k}": v for k, v in loans.items() if k != "financed"},
        "loan_claim": claim,
    }
    return Appraisal("tea", flows, items=items)


# -- the simulation -------------------------------------------------------------------------


@functools.lru_cache(maxsize=32)
def _planned_net(params: TeaParams, index: PriceIndex) -> Floats:
    """The expected appraisal's ``collective_profit`` (read-only): the plan's yearly flows.

    The same in every run with the same parameters (frozen, hashable) and current price
    index (:func:`~collective_econ.prices.current`, which :func:`appraise` reads), so it
    is kept for the next run (the appraisal costs a fraction of a millisecond a run).
    """
    with using(index):
        net = np.array(appraise(params).items["collective_profit"], dtype=np.float64)
    net.setflags(write=False)
    return net


@functools.lru_cache(maxsize=32)
def _field_work(
    params: TeaParams, calendar_month: int, noise: bytes
) -> tuple[tuple[float, float, float], ...]:
    """A mu's month of field work at each age: (revenue, inputs, wages at 2010's day wage), yuan.

    For a growing month of ``calendar_month``'s season, under the price multipliers
    ``noise`` (float64 bytes, one a year, :func:`price_multipliers`); every age at once
    (elementwise: as one age at a time). A function of its arguments alone, kept for the
    next run (the same parameters and noise in every run of a seed).
    """
    path = np.frombuffer(noise, dtype=np.float64)
    ages = range(path.size + 1)
    mult = np.array([(1.0 + params.price_trend) ** a * path[min(a, path.size - 1)] for a in ages])
    leaf = harvest_month(params, list(ages), calendar_month, price_multiplier=mult, area_mu=1.0)
    work = upkeep(params, list(ages), months=12.0 / len(GROWING_MONTHS), area_mu=1.0)
    return tuple(
        (float(r), float(i), float(w))
        for r, i, w in zip(
            leaf["revenue"], work["purchases"], leaf["picking_wages"] + work["wages"], strict=True
        )
    )


def process(
    world: World, schedule: Schedule[TeaParams], rng: np.random.Generator
) -> Generator[simpy.Event, Any, None]:
    """The tea garden in a simulation: planting at the start, then field work each growing month.

    The process wakes every month: in months without field work it services
    the garden's loans (interest in the grace years, borrowed within the limit).

    All collectives own it pro rata to their member persons; one keeps the
    books and settles with the others at each year's end (``OPERATIONS``;
    the helper is shared with :mod:`collective_econ.schemes.agro_park`).
    Over the first ``establishment_months`` months the collectives pay the
    establishment in equal shares: its labour share to households
    (``TEA_PICKING``), the rest to the market (``INVESTMENT``); the county
    pays any subsidy on the share paid (government -> collectives, ``OPERATIONS``;
    a deferred month's subsidy comes when the month's work is done). Every
    outlay is financed as :class:`~collective_econ.economy.collective.ProjectFinance`
    says: the collectives' cash, then bank loans (``world.loans``) within
    ``loan_limit``; short of both, ``shortfall`` defers the month's work (the
    garden's age clock waits), scales the area down to what is paid for, or
    stops the garden. From age 1, each month of
    :data:`GROWING_MONTHS`: leaf buyers pay the month's :func:`harvest_month`
    revenue (market -> collectives, ``SALES``); the collectives buy an eighth
    of the year's :func:`upkeep` inputs (-> market, ``SALES``) and pay
    picking and upkeep wages to households (``TEA_PICKING``). Year t's price
    multiplier is ``(1 + price_trend)**t`` times year t of a
    :func:`price_multipliers` path drawn at the start (base
    parameters); other parameters are read at each event.
    """
    market, base, start = world.account("market"), schedule.base, world.now
    owners = _CollectiveBooks(world, ProjectFinance.of(base), rng)
    years = -(-(world.horizon_months - start) // 12)  # the path on its own stream: see hogs
    noise = price_multipliers(base, rng.spawn(1)[0], years)
    area = 0.0  # the area planted so far (and kept up), mu
    planned = -1.0  # the share of area_mu to plant, once the plan is made (at the start)
    established = 0  # establishment months paid
    delay = 0  # months the project has waited for money ("defer")
    # a mu's month of field work, by parameters and season, for each age: (revenue, inputs,
    # wages at 2010's day wage), yuan/mu
    figures: dict[tuple[object, ...], tuple[tuple[float, float, float], ...]] = {}
    spring = SEASON_MONTHS[Season.SPRING]
    for month in range(start, world.horizon_months):
        if owners.stopped:
            break
        if month > world.now:
            yield world.wait_until(month)
        p = schedule.at(month)
        if planned < 0:  # size the garden to what cash and credit carry until it pays its way
            share_of = owners.plan(_planned_net(p, current()))
            if share_of is None:  # "defer": wait for cash
                start += 1
                continue
            planned = share_of
            if planned <= 0:
                break
        owners.afford(0.0)  # borrow, within the limit, for this month's debt service
        age = (month - start - delay) // 12
        calendar_month = month % 12 + 1
        if established < p.establishment_months and age == 0:
            # an equal share of the establishment: labour to households, inputs to the market
            share = planned * p.area_mu / p.establishment_months
            cost = p.establishment_cost_per_mu * share
            subsidy = p.establishment_subsidy_per_mu * share
            # ask before the subsidy arrives: what is paid (a share f) comes with its subsidy
            f = owners.afford(cost - subsidy)
            if f <= 0 and p.shortfall == "defer" and not owners.stopped:
                delay += 1  # the establishment waits a month
            elif not owners.stopped:
                if subsidy > 0:
                    owners.receive(world.account("government"), subsidy * f, Source.OPERATIONS)
                labour = p.establishment_labour_share * cost * f
                owners.spend(market, cost * f - labour, Source.INVESTMENT)  # inputs
                owners.pay_wages(  # clearing, terracing, planting
                    labour,
                    Source.TEA_PICKING,
                    day_wage=p.daily_wage * world.real_wage_factor(),
                    max_days=p.worker_days_month,
                )
                area += share * f  # "scale": only what is paid for is planted
                established += 1
        elif age >= 1 and calendar_month in GROWING_MONTHS and area > 0:
            key = (id(p), calendar_month in spring)
            if key not in figures:  # the same in every run with these parameters and prices
                figures[key] = _field_work(p, calendar_month, noise.tobytes())
            revenue, inputs, labour = figures[key][age]
            g = world.real_wage_factor()  # this year's real day wage over 2010's
            f = owners.afford((inputs + g * labour) * area - revenue * area)
            if f <= 0 and p.shortfall == "defer" and not owners.stopped:
                delay += 1  # the garden waits a month: its ramp slips
            elif not owners.stopped:
                area *= f  # "scale": the part not kept up is abandoned
                owners.receive(market, revenue * area, Source.SALES)  # buyers
                owners.spend(market, inputs * area, Source.SALES)  # inputs
                owners.pay_wages(  # picking and upkeep, at this year's day wage
                    g * labour * area,
                    Source.TEA_PICKING,
                    day_wage=p.daily_wage * g,
                    max_days=p.worker_days_month,
                )
        if month % 12 == 11 or month + 1 == world.horizon_months:
            owners.settle()  # the year's end: each collective gets its share


UNCERTAINTIES: tuple[Uncertainty, ...] = (
    Uncertainty(
        "spring_price",
        Triangular(low=4.0, mode=6.0, high=8.0),
        "domain-reference.md §3: spring 4-8 yuan/kg fresh, 2009-2010 (estimate)",
    ),
    Uncertainty(
        "summer_price",
        Triangular(low=2.0, mode=3.0, high=4.0),
        "domain-reference.md §3: summer/autumn 2-4 yuan/kg fresh (estimate)",
    ),
    Uncertainty(
        "mature_yield_kg_per_mu",
        Triangular(low=300.0, mode=400.0, high=500.0),
        "domain-reference.md §3: 300-500 kg fresh/mu",
    ),
    Uncertainty(
        "spring_share",
        Triangular(low=0.3, mode=1.0 / 3.0, high=0.5),
        "domain-reference.md §3: about 1/3 (Yunnan) to about 1/2 (generic)",
    ),
    Uncertainty(
        "establishment_cost_per_mu",
        Triangular(low=3_000.0, mode=4_500.0, high=6_000.0),
        "domain-reference.md §3: 3,000-6,000 yuan/mu (estimate)",
    ),
    Uncertainty(
        "daily_wage",
        Triangular(low=30.0, mode=35.0, high=60.0),
        "estimate: 34 (740/21.75) to 56 (7 yuan/h x 8 h), domain-reference.md §6",
    ),
)

SCHEME = Scheme(
    name="tea",
    title="Collective tea garden",
    params_type=TeaParams,
    appraise=appraise,
    uncertainties=UNCERTAINTIES,
    summary="2,000 mu of new tea: no leaf in years 1-2, full by year 8, picked by residents",
    process=process,
    label="Tea garden",
    label_zh="茶园",
)
