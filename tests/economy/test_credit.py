"""Loans: a lender, interest and a repayment path for every borrowed yuan; nobody overdraws."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
