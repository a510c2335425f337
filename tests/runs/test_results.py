"""The per-run record, the results object, its summaries and its exports."""

import csv
import dataclasses
import sys

import matplotlib
import numpy as np
import pytest

from collective_econ import metrics
from collective_econ.cases.caopijie import default_scenario
from collective_econ.distributions import Triangular
from collective_econ.distributions.uncertainty import Uncertainty
from collective_econ.economy.community import CommunityParams
from collective_econ.errors import MissingDependencyError, ParameterError
from collective_econ.runs.experiment import run_experiment
from collective_econ.runs.outcomes import OUTCOMES, STAKEHOLDER_GROUPS, reduce_run, summarize
from collective_econ.runs.results import ExperimentResults, RunId
from collective_econ.runs.spec import ExperimentSpec
from collective_econ.simulation import simulate

TWO = ("cash only", "80% shares")
RATE = Uncertainty("land_shares.dividend_rate", Triangular(low=0.04, mode=0.08, high=0.12))


def small():
    community = CommunityParams(residents=600, agricultural_residents=400)
    return dataclasses.replace(default_scenario(), community=community, horizon_years=3)


@pytest.fixture(scope="module")
def res():
    spec = ExperimentSpec(
        policies=TWO,
        uncertainties=(RATE,),
        design="lhs",
        samples=2,
        replications=3,
        seed=11,
        panels="all",
    )
    return run_experiment(small(), spec)


def test_a_record_holds_every_outcome_with_its_shape():
    run = simulate(small(), "80% shares", seed=1)
    rec = reduce_run(run, keep_panel=True)
    h = int(run.community.landless_target.sum())
    for name, outcome in OUTCOMES.items():
        assert rec[name].shape == outcome.shape(3), name
    assert rec["household_mean"].shape == (h,)
    assert rec["panel"].shape == (3, h)
    assert "panel" not in reduce_run(run)


def test_record_values_follow_their_definitions():
    run = simulate(small(), "80% shares", seed=2)
    rec, s = reduce_run(run), summarize(run)
    landless = run.community.landless_target
    persons = run.persons_by_year[:, landless].sum(axis=1)  # present each year
    income = run.income[:, :, landless].sum(axis=(1, 2))
    np.testing.assert_allclose(rec["mean_income"], income / persons)
    np.testing.assert_array_equal(rec["household_mean"], s.per_capita.mean(axis=0))
    assert rec["fiscal_cost_npv"] == -rec["npv_government"]
    assert rec["mean_income_total"] == rec["mean_income"].mean()
    np.testing.assert_allclose(rec["income_by_source"].sum(axis=1), rec["mean_income"])
    assert 0.0 <= rec["restored_within_5y"] <= 1.0
    assert rec["stakeholder_flows"].shape == (3, len(STAKEHOLDER_GROUPS))


def test_arrays_are_labelled_by_policy_sample_replication_and_year(res):
    assert res.policies == TWO
    assert res.years.tolist() == [2010, 2011, 2012]
    assert res.inputs == ("land_shares.dividend_rate",)
    assert res.outcomes["mean_income"].shape == (2, 2, 3, 3)
    assert res.outcomes["income_by_source"].shape[-1] == len(OUTCOMES["income_by_source"].labels)
    assert res.sel("gini", policy="80% shares", year=2011).shape == (2, 3)
    assert res.sel("mean_income_total", sample=1, replication=2).shape == (2,)
    np.testing.assert_array_equal(
        res.sel("gini", policy="cash only", year=2012), res.outcomes["gini"][0, :, :, 2]
    )


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"outcome": "gin"}, r"outcome must be one of .*did you mean 'gini'"),
        ({"outcome": "gini", "policy": "80% share"}, "did you mean '80% shares'"),
        ({"outcome": "gini", "year": 1999}, r"year must be a year of \[2010, 2011, 2012\]"),
        ({"outcome": "fiscal_cost_npv", "year": 2010}, "year must be"),
    ],
)
def test_selection_errors_name_the_field(res, kwargs, fragment):
    with pytest.raises(ParameterError, match=fragment):
        res.sel(**kwargs)


def test_summaries(res):
    x = res.outcomes["poverty_headcount"]
    np.testing.assert_allclose(res.mean("poverty_headcount"), x.mean(axis=(1, 2)))
    q = res.percentile("mean_income_total", (5, 50, 95))
    assert q.shape == (3, 2)
    assert np.all(q[0] <= q[2])
    d = res.difference("mean_income_total", "80% shares", "cash only")
    flat = res.outcomes["mean_income_total"].reshape(2, -1)
    ref = metrics.paired_difference(flat[1], flat[0])
    assert (d.mean, d.low, d.high, d.n) == (ref.mean, ref.low, ref.high, 6)
    yearly = res.difference("mean_income", "80% shares", "cash only")
    assert np.shape(yearly.mean) == (3,)


