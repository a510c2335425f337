"""Monitoring rounds: completion-audit indicators, off-track households, forecast update."""

from __future__ import annotations

import csv
from pathlib import Path
from types import MappingProxyType

import numpy as np
import pytest

from collective_econ.calibration.monitor import (
    ForecastUpdateError,
    Round,
    audit,
    heads,
    read_round,
    read_rounds,
    update_forecast,
)
from collective_econ.calibration.synthetic import synthetic_survey
from collective_econ.calibration.weights import replicate_weights
from collective_econ.economy.community import CommunityParams
from collective_econ.errors import SurveyError
from collective_econ.runs.results import ExperimentResults


@pytest.fixture(scope="module")
def survey():
    return synthetic_survey(
        CommunityParams(residents=3000, agricultural_residents=600), n_households=80, seed=3
    )


@pytest.fixture(scope="module")
def stratified():
    return synthetic_survey(
        CommunityParams(residents=3000, agricultural_residents=600),
        n_households=80,
        seed=4,
        design="stratified by group",
    )


def _write_round(path: Path, survey, year, income_pp, members=None, dibao=None) -> Path:
    ids = survey.household_id
    size = survey.community.size if members is None else members
    with path.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["household_id", "year", "members", "income_wages", "income_farming"]
                   + (["dibao"] if dibao is not None else []))  # fmt: skip
        for h in range(len(ids)):
            if not np.isfinite(income_pp[h]):
                continue
            row = [
                ids[h],
                year,
                int(size[h]),
                repr(float(0.75 * income_pp[h])),
                repr(float(0.25 * income_pp[h])),
            ]
            w.writerow(row + ([int(dibao[h])] if dibao is not None else []))
    return path


def _baseline(survey):
    return survey.total_income / survey.community.size


def test_indicators_equal_a_direct_computation(stratified, tmp_path):
    survey = stratified
    assert np.ptp(survey.weight) > 1  # unequal weights: an unweighted share would differ
    base = _baseline(survey)
    rng = np.random.default_rng(5)
    h = survey.n_households
    inc1 = base * rng.uniform(0.6, 1.3, h)
    inc2 = base * rng.uniform(0.7, 1.4, h)
    inc2[3] = np.nan  # not visited in round 2: out of the audit
    dibao = rng.random(h) < 0.2
    paths = [
        _write_round(tmp_path / "r2.csv", survey, 2013, inc2, dibao=dibao),
        _write_round(tmp_path / "r1.csv", survey, 2012, inc1, dibao=dibao),
    ]
    rounds = read_rounds(paths, survey)
    assert [r.year for r in rounds] == [2012, 2013]
    a = audit(survey, rounds, loss_year=2010, target_year=2015)
    seen = np.isfinite(inc2)
    # sustained rule, window 3 over two rounds: the mean of both rounds
    restored2 = ((inc1 + inc2) / 2 >= base) & seen
    restored1 = (inc1 >= base) & seen
    w = survey.weight
    c = survey.community
    female = np.zeros(h, dtype=bool)
    elderly = np.zeros(h, dtype=bool)
    for k in range(h):  # the oldest member by a plain loop
        members = np.flatnonzero(c.person_household == k)
        head = members[np.argmax(c.age[members])]
        female[k] = c.female[head]
        elderly[k] = c.age[head] + 3 >= 60
    assert np.array_equal(c.female[heads(survey)], female)

    def share(flag, mask):
        return float(np.sum(w * flag * mask) / np.sum(w * mask))

    assert a.share["all"][1].estimate == pytest.approx(share(restored2, seen), abs=1e-12)
    assert a.share["all"][0].estimate == pytest.approx(share(restored1, seen), abs=1e-12)
    for name, mask in [("head: female", female), ("head: male", ~female),
                       ("elderly head", elderly), ("dibao", dibao),
                       ("vulnerable", female | elderly | dibao)]:  # fmt: skip
        assert a.share[name][1].estimate == pytest.approx(share(restored2, seen & mask), abs=1e-12)
    for g, gname in enumerate(c.group_names):
        key = f"group: {gname}"
        if key in a.share:
            m = seen & (c.group == g)
            assert a.share[key][1].n == m.sum()
            assert a.share[key][1].estimate == pytest.approx(share(restored2, m), abs=1e-12)
    ytr = np.where(restored1, 2, np.where(restored2, 3, np.nan))
    assert np.array_equal(np.isnan(a.years_to_restore), np.isnan(ytr))
    assert np.nanmax(np.abs(a.years_to_restore - ytr)) == 0
    gap = np.where(seen, np.maximum(base - np.nan_to_num(inc2), 0), 0)
    assert a.gap_per_person == pytest.approx(np.sum(w * gap) / np.sum(w * seen), rel=1e-12)
    assert a.gap_total == pytest.approx(np.sum(w * gap * c.size), rel=1e-12)
    s = a.share["all"][1]
    assert s.method == "wilson"
    assert s.low < s.estimate < s.high
    # replicate weights give their own interval
    rep = replicate_weights(survey)
    b = audit(survey, rounds, loss_year=2010, target_year=2015, replicates=rep)
    assert b.share["all"][1].method == "replicates"
    assert b.share["all"][1].se == pytest.approx(
        rep.se(lambda ww: float(np.sum(ww * restored2 * seen) / np.sum(ww * seen))), rel=1e-9
    )
    assert len(a.table()) == len(a.share) * 2


