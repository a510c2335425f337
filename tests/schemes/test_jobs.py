"""Tests of jobs and training for landless residents (schemes/jobs.py)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from collective_econ.errors import ParameterError
from collective_econ.schemes.jobs import (
    SCHEME,
    JobsParams,
    JobType,
    appraise,
    hire_probability,
    separation_probability,
    steady_state_employment,
    trained_fraction,
    wage,
)

DEFAULT = JobsParams()
fractions = st.floats(0.0, 1.0)


def outside_market(a):
    """What all stakeholders together pay to / get from the outside economy, by year.

    Training, the change in outside earnings, and the wage bill the employers get back:
    the new output's buyers and the displaced workers (items, not stakeholder rows).
    """
    return -a.items["training_cost"] + a.items["outside_earnings_change"] + a.items["wages"]


# (a) regression values -------------------------------------------------------------------


def test_case_job_types_and_wages():
    # seed-facts.md §3: walnut, silicon, brewery; traffic assistants, greening, sanitation
    names = [j.name for j in DEFAULT.jobs]
    assert names == [
        "walnut plant", "silicon plant", "brewery", "traffic assistants", "greening", "sanitation",
    ]  # fmt: skip
    # domain-reference.md §8: factory 1,200, service 800 yuan/month; training +15% (§6)
    w = wage(DEFAULT, np.arange(6), False)
    assert w.tolist() == [1200.0, 1200.0, 1200.0, 800.0, 800.0, 800.0]
    assert wage(DEFAULT, 2, True) == pytest.approx(1380.0)
    assert wage(DEFAULT, -1, True) == 0.0
    assert separation_probability(DEFAULT, [0, 3, -1]).tolist() == [0.02, 0.01, 0.0]


def test_case_training_rounds():
    # seed-facts.md §6: 3 rounds, 500+ person-times; one round a year, 1,200 yuan each (estimate)
    a = appraise(DEFAULT, horizon_years=6)
    assert DEFAULT.training_rounds * DEFAULT.trainees_per_round >= 500
    assert a.items["training_cost"].tolist() == [167 * 1200.0] * 3 + [0.0] * 4
    assert trained_fraction(DEFAULT, 10) == pytest.approx(501 / 900)


def test_steady_state_by_hand_when_vacancies_bind():
    # 900 seekers for 430 places: every vacancy is filled in a month (phi = 1), so
    # E_j = N_j / (1 + s_j), s_j the turnover: separations plus contracts not renewed,
    # 0.02 + 0.3 / 24 for a walnut place, 0.01 + 0.3 / 12 for a sanitation post.
    e = steady_state_employment(DEFAULT, 900)
    assert float(e.fill_rate) == 1.0
    assert e.by_job[0] == pytest.approx(120 / (1 + 0.02 + 0.3 / 24))
    assert e.by_job[5] == pytest.approx(60 / (1 + 0.01 + 0.3 / 12))
    # the pool of 900 - 422.8 works outside at 75% (domain-reference.md §6: 25% unemployed)
    pool = 900 - float(e.scheme_jobs)
    assert float(e.outside_employed) == pytest.approx(0.75 * pool)


def test_baseline_unemployment_and_subsidy_years():
    a = appraise(DEFAULT)
    assert np.all(a.items["baseline_employment_rate"] == 0.75)  # domain-reference.md §6
    assert np.all(a.items["employment_rate"] > 0.75)
    # public-welfare post subsidy for up to 3 years (domain-reference.md §6)
    assert np.all(a.items["wage_subsidy"][:3] > 0)
    assert np.all(a.items["wage_subsidy"][3:] == 0)
    assert {str(s) for s in a.involved()} == {"households", "firm", "government"}
    assert SCHEME.name == "jobs"


# (b) properties --------------------------------------------------------------------------


@given(st.integers(0, 2**32 - 1), fractions, st.integers(0, 400))
def test_flows_conserve_money(seed, u0, trainees):
    p = DEFAULT.evolve(baseline_unemployment=u0, trainees_per_round=trainees)
    for a in (appraise(p), appraise(p, rng=np.random.default_rng(seed))):
        assert np.allclose(a.flows.sum(axis=0), outside_market(a), rtol=1e-9, atol=1e-3)


@given(st.lists(st.booleans(), min_size=1, max_size=20), st.floats(0.0, 1.0))
def test_hire_probability_is_a_probability_and_training_helps(trained, skill):
    t = np.array(trained)
    p = hire_probability(DEFAULT, t, skill)
    assert np.all((p >= 0) & (p <= 1))
    assert np.all(hire_probability(DEFAULT, True, skill) >= p)


@given(st.floats(1.0, 3000.0), fractions)
def test_steady_state_balances_and_counts_everyone(seekers, trained):
    e = steady_state_employment(DEFAULT, seekers, trained)
    n, s = DEFAULT.places, DEFAULT.turnover
    assert np.all(e.by_job <= n + 1e-9)
    assert float(e.scheme_jobs) <= seekers * (1 + 1e-9)
    # separations = hires, hires limited by vacancies
    vac = n - e.by_job
    assert float((s * e.by_job).sum()) == pytest.approx(float(e.fill_rate * vac.sum()), abs=1e-6)
    # every trained seeker is either in a scheme job or in the pool
    pool = seekers - float(e.scheme_jobs)
    counted = float(e.trained_share_jobs * e.scheme_jobs + e.trained_share_pool * pool)
    assert counted == pytest.approx(trained * seekers, rel=1e-6, abs=1e-6)
    assert 0.0 <= float(e.employment_rate) <= 1.0 + 1e-12


@given(st.integers(0, 300), st.integers(0, 300))
def test_more_training_never_lowers_employment_or_wages(t1, t2):
    lo, hi = sorted((t1, t2))
    a_lo = appraise(DEFAULT.evolve(trainees_per_round=lo), horizon_years=4)
    a_hi = appraise(DEFAULT.evolve(trainees_per_round=hi), horizon_years=4)
    assert np.all(a_hi.items["employment_rate"] >= a_lo.items["employment_rate"] - 1e-9)
    assert np.all(a_hi.of("households") >= a_lo.of("households") - 1e-6)


@given(st.floats(0.0, 3.0))
def test_more_places_never_lower_employment(scale):
    jobs = tuple(j.evolve(places=round(j.places * scale)) for j in DEFAULT.jobs)
    more = appraise(DEFAULT.evolve(jobs=jobs), horizon_years=3)
    fewer = appraise(DEFAULT.evolve(jobs=tuple(j.evolve(places=0) for j in jobs)), horizon_years=3)
    assert np.all(more.items["employment_rate"] >= fewer.items["employment_rate"] - 1e-9)


# (c) reproducibility ---------------------------------------------------------------------


# (d) bad input ---------------------------------------------------------------------------


def test_negative_places_rejected():
    with pytest.raises(ParameterError, match=r"JobType\.places must be >= 0, got -1"):
        JobType(places=-1)


def test_separation_above_one_rejected():
    with pytest.raises(ParameterError, match=r"separation_month must be within \[0, 1\]"):
        JobType(separation_month=1.5)


def test_nan_wage_rejected():
    with pytest.raises(ParameterError, match=r"wage_month must be finite, got nan"):
        JobType(wage_month=float("nan"))


def test_unemployment_above_one_rejected():
    with pytest.raises(ParameterError, match=r"baseline_unemployment must be within \[0, 1\]"):
        JobsParams(baseline_unemployment=1.2)


def test_zero_hire_probability_rejected():
    with pytest.raises(ParameterError, match=r"base_hire_probability must be within \(0, 1\]"):
        JobsParams(base_hire_probability=0.0)


def test_no_seekers_rejected():
    with pytest.raises(ParameterError, match=r"seekers must be >= 1, got 0"):
        JobsParams(seekers=0)


def test_empty_jobs_rejected():
    with pytest.raises(ParameterError, match=r"jobs must be at least one JobType"):
        JobsParams(jobs=())


def test_duplicate_job_names_rejected():
    with pytest.raises(ParameterError, match=r"jobs must be job types with distinct names"):
        JobsParams(jobs=(JobType(), JobType()))


def test_foreign_job_rejected():
    with pytest.raises(ParameterError, match=r"jobs\[0\] must be a JobType"):
        JobsParams(jobs=("brewery",))


# (e) horizon -----------------------------------------------------------------------------


def test_zero_horizon_rejected():
    with pytest.raises(ParameterError, match=r"horizon_years must be >= 1"):
        appraise(DEFAULT, horizon_years=0)
