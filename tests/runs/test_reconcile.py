"""The reconciliation of the appraisal with the simulation (issue 11)."""

from __future__ import annotations

import numpy as np
import pytest

from collective_econ.appraisal import monte_carlo
from collective_econ.errors import ParameterError
from collective_econ.finance import DiscountRates, npv
from collective_econ.runs.outcomes import STAKEHOLDER_GROUPS
from collective_econ.runs.reconcile import (
    APPRAISAL_ONLY,
    APPRAISAL_TO_GROUP,
    ITEM_TO_GROUP,
    SIMULATION_ONLY,
    reconcile,
    results_from_npvs,
    verdict,
)
from collective_econ.schemes.base import STAKEHOLDERS, Appraisal


def _appraisal(per_stakeholder: dict[int, list[float]], name: str = "demo") -> Appraisal:
    """Samples whose NPV (at any rate) is the t = 0 flow given per stakeholder index."""
    n = len(next(iter(per_stakeholder.values())))
    flows = np.zeros((n, 6, 4))
    for j, values in per_stakeholder.items():
        flows[:, j, 0] = values
    return Appraisal(name, flows)


def test_vocabularies_are_mapped_both_ways():
    assert set(APPRAISAL_TO_GROUP) == {s.value for s in STAKEHOLDERS}
    assert set(APPRAISAL_TO_GROUP.values()) <= set(STAKEHOLDER_GROUPS)
    assert SIMULATION_ONLY == ("market",)
    assert APPRAISAL_ONLY == ()
    # the displaced outside workers: an item of the jobs appraisal, a group of the simulation
    assert dict(ITEM_TO_GROUP) == {"other_workers": ("displaced_wages", -1.0)}
    assert set(STAKEHOLDER_GROUPS) == {
        *APPRAISAL_TO_GROUP.values(),
        *ITEM_TO_GROUP,
        *SIMULATION_ONLY,
    }


def test_the_displaced_workers_row_is_the_jobs_appraisals_item():
    # the jobs appraisal's displaced_wages, sign turned, at the social rate, beside
    # npv_other_workers; an appraisal without the item has no such row
    app = monte_carlo("jobs", n=8, seed=3, horizon_years=5)
    lost = npv(DiscountRates().social, app.items["displaced_wages"])
    res = results_from_npvs(("b", "a"), {"other_workers": [[0.0, 0.0], -lost[:2]]})
    rows = reconcile(app, res, "a", "b")
    assert [r.group for r in rows][-1] == "other_workers"
    row = rows[-1]
    assert (row.stakeholder, row.rate) == ("displaced_wages", DiscountRates().social)
    assert row.appraisal_mean == pytest.approx(-lost.mean())
    assert row.appraisal_mean < -1e6  # a quarter of the factory places are net new jobs
    assert row.simulated_mean == pytest.approx(-lost[:2].mean())
    assert row.samples == 8
    # the counterfactual's item is subtracted sample by sample: nothing is left
    same = reconcile(app, res, "a", "b", counterfactual=app)[-1]
    assert same.appraisal_mean == pytest.approx(0.0, abs=1e-6)
    assert "other_workers" not in {r.group for r in reconcile(_appraisal({0: [1.0]}), res,
                                                              "a", "b")}  # fmt: skip


def test_tiny_case_gives_the_expected_table():
    # appraisal: households +1 M in every sample; the bank -0.5 M on average
    app = _appraisal({0: [1e6] * 4, 5: [-0.4e6, -0.5e6, -0.5e6, -0.6e6]})
    # simulation: households +1.05 M, the bank +0.3 M (opposite sign, resolved)
    res = results_from_npvs(
        ("without", "with"),
        {
            "households": [[0.0, 0.0, 0.0], [1.0e6, 1.1e6, 1.05e6]],
            "bank": [[0.0, 0.0, 0.0], [0.29e6, 0.31e6, 0.30e6]],
            "market": [[0.0, 0.0, 0.0], [5e6, 5e6, 5e6]],
        },
    )
    rows = reconcile(app, res, "with", "without", reasons={"bank": "credit lines"})
    assert [r.stakeholder for r in rows] == [s.value for s in STAKEHOLDERS]
    by = {r.group: r for r in rows}
    assert "market" not in by  # no appraisal counterpart
    h = by["households"]
    assert (h.appraisal_mean, h.appraisal_p5, h.appraisal_p95) == (1e6, 1e6, 1e6)
    assert h.simulated_mean == pytest.approx(1.05e6)
    assert h.simulated_low < 1.05e6 < h.simulated_high
    assert (h.verdict, h.reason, h.samples, h.replications) == ("agree", "", 4, 3)
    b = by["bank"]
    assert b.appraisal_mean == pytest.approx(-0.5e6)
    assert b.simulated_mean == pytest.approx(0.3e6)
    assert (b.verdict, b.reason) == ("differ", "credit lines")
    # groups both views leave at zero agree
    assert by["developer"].verdict == "agree"
    assert by["developer"].simulated_mean == 0


