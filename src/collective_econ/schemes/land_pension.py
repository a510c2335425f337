r"""Landless farmers' pension insurance (被征地农民养老保障): contributions at land loss, pensions.

The policy: the State Council's 2004 decision on deepening the reform of land
administration (国发〔2004〕28号) asks counties to secure the landless farmers'
livelihood through social security; the General Office's 2006 guideline
(国办发〔2006〕29号, forwarding the MOLSS guideline on employment training and
social security for land-expropriated farmers) has the funds shared by the
person, the village collective and the government, the government's part from
land conveyance income, the collective's from the land compensation fee, the
person's from the resettlement subsidy; provincial rules set the government's
part at no less than 30% (one province's rules: government >= 30%, collective
>= 50% from the land compensation fee, the person 20% deducted from the
resettlement subsidy; docs/schemes/land_pension.md). The 2007 MOLSS-MLR notice
(劳社部发〔2007〕14号) makes the funds a precondition of the taking ("insure
before taking", 先保后征), and the 2019 Land Administration Law (Art. 48) has
the county pay a social-security fee into the landless farmers' pension.

Model
-----
At a household's land loss each of its persons aged ``enrolment_age`` or over
is enrolled, and ``contribution_per_person`` is paid for each into the public
``insurance_fund``: ``government_share`` by the county, ``collective_share``
by the resident group's collective, ``person_share`` by the household, never
overdrawn (what the household's or the collective's cash cannot pay, the
county pays: the subsidy for needy contributors of local rules). From the year
an enrolled person reaches the pension age (``pension_age_men``,
``pension_age_women``) the fund pays ``pension_month`` a month, indexed by
``pension_indexation`` (to prices: constant in real yuan; to wages: growing
with the price index's real wage level); when the fund cannot pay a month's pensions,
the county tops it up by exactly the shortfall (its fiscal cost, beside its
contribution). The scheme's pension is on top of the basic rural pension of
the livelihood (55 yuan a month at 60).

Under the 2019 law the land-for-shares scheme already pays a social-security
fee into ``insurance_fund`` at each wave: it counts as contributions (the
government's part first, then the person's, then the collective's; any excess
stays in the fund), so nobody pays twice.

Flows (the fund is public money, counted with the government): households pay
the person's part and receive the pensions; the collective pays its part; the
government receives both parts and pays the pensions. Its own part and the
top-ups move within it, so they are reported as items (``fiscal_cost``).
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from typing import Any

import numpy as np
import simpy
from numpy.typing import NDArray

from ..distributions import Triangular
from ..distributions.uncertainty import Uncertainty
from ..economy.community import CommunityParams
from ..economy.ledger import Source
from ..economy.schedule import Schedule
from ..economy.world import MONTH_END_PRIORITY, LateEvent, World
from ..errors import ParameterError
from ..params import FRACTION, NONNEGATIVE, Parameters, between, one_of, param
from ..prices import INDEXATIONS, current, indexation_factor
from ..resources import count_rule
from .base import Appraisal, Scheme, check_horizon, flows_table

__all__ = [
    "SCHEME",
    "UNCERTAINTIES",
    "LandPensionParams",
    "age_distribution",
    "appraise",
    "contribution_split",
    "credit_prepaid",
    "fund_path",
    "pension_age",
    "process",
]

Floats = NDArray[np.float64]
_GUIDE = "国办发〔2006〕29号 (MOLSS guideline)"
_PROVINCE = "a province's rules under the 2006 guideline (docs/schemes/land_pension.md)"
_AGE_BANDS = ((0, 15), (16, 59), (60, 85))
"""The community's age bands (as ``community._persons`` draws them): uniform within each."""
_COUNTY_PAYS = Source.OPERATIONS
"""The source of the county's payments into ``insurance_fund`` (its part, what the others
lack, the top-ups): a transfer between two public accounts, not PENSION, so that the
government account's PENSION flows are the basic pensions alone and the fund's are the
scheme's (the county's books tell the two apart by account, ``runs.outcomes``)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class LandPensionParams(Parameters):
    """Parameters of landless farmers' pension insurance (defaults: the Caopijie case)."""

    contribution_per_person: float = param(
        15_000.0,
        unit="yuan/person",
        rule=NONNEGATIVE,
        source="estimate (low confidence): lump sums of 10,000-30,000 yuan/person in county "
        "schemes of 2006-10; the 2019 fee default is 10,000 (LandSharesParams)",
    )
    government_share: float = param(
        0.3,
        unit="fraction of the contribution",
        rule=FRACTION,
        source=f"{_GUIDE}: the government's part >= 30%, from land conveyance income",
    )
    collective_share: float = param(
        0.5,
        unit="fraction of the contribution",
        rule=FRACTION,
        source=f"{_PROVINCE}: >= 50%, from the land compensation fee",
    )
    person_share: float = param(
        0.2,
        unit="fraction of the contribution",
        rule=FRACTION,
        source=f"{_PROVINCE}: 20%, deducted from the resettlement subsidy",
    )
    enrolment_age: int = param(
        16,
        unit="years",
        rule=between(0, 100),
        source="local rules enrol landless persons aged 16+ at the taking (e.g. Taiyuan rules)",
    )
    pension_age_men: int = param(
        60, unit="years", rule=between(0, 100), source="local rules: men 60 (e.g. Jinghai county)"
    )
    pension_age_women: int = param(
        55,
        unit="years",
        rule=between(0, 100),
        source="local rules: women 55 (Jinghai)",
    )
    pension_month: float = param(
        180.0,
        unit="yuan/person/month",
        rule=NONNEGATIVE,
        source="estimate (low confidence, 100-300): above the NRPS basic 55 and below the "
        "county's dibao line 220 (domain-reference.md §7); eastern schemes paid 150-300",
    )
    pension_indexation: str = param(
        "wages",
        unit="rule",
        rule=one_of(*INDEXATIONS),
        source="State Council 2006 No. 29 guideline: landless farmers' pensions are "
        "adjusted with local pension and income levels; the residents' basic pension rose "
        "55 (2009) -> 143 yuan/month (2025), close to wages (domain-reference.md §6)",
        doc="'wages': the pension grows with the real wage level of the run's [prices] "
        "index; 'prices': it keeps its real value",
    )
    persons: int = param(
        1826,
        unit="persons",
        rule=count_rule(0),
        source="seed-facts.md (农业人口): the landless persons of the appraisal",
    )

    def _check(self) -> None:
        total = self.government_share + self.collective_share + self.person_share
        if not np.isclose(total, 1.0):
            raise ParameterError(
                "person_share",
                "government_share + collective_share + person_share == 1",
                self.person_share,
                owner=type(self).__name__,
            )


