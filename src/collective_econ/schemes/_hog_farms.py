"""The hog farms' cash, credit line and exits, for the ``hog_double_hundred`` process.

A farm pays from its household's cash and draws on a working-capital credit
line from the bank where the cash falls short (:class:`_Farms`); it exits
when it cannot pay, and its worker is free again.

A private helper of :mod:`collective_econ.schemes.hogs`.
"""

from __future__ import annotations

from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from ..economy.world import World
from ._hog_market import DAYS_PER_MONTH, Floats

__all__ = ["FarmParams", "growing_months"]


class FarmParams(Protocol):
    """The parameters the farms' credit reads (HogParams has them)."""

    @property
    def credit_line(self) -> float: ...
    @property
    def credit_months(self) -> int: ...
    @property
    def credit_rate(self) -> float: ...
    @property
    def days_to_finish(self) -> int: ...


class _Farms:
    """The farms' cash, credit line and exits, for the process in :mod:`.hogs`."""

    def __init__(
        self,
        world: World,
        hh: NDArray[np.intp],
        first: NDArray[np.intp],
        running: NDArray[np.bool_],
        lines: list[list[int]],
    ) -> None:
        self.world, self.hh, self.first, self.running, self.lines = (
            world, hh, first, running, lines
        )  # fmt: skip
        self.bank = world.account("bank")
        self.paused = 0
        """Batches skipped because the farm could not fund them."""
        self.unpaid = 0.0
        """Suppliers' bills the farms could not pay, yuan (the suppliers' loss)."""

    def owed(self, f: int) -> float:
        """Working-capital principal farm ``f`` owes on its credit line."""
        loans, mine = self.world.loans, self.lines[f]
        return float((loans.principal[mine] * loans.active[mine]).sum()) if mine else 0.0

    def fund(
        self, farms: NDArray[Any], amounts: Floats, p: FarmParams, *, partial: bool = False
    ) -> NDArray[np.bool_]:
        """Draw on the credit line where cash falls short of ``amounts``; which farms can pay.

        With ``partial``, a farm borrows what its line allows even when that is not enough.
        """
        loans, balance = self.world.loans, self.world.ledger.balance
        ok = np.ones(farms.size, dtype=bool)
        cash = np.maximum(balance[self.hh[farms]], 0.0)
        for k in np.flatnonzero(cash < amounts).tolist():
            f, who = int(farms[k]), int(self.hh[farms[k]])
            short = float(amounts[k] - cash[k])
            room = 0.0 if loans.in_default(who) else max(p.credit_line - self.owed(f), 0.0)
            ok[k] = room >= short
            draw = short if ok[k] else (room if partial else 0.0)
            if draw >= 1.0:
                grace = min(growing_months(p), p.credit_months - 1)
                self.lines[f].append(
                    loans.lend(
                        self.bank,
                        who,
                        draw,
                        rate=p.credit_rate,
                        months=p.credit_months,
                        grace_months=grace,
                    )
                )
            ok[k] = ok[k] and balance[who] >= amounts[k] - 1e-6
        return ok

    def defaulted(self) -> NDArray[np.intp]:
        """Running farms whose household has defaulted on a loan."""
        loans = self.world.loans
        run = np.flatnonzero(self.running)
        return run[loans.defaulted(self.hh[run])]

    def exit(self, farms: NDArray[Any]) -> None:
        """Farms stop: no more batches, their workers are free."""
        if len(farms) == 0:
            return
        farms = np.unique(np.asarray(farms, dtype=np.intp))
        farms = farms[self.running[farms]]
        if farms.size:
            self.running[farms] = False
            self.world.release(self.first[farms])


def growing_months(p: FarmParams) -> int:
    """Whole months from a batch's placement to its sale."""
    return int(np.floor(p.days_to_finish / DAYS_PER_MONTH))
