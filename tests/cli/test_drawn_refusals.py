"""Every command refuses a value of the file that its draws would replace (exit status 2).

The values an ``[[uncertainties]]`` entry draws (``run``, ``validate``, ``robust``,
``discover``, ``voi``, ``monitor``'s forecast) and those a fit's ``--fit`` priors draw
(``calibrate``) go through one refusal, ``cli._common.refuse_drawn_by``; each is
refused before any work, with one error naming the field, the rule and the value.
"""

import warnings

import pytest

from collective_econ.cases.caopijie import init_text
from collective_econ.cli import main
from collective_econ.distributions import Uniform
from collective_econ.distributions.uncertainty import Uncertainty
from collective_econ.scenario import DrawnValueWarning, drawn_values, fitted_values, loads

WAGE = "livelihood.casual_wage_month"
RULE = "The rule: a value either acts or is refused."


def _file(tmp_path, *edits):
    text = init_text()
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    path = tmp_path / "edited.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _quiet(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DrawnValueWarning)
        return loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def hog14(tmp_path):
    """The case's file with the hog price its [[uncertainties]] draw moved to 14."""
    return _file(tmp_path, ("hog_price = 12.0", "hog_price = 14.0"))


@pytest.mark.parametrize(
    "verb",
    [
        ["robust"],
        ["discover", "--policy", "full package"],
        ["voi", "--policy", "full package", "--policy", "80% shares"],
    ],
    ids=["robust", "discover", "voi"],
)
def test_decision_commands_refuse_the_value_their_futures_replace(verb, hog14, tmp_path, capsys):
    out = tmp_path / "out"
    args = [*verb, "--scenario", str(hog14), "--futures", "3", "--replications", "1"]
    assert main([*args, "--horizon", "1", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"collective-econ {verb[0]}: error: schemes.hogs.hog_price = 14.0")
    assert "with --futures 3 every run draws hogs.hog_price" in err
    assert RULE in err
    assert "warning:" not in err  # said once, as the error
    assert not out.exists()  # refused before any work


def test_monitor_refuses_the_value_its_forecast_would_replace(hog14, tmp_path, capsys):
    out = tmp_path / "out"
    args = ["monitor", "survey.csv", "round.csv", "--scenario", str(hog14)]
    args += ["--policy", "full package", "--futures", "4", "--out", str(out)]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("collective-econ monitor: error: schemes.hogs.hog_price = 14.0")
    assert "with --futures 4 every run draws hogs.hog_price" in err
    assert RULE in err
    assert "warning:" not in err
    assert not out.exists()  # before the survey is read or the folder made


def test_monitor_with_a_forecast_draws_nothing_and_only_warns(hog14, tmp_path, capsys):
    # the runs of --forecast DIR were drawn (and refused) by the command that made them
    args = ["monitor", str(tmp_path / "no-survey.csv"), "round.csv", "--scenario", str(hog14)]
    assert main([*args, "--forecast", str(tmp_path / "earlier")]) == 2
    err = capsys.readouterr().err
    assert f"warning: {hog14}: schemes.hogs.hog_price = 14.0 would not act" in err
    assert "error: schemes.hogs" not in err
    assert "no-survey.csv" in err  # it went on, to the survey


def test_calibrate_refuses_a_value_its_fit_replaces(tmp_path, capsys):
    path = _file(tmp_path, ("casual_wage_month = 740.0", "casual_wage_month = 900.0"))
    out = tmp_path / "out"
    args = ["calibrate", "survey.csv", "--scenario", str(path), "--fit", f"{WAGE}=400:1200"]
    assert main([*args, "--moments", "moments.csv", "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        "collective-econ calibrate: error: livelihood.casual_wage_month = 900.0 would not "
        "act: --fit livelihood.casual_wage_month=400:1200 draws it from its prior (uniform, "
        "400 to 1,200) in every run of the fit (policy 'cash only'), and the draw replaces "
        "900.0. The rule: a value either acts or is refused. To make 900.0 act: leave out "
        "that --fit (every run then uses 900.0); to fit livelihood.casual_wage_month "
        "instead, remove 900.0 from the file (its default, 740.0, is the value a fit "
        "replaces)."
    )
    assert not out.exists()  # before the moments, the survey or the folder are read


def test_calibrate_does_not_refuse_what_it_does_not_draw(hog14, tmp_path, capsys):
    # the fit runs at the file's hog price (only --fit is drawn): it acts, and the
    # warning that a sampled run would replace it stays a warning
    args = ["calibrate", "survey.csv", "--scenario", str(hog14), "--fit", f"{WAGE}=400:1200"]
    assert main([*args, "--moments", str(tmp_path / "no-moments.csv")]) == 2
    err = capsys.readouterr().err
    assert f"warning: {hog14}: schemes.hogs.hog_price = 14.0 would not act" in err
    assert "error: schemes.hogs" not in err
    assert "no-moments.csv" in err  # it went on, to the moments


def test_a_fit_passes_the_files_default_and_names_a_policys_own_value(tmp_path):
    sc = loads(init_text())
    wage = Uncertainty(WAGE, Uniform(low=400.0, high=1200.0))  # centred on 800, not 740
    assert fitted_values(sc, [wage], "cash only") == ()
    shares = Uncertainty("land_shares.share_fraction", Uniform(low=0.1, high=0.9))
    assert fitted_values(sc, [shares], "80% shares") == ()  # at its default, 0.8
    (own,) = fitted_values(sc, [wage, shares], "cash only")  # the policy sets 0.0
    assert (own.where, own.value, own.default, own.index) == (
        'policies["cash only"].land_shares.share_fraction',
        0.0,
        0.8,
        1,
    )
    bad = Uncertainty("livelihood.no_such_field", Uniform(low=0.0, high=1.0))
    assert fitted_values(sc, [bad], "cash only") == ()  # left to the fit, which names it


def test_drawn_values_of_the_uncertainties_a_command_draws(hog14):
    sc = _quiet(hog14)
    (hog,) = [u for u in sc.uncertainties if u.param == "hogs.hog_price"]
    others = [u for u in sc.uncertainties if u.param != "hogs.hog_price"]
    assert [d.where for d in drawn_values(sc, [hog])] == ["schemes.hogs.hog_price"]
    assert drawn_values(sc, others) == ()  # the edit is not drawn: it acts
    assert drawn_values(sc, [hog]) == drawn_values(sc)
