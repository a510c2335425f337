"""Small command-line defects of issue 13: rates, Ctrl-C, files written, payback."""

import argparse
from pathlib import Path

import pytest

from collective_econ import cli
from collective_econ.appraisal import appraisal_table, payback_text
from collective_econ.cli import main
from collective_econ.report.sections import appraisal_section
from collective_econ.schemes.hogs import HogParams

# the scenarios' appraisal warnings (seconds of Monte Carlo each ``run`` and ``report``),
# computed once for equal scenarios (shared_alerts_module in tests/conftest.py); tests of
# the warnings themselves are in tests/runs/test_alerts.py, which does not share them
pytestmark = pytest.mark.usefixtures("shared_alerts_module")


def test_a_rate_above_one_is_refused_with_a_hint(capsys):
    assert main(["appraise", "--scheme", "hotel", "--rate", "8"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "did you mean 0.08" in err[0]
    assert "8%" in err[0]


@pytest.mark.parametrize(("text", "value"), [("0.08", 0.08), ("8%", 0.08), ("3.5%", 0.035)])
def test_a_rate_is_a_fraction_or_an_explicit_percentage(text, value):
    assert cli._check_rate(cli._rate(text)) == pytest.approx(value)


def test_an_unreadable_rate_is_an_argparse_error():
    with pytest.raises(argparse.ArgumentTypeError):
        cli._rate("eight")


def test_a_percentage_rate_runs(capsys):
    assert main(["appraise", "--scheme", "hotel", "--samples", "0", "--rate", "8%"]) == 0
    assert "discount rate 8.0%" in capsys.readouterr().out


def test_ctrl_c_prints_one_line_with_the_resume_command(monkeypatch, tmp_path, capsys):
    out = tmp_path / "out"

    def interrupted(args):
        args.out = str(out)
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_run", interrupted)
    code = main(["run", "--replications", "3", "--out", str(out)])
    captured = capsys.readouterr()
    assert code == 130
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1
    assert "Traceback" not in captured.err
    assert f"collective-econ run --replications 3 --out {out} --resume" in lines[0]


def test_the_resume_hint_names_the_folder_chosen_for_the_user():
    args = argparse.Namespace(command="run", out="collective-econ-run-2")
    line = cli._interrupted(args, ["run", "my.toml", "--resume"])
    assert line.endswith("collective-econ run my.toml --out collective-econ-run-2 --resume")
    assert cli._interrupted(argparse.Namespace(command="appraise"), []) == (
        "collective-econ appraise: interrupted"
    )


def test_run_counts_every_file_it_writes_and_ignores_its_folder(tmp_path, capsys):
    out = tmp_path / "run"
    argv = ["run", "--replications", "1", "--samples", "2", "--horizon", "1", "--no-plots",
            "--out", str(out)]  # fmt: skip
    assert main(argv) == 0
    said = capsys.readouterr().out
    files = sorted(p.name for p in out.iterdir() if p.is_file())
    assert f"wrote {len(files)} files" in said
    assert "results.sqlite" in said
    assert ".gitignore" in said
    assert (out / ".gitignore").read_text().splitlines()[-1] == "*"


def test_payback_of_a_stakeholder_without_outlay_is_shown_one_way():
    # the brewery only sells spent grain: a gain when its other buyers pay less than the farms
    grain = HogParams(bsg_alt_value=100.0)
    rows = appraisal_table(["hogs"], params={"hogs": grain})
    firm = next(r for r in rows if r.stakeholder == "firm")
    assert firm.npv > 0
    assert firm.payback == 0
    html = appraisal_section(rows, horizon_years=20, note="")
    assert "no outlay" in html
    assert payback_text(firm.payback) == "no outlay"


def test_readme_and_tutorial_start_from_an_empty_folder():
    root = Path(__file__).resolve().parents[1]
    for page in (root / "README.md", root / "docs" / "tutorial.md"):
        text = page.read_text(encoding="utf-8")
        first = text.index("python -m pip install .")
        assert "git clone" in text[:first], f"{page.name}: no clone step before the install"
