"""Each stakeholder's NPV at its own rate: the social rate, but a lender at its cost of funds.

A bank appraised at the social 8% loses on any loan at the 5.94% it charges: the appraisal
gave it P(NPV < 0) = 100% on the hotel's loan. Appraisal and simulation share one rule
(``finance.DiscountRates``, ``finance.stakeholder_npv``), and every table names the rate.
"""

import numpy as np
import pytest

import collective_econ as ce
from collective_econ.appraisal import appraisal_table, format_table
from collective_econ.errors import ParameterError
from collective_econ.finance import LENDERS, DiscountRates, npv, stakeholder_npv
from collective_econ.report.sections import appraisal_section
from collective_econ.runs.outcomes import OUTCOMES, STAKEHOLDER_GROUPS
from collective_econ.runs.reconcile import reconcile, results_from_npvs
from collective_econ.schemes.base import STAKEHOLDERS

RATES = DiscountRates()


def test_the_lender_rate_is_a_sourced_estimate_below_the_loan_rate():
    info = {f.name: f for f in DiscountRates.describe()}
    assert info["lender"].unit.startswith("1/year")
    assert "estimate" in info["lender"].source
    assert "deposit" in info["lender"].source
    assert 0.0 <= RATES.lender < ce.schemes.hotel.HotelParams().loan_rate - 0.025  # real
    assert RATES.social == 0.08
    assert [RATES.of(s) for s in ("households", "government", "bank")] == [0.08, 0.08, 0.015]
    with pytest.raises(ParameterError, match=r"DiscountRates\.lender"):
        DiscountRates(lender=2.0)


def test_the_hotel_loan_pays_the_bank_at_its_cost_of_funds():
    rows = {r.stakeholder: r for r in appraisal_table(["hotel"], samples=200, seed=1)}
    bank = rows["bank"]
    assert bank.rate == RATES.lender
    assert bank.p_loss == 0.0  # was 100% at 8%
    assert bank.npv > 0  # was -390,000 yuan
    assert all(r.rate == 0.08 for k, r in rows.items() if k != "bank")
    # planted bug: the bank at the social rate brings the old defect back
    old = {r.stakeholder: r for r in appraisal_table(["hotel"], samples=200, seed=1,
                                                     rate=DiscountRates(lender=0.08))}  # fmt: skip
    assert old["bank"].p_loss == 1.0


def test_a_number_moves_the_social_rate_only():
    rows = {r.stakeholder: r for r in appraisal_table(["hotel"], rate=0.05)}
    assert rows["households"].rate == 0.05
    assert rows["bank"].rate == RATES.lender
    flows = ce.appraise("hotel").flows
    j = STAKEHOLDERS.index(ce.Stakeholder("bank"))
    assert rows["bank"].npv == pytest.approx(npv(RATES.lender, flows[j]))


def test_one_formula_for_appraisal_and_simulation():
    flows = np.arange(2 * 6 * 4, dtype=float).reshape(2, 6, 4) - 20.0
    got = ce.appraise("hotel").__class__("x", flows).npv()
    for j, who in enumerate(STAKEHOLDERS):
        assert np.allclose(got[:, j], npv(RATES.of(who), flows[:, j]))
    groups = np.arange(len(STAKEHOLDER_GROUPS) * 3, dtype=float).reshape(-1, 3) - 5.0
    sim = stakeholder_npv(groups, STAKEHOLDER_GROUPS)
    k = STAKEHOLDER_GROUPS.index("bank")
    assert sim[k] == pytest.approx(npv(RATES.lender, groups[k]))
    assert sim[0] == pytest.approx(npv(RATES.social, groups[0]))
    assert set(LENDERS) <= set(STAKEHOLDER_GROUPS)  # the same name in both views
    assert f"{RATES.lender:.1%}" in OUTCOMES["npv_bank"].unit
    assert "8%" in OUTCOMES["npv_households"].unit


def test_reconciliation_rows_carry_each_stakeholders_rate():
    flows = np.zeros((2, 6, 3))
    flows[:, STAKEHOLDERS.index(ce.Stakeholder("bank")), :] = [-100.0, 0.0, 106.0]
    res = results_from_npvs(("without", "with"), {"bank": [[0.0, 0.0], [1.0, 1.0]]})
    rows = {r.group: r for r in reconcile(ce.appraise("hotel").__class__("x", flows), res,
                                          "with", "without")}  # fmt: skip
    assert rows["bank"].rate == RATES.lender
    assert rows["households"].rate == RATES.social
    assert rows["bank"].appraisal_mean == pytest.approx(-100.0 + 106.0 / 1.015**2)


def test_every_table_says_which_rate_each_stakeholder_is_at():
    rows = appraisal_table(["hotel"], samples=20, seed=1)
    text = format_table(rows)
    assert "rate" in text.splitlines()[0]
    bank_line = next(line for line in text.splitlines() if " bank " in line)
    assert "1.5%" in bank_line
    assert "cost of funds" in text
    page = appraisal_section(rows, horizon_years=20, note="")
    assert "bank (at 1.5%, its cost of funds)" in page
    assert "按资金成本1.5%折现" in appraisal_section(rows, horizon_years=20, note="", lang="zh")
