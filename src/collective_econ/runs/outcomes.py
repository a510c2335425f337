"""What a run records: the outcome catalogue and the one reduction of a run."""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .. import metrics
from ..economy.ledger import INCOME_SOURCES, Source
from ..errors import ParameterError, suggest
from ..finance import DiscountRates, stakeholder_npv
from ..metrics.inequality import sorted_by_value, sorted_gini, sorted_quantiles
from ..metrics.lines import NATIONAL_RURAL_POVERTY_LINE
from ..schemes import firm_accounts, outside_accounts, public_accounts
from ..simulation import RunResult, per_person

Floats = NDArray[np.float64]

__all__ = [
    "ACCOUNT_GROUPS",
    "COUNTY_ITEMS",
    "INCOME_QUANTILES",
    "LAND_PENSION_ACCOUNTS",
    "OUTCOMES",
    "PERIODS",
    "SCHEME_STATUS",
    "SOURCE_QUANTILES",
    "STAKEHOLDER_GROUPS",
    "WAGE_SUBSIDY_ACCOUNTS",
    "Outcome",
    "RunSummary",
    "RunView",
    "check_record",
    "outcome_info",
    "reduce_run",
    "summarize",
]

STAKEHOLDER_GROUPS: tuple[str, ...] = (
    "households",
    "collectives",
    "developer",
    "government",
    "firms",
    "bank",
    "market",
    "other_workers",
)
"""Who the comparison reports net flows for (institutions grouped). ``other_workers``:
the outside workers the jobs scheme's reserved places displace (their lost wages, the
account ``market:displaced_workers``); ``market``: everyone else outside (buyers and sellers)."""

ACCOUNT_GROUPS: Mapping[str, str] = MappingProxyType({"market:displaced_workers": "other_workers"})
"""The stakeholder group of each outside account the schemes open
(:func:`~collective_econ.schemes.outside_accounts`); the other accounts are grouped by
kind: collectives, firms, public funds (with the government), or their own name."""


COUNTY_ITEMS: tuple[tuple[str, tuple[Source, ...]], ...] = (
    ("land_conveyance", (Source.SALES,)),
    ("compensation", (Source.COMPENSATION,)),
    ("taxes", (Source.TAX,)),
    ("household_subsidies", (Source.SUBSIDY,)),
    ("wage_subsidies", ()),
    ("interest_subsidies", ()),
    ("programme_subsidies", (Source.OPERATIONS,)),
    ("grants", (Source.GRANT, Source.INVESTMENT)),
    ("dibao", (Source.DIBAO,)),
    ("pensions", (Source.PENSION,)),
    ("land_pension", ()),
    ("guarantees", (Source.GUARANTEE,)),
    ("loans", (Source.LOAN,)),
    ("other", tuple(s for s in Source if s not in {
        Source.SALES, Source.COMPENSATION, Source.TAX, Source.SUBSIDY, Source.OPERATIONS,
        Source.GRANT, Source.INVESTMENT, Source.DIBAO, Source.PENSION, Source.GUARANTEE,
        Source.LOAN})),
    ("claims", ()),
)  # fmt: skip
"""The county's books: the items of the county government's net flows (with the public
funds grouped with it, :func:`~collective_econ.schemes.public_accounts`), each the ledger
sources it sums. ``land_conveyance``: land conveyance revenue from the developer (SALES);
``compensation``: compensation outlays to households and collectives (with the
transitional housing allowance when the county pays it); ``taxes``;
the subsidies (tax relief is tax not received, so not a flow), told apart by who
receives them: ``household_subsidies``: paid to households (SUBSIDY: the hog
subsidies);
``wage_subsidies``: the public-welfare posts' wage subsidies (OPERATIONS received by
the firms of :data:`WAGE_SUBSIDY_ACCOUNTS`); ``interest_subsidies``: on the hog and
business loans (OPERATIONS received by the bank); ``programme_subsidies``: the rest of
the government's OPERATIONS (training, the tea garden's establishment subsidies);
``grants``: capital grants (house swap, hog farms; GRANT, INVESTMENT); ``dibao``;
``pensions``: the basic pensions (the residents' and the retirees', paid by the
government account: its PENSION flows); ``land_pension``: the landless farmers' pension
insurance, the flows of the fund of :data:`LAND_PENSION_ACCOUNTS` with everyone outside
the government (the collectives' contributions, PENSION, and the households', INVESTMENT,
received less the pensions paid: the county's own payments into the fund move within the
group, so what the county pays for the scheme shows as the pensions the others'
contributions do not cover; the pensions owed after the horizon are not in the books, and
the fund's balance at the horizon is what the contributions left for them);
``guarantees``: guarantees paid on
defaulted collective debt (GUARANTEE); ``loans``: loan principal (today the enterprise
scheme's guarantee-fund payments, which it books as LOAN); ``other``: every other
source; ``claims``: the government's net claims at the horizon (last year). The items
sum to the government's column of ``stakeholder_flows``."""

