"""The ledger: conserved transfers and reduced recording."""

import copy
import pickle

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from collective_econ.economy.ledger import INCOME_MONTHS, INCOME_SOURCES, Ledger, Source
from collective_econ.errors import ParameterError, ShapeError

INST = ("collective:0", "developer", "government", "bank", "market")


@st.composite
def transfers(draw):
    h = draw(st.integers(1, 12))
    ops = draw(
        st.lists(
            st.tuples(
                st.sampled_from(["pay", "pay_households", "collect", "close"]),
                st.integers(0, len(INST) - 1),
                st.integers(0, len(INST) - 1),
                st.lists(st.floats(0, 1e7, allow_nan=False), min_size=h, max_size=h),
                st.sampled_from(list(Source)),
            ),
            max_size=40,
        )
    )
    return h, ops


@given(transfers())
def test_money_is_conserved_and_recorded(case):
    h, ops = case
    book = Ledger(h, INST, months=36)
    received = np.zeros(h)
    for kind, a, b, amounts, src in ops:
        payer, payee = h + a, h + b
        if kind == "pay":
            book.pay(payer, payee, amounts[0], src)
        elif kind == "pay_households":
            book.pay_households(payer, np.arange(h), np.asarray(amounts), src)
            received += amounts
        elif kind == "collect":
            book.collect(payee, np.arange(h), np.asarray(amounts), src)
            received -= amounts
        else:
            book.close_month()
        scale = 1.0 + np.abs(book.balance).sum()
        assert abs(book.total()) <= 1e-12 * scale
    # households' balances are exactly what they were paid, and the per-year
    # records add up to the same
    assert np.allclose(book.balance[:h], received, rtol=1e-12, atol=1e-6)
    assert np.allclose(book.household_flows.sum(axis=(0, 1)), received, rtol=1e-12, atol=1e-6)
    # every institution's recorded flows add up to its balance
    assert np.allclose(book.institution_flows.sum(axis=(0, 1)), book.balance[h:], atol=1e-6)


def test_income_sources_are_the_first_twelve():
    assert [s.name for s in INCOME_SOURCES][:3] == ["FARMING", "WAGE", "DIVIDEND"]
    assert Source.COMPENSATION not in INCOME_SOURCES
    assert Source.DIBAO in INCOME_SOURCES


def test_month_income_counts_income_sources_only():
    book = Ledger(2, INST, months=12)
    dev = book.account("developer")
    book.pay_households(dev, np.array([0, 1]), 100.0, Source.COMPENSATION)
    book.pay_households(dev, np.array([0]), np.array([7.0]), Source.DIVIDEND)
    assert book.month_income.tolist() == [7.0, 0.0]
    book.close_month()
    assert book.month_income.tolist() == [0.0, 0.0]
    assert book.month == 1


def test_income_ago_keeps_each_months_income_as_it_closed():
    # month m's income (income sources only) is income_ago(k) k months later, for k up to
    # INCOME_MONTHS; months before the first read as 0; the rows are read-only
    book = Ledger(2, INST, months=40)
    market = book.account("market")
    for m in range(30):
        if m >= 1:
            for k in range(1, min(m, INCOME_MONTHS) + 1):
                assert book.income_ago(k).tolist() == [float(m - k), 2.0 * (m - k)]
            for k in range(m + 1, INCOME_MONTHS + 1):
                assert book.income_ago(k).tolist() == [0.0, 0.0]
        assert book.month_income.tolist() == [0.0, 0.0]
        book.pay_households(market, np.array([0, 1]), np.array([m, 2.0 * m]), Source.WAGE)
        book.pay_households(market, np.array([0]), 5.0, Source.COMPENSATION)  # not income
        book.close_month()
    with pytest.raises(ValueError, match="read-only"):
        book.income_ago(1)[0] = 1.0
    for k in (0, INCOME_MONTHS + 1):
        with pytest.raises(ParameterError):
            book.income_ago(k)


def test_income_left_out_of_month_income_is_booked_as_income():
    # settle_summed(income=False): the same balances and flows, month_income untouched
    books = [Ledger(3, INST, months=12) for _ in range(2)]
    amounts = np.array([1.5, -2.0, 0.25])
    for book, income in zip(books, (True, False), strict=True):
        bank = book.account("bank")
        book.settle_summed(bank, None, amounts, float(amounts.sum()), Source.INTEREST,
                           income=income)  # fmt: skip
    assert books[0].month_income.tolist() == amounts.tolist()
    assert not books[1].month_income.any()
    for name in ("balance", "household_flows", "institution_flows"):
        assert np.array_equal(getattr(books[0], name), getattr(books[1], name))


