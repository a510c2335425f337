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

Margins are linear in the price and in survival, so the expected appraisal
(``rng=None``: the mean over a uniform random phase and the noise, i.e.
:math:`\bar P` times the seasonal; outbreaks as expected survival) is the
mean of the random ones.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import simpy
from numpy.typing import ArrayLike, NDArray
from scipy import signal

from .. import finance
from ..distributions import Triangular, Uniform
from ..distributions.uncertainty import Uncertainty
from ..economy.community import Community
from ..economy.ledger import Source
from ..economy.schedule import Schedule
from ..economy.world import World
from ..errors import ParameterError
from ..params import FRACTION, NONNEGATIVE, POSITIVE, Parameters, at_least, between, param
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
BSG_MAX_INCLUSION = 0.23
"""Most BSG in a grow-finish diet, share of DM, without loss of gain (domain-reference.md §2b)."""
DAYS_PER_MONTH = 365.0 / 12.0
Floats = NDArray[np.float64]
Ints = NDArray[np.int64]
COSTS = ("piglet_cost", "feed_cost", "bsg_cost", "haulage_cost", "other_cost")
"""The costs of a batch, yuan (keys of :func:`batch_margin`)."""
_SEED = "seed-facts.md §2"
_D2A = "domain-reference.md §2a"
_D2B = "domain-reference.md §2b"
_D5A = "domain-reference.md §5a"
_D8 = "domain-reference.md §8"
_EST = " (estimate)"


@dataclass(frozen=True, slots=True, kw_only=True)
class HogParams(Parameters):
    """Parameters of the ``hog_double_hundred`` scheme (defaults: the Caopijie case)."""

    households: int = param(100, unit="farms", rule=at_least(1), source=_SEED)
    hogs_per_batch: int = param(100, unit="head", rule=MIN_HERD_RULE, source=_SEED)
    build_months: int = param(6, unit="months", rule=NONNEGATIVE, source="estimate")
    days_to_finish: int = param(150, unit="days", rule=at_least(1), source=_D8 + " (120-180)")
    cleaning_days: int = param(30, unit="days", rule=NONNEGATIVE, source="estimate")
    piglet_weight_kg: float = param(20.0, unit="kg", rule=POSITIVE, source=_D8)
    finish_weight_kg: float = param(110.0, unit="kg", rule=POSITIVE, source=_D8 + " (100-120)")
    fcr: float = param(3.0, unit="kg feed/kg gain", rule=POSITIVE, source=_D8 + " (2.7-4.0)")
    mortality: float = param(0.06, unit="fraction", rule=between(0, 0.5), source=_D8 + _EST)
    hog_price: float = param(12.0, unit="yuan/kg live", rule=POSITIVE, source=_D8 + " (2010)")
    peak_trough_ratio: float = param(2.0, unit="ratio", rule=at_least(1), source=_D2A)
    cycle_years: float = param(3.5, unit="years", rule=between(1, 10), source=_D2A + " (3-4)")
    price_noise_sd: float = param(0.03, unit="log/month", rule=between(0, 0.5), source="estimate")
    price_noise_ar: float = param(0.8, unit="1/month", rule=between(0, 0.99), source="estimate")
    cny_amplitude: float = param(0.03, unit="fraction", rule=between(0, 0.2), source="estimate")
    piglet_price: float = param(400.0, unit="yuan/head", rule=NONNEGATIVE, source=_D8)
    piglet_pass_through: float = param(1.0, unit="fraction", rule=FRACTION, source="estimate")
    feed_price: float = param(3.0, unit="yuan/kg", rule=NONNEGATIVE, source=_D8 + " (2.6-3.6)")
    feed_dm: float = param(0.88, unit="fraction", rule=between(0.5, 1), source="estimate")
    other_cost_per_head: float = param(40.0, unit="yuan/head", rule=NONNEGATIVE, source="estimate")
    beer_output_t: float = param(200_000.0, unit="t beer/yr", rule=NONNEGATIVE, source=_SEED)
    bsg_yield: float = param(0.186, unit="t wet/t beer", rule=FRACTION, source=_D2B)
    bsg_dm: float = param(0.21, unit="fraction", rule=between(0.1, 1), source=_D8)
    bsg_inclusion: float = param(
        0.20, unit="share of diet DM", rule=between(0, BSG_MAX_INCLUSION), source=_D2B
    )
    bsg_feed_value: float = param(0.85, unit="kg DM/kg DM", rule=FRACTION, source="estimate")
    bsg_price: float = param(200.0, unit="yuan/t wet", rule=NONNEGATIVE, source=_D8 + _EST)
    bsg_usable: float = param(0.9, unit="fraction", rule=between(0.05, 1), source="estimate")
    haul_km: float = param(10.0, unit="km", rule=NONNEGATIVE, source="estimate")
    haul_cost_per_t_km: float = param(2.0, unit="yuan/t/km", rule=NONNEGATIVE, source="estimate")
    outbreak_prob: float = param(0.10, unit="1/year", rule=FRACTION, source="estimate")
    outbreak_farm_share: float = param(0.3, unit="fraction", rule=FRACTION, source="estimate")
    outbreak_loss: float = param(0.5, unit="fraction", rule=FRACTION, source="estimate")
    cull_compensation: float = param(
        800.0, unit="yuan/head", rule=NONNEGATIVE, source=_D2A + " (pre-ASF)"
    )
    pen_cost_per_head: float = param(
        450.0, unit="yuan/place", rule=NONNEGATIVE, source=_D2A + _EST
    )
    pen_life_years: int = param(15, unit="years", rule=at_least(1), source="estimate")
    per_head_subsidy: float = param(0.0, unit="yuan/hog", rule=NONNEGATIVE, source="policy lever")
    farm_grant: float = param(10_000.0, unit="yuan/farm", rule=NONNEGATIVE, source=_D2A + _EST)
    loan_per_farm: float = param(40_000.0, unit="yuan/farm", rule=NONNEGATIVE, source=_D2A + _EST)
    loan_rate: float = param(0.054, unit="1/year", rule=between(0, 1), source=_D5A)
    loan_years: int = param(3, unit="years", rule=at_least(1), source="estimate")
    interest_subsidy: float = param(0.5, unit="fraction", rule=FRACTION, source="estimate")

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


