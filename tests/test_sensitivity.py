"""Sensitivity analysis: analytic checks (Ishigami, linear models), reproducibility, bad input."""

import csv
import io
import math
from concurrent.futures import ThreadPoolExecutor

import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import sobol_indices

import collective_econ as ce
from collective_econ.distributions import Normal, Triangular, Uniform
from collective_econ.errors import ParameterError, ParameterTypeError, ShapeError
from collective_econ.plotting import sobol_chart, tornado_chart
from collective_econ.sensitivity import (
    appraisal_model,
    chunked,
    morris,
    one_at_a_time,
    sobol,
    switching_values,
)

pytestmark = pytest.mark.floors

# --- Ishigami -----------------------------------------------------------------------------
# f = sin x1 + a sin^2 x2 + b x3^4 sin x1, x_i ~ U(-pi, pi) (Ishigami & Homma 1990).
# Its partial variances are analytic (Sobol' & Levitan 1999; Saltelli et al. 2008, "Global
# Sensitivity Analysis: The Primer", Wiley, ch. 4 test cases):
#   V = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2,  V1 = (1 + b pi^4/5)^2 / 2,  V2 = a^2/8,
#   V3 = 0,  V13 = b^2 pi^8 (1/18 - 1/50) = 8 b^2 pi^8 / 225.
# For a = 7, b = 0.1: S1 = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437).
A, B = 7.0, 0.1
V = A**2 / 8 + B * math.pi**4 / 5 + B**2 * math.pi**8 / 18 + 0.5
V1, V2, V13 = (1 + B * math.pi**4 / 5) ** 2 / 2, A**2 / 8, 8 * B**2 * math.pi**8 / 225
ISHIGAMI_S1 = np.array([V1 / V, V2 / V, 0.0])
ISHIGAMI_ST = np.array([(V1 + V13) / V, V2 / V, V13 / V])
PI = Uniform(low=-math.pi, high=math.pi)
ISHIGAMI_INPUTS = [("x1", PI), ("x2", PI), ("x3", PI)]


def ishigami(x):
    return np.sin(x[:, 0]) + A * np.sin(x[:, 1]) ** 2 + B * x[:, 2] ** 4 * np.sin(x[:, 0])


def test_ishigami_analytic_values_match_the_quoted_ones():
    np.testing.assert_allclose(ISHIGAMI_S1, [0.3139, 0.4424, 0.0], rtol=0, atol=5e-5)
    np.testing.assert_allclose(ISHIGAMI_ST, [0.5576, 0.4424, 0.2437], rtol=0, atol=5e-5)


@pytest.mark.parametrize("seed", [2010, 1, 6])
def test_sobol_recovers_ishigami_indices(seed):
    res = sobol(ishigami, ISHIGAMI_INPUTS, n=2**12, seed=seed)
    assert res.n_runs == 2**12 * 5
    np.testing.assert_allclose(res.S1, ISHIGAMI_S1, rtol=0, atol=0.02)
    np.testing.assert_allclose(res.ST, ISHIGAMI_ST, rtol=0, atol=0.02)
    assert ((res.S1_low <= ISHIGAMI_S1) & (res.S1_high >= ISHIGAMI_S1)).all()
    assert ((res.ST_low <= ISHIGAMI_ST) & (res.ST_high >= ISHIGAMI_ST)).all()


