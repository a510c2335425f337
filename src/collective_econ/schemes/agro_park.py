r"""The demonstration park: walnut trees and livestock on 500 mu of the collective's barren hill.

The case (seed-facts.md §4): **500 mu of idle collective barren hill**
turned into economic forest, fruit and livestock, an integrated agricultural
demonstration park that "creates income of **400,000 yuan a year**"
(年创收40万元), 800 yuan/mu. Trees take years to bear, so the figure is
plausible only as the park's steady state (domain-reference.md §0, S3).

Reading of the seed
-------------------
创收 ("creates income") is read as the **collective's net income at
maturity**: revenue less operating costs and the wages paid to residents.
The defaults are calibrated to it: a mature mu earns 1,000 yuan of walnuts
(50 kg in-shell at 20 yuan/kg) and 200 yuan net from livestock, 1,200
yuan/mu in all (§4: 800-1,200 from year 8); 10% of revenue buys inputs and
8 labour-days at 35 yuan pay residents, which leaves 800 yuan/mu, 400,000
yuan a year on 500 mu.

Model
-----
The park is established in year t = 0 at ``establishment_cost_per_mu``. In
a later year of age :math:`a \ge 1` it earns a share :math:`r(a/\sigma)` of
mature revenue, where :math:`r` interpolates ``ramp`` (year k of the ramp at
age k) and :math:`\sigma` (``ramp_stretch``) stretches the time to maturity:

.. math::

    R = A \, r(a/\sigma) \, (Y_w p_w m_t + N_l), \qquad
    C = c R, \qquad W = A \, d \, w, \qquad I = R - C - W

for area :math:`A` (mu), walnut yield :math:`Y_w` (kg/mu) and price
:math:`p_w` (yuan/kg) with the year's price multiplier :math:`m_t`,
livestock net revenue :math:`N_l` (yuan/mu, after feed and young stock),
operating-cost share :math:`c`, labour-days per mu :math:`d` and daily wage
:math:`w`. The multiplier is :math:`(1 + g)^t` (``walnut_price_trend``)
times, with a Generator, an independent lognormal draw of mean 1 and log-sd
``walnut_price_sd`` each year (§4: walnut prices fell 20% in 2020).

Money flows: buyers of walnuts and livestock (the outside market) pay the
collective :math:`R`; the collective buys inputs :math:`C` from the outside
market and pays wages :math:`W` (and the labour share of establishment) to
resident households. The collective keeps :math:`I`.

In a simulation (:func:`process`) the park belongs to every resident group's
collective, pro rata to its member persons, and books each year at the walnut
harvest in September (the year's labour-days hired that month, within each
worker's ``worker_days_month``); its work is done by the landless households, as
the tea garden's (:mod:`collective_econ.schemes.tea`), at the cost of their casual work.
"""

from __future__ import annotations

import functools
from collections.abc import Generator
from dataclasses import dataclass
from typing import Any

import numpy as np
import simpy
from numpy.typing import ArrayLike, NDArray

from .. import prices
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
from ..params import FRACTION, NONNEGATIVE, POSITIVE, Parameters, between, check_ramp, param
from ..prices import PriceIndex
from .base import Appraisal, Scheme, check_horizon, flows_table, wage_growth

__all__ = [
    "HARVEST_MONTH",
    "SCHEME",
    "SEED_ANNUAL_INCOME",
    "UNCERTAINTIES",
    "AgroParkParams",
    "appraise",
    "park_income",
    "price_multipliers",
    "process",
    "revenue_share",
]

Floats = NDArray[np.float64]

SEED_ANNUAL_INCOME = 400_000.0
"""The park's income a year in the case, yuan (seed-facts.md §4, 年创收40万元), read as the
collective's net income at maturity."""

HARVEST_MONTH = 9
"""Calendar month (September, the walnut harvest) at which a simulation books each year."""


