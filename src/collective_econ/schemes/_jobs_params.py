"""Parameters of the jobs-and-training scheme: job types, the scheme's levers, additionality.

Split from :mod:`collective_econ.schemes.jobs` (which re-exports every name) to keep
modules short. :class:`JobType` carries each job type's places, wage, turnover, hiring
ages and sexes, retirement age and contract length; :class:`JobsParams` the scheme's
levers, including the additionality of reserved places (:func:`displaced_wages`: the
displaced outside workers' loss net of the work they fall back on, :func:`outside_earnings`
in the appraisal, :func:`casual_fallback` in a simulation) and the renewal of
public-welfare posts; and the per-person rules: hire and separation chances, wages, the
trained share of seekers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..economy.community import WORKING_AGE
from ..economy.livelihood import LivelihoodParams, employment_share, person_wage
from ..errors import ParameterError, ParameterTypeError
from ..params import FRACTION, NONNEGATIVE, POSITIVE, Parameters, Rule, between, param
from ..resources import count_rule, months_rule, years_rule

__all__ = [
    "DEFAULT_JOBS",
    "DISPLACED",
    "EMPLOYERS",
    "JobType",
    "JobsParams",
    "casual_fallback",
    "displaced_wages",
    "hire_probability",
    "outside_earnings",
    "separation_probability",
    "trained_fraction",
    "wage",
]

Floats = NDArray[np.float64]
_NAME = Rule("a non-empty string", lambda v: isinstance(v, str) and v != "")
EMPLOYERS: tuple[str, ...] = ("brewery", "factories", "hotel_company")
"""The firm accounts that may pay a job's wages: the Lancang River brewery, the new
factories (and local units), the hotel company (seed-facts.md §2-4)."""
DISPLACED = "market:displaced_workers"
"""The account of the outside workers the reserved places displace: in a simulation they
pay the employers the untrained wages they lose and the market pays them the casual work
they fall back on (:func:`displaced_wages`), so their net loss is a stakeholder group of
its own (``other_workers``) rather than part of the market."""
_FIRM = Rule(f"one of {', '.join(EMPLOYERS)}", lambda v: v in EMPLOYERS, choices=EMPLOYERS)
_OPEN_UNIT = between(0, 1, lo_open=True)
_AGE = between(WORKING_AGE[0], WORKING_AGE[1] + 1)


@dataclass(frozen=True, slots=True, kw_only=True)
class JobType(Parameters):
    """One kind of job reserved for landless residents (defaults: a factory place)."""

    name: str = param("factory", unit="-", rule=_NAME, source="seed-facts.md §3")
    places: int = param(
        100,
        unit="places",
        rule=count_rule(0),
        source="estimate: places open to landless residents",
    )
    wage_month: float = param(
        1_200.0,
        unit="yuan/month",
        rule=POSITIVE,
        source="domain-reference.md §6/§8: county-town factory worker 1,000-1,600 yuan/month, "
        "default 1,200 (estimate)",
    )
    separation_month: float = param(
        0.02, unit="1/month", rule=FRACTION, source="estimate: monthly quits and lay-offs"
    )
    public_welfare: bool = param(
        False,
        unit="-",
        source="domain-reference.md §6: a factory place is an ordinary job, not a subsidised "
        "public-welfare post (公益性岗位)",
    )
    employer: str = param(
        "factories",
        unit="-",
        rule=_FIRM,
        source="seed-facts.md §2-3: the firm that pays the wages in a simulation (the "
        "brewery, the new factories or the hotel company)",
    )
    hire_min_age_male: int = param(
        16,
        unit="years",
        rule=_AGE,
        source="well-known: Labour Law 1994 Art. 15, no hiring under 16",
        doc="Youngest man this job type hires (public-welfare posts: 50, the '4050' rule).",
    )
    hire_min_age_female: int = param(
        16,
        unit="years",
        rule=_AGE,
        source="well-known: Labour Law 1994 Art. 15, no hiring under 16",
        doc="Youngest woman this job type hires (public-welfare posts: 40, the '4050' rule).",
    )
    hire_max_age: int = param(
        45,
        unit="years",
        rule=_AGE,
        source="estimate: county-town factories hire mostly workers under 40-45; older "
        "landless workers are rarely hired (domain-reference.md §6 stylised fact 2)",
        doc="Oldest person hired; a worker hired younger keeps the place past it.",
    )
    retire_age: int = param(
        60,
        unit="years",
        rule=_AGE,
        source="well-known: State Council 1978 No. 104, men retire at 60 (the model's working "
        "age 16-59)",
        doc="Holders leave (and draw no wage) from the month they reach this age.",
    )
    contract_months: int = param(
        24,
        unit="months",
        rule=months_rule(1),
        source="estimate: first fixed-term contracts of 1-3 years (Labour Contract Law 2008 "
        "Art. 14 makes the third consecutive one open-ended)",
        doc="A place is held for a contract, then renewed (JobsParams.contract_renewal) "
        "or re-competed from the queue.",
    )

    def source_of(self, name: str) -> str:
        """The source of ``name``'s value for this kind of job (a factory place or a post).

        The declared sources describe a factory place; a public-welfare post
        (``public_welfare=True``: the case's traffic assistants, greening and
        sanitation) takes its wage, ages and contract from :data:`_POST_SOURCES`.

        Examples
        --------
        >>> JobType().source_of("hire_min_age_male")
        'well-known: Labour Law 1994 Art. 15, no hiring under 16'
        >>> DEFAULT_JOBS[3].name, DEFAULT_JOBS[3].source_of("hire_min_age_male")[:40]
        ('traffic assistants', 'estimate: public-welfare posts go to the')
        """
        if self.public_welfare and name in _POST_SOURCES:
            return _POST_SOURCES[name]
        return Parameters.source_of(self, name)

    def _check(self) -> None:
        youngest = max(self.hire_min_age_male, self.hire_min_age_female)
        if not youngest <= self.hire_max_age < self.retire_age:
            raise ParameterError(
                "hire_max_age",
                f">= the hiring minimum ages ({youngest}) and < retire_age ({self.retire_age})",
                self.hire_max_age,
                owner=type(self).__name__,
            )


_FOUR_FIFTY = (
    "estimate: public-welfare posts go to the '4050' group, women from 40 and men from 50, "
    "whom factories rarely hire (domain-reference.md §6 stylised fact 2)"
)
_POST_SOURCES: dict[str, str] = {
    "wage_month": "domain-reference.md §6/§8: urban service jobs (traffic assistants, greening, "
    "sanitation) 700-1,000 yuan/month, default 800 (estimate)",
    "separation_month": "estimate: monthly quits and lay-offs, half the factories' rate: "
    "older workers in subsidised posts seldom leave",
    "public_welfare": "domain-reference.md §6: traffic, greening and sanitation jobs are "
    "usually public-welfare posts (公益性岗位), their wages subsidised",
    "employer": "seed-facts.md §2-3: the account that pays the wages in a simulation; "
    "the local units employing public-welfare posts are grouped with the factories",
    "hire_min_age_male": _FOUR_FIFTY,
    "hire_min_age_female": _FOUR_FIFTY,
    "hire_max_age": "estimate: public-welfare posts hire up to the last year of working age "
    "(59); the subsidy runs up to 5 years for those near retirement (domain-reference.md §6)",
    "contract_months": "estimate: yearly agreements within a subsidy of up to 3 years "
    "(domain-reference.md §6)",
}
"""Sources of a public-welfare post's values (:meth:`JobType.source_of`)."""


