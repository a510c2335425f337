"""One run of the household simulation: a SimPy environment over numpy arrays.

:func:`simulate` draws the community, builds the :class:`~collective_econ.economy.world.World`
(the ledger and shared state), starts the households' own economy
(:mod:`collective_econ.economy.livelihood`), one SimPy process per scheme of the
policy, and the collectives' payouts, and runs month by month to the
horizon. SimPy processes live at the level of schemes, not households: each
event updates every household it touches at once, so the number of events
does not grow with the number of households.

Random streams: one SeedSequence per run; the community is drawn from the
child keyed ``"community"``, its demographic history (births, deaths,
migration: :mod:`collective_econ.economy.population`) from
``("core", "population")``, the households' economy from
``("core", "livelihood")`` and each scheme from ``("scheme", name)``. The
same run under two policies therefore has the same households, the same
births, deaths and spells away, the same job-market luck and, for the schemes
both share, the same prices, outbreaks and draws (common random numbers).
With the scenario's ``DemographyParams`` switches all off, the month-0
persons only age (:func:`~collective_econ.economy.population.frozen_history`).

Examples
--------
>>> from collective_econ.cases.caopijie import default_scenario
>>> sc = default_scenario()
>>> run = simulate(sc, sc.policy("80% shares"), seed=1, horizon_years=2)
>>> run.income.shape[0], abs(run.ledger_total) < 1e-4
(2, True)

Memory: a run keeps every household's flows by year and source, so its
memory grows with households x years. :func:`simulate` estimates it
(:func:`estimate_memory`) before allocating anything and refuses a run above
the budget (8 GB by default; ``memory_limit=`` or the environment variable
``COLLECTIVE_ECON_MEMORY_LIMIT``) with a :class:`MemoryBudgetError` that names
the memory needed:

>>> try:
...     check_memory(1_000_000, 3_000_000, months=1200)  # a million households, 100 years
... except MemoryError as err:  # a MemoryBudgetError
...     print(f"{err.needed / 1e9:.1f} GB needed, {err.limit / 1e9:.1f} GB allowed")
23.3 GB needed, 8.0 GB allowed
"""

from __future__ import annotations

import threading
from collections.abc import Generator
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

import numpy as np
import simpy
from numpy.typing import NDArray

from .economy import collective, households
from .economy.census import memo
from .economy.community import Community, CommunityParams, synthesize
from .economy.ledger import INCOME_SOURCES, Ledger, Source
from .economy.population import (
    DemographyParams,
    PopulationHistory,
    draw_history,
    frozen_history,
)
from .economy.world import CLOSE_PRIORITY, LOANS_PRIORITY, LateEvent, World, institutions
from .errors import MEMORY_LIMIT_ENV, ParameterError, ParameterTypeError
from .params import whole_number
from .policy import Policy
from .prices import using
from .resources import (
    DEFAULT_MEMORY_LIMIT,
    Estimate,
    check,
    experiment_estimate,
    memory_budget,
    run_estimate,
)
from .schemes import SCHEMES, scheme_accounts
from .seeding import SeedLike, as_seed_sequence, stream

if TYPE_CHECKING:
    from .scenario import Scenario

__all__ = [
    "DEFAULT_MEMORY_LIMIT",
    "MEMORY_LIMIT_ENV",
    "RunResult",
    "check_community",
    "check_memory",
    "estimate_experiment",
    "estimate_memory",
    "estimate_run",
    "memory_budget",
    "per_person",
    "simulate",
]


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
    written_off : float
        Loans written off on default during the run, yuan (the lenders' losses).
    claims : ndarray, shape (households + institutions,)
        Net claims of each account at the horizon, yuan: loans still owed to it less
        loans it still owes (households first, then the institutions in order). With
        the balances, a stakeholder's position at the horizon is cash plus claims.
    persons_by_year : ndarray, shape (years, households)
        Mean persons present (alive, not away) in each household in each year
        (:meth:`PopulationHistory.persons_by_year`): the divisor of per-capita
        incomes. Shaped like ``income`` without its sources axis. Empty: the
        month-0 sizes every year.
    population : PopulationHistory, optional
        The run's persons: births, deaths and spells away.
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
    written_off: float = 0.0
    claims: NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))
    persons_by_year: NDArray[np.float64] = field(default_factory=lambda: np.zeros((0, 0)))
    population: PopulationHistory | None = None

    def __post_init__(self) -> None:
        if self.persons_by_year.shape != (self.income.shape[0], self.community.n_households):
            sizes = np.broadcast_to(
                self.community.size.astype(np.float64), self.income[:, 0].shape
            )
            object.__setattr__(self, "persons_by_year", np.ascontiguousarray(sizes))

    @property
    def years(self) -> NDArray[np.int64]:
        """Calendar years of the rows of ``income``."""
        return self.start_year + np.arange(self.income.shape[0])

    def total_income(self) -> NDArray[np.float64]:
        """Household income by year, all sources: shape (years, households), yuan."""
        return np.asarray(self.income.sum(axis=1), dtype=np.float64)

    def per_capita_income(self, landless_only: bool = True) -> NDArray[np.float64]:
        """Per-capita income by year: shape (years, households), yuan/person/yr.

        Divided by the year's mean persons present (:attr:`persons_by_year`); a
        household with nobody present in a year has 0 that year (and weight 0 in
        person-weighted figures).
        """
        income = per_person(self.total_income(), self.persons_by_year)
        if landless_only:
            income = income[:, self.community.landless_target]
        return np.asarray(income, dtype=np.float64)

    def institution(self, name: str) -> NDArray[np.float64]:
        """Net flows of one institution by year and source: shape (years, sources)."""
        return np.asarray(self.institution_flows[:, :, self.institutions.index(name)])


