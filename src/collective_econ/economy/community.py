"""Synthetic households of a peri-urban community, from aggregate statistics or a table.

The default is the Caopijie community (seed-facts.md): 25,000 residents in
14 resident groups, 1,826 of them agricultural. Agricultural households
(3.8 persons on average, domain-reference.md §7) hold land and lose it in
expropriation waves; urban households (2.86 persons, §7) hold none. Every
person has an age and a skill; working-age persons (16-59) look for work.
Each household's *baseline* is its expected yearly income before
expropriation (:func:`collective_econ.economy.livelihood.expected_income`), the
income it must regain.

Examples
--------
>>> import numpy as np
>>> c = synthesize(CommunityParams(), np.random.default_rng(2010))
>>> c.n_persons, c.n_groups
(25000, 14)
>>> int(c.size[c.agricultural].sum())
1826
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..errors import CaseDataError, ParameterError
from ..params import FRACTION, POSITIVE, Parameters, between, check_type, param
from ..resources import bounded, count_rule, file_limit, file_problem, months_rule
from .livelihood import LivelihoodParams, expected_income

__all__ = ["Community", "CommunityParams", "from_table", "read_csv", "synthesize"]

WORKING_AGE = (16, 59)
"""First and last year of working age, years (the model's labour-force ages)."""

IntArray = NDArray[np.intp]
FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]


_HOUSEHOLD_SIZE = bounded(1, 30, "a mean; China's households averaged 3.1 persons in 2010")


@dataclass(frozen=True, slots=True, kw_only=True)
class CommunityParams(Parameters):
    """Aggregate statistics a synthetic community is drawn from (defaults: Caopijie)."""

    residents: int = param(25_000, unit="persons", rule=count_rule(1), source="seed-facts.md")
    agricultural_residents: int = param(
        1_826, unit="persons", rule=count_rule(0), source="seed-facts.md"
    )
    groups: int = param(14, unit="resident groups", rule=count_rule(1), source="seed-facts.md")
    agricultural_household_size: float = param(
        3.8, unit="persons", rule=_HOUSEHOLD_SIZE, source="domain-reference.md §7 (estimate)"
    )
    urban_household_size: float = param(
        2.86,
        unit="persons",
        rule=_HOUSEHOLD_SIZE,
        source="domain-reference.md §7: Yunnan urban 2010",
    )
    land_per_person_mu: float = param(
        0.8,
        unit="mu/person",
        rule=POSITIVE,
        source="estimate: cultivated land per agricultural resident, the same 0.8 mu as the "
        "land-for-shares scheme's area (1,460.8 mu for 1,826 persons)",
    )
    land_cv: float = param(
        0.3, unit="coefficient of variation", rule=between(0, 2), source="estimate"
    )
    expropriation_months: tuple[int, ...] = param(
        (0, 12, 24), unit="month", rule=months_rule(0), source="estimate: three waves"
    )
    expropriation_shares: tuple[float, ...] = param(
        (0.5, 0.3, 0.2),
        unit="fraction of agricultural households",
        rule=FRACTION,
        source="estimate",
    )
    age_shares: tuple[float, ...] = param(
        (0.22, 0.65, 0.13),
        unit="fraction (0-15, 16-59, 60+)",
        rule=FRACTION,
        source="estimate: Yunnan 2010 census order",
    )
    female_share: float = param(
        0.487,
        unit="fraction of persons",
        rule=FRACTION,
        source="well-known: China 2010 census: 105.20 males per 100 females (NBS communique "
        "No. 1, 2011)",
    )
    urban_member_share: float = param(
        0.1,
        unit="fraction of urban households",
        rule=FRACTION,
        source="estimate: former farmers still collective members; fits ~350 hotel "
        "shareholders in one group (domain-reference.md S1)",
    )

    def _check(self) -> None:
        own = type(self).__name__
        if self.agricultural_residents > self.residents:
            raise ParameterError(
                "agricultural_residents",
                f"<= residents ({self.residents})",
                self.agricultural_residents,
                owner=own,
            )
        if len(self.expropriation_months) != len(self.expropriation_shares):
            raise ParameterError(
                "expropriation_shares",
                "as long as expropriation_months",
                self.expropriation_shares,
                owner=own,
            )
        for name, shares in (
            ("expropriation_shares", self.expropriation_shares),
            ("age_shares", self.age_shares),
        ):
            if not np.isclose(sum(shares), 1.0):
                raise ParameterError(name, "shares summing to 1", shares, owner=own)
        if len(self.age_shares) != 3:
            raise ParameterError(
                "age_shares", "3 values (0-15, 16-59, 60+)", self.age_shares, owner=own
            )


