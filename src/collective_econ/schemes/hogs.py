r"""The "Double Hundred" hog scheme (``hog_double_hundred``): hogs fattened on brewery spent grain.

The case (seed-facts.md §2): the Lancang River brewery's **200,000-tonne beer
line** moves to Yun County; its **spent grain (酒糟) feeds hogs**; the
"Double Hundred" demonstration **supports 100 households, each raising 100
or more hogs**. (The brewery's own provincial "Double Hundred" key-project
label is another thing, ``provincial_key_project``: domain-reference.md §0 S5.)

Model
-----
A farm fattens ``hogs_per_batch`` bought piglets all-in/all-out, about two
batches (≈190 hogs sold) a year (domain-reference.md §2a). Of :math:`n`
piglets, :math:`n(1-\mu)s` are sold (:math:`\mu` mortality, :math:`s`
survival of outbreaks); the rest die or are culled (compensated by the
government) after eating half a ration. Spent grain (BSG) is a share
:math:`b` of diet dry matter and replaces :math:`v` kg of compound DM per kg,
so for a compound-only need :math:`D_0` (kg DM) the diet is
:math:`D = D_0 / (1 - b(1 - v))`, with :math:`F = (1-b)D/dm_F` kg of compound
feed and :math:`W = bD/(dm_B u)` kg of wet BSG bought (:math:`u` usable
before it spoils). A batch's margin is

.. math::

    M = n(1-\mu)s\,w\,P_{sale} - n\,c_{pig}(P_{place}) - F p_F - W(p_B + h\,km) - n\,c_o,
    \qquad c_{pig}(P) = c_{pig}\,(1 + \beta (P / \bar P - 1)).

The live hog price (:func:`pig_price_path`) is a cycle with peak/trough
ratio :math:`r`, a pre-Chinese-New-Year seasonal and mean-one AR(1)
lognormal noise :math:`x_m`:

.. math::

    P_m = \bar P\,(1 + a \sin(2\pi m / 12T + \phi))\,(1 + c \cos(2\pi m / 12))\,
          e^{x_m - \sigma_x^2/2}, \qquad a = (r - 1)/(r + 1).

The brewery would sell the grain anyway (its supply is about seven times the
scheme's demand): it gains only its margin over that other sale,
``(bsg_price - bsg_alt_value)`` a tonne (0 by default).

Margins are linear in the price and in survival, so the expected appraisal
(``rng=None``: the mean over a uniform random phase and the noise, i.e.
:math:`\bar P` times the seasonal; outbreaks as expected survival) is the
mean of the random ones.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from typing import Any

import numpy as np
import simpy
from numpy.typing import NDArray

from .. import finance
from ..distributions import Triangular, Uniform
from ..distributions.uncertainty import Uncertainty
from ..economy.community import Community
from ..economy.ledger import Source
from ..economy.population import PopulationHistory, frozen_history
from ..economy.schedule import Schedule
from ..economy.world import World
from ..errors import ParameterError
from ..params import FRACTION, NONNEGATIVE, POSITIVE, Parameters, at_least, between, param
from ..resources import count_rule, months_rule, years_rule
from ._hog_farms import _Farms, still_to_do
from ._hog_farms import growing_months as growing_months
from ._hog_market import (
    BSG_MAX_INCLUSION,
    COSTS,
    DAYS_PER_MONTH,
    Floats,
    Ints,
    SpentGrainBalance,
    _spared,
    _survival,
    batch_margin,
    batch_schedule,
    draw_asf,
    draw_outbreaks,
    pig_price_path,
    piglet_price_at,
    spent_grain_balance,
)
from .base import Appraisal, Scheme, check_horizon, flows_table

__all__ = [
    "BSG_MAX_INCLUSION",
    "COSTS",
    "MIN_HERD",
    "MIN_HERD_RULE",
    "SCHEME",
    "UNCERTAINTIES",
    "HogParams",
    "SpentGrainBalance",
    "appraise",
    "batch_margin",
    "batch_schedule",
    "draw_asf",
    "draw_outbreaks",
    "pig_price_path",
    "piglet_price_at",
    "process",
    "spent_grain_balance",
]

MIN_HERD = 100
"""The scheme's minimum herd: 100 or more hogs per household (seed-facts.md §2)."""
MIN_HERD_RULE = at_least(MIN_HERD)
"""The min_herd rule: a herd below the scheme's minimum is refused (``>= 100``)."""
_SEED = "seed-facts.md §2"
_D2A = "domain-reference.md §2a"
_D2B = "domain-reference.md §2b"
_D5A = "domain-reference.md §5a"
_D8 = "domain-reference.md §8"
_EST = " (estimate)"
_MEAN = "the mean of the range (lowest, most likely, highest) varied in the uncertainty analysis"
# the right-skewed uncertain inputs (low, mode, high); the defaults are their means, so that
# the deterministic appraisal and the simulation agree with the Monte Carlo mean
_TRI = {
    "hog_price": (10.5, 12.0, 13.5),
    "peak_trough_ratio": (1.6, 2.0, 2.5),
    "piglet_price": (250.0, 400.0, 600.0),
    "feed_price": (2.6, 3.0, 3.6),
    "fcr": (2.7, 3.0, 4.0),
    "mortality": (0.03, 0.06, 0.10),
    "bsg_price": (100.0, 200.0, 400.0),
    "outbreak_prob": (0.02, 0.10, 0.20),
    "asf_prob": (0.0, 0.0, 0.06),
    "asf_cull_share": (0.2, 0.4, 0.6),
    "asf_price_spike": (0.5, 1.0, 2.0),
}
_M = {k: sum(v) / 3.0 for k, v in _TRI.items()}


