"""Marriage moves, in-migration, demography uncertainties, and pensions that stop at death."""

from __future__ import annotations

import dataclasses
import functools

import numpy as np
import pytest

from collective_econ.distributions import Uniform
from collective_econ.distributions.uncertainty import Uncertainty
from collective_econ.economy.community import Community, CommunityParams, synthesize
from collective_econ.economy.ledger import Source
from collective_econ.economy.population import NEVER, DemographyParams, draw_history
from collective_econ.economy.schedule import Schedule
from collective_econ.errors import ParameterError
from collective_econ.policy import Policy
from collective_econ.runs import ExperimentSpec, run_experiment
from collective_econ.scenario import Scenario
from collective_econ.schemes import LandPensionParams
from collective_econ.schemes.land_pension import pension_age
from collective_econ.simulation import RunResult, simulate
from collective_econ.testing import assert_conserved

MONTHS = 1_200
SMALL = CommunityParams(residents=3_000, agricultural_residents=1_200)


@pytest.fixture(scope="module")
def community() -> Community:
    return synthesize(CommunityParams(), np.random.default_rng(2010))


@pytest.fixture(scope="module")
def married(community: Community):  # a century with marriage, no migration (clear spells)
    return draw_history(
        community, DemographyParams(migration=False), MONTHS, np.random.default_rng(7)
    )


# -- marriage moves ---------------------------------------------------------------------------


def test_only_women_move_at_marriage_at_marriageable_ages(married) -> None:
    h = married
    left = h.leaves < NEVER
    brides = h.arrives > h.born
    assert left.sum() > 2_000
    assert brides.sum() > 2_000
    # the sex ratio of movers: every one is a woman
    assert h.female[left].all()
    assert h.female[brides].all()
    age_left = (h.leaves[left] - h.born[left]) / 12
    age_in = (h.arrives[brides] - h.born[brides]) / 12
    for ages in (age_left, age_in):
        assert ages.min() >= 20.0  # the legal minimum
        assert ages.max() <= 45.0 + 1 / 12  # the cap
        assert 22.0 < ages.mean() < 25.0  # mean 23 (a lognormal excess over 20)
    assert (h.dies[left] == h.leaves[left]).all()  # the natal slot ends at marriage
    assert (h.mother[brides] == -1).all()


