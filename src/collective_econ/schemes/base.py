"""The contract every scheme follows, and the appraisal result they all return.

A scheme module (``schemes/hotel.py``, ``schemes/hogs.py``, ...) defines

- a frozen, validated parameter class (a :class:`~collective_econ.params.Parameters`)
  whose defaults are calibrated to the Caopijie case and cite their source;
- ``appraise(params, *, horizon_years=20, rng=None) -> Appraisal``: yearly
  cash flows per stakeholder. With ``rng=None`` the flows are *expected*
  values (random events enter as probability x loss); with a Generator the
  scheme draws its own random path (a price cycle with noise, outbreaks, a
  developer default), which is what a Monte Carlo appraisal samples;
- ``UNCERTAINTIES``: the default uncertain inputs, each a named distribution
  over one of its parameters;
- ``process(world, schedule, rng)``: the scheme's SimPy process for the
  household simulation. It runs at the level of the scheme, waits for its
  own events (a hog batch sold, the spring harvest, the annual dividend) and
  at each event updates every household it touches at once, through the
  ledger of the :class:`~collective_econ.economy.world.World`, reusing the scheme's
  vectorised cash-flow functions. ``schedule.at(world.now)`` gives the
  parameters in force; ``rng`` is the scheme's own stream (common random
  numbers across policies);
- ``SCHEME``: a :class:`Scheme` bundling the above, registered in
  :data:`collective_econ.schemes.SCHEMES`.

Cash flows are in real yuan of the base year (2010; see
:mod:`collective_econ.prices`), one column a year, t = 0 the year the scheme
starts (its investment year), undiscounted. A positive flow is money the
stakeholder receives, a negative one money it pays.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Generic, TypeVar

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .. import finance, prices
from ..distributions import validate_correlation
from ..distributions.uncertainty import Uncertainty
from ..errors import ParameterError, ShapeError
from ..finance import DiscountRates, stakeholder_npv
from ..params import Parameters

__all__ = [
    "STAKEHOLDERS",
    "Appraisal",
    "Scheme",
    "Stakeholder",
    "check_horizon",
    "flows_table",
    "loan_deflator",
    "nominal_deflator",
    "wage_growth",
]


class Stakeholder(StrEnum):
    """Who receives or pays a cash flow."""

    HOUSEHOLDS = "households"
    """The landless households taking part (all of them together)."""
    COLLECTIVE = "collective"
    """The resident group's collective (居民小组), owner of collective projects."""
    DEVELOPER = "developer"
    """The developer of the expropriated land, issuer of land shares."""
    GOVERNMENT = "government"
    """The county government: subsidies, taxes, dibao, training."""
    FIRM = "firm"
    """Firms: the brewery, the factories, the hotel company's outside investors."""
    BANK = "bank"
    """Lenders: banks and rural credit cooperatives."""


STAKEHOLDERS: tuple[Stakeholder, ...] = tuple(Stakeholder)


P = TypeVar("P", bound=Parameters)


