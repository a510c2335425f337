"""The jobs scheme's labour market: current ages, hiring rules, additionality, post closure.

Issue 12 item 2 (review J1-J3, J5): scheme wages stop at 60, 16-year-olds become
eligible, hiring follows each job type's ages and sexes, reserved places that only
displace other workers add nothing for the county's workers as a whole, and
public-welfare posts end with their subsidy unless the policy renews them.
"""

import numpy as np
import pytest
import simpy

from collective_econ.economy.community import CommunityParams, from_table, synthesize
from collective_econ.economy.ledger import Ledger, Source
from collective_econ.economy.livelihood import LivelihoodParams
from collective_econ.economy.population import DemographyParams
from collective_econ.economy.schedule import Schedule
from collective_econ.economy.world import CLOSE_PRIORITY, LateEvent, World, institutions
from collective_econ.errors import ParameterError
from collective_econ.finance import DiscountRates, npv
from collective_econ.policy import Policy
from collective_econ.runs.outcomes import OUTCOMES, STAKEHOLDER_GROUPS, RunView, summarize
from collective_econ.scenario import Scenario
from collective_econ.schemes import scheme_accounts
from collective_econ.schemes.jobs import (
    DEFAULT_JOBS,
    JobsParams,
    JobType,
    appraise,
    casual_fallback,
    outside_earnings,
    process,
)
from collective_econ.simulation import simulate
from collective_econ.testing import assert_conserved

SMALL = CommunityParams(residents=3000, agricultural_residents=1200)
FIRMS = ("brewery", "factories")
FULL = {"additionality": 1.0, "welfare_additionality": 1.0}  # firms' WAGE row = the wage bill

FROZEN = DemographyParams(births=False, deaths=False, migration=False)


def _run(params, *, years, community=None, seed=3):
    schemes = {} if params is None else {"jobs": Schedule(params)}
    pol = Policy("labour", schemes)
    # January birthdays, nobody born, dying or leaving: the ages these tests count with
    # (tests/simulation/test_demography_run.py checks entry and retirement month by month)
    sc = Scenario("labour market test", (pol,), community=SMALL, horizon_years=years,
                  demography=FROZEN)  # fmt: skip
    run = simulate(sc, pol, seed=seed, community=community)
    assert_conserved(run)
    return run


def _bill(run):
    """The firms' scheme wage bill by year (with FULL additionality), yuan."""
    return -sum(run.institution(name)[:, Source.WAGE] for name in FIRMS)


def _singles(ages, female=None):
    """One landless single-person household per age, all losing their land in month 0."""
    n = len(ages)
    table = {"group": [0] * n, "size": [1] * n, "land_mu": [2.0] * n,
             "expropriation_month": [0] * n}  # fmt: skip
    persons = {"household": np.arange(n), "age": np.asarray(ages)}
    if female is not None:
        persons["female"] = np.asarray(female)
    return from_table(table, np.random.default_rng(5), persons=persons)


# -- current ages: retirement at 60, entry at 16 ---------------------------------------------


def test_nobody_aged_60_or_over_draws_a_scheme_wage():
    # 300 landless persons aged 55-59 in 2010 (only the renewed public-welfare posts hire
    # them; factories hire up to 45): over 12 years each retires in the January they turn
    # 60, so the last wages are paid in year 4 (the 59-year-olds of 2010 are 60 in 2011:
    # their wages stop after year 0). With the frozen month-0 ages of the old model, they
    # kept their places to the horizon.
    ages = np.repeat([55, 56, 57, 58, 59], 60)
    params = JobsParams(training_rounds=0, renew_welfare_posts=True, **FULL)
    run = _run(params, years=12, community=_singles(ages))
    bill = _bill(run)
    assert np.all(bill[:5] > 0)
    assert np.all(bill[5:] == 0)
    # each year, the wages match those still under 60: 1,200 or 800 yuan a month at most
    under_60 = np.array([(ages + y < 60).sum() for y in range(12)])
    assert np.all(bill <= 12 * 1_200.0 * under_60 + 1e-6)


def test_a_15_year_old_becomes_eligible_at_16():
    # 40 landless 15-year-olds: no scheme job in 2010, factory places from January 2011
    run = _run(JobsParams(training_rounds=0, **FULL), years=3, community=_singles([15] * 40))
    bill = _bill(run)
    assert bill[0] == 0
    assert bill[1] > 0.5 * 12 * 1_200.0 * 40 * 0.5  # most hired within months
    assert bill[1] <= 12 * 1_200.0 * 40


# -- hiring by age and sex -------------------------------------------------------------------


