"""Every account between two policies, and whom the appraisal's rows count.

Every yuan moves between two accounts, so the stakeholders' gains and losses between two
policies add up to zero once every account is shown (the outside market and the
displaced workers included); the appraisal counts the same people as the simulation.
"""

import html
import math
import re

import numpy as np
import pytest

import collective_econ as ce
from collective_econ.appraisal import appraisal_table, format_table, outside_flows
from collective_econ.cases.caopijie import default_scenario
from collective_econ.economy.community import CommunityParams
from collective_econ.finance import DiscountRates, irr, payback_period, stakeholder_npv
from collective_econ.report._text import money, text
from collective_econ.report.sections import account_deltas, accounts_html, appraisal_section
from collective_econ.runs.experiment import run_experiment
from collective_econ.runs.outcomes import STAKEHOLDER_GROUPS
from collective_econ.runs.spec import ExperimentSpec
from collective_econ.scenario import Scenario
from collective_econ.schemes import SCHEMES
from collective_econ.schemes.base import STAKEHOLDERS

pytestmark = pytest.mark.usefixtures("shared_alerts_module")


def _text(fragment):
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment))


@pytest.fixture(scope="module")
def results():
    sc = default_scenario()
    policies = [sc.policy(p) for p in ("cash only", "80% shares", "full package")]
    community = CommunityParams(residents=1500, agricultural_residents=900)
    small = Scenario("t", policies, community=community, horizon_years=6)
    return run_experiment(small, ExperimentSpec(replications=2, seed=3))


def test_every_account_adds_up_to_zero_between_two_policies(results):
    base = "cash only"
    for policy in results.policies[1:]:
        d = account_deltas(results, policy, base)
        assert set(d) == {*STAKEHOLDER_GROUPS, "rate"}  # every account, the market included
        scale = max(abs(v) for v in d.values())
        assert scale > 1e5  # the policies differ
        assert abs(sum(d.values())) <= 1e-6 * scale, d
        # the groups alone, each at its own rate, are the key findings' figures
        for g in STAKEHOLDER_GROUPS:
            npv = results.mean(f"npv_{g}")
            assert d[g] == pytest.approx(npv[results.index(policy)] - npv[results.index(base)])
        # and at one rate for all the groups close without the bank's line
        flows = results.mean("stakeholder_flows")
        diff = np.moveaxis(flows[results.index(policy)] - flows[results.index(base)], -1, -2)
        one = stakeholder_npv(diff, STAKEHOLDER_GROUPS, DiscountRates().social)
        assert abs(one.sum()) <= 1e-6 * scale
    # the developer gains from the shares against cash only: the market is a counterpart
    d = account_deltas(results, "80% shares", base)
    assert d["developer"] > 0
    assert d["market"] != 0


def test_the_accounts_table_shows_every_account_and_its_zero_total(results):
    page = accounts_html(results, "cash only", "en")
    said = _text(page)
    for g in STAKEHOLDER_GROUPS:
        assert text(f"sh.{g}", "en") in said
    assert "the bank's own discount rate (1.5% instead of 8%)" in said
    totals = re.findall(r"<td>total</td>(.*?)</tr>", page)
    assert totals
    assert all(money(0.0, "en") in t for t in totals)
    # who pays the developer's gain: the households as shareholders, with the appraisal's sums
    assert "Who pays the developer's" in said
    a = ce.appraise("land_shares")
    shares = float(a.items["share_capital"][0])
    assert money(shares, "en") in said
    zh = _text(accounts_html(results, "cash only", "zh"))
    assert "外部市场" in zh
    assert "合计" in zh


def test_jobs_appraisal_counts_the_displaced_workers_with_the_shared_function():
    rows = {r.stakeholder: r for r in appraisal_table(["jobs"], samples=0)}
    a = ce.appraise("jobs")
    lost = outside_flows(a, "jobs")["other_workers"]
    # the item the jobs scheme computes with displaced_wages, the simulation's function
    p = SCHEMES["jobs"].params_type()
    share = 1.0 - np.asarray(p.additional)
    assert (lost < 0).any()
    assert (lost <= 0).all()
    assert np.allclose(-lost, a.items["displaced_wages"])
    assert float(share.max()) > 0  # some places are not net new jobs
    row = rows["other_workers"]
    assert row.npv == pytest.approx(float(ce.npv(0.08, lost)))
    assert row.npv < 0 < rows["households"].npv
    page = _text(appraisal_section(list(rows.values()), horizon_years=20, note=""))
    assert "the outside workers the reserved jobs displace" in page
    assert "the two together come to" in page


def test_land_shares_section_says_what_the_developer_rows_leave_out():
    rows = appraisal_table(["land_shares"], samples=0)
    page = _text(appraisal_section(rows, horizon_years=20, note="", unused=["land_pension"]))
    assert "outside the model" in page
    assert "conveyance fee" in page
    convey = float(ce.npv(0.08, ce.appraise("land_shares").items["conveyance"]))
    assert money(convey, "en") in page
    # a registered scheme in no policy is named as not appraised, with why
    assert "Not appraised here: Landless farmers' pension insurance" in page
    zh = appraisal_section(rows, horizon_years=20, note="", lang="zh", unused=["land_pension"])
    assert "此处未评估" in zh


@pytest.mark.parametrize("name", list(SCHEMES))
def test_a_positive_irr_pays_back_unless_the_stakeholder_receives_first(name):
    a = ce.appraise(name)
    for r in appraisal_table([name], samples=0):
        if r.stakeholder in {s.value for s in STAKEHOLDERS}:
            flows = a.of(r.stakeholder)
        else:
            flows = outside_flows(a, name)[r.stakeholder]
        assert r.payback == pytest.approx(float(payback_period(flows)), nan_ok=True)
        assert r.irr == pytest.approx(float(irr(flows)), nan_ok=True)
        if r.receives_first:  # a borrower's profile: first money in, more paid back
            assert flows[np.flatnonzero(flows)[0]] > 0
            assert flows.sum() < 0
            assert math.isnan(r.payback)
            continue
        changes = np.count_nonzero(np.diff(np.sign(flows[flows != 0])))
        if math.isfinite(r.irr) and r.irr > 0 and changes == 1:
            assert math.isfinite(r.payback), r  # one sign change and a positive return


def test_the_pension_county_row_is_a_cost_not_a_return():
    rows = {r.stakeholder: r for r in appraisal_table(["land_pension"], samples=0)}
    gov = rows["government"]
    assert gov.receives_first
    assert math.isfinite(gov.irr)
    assert math.isnan(gov.payback)
    table = format_table(list(rows.values()))
    line = next(x for x in table.splitlines() if x.startswith("  government"))
    assert "receives first" in line
    assert f"{gov.irr:.1%}c" in line
    assert "its IRR is the cost of the money it received" in table
    page = _text(appraisal_section(list(rows.values()), horizon_years=20, note=""))
    assert "(a cost: receives first)" in page
    assert "n/a: receives before it pays" in page


def test_the_terminal_table_names_schemes_in_words_and_ranges_unambiguously():
    rows = appraisal_table(["hogs", "agro_park"], samples=16, seed=2)
    table = format_table(rows)
    assert "Hog farming (hogs)" in table
    assert "Demonstration park (agro_park)" in table
    assert not re.search(r"%-\d", table)  # never "-39.6%-270.1%"
    assert re.search(r"-?\d+\.\d% to -?\d+\.\d%", table)
