"""Tests of land-for-shares compensation (schemes/land_shares.py)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from collective_econ.economy.livelihood import LivelihoodParams
from collective_econ.errors import ParameterError, ScenarioFileError
from collective_econ.finance import npv
from collective_econ.prices import PriceIndex, using
from collective_econ.scenario.file import loads
from collective_econ.schemes._housing import rent_per_m2
from collective_econ.schemes.land_shares import (
    SCHEME,
    TOTAL_CAP_MULTIPLE,
    LandSharesParams,
    appraise,
    cash_alternative,
    compensation,
    developer_paths,
    dividend,
    expected_default_loss,
    house_swap,
    mean_paid_rate,
    spend_down,
    split_compensation,
    uses_of_compensation,
)

DEFAULT = LandSharesParams()
fractions = st.floats(0.0, 1.0)
money = st.floats(0.0, 1e13, allow_subnormal=True)

FLAT_PRICES = PriceIndex(inflation=0.0, wage_growth=0.0, use_history=False)
"""No inflation and no real wage growth: the case's 2010 economics."""


def outside_market(a):
    """What all stakeholders together pay to / get from the outside market, by year."""
    it = a.items
    market = -it["construction"] + it["rent"] + it["forgone_farm_income"] + it["forgone_old_rent"]
    # outside investors in new equity (0 under distress_response="cut")
    return market + it["reserved_land_rent"] + it.get("raised", 0.0) - it.get("to_outsiders", 0.0)


# (a) regression values -------------------------------------------------------------------


def test_case_compensation_1998_law():
    # LAL 1998 Art. 47 (domain-reference.md §1a): 8 x 2,000 land fee + 5 x 2,000 per person;
    # 1,826 agricultural residents (seed-facts.md) on 0.8 mu each (estimate): 1,460.8 mu;
    # young crops 1,000 and attachments 1,500 yuan/mu (estimates)
    a = appraise(DEFAULT)
    area = 1460.8
    assert a.items["land_fee"][0] == pytest.approx(8 * 2000 * area)
    assert a.items["resettlement"][0] == pytest.approx(5 * 2000 * 1826)
    assert a.items["young_crops"][0] == pytest.approx(1000 * area)
    assert a.items["attachments"][0] == pytest.approx(1500 * area)
    assert a.items["compensation"][0] == pytest.approx(41_632_800.0 + 2500 * area)
    assert a.items["compensation"][0] / area == pytest.approx(31_000.0)
    # the collective keeps 20% of the land fee; households invest 80% of the rest (seed §1)
    own = a.items["compensation"][0] - 0.2 * 8 * 2000 * area
    assert a.items["to_households"][0] == pytest.approx(own)
    assert a.items["share_capital"][0] == pytest.approx(0.8 * own)


def test_case_compensation_2019_law():
    # 40,000 yuan/mu regional land price (estimate, §8), half of it the land fee (estimate),
    # + 10,000 yuan/person social security (estimate) + young crops and attachments
    c = compensation(DEFAULT.evolve(law="2019"), 1460.8, 1826)
    assert float(c["total"]) == pytest.approx(42_500 * 1460.8 + 10_000 * 1826)
    assert float(c["land_fee"]) == pytest.approx(float(c["resettlement"]))
    assert float(c["to_insurance"]) == pytest.approx(10_000 * 1826)


@given(st.sampled_from(["1998", "2019"]), fractions, st.floats(0.0, 1e4), st.floats(0.0, 1e5))
def test_the_collective_gets_the_land_fee_and_passes_exactly_its_share_on(law, f, area, n):
    p = DEFAULT.evolve(law=law, pass_through_share=f)
    c = compensation(p, area, n)
    assert float(c["pass_through"]) == pytest.approx(f * float(c["land_fee"]))
    assert float(c["to_collective"] + c["pass_through"]) == pytest.approx(float(c["land_fee"]))
    parts = c["to_collective"] + c["to_households"] + c["to_insurance"]
    assert float(parts) == pytest.approx(float(c["total"]), rel=1e-12, abs=1e-6)


def test_the_2019_social_security_fee_never_buys_shares():
    p = DEFAULT.evolve(law="2019")
    a = appraise(p)
    c = compensation(p, p.area_mu, p.persons)
    assert a.items["share_capital"][0] == pytest.approx(0.8 * float(c["to_households"]))
    assert a.items["to_insurance"][0] == pytest.approx(10_000 * 1826)
    # households get nothing of it in cash: raising it leaves their flows unchanged
    more = appraise(p.evolve(social_security_per_person=50_000.0))
    assert np.allclose(more.of("households"), a.of("households"))


