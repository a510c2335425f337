"""Compensation as the law defines it, and what households do with it.

The items and recipients of land compensation under the 1998 or the 2019 Land
Administration Law (:func:`compensation`), its split into shares and cash
(:func:`split_compensation`), the house-for-house swap (:func:`house_swap`),
the order in which households spend the money (:func:`uses_of_compensation`)
and the rent from the area they build (:func:`floor_rent`).

A private helper of :mod:`collective_econ.schemes.land_shares`, which
re-exports these names: import them from there. The functions take any object
with the parameters they read (:class:`~collective_econ.schemes.land_shares.LandSharesParams`).
"""

from __future__ import annotations

from typing import Protocol

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..errors import ParameterError

__all__ = [
    "TOTAL_CAP_MULTIPLE",
    "LawParams",
    "compensation",
    "floor_rent",
    "house_swap",
    "split_compensation",
    "uses_of_compensation",
]

Array = NDArray[np.float64]


class LawParams(Protocol):
    """The parameters compensation and the house swap read (LandSharesParams has them)."""

    @property
    def aaov_per_mu(self) -> float: ...
    @property
    def attachments_per_mu(self) -> float: ...
    @property
    def construction_cost_per_m2(self) -> float: ...
    @property
    def entitlement_m2_per_person(self) -> float: ...
    @property
    def extra_m2_per_person(self) -> float: ...
    @property
    def land_comp_multiple(self) -> float: ...
    @property
    def land_fee_share_2019(self) -> float: ...
    @property
    def law(self) -> str: ...
    @property
    def living_m2_per_person(self) -> float: ...
    @property
    def old_floor_m2_per_person(self) -> float: ...
    @property
    def pass_through_share(self) -> float: ...
    @property
    def regional_land_price_per_mu(self) -> float: ...
    @property
    def rental_yield(self) -> float: ...
    @property
    def resettle_cap_multiple(self) -> float: ...
    @property
    def resettle_multiple(self) -> float: ...
    @property
    def share_fraction(self) -> float: ...
    @property
    def social_security_per_person(self) -> float: ...
    @property
    def subsidy_cap_per_person(self) -> float: ...
    @property
    def swap_ratio(self) -> float: ...
    @property
    def young_crop_per_mu(self) -> float: ...


TOTAL_CAP_MULTIPLE = 30.0
"""LAL 1998 Art. 47: land fee + resettlement <= 30 x AAOV per mu (domain-reference.md §1a)."""


def _nonnegative(name: str, value: ArrayLike) -> Array:
    arr = np.asarray(value, dtype=float)
    bad = ~np.isfinite(arr) | (arr < 0)
    if np.any(bad):
        raise ParameterError(name, "finite and >= 0", float(arr[bad].flat[0]))
    return arr


