"""A value that an [[uncertainties]] entry replaces by its draws either acts or is refused.

A user's trial set ``hog_price = 14.0`` in the file ``collective-econ init`` writes:
``validate`` said "valid" and ``run --samples 6`` printed the tables of the unedited
file, since every sampled run draws ``hogs.hog_price`` from its triangle 10.5-12-13.5.
"""

import tomllib
import warnings

import pytest

from collective_econ.cases.caopijie import default_scenario, init_text
from collective_econ.cli import main
from collective_econ.runs.spec import build_design, main_spec
from collective_econ.scenario import DrawnValueWarning, drawn_values, loads

TRIANGLE = 'distribution = { kind = "triangular", low = 10.5, mode = 12.0, high = 13.5 }'


def _quiet(text):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DrawnValueWarning)
        return loads(text)


def _edit(old, new, text=None):
    text = init_text() if text is None else text
    assert old in text
    return text.replace(old, new, 1)


def test_the_case_as_shipped_has_no_value_the_draws_replace():
    # its values sit at the mode (hog price, dibao line) or at the mean (feed price,
    # feed conversion ratio) of their triangles: both are the case's own
    with warnings.catch_warnings():
        warnings.simplefilter("error", DrawnValueWarning)
        sc = loads(init_text())
    assert drawn_values(sc) == ()
    assert drawn_values(default_scenario()) == ()


@pytest.mark.parametrize(
    ("value", "outside"),
    [(14.0, True), (12.5, False)],  # outside the draws' range 10.5-13.5, or off its mode
)
def test_an_edited_uncertain_value_is_named_with_the_rule_and_what_to_do(value, outside):
    text = _edit("hog_price = 12.0", f"hog_price = {value}")
    with pytest.warns(DrawnValueWarning, match=r"schemes\.hogs\.hog_price = "):
        sc = loads(text, source="hog.toml")
    (d,) = drawn_values(sc)
    assert (d.where, d.param, d.value, d.centre, d.index) == (
        "schemes.hogs.hog_price",
        "hogs.hog_price",
        value,
        12.0,
        2,
    )
    assert d.outside is outside
    msg = d.message(6)
    assert msg.startswith(f"schemes.hogs.hog_price = {value} would not act: with --samples 6")
    assert "[[uncertainties]] entry 3 (triangular, 10.5 to 13.5, mode 12)" in msg
    assert "a value either acts or is refused" in msg
    assert ("outside the range of the draws" in msg) is outside
    assert "--samples 1" in msg
    assert f"remove the entry to fix hogs.hog_price at {value}" in msg


def test_the_moved_distribution_offered_makes_the_edit_act():
    text = _edit("hog_price = 12.0", "hog_price = 14.0")
    (d,) = drawn_values(_quiet(text))
    moved = d.moved_text()
    assert moved == '{ kind = "triangular", low = 12.5, mode = 14.0, high = 15.5 }'
    assert f"distribution = {moved}" in d.message()
    fixed = _edit(TRIANGLE, f"distribution = {moved}", text)
    with warnings.catch_warnings():
        warnings.simplefilter("error", DrawnValueWarning)
        sc = loads(fixed)
    assert drawn_values(sc) == ()
    # the draws now centre on the edit: sampled runs see prices around 14, not 12
    spec = main_spec(sc, ("shares + hogs",), samples=50)
    j = [u.param for u in spec.uncertainties].index("hogs.hog_price")
    drawn = build_design(sc, spec).values[:, j]
    assert drawn.min() >= 12.5
    assert drawn.max() <= 15.5
    assert abs(drawn.mean() - 14.0) < 0.2


def test_no_move_is_offered_that_would_break_the_parameters_rule():
    # default_prob is a probability: a triangle of half-width 0.02 around 0.995 would
    # draw values above 1
    text = _edit("default_prob = 0.03", "default_prob = 0.995")
    (d,) = drawn_values(_quiet(text))
    assert d.param == "land_shares.default_prob"
    assert d.moved is None
    assert d.moved_text() is None
    assert "change that entry's distribution" in d.message()


def test_a_policys_own_value_and_a_livelihood_value_are_named_where_they_are_set():
    text = _edit(
        '[policies."shares + hogs"]\n',
        '[policies."shares + hogs"]\nset = { "hogs.hog_price" = 9.0 }\n',
    )
    text += (
        '\n[[uncertainties]]\nparam = "livelihood.debt_rate"\n'
        'distribution = { kind = "uniform", low = 0.05, high = 0.09 }\n'
    )
    found = {d.where: d for d in drawn_values(_quiet(text))}
    assert set(found) == {'policies["shares + hogs"].hogs.hog_price', "livelihood.debt_rate"}
    # a policy that inherits the value (full package: baseline "shares + hogs") is not
    # listed again
    assert found['policies["shares + hogs"].hogs.hog_price'].value == 9.0
    debt = found["livelihood.debt_rate"]
    assert (debt.value, debt.centre) == (0.069, 0.07)
    assert "uniform, 0.05 to 0.09, midpoint 0.07" in debt.message()


