"""compare() is a view over run_experiment: the CLI's numbers, and one headline table."""

import dataclasses
import math
import re
import textwrap

import numpy as np
import pytest

from collective_econ.cases.caopijie import default_scenario
from collective_econ.cli import PLOT_REPLICATIONS, main
from collective_econ.errors import ParameterError, ParameterTypeError
from collective_econ.runs.comparison import compare
from collective_econ.runs.decision import CI_LEGEND, format_decision
from collective_econ.runs.executors import process_pool
from collective_econ.runs.experiment import run_experiment
from collective_econ.runs.results import Comparison, ExperimentResults, RunId
from collective_econ.runs.spec import ExperimentSpec

# the scenarios' appraisal warnings (seconds of Monte Carlo each ``run`` and ``report``),
# computed once for equal scenarios (shared_alerts_module in tests/conftest.py); tests of
# the warnings themselves are in tests/runs/test_alerts.py, which does not share them
pytestmark = pytest.mark.usefixtures("shared_alerts_module")

SEED, REPS, YEARS = 2010, 2, 3
ARRAYS = ("years", "per_capita", "baseline", "size", "start", "by_source", "stakeholders")
HEADLINE_KEYS = [
    "policy",
    "income_first",
    "income_fifth",
    "income_last",
    "restored_5y",
    "poverty_last",
    "gini_last",
    "better",
    "better_low",
    "better_high",
    "extra_fiscal_cost_npv",
]


def cli_spec(scenario, seed, replications, horizon):
    """The spec ``collective-econ run --seed --replications --horizon`` builds (cli._run)."""
    names = scenario.policy_names
    kept = min(replications, PLOT_REPLICATIONS)
    return ExperimentSpec(
        policies=names,
        replications=replications,
        horizon_years=horizon,
        seed=seed,
        panels=tuple(RunId(p, 0, r) for p in range(len(names)) for r in range(kept)),
    )


@pytest.fixture(scope="module")
def cmp():
    return compare(default_scenario(), seed=SEED, replications=REPS, horizon_years=YEARS)


def assert_same(a: Comparison, b: Comparison) -> None:
    assert a.policies == b.policies
    assert a.events == b.events
    for name in ARRAYS:
        x, y = np.asarray(getattr(a, name)), np.asarray(getattr(b, name))
        assert (x.shape, x.dtype, x.tobytes()) == (y.shape, y.dtype, y.tobytes()), name
    assert a.results.identical(b.results)


def test_compare_is_run_experiment_with_the_cli_spec_bit_for_bit(cmp):
    sc = default_scenario()
    res = run_experiment(sc, cli_spec(sc, SEED, REPS, YEARS))
    assert_same(cmp, res.to_comparison())
    assert cmp.per_capita.shape[:3] == (len(sc.policy_names), REPS, YEARS)
    assert cmp.table() == res.headline()


def test_the_cli_prints_exactly_compares_table(cmp, tmp_path, capsys):
    args = ["run", "--seed", str(SEED), "--replications", str(REPS), "--horizon", str(YEARS)]
    # one sample, inputs at their values: compare()'s default (the case's main job samples 20)
    assert main([*args, "--samples", "1", "--out", str(tmp_path / "out"), "--no-plots"]) == 0
    printed = capsys.readouterr().out
    table = cmp.format_table()
    # two header lines, a rule, a line per policy (a long name wraps onto more), the legend
    wrapped = sum(len(textwrap.wrap(p, 24)) - 1 for p in cmp.policies)
    assert len(table.splitlines()) == 4 + len(cmp.policies) + wrapped
    assert table.splitlines()[-1] == CI_LEGEND
    assert table in printed
    assert "\n" + table + "\n" in printed  # whole lines, nothing more on them
    # and the stored results agree with the Python side, array for array
    assert ExperimentResults.from_store(tmp_path / "out").identical(cmp.results)


def test_table_is_the_headline_of_its_runs(cmp):
    rows = cmp.table()
    assert [list(r) for r in rows] == [HEADLINE_KEYS] * len(cmp.policies)
    assert rows == cmp.results.headline()
    assert cmp.format_table() == cmp.results.format_headline()
    base = rows[0]
    assert math.isnan(base["better"])
    assert base["extra_fiscal_cost_npv"] == 0.0
    # the headline's income columns are the mean_income outcome: each year's income over
    # the persons present that year (the panels' month-0 sizes are only the plots' weights)
    pc = cmp.results.mean("mean_income")
    np.testing.assert_allclose([r["income_first"] for r in rows], pc[:, 0], rtol=1e-12)
    np.testing.assert_allclose([r["income_last"] for r in rows], pc[:, -1], rtol=1e-12)
    other = cmp.table(cmp.policies[1])
    assert other == cmp.results.headline(cmp.policies[1])
    assert math.isnan(other[1]["better"])
    assert not math.isnan(other[0]["better"])


