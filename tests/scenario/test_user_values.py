"""A user's own community: edited values are the user's, counts tied to Caopijie say so,
and a policy that drops land_shares is warned about loudly."""

from collective_econ.cases.caopijie import default_scenario, init_text
from collective_econ.cli import _case_notes, main
from collective_econ.scenario import loads
from collective_econ.scenario.model import uncompensated_policies, uncompensated_warning

MINE = (
    init_text()
    .replace('name = "Caopijie community, Yun County (c. 2010)"', 'name = "Lishu village"', 1)
    .replace("residents = 25000", "residents = 5000", 1)
    .replace("agricultural_residents = 1826", "agricultural_residents = 900", 1)
)


def _register(scenario):
    return {a.path: a for a in scenario.assumptions}


def test_an_edited_value_is_the_users_not_the_case_reports():
    reg = _register(loads(MINE))
    residents = reg["community.residents"]
    assert residents.value == 5000
    assert residents.source.startswith("user's value (scenario 'Lishu village'")
    assert "seed-facts.md" not in residents.source
    assert residents.confidence == "estimate"
    # an untouched value keeps its source
    assert reg["community.groups"].source == "seed-facts.md"


def test_counts_of_the_case_are_flagged_in_another_community():
    reg = _register(loads(MINE))
    persons = reg["schemes.land_shares.persons"]
    assert persons.value == 1826
    assert persons.source.startswith("Caopijie's figure, not scaled to this community (900")
    # in the case itself they are the case report's
    case = _register(default_scenario())
    assert case["schemes.land_shares.persons"].source.startswith("seed-facts.md")


def test_the_default_register_has_no_users_value():
    assert not [a for a in default_scenario().assumptions if "user's value" in a.source]


def test_a_value_with_its_own_source_keeps_it():
    text = MINE.replace(
        "residents = 5000", 'residents = { value = 5000, source = "2020 village census" }', 1
    )
    assert _register(loads(text))["community.residents"].source == "2020 village census"


def test_the_case_notes_are_not_printed_for_an_edited_community():
    same_name = MINE.replace(
        'name = "Lishu village"', 'name = "Caopijie community, Yun County (c. 2010)"'
    )
    assert _case_notes(loads(same_name)) is None
    assert _case_notes(default_scenario())


NO_COMPENSATION = (
    init_text()
    + """
[policies."jobs, no compensation"]
baseline = "full package"
remove = ["land_shares"]
"""
)


def test_dropping_land_shares_is_warned_loudly(tmp_path, capsys):
    sc = loads(NO_COMPENSATION)
    assert uncompensated_policies(sc) == ("jobs, no compensation",)
    assert uncompensated_warning(default_scenario()) is None
    path = tmp_path / "mine.toml"
    path.write_text(NO_COMPENSATION, encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "WARNING" in out
    assert "'jobs, no compensation'" in out
    assert "share_fraction = 0" in out
