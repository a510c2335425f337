"""The decision verbs of the command line (issue 16, item 5): robust, discover, optimize, voi.

Each runs through ``collective_econ.cli.main`` on a tiny community (600 residents), a few
futures and a short horizon; the checks are the exit status, the files written, the
table printed, resuming through the store, and one line on stderr for bad input.
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import re

import pytest

from collective_econ import cli
from collective_econ.cli import main

TWO = ["--policy", "cash only", "--policy", "full package"]

# the scenarios' appraisal warnings (seconds of Monte Carlo each ``run`` and ``report``),
# computed once for equal scenarios (shared_alerts_module in tests/conftest.py); tests of
# the warnings themselves are in tests/runs/test_alerts.py, which does not share them
pytestmark = pytest.mark.usefixtures("shared_alerts_module")


@pytest.fixture(scope="module")
def tiny(tiny_case_file):
    """The embedded case with a 600-resident community, as a scenario file."""
    return tiny_case_file


def _rows(path):
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _one_line_error(capsys, verb):
    err = capsys.readouterr().err
    lines = [ln for ln in err.strip().splitlines() if not ln.startswith("simulating")]
    assert "Traceback" not in err
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"collective-econ {verb}: error: ")
    return lines[0]


def test_robust_writes_table_chart_page_and_resumes(tiny, tmp_path, capsys):
    out = tmp_path / "robust"
    argv = ["robust", "--scenario", tiny, "--futures", "4", "--replications", "2"]
    argv += ["--horizon", "3", *TWO, "--out", str(out), "--lang", "zh"]
    assert main(argv) == 0
    said = capsys.readouterr().out
    assert "minimax regret" in said
    assert "4 futures x 2 replications" in said
    rows = _rows(out / "robustness.csv")
    assert [r["policy"] for r in rows] == ["cash only", "full package"]
    assert all(0 <= float(r["satisficing"]) <= 1 for r in rows)
    assert sum(r["minimax"] == "True" for r in rows) == 1
    assert (out / "robustness_cost.png").read_bytes()[:4] == b"\x89PNG"
    page = (out / "decision.html").read_text(encoding="utf-8")
    assert "稳健性" in page
    assert 'lang="zh-CN"' in page
    assert f"wrote 6 files to {out}/" in said
    summary = json.loads((out / "robustness.json").read_text(encoding="utf-8"))
    assert summary["ranking"][0] in ("cash only", "full package")
    assert summary["baseline"] == "cash only"
    assert float(rows[0]["extra_cost"]) == 0.0  # against the baseline, with its interval
    assert "extra_cost_low" in rows[1]
    table = said[said.index("Robustness:") : said.index("wrote")]
    # a second call on the same folder is refused; with --resume it reruns nothing
    assert main(argv) == 2
    _one_line_error(capsys, "robust")
    assert main([*argv, "--resume"]) == 0
    again = capsys.readouterr().out
    assert again[again.index("Robustness:") : again.index("wrote")] == table


def test_robust_on_the_command_line_is_decision_robust(tiny, tmp_path, capsys):
    """The verb's table equals ``decision.robust`` on the same scenario, futures and seed."""
    from collective_econ.cases.caopijie import SIMULATION_UNCERTAINTIES
    from collective_econ.decision import Criterion, robust
    from collective_econ.scenario import load_scenario

    out = tmp_path / "robust"
    argv = ["robust", "--scenario", tiny, "--futures", "4", "--replications", "1"]
    argv += ["--horizon", "2", *TWO, "--threshold", "0.5", "--out", str(out), "--no-plots"]
    assert main(argv) == 0
    capsys.readouterr()
    rows = _rows(out / "robustness.csv")
    direct = robust(
        load_scenario(tiny),
        SIMULATION_UNCERTAINTIES,
        policies=("cash only", "full package"),
        criterion=Criterion("restored_within_5y", ">=", 0.5),
        futures=4,
        replications=1,
        horizon_years=2,
        seed=2010,
    ).table()
    for mine, theirs in zip(rows, direct, strict=True):
        for key in ("policy", "satisficing", "mean_regret", "mean_regret_low", "cost",
                    "county_cost", "county_cost_worst", "county_cost_max_regret"):  # fmt: skip
            assert mine[key] == str(theirs[key]), key


