"""Patrilocal marriage and in-migration: who moves into and out of the community's households.

Private helpers of :mod:`collective_econ.economy.population`, which draws a
run's whole demographic history at its start, generation by generation. Each
generation's slots (a :class:`Batch`) first get deaths and migration spells,
then marriages (:func:`marry`), then births; the brides :func:`marry` creates
join the next generation's batch, like births.

Marriage is patrilocal (virilocal), the rule in rural Yunnan's Han villages:

- every native slot (a month-0 person or one born in the run) draws an age at
  first marriage (:func:`marriage_ages`) and whether it ever marries; a person
  already past that age at month 0 is married where the census found them;
- a woman who marries in the run leaves her natal household that month: her
  slot ends then (``dies`` = ``leaves`` = the month; her ``dies`` is not a
  death). With probability ``within`` her husband is a man of the community
  marrying that year (matched by year and order of month); she then enters his
  household as a new slot (same birth month and skill, ``origin`` her natal slot);
- a man who marries in the run gets a bride in his household that month: a
  woman of the community when one is matched to him, else a bride from outside
  (a new slot whose age at marriage is drawn from the women's distribution).
  Brides from outside are as many as the generation's women who marry out of
  the community times ``exchange`` (1: the community neither gains nor loses
  brides on balance), given to the unmatched men in random order; the men left
  over stay single (the marriage squeeze of a sex ratio at birth above 105);
- a slot that enters a household after its birth (a bride, an in-migrant)
  carries an *away* spell from its birth to its arrival, so that "present"
  keeps its one definition (alive and not away) everywhere, and ``arrives``,
  so that :meth:`PopulationHistory.alive` does not count it before;
- fertility is marital: a woman's births count from her marriage (in the slot
  she is married in), at age-specific rates that divide the period rates by
  the share married at each age (:func:`marital_rates`), rescaled so that a
  woman who survives to 50 has on average the period TFR. A month-0 woman past
  her marriage age counts as married from month 0.

Matching pairs the women and men of one generation's batch only: a woman of
one generation whose husband would be of the next marries out instead, and he
takes a bride from outside. Counts in and out are the same either way; only
the realised share of marriages within the community is lower than
``within`` in the years two generations marry.

Legal minimum ages: 22 for men, 20 for women (Marriage Law of the PRC, 1980,
Art. 6); ages at first marriage are the minimum plus a lognormal excess with
the given mean and standard deviation, at most 45.

Examples
--------
>>> import numpy as np
>>> a = marriage_ages(10_000, 23.0, 20.0, 3.0, np.random.default_rng(0))
>>> bool(a.min() >= 20.0), round(float(a.mean()), 1)
(True, 23.0)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "MIN_AGE",
    "Batch",
    "MarriageRules",
    "in_migrants",
    "marital_rates",
    "marriage_ages",
    "married_share",
    "marry",
]

IntArray = NDArray[np.intp]
FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]

NEVER = 2**40
"""Month sentinel for an event that never happens (as in :mod:`.population`)."""

MIN_AGE = {False: 22.0, True: 20.0}
"""Legal minimum age at marriage by sex (female True), years: Marriage Law 1980 Art. 6."""

_MAX_AGE = 45.0
"""Latest age at first marriage drawn, years."""

_MARITAL_CAP = 0.6
"""Most births per married woman-year at any age (before rescaling to the TFR)."""


@dataclass(slots=True)
class Batch:
    """One generation of person slots while the history is drawn (all arrays length n).

    ``arrives`` is the month the slot joins its household (its birth month for
    natives); ``wed`` the month from which a woman's births count (``-NEVER``:
    married at month 0 or marriage not modelled; ``NEVER``: never in this
    slot); ``native`` whether it may marry in the run; ``origin`` a bride's
    natal slot (-1 if none).
    """

    household: IntArray
    female: BoolArray
    born: IntArray
    mother: IntArray
    skill: FloatArray
    arrives: IntArray
    wed: IntArray
    native: BoolArray
    origin: IntArray
    leaves: IntArray
    dies: IntArray | None = None
    away_from: IntArray | None = None
    away_until: IntArray | None = None
    remittance: FloatArray | None = None

    @classmethod
    def natives(
        cls,
        household: IntArray,
        female: BoolArray,
        born: IntArray,
        mother: IntArray,
        skill: FloatArray,
    ) -> Batch:
        """Slots living in their household from birth (month-0 persons, newborns)."""
        n = born.shape[0]
        return cls(
            household=household.astype(np.intp),
            female=female.astype(bool),
            born=born.astype(np.intp),
            mother=mother.astype(np.intp),
            skill=skill.astype(np.float64),
            arrives=born.astype(np.intp),
            wed=np.full(n, -NEVER, dtype=np.intp),
            native=np.ones(n, dtype=bool),
            origin=np.full(n, -1, dtype=np.intp),
            leaves=np.full(n, NEVER, dtype=np.intp),
        )

    @classmethod
    def concat(cls, parts: list[Batch]) -> Batch:
        """The slots of ``parts``, in order (before their deaths are drawn)."""
        names = ("household", "female", "born", "mother", "skill", "arrives", "wed",
                 "native", "origin", "leaves")  # fmt: skip
        return cls(**{k: np.concatenate([getattr(p, k) for p in parts]) for k in names})


@dataclass(frozen=True, slots=True)
class MarriageRules:
    """The numbers :func:`marry` needs (from ``DemographyParams``)."""

    age_female: float
    age_male: float
    sd: float
    ever_female: float
    ever_male: float
    within: float
    exchange: float = 1.0


def _lognormal(mean: float, sd: float) -> tuple[float, float]:
    """(mu, sigma) of a lognormal with the given mean and standard deviation."""
    sigma2 = math.log1p((sd / mean) ** 2)
    return math.log(mean) - sigma2 / 2, math.sqrt(sigma2)


def marriage_ages(
    n: int, mean: float, minimum: float, sd: float, rng: np.random.Generator
) -> FloatArray:
    """``n`` ages at first marriage: ``minimum`` + a lognormal excess (mean ``mean``), years."""
    mu, sigma = _lognormal(max(mean - minimum, 1e-6), max(sd, 1e-9))
    out: FloatArray = np.minimum(minimum + np.exp(mu + sigma * rng.standard_normal(n)), _MAX_AGE)
    return out


def married_share(age: FloatArray, mean: float, minimum: float, sd: float) -> FloatArray:
    """Share of those who ever marry who have married by exact ``age`` (years)."""
    mu, sigma = _lognormal(max(mean - minimum, 1e-6), max(sd, 1e-9))
    excess = np.maximum(np.asarray(age, dtype=np.float64) - minimum, 1e-300)
    z = (np.log(excess) - mu) / (sigma * math.sqrt(2.0))
    out: FloatArray = np.where(age > minimum, 0.5 * (1.0 + _erf(z)), 0.0)
    return np.where(age >= _MAX_AGE, 1.0, out)


def _erf(z: FloatArray) -> FloatArray:
    out: FloatArray = np.vectorize(math.erf, otypes=[np.float64])(z)
    return out


def marital_rates(asfr: FloatArray, first_age: int, rules: MarriageRules) -> FloatArray:
    """Births per married woman-year at ages ``first_age ..`` from the period rates ``asfr``.

    ``asfr(a) / M(a)`` with ``M`` the share of women married during year of age ``a``
    (ever-married share times :func:`married_share`, averaged over the year), at most
    0.6, then scaled so that ``sum(M * rate) == sum(asfr)``: the period TFR is kept.

    >>> r = marital_rates(np.full(35, 0.04), 15, MarriageRules(23, 25.5, 3, 0.99, 0.96, 0.3))
    >>> float(r[:5].max()), bool(r[-1] < 0.05)
    (0.0, True)
    """
    # the share married averaged over each year of age (monthly points)
    at = first_age + np.arange(asfr.shape[0])[:, None] + (np.arange(12) + 0.5)[None, :] / 12
    share = married_share(at.ravel(), rules.age_female, MIN_AGE[True], rules.sd)
    married = rules.ever_female * share.reshape(at.shape).mean(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(married > 0, np.minimum(asfr / married, _MARITAL_CAP), 0.0)
    kept = float((married * rate).sum())
    out: FloatArray = rate * (float(asfr.sum()) / kept) if kept > 0 else rate
    return out


def marry(
    batch: Batch, rules: MarriageRules, first_slot: int, months: int, rng: np.random.Generator
) -> Batch:
    """Draw the marriages of a batch's natives; return the brides who enter households.

    Sets, in place, the month-0 women's ``wed`` (married already, or never), and
    for women marrying in the run ``leaves`` and ``dies`` (their natal slot ends)
    and ``wed`` (``NEVER``: no births in the natal slot). ``first_slot`` is the
    batch's first slot number in the history (for the brides' ``origin``).
    """
    assert batch.dies is not None
    n = batch.born.shape[0]
    fem = batch.female
    age = np.empty(n)
    ever = np.empty(n, dtype=bool)
    for sex, mean, share in ((False, rules.age_male, rules.ever_male),
                             (True, rules.age_female, rules.ever_female)):  # fmt: skip
        sel = fem == sex
        age[sel] = marriage_ages(int(sel.sum()), mean, MIN_AGE[sex], rules.sd, rng)
        ever[sel] = rng.random(int(sel.sum())) < share
    month = batch.born + np.floor(12.0 * age).astype(np.intp)
    marries = ever & batch.native
    in_run = marries & (month >= 1) & (month < months) & (month < batch.dies)
    women, men = np.flatnonzero(in_run & fem), np.flatnonzero(in_run & ~fem)
    # women's births: from month 0 if married by then, never in a slot they leave or if never wed
    nat_f = batch.native & fem
    batch.wed[nat_f] = np.where(marries[nat_f] & (month[nat_f] < 1), -NEVER, NEVER)
    batch.leaves[women] = month[women]
    batch.dies[women] = month[women]
    within = women[rng.random(women.size) < rules.within]
    w_pair, m_pair = _match(within, men, month, batch)
    when = np.zeros(men.size, dtype=np.intp)  # each groom's marriage month
    when[:] = month[men]
    paired = np.zeros(men.size, dtype=bool)
    pos = np.searchsorted(men, m_pair)  # men is sorted (flatnonzero)
    when[pos] = month[w_pair]
    paired[pos] = True
    # brides from outside: as many as the batch's daughters who marry out, times the
    # exchange ratio, given to the unmatched men in random order (the rest stay single)
    single = men[~paired]
    quota = math.floor(rules.exchange * (women.size - w_pair.size) + rng.random())
    outside = np.sort(single[rng.permutation(single.size)[:quota]])
    n_out = outside.size
    bride_age = marriage_ages(n_out, rules.age_female, MIN_AGE[True], rules.sd, rng)
    out_born = month[outside] - np.floor(12.0 * bride_age).astype(np.intp)
    out_skill = rng.standard_normal(n_out) - 0.02 * (np.maximum(-out_born / 12.0, 0.0) - 35.0)
    grooms = np.concatenate([m_pair, outside])
    arrive = np.concatenate([when[pos], month[outside]]).astype(np.intp)
    k = grooms.size
    return Batch(
        household=batch.household[grooms],
        female=np.ones(k, dtype=bool),
        born=np.concatenate([batch.born[w_pair], out_born]).astype(np.intp),
        mother=np.full(k, -1, dtype=np.intp),
        skill=np.concatenate([batch.skill[w_pair], out_skill]),
        arrives=arrive,
        wed=arrive.copy(),
        native=np.zeros(k, dtype=bool),
        origin=np.concatenate([w_pair + first_slot, np.full(n_out, -1)]).astype(np.intp),
        leaves=np.full(k, NEVER, dtype=np.intp),
    )


def _match(
    women: IntArray, men: IntArray, month: IntArray, batch: Batch
) -> tuple[IntArray, IntArray]:
    """Pairs (woman, man) marrying in the same year, matched by order of month within it.

    A pair is kept when the man is alive in the woman's marriage month and the two
    are of different households.
    """
    assert batch.dies is not None

    def keys(who: IntArray) -> tuple[IntArray, NDArray[np.int64]]:
        who = who[np.argsort(month[who], kind="stable")]
        year = month[who] // 12
        rank = np.arange(who.size) - np.searchsorted(year, year, side="left")
        return who, year.astype(np.int64) * (1 << 24) + rank

    w, kw = keys(women)
    m, km = keys(men)
    _, iw, im = np.intersect1d(kw, km, assume_unique=True, return_indices=True)
    w, m = w[iw], m[im]
    ok = (batch.dies[m] > month[w]) & (batch.household[m] != batch.household[w])
    return w[ok].astype(np.intp), m[ok].astype(np.intp)


def in_migrants(
    rate: float,
    ages: tuple[int, ...],
    n_initial: int,
    households: IntArray,
    rules: MarriageRules | None,
    months: int,
    rng: np.random.Generator,
) -> Batch:
    """Working-age persons who move into the community's households during the run.

    ``rate * n_initial`` arrivals a year on average (Poisson), in uniformly random
    months 1 .. months-1, aged uniformly within ``ages`` (whole years, inclusive),
    half of them women, each joining a random household of ``households``. A woman
    past her drawn age at first marriage counts as married on arrival (births
    from then); the others do not marry in the community.
    """
    count = int(rng.poisson(rate * n_initial * months / 12.0)) if months > 1 else 0
    arrive = rng.integers(1, max(months, 2), count).astype(np.intp)
    age = rng.integers(ages[0], ages[1] + 1, count) + rng.random(count)
    born = (arrive - np.floor(12.0 * age)).astype(np.intp)
    female = rng.random(count) < 0.5
    if rules is None:
        wed = np.where(female, arrive, NEVER)
    else:
        first = marriage_ages(count, rules.age_female, MIN_AGE[True], rules.sd, rng)
        wed = np.where(female & (first <= age), arrive, NEVER)
    skill = rng.standard_normal(count) - 0.02 * (np.maximum(-born / 12.0, 0.0) - 35.0)
    return Batch(
        household=households[rng.integers(0, households.size, count)].astype(np.intp),
        female=female,
        born=born,
        mother=np.full(count, -1, dtype=np.intp),
        skill=skill,
        arrives=arrive,
        wed=wed.astype(np.intp),
        native=np.zeros(count, dtype=bool),
        origin=np.full(count, -1, dtype=np.intp),
        leaves=np.full(count, NEVER, dtype=np.intp),
    )