def compensation(params: LawParams, area_mu: ArrayLike, persons: ArrayLike) -> dict[str, Array]:
    """Compensation for land taken, by item and by recipient, under the chosen law.

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
        Yuan, broadcast over the inputs. Items: ``land_fee`` (土地补偿费),
        ``resettlement``, ``young_crops``, ``attachments``,
        ``social_security`` (2019 law only) and ``total``. Recipients:
        ``to_collective`` (the land fee the collective keeps),
        ``pass_through`` (the land fee it passes on to the households),
        ``to_households`` (pass-through, resettlement, young crops and
        attachments: the households' cash, the base of their shares) and
        ``to_insurance`` (the social-security fee, never paid in cash).

    Examples
    --------
    One mu and 1.25 persons a mu (0.8 mu a person): 8 x 2,000 yuan land fee
    plus 1.25 x 5 x 2,000 yuan resettlement, plus young crops and attachments;
    the collective keeps 20% of the land fee.

    >>> from collective_econ.schemes.land_shares import LandSharesParams
    >>> c = compensation(LandSharesParams(), 1.0, 1.25)
    >>> [float(c[k]) for k in ("land_fee", "resettlement", "young_crops", "attachments")]
    [16000.0, 12500.0, 1000.0, 1500.0]
    >>> float(c["total"]), float(c["to_collective"]), float(c["to_households"])
    (31000.0, 3200.0, 27800.0)
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
        regional = p.regional_land_price_per_mu * area
        land = p.land_fee_share_2019 * regional
        resettle = regional - land
        social = p.social_security_per_person * n
    crops = p.young_crop_per_mu * area
    attach = p.attachments_per_mu * area
    passed = p.pass_through_share * land
    return {
        "land_fee": land,
        "resettlement": resettle,
        "young_crops": crops,
        "attachments": attach,
        "social_security": social,
        "total": land + resettle + crops + attach + social,
        "to_collective": land - passed,
        "pass_through": passed,
        "to_households": passed + resettle + crops + attach,
        "to_insurance": social,
    }


def split_compensation(params: LawParams, compensation: ArrayLike) -> tuple[Array, Array]:
    """Split compensation into shares and cash, with ``shares + cash == compensation`` exactly.

    The larger part is computed by multiplication and the smaller by
    subtraction, which is exact in floating point (Sterbenz's lemma), so the
    sum reproduces the compensation bit for bit.

    Examples
    --------
    >>> from collective_econ.schemes.land_shares import LandSharesParams
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


def house_swap(params: LawParams, persons: ArrayLike) -> dict[str, Array]:
    """The house-for-house swap for households of ``persons`` persons.

    Returns
    -------
    dict of str to ndarray
        ``new_m2`` (floor area after the swap), ``developer`` (construction of
        the 1:1 swap area, paid by the developer), ``subsidy`` (government's
        direct subsidy), ``topup`` (the gap above the subsidy's cap, the
        households' compulsory part), ``household`` (households' outlay: the
        top-up and the extra area), ``construction`` (all three, paid to builders),
        yuan at t = 0; ``rent`` (yuan a year from surplus floor area).

    Examples
    --------
    A household of 4: 120 m² swapped 1:1, 20 m² topped up to 140 m² by the
    government, 60 m² bought at cost; 80 m² above living needs let out.

    >>> from collective_econ.schemes.land_shares import LandSharesParams
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
        "topup": gap - subsidy,
        "household": gap - subsidy + cost * p.extra_m2_per_person * n,
        "construction": cost * new,
        "rent": p.rental_yield * cost * surplus,
    }


def uses_of_compensation(
    params: LawParams, money: ArrayLike, persons: ArrayLike, *, buy_shares: bool = True
) -> dict[str, Array]:
    """How households spend their compensation money at their wave, in order, never overdrawn.

    From ``money`` (the households' compensation, ``to_households``), in this order:

    1. ``topup``: the part of the entitled area's value gap the direct subsidy
       leaves (:func:`house_swap`'s ``gap - subsidy``, compulsory), paid first, as
       far as the money covers it (0 with the defaults: the cap does not bind);
    2. ``shares``: ``share_fraction`` of what is left (:func:`split_compensation`;
       none with ``buy_shares=False``, after the developer's default);
    3. ``extra``: the optional extra area at cost, as much of
       ``extra_m2_per_person`` as the cash left (``cash``) pays for; no loan (a
       house on collective land could not be mortgaged: docs/schemes/land_shares.md);
    4. ``kept``: the rest, kept as cash (deposited and spent down).

    So ``topup + shares + extra + kept == money`` and no household pays more
    than its compensation: its other savings are never touched.

    Parameters
    ----------
    money : array_like
        The households' compensation money, yuan (per household, or a total).
    persons : array_like
        Household members (or the total), for the swap's areas.
    buy_shares : bool, default True
        False once the developer has defaulted: all the money is cash.

    Returns
    -------
    dict of str to ndarray
        Yuan at the wave: ``topup``, ``shares``, ``cash`` (money less top-up and
        shares), ``extra``, ``kept``; the swap as built: ``developer`` (the 1:1
        area), ``subsidy``, ``household`` (``topup + extra``), ``construction``
        (all three, paid to builders); ``new_m2`` (floor area built) and ``rent``
        (yuan a year from the area above living needs, :func:`floor_rent`).

    Examples
    --------
    A household of 4 on 3.2 mu (22,240 yuan a person): 80% buys shares and the
    17,792 yuan left buy 17.8 of the 60 m² on offer at cost.

    >>> from collective_econ.schemes.land_shares import LandSharesParams
    >>> u = uses_of_compensation(LandSharesParams(), 88_960.0, 4)
    >>> [round(float(u[k])) for k in ("topup", "shares", "extra", "kept", "new_m2")]
    [0, 71168, 17792, 0, 158]
    >>> cash = uses_of_compensation(LandSharesParams(), 88_960.0, 4, buy_shares=False)
    >>> round(float(cash["extra"])), round(float(cash["kept"]))
    (60000, 28960)
    """
    p = params
    swap = house_swap(p, persons)
    cash_in = _nonnegative("money", money)
    cost = p.construction_cost_per_m2
    due = swap["topup"]
    topup = np.minimum(due, cash_in)
    rest = cash_in - topup
    if buy_shares:
        shares, cash = split_compensation(p, rest)
    else:
        shares, cash = np.zeros_like(rest), rest
    offer = cost * p.extra_m2_per_person * np.asarray(persons, dtype=float)
    extra = np.minimum(offer, cash)
    new = swap["new_m2"] - (due - topup) / cost - (offer - extra) / cost
    household = topup + extra
    return {
        "topup": topup,
        "shares": shares,
        "cash": cash,
        "extra": extra,
        "kept": cash - extra,
        "developer": swap["developer"],
        "subsidy": swap["subsidy"],
        "household": household,
        "construction": swap["developer"] + swap["subsidy"] + household,
        "new_m2": new,
        "rent": floor_rent(p, new, persons),
    }


def floor_rent(params: LawParams, new_m2: ArrayLike, persons: ArrayLike) -> Array:
    """Yearly rent from the floor area above living needs, yuan: tenants pay it.

    ``rental_yield * construction_cost_per_m2 * max(new_m2 - living_m2_per_person * persons, 0)``.
    """
    p = params
    above = np.asarray(new_m2, dtype=float) - p.living_m2_per_person * np.asarray(persons, float)
    out: Array = p.rental_yield * p.construction_cost_per_m2 * np.maximum(above, 0.0)
    return out
