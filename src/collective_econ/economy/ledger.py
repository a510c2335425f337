"""The ledger: every account of the community, and every yuan moved between them.

Accounts are the households (indices ``0 .. H-1``) followed by the
institutions: each resident group's collective, the developer, the county
government, the firms (the brewery, the factories, the hotel company), the
bank and the outside market. Every payment is a transfer from one account to
another, tagged with a :class:`Source`, so the sum of all balances never
changes (it starts at zero: the market's balance goes negative as it pays
for hogs and tea, the bank's as it pays interest).

Recording is reduced as it goes: net flows per household, per year and per
source; net flows per institution, per year and per source; institution
balances at the end of every month. There is never a list of transfer
objects, and each transfer to many households is one numpy operation.

Examples
--------
The developer pays two households their compensation, and one of them buys
shares with 80% of it:

>>> import numpy as np
>>> book = Ledger(households=2, institutions=("developer", "bank", "market"), months=12)
>>> dev = book.account("developer")
>>> book.pay_households(dev, np.array([0, 1]), np.array([40_000.0, 20_000.0]), Source.COMPENSATION)
>>> book.collect(dev, np.array([0]), np.array([32_000.0]), Source.SHARES)
>>> book.balance[:2].tolist(), float(book.balance[dev])
([8000.0, 20000.0], -28000.0)
>>> float(book.total())
0.0
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from enum import IntEnum
from typing import NoReturn

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..errors import OrderError, ParameterError, ShapeError

__all__ = ["INCOME_MONTHS", "INCOME_SOURCES", "Ledger", "Postings", "Source"]

Index = NDArray[np.intp] | slice


class Source(IntEnum):
    """What a payment is for. The first group (up to REMITTANCE) counts as household income."""

    FARMING = 0
    """Net farm income before the land is taken."""
    WAGE = 1
    """Wages from casual, urban and scheme jobs."""
    DIVIDEND = 2
    """Dividends on land shares and hotel equity."""
    HOGS = 3
    """Hog sales net of piglets, feed and spent grain (sales in, costs out)."""
    TEA_PICKING = 4
    """Wages for picking and tending the collective tea garden."""
    PARK_WAGE = 5
    """Wages from the demonstration park."""
    BUSINESS = 6
    """Profit of household businesses."""
    COLLECTIVE_PAYOUT = 7
    """The resident group's payout of collective profits to members."""
    SUBSIDY = 8
    """Subsidies: per-head hog subsidies, the house-swap subsidy."""
    DIBAO = 9
    """The minimum living guarantee."""
    RENT = 10
    """Rent from surplus floor area."""
    INTEREST = 11
    """Interest on deposits (net of interest paid on loans)."""
    PENSION = 12
    """Pensions of residents aged 60 and over."""
    REMITTANCE = 13
    """What members working away (out-migrants) send home
    (:class:`~collective_econ.economy.population.PopulationHistory`)."""
    # -- not income: capital, spending, and flows among institutions --
    COMPENSATION = 14
    """Compensation paid in cash: for land, and the transitional housing allowance."""
    SHARES = 15
    """Compensation invested as shares, and shares redeemed."""
    CONSUMPTION = 16
    """Household spending."""
    INVESTMENT = 17
    """Outlays on pens, businesses, houses and projects."""
    LOAN = 18
    """Loan principal drawn or repaid."""
    TAX = 19
    """Taxes, and tax relief."""
    SALES = 20
    """Firms' and collectives' sales and purchases with the market."""
    OPERATIONS = 21
    """Operating costs and profits among institutions (training, grants, wages bills)."""
    GRANT = 22
    """Capital grants to households: the house-swap subsidy (直补平衡)."""
    GUARANTEE = 23
    """A guarantor paying a lender its share of a defaulted loan (the county backing the
    collectives' bank loans, :class:`~collective_econ.economy.credit.LoanBook`)."""


_EVERY = slice(None)

INCOME_MONTHS = 12
"""Months of past income the ledger keeps by household (:meth:`Ledger.income_ago`)."""

INCOME_SOURCES: tuple[Source, ...] = tuple(s for s in Source if s < Source.COMPENSATION)
_FIRST_CAPITAL = int(Source.COMPENSATION)
"""The sources that count as household income."""
_ADD_AT = 256
_add_reduce, _min_reduce = np.add.reduce, np.minimum.reduce
"""From this many households, :meth:`Ledger.settle` adds with ``np.add.at`` (one pass over
the indices) rather than a gather, an addition and a scatter."""


