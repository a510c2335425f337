r"""The Jiewei resident group's hotel: construction, operations, tax, loan and dividends.

The case (seed-facts.md §4): a hotel on **5 mu** of the Jiewei (结尾) group's
land; **400,000 yuan raised from residents**, **4,000,000 yuan raised** in
all (the text can also be read as 4.4 million in total); **profit 350,000
yuan a year**, which the report says raises "per-capita income by over
10,000,000 yuan", a typo for about 1,000 yuan (domain-reference.md §0, S1).

Model
-----
The hotel opens ``construction_months`` after the investment (t = 0). In an
operating year with :math:`m` open months,

.. math::

    R^{rooms} = n_{rooms} \cdot ADR \cdot occ \cdot 365 \cdot m / 12, \qquad
    R = R^{rooms} / (1 - s_{F\&B})

    GOP = g \cdot R, \qquad EBT = GOP - \tau_R R - D - I, \qquad
    NP = EBT - \tau_{CIT} \max(EBT, 0)

with straight-line depreciation :math:`D` of the investment over
``depreciation_years`` to a 5% residual (China EIT rules, Art. 60) and
interest :math:`I` on a bank loan (interest only while building, then a
level annuity). Dividends are ``payout_ratio`` x positive profit, split by
equity; cash the company keeps, and the book value left at the horizon,
go to the equity holders at the end. The defaults give a net profit of
about 350,000 yuan a year once open (the case's figure), and about 1,000
yuan a year for each of the 350 resident shareholders (S1).

With a Generator, yearly occupancy is drawn from a Beta distribution with
mean ``occupancy`` and standard deviation ``occupancy_sd``.

In a simulation (:func:`process`) the same accounts are kept month by month:
the Jiewei group's member households put in the residents' equity and
receive their dividends each December; occupancy follows the monthly profile
``seasonality`` around each year's draw.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from typing import Any

import numpy as np
import simpy
from numpy.typing import NDArray

from .. import finance
from ..distributions import Triangular
from ..distributions.uncertainty import Uncertainty
from ..economy.ledger import Source
from ..economy.schedule import Schedule
from ..economy.world import World
from ..errors import CaseDataError, ParameterError
from ..params import FRACTION, NONNEGATIVE, POSITIVE, Parameters, at_least, between, param
from .base import Appraisal, Scheme, check_horizon, flows_table

__all__ = [
    "SCHEME",
    "SEED_INVESTMENT_READINGS",
    "UNCERTAINTIES",
    "HotelParams",
    "appraise",
    "depreciation",
    "loan_service",
    "open_months",
    "operate",
    "process",
    "profit",
]

Floats = NDArray[np.float64]

SEED_INVESTMENT_READINGS = (4_000_000.0, 4_400_000.0)
"""The two readings of the case's total investment, yuan (seed-facts.md §4)."""

RESIDUAL_FRACTION = 0.05  # China EIT Implementation Rules Art. 60 (domain-reference.md §5b)


