"""The county's own cost in the robustness analysis: a metric a criterion may judge, and shown.

The cost to the county's own budget of each run is ``runs.decision.county_costs`` (the
decision table's function: ``books_npv`` split by ``funding.split``); here it is checked
against the net public cost it is a part of (all shares 1: the same; all 0: nothing),
against each item's share (a share moves only the policies with that item), and its
summaries across futures (worst, best, regret) against plain loops.
"""

from __future__ import annotations

import dataclasses
import html

import matplotlib.pyplot as plt
import numpy as np
import pytest

from collective_econ.cases.caopijie import default_scenario
from collective_econ.decision.robustness import (
    COUNTY_COST,
    CostAcross,
    Criterion,
    Robustness,
    outcome_values,
    robust,
    robustness,
)
from collective_econ.distributions import Triangular
from collective_econ.economy.community import CommunityParams
from collective_econ.errors import ParameterError
from collective_econ.funding import FundingShares
from collective_econ.plotting.decision import robustness_cost_chart, robustness_cost_figure
from collective_econ.plotting.labels import money_unit
from collective_econ.report.decision import decision_page
from collective_econ.runs import ExperimentSpec, run_experiment
from collective_econ.runs.decision import books_npv, county_costs
from collective_econ.runs.outcomes import OUTCOMES
from collective_econ.schemes.base import Uncertainty

ITEMS = OUTCOMES["county_books"].labels
ALL_ONE = FundingShares.every(1.0)
ALL_ZERO = FundingShares.every(0.0)
POLICIES = ("cash only", "80% shares", "full package")
RATE = Uncertainty("land_shares.dividend_rate", Triangular(low=0.04, mode=0.08, high=0.12))


def small():
    return dataclasses.replace(
        default_scenario(),
        horizon_years=6,
        community=CommunityParams(residents=600, agricultural_residents=400),
    )


@pytest.fixture(scope="module")
def runs():
    """3 policies x 3 futures x 2 replications of a small community, common random numbers."""
    spec = ExperimentSpec(policies=POLICIES, uncertainties=(RATE,), design="lhs", samples=3,
                          replications=2, seed=5, common_seeds=True)  # fmt: skip
    return run_experiment(small(), spec)


# --- the metric on real runs ---------------------------------------------------------------


def test_with_every_share_one_the_county_pays_the_net_public_cost(runs):
    county = outcome_values(runs, COUNTY_COST, ALL_ONE)
    total = runs.sel("fiscal_cost_npv")
    assert county.shape == total.shape == (3, 3, 2)
    assert np.abs(total).max() > 1e6  # a real cost, not zeros
    np.testing.assert_allclose(county, total, rtol=1e-9, atol=1.0)
    # and a criterion on it judges as one on the net public cost
    args = {
        "policies": runs.policies,
        "n_boot": 200,
        "seed": 3,
        "resample": "futures and replications",
    }
    # the threshold between two futures' means, never on one: the county's cost is the net
    # public cost summed item by item, equal up to rounding (a few 1e-9 yuan), which must
    # not decide a tie (futures whose runs cost the same tie at the median)
    means = np.unique(total.mean(axis=2))
    k = len(means) // 2
    threshold = float(means[k - 1] + means[k]) / 2.0
    on_county = robustness(county, total, Criterion(COUNTY_COST, "<=", threshold), **args)
    on_total = robustness(total, total, Criterion("fiscal_cost_npv", "<=", threshold), **args)
    assert on_total.satisfied.any()  # it tells runs apart
    assert not on_total.satisfied.all()
    np.testing.assert_array_equal(on_county.satisfied, on_total.satisfied)
    np.testing.assert_allclose(on_county.max_regret, on_total.max_regret, atol=1.0)
    assert on_county.minimax == on_total.minimax


def test_with_every_share_zero_the_county_pays_nothing(runs):
    county = outcome_values(runs, COUNTY_COST, ALL_ZERO)
    assert np.all(county == 0.0)


def test_a_share_moves_only_the_policies_that_have_that_item(runs):
    """Taxes come only from the schemes' firms: their share moves the full package alone."""
    books = runs.sel("county_books")
    taxes = np.abs(books[..., ITEMS.index("taxes")]).sum(axis=(1, 2, 3))
    assert taxes[POLICIES.index("cash only")] == 0.0
    assert taxes[POLICIES.index("full package")] > 0.0
    kept = outcome_values(runs, COUNTY_COST, FundingShares(taxes=0.3, taxes_after_reform=0.3))
    all_kept = outcome_values(runs, COUNTY_COST, FundingShares(taxes=1.0, taxes_after_reform=1.0))
    moved = np.abs(all_kept - kept).max(axis=(1, 2))
    assert moved[POLICIES.index("cash only")] == 0.0
    assert moved[POLICIES.index("80% shares")] == 0.0
    # keeping more of a receipt lowers the county's cost, by the extra share of it
    i = POLICIES.index("full package")
    assert np.all(all_kept[i] <= kept[i])
    assert moved[i] > 0.0
    taxes_npv = books_npv(books[i])[..., ITEMS.index("taxes")]  # received: positive
    np.testing.assert_allclose(kept[i] - all_kept[i], 0.7 * taxes_npv, rtol=1e-9)


