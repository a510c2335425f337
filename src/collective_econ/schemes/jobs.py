r"""Jobs and training for landless residents: factory places, public-welfare posts, training.

The case (seed-facts.md §3, §6): firms are asked to hire landless farmers as
factory workers (a walnut deep-processing plant, a solar PV silicon plant,
and the relocated Lancang River brewery, which expects more than 700 jobs,
domain-reference.md §2b/§6); local units take landless residents into urban
service work (traffic assistants, city greening, sanitation), usually as
public-welfare posts (公益性岗位) whose wages the government subsidises for
up to 3 years (domain-reference.md §6). Vocational training ran **3 rounds,
500+ person-times** (seed-facts.md §6).

Model
-----
Each job type :math:`j` reserves :math:`N_j` places for landless residents,
pays :math:`w_j` a month and loses a fraction :math:`s_j` of its workers a
month. Every month vacancies :math:`V_j = N_j - E_j` are filled from the
pool :math:`A = S - \sum_j E_j` of the :math:`S` landless job seekers who
hold no scheme job: each applicant is hired with chance :math:`p_i` (see
:func:`hire_probability`), hires are limited by vacancies, so a vacancy is
filled with the *fill rate* :math:`\varphi = \min(1, \bar p A / V)`. In the
steady state (separations = hires)

.. math::

    E_j = N_j \frac{\varphi}{\varphi + s_j}, \qquad
    \varphi \sum_j V_j = \min\Big(\sum_j V_j, \bar p A\Big).

Training raises the hire chance by :math:`\delta` (+10 pp) and the wage by
:math:`\omega` (+15%). Trained applicants are hired with odds
:math:`r = (p_0 + \delta) / p_0` against the untrained, so the trained share
of scheme workers is :math:`f_E = r f_A / (1 + (r - 1) f_A)`, with
:math:`f_A` the trained share of the pool, which keeps all trained seekers
counted: :math:`f_E E + f_A A = T`. Seekers in the pool work outside the
scheme (casual and migrant work) with chance :math:`1 - u_0` (untrained) or
:math:`1 - u_0 + \delta` (trained), where :math:`u_0` = 25% is the landless
unemployment rate without job schemes (domain-reference.md §6).

Flows: employers pay the wages (the firm row; the value of the workers'
output, sold to the outside market, pays for them and is left out, so the
firm row is the wage bill net of subsidy); the government pays a share of
public-welfare posts' wages for ``welfare_subsidy_years`` and the trainers
(the outside market); households receive the scheme wages plus the change in
their outside earnings against the baseline without the scheme (the outside
market pays that change). One training round a year from t = 0. Only a share
:math:`a_j` of the reserved places are net new jobs (``additionality``,
``welfare_additionality``); the rest displace outside workers, who lose the untrained
wage :math:`w_j` and fall back on the outside earnings :math:`f` the households give
up, :math:`(1 - a_j)(w_j - f)` a worker-month (:func:`displaced_wages`, counted as the
households' gain is, net): an item of the appraisal and, in the simulation, the flows
of their own account (:data:`DISPLACED`, the stakeholder group ``other_workers``), so
that the county's workers as a whole gain the additional share of the wages and the
training uplift (``county_wage_gain``); the casual work the landless leave, the
displaced take up. Public-welfare posts close when their subsidy ends unless renewed.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import Any

import numpy as np
import simpy
from numpy.typing import ArrayLike, NDArray

from ..distributions import Triangular
from ..distributions.uncertainty import Uncertainty
from ..economy import census
from ..economy.community import WORKING_AGE
from ..economy.ledger import Source
from ..economy.schedule import Schedule
from ..economy.world import World
from ..seeding import keyed_uniforms, mix64
from ._jobqueue import JobQueue
from ._jobs_params import (
    DEFAULT_JOBS,
    DISPLACED,
    EMPLOYERS,
    JobsParams,
    JobType,
    casual_fallback,
    displaced_wages,
    hire_probability,
    outside_earnings,
    separation_probability,
    trained_fraction,
    wage,
)
from ._jobs_plan import Windows, candidates, frozen, hire_months, since
from .base import Appraisal, Scheme, check_horizon, flows_table, wage_growth

__all__ = [
    "DEFAULT_JOBS",
    "DISPLACED",
    "EMPLOYERS",
    "SCHEME",
    "UNCERTAINTIES",
    "Employment",
    "JobType",
    "JobsParams",
    "appraise",
    "casual_fallback",
    "displaced_wages",
    "hire_probability",
    "outside_earnings",
    "process",
    "separation_probability",
    "steady_state_employment",
    "trained_fraction",
    "wage",
]

_DRAWS = np.arange(2, 5, dtype=np.uint64)[:, None]
"""The counters of a month's three draws per candidate (separation, renewal, hiring)."""