def test_a_planted_mismatch_is_reported_as_differ():
    app = _appraisal({0: [1e6, 1.2e6, 0.8e6]})
    same = results_from_npvs(("b", "a"), {"households": [[0.0, 0.0], [0.9e6, 1.1e6]]})
    planted = results_from_npvs(("b", "a"), {"households": [[0.0, 0.0], [-0.9e6, -1.1e6]]})
    assert reconcile(app, same, "a", "b")[0].verdict == "agree"
    row = reconcile(app, planted, "a", "b")[0]
    assert row.verdict == "differ"
    assert row.reason == "reason not established"
    # the same sign but ten times as large, with tight intervals, differs too
    big = results_from_npvs(("b", "a"), {"households": [[0.0, 0.0], [9.9e6, 10.1e6]]})
    assert reconcile(app, big, "a", "b")[0].verdict == "differ"


def test_counterfactual_is_subtracted_sample_by_sample():
    app = _appraisal({0: [3e6, 5e6]})
    cf = _appraisal({0: [2e6, 4e6]})
    res = results_from_npvs(("b", "a"), {"households": [[0.0, 0.0], [1e6, 1e6]]})
    row = reconcile(app, res, "a", "b", counterfactual=cf)[0]
    assert (row.appraisal_mean, row.appraisal_p5, row.appraisal_p95) == (1e6, 1e6, 1e6)
    with pytest.raises(ParameterError):
        reconcile(app, res, "a", "b", counterfactual=_appraisal({0: [1.0, 2.0, 3.0]}))


@pytest.mark.parametrize(
    ("a", "s", "expected"),
    [
        ((1.0, 0.5, 1.5), (1.2, 1.1, 1.3), "agree"),  # overlap
        ((10e6, 9e6, 11e6), (12e6, 11.5e6, 12.5e6), "agree"),  # within 25%
        ((10e6, 9e6, 11e6), (20e6, 19e6, 21e6), "differ"),  # apart
        ((1e6, 0.5e6, 1.5e6), (-1e6, -1.5e6, -0.5e6), "differ"),  # opposite resolved signs
        ((-1e6, -3e6, 2e6), (1e6, -1e6, 3e6), "agree"),  # signs not resolved, overlap
        ((5e4, 4e4, 6e4), (-5e4, -6e4, -4e4), "differ"),  # opposite signs, however small
    ],
)
def test_verdict(a, s, expected):
    assert verdict(a, s) == expected


def test_land_for_shares_households_at_defaults():
    """Households' sign agrees between the views, or the verdict says why not."""
    validation = pytest.importorskip("collective_econ.cases.caopijie.validation.reconciliation")
    rows = validation.reconciliation_rows()
    h = next(r for r in rows if r.scheme == "land_shares" and r.group == "households")
    assert h.policy == "80% shares"
    assert h.baseline == "cash only"
    assert h.replications == validation.REC_REPLICATIONS
    assert h.samples == validation.REC_SAMPLES
    if h.verdict == "differ":
        assert h.reason
        assert h.reason != "reason not established"
    else:
        resolved = [
            np.sign(m)
            for m, lo, hi in (
                (h.appraisal_mean, h.appraisal_p5, h.appraisal_p95),
                (h.simulated_mean, h.simulated_low, h.simulated_high),
            )
            if lo > 0 or hi < 0
        ]
        assert len(set(resolved)) <= 1
    # every pair and every shared stakeholder is on the page, with a verdict
    assert {(r.scheme, r.group) for r in rows} == {
        (s, g) for s, *_ in validation.REC_PAIRS for g in APPRAISAL_TO_GROUP.values()
    }
