r"""The urban minimum living guarantee (dibao, 低保) for landless households.

The case (seed-facts.md §6): the residents' service station pays the urban
minimum living guarantee. A household whose income per person falls below
the local dibao line receives the gap from the government. The report gives
no line; the Yunnan urban line of 2010 was about 200-250 yuan per person a
month, county towns at the low end (domain-reference.md §7), default 220
(§8, estimate). The national rural poverty line, 2,300 yuan per person a
year in 2010 prices (domain-reference.md §7), is kept as a yardstick.

Model
-----
A household of size :math:`n` with monthly income :math:`y` and the line
:math:`z` (yuan/person/month) is owed

.. math::

    b = \min\big(\max(n z - y, 0),\; c\, n z\big),

with :math:`c` the benefit cap as a share of :math:`n z` (1: no cap). Only a
share ``take_up`` of eligible households claims it (independent of income):
the expected top-up is ``take_up`` x :math:`b`; with ``take_up`` = 1 and no
cap, income plus top-up reaches the line exactly.

For the appraisal, landless households' income per person is lognormal
(mean ``income_mean_month``, coefficient of variation ``income_cv``); the
expected top-up uses the lognormal partial expectation

.. math::

    E[(k - Y)^+] = k\, \Phi(d) - m\, \Phi(d - \sigma), \qquad
    d = \frac{\ln k - \mu}{\sigma},

and :math:`E[\min((z - Y)^+, c z)] = E[(z - Y)^+] - E[((1 - c) z - Y)^+]`.
The line is indexed by rule (``line_indexation``): to prices (constant in
real yuan) or to wages (growing with the real wage level of the price
index, the default: the urban line was about a quarter of urban consumption
per person, so it tracks incomes). In the appraisal incomes grow with the
real wage level too, and by ``income_growth`` a year beyond it. Flows: the government pays, the
households receive, nothing else.
"""

from __future__ import annotations

import math
from collections.abc import Generator
from dataclasses import dataclass
from typing import Any

import numpy as np
import simpy
from numpy.typing import ArrayLike, NDArray
from scipy import special

from ..distributions import Triangular
from ..distributions.uncertainty import Uncertainty
from ..economy.ledger import Source
from ..economy.schedule import Schedule
from ..economy.world import MEANS_TEST_PRIORITY, LateEvent, World
from ..errors import ParameterError
from ..metrics.lines import DIBAO_LINE_MONTH_2010, NATIONAL_RURAL_POVERTY_LINE
from ..params import FRACTION, NONNEGATIVE, POSITIVE, Parameters, between, one_of, param
from ..prices import INDEXATIONS, current, indexation_factor
from ..resources import count_rule
from ._dibao_sizes import size_changes
from .base import Appraisal, Scheme, check_horizon, flows_table

__all__ = [
    "APPRAISAL_ONLY",
    "MEANS_TEST_MONTHS",
    "SCHEME",
    "UNCERTAINTIES",
    "DibaoParams",
    "appraise",
    "asset_eligible",
    "counted_assets",
    "dibao_topup",
    "expected_topup",
    "fiscal_cost",
    "process",
]

Floats = NDArray[np.float64]