def test_robust_summarises_the_county_cost_by_the_scenario_funding():
    sc = dataclasses.replace(small(), funding=ALL_ONE)
    r = robust(sc, (RATE,), policies=POLICIES[:2], futures=3, replications=2, seed=5, n_boot=200)
    assert r.county is not None
    np.testing.assert_allclose(r.county.means, r.total.means, rtol=1e-9, atol=1.0)
    np.testing.assert_allclose(r.county.expected, r.total.expected, rtol=1e-9, atol=1.0)
    np.testing.assert_allclose(r.extra_cost(county=True), r.extra_cost(), rtol=1e-6, atol=1.0)
    # the funding given overrides the scenario's; a criterion on the county's cost
    on_county = Criterion(COUNTY_COST, "<=", 1.0)
    z = robust(sc, (RATE,), policies=POLICIES[:2], futures=3, replications=2, seed=5,
               n_boot=200, funding=ALL_ZERO, criterion=on_county)  # fmt: skip
    assert z.county is not None
    assert np.all(z.county.means == 0.0)
    assert np.all(z.values == 0.0)
    assert z.satisficing.tolist() == [1.0, 1.0]


# --- the summaries across futures, on a toy ----------------------------------------------


def toy_books(dibao_a: float = 4e6, wages_b: float = 3e6, futures: int = 8, reps: int = 2):
    """County books (policies, futures, replications, years, items): A pays dibao, B wages.

    Policy A's dibao grows across the futures, policy B's wage subsidies do not: A is
    cheaper to the county while the county pays a fifth of the dibao, dearer at all of it.
    """
    years = 3
    books = np.zeros((2, futures, reps, years, len(ITEMS)))
    growth = np.linspace(0.5, 1.5, futures)[:, None, None]
    books[0, ..., ITEMS.index("dibao")] = -dibao_a / years * growth
    books[1, ..., ITEMS.index("wage_subsidies")] = -wages_b / years
    books[..., 1, :, :] *= 1.01  # the second replication a little dearer
    return books


def test_the_cheapest_choice_follows_the_county_share_of_an_item():
    books = toy_books()
    values = np.ones(books.shape[:3])  # every policy satisfices alike
    total = -books.sum(axis=-1).sum(axis=-1)  # undiscounted: only the county part is tested
    choice = {}
    for dibao in (0.2, 1.0):
        county = county_costs(books, ITEMS, FundingShares(dibao=dibao))
        r = robustness(values, total, policies=("A", "B"), county_costs=county, n_boot=200)
        assert r.county is not None
        choice[dibao] = (r.policies[r.county.minimax_cost], r.policies[r.county.minimax_regret])
        on_cost = robustness(county, total, Criterion(COUNTY_COST, "<=", 0.0), policies=("A", "B"),
                             n_boot=200)  # fmt: skip
        assert on_cost.minimax == choice[dibao][1]  # the criterion's regret is the same regret
    assert choice[0.2] == ("A", "A")
    assert choice[1.0] == ("B", "B")


def test_worst_best_and_regret_equal_plain_loops():
    rng = np.random.default_rng(4)
    cost = rng.normal(1e6, 3e5, size=(3, 7, 2))
    r = robustness(np.ones_like(cost), cost, county_costs=cost * 0.4, n_boot=200)
    c = r.county
    assert isinstance(c, CostAcross)
    for i in range(3):
        means = [sum(cost[i, f]) * 0.4 / 2 for f in range(7)]
        assert c.worst[i] == pytest.approx(max(means))
        assert c.best[i] == pytest.approx(min(means))
        assert c.best[i] <= c.expected[i] <= c.worst[i]
        regrets = [means[f] - min(sum(cost[q, f]) * 0.4 / 2 for q in range(3)) for f in range(7)]
        assert c.max_regret[i] == pytest.approx(max(regrets))
        assert c.mean_regret[i] == pytest.approx(sum(regrets) / 7)
    assert np.all(c.regret >= 0)
    assert np.all(c.regret.min(axis=0) == 0)
    assert c.minimax_cost == int(np.argmin(c.worst))
    # a share of every item scales every figure, and the paired interval of the extra cost
    np.testing.assert_allclose(c.expected, 0.4 * r.total.expected)
    np.testing.assert_allclose(r.extra_cost(county=True), 0.4 * r.extra_cost(), atol=1e-6)
    rows = r.table(baseline="policy 1")
    assert rows[1]["extra_county_cost"] == 0.0
    assert rows[0]["county_cost_worst"] == pytest.approx(c.worst[0])
    assert rows[0]["extra_county_cost_low"] <= rows[0]["extra_county_cost"]