def test_the_county_pays_compensation_and_receives_conveyance():
    a = appraise(DEFAULT)
    it = a.items
    gov0 = -it["compensation"][0] + it["to_insurance"][0] + it["conveyance"][0]
    assert a.of("government")[0] == pytest.approx(gov0 - it["swap_subsidy"][0])
    assert it["conveyance"][0] == pytest.approx(100_000 * 1460.8)
    assert a.of("collective")[0] == pytest.approx(it["to_collective"][0])


def test_forgone_farm_income_is_the_simulations_net_income():
    # the appraisal values the land lost as the simulation farms it (livelihood.py)
    lv = LivelihoodParams()
    a = appraise(DEFAULT)
    assert a.items["forgone_farm_income"][1] == pytest.approx(-1200.0 * 1460.8)
    half = appraise(DEFAULT, livelihood=lv.evolve(farm_net_income_per_mu=600.0))
    assert half.items["forgone_farm_income"][1] == pytest.approx(-600.0 * 1460.8)


@pytest.mark.parametrize("name", ["farm_income_share", "deposit_rate", "spend_rate"])
def test_the_simulations_rates_are_not_land_shares_parameters(name):
    with pytest.raises(TypeError):
        LandSharesParams(**{name: 0.5})
    text = f"""
[scenario]
name = "t"
[schemes.land_shares]
{name} = 0.5
[policies."a"]
schemes = ["land_shares"]
"""
    with pytest.raises(ScenarioFileError, match=f"unknown key '{name}'"):
        loads(text)


def test_expected_dividend_first_year():
    with using(FLAT_PRICES):  # 2010 economics: no inflation, no real wage growth
        # year 1, still building: the floor (6%) paid from the reserve, survival 1 - 3%
        a = appraise(DEFAULT)
        shares = a.items["share_capital"][0]
        assert a.items["dividends"][1] == pytest.approx(shares * 0.06 * 0.97, rel=0.01)
        assert a.items["dividends"][0] == 0.0


def test_stakeholders_involved():
    # with 80% shares the cash left pays for part of the extra area: nothing is deposited
    assert {str(s) for s in appraise(DEFAULT).involved()} == {
        "households", "collective", "developer", "government",
    }  # fmt: skip
    assert "bank" in {str(s) for s in appraise(DEFAULT.evolve(share_fraction=0.2)).involved()}
    assert SCHEME.name == "land_shares"
    assert SCHEME.public_accounts == ("insurance_fund",)


def test_the_floor_is_below_the_mean_rate():
    assert DEFAULT.guaranteed_rate < DEFAULT.dividend_rate
    assert DEFAULT.guaranteed_rate < mean_paid_rate(DEFAULT) < DEFAULT.dividend_rate


def test_reserved_land_pays_the_collective_rent_and_is_not_sold():
    p = DEFAULT.evolve(reserved_land_share=0.1)
    a = appraise(p)
    assert a.items["reserved_land_rent"][1] == pytest.approx(0.1 * 1460.8 * 3000.0)
    assert a.items["reserved_land_rent"][0] == 0.0
    assert a.items["conveyance"][0] == pytest.approx(0.9 * 1460.8 * 100_000.0)
    off = appraise(DEFAULT)
    assert np.all(off.items["reserved_land_rent"] == 0.0)
    assert a.of("collective")[1] == pytest.approx(a.items["reserved_land_rent"][1])


# developer -------------------------------------------------------------------------------


def test_no_dividend_without_cash_while_building():
    # no reserve and no default: nothing is paid until the project sells (year 4)
    p = DEFAULT.evolve(reserve_fraction=0.0, distress_default_prob=0.0, default_prob=0.0)
    path = developer_paths(p, np.full(8, 0.5), np.full(8, 0.9))
    assert np.all(path["dividends"][:4] == 0.0)
    assert np.all(path["distress"][1:4])
    assert np.all(path["dividends"][4:] > 0.0)
    assert np.all(path["alive"] == 1.0)


def test_a_short_reserve_dilutes_the_floor():
    # 10% reserve, 6% floor: year 1 pays 6%, year 2 the 4% left, year 3 nothing
    p = DEFAULT.evolve(reserve_fraction=0.1, distress_default_prob=0.0, default_prob=0.0)
    path = developer_paths(p, np.full(5, 0.5), np.full(5, 0.9))
    assert path["dividends"][1:4] == pytest.approx([0.06, 0.04, 0.0])
    assert path["cash"][3] == 0.0


