"""The collective tea garden: ramp, seasons, picking wages, price risk, validation."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from collective_econ.errors import ParameterError
from collective_econ.prices import PriceIndex, using
from collective_econ.schemes.base import Stakeholder
from collective_econ.schemes.tea import (
    SCHEME,
    SEASON_MONTHS,
    Season,
    TeaParams,
    _field_work,
    appraise,
    harvest,
    harvest_month,
    upkeep,
    yield_share,
)

DEFAULT = TeaParams()
MATURE = 10  # a year well past the ramp

FLAT_PRICES = PriceIndex(inflation=0.0, wage_growth=0.0, use_history=False)
"""No inflation and no real wage growth: the case's 2010 economics."""


# --- regression: the case's figures and the domain's stylised facts -------------------------


def test_ramp_nothing_in_years_1_2_full_by_6_to_8():
    # domain-reference.md §0 S7 and §3 stylised fact 1: no harvest in years 1-2, full in 6-8
    share = yield_share(DEFAULT, np.arange(0, 12))
    assert share[:3].tolist() == [0.0, 0.0, 0.0]
    assert share[3] > 0
    assert share[8:].tolist() == [1.0] * 4
    assert np.all(np.diff(share) >= 0)


def test_mature_garden_figures():
    # seed-facts.md §4: 2,000 mu; domain-reference.md §8: 400 kg fresh/mu, 6 / 3 yuan/kg
    a = appraise(DEFAULT)
    assert a.items["leaf_kg"][MATURE] == pytest.approx(2_000 * 400)
    assert a.items["revenue"][MATURE] == pytest.approx(2_000 * 400 * (6 / 3 + 3 * 2 / 3))
    # establishment 4,500 yuan/mu at t = 0 (domain-reference.md §8)
    borrowed = a.items["loan_borrowed"][0]  # financed by a bank loan within loan_limit
    assert a.of("collective")[0] == pytest.approx(-4_500 * 2_000 + borrowed)


def test_spring_volume_share_and_price_premium():
    # domain-reference.md §3 stylised fact 2: spring is 30-50% of volume at 2-3x the price
    spring = harvest(DEFAULT, MATURE, "spring")
    summer = harvest(DEFAULT, MATURE, Season.SUMMER_AUTUMN)
    volume_share = spring["leaf_kg"] / (spring["leaf_kg"] + summer["leaf_kg"])
    assert 0.30 <= volume_share <= 0.50
    ratio = (spring["revenue"] / spring["leaf_kg"]) / (summer["revenue"] / summer["leaf_kg"])
    assert 2.0 <= ratio <= 3.0


def test_picking_is_about_forty_percent_of_value():
    with using(FLAT_PRICES):  # 2010 economics: no inflation, no real wage growth
        # domain-reference.md §3 stylised fact 4: picking ~40% of output value (check 30-50%)
        a = appraise(DEFAULT)
        share = a.items["picking_wages"][MATURE] / a.items["revenue"][MATURE]
        assert 0.30 <= share <= 0.50
        # hand computation: 266,667 kg / 15 + 533,333 kg / 25 = 39,111 picker-days x 35 yuan
        assert a.items["picking_wages"][MATURE] == pytest.approx(39_111.11 * 35, rel=1e-6)


def test_hand_computed_mature_year_flows():
    with using(FLAT_PRICES):  # 2010 economics: no inflation, no real wage growth
        # revenue 3,200,000 - picking 1,368,889 - operating 600 x 2,000 = 631,111 to the collective
        a = appraise(DEFAULT)
        operating = a.items["collective_profit"]
        assert operating[MATURE] == pytest.approx(3_200_000 - 1_368_888.9 - 1_200_000)
        # the collective's flow is the operating flow less the loans' debt service, and in
        # the last year less what it still owes (the bank's claim at the horizon)
        service = a.items["loan_interest"] + a.items["loan_repaid"] - a.items["loan_borrowed"]
        claim = a.items["loan_claim"]
        assert claim[-1] == pytest.approx(a.items["loan_owed"][-1])
        assert claim[-1] > 1e6
        assert not claim[:-1].any()
        np.testing.assert_allclose(a.of("collective"), operating - service - claim)
        np.testing.assert_allclose(a.of("collective") + a.of("bank"), operating)
        wages = 1_368_888.9 + 0.4 * 1_200_000
        assert a.items["wages"][MATURE] == pytest.approx(wages)
        # households gain the wages less the casual income forgone: 740 x 0.6 yuan a month in
        # casual work, at the landless share in work (0.82 + 0.68 + 0.48) / 3, over 26 days a month
        forgone = wages / 35.0 * 740 * 0.6 * (0.82 + 0.68 + 0.48) / 3 / 26
        assert a.of("households")[MATURE] == pytest.approx(wages - forgone)


