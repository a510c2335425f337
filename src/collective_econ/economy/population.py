"""Demography of the community's persons: ageing, deaths, births and youth out-migration.

Demography does not respond to policy in this model, so a run's whole
demographic history is drawn once, at the start, from one numpy Generator:
every person slot gets a birth month, a death month and at most one
out-migration spell (leave month, return month) with a remittance. Persons
born during the run get slots appended after the community's own, in their
mother's household. Everything a month step needs is then a vectorised
comparison (:meth:`PopulationHistory.present`) or a ``bincount``
(:meth:`PopulationHistory.household_sizes`); no month step loops over persons.

Months count from 0 (the first month of the run). A slot is *alive* in
month ``m`` when ``born <= m < dies`` and *away* when ``away_from <= m <
away_until``; it is *present* when alive and not away.

Births are drawn generation by generation (the women alive at month 0, then
their daughters born in the run, then theirs): a few vectorised passes for a
100-year run, none per person.

Examples
--------
>>> import numpy as np
>>> from collective_econ.economy.community import CommunityParams, synthesize
>>> c = synthesize(CommunityParams(residents=2_000, agricultural_residents=400),
...                np.random.default_rng(1))
>>> h = draw_history(c, DemographyParams(), 240, np.random.default_rng(2))
>>> bool(h.present(0)[: h.n_initial].all()), h.n_slots > h.n_initial
(True, True)
>>> frozen = DemographyParams(births=False, deaths=False, migration=False)
>>> bool(np.array_equal(draw_history(c, frozen, 240, np.random.default_rng(2))
...                     .household_sizes(239), c.size))
True
>>> round(life_expectancy(DemographyParams(), female=False), 2)
72.38
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

from ..errors import ParameterError
from ..params import FRACTION, NONNEGATIVE, POSITIVE, Parameters, between, param
from .community import WORKING_AGE, Community

__all__ = [
    "LAST_AGE",
    "NEVER",
    "DemographyParams",
    "PopulationHistory",
    "draw_history",
    "frozen_history",
    "life_expectancy",
    "life_expectancy_from_qx",
    "newborn_skill",
    "siler_qx",
]

IntArray = NDArray[np.intp]
FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]

LAST_AGE = 100
"""Last single year of age of the default life tables (open interval, q = 1), years."""

NEVER = 2**40
"""Month sentinel for an event that never happens (no death drawn, no spell, no return)."""

FERTILE_AGES = (15, 49)
"""First and last year of age of the fertility schedule, years."""

_INFANT_MORTALITY = 0.01393
"""Infant mortality rate, China 2010 census (NBS, 2012): 13.93 per 1,000 live births."""


def siler_qx(
    e0: float,
    *,
    infant: float = _INFANT_MORTALITY,
    child_decline: float = 3.0,
    background: float = 5e-4,
    slope: float = 0.09,
    last_age: int = LAST_AGE,
) -> tuple[float, ...]:
    """A single-year life table (qx, ages 0..``last_age``) from a Siler hazard.

    The hazard is ``a1 exp(-b1 x) + a2 + a3 exp(b3 x)`` per year of age
    (Siler 1979): ``b1 = child_decline``, ``a2 = background``,
    ``b3 = slope`` (the Gompertz slope of adult mortality); ``a1`` is set so
    that q0 equals ``infant`` and ``a3`` (the level of senescent mortality) is
    found by bisection so that the table's life expectancy at birth is ``e0``.
    The last age's q is 1.

    Parameters
    ----------
    e0 : float
        Life expectancy at birth the table must have, years.
    infant : float
        Probability of dying before age 1.
    child_decline, background, slope : float
        Siler ``b1`` (1/yr), ``a2`` (1/yr) and ``b3`` (1/yr).
    last_age : int
        Last single year of age (everyone dies within it), years.

    Examples
    --------
    >>> q = siler_qx(72.38)
    >>> len(q), q[-1], round(q[0], 5), round(life_expectancy_from_qx(q), 3)
    (101, 1.0, 0.01393, 72.38)
    """
    x = np.arange(last_age, dtype=np.float64)
    b1, a2, b3 = child_decline, background, slope
    m0 = -math.log1p(-infant)

    def table(log_a3: float) -> FloatArray:
        a3 = math.exp(log_a3)
        senescent = a3 / b3 * (np.exp(b3 * (x + 1)) - np.exp(b3 * x))
        a1 = max(m0 - a2 - senescent[0], 0.0) * b1 / -math.expm1(-b1)
        child = a1 / b1 * (np.exp(-b1 * x) - np.exp(-b1 * (x + 1)))
        q: FloatArray = np.append(-np.expm1(-(child + a2 + senescent)), 1.0)
        return q

    lo, hi = math.log(1e-9), math.log(1e-1)
    for _ in range(100):  # e0 falls as a3 rises
        mid = 0.5 * (lo + hi)
        if life_expectancy_from_qx(table(mid)) > e0:
            lo = mid
        else:
            hi = mid
    return tuple(float(v) for v in table(0.5 * (lo + hi)))


def life_expectancy_from_qx(qx: tuple[float, ...] | FloatArray, age: float = 0.0) -> float:
    """Life expectancy at whole ``age`` of a single-year life table, years.

    Within each year of age the hazard is constant (``mu = -ln(1 - q)``); in
    the last, open year (q = 1) deaths are spread evenly over the year. These
    are the rules :func:`draw_history` samples deaths by.

    Examples
    --------
    >>> life_expectancy_from_qx((0.0, 1.0))
    1.5
    """
    q = np.asarray(qx, dtype=np.float64)[int(age) :]
    mu, lx, _ = _hazards(q)
    last = lx[-1] * 0.5
    with np.errstate(divide="ignore", invalid="ignore"):
        dying = np.where(mu > 0, (lx[:-1] - lx[1:]) / mu, lx[:-1])
    return float(dying.sum() + last) / float(lx[0])


def _hazards(q: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Yearly hazards (ages 0..w-1), survivors l (ages 0..w) and cumulative hazard H (0..w)."""
    mu = -np.log1p(-np.minimum(q[:-1], 1.0 - 1e-15))
    h = np.concatenate([[0.0], np.cumsum(mu)])
    return mu, np.exp(-h), h


