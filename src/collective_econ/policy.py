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

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .economy.collective import PayoutRule
from .economy.schedule import Schedule, _field_names
from .errors import ParameterError, suggest
from .params import Parameters, check_type
from .schemes import SCHEMES

__all__ = ["Policy"]


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
        rule = "a mapping of scheme name to Schedule"
        check_type(self.schemes, Mapping, "schemes", rule, owner="Policy")
        for key, schedule in self.schemes.items():
            if key not in SCHEMES:
                raise ParameterError(
                    key, f"a known scheme{suggest(key, SCHEMES)}", key, owner=self.path
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
                    f"a scheme of the baseline{suggest(gone, self.schemes)}",
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
                    f"a scheme of this policy{suggest(scheme, schemes)}",
                    dotted,
                    owner=path,
                )
            names = _field_names(schemes[scheme].base)
            if field_name not in names:
                owner_cls = type(schemes[scheme].base).__name__
                raise ParameterError(
                    f"{scheme}.{field_name}",
                    f"a parameter of {owner_cls}{suggest(field_name, names)}",
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