def test_robust_says_what_the_county_pays_and_judges_the_county_cost(tiny, tmp_path, capsys):
    """The county's own cost: printed, in the table and the page, and a criterion's outcome."""
    from collective_econ.funding import FundingShares

    out = tmp_path / "robust"
    argv = ["robust", "--scenario", tiny, "--futures", "4", "--replications", "1"]
    argv += ["--horizon", "3", *TWO, "--out", str(out), "--no-plots"]
    assert main(argv) == 0
    said = capsys.readouterr().out
    assert "Cost to the county's own budget (M yuan, NPV 8%" in said
    assert "Lowest cost to the county in its worst future: '" in said
    rows = {r["policy"]: r for r in _rows(out / "robustness.csv")}
    assert float(rows["cash only"]["extra_county_cost"]) == 0.0
    full = rows["full package"]
    assert float(full["county_cost_best"]) <= float(full["county_cost"])
    assert float(full["county_cost"]) <= float(full["county_cost_worst"])
    # the county's part differs from the public cost: the default shares are not all 1
    assert float(full["county_cost"]) != float(full["cost"])
    summary = json.loads((out / "robustness.json").read_text(encoding="utf-8"))
    assert summary["funding"] == {k: getattr(FundingShares(), k) for k in summary["funding"]}
    page = html.unescape((out / "decision.html").read_text(encoding="utf-8"))
    assert "What the county's own budget pays" in page
    # the same runs judged on the county's own cost: the policy cheapest to the county in
    # every future has no regret, and is the minimax-regret choice
    cheap = "--threshold", full["county_cost"]
    assert main([*argv, "--outcome", "county_cost_npv", "--comparison", "<=", *cheap,
                 "--resume"]) == 0  # fmt: skip
    said = capsys.readouterr().out
    assert "county_cost_npv <= " in said
    again = {r["policy"]: r for r in _rows(out / "robustness.csv")}
    for name, row in again.items():
        assert row["max_regret"] == row["county_cost_max_regret"], name
    calm = min(again, key=lambda n: float(again[n]["county_cost_max_regret"]))
    assert again[calm]["minimax"] == "True"


def test_discover_writes_the_box_in_two_languages(tiny, tmp_path, capsys):
    out = tmp_path / "discover"
    argv = ["discover", "--scenario", tiny, "--futures", "16", "--replications", "1"]
    argv += ["--horizon", "6", "--threshold", "0.98", "--resamples", "5", "--out", str(out)]
    assert main(argv) == 0
    said = capsys.readouterr().out
    assert "Where 'full package' fails restored_within_5y >= 0.98" in said
    en, zh = (out / "discovery.txt").read_text(encoding="utf-8").splitlines()
    assert "full package" in en
    assert "全套方案" in zh or "失败" in zh
    assert (out / "discovery.csv").is_file()
    assert "Scenario discovery" in (out / "decision.html").read_text(encoding="utf-8")


def test_voi_prints_evpi_and_writes_evppi_per_input(tiny, tmp_path, capsys):
    out = tmp_path / "voi"
    argv = ["voi", "--scenario", tiny, "--futures", "12", "--replications", "1"]
    argv += ["--horizon", "3", *TWO, "--out", str(out), "--cost", "county_cost_npv"]
    assert main(argv) == 0
    said = capsys.readouterr().out
    assert "EVPI" in said
    assert "yuan, net of county_cost_npv;" in said  # the county's own cost subtracted
    rows = _rows(out / "voi.csv")
    assert len(rows) == 10  # the case's ten SIMULATION_UNCERTAINTIES, one row each
    assert all(float(r["evppi"]) >= 0 for r in rows)
    assert "Value of information" in (out / "decision.html").read_text(encoding="utf-8")
    summary = json.loads((out / "voi.json").read_text(encoding="utf-8"))
    assert summary["cost"] == "county_cost_npv"
    assert summary["evpi"] >= max(float(r["evppi"]) for r in rows) - 1e-6 * abs(summary["evpi"])


