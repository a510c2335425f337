"""Of the landless poor, those whose hog farm lost money that year: recorded, stored, read, said.

The ``poor_hog_loss_share`` and ``poor_hog_loss_persons`` outcomes answer a county
official's question ("how many of the landless poor are poor in a year their hog farm
lost money?"): checked against a count household by household, under policies with and
without hogs, through the store, across executors, and in the report's findings.
"""

import dataclasses
import math
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pytest

from collective_econ.cases.caopijie import default_scenario
from collective_econ.economy.community import CommunityParams
from collective_econ.economy.ledger import Source
from collective_econ.metrics.lines import NATIONAL_RURAL_POVERTY_LINE
from collective_econ.report._html import pct
from collective_econ.report._text import policy_name, text
from collective_econ.report.findings import ci_text, hog_poor, key_findings
from collective_econ.runs.decision import t_interval
from collective_econ.runs.experiment import run_experiment
from collective_econ.runs.outcomes import OUTCOMES, SCHEME_STATUS, check_record, reduce_run
from collective_econ.runs.results import ExperimentResults
from collective_econ.runs.spec import ExperimentSpec
from collective_econ.runs.store import decode_record, encode_record
from collective_econ.simulation import simulate

NAMES = ("poor_hog_loss_share", "poor_hog_loss_persons")
POLICIES = ("cash only", "shares + hogs", "full package")


def small(horizon=6):
    community = CommunityParams(residents=1500, agricultural_residents=900)
    return dataclasses.replace(default_scenario(), community=community, horizon_years=horizon)


@pytest.fixture(scope="module")
def runs():
    sc = small()
    out = {}
    for policy in POLICIES:
        run = simulate(sc, policy, seed=3, horizon_years=6)
        out[policy] = run, reduce_run(run)
    return out


@pytest.fixture(scope="module")
def experiment():
    spec = ExperimentSpec(policies=POLICIES, replications=3, seed=5)
    return run_experiment(small(5), spec)


def brute_force(run):
    """Household by household, year by year: the poor and those of them in a loss year."""
    landless = np.flatnonzero(run.community.landless_target)
    years = run.income.shape[0]
    share, persons = np.full(years, np.nan), np.zeros(years)
    for t in range(years):
        poor = in_loss = 0.0
        for h in landless:
            n = float(run.persons_by_year[t, h])
            if n <= 0:
                continue  # nobody present: not counted that year
            income = float(sum(run.income[t, s, h] for s in range(run.income.shape[1])))
            if income / n < NATIONAL_RURAL_POVERTY_LINE:
                poor += n
                if run.income[t, int(Source.HOGS), h] < 0:
                    in_loss += n
        persons[t] = in_loss
        if poor:
            share[t] = in_loss / poor
    return share, persons


@pytest.mark.parametrize("policy", POLICIES)
def test_the_outcomes_are_a_count_household_by_household(runs, policy):
    run, rec = runs[policy]
    share, persons = brute_force(run)
    np.testing.assert_allclose(rec["poor_hog_loss_share"], share, rtol=1e-9, atol=0)
    np.testing.assert_allclose(rec["poor_hog_loss_persons"], persons, rtol=1e-9, atol=1e-9)


def test_under_hogs_the_poor_in_loss_years_are_there_and_a_share(runs):
    for policy in ("shares + hogs", "full package"):
        run, rec = runs[policy]
        share, persons = rec["poor_hog_loss_share"], rec["poor_hog_loss_persons"]
        assert share.shape == persons.shape == (6,)
        known = np.isfinite(share)
        assert ((share[known] >= 0) & (share[known] <= 1)).all()
        assert persons.max() > 0  # the farms' first years lose money
        # the poor in a loss year are poor: never more than the headcount's persons
        present = run.persons_by_year[:, run.community.landless_target].sum(axis=1)
        poor = rec["poverty_headcount"] * present
        assert (persons <= poor * (1 + 1e-12)).all()
        # no share where nobody is poor, and only there
        np.testing.assert_array_equal(~known, rec["poverty_headcount"] == 0)


def test_without_hogs_nobody_is_poor_for_a_farm_loss(runs):
    _, rec = runs["cash only"]
    share = rec["poor_hog_loss_share"]
    assert (rec["poor_hog_loss_persons"] == 0).all()
    known = np.isfinite(share)
    assert known.any()
    assert (share[known] == 0).all()
    np.testing.assert_array_equal(~known, rec["poverty_headcount"] == 0)


