"""The Caopijie case's own figures, and a check of how they fit together.

:data:`CASE` holds every number of the community's report (seed-facts.md,
marked [seed] there). :func:`check_case` sets them against each other and
against the scheme models, and lists what does not add up, with the
arithmetic, so that a model that reads such figures flags them rather than
repeats them.

Examples
--------
>>> findings = check_case()
>>> population = findings[0]
>>> population.verdict, population.arithmetic
('inconsistent', '1,826 + 23,290 = 25,116, not 25,000 (off by 116, 0.46%)')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ...schemes.hogs import HogParams, spent_grain_balance
from ...schemes.hotel import SEED_INVESTMENT_READINGS, HotelParams
from ...schemes.hotel import appraise as appraise_hotel

__all__ = ["CASE", "CaseFacts", "Finding", "check_case"]


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """The figures of the Caopijie report (seed-facts.md; each marked [seed] there)."""

    area_km2: float = 7.7
    residents: int = 25_000
    agricultural_residents: int = 1_826
    non_agricultural_residents: int = 23_290
    resident_groups: int = 14
    party_members: int = 192
    share_fraction: float = 0.8
    brewery_beer_tonnes: float = 200_000.0
    hog_households: int = 100
    hogs_per_household: int = 100
    tea_mu: float = 2_000.0
    park_mu: float = 500.0
    park_income: float = 400_000.0
    hotel_land_mu: float = 5.0
    hotel_resident_funds: float = 400_000.0
    hotel_funds: float = 4_000_000.0
    hotel_profit: float = 350_000.0
    hotel_claimed_per_capita_gain: float = 10_000_000.0
    training_rounds: int = 3
    training_person_times: int = 500


CASE = CaseFacts()
"""The case as reported."""

Verdict = Literal["consistent", "inconsistent", "implausible", "ambiguous"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One check of the case's figures.

    Attributes
    ----------
    topic : str
        What is checked.
    claim : str
        What the report says.
    arithmetic : str
        The sum that tests it.
    verdict : str
        ``"consistent"``, ``"inconsistent"``, ``"implausible"`` or ``"ambiguous"``.
    reading : str
        How the library reads the figure.
    """

    topic: str
    claim: str
    arithmetic: str
    verdict: Verdict
    reading: str = ""