def _factory(name: str, places: int, employer: str = "factories") -> JobType:
    return JobType(
        name=name, places=places, wage_month=1_200.0, separation_month=0.02, employer=employer
    )


def _service(name: str, places: int) -> JobType:
    # public-welfare posts target "4050" workers (women 40+, men 50+); yearly
    # agreements within the subsidy period (estimate)
    return JobType(
        name=name, places=places, wage_month=800.0, separation_month=0.01, public_welfare=True,
        hire_min_age_male=50, hire_min_age_female=40, hire_max_age=59, contract_months=12,
    )  # fmt: skip


DEFAULT_JOBS: tuple[JobType, ...] = (
    _factory("walnut plant", 120),
    _factory("silicon plant", 80),
    _factory("brewery", 100, "brewery"),  # of the brewery's >700 jobs (domain-ref. §2b)
    _service("traffic assistants", 30),
    _service("greening", 40),
    _service("sanitation", 60),
)
"""The case's job types (seed-facts.md §3): places are estimates; factory wage 1,200 and
service wage 800 yuan/month (domain-reference.md §8, estimates); separations 2%/month in
factories and 1%/month in service posts (estimates)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class JobsParams(Parameters):
    """Parameters of the jobs-and-training scheme (defaults: the Caopijie case)."""

    jobs: tuple[JobType, ...] = param(
        DEFAULT_JOBS, unit="-", source="seed-facts.md §3 (job types); places are estimates"
    )
    seekers: int = param(
        900, unit="persons", rule=count_rule(1), source="estimate: 1,826 residents x 62% x 80%"
    )
    baseline_unemployment: float = param(
        0.25, unit="fraction", rule=FRACTION, source="domain-reference.md §6: 20-30%"
    )
    outside_wage_month: float = param(
        740.0, unit="yuan/month", rule=NONNEGATIVE, source="estimate: class II minimum wage (§6)"
    )
    wage_scale: float = param(
        1.0,
        unit="ratio",
        rule=POSITIVE,
        source="estimate: multiplies every job type's monthly wage",
    )
    base_hire_probability: float = param(
        0.20, unit="1/month", rule=_OPEN_UNIT, source="estimate: untrained, per hiring round"
    )
    skill_hire_slope: float = param(
        0.10, unit="per unit of skill", rule=NONNEGATIVE, source="estimate: +/-5 pp at 1 or 0"
    )
    training_hire_uplift: float = param(
        0.10, unit="fraction (pp)", rule=FRACTION, source="domain-reference.md §6: +5-15 pp"
    )
    training_wage_uplift: float = param(
        0.15, unit="fraction", rule=NONNEGATIVE, source="domain-reference.md §6: +10-20%"
    )
    training_rounds: int = param(
        3,
        unit="rounds",
        rule=count_rule(0),
        source="seed-facts.md §6: 3 rounds (yearly: estimate)",
    )
    trainees_per_round: int = param(
        167, unit="persons", rule=count_rule(0), source="seed-facts.md §6: 500+ in 3 rounds"
    )
    cost_per_trainee: float = param(
        1_200.0, unit="yuan/person", rule=NONNEGATIVE, source="estimate: 1,000-1,500 yuan"
    )
    welfare_subsidy_share: float = param(
        0.9, unit="fraction of wage", rule=FRACTION, source="estimate: ~minimum wage (740/800)"
    )
    welfare_subsidy_years: int = param(
        3, unit="years", rule=years_rule(0), source="domain-reference.md §6: subsidy up to 3 yr"
    )
    renew_welfare_posts: bool = param(
        False,
        unit="-",
        source="domain-reference.md §6: public-welfare posts exist while subsidised (up to 3 yr)",
        doc="The lever: the government renews the post subsidy every year of the run, and "
        "pays for it; otherwise the posts close when the subsidy ends.",
    )
    additionality: float = param(
        0.25,
        unit="fraction of places",
        rule=FRACTION,
        source="estimate: firms hire anyway, so reserving places mostly displaces other "
        "local workers; HCA Additionality Guide 2014, 'high' displacement 75%",
        doc="Share of reserved factory places that are net new jobs; the rest displace "
        "outside workers, whose lost untrained wages, less the outside work they fall "
        "back on, are counted (the outside workers' account in a simulation).",
    )
    welfare_additionality: float = param(
        0.5,
        unit="fraction of posts",
        rule=FRACTION,
        source="estimate: the subsidy creates the posts, but local units would have hired "
        "some of the staff anyway; HCA Additionality Guide 2014, 'medium' 50%",
        doc="As ``additionality``, for public-welfare posts.",
    )
    contract_renewal: float = param(
        0.7,
        unit="fraction of contracts",
        rule=FRACTION,
        source="estimate: most satisfactory workers are kept at a contract's end",
        doc="Chance an incumbent's contract is renewed at its end; otherwise the place "
        "is re-competed and the incumbent queues again.",
    )

    def _check(self) -> None:
        owner = type(self).__name__
        if len(self.jobs) == 0:
            raise ParameterError("jobs", "at least one JobType", self.jobs, owner=owner)
        for i, job in enumerate(self.jobs):
            if not isinstance(job, JobType):
                raise ParameterTypeError(f"jobs[{i}]", "a JobType", job, owner=owner)
        names = [job.name for job in self.jobs]
        if len(set(names)) != len(names):
            raise ParameterError("jobs", "job types with distinct names", names, owner=owner)

    @property
    def places(self) -> Floats:
        """Places per job type, shape (J,)."""
        return np.array([j.places for j in self.jobs], dtype=float)

    @property
    def wages(self) -> Floats:
        """Untrained monthly wage per job type (``wage_scale`` applied), yuan, shape (J,)."""
        return self.wage_scale * np.array([j.wage_month for j in self.jobs])

    @property
    def separations(self) -> Floats:
        """Monthly separation rate per job type, shape (J,)."""
        return np.array([j.separation_month for j in self.jobs])

    @property
    def public_welfare(self) -> NDArray[np.bool_]:
        """Which job types are subsidised public-welfare posts, shape (J,)."""
        return np.array([j.public_welfare for j in self.jobs], dtype=bool)

    @property
    def additional(self) -> Floats:
        """Share of each job type's places that are net new jobs, shape (J,).

        >>> JobsParams().additional.tolist()
        [0.25, 0.25, 0.25, 0.5, 0.5, 0.5]
        """
        return np.where(self.public_welfare, self.welfare_additionality, self.additionality)

    @property
    def turnover(self) -> Floats:
        """Monthly rate at which places change hands: separations plus contracts not renewed.

        ``separation_month + (1 - contract_renewal) / contract_months``, shape (J,):
        the appraisal's rate for the simulation's fixed-length contracts.
        """
        contract = np.array([j.contract_months for j in self.jobs], dtype=float)
        return self.separations + (1.0 - self.contract_renewal) / contract

    def open_places(self, year: ArrayLike) -> Floats:
        """Places open in each year (t = 0 first), shape (..., J).

        Public-welfare posts close when their subsidy ends (``welfare_subsidy_years``)
        unless ``renew_welfare_posts``.

        >>> JobsParams().open_places([2, 3])[:, 3:].tolist()
        [[30.0, 40.0, 60.0], [0.0, 0.0, 0.0]]
        """
        t = np.asarray(year)[..., None]
        ended = t >= self.welfare_subsidy_years
        closed = self.public_welfare & ~self.renew_welfare_posts & ended
        return np.where(closed, 0.0, self.places)

    def subsidised(self, year: ArrayLike) -> NDArray[np.bool_]:
        """Whether the government subsidises public-welfare posts in each year."""
        t = np.asarray(year)
        return np.asarray(self.renew_welfare_posts | (t < self.welfare_subsidy_years))


def outside_earnings(params: JobsParams) -> float:
    """Expected monthly outside earnings of an untrained seeker without a scheme job, yuan.

    ``outside_wage_month * (1 - baseline_unemployment)``: what the appraisal's
    households earn outside the scheme without it (their baseline) and what an outside
    worker a reserved place displaces falls back on (:func:`displaced_wages`).

    >>> outside_earnings(JobsParams())
    555.0
    """
    return params.outside_wage_month * (1.0 - params.baseline_unemployment)


def casual_fallback(params: JobsParams, livelihood: LivelihoodParams) -> Floats:
    """Monthly casual earnings of an outside worker of each job type's hiring ages, yuan, (J,).

    What a displaced outside worker earns instead in a simulation, by the rule the
    households' own casual work follows (:mod:`~collective_econ.economy.livelihood`):
    :func:`~collective_econ.economy.livelihood.person_wage` of a month of casual work times
    the mean :func:`~collective_econ.economy.livelihood.employment_share` of a landless
    worker over the ages the job type hires (the lower of its two minimum ages to
    ``hire_max_age``).

    >>> casual_fallback(JobsParams(), LivelihoodParams()).round(1).tolist()
    [351.6, 351.6, 351.6, 257.5, 257.5, 257.5]
    """
    month = float(person_wage(livelihood, np.ones(1, dtype=bool), np.zeros(1))[0])
    shares = []
    for job in params.jobs:
        ages = np.arange(min(job.hire_min_age_male, job.hire_min_age_female), job.hire_max_age + 1)
        yes = np.ones(ages.size, dtype=bool)
        shares.append(float(employment_share(livelihood, ages, yes, yes).mean()))
    return month * np.array(shares)


def displaced_wages(
    params: JobsParams, workers_by_job: ArrayLike, fallback: ArrayLike = 0.0
) -> Floats:
    """Monthly loss of the outside workers that reserved places displace, yuan, shape (...).

    ``sum_j (1 - additional_j) * (wage_j - min(fallback_j, wage_j)) * workers_by_job[..., j]``:
    a place that is not a net new job would have paid an outside worker its untrained
    wage (``JobsParams.wages``: the training uplift is the landless workers' own), and
    that worker falls back on the earnings ``fallback`` (yuan/month, by job type: the
    appraisal's :func:`outside_earnings`, a simulation's :func:`casual_fallback`). With
    ``fallback=0`` the wages they lose, gross. In a simulation the account
    :data:`DISPLACED` pays the employer the gross wages and the market pays it the
    fallback. Amounts at the 2010 wage level: times the real wage level of the year.

    >>> displaced_wages(JobsParams(), [1, 0, 0, 1, 0, 0]).item()
    1300.0
    >>> displaced_wages(JobsParams(), [1, 0, 0, 1, 0, 0], 555.0).item()
    606.25
    """
    n = np.asarray(workers_by_job, dtype=float)
    w = params.wages
    f = np.minimum(np.broadcast_to(np.asarray(fallback, dtype=float), w.shape), w)
    return np.asarray((n * ((1.0 - params.additional) * (w - f))).sum(-1), dtype=np.float64)


def hire_probability(params: JobsParams, trained: ArrayLike, skill: ArrayLike) -> Floats:
    r"""Each applicant's chance of being hired in one monthly hiring round.

    :math:`p_i = p_0 + \delta \cdot trained_i + \beta (skill_i - 0.5)`, clipped to [0, 1].

    Parameters
    ----------
    params : JobsParams
        The scheme's parameters.
    trained : array_like of bool
        Whether each person has been trained.
    skill : array_like of float
        Each person's skill in [0, 1] (0.5 is average); broadcasts with ``trained``.

    Returns
    -------
    ndarray
        Probabilities, the broadcast shape of the inputs.

    Examples
    --------
    An average untrained applicant has a 20% chance a month; training adds 10 pp.

    >>> hire_probability(JobsParams(), [False, True], [0.5, 0.5]).round(2)
    array([0.2, 0.3])
    """
    t = np.asarray(trained, dtype=float)
    s = np.asarray(skill, dtype=float)
    p = params.base_hire_probability + params.training_hire_uplift * t
    return np.clip(p + params.skill_hire_slope * (s - 0.5), 0.0, 1.0)


def wage(params: JobsParams, job_index: ArrayLike, trained: ArrayLike) -> Floats:
    """Monthly wage of each person by job type and training, yuan/month.

    Parameters
    ----------
    params : JobsParams
        The scheme's parameters.
    job_index : array_like of int
        Index into ``params.jobs``; a negative index means no scheme job (wage 0).
    trained : array_like of bool
        Whether each person has been trained (+``training_wage_uplift``).

    Returns
    -------
    ndarray
        Yuan per month, the broadcast shape of the inputs.

    Examples
    --------
    A walnut-plant worker earns 1,200 yuan a month, 1,380 once trained; a
    sanitation worker 800.

    >>> wage(JobsParams(), [0, 0, 5, -1], [False, True, False, False])
    array([1200., 1380.,  800.,    0.])
    """
    j = np.asarray(job_index, dtype=np.int64)
    base = np.where(j >= 0, params.wages[np.clip(j, 0, len(params.jobs) - 1)], 0.0)
    return base * (1.0 + params.training_wage_uplift * np.asarray(trained, dtype=float))


def separation_probability(params: JobsParams, job_index: ArrayLike) -> Floats:
    """Monthly chance that each worker leaves the job (0 for no scheme job)."""
    j = np.asarray(job_index, dtype=np.int64)
    return np.where(j >= 0, params.separations[np.clip(j, 0, len(params.jobs) - 1)], 0.0)


def trained_fraction(params: JobsParams, years: ArrayLike) -> Floats:
    """Share of the seekers trained by the end of each year t (one round a year from t = 0)."""
    t = np.asarray(years, dtype=float)
    rounds = np.minimum(t + 1.0, params.training_rounds)
    return np.minimum(params.trainees_per_round * rounds / params.seekers, 1.0)
