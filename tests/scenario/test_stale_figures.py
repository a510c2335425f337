"""Policy names, descriptions and case notes follow the parameters a scenario uses.

A user's trial set the base ``share_fraction = 0.5``: the report still said "80% shares:
Residents invest 80%..." beside a table of 0.5, and the case notes still said the share
fraction was "kept as the default", with no warning.
"""

import warnings

from collective_econ.cases.caopijie import check_case, default_scenario, init_text
from collective_econ.cli import _case_notes, main
from collective_econ.report.sections import policies_section
from collective_econ.scenario import DrawnValueWarning, Scenario, loads, stale_figures

HALF = init_text().replace("share_fraction = 0.8", "share_fraction = 0.5", 1)


def _load(text):
    with warnings.catch_warnings():
        warnings.simplefilter("error", DrawnValueWarning)  # share_fraction is not uncertain
        return loads(text)


def test_the_case_as_shipped_states_no_stale_figure():
    assert stale_figures(default_scenario()) == ()


def test_an_edited_share_fraction_makes_the_80_percent_words_stale():
    found = {s.policy: s for s in stale_figures(_load(HALF))}
    # "cash only" states no figure; the full package's words state none either
    assert set(found) == {"80% shares", "shares + hogs"}
    shares = found["80% shares"]
    assert (shares.stated, shares.text, shares.where) == (0.8, "80%", ("name", "description"))
    assert shares.params == (("land_shares.share_fraction", 0.5),)
    assert shares.message() == (
        "policy '80% shares': its name and description state 80%, the default of "
        "land_shares.share_fraction, but under this policy land_shares.share_fraction is 0.5 "
        "(50%). The report prints the name and description as written: rename the policy or "
        'edit its description (the [policies."80% shares"] table) so that they state the '
        "figures it uses."
    )
    assert found["shares + hogs"].where == ("description",)


def test_words_that_match_the_policys_figures_are_not_flagged():
    sc = default_scenario()
    half = sc.policy("80% shares").reform(
        "50% shares",
        {"land_shares.share_fraction": 0.5},
        description="Residents invest 50% of their land compensation as shares.",
    )
    assert stale_figures(Scenario("mine", (sc.policy("cash only"), half))) == ()
    # a figure no default has (a user's own words) is never flagged
    own = half.reform("mine", description="Half of 37% of the land.")
    assert stale_figures(Scenario("mine", (own,))) == ()


def test_the_report_notes_the_stale_words_beside_the_description():
    sc = _load(HALF)
    html = policies_section(sc, sc.policy_names)
    assert (
        "Residents invest 80% of their land compensation as shares (the case); the dibao, "
        "a national entitlement, as in every policy. (the words state 80%, the default of "
        "the share fraction; under this policy it is 50%)"
    ) in html
    assert "the words state" not in policies_section(default_scenario(), sc.policy_names)
    zh = policies_section(sc, sc.policy_names, "zh")
    assert "文字所述的80%是入股比例的默认值；本政策下该参数为50%" in zh
    assert "share_fraction" not in html + zh  # no name in the model reaches the reader


def test_validate_warns_about_the_stale_words(tmp_path, capsys, shared_alerts):
    path = tmp_path / "sh50.toml"
    path.write_text(HALF, encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"{path}: valid" in out
    assert "warning: policy '80% shares': its name and description state 80%" in out
    assert "warning: policy 'shares + hogs': its description states 80%" in out


def test_the_case_notes_follow_the_scenarios_share_fraction():
    share = {f.topic: f for f in _case_notes(default_scenario())}["share fraction"]
    assert share.reading.startswith("kept as the default;")
    edited = {f.topic: f for f in _case_notes(_load(HALF))}["share fraction"]
    assert edited.verdict == "consistent"  # the case's own figures still add up
    assert edited.reading.startswith(
        "not kept in this scenario: '80% shares', 'shares + hogs', 'full package', "
        "'package without collective projects' invest 50%, not the case's 80%;"
    )
    assert edited.zh[3].startswith("本情景未采用：入股比例为50%，而非案例的80%；")
    assert "kept as the default" not in edited.reading
    # without a scenario: the library's defaults, as before
    assert {f.topic: f for f in check_case()}["share fraction"].reading.startswith("kept")


def test_the_case_notes_read_the_scenarios_hotel():
    text = init_text().replace("total_investment = 4000000.0", "total_investment = 3500000.0")
    assert text != init_text()
    notes = {f.topic: f for f in check_case(scenario=_load(text))}
    assert notes["hotel investment"].reading.endswith("it takes 3.5 million yuan")
    default = {f.topic: f for f in check_case(scenario=default_scenario())}
    assert default["hotel investment"].reading.endswith("it takes 4.0 million yuan")