def _hires(params, community, months=36):
    """Who holds a scheme place at each month end, (months, persons), from the process."""
    env = simpy.Environment()
    book = Ledger(
        community.n_households, institutions(community.n_groups, scheme_accounts()), months
    )
    world = World(env, community, book, months)
    held = np.zeros((months, community.n_persons), dtype=bool)

    def probe():
        while world.now < months:
            yield LateEvent(env, CLOSE_PRIORITY)
            held[world.now] = world.occupied > 0
            book.close_month()
            yield env.timeout(1)

    env.process(process(world, Schedule(params), np.random.default_rng(2)))
    env.process(probe())
    env.run(until=months)
    return held


@pytest.fixture(scope="module")
def mixed():
    """200 landless men and 200 women aged 16-59 in singles."""
    rng = np.random.default_rng(11)
    ages = rng.integers(16, 60, 400)
    return _singles(ages, np.arange(400) % 2 == 1)


def test_factory_places_hire_ages_16_to_45(mixed):
    factory = JobsParams(jobs=(DEFAULT_JOBS[0].evolve(places=60),), training_rounds=0)
    held = _hires(factory, mixed)
    new = held & ~np.vstack([np.zeros((1, held.shape[1]), bool), held[:-1]])
    months, persons = np.nonzero(new)
    age = mixed.age[persons] + months // 12
    assert new.sum() > 90  # month 0's 60 and the places that changed hands
    assert age.max() <= 45
    assert age.min() >= 16
    # the places were filled: there are enough young applicants
    assert held[-1].sum() == 60


def test_public_welfare_posts_hire_the_4050(mixed):
    posts = JobsParams(jobs=(DEFAULT_JOBS[5].evolve(places=60),), training_rounds=0,
                       renew_welfare_posts=True)  # fmt: skip
    held = _hires(posts, mixed)
    who = np.nonzero(held.any(axis=0))[0]
    first = held[:, who].argmax(axis=0)  # hiring month
    age = mixed.age[who] + first // 12
    woman = mixed.female[who]
    assert who.size >= 60
    assert np.all(np.where(woman, age >= 40, age >= 50))
    assert woman.any()
    assert (~woman).any()
    # a planted bug: hiring without the rules would take younger applicants too
    assert (mixed.age < 40).sum() > 100


def test_bad_hiring_ages_are_refused():
    with pytest.raises(ParameterError, match="hire_max_age"):
        JobType(hire_max_age=60)  # not below retire_age 60
    with pytest.raises(ParameterError, match="hire_min_age_female"):
        JobType(hire_min_age_female=15)
    with pytest.raises(ParameterError, match="additionality"):
        JobsParams(additionality=1.5)
    with pytest.raises(ParameterError, match="contract_months"):
        JobType(contract_months=0)


# -- additionality ---------------------------------------------------------------------------


def _county_wage_gain(params, years=4):
    """The county's workers' wage income with the scheme less without.

    Households, the market (casual work) and the outside workers the places displace.
    """
    community = synthesize(SMALL, np.random.default_rng(0))
    with_jobs = _run(params, years=years, community=community)
    without = _run(None, years=years, community=community)

    def workers(run):
        outside = run.institution("market") + run.institution("market:displaced_workers")
        return run.income[:, Source.WAGE].sum(axis=1) + outside[:, Source.WAGE]

    households = with_jobs.income[:, Source.WAGE].sum(axis=1) - without.income[:, Source.WAGE].sum(
        axis=1
    )
    return workers(with_jobs) - workers(without), households, with_jobs


def test_additionality_zero_removes_the_county_wide_gain():
    # untrained workers: the displaced would have earned the same wages
    none = JobsParams(additionality=0.0, welfare_additionality=0.0)
    gain, households, _ = _county_wage_gain(none.evolve(training_rounds=0))
    assert np.all(households > 1e5)  # the landless still gain: the displaced lose as much
    np.testing.assert_allclose(gain, 0.0, atol=1e-6 * households.max())
    # trained workers: the county's workers gain the training uplift only (the displaced
    # lose the untrained wage), what the firms do not get back from them
    gain, _, run = _county_wage_gain(none)
    assert np.all(gain[1:] > 0)
    np.testing.assert_allclose(gain, _bill(run), rtol=1e-9)


