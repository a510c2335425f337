"""The plots draw the comparison's own numbers, readably, in English or Chinese."""

import os
import string
import subprocess
import sys
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from collective_econ import metrics, plotting
from collective_econ.appraisal import appraise, monte_carlo
from collective_econ.cases.caopijie import default_scenario
from collective_econ.economy.community import CommunityParams
from collective_econ.economy.ledger import INCOME_SOURCES, Source
from collective_econ.errors import ParameterError
from collective_econ.finance import DiscountRates
from collective_econ.plotting import (
    cash_flow_chart,
    fan_chart,
    income_by_source_chart,
    income_distribution,
    lorenz_chart,
    poverty_chart,
    save_figures,
    winners_losers_chart,
)
from collective_econ.plotting import labels as plot_labels
from collective_econ.runs.comparison import compare
from collective_econ.scenario import Scenario
from collective_econ.schemes import SCHEMES
from collective_econ.schemes.base import STAKEHOLDERS, Stakeholder

LINE = 2300.0


@pytest.fixture(scope="module")
def cmp():
    scenario = Scenario(
        "t",
        default_scenario().policies[:3],
        community=CommunityParams(residents=1500, agricultural_residents=900),
        horizon_years=3,
    )
    return compare(scenario, replications=2, seed=1)


@pytest.fixture(autouse=True)
def no_leak():
    """Each test closes what it drew: no figure outlives it."""
    before = set(plt.get_fignums())
    yield
    for number in set(plt.get_fignums()) - before:
        plt.close(number)


def _texts(legend):
    return [t.get_text() for t in legend.get_texts()]


def _line(ax, label):
    (line,) = [ln for ln in ax.get_lines() if ln.get_label() == label]
    return line


# --- every plot: a title, a unit on the y-axis, the policies' names ------------------------------


def _anatomy(drawn):
    """(title, y-label, texts that name the policies) of an Axes or multi-panel Figure."""
    if isinstance(drawn, Figure):
        legends = [t for lg in drawn.legends for t in _texts(lg)]
        legends += [t for ax in drawn.axes if ax.get_legend() for t in _texts(ax.get_legend())]
        names = legends + [ax.get_title() for ax in drawn.axes]
        return drawn.get_suptitle(), drawn.axes[0].get_ylabel(), names
    names = _texts(drawn.get_legend()) if drawn.get_legend() else []
    names += [t.get_text().replace("\n", " ") for t in drawn.get_xticklabels()]
    return drawn.get_title(), drawn.get_ylabel(), names


PLOTS = {
    "fan": lambda c, **kw: fan_chart(c, **kw),
    "ecdf": lambda c, **kw: income_distribution(c, **kw),
    "violin": lambda c, **kw: income_distribution(c, kind="violin", **kw),
    "lorenz": lambda c, **kw: lorenz_chart(c, **kw),
    "sources": lambda c, **kw: income_by_source_chart(c, **kw),
    "sources_mean": lambda c, **kw: income_by_source_chart(c, over_time=False, **kw),
    "headcount": lambda c, **kw: poverty_chart(c, **kw),
    "gap": lambda c, **kw: poverty_chart(c, measure="gap", **kw),
    "poverty_both": lambda c, **kw: poverty_chart(c, measure="both", **kw),
    "winners": lambda c, **kw: winners_losers_chart(c, **kw),
}
MULTI_PANEL = {"sources", "poverty_both"}


@pytest.mark.parametrize("name", list(PLOTS))
def test_each_plot_has_a_title_a_unit_and_the_policy_names(cmp, name):
    drawn = PLOTS[name](cmp)
    assert isinstance(drawn, Figure if name in MULTI_PANEL else Axes)
    title, ylabel, names = _anatomy(drawn)
    assert title.strip()
    assert "yuan" in ylabel or "%" in ylabel
    policies = cmp.policies[1:] if name == "winners" else cmp.policies
    assert all(any(p in text for text in names) for p in policies), (policies, names)


@pytest.mark.parametrize("name", sorted(set(PLOTS) - MULTI_PANEL))
def test_plots_draw_on_the_axes_they_are_given(cmp, name):
    fig, ax = plt.subplots()
    figures = len(plt.get_fignums())
    assert PLOTS[name](cmp, ax=ax) is ax
    assert len(plt.get_fignums()) == figures  # no new figure
    assert fig.axes[0] is ax


