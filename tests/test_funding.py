"""Who pays the public cost: the county's own budget and higher levels; outlays and receipts.

The split is an accounting of results (``funding.FundingShares`` on the ``county_books``
outcome): county + higher levels = the total run by run; a share of 0 (1) puts all of an
item on higher levels (the county); outlays - receipts = the net cost. The shares are
read from the scenario file and listed in the register, as is the discount rate, from the
one record the code uses. The first screen's sentences carry the figures computed here.
"""

from __future__ import annotations

import dataclasses
import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from collective_econ.cases.caopijie import default_scenario
from collective_econ.economy.community import CommunityParams
from collective_econ.errors import ParameterError, ScenarioFileError
from collective_econ.finance import DEFAULT_DISCOUNT_RATE, DiscountRates, npv
from collective_econ.funding import FundingShares, split
from collective_econ.report._text import money, text
from collective_econ.report.findings import key_findings
from collective_econ.report.public_cost import RECEIPTS, cost_split, run_costs
from collective_econ.report.sections import register_section
from collective_econ.report.status import loan_guarantees
from collective_econ.report.summary import _signed_ci, summary_sentences
from collective_econ.runs.experiment import run_experiment
from collective_econ.runs.outcomes import OUTCOMES
from collective_econ.runs.spec import ExperimentSpec
from collective_econ.scenario import Scenario, dumps, loads

ITEMS = OUTCOMES["county_books"].labels
REFORM = ("taxes_after_reform", "tax_reform_month")  # the fields that are not items
ALL_COUNTY = FundingShares.every(1.0)
NO_COUNTY = FundingShares.every(0.0)
YEARS = np.arange(2010, 2030)


# --- the record and the split -------------------------------------------------------------


def test_the_shares_name_every_item_of_the_books_and_only_those():
    names = tuple(f.name for f in FundingShares.describe())
    assert tuple(n for n in names if n not in REFORM) == ITEMS
    at = names.index("taxes")  # the reform's fields beside the taxes' share they change
    assert names[at + 1 : at + 3] == REFORM
    for name in REFORM:
        with pytest.raises(ParameterError, match="item"):
            FundingShares().county_share(name)
    assert set(RECEIPTS) < set(ITEMS)
    for f in FundingShares.describe():
        assert f.unit, f.name
        assert f.source, f.name


def test_a_share_outside_0_to_1_is_refused():
    with pytest.raises(ParameterError, match="dibao"):
        FundingShares(dibao=1.5)
    with pytest.raises(ParameterError, match="item"):
        FundingShares().county_share("hotel")
    with pytest.raises(ParameterError, match="land_pension"):
        FundingShares(land_pension=-0.1)


def test_the_land_pension_is_the_countys_and_the_basic_pension_the_centres():
    shares = FundingShares()
    assert shares.land_pension == 1.0
    assert shares.pensions == 0.0
    flows = np.zeros((1, len(ITEMS)))
    flows[0, [ITEMS.index("pensions"), ITEMS.index("land_pension")]] = (-300.0, -100.0)
    county, higher = split(flows, ITEMS, shares, years=[2012])
    assert county.sum() == -100.0
    assert higher.sum() == -300.0


@given(
    st.lists(st.floats(-1e9, 1e9), min_size=len(ITEMS), max_size=len(ITEMS)),
    st.lists(st.floats(0.0, 1.0), min_size=len(ITEMS), max_size=len(ITEMS)),
)
def test_county_and_higher_levels_make_up_each_item(flows, shares):
    record = FundingShares(**dict(zip(ITEMS, shares, strict=True)))
    county, higher = split(np.array(flows)[None], ITEMS, record, years=[2016])
    flows = np.array(flows)[None]
    np.testing.assert_allclose(county + higher, flows, rtol=1e-12, atol=1e-6)
    # the county's part has the item's sign and is no larger than it
    assert np.all(np.abs(county) <= np.abs(flows) + 1e-6)


