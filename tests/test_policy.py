"""Policies, reforms and dated schedules; scenario-level validation."""

import pytest

from collective_econ.cases.caopijie import default_scenario
from collective_econ.economy.community import CommunityParams
from collective_econ.economy.schedule import Period, Schedule
from collective_econ.errors import ParameterError
from collective_econ.policy import Policy
from collective_econ.scenario import Scenario
from collective_econ.schemes.hogs import HogParams
from collective_econ.schemes.land_shares import LandSharesParams
from collective_econ.simulation import simulate


def test_default_policies_are_the_case():
    sc = default_scenario()
    assert sc.policy_names == (
        "cash only",
        "80% shares",
        "shares + hogs",
        "full package",
        "package without collective projects",
    )
    assert sc.policy("cash only").params("land_shares").share_fraction == 0.0
    assert sc.policy("80% shares").params("land_shares").share_fraction == 0.8
    full = set(sc.policy("full package").schemes)
    assert full == {
        "land_shares",
        "hogs",
        "jobs",
        "tea",
        "agro_park",
        "hotel",
        "enterprise",
        "safety_net",
    }
    assert set(sc.policy("package without collective projects").schemes) == full - {
        "tea",
        "agro_park",
        "hotel",
    }


def test_reform_changes_only_what_it_says():
    base = default_scenario().policy("80% shares")
    half = base.reform("half", {"land_shares.share_fraction": 0.5})
    assert half.params("land_shares") == base.params("land_shares").evolve(share_fraction=0.5)
    assert base.params("land_shares").share_fraction == 0.8  # the baseline is untouched


def test_schedule_changes_on_dates():
    s = Schedule(HogParams(per_head_subsidy=50.0), (Period(36, None, {"per_head_subsidy": 0.0}),))
    assert [s.at(m).per_head_subsidy for m in (0, 35, 36, 239)] == [50.0, 50.0, 0.0, 0.0]
    assert s.change_months == (36,)
    s2 = Schedule(HogParams(), (Period(12, 24, {"mortality": 0.2}),))
    default = HogParams().mortality  # the default moved (mode to mean): read it, not a number
    assert [s2.at(m).mortality for m in (11, 12, 23, 24)] == [default, 0.2, 0.2, default]


@pytest.mark.parametrize(
    ("build", "fragment"),
    [
        (
            lambda: Policy("p", {"hog": Schedule(HogParams())}),
            r'policies\["p"\].hog must be a known scheme \(did you mean \'hogs\'\?\)',
        ),
        (
            lambda: (
                default_scenario()
                .policy("80% shares")
                .reform("x", {"land_shares.share_fracton": 0.5})
            ),
            r"did you mean 'share_fraction'",
        ),
        (
            lambda: (
                default_scenario().policy("full package").reform("full", {"hogs.households": -3})
            ),
            r'policies\["full"\].hogs.households must be >= 1, got -3',
        ),
        (
            lambda: Schedule(
                HogParams(),
                (Period(0, 24, {"mortality": 0.1}), Period(12, None, {"mortality": 0.2})),
            ),
            r"periods\[1\] must be not overlapping periods\[0\]",
        ),
        (lambda: Schedule(HogParams(), (Period(5, 5, {"mortality": 0.1}),)), r"0 <= start < end"),
        (
            lambda: Policy("p", {"hogs": Schedule(LandSharesParams())}),
            "must be a Schedule of HogParams",
        ),
        (lambda: default_scenario().policy("ful package"), "did you mean 'full package'"),
    ],
)
def test_bad_policies_rejected_with_a_path(build, fragment):
    with pytest.raises(ParameterError, match=fragment):
        build()


def test_community_too_small_for_a_scheme():
    sc = Scenario(
        "tiny",
        default_scenario().policies,
        community=CommunityParams(residents=400, agricultural_residents=150),
    )
    with pytest.raises(
        ParameterError,
        match=r'policies\["shares \+ hogs"\].hogs.households must be <= the '
        r"community's landless households \(\d+\), got 100",
    ):
        simulate(sc, "shares + hogs", seed=1, horizon_years=1)
