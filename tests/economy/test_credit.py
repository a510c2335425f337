"""Loans: a lender, interest and a repayment path for every borrowed yuan; nobody overdraws."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collective_econ.economy._loan_math import _schedule, _sum
from collective_econ.economy.credit import LoanBook
from collective_econ.economy.ledger import Ledger, Source
from collective_econ.errors import ParameterError
from collective_econ.finance import annuity_payment


def _book(households=0, months=240):
    return Ledger(households, ("collective:0", "hotel_company", "bank"), months)


def _run(book, loans, months):
    for _ in range(months):
        loans.service()
        book.close_month()


def test_a_loan_is_repaid_on_schedule_with_level_payments():
    book = _book()
    loans = LoanBook(book)
    coll, bank = book.account("collective:0"), book.account("bank")
    book.pay(bank, coll, 1e6, Source.SALES)  # cash to pay with
    loans.lend(bank, coll, 500_000.0, rate=0.06, months=60, grace_months=12)
    _run(book, loans, 60)
    assert loans.outstanding(coll) == pytest.approx(0.0, abs=1e-6)
    level = annuity_payment(0.005, 48, 500_000.0)
    interest = float(book.institution_flows[:, Source.INTEREST, coll - book.households].sum())
    assert -interest == pytest.approx(12 * 2_500.0 + 48 * level - 500_000.0, rel=1e-9)
    assert loans.interest_paid == pytest.approx(-interest)
    assert book.total() == pytest.approx(0.0, abs=1e-6)


def test_a_borrower_without_cash_falls_into_arrears_then_default_and_never_overdraws():
    book = _book()
    loans = LoanBook(book, default_after=3)
    hotel, bank = book.account("hotel_company"), book.account("bank")
    loans.lend(bank, hotel, 100_000.0, rate=0.12, months=12)
    book.pay(hotel, bank, 100_000.0, Source.INVESTMENT)  # spends the loan at once
    for _ in range(2):
        loans.service()
        assert book.balance[hotel] >= 0
        assert loans.outstanding(hotel) > 100_000.0  # unpaid interest accrues
    assert not loans.in_default(hotel)
    loans.service()
    assert loans.in_default(hotel)
    assert loans.outstanding(hotel) == 0.0
    assert loans.written_off == pytest.approx(100_000.0 * 1.01**3)
    with pytest.raises(ParameterError, match="not in default"):
        loans.lend(bank, hotel, 1_000.0, rate=0.05, months=12)


def test_paying_some_months_clears_the_arrears_count():
    book = _book()
    loans = LoanBook(book, default_after=2)
    coll, bank = book.account("collective:0"), book.account("bank")
    loans.lend(bank, coll, 12_000.0, rate=0.0, months=12)
    book.pay(coll, bank, 12_000.0, Source.INVESTMENT)
    loans.service()  # short: one month in arrears
    book.pay(bank, coll, 5_000.0, Source.SALES)
    loans.service()  # pays: the count starts again
    loans.service()  # short again, but only one month in a row
    assert not loans.in_default(coll)


def test_households_with_several_loans_pay_them_in_order_from_their_cash():
    book = _book(households=3)
    loans = LoanBook(book)
    bank = book.account("bank")
    loans.lend(bank, 0, 1_200.0, rate=0.0, months=12)  # 100 a month
    loans.lend(bank, 0, 2_400.0, rate=0.0, months=12)  # 200 a month
    loans.lend(bank, 2, 1_200.0, rate=0.0, months=12)
    book.collect(bank, np.array([0, 2]), np.array([3_600.0 - 150.0, 1_200.0]), Source.CONSUMPTION)
    loans.service()  # household 0 has 150: the first loan gets 100, the second 50
    assert book.balance[0] == pytest.approx(0.0)
    assert loans.principal.tolist() == pytest.approx([1_100.0, 2_350.0, 1_200.0])
    assert book.balance[2] == 0.0


@settings(max_examples=60, deadline=None)
@given(
    cash=st.lists(st.floats(0, 50_000), min_size=1, max_size=4),
    amounts=st.lists(st.floats(100, 200_000), min_size=1, max_size=6),
    rate=st.floats(0, 0.2),
    months=st.integers(1, 60),
    spend=st.floats(0, 1),
)
def test_nobody_overdraws_and_money_is_conserved(cash, amounts, rate, months, spend):
    h = len(cash)
    book = Ledger(h, ("collective:0", "bank"), 72)
    bank = book.account("bank")
    book.pay_households(bank, np.arange(h), np.array(cash), Source.WAGE)
    loans = LoanBook(book, default_after=4)
    for i, a in enumerate(amounts):
        who = i % h
        if not loans.in_default(who):
            loans.lend(bank, who, a, rate=rate, months=months)
    # households spend part of what they hold
    book.collect(bank, np.arange(h), spend * np.maximum(book.balance[:h], 0), Source.CONSUMPTION)
    for _ in range(72):
        loans.service()
        assert (book.balance[:h] >= -1e-6).all()
        book.close_month()
    assert book.total() == pytest.approx(0.0, abs=1e-3)
    assert (loans.principal >= -1e-9).all()


# --- a credit facility: one loan whose principal grows with each drawdown ---------------------

DRAWDOWNS = {0: 50_000.0, 5: 20_000.0, 12: 7_500.0, 20: 30_000.0, 33: 1_000.0}
"""Month: yuan drawn on a facility of 48 months, 12 of them interest only."""


def _facility(one_loan, *, cash=None, inflation=0.0, months=48):
    """A collective draws DRAWDOWNS on a facility: one loan, or a loan per drawdown.

    Each drawdown's loan matures with the facility (48 months after month 0) and has
    the facility's grace months left. ``cash`` maps a month to the collective's cash
    before that month's service (what it holds is taken or topped up to it).
    """
    book = Ledger(0, ("collective:0", "government", "bank"), months)
    loans = LoanBook(book, default_after=3)
    coll, gov, bank = (book.account(n) for n in book.institutions)
    book.pay(bank, coll, 40_000.0, Source.SALES)
    facility = -1
    for month in range(months):
        amount = DRAWDOWNS.get(month)
        if amount is not None:
            terms = {
                "rate": 0.06, "months": 48 - month, "grace_months": max(12 - month, 0),
                "guarantor": gov, "guarantee_share": 0.5,
            }  # fmt: skip
            if one_loan and facility >= 0:
                loans.draw(facility, amount)
            else:
                facility = loans.lend(bank, coll, amount, **terms)
        if cash is not None and month in cash:
            gap = cash[month] - float(book.balance[coll])
            if gap > 0:
                book.pay(bank, coll, gap, Source.SALES)
            elif gap < 0:
                book.pay(coll, bank, -gap, Source.INVESTMENT)
        loans.month_end(inflation)
        book.close_month()
    return book, loans, coll


@pytest.mark.parametrize("inflation", [0.0, 0.003])
def test_drawdowns_pay_what_separate_loans_maturing_with_the_facility_pay(inflation):
    # level payments of what is owed over the months left, recomputed after each
    # drawdown: the payments of a loan per drawdown, each maturing with the facility
    # (interest only in the facility's first 12 months); two months short included
    cash = {25: 0.0, 26: 0.0, 27: 1e5}
    one, one_loans, coll = _facility(True, cash=cash, inflation=inflation)
    many, many_loans, _ = _facility(False, cash=cash, inflation=inflation)
    assert one_loans.principal.size == 1
    assert many_loans.principal.size == len(DRAWDOWNS)
    np.testing.assert_allclose(one.institution_balance, many.institution_balance, rtol=1e-11,
                               atol=1e-6)  # fmt: skip
    np.testing.assert_allclose(one.institution_flows, many.institution_flows, rtol=1e-11,
                               atol=1e-6)  # fmt: skip
    assert one_loans.interest_paid == pytest.approx(many_loans.interest_paid, rel=1e-12)
    assert one_loans.deflated == pytest.approx(many_loans.deflated, rel=1e-12)
    assert one_loans.outstanding(coll) == pytest.approx(0.0, abs=1e-6)
    assert not one_loans.active[0]
    assert not one_loans.in_default(coll)
    # interest only in the first 12 months, whatever is drawn meanwhile
    repaid = one.institution_flows[:, Source.LOAN, coll - one.households]
    loans_in = sum(a for m, a in DRAWDOWNS.items() if m < 12)
    assert repaid[0] == pytest.approx(loans_in)  # year 0: drawn, nothing repaid


def test_a_facility_in_arrears_defaults_as_one_loan_and_the_guarantor_pays_its_share():
    # short from month 25 on: three months in arrears (default_after=3), then the whole
    # facility (every drawdown) defaults; the county pays half of what is owed
    book, loans, coll = _facility(True, cash={25: 0.0}, months=30)
    assert loans.in_default(coll)
    assert not loans.active[0]
    owed = loans.guarantees_paid + loans.written_off
    assert owed > sum(DRAWDOWNS.values()) - 33_000.0  # most of what was drawn
    assert loans.guarantees_paid == pytest.approx(0.5 * owed, rel=1e-12)
    assert book.balance[coll] >= 0
    assert book.total() == pytest.approx(0.0, abs=1e-6)


def test_drawdowns_are_refused_on_loans_not_active_bad_amounts_and_defaulted_borrowers():
    book = _book()
    loans = LoanBook(book, default_after=1)
    coll, hotel, bank = (book.account(n) for n in book.institutions)
    repaid = loans.lend(bank, coll, 1_000.0, rate=0.0, months=1)
    kept = loans.lend(bank, hotel, 1_200.0, rate=0.0, months=12)  # 100 a month: paid
    lost = loans.lend(bank, hotel, 1_200.0, rate=0.0, months=12)  # short: defaults
    book.pay(hotel, bank, 2_300.0, Source.INVESTMENT)  # 100 left
    loans.service()  # the collective repays; the hotel pays its first loan only
    assert not loans.active[repaid]
    assert not loans.active[lost]
    assert loans.active[kept]
    assert loans.in_default(hotel)
    for loan in (repaid, lost, 7, -1):
        with pytest.raises(ParameterError, match="loan"):
            loans.draw(loan, 1.0)
    with pytest.raises(ParameterError, match="not in default"):
        loans.draw(kept, 1.0)
    k = loans.lend(bank, coll, 1_000.0, rate=0.0, months=12)
    for amount in (0.0, -5.0, float("nan"), float("inf")):
        with pytest.raises(ParameterError, match="amount"):
            loans.draw(k, amount)
    assert float(loans.principal[k]) == 1_000.0
    assert book.total() == pytest.approx(0.0)


# --- guarantees: the guarantor pays its share of what is owed at default -------------------


def _guaranteed(share, *, pay=False, default_after=3):
    """A hotel borrows 100,000 yuan at 12%, backed by the government for ``share``."""
    book = Ledger(0, ("hotel_company", "government", "bank"), 36)
    loans = LoanBook(book, default_after=default_after)
    hotel, gov, bank = (book.account(n) for n in ("hotel_company", "government", "bank"))
    guarantor = gov if share > 0 else None
    loans.lend(bank, hotel, 100_000.0, rate=0.12, months=12, guarantor=guarantor,
               guarantee_share=share)  # fmt: skip
    if not pay:
        book.pay(hotel, bank, 100_000.0, Source.INVESTMENT)  # spends the loan at once
    else:
        book.pay(bank, hotel, 50_000.0, Source.SALES)  # cash to repay with
    _run(book, loans, 12)
    return book, loans, hotel, gov, bank


@pytest.mark.parametrize("share", [0.25, 0.8, 1.0])
def test_on_default_the_guarantor_pays_exactly_its_share_of_what_is_owed(share):
    book, loans, hotel, gov, bank = _guaranteed(share)
    owed = 100_000.0 * 1.01**3  # three months of unpaid interest, then default
    assert loans.in_default(hotel)
    assert loans.guarantees_paid == pytest.approx(share * owed, rel=1e-12)
    assert loans.written_off == pytest.approx((1 - share) * owed, rel=1e-12)
    g = book.institution_flows[:, :, gov - book.households].sum(axis=0)
    assert g[Source.GUARANTEE] == pytest.approx(-share * owed, rel=1e-12)
    assert np.abs(np.delete(g, Source.GUARANTEE)).sum() == 0.0  # nothing else moves
    b = book.institution_flows[:, Source.GUARANTEE, bank - book.households].sum()
    assert b == pytest.approx(share * owed, rel=1e-12)
    assert book.balance[hotel] >= 0
    assert book.total() == pytest.approx(0.0, abs=1e-6)


def test_a_guarantor_pays_nothing_when_the_loan_is_repaid():
    book, loans, hotel, gov, _ = _guaranteed(1.0, pay=True)
    assert loans.outstanding(hotel) == pytest.approx(0.0, abs=1e-6)
    assert not loans.in_default(hotel)
    assert loans.guarantees_paid == 0.0
    assert loans.written_off == 0.0
    assert book.balance[gov] == 0.0
    assert np.abs(book.institution_flows[:, :, gov - book.households]).sum() == 0.0


def test_a_guarantee_of_zero_is_the_unguaranteed_loan():
    plain = _guaranteed(0.0)
    book = Ledger(0, ("hotel_company", "government", "bank"), 36)
    loans = LoanBook(book, default_after=3)
    hotel, gov, bank = (book.account(n) for n in ("hotel_company", "government", "bank"))
    loans.lend(bank, hotel, 100_000.0, rate=0.12, months=12, guarantor=gov,
               guarantee_share=0.0)  # fmt: skip
    book.pay(hotel, bank, 100_000.0, Source.INVESTMENT)
    _run(book, loans, 12)
    np.testing.assert_array_equal(book.institution_flows, plain[0].institution_flows)
    np.testing.assert_array_equal(book.balance, plain[0].balance)
    assert loans.written_off == plain[1].written_off == pytest.approx(100_000.0 * 1.01**3)
    assert loans.guarantees_paid == 0.0


def test_several_guaranteed_defaults_in_one_month_are_paid_per_loan():
    book = Ledger(0, ("collective:0", "collective:1", "government", "fund", "bank"), 24)
    loans = LoanBook(book, default_after=2)
    a, b, gov, fund, bank = (book.account(n) for n in book.institutions)
    loans.lend(bank, a, 10_000.0, rate=0.0, months=12, guarantor=gov, guarantee_share=0.5)
    loans.lend(bank, b, 20_000.0, rate=0.0, months=12, guarantor=gov, guarantee_share=1.0)
    loans.lend(bank, a, 40_000.0, rate=0.0, months=12, guarantor=fund, guarantee_share=0.1)
    loans.lend(bank, b, 80_000.0, rate=0.0, months=12)
    for who, amount in ((a, 50_000.0), (b, 100_000.0)):
        book.pay(who, bank, amount, Source.INVESTMENT)
    _run(book, loans, 2)
    assert book.balance[gov] == pytest.approx(-25_000.0)
    assert book.balance[fund] == pytest.approx(-4_000.0)
    assert loans.guarantees_paid == pytest.approx(29_000.0)
    assert loans.written_off == pytest.approx(150_000.0 - 29_000.0)
    assert book.total() == pytest.approx(0.0, abs=1e-6)


def test_bad_guarantees_are_refused():
    book = Ledger(0, ("collective:0", "government", "bank"), 12)
    loans = LoanBook(book)
    coll, gov, bank = (book.account(n) for n in book.institutions)
    with pytest.raises(ParameterError, match="guarantee_share"):
        loans.lend(bank, coll, 1_000.0, rate=0.05, months=12, guarantor=gov, guarantee_share=1.5)
    with pytest.raises(ParameterError, match="guarantor"):
        loans.lend(bank, coll, 1_000.0, rate=0.05, months=12, guarantee_share=0.5)
    with pytest.raises(ParameterError, match="guarantor"):
        loans.lend(bank, coll, 1_000.0, rate=0.05, months=12, guarantor=bank, guarantee_share=1)


@settings(max_examples=40, deadline=None)
@given(
    share=st.floats(0, 1),
    cash=st.floats(0, 30_000),
    amounts=st.lists(st.floats(100, 50_000), min_size=1, max_size=4),
)
def test_guarantees_conserve_money_and_split_each_default(share, cash, amounts):
    book = Ledger(0, ("collective:0", "government", "bank"), 48)
    coll, gov, bank = (book.account(n) for n in book.institutions)
    loans = LoanBook(book, default_after=3)
    for a in amounts:
        loans.lend(bank, coll, a, rate=0.06, months=24, guarantor=gov, guarantee_share=share)
    cash = min(cash, float(book.balance[coll]))  # keeps at most what it borrowed
    book.pay(coll, bank, float(book.balance[coll]) - cash, Source.INVESTMENT)
    lent = sum(amounts)
    _run(book, loans, 48)
    assert book.total() == pytest.approx(0.0, abs=1e-3)
    assert book.balance[coll] >= -1e-6
    assert -book.balance[gov] == pytest.approx(loans.guarantees_paid, abs=1e-6)
    # what the bank did not get back is the guaranteed and the written-off parts
    lost = loans.guarantees_paid + loans.written_off
    assert loans.guarantees_paid == pytest.approx(share * lost, rel=1e-9, abs=1e-6)
    assert (lost > 0) == bool(loans.in_default(coll))
    assert lent == pytest.approx(sum(amounts))


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["lend", "service", "deflate", "rate", "due", "draw"]),
            st.integers(0, 2),
            st.floats(100.0, 1e5),
        ),
        max_size=25,
    )
)
def test_kept_payments_equal_payments_worked_out_anew(ops):
    # LoanBook keeps this month's scheduled payments and adds a new loan's to them;
    # whatever happens between (loans made, serviced, deflated, changed in place by a
    # scheme that says so), due() and due_of() equal a fresh computation, bit for bit
    book = Ledger(2, ("collective:0", "collective:1", "bank"), 60)
    loans = LoanBook(book)
    bank = book.account("bank")
    borrowers = (0, book.account("collective:0"), book.account("collective:1"))
    book.pay_households(bank, np.array([0, 1]), 1e4, Source.LOAN)
    for op, who, amount in ops:
        b = borrowers[who]
        if op == "lend" and not loans.in_default(b):
            loans.lend(bank, b, amount, rate=0.05 + 0.01 * who, months=24, grace_months=who)
        elif op == "service":
            loans.service()
            book.close_month()
        elif op == "deflate":
            loans.deflate(0.002)
        elif op == "rate" and loans.principal.size:
            loans.rate[-1] = 0.03  # a scheme changing a loan in place (enterprise's subsidy)
            loans.changed()
            loans.lend(bank, bank - 1, 1.0 + amount, rate=0.04, months=12)
        elif op == "draw" and not loans.in_default(b):
            mine = np.flatnonzero(loans.active & (loans.borrower == b))
            if mine.size:  # a drawdown on the borrower's first live loan (not its last),
                loans.due_of(b)  # its payments kept: the drawdown must change them
                loans.draw(int(mine[0]), amount)
        kept = loans.due().copy()
        sums = [loans.due_of(a) for a in borrowers]
        # the annuity factors the book keeps (worked out as months left fall, anew after
        # a rate changed in place) equal factors worked out from the loans' terms now
        live = np.flatnonzero(loans.active)
        grace = loans.grace[live] if loans.grace[live].any() else None
        anew = _schedule(loans.principal[live], loans.rate[live], loans.left[live], grace)
        assert np.array_equal(loans._scheduled(live), anew)
        loans._due = None  # work everything out anew
        fresh = loans.due()
        assert np.array_equal(kept, fresh)
        in_order = np.bincount(loans.borrower, fresh, bank + 1)  # one after another
        assert sums == in_order[list(borrowers)].tolist()
        assert abs(book.total()) < 1e-6


def test_a_loan_in_its_grace_pays_interest_only_whatever_was_lent_before():
    # the book skips the grace arithmetic while no live loan has grace months left: a loan
    # with a grace period lent after that must still pay interest only for its grace
    book = _book()
    loans = LoanBook(book)
    coll, hotel, bank = (book.account(n) for n in ("collective:0", "hotel_company", "bank"))
    book.pay(bank, coll, 1e6, Source.SALES)
    book.pay(bank, hotel, 1e6, Source.SALES)
    loans.lend(bank, coll, 10_000.0, rate=0.06, months=24)  # no grace
    _run(book, loans, 3)
    k = loans.lend(bank, hotel, 120_000.0, rate=0.12, months=36, grace_months=12)
    for _ in range(12):
        before = float(book.balance[hotel])
        loans.service()
        assert before - float(book.balance[hotel]) == pytest.approx(1_200.0, rel=1e-12)
    assert loans.principal[k] == pytest.approx(120_000.0, rel=1e-12)
    before = float(book.balance[hotel])
    loans.service()  # the first level payment: 120,000 over 24 months at 1%
    paid = before - float(book.balance[hotel])
    assert paid == pytest.approx(annuity_payment(0.01, 24, 120_000.0), rel=1e-12)
    assert loans.grace.tolist() == [0, 0]


def test_arrears_counts_restart_after_a_month_without_arrears():
    # the counts are left alone in months when no live loan is short and none was: a
    # count must still restart after a month paid in full, and add up when short again
    book = _book(households=2)
    loans = LoanBook(book, default_after=3)
    bank = book.account("bank")
    k = loans.lend(bank, 0, 1_200.0, rate=0.0, months=12)  # 100 a month
    loans.lend(bank, 1, 1_200.0, rate=0.0, months=12)
    book.collect(bank, np.array([0, 1]), np.array([1_200.0, 0.0]), Source.CONSUMPTION)
    loans.service()
    loans.service()
    assert loans.arrears_months.tolist() == [2, 0]
    book.pay_households(bank, np.array([0]), 1_000.0, Source.WAGE)
    loans.service()  # household 0 pays: its count restarts
    assert loans.arrears_months.tolist() == [0, 0]
    loans.service()  # every loan paid, none short: counts stay 0
    assert loans.arrears_months.tolist() == [0, 0]
    book.collect(bank, np.array([0]), float(book.balance[0]), Source.CONSUMPTION)
    loans.service()
    loans.service()
    assert loans.arrears_months.tolist() == [2, 0]
    assert not loans.in_default(0)
    loans.service()
    assert loans.in_default(0)
    assert not loans.active[k]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["lend", "month", "spend", "earn"]),
            st.integers(0, 3),
            st.floats(100.0, 1e5),
            st.sampled_from([0.0, 0.002, -0.001]),
        ),
        max_size=30,
    )
)
def test_month_end_is_deflate_then_service_bit_for_bit(ops):
    # the engine's month_end() shares work between deflate() and service(); two lenders
    # (the bank, a collective lending to a household), grace, arrears and defaults included
    books = [Ledger(2, ("collective:0", "collective:1", "government", "bank"), 60)
             for _ in range(2)]  # fmt: skip
    books_loans = [LoanBook(book, default_after=2) for book in books]
    bank, gov = books[0].account("bank"), books[0].account("government")
    coll = books[0].account("collective:1")
    borrowers = (0, 1, books[0].account("collective:0"), coll)
    for i, (book, loans) in enumerate(zip(books, books_loans, strict=True)):
        book.pay_households(bank, np.array([0, 1]), 5e3, Source.LOAN)
        book.pay(bank, coll, 1e5, Source.SALES)
        for op, who, amount, inflation in ops:
            b = borrowers[who]
            if op == "lend" and not loans.in_default(b):
                lender = coll if who == 1 and amount > 5e4 else bank
                loans.lend(lender, b, amount, rate=0.05 + 0.01 * who, months=6 + who,
                           grace_months=who % 2, guarantor=gov if who == 2 else None,
                           guarantee_share=0.5 if who == 2 else 0.0)  # fmt: skip
            elif op == "month":
                if i == 0:
                    loans.month_end(inflation)
                else:
                    loans.deflate(inflation)
                    loans.service()
                book.close_month()
            elif op == "spend" and b != coll:  # borrowers run short
                cash = max(float(book.balance[b]), 0.0)
                if b < book.households:
                    book.collect(bank, np.array([b]), cash, Source.CONSUMPTION)
                else:
                    book.pay(b, bank, cash, Source.SALES)
            elif op == "earn":
                book.pay_households(bank, np.array([who % 2]), amount, Source.WAGE)
    for name in ("balance", "household_flows", "institution_flows", "institution_balance"):
        assert np.array_equal(getattr(books[0], name), getattr(books[1], name)), name
    for name in ("principal", "arrears_months", "grace", "left", "active"):
        assert np.array_equal(getattr(books_loans[0], name), getattr(books_loans[1], name))
    for name in ("written_off", "guarantees_paid", "interest_paid", "deflated"):
        assert getattr(books_loans[0], name) == getattr(books_loans[1], name), name
    assert abs(books[0].total()) < 1e-6


@pytest.mark.parametrize("pattern", [(2, 2, 2), (2, 0, 1), (1, 0, 1)])
def test_groups_kept_across_loans_with_the_same_borrowers_pay_as_groups_made_anew(pattern):
    # LoanBook keeps its grouping of the live loans while their borrowers, in the order
    # made, stay the same (a loan ends as another of its borrower is made): the month's
    # payments must equal those of a book that groups its loans anew every month, and
    # must differ when the borrowers change (a stale grouping would pay for the wrong one)
    books = [Ledger(2, ("collective:0", "bank"), 40) for _ in range(2)]
    books_loans = [LoanBook(book) for book in books]
    bank = books[0].account("bank")
    kept = 0
    for i, (book, loans) in enumerate(zip(books, books_loans, strict=True)):
        book.pay_households(bank, np.array([0, 1]), 3e3, Source.LOAN)
        book.pay(bank, 2, 5e3, Source.SALES)
        for month in range(36):
            who = pattern[month % 3] if month % 6 < 3 else pattern[(month + 1) % 3]
            loans.lend(bank, who, 300.0 + 7.0 * month, rate=0.06, months=3)
            if i == 1:
                loans._order = None  # grouped anew
            before = loans._order
            loans.month_end(0.001)
            kept += i == 0 and before is not None and loans._order is before
            book.close_month()
    assert kept > 0 or len(set(pattern)) > 1  # one borrower: the kept grouping was used
    for name in ("balance", "household_flows", "institution_flows"):
        assert np.array_equal(getattr(books[0], name), getattr(books[1], name)), name
    for name in ("principal", "arrears_months", "left", "active"):
        assert np.array_equal(getattr(books_loans[0], name), getattr(books_loans[1], name))
    assert books_loans[0].interest_paid == books_loans[1].interest_paid


@pytest.mark.parametrize("rate", [0.0, 0.06])
def test_factors_shared_by_loans_at_one_rate_equal_factors_worked_out_anew(rate):
    # the book works out the annuity factors once per rate, for every number of months
    # left up to the longest term met so far; a longer term later gets a longer run.
    # Each month, every live loan's payment must equal _schedule() of its terms now,
    # bit for bit (a loan pointed at a run too short or at another rate's would not)
    book = Ledger(2, ("collective:0", "bank"), 60)
    loans = LoanBook(book)
    bank, coll = book.account("bank"), book.account("collective:0")
    book.pay(bank, coll, 1e6, Source.SALES)
    terms = [(12, 0), (36, 6), (6, 0), (48, 12), (24, 3)]
    for month in range(40):
        if month < len(terms):
            months, grace = terms[month]
            loans.lend(bank, coll if month % 2 else 0, 1_000.0 * (month + 1), rate=rate,
                       months=months, grace_months=grace)  # fmt: skip
            loans.lend(bank, 1, 500.0, rate=rate + 0.01, months=months)  # another rate
        if month == 7:
            loans.draw(1, 2_000.0)
        live = np.flatnonzero(loans.active)
        grace_left = loans.grace[live] if loans.grace[live].any() else None
        expected = _schedule(loans.principal[live], loans.rate[live], loans.left[live],
                             grace_left)  # fmt: skip
        assert np.array_equal(loans._scheduled(live), expected)
        assert np.array_equal(loans.due()[live], expected)
        loans.service()
        book.close_month()


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(
                ["lend", "lend", "month", "month", "spend", "earn", "draw", "changed"]
            ),
            st.integers(0, 4),
            st.floats(100.0, 1e5),
            st.sampled_from([0.0, 0.002, -0.001]),
        ),
        max_size=40,
    )
)
def test_a_few_loans_served_on_floats_pay_as_the_array_service(ops):
    # up to LoanBook._few live loans, the month's service works on Python floats, loan
    # by loan; it must post, repay, count arrears, default and keep next month's
    # payments bit for bit as the numpy service does (_few = 0 forces it on a book),
    # compared after every step: two lenders, households and institutions, grace,
    # arrears, defaults, guarantees, drawdowns, a loan changed in place
    books = [Ledger(3, ("collective:0", "collective:1", "government", "bank"), 80)
             for _ in range(2)]  # fmt: skip
    books_loans = [LoanBook(book, default_after=2) for book in books]
    books_loans[1]._few = 0  # numpy only
    bank, gov = books[0].account("bank"), books[0].account("government")
    coll = books[0].account("collective:1")
    borrowers = (0, 1, 2, books[0].account("collective:0"), coll)
    for book in books:
        book.pay_households(bank, np.array([0, 1, 2]), 5e3, Source.LOAN)
        book.pay(bank, coll, 1e5, Source.SALES)
    for op, who, amount, inflation in ops:
        b = borrowers[who]
        for book, loans in zip(books, books_loans, strict=True):
            if op == "lend" and not loans.in_default(b):
                lender = coll if who == 1 and amount > 5e4 else bank
                loans.lend(lender, b, amount, rate=0.02 * (who % 3), months=3 + who,
                           grace_months=who % 3, guarantor=gov if who == 3 else None,
                           guarantee_share=0.5 if who == 3 else 0.0)  # fmt: skip
            elif op == "month":
                loans.month_end(inflation)
                book.close_month()
            elif op == "spend" and b != coll:  # borrowers run short
                cash = max(float(book.balance[b]), 0.0)
                if b < book.households:
                    book.collect(bank, np.array([b]), cash, Source.CONSUMPTION)
                else:
                    book.pay(b, bank, cash, Source.SALES)
            elif op == "earn":
                book.pay_households(bank, np.array([who % 3]), amount, Source.WAGE)
            elif op == "draw":
                mine = np.flatnonzero(loans.active & (loans.borrower == b))
                if mine.size and not loans.in_default(b):
                    loans.draw(int(mine[0]), amount)
            elif op == "changed" and loans.active.any():
                k = int(np.flatnonzero(loans.active)[-1])
                loans.principal[k] *= 0.5  # a scheme changing a loan in place
                loans.changed()
        for name in ("balance", "household_flows", "institution_flows", "month_income"):
            assert np.array_equal(getattr(books[0], name), getattr(books[1], name)), name
        for name in ("principal", "arrears_months", "grace", "left", "active"):
            assert np.array_equal(getattr(books_loans[0], name), getattr(books_loans[1], name))
        for name in ("written_off", "guarantees_paid", "interest_paid", "deflated"):
            assert getattr(books_loans[0], name) == getattr(books_loans[1], name), name
        sums = [loans.due_of(b) for loans in books_loans]
        assert sums[0] == sums[1] == float(np.add.accumulate(
            np.append(0.0, books_loans[1].due()[books_loans[1].borrower == b]))[-1])  # fmt: skip
        assert np.array_equal(books_loans[0].due(), books_loans[1].due())
    assert abs(books[0].total()) < 1e-6


def test_payments_kept_by_the_service_are_worked_out_anew_after_a_change():
    # the service works out next month's payments at its end; a loan changed in place
    # before anyone reads them (a subsidy ending: its rate) must pay at its new terms,
    # as when the payments were worked out at the first due() after the change
    book = _book()
    loans = LoanBook(book)
    coll, bank = book.account("collective:0"), book.account("bank")
    book.pay(bank, coll, 1e6, Source.SALES)
    k = loans.lend(bank, coll, 12_000.0, rate=0.0, months=12)
    loans.month_end(0.0)  # 1,000 repaid; next month's payment kept: 1,000
    loans.rate[k] = 0.12
    loans.changed()
    expected = 11_000.0 * 0.01 / -np.expm1(-11 * np.log1p(0.01))
    assert loans.due()[k] == pytest.approx(expected, rel=1e-12)
    assert loans.due_of(coll) == loans.due()[k]
    # once read, kept payments stay until the next service (as before the change)
    loans.principal[k] = 5_000.0
    loans.changed()
    assert loans.due()[k] == pytest.approx(expected, rel=1e-12)


def test_credit_lines_deflate_where_owed_and_zero_lines_stay_zero():
    # month_end deflates only the lines owed (nonzero): each must be multiplied by the
    # month's keep factor exactly, and what inflation took counts them all
    book = Ledger(5, ("collective:0", "bank"), 12)
    loans = LoanBook(book)
    lines = loans.household_lines
    lines[[1, 3]] = [1_000.0, 250.0]
    before = lines.copy()
    loans.month_end(0.01)
    keep = 1.0 / 1.01
    assert lines.tolist() == [0.0, 1_000.0 * keep, 0.0, 250.0 * keep, 0.0]
    assert lines is loans.household_lines  # in place: the households' process holds it
    assert loans.deflated == pytest.approx(float(before.sum()) * (1.0 - keep), rel=1e-12)
    loans.lend(book.account("bank"), book.account("collective:0"), 100.0, rate=0.0, months=2)
    loans.deflate(0.01)
    assert lines[[1, 3]].tolist() == [1_000.0 * keep * keep, 250.0 * keep * keep]


def test_the_float_sum_of_a_few_loans_is_numpys_sum():
    # the service of a few loans sums the interest paid on Python floats, as numpy's
    # pairwise summation does (8 partial sums from 8 values): bit for bit, any length
    rng = np.random.default_rng(5)
    for n in [*range(0, 40), 64, 127, 128, 129, 300]:
        for _ in range(50):
            values = (rng.random(n) * 10.0 ** rng.uniform(-3, 6, n)).tolist()
            assert _sum(values) == float(np.array(values).sum()), n


@pytest.mark.parametrize("before", [0, 3, 254])  # 254: the batch grows the columns
def test_lending_many_at_once_is_lending_one_by_one_bit_for_bit(before):
    """lend_many's loans, book and postings are one lend() per loan in order: a borrower
    twice in the batch, one asked about by due_of() before (its loans kept), payments
    kept by due() before the batch, then a year of service and deflation."""
    books = []
    for many in (False, True):
        rng = np.random.default_rng(before)
        book = _book(households=6, months=24)
        loans = LoanBook(book)
        bank = book.account("bank")
        book.pay_households(bank, np.arange(6), 150.0 * rng.random(6), Source.WAGE)
        for j in range(before):
            loans.lend(bank, j % 6, 10.0 + j, rate=0.05, months=12)
        loans.due_of(2)
        who = np.array([2, 0, 2, 5], dtype=np.intp)
        amounts = np.array([100.3, 7.1, 0.7, 1e4 / 3])
        if many:
            made = loans.lend_many(bank, who, amounts, rate=0.07, months=24, grace_months=3)
        else:
            made = [
                loans.lend(bank, int(b), float(a), rate=0.07, months=24, grace_months=3)
                for b, a in zip(who, amounts, strict=True)
            ]
        assert list(made) == list(range(before, before + 4))
        kept = (loans.due().copy(), loans.due_of(2), loans.due_of(5))
        for _ in range(12):
            loans.month_end(0.003)
            book.close_month()
            kept += (loans.due_of(2), loans.due_of(5))
        books.append((book, loans, kept))
    (one, one_loans, one_kept), (many, many_loans, many_kept) = books
    for name in ("balance", "household_flows", "institution_flows", "institution_balance"):
        assert np.array_equal(getattr(one, name), getattr(many, name)), name
    for name in ("principal", "borrower", "lender", "rate", "grace", "left", "active"):
        assert np.array_equal(getattr(one_loans, name), getattr(many_loans, name)), name
    assert np.array_equal(one_kept[0], many_kept[0])
    assert one_kept[1:] == many_kept[1:]
    assert one_loans.interest_paid == many_loans.interest_paid


def test_lending_many_checks_every_loan_before_making_any():
    book = _book(households=3)
    loans = LoanBook(book)
    bank = book.account("bank")
    for bad in (np.array([5.0, 0.0]), np.array([5.0, np.nan])):
        with pytest.raises(ParameterError, match="amounts"):
            loans.lend_many(bank, np.array([0, 1]), bad, rate=0.05, months=12)
    with pytest.raises(ParameterError, match="borrowers"):  # an institution
        loans.lend_many(bank, np.array([0, bank]), np.ones(2), rate=0.05, months=12)
    loans.register_default(np.array([1]), np.array([1.0]))
    with pytest.raises(ParameterError, match="borrowers"):
        loans.lend_many(bank, np.array([0, 1]), np.ones(2), rate=0.05, months=12)
    assert loans.principal.size == 0
    assert not book.balance.any()


@pytest.mark.parametrize("seed", range(6))
def test_a_few_loans_of_one_lender_are_grouped_as_the_array_grouping(seed):
    # up to LoanBook._few live loans of one lender, the service groups them on Python
    # ints; the groups must be the arrays' (a stable sort by borrower, each borrower's
    # first place, the pairs, households before institutions)
    rng = np.random.default_rng(seed)
    books = [Ledger(6, ("collective:0", "collective:1", "bank"), 12) for _ in range(2)]
    loans = [LoanBook(book) for book in books]
    loans[1]._few = 0  # the arrays' grouping
    bank = books[0].account("bank")
    borrowers = rng.choice([0, 1, 3, 5, 6, 7], size=int(rng.integers(1, 13)))
    for book_loans in loans:
        for b in borrowers.tolist():
            book_loans.lend(bank, b, 100.0, rate=0.05, months=6)
    live = np.flatnonzero(loans[0].active)
    few, many = (book_loans._groups_of(live) for book_loans in loans)
    assert few.lists is not None
    assert many.lists is None
    for name in ("order", "sorted_borrower", "start", "inverse2", "borrowers"):
        np.testing.assert_array_equal(getattr(few, name), getattr(many, name), err_msg=name)
    assert few.runs == many.runs
    assert few.key == many.key
    assert few.lists[0] == many.order.tolist()
    assert few.lists[3] == borrowers.tolist()


def test_a_book_with_no_live_loan_deflates_the_lines_only_until_a_loan_is_made():
    # once every loan has ended, month_end deflates the households' lines only (as a book
    # that never lent does) until a loan is made: the same lines, deflation, balances and
    # loans, bit for bit, as month_end passing over the live loans found each month
    books = [Ledger(3, ("collective:0", "bank"), 24) for _ in range(2)]
    loans = [LoanBook(book) for book in books]
    bank, coll = books[0].account("bank"), books[0].account("collective:0")
    for book, book_loans in zip(books, loans, strict=True):
        book.pay(bank, coll, 1e4, Source.SALES)
        book_loans.lend(bank, coll, 1_000.0, rate=0.06, months=2)
        book_loans.household_lines[[0, 2]] = [500.0, 1e-12]
    idle = 0
    for month in range(9):
        if month == 5:  # a new loan, in both books
            for book_loans in loans:
                book_loans.lend(bank, coll, 300.0, rate=0.06, months=2)
        loans[1]._idle = -1  # the second book: no shortcut
        for book, book_loans in zip(books, loans, strict=True):
            book_loans.month_end(0.003)
            book.close_month()
        idle += loans[0]._idle == loans[0].version
        for name in ("household_lines", "principal", "active", "left"):
            assert np.array_equal(getattr(loans[0], name), getattr(loans[1], name)), name
        assert loans[0].deflated == loans[1].deflated
        assert np.array_equal(books[0].balance, books[1].balance)
    assert idle == 5  # months 2-4 and 7-8: nothing live
    keep = 1.0 / 1.003
    assert loans[0].household_lines[0] == pytest.approx(500.0 * keep**9, rel=1e-12)
