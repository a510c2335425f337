"""Per-person figures of a year weight households by the persons present that year.

Births, deaths and migration change who is there: a household whose members have all
died or left drops out of that year's distribution, a newborn raises its household's
weight, and a stored-then-reloaded experiment weights exactly as the one in memory.
Quantities fixed at the taking (the households' incomes before it) keep month-0 sizes.
"""

from __future__ import annotations

import dataclasses

import matplotlib.pyplot as plt
import numpy as np
import pytest

from collective_econ import metrics, simulate
from collective_econ.cases.caopijie import default_scenario
from collective_econ.economy.community import CommunityParams
from collective_econ.plotting import fan_chart, income_distribution
from collective_econ.plotting._style import _pooled
from collective_econ.runs.experiment import run_experiment
from collective_econ.runs.outcomes import RunView, summarize
from collective_econ.runs.results import Comparison, ExperimentResults, RunId
from collective_econ.runs.spec import ExperimentSpec
from collective_econ.runs.store import ResultStore, StoreError, decode_record, encode_record
from collective_econ.scenario import Scenario

LINE = 2300.0


@pytest.fixture(autouse=True)
def no_leak():
    before = set(plt.get_fignums())
    yield
    for number in set(plt.get_fignums()) - before:
        plt.close(number)


def _hand_made() -> Comparison:
    """One policy, one replication, two years, three households of 2, 3 and 4 persons.

    Year 1: household 0 has a child born in July (2.5 persons on average), household 2's
    members have all died or left (0 persons; its income per person reads 0).
    """
    per_capita = np.array([[[[1_000.0, 3_000.0, 5_000.0], [1_000.0, 3_000.0, 0.0]]]])
    persons = np.array([[[[2.0, 3.0, 4.0], [2.5, 3.0, 0.0]]]])
    return Comparison(
        policies=("p",),
        years=np.array([2010, 2011]),
        per_capita=per_capita,
        baseline=np.array([2_000.0, 2_000.0, 2_000.0]),
        size=np.array([2.0, 3.0, 4.0]),
        persons=persons,
        start=np.zeros(3),
        by_source=np.zeros((1, 1, 2, 1)),
        stakeholders=np.zeros((1, 1, 2, 1)),
        events=0,
        results=None,  # type: ignore[arg-type]  # not read by the helpers tested here
    )


def test_the_plot_weights_are_the_persons_present_that_year():
    cmp = _hand_made()
    x0, w0 = _pooled(cmp, 0, 0)
    np.testing.assert_array_equal(x0, [1_000, 3_000, 5_000])
    np.testing.assert_array_equal(w0, [2, 3, 4])
    x1, w1 = _pooled(cmp, 0, 1)
    # the emptied household is out; the newborn raises household 0 from 2 to 2.5
    np.testing.assert_array_equal(x1, [1_000, 3_000])
    np.testing.assert_array_equal(w1, [2.5, 3])


def test_a_household_with_nobody_present_drops_out_of_that_years_ecdf():
    cmp = _hand_made()
    ax = income_distribution(cmp, year=1)
    (line,) = [ln for ln in ax.get_lines() if ln.get_label() == "p"]
    x, y = np.asarray(line.get_xdata()), np.asarray(line.get_ydata())
    assert 0.0 not in x  # month-0 weights would draw 4 persons at 0 yuan
    assert x.min() == 1_000.0
    # the step at 1,000 yuan is the newborn's household: 2.5 of 5.5 persons
    np.testing.assert_allclose(y, [0.0, 100 * 2.5 / 5.5, 100.0])


def test_fan_and_other_lines_weight_by_presence():
    cmp = _hand_made()
    # year 1: 2.5 persons at 1,000, 3 at 3,000 (household 2 gone): the median is 3,000;
    # weighted by month-0 sizes it would be 1,000 (4 persons at 0, 2 at 1,000, 3 at 3,000)
    assert cmp.fan((0.5,))[0, 0, 1] == 3_000.0
    assert cmp.fan((0.5,))[0, 0, 0] == 3_000.0
    poor = cmp.poverty(line=1_500.0)  # another line: computed from the panels
    np.testing.assert_allclose(poor[0, 0], [2 / 9, 2.5 / 5.5])


def test_the_level_before_the_taking_keeps_month_0_sizes():
    cmp = dataclasses.replace(_hand_made(), baseline=np.array([1_000.0, 2_000.0, 9_000.0]))
    ax = fan_chart(cmp)
    (ref,) = [ln for ln in ax.get_lines() if ln.get_label().startswith("before losing land")]
    # 2 + 3 + 4 persons at the taking: the median person is in household 1 (2,000 yuan)
    assert ref.get_ydata()[0] == metrics.weighted_quantile(cmp.baseline, 0.5, weights=cmp.size)
    assert ref.get_ydata()[0] == 2_000.0