@given(st.integers(0, 2**32 - 1), fractions, st.integers(0, 5))
def test_paid_never_exceeds_the_projects_cash(seed, reserve, lag):
    p = DEFAULT.evolve(reserve_fraction=reserve, construction_years=lag)
    rng = np.random.default_rng(seed)
    path = developer_paths(p, rng.random((20, 12)), rng.random((20, 12)))
    cash_before = np.concatenate((np.full((20, 1), reserve), path["cash"][:, :-1]), axis=1)
    assert np.all(path["dividends"][:, 1:] <= cash_before[:, 1:] + path["profit"][:, 1:] + 1e-12)
    assert np.all(path["cash"] >= 0.0)
    dead = path["alive"] == 0.0
    assert not np.any(path["dividends"][dead])


def test_distress_raises_the_default_risk():
    # with no reserve, the building years are distress years: default at distress_default_prob
    p = DEFAULT.evolve(reserve_fraction=0.0)
    e = expected_default_loss(p, 10)
    base = expected_default_loss(DEFAULT.evolve(reserve_fraction=1.0), 10)
    assert e[1:4].sum() > 5 * base[1:4].sum()


def test_expected_default_loss_is_the_principal_lost():
    with using(FLAT_PRICES):  # 2010 economics: no inflation, no real wage growth
        loss = expected_default_loss(DEFAULT, 20)
        a = appraise(DEFAULT)
        lost = (1 - DEFAULT.recovery_fraction) * (1 - a.items["alive"][-1])
        assert loss.sum() == pytest.approx(
            lost, rel=0.03
        )  # hazards vs defaults drawn: 4,000 paths
        assert a.items["expected_default_loss"] == pytest.approx(
            loss * a.items["share_capital"][0]
        )


# (b) properties --------------------------------------------------------------------------


@given(money, fractions)
def test_shares_plus_cash_equal_compensation_exactly(comp, f):
    shares, cash = split_compensation(DEFAULT.evolve(share_fraction=f), comp)
    assert shares + cash == comp
    assert shares >= 0.0
    assert cash >= 0.0


@given(st.lists(money, min_size=1, max_size=20), fractions)
def test_split_is_exact_for_households(comps, f):
    comp = np.array(comps)
    shares, cash = split_compensation(DEFAULT.evolve(share_fraction=f), comp)
    assert np.array_equal(shares + cash, comp)


def test_no_shares_means_no_dividends_and_all_cash():
    p = DEFAULT.evolve(share_fraction=0.0)
    a = appraise(p, rng=np.random.default_rng(1))
    assert a.items["cash_part"][0] == a.items["to_households"][0]
    for key in ("dividends", "recovery", "redemption"):
        assert np.all(a.items[key] == 0.0)
    assert np.allclose(a.of("households"), a.items["households_cash_alternative"])


def test_cap_on_resettlement_binds_with_large_multiples():
    # 1,000 persons on 100 mu: 6 x AAOV x 10 persons/mu = 60 x AAOV, capped at 15 x AAOV/mu
    p = DEFAULT.evolve(land_comp_multiple=10.0, resettle_multiple=6.0)
    c = compensation(p, 100.0, 1000.0)
    assert float(c["resettlement"]) == pytest.approx(15 * 2000 * 100)
    # a province raising the resettlement cap meets the absolute cap of 30 x AAOV
    c = compensation(p.evolve(resettle_cap_multiple=30.0), 100.0, 1000.0)
    assert float(c["land_fee"] + c["resettlement"]) == pytest.approx(30 * 2000 * 100)


@given(
    st.floats(6, 10), st.floats(4, 6), st.floats(0, 30),
    st.floats(0.01, 1e4), st.floats(0.0, 1e5),
)  # fmt: skip
def test_1998_total_never_exceeds_thirty_times_aaov(land, res, cap, area, persons):
    p = DEFAULT.evolve(land_comp_multiple=land, resettle_multiple=res, resettle_cap_multiple=cap)
    c = compensation(p, area, persons)
    limit = TOTAL_CAP_MULTIPLE * p.aaov_per_mu * area
    assert float(c["land_fee"] + c["resettlement"]) <= limit * (1 + 1e-12)
    assert float(c["resettlement"]) <= cap * p.aaov_per_mu * area * (1 + 1e-12)


@given(st.floats(0.0, 0.5), st.floats(0.0, 0.2), st.floats(0.0, 1e7), fractions)
def test_guaranteed_minimum_floors_the_declared_rate(draw, g, shares, b):
    p = DEFAULT.evolve(guaranteed_rate=g, bonus_share=b)
    paid = dividend(p, shares, draw, 1.0)
    assert paid >= shares * g * (1 - 1e-12)
    assert paid == pytest.approx(shares * (g + b * max(draw - g, 0.0)))


