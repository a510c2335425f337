"""Tests of the "Double Hundred" hog scheme (hog_double_hundred, registered as "hogs")."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from collective_econ.errors import ParameterError
from collective_econ.schemes.base import STAKEHOLDERS, Stakeholder
from collective_econ.schemes.hogs import (
    BSG_MAX_INCLUSION,
    COSTS,
    MIN_HERD,
    SCHEME,
    HogParams,
    appraise,
    batch_margin,
    batch_schedule,
    pig_price_path,
    piglet_price_at,
    spent_grain_balance,
)

DEFAULT = HogParams()
# the reference's typical values (the modes of UNCERTAINTIES), against which its figures are quoted
MODES = HogParams(
    fcr=3.0, piglet_price=400.0, feed_price=3.0, mortality=0.06, bsg_price=200.0,
    peak_trough_ratio=2.0, outbreak_prob=0.10, asf_prob=0.0,
)  # fmt: skip


def _margin_per_head(params, prices):
    """Margin per hog sold of one farm's batches along price paths (..., months)."""
    _, place, sale = batch_schedule(params.evolve(households=1), prices.shape[-1])
    b = batch_margin(
        params, prices[..., sale], piglet_price=piglet_price_at(params, prices[..., place])
    )
    return b["margin"] / b["hogs_sold"]


# ---- (a) the case's figures -------------------------------------------------------------


def test_default_is_100_households_of_at_least_100_hogs():
    # seed-facts.md §2: support 100 households, each raising 100 or more hogs
    assert DEFAULT.households == 100
    assert DEFAULT.hogs_per_batch == MIN_HERD == 100
    assert SCHEME.name == "hogs"
    assert SCHEME.params_type is HogParams


def test_about_two_batches_and_200_hogs_a_year():
    # domain-reference.md §2a: 100 head standing, about 2 batches/yr -> about 200 hogs sold/yr
    assert DEFAULT.batches_per_year == pytest.approx(2.03, abs=0.01)
    a = appraise(DEFAULT)
    sold_per_farm = a.items["hogs_sold"][2:-1] / DEFAULT.households
    assert np.all((sold_per_farm > 180) & (sold_per_farm < 200))


def test_spent_grain_supply_does_not_bind():
    # domain-reference.md §0 S6 and §2b: 200,000 t beer x 0.186 -> ~37,000 t wet BSG a year;
    # the 100 farms use far less (S6: ~8-9,000 t; this model: ~5,100 t at 20% of diet DM)
    g = spent_grain_balance(DEFAULT)
    assert g.supply_t == pytest.approx(200_000 * 0.186)
    assert 4_000 < g.demand_t < 10_000
    assert not g.binds
    assert g.share == DEFAULT.bsg_inclusion
    assert appraise(DEFAULT).items["bsg_wet_t"].max() < g.supply_t


def test_spent_grain_saving_in_domain_band():
    # domain-reference.md §2b: default saving 8-15% of feed cost, about 60-150 yuan/head (2010)
    g = spent_grain_balance(DEFAULT)
    assert 0.08 <= g.saving_fraction <= 0.15
    assert 60 <= g.saving_per_hog <= 150


def test_cost_structure_at_the_mean_price():
    b = batch_margin(MODES, MODES.hog_price)
    cost = sum(float(b[c]) for c in COSTS)
    feed = float(b["feed_cost"] + b["bsg_cost"] + b["haulage_cost"])
    # domain-reference.md §2a: feed 60-70% of cost (55-60% when piglets are bought)
    assert 0.55 <= feed / cost <= 0.70
    # domain-reference.md §2a: total cost per finished hog 1,100-1,300 yuan (2010)
    assert 1_100 <= cost / float(b["hogs_sold"]) <= 1_300
    # domain-reference.md §2a: +50-150 yuan/head in normal years
    assert 50 <= float(b["margin"] / b["hogs_sold"]) <= 150


def test_price_cycle_period_is_3_to_4_years():
    # domain-reference.md §2a: cycle period 3-4 years; estimated from the FFT peak of a long path
    months = 1_200
    logp = np.log(pig_price_path(DEFAULT, months, np.random.default_rng(7)))
    power = np.abs(np.fft.rfft(logp - logp.mean()))
    freq = np.fft.rfftfreq(months, d=1 / 12)  # cycles per year
    peak = 1 + np.argmax(power[1:])
    assert 3.0 <= 1 / freq[peak] <= 4.0


