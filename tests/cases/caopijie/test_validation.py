"""The validation page: committed and current, complete, and the key facts within range."""

import difflib
import math
import subprocess
import sys
from pathlib import Path

import pytest

from collective_econ.cases.caopijie import validation as vr
from collective_econ.cases.caopijie.facts import CASE

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


@pytest.fixture(scope="module")
def checks():
    return vr.checks()


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


def test_the_regenerate_command_writes_the_page():
    res = subprocess.run(
        [sys.executable, "-m", "collective_econ.cases.caopijie.validation"],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": ":".join(sys.path)},
        check=False,
    )
    assert res.returncode == 0, res.stderr[-2000:]
    assert res.stdout == PAGE.read_text(encoding="utf-8")


def test_checks_are_well_formed(checks):
    topics = [c.topic for c in checks]
    assert len(topics) == len(set(topics)), "topics must be unique"
    for c in checks:
        assert c.verdict in ("matches", "close", "differs"), c
        assert c.section in vr.SECTIONS, c
        # the case, the reference, or (for the financing checks) the economics review
        sources = ("seed-facts.md", "domain-reference.md", "economics review")
        assert any(s in c.figure for s in sources), c
        assert c.target, c
        assert c.model, c
    assert {c.section for c in checks} == set(vr.SECTIONS)


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
