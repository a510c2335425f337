"""The calibration verbs of the command line (issue 17, item 5): calibrate and monitor.

Each runs through ``collective_econ.cli.main`` on synthetic surveys of the default case:
the whole case for the weights (drawing the county is cheap), a 600-resident version of
it for the fit and the monitoring forecast (few particles, a short horizon). The checks
are the exit status, the files written, what they hold, resuming through the store, the
report page, and one line on stderr for bad input.
"""

from __future__ import annotations

import csv
import json

import numpy as np
import pytest

from collective_econ.calibration.fit import (
    employment_moment,
    income_moment,
    synthetic_moments,
    write_moments,
)
from collective_econ.calibration.survey import read_csv_survey
from collective_econ.calibration.synthetic import synthetic_survey
from collective_econ.cases.caopijie import default_scenario
from collective_econ.cli import main
from collective_econ.economy.community import synthesize
from collective_econ.scenario import load_scenario
from collective_econ.seeding import as_seed_sequence, stream

WAGE = "livelihood.casual_wage_month"


@pytest.fixture(scope="module")
def tiny(tiny_case_file):
    """The embedded case with a 600-resident community, as a scenario file."""
    return tiny_case_file


@pytest.fixture(scope="module")
def tiny_survey(tiny, tmp_path_factory):
    """A survey of 60 households of the small case, moments made at a wage of 740, rounds."""
    folder = tmp_path_factory.mktemp("survey")
    scenario = load_scenario(tiny)
    synthetic_survey(scenario, 60, seed=2010, folder=folder)
    shapes = [income_moment("wage", 0, 1, year=2011), employment_moment(12, 0, 1)]
    moments = synthetic_moments(
        scenario, {WAGE: 740.0}, shapes, seed=1, replications=4, horizon_years=3
    )
    write_moments(moments, folder / "moments.csv")
    survey = read_csv_survey(folder / "households.csv", folder / "persons.csv")
    base = survey.total_income / survey.community.size
    rng = np.random.default_rng(3)
    for year, level in ((2011, 0.95), (2012, 1.05)):
        income = base * rng.lognormal(np.log(level), 0.3, survey.n_households)
        with (folder / f"round_{year}.csv").open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["household_id", "year", "members", "income_wages", "dibao"])
            for h, hid in enumerate(survey.household_id):
                w.writerow([hid, year, survey.community.size[h], income[h], 0])
    return folder


def _rows(path):
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _one_line_error(capsys, verb):
    err = capsys.readouterr().err
    lines = [
        ln for ln in err.strip().splitlines() if not ln.startswith(("fitting", "checking", "sim"))
    ]
    assert "Traceback" not in err
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"collective-econ {verb}: error: ")
    return lines[0]


def test_calibrate_rakes_the_default_case_survey_to_its_county(tmp_path, capsys):
    """Weights only: 20 margins of the default case met, ratios within the bounds."""
    scenario = default_scenario()
    synthetic_survey(scenario, 400, seed=2010, folder=tmp_path / "survey",
                     design="stratified by group")  # fmt: skip
    out = tmp_path / "cal"
    argv = ["calibrate", str(tmp_path / "survey" / "households.csv"), "--persons",
            str(tmp_path / "survey" / "persons.csv"), "--income-cut", "10000",
            "--income-cut", "30000", "--out", str(out)]  # fmt: skip
    assert main(argv) == 0
    said = capsys.readouterr().out
    assert "weights by raking (logit distance" in said
    margins = _rows(out / "margins.csv")
    assert len(margins) == 14 + 3 + 1 + 2
    county = synthesize(scenario.community, stream(as_seed_sequence(2010), "community"))
    assert float(margins[0]["target"]) == np.count_nonzero(county.group == 0)
    assert max(float(m["relative_error"]) for m in margins) < 1e-8
    design = sum(float(m["design"]) for m in margins)
    assert abs(design - sum(float(m["target"]) for m in margins)) > 1  # they did move
    weights = _rows(out / "weights.csv")
    assert len(weights) == 400
    ratios = np.array([float(w["ratio"]) for w in weights])
    assert ratios.min() >= 0.2
    assert ratios.max() <= 5.0
    summary = json.loads((out / "calibration.json").read_text(encoding="utf-8"))
    assert summary["weights"]["method"] == "raking"
    assert "fit" not in summary
    assert not (out / "posterior.csv").exists()


