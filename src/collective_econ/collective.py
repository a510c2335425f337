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
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .ledger import INCOME_SOURCES, Source
from .policy import PayoutRule
from .world import World

__all__ = ["payout_ratios", "process"]


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