def test_a_planted_off_track_household_is_listed(survey, tmp_path):
    base = _baseline(survey)
    inc = base * 1.05
    inc[7] = base[7] * 0.3  # far below a path from 50% (2010) to 100% (2016) in 2013: 75%
    inc[9] = base[9] * 0.8  # below baseline, above the path: not off track
    r = read_round(_write_round(tmp_path / "r.csv", survey, 2013, inc), survey)
    a = audit(survey, [r], loss_year=2010, target_year=2016)
    ids = [row["household_id"] for row in a.off_track]
    assert ids == [survey.household_id[7]]
    assert a.off_track[0]["trajectory"] == pytest.approx(0.75 * base[7])


def _results(theta: np.ndarray, years: np.ndarray) -> ExperimentResults:
    """A stored experiment whose run i restores households at the pace theta[i]."""
    s = theta.size
    t = (years - years[0]).astype(float)
    restored = np.clip(theta[:, None] * t[None, :] / 5, 0, 1)  # (samples, years)
    mean_income = 3000 + 2000 * restored
    outcomes = {
        "restored_share": restored[None, :, None, :],
        "mean_income": mean_income[None, :, None, :],
        "restored_within_5y": np.clip(theta, 0, 1)[None, :, None],
    }
    return ExperimentResults(
        policies=("80% shares",),
        years=years.astype(np.int64),
        inputs=("pace",),
        design=theta[:, None],
        outcomes=MappingProxyType(outcomes),
        household_mean=np.zeros((1, s, 1, 3)),
        events=np.zeros((1, s, 1), dtype=np.int64),
        panels=MappingProxyType({}),
        baseline=np.ones(3),
        size=np.ones(3),
        start=np.zeros(3),
    )


def _round_with_share(survey, tmp_path, year, share, name):
    """A round in which the first round(share * H) households are restored (equal weights)."""
    base = _baseline(survey)
    k = round(share * survey.n_households)
    inc = np.where(np.arange(survey.n_households) < k, 1.2 * base, 0.8 * base)
    return read_round(_write_round(tmp_path / name, survey, year, inc), survey)


@pytest.mark.parametrize("true_pace", [0.3, 0.9])
def test_reweighting_concentrates_near_the_run_that_made_the_rounds(survey, tmp_path, true_pace):
    assert np.ptp(survey.weight) < 1e-9  # simple random sample: shares are k / H
    years = np.arange(2010, 2021)
    theta = np.linspace(0.1, 1.1, 201)
    res = _results(theta, years)
    # the round of run true_pace in 2012 and 2013 (share = pace * t / 5)
    rounds = [
        _round_with_share(survey, tmp_path, 2010 + t, true_pace * t / 5, f"r{t}.csv")
        for t in (2, 3)
    ]
    a = audit(survey, rounds, loss_year=2010, target_year=2015, rule="one_year")
    up = update_forecast(res, a)
    assert up.weights.sum() == pytest.approx(1.0)
    assert 20 <= up.ess < 0.6 * theta.size
    mean_theta = float(up.weights.ravel() @ theta)
    assert abs(mean_theta - true_pace) < 0.1
    assert abs(mean_theta - true_pace) < abs(theta.mean() - true_pace)
    prior = up.quantiles("restored_share", prior=True)[1, -3]
    post = up.quantiles("restored_share")[1, -3]
    truth = min(true_pace * 8 / 5, 1.0)
    assert abs(post - truth) < abs(prior - truth)
    if true_pace < theta.mean():
        assert post < prior
        assert up.probability() < up.probability(prior=True)
    else:
        assert post > prior
        assert up.probability() > up.probability(prior=True)
    both = update_forecast(res, a, indicators=("restored_share", "mean_income"))
    assert both.ess < up.ess  # a second indicator sharpens the update


def test_an_ess_below_the_floor_is_refused(survey, tmp_path):
    years = np.arange(2010, 2021)
    res = _results(np.linspace(0.1, 0.3, 50), years)  # no run restores fast
    rounds = [_round_with_share(survey, tmp_path, 2013, 0.95, "r.csv")]
    a = audit(survey, rounds, loss_year=2010, target_year=2015)
    with pytest.raises(ForecastUpdateError, match="effective sample size"):
        update_forecast(res, a)
    ok = _results(np.linspace(0.1, 1.1, 50), years)
    with pytest.raises(ForecastUpdateError, match="below the floor 49"):
        update_forecast(ok, a, min_ess=49)


