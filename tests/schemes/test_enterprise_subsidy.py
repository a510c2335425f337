"""Which loans the enterprise process subsidises, kept from month to month (schemes/enterprise.py).

Cohorts start in January, so the loans in their interest-subsidy years change only with
the loans owed, the year or the parameters; a stale set would let the subsidy run on
past its years without any other test noticing.
"""

import numpy as np
import pytest

from collective_econ.economy import households
from collective_econ.economy.community import CommunityParams
from collective_econ.economy.ledger import Source
from collective_econ.economy.schedule import Schedule
from collective_econ.policy import Policy
from collective_econ.scenario import Scenario
from collective_econ.schemes.enterprise import EnterpriseParams
from collective_econ.simulation import simulate

SMALL = CommunityParams(residents=3000, agricultural_residents=1200)


@pytest.fixture(autouse=True)
def _endowed(monkeypatch):
    """Households start with 50,000 yuan each, so owners can fund their own part."""
    original = households.process

    def process_with_cash(world, params, rng):
        market = world.account("market")
        world.ledger.pay_households(market, slice(None), 50_000.0, Source.COMPENSATION)
        yield from original(world, params, rng)

    monkeypatch.setattr(households, "process", process_with_cash)


def test_the_interest_subsidy_ends_on_its_anniversary():
    # one cohort, no closures: the loans owed stay the same across the anniversary
    params = EnterpriseParams(
        scheme_years=1, interest_subsidy_years=1, loan_years=3, hazard_scale=0.0
    )
    pol = Policy("enterprise", {"enterprise": Schedule(params)})
    sc = Scenario("enterprise test", (pol,), community=SMALL, horizon_years=5)
    run = simulate(sc, pol, seed=3)
    subsidy = -run.institution("government")[:, Source.OPERATIONS]
    assert subsidy[0] > 0
    np.testing.assert_array_equal(subsidy[1:], 0.0)  # loans still owed, subsidy over
    assert np.all(run.institution("bank")[1:3, Source.LOAN] > 0)  # principal still repaid
