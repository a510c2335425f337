"""One run of the household simulation: a SimPy environment over numpy arrays.

:func:`simulate` draws the community, builds the :class:`~collective_econ.world.World`
(the ledger and shared state), starts the households' own economy
(:mod:`collective_econ.livelihood`), one SimPy process per scheme of the
policy, and the collectives' payouts, and runs month by month to the
horizon. SimPy processes live at the level of schemes, not households: each
event updates every household it touches at once, so the number of events
does not grow with the number of households.

Random streams: one SeedSequence per run; the community is drawn from the
child keyed ``"community"``, the households' economy from
``("core", "livelihood")`` and each scheme from ``("scheme", name)``. The
same run under two policies therefore has the same households, the same
job-market luck and, for the schemes both share, the same prices, outbreaks
and draws (common random numbers).

Examples
--------
>>> from collective_econ.scenario import default_scenario
>>> sc = default_scenario()
>>> run = simulate(sc, sc.policy("80% shares"), seed=1, horizon_years=2)
>>> run.income.shape[0], abs(run.ledger_total) < 1e-4
(2, True)
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import simpy
from numpy.typing import NDArray

from . import collective, livelihood
from .community import Community, synthesize
from .errors import ParameterError
from .ledger import INCOME_SOURCES, Ledger
from .policy import Policy
from .schemes import SCHEMES
from .seeding import SeedLike, as_seed_sequence, stream
from .world import CLOSE_PRIORITY, LateEvent, World, institutions

if TYPE_CHECKING:
    from .scenario import Scenario

__all__ = ["RunResult", "check_community", "simulate"]


@dataclass(frozen=True, eq=False)
class RunResult:
    """What one run records, reduced as it went.

    Attributes
    ----------
    policy : str
        The policy's name.
    community : Community
        The households of this run.
    income : ndarray, shape (years, income sources, households)
        Net income received by each household, by year and source, yuan.
    household_flows : ndarray, shape (years, sources, households)
        All net flows of each household (capital flows included), yuan.
    institutions : tuple of str
        Names of the institution accounts.
    institution_flows : ndarray, shape (years, sources, institutions)
        Net flows of each institution by year and source, yuan.
    institution_balance : ndarray, shape (months, institutions)
        Balances at the end of each month, yuan.
    ledger_total : float
        Sum of all balances at the end: zero up to rounding (money is conserved).
    events : int
        SimPy events processed.
    """

    policy: str
    community: Community
    income: NDArray[np.float64]
    household_flows: NDArray[np.float64]
    institutions: tuple[str, ...]
    institution_flows: NDArray[np.float64]
    institution_balance: NDArray[np.float64]
    ledger_total: float
    events: int
    start_year: int = 2010

    @property
    def years(self) -> NDArray[np.int64]:
        """Calendar years of the rows of ``income``."""
        return self.start_year + np.arange(self.income.shape[0])

    def total_income(self) -> NDArray[np.float64]:
        """Household income by year, all sources: shape (years, households), yuan."""
        return np.asarray(self.income.sum(axis=1), dtype=np.float64)

    def per_capita_income(self, landless_only: bool = True) -> NDArray[np.float64]:
        """Per-capita income by year: shape (years, households), yuan/person/yr."""
        income = self.total_income() / self.community.size
        if landless_only:
            income = income[:, self.community.landless_target]
        return np.asarray(income, dtype=np.float64)

    def institution(self, name: str) -> NDArray[np.float64]:
        """Net flows of one institution by year and source: shape (years, sources)."""
        return np.asarray(self.institution_flows[:, :, self.institutions.index(name)])


def check_community(policy: Policy, community: Community) -> None:
    """Refuse a policy whose schemes need more landless households than there are."""
    available = int(np.count_nonzero(community.landless_target))
    for name, schedule in policy.schemes.items():
        needed_fn = SCHEMES[name].households_needed
        if needed_fn is None:
            continue
        needed = needed_fn(schedule.base)
        if needed > available:
            raise ParameterError(
                f"{name}.households",
                f"<= the community's landless households ({available})",
                needed,
                owner=policy.path,
            )


def _close_months(world: World) -> Generator[Any, Any, None]:
    """The engine's last act each month: snapshot balances, start the next month."""
    while world.now < world.horizon_months:
        yield LateEvent(world.env, CLOSE_PRIORITY)
        world.ledger.close_month()
        yield world.env.timeout(1)


def simulate(
    scenario: Scenario,
    policy: Policy | str,
    *,
    seed: SeedLike = None,
    horizon_years: int | None = None,
    community: Community | None = None,
) -> RunResult:
    """Run one policy once.

    Parameters
    ----------
    scenario : Scenario
        The community's statistics, the household economy and the policies.
    policy : Policy or str
        A policy (or the name of one of the scenario's).
    seed : int, SeedSequence, Generator or None
        The run's root seed.
    horizon_years : int, optional
        Years to simulate; the scenario's horizon by default (20).
    community : Community, optional
        Households to use instead of drawing them from the scenario.

    Returns
    -------
    RunResult
    """
    pol = scenario.policy(policy) if isinstance(policy, str) else policy
    years = scenario.horizon_years if horizon_years is None else horizon_years
    if isinstance(years, bool) or not isinstance(years, int) or years < 1:
        raise ParameterError("horizon_years", "a whole number >= 1", years)
    months = 12 * years
    root = as_seed_sequence(seed)
    if community is None:
        community = synthesize(scenario.community, stream(root, "community"), scenario.livelihood)
    check_community(pol, community)
    env = simpy.Environment()
    ledger = Ledger(community.n_households, institutions(community.n_groups), months)
    world = World(env, community, ledger, months, scenario.start_year)
    env.process(livelihood.process(world, scenario.livelihood, stream(root, "core", "livelihood")))
    for name, schedule in pol.schemes.items():
        proc = SCHEMES[name].process
        if proc is not None:
            env.process(proc(world, schedule, stream(root, "scheme", name)))
    env.process(collective.process(world, pol.payout))
    env.process(_close_months(world))
    events = _run_counting(env, months)
    return RunResult(
        policy=pol.name,
        community=community,
        income=ledger.household_flows[:, : len(INCOME_SOURCES), :],
        household_flows=ledger.household_flows,
        institutions=ledger.institutions,
        institution_flows=ledger.institution_flows,
        institution_balance=ledger.institution_balance,
        ledger_total=ledger.total(),
        events=events,
        start_year=scenario.start_year,
    )


def _run_counting(env: simpy.Environment, until: int) -> int:
    """Run ``env`` to ``until``, counting the events processed."""
    count = 0
    while True:
        t = env.peek()
        if t >= until:
            return count
        env.step()
        count += 1
