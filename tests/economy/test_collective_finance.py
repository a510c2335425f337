"""Collective projects financed without overdraft: cash, bank loans within a limit, a rule."""

import dataclasses

import numpy as np
import pytest

import collective_econ
from collective_econ.cases.caopijie import default_scenario
from collective_econ.economy import collective
from collective_econ.economy.collective import PLAN_MARGIN, ProjectFinance, fundable_share
from collective_econ.economy.community import CommunityParams
from collective_econ.economy.ledger import Source
from collective_econ.economy.schedule import Schedule
from collective_econ.policy import Policy
from collective_econ.prices import FLAT, PriceIndex, using
from collective_econ.scenario import Scenario
from collective_econ.schemes.tea import TeaParams, appraise
from collective_econ.testing import assert_conserved


@pytest.fixture(autouse=True, scope="module")
def flat_prices():
    """2010 economics by hand (the tea garden's loans default at 2010 leaf prices): no
    inflation, no real wage growth; tests/test_real_terms.py checks the real terms."""
    with using(FLAT):
        yield


@pytest.fixture(scope="module")
def full():
    s = dataclasses.replace(default_scenario(), prices=FLAT)
    return collective_econ.simulate(s, s.policy("full package"), seed=1, horizon_years=20)


def _collective_columns(run):
    return [i for i, n in enumerate(run.institutions) if n.startswith("collective:")]


def test_no_collective_overdraws(full):
    assert full.institution_balance[:, _collective_columns(full)].min() >= -1e-6


def test_collectives_borrow_and_pay_interest(full):
    flows = full.institution_flows[:, :, _collective_columns(full)].sum(axis=2)
    assert flows[:, Source.LOAN].max() > 0  # loans received
    assert flows[:, Source.INTEREST].sum() < 0  # interest paid to the bank
    assert_conserved(full)


def test_tea_garden_is_not_abandoned_under_the_defaults(full):
    flows = full.institution_flows[:, :, _collective_columns(full)].sum(axis=2)
    assert np.all(flows[5:, Source.SALES] > 0)  # leaf and walnuts sold every year after 5


def test_fundable_share_fits_cash_and_credit():
    net = np.array([-1000.0, -100, -100, 500, 500])
    assert fundable_share(net, ProjectFinance(rate=0.0, limit=600)) == pytest.approx(0.5)
    assert fundable_share(net, ProjectFinance(rate=0.0, limit=1200)) == 1.0
    assert fundable_share(net, ProjectFinance(rate=0.0, limit=0), cash=300) == pytest.approx(0.25)


# --- the shortfall rules with a tiny borrowing limit (a small community, a few years) -------

SMALL = CommunityParams(residents=3000, agricultural_residents=1200)
TINY = 100_000.0
"""A borrowing limit about 1% of what the tea garden needs until it bears."""
LARGE = 1e9


def _tea_run(shortfall, limit, years=3):
    tea = TeaParams(loan_limit=limit, shortfall=shortfall, price_sd=0.0)
    pol = Policy("tea", {"tea": Schedule(tea)})
    return collective_econ.simulate(
        Scenario("finance test", (pol,), community=SMALL), pol, seed=1, horizon_years=years
    )


def _tea(run):
    """The collectives' loans received and the tea wages paid to households, by year."""
    flows = run.institution_flows[:, :, _collective_columns(run)].sum(axis=2)
    return flows[:, Source.LOAN], run.income[:, Source.TEA_PICKING].sum(axis=1)


@pytest.fixture(scope="module")
def unlimited():
    """The tea garden with a limit that never binds: planted in full from the start."""
    return _tea_run("scale", LARGE)


def test_stop_never_starts_a_project_it_cannot_carry():
    run = _tea_run("stop", TINY)
    loans, wages = _tea(run)
    assert not np.any(loans)  # never borrowed
    assert not np.any(wages)  # nothing planted, no work
    assert not np.any(run.institution_flows[:, Source.INVESTMENT])
    assert run.institution_balance[:, _collective_columns(run)].min() >= -1e-6


