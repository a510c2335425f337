"""The report's first screen: every sentence computed from the results, none claiming more.

The favoured policy's public cost with the debt the county guarantees, its worst
transition year against the baseline's, the income source that makes the difference
and the outside workers' loss, the rent as an assumption on levels, and no "fewest",
"lowest" or "highest" where the paired difference's 95% CI holds 0.
"""

from types import SimpleNamespace

import numpy as np
import pytest

from collective_econ.cases.caopijie import default_scenario
from collective_econ.economy.community import CommunityParams
from collective_econ.metrics.outcomes import PairedDifference
from collective_econ.plotting.labels import labels
from collective_econ.report._text import money
from collective_econ.report.findings import ties, who_gains
from collective_econ.report.status import loan_guarantees
from collective_econ.report.summary import fewest_poor, source_words, summary_sentences
from collective_econ.runs.experiment import run_experiment
from collective_econ.runs.outcomes import OUTCOMES
from collective_econ.runs.spec import ExperimentSpec
from collective_econ.scenario import Scenario


@pytest.fixture(scope="module")
def package():
    """Cash only against the full package (jobs, guaranteed collective loans), small."""
    policies = [p for p in default_scenario().policies if p.name in ("cash only", "full package")]
    community = CommunityParams(residents=1500, agricultural_residents=900)
    sc = Scenario("t", policies, community=community, horizon_years=12)
    res = run_experiment(sc, ExperimentSpec(replications=3, seed=1))
    guarantees = loan_guarantees([sc.policy(p) for p in res.policies])
    rows = res.decision_table("cash only")
    said = summary_sentences(rows, "cash only", rent_on=True, lang="en", results=res,
                             guarantees=guarantees)  # fmt: skip
    return res, rows, guarantees, said


def test_the_cost_carries_the_guaranteed_debt_the_rate_and_per_year(package):
    res, rows, guarantees, said = package
    assert guarantees["full package"] > 0
    cost = next(s for s in said if s.startswith("Cost to the county's own budget"))
    assert "real discount rate of 8% a year (2010 prices)" in cost
    extra = float(rows[1]["extra_fiscal_cost"][0])
    households = res.baseline.shape[0]
    word = "more" if extra >= 0 else "less"
    assert f"{money(abs(extra) / households, 'en')} {word} per landless household" in cost
    years, r = len(res.years), 0.08
    per_year = abs(extra) * r / ((1 + r) * (1 - (1 + r) ** -years))
    assert f"{money(per_year, 'en')} {word} a year" in cost
    # the debt the county guarantees, at the horizon, with the spread of the runs
    owed = res.sel("scheme_status")[res.index("full package")].reshape(-1, years, 3)[:, -1, 2]
    assert owed.mean() > 0
    # the county's own part and the total in one sentence; right after it, the debt it
    # leaves out; then the higher levels' part and what is paid out and taken in
    assert "; to all public money (county and higher levels together): " in cost
    at = said.index(cost)
    debt = said[at + 1]
    assert said[at + 2].startswith("The rest falls on higher levels")
    assert said[at + 3].startswith("Before taxes come back")
    assert debt.startswith("Not in that cost: the county guarantees 100%")
    lo, hi = np.percentile(owed, (5, 95))
    assert f"still owe {money(owed.mean(), 'en')} in {int(res.years[-1])}" in debt
    assert f"(5-95% of runs: {money(lo, 'en')} to {money(hi, 'en')})" in debt


def test_the_transition_of_the_favoured_policy_against_the_baseline(package):
    _, rows, _, said = package
    low = fewest_poor(rows)
    assert low == "full package"
    peak = f"{100 * rows[1]['poverty_peak'][0]:.1f}%"
    base = f"{100 * rows[0]['poverty_peak'][0]:.1f}%"
    line = next(s for s in said if s.startswith("The transition") and "full package" in s)
    assert f"{peak} of landless residents are poor" in line
    assert f"against {base} under cash only" in line
    assert "averaged over the runs" in line


def test_what_makes_the_difference_is_computed_and_the_rent_is_an_assumption(package):
    res, _, _, said = package
    by = np.asarray(res.mean("income_by_source")).mean(axis=1)
    diff = by[res.index("full package")] - by[res.index("cash only")]
    k = int(np.argmax(np.abs(diff)))
    source = source_words(OUTCOMES["income_by_source"].labels[k], "en")
    driver = next(s for s in said if s.startswith("What makes the difference"))
    assert f"cash only: {source}, {abs(diff[k]):,.0f} yuan" in driver
    assert not any("What decides it" in s for s in said)
    # the reserved jobs: the displaced outside workers' loss against the households' gain
    lost = float(np.subtract(*res.mean("npv_other_workers")[[res.index("full package"), 0]]))
    assert lost < 0
    moved = next(s for s in said if "outside workers the reserved jobs displace lose" in s)
    assert money(-lost, "en") in moved
    rent = next(s for s in said if "rent households earn" in s)
    assert rent.startswith("An assumption")
    # who gains, placed after the cost, as in the page
    who = who_gains(res, "full package", "cash only", "en")
    placed = summary_sentences(res.decision_table("cash only"), "cash only", rent_on=True,
                               lang="en", results=res, who=who)  # fmt: skip
    assert placed.index(who) == 5  # poverty, restoration, cost, higher levels, gross flows