@dataclass(frozen=True, slots=True, kw_only=True)
class AgroParkParams(Parameters):
    """Parameters of the demonstration park (defaults: the Caopijie case)."""

    area_mu: float = param(
        500.0, unit="mu", rule=POSITIVE, source="seed-facts.md §4 (闲置的500亩集体荒山)"
    )
    establishment_cost_per_mu: float = param(
        2_000.0,
        unit="yuan/mu",
        rule=NONNEGATIVE,
        source="domain-reference.md §4: 1,500-3,000 (estimate)",
        doc="seedlings, pits, fertiliser, terracing, paid at t = 0",
    )
    establishment_labour_share: float = param(
        0.3,
        unit="fraction of cost",
        rule=FRACTION,
        source="estimate: pits and terracing dug by residents",
        doc="share of the establishment cost paid as wages to residents",
    )
    ramp: tuple[float, ...] = param(
        (0.08, 0.08, 0.08, 0.25, 0.30, 0.35, 0.40, 1.0),
        unit="fraction of mature revenue, by year 1, 2, ...",
        rule=FRACTION,
        source="domain-reference.md §4 default path: ~100 yuan/mu in years 1-3, "
        "300-500 in 4-7, full from 8 (of 1,200) (estimate)",
        doc="nondecreasing, last entry 1 (maturity); later years repeat it",
    )
    ramp_stretch: float = param(
        1.0,
        unit="1",
        rule=between(0.5, 3),
        source="domain-reference.md §4: grafted walnut economic yield in years 7-10 (estimate)",
        doc="time-to-maturity multiplier: ramp year k is reached at age k x ramp_stretch",
    )
    walnut_yield_kg_per_mu: float = param(
        50.0,
        unit="kg in-shell/mu/yr",
        rule=NONNEGATIVE,
        source="estimate: barren hill at year 8, below grafted full yield 100-200 (§4)",
    )
    walnut_price: float = param(
        20.0,
        unit="yuan/kg",
        rule=NONNEGATIVE,
        source="domain-reference.md §4: 25-35 (2010-12 peak, estimate), 13.5 (2020)",
        doc="farm-gate price of dried in-shell walnuts, 2010 yuan",
    )
    walnut_price_sd: float = param(
        0.25,
        unit="log-sd",
        rule=between(0, 1),
        source="estimate: §4 stylised fact 2 (oversupply; -20% in 2020)",
        doc="spread of the yearly walnut price multiplier",
    )
    walnut_price_trend: float = param(
        0.0,
        unit="1/year",
        rule=between(-0.5, 0.5),
        source="estimate: 0 by default; §4 suggests a fall in a pessimistic case",
        doc="real growth of the walnut price a year, applied from t = 0",
    )
    livestock_net_per_mu: float = param(
        200.0,
        unit="yuan/mu/yr",
        rule=NONNEGATIVE,
        source="domain-reference.md §4: 100-300 net (estimate)",
        doc="livestock sales less feed and young stock, at maturity",
    )
    operating_cost_share: float = param(
        0.10,
        unit="fraction of revenue",
        rule=FRACTION,
        source="estimate: fertiliser, pesticide, drying, transport",
        doc="inputs bought from the outside market",
    )
    labour_days_per_mu: float = param(
        8.0,
        unit="days/mu/yr",
        rule=NONNEGATIVE,
        source="estimate: pruning, weeding, harvest and hulling ~5, herding ~3",
        doc="labour hired from residents every year from year 1",
    )
    daily_wage: float = param(
        35.0,
        unit="yuan/day",
        rule=NONNEGATIVE,
        source="estimate: ~ class II minimum wage 740 yuan/month / 21.75 days = 34 (§6)",
    )

    establishment_months: int = param(
        12,
        unit="months",
        rule=between(1, 12),
        source="estimate: pits and terraces dug in the dry season, seedlings planted in the rains",
        doc="months over which the establishment is paid, in equal shares, from the start",
    )
    worker_days_month: float = worker_days_param()
    loan_rate: float = loan_rate_param()
    loan_years: int = loan_years_param(10)
    loan_grace_years: int = loan_grace_years_param(3)
    loan_limit: float = loan_limit_param(
        1_000_000.0,
        "estimate: the establishment cost; a county rural credit cooperative's project loan "
        "to village collectives, without land as collateral",
    )
    loan_guarantee: float = loan_guarantee_param()
    shortfall: str = shortfall_param()

    def _check(self) -> None:
        check_ramp("ramp", self.ramp, owner=type(self).__name__)
        check_finance(self)

    @property
    def mature_revenue_per_mu(self) -> float:
        """Revenue of a mature mu at the expected price, yuan/mu/yr."""
        return self.walnut_yield_kg_per_mu * self.walnut_price + self.livestock_net_per_mu

    @property
    def mature_income_per_mu(self) -> float:
        """The collective's net income from a mature mu, yuan/mu/yr."""
        wages = self.labour_days_per_mu * self.daily_wage
        return (1.0 - self.operating_cost_share) * self.mature_revenue_per_mu - wages