def test_defer_starts_later_than_with_a_large_limit(unlimited):
    _, full = _tea(unlimited)
    assert full[0] > 0  # with a large limit, the establishment starts in year 0
    run = _tea_run("defer", TINY)
    loans, wages = _tea(run)
    # with no income besides the garden, the collectives never save enough: the garden waits
    # (later than year 0; here beyond the horizon) and nothing is borrowed meanwhile
    assert wages[0] == 0
    assert not np.any(wages)
    assert not np.any(loans)
    assert run.institution_balance[:, _collective_columns(run)].min() >= -1e-6


def test_scale_plants_the_share_that_fits(unlimited):
    _, full = _tea(unlimited)
    run = _tea_run("scale", TINY)
    loans, wages = _tea(run)
    # the establishment's wages are in proportion to the area planted: a small share of it
    share = wages[0] / full[0]
    assert 0 < share < 0.1
    # about the share the plan finds to fit: cash and 90% (PLAN_MARGIN) of the limit
    net = appraise(TeaParams(price_sd=0.0)).items["collective_profit"]
    plan = fundable_share(net, ProjectFinance(limit=TINY * PLAN_MARGIN))
    assert share == pytest.approx(plan, rel=0.05)
    assert 0 < loans.sum() <= TINY + 1e-6  # borrowed, within the limit
    assert run.institution_balance[:, _collective_columns(run)].min() >= -1e-6


# --- the county's backing of the collectives' project loans (loan_guarantee) ----------------


def _backed(share):
    s = dataclasses.replace(default_scenario(), prices=FLAT)
    changes = {f"{k}.loan_guarantee": share for k in ("tea", "agro_park")}
    pol = s.policy("full package").reform(f"backed {share}", changes)
    return collective_econ.simulate(s, pol, seed=1, horizon_years=20)


@pytest.fixture(scope="module")
def unbacked():
    return _backed(0.0)


def _guarantees(run, name):
    return run.institution(name)[:, Source.GUARANTEE]


def test_the_county_backs_the_collectives_loans_by_default(full):
    assert TeaParams().loan_guarantee == 1.0
    paid = -_guarantees(full, "government")
    assert paid.sum() > 0  # the tea garden's loans default at 2010 leaf prices (seed 1)
    np.testing.assert_allclose(_guarantees(full, "bank"), paid, rtol=1e-12)
    assert (paid >= 0).all()
    assert_conserved(full)


def test_no_backing_reproduces_the_unguaranteed_run(full, unbacked):
    """Only the county and the bank differ, by the guarantees; the rest is bit-identical."""
    assert np.abs(unbacked.institution_flows[:, Source.GUARANTEE]).sum() == 0.0
    np.testing.assert_array_equal(unbacked.income, full.income)
    others = [k for k, n in enumerate(full.institutions) if n not in ("government", "bank")]
    np.testing.assert_array_equal(
        unbacked.institution_flows[:, :, others], full.institution_flows[:, :, others]
    )
    paid = -_guarantees(full, "government").sum()
    assert unbacked.written_off == pytest.approx(full.written_off + paid, rel=1e-9)
    gov = full.institutions.index("government")
    flows = full.institution_flows[:, :, gov].copy()
    flows[:, Source.GUARANTEE] = 0.0
    np.testing.assert_array_equal(flows, unbacked.institution_flows[:, :, gov])


def test_a_half_backing_pays_half_of_what_full_backing_pays(full):
    half = _backed(0.5)
    np.testing.assert_allclose(
        _guarantees(half, "government"), 0.5 * _guarantees(full, "government"), rtol=1e-9
    )
    assert_conserved(half)


def test_the_appraisal_reports_the_county_backing():
    backed, bare = appraise(TeaParams()), appraise(TeaParams(loan_guarantee=0.0))
    owed = backed.items["loan_owed"]
    assert owed.max() > 0
    np.testing.assert_allclose(backed.items["loan_guaranteed"], owed)
    assert np.all(bare.items["loan_guaranteed"] == 0.0)
    with pytest.raises(collective_econ.errors.ParameterError, match="loan_guarantee"):
        TeaParams(loan_guarantee=1.5)