def test_months_of_a_season_add_up_to_the_season():
    ages = np.array([2.0, 4.0, 9.0])
    for season, months in SEASON_MONTHS.items():
        total = sum(harvest_month(DEFAULT, ages, m)["revenue"] for m in months)
        np.testing.assert_allclose(total, harvest(DEFAULT, ages, season)["revenue"])
    winter = harvest_month(DEFAULT, ages, 1)
    assert all(np.all(v == 0) for v in winter.values())


def test_harvest_broadcasts_ages_against_replications():
    multipliers = np.array([[0.8], [1.0], [1.3]])  # 3 replications x 4 gardens
    out = harvest(DEFAULT, np.array([1, 3, 5, 9]), "spring", price_multiplier=multipliers)
    assert out["revenue"].shape == (3, 4)
    np.testing.assert_allclose(
        out["revenue"][1], harvest(DEFAULT, [1, 3, 5, 9], "spring")["revenue"]
    )


def test_upkeep_split_and_planting_year():
    out = upkeep(DEFAULT, [0, 1, 5], months=1.0)
    np.testing.assert_allclose(out["cost"], [0.0, 750 * 2_000 / 12, 600 * 2_000 / 12])
    np.testing.assert_allclose(out["wages"] + out["purchases"], out["cost"])


def test_subsidy_moves_money_from_government_to_collective():
    plain = appraise(DEFAULT)
    a = appraise(DEFAULT.evolve(establishment_subsidy_per_mu=1_000.0))
    assert a.of("government")[0] == pytest.approx(-2_000_000)
    # before financing, the subsidy pays 2 of the establishment's 9 million yuan
    assert a.items["collective_profit"][0] == pytest.approx(-9_000_000 + 2_000_000)
    # the rest is borrowed (within loan_limit): the collective's own flow is what is left
    borrowed = a.items["loan_borrowed"][0]
    assert 0 < borrowed <= DEFAULT.loan_limit
    assert a.of("collective")[0] == pytest.approx(-9_000_000 + 2_000_000 + borrowed)
    assert a.of("bank")[0] == pytest.approx(-borrowed)
    # the loans only move money between the collective and the bank, so the two together
    # gain exactly the subsidy, in the planting year, however the financing changes
    gain = (a.of("collective") + a.of("bank")) - (plain.of("collective") + plain.of("bank"))
    np.testing.assert_allclose(
        gain, np.where(np.arange(gain.size) == 0, 2_000_000, 0.0), atol=1e-6
    )
    assert set(a.involved()) == {
        Stakeholder.HOUSEHOLDS,
        Stakeholder.COLLECTIVE,
        Stakeholder.GOVERNMENT,
        Stakeholder.BANK,  # the establishment is financed by a bank loan
    }


def test_scheme_registration():
    names = {f.name for f in TeaParams.describe()}
    assert SCHEME.name == "tea"
    assert all(u.param in names for u in SCHEME.uncertainties)


# --- properties ------------------------------------------------------------------------------

prices = st.floats(0.0, 20.0)
seeds = st.integers(0, 2**32 - 1)


@given(seed=seeds, subsidy=st.floats(0.0, 4_500.0), horizon=st.integers(1, 30))
def test_money_is_conserved_against_the_outside_market(seed, subsidy, horizon):
    # every yuan the stakeholders gain comes from leaf buyers, less inputs bought outside,
    # less the casual income outside employers no longer pay the workers
    p = DEFAULT.evolve(establishment_subsidy_per_mu=subsidy)
    a = appraise(p, horizon_years=horizon, rng=np.random.default_rng(seed))
    net = a.flows.sum(axis=-2)
    outside = a.items["revenue"] - a.items["purchases"] - a.items["forgone_casual"]
    np.testing.assert_allclose(net, outside, atol=1e-6)


@given(low=prices, extra=st.floats(0.0, 10.0))
def test_higher_spring_price_never_lowers_the_collective(low, extra):
    with using(FLAT_PRICES):  # 2010 economics: no inflation, no real wage growth
        lo = appraise(DEFAULT.evolve(spring_price=low)).of("collective")
        hi = appraise(DEFAULT.evolve(spring_price=low + extra)).of("collective")
        assert np.all(hi >= lo - 1e-6)


@given(wage=st.floats(0.0, 100.0), extra=st.floats(0.0, 50.0))
def test_higher_wage_raises_households_and_lowers_collective(wage, extra):
    with using(FLAT_PRICES):  # 2010 economics: no inflation, no real wage growth
        lo = appraise(DEFAULT.evolve(daily_wage=wage))
        hi = appraise(DEFAULT.evolve(daily_wage=wage + extra))
        assert np.all(hi.of("households") >= lo.of("households") - 1e-6)
        assert np.all(hi.of("collective") <= lo.of("collective") + 1e-6)