def pig_price_path(
    params: HogParams,
    months: int,
    rng: np.random.Generator | None = None,
    *,
    size: int | None = None,
) -> Floats:
    """Monthly live hog price, yuan/kg, months 0..months-1 (month 0 = January of t = 0).

    Parameters
    ----------
    params : HogParams
        The cycle's mean, period, peak/trough ratio, seasonal and noise.
    months : int
        Length of the path.
    rng : numpy.random.Generator, optional
        Draws each path's uniform random phase and AR(1) noise. Without it,
        the *expected* path: the mean price times the seasonal.
    size : int, optional
        Number of paths; the result is then shaped (size, months).

    Returns
    -------
    ndarray, shape (months,) or (size, months)

    Examples
    --------
    The expected path averages the 2010 mean of 12 yuan/kg; a cycle swings
    about 2x from trough to peak (domain-reference.md §2a):

    >>> round(float(pig_price_path(HogParams(), 120).mean()), 2)
    12.0
    >>> p = pig_price_path(HogParams(price_noise_sd=0.0), 120, np.random.default_rng(1))
    >>> round(float(p.max() / p.min()), 1)
    2.1
    """
    p, m = params, np.arange(months)
    shape = (months,) if size is None else (size, months)
    seasonal = 1.0 + p.cny_amplitude * np.cos(2.0 * np.pi * m / 12.0)
    if rng is None:
        return np.broadcast_to(p.hog_price * seasonal, shape).copy()
    lead = shape[:-1]
    phase = rng.uniform(0.0, 2.0 * np.pi, size=(*lead, 1))
    cycle = 1.0 + p.amplitude * np.sin(2.0 * np.pi * m / (12.0 * p.cycle_years) + phase)
    rho, sd = p.price_noise_ar, p.price_noise_sd
    var = sd**2 / (1.0 - rho**2)
    eps = sd * rng.standard_normal(shape)
    start = np.sqrt(var) * rng.standard_normal(lead)  # stationary start
    # x[k] = rho x[k-1] + eps[k], x[-1] = start: an AR(1) filter along the months
    x, _ = signal.lfilter([1.0], [1.0, -rho], eps, axis=-1, zi=rho * start[..., None])
    out: Floats = p.hog_price * cycle * seasonal * np.exp(x - var / 2.0)
    return out