def test_a_share_of_0_moves_all_of_an_item_to_higher_levels():
    flows = np.arange(1.0, len(ITEMS) + 1.0)
    k = ITEMS.index("dibao")
    one = FundingShares(taxes_after_reform=FundingShares().taxes)  # one share of the taxes
    county, higher = split(flows, ITEMS, dataclasses.replace(one, dibao=0.0))
    assert county[k] == 0.0
    assert higher[k] == flows[k]
    county, higher = split(flows, ITEMS, dataclasses.replace(one, dibao=1.0))
    assert county[k] == flows[k]
    assert higher[k] == 0.0
    county, higher = split(flows, ITEMS, NO_COUNTY)
    assert not county.any()
    assert (higher == flows).all()


# --- the 2016 reform: the taxes' share before and after ------------------------------------


def test_the_reform_month_is_a_whole_month_from_january_2010():
    assert FundingShares().tax_reform_month == 76  # May 2016 (国发〔2016〕26号)
    with pytest.raises(ParameterError, match=r"FundingShares\.tax_reform_month must be >= 0"):
        FundingShares(tax_reform_month=-1)
    with pytest.raises(ParameterError, match=r"tax_reform_month must be a whole number"):
        FundingShares(tax_reform_month=76.5)
    with pytest.raises(ParameterError, match=r"taxes_after_reform must be within \[0, 1\]"):
        FundingShares(taxes_after_reform=1.2)
    # the part of each year's months from the reform on: 8 of 12 in 2016
    part = FundingShares().after_reform(YEARS)
    assert part[YEARS < 2016].sum() == 0.0
    assert part[YEARS == 2016][0] == pytest.approx(8 / 12)
    assert np.all(part[YEARS > 2016] == 1.0)
    assert FundingShares(tax_reform_month=72).after_reform([2016]).tolist() == [1.0]


def test_the_taxes_share_changes_at_the_reform_and_no_other_item_does():
    shares = FundingShares()
    by_year = shares.shares(ITEMS, YEARS)
    k = ITEMS.index("taxes")
    assert by_year.shape == (YEARS.size, len(ITEMS))
    np.testing.assert_array_equal(np.delete(by_year, k, axis=1),
                                  np.delete(np.tile(shares.shares(ITEMS), (YEARS.size, 1)), k,
                                            axis=1))  # fmt: skip
    assert np.all(by_year[YEARS < 2016, k] == shares.taxes)
    assert np.all(by_year[YEARS > 2016, k] == shares.taxes_after_reform)
    assert by_year[YEARS == 2016, k][0] == pytest.approx(0.3 * 4 / 12 + 0.15 * 8 / 12)
    assert shares.taxes_after_reform < shares.taxes  # VAT half central, business tax local


def test_flows_summed_over_the_years_are_refused_while_the_share_changes():
    flows = np.ones((YEARS.size, len(ITEMS)))
    with pytest.raises(ParameterError, match=r"split\.years must be given"):
        split(flows.sum(axis=0), ITEMS)
    with pytest.raises(ValueError, match="20 years on the second-last axis"):
        split(flows[:3], ITEMS, years=YEARS)
    one = FundingShares(taxes_after_reform=0.3)  # one share throughout: nothing to refuse
    np.testing.assert_allclose(split(flows.sum(axis=0), ITEMS, one)[0],
                               split(flows, ITEMS, one, years=YEARS)[0].sum(axis=0))  # fmt: skip
    # a reform after the last year leaves the share before it in every year
    late = FundingShares(tax_reform_month=12 * 20)
    np.testing.assert_array_equal(split(flows, ITEMS, late, years=YEARS)[0],
                                  split(flows, ITEMS, one, years=YEARS)[0])  # fmt: skip


@given(st.floats(0.0, 1.0), st.floats(0.0, 1.0), st.integers(0, 300))
def test_each_years_taxes_are_split_by_the_months_before_and_after(before, after, month):
    shares = FundingShares(taxes=before, taxes_after_reform=after, tax_reform_month=month)
    flows = np.zeros((YEARS.size, len(ITEMS)))
    flows[:, ITEMS.index("taxes")] = 120.0
    county, higher = split(flows, ITEMS, shares, years=YEARS)
    np.testing.assert_allclose(county + higher, flows)
    months_after = np.clip(12 * (YEARS - 2010) + 12 - month, 0, 12)  # of each year's 12
    kept = 10.0 * (before * (12 - months_after) + after * months_after)
    np.testing.assert_allclose(county[:, ITEMS.index("taxes")], kept, atol=1e-9)


