r"""Land-for-shares compensation (土地入股分红): compensation, shares, dividends, house swap.

The case (seed-facts.md §1): key projects and urban-village renovation follow
"government-led, residents as the main body, the developer as the leader,
house-for-house swap, direct subsidy to balance, land as shares for
dividends"; residents whose land is taken are encouraged to invest **80% of
their land-compensation money as shares**. The community has **1,826
agricultural residents**. Rates, areas and terms are the estimates of
domain-reference.md §1a, §1b and §8, marked as such (docs/schemes/land_shares.md
gives the model in full).

Model
-----
*Compensation* (t = 0) for ``area_mu`` mu and ``persons`` persons to resettle,
under the 1998 Land Administration Law (Art. 47), AAOV the annual output value
per mu::

    land_fee = m_land * AAOV * area                                (m_land in 6-10)
    resettle = min(m_res * AAOV * persons, 15 * AAOV * area)       (m_res in 4-6)
    land_fee + resettle <= 30 * AAOV * area                        (absolute cap)

or, under the 2019 law (Art. 48), ``regional_land_price_per_mu * area`` plus
``social_security_per_person * persons``.

*Shares*: ``share_fraction`` of it buys shares in the developer. In year t >= 1
the developer pays ``shares * max(r_t, guaranteed_rate) * alive_t``: r_t is a
Beta draw with mean ``dividend_rate``, alive_t is 1 until the developer
defaults (``default_prob`` a year), when ``recovery_fraction`` of the shares
is paid back. Otherwise the shares are redeemed at par at the horizon (an
assumption). The expected appraisal uses (1 - p)^t and E[max(r, g)].
*Cash*: spent at ``spend_rate`` on receipt and a year, the rest deposited at
``deposit_rate``; :func:`cash_alternative` pays it all in cash.
*House-for-house swap* (以房换房, 直补平衡): the developer pays for the old floor
area swapped at ``swap_ratio``; the government's direct subsidy tops it up to
``entitlement_m2_per_person`` (capped); households buy ``extra_m2_per_person``
and let the area above ``living_m2_per_person`` at ``rental_yield``.
*Forgone farm income*: ``farm_income_share * AAOV * area`` a year from t = 1,
a negative household item.

Who pays whom: the developer pays the compensation, dividends, recovery and
redemption, and the swap area; it receives the share capital. The government
pays the swap subsidy; the bank takes deposits. Builders, tenants and produce
buyers are the outside market. Left out: the developer's and the government's
revenue from the land, and the value of the houses.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from typing import Any

import numpy as np
import simpy
from numpy.typing import ArrayLike, NDArray
from scipy import special
from scipy.special import betainc

from ..distributions import Triangular
from ..distributions.uncertainty import Uncertainty
from ..economy.ledger import Source
from ..economy.schedule import Schedule
from ..economy.world import World
from ..errors import ParameterError
from ..params import FRACTION, NONNEGATIVE, POSITIVE, Parameters, at_least, between, one_of, param
from .base import Appraisal, Scheme, check_horizon, flows_table

__all__ = [
    "SCHEME",
    "TOTAL_CAP_MULTIPLE",
    "UNCERTAINTIES",
    "LandSharesParams",
    "appraise",
    "cash_alternative",
    "compensation",
    "dividend",
    "dividend_rate_at",
    "draw_dividend_rates",
    "house_swap",
    "mean_paid_rate",
    "process",
    "spend_down",
    "split_compensation",
]

TOTAL_CAP_MULTIPLE = 30.0
"""LAL 1998 Art. 47: land fee + resettlement <= 30 x AAOV per mu (domain-reference.md §1a)."""

Array = NDArray[np.float64]
_1A, _1B, _EST = "domain-reference.md §1a", "domain-reference.md §1b", "estimate"


@dataclass(frozen=True, slots=True, kw_only=True)
class LandSharesParams(Parameters):
    """Parameters of land-for-shares compensation (defaults: the Caopijie case)."""

    law: str = param(
        "1998", unit="-", rule=one_of("1998", "2019"), source=f"{_1A}: LAL 1998/2004 in force 2009"
    )
    area_mu: float = param(
        1460.8,
        unit="mu",
        rule=POSITIVE,
        source="estimate: 1,826 persons (seed) x 0.8 mu/person cultivated (estimate)",
    )
    persons: int = param(1826, unit="persons", rule=at_least(1), source="seed-facts.md (农业人口)")
    household_size: float = param(
        3.8, unit="persons", rule=POSITIVE, source="domain-reference.md §7 (estimate)"
    )
    aaov_per_mu: float = param(
        2000.0, unit="yuan/mu/yr", rule=POSITIVE, source=f"{_1A}, §8: 1,500-3,000 (estimate)"
    )
    land_comp_multiple: float = param(
        8.0, unit="x AAOV", rule=between(6, 10), source=f"{_1A}: 6-10"
    )
    resettle_multiple: float = param(5.0, unit="x AAOV", rule=between(4, 6), source=f"{_1A}: 4-6")
    resettle_cap_multiple: float = param(
        15.0,
        unit="x AAOV per mu",
        rule=between(0, 30),
        source=f"{_1A}: <= 15 (province may raise it, total <= 30)",
    )
    regional_land_price_per_mu: float = param(
        40_000.0,
        unit="yuan/mu",
        rule=POSITIVE,
        source=f"{_1A}, §8: 30,000-60,000 (estimate; Hebei 2013 avg 44,000)",
    )
    social_security_per_person: float = param(
        10_000.0, unit="yuan/person", rule=NONNEGATIVE, source=f"{_1A}: principle; amount estimate"
    )
    share_fraction: float = param(0.8, unit="fraction", rule=FRACTION, source="seed-facts.md §1")
    dividend_rate: float = param(
        0.08, unit="1/yr", rule=FRACTION, source=f"{_1B}: 6-10%, typical 8% (estimate)"
    )
    dividend_rate_sd: float = param(
        0.03, unit="1/yr", rule=between(0, 0.5), source=f"{_EST}: year-to-year spread"
    )
    guaranteed_rate: float = param(
        0.08, unit="1/yr", rule=FRACTION, source=f"{_1B}: 保底分红 6-10% (estimate); 0 = none"
    )
    default_prob: float = param(
        0.05, unit="1/yr", rule=FRACTION, source=f"{_1B}, §8: 2-10%/yr (estimate)"
    )
    recovery_fraction: float = param(
        0.3, unit="fraction of shares", rule=FRACTION, source=f"{_EST}: recovered on default"
    )
    deposit_rate: float = param(
        0.0225, unit="1/yr", rule=between(0, 1), source="domain-reference.md §5a: 1-yr, Dec 2008"
    )
    spend_rate: float = param(
        0.3, unit="fraction/yr", rule=FRACTION, source=f"{_EST}; {_1B} stylised fact 2"
    )
    farm_income_share: float = param(
        1.0, unit="fraction of AAOV", rule=FRACTION, source=f"{_EST}: 1 = gross output lost"
    )
    swap_ratio: float = param(1.0, unit="m²/m²", rule=NONNEGATIVE, source=f"{_1A}: 1:1 floor")
    old_floor_m2_per_person: float = param(
        30.0, unit="m²/person", rule=NONNEGATIVE, source=f"{_EST}: demolished floor area"
    )
    entitlement_m2_per_person: float = param(
        35.0, unit="m²/person", rule=NONNEGATIVE, source=f"{_1A}: 30-40 (estimate)"
    )
    extra_m2_per_person: float = param(
        15.0, unit="m²/person", rule=NONNEGATIVE, source=f"{_1A}: +15 m² at cost (one rule)"
    )
    construction_cost_per_m2: float = param(
        1000.0, unit="yuan/m²", rule=POSITIVE, source=f"{_1A}: 800-1,200 (estimate)"
    )
    subsidy_cap_per_person: float = param(
        10_000.0, unit="yuan/person", rule=NONNEGATIVE, source=f"{_EST}: cap on 直补平衡"
    )
    living_m2_per_person: float = param(
        30.0, unit="m²/person", rule=NONNEGATIVE, source=f"{_EST}: area a household lives in"
    )
    rental_yield: float = param(
        0.05, unit="1/yr of construction cost", rule=between(0, 1), source=f"{_1B}: 4-6% (est.)"
    )

    @property
    def households(self) -> float:
        """Households whose land is taken: ``persons / household_size``."""
        return self.persons / self.household_size


def _nonnegative(name: str, value: ArrayLike) -> Array:
    arr = np.asarray(value, dtype=float)
    bad = ~np.isfinite(arr) | (arr < 0)
    if np.any(bad):
        raise ParameterError(name, "finite and >= 0", float(arr[bad].flat[0]))
    return arr


def compensation(
    params: LandSharesParams, area_mu: ArrayLike, persons: ArrayLike
) -> dict[str, Array]:
    """Compensation for land taken, by item, under the chosen law.

    Parameters
    ----------
    params : LandSharesParams
        ``law`` picks the 1998 or the 2019 Land Administration Law.
    area_mu : array_like
        Cultivated land taken, mu (one entry per household, or a total).
    persons : array_like
        Persons to be resettled: area taken / cultivated land per person
        (LAL 1998 Art. 47); the household's members when all its land goes.
        Under the 2019 law, the persons covered by social-security fees.

    Returns
    -------
    dict of str to ndarray
        ``land_fee``, ``resettlement``, ``social_security`` and ``total``,
        yuan, broadcast over the inputs.

    Examples
    --------
    One mu and 1.25 persons a mu (0.8 mu a person): 8 x 2,000 yuan land fee
    plus 1.25 x 5 x 2,000 yuan resettlement.

    >>> c = compensation(LandSharesParams(), 1.0, 1.25)
    >>> float(c["land_fee"]), float(c["resettlement"]), float(c["total"])
    (16000.0, 12500.0, 28500.0)
    """
    p = params
    area, n = np.broadcast_arrays(
        _nonnegative("area_mu", area_mu), _nonnegative("persons", persons)
    )
    if p.law == "1998":
        land = p.land_comp_multiple * p.aaov_per_mu * area
        resettle = np.minimum(
            p.resettle_multiple * p.aaov_per_mu * n, p.resettle_cap_multiple * p.aaov_per_mu * area
        )
        resettle = np.minimum(resettle, TOTAL_CAP_MULTIPLE * p.aaov_per_mu * area - land)
        social = np.zeros_like(land)
    else:
        land = p.regional_land_price_per_mu * area
        resettle = np.zeros_like(land)
        social = p.social_security_per_person * n
    return {
        "land_fee": land,
        "resettlement": resettle,
        "social_security": social,
        "total": land + resettle + social,
    }


def split_compensation(params: LandSharesParams, compensation: ArrayLike) -> tuple[Array, Array]:
    """Split compensation into shares and cash, with ``shares + cash == compensation`` exactly.

    The larger part is computed by multiplication and the smaller by
    subtraction, which is exact in floating point (Sterbenz's lemma), so the
    sum reproduces the compensation bit for bit.

    Examples
    --------
    >>> shares, cash = split_compensation(LandSharesParams(), 100_000.0)
    >>> float(shares), float(cash)
    (80000.0, 20000.0)
    """
    c = np.asarray(compensation, dtype=float)
    f = params.share_fraction
    if f >= 0.5:
        shares = f * c
        return shares, c - shares
    cash = (1.0 - f) * c
    return c - cash, cash


def draw_dividend_rates(params: LandSharesParams, rng: np.random.Generator, size: int) -> Array:
    """Yearly dividend rates before the guaranteed floor: Beta, mean ``dividend_rate``.

    One uniform a year, mapped through the Beta quantile (:func:`dividend_rate_at`),
    so a change of the rate's parameters moves every year's rate the same way and
    leaves the draws that follow in the stream untouched (common random numbers).
    """
    return dividend_rate_at(params, rng.random(size))


def dividend_rate_at(params: LandSharesParams, u: ArrayLike) -> Array:
    """The dividend rate at quantile ``u`` of its Beta distribution (mean ``dividend_rate``)."""
    q = np.asarray(u, dtype=float)
    ab = _beta_ab(params.dividend_rate, params.dividend_rate_sd)
    if ab is None:
        return np.full(q.shape, params.dividend_rate)
    return np.asarray(special.betaincinv(ab[0], ab[1], q), dtype=float)


def mean_paid_rate(params: LandSharesParams) -> float:
    """E[max(r, guaranteed_rate)] for the Beta dividend rate r, 1/yr.

    Examples
    --------
    Without a guarantee the paid rate is the mean rate; a guarantee raises it.

    >>> mean_paid_rate(LandSharesParams(guaranteed_rate=0.0))
    0.08
    >>> round(mean_paid_rate(LandSharesParams()), 4)
    0.0918
    """
    m, g = params.dividend_rate, params.guaranteed_rate
    ab = _beta_ab(m, params.dividend_rate_sd)
    if ab is None or g <= 0.0:
        return max(m, g)
    a, b = ab
    # E[max(X, g)] = g P(X <= g) + E[X; X > g], and E[X; X > g] = m (1 - I_g(a + 1, b))
    return float(g * betainc(a, b, g) + m * (1.0 - betainc(a + 1.0, b, g)))


def dividend(
    params: LandSharesParams, shares: ArrayLike, rate_draw: ArrayLike, alive: ArrayLike
) -> Array:
    """One year's dividend: ``shares * max(rate_draw, guaranteed_rate) * alive``, yuan.

    Parameters
    ----------
    shares : array_like
        Share capital held, yuan (per household, or a total).
    rate_draw : array_like
        The year's dividend rate before the floor, 1/yr (a draw, or
        :func:`mean_paid_rate` for an expected year).
    alive : array_like
        1 while the developer has not defaulted, 0 after (or a survival
        probability for an expected year).

    Examples
    --------
    A bad year (2%) is floored at the guaranteed 8%:

    >>> float(dividend(LandSharesParams(), 100_000.0, 0.02, 1.0))
    8000.0
    """
    paid = np.maximum(np.asarray(rate_draw, dtype=float), params.guaranteed_rate)
    out: Array = np.asarray(shares, dtype=float) * paid * np.asarray(alive, dtype=float)
    return out


def spend_down(
    params: LandSharesParams, balance: ArrayLike, months: float = 12.0
) -> tuple[Array, Array]:
    """A period of deposit interest and spending: (withdrawal, balance left), yuan.

    The balance earns ``deposit_rate`` and households withdraw the share
    ``1 - (1 - spend_rate)^(months / 12)`` of it (``spend_rate`` a year).

    Examples
    --------
    >>> w, left = spend_down(LandSharesParams(), 10_000.0)
    >>> round(float(w), 2), round(float(left), 2)
    (3067.5, 7157.5)
    """
    years = months / 12.0
    grown = np.asarray(balance, dtype=float) * (1.0 + params.deposit_rate) ** years
    out = (1.0 - (1.0 - params.spend_rate) ** years) * grown
    return out, grown - out


def house_swap(params: LandSharesParams, persons: ArrayLike) -> dict[str, Array]:
    """The house-for-house swap for households of ``persons`` persons.

    Returns
    -------
    dict of str to ndarray
        ``new_m2`` (floor area after the swap), ``developer`` (construction of
        the 1:1 swap area, paid by the developer), ``subsidy`` (government's
        direct subsidy), ``household`` (households' outlay: extra area and any
        gap above the cap), ``construction`` (all three, paid to builders),
        yuan at t = 0; ``rent`` (yuan a year from surplus floor area).

    Examples
    --------
    A household of 4: 120 m² swapped 1:1, 20 m² topped up to 140 m² by the
    government, 60 m² bought at cost; 80 m² above living needs let out.

    >>> s = house_swap(LandSharesParams(), 4)
    >>> [float(s[k]) for k in ("new_m2", "developer", "subsidy", "household", "rent")]
    [200.0, 120000.0, 20000.0, 60000.0, 4000.0]
    """
    p = params
    n = _nonnegative("persons", persons)
    cost = p.construction_cost_per_m2
    swapped = p.swap_ratio * p.old_floor_m2_per_person * n
    entitled = np.maximum(swapped, p.entitlement_m2_per_person * n)
    gap = cost * (entitled - swapped)  # value gap closed by the direct subsidy (直补平衡)
    subsidy = np.minimum(gap, p.subsidy_cap_per_person * n)
    new = entitled + p.extra_m2_per_person * n
    surplus = np.maximum(new - p.living_m2_per_person * n, 0.0)
    return {
        "new_m2": new,
        "developer": cost * swapped,
        "subsidy": subsidy,
        "household": gap - subsidy + cost * p.extra_m2_per_person * n,
        "construction": cost * new,
        "rent": p.rental_yield * cost * surplus,
    }


def appraise(
    params: LandSharesParams, *, horizon_years: int = 20, rng: np.random.Generator | None = None
) -> Appraisal:
    """Yearly cash flows of land-for-shares compensation per stakeholder.

    Parameters
    ----------
    params : LandSharesParams
        The scheme's parameters (``area_mu`` and ``persons`` are the totals).
    horizon_years : int, default 20
        Years after the expropriation year; shares are redeemed at the end.
    rng : numpy.random.Generator, optional
        Draw yearly dividend rates and the developer's default year; without
        it, flows are expected values.

    Returns
    -------
    Appraisal
        Flows of households, developer, government and bank. Items (yuan, by
        year): the compensation items, ``share_capital``, ``cash_part``,
        ``dividends``, ``paid_rate``, ``alive``, ``recovery``,
        ``redemption``, ``deposits``, ``withdrawals``, ``deposit_balance``,
        ``swap_developer``, ``swap_subsidy``, ``swap_household``,
        ``construction``, ``rent``, ``forgone_farm_income`` (negative),
        ``households_cash_alternative`` (households' flows if all is paid in
        cash), and ``per_household`` / ``per_household_cash_alternative``
        (per household of ``household_size`` persons).

    Examples
    --------
    The case's 1,826 agricultural residents on 0.8 mu each, 1998 law:
    28,500 yuan a mu, 22,800 a person, 80% of it as shares.

    >>> a = appraise(LandSharesParams())
    >>> float(a.items["compensation"][0]), float(a.items["share_capital"][0])
    (41632800.0, 33306240.0)
    >>> round(float(a.items["compensation"][0]) / 1826)
    22800
    """
    horizon = check_horizon(horizon_years)
    p = params
    t = np.arange(horizon + 1)
    comp = compensation(p, p.area_mu, p.persons)
    total = float(comp["total"])
    shares, cash = (float(x) for x in split_compensation(p, total))

    if rng is None:
        rate = np.full(horizon + 1, mean_paid_rate(p))
        alive = (1.0 - p.default_prob) ** t.astype(float)
    else:
        rate = np.maximum(draw_dividend_rates(p, rng, horizon + 1), p.guaranteed_rate)
        survives = (t == 0) | (rng.random(horizon + 1) >= p.default_prob)
        alive = np.cumprod(survives).astype(float)
    alive_before = np.concatenate(([1.0], alive[:-1]))
    dividends = np.where(t > 0, dividend(p, shares, rate, alive), 0.0)
    recovery = p.recovery_fraction * shares * (alive_before - alive)
    redemption = np.where(t == horizon, shares * alive, 0.0)
    to_holders = dividends + recovery + redemption

    dep, wd, balance = _cash_path(p, cash, horizon)
    base = _common(p, horizon)
    comp0 = _at0(total, horizon)
    # households: compensation from the developer, share capital back to it, cash to
    # the bank and back, dividends etc. from the developer, swap, rent, farm loss
    households = comp0 - _at0(shares, horizon) - dep + wd + to_holders + base["households"]
    flows = flows_table(
        horizon,
        households=households,
        developer=-comp0 + _at0(shares, horizon) - to_holders - base["swap_developer"],
        government=-base["swap_subsidy"],
        bank=dep - wd,
    )
    alt = cash_alternative(p, horizon_years=horizon)
    items = {k: _at0(float(v), horizon) for k, v in comp.items() if k != "total"}
    items |= {
        "compensation": comp0,
        "share_capital": _at0(shares, horizon),
        "cash_part": _at0(cash, horizon),
        "dividends": dividends,
        "paid_rate": np.where(t > 0, rate, 0.0),
        "alive": alive,
        "recovery": recovery,
        "redemption": redemption,
        "deposits": dep,
        "withdrawals": wd,
        "deposit_balance": balance,
        **{k: v for k, v in base.items() if k != "households"},
        "households_cash_alternative": alt.of("households"),
        "per_household": households / p.households,
        "per_household_cash_alternative": alt.of("households") / p.households,
    }
    return Appraisal("land_shares", flows, items=items)


def cash_alternative(params: LandSharesParams, horizon_years: int = 20) -> Appraisal:
    """The all-cash path: the whole compensation paid in cash, deposited and spent down.

    The swap, rent and forgone farm income are the same as under shares, so
    households' NPVs compare directly with :func:`appraise`.

    Examples
    --------
    The lump sum is mostly gone within a few years (domain-reference.md §1b,
    stylised fact 2): 30% spent on receipt, about 86% by year 4.

    >>> a = cash_alternative(LandSharesParams())
    >>> spent = a.items["withdrawals"].cumsum() / a.items["compensation"][0]
    >>> round(float(spent[0]), 2), round(float(spent[4]), 2)
    (0.3, 0.86)
    """
    horizon = check_horizon(horizon_years)
    p = params
    total = float(compensation(p, p.area_mu, p.persons)["total"])
    dep, wd, balance = _cash_path(p, total, horizon)
    base = _common(p, horizon)
    comp0 = _at0(total, horizon)
    households = comp0 - dep + wd + base["households"]
    flows = flows_table(
        horizon,
        households=households,
        developer=-comp0 - base["swap_developer"],
        government=-base["swap_subsidy"],
        bank=dep - wd,
    )
    items = {"compensation": comp0, "deposits": dep, "withdrawals": wd, "deposit_balance": balance}
    items |= {k: v for k, v in base.items() if k != "households"}
    items["per_household"] = households / p.households
    return Appraisal("land_shares_cash", flows, items=items)


def _at0(value: float, horizon: int) -> Array:
    out = np.zeros(horizon + 1)
    out[0] = value
    return out


def _cash_path(p: LandSharesParams, cash: float, horizon: int) -> tuple[Array, Array, Array]:
    """Deposits (t = 0), withdrawals (the rest at the horizon) and balances, yuan."""
    growth = (1.0 - p.spend_rate) * (1.0 + p.deposit_rate)
    t = np.arange(horizon + 1, dtype=float)
    balance = np.where(t < horizon, (1.0 - p.spend_rate) * cash * growth**t, 0.0)
    wd = np.zeros(horizon + 1)
    wd[0] = p.spend_rate * cash  # spent on receipt (moving, consumption)
    wd[1:] = spend_down(p, balance[:-1])[0]
    wd[-1] = balance[-2] * (1.0 + p.deposit_rate)
    return _at0(cash, horizon), wd, balance


def _common(p: LandSharesParams, horizon: int) -> dict[str, Array]:
    """Swap, rent and forgone farm income: the same under shares and under cash."""
    swap = house_swap(p, float(p.persons))
    later = np.arange(horizon + 1) > 0
    rent = np.where(later, float(swap["rent"]), 0.0)  # from tenants (outside market)
    farm = np.where(later, -p.farm_income_share * p.aaov_per_mu * p.area_mu, 0.0)
    dev, sub, own = (_at0(float(swap[k]), horizon) for k in ("developer", "subsidy", "household"))
    return {
        # households build (自建): paid for the swap area by the developer and the
        # government, they pay the builders (outside market) for all of it
        "households": dev + sub - _at0(float(swap["construction"]), horizon) + rent + farm,
        "swap_developer": dev,
        "swap_subsidy": sub,
        "swap_household": own,
        "construction": _at0(float(swap["construction"]), horizon),
        "rent": rent,
        "forgone_farm_income": farm,
    }


def _beta_ab(mean: float, sd: float) -> tuple[float, float] | None:
    var = min(sd**2, 0.99 * mean * (1.0 - mean))
    if var <= 0.0:
        return None
    k = mean * (1.0 - mean) / var - 1.0
    return mean * k, (1.0 - mean) * k


def process(
    world: World, schedule: Schedule[LandSharesParams], rng: np.random.Generator
) -> Generator[simpy.Event, Any, None]:
    """Land-for-shares in a simulation: each expropriation wave, then each December.

    At a wave (a distinct ``expropriation_month`` >= 0) the households losing
    their land get :func:`compensation` for all of it, their members the persons
    to resettle (developer -> households, COMPENSATION), subscribe the share part
    (:func:`split_compensation`; households -> developer, SHARES) and swap houses
    (:func:`house_swap`): developer -> households the 1:1 area (INVESTMENT),
    government -> households the direct subsidy (GRANT), households -> market
    all the construction (INVESTMENT). Each December, from the first calendar
    year after a household's wave: market -> households rent (RENT), developer
    -> holders :func:`dividend` (DIVIDEND). From year 1 the developer defaults
    with probability ``default_prob``: dividends stop, ``recovery_fraction`` of
    the shares is paid back (developer -> holders, SHARES), later waves get cash.

    Draws, as :func:`appraise` makes them whatever the share fraction: a
    quantile of the dividend rate a year (:func:`draw_dividend_rates`, mapped
    with the parameters in force that year), then a uniform a year for the
    default. Shares are
    not redeemed when the run ends.
    """
    c, book, _base, months = world.community, world.ledger, schedule.base, world.horizon_months
    pay, dev = book.pay_households, world.account("developer")
    rate_draw = rng.random(-(-months // 12))  # one quantile a year (draw_dividend_rates)
    default_draw = rng.random(rate_draw.size)
    taken = c.expropriation_month
    waves = np.unique(taken[(taken >= 0) & (taken < months)])
    held = np.zeros(c.n_households)  # share capital of each household, yuan
    swapped = np.full(c.n_households, months)  # month of each household's wave
    alive = True
    for month in np.union1d(waves, np.arange(11, months, 12)).tolist():
        yield world.wait_until(month)
        p = schedule.at(month)
        if month in waves:
            new = world.newly_landless()
            comp = compensation(p, c.land_mu[new], c.size[new])["total"]
            pay(dev, new, comp, Source.COMPENSATION)
            held[new] = split_compensation(p, comp)[0] if alive else 0.0
            buy = new[held[new] > 0]
            if buy.size:  # households -> developer: share capital
                book.collect(dev, buy, held[buy], Source.SHARES)
            swap = house_swap(p, c.size[new])
            pay(dev, new, swap["developer"], Source.INVESTMENT)
            pay(
                world.account("government"), new, swap["subsidy"], Source.GRANT
            )  # capital, not income
            book.collect(world.account("market"), new, swap["construction"], Source.INVESTMENT)
            swapped[new] = month
        if month % 12 != 11:
            continue
        year = month // 12
        rate = float(dividend_rate_at(p, rate_draw[year]))  # the parameters in force
        if alive and year >= 1 and default_draw[year] < p.default_prob:
            alive, holders = False, np.flatnonzero(held > 0)
            pay(dev, holders, p.recovery_fraction * held[holders], Source.SHARES)  # recovered
            held[:] = 0.0
        earlier = swapped < 12 * year  # waves of earlier calendar years
        holders = np.flatnonzero(earlier & (held > 0))
        if holders.size:
            pay(dev, holders, dividend(p, held[holders], rate, 1.0), Source.DIVIDEND)
        renting = np.flatnonzero(earlier)
        if renting.size:  # tenants (market) -> households
            rent = house_swap(p, c.size[renting])["rent"]
            pay(world.account("market"), renting, rent, Source.RENT)


UNCERTAINTIES: tuple[Uncertainty, ...] = (
    Uncertainty("aaov_per_mu", Triangular(low=1500.0, mode=2000.0, high=3000.0), f"{_1A}"),
    Uncertainty("dividend_rate", Triangular(low=0.04, mode=0.08, high=0.12), f"{_1B} (est.)"),
    Uncertainty("default_prob", Triangular(low=0.02, mode=0.05, high=0.10), f"{_1B}, §8"),
    Uncertainty("recovery_fraction", Triangular(low=0.0, mode=0.3, high=0.6), _EST),
    Uncertainty("spend_rate", Triangular(low=0.15, mode=0.3, high=0.5), f"{_EST}; {_1B}"),
    Uncertainty(
        "construction_cost_per_m2", Triangular(low=800.0, mode=1000.0, high=1200.0), f"{_1A}"
    ),
    Uncertainty("rental_yield", Triangular(low=0.04, mode=0.05, high=0.06), f"{_1B}"),
    Uncertainty(
        "regional_land_price_per_mu",
        Triangular(low=30_000.0, mode=40_000.0, high=60_000.0),
        f"{_1A}, §8 (2019 law only)",
    ),
)

SCHEME = Scheme(
    name="land_shares",
    title="Land-for-shares compensation (土地入股分红)",
    params_type=LandSharesParams,
    appraise=appraise,
    uncertainties=UNCERTAINTIES,
    summary="80% of land compensation as developer shares with dividends; house-for-house swap",
    process=process,
    label="Land shares",
    label_zh="土地入股",
)