def test_paid_rate_floored_in_random_paths_while_the_project_has_cash():
    p = DEFAULT.evolve(dividend_rate=0.05, reserve_fraction=1.0)
    a = appraise(p, rng=np.random.default_rng(3))
    alive = a.items["alive"][1:] > 0
    assert np.all(a.items["paid_rate"][1:][alive] >= DEFAULT.guaranteed_rate - 1e-12)


def test_without_default_the_shares_are_redeemed_at_par():
    with using(FLAT_PRICES):  # 2010 economics: no inflation, no real wage growth
        p = DEFAULT.evolve(default_prob=0.0, distress_default_prob=0.0)
        a = appraise(p, rng=np.random.default_rng(7))
        assert a.items["redemption"][-1] == a.items["share_capital"][0]
        assert np.all(a.items["recovery"] == 0.0)


@given(
    st.floats(0.0, 0.3),
    st.floats(0.0, 1.0),
    st.integers(0, 2**32 - 1),
    fractions,
    st.sampled_from(["cut", "dilute"]),
    st.floats(0.0, 0.3),
)
def test_flows_conserve_money(prob, f, seed, reserved, response, reserve):
    p = DEFAULT.evolve(
        default_prob=prob,
        share_fraction=f,
        reserved_land_share=reserved,
        distress_response=response,
        reserve_fraction=reserve,
    )
    for a in (appraise(p), appraise(p, rng=np.random.default_rng(seed)), cash_alternative(p)):
        assert np.allclose(a.flows.sum(axis=0), outside_market(a), rtol=1e-9, atol=1e-3)


@given(st.floats(0.0, 0.15), st.floats(0.0, 0.15))
def test_a_higher_guarantee_never_lowers_households_npv_if_the_cash_is_there(g1, g2):
    # a developer that never runs short (a full reserve, no extra risk in distress)
    p = DEFAULT.evolve(reserve_fraction=1.0, distress_default_prob=DEFAULT.default_prob)
    lo, hi = sorted((g1, g2))
    npv_lo = appraise(p.evolve(guaranteed_rate=lo)).npv()[0]
    npv_hi = appraise(p.evolve(guaranteed_rate=hi)).npv()[0]
    assert npv_hi >= npv_lo - 1e-6 * abs(npv_lo)


@given(st.floats(0.0, 0.2))
def test_bank_pays_exactly_the_deposit_rate_without_inflation(rate):
    lv = LivelihoodParams().evolve(deposit_rate=rate)
    with using(FLAT_PRICES):  # the real rate is the nominal one, paid monthly
        a = cash_alternative(DEFAULT, horizon_years=12, livelihood=lv)
    effective = (1.0 + rate / 12.0) ** 12 - 1.0
    assert npv(effective, a.of("bank")) == pytest.approx(0.0, abs=1e-6 * a.items["deposits"][0])


@given(st.floats(0.0, 1e6), st.floats(0.0, 0.2), st.integers(2005, 2030))
def test_twelve_months_of_spending_equal_one_year(balance, rate, year):
    p = LivelihoodParams().evolve(deposit_rate=rate)
    out_year, left_year = spend_down(p, balance, year=year)
    monthly = 1.0 + float(PriceIndex().real_deposit_rate(rate, year))  # the simulation's month
    left, out = balance, 0.0
    for _ in range(12):
        w, left = spend_down(p, left, months=1.0, year=year)
        out = out * monthly + w  # withdrawals held at the same rate
    assert float(left) == pytest.approx(float(left_year), rel=1e-9, abs=1e-6)
    assert out + left == pytest.approx(float(out_year + left_year), rel=1e-9, abs=1e-6)


@given(st.integers(1, 12))
def test_swap_costs_are_paid_in_full(persons):
    s = house_swap(DEFAULT, persons)
    assert s["developer"] + s["subsidy"] + s["household"] == pytest.approx(s["construction"])
    assert s["subsidy"] <= DEFAULT.subsidy_cap_per_person * persons