def test_with_one_sample_the_edited_value_is_the_one_in_force():
    sc = _quiet(_edit("hog_price = 12.0", "hog_price = 14.0"))
    spec = main_spec(sc, ("shares + hogs",), samples=1)
    assert spec.uncertainties == ()
    (policy,) = build_design(sc, spec).policies
    assert policy.params("hogs").hog_price == 14.0


@pytest.fixture
def hog14(tmp_path):
    path = tmp_path / "hog14.toml"
    path.write_text(_edit("hog_price = 12.0", "hog_price = 14.0"), encoding="utf-8")
    return path


def test_validate_refuses_the_value_the_files_own_run_would_replace(hog14, capsys):
    assert tomllib.loads(hog14.read_text())["experiment"]["samples"] == 20
    assert main(["validate", str(hog14)]) == 2
    out = capsys.readouterr().out
    assert f"{hog14}: schemes.hogs.hog_price = 14.0 would not act: with --samples 20" in out
    assert "1 value that would not act in the file's own run ([experiment] samples = 20" in out
    assert f"{hog14}: valid" not in out


def test_validate_warns_when_the_files_own_run_has_one_sample(hog14, capsys, shared_alerts):
    hog14.write_text(_edit("samples = 20", "samples = 1", hog14.read_text()))
    assert main(["validate", str(hog14)]) == 0
    out = capsys.readouterr().out
    assert f"{hog14}: valid" in out
    assert "warning: (it acts in the file's own run, [experiment] samples = 1)" in out
    assert "schemes.hogs.hog_price = 14.0 would not act" in out


def test_robust_refuses_the_value_its_futures_would_replace(hog14, tmp_path, capsys):
    args = ["robust", "--scenario", str(hog14), "--futures", "1", "--replications", "1"]
    assert main([*args, "--horizon", "1", "--out", str(tmp_path / "r")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("collective-econ robust: error: schemes.hogs.hog_price = 14.0")
    assert "with --futures 1 every run draws hogs.hog_price" in err
    assert "--samples 1" not in err  # a decision has no base case to offer
    assert "warning:" not in err  # said once, as the error


def test_robust_refuses_it_when_the_futures_draw_the_cases_uncertainties(hog14, tmp_path, capsys):
    text = hog14.read_text()
    lines, keep = [], True
    for line in text.splitlines():  # the file without its [[uncertainties]] and correlations
        if line.startswith("["):
            keep = not line.startswith(("[[uncertainties]]", "[[correlations]]"))
        if keep:
            lines.append(line)
    hog14.write_text("\n".join(lines) + "\n")
    assert not loads(hog14.read_text()).uncertainties
    args = ["robust", "--scenario", str(hog14), "--futures", "2", "--replications", "1"]
    assert main([*args, "--horizon", "1", "--out", str(tmp_path / "r")]) == 2
    err = capsys.readouterr().err
    assert "schemes.hogs.hog_price = 14.0 would not act: with --futures 2" in err
    assert "the file has no [[uncertainties]]: the futures draw the case's" in err


def test_run_refuses_a_sampled_run_that_would_replace_the_value(hog14, tmp_path, capsys):
    out = tmp_path / "out"
    args = ["run", str(hog14), "--samples", "6", "--horizon", "1", "--no-plots"]
    assert main([*args, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("collective-econ run: error: schemes.hogs.hog_price = 14.0")
    assert "with --samples 6 every run draws hogs.hog_price" in err
    assert not out.exists()  # refused before any work


def test_an_unknown_policy_names_the_flag_the_rule_and_the_valid_names(capsys):
    assert main(["run", "--policy", "80 shares", "--horizon", "1", "--no-plots"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        "collective-econ run: error: --policy must be the name of one of the scenario's "
        "policies: 'cash only', '80% shares', 'shares + hogs', 'full package', "
        "'package without collective projects' (did you mean '80% shares'?), got '80 shares'"
    )


def test_the_tutorials_edits_act(tmp_path, capsys, shared_alerts):
    # docs/tutorial.md section 3: share_fraction, hog_price and the moved triangle
    from pathlib import Path

    page = (Path(__file__).parents[2] / "docs" / "tutorial.md").read_text(encoding="utf-8")
    section = page[page.index("## 3. Change an assumption") : page.index("## 4.")]
    moved = section[section.index("`distribution = {") + 1 :].split("`", 1)[0]
    assert moved.startswith("distribution = {")
    assert "set `share_fraction = 0.5`" in section
    assert "set `hog_price = 10.0`" in section
    text = _edit("share_fraction = 0.8", "share_fraction = 0.5")
    text = _edit("hog_price = 12.0", "hog_price = 10.0", text)
    only_price = text
    text = _edit(TRIANGLE, moved, text)
    path = tmp_path / "my.toml"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    assert f"{path}: valid" in capsys.readouterr().out
    sc = _quiet(text)
    assert drawn_values(sc) == ()
    assert sc.policy("shares + hogs").params("hogs").hog_price == 10.0
    # what the tutorial says happens when the distribution is left where it was
    path.write_text(only_price, encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    out = capsys.readouterr().out
    assert moved in out  # the moved triangle, written out to paste