def test_importing_the_plots_does_not_import_matplotlib():
    code = "import sys, collective_econ.plotting; print('matplotlib' in sys.modules)"
    env = {"PYTHONPATH": os.pathsep.join(sys.path), "PATH": os.environ.get("PATH", "")}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert out.stdout.strip() == "False"


# --- the data drawn are the comparison's numbers -------------------------------------------------


def test_fan_chart_draws_the_person_weighted_median_and_the_level_before(cmp):
    ax = fan_chart(cmp)
    fan = cmp.fan()
    for i, p in enumerate(cmp.policies):
        line = _line(ax, p)
        np.testing.assert_array_equal(line.get_xdata(), cmp.years)
        np.testing.assert_allclose(line.get_ydata(), fan[i, 1])
    before = metrics.weighted_quantile(cmp.baseline, 0.5, weights=cmp.size)
    (ref,) = [ln for ln in ax.get_lines() if ln.get_label().startswith("before losing land")]
    assert ref.get_ydata()[0] == pytest.approx(before)
    assert f"{before:,.0f}" in ref.get_label()


def test_ecdf_crosses_the_poverty_line_at_the_headcount(cmp):
    ax = income_distribution(cmp, year=-1)
    # the distribution charts weight households by the persons present that year, as the
    # runs' outcomes: the crossing is the recorded headcount, replications pooled
    w = cmp.persons[:, :, -1]
    below_line = (cmp.per_capita[:, :, -1] < LINE) * w
    head = below_line.sum(axis=(1, 2)) / w.sum(axis=(1, 2))
    for i, p in enumerate(cmp.policies):
        line = _line(ax, p)
        x, y = np.asarray(line.get_xdata()), np.asarray(line.get_ydata())
        below = np.flatnonzero(x < LINE)
        share = y[below[-1]] if below.size else 0.0
        assert share == pytest.approx(100 * head[i])
        assert y[-1] == pytest.approx(100.0)
    assert str(int(cmp.years[-1])) in ax.get_title()


def test_violins_mark_the_same_median_as_the_fan_chart(cmp):
    ax = income_distribution(cmp, year=1, kind="violin")
    segments = ax.collections[-1].get_segments()
    medians = [seg[0][1] for seg in segments]
    np.testing.assert_allclose(medians, cmp.fan()[:, 1, 1])


def test_a_calendar_year_and_its_index_draw_the_same(cmp):
    first = income_distribution(cmp, year=int(cmp.years[1]))
    second = income_distribution(cmp, year=1)
    p = cmp.policies[0]
    np.testing.assert_array_equal(_line(first, p).get_xdata(), _line(second, p).get_xdata())


def test_lorenz_curves_pool_replications_and_the_legend_gives_the_mean_gini(cmp):
    ax = lorenz_chart(cmp, year=-1)
    gini = cmp.gini()[:, :, -1].mean(axis=1)
    texts = _texts(ax.get_legend())
    for i, p in enumerate(cmp.policies):
        label = f"{p} (Gini {gini[i]:.2f})"
        assert label in texts
        x, w = cmp.per_capita[i, :, -1, :].ravel(), cmp.persons[i, :, -1, :].ravel()
        share, curve = metrics.lorenz(x[w > 0], w[w > 0])
        line = _line(ax, label)
        np.testing.assert_allclose(line.get_xdata(), 100 * share)
        np.testing.assert_allclose(line.get_ydata(), 100 * curve)


def test_income_by_source_adds_up_to_mean_income_per_person(cmp):
    fig = income_by_source_chart(cmp)
    assert [ax.get_title() for ax in fig.axes] == list(cmp.policies)
    mean = cmp.results.mean("mean_income")  # the outcome the tables print, per year
    for i, ax in enumerate(fig.axes):
        (total,) = [ln for ln in ax.get_lines() if ln.get_linewidth() == 2]
        np.testing.assert_allclose(total.get_ydata(), mean[i])
    legend = _texts(fig.legends[0])
    assert "wages" in legend
    assert "total income (net)" in legend