Floats = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Employment:
    """A steady state of scheme hiring (arrays broadcast over seekers and training).

    Attributes
    ----------
    by_job : ndarray, shape (..., J)
        Expected landless workers in each job type.
    fill_rate : ndarray
        Share of vacancies filled in a month (1: hiring limited by vacancies).
    trained_share_jobs, trained_share_pool : ndarray
        Trained share of scheme workers, and of seekers without a scheme job.
    outside_employed : ndarray
        Seekers without a scheme job who work outside the scheme.
    employment_rate : ndarray
        All employed landless seekers / seekers.
    """

    by_job: Floats
    fill_rate: Floats
    trained_share_jobs: Floats
    trained_share_pool: Floats
    outside_employed: Floats
    employment_rate: Floats

    @property
    def scheme_jobs(self) -> Floats:
        """Landless workers in scheme jobs, all types."""
        return np.asarray(self.by_job.sum(axis=-1), dtype=np.float64)


def _bisect(fun: Callable[[Floats], Floats], shape: tuple[int, ...], n: int = 60) -> Floats:
    """Vectorised bisection for increasing ``fun`` on (0, 1]: the smallest x with fun(x) >= 0."""
    lo, hi = np.zeros(shape), np.ones(shape)
    for _ in range(n):
        mid = 0.5 * (lo + hi)
        up = fun(mid) >= 0.0
        hi, lo = np.where(up, mid, hi), np.where(up, lo, mid)
    return hi


def _fill_rate(n: Floats, s: Floats, seekers: Floats, p_bar: Floats) -> Floats:
    """Fill rate phi solving phi * sum(V_j) = min(sum(V_j), p_bar * A), shape of seekers."""

    def excess(phi: Floats) -> Floats:
        x = phi[..., None]
        hires = (x * s * n / (x + s)).sum(-1)
        pool = np.maximum(seekers - (n * x / (x + s)).sum(-1), 0.0)
        return np.asarray(hires - p_bar * pool, dtype=float)

    ones = np.ones(seekers.shape)
    binds = excess(ones) <= 0.0  # vacancies, not applicants, limit hiring
    return ones if np.all(binds) else np.where(binds, 1.0, _bisect(excess, seekers.shape))


def _pool_trained(seekers: Floats, trained: Floats, employed: Floats, odds: float) -> Floats:
    """Trained share f_A of the pool with f_E E + f_A A = T, f_E = r f_A / (1 + (r - 1) f_A).

    The positive root of A (r - 1) f^2 + (A + r E - (r - 1) T) f - T = 0.
    """
    pool = np.maximum(seekers - employed, 0.0)
    t = trained * seekers
    a = pool * (odds - 1.0)
    b = pool + odds * employed - (odds - 1.0) * t
    den = b + np.sqrt(np.maximum(b * b + 4.0 * a * t, 0.0))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.asarray(np.where(den > 0, np.clip(2.0 * t / den, 0.0, 1.0), 0.0), dtype=float)


