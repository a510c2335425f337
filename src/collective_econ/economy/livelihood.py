"""The household economy without any scheme: farming, casual and urban work, savings.

Whatever the policy, households farm until their land is taken, their
working-age members look for work, and they live on their income and draw
down their savings. This module holds those rules, so that the
pre-expropriation income each household must regain (its *baseline*) and
the simulation's month step come from the same formulas.

Model (per month, real 2010 yuan)
---------------------------------
- Farming: a household with land earns ``land_mu x farm_net_income_per_mu / 12``
  until its expropriation month.
- Work: each working-age person (16-59) moves between work and no work as a
  two-state Markov chain with a mean spell of work of ``work_spell_months``
  and a stationary share employed of
  ``offfarm_work_before`` (a farmer before losing land),
  ``employment_by_age`` (16-39, 40-49, 50-59; landless, after), or
  ``urban_employment`` (urban households). Farmers and the landless earn
  ``casual_wage_month x casual_days_share`` a month in work; urban workers
  earn ``urban_wage_month`` scaled by their skill. Persons occupied in a
  scheme job or a business do no casual work.
- Rent from old houses: agricultural households let ``old_let_m2_per_person``
  of their old village houses to outside tenants (the seed stresses
  外来人口多) at ``old_rent_per_m2_month`` (:func:`old_house_rent`), from the
  market, until their expropriation month demolishes the house.
- Pensions: residents aged 60 and over receive ``urban_pension_month``
  (urban households) or ``rural_pension_month`` (agricultural ones) from the
  government, indexed by ``pension_indexation``.
- Real terms: amounts are real yuan of the base year of the run's price index
  (:mod:`collective_econ.prices`); wages grow with its real wage level
  (wage index over CPI, about 4.3% a year by default) each January.
- Ageing: everyone is a year older each January; work shares and pensions
  follow.
- Savings and credit: a balance earns the deposit rate. Households spend
  ``1 - saving_rate`` of their mean income of the last 12 months (so a hog farm that buys piglets
  one month and sells hogs months later spends its margin, not its
  turnover) plus the drawdown of savings (a lump sum is drawn down at
  ``spend_down_rate`` a year), within what their cash and a revolving credit
  line allow: a line at the bank at ``debt_rate``, with a minimum repayment of
  what is owed over ``debt_repayment_years`` each month, drawn up to
  ``credit_limit_income`` times their usual yearly income; cash left after
  spending repays it. A household that cannot pay its dues six months in a row
  defaults and borrows no more. No household holds negative cash.

Examples
--------
A landless household of four (two adults aged 30 and 45) with no scheme:

>>> p = LivelihoodParams()
>>> p.casual_wage_month * p.casual_days_share
444.0
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from ..errors import ParameterError
from ..params import FRACTION, NONNEGATIVE, Parameters, at_least, between, one_of, param
from ..prices import INDEXATIONS

if TYPE_CHECKING:
    pass

__all__ = [
    "AGE_BANDS",
    "LivelihoodParams",
    "employment_share",
    "expected_income",
    "old_house_rent",
]

AGE_BANDS = ((16, 39), (40, 49), (50, 59))
"""Working-age bands (years) of ``employment_by_age``."""
_EST = "estimate"


@dataclass(frozen=True, slots=True, kw_only=True)
class LivelihoodParams(Parameters):
    """Rules of the household economy that hold under every policy."""

    farm_net_income_per_mu: float = param(
        1_200.0,
        unit="yuan/mu/yr",
        rule=NONNEGATIVE,
        source="estimate: AAOV 2,000 yuan/mu (domain-reference.md §8) less ~40% inputs",
    )
    casual_wage_month: float = param(
        740.0,
        unit="yuan/month",
        rule=NONNEGATIVE,
        source="domain-reference.md §6: Yunnan class II minimum wage from Jul 2010",
    )
    casual_days_share: float = param(
        0.6,
        unit="fraction of a month",
        rule=FRACTION,
        source="estimate: casual work is irregular (about 13 days a month)",
    )
    offfarm_work_before: float = param(
        0.6,
        unit="fraction",
        rule=FRACTION,
        source="estimate: peri-urban farmers' off-farm work before expropriation",
    )
    employment_by_age: tuple[float, ...] = param(
        (0.82, 0.68, 0.48),
        unit="fraction",
        rule=FRACTION,
        source="domain-reference.md §6: landless unemployment 20-30%, higher for older (estimate)",
    )
    urban_employment: float = param(
        0.95, unit="fraction", rule=FRACTION, source="estimate: urban working-age employment"
    )
    urban_wage_month: float = param(
        1_600.0,
        unit="yuan/month",
        rule=NONNEGATIVE,
        source="estimate: Lincang urban income 12,500-13,500/capita (domain-reference.md §7)",
    )
    skill_wage_elasticity: float = param(
        0.25,
        unit="log-wage per skill sd",
        rule=between(0, 2),
        source="estimate (returns to schooling 5-7%/yr, domain-reference.md §6)",
    )
    work_spell_months: float = param(
        24.0, unit="months", rule=at_least(1), source="estimate: mean spell of casual work"
    )
    deposit_rate: float = param(
        0.0225,
        unit="1/year",
        rule=between(0, 1),
        source="domain-reference.md §5a: 1-yr deposit rate, 23 Dec 2008",
    )
    debt_rate: float = param(
        0.069,
        unit="1/year",
        rule=between(0, 1),
        source="domain-reference.md §5a: 1-yr benchmark 5.31% (23 Dec 2008) x 1.3, a rural "
        "credit cooperative's float (ceiling 2.3x; the multiple is an estimate)",
    )
    saving_rate: float = param(
        0.2,
        unit="fraction of usual income",
        rule=between(0, 0.9),
        source="estimate, well-known order: Chinese households saved about 25-30% of "
        "disposable income around 2010 (Chamon and Prasad 2010, AEJ: Macroeconomics 2(1)); "
        "set lower for households that have just lost their land",
    )
    spend_down_rate: float = param(
        0.3,
        unit="fraction of savings a year",
        rule=FRACTION,
        source="domain-reference.md §1b stylised fact 2: lump sums spent within a few years",
    )
    debt_repayment_years: float = param(
        2.0,
        unit="years",
        rule=at_least(1),
        source="estimate: RCC loans to farm households run 1-3 years and are rolled over",
    )
    credit_limit_income: float = param(
        0.5,
        unit="x usual yearly income",
        rule=between(0, 10),
        source="estimate: RCC micro-credit (小额信用贷款) limits of about 10,000-30,000 yuan "
        "per graded household, about half a landless household's yearly income",
    )
    urban_pension_month: float = param(
        1_000.0,
        unit="yuan/person/month",
        rule=NONNEGATIVE,
        source="estimate: county-town retirees, below the 2010 national enterprise average",
    )
    rural_pension_month: float = param(
        55.0,
        unit="yuan/person/month",
        rule=NONNEGATIVE,
        source="well-known: basic pension of the 2009 New Rural Pension Scheme (新农保)",
    )
    old_let_m2_per_person: float = param(
        10.0,
        unit="m²/person",
        rule=NONNEGATIVE,
        source="estimate: about a third of the 30 m²/person of old village floor "
        "(land for shares: old floor per person) let to migrants: the case report stresses "
        "外来人口多 (many outsiders), so old houses earn rent before they are demolished",
        doc="occupied floor of an agricultural household's old house let to outside "
        "tenants, per member, until its expropriation month; 0 = no old-house rent",
    )
    old_rent_per_m2_month: float = param(
        3.0,
        unit="yuan/m²/month",
        rule=NONNEGATIVE,
        source="estimate: old village rooms let below new floor (new floor at a 5% yield "
        "on 1,000 yuan/m² = 4.2 yuan/m²/month, domain-reference.md §1b, §1a)",
        doc="rent of a let m² of old village house, tenants (market) -> household",
    )
    pension_indexation: str = param(
        "wages",
        unit="rule",
        rule=one_of(*INDEXATIONS),
        source="well-known: the residents' basic pension rose from 55 (2009) to 143 "
        "yuan/month (2025), about 6.6%/yr nominal, close to wages' 6.9% "
        "(domain-reference.md §6); enterprise pensions were raised yearly by about "
        "10% (2005-2015) and 5-6% after (State Council yearly adjustments)",
        doc="how pensions move in real terms: 'prices' keeps their real value, 'wages' "
        "grows them with the real wage level of the run's [prices] index",
    )

    def _check(self) -> None:
        if len(self.employment_by_age) != len(AGE_BANDS):
            raise ParameterError(
                "employment_by_age",
                f"{len(AGE_BANDS)} values (one per age band)",
                self.employment_by_age,
                owner=type(self).__name__,
            )


def _band_table() -> NDArray[np.intp]:
    table = np.full(AGE_BANDS[-1][1] + 2, -1, dtype=np.intp)  # the last entry: 60 and over
    for i, (lo, hi) in enumerate(AGE_BANDS):
        table[lo : hi + 1] = i
    table.setflags(write=False)
    return table


_BAND_TABLE = _band_table()
"""Age band of each age 0 .. 60 (the last: 60 and over), -1 outside the bands."""


def age_band(age: NDArray[np.integer[Any]]) -> NDArray[np.intp]:
    """Index into :data:`AGE_BANDS` for each age; -1 outside working age."""
    table = _BAND_TABLE
    band: NDArray[np.intp] = table.take(np.minimum(age, table.size - 1))
    return band


def employment_share(
    params: LivelihoodParams,
    age: NDArray[np.integer[Any]],
    agricultural: NDArray[np.bool_],
    landless: NDArray[np.bool_],
) -> NDArray[np.float64]:
    """Stationary share of months in work for each person (0 outside working age)."""
    band = age_band(age)
    n_bands = len(AGE_BANDS)
    # one table of shares: by age band (landless), before expropriation, urban, not of working age
    table = np.array(
        [*params.employment_by_age, params.offfarm_work_before, params.urban_employment, 0.0]
    )
    key = np.full(band.shape, n_bands + 1)
    key[agricultural] = n_bands
    after = agricultural & landless
    key[after] = band[after]
    key[band < 0] = n_bands + 2
    return table.take(key)


def person_wage(
    params: LivelihoodParams, agricultural: NDArray[np.bool_], skill: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Monthly earnings of each person in a month of work, yuan."""
    casual = params.casual_wage_month * params.casual_days_share
    urban = params.urban_wage_month * np.exp(params.skill_wage_elasticity * skill)
    return np.where(agricultural, casual, urban)