def test_sobol_estimators_equal_scipy_saltelli_2010_on_the_same_runs():
    runs = []

    def recording(x):
        y = ishigami(x)
        runs.append(y)
        return y

    n = 256
    ours = sobol(recording, ISHIGAMI_INPUTS, n=n, seed=3, bootstrap=0)
    y = runs[0]
    theirs = sobol_indices(
        func={"f_A": y[None, :n], "f_B": y[None, n : 2 * n], "f_AB": y[2 * n :].reshape(3, 1, n)},
        n=n,
    )
    np.testing.assert_allclose(ours.S1, theirs.first_order, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(ours.ST, theirs.total_order, rtol=1e-10, atol=1e-12)


def test_sobol_handles_several_outputs_at_once():
    res = sobol(
        lambda x: np.stack([ishigami(x), x[:, 0] + x[:, 1]], axis=1),
        ISHIGAMI_INPUTS,
        n=1024,
        seed=5,
        bootstrap=50,
    )
    assert res.S1.shape == res.ST_high.shape == (3, 2)
    assert res.ST[:, 1] == pytest.approx([0.5, 0.5, 0.0], abs=0.01)
    assert [(r["input"], r["output"]) for r in res.table()][:2] == [("x1", 0), ("x1", 1)]


def test_same_seed_gives_identical_indices_and_another_seed_different_ones():
    a, b = (sobol(ishigami, ISHIGAMI_INPUTS, n=512, seed=42) for _ in range(2))
    c = sobol(ishigami, ISHIGAMI_INPUTS, n=512, seed=43)
    for name in ("S1", "ST", "S1_low", "S1_high", "ST_low", "ST_high"):
        assert np.array_equal(getattr(a, name), getattr(b, name))
    assert not np.array_equal(a.S1, c.S1)
    m1, m2 = (morris(ishigami, ISHIGAMI_INPUTS, seed=7) for _ in range(2))
    assert np.array_equal(m1.effects, m2.effects)


def test_a_chunked_executor_gives_the_serial_result():
    serial = sobol(ishigami, ISHIGAMI_INPUTS, n=256, seed=9)
    with ThreadPoolExecutor(3) as pool:
        parallel = sobol(chunked(ishigami, pool, chunk_size=100), ISHIGAMI_INPUTS, n=256, seed=9)
    assert np.array_equal(serial.S1, parallel.S1)
    assert np.array_equal(serial.ST_high, parallel.ST_high)


@given(
    coefficients=st.lists(st.floats(0.2, 5.0) | st.floats(-5.0, -0.2), min_size=2, max_size=5),
    widths=st.lists(st.floats(0.5, 20.0), min_size=5, max_size=5),
)
def test_for_a_linear_model_s1_sums_to_one_and_equals_st(coefficients, widths):
    k = len(coefficients)
    inputs = [(f"x{i}", Uniform(low=-w / 3, high=2 * w / 3)) for i, w in enumerate(widths[:k])]
    c = np.array(coefficients)
    res = sobol(lambda x: 100.0 + x @ c, inputs, n=1024, seed=0, bootstrap=0)
    exact = (c * np.array(widths[:k])) ** 2 / np.sum((c * np.array(widths[:k])) ** 2)
    assert res.S1.sum() == pytest.approx(1.0, abs=0.03)
    np.testing.assert_allclose(res.S1, res.ST, rtol=0, atol=0.03)
    np.testing.assert_allclose(res.ST, exact, rtol=0, atol=0.03)


# --- Morris ----------------------------------------------------------------------------


@given(
    coefficients=st.lists(st.floats(-10.0, 10.0), min_size=2, max_size=6),
    levels=st.sampled_from([2, 4, 6, 8]),
)
def test_morris_on_a_linear_model_gives_coefficient_times_range(coefficients, levels):
    k = len(coefficients)
    lows, highs = np.arange(k) - 1.0, np.arange(k) + 2.0 * np.arange(1, k + 1)
    inputs = [
        (f"x{i}", Uniform(low=lo, high=hi))
        for i, (lo, hi) in enumerate(zip(lows, highs, strict=True))
    ]
    c = np.array(coefficients)
    res = morris(lambda x: x @ c, inputs, trajectories=6, levels=levels, seed=1)
    expected = np.abs(c) * (highs - lows)
    np.testing.assert_allclose(res.mu_star, expected, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(res.mu, c * (highs - lows), rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(res.sigma, 0.0, atol=1e-9 * (1 + expected.max()))


def test_morris_flags_an_interaction_with_a_nonzero_sigma():
    inputs = [("a", Uniform(low=0.0, high=1.0)), ("b", Uniform(low=0.0, high=1.0))]
    res = morris(lambda x: 3 * x[:, 0] + x[:, 0] * x[:, 1], inputs, trajectories=40, seed=2)
    assert res.sigma[1] > 0.1
    assert res.sigma[0] > 0.1  # a's effect is 3 + b: it varies with b
    assert res.mu_star[0] == pytest.approx(3.5, abs=0.2)
    assert res.effects.shape == (40, 2)


def test_morris_runs_r_times_k_plus_one_rows_in_one_call():
    calls = []
    res = morris(lambda x: calls.append(x.shape) or x.sum(axis=1), ISHIGAMI_INPUTS, seed=0)
    assert calls == [(20 * 4, 3)]
    assert "mu_star" in str(res)


def test_morris_maps_an_unbounded_input_to_finite_values():
    res = morris(lambda x: x[:, 0] + x[:, 1], [("z", Normal(mu=0.0, sd=1.0)), ("x1", PI)], seed=3)
    assert np.isfinite(res.effects).all()


# --- one at a time and switching values -------------------------------------------------

LINEAR_INPUTS = [
    ("price", Triangular(low=10.0, mode=12.0, high=16.0)),
    ("cost", Uniform(low=2.0, high=4.0)),
    ("volume", Triangular(low=900.0, mode=1000.0, high=1300.0)),
]
LINEAR_B = np.array([300.0, -2000.0, 1.5])


def linear(x):
    return 3400.0 + x @ LINEAR_B  # 2,500 at (12, 3, 1000)


def test_tornado_of_a_linear_model_has_swings_coefficient_times_the_90_percent_range():
    t = one_at_a_time(linear, LINEAR_INPUTS)
    ranges = {n: float(d.ppf(0.95) - d.ppf(0.05)) for n, d in LINEAR_INPUTS}
    expected = {n: abs(b) * ranges[n] for (n, _), b in zip(LINEAR_INPUTS, LINEAR_B, strict=True)}
    assert list(t.names) == sorted(expected, key=expected.get, reverse=True)
    assert t.swing == pytest.approx([expected[n] for n in t.names], rel=1e-12)
    medians = np.array([d.ppf(0.5) for _, d in LINEAR_INPUTS])
    assert t.baseline == pytest.approx(float(linear(medians[None, :])[0]))
    row = t.table()[0]
    columns = ["base", "low_value", "high_value", "low_output", "high_output", "swing"]
    assert list(row) == ["input", *columns]


def test_switching_value_of_a_linear_model_is_the_analytic_root():
    base = np.array([12.0, 3.0, 1000.0])
    threshold = 1000.0
    sv = switching_values(linear, LINEAR_INPUTS, threshold, base=base)
    gap = threshold - float(linear(base[None, :])[0])  # 1000 - 2500 = -1500
    roots = base + gap / LINEAR_B  # price 7 (out of range), cost 3.75, volume 0 (out of range)
    assert sv.value[1] == pytest.approx(roots[1], abs=1e-9)
    assert math.isnan(sv.lower[1])
    assert sv.upper[1] == sv.value[1]
    assert sv.quantile[1] == pytest.approx(0.875, abs=1e-9)  # U(2, 4) at 3.75
    assert sv.change[1] == pytest.approx(0.75, abs=1e-9)
    assert math.isnan(sv.value[0])
    assert "stays above 1000" in sv.reason[0]
    assert math.isnan(sv.value[2])
    assert sv.reason[1] == ""


def test_switching_value_found_below_the_base_as_well():
    sv = switching_values(linear, LINEAR_INPUTS, 2000.0, base=[12.0, 3.0, 1000.0])
    assert sv.value[0] == pytest.approx(12.0 - 500.0 / 300.0, abs=1e-9)  # price 10.33
    assert sv.lower[0] == sv.value[0]
    assert math.isnan(sv.upper[0])


def test_results_write_to_csv_and_print():
    t = one_at_a_time(linear, LINEAR_INPUTS)
    sv = switching_values(linear, LINEAR_INPUTS, 1000.0)
    for result in (t, sv):
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(result.table()[0]))
        writer.writeheader()
        writer.writerows(result.table())
        assert len(buffer.getvalue().splitlines()) == 4
        assert all(name in str(result) for name in result.names)


def test_charts_draw_on_given_axes_and_return_them():
    fig, (ax1, ax2) = plt.subplots(1, 2)
    t = one_at_a_time(linear, LINEAR_INPUTS)
    assert tornado_chart(t, ax=ax1, unit="yuan") is ax1
    assert len(ax1.patches) == 2 * len(t.names)
    assert ax1.get_xlabel() == "outcome (yuan)"
    res = sobol(ishigami, ISHIGAMI_INPUTS, n=256, seed=1, bootstrap=50)
    assert sobol_chart(res, ax=ax2) is ax2
    assert len(ax2.patches) == 6
    assert [label.get_text() for label in ax2.get_xticklabels()] == ["x1", "x2", "x3"]
    plt.close(fig)
    new = tornado_chart(t)
    assert new.figure is not fig
    plt.close(new.figure)


# --- appraisal model --------------------------------------------------------------------


def test_hotel_tornado_is_led_by_room_rate_then_margin_and_occupancy():
    evaluate, inputs = appraisal_model("hotel")
    t = one_at_a_time(evaluate, inputs, base=evaluate.base_values)
    households = ce.STAKEHOLDERS.index(ce.Stakeholder.HOUSEHOLDS)
    assert t.baseline == pytest.approx(float(ce.appraise("hotel").npv(0.08)[households]))
    # Revenue = rooms x 365 x occupancy x ADR: ADR's 5-95% range (113-167 yuan) is
    # +-20% around 140, occupancy's (52-63%) only +-9% around 58%, so ADR swings about
    # twice as much; the few months of construction matter least.
    assert t.names[0] == "adr"
    assert "occupancy" in t.names[:3]
    assert t.names[-1] == "construction_months"
    i_adr, i_occ = t.names.index("adr"), t.names.index("occupancy")
    assert t.swing[i_adr] / t.swing[i_occ] == pytest.approx(2.2, abs=0.3)
    assert (t.high_output[[i_adr, i_occ]] > t.low_output[[i_adr, i_occ]]).all()


def test_appraisal_model_rounds_integer_inputs_and_runs_morris_and_sobol():
    evaluate, inputs = appraisal_model("hotel", "households", rate=0.05, horizon_years=15)
    x = np.tile(evaluate.base_values, (2, 1))
    x[1, 3] = 18.4  # construction_months is an int field: rounds to 18
    y = evaluate(x)
    assert y[0] == y[1]
    m = morris(evaluate, inputs, trajectories=4, seed=1)
    s = sobol(evaluate, inputs, n=16, seed=1, bootstrap=20)
    assert m.mu_star.shape == s.S1.shape == (4,)


def test_appraisal_model_switching_values_of_hog_price():
    evaluate, inputs = appraisal_model("hogs")
    sv = switching_values(evaluate, inputs, base=evaluate.base_values)
    i = sv.names.index("hog_price")
    assert sv.baseline < 0
    assert 12.0 < sv.value[i] < 12.5  # the mean live price that makes the hog farms pay
    households = ce.STAKEHOLDERS.index(ce.Stakeholder.HOUSEHOLDS)
    at_root = ce.appraise("hogs", ce.HogParams(hog_price=sv.value[i]))
    assert at_root.npv(0.08)[households] == pytest.approx(0.0, abs=1.0)


def test_appraisal_model_land_shares_switching_values_are_roots():
    # households' NPV of land for shares at defaults is positive; the dividend rate at
    # which it turns to 0 lies below the default, and there the NPV is 0; inputs with
    # no switching value in their range say why
    evaluate, inputs = appraisal_model("land_shares")
    sv = switching_values(evaluate, inputs, base=evaluate.base_values)
    assert sv.baseline > 0
    i = sv.names.index("dividend_rate")
    assert 0 < sv.value[i] < evaluate.base_values[i]
    x = np.array([evaluate.base_values], dtype=float)
    x[0, i] = sv.value[i]
    assert abs(evaluate(x)[0]) < 1e-4 * sv.baseline
    j = sv.names.index("default_prob")
    assert np.isnan(sv.value[j])
    assert sv.reason[j].startswith("stays above 0 over")


# --- bad input --------------------------------------------------------------------------


def test_sobol_sample_size_must_be_a_power_of_two():
    with pytest.raises(ParameterError, match=r"^n must be a power of two such as 1024, got 1000$"):
        sobol(ishigami, ISHIGAMI_INPUTS, n=1000)


def test_sobol_needs_two_inputs():
    with pytest.raises(ParameterError, match="uncertainties must be at least 2 inputs"):
        sobol(lambda x: x[:, 0], ISHIGAMI_INPUTS[:1], n=64)


def test_sobol_confidence_must_be_inside_the_unit_interval():
    with pytest.raises(ParameterError, match=r"confidence must be within \(0, 1\)"):
        sobol(ishigami, ISHIGAMI_INPUTS, n=64, confidence=1.0)


def test_sobol_warns_when_the_outcome_does_not_vary():
    with pytest.warns(RuntimeWarning, match="does not vary"):
        sobol(lambda x: np.ones(len(x)), ISHIGAMI_INPUTS, n=64, bootstrap=0)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"low": 1.2}, r"^low must be within \[0, 1\], got 1.2$"),
        ({"low": 0.6, "high": 0.4}, r"^low must be < high \(0.4\), got 0.6$"),
        ({"high": "0.9"}, "high must be a number"),
    ],
)
def test_tornado_rejects_bad_quantiles(kwargs, message):
    with pytest.raises(ParameterError, match=message):
        one_at_a_time(linear, LINEAR_INPUTS, **kwargs)


