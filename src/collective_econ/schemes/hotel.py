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

with straight-line depreciation :math:`D` of the building (with its
capitalised construction interest) over ``depreciation_years`` to a 5%
residual (China EIT rules, Art. 60) and the interest :math:`I` of the months
after the opening.

Financing (sources and uses at t = 0): the residents', the Jiewei group
collective's and outside investors' equity plus a bank loan of the rest,
at most ``max_ltv`` of the investment, pay for the building, the interest
due while building (the loan's grace period) and a debt-service reserve of
``reserve_months`` level payments. The loan is serviced monthly: interest
only while building, then level payments over ``loan_years``. Dividends
are ``payout_ratio`` x positive net profit, but only from the cash left
after taxes, debt service and the reserve (none while debt service is
unpaid), split by equity; the cash the company keeps and the book value
left at the horizon, less the loan balance, go to the equity holders at the
end. With the defaults (residents 0.4 M, collective 0.2 M, outside
investors 1.0 M, a 2.4 M loan: 60% of 4.0 M) the residents hold 25% of the
equity and their IRR is about 20% (the old plan, all equity theirs on a 90%
loan, gave 51%: the return domain-reference.md §0 S2 calls not credible).

Only ``additionality`` of the sales is net new to the county: the rest its guests
would have spent at the town's other hotels and restaurants, which lose those sales
and the taxes on them (:mod:`~collective_econ.schemes._displacement`, as the jobs
scheme's displaced places): the government's row counts the net new taxes only.

With a Generator, yearly occupancy is drawn from a Beta distribution with
mean ``occupancy`` and standard deviation ``occupancy_sd``.

In a simulation (:func:`process`) the same accounts are kept month by month:
the Jiewei group's member households put in the residents' equity and
receive their dividends each December; the loan is made through
``world.loans`` and serviced by the engine from the company's cash (arrears,
never an overdraft); occupancy follows the monthly profile ``seasonality``
around each year's draw.
"""

from __future__ import annotations

import itertools
from collections.abc import Generator
from dataclasses import dataclass
from typing import Any

import numpy as np
import simpy
from numpy.typing import NDArray

from .. import finance
from ..distributions import Triangular
from ..distributions.uncertainty import Uncertainty
from ..economy.collective import debt_service_due
from ..economy.ledger import Source
from ..economy.schedule import Schedule
from ..economy.world import World
from ..errors import CaseDataError, ParameterError
from ..params import FRACTION, NONNEGATIVE, POSITIVE, Parameters, between, param
from ..resources import count_rule, months_rule, years_rule
from ._displacement import additionality_param, book_displaced_taxes, displaced
from ._hotel_loan import interest_expense, loan_service, reserve_target
from .base import Appraisal, Scheme, check_horizon, flows_table

__all__ = [
    "SCHEME",
    "SEED_INVESTMENT_READINGS",
    "UNCERTAINTIES",
    "HotelParams",
    "appraise",
    "depreciation",
    "dividend",
    "equity_shares",
    "interest_expense",
    "loan_service",
    "open_months",
    "operate",
    "process",
    "profit",
    "reserve_target",
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
        source="seed-facts.md §4: 4.0 million yuan (or 4.4 million yuan, ambiguous)",
    )
    resident_equity: float = param(
        400_000.0, unit="yuan", rule=NONNEGATIVE, source="seed-facts.md §4 (群众融资40万元)"
    )
    collective_equity: float = param(
        200_000.0,
        unit="yuan",
        rule=NONNEGATIVE,
        source="estimate: the Jiewei group's retained land compensation cash (the case names "
        "no other contributor; its 筹措资金400万元 says how much was raised, not by whom)",
        doc="in a simulation paid from collective 0's cash only; outside investors take up "
        "what it lacks",
    )
    outside_equity: float = param(
        1_000_000.0,
        unit="yuan",
        rule=NONNEGATIVE,
        source="estimate: an investor from outside the community (a hotel operator or "
        "businessman), to bring the loan within the bank's loan-to-value cap",
    )
    max_ltv: float = param(
        0.60,
        unit="fraction of the total investment",
        rule=between(0, 0.8),
        source="estimate: a county bank lending on a hotel built on collective construction "
        "land (hardly mortgageable in 2010) to a resident group's company: 50-70%; the "
        "State Council's minimum project capital (国发[2009]27号: 20% for most projects) "
        "caps it at 80% (well-known)",
        doc="the loan, total_investment - equity, must not exceed max_ltv x total_investment",
    )
    shareholders: int = param(
        350,
        unit="persons",
        rule=count_rule(1),
        source="domain-reference.md §0 S1: ~350 beneficiaries (1,000 yuan each)",
    )
    construction_months: int = param(
        18, unit="months", rule=months_rule(0), source="domain-reference.md §5b: 12-24 (estimate)"
    )
    rooms: int = param(
        60, unit="rooms", rule=count_rule(1), source="domain-reference.md §5b: 50-70 (estimate)"
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
        0.25,
        unit="fraction of profit",
        rule=FRACTION,
        source="domain-reference.md §5b: 25%; the small low-profit rate (20%) needs taxable "
        "income <= 300,000 yuan (EIT Implementation Rules Art. 92, well-known), below the "
        "hotel's ~500,000",
    )
    additionality: float = additionality_param(
        0.25,
        source="estimate: a county-town hotel's guests and diners (F&B is 41% of its "
        "revenue) mostly come from the town's other hotels and restaurants; HCA "
        "Additionality Guide 2014, 'high' displacement 75%",
        doc="Share of the hotel's sales that is net new to the county; the rest the other "
        "county firms lose, and with it the taxes they paid on it (the government's row "
        "counts net new taxes only)",
    )
    depreciation_years: int = param(
        20, unit="years", rule=years_rule(1), source="domain-reference.md §5b: buildings 20 yr"
    )
    loan_rate: float = param(
        0.0594,
        unit="1/year",
        rule=between(0, 1),
        source="domain-reference.md §5a: PBoC >5-yr loan rate, 23 Dec 2008",
    )
    loan_years: int = param(
        12,
        unit="years",
        rule=years_rule(1),
        source="estimate: term of a hotel construction loan",
        doc="years of level monthly payments after the grace period (construction_months)",
    )
    reserve_months: float = param(
        6.0,
        unit="months of debt service",
        rule=between(0, 60),
        source="estimate: a debt-service reserve of 6 months, usual in project finance",
        doc="cash kept before any dividend: reserve_months x the loan's level monthly payment "
        "while the loan runs; funded from the sources at t = 0",
    )
    payout_ratio: float = param(
        1.0,
        unit="fraction of profit",
        rule=FRACTION,
        source="estimate: all profit distributed, as free cash allows",
        doc="dividends = min(payout_ratio x net profit, cash above the reserve), "
        "0 while debt service is unpaid",
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
        if self.loan > self.max_ltv * self.total_investment * (1.0 + 1e-12):
            raise ParameterError(
                "max_ltv",
                f">= the loan's share of the investment, (total_investment - equity) / "
                f"total_investment = {self.loan / self.total_investment:.4g} (raise the equity)",
                self.max_ltv,
                owner=type(self).__name__,
            )
        if self.construction_months + 12 * self.loan_years > 12 * 60:
            raise ParameterError(
                "loan_years",
                "such that construction_months + 12 x loan_years <= 720 months",
                self.loan_years,
                owner=type(self).__name__,
            )
        if self.building_cost <= 0:
            raise ParameterError(
                "reserve_months",
                "small enough that construction interest and the reserve leave a building "
                f"cost > 0 (got {self.building_cost:g} yuan)",
                self.reserve_months,
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
    def loan_months(self) -> int:
        """The loan's term in months: grace while building, then ``loan_years`` of payments."""
        return int(self.construction_months) + 12 * self.loan_years

    @property
    def monthly_payment(self) -> float:
        """The loan's level monthly payment after the grace period, yuan (0 without a loan)."""
        if self.loan <= 0:
            return 0.0
        return float(
            finance.annuity_payment(self.loan_rate / 12.0, 12 * self.loan_years, self.loan)
        )

    @property
    def reserve(self) -> float:
        """Cash kept before dividends while the loan runs: ``reserve_months`` of payments, yuan."""
        return self.reserve_months * self.monthly_payment

    @property
    def construction_interest(self) -> float:
        """Interest due while building (the grace months), capitalised into the building, yuan."""
        return self.loan * self.loan_rate / 12.0 * int(self.construction_months)

    @property
    def building_cost(self) -> float:
        """Paid to the builders at t = 0: the investment less construction interest and reserve."""
        return self.total_investment - self.construction_interest - self.reserve

    @property
    def sources_and_uses(self) -> dict[str, float]:
        """The financing plan at t = 0, yuan: sources (equity, loan) and uses, which balance."""
        return {
            "resident_equity": self.resident_equity,
            "collective_equity": self.collective_equity,
            "outside_equity": self.outside_equity,
            "loan": self.loan,
            "building_cost": self.building_cost,
            "construction_interest": self.construction_interest,
            "reserve": self.reserve,
        }


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


def depreciation(params: HotelParams, months: Floats) -> Floats:
    """Straight-line depreciation in each year with ``months`` open months, to a 5% residual.

    The depreciable cost is the building with its capitalised construction
    interest, ``total_investment - reserve`` (the reserve is cash). Depreciation
    starts at the opening and lasts ``depreciation_years`` years.
    """
    depreciable = (params.total_investment - params.reserve) * (1.0 - RESIDUAL_FRACTION)
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
    """A year's profit and income tax from its GOP, revenue tax, depreciation and interest expense.

    Returns ``ebt``, ``income_tax`` (``income_tax_rate`` x positive EBT) and
    ``net_profit``, yuan.
    """
    ebt = np.asarray(gop - revenue_tax - depreciation - interest, dtype=float)
    income_tax = params.income_tax_rate * np.maximum(ebt, 0.0)
    return {"ebt": ebt, "income_tax": income_tax, "net_profit": ebt - income_tax}


def dividend(params: HotelParams, net_profit: float, free_cash: float) -> float:
    """The year's dividend: ``payout_ratio`` x positive net profit, at most the free cash.

    ``free_cash`` is the company's cash after the year's taxes and debt
    service, less :func:`reserve_target`; the caller passes 0 while debt
    service is unpaid (arrears).

    Examples
    --------
    >>> p = HotelParams()
    >>> dividend(p, 400_000.0, 1_000_000.0), dividend(p, 400_000.0, 150_000.0)
    (400000.0, 150000.0)
    >>> dividend(p, 400_000.0, -20_000.0), dividend(p, -5_000.0, 1_000_000.0)
    (0.0, 0.0)
    """
    return float(min(params.payout_ratio * max(net_profit, 0.0), max(free_cash, 0.0)))


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
        Flows per stakeholder, with items ``revenue``, ``occupancy``,
        ``net_profit``, ``dividends``, ``tax``, ``interest``, ``principal``,
        ``cash`` (the company's cash at each year end, after dividends),
        ``displaced_sales`` and ``displaced_tax`` (the other county firms' lost sales
        and taxes: the government's row is ``tax - displaced_tax``),
        ``reserve`` (:func:`reserve_target`) and ``per_shareholder`` (yuan per
        resident shareholder per year).

    Examples
    --------
    The case's hotel: about 380,000 yuan of profit a year once open (the
    case says 350,000), of which the residents' 25% stake receives its share,
    about 270 yuan a year for each of 350 resident shareholders; the company's
    cash never falls below 0.

    >>> from collective_econ.prices import FLAT, using
    >>> with using(FLAT):  # 2010 prices and wages (no inflation, no real wage growth)
    ...     a = appraise(HotelParams())
    >>> int(a.items["net_profit"][2:].mean().round(-4))
    380000
    >>> int(a.items["per_shareholder"][2:].mean().round(-1))
    270
    >>> bool(a.items["cash"].min() >= 0)
    True
    """
    horizon = check_horizon(horizon_years)
    p = params
    months = open_months(p, horizon)
    occ = np.full(horizon + 1, p.occupancy)
    if rng is not None and p.occupancy_sd > 0:
        occ = _beta_occupancy(rng, p.occupancy, p.occupancy_sd, horizon + 1)
    pl = operate(p, occ, months)

    interest, principal = loan_service(p, horizon)
    target = reserve_target(p, horizon)
    loan = np.where(np.arange(horizon + 1) == 0, p.loan, 0.0)
    balance_end = p.loan - principal.sum()
    operating = months > 0
    dep = depreciation(p, months)
    book_end = p.total_investment - p.reserve - dep.sum()

    pnl = profit(p, pl["gop"], pl["revenue_tax"], dep, interest_expense(p, horizon))
    income_tax, net_profit = pnl["income_tax"], pnl["net_profit"]
    # the company's cash: what the builders left at t = 0, then each year's operating
    # cash less taxes and debt service; dividends only from cash above the reserve
    operating_cash = pl["gop"] - pl["revenue_tax"] - income_tax - interest - principal
    cash, dividends = np.zeros(horizon + 1), np.zeros(horizon + 1)
    held = p.total_investment - p.building_cost
    for t in range(horizon + 1):
        held += float(operating_cash[t])
        dividends[t] = dividend(p, float(net_profit[t]), held - float(target[t]))
        held -= dividends[t]
        cash[t] = held
    terminal = np.zeros(horizon + 1)
    terminal[-1] = cash[-1] + book_end - balance_end

    to_equity = dividends + terminal
    shares = equity_shares(p)
    outlay = np.zeros(horizon + 1)
    outlay[0] = 1.0
    resident = shares[0] * to_equity - p.resident_equity * outlay
    tax = pl["revenue_tax"] + income_tax
    lost_tax = displaced(tax, p.additionality)  # the displaced county firms' taxes
    flows = flows_table(
        horizon,
        households=resident,
        collective=shares[1] * to_equity - p.collective_equity * outlay,
        firm=shares[2] * to_equity - p.outside_equity * outlay,
        bank=interest + principal + balance_end * (np.arange(horizon + 1) == horizon) - loan,
        government=tax - lost_tax,
    )
    items = {
        "revenue": pl["revenue"],
        "occupancy": np.where(operating, occ, np.nan),
        "net_profit": net_profit,
        "dividends": dividends,
        "tax": tax,
        "displaced_sales": displaced(pl["revenue"], p.additionality),
        "displaced_tax": lost_tax,
        "interest": interest,
        "principal": principal,
        "cash": cash,
        "reserve": target,
        "per_shareholder": shares[0] * dividends / p.shareholders,
    }
    return Appraisal("hotel", flows, items=items)


def equity_shares(params: HotelParams) -> Floats:
    """Each contributor's share of the equity: residents, collective, outside investors."""
    p = params
    return np.array([p.resident_equity, p.collective_equity, p.outside_equity]) / p.equity


def _beta_occupancy(
    rng: np.random.Generator, mean: float, sd: float, size: int
) -> NDArray[np.float64]:
    var = min(sd**2, 0.99 * mean * (1.0 - mean))
    if var <= 0:
        return np.full(size, mean)
    k = mean * (1.0 - mean) / var - 1.0
    if not (mean * k > 0 and (1.0 - mean) * k > 0):  # shapes that underflow to 0
        return np.full(size, mean)
    return rng.beta(mean * k, (1.0 - mean) * k, size)


def process(
    world: World, schedule: Schedule[HotelParams], rng: np.random.Generator
) -> Generator[simpy.Event, Any, None]:
    """The hotel in a simulation: investment, loan, opening, monthly operations, yearly accounts.

    At the start the parameters then in force fix the financing and the
    building: the Jiewei group's (group 0) member households are asked for
    the residents' equity pro rata to their size and each pays its part only
    as far as its cash allows (never below zero), collective 0 pays the
    collective's as far as its cash beyond this month's debt service allows,
    and the outside investors (from outside the community: the ``market``
    account) pay theirs and take up what the residents and collective 0 lack
    (-> hotel company, ``INVESTMENT``; dividends follow what each actually
    paid in, and a member's share of the residents' dividends follows its
    own payment); the bank lends the
    rest through ``world.loans`` (``LOAN``; interest at ``loan_rate``, grace
    while building, then ``loan_years`` of level monthly payments, serviced
    by the engine each month from the company's cash: what it cannot pay
    goes to arrears, never to an overdraft); the company pays the builders
    :attr:`HotelParams.building_cost` (-> market, ``INVESTMENT``) and keeps
    the construction interest and the reserve in cash. From the opening,
    ``construction_months`` later, each month it sells at the year's
    occupancy times the month's ``seasonality`` (market -> company,
    ``SALES``) and pays operating costs, revenue less GOP (-> market,
    ``OPERATIONS``), and the revenue tax (-> government, ``TAX``); the government pays
    the market back the displaced share of each tax (``TAX``: the other county firms'
    taxes on the sales they lose, :func:`~._displacement.book_displaced_taxes`). Each
    December it pays the year's income tax (:func:`profit`, ``TAX``) and its
    :func:`dividend` (none while the loan is in arrears; at most the cash
    above December's debt service and the reserve), split by equity: to the
    Jiewei members pro rata to what each paid in, to collective 0 and to the
    outside investors (``DIVIDEND``).

    The yearly occupancies are drawn at the start exactly as by
    ``appraise(rng=...)`` (base parameters); a dated change of ``occupancy``
    shifts them by the change of the mean.
    """
    c, book = world.community, world.ledger
    hotel, bank, market = (world.account(n) for n in ("hotel_company", "bank", "market"))
    government, group = world.account("government"), 0
    start, p0 = world.now, schedule.at(world.now)
    years = max(1, -(-(world.horizon_months - start) // 12))
    expense = interest_expense(p0, years)
    target = reserve_target(p0, years)
    dep = depreciation(p0, open_months(p0, years))
    jiewei = np.flatnonzero((c.group == group) & c.member)
    if jiewei.size == 0 and p0.resident_equity > 0:
        raise CaseDataError(  # (a ParameterError cannot cross SimPy's re-raise: it rebuilds
            # the exception from its args)
            f"HotelParams.resident_equity must be 0 when the Jiewei group (group 0) has no "
            f"member households, got {p0.resident_equity!r}"
        )
    # each member household is asked for its part of the residents' equity, pro rata to its
    # size, and pays it only from the cash it holds (never below zero)
    asked = p0.resident_equity * c.size[jiewei] / max(int(c.size[jiewei].sum()), 1)
    contribution = np.minimum(asked, np.maximum(book.balance[jiewei], 0.0))
    collective = world.collective(group)
    # collective 0 pays from its cash beyond this month's debt service; outside investors
    # take up the shares the residents and the collective cannot pay for (the equity and
    # the loan are unchanged)
    own = float(book.balance[collective]) - float(
        debt_service_due(world, np.array([collective]))[0]
    )
    paid = np.array([contribution.sum(), min(p0.collective_equity, max(own, 0.0)), 0.0])
    paid[2] = p0.equity - paid[0] - paid[1]
    split = paid / p0.equity
    # a member household's part of the residents' dividends: what it actually paid in
    stake = contribution / paid[0] if paid[0] > 0 else np.zeros(jiewei.size)
    book.collect(hotel, jiewei, contribution, Source.INVESTMENT)  # members -> hotel
    book.pay(collective, hotel, float(paid[1]), Source.INVESTMENT)  # collective 0 -> hotel
    book.pay(market, hotel, float(paid[2]), Source.INVESTMENT)  # outside investors -> hotel
    loan = None
    if p0.loan > 0:  # bank -> hotel, serviced monthly by the engine
        loan = world.loans.lend(
            bank,
            hotel,
            p0.loan,
            rate=p0.loan_rate,
            months=p0.loan_months,
            grace_months=int(p0.construction_months),
        )
    book.pay(hotel, market, p0.building_cost, Source.INVESTMENT)  # hotel -> builders
    opening = start + int(p0.construction_months)
    base = schedule.base  # occupancy: one draw a year, as appraise(rng=...); minus the mean
    occupancy = _beta_occupancy(rng, base.occupancy, base.occupancy_sd, years) - base.occupancy
    gop = revenue_tax = 0.0
    pls: list[tuple[float, ...]] = []  # each month's P&L and additionality, at once
    for p, run in itertools.groupby(range(opening, world.horizon_months), key=schedule.at):
        occ = [min(min(max(float(occupancy[(m - start) // 12]) + p.occupancy, 0.0), 1.0)
               * p.seasonality[m % 12], 1.0) for m in run]  # fmt: skip
        ops = operate(p, np.array(occ), np.asarray(1.0))
        columns = [ops[k].tolist() for k in ("revenue", "gop", "revenue_tax")]
        pls += zip(*columns, [p.additionality] * len(occ), strict=True)
    for month, (sales, gross, tax, new) in zip(range(opening, world.horizon_months), pls,
                                               strict=True):  # fmt: skip
        yield world.wait_until(month)
        book.pay(market, hotel, sales, Source.SALES)  # guests -> hotel
        book.pay(hotel, market, sales - gross, Source.OPERATIONS)  # staff, supplies
        book.pay(hotel, government, tax, Source.TAX)  # business tax
        book_displaced_taxes(book, government, market, tax, new)  # the other firms' tax
        gop, revenue_tax = gop + gross, revenue_tax + tax
        t, m = divmod(month - start, 12)
        if m == 11:  # year end: income tax, then dividends by equity from free cash
            p = schedule.at(month)
            year = profit(p, gop, revenue_tax, dep[t], expense[t])
            book.pay(hotel, government, float(year["income_tax"]), Source.TAX)
            book_displaced_taxes(
                book, government, market, float(year["income_tax"]), p.additionality
            )
            free = float(book.balance[hotel]) - float(target[t])
            if loan is not None:
                loans = world.loans
                if loans.in_default(hotel) or loans.arrears_months[loan] > 0:
                    free = 0.0  # debt service unpaid: no dividend
                elif loans.active[loan]:
                    free -= float(loans.due()[loan])  # December's payment, due after this
            dividends = dividend(p, float(year["net_profit"]), free) * split
            book.pay_households(hotel, jiewei, dividends[0] * stake, Source.DIVIDEND)
            book.pay(hotel, collective, dividends[1], Source.DIVIDEND)
            book.pay(hotel, market, dividends[2], Source.DIVIDEND)
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
