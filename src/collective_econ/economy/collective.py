"""Resident groups' collectives: paying project profits out to member households.

Each resident group's collective receives the profits of the projects it
owns (the tea garden, the park, the hotel, as the case assigns them). Each
December it pays part of the year's net (operating) income to its member households,
per person, and keeps the rest as a reserve, under the policy's
:class:`~collective_econ.policy.PayoutRule`: a fixed ratio, or a ratio
decided by a majority vote of member households (seed-facts.md §6: major
matters are decided by referendum of all residents).

How households vote: a member household whose income so far this year is
below its pre-expropriation baseline (pro rata for the months elapsed)
votes to pay out everything; the others vote for the rule's ratio, keeping
a reserve. The option with more than half the votes wins; a tie keeps the
reserve.

The base of a payout is the collective's operating surplus after interest: all its
flows of the year but the capital ones (:data:`CAPITAL_SOURCES`). Capital receipts are
not profit: the land fee the collective keeps (``1 - pass_through_share`` of it,
COMPENSATION) is members' land turned into money, and the part of the land fee that
goes to members reaches them as compensation, by ``pass_through_share`` alone
(:func:`~collective_econ.schemes.land_shares.process`; the case report says nothing of
a further distribution, seed-facts.md §4); paid out as profit, the kept fee would come
back to households as income. Loan principal moving in or out is financing, and the
project outlays the capital pays for (INVESTMENT) are not operating costs. Payouts are
paid only from cash, after the debt service the collective owes over the next twelve
months (its loans' scheduled payments) is set aside.

Collective projects (the tea garden, the park) are financed by
:class:`ProjectFinance`: the collectives' own cash first, then bank loans
(``world.loans``) up to a borrowing limit; when cash and credit run out, the
project is deferred, scaled down or stopped, as the scenario chooses. No
collective ever overdraws. The county government backs a share of those loans
(``loan_guarantee``): when a project loan defaults, the county pays the bank that
share of what is owed (``Source.GUARANTEE``, a fiscal cost).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Generator
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..errors import ParameterError
from ..params import FRACTION, Parameters, param
from ..prices import PriceIndex, current, using
from ._day_work import DayWork
from .census import memo
from .ledger import INCOME_SOURCES, Source
from .livelihood import LivelihoodParams
from .project_params import SHORTFALL_RULES, worker_days_param
from .world import World

__all__ = [
    "CAPITAL_SOURCES",
    "PLAN_MARGIN",
    "SHORTFALL_RULES",
    "PayoutRule",
    "ProjectFinance",
    "casual_forgone",
    "debt_service_due",
    "finance_plan",
    "fundable_share",
    "payback_year",
    "payout_ratios",
    "process",
    "shadow_wage",
    "worker_days_param",
]

CAPITAL_SOURCES: tuple[Source, ...] = (
    Source.COMPENSATION,
    Source.SHARES,
    Source.INVESTMENT,
    Source.LOAN,
    Source.GRANT,
    Source.GUARANTEE,
)
"""A collective's flows left out of the base of its payout (:func:`process`): capital
receipts and outlays (the land fee it keeps, shares, project outlays, loan principal,
capital grants, loan guarantees), not operating surplus."""
_OPERATING = np.array([s for s in Source if s not in CAPITAL_SOURCES], dtype=np.intp)
"""The sources of a collective's operating surplus after interest (the rest)."""

PLAN_MARGIN = 0.9
"""Share of the cash and the borrowing limit a project's plan may count on (an estimate:
the yearly plan leaves out interest within the year and the months' timing)."""


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


def debt_service_due(world: World, accounts: NDArray[np.intp]) -> NDArray[np.float64]:
    """The scheduled debt service (interest and principal) of each account this month, yuan."""
    loans = world.loans
    if loans.principal.size == 0:
        return np.zeros(len(accounts))
    if len(accounts) <= 2:  # a keeper or two: each one's loans, summed in order as bincount does
        return np.array([loans.due_of(int(a)) for a in accounts], dtype=float)
    per_account = np.bincount(
        loans.borrower, weights=loans.due(), minlength=int(np.max(accounts)) + 1
    )
    return np.asarray(per_account[accounts], dtype=float)


