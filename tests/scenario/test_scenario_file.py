"""Scenario files: the embedded case, the exact round trip, and every problem located."""

import contextlib
import dataclasses
import re
import tomllib
import typing
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collective_econ.cases.caopijie import (
    SIMULATION_UNCERTAINTIES,
    default_policies,
    default_scenario,
    init_text,
    python_default_scenario,
)
from collective_econ.distributions import (
    PERT,
    Empirical,
    Fixed,
    LogNormal,
    Normal,
    Triangular,
    Uniform,
)
from collective_econ.distributions.uncertainty import Uncertainty
from collective_econ.economy.collective import PayoutRule
from collective_econ.economy.community import CommunityParams
from collective_econ.economy.livelihood import LivelihoodParams
from collective_econ.economy.schedule import Period, Schedule
from collective_econ.errors import CollectiveEconError, ParameterError
from collective_econ.policy import Policy
from collective_econ.scenario import (
    CONFIDENCES,
    DESIGNS,
    Annotation,
    Correlation,
    ExperimentSettings,
    Scenario,
    ScenarioFileError,
    check_support,
    confidence_of,
    dumps,
    load_scenario,
    loads,
    reference_markdown,
    save_scenario,
    validate_file,
    validate_text,
)
from collective_econ.scenario.parts import nested_type
from collective_econ.schemes import SCHEMES

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "src" / "collective_econ" / "cases" / "caopijie" / "caopijie.toml"
DOCS = ROOT / "docs" / "scenario-reference.md"
REGENERATE = "python -m collective_econ.scenario > {1}"
REGENERATE_DATA = "python -m collective_econ.cases.caopijie > {1}"


# -- the embedded case ----------------------------------------------------------------


def test_default_scenario_is_the_python_built_case():
    sc = default_scenario()
    assert sc == python_default_scenario()
    assert sc.policies == default_policies()
    assert sc.policy_names[0] == "cash only"
    assert (sc.community, sc.livelihood) == (CommunityParams(), LivelihoodParams())
    assert (sc.horizon_years, sc.start_year, sc.baseline) == (20, 2010, None)
    used = {name for policy in sc.policies for name in policy.schemes}
    assert sc.scheme_params == {k: s.params_type() for k, s in SCHEMES.items() if k in used}
    # the main job samples the case's uncertain inputs (20 x 1 runs a policy, not 1 x 10)
    assert sc.experiment == ExperimentSettings(design="lhs", samples=20, replications=1)
    assert sc.uncertainties == SIMULATION_UNCERTAINTIES
    assert (sc.correlation, sc.outcomes, sc.notes) == (None, (), {})
    # the dibao, a national entitlement, is in every policy, the baseline too
    assert all("safety_net" in p.schemes for p in sc.policies)
    assert sc.policy("cash only").params("safety_net") == sc.policy("full package").params(
        "safety_net"
    )


def test_the_data_file_is_what_the_writer_makes_of_the_python_case():
    expected = dumps(python_default_scenario(), comments=True)
    assert DATA.read_text(encoding="utf-8") == expected, REGENERATE_DATA.format("data", DATA)
    assert init_text() == expected


def test_init_text_is_valid_and_every_figure_carries_a_source():
    assert validate_text(init_text()) == []
    section, missing = "", []
    for line in init_text().splitlines():
        if line.startswith("["):
            section = line
        elif (
            "=" in line
            and not line.startswith("#")
            and section.startswith(("[community", "[livelihood", "[schemes", "[[schemes"))
        ):
            comment = line.partition("  # ")[2]
            # a case document, a published source (with its year), an estimate, a model option
            cited = re.search(
                r"case report|domain reference|estimate|well-known|policy lever|model option"
                r"|\b(19|20)\d\d\b",
                comment,
            )
            if not cited:
                missing.append(f"{section} {line}")
    assert missing == []


def test_the_reference_page_is_generated_from_the_metadata():
    text = DOCS.read_text(encoding="utf-8")
    assert text == reference_markdown(), REGENERATE.format("docs", DOCS)
    for cls in (CommunityParams, LivelihoodParams, *(s.params_type for s in SCHEMES.values())):
        for info in cls.describe():
            assert f"| `{info.name}` |" in text


