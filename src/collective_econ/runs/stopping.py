"""The stopping rule: add replications until the intervals are narrow enough."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from ..errors import ParameterError
from ..metrics import paired_difference
from ..params import _bad, _whole
from .outcomes import OUTCOMES, outcome_info
from .store import ResultStore, decode_record

__all__ = ["StoppingRule"]


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
        try:
            info = outcome_info(self.outcome)
        except ParameterError as err:
            raise err.within(own) from None
        if info.per_year or info.labels:
            scalars = [n for n, o in OUTCOMES.items() if not o.per_year]
            raise _bad("outcome", f"a scalar outcome, one of {scalars}", self.outcome, own)
        if self.policy_a == self.policy_b:
            raise _bad("policy_b", "another policy than policy_a", self.policy_b, own)
        if not (isinstance(self.half_width, int | float) and 0 < self.half_width < math.inf):
            raise _bad("half_width", "a finite number > 0", self.half_width, own)
        if not 0 < self.confidence < 1:
            raise _bad("confidence", "within (0, 1)", self.confidence, own)
        _whole(self.batch, "batch", 1, own)
        _whole(self.max_replications, "max_replications", 2, own)


def _interval(
    sink: ResultStore,
    stop: StoppingRule,
    names: tuple[str, ...],
    shape: tuple[int, int],
    reps: int,
) -> dict[str, Any]:
    """The stopping rule's interval over the replications so far."""
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