def test_peak_trough_ratio_about_two():
    # domain-reference.md §2a: normal peak/trough about 2x (9.5 -> 18.4 yuan/kg, 2010-11)
    smooth = pig_price_path(DEFAULT.evolve(price_noise_sd=0.0), 1_200, np.random.default_rng(3))
    ratio = np.percentile(smooth, 95) / np.percentile(smooth, 5)
    assert ratio == pytest.approx(2.0, abs=0.1)


def test_expected_price_is_the_mean_over_phases_and_noise():
    expected = pig_price_path(DEFAULT, 48)
    assert expected.mean() == pytest.approx(DEFAULT.hog_price)
    paths = pig_price_path(DEFAULT, 48, np.random.default_rng(11), size=4_000)
    assert paths.shape == (4_000, 48)
    np.testing.assert_allclose(paths.mean(axis=0), expected, rtol=0.03)


def test_profit_per_head_swings_over_the_cycle():
    # domain-reference.md §2a: about -150 (trough) to +500 (peak) yuan/head in a normal cycle.
    # At a 12 yuan/kg mean and a 2x cycle the trough is 8 yuan/kg, below 2010's 9.5, so the
    # model's 5th percentile is lower, about -260 (docs/schemes/hogs.md).
    prices = pig_price_path(MODES, 240, np.random.default_rng(5), size=200)
    per_head = _margin_per_head(MODES, prices)
    low, mid, high = np.percentile(per_head, [5, 50, 95])
    assert -350 <= low <= -100
    assert 50 <= mid <= 150
    assert 350 <= high <= 650


def test_appraisal_figures():
    # hand check: pens 100 x 100 x 450 = 4.5 M yuan, loan 100 x 40,000 = 4.0 M, grant 1.0 M at t=0
    a = appraise(DEFAULT)
    assert a.items["pen_investment"][0] == 4_500_000
    assert a.items["grant"][0] == 1_000_000
    # bank: a 4.0 M yuan annuity at 5.40% (PBoC 1-3 yr, domain-reference.md §5a) over 3 years
    r = 0.054
    annuity = 4_000_000 * r / (1 - (1 + r) ** -3)
    np.testing.assert_allclose(a.of("bank")[:4], [-4_000_000, annuity, annuity, annuity])
    # the brewery sells the farms grain it would have sold others at the same price
    # (bsg_alt_value = bsg_price by default): no gain, no row
    assert a.involved() == (Stakeholder.HOUSEHOLDS, Stakeholder.GOVERNMENT, Stakeholder.BANK)
    npv = dict(zip(STAKEHOLDERS, a.npv(), strict=True))
    # regression values of this model (8% real, 2010 yuan)
    # at the means of the uncertain inputs (at their modes: +12.96 M to households)
    assert npv["households"] == pytest.approx(-1.51e6, rel=0.02)
    assert npv["government"] == pytest.approx(-2.73e6, rel=0.01)
    assert npv["firm"] == 0.0
    # the bank at its own cost of funds (finance.DiscountRates.lender): the loan pays;
    # at the social 8% the same flows would show a loss
    assert npv["bank"] == pytest.approx(0.310e6, rel=0.01)
    assert a.npv(0.08)[STAKEHOLDERS.index(Stakeholder.BANK)] == pytest.approx(-0.186e6, rel=0.01)
    modes = dict(zip(STAKEHOLDERS, appraise(MODES).npv(), strict=True))
    assert modes["households"] == pytest.approx(12.96e6, rel=0.01)


@pytest.mark.parametrize(
    "name", ["fcr", "piglet_price", "feed_price", "mortality", "bsg_price", "asf_prob"]
)
def test_defaults_of_skewed_inputs_are_their_means(name):
    (u,) = (u for u in SCHEME.uncertainties if u.param == name)
    assert getattr(DEFAULT, name) == pytest.approx(u.distribution.mean)