def interest_due(world: World, accounts: NDArray[np.intp]) -> NDArray[np.float64]:
    """The interest each account's loans charge this month, yuan (not yet serviced)."""
    loans = world.loans
    if loans.principal.size == 0:
        return np.zeros(len(accounts))
    monthly = np.where(loans.active, loans.principal * loans.rate / 12.0, 0.0)
    per_account = np.bincount(loans.borrower, weights=monthly, minlength=int(np.max(accounts)) + 1)
    return np.asarray(per_account[accounts], dtype=float)


def process(world: World, rule: PayoutRule) -> Generator[Any, Any, None]:
    """Each December, every collective pays out under ``rule``.

    A group's payout is shared per member: per person of its member households
    alive that month (those away keep their membership), so the shares follow
    births and deaths.

    Only member households count, so what the year needs is worked out once for
    them (their groups and baselines, and, at the first December that pays, their
    sizes in every December: a plan of the population history, shared by the policies
    of a replication); a December in which no collective has both a positive net and
    cash beyond its reserve pays nothing, and the vote is then not worked out; nor
    are the loans' interest and debt service when no collective's net is positive
    before interest (never negative: an active loan owes more than 0 at a rate >= 0).
    """
    c = world.community
    book = world.ledger
    members = np.flatnonzero(c.member)
    member_group = c.group[members]
    by_group = members[np.argsort(member_group, kind="stable")]  # each group's, ascending
    by_group_of = c.group[by_group]
    baseline = c.baseline[members]
    voting = np.ones(members.size, dtype=bool)
    sizes: dict[int, NDArray[np.intp]] = {}  # member households' persons each December
    accounts = world.collective_accounts - book.households
    first_december = 11
    yield world.wait_until(first_december)
    while world.now < world.horizon_months:
        yield world.month_end()
        year = book.year
        flows = book.institution_flows[year, :, accounts]
        net = flows[:, _OPERATING].sum(axis=1)  # operating surplus: no capital flow
        if not np.any(net > 0):  # the interest (>= 0) only lowers it: nobody pays this year
            yield world.wait_until(world.now + 12)
            continue
        net -= interest_due(world, world.collective_accounts)  # December's, charged after this
        reserve = 12.0 * debt_service_due(world, world.collective_accounts)
        cash = book.balance[world.collective_accounts] - reserve
        if np.any((net > 0) & (cash > 0)):  # else no collective pays anything this year
            months_elapsed = world.now % 12 + 1
            income = book.household_flows[year, : len(INCOME_SOURCES)]
            so_far = income[:, members].sum(axis=0)
            below = so_far < baseline * months_elapsed / 12.0
            ratios = payout_ratios(rule, below, member_group, voting, c.n_groups)
            payout = np.maximum(net, 0.0) * ratios
            payout = np.minimum(payout, np.maximum(cash, 0.0))
            if not sizes:  # at the first December that pays: the plan of the history
                sizes = _december_sizes(world)
            size = sizes.get(world.now)
            if size is None:  # not a December of the plan (a run that starts late)
                size = _member_sizes(world, (world.now,))[world.now]
            weight_of = np.bincount(member_group, weights=size[members], minlength=c.n_groups)
            share = np.divide(payout, weight_of, out=np.zeros_like(payout), where=weight_of > 0)
            paid = by_group[payout[by_group_of] > 0]  # members of paying groups
            book.pay_households_many(  # one posting: each paying group's collective pays its own
                world.collective_accounts[c.group[paid]],
                paid,
                share[c.group[paid]] * size[paid],
                Source.COLLECTIVE_PAYOUT,
            )
        yield world.wait_until(world.now + 12)


def _december_sizes(world: World) -> dict[int, NDArray[np.intp]]:
    """:func:`_member_sizes` of every December of the run: a plan of the population history.

    The same for every policy of a replication (:func:`~.census.memo`); read-only.
    """
    months = tuple(range(11, world.horizon_months, 12))
    return memo(
        (world.population, world.community),
        ("member sizes", months),
        lambda: _member_sizes(world, months),
    )