def test_write_csv_writes_the_headline_keys(cmp, tmp_path):
    written = cmp.write_csv(tmp_path)
    head = (tmp_path / "comparison.csv").read_text().splitlines()[0]
    assert head.split(",") == HEADLINE_KEYS
    assert tmp_path / "comparison.csv" in written


def test_a_subset_comparison_tables_only_its_runs():
    sc = dataclasses.replace(default_scenario(), horizon_years=YEARS)
    names = ("cash only", "80% shares")
    spec = ExperimentSpec(
        policies=names,
        replications=3,
        seed=SEED,
        panels=tuple(RunId(p, 0, r) for p in range(2) for r in (0, 2)),
    )
    res = run_experiment(sc, spec)
    sub = res.to_comparison()
    assert sub.replications == 2
    assert sub.results.replications == 2
    np.testing.assert_array_equal(sub.results.household_mean, res.household_mean[:, :, [0, 2]])
    income = res.outcomes["mean_income"][:, 0, [0, 2]].mean(axis=1)
    np.testing.assert_allclose([r["income_first"] for r in sub.table()], income[:, 0])
    assert sub.table() != res.headline()  # replication 1 is not in the subset


def test_compare_is_the_same_on_a_process_pool(cmp):
    with process_pool(2) as pool:
        other = compare(
            default_scenario(), seed=SEED, replications=REPS, horizon_years=YEARS, executor=pool
        )
    assert_same(cmp, other)


def test_compare_seeds():
    sc = dataclasses.replace(default_scenario(), horizon_years=1)
    one = compare(sc, ["cash only"], replications=1, seed=np.random.SeedSequence(3))
    assert_same(one, compare(sc, ["cash only"], replications=1, seed=3))
    with pytest.raises(ParameterTypeError, match="seed"):
        compare(sc, ["cash only"], replications=1, seed=np.random.default_rng(3))
    with pytest.raises(ParameterError, match="seed"):
        compare(sc, ["cash only"], replications=1, seed=-1)
    with pytest.raises(ParameterError, match="replications"):
        compare(sc, ["cash only"], replications=0)
    with pytest.raises(ParameterError, match="policies"):
        compare(sc, [], replications=1)


def test_printed_tables_fit_100_columns_and_bracket_a_ci_as_the_report(cmp):
    """Brackets read "71% (39% to 99%)" with the legend under the table, as the report's
    "(95% CI 39% to 99%)"; never the old "(39-99%)" that a reader took for a range."""
    for table in (cmp.format_table(), format_decision(cmp.results.decision_table())):
        lines = table.splitlines()
        assert max(map(len, lines)) <= 100, max(lines, key=len)
        assert lines[-1] == CI_LEGEND
        assert re.search(r"\(\d+% to \d+%\)", table)
        assert not re.search(r"\(\d+%?-\d+%\)", table)
    lines = cmp.format_table().splitlines()
    row = next(r for r in cmp.table() if r["policy"] == cmp.policies[1])
    line = next(ln for ln in lines if ln.startswith(cmp.policies[1][:24]))
    assert f"{row['better']:.0%} ({row['better_low']:.0%} to {row['better_high']:.0%})" in line


def test_a_bracket_too_narrow_for_whole_percents_keeps_a_decimal():
    """ "99% (99% to 99%)" told the reader nothing: a narrow interval gets the decimals
    that part its ends (as the report's summary), and one that no decimal parts is left
    out; the table still fits 100 columns."""
    row = {
        "policy": "full package with a long name that wraps", "restored_5y": (0.993, 0.991, 0.994),
        "poverty_peak": (0.15, 0.14, 0.16), "poverty_peak_year": 2014,
        "income_long": (4917.0, 4876.0, 4958.0), "poverty_long": (0.0, 0.0, 0.0),
        "extra_fiscal_cost": (1.0e6, 0.5e6, 1.5e6),
    }  # fmt: skip
    table = format_decision([row])
    assert "99.3%" in table
    assert "(99.1% to 99.4%)" in table
    assert "(99% to 99%)" not in table
    assert "(0.0% to 0.0%)" not in table
    assert max(map(len, table.splitlines())) <= 100