def test_income_by_source_bars_stack_the_horizon_mean(cmp):
    ax = income_by_source_chart(cmp, over_time=False)
    mean = cmp.results.mean("mean_income").mean(axis=1)
    (diamonds,) = [ln for ln in ax.get_lines() if ln.get_marker() == "D"]
    np.testing.assert_allclose(diamonds.get_ydata(), mean)
    by_source = cmp.results.mean("income_by_source")
    wages = by_source[..., INCOME_SOURCES.index(Source.WAGE)].mean(axis=1)
    heights = sorted(round(r.get_height(), 6) for r in ax.patches)
    for w in wages:
        assert round(w, 6) in heights


def test_poverty_lines_are_the_mean_fgt_over_replications(cmp):
    head = poverty_chart(cmp, line=LINE)
    gap = poverty_chart(cmp, line=LINE, measure="gap")
    both = poverty_chart(cmp, line=LINE, measure="both")
    assert len(both.axes) == 2
    for ax, alpha in ((head, 0), (gap, 1)):
        values = 100 * cmp.poverty(LINE, alpha=alpha).mean(axis=1)
        for i, p in enumerate(cmp.policies):
            np.testing.assert_allclose(_line(ax, p).get_ydata(), values[i])
            np.testing.assert_allclose(_line(both.axes[alpha], p).get_ydata(), values[i])
    assert "2,300" in head.get_title()


def test_winners_losers_bars_are_the_paired_shares(cmp):
    base = cmp.policies[1]
    ax = winners_losers_chart(cmp, baseline=base)
    others = [p for p in cmp.policies if p != base]
    heights = [r.get_height() for r in ax.patches if r.get_width() == pytest.approx(0.6)]
    expected = []
    for p in others:
        wl = cmp.winners_losers(p, base)
        expected += [100 * wl.better, -100 * wl.worse]
    np.testing.assert_allclose(heights, expected)
    assert base in ax.get_title()


def test_cash_flow_chart_draws_cumulative_flows_and_their_npv():
    hotel = appraise("hotel")
    ax = cash_flow_chart(hotel)
    assert ax.get_title() == "Hotel: cumulative net cash flow by stakeholder (NPV at 8%)"
    assert "million yuan" in ax.get_ylabel()
    texts = _texts(ax.get_legend())
    npv = hotel.npv()  # each at its rate: the bank at its cost of funds, named in its entry
    for who in hotel.involved():
        j = STAKEHOLDERS.index(who)
        label = plot_labels.LABELS["en"][f"stakeholder.{who.value}"]
        if who == Stakeholder.BANK:
            label += f" ({100 * DiscountRates().lender:g}%)"
        (line,) = [ln for ln in ax.get_lines() if ln.get_label().startswith(label + ":")]
        np.testing.assert_allclose(np.asarray(line.get_ydata()) * 1e6, np.cumsum(hotel.flows[j]))
        assert plot_labels.money(float(npv[j]), "en") in line.get_label()
    households = next(t for t in texts if t.startswith("households"))
    irr = hotel.irr()[STAKEHOLDERS.index(Stakeholder.HOUSEHOLDS)]
    assert f"IRR {irr:.1%}" in households


def test_cash_flow_chart_shows_the_monte_carlo_spread():
    mc = monte_carlo("hotel", n=40, seed=3)
    ax = cash_flow_chart(mc, rate=0.05)
    assert "NPV at 5%" in ax.get_title()
    households = next(t for t in _texts(ax.get_legend()) if t.startswith("households"))
    npv = mc.npv(0.05)[:, STAKEHOLDERS.index(Stakeholder.HOUSEHOLDS)] / 1e6
    p5, p50, p95 = np.percentile(npv, [5, 50, 95])
    assert f"NPV {p50:.2f} ({p5:.2f} to {p95:.2f}) million yuan" in households
    assert any("40 Monte Carlo samples" in t for t in _texts(ax.get_legend()))
    assert len(ax.collections) >= len(mc.involved())  # one band per stakeholder


# --- bad arguments -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("draw", "field"),
    [
        (lambda c: income_distribution(c, kind="box"), "kind"),
        (lambda c: income_distribution(c, year=99), "year"),
        (lambda c: poverty_chart(c, measure="severity"), "measure"),
        (lambda c: poverty_chart(c, line=-1.0), "line"),
        (lambda c: winners_losers_chart(c, baseline="no such policy"), "baseline"),
        (lambda c: fan_chart(c, lang="fr"), "lang"),
        (lambda c: income_by_source_chart(c, ax=[plt.gca()]), "ax"),
    ],
)
def test_bad_arguments_name_the_field(cmp, draw, field):
    with pytest.raises(ParameterError) as err:
        draw(cmp)
    assert err.value.field == field


