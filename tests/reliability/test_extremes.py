"""Extremes that are still valid inputs (issue 6): each runs, or is refused clearly.

One household; a one-month horizon and a 100-year one; zero prices; a million
households, whose memory is estimated before anything is allocated: a run
within the budget goes ahead, one above it is refused with a
:class:`~collective_econ.simulation.MemoryBudgetError` naming the gigabytes
needed and the limit.
"""

import dataclasses
import time
import tracemalloc

import numpy as np
import pytest

from collective_econ.cases.caopijie import default_scenario
from collective_econ.economy.community import CommunityParams, from_table
from collective_econ.economy.ledger import INCOME_SOURCES, Source
from collective_econ.errors import CollectiveEconError, MemoryBudgetError, ParameterError
from collective_econ.simulation import (
    MEMORY_LIMIT_ENV,
    check_memory,
    estimate_memory,
    memory_budget,
    simulate,
)

SMALL = CommunityParams(residents=1200, agricultural_residents=700, groups=2)  # 184 farms
POLICIES = default_scenario().policy_names
# 3,200,000 residents in households of 3.8 (farmers) and 2.86 persons: 1,032,389 households
MILLION = CommunityParams(residents=3_200_000, agricultural_residents=1_000_000)


def scenario(community=SMALL, **kw):
    return dataclasses.replace(default_scenario(), community=community, **kw)


def fits(policy, community):
    """``policy`` with as many hog farms as the community can staff (one per household here)."""
    if "hogs" not in policy.schemes:
        return policy
    return policy.reform(policy.name, {"hogs.households": community.n_households})


def assert_sound(run):
    scale = 1.0 + np.abs(run.household_flows).sum() + np.abs(run.institution_flows).sum()
    assert abs(run.ledger_total) <= 1e-9 * scale
    assert np.isfinite(run.income).all()
    assert np.isfinite(run.household_flows).all()
    assert np.isfinite(run.institution_balance).all()


@pytest.fixture(autouse=True)
def _default_memory_limit(monkeypatch):
    monkeypatch.delenv(MEMORY_LIMIT_ENV, raising=False)


# -- one household ------------------------------------------------------------------------------
@pytest.mark.parametrize("name", POLICIES)
def test_a_community_of_one_household(name):
    # a farming family of four in the Jiewei group, 3.2 mu, expropriated in the first month
    one = from_table(
        {"group": [0], "size": [4], "land_mu": [3.2], "expropriation_month": [0]},
        np.random.default_rng(1),
    )
    sc = scenario()
    run = simulate(sc, fits(sc.policy(name), one), seed=4, horizon_years=5, community=one)
    assert_sound(run)
    assert run.income.shape == (5, len(INCOME_SOURCES), 1)
    assert run.household_flows[0, Source.COMPENSATION, 0] > 0
    assert run.per_capita_income().shape == (5, 1)


def test_one_household_is_refused_a_hundred_hog_farms():
    one = from_table(
        {"group": [0], "size": [4], "land_mu": [3.2], "expropriation_month": [0]},
        np.random.default_rng(1),
    )
    with pytest.raises(
        ParameterError, match=r"hogs.households must be <= the community's landless"
    ):
        simulate(scenario(), "shares + hogs", seed=1, community=one)


# -- one month, and a hundred years ---------------------------------------------------------------
@pytest.mark.parametrize("name", POLICIES)
def test_a_one_month_horizon(name):
    run = simulate(scenario(), name, seed=2, horizon_months=1)
    assert_sound(run)
    assert run.income.shape[0] == 1  # January's flows, in the first year's row
    assert run.institution_balance.shape[0] == 1
    assert run.household_flows[0, Source.COMPENSATION].sum() > 0  # the first wave is paid


def test_a_horizon_that_ends_within_a_year():
    run = simulate(scenario(), "full package", seed=2, horizon_months=13)
    assert_sound(run)
    assert run.income.shape[0] == 2
    assert run.institution_balance.shape[0] == 13
    assert run.years.tolist() == [2010, 2011]


def test_horizon_in_years_or_months_not_both():
    with pytest.raises(ParameterError, match="horizon_months must be given alone"):
        simulate(scenario(), "cash only", seed=1, horizon_years=1, horizon_months=1)
    with pytest.raises(ParameterError, match=r"horizon_months must be a whole number >= 1, got 0"):
        simulate(scenario(), "cash only", seed=1, horizon_months=0)


@pytest.mark.parametrize("name", ["cash only", "full package"])
def test_a_hundred_year_horizon(name):
    run = simulate(scenario(), name, seed=3, horizon_years=100)
    assert_sound(run)
    assert run.income.shape[0] == 100
    assert run.years[-1] == 2109
    # no births or deaths: by then every resident draws a pension, and still earns it
    assert np.all(run.total_income()[-1] > -np.inf)
    assert run.total_income()[-1].sum() > 0


