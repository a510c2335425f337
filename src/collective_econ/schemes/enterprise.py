r"""Self-employment support: subsidised micro-loans and tax relief for landless residents.

The case (seed-facts.md §5): "credit funds and tax relief" help landless
residents start businesses in **planting, breeding, catering, services and
transport**. The instruments of the time (domain-reference.md §7): micro
guaranteed loans (小额担保贷款) of 50,000 yuan, backed by a government
risk-compensation fund, with the interest waived or discounted for 3 years
under Yunnan's 贷免扶补 scheme, a term of usually 2 (at most 3) years and at
most 70% of the funds needed; and re-employment tax relief for 3 years.

Model
-----
Each year of the scheme, ``businesses_per_year`` businesses start, split
over sectors by ``share``. A business of sector :math:`s` costs
:math:`C_s` to start, borrows :math:`L_s = \min(\text{loan\_cap}, \lambda C_s)`
and earns a monthly profit drawn once from a lognormal distribution with
mean :math:`\mu_s` and coefficient of variation :math:`cv_s` (dispersion
across businesses). It survives age :math:`t` years with

.. math::

    S_s(t) = \exp\big(-k\, \rho_s\, H_0(t)\big), \qquad
    H_0(t) = \sum_{j < \lfloor t \rfloor} m_j + (t - \lfloor t \rfloor)\, m_{\lfloor t \rfloor},
    \qquad m_j = -\ln(1 - h_j),

a piecewise-constant yearly hazard :math:`h_j` (``yearly_hazard``, the last
value repeating) scaled by the sector's ``hazard_ratio`` :math:`\rho_s` and
by ``hazard_scale`` :math:`k`. The default hazards (15, 14, 16, 13, 11%, then
8, 7, 6%) give 1-, 3- and 5-year survival of 85%, 61% and 47.5%, with the
peak in year 3 (domain-reference.md §7: 85%, 60-65%, 45-50%). A business
operates month :math:`m` of its life with probability :math:`S_s(m/12)`.

The loan is a level annuity over ``loan_years``; a surviving borrower pays
each year's instalment; one that closes repays the balance, or with
probability ``default_given_closure`` defaults on it, and the guarantee fund
(government) pays ``guarantee_share`` of it to the bank. The government pays
``interest_subsidy_share`` of the interest for ``interest_subsidy_years``
and forgoes ``tax_relief_share`` of the tax (``tax_rate`` x profit) for
``tax_relief_years``. Only ``additionality`` of the businesses' trade is net
new to the county: the rest other county firms lose, with the tax (``tax_rate``,
no relief) they paid on it (:mod:`~collective_econ.schemes._displacement`, as the
jobs scheme's displaced places). Fiscal cost = interest subsidy + tax relief +
guarantee losses + the displaced firms' tax.

Flows: start-up costs go to the outside market (equipment, stock); profits
come from it (customers); the owners' forgone outside earnings are what the
outside market no longer pays them. Households: -equity + profit - tax paid
- loan service - forgone earnings; bank: -loans + interest + principal +
guarantee payments; government: tax paid - the displaced firms' tax - interest
subsidy - guarantees.
"""

from __future__ import annotations

import functools
from collections.abc import Generator
from dataclasses import dataclass
from typing import Any

import numpy as np
import simpy
from numpy.typing import ArrayLike, NDArray

from ..distributions import Triangular
from ..distributions.uncertainty import Uncertainty
from ..economy.census import distinct_inverse
from ..economy.ledger import Source
from ..economy.schedule import Schedule
from ..economy.world import World
from ..errors import ParameterError, ParameterTypeError
from ..params import FRACTION, NONNEGATIVE, POSITIVE, Parameters, Rule, between, param
from ..resources import count_rule, years_rule
from ..seeding import keyed_uniforms
from ._displacement import additionality_param, book_displaced_taxes, displaced
from ._enterprise_draws import ClosureDraws
from ._enterprise_loans import loan_amount, loan_schedule, repayment
from .base import Appraisal, Scheme, check_horizon, flows_table

__all__ = [
    "DEFAULT_SECTORS",
    "SCHEME",
    "UNCERTAINTIES",
    "EnterpriseParams",
    "Sector",
    "appraise",
    "draw_profit",
    "loan_amount",
    "monthly_hazard",
    "process",
    "repayment",
    "survival",
]

Floats = NDArray[np.float64]
_NAME = Rule("a non-empty string", lambda v: isinstance(v, str) and v != "")
_HAZARD = between(0, 1, hi_open=True)