def test_tornado_rejects_infinite_quantile_values():
    with pytest.raises(ParameterError, match="low must be a quantile where every input is finite"):
        one_at_a_time(lambda x: x[:, 0], [("z", Normal(mu=0.0, sd=1.0))], low=0.0)


def test_morris_levels_must_be_even():
    with pytest.raises(ParameterError, match=r"^levels must be an even number, got 3$"):
        morris(ishigami, ISHIGAMI_INPUTS, levels=3)


def test_morris_needs_two_trajectories():
    with pytest.raises(ParameterError, match=r"^trajectories must be >= 2, got 1$"):
        morris(ishigami, ISHIGAMI_INPUTS, trajectories=1)


def test_a_model_output_of_the_wrong_length_is_a_shape_error():
    with pytest.raises(ShapeError, match=r"evaluate returned shape \(3,\)"):
        one_at_a_time(lambda x: np.zeros(3), LINEAR_INPUTS)


def test_a_tornado_needs_one_output():
    with pytest.raises(ShapeError, match="a tornado needs one"):
        one_at_a_time(lambda x: np.zeros((len(x), 2)), LINEAR_INPUTS)


def test_base_of_the_wrong_shape_is_a_shape_error():
    with pytest.raises(ShapeError, match=r"base has shape \(2,\); expected \(3,\)"):
        switching_values(linear, LINEAR_INPUTS, base=[1.0, 2.0])


