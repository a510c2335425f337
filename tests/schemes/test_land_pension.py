"""Landless farmers' pension insurance (schemes/land_pension.py): split, drawing, fund, county."""

from __future__ import annotations

import functools

import numpy as np
import pytest

from collective_econ.economy.community import CommunityParams
from collective_econ.economy.ledger import Source
from collective_econ.economy.population import DemographyParams
from collective_econ.economy.schedule import Schedule
from collective_econ.errors import ParameterError
from collective_econ.policy import Policy
from collective_econ.prices import PriceIndex
from collective_econ.scenario import Scenario
from collective_econ.schemes import SCHEMES, LandPensionParams, LandSharesParams
from collective_econ.schemes.land_pension import (
    appraise,
    contribution_split,
    credit_prepaid,
    fund_path,
    pension_age,
)
from collective_econ.simulation import RunResult, simulate
from collective_econ.testing import assert_conserved

SMALL = CommunityParams(residents=3000, agricultural_residents=1200)
YEARS = 8


def _run(schemes: dict[str, object], years: int = YEARS) -> RunResult:
    pol = Policy("pension test", {k: Schedule(v) for k, v in schemes.items()})
    # January birthdays, nobody dying: the ages and enrolment these tests count with
    frozen = DemographyParams(births=False, deaths=False, migration=False)
    sc = Scenario("pension test", (pol,), community=SMALL, demography=frozen)
    return simulate(sc, pol, seed=3, horizon_years=years)


@functools.cache
def _base() -> RunResult:
    return _run({})


@functools.cache
def _with(contribution: float) -> RunResult:
    return _run({"land_pension": LandPensionParams(contribution_per_person=contribution)})