@dataclass(frozen=True, eq=False)
class Community:
    """Households and persons, as arrays.

    Household arrays have shape (H,): ``group`` (resident group, 0 = Jiewei),
    ``size`` (persons), ``agricultural`` (holds land to lose), ``land_mu``
    (land held before expropriation, mu), ``expropriation_month`` (-1 =
    never), ``member`` (a member of its group's collective), ``baseline``
    (expected income before expropriation, yuan/yr). Person arrays have shape
    (P,): ``person_household``, ``age`` (years at month 0), ``skill`` (standard
    score), ``female``; ``working_age`` is month 0's. Ages, deaths, births and
    migration over a run are the run's population
    (:class:`~collective_econ.economy.population.PopulationHistory`), not this census.
    """

    group: IntArray
    size: IntArray
    agricultural: BoolArray
    land_mu: FloatArray
    expropriation_month: IntArray
    member: BoolArray
    baseline: FloatArray
    person_household: IntArray
    age: IntArray
    skill: FloatArray
    female: BoolArray
    group_names: tuple[str, ...] = ()
    working_age: BoolArray = field(init=False)

    def __post_init__(self) -> None:
        h = self.group.shape[0]
        for name in (
            "size",
            "agricultural",
            "land_mu",
            "expropriation_month",
            "member",
            "baseline",
        ):
            _check_len(name, getattr(self, name), h)
        p = self.person_household.shape[0]
        for name in ("age", "skill", "female"):
            _check_len(name, getattr(self, name), p)
        if p and (self.person_household.min() < 0 or self.person_household.max() >= h):
            raise CaseDataError("person_household must index households 0..H-1")
        if not np.array_equal(np.bincount(self.person_household, minlength=h), self.size):
            raise CaseDataError("size must equal the number of persons of each household")
        if np.any(self.size < 1):
            raise CaseDataError(f"size must be >= 1, got {int(self.size.min())}")
        if np.any(self.land_mu < 0) or not np.isfinite(self.land_mu).all():
            raise CaseDataError("land_mu must be finite and >= 0")
        if np.any(self.group < 0):
            raise CaseDataError("group must be >= 0")
        lo, hi = WORKING_AGE
        object.__setattr__(self, "working_age", (self.age >= lo) & (self.age <= hi))
        if not self.group_names:
            object.__setattr__(self, "group_names", default_group_names(self.n_groups))

    @property
    def n_households(self) -> int:
        """Households (H)."""
        return int(self.group.shape[0])

    @property
    def n_persons(self) -> int:
        """Persons (P)."""
        return int(self.person_household.shape[0])

    @property
    def n_groups(self) -> int:
        """Resident groups."""
        return int(self.group.max()) + 1 if self.n_households else 0

    @property
    def landless_target(self) -> BoolArray:
        """Households that lose their land during the simulation."""
        return self.expropriation_month >= 0

    @property
    def baseline_per_capita(self) -> FloatArray:
        """Baseline income per person, yuan/person/yr."""
        return self.baseline / self.size


def default_group_names(n: int) -> tuple[str, ...]:
    """Jiewei (结尾, the hotel's group, seed-facts.md §4) first, then numbered groups."""
    return ("Jiewei", *(f"group {g + 1}" for g in range(1, n)))


def _check_len(name: str, arr: Any, n: int) -> None:
    if np.shape(arr) != (n,):
        raise CaseDataError(f"{name} must have shape ({n},), got {np.shape(arr)}")


def _sizes(rng: np.random.Generator, persons: int, mean: float) -> IntArray:
    """Household sizes (>= 1) with the given mean, adjusted to sum exactly to ``persons``."""
    if persons == 0:
        return np.zeros(0, dtype=np.intp)
    n = max(1, round(persons / mean))
    size = np.minimum(1 + rng.poisson(mean - 1.0, n), persons - n + 1)  # each can be that big
    diff = persons - int(size.sum())
    while diff:  # a few passes at most: each fixes up to n persons
        step = np.sign(diff)
        pool = np.arange(n) if step > 0 else np.flatnonzero(size > 1)
        pick = rng.choice(pool, size=min(abs(diff), pool.size), replace=False)
        size[pick] += step
        diff -= step * pick.size
    return size.astype(np.intp)


