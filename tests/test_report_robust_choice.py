"""The report's "Robust choice" section from small decision outputs (issue 16, item 5).

The outputs are written as ``collective-econ robust``/``discover``/``voi``/``optimize``
write them (tests/test_cli_decision.py runs the commands themselves): found in the run's
folder or a sub-folder, shown in English and Chinese; none found means no section.
"""

from __future__ import annotations

import csv
import html
import json
import re
import warnings

import pytest

from collective_econ.cases.caopijie import default_scenario
from collective_econ.economy.community import CommunityParams
from collective_econ.report import build_report
from collective_econ.report.robust_choice import find_decision_outputs, robust_choice_section
from collective_econ.runs.experiment import run_experiment
from collective_econ.runs.spec import ExperimentSpec
from collective_econ.scenario import Scenario

# the scenarios' appraisal warnings (seconds of Monte Carlo each ``run`` and ``report``),
# computed once for equal scenarios (shared_alerts_module in tests/conftest.py); tests of
# the warnings themselves are in tests/runs/test_alerts.py, which does not share them
pytestmark = pytest.mark.usefixtures("shared_alerts_module")

ROBUST = [
    {"policy": "cash only", "satisficing": 0.25, "satisficing_low": 0.1,
     "satisficing_high": 0.5, "rank": 2, "extra_cost": 0.0, "extra_cost_low": 0.0,
     "extra_cost_high": 0.0},
    {"policy": "full package", "satisficing": 0.875, "satisficing_low": 0.7,
     "satisficing_high": 0.96, "rank": 1, "extra_cost": 6.5e6, "extra_cost_low": 5.7e6,
     "extra_cost_high": 7.3e6},
]  # fmt: skip
SUMMARY = {
    "criterion": {"outcome": "restored_within_5y", "comparison": ">=", "threshold": 0.8,
                  "direction": "maximize"},
    "futures": 64, "replications": 8, "confidence": 0.95, "baseline": "cash only",
    "ranking": ["full package", "cash only"], "indistinguishable": [], "minimax": "full package",
}  # fmt: skip
VOI = [
    {"inputs": "hogs.hog_price", "evppi": 2.1e6, "evppi_se": 1e5, "share_of_evpi": 0.7,
     "unit": "yuan"},
    {"inputs": "land_shares.dividend_rate", "evppi": 6e5, "evppi_se": 1e5,
     "share_of_evpi": 0.2, "unit": "yuan"},
]  # fmt: skip
VOI_SUMMARY = {"policies": ["cash only", "full package"], "futures": 64, "best": "full package",
               "evpi": 3e6, "evpi_se": 2e5, "unit": "yuan"}  # fmt: skip
FAILS = ("'full package' fails when the hog price is below 9.5 yuan/kg.",
         "当生猪价格低于9.5元/公斤时，“综合方案”失败。")  # fmt: skip


def _csv(path, rows):
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


@pytest.fixture
def folder(tmp_path):
    """A run's folder with robust's outputs in it and discover's and voi's in sub-folders."""
    _csv(tmp_path / "robustness.csv", ROBUST)
    (tmp_path / "robustness.json").write_text(json.dumps(SUMMARY), encoding="utf-8")
    (tmp_path / "decision.html").write_text("<!DOCTYPE html>", encoding="utf-8")
    (tmp_path / "discover").mkdir()
    (tmp_path / "discover" / "discovery.txt").write_text("\n".join(FAILS) + "\n", "utf-8")
    (tmp_path / "discover" / "decision.html").write_text("<!DOCTYPE html>", encoding="utf-8")
    (tmp_path / "voi").mkdir()
    _csv(tmp_path / "voi" / "voi.csv", VOI)
    (tmp_path / "voi" / "voi.json").write_text(json.dumps(VOI_SUMMARY), encoding="utf-8")
    (tmp_path / "voi" / "decision.html").write_text("<!DOCTYPE html>", encoding="utf-8")
    (tmp_path / "notes").mkdir()  # a sub-folder without decision outputs: ignored
    return tmp_path


@pytest.fixture(scope="module")
def experiment():
    policies = [p for p in default_scenario().policies if p.name in ("cash only", "full package")]
    community = CommunityParams(residents=1500, agricultural_residents=900)
    sc = Scenario("t", policies, community=community, horizon_years=3)
    return sc, run_experiment(sc, ExperimentSpec(replications=1, seed=1))