def steady_state_employment(
    params: JobsParams,
    seekers: ArrayLike,
    trained: ArrayLike = 0.0,
    *,
    places: ArrayLike | None = None,
) -> Employment:
    """Expected employment of landless seekers once hiring and separations balance.

    Parameters
    ----------
    params : JobsParams
        The scheme's parameters.
    seekers : array_like
        Landless job seekers, persons.
    trained : array_like, default 0
        Share of the seekers who have been trained; broadcasts with ``seekers``.
    places : array_like, shape (..., J), optional
        Places open by job type (default ``params.places``), e.g.
        :meth:`JobsParams.open_places`; broadcasts with ``seekers``.

    Returns
    -------
    Employment
        Workers by job type, fill rate, trained shares and the employment rate.

    Examples
    --------
    900 seekers fill the case's 430 places (minus those between jobs and
    contracts), and unemployment falls from the baseline 25% to about 13%
    before any training.

    >>> e = steady_state_employment(JobsParams(), 900)
    >>> round(float(e.scheme_jobs)), round(1 - float(e.employment_rate), 2)
    (416, 0.13)
    """
    p = params
    seek, f_s = np.broadcast_arrays(np.asarray(seekers, float), np.asarray(trained, float))
    n = p.places if places is None else np.asarray(places, dtype=float)
    s = p.turnover  # quits and lay-offs, and contracts not renewed
    p0 = p.base_hire_probability
    p1 = min(1.0, p0 + p.training_hire_uplift)
    odds = p1 / p0
    f_a = f_s
    phi = np.ones(seek.shape)
    for _ in range(20):  # fixed point between the fill rate and the pool's training
        phi_new = _fill_rate(n, s, seek, p0 + (p1 - p0) * f_a)
        f_a = _pool_trained(
            seek, f_s, (n * phi_new[..., None] / (phi_new[..., None] + s)).sum(-1), odds
        )
        done = np.all(np.abs(phi_new - phi) < 1e-12)
        phi = phi_new
        if done:
            break
    by_job = n * phi[..., None] / (phi[..., None] + s)
    pool = np.maximum(seek - by_job.sum(-1), 0.0)
    u0 = p.baseline_unemployment
    outside = pool * (f_a * min(1.0, 1.0 - u0 + p.training_hire_uplift) + (1.0 - f_a) * (1.0 - u0))
    f_e = odds * f_a / (1.0 + (odds - 1.0) * f_a)
    rate = (by_job.sum(-1) + outside) / np.maximum(seek, 1e-12)
    return Employment(by_job, phi, f_e, f_a, outside, rate)