def test_without_county_costs_there_is_no_county_part():
    cost = np.ones((2, 3, 2))
    r = robustness(cost, cost, n_boot=200)
    assert r.county is None
    assert "county_cost" not in r.table()[0]
    assert "county's own budget" not in r.format()
    with pytest.raises(ParameterError, match="county_costs"):
        r.extra_cost(county=True)
    with pytest.raises(ValueError, match="county_costs must have the shape"):
        robustness(cost, cost, county_costs=np.ones((2, 3, 1)), n_boot=200)


def test_a_criterion_on_the_county_cost_is_named_and_its_typo_suggested():
    assert Criterion(COUNTY_COST, "<=", 5e7).direction == "minimize"
    with pytest.raises(ParameterError, match="did you mean 'county_cost_npv'"):
        Criterion("county_cost", "<=", 5e7)


# --- what the terminal and the page say ----------------------------------------------------


def _toy_result() -> Robustness:
    books = toy_books()
    county = county_costs(books, ITEMS, FundingShares())
    total = county_costs(books, ITEMS, ALL_ONE)
    return robustness(np.ones(books.shape[:3]), total, policies=("cash only", "B"),
                      county_costs=county, n_boot=200)  # fmt: skip


def test_the_terminal_names_the_county_cost_within_100_columns():
    r = _toy_result()
    text = r.format(baseline="cash only")
    assert "Cost to the county's own budget (M yuan, NPV 8%" in text
    part = text[text.index("Cost to the county's own budget") :].splitlines()
    assert max(map(len, part)) <= 100
    row = next(line for line in part if line.startswith("cash only"))
    assert f"{r.county.expected[0] / 1e6:,.1f}" in row  # type: ignore[union-attr]
    assert "(baseline)" in row
    assert "Lowest cost to the county in its worst future: 'cash only'" in text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_page_says_what_the_county_pays_in_both_languages(lang):
    r = _toy_result()
    page = decision_page(lang=lang, robustness=r, baseline="cash only",
                         funding=FundingShares(dibao=0.5))  # fmt: skip
    assert 'id="county-cost"' in page
    assert 'id="county-cost-table"' in page
    county = html.unescape(page[page.index('id="county-cost"') :])
    if lang == "en":
        assert "What the county's own budget pays" in county
        assert "dibao 50%" in county
        assert "every other item 100%" in county
        assert "Extra cost to the county's own budget against cash only" in county
        assert "costs the county's own budget least in its worst future" in county
    else:
        assert "县本级财政负担多少" in county
        assert "低保50%" in county
        assert "What the county" not in county
        assert "worst future" not in county


def test_the_chart_draws_the_county_cost_when_asked():
    r = _toy_result()
    assert r.county is not None
    ax = robustness_cost_chart(r, baseline="cash only", county=True)
    extra = r.extra_cost("cash only", county=True)[:, 0]
    scale = money_unit(float(np.max(np.abs(extra))), "en")[0]
    points = [c.lines[0] for c in ax.containers]
    np.testing.assert_allclose([p.get_xdata()[0] for p in points], extra / scale, atol=1e-9)
    assert "county's own budget" in ax.get_xlabel()
    plt.close(ax.figure)
    ax = robustness_cost_chart(r, baseline="cash only")  # the public cost, named as such
    assert "county and higher levels" in ax.get_xlabel()
    plt.close(ax.figure)


def test_the_robust_commands_chart_sets_the_county_cost_first_and_beside_the_public():
    r = _toy_result()
    fig = robustness_cost_figure(r, baseline="cash only")
    own, total = fig.axes[:2]
    assert own.get_title() == "The county's own budget"
    assert total.get_title() == "All public money: county and higher levels"
    for ax, county in ((own, True), (total, False)):
        extra = r.extra_cost("cash only", county=county)[:, 0]
        scale = money_unit(float(np.max(np.abs(extra))), "en")[0]
        xs = [c.lines[0].get_xdata()[0] for c in ax.containers]
        np.testing.assert_allclose(xs, extra / scale, atol=1e-9)
    assert own.get_legend() is None  # one legend, beside the public cost
    assert total.get_legend() is not None
    caption = " ".join(fig.get_supxlabel().split())
    assert caption.startswith("Left: the extra cost to the county's own budget")
    assert "Right: the extra net public cost" in caption
    plt.close(fig)
    # without the county's cost: the public cost alone, as before
    alone = robustness_cost_figure(dataclasses.replace(r, county=None), baseline="cash only")
    assert len(alone.axes) == 1
    assert "county and higher levels" in alone.axes[0].get_xlabel()
    plt.close(alone)