@dataclass(frozen=True, slots=True, kw_only=True)
class HogParams(Parameters):
    """Parameters of the ``hog_double_hundred`` scheme (defaults: the Caopijie case)."""

    households: int = param(100, unit="farms", rule=count_rule(1), source=_SEED)
    hogs_per_batch: int = param(100, unit="head", rule=MIN_HERD_RULE, source=_SEED)
    build_months: int = param(6, unit="months", rule=months_rule(0), source="estimate")
    days_to_finish: int = param(150, unit="days", rule=at_least(1), source=_D8 + " (120-180)")
    cleaning_days: int = param(30, unit="days", rule=NONNEGATIVE, source="estimate")
    piglet_weight_kg: float = param(20.0, unit="kg", rule=POSITIVE, source=_D8)
    finish_weight_kg: float = param(110.0, unit="kg", rule=POSITIVE, source=_D8 + " (100-120)")
    fcr: float = param(
        _M["fcr"],
        unit="kg feed/kg gain",
        rule=POSITIVE,
        source=_MEAN + ": " + _D8 + " 2.7-3.0-4.0",
    )
    mortality: float = param(
        _M["mortality"],
        unit="fraction",
        rule=between(0, 0.5),
        source=_MEAN + ": " + _D8 + " 3-6-10% (estimate)",
    )
    hog_price: float = param(12.0, unit="yuan/kg live", rule=POSITIVE, source=_D8 + " (2010)")
    peak_trough_ratio: float = param(
        _M["peak_trough_ratio"], unit="ratio", rule=at_least(1), source=_MEAN + ": " + _D2A
    )
    cycle_years: float = param(3.5, unit="years", rule=between(1, 10), source=_D2A + " (3-4)")
    price_noise_sd: float = param(0.03, unit="log/month", rule=between(0, 0.5), source="estimate")
    price_noise_ar: float = param(0.8, unit="1/month", rule=between(0, 0.99), source="estimate")
    cny_amplitude: float = param(0.03, unit="fraction", rule=between(0, 0.2), source="estimate")
    piglet_price: float = param(
        _M["piglet_price"], unit="yuan/head", rule=NONNEGATIVE, source=_MEAN + ": " + _D8
    )
    piglet_pass_through: float = param(1.0, unit="fraction", rule=FRACTION, source="estimate")
    feed_price: float = param(
        _M["feed_price"], unit="yuan/kg", rule=NONNEGATIVE, source=_MEAN + ": " + _D8
    )
    feed_dm: float = param(0.88, unit="fraction", rule=between(0.5, 1), source="estimate")
    other_cost_per_head: float = param(40.0, unit="yuan/head", rule=NONNEGATIVE, source="estimate")
    beer_output_t: float = param(200_000.0, unit="t beer/yr", rule=NONNEGATIVE, source=_SEED)
    bsg_yield: float = param(0.186, unit="t wet/t beer", rule=FRACTION, source=_D2B)
    bsg_dm: float = param(0.21, unit="fraction", rule=between(0.1, 1), source=_D8)
    bsg_inclusion: float = param(
        0.20, unit="share of diet DM", rule=between(0, BSG_MAX_INCLUSION), source=_D2B
    )
    bsg_feed_value: float = param(0.85, unit="kg DM/kg DM", rule=FRACTION, source="estimate")
    bsg_price: float = param(
        _M["bsg_price"], unit="yuan/t wet", rule=NONNEGATIVE, source=_MEAN + ": " + _D8 + _EST
    )
    bsg_alt_value: float = param(
        _M["bsg_price"],
        unit="yuan/t wet",
        rule=NONNEGATIVE,
        source="estimate: the mean price the farms pay for the grain: a large brewery's "
        "spent grain is sold in bulk to dairy and cattle farms at a market price "
        "(Ben-Hamed, Seddighi and Thomas 2011, Int. J. Econ. Manag. Eng. 5(2)), and its "
        "37,000 t a year far exceed the scheme's 5,000 t",
        doc="What the brewery would get for the grain the farms take without the scheme "
        "(sold to other livestock farms); its gain is (bsg_price - this) a tonne",
    )
    bsg_usable: float = param(0.9, unit="fraction", rule=between(0.05, 1), source="estimate")
    haul_km: float = param(10.0, unit="km", rule=NONNEGATIVE, source="estimate")
    haul_cost_per_t_km: float = param(2.0, unit="yuan/t/km", rule=NONNEGATIVE, source="estimate")
    outbreak_prob: float = param(
        _M["outbreak_prob"], unit="1/year", rule=FRACTION, source=_MEAN + " (estimate)"
    )
    outbreak_farm_share: float = param(0.3, unit="fraction", rule=FRACTION, source="estimate")
    outbreak_loss: float = param(0.5, unit="fraction", rule=FRACTION, source="estimate")
    cull_compensation: float = param(
        800.0, unit="yuan/head", rule=NONNEGATIVE, source=_D2A + " (pre-ASF)"
    )
    pen_cost_per_head: float = param(
        450.0, unit="yuan/place", rule=NONNEGATIVE, source=_D2A + _EST
    )
    pen_life_years: int = param(15, unit="years", rule=years_rule(1), source="estimate")
    per_head_subsidy: float = param(0.0, unit="yuan/hog", rule=NONNEGATIVE, source="policy lever")
    farm_grant: float = param(10_000.0, unit="yuan/farm", rule=NONNEGATIVE, source=_D2A + _EST)
    loan_per_farm: float = param(40_000.0, unit="yuan/farm", rule=NONNEGATIVE, source=_D2A + _EST)
    loan_rate: float = param(0.054, unit="1/year", rule=between(0, 1), source=_D5A)
    loan_years: int = param(3, unit="years", rule=years_rule(1), source="estimate")
    interest_subsidy: float = param(0.5, unit="fraction", rule=FRACTION, source="estimate")
    credit_line: float = param(
        50_000.0,
        unit="yuan/farm",
        rule=NONNEGATIVE,
        source="estimate: RCC loans to specialised livestock households of 30,000-100,000",
    )
    credit_rate: float = param(
        0.069,
        unit="1/year",
        rule=between(0, 0.99),
        source=_D5A + ": 1-yr benchmark 5.31% x 1.3, an RCC float (ceiling 2.3x)",
    )
    credit_months: int = param(
        12, unit="months", rule=months_rule(2), source="estimate: one-year working-capital loans"
    )
    exit_after_losses: int = param(
        3,
        unit="batches",
        rule=at_least(1),
        source="estimate: a farm quits after 3 losses in a row",
    )
    closure_month: int = param(
        0,
        unit="month of the run (0: never)",
        rule=months_rule(0),
        source="policy lever: never by default; no-raising zones (禁养区) were drawn by 2017 "
        "under the 2014 Regulation and the 2015 Water Pollution Action Plan (month 84 = Jan "
        "2017 from a 2010 start, for a scenario that closes the farms)",
    )
    asf_prob: float = param(
        _M["asf_prob"],
        unit="1/year",
        rule=FRACTION,
        source=_MEAN + ": one ASF-scale shock (2018-19) in decades (estimate)",
    )
    asf_cull_share: float = param(
        _M["asf_cull_share"],
        unit="fraction of farms",
        rule=FRACTION,
        source=_MEAN + ": " + _D2A + " (herd -41% in 2019)",
    )
    asf_price_spike: float = param(
        _M["asf_price_spike"],
        unit="fraction above the path",
        rule=between(0, 5),
        source=_MEAN + ": " + _D2A + " (live price 35-40 yuan/kg, 2-3x, at the 2019-20 peak)",
    )
    asf_months: int = param(
        18, unit="months", rule=months_rule(1), source=_D2A + ": 2019-20 high prices (estimate)"
    )

    def _check(self) -> None:
        if self.finish_weight_kg <= self.piglet_weight_kg:
            raise ParameterError(
                "finish_weight_kg",
                f"> piglet_weight_kg ({self.piglet_weight_kg:g})",
                self.finish_weight_kg,
                owner=type(self).__name__,
            )

    @property
    def amplitude(self) -> float:
        """Relative amplitude of the price cycle, :math:`(r - 1) / (r + 1)`."""
        return (self.peak_trough_ratio - 1.0) / (self.peak_trough_ratio + 1.0)

    @property
    def cycle_months(self) -> float:
        """Months from one batch's placement to the next (growth + cleaning)."""
        return (self.days_to_finish + self.cleaning_days) / DAYS_PER_MONTH

    @property
    def batches_per_year(self) -> float:
        """Batches a farm finishes in a year."""
        return 12.0 / self.cycle_months