# --- the scenario file and the register -----------------------------------------------------


def test_the_shares_are_read_from_the_scenario_file_and_written_back():
    text = dumps(default_scenario())
    assert "[funding]" in text
    funding = re.compile(r"(\[funding\][^\[]*\ndibao = )0\.2\b")
    edited = funding.sub(r"\g<1>0.6", text)
    assert edited != text
    sc = loads(edited)
    assert sc.funding.dibao == 0.6
    assert sc.funding.taxes == FundingShares().taxes
    assert loads(dumps(sc)).funding == sc.funding
    entry = {a.path: a for a in sc.assumptions}["funding.dibao"]
    assert entry.value == 0.6
    assert entry.source.startswith("user's value")
    with pytest.raises(ScenarioFileError, match=r"funding\.dibao"):
        loads(funding.sub(r"\g<1>2.0", text))
    after = re.compile(r"(\[funding\][^\[]*\ntaxes_after_reform = )0\.15\b")
    assert loads(after.sub(r"\g<1>0.3", text)).funding.taxes_after_reform == 0.3
    month = re.compile(r"(\[funding\][^\[]*\ntax_reform_month = )76\b")
    assert loads(month.sub(r"\g<1>84", text)).funding.tax_reform_month == 84
    with pytest.raises(ScenarioFileError, match=r"funding\.tax_reform_month"):
        loads(month.sub(r"\g<1>76.5", text))
    # a file written before the reform's fields: its taxes are the share before the reform
    old = re.sub(r"\n(taxes_after_reform|tax_reform_month) = [^\n]*", "", text)
    assert "taxes_after_reform" not in old
    assert loads(old).funding == FundingShares()
    land = re.compile(r"(\[funding\][^\[]*\nland_pension = )1\.0\b")
    assert loads(land.sub(r"\g<1>0.4", text)).funding.land_pension == 0.4
    with pytest.raises(ScenarioFileError, match=r"funding\.land_pension"):
        loads(land.sub(r"\g<1>-1.0", text))


def test_the_register_lists_the_discount_rate_the_code_uses_with_its_source():
    register = {a.path: a for a in default_scenario().assumptions}
    social = register["discount.social"]
    assert social.value == DEFAULT_DISCOUNT_RATE == DiscountRates().of("government")
    assert social.unit == "1/year (real)"
    assert "Methods and Parameters for the Economic Evaluation" in social.source
    assert "2006" in social.source
    assert social.confidence == "well-known"
    declared = {f.name: f for f in DiscountRates.describe()}
    assert social.source == declared["social"].source  # the record's, not a copy
    assert register["discount.lender"].value == DiscountRates().lender
    assert register["discount.lender"].confidence == "estimate"
    for item in (*ITEMS, *REFORM):
        assert register[f"funding.{item}"].value == getattr(FundingShares(), item)
    assert register["funding.tax_reform_month"].confidence == "well-known"  # 国发〔2016〕26号
    assert register["funding.taxes_after_reform"].confidence == "estimate"
    assert register["funding.dibao"].confidence == "estimate"
    assert register["funding.land_conveyance"].confidence != "estimate"  # a State Council rule


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_register_page_shows_the_discount_rate_and_who_pays(lang):
    sc = default_scenario()
    page = register_section(sc, sc.policy_names, lang)
    assert "discount.social" in page
    assert "funding.dibao" in page
    words = {"en": ("Discount rates", "Who pays"), "zh": ("折现率", "由谁负担")}[lang]
    assert all(w in page for w in words)
    assert ("建设项目经济评价方法与参数" in page) == (lang == "zh")


# --- the split of an experiment's cost ------------------------------------------------------


@pytest.fixture(scope="module")
def package():
    """Cash only against the full package, small: the scheme's taxes, subsidies, dibao."""
    policies = [p for p in default_scenario().policies if p.name in ("cash only", "full package")]
    community = CommunityParams(residents=1500, agricultural_residents=900)
    sc = Scenario("t", policies, community=community, horizon_years=12)
    return sc, run_experiment(sc, ExperimentSpec(replications=3, seed=1))