def test_every_toml_block_of_the_reference_parses_and_whole_scenarios_load():
    blocks = re.findall(r"```toml\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.DOTALL)
    assert len(blocks) >= 4
    for block in blocks:
        tomllib.loads(block)
        if "[scenario]" in block:
            sc = loads(block)
            assert sc.correlation_matrix()[0, 1] == 0.6
            assert sc.policy("shares + hogs").params("hogs", 35).per_head_subsidy == 50.0


# -- the assumption register ----------------------------------------------------------


def test_the_register_covers_every_parameter_with_metadata_sources():
    sc = default_scenario()
    reg = {a.path: a for a in sc.assumptions}
    hotel = reg["schemes.hotel.total_investment"]
    assert (hotel.value, hotel.unit, hotel.confidence) == (4e6, "yuan", "seed")
    assert hotel.source.startswith("seed-facts.md §4")
    assert reg["schemes.jobs.jobs[3].name"].value == "traffic assistants"
    assert reg["community.agricultural_household_size"].confidence == "estimate"
    assert {a.confidence for a in reg.values()} <= set(CONFIDENCES)
    assert len(reg) == len(sc.assumptions)  # no path twice


def test_annotations_override_the_metadata_and_enter_the_register():
    text = init_text().replace(
        "share_fraction = 0.8",
        'share_fraction = { value = 0.7, source = "my survey", confidence = "sourced" }',
    )
    text = text.replace(
        '"land_shares.share_fraction" = 0.0',
        '"land_shares.share_fraction" = { value = 0.1, source = "council minutes" }',
    )
    sc = loads(text)
    reg = {a.path: a for a in sc.assumptions}
    mine = reg["schemes.land_shares.share_fraction"]
    assert (mine.value, mine.unit, mine.source, mine.confidence) == (
        0.7,
        "fraction",
        "my survey",
        "sourced",
    )
    lever = reg['policies["cash only"].land_shares.share_fraction']
    assert (lever.value, lever.source, lever.confidence) == (0.1, "council minutes", "estimate")
    assert loads(dumps(sc)) == sc
    assert sc != default_scenario()


@pytest.mark.parametrize(
    ("source", "confidence"),
    [
        ("seed-facts.md §2", "seed"),
        ("domain-reference.md §5a: PBoC", "sourced"),
        ("well-known: 3 years", "well-known"),
        ("estimate: three waves", "estimate"),
        ("seed-facts.md §6: 3 rounds (yearly: estimate)", "estimate"),
        ("policy lever", "estimate"),
    ],
)
def test_confidence_is_read_from_the_source(source, confidence):
    assert confidence_of(source) == confidence


# -- the Scenario object --------------------------------------------------------------


def test_a_scenario_carries_uncertainties_correlation_and_settings():
    hog = Uncertainty("hogs.hog_price", Triangular(low=10.5, mode=12.0, high=13.5), "§8")
    feed = Uncertainty("hogs.feed_price", Triangular(low=2.6, mode=3.0, high=3.6), "§8")
    wage = Uncertainty("livelihood.casual_wage_month", Uniform(low=610.0, high=800.0))
    corr = Correlation(("hogs.feed_price", "hogs.hog_price"), ((1.0, 0.6), (0.6, 1.0)))
    sc = Scenario(
        "t",
        default_policies(),
        uncertainties=(hog, wage, feed),
        correlation=corr,
        experiment=ExperimentSettings(design="lhs", samples=64),
        outcomes=("gini",),
        baseline="80% shares",
    )
    rho = sc.correlation_matrix()
    assert rho[0, 2] == rho[2, 0] == 0.6
    assert rho[1, 1] == 1.0
    assert rho[0, 1] == 0.0
    assert sc.baseline_policy.name == "80% shares"
    assert loads(dumps(sc)) == sc


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"baseline": "ful package"}, "did you mean 'full package'"),
        ({"uncertainties": (Uncertainty("hogs.hog_prize", Fixed(value=1.0)),)}, "hog_price"),
        ({"uncertainties": (Uncertainty("jobs.jobs", Fixed(value=1.0)),)}, "numeric field"),
        ({"uncertainties": (Uncertainty("hogs.mortality", Normal(mu=0.06, sd=0.02)),)}, "rule"),
        ({"correlation": Correlation(("a", "b"), ((1.0, 0.0), (0.0, 1.0)))}, "uncertainty"),
        ({"outcomes": ("gini", "gini")}, "distinct"),
        ({"notes": {("schemes", "hogs", "hog_prize"): Annotation()}}, "notes"),
        ({"notes": {("community", "age_shares", 0): Annotation()}}, "notes"),
        ({"horizon_years": 0}, ">= 1"),
    ],
)
def test_a_scenario_refuses_bad_parts(kwargs, fragment):
    with pytest.raises(ParameterError, match=re.escape(fragment)):
        Scenario("t", default_policies(), **kwargs)