# --- languages and fonts -------------------------------------------------------------------------


def test_without_a_cjk_font_chinese_falls_back_to_english_with_a_warning(cmp, monkeypatch):
    monkeypatch.setattr(plotting._style, "find_cjk_font", lambda: None)
    with pytest.warns(UserWarning, match="fonts-noto-cjk") as record:
        ax = fan_chart(cmp, lang="zh")
    assert record[0].filename == __file__  # the warning points at the caller
    assert ax.get_title() == plot_labels.LABELS["en"]["fan.title"]


def test_with_a_cjk_font_labels_are_chinese_in_that_font(cmp, monkeypatch):
    monkeypatch.setattr(
        plotting._style,
        "find_cjk_font",
        lambda: "DejaVu Serif",
    )  # stands in for one
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = income_by_source_chart(cmp, over_time=False, lang="zh")
        fig = poverty_chart(cmp, measure="both", lang="zh")
    zh = plot_labels.LABELS["zh"]
    assert ax.get_title().startswith("失地农户的收入来源")
    assert ax.get_ylabel() == zh["income_unit"]
    assert "工资" in _texts(ax.get_legend())
    ticks = [t.get_text().replace("\n", " ") for t in ax.get_xticklabels()]
    assert "全部现金补偿 (cash only)" in ticks
    assert ax.title.get_fontfamily()[0] == "DejaVu Serif"
    assert all(t.get_fontfamily()[0] == "DejaVu Serif" for t in ax.get_yticklabels())
    assert fig.axes[0].get_title() == zh["poverty.headcount"]


def test_chinese_on_this_machine_uses_a_cjk_font_or_warns(cmp):
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        ax = lorenz_chart(cmp, lang="zh")
    fell_back = [w for w in record if "fonts-noto-cjk" in str(w.message)]
    found = plotting.find_cjk_font() is not None
    assert bool(fell_back) is not found
    assert ax.get_xlabel() == plot_labels.LABELS["zh" if found else "en"]["lorenz.xlabel"]


def _fields(template):
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


def test_every_label_exists_in_both_languages_with_the_same_fields():
    en, zh = plot_labels.LABELS["en"], plot_labels.LABELS["zh"]
    assert en.keys() == zh.keys()
    assert all(_fields(en[k]) == _fields(zh[k]) for k in en)
    wanted = {f"source.{s.name.lower()}" for s in INCOME_SOURCES}
    wanted |= {f"stakeholder.{s.value}" for s in STAKEHOLDERS}
    wanted |= {f"scheme.{name}" for name in SCHEMES}
    assert wanted <= en.keys()
    assert set(plot_labels.POLICY_NAMES_ZH) == set(default_scenario().policy_names)


# --- saving --------------------------------------------------------------------------------------


def test_save_figures_writes_pngs_and_closes_every_figure(cmp, tmp_path):
    open_before = len(plt.get_fignums())
    paths = save_figures(cmp, tmp_path / "figures")
    assert len(plt.get_fignums()) == open_before
    assert [p.name for p in paths] == [
        "income_fan.png",
        "income_distribution.png",
        "lorenz.png",
        "income_by_source.png",
        "income_by_source_mean.png",
        "poverty.png",
        "winners_losers.png",
    ]
    for p in paths:
        assert p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_one_policy_and_one_replication_still_draw(tmp_path):
    scenario = Scenario(
        "one",
        default_scenario().policies[:1],
        community=CommunityParams(residents=600, agricultural_residents=400),
        horizon_years=2,
    )
    single = compare(scenario, replications=1, seed=2)
    paths = save_figures(single, tmp_path)
    assert "winners_losers.png" not in [p.name for p in paths]
    assert len(paths) == 6
    with pytest.raises(ParameterError, match="at least two policies"):
        winners_losers_chart(single)


def test_save_figures_warns_once_when_chinese_cannot_be_drawn(cmp, tmp_path, monkeypatch):
    monkeypatch.setattr(plotting._style, "find_cjk_font", lambda: None)
    with pytest.warns(UserWarning, match="fonts-noto-cjk") as record:
        paths = save_figures(cmp, tmp_path, lang="zh")
    assert len([w for w in record if "fonts-noto-cjk" in str(w.message)]) == 1
    assert record[0].filename == __file__
    assert len(paths) == 7
