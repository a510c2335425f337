"""The county's books: the government's net flows by item sum to its stakeholder flow."""

import dataclasses

import numpy as np
import pytest

from collective_econ.cases.caopijie import default_scenario
from collective_econ.economy.community import CommunityParams
from collective_econ.economy.ledger import Source
from collective_econ.finance import DEFAULT_DISCOUNT_RATE, npv
from collective_econ.funding import FundingShares, split
from collective_econ.prices import FLAT
from collective_econ.report._html import esc
from collective_econ.report._text import money, text
from collective_econ.report.findings import fiscal_items, key_findings
from collective_econ.report.public_cost import cost_split
from collective_econ.report.summary import decision_table_html
from collective_econ.runs import outcomes
from collective_econ.runs.decision import COUNTY_LEGEND, format_decision
from collective_econ.runs.experiment import run_experiment
from collective_econ.runs.outcomes import (
    COUNTY_ITEMS,
    OUTCOMES,
    STAKEHOLDER_GROUPS,
    WAGE_SUBSIDY_ACCOUNTS,
    check_record,
    reduce_run,
)
from collective_econ.runs.spec import ExperimentSpec
from collective_econ.scenario import dumps, loads
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
    np.testing.assert_allclose(books[:, _item("pensions")], gov[:, Source.PENSION])
    np.testing.assert_allclose(books[:, _item("land_pension")], fund[:, Source.PENSION])
    np.testing.assert_allclose(books[:, _item("dibao")], gov[:, Source.DIBAO])


# --- the pensions: the basic pensions and the landless farmers' pension insurance ----------

PENSION_POLICY = """
[policies."cash + pension"]
baseline = "cash only"
add = ["land_pension"]
"""


@pytest.fixture(scope="module")
def pension():
    """'cash only' with and without the landless farmers' pension insurance, one seed."""
    sc = loads(dumps(default_scenario()) + PENSION_POLICY)
    runs = {p: simulate(sc, p, seed=1, horizon_years=12) for p in ("cash only", "cash + pension")}
    return {p: (run, reduce_run(run)) for p, run in runs.items()}


def test_the_two_pension_items_add_up_to_the_ledgers_pension_flows(pension):
    run, rec = pension["cash + pension"]
    books = rec["county_books"]
    public = sum(run.institution(a)[:, Source.PENSION] for a in ("government", "insurance_fund"))
    # with the households' contributions, which the fund books as INVESTMENT
    public = public + run.institution("insurance_fund")[:, Source.INVESTMENT]
    together = books[:, _item("pensions")] + books[:, _item("land_pension")]
    np.testing.assert_allclose(together, public, rtol=1e-12, atol=1e-6)  # year by year
    np.testing.assert_allclose(books.sum(axis=1), rec["stakeholder_flows"][:, GOV], atol=1e-3)
    assert books[:, _item("land_pension")].sum() < 0  # the fund pays more than it gets


def test_the_land_pension_is_the_funds_pensions_less_the_collectives_part(pension):
    run, rec = pension["cash + pension"]
    books = rec["county_books"]
    basic, land = books[:, _item("pensions")], books[:, _item("land_pension")]
    # what households receive as pensions: the basic pensions and the fund's
    received = run.household_flows[:, Source.PENSION].sum(axis=1)
    collectives = [a for a in run.institutions if a.startswith("collective:")]
    paid_in = -sum(run.institution(a)[:, Source.PENSION] for a in collectives)
    assert paid_in.sum() > 0  # the collectives pay their part at the taking
    households_in = -run.household_flows[:, Source.INVESTMENT].sum(axis=1)
    fund_in = run.institution("insurance_fund")[:, Source.INVESTMENT]
    assert fund_in.sum() > 0  # the households pay their part too
    assert (households_in >= fund_in - 1e-6).all()  # (their other outlays besides)
    fund_pensions = received + basic
    assert (fund_pensions >= -1e-6).all()
    assert fund_pensions[-1] > 0
    np.testing.assert_allclose(land, paid_in + fund_in - fund_pensions, rtol=1e-9, atol=1e-3)


def test_the_grants_do_not_change_with_the_land_pension(pension):
    # the households' contributions to the fund are the scheme's, not a capital grant
    (_, without), (_, with_it) = pension["cash only"], pension["cash + pension"]
    a, b = without["county_books"], with_it["county_books"]
    np.testing.assert_allclose(b[:, _item("grants")], a[:, _item("grants")], rtol=1e-9, atol=1e-3)


def test_the_basic_pensions_do_not_change_with_the_land_pension(pension):
    (_, without), (_, with_it) = pension["cash only"], pension["cash + pension"]
    a, b = without["county_books"], with_it["county_books"]
    np.testing.assert_allclose(b[:, _item("pensions")], a[:, _item("pensions")], rtol=1e-12)
    assert a[:, _item("pensions")].sum() < 0
    assert not a[:, _item("land_pension")].any()  # no scheme, no item


def test_the_land_pension_share_puts_the_funds_cost_on_the_county(pension):
    _, rec = pension["cash + pension"]
    books = rec["county_books"]
    years = 2010 + np.arange(books.shape[0])
    county, higher = split(books, LABELS, FundingShares(), years=years)
    k, b = _item("land_pension"), _item("pensions")
    # the default: the fund is the county's, the basic pensions the centre's
    np.testing.assert_array_equal(county[:, k], books[:, k])
    assert not county[:, b].any()
    np.testing.assert_array_equal(higher[:, b], books[:, b])
    none = dataclasses.replace(FundingShares(), land_pension=0.0)
    moved = (split(books, LABELS, FundingShares(), years=years)[0]
             - split(books, LABELS, none, years=years)[0])  # fmt: skip
    np.testing.assert_allclose(moved.sum(axis=1), books[:, k], atol=1e-6)