@dataclass(frozen=True, slots=True, kw_only=True)
class Sector(Parameters):
    """One sector of self-employment (defaults: small services; all figures estimates)."""

    name: str = param("services", unit="-", rule=_NAME, source="seed-facts.md §5")
    startup_cost: float = param(
        30_000.0, unit="yuan", rule=POSITIVE, source="estimate: county-town micro-business"
    )
    profit_mean_month: float = param(
        1_600.0,
        unit="yuan/month",
        rule=POSITIVE,
        source="estimate: vs 2010 wages of 800-1,200 yuan/month (domain-reference.md §6)",
    )
    profit_cv: float = param(
        0.6, unit="ratio", rule=POSITIVE, source="estimate: spread of profit across businesses"
    )
    hazard_ratio: float = param(
        1.0, unit="ratio", rule=NONNEGATIVE, source="estimate: sector's risk vs the average"
    )
    share: float = param(
        0.25, unit="fraction", rule=FRACTION, source="estimate: sector's share of new businesses"
    )


DEFAULT_SECTORS: tuple[Sector, ...] = (
    Sector(name="planting", startup_cost=30_000.0, profit_mean_month=1_200.0,
           profit_cv=0.6, hazard_ratio=0.9, share=0.15),
    Sector(name="breeding", startup_cost=40_000.0, profit_mean_month=1_500.0,
           profit_cv=0.8, hazard_ratio=1.1, share=0.15),
    Sector(name="catering", startup_cost=50_000.0, profit_mean_month=2_000.0,
           profit_cv=0.7, hazard_ratio=1.2, share=0.25),
    Sector(name="services", startup_cost=30_000.0, profit_mean_month=1_600.0,
           profit_cv=0.6, hazard_ratio=1.0, share=0.25),
    Sector(name="transport", startup_cost=60_000.0, profit_mean_month=2_500.0,
           profit_cv=0.5, hazard_ratio=0.8, share=0.20),
)  # fmt: skip
"""The case's five sectors (seed-facts.md §5); all figures are estimates: profits of
1,200-2,500 yuan/month against 2010 wages (domain-reference.md §6), catering riskiest,
transport safest; the mix gives 5-year survival of 47% (domain-reference.md §7)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class EnterpriseParams(Parameters):
    """Parameters of the self-employment scheme (defaults: the Caopijie case)."""

    sectors: tuple[Sector, ...] = param(
        DEFAULT_SECTORS, unit="-", source="seed-facts.md §5 (sectors); figures are estimates"
    )
    businesses_per_year: int = param(
        30, unit="businesses/year", rule=count_rule(0), source="estimate: ~3% of 900 job seekers"
    )
    scheme_years: int = param(
        5, unit="years", rule=years_rule(0), source="estimate: years in which loans are granted"
    )
    yearly_hazard: tuple[float, ...] = param(
        (0.15, 0.14, 0.16, 0.13, 0.11, 0.08, 0.07, 0.06),
        unit="1/year",
        rule=_HAZARD,
        source="domain-reference.md §7: survival 85% at 1 yr, 60-65% at 3, 45-50% at 5, "
        "peak hazard in year 3 (derived estimate); the last value repeats",
    )
    hazard_scale: float = param(
        1.0, unit="ratio", rule=NONNEGATIVE, source="estimate: multiplies every sector's hazard"
    )
    profit_scale: float = param(
        1.0, unit="ratio", rule=POSITIVE, source="estimate: multiplies every sector's profit"
    )
    loan_cap: float = param(
        50_000.0, unit="yuan", rule=NONNEGATIVE, source="domain-reference.md §7: 50,000 standard"
    )
    loan_to_cost: float = param(
        0.7, unit="fraction", rule=FRACTION, source="domain-reference.md §7: <= 70% of funds"
    )
    loan_rate: float = param(
        0.054,
        unit="1/year",
        rule=FRACTION,
        source="domain-reference.md §5a: PBoC 1-3 yr loan rate 5.40%, 23 Dec 2008",
    )
    loan_years: int = param(
        2, unit="years", rule=years_rule(1), source="domain-reference.md §7: usually 2, max 3"
    )
    interest_subsidy_share: float = param(
        1.0, unit="fraction", rule=FRACTION, source="domain-reference.md §7: interest waived"
    )
    interest_subsidy_years: int = param(
        3, unit="years", rule=years_rule(0), source="domain-reference.md §7: 3 years (贷免扶补)"
    )
    default_given_closure: float = param(
        0.3, unit="fraction", rule=FRACTION, source="estimate: closed borrowers who do not repay"
    )
    guarantee_share: float = param(
        1.0,
        unit="fraction",
        rule=FRACTION,
        source="domain-reference.md §7: risk-compensation fund (share covered: estimate)",
    )
    tax_rate: float = param(
        0.10,
        unit="fraction of profit",
        rule=FRACTION,
        source="estimate: business tax, surcharges and income tax of a small 个体户",
    )
    tax_relief_share: float = param(
        1.0, unit="fraction", rule=FRACTION, source="estimate: re-employment tax relief, full"
    )
    tax_relief_years: int = param(
        3, unit="years", rule=years_rule(0), source="well-known: re-employment tax relief, 3 years"
    )
    additionality: float = additionality_param(
        0.5,
        source="estimate: catering, services and transport (70% of starts) mostly take "
        "customers from other county-town businesses, planting and breeding sell beyond "
        "the county; HCA Additionality Guide 2014, 'medium' displacement 50%",
        doc="Share of the businesses' trade (and so of their profit) that is net new to the "
        "county; the rest other county firms lose, and with it the tax they paid on it, "
        "at tax_rate whatever the relief (the government's row counts net new taxes only)",
    )
    forgone_earnings_month: float = param(
        555.0,
        unit="yuan/month",
        rule=NONNEGATIVE,
        source="estimate: an owner's outside earnings, 740 yuan x 75% employed (see jobs)",
    )

    def _check(self) -> None:
        owner = type(self).__name__
        if len(self.sectors) == 0:
            raise ParameterError("sectors", "at least one Sector", self.sectors, owner=owner)
        for i, sector in enumerate(self.sectors):
            if not isinstance(sector, Sector):
                raise ParameterTypeError(f"sectors[{i}]", "a Sector", sector, owner=owner)
        total = sum(s.share for s in self.sectors)
        if abs(total - 1.0) > 1e-6:
            raise ParameterError("sectors", "shares summing to 1", round(total, 9), owner=owner)
        if len(self.yearly_hazard) == 0:
            raise ParameterError("yearly_hazard", "at least one year", (), owner=owner)

    def column(self, field: str) -> Floats:
        """One field of every sector as an array, shape (sectors,)."""
        return np.array([getattr(s, field) for s in self.sectors], dtype=float)


def _cum_hazard(params: EnterpriseParams, years: ArrayLike) -> Floats:
    """Baseline cumulative hazard H_0 at ages ``years`` (piecewise constant yearly hazard)."""
    mu = -np.log1p(-np.asarray(params.yearly_hazard, dtype=float))
    cum = np.concatenate([[0.0], np.cumsum(mu)])
    t = np.maximum(np.asarray(years, dtype=float), 0.0)
    k = np.minimum(np.floor(t), len(mu) - 1).astype(np.int64)
    return np.asarray(cum[k] + (t - k) * mu[k], dtype=float)


def survival(params: EnterpriseParams, sector: ArrayLike, years: ArrayLike) -> Floats:
    """Probability that a business of ``sector`` is still open at age ``years``.

    Parameters
    ----------
    params : EnterpriseParams
        The scheme's parameters.
    sector : array_like of int
        Index into ``params.sectors``.
    years : array_like of float
        Age in years; broadcasts with ``sector``.

    Returns
    -------
    ndarray
        Survival probabilities, the broadcast shape.

    Examples
    --------
    A services business (average risk): 85% survive a year, 61% three, 47.5% five.

    >>> survival(EnterpriseParams(), 3, [1, 3, 5]).round(3)
    array([0.85 , 0.614, 0.475])
    """
    rho = params.hazard_scale * params.column("hazard_ratio")[np.asarray(sector, dtype=np.int64)]
    return np.asarray(np.exp(-rho * _cum_hazard(params, years)), dtype=float)


def monthly_hazard(params: EnterpriseParams, sector: ArrayLike, age_months: ArrayLike) -> Floats:
    """Chance that a business open in its month ``age_months`` closes at the end of it.

    Examples
    --------
    In year 3 (months 24-35) a services business closes with 1.44% a month.

    >>> round(float(monthly_hazard(EnterpriseParams(), 3, 30)), 4)
    0.0144
    """
    m = np.asarray(age_months, dtype=float)
    rho = params.hazard_scale * params.column("hazard_ratio")[np.asarray(sector, dtype=np.int64)]
    step = _cum_hazard(params, (m + 1.0) / 12.0) - _cum_hazard(params, m / 12.0)
    return np.asarray(-np.expm1(-rho * step), dtype=float)


@functools.lru_cache(maxsize=8)
def _hazards(params: EnterpriseParams, months: int) -> Floats:
    """:func:`monthly_hazard` by sector and age 0..months-1, read-only; kept by parameters."""
    out = monthly_hazard(params, np.arange(len(params.sectors))[:, None], np.arange(months))
    out.setflags(write=False)
    return out


def draw_profit(params: EnterpriseParams, sector: ArrayLike, rng: np.random.Generator) -> Floats:
    """Each new business's monthly profit (lognormal by sector), yuan/month."""
    idx = np.asarray(sector, dtype=np.int64)
    mean = params.profit_scale * params.column("profit_mean_month")[idx]
    cv = params.column("profit_cv")[idx]
    with np.errstate(over="ignore"):  # log(1 + cv^2) without squaring a cv above ~1e154
        sigma2 = np.where(cv < 1e150, np.log1p(cv * cv), 2.0 * np.log(cv))
    return mean * np.exp(np.sqrt(sigma2) * rng.standard_normal(idx.shape) - sigma2 / 2.0)


