"""The households' revolving credit lines at the bank (:mod:`.households`' savings step)."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .livelihood import LivelihoodParams
from .world import World

__all__: list[str] = []


class _CreditLines:
    """The households' revolving credit lines at the bank, worked with array operations.

    One line per household (a rural credit cooperative's micro-credit line). Each
    month a household that owes pays the line's interest (``debt_rate``) and a
    minimum repayment (what it owes over ``debt_repayment_years``); it may draw on
    the line up to ``credit_limit_income`` times its usual yearly income (its mean
    income of the last 12 months, x 12) to pay for its spending; it spends no more
    than its cash and that room; and cash left after spending repays the line. A
    household that cannot pay its dues even by cutting spending to nothing is in
    arrears (the shortfall is added to what it owes); after ``world.loans.default_after``
    months in arrears in a row it defaults: the bank writes the line off
    (``world.loans.register_default``; no cash moves) and the household borrows no
    more, here or in ``world.loans``. Only households that owe or run short are
    touched in a month, so the cost follows the number of borrowers.
    """

    def __init__(self, world: World, params: LivelihoodParams) -> None:
        n = world.community.n_households
        self.loans = world.loans
        self.r = params.debt_rate / 12.0
        self.repay = 1.0 / (12.0 * params.debt_repayment_years)
        self.multiple = 12.0 * params.credit_limit_income
        self.owed = world.loans.household_lines  # the bank's claims, kept in the book
        """What each household owes on its line, yuan (arrears included)."""
        self.owing = np.zeros(n, dtype=bool)
        """Households that owe something."""
        self.arrears = np.zeros(n, dtype=np.int64)
        self.after = world.loans.default_after
        self.zero = np.zeros(n)  # read only (np.maximum against zeros: the bits of 0.0's)
        self.zero.setflags(write=False)

    def month(
        self,
        who: NDArray[np.intp],
        balance: NDArray[np.float64],
        earned: NDArray[np.float64],
        spend: NDArray[np.float64],
        usual: NDArray[np.float64],
    ) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
        """The month of the households ``who``: (net interest, principal repaid, spending).

        ``balance`` is their cash, ``earned`` their deposit interest, ``spend`` what
        they would spend; a negative principal repaid is a drawing on the line. The
        caller moves the money; cash ends at >= 0 for every household.
        """
        owed = self.owed.take(who)
        due = owed * self.repay
        net = earned - owed * self.r  # deposit interest less the line's
        cash = balance + net
        cash -= due  # after interest and the minimum repayment
        zeros = self.zero[: who.size]
        room = self.multiple * np.maximum(usual, zeros)
        room -= owed
        room += due
        np.maximum(room, zeros, out=room)
        room[self.loans.defaulted(who)] = 0.0
        reach = cash + room
        spend = np.minimum(spend, np.maximum(reach, zeros))
        repaid = np.minimum(cash - spend, owed - due)  # cash - spend < 0: drawn on the line
        repaid += due  # (or arrears); > 0: repays more
        owed -= repaid
        # dues unpaid even with spending cut to nothing: months in arrears in a row
        arrears = (self.arrears.take(who) + 1) * (reach < 0.0)
        if arrears.max() >= self.after:  # default: the bank writes the line off, no cash moves
            failed = arrears >= self.after
            self.loans.register_default(who[failed], owed[failed])
            owed[failed] = 0.0
        self.owed[who] = owed
        self.owing[who] = owed > 1e-9
        self.arrears[who] = arrears
        return net, repaid, spend
