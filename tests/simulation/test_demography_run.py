"""Simulations live in the run's population: births, deaths, migration and ageing by month.

Issue 12 item 1: every process reads persons from the world's
:class:`~collective_econ.economy.population.PopulationHistory`, not from the
month-0 community.
"""

import dataclasses
import importlib.util
import time
from pathlib import Path

import numpy as np
import pytest

from collective_econ.cases.caopijie import default_scenario
from collective_econ.economy.community import CommunityParams, from_table
from collective_econ.economy.ledger import Source
from collective_econ.economy.livelihood import LivelihoodParams
from collective_econ.economy.population import DemographyParams
from collective_econ.economy.schedule import Schedule
from collective_econ.policy import Policy
from collective_econ.runs.executors import process_pool
from collective_econ.scenario import Scenario
from collective_econ.schemes.jobs import JobsParams, JobType
from collective_econ.simulation import simulate

SMALL = CommunityParams(residents=3_000, agricultural_residents=1_200)
FROZEN = DemographyParams(births=False, deaths=False, migration=False)
CLOSED = DemographyParams(migration=False)
CENTURY = 100


def _population_tests():
    """The demography tests' cohort-component projection (tests/economy/test_population.py)."""
    path = Path(__file__).resolve().parents[1] / "economy" / "test_population.py"
    spec = importlib.util.spec_from_file_location("_population_tests", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _scenario(demography=None, community=SMALL, years=20):
    base = default_scenario()
    demography = DemographyParams() if demography is None else demography
    return dataclasses.replace(
        base, community=community, horizon_years=years, demography=demography
    )


@pytest.fixture(scope="module")
def century():
    """100 years of "80% shares" on the default community (25,000 persons), migration off
    (the band's premise: the population tests' projection has no migration). About 8 s."""
    sc = _scenario(CLOSED, community=CommunityParams(), years=CENTURY)
    t = time.perf_counter()
    run = simulate(sc, "80% shares", seed=11)
    assert time.perf_counter() - t < 60
    return run


@pytest.fixture(scope="module")
def twenty():
    """20 years of "cash only" with the default demography (migration on)."""
    return simulate(_scenario(), "cash only", seed=12)


def test_a_century_keeps_the_population_in_the_band_the_table_and_tfr_imply(century):
    pop, months = century.population, 12 * CENTURY
    expected = _population_tests().expected_population(century.community, CLOSED, months)
    got = int(pop.present(months - 1).sum())
    assert 0.92 * expected <= got <= 1.08 * expected, (got, expected)
    assert got < 0.6 * century.community.n_persons  # below replacement: it shrinks
    # the per-capita divisor is that population: last year's mean persons present
    assert century.persons_by_year[-1].sum() == pytest.approx(got, rel=0.03)
    assert abs(century.ledger_total) < 1e-3  # money conserved over a century


def test_a_small_community_century_with_migration_conserves_money():
    run = simulate(_scenario(years=CENTURY), "full package", seed=1)
    start, end = run.persons_by_year[0].sum(), run.persons_by_year[-1].sum()
    assert 0.05 * start < end < 0.5 * start  # below replacement, and the young leave
    assert abs(run.ledger_total) < 1e-3


def test_nobody_dead_or_away_earns_wages_or_pensions(century):
    income, persons = century.income, century.persons_by_year
    alive = np.zeros_like(persons)
    pop = century.population
    for y in range(persons.shape[0]):  # persons alive (home or away) in the year
        months_alive = np.clip(np.minimum(pop.dies, 12 * y + 12) - np.maximum(pop.born, 12 * y),
                               0, 12)  # fmt: skip
        alive[y] = np.bincount(pop.household, months_alive, persons.shape[1])
    empty = persons == 0  # nobody at home all year
    gone = alive == 0  # nobody alive all year
    assert empty.sum() > 100  # a century empties many households
    assert gone.sum() > 100
    assert np.all(income[:, Source.WAGE][empty] == 0)
    assert np.all(income[:, Source.PENSION][gone] == 0)
    # the same households earned wages and pensions while their members lived
    ever = gone.any(axis=0)
    assert income[:, Source.WAGE, ever].sum() > 0
    assert income[:, Source.PENSION, ever].sum() > 0
    # and their per-person income is left out, not divided by zero
    per_capita = century.per_capita_income(landless_only=False)
    assert np.all(np.isfinite(per_capita))
    assert np.all(per_capita[empty] == 0)


def test_remittances_arrive_only_while_a_member_is_away(twenty):
    pop = twenty.population
    months = 12 * 20
    expected = np.zeros((20, twenty.community.n_households))
    for m in range(months):
        expected[m // 12] += pop.remittances(m)
    got = twenty.income[:, Source.REMITTANCE]
    np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-6)
    away = np.zeros(expected.shape, dtype=bool)
    for m in range(months):
        away[m // 12] |= np.bincount(pop.household[pop.away(m)], minlength=away.shape[1]) > 0
    assert got[away].min() > 0
    assert np.all(got[~away] == 0)
    assert away.sum() > 100


def test_newborns_add_person_slots_and_change_household_sizes(twenty):
    pop = twenty.population
    assert pop.n_slots > pop.n_initial  # births
    assert not np.allclose(twenty.persons_by_year, twenty.community.size)


def _one_job_policy():
    job = JobType(
        name="factory", places=10, wage_month=1_000.0, separation_month=0.0,
        hire_min_age_male=16, hire_min_age_female=16, hire_max_age=59, retire_age=60,
        contract_months=600,
    )  # fmt: skip
    params = JobsParams(jobs=(job,), base_hire_probability=1.0, skill_hire_slope=0.0,
                        training_rounds=0)  # fmt: skip
    return Policy("one job", {"jobs": Schedule(params)})


def _two_persons():
    """Household 0: one person aged 59 at month 0; household 1: one aged 15."""
    return from_table(
        {"group": [0, 0], "size": [1, 1], "land_mu": [1.0, 1.0], "expropriation_month": [0, 0]},
        np.random.default_rng(1),
        persons={"household": [0, 1], "age": [59, 15]},
    )


def test_scheme_wages_stop_at_60_and_start_at_16():
    # nobody dies before 100 here, nobody is born or leaves; birthdays spread over the year
    immortal = DemographyParams(
        qx_male=(0.0,) * 100 + (1.0,), qx_female=(0.0,) * 100 + (1.0,),
        births=False, migration=False,
    )  # fmt: skip
    idle = LivelihoodParams(
        employment_by_age=(0.0, 0.0, 0.0), offfarm_work_before=0.0, urban_employment=0.0
    )
    pol = _one_job_policy()
    sc = Scenario("ages", (pol,), livelihood=idle, demography=immortal, horizon_years=3)
    community = _two_persons()
    months = 30
    paid = np.zeros((months, 2))
    cumulative = np.zeros(2)
    for m in range(months):  # the same path to every horizon: month m's wages by difference
        run = simulate(sc, pol, seed=5, community=community, horizon_months=m + 1)
        total = run.income[:, Source.WAGE].sum(axis=0)
        paid[m], cumulative = total - cumulative, total
    pop = run.population
    turns_60 = int(pop.born[0] + 12 * 60)
    turns_16 = int(pop.born[1] + 12 * 16)
    assert 0 < turns_60 < months
    assert 0 < turns_16 < months
    assert np.all(paid[:turns_60, 0] > 0)  # the 59-year-old works until 60
    assert np.all(paid[turns_60:, 0] == 0)
    assert np.all(paid[:turns_16, 1] == 0)  # the 15-year-old from 16, that month
    assert np.all(paid[turns_16:, 1] > 0)


def _run_in_child(scenario, policy, seed):
    run = simulate(scenario, policy, seed=seed)
    return run.income, run.persons_by_year, run.population.born


def test_same_seed_same_bits_on_the_serial_and_process_executors():
    sc = _scenario(years=5)
    here = _run_in_child(sc, "full package", 3)
    with process_pool(1) as ex:
        there = ex.submit(_run_in_child, sc, "full package", 3).result()
    for a, b in zip(here, there, strict=True):
        assert np.array_equal(a, b)
    other = _run_in_child(sc, "full package", 4)
    assert not np.array_equal(here[2], other[2])


def test_every_policy_of_a_replication_lives_in_the_same_population():
    sc = _scenario(years=3)
    a, b = (simulate(sc, p, seed=8) for p in ("cash only", "full package"))
    assert np.array_equal(a.population.dies, b.population.dies)
    assert np.array_equal(a.persons_by_year, b.persons_by_year)
    assert abs(b.ledger_total) < 1e-4


def test_frozen_population_is_the_month_0_households_ageing():
    run = simulate(_scenario(FROZEN, years=3), "cash only", seed=2)
    assert run.population.static
    assert np.array_equal(run.persons_by_year, np.tile(run.community.size, (3, 1)))
    assert not run.income[:, Source.REMITTANCE].any()
    np.testing.assert_array_equal(
        run.per_capita_income(landless_only=False), run.total_income() / run.community.size
    )