def _persons(
    rng: np.random.Generator, size: IntArray, age_shares: tuple[float, ...]
) -> tuple[IntArray, IntArray, FloatArray]:
    household = np.repeat(np.arange(size.shape[0], dtype=np.intp), size)
    band = rng.choice(3, size=household.shape[0], p=np.asarray(age_shares))
    first = np.r_[0, np.cumsum(size)[:-1]]
    band[first] = np.where(band[first] == 0, 1, band[first])  # every household has an adult
    lo, hi = np.array([0, 16, 60]), np.array([15, 59, 85])
    age = lo[band] + (rng.random(band.shape[0]) * (hi[band] - lo[band] + 1)).astype(np.intp)
    skill = rng.standard_normal(band.shape[0]) - 0.02 * (age - 35)  # older: less schooling
    return household, age.astype(np.intp), skill


def _female(rng: np.random.Generator, persons: int, share: float) -> BoolArray:
    """Each person's sex (True: female), from a generator spawned off ``rng``.

    Spawning leaves ``rng``'s own stream where it was, so adding the draw moved
    no other number of the community.
    """
    child = rng.spawn(1)[0]
    out: BoolArray = child.random(persons) < share
    return out


def synthesize(
    params: CommunityParams,
    rng: np.random.Generator,
    livelihood: LivelihoodParams | None = None,
) -> Community:
    """Draw a synthetic community from aggregate statistics.

    Parameters
    ----------
    params : CommunityParams
        Residents, groups, household sizes, land, expropriation waves.
    rng : numpy.random.Generator
        The only source of randomness.
    livelihood : LivelihoodParams, optional
        Rules used to compute each household's baseline income.
    """
    check_type(params, CommunityParams, "params", "a CommunityParams", owner="synthesize")
    check_type(rng, np.random.Generator, "rng", "a numpy.random.Generator", owner="synthesize")
    if livelihood is not None:
        rule = "a LivelihoodParams or None"
        check_type(livelihood, LivelihoodParams, "livelihood", rule, owner="synthesize")
    p = params
    agri = _sizes(rng, p.agricultural_residents, p.agricultural_household_size)
    urban = _sizes(rng, p.residents - p.agricultural_residents, p.urban_household_size)
    size = np.concatenate([agri, urban])
    n_agri, h = agri.shape[0], size.shape[0]
    agricultural = np.arange(h) < n_agri
    group = rng.integers(0, p.groups, h).astype(np.intp)
    sigma = np.sqrt(np.log1p(p.land_cv**2))
    noise = np.exp(sigma * rng.standard_normal(h) - sigma**2 / 2)
    land = np.where(agricultural, size * p.land_per_person_mu * noise, 0.0)
    wave = rng.choice(len(p.expropriation_months), size=h, p=np.asarray(p.expropriation_shares))
    expropriation = np.where(agricultural, np.asarray(p.expropriation_months)[wave], -1)
    member = agricultural | (rng.random(h) < p.urban_member_share)
    household, age, skill = _persons(rng, size, p.age_shares)
    female = _female(rng, household.shape[0], p.female_share)
    return _assemble(
        group,
        size,
        agricultural,
        land,
        expropriation,
        member,
        household,
        age,
        skill,
        livelihood,
        None,
        default_group_names(p.groups),
        female=female,
    )


def _assemble(
    group: ArrayLike,
    size: ArrayLike,
    agricultural: ArrayLike,
    land: ArrayLike,
    expropriation: ArrayLike,
    member: ArrayLike,
    household: ArrayLike,
    age: ArrayLike,
    skill: ArrayLike,
    livelihood: LivelihoodParams | None,
    baseline: ArrayLike | None,
    names: tuple[str, ...] = (),
    *,
    female: ArrayLike,
) -> Community:
    g = np.asarray(group, dtype=np.intp)
    s = np.asarray(size, dtype=np.intp)
    a = np.asarray(agricultural, dtype=bool)
    land_mu = np.asarray(land, dtype=np.float64)
    ph = np.asarray(household, dtype=np.intp)
    ages = np.asarray(age, dtype=np.intp)
    sk = np.asarray(skill, dtype=np.float64)
    if baseline is None:
        lp = livelihood if livelihood is not None else LivelihoodParams()
        base = expected_income(lp, ph, ages, sk, a, land_mu, landless=False) if g.size else g * 0.0
    else:
        base = np.asarray(baseline, dtype=np.float64)
    return Community(
        group=g,
        size=s,
        agricultural=a,
        land_mu=land_mu,
        expropriation_month=np.asarray(expropriation, dtype=np.intp),
        member=np.asarray(member, dtype=bool),
        baseline=np.asarray(base, dtype=np.float64),
        person_household=ph,
        age=ages,
        skill=sk,
        female=np.asarray(female, dtype=bool),
        group_names=names,
    )