@given(ramp=st.lists(st.floats(0.0, 1.0), min_size=1, max_size=10))
def test_any_valid_ramp_gives_yield_within_mature(ramp):
    p = DEFAULT.evolve(ramp=(*sorted(ramp), 1.0))
    share = yield_share(p, np.arange(0, 15))
    assert np.all((share >= 0) & (share <= 1))
    assert np.all(np.diff(share) >= 0)


# --- reproducibility -------------------------------------------------------------------------


# --- bad input -------------------------------------------------------------------------------


def test_negative_area_is_rejected():
    with pytest.raises(ParameterError, match=r"TeaParams\.area_mu must be > 0, got -5\.0"):
        TeaParams(area_mu=-5.0)


def test_nan_price_is_rejected():
    with pytest.raises(ParameterError, match=r"spring_price must be finite"):
        TeaParams(spring_price=float("nan"))


def test_negative_price_is_rejected():
    with pytest.raises(ParameterError, match=r"summer_price must be >= 0"):
        TeaParams(summer_price=-1.0)


def test_spring_share_above_one_is_rejected():
    with pytest.raises(ParameterError, match=r"spring_share must be within \[0, 1\]"):
        TeaParams(spring_share=1.2)


def test_zero_plucking_productivity_is_rejected():
    with pytest.raises(ParameterError, match=r"spring_pluck_kg_per_day must be > 0"):
        TeaParams(spring_pluck_kg_per_day=0.0)


def test_ramp_outside_unit_interval_is_rejected():
    with pytest.raises(ParameterError, match=r"ramp\[1\] must be within \[0, 1\], got 1\.5"):
        TeaParams(ramp=(0.0, 1.5, 1.0))


def test_decreasing_ramp_is_rejected():
    with pytest.raises(ParameterError, match=r"TeaParams\.ramp must be nondecreasing"):
        TeaParams(ramp=(0.0, 0.6, 0.4, 1.0))


def test_ramp_not_reaching_maturity_is_rejected():
    with pytest.raises(ParameterError, match=r"ramp must be ending in 1"):
        TeaParams(ramp=(0.0, 0.5, 0.9))


def test_empty_ramp_is_rejected():
    with pytest.raises(ParameterError, match=r"ramp must be non-empty"):
        TeaParams(ramp=())


def test_price_persistence_out_of_range_is_rejected():
    with pytest.raises(ParameterError, match=r"price_persistence must be within \[0, 0\.95\]"):
        TeaParams(price_persistence=1.0)


def test_unknown_season_is_rejected():
    with pytest.raises(ParameterError, match=r"season must be one of 'spring', 'summer_autumn'"):
        harvest(DEFAULT, 5, "winter")


def test_month_out_of_range_is_rejected():
    with pytest.raises(ParameterError, match=r"month must be a whole number within \[1, 12\]"):
        harvest_month(DEFAULT, 5, 13)


def test_zero_horizon_is_rejected():
    with pytest.raises(ParameterError, match=r"horizon_years must be >= 1, got 0"):
        appraise(DEFAULT, horizon_years=0)


def test_the_plan_s_flows_are_the_appraisal_s_for_the_price_index_given():
    # kept across runs by parameters and price index: the index is part of the key
    from collective_econ.prices import current
    from collective_econ.schemes.tea import _planned_net

    with using(FLAT_PRICES):
        flat = appraise(DEFAULT).items["collective_profit"]
    grown = appraise(DEFAULT).items["collective_profit"]
    assert not np.array_equal(flat, grown)  # the index matters
    for index, want in ((FLAT_PRICES, flat), (current(), grown), (FLAT_PRICES, flat)):
        got = _planned_net(DEFAULT, index)
        assert got.tobytes() == want.tobytes()
        assert not got.flags.writeable


def test_a_month_of_field_work_is_kept_by_its_parameters_and_price_path():
    # the simulation's mu of field work at each age, kept for later runs with the same
    # parameters and price multipliers: each age's figures are its harvest_month and
    # upkeep (a twelfth of a year's upkeep over 8/12 of a year), and a second call with
    # an equal price path (another array) returns what was kept
    p = TeaParams(price_trend=0.02)
    noise = np.array([1.1, 0.9, 1.3])
    work = _field_work(p, 4, noise.tobytes())
    assert len(work) == noise.size + 1
    for age, (revenue, inputs, wages) in enumerate(work):
        mult = (1.02**age) * noise[min(age, noise.size - 1)]
        leaf = harvest_month(p, age, 4, price_multiplier=mult, area_mu=1.0)
        up = upkeep(p, age, months=1.5, area_mu=1.0)
        assert revenue == pytest.approx(float(leaf["revenue"]), rel=1e-15)
        assert inputs == float(up["purchases"])
        assert wages == pytest.approx(float(leaf["picking_wages"] + up["wages"]), rel=1e-15)
    assert _field_work(TeaParams(price_trend=0.02), 4, noise.copy().tobytes()) is work
