"""The shared state that scheme processes act on during a simulation.

A :class:`World` is what a scheme's SimPy process sees: the SimPy
environment (one time unit = one month), the community, the ledger and its
accounts, and a few arrays of household and person state that several
schemes read or write (who has lost their land, who is occupied in a scheme
job or business, who has been trained). Schemes import this module, never
the simulation engine; the engine builds a World and starts each scheme's
process on it without knowing any scheme by name.

Timing within a month
---------------------
Events at time ``t`` happen during month ``t`` (0 = January of the start
year). Events of a month fire in the order of their SimPy priorities,
whenever they were scheduled (:class:`LateEvent`):

1. ordinary events (``env.timeout``, :meth:`World.wait_until`): the schemes'
   steps, which occupy and release persons (:meth:`World.occupy`,
   :meth:`World.release`), give day work (:meth:`World.take_days`) and pay
   their wages and incomes; farming, rents, pensions and remittances;
2. the households' work (``WORK_PRIORITY``): casual and urban wages of the
   month, worked out from who is occupied and who gave days once every
   ordinary event of the month has acted, in every month, month 0 included
   (a person a scheme occupies in month ``t`` earns no casual wage in month
   ``t``; one released in month ``t`` earns month ``t``'s, if in work);
3. :meth:`World.month_end` events (``MONTH_END_PRIORITY``): processes that need
   the month's incomes (the collectives' payouts, the land pension);
4. loan servicing (``LOANS_PRIORITY``), 5. the dibao's means test
   (``MEANS_TEST_PRIORITY``), 6. the households' savings step
   (``SAVINGS_PRIORITY``: the month's income is final from then on, see
   :meth:`~.ledger.Ledger.final_month_income`), 7. the engine's month close
   (``CLOSE_PRIORITY``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import InitVar, dataclass, field
from typing import Any, TypeVar, cast

import numpy as np
import simpy
from numpy.typing import NDArray

from ..prices import PriceIndex, current, indexation_factor
from .census import Census, memo
from .community import Community
from .credit import LoanBook
from .ledger import Ledger
from .livelihood import LivelihoodParams
from .population import PopulationHistory, frozen_history

__all__ = [
    "LOANS_PRIORITY",
    "MONTH_END_PRIORITY",
    "WORK_PRIORITY",
    "LateEvent",
    "World",
    "institutions",
]

WORK_PRIORITY = 2
"""SimPy priority of the households' work: after every NORMAL (1) event of the same time.

The schemes' occupations and day work of a month, made by ordinary events, are all
in place when the month's casual wages are worked out, whenever those events were
scheduled (a process started in month 0 included)."""
MONTH_END_PRIORITY = 3
"""SimPy priority of month-end events: after the month's wages."""
LOANS_PRIORITY = 4
"""SimPy priority of loan servicing: after every month-end payment."""
MEANS_TEST_PRIORITY = 5
"""SimPy priority of the dibao's means test: after loans are serviced."""
SAVINGS_PRIORITY = 6
"""SimPy priority of households' spending and saving: after the means test."""
CLOSE_PRIORITY = 7
"""SimPy priority of the engine's month close: last of every month."""

_A = TypeVar("_A", bound=NDArray[Any])
CasualPay = tuple[NDArray[np.intp], NDArray[np.float64]]
Holding = Callable[[NDArray[np.intp], int], NDArray[np.float64]]

_NO_HOUSEHOLDS = np.zeros(0, dtype=np.intp)
_NO_HOUSEHOLDS.setflags(write=False)