def test_nan_outputs_are_refused():
    with pytest.raises(ParameterError, match="evaluate must be a model with finite outputs"):
        morris(lambda x: np.full(len(x), np.nan), ISHIGAMI_INPUTS, seed=1)


def test_inputs_must_have_distinct_names():
    with pytest.raises(ParameterError, match="uncertainties must be inputs with distinct names"):
        one_at_a_time(linear, [LINEAR_INPUTS[0], LINEAR_INPUTS[0], LINEAR_INPUTS[1]])


def test_inputs_must_be_distributions():
    with pytest.raises(ParameterTypeError, match=r"uncertainties\[1\] must be an Uncertainty"):
        one_at_a_time(linear, [LINEAR_INPUTS[0], ("cost", 3.0)])


def test_chunked_needs_an_executor():
    with pytest.raises(
        ParameterTypeError, match=r"executor must be a concurrent\.futures\.Executor"
    ):
        chunked(linear, object())


def test_appraisal_model_names_unknown_schemes_and_stakeholders():
    with pytest.raises(ParameterError, match="scheme must be one of agro_park"):
        appraisal_model("casino")


def test_appraisal_model_rejects_an_unknown_stakeholder():
    with pytest.raises(ParameterError, match="stakeholder must be one of households"):
        appraisal_model("hotel", "mayor")


def test_sobol_chart_rejects_a_missing_output():
    res = sobol(ishigami, ISHIGAMI_INPUTS, n=64, seed=1, bootstrap=0)
    with pytest.raises(ParameterError, match="output must be the index"):
        sobol_chart(res, output=2)