@dataclass(frozen=True, slots=True, kw_only=True)
class DibaoParams(Parameters):
    """Parameters of the dibao for landless households (defaults: the Caopijie case)."""

    line_month: float = param(
        DIBAO_LINE_MONTH_2010,
        unit="yuan/person/month",
        rule=NONNEGATIVE,
        source="domain-reference.md §7/§8: Yunnan urban 200-250 in 2010 (estimate)",
    )
    take_up: float = param(
        0.9, unit="fraction", rule=FRACTION, source="estimate: 0.8-1.0 of eligible households"
    )
    benefit_cap_share: float = param(
        1.0,
        unit="fraction of line x size",
        rule=FRACTION,
        source="estimate: largest top-up as a share of the household's line (1: no cap)",
    )
    households: int = param(
        480,
        unit="households",
        rule=count_rule(1),
        source="estimate: 1,826 agricultural residents (seed-facts.md) / 3.8 per household",
    )
    household_size: float = param(
        3.8,
        unit="persons",
        rule=POSITIVE,
        source="domain-reference.md §7/§8: 3.8 (2.9-4.2)",
    )
    income_mean_month: float = param(
        500.0,
        unit="yuan/person/month",
        rule=POSITIVE,
        source="estimate: 6,000 yuan/yr, between Lincang rural (~3,500) and urban (~13,000) "
        "incomes of 2010 (domain-reference.md §7)",
    )
    income_cv: float = param(
        0.5, unit="ratio", rule=POSITIVE, source="estimate: spread of income per person"
    )
    income_growth: float = param(
        0.0,
        unit="1/year",
        rule=between(-0.5, 0.5),
        source="estimate: 0 = incomes grow with the real wage level only",
        doc="appraisal only (refused in a policy): real growth of incomes beyond the price "
        "index's real wage level",
    )
    line_indexation: str = param(
        "wages",
        unit="rule",
        rule=one_of(*INDEXATIONS),
        source="domain-reference.md §7: the urban line was about 25% of urban consumption "
        "per person, so it tracks incomes; Yunnan's urban line rose from about 220 (2010) "
        "to 640 yuan/month (2020), faster than wages",
        doc="'wages': the line grows with the real wage level of the run's [prices] index; "
        "'prices': it keeps its real value",
    )
    asset_test: bool = param(
        True,
        unit="switch",
        source="State Council 2012 No. 45 opinion on the dibao: eligibility tests income and "
        "property; local rules cap financial assets per person (Beijing 2012, China Daily "
        "2012-02-07)",
        doc="refuse households whose financial assets per person (cash, and shares by "
        "shares_counted) exceed asset_limit_months x the line",
    )
    asset_limit_months: float = param(
        24.0,
        unit="months of the line per person",
        rule=NONNEGATIVE,
        source="Beijing 2012 rule: about 12,500 yuan/person urban (line 520/month) and 9,120 "
        "rural (line 380): 24 months of the line (China Daily 2012-02-07)",
    )
    shares_counted: float = param(
        1.0,
        unit="fraction of book value",
        rule=FRACTION,
        source="MCA 2012 No. 220 (dibao review rules, art. 4; under State Council 2012 No. 45): "
        "household property includes deposits, securities (有价证券) and claims (债权); local "
        "rules count securities and paid-in capital at their value in the monetary-asset "
        "limit (Beijing 2012); no rule found that discounts unlisted or not-yet-redeemable "
        "shares (estimate: at par)",
        doc="share of the households' shares (land shares, at par: what redemption would pay) "
        "counted with their cash in the asset test; 0: cash only",
    )


def _checked(income: ArrayLike, size: ArrayLike) -> tuple[Floats, Floats]:
    y = np.asarray(income, dtype=float)
    n = np.asarray(size, dtype=float)
    if not np.all(np.isfinite(y)):
        raise ParameterError("household_income_month", "finite", float(y[~np.isfinite(y)].flat[0]))
    bad = ~(np.isfinite(n) & (n >= 0))
    if np.any(bad):
        raise ParameterError("household_size", "finite and >= 0", float(n[bad].flat[0]))
    return y, n


def dibao_topup(
    params: DibaoParams,
    household_income_month: ArrayLike,
    household_size: ArrayLike,
    *,
    enrolled: ArrayLike | None = None,
    line_month: ArrayLike | None = None,
    assets: ArrayLike | None = None,
    shares: ArrayLike | None = None,
) -> Floats:
    """Monthly dibao top-up of each household, yuan per household per month.

    Parameters
    ----------
    params : DibaoParams
        The line, take-up and cap.
    household_income_month : array_like
        Each household's income before the dibao, yuan/month.
    household_size : array_like
        Persons per household (>= 0); broadcasts with the income.
    enrolled : array_like of bool, optional
        Which households claim (the simulation's persistent take-up): they
        get the full top-up, the others none. Without it, the expected top-up
        ``take_up`` x full top-up.
    line_month : array_like, optional
        The line in yuan/person/month (a later year's line); default
        ``params.line_month``.
    assets : array_like, optional
        Each household's cash and deposits, yuan; with ``asset_test`` on,
        households above the limit (:func:`asset_eligible`) get nothing. Without
        it, no asset test.
    shares : array_like, optional
        Each household's shares at book value, yuan (with ``assets`` only);
        counted by ``shares_counted``.

    Returns
    -------
    ndarray
        Yuan per household per month, >= 0; zero at or above the line.

    Raises
    ------
    ParameterError
        If an income is not finite or a size is negative.

    Examples
    --------
    A family of four on 600 yuan a month is 280 yuan short of the 220-yuan
    line; one on 1,000 yuan is above it.

    >>> p = DibaoParams(take_up=1.0)
    >>> dibao_topup(p, [600.0, 1_000.0], 4)
    array([280.,   0.])
    >>> dibao_topup(DibaoParams(), [600.0, 600.0], 4, enrolled=[True, False])
    array([280.,   0.])

    With 30,000 yuan of savings (7,500 a person, above 24 x 220 = 5,280) the
    first family is refused:

    >>> dibao_topup(p, [600.0, 600.0], 4, assets=[30_000.0, 20_000.0])
    array([  0., 280.])

    Shares count too: with 2,000 yuan of cash and 55,000 of land shares the
    family is refused, unless shares are left out (``shares_counted=0``):

    >>> dibao_topup(p, 600.0, 4, assets=2_000.0, shares=55_000.0)
    array(0.)
    >>> dibao_topup(p.evolve(shares_counted=0.0), 600.0, 4, assets=2_000.0, shares=55_000.0)
    array(280.)
    """
    y, n = _checked(household_income_month, household_size)
    z = params.line_month if line_month is None else np.asarray(line_month, dtype=float)
    owed = _top_up(y, n * z, params.benefit_cap_share * n * z)
    if assets is not None:
        owed = np.where(asset_eligible(params, assets, n, z, shares), owed, 0.0)
    if enrolled is None:
        return np.asarray(params.take_up * owed, dtype=float)
    return np.asarray(np.where(np.asarray(enrolled, dtype=bool), owed, 0.0), dtype=float)