@pytest.mark.parametrize(
    ("matrix", "fragment"),
    [
        (((1.0, 0.9, -0.9), (0.9, 1.0, 0.9), (-0.9, 0.9, 1.0)), "positive semi-definite"),
        (((1.0, 0.5), (0.5, 1.0)), "3 x 3"),
        (((1.0, 0.5, 0.0), (0.4, 1.0, 0.0), (0.0, 0.0, 1.0)), "equal to"),
    ],
)
def test_a_correlation_must_be_a_correlation_matrix(matrix, fragment):
    with pytest.raises(ParameterError, match=fragment):
        Correlation(("a", "b", "c"), matrix)


def test_experiment_settings_are_validated_parameters():
    assert ExperimentSettings() == ExperimentSettings(
        design="montecarlo", samples=1, replications=10, seed=2010, workers=1
    )
    with pytest.raises(ParameterError, match="one of"):
        ExperimentSettings(design="grid")


# -- problems, each with its location and line ----------------------------------------


def _mutated(*pairs):
    """The default text with each ``(old, new)`` replaced once, and the line of each."""
    text, lines = init_text(), []
    for old, new in pairs:
        assert old in text, old
        lines.append(text[: text.index(old)].count("\n") + 1)
        text = text.replace(old, new, 1)
    return text, lines


CASES = [
    ("hogs_per_batch = 100", "hogs_per_batch = 50", "schemes.hogs.hogs_per_batch",
     ">= 100, got 50"),
    ("households = 100", "housholds = 100", "schemes.hogs.housholds",
     "did you mean 'households'?"),
    ("share_fraction = 0.8", 'share_fraction = "0.8"', "schemes.land_shares.share_fraction",
     "must be a real number, got '0.8' (a string)"),
    ('add = ["hogs"]', 'add = ["hgos"]', 'policies["shares + hogs"].add[0]',
     "did you mean 'hogs'"),
    ('baseline = "full package"', 'baseline = "ful package"',
     'policies["package without collective projects"].baseline',
     "unknown baseline policy 'ful package'; did you mean 'full package'?"),
    ("[schemes.tea]", "[schemes.teas]", "schemes.teas",
     "unknown scheme 'teas'; did you mean 'tea'"),
    ("places = 60", "places = -1", "schemes.jobs.jobs[5].places", "must be >= 0, got -1"),
    ('"land_shares.share_fraction" = 0.0', '"land_shares.share_fracton" = 0.0',
     'policies["cash only"].land_shares.share_fracton', "did you mean 'share_fraction'"),
    ('"land_shares.share_fraction" = 0.0', '"hogs.households" = 5',
     'policies["cash only"].hogs', "add it with add = ['hogs']"),
    ("horizon_years = 20", "horizon_years = 20.5", "scenario.horizon_years",
     "must be an integer"),
    ("age_shares = [0.22, 0.65, 0.13]", "age_shares = [0.22, 0.65, 0.23]",
     "community.age_shares", "shares summing to 1"),
    ("ramp = [0.0, 0.0, 0.2", "ramp = [0.0, 0.0, 1.2", "schemes.tea.ramp[2]", "within [0, 1]"),
    ('design = "lhs"', 'design = "lhx"', "experiment.design",
     "one of 'montecarlo'"),
    ("residents = 25000", 'residents = { value = 25000, confidence = "guess" }',
     "community.residents.confidence", "unknown confidence 'guess'; expected one of: seed"),
    ("total_investment = 4000000.0", "total_investment = 100000.0",
     "schemes.hotel.resident_equity", "all equity <= total_investment"),
    ("seed = 2010", "seed = 20 10", "syntax", "at line"),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "where", "fragment"), CASES, ids=[c[2] for c in CASES])
def test_each_problem_is_located(old, new, where, fragment):
    text, (line,) = _mutated((old, new))
    problems = validate_text(text)
    assert [p.location for p in problems] == [where]
    assert fragment in problems[0].message
    if where != "schemes.hotel.resident_equity":  # a rule between keys: the table's line
        assert problems[0].line == line


