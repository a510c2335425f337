"""Schedules: a scheme's parameters over time, a base and dated periods."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import numpy as np

from ..errors import ParameterError, ParameterTypeError, suggest
from ..params import Parameters, as_tuple, check_type

__all__ = ["Period", "Schedule"]

P = TypeVar("P", bound=Parameters)


def _field_names(params: Parameters) -> list[str]:
    return [f.name for f in dataclasses.fields(params)]  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Period:
    """Values that some parameters take from ``start`` (month) until ``end`` (excluded).

    ``end=None`` means to the end of the run.
    """

    start: int
    end: int | None
    values: Mapping[str, Any]

    def covers(self, month: int) -> bool:
        """Whether ``month`` falls in the period."""
        return self.start <= month and (self.end is None or month < self.end)


@dataclass(frozen=True)
class Schedule(Generic[P]):
    """A scheme's parameters over time: a base, and periods with other values.

    Every version is built (and so validated) when the schedule is made.
    Periods that set the same parameter must not overlap.

    Examples
    --------
    A per-head hog subsidy of 50 yuan for the first three years only:

    >>> from collective_econ.schemes.hogs import HogParams
    >>> stop = Period(36, None, {"per_head_subsidy": 0.0})
    >>> s = Schedule(HogParams(per_head_subsidy=50.0), (stop,))
    >>> s.at(35).per_head_subsidy, s.at(36).per_head_subsidy
    (50.0, 0.0)
    """

    base: P
    periods: tuple[Period, ...] = ()
    _versions: tuple[tuple[int, P], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        check_type(self.base, Parameters, "base", "a Parameters instance", owner="Schedule")
        periods = as_tuple(self.periods, "periods", "a sequence of Period", owner="Schedule")
        for p in periods:
            check_type(p, Period, "periods", "a sequence of Period", owner="Schedule")
        object.__setattr__(self, "periods", periods)
        names = _field_names(self.base)
        owner = type(self.base).__name__
        for i, p in enumerate(self.periods):
            for bound in (p.start, p.end):
                if bound is not None and (
                    isinstance(bound, bool) or not isinstance(bound, int | np.integer)
                ):
                    raise ParameterTypeError(
                        f"periods[{i}]",
                        "whole months (start, end)",
                        (p.start, p.end),
                        owner=owner,
                    )
            if p.start < 0 or (p.end is not None and p.end <= p.start):
                raise ParameterError(
                    f"periods[{i}]", "a range with 0 <= start < end", (p.start, p.end), owner=owner
                )
            for key in p.values:
                if key not in names:
                    raise ParameterError(
                        f"periods[{i}].{key}",
                        f"a parameter of {owner}{suggest(key, names)}",
                        key,
                        owner=owner,
                    )
            for j, q in enumerate(self.periods[:i]):
                shared = set(p.values) & set(q.values)
                ends = (
                    p.end if p.end is not None else 1 << 60,
                    q.end if q.end is not None else 1 << 60,
                )
                if shared and p.start < ends[1] and q.start < ends[0]:
                    raise ParameterError(
                        f"periods[{i}]",
                        f"not overlapping periods[{j}] on {sorted(shared)}",
                        (p.start, p.end),
                        owner=owner,
                    )
        bounds = sorted(
            {
                0,
                *(p.start for p in self.periods),
                *(p.end for p in self.periods if p.end is not None),
            }
        )
        versions = []
        for b in bounds:
            changes: dict[str, Any] = {}
            for p in self.periods:
                if p.covers(b):
                    changes.update(p.values)
            versions.append((b, self.base.evolve(**changes) if changes else self.base))
        object.__setattr__(self, "_versions", tuple(versions))

    def at(self, month: int) -> P:
        """The parameters in force in ``month``."""
        current = self._versions[0][1]
        for start, version in self._versions:
            if start > month:
                break
            current = version
        return current

    @property
    def change_months(self) -> tuple[int, ...]:
        """Months at which some parameter changes (besides month 0)."""
        return tuple(m for m, _ in self._versions[1:])
