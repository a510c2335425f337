"""The hog market and a batch's arithmetic, for the ``hog_double_hundred`` scheme.

The live hog price path (:func:`pig_price_path`) and the piglet price
(:func:`piglet_price_at`); the batches' timing (:func:`batch_schedule`); the
shocks: disease outbreaks (:func:`draw_outbreaks`) and an ASF-scale cull and
price spike (:func:`draw_asf`), and the share of a batch they spare; and one
batch's money and material (:func:`batch_margin`).

A private helper of :mod:`collective_econ.schemes.hogs`, which re-exports
these names: import them from there. The functions take any object with the
parameters they read (:class:`~collective_econ.schemes.hogs.HogParams`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import signal

from ..errors import ParameterError

__all__ = [
    "BSG_MAX_INCLUSION",
    "COSTS",
    "DAYS_PER_MONTH",
    "Floats",
    "Ints",
    "MarketParams",
    "SpentGrainBalance",
    "batch_margin",
    "batch_schedule",
    "draw_asf",
    "draw_outbreaks",
    "pig_price_path",
    "piglet_price_at",
    "spent_grain_balance",
]


class MarketParams(Protocol):
    """The parameters the market and a batch read (HogParams has them)."""

    @property
    def amplitude(self) -> float: ...
    @property
    def asf_cull_share(self) -> float: ...
    @property
    def asf_months(self) -> int: ...
    @property
    def asf_price_spike(self) -> float: ...
    @property
    def asf_prob(self) -> float: ...
    @property
    def batches_per_year(self) -> float: ...
    @property
    def beer_output_t(self) -> float: ...
    @property
    def bsg_alt_value(self) -> float: ...
    @property
    def bsg_dm(self) -> float: ...
    @property
    def bsg_feed_value(self) -> float: ...
    @property
    def bsg_inclusion(self) -> float: ...
    @property
    def bsg_price(self) -> float: ...
    @property
    def bsg_usable(self) -> float: ...
    @property
    def bsg_yield(self) -> float: ...
    @property
    def build_months(self) -> int: ...
    @property
    def cny_amplitude(self) -> float: ...
    @property
    def cull_compensation(self) -> float: ...
    @property
    def cycle_months(self) -> float: ...
    @property
    def cycle_years(self) -> float: ...
    @property
    def days_to_finish(self) -> int: ...
    @property
    def fcr(self) -> float: ...
    @property
    def feed_dm(self) -> float: ...
    @property
    def feed_price(self) -> float: ...
    @property
    def finish_weight_kg(self) -> float: ...
    @property
    def haul_cost_per_t_km(self) -> float: ...
    @property
    def haul_km(self) -> float: ...
    @property
    def hog_price(self) -> float: ...
    @property
    def hogs_per_batch(self) -> int: ...
    @property
    def households(self) -> int: ...
    @property
    def mortality(self) -> float: ...
    @property
    def other_cost_per_head(self) -> float: ...
    @property
    def outbreak_farm_share(self) -> float: ...
    @property
    def outbreak_loss(self) -> float: ...
    @property
    def outbreak_prob(self) -> float: ...
    @property
    def per_head_subsidy(self) -> float: ...
    @property
    def piglet_pass_through(self) -> float: ...
    @property
    def piglet_price(self) -> float: ...
    @property
    def piglet_weight_kg(self) -> float: ...
    @property
    def price_noise_ar(self) -> float: ...
    @property
    def price_noise_sd(self) -> float: ...
    def __hash__(self) -> int: ...


BSG_MAX_INCLUSION = 0.23
"""Most BSG in a grow-finish diet, share of DM, without loss of gain (domain-reference.md §2b)."""


DAYS_PER_MONTH = 365.0 / 12.0


Floats = NDArray[np.float64]


Ints = NDArray[np.int64]


COSTS = ("piglet_cost", "feed_cost", "bsg_cost", "haulage_cost", "other_cost")
"""The costs of a batch, yuan (keys of :func:`batch_margin`)."""


def pig_price_path(
    params: MarketParams,
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

    >>> from collective_econ.schemes.hogs import HogParams
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
    start = np.sqrt(var) * rng.standard_normal(lead)  # stationary start
    # the noise drawn month by month (months first), last: a path's first months are
    # the same whatever its length
    eps = sd * np.moveaxis(rng.standard_normal((months, *lead)), 0, -1)
    # x[k] = rho x[k-1] + eps[k], x[-1] = start: an AR(1) filter along the months
    x, _ = signal.lfilter([1.0], [1.0, -rho], eps, axis=-1, zi=rho * start[..., None])
    out: Floats = p.hog_price * cycle * seasonal * np.exp(x - var / 2.0)
    return out


def piglet_price_at(params: MarketParams, hog_price: ArrayLike) -> Floats:
    """Piglet price, yuan/head, when live hogs fetch ``hog_price`` yuan/kg (linear pass-through).

    Examples
    --------
    >>> from collective_econ.schemes.hogs import HogParams
    >>> p = HogParams(piglet_price=400.0)
    >>> float(piglet_price_at(p, 12.0)), float(piglet_price_at(p, 15.0))
    (400.0, 500.0)
    """
    rel = np.asarray(hog_price, dtype=float) / params.hog_price - 1.0
    return params.piglet_price * (1.0 + params.piglet_pass_through * rel)


def _within(name: str, value: Floats, hi: float) -> None:
    bad = (value < 0) | (value > hi)
    if np.any(bad):
        raise ParameterError(name, f"within [0, {hi:g}]", float(value[bad].flat[0]))


def batch_margin(
    params: MarketParams,
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
        ``bsg_cost`` (to the brewery), ``bsg_forgone`` (the grain at ``bsg_alt_value``:
        what the brewery would have sold it for without the scheme, not a cost of the
        farm), ``haulage_cost``, ``other_cost``,
        ``margin`` (revenue less these costs), ``compensation`` (culled x
        ``cull_compensation``) and ``subsidy`` (``per_head_subsidy`` x sold).

    Examples
    --------
    A 100-head batch at the mean price of 12 yuan/kg and the reference's
    typical inputs (the modes of UNCERTAINTIES): 94 hogs sold, about 100 yuan
    each (domain-reference.md §2a: +50-150 in normal years); at the defaults
    (the means of the right-skewed inputs) about break-even:

    >>> from collective_econ.schemes.hogs import HogParams
    >>> modes = HogParams(fcr=3.0, piglet_price=400.0, feed_price=3.0, mortality=0.06)
    >>> b = batch_margin(modes.evolve(bsg_price=200.0), 12.0)
    >>> float(b["hogs_sold"]), int(b["margin"].round(-3))
    (94.0, 10000)
    >>> abs(int(batch_margin(HogParams(), 12.0)["margin"].round(-3)))
    0
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
        "bsg_forgone": bsg_t * p.bsg_alt_value,  # the brewery's other sale of that grain
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


@functools.lru_cache(maxsize=8)  # kept by parameters (by value): its result is frozen
def spent_grain_balance(params: MarketParams) -> SpentGrainBalance:
    """Whether the brewery's spent grain limits the scheme, and what it saves per hog.

    Examples
    --------
    200,000 t of beer give about 37,000 t of wet BSG a year, far more than
    the 100 farms use; BSG saves 8-15% of the feed bill, 60-150 yuan a hog
    (domain-reference.md §0 S6, §2b):

    >>> from collective_econ.schemes.hogs import HogParams
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


