"""Loans: every borrowed yuan has a lender, an interest rate and a repayment path.

A :class:`LoanBook` holds the loans of one run (a collective's bank loan for the
tea garden, the hotel company's mortgage, a hog farm's working-capital loan). A
loan moves its principal from the lender to the borrower through the ledger when
it is made (``Source.LOAN``); each month :meth:`LoanBook.service` charges the
month's interest (``Source.INTEREST``) and the scheduled principal (``Source.LOAN``)
from the borrower to the lender: interest only during a grace period, then level
(annuity) payments until the term ends. A loan may be a credit facility: each
drawdown (:meth:`LoanBook.draw`) adds to its principal, and its level payment is
the annuity of what is owed over the months left. The engine calls :meth:`LoanBook.month_end`
each month: the month's inflation (:meth:`LoanBook.deflate`), then the service.

A borrower pays only from the cash it has: it never overdraws. What it cannot pay
stays owed (arrears), and interest runs on it. A loan whose borrower has been in
arrears ``default_after`` months in a row is in default: the lender writes off what
is owed and the borrower can borrow no more from the book. A loan may have a
guarantor (the county backing a collective's bank loan): on default the guarantor
pays the lender ``guarantee_share`` of what is owed (``Source.GUARANTEE``,
:attr:`LoanBook.guarantees_paid`), and the lender writes off the rest
(:attr:`LoanBook.written_off`: no cash moves, the claim is lost).

Examples
--------
A collective borrows 100,000 yuan from the bank for five years at 6%, with one
year of interest only, and services the loan for a year:

>>> from collective_econ.economy.ledger import Ledger, Source
>>> book = Ledger(households=0, institutions=("collective:0", "bank"), months=24)
>>> loans = LoanBook(book)
>>> coll, bank = book.account("collective:0"), book.account("bank")
>>> loan = loans.lend(bank, coll, 100_000.0, rate=0.06, months=60, grace_months=12)
>>> for month in range(12):
...     loans.service()
...     book.close_month()
>>> round(float(book.balance[coll]))  # 12 months of interest at 0.5% a month paid
94000
>>> round(loans.outstanding(coll)), loans.in_default(coll)
(100000, False)
>>> loans.service()  # the first level payment: 100,000 over 48 months at 0.5%
>>> round(float(book.balance[coll])), round(loans.outstanding(coll))
(91651, 98151)

A second collective with no cash borrows 10,000 yuan, 80% of it guaranteed by the
county; it pays nothing, and after six months in arrears the loan is in default:
the county pays the bank 80% of what is owed, and the bank writes off the rest.

>>> book = Ledger(households=0, institutions=("collective:1", "government", "bank"),
...               months=12)
>>> loans = LoanBook(book)
>>> coll, gov, bank = (book.account(n) for n in ("collective:1", "government", "bank"))
>>> k = loans.lend(bank, coll, 10_000.0, rate=0.06, months=12, guarantor=gov,
...                guarantee_share=0.8)
>>> book.pay(coll, bank, 10_000.0, Source.INVESTMENT)  # spent at once: nothing to pay with
>>> for month in range(6):
...     loans.service()
...     book.close_month()
>>> loans.in_default(coll), round(loans.guarantees_paid), round(loans.written_off)
(True, 8243, 2061)
>>> round(float(book.balance[gov])), float(book.total())
(-8243, 0.0)
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from ..errors import ParameterError
from ._loan_math import _payment, _payments
from ._loan_service import _FEW, _Groups, _Service
from .ledger import Ledger, Source

__all__ = ["LoanBook"]

Floats = NDArray[np.float64]


class LoanBook(_Service):
    """The loans of one run, serviced each month through the ledger.

    Parameters
    ----------
    ledger : Ledger
        The run's accounts; lenders and borrowers are its account indices
        (households or institutions).
    default_after : int, default 6
        Consecutive months in arrears after which a loan is in default and is
        written off (estimate: Chinese banks classify a loan 90-180 days overdue
        as non-performing).
    """

    def __init__(self, ledger: Ledger, default_after: int = 6) -> None:
        if isinstance(default_after, bool) or not isinstance(default_after, int):
            raise ParameterError("default_after", "a whole number", default_after, "LoanBook")
        if default_after < 1:
            raise ParameterError("default_after", ">= 1", default_after, "LoanBook")
        self.ledger = ledger
        self.default_after = default_after
        self._count = self._capacity = 0
        self._lender = np.zeros(0, dtype=np.intp)
        self._borrower = np.zeros(0, dtype=np.intp)
        self._principal = np.zeros(0)
        self._rate = np.zeros(0)
        self._grace = np.zeros(0, dtype=np.int64)
        self._left = np.zeros(0, dtype=np.int64)
        self._arrears = np.zeros(0, dtype=np.int64)
        self._active = np.zeros(0, dtype=bool)
        self._guarantor = np.zeros(0, dtype=np.intp)
        self._guarantee = np.zeros(0)
        self._table = np.zeros(0)
        self._factor_list: list[float] = []  # `_table` as a list (for a few loans)
        """Annuity factors (:func:`_annuity`), a run of them per rate: loan ``k``'s at ``m``
        months left is ``_table[_at[k] + m]``, for ``m`` from 1 to its months left when
        it was made (or its rate changed); months left only fall."""
        self._at = np.zeros(0, dtype=np.intp)  # each loan's run of factors, less 1
        self._table_rate = np.zeros(0)  # the rate of each loan's run of factors
        self._runs: dict[float, tuple[int, int]] = {}  # rate: its run's start and length
        self._rates_checked = True  # False: a rate may have changed in place (changed())
        self.written_off = 0.0
        """Principal and interest written off on defaulted loans, yuan: the lenders' loss
        (what guarantors paid is not in it)."""
        self.guarantees_paid = 0.0
        """What guarantors paid lenders on defaulted loans, yuan."""
        self.interest_paid = 0.0
        """Interest paid to lenders so far, yuan."""
        self.deflated = 0.0
        """Real value that inflation has taken from what is owed so far, yuan: the
        borrowers' gain and the lenders' loss (:meth:`deflate`; no cash moves)."""
        self._defaulted = np.zeros(ledger.households + len(ledger.institutions), dtype=bool)
        self.household_lines = np.zeros(ledger.households)
        """What each household owes on its credit line at the bank, yuan (the households'
        process keeps it; the bank is the lender)."""
        self._due: Floats | None = None
        self._due_by: dict[int, float] = {}  # due_of's sums, for the payments kept in `_due`
        self._heads: dict[int, tuple[int, float | None]] = {}  # (see _heads_now)
        self._heads_of: dict[int, float] | None = None  # the `_due_by` they go with
        self._loans_of: dict[int, NDArray[np.intp]] = {}
        """For each borrower due_of() was asked about: its loans (ascending), among them
        every one whose payment kept in `_due` may be non-zero (those active when `_due`
        was worked out, and those made since), so that due_of() sums them without a
        pass over every loan (the others add 0: the sum is the same)."""
        self._version = 0  # bumped when a loan is made or leaves the active ones
        self._stale = False  # a loan changed outside the book since `_due` was worked out
        self._unread = False  # `_due` worked out ahead by the service, not yet read
        self._order: _Groups | None = None  # the live loans grouped, for service
        self._order_version = -1  # the version `_order` was last found for
        self._idle = -1  # the version at a month's end with no live loan (-1: none yet)
        self._grace_months = 0
        """Grace months left on the live loan with the most (0: no loan is in its grace)."""
        self._in_arrears = False
        """Whether a live loan may be in arrears (False: every live loan's count is 0)."""
        self._lenders: set[int] = set()
        """The lenders of every loan made (one, the bank, in the usual case)."""
        self._few = _FEW
        """Up to this many live loans, :meth:`_service` works on Python floats."""

    # -- making loans ---------------------------------------------------------------------
    def lend(
        self,
        lender: int,
        borrower: int,
        amount: float,
        *,
        rate: float,
        months: int,
        grace_months: int = 0,
        guarantor: int | None = None,
        guarantee_share: float = 0.0,
    ) -> int:
        """Lend ``amount`` yuan now; the principal moves through the ledger.

        Parameters
        ----------
        lender, borrower : int
            Ledger account indices (the bank, a collective, a household, ...).
        amount : float
            Principal, yuan (> 0).
        rate : float
            Annual interest rate, a fraction; charged monthly (``rate / 12``).
        months : int
            Term in months, grace included (>= 1).
        grace_months : int, default 0
            Months of interest only at the start (< ``months``).
        guarantor : int, optional
            The account that backs the loan (the county government); None: no one.
        guarantee_share : float, default 0
            Share (0-1) of what is owed at default that the guarantor pays the lender
            (``Source.GUARANTEE``); needs a ``guarantor`` when > 0.

        Returns
        -------
        int
            The loan's index in the book.
        """
        if not (amount > 0 and math.isfinite(amount)):
            raise ParameterError("amount", "> 0 and finite", amount, "LoanBook.lend")
        if not (0 <= rate < 1):
            raise ParameterError("rate", "within [0, 1)", rate, "LoanBook.lend")
        if months < 1 or not 0 <= grace_months < months:
            raise ParameterError(
                "grace_months", f"within [0, months) with months >= 1 ({months})",
                grace_months, "LoanBook.lend",
            )  # fmt: skip
        if not 0.0 <= guarantee_share <= 1.0:
            raise ParameterError(
                "guarantee_share", "within [0, 1]", guarantee_share, "LoanBook.lend"
            )
        if guarantee_share > 0 and guarantor is None:
            raise ParameterError(
                "guarantor", "an account when guarantee_share > 0", guarantor, "LoanBook.lend"
            )
        if guarantor is not None and guarantor in (lender, borrower):
            raise ParameterError(
                "guarantor", "neither the lender nor the borrower", guarantor, "LoanBook.lend"
            )
        if self._defaulted.item(borrower):
            raise ParameterError(
                "borrower", "not in default on an earlier loan", borrower, "LoanBook.lend"
            )
        self._pay(lender, borrower, float(amount), Source.LOAN)
        k = self._count
        if k == self._capacity:  # grow the columns geometrically (amortised O(1) per loan)
            self._grow(max(256, 2 * self._capacity))
        self._count = k + 1
        self._lender[k], self._borrower[k], self._principal[k] = lender, borrower, float(amount)
        self._rate[k], self._grace[k], self._left[k] = float(rate), int(grace_months), int(months)
        self._arrears[k], self._active[k] = 0, True
        self._grace_months = max(self._grace_months, int(grace_months))
        self._lenders.add(int(lender))
        self._guarantor[k] = -1 if guarantor is None else int(guarantor)
        self._guarantee[k] = float(guarantee_share) if guarantor is not None else 0.0
        self._at[k], self._table_rate[k] = self._run_of(float(rate), int(months)), float(rate)
        if self._loans_of:
            b = int(borrower)
            mine = self._loans_of.get(b)
            if mine is not None:  # (np.append's result, without its wrapper)
                self._loans_of[b] = np.concatenate((mine, (k,)))
        if self._due is None or self._stale:  # else kept: the new loan's payment is worked
            self._due = None  # out with the others made since, at the next due()
        self._version += 1
        return k

    def lend_many(
        self,
        lender: int,
        borrowers: NDArray[np.intp],
        amounts: Floats,
        *,
        rate: float,
        months: int,
        grace_months: int = 0,
    ) -> NDArray[np.intp]:
        """:meth:`lend` to households ``borrowers`` (may repeat) ``amounts``, on one set of terms.

        The same loans, book and postings, bit for bit, as one :meth:`lend` per loan in
        the order given (no guarantor); their indices in the book are returned. Every
        loan is checked before any is made.
        """
        n, k = amounts.size, self._count
        if n == 0:
            return np.zeros(0, dtype=np.intp)
        if not (np.all(amounts > 0) and np.all(np.isfinite(amounts))):
            raise ParameterError("amounts", "> 0 and finite", amounts, "LoanBook.lend_many")
        if not (0 <= rate < 1) or months < 1 or not 0 <= grace_months < months:
            raise ParameterError("terms", "as lend()'s", (rate, months, grace_months), "lend_many")
        if borrowers.shape != (n,) or np.any(borrowers >= self.ledger.households):
            raise ParameterError("borrowers", "households, one per amount", borrowers, "lend_many")
        if np.any(self._defaulted[borrowers]):
            raise ParameterError("borrowers", "not in default", borrowers, "LoanBook.lend_many")
        self.ledger.settle_each(lender, borrowers, amounts, Source.LOAN)
        while k + n > self._capacity:  # as lend() grows them, loan by loan
            self._grow(max(256, 2 * self._capacity))
        new = slice(k, k + n)
        self._count = k + n
        self._lender[new], self._borrower[new], self._principal[new] = lender, borrowers, amounts
        self._rate[new], self._grace[new], self._left[new] = float(rate), grace_months, months
        self._arrears[new], self._active[new], self._guarantor[new] = 0, True, -1
        self._guarantee[new] = 0.0
        self._at[new], self._table_rate[new] = self._run_of(float(rate), months), float(rate)
        self._grace_months = max(self._grace_months, int(grace_months))
        self._lenders.add(int(lender))
        if self._loans_of:
            for j, b in enumerate(borrowers.tolist(), start=k):
                mine = self._loans_of.get(b)
                if mine is not None:
                    self._loans_of[b] = np.append(mine, j)
        if self._due is None or self._stale:  # (see lend())
            self._due = None
        self._version += n
        return np.arange(k, k + n, dtype=np.intp)

    def draw(self, loan: int, amount: float) -> None:
        """Draw ``amount`` more yuan on ``loan`` now: a credit facility's drawdown.

        The principal moves from the loan's lender to its borrower through the ledger
        (``Source.LOAN``) and adds to what is owed. The loan keeps its terms and its
        state: rate, months and grace months left (so a drawdown never restarts the
        interest-only months), arrears count and guarantee. Its level payment is the
        annuity of what is owed over the months left, worked out each month
        (:meth:`due`): the payments of separate loans, one per drawdown, all maturing
        with this one.

        Parameters
        ----------
        loan : int
            The loan's index in the book (:meth:`lend`); active, its borrower not in
            default.
        amount : float
            The drawdown, yuan (> 0).

        Examples
        --------
        >>> from collective_econ.economy.ledger import Ledger
        >>> book = Ledger(households=0, institutions=("collective:0", "bank"), months=2)
        >>> loans = LoanBook(book)
        >>> coll, bank = book.account("collective:0"), book.account("bank")
        >>> k = loans.lend(bank, coll, 1_000.0, rate=0.0, months=10)
        >>> loans.service()  # 100 repaid: 900 owed over 9 months
        >>> loans.draw(k, 900.0)
        >>> float(loans.principal[k]), float(loans.due()[k])  # 1,800 over 9 months
        (1800.0, 200.0)
        """
        k = int(loan)
        if not (0 <= k < self._count and self._active.item(k)):
            raise ParameterError("loan", "an active loan of the book", loan, "LoanBook.draw")
        if not (amount > 0 and math.isfinite(amount)):
            raise ParameterError("amount", "> 0 and finite", amount, "LoanBook.draw")
        borrower = self._borrower.item(k)
        if self._defaulted.item(borrower):
            raise ParameterError(
                "borrower", "not in default on an earlier loan", borrower, "LoanBook.draw"
            )
        self._pay(self._lender.item(k), borrower, float(amount), Source.LOAN)
        self._principal[k] = self._principal.item(k) + float(amount)  # (+=, on floats)
        due = self._due
        if due is not None and not self._stale and k < due.size:  # the kept payment, anew
            value = self._payment_of(k)  # (as due() would work it out)
            due[k] = value
            head = self._heads_now().pop(borrower, None)
            if head is not None and head[0] == k and borrower in self._due_by:
                # its last loan: the sum of the others, plus the new payment
                self._due_by[borrower] = value if head[1] is None else head[1] + value
                self._heads[borrower] = head
            else:  # due_of() sums the borrower's loans anew
                self._due_by.pop(borrower, None)

    def _grow(self, capacity: int) -> None:
        for name in ("_lender", "_borrower", "_principal", "_rate", "_grace", "_left",
                     "_arrears", "_active", "_guarantor", "_guarantee", "_at",
                     "_table_rate"):  # fmt: skip
            old = getattr(self, name)
            new = np.zeros(capacity, dtype=old.dtype)
            new[: old.size] = old
            setattr(self, name, new)
        self._capacity = capacity

    # -- the loans, one entry each (views of the book's columns) ----------------------------
    @property
    def lender(self) -> NDArray[np.intp]:
        """The lender's account of each loan."""
        return self._lender[: self._count]

    @property
    def borrower(self) -> NDArray[np.intp]:
        """The borrower's account of each loan."""
        return self._borrower[: self._count]

    @property
    def principal(self) -> Floats:
        """Principal still owed on each loan, yuan (arrears included)."""
        return self._principal[: self._count]

    @property
    def rate(self) -> Floats:
        """Annual interest rate of each loan."""
        return self._rate[: self._count]

    @property
    def grace(self) -> NDArray[np.int64]:
        """Months of interest only left on each loan."""
        return self._grace[: self._count]

    @property
    def left(self) -> NDArray[np.int64]:
        """Scheduled payments left on each loan (grace months included)."""
        return self._left[: self._count]

    @property
    def arrears_months(self) -> NDArray[np.int64]:
        """Months in arrears in a row, per loan."""
        return self._arrears[: self._count]

    @property
    def guarantor(self) -> NDArray[np.intp]:
        """The guarantor's account of each loan (-1: none)."""
        return self._guarantor[: self._count]

    @property
    def guarantee_share(self) -> Floats:
        """Share of what is owed at default the guarantor pays, per loan."""
        return self._guarantee[: self._count]

    @property
    def active(self) -> NDArray[np.bool_]:
        """Loans not yet repaid or written off."""
        return self._active[: self._count]

    # -- questions --------------------------------------------------------------------------
    def outstanding(self, borrower: int | None = None) -> float:
        """Principal owed by ``borrower`` (by every borrower if None) on active loans, yuan."""
        mask = self.active if borrower is None else self.active & (self.borrower == borrower)
        return float(self.principal[mask].sum())

    def in_default(self, borrower: int) -> bool:
        """Whether ``borrower`` has defaulted on a loan of this book."""
        return bool(self._defaulted.item(borrower))

    @property
    def version(self) -> int:
        """A count that changes whenever a loan is made or leaves the active ones.

        While it stays the same, no loan has been made and none has left the active
        ones: a caller may keep what it found among them (:meth:`changed` changes it).
        """
        return self._version

    def takes_drawdown(self, loan: int, months: int, grace: int) -> bool:
        """Whether ``loan`` can take a drawdown repaid as a new loan of these terms would be.

        That is: the loan (an index of the book's) is active, not in arrears, and has
        ``months`` payments and ``grace`` grace months left (:meth:`draw`).
        """
        k = loan
        return bool(
            self._active.item(k) and self._left.item(k) == months
            and self._grace.item(k) == grace and self._arrears.item(k) == 0
        )  # fmt: skip

    def claims(self) -> Floats:
        """Net claims of every account at this moment, yuan: owed to it less owed by it.

        Shape (households + institutions,): loans of the book (lender +, borrower -) and
        the households' credit lines (the bank +, each household -). They sum to zero.
        """
        out = np.zeros(self._defaulted.size)
        live = self.active
        np.add.at(out, self.lender[live], self.principal[live])
        np.add.at(out, self.borrower[live], -self.principal[live])
        h = self.ledger.households
        out[:h] -= self.household_lines
        out[self.ledger.account("bank")] += float(self.household_lines.sum())
        return out

    def defaulted(self, accounts: NDArray[np.intp]) -> NDArray[np.bool_]:
        """Whether each of ``accounts`` has defaulted (on this book or a registered line)."""
        return self._defaulted.take(accounts)

    def register_default(self, accounts: NDArray[np.intp], owed: NDArray[np.float64]) -> None:
        """Record defaults on credit kept outside the book (households' lines): written off.

        No cash moves: the lender loses its claim of ``owed`` yuan on each account,
        and the accounts can borrow no more from the book.
        """
        self.written_off += float(np.sum(owed))
        self._defaulted[accounts] = True

    def due(self) -> Floats:
        """The scheduled payment of each loan this month (interest and principal), yuan.

        Level (annuity) payments once the grace period is over; interest only before.
        Computed once per month (by the month's service, at its end, for the next) and
        kept until a loan is serviced or deflated (a new loan adds its own payment to
        the kept ones: the loans made since the last call are worked out together, from
        their terms when made, which nothing changes in between without :meth:`changed`).
        """
        due = self._due
        if due is None:  # worked out for the active loans only, 0 for the others
            live = np.flatnonzero(self.active)
            due = self._keep_due(live, self._scheduled(live), {})
        elif due.size < self._count:  # loans made since: their payments, appended
            first = due.size
            if self._count - first == 1:  # one (a drawdown of its own): on floats
                value = self._payment_of(first)
                due = self._due = np.concatenate([due, (value,)])
                made = [(first, self._borrower.item(first), value)]
            else:
                new = np.arange(first, self._count)
                values = self._scheduled(new)
                due = self._due = np.concatenate([due, values])
                made = list(zip(new.tolist(), self._borrower[new].tolist(), values.tolist(),
                                strict=True))  # fmt: skip
            if self._due_by:  # due_of's sums in the order made: the new loans come last
                heads = self._heads_now()
                for k, b, v in made:
                    before = self._due_by.get(b)
                    if before is not None:
                        self._due_by[b] = before + v
                        heads[b] = (k, before)
        self._unread = False
        return due

    def due_of(self, borrower: int) -> float:
        """The scheduled payment of ``borrower``'s loans this month, yuan.

        The sum of :meth:`due` over its loans in the order made, one after another
        (``np.add.accumulate``: a loop's sum, bit for bit). Kept with the payments
        (``_due_by``), with the sum of all its loans but the last (:meth:`_heads_now`),
        so that a drawdown on its last loan (:meth:`draw`) adds the new payment to it.
        """
        if not self._count:  # no loan yet: nothing is due (the kept payments untouched)
            return 0.0
        due = self.due()
        value = self._due_by.get(borrower)
        if value is None:
            loans = self._loans_of.get(borrower)
            if loans is None:  # the first question about it: its loans, found once
                loans = (self._borrower[: self._count] == borrower).nonzero()[0]
                self._loans_of[borrower] = loans  # (the others pay 0: leaving them out of
            mine = due[loans]  # the sum leaves it as it is)
            if mine.size:
                sums = np.add.accumulate(mine)
                value = float(sums[-1])
                head = float(sums[-2]) if mine.size > 1 else None
                self._heads_now()[borrower] = (loans.item(-1), head)
            else:
                value = 0.0
            self._due_by[borrower] = value
        return value

    def _heads_now(self) -> dict[int, tuple[int, float | None]]:
        """For borrowers in ``_due_by``: their last loan and the sum of the others' payments.

        ``due_of(b) == head + due()[last]`` bit for bit (the loop's last addition), or
        ``due()[last]`` when the sum is None (its only loan). They go with one ``_due_by``:
        when the book keeps a new one (the service, :meth:`due` worked out anew), they
        are dropped. Kept only where ``_due_by`` is: by :meth:`due_of`, and by :meth:`due`
        when it adds a new loan to a sum; :meth:`draw` uses and drops them.
        """
        if self._heads_of is not self._due_by:
            self._heads, self._heads_of = {}, self._due_by
        return self._heads

    def changed(self) -> None:
        """Record that a caller changed loans in place (principal, rate, ``active``).

        The payments kept by :meth:`due` are worked out anew when the next loan
        is made or the month's service begins. Only these three may be changed in
        place: the book keeps summaries of the others (the lenders, the most grace
        months left, whether a loan is in arrears).
        """
        self._rates_checked = False  # a rate may have changed: its factors, anew
        if self._unread:  # worked out ahead by the service, not read: anew (as if
            self._due = None  # worked out at the first due(), after this change)
        if self._due is not None and not self._stale:  # the loans made since the last
            self.due()  # due(), from their terms when made (as if worked out then)
        self._stale = True
        self._version += 1

    def _scheduled(self, live: NDArray[np.intp]) -> Floats:
        """The scheduled payment of the loans ``live`` (active), elementwise, yuan.

        A few loans (up to :attr:`_few`) on Python floats (:func:`_payments`: the same
        operations, bit for bit).
        """
        grace = self._grace[live] if self._grace_months else None
        if live.size > self._few:
            return _payment(self._principal[live], self._rate[live], self._factors(live), grace)
        if not self._rates_checked:
            self._recheck_rates()
        table, left = self._factor_list, self._left[live].tolist()
        factor = [table[a + m] for a, m in zip(self._at[live].tolist(), left, strict=True)]
        return np.array(_payments(self._principal[live].tolist(), self._rate[live].tolist(),
                                  factor, None if grace is None else grace.tolist()))  # fmt: skip

    def _payment_of(self, k: int) -> float:
        """``_scheduled`` of the one loan ``k``, in float arithmetic: the same operations."""
        if not self._rates_checked:
            self._recheck_rates()
        principal = self._principal.item(k)
        r = self._rate.item(k) / 12.0
        level = principal * self._factor_list[self._at.item(k) + self._left.item(k)]
        if self._grace_months and self._grace.item(k) > 0:  # np.where(grace <= 0, level, 0)
            level = 0.0
        return max(level, principal * r)

    # -- each month -------------------------------------------------------------------------
    def service(self) -> None:
        """Charge each active loan's interest and scheduled principal, as cash allows."""
        live = self._active[: self._count].nonzero()[0]
        if live.size:
            self._due = None
            self._service(live, self._principal[live])

    def month_end(self, inflation: float) -> None:
        """A month's end: :meth:`deflate` by ``inflation``, then :meth:`service`.

        The same as the two calls in turn, bit for bit, with the live loans found and
        their principal read once (the engine's loan service, each month).
        """
        _check_inflation(inflation)
        if not self._count or self._version == self._idle:  # no loan yet (as under most
            # policies), or none live since the last month without one: the lines only
            if inflation != 0.0:
                keep = 1.0 / (1.0 + inflation)
                self.deflated += self._deflate_lines(keep) * (1.0 - keep)
                self._due = None
            return
        live = self._active[: self._count].nonzero()[0]
        principal = self._principal[live]
        if inflation != 0.0:
            keep = 1.0 / (1.0 + inflation)
            lost = float(np.add.reduce(principal) + self._deflate_lines(keep)) * (1.0 - keep)
            principal *= keep  # (np.add.reduce: principal.sum() without the method wrapper)
            self.deflated += lost
            self._due = None
        if live.size:
            self._due = None
            self._service(live, principal)
        else:  # none live, and none will be until a loan is made (the version moves)
            self._idle = self._version

    def deflate(self, inflation: float) -> None:
        """A month of inflation: what is owed on nominal loans loses real value.

        Amounts are real yuan of the base year and loans are nominal contracts:
        each month every active loan's principal (arrears included) and every
        household's credit line are divided by ``1 + inflation``. Interest then
        runs at the nominal rate on the real principal, and a level (annuity)
        payment falls in real terms as its nominal amount stays fixed. No cash
        moves: the borrowers' real gain is the lenders' real loss
        (:attr:`deflated`), and claims still sum to zero.

        Parameters
        ----------
        inflation : float
            This month's general inflation, a fraction (> -1;
            :meth:`~collective_econ.economy.world.World.inflation_month`).

        Examples
        --------
        >>> from collective_econ.economy.ledger import Ledger
        >>> book = Ledger(households=0, institutions=("collective:0", "bank"), months=1)
        >>> loans = LoanBook(book)
        >>> k = loans.lend(book.account("bank"), book.account("collective:0"), 1000.0,
        ...                rate=0.06, months=12)
        >>> loans.deflate(0.01)
        >>> round(loans.outstanding(), 2), round(loans.deflated, 2)
        (990.1, 9.9)
        """
        _check_inflation(inflation)
        if inflation == 0.0:
            return
        keep = 1.0 / (1.0 + inflation)
        live = self.active
        lost = float(self.principal[live].sum() + self._deflate_lines(keep)) * (1.0 - keep)
        self.principal[live] *= keep
        self.deflated += lost
        self._due = None

    def _deflate_lines(self, keep: float) -> float:
        """Multiply the households' credit lines by ``keep``: what they owed before, yuan.

        In place (the households' process holds the array), on the lines owed only:
        a few dozen of thousands, and a line of 0 stays 0. Their sum, of the lines
        owed in household order, goes into :attr:`deflated` (the sum of every line
        would add the same numbers, zeros between, in another order of pairs).
        """
        lines = self.household_lines
        owed = (lines != 0.0).nonzero()[0]  # (a float array's nonzero() is ~7x slower)
        if not owed.size:
            return 0.0
        values = lines[owed]
        lines[owed] = values * keep
        return float(np.add.reduce(values))  # values.sum()


def _check_inflation(inflation: float) -> None:
    if not (inflation > -1.0 and math.isfinite(inflation)):
        raise ParameterError("inflation", "> -1 and finite", inflation, "LoanBook.deflate")