def test_county_and_higher_levels_add_up_to_the_total_in_every_run(package):
    _, res = package
    costs = run_costs(res)
    np.testing.assert_allclose(costs["county"] + costs["higher"], costs["total"], atol=1e-3)
    np.testing.assert_allclose(costs["outlays"] - costs["receipts"], costs["total"], atol=1e-3)
    # the total is the government's net cost the engine records (NPV at the same rate)
    fiscal = res.sel("fiscal_cost_npv").reshape(costs["total"].shape)
    np.testing.assert_allclose(costs["total"], fiscal, rtol=1e-9, atol=1e-2)
    assert np.any(costs["receipts"][res.index("full package")] > 0)  # the schemes' taxes


def test_a_share_of_0_or_1_puts_the_whole_cost_on_one_level(package):
    _, res = package
    none, every = run_costs(res, NO_COUNTY), run_costs(res, ALL_COUNTY)
    assert not none["county"].any()
    np.testing.assert_array_equal(none["higher"], none["total"])
    np.testing.assert_array_equal(every["county"], every["total"])
    assert not every["higher"].any()


def test_the_dibao_share_moves_exactly_the_dibao_between_levels(package):
    _, res = package
    k = ITEMS.index("dibao")
    books = res.sel("county_books")
    books = books.reshape(books.shape[0], -1, *books.shape[3:])
    dibao_cost = -npv(DEFAULT_DISCOUNT_RATE, books[..., k])  # (policies, runs)
    low = run_costs(res, dataclasses.replace(FundingShares(), dibao=0.0))
    high = run_costs(res, dataclasses.replace(FundingShares(), dibao=1.0))
    np.testing.assert_allclose(high["county"] - low["county"], dibao_cost, atol=1e-3)
    np.testing.assert_allclose(low["higher"] - high["higher"], dibao_cost, atol=1e-3)
    np.testing.assert_array_equal(low["total"], high["total"])


@pytest.mark.parametrize("item", ITEMS)
def test_each_items_share_moves_exactly_that_item(package, item):
    _, res = package
    k = ITEMS.index(item)
    books = res.sel("county_books")
    books = books.reshape(books.shape[0], -1, *books.shape[3:])
    cost = -npv(DEFAULT_DISCOUNT_RATE, books[..., k])  # (policies, runs)
    both = (item, "taxes_after_reform") if item == "taxes" else (item,)  # and after the reform
    low = run_costs(res, dataclasses.replace(FundingShares(), **dict.fromkeys(both, 0.0)))
    high = run_costs(res, dataclasses.replace(FundingShares(), **dict.fromkeys(both, 1.0)))
    np.testing.assert_allclose(high["county"] - low["county"], cost, atol=1e-3)
    np.testing.assert_array_equal(low["total"], high["total"])
    if item in ("wage_subsidies", "interest_subsidies", "programme_subsidies"):
        assert cost[res.index("full package")].min() > 0  # the package pays each of them


def test_the_reform_fields_act_on_the_countys_cost(package):
    """Each of taxes_after_reform and tax_reform_month changes the county's own cost."""
    _, res = package
    i = res.index("full package")
    books = res.sel("county_books")[i].reshape(-1, res.years.size, len(ITEMS))
    taxes = books[..., ITEMS.index("taxes")]  # received: positive
    shares = FundingShares()
    part = shares.after_reform(res.years)
    assert np.all((taxes * part).sum(axis=-1) > 0)  # the schemes pay taxes after May 2016
    county = run_costs(res, shares)["county"][i]
    # keeping all the taxes after the reform: a lower cost, by the 85% kept more of them
    kept = run_costs(res, dataclasses.replace(shares, taxes_after_reform=1.0))["county"][i]
    after_npv = npv(DEFAULT_DISCOUNT_RATE, taxes * part)
    np.testing.assert_allclose(county - kept, 0.85 * after_npv, rtol=1e-9)
    # a later reform: the county keeps its larger share longer, so pays less
    later = run_costs(res, dataclasses.replace(shares, tax_reform_month=100))["county"][i]
    moved = npv(DEFAULT_DISCOUNT_RATE, taxes * (part - shares.evolve(
        tax_reform_month=100).after_reform(res.years)))  # fmt: skip
    assert np.all(later < county)
    np.testing.assert_allclose(county - later, 0.15 * moved, rtol=1e-9)
    # the decision table's county cost is the same split
    row = {r["policy"]: r for r in res.decision_table("cash only")}["full package"]
    b = res.index("cash only")
    own = run_costs(res, shares)["county"]
    assert row["extra_county_cost"][0] == pytest.approx(np.mean(own[i] - own[b]), abs=1e-3)