# --- real runs: recorded, stored and reloaded -----------------------------------------------


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    scenario = Scenario(
        "t",
        default_scenario().policies[:2],
        community=CommunityParams(residents=1500, agricultural_residents=900),
        horizon_years=4,
    )
    spec = ExperimentSpec(policies=scenario.policy_names, replications=2, seed=3, panels="all")
    folder = tmp_path_factory.mktemp("weights")
    return run_experiment(scenario, spec, store=folder), folder


def test_runs_record_the_persons_present_and_they_change(stored):
    res, _ = stored
    assert set(res.persons) == set(res.panels)
    for run, persons in res.persons.items():
        assert persons.shape == res.panels[run].shape
        assert persons.min() >= 0
    cmp = res.to_comparison()
    # births, deaths and migration move the weights away from the month-0 sizes
    assert not np.allclose(cmp.persons, np.broadcast_to(cmp.size, cmp.persons.shape))
    # the ECDF's weights are those persons (the households with someone present)
    x, w = _pooled(cmp, 1, -1)
    here = cmp.persons[1, :, -1].ravel() > 0
    np.testing.assert_array_equal(w, cmp.persons[1, :, -1].ravel()[here])
    np.testing.assert_array_equal(x, cmp.per_capita[1, :, -1].ravel()[here])
    # and the charts agree with the runs' recorded outcomes: mean income per person
    mean = (cmp.per_capita * cmp.persons).sum(-1) / cmp.persons.sum(-1)
    np.testing.assert_allclose(mean, res.outcomes["mean_income"][:, 0])
    head = ((cmp.per_capita < LINE) * cmp.persons).sum(-1) / cmp.persons.sum(-1)
    np.testing.assert_allclose(head, cmp.poverty())


def test_a_stored_experiment_weights_as_the_one_in_memory(stored):
    res, folder = stored
    again = ExperimentResults.from_store(folder)
    assert again.identical(res)  # persons included in the comparison of arrays
    a, b = res.to_comparison(), again.to_comparison()
    np.testing.assert_array_equal(a.persons, b.persons)
    np.testing.assert_array_equal(a.fan(), b.fan())
    np.testing.assert_array_equal(a.by_source, b.by_source)
    for t in range(len(a.years)):
        for wa, wb in zip(_pooled(a, 0, t), _pooled(b, 0, t), strict=True):
            np.testing.assert_array_equal(wa, wb)


def test_a_store_whose_panels_lack_persons_is_refused_with_one_message(stored, tmp_path):
    res, folder = stored
    copy = tmp_path / "old"
    copy.mkdir()
    (copy / "results.sqlite").write_bytes((folder / "results.sqlite").read_bytes())
    with ResultStore.read(copy) as store:
        key, payload = next(iter(store.payloads()))
        record = decode_record(payload)
        del record["persons"]  # as written before populations changed
        p, s = len(res.policies), res.samples
        store.put(key, (key % p, key // p % s, key // (p * s)), encode_record(record))
    with pytest.raises(StoreError, match="without the persons present each year"):
        ExperimentResults.from_store(copy)


def test_the_subset_of_one_sample_keeps_the_persons(stored):
    res, _ = stored
    sub = res._subset([0], [1])
    assert set(sub.persons) == {RunId(i, 0, 0) for i in range(len(res.policies))}
    np.testing.assert_array_equal(sub.persons[RunId(1, 0, 0)], res.persons[RunId(1, 0, 1)])


def test_winners_and_losers_of_a_year_count_the_households_present():
    one = _hand_made()
    two = dataclasses.replace(
        one,
        policies=("a", "b"),
        per_capita=np.concatenate([one.per_capita, one.per_capita - 100.0]),
        persons=np.concatenate([one.persons, one.persons]),
    )
    # year 1: both households present are better off under a; the emptied one is out
    # (counted, it would be a tie at 0 yuan and better would read 2/3)
    assert two.winners_losers("a", "b", year=1).better == 1.0
    assert two.winners_losers("a", "b", year=0).better == 1.0


def test_household_means_count_only_the_years_someone_was_present(stored):
    res, _ = stored
    for (p, s, r), panel in res.panels.items():
        present = res.persons[(p, s, r)] > 0
        expected = (panel * present).sum(0) / present.sum(0)
        np.testing.assert_allclose(res.household_mean[p, s, r], expected)


def test_an_emptied_household_keeps_its_last_status_for_restoration():
    sc = dataclasses.replace(
        default_scenario(),
        community=CommunityParams(residents=3000, agricultural_residents=1500),
        horizon_years=20,
    )
    run = simulate(sc, sc.policies[0], seed=4)
    view = RunView(run, summarize(run))
    present = view.size > 0
    assert not present.all(), "the test needs a household that empties"
    assert present[0].all()
    np.testing.assert_array_equal(view.carried[present], view.panel[present])
    # every empty year holds the value of the last year someone was present
    for y, h in zip(*np.nonzero(~present), strict=True):
        last = np.nonzero(present[: y + 1, h])[0].max()
        assert view.carried[y, h] == view.panel[last, h]
