"""Reconcile the appraisal with the simulation: one scheme's value to each stakeholder, twice.

The appraisal (:func:`~collective_econ.appraisal.monte_carlo`) says what a scheme is
worth to each stakeholder: NPVs over sampled inputs and random paths. The simulation
says it too, indirectly: two policies that differ by that scheme alone, run with common
random numbers, differ in each stakeholder group's NPV (``npv_<group>``, cash flows plus
shares and loans valued at the horizon) by the scheme's simulated value.
:func:`reconcile` sets the two side by side for each stakeholder both views share
(:data:`APPRAISAL_TO_GROUP`) and gives a verdict (:func:`verdict`).

The vocabularies differ: the appraisal's ``collective`` and ``firm`` are the
simulation's ``collectives`` and ``firms``; the simulation's ``other_workers`` (the
outside workers the jobs scheme displaces) are no appraisal stakeholder but an item of
the jobs appraisal, its ``displaced_wages`` with the sign turned (:data:`ITEM_TO_GROUP`),
compared when the appraisal has it; the simulation's ``market`` (what households buy and
the buyers of what they sell) has no appraisal counterpart (:data:`SIMULATION_ONLY`);
every appraisal stakeholder has a group.

Examples
--------
Two samples of a made-up scheme that pays households 100 yuan at t = 0, and a
simulation whose policy "with" gives households 90 and 110 more than "without" in two
paired replications:

>>> import numpy as np
>>> from collective_econ.schemes.base import Appraisal
>>> flows = np.zeros((2, 6, 3))
>>> flows[:, 0, 0] = 100.0
>>> app = Appraisal("demo", flows)
>>> res = results_from_npvs(("without", "with"), {"households": [[0.0, 0.0], [90.0, 110.0]]})
>>> row = reconcile(app, res, "with", "without", negligible=1.0)[0]
>>> row.group, row.appraisal_mean, row.simulated_mean, row.verdict
('households', 100.0, 100.0, 'agree')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..errors import ParameterError
from ..finance import DiscountRates, npv
from ..schemes.base import STAKEHOLDERS, Appraisal
from .outcomes import STAKEHOLDER_GROUPS
from .results import ExperimentResults

__all__ = [
    "APPRAISAL_ONLY",
    "APPRAISAL_TO_GROUP",
    "ITEM_TO_GROUP",
    "SIMULATION_ONLY",
    "Agreement",
    "ReconciliationRow",
    "reconcile",
    "results_from_npvs",
    "verdict",
]

Floats = NDArray[np.float64]
Agreement = Literal["agree", "differ"]

APPRAISAL_TO_GROUP: Mapping[str, str] = MappingProxyType(
    {
        "households": "households",
        "collective": "collectives",
        "developer": "developer",
        "government": "government",
        "firm": "firms",
        "bank": "bank",
    }
)
"""Each appraisal stakeholder (:data:`~collective_econ.schemes.base.STAKEHOLDERS`) and
the simulation's stakeholder group (:data:`~collective_econ.runs.outcomes.STAKEHOLDER_GROUPS`)
it is compared with."""

ITEM_TO_GROUP: Mapping[str, tuple[str, float]] = MappingProxyType(
    {"other_workers": ("displaced_wages", -1.0)}
)
"""Simulation groups an appraisal has as an item rather than a stakeholder row: the item,
and the sign that makes it the group's flow. The jobs appraisal's ``displaced_wages``
(:func:`~collective_econ.schemes.jobs.displaced_wages`, the wages the outside workers
lose to the reserved places) is what the simulation's displaced workers pay (account
``market:displaced_workers``), by the same function."""

SIMULATION_ONLY: tuple[str, ...] = tuple(
    g for g in STAKEHOLDER_GROUPS if g not in {*APPRAISAL_TO_GROUP.values(), *ITEM_TO_GROUP}
)
"""Simulation groups without an appraisal stakeholder (``("market",)``)."""

APPRAISAL_ONLY: tuple[str, ...] = tuple(
    s.value for s in STAKEHOLDERS if s.value not in APPRAISAL_TO_GROUP
)
"""Appraisal stakeholders without a simulation group (none)."""


@dataclass(frozen=True, slots=True)
class ReconciliationRow:
    """One stakeholder's value of one scheme in the appraisal and in the simulation.

    Money in yuan, NPV at ``rate``. The appraisal's range is the 5th-95th percentile
    of its samples (a spread); the simulation's is a confidence interval of the mean
    paired difference over replications.
    """

    scheme: str
    """The appraised scheme (the appraisal's name)."""
    policy: str
    """The simulated policy with the scheme."""
    baseline: str
    """The simulated policy without it (or with its counterfactual form)."""
    stakeholder: str
    """The appraisal's stakeholder (or the item standing for the group, :data:`ITEM_TO_GROUP`)."""
    group: str
    """The simulation's stakeholder group."""
    rate: float
    """Real discount rate of this stakeholder's NPVs in both views, fraction per year."""
    appraisal_mean: float
    """Mean NPV over the appraisal's samples, yuan."""
    appraisal_p5: float
    """5th percentile of the appraisal's NPV, yuan."""
    appraisal_p95: float
    """95th percentile of the appraisal's NPV, yuan."""
    samples: int
    """Appraisal samples."""
    simulated_mean: float
    """Mean paired difference ``npv_<group>`` (policy - baseline), yuan."""
    simulated_low: float
    """Lower bound of its confidence interval, yuan."""
    simulated_high: float
    """Upper bound, yuan."""
    replications: int
    """Paired runs behind the difference (samples x replications)."""
    verdict: Agreement
    """``"agree"`` or ``"differ"`` (see :func:`verdict`)."""
    reason: str = ""
    """Why the views differ, where known (or why they agree)."""


def verdict(
    appraisal: tuple[float, float, float],
    simulated: tuple[float, float, float],
    *,
    rel_tol: float = 0.25,
    negligible: float = 100_000.0,
) -> Agreement:
    """Whether two estimates of one value agree: sign, then size.

    Parameters
    ----------
    appraisal, simulated : tuple of float
        ``(mean, low, high)`` of each view, yuan.
    rel_tol : float, default 0.25
        Means within this share of the larger one agree in size.
    negligible : float, default 100,000
        Means within this many yuan of each other agree in size.

    Returns
    -------
    str
        ``"differ"`` when both views resolve the sign (their range excludes 0) and
        the signs are opposite; otherwise ``"agree"`` when the ranges overlap or the
        means are within the tolerance (``rel_tol`` or ``negligible``), ``"differ"``
        when they are not.

    Examples
    --------
    >>> verdict((10.0, 8.0, 12.0), (11.0, 10.5, 11.5))
    'agree'
    >>> verdict((10e6, 8e6, 12e6), (-1e6, -2e6, -0.5e6))
    'differ'
    >>> verdict((-1e6, -3e6, 2e6), (1e6, -1e6, 3e6))  # neither resolves the sign
    'agree'
    """
    (a, a_lo, a_hi), (s, s_lo, s_hi) = appraisal, simulated
    if not (rel_tol >= 0 and negligible >= 0):
        raise ParameterError("rel_tol, negligible", ">= 0", (rel_tol, negligible))

    def resolved(lo: float, hi: float) -> int:
        return 1 if lo > 0 else -1 if hi < 0 else 0

    ra, rs = resolved(a_lo, a_hi), resolved(s_lo, s_hi)
    if ra * rs < 0:
        return "differ"
    overlap = a_lo <= s_hi and s_lo <= a_hi
    close = abs(a - s) <= max(negligible, rel_tol * max(abs(a), abs(s)))
    return "agree" if overlap or close else "differ"


def reconcile(
    appraisal: Appraisal,
    results: ExperimentResults,
    policy: str,
    baseline: str,
    *,
    counterfactual: Appraisal | None = None,
    rate: float | DiscountRates | None = None,
    confidence: float = 0.95,
    rel_tol: float = 0.25,
    negligible: float = 100_000.0,
    reasons: Mapping[str, str] | None = None,
) -> list[ReconciliationRow]:
    """The appraisal's NPV of a scheme beside the simulated difference of two policies.

    Parameters
    ----------
    appraisal : Appraisal
        The scheme's flows, shape (samples, 6, T) (:func:`~collective_econ.appraisal.monte_carlo`)
        or (6, T) for one path.
    results : ExperimentResults
        An experiment that ran ``policy`` and ``baseline`` with common random numbers.
    policy, baseline : str
        The policies with and without the scheme (or with its counterfactual form).
    counterfactual : Appraisal, optional
        The appraisal of the baseline's form of the scheme (land compensation all in
        cash, say), paired sample by sample with ``appraisal`` (same seed and size);
        its NPVs are subtracted. Without it the baseline has no such scheme.
    rate : float or DiscountRates, optional
        Discount rates of the appraisal's NPVs (default ``DiscountRates()``: the
        social rate, the bank at its cost of funds); the simulation's ``npv_<group>``
        use the default rates, so keep the default to compare like with like.
    confidence : float, default 0.95
        Of the simulation's paired-t interval.
    rel_tol, negligible : float
        Tolerances of :func:`verdict`.
    reasons : mapping of str to str, optional
        Known reasons by simulation group (``{"bank": "..."}``), written on rows that
        differ.

    Returns
    -------
    list of ReconciliationRow
        One per appraisal stakeholder (in :data:`APPRAISAL_TO_GROUP` order), then one per
        group of :data:`ITEM_TO_GROUP` whose item the appraisal has (its ``stakeholder``
        the item's name); groups in :data:`SIMULATION_ONLY` have none.

    Raises
    ------
    ParameterError
        A counterfactual of another shape; fewer than two paired runs.
    """
    rate = DiscountRates() if rate is None else rate
    npvs = np.atleast_2d(appraisal.npv(rate))
    if counterfactual is not None:
        other = np.atleast_2d(counterfactual.npv(rate))
        if other.shape != npvs.shape:
            rule = f"NPVs shaped like the appraisal's {npvs.shape}"
            raise ParameterError("counterfactual", rule, other.shape, owner="reconcile")
        npvs = npvs - other
    known = reasons or {}
    columns = [(APPRAISAL_TO_GROUP[w], w.value, npvs[:, j]) for j, w in enumerate(STAKEHOLDERS)]
    for group, (item, sign) in ITEM_TO_GROUP.items():
        if item in appraisal.items:  # the group's flows are an item of this appraisal
            x = _item_npv(appraisal, counterfactual, item, sign, rate, group)
            columns.append((group, item, x))
    rows = []
    for group, who, x in columns:
        p5, p95 = (float(q) for q in np.percentile(x, [5, 95]))
        a = (float(x.mean()), p5, p95)
        d = results.difference(f"npv_{group}", policy, baseline, confidence=confidence)
        s = (float(d.mean), float(d.low), float(d.high))
        v = verdict(a, s, rel_tol=rel_tol, negligible=negligible)
        reason = known.get(group, "reason not established") if v == "differ" else ""
        rows.append(
            ReconciliationRow(
                appraisal.scheme, policy, baseline, who, group,
                rate.of(group) if isinstance(rate, DiscountRates) else rate, *a,
                samples=x.size, simulated_mean=s[0], simulated_low=s[1], simulated_high=s[2],
                replications=int(d.n), verdict=v, reason=reason,
            )
        )  # fmt: skip
    return rows


def _item_npv(
    appraisal: Appraisal,
    counterfactual: Appraisal | None,
    item: str,
    sign: float,
    rate: float | DiscountRates,
    group: str,
) -> Floats:
    """NPV of ``sign`` x an appraisal item, less its counterfactual's, one per sample."""
    r = rate.of(group) if isinstance(rate, DiscountRates) else rate
    x = sign * np.atleast_1d(np.asarray(npv(r, appraisal.items[item]), dtype=np.float64))
    if counterfactual is not None and item in counterfactual.items:
        x = x - sign * np.atleast_1d(np.asarray(npv(r, counterfactual.items[item])))
    return x.reshape(-1)


def results_from_npvs(
    policies: Sequence[str], npvs: Mapping[str, ArrayLike], *, start_year: int = 2010
) -> ExperimentResults:
    """A minimal :class:`ExperimentResults` holding only ``npv_<group>`` outcomes.

    For examples and tests of :func:`reconcile` without running a simulation.

    Parameters
    ----------
    policies : sequence of str
        Policy names.
    npvs : mapping of str to array_like, shape (policies, replications)
        NPV of each named stakeholder group in each run, yuan; groups left out are 0.
    start_year : int, default 2010
        The one calendar year of the results.
    """
    shapes = {np.shape(v) for v in npvs.values()}
    if len(shapes) != 1 or len(next(iter(shapes))) != 2:
        raise ParameterError("npvs", "arrays of one shape (policies, replications)", shapes)
    p, r = next(iter(shapes))
    if p != len(policies) or set(npvs) - set(STAKEHOLDER_GROUPS):
        raise ParameterError("npvs", f"groups of {STAKEHOLDER_GROUPS}, a row per policy", npvs)
    zero = np.zeros((p, 1, r))
    outcomes = {
        f"npv_{g}": np.asarray(npvs[g], dtype=np.float64).reshape(p, 1, r) if g in npvs else zero
        for g in STAKEHOLDER_GROUPS
    }
    return ExperimentResults(
        policies=tuple(policies),
        years=np.array([start_year], dtype=np.int64),
        inputs=(),
        design=np.empty((1, 0)),
        outcomes=MappingProxyType(outcomes),
        household_mean=np.zeros((p, 1, r, 0)),
        events=np.zeros((p, 1, r), dtype=np.int64),
        panels=MappingProxyType({}),
        baseline=np.empty(0),
        size=np.empty(0),
        start=np.empty(0),
    )