def _stub(means, spread):
    """Results with paired differences ``means[a] - means[b]`` +- ``spread``."""
    policies = tuple(means)

    def difference(outcome, a, b):
        d = means[a] - means[b]
        return PairedDifference(d, d - spread, d + spread, spread / 2, 10)

    return SimpleNamespace(policies=policies, samples=10, replications=1, outcomes={},
                           years=np.arange(2010, 2022), baseline=np.zeros(100),
                           difference=difference)  # fmt: skip


def test_no_lowest_or_highest_where_the_paired_interval_holds_zero():
    means = {"cash only": 0.006, "full package": 0.005, "other": 0.009}
    close = _stub(means, spread=0.002)  # full package - cash only: -0.003 to 0.001
    assert ties(close, "poverty_headcount", 1, lowest=True) == ["cash only"]
    apart = _stub(means, spread=0.0005)
    assert ties(apart, "poverty_headcount", 1, lowest=True) == []
    # the first screen: the same rule with the paired differences of the results
    rows = [
        {"policy": p, "restored_5y": (0.9, 0.8, 1.0), "poverty_peak": (0.1, 0.05, 0.15),
         "poverty_peak_year": 2012, "income_long": (5000.0, 4900.0, 5100.0),
         "poverty_long": (m, m - 0.01, m + 0.01), "extra_fiscal_cost": (0.0, 0.0, 0.0)}
        for p, m in means.items()
    ]  # fmt: skip
    said = summary_sentences(rows, "cash only", rent_on=False, lang="en", results=close)
    assert "leaves the fewest" not in said[0]
    assert "cannot be told apart: full package (0.5%, against 0.6% under cash only)" in said[0]
    said = summary_sentences(rows, "cash only", rent_on=False, lang="en", results=apart)
    # the measure and its years named, so that it cannot be read as the last year's
    assert said[0].startswith(
        "Poverty: in the long run (the mean share poor over 2020-2021, years 11 to the end) "
        "full package leaves the fewest"
    )


def test_the_poverty_legend_speaks_of_runs():
    assert labels("en")["poverty.band"] == "shaded: 5-95% of runs"
    assert "replication" not in labels("en")["poverty.band"]


def test_the_first_screen_says_when_the_tea_garden_is_simulated_smaller_than_planned():
    """The caveat's share is the appraisal section's (cash and credit carry it at the
    default inputs); a policy without a tea garden, or one that defers instead of
    scaling, gets none."""
    from collective_econ.economy.collective import ProjectFinance, fundable_share
    from collective_econ.report._html import pct
    from collective_econ.report.sections import tea_scale_sentence
    from collective_econ.report.summary import summary_html
    from collective_econ.schemes.tea import appraise

    sc = default_scenario()
    full = sc.policy("full package")
    tea = full.schemes["tea"].base
    share = fundable_share(appraise(tea).items["collective_profit"], ProjectFinance.of(tea))
    assert 0 < share < 1
    said = tea_scale_sentence(full)
    assert f"only {pct(share, 0)} of the planned {tea.area_mu:,.0f} mu tea garden" in said
    assert f"({share * tea.area_mu:,.0f} mu)" in said
    assert f"{tea.area_mu:,.0f}亩茶园的{pct(share, 0)}" in tea_scale_sentence(full, "zh")
    assert tea_scale_sentence(sc.policy("cash only")) == ""
    deferring = full.reform("defer", {"tea.shortfall": "defer"})
    assert deferring.schemes["tea"].base.shortfall == "defer"
    assert tea_scale_sentence(deferring) == ""
    # on the first screen, after the computed sentences
    row = {"policy": "cash only"}
    row |= dict.fromkeys(("restored_5y", "poverty_peak", "poverty_long"), (0.1, 0.05, 0.15))
    row |= {"income_long": (5000.0, 4900.0, 5100.0), "poverty_peak_year": 2011,
            "extra_fiscal_cost": (0.0, 0.0, 0.0)}  # fmt: skip
    rows = [row, dict(row, policy="full package")]
    page = summary_html(rows, "cash only", runs=1, rent_on=False, warnings=(), chart="",
                        lang="en", caveats=[said, ""])  # fmt: skip
    answer = page[page.index('class="answer"') :]
    assert "is smaller than the case" in answer
    assert answer.index("is smaller than the case") > answer.index("Poverty")