_QX_MALE = siler_qx(72.38)
_QX_FEMALE = siler_qx(77.37)
_LIFE_TABLE_SOURCE = (
    "estimate (confidence low): Siler model qx by single year of age 0-100 (q100 = 1), "
    "infant mortality 13.93 per 1,000 and life expectancy at birth {e0} ({sex}) from "
    "China's 2010 census (NBS, 2012); Gompertz slope 0.09/yr and background 0.0005/yr "
    "assumed; replace with the NBS 2010 census life table when it is at hand"
)


@dataclass(frozen=True, slots=True, kw_only=True)
class DemographyParams(Parameters):
    """Rates the community's demographic history is drawn from.

    The life tables give the probability of dying within each single year of
    age 0..w (the last is 1: nobody lives past age w + 1). Age-specific
    fertility is ``tfr * fertility_pattern[g] / 5`` per woman-year in the
    five-year group g of ages 15-49. Persons aged ``migration_ages`` leave at
    ``migration_rate`` a year and come back at ``return_rate`` a year while
    away, sending home ``remittance_share`` of ``migrant_wage``.
    """

    qx_male: tuple[float, ...] = param(
        _QX_MALE,
        unit="probability of dying within the year, by single year of age 0..100",
        rule=FRACTION,
        source=_LIFE_TABLE_SOURCE.format(e0="72.38", sex="male"),
    )
    qx_female: tuple[float, ...] = param(
        _QX_FEMALE,
        unit="probability of dying within the year, by single year of age 0..100",
        rule=FRACTION,
        source=_LIFE_TABLE_SOURCE.format(e0="77.37", sex="female"),
    )
    tfr: float = param(
        1.41,
        unit="births per woman (total fertility rate)",
        rule=between(0, 10),
        source="estimate (confidence medium): Yunnan 2010 census-reported TFR about 1.41 "
        "(NBS 2010 census tabulation, recalled, not checked here); census TFRs are "
        "under-reported (China: 1.18 reported vs 1.52 from census microdata, Jiang et al., "
        "'The Fertility Level of China's Population: Analysis of Microdata from the 2010 "
        "Census'); plausible range 1.4-1.8",
    )
    fertility_pattern: tuple[float, ...] = param(
        (0.0251, 0.2941, 0.3559, 0.1941, 0.0792, 0.0318, 0.0198),
        unit="share of the TFR by age group 15-19, 20-24, ..., 45-49",
        rule=FRACTION,
        source="estimate (confidence medium): shape of China's 2010 census age-specific "
        "fertility (5.93, 69.47, 84.08, 45.84, 18.71, 7.51, 4.68 per 1,000; NBS 2010 census "
        "tabulation, recalled: they sum to the reported TFR 1.18)",
    )
    sex_ratio_at_birth: float = param(
        118.06,
        unit="male births per 100 female births",
        rule=POSITIVE,
        source="well-known: China 2010 census (NBS); Yunnan's is lower (about 113, estimate)",
    )
    migration_rate: float = param(
        0.04,
        unit="probability per year that a person of migration age at home leaves",
        rule=between(0, 1, hi_open=True),
        source="estimate (confidence low): domain-reference.md §6 (younger landless farmers "
        "migrate or take local factory jobs; no rate given); 4%/yr from 16 to 30 means about "
        "45% leave at least once",
    )
    migration_ages: tuple[int, ...] = param(
        (16, 30),
        unit="years (first and last year of age at which persons leave)",
        rule=NONNEGATIVE,
        source="estimate: issue 12 (young adults); WORKING_AGE starts at 16",
    )
    return_rate: float = param(
        0.10,
        unit="probability per year that a migrant comes back",
        rule=between(0, 1, hi_open=True),
        source="estimate (confidence low): mean spell about 10 years; return at marriage, "
        "child-rearing or job loss is common but no rate is in the reference",
    )
    migrant_wage: float = param(
        1_690.0,
        unit="yuan/month (2010)",
        rule=NONNEGATIVE,
        source="well-known: NBS 2010 migrant-worker monitoring survey, average monthly "
        "income of out-migrant rural workers 1,690 yuan",
    )
    remittance_share: float = param(
        0.25,
        unit="fraction of a migrant's wage sent home",
        rule=FRACTION,
        source="estimate (confidence low): Chinese rural migrants remit roughly a fifth to a "
        "third of earnings in household surveys (CHIP/RUMiC order of magnitude)",
    )
    remittance_cv: float = param(
        0.5,
        unit="coefficient of variation across migrants (lognormal)",
        rule=between(0, 3),
        source="estimate",
    )
    births: bool = param(True, unit="switch", source="model option: draw births")
    deaths: bool = param(True, unit="switch", source="model option: draw deaths")
    migration: bool = param(True, unit="switch", source="model option: draw out-migration")

    def _check(self) -> None:
        own = type(self).__name__
        for name in ("qx_male", "qx_female"):
            q = getattr(self, name)
            if len(q) < 2 or q[-1] != 1.0:
                raise ParameterError(name, "at least 2 ages ending in 1.0", q, owner=own)
        if len(self.qx_male) != len(self.qx_female):
            raise ParameterError(
                "qx_female", f"as long as qx_male ({len(self.qx_male)})", self.qx_female, owner=own
            )
        if len(self.fertility_pattern) != 7 or not np.isclose(sum(self.fertility_pattern), 1.0):
            raise ParameterError(
                "fertility_pattern",
                "7 shares (15-19 ... 45-49) summing to 1",
                self.fertility_pattern,
                owner=own,
            )
        lo_hi = self.migration_ages
        if len(lo_hi) != 2 or lo_hi[0] > lo_hi[1]:
            raise ParameterError(
                "migration_ages", "(first, last) with first <= last", lo_hi, owner=own
            )

    @property
    def frozen(self) -> bool:
        """Whether births, deaths and migration are all off (the month-0 population, ageing)."""
        return not (self.births or self.deaths or self.migration)

    @property
    def last_age(self) -> int:
        """Last single year of age of the life tables, years."""
        return len(self.qx_male) - 1

    def asfr(self) -> FloatArray:
        """Births per woman-year at each age 15..49 (35 values)."""
        out: FloatArray = np.repeat(np.asarray(self.fertility_pattern) * self.tfr / 5.0, 5)
        return out


