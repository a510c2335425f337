"""The library's errors: one base class, and leaves that also subclass a builtin.

Catch :class:`CollectiveEconError` to handle anything this library raises on
purpose, or the matching builtin (``ValueError``, ``TypeError``, ...) when the
caller does not care where the error came from.

Examples
--------
>>> from collective_econ.errors import ParameterError
>>> err = ParameterError("share_fraction", "within [0, 1]", 1.3, owner="LandSharesParams")
>>> str(err)
'LandSharesParams.share_fraction must be within [0, 1], got 1.3'
>>> isinstance(err, ValueError)
True
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "CaseDataError",
    "CollectiveEconError",
    "MemoryBudgetError",
    "MissingDependencyError",
    "ParameterError",
    "ParameterTypeError",
    "Problem",
    "ScenarioFileError",
    "ShapeError",
    "suggest",
]

MEMORY_LIMIT_ENV = "COLLECTIVE_ECON_MEMORY_LIMIT"
"""The environment variable that sets the memory limit of a run, bytes."""

_GB = 1e9


def suggest(name: str, options: Iterable[object], *, prefix: str | None = None) -> str:
    """A " (did you mean 'x'?)" hint for a misspelled ``name``, or ``""``.

    Options are compared as strings. With ``prefix`` the hint is
    ``prefix + "did you mean 'x'?"``, unparenthesised (``prefix="; "`` for the
    scenario-file messages).

    Examples
    --------
    >>> suggest("share_fracton", ["share_fraction", "dividend_rate"])
    " (did you mean 'share_fraction'?)"
    >>> suggest("housholds", ["households"], prefix="; ")
    "; did you mean 'households'?"
    >>> suggest("zzz", ["share_fraction"])
    ''
    """
    close = difflib.get_close_matches(name, [str(o) for o in options], n=1)
    if not close:
        return ""
    if prefix is None:
        return f" (did you mean {close[0]!r}?)"
    return f"{prefix}did you mean {close[0]!r}?"


class CollectiveEconError(Exception):
    """Base class of every error that collective_econ raises on purpose."""


class ParameterError(CollectiveEconError, ValueError):
    """A parameter broke a rule when it was built.

    Parameters
    ----------
    field : str
        The name of the offending field (``"share_fraction"``, ``"ramp[2]"``).
    rule : str
        The rule it broke, phrased to follow "must be" (``"within [0, 1]"``).
    value : object
        The offending value, shown with ``repr``.
    owner : str, optional
        Where the field lives: a class name (``"HotelParams"``) or a path
        (``'policies["full"].hogs'``). It prefixes the field in the message.
    """

    def __init__(self, field: str, rule: str, value: object, owner: str = "") -> None:
        self.field = field
        self.rule = rule
        self.value = value
        self.owner = owner
        # args hold the constructor's arguments, so that copies made by pickling
        # (process pools) or by SimPy re-raising a process's error rebuild it whole
        super().__init__(field, rule, value, owner)

    def __str__(self) -> str:
        return f"{self.path} must be {self.rule}, got {self.value!r}"

    @property
    def path(self) -> str:
        """The dotted path of the field, owner included."""
        return f"{self.owner}.{self.field}" if self.owner else self.field

    def within(self, owner: str) -> ParameterError:
        """The same error, re-rooted under ``owner`` (for nested parameters).

        Examples
        --------
        >>> err = ParameterError("households", ">= 1", -3, owner="HogParams")
        >>> str(err.within('policies["full"].hogs'))
        'policies["full"].hogs.households must be >= 1, got -3'
        """
        return type(self)(self.field, self.rule, self.value, owner=owner)


class ParameterTypeError(ParameterError, TypeError):
    """A parameter has the wrong type (a float where a count is needed, a string for a number)."""


class ShapeError(CollectiveEconError, ValueError):
    """Array arguments whose shapes do not fit together; the message names the argument."""


class CaseDataError(CollectiveEconError, ValueError):
    """A user-supplied table (a community, a price series) is malformed."""


class MemoryBudgetError(CollectiveEconError, MemoryError):
    """A run would need more memory than the limit allows; it was refused before allocating.

    Parameters
    ----------
    needed : float
        The estimated memory of the run, bytes (:func:`estimate_memory`).
    limit : float
        The limit in force, bytes (:func:`memory_budget`).
    what : str
        The run, in words ("a run of 1,000,000 households ... over 240 months").
    """

    def __init__(self, needed: float, limit: float, what: str) -> None:
        self.needed = needed
        self.limit = limit
        self.what = what
        super().__init__(needed, limit, what)  # args rebuild it (pickling, SimPy)

    def __str__(self) -> str:
        return (
            f"{self.what} needs an estimated {self.needed / _GB:.1f} GB of memory, above the "
            f"limit of {self.limit / _GB:.1f} GB; shorten the horizon, simulate fewer "
            f"households (a sample of them), or raise the limit with memory_limit= or the "
            f"environment variable {MEMORY_LIMIT_ENV}"
        )


class MissingDependencyError(CollectiveEconError, ImportError):
    """An optional dependency (pandas, dask) is needed here and is not installed."""


class ScenarioFileError(CollectiveEconError, ValueError):
    r"""A scenario file with problems; ``problems`` lists every one of them.

    Examples
    --------
    >>> from collective_econ.scenario import loads
    >>> try:
    ...     loads('[scenario]\nname = "x"\nhorizon_years = 0\n')
    ... except ScenarioFileError as err:
    ...     print(err)
    <string>: 2 problems
      line 3: scenario.horizon_years: must be >= 1, got 0
      policies: must define at least one policy, as [policies.<name>]
    """

    def __init__(self, problems: list[Problem], source: str = "<string>") -> None:
        self.problems = list(problems)
        self.source = source
        super().__init__(self.problems, source)

    def __str__(self) -> str:
        n = len(self.problems)
        head = f"{self.source}: {n} problem{'s' if n != 1 else ''}"
        return "\n  ".join([head, *(str(p) for p in self.problems)])


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in a scenario file.

    Parameters
    ----------
    location : str
        Where: ``"schemes.hogs.hogs_per_batch"``, ``'policies["cash only"].baseline'``,
        or ``"syntax"`` / ``"file"`` for a file that cannot be parsed or read.
    message : str
        What is wrong, with the rule and the value, and a "did you mean" for a
        misspelled name.
    line : int, optional
        The line in the file (1-based), where it could be found.
    """

    location: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line is not None else ""
        return f"{where}{self.location}: {self.message}"

    def format(self, filename: str) -> str:
        """``file:line: location: message``, the form editors understand."""
        line = f"{self.line}:" if self.line is not None else ""
        return f"{filename}:{line} {self.location}: {self.message}"
