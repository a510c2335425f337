"""The validation page: committed and current, complete, and the key facts within range."""

import difflib
import math
import pickle
import runpy
import sys
from pathlib import Path

import pytest

from collective_econ.cases.caopijie import validation as vr
from collective_econ.cases.caopijie.facts import CASE
from collective_econ.citations import markdown

PAGE = Path(__file__).resolve().parents[3] / "docs" / "validation.md"
REGENERATE = "python -m collective_econ.cases.caopijie.validation > docs/validation.md"

# topic -> the case's figure, for every [seed] figure of seed-facts.md the model uses
SEED_FIGURES = {
    "residents": CASE.residents,
    "resident groups": CASE.resident_groups,
    "agricultural residents": CASE.agricultural_residents,
    "non-agricultural residents": CASE.non_agricultural_residents,
    "share fraction": CASE.share_fraction,
    "hog households": CASE.hog_households,
    "hogs per household": CASE.hogs_per_household,
    "spent grain supply": CASE.brewery_beer_tonnes,
    "tea area": CASE.tea_mu,
    "park area": CASE.park_mu,
    "park income": CASE.park_income,
    "hotel land": CASE.hotel_land_mu,
    "hotel residents' funds": CASE.hotel_resident_funds,
    "hotel investment": CASE.hotel_funds,
    "hotel profit": CASE.hotel_profit,
    "hotel per-capita gain": CASE.hotel_claimed_per_capita_gain,
    "training rounds": CASE.training_rounds,
    "training person-times": CASE.training_person_times,
}


# vr.checks() (half a minute of simulations and appraisals) in a process of its own, which
# tests/conftest.py starts on another core when the session starts (``prefetch``); the
# module's tests share its result, unpickled: frozen Check records
CHECKS = (
    "import pickle\n"
    "from collective_econ.cases.caopijie import validation\n"
    "with open('checks.pickle', 'wb') as f:\n"
    "    pickle.dump(validation.checks(), f)\n"
)
ENV = {"MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin", "PYTHONPATH": ":".join(sys.path)}


def prefetch(item):
    return [{"code": CHECKS, "env": ENV}] if item.name == "test_committed_page_is_current" else []


@pytest.fixture(scope="module")
def checks(fresh_python, tmp_path_factory):
    res = fresh_python(tmp_path_factory.mktemp("checks"), code=CHECKS, env=ENV)
    assert res.returncode == 0, res.stderr[-3000:]
    return pickle.loads((res.cwd / "checks.pickle").read_bytes())


@pytest.fixture(scope="module")
def by_topic(checks):
    return {c.topic: c for c in checks}


def test_committed_page_is_current(checks):
    committed = PAGE.read_text(encoding="utf-8")
    fresh = vr.render(checks) + "\n"  # print() adds the final newline
    if committed != fresh:
        diff = "".join(
            list(
                difflib.unified_diff(
                    committed.splitlines(keepends=True),
                    fresh.splitlines(keepends=True),
                    "docs/validation.md (committed)",
                    "render()",
                )
            )[:40]
        )
        pytest.fail(f"docs/validation.md is stale; regenerate it with\n  {REGENERATE}\n{diff}")


def test_the_regenerate_command_writes_the_page(checks, monkeypatch, capsys):
    # ``python -m ...validation`` in this process, on the checks already computed (the
    # module's ``checks()`` is what the fixture called): the command prints the page
    monkeypatch.setattr(vr, "checks", lambda: checks)
    runpy.run_module("collective_econ.cases.caopijie.validation", run_name="__main__")
    assert capsys.readouterr().out == PAGE.read_text(encoding="utf-8")


def test_checks_are_well_formed(checks):
    topics = [c.topic for c in checks]
    assert len(topics) == len(set(topics)), "topics must be unique"
    for c in checks:
        assert c.verdict in ("matches", "close", "differs"), c
        assert c.section in vr.SECTIONS, c
        if c.kind != "validation":  # validation checks name theirs in `source`
            # the case, the reference, or (for the financing checks) the economics review
            sources = ("seed-facts.md", "domain-reference.md", "economics review")
            assert any(s in c.figure for s in sources), c
        assert c.target, c
        assert c.model, c
    assert {c.section for c in checks} == set(vr.SECTIONS)


