"""The jobs scheme's month step against its earlier, plainer form (issue 15: speed).

:func:`collective_econ.schemes.jobs.process` skips work no month needs: who leaves by
age is read from each person's due month, who may queue or leave the community is asked
only of persons with an event, the three uniform draws are one call and separations and
contract ends one pass. :func:`reference_process` is the process as it was before
(commit 06d4f49), verbatim: both must give the same bits in every run, including the
paths the default case does not take (a static population that waits for the next wave
or birthday, retirement before 60 and queueing again, renewed or closing welfare posts,
parameters changing mid-run, returns from migration).
"""

import dataclasses
from collections.abc import Callable, Generator
from typing import Any

import numpy as np
import pytest
import simpy
from numpy.typing import NDArray
from scipy import special

from collective_econ.economy import census
from collective_econ.economy.census import Census
from collective_econ.economy.community import WORKING_AGE, CommunityParams, from_table, synthesize
from collective_econ.economy.ledger import Ledger, Source
from collective_econ.economy.population import DemographyParams, draw_history
from collective_econ.economy.schedule import Period, Schedule
from collective_econ.economy.world import World, institutions
from collective_econ.policy import Policy
from collective_econ.scenario import Scenario
from collective_econ.schemes import SCHEMES, _jobs_plan, firm_accounts, jobs
from collective_econ.schemes._jobqueue import JobQueue, _assign_few
from collective_econ.schemes._jobs_plan import candidates, eligible, hire_months, present_at
from collective_econ.schemes.enterprise import EnterpriseParams
from collective_econ.schemes.hogs import HogParams
from collective_econ.schemes.jobs import (
    DEFAULT_JOBS,
    JobsParams,
    displaced_wages,
    hire_probability,
)
from collective_econ.seeding import keyed_uniforms, mix64
from collective_econ.simulation import simulate


