"""The dibao is in every policy of the case: a package's extra cost counts only what it changes.

The dibao is a national entitlement (urban since 1999, rural since 2007: State Council
2007 No. 19) that landless households get under any compensation scheme. With "cash
only" (the counterfactual) lacking it, 4.1 M of the full package's 6.5 M yuan of extra
county cost was the dibao itself.
"""

import numpy as np
import pytest

from collective_econ.cases.caopijie import default_policies, default_scenario
from collective_econ.finance import npv
from collective_econ.report.findings import fiscal_items
from collective_econ.runs.experiment import run_experiment
from collective_econ.runs.outcomes import OUTCOMES
from collective_econ.runs.spec import main_spec
from collective_econ.schemes.safety_net import DibaoParams

TWO = ("cash only", "full package")


def test_every_policy_has_the_dibao_at_its_defaults():
    for policy in default_policies():
        assert "safety_net" in policy.schemes, policy.name
        assert policy.params("safety_net") == DibaoParams(), policy.name
        assert not policy.schemes["safety_net"].periods
    sc = default_scenario()
    assert "dibao" in sc.policy("cash only").description
    # the package's description does not sell the entitlement as one of its levers
    assert "dibao is in every policy" in sc.policy("full package").description


@pytest.fixture(scope="module")
def two():
    sc = default_scenario()
    spec = main_spec(sc, TWO, samples=1, replications=1, horizon_years=4, seed=1, panels=0)
    return run_experiment(sc, spec)


def test_the_counterfactual_pays_the_dibao_and_the_extra_cost_nets_it(two):
    caseload = two.mean("dibao_caseload")
    assert caseload[0].max() > 0  # cash only pays it (was 0 every year)
    k = OUTCOMES["county_books"].labels.index("dibao")
    outlay = -np.asarray(npv(0.08, two.mean("county_books")[:, :, k]))  # (policies,)
    assert outlay[0] > 0
    assert outlay[1] > 0
    extra = fiscal_items(two, 1, 0)["dibao"]
    # the package's extra dibao cost is its own less the counterfactual's (was all its own)
    assert extra == pytest.approx(outlay[1] - outlay[0], rel=1e-9, abs=1.0)
    # the counterfactual pays a material part of the package's own dibao (38-45% over
    # seeds 1-3 in 4 years: the package's hog farms' loss years bring households onto
    # it early); the ratio is one replication's, so the bound leaves room for the draws
    assert outlay[0] > 0.25 * outlay[1]