def expected_income(
    params: LivelihoodParams,
    household: NDArray[np.intp],
    age: NDArray[np.integer[Any]],
    skill: NDArray[np.float64],
    agricultural: NDArray[np.bool_],
    land_mu: NDArray[np.float64],
    *,
    landless: bool,
) -> NDArray[np.float64]:
    """Expected yearly income of each household with no scheme, yuan/yr.

    With ``landless=False`` this is the baseline a household must regain:
    farm income plus its members' off-farm earnings before expropriation.
    """
    hh_agri = agricultural[household]
    share = employment_share(params, age, hh_agri, np.full(age.shape, landless))
    earnings = 12.0 * share * person_wage(params, hh_agri, skill)
    earnings = earnings + 12.0 * pension(params, age, hh_agri)
    n = land_mu.shape[0]
    wages = np.bincount(household, weights=earnings, minlength=n)
    farm = 0.0 if landless else land_mu * params.farm_net_income_per_mu
    size = np.bincount(household, minlength=n)
    rent = 0.0 if landless else 12.0 * old_house_rent(params, size, agricultural[:n])
    return np.asarray(wages + farm + rent, dtype=np.float64)


def old_house_rent(
    params: LivelihoodParams, size: NDArray[Any], agricultural: NDArray[np.bool_]
) -> NDArray[np.float64]:
    """Monthly rent of each household's old house before its demolition, yuan/month.

    ``old_let_m2_per_person * old_rent_per_m2_month * size`` for agricultural
    households (their village houses are demolished at their expropriation
    month), 0 for urban ones.

    Examples
    --------
    >>> float(old_house_rent(LivelihoodParams(), np.array([4]), np.array([True]))[0])
    120.0
    """
    per_person = params.old_let_m2_per_person * params.old_rent_per_m2_month
    out: NDArray[np.float64] = np.where(agricultural, per_person * np.asarray(size, float), 0.0)
    return out


def pension(
    params: LivelihoodParams,
    age: NDArray[np.integer[Any]],
    agricultural: NDArray[np.bool_],
    level: float = 1.0,
) -> NDArray[np.float64]:
    """Monthly pension of each person (0 below 60), real yuan.

    ``level`` is the pensions' real level relative to month 0 under
    ``pension_indexation`` (:meth:`~collective_econ.economy.world.World.indexed`).
    """
    amount = np.where(agricultural, params.rural_pension_month, params.urban_pension_month)
    return np.where(age >= 60, amount * level, 0.0)
