"""The loan book's month: its service, grouping and transfers (private to :mod:`.credit`).

:class:`_Service` is the base of :class:`~.credit.LoanBook`: each month's service of
the live loans (interest and scheduled principal as cash allows, arrears, default),
the grouping of the live loans by borrower and lender, the annuity factors kept per
rate, and the transfers through the ledger. The book's columns and summaries are
declared here and made by ``LoanBook.__init__``.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass
from typing import cast

import numpy as np
from numpy.typing import NDArray

from ..errors import ParameterError
from ._loan_math import _annuity, _sum
from .census import distinct_inverse
from .ledger import Ledger, Source

__all__: list[str] = []

Floats = NDArray[np.float64]

_FEW = 16
"""Up to this many live loans, the month's service works on Python floats (measured in a
full-package run: a dozen loans' month in about 4/5 of the time of the numpy service,
next month's payments included)."""


@dataclass(frozen=True, slots=True)
class _Groups:
    """The live loans of the book, grouped for :meth:`LoanBook.service`.

    Everything here follows from ``key``: the live loans' borrowers in the order made
    (with one lender ever; else their (lender, borrower) pairs) and the number of
    lenders ever. Another set of live loans with the same key (next month's, when a
    loan ended and a loan of the same borrower was made) has the same groups.
    """

    key: tuple[int, bytes]
    order: NDArray[np.intp]  # live loans by borrower, stable
    sorted_borrower: NDArray[np.intp]
    start: NDArray[np.intp]  # in that order, the position of the borrower's first loan
    inverse2: NDArray[np.intp]  # each live loan's (lender, borrower) pair, twice (the
    # second time offset by the number of pairs: interest, then principal, in one bincount)
    borrowers: NDArray[np.intp]  # the pairs' borrowers, by lender then borrower
    runs: list[tuple[int, int, int, int]]  # lender, first pair, first institution, end
    lists: tuple[list[int], list[int], list[int], list[int], list[int]] | None  # order,
    # start, each live loan's pair and borrower, the pairs' borrowers, as lists (for a
    # few loans: LoanBook._service_few; None for many)