def test_each_bride_enters_a_household_with_a_man_marrying_then(married) -> None:
    h = married
    brides = np.flatnonzero(h.arrives > h.born)
    sample = brides[:: max(brides.size // 300, 1)]
    for b in sample:
        m, hh = int(h.arrives[b]), h.household[b]
        age = h.ages_at(m)
        men = (h.household == hh) & ~h.female & h.alive(m) & (age >= 22) & (age <= 45)
        assert men.any(), (b, m)
    # brides are present from their arrival only, and away (not alive) before it
    b = sample[0]
    m = int(h.arrives[b])
    assert h.present(m)[b]
    assert not h.present(m - 1)[b]
    assert not h.alive(m - 1)[b]


def test_a_marriage_inside_the_community_moves_the_woman_between_households(married) -> None:
    h = married
    brides = np.flatnonzero(h.origin >= 0)
    assert brides.size > 500
    natal = h.origin[brides]
    m = h.arrives[brides]
    assert (h.leaves[natal] == m).all()  # she leaves the month she arrives
    assert (h.born[natal] == h.born[brides]).all()
    assert (h.skill[natal] == h.skill[brides]).all()
    assert (h.household[natal] != h.household[brides]).all()
    # never counted twice, never lost: present in exactly one of her two slots
    for k in range(0, brides.size, max(brides.size // 40, 1)):
        for month in (int(m[k]) - 1, int(m[k]), int(m[k]) + 6):
            both = h.present(month)[[natal[k], brides[k]]]
            alive = h.born[natal[k]] <= month < h.dies[brides[k]]
            assert both.sum() == int(alive)


def test_children_are_born_to_married_women_in_the_husbands_household(married) -> None:
    h = married
    kids = np.flatnonzero(h.mother >= 0)
    mom = h.mother[kids]
    assert (h.leaves[mom] == NEVER).all()  # no birth in a natal slot its mother leaves
    assert (h.household[kids] == h.household[mom]).all()
    from_brides = (h.arrives[mom] > h.born[mom]).mean()
    assert from_brides > 0.5  # in a century most mothers married in


def test_brides_from_outside_balance_the_daughters_who_marry_out(community: Community) -> None:
    counts = {}
    for exchange in (1.0, 0.0):
        p = DemographyParams(migration=False, bride_exchange=exchange)
        h = draw_history(community, p, MONTHS, np.random.default_rng(3))
        outside = int(((h.arrives > h.born) & (h.origin < 0)).sum())
        out = int((h.leaves < NEVER).sum()) - int((h.origin >= 0).sum())
        counts[exchange] = (outside, out, int(h.present(MONTHS - 1).sum()))
    outside, out, pop = counts[1.0]
    assert abs(outside - out) <= 0.03 * out, counts
    assert counts[0.0][0] == 0  # no brides from outside: the community loses its daughters
    assert counts[0.0][2] < 0.5 * pop


def test_a_century_with_marriage_stays_near_the_closed_projection(community: Community) -> None:
    # exchange 1: as many brides come in as daughters leave, and marital fertility keeps
    # the TFR, so the century ends within 10% of the closed population (births and deaths
    # only: 7,259-7,769 over 8 seeds, tests/economy/test_population.py)
    closed = DemographyParams(migration=False, marriage=False)
    sizes = {}
    for name, p in (("closed", closed), ("married", closed.evolve(marriage=True))):
        runs = [draw_history(community, p, MONTHS, np.random.default_rng(s)) for s in (1, 2)]
        sizes[name] = np.mean([h.present(MONTHS - 1).sum() for h in runs])
    assert abs(sizes["married"] / sizes["closed"] - 1) < 0.10, sizes


def test_marital_fertility_keeps_the_period_tfr() -> None:
    p = DemographyParams()
    rules = p.marriage_rules()
    assert rules is not None
    from collective_econ.economy._marriage import marital_rates, married_share

    rates = marital_rates(p.asfr(), 15, rules)
    ages = 15 + np.arange(35)[:, None] + (np.arange(12) + 0.5)[None, :] / 12
    m = rules.ever_female * married_share(ages.ravel(), 23.0, 20.0, 3.0).reshape(ages.shape)
    assert float((m.mean(axis=1) * rates).sum()) == pytest.approx(p.tfr)
    assert rates[:5].max() == 0.0  # nobody married below the legal age


def test_split_at_marriage_is_refused_with_one_clear_error() -> None:
    with pytest.raises(ParameterError, match="split_at_marriage") as err:
        DemographyParams(split_at_marriage=True)
    assert "month-0 rows" in str(err.value)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("marriage_age_female", 19.0),
        ("marriage_age_male", 21.0),
        ("marry_within", 1.5),
        ("ever_married_male", -0.1),
        ("bride_exchange", -1.0),
        ("in_migration_rate", 0.5),
        ("in_migration_ages", (40, 16)),
    ],
)
def test_bad_marriage_values_raise_one_parameter_error(field: str, value: object) -> None:
    with pytest.raises(ParameterError, match=field):
        DemographyParams(**{field: value})


def test_frozen_populations_neither_marry_nor_take_in_migrants(community: Community) -> None:
    off = DemographyParams(births=False, deaths=False, migration=False)
    assert off.marriage_rules() is None
    h = draw_history(community, off, 240, np.random.default_rng(1))
    assert h.n_slots == community.n_persons
    with pytest.raises(ParameterError, match="in_migration_rate"):
        off.evolve(in_migration_rate=0.01)


# -- in-migration -----------------------------------------------------------------------------


def test_in_migrants_are_working_age_and_join_month0_households(community: Community) -> None:
    p = DemographyParams(in_migration_rate=0.004)
    h = draw_history(community, p, 240, np.random.default_rng(5))
    men = np.flatnonzero((h.arrives > h.born) & ~h.female)  # brides are women: in-migrants
    expected = 0.004 * community.n_persons * 20 / 2  # half of them men
    assert abs(men.size - expected) < 5 * np.sqrt(expected)
    age = (h.arrives[men] - h.born[men]) // 12
    assert age.min() >= 16
    assert age.max() <= 40
    assert (community.size[h.household[men]] > 0).all()
    assert h.present(239)[men].sum() > 0
    none = draw_history(community, DemographyParams(), 240, np.random.default_rng(5))
    assert not ((none.arrives > none.born) & ~none.female).any()


# -- uncertainties over demography ------------------------------------------------------------


def test_an_uncertainty_over_the_tfr_changes_outcomes() -> None:
    from collective_econ.cases.caopijie import default_scenario

    sc = dataclasses.replace(default_scenario(), community=SMALL, horizon_years=15)
    tfr = Uncertainty("demography.tfr", Uniform(low=0.5, high=3.0), source="test")
    Scenario(sc.name, sc.policies, community=SMALL, uncertainties=(tfr,))  # accepted
    spec = ExperimentSpec(
        policies=("cash only",),
        uncertainties=(tfr,),
        design="given",
        values=((0.5,), (3.0,)),
        common_seeds=True,
        seed=4,
    )
    res = run_experiment(sc, spec)
    low, high = (float(v) for v in res.sel("mean_income_total")[0, :, 0])
    assert high < low  # more children, same earners: less income per person
    bad = Uncertainty("demography.tfr", Uniform(low=5.0, high=12.0))
    too_high = dataclasses.replace(spec, uncertainties=(bad,), values=((12.0,),))
    with pytest.raises(ParameterError, match="tfr"):
        run_experiment(sc, too_high)
    typo = Uncertainty("demography.tfx", Uniform(low=1.0, high=2.0))
    with pytest.raises(ParameterError, match="DemographyParams"):
        Scenario(sc.name, sc.policies, uncertainties=(typo,))


# -- the landless pension stops at death ------------------------------------------------------


@functools.cache
def _pension_runs() -> tuple[RunResult, RunResult, LandPensionParams]:
    p = LandPensionParams(pension_indexation="prices")  # a constant real pension
    runs = []
    for schemes in ({}, {"land_pension": p}):
        pol = Policy("pension", {k: Schedule(v) for k, v in schemes.items()})
        sc = Scenario("pension", (pol,), community=SMALL, demography=DemographyParams())
        runs.append(simulate(sc, pol, seed=3, horizon_years=20))
    return runs[0], runs[1], p


def test_the_landless_pension_stops_at_the_recipients_death() -> None:
    base, run, p = _pension_runs()
    assert_conserved(run)
    pop, c = run.population, run.community
    wave = c.expropriation_month[pop.household]
    enrol_age = np.where(wave >= 0, (np.maximum(wave, 0) - pop.born) // 12, -1)
    alive_at_wave = (pop.arrives <= wave) & (wave < pop.dies)
    enrolled = (wave >= 0) & alive_at_wave & (enrol_age >= p.enrolment_age)
    due = pension_age(p, pop.female)
    months = 12 * 20
    expected = np.zeros((20, c.n_households))
    ignoring_death = np.zeros((20, c.n_households))
    for m in range(months):
        drawing = enrolled & (wave <= m) & ((m - pop.born) // 12 >= due)
        expected[m // 12] += np.bincount(
            pop.household, weights=p.pension_month * (drawing & pop.alive(m)),
            minlength=c.n_households,
        )  # fmt: skip
        ignoring_death[m // 12] += np.bincount(
            pop.household, weights=p.pension_month * drawing, minlength=c.n_households
        )
    got = run.household_flows[:, Source.PENSION] - base.household_flows[:, Source.PENSION]
    np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-6)
    # deaths happen among recipients: a pension paid on after death would be caught
    dead_recipients = enrolled & (pop.dies < months) & ((pop.dies - 1 - pop.born) // 12 >= due)
    assert dead_recipients.sum() > 20
    assert ignoring_death.sum() > expected.sum() + 20 * p.pension_month * 12


def test_a_run_with_marriage_and_in_migration_conserves_money() -> None:
    pol = Policy("pension", {"land_pension": Schedule(LandPensionParams())})
    demo = DemographyParams(in_migration_rate=0.002)
    sc = Scenario("moves", (pol,), community=SMALL, demography=demo)
    run = simulate(sc, pol, seed=5, horizon_years=10)
    assert_conserved(run)
    h = run.population
    assert (h.arrives > h.born).any()
    assert (h.leaves < NEVER).any()
    assert np.isfinite(run.income).all()
