"""Policies: named bundles of schemes, written as changes to a baseline, with dated changes.

A :class:`Policy` maps scheme names to a :class:`Schedule` of parameters: the
scheme's parameters, and periods in which some of them take other values (a
subsidy that stops after three years). A variant is written as a *reform* of
a baseline policy, as in OpenFisca or PolicyEngine: change a few dotted
parameters (``"land_shares.share_fraction": 0.5``), add or remove schemes.

Examples
--------
>>> from collective_econ.schemes.land_shares import LandSharesParams
>>> shares = Policy("80% shares", {"land_shares": Schedule(LandSharesParams())})
>>> half = shares.reform("50% shares", {"land_shares.share_fraction": 0.5})
>>> half.params("land_shares").share_fraction
0.5
>>> shares.reform("typo", {"land_shares.share_fracton": 0.5})  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
collective_econ.errors.ParameterError: policies["typo"].land_shares.share_fracton must be ...
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import numpy as np

from .errors import ParameterError, ParameterTypeError
from .validation import FRACTION, Parameters, param

__all__ = ["PayoutRule", "Period", "Policy", "Schedule"]

P = TypeVar("P", bound=Parameters)


def _suggest(name: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(options), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


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
                        f"a parameter of {owner}{_suggest(key, names)}",
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


@dataclass(frozen=True, slots=True, kw_only=True)
class PayoutRule(Parameters):
    """How each resident group's collective shares its profits with member households.

    Each December the collective pays ``ratio`` of the year's net income
    (if positive) to its member households, per person, and keeps the rest
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


@dataclass(frozen=True)
class Policy:
    """A named bundle of schemes, each with a schedule of parameters.

    Parameters
    ----------
    name : str
        Shown in tables and legends.
    schemes : mapping of str to Schedule
        By registered scheme name (``"land_shares"``, ``"hogs"``, ...).
    payout : PayoutRule
        The collectives' payout rule.
    description : str
        One sentence for reports.
    """

    name: str
    schemes: Mapping[str, Schedule[Any]]
    payout: PayoutRule = field(default_factory=PayoutRule)
    description: str = ""

    def __post_init__(self) -> None:
        from .schemes import SCHEMES

        for key, schedule in self.schemes.items():
            if key not in SCHEMES:
                raise ParameterError(
                    key, f"a known scheme{_suggest(key, SCHEMES)}", key, owner=self.path
                )
            expected = SCHEMES[key].params_type
            if not isinstance(schedule, Schedule) or not isinstance(schedule.base, expected):
                raise ParameterError(
                    key, f"a Schedule of {expected.__name__}", schedule, owner=self.path
                )
        object.__setattr__(self, "schemes", dict(self.schemes))

    @property
    def path(self) -> str:
        """Where this policy sits in a scenario, for error messages."""
        return f'policies["{self.name}"]'

    def params(self, scheme: str, month: int = 0) -> Any:
        """The parameters of ``scheme`` in force in ``month``."""
        return self.schemes[scheme].at(month)

    def reform(
        self,
        name: str,
        changes: Mapping[str, Any] | None = None,
        *,
        add: Mapping[str, Parameters | Schedule[Any]] | None = None,
        remove: Iterable[str] = (),
        payout: PayoutRule | None = None,
        description: str = "",
    ) -> Policy:
        """A variant of this policy: changed parameters, added or removed schemes.

        ``changes`` maps dotted paths ``"scheme.parameter"`` to new base values.
        """
        path = f'policies["{name}"]'
        schemes: dict[str, Schedule[Any]] = {
            k: v for k, v in self.schemes.items() if k not in set(remove)
        }
        for gone in remove:
            if gone not in self.schemes:
                raise ParameterError(
                    "remove",
                    f"a scheme of the baseline{_suggest(gone, self.schemes)}",
                    gone,
                    owner=path,
                )
        for key, value in (add or {}).items():
            schemes[key] = value if isinstance(value, Schedule) else Schedule(value)
        grouped: dict[str, dict[str, Any]] = {}
        for dotted, value in (changes or {}).items():
            scheme, _, field_name = dotted.partition(".")
            if scheme not in schemes:
                raise ParameterError(
                    scheme,
                    f"a scheme of this policy{_suggest(scheme, schemes)}",
                    dotted,
                    owner=path,
                )
            names = _field_names(schemes[scheme].base)
            if field_name not in names:
                owner_cls = type(schemes[scheme].base).__name__
                raise ParameterError(
                    f"{scheme}.{field_name}",
                    f"a parameter of {owner_cls}{_suggest(field_name, names)}",
                    field_name,
                    owner=path,
                )
            grouped.setdefault(scheme, {})[field_name] = value
        for scheme, values in grouped.items():
            old = schemes[scheme]
            try:
                schemes[scheme] = Schedule(old.base.evolve(**values), old.periods)
            except ParameterError as err:
                raise err.within(f"{path}.{scheme}") from None
        return Policy(name, schemes, payout or self.payout, description)