def test_the_county_gains_the_additional_share():
    # untrained workers (no training rounds): the displaced lose the wages paid
    params = JobsParams(additionality=0.4, welfare_additionality=0.4, training_rounds=0)
    gain, _, run = _county_wage_gain(params)
    bill = -sum(run.institution(n)[:, Source.WAGE] for n in FIRMS) / 0.4
    np.testing.assert_allclose(gain, 0.4 * bill, rtol=1e-9)
    # the appraisal shares the formula
    a = appraise(params, horizon_years=3).items
    np.testing.assert_allclose(a["county_wage_gain"], 0.4 * a["wages"])


# -- the displaced outside workers: their own account and stakeholder group ------------------


def _alone(params, community, months=24):
    """The jobs process alone on a ledger (no household economy, no other scheme).

    The households' WAGE flows are then the reserved places' wages and nothing else.
    """
    env = simpy.Environment()
    book = Ledger(
        community.n_households, institutions(community.n_groups, scheme_accounts()), months
    )
    world = World(env, community, book, months)

    def close():
        while world.now < months:
            yield LateEvent(env, CLOSE_PRIORITY)
            book.close_month()
            yield env.timeout(1)

    env.process(process(world, Schedule(params), np.random.default_rng(2)))
    env.process(close())
    env.run(until=months)
    return book


@pytest.mark.parametrize("a", [0.25, 1.0, 0.0])
def test_the_displaced_workers_pay_the_wages_they_lose(a):
    # factory places only (1,200 yuan, ages 16-45), untrained, additionality a: the outside
    # workers' account pays the employers (1 - a) x the reserved factory wages (all the
    # households' wages here) and the market pays it the casual work they fall back on,
    # (1 - a) x the wages x fallback / 1,200; the market buys the new output a x the wages
    factory = JobsParams(jobs=DEFAULT_JOBS[:3], training_rounds=0, additionality=a)
    community = synthesize(SMALL, np.random.default_rng(0))
    book = _alone(factory, community)
    reserved = book.household_flows[:, Source.WAGE].sum(axis=1)  # by year
    assert np.all(reserved > 1e5)
    fallback = casual_fallback(factory, LivelihoodParams())
    assert np.all(fallback == fallback[0])
    assert 300 < fallback[0] < 400
    share = fallback[0] / 1_200.0

    def flows(name):
        return book.institution_flows[:, :, book.account(name) - community.n_households]

    outside, market = flows("market:displaced_workers"), flows("market")
    np.testing.assert_allclose(outside[:, Source.WAGE], -(1.0 - a) * (1.0 - share) * reserved,
                               rtol=1e-12, atol=1e-6)  # fmt: skip
    assert np.all(np.delete(outside, Source.WAGE, axis=1) == 0)  # wages only
    np.testing.assert_allclose(market[:, Source.WAGE], -(1.0 - a) * share * reserved,
                               rtol=1e-12, atol=1e-6)  # fmt: skip
    np.testing.assert_allclose(market[:, Source.SALES], -a * reserved, rtol=1e-12, atol=1e-6)
    if a == 1.0:  # every place a net new job: nobody displaced, exactly
        assert np.all(outside == 0)
    assert abs(book.total()) <= 1e-9 * np.abs(reserved).sum()  # every yuan between two


def test_the_displaced_workers_are_a_stakeholder_group_of_the_run():
    # in a whole simulation the group other_workers carries the account's flows, 0 with
    # full additionality, -(1 - a) x the reserved wages less the casual work they fall back
    # on (the firms' net WAGE being -a x the wages) at a = 0.25, and its NPV at the social
    # rate
    community = synthesize(SMALL, np.random.default_rng(0))
    j = STAKEHOLDER_GROUPS.index("other_workers")
    factory = JobsParams(jobs=DEFAULT_JOBS[:3], training_rounds=0)
    full = summarize(_run(factory.evolve(**FULL), years=3, community=community))
    assert np.all(full.stakeholders[:, j] == 0)
    run = _run(factory.evolve(additionality=0.25), years=3, community=community)
    groups = summarize(run).stakeholders
    reserved = -sum(run.institution(n)[:, Source.WAGE] for n in FIRMS) / 0.25
    assert np.all(reserved > 1e5)
    share = casual_fallback(factory, LivelihoodParams())[0] / 1_200.0
    np.testing.assert_allclose(groups[:, j], -0.75 * (1.0 - share) * reserved, rtol=1e-9)
    displaced = run.institution("market:displaced_workers").sum(axis=1)
    np.testing.assert_allclose(groups[:, j], displaced)
    # money conserved: the groups' flows sum to zero every year
    np.testing.assert_allclose(groups.sum(axis=1), 0.0, atol=1e-6 * reserved.max())
    rate = DiscountRates().of("other_workers")
    assert rate == DiscountRates().social
    view = RunView(run, summarize(run))
    assert OUTCOMES["npv_other_workers"].function(view) == pytest.approx(
        npv(rate, groups[:, j]), rel=1e-12
    )