def test_calibrate_reads_a_survey_solutions_export_and_a_margins_file(tmp_path, capsys):
    """The export's .zip in, the county's margins from a file; linear equals its closed form."""
    from collective_econ.calibration.survey import write_survey_solutions
    from collective_econ.calibration.weights import MarginSpec

    scenario = default_scenario()
    survey = synthetic_survey(scenario, 200, seed=2010)
    export = write_survey_solutions(survey, tmp_path / "export.zip")
    county = synthesize(scenario.community, stream(as_seed_sequence(7), "community"))
    totals = MarginSpec().totals(county)
    margins = tmp_path / "margins.csv"
    with margins.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["margin", "total"])
        w.writerows(totals.items())
    out = tmp_path / "suso"
    argv = ["calibrate", str(export), "--margins", str(margins), "--weighting", "linear",
            "--bounds", "none", "--out", str(out)]  # fmt: skip
    assert main(argv) == 0
    assert "200 households, weights by linear" in capsys.readouterr().out
    rows = _rows(out / "margins.csv")
    assert {r["margin"]: float(r["target"]) for r in rows} == totals
    assert max(float(r["relative_error"]) for r in rows) < 1e-10
    ids = [r["household_id"] for r in _rows(out / "weights.csv")]
    assert len(set(ids)) == survey.n_households  # keyed by the interviews' keys
    # a margins file that lacks one margin is refused, naming it
    margins.write_text("margin,total\nlandless households,10\n", encoding="utf-8")
    assert main([*argv[:-1], str(tmp_path / "bad")]) == 2
    assert "missing" in _one_line_error(capsys, "calibrate")


def test_calibrate_fits_checks_resumes_and_reports(tiny, tiny_survey, tmp_path, capsys):
    out = tmp_path / "fit"
    argv = ["calibrate", str(tiny_survey / "households.csv"), "--persons",
            str(tiny_survey / "persons.csv"), "--scenario", tiny, "--horizon", "3",
            "--fit", f"{WAGE}=400:1200", "--moments", str(tiny_survey / "moments.csv"),
            "--particles", "12", "--generations", "2", "--draws", "8",
            "--out", str(out)]  # fmt: skip
    assert main(argv) == 0
    said = capsys.readouterr().out
    assert "posterior-predictive check" in said
    (summary,) = _rows(out / "posterior_summary.csv")
    assert summary["parameter"] == WAGE
    assert float(summary["low_90"]) < float(summary["mean"]) < float(summary["high_90"])
    assert float(summary["low_90"]) >= 400
    assert float(summary["high_90"]) <= 1200
    assert float(summary["high_90"]) - float(summary["low_90"]) < 400  # narrower than the prior
    particles = _rows(out / "posterior.csv")
    # the Gaussian kernel's generation keeps every weighted proposal: batches of 12
    assert len(particles) >= 12
    assert len(particles) % 12 == 0
    assert abs(sum(float(p["weight"]) for p in particles) - 1) < 1e-9
    pred = _rows(out / "predictive.csv")
    assert [r["moment"] for r in pred] == ["income_wage_2011", "employed_12m"]
    assert all(float(r["lo"]) <= float(r["mean"]) <= float(r["hi"]) for r in pred)
    assert len(_rows(out / "generations.csv")) == 4  # the prior, 2 tolerances, the Gaussian kernel
    # the same folder again is refused; with --resume nothing reruns and the result is the same
    assert main(argv) == 2
    _one_line_error(capsys, "calibrate")
    before = (out / "posterior.csv").read_bytes()
    calls = sorted((out / "runs").iterdir())
    assert len(calls) >= 3
    for call in calls[-2:]:  # as if interrupted in the last generation
        for f in call.iterdir():
            f.unlink()
        call.rmdir()
    assert main([*argv, "--resume"]) == 0
    assert (out / "posterior.csv").read_bytes() == before
    capsys.readouterr()
    # the page: the fitted wage and the check, in words, in both languages
    for lang, words in (("en", "Posterior-predictive check"), ("zh", "后验预测检验")):
        assert main(["report", str(out), "--lang", lang]) == 0
        page = (out / "report.html").read_text(encoding="utf-8")
        assert words in page
        assert "income_wage_2011" not in page
        assert WAGE not in page
    assert "2011年人均工资收入" in page


