"""The contract of schemes/base.py, checked for every registered scheme.

Each scheme in :data:`~collective_econ.schemes.SCHEMES` must: give an expected
appraisal (``rng=None``) that is the mean of its random ones; give the same
random flows for the same seed (and other flows for another); and, run in a
short simulation, move money only through the ledger (every yuan paid is
received). A new scheme is checked here as soon as it is registered.
"""

from __future__ import annotations

import functools

import numpy as np
import pytest

from collective_econ.economy.community import CommunityParams
from collective_econ.economy.schedule import Schedule
from collective_econ.policy import Policy
from collective_econ.scenario import Scenario
from collective_econ.schemes import SCHEMES
from collective_econ.schemes.base import STAKEHOLDERS, Appraisal, Stakeholder
from collective_econ.simulation import RunResult, simulate
from collective_econ.testing import assert_conserved

NAMES = list(SCHEMES)
DRAWS = 1_000
"""Random appraisals per scheme for the mean test."""
SMALL = CommunityParams(residents=3000, agricultural_residents=1200)
"""A community large enough for every scheme's default size (the hog scheme's 100 farms)."""
YEARS = 3


def _before_financing(a: Appraisal) -> np.ndarray:
    """Flows per stakeholder over the horizon, a collective project's financing netted out.

    A collective project financed by :func:`~collective_econ.economy.collective.finance_plan`
    (its items ``loan_*``, ``loan_unfunded`` among them) borrows what cash lacks within a
    limit: not linear in the flows, so the mean of financed random paths is not the financing
    of the mean. Its loans move money only between the collective and the bank, so the two
    together have the flows before financing, which must keep the property.
    """
    flows = a.flows.sum(axis=-1)
    if "loan_unfunded" in a.items:
        col, bank = (
            STAKEHOLDERS.index(Stakeholder.COLLECTIVE),
            STAKEHOLDERS.index(Stakeholder.BANK),
        )
        flows[..., col] += flows[..., bank]
        flows[..., bank] = 0.0
    return flows


@pytest.mark.parametrize("name", NAMES)
def test_expected_appraisal_is_the_mean_of_random_ones(name):
    # over the horizon, per stakeholder: the Monte Carlo mean of the random paths is within
    # 4.5 standard errors of the expected flows (random events enter as probability x loss);
    # a collective project's loans are compared before financing (_before_financing)
    scheme = SCHEMES[name]
    params = scheme.params_type()
    expected = _before_financing(scheme.appraise(params))
    children = np.random.SeedSequence(2010).spawn(DRAWS)
    rngs = (np.random.default_rng(c) for c in children)
    draws = np.stack([_before_financing(scheme.appraise(params, rng=rng)) for rng in rngs])
    mean, se = draws.mean(axis=0), draws.std(axis=0) / np.sqrt(DRAWS)
    tolerance = 4.5 * se + 1.0 + 1e-6 * np.abs(expected).max()
    assert np.all(np.abs(mean - expected) <= tolerance), (mean - expected, se)


@pytest.mark.parametrize("name", NAMES)
def test_same_seed_same_flows(name):
    scheme = SCHEMES[name]
    params = scheme.params_type()
    a = scheme.appraise(params, rng=np.random.default_rng(42))
    b = scheme.appraise(params, rng=np.random.default_rng(42))
    c = scheme.appraise(params, rng=np.random.default_rng(43))
    np.testing.assert_array_equal(a.flows, b.flows)
    assert a.items.keys() == b.items.keys()
    for key in a.items:
        np.testing.assert_array_equal(a.items[key], b.items[key])
    assert not np.array_equal(a.flows, c.flows), "a scheme's random path depends on its seed"


def _run(schemes: tuple[str, ...]) -> RunResult:
    pol = Policy("contract", {n: Schedule(SCHEMES[n].params_type()) for n in schemes})
    return simulate(
        Scenario("contract test", (pol,), community=SMALL), pol, seed=7, horizon_years=YEARS
    )


@functools.cache
def _without_schemes() -> RunResult:
    return _run(())


@pytest.mark.parametrize("name", [n for n in NAMES if SCHEMES[n].process is not None])
def test_money_is_conserved_in_a_simulation_with_the_scheme(name):
    run = _run((name,))
    assert_conserved(run)
    # the scheme took part: the households' flows differ from a run without any scheme
    assert not np.array_equal(run.household_flows, _without_schemes().household_flows)