def piglet_price_at(params: HogParams, hog_price: ArrayLike) -> Floats:
    """Piglet price, yuan/head, when live hogs fetch ``hog_price`` yuan/kg (linear pass-through).

    Examples
    --------
    >>> float(piglet_price_at(HogParams(), 12.0)), float(piglet_price_at(HogParams(), 15.0))
    (400.0, 500.0)
    """
    rel = np.asarray(hog_price, dtype=float) / params.hog_price - 1.0
    return params.piglet_price * (1.0 + params.piglet_pass_through * rel)


def _within(name: str, value: Floats, hi: float) -> None:
    bad = (value < 0) | (value > hi)
    if np.any(bad):
        raise ParameterError(name, f"within [0, {hi:g}]", float(value[bad].flat[0]))


def batch_margin(
    params: HogParams,
    price_per_kg: ArrayLike,
    *,
    piglet_price: ArrayLike | None = None,
    feed_price: ArrayLike | None = None,
    bsg_share: ArrayLike | None = None,
    survival: ArrayLike = 1.0,
) -> dict[str, Floats]:
    """Money and material of one batch of ``hogs_per_batch`` piglets on one farm.

    Arrays broadcast (farms x batches, samples x months, ...): the appraisal
    and the simulation call the same code.

    Parameters
    ----------
    params : HogParams
        The scheme's parameters.
    price_per_kg : array_like
        Live hog price at sale, yuan/kg.
    piglet_price, feed_price : array_like, optional
        Yuan per piglet at placement and per kg of compound feed; default
        ``params.piglet_price`` and ``params.feed_price``.
    bsg_share : array_like, optional
        Spent grain's share of diet DM, within [0, BSG_MAX_INCLUSION];
        default ``params.bsg_inclusion``.
    survival : array_like, default 1.0
        Share of the hogs that outlive disease outbreaks, within [0, 1].

    Returns
    -------
    dict of str to ndarray
        ``hogs_sold``, ``culled`` (head); ``feed_kg``; ``bsg_wet_t``; and
        yuan per batch: ``revenue``, ``piglet_cost``, ``feed_cost``,
        ``bsg_cost`` (to the brewery), ``haulage_cost``, ``other_cost``,
        ``margin`` (revenue less these costs), ``compensation`` (culled x
        ``cull_compensation``) and ``subsidy`` (``per_head_subsidy`` x sold).

    Examples
    --------
    A 100-head batch at the mean price of 12 yuan/kg: 94 hogs sold, about
    100 yuan each (domain-reference.md §2a: +50-150 in normal years):

    >>> b = batch_margin(HogParams(), 12.0)
    >>> float(b["hogs_sold"]), int(b["margin"].round(-3))
    (94.0, 10000)
    """
    p = params
    share = np.asarray(p.bsg_inclusion if bsg_share is None else bsg_share, dtype=float)
    surv = np.asarray(survival, dtype=float)
    _within("bsg_share", share, BSG_MAX_INCLUSION)
    _within("survival", surv, 1.0)
    n = float(p.hogs_per_batch)
    sold = n * (1.0 - p.mortality) * surv
    rations = sold + 0.5 * (n - sold)  # dead and culled hogs eat half a ration (estimate)
    need_dm = rations * (p.finish_weight_kg - p.piglet_weight_kg) * p.fcr * p.feed_dm
    diet_dm = need_dm / (1.0 - share * (1.0 - p.bsg_feed_value))
    feed_kg = (1.0 - share) * diet_dm / p.feed_dm
    bsg_t = share * diet_dm / (p.bsg_dm * p.bsg_usable * 1000.0)
    out = {
        "hogs_sold": sold,
        "culled": n * (1.0 - p.mortality) - sold,
        "feed_kg": feed_kg,
        "bsg_wet_t": bsg_t,
        "revenue": sold * p.finish_weight_kg * np.asarray(price_per_kg, dtype=float),
        "piglet_cost": n * np.asarray(p.piglet_price if piglet_price is None else piglet_price),
        "feed_cost": feed_kg * np.asarray(p.feed_price if feed_price is None else feed_price),
        "bsg_cost": bsg_t * p.bsg_price,
        "haulage_cost": bsg_t * p.haul_km * p.haul_cost_per_t_km,
        "other_cost": np.asarray(n * p.other_cost_per_head),
    }
    out["margin"] = out["revenue"] - np.sum(np.broadcast_arrays(*(out[c] for c in COSTS)), 0)
    out["compensation"] = out["culled"] * p.cull_compensation
    out["subsidy"] = sold * p.per_head_subsidy
    return {k: np.asarray(v, dtype=float) for k, v in out.items()}