@dataclass(frozen=True, slots=True)
class Scheme(Generic[P]):
    """A registered scheme: its name, parameter class, appraisal and uncertainties."""

    name: str
    title: str
    params_type: type[P]
    appraise: Callable[..., Appraisal]
    uncertainties: tuple[Uncertainty, ...] = ()
    summary: str = ""
    correlation: tuple[tuple[float, ...], ...] = ()
    """Rank correlation between the uncertainties, in their order (empty: independent)."""
    process: Callable[..., Generator[Any, Any, None]] | None = None
    """``process(world, schedule, rng)``: the scheme's SimPy process in a simulation."""
    appraisal_only: tuple[str, ...] = ()
    """Parameters only the appraisal uses: its stand-ins for what a simulation models itself
    (the dibao's income distribution). They act in the appraisal of the scenario's
    ``[schemes.<name>]``; a simulation refuses a policy that gives one another value
    (:func:`collective_econ.simulation.check_appraisal_only`)."""
    households_needed: Callable[[P], int] | None = None
    """How many landless households the scheme needs (checked against the community)."""
    label: str = ""
    """A short English title for plots and tables (``"Hotel"``; empty: the name)."""
    label_zh: str = ""
    """The short title in Chinese (``"酒店"``; empty: the English one)."""
    accounts: tuple[str, ...] = ()
    """Firm accounts the scheme's process books to (``("hotel_company",)``).

    Every run's ledger opens the accounts of every registered scheme (see
    :func:`collective_econ.schemes.firm_accounts`), so that all policies of a
    comparison have the same institutions; two schemes may name the same firm.
    """

    public_accounts: tuple[str, ...] = ()
    """Public funds the scheme's process books to (``("insurance_fund",)``): opened in
    every run like the firm accounts, and counted with the government in the
    stakeholders' flows (their balances are public money held for a purpose)."""

    outside_accounts: tuple[str, ...] = ()
    """Accounts of people outside the community whom the scheme's process makes
    pay or receive (``("market:displaced_workers",)``: the workers its reserved places
    displace): opened in every run like the firm accounts, and each a stakeholder
    group of its own (:data:`collective_econ.runs.outcomes.ACCOUNT_GROUPS`). Like
    the market, such an account's balance is the position of the people it stands
    for (their cumulative gain or loss), not cash: it may go negative."""

    def title_in(self, lang: str) -> str:
        """The short title in ``lang`` (``"en"`` or ``"zh"``), for plots and tables.

        Examples
        --------
        >>> from collective_econ.schemes import SCHEMES
        >>> SCHEMES["hotel"].title_in("en"), SCHEMES["hotel"].title_in("zh")
        ('Hotel', '酒店')
        """
        english = self.label or self.name
        if lang == "zh":
            return self.label_zh or english
        return english

    def __post_init__(self) -> None:
        declared = {
            "accounts": self.accounts,
            "public_accounts": self.public_accounts,
            "outside_accounts": self.outside_accounts,
        }
        for key, opened in declared.items():
            if not all(isinstance(a, str) and a for a in opened):
                raise ParameterError(key, "non-empty strings", opened, owner=self.name)
        if self.correlation:
            names = [u.param for u in self.uncertainties]
            if len(self.correlation) != len(names):
                raise ParameterError(
                    "correlation",
                    f"a {len(names)} x {len(names)} matrix",
                    self.correlation,
                    owner=self.name,
                )
            validate_correlation(self.correlation, names=names)
        fields = {f.name for f in self.params_type.describe()}
        for u in self.uncertainties:
            if u.param not in fields:
                raise ParameterError(
                    "uncertainties",
                    f"names of {self.params_type.__name__} fields",
                    u.param,
                    owner=self.name,
                )


def check_horizon(horizon_years: int) -> int:
    """Validate an appraisal horizon in years (a whole number >= 1)."""
    if isinstance(horizon_years, bool) or not isinstance(horizon_years, int | np.integer):
        raise ParameterError("horizon_years", "a whole number", horizon_years)
    if horizon_years < 1:
        raise ParameterError("horizon_years", ">= 1", horizon_years)
    return int(horizon_years)


def flows_table(horizon_years: int, **by_stakeholder: ArrayLike) -> NDArray[np.float64]:
    """Assemble a (stakeholders, years) flow table from named rows.

    Rows not named are zero; each row broadcasts to ``horizon_years + 1`` years.

    Examples
    --------
    >>> flows_table(2, collective=[-100.0, 60.0, 60.0]).shape
    (6, 3)
    """
    table = np.zeros((len(STAKEHOLDERS), horizon_years + 1))
    for name, row in by_stakeholder.items():
        table[STAKEHOLDERS.index(Stakeholder(name))] = row
    return table