def check_case(case: CaseFacts = CASE) -> list[Finding]:
    """Check the case's figures against each other and against the scheme models.

    Returns
    -------
    list of Finding
        Every check made, consistent or not, in the order of the report.
    """
    c = case
    out: list[Finding] = []
    total = c.agricultural_residents + c.non_agricultural_residents
    diff = total - c.residents
    out.append(
        Finding(
            "population",
            f"{c.residents:,} residents: {c.agricultural_residents:,} agricultural and "
            f"{c.non_agricultural_residents:,} non-agricultural",
            f"{c.agricultural_residents:,} + {c.non_agricultural_residents:,} = {total:,}, "
            f"not {c.residents:,} (off by {diff:,}, {diff / c.residents:.2%})",
            "inconsistent" if diff else "consistent",
            "the report's own rounding; the model uses 1,826 agricultural residents",
        )
    )
    density = c.residents / c.area_km2
    out.append(
        Finding(
            "density",
            f"{c.residents:,} residents on {c.area_km2} km²",
            f"{c.residents:,} / {c.area_km2} = {density:,.0f} residents per km²",
            "consistent",
            "an urban density, as fits the county town's centre",
        )
    )
    people = c.hotel_profit / c.hotel_claimed_per_capita_gain
    per_group = c.residents / c.resident_groups
    agri_group = c.agricultural_residents / c.resident_groups
    beneficiaries = c.hotel_profit / 1_000.0
    out.append(
        Finding(
            "hotel per-capita gain",
            f"a {c.hotel_profit:,.0f}-yuan profit raises per-capita income by over "
            f"{c.hotel_claimed_per_capita_gain:,.0f} yuan",
            f"{c.hotel_profit:,.0f} / {c.hotel_claimed_per_capita_gain:,.0f} = {people:.3f} "
            f"persons; at 1,000 yuan each: {beneficiaries:,.0f} persons (a group has "
            f"{per_group:,.0f} residents, {agri_group:,.0f} agricultural)",
            "inconsistent",
            "a typo for '1,000-odd yuan' shared by ~350 shareholders (domain-reference S1)",
        )
    )
    lo, hi = SEED_INVESTMENT_READINGS
    out.append(
        Finding(
            "hotel investment",
            f"{c.hotel_resident_funds:,.0f} yuan from residents, {c.hotel_funds:,.0f} raised",
            f"total {lo:,.0f} or {lo + c.hotel_resident_funds:,.0f}: simple payback "
            f"{lo / c.hotel_profit:.1f} or {hi / c.hotel_profit:.1f} years, return "
            f"{c.hotel_profit / lo:.2%} or {c.hotel_profit / hi:.2%}",
            "ambiguous",
            "HotelParams.total_investment takes either; default 4.0 M",
        )
    )
    hp = HotelParams()
    hotel = appraise_hotel(hp)
    share = hp.resident_equity / hp.equity
    resident_yield = share * float(hotel.items["dividends"][2:].mean()) / hp.resident_equity
    out.append(
        Finding(
            "hotel return to residents",
            f"residents put in {c.hotel_resident_funds:,.0f} yuan; profit {c.hotel_profit:,.0f}",
            f"{c.hotel_profit:,.0f} / {c.hotel_resident_funds:,.0f} = "
            f"{c.hotel_profit / c.hotel_resident_funds:.1%} a year if residents took all profit",
            "implausible",
            f"HotelParams splits profit by equity: the residents' {share:.0%} of it is "
            f"{resident_yield:.1%} a year on their funds (domain-reference S2)",
        )
    )
    # the report's figure is a projection for its first years open: compare the first
    # five full years (profit rises later, as the loan is repaid and its real burden falls)
    open_years = hotel.items["net_profit"][hotel.items["revenue"] > 0][1:6]
    model_profit = float(open_years.mean())
    out.append(
        Finding(
            "hotel profit (model)",
            f"profit {c.hotel_profit:,.0f} yuan a year",
            f"the default hotel model earns {model_profit:,.0f} yuan a year on average over "
            f"its first five full years open ({model_profit / c.hotel_profit - 1:+.1%}), "
            f"{share * model_profit / hp.shareholders:,.0f} yuan a year for each of "
            f"{hp.shareholders} resident shareholders (their {share:.0%} of the equity)",
            "consistent" if abs(model_profit / c.hotel_profit - 1) < 0.1 else "inconsistent",
        )
    )
    per_mu = c.park_income / c.park_mu
    out.append(
        Finding(
            "park income",
            f"{c.park_mu:,.0f} mu of barren hill earn {c.park_income:,.0f} yuan a year",
            f"{c.park_income:,.0f} / {c.park_mu:,.0f} = {per_mu:,.0f} yuan/mu/yr: reachable by "
            "mature walnut or fruit with livestock, which need 4-10 years",
            "implausible",
            "a steady state after a ramp-up (domain-reference S3); AgroParkParams ramps to it",
        )
    )
    bsg = spent_grain_balance(HogParams())
    out.append(
        Finding(
            "spent grain",
            f"a {c.brewery_beer_tonnes:,.0f}-t brewery's spent grain feeds "
            f"{c.hog_households} x {c.hogs_per_household}+ hogs",
            f"supply {bsg.supply_t:,.0f} t wet a year vs demand {bsg.demand_t:,.0f} t "
            f"at the diet cap ({bsg.demand_t / bsg.supply_t:.0%} of supply)",
            "consistent" if bsg.demand_t <= bsg.supply_t else "inconsistent",
            "supply does not bind; perishability and haulage do (domain-reference S6)",
        )
    )
    per_round = c.training_person_times / c.training_rounds
    out.append(
        Finding(
            "training",
            f"{c.training_rounds} rounds, {c.training_person_times}+ person-times",
            f"{c.training_person_times} / {c.training_rounds} = {per_round:.0f} a round; "
            f"{c.training_person_times / c.agricultural_residents:.0%} of the "
            f"{c.agricultural_residents:,} agricultural residents once each",
            "consistent",
        )
    )
    cash = 1 - c.share_fraction
    out.append(
        Finding(
            "share fraction",
            f"residents invest {c.share_fraction:.0%} of their compensation as shares",
            f"leaves {cash:.0%} in cash; dividends depend on one developer",
            "consistent",
            "kept as the default; developer default risk is modelled (domain-reference S4)",
        )
    )
    return out