@dataclass(eq=False)
class World:
    """The state of one simulation run, shared by the scheme processes.

    Attributes
    ----------
    env : simpy.Environment
        Time unit: one month.
    community : Community
        The households, and the persons of month 0.
    population : PopulationHistory
        Every person slot of the run (month 0's persons, then those born in it):
        household, sex, skill, birth, death and spells away. Person arrays of the
        world (``occupied``, ``trained``, ``day_work``) have one entry per slot;
        processes read who is present, ages, working age, household sizes and
        remittances of the current month from :meth:`present`, :meth:`ages`,
        :meth:`working_age`, :meth:`household_sizes` and :meth:`remittances`.
        Built from ``demography`` (a drawn history); without one, the month-0
        persons ageing (:func:`~collective_econ.economy.population.frozen_history`).
    ledger : Ledger
        Every account and every transfer.
    horizon_months : int
        Length of the run.
    start_year : int
        Calendar year of month 0.
    prices : PriceIndex
        The run's price index (keyword only): amounts are real yuan of its base
        year; it gives this month's inflation (:meth:`inflation_month`, which
        deflates nominal contracts) and the real wage level (:meth:`real_wage_factor`).
        Default: the current index (:func:`collective_econ.prices.current`).
    livelihood : LivelihoodParams
        The run's rules of the household economy (keyword only; default
        ``LivelihoodParams()``), for schemes that price work by them (the jobs scheme's
        displaced outside workers fall back on casual work at its rates).
    occupied : ndarray of int, shape (persons,)
        How many schemes occupy each person (a scheme job, a business, a farm):
        a person with any claim does no casual work. Use :meth:`occupy` and
        :meth:`release`, so that one scheme's release does not cancel another's claim.
    trained : ndarray of bool, shape (persons,)
        Persons who have been through vocational training.
    loans : LoanBook
        Every loan of the run (lender, borrower, rate, repayment path), serviced
        each month by the engine; borrowers never overdraw.
    occupancy_changes : int
        How many times :meth:`occupy` or :meth:`release` has run: a process
        that caches who is free recomputes it only when this has moved.
    day_work : ndarray of float, shape (persons,)
        The share of this month's working days each person gives to day work
        for a collective project (:meth:`take_days`; 0 in a month without any):
        casual work can use only the rest, so a person in casual work earns that
        share less of it (casual days fall on working days at random).
    casual_pay : tuple of ndarray
        ``(persons, pay)``: what each person in casual or urban work earned a month
        when the households' economy last paid wages (persons not listed earn
        nothing), published by :mod:`collective_econ.economy.households`
        (:meth:`publish_casual_pay`: worked out when first asked for).
    """

    env: simpy.Environment
    community: Community
    ledger: Ledger
    horizon_months: int
    start_year: int = 2010
    prices: PriceIndex = field(default_factory=current, kw_only=True)
    livelihood: LivelihoodParams = field(default_factory=LivelihoodParams, kw_only=True)
    demography: InitVar[PopulationHistory | None] = None
    population: PopulationHistory = field(init=False)
    occupied: NDArray[np.int16] = field(init=False)
    trained: NDArray[np.bool_] = field(init=False)
    collective_accounts: NDArray[np.intp] = field(init=False)
    loans: LoanBook = field(init=False)
    occupancy_changes: int = field(init=False, default=0)
    day_work: NDArray[np.float64] = field(init=False)
    day_work_month: int = field(init=False, default=-1)
    _casual_pay: CasualPay | Callable[[], CasualPay] = field(init=False, repr=False)
    _touched: NDArray[np.bool_] = field(init=False, repr=False)
    _touched_list: NDArray[np.intp] | None = field(init=False, repr=False)
    _day_workers: list[NDArray[np.intp]] = field(init=False, repr=False)
    _waves: dict[int, NDArray[np.intp]] = field(init=False, repr=False)
    _views: dict[str, NDArray[Any]] = field(init=False, repr=False)
    _views_month: int = field(init=False, default=-1, repr=False)
    _census: Census = field(init=False, repr=False)
    _yearly: dict[tuple[str, int], float] = field(init=False, repr=False)
    _holdings: dict[str, Holding] = field(init=False, repr=False)

    def __post_init__(self, demography: PopulationHistory | None) -> None:
        c = self.community
        self.population = (
            frozen_history(c, self.horizon_months) if demography is None else demography
        )
        if self.population.n_households != c.n_households or (
            self.population.n_initial != c.n_persons
        ):
            raise ValueError("the population's households and persons must be the community's")
        self._views = {}
        self._holdings = {}
        self._census = Census(self.population, self.horizon_months)
        # the yearly figures of the price index: the same in every run on it
        self._yearly = memo((), ("yearly", self.prices, self.start_year), dict)
        n = self.population.n_slots
        self.loans = LoanBook(self.ledger)
        self.occupied = np.zeros(n, dtype=np.int16)
        self.trained = np.zeros(n, dtype=bool)
        self.day_work = np.zeros(n)
        self._day_workers = []  # the persons given day work this month, by call
        self.casual_pay = (np.zeros(0, dtype=np.intp), np.zeros(0))
        self._touched = np.zeros(c.n_households, dtype=bool)  # see touched_households()
        self._touched_list = _NO_HOUSEHOLDS
        # households by expropriation month, each wave in ascending order (read-only)
        self._waves = memo((c,), ("waves",), lambda: _waves(c.expropriation_month))
        self.collective_accounts = np.array(
            [self.ledger.account(collective_name(g)) for g in range(self.community.n_groups)],
            dtype=np.intp,
        )

    # -- time ------------------------------------------------------------------------------
    @property
    def now(self) -> int:
        """The current month (0 = January of the start year)."""
        return int(self.env.now)

    @property
    def calendar_month(self) -> int:
        """The month of the year, 1 = January."""
        return self.now % 12 + 1

    def month_end(self) -> simpy.Event:
        """An event that fires at the end of the current month, after its ordinary events.

        After the month's wages too (``WORK_PRIORITY``): the month's incomes are in.
        """
        return LateEvent(self.env, MONTH_END_PRIORITY)

    def wait_until(self, month: int) -> simpy.Timeout:
        """A timeout to the start of ``month`` (now if it has passed)."""
        delay = month - self.now
        return simpy.Timeout(self.env, delay if delay > 0 else 0)  # (env.timeout, direct)

    # -- prices (amounts are real yuan of the price index's base year) -----------------------
    @property
    def year(self) -> int:
        """The calendar year of the current month."""
        return self.start_year + self.now // 12

    def inflation_month(self) -> float:
        """General (CPI) inflation of the current month, a fraction (``prices``).

        A nominal contract's real value falls by ``1 / (1 + inflation_month())`` this
        month (:meth:`LoanBook.deflate`).
        """
        return self._per_year("inflation", lambda year: self.prices.monthly_inflation(year))

    def real_wage_factor(self) -> float:
        """The real wage level this year relative to month 0's (1 in the first year).

        Every wage of the run is its month-0 real wage times this factor
        (:meth:`PriceIndex.real_wage_factor`, moving each January).
        """
        p, start = self.prices, self.start_year
        return self._per_year(
            "wage", lambda year: float(p.real_wage_factor(year) / p.real_wage_factor(start))
        )

    def indexed(self, rule: str) -> float:
        """The real value this year of a transfer indexed by ``rule`` (1 in the first year).

        ``"prices"``: 1; ``"wages"``: :meth:`real_wage_factor`
        (:func:`collective_econ.prices.indexation_factor`).
        """
        return self._per_year(
            rule,
            lambda year: float(indexation_factor(rule, self.prices, year, self.start_year)),
        )

    def _per_year(self, what: str, make: Callable[[int], float]) -> float:
        """A figure of the current calendar year, computed once a year whoever asks.

        ``make(year)`` must depend on the year, :attr:`prices` and :attr:`start_year`
        alone: the figures are kept for every run on the same index and start year.
        """
        key = (what, self.year)
        value = self._yearly.get(key)
        if value is None:
            value = self._yearly[key] = make(key[1])
        return value

    # -- persons ----------------------------------------------------------------------------
    @property
    def n_persons(self) -> int:
        """Person slots of the run (month-0 persons and births): the length of person arrays."""
        return self.population.n_slots

    def _view(self, name: str, make: Callable[[], _A]) -> _A:
        """A read-only array of the current month, computed once a month whoever asks."""
        if self._views_month != self.now:
            self._views, self._views_month = {}, self.now
        view = self._views.get(name)
        if view is None:
            view = self._views[name] = make()
            view.setflags(write=False)
        return cast(_A, view)

    def present(self) -> NDArray[np.bool_]:
        """Person slots alive and at home this month, shape (slots,) (read-only)."""
        return self._census.present(self.now)

    def ages(self) -> NDArray[np.intp]:
        """Each slot's age in whole years this month, shape (slots,) (meaningful if alive)."""
        out: NDArray[np.intp] = self._view("ages", lambda: self.population.ages_at(self.now))
        return out

    def working_age(self) -> NDArray[np.bool_]:
        """Slots present this month and of working age (16-59), shape (slots,) (read-only)."""
        return self._census.working_age(self.now)

    def household_sizes(self) -> NDArray[np.intp]:
        """Persons present in each household this month (0 if none), shape (households,)."""
        return self._census.household_sizes(self.now)

    def remittances(self) -> NDArray[np.float64]:
        """What each household's members away send home this month, yuan, shape (households,)."""
        return self._census.remittances(self.now)

    @property
    def population_changes(self) -> int:
        """How many times who is present has changed (a birth, death, departure or return).

        As of the last time :meth:`present` or :meth:`household_sizes` was asked: a
        process that caches something that depends on it recomputes only when this has moved.
        """
        return self._census.changes

    def occupy(self, persons: NDArray[np.intp]) -> None:
        """A scheme takes ``persons`` (distinct indices) out of casual work."""
        if len(persons) == 0:  # nothing changes: caches of who is free stay valid
            return
        self.occupied[persons] += 1
        self.occupancy_changes += 1
        self._touch(persons)

    def release(self, persons: NDArray[np.intp]) -> None:
        """A scheme gives ``persons`` (distinct indices) back; each had a claim from it."""
        if len(persons) == 0:
            return
        self.occupied[persons] -= 1
        self.occupancy_changes += 1

    def _touch(self, persons: NDArray[np.intp]) -> None:
        """Mark the households of ``persons`` (occupied, or given day work) as touched."""
        homes = self.population.household[persons]
        if not self._touched[homes].all():
            self._touched[homes] = True
            self._touched_list = None

    def touched_households(self) -> NDArray[np.intp]:
        """Households a scheme has touched so far in the run (ascending, read-only).

        Those with a person that a scheme has occupied (:meth:`occupy`) or given
        day work (:meth:`take_days`) at some month of the run, whether or not that
        person is still occupied. The persons of every other household have always
        been free for casual work, and have never given days to day work. The array
        is the same object until a household is added.
        """
        if self._touched_list is None:
            touched = np.flatnonzero(self._touched)
            touched.setflags(write=False)
            self._touched_list = touched
        return self._touched_list

    @property
    def casual_pay(self) -> CasualPay:
        """``(persons, pay)`` of the last wages paid (see the class's attributes)."""
        pay = self._casual_pay
        if callable(pay):  # published lazily: worked out at the first reading
            pay = self._casual_pay = pay()
        return pay

    @casual_pay.setter
    def casual_pay(self, value: CasualPay) -> None:
        self._casual_pay = value

    def publish_casual_pay(self, make: Callable[[], CasualPay]) -> None:
        """Publish :attr:`casual_pay` as ``make()``, called if and when someone reads it.

        ``make`` must give what :attr:`casual_pay` would have been at publication:
        it may hold only arrays that nobody changes afterwards.
        """
        self._casual_pay = make

    def casual_pay_of(
        self, persons: NDArray[np.intp], first: int | None = None
    ) -> tuple[NDArray[np.float64], bool]:
        """:attr:`casual_pay`'s pay of ``persons[:first]`` (0 if unlisted), and if none is < 0.

        The second is True when no pay listed is below 0 or NaN (False does not say that
        one is). Read without working out everyone's pay when the publisher offers it (an
        ``of(persons, first)`` method of what :meth:`publish_casual_pay` was given),
        which may keep where ``persons`` stand, by the array's identity, for the next
        month: pass an array that nobody changes.
        """
        of = getattr(self._casual_pay, "of", None)
        if of is not None:
            out: tuple[NDArray[np.float64], bool] = of(persons, first)
            return out
        listed, pay = self.casual_pay
        persons = persons[:first]
        if not listed.size:
            return np.zeros(len(persons)), True
        pos = np.minimum(np.searchsorted(listed, persons), listed.size - 1)
        found = listed[pos] == persons
        return np.where(found, pay[pos], 0.0), bool(np.min(pay) >= 0.0)

    def days_given(self) -> NDArray[np.float64]:
        """The share of this month's working days each person gives to day work, shape (persons,).

        Zero for everyone in a month without day work (the record of an earlier
        month is cleared first).
        """
        if self.day_work_month != self.now:
            for persons in self._day_workers:  # the last month's day workers: cleared
                self.day_work[persons] = 0.0
            self._day_workers = []
            self.day_work_month = self.now
        return self.day_work

    def take_days(self, persons: NDArray[np.intp], share: NDArray[np.float64]) -> None:
        """Day work takes ``share`` (0-1) of this month's working days of ``persons`` (distinct).

        Shares add up over the projects of the month, to at most 1.
        """
        work = self.days_given()
        work[persons] = np.minimum(work[persons] + share, 1.0)
        self._day_workers.append(persons)
        self._touch(persons)

    # -- accounts --------------------------------------------------------------------------
    def account(self, name: str) -> int:
        """The ledger index of an institution (``"developer"``, ``"government"``, ...)."""
        return self.ledger.account(name)

    def collective(self, group: int) -> int:
        """The ledger index of a resident group's collective."""
        return int(self.collective_accounts[group])

    # -- households ------------------------------------------------------------------------
    def landless(self) -> NDArray[np.bool_]:
        """Households whose land has been taken by now, shape (households,)."""
        m = self.community.expropriation_month
        return (m >= 0) & (m <= self.now)

    def newly_landless(self) -> NDArray[np.intp]:
        """Households whose land is taken this month (ascending, read-only)."""
        return self._waves.get(self.now, _NO_HOUSEHOLDS)

    def publish_holdings(self, kind: str, value: Holding) -> None:
        """Publish a kind of financial asset households hold besides their cash (shares).

        ``value(households, month)`` gives the book value of each listed household's
        holding at the moment it is called (in ``month``, the current one), real yuan (0
        for none); it reads the publisher's own arrays, so it follows them without being
        published again. It must not hold the world (the world holds it: a reference
        cycle would keep a finished run's world alive until a garbage collection).
        """
        self._holdings[kind] = value

    def holdings(self, households: NDArray[np.intp]) -> NDArray[np.float64]:
        """Book value of ``households``' published holdings (:meth:`publish_holdings`), yuan.

        Summed over the kinds published; zeros when none is. Worked out when asked
        (for the households asked about only), so it is never a month behind.
        """
        out = np.zeros(len(households))
        for value in self._holdings.values():
            out += value(households, self.now)
        return out


