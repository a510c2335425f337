"""The assumption register as a county official reads it, and the appraisal's intervals.

Each source note describes its own value (a public-welfare post's hiring ages, wage and
flag are not sourced to a factory's); no names in the model, no items of the project's
review; years without thousands separators; life tables summarised; a 5-95% range of
one value printed as that value; a plan the runs do not carry out said so.
"""

from __future__ import annotations

import math
import re
from types import SimpleNamespace

import numpy as np
import pytest

from collective_econ.appraisal import AppraisalRow
from collective_econ.cases.caopijie import default_scenario
from collective_econ.report._names import field_words
from collective_econ.report.sections import (
    appraisal_section,
    plan_notes,
    register_section,
    register_value,
)
from collective_econ.runs.outcomes import SCHEME_STATUS
from collective_econ.scenario import dumps
from collective_econ.schemes.jobs import DEFAULT_JOBS, JobType


@pytest.fixture(scope="module")
def register():
    return {a.path: a for a in default_scenario().assumptions}


def _jobs(register, field):
    return [register[f"schemes.jobs.jobs[{i}].{field}"] for i in range(len(DEFAULT_JOBS))]


def test_each_job_type_has_the_source_of_its_own_values(register):
    posts = [j.public_welfare for j in DEFAULT_JOBS]
    assert posts == [False, False, False, True, True, True]
    for a, post in zip(_jobs(register, "hire_min_age_male"), posts, strict=True):
        assert ("under 16" in a.source) == (not post), a  # 50 is not "no hiring under 16"
        assert ("4050" in a.source) == post, a
    for a, post in zip(_jobs(register, "wage_month"), posts, strict=True):
        assert ("default 800" in a.source) == post
        assert ("default 1,200" in a.source) != post
    for a, post in zip(_jobs(register, "public_welfare"), posts, strict=True):
        assert a.value is post
        assert ("not a subsidised" in a.source) == (not post), a
    for a, post in zip(_jobs(register, "contract_months"), posts, strict=True):
        assert ("yearly agreements" in a.source) == post, a
    # the scenario file's comments read the same sources
    toml = dumps(default_scenario(), comments=True)
    assert "hire_min_age_male = 50  # years; estimate: public-welfare posts go to" in toml


def test_source_of_is_the_declared_source_unless_the_kind_differs():
    factory = JobType()
    assert factory.source_of("wage_month") == next(
        i.source for i in JobType.describe() if i.name == "wage_month"
    )
    assert DEFAULT_JOBS[3].source_of("wage_month") != factory.source_of("wage_month")
    assert DEFAULT_JOBS[3].source_of("retire_age") == factory.source_of("retire_age")


_CODE = re.compile(
    r"\b[a-z]+_[a-z_]+\b|\b[A-Z]{3,}_[A-Z_]+\b|\b[A-Z][a-z]+[A-Z][a-zA-Z]+Params\b"
    r"|\bTrue\b|\bFalse\b|\breview [LJT]\d|reviews/economics|\bissue \d+|\bUNCERTAINTIES\b"
)


def test_no_register_source_names_the_model_or_the_review(register):
    bad = {p: a.source for p, a in register.items() if _CODE.search(a.source)}
    assert bad == {}
    assert _CODE.search("estimate (as LandSharesParams)")  # the check can fail
    assert _CODE.search("mean of the triangular in UNCERTAINTIES")
    assert _CODE.search("estimate: provinces pass 70-80% on (economics review L1)")


def test_census_figures_are_not_rated_estimates(register):
    assert register["community.female_share"].confidence == "well-known"
    assert register["demography.sex_ratio_at_birth"].confidence == "well-known"
    for path in ("community.residents", "community.agricultural_residents", "community.groups"):
        assert register[path].confidence == "seed"


def test_terse_names_are_said_in_words():
    for name in ("bsg_yield", "fnb_share", "gop_margin", "qx_male", "tfr"):
        words = field_words(f"schemes.x.{name}")
        assert name.split("_")[0] not in words.split(), words