def per_person(income: NDArray[np.float64], persons: NDArray[np.float64]) -> NDArray[np.float64]:
    """``income / persons``, 0 where nobody is present (``persons == 0``).

    >>> per_person(np.array([[10.0, 5.0]]), np.array([[2.0, 0.0]])).tolist()
    [[5.0, 0.0]]
    """
    out = np.divide(income, persons, out=np.zeros(np.broadcast(income, persons).shape),
                    where=persons > 0)  # fmt: skip
    return out


def check_community(policy: Policy, community: Community) -> None:
    """Refuse a policy whose schemes need more landless households than there are.

    A scheme that enrols households (a hog farm each) needs landless
    agricultural households with a working-age member to do the work; the
    check counts them too, so that a run is refused before it starts rather
    than failing in the scheme's process.
    """
    available, enrollable = memo((community,), ("capacity",), lambda: _capacity(community))
    for name, schedule in policy.schemes.items():
        needed_fn = SCHEMES[name].households_needed
        if needed_fn is None:
            continue
        needed = needed_fn(schedule.base)
        for count, what in (
            (available, "landless households"),
            (enrollable, "landless agricultural households with a member of working age"),
        ):
            if needed > count:
                raise ParameterError(
                    f"{name}.households",
                    f"<= the community's {what} ({count})",
                    needed,
                    owner=policy.path,
                )


def check_appraisal_only(policy: Policy, scenario: Scenario) -> None:
    """Refuse a policy that sets a scheme's appraisal-only parameter: it would not act.

    A scheme's :attr:`~collective_econ.schemes.base.Scheme.appraisal_only` parameters
    act in the appraisal of the scenario's ``[schemes.<name>]`` values only; a run
    models the same thing itself (the dibao's means test reads the households' own
    incomes). A policy's value other than the scenario's (a ``set`` or a period) would
    change nothing, so it is refused; a value in ``[schemes.<name>]`` acts, in the
    appraisal.
    """
    given = scenario.scheme_params
    for name, schedule in policy.schemes.items():
        scheme = SCHEMES[name]
        if not scheme.appraisal_only:
            continue
        base = given.get(name) or scheme.params_type()
        for month in (0, *schedule.change_months):
            params = schedule.at(month)
            for key in scheme.appraisal_only:
                value, own = getattr(params, key), getattr(base, key)
                if value != own:
                    raise ParameterError(
                        f"{name}.{key}",
                        f"the scenario's [schemes.{name}] value {own!r}: appraisal only (a "
                        "simulation models it itself), and a value either acts or is refused; "
                        f"set it in [schemes.{name}], where the appraisal uses it, not in a "
                        "policy, a period or a simulation's [[uncertainties]]",
                        value,
                        owner=policy.path,
                    )


def _capacity(community: Community) -> tuple[int, int]:
    """Landless households, and those agricultural with a member of working age at month 0."""
    landless = community.landless_target
    workers = np.zeros(community.n_households, dtype=bool)
    workers[community.person_household[community.working_age]] = True
    enrollable = int(np.count_nonzero(landless & community.agricultural & workers))
    return int(np.count_nonzero(landless)), enrollable