def test_winners_and_losers_are_paired_by_household_and_run(res):
    wl = res.winners_losers("80% shares", "cash only")
    hm = res.household_mean.reshape(2, 6, -1)
    assert wl == metrics.winners_losers(hm[1], hm[0])
    assert wl.better + wl.worse + wl.same == pytest.approx(1.0)


def test_csv_tables_hold_results_only_and_are_reproducible(res, tmp_path):
    again = run_experiment(
        small(),
        ExperimentSpec(
            policies=TWO,
            uncertainties=(RATE,),
            design="lhs",
            samples=2,
            replications=3,
            seed=11,
            panels="all",
        ),
    )
    a, b = res.to_csv(tmp_path / "a"), again.to_csv(tmp_path / "b")
    assert [p.name for p in a] == [p.name for p in b]
    assert all(x.read_bytes() == y.read_bytes() for x, y in zip(a, b, strict=True))
    runs = (tmp_path / "a" / "runs.csv").read_text().splitlines()
    assert runs[0].startswith(
        "policy,sample,replication,land_shares.dividend_rate,restored_within_5y"
    )
    assert runs[1].startswith("cash only,0,0,")
    assert runs[-1].startswith("80% shares,1,2,")
    host = str(res.metadata["host"])
    assert all(host not in p.read_text() for p in a)
    assert "wall_seconds" in res.write_metadata(tmp_path / "a").read_text()


def test_results_reload_from_the_store_identically(tmp_path):
    spec = ExperimentSpec(policies=TWO, replications=2, panels=((1, 0, 1),))
    mem = run_experiment(small(), spec)
    disk = run_experiment(small(), spec, store=tmp_path)
    again = ExperimentResults.from_store(tmp_path)
    assert mem.identical(disk)
    assert again.identical(mem)
    assert list(again.panels) == [RunId(1, 0, 1)]
    assert again.metadata["runs"] == 4


def test_dataframes(res):
    pd = pytest.importorskip("pandas")
    runs = res.to_dataframe()
    assert len(runs) == 12
    assert {"policy", "sample", "replication", "land_shares.dividend_rate", "gini"} - set(
        runs
    ) == {"gini"}
    long = res.to_dataframe("income_by_source")
    assert list(long.columns) == ["policy", "sample", "replication", "year", "label", "value"]
    assert len(long) == res.outcomes["income_by_source"].size
    assert isinstance(long, pd.DataFrame)


def test_dataframes_without_pandas_say_so(res, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingDependencyError, match="needs pandas"):
        res.to_dataframe()


def test_a_comparison_draws_the_usual_plots(res):
    matplotlib.use("Agg")
    from collective_econ.plotting import fan_chart, poverty_chart

    cmp = res.to_comparison(sample=1)
    assert cmp.per_capita.shape == (2, 3, 3, res.household_mean.shape[-1])
    np.testing.assert_array_equal(cmp.per_capita[1, 2], res.panels[RunId(1, 1, 2)])
    np.testing.assert_allclose(cmp.poverty()[:, :, :], res.outcomes["poverty_headcount"][:, 1])
    assert fan_chart(cmp).get_ylabel().startswith("yuan per person")
    assert poverty_chart(cmp) is not None


def test_a_comparison_uses_the_replications_whose_panels_were_kept():
    panels = (*(RunId(p, 0, r) for p in range(2) for r in (1, 3)), RunId(0, 0, 0))
    res = run_experiment(small(), ExperimentSpec(policies=TWO, replications=4, panels=panels))
    cmp = res.to_comparison()
    assert cmp.replications == 2
    np.testing.assert_array_equal(cmp.per_capita[1, 1], res.panels[RunId(1, 0, 3)])
    np.testing.assert_array_equal(
        cmp.stakeholders, res.outcomes["stakeholder_flows"][:, 0, [1, 3]]
    )


def test_a_comparison_needs_some_panels():
    res = run_experiment(
        small(), ExperimentSpec(policies=TWO, replications=2, panels=((0, 0, 0),))
    )
    with pytest.raises(ParameterError, match="panels must be kept for every policy"):
        res.to_comparison()


def test_a_measure_that_does_not_apply_is_an_empty_cell_not_nan(res, tmp_path):
    # neither policy has a business scheme: business_survival does not apply to any run
    assert np.isnan(res.sel("business_survival")).all()
    res.to_csv(tmp_path)
    for name in ("runs.csv", "summary.csv"):
        text = (tmp_path / name).read_text()
        assert "nan" not in text.lower(), name
    with (tmp_path / "runs.csv").open() as fh:
        rows = list(csv.DictReader(fh))
    assert rows
    assert all(r["business_survival"] == "" for r in rows)
    assert all(r["restored_within_5y"] != "" for r in rows)  # a measure that applies is written
    with (tmp_path / "summary.csv").open() as fh:
        survival = [r for r in csv.DictReader(fh) if r["outcome"] == "business_survival"]
    assert survival
    assert all(r["mean"] == r["p5"] == r["p95"] == "" for r in survival)