class Ledger:
    """Accounts and conserved transfers, with reduced recording.

    Parameters
    ----------
    households : int
        Number of household accounts (indices 0 .. households-1).
    institutions : sequence of str
        Names of the other accounts, in order (indices follow the households).
    months : int
        Length of the run; flows are kept per year (``ceil(months / 12)`` years).
    """

    def __init__(self, households: int, institutions: Sequence[str], months: int) -> None:
        if households < 0:
            raise ParameterError("households", ">= 0", households, owner="Ledger")
        if months < 1:
            raise ParameterError("months", ">= 1", months, owner="Ledger")
        if len(set(institutions)) != len(institutions):
            raise ParameterError(
                "institutions", "unique names", tuple(institutions), owner="Ledger"
            )
        self.households = households
        self.institutions = tuple(institutions)
        self._index = {name: households + i for i, name in enumerate(self.institutions)}
        self.months = months
        self.years = -(-months // 12)
        n_src, n_inst = len(Source), len(self.institutions)
        self.balance = np.zeros(households + n_inst)
        self.household_flows = np.zeros((self.years, n_src, households))
        """Net flow to each household by year and source, yuan: shape (years, sources, H)."""
        self.institution_flows = np.zeros((self.years, n_src, n_inst))
        """Net flow to each institution by year and source, yuan: shape (years, sources, K)."""
        self.institution_balance = np.zeros((months, n_inst))
        """Institution balances at the end of each month, yuan: shape (months, K)."""
        self._incomes = np.zeros((INCOME_MONTHS + 1, households))
        """The months' income by household: row ``m % (INCOME_MONTHS + 1)`` is month ``m``'s
        (:attr:`month_income` this month, :meth:`income_ago` for the months before)."""
        self.month_income = self._incomes[0]
        """Income (income sources only) received by each household this month, yuan (a
        row of the months' incomes, which :meth:`close_month` moves on), but for postings
        that leave it out (:meth:`settle_summed`: the households' interest on deposits)."""
        self._income_final = False
        """Whether this month's income has been read as final (:meth:`final_month_income`):
        then a posting of an income source to households raises, until :meth:`close_month`."""
        self.month = 0
        self._year = 0
        self._every = slice(0, households, 1)
        self._reach_views()

    def _reach_views(self) -> None:
        """Reach the views used at each posting, once.

        The households' balances, this month's income with read-only views of the
        months' incomes (:meth:`income_ago`), and this year's flow rows (one per source)
        of households and institutions (moved on by :meth:`close_month` when the year
        changes; reached again after unpickling or copying).
        """
        self._household_balance = self.balance[: self.households]
        self.month_income = self._incomes[self.month % (INCOME_MONTHS + 1)]
        self._past = [row.view() for row in self._incomes]  # income_ago's read-only views
        for view in self._past:
            view.flags.writeable = False
        self._rows: list[NDArray[np.float64]] = list(self.household_flows[self._year])
        self._institution_rows = self.institution_flows[self._year]

    def __getstate__(self) -> dict[str, object]:
        """The state without the views (a pickled view would be a copy)."""
        state = self.__dict__.copy()
        for name in ("_household_balance", "_rows", "_institution_rows", "month_income", "_past"):
            del state[name]
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._reach_views()

    # -- accounts -----------------------------------------------------------------------------
    def account(self, name: str) -> int:
        """The index of an institution's account."""
        try:
            return self._index[name]
        except KeyError:
            known = ", ".join(self.institutions)
            raise ParameterError("account", f"one of {known}", name, owner="Ledger") from None

    def total(self) -> float:
        """The sum of all balances: zero, up to rounding, at every moment."""
        return float(np.sum(self.balance))

    @property
    def year(self) -> int:
        """The year index of the current month."""
        return self._year

    # -- transfers ----------------------------------------------------------------------------
    def pay(self, payer: int, payee: int, amount: float, source: Source) -> None:
        """Move ``amount`` yuan (>= 0) between two institutions.

        Scalar arithmetic on Python floats (``item``), the same as numpy's on its
        scalars: some thousands of these a run.
        """
        if not amount >= 0:
            raise ParameterError("amount", ">= 0", amount, owner="Ledger.pay")
        if amount == 0:
            return
        h = self.households
        if payer < h or payee < h:
            account = payer if payer < h else payee
            raise ParameterError("account", "an institution", account, owner="Ledger")
        balance, flows = self.balance, self._institution_rows
        balance[payer] = balance.item(payer) - amount
        balance[payee] = balance.item(payee) + amount
        payer, payee = payer - h, payee - h
        flows[source, payer] = flows.item(source, payer) - amount  # x + (-a) is x - a
        flows[source, payee] = flows.item(source, payee) + amount

    def pay_households(
        self, payer: int, households: Index, amounts: ArrayLike, source: Source
    ) -> None:
        """An institution pays households (``amounts`` >= 0 yuan, one per household).

        ``households`` is an array of distinct household indices (or a slice);
        ``amounts`` broadcasts to it.
        """
        self.settle(payer, households, self._nonnegative(amounts), source)

    def pay_households_many(
        self,
        payers: NDArray[np.intp],
        households: NDArray[np.intp],
        amounts: ArrayLike,
        source: Source,
    ) -> None:
        """Several institutions pay households in one posting.

        Row i: ``payers[i]`` pays ``households[i]`` ``amounts[i]`` (>= 0) yuan. Rows
        of a payer are contiguous; a payer's households are distinct. The same as one
        :meth:`pay_households` per payer in the order the payers come (when a household
        is paid by several, it is posted payer by payer in that order).

        >>> book = Ledger(households=3, institutions=("a", "b"), months=12)
        >>> a, b = book.account("a"), book.account("b")
        >>> book.pay_households_many(np.array([a, a, b]), np.array([0, 2, 1]),
        ...                          np.array([5.0, 1.0, 2.0]), Source.WAGE)
        >>> book.balance.tolist()
        [5.0, 2.0, 1.0, -6.0, -2.0]
        """
        amt = np.asarray(self._nonnegative(amounts), dtype=np.float64)
        payers = np.asarray(payers, dtype=np.intp)
        homes = np.asarray(households, dtype=np.intp)
        if not payers.shape == homes.shape == amt.shape or amt.ndim != 1:
            raise ShapeError(
                f"payers, households and amounts must have one shape (n,), got "
                f"{payers.shape}, {homes.shape} and {amt.shape}"
            )
        if amt.size == 0:
            return
        edges = [0, *((payers[1:] != payers[:-1]).nonzero()[0] + 1).tolist(), amt.size]
        totals = [float(amt[lo:hi].sum()) for lo, hi in itertools.pairwise(edges)]
        if not math.isfinite(sum(totals)):
            raise ParameterError("amounts", "finite", sum(totals), owner="Ledger")
        for lo in edges[:-1]:
            if payers[lo] < self.households:
                raise ParameterError("payers", "institutions", int(payers[lo]), "Ledger")
        if self._income_final and source < _FIRST_CAPITAL:
            self._late_income(source)
        # np.add.at adds row by row, in order: a household paid by several payers is
        # posted payer by payer, as one settle() per payer would (bit for bit)
        np.add.at(self.balance, homes, amt)
        np.add.at(self._rows[source], homes, amt)
        if source < _FIRST_CAPITAL:
            np.add.at(self.month_income, homes, amt)
        for lo, total in zip(edges[:-1], totals, strict=True):
            account = int(payers[lo])
            self.balance[account] -= total
            self._institution_rows[source, account - self.households] -= total

    def collect(self, payee: int, households: Index, amounts: ArrayLike, source: Source) -> None:
        """Households pay an institution (``amounts`` >= 0 yuan, one per household)."""
        self.settle(payee, households, -self._nonnegative(amounts), source)

    def settle(self, account: int, households: Index, amounts: ArrayLike, source: Source) -> None:
        """Net flows between an institution and households, either way, in one transfer.

        A positive amount moves from the institution to the household, a
        negative one from the household to the institution (interest on
        deposits and on debts, say). ``households`` holds distinct indices or
        is a slice.

        The cost follows the households paid, never the community's size: a
        handful of numpy operations on ``households`` (scalar arithmetic for one
        household), each account's flow row reached as a view before it is indexed.
        """
        amt = amounts if isinstance(amounts, np.ndarray) else np.asarray(amounts, np.float64)
        if isinstance(households, slice):
            if households == _EVERY:  # every household (the households' economy, monthly)
                households, n = self._every, self.households
            else:
                households = slice(*households.indices(self.households))
                n = len(range(households.start, households.stop, households.step))
        else:
            n = households.shape[0]
            if n == 1 and amt.size == 1 and amt.ndim <= 1:  # one household: no array work
                self.settle_one(account, int(households[0]), float(amt.item()), source)
                return
        if amt.ndim:
            if amt.shape != (n,):
                raise ShapeError(f"amounts must be a scalar or have shape ({n},), got {amt.shape}")
            total = float(_add_reduce(amt))  # amt.sum(), without the method's wrapper
        else:
            total = float(amt) * n
        if account < self.households:
            raise ParameterError("account", "an institution", account, owner="Ledger")
        if not math.isfinite(total):  # a NaN or an infinity anywhere
            raise ParameterError("amounts", "finite", total, owner="Ledger")
        if self._income_final and source < _FIRST_CAPITAL:
            self._late_income(source)
        row = self._rows[source]  # this year's (a view), then the index
        if isinstance(households, slice) or n < _ADD_AT:
            self.balance[households] += amt
            row[households] += amt
            if source < _FIRST_CAPITAL:
                self.month_income[households] += amt
        else:  # many households: np.add.at, one pass (the same sums: the indices are distinct)
            np.add.at(self.balance, households, amt)
            np.add.at(row, households, amt)
            if source < _FIRST_CAPITAL:
                np.add.at(self.month_income, households, amt)
        balance, k = self.balance, account - self.households
        balance[account] = balance.item(account) - total
        self._institution_rows[source, k] = self._institution_rows.item(source, k) - total

    def settle_summed(
        self,
        account: int,
        households: NDArray[np.intp] | None,
        amounts: NDArray[np.float64],
        total: float,
        source: Source,
        *,
        income: bool = True,
    ) -> None:
        """:meth:`settle` of ``amounts`` whose sum the caller has worked out (and kept).

        ``total`` must be ``float(amounts.sum())``, as :meth:`settle` would compute
        it: the same postings, bit for bit, without the sum (a plan reused month
        after month). ``households`` is None for every household (``amounts`` of
        shape (H,)) or an array of distinct indices; ``amounts`` is float64.
        ``income=False`` leaves an income source out of :attr:`month_income` (the
        households' interest, posted after the savings step has read the month's income
        as final, :meth:`final_month_income`: the month's row of :meth:`income_ago` is
        then the income that step read).
        """
        self._post_summed(np.add, account, households, amounts, total, source, income)

    def collect_summed(
        self,
        account: int,
        households: NDArray[np.intp] | None,
        amounts: NDArray[np.float64],
        total: float,
        source: Source,
    ) -> None:
        """:meth:`settle_summed` of ``-amounts``: households pay ``amounts`` to ``account``.

        ``total`` must be ``float(amounts.sum())``. The same postings, bit for bit, as
        ``settle_summed(account, households, -amounts, float((-amounts).sum()), source)``
        without the negated array (``x - a`` is ``x + (-a)`` in floating point, and a
        sum of negated numbers is the negated sum; only a total of exactly zero could
        differ, in the sign of a zero balance). ``amounts`` may have either sign.

        >>> book = Ledger(households=2, institutions=("market",), months=12)
        >>> book.collect_summed(book.account("market"), None, np.array([3.0, 1.0]), 4.0,
        ...                     Source.CONSUMPTION)
        >>> book.balance.tolist()
        [-3.0, -1.0, 4.0]
        """
        self._post_summed(np.subtract, account, households, amounts, total, source)

    def _post_summed(
        self,
        op: np.ufunc,
        account: int,
        households: NDArray[np.intp] | None,
        amounts: NDArray[np.float64],
        total: float,
        source: Source,
        income: bool = True,
    ) -> None:
        """Post ``amounts`` to households by ``op`` and ``total`` to the account the other way.

        ``np.add``: the households receive; ``np.subtract``: they pay. ``income``: an
        income source counts in :attr:`month_income`.
        """
        income = income and source < _FIRST_CAPITAL
        if account < self.households:
            raise ParameterError("account", "an institution", account, owner="Ledger")
        if not math.isfinite(total):
            raise ParameterError("amounts", "finite", total, owner="Ledger")
        if income and self._income_final:
            self._late_income(source)
        row = self._rows[source]  # this year's (a view): a 1-d fancy index is the fast one
        if households is None:  # in place on the kept views (no new view, no temporary)
            op(self._household_balance, amounts, out=self._household_balance)
            op(row, amounts, out=row)
            if income:
                op(self.month_income, amounts, out=self.month_income)
        elif households.shape[0] < _ADD_AT:  # a gather, the operation and a scatter
            self.balance[households] = op(self.balance[households], amounts)
            row[households] = op(row[households], amounts)
            if income:
                self.month_income[households] = op(self.month_income[households], amounts)
        else:  # many (the month's remittances): op.at, one pass (the indices are distinct)
            op.at(self.balance, households, amounts)
            op.at(row, households, amounts)
            if income:
                op.at(self.month_income, households, amounts)
        total = total if op is np.add else -total  # x - (-t) is x + t
        balance, k = self.balance, account - self.households
        balance[account] = balance.item(account) - total
        self._institution_rows[source, k] = self._institution_rows.item(source, k) - total

    def settle_one(self, account: int, household: int, amount: float, source: Source) -> None:
        """:meth:`settle` of one household (an int) and one amount (a float, either sign).

        The same additions, on Python floats (a loan's payment, say).

        >>> book = Ledger(households=2, institutions=("bank",), months=12)
        >>> book.settle_one(book.account("bank"), 1, -2.5, Source.LOAN)
        >>> book.balance.tolist()
        [0.0, -2.5, 2.5]
        """
        if account < self.households:
            raise ParameterError("account", "an institution", account, owner="Ledger")
        if not math.isfinite(amount):
            raise ParameterError("amounts", "finite", amount, owner="Ledger")
        if self._income_final and source < _FIRST_CAPITAL:
            self._late_income(source)
        balance, row = self.balance, self._rows[source]
        balance[household] = balance.item(household) + amount
        row[household] = row.item(household) + amount
        if source < _FIRST_CAPITAL:
            self.month_income[household] = self.month_income.item(household) + amount
        balance[account] = balance.item(account) - amount
        k = account - self.households
        self._institution_rows[source, k] = self._institution_rows.item(source, k) - amount

    def settle_each(
        self, account: int, households: NDArray[np.intp], amounts: NDArray[np.float64],
        source: Source,
    ) -> None:  # fmt: skip
        """:meth:`settle_one` for each household and amount in turn (households may repeat).

        Bit for bit the same: each account receives the same additions in the same order
        (``np.add.at`` adds row by row; the institution's on Python floats, one by one).
        """
        values = amounts.tolist()
        if account < self.households:
            raise ParameterError("account", "an institution", account, owner="Ledger")
        if not math.isfinite(sum(values)):
            raise ParameterError("amounts", "finite", sum(values), owner="Ledger")
        if self._income_final and source < _FIRST_CAPITAL:
            self._late_income(source)
        np.add.at(self.balance, households, amounts)
        np.add.at(self._rows[source], households, amounts)
        if source < _FIRST_CAPITAL:
            np.add.at(self.month_income, households, amounts)
        k, total = account - self.households, self.balance.item(account)
        flow = self._institution_rows.item(source, k)
        for value in values:
            total, flow = total - value, flow - value
        self.balance[account], self._institution_rows[source, k] = total, flow

    @staticmethod
    def _nonnegative(amounts: ArrayLike) -> NDArray[np.float64] | float:
        if isinstance(amounts, float):  # one amount (a loan's payment, say): no array
            if not amounts >= 0:  # also catches NaN
                raise ParameterError("amounts", ">= 0 and finite", amounts, owner="Ledger")
            return amounts
        amt = np.asarray(amounts, dtype=np.float64)
        low = float(_min_reduce(amt, axis=None)) if amt.size else 0.0  # amt.min()
        if not low >= 0:  # also catches NaN
            raise ParameterError("amounts", ">= 0 and finite", low, owner="Ledger")
        return amt

    def postings(self) -> Postings:
        """Empty :class:`Postings` of this ledger: transfers gathered, posted by :meth:`post`."""
        return Postings(self)

    def post(self, postings: Postings) -> None:
        """Post every transfer of ``postings`` in this month's year, in one go.

        Bit for bit the same as one call of :meth:`pay`, :meth:`settle`, ... per transfer
        in the order gathered: each account receives the same additions in the same
        order, a payer's total is summed as :meth:`settle` sums it, and ``x - t`` is
        ``x + (-t)`` in floating point. The same ``postings`` may be posted again in a
        later month (a plan kept while nothing changes): its checks and sums are done
        once, and a posting is a few numpy operations per block of households.
        """
        if postings.ledger is not self:
            raise ParameterError("postings", "gathered for this ledger", "another", "Ledger")
        rows = self._rows  # this year's flow rows (views)
        if self._income_final:  # (checked before anything moves)
            for _, _, source in postings.blocks():
                if source < _FIRST_CAPITAL:
                    self._late_income(Source(source))
        for homes, amounts, source in postings.blocks():  # distinct households in each
            self.balance[homes] += amounts
            rows[source][homes] += amounts
            if source < _FIRST_CAPITAL:
                self.month_income[homes] += amounts
        balance, flows = self.balance, self._institution_rows
        for account, value, source, offset in postings.institutions():  # a few scalars
            balance[account] = balance.item(account) + value
            flows[source, offset] = flows.item(source, offset) + value

    # -- month end -----------------------------------------------------------------------------
    def close_month(self) -> None:
        """Snapshot institution balances and start the next month's income.

        The month's income is kept (:meth:`income_ago`); the next month's starts at 0 in
        the row of the month :data:`INCOME_MONTHS` + 1 months before it.
        """
        if self.month < self.months:
            self.institution_balance[self.month] = self.balance[self.households :]
        self.month += 1
        self.month_income = self._incomes[self.month % (INCOME_MONTHS + 1)]
        self.month_income.fill(0.0)
        self._income_final = False
        year = min(self.month // 12, self.years - 1)
        if year != self._year:
            self._year = year
            self._reach_views()

    def final_month_income(self) -> NDArray[np.float64]:
        """The month's income by household (:attr:`month_income`), read as final, yuan.

        The month's row of :meth:`income_ago` is what :meth:`close_month` keeps of it: a
        reader that sums the months as they come (the households' savings step, its 12
        months' income) and takes month ``m - 12`` off with :meth:`income_ago` is right
        only if nothing is added to the month after it read it. So, from this call until
        :meth:`close_month`, posting an income source to households raises
        :class:`~collective_econ.errors.OrderError` (before anything moves), unless the
        posting leaves it out of the month's income (:meth:`settle_summed` with
        ``income=False``: it is then in no month's income).

        >>> book = Ledger(households=1, institutions=("market",), months=24)
        >>> market = book.account("market")
        >>> book.pay_households(market, np.array([0]), 5.0, Source.WAGE)
        >>> book.final_month_income().tolist()
        [5.0]
        >>> book.pay_households(market, np.array([0]), 1.0, Source.WAGE)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        collective_econ.errors.OrderError: WAGE income posted to households in month 0 ...
        >>> book.close_month()  # the next month's income is open
        >>> book.pay_households(market, np.array([0]), 1.0, Source.WAGE)
        """
        self._income_final = True
        income: NDArray[np.float64] = self.month_income
        return income

    def _late_income(self, source: Source) -> NoReturn:
        raise OrderError(
            f"{Source(source).name} income posted to households in month {self.month} after "
            "the month's income was read as final (Ledger.final_month_income: the households' "
            "savings step): the savings step must be the month's last posting of an income "
            "source to households, else the income it read, and the 12 months' income it "
            "keeps (Ledger.income_ago), would miss it; post it before that step (a priority "
            "before SAVINGS_PRIORITY), or leave it out of the month's income "
            "(settle_summed(..., income=False))"
        )

    def income_ago(self, months: int) -> NDArray[np.float64]:
        """Each household's income of ``months`` months ago (1 .. :data:`INCOME_MONTHS`), yuan.

        As :attr:`month_income` stood when that month closed (0 for months before the
        first): a read-only view, valid until this month closes.

        >>> book = Ledger(households=2, institutions=("market",), months=24)
        >>> book.pay_households(book.account("market"), np.array([1]), 5.0, Source.WAGE)
        >>> book.close_month()
        >>> book.income_ago(1).tolist(), book.month_income.tolist()
        ([0.0, 5.0], [0.0, 0.0])
        """
        if not 1 <= months <= INCOME_MONTHS:
            raise ParameterError("months", f"1 .. {INCOME_MONTHS}", months, owner="Ledger")
        return self._past[(self.month - months) % (INCOME_MONTHS + 1)]

    # -- reductions ----------------------------------------------------------------------------
    def household_income(self) -> NDArray[np.float64]:
        """Income by year, source and household: shape (years, income sources, H), yuan."""
        return self.household_flows[:, : len(INCOME_SOURCES), :]


class Postings:
    """Transfers gathered to be posted in one call of :meth:`Ledger.post`.

    Each method checks its transfer as the ledger method of its name does and
    returns the postings (calls chain). Posting is bit for bit the same as calling
    those methods one after another in the order gathered. Nothing moves until
    :meth:`Ledger.post`; once posted, nothing more may be gathered (the same postings
    may be posted again: a plan kept from month to month).

    >>> book = Ledger(households=3, institutions=("firm", "market", "state"), months=12)
    >>> firm, market, state = (book.account(n) for n in ("firm", "market", "state"))
    >>> wages = book.postings().settle(firm, np.array([0, 2]), np.array([5.0, 1.0]), Source.WAGE)
    >>> book.post(wages.pay(market, firm, 6.0, Source.SALES).pay(state, firm, 0.5, Source.GRANT))
    >>> book.balance.tolist()
    [5.0, 0.0, 1.0, 0.5, -6.0, -0.5]
    """

    __slots__ = ("_blocks", "_institutions", "_posted", "ledger")

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self._blocks: list[tuple[Index, NDArray[np.float64], int]] = []
        """Additions to households: (households, amounts, source), in order."""
        self._institutions: list[tuple[int, float, int, int]] = []
        """Additions to institutions: (account, amount, source, account - households)."""
        self._posted = False

    def _institution(self, account: int, value: float, source: Source) -> None:
        offset = account - self.ledger.households
        if offset < 0:
            raise ParameterError("account", "an institution", account, owner="Ledger")
        if self._posted:
            raise ParameterError("postings", "not yet posted", "posted", owner="Ledger")
        self._institutions.append((account, value, int(source), offset))

    def pay(self, payer: int, payee: int, amount: float, source: Source) -> Postings:
        """:meth:`Ledger.pay`: ``amount`` (>= 0) yuan between two institutions."""
        if not amount >= 0:
            raise ParameterError("amount", ">= 0", amount, owner="Ledger.pay")
        if amount == 0:
            return self
        self._institution(payer, -amount, source)
        self._institution(payee, amount, source)
        return self

    def pay_households(
        self, payer: int, households: Index, amounts: ArrayLike, source: Source
    ) -> Postings:
        """:meth:`Ledger.pay_households` (``households``: distinct indices, or a slice)."""
        return self.settle(payer, households, Ledger._nonnegative(amounts), source)

    def collect(
        self, payee: int, households: NDArray[np.intp], amounts: ArrayLike, source: Source
    ) -> Postings:
        """:meth:`Ledger.collect` (``households``: distinct indices, an array)."""
        return self.settle(payee, households, -Ledger._nonnegative(amounts), source)

    def settle(
        self, account: int, households: Index, amounts: ArrayLike, source: Source
    ) -> Postings:
        """:meth:`Ledger.settle` (``households``: distinct indices, or a slice).

        A slice (a range of households, say, posted month after month) is posted as one:
        the same additions, without an index array.
        """
        homes: Index
        if isinstance(households, slice):
            homes = slice(*households.indices(self.ledger.households))
            n = len(range(homes.start, homes.stop, homes.step))
        else:
            homes = np.asarray(households, dtype=np.intp)
            n = homes.shape[0]
        amt = np.asarray(amounts, dtype=np.float64)
        if amt.ndim:
            if amt.shape != (n,):
                raise ShapeError(f"amounts must be a scalar or have shape ({n},), got {amt.shape}")
            total = float(amt.sum()) if n != 1 else float(amt[0])
        else:
            total = float(amt) * n
            amt = np.full(n, float(amt))
        if not math.isfinite(total):
            raise ParameterError("amounts", "finite", total, owner="Ledger")
        self._institution(account, -total, source)
        self._blocks.append((homes, amt, int(source)))
        return self

    def blocks(self) -> list[tuple[Index, NDArray[np.float64], int]]:
        """Additions to households, in order: (households, amounts, source); closes gathering."""
        self._posted = True
        return self._blocks

    def institutions(self) -> list[tuple[int, float, int, int]]:
        """Additions to institutions, in order: (account, amount, source, account - households)."""
        self._posted = True
        return self._institutions