def appraise(
    params: JobsParams, *, horizon_years: int = 20, rng: np.random.Generator | None = None
) -> Appraisal:
    """Yearly cash flows of the jobs-and-training scheme per stakeholder.

    Parameters
    ----------
    params : JobsParams
        The scheme's parameters.
    horizon_years : int, default 20
        Years after the first year (t = 0).
    rng : numpy.random.Generator, optional
        Draw each year's filled places (binomial per job type) and outside
        employment; without it, the expected steady state.

    Returns
    -------
    Appraisal
        Flows for households (wages + change in outside earnings), firm (the post
        subsidy: the wage bill it pays comes back as the new output's sale and the
        displaced workers' untrained wages, as the simulation books it) and government
        (-subsidy - training). Items:
        ``wages``, ``outside_earnings_change``, ``wage_subsidy``,
        ``training_cost``, ``scheme_jobs``, ``employment_rate``,
        ``baseline_employment_rate``, ``trained_share``; ``displaced_wages``
        (:func:`displaced_wages` with :func:`outside_earnings`: the net loss of the
        outside workers the places displace, their untrained wages less the outside
        earnings they fall back on; the appraisal's ``other_workers`` row and the
        simulation's group, compared by :mod:`collective_econ.runs.reconcile`),
        ``displaced_fallback`` (those outside earnings, paid by the outside market) and
        ``county_wage_gain`` (wages less the displaced workers' untrained wages: the
        additional share and the training uplift).

    Notes
    -----
    Places follow :meth:`JobsParams.open_places` (public-welfare posts close
    with their subsidy unless renewed) and change hands at
    :attr:`JobsParams.turnover`. Hiring ages and sexes act in the simulation
    only: the steady state counts seekers, not their ages.

    Examples
    --------
    The case: ~290 landless workers in factory places earn about 4.6 million
    yuan a year once the welfare posts have closed (year 3); the additional
    quarter of the places and the training uplift, 31% of it, are a net gain to
    the county's workers; the displaced lose 54% of the untrained wages they
    would have earned (555 of 1,200 yuan a month is the outside work they fall
    back on):

    >>> from collective_econ.prices import FLAT, using
    >>> with using(FLAT):  # 2010 prices and wages (no inflation, no real wage growth)
    ...     a = appraise(JobsParams())
    >>> round(float(a.items["wages"][5]) / 1e6, 1)
    4.6
    >>> round(float(a.items["county_wage_gain"][5] / a.items["wages"][5]), 2)
    0.31
    >>> lost, fell_back = a.items["displaced_wages"][5], a.items["displaced_fallback"][5]
    >>> round(float(lost / (lost + fell_back)), 2)
    0.54
    """
    horizon = check_horizon(horizon_years)
    p = params
    t = np.arange(horizon + 1)
    f_s = trained_fraction(p, t)
    places = p.open_places(t)  # (T, J): welfare posts close with their subsidy
    st = steady_state_employment(p, float(p.seekers), f_s, places=places)
    by_job = st.by_job  # (T, J)
    u0, up = p.baseline_unemployment, p.training_hire_uplift
    p_out = st.outside_employed / np.maximum(p.seekers - st.scheme_jobs, 1e-12)
    if rng is not None:
        share = st.by_job / np.maximum(places, 1e-12)
        by_job = rng.binomial(places.astype(np.int64), np.clip(share, 0.0, 1.0)).astype(float)
        pool = np.maximum(p.seekers - by_job.sum(-1), 0.0)
        outside = rng.binomial(pool.astype(np.int64), np.clip(p_out, 0.0, 1.0)).astype(float)
    else:
        pool = np.maximum(p.seekers - by_job.sum(-1), 0.0)
        outside = pool * p_out
    jobs = by_job.sum(-1)

    # scheme wages: employers (firm) -> households; trained workers earn (1 + omega) x
    uplift = 1.0 + p.training_wage_uplift * st.trained_share_jobs
    g = wage_growth(horizon)  # every wage grows with the real wage level
    wages_by_job = 12.0 * by_job * p.wages * (uplift * g)[:, None]
    wages = wages_by_job.sum(-1)
    # outside earnings: outside market -> households, against the no-scheme baseline
    trained_out = st.trained_share_pool * min(1.0, 1.0 - u0 + up)
    out_uplift = 1.0 + p.training_wage_uplift * trained_out / np.maximum(p_out, 1e-12)
    outside_earn = 12.0 * p.outside_wage_month * outside * out_uplift * g
    baseline = 12.0 * outside_earnings(p) * p.seekers * g
    # public-welfare post subsidy: government -> employers, first years unless renewed
    subsidy = np.where(
        p.subsidised(t), p.welfare_subsidy_share * wages_by_job[:, p.public_welfare].sum(-1), 0.0
    )
    # the outside workers the places displace: the untrained wages they lose (to the
    # employers) less the outside earnings they fall back on, as the households' own
    forgone = 12.0 * g * displaced_wages(p, by_job)
    displaced = 12.0 * g * displaced_wages(p, by_job, outside_earnings(p))
    # training: government -> trainers (outside market), one round a year
    training = np.where(t < p.training_rounds, p.trainees_per_round * p.cost_per_trainee, 0.0)
    flows = flows_table(
        horizon,
        households=wages + outside_earn - baseline,
        # the employers pay the wage bill and receive it back, as in the simulation: the
        # new output's sale (the market) and the displaced workers' untrained wages they no
        # longer pay; their net is the post subsidy
        firm=subsidy - wages + (wages - forgone) + forgone,
        government=-subsidy - training,
    )
    items = {
        "wages": wages,
        "outside_earnings_change": outside_earn - baseline,
        "wage_subsidy": subsidy,
        "training_cost": training,
        "scheme_jobs": jobs,
        "employment_rate": (jobs + outside) / p.seekers,
        "baseline_employment_rate": np.full(horizon + 1, 1.0 - u0),
        "trained_share": f_s,
        "displaced_wages": displaced,
        "displaced_fallback": forgone - displaced,
        "county_wage_gain": wages - forgone,
    }
    return Appraisal("jobs", flows, items=items)