def revenue_share(params: AgroParkParams, age_years: ArrayLike) -> Floats:
    """Share of mature revenue at a park age.

    Parameters
    ----------
    params : AgroParkParams
        The park's parameters.
    age_years : array_like
        Whole years since establishment (0 in the establishment year;
        fractions are floored). The ramp is interpolated at
        ``age / ramp_stretch``; ages beyond it are mature.

    Examples
    --------
    Slow years 1-3, full from year 8 (domain-reference.md §4); with
    maturity stretched by a quarter, full from year 10:

    >>> revenue_share(AgroParkParams(), [0, 1, 4, 7, 8, 20]).tolist()
    [0.0, 0.08, 0.25, 0.4, 1.0, 1.0]
    >>> revenue_share(AgroParkParams(ramp_stretch=1.25), [8, 10]).tolist()
    [0.37, 1.0]
    """
    age = np.floor(np.asarray(age_years, dtype=float))
    ramp = np.asarray(params.ramp, dtype=float)
    years = np.arange(1.0, len(ramp) + 1.0)
    share = np.interp(age / params.ramp_stretch, years, ramp)
    return np.asarray(np.where(age >= 1, share, 0.0), dtype=float)


def park_income(
    params: AgroParkParams,
    age_years: ArrayLike,
    price_multiplier: ArrayLike = 1.0,
    *,
    months: ArrayLike = 12.0,
    area_mu: ArrayLike | None = None,
) -> dict[str, Floats]:
    """Revenue, costs, wages and the collective's income over ``months`` months.

    Used by the appraisal (yearly) and the simulation (monthly, or a whole
    year booked at the walnut harvest in September). Arrays broadcast: parks
    of several ages, price multipliers of several replications. Nothing is
    earned or paid in the establishment year (age 0): :func:`appraise` books
    its cost.

    Parameters
    ----------
    params : AgroParkParams
        The park's parameters.
    age_years : array_like
        Age of the park (see :func:`revenue_share`).
    price_multiplier : array_like, default 1.0
        Multiplier on the walnut price (1 = the expected price).
    months : array_like, default 12.0
        Length of the period, months; amounts are spread evenly over the year.
    area_mu : array_like, optional
        Area, mu; default ``params.area_mu``.

    Returns
    -------
    dict of str to ndarray
        Yuan per period: ``tree_revenue`` and ``livestock_revenue`` (from the
        outside market), ``revenue``, ``operating_costs`` (to the outside
        market), ``wages`` (to resident households), ``collective_income``;
        and ``labour_days``.

    Examples
    --------
    The mature park earns the collective the case's 400,000 yuan a year:

    >>> out = park_income(AgroParkParams(), 8)
    >>> round(float(out["revenue"])), round(float(out["collective_income"]))
    (600000, 400000)
    """
    p = params
    area = p.area_mu if area_mu is None else np.asarray(area_mu, dtype=float)
    scale = area * np.asarray(months, dtype=float) / 12.0
    share = revenue_share(p, age_years)
    walnut = p.walnut_yield_kg_per_mu * p.walnut_price * np.asarray(price_multiplier, dtype=float)
    tree = share * walnut * scale
    livestock = share * p.livestock_net_per_mu * scale
    revenue = tree + livestock
    costs = p.operating_cost_share * revenue
    working = np.floor(np.asarray(age_years, dtype=float)) >= 1
    days = np.where(working, p.labour_days_per_mu, 0.0) * scale
    wages = days * p.daily_wage
    return {
        "tree_revenue": np.asarray(tree, dtype=float),
        "livestock_revenue": np.asarray(livestock, dtype=float),
        "revenue": np.asarray(revenue, dtype=float),
        "operating_costs": np.asarray(costs, dtype=float),
        "wages": np.asarray(wages, dtype=float),
        "labour_days": np.asarray(days, dtype=float),
        "collective_income": np.asarray(revenue - costs - wages, dtype=float),
    }