@functools.lru_cache(maxsize=8)
def batch_schedule(params: MarketParams, months: int) -> tuple[Ints, Ints, Ints]:
    """Every batch placed and sold within ``months``: farm, placement month, sale month.

    Farms start after ``build_months``, staggered evenly over one batch
    cycle; no batch is placed that could not be sold before the end. The
    simulation can wait on these months. Returns three int arrays of
    shape (batches,), months 0-based, read-only: kept by parameters (by value)
    and months, a pure function of them (the runs that share them share it).
    """
    p = params
    k = np.arange(int(np.ceil(months / p.cycle_months)) + 1)
    start = p.build_months + np.arange(p.households)[:, None] * p.cycle_months / p.households
    place = np.floor(start + k * p.cycle_months).astype(np.int64)
    sale = np.floor(start + k * p.cycle_months + p.days_to_finish / DAYS_PER_MONTH)
    farm = np.broadcast_to(np.arange(p.households)[:, None], place.shape)
    keep = sale < months
    out = farm[keep], place[keep], sale[keep].astype(np.int64)
    for x in out:
        x.setflags(write=False)
    return out


def draw_outbreaks(
    params: MarketParams, months: int, rng: np.random.Generator
) -> NDArray[np.bool_]:
    """Months in which an outbreak hits each farm, shape (households, months).

    A community-wide outbreak starts in a month with probability
    :math:`1 - (1 - q)^{1/12}` and hits each farm with probability
    ``outbreak_farm_share``; a hit loses ``outbreak_loss`` of the hogs on hand.
    """
    p_month = 1.0 - (1.0 - params.outbreak_prob) ** (1.0 / 12.0)
    # a month's draws together (the outbreak, then each farm's): the first months are
    # the same whatever ``months``
    u = rng.random((months, params.households + 1))
    hit: NDArray[np.bool_] = ((u[:, :1] < p_month) & (u[:, 1:] < params.outbreak_farm_share)).T
    return np.ascontiguousarray(hit)


