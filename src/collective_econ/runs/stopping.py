"""The stopping rules: add replications until the intervals are narrow enough.

:class:`StoppingRule` watches one paired difference; :class:`DecisionStoppingRule`
watches the half-widths of the decision table's intervals
(:meth:`~collective_econ.runs.results.ExperimentResults.decision_table`).
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from typing import Any, TypeAlias

from ..errors import ParameterError
from ..metrics import paired_difference
from ..params import _bad, _whole, check_type
from .decision import DECISION_OUTCOMES, half_widths
from .outcomes import OUTCOMES, outcome_info
from .results import load_results
from .store import ResultStore, decode_record

__all__ = ["DecisionStoppingRule", "Stop", "StoppingRule"]


@dataclass(frozen=True, slots=True)
class StoppingRule:
    """Add replications until a paired difference between two policies is known well enough.

    After the spec's replications, and after each further ``batch`` of
    replications (every policy and sample), the t interval of the mean of the
    scalar ``outcome`` under ``policy_a`` minus ``policy_b``, over (sample,
    replication) pairs, is computed; the experiment stops when its half width
    is at most ``half_width`` (the outcome's unit), or at ``max_replications``.
    """

    outcome: str
    policy_a: str
    policy_b: str
    half_width: float
    confidence: float = 0.95
    batch: int = 10
    max_replications: int = 1000

    def __post_init__(self) -> None:
        own = "StoppingRule"
        check_type(self.outcome, str, "outcome", "an outcome's name", owner=own)
        try:
            info = outcome_info(self.outcome)
        except ParameterError as err:
            raise err.within(own) from None
        if info.per_year or info.labels:
            scalars = [n for n, o in OUTCOMES.items() if not o.per_year]
            raise _bad("outcome", f"a scalar outcome, one of {scalars}", self.outcome, own)
        if self.policy_a == self.policy_b:
            raise _bad("policy_b", "another policy than policy_a", self.policy_b, own)
        if not (_real(self.half_width) and 0 < self.half_width < math.inf):
            raise _bad("half_width", "a finite number > 0", self.half_width, own)
        if not (_real(self.confidence) and 0 < self.confidence < 1):
            raise _bad("confidence", "within (0, 1)", self.confidence, own)
        _whole(self.batch, "batch", 1, own)
        _whole(self.max_replications, "max_replications", 2, own)

    def named_policies(self) -> tuple[tuple[str, str], ...]:
        """(field, policy name) of each policy the rule names."""
        return (("policy_a", self.policy_a), ("policy_b", self.policy_b))


@dataclass(frozen=True, slots=True)
class DecisionStoppingRule:
    """Add replications until the decision table's intervals are narrow enough.

    After the spec's replications, and after each further ``batch``, the
    decision table (:meth:`ExperimentResults.decision_table` against
    ``baseline``) is computed from the runs so far; the experiment stops when,
    for every ``(key, half_width)`` of ``targets``, every policy's interval of
    ``key`` has a half-width of at most ``half_width`` (the key's unit), or at
    ``max_replications``.

    Attributes
    ----------
    targets : tuple of (str, float)
        Interval keys of the decision table (``restored_5y``, ``poverty_peak``,
        ``income_long``, ``poverty_long``, ``extra_fiscal_cost``) and the largest
        half-width accepted: by default 2 percentage points of restoration within
        5 years and 100 yuan/person/yr of long-run income.
    baseline : str, optional
        The decision table's baseline (the first policy by default).
    confidence, batch, max_replications
        As for :class:`StoppingRule`.

    Examples
    --------
    >>> DecisionStoppingRule(targets=(("restored_5y", 0.02), ("poverty_long", 0.01))).batch
    10
    """

    targets: tuple[tuple[str, float], ...] = (("restored_5y", 0.02), ("income_long", 100.0))
    baseline: str | None = None
    confidence: float = 0.95
    batch: int = 10
    max_replications: int = 1000

    def __post_init__(self) -> None:
        own = "DecisionStoppingRule"
        keys = list(DECISION_OUTCOMES)
        if not isinstance(self.targets, tuple) or not self.targets:
            raise _bad("targets", f"a non-empty tuple of (key, half_width), keys {keys}",
                       self.targets, own)  # fmt: skip
        for item in self.targets:
            ok = isinstance(item, tuple) and len(item) == 2 and item[0] in keys
            if not ok:
                raise _bad("targets", f"(key, half_width) pairs with keys in {keys}", item, own)
            w = item[1]
            if not (_real(w) and 0 < w < math.inf):
                raise _bad(f"targets[{item[0]!r}]", "a finite half-width > 0", w, own)
        if not (_real(self.confidence) and 0 < self.confidence < 1):
            raise _bad("confidence", "within (0, 1)", self.confidence, own)
        _whole(self.batch, "batch", 1, own)
        _whole(self.max_replications, "max_replications", 2, own)

    def named_policies(self) -> tuple[tuple[str, str], ...]:
        """(field, policy name) of each policy the rule names."""
        return () if self.baseline is None else (("baseline", self.baseline),)


Stop: TypeAlias = StoppingRule | DecisionStoppingRule
"""Either stopping rule, as ``run_experiment(stop=...)`` takes it."""


def _decision_interval(sink: ResultStore, stop: DecisionStoppingRule, reps: int) -> dict[str, Any]:
    """The decision rule's widest half-widths over the replications so far."""
    table = load_results(sink, reps).decision_table(stop.baseline, confidence=stop.confidence)
    widths = half_widths(table)
    targets = dict(stop.targets)
    half = {k: widths[k] for k in targets}
    return {
        "replications": reps,
        "half_width": half,
        "target": targets,
        "reached": all(half[k] <= targets[k] for k in targets),
    }


def _interval(
    sink: ResultStore,
    stop: Stop,
    names: tuple[str, ...],
    shape: tuple[int, int],
    reps: int,
) -> dict[str, Any]:
    """The stopping rule's interval over the replications so far."""
    if isinstance(stop, DecisionStoppingRule):
        return _decision_interval(sink, stop, reps)
    (p, s), a, b = shape, names.index(stop.policy_a), names.index(stop.policy_b)
    cells = [(r * s + j) * p for r in range(reps) for j in range(s)]
    x = {
        k: float(decode_record(v)[stop.outcome])
        for k, v in sink.payloads([c + i for c in cells for i in (a, b)])
    }
    half = math.inf
    if len(cells) >= 2:
        d = paired_difference(
            [x[c + a] for c in cells], [x[c + b] for c in cells], confidence=stop.confidence
        )
        half = (float(d.high) - float(d.low)) / 2
    return {
        "replications": reps,
        "half_width": half,
        "target": stop.half_width,
        "reached": half <= stop.half_width,
    }


def _real(value: object) -> bool:
    """Whether ``value`` is a real number, Python's or numpy's (not a bool)."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool)