def life_expectancy(params: DemographyParams, female: bool, age: float = 0.0) -> float:
    """Life expectancy at ``age`` of the men's or women's table, years.

    Examples
    --------
    >>> round(life_expectancy(DemographyParams(), female=True), 2)
    77.37
    """
    return life_expectancy_from_qx(params.qx_female if female else params.qx_male, age)


@dataclass(frozen=True, eq=False)
class PopulationHistory:
    """A run's demographic history: one entry per person slot, all months in run months.

    The first ``n_initial`` slots are the community's persons in its order;
    the rest are persons born during the run.

    Attributes
    ----------
    household : (S,) int
        Household of each slot (a newborn's is its mother's).
    female : (S,) bool
    born : (S,) int
        Month of birth (negative for persons alive at month 0).
    dies : (S,) int
        First month the person is no longer alive (:data:`NEVER` if none drawn).
    away_from, away_until : (S,) int
        Out-migration spell: away in months ``away_from <= m < away_until``
        (:data:`NEVER` when there is no spell or no return).
    mother : (S,) int
        Mother's slot (-1 for persons alive at month 0).
    remittance : (S,) float
        What the person sends home each month while away, yuan/month (2010).
    n_households, n_initial : int
    skill : (S,) float
        Skill (standard score): the community's for its persons; newborns' drawn
        as the community's youngest cohort's (:func:`newborn_skill`).
    """

    household: IntArray
    female: BoolArray
    born: IntArray
    dies: IntArray
    away_from: IntArray
    away_until: IntArray
    mother: IntArray
    remittance: FloatArray
    n_households: int
    n_initial: int
    skill: FloatArray = field(default_factory=lambda: np.zeros(0))

    def __post_init__(self) -> None:
        if self.skill.shape[0] != self.born.shape[0]:  # no skills given: the average, 0
            object.__setattr__(self, "skill", np.zeros(self.born.shape[0]))

    @property
    def n_slots(self) -> int:
        """Person slots (persons alive at month 0 plus births)."""
        return int(self.born.shape[0])

    @property
    def static(self) -> bool:
        """Whether nobody is born, dies or leaves and every birthday falls in January.

        Then who is present never changes and ages move only at month 0 of each
        year (:func:`frozen_history`), so a month step may update them yearly.
        """
        return bool(
            self.n_slots == self.n_initial
            and np.all(self.dies >= NEVER)
            and np.all(self.away_from >= NEVER)
            and np.all(self.born % 12 == 0)
        )

    def alive(self, month: int) -> BoolArray:
        """Slots born and not yet dead in ``month``."""
        out: BoolArray = (self.born <= month) & (month < self.dies)
        return out

    def away(self, month: int) -> BoolArray:
        """Slots alive and away (out-migrated) in ``month``."""
        out: BoolArray = self.alive(month) & (self.away_from <= month) & (month < self.away_until)
        return out

    def present(self, month: int) -> BoolArray:
        """Slots alive and living in the community in ``month``."""
        out: BoolArray = self.alive(month) & ~(
            (self.away_from <= month) & (month < self.away_until)
        )
        return out

    def ages_at(self, month: int) -> IntArray:
        """Age in whole years of every slot in ``month`` (meaningful where alive), years."""
        out: IntArray = (month - self.born) // 12
        return out

    def working_age_at(self, month: int) -> BoolArray:
        """Slots present in ``month`` and of working age (16-59) then."""
        age = self.ages_at(month)
        out: BoolArray = self.present(month) & (age >= WORKING_AGE[0]) & (age <= WORKING_AGE[1])
        return out

    def household_sizes(self, month: int) -> IntArray:
        """Persons present in each household in ``month`` (may be 0), persons."""
        out: IntArray = np.bincount(
            self.household[self.present(month)], minlength=self.n_households
        ).astype(np.intp)
        return out

    def months_present(self, start: int, stop: int) -> IntArray:
        """Months each slot is present within months ``start <= m < stop``, months."""
        lo = np.maximum(self.born, start)
        hi = np.minimum(self.dies, stop)
        alive = np.maximum(hi - lo, 0)
        away = np.minimum(hi, self.away_until) - np.maximum(lo, self.away_from)
        out: IntArray = (alive - np.clip(away, 0, alive)).astype(np.intp)
        return out

    def persons_by_year(self, months: int) -> FloatArray:
        """Mean persons present in each household in each year of a run: (years, H), persons.

        Year ``y`` covers months ``12y .. 12y + 11`` (the last year of a run that
        ends within a year: its months so far). One pass per year, none per person.

        >>> import numpy as np
        >>> h = PopulationHistory(household=np.array([0, 0]), female=np.array([True, False]),
        ...     born=np.array([-300, 6]), dies=np.array([18, NEVER]),
        ...     away_from=np.full(2, NEVER), away_until=np.full(2, NEVER),
        ...     mother=np.array([-1, 0]), remittance=np.zeros(2), n_households=1, n_initial=1)
        >>> h.persons_by_year(24).tolist()
        [[1.5], [1.5]]
        """
        years = -(-months // 12)
        out = np.zeros((years, self.n_households))
        for y in range(years):
            lo, hi = 12 * y, min(12 * y + 12, months)
            out[y] = np.bincount(
                self.household, self.months_present(lo, hi) / (hi - lo), self.n_households
            )
        return out

    def remittances(self, month: int) -> FloatArray:
        """What each household receives from its members away in ``month``, yuan/month."""
        who = self._migrants
        away = (
            (self.born[who] <= month)
            & (month < self.dies[who])
            & (self.away_from[who] <= month)
            & (month < self.away_until[who])
        )
        out: FloatArray = np.bincount(
            self.household[who[away]], weights=self.remittance[who[away]],
            minlength=self.n_households,
        ).astype(np.float64)  # fmt: skip
        return out

    @cached_property
    def _migrants(self) -> IntArray:
        """Slots with a spell away (the only ones who may send remittances)."""
        return np.flatnonzero(self.away_from < NEVER)


@dataclass(slots=True)
class _Batch:
    household: IntArray
    female: BoolArray
    born: IntArray
    mother: IntArray
    dies: IntArray | None = None
    away_from: IntArray | None = None
    away_until: IntArray | None = None
    remittance: FloatArray | None = None


def draw_history(
    community: Community, params: DemographyParams, months: int, rng: np.random.Generator
) -> PopulationHistory:
    """Draw the demographic history of ``community`` over ``months`` months.

    Persons alive at month 0 get a birth month spread within their year of
    age (so their age at month 0 is ``community.age``), a death month drawn
    from the life table given survival to that age, an out-migration spell
    and, for women, births at ages 15-49 while present.

    Parameters
    ----------
    community : Community
        Persons (household, age, sex) at month 0.
    params : DemographyParams
        Life tables, fertility, migration; switches.
    months : int
        Horizon, months: no event is drawn at or after it.
    rng : numpy.random.Generator
        The only source of randomness.
    """
    n0 = community.n_persons
    offset = rng.integers(0, 12, n0)
    born0 = (-12 * community.age - offset).astype(np.intp)
    batch = _Batch(
        household=community.person_household.astype(np.intp),
        female=community.female.astype(bool),
        born=born0,
        mother=np.full(n0, -1, dtype=np.intp),
    )
    done: list[_Batch] = []
    first_slot = 0
    while batch.born.shape[0]:
        _fill(batch, params, months, rng)
        done.append(batch)
        n = batch.born.shape[0]
        batch = _births(batch, first_slot, params, months, rng)
        first_slot += n

    def cat(name: str) -> NDArray[np.generic]:
        return np.concatenate([getattr(b, name) for b in done])

    born = cat("born").astype(np.intp)
    skill = np.concatenate([community.skill, newborn_skill(born.shape[0] - n0, rng)])

    return PopulationHistory(
        household=cat("household").astype(np.intp),
        female=cat("female").astype(bool),
        born=born,
        dies=cat("dies").astype(np.intp),
        away_from=cat("away_from").astype(np.intp),
        away_until=cat("away_until").astype(np.intp),
        mother=cat("mother").astype(np.intp),
        remittance=cat("remittance").astype(np.float64),
        n_households=community.n_households,
        n_initial=n0,
        skill=skill.astype(np.float64),
    )


def newborn_skill(n: int, rng: np.random.Generator) -> FloatArray:
    """Skills (standard scores) of ``n`` persons born in the run.

    The community's skills are ``N(0, 1) - 0.02 (age - 35)`` (younger cohorts
    have more schooling, :func:`~collective_econ.economy.community.synthesize`);
    newborns get its youngest cohort's (age 0): the trend is not extrapolated.
    """
    out: FloatArray = rng.standard_normal(n) + 0.02 * 35
    return out


def frozen_history(community: Community, months: int) -> PopulationHistory:
    """The community as it is at month 0, ageing only: no births, deaths or migration.

    Everyone's birthday falls in January (month 0 of each year): a person's age
    at month ``m`` is the census age plus ``m // 12``. No random draw is made: a run in
    this population equals a run of the model without demography.

    >>> import numpy as np
    >>> from collective_econ.economy.community import CommunityParams, synthesize
    >>> c = synthesize(CommunityParams(residents=500, agricultural_residents=100),
    ...                np.random.default_rng(1))
    >>> h = frozen_history(c, 120)
    >>> bool(np.array_equal(h.ages_at(30)[: c.n_persons], c.age + 30 // 12))
    True
    """
    n = community.n_persons
    never = np.full(n, NEVER, dtype=np.intp)
    return PopulationHistory(
        household=community.person_household.astype(np.intp),
        female=community.female.astype(bool),
        born=(-12 * community.age).astype(np.intp),
        dies=never,
        away_from=never,
        away_until=never.copy(),
        mother=np.full(n, -1, dtype=np.intp),
        remittance=np.zeros(n),
        n_households=community.n_households,
        n_initial=n,
        skill=community.skill.astype(np.float64),
    )


def _fill(batch: _Batch, params: DemographyParams, months: int, rng: np.random.Generator) -> None:
    """Draw deaths and migration spells of a batch of slots."""
    n = batch.born.shape[0]
    start = np.maximum(-batch.born, 0) / 12.0  # age at which observation starts, years
    if params.deaths:
        death_age = np.empty(n)
        for female, q in ((False, params.qx_male), (True, params.qx_female)):
            sel = batch.female == female
            death_age[sel] = _death_ages(np.asarray(q), start[sel], rng)
        batch.dies = (batch.born + np.floor(12.0 * death_age).astype(np.intp) + 1).astype(np.intp)
    else:
        batch.dies = np.full(n, NEVER, dtype=np.intp)
    batch.away_from = np.full(n, NEVER, dtype=np.intp)
    batch.away_until = np.full(n, NEVER, dtype=np.intp)
    batch.remittance = np.zeros(n)
    if not params.migration or params.migration_rate == 0:
        return
    lo, hi = params.migration_ages
    rate = -math.log1p(-params.migration_rate)
    leave_age = np.maximum(start, lo) + rng.standard_exponential(n) / rate
    leave = batch.born + np.floor(12.0 * leave_age).astype(np.intp)
    leave = np.maximum(leave, 1)  # month 0 is the community as given: everyone at home
    goes = (leave_age < hi + 1) & (leave < batch.dies) & (leave < months) & (leave >= 0)
    if params.return_rate > 0:
        back = -math.log1p(-params.return_rate)
        stay = np.ceil(12.0 * rng.standard_exponential(n) / back).astype(np.intp)
        until = np.minimum(leave + np.maximum(stay, 1), NEVER)
    else:
        until = np.full(n, NEVER, dtype=np.intp)
    sigma = math.sqrt(math.log1p(params.remittance_cv**2))
    amount = params.remittance_share * params.migrant_wage
    amount = amount * np.exp(sigma * rng.standard_normal(n) - sigma**2 / 2)
    batch.away_from = np.where(goes, leave, NEVER).astype(np.intp)
    batch.away_until = np.where(goes, until, NEVER).astype(np.intp)
    batch.remittance = np.where(goes, amount, 0.0)


def _death_ages(q: FloatArray, start: FloatArray, rng: np.random.Generator) -> FloatArray:
    """Ages at death (years) given survival to ``start``: inverse of the cumulative hazard."""
    w = q.shape[0] - 1
    mu, _, h = _hazards(q)
    whole = np.minimum(np.floor(start).astype(np.intp), w)
    frac = start - whole
    inner = whole < w
    h_start = h[whole] + np.where(inner, mu[np.minimum(whole, w - 1)] * frac, 0.0)
    target = h_start + rng.standard_exponential(start.shape[0])
    last = rng.random(start.shape[0])
    idx = np.minimum(np.searchsorted(h, target, side="right") - 1, w - 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        before = idx + (target - h[idx]) / mu[idx]
    floor_last = np.maximum(start, float(w))
    in_last = floor_last + last * np.maximum(w + 1.0 - floor_last, 0.0)
    out: FloatArray = np.where((target < h[w]) & inner, before, in_last)
    return np.maximum(out, start)


_BIRTH_CHUNK = 16_384
"""Women whose births are drawn at once (the arrays are women x fertile ages)."""


def _birth_months(
    mothers: _Batch,
    women: IntArray,
    ages: IntArray,
    params: DemographyParams,
    months: int,
    rng: np.random.Generator,
) -> tuple[IntArray, IntArray]:
    """Birth months of the ``women`` (slots of ``mothers``) and the index of each mother in it."""
    assert mothers.dies is not None
    assert mothers.away_from is not None
    assert mothers.away_until is not None
    born = mothers.born[women][:, None]
    start = born + 12 * ages[None, :]
    lo = np.maximum(start, 0)
    hi = np.minimum(np.minimum(start + 12, mothers.dies[women][:, None]), months)
    length = np.maximum(hi - lo, 0)
    hole_lo = np.maximum(lo, mothers.away_from[women][:, None])
    hole_hi = np.minimum(hi, mothers.away_until[women][:, None])
    hole = np.maximum(hole_hi - hole_lo, 0)
    exposure = length - hole
    p = params.asfr()[None, :] * exposure / 12.0
    u = rng.random(p.shape)
    pos = rng.random(p.shape)
    w_idx, a_idx = np.nonzero(u < p)
    month = lo[w_idx, a_idx] + np.floor(pos[w_idx, a_idx] * exposure[w_idx, a_idx]).astype(np.intp)
    month = np.where(
        (hole[w_idx, a_idx] > 0) & (month >= hole_lo[w_idx, a_idx]),
        month + hole[w_idx, a_idx],
        month,
    )
    return month.astype(np.intp), w_idx.astype(np.intp)


def _births(
    mothers: _Batch,
    first_slot: int,
    params: DemographyParams,
    months: int,
    rng: np.random.Generator,
) -> _Batch:
    """Children born in the run to the women of a batch (at most one per year of age)."""
    empty = _Batch(
        household=np.zeros(0, dtype=np.intp),
        female=np.zeros(0, dtype=bool),
        born=np.zeros(0, dtype=np.intp),
        mother=np.zeros(0, dtype=np.intp),
    )
    if not params.births or params.tfr == 0:
        return empty
    assert mothers.dies is not None
    assert mothers.away_from is not None
    assert mothers.away_until is not None
    ages = np.arange(FERTILE_AGES[0], FERTILE_AGES[1] + 1)
    # the women with some fertile age inside the run, in chunks (memory bounded by the chunk)
    first = mothers.born + 12 * FERTILE_AGES[0]
    last = mothers.born + 12 * (FERTILE_AGES[1] + 1)
    women = np.flatnonzero(mothers.female & (first < months) & (last > 0))
    months_of: list[IntArray] = []
    mother_of: list[IntArray] = []
    for chunk in np.array_split(women, max(1, -(-women.size // _BIRTH_CHUNK))):
        month, w_idx = _birth_months(mothers, chunk, ages, params, months, rng)
        months_of.append(month)
        mother_of.append(chunk[w_idx])
    month = np.concatenate(months_of) if months_of else np.zeros(0, dtype=np.intp)
    mother = np.concatenate(mother_of) if mother_of else np.zeros(0, dtype=np.intp)
    if month.size == 0:
        return empty
    female: BoolArray = rng.random(int(month.shape[0])) < 100.0 / (
        100.0 + params.sex_ratio_at_birth
    )
    return _Batch(
        household=mothers.household[mother].astype(np.intp),
        female=female,
        born=month.astype(np.intp),
        mother=(mother + first_slot).astype(np.intp),
    )