def draw_asf(
    params: MarketParams, months: int, rng: np.random.Generator | None
) -> tuple[NDArray[np.bool_], Floats]:
    """An African-swine-fever-scale shock (2018-19): culled farms and the price multiplier.

    A shock starts in a month with probability :math:`1 - (1 - q)^{1/12}`
    (``asf_prob`` a year); each farm is culled with probability
    ``asf_cull_share`` (all its hogs on hand, compensated) and the live price
    of the survivors is ``1 + asf_price_spike`` times the path for
    ``asf_months`` months. Returns the culls, shape (households, months), and
    the multiplier, shape (months,). Without ``rng`` (or with ``asf_prob``
    0, which draws nothing), no culls and the *expected* multiplier (the
    spike times the chance that a shock began in the last ``asf_months``
    months; the expectation ignores that culls and the spike come together).
    """
    p = params
    p_month = 1.0 - (1.0 - p.asf_prob) ** (1.0 / 12.0)
    culled = np.zeros((p.households, months), dtype=bool)
    m = np.arange(months)
    if rng is None or p.asf_prob == 0.0:
        recent = 1.0 - (1.0 - p_month) ** np.minimum(m + 1, p.asf_months)
        return culled, 1.0 + (p.asf_price_spike * recent if rng is None else 0.0 * recent)
    u = rng.random((months, p.households + 1))  # by month, as :func:`draw_outbreaks`
    shock = u[:, 0] < p_month
    culled = np.ascontiguousarray(((u[:, :1] < p_month) & (u[:, 1:] < p.asf_cull_share)).T)
    started = np.cumsum(shock)
    before = np.concatenate([np.zeros(p.asf_months, dtype=np.int64), started])[:months]
    spike: Floats = 1.0 + p.asf_price_spike * ((started - before) > 0)
    return culled, spike


def _survival(
    p: MarketParams, hit: NDArray[np.bool_], farm: Ints, place: Ints, sale: Ints
) -> Floats:
    """Share of each batch that outlives the outbreaks hitting its farm from placement to sale."""
    hits = np.zeros((hit.shape[0], hit.shape[1] + 1), dtype=np.int64)
    np.cumsum(hit, axis=1, out=hits[:, 1:])
    out: Floats = (1.0 - p.outbreak_loss) ** (hits[farm, sale] - hits[farm, place])
    return out


def _spared(culled: NDArray[np.bool_], farm: Ints, place: Ints, sale: Ints) -> Floats:
    """1 for a batch whose farm was not culled from placement to sale, else 0."""
    hits = np.zeros((culled.shape[0], culled.shape[1] + 1), dtype=np.int64)
    np.cumsum(culled, axis=1, out=hits[:, 1:])
    out: Floats = (hits[farm, sale] == hits[farm, place]).astype(np.float64)
    return out