def test_one_pass_reports_every_problem_in_line_order():
    text, lines = _mutated(*[(old, new) for old, new, _, _ in CASES[:8] + CASES[9:11]])
    problems = validate_text(text)
    assert len(problems) == 10
    assert [p.line for p in problems] == sorted(lines)
    with pytest.raises(ScenarioFileError) as info:
        loads(text, source="my.toml")
    assert info.value.problems == problems
    assert str(info.value).startswith("my.toml: 10 problems\n  line ")
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, CollectiveEconError)


def test_a_policy_cycle_and_a_policy_with_both_forms():
    text, _ = _mutated(
        (
            'schemes = ["land_shares", "safety_net"]',
            'schemes = ["land_shares", "safety_net"]\nbaseline = "cash only"',
        )
    )
    messages = {p.location: p.message for p in validate_text(text)}
    assert "not both" in messages['policies["80% shares"]']
    cycle = messages['policies["cash only"].baseline']
    assert (
        cycle == "policies form a cycle of baselines: 'cash only' -> '80% shares' -> 'cash only'"
    )


def _bare_text():
    """The case's text without its own [[uncertainties]] (for tests that add theirs)."""
    text = init_text()
    head, _, tail = text.partition("[[uncertainties]]")
    return head + tail[tail.index("[experiment]") :]


EXTRA = """
[policies.subsidised]
baseline = "shares + hogs"
periods = [
    { scheme = "hogs", start = 0, end = 36, values = { per_head_subsidy = 50.0 } },
    { scheme = "hogs", start = 24, values = { per_head_subsidy = 20.0 } },
    { scheme = "tea", start = 0, values = { area_mu = 10.0 } },
    { scheme = "hogs", start = 30, end = 12, values = { farm_grant = 1.0 } },
]

[[uncertainties]]
param = "hogs.hog_price"
distribution = { kind = "uniform", low = 13.0, high = 11.0 }

[[uncertainties]]
param = "hogs.feed_price"
distribution = { kind = "triangle", low = 2.6, mode = 3.0, high = 3.6 }

[[uncertainties]]
param = "hogs.hog_prize"
distribution = { kind = "pert", low = 2.6, high = 3.6 }

[[uncertainties]]
param = "hogs.mortality"
distribution = { kind = "uniform", low = 0.02, high = 0.8 }

[[uncertainties]]
param = "hogs.fcr"
distribution = { kind = "triangular", low = 2.7, mode = 3.0, high = 4.0 }

[[uncertainties]]
param = "hogs.piglet_price"
distribution = { kind = "triangular", low = 250.0, mode = 400.0, high = 600.0 }

[correlation]
names = ["hogs.fcr", "hogs.piglet_price", "hogs.feed_pric"]
matrix = [[1.0, 0.9], [0.9, 1.0]]
"""


def _line(text, needle):
    return text[: text.index(needle)].count("\n") + 1


def test_policies_uncertainties_and_correlations_are_checked():
    text = _bare_text() + EXTRA
    got = {(p.location, p.line): p.message for p in validate_text(text)}
    sub = 'policies["subsidised"]'
    unc = text.index("[[uncertainties]]")
    expected = {
        (f"{sub}.periods[1]", _line(text, '{ scheme = "hogs", start = 24')): "overlaps",
        (f"{sub}.periods[2].scheme", _line(text, '{ scheme = "tea"')): "policy 'tea'",
        (f"{sub}.periods[3].end", _line(text, "start = 30")): "must be > start (30), got 12",
        ("uncertainties[0].distribution.low", _line(text, "low = 13.0")): "< high (11)",
        ("uncertainties[1].distribution.kind", _line(text, '"triangle"')): "'triangular'?",
        ("uncertainties[2].param", _line(text, '"hogs.hog_prize"')): "did you mean 'hog_price'?",
        ("uncertainties[2].distribution.mode", _line(text, '"pert"')): "missing the key 'mode'",
        ("uncertainties[3].distribution", _line(text, "high = 0.8")): "hogs.mortality's rule",
        ("correlation.names[2]", _line(text, "names = [")): "unknown uncertainty param",
    }
    assert unc > 0
    for key, fragment in expected.items():
        assert fragment in got.pop(key), key
    assert got == {}