@dataclass(frozen=True, slots=True, kw_only=True)
class HotelParams(Parameters):
    """Parameters of the collective hotel (defaults: the Caopijie case)."""

    land_mu: float = param(5.0, unit="mu", rule=POSITIVE, source="seed-facts.md §4 (5 mu)")
    total_investment: float = param(
        4_000_000.0,
        unit="yuan",
        rule=POSITIVE,
        source="seed-facts.md §4: 4.0 M (or 4.4 M, ambiguous)",
    )
    resident_equity: float = param(
        400_000.0, unit="yuan", rule=NONNEGATIVE, source="seed-facts.md §4 (群众融资40万元)"
    )
    collective_equity: float = param(
        0.0,
        unit="yuan",
        rule=NONNEGATIVE,
        source="estimate: the group's 5 mu as in-kind equity, not valued in the case",
    )
    outside_equity: float = param(
        0.0, unit="yuan", rule=NONNEGATIVE, source="estimate: none named in the case"
    )
    shareholders: int = param(
        350,
        unit="persons",
        rule=at_least(1),
        source="domain-reference.md §0 S1: ~350 beneficiaries (1,000 yuan each)",
    )
    construction_months: int = param(
        18, unit="months", rule=NONNEGATIVE, source="domain-reference.md §5b: 12-24 (estimate)"
    )
    rooms: int = param(
        60, unit="rooms", rule=at_least(1), source="domain-reference.md §5b: 50-70 (estimate)"
    )
    adr: float = param(
        140.0,
        unit="yuan/room-night",
        rule=POSITIVE,
        source="domain-reference.md §5b: 100-180, default 140 (estimate)",
    )
    occupancy: float = param(
        0.58, unit="fraction", rule=FRACTION, source="domain-reference.md §5b: 50-65% (estimate)"
    )
    occupancy_sd: float = param(
        0.06,
        unit="fraction",
        rule=between(0, 0.3),
        source="estimate: year-to-year spread of occupancy",
    )
    fnb_share: float = param(
        0.41,
        unit="fraction of revenue",
        rule=between(0, 0.9),
        source="domain-reference.md §5b: F&B 41.1% of star-hotel revenue (2014)",
    )
    gop_margin: float = param(
        0.30, unit="fraction of revenue", rule=FRACTION, source="domain-reference.md §5b: 25-35%"
    )
    revenue_tax_rate: float = param(
        0.055,
        unit="fraction of revenue",
        rule=FRACTION,
        source="domain-reference.md §5b: business tax + surcharges 5.5% (pre-2016)",
    )
    income_tax_rate: float = param(
        0.20,
        unit="fraction of profit",
        rule=FRACTION,
        source="domain-reference.md §5b: 25%, small low-profit firms 20%",
    )
    depreciation_years: int = param(
        20, unit="years", rule=at_least(1), source="domain-reference.md §5b: buildings 20 yr"
    )
    loan_rate: float = param(
        0.0594,
        unit="1/year",
        rule=between(0, 1),
        source="domain-reference.md §5a: PBoC >5-yr loan rate, 23 Dec 2008",
    )
    loan_years: int = param(
        12, unit="years", rule=at_least(1), source="estimate: term of a hotel construction loan"
    )
    payout_ratio: float = param(
        1.0, unit="fraction of profit", rule=FRACTION, source="estimate: all profit distributed"
    )
    seasonality: tuple[float, ...] = param(
        (1.10, 1.20, 0.90, 0.95, 1.10, 0.85, 1.00, 1.05, 0.90, 1.20, 0.85, 0.90),
        unit="occupancy relative to the year's, January..December",
        rule=NONNEGATIVE,
        source="estimate: domain-reference.md §5b stylised fact 1 (Spring Festival, Golden Weeks)",
        doc="12 values averaging 1; used by the simulation only (all 1: no seasonality)",
    )

    def _check(self) -> None:
        equity = self.resident_equity + self.collective_equity + self.outside_equity
        if equity > self.total_investment:
            raise ParameterError(
                "resident_equity",
                f"such that all equity <= total_investment ({self.total_investment:g})",
                equity,
                owner=type(self).__name__,
            )
        if equity <= 0:
            raise ParameterError(
                "resident_equity",
                "> 0 with the other equity (someone must own it)",
                equity,
                owner=type(self).__name__,
            )
        if len(self.seasonality) != 12 or not np.isclose(sum(self.seasonality), 12.0):
            raise ParameterError(
                "seasonality", "12 values averaging 1", self.seasonality, owner=type(self).__name__
            )

    @property
    def loan(self) -> float:
        """The bank loan: investment not covered by equity, yuan."""
        return self.total_investment - self.equity

    @property
    def equity(self) -> float:
        """All equity, yuan."""
        return self.resident_equity + self.collective_equity + self.outside_equity

    @property
    def construction_years(self) -> int:
        """Whole years with no full year of operation (the loan is interest only)."""
        return -(-self.construction_months // 12)


def open_months(params: HotelParams, horizon_years: int) -> NDArray[np.float64]:
    """Months the hotel is open in each year t = 0..horizon, shape (T,)."""
    t = np.arange(horizon_years + 1)
    return np.clip(12.0 * (t + 1) - params.construction_months, 0.0, 12.0)


def operate(
    params: HotelParams, occupancy: NDArray[np.float64], months: NDArray[np.float64]
) -> dict[str, NDArray[np.float64]]:
    """Profit and loss for periods of ``months`` open months at ``occupancy``.

    Shared by the appraisal (yearly periods) and the simulation (monthly
    periods). Arrays broadcast; interest and depreciation are not included.

    Returns
    -------
    dict of str to ndarray
        ``revenue``, ``gop`` and ``revenue_tax`` in yuan per period.
    """
    rooms_revenue = params.rooms * params.adr * occupancy * 365.0 * months / 12.0
    revenue = rooms_revenue / (1.0 - params.fnb_share)
    return {
        "revenue": revenue,
        "gop": params.gop_margin * revenue,
        "revenue_tax": params.revenue_tax_rate * revenue,
    }


def loan_service(params: HotelParams, horizon_years: int) -> tuple[Floats, Floats]:
    """Interest and principal paid to the bank in each year t = 0..horizon, shape (T,) each.

    The loan (:attr:`HotelParams.loan`) is drawn at t = 0 and serviced at the
    end of each year, so year t pays period t of the schedule: interest only
    for ``construction_years``, then a level annuity over ``loan_years``.

    Examples
    --------
    >>> interest, principal = loan_service(HotelParams(), 20)
    >>> round(float(interest[1])), round(float(principal[:3].sum()))
    (213840, 0)
    """
    interest, principal = np.zeros(horizon_years + 1), np.zeros(horizon_years + 1)
    if params.loan > 0:
        sched = finance.loan_schedule(
            params.loan,
            params.loan_rate,
            params.construction_years + params.loan_years,
            interest_only_periods=params.construction_years,
        )
        n = min(horizon_years, len(sched.payment))
        interest[1 : n + 1] = sched.interest[:n]
        principal[1 : n + 1] = sched.principal[:n]
    return interest, principal


def depreciation(params: HotelParams, months: Floats) -> Floats:
    """Straight-line depreciation in each year with ``months`` open months, to a 5% residual.

    Depreciation starts at the opening and lasts ``depreciation_years`` years.
    """
    depreciable = params.total_investment * (1.0 - RESIDUAL_FRACTION)
    operating = months > 0
    years_open = np.cumsum(operating)
    return np.asarray(
        np.where(
            operating & (years_open <= params.depreciation_years),
            depreciable / params.depreciation_years * months / 12.0,
            0.0,
        ),
        dtype=float,
    )


def profit(
    params: HotelParams, gop: Any, revenue_tax: Any, depreciation: Any, interest: Any
) -> dict[str, Floats]:
    """A year's profit, income tax and dividends from its GOP, revenue tax, depreciation, interest.

    Returns ``ebt``, ``income_tax`` (``income_tax_rate`` x positive EBT),
    ``net_profit`` and ``dividends`` (``payout_ratio`` x positive net profit), yuan.
    """
    ebt = np.asarray(gop - revenue_tax - depreciation - interest, dtype=float)
    income_tax = params.income_tax_rate * np.maximum(ebt, 0.0)
    net_profit = ebt - income_tax
    dividends = params.payout_ratio * np.maximum(net_profit, 0.0)
    return {"ebt": ebt, "income_tax": income_tax, "net_profit": net_profit, "dividends": dividends}


def appraise(
    params: HotelParams, *, horizon_years: int = 20, rng: np.random.Generator | None = None
) -> Appraisal:
    """Yearly cash flows of the hotel per stakeholder.

    Parameters
    ----------
    params : HotelParams
        The hotel's parameters.
    horizon_years : int, default 20
        Years after the investment year.
    rng : numpy.random.Generator, optional
        Draw yearly occupancy; without it, occupancy is its mean.

    Returns
    -------
    Appraisal
        Flows per stakeholder, with items ``revenue``, ``net_profit``,
        ``dividends``, ``tax`` and ``per_shareholder`` (yuan per resident
        shareholder per year).

    Examples
    --------
    The case's hotel: about 350,000 yuan of profit a year once open (more as
    the loan is repaid), about 1,000 yuan a year for each resident shareholder.

    >>> a = appraise(HotelParams())
    >>> open_years = a.items["net_profit"][2:]
    >>> int(open_years.mean().round(-4))
    370000
    >>> int(a.items["per_shareholder"][2:].mean().round(-2))
    1000
    """
    horizon = check_horizon(horizon_years)
    p = params
    months = open_months(p, horizon)
    occ = np.full(horizon + 1, p.occupancy)
    if rng is not None and p.occupancy_sd > 0:
        occ = _beta_occupancy(rng, p.occupancy, p.occupancy_sd, horizon + 1)
    pl = operate(p, occ, months)

    interest, principal = loan_service(p, horizon)
    loan = np.where(np.arange(horizon + 1) == 0, p.loan, 0.0)
    balance_end = p.loan - principal.sum()
    operating = months > 0
    dep = depreciation(p, months)
    book_end = p.total_investment - dep.sum()

    pnl = profit(p, pl["gop"], pl["revenue_tax"], dep, interest)
    income_tax, net_profit, dividends = pnl["income_tax"], pnl["net_profit"], pnl["dividends"]
    # cash the company keeps: profit + depreciation - principal - dividends
    retained = net_profit + dep - principal - dividends
    terminal = np.zeros(horizon + 1)
    terminal[-1] = retained.sum() + book_end - balance_end

    to_equity = dividends + terminal
    shares = np.array([p.resident_equity, p.collective_equity, p.outside_equity]) / p.equity
    outlay = np.zeros(horizon + 1)
    outlay[0] = 1.0
    resident = shares[0] * to_equity - p.resident_equity * outlay
    flows = flows_table(
        horizon,
        households=resident,
        collective=shares[1] * to_equity - p.collective_equity * outlay,
        firm=shares[2] * to_equity - p.outside_equity * outlay,
        bank=interest + principal + balance_end * (np.arange(horizon + 1) == horizon) - loan,
        government=pl["revenue_tax"] + income_tax,
    )
    items = {
        "revenue": pl["revenue"],
        "occupancy": np.where(operating, occ, np.nan),
        "net_profit": net_profit,
        "dividends": dividends,
        "tax": pl["revenue_tax"] + income_tax,
        "per_shareholder": shares[0] * dividends / p.shareholders,
    }
    return Appraisal("hotel", flows, items=items)


def _beta_occupancy(
    rng: np.random.Generator, mean: float, sd: float, size: int
) -> NDArray[np.float64]:
    var = min(sd**2, 0.99 * mean * (1.0 - mean))
    if var <= 0:
        return np.full(size, mean)
    k = mean * (1.0 - mean) / var - 1.0
    return rng.beta(mean * k, (1.0 - mean) * k, size)


def process(
    world: World, schedule: Schedule[HotelParams], rng: np.random.Generator
) -> Generator[simpy.Event, Any, None]:
    """The hotel in a simulation: investment, opening, monthly operations, yearly accounts.

    At the start the parameters then in force fix the investment, the loan
    and the building: the Jiewei group's (group 0) member households pay the
    residents' equity pro rata to their size, collective 0 the collective's,
    the outside investors (the ``factories`` account) theirs (-> hotel
    company, ``INVESTMENT``); the bank lends the rest (``LOAN``); the company
    pays the builders (-> market, ``INVESTMENT``). Each January the company
    pays the bank the year's :func:`loan_service` (``INTEREST``, ``LOAN``).
    From the opening, ``construction_months`` later, each month it sells at
    the year's occupancy times the month's ``seasonality`` (market ->
    company, ``SALES``) and pays operating costs, revenue less GOP (-> market,
    ``OPERATIONS``), and the revenue tax (-> government, ``TAX``). Each
    December it pays the year's income tax (:func:`profit`, ``TAX``) and its
    dividends, split by equity: to the Jiewei members pro rata to their
    equity, to collective 0 and to the outside investors (``DIVIDEND``). The
    cash it keeps stays in its account.

    The yearly occupancies are drawn at the start exactly as by
    ``appraise(rng=...)`` (base parameters); a dated change of ``occupancy``
    shifts them by the change of the mean.
    """
    c, book = world.community, world.ledger
    hotel, bank, market = (world.account(n) for n in ("hotel_company", "bank", "market"))
    government, investors, group = world.account("government"), world.account("factories"), 0
    start, p = world.now, schedule.at(world.now)
    years = max(1, -(-(world.horizon_months - start) // 12))
    interest, principal = loan_service(p, years)
    dep = depreciation(p, open_months(p, years))
    jiewei = np.flatnonzero((c.group == group) & c.member)
    if jiewei.size == 0 and p.resident_equity > 0:
        raise CaseDataError(  # (a ParameterError cannot cross SimPy's re-raise: it rebuilds
            # the exception from its args)
            f"HotelParams.resident_equity must be 0 when the Jiewei group (group 0) has no "
            f"member households, got {p.resident_equity!r}"
        )
    stake = c.size[jiewei] / max(int(c.size[jiewei].sum()), 1)  # household's part of residents'
    split = np.array([p.resident_equity, p.collective_equity, p.outside_equity]) / p.equity
    collective = world.collective(group)
    book.collect(hotel, jiewei, p.resident_equity * stake, Source.INVESTMENT)  # members -> hotel
    book.pay(collective, hotel, p.collective_equity, Source.INVESTMENT)  # collective 0 -> hotel
    book.pay(investors, hotel, p.outside_equity, Source.INVESTMENT)  # outside investors -> hotel
    book.pay(bank, hotel, p.loan, Source.LOAN)  # bank -> hotel
    book.pay(hotel, market, p.total_investment, Source.INVESTMENT)  # hotel -> builders
    opening = start + p.construction_months
    service = (start + 12 * t for t in range(1, years) if interest[t] + principal[t] > 0)
    base = schedule.base  # occupancy: one draw a year, as appraise(rng=...); minus the mean
    occupancy = _beta_occupancy(rng, base.occupancy, base.occupancy_sd, years) - base.occupancy
    gop = revenue_tax = 0.0
    for month in sorted({*service, *range(opening, world.horizon_months)}):
        yield world.wait_until(month)
        p = schedule.at(month)
        t, m = divmod(month - start, 12)
        if m == 0:  # year t's loan service: hotel -> bank
            book.pay(hotel, bank, float(interest[t]), Source.INTEREST)
            book.pay(hotel, bank, float(principal[t]), Source.LOAN)
        if month < opening:
            continue
        season = p.seasonality[world.calendar_month - 1]
        occ = min(min(max(float(occupancy[t]) + p.occupancy, 0.0), 1.0) * season, 1.0)
        pl = {k: float(v) for k, v in operate(p, np.asarray(occ), np.asarray(1.0)).items()}
        book.pay(market, hotel, pl["revenue"], Source.SALES)  # guests -> hotel
        book.pay(hotel, market, pl["revenue"] - pl["gop"], Source.OPERATIONS)  # staff, supplies
        book.pay(hotel, government, pl["revenue_tax"], Source.TAX)  # business tax
        gop, revenue_tax = gop + pl["gop"], revenue_tax + pl["revenue_tax"]
        if m == 11:  # year end: income tax, then dividends by equity
            year = profit(p, gop, revenue_tax, dep[t], interest[t])
            book.pay(hotel, government, float(year["income_tax"]), Source.TAX)
            dividends = float(year["dividends"]) * split
            book.pay_households(hotel, jiewei, dividends[0] * stake, Source.DIVIDEND)
            book.pay(hotel, collective, dividends[1], Source.DIVIDEND)
            book.pay(hotel, investors, dividends[2], Source.DIVIDEND)
            gop = revenue_tax = 0.0


UNCERTAINTIES: tuple[Uncertainty, ...] = (
    Uncertainty(
        "adr", Triangular(low=100.0, mode=140.0, high=180.0), "domain-reference.md §5b: 100-180"
    ),
    Uncertainty(
        "occupancy", Triangular(low=0.50, mode=0.58, high=0.65), "domain-reference.md §5b: 50-65%"
    ),
    Uncertainty(
        "gop_margin", Triangular(low=0.25, mode=0.30, high=0.35), "domain-reference.md §5b: 25-35%"
    ),
    Uncertainty(
        "construction_months",
        Triangular(low=12.0, mode=18.0, high=24.0),
        "domain-reference.md §5b: 12-24 months",
    ),
)

SCHEME = Scheme(
    name="hotel",
    title="Jiewei group hotel",
    params_type=HotelParams,
    appraise=appraise,
    uncertainties=UNCERTAINTIES,
    summary="5 mu, 4.0 M yuan (0.4 M from residents), ~350,000 yuan profit a year",
    process=process,
    label="Hotel",
    label_zh="酒店",
    accounts=("factories", "hotel_company"),
)