# -- kinds: only out-of-sample checks count as validation (issue 13 item 3) ------------------


def test_every_check_has_a_kind_and_every_validation_check_a_source(checks):
    assert vr.problems(checks) == []
    for c in checks:
        assert c.kind in vr.KINDS, c.topic
        if c.kind == "validation":
            assert c.source.strip(), c.topic


def test_problems_catches_a_missing_kind_or_source():
    bare = vr.Check("Hotel", "planted", "a fact", "t", "m", "matches")
    assert vr.classify([bare]) == [bare]  # not in the table: stays unclassified
    assert vr.problems([bare]) == ["planted: no kind (add it to KIND_OF or pass kind=)"]
    unsourced = vr.Check("Hotel", "planted", "f", "t", "m", "matches", kind="validation")
    assert "needs its source" in vr.problems([unsourced])[0]
    sourced = vr.Check(
        "Hotel", "planted", "f", "t", "m", "matches", kind="validation", source="Xie (2019)"
    )
    assert vr.problems([sourced]) == []


def test_at_least_twelve_out_of_sample_checks(checks):
    assert vr.counts(checks)["validation"]["all"] >= 12


def test_inputs_echoed_back_are_never_counted_as_validation(by_topic):
    # parameters set from the figure they are compared with
    for topic in (
        *(t for t in SEED_FIGURES if t not in ("park income", "hotel profit")),
        "pig cycle period",
        "pig cycle peak/trough",
        "feed conversion",
        "tea ramp, year 3",
        "occupancy",
        "loan rate",
        "unemployment by age",
        "training wage uplift",
        "dibao line",
        "urban household size",
    ):
        assert by_topic[topic].kind in ("provenance", "internal"), topic
    # targets a parameter was tuned to
    for topic in (
        "park income",
        "hotel profit",
        "simple payback",
        "per-shareholder gain",
        "5-year business survival",
        "peak hazard year",
        "landless unemployment",
        "landless unemployment in the simulation",
        "baseline rural income",
        "urban income",
    ):
        assert by_topic[topic].kind == "calibration", topic
    for c in by_topic.values():
        if c.section in ("Financing", "Appraisal and simulation"):
            assert c.kind == "internal", c.topic


def test_the_landless_checks_test_the_change_not_the_level(by_topic):
    for topic in ("landless income without schemes", "landless work income after expropriation"):
        c = by_topic[topic]
        assert c.kind == "validation"
        assert -1.0 < c.value < 1.0, (topic, c.value)  # a relative change, not yuan
        assert (c.verdict == "matches") == (c.value < 0.0), topic  # the direction decides


def test_the_page_prints_the_counts_and_its_parts(checks):
    page = vr.render(checks)
    n = vr.counts(checks)
    v, cal = n["validation"], n["calibration"]
    head = page.split("\n## ", 1)[0]
    assert (
        f"**{v['all']} out-of-sample checks, of which {v['matches']} match, {v['close']} "
        f"are close and {v['differs']} differ**; {cal['all']} calibration targets"
    ) in head
    assert f"{n['provenance']['all']} inputs echoed back (provenance)" in head
    assert f"{n['internal']['all']} internal consistency checks" in head
    titles = [
        "Validation against facts the model was not fitted to",
        "Calibration targets",
        "Provenance: inputs echoed back",
        "Internal consistency (not validation)",
    ]
    starts = [page.index(f". {t}\n") for t in titles]
    assert starts == sorted(starts)
    parts = dict(zip(vr.KINDS, page.split("\n## ")[1:5], strict=True))
    for c in checks:
        row = f"| {c.section} | {c.topic} |"
        assert row in parts[c.kind], c.topic
        others = [k for k in vr.KINDS if k != c.kind]
        assert all(row not in parts[k] for k in others), c.topic
    for c in checks:
        if c.kind == "validation":
            # its source as the page shows it: the documents named and linked
            shown = markdown(c.source.split(";")[0].replace("|", "\\|"), bare=False)
            assert shown in parts["validation"]