def _member_sizes(world: World, months: tuple[int, ...]) -> dict[int, NDArray[np.intp]]:
    """Persons of each member household alive in each of ``months``, shape (households,).

    Those away count (they keep their membership); other households have 0.
    """
    c, pop = world.community, world.population
    mine = np.flatnonzero(c.member[pop.household])
    arrives, dies, home = pop.arrives[mine], pop.dies[mine], pop.household[mine]
    out = {}
    for month in months:  # a few months, each a pass over the members' persons
        alive = (arrives <= month) & (month < dies)
        size = np.bincount(home[alive], minlength=c.n_households)
        size.setflags(write=False)
        out[month] = size
    return out


@dataclass(frozen=True, slots=True, kw_only=True)
class PayoutRule(Parameters):
    """How each resident group's collective shares its profits with member households.

    Each December the collective pays ``ratio`` of the year's net income, its
    operating surplus after interest (capital flows, :data:`CAPITAL_SOURCES`, left
    out), if positive, to its member households, per person, and keeps the rest
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


def casual_forgone(world: World, persons: NDArray[np.intp]) -> NDArray[np.float64]:
    """What each of ``persons`` earned a month in casual or urban work at the last wages, yuan.

    A person who gives a share ``s`` of a month's working days to day work loses
    ``s`` times this (casual days fall on working days at random).
    """
    listed, pay = world.casual_pay
    full = np.zeros(world.n_persons)
    full[listed] = pay
    return np.asarray(full[persons], dtype=float)


def shadow_wage(worker_days_month: float, livelihood: LivelihoodParams | None = None) -> float:
    """The casual income a landless worker forgoes per day of day work, yuan/day (appraisal).

    The simulation's rule (:func:`casual_forgone`) for a worker drawn at random
    from the landless: the casual month's pay (``casual_wage_month x
    casual_days_share``) times the share of the landless in work (the mean of
    ``employment_by_age``), over ``worker_days_month``. The simulation hires
    those out of work first, so its households forgo less than this: the
    appraisal's figure is the cautious one.

    >>> round(shadow_wage(26.0), 2)
    11.27
    """
    p = LivelihoodParams() if livelihood is None else livelihood
    employed = float(np.mean(p.employment_by_age))
    return p.casual_wage_month * p.casual_days_share * employed / worker_days_month


def check_finance(params: Any) -> None:
    """Refuse a loan whose grace period is not shorter than its term."""
    if params.loan_grace_years >= params.loan_years:
        raise ParameterError(
            "loan_grace_years",
            f"< loan_years ({params.loan_years})",
            params.loan_grace_years,
            owner=type(params).__name__,
        )


@dataclass(frozen=True, slots=True)
class ProjectFinance:
    """How a collective project is financed: read from its params' ``loan_*`` fields.

    Outlays are paid from the collectives' own cash, then from new bank loans at
    ``rate`` for ``years`` (interest only for ``grace_years``) while what the
    project owes stays within ``limit``; then ``shortfall`` decides. The county
    government guarantees ``guarantee`` (0-1) of each loan: on default it pays the
    bank that share of what is owed.
    """

    rate: float = 0.0594
    years: int = 10
    grace_years: int = 3
    limit: float = 0.0
    shortfall: str = "scale"
    guarantee: float = 0.0

    @classmethod
    def of(cls, params: Any) -> ProjectFinance:
        """The financing terms carried by a scheme's params."""
        return cls(
            rate=float(params.loan_rate),
            years=int(params.loan_years),
            grace_years=int(params.loan_grace_years),
            limit=float(params.loan_limit),
            shortfall=str(params.shortfall),
            guarantee=float(params.loan_guarantee),
        )


