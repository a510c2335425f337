"""The county's books: the government's net flows by item sum to its stakeholder flow."""

import dataclasses

import numpy as np
import pytest

from collective_econ.cases.caopijie import default_scenario
from collective_econ.economy.community import CommunityParams
from collective_econ.economy.ledger import Source
from collective_econ.finance import DEFAULT_DISCOUNT_RATE, npv
from collective_econ.prices import FLAT
from collective_econ.report.findings import fiscal_items, key_findings
from collective_econ.runs import outcomes
from collective_econ.runs.experiment import run_experiment
from collective_econ.runs.outcomes import COUNTY_ITEMS, OUTCOMES, STAKEHOLDER_GROUPS, reduce_run
from collective_econ.runs.spec import ExperimentSpec
from collective_econ.simulation import simulate

GOV = STAKEHOLDER_GROUPS.index("government")
LABELS = OUTCOMES["county_books"].labels


@pytest.fixture(scope="module")
def full():
    # 2010 prices and wages: the tea garden's loans default and the county pays its guarantee
    sc = dataclasses.replace(default_scenario(), prices=FLAT)
    run = simulate(sc, "full package", seed=1, horizon_years=20)
    return run, reduce_run(run)


def _item(name):
    return LABELS.index(name)


def test_every_source_is_in_exactly_one_item():
    counts = np.zeros(len(Source), dtype=int)
    for _, sources in COUNTY_ITEMS:
        counts[list(sources)] += 1
    assert counts.tolist() == [1] * len(Source)
    assert tuple(name for name, _ in COUNTY_ITEMS) == LABELS


def test_the_items_sum_to_the_government_flow(full):
    _, rec = full
    books, gov = rec["county_books"], rec["stakeholder_flows"][:, GOV]
    assert books.shape == (20, len(LABELS))
    np.testing.assert_allclose(books.sum(axis=1), gov, rtol=1e-12, atol=1e-3)
    assert -npv(DEFAULT_DISCOUNT_RATE, books.sum(axis=1)) == pytest.approx(
        rec["fiscal_cost_npv"], rel=1e-12
    )


def test_items_are_the_ledger_flows_they_name(full):
    run, rec = full
    books, gov = rec["county_books"], run.institution("government")
    fund = run.institution("insurance_fund")
    np.testing.assert_array_equal(books[:, _item("guarantees")], gov[:, Source.GUARANTEE])
    assert books[:, _item("guarantees")].sum() < 0  # the county backs defaulted tea loans
    np.testing.assert_allclose(books[:, _item("land_conveyance")], gov[:, Source.SALES])
    assert books[:, _item("land_conveyance")].sum() > 0
    np.testing.assert_allclose(
        books[:, _item("pensions")], gov[:, Source.PENSION] + fund[:, Source.PENSION]
    )
    np.testing.assert_allclose(books[:, _item("dibao")], gov[:, Source.DIBAO])


def test_a_missing_source_would_break_the_sum(full, monkeypatch):
    """A planted error (dibao left out of the books) is caught by the sum check."""
    run, rec = full
    planted = outcomes._COUNTY_MATRIX.copy()
    planted[Source.DIBAO] = 0.0
    monkeypatch.setattr(outcomes, "_COUNTY_MATRIX", planted)
    books = reduce_run(run)["county_books"]
    gap = np.abs(books.sum(axis=1) - rec["stakeholder_flows"][:, GOV]).max()
    assert gap > 1_000.0


def test_the_findings_name_what_the_extra_cost_consists_of():
    community = CommunityParams(residents=1500, agricultural_residents=900)
    sc = dataclasses.replace(default_scenario(), community=community, horizon_years=8)
    spec = ExperimentSpec(policies=("cash only", "full package"), replications=2, seed=3)
    res = run_experiment(sc, spec)
    i, b = res.index("full package"), res.index("cash only")
    items = fiscal_items(res, i, b)
    assert set(items) == set(LABELS)
    cost = res.mean("fiscal_cost_npv")
    assert sum(items.values()) == pytest.approx(float(cost[i] - cost[b]), rel=1e-9, abs=1.0)
    text = " ".join(s for g in key_findings(res) for s in g.sentences)
    assert "Its largest items:" in text
