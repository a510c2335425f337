"""What the loan book and a collective project keep between questions equals a fresh answer.

``LoanBook.due_of`` keeps each borrower's sum of payments and the sum of all but its
last loan, so that a drawdown on the last loan adds the new payment to it;
``_CollectiveBooks.owed`` drops its loans no longer active only when the book's
``version`` has changed. A wrong kept value would pass silently into the runs.
"""

import numpy as np
import simpy
from hypothesis import given, settings
from hypothesis import strategies as st

from collective_econ.economy.collective import ProjectFinance, _CollectiveBooks
from collective_econ.economy.community import from_table
from collective_econ.economy.credit import LoanBook
from collective_econ.economy.ledger import Ledger, Source
from collective_econ.economy.world import World, institutions


def _in_order(loans, borrower):
    """``due_of`` worked out anew: the borrower's kept payments summed one after another."""
    due = loans.due()[loans.borrower == borrower].tolist()
    total = due[0] if due else 0.0
    for value in due[1:]:
        total += value
    return total


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(
                ["lend", "draw_last", "draw_first", "service", "ask", "many", "deflate"]
            ),
            st.integers(0, 1),
            st.floats(100.0, 5e4),
        ),
        max_size=30,
    )
)
def test_sums_kept_by_borrower_equal_sums_worked_out_anew_after_drawdowns(ops):
    book = Ledger(3, ("collective:0", "collective:1", "bank"), 120)
    loans = LoanBook(book)
    bank = book.account("bank")
    keepers = (book.account("collective:0"), book.account("collective:1"))
    book.pay(bank, keepers[0], 2e4, Source.SALES)
    for op, who, amount in ops:
        b = keepers[who]
        mine = np.flatnonzero(loans.active & (loans.borrower == b)) if loans.active.size else []
        if loans.in_default(b):
            pass
        elif op == "lend":
            loans.lend(bank, b, amount, rate=0.06, months=12 + 24 * who, grace_months=who)
        elif op == "draw_last" and len(mine):
            loans.draw(int(mine[-1]), amount)  # its last loan: the kept head plus the new
        elif op == "draw_first" and len(mine):
            loans.draw(int(mine[0]), amount)  # another: worked out anew
        elif op == "service":
            loans.service()
            book.close_month()
        elif op == "ask":
            loans.due_of(b)
        elif op == "many":
            loans.lend_many(bank, np.array([0, 2, 0]), np.full(3, amount), rate=0.05,
                            months=6)  # fmt: skip
        elif op == "deflate":
            loans.deflate(0.003)
        for a in keepers:  # bit for bit (==), asked in either order
            assert loans.due_of(a) == _in_order(loans, a)


def test_a_drawdown_on_the_last_loan_changes_the_kept_sum_as_anew():
    # two loans of one borrower asked about, then drawdowns on the last: the kept sum is
    # the first's payment plus the last's new one (a sum left as before would be caught)
    book = Ledger(0, ("collective:0", "bank"), 24)
    loans = LoanBook(book)
    coll, bank = book.account("collective:0"), book.account("bank")
    loans.lend(bank, coll, 1000.0, rate=0.06, months=12)
    last = loans.lend(bank, coll, 3000.0, rate=0.06, months=24)
    loans.service()
    before = loans.due_of(coll)
    for amount in (500.0, 0.1, 7e4):
        loans.draw(last, amount)
        assert loans.due_of(coll) == _in_order(loans, coll)
    assert loans.due_of(coll) > before
    only = Ledger(0, ("collective:0", "bank"), 24)  # one loan: its payment alone
    single = LoanBook(only)
    k = single.lend(only.account("bank"), only.account("collective:0"), 900.0, rate=0.0,
                    months=9)  # fmt: skip
    single.due_of(only.account("collective:0"))
    single.draw(k, 900.0)
    assert single.due_of(only.account("collective:0")) == 200.0


def test_the_version_changes_when_a_loan_is_made_ends_defaults_or_is_changed():
    book = Ledger(0, ("collective:0", "collective:1", "bank"), 24)
    loans = LoanBook(book)
    rich, poor, bank = (book.account(n) for n in ("collective:0", "collective:1", "bank"))
    book.pay(bank, rich, 1e4, Source.SALES)
    seen = [loans.version]

    def changes():
        seen.append(loans.version)
        return seen[-1] != seen[-2]

    loans.lend(bank, rich, 100.0, rate=0.0, months=1)
    assert changes()
    loans.lend(bank, poor, 100.0, rate=0.0, months=12)
    assert changes()
    book.pay(poor, bank, 100.0, Source.SALES)  # nothing left to pay with
    loans.service()  # the rich one's loan ends
    assert changes()
    assert loans.active.tolist() == [False, True]
    loans.service()  # the poor one's in arrears: still active, no change
    assert not changes()
    for _ in range(5):  # in default after 6 months in arrears: it leaves the active ones
        loans.service()
    assert loans.in_default(poor)
    assert not loans.active.any()
    assert changes()
    loans.changed()
    assert changes()


def test_what_a_project_owes_drops_its_loans_once_they_end():
    # a project that borrows 12-month loans: after each month's service, the loans kept
    # as live are exactly its active ones, and what it owes is their principal
    c = from_table(
        {"group": [0, 0], "size": [1, 1], "land_mu": [1.0, 1.0], "expropriation_month": [0, 0]},
        np.random.default_rng(1),
        persons={"household": [0, 1], "age": [30, 45]},
    )
    world = World(simpy.Environment(), c, Ledger(2, institutions(1), 40), 40)
    books = _CollectiveBooks(world)
    books.finance = ProjectFinance(rate=0.06, years=1, grace_years=0, limit=1e9)
    loans, book = world.loans, world.ledger
    for month in range(30):
        if month < 8:
            assert books.afford(1000.0 * (month + 1)) == 1.0
            book.pay(books.keeper, world.account("market"), 1000.0 * (month + 1),
                     Source.SALES)  # fmt: skip
        book.pay(world.account("market"), books.keeper, 3000.0, Source.SALES)  # income
        owed = books.owed()
        mine = np.array(books.loan_ids, dtype=np.intp)
        active = mine[loans.active[mine]]
        assert books._live.tolist() == active.tolist()
        assert owed == float(sum(loans.principal[active].tolist()))
        loans.month_end(0.0)
    assert books.owed() == 0.0
    assert books._live.size == 0
    assert len(books.loan_ids) >= 2