def test_calibrate_refuses_pyabc_without_the_extra_and_bad_input(tiny_survey, tmp_path, capsys):
    pytest.importorskip("numpy")
    hh, pp = str(tiny_survey / "households.csv"), str(tiny_survey / "persons.csv")
    try:
        import pyabc  # noqa: F401
    except ImportError:
        argv = ["calibrate", hh, "--persons", pp, "--fit", f"{WAGE}=400:1200", "--moments",
                str(tiny_survey / "moments.csv"), "--method", "pyabc", "--out",
                str(tmp_path / "p")]  # fmt: skip
        assert main(argv) == 2
        assert "'pyabc'" in _one_line_error(capsys, "calibrate")
        assert not (tmp_path / "p").exists()  # refused before any work
    bad = tmp_path / "moments.csv"
    bad.write_text("moment,observed,se\nincome_wages_2011,1,1\nemployed_12m,0.9,0\n")
    argv = ["calibrate", hh, "--persons", pp, "--fit", f"{WAGE}=400:1200", "--moments",
            str(bad), "--out", str(tmp_path / "b")]  # fmt: skip
    assert main(argv) == 2
    err = capsys.readouterr().err  # one error, listing every problem with file, line, column
    assert err.startswith("collective-econ calibrate: error: moments: 2 problems\n")
    assert "moments.csv, line 2, column 'moment'" in err
    assert "did you mean 'wage'" in err
    assert "moments.csv, line 3, column 'se'" in err
    assert not (tmp_path / "b").exists()
    assert main(["calibrate", hh, "--persons", pp, "--fit", f"{WAGE}=400:1200"]) == 2
    assert "--moments" in _one_line_error(capsys, "calibrate")


def test_monitor_audits_updates_the_forecast_and_reports(tiny, tiny_survey, tmp_path, capsys):
    out = tmp_path / "mon"
    argv = ["monitor", str(tiny_survey / "households.csv"), "--persons",
            str(tiny_survey / "persons.csv"), str(tiny_survey / "round_2011.csv"),
            str(tiny_survey / "round_2012.csv"), "--scenario", tiny, "--horizon", "4",
            "--futures", "16", "--policy", "80% shares", "--out", str(out)]  # fmt: skip
    assert main(argv) == 0
    said = capsys.readouterr().out
    assert "effective sample size" in said
    audit = _rows(out / "audit.csv")
    alls = [r for r in audit if r["category"] == "all"]
    assert [int(r["year"]) for r in alls] == [2011, 2012]
    assert all(float(r["low"]) <= float(r["share_restored"]) <= float(r["high"]) for r in alls)
    off = _rows(out / "off_track.csv")
    shortfalls = [float(r["shortfall"]) for r in off]
    assert shortfalls == sorted(shortfalls, reverse=True)
    assert all(s > 0 for s in shortfalls)
    fan = _rows(out / "forecast.csv")
    assert [int(r["year"]) for r in fan] == [2010, 2011, 2012, 2013]
    for r in fan:
        assert float(r["after_p5"]) <= float(r["after_p50"]) <= float(r["after_p95"])
    summary = json.loads((out / "monitoring.json").read_text(encoding="utf-8"))
    assert summary["runs"] == 32
    assert 0 < summary["ess"] <= 32
    assert (out / "monitoring.png").read_bytes()[:4] == b"\x89PNG"
    assert main([*argv, "--resume"]) == 0  # the forecast is read back from the store
    assert (
        json.loads((out / "monitoring.json").read_text(encoding="utf-8"))["ess"] == summary["ess"]
    )
    capsys.readouterr()
    assert main(["report", str(out)]) == 0
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "Monitoring rounds and completion audit" in page
    assert "data:image/png;base64," in page
    assert "Female-headed" in page
    assert "head: female" not in page
    # the floor of the effective sample size refuses the update, after the audit is written
    again = tmp_path / "mon2"
    refused = [*argv[:-1], str(again), "--min-ess", "33"]
    assert main(refused) == 2
    assert "effective sample size" in _one_line_error(capsys, "monitor")
    assert (again / "audit.csv").is_file()
    assert not (again / "forecast.csv").exists()