def test_headline_npv_to_households_has_the_sign_of_the_monte_carlo_mean():
    import collective_econ

    mc = collective_econ.monte_carlo("hogs", n=400, seed=2010)
    k = STAKEHOLDERS.index(Stakeholder.HOUSEHOLDS)
    mean = float(mc.npv()[:, k].mean())
    headline = float(appraise(DEFAULT).npv()[k])
    assert np.sign(headline) == np.sign(mean)
    assert mean < 0  # the scheme loses households money on average (review H1)


def test_an_asf_shock_culls_farms_and_lifts_the_survivors_price():
    from collective_econ.schemes.hogs import draw_asf

    p = DEFAULT.evolve(asf_prob=1.0, asf_cull_share=0.5)
    culled, spike = draw_asf(p, 24, np.random.default_rng(1))
    assert culled.any()
    assert 0.3 <= culled.any(axis=1).mean() <= 1.0
    assert spike.max() == pytest.approx(1.0 + p.asf_price_spike)
    none, flat = draw_asf(DEFAULT.evolve(asf_prob=0.0), 24, np.random.default_rng(1))
    assert not none.any()
    assert np.all(flat == 1.0)


def test_supply_binds_for_a_small_brewery():
    small = DEFAULT.evolve(beer_output_t=10_000.0)  # 1,860 t of wet BSG a year
    g = spent_grain_balance(small)
    assert g.binds
    assert 0 < g.share < small.bsg_inclusion
    per_batch = batch_margin(small, 12.0, bsg_share=g.share)["bsg_wet_t"]
    bought = small.households * small.batches_per_year * float(per_batch)
    assert bought == pytest.approx(g.supply_t)


# ---- (b) properties ---------------------------------------------------------------------

params_st = st.builds(
    HogParams,
    households=st.integers(1, 40),
    hogs_per_batch=st.integers(MIN_HERD, 300),
    hog_price=st.floats(6.0, 20.0),
    per_head_subsidy=st.floats(0.0, 200.0),
    outbreak_prob=st.floats(0.0, 1.0),
    outbreak_loss=st.floats(0.0, 1.0),
    loan_years=st.integers(1, 30),
    pen_life_years=st.integers(1, 25),
    beer_output_t=st.floats(0.0, 300_000.0),
    bsg_inclusion=st.floats(0.0, BSG_MAX_INCLUSION),
)


@given(params_st, st.integers(1, 25), st.integers(0, 2**32 - 1) | st.none())
def test_money_is_conserved_against_the_outside_market(params, horizon, seed):
    rng = None if seed is None else np.random.default_rng(seed)
    a = appraise(params, horizon_years=horizon, rng=rng)
    i = a.items
    outside = (  # hog buyers pay in; piglet, feed, haulage sellers and pen builders are paid;
        # the brewery's other buyers keep what they would have paid for the grain
        i["revenue"]
        - i["bsg_forgone"]
        - i["piglet_cost"]
        - i["feed_cost"]
        - i["haulage_cost"]
        - i["other_cost"]
        - i["pen_investment"]
        + i["residual_value"]
    )
    np.testing.assert_allclose(a.flows.sum(axis=0), outside, rtol=1e-9, atol=1e-3)


@given(params_st, st.floats(1.0, 500.0))
def test_a_head_subsidy_moves_money_from_government_to_households(params, extra):
    base = appraise(params)
    more = appraise(params.evolve(per_head_subsidy=params.per_head_subsidy + extra))
    paid = extra * base.items["hogs_sold"]
    np.testing.assert_allclose(more.of("households") - base.of("households"), paid, atol=1e-6)
    np.testing.assert_allclose(more.of("government") - base.of("government"), -paid, atol=1e-6)


@given(
    st.floats(0.0, 40.0),
    st.floats(0.0, 40.0),
    st.floats(0.0, BSG_MAX_INCLUSION),
    st.floats(0.0, 1.0),
)
def test_a_higher_hog_price_never_lowers_the_margin(p1, p2, share, survival):
    lo, hi = sorted((p1, p2))
    a = batch_margin(DEFAULT, lo, bsg_share=share, survival=survival)
    b = batch_margin(DEFAULT, hi, bsg_share=share, survival=survival)
    assert b["margin"] >= a["margin"] - 1e-9
    assert a["hogs_sold"] + a["culled"] == pytest.approx(MIN_HERD * (1 - DEFAULT.mortality))


