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

Marriage (``marriage``, :mod:`._marriage`) is patrilocal: a woman who marries
in the run leaves her natal household (her slot ends: ``leaves``), and a bride
(a woman of the community, ``origin``, or one from outside) enters her
husband's household as a new slot, away from her birth to her arrival
(``arrives``); fertility is then marital. In-migrants (``in_migration_rate``,
0 by default) join month-0 households the same way. Household splitting at
marriage (``split_at_marriage``) is refused: households are the month-0 rows.
Any numeric field can be an uncertainty (``"demography.tfr"``).

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

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

from ..errors import ParameterError
from ..params import FRACTION, NONNEGATIVE, POSITIVE, Parameters, between, param
from ..resources import MAX_MONTHS
from ._fertility import FERTILE_AGES, births
from ._lifetable import LAST_AGE, life_expectancy_from_qx, siler_qx
from ._marriage import Batch, MarriageRules, in_migrants, marital_rates, marry
from ._spells import fill as fill_spells
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

NEVER = 2**40
"""Month sentinel for an event that never happens (no death drawn, no spell, no return)."""


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
    """Rates the community's demographic history is drawn from (the ``[demography]`` table).

    The life tables give the probability of dying within each single year of
    age 0..w (the last is 1: nobody lives past age w + 1). Age-specific
    fertility is ``tfr * fertility_pattern[g] / 5`` per woman-year in the
    five-year group g of ages 15-49. Persons aged ``migration_ages`` leave at
    ``migration_rate`` a year and come back at ``return_rate`` a year while
    away, sending home ``remittance_share`` of ``migrant_wage``. With ``marriage``
    on, women marry out of their natal household at ages drawn around
    ``marriage_age_female`` and men take brides around ``marriage_age_male``
    (``marry_within`` of the brides from the community, the others from
    outside, ``bride_exchange`` per daughter married out), and fertility is
    marital (same TFR). ``in_migration_rate`` brings working-age persons in.
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
        source="well-known: China 2010 census (NBS); Yunnan's own ratio, lower (about 113), is "
        "not used",
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
        source="estimate: young adults leave, from the first year of working age (16) to 30",
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
    marriage: bool = param(
        True,
        unit="switch",
        source="model option: patrilocal marriage moves (women leave their natal household "
        "at marriage, brides enter their husband's; marital fertility)",
    )
    marriage_age_female: float = param(
        23.0,
        unit="years (mean age at first marriage, women)",
        rule=between(20, 45, lo_open=True),
        source="estimate (confidence medium): China's women married first at 24.00 on "
        "average in the 2010 census (Chen Wei and Ouyang Baihui, 'Trends in Marriage "
        "Postponement in China', Population Research 48(6), 2024, pp. 18-32); rural women "
        "marry earlier than the national mean (same source, urban-town-rural gap): 23.0 "
        "for rural Yunnan is an estimate",
    )
    marriage_age_male: float = param(
        25.5,
        unit="years (mean age at first marriage, men)",
        rule=between(22, 45, lo_open=True),
        source="estimate (confidence medium): the women's mean plus the husband-wife gap of "
        "about 2.5-2.7 years (1982 census: 25.49 for men, 22.8 for women; 'An analysis of age "
        "at first marriage of China's population', Population Research 2(4), 1985, pp. 27-35)",
    )
    marriage_age_sd: float = param(
        3.0,
        unit="years (standard deviation of age at first marriage, both sexes)",
        rule=between(0, 15, lo_open=True),
        source="estimate (confidence low): most first marriages fall between the legal "
        "minimum (20 women, 22 men; Marriage Law 1980 Art. 6) and about 30",
    )
    ever_married_female: float = param(
        0.99,
        unit="share of women who ever marry",
        rule=FRACTION,
        source="estimate (confidence medium): marriage of women is near universal in rural "
        "China (under 1% never married at 40-49 in the 2010 census, recalled)",
    )
    ever_married_male: float = param(
        0.96,
        unit="share of men who ever marry",
        rule=FRACTION,
        source="estimate (confidence low): rural men's marriage squeeze; Han and Zhao, "
        "'One-Child Policy and Marriage Market in China', IZA DP 14415 (2021): more men than "
        "women unmarried at 30; 3-5% of rural men never marry (recalled, not checked)",
    )
    marry_within: float = param(
        0.3,
        unit="share of the community's brides whose husband is of the community",
        rule=FRACTION,
        source="estimate (confidence low): village exogamy is the norm in rural China; a "
        "peri-urban community of 25,000 has many marriages inside it; no rate for Caopijie",
    )
    bride_exchange: float = param(
        1.0,
        unit="brides from outside per woman of the community who marries out",
        rule=between(0, 5),
        source="estimate (confidence low): 1, a community that neither gains nor loses "
        "brides on balance; above 1 for a place that attracts brides (peri-urban villages "
        "may), below 1 for one that loses them; no sourced figure",
    )
    split_at_marriage: bool = param(
        False,
        unit="switch",
        source="model option, always no: a married couple stays in a household of the "
        "start, since every account, scheme and outcome is sized by those households",
    )
    in_migration_rate: float = param(
        0.0,
        unit="persons joining the community's households per month-0 resident per year",
        rule=between(0, 0.1),
        source="estimate: no sourced rate of in-migration into collective member households "
        "in peri-urban Yunnan; in-migrants to such villages are mostly tenants, outside "
        "the collective and outside the model's households, and collectives rarely admit "
        "new members once compensation shares are at stake: 0",
    )
    in_migration_ages: tuple[int, ...] = param(
        (16, 40),
        unit="years (first and last year of age on arrival)",
        rule=NONNEGATIVE,
        source="estimate: working-age labour migrants",
    )

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
        if self.split_at_marriage:
            raise ParameterError(
                "split_at_marriage",
                "False (household splitting at marriage is not built: a population's "
                "households are the month-0 rows, and land, shares, rent, dibao and every "
                "ledger account are sized by them, so a new couple's household has no row)",
                self.split_at_marriage,
                owner=own,
            )
        for name in ("migration_ages", "in_migration_ages"):
            lo_hi = getattr(self, name)
            if len(lo_hi) != 2 or lo_hi[0] > lo_hi[1]:
                raise ParameterError(name, "(first, last) with first <= last", lo_hi, owner=own)
        if self.frozen and self.in_migration_rate > 0:
            rule = "0 when births, deaths and migration are all off (a frozen population)"
            raise ParameterError("in_migration_rate", rule, self.in_migration_rate, owner=own)

    @property
    def frozen(self) -> bool:
        """Whether births, deaths and migration are all off (the month-0 population, ageing).

        Marriage moves persons of a drawn history: with the three switches off there
        is none (:func:`frozen_history`), so nobody marries in or out either.
        """
        return not (self.births or self.deaths or self.migration)

    def marriage_rules(self) -> MarriageRules | None:
        """The numbers marriages are drawn by (None when marriage is off, or ``frozen``)."""
        if not self.marriage or self.frozen:
            return None
        return MarriageRules(
            age_female=self.marriage_age_female,
            age_male=self.marriage_age_male,
            sd=self.marriage_age_sd,
            ever_female=self.ever_married_female,
            ever_male=self.ever_married_male,
            within=self.marry_within,
            exchange=self.bride_exchange,
        )

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
        First month the slot is no longer alive in its household (:data:`NEVER` if
        none drawn): the death, or a woman's marriage out of it (then ``leaves``).
    away_from, away_until : (S,) int
        Out-migration spell: away in months ``away_from <= m < away_until``
        (:data:`NEVER` when there is no spell or no return). A bride's or
        in-migrant's slot is away from its birth to its arrival.
    mother : (S,) int
        Mother's slot (-1 for persons alive at month 0, brides and in-migrants).
    remittance : (S,) float
        What the person sends home each month while away, yuan/month (2010).
    n_households, n_initial : int
    skill : (S,) float
        Skill (standard score): the community's for its persons; newborns' drawn
        as the community's youngest cohort's (:func:`newborn_skill`).
    arrives : (S,) int
        Month the slot joins its household: its birth month, or a bride's marriage
        month, or an in-migrant's arrival.
    leaves : (S,) int
        Month a woman marries out of the household (her slot's ``dies``), else :data:`NEVER`.
    origin : (S,) int
        A bride's natal slot when she is of the community (-1 otherwise).
    key : (S,) uint64
        Each person's own random number (:func:`~collective_econ.seeding.keyed_uniforms`
        turns it into a stream's draw for that person): drawn with the history, the same
        whatever the horizon; the slot number by default.
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
    arrives: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.intp))
    leaves: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.intp))
    origin: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.intp))
    key: NDArray[np.uint64] = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))

    def __post_init__(self) -> None:
        n = self.born.shape[0]
        if self.skill.shape[0] != n:  # no skills given: the average, 0
            object.__setattr__(self, "skill", np.zeros(n))
        if self.arrives.shape[0] != n:  # nobody arrives after birth
            object.__setattr__(self, "arrives", self.born.copy())
        if self.key.shape[0] != n:
            object.__setattr__(self, "key", np.arange(n, dtype=np.uint64))
        for name, fill in (("leaves", NEVER), ("origin", -1)):
            if getattr(self, name).shape[0] != n:
                object.__setattr__(self, name, np.full(n, fill, dtype=np.intp))

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
        """Slots alive and members of their household in ``month`` (at home or away).

        From birth, or arrival for a bride or an in-migrant, to death or, for a
        woman who marries out of her natal household, marriage.
        """
        out: BoolArray = (self.arrives <= month) & (month < self.dies)
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
        events = (self.born, self.dies, self.away_from, self.away_until)
        return _months_present(events, start, stop).astype(np.intp)

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
        # the events clipped to the run, 32-bit (the same months present, half the bytes)
        events = tuple(
            np.clip(a, 0, months).astype(np.int32)
            for a in (self.born, self.dies, self.away_from, self.away_until)
        )
        for y in range(years):
            lo, hi = 12 * y, min(12 * y + 12, months)
            present = _months_present(events, lo, hi)
            out[y] = np.bincount(self.household, present / (hi - lo), self.n_households)
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


def _months_present(
    events: tuple[NDArray[np.integer], ...], start: int, stop: int
) -> NDArray[np.integer]:
    """:meth:`PopulationHistory.months_present` from the slots' birth, death and away months.

    The same result with the months clipped to ``[0, m]``, for any ``m >= stop``
    (``start >= 0``): a slot born after ``stop``, or whose spell or death falls before
    ``start`` or after ``stop``, counts the same.
    """
    born, dies, away_from, away_until = events
    lo = np.maximum(born, start)
    hi = np.minimum(dies, stop)
    alive = np.maximum(hi - lo, 0)
    away = np.subtract(np.minimum(hi, away_until), np.maximum(lo, away_from))
    out: NDArray[np.integer] = alive - np.minimum(np.maximum(away, 0, out=away), alive, out=away)
    return out


def draw_history(
    community: Community, params: DemographyParams, months: int, rng: np.random.Generator
) -> PopulationHistory:
    """Draw the demographic history of ``community`` over ``months`` months.

    Persons alive at month 0 get a birth month spread within their year of
    age (so their age at month 0 is ``community.age``), a death month drawn
    from the life table given survival to that age, an out-migration spell,
    marriages (:mod:`._marriage`: women leave their natal household, brides
    enter their husband's) and, for women, births at ages 15-49 while present
    (and married, when marriage is on). In-migrants join month-0 households.

    Parameters
    ----------
    community : Community
        Persons (household, age, sex) at month 0.
    params : DemographyParams
        Life tables, fertility, migration, marriage; switches.
    months : int
        Horizon, months: the history holds no event at or after it.
    rng : numpy.random.Generator
        The only source of randomness.

    Notes
    -----
    The history is drawn over :data:`DRAW_MONTHS` (or ``months`` if longer) and
    cut to ``months`` (:func:`_cut`): how much each draw takes from ``rng`` does not
    depend on the horizon, so a run's first months are the same persons, births,
    deaths and spells whatever its length (common random numbers across horizons).
    """
    return _cut(_draw(community, params, max(months, DRAW_MONTHS), rng), months)


DRAW_MONTHS = MAX_MONTHS
"""Months every history is drawn over before it is cut to the run (the longest run allowed)."""


def _cut(history: PopulationHistory, months: int) -> PopulationHistory:
    """``history`` as a run of ``months`` months sees it: slots and events before ``months``.

    Slots that join their household at or after ``months`` (births, brides,
    in-migrants) are dropped, the others keep their order (mothers and origins
    renumbered); an event month at or after ``months`` becomes :data:`NEVER`
    (a spell that starts then sends nothing within the run).
    """
    h = history
    keep = h.arrives < months
    new = np.cumsum(keep) - 1  # each kept slot's number after the cut
    renumber = {
        name: np.where(v >= 0, new[np.maximum(v, 0)], v)
        for name, v in (("mother", h.mother[keep]), ("origin", h.origin[keep]))
    }
    late = {
        name: np.where(v >= months, NEVER, v).astype(np.intp)
        for name, v in (("dies", h.dies[keep]), ("leaves", h.leaves[keep]),
                        ("away_from", h.away_from[keep]), ("away_until", h.away_until[keep]))
    }  # fmt: skip
    no_spell = late["away_from"] >= NEVER
    late["away_until"] = np.where(no_spell, NEVER, late["away_until"]).astype(np.intp)
    return PopulationHistory(
        household=h.household[keep],
        female=h.female[keep],
        born=h.born[keep],
        mother=renumber["mother"].astype(np.intp),
        remittance=np.where(no_spell, 0.0, h.remittance[keep]),
        n_households=h.n_households,
        n_initial=h.n_initial,
        skill=h.skill[keep],
        arrives=h.arrives[keep],
        origin=renumber["origin"].astype(np.intp),
        key=h.key[keep],
        **late,
    )


def _draw(
    community: Community, params: DemographyParams, months: int, rng: np.random.Generator
) -> PopulationHistory:
    """:func:`draw_history` over ``months`` months, uncut."""
    n0 = community.n_persons
    offset = rng.integers(0, 12, n0)
    batch = Batch.natives(
        community.person_household.astype(np.intp),
        community.female.astype(bool),
        (-12 * community.age - offset).astype(np.intp),
        np.full(n0, -1, dtype=np.intp),
        community.skill.astype(np.float64),
    )
    rules = params.marriage_rules()
    rates = (
        params.asfr() if rules is None else marital_rates(params.asfr(), FERTILE_AGES[0], rules)
    )
    done: list[Batch] = []
    first_slot = 0
    while batch.born.shape[0]:
        fill_spells(batch, params, months, rng)
        brides = None if rules is None else marry(batch, rules, first_slot, months, rng)
        done.append(batch)
        n = batch.born.shape[0]
        fertile = rates if params.births and params.tfr > 0 else None
        parts = [births(batch, first_slot, fertile, params.sex_ratio_at_birth, months, rng)]
        parts += [] if brides is None else [brides]
        if first_slot == 0 and params.in_migration_rate > 0:
            hh = np.flatnonzero(community.size > 0).astype(np.intp)
            lo_hi = params.in_migration_ages
            parts.append(in_migrants(params.in_migration_rate, lo_hi, n0, hh, rules, months, rng))
        batch = parts[0] if len(parts) == 1 else Batch.concat(parts)
        first_slot += n

    def cat(name: str) -> NDArray[np.generic]:
        return np.concatenate([getattr(b, name) for b in done])

    mother = cat("mother").astype(np.intp)
    skill = cat("skill").astype(np.float64)
    newborn = np.flatnonzero(mother >= 0)  # drawn last, in slot order
    skill[newborn] = newborn_skill(newborn.size, rng)
    origin = cat("origin").astype(np.intp)
    wed_here = origin >= 0  # a bride of the community keeps her skill
    skill[wed_here] = skill[origin[wed_here]]
    return PopulationHistory(
        household=cat("household").astype(np.intp),
        female=cat("female").astype(bool),
        born=cat("born").astype(np.intp),
        dies=cat("dies").astype(np.intp),
        away_from=cat("away_from").astype(np.intp),
        away_until=cat("away_until").astype(np.intp),
        mother=mother,
        remittance=cat("remittance").astype(np.float64),
        n_households=community.n_households,
        n_initial=n0,
        skill=skill,
        arrives=cat("arrives").astype(np.intp),
        leaves=cat("leaves").astype(np.intp),
        origin=origin,
        key=rng.integers(0, 2**63, mother.size, dtype=np.int64).astype(np.uint64),
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
