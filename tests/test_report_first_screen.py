"""The report's first screen and the terminal's first lines, read by a county finance bureau.

The county's own cost comes first, with what it leaves out; findings resting on validation
checks marked "differs" say so; no clause of zeros; an empty long run says why.
"""

from __future__ import annotations

import dataclasses
import html as html_lib
import re
from types import SimpleNamespace

import pytest

from collective_econ.cases.caopijie import check_case, default_scenario
from collective_econ.cases.caopijie.report_checks import validation_notes
from collective_econ.cli._simulate import _million, cost_lines
from collective_econ.economy.community import CommunityParams
from collective_econ.report import build_report
from collective_econ.report._text import count, text
from collective_econ.report.case_checks import case_of, case_validation
from collective_econ.report.findings import differs_note
from collective_econ.report.summary import (
    _signed,
    _signed_ci,
    cost_sentences,
    decision_table_html,
)
from collective_econ.runs.comparison import compared_with
from collective_econ.runs.experiment import ExperimentSpec, run_experiment
from collective_econ.scenario import Scenario


def _row(policy: str, county: float, total: float) -> dict[str, object]:
    return {
        "policy": policy,
        "restored_5y": (0.8, 0.7, 0.9),
        "poverty_peak": (0.2, 0.15, 0.25),
        "poverty_peak_year": 2012,
        "income_long": (float("nan"),) * 3,
        "poverty_long": (float("nan"),) * 3,
        "extra_fiscal_cost": (total, total - 1e5, total + 1e5),
        "extra_county_cost": (county, county - 1e5, county + 1e5),
    }


def _head(html: str) -> list[str]:
    first = re.search(r"<tr>(.*?)</tr>", html)
    assert first is not None
    return [
        html_lib.unescape(re.sub(r"<[^>]+>", "", c))
        for c in re.findall(r"<th[^>]*>(.*?)</th>", first[1])
    ]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_countys_own_cost_is_the_first_figure_of_the_decision_table(lang: str) -> None:
    rows = [_row("cash only", 0.0, 0.0), _row("full package", 5.1e6, 4.5e5)]
    html = decision_table_html(rows, "cash only", runs=20, lang=lang)
    head = _head(html)
    assert head[1] == text("dt.county_first", lang, base=_base(lang))
    assert head[2] == text("dt.cost", lang, base=_base(lang))
    # each interval on its own line, so that seven columns fit 62rem without scrolling
    assert 'class="ci"' in html


def _base(lang: str) -> str:
    return "cash only" if lang == "en" else "全部现金补偿"


def test_a_short_horizon_says_why_the_long_run_is_empty() -> None:
    rows = [_row("cash only", 0.0, 0.0), _row("full package", 5.1e6, 4.5e5)]
    html = decision_table_html(rows, "cash only", runs=20, lang="en", years=10)
    assert "this run simulates 10 years only" in html
    assert "11 years or more" in html
    assert "simulates" not in decision_table_html(rows, "cash only", runs=20, lang="en", years=20)


def test_a_figure_and_interval_of_zeros_read_no_change() -> None:
    assert _signed(0.2, "en") == "no change"
    assert _signed_ci(0.0, 0.0, 0.0, "en") == "no change"
    assert _signed_ci(0.0, -0.3, 0.4, "zh") == text("s.no_change", "zh")
    assert _signed_ci(5e5, 4e5, 6e5, "en").startswith("500,000 yuan more (95% CI")


def test_validation_notes_name_only_the_checks_that_differ() -> None:
    checks = [
        SimpleNamespace(topic="a", target="1", model="2", verdict="differs"),
        SimpleNamespace(topic="b", target="1", model="1", verdict="matches"),
        SimpleNamespace(topic="c", target="1", model="1.1", verdict="close"),
    ]
    said = differs_note(checks, "en", "v.this_cost")
    assert "1 check on which this cost rests" in said
    assert "'a'" in said
    assert "'b'" not in said
    assert "'c'" not in said
    assert differs_note(checks[1:], "en") == ""
    assert differs_note(None, "en") == ""
    assert "1项检验" in differs_note(checks, "zh")


def test_every_check_the_first_screen_cites_is_an_out_of_sample_check() -> None:
    from collective_econ.cases.caopijie.report_checks import BEARING as _BEARING
    from collective_econ.cases.caopijie.validation import out_of_sample

    topics = {c.topic for c in out_of_sample()}
    cited = {t for bearing in _BEARING.values() for t in bearing}
    assert cited
    assert cited <= topics, sorted(cited - topics)