def counted_assets(params: DibaoParams, cash: ArrayLike, shares: ArrayLike | None) -> Floats:
    """The financial assets the asset test counts, yuan: cash + ``shares_counted`` x shares.

    The one formula of the appraisal (:func:`asset_eligible`) and the simulation
    (:func:`process`). Shares are at book value (par: what redemption pays).

    Examples
    --------
    >>> counted_assets(DibaoParams(shares_counted=0.5), [1_000.0], [4_000.0]).tolist()
    [3000.0]
    """
    a = np.asarray(cash, dtype=float)
    if shares is None or params.shares_counted == 0.0:
        return a
    return np.asarray(a + params.shares_counted * np.asarray(shares, dtype=float), dtype=float)


def asset_eligible(
    params: DibaoParams,
    assets: ArrayLike,
    household_size: ArrayLike,
    line_month: ArrayLike,
    shares: ArrayLike | None = None,
) -> NDArray[np.bool_]:
    """Whether each household passes the asset test (all pass with ``asset_test`` off).

    A household passes when its financial assets (:func:`counted_assets`: its
    cash ``assets`` and its ``shares``) per person are at most
    ``asset_limit_months`` x the line (yuan/person/month).

    Examples
    --------
    >>> asset_eligible(DibaoParams(), [5_280.0, 5_281.0], 1, 220.0).tolist()
    [True, False]
    >>> asset_eligible(DibaoParams(), [280.0], 1, 220.0, shares=[5_001.0]).tolist()
    [False]
    >>> asset_eligible(DibaoParams(asset_test=False), [1e9], 1, 220.0).tolist()
    [True]
    """
    a = counted_assets(params, assets, shares)
    n = np.asarray(household_size, dtype=float)
    if not params.asset_test:
        out: NDArray[np.bool_] = np.ones(np.broadcast(a, n).shape, dtype=bool)
        return out
    limit = params.asset_limit_months * np.asarray(line_month, dtype=float) * n
    out = a <= limit
    return out


def _top_up(income: Floats, need: Floats, cap: Floats) -> Floats:
    """The full top-up: ``need`` (size x line) less ``income``, within [0, ``cap``], yuan."""
    return np.minimum(np.maximum(need - income, 0.0), cap)


def fiscal_cost(
    params: DibaoParams, household_income_month: ArrayLike, household_size: ArrayLike
) -> float:
    """Expected yearly cost to the government of the dibao for given households, yuan/year.

    Examples
    --------
    Two families of four, on 600 and 1,000 yuan a month, full take-up:
    12 x 280 = 3,360 yuan a year.

    >>> fiscal_cost(DibaoParams(take_up=1.0), [600.0, 1_000.0], [4, 4])
    3360.0
    """
    return float(12.0 * dibao_topup(params, household_income_month, household_size).sum())


def _partial(k: Floats, mean: Floats, cv: float) -> Floats:
    """E[(k - Y)^+] for Y lognormal with ``mean`` and ``cv`` (k >= 0)."""
    sigma = np.sqrt(np.log1p(cv**2))
    mu = np.log(mean) - sigma**2 / 2.0
    with np.errstate(divide="ignore"):
        d = (np.log(k) - mu) / sigma
    return np.asarray(k * special.ndtr(d) - mean * special.ndtr(d - sigma), dtype=float)