def estimate_memory(n_households: int, n_persons: int, months: int, *, groups: int = 14) -> int:
    """The memory one run needs, bytes: an estimate, computed without allocating.

    :func:`collective_econ.resources.run_estimate` with this engine's income
    sources and institutions: the ledger's flows of each household by year and
    source, the persons present by year, per-household and per-person-slot
    working arrays (births included), the institutions' flows and balances.

    Parameters
    ----------
    n_households, n_persons : int
        Households (H) and persons (P) of the community.
    months : int
        Length of the run.
    groups : int
        Resident groups (each has a collective account).

    Examples
    --------
    A million households over 20 years: the flows alone take 3.8 GB, the
    person slots (3 million persons and births) 1.5 GB.

    >>> round(estimate_memory(1_000_000, 3_000_000, 240) / 1e9, 1)
    5.9
    """
    return int(_run_estimate(n_households, n_persons, months, groups).bytes)


def _run_estimate(n_households: int, n_persons: int, months: int, groups: int) -> Estimate:
    accounts = len(institutions(groups, scheme_accounts()))
    return run_estimate(
        n_households, n_persons, months, sources=len(Source), institutions=accounts
    )


def check_memory(
    n_households: int,
    n_persons: int,
    months: int,
    *,
    groups: int = 14,
    limit: float | str | None = None,
) -> int:
    """Refuse a run whose estimated memory is above the limit; return the estimate, bytes.

    Raises
    ------
    MemoryBudgetError
        When :func:`estimate_memory` exceeds :func:`memory_budget` (``limit``).
    """
    return int(check(_run_estimate(n_households, n_persons, months, groups), limit).bytes)


def estimate_run(scenario: Scenario, months: int) -> Estimate:
    """The memory and time of one run of ``scenario`` over ``months``, before drawing anything."""
    return _run_estimate(
        *_expected_size(scenario.community)[:2], months, scenario.community.groups
    )


