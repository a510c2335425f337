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

*Uses, in order* (:func:`uses_of_compensation`; a household never pays more
than its compensation): the swap's compulsory top-up, then ``share_fraction``
of the rest buys shares in the developer, then the cash left buys what it can
of the optional extra area at cost (no loan), and the rest is kept.
*Shares*: In year t >= 1
the developer pays ``shares * max(r_t, guaranteed_rate) * alive_t``: r_t is a
Beta draw with mean ``dividend_rate``, alive_t is 1 until the developer
defaults (``default_prob`` a year), when ``recovery_fraction`` of the shares
is paid back. Otherwise the shares are redeemed at par at the horizon (an
assumption). A year the project cannot pay, a surviving developer cuts the
dividend or (``distress_response="dilute"``) sells new equity at par, and the
holders' stake in dividends, recovery and redemption falls
(:func:`project_year`).
*Cash*: spent at ``spend_rate`` on receipt and a year, the rest deposited at the
real deposit rate, ``deposit_rate`` less each year's inflation, as the simulation
pays it (:func:`spend_down`); :func:`cash_alternative` pays it all in cash.
*House-for-house swap* (以房换房, 直补平衡): the developer pays for the old floor
area swapped at ``swap_ratio``; the government's direct subsidy tops it up to
``entitlement_m2_per_person`` (capped); households buy up to ``extra_m2_per_person``
and let the area above ``living_m2_per_person``: after a construction lag with a
transitional allowance until delivery, at a rent that falls with the town's let
stock, less vacancy (:mod:`._housing`; the rent of old houses is the livelihood's).
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

from ..distributions import Triangular
from ..distributions.uncertainty import Uncertainty
from ..economy.ledger import Source
from ..economy.livelihood import LivelihoodParams, old_house_rent
from ..economy.schedule import Schedule
from ..economy.world import World
from ..params import FRACTION, NONNEGATIVE, POSITIVE, at_least, between, one_of, param
from ._deposits import cash_path, spend_down, spend_rate
from ._developer import (
    cycle,
    developer_paths,
    dividend,
    dividend_rate_at,
    draw_dividend_rates,
    expected_default_loss,
    expected_dilution_loss,
    expected_paths,
    mean_paid_rate,
    project_year,
)
from ._housing import HousingParams, housing_month, housing_years, price_levels
from ._land_law import (
    TOTAL_CAP_MULTIPLE,
    compensation,
    floor_rent,
    house_swap,
    split_compensation,
    uses_of_compensation,
)
from .base import Appraisal, Scheme, check_horizon, flows_table, nominal_deflator

__all__ = [
    "SCHEME",
    "TOTAL_CAP_MULTIPLE",
    "UNCERTAINTIES",
    "LandSharesParams",
    "appraise",
    "cash_alternative",
    "compensation",
    "cycle",
    "developer_paths",
    "dividend",
    "dividend_rate_at",
    "draw_dividend_rates",
    "expected_default_loss",
    "expected_dilution_loss",
    "expected_paths",
    "floor_rent",
    "house_swap",
    "mean_paid_rate",
    "process",
    "project_year",
    "reserved_land_rent",
    "spend_down",
    "split_compensation",
    "uses_of_compensation",
]


Array = NDArray[np.float64]
_1A, _1B, _EST = "domain-reference.md §1a", "domain-reference.md §1b", "estimate"
_LIVELIHOOD = LivelihoodParams()


@dataclass(frozen=True, slots=True, kw_only=True)
class LandSharesParams(HousingParams):
    """Land-for-shares parameters (defaults: the Caopijie case; housing: ``HousingParams``)."""

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
    land_fee_share_2019: float = param(
        0.5,
        unit="fraction",
        rule=FRACTION,
        source=f"{_EST}: province splits the 区片综合地价 into land fee and resettlement",
    )
    pass_through_share: float = param(
        0.8,
        unit="fraction of land fee",
        rule=FRACTION,
        source="estimate: the collective owns the land fee; provinces have 70-80% passed on",
    )
    young_crop_per_mu: float = param(
        1000.0,
        unit="yuan/mu",
        rule=NONNEGATIVE,
        source=f"{_1A}: set by province; one season's output, 0.5 x AAOV (estimate)",
    )
    attachments_per_mu: float = param(
        1500.0,
        unit="yuan/mu",
        rule=NONNEGATIVE,
        source=f"{_1A}: set by province; wells, sheds, trees (estimate)",
    )
    reserved_land_share: float = param(
        0.0,
        unit="fraction of area taken",
        rule=FRACTION,
        source="estimate: 10-15% kept as 留用地 in some provinces; 0, none, as in the case",
    )
    reserved_land_rent_per_mu: float = param(
        3000.0,
        unit="yuan/mu/yr",
        rule=NONNEGATIVE,
        source=f"{_EST}: lease of collective construction land in a county town",
    )
    conveyance_price_per_mu: float = param(
        100_000.0,
        unit="yuan/mu",
        rule=NONNEGATIVE,
        source=f"{_1B} stylised fact 1: compensation well below land-grant fees (estimate)",
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
        0.06,
        unit="1/yr",
        rule=FRACTION,
        source=f"{_1B}: 保底分红 6-10%, the low end: below the mean rate (estimate); 0 = none",
    )
    bonus_share: float = param(
        0.5,
        unit="fraction of profit above the floor",
        rule=FRACTION,
        source=f"{_1B}: LSCs' bonus 0-50% of surplus, stylised fact 4 (estimate)",
    )
    default_prob: float = param(
        0.03,
        unit="1/yr",
        rule=FRACTION,
        source=f"{_1B}: 3-10%/yr, the low end while the project has cash (estimate)",
    )
    distress_default_prob: float = param(
        0.5,
        unit="1/yr",
        rule=FRACTION,
        source=f"{_EST}: hazard in a year the project's cash cannot pay the floor",
    )
    distress_response: str = param(
        "cut",
        unit="-",
        rule=one_of("cut", "dilute"),
        source="domain-reference.md §1b stylised fact 4 (dividend cuts, dilution); "
        "estimate: cut (pay what the project has) as the default",
        doc="a surviving developer's answer to a year its cash cannot pay the declared "
        "dividend: 'cut' pays what it has; 'dilute' sells new equity at par to outside "
        "investors for the shortfall and pays in full, the holders' stake falling by "
        "1/(1 + raised per yuan of equity)",
    )
    construction_years: int = param(
        3, unit="years", rule=between(0, 10), source="estimate: 2-4 years to build and sell"
    )
    reserve_fraction: float = param(
        0.2,
        unit="fraction of share capital",
        rule=FRACTION,
        source=f"{_EST}: held as cash for the floor while building",
    )
    cycle_years: float = param(
        6.0, unit="years", rule=at_least(1), source=f"{_EST}: county-town property cycle"
    )
    cycle_amplitude: float = param(
        0.3, unit="fraction of mean profit", rule=FRACTION, source=f"{_EST}: sales swing +-30%"
    )
    recovery_fraction: float = param(
        0.3, unit="fraction of shares", rule=FRACTION, source=f"{_EST}: recovered on default"
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

    @property
    def deposit_rate(self) -> float:
        """The livelihood's deposit rate (read-only: set ``livelihood.deposit_rate``)."""
        return _LIVELIHOOD.deposit_rate

    @property
    def spend_rate(self) -> float:
        """The livelihood's ``spend_down_rate`` (read-only: set it in ``livelihood``)."""
        return spend_rate(_LIVELIHOOD)


def appraise(
    params: LandSharesParams,
    *,
    horizon_years: int = 20,
    rng: np.random.Generator | None = None,
    livelihood: LivelihoodParams | None = None,
) -> Appraisal:
    """Yearly cash flows of land-for-shares compensation per stakeholder.

    Parameters
    ----------
    params : LandSharesParams
        The scheme's parameters (``area_mu`` and ``persons`` are the totals).
    horizon_years : int, default 20
        Years after the expropriation year; shares still alive are redeemed at
        par at the end (as in the simulation).
    rng : numpy.random.Generator, optional
        Draw yearly profit rates and the developer's default; without it,
        flows are expected values (the mean of a fixed set of paths).
    livelihood : LivelihoodParams, optional
        The household economy's rules: net farm income lost per mu, deposit
        and spending rates, as the simulation uses them (default: its defaults).

    Returns
    -------
    Appraisal
        Flows of households, the collective, developer, government and bank.
        Items (yuan, by year): the compensation items and recipients of
        :func:`compensation`, ``compensation`` (the total), ``conveyance``,
        ``share_capital``, ``cash_part``, ``dividends``, ``paid_rate``,
        ``alive``, ``recovery``, ``redemption``, ``project_cash``,
        ``expected_default_loss``, ``stake``, ``dilution_loss``, ``raised``,
        ``to_outsiders`` (new equity's dividends, recovery and redemption),
        ``deposits``, ``withdrawals``,
        ``deposit_balance``, ``cash_kept``, ``swap_developer``, ``swap_subsidy``,
        ``swap_topup``, ``swap_extra``, ``swap_household``, ``construction``, ``rent``,
        ``forgone_farm_income`` (negative), ``households_cash_alternative``,
        and ``per_household`` / ``per_household_cash_alternative``.

    Examples
    --------
    The case's 1,826 agricultural residents on 0.8 mu each, 1998 law:
    31,000 yuan a mu in all; the collective keeps 20% of the land fee and
    the households put 80% of what they get into shares
    (:func:`uses_of_compensation`, applied to the totals: the average household).

    >>> a = appraise(LandSharesParams())
    >>> float(a.items["compensation"][0]), float(a.items["to_collective"][0])
    (45284800.0, 4674560.0)
    >>> round(float(a.items["share_capital"][0]))
    32488192
    """
    horizon = check_horizon(horizon_years)
    p, lv = params, livelihood if livelihood is not None else _LIVELIHOOD
    t = np.arange(horizon + 1)
    comp = compensation(p, p.area_mu, p.persons)
    total, own = float(comp["total"]), float(comp["to_households"])
    use = uses_of_compensation(p, own, p.persons)  # the totals: the average household
    shares, cash, kept = (float(use[k]) for k in ("shares", "cash", "kept"))

    if rng is None:
        path = expected_paths(p, horizon)
    else:
        u = rng.random((horizon + 1, 2))  # a year's rate quantile and default: horizon-free
        path = developer_paths(p, u[:, 0].copy(), u[:, 1].copy())
    alive, stake, real = path["alive"], path["stake"], nominal_deflator(horizon)  # nominal
    dividends = shares * path["dividends"] * real
    recovery = shares * path["recovery"] * real
    # the principal at par, shared by stake with the investors of any new equity
    redemption = np.where(t == horizon, shares * alive * stake, 0.0) * real
    outsiders = (shares * path["outsiders"] + np.where(t == horizon, shares * alive, 0.0)) * real
    outsiders -= redemption
    to_holders = dividends + recovery + redemption

    dep, wd, balance = cash_path(lv, kept, horizon)
    base = _common(p, lv, horizon, use)
    convey = _at0(_conveyance(p, p.area_mu), horizon)
    social = _at0(float(comp["to_insurance"]), horizon)
    households = (
        _at0(own, horizon) - _at0(shares, horizon) - dep + wd + to_holders + base["households"]
    )
    flows = flows_table(
        horizon,
        households=households,
        collective=_at0(float(comp["to_collective"]), horizon) + base["reserved_land_rent"],
        developer=-convey
        + _at0(shares, horizon)
        - to_holders
        - base["swap_developer"]
        - base["allowance_developer"]
        + shares * path["raised"] * real  # outside investors (the market) buy new equity
        - outsiders,
        # the county pays all compensation and receives the conveyance fee; the
        # social-security fee stays in its landless farmers' insurance fund
        government=-_at0(total, horizon)
        + social
        + convey
        - base["swap_subsidy"]
        - base["allowance_government"],
        bank=dep - wd,
    )
    alt = cash_alternative(p, horizon_years=horizon, livelihood=lv)
    items = {k: _at0(float(v), horizon) for k, v in comp.items() if k != "total"}
    items |= {
        "compensation": _at0(total, horizon),
        "conveyance": convey,
        "share_capital": _at0(shares, horizon),
        "cash_part": _at0(cash, horizon),
        "cash_kept": _at0(kept, horizon),
        "dividends": dividends,
        "paid_rate": path["dividends"],
        "alive": alive,
        "recovery": recovery,
        "redemption": redemption,
        "project_cash": shares * path["cash"],
        # Hicksian: the year's expected loss of principal given the path so far
        "expected_default_loss": shares * (1.0 - p.recovery_fraction) * path["at_risk"] * real,
        "stake": stake,
        "dilution_loss": shares * path["diluted"] * real,  # principal lost to new equity
        "raised": shares * path["raised"] * real,
        "to_outsiders": outsiders,
        "deposits": dep,
        "withdrawals": wd,
        "deposit_balance": balance,
        **{k: v for k, v in base.items() if k != "households"},
        "households_cash_alternative": alt.of("households"),
        "per_household": households / p.households,
        "per_household_cash_alternative": alt.of("households") / p.households,
    }
    return Appraisal("land_shares", flows, items=items)


def cash_alternative(
    params: LandSharesParams, horizon_years: int = 20, livelihood: LivelihoodParams | None = None
) -> Appraisal:
    """The all-cash path: no shares; the house paid as :func:`uses_of_compensation` orders it.

    The collective's share and forgone farm income are the same as under
    shares; households keep more cash and can pay for more of the extra area
    (so more rent), so households' NPVs compare directly with :func:`appraise`.

    Examples
    --------
    The cash kept is mostly gone within a few years (domain-reference.md §1b,
    stylised fact 2): 30% spent on receipt, about 81% by year 4 in real yuan
    (inflation takes a part of the rest: the deposit earns the real rate).

    >>> a = cash_alternative(LandSharesParams())
    >>> spent = a.items["withdrawals"].cumsum() / a.items["deposits"][0]
    >>> round(float(spent[0]), 2), round(float(spent[4]), 2)
    (0.3, 0.81)
    """
    horizon = check_horizon(horizon_years)
    p, lv = params, livelihood if livelihood is not None else _LIVELIHOOD
    comp = compensation(p, p.area_mu, p.persons)
    total, own = float(comp["total"]), float(comp["to_households"])
    use = uses_of_compensation(p, own, p.persons, buy_shares=False)
    dep, wd, balance = cash_path(lv, float(use["kept"]), horizon)
    base = _common(p, lv, horizon, use)
    convey = _at0(_conveyance(p, p.area_mu), horizon)
    households = _at0(own, horizon) - dep + wd + base["households"]
    flows = flows_table(
        horizon,
        households=households,
        collective=_at0(float(comp["to_collective"]), horizon) + base["reserved_land_rent"],
        developer=-convey - base["swap_developer"] - base["allowance_developer"],
        government=-_at0(total - float(comp["to_insurance"]), horizon)
        + convey
        - base["swap_subsidy"]
        - base["allowance_government"],
        bank=dep - wd,
    )
    items = {
        "compensation": _at0(total, horizon),
        "to_households": _at0(own, horizon),
        "cash_kept": _at0(float(use["kept"]), horizon),
        "conveyance": convey,
        "deposits": dep,
        "withdrawals": wd,
        "deposit_balance": balance,
    }
    items |= {k: v for k, v in base.items() if k != "households"}
    items["per_household"] = households / p.households
    return Appraisal("land_shares_cash", flows, items=items)


def _conveyance(p: LandSharesParams, area: float) -> float:
    """The conveyance fee for ``area`` mu taken: the reserved land is not sold, yuan."""
    return p.conveyance_price_per_mu * (1.0 - p.reserved_land_share) * area


def reserved_land_rent(p: LandSharesParams, area: ArrayLike) -> Array:
    """The collective's yearly rent from its reserved development land (留用地), yuan/yr."""
    out: Array = p.reserved_land_rent_per_mu * p.reserved_land_share * np.asarray(area, float)
    return out


def _at0(value: float, horizon: int) -> Array:
    out = np.zeros(horizon + 1)
    out[0] = value
    return out


def _common(
    p: LandSharesParams, lv: LivelihoodParams, horizon: int, use: dict[str, Array]
) -> dict[str, Array]:
    """Swap, housing, forgone (net) farm income and old-house rent, reserved land."""
    later = np.arange(horizon + 1) > 0
    housing = housing_years(p, float(use["new_m2"]), p.persons, horizon)  # as the simulation
    rent, allow = housing["rent"], housing["allowance"]  # from tenants; from the payer
    by_dev = allow if p.transitional_payer == "developer" else np.zeros_like(allow)
    farm = np.where(later, -lv.farm_net_income_per_mu * p.area_mu, 0.0)
    old_rent = 12.0 * float(old_house_rent(lv, np.array(p.persons), np.array(True)))
    old = np.full(horizon + 1, -old_rent)  # demolished at the wave (January of year 0)
    reserved = np.where(later, float(reserved_land_rent(p, p.area_mu)), 0.0)
    dev, sub, top, extra, own, build = (
        _at0(float(use[k]), horizon)
        for k in ("developer", "subsidy", "topup", "extra", "household", "construction")
    )
    return {
        # households build (自建): paid for the swap area by the developer and the
        # government, they pay the builders (outside market) for all of it
        "households": dev + sub - build + rent + allow + farm + old,
        "swap_developer": dev,
        "swap_subsidy": sub,
        "swap_topup": top,
        "swap_extra": extra,
        "swap_household": own,
        "construction": build,
        "rent": rent,
        "transitional_allowance": allow,
        "allowance_developer": by_dev,
        "allowance_government": allow - by_dev,
        "forgone_farm_income": farm,
        "forgone_old_rent": old,  # the old houses' tenants (market)
        "reserved_land_rent": reserved,  # tenants (outside market) -> the collective
    }


def process(
    world: World, schedule: Schedule[LandSharesParams], rng: np.random.Generator
) -> Generator[simpy.Event, Any, None]:
    """Land-for-shares in a simulation: each expropriation wave, then each December.

    At a wave (a distinct ``expropriation_month`` >= 0) the households losing their land are
    compensated for all of it (:func:`compensation`, their members the persons to resettle), by
    the county: government -> each resident group's collective the land fee, collective ->
    households ``pass_through_share`` of it, government -> households resettlement, young crops
    and attachments, government -> ``insurance_fund`` the 2019 law's social-security fee (all
    COMPENSATION); developer -> government the conveyance fee (SALES). Households spend their
    compensation in the order of :func:`uses_of_compensation` (the swap's top-up, shares, the
    extra area their cash pays for, the rest kept: never more than the compensation), so they
    subscribe shares (households -> developer, SHARES) and swap houses: developer -> households
    the 1:1 area (INVESTMENT), government -> households the direct subsidy (GRANT), households
    -> market all the construction (INVESTMENT).

    Each month from a household's wave (:func:`._housing.housing_month`): the
    transitional allowance until its flat's delivery (COMPENSATION), then rent on
    its let floor (market -> households, RENT). Each December, from the first
    calendar year after a household's wave, the developer's project
    (:func:`developer_paths`, one project for all waves, each wave's capital
    selling ``construction_years`` after its wave)
    pays holders the declared dividend cut to its cash (DIVIDEND); a year it cannot pay in full it
    defaults with ``distress_default_prob`` (else ``default_prob``):
    dividends stop, ``recovery_fraction`` of the shares is paid back
    (developer -> holders, SHARES), later waves get cash. The year is
    :func:`project_year`, the formula of :func:`developer_paths`: under
    ``distress_response="dilute"`` a surviving developer sells new equity at
    par (market -> developer, SHARES) for the shortfall, pays in full, and
    every holder's stake falls by the same factor; holders then get their
    stake of dividends, recovery and redemption and the new equity's
    investors the rest (developer -> market). In the run's last December the
    shares still alive are redeemed at par (SHARES), as in :func:`appraise`.

    Shares are nominal (books at par): payouts are real yuan at the year's price level;
    each holder's claim at par is published (:meth:`World.holdings`: the dibao's asset test).
    Draws, as :func:`appraise` makes them whatever the share fraction: a
    quantile of the profit rate a year, then a uniform a year for the default.
    """
    c, book, months = world.community, world.ledger, world.horizon_months
    pay, dev, gov = book.pay_households, world.account("developer"), world.account("government")
    fund = world.account("insurance_fund")
    rate_draw, default_draw = rng.random((-(-months // 12), 2)).T.copy()  # as appraise
    last_december = 12 * ((months - 12) // 12) + 11 if months >= 12 else -1
    moved = np.flatnonzero((c.expropriation_month >= 0) & (c.expropriation_month < months))
    waves = np.unique(c.expropriation_month[moved])  # moved: their households (ascending)
    held = np.zeros(c.n_households)  # share capital of each household, yuan
    stake = np.ones(c.n_households)  # its holder's share of it after new equity (dilute)
    market = world.account("market")  # outside investors in new equity
    floor = np.zeros(c.n_households)  # floor area each household built at its wave, m²
    swapped = np.full(c.n_households, months)  # month of each household's wave
    project_cash, alive, housing = 0.0, True, dict[str, Any]()  # housing: its payments kept
    levels, rates_for, rates = price_levels(world, rate_draw.size), None, rate_draw
    world.publish_holdings("land_shares", lambda h, m: stake[h] * held[h] / levels[m // 12])
    wave_months = set(waves.tolist())
    for month in range(int(waves[0]) if waves.size else months, months):  # monthly: housing
        yield world.wait_until(month)
        p = schedule.at(month)
        if month in wave_months:
            new = world.newly_landless()
            comp = compensation(p, c.land_mu[new], c.size[new])
            groups = c.group[new]
            for g in np.unique(groups).tolist():  # the land fee to each group's collective
                mine = new[groups == g]
                fee = comp["land_fee"][groups == g]
                coll = world.collective(g)
                book.pay(gov, coll, float(fee.sum()), Source.COMPENSATION)
                pay(coll, mine, comp["pass_through"][groups == g], Source.COMPENSATION)
            own = comp["to_households"] - comp["pass_through"]
            pay(gov, new, own, Source.COMPENSATION)
            book.pay(gov, fund, float(comp["to_insurance"].sum()), Source.COMPENSATION)
            book.pay(dev, gov, _conveyance(p, float(c.land_mu[new].sum())), Source.SALES)
            # the money's uses in order (top-up, shares, extra area, cash): never overdrawn
            use = uses_of_compensation(p, comp["to_households"], c.size[new], buy_shares=alive)
            held[new], stake[new] = use["shares"], 1.0
            buy = new[held[new] > 0]
            if buy.size:  # households -> developer: share capital
                book.collect(dev, buy, held[buy], Source.SHARES)
                held[buy] *= float(levels[month // 12])  # nominal books, at par
                project_cash += p.reserve_fraction * float(held[buy].sum())
            pay(dev, new, use["developer"], Source.INVESTMENT)
            pay(gov, new, use["subsidy"], Source.GRANT)  # capital, not income
            book.collect(world.account("market"), new, use["construction"], Source.INVESTMENT)
            floor[new] = use["new_m2"]
            swapped[new] = month
        housing_month(world, p, month, floor, swapped, housing)  # allowance, then rent
        if month % 12 != 11:
            continue
        real = 1.0 / float(levels[month // 12])  # real yuan per nominal yuan
        year = month // 12
        earlier = moved[swapped[moved] < 12 * year]  # waves of earlier calendar years
        holders = earlier[held[earlier] > 0]  # (only `moved` may hold shares or have swapped)
        since = year - swapped[holders] // 12  # years since each holder's wave
        building = since <= p.construction_years
        rates_for, rates = p, rates if p is rates_for else dividend_rate_at(p, rate_draw)
        rate = float(rates[year])  # the parameters in force (every year's at once)
        factor = np.where(building, 0.0, cycle(p, since - p.construction_years))
        profit = held[holders] * rate * factor
        due = np.where(
            building,
            p.guaranteed_rate * held[holders],
            dividend(p, held[holders], rate * factor, 1.0),
        )
        owed = moved[held[moved] > 0]
        nominal = float((held[owed] / stake[owed]).sum())  # the equity at par
        u = default_draw[year] if year >= 1 else 1.0
        y = project_year(p, project_cash, profit.sum(), due.sum(), alive, u, nominal)
        if y["dies"]:  # the recovery, shared by stake (developer -> holders, investors)
            alive, back = False, p.recovery_fraction * held[owed]
            pay(dev, owed, stake[owed] * back * real, Source.SHARES)
            book.pay(dev, market, float(((1.0 - stake[owed]) * back).sum()) * real, Source.SHARES)
            held[:], project_cash = 0.0, 0.0
        elif holders.size:
            total = float(due.sum())
            paid = due * (float(y["paid"]) / total) if total > 0 else due
            book.pay(market, dev, float(y["raised"]) * real, Source.SHARES)  # new equity at par
            pay(dev, holders, stake[holders] * paid * real, Source.DIVIDEND)
            rest = float(((1.0 - stake[holders]) * paid).sum())
            book.pay(dev, market, rest * real, Source.DIVIDEND)
            project_cash = float(y["cash"])
            stake[owed] *= float(y["factor"])  # every holder, this year's wave too
        if month == last_december and alive:  # redeemed at par at the horizon, by stake
            pay(dev, owed, stake[owed] * held[owed] * real, Source.SHARES)
            rest = float(((1.0 - stake[owed]) * held[owed]).sum())
            book.pay(dev, market, rest * real, Source.SHARES)
            held[:] = 0.0
        renting = earlier
        if renting.size and p.reserved_land_share > 0:  # tenants -> collectives (留用地)
            area = np.bincount(c.group[renting], weights=c.land_mu[renting])
            for g in np.flatnonzero(area).tolist():
                rent_g = float(reserved_land_rent(p, area[g]))
                book.pay(world.account("market"), world.collective(g), rent_g, Source.RENT)


UNCERTAINTIES: tuple[Uncertainty, ...] = (
    Uncertainty("aaov_per_mu", Triangular(low=1500.0, mode=2000.0, high=3000.0), f"{_1A}"),
    Uncertainty("dividend_rate", Triangular(low=0.04, mode=0.08, high=0.12), f"{_1B} (est.)"),
    # symmetric, so the default (the simulation's value) is the mean
    Uncertainty("default_prob", Triangular(low=0.01, mode=0.03, high=0.05), f"{_1B} (est.)"),
    Uncertainty("distress_default_prob", Triangular(low=0.25, mode=0.5, high=0.75), _EST),
    Uncertainty("reserve_fraction", Triangular(low=0.1, mode=0.2, high=0.3), _EST),
    Uncertainty("recovery_fraction", Triangular(low=0.0, mode=0.3, high=0.6), _EST),
    Uncertainty(
        "construction_cost_per_m2", Triangular(low=800.0, mode=1000.0, high=1200.0), f"{_1A}"
    ),
    Uncertainty("rental_yield", Triangular(low=0.04, mode=0.05, high=0.06), f"{_1B}"),
)  # the 1998 law's; under law = "2019" add UNCERTAINTIES_2019 to a scenario's uncertainties
UNCERTAINTIES_2019 = (
    Uncertainty("regional_land_price_per_mu", Triangular(low=3e4, mode=4e4, high=6e4), _1A),
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
    public_accounts=("insurance_fund",),
    label_zh="土地入股",
)