def test_plurals_and_money_in_the_terminal() -> None:
    assert text("cli.plots", "en", n=count(1, "replication", "en")) == (
        "(plots drawn from 1 replication)"
    )
    assert text("cli.reps", "en", reps=1, s="") == "1 replication"
    assert _million((-4e3, -2e5, 1.9e5)) == "0.0 M (-0.2 to 0.2)"
    assert _million((5.1e6, float("nan"), float("nan"))) == "5.1 M"


@pytest.fixture(scope="module")
def small():  # type: ignore[no-untyped-def]
    community = CommunityParams(residents=1500, agricultural_residents=900)
    sc = Scenario("small", default_scenario().policies[:4:3], horizon_years=3, community=community)
    return sc, run_experiment(sc, ExperimentSpec(replications=3, seed=1))


def test_the_terminal_opens_with_the_countys_cost_before_the_total(small) -> None:  # type: ignore[no-untyped-def]
    sc, res = small
    base = sc.policies[0].name
    rows = res.decision_table(base, funding=sc.funding)
    checks = {"public_cost": [SimpleNamespace(topic="t", target="22", model="0.5",
                                              verdict="differs")]}  # fmt: skip
    lines = cost_lines(sc, res, rows, base, "en", checks)
    header = next(line for line in lines if "county's own budget" in line)
    assert header.index("county's own budget") < header.index("all public")
    assert max(len(line) for line in lines) <= 100
    low = rows[1]["policy"]
    said = cost_sentences(rows, low, base, "en", res, {}, sc.funding, checks, detail=False)
    assert said[0].startswith(f"Cost to the county's own budget of {low} against {base}")
    assert "marks 1 check on which this cost rests as 'differs'" in said[-1]


@pytest.fixture(scope="module")
def case_run():  # type: ignore[no-untyped-def]
    """The embedded case's own scenario (its name and community), two policies, 3 years."""
    case = default_scenario()
    policies = (case.policy("cash only"), case.policy("full package"))
    sc = dataclasses.replace(case, policies=policies, horizon_years=3)
    return sc, run_experiment(sc, ExperimentSpec(replications=2, seed=1))


def _said(page: str) -> str:
    return html_lib.unescape(re.sub(r"<[^>]+>", "", page))


def test_a_report_built_from_python_on_the_case_names_its_checks_that_differ(case_run) -> None:  # type: ignore[no-untyped-def]
    sc, res = case_run
    page = build_report(sc, res, seed=1, appraisal_samples=0)  # no notes passed
    said = _said(page)
    summary = said[: said.index(text("h.question", "en"))]  # the first screen
    rule = "The project's own validation (docs/validation.md) marks"
    assert rule in summary
    for topic in (
        "landless income without schemes",
        "dibao caseload",
        "hog margin in a median year",
    ):
        assert f"'{topic}'" in said, topic
    assert text("h.case", "en") in said  # and the notes on the case's own figures
    # the same page as the command line's, which computes the notes itself
    base = compared_with(sc.baseline, res.policies)
    rows = res.decision_table(base, funding=sc.funding)
    given = build_report(sc, res, seed=1, appraisal_samples=0,
                         case_notes=check_case(scenario=sc),
                         validation=validation_notes(sc, res, rows, base))  # fmt: skip
    assert page == given
    # given empty, none
    bare = _said(build_report(sc, res, seed=1, appraisal_samples=0, case_notes=[], validation={}))
    assert rule not in bare
    assert text("h.case", "en") not in bare


@pytest.mark.parametrize(
    "edit",
    [
        {"name": "my county"},
        {"community": CommunityParams(residents=1500, agricultural_residents=900)},
    ],
)
def test_a_scenario_that_is_not_the_case_does_not_claim_its_checks(case_run, edit) -> None:  # type: ignore[no-untyped-def]
    sc, _ = case_run
    other = dataclasses.replace(sc, **edit)
    assert case_validation(other, None) is None  # type: ignore[arg-type]
    assert case_of(other) is None
    res = run_experiment(other, ExperimentSpec(replications=1, seed=1))
    said = _said(build_report(other, res, seed=1, appraisal_samples=0))
    assert "The project's own validation" not in said
    assert "'dibao caseload'" not in said
    assert text("h.case", "en") not in said