def _accounts(p: EnterpriseParams, unit: dict[str, Floats], ages: int) -> dict[str, Floats]:
    """Cash items of each unit (a business, or a sector's expected business) by age year."""
    a = np.arange(ages)
    sched = loan_schedule(p, ages)
    loan, cost = unit["loan"][:, None], unit["cost"][:, None]
    surv, close, dflt = unit["survive"], unit["close"], unit["default"][:, None]
    start = (a == 0).astype(float)
    profit = unit["profit"][:, None] * unit["months"]
    tax = p.tax_rate * profit
    relief = p.tax_relief_share * tax * (a < p.tax_relief_years)
    lost = displaced(tax, p.additionality)  # the displaced county firms' tax, no relief
    repaying = surv + close * (1.0 - dflt)  # open all year, or closed and repaying
    interest = loan * sched["interest"] * repaying
    principal = loan * (surv * sched["principal"] + close * (1.0 - dflt) * sched["balance"])
    defaulted = loan * close * dflt * sched["balance"]
    subsidy = loan * sched["subsidy"] * repaying
    guarantee = p.guarantee_share * defaulted
    # loan year a is paid month by month within year a (the first payment at the end of
    # the month the loan is made); a business that closes repays (or defaults on) the
    # balance within the year
    forgone = p.forgone_earnings_month * unit["months"]
    return {
        # start-up: own equity + loan -> outside market; profit <- outside market
        "households": -(cost - loan) * start + profit - (tax - relief)
        - (interest - subsidy) - principal - forgone,
        "bank": -loan * start + interest + principal + guarantee,
        "government": (tax - relief) - lost - subsidy - guarantee,
        "profit": profit, "startup_cost": cost * start, "loans": loan * start,
        "interest_subsidy": subsidy, "tax_relief": relief, "guarantee_losses": guarantee,
        "displaced_profit": displaced(profit, p.additionality), "displaced_tax": lost,
        "defaults": defaulted, "forgone_earnings": forgone, "business_years": unit["months"] / 12,
    }  # fmt: skip