WAGE_SUBSIDY_ACCOUNTS: tuple[str, ...] = ("brewery", "factories")
"""The firm accounts whose OPERATIONS flows are only the government's public-welfare post
wage subsidies (the jobs scheme's employers that book no operating costs of their own;
the hotel company books its operating costs as OPERATIONS, so a subsidy to it would stay
in ``programme_subsidies``)."""

LAND_PENSION_ACCOUNTS: tuple[str, ...] = ("insurance_fund",)
"""The public accounts whose PENSION and INVESTMENT flows are only the landless farmers'
pension insurance (:mod:`~collective_econ.schemes.land_pension`: the fund receives the
collectives' (PENSION) and the households' (INVESTMENT) contributions and pays the
pensions; the county pays into it under another source), so the government account's own
PENSION flows are the basic pensions, and its INVESTMENT flows the capital grants."""

_MOVED = {  # item: the account whose OPERATIONS it takes from ``programme_subsidies``
    "wage_subsidies": WAGE_SUBSIDY_ACCOUNTS,
    "interest_subsidies": ("bank",),
}
_OWN = (  # (item, the source, the item it leaves, the group's accounts whose flows move)
    ("land_pension", Source.PENSION, "pensions", LAND_PENSION_ACCOUNTS),
    ("land_pension", Source.INVESTMENT, "grants", LAND_PENSION_ACCOUNTS),
)

_COUNTY_MATRIX = np.zeros((len(Source), len(COUNTY_ITEMS)))
for _j, (_, _sources) in enumerate(COUNTY_ITEMS):
    _COUNTY_MATRIX[list(_sources), _j] = 1.0
_ITEM = {name: j for j, (name, _) in enumerate(COUNTY_ITEMS)}


@dataclass(frozen=True, eq=False)
class RunSummary:
    """One run reduced to what comparisons need.

    Attributes
    ----------
    per_capita : ndarray, shape (years, landless households)
        Income per person of each landless household, yuan/person/yr.
    by_source : ndarray, shape (years, income sources)
        Income of all landless households by source, yuan/yr.
    stakeholders : ndarray, shape (years, len(STAKEHOLDER_GROUPS))
        Net flows of each stakeholder group, yuan/yr.
    events : int
        SimPy events of the run.
    """

    per_capita: Floats
    by_source: Floats
    stakeholders: Floats
    events: int


def summarize(run: RunResult) -> RunSummary:
    """Reduce a run to per-capita incomes of the landless, sources and stakeholders.

    A stakeholder's flows are its net cash flows each year, and in the last year also
    its net claims at the horizon (loans still owed to it less loans it still owes,
    :attr:`RunResult.claims`), so that NPVs compare positions on one basis: cash plus
    claims. Land shares are redeemed at the horizon by the scheme itself. The
    households' flows leave their own consumption in (what they receive less what they
    pay others for anything but what they consume): their spending is the use of their
    income, not a loss, and the sellers' (the market's) flows leave it out.
    """
    return _summary(run, run.income[:, :, run.community.landless_target])


def _summary(run: RunResult, income: Floats) -> RunSummary:
    """:func:`summarize`, given ``income``: the run's income of its landless households."""
    c = run.community
    landless = c.landless_target
    persons = run.persons_by_year[:, landless]
    per_capita = per_person(income.sum(axis=1), persons)
    # by source: the households with someone present that year, as the per-person means
    # (a household whose members have all died or left is out of that year's figures)
    present = (persons > 0)[:, None, :]
    flows = run.institution_flows.sum(axis=1)  # (years, institutions)
    groups = np.zeros((flows.shape[0], len(STAKEHOLDER_GROUPS)))
    # money is conserved: what all households gain, the institutions lose (to rounding),
    # and their table is 600 times smaller than the households'
    groups[:, 0] = -flows.sum(axis=1)
    column = _group_columns(run.institutions)
    np.add.at(groups.T, column, flows.T)
    # what households spend on their own consumption is theirs, not a loss: it counts in
    # their flows and out of the sellers' (the market), so the groups still sum to zero
    spent = run.institution_flows[:, int(Source.CONSUMPTION), :]
    groups[:, 0] += spent.sum(axis=1)
    np.add.at(groups.T, column, -spent.T)
    if run.claims.size:  # positions at the horizon: claims on top of cash
        h = c.n_households
        groups[-1, 0] += float(run.claims[:h].sum())
        np.add.at(groups[-1], column, run.claims[h:])
    return RunSummary(per_capita, np.where(present, income, 0.0).sum(axis=2), groups, run.events)