@dataclass(frozen=True, slots=True)
class SpentGrainBalance:
    """Brewery spent grain against the scheme's demand (domain-reference.md §0 S6).

    Attributes: ``supply_t``, ``demand_t`` (t wet BSG a year; demand at the
    inclusion cap and the mean price), ``binds`` (supply < demand), ``share``
    (the inclusion the supply allows), ``saving_per_hog`` (yuan per hog sold)
    and ``saving_fraction`` (of the feed bill without BSG).
    """

    supply_t: float
    demand_t: float
    binds: bool
    share: float
    saving_per_hog: float
    saving_fraction: float


def spent_grain_balance(params: HogParams) -> SpentGrainBalance:
    """Whether the brewery's spent grain limits the scheme, and what it saves per hog.

    Examples
    --------
    200,000 t of beer give about 37,000 t of wet BSG a year, far more than
    the 100 farms use; BSG saves 8-15% of the feed bill, 60-150 yuan a hog
    (domain-reference.md §0 S6, §2b):

    >>> g = spent_grain_balance(HogParams())
    >>> round(g.supply_t, -3), round(g.demand_t, -3), g.binds
    (37000.0, 5000.0, False)
    >>> round(g.saving_fraction, 2), round(g.saving_per_hog, -1)
    (0.1, 90.0)
    """
    p = params
    supply = p.beer_output_t * p.bsg_yield
    demand = p.households * p.batches_per_year * float(batch_margin(p, p.hog_price)["bsg_wet_t"])
    share = p.bsg_inclusion
    if demand > supply:  # buy only the supply: invert W ~ b / (1 - b(1 - v))
        c = share / (1.0 - share * (1.0 - p.bsg_feed_value)) * supply / demand
        share = c / (1.0 + c * (1.0 - p.bsg_feed_value))
    no_bsg = batch_margin(p, p.hog_price, bsg_share=0.0)
    bsg = batch_margin(p, p.hog_price, bsg_share=share)
    saving = float(sum(no_bsg[k] - bsg[k] for k in ("feed_cost", "bsg_cost", "haulage_cost")))
    bill = float(no_bsg["feed_cost"])
    per_hog, frac = saving / float(no_bsg["hogs_sold"]), saving / bill if bill > 0 else 0.0
    return SpentGrainBalance(supply, demand, demand > supply, share, per_hog, frac)


