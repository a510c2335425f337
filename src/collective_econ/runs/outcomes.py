"""What a run records: the outcome catalogue and the one reduction of a run."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .. import metrics
from ..economy.ledger import INCOME_SOURCES
from ..errors import ParameterError
from ..finance import DEFAULT_DISCOUNT_RATE, npv
from ..metrics.lines import NATIONAL_RURAL_POVERTY_LINE
from ..schemes import firm_accounts
from ..simulation import RunResult

Floats = NDArray[np.float64]

__all__ = [
    "OUTCOMES",
    "STAKEHOLDER_GROUPS",
    "Outcome",
    "RunSummary",
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
)
"""Who the comparison reports net flows for (institutions grouped)."""


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
    """Reduce a run to per-capita incomes of the landless, sources and stakeholders."""
    c = run.community
    landless = c.landless_target
    income = run.income[:, :, landless]
    per_capita = income.sum(axis=1) / c.size[landless]
    flows = run.institution_flows.sum(axis=1)  # (years, institutions)
    names = run.institutions
    groups = np.zeros((flows.shape[0], len(STAKEHOLDER_GROUPS)))
    # money is conserved: what all households gain, the institutions lose (to rounding),
    # and their table is 600 times smaller than the households'
    groups[:, 0] = -flows.sum(axis=1)
    firms = set(firm_accounts())
    for j, name in enumerate(names):
        kind = (
            "collectives"
            if name.startswith("collective:")
            else ("firms" if name in firms else name)
        )
        groups[:, STAKEHOLDER_GROUPS.index(kind)] += flows[:, j]
    return RunSummary(per_capita, income.sum(axis=2), groups, run.events)


@dataclass(frozen=True, slots=True)
class Outcome:
    """A recorded outcome: unit, meaning, and whether it has a year axis and a label axis."""

    name: str
    unit: str
    description: str
    per_year: bool = False
    labels: tuple[str, ...] = ()

    def shape(self, years: int) -> tuple[int, ...]:
        """Shape of the outcome in one run's record."""
        return (years,) * self.per_year + (len(self.labels),) * bool(self.labels)


_PC, _NPV = "yuan/person/yr", f"yuan, NPV at {DEFAULT_DISCOUNT_RATE:.0%}"


_SOURCES = tuple(s.name.lower() for s in INCOME_SOURCES)


_TABLE: tuple[tuple[str, str, str, bool, tuple[str, ...]], ...] = (
    ("mean_income", _PC, "mean income per person of the landless", True, ()),
    ("median_income", _PC, "median income per person of the landless", True, ()),
    ("poverty_headcount", "share", "landless persons below 2,300 yuan/person/yr", True, ()),
    ("poverty_gap", "share of the line", "poverty gap index (FGT 1), same line", True, ()),
    ("gini", "index", "Gini of income per person among the landless", True, ()),
    ("restored_share", "share", "landless households at or above their baseline", True, ()),
    ("income_by_source", _PC, "income per landless person by source", True, _SOURCES),
    ("stakeholder_flows", "yuan/yr", "net flows per stakeholder", True, STAKEHOLDER_GROUPS),
    (
        "restored_within_5y",
        "share",
        "households at baseline within 5 years of land loss",
        False,
        (),
    ),
    ("mean_income_total", _PC, "mean_income averaged over the horizon", False, ()),
    *((f"npv_{g}", _NPV, f"NPV of the net flows of: {g}", False, ()) for g in STAKEHOLDER_GROUPS),
    ("fiscal_cost_npv", _NPV, "the government's net cost (minus npv_government)", False, ()),
)


OUTCOMES: Mapping[str, Outcome] = MappingProxyType({t[0]: Outcome(*t) for t in _TABLE})
"""Every outcome a run records, by name. Incomes are those of the landless households
(``Community.landless_target``) per person, person-weighted; poverty is against the
national rural line of 2,300 yuan/person/yr (2010 prices); NPVs discount at 8%."""


_SCALARS = tuple(n for n, o in OUTCOMES.items() if not o.per_year)


_YEARLY = tuple(n for n, o in OUTCOMES.items() if o.per_year and not o.labels)


def outcome_info(name: str) -> Outcome:
    """The :class:`Outcome` called ``name``, or a ParameterError with a suggestion."""
    if name not in OUTCOMES:
        close = difflib.get_close_matches(str(name), list(OUTCOMES), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise ParameterError("outcome", f"one of {sorted(OUTCOMES)}{hint}", name)
    return OUTCOMES[name]


def reduce_run(run: RunResult, *, keep_panel: bool = False) -> dict[str, NDArray[Any]]:
    """Reduce one run to its record: every outcome, household means, events, panel.

    Households that lose their land after the horizon count from its last
    year in ``restored_share`` and ``restored_within_5y``.
    """
    summary, c = summarize(run), run.community
    pc, landless = summary.per_capita, c.landless_target  # (years, households)
    size = c.size[landless].astype(np.float64)
    w, persons = np.broadcast_to(size, pc.shape), float(size.sum())
    mean = (pc * size).sum(axis=1) / persons
    start = np.minimum(np.maximum(c.expropriation_month[landless], 0) // 12, pc.shape[0] - 1)
    rest = metrics.restoration(pc, c.baseline_per_capita[landless], start=start)
    npvs = np.asarray(npv(DEFAULT_DISCOUNT_RATE, summary.stakeholders.T), dtype=np.float64)
    line = NATIONAL_RURAL_POVERTY_LINE
    record: dict[str, Any] = {
        "mean_income": mean,
        "median_income": metrics.weighted_quantile(pc, 0.5, weights=w, axis=-1),
        "poverty_headcount": metrics.fgt(pc, line, 0, weights=w, axis=-1),
        "poverty_gap": metrics.fgt(pc, line, 1, weights=w, axis=-1),
        "gini": metrics.gini(pc, weights=w, axis=-1),
        "restored_share": rest.restored_share,
        "income_by_source": summary.by_source / persons,
        "stakeholder_flows": summary.stakeholders,
        "restored_within_5y": metrics.share_restored_within(rest.years_to_restore, 5),
        "mean_income_total": mean.mean(),
        **{f"npv_{g}": npvs[j] for j, g in enumerate(STAKEHOLDER_GROUPS)},
        "fiscal_cost_npv": -npvs[STAKEHOLDER_GROUPS.index("government")],
        "household_mean": pc.mean(axis=0),
    } | ({"panel": pc} if keep_panel else {})
    out = {k: np.asarray(v, dtype=np.float64) for k, v in record.items()}
    return out | {"events": np.asarray(summary.events, dtype=np.int64)}


def check_record(
    record: Mapping[str, NDArray[Any]], years: int, households: int, panel: bool
) -> None:
    """Raise ``ValueError`` unless ``record`` has every field, shaped, of a numeric dtype."""
    shapes = {n: o.shape(years) for n, o in OUTCOMES.items()}
    shapes |= {"household_mean": (households,), "events": ()}
    shapes |= {"panel": (years, households)} if panel else {}
    for name, shape in shapes.items():
        arr = record.get(name)
        if arr is None or arr.shape != shape or arr.dtype.kind not in "fi":
            got = None if arr is None else (arr.shape, str(arr.dtype))
            raise ValueError(f"record field {name!r}: expected shape {shape}, got {got}")