def test_the_paired_split_adds_up_and_matches_the_decision_table(package):
    _, res = package
    cost = cost_split(res, "full package", "cash only")
    assert cost is not None
    assert cost.runs == res.samples * res.replications
    assert cost.county[0] + cost.higher[0] == pytest.approx(cost.total[0], abs=1e-3)
    assert cost.outlays[0] - cost.receipts[0] == pytest.approx(cost.total[0], abs=1e-3)
    row = {r["policy"]: r for r in res.decision_table("cash only")}["full package"]
    assert cost.total[0] == pytest.approx(row["extra_fiscal_cost"][0], abs=1e-2)
    for part in (cost.county, cost.higher, cost.outlays, cost.receipts):
        assert part[1] <= part[0] <= part[2]


# --- the first screen's sentences -----------------------------------------------------------


def _said(res, lang, funding=None):
    sc_policies = [p for p in default_scenario().policies if p.name in res.policies]
    rows = res.decision_table("cash only")
    return summary_sentences(rows, "cash only", rent_on=True, lang=lang, results=res,
                             guarantees=loan_guarantees(sc_policies), funding=funding)  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_first_screen_says_the_county_share_and_the_gross_flows(package, lang):
    _, res = package
    said = _said(res, lang)
    cost = cost_split(res, "full package", "cash only")
    assert cost is not None
    # the county's own part leads the cost sentence; the higher levels' part follows
    own = next(s for s in said if s.startswith(("Cost to the county's own budget", "综合方案")))
    assert _signed_ci(*cost.county, lang) in own
    higher = next(
        s for s in said if s.startswith(("The rest falls on higher levels", "其余由上级"))
    )
    assert _signed_ci(*cost.higher, lang) in higher
    gross = next(s for s in said if s.startswith(("Before taxes", "税收回流之前")))
    assert _signed_ci(*cost.outlays, lang) in gross
    assert _signed_ci(*cost.receipts, lang) in gross
    # the net is the cost sentence's own figure, and the sentences follow it
    net = money(abs({r["policy"]: r for r in res.decision_table("cash only")}[
        "full package"]["extra_fiscal_cost"][0]), lang)  # fmt: skip
    assert net in gross
    assert net in own
    at = said.index(higher)
    assert said.index(own) < at
    assert said[at + 1] == gross


def test_the_sentence_follows_the_shares(package):
    _, res = package
    said = _said(res, "en", ALL_COUNTY)
    every = next(s for s in said if s.startswith("The rest falls on higher levels"))
    none = next(s for s in _said(res, "en", NO_COUNTY) if s.startswith("The rest falls on"))
    cost = cost_split(res, "full package", "cash only", ALL_COUNTY)
    assert cost is not None
    own = next(s for s in said if s.startswith("Cost to the county's own budget"))
    assert _signed_ci(*cost.total, "en") in own  # the county carries the whole total
    assert re.search(r"subsidies 100%", every)
    assert re.search(r"subsidies 0%", none)
    assert every != none


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_key_findings_split_each_policys_cost(package, lang):
    _, res = package
    cost = cost_split(res, "full package", "cash only")
    assert cost is not None
    group = key_findings(res, "cash only", lang)[1]
    fiscal = next(s for s in group.sentences if ("Who pays it" in s or "由谁负担" in s))
    for part in (cost.county[0], cost.higher[0]):
        words = "s.more" if part >= 0 else "s.less"
        assert text(words, lang, x=money(abs(part), lang)) in fiscal
    every = key_findings(res, "cash only", lang, ALL_COUNTY)[1]
    assert every.sentences != group.sentences  # the shares reach the findings