def test_a_correlation_that_is_not_positive_semi_definite():
    rows = "[[1.0, 0.9, -0.9], [0.9, 1.0, 0.9], [-0.9, 0.9, 1.0]]"
    params = ["hogs.fcr", "hogs.feed_price", "hogs.hog_price"]
    fixed = 'distribution = { kind = "fixed", value = 3.0 }'
    extra = "".join(f'[[uncertainties]]\nparam = "{p}"\n{fixed}\n' for p in params)
    extra += f"[correlation]\nnames = {params!r}\nmatrix = {rows}\n".replace("'", '"')
    (problem,) = validate_text(_bare_text() + extra)
    assert problem.location == "correlation.matrix"
    assert "positive semi-definite" in problem.message
    assert problem.line == _line(_bare_text() + extra, "matrix =")


def test_loading_runs_no_code_from_the_file():
    text = _bare_text() + (
        '[[uncertainties]]\nparam = "hogs.fcr"\n'
        "distribution = { kind = \"__import__('os').system('false')\", value = 1.0 }\n"
    )
    (problem,) = validate_text(text)
    assert problem.location == "uncertainties[0].distribution.kind"
    assert "unknown distribution kind" in problem.message
    name = "__import__('os').system('false')"
    sc = loads(init_text().replace('name = "Caopijie', f'name = "{name} Caopijie'))
    assert sc.name.startswith(name)


# -- files ----------------------------------------------------------------------------


def test_save_and_load_a_file(tmp_path):
    sc = dataclasses.replace(default_scenario(), name='草皮街 "test"\n', horizon_years=5)
    path = tmp_path / "my.toml"
    save_scenario(sc, path, comments=True)
    assert load_scenario(path) == sc
    assert validate_file(path) == []


def test_unreadable_files_are_problems_too(tmp_path):
    missing = tmp_path / "nope.toml"
    (problem,) = validate_file(missing)
    assert problem.location == "file"
    assert "cannot be read" in problem.message
    with pytest.raises(ScenarioFileError, match=r"nope\.toml"):
        load_scenario(missing)
    latin = tmp_path / "latin.toml"
    latin.write_bytes(b'[scenario]\nname = "caf\xe9"\n')
    (problem,) = validate_file(latin)
    assert problem.location == "file"
    assert "UTF-8" in problem.message


def test_the_format_version_is_checked():
    text = init_text().replace("format = 1", "format = 2")
    (problem,) = validate_text(text)
    assert (problem.location, problem.message) == ("scenario.format", "must be 1, got 2")


def test_set_as_nested_tables_and_partial_payout():
    text = init_text().replace(
        '[policies."cash only".set]\n"land_shares.share_fraction" = 0.0',
        '[policies."cash only".set]\nland_shares.share_fraction = 0.0\n'
        "land_shares.dividend_rate = 0.06",
    )
    text = text.replace('add = ["hogs"]', 'add = ["hogs"]\npayout = { vote = false }\n', 1)
    sc = loads(text)
    assert sc.policy("cash only").params("land_shares").dividend_rate == 0.06
    assert sc.policy("shares + hogs").payout == PayoutRule(vote=False)
    assert sc.policy("full package").payout == PayoutRule(vote=False)  # inherited
    assert loads(dumps(sc)) == sc


# -- the round trip, over generated scenarios -----------------------------------------

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=10)
WORDS = ["1998", "2019", "factories", "brewery", "hotel_company", "x", "农场", *DESIGNS]
FLOATS = st.one_of(
    st.floats(0, 1), st.floats(-1, 1), st.floats(0, 1e6), st.sampled_from([0.0, 0.5, 1.0])
)
NUMERIC = [
    f"{key}.{f.name}"
    for key, cls in [
        ("community", CommunityParams),
        ("livelihood", LivelihoodParams),
        *((k, s.params_type) for k, s in SCHEMES.items()),
    ]
    for f in dataclasses.fields(cls)
    if typing.get_type_hints(cls)[f.name] in (int, float)
]


def _obeys(f, value):
    rule = f.metadata.get("rule")
    return rule is None or rule.test(value)