# -- public-welfare posts and their subsidy --------------------------------------------------


def test_welfare_posts_end_with_their_subsidy_unless_renewed():
    posts = JobsParams(jobs=DEFAULT_JOBS[3:], training_rounds=0, **FULL)
    community = synthesize(SMALL, np.random.default_rng(0))
    ended = _run(posts, years=6, community=community)
    renewed = _run(posts.evolve(renew_welfare_posts=True), years=6, community=community)
    gov_ended = ended.institution("government")[:, Source.OPERATIONS]
    gov_renewed = renewed.institution("government")[:, Source.OPERATIONS]
    # the subsidy, and the posts, for 3 years (domain-reference.md §6)
    assert np.all(_bill(ended)[:3] > 0)
    assert np.all(_bill(ended)[3:] == 0)
    assert np.all(gov_ended[:3] < 0)
    assert np.all(gov_ended[3:] == 0)
    # renewed: posts and their fiscal cost continue, 90% of the wages
    assert np.all(_bill(renewed) > 0)
    np.testing.assert_allclose(-gov_renewed[3:], 0.9 * _bill(renewed)[3:], rtol=1e-9)
    a = appraise(posts.evolve(renew_welfare_posts=True), horizon_years=5).items
    assert np.all(a["wage_subsidy"] > 0)
    assert np.all(appraise(posts, horizon_years=5).items["wage_subsidy"][3:] == 0)


def test_contracts_are_recompeted():
    # with no renewal, every place changes hands at least once a contract
    params = JobsParams(jobs=(DEFAULT_JOBS[0].evolve(places=30, separation_month=0.0),),
                        training_rounds=0, contract_renewal=0.0)  # fmt: skip
    community = synthesize(SMALL, np.random.default_rng(0))
    held = _hires(params, community, months=30)
    # month 0 holders lose their places at month 24 (back of a long queue)
    first = held[0]
    assert first.sum() == 30
    assert held[23][first].sum() == 30
    assert held[24][first].sum() < 10
    assert held[24].sum() == 30


def test_the_displaced_fall_back_on_the_livelihoods_casual_work():
    # the fallback acts: the run's casual wage (LivelihoodParams, the households' own rule)
    # sets what the displaced earn instead; with no casual work they lose (1 - a) x the
    # untrained wages, which the firms get back (their net WAGE is -a x the wages)
    community = synthesize(SMALL, np.random.default_rng(0))
    factory = JobsParams(jobs=DEFAULT_JOBS[:3], training_rounds=0)
    pol = Policy("labour", {"jobs": Schedule(factory)})
    lost = {}
    for wage in (0.0, 740.0, 1_000.0):
        sc = Scenario(
            "labour market test",
            (pol,),
            community=SMALL,
            horizon_years=2,
            demography=FROZEN,
            livelihood=LivelihoodParams(casual_wage_month=wage),
        )
        run = simulate(sc, pol, seed=3, community=community)
        assert_conserved(run)
        lost[wage] = run.institution("market:displaced_workers").sum(axis=1)
        if wage == 0.0:
            np.testing.assert_allclose(lost[wage], -0.75 / 0.25 * _bill(run), rtol=1e-9)
    assert np.all(lost[0.0] < lost[740.0])
    assert np.all(lost[740.0] < lost[1_000.0])
    assert np.all(lost[1_000.0] < 0)


def test_the_appraisals_displaced_fall_back_on_the_households_outside_earnings():
    # the appraisal charges (1 - a) x (untrained wage - outside_earnings) a worker-month:
    # the same outside earnings its households' baseline counts (outside_wage_month x
    # (1 - baseline_unemployment)); the training uplift is the landless workers' own
    p = JobsParams(jobs=DEFAULT_JOBS[:3])  # factory places: 1,200 yuan a month each
    a = appraise(p, horizon_years=5).items
    gross = a["displaced_wages"] + a["displaced_fallback"]
    assert np.all(a["displaced_fallback"] > 0)
    np.testing.assert_allclose(a["displaced_fallback"] / gross, outside_earnings(p) / 1_200.0,
                               rtol=1e-12)  # fmt: skip
    higher = appraise(p.evolve(outside_wage_month=900.0), horizon_years=5).items
    assert np.all(higher["displaced_wages"] < a["displaced_wages"])
    assert np.all(a["displaced_wages"] < appraise(p.evolve(training_wage_uplift=0.0),
                                                  horizon_years=5).items["wages"])  # fmt: skip