def price_multipliers(
    params: AgroParkParams, horizon_years: int, rng: np.random.Generator | None = None
) -> Floats:
    """Walnut price multipliers for t = 0..horizon, shape (T,): trend x lognormal noise.

    Without ``rng`` the multiplier is the trend alone (the noise has mean 1).
    """
    t = np.arange(horizon_years + 1)
    trend = (1.0 + params.walnut_price_trend) ** t
    if rng is None:
        return np.asarray(trend, dtype=float)
    sd = params.walnut_price_sd
    return np.asarray(trend * np.exp(sd * rng.standard_normal(t.size) - 0.5 * sd**2))


def appraise(
    params: AgroParkParams, *, horizon_years: int = 20, rng: np.random.Generator | None = None
) -> Appraisal:
    """Yearly cash flows of the park per stakeholder.

    Parameters
    ----------
    params : AgroParkParams
        The park's parameters.
    horizon_years : int, default 20
        Years after the establishment year.
    rng : numpy.random.Generator, optional
        Draw a yearly walnut price path; without it the price is its expected value.

    Returns
    -------
    Appraisal
        Flows of the collective, households and the bank, with items ``revenue``,
        ``tree_revenue``, ``livestock_revenue``, ``operating_costs``,
        ``purchases`` (all payments to the outside market), ``wages`` (all
        wages to households), ``labour_days`` (at ``daily_wage``),
        ``forgone_casual`` (the casual income the workers forgo for them, at the
        :func:`~collective_econ.economy.collective.shadow_wage`; the households'
        flow is ``wages`` less it), ``collective_income`` (operating years),
        ``operating`` (the collective's flows before financing),
        ``price_multiplier``, the loans' ``loan_*`` (:func:`finance_plan`) and
        ``loan_claim`` (what is still owed at the horizon, in the last year).
        The collective's flows are ``operating`` financed by bank loans within
        ``loan_limit``, less what the loans still owe at the horizon (for the
        bank: the claim the simulation's stakeholder NPVs count, as
        :func:`~collective_econ.schemes.tea.appraise` does); with an ``rng`` the random
        path is financed, and as the financing is not linear (cash first, a limit)
        the expected appraisal finances the expected flows, which is not the mean of financed paths
        (the flows of the collective and the bank together are).

    Examples
    --------
    The case's park: 1 million yuan to establish, borrowed; 400,000 yuan a year
    for the collective from year 8 (seed-facts.md §4), before debt service.

    >>> from collective_econ.prices import FLAT, using
    >>> with using(FLAT):  # 2010 prices and wages (no inflation, no real wage growth)
    ...     a = appraise(AgroParkParams())
    >>> round(float(a.items["operating"][0])), round(float(a.items["loan_borrowed"][0]))
    (-1000000, 1000000)
    >>> round(float(a.items["collective_income"][8]))
    400000
    """
    horizon = check_horizon(horizon_years)
    p, t = params, np.arange(horizon + 1)
    mult = price_multipliers(p, horizon, None if rng is None else rng.spawn(1)[0])  # as process
    op = park_income(p, t, mult)
    g = wage_growth(horizon)  # the day wage of each year: real wages grow with the index
    op["collective_income"] = op["collective_income"] - op["wages"] * (g - 1.0)
    op["wages"] = op["wages"] * g
    est_cost = np.where(t == 0, p.establishment_cost_per_mu * p.area_mu, 0.0)
    est_wages = p.establishment_labour_share * est_cost  # collective -> households
    est_purchases = est_cost - est_wages  # collective -> outside market
    # revenue from the outside market; inputs to it; wages to households
    loans = finance_plan(op["collective_income"] - est_cost, ProjectFinance.of(p))
    households = op["wages"] + est_wages
    # the labour-days, and the casual income the workers forgo for them (the shadow wage)
    shadow = shadow_wage(p.worker_days_month)
    forgone = households * (1.0 if shadow >= p.daily_wage else shadow / p.daily_wage)
    with np.errstate(over="ignore"):
        days = households / (p.daily_wage * g) if p.daily_wage > 0 else np.zeros_like(households)
    # what is still owed at the horizon: the bank's claim, the collective's debt
    claim = np.where(t == horizon, loans["owed"], 0.0)
    bank = loans["interest"] + loans["repaid"] - loans["borrowed"] + claim
    flows = flows_table(
        horizon, collective=loans["financed"] - claim, households=households - forgone, bank=bank
    )
    items = {
        "revenue": op["revenue"],
        "tree_revenue": op["tree_revenue"],
        "livestock_revenue": op["livestock_revenue"],
        "operating_costs": op["operating_costs"],
        "purchases": op["operating_costs"] + est_purchases,
        "wages": households,
        "labour_days": days,
        "forgone_casual": forgone,
        "collective_income": op["collective_income"],
        "operating": op["collective_income"] - est_cost,
        "price_multiplier": mult,
        **{f"loan_{k}": v for k, v in loans.items() if k != "financed"},
        "loan_claim": claim,
    }
    return Appraisal("agro_park", flows, items=items)


