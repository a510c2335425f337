"""Resident groups' collectives: paying project profits out to member households.

Each resident group's collective receives the profits of the projects it
owns (the tea garden, the park, the hotel, as the case assigns them). Each
December it pays part of the year's net income to its member households,
per person, and keeps the rest as a reserve, under the policy's
:class:`~collective_econ.policy.PayoutRule`: a fixed ratio, or a ratio
decided by a majority vote of member households (seed-facts.md §6: major
matters are decided by referendum of all residents).

How households vote: a member household whose income so far this year is
below its pre-expropriation baseline (pro rata for the months elapsed)
votes to pay out everything; the others vote for the rule's ratio, keeping
a reserve. The option with more than half the votes wins; a tie keeps the
reserve.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..params import FRACTION, Parameters, param
from .ledger import INCOME_SOURCES, Source
from .world import World

__all__ = ["PayoutRule", "payout_ratios", "process"]


def payout_ratios(
    rule: PayoutRule,
    below_baseline: NDArray[np.bool_],
    group: NDArray[np.intp],
    member: NDArray[np.bool_],
    groups: int,
) -> NDArray[np.float64]:
    """The payout ratio of each group this year, shape (groups,).

    Examples
    --------
    Two groups: in group 0 two of three member households are below their
    baseline and vote to pay out everything; in group 1 one of two is.

    >>> import numpy as np
    >>> payout_ratios(PayoutRule(ratio=0.7), np.array([1, 1, 0, 1, 0], bool),
    ...               np.array([0, 0, 0, 1, 1]), np.ones(5, bool), 2).tolist()
    [1.0, 0.7]
    """
    ratios = np.full(groups, rule.ratio)
    if rule.vote:
        voters = np.bincount(group[member], minlength=groups)
        for_all = np.bincount(group[member & below_baseline], minlength=groups)
        ratios = np.where(2 * for_all > voters, 1.0, ratios)
    return ratios


def process(world: World, rule: PayoutRule) -> Generator[Any, Any, None]:
    """Each December, every collective pays out under ``rule``."""
    c = world.community
    book = world.ledger
    members = np.flatnonzero(c.member)
    weight_of = np.bincount(c.group[members], weights=c.size[members], minlength=c.n_groups)
    first_december = 11
    yield world.wait_until(first_december)
    while world.now < world.horizon_months:
        yield world.month_end()
        year = book.year
        months_elapsed = world.now % 12 + 1
        so_far = book.household_flows[year, : len(INCOME_SOURCES)].sum(axis=0)
        below = so_far < c.baseline * months_elapsed / 12.0
        ratios = payout_ratios(rule, below, c.group, c.member, c.n_groups)
        accounts = world.collective_accounts - book.households
        net = book.institution_flows[year, :, accounts].sum(axis=1)
        payout = np.maximum(net, 0.0) * ratios
        payout = np.minimum(payout, np.maximum(book.balance[world.collective_accounts], 0.0))
        share = np.divide(payout, weight_of, out=np.zeros_like(payout), where=weight_of > 0)
        amounts = share[c.group[members]] * c.size[members]
        for g in np.flatnonzero(payout > 0):  # one transfer per paying group (14 at most)
            in_group = c.group[members] == g
            book.pay_households(
                world.collective(int(g)),
                members[in_group],
                amounts[in_group],
                Source.COLLECTIVE_PAYOUT,
            )
        yield world.wait_until(world.now + 12)


@dataclass(frozen=True, slots=True, kw_only=True)
class PayoutRule(Parameters):
    """How each resident group's collective shares its profits with member households.

    Each December the collective pays ``ratio`` of the year's net income
    (if positive) to its member households, per person, and keeps the rest
    as a reserve. With ``vote=True`` the ratio is decided each year by a
    majority of member households: a household whose income this year is
    below its pre-expropriation baseline votes to pay out everything; the
    others vote for ``ratio``. (With two options, the majority is the median
    voter's choice.)
    """

    ratio: float = param(
        0.7,
        unit="fraction of net income",
        rule=FRACTION,
        source="estimate: the rest kept as a reserve",
    )
    vote: bool = param(
        True, unit="", source="seed-facts.md §6: major matters decided by referendum"
    )


class _CollectiveBooks:
    """The collectives' side of a collective project (the tea garden, the park) in a run.

    Every group's collective owns the project pro rata to its member persons
    (an estimate). One, the keeper, receives and pays every flow, so that a
    payment to households is one transfer; :meth:`settle` then passes the
    others their shares of the net (``OPERATIONS``). Wages go to landless
    households pro rata to their working-age members not ``occupied``; with
    none, labour is hired outside (-> market, ``OPERATIONS``).
    """

    def __init__(self, world: World) -> None:
        c = world.community
        self.world, self.book, self.market = world, world.ledger, world.account("market")
        persons = np.bincount(c.group[c.member], c.size[c.member], c.n_groups).astype(float)
        if persons.sum() <= 0:  # no members at all: equal shares
            persons = np.ones(c.n_groups)
        groups = np.flatnonzero(persons > 0)
        accounts = [int(a) for a in world.collective_accounts[groups]]
        self.keeper, self.others = accounts[0], accounts[1:]
        self.share = persons[groups[1:]] / persons.sum()
        self.net = 0.0  # the keeper's net from the project since the last settlement
        self.candidates = np.flatnonzero(c.working_age & c.landless_target[c.person_household])
        # the candidates' households, numbered 0 .. K-1, and when each loses its land
        self._homes, self._home = np.unique(
            c.person_household[self.candidates], return_inverse=True
        )
        self._landless_from = c.expropriation_month[c.person_household[self.candidates]]
        self._free = np.zeros(0, dtype=bool)
        self._workers: tuple[NDArray[np.intp], NDArray[np.intp]] = (self.candidates[:0],) * 2

    def receive(self, payer: int, amount: float, source: Source) -> None:
        """``payer`` pays the collectives ``amount`` yuan."""
        self.book.pay(payer, self.keeper, amount, source)
        self.net += amount

    def spend(self, payee: int, amount: float, source: Source) -> None:
        """The collectives pay ``payee`` ``amount`` yuan."""
        self.book.pay(self.keeper, payee, amount, source)
        self.net -= amount

    def pay_wages(self, amount: float, source: Source) -> None:
        """The collectives pay ``amount`` yuan of wages to landless households' free workers."""
        if amount <= 0:
            return
        free = self.world.occupied[self.candidates] == 0
        free &= self._landless_from <= self.world.now
        if not np.array_equal(free, self._free):  # who can work changed: recount
            count = np.bincount(self._home[free], minlength=self._homes.size)
            working = np.flatnonzero(count)
            self._free, self._workers = free, (self._homes[working], count[working])
        households, workers = self._workers
        if households.size == 0:
            self.spend(self.market, amount, Source.OPERATIONS)
            return
        self.book.pay_households(self.keeper, households, amount * workers / workers.sum(), source)
        self.net -= amount

    def settle(self) -> None:
        """The keeper passes each other collective its share of the net, or collects it."""
        for account, share in zip(self.others, self.share, strict=True):
            amount = self.net * share
            if amount >= 0:
                self.book.pay(self.keeper, account, amount, Source.OPERATIONS)
            else:
                self.book.pay(account, self.keeper, -amount, Source.OPERATIONS)
        self.net = 0.0