@given(st.floats(0.0, 300_000.0), st.integers(1, 500))
def test_bsg_bought_never_exceeds_the_brewery_supply(beer, households):
    p = DEFAULT.evolve(beer_output_t=beer, households=households)
    g = spent_grain_balance(p)
    bought = (
        households * p.batches_per_year * batch_margin(p, 12.0, bsg_share=g.share)["bsg_wet_t"]
    )
    assert float(bought) <= g.supply_t * (1 + 1e-9) + 1e-9
    assert 0.0 <= g.share <= p.bsg_inclusion


# ---- (c) reproducibility ----------------------------------------------------------------


# ---- (d) bad input ----------------------------------------------------------------------


def test_a_herd_below_the_minimum_is_rejected():
    with pytest.raises(ParameterError, match=r"hogs_per_batch must be >= 100, got 80"):
        HogParams(hogs_per_batch=80)


def test_no_households_is_rejected():
    with pytest.raises(ParameterError, match=r"households must be >= 1, got 0"):
        HogParams(households=0)


def test_a_fractional_herd_is_rejected():
    with pytest.raises(ParameterError, match=r"hogs_per_batch must be a whole number"):
        HogParams(hogs_per_batch=120.5)


def test_a_negative_price_is_rejected():
    with pytest.raises(ParameterError, match=r"hog_price must be > 0, got -12.0"):
        HogParams(hog_price=-12.0)


def test_a_nan_feed_price_is_rejected():
    with pytest.raises(ParameterError, match=r"feed_price must be finite, got nan"):
        HogParams(feed_price=float("nan"))


def test_a_mortality_above_one_is_rejected():
    with pytest.raises(ParameterError, match=r"mortality must be within \[0, 0.5\], got 1.2"):
        HogParams(mortality=1.2)


def test_bsg_above_the_inclusion_cap_is_rejected():
    with pytest.raises(ParameterError, match=r"bsg_inclusion must be within \[0, 0.23\], got 0.3"):
        HogParams(bsg_inclusion=0.3)


def test_finishing_lighter_than_the_piglet_is_rejected():
    with pytest.raises(ParameterError, match=r"finish_weight_kg must be > piglet_weight_kg"):
        HogParams(finish_weight_kg=15.0)


def test_batch_margin_rejects_bsg_above_the_cap():
    with pytest.raises(ParameterError, match=r"bsg_share must be within \[0, 0.23\], got 0.5"):
        batch_margin(DEFAULT, 12.0, bsg_share=np.array([0.1, 0.5]))


def test_batch_margin_rejects_survival_above_one():
    with pytest.raises(ParameterError, match=r"survival must be within \[0, 1\], got 1.5"):
        batch_margin(DEFAULT, 12.0, survival=1.5)


# ---- (e) horizon ------------------------------------------------------------------------


def test_zero_horizon_is_rejected():
    with pytest.raises(ParameterError, match=r"horizon_years must be >= 1, got 0"):
        appraise(DEFAULT, horizon_years=0)


def test_the_brewery_gains_its_margin_over_the_grains_other_sale():
    # the brewery's row is (bsg_price - bsg_alt_value) a tonne of the grain the farms take;
    # the farms pay the price whatever the alternative, so their row does not move
    base = appraise(DEFAULT)
    tonnes = base.items["bsg_wet_t"]
    assert tonnes[5] > 0
    assert np.all(base.of("firm") == 0.0)
    for alt in (0.0, 100.0, 300.0):
        a = appraise(DEFAULT.evolve(bsg_alt_value=alt))
        np.testing.assert_allclose(a.of("firm"), (DEFAULT.bsg_price - alt) * tonnes, rtol=1e-12)
        np.testing.assert_allclose(a.items["bsg_forgone"], alt * tonnes, rtol=1e-12)
        np.testing.assert_array_equal(a.of("households"), base.of("households"))
    # with no other use for the grain (alternative value 0), the whole sale is a gain
    free = appraise(DEFAULT.evolve(bsg_alt_value=0.0))
    np.testing.assert_allclose(free.of("firm"), base.items["bsg_cost"], rtol=1e-12)


def test_a_negative_alternative_value_is_refused():
    with pytest.raises(ParameterError, match="bsg_alt_value"):
        HogParams(bsg_alt_value=-1.0)