def test_optimize_writes_the_optimum_and_its_constraint_probability(tiny, tmp_path, capsys):
    out = tmp_path / "optimize"
    argv = ["optimize", "--scenario", tiny, "--horizon", "3", "--budget-runs", "64"]
    argv += ["--constraint", "fiscal_cost_npv<=6e8@0.9", "--out", str(out)]
    argv += ["--constraint", "county_cost_npv<=-1e4@0.9"]  # the county nets a receipt
    assert main(argv) == 0
    said = capsys.readouterr().out
    assert "land_shares.share_fraction = " in said
    assert "P(county_cost_npv <= -10000) >= 0.9: estimated " in said
    (row,) = _rows(out / "optimum.csv")
    assert 0.1 <= float(row["land_shares.share_fraction"]) <= 0.9
    assert 0 <= float(row["P(fiscal_cost_npv <= 6e+08)"]) <= 1
    assert 0 <= float(row["P(county_cost_npv <= -10000)"]) <= 1
    assert int(row["racer_runs"]) <= 64
    assert len(_rows(out / "candidates.csv")) >= 2


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["robust", "--policy", "cash onyl"], "cash onyl"),
        (["robust", "--outcome", "restored_soon"], "restored_soon"),
        (["voi", "--policy", "cash only"], "at least two"),
        (["discover", "--resume"], "--resume"),
        (["optimize", "--lever", "land_shares.share_fraction=0.9:0.1"], "0.9"),
        (["optimize", "--lever", "land_shares.no_such_field=0:1"], "no_such_field"),
        (["optimize", "--constraint", "fiscal_cost_npv<=0.5@0.95"], "yuan"),
        (["optimize", "--constraint", "cost below 5"], "--constraint"),
    ],
)
def test_bad_input_is_one_line_naming_it(argv, words, tmp_path, capsys):
    out = [] if "--resume" in argv else ["--out", str(tmp_path / "out")]
    assert main([*argv, *out]) == 2
    line = _one_line_error(capsys, argv[0])
    assert words in line


def test_the_criterion_flags_default_to_the_librarys_default_criterion():
    from collective_econ.decision.robustness import DEFAULT_CRITERION, Criterion

    for verb in ("robust", "discover"):
        args = cli.build_parser().parse_args([verb])
        given = Criterion(args.outcome, args.comparison, args.threshold)
        assert given == DEFAULT_CRITERION, verb


def test_a_bad_scenario_file_is_refused_as_run_refuses_it(tmp_path, capsys):
    bad = str(tmp_path / "no-such-file.toml")
    assert main(["run", bad, "--out", str(tmp_path / "run")]) == 2
    by_run = capsys.readouterr().err
    assert main(["robust", "--scenario", bad, "--out", str(tmp_path / "robust")]) == 2
    by_robust = capsys.readouterr().err
    assert "Traceback" not in by_robust
    assert by_robust == by_run.replace("collective-econ run:", "collective-econ robust:")
    assert "no-such-file.toml" in by_robust.splitlines()[0]


def test_the_resume_hint_of_a_decision_verb():
    args = argparse.Namespace(command="robust", out="r")
    line = cli._interrupted(args, ["robust", "--futures", "64", "--out", "r"])
    assert line.endswith("collective-econ robust --futures 64 --out r --resume")


def test_the_decision_page_refuses_a_wrong_result_and_speaks_chinese():
    from collective_econ.errors import ParameterTypeError
    from collective_econ.report.decision import decision_page

    page = decision_page(lang="zh")
    assert "深度不确定性下的决策" in page
    assert "Decisions under" not in page
    with pytest.raises(ParameterTypeError, match="robustness"):
        decision_page(robustness="full package")


def test_report_of_a_run_shows_the_robust_choice_found_in_a_sub_folder(tiny, tmp_path, capsys):
    """``collective-econ report DIR`` adds "Robust choice" from robust's outputs in DIR/robust."""
    run = tmp_path / "run"
    argv = ["run", tiny, "--samples", "1", "--replications", "1", "--horizon", "2", *TWO]
    assert main([*argv, "--no-plots", "--out", str(run)]) == 0
    # (no decision outputs, no section: tests/test_report_robust_choice.py)
    argv = ["robust", "--scenario", tiny, "--futures", "4", "--replications", "1"]
    argv += ["--horizon", "2", *TWO, "--out", str(run / "robust"), "--no-plots"]
    assert main(argv) == 0
    assert main(["report", str(run)]) == 0
    capsys.readouterr()
    page = (run / "report.html").read_text(encoding="utf-8")
    section = page[page.index('id="robust"') : page.index('id="question"')]
    summary = json.loads((run / "robust" / "robustness.json").read_text(encoding="utf-8"))
    assert f"Verdict: {summary['ranking'][0]} meets the criterion" in section
    assert "Extra public cost (county and higher levels) against cash only" in section
    assert summary["horizon_years"] == 2
    words = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", section)).split())
    assert "each run simulating 2 years (4 runs per policy)" in words
    # the run had 1 run per policy: the section says its figures are not the summary's
    assert "the summary's 2 years and 1 run, so their costs" in words
    decision = (run / "robust" / "decision.html").read_text(encoding="utf-8")
    assert "every run simulates 2 years; 4 runs per policy (4 futures x 1 replication)" in decision
    assert "as in the main report" not in decision
    assert 'href="robust/decision.html"' in section
    # the Chinese section: tests/test_report_robust_choice.py