def expected_topup(params: DibaoParams, years: ArrayLike = 0) -> dict[str, Floats]:
    """Expected monthly top-up per household and eligibility, in year(s) ``years``.

    Returns ``topup`` (yuan/household/month, take-up applied), ``eligible``
    (share of households below the line) and ``below_poverty_line`` (share
    below 2,300 yuan/person/year).

    Examples
    --------
    About 6% of landless households fall below the 220-yuan line.

    >>> round(float(expected_topup(DibaoParams())["eligible"]), 3)
    0.067
    """
    p = params
    t = np.asarray(years, dtype=float)
    z = p.line_month * line_level(p, t)
    m = p.income_mean_month * line_level(p, t, "wages") * (1.0 + p.income_growth) ** t
    gap = _partial(z, m, p.income_cv) - _partial((1.0 - p.benefit_cap_share) * z, m, p.income_cv)
    sigma = np.sqrt(np.log1p(p.income_cv**2))
    mu = np.log(m) - sigma**2 / 2.0
    with np.errstate(divide="ignore"):
        eligible = special.ndtr((np.log(z) - mu) / sigma)
        poor = special.ndtr((np.log(NATIONAL_RURAL_POVERTY_LINE / 12.0) - mu) / sigma)
    return {
        "topup": np.asarray(p.take_up * p.household_size * gap, dtype=float),
        "eligible": np.asarray(eligible, dtype=float),
        "below_poverty_line": np.asarray(poor, dtype=float),
    }


def line_level(params: DibaoParams, years: ArrayLike, rule: str | None = None) -> Floats:
    """Real level of the line in years ``years`` after t = 0 (the index's base year), x t = 0's.

    By ``params.line_indexation`` (or ``rule``), with the current price index
    (:func:`collective_econ.prices.indexation_factor`, as
    :meth:`~collective_econ.economy.world.World.indexed` in a simulation).

    >>> round(float(line_level(DibaoParams(), 10)), 2)
    1.52
    >>> float(line_level(DibaoParams(line_indexation="prices"), 10))
    1.0
    """
    index = current()
    t = np.asarray(years, dtype=int)
    rule = params.line_indexation if rule is None else rule
    factor = indexation_factor(rule, index, index.base_year + t, index.base_year, "DibaoParams")
    return np.asarray(factor, dtype=float)


def appraise(
    params: DibaoParams, *, horizon_years: int = 20, rng: np.random.Generator | None = None
) -> Appraisal:
    """Yearly dibao transfers to landless households and their cost to the government.

    Parameters
    ----------
    params : DibaoParams
        The scheme's parameters.
    horizon_years : int, default 20
        Years after t = 0.
    rng : numpy.random.Generator, optional
        Draw which households claim (once) and each household's income per
        person every year; without it, expected values.

    Returns
    -------
    Appraisal
        Households receive, the government pays. Items: ``transfers``
        (yuan/year), ``recipients`` (households), ``eligible_share`` and
        ``below_poverty_line_share`` (before transfers).

    Examples
    --------
    480 landless households: about 30 receive the dibao, at a cost of about
    50,000 yuan a year.

    >>> a = appraise(DibaoParams())
    >>> round(float(a.items["recipients"][0])), round(float(a.items["transfers"][0]), -4)
    (29, 50000.0)
    """
    horizon = check_horizon(horizon_years)
    p = params
    t = np.arange(horizon + 1)
    exp = expected_topup(p, t)
    if rng is None:
        transfers = 12.0 * p.households * exp["topup"]
        recipients = p.households * p.take_up * exp["eligible"]
        eligible, poor = exp["eligible"], exp["below_poverty_line"]
    else:
        enrolled = rng.random(p.households) < p.take_up
        sigma = np.sqrt(np.log1p(p.income_cv**2))
        mean = p.income_mean_month * line_level(p, t, "wages") * (1.0 + p.income_growth) ** t
        pc = mean[:, None] * np.exp(
            sigma * rng.standard_normal((t.size, p.households)) - sigma**2 / 2
        )
        line = p.line_month * line_level(p, t)[:, None]
        size = p.household_size
        top = dibao_topup(p, pc * size, size, enrolled=enrolled, line_month=line)
        transfers = 12.0 * top.sum(-1)
        recipients = (top > 0).sum(-1).astype(float)
        eligible = (pc < line).mean(-1)
        poor = (pc < NATIONAL_RURAL_POVERTY_LINE / 12.0).mean(-1)
    # the government pays, the households receive: nothing leaves or enters from outside
    flows = flows_table(horizon, households=transfers, government=-transfers)
    items = {
        "transfers": transfers,
        "recipients": recipients,
        "eligible_share": eligible,
        "below_poverty_line_share": poor,
    }
    return Appraisal("safety_net", flows, items=items)