def batch_schedule(params: HogParams, months: int) -> tuple[Ints, Ints, Ints]:
    """Every batch placed and sold within ``months``: farm, placement month, sale month.

    Farms start after ``build_months``, staggered evenly over one batch
    cycle; no batch is placed that could not be sold before the end. The
    simulation can wait on these months. Returns three int arrays of
    shape (batches,), months 0-based.
    """
    p = params
    k = np.arange(int(np.ceil(months / p.cycle_months)) + 1)
    start = p.build_months + np.arange(p.households)[:, None] * p.cycle_months / p.households
    place = np.floor(start + k * p.cycle_months).astype(np.int64)
    sale = np.floor(start + k * p.cycle_months + p.days_to_finish / DAYS_PER_MONTH)
    farm = np.broadcast_to(np.arange(p.households)[:, None], place.shape)
    keep = sale < months
    return farm[keep], place[keep], sale[keep].astype(np.int64)


def draw_outbreaks(params: HogParams, months: int, rng: np.random.Generator) -> NDArray[np.bool_]:
    """Months in which an outbreak hits each farm, shape (households, months).

    A community-wide outbreak starts in a month with probability
    :math:`1 - (1 - q)^{1/12}` and hits each farm with probability
    ``outbreak_farm_share``; a hit loses ``outbreak_loss`` of the hogs on hand.
    """
    p_month = 1.0 - (1.0 - params.outbreak_prob) ** (1.0 / 12.0)
    outbreak = rng.random(months) < p_month
    hit: NDArray[np.bool_] = outbreak & (
        rng.random((params.households, months)) < params.outbreak_farm_share
    )
    return hit