def contribution_split(params: LandPensionParams, enrolled: Any) -> dict[str, Floats]:
    """The contributions for ``enrolled`` persons, split by party, yuan.

    Examples
    --------
    >>> s = contribution_split(LandPensionParams(), [1, 2])
    >>> s["government"].tolist(), s["collective"].tolist(), s["person"].tolist()
    ([4500.0, 9000.0], [7500.0, 15000.0], [3000.0, 6000.0])
    """
    p = params
    due = p.contribution_per_person * np.asarray(enrolled, dtype=float)
    return {
        "total": due,
        "government": p.government_share * due,
        "collective": p.collective_share * due,
        "person": p.person_share * due,
    }


def credit_prepaid(split: dict[str, Floats], prepaid: Floats) -> dict[str, Floats]:
    """Count money already in the fund (the 2019 law's fee) as contributions, yuan.

    The prepaid amount covers the government's part first, then the person's,
    then the collective's; the rest of each part is still due. Returns the
    parts still due and ``excess`` (prepaid beyond the whole contribution).

    Examples
    --------
    >>> s = contribution_split(LandPensionParams(), [1.0])
    >>> left = credit_prepaid(s, np.array([6_000.0]))
    >>> left["government"].tolist(), left["person"].tolist(), left["collective"].tolist()
    ([0.0], [1500.0], [7500.0])
    """
    left = np.asarray(prepaid, dtype=float).copy()
    out: dict[str, Floats] = {}
    for party in ("government", "person", "collective"):
        used = np.minimum(split[party], left)
        out[party] = split[party] - used
        left = left - used
    out["excess"] = left
    return out


