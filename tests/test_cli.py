"""The command line, as a user calls it."""

import os
import subprocess
import sys

import pytest

from collective_econ.cli import main


def run(*args):
    # the subprocess imports the same collective_econ as these tests (the source tree)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.run(
        [sys.executable, "-m", "collective_econ.cli", *args],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


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
    assert "P(NPV<0)" in out


def test_appraise_one_scheme_writes_csv(tmp_path, capsys):
    path = tmp_path / "out" / "hotel.csv"
    assert main(["appraise", "--scheme", "hotel", "--samples", "0", "--csv", str(path)]) == 0
    assert path.read_text().startswith("scheme,stakeholder,rate,npv")
    out = capsys.readouterr().out
    assert "tea" not in out


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