def test_register_values_years_and_life_tables():
    assert register_value("prices.base_year", 2010, "year") == "2010"
    assert register_value("x.days", 1_500, "days") == "1500"
    assert register_value("x.cost", 2010.0, "yuan") == "2,010"
    sc = default_scenario()
    male = register_value("demography.qx_male", sc.demography.qx_male, "probability")
    assert male.startswith("a life table of ages 0-100: life expectancy at birth 72.")
    assert register_value("x.q", tuple(float(i) for i in range(20)), "1") == (
        "20 values, from 0 to 19"
    )
    page = register_section(sc, sc.policy_names)
    assert "<td>2010</td>" in page
    assert "2,010" not in page
    assert "0.00123863" not in page  # the 101 probabilities are not listed
    zh = register_section(sc, sc.policy_names, "zh")
    assert "出生时预期寿命72." in zh


def _row(**kw):
    base = {"scheme": "hogs", "stakeholder": "bank", "rate": 0.08, "npv": 310_000.0,
            "irr": 0.054, "payback": 3.0, "npv_mean": 310_000.0, "npv_p5": 310_000.0,
            "npv_p50": 310_000.0, "npv_p95": 310_000.0, "irr_p5": 0.054, "irr_p50": 0.054,
            "irr_p95": 0.054, "p_loss": 0.0, "npv_at_defaults": 310_000.0,
            "irr_at_defaults": 0.054, "payback_at_defaults": 3.0, "samples": 64}  # fmt: skip
    base.update(kw)
    return AppraisalRow(**base)


def test_a_range_of_one_value_is_that_value_said_once():
    html = appraisal_section([_row()], horizon_years=20, note="")
    assert "310,000 yuan to 310,000 yuan" not in html
    assert "5.4% to 5.4%" not in html
    assert html.count("no uncertain input acts on it") == 2  # the NPV and the IRR
    spread = appraisal_section(
        [_row(npv_p5=100_000.0, npv_p95=500_000.0, irr_p5=0.03, irr_p95=0.08)],
        horizon_years=20,
        note="",
    )
    assert "no uncertain input acts on it" not in spread
    assert "5-95% of runs" in spread
    assert "没有不确定的输入影响它" in appraisal_section([_row()], horizon_years=20, note="",
                                                 lang="zh")  # fmt: skip


def _results(farms_by_run):
    """Results with only the scheme_status outcome: hog farms by run and year."""
    farms = np.asarray(farms_by_run, dtype=float)  # (runs, years)
    status = np.zeros((1, farms.shape[0], 1, farms.shape[1], len(SCHEME_STATUS)))
    status[0, :, 0, :, SCHEME_STATUS.index("hog_farms")] = farms
    return SimpleNamespace(
        policies=("shares + hogs",),
        years=np.arange(2010, 2010 + farms.shape[1]),
        outcomes={"scheme_status": status},
        sel=lambda name: status,
    )


def test_the_appraisal_says_when_the_runs_do_not_carry_out_the_plan():
    quit_ = _results([[100, 60, 0, 0], [100, 30, 10, 0]])  # last farm: 2011 and 2012
    said = plan_notes(quit_, ["hogs"], 20, "en")
    assert len(said) == 1
    assert "100 farms raising hogs for all 20 years" in said[0]
    assert "every farm has quit in 100% of the runs, the last in 2012 on average" in said[0]
    html = appraisal_section([_row()], horizon_years=20, note="", results=quit_)
    assert "does not bear it out" in html
    # farms still active at the horizon: nothing to say; no hog rows: nothing either
    assert plan_notes(_results([[100, 90, 80, 70]] * 2), ["hogs"], 20) == []
    assert plan_notes(quit_, ["tea"], 20) == []
    assert math.isfinite(float(np.mean([2011, 2012])))