SUBSIDY_ITEMS = ("household_subsidies", "wage_subsidies", "interest_subsidies",
                 "programme_subsidies")  # fmt: skip


def test_the_subsidies_are_told_apart_by_who_receives_them(full):
    run, rec = full
    books, gov = rec["county_books"], run.institution("government")
    employers = sum(run.institution(a)[:, Source.OPERATIONS] for a in WAGE_SUBSIDY_ACCOUNTS)
    bank = run.institution("bank")[:, Source.OPERATIONS]
    # the receivers book OPERATIONS only as the county's subsidies to them: never paid out
    assert (employers >= 0).all()
    assert (bank >= 0).all()
    np.testing.assert_allclose(books[:, _item("wage_subsidies")], -employers)
    np.testing.assert_allclose(books[:, _item("interest_subsidies")], -bank)
    np.testing.assert_allclose(books[:, _item("household_subsidies")], gov[:, Source.SUBSIDY])
    together = sum(books[:, _item(k)] for k in SUBSIDY_ITEMS)
    np.testing.assert_allclose(
        together, gov[:, Source.SUBSIDY] + gov[:, Source.OPERATIONS], rtol=1e-12, atol=1e-6
    )
    # the full package pays welfare-post wages, interest on hog loans and training
    assert books[:, _item("wage_subsidies")].sum() < 0
    assert books[:, _item("interest_subsidies")].sum() < 0
    assert books[:, _item("programme_subsidies")].sum() < 0


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


@pytest.fixture(scope="module")
def small():
    community = CommunityParams(residents=1500, agricultural_residents=900)
    sc = dataclasses.replace(default_scenario(), community=community, horizon_years=8)
    spec = ExperimentSpec(policies=("cash only", "full package"), replications=3, seed=3)
    return run_experiment(sc, spec)


def test_the_decision_table_gives_the_countys_own_part(small):
    rows = {r["policy"]: r for r in small.decision_table("cash only")}
    cost = cost_split(small, "full package", "cash only")
    assert cost is not None
    own = rows["full package"]["extra_county_cost"]
    np.testing.assert_allclose(own, cost.county, rtol=1e-9, atol=1e-3)
    assert rows["cash only"]["extra_county_cost"] == (0.0, 0.0, 0.0)
    # every share 1: the county's part is the whole extra cost; every share 0: none of it
    every = FundingShares.every(1.0)
    whole = {r["policy"]: r for r in small.decision_table("cash only", funding=every)}
    assert whole["full package"]["extra_county_cost"][0] == pytest.approx(
        whole["full package"]["extra_fiscal_cost"][0], rel=1e-9, abs=1e-2
    )
    none = FundingShares.every(0.0)
    zero = {r["policy"]: r for r in small.decision_table("cash only", funding=none)}
    assert zero["full package"]["extra_county_cost"][0] == 0.0
    # the terminal table says it under the table, within 100 columns
    lines = format_decision(small.decision_table("cash only")).splitlines()
    assert max(map(len, lines)) <= 100
    said = lines[lines.index(COUNTY_LEGEND) + 1 :]
    mid, lo, hi = (f"{x / 1e6:,.1f}" for x in own)
    assert said[1].startswith("  full package ")
    assert said[1].endswith(f"{mid} ({lo} to {hi})")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_reports_decision_table_has_the_county_column(small, lang):
    rows = small.decision_table("cash only")
    page = decision_table_html(rows, "cash only", runs=3, lang=lang)
    base = "cash only" if lang == "en" else "全部现金补偿"
    head = page[: page.index("</tr>")]  # the county's column first, after the policy's
    assert head.index(esc(text("dt.county_first", lang, base=base))) < head.index(
        esc(text("dt.cost", lang, base=base))
    )
    own = rows[small.index("full package")]["extra_county_cost"]
    assert money(abs(own[0]), lang) in page


def test_a_store_of_the_former_layout_is_named_as_such(full):
    run, rec = full
    old = dict(rec, county_books=rec["county_books"][:, :11])  # the 11 items of before
    h = int(run.community.landless_target.sum())
    with pytest.raises(ValueError, match="another version of collective_econ"):
        check_record(old, 20, h, False)


@pytest.mark.parametrize("scheme", ["hotel", "enterprise"])
def test_the_firms_additionality_changes_the_public_cost(scheme):
    # the county's books count the net new taxes only: with all of the sales new (1.0) the
    # government keeps the displaced county firms' taxes, so the public cost falls by
    # exactly what the taxes item gains (nothing else moves: no draw depends on it)
    sc = default_scenario()
    base = sc.policy("full package")
    new = base.reform("all new", {f"{scheme}.additionality": 1.0})
    recs = [reduce_run(simulate(sc, p, seed=1, horizon_years=8)) for p in (base, new)]
    books = [r["county_books"] for r in recs]
    gained = books[1][:, _item("taxes")] - books[0][:, _item("taxes")]
    assert np.all(gained >= -1e-6)
    assert gained.sum() > 10_000.0
    others = np.delete(books[1] - books[0], _item("taxes"), axis=1)
    np.testing.assert_allclose(others, 0.0, atol=1e-6)
    saved = float(recs[0]["fiscal_cost_npv"]) - float(recs[1]["fiscal_cost_npv"])
    assert saved == pytest.approx(float(npv(DEFAULT_DISCOUNT_RATE, gained)), rel=1e-6)