def _value(draw, cls, f, default):
    hint = typing.get_type_hints(cls)[f.name]
    if hint is bool:
        return draw(st.booleans())
    if hint is str:
        return draw(st.sampled_from([w for w in WORDS if _obeys(f, w)] or [default]))
    if hint is int:
        value = draw(st.one_of(st.integers(0, 5), st.integers(-10, 5000)))
    elif hint is float:
        value = draw(FLOATS)
    else:  # a tuple of numbers: same length, or one more or less
        item = int if typing.get_args(hint)[0] is int else float
        n = max(1, len(default) + draw(st.integers(-1, 1)))
        elem = st.integers(0, 100) if item is int else FLOATS
        value = tuple(draw(st.lists(elem, min_size=n, max_size=n)))
        return value if all(_obeys(f, v) for v in value) else default
    return value if _obeys(f, value) else default


def _changed(draw, base, most=3):
    """``base`` with a few fields changed at random, each change kept only if valid."""
    cls = type(base)
    fields = dataclasses.fields(cls)
    for f in draw(st.lists(st.sampled_from(fields), max_size=most, unique_by=lambda f: f.name)):
        nested = nested_type(cls, f.name)
        if nested is not None:
            items = list(getattr(base, f.name))
            i = draw(st.integers(0, len(items) - 1))
            items[i] = _changed(draw, items[i], 2)
            value = tuple(items[: len(items) - draw(st.integers(0, 1))])
        else:
            value = _value(draw, cls, f, getattr(base, f.name))
        with contextlib.suppress(ParameterError):
            base = base.evolve(**{f.name: value})
    return base


def _periods(draw, base):
    scalars = [
        f
        for f in dataclasses.fields(base)
        if nested_type(type(base), f.name) is None
        and typing.get_type_hints(type(base))[f.name] in (int, float, bool)
    ]
    periods, start = [], draw(st.integers(0, 24))
    for _ in range(draw(st.integers(0, 2))):
        f = draw(st.sampled_from(scalars))
        end = None if draw(st.booleans()) else start + draw(st.integers(1, 36))
        value = _value(draw, type(base), f, getattr(base, f.name))
        periods.append(Period(start, end, {f.name: value}))
        if end is None:
            break
        start = end + draw(st.integers(0, 12))
    return tuple(periods)


def _distribution(draw, centre):
    width = abs(centre) * 0.2 or 0.1
    lo, hi = centre, centre + width
    mode = lo + width * draw(st.floats(0, 1))
    return draw(
        st.sampled_from(
            [
                Fixed(value=centre),
                Uniform(low=lo, high=hi),
                Triangular(low=lo, mode=mode, high=hi),
                PERT(low=lo, mode=mode, high=hi, lamb=3.0),
                Normal(mu=(lo + hi) / 2, sd=width / 4, low=lo, high=hi),
                Normal(mu=(lo + hi) / 2, sd=width / 4, high=hi),
                LogNormal(mean=hi, cv=0.1) if hi > 0 else Fixed(value=hi),
                Empirical(values=(lo, hi), weights=(1.0, 2.0)),
                Empirical(values=(lo, mode, hi)),
            ]
        )
    )