def reference_process(
    world: World, schedule: Schedule[JobsParams], rng: np.random.Generator
) -> Generator[simpy.Event, Any, None]:
    """The month step of jobs.process before issue 15 (commit 06d4f49), verbatim.

    But for its draws, each candidate's own numbers (``keyed_uniforms``), as the process's.
    """
    c = world.community
    book = world.ledger
    market, government = world.account("market"), world.account("government")
    pop = world.population  # person slots: month-0 persons, then births
    hh = pop.household
    lo, hi = WORKING_AGE
    # the persons who may ever seek: of working age at some month of the run in a
    # household that loses its land, born by then. The queue runs over them alone
    # (index i is person slot cand[i]), not over every resident.
    oldest = (max(world.horizon_months - 1, 0) - pop.born) // 12
    cand = np.flatnonzero((c.expropriation_month[hh] >= 0) & (-pop.born // 12 <= hi)
                          & (oldest >= lo))  # fmt: skip
    if cand.size == 0:
        return
    # the candidates' households, numbered 0 .. K-1 (wages are summed over these)
    households, cand_household = np.unique(hh[cand], return_inverse=True)
    keys, salt = pop.key[cand], mix64(int(rng.integers(0, 2**63)))
    queue = JobQueue(cand.size, len(schedule.base.jobs), rng, order=keyed_uniforms(keys, salt))
    skill = special.ndtr(pop.skill[cand])  # standard score -> [0, 1], 0.5 average
    female = pop.female[cand]
    static = pop.static  # nobody born, dying or leaving; birthdays in January
    landless = np.zeros(cand.size, dtype=bool)  # the candidate's household has lost its land
    waves = np.unique(c.expropriation_month[c.expropriation_month >= 0])
    first = int(waves[0]) if waves.size else 0  # training: yearly rounds from the first wave
    at: JobsParams | None = None
    born = pop.born[cand]  # ages: (month - born) // 12, as World.ages
    age, age_year = (world.now - born) // 12, world.now // 12
    closed = np.zeros(len(schedule.base.jobs), dtype=bool)
    bounds: tuple[JobsParams, NDArray[np.int64], NDArray[np.int64]] | None = None
    youngest = oldest = np.zeros(0, dtype=np.int64)  # bounds' arrays (set in the first month)
    while world.now < world.horizon_months:
        t = world.now
        p = schedule.at(t)
        # ages move at birthdays: each January in a static population, else any month
        birthday = t // 12 != age_year or not static
        if birthday:
            age, age_year = (t - born) // 12, t // 12
        if p is not at:  # the arrays of the job types, once per parameter set
            places, wages, separations = p.places, p.wages, _frozen(p.separations)
            public_welfare = p.public_welfare
            contract = _frozen(np.array([j.contract_months for j in p.jobs]))
            retire = np.array([j.retire_age for j in p.jobs])
            names = sorted({j.employer for j in p.jobs})  # at most the three firms
            employers = [world.account(n) for n in names]
            employer_accounts = np.array(employers, dtype=np.intp)
            employer_of = np.array([names.index(j.employer) for j in p.jobs])  # by job type
            # each candidate's chance to accept an offer, untrained and trained
            accepts = [hire_probability(p, trained, skill) for trained in (False, True)]
            at, offer, aged = p, None, False
            open_places = _frozen(np.where(closed, 0.0, places))
        # 0. ageing: retirements and 16-year-olds; posts closing with their subsidy
        if birthday or not aged:
            if bounds is None or bounds[0] is not p:  # the job types' hiring ages, by sex
                bounds = (p, *_age_bounds(p, female))
            youngest, oldest = bounds[1], bounds[2]
            aged = True
            holder = queue.job >= 0
            old = np.where(holder, age >= retire[np.maximum(queue.job, 0)], age > hi)
            old &= holder | queue.seeking  # the others are out of the market already
            world.release(cand[queue.leave(np.flatnonzero(old), t)])
        here = world.present()[cand]  # dead or away: out of their place and the queue
        if not static:
            gone = ~here & ((queue.job >= 0) | queue.seeking)
            world.release(cand[queue.leave(np.flatnonzero(gone), t)])
        new = world.newly_landless()
        if new.size:
            landless |= np.isin(hh[cand], new)
        if new.size or birthday:  # the landless of working age not in the market queue
            idle = landless & here & (age >= lo) & (age <= hi) & ~queue.seeking
            idle &= queue.job < 0
            queue.add_seekers(np.flatnonzero(idle), t)
        shut = public_welfare & ~p.subsidised(t // 12)
        if np.any(shut != closed):  # holders of closed posts queue again
            closed = shut
            open_places = _frozen(np.where(closed, 0.0, places))
            gone = np.flatnonzero((queue.job >= 0) & closed[np.maximum(queue.job, 0)])
            world.release(cand[queue.leave(gone, t, rejoin=True)])
        # 1. training round (the draw is made whoever is eligible)
        if t >= first and (t - first) % 12 == 0 and (t - first) // 12 < p.training_rounds:
            u = keyed_uniforms(keys, mix64(salt ^ mix64(4 * t + 1)))
            free = world.occupied[cand] == 0
            pool = np.flatnonzero(queue.seeking & ~world.trained[cand] & free)
            chosen = pool[np.argsort(u[pool], kind="stable")[: p.trainees_per_round]]
            world.trained[cand[chosen]] = True
            offer = None
            book.pay(government, market, chosen.size * p.cost_per_trainee, Source.OPERATIONS)
        # 2. separations and contracts ending, 3. the hiring round
        counters = np.arange(2, 5, dtype=np.uint64)[:, None]  # separation, renewal, hiring
        draws = keyed_uniforms(keys, mix64(salt ^ mix64(4 * t + counters)))
        world.release(cand[queue.separate(t, rng, separations, u=draws[0])])
        world.release(cand[queue.end_contracts(t, rng, contract, p.contract_renewal, u=draws[1])])
        if offer is None:  # new parameters, or a training round (this scheme trains)
            trained = world.trained[cand]
            offer = np.where(trained, accepts[1], accepts[0])  # = hire_probability(...)
        accept = np.where(queue.seeking & (world.occupied[cand] == 0), offer, 0.0)
        rows = _eligible(age, youngest, oldest)  # who each job type may hire (ages, sex)
        hired, _ = queue.hire(t, rng, open_places, accept, rows, checked=True, u=draws[2])
        world.occupy(cand[hired])
        # 4. wages, the workers' output (or the displaced workers' wages), the post subsidy
        workers = np.flatnonzero(queue.job >= 0)
        job = queue.job[workers]
        pay = wages[job] * (1.0 + p.training_wage_uplift * trained[workers])  # as `wage`
        pay *= world.real_wage_factor()  # this year's real wage over 2010's
        subsidised = public_welfare[job]  # posts still open are subsidised (or renewed)
        # each employer's wages by household, its new output, displaced wages and subsidy
        employer = employer_of[job]
        key = employer * households.size + cand_household[workers]
        by_household = np.bincount(key, pay, len(employers) * households.size)
        n_types = len(p.jobs)
        by_type = np.bincount(employer * n_types + job, pay, len(employers) * n_types)
        # since then the displaced lose the untrained wage less the casual work they fall
        # back on (workers by employer and type, at this year's real wage level)
        heads = world.real_wage_factor() * np.bincount(
            employer * n_types + job, minlength=len(employers) * n_types
        ).reshape(len(employers), n_types)
        displaced = displaced_wages(p, heads)
        net = displaced_wages(p, heads, jobs.casual_fallback(p, world.livelihood))
        output = np.maximum(by_type.reshape(len(employers), n_types).sum(-1) - displaced, 0.0)
        subsidised_bill = np.bincount(employer, pay * subsidised, len(employers))
        paid = np.flatnonzero(by_household)  # (employer, household): one posting for all
        book.pay_households_many(
            employer_accounts[paid // households.size], households[paid % households.size],
            by_household[paid], Source.WAGE,
        )  # fmt: skip
        for e, account in enumerate(employers):
            book.pay(market, account, float(output[e]), Source.SALES)
            # since then the displaced workers pay their lost wages from their own account
            book.pay(world.account(jobs.DISPLACED), account, float(displaced[e]), Source.WAGE)
            book.pay(market, world.account(jobs.DISPLACED), max(float(displaced[e] - net[e]), 0.0),
                     Source.WAGE)  # fmt: skip
            book.pay(government, account, p.welfare_subsidy_share * float(subsidised_bill[e]),
                     Source.OPERATIONS)  # fmt: skip
        if workers.size or queue.queue_length or not static:
            yield world.env.timeout(1)
        else:  # nobody in the market: wait for the next wave or the next birthdays
            later = waves[waves > t].tolist()
            if np.any(landless & (age < lo)):
                later.append(12 * (t // 12 + 1))
            if not later:
                return
            yield world.wait_until(int(min(later)))


def _frozen(a: NDArray[Any]) -> NDArray[Any]:
    """``a`` made read-only: the job queue checks such an array once."""
    a.setflags(write=False)
    return a


def _eligible(
    age: NDArray[np.int64], youngest: NDArray[np.int64], oldest: NDArray[np.int64]
) -> Callable[[NDArray[np.intp]], NDArray[np.bool_]]:
    """Who each job type may hire, by its ages and sexes: rows (n, J) of the persons asked.

    ``youngest`` (K, J) and ``oldest`` (J,) are :func:`_age_bounds`; asked by the
    job queue for the month's successful applicants only.
    """

    def rows(who: NDArray[np.intp]) -> NDArray[np.bool_]:
        a = age[who, None]
        out: NDArray[np.bool_] = (a >= youngest[who]) & (a <= oldest)
        return out

    return rows


def _age_bounds(
    p: JobsParams, female: NDArray[np.bool_]
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Each person's youngest hiring age by job type (K, J) and each type's oldest (J,)."""
    lo_f = np.array([j.hire_min_age_female for j in p.jobs])
    lo_m = np.array([j.hire_min_age_male for j in p.jobs])
    top = np.array([j.hire_max_age for j in p.jobs])
    return np.where(female[:, None], lo_f, lo_m), top


def _run(params, *, demography, community, years=10, seed=4, reference=False, monkeypatch=None):
    schedule = params if isinstance(params, Schedule) else Schedule(params)
    pol = Policy("jobs only", {"jobs": schedule})
    drawn = None if isinstance(community, CommunityParams) else community
    sc = Scenario("jobs month test", (pol,), horizon_years=years, demography=demography,
                  community=SMALL if drawn is not None else community)  # fmt: skip
    if reference:
        old = dataclasses.replace(SCHEMES["jobs"], process=reference_process)
        monkeypatch.setitem(SCHEMES, "jobs", old)
    run = simulate(sc, pol, seed=seed, community=drawn)
    if reference:
        monkeypatch.undo()
    return run


def _fingerprint(run):
    return [run.household_flows, run.institution_flows, run.institution_balance, run.income]


SMALL = CommunityParams(residents=3000, agricultural_residents=1200)
MOVING = DemographyParams(migration_rate=0.05, return_rate=0.3)  # many departures, returns
FROZEN = DemographyParams(births=False, deaths=False, migration=False)
EARLY = tuple(j.evolve(retire_age=50) if not j.public_welfare else j for j in DEFAULT_JOBS)
# singles losing their land in months 7 and 100: nobody in the market at first, none
# between the old's retirement and the young's 16th birthdays (the process waits)
WAITING = from_table(
    {"group": [0] * 7, "size": [1] * 7, "land_mu": [2.0] * 7,
     "expropriation_month": [7, 7, 7, 7, 100, 100, 100]},
    np.random.default_rng(5),
    persons={"household": np.arange(7), "age": np.array([58, 59, 10, 11, 30, 31, 40]),
             "female": np.arange(7) % 2 == 0},
)  # fmt: skip
CASES = {
    "default": (JobsParams(), MOVING),
    "retire at 50, renewed posts": (
        JobsParams(jobs=EARLY, renew_welfare_posts=True, contract_renewal=0.0), MOVING),
    "all renewed, static population": (JobsParams(contract_renewal=1.0), FROZEN),
    "static, retire at 50": (JobsParams(jobs=EARLY), FROZEN),
    "parameters change mid-run": (
        Schedule(JobsParams(), (Period(30, None, {"contract_renewal": 0.2,
                                                  "training_wage_uplift": 0.3}),)), MOVING),
    "retirement ages change mid-run": (
        Schedule(JobsParams(), (Period(40, 90, {"jobs": EARLY, "renew_welfare_posts": True}),)),
        FROZEN),
}  # fmt: skip


@pytest.mark.parametrize("case", [*CASES, "waiting"])
def test_the_month_step_gives_the_bits_of_the_plain_one(case, monkeypatch):
    params, demography = CASES.get(case, (JobsParams(renew_welfare_posts=True), FROZEN))
    community = WAITING if case == "waiting" else SMALL
    new = _run(params, demography=demography, community=community)
    old = _run(params, demography=demography, community=community, reference=True,
               monkeypatch=monkeypatch)  # fmt: skip
    assert -new.institution("factories")[:, Source.WAGE].sum() > 0  # the market works
    for a, b in zip(_fingerprint(new), _fingerprint(old), strict=True):
        np.testing.assert_array_equal(a, b)
    assert new.events == old.events


def test_a_missed_event_would_be_caught(monkeypatch):
    # planted bug: the month step never hears of returns, 16th birthdays or departures
    params, demography = CASES["default"]
    old = _run(params, demography=demography, community=SMALL, reference=True,
               monkeypatch=monkeypatch)  # fmt: skip
    monkeypatch.setattr(jobs, "since", lambda events, after, upto: events[0][:0])
    new = _run(params, demography=demography, community=SMALL)
    assert not np.array_equal(new.household_flows, old.household_flows)


def _world(demography, months=120, seed=3):

    rng = np.random.default_rng(seed)
    community = synthesize(SMALL, rng)
    history = draw_history(community, demography, months, rng)
    book = Ledger(community.n_households, institutions(community.n_groups, firm_accounts()),
                  months)  # fmt: skip
    return World(simpy.Environment(), community, book, months, demography=history)


def test_present_at_is_what_the_census_says():
    # the plan's `ready` and `absent` read who is present from present_at: it must be the
    # world's census month by month (returns, departures, deaths, births, arrivals)

    world = _world(MOVING)
    pop, months = world.population, world.horizon_months
    view = Census(pop, months)
    slots = np.arange(pop.n_slots)
    before, changed = view.present(0), 0
    for m in range(months):
        seen = view.present(m)
        np.testing.assert_array_equal(present_at(world, slots, np.full(slots.size, m)), seen)
        changed += int(not np.array_equal(seen, before))
        before = seen
    assert changed > months // 2  # people come and go most months: the check has teeth


def test_ready_and_absent_are_the_opening_and_closing_present_or_not():

    world = _world(MOVING)
    plan = candidates(world)
    view = Census(world.population, world.horizon_months)
    absent = 0
    for m in range(world.horizon_months):
        here = view.present(m)[plan.persons]
        np.testing.assert_array_equal(plan.ready[m], plan.opening[m][here[plan.opening[m]]])
        np.testing.assert_array_equal(plan.absent[m], plan.closing[m][~here[plan.closing[m]]])
        absent += plan.absent[m].size
    assert absent > 0


def test_a_missed_departure_would_be_caught(monkeypatch):
    # planted bug: the plan says everyone with a closing event is still present

    params, demography = CASES["default"]
    old = _run(params, demography=demography, community=SMALL, reference=True,
               monkeypatch=monkeypatch)  # fmt: skip
    monkeypatch.setattr(census, "_MEMO", [])  # no plan kept from an earlier run
    monkeypatch.setattr(_jobs_plan, "present_at", lambda world, slots, months: slots >= 0)
    new = _run(params, demography=demography, community=SMALL)
    assert not np.array_equal(new.household_flows, old.household_flows)


@pytest.mark.parametrize("windows", [False, True])
@pytest.mark.parametrize("seed", range(6))
def test_hire_free_is_hire(seed, windows):
    # JobQueue.hire_free, the month step's round, against JobQueue.hire: same hires, draws;
    # with Windows, the rounds whose types hire alike sort only those they may hire
    rng = np.random.default_rng(seed)
    n, params = 400, JobsParams()
    queues = [JobQueue(n, len(params.jobs), np.random.default_rng(seed)) for _ in range(2)]
    draws = [np.random.default_rng(100 + seed) for _ in range(2)]
    born = -rng.integers(16 * 12, 60 * 12, n)
    hire_from, hire_until = hire_months(params, born, rng.random(n) < 0.5)
    accept = hire_probability(params, rng.random(n) < 0.3, rng.random(n))
    occupied = rng.random(n) < 0.1
    places = np.array([c // 4 for c in params.places])  # few places: vacancies run out
    alike = 0  # rounds whose types with vacancies all hire alike (Windows.blocks)
    for month in range(1, 30):
        joining = np.flatnonzero(rng.random(n) < 0.05)
        u = rng.random(3 * n)
        rows = eligible(month, hire_from, hire_until)
        out = []
        for q, r, fast in zip(queues, draws, (False, True), strict=True):
            q.add_seekers(joining, month, checked=True)
            q.turnover(month, u[:n], u[n : 2 * n], params.separations, np.full(6, 12), 0.5)
            if fast:
                ask = _CountedWindows(hire_from, hire_until) if windows else rows
                if windows:
                    ask.month = month
                got = q.hire_free(month, r, [int(c) for c in places], accept, u[2 * n :],
                                  ask, lambda who: ~occupied[who])  # fmt: skip
                alike += getattr(ask, "alike", 0)
            else:
                got = q.hire(month, r, places.astype(float), accept, rows, checked=True,
                             u=u[2 * n :], free=lambda who: ~occupied[who])  # fmt: skip
            out.append(got)
        for a, b in zip(*out, strict=True):
            np.testing.assert_array_equal(a, b)
        np.testing.assert_array_equal(queues[0].job, queues[1].job)
        assert draws[0].random() == draws[1].random()
    assert queues[0].employed_count.sum() > 0
    assert alike > 3 or not windows


class _CountedWindows(_jobs_plan.Windows):
    """Windows counting the rounds it fills in one go (``blocks`` not None)."""

    __slots__ = ("alike",)

    def blocks(self, who, vacancies, turns):
        done = super().blocks(who, vacancies, turns)
        self.alike = int(done is not None)
        return done


def _run_with_others(reference, monkeypatch, seed=4):
    # jobs beside two schemes that occupy persons (businesses, hog farms) on the small community
    pol = Policy("jobs and others", {"jobs": Schedule(JobsParams()),
                                     "enterprise": Schedule(EnterpriseParams()),
                                     "hogs": Schedule(HogParams())})  # fmt: skip
    sc = Scenario("jobs month test", (pol,), horizon_years=10, demography=MOVING, community=SMALL)
    if reference:
        old = dataclasses.replace(SCHEMES["jobs"], process=reference_process)
        monkeypatch.setitem(SCHEMES, "jobs", old)
    run = simulate(sc, pol, seed=seed)
    if reference:
        monkeypatch.undo()
    return run


def test_the_free_offer_follows_other_schemes_claims(monkeypatch):
    # the month step keeps `offer` zeroed for those another scheme occupies and works it
    # out again only when World.occupancy_changes moved between its steps: with schemes
    # that occupy persons beside it, the bits of the plain step (which asks every month)
    new = _run_with_others(False, monkeypatch)
    old = _run_with_others(True, monkeypatch)
    for a, b in zip(_fingerprint(new), _fingerprint(old), strict=True):
        np.testing.assert_array_equal(a, b)
    assert new.events == old.events
    # planted bug: the cache never sees the other schemes' claims
    monkeypatch.setattr(World, "occupancy_changes", property(lambda self: 0, lambda self, v: None))
    stale = _run_with_others(False, monkeypatch)
    assert not np.array_equal(stale.household_flows, old.household_flows)


@pytest.mark.parametrize("seed", range(8))
def test_windows_hire_in_blocks_as_one_by_one(seed):
    # Windows.blocks (job types with the same hiring ages filled in one go: who they may
    # hire, the first of them in queue order taking the vacancies in turn) against the
    # greedy type-by-type assignment, and None whenever the types with vacancies differ
    rng = np.random.default_rng(seed)
    n, params = 300, JobsParams()
    born = -rng.integers(10 * 12, 60 * 12, n)
    windows = _jobs_plan.Windows(*hire_months(params, born, rng.random(n) < 0.5))
    factories = [j for j, job in enumerate(params.jobs) if not job.public_welfare]
    seen = 0
    for month in range(0, 120, 7):
        windows.month = month
        ordered = rng.permutation(n)[: rng.integers(1, 200)]
        vacancies = [int(rng.integers(0, 30)) for _ in params.jobs]
        if rng.random() < 0.6:  # only the factories hire (same ages): in blocks
            vacancies = [v if j in factories else 0 for j, v in enumerate(vacancies)]
        if not sum(vacancies):
            continue
        turns = rng.permutation(len(params.jobs)).tolist()
        got = windows.blocks(np.sort(ordered), vacancies, turns)  # any order of persons
        taken, _ = _assign_few(windows(ordered), vacancies, turns)
        rows = sorted(taken)
        if any(v and j not in factories for j, v in enumerate(vacancies)):
            assert got is None
            continue
        seen += 1
        can, order = got  # those the types may hire; the first len(order) in queue order
        first = ordered[np.isin(ordered, can)][: len(order)]
        np.testing.assert_array_equal(first, ordered[rows])
        np.testing.assert_array_equal(order[: first.size], [taken[r] for r in rows])
    assert seen > 3


def test_windows_tables_are_the_hiring_ages_month_by_month():
    # Windows.open_to: who a group of job types may hire in a month, from a year's table
    # kept in the dict passed (shared by the runs of a plan), as hire_from <= m < hire_until
    rng = np.random.default_rng(5)
    n, params = 200, JobsParams()
    born = -rng.integers(10 * 12, 60 * 12, n)
    hire_from, hire_until = hire_months(params, born, rng.random(n) < 0.5)
    tables: dict[tuple[int, int], np.ndarray] = {}
    first, again = _jobs_plan.Windows(hire_from, hire_until, tables), None
    for month in range(0, 50):
        for windows in (first, again):
            if windows is None:
                continue
            windows.month = month
            for j in range(len(params.jobs)):
                group = windows._group[j]
                want = (hire_from[:, j] <= month) & (hire_until[:, j] > month)
                np.testing.assert_array_equal(windows.open_to(group), want)
        if month == 20:  # a second run on the same plan reads the kept tables
            again = _jobs_plan.Windows(hire_from, hire_until, tables)
    assert {year for _, year in tables} == {0, 1, 2, 3, 4}
    assert not next(iter(tables.values())).flags.writeable