def test_bad_cells_give_located_errors(survey, tmp_path):
    ids = survey.household_id
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "household_id,round_date,members,income_wages,dibao\n"
        f"{ids[0]},2013-05-01,2,3000,0\n"
        f"nobody,2013-05-02,2,3000,0\n"
        f"{ids[1]},2013-13-01,0,abc,2\n"
        f"{ids[0]},2014-01-01,2,3000,0\n"
    )
    missing = tmp_path / "missing.csv"
    missing.write_text(f"household_id,year,income_wages\n{ids[0]},2013,100\n")
    with pytest.raises(SurveyError) as err:
        read_rounds([bad, missing, tmp_path / "absent.csv"], survey)
    found = {(Path(p.file).name, p.line, p.column) for p in err.value.problems}
    assert found == {
        ("bad.csv", 3, "household_id"),
        ("bad.csv", 4, "round_date"),
        ("bad.csv", 4, "members"),
        ("bad.csv", 4, "income_wages"),
        ("bad.csv", 4, "dibao"),
        ("bad.csv", 5, "household_id"),
        ("bad.csv", 5, "round_date"),
        ("missing.csv", 0, "members"),
        ("absent.csv", 0, ""),
    }
    assert "bad.csv, line 4, column 'members'" in str(err.value)


def test_overlay_draws_observations_over_both_fans(survey, tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from collective_econ.plotting.monitoring import monitoring_chart

    res = _results(np.linspace(0.1, 1.1, 101), np.arange(2010, 2021))
    rounds = [_round_with_share(survey, tmp_path, 2013, 0.5, "r.csv")]
    a = audit(survey, rounds, loss_year=2010, target_year=2015, rule="one_year")
    up = update_forecast(res, a)
    ax = monitoring_chart(up, a)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert len(labels) == 3
    assert "updated" in labels[1]
    ax2 = monitoring_chart(up, a, outcome="mean_income")
    assert "yuan" in ax2.get_ylabel()
    plt.close("all")


def test_two_rounds_beat_the_prior_brier_score_in_most_projects(survey):
    """F5 test 1 on a stored toy experiment: 100 projects drawn from the prior, 2 rounds each."""
    years = np.arange(2010, 2021)
    theta = np.linspace(0.1, 1.1, 201)  # the runs: a uniform prior over the pace
    res = _results(theta, years)
    rng = np.random.default_rng(11)
    h = survey.n_households
    base = _baseline(survey)
    better = refused = 0
    for _ in range(100):
        pace = rng.uniform(0.1, 1.1)  # a project drawn from the prior
        rounds = []
        for t in (2, 3):
            restored = rng.random(h) < min(pace * t / 5, 1.0)
            inc = np.where(restored, 1.2 * base, 0.8 * base)
            rounds.append(Round(2010 + t, inc, survey.community.size.astype(float), None, "-"))
        a = audit(survey, rounds, loss_year=2010, target_year=2015, rule="one_year")
        truth = float(pace >= 0.8)  # restored_within_5y >= 0.8
        try:
            up = update_forecast(res, a)
        except ForecastUpdateError:
            refused += 1
            continue
        brier_post = (up.probability() - truth) ** 2
        brier_prior = (up.probability(prior=True) - truth) ** 2
        better += brier_post < brier_prior
    assert refused <= 10  # sharp posteriors near the prior's edges: too few runs carry them
    assert better >= 80  # refused updates count as not better


def test_the_round_names_the_head_when_it_can(survey, tmp_path):
    ids = survey.household_id
    base = _baseline(survey)
    rows = ["household_id,year,members,income_wages,head_sex,head_age"]
    for h, hid in enumerate(ids):
        sex, age = ("F", 70) if h < 10 else ("M", 40)
        inc = float(base[h]) * (1.1 if h < 5 else 0.9)
        rows.append(f"{hid},2013,{survey.community.size[h]},{inc!r},{sex},{age}")
    path = tmp_path / "heads.csv"
    path.write_text("\n".join(rows) + "\n")
    a = audit(survey, [read_round(path, survey)], loss_year=2010, target_year=2015)
    assert a.share["head: female"][0].n == 10
    assert a.share["head: female"][0].estimate == pytest.approx(0.5)
    assert a.share["elderly head"][0].n == 10
    assert a.share["head: male"][0].estimate == 0
    path.write_text(path.read_text().replace(",F,70\n", ",X,70\n", 1))
    with pytest.raises(SurveyError, match="line 2, column 'head_sex'"):
        read_round(path, survey)