UNCERTAINTIES: tuple[Uncertainty, ...] = (
    Uncertainty(
        "line_month",
        Triangular(low=200.0, mode=220.0, high=250.0),
        "domain-reference.md §7/§8: 200-250 yuan/month",
    ),
    Uncertainty("take_up", Triangular(low=0.8, mode=0.9, high=1.0), "estimate: 0.8-1.0"),
    Uncertainty(
        "income_mean_month",
        Triangular(low=350.0, mode=500.0, high=700.0),
        "estimate: between rural and urban incomes (domain-reference.md §7)",
    ),
    Uncertainty("income_cv", Triangular(low=0.35, mode=0.5, high=0.7), "estimate"),
)

APPRAISAL_ONLY = ("income_mean_month", "income_cv", "income_growth")
"""The appraisal's stand-ins for the households' incomes, which a simulation draws itself:
a policy may not give them other values than the scenario's (``Scheme.appraisal_only``)."""

MEANS_TEST_MONTHS = 12
"""Months of income the means test averages over (the month itself and the 11 before)."""

TOLERANCE = 1e-9
"""Relative margin of the means test's first, coarse comparison (income sum against size
x line x months): far above the rounding of that product (a few 1e-16), so that every
household below the line is among its candidates; the exact test follows."""


def process(
    world: World, schedule: Schedule[DibaoParams], rng: np.random.Generator
) -> Generator[simpy.Event, Any, None]:
    """Pay the dibao at the end of every month (a SimPy process on ``world``).

    Every household of the community is means-tested, urban ones too, for the
    persons present that month (:meth:`World.household_sizes`). Its
    assessed income is its mean monthly income before the dibao over the
    last :data:`MEANS_TEST_MONTHS` months (fewer at the start of the run),
    floored at 0, so lumpy incomes (an annual dividend, a hog sale, a month
    of piglet purchases with a negative income) do not swing the top-up from
    month to month. Enrolment is drawn once: household h claims while
    ``u[h] < take_up``, the same households in every month and under every
    policy. The government pays each claimant ``dibao_topup`` (DIBAO).

    With ``asset_test`` on, a claimant whose financial assets per person exceed
    ``asset_limit_months`` x the line that month is refused: its cash balance
    in the ledger (its deposits: compensation kept, savings) plus
    ``shares_counted`` x the book value of the shares it holds
    (:meth:`World.holdings`: land shares at par, read when tested)
    (:func:`counted_assets`, :func:`asset_eligible`'s formula). Houses and the
    debts of the credit line are not counted.

    The month's income is read at the means-test priority, after the month's
    month-end payments (the collectives' December payout), so that they
    count; interest on deposits and debts, settled after it, is left out.
    The top-up is paid before households spend the month's income.
    """
    c = world.community
    book = world.ledger
    government = world.account("government")
    u = rng.random(c.n_households)  # take-up, drawn once
    # persons present, kept up to date: the census's month 0 view, then the changes
    static = world.population.static
    counts = np.array(c.size if static else world.household_sizes(), dtype=np.intp)
    changes = None if static else size_changes(world.population, world.horizon_months)
    bounds = [0] * (world.horizon_months + 1) if changes is None else changes.bounds.tolist()
    largest = int(counts.max(initial=0)) + (0 if changes is None else changes.growth)
    window = np.zeros((MEANS_TEST_MONTHS, c.n_households))  # income before the dibao
    window_sum = np.zeros(c.n_households)
    zero = np.zeros(c.n_households)  # read only
    zero.setflags(write=False)
    low = np.zeros(c.n_households, dtype=bool)
    # The means test looks at the few households that can be below the line: one
    # comparison of every household's income sum with `bound`, a hair (TOLERANCE) above
    # size x line x months for claimants and -inf for the others; the exact test of
    # dibao_topup then runs on those candidates only (a superset of those below).
    # `bound` and the terms of the exact test (size x line, the cap, the asset limit)
    # are looked up in tables by `code`: a claimant's size, or its size + `wide` for
    # the others (column `wide` on: a bound of -inf), kept up to date with the changes
    # of size. The tables hold every size a household reaches (the same products as on
    # the sizes themselves, element by element) and are made anew when the parameters,
    # the line or the months averaged change; `bound` is looked up anew then for every
    # household and, in other months, for the households whose size changed only.
    at, line, months = None, math.nan, 0  # what the tables are for
    line_for: tuple[Any, ...] = ()  # the parameters and calendar year `line_now` is for
    claims = np.zeros(c.n_households, dtype=bool)  # who claims (`enrolled`), for `at`
    wide = largest + 1
    code = counts + wide  # nobody claims before the first month's parameters
    bound = np.zeros(c.n_households)
    sizes = np.arange(wide, dtype=float)  # every size a household reaches
    tables = np.zeros((4, 2 * wide))  # bound, need, cap, limit by `code`
    tables[0, wide:] = -np.inf
    seen = 0  # the month `code` is for
    delay = 0
    while world.now + delay < world.horizon_months:
        # after the month's other payments, month-end ones included: one event a month
        yield LateEvent(world.env, MEANS_TEST_PRIORITY, delay)
        delay = 1
        now = world.now
        slot = now % MEANS_TEST_MONTHS
        income = book.month_income  # this month's income so far, before the dibao
        replaced = window[slot]  # (the scratch array, until it takes this month's income)
        window_sum += np.subtract(income, replaced, out=replaced)  # less the month replaced
        np.copyto(replaced, income)
        p = schedule.at(now)
        if line_for != (p, now // 12):  # World.indexed moves once a calendar year
            line_for, line_now = (p, now // 12), p.line_month * world.indexed(p.line_indexation)
        moved = None
        if now > seen:  # the persons present: who came or went since
            lo, hi = bounds[seen + 1], bounds[now + 1]
            if hi > lo and changes is not None:
                moved = changes.homes[lo:hi]
                if now == seen + 1:  # one month's: distinct households
                    moved_code = code.take(moved) + changes.delta[lo:hi]
                    code[moved] = moved_code
                else:
                    np.add.at(code, moved, changes.delta[lo:hi])
                    moved_code = code.take(moved)
            seen = now
        if p is not at or line_now != line or months != min(now + 1, MEANS_TEST_MONTHS):
            if p is not at:  # who claims: the others never get it
                code -= wide * ~claims  # the sizes
                np.less(u, p.take_up, out=claims)
                code += wide * ~claims
            at, line, months = p, line_now, min(now + 1, MEANS_TEST_MONTHS)
            tables[0, :wide] = sizes * (line * months * (1.0 + TOLERANCE))
            tables[1, :wide] = sizes * line
            tables[2, :wide] = p.benefit_cap_share * sizes * line
            tables[3, :wide] = p.asset_limit_months * line * np.maximum(sizes, 1.0)
            tables[0].take(code, out=bound)
        elif moved is not None:
            bound[moved] = tables[0].take(moved_code)
        # below the line: only among these (at or above it, _top_up gives them 0)
        below = np.less(window_sum, bound, out=low).nonzero()[0]
        # claimants all: their sizes' need, cap and asset limit (rows of one new array)
        need, cap, limit = tables[1:].take(code.take(below), axis=1)
        mean = window_sum.take(below)
        mean /= months
        # _top_up in place: min(max(need - max(mean, 0), 0), cap) (np.maximum with zeros:
        # the same bits as with the scalar 0.0, faster)
        zeros = zero[: below.size]
        top = np.subtract(need, np.maximum(mean, zeros, out=mean), out=need)
        np.minimum(np.maximum(top, zeros, out=top), cap, out=top)
        paid = top > 0.0
        if p.asset_test:  # households' cash and shares per person above the limit: refused
            shares = world.holdings(below) if p.shares_counted else None
            paid &= counted_assets(p, book.balance.take(below), shares) <= limit
        amounts = top[paid]
        if amounts.size:  # the government tops claimants up to the line
            book.settle_summed(
                government, below[paid], amounts, float(np.add.reduce(amounts)), Source.DIBAO
            )


SCHEME = Scheme(
    name="safety_net",
    title="Urban minimum living guarantee (dibao)",
    params_type=DibaoParams,
    appraise=appraise,
    uncertainties=UNCERTAINTIES,
    summary="tops household income up to 220 yuan/person/month; paid by the government",
    process=process,
    appraisal_only=APPRAISAL_ONLY,
    label="Dibao safety net",
    label_zh="低保",
)