def _group_columns(institutions: tuple[str, ...]) -> NDArray[np.intp]:
    """The column of :data:`STAKEHOLDER_GROUPS` each institution account belongs to."""
    firms, public = set(firm_accounts()), set(public_accounts())
    outside = {a: ACCOUNT_GROUPS.get(a, a) for a in outside_accounts()}

    def kind(name: str) -> str:
        if name.startswith("collective:"):
            return "collectives"
        if name in public:  # public funds count with the county government
            return "government"
        if name in outside:  # outside people: a group each (the displaced workers)
            return outside[name]
        return "firms" if name in firms else name

    return np.array([STAKEHOLDER_GROUPS.index(kind(n)) for n in institutions], dtype=np.intp)


@dataclass(frozen=True, eq=False)
class RunView:
    """What the outcomes of one run are computed from, each piece computed once.

    Attributes
    ----------
    run : RunResult
        The run.
    summary : RunSummary
        Its reduction to the landless households' incomes and the stakeholders' flows.
    """

    run: RunResult
    summary: RunSummary

    @cached_property
    def panel(self) -> Floats:
        """Income per person of each landless household: shape (years, households)."""
        return self.summary.per_capita

    @cached_property
    def size(self) -> Floats:
        """Mean persons present in each landless household each year: (years, households).

        :attr:`RunResult.persons_by_year`: births, deaths and members away change
        it; a household with nobody present in a year has 0 (weight 0 that year).
        """
        c = self.run.community
        return np.asarray(self.run.persons_by_year[:, c.landless_target], dtype=np.float64)

    @cached_property
    def weights(self) -> Floats:
        """Person weights shaped like :attr:`panel`: the persons present (:attr:`size`)."""
        return np.broadcast_to(self.size, self.panel.shape)

    @cached_property
    def persons(self) -> Floats:
        """Landless persons present each year, a column (years, 1): divides by-year tables."""
        return np.asarray(self.weights.sum(axis=1, keepdims=True), dtype=np.float64)

    @cached_property
    def by_source(self) -> Floats:
        """Income per person of each landless household by source: (years, sources, households).

        The income sources of :data:`~collective_econ.economy.ledger.INCOME_SOURCES`, each
        household's yuan divided by its persons present (0 in a year nobody is).
        """
        return per_person(self.income, self.size[:, None, :])

    @cached_property
    def income(self) -> Floats:
        """The run's income of the landless households, yuan/yr: (years, sources, households)."""
        return np.asarray(self.run.income[:, :, self.run.community.landless_target])

    @cached_property
    def ranked(self) -> tuple[Floats, Floats, Floats]:
        """:attr:`panel` sorted by value each year, its weights in that order, their cumsums.

        One sort (:func:`~collective_econ.metrics.inequality.sorted_by_value`) for the
        median, the income quantiles and the Gini: the same numbers as sorting for each.
        """
        return sorted_by_value(self.panel, self.weights, axis=-1)

    @cached_property
    def quantiles(self) -> Floats:
        """Person-weighted :data:`INCOME_QUANTILES` of :attr:`panel`: (years, quantiles)."""
        xs, _, c = self.ranked
        return sorted_quantiles(xs, c, np.asarray(INCOME_QUANTILES)).T

    @cached_property
    def mean(self) -> Floats:
        """Person-weighted mean income of the landless by year, yuan/person/yr."""
        total = (self.panel * self.weights).sum(axis=1)
        return per_person(total, self.persons[:, 0])

    @cached_property
    def restoration(self) -> metrics.Restoration:
        """Restoration of each landless household against its baseline: sustained rule."""
        return self._restoration("sustained")

    @cached_property
    def restoration_one_year(self) -> metrics.Restoration:
        """Restoration of each landless household against its baseline: one-year rule."""
        return self._restoration("one_year")

    @cached_property
    def carried(self) -> Floats:
        """:attr:`panel` with each year nobody is present holding the last year someone was.

        A household whose members have all died or left keeps the status it had when it
        emptied: it is neither newly restored nor pushed back below its baseline by the
        zero income of an empty house (restoration and household means read this).
        """
        present = self.size > 0
        years = np.arange(present.shape[0])[:, None]
        last = np.maximum.accumulate(np.where(present, years, 0), axis=0)
        return np.take_along_axis(self.panel, last, axis=0)

    def _restoration(self, rule: str) -> metrics.Restoration:
        c, pc = self.run.community, self.carried
        landless = c.landless_target
        start = np.minimum(np.maximum(c.expropriation_month[landless], 0) // 12, pc.shape[0] - 1)
        return metrics.restoration(pc, c.baseline_per_capita[landless], start=start, rule=rule)

    @cached_property
    def poverty(self) -> Floats:
        """Poverty headcount of the landless persons by year (national rural line)."""
        return np.asarray(metrics.fgt(self.panel, _LINE, 0, weights=self.weights, axis=-1))

    @cached_property
    def hog_loss_poor(self) -> tuple[Floats, Floats]:
        """The landless poor in a household whose hog farm lost money that year, by year.

        Their share of the poor and their number (persons present): the poor of
        :attr:`poverty` (same line, persons and weights,
        :func:`~collective_econ.metrics.poor_in_group`); a farm's loss: its household's
        hog sales less piglets, feed, haulage and spent grain (Source.HOGS, the flows
        :mod:`~collective_econ.schemes.hogs` books) below zero over the year. The
        share is NaN in a year nobody is poor; both are 0 without hog farms.
        """
        loss = self.income[:, int(Source.HOGS), :] < 0
        share, persons = metrics.poor_in_group(self.panel, loss, _LINE, self.weights, axis=-1)
        return np.asarray(share, dtype=np.float64), np.asarray(persons, dtype=np.float64)

    @cached_property
    def county_books(self) -> Floats:
        """The government's net flows by item of :data:`COUNTY_ITEMS`: (years, items), yuan."""
        run = self.run
        column = _group_columns(run.institutions)
        gov = column == STAKEHOLDER_GROUPS.index("government")
        flows = run.institution_flows[:, :, gov].sum(axis=2)  # (years, sources)
        out = np.asarray(flows @ _COUNTY_MATRIX, dtype=np.float64)
        # a subsidy's receiver tells the programme: the government's OPERATIONS paid to
        # these accounts (all they book under it) move from the rest to their own item
        rest = _ITEM["programme_subsidies"]
        for item, accounts in _MOVED.items():
            cols = [k for k, name in enumerate(run.institutions) if name in accounts]
            paid = run.institution_flows[:, int(Source.OPERATIONS), cols].sum(axis=1)
            out[:, _ITEM[item]] -= paid
            out[:, rest] += paid
        # a public fund's own flows tell its programme: they move from the source's item
        for item, source, left, accounts in _OWN:
            cols = [k for k, name in enumerate(run.institutions) if name in accounts and gov[k]]
            own = run.institution_flows[:, int(source), cols].sum(axis=1)
            out[:, _ITEM[item]] += own
            out[:, _ITEM[left]] -= own
        if run.claims.size:  # positions at the horizon, as in the stakeholder flows
            h = run.community.n_households
            out[-1, -1] += float(run.claims[h:][gov].sum())
        return out

    @cached_property
    def npvs(self) -> Floats:
        """NPV of each stakeholder group's net flows at its rate (``DiscountRates()``), yuan."""
        return stakeholder_npv(self.summary.stakeholders.T, STAKEHOLDER_GROUPS)


Reduce = Callable[[RunView], Any]


@dataclass(frozen=True, slots=True)
class Outcome:
    """A recorded outcome: its unit, meaning, axes and the function that computes it.

    ``function(view)`` takes a :class:`RunView` of one run and returns the
    outcome's value for that run, shaped :meth:`shape`. A new outcome is one
    declaration in :data:`OUTCOMES`.
    """

    name: str
    unit: str
    description: str
    per_year: bool
    labels: tuple[str, ...]
    function: Reduce

    def shape(self, years: int) -> tuple[int, ...]:
        """Shape of the outcome in one run's record."""
        return (years,) * self.per_year + (len(self.labels),) * bool(self.labels)


_RATES = DiscountRates()
_PC, _NPV = "yuan/person/yr", f"yuan, NPV at {_RATES.social:.0%}"
_SOURCES = tuple(s.name.lower() for s in INCOME_SOURCES)

INCOME_QUANTILES: tuple[float, ...] = (0.1, 0.25, 0.5, 0.75, 0.9)
"""The quantiles of income per person the ``income_quantiles`` outcome records (labels
``p10`` ... ``p90``): person-weighted, among the landless households, each year."""

SOURCE_QUANTILES: tuple[float, ...] = (0.25, 0.5, 0.75, 0.9)
"""The quantiles of each source's income per person the ``income_quantiles_by_source``
outcome records (labels ``<source>_p25`` ... ``<source>_p90``, ``wage_p50``). A tenth
quantile is left out: for most sources most households have none of it."""


def _q_label(q: float) -> str:
    return f"p{round(100 * q):02d}"


_MEDIAN = INCOME_QUANTILES.index(0.5)


def _median(v: RunView) -> Floats:
    """The median of :attr:`RunView.panel` each year: a column of :attr:`RunView.quantiles`."""
    return np.ascontiguousarray(v.quantiles[:, _MEDIAN])


def _gini(v: RunView) -> Floats:
    xs, ws, c = v.ranked
    return sorted_gini(xs, ws, c)


def _source_quantiles(v: RunView) -> Floats:
    panel, size = v.by_source, np.ascontiguousarray(v.size)
    years, sources, n = panel.shape
    rows = panel.reshape(-1, n)  # one row per (year, source)
    if np.isfinite(rows).all() and (size >= 0).all():  # else the checked sort names the fault
        return _row_quantiles(rows, size, sources).reshape(years, -1)
    xs, _, c = sorted_by_value(panel, np.broadcast_to(size[:, None, :], panel.shape))
    q = sorted_quantiles(xs, c, np.asarray(SOURCE_QUANTILES))  # (quantiles, years, sources)
    q = np.moveaxis(q, 0, -1)  # (years, sources, quantiles)
    return q.reshape(q.shape[0], -1)


def _row_quantiles(rows: Floats, size: Floats, sources: int) -> Floats:
    """:data:`SOURCE_QUANTILES` of each row (a year's source), weighted by ``size``: (rows, q).

    The numbers of :func:`~collective_econ.metrics.inequality.sorted_by_value` and
    :func:`~collective_econ.metrics.inequality.sorted_quantiles`, sharing work with the
    last runs reduced. Most rows of the income-by-source panel (pensions, remittances,
    rent, the sources a policy leaves alone, those nobody has) are the same under every
    policy of a replication. A stable order depends only on which values are smaller
    than which, so a row with the same bits as a row of a recent run has that row's
    order, and with the same weights (the same population history) its quantiles;
    only the other rows are sorted (the sort is the reduction's largest cost).
    """
    with _SHARED_LOCK:
        recent = [e for e in reversed(_SHARED) if e[0].shape == rows.shape]
    order = np.empty(rows.shape, dtype=np.intp)
    q = np.empty((len(rows), len(SOURCE_QUANTILES)))
    unsorted = np.ones(len(rows), dtype=bool)
    todo = unsorted.copy()  # rows whose quantiles are still to work out
    bits = rows.view(np.int64)  # equal bits: a zero's sign is a quantile's too
    for prev, prev_size, prev_order, prev_q in recent:
        same = unsorted & (prev.view(np.int64) == bits).all(axis=1)
        order[same] = prev_order[same]
        unsorted &= ~same
        if np.array_equal(prev_size.view(np.int64), size.view(np.int64)):
            q[same] = prev_q[same]
            todo &= ~same
        if not unsorted.any():
            break
    if unsorted.any():
        order[unsorted] = np.argsort(rows[unsorted], axis=-1, kind="stable")
    if todo.any():
        n, at = rows.shape[1], np.flatnonzero(todo)[:, None]
        xs = rows.take(order[todo] + n * at)
        # a household's weight is its persons that year, whatever the source
        ws = size.reshape(-1).take(order[todo] + n * (at // sources))
        q[todo] = sorted_quantiles(xs, np.cumsum(ws, axis=-1), np.asarray(SOURCE_QUANTILES)).T
    # kept as copies: `rows` and `size` are views of the run's arrays, which a caller may
    # change after the reduction (a kept entry must stay what was sorted)
    kept = (rows.copy(), size.copy(), order, q.copy())
    with _SHARED_LOCK:  # a worker's threads (Dask) share the list
        _SHARED.append(kept)
        del _SHARED[:-_KEEP_SHARED]
    return q


_KEEP_SHARED = 4  # the runs of a replication before its last policy's
_SHARED_LOCK = threading.Lock()
_SHARED: list[tuple[Floats, Floats, NDArray[np.intp], Floats]] = []
"""The rows of the last runs' income-by-source panels, their weights, stable orders and
quantiles, oldest first (read, never written, once made)."""


_LINE = NATIONAL_RURAL_POVERTY_LINE


def _fgt(alpha: int) -> Reduce:
    return lambda v: metrics.fgt(v.panel, _LINE, alpha, weights=v.weights, axis=-1)


PERIODS: Mapping[str, tuple[int, int | None]] = MappingProxyType(
    {"early": (0, 5), "medium": (5, 10), "long": (10, None)}
)
"""Year indices [first, last) of the horizon's periods: years 1-5, 6-10 and 11 to the
end (11-20 over the default 20-year horizon). A period outside the horizon is NaN."""


def _period(values: Floats, period: str) -> float:
    """Mean of a yearly series over one of :data:`PERIODS` (NaN if the horizon misses it)."""
    lo, hi = PERIODS[period]
    part = values[lo:hi]
    return float(part.mean()) if part.size else math.nan


def _npv_of(group: str) -> Reduce:
    j = STAKEHOLDER_GROUPS.index(group)
    return lambda v: v.npvs[j]


_WORK = [int(s) for s in (Source.WAGE, Source.TEA_PICKING, Source.PARK_WAGE)]


def _after_loss(v: RunView, source: list[int], months: int) -> tuple[Floats, Floats]:
    """Landless households ``months // 12`` years after their land loss.

    Whether each received income from ``source`` that year (1/0), and who counts
    (someone present, the year within the horizon).
    """
    c, run = v.run.community, v.run
    landless = np.flatnonzero(c.landless_target)
    year = c.expropriation_month[landless] // 12 + months // 12
    inside = year < run.income.shape[0]
    year = np.minimum(year, run.income.shape[0] - 1)
    got = run.income[year[:, None], np.asarray(source)[None, :], landless[:, None]].sum(axis=1)
    counted = inside & (run.persons_by_year[year, landless] > 0)
    return (np.abs(got) > 0).astype(float), counted.astype(float)


def _employed(months: int) -> Reduce:
    def share(v: RunView) -> float:
        working, counted = _after_loss(v, _WORK, months)
        return float(working @ counted / counted.sum()) if counted.sum() else math.nan

    return share


def _business_survival(v: RunView) -> float:
    started, counted = _after_loss(v, [int(Source.BUSINESS)], 12)
    alive, later = _after_loss(v, [int(Source.BUSINESS)], 36)
    base = started * counted * later
    return float(alive @ base / base.sum()) if base.sum() else math.nan


def _dibao_caseload(v: RunView) -> Floats:
    landless = v.run.community.landless_target
    paid = v.run.income[:, int(Source.DIBAO), landless] > 0
    present = v.size > 0
    share = (paid & present).sum(axis=1) / np.maximum(present.sum(axis=1), 1)
    return np.asarray(share, dtype=np.float64)


SCHEME_STATUS: tuple[str, ...] = ("hog_farms", "businesses", "collective_loans")
"""The labels of the ``scheme_status`` outcome: what became of the schemes each year.

``hog_farms``: households with hog sales or costs that year (Source.HOGS), the farms
still active; ``businesses``: households with business profit or loss (Source.BUSINESS);
``collective_loans``: the resident groups' collectives' loan principal borrowed less
repaid by the year's end, yuan (a loan written off on default stays counted). From the
flows the schemes already book: the simulation is not changed. (Places filled in the jobs
scheme cannot be told from other wages in these flows, so they are not counted.)"""


def _scheme_status(v: RunView) -> Floats:
    run = v.run
    active = run.income[:, [int(Source.HOGS), int(Source.BUSINESS)], :] != 0
    groups = [j for j, n in enumerate(run.institutions) if n.startswith("collective:")]
    borrowed = run.institution_flows[:, int(Source.LOAN), groups].sum(axis=1)
    owed = np.maximum(np.cumsum(borrowed), 0.0)
    counts = active.sum(axis=2)
    return np.column_stack([counts, owed]).astype(np.float64)


_TABLE: tuple[Outcome, ...] = (
    Outcome("mean_income", _PC, "mean income per person of the landless", True, (),
            lambda v: v.mean),
    Outcome("median_income", _PC, "median income per person of the landless", True, (),
            _median),
    Outcome("income_quantiles", _PC, "quantiles of income per person of the landless "
            "(person-weighted; INCOME_QUANTILES)", True,
            tuple(_q_label(q) for q in INCOME_QUANTILES), lambda v: v.quantiles),
    Outcome("poverty_headcount", "share", "landless persons below 2,300 yuan/person/yr",
            True, (), lambda v: v.poverty),
    Outcome("poverty_gap", "share of the line", "poverty gap index (FGT 1), same line",
            True, (), _fgt(1)),
    Outcome("poor_hog_loss_share", "share", "of the landless persons below the same line, "
            "the share in a household whose hog farm lost money that year (hog sales less "
            "piglets, feed and spent grain below zero; NaN if nobody is poor)", True, (),
            lambda v: v.hog_loss_poor[0]),
    Outcome("poor_hog_loss_persons", "persons", "landless persons below the same line in a "
            "household whose hog farm lost money that year", True, (),
            lambda v: v.hog_loss_poor[1]),
    Outcome("gini", "index", "Gini of income per person among the landless", True, (),
            _gini),
    Outcome("restored_share", "share", "landless households whose 3-year mean income is "
            "at or above their baseline (sustained rule)", True, (),
            lambda v: v.restoration.restored_share),
    Outcome("income_by_source", _PC, "income per landless person by source", True, _SOURCES,
            lambda v: v.summary.by_source / v.persons),
    Outcome("income_quantiles_by_source", _PC, "quantiles of each source's income per "
            "landless person (person-weighted; SOURCE_QUANTILES; <source>_p50: the median)",
            True, tuple(f"{s}_{_q_label(q)}" for s in _SOURCES for q in SOURCE_QUANTILES),
            _source_quantiles),
    Outcome("stakeholder_flows", "yuan/yr", "net flows per stakeholder (the households' "
            "own consumption counts as theirs; summarize)", True,
            STAKEHOLDER_GROUPS, lambda v: v.summary.stakeholders),
    Outcome("county_books", "yuan/yr", "the county government's net flows by item "
            "(COUNTY_ITEMS; they sum to its stakeholder flow)", True,
            tuple(name for name, _ in COUNTY_ITEMS), lambda v: v.county_books),
    Outcome("restored_within_5y", "share", "households whose 3-year mean income reached "
            "their baseline within 5 years of land loss (sustained rule)", False, (),
            lambda v: metrics.share_restored_within(v.restoration.years_to_restore, 5)),
    Outcome("restored_within_5y_one_year", "share", "households whose income reached their "
            "baseline in any one year within 5 years of land loss (one-year rule)", False, (),
            lambda v: metrics.share_restored_within(v.restoration_one_year.years_to_restore, 5)),
    Outcome("income_early", _PC, "mean_income averaged over years 1-5 of the horizon", False,
            (), lambda v: _period(v.mean, "early")),
    Outcome("income_medium", _PC, "mean_income averaged over years 6-10 of the horizon",
            False, (), lambda v: _period(v.mean, "medium")),
    Outcome("income_long", _PC, "mean_income averaged over years 11 to the end of the horizon "
            "(11-20 by default)", False, (), lambda v: _period(v.mean, "long")),
    Outcome("poverty_long", "share", "poverty_headcount averaged over years 11 to the end "
            "of the horizon (11-20 by default)", False, (), lambda v: _period(v.poverty, "long")),
    Outcome("poverty_peak", "share", "the highest yearly poverty_headcount over the horizon",
            False, (), lambda v: v.poverty.max()),
    Outcome("poverty_peak_year", "calendar year", "the year of poverty_peak (the first if "
            "tied)", False, (), lambda v: v.run.years[int(np.argmax(v.poverty))]),
    Outcome("mean_income_total", _PC, "mean_income averaged over the horizon", False, (),
            lambda v: v.mean.mean()),
    *(Outcome(f"npv_{g}", f"yuan, NPV at {100 * _RATES.of(g):g}%", f"NPV of the net flows of: {g} "
              f"({'its cost of funds' if _RATES.of(g) != _RATES.social else 'the social rate'}"
              ", finance.DiscountRates)", False, (), _npv_of(g))
      for g in STAKEHOLDER_GROUPS),
    Outcome("employed_12m", "share", "landless households with wage income (wages, tea "
            "picking, park) in the 12th month's calendar year after their land loss", False, (),
            _employed(12)),
    Outcome("employed_24m", "share", "the same, 24 months after the land loss", False, (),
            _employed(24)),
    Outcome("business_survival", "share", "of landless households with business profit the "
            "year after land loss, the share still with it two years later (NaN if none)",
            False, (), _business_survival),
    Outcome("dibao_caseload", "share", "landless households receiving dibao", True, (),
            _dibao_caseload),
    Outcome("fiscal_cost_npv", _NPV, "the government's net cost (minus npv_government)",
            False, (), lambda v: -v.npvs[STAKEHOLDER_GROUPS.index("government")]),
    Outcome("scheme_status", "households; yuan", "what became of the schemes each year: hog "
            "farms active and businesses (households), the collectives' loans outstanding "
            "(yuan)", True, SCHEME_STATUS,
            _scheme_status),
)  # fmt: skip


OUTCOMES: Mapping[str, Outcome] = MappingProxyType({o.name: o for o in _TABLE})
"""Every outcome a run records, by name. Incomes are those of the landless households
(``Community.landless_target``) per person, person-weighted; poverty is against the
national rural line of 2,300 yuan/person/yr (2010 prices); NPVs discount at 8%."""


_SCALARS = tuple(n for n, o in OUTCOMES.items() if not o.per_year)


_YEARLY = tuple(n for n, o in OUTCOMES.items() if o.per_year and not o.labels)


def outcome_info(name: str) -> Outcome:
    """The :class:`Outcome` called ``name``, or a ParameterError with a suggestion."""
    if name not in OUTCOMES:
        hint = suggest(str(name), OUTCOMES)
        raise ParameterError("outcome", f"one of {sorted(OUTCOMES)}{hint}", name)
    return OUTCOMES[name]


def reduce_run(
    run: RunResult, *, keep_panel: bool = False, outcomes: Sequence[str] = ()
) -> dict[str, NDArray[Any]]:
    """Reduce one run to its record: every outcome of :data:`OUTCOMES`, household means, events.

    The one reduction of a run: ``{o.name: o.function(view) for o in OUTCOMES}``, plus
    each landless household's mean income over the years someone was present in it
    (``household_mean``), the
    run's SimPy events and, with ``keep_panel``, the income panel itself and the persons
    present in each household each year (``persons``, its weights). Households that
    lose their land after the horizon count from its last year in ``restored_share`` and
    ``restored_within_5y``. With ``outcomes`` (names), only those outcomes and no
    household means (:attr:`~collective_econ.runs.spec.ExperimentSpec.outcomes`).
    """
    income = run.income[:, :, run.community.landless_target]
    view = RunView(run, _summary(run, income))
    view.__dict__["income"] = income  # RunView.income's cached value: sliced once a run
    kept = [OUTCOMES[n] for n in outcomes] if outcomes else OUTCOMES.values()
    record: dict[str, Any] = {o.name: o.function(view) for o in kept}
    if not outcomes:  # a household's mean over the years someone was present
        present = view.size > 0
        record["household_mean"] = (view.panel * present).sum(0) / np.maximum(present.sum(0), 1)
    if keep_panel:  # with the persons present it is weighted by (plots, other lines)
        record["panel"], record["persons"] = view.panel, view.size
    out = {k: np.asarray(v, dtype=np.float64) for k, v in record.items()}
    return out | {"events": np.asarray(view.summary.events, dtype=np.int64)}


def check_record(
    record: Mapping[str, NDArray[Any]],
    years: int,
    households: int,
    panel: bool,
    outcomes: Sequence[str] = (),
) -> None:
    """Raise ``ValueError`` unless ``record`` has every field, shaped, of a numeric dtype.

    The fields of :func:`reduce_run` with the same ``outcomes`` (default: all).
    """
    shapes = {n: OUTCOMES[n].shape(years) for n in outcomes or OUTCOMES}
    shapes |= {"events": ()} if outcomes else {"household_mean": (households,), "events": ()}
    shapes |= {"panel": (years, households), "persons": (years, households)} if panel else {}
    for name, shape in shapes.items():
        arr = record.get(name)
        if arr is None or arr.shape != shape or arr.dtype.kind not in "fi":
            got = None if arr is None else (arr.shape, str(arr.dtype))
            older = (  # a layout changed (county_books gained items): not a damaged file
                " (recorded by another version of collective_econ, whose outcome had "
                "another layout)"
                if arr is not None and arr.ndim == len(shape) and arr.dtype.kind in "fi"
                # an outcome added since (poor_hog_loss_share): a verified record lacks it
                else " (recorded by another version of collective_econ, before this outcome "
                "was recorded)"
                if arr is None and name in OUTCOMES and "events" in record
                else ""
            )
            raise ValueError(f"record field {name!r}: expected shape {shape}, got {got}{older}")