@dataclass(frozen=True, slots=True)
class Appraisal:
    """Yearly cash flows per stakeholder, with NPV, IRR and payback.

    Parameters
    ----------
    scheme : str
        The scheme's registered name.
    flows : ndarray, shape (..., 6, T)
        Yuan per year (real, base-year prices), one row per
        :data:`STAKEHOLDERS` entry, t = 0 undiscounted. A leading axis holds
        Monte Carlo samples.
    start_year : int
        The calendar year of t = 0.
    items : dict of str to ndarray, optional
        Named components of the flows (``"dividends"``, ``"tax"``) for tables.
    """

    scheme: str
    flows: NDArray[np.float64]
    start_year: int = 2010
    items: dict[str, NDArray[np.float64]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.flows.ndim < 2 or self.flows.shape[-2] != len(STAKEHOLDERS):
            raise ShapeError(
                f"flows must have shape (..., {len(STAKEHOLDERS)}, years), got {self.flows.shape}"
            )

    @property
    def horizon_years(self) -> int:
        """Years after t = 0."""
        return int(self.flows.shape[-1]) - 1

    @property
    def years(self) -> NDArray[np.int64]:
        """Calendar years of the columns."""
        return np.arange(self.start_year, self.start_year + self.flows.shape[-1])

    @property
    def n_samples(self) -> int:
        """Monte Carlo samples (1 for a deterministic appraisal)."""
        return int(np.prod(self.flows.shape[:-2], dtype=int))

    def of(self, stakeholder: Stakeholder | str) -> NDArray[np.float64]:
        """The flows of one stakeholder, shape (..., T)."""
        return self.flows[..., STAKEHOLDERS.index(Stakeholder(stakeholder)), :]

    def npv(self, rate: float | DiscountRates | None = None) -> NDArray[np.float64]:
        """Net present value per stakeholder, shape (..., 6), yuan.

        Each stakeholder at its own rate (:class:`~collective_econ.finance.DiscountRates`,
        by default the social 8% and the bank's cost of funds), or every one at ``rate``
        when it is a number.
        """
        return stakeholder_npv(self.flows, [s.value for s in STAKEHOLDERS], rate)

    def irr(self) -> NDArray[np.float64]:
        """Internal rate of return per stakeholder (NaN where none exists)."""
        return np.asarray(finance.irr(self.flows), dtype=float)

    def payback(self, rate: float = 0.0) -> NDArray[np.float64]:
        """Payback period per stakeholder in years (NaN if never)."""
        return np.asarray(finance.payback_period(self.flows, rate), dtype=float)

    def involved(self) -> tuple[Stakeholder, ...]:
        """The stakeholders with any non-zero flow."""
        active = np.any(self.flows != 0, axis=(*range(self.flows.ndim - 2), -1))
        return tuple(s for s, a in zip(STAKEHOLDERS, np.atleast_1d(active), strict=True) if a)

    def stack(self, others: Sequence[Appraisal]) -> Appraisal:
        """Stack this and ``others`` along a new leading sample axis."""
        flows = np.stack([self.flows, *(o.flows for o in others)])
        items = {k: np.stack([self.items[k], *(o.items[k] for o in others)]) for k in self.items}
        return Appraisal(self.scheme, flows, self.start_year, items)


def wage_growth(horizon_years: int) -> NDArray[np.float64]:
    """The appraisals' real wage level of years t = 0..horizon relative to t = 0.

    Every wage of an appraisal (scheme wages, day wages, outside wages) is its
    2010 value times this factor, as the simulation's are times
    :meth:`~collective_econ.economy.world.World.real_wage_factor`: both read
    :meth:`collective_econ.prices.PriceIndex.real_wage_factor` of the current price
    index (:func:`collective_econ.prices.current`, a scenario's ``[prices]`` within
    :func:`collective_econ.prices.using`), with t = 0 its base year.

    >>> [round(float(x), 3) for x in wage_growth(2)]
    [1.0, 1.014, 1.056]
    """
    return prices.current().wage_path(horizon_years)


def nominal_deflator(horizon_years: int) -> NDArray[np.float64]:
    """Real value in year t = 0..horizon of one nominal yuan of year 0 (1 at t = 0).

    What a fixed nominal principal (land shares at par, a nominal loan) is worth in
    real yuan as the general price level rises (:func:`collective_econ.prices.current`).

    >>> [round(float(x), 3) for x in nominal_deflator(2)]
    [1.0, 0.949, 0.925]
    """
    index = prices.current()
    years = index.base_year + np.arange(int(horizon_years) + 1)
    return np.asarray(1.0 / index.factor(years), dtype=float)


def loan_deflator(months: int) -> NDArray[np.float64]:
    """Real value of a nominal yuan owed on a loan made in month 0, after months 0..n-1.

    Month k's factor is ``1 / prod(1 + monthly inflation)`` over months 0..k of the
    current index from its base year's January: what
    :meth:`~collective_econ.economy.credit.LoanBook.deflate` does to a loan before
    servicing it each month, so that an appraisal's monthly loan schedule in real
    yuan is the simulation's.

    >>> round(float(loan_deflator(12)[-1]), 4)  # a year of 2.5% (2010: no history)
    0.9756
    """
    index = prices.current()
    years = index.base_year + np.arange(int(months)) // 12
    rates = np.array([index.monthly_inflation(int(y)) for y in range(years[0], years[-1] + 1)])
    return np.asarray(np.exp(-np.cumsum(np.log1p(rates[years - years[0]]))), dtype=float)