def _text(fragment):
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment))


def _section(page):
    start = page.index('id="robust"')
    return page[start : page.index('id="question"')]


def test_the_section_says_verdict_shares_costs_failures_and_what_to_measure(folder, experiment):
    sc, res = experiment
    page = build_report(sc, res, appraisal_samples=0, decision=find_decision_outputs(folder))
    assert page.index('id="summary"') < page.index('id="robust"') < page.index('id="question"')
    assert '<a href="#robust">Robust choice' in page  # in the contents
    body = _section(page)
    said = " ".join(_text(body).split())
    assert "Verdict: full package meets the criterion" in said
    assert "in 88% of 64 futures" in said  # 0.875 -> 88%
    assert "at least 80%" in said
    assert "88% (95% CI 70% to 96%)" in said  # the report's one bracket style
    assert "6.5 million yuan (95% CI 5.7 million yuan to 7.3 million yuan)" in said
    assert "Extra public cost (county and higher levels) against cash only" in said
    assert "(baseline)" in said
    assert said.index("full package") < said.index("25% (95% CI")  # most robust first
    assert "When it fails: " + FAILS[0] in said
    assert "Worth measuring first: Hog farming: hog price" in said
    assert "2.1 million yuan (70% of the 3.0 million yuan" in said
    assert "Next: Land-for-shares" in said or "Next: Land shares" in said
    assert "<code>hogs.hog_price</code>" in body  # the names in the model: for analysts only
    assert "hogs.hog_price" not in _text(body.replace("<code>hogs.hog_price</code>", ""))
    for href in ("decision.html", "discover/decision.html", "voi/decision.html"):
        assert f'href="{href}"' in body
    assert ">the decision page</a>" in body  # the run's own folder
    assert ">the decision page (voi)</a>" in body


def test_the_section_in_chinese(folder, experiment):
    sc, res = experiment
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # no CJK font here: English plot labels, warned
        page = build_report(sc, res, appraisal_samples=0, lang="zh",
                            decision=find_decision_outputs(folder))  # fmt: skip
    said = "".join(_text(_section(page)).split())
    assert "稳健选择" in said
    assert "结论：" in said
    assert "88%（95%置信区间：70%至96%）" in said
    assert "何时失败：" + FAILS[1] in said
    assert "最值得先测量的是" in said
    assert "Verdict" not in said


def test_no_outputs_no_section(tmp_path, experiment):
    sc, res = experiment
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "runs.csv").write_text("policy\n", encoding="utf-8")
    assert find_decision_outputs(tmp_path) is None
    assert robust_choice_section(None) == ""
    page = build_report(sc, res, appraisal_samples=0, decision=find_decision_outputs(tmp_path))
    assert 'id="robust"' not in page
    assert "Robust choice" not in page


def test_each_output_alone_makes_a_section(folder):
    (folder / "robustness.csv").unlink()
    found = find_decision_outputs(folder)
    assert found is not None
    assert found.robustness == []
    section = robust_choice_section(found)
    assert "Verdict" not in section
    assert "When it fails" in section
    assert 'href="decision.html"' not in section  # the folder's own page: no robust output


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_county_own_extra_cost_is_a_column_when_robust_wrote_it(folder, lang):
    """``robustness.csv`` written since robust gives the county's cost: a column of its own."""
    rows = [dict(r) for r in ROBUST]
    for r, (x, lo, hi) in zip(rows, [(0.0, 0.0, 0.0), (2.5e6, 2.1e6, 2.9e6)], strict=True):
        r.update(extra_county_cost=x, extra_county_cost_low=lo, extra_county_cost_high=hi)
    before = _text(robust_choice_section(find_decision_outputs(folder), lang))
    _csv(folder / "robustness.csv", rows)
    said = " ".join(_text(robust_choice_section(find_decision_outputs(folder), lang)).split())
    if lang == "en":
        assert "county's own budget" not in before  # an older table: no such column
        assert "Extra cost to the county's own budget against cash only (95% CI)" in said
        assert "2.5 million yuan (95% CI 2.1 million yuan to 2.9 million yuan)" in said
        # the public cost, county and higher levels, comes first
        assert said.index("6.5 million yuan") < said.index("2.5 million yuan")
    else:
        assert "县本级财政" not in before
        assert "与全部现金补偿相比县本级财政的额外成本（95%置信区间）" in said.replace(" ", "")
        assert "250万元" in said.replace(" ", "")