@functools.lru_cache(maxsize=8)
def _operating(params: AgroParkParams, index: PriceIndex) -> NDArray[np.float64]:
    """The yearly operating flows of :func:`appraise`, read-only, kept by parameters.

    And by ``index``, the current price index (its wages and loans read it).
    """
    with prices.using(index):
        out = np.array(appraise(params).items["operating"], dtype=np.float64)
    out.setflags(write=False)
    return out


def process(
    world: World, schedule: Schedule[AgroParkParams], rng: np.random.Generator
) -> Generator[simpy.Event, Any, None]:
    """The park in a simulation: establishment at the start, then each September.

    The process wakes every month: in other months it services the park's loans
    (interest in the grace years, borrowed within the limit).

    The collectives own it pro rata to their member persons; one keeps the
    books and settles with the others at each year's end (``OPERATIONS``), as
    for the tea garden (:func:`collective_econ.schemes.tea.process`), and
    finances every outlay the same way (cash, bank loans within
    ``loan_limit``, then ``shortfall``; a deferred harvest year slips the
    ramp a year). Over the first ``establishment_months`` months the
    collectives pay the establishment in equal shares: the labour share as
    wages to households (``PARK_WAGE``), the rest to the market
    (``INVESTMENT``). From age 1, each :data:`HARVEST_MONTH` books the year's
    :func:`park_income`: buyers pay the revenue (market -> collectives,
    ``SALES``), the collectives buy inputs (collectives -> market, ``SALES``)
    and pay wages to households (``PARK_WAGE``). The price multiplier of
    year t is ``(1 + walnut_price_trend)**t``, with the parameters in force,
    times year t of one mean-1 noise path drawn at the start with the base
    parameters' ``walnut_price_sd``.
    """
    market = world.account("market")
    base = schedule.base
    owners = _CollectiveBooks(world, ProjectFinance.of(base), rng)
    start = world.now
    years = max(1, -(-(world.horizon_months - start) // 12))
    # the path on a stream of its own: the draws after it do not move with the horizon
    noise = price_multipliers(base.evolve(walnut_price_trend=0.0), years, rng.spawn(1)[0])
    area = 0.0  # the area established so far (and kept up), mu
    planned = -1.0  # the share of area_mu to establish, once the plan is made (at the start)
    established = 0  # establishment months paid
    delay = 0  # months the park has waited for money ("defer")
    for month in range(start, world.horizon_months):
        if owners.stopped:
            break
        if month > world.now:
            yield world.wait_until(month)
        p = schedule.at(month)
        if planned < 0:  # size the park to what cash and credit carry until it pays its way
            share_of = owners.plan(_operating(p, prices.current()))
            if share_of is None:  # "defer": wait for cash
                start += 1
                continue
            planned = share_of
            if planned <= 0:
                break
        owners.afford(0.0)  # borrow, within the limit, for this month's debt service
        age = (month - start - delay) // 12
        if established < p.establishment_months and age == 0:
            share = planned * p.area_mu / p.establishment_months
            cost = p.establishment_cost_per_mu * share
            f = owners.afford(cost)
            if f <= 0 and p.shortfall == "defer" and not owners.stopped:
                delay += 1  # the establishment waits a month
            elif not owners.stopped:
                labour = p.establishment_labour_share * cost * f
                owners.spend(market, cost * f - labour, Source.INVESTMENT)  # seedlings
                owners.pay_wages(  # pits, terraces
                    labour,
                    Source.PARK_WAGE,
                    day_wage=p.daily_wage * world.real_wage_factor(),
                    max_days=p.worker_days_month,
                )
                area += share * f  # "scale": only what is paid for is planted
                established += 1
        elif age >= 1 and world.calendar_month == HARVEST_MONTH and area > 0:
            mult = (1.0 + p.walnut_price_trend) ** age * noise[min(age, noise.size - 1)]
            out = park_income(p, age, mult, area_mu=area)
            g = world.real_wage_factor()  # this year's real day wage over 2010's
            out["collective_income"] = out["collective_income"] - out["wages"] * (g - 1.0)
            out["wages"] = out["wages"] * g
            f = owners.afford(float(out["operating_costs"] + out["wages"] - out["revenue"]))
            if f <= 0 and p.shortfall == "defer" and not owners.stopped:
                delay += 12  # the park waits a year: its ramp slips
            elif not owners.stopped:
                area *= f  # "scale": the part not kept up is abandoned
                out = {k: v * f for k, v in out.items()}
                owners.receive(market, float(out["revenue"]), Source.SALES)  # buyers
                owners.spend(market, float(out["operating_costs"]), Source.SALES)  # inputs
                owners.pay_wages(  # the year's work, hired in the harvest month
                    float(out["wages"]),
                    Source.PARK_WAGE,
                    day_wage=p.daily_wage * g,
                    max_days=p.worker_days_month,
                )
        if month % 12 == 11 or month + 1 == world.horizon_months:
            owners.settle()  # the year's end: each collective gets its share


UNCERTAINTIES: tuple[Uncertainty, ...] = (
    Uncertainty(
        "walnut_price",
        Triangular(low=13.5, mode=20.0, high=30.0),
        "domain-reference.md §4: 13.5 (2020) to 25-35 (2010-12) yuan/kg",
    ),
    Uncertainty(
        "ramp_stretch",
        Triangular(low=0.875, mode=1.0, high=1.5),
        "domain-reference.md §4: grafted walnut economic yield in years 7-10 (to 12)",
    ),
    Uncertainty(
        "walnut_yield_kg_per_mu",
        Triangular(low=30.0, mode=50.0, high=100.0),
        "estimate: barren hill; grafted full yield 100-200 kg/mu (§4)",
    ),
    Uncertainty(
        "livestock_net_per_mu",
        Triangular(low=100.0, mode=200.0, high=300.0),
        "domain-reference.md §4: 100-300 yuan/mu net",
    ),
    Uncertainty(
        "establishment_cost_per_mu",
        Triangular(low=1_500.0, mode=2_000.0, high=3_000.0),
        "domain-reference.md §4: 1,500-3,000 yuan/mu",
    ),
)

SCHEME = Scheme(
    name="agro_park",
    title="Agricultural demonstration park",
    params_type=AgroParkParams,
    appraise=appraise,
    uncertainties=UNCERTAINTIES,
    summary="500 mu of barren hill: walnut and livestock, 400,000 yuan a year at maturity",
    process=process,
    label="Demonstration park",
    label_zh="农业示范园",
)
