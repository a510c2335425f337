"""The engine: conservation, reproducibility, common random numbers, events."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collective_econ.cases.caopijie import default_scenario
from collective_econ.economy.community import CommunityParams, synthesize
from collective_econ.errors import ParameterError
from collective_econ.runs.comparison import compare
from collective_econ.scenario import Scenario
from collective_econ.seeding import as_seed_sequence, child
from collective_econ.simulation import simulate
from collective_econ.testing import assert_conserved

SMALL = CommunityParams(residents=3000, agricultural_residents=1200)


def small(policies=None):
    sc = default_scenario()
    return Scenario("small", policies or sc.policies, community=SMALL, horizon_years=4)


@pytest.mark.parametrize("policy", default_scenario().policy_names)
def test_money_is_conserved_under_every_default_policy(policy):
    run = simulate(small(), policy, seed=3)
    assert_conserved(run)
    assert np.isfinite(run.income).all()


@settings(max_examples=12, deadline=None)
@given(
    policy=st.sampled_from(default_scenario().policy_names),
    share=st.floats(0, 1),
    seed=st.integers(0, 2**32 - 1),
)
def test_money_is_conserved_for_random_policies_and_seeds(policy, share, seed):
    sc = small()
    pol = sc.policy(policy).reform("random", {"land_shares.share_fraction": share})
    run = simulate(sc, pol, seed=seed, horizon_years=2)
    assert_conserved(run)


def test_same_seed_same_results_bit_for_bit():
    a = simulate(small(), "full package", seed=11)
    b = simulate(small(), "full package", seed=11)
    c = simulate(small(), "full package", seed=12)
    assert np.array_equal(a.household_flows, b.household_flows)
    assert np.array_equal(a.institution_flows, b.institution_flows)
    assert not np.array_equal(a.household_flows, c.household_flows)


def test_events_do_not_grow_with_households():
    sc = default_scenario()
    big = Scenario("big", sc.policies, community=CommunityParams(), horizon_years=3)
    little = Scenario("little", sc.policies, community=SMALL, horizon_years=3)
    e_big = simulate(big, "full package", seed=1).events
    e_little = simulate(little, "full package", seed=1).events
    assert e_big == pytest.approx(e_little, rel=0.05)


def test_common_random_numbers_reduce_the_variance_of_paired_differences():
    # The full package against the same without the collective projects: under
    # common random numbers both runs face the same job luck, hog prices,
    # dividends and default, so their difference carries only the projects'
    # own draws; with independent seeds it carries everything.
    sc0 = default_scenario()
    a = sc0.policy("package without collective projects")
    b = sc0.policy("full package")
    sc = Scenario("crn", (a, b), community=SMALL, horizon_years=3)
    reps = 10
    crn = compare(sc, replications=reps, seed=5)
    diff_crn = crn.per_capita[1].mean(axis=(1, 2)) - crn.per_capita[0].mean(axis=(1, 2))
    root = as_seed_sequence(5)
    community = synthesize(sc.community, np.random.default_rng(0), sc.livelihood)
    diffs = []
    for r in range(reps):
        ra = simulate(sc, a, seed=child(root, "a", r), community=community)
        rb = simulate(sc, b, seed=child(root, "b", r), community=community)
        diffs.append(rb.per_capita_income().mean() - ra.per_capita_income().mean())
    assert np.var(diff_crn, ddof=1) > 0
    assert np.var(diffs, ddof=1) >= 5 * np.var(diff_crn, ddof=1)


def test_bad_horizon():
    with pytest.raises(ParameterError, match="horizon_years must be a whole number >= 1"):
        simulate(small(), "cash only", seed=1, horizon_years=0)


@pytest.mark.parametrize("policy", default_scenario().policy_names)
def test_a_run_is_freed_with_its_result_not_at_a_later_gc(policy):
    # simulate closes the processes still waiting at the horizon, whose frames held the
    # world (and its 30 MB household table on the full community) in a reference cycle
    import gc
    import weakref

    gc.disable()
    try:
        run = simulate(small(), policy, seed=5)
        table = run.household_flows
        while isinstance(table.base, np.ndarray):
            table = table.base
        alive = weakref.ref(table)
        del run, table
        assert alive() is None
    finally:
        gc.enable()


def test_households_net_flows_are_the_institutions_with_the_sign_changed():
    # summarize takes the households' yearly total from the institutions' table; their
    # own consumption stays theirs (not a loss)
    from collective_econ.economy.ledger import Source
    from collective_econ.runs.outcomes import summarize

    run = simulate(small(), "full package", seed=9)
    own = run.household_flows[:, Source.CONSUMPTION, :].sum(axis=1)
    assert (own < 0).all()  # households pay for what they consume every year
    direct = run.household_flows.sum(axis=(1, 2)) - own
    # the last year also counts the households' net claims at the horizon (their lines)
    direct[-1] += run.claims[: run.community.n_households].sum()
    scale = np.abs(run.household_flows).sum(axis=(1, 2))
    assert np.all(np.abs(summarize(run).stakeholders[:, 0] - direct) <= 1e-9 * scale)


def test_assert_conserved_catches_a_lost_yuan_and_a_nan():
    import dataclasses

    from collective_econ.testing import money_moved

    run = simulate(small(), "cash only", seed=4, horizon_years=1)
    assert_conserved(run)
    lost = dataclasses.replace(run, ledger_total=1e-8 * money_moved(run))
    with pytest.raises(AssertionError, match="money is not conserved"):
        assert_conserved(lost)
    with pytest.raises(AssertionError):
        assert_conserved(dataclasses.replace(run, ledger_total=float("nan")))
