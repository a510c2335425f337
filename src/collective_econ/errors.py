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
from typing import Any

__all__ = [
    "CalibrationError",
    "CaseDataError",
    "CellProblem",
    "CollectiveEconError",
    "MemoryBudgetError",
    "MissingDependencyError",
    "OrderError",
    "ParameterError",
    "ParameterTypeError",
    "Problem",
    "ScenarioFileError",
    "ShapeError",
    "SurveyError",
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
    advice : str, optional
        What to change (default: that of a run: a shorter horizon, fewer households).
    seconds : float, optional
        The estimated time, seconds (shown when given).
    """

    def __init__(
        self, needed: float, limit: float, what: str, advice: str = "", seconds: float = -1.0
    ) -> None:
        self.needed = needed
        self.limit = limit
        self.what = what
        self.advice = advice
        self.seconds = seconds
        super().__init__(needed, limit, what, advice, seconds)  # args rebuild it (pickling)

    def __str__(self) -> str:
        advice = (
            f"{self.advice} (the environment variable {MEMORY_LIMIT_ENV} sets the limit)"
            if self.advice
            else "shorten the horizon, simulate fewer households (a sample of them), or raise "
            f"the limit with memory_limit= or the environment variable {MEMORY_LIMIT_ENV}"
        )
        took = f"; estimated time: {_duration(self.seconds)}" if self.seconds >= 0 else ""
        return (
            f"{self.what} needs an estimated {self.needed / _GB:.1f} GB of memory, above the "
            f"limit of {self.limit / _GB:.1f} GB; {advice}{took}"
        )


def _duration(s: float) -> str:
    if s != s or s == float("inf"):
        return "forever"
    if s < 120:
        return f"{s:.0f} s"
    if s < 7200:
        return f"{s / 60:.0f} min"
    if s < 2 * 86400:
        return f"{s / 3600:.0f} h"
    return f"{s / 86400:.3g} days"


class MissingDependencyError(CollectiveEconError, ImportError):
    """An optional dependency (pandas, dask) is needed here and is not installed."""


class OrderError(CollectiveEconError, RuntimeError):
    """A step of a run came out of the order its figures rely on; the message names the rule.

    A fault of the processes' order within a month (a new scheme's, say), never of the
    inputs: a posting of income after the households' savings step has read the month's
    income (:meth:`~collective_econ.economy.ledger.Ledger.final_month_income`).
    """


class _Problems:
    """An error listing every problem it found: ``problems`` and the ``source`` they are in."""

    problems: list[Any]
    source: str

    def _keep(self, problems: Iterable[Any], source: str) -> None:
        self.problems = list(problems)
        self.source = source

    def __str__(self) -> str:
        n = len(self.problems)
        head = f"{self.source}: {n} problem{'s' if n != 1 else ''}"
        return "\n  ".join([head, *(str(p) for p in self.problems)])


class ScenarioFileError(_Problems, CollectiveEconError, ValueError):
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
        self._keep(problems, source)
        super().__init__(self.problems, source)


@dataclass(frozen=True, slots=True)
class CellProblem:
    """One problem in a survey file: the file, its line, the column and what is wrong.

    ``line`` is the file's line (1-based; the header is line 1), 0 for the file as
    a whole; ``column`` is "" when the problem is not one cell's (a missing file).

    Examples
    --------
    >>> str(CellProblem("households.csv", 7, "land_mu", "must be >= 0, got -2.0"))
    "households.csv, line 7, column 'land_mu': must be >= 0, got -2.0"
    """

    file: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        where = self.file + (f", line {self.line}" if self.line else "")
        where += f", column {self.column!r}" if self.column else ""
        return f"{where}: {self.message}"


class SurveyError(_Problems, CollectiveEconError, ValueError):
    """A household survey with problems; ``problems`` lists every one (nothing is loaded).

    Examples
    --------
    >>> err = SurveyError([CellProblem("persons.csv", 3, "age", "must be <= 120, got 300")])
    >>> print(err)
    survey: 1 problem
      persons.csv, line 3, column 'age': must be <= 120, got 300
    """

    def __init__(self, problems: list[CellProblem], source: str = "survey") -> None:
        self._keep(problems, source)
        super().__init__(self.problems, source)


class CalibrationError(CollectiveEconError, ValueError):
    """Survey weights that cannot meet their margins (within the bounds, or at all)."""


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