# -- zero prices ----------------------------------------------------------------------------------
def zero_prices(params):
    """Every price of ``params`` at 0 where its rule allows, else at 0.01 yuan (> 0 rules)."""
    changes = {}
    for f in dataclasses.fields(params):
        price = ("price" in f.name and not f.name.endswith(("_sd", "_trend"))) or f.name == "adr"
        if price and isinstance(getattr(params, f.name), float):
            changes[f.name] = 0.0 if f.metadata["rule"].test(0.0) else 0.01
    return params.evolve(**changes), changes


def test_zero_prices_run_with_finite_incomes_and_conserved_money():
    sc = scenario()
    full = sc.policy("full package")
    changes, zeroed = {}, {}
    for key, schedule in full.schemes.items():
        params, changed = zero_prices(schedule.base)
        changes |= {f"{key}.{k}": v for k, v in changed.items()}
        zeroed[key] = params
    assert {"hogs.piglet_price", "hogs.feed_price", "tea.spring_price", "tea.summer_price"} <= set(
        changes
    )
    assert changes["hogs.piglet_price"] == 0.0
    assert changes["hogs.hog_price"] == 0.01  # its rule: > 0
    free = full.reform("zero prices", changes)
    run = simulate(sc, free, seed=5, horizon_years=10)
    assert_sound(run)
    # nothing sold at a price of zero: no tea leaf or walnut sales by the collectives
    collectives = run.institution_flows[:, Source.SALES, : run.community.n_groups]
    assert np.all(collectives <= 1e-6)
    # hogs sell for next to nothing: the farms' hog income is at most a few yuan a year
    assert run.income[:, Source.HOGS].sum(axis=1).max() < 1e3


# -- a million households -------------------------------------------------------------------------
def test_a_million_households_for_a_century_is_refused_before_allocating():
    sc = scenario(MILLION)
    tracemalloc.start()
    try:
        with pytest.raises(MemoryBudgetError) as info:
            simulate(sc, "full package", seed=1, horizon_years=100)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    err = info.value
    assert isinstance(err, MemoryError)
    assert isinstance(err, CollectiveEconError)
    assert peak < 20e6  # nothing the size of the community was built
    assert err.needed > 8e9 == err.limit
    assert err.needed == estimate_memory(1_032_389, 3_200_000, 1200, groups=14)
    assert str(err).startswith(
        "a run of 1,032,389 households (3,200,000 persons) over 1200 months needs an "
        f"estimated {err.needed / 1e9:.1f} GB of memory, above the limit of 8.0 GB; "
    )
    assert MEMORY_LIMIT_ENV in str(err)


def test_the_memory_limit_comes_from_the_argument_or_the_environment(monkeypatch):
    sc = scenario(MILLION)
    with pytest.raises(
        MemoryBudgetError, match=r"needs an estimated \d\.\d GB .* limit of 2\.0 GB"
    ):
        simulate(sc, "cash only", seed=1, memory_limit="2GB")
    monkeypatch.setenv(MEMORY_LIMIT_ENV, "500MB")
    with pytest.raises(MemoryBudgetError, match=r"limit of 0\.5 GB"):
        simulate(sc, "cash only", seed=1, horizon_years=1)
    monkeypatch.setenv(MEMORY_LIMIT_ENV, "lots")
    with pytest.raises(ParameterError, match=f"{MEMORY_LIMIT_ENV} must be a positive number"):
        simulate(sc, "cash only", seed=1, horizon_years=1)
    assert memory_budget("inf") == np.inf


def test_the_estimate_covers_the_flows_and_grows_with_the_run():
    h, p = 1_032_389, 3_200_000
    flows = 8 * 20 * len(Source) * h  # (years, sources, households) float64
    est = estimate_memory(h, p, 240)
    assert flows < est < 2 * flows
    assert estimate_memory(h, p, 480) > est > estimate_memory(h // 2, p // 2, 240)
    assert check_memory(h, p, 240) == est  # within the default 8 GB


@pytest.mark.slow  # ~16 s; the refusal and the estimate above run by default
def test_a_million_households_within_the_budget_run_and_stay_within_the_estimate():
    # one month of the full package for 1,032,389 households (3.2 million persons)
    sc = scenario(MILLION)
    estimate = estimate_memory(1_032_389, 3_200_000, 1)
    t0 = time.perf_counter()
    tracemalloc.start()
    try:
        run = simulate(sc, "full package", seed=1, horizon_months=1)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert run.community.n_households == 1_032_389
    assert_sound(run)
    assert peak <= estimate
    assert time.perf_counter() - t0 < 120