def pension_age(params: LandPensionParams, female: Any) -> NDArray[np.intp]:
    """Each person's pension age, years (women's and men's).

    >>> pension_age(LandPensionParams(), [True, False]).tolist()
    [55, 60]
    """
    f = np.asarray(female, dtype=bool)
    return np.where(f, params.pension_age_women, params.pension_age_men).astype(np.intp)


def age_distribution(age_shares: tuple[float, ...] | None = None) -> Floats:
    """The share of persons at each age 0..85, uniform within the community's three bands.

    Examples
    --------
    >>> d = age_distribution()
    >>> round(float(d.sum()), 12), round(float(d[16:60].sum()), 2)
    (1.0, 0.65)
    """
    shares = CommunityParams().age_shares if age_shares is None else age_shares
    out = np.zeros(_AGE_BANDS[-1][1] + 1)
    for (lo, hi), share in zip(_AGE_BANDS, shares, strict=True):
        out[lo : hi + 1] = share / (hi - lo + 1)
    return out


def fund_path(contributions: float, pensions: Floats, prepaid: float = 0.0) -> dict[str, Floats]:
    """The fund's balance and the county's top-ups, period by period, yuan.

    The fund holds ``contributions + prepaid`` at the start, pays
    ``pensions[t]`` each period and earns nothing (real return 0); when it
    cannot pay, the county tops it up by exactly the shortfall.

    Examples
    --------
    >>> out = fund_path(100.0, np.array([40.0, 40.0, 40.0]))
    >>> out["topup"].tolist(), out["balance"].tolist()
    ([0.0, 0.0, 20.0], [60.0, 20.0, 0.0])
    """
    paid = np.cumsum(np.asarray(pensions, dtype=float))
    start = contributions + prepaid
    topped = np.maximum(paid - start, 0.0)  # cumulative top-ups: the cumulative shortfall
    topup = np.diff(topped, prepend=0.0)
    return {"balance": start + topped - paid, "topup": topup}


def _drawing(
    params: LandPensionParams, ages: NDArray[np.intp], female: NDArray[np.bool_], years: Any
) -> Floats:
    """How many of the enrolled persons (ages at t = 0) draw in each year t."""
    t = np.asarray(years, dtype=np.intp)
    enrolled = ages >= params.enrolment_age
    due = pension_age(params, female)
    now = ages[None, :] + t[:, None]
    out: Floats = ((now >= due[None, :]) & enrolled[None, :]).sum(axis=1).astype(float)
    return out