@st.composite
def scenarios(draw):
    catalogue = {
        k: _changed(draw, s.params_type()) for k, s in SCHEMES.items() if draw(st.booleans())
    }
    full = {k: catalogue.get(k) or s.params_type() for k, s in SCHEMES.items()}
    names = draw(st.lists(TEXT, min_size=1, max_size=4, unique=True))
    policies, reforms = [], {}
    for i, name in enumerate(names):
        if i and draw(st.booleans()):
            parent = draw(st.sampled_from(policies))
            schedules, payout = dict(parent.schemes), parent.payout
            for key in draw(st.lists(st.sampled_from(list(SCHEMES)), unique=True, max_size=3)):
                if key in schedules:
                    del schedules[key]
                else:
                    schedules[key] = Schedule(full[key])
            if draw(st.booleans()):
                reforms[name] = parent.name
        else:
            keys = draw(st.lists(st.sampled_from(list(SCHEMES)), unique=True, max_size=4))
            schedules, payout = {k: Schedule(full[k]) for k in keys}, PayoutRule()
        for key in draw(st.lists(st.sampled_from(list(SCHEMES)), unique=True, max_size=2)):
            if key in schedules:
                old = schedules[key]
                base = _changed(draw, old.base, 2)
                periods = old.periods if draw(st.booleans()) else _periods(draw, base)
                try:
                    schedules[key] = Schedule(base, periods)
                except ParameterError:
                    schedules[key] = Schedule(base)
        if draw(st.booleans()):
            payout = _changed(draw, payout, 2)
        policies.append(Policy(name, schedules, payout, draw(TEXT)))
    uncertainties = []
    for path in draw(st.lists(st.sampled_from(NUMERIC), unique=True, max_size=3)):
        owner, _, field = path.partition(".")
        cls = {"community": CommunityParams, "livelihood": LivelihoodParams}.get(owner)
        default = getattr((cls or SCHEMES.get(owner).params_type)(), field)
        dist = _distribution(draw, float(default))
        try:
            check_support(path, dist)
        except ParameterError:
            continue
        uncertainties.append(Uncertainty(path, dist, draw(TEXT)))
    correlation = None
    if len(uncertainties) >= 2 and draw(st.booleans()):
        rho = draw(st.floats(-0.45, 0.95))
        names_c = tuple(u.param for u in uncertainties[:3])
        k = len(names_c)
        matrix = tuple(tuple(1.0 if i == j else rho for j in range(k)) for i in range(k))
        correlation = Correlation(names_c, matrix)
    scenario = Scenario(
        draw(TEXT),
        tuple(policies),
        _changed(draw, CommunityParams()),
        _changed(draw, LivelihoodParams()),
        draw(st.integers(1, 60)),
        draw(st.integers(1900, 2100)),
        draw(st.one_of(st.none(), st.sampled_from(names))),
        catalogue,
        tuple(uncertainties),
        correlation,
        _changed(draw, ExperimentSettings()),
        tuple(draw(st.lists(TEXT.filter(bool), unique=True, max_size=3))),
        reforms=reforms,
    )
    paths = _note_paths(scenario)
    chosen = draw(st.lists(st.sampled_from(paths), unique=True, max_size=3))
    maybe = st.one_of(st.none(), TEXT)
    notes = {
        p: Annotation(draw(maybe), draw(maybe), draw(st.sampled_from([None, *CONFIDENCES])))
        for p in chosen
    }
    return dataclasses.replace(scenario, notes=notes)


def _note_paths(sc):
    def fields(prefix, params):
        for f in dataclasses.fields(params):
            if nested_type(type(params), f.name) is None:
                yield (*prefix, f.name)
            elif getattr(params, f.name):
                yield from fields((*prefix, f.name, 0), getattr(params, f.name)[0])

    paths = [*fields(("community",), sc.community), *fields(("livelihood",), sc.livelihood)]
    for key, params in sc.scheme_params.items():
        paths += fields(("schemes", key), params)
    for p in sc.policies:
        paths += fields(("policies", p.name, "payout"), p.payout)
        for key, schedule in p.schemes.items():
            paths += fields(("policies", p.name, key), schedule.base)
    return paths


@settings(max_examples=60, deadline=None)  # the invariants test the round trip on 60 more
@given(scenarios())
def test_round_trip_is_exact(sc):
    text = dumps(sc)
    back = loads(text)
    assert back == sc
    assert loads(dumps(sc, comments=True)) == sc
    assert dumps(back) == text  # a file read and written again is unchanged
    assert back.assumptions == sc.assumptions


@settings(max_examples=40, deadline=None)
@given(scenarios())
def test_generated_scenarios_are_valid_files_with_no_problems(sc):
    assert validate_text(dumps(sc, comments=True)) == []
    assert np.allclose(loads(dumps(sc)).correlation_matrix(), sc.correlation_matrix())


def test_round_trip_of_every_part_of_a_rich_scenario():
    tea = SCHEMES["tea"].params_type()
    prices = (Period(0, 24, {"spring_price": 8.0}), Period(24, None, {"spring_price": 5.0}))
    subsidy = default_policies()[2].reform(
        "subsidy", {"hogs.per_head_subsidy": 50.0}, add={"tea": Schedule(tea, prices)}
    )
    rich = Scenario(
        "rich",
        (default_policies()[1], subsidy),
        uncertainties=(Uncertainty("tea.spring_price", PERT(low=4.0, mode=6.0, high=14.0), "§3"),),
        notes={("policies", "subsidy", "hogs", "per_head_subsidy"): Annotation(source="plan")},
        reforms={"subsidy": "80% shares"},
    )
    text = dumps(rich)
    assert '"hogs.per_head_subsidy" = { value = 50.0, source = "plan" }' in text
    assert "periods = [" in text
    assert loads(text) == rich