def estimate_experiment(
    scenario: Scenario, months: int, runs: int, workers: int, panels: int = 0
) -> Estimate:
    """An experiment's memory and time: ``runs`` runs on ``workers``, ``panels`` panels kept.

    A kept panel is a run's income and persons by year and household (two
    float64 arrays); the estimate counts every household, an upper bound on
    the landless ones.
    """
    households = _expected_size(scenario.community)[0]
    kept = 16.0 * panels * -(-months // 12) * households
    return experiment_estimate(estimate_run(scenario, months), runs, workers, kept=kept)


def _expected_size(params: CommunityParams) -> tuple[int, int, int]:
    """Households, persons and groups that :func:`~.community.synthesize` will draw."""
    urban = params.residents - params.agricultural_residents
    households = sum(
        max(1, round(persons / mean))
        for persons, mean in (
            (params.agricultural_residents, params.agricultural_household_size),
            (urban, params.urban_household_size),
        )
        if persons > 0
    )
    return households, params.residents, params.groups


def _horizon(scenario: Scenario, years: int | None, months: int | None) -> int:
    """The run's length in months, from ``horizon_years`` or ``horizon_months``."""
    if months is not None:
        if years is not None:
            raise ParameterError("horizon_months", "given alone (not with horizon_years)", months)
        return whole_number(months, "horizon_months", 1)
    y = scenario.horizon_years if years is None else years
    return 12 * whole_number(y, "horizon_years", 1)


def _service_loans(world: World) -> Generator[Any, Any, None]:
    """Each month, after month-end payments, borrowers pay what their loans ask, as cash allows.

    Loans are nominal contracts: first the month's inflation deflates what is owed
    (:meth:`~collective_econ.economy.credit.LoanBook.deflate`), then it is serviced
    (both in :meth:`~collective_econ.economy.credit.LoanBook.month_end`).
    """
    delay = 0
    while world.now + delay < world.horizon_months:
        yield LateEvent(world.env, LOANS_PRIORITY, delay)
        world.loans.month_end(world.inflation_month())
        delay = 1


def _close_months(world: World) -> Generator[Any, Any, None]:
    """The engine's last act each month: snapshot balances, start the next month."""
    delay = 0
    while world.now + delay < world.horizon_months:
        yield LateEvent(world.env, CLOSE_PRIORITY, delay)  # one event a month
        world.ledger.close_month()
        delay = 1


def simulate(
    scenario: Scenario,
    policy: Policy | str,
    *,
    seed: SeedLike = None,
    horizon_years: int | None = None,
    community: Community | None = None,
    horizon_months: int | None = None,
    memory_limit: float | str | None = None,
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
    horizon_months : int, optional
        Months to simulate instead of whole years (not with ``horizon_years``).
        A run that ends within a year records that year's flows so far, so
        ``income`` has ``ceil(months / 12)`` rows.
    memory_limit : float or str, optional
        Bytes the run may take (``"16GB"`` also works); by default the
        environment variable ``COLLECTIVE_ECON_MEMORY_LIMIT``, else 8 GB.

    Returns
    -------
    RunResult

    Raises
    ------
    MemoryBudgetError
        When the run's estimated memory (:func:`estimate_memory`) is above the
        limit, before the community is drawn or anything large is allocated.
    """
    if not callable(getattr(scenario, "policy", None)):  # Scenario is a higher floor
        raise ParameterTypeError("scenario", "a Scenario", scenario, owner="simulate")
    if community is not None and not isinstance(community, Community):
        raise ParameterTypeError("community", "a Community or None", community, owner="simulate")
    pol = scenario.policy(policy) if isinstance(policy, str) else policy
    if not isinstance(pol, Policy):
        raise ParameterTypeError("policy", "a Policy or a policy's name", policy)
    months = _horizon(scenario, horizon_years, horizon_months)
    size = (
        _expected_size(scenario.community)
        if community is None
        else (community.n_households, community.n_persons, community.n_groups)
    )
    check_memory(size[0], size[1], months, groups=size[2], limit=memory_limit)
    root = as_seed_sequence(seed)
    if community is None:
        community = synthesize(scenario.community, stream(root, "community"), scenario.livelihood)
    check_community(pol, community)
    check_appraisal_only(pol, scenario)
    env = simpy.Environment()
    accounts = institutions(community.n_groups, scheme_accounts())
    ledger = Ledger(community.n_households, accounts, months)
    world = World(
        env,
        community,
        ledger,
        months,
        scenario.start_year,
        demography=population(community, scenario.demography, months, root),
        prices=scenario.prices,
        livelihood=scenario.livelihood,
    )
    processes = [
        households.process(world, scenario.livelihood, stream(root, "core", "livelihood"))
    ]
    for name, schedule in pol.schemes.items():
        proc = SCHEMES[name].process
        if proc is not None:
            processes.append(proc(world, schedule, stream(root, "scheme", name)))
    processes += [
        collective.process(world, pol.payout),
        _service_loans(world),
        _close_months(world),
    ]
    for process in processes:
        env.process(process)
    with using(scenario.prices):  # the appraisals schemes make inside the run: its index
        events = _run_counting(env, months)
    for process in processes:  # those still waiting hold the world in a reference cycle:
        process.close()  # closed, the run's state is freed with its result, not at a later gc
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
        written_off=world.loans.written_off,
        claims=world.loans.claims(),
        persons_by_year=memo(  # the same for every run on this history: worked out once
            (world.population,),
            ("persons_by_year", months),
            lambda: world.population.persons_by_year(months),
        ).copy(),
        population=world.population,
    )


def population(
    community: Community, params: DemographyParams, months: int, root: np.random.SeedSequence
) -> PopulationHistory:
    """The run's demographic history: drawn from the stream ``("core", "population")``.

    The same for every policy of a replication and whatever runs it (common
    random numbers); with births, deaths and migration all off, the month-0
    persons ageing, with no draw (:func:`frozen_history`).
    """
    key = (params, months, root.entropy, tuple(root.spawn_key), root.pool_size)
    with _LOCK:
        for i, (k, c, history) in enumerate(_HISTORIES):
            if k == key and _same_people(c, community):  # another policy or design point
                _HISTORIES.append(_HISTORIES.pop(i))
                return history
    if params.frozen:
        history = frozen_history(community, months)
    else:
        history = draw_history(community, params, months, stream(root, "core", "population"))
    with _LOCK:
        _HISTORIES.append((key, community, history))
        del _HISTORIES[:-_KEEP_HISTORIES]
    return history


_PEOPLE = tuple(f.name for f in fields(Community) if f.init and f.name != "baseline")
"""The fields of a community a population history is drawn from: all it is made from but
the baselines (the fields worked out from the others, such as ``working_age``, follow)."""


def _same_people(a: Community, b: Community) -> bool:
    """Whether two communities hold the same persons and households (the same arrays).

    A design point that changes the livelihood rules rebases the community's baselines
    (``runs.experiment.run_task``) and keeps its other arrays: its population history,
    drawn from the same persons with the same seed, is the same, and so are the census
    plans kept with it.
    """
    return a is b or all(getattr(a, f) is getattr(b, f) for f in _PEOPLE)


_KEEP_HISTORIES = 2
_LOCK = threading.Lock()  # runs in threads share the list
_HISTORIES: list[tuple[tuple[Any, ...], Community, PopulationHistory]] = []
"""The last histories drawn, most recent last: the policies of a replication run one after
another share one (drawing it is a tenth of a run's time), the same arrays as drawing it anew."""


def _run_counting(env: simpy.Environment, until: int) -> int:
    """Run ``env`` to ``until``, counting the events processed."""
    count, peek, step = 0, env.peek, env.step
    while peek() < until:
        step()
        count += 1
    return count
