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

__all__ = [
    "CaseDataError",
    "CollectiveEconError",
    "ParameterError",
    "ParameterTypeError",
    "ShapeError",
]


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