def appraise(
    params: LandPensionParams, *, horizon_years: int = 20, rng: np.random.Generator | None = None
) -> Appraisal:
    """Yearly contributions and pensions of the landless farmers' pension, per stakeholder.

    Parameters
    ----------
    params : LandPensionParams
        The scheme's parameters (``persons`` landless persons, all losing their
        land at t = 0).
    horizon_years : int, default 20
        Years after the taking.
    rng : numpy.random.Generator, optional
        Draw each person's age (the community's age bands) and sex (its female
        share); without it, expected values.

    Returns
    -------
    Appraisal
        Households, the collective and the government (the fund with it).
        Items (yuan, by year unless said): ``enrolled`` and ``drawing``
        (persons), ``contributions``, ``government_contribution``,
        ``collective_contribution``, ``person_contribution``, ``pensions``,
        ``fund_balance``, ``topup`` (the county's top-ups of the fund),
        ``fiscal_cost`` (its contribution plus the top-ups).

    Examples
    --------
    The case's 1,826 landless persons: about 1,424 aged 16+ enrolled at
    15,000 yuan each (21.4 M yuan), about 21% of them drawing in the first year.

    >>> a = appraise(LandPensionParams())
    >>> round(float(a.items["enrolled"][0])), round(float(a.items["contributions"][0]) / 1e6, 1)
    (1424, 21.4)
    >>> round(float(a.items["drawing"][0] / a.items["enrolled"][0]), 2)
    0.21
    """
    horizon = check_horizon(horizon_years)
    p = params
    t = np.arange(horizon + 1)
    community = CommunityParams()
    dist = age_distribution(community.age_shares)
    ages = np.arange(dist.size)
    if rng is None:
        f = community.female_share
        drawing = p.persons * (
            (1.0 - f) * _share_drawing(p, dist, ages, False, t)
            + f * _share_drawing(p, dist, ages, True, t)
        )
        enrolled = p.persons * float(dist[ages >= p.enrolment_age].sum())
    else:
        drawn = rng.choice(ages, size=p.persons, p=dist).astype(np.intp)
        female = rng.random(p.persons) < community.female_share
        drawing = _drawing(p, drawn, female, t)
        enrolled = float((drawn >= p.enrolment_age).sum())
    split = contribution_split(p, enrolled)
    index = current()
    level = indexation_factor(p.pension_indexation, index, index.base_year + t, index.base_year)
    pensions = 12.0 * p.pension_month * level * drawing
    fund = fund_path(float(split["total"]), pensions)
    at0 = np.where(t == 0, 1.0, 0.0)
    person, collective = float(split["person"]) * at0, float(split["collective"]) * at0
    flows = flows_table(
        horizon,
        households=pensions - person,
        collective=-collective,
        # the fund is public money: the two parts received, the pensions paid
        government=person + collective - pensions,
    )
    items = {
        "enrolled": enrolled * at0,
        "drawing": drawing,
        "contributions": float(split["total"]) * at0,
        "government_contribution": float(split["government"]) * at0,
        "collective_contribution": collective,
        "person_contribution": person,
        "pensions": pensions,
        "fund_balance": fund["balance"],
        "topup": fund["topup"],
        "fiscal_cost": float(split["government"]) * at0 + fund["topup"],
    }
    return Appraisal("land_pension", flows, items=items)


def _share_drawing(
    p: LandPensionParams, dist: Floats, ages: NDArray[np.intp], female: bool, t: Any
) -> Floats:
    """Expected share of persons of one sex enrolled and drawing in each year t."""
    due = p.pension_age_women if female else p.pension_age_men
    ok = (ages[None, :] >= p.enrolment_age) & (ages[None, :] + np.asarray(t)[:, None] >= due)
    out: Floats = (ok * dist[None, :]).sum(axis=1)
    return out


UNCERTAINTIES: tuple[Uncertainty, ...] = (
    Uncertainty(
        "contribution_per_person",
        Triangular(low=10_000.0, mode=15_000.0, high=30_000.0),
        "estimate: 10,000-30,000 yuan/person",
    ),
    Uncertainty(
        "pension_month",
        Triangular(low=100.0, mode=180.0, high=300.0),
        "estimate (low confidence): 100-300 yuan/month",
    ),
)