def _enrolled(run: RunResult, p: LandPensionParams) -> np.ndarray:
    """Persons enrolled by the run's end: landless in the run, aged 16+ at their wave."""
    c = run.community
    wave = c.expropriation_month[c.person_household]
    taken = (wave >= 0) & (wave < 12 * YEARS)
    return taken & (c.age + np.maximum(wave, 0) // 12 >= p.enrolment_age)


def _pension_flows(run: RunResult) -> np.ndarray:
    """The scheme's pensions: households' PENSION income less the run without it."""
    return run.household_flows[:, Source.PENSION] - _base().household_flows[:, Source.PENSION]


def _county_extra(run: RunResult) -> float:
    """What the county paid into the fund (the fund's OPERATIONS: only the county's payments).

    The government account's PENSION flows stay those of the run without the scheme (the
    basic pensions), so the county books tell the scheme apart by account.
    """
    gov = run.institution("government")
    np.testing.assert_allclose(
        gov[:, Source.PENSION], _base().institution("government")[:, Source.PENSION]
    )
    paid = run.institution("insurance_fund")[:, Source.OPERATIONS]
    np.testing.assert_allclose(gov[:, Source.OPERATIONS], -paid)  # its only OPERATIONS here
    return float(paid.sum())


def _collectives_paid(run: RunResult) -> float:
    names = [n for n in run.institutions if n.startswith("collective")]
    return -float(sum(run.institution(n)[:, Source.PENSION].sum() for n in names))


# -- the rules -------------------------------------------------------------------------------


def test_contributions_split_exactly_by_the_shares():
    p = LandPensionParams(
        contribution_per_person=12_345.0,
        government_share=0.35,
        collective_share=0.4,
        person_share=0.25,
    )
    s = contribution_split(p, np.array([0, 1, 3]))
    np.testing.assert_array_equal(s["total"], [0.0, 12_345.0, 37_035.0])
    np.testing.assert_array_equal(s["government"], 0.35 * s["total"])
    np.testing.assert_array_equal(s["collective"], 0.4 * s["total"])
    np.testing.assert_array_equal(s["person"], 0.25 * s["total"])
    parts = s["government"] + s["collective"] + s["person"]
    np.testing.assert_allclose(parts, s["total"], rtol=1e-15)


def test_the_prepaid_fee_counts_government_then_person_then_collective():
    s = contribution_split(LandPensionParams(), np.array([1.0, 1.0, 1.0, 1.0]))  # 4.5/7.5/3 k
    left = credit_prepaid(s, np.array([0.0, 4_500.0, 9_000.0, 20_000.0]))
    np.testing.assert_array_equal(left["government"], [4_500.0, 0.0, 0.0, 0.0])
    np.testing.assert_array_equal(left["person"], [3_000.0, 3_000.0, 0.0, 0.0])
    np.testing.assert_array_equal(left["collective"], [7_500.0, 7_500.0, 6_000.0, 0.0])
    np.testing.assert_array_equal(left["excess"], [0.0, 0.0, 0.0, 5_000.0])


def test_pension_ages_by_sex():
    p = LandPensionParams(pension_age_men=62, pension_age_women=57)
    assert pension_age(p, np.array([True, False])).tolist() == [57, 62]


def test_the_fund_is_topped_up_by_exactly_the_shortfall():
    pensions = np.array([30.0, 30.0, 30.0, 30.0])
    out = fund_path(70.0, pensions)
    np.testing.assert_array_equal(out["topup"], [0.0, 0.0, 20.0, 30.0])
    np.testing.assert_array_equal(out["balance"], [40.0, 10.0, 0.0, 0.0])
    assert out["topup"].sum() == pytest.approx(max(pensions.sum() - 70.0, 0.0))


@pytest.mark.parametrize(
    "changes",
    [
        {"contribution_per_person": -1.0},
        {"government_share": 1.2},
        {"person_share": 0.3},  # shares sum to 1.1
        {"pension_age_women": 120},
        {"pension_month": float("nan")},
        {"enrolment_age": 16.5},
    ],
)
def test_bad_values_raise_one_parameter_error(changes):
    with pytest.raises(ParameterError) as err:
        LandPensionParams(**changes)
    assert next(iter(changes)) in str(err.value) or "share" in str(err.value)


# -- the appraisal ---------------------------------------------------------------------------


def test_appraisal_flows_sum_to_zero_and_the_fiscal_cost_is_contribution_plus_topups():
    a = appraise(LandPensionParams())
    np.testing.assert_allclose(a.flows.sum(axis=0), 0.0, atol=1e-6)
    it = a.items
    np.testing.assert_allclose(it["fiscal_cost"], it["government_contribution"] + it["topup"])
    shortfall = np.maximum(np.cumsum(it["pensions"]) - it["contributions"][0], 0.0)
    np.testing.assert_allclose(np.cumsum(it["topup"]), shortfall)
    assert it["drawing"][0] > 0
    assert np.all(np.diff(it["drawing"]) >= 0)


def test_appraisal_enrols_nobody_below_the_enrolment_age():
    # everyone is 85 or younger: an enrolment age of 86 enrols nobody and pays nothing
    a = appraise(LandPensionParams(enrolment_age=86))
    assert a.items["enrolled"].sum() == 0.0
    np.testing.assert_array_equal(a.flows, 0.0)


# -- the simulation --------------------------------------------------------------------------


def test_only_enrolled_persons_at_pension_age_draw_and_exactly_the_pension():
    p = LandPensionParams()
    run = _with(p.contribution_per_person)
    c = run.community
    enrolled = _enrolled(run, p)
    wave_year = np.maximum(c.expropriation_month[c.person_household], 0) // 12
    due = pension_age(p, c.female)
    expected = np.zeros((YEARS, c.n_households))
    for year in range(YEARS):
        drawing = enrolled & (wave_year <= year) & (c.age + year >= due)
        expected[year] = (
            12.0
            * p.pension_month
            * float(PriceIndex().real_wage_factor(2010 + year))  # indexed to wages
            * np.bincount(
                c.person_household, weights=drawing.astype(float), minlength=c.n_households
            )
        )
    np.testing.assert_allclose(_pension_flows(run), expected, atol=1e-6)
    # a planted bug (everyone enrolled draws, whatever their age) would be caught
    assert expected.sum() < 12.0 * p.pension_month * YEARS * enrolled.sum()
    # nobody below the pension age: households with no enrolled person at it get nothing
    young = expected.sum(axis=0) == 0
    assert young.any()
    assert np.all(_pension_flows(run)[:, young] == 0.0)


def test_money_is_conserved_and_the_fund_never_overdraws():
    run = _with(LandPensionParams().contribution_per_person)
    assert_conserved(run)
    fund = run.institution_balance[:, run.institutions.index("insurance_fund")]
    assert fund.min() >= -1e-6


def test_contributions_reach_the_fund_split_and_nobody_is_overdrawn():
    # a contribution large enough that the fund never runs short: no top-up
    p = LandPensionParams(contribution_per_person=60_000.0)
    run = _with(p.contribution_per_person)
    total = p.contribution_per_person * _enrolled(run, p).sum()
    households = -float(
        (
            run.household_flows[:, Source.INVESTMENT]
            - _base().household_flows[:, Source.INVESTMENT]
        ).sum()
    )
    collectives, county = _collectives_paid(run), _county_extra(run)
    assert households + collectives + county == pytest.approx(total, rel=1e-9)
    # each pays at most its share; the county at least its own (it covers what others lack)
    assert households <= p.person_share * total * (1 + 1e-9)
    assert collectives <= p.collective_share * total * (1 + 1e-9)
    assert county >= p.government_share * total * (1 - 1e-9)
    fund_end = run.institution_balance[-1, run.institutions.index("insurance_fund")]
    assert fund_end == pytest.approx(total - _pension_flows(run).sum(), rel=1e-9)


@pytest.mark.parametrize("contribution", [0.0, 3_000.0])
def test_pensions_come_from_the_fund_and_the_county_tops_up_exactly_the_shortfall(contribution):
    p = LandPensionParams(contribution_per_person=contribution)
    run = _with(contribution)
    total = p.contribution_per_person * _enrolled(run, p).sum()
    pensions = _pension_flows(run).sum()
    others = -float(
        (
            run.household_flows[:, Source.INVESTMENT]
            - _base().household_flows[:, Source.INVESTMENT]
        ).sum()
    ) + _collectives_paid(run)
    topups = _county_extra(run) - (total - others)  # the county's payments beyond contributions
    assert pensions > 0
    assert topups == pytest.approx(max(pensions - total, 0.0), rel=1e-9, abs=1e-6)
    fund = run.institution_balance[:, run.institutions.index("insurance_fund")]
    assert fund.min() >= -1e-6
    if contribution == 0.0:  # every pension is a top-up: the fund is empty at every month end
        np.testing.assert_allclose(fund, 0.0, atol=1e-6)


def test_under_the_2019_law_the_fee_counts_and_nobody_pays_twice():
    shares = LandSharesParams(law="2019")
    p = LandPensionParams()
    alone = _run({"land_shares": shares})
    both = _run({"land_shares": shares, "land_pension": p})
    assert_conserved(both)
    # the fee (10,000/person of every member) covers the county's and the person's parts
    paid = both.household_flows[:, Source.INVESTMENT] - alone.household_flows[:, Source.INVESTMENT]
    np.testing.assert_allclose(paid, 0.0, atol=1e-6)
    # what the fund receives beyond the fee: per household, its contribution less its fee
    c = both.community
    enrolled = _enrolled(both, p)
    adults = np.bincount(c.person_household[enrolled], minlength=c.n_households)
    taken = (c.expropriation_month >= 0) & (c.expropriation_month < 12 * YEARS)
    fee = shares.social_security_per_person * c.size * taken
    beyond = np.maximum(p.contribution_per_person * adults - fee, 0.0).sum()
    county = float(both.institution("insurance_fund")[:, Source.OPERATIONS].sum())
    fund = both.institution_balance[:, both.institutions.index("insurance_fund")]
    assert fund.min() > 0  # no top-up in these years: all the county paid is contributions
    assert county + _collectives_paid(both) == pytest.approx(beyond, rel=1e-9)


def test_registered_with_the_insurance_fund():
    s = SCHEMES["land_pension"]
    assert s.params_type is LandPensionParams
    assert s.process is not None
    assert s.public_accounts == ("insurance_fund",)
    assert s.label
    assert s.label_zh
