"""The stakeholders' flows: money conserved, and the households' own consumption theirs."""

import dataclasses

import numpy as np

from collective_econ.cases.caopijie import default_scenario
from collective_econ.economy.community import CommunityParams
from collective_econ.economy.ledger import Source
from collective_econ.runs.outcomes import STAKEHOLDER_GROUPS, summarize
from collective_econ.simulation import simulate


def test_households_keep_their_consumption_and_the_groups_sum_to_zero():
    community = CommunityParams(residents=900, agricultural_residents=500)
    sc = dataclasses.replace(default_scenario(), community=community, horizon_years=3)
    run = simulate(sc, "full package", seed=2)
    groups = summarize(run).stakeholders
    np.testing.assert_allclose(groups.sum(axis=1), 0.0, atol=1e-6 * np.abs(groups).max())
    flows = run.institution_flows  # (years, sources, institutions)
    spent = flows[:, Source.CONSUMPTION, :].sum(axis=1)
    assert (spent > 0).all()  # households buy from the market every year
    h, m = STAKEHOLDER_GROUPS.index("households"), STAKEHOLDER_GROUPS.index("market")
    claims = np.zeros(len(groups))
    claims[-1] = run.claims[: run.community.n_households].sum()
    # what the institutions pay the households, net, plus what the households consume
    np.testing.assert_allclose(groups[:, h], -flows.sum(axis=(1, 2)) + spent + claims,
                               rtol=1e-9)  # fmt: skip
    market = [k for k, n in enumerate(run.institutions) if n == "market"]
    np.testing.assert_allclose(groups[:, m], flows[:, :, market].sum(axis=(1, 2)) - spent,
                               rtol=1e-9, atol=1e-3)  # fmt: skip