def _survival(p: HogParams, hit: NDArray[np.bool_], farm: Ints, place: Ints, sale: Ints) -> Floats:
    """Share of each batch that outlives the outbreaks hitting its farm from placement to sale."""
    hits = np.zeros((hit.shape[0], hit.shape[1] + 1), dtype=np.int64)
    np.cumsum(hit, axis=1, out=hits[:, 1:])
    out: Floats = (1.0 - p.outbreak_loss) ** (hits[farm, sale] - hits[farm, place])
    return out


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
    200) and earns about 100 yuan a hog:

    >>> a = appraise(HogParams())
    >>> round(float(a.items["hogs_sold"][5]) / 100, -1)
    190.0
    >>> int((a.items["margin"][5] / a.items["hogs_sold"][5]).round(-1))
    100
    """
    horizon = check_horizon(horizon_years)
    p, T, t = params, horizon + 1, np.arange(horizon + 1)
    prices = pig_price_path(p, 12 * T, rng)
    farm, place, sale = batch_schedule(p, 12 * T)
    if rng is None:  # expected survival E[(1 - L)^hits], hits ~ Binomial(months held, p_m f)
        p_month = 1.0 - (1.0 - p.outbreak_prob) ** (1.0 / 12.0)
        survival = (1.0 - p_month * p.outbreak_farm_share * p.outbreak_loss) ** (sale - place)
    else:
        survival = _survival(p, draw_outbreaks(p, 12 * T, rng), farm, place, sale)
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
        firm=y["bsg_cost"],  # the brewery sells its spent grain
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
    """The Double Hundred in a simulation: farm starts, loan years, placements and sales.

    Draws as :func:`appraise` does (one :func:`pig_price_path`, then
    :func:`draw_outbreaks`, base parameters), then the ``households`` farms
    among landless-target agricultural households with a working-age member.
    A farm starts when its household loses its land (month 0 at the earliest):
    its first working-age member is occupied from then on; it builds pens
    (households -> market, INVESTMENT; again every ``pen_life_years``) with a
    grant (government -> households, INVESTMENT) and a loan (bank ->
    households, LOAN) repaid yearly to the bank (principal LOAN, interest
    INTEREST, the government's interest subsidy OPERATIONS). Its batches follow
    :func:`batch_schedule` from its start. Each month with batches: farms ->
    market the piglets placed and the costs of the batches sold, market ->
    farms the revenue, farms -> brewery the spent grain (all HOGS), government
    -> farms culling compensation and head subsidy (SUBSIDY), each batch under
    the parameters of its month (:func:`batch_margin` runs once per version of
    the schedule). Nothing is settled when the run ends.

    Raises
    ------
    ParameterError
        When called, if fewer households than ``households`` are eligible.
    """
    base, months = schedule.base, world.horizon_months
    prices = pig_price_path(base, months, rng)
    hit = draw_outbreaks(base, months, rng)
    first, hh = _participants(world.community, base.households, rng)
    return _farming(world, schedule, prices, hit, first, hh)


def _farming(
    world: World,
    schedule: Schedule[HogParams],
    prices: Floats,
    hit: NDArray[np.bool_],
    first: NDArray[np.intp],
    hh: NDArray[np.intp],
) -> Generator[simpy.Event, Any, None]:
    """The process of :func:`process`, on its draws: farm i is household ``hh[i]``."""
    book, base, months, n = world.ledger, schedule.base, world.horizon_months, hh.size
    market, government, bank, brewery = (
        world.account(x) for x in ("market", "government", "bank", "brewery")
    )
    start = np.maximum(world.community.expropriation_month[hh], 0)
    growing = int(np.ceil(base.days_to_finish / DAYS_PER_MONTH)) + 1
    farm, place, sale = batch_schedule(base, months + growing)  # farms can't see the end coming
    place, sale = place + start[farm], sale + start[farm]
    farm, place, sale = (x[place < months] for x in (farm, place, sale))
    piglets, revenue, costs, grain, transfers = np.zeros((5, farm.size))  # yuan per batch
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
        share = spent_grain_balance(p).share
        b = batch_margin(p, price[sale[i]], piglet_price=pig, bsg_share=share, survival=survival)
        revenue[i], grain[i] = b["revenue"], b["bsg_cost"]
        costs[i] = b["feed_cost"] + b["haulage_cost"] + b["other_cost"]
        transfers[i] = b["compensation"] + b["subsidy"]
    # farms -> market in a month: the piglets placed and the costs of the batches sold
    keys = np.concatenate([place * n + farm, sale[sold] * n + farm[sold]])
    key, at = np.unique(keys, return_inverse=True)
    to_market = np.bincount(at, weights=np.concatenate([piglets, costs[sold]]))
    pay_month, pay_farm = np.divmod(key, n)
    sold = sold[np.argsort(sale[sold], kind="stable")]
    farm_months = set(np.concatenate([start, *_farm_months(schedule, start, months)]).tolist())
    events = np.union1d(pay_month, list(farm_months))
    events = events[events < months]
    sale_month = sale[sold]
    sides: tuple[Literal["left"], Literal["right"]] = ("left", "right")
    cuts = [np.searchsorted(m, events, s) for m in (pay_month, sale_month) for s in sides]
    loans: dict[int, finance.LoanSchedule] = {}
    for month, lo, hi, first_sold, end_sold in np.stack([events, *cuts], axis=1).tolist():
        yield world.wait_until(month)
        if month in farm_months:
            p = schedule.at(month)
            age = month - start
            new = np.flatnonzero(age == 0)
            if new.size:
                world.occupy(first[new])
                loans[month] = finance.loan_schedule(p.loan_per_farm, p.loan_rate, p.loan_years)
                book.pay_households(government, hh[new], p.farm_grant, Source.INVESTMENT)
                book.pay_households(bank, hh[new], p.loan_per_farm, Source.LOAN)
            pens = np.flatnonzero((age >= 0) & (age % (12 * base.pen_life_years) == 0))
            if pens.size:  # households -> builders (market)
                cost = p.hogs_per_batch * p.pen_cost_per_head
                book.collect(market, hh[pens], cost, Source.INVESTMENT)
            for began, loan in loans.items():  # one loan schedule per start month (wave)
                k, rest = divmod(month - began, 12)
                if rest == 0 and 1 <= k <= loan.principal.size:
                    payers = hh[start == began]
                    interest, kept = float(loan.interest[k - 1]), p.interest_subsidy
                    book.collect(bank, payers, float(loan.principal[k - 1]), Source.LOAN)
                    book.collect(bank, payers, (1 - kept) * interest, Source.INTEREST)
                    book.pay(government, bank, kept * interest * payers.size, Source.OPERATIONS)
        if hi > lo:  # farms -> piglet sellers, feed mills, hauliers, vets (market)
            book.collect(market, hh[pay_farm[lo:hi]], to_market[lo:hi], Source.HOGS)
        if end_sold > first_sold:
            i = sold[first_sold:end_sold]
            who = hh[farm[i]]
            book.pay_households(market, who, revenue[i], Source.HOGS)  # hog buyers -> farms
            book.collect(brewery, who, grain[i], Source.HOGS)  # farms -> brewery: spent grain
            if transfers[i].any():  # government: culling compensation, head subsidy
                book.pay_households(government, who, transfers[i], Source.SUBSIDY)


def _participants(
    c: Community, n: int, rng: np.random.Generator
) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Each farm's worker (first working-age member) and household, drawn with ``rng``."""
    workers = np.flatnonzero(c.working_age)
    households, at = np.unique(c.person_household[workers], return_index=True)
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


def _farm_months(schedule: Schedule[HogParams], start: Ints, months: int) -> tuple[Ints, Ints]:
    """Months of the farms' yearly loan repayments and pen rebuilding."""
    p = schedule.base
    years = max(schedule.at(m).loan_years for m in (0, *schedule.change_months))
    repay = (start[:, None] + 12 * np.arange(1, years + 1)).ravel()
    rebuild = (start[:, None] + 12 * p.pen_life_years * np.arange(1, months // 12 + 1)).ravel()
    return repay[repay < months], rebuild[rebuild < months]


_PAIRS = {(0, 3): 0.8, (0, 4): 0.6, (3, 4): 0.5}  # hog_price, piglet_price, feed_price

UNCERTAINTIES: tuple[Uncertainty, ...] = (
    Uncertainty(
        "hog_price",
        Triangular(low=10.5, mode=12.0, high=13.5),
        _D8 + ": mean over the cycle 12 (cycle range 9-19); estimate of its uncertainty",
    ),
    Uncertainty("cycle_years", Uniform(low=3.0, high=4.0), _D2A + ": 3-4 years"),
    Uncertainty("peak_trough_ratio", Triangular(low=1.6, mode=2.0, high=2.5), _D2A + ": about 2"),
    Uncertainty("piglet_price", Triangular(low=250.0, mode=400.0, high=600.0), _D8),
    Uncertainty("feed_price", Triangular(low=2.6, mode=3.0, high=3.6), _D8),
    Uncertainty("fcr", Triangular(low=2.7, mode=3.0, high=4.0), _D8),
    Uncertainty("mortality", Triangular(low=0.03, mode=0.06, high=0.10), _D8),
    Uncertainty("bsg_price", Triangular(low=100.0, mode=200.0, high=400.0), _D8 + _EST),
    Uncertainty("outbreak_prob", Triangular(low=0.02, mode=0.10, high=0.20), "estimate"),
)

CORRELATION: tuple[tuple[float, ...], ...] = tuple(
    tuple(1.0 if i == j else _PAIRS.get((min(i, j), max(i, j)), 0.0) for j in range(9))
    for i in range(9)
)
"""Rank correlation of UNCERTAINTIES: the mean hog price moves with the piglet price
(0.8) and the feed price (0.6, the hog:grain ratio, domain-reference.md §2a);
estimates."""

SCHEME = Scheme(
    name="hogs",
    title='"Double Hundred" hog farming on brewery spent grain (hog_double_hundred)',
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
