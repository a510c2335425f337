"""The command line, as a user calls it."""

import os
import sys

import pytest

from collective_econ.cli import main
from collective_econ.scenario import load_scenario


@pytest.fixture(autouse=True)
def _fresh(fresh_python, monkeypatch):
    monkeypatch.setitem(FRESH, "run", fresh_python)


FRESH = {}


def run(*args):
    # python -m collective_econ.cli ARGS in a new process, which imports the same
    # collective_econ as these tests (the source tree); forked from one that has
    # imported it already (fresh_python in tests/conftest.py)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return FRESH["run"](os.getcwd(), module="collective_econ.cli", args=args, env=env)


def test_appraise_prints_every_scheme(capsys):
    assert main(["appraise", "--samples", "20", "--seed", "1"]) == 0
    out = capsys.readouterr().out
    for name in (
        "land_shares",
        "hogs",
        "tea",
        "agro_park",
        "hotel",
        "jobs",
        "enterprise",
        "safety_net",
    ):
        assert name in out
    for column in ("NPV mean", "NPV p5", "NPV p95", "P(loss)", "NPV at defaults"):
        assert column in out
    # the scheme the report of a run does not show is named, with why
    assert "In none of the case's policies: Landless pension (land_pension)" in out


def test_appraise_one_scheme_writes_csv(tmp_path, capsys):
    path = tmp_path / "out" / "hotel.csv"
    assert main(["appraise", "--scheme", "hotel", "--samples", "0", "--csv", str(path)]) == 0
    assert path.read_text().startswith("scheme,stakeholder,rate,npv")
    out = capsys.readouterr().out
    assert "tea" not in out
    assert "expected flows only" in out
    assert "NPV mean" not in out


def test_same_seed_same_output(capsys):
    main(["appraise", "--scheme", "hogs", "--samples", "30", "--seed", "4"])
    first = capsys.readouterr().out
    main(["appraise", "--scheme", "hogs", "--samples", "30", "--seed", "4"])
    assert capsys.readouterr().out == first


def test_check_case_lists_population_mismatch(capsys):
    assert main(["check-case"]) == 0
    out = capsys.readouterr().out
    assert "1,826 + 23,290 = 25,116, not 25,000" in out
    assert "10,000,000" in out


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["appraise", "--scheme", "hotl"], "scheme must be one of"),
        (["appraise", "--horizon", "0", "--samples", "0"], "horizon_years must be >= 1, got 0"),
        (["appraise", "--rate", "-2", "--samples", "0"], "rate"),
    ],
)
def test_bad_input_is_one_line_not_a_traceback(args, fragment):
    res = run(*args)
    assert res.returncode == 2
    assert "Traceback" not in res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1
    assert fragment in lines[0]


def test_bad_argument_value_is_argparse_error():
    res = run("appraise", "--samples", "-5")
    assert res.returncode == 2
    assert "must be >= 0, got -5" in res.stderr


def test_run_writes_identical_tables_whatever_the_workers(tmp_path, capsys, shared_alerts):
    # in this process (the subprocess tests here cover the entry point), the
    # scenario's appraisal warnings computed once (shared_alerts)
    def run_here(*args):
        status = main(["run", "--replications", "2", "--samples", "2", "--horizon", "2",
                       "--no-plots", "--policy", "cash only", "--policy", "80% shares",
                       *args])  # fmt: skip
        return status, *capsys.readouterr()

    outs = []
    for workers in ("1", "2"):
        out = tmp_path / f"w{workers}"
        status, stdout, stderr = run_here("--workers", workers, "--out", str(out))
        assert status == 0, stderr[-2000:]
        assert "80% shares" in stdout
        outs.append(out)
    for name in ("runs.csv", "yearly.csv", "summary.csv", "differences.csv"):
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes()
    # the same folder again: refused unless resumed, and resuming changes nothing
    status, _, stderr = run_here("--out", str(outs[0]))
    assert status == 2
    assert "--resume" in stderr
    before = (outs[0] / "runs.csv").read_bytes()
    status, _, stderr = run_here("--out", str(outs[0]), "--resume")
    assert status == 0, stderr[-2000:]
    assert (outs[0] / "runs.csv").read_bytes() == before


def test_run_resume_needs_out():
    res = run("run", "--resume")
    assert res.returncode == 2
    assert "--resume must be given with --out DIR" in res.stderr


def test_sensitivity_of_an_appraisal_writes_its_table(tmp_path):
    res = run(
        "sensitivity",
        "--outcome",
        "hotel:households",
        "--method",
        "morris",
        "--samples",
        "4",
        "--out",
        str(tmp_path / "s"),
    )
    assert res.returncode == 0, res.stderr[-2000:]
    assert "adr" in res.stdout
    assert (tmp_path / "s" / "morris.csv").read_text().startswith("input,")


def test_sensitivity_rejects_unknown_outcome():
    res = run("sensitivity", "--outcome", "mean_incme_total", "--horizon", "1")
    assert res.returncode == 2
    assert "did you mean 'mean_income_total'" in res.stderr


def test_init_validate_run_a_scenario_file(tmp_path, capsys, shared_alerts):
    path = tmp_path / "my.toml"
    assert run("init", str(path)).returncode == 0
    assert run("init", str(path)).returncode == 2  # no silent overwrite
    capsys.readouterr()
    assert main(["validate", str(path)]) == 0  # in this process: see shared_alerts
    assert "valid" in capsys.readouterr().out
    text = path.read_text().replace("replications = 10", "replications = 2", 1)
    path.write_text(text)
    out = tmp_path / "out"
    args = ["run", str(path), "--horizon", "1", "--out", str(out), "--no-plots",
            "--policy", "cash only"]  # fmt: skip
    assert main(args) == 0, capsys.readouterr().err[-2000:]
    # the run keeps the scenario it ran, equal to the file it read
    assert load_scenario(out / "scenario.toml") == load_scenario(path)


def test_validate_lists_every_problem_with_its_line(tmp_path):
    path = tmp_path / "bad.toml"
    assert run("init", str(path)).returncode == 0
    lines = path.read_text().splitlines()
    i = next(k for k, line in enumerate(lines) if line.startswith("households = 100"))
    lines[i] = "households = -3"
    lines.insert(i + 1, "hog_prize = 12.0")
    path.write_text("\n".join(lines) + "\n")
    res = run("validate", str(path))
    assert res.returncode == 2  # bad input: status 2, as the README says and run does
    assert f"bad.toml:{i + 1}: schemes.hogs.households: must be >= 1, got -3" in res.stdout
    assert "did you mean 'hog_price'?" in res.stdout
    assert "2 problems" in res.stdout
    refused = run("run", str(path), "--horizon", "1")
    assert refused.returncode == 2
    assert "schemes.hogs.households" in refused.stderr