def test_the_record_survives_the_store_bit_for_bit(runs):
    _, rec = runs["full package"]
    back = decode_record(encode_record(rec))
    for name in NAMES:
        assert back[name].dtype == np.float64
        assert back[name].tobytes() == rec[name].tobytes()  # NaN included
    h = int(runs["full package"][0].community.landless_target.sum())
    check_record(back, 6, h, panel=False)


def test_a_record_without_them_is_named_as_another_versions(runs):
    run, rec = runs["shares + hogs"]
    old = {k: v for k, v in rec.items() if k not in NAMES}
    h = int(run.community.landless_target.sum())
    with pytest.raises(ValueError, match="before this outcome was recorded"):
        check_record(old, 6, h, panel=False)


def test_an_experiment_reads_back_from_its_folder_and_on_any_executor(experiment, tmp_path):
    spec = ExperimentSpec(policies=POLICIES, replications=3, seed=5)
    with ProcessPoolExecutor(max_workers=2) as ex:
        res = run_experiment(small(5), spec, executor=ex, store=tmp_path)
    assert res.identical(experiment)
    back = ExperimentResults.from_store(tmp_path)
    assert back.identical(experiment)
    for name in NAMES:
        assert back.outcomes[name].shape == (3, 1, 3, 5)
        assert back.outcomes[name].tobytes() == experiment.outcomes[name].tobytes()
    assert experiment.outcomes["poor_hog_loss_persons"][1].max() > 0


def test_the_interval_is_the_t_interval_of_the_runs_where_it_is_defined(experiment):
    ci = experiment.interval("poor_hog_loss_share")
    assert ci.shape == (3, 5, 3)
    x = experiment.sel("poor_hog_loss_share").reshape(3, -1, 5)
    for i in range(3):
        for t in range(5):
            v = x[i, :, t]
            m, lo, hi = t_interval(v[np.isfinite(v)])
            assert ci[i, t, 0] == pytest.approx(m, nan_ok=True)
            if math.isfinite(lo):  # a share's ends are clipped to [0, 1]
                assert ci[i, t, 1] == pytest.approx(max(lo, 0.0))
                assert ci[i, t, 2] == pytest.approx(min(hi, 1.0))
    known = np.isfinite(ci)
    assert ((ci[known] >= 0) & (ci[known] <= 1)).all()
    # an outcome without NaN: the decision table's interval, unclipped
    gap = experiment.interval("poverty_gap")
    assert gap[1, 0, 0] == pytest.approx(experiment.mean("poverty_gap")[1, 0])
    assert OUTCOMES["poor_hog_loss_persons"].unit == "persons"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_findings_say_it_only_under_a_policy_with_hog_farms(experiment, lang):
    farms = experiment.outcomes["scheme_status"][..., SCHEME_STATUS.index("hog_farms")]
    assert not (farms[0] > 0).any()
    assert hog_poor(experiment, "cash only", lang) == ""
    groups = {g.heading: g.sentences for g in key_findings(experiment, "cash only", lang)}
    base = policy_name("cash only", lang)
    for i, policy in enumerate(POLICIES[1:], start=1):
        assert (farms[i] > 0).any()
        said = hog_poor(experiment, policy, lang)
        heading = text("f.compared", lang, name=policy_name(policy, lang), base=base)
        assert said in groups[heading]  # in the policy's own findings, once
        assert sum(said in s for s in groups.values()) == 1
        # the worst year (the runs' most frequent), its mean share and CI, its persons
        peaks = experiment.sel("poverty_peak_year", policy=policy).astype(int).ravel()
        year = int(np.bincount(peaks).argmax())
        t = int(np.flatnonzero(experiment.years == year)[0])
        mid, lo, hi = experiment.interval("poor_hog_loss_share")[i, t]
        persons = experiment.mean("poor_hog_loss_persons")[i, t]
        want = ci_text(pct(mid), pct(lo), pct(hi), lang)
        assert said == text("f.hog_poor", lang, year=year, name=policy_name(policy, lang),
                            share=want, persons=f"{persons:,.0f}")  # fmt: skip
        assert 0 < mid <= 1
    # no sentence of the kind under cash only, in any group
    stem = {"en": "hog farm lost money", "zh": "养猪场亏损"}[lang]
    assert sum(stem in s for ss in groups.values() for s in ss) == len(POLICIES) - 1