def test_an_unclassified_check_is_shown_apart_and_counted():
    bare = vr.Check("Hotel", "planted", "a fact", "t", "m", "differs", "why")
    page = vr.render([bare])
    assert "1 checks are not classified yet" in page
    assert "## 1. Unclassified" in page
    assert "**0 out-of-sample checks" in page


@pytest.mark.parametrize("topic", list(SEED_FIGURES))
def test_every_seed_figure_is_checked(by_topic, topic):
    check = by_topic[topic]
    assert "seed-facts.md" in check.figure
    figure = SEED_FIGURES[topic]
    shown = f"{figure:.0%}" if isinstance(figure, float) and figure < 1 else f"{figure:,.0f}"
    assert shown in check.figure, (shown, check.figure)
    assert math.isfinite(check.value)


def test_seed_figures_the_model_takes_as_given(by_topic):
    for topic in (
        "residents",
        "resident groups",
        "agricultural residents",
        "share fraction",
        "hog households",
        "tea area",
        "park area",
        "hotel land",
        "hotel residents' funds",
        "hotel investment",
        "training rounds",
    ):
        assert by_topic[topic].value == pytest.approx(SEED_FIGURES[topic]), topic
        assert by_topic[topic].verdict == "matches", topic
    assert by_topic["hogs per household"].value >= CASE.hogs_per_household
    assert by_topic["training person-times"].value >= CASE.training_person_times


def test_the_report_own_inconsistencies_are_flagged(by_topic):
    # 1,826 + 23,290 != 25,000, and a 350,000-yuan profit cannot add 10 M yuan a head
    assert by_topic["non-agricultural residents"].verdict == "differs"
    assert by_topic["hotel per-capita gain"].verdict == "differs"


def test_key_facts(by_topic):
    assert 3.0 <= by_topic["pig cycle period"].value <= 4.0
    assert 1.6 <= by_topic["pig cycle peak/trough"].value <= 2.5
    assert by_topic["tea ramp, years 1-2"].value == 0.0
    assert 6 <= by_topic["tea ramp, full yield"].value <= 8
    assert by_topic["hotel profit"].value == pytest.approx(CASE.hotel_profit, rel=0.10)
    assert by_topic["park income"].value == pytest.approx(CASE.park_income, rel=0.02)
    assert 0.45 <= by_topic["5-year business survival"].value <= 0.50
    for topic in (
        "pig cycle period",
        "pig cycle peak/trough",
        "tea ramp, years 1-2",
        "tea ramp, full yield",
        "hotel profit",
        "park income",
        "5-year business survival",
    ):
        assert by_topic[topic].verdict == "matches", topic


def test_every_difference_is_explained(checks):
    page = vr.render(checks)
    differences = page.split("## Differences", 1)[1]
    for c in checks:
        listed = f"- **{c.topic}** ({c.verdict};" in differences
        assert listed == (c.verdict != "matches"), c.topic
        if c.verdict != "matches":
            assert c.note, f"{c.topic}: a difference needs its reason"


def test_formatting_ignores_floating_point_noise_but_not_real_changes(checks):
    values = [c.value for c in checks if math.isfinite(c.value) and c.value != 0]
    for v in values:
        assert vr._num(v) == vr._num(v * (1 + 1e-12)), v
        assert vr._num(v) != vr._num(v * 1.02), v
    assert vr._pct(0.475) == vr._pct(0.475 + 1e-15)


def test_grade():
    assert vr.grade(3.5, 3.0, 4.0) == "matches"
    assert vr.grade(4.0 + 1e-12, 3.0, 4.0) == "matches"
    assert vr.grade(4.5, 3.0, 4.0) == "close"
    assert vr.grade(5.0, 3.0, 4.0) == "differs"
    assert vr.grade(-160.0, -150.0, 500.0) == "close"


def test_close_is_judged_against_the_bound_missed_not_the_far_one():
    # rural to urban income: 15% of the urban bound would call 11,700 "close" to 16,400
    assert vr.grade(11_700.0, 16_400.0, 43_600.0) == "differs"
    assert vr.grade(14_000.0, 16_400.0, 43_600.0) == "close"
    assert vr.grade(49_000.0, 16_400.0, 43_600.0) == "close"  # above: the upper bound's 15%
    assert vr.grade(51_000.0, 16_400.0, 43_600.0) == "differs"