def process(
    world: World, schedule: Schedule[JobsParams], rng: np.random.Generator
) -> Generator[simpy.Event, Any, None]:
    """Run the scheme's job market and training (a SimPy process on ``world``).

    Seekers: the persons of agricultural households of working age (16-59) at
    the current month, queued (:class:`~collective_econ.schemes._jobqueue.JobQueue`,
    first in, first out) in the month their household loses its land, or in
    the January they turn 16. One event a month from the first wave; each
    month, in order: (0) at each new year of age, holders who reach their job
    type's ``retire_age`` and seekers past 59 leave the market (places free),
    and 16-year-olds queue; public-welfare posts close when their subsidy ends
    (unless ``renew_welfare_posts``): their holders queue again; (1) in the
    month of the first wave and every 12 months after, for ``training_rounds``
    rounds, ``trainees_per_round`` queued, untrained seekers chosen at random
    are trained; (2) each worker leaves with ``separation_month`` and queues
    again, and contracts reaching ``contract_months`` are renewed with
    ``contract_renewal`` or re-competed; (3) a hiring round: each job type's
    vacancies go to the queued seekers it may hire (``hire_min_age_*`` to
    ``hire_max_age``), in queue order, each accepting with
    ``hire_probability`` (skill as its normal quantile; 0 while running a
    business); (4) wages. Workers are occupied (no casual work).

    Who pays whom: employer (``JobType.employer``) -> workers' households
    (WAGE); the wage bill to the employer: its additional share
    (:attr:`JobsParams.additional`) from the market as SALES (new output), the
    rest, the untrained wages of the places not net new, from the displaced outside
    workers (:data:`DISPLACED`) as WAGE (:func:`displaced_wages`), and the training
    uplift from the market as SALES; market -> displaced workers, the casual work they
    fall back on (:func:`casual_fallback`, the run's livelihood rates, WAGE), so their
    net loss is the wages less it; the county's workers (households, market and
    displaced together) gain the additional share and the training uplift;
    government -> employer, ``welfare_subsidy_share`` of
    public-welfare posts' wages while subsidised (OPERATIONS); government ->
    market, the trainers (OPERATIONS).

    Notes
    -----
    A month step touches few persons besides its draws (one uniform per
    candidate for separations, contract ends and hiring, drawn in one call).
    Who leaves the market by age is read from ``due``, the month each person in
    the market reaches its job type's ``retire_age`` (a seeker: 60), set when
    the person queues or is hired. Who may join the queue (land taken, of
    working age, present, not in the market) is asked only of the persons with
    an opening event since it was last asked
    (:class:`~collective_econ.schemes._jobs_plan.Candidates`) and of those who
    left by age under 60: everyone else was queued then, or is still unable to.
    Everyone in the market was present last month, so only those with a closing
    event (a death, a departure) since then can have left the community. Whether
    those with an event in the month are present then is in the plan
    (``Candidates.ready`` and ``absent``, worked out from the population history as
    the world's census has it), read when the step follows the last one; when, too,
    every job type retires its holders at 60, those who leave the market by age or
    absence are those in it among ``Candidates.exits``. The chance to accept an offer
    is kept with 0 for the candidates another scheme occupies (as :meth:`JobQueue.hire`
    counts them), worked out again only when :attr:`World.occupancy_changes` has moved
    between two steps; job types with the same hiring ages are filled in one go
    (:class:`~collective_econ.schemes._jobs_plan.Windows`). Wages are read from a table
    of each job type's wage, untrained and trained, times the year's real wage factor
    (the products :func:`wage` times it gives), worked out each January and whenever the
    parameters change.
    """
    book = world.ledger
    market, government = world.account("market"), world.account("government")
    outsiders = world.account(DISPLACED)  # the outside workers the places displace
    c, pop = world.community, world.population
    lo, hi = WORKING_AGE
    plan = census.memo((pop, c), ("jobs", world.horizon_months), lambda: candidates(world))
    if plan is None:
        return
    cand, households, born = plan.persons, plan.households, plan.born
    home_of = plan.household  # each candidate's household, an index into `households`
    n, n_homes = cand.size, households.size
    # each candidate's uniforms are numbers of its own (its key, the month, the draw), not
    # its place in a draw over all candidates: those of the first months are the same
    # whoever later months (a longer horizon) add to the candidates
    keys, salt = pop.key[cand], mix64(int(rng.integers(0, 2**63)))
    queue = JobQueue(n, len(schedule.base.jobs), rng, order=keyed_uniforms(keys, salt))
    static = pop.static  # nobody born, dying or leaving; birthdays in January
    waves = np.unique(c.expropriation_month[c.expropriation_month >= 0])
    first = int(waves[0]) if waves.size else 0  # training: yearly rounds from the first wave
    out = np.iinfo(np.int64).max  # `due` of a person out of the market
    due = np.full(n, out)  # the month each person in the market leaves it by age
    at_60 = born + 12 * (hi + 1)  # a seeker's `due`
    landless = np.zeros(n, dtype=bool)  # the candidate's household has lost its land
    retired: list[NDArray[np.intp]] = []  # left by age under 60 since the idle were queued
    seen = queued = -1  # the last month stepped, and the last the idle were queued
    at: JobsParams | None = None
    age_year = world.now // 12
    closed = np.zeros(len(schedule.base.jobs), dtype=bool)
    shut_for: tuple[JobsParams, int] | None = None  # the posts' closure, by parameters and year
    wage_year, real_wage = -1, 1.0
    priced = np.zeros(0)  # `wages` times this year's real wage, flattened
    freed: list[NDArray[np.intp]] = []  # workers who left their places this month
    # `offer`, 0 for the candidates another scheme occupies (who may not take a place):
    # worked out again only when another scheme has occupied or released someone since
    # (World.occupancy_changes moved between the job market's steps) or `offer` changed
    free_offer, changes = np.zeros(n), -1  # changes: occupancy_changes after the last step

    while world.now < world.horizon_months:
        t = world.now
        p = schedule.at(t)
        if changes != world.occupancy_changes:  # another scheme occupied or released
            changes = -1
        # ages move at birthdays: each January in a static population, else any month
        birthday = t // 12 != age_year or not static
        age_year = t // 12
        if p is not at:  # the arrays of the job types, once per parameter set
            places, separations = p.places, frozen(p.separations)
            contract = frozen(np.array([j.contract_months for j in p.jobs]))
            retire = 12 * np.array([j.retire_age for j in p.jobs])  # months of age
            early = bool((retire < 12 * (hi + 1)).any())  # holders retire before 60
            names = sorted({j.employer for j in p.jobs})  # at most the three firms
            employers = [world.account(name) for name in names]
            employer_of = np.array([names.index(j.employer) for j in p.jobs])  # by job type
            n_types = len(p.jobs)
            # the bins of the wages by (employer, household), by (employer, job type), and
            # of the subsidised ones by employer (the others in a last bin, left out)
            home_bin = employer_of * n_homes
            # each employer's bins: a view of its households' wages, and its account
            bins = [(e * n_homes, (e + 1) * n_homes, a) for e, a in enumerate(employers)]
            # each job type's wages counted in its employer's row of the wage bill, and
            # each worker's gross and net displaced wages (displaced_wages of one worker
            # of each type: untrained wage, less the casual work the outsider falls back
            # on) in its employer's rows, stacked as a (3 x employers, job types) table
            mine = (employer_of == np.arange(len(employers))[:, None]) * 1.0
            one = np.eye(n_types)
            fallback = casual_fallback(p, world.livelihood)
            lost_each = displaced_wages(p, one), displaced_wages(p, one, fallback)
            rows_of = np.concatenate((mine, mine * lost_each[0], mine * lost_each[1]))
            subsidy_bin = np.where(p.public_welfare, employer_of, len(employers))
            welfare = p.public_welfare
            # each candidate's chance to accept an offer, untrained and trained, and the
            # wage of each job type, untrained and trained (as `wage`)
            accepts = [hire_probability(p, trained, plan.skill) for trained in (False, True)]
            wages = (1.0 + p.training_wage_uplift * np.array([0.0, 1.0]))[:, None] * p.wages
            wage_year = -1  # `priced` worked out again from these wages
            # who each type may hire, with the tables kept by the plan for these ages
            ages = tuple((j.hire_min_age_male, j.hire_min_age_female, j.hire_max_age)
                         for j in p.jobs)  # fmt: skip
            rows = Windows(*hire_months(p, born, plan.female), plan.windows.setdefault(ages, {}))
            holders = np.flatnonzero(queue.job >= 0)
            due[holders] = born[holders] + retire[queue.job[holders]]
            at, offer, aged = p, None, False
            open_places = frozen(np.where(closed, 0.0, places))
            open_list = [int(c) for c in open_places.tolist()]  # whole numbers (JobsParams)
            posts_open = bool((welfare & ~closed).any())
        # 0. ageing: retirements and 16-year-olds; posts closing with their subsidy
        if aged and not early and seen == t - 1 and not static:
            # every holder retires at 60 and each month is stepped: those who leave the
            # market are those in it who turn 60 or have gone this month (the plan's exits);
            # the others are left as they are (out of the market: `due` is `out`, neither
            # queued nor holding a place), so the exits are not sorted out first
            leaving = plan.exits[t]
            if leaving.size:
                due[leaving] = out
                held = queue.leave(leaving, t, checked=True)
                if held.size:  # (few months: most who leave the market hold no place)
                    freed.append(held)
        else:
            old = gone = cand[:0]  # leaving the market: by age, and dead or away
            if birthday or not aged:
                aged = True
                old = (due <= t).nonzero()[0]
                if old.size:
                    due[old] = out
                    if early and (at_60[old] > t).any():  # under 60: may queue again
                        retired.append(old)
            if seen >= 0 and not static:
                if t == seen + 1:  # those with a closing event this month, not present now
                    moved = plan.absent[t]
                else:
                    moved = since(plan.closing, seen, t)
                    moved = moved[~world.present()[cand[moved]]]
                if moved.size:
                    gone = moved[due[moved] != out]
                    due[gone] = out
            if old.size or gone.size:  # distinct (`due` was set apart), in any order
                leaving = np.concatenate((old, gone))
                freed.append(queue.leave(leaving, t, checked=True))
        seen = t
        new = world.newly_landless()
        if new.size and t in plan.waves:
            landless[plan.waves[t]] = True
        if new.size or birthday:  # the landless of working age not in the market queue
            idle = cand[:0]
            if 0 <= queued == t - 1 and not retired:  # those with an opening event, present now
                ask = since(plan.ready, queued, t)  # (of working age and landless then)
                if ask.size:
                    idle = ask[landless[ask] & (due[ask] == out)]
            else:
                ask = np.arange(n) if queued < 0 else since(plan.opening, queued, t)
                if retired:
                    ask = np.unique(np.concatenate([ask, *retired]))
                if ask.size:
                    ask = ask[landless[ask] & (due[ask] == out)]
                    age = (t - born[ask]) // 12
                    idle = ask[(age >= lo) & (age <= hi) & world.present()[cand[ask]]]
            retired, queued = [], t
            if idle.size:  # none of them in the market (`due` is `out`)
                queue.add_seekers(idle, t, checked=True, outside=True)
                due[idle] = at_60[idle]
        if shut_for is None or shut_for[0] is not p or shut_for[1] != t // 12:
            shut_for = (p, t // 12)
            shut = welfare & ~p.subsidised(t // 12)
            if np.any(shut != closed):  # holders of closed posts queue again
                closed = shut
                open_places = frozen(np.where(closed, 0.0, places))
                open_list = [int(c) for c in open_places.tolist()]
                posts_open = bool((welfare & ~closed).any())
                gone = np.flatnonzero((queue.job >= 0) & closed[np.maximum(queue.job, 0)])
                back = queue.leave(gone, t, rejoin=True)
                freed.append(back)
                due[back] = at_60[back]
        # 1. training round (the draw is made whoever is eligible)
        if t >= first and (t - first) % 12 == 0 and (t - first) // 12 < p.training_rounds:
            if freed:  # those who left their places are free for training
                world.release(cand[np.concatenate(freed)])
                freed = []
            u = keyed_uniforms(keys, mix64(salt ^ mix64(4 * t + 1)))
            free = world.occupied[cand] == 0
            pool = np.flatnonzero(queue.seeking & ~world.trained[cand] & free)
            chosen = pool[np.argsort(u[pool], kind="stable")[: p.trainees_per_round]]
            world.trained[cand[chosen]] = True
            offer = None
            book.pay(government, market, chosen.size * p.cost_per_trainee, Source.OPERATIONS)
        # 2. separations and contracts ending, 3. the hiring round: their uniforms
        u = keyed_uniforms(keys, mix64(salt ^ mix64(4 * t + _DRAWS))).ravel()
        left = queue.turnover(
            t, u[:n], u[n : 2 * n], separations, contract, p.contract_renewal, checked=True
        )
        if left.size:
            freed.append(left)
            if early:  # else their `due` is a seeker's already
                due[left] = at_60[left]
        if freed:  # everyone who left a place this month, free before the hiring round
            world.release(cand[freed[0] if len(freed) == 1 else np.concatenate(freed)])
            freed = []
        if offer is None:  # new parameters, or a training round (this scheme trains)
            trained = world.trained[cand]
            offer = np.where(trained, accepts[1], accepts[0])  # = hire_probability(...)
            wage_row = trained.astype(np.intp) * n_types  # the row of `wages`, flattened
            changes = -1
        if changes < 0:  # another scheme's claims moved, or `offer`
            # others' claims: a holder's count includes the job market's own
            others = world.occupied[cand] != (queue.job >= 0)
            free_offer = np.where(others, 0.0, offer)
        rows.month = t  # who each job type may hire (ages, sex) this month
        # the queued accept `free_offer` (as queue.hire: the occupied count as drawn with 0)
        hired, types = queue.hire_free(t, rng, open_list, free_offer, u[2 * n :], rows)
        if hired.size:
            world.occupy(cand[hired])
        changes = world.occupancy_changes  # after the job market's own claims
        if hired.size and early:  # else their `due` is a seeker's already (retiring at 60)
            due[hired] = born[hired] + retire[types]
        # 4. wages, the workers' output (or the displaced workers' wages), the post subsidy
        workers, job = queue.holders()
        if wage_year != t // 12:  # each wage times this year's real wage over 2010's
            wage_year, real_wage = t // 12, world.real_wage_factor()
            priced = (wages * real_wage).ravel()  # each product as `wage` times it
        pay = priced.take(wage_row[workers] + job)  # as `wage`, times the real wage
        # each employer's wages by household, its new output, displaced wages and subsidy
        key = home_bin[job] + home_of[workers]
        by_household = np.bincount(key, pay, len(employers) * n_homes)
        # each employer's wage bill, and the gross and net wages its displaced outsiders
        # lose (displaced_wages(p, workers by type)), at this year's real wage level
        k = len(employers)
        by_type = np.bincount(job, pay, n_types)
        bills = np.add.reduce(by_type * rows_of[:k], -1).tolist()
        heads = real_wage * np.bincount(job, minlength=n_types)  # workers by type
        lost = np.add.reduce(heads * rows_of[k:], -1).tolist()  # gross, then net
        # (each >= 0 but for rounding: untrained, a = 0, the bill is the gross displaced)
        output = [max(paid - gone, 0.0) for paid, gone in zip(bills, lost[:k], strict=True)]
        fell_back = [max(gross - net, 0.0) for gross, net in zip(lost[:k], lost[k:], strict=True)]
        if posts_open:  # the wages of public-welfare posts, by employer
            bill = np.bincount(subsidy_bin[job], pay, len(employers) + 1).tolist()
        for start, end, account in bins:  # wages (> 0) are paid employer by employer
            wages_of = by_household[start:end]
            to = wages_of.nonzero()[0]
            if to.size:
                book.settle(account, households[to], wages_of[to], Source.WAGE)
        for e, account in enumerate(employers):
            book.pay(market, account, output[e], Source.SALES)
            book.pay(outsiders, account, lost[e], Source.WAGE)  # untrained wages lost
            book.pay(market, outsiders, fell_back[e], Source.WAGE)  # their casual work
            if posts_open:  # else all closed, nobody holds one: no subsidy (a pay of 0)
                book.pay(government, account, p.welfare_subsidy_share * bill[e], Source.OPERATIONS)
        if workers.size or queue.queue_length or not static:
            yield world.env.timeout(1)
        else:  # nobody in the market: wait for the next wave or the next birthdays
            later = waves[waves > t].tolist()
            if np.any(landless & ((t - born) // 12 < lo)):
                later.append(12 * (t // 12 + 1))
            if not later:
                return
            yield world.wait_until(int(min(later)))


UNCERTAINTIES: tuple[Uncertainty, ...] = (
    Uncertainty("wage_scale", Triangular(low=0.85, mode=1.0, high=1.3),
                "domain-reference.md §6: factory 1,000-1,600, service 700-1,000 yuan/month"),
    Uncertainty("baseline_unemployment", Triangular(low=0.20, mode=0.25, high=0.30),
                "domain-reference.md §6: 20-30%"),
    Uncertainty("training_hire_uplift", Triangular(low=0.05, mode=0.10, high=0.15),
                "domain-reference.md §6: +5-15 pp"),
    Uncertainty("training_wage_uplift", Triangular(low=0.10, mode=0.15, high=0.20),
                "domain-reference.md §6: +10-20%"),
    Uncertainty("cost_per_trainee", Triangular(low=1_000.0, mode=1_200.0, high=1_500.0),
                "estimate: 1,000-1,500 yuan"),
)  # fmt: skip

SCHEME = Scheme(
    name="jobs",
    title="Factory places, public-welfare posts and training",
    params_type=JobsParams,
    appraise=appraise,
    uncertainties=UNCERTAINTIES,
    summary="walnut, silicon and brewery places, service posts; 3 training rounds, 500 trainees",
    process=process,
    label="Jobs and training",
    label_zh="就业与培训",
    accounts=EMPLOYERS,
    outside_accounts=(DISPLACED,),
)
