"""Warnings the model can compute: they fire on constructed bad scenarios, not on the default."""

import dataclasses

import numpy as np
import pytest

from collective_econ.cases.caopijie import default_scenario
from collective_econ.distributions.uncertainty import Uncertainty
from collective_econ.economy.community import CommunityParams
from collective_econ.runs import alerts
from collective_econ.runs.alerts import warnings_for
from collective_econ.schemes.land_shares import UNCERTAINTIES_2019


@pytest.fixture(scope="module")
def default():
    return default_scenario()


@pytest.fixture(scope="module")
def default_warnings(default):
    return warnings_for(default, samples=100)


def reformed(scenario, changes):
    """The scenario with one policy, '80% shares' with ``changes``."""
    pol = scenario.policy("80% shares").reform("changed", changes)
    return dataclasses.replace(scenario, policies=(pol,), baseline=None)


def test_default_has_no_floor_cap_count_or_loss_warning(default_warnings):
    # nothing fires on the default: the 2019 law's regional land price, which the 1998
    # law does not use, is not among its uncertain inputs (land_shares.UNCERTAINTIES_2019)
    assert default_warnings == []
    for word in ("guaranteed", "dibao cap", "exceed", "Monte Carlo", "differs"):
        assert not any(word in w for w in default_warnings)


def test_guaranteed_floor_at_or_above_the_dividend_rate_fires(default):
    got = warnings_for(reformed(default, {"land_shares.dividend_rate": 0.05}), samples=0)
    assert any("guaranteed rate (6.0%/yr) is at or above" in w for w in got)
    # a floor below the profit rate in most years, though under the mean rate
    near = {"land_shares.dividend_rate": 0.07, "land_shares.guaranteed_rate": 0.069}
    got = warnings_for(reformed(default, near), samples=0)
    assert any("floor binds most years" in w for w in got)


def test_binding_dibao_cap_fires(default):
    pol = default.policy("full package").reform("capped", {"safety_net.benefit_cap_share": 0.1})
    got = warnings_for(dataclasses.replace(default, policies=(pol,)), samples=0)
    assert any(w.startswith("safety_net: the dibao cap (10% of the line)") for w in got)
    loose = default.policy("full package").reform("loose", {"safety_net.benefit_cap_share": 0.8})
    assert not any("dibao cap" in w for w in warnings_for(
        dataclasses.replace(default, policies=(loose,)), samples=0))  # fmt: skip


def test_flat_input_is_found_and_an_acting_one_is_not(default, default_warnings):
    # the 2019 law's regional land price made uncertain under the default (1998) law: flat
    (price,) = UNCERTAINTIES_2019
    planted = Uncertainty(f"land_shares.{price.param}", price.distribution, price.source)
    got = warnings_for(dataclasses.replace(default, uncertainties=(planted,)), samples=0)
    assert any("regional_land_price_per_mu" in w and "does not act" in w for w in got)
    assert not any("dividend_rate" in w for w in got + default_warnings)


def test_counts_beyond_a_small_community_fire(default):
    small = dataclasses.replace(
        default, community=CommunityParams(residents=600, agricultural_residents=400)
    )
    got = warnings_for(small, samples=0)
    assert any(w.startswith("safety_net.households = 480 households") for w in got)
    assert any(w.startswith("jobs: 430 places") for w in got)
    assert any(w.startswith("land_shares.persons = 1,826") for w in got)


def test_positive_headline_with_most_draws_losing_fires(default, monkeypatch):
    class Fake:
        def npv(self, rate):
            out = np.zeros((100, 5))
            out[:, 0] = np.r_[np.full(60, -1_000.0), np.full(40, 10_000.0)]  # mean 3,400
            return out

    monkeypatch.setattr(alerts, "monte_carlo", lambda *a, **k: Fake())
    # land shares alone (cash only has the dibao too, which the fake would also flag)
    shares = default.policy("cash only").reform("shares alone", remove=("safety_net",))
    one = dataclasses.replace(default, policies=(shares,))
    got = alerts._hidden_losses(one, 100)
    assert got == [
        "land_shares: the households' NPV is positive on average (3,400 yuan) but negative "
        "in 60% of 100 Monte Carlo samples: the headline rests on a few good draws."
    ]