def process(
    world: World, schedule: Schedule[LandPensionParams], rng: np.random.Generator
) -> Generator[simpy.Event, Any, None]:
    """Enrol the landless at their land loss and pay pensions monthly (a SimPy process).

    At the end of every month (``MONTH_END_PRIORITY``, after the month's
    compensation, before the dibao's means test), in the month a household
    loses its land its persons aged ``enrolment_age`` or over (their ages at
    that month) are enrolled and their contributions paid into
    ``insurance_fund``: the government's part (OPERATIONS: between two public
    accounts), each group's collective its part from its cash (PENSION), each
    household its part from its cash (INVESTMENT: a capital outlay, not
    negative income); what a collective's or a household's cash cannot pay,
    the county pays (OPERATIONS).
    The 2019 law's social-security fee that land-for-shares paid into the
    fund (COMPENSATION) since the last wave is credited to the wave's
    households in proportion to their size (the fee's basis) by
    :func:`credit_prepaid`. Then every enrolled person alive and at or over the pension
    age that month draws the pension: fund -> households (PENSION), the county
    first topping the fund up by exactly the month's shortfall (OPERATIONS).

    No random draws: ``rng`` is unused (the scheme's stream is kept for
    common random numbers).
    """
    c, book = world.community, world.ledger
    gov, fund = world.account("government"), world.account("insurance_fund")
    fund_col = fund - book.households
    pop = world.population  # person slots: month-0 persons, then births
    static = pop.static  # nobody dies: who draws changes only with the year
    enrolled = np.zeros(world.n_persons, dtype=bool)
    prepaid_seen = 0.0  # COMPENSATION (the 2019 fee) into the fund already credited
    per_household = np.zeros(c.n_households)  # this year's pension of each household, yuan
    paid_to = np.zeros(0, dtype=np.intp)
    cached: tuple[int, LandPensionParams] | None = None
    delay = 0
    while world.now + delay < world.horizon_months:
        yield LateEvent(world.env, MONTH_END_PRIORITY, delay)
        delay = 1
        now, p = world.now, schedule.at(world.now)
        new = world.newly_landless()
        if new.size:
            fee = float(book.institution_flows[:, Source.COMPENSATION, fund_col].sum())
            _enrol(world, p, new, enrolled, fee - prepaid_seen)
            prepaid_seen = fee
            cached = None
        key = (now // 12 if static else now, p)
        if cached != key:  # who draws, and how much: changes with ages, deaths, enrolment
            cached = key
            alive = pop.alive(now)  # pensions stop at death (or a marriage out)
            drawing = enrolled & alive & (world.ages() >= pension_age(p, pop.female))
            amount = p.pension_month * world.indexed(p.pension_indexation)
            weights = amount * drawing.astype(float)
            per_household = np.bincount(
                pop.household, weights=weights, minlength=c.n_households
            ).astype(float)
            paid_to = np.flatnonzero(per_household > 0)
        if paid_to.size:
            due = float(per_household[paid_to].sum())
            short = due - float(book.balance[fund])
            if short > 0:  # the county tops the fund up by exactly the shortfall
                book.pay(gov, fund, short, _COUNTY_PAYS)
            book.pay_households(fund, paid_to, per_household[paid_to], Source.PENSION)


def _enrol(
    world: World,
    p: LandPensionParams,
    new: NDArray[np.intp],
    enrolled: NDArray[np.bool_],
    prepaid: float,
) -> None:
    """Enrol the adults of households ``new`` and pay their contributions into the fund."""
    c, book = world.community, world.ledger
    gov, fund = world.account("government"), world.account("insurance_fund")
    in_wave = np.zeros(c.n_households, dtype=bool)
    in_wave[new] = True
    pop = world.population
    alive = pop.alive(world.now)  # at home or away; a bride only once she has arrived
    join = in_wave[pop.household] & alive & (world.ages() >= p.enrolment_age) & ~enrolled
    enrolled |= join
    count = np.bincount(pop.household[join], minlength=c.n_households)[new]
    split = contribution_split(p, count)
    size = c.size[new].astype(float)
    credit = prepaid * size / size.sum() if prepaid > 0 and size.sum() > 0 else 0.0 * size
    due = credit_prepaid(split, credit)
    # households: their cash, never overdrawn; the county pays what they lack
    cash = np.maximum(book.balance[new], 0.0)
    own = np.minimum(due["person"], cash)
    if own.any():
        book.collect(fund, new, own, Source.INVESTMENT)
    county = float(due["government"].sum()) + float((due["person"] - own).sum())
    # collectives: each group's part from its cash, the rest by the county
    groups = c.group[new]
    part = np.bincount(groups, weights=due["collective"])
    for g in np.flatnonzero(part > 0).tolist():
        coll = world.collective(g)
        paid = min(float(part[g]), max(float(book.balance[coll]), 0.0))
        book.pay(coll, fund, paid, Source.PENSION)
        county += float(part[g]) - paid
    book.pay(gov, fund, county, _COUNTY_PAYS)


SCHEME = Scheme(
    name="land_pension",
    title="Landless farmers' pension insurance (被征地农民养老保障)",
    params_type=LandPensionParams,
    appraise=appraise,
    uncertainties=UNCERTAINTIES,
    summary="contributions at land loss (county 30%, collective 50%, person 20%) into a fund "
    "paying pensions from 60 (men) / 55 (women); the county tops the fund up",
    process=process,
    label="Landless pension",
    label_zh="失地养老",
    public_accounts=("insurance_fund",),
)