def test_the_plan_kept_for_the_next_run_is_the_plan_worked_out_anew():
    # _CollectiveBooks.plan keeps fundable_share's answer by flows, terms and cash: each
    # of them must change the answer it gives (a key missing one would reuse a stale plan)
    net = np.array([-1000.0, -100, -100, 500, 500])
    terms = ProjectFinance(rate=0.0, limit=600)
    for flows, finance, cash in [
        (net, terms, 0.0),
        (net, terms, 300.0),
        (net, dataclasses.replace(terms, limit=300), 0.0),
        (2 * net, terms, 0.0),
    ]:
        kept = collective._fundable(flows.tobytes(), finance, cash)
        assert kept == fundable_share(flows, finance, cash=cash)
    assert collective._fundable(net.tobytes(), terms, 0.0) == pytest.approx(0.5)
    assert collective._fundable(net.tobytes(), terms, 300.0) == pytest.approx(0.75)


def test_the_plan_kept_for_the_next_run_follows_the_price_index():
    # finance_plan deflates what is owed by the current index: a plan kept under one
    # index must not be reused under another (the key includes it)
    net = np.array([-1000.0, -100, -100, -100, -100, 500, 500])
    terms = ProjectFinance(rate=0.05, years=6, grace_years=4, limit=700)
    dear = PriceIndex(inflation=0.10, use_history=False)
    for index in (FLAT, dear, FLAT):
        with using(index):
            kept = collective._fundable(net.tobytes(), terms, 0.0)
            assert kept == fundable_share(net, terms)
    with using(FLAT):
        flat = collective._fundable(net.tobytes(), terms, 0.0)
    with using(dear):
        assert collective._fundable(net.tobytes(), terms, 0.0) > flat  # debt deflates


def test_drawdowns_never_restart_the_interest_only_years(monkeypatch):
    """A project's loans are drawdowns of one facility, as the appraisal counts them.

    The facility is one loan whose principal grows with each drawdown; its interest-only
    months and term run from its first drawdown (finance_plan's ``age``), so borrowing a
    month's debt service cannot buy three more interest-only years (which let the tea
    garden roll its debt over for 20 years). Read from the book right after each
    drawdown (a new loan or one added to a loan): the loan it went into has no more
    months or grace months left than the facility has.
    """
    books, drawn = [None], []
    afford = collective._CollectiveBooks.afford
    book_class = collective_econ.economy.credit.LoanBook
    lend, draw = book_class.lend, book_class.draw

    def watching_afford(self, need):
        books[0] = self
        try:
            return afford(self, need)
        finally:
            books[0] = None

    def seen(loans, k, new):
        if books[0] is not None:
            now, mine = books[0].world.now, books[0].loan_ids
            # a new loan while the project's last one is in arrears: a drawdown of its own
            behind = new and bool(mine) and loans.arrears_months[mine[-1]] > 0
            drawn.append(
                (id(books[0]), now, k, int(loans.left[k]), int(loans.grace[k]), new, behind)
            )

    def watching_lend(self, *args, **kw):
        k = lend(self, *args, **kw)
        seen(self, k, True)
        return k

    def watching_draw(self, loan, amount):
        draw(self, loan, amount)
        seen(self, loan, False)

    monkeypatch.setattr(collective._CollectiveBooks, "afford", watching_afford)
    monkeypatch.setattr(book_class, "lend", watching_lend)
    monkeypatch.setattr(book_class, "draw", watching_draw)
    s = dataclasses.replace(default_scenario(), prices=FLAT)
    collective_econ.simulate(s, s.policy("full package"), seed=1, horizon_years=20)
    f = ProjectFinance.of(TeaParams())  # the park's terms are the same (10 years, 3 of grace)
    assert len({d[0] for d in drawn}) == 2  # the tea garden and the park
    for project in {d[0] for d in drawn}:
        long = [d[1:] for d in drawn if d[0] == project and d[3] > 12]
        assert sum(not new for *_, new, _ in long) > 10  # many drawdowns added to a loan
        # one loan (two after a full repayment), but for drawdowns lent on their own while
        # the facility is in arrears (their months in arrears count apart, as before)
        assert sum(new and not behind for *_, new, behind in long) <= 2
        starts = {now + m - 12 * f.years for now, _, m, *_ in long}
        assert len(starts) <= 2  # one facility (or two, after a full repayment)
        for now, _, m, g, *_ in long:
            start = now + m - 12 * f.years
            assert g <= max(start + 12 * f.grace_years - now, 0)  # interest only from its start