class _Service:
    """The month's service of the loan book's live loans (see :class:`~.credit.LoanBook`)."""

    ledger: Ledger
    default_after: int
    _count: int
    _lender: NDArray[np.intp]
    _borrower: NDArray[np.intp]
    _principal: Floats
    _rate: Floats
    _grace: NDArray[np.int64]
    _left: NDArray[np.int64]
    _arrears: NDArray[np.int64]
    _active: NDArray[np.bool_]
    _guarantor: NDArray[np.intp]
    _guarantee: Floats
    _table: Floats
    _factor_list: list[float]
    _at: NDArray[np.intp]
    _table_rate: Floats
    _runs: dict[float, tuple[int, int]]
    _rates_checked: bool
    written_off: float
    guarantees_paid: float
    interest_paid: float
    _defaulted: NDArray[np.bool_]
    _due: Floats | None
    _due_by: dict[int, float]
    _loans_of: dict[int, NDArray[np.intp]]
    _version: int
    _stale: bool
    _unread: bool
    _order: _Groups | None
    _order_version: int
    _grace_months: int
    _in_arrears: bool
    _lenders: set[int]
    _few: int

    def _factors(self, live: NDArray[np.intp], left: NDArray[np.int64] | None = None) -> Floats:
        """The annuity factors of the loans ``live`` (active): ``_annuity`` of their terms.

        Read from ``_table``, each loan's factors for every number of months left worked
        out once, elementwise as one call on the month's loans would (``left``: the
        loans' months left, if read already).
        """
        if not self._rates_checked:
            self._recheck_rates()
        if left is None:
            left = self._left[live]
        factors: Floats = self._table[self._at[live] + left]
        return factors

    def _run_of(self, rate: float, months: int) -> int:
        """The start, less 1, of the run of factors at ``rate`` for 1 to ``months`` months left.

        Worked out once per rate (and again when a longer term comes): loans at one
        rate share their factors, each worked out as the elementwise call of the month's
        loans would.
        """
        run = self._runs.get(rate)
        if run is None or run[1] < months:
            run = self._runs[rate] = (self._table.size, months)
            factors = _annuity(np.full(months, rate), np.arange(1, months + 1))
            self._table = np.concatenate((self._table, factors))
            self._factor_list = self._table.tolist()
        return run[0] - 1

    def _recheck_rates(self) -> None:
        """Point the active loans whose rate changed in place at their new rate's factors."""
        k = self._count
        moved = np.flatnonzero(self._active[:k] & (self._rate[:k] != self._table_rate[:k]))
        rates = self._rate[moved]
        for rate in np.unique(rates).tolist():  # a few rates (a subsidy ending)
            mine = moved[rates == rate]
            self._at[mine] = self._run_of(rate, int(self._left[mine].max()))
            self._table_rate[mine] = rate
        self._rates_checked = True

    def _service(self, live: NDArray[np.intp], principal: Floats) -> None:
        """:meth:`service` of the active loans ``live``, whose principal is ``principal``.

        ``principal`` is a copy the month's arithmetic works on, and is written back.
        Grace periods and arrears are left alone in months when no loan has any
        (:attr:`_grace_months`, :attr:`_in_arrears`): a few numpy operations on the
        live loans, whatever their number; up to :attr:`_few` loans, the same arithmetic
        on Python floats (:meth:`_service_few`). Next month's payments are worked out at
        the end and kept for :meth:`due` (:meth:`_keep_due`).
        """
        groups = self._groups_of(live)
        if groups.lists is not None and live.size <= self._few:
            self._service_few(live, principal, groups)
            return
        rate = self._rate[live]
        interest = principal * rate / 12.0
        r = rate / 12.0  # (_payment's, for this month's payments and next month's)
        left = self._left[live]
        grace = self._grace[live] if self._grace_months else None
        if not self._rates_checked:
            self._recheck_rates()
        at = self._at[live]  # each loan's run of annuity factors (_factors)
        table = self._table
        level = principal * table.take(at + left)  # _payment(): as due()[live]
        if grace is not None:  # interest only in the grace months
            level = np.where(grace <= 0, level, 0.0)
        due = np.maximum(level, principal * r)
        # what each loan is paid: its borrower's cash, to its loans in the order made
        order = groups.order
        d = due.take(order)
        spent = d.cumsum()
        spent -= d  # due on the borrower's loans before this one, and on earlier borrowers'
        before = spent - spent.take(groups.start)
        cash = np.maximum(self.ledger.balance.take(groups.sorted_borrower), 0.0)
        cash -= before
        paid = np.empty(order.size)
        paid[order] = np.minimum(np.maximum(cash, 0.0, out=cash), d)  # np.clip, bit for bit
        to_interest = np.minimum(paid, interest)
        sums = cast(Floats, np.bincount(  # float sums, each pair's loans in the order made
            groups.inverse2, np.concatenate((to_interest, paid - to_interest)),
            2 * groups.borrowers.size,
        ))  # fmt: skip
        self._transfer(groups, sums)
        self.interest_paid += float(np.add.reduce(to_interest))  # to_interest.sum()
        # arrears accrue interest: principal + unpaid interest - principal paid, which is
        # principal + (interest - paid) exactly (one of the two terms is zero)
        interest -= paid
        principal += interest
        paid += 1e-9
        short = paid < due
        in_arrears = bool(np.count_nonzero(short))
        left -= 1
        done = principal <= 1e-6
        done |= np.greater(left <= 0, short)  # a > b: a and not b
        any_done = bool(np.count_nonzero(done))
        if any_done:
            principal[done] = 0.0
        self._principal[live] = principal
        failed = live[:0]
        if in_arrears or self._in_arrears:  # else every live loan's count stays 0
            arrears = self._arrears.take(live)
            arrears += 1
            arrears *= short
            self._arrears[live] = arrears
            if in_arrears:
                failed = live[arrears >= self.default_after]
        self._in_arrears = in_arrears
        if grace is not None:
            grace -= 1
            grace = np.maximum(grace, 0, out=grace)  # grace >= 0: counts down to 0
            self._grace[live] = grace
            self._grace_months -= 1
        np.maximum(left, 1, out=left)  # overdue loans stay due monthly
        self._left[live] = left
        if any_done or failed.size:
            self._active[live[done]] = False
            self._version += 1
        if failed.size:
            self._default(failed)
            self._active[failed] = False
            self._principal[failed] = 0.0
        # next month's payments (0 for those ended), as _payment() on the loans' terms then
        level = principal * table.take(at + left)
        if grace is not None and self._grace_months:
            level = np.where(grace <= 0, level, 0.0)
        due = np.maximum(level, principal * r)
        if failed.size:
            due[arrears >= self.default_after] = 0.0
        self._keep_due(live, due, {})

    def _service_few(self, live: NDArray[np.intp], principal: Floats, groups: _Groups) -> None:
        """:meth:`_service` of a few loans, on Python floats: bit for bit.

        Some fifty numpy operations on a dozen loans (the collectives' and the hotel's,
        most months) cost more than their arithmetic in Python: the loans are read as
        lists, worked out loan by loan with the same operations, and written back. Each
        is the same IEEE double operation as the vectorised service's on that loan
        (numpy's elementwise arithmetic is Python's float arithmetic; no NaN and no
        negative zero comes in: balances and principals are sums and differences of
        finite amounts that start at +0), and its sums add in the same order
        (``cumsum`` and ``bincount`` add one after another, from the first term).

        One pass over the loans by borrower, in the order made (``order``): each loan's
        payment (:func:`_payments`), what it is paid (its borrower's cash less what its
        earlier loans are due), then the rest, next month's payment included (0 for a
        loan in default: it is written off). The loans of a (lender, borrower) pair, and
        of a borrower, come in the order made, so each pair's sums (``bincount``'s) and
        each borrower's next payments (:meth:`due_of`'s) add in that order; the interest
        paid is summed in the order of the loans, and the loans in default are written
        off in that order.
        """
        n, pairs = live.size, groups.borrowers.size
        assert groups.lists is not None  # made for a few loans
        order, start, pair, borrower, _ = groups.lists
        if not self._rates_checked:
            self._recheck_rates()
        table, at = self._factor_list, self._at[live].tolist()
        rate = self._rate[live].tolist()
        left = self._left[live].tolist()
        grace = self._grace[live].tolist() if self._grace_months else None
        grace_next = grace if self._grace_months > 1 else None  # (this month's, less 1)
        counts = self._arrears[live].tolist() if self._in_arrears else None  # (else 0s)
        limit = self.default_after
        p = principal.tolist()
        cash = self.ledger.balance[groups.sorted_borrower].tolist()  # in `order`
        spent = [0.0] * n
        to_interest, sums = [0.0] * n, [0.0] * (2 * pairs)
        arrears, nxt = [0] * n, [0.0] * n
        failed, ended = [], []
        in_arrears = False
        by: dict[int, float] = {}  # due_of()'s sums of next month's payments, in the order made
        total = 0.0
        for j, k in enumerate(order):
            pk, r, m = p[k], rate[k], left[k]
            level = pk * table[at[k] + m]
            if grace is not None and grace[k] > 0:  # np.where(grace <= 0, level, 0.0)
                level = 0.0
            floor = pk * (r / 12.0)
            d = level if level >= floor else floor  # np.maximum(level, floor)
            total += d  # d.cumsum()
            s = spent[j] = total - d  # due on earlier loans, the borrower's and others'
            c = cash[j]
            x = (c if c >= 0.0 else 0.0) - (s - spent[start[j]])  # cash less due before
            x = x if x >= 0.0 else 0.0
            q = x if x <= d else d  # paid: np.minimum(np.maximum(x, 0.0), d)
            # the rest: interest first, arrears, the end of the loan, next month
            interest = pk * r / 12.0
            t = to_interest[k] = q if q <= interest else interest  # np.minimum(paid, interest)
            sums[pair[k]] += t  # np.bincount: one after another, in the order of the loans
            sums[pairs + pair[k]] += q - t
            after = pk + (interest - q)  # arrears accrue interest
            short = q + 1e-9 < d
            m -= 1
            if after <= 1e-6 or (m <= 0 and not short):
                ended.append(k)
                after = 0.0
            m = left[k] = m if m > 1 else 1  # overdue loans stay due monthly
            p[k] = after
            if short:
                in_arrears = True
                a = arrears[k] = (0 if counts is None else counts[k]) + 1
                if a >= limit:  # in default: written off (_default), nothing due next month
                    failed.append(k)
                    continue  # (its next payment: 0, added to due_of's sum below)
            level = after * table[at[k] + m]  # as _payments on the loan's terms next month
            if grace_next is not None and grace_next[k] > 1:  # (grace: this month's, less 1)
                level = 0.0
            floor = after * (r / 12.0)
            v = nxt[k] = level if level >= floor else floor
            b = borrower[k]
            by[b] = by.get(b, 0.0) + v
        for k in failed:  # due_of's sums, in the order made: + 0.0 leaves a sum as it is,
            b = borrower[k]  # and makes one for a borrower whose only payments are 0
            if b not in by:
                by[b] = 0.0
        self._transfer_few(groups, sums)
        self.interest_paid += _sum(to_interest)  # as the array's sum
        self._principal[live] = p
        if in_arrears or self._in_arrears:  # else every live loan's count stays 0
            self._arrears[live] = arrears
        self._in_arrears = in_arrears
        if grace is not None:
            self._grace[live] = [g - 1 if g > 0 else 0 for g in grace]
            self._grace_months -= 1
        self._left[live] = left
        if failed or ended:
            ids = live.tolist()
            self._active[[ids[k] for k in ended]] = False
            self._version += 1
            if failed:
                failed.sort()  # written off in the order of the loans
                gone = live[failed]
                self._default(gone)
                self._active[gone] = False
                self._principal[gone] = 0.0
        self._keep_due(live, nxt, by)

    def _keep_due(self, live: NDArray[np.intp], due: Floats | list[float],
                  by: dict[int, float]) -> Floats:  # fmt: skip
        """Keep the payments ``due`` of the loans ``live`` (0 for the others) for :meth:`due`.

        ``by``: :meth:`due_of`'s sums known already. The service works out next month's
        payments as :meth:`due` would at its first call: until then only :meth:`lend`,
        :meth:`draw` (which update kept payments), :meth:`changed` (which drops them if
        unread), :meth:`deflate` and the service change a loan.
        """
        kept = np.zeros(self._count)
        kept[live] = due
        self._due, self._due_by, self._stale, self._unread = kept, by, False, True
        for b, mine in self._loans_of.items():  # a few borrowers (due_of's): the loans
            if mine.size > 24:  # ended pay 0 until worked out anew: dropped once many
                self._loans_of[b] = mine[self._active[mine]]
        return kept

    def _default(self, failed: NDArray[np.intp]) -> None:
        """Loans ``failed`` default: guarantors pay their shares, lenders write off the rest."""
        owed = self._principal[failed]
        self._defaulted[self._borrower[failed]] = True
        backed = self._guarantor[failed] >= 0
        if not np.count_nonzero(backed):  # none backed (households' loans): all written off
            self.written_off += float(np.add.reduce(owed))  # (owed - 0.0 is owed)
            return
        cover = np.where(backed, self._guarantee[failed] * owed, 0.0)
        self.written_off += float((owed - cover).sum())
        pay = cover > 0
        if not pay.any():
            return
        pairs = np.stack([self._guarantor[failed][pay], self._lender[failed][pay]])
        uniq, inverse = np.unique(pairs, axis=1, return_inverse=True)
        sums = np.bincount(inverse.ravel(), cover[pay], uniq.shape[1])
        for (g, lender), amount in zip(uniq.T.tolist(), sums.tolist(), strict=True):
            self._pay(g, lender, amount, Source.GUARANTEE)  # one transfer per pair
        self.guarantees_paid += float(cover.sum())

    def _groups_of(self, live: NDArray[np.intp]) -> _Groups:
        """The live loans grouped by borrower and by (lender, borrower), kept while they last."""
        cached = self._order
        if cached is not None and self._order_version == self._version:
            return cached
        borrower = self._borrower[live]
        n = self._defaulted.size
        one = len(self._lenders) == 1
        key = (
            len(self._lenders),
            (borrower if one else self._lender[live] * n + borrower).tobytes(),
        )
        self._order_version = self._version
        if cached is not None and cached.key == key:  # the same borrowers in the same order
            return cached
        if one and borrower.size <= self._few:
            self._order = self._groups_few(borrower, key)
            return self._order
        order = borrower.argsort(kind="stable")
        b = borrower[order]
        start = b.searchsorted(b)  # in that order, the position of the borrower's first loan
        h = self.ledger.households
        if one:  # one lender ever (the bank): a pair per borrower
            (lender,) = self._lenders
            borrowers = b[start == np.arange(b.size)]  # ascending, distinct
            inverse = borrowers.searchsorted(borrower)
            runs = [(lender, 0, int(borrowers.searchsorted(h)), borrowers.size)]
        else:
            pairs, inverse = distinct_inverse(self._lender[live] * n + borrower)
            lenders, borrowers = np.divmod(pairs, n)
            edges = [0, *(np.flatnonzero(lenders[1:] != lenders[:-1]) + 1).tolist(), pairs.size]
            runs = [  # per lender: its households' pairs, then its institutions' (ascending)
                (int(lenders[lo]), lo, lo + int(np.searchsorted(borrowers[lo:hi], h)), hi)
                for lo, hi in itertools.pairwise(edges)
            ]
        inverse2 = np.concatenate((inverse, inverse + borrowers.size))
        lists = ((order.tolist(), start.tolist(), inverse.tolist(), borrower.tolist(),
                  borrowers.tolist()) if b.size <= self._few else None)  # fmt: skip
        self._order = _Groups(key, order, b, start, inverse2, borrowers, runs, lists)
        return self._order

    def _groups_few(self, borrower: NDArray[np.intp], key: tuple[int, bytes]) -> _Groups:
        """:meth:`_groups_of` of a few live loans of one lender, on Python ints: the same groups.

        A stable sort of a dozen borrowers and their distinct ones, found in a pass over
        the list, cost less than the dozen numpy calls over arrays of that size.
        """
        (lender,) = self._lenders
        of = borrower.tolist()
        order = sorted(range(len(of)), key=of.__getitem__)  # stable: argsort(kind="stable")
        b = [of[k] for k in order]
        start: list[int] = []
        borrowers: list[int] = []
        for j, x in enumerate(b):  # in that order, the position of the borrower's first loan
            if borrowers and borrowers[-1] == x:
                start.append(start[-1])
            else:
                start.append(j)
                borrowers.append(x)
        place = {x: i for i, x in enumerate(borrowers)}
        inverse = [place[x] for x in of]
        pairs = len(borrowers)
        runs = [(lender, 0, bisect.bisect_left(borrowers, self.ledger.households), pairs)]
        return _Groups(
            key, np.array(order, dtype=np.intp), np.array(b, dtype=np.intp),
            np.array(start, dtype=np.intp), np.array(inverse + [i + pairs for i in inverse],
                                                     dtype=np.intp),
            np.array(borrowers, dtype=np.intp), runs, (order, start, inverse, of, borrowers),
        )  # fmt: skip

    def _transfer(self, groups: _Groups, sums: Floats) -> None:
        """Borrowers pay their lenders ``sums``: interest, then principal, per (lender, borrower).

        ``sums`` has the interest of each pair, then its principal (``Source.INTEREST``,
        then ``Source.LOAN``). They add each pair's loans in the order made (loans paying
        nothing add nothing); for each source and each lender in turn, its households
        pay in one transfer, then each institution. The pairs paying are found once for
        both sources.
        """
        book, borrowers, pairs = self.ledger, groups.borrowers, groups.borrowers.size
        positive = (sums > 0).nonzero()[0]  # ascending
        bounds = [half + x for half in (0, pairs) for _, lo, mid, _ in groups.runs
                  for x in (lo, mid)]  # fmt: skip
        edge = iter(positive.searchsorted(bounds).tolist())
        for half, source in ((0, Source.INTEREST), (pairs, Source.LOAN)):
            for lender, _, mid, hi in groups.runs:
                a, b = next(edge), next(edge)
                if b - a == 1:  # settle() of one: on floats
                    k = positive.item(a)
                    book.settle_one(lender, borrowers.item(k - half), -sums.item(k), source)
                elif b > a:  # > 0: what collect() checks
                    at = positive[a:b]
                    amounts = sums.take(at)  # collect()'s postings, its total worked out here
                    payers = borrowers.take(at - half if half else at)
                    book.collect_summed(lender, payers, amounts, float(np.add.reduce(amounts)),
                                        source)  # fmt: skip
                owing = sums[half + mid : half + hi].tolist()
                for who, amount in zip(borrowers[mid:hi].tolist(), owing, strict=True):
                    self._pay(who, lender, amount, source)

    def _transfer_few(self, groups: _Groups, sums: list[float]) -> None:
        """:meth:`_transfer` of ``sums`` given as a list (a few loans): the same postings."""
        assert groups.lists is not None
        book, borrowers, pairs = self.ledger, groups.lists[4], groups.borrowers.size
        for half, source in ((0, Source.INTEREST), (pairs, Source.LOAN)):
            for lender, lo, mid, hi in groups.runs:
                paying = [k for k in range(lo, mid) if sums[half + k] > 0]
                if len(paying) == 1:
                    k = paying[0]
                    book.settle_one(lender, borrowers[k], -sums[half + k], source)
                elif paying:
                    amounts = -np.array([sums[half + k] for k in paying])
                    book.settle_summed(lender, groups.borrowers[paying], amounts,
                                       float(amounts.sum()), source)  # fmt: skip
                for k in range(mid, hi):
                    if sums[half + k] > 0:
                        book.pay(borrowers[k], lender, sums[half + k], source)

    def _pay(self, payer: int, payee: int, amount: float, source: Source) -> None:
        if amount <= 0:
            return
        book = self.ledger
        h = book.households
        if payer >= h and payee >= h:
            book.pay(payer, payee, amount, source)
        elif payer >= h:  # pay_households() of one household
            book.settle_one(payer, payee, amount, source)
        elif payee >= h:  # collect() from one household
            book.settle_one(payee, payer, -amount, source)
        else:
            raise ParameterError("lender", "an institution", payer, owner="LoanBook")