def finance_plan(
    net: NDArray[np.float64], finance: ProjectFinance, *, cash: float = 0.0
) -> dict[str, NDArray[np.float64]]:
    """Yearly financing of a project's net cash flows ``net`` (t = 0, 1, ...): the appraisal.

    Each year a deficit is paid from cash carried forward, then borrowed (up to
    ``finance.limit`` owed); each loan pays interest on what is owed, interest only
    for ``grace_years``, then level payments over the rest of its term, from cash
    (what cash cannot pay stays owed). A deficit beyond cash and credit is
    ``unfunded`` (the simulation defers, scales or stops the project). ``cash``
    is what the collectives hold for the project at the start, yuan. Loans are
    nominal: what is owed is deflated by each year's inflation of the current price
    index (:func:`collective_econ.prices.current`; the simulation deflates monthly,
    :meth:`~collective_econ.economy.credit.LoanBook.deflate`).

    Returns
    -------
    dict of str to ndarray
        ``borrowed``, ``interest``, ``repaid``, ``owed`` (end of year), ``unfunded``,
        ``guaranteed`` (the county's backing of what is owed at each year's end,
        ``finance.guarantee`` x ``owed``: what it would pay were the loans to default)
        and ``financed`` (the collective's flows: ``net`` plus loans, less interest
        and repayments; an unfunded deficit stays negative).

    Examples
    --------
    A project costing 1,000 in year 0 and earning 300 a year, 10% loans over 5 years:

    >>> from collective_econ.prices import FLAT, using
    >>> with using(FLAT):  # no inflation
    ...     f = finance_plan(np.array([-1000.0, 300, 300, 300, 300, 300]),
    ...                      ProjectFinance(rate=0.1, years=5, grace_years=1, limit=2000))
    >>> round(float(f["borrowed"][0])), round(float(f["interest"][1]))
    (1000, 100)
    """
    n = len(net)
    out = {k: np.zeros(n) for k in ("borrowed", "interest", "repaid", "owed", "unfunded")}
    owed, age = 0.0, 0
    cash = float(cash)
    index = current()  # loans are nominal: what is owed loses the year's inflation
    for t in range(n):
        owed /= 1.0 + (index.inflation_rate(index.base_year + t) if t > 0 else 0.0)
        interest = owed * finance.rate
        if owed > 0 and age >= finance.grace_years:
            left = max(finance.years - age, 1)
            r = finance.rate  # the level payment (annuity) on what is owed
            # 1 - (1 + r)^-left, without rounding 1 + r to 1 for a tiny rate
            due = owed * r / -float(np.expm1(-left * np.log1p(r))) if r > 0 else owed / left
        else:
            due = interest
        cash += float(net[t])
        if cash < due:  # borrow for the deficit and this year's debt service
            borrow = min(due - cash, max(finance.limit - owed, 0.0))
            if borrow > 0:
                if owed <= 0:
                    age = 0
                owed += borrow
                cash += borrow
                out["borrowed"][t] = borrow
        paid = min(max(cash, 0.0), due)
        out["interest"][t] = min(paid, interest)
        out["repaid"][t] = paid - out["interest"][t]
        owed += interest - paid
        cash -= paid
        if cash < 0:
            out["unfunded"][t] = -cash
            cash = 0.0
        out["owed"][t] = owed
        if owed > 0:
            age += 1
    financed = net + out["borrowed"] - out["interest"] - out["repaid"]
    out["guaranteed"] = finance.guarantee * out["owed"]
    out["financed"] = financed
    return out


def payback_year(net: NDArray[np.float64]) -> int:
    """The first year after the start in which a project's net flow is >= 0.

    That is when its first harvests pay its running costs; the last year if none.
    """
    later = np.flatnonzero(np.asarray(net)[1:] >= 0)
    return int(later[0]) + 1 if later.size else len(net) - 1


def fundable_share(
    net: NDArray[np.float64], finance: ProjectFinance, *, cash: float = 0.0
) -> float:
    """The largest share (0-1) of a project that cash and credit carry until it pays its way.

    The project's yearly net flows ``net`` (t = 0, 1, ...) at full size are scaled
    by the share; it is fundable when :func:`finance_plan` leaves no deficit
    unfunded up to :func:`payback_year`: the establishment, the upkeep and the
    interest until its first harvests pay its running costs fit ``cash`` plus
    the borrowing limit.

    Examples
    --------
    A project costing 1,000 and then 100 a year for two years before it earns,
    with no cash and 600 of credit at 0% (600 of its 1,200 need): half of it.

    >>> net = np.array([-1000.0, -100, -100, 500, 500])
    >>> round(fundable_share(net, ProjectFinance(rate=0.0, limit=600)), 3)
    0.5
    """
    net = np.asarray(net, dtype=float)
    until = payback_year(net) + 1

    def fits(share: float) -> bool:
        plan = finance_plan(share * net, finance, cash=cash)
        return float(plan["unfunded"][:until].sum()) <= 1e-6 * max(share, 1e-9)

    if fits(1.0):
        return 1.0
    lo, hi = 0.0, 1.0
    for _ in range(40):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if fits(mid) else (lo, mid)
    return lo