def appraise(
    params: EnterpriseParams, *, horizon_years: int = 20, rng: np.random.Generator | None = None
) -> Appraisal:
    """Yearly cash flows of the self-employment scheme per stakeholder.

    Parameters
    ----------
    params : EnterpriseParams
        The scheme's parameters.
    horizon_years : int, default 20
        Years after the first cohort starts (t = 0).
    rng : numpy.random.Generator, optional
        Draw each business's sector, profit, lifetime and default; without it,
        expected values.

    Returns
    -------
    Appraisal
        Flows for households, bank and government. Items: ``profit``,
        ``startup_cost``, ``loans``, ``interest_subsidy``, ``tax_relief``,
        ``guarantee_losses``, ``displaced_profit`` and ``displaced_tax`` (the other
        county firms' lost profit and tax), ``fiscal_cost`` (the sum of the
        subsidy, relief, guarantees and displaced tax), ``defaults``,
        ``forgone_earnings``, ``business_years`` and ``survival_by_age`` (the
        sector mix's survival at age t years).

    Examples
    --------
    30 businesses a year for 5 years: 47% of the mix survive 5 years, and
    the fiscal cost, with the tax the displaced county firms no longer pay, peaks
    at about 370,000 yuan a year.

    >>> a = appraise(EnterpriseParams())
    >>> round(float(a.items["survival_by_age"][5]), 2)
    0.47
    >>> round(float(a.items["fiscal_cost"].max()), -4)
    370000.0
    """
    horizon = check_horizon(horizon_years)
    p, T = params, horizon + 1
    n_sec = len(p.sectors)
    cohorts = np.arange(min(p.scheme_years, T))
    if rng is None:  # one unit per (cohort, sector), weighted by expected starts
        sec = np.tile(np.arange(n_sec), len(cohorts))
        start = np.repeat(cohorts, n_sec)
        weight = p.businesses_per_year * p.column("share")[sec]
        surv = survival(p, sec[:, None], np.arange(T + 1))  # at ages 0..T
        months = survival(p, sec[:, None, None], np.arange(12 * T).reshape(T, 12) / 12.0)
        unit = {"months": months.sum(-1), "survive": surv[:, 1:], "close": -np.diff(surv),
                "default": np.full(len(sec), p.default_given_closure),
                "profit": p.profit_scale * p.column("profit_mean_month")[sec]}  # fmt: skip
    else:  # one unit per business
        start = np.repeat(cohorts, p.businesses_per_year)
        sec = rng.choice(n_sec, size=start.size, p=p.column("share"))
        weight = np.ones(start.size)
        profit = draw_profit(p, sec, rng)
        rho = p.hazard_scale * p.column("hazard_ratio")[sec]
        grid = _cum_hazard(p, np.arange(12 * T + 1) / 12.0)
        budget = rng.standard_exponential(start.size)
        with np.errstate(divide="ignore", over="ignore"):  # rho = 0: never closes
            life = np.searchsorted(grid, np.where(rho > 0, budget / rho, np.inf))  # months
        edge = 12 * np.arange(T)
        unit = {"months": np.clip(life[:, None] - edge, 0, 12).astype(float),
                "survive": (life[:, None] > edge + 12).astype(float),
                "close": ((life[:, None] - 1) // 12 == np.arange(T)).astype(float),
                "default": (rng.random(start.size) < p.default_given_closure).astype(float),
                "profit": profit}  # fmt: skip
    unit["loan"], unit["cost"] = loan_amount(p, sec), p.column("startup_cost")[sec]
    by_age = _accounts(p, unit, T)
    # shift each unit's ages to calendar years t = start + age
    idx = start[:, None] + np.arange(T)
    keep = idx < T
    cal = {}
    for name, arr in by_age.items():
        out = np.zeros(T)
        np.add.at(out, idx[keep], (weight[:, None] * arr)[keep])
        cal[name] = out
    items = {k: cal[k] for k in by_age if k not in ("households", "bank", "government")}
    items["fiscal_cost"] = (items["interest_subsidy"] + items["tax_relief"]
                            + items["guarantee_losses"] + items["displaced_tax"])  # fmt: skip
    shares = p.column("share")
    items["survival_by_age"] = shares @ survival(p, np.arange(n_sec)[:, None], np.arange(T))
    flows = flows_table(
        horizon, households=cal["households"], bank=cal["bank"], government=cal["government"]
    )
    return Appraisal("enterprise", flows, items=items)


def _by_household(hh: NDArray[np.intp], amounts: Floats) -> tuple[NDArray[np.intp], Floats]:
    """Sum per-business amounts by household: distinct households, and their totals."""
    idx, inverse = distinct_inverse(hh)  # as np.unique(hh, return_inverse=True)
    return idx, np.asarray(np.bincount(inverse, weights=amounts, minlength=idx.size), float)


def process(
    world: World, schedule: Schedule[EnterpriseParams], rng: np.random.Generator
) -> Generator[simpy.Event, Any, None]:
    """Start, run and close the scheme's businesses (a SimPy process on ``world``).

    One event a month while a business is open or owes its loan (else the
    process sleeps until the next cohort, or ends). Each month, in order:

    1. guarantees: a scheme loan that ``world.loans`` wrote off (its borrower
       ``default_after`` months in arrears) is paid to the bank by the
       guarantee fund (government), ``guarantee_share`` of its balance;
    2. closures: each business open last month closes with ``monthly_hazard``
       at its age (one vectorised Bernoulli draw), and whenever its owner has
       died or left the community (:meth:`World.present`); its owner is free for
       casual work again; it repays its loan's balance from its cash (what the
       cash does not cover stays on the loan's schedule), or
       (``default_given_closure``) defaults: the loan is written off and the
       guarantee fund pays the bank ``guarantee_share`` of the balance;
    3. in January of each of the first ``scheme_years`` years,
       ``businesses_per_year`` businesses are offered, sector from the mix,
       profit from ``draw_profit``, to persons of working age that month (16-59) in landless
       households who are neither occupied nor former owners (in a random
       order drawn once); a person takes one only if the household can pay
       its own part of the start-up cost, ``startup_cost - loan_amount``,
       from its cash (beyond this month's payments on its loans and what it
       already put into this year's businesses); otherwise the offer passes
       to the next person. The owner is occupied while the business lives;
    4. the interest subsidy: for each scheme loan in its first
       ``interest_subsidy_years``, the government pays the bank
       ``interest_subsidy_share`` of the month's interest at ``loan_rate``;
    5. every open business earns its profit and pays ``tax_rate`` of it, less
       the relief in its first ``tax_relief_years``.

    The loan (贷免扶补) is an explicit loan of ``world.loans``: ``lend(bank,
    household, loan_amount, rate=loan_rate x (1 - interest_subsidy_share),
    months=12 x loan_years)``, serviced by the engine each month from the
    household's cash (level payments, the first at the end of the month it is
    made; what the cash does not cover goes to arrears, never an overdraft).
    When the subsidy ends before the loan, the loan's rate becomes
    ``loan_rate``. :func:`appraise` sums the same monthly plan by loan year.

    Who pays whom: loan bank -> households (LOAN), then start-up cost
    households -> market (INVESTMENT); profit market -> households (BUSINESS);
    tax households -> government (TAX), and the displaced county firms' tax
    government -> market (TAX, :func:`~._displacement.book_displaced_taxes`);
    interest households -> bank (INTEREST, the owner's share, by the engine) and
    government -> bank (OPERATIONS, the subsidy); principal households -> bank
    (LOAN); guarantee government -> bank (LOAN). The tax relief is not a flow: it
    is tax the government does not receive.
    """
    c, book, loans, horizon = world.community, world.ledger, world.loans, world.horizon_months
    market, bank, government = (world.account(a) for a in ("market", "bank", "government"))
    years = max(schedule.at(m).scheme_years for m in (0, *schedule.change_months))
    starts = {m: p.businesses_per_year for m in range(0, 12 * years, 12)  # all, horizon-free
        if m // 12 < (p := schedule.at(m)).scheme_years and p.businesses_per_year > 0}  # fmt: skip
    capacity, pop = sum(starts.values()), world.population  # pop: month-0 persons, births
    movers = np.flatnonzero(c.expropriation_month[pop.household] >= 0)  # slots of the waves'
    wave_of = c.expropriation_month[pop.household[movers]]  # households, and their waves
    order = keyed_uniforms(pop.key, int(rng.integers(0, 2**63)))  # who starts first: by person
    owner, household, sector, start = (np.zeros(capacity, dtype=np.intp) for _ in range(4))
    loan = np.full(capacity, -1, dtype=np.intp)  # the business's loan in world.loans
    settled = np.zeros(capacity, dtype=bool)  # loan repaid, written off or guaranteed
    profit = np.zeros(capacity)
    u_default = np.zeros(capacity)  # defaults on closure if < default_given_closure
    alive = np.zeros(capacity, dtype=bool)
    gone_at = np.zeros(capacity, dtype=np.intp)  # the first month its owner is not present
    end_at = np.zeros(capacity, dtype=np.intp)  # the month it closes, as far as known (below)
    former = np.zeros(world.n_persons, dtype=bool)
    n = 0

    hazards, at = np.zeros((0, 0)), None  # monthly_hazard by sector and age, for `at`
    # the closure draws, a block of months at a time: each open business's first month
    # of closure up to `draws.known` is worked out at once, so that a month step looks
    # for closures only in the month one is due (`next_end`, with owners' departures)
    draws = ClosureDraws(rng, capacity, starts, schedule.change_months, horizon)
    # Kept from month to month and changed only when a business opens or closes (a month
    # step works on these few indices, never on every slot): `live`, the open businesses
    # (ascending, as np.flatnonzero(alive)); `owing`, those whose loan is not settled
    # (ascending, as np.flatnonzero(~settled[:n])), and their loans (`owing_loans`);
    # the open businesses' owners' households (`earners`, `inverse`), the month's profit
    # by earner and the month each business ends (`ends`, of `end_at`: its closure draw
    # or its owner's departure, whichever is first). The tax by earner is kept while the
    # parameters, the open businesses and the year stay (the relief ends on an
    # anniversary, and cohorts start in January: the year of age changes each January).
    live = owing = owing_loans = earners = inverse = ends = owner[:0]
    by_earner: NDArray[np.intp] | None = None  # `live` in earners' order, if one each
    next_end = horizon  # the first month a business of `live` ends
    seen: Floats = np.zeros(0)  # the balances of `owing_loans` at the start of the month
    income: Floats = np.zeros(0)
    tax: Floats = np.zeros(0)
    tax_for: tuple[Any, ...] = ()  # (parameters, year, businesses) that `tax` is for
    totals = (0.0, 0.0)  # the sums of `income` and `tax`: kept with them
    due: Floats = np.zeros(0)  # each business's tax, for `due_for`: (parameters, year, n)
    due_for: tuple[Any, ...] = ()
    version = 0  # counts changes of `live`
    subsidised: NDArray[np.intp] | None = None  # positions in `owing` subsidised (None: all)
    subsidy_for: tuple[Any, int, NDArray[np.intp]] = (None, -1, owner[:0])  # (p, year, owing)
    while world.now < horizon:
        t = world.now
        p = schedule.at(t)
        if p is not at:  # the hazard of every sector at every age, once per parameter set
            hazards = _hazards(p, horizon)
            at = p
        if t >= draws.known:  # closures by the draws, to the next block or change
            ends = draws.read(t, hazards, live, sector, start)
            if live.size:
                np.minimum(ends, gone_at[live], out=ends)
                end_at[live] = ends
                next_end = int(np.minimum.reduce(ends))
        # 1. loans written off by world.loans (arrears): the guarantee fund pays the bank
        if owing.size:
            still = loans.active.take(owing_loans)
            if not still.all():
                ended = np.flatnonzero(~still)  # positions in `owing`
                arrears = loans.arrears_months.take(owing_loans[ended])
                failed = ended[arrears >= loans.default_after]
                book.pay(government, bank, p.guarantee_share * float(seen[failed].sum()),
                         Source.LOAN)  # fmt: skip
                settled[owing[ended]] = True
                owing = owing[still]
                owing_loans = loan[owing]
        # 2. closures at the end of last month: a closure draw, or the owner died or left
        if t >= next_end:
            closing = live[ends <= t]
            alive[closing] = False
            live = live[alive[live]]
            world.release(owner[closing])
            owes = closing[~settled[closing]]
        else:
            closing = owes = live[:0]
        if owes.size:
            bad = owes[u_default[owes] < p.default_given_closure]
            owed = loans.principal[loan[bad]].copy()
            book.pay(government, bank, p.guarantee_share * float(owed.sum()), Source.LOAN)
            loans.written_off += float(owed.sum())  # the bank's claim is written off
            loans.principal[loan[bad]] = 0.0
            loans.active[loan[bad]] = False
            settled[bad] = True
            repaying = owes[u_default[owes] >= p.default_given_closure].tolist()
            if bad.size or repaying:
                loans.changed()  # the book's kept payments are worked out anew
            for b in repaying:
                k, hh = int(loan[b]), int(household[b])  # repay the balance, as cash allows
                pay = min(float(loans.principal[k]), max(float(book.balance[hh]), 0.0))
                book.collect(bank, np.array([hh]), pay, Source.LOAN)
                loans.principal[k] -= pay
                if loans.principal[k] <= 1e-6:
                    loans.principal[k], loans.active[k], settled[b] = 0.0, False, True
            owing = owing[~settled[owing]]
            owing_loans = loan[owing]
        # 3. a new cohort: only households that can pay their own part from cash
        if t in starts:
            k, cum = starts[t], np.cumsum(p.column("share"))
            new_sector = np.searchsorted(cum, rng.random(k) * cum[-1], side="right")
            new_profit, new_default = draw_profit(p, new_sector, rng), rng.random(k)
            landless = movers[wave_of <= t]  # the persons of landless households, ascending
            persons = landless[world.working_age()[landless] & (world.occupied[landless] == 0)
                               & ~former[landless]]  # fmt: skip
            persons = persons[np.argsort(order[persons], kind="stable")]
            lent = loan_amount(p, new_sector)
            own = p.column("startup_cost")[new_sector] - lent
            live_loans = np.flatnonzero(loans.active)
            homes = live_loans[loans.borrower[live_loans] < c.n_households]
            cash = np.maximum(book.balance[: c.n_households], 0.0) - np.bincount(
                loans.borrower[homes], loans.due()[homes], c.n_households
            )  # the household's cash beyond this month's loan payments
            refused = loans.defaulted(np.arange(c.n_households, dtype=np.intp))
            # a household in default, or whose cash is below the smallest own part, is
            # passed over whatever the offer (its cash only falls): dropped at once
            homes_of = pop.household[persons]
            persons = persons[~refused[homes_of] & (cash[homes_of] >= own[:k].min(initial=np.inf))]
            taken: list[int] = []
            for person in persons.tolist():
                if len(taken) == k:
                    break
                hh, j = int(pop.household[person]), len(taken)
                if refused[hh] or cash[hh] < own[j]:
                    continue  # cannot fund its own part: does not start
                cash[hh] -= own[j]
                taken.append(person)
            m = len(taken)
            chosen = np.asarray(taken, dtype=np.intp)
            b = slice(n, n + m)
            owner[b], household[b], start[b], alive[b] = chosen, pop.household[chosen], t, 1
            sector[b], profit[b], u_default[b] = new_sector[:m], new_profit[:m], new_default[:m]
            rate = p.loan_rate * (1.0 - p.interest_subsidy_share * (p.interest_subsidy_years > 0))
            borrow = n + np.flatnonzero(lent[:m] > 0)  # bank -> household, serviced monthly
            settled[b] = lent[:m] <= 0  # by the engine
            loan[borrow] = loans.lend_many(bank, household[borrow], lent[borrow - n],
                                           rate=rate, months=12 * p.loan_years)  # fmt: skip
            new = np.arange(n, n + m)
            # the owner, present now, is absent from the first month after now that they
            # are dead or away (PopulationHistory: one spell away at most)
            away = pop.away_from[chosen]
            gone_at[b] = np.where(away > t, np.minimum(pop.dies[chosen], away), pop.dies[chosen])
            end_at[b] = gone_at[b]
            # no closure draw is read for them yet: a cohort month ends a block (`known`
            # is next month), whose rows are drawn and read for every open business
            live = np.concatenate([live, new])
            owing = np.concatenate([owing, new[~settled[new]]])
            owing_loans = loan[owing]
            n += m
            world.occupy(chosen)
            former[chosen] = True
            cost = p.column("startup_cost")[sector[b]]  # equipment and stock: the market
            book.collect(market, *_by_household(household[b], cost), Source.INVESTMENT)
        # 4. the interest subsidy, government -> bank, on this month's balance. Every loan
        # still owed is active here: those world.loans ended were settled in 1, those
        # closures ended in 2, and 3 adds new ones. Cohorts start in January, so which
        # are subsidised changes only with the loans owed, the year or the parameters
        if owing.size:
            seen = loans.principal.take(owing_loans)
            if subsidy_for[0] is not p or subsidy_for[1] != t // 12 or subsidy_for[2] is not owing:
                subsidy_for = (p, t // 12, owing)
                age = t - start[owing]
                subsidised = np.flatnonzero(age < 12 * p.interest_subsidy_years)
                if subsidised.size == owing.size:
                    subsidised = None  # all of them: their sum is that of `seen` itself
                ending = owing_loans[age == 12 * p.interest_subsidy_years]
                if ending.size:
                    loans.rate[ending] = p.loan_rate  # the subsidy is over: the borrower pays
                    loans.changed()  # it all
            owed_now = seen if subsidised is None else seen[subsidised]
            book.pay(government, bank, p.interest_subsidy_share * p.loan_rate / 12.0
                     * float(np.add.reduce(owed_now)), Source.OPERATIONS)  # fmt: skip
        # 5. profits of open businesses (customers: the market), and tax after the relief
        if closing.size or t in starts:  # the open businesses changed: regroup by household
            version += 1
            ends = end_at[live]
            next_end = int(np.minimum.reduce(ends)) if live.size else horizon
            homes = household[live]
            by_home = np.argsort(homes, kind="stable")
            earners = homes[by_home]
            if (earners[1:] > earners[:-1]).all():  # one business each: in earners' order
                inverse, by_earner = by_home, live[by_home]
                income = profit[by_earner]  # (a sum over one business is its profit)
            else:  # as np.unique(homes, return_inverse=True), then a sum by earner
                by_earner = None
                earners, inverse = distinct_inverse(homes, by_home, earners)
                income = np.bincount(inverse, profit[live], earners.size).astype(float)
        if live.size:
            if tax_for != (p, t // 12, version):  # the tax by earner, anew
                tax_for = (p, t // 12, version)
                if due_for != (p, t // 12, n):  # each business's tax after the relief
                    due_for = (p, t // 12, n)
                    relief = p.tax_relief_share * ((t - start[:n]) // 12 < p.tax_relief_years)
                    due = p.tax_rate * profit[:n] * (1.0 - relief)
                if by_earner is None:
                    tax = np.bincount(inverse, due[live], earners.size).astype(float)
                else:
                    tax = due[by_earner]
                totals = float(income.sum()), float(tax.sum())
            # profits, then the tax: bit for bit Ledger.pay_households and Ledger.collect
            book.settle_summed(market, earners, income, totals[0], Source.BUSINESS)
            book.collect_summed(government, earners, tax, totals[1], Source.TAX)
            book_displaced_taxes(book, government, market, p.tax_rate * totals[0],
                                 p.additionality)  # fmt: skip
        if live.size or owing.size:
            yield world.env.timeout(1)
            continue
        draws.stop(t)  # the generator as a row of draws a month would leave it
        later = [m for m in starts if m > t]
        if not later:
            return
        yield world.wait_until(min(later))


UNCERTAINTIES: tuple[Uncertainty, ...] = (
    Uncertainty(
        "hazard_scale",
        Triangular(low=0.69, mode=1.0, high=1.23),
        "domain-reference.md §8: 5-yr survival 0.4-0.6",
    ),
    Uncertainty(
        "profit_scale", Triangular(low=0.7, mode=1.0, high=1.3), "estimate: +/-30% on profits"
    ),
    Uncertainty(
        "default_given_closure",
        Triangular(low=0.1, mode=0.3, high=0.6),
        "estimate: closed borrowers who default",
    ),
    Uncertainty(
        "tax_rate", Triangular(low=0.05, mode=0.10, high=0.15), "estimate: small-business tax"
    ),
)

SCHEME = Scheme(
    name="enterprise",
    title="Micro-loans and tax relief for self-employment",
    params_type=EnterpriseParams,
    appraise=appraise,
    uncertainties=UNCERTAINTIES,
    summary="50,000-yuan loans, 3 yr interest-free, tax relief; five sectors, ~half close in 5 yr",
    process=process,
    label="Microcredit for businesses",
    label_zh="创业小额信贷",
)