@given(
    st.floats(0.0, 1e6), st.floats(0.0, 12.0), fractions, st.floats(0.0, 20_000.0),
    st.floats(0.0, 30.0), st.booleans(),
)  # fmt: skip
def test_the_money_is_spent_in_order_and_never_overdrawn(money, n, f, cap, extra, buy):
    # the compulsory top-up first, shares of the rest, the extra area from the cash left
    p = DEFAULT.evolve(share_fraction=f, subsidy_cap_per_person=cap, extra_m2_per_person=extra)
    u = {k: float(v) for k, v in uses_of_compensation(p, money, n, buy_shares=buy).items()}
    swap = {k: float(v) for k, v in house_swap(p, n).items()}
    parts = ("topup", "shares", "extra", "kept")
    assert all(u[k] >= 0.0 for k in parts)
    assert sum(u[k] for k in parts) == pytest.approx(money, rel=1e-12, abs=1e-6)
    assert u["topup"] == pytest.approx(min(swap["topup"], money), rel=1e-12)
    rest = money - u["topup"]
    assert u["shares"] == pytest.approx(f * rest if buy else 0.0, rel=1e-12, abs=1e-9)
    offer = p.construction_cost_per_m2 * extra * n
    assert u["extra"] == pytest.approx(min(offer, u["cash"]), rel=1e-12, abs=1e-9)
    assert u["construction"] == pytest.approx(
        u["developer"] + u["subsidy"] + u["topup"] + u["extra"], rel=1e-12, abs=1e-9
    )
    assert u["new_m2"] <= swap["new_m2"] * (1 + 1e-12) + 1e-9
    if u["kept"] > 1e-6:  # cash left over: the whole house was paid for
        assert u["new_m2"] == pytest.approx(swap["new_m2"], rel=1e-12, abs=1e-9)
        assert u["rent"] == pytest.approx(swap["rent"], rel=1e-12, abs=1e-9)


def test_shares_leave_less_cash_for_the_extra_area():
    # 22,240 yuan a person: 80% in shares leaves 4,448 a person for 15 m² at 1,000 yuan
    a, cash = appraise(DEFAULT).items, cash_alternative(DEFAULT).items
    persons = DEFAULT.persons
    assert a["swap_topup"][0] == 0.0  # the subsidy's cap does not bind with the defaults
    assert a["swap_extra"][0] == pytest.approx(0.2 * a["to_households"][0])
    assert a["cash_kept"][0] == 0.0
    assert cash["swap_extra"][0] == pytest.approx(15 * 1000.0 * persons)
    assert cash["cash_kept"][0] == pytest.approx(cash["to_households"][0] - 15_000.0 * persons)
    # 20 m² a person above living needs, 15% vacant, at the saturated rent (from year 3)
    let = 0.85 * 20 * persons
    assert a["rent"][3] < cash["rent"][3] == pytest.approx(let * float(rent_per_m2(DEFAULT, let)))
    # a binding cap: the top-up is paid before shares are bought
    p = DEFAULT.evolve(subsidy_cap_per_person=0.0)
    top = appraise(p).items
    assert top["swap_topup"][0] == pytest.approx(5 * 1000.0 * persons)
    assert top["share_capital"][0] == pytest.approx(
        0.8 * (top["to_households"][0] - 5e3 * persons)
    )


# (c) reproducibility ---------------------------------------------------------------------


# (d) bad input ---------------------------------------------------------------------------


def test_share_fraction_above_one_is_rejected():
    with pytest.raises(ParameterError, match=r"share_fraction must be within \[0, 1\], got 1.3"):
        LandSharesParams(share_fraction=1.3)


def test_unknown_law_is_rejected():
    with pytest.raises(ParameterError, match=r"law must be one of '1998', '2019', got '2004'"):
        LandSharesParams(law="2004")


def test_multiple_outside_the_law_is_rejected():
    with pytest.raises(ParameterError, match=r"land_comp_multiple must be within \[6, 10\]"):
        LandSharesParams(land_comp_multiple=12.0)


def test_negative_area_is_rejected():
    with pytest.raises(ParameterError, match=r"area_mu must be > 0, got -5.0"):
        LandSharesParams(area_mu=-5.0)


def test_nan_rate_is_rejected():
    with pytest.raises(ParameterError, match=r"dividend_rate must be finite, got nan"):
        LandSharesParams(dividend_rate=float("nan"))


def test_zero_persons_is_rejected():
    with pytest.raises(ParameterError, match=r"persons must be >= 1, got 0"):
        LandSharesParams(persons=0)


def test_negative_household_area_is_rejected():
    with pytest.raises(ParameterError, match=r"area_mu must be finite and >= 0, got -1.0"):
        compensation(DEFAULT, np.array([2.0, -1.0]), np.array([3.0, 4.0]))


# (e) horizon -----------------------------------------------------------------------------


def test_zero_horizon_is_rejected():
    with pytest.raises(ParameterError, match="horizon_years must be >= 1"):
        appraise(DEFAULT, horizon_years=0)


def test_zero_horizon_is_rejected_for_cash():
    with pytest.raises(ParameterError, match="horizon_years must be >= 1"):
        cash_alternative(DEFAULT, horizon_years=0)
