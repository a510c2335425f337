"""Scenario discovery (review F2): PRIM, its checks, labels from replications, sentences."""

from __future__ import annotations

import dataclasses
import math
import re
import sys

import numpy as np
import pytest

from collective_econ.cases.caopijie import default_scenario
from collective_econ.decision._prim import _quantiles
from collective_econ.decision.discovery import (
    Box,
    InputLabel,
    cart_boxes,
    describe,
    discover,
    discover_failures,
    holdout,
    input_labels,
    label_futures,
    link_switching,
    peel,
    stability,
)
from collective_econ.decision.robustness import Criterion
from collective_econ.distributions import Uniform
from collective_econ.distributions.uncertainty import Uncertainty
from collective_econ.economy.community import CommunityParams
from collective_econ.errors import MissingDependencyError, ParameterError, ShapeError
from collective_econ.runs import ExperimentSpec, run_experiment
from collective_econ.runs.results import ExperimentResults
from collective_econ.sensitivity import switching_values


def planted(seed: int = 0, n: int = 2000, noise: float = 0.05) -> tuple[np.ndarray, ...]:
    """8 uniform inputs; a case iff x0 < 0.3 and x1 > 0.6; labels flipped w.p. noise."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(size=(n, 8))
    truth = (x[:, 0] < 0.3) & (x[:, 1] > 0.6)
    return x, truth, truth ^ (rng.random(n) < noise)


@pytest.fixture(scope="module")
def data() -> tuple[np.ndarray, ...]:
    return planted()


def test_prim_recovers_planted_box(data: tuple[np.ndarray, ...]) -> None:
    x, _truth, y = data
    box = peel(x, y).choose()
    assert box.restricted == ("x0", "x1")
    assert box.bounds("x0")[0] is None
    assert box.bounds("x1")[1] is None
    assert abs(box.upper[0] - 0.3) <= 0.03
    assert abs(box.lower[1] - 0.6) <= 0.03
    # coverage and density on the data it was fitted on agree with counting
    inside = box.contains(x)
    assert box.n == inside.sum()
    assert box.cases == (inside & y).sum()
    assert box.coverage == pytest.approx((inside & y).sum() / y.sum())
    assert box.density == pytest.approx((inside & y).sum() / inside.sum())


def test_holdout_and_stability(data: tuple[np.ndarray, ...]) -> None:
    x, truth, y = data
    box = peel(x, y).choose()
    hbox, cov, den, held = holdout(x, y, seed=1)
    assert held.sum() == 600
    # on the true (noise-free) labels of the held-out futures
    t_cov, t_den = hbox.evaluate(x[held], truth[held])
    assert t_cov >= 0.85
    assert t_den >= 0.85
    # on the noisy holdout labels density stays high; coverage is capped by the noise
    # outside the box: at most 0.12 * 0.95 / (0.12 * 0.95 + 0.88 * 0.05) = 0.72
    assert den >= 0.85
    assert 0.55 <= cov <= 0.85
    share, per_input = stability(x, y, box, resamples=50, seed=2)
    assert share >= 0.9
    assert per_input[:2].tolist() == [1.0, 1.0]
    assert per_input[2:].max() < 0.1


def test_pruning_is_what_makes_resamples_agree(data: tuple[np.ndarray, ...]) -> None:
    x, _, y = data
    box = peel(x, y).choose()
    share, _ = stability(x, y, box, resamples=20, seed=2, prune=None)
    assert share < 0.9  # bootstrap duplicates draw small peels on irrelevant inputs


def test_trajectory_is_monotone_and_printable(data: tuple[np.ndarray, ...]) -> None:
    x, _, y = data
    traj = peel(x, y)
    peeled = ~traj.pasted
    assert (np.diff(traj.n[peeled]) < 0).all()
    assert traj.coverage[0] == 1.0
    assert traj.mass[0] == 1.0
    assert traj.density[0] == pytest.approx(y.mean())
    assert "coverage" in str(traj)
    assert "start" in str(traj)
    i = traj.select("density", min_density=0.9)
    assert traj.density[i] >= 0.9
    assert traj.coverage[i] == traj.coverage[traj.density >= 0.9].max()
    assert traj.select("last") == len(traj.n) - 1
    assert "x0" in str(traj.box(i))
    with pytest.raises(AttributeError):
        traj.alpha = 0.1  # type: ignore[misc]


def test_quantile_follows_sdtoolkit() -> None:
    s = np.sort(np.array([[1.0, 1.0, 2.0, 3.0, 4.0]]).T, axis=0)
    # (m - 1) q = 0.2: between 1 and 1, ties stepped past to 2 -> midpoint 1.5
    assert _quantiles(s, 0.05)[0] == 1.5
    # upper: (m - 1) 0.95 = 3.8: between 3 and 4 -> 3.5
    assert _quantiles(s, 0.95)[0] == 3.5


def test_bad_inputs_give_one_clear_error(data: tuple[np.ndarray, ...]) -> None:
    x, _, y = data
    bad = x.copy()
    bad[3, 2] = np.nan
    with pytest.raises(ParameterError, match=r"X must be finite everywhere, got '1 NaN"):
        peel(bad, y)
    with pytest.raises(ParameterError, match="y must be both classes present"):
        peel(x, np.zeros(len(y), bool))
    with pytest.raises(ParameterError, match="y must be both classes present"):
        peel(x, np.ones(len(y)))
    for alpha in (0.0, 0.5, -0.1, 0.7):
        with pytest.raises(ParameterError, match=rf"alpha must be in \(0, 0.5\), got {alpha}"):
            peel(x, y, alpha=alpha)
    with pytest.raises(ShapeError, match="y has shape"):
        peel(x, y[:-1])
    with pytest.raises(ShapeError, match="names has 2 entries"):
        peel(x, y, names=["a", "b"])
    with pytest.raises(ParameterError, match="rule must be one of"):
        peel(x, y).choose("best")


def test_labels_from_replication_means() -> None:
    rng = np.random.default_rng(5)
    means = np.array([0.5, 0.79, 0.81, 0.95])
    runs = means[:, None] + rng.normal(0, 0.05, (4, 8))
    lab = label_futures(runs, 0.8, "below")
    assert lab.case.tolist() == (runs.mean(axis=1) < 0.8).tolist()
    assert lab.kept.all()
    dropped = label_futures(runs, 0.8, "below", drop_straddling=True)
    # the two futures near 0.8 straddle it with 8 noisy replications; the others do not
    assert dropped.kept.tolist() == [True, False, False, True]
    assert (dropped.low < dropped.mean).all()
    assert (dropped.high > dropped.mean).all()
    above = label_futures(runs, 0.8, "above")
    assert above.case.tolist() == (runs.mean(axis=1) > 0.8).tolist()
    assert "cases of interest" in str(dropped)
    with pytest.raises(ParameterError, match="direction must be one of"):
        label_futures(runs, 0.8, "under")
    with pytest.raises(ParameterError, match="drop_straddling"):
        label_futures(runs[:, :1], 0.8, drop_straddling=True)


def test_discover_failures_on_replications() -> None:
    rng = np.random.default_rng(11)
    x = rng.uniform(size=(1500, 5))
    fails = (x[:, 0] < 0.3) & (x[:, 1] > 0.6)
    runs = np.where(fails, 0.6, 0.9)[:, None] + rng.normal(0, 0.1, (1500, 6))
    res = discover_failures(
        x, runs, 0.8, "below", names=[f"u{i}" for i in range(5)], resamples=20, seed=3
    )
    assert res.box.restricted == ("u0", "u1")
    assert abs(res.box.upper[0] - 0.3) < 0.03
    assert abs(res.box.lower[1] - 0.6) < 0.03
    assert res.stability >= 0.9
    assert res.holdout_density >= 0.9
    text = str(res)
    assert "stability" in text
    assert "u0 is below" in text
    dropped = discover_failures(x, runs, 0.8, drop_straddling=True, resamples=5, seed=3)
    assert dropped.labels.kept.sum() < 1500
    assert dropped.trajectory.size == dropped.labels.kept.sum()


def test_sentences_name_both_conditions_with_bounds(data: tuple[np.ndarray, ...]) -> None:
    x, _, y = data
    names = ["hogs.hog_price", "land_shares.dividend_rate", *(f"z{i}" for i in range(6))]
    # hog price 8-18 yuan/kg, dividend rate 0-10%: the planted box at 11 yuan/kg and 6%
    scaled = x * np.r_[10.0, 0.1, np.ones(6)] + np.r_[8.0, 0.0, np.zeros(6)]
    box = peel(scaled, y, names=names).choose()
    hog, div = box.upper[0], box.lower[1]
    en = describe(box, subject="The full package")
    zh = describe(box, lang="zh", subject="全套方案")
    assert en == (
        f"The full package fails when the hog price is below {hog:.3g} yuan/kg live "
        f"and the dividend rate is above {100 * div:.3g}%."
    )
    assert zh == (
        f"当生猪价格低于 {hog:.3g} 元/kg（活重）且分红率高于 {100 * div:.3g}%时，全套方案失败。"
    )
    for text in (en, zh):
        nums = [float(v) for v in re.findall(r"\d+\.?\d*", text)]
        assert any(abs(v - hog) < 0.06 for v in nums)
        assert any(abs(v - 100 * div) < 0.06 for v in nums)


def test_labels_from_parameter_units() -> None:
    hog, wage, other = input_labels(
        ["hogs.hog_price", "livelihood.casual_wage_month", "mystery"],
        {"mystery": InputLabel("mystery input", "神秘", "yuan")},
    )
    assert hog.unit == "yuan/kg live"
    assert hog.zh == "生猪价格"
    assert wage.en == "casual wage month"
    assert wage.unit
    assert other.zh == "神秘"
    assert InputLabel("rate", "", "1/yr").value(0.041) == "4.1%"
    assert InputLabel("wage scale", "", "ratio").value(1.25) == "1.25"
    fcr = input_labels(["hogs.fcr"])[0]
    assert (fcr.en, fcr.zh) == ("feed conversion ratio", "料肉比")
    assert fcr.value(3.2, "zh") == "3.2 kg 饲料/kg 增重"
    assert InputLabel("price", "", "yuan/mu").value(1200.0, "zh") == "1.2e+03 元/亩"


def test_uncertainties_name_the_inputs() -> None:
    x, _, y = planted(n=600, noise=0.0)
    dist = Uniform(low=0.0, high=1.0)
    us = [Uncertainty("hogs.hog_price", dist), *(Uncertainty(f"s.f{i}", dist) for i in range(7))]
    box = peel(x, y, names=us).choose()
    assert box.restricted == ("hogs.hog_price", "s.f0")
    assert box.labels[0] == InputLabel("hog price", "生猪价格", "yuan/kg live")
    assert describe(box).startswith("The policy fails when the hog price is below")


def test_switching_values_linked_to_bounds() -> None:
    # outcome falls with a low hog price: restored share 0.05 per yuan/kg above 0
    def model(xx: np.ndarray) -> np.ndarray:
        return 0.05 * xx[:, 0] + 0.0 * xx[:, 1]

    sv = switching_values(
        model,
        [("hogs.hog_price", Uniform(low=8.0, high=18.0)), ("x", Uniform(low=0.0, high=1.0))],
        0.6,
    )
    assert sv.value[0] == pytest.approx(12.0)
    names = ("hogs.hog_price", "x")
    box = Box(
        names, np.array([8.0, 0.0]), np.array([13.2, 1.0]), ("hogs.hog_price",),
        0.8, 0.9, 0.1, 100, 90, input_labels(names),
        np.array([True, True]), np.array([False, True]),
    )  # fmt: skip
    (en,) = link_switching(box, sv)
    assert "12 yuan/kg live (its switching value)" in en
    assert "1.2 yuan/kg live above" in en
    (zh,) = link_switching(box, sv, lang="zh")
    assert "12 元/kg（活重）" in zh
    assert "高 1.2" in zh
    full = describe(box, switching=sv)
    assert full.startswith("The policy fails when the hog price is below 13.2")
    assert en in full


def test_discover_on_experiment_results() -> None:
    rng = np.random.default_rng(2)
    design = rng.uniform(size=(400, 3))
    fails = design[:, 0] < 0.4
    vals = np.where(fails, 0.5, 0.95)[:, None] + rng.normal(0, 0.02, (400, 3))
    outcomes = {"restored_within_5y": np.stack([vals, vals + 1])}
    empty = np.zeros(0)
    res = ExperimentResults(
        ("full", "none"), np.arange(2010, 2012), ("hogs.hog_price", "a.b", "c.d"),
        design, outcomes, np.zeros((2, 400, 3, 1)), np.zeros((2, 400, 3), np.int64), {},
        empty, empty, empty,
    )  # fmt: skip
    out = discover(res, "full", Criterion("restored_within_5y", ">=", 0.8), resamples=5)
    assert out.box.restricted == ("hogs.hog_price",)
    assert out.box.upper[0] == pytest.approx(0.4, abs=0.03)
    assert out.labels.case.sum() == fails.sum()
    with pytest.raises(ParameterError, match="policy"):
        discover(res, "ful", Criterion("restored_within_5y", ">=", 0.8))
    with pytest.raises(ParameterError, match="threshold must be a threshold that some futures"):
        discover(res, "none", Criterion("restored_within_5y", ">=", 0.8))


def test_cart_boxes_same_format(data: tuple[np.ndarray, ...]) -> None:
    pytest.importorskip("sklearn")
    x, _truth, y = data
    boxes = cart_boxes(x, y, max_depth=2)
    assert boxes
    assert isinstance(boxes[0], Box)
    top = boxes[0]
    assert set(top.restricted) == {"x0", "x1"}
    assert abs(top.upper[0] - 0.3) < 0.03
    assert abs(top.lower[1] - 0.6) < 0.03
    assert top.density > 0.85
    assert "x0 is below" in describe(top)


def test_cart_without_scikit_learn_names_it(
    data: tuple[np.ndarray, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "sklearn.tree", None)  # import fails
    with pytest.raises(MissingDependencyError, match="needs scikit-learn: pip install"):
        cart_boxes(data[0], data[2])


@pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore:The inplace keyword")
def test_matches_ema_workbench_prim(data: tuple[np.ndarray, ...]) -> None:
    pd = pytest.importorskip("pandas")
    ema_prim = pytest.importorskip("ema_workbench.analysis.prim")
    x, _, y = data
    for alpha in (0.05, 0.1):
        ours = peel(x, y, alpha=alpha, paste_alpha=0.05, mass_min=0.05)
        frame = pd.DataFrame(x, columns=[f"x{i}" for i in range(8)])
        theirs = ema_prim.Prim(
            frame, y.astype(int), threshold=0.5, peel_alpha=alpha, paste_alpha=0.05,
            mass_min=0.05,
        ).find_box()  # fmt: skip
        traj = theirs.peeling_trajectory
        assert len(traj) == len(ours.n)
        np.testing.assert_allclose(ours.coverage, traj["coverage"].to_numpy(), atol=1e-9)
        np.testing.assert_allclose(ours.density, traj["density"].to_numpy(), atol=1e-9)
        last = ours.box(-1)
        assert math.isclose(last.coverage, theirs.coverage, abs_tol=1e-9)
        assert math.isclose(last.density, theirs.density, abs_tol=1e-9)
        lims = theirs.box_lims[-1]
        np.testing.assert_allclose(last.lower, lims.iloc[0].to_numpy(float), atol=1e-12)
        np.testing.assert_allclose(last.upper, lims.iloc[1].to_numpy(float), atol=1e-12)


@pytest.mark.slow
def test_discover_on_the_default_case() -> None:
    """A small experiment of the default case: where does the full package do worst?"""
    sc = dataclasses.replace(
        default_scenario(),
        horizon_years=6,
        community=CommunityParams(residents=600, agricultural_residents=400),
    )
    spec = ExperimentSpec(
        policies=("full package",),
        uncertainties=(
            Uncertainty("hogs.hog_price", Uniform(low=9.0, high=20.0)),
            Uncertainty("land_shares.dividend_rate", Uniform(low=0.02, high=0.12)),
        ),
        design="lhs",
        samples=40,
        replications=2,
        common_seeds=True,
        seed=7,
    )
    res = run_experiment(sc, spec)
    means = res.sel("restored_within_5y", policy="full package").mean(axis=1)
    threshold = float(np.median(means))
    d = discover(
        res,
        "full package",
        Criterion("restored_within_5y", ">=", threshold),
        subject="The full package",
        subject_zh="全套方案",
        resamples=20,
    )
    assert d.labels.case.sum() == (means < threshold).sum()
    assert "hogs.hog_price" in d.box.restricted
    lo, hi = d.box.bounds("hogs.hog_price")
    assert hi is not None  # fails at low hog prices
    assert lo is None
    assert f"the hog price is below {hi:.3g} yuan/kg live" in d.sentence("en")
    assert f"生猪价格低于 {hi:.3g} 元/kg（活重）" in d.sentence("zh")