def appraise(
    params: HogParams, *, horizon_years: int = 20, rng: np.random.Generator | None = None
) -> Appraisal:
    """Yearly cash flows of the ``hog_double_hundred`` scheme per stakeholder.

    Pens are built, the loan drawn and the grant paid at t = 0; pens are
    rebuilt every ``pen_life_years`` and their remaining value counts at the
    horizon. Piglets are paid at placement, all else at sale.

    Parameters
    ----------
    params : HogParams
        The scheme's parameters.
    horizon_years : int, default 20
        Years after the investment year.
    rng : numpy.random.Generator, optional
        Draws one price path and the outbreaks; without it, expected values.

    Returns
    -------
    Appraisal
        Flows of households, government, firm (the brewery) and bank, with
        items of shape (T,): ``hog_price`` (yearly mean, yuan/kg), the
        :func:`batch_margin` keys summed over the year, ``grant``,
        ``interest_subsidy``, ``debt_service``, ``pen_investment``,
        ``residual_value``, ``bsg_supply_t`` and ``per_household`` (yuan per farm).

    Examples
    --------
    Each farm sells about 190 hogs a year (domain-reference.md §2a: about
    200) and, at the means of the uncertain inputs, earns about 20 yuan a hog
    in an average year (about 100 at their modes):

    >>> a = appraise(HogParams())
    >>> round(float(a.items["hogs_sold"][5]) / 100, -1)
    190.0
    >>> int((a.items["margin"][5] / a.items["hogs_sold"][5]).round(-1))
    20
    """
    horizon = check_horizon(horizon_years)
    p, T, t = params, horizon + 1, np.arange(horizon + 1)
    prices = pig_price_path(p, 12 * T, None if rng is None else (s := rng.spawn(4))[0])
    farm, place, sale = batch_schedule(p, 12 * T)
    if rng is None:  # expected survival E[(1 - L)^hits], hits ~ Binomial(months held, p_m f)
        p_month = 1.0 - (1.0 - p.outbreak_prob) ** (1.0 / 12.0)
        survival = (1.0 - p_month * p.outbreak_farm_share * p.outbreak_loss) ** (sale - place)
        asf_month = 1.0 - (1.0 - p.asf_prob) ** (1.0 / 12.0)
        survival = survival * (1.0 - asf_month * p.asf_cull_share) ** (sale - place)
        prices = prices * draw_asf(p, 12 * T, None)[1]
    else:  # the process's streams, in its order
        survival = _survival(p, draw_outbreaks(p, 12 * T, s[1]), farm, place, sale)
        culled, spike = draw_asf(p, 12 * T, s[2])
        prices = prices * spike
        survival = survival * _spared(culled, farm, place, sale)
    grain = spent_grain_balance(p)
    pig = piglet_price_at(p, prices[place])
    b = batch_margin(p, prices[sale], piglet_price=pig, bsg_share=grain.share, survival=survival)

    def per_year(month: Ints, v: Floats) -> Floats:
        w = np.broadcast_to(v, month.shape)
        return np.bincount(month // 12, weights=w, minlength=T).astype(np.float64)

    y = {k: per_year(sale, v) for k, v in b.items()}
    y["piglet_cost"] = per_year(place, b["piglet_cost"])  # paid at placement
    y["margin"] = y["revenue"] - np.sum([y[c] for c in COSTS], axis=0)

    pen = p.households * p.hogs_per_batch * p.pen_cost_per_head  # paid to builders (outside)
    built = ((t % p.pen_life_years == 0) & (t < horizon)) | (t == 0)
    residual = np.where(t == horizon, pen * (1 - (horizon - t[built][-1]) / p.pen_life_years), 0)
    grant = np.where(t == 0, p.households * p.farm_grant, 0.0)  # government -> households

    loan = p.households * p.loan_per_farm  # bank -> households at t = 0
    draw = np.where(t == 0, loan, 0.0)
    interest, repaid = np.zeros(T), np.zeros(T)
    sched = finance.loan_schedule(loan, p.loan_rate, p.loan_years)
    n = min(horizon, p.loan_years)
    interest[1 : n + 1], repaid[1 : n + 1] = sched.interest[:n], sched.principal[:n]
    repaid[-1] += loan - repaid.sum()  # a balance still owed at the horizon is settled
    interest_subsidy = p.interest_subsidy * interest  # government -> bank
    debt_service = interest + repaid - interest_subsidy  # households -> bank

    # hogs, piglets, feed, haulage and other costs: with the outside market
    transfers = y["compensation"] + y["subsidy"] + grant  # government -> households
    households = y["margin"] + transfers + draw - debt_service - pen * built + residual
    flows = flows_table(
        horizon,
        households=households,
        government=-(transfers + interest_subsidy),
        # the brewery sells the farms grain it would have sold others: its margin over that
        firm=y["bsg_cost"] - y["bsg_forgone"],
        bank=interest + repaid - draw,
    )
    items = y | {
        "hog_price": prices.reshape(T, 12).mean(axis=1),
        "grant": grant,
        "interest_subsidy": interest_subsidy,
        "debt_service": debt_service,
        "pen_investment": pen * built,
        "residual_value": residual,
        "bsg_supply_t": np.full(T, grain.supply_t),
        "per_household": households / p.households,
    }
    return Appraisal("hogs", flows, items=items)


def process(
    world: World, schedule: Schedule[HogParams], rng: np.random.Generator
) -> Generator[simpy.Event, Any, None]:
    """The Double Hundred in a simulation: farm starts, credit, placements, sales, exits.

    Draws as :func:`appraise` does (one :func:`pig_price_path`, then
    :func:`draw_outbreaks` and :func:`draw_asf`, base parameters), then the
    ``households`` farms among landless-target agricultural households with a
    working-age member. A farm starts when its household loses its land (month 0
    at the earliest): its first working-age member is occupied from then on; it
    gets a grant (government -> households, INVESTMENT) and a start-up loan from
    the bank in ``world.loans`` (``loan_per_farm`` over ``loan_years`` at the
    rate net of the government's ``interest_subsidy``; the government pays the
    bank the subsidised share of each year's interest, OPERATIONS) and builds
    pens (households -> market, INVESTMENT; again every ``pen_life_years``).
    Its batches follow :func:`batch_schedule` from its start.

    Every payment comes from the farm household's cash: a farm places a batch
    only if its cash and its credit line (``credit_line`` yuan of
    working-capital loans from the bank at ``credit_rate`` over
    ``credit_months``, interest only until the sale) pay for the piglets;
    otherwise it skips that batch (a pause). Feed, haulage, other costs and
    spent grain are bought on the suppliers' credit and paid at the sale,
    after the revenue, from cash and then the credit line; what still cannot
    be paid is lost by the suppliers and the farm exits. At each sale the brewery
    pays the market the other sale it forgoes of the grain the farms paid for
    (``bsg_forgone`` times the share paid, at ``bsg_alt_value``: the appraisal's firm
    row), so its account holds its margin over that sale. A farm also exits
    after ``exit_after_losses`` losing batches in a row or a default on any
    loan: it sells the batch it has, places no more and its worker is free.
    A worker who dies, leaves or turns 60 hands the farm to the household's
    first other member present and of working age; with none, the farm exits.
    With ``closure_month`` > 0 (no-raising zones), no batch is placed that
    would sell after that month, and every farm closes then.

    Raises
    ------
    ParameterError
        When called, if fewer households than ``households`` are eligible.
    """
    base, months = schedule.base, world.horizon_months
    price_rng, outbreak_rng, asf_rng, who_rng = rng.spawn(4)  # by month: horizon-free
    prices = pig_price_path(base, months, price_rng)  # (appraise draws the same)
    hit = draw_outbreaks(base, months, outbreak_rng)
    culled, spike = draw_asf(base, months, asf_rng)
    first, hh = _participants(world.community, base.households, who_rng, world.population)
    return _farming(world, schedule, prices * spike, hit, culled, first, hh)


def _farming(
    world: World,
    schedule: Schedule[HogParams],
    prices: Floats,
    hit: NDArray[np.bool_],
    culled: NDArray[np.bool_],
    first: NDArray[np.intp],
    hh: NDArray[np.intp],
) -> Generator[simpy.Event, Any, None]:
    """The process of :func:`process`, on its draws: farm i is household ``hh[i]``."""
    book, loans, base, months, n = (
        world.ledger, world.loans, schedule.base, world.horizon_months, hh.size
    )  # fmt: skip
    market, government, bank, brewery = (
        world.account(x) for x in ("market", "government", "bank", "brewery")
    )
    start = np.maximum(world.community.expropriation_month[hh], 0)
    growing = int(np.ceil(base.days_to_finish / DAYS_PER_MONTH)) + 1
    farm, place, sale = batch_schedule(base, months + growing)  # farms can't see the end coming
    place, sale = place + start[farm], sale + start[farm]
    farm, place, sale = (x[place < months] for x in (farm, place, sale))
    piglets, revenue, costs, grain, transfers, forgone = np.zeros((6, farm.size))  # yuan/batch
    # the path was drawn at the base mean price; a dated change of ``hog_price``
    # scales it (the cycle's shape stays the one drawn)
    level = np.ones(months)
    for p, now in _versions(schedule, np.arange(months)):
        level[now] = p.hog_price / base.hog_price
    price = prices * level  # places and sales all fall within the run
    for p, now in _versions(schedule, place):  # piglets at the prices of their month
        pig = piglet_price_at(p, price[place[now]])
        piglets[now] = batch_margin(p, price[place[now]], piglet_price=pig)["piglet_cost"]
    sold = np.flatnonzero(sale < months)
    for p, now in _versions(schedule, sale[sold]):
        i = sold[now]
        pig = piglet_price_at(p, price[place[i]])
        survival = _survival(p, hit, farm[i], place[i], sale[i])
        survival = survival * _spared(culled, farm[i], place[i], sale[i])
        share = spent_grain_balance(p).share
        b = batch_margin(p, price[sale[i]], piglet_price=pig, bsg_share=share, survival=survival)
        revenue[i], grain[i], forgone[i] = b["revenue"], b["bsg_cost"], b["bsg_forgone"]
        costs[i] = b["feed_cost"] + b["haulage_cost"] + b["other_cost"]
        transfers[i] = b["compensation"] + b["subsidy"]
    net = revenue + transfers - piglets - costs - grain
    if base.closure_month > 0:  # no batch that would sell after the closure
        keep = sale < base.closure_month
        farm, place, sale = farm[keep], place[keep], sale[keep]
        piglets, revenue, costs, grain, transfers, net, forgone = (
            x[keep] for x in (piglets, revenue, costs, grain, transfers, net, forgone)
        )
    bills_of, losing = costs + grain, net < 0  # by batch: bills due at the sale, a loss
    by_place = np.argsort(place, kind="stable")
    by_sale = np.argsort(sale, kind="stable")
    repay, rebuild = _farm_months(schedule, start, months)
    closing = [base.closure_month] if 0 < base.closure_month < months else []
    events = np.unique(np.concatenate([start, place, sale, repay, rebuild, closing]))
    events = events[events < months].astype(np.int64)
    # each event's placements and sales: by_place[place_lo[k]:place_hi[k]], ...
    place_lo, place_hi, sale_lo, sale_hi = (
        np.searchsorted(x[by], events, side).tolist()
        for x, by in ((place, by_place), (sale, by_sale))
        for side in ("left", "right")
    )
    home_of = hh[farm]  # each batch's household
    running = np.zeros(n, dtype=bool)  # started and not exited
    placed = np.zeros(farm.size, dtype=bool)
    losses = np.zeros(n, dtype=np.int64)
    startup = np.full(n, -1, dtype=np.intp)  # each farm's start-up loan in the book
    opening = np.zeros(n)  # its principal at the last anniversary
    lines: list[list[int]] = [[] for _ in range(n)]  # each farm's working-capital loans
    farms = _Farms(world, hh, first, running, lines)
    static = world.population.static  # nobody dies or leaves: workers only age
    todo = None  # once every farm has quit for good: the events with something left to do
    anniversaries = _anniversaries(start, months)  # in other months, no farm starts,
    # builds pens or owes a year's interest: those steps are passed over
    for k, month in enumerate(events.tolist()):
        # every event month, even with nothing to do: the same SimPy events, in the same order
        yield world.wait_until(month)
        if todo is not None and not todo[k]:
            continue  # no farm, batch or subsidy concerned: a wake-up of a few microseconds
        p = schedule.at(month)
        if closing and month == closing[0]:
            farms.exit(np.flatnonzero(running))
        if not static and farms.workers_due(month):  # a worker who died, left or turned 60:
            farms.replace_workers()  # another member, or it exits
        if month in anniversaries:  # a farm may start, build pens or owe a year's interest
            age = month - start
            new = np.flatnonzero(age == 0)
            if 0 < base.closure_month <= month:  # no new farm in a no-raising zone
                new = new[:0]
            if new.size:  # the bank lends no start-up loan to a household in default
                new = new[~loans.defaulted(hh[new])]
            if new.size:
                world.occupy(first[new])
                running[new] = True
                farms.hired(new, month)
                book.pay_households(government, hh[new], p.farm_grant, Source.INVESTMENT)
                rate = (1.0 - p.interest_subsidy) * p.loan_rate
                if p.loan_per_farm > 0:  # interest only in year 0, as appraised
                    startup[new] = loans.lend_many(
                        bank, hh[new], np.full(new.size, float(p.loan_per_farm)), rate=rate,
                        months=12 * (p.loan_years + 1), grace_months=12,
                    )  # fmt: skip
                    opening[new] = p.loan_per_farm
            pens = np.flatnonzero(running & (age >= 0) & (age % (12 * base.pen_life_years) == 0))
            if pens.size:  # households -> builders (market), from cash and the credit line
                cost = p.hogs_per_batch * p.pen_cost_per_head
                ok = farms.fund(pens, np.full(pens.size, cost), p)
                book.collect(market, hh[pens[ok]], cost, Source.INVESTMENT)
                farms.exit(pens[~ok])
            due = np.flatnonzero((startup >= 0) & (age > 0) & (age % 12 == 0))
            if due.size:  # the government's share of a year's interest on the start-up loans
                now_owed = loans.principal[startup[due]] * loans.active[startup[due]]
                subsidy = p.interest_subsidy * p.loan_rate * 0.5 * (opening[due] + now_owed)
                opening[due] = now_owed
                book.pay(government, bank, float(subsidy.sum()), Source.OPERATIONS)
        i = by_sale[sale_lo[k] : sale_hi[k]]
        if i.size:
            i = i[placed[i]]
        if i.size:  # sales: buyers -> farms, then farms -> suppliers and brewery
            f, who = farm[i], home_of[i]
            income = revenue[i]  # settle/collect_summed: pay_households/collect, bit for bit
            book.settle_summed(market, who, income, float(income.sum()), Source.HOGS)
            if transfers[i].any():  # government: culling compensation, head subsidy
                book.pay_households(government, who, transfers[i], Source.SUBSIDY)
            bills = bills_of[i]
            farms.fund(f, bills, p, partial=True)
            paid = np.minimum(bills, np.maximum(book.balance[who], 0.0))
            losses[f] = np.where(losing[i], losses[f] + 1, 0)
            quits = losses[f] >= p.exit_after_losses
            if (paid < bills).any():  # some cannot pay in full: each pays a share of its bills
                frac = np.divide(paid, bills, out=np.ones_like(bills), where=bills > 0)
                book.collect(market, who, costs[i] * frac, Source.HOGS)
                book.collect(brewery, who, grain[i] * frac, Source.HOGS)
                farms.unpaid += float((bills - paid).sum())
                quits |= paid < bills - 1e-6
                other = forgone[i] * frac
            else:  # all paid in full (a share of 1: the same amounts)
                for payee, bill in ((market, costs[i]), (brewery, grain[i])):
                    book.collect_summed(payee, who, bill, float(bill.sum()), Source.HOGS)
                other = forgone[i]
            farms.exit(f[quits])
            # the brewery's other buyers (the market) keep what they would have paid for the
            # grain the farms paid for (so the brewery pays it from what they paid it)
            book.pay(brewery, market, float(other.sum()), Source.HOGS)
        farms.exit(farms.defaulted())
        j = by_place[place_lo[k] : place_hi[k]]
        if j.size:
            j = j[running[farm[j]]]
        if j.size:  # placements: farms -> piglet sellers, if cash and credit allow
            ok = farms.fund(farm[j], piglets[j], p)
            funded = int(np.count_nonzero(ok))
            if funded < j.size:  # the others skip this batch: a pause
                farms.paused += j.size - funded
                j = j[ok]
            placed[j] = True
            if funded:
                pig = piglets[j]
                book.collect_summed(market, home_of[j], pig, float(pig.sum()), Source.HOGS)
        if todo is None and not running.any() and not np.any(start > month):
            todo = still_to_do(events, month, start, sale[placed], startup, opening, loans)


def _participants(
    c: Community,
    n: int,
    rng: np.random.Generator,
    population: PopulationHistory | None = None,
) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Each farm's worker (a person slot of ``population``) and household, drawn with ``rng``.

    The worker is the household's first member present and of working age in
    the month its farm starts (the month it loses its land, month 0 at the
    earliest). Without ``population``: the community's persons, ageing only.
    """
    pop = frozen_history(c, 1) if population is None else population
    start = np.maximum(c.expropriation_month, 0)[pop.household]  # by person slot
    working = np.zeros(pop.n_slots, dtype=bool)
    for month in np.unique(start).tolist():  # one pass per wave, not per person
        here = start == month
        working[here] = pop.working_age_at(month)[here]
    workers = np.flatnonzero(working)
    households, at = np.unique(pop.household[workers], return_index=True)
    first = np.full(c.n_households, -1, dtype=np.intp)
    first[households] = workers[at]
    eligible = np.flatnonzero(c.landless_target & c.agricultural & (first >= 0))
    if eligible.size < n:
        raise ParameterError(
            "households",
            f"<= landless agricultural households of working age ({eligible.size})",
            n,
            owner="HogParams",
        )
    hh = rng.choice(eligible, size=n, replace=False)
    return first[hh], hh


def _versions(
    schedule: Schedule[HogParams], month: Ints
) -> Generator[tuple[HogParams, NDArray[np.bool_]]]:
    """The schedule's versions, each with the mask of ``month`` entries it is in force for."""
    bounds = np.array([0, *schedule.change_months])
    version = np.searchsorted(bounds, month, side="right") - 1
    for v in np.unique(version).tolist():
        yield schedule.at(int(bounds[v])), version == v


def _anniversaries(start: Ints, months: int) -> set[int]:
    """The months a farm that starts in month ``start`` turns a whole number of years old.

    Only in these can a farm start (age 0), build its pens (every ``pen_life_years``)
    or owe a year's interest on its start-up loan (age 12, 24, ...).
    """
    return set((start[:, None] + 12 * np.arange(months // 12 + 1)).ravel().tolist())


def _farm_months(schedule: Schedule[HogParams], start: Ints, months: int) -> tuple[Ints, Ints]:
    """Months of the farms' yearly loan repayments and pen rebuilding."""
    p = schedule.base
    years = max(schedule.at(m).loan_years for m in (0, *schedule.change_months))
    repay = (start[:, None] + 12 * np.arange(1, years + 1)).ravel()
    rebuild = (start[:, None] + 12 * p.pen_life_years * np.arange(1, months // 12 + 1)).ravel()
    return repay[repay < months], rebuild[rebuild < months]


_PAIRS = {(0, 3): 0.8, (0, 4): 0.6, (3, 4): 0.5}  # hog_price, piglet_price, feed_price


def _tri(name: str) -> Triangular:
    low, mode, high = _TRI[name]
    return Triangular(low=low, mode=mode, high=high)


UNCERTAINTIES: tuple[Uncertainty, ...] = (
    Uncertainty(
        "hog_price",
        _tri("hog_price"),
        _D8 + ": mean over the cycle 12 (cycle range 9-19); estimate of its uncertainty",
    ),
    Uncertainty("cycle_years", Uniform(low=3.0, high=4.0), _D2A + ": 3-4 years"),
    Uncertainty("peak_trough_ratio", _tri("peak_trough_ratio"), _D2A + ": about 2"),
    Uncertainty("piglet_price", _tri("piglet_price"), _D8),
    Uncertainty("feed_price", _tri("feed_price"), _D8),
    Uncertainty("fcr", _tri("fcr"), _D8),
    Uncertainty("mortality", _tri("mortality"), _D8),
    Uncertainty("bsg_price", _tri("bsg_price"), _D8 + _EST),
    Uncertainty("outbreak_prob", _tri("outbreak_prob"), "estimate"),
    Uncertainty(
        "asf_prob", _tri("asf_prob"), "estimate: one ASF-scale shock (2018-19) in decades"
    ),
    Uncertainty("asf_cull_share", _tri("asf_cull_share"), _D2A + ": herd -41%, sows -39%"),
    Uncertainty("asf_price_spike", _tri("asf_price_spike"), _D2A + ": live price 2-3x at peak"),
)

CORRELATION: tuple[tuple[float, ...], ...] = tuple(
    tuple(
        1.0 if i == j else _PAIRS.get((min(i, j), max(i, j)), 0.0)
        for j in range(len(UNCERTAINTIES))
    )
    for i in range(len(UNCERTAINTIES))
)
"""Rank correlation of UNCERTAINTIES: the mean hog price moves with the piglet price
(0.8) and the feed price (0.6, the hog:grain ratio, domain-reference.md §2a);
estimates."""

SCHEME = Scheme(
    name="hogs",
    title='"Double Hundred" hog farming on brewery spent grain',
    params_type=HogParams,
    appraise=appraise,
    uncertainties=UNCERTAINTIES,
    correlation=CORRELATION,
    summary="100 households x >=100 hogs, about 2 batches a year, 20% of diet DM from spent grain",
    process=process,
    households_needed=lambda p: p.households,
    label="Hog farming",
    label_zh="生猪养殖",
    accounts=("brewery",),
)