def _waves(month: NDArray[np.integer[Any]]) -> dict[int, NDArray[np.intp]]:
    """Households by expropriation month, each wave in ascending order (read-only)."""
    order = np.argsort(month, kind="stable")
    months, starts = np.unique(month[order], return_index=True)
    waves = {}
    for m, wave in zip(months.tolist(), np.split(order, starts[1:]), strict=True):
        wave.setflags(write=False)
        waves[m] = wave
    return waves


class LateEvent(simpy.Event):
    """An event that fires after the ordinary events of its month.

    Built like :class:`simpy.Timeout` (already triggered, scheduled on
    creation), with a lower priority than SimPy's NORMAL; ``delay`` months
    from now (0: this month). Events of the same month fire in the order of
    their priorities, whenever they were scheduled.
    """

    def __init__(self, env: simpy.Environment, priority: int, delay: int = 0) -> None:
        simpy.Event.__init__(self, env)
        self._ok = True
        self._value = None
        env.schedule(self, priority, delay)  # type: ignore[arg-type]  # simpy's int-like priority


def collective_name(group: int) -> str:
    """The account name of resident group ``group``'s collective."""
    return f"collective:{group}"


def institutions(groups: int, firms: Sequence[str] = ()) -> tuple[str, ...]:
    """The institutions of the ledger, in order.

    Parameters
    ----------
    groups : int
        Resident groups: one collective account each, first.
    firms : sequence of str, optional
        The accounts the schemes book to, between the government and the bank:
        firms, public funds and outside people such as the workers the jobs
        scheme displaces (the engine passes
        :func:`collective_econ.schemes.scheme_accounts`); this module knows no
        scheme.

    Returns
    -------
    tuple of str
        The collectives, ``"developer"``, ``"government"``, the scheme
        accounts, ``"bank"`` and ``"market"``.
    """
    return (
        *(collective_name(g) for g in range(groups)),
        "developer",
        "government",
        *firms,
        "bank",
        "market",
    )