def from_table(
    households: Mapping[str, ArrayLike],
    rng: np.random.Generator,
    *,
    persons: Mapping[str, ArrayLike] | None = None,
    livelihood: LivelihoodParams | None = None,
) -> Community:
    """Build a community from a user's own table of households.

    Parameters
    ----------
    households : mapping of column name to array
        Required: ``group``, ``size``, ``land_mu``, ``expropriation_month``
        (-1 = never). Optional: ``agricultural`` (default: ``land_mu > 0``),
        ``member`` (default: agricultural), ``baseline`` (yuan/yr; default:
        computed with the livelihood rules).
    rng : numpy.random.Generator
        Draws ages and skills when ``persons`` is not given.
    persons : mapping of column name to array, optional
        ``household`` (index into the table), ``age``, and optionally ``skill``
        and ``female`` (drawn at the census share when missing).
    livelihood : LivelihoodParams, optional
        Rules for the baseline.

    Examples
    --------
    Three households of a hamlet, one of which keeps its land:

    >>> import numpy as np
    >>> c = from_table({"group": [0, 0, 1], "size": [4, 3, 2], "land_mu": [3.0, 2.5, 0.0],
    ...                 "expropriation_month": [0, 12, -1]}, np.random.default_rng(1))
    >>> c.n_persons, c.agricultural.tolist()
    (9, [True, True, False])
    """
    check_type(households, Mapping, "households", "a mapping of column name to array")
    check_type(rng, np.random.Generator, "rng", "a numpy.random.Generator", owner="from_table")
    if persons is not None:
        check_type(persons, Mapping, "persons", "a mapping of column name to array or None")
    if livelihood is not None:
        rule = "a LivelihoodParams or None"
        check_type(livelihood, LivelihoodParams, "livelihood", rule, owner="from_table")
    for col in ("group", "size", "land_mu", "expropriation_month"):
        if col not in households:
            raise CaseDataError(f"households table has no column {col!r}")
    size = np.asarray(households["size"], dtype=np.intp)
    land = np.asarray(households["land_mu"], dtype=np.float64)
    agri = np.asarray(households.get("agricultural", land > 0), dtype=bool)
    member = households.get("member", agri)
    if persons is None:
        if np.any(size < 1):
            raise CaseDataError(f"size must be >= 1, got {int(size.min())}")
        ph, age, skill = _persons(rng, size, (0.22, 0.65, 0.13))
        female = _female(rng, ph.shape[0], CommunityParams().female_share)
    else:
        ph = np.asarray(persons["household"], dtype=np.intp)
        age = np.asarray(persons["age"], dtype=np.intp)
        skill = np.asarray(persons.get("skill", np.zeros(ph.shape[0])), dtype=np.float64)
        if "female" in persons:
            female = np.asarray(persons["female"], dtype=bool)
        else:
            female = _female(rng, ph.shape[0], CommunityParams().female_share)
    return _assemble(
        households["group"],
        size,
        agri,
        land,
        households["expropriation_month"],
        member,
        ph,
        age,
        skill,
        livelihood,
        households.get("baseline"),
        female=female,
    )


_TABLE_LIMIT = 1e9
"""Largest households table read by default, bytes (about 20 million rows)."""


def read_csv(path: str | Path, rng: np.random.Generator, **kwargs: Any) -> Community:
    """Read a households table from CSV (columns as in :func:`from_table`)."""
    check_type(path, str | Path, "path", "a file path (str or Path)", owner="read_csv")
    check_type(rng, np.random.Generator, "rng", "a numpy.random.Generator", owner="read_csv")
    if not Path(path).is_file():
        raise CaseDataError(f"{path}: not a file (read_csv needs a CSV file of households)")
    why = file_problem(path, max(file_limit(), _TABLE_LIMIT))  # a table may be large: 1 GB
    if why is not None:
        raise CaseDataError(f"{path}: {why}")
    with Path(path).open(newline="", encoding="utf-8-sig") as fh:  # a byte-order mark is no column
        rows = list(csv.DictReader(fh))
    if not rows:
        raise CaseDataError(f"{path}: no households")
    columns: dict[str, list[float]] = {k: [] for k in rows[0]}
    for i, row in enumerate(rows, start=2):
        for k, v in row.items():
            try:
                columns[k].append(float(v))
            except (TypeError, ValueError):
                raise CaseDataError(
                    f"{path}, line {i}, column {k!r}: not a number: {v!r}"
                ) from None
    return from_table({k: np.asarray(v) for k, v in columns.items()}, rng, **kwargs)