def test_flows_are_booked_in_the_current_year():
    book = Ledger(1, INST, months=24)
    for _ in range(12):
        book.close_month()
    book.pay_households(book.account("market"), slice(None), 5.0, Source.WAGE)
    assert book.household_flows[1, Source.WAGE, 0] == 5.0
    assert book.household_flows[0].sum() == 0.0


def test_every_way_of_posting_books_in_the_current_year_past_the_last():
    # the ledger keeps this year's flow rows as views, moved on when the year changes:
    # each way of posting must land in the year of the month (the last year after the
    # horizon), households' and institutions' alike
    h = 300  # (settle adds with np.add.at from 256 households)
    book = Ledger(h, INST, months=30)
    market, bank = book.account("market"), book.account("bank")
    every, some, one = np.arange(h), np.array([3, 7]), np.array([5])
    for month in range(40):
        year = min(month // 12, 2)
        before = book.household_flows.copy(), book.institution_flows.copy()
        book.settle(market, every, np.full(h, 1.0), Source.WAGE)
        book.settle(market, some, np.array([1.0, 2.0]), Source.WAGE)
        book.settle(market, one, np.array([4.0]), Source.WAGE)
        book.settle(market, slice(None), 1.0, Source.WAGE)
        book.settle_summed(market, None, np.full(h, 1.0), float(h), Source.WAGE)
        book.settle_summed(market, some, np.array([1.0, 1.0]), 2.0, Source.WAGE)
        book.pay_households_many(np.array([market]), one, np.array([1.0]), Source.WAGE)
        book.post(book.postings().settle(market, some, np.array([1.0, 1.0]), Source.WAGE))
        book.pay(bank, market, 3.0, Source.SALES)
        moved = book.household_flows - before[0]
        assert moved[year, Source.WAGE].sum() == 3 * h + 3.0 + 4.0 + 2.0 + 1.0 + 2.0
        assert np.count_nonzero(np.delete(moved, year, axis=0)) == 0
        inst = book.institution_flows - before[1]
        assert np.count_nonzero(np.delete(inst, year, axis=0)) == 0
        assert inst[year, Source.SALES, market - h] == 3.0
        assert book.total() == 0.0
        book.close_month()


def test_a_ledger_copied_or_unpickled_posts_into_its_own_arrays():
    # the ledger posts through views of its arrays: a copy must post into its own
    book = Ledger(3, INST, months=24)
    for _ in range(13):
        book.close_month()
    market = book.account("market")
    for other in (pickle.loads(pickle.dumps(book)), copy.deepcopy(book)):
        other.settle_summed(market, None, np.array([1.0, 2.0, 3.0]), 6.0, Source.WAGE)
        other.settle(market, np.array([1]), np.array([4.0]), Source.CONSUMPTION)
        assert other.household_flows[1, Source.WAGE].tolist() == [1.0, 2.0, 3.0]
        assert other.household_flows[1, Source.CONSUMPTION].tolist() == [0.0, 4.0, 0.0]
        assert other.balance[:3].tolist() == [1.0, 6.0, 3.0]
        assert other.institution_flows[1, Source.WAGE, market - 3] == -6.0
        assert other.total() == 0.0
        assert other.month_income.tolist() == [1.0, 2.0, 3.0]  # a row of its own incomes
        other.close_month()
        assert other.income_ago(1).tolist() == [1.0, 2.0, 3.0]
    assert book.total() == 0.0  # the original untouched
    assert not book.household_flows.any()


def test_bad_transfers_rejected():
    book = Ledger(2, INST, months=12)
    with pytest.raises(ParameterError, match="amounts must be >= 0"):
        book.pay_households(
            book.account("bank"), np.array([0, 1]), np.array([1.0, -1.0]), Source.WAGE
        )
    with pytest.raises(ShapeError, match=r"amounts must be a scalar or have shape \(2,\)"):
        book.collect(book.account("bank"), np.array([0, 1]), np.ones(3), Source.LOAN)
    with pytest.raises(ParameterError, match="amount must be >= 0"):
        book.pay(book.account("bank"), book.account("market"), float("nan"), Source.SALES)
    with pytest.raises(ParameterError, match="account must be one of"):
        book.account("brewry")


@given(
    st.lists(st.tuples(st.integers(0, 2), st.integers(0, 5), st.floats(0, 1e6)), max_size=15),
    st.integers(0, 10),
)
def test_pay_households_many_posts_as_one_payment_per_payer(rows, month):
    # several institutions paying households in one posting must leave every balance,
    # flow and month's income exactly as one pay_households per payer, in order, does
    # (a household paid by two payers included)
    inst = ("a", "b", "c")
    rows = sorted({(p, h): a for p, h, a in rows}.items())  # a payer's households distinct
    books = [Ledger(6, inst, 24) for _ in range(2)]
    for book in books:
        for _ in range(month):
            book.close_month()
    payers = np.array([6 + p for (p, _), _ in rows], dtype=np.intp)
    homes = np.array([h for (_, h), _ in rows], dtype=np.intp)
    amounts = np.array([a for _, a in rows])
    books[0].pay_households_many(payers, homes, amounts, Source.WAGE)
    for p in sorted(set(payers.tolist())):
        mine = payers == p
        books[1].pay_households(p, homes[mine], amounts[mine], Source.WAGE)
    for name in ("balance", "household_flows", "institution_flows", "month_income"):
        assert np.array_equal(getattr(books[0], name), getattr(books[1], name)), name
    assert abs(books[0].total()) <= 1e-9 * max(1.0, float(amounts.sum()))


def test_pay_households_many_refuses_bad_rows():
    book = Ledger(3, ("a", "b"), 12)
    a = book.account("a")
    with pytest.raises(ParameterError):
        book.pay_households_many(np.array([a]), np.array([0]), np.array([-1.0]), Source.WAGE)
    with pytest.raises(ParameterError):  # a household cannot pay households
        book.pay_households_many(np.array([1]), np.array([0]), np.array([1.0]), Source.WAGE)
    with pytest.raises(ShapeError):
        book.pay_households_many(np.array([a, a]), np.array([0]), np.array([1.0]), Source.WAGE)
    assert book.total() == 0.0
    assert not book.balance.any()


@pytest.mark.parametrize("n", [1, 3, 300])
@pytest.mark.parametrize("source", [Source.WAGE, Source.CONSUMPTION])
def test_settle_posts_alike_whatever_the_number_of_households(n, source):
    # settle takes shortcuts (scalars for one household, np.add.at for many): each must
    # post exactly what the general path (a slice of the households) posts
    rng = np.random.default_rng(n)
    books = [Ledger(400, ("a", "b"), 24) for _ in range(2)]
    amounts = rng.normal(0.0, 1e3, n)
    for book, homes in zip(books, (np.arange(50, 50 + n), slice(50, 50 + n)), strict=True):
        a = book.account("a")
        book.pay_households(a, np.arange(400), 10.0, Source.WAGE)
        book.settle(a, homes, amounts, source)
        book.settle(book.account("b"), homes, 2.5, source)
    for name in ("balance", "household_flows", "institution_flows", "month_income"):
        assert np.array_equal(getattr(books[0], name), getattr(books[1], name)), name
    book = books[0]
    with pytest.raises(ParameterError):  # one household: the same checks
        book.settle(book.account("a"), np.array([3]), np.array([np.nan]), source)
    with pytest.raises(ParameterError):
        book.settle(2, np.array([3]), 1.0, source)
    with pytest.raises(ParameterError):
        book.pay_households(book.account("a"), np.array([3]), -1.0, source)
    with pytest.raises(ShapeError):
        book.settle(book.account("a"), np.array([3]), np.array([1.0, 2.0]), source)


_POSTINGS = st.lists(
    st.one_of(
        st.tuples(st.just("pay"), st.integers(0, 2), st.integers(0, 2), st.floats(0, 1e6),
                  st.sampled_from(list(Source))),
        st.tuples(st.sampled_from(["settle", "pay_households", "collect"]), st.integers(0, 2),
                  st.sets(st.integers(0, 5), max_size=6), st.floats(-1e5, 1e6),
                  st.sampled_from(list(Source))),
    ),
    max_size=8,
)  # fmt: skip


@given(_POSTINGS, st.integers(0, 14))
def test_postings_post_as_the_transfers_one_by_one(ops, month):
    # Ledger.post (issue 15) must leave every balance, flow and month's income bit for
    # bit as the transfers made one by one in the order gathered, posted again too
    inst = ("a", "b", "c")
    books = [Ledger(6, inst, 36) for _ in range(2)]
    for book in books:
        for _ in range(month):
            book.close_month()
    one, batch = books
    post = batch.postings()
    for kind, p, arg, x, source in ops:
        account = 6 + p
        if kind == "pay":
            one.pay(account, 6 + arg, x, source)
            post.pay(account, 6 + arg, x, source)
            continue
        homes = np.array(sorted(arg), dtype=np.intp)
        amounts = x * np.linspace(1.0, 0.1, homes.size) if homes.size else np.zeros(0)
        if kind != "settle":
            amounts = np.abs(amounts)
        getattr(one, kind)(account, homes, amounts, source)
        getattr(post, kind)(account, homes, amounts, source)
    batch.post(post)
    for name in ("balance", "household_flows", "institution_flows", "month_income"):
        assert np.array_equal(getattr(one, name), getattr(batch, name)), name
    with pytest.raises(ParameterError):  # nothing may be gathered once posted
        post.pay(6, 7, 1.0, Source.SALES)


def test_postings_posted_again_repeat_the_transfers():
    # a plan kept from month to month (enterprise's profits and tax) posts the same
    # transfers again, in the month's year
    books = [Ledger(4, ("m", "g"), 36) for _ in range(2)]
    homes, profit = np.array([0, 3]), np.array([120.5, 33.25])
    one, batch = books
    m, g = one.account("m"), one.account("g")
    post = batch.postings().pay_households(m, homes, profit, Source.BUSINESS)
    post.collect(g, homes, 0.1 * profit, Source.TAX).pay(g, m, 7.0, Source.OPERATIONS)
    for _ in range(24):
        one.pay_households(m, homes, profit, Source.BUSINESS)
        one.collect(g, homes, 0.1 * profit, Source.TAX)
        one.pay(g, m, 7.0, Source.OPERATIONS)
        batch.post(post)
        for name in ("balance", "household_flows", "institution_flows", "month_income"):
            assert np.array_equal(getattr(one, name), getattr(batch, name)), name
        for book in books:
            book.close_month()
    assert batch.household_flows[1, Source.BUSINESS, 3] == 12 * 33.25


@pytest.mark.parametrize("homes", [slice(1, 4), slice(None), slice(2, 3)])
def test_postings_of_a_slice_post_as_its_households_one_by_one(homes):
    # a range of households (the rent of every delivered flat, say) posted as a slice
    books = [Ledger(5, ("m", "g"), 24) for _ in range(2)]
    one, batch = books
    m, g = one.account("m"), one.account("g")
    which = np.arange(5)[homes]
    rent = np.random.default_rng(3).random(which.size) * 1e3
    post = batch.postings().pay_households(m, homes, rent, Source.RENT)
    post.collect(g, homes, 0.1 * rent, Source.TAX)
    for _ in range(14):
        one.pay_households(m, which, rent, Source.RENT)
        one.collect(g, which, 0.1 * rent, Source.TAX)
        batch.post(post)
        for name in ("balance", "household_flows", "institution_flows", "month_income"):
            assert np.array_equal(getattr(one, name), getattr(batch, name)), name
        for book in books:
            book.close_month()
    with pytest.raises(ShapeError):
        batch.postings().settle(m, slice(0, 2), np.ones(3), Source.RENT)


def test_postings_check_as_the_ledger_does():
    book = Ledger(3, ("a", "b"), 12)
    a = book.account("a")
    post = book.postings()
    with pytest.raises(ParameterError):
        post.pay_households(a, np.array([0]), np.array([-1.0]), Source.WAGE)
    with pytest.raises(ParameterError):
        post.pay(a, a + 1, float("nan"), Source.SALES)
    with pytest.raises(ParameterError):  # a household cannot settle with households
        post.settle(1, np.array([0]), np.array([1.0]), Source.WAGE)
    with pytest.raises(ParameterError):
        post.settle(a, np.array([0, 1]), np.array([1.0, np.inf]), Source.WAGE)
    with pytest.raises(ShapeError):
        post.settle(a, np.array([0, 1]), np.array([1.0]), Source.WAGE)
    with pytest.raises(ParameterError):  # postings of another ledger
        Ledger(3, ("a", "b"), 12).post(post)
    book.post(post)  # nothing gathered: nothing moves
    assert not book.balance.any()


@given(
    st.lists(st.floats(-1e9, 1e9, allow_nan=False), min_size=1, max_size=40),
    st.sampled_from(list(Source)),
    st.booleans(),
)
def test_collect_summed_posts_as_settle_summed_of_the_negated_amounts(amounts, source, some):
    # what the households' economy collects (spending, loan repayments) is posted
    # without a negated array: every balance and flow the same, bit for bit
    h = len(amounts)
    amt = np.array(amounts)
    homes = np.arange(0, h, 2) if some else None
    if homes is not None:
        amt = amt[homes]
    books = [Ledger(h, INST, months=12) for _ in range(2)]
    for book in books:  # the same earlier postings, so that balances are not all zero
        book.settle(book.account("bank"), np.arange(h), np.linspace(1.0, 7.0, h), Source.WAGE)
    bank = books[0].account("bank")
    books[0].collect_summed(bank, homes, amt, float(amt.sum()), source)
    books[1].settle_summed(bank, homes, -amt, float((-amt).sum()), source)
    for name in ("balance", "household_flows", "institution_flows", "month_income"):
        assert np.array_equal(getattr(books[0], name), getattr(books[1], name)), name


@pytest.mark.parametrize("n", [3, 255, 256, 700])
@pytest.mark.parametrize("source", [Source.REMITTANCE, Source.LOAN])
def test_summed_postings_post_alike_whatever_the_number_of_households(n, source):
    # settle_summed and collect_summed of many households (from _ADD_AT: the month's
    # remittances) add with np.add.at / np.subtract.at: the same bits as settle() of
    # the same amounts (a slice: the general path), month's income included
    rng = np.random.default_rng(n)
    homes = np.sort(rng.choice(900, n, replace=False))
    amounts = rng.normal(0.0, 1e3, n) * 10.0 ** rng.uniform(-3, 3, n)
    books = [Ledger(900, ("a", "b"), 24) for _ in range(3)]
    for book in books:  # earlier postings, so that the additions round
        book.pay_households(book.account("b"), np.arange(900), np.linspace(0.1, 7e3, 900),
                            Source.WAGE)  # fmt: skip
    a = books[0].account("a")
    books[0].settle_summed(a, homes, amounts, float(amounts.sum()), source)
    books[1].collect_summed(a, homes, -amounts, float((-amounts).sum()), source)
    full = np.zeros(900)
    full[homes] = amounts  # (x + 0.0 is x: the others' sums stay as they are)
    books[2].settle(a, slice(0, 900), full, source)
    books[2].balance[a] = books[0].balance[a]  # (its total: 0.0s added, another pairing)
    books[2].institution_flows[:] = books[0].institution_flows
    for book in books[:2]:
        for name in ("balance", "household_flows", "institution_flows", "month_income"):
            assert np.array_equal(getattr(book, name), getattr(books[2], name)), name
    if source < Source.COMPENSATION:
        assert books[0].month_income.any()


def test_settle_one_posts_as_settle_of_one_household():
    # Ledger.settle_one (a loan's payment, either way) on Python floats: the same
    # postings as settle() of a one-household array, and refused alike
    books = [Ledger(3, INST, 24) for _ in range(2)]
    bank = books[0].account("bank")
    for amount, source in [(12.5, Source.INTEREST), (-3.25, Source.LOAN), (0.1, Source.WAGE)]:
        books[0].settle_one(bank, 2, amount, source)
        books[1].settle(bank, np.array([2]), np.array([amount]), source)
    for name in ("balance", "household_flows", "institution_flows", "month_income"):
        assert np.array_equal(getattr(books[0], name), getattr(books[1], name)), name
    with pytest.raises(ParameterError, match="institution"):
        books[0].settle_one(1, 2, 1.0, Source.WAGE)
    with pytest.raises(ParameterError, match="finite"):
        books[0].settle_one(bank, 2, float("nan"), Source.WAGE)


def test_pay_refuses_a_household_before_moving_money():
    book = Ledger(2, INST, 12)
    with pytest.raises(ParameterError, match="institution"):
        book.pay(book.account("bank"), 1, 5.0, Source.SALES)
    assert not book.balance.any()
    assert not book.institution_flows.any()