def _fundable(net: bytes, finance: ProjectFinance, cash: float) -> float:
    """:func:`fundable_share` of the flows ``net`` (float64 bytes), kept for the next run.

    A project's plan at its start is the same in every run with the same parameters,
    starting cash and price index (the bisection costs a few ms; :func:`finance_plan`
    deflates the loans by the current index, so the index is part of the key).
    """
    return _fundable_at(net, finance, cash, current())


@functools.lru_cache(maxsize=64)
def _fundable_at(net: bytes, finance: ProjectFinance, cash: float, index: PriceIndex) -> float:
    with using(index):
        return fundable_share(np.frombuffer(net, dtype=np.float64), finance, cash=cash)


class _CollectiveBooks:
    """The collectives' side of a collective project (the tea garden, the park) in a run.

    Every group's collective owns the project pro rata to its member persons
    (an estimate). One, the keeper, receives and pays every flow, so that a
    payment to households is one transfer; :meth:`settle` then passes the
    others their shares of a positive net (``OPERATIONS``) once the project
    owes the bank nothing; a loss is carried forward against later profits
    (the others never pay in, so no collective overdraws). Wages are labour-days
    worked by landless households' persons of working age not ``occupied``, within
    each one's days of the month, at the cost of their casual work
    (:meth:`pay_wages`); days they cannot give are hired outside (-> market,
    ``OPERATIONS``).

    Before an outlay the scheme asks :meth:`afford` what share of it can be
    paid: the keeper's cash beyond this month's debt service, then new bank
    loans (``world.loans``, at ``finance``'s terms, while the project owes
    less than its limit, backed by the county government for ``finance.guarantee``
    of what is owed at default); short of that, ``finance.shortfall`` decides.
    """

    def __init__(
        self,
        world: World,
        finance: ProjectFinance | None = None,
        rng: np.random.Generator | None = None,
    ) -> None:
        c = world.community
        self.world, self.book, self.market = world, world.ledger, world.account("market")
        self.finance = ProjectFinance() if finance is None else finance
        self.bank = world.account("bank")
        self.government = world.account("government")
        self.loans = world.loans
        self._first: dict[int, float] = {}
        """The first payment a yuan of new money owes, by months left (0: in the grace
        months): a function of the months alone at ``finance.rate`` (:meth:`afford`)."""
        self.loan_ids: list[int] = []
        """The project's loans in ``world.loans``, in the order made: its facility (whose
        principal grows with each drawdown) and the loans of late drawdowns."""
        self._live = np.zeros(0, dtype=np.intp)  # loan_ids still active, as last seen
        self._live_version = -1  # the book's version when `_live` was last filtered
        self.stopped = False
        """Whether the project has been abandoned (``shortfall="stop"``)."""
        self.facility_start = 0
        """The month of the first drawdown since the project last owed nothing: its
        loans' interest-only years and term run from it (:meth:`afford`)."""
        persons = np.bincount(c.group[c.member], c.size[c.member], c.n_groups).astype(float)
        if persons.sum() <= 0:  # no members at all: equal shares
            persons = np.ones(c.n_groups)
        groups = np.flatnonzero(persons > 0)
        accounts = [int(a) for a in world.collective_accounts[groups]]
        self.keeper, self.others = accounts[0], accounts[1:]
        self.share = persons[groups[1:]] / persons.sum()
        self.net = 0.0  # the keeper's net from the project since the last settlement
        self._work = DayWork(world, rng)  # whom the project hires, in their order among equals
        self.candidates = self._work.candidates
        """Person slots the project may hire at some month of the run (ascending)."""
        self.days_hired = 0.0
        """Labour-days worked by residents for the project so far."""
        self.days_outside = 0.0
        """Labour-days hired outside (the market) so far."""

    def receive(self, payer: int, amount: float, source: Source) -> None:
        """``payer`` pays the collectives ``amount`` yuan."""
        self.book.pay(payer, self.keeper, amount, source)
        self.net += amount

    def spend(self, payee: int, amount: float, source: Source) -> None:
        """The collectives pay ``payee`` ``amount`` yuan."""
        self.book.pay(self.keeper, payee, amount, source)
        self.net -= amount

    def pay_wages(
        self, amount: float, source: Source, *, day_wage: float, max_days: float
    ) -> float:
        """The collectives pay ``amount`` yuan of wages: labour-days at ``day_wage`` yuan/day.

        The project needs ``amount / day_wage`` labour-days this month. It hires
        landless households' persons of working age this month, not occupied by a
        scheme, each for at most the ``max_days`` working days of a month less what
        day work has already taken of them (:meth:`World.take_days`); a person
        gives a share ``d / max_days`` of the month's working days and loses that
        share of casual work (:func:`casual_forgone`). Those who forgo least a day
        are hired first (out of casual work, then the lowest-paid, by the casual
        pay of the last month's wages; a random order among equals), and only
        those who forgo less than ``day_wage`` a day. Days no resident can give are
        hired outside (-> market, ``OPERATIONS``).

        Returns
        -------
        float
            The labour-days worked by residents.
        """
        if amount <= 0:
            return 0.0
        need = amount / day_wage if day_wage > 0 else 0.0
        work = self._work
        hired, days = work.hire(need, day_wage, max_days)
        worked = float(np.add.reduce(days))  # (days.sum(), without its Python wrapper)
        if hired.size:
            self.world.take_days(work.ranked[hired], days / max_days)
            homes, pay = work.pay_by_household(hired, days * day_wage)
            self.book.pay_households(self.keeper, homes, pay, source)
        outside = amount - worked * day_wage
        if outside > 0:
            self.book.pay(self.keeper, self.market, outside, Source.OPERATIONS)
        self.net -= amount
        self.days_hired += worked
        self.days_outside += max(need - worked, 0.0)
        return worked

    def settle(self) -> None:
        """The keeper passes each other collective its share of a positive net.

        Only once the project's loans are repaid, and only from cash beyond this
        month's debt service; otherwise (and for a loss) the net is carried forward.
        """
        if self.net <= 0 or self.owed() > 0 or not self.others:
            return
        amount = min(self.net * float(self.share.sum()), self.cash())
        if amount <= 0:
            return
        for account, share in zip(self.others, self.share, strict=True):
            self.book.pay(
                self.keeper, account, amount * share / self.share.sum(), Source.OPERATIONS
            )
        self.net -= amount / float(self.share.sum())

    # -- financing --------------------------------------------------------------------------
    def plan(self, net: NDArray[np.float64]) -> float | None:
        """Size the project at its start from its yearly net flows ``net`` at full size.

        The share (0-1) of the project to start, by :func:`fundable_share` with the
        keeper's cash (less a margin, :data:`PLAN_MARGIN`, for the months' interest
        the yearly plan does not count): all of it when it fits; otherwise
        ``"scale"`` starts the share that fits, ``"defer"`` returns ``None`` (ask
        again next month) and ``"stop"`` stops the project (returns 0).
        """
        f = self.finance
        margin = ProjectFinance(
            f.rate, f.years, f.grace_years, f.limit * PLAN_MARGIN, f.shortfall, f.guarantee
        )
        share = _fundable(
            np.asarray(net, dtype=np.float64).tobytes(), margin, self.cash() * PLAN_MARGIN
        )
        if share >= 1.0:
            return 1.0
        if f.shortfall == "scale":
            return share
        if f.shortfall == "defer":
            return None
        self.stopped = True
        return 0.0

    def owed(self) -> float:
        """What the project owes the bank, yuan (arrears included).

        Summed over its loans in the order made, as a loop over them. A loan repaid
        or written off never becomes active again, so the loans no longer active are
        dropped from the list kept (``_live``) when met; they are looked for only when
        the book's :attr:`~collective_econ.economy.credit.LoanBook.version` has changed
        since (it does whenever a loan leaves the active ones).
        """
        loans = self.loans
        live = self._live
        if live.size and loans.version != self._live_version:
            live = self._live = live[loans.active[live]]
            self._live_version = loans.version
        return float(sum(loans.principal[live].tolist()))

    def cash(self) -> float:
        """The keeper's cash beyond this month's debt service, yuan."""
        return max(self._surplus(), 0.0)

    def _surplus(self) -> float:
        """The keeper's cash less this month's debt service (negative: it cannot pay it).

        The debt service is :func:`debt_service_due` of the keeper alone.
        """
        return self.book.balance.item(self.keeper) - self.loans.due_of(self.keeper)

    def afford(self, need: float) -> float:
        """The share of an outlay of ``need`` yuan (net of what it brings in) to pay now.

        Borrows from the bank what cash lacks, within the limit (this month's debt
        service included: the project calls it with ``need=0`` in months without
        outlays, so that interest in the grace years is paid). The loans are
        drawdowns of one facility: interest only until ``grace_years`` after the first
        drawdown, repaid by ``years`` after it (at least 12 months for a late one), as
        :func:`finance_plan` counts them. The facility is one loan in ``world.loans``
        whose principal grows with each drawdown
        (:meth:`~collective_econ.economy.credit.LoanBook.draw`); a drawdown repaid
        within 12 months (in the facility's last year or after it) is a loan of its
        own, to which that month's later drawdowns add; so is a drawdown while the
        facility's loan is in arrears (the new money pays its arrears first, and the
        months in arrears that lead to default count per drawdown, as they did when
        each drawdown was a loan of its own). If cash and credit
        still fall short: ``"scale"`` returns the share cash allows, ``"defer"``
        returns 0 (the outlay waits), ``"stop"`` returns 0 and stops the project.
        """
        if self.stopped:
            return 0.0
        f, loans, keeper, borrowed = self.finance, self.loans, self.keeper, False
        # the same below unless the project borrows (_surplus, without the call)
        surplus = self.book.balance.item(keeper) - loans.due_of(keeper)
        short = max(need, 0.0) - surplus
        if short > 0 and f.limit > 0 and not loans.in_default(keeper):
            # one facility, as in the appraisal (finance_plan): its grace and term run
            # from the first drawdown since the project last owed nothing, so a
            # drawdown never restarts the interest-only years
            owed, now = self.owed(), self.world.now
            start = now if owed <= 0 else self.facility_start
            months = max(start + 12 * f.years - now, 12)
            grace = min(max(start + min(12 * f.grace_years, 12 * f.years - 1) - now, 0),
                        months - 1)  # fmt: skip
            # borrow the shortfall and the new money's first payment (interest in the
            # grace months, else its level payment over the months left)
            first = self._first.get(0 if grace > 0 else months)
            if first is None:  # worked out once per number of months (the rate is fixed)
                r = f.rate / 12.0
                first = r if grace > 0 else (r / -math.expm1(-months * math.log1p(r)) if r > 0
                                             else 1.0 / months)  # fmt: skip
                self._first[0 if grace > 0 else months] = first
            borrow = min(short / (1.0 - first), f.limit - owed) if first < 1.0 else 0.0
            if borrow > 1.0:
                borrowed = True
                self.facility_start = start
                k = self.loan_ids[-1] if self.loan_ids else -1
                if k >= 0 and loans.takes_drawdown(k, months, grace):
                    # the facility's loan has these months and grace months left: the
                    # drawdown adds to it (its level payment is the annuity of what is owed
                    # over the months left, as for a separate loan maturing with it)
                    loans.draw(k, borrow)
                else:  # the first drawdown, one repaid within 12 months (a late one), or
                    # one while the facility is in arrears: a loan of its own, paid after
                    # the facility (the book pays a borrower's loans in the order made), so
                    # arrears count per drawdown as when each drawdown was a loan
                    backed = f.guarantee > 0
                    k = loans.lend(
                        self.bank, keeper, borrow, rate=f.rate, months=months,
                        grace_months=grace, guarantor=self.government if backed else None,
                        guarantee_share=f.guarantee,
                    )  # fmt: skip
                    self.loan_ids.append(k)
                    self._live = np.concatenate((self._live, (k,)))
        if need <= 0:
            return 1.0
        available = max(self._surplus() if borrowed else surplus, 0.0)  # cash()
        if available >= need * (1.0 - 1e-12):
            return 1.0
        if f.shortfall == "scale":
            return available / need
        if f.shortfall == "stop":
            self.stopped = True
        return 0.0
