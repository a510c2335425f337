"""Validated, frozen parameter classes: the rules and the one base class they share.

Every parameter class of the library is a frozen dataclass that derives from
:class:`Parameters` and declares its fields with :func:`param`. A field
carries its unit, its source and the rule its value must obey; the base class
checks every field when the object is built, so a bad value never gets past
construction. The same metadata feeds the documentation tables and the
assumption register.

Examples
--------
A county analyst declares a parameter set for a fish-pond scheme:

>>> from dataclasses import dataclass
>>> @dataclass(frozen=True, slots=True, kw_only=True)
... class PondParams(Parameters):
...     area_mu: float = param(50.0, unit="mu", rule=POSITIVE, source="estimate")
...     survival: float = param(0.9, unit="fraction", rule=FRACTION, source="estimate")
>>> PondParams(survival=1.3)
Traceback (most recent call last):
...
collective_econ.errors.ParameterError: PondParams.survival must be within [0, 1], got 1.3
>>> PondParams(area_mu=float("nan"))
Traceback (most recent call last):
...
collective_econ.errors.ParameterError: PondParams.area_mu must be finite, got nan
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import numbers
import sys
import typing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from types import UnionType
from typing import Any, ClassVar, Self

from .errors import ParameterError, ParameterTypeError

__all__ = [
    "FRACTION",
    "NONNEGATIVE",
    "POSITIVE",
    "FieldInfo",
    "Parameters",
    "Rule",
    "as_tuple",
    "at_least",
    "between",
    "check_finite",
    "check_normal",
    "check_ramp",
    "check_type",
    "one_of",
    "param",
    "real_number",
    "whole_number",
]

SMALLEST_NORMAL = float(sys.float_info.min)
"""The smallest positive normal float, 2.2e-308 (:func:`check_normal` refuses values below it).

A denormal (``5e-324``) carries a few bits of precision, and ``1 + x``,
``x * k`` or ``1 / x`` of it round to 1, to 0 or overflow. Parameter fields
accept them, and the models compute safely there (the boundary sweep of
``tests/reliability/test_boundary_sweep.py`` runs every key at ``5e-324``); a
door that cannot, refuses them with :func:`check_normal` or ``real_number(...,
normal=True)``.
"""


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule that a scalar value must obey.

    The constructors (:func:`between`, :func:`at_least`, :func:`one_of`,
    :data:`POSITIVE`, ...) also record the bounds or the choices as data, for
    tools that generate valid values (:mod:`collective_econ.testing`); ``test``
    alone decides what is valid.

    Parameters
    ----------
    text : str
        The rule in words, phrased to follow "must be" (``"within [0, 1]"``).
    test : callable
        Returns True when the value obeys the rule.
    lo, hi : float, optional
        The lower and upper bound of a numeric rule (None: unbounded that side).
    lo_open, hi_open : bool
        Whether ``lo`` (``hi``) itself is excluded.
    choices : tuple, optional
        The allowed values of a rule that takes one of a fixed set.

    Examples
    --------
    >>> r = between(0, 1, hi_open=True)
    >>> r.text, r.lo, r.hi, r.hi_open, r.test(1)
    ('within [0, 1)', 0, 1, True, False)
    """

    text: str
    test: Callable[[Any], bool]
    lo: float | None = None
    hi: float | None = None
    lo_open: bool = False
    hi_open: bool = False
    choices: tuple[object, ...] | None = None

    def check(self, field: str, value: Any, owner: str = "") -> None:
        """Raise :class:`~collective_econ.errors.ParameterError` if ``value`` breaks the rule."""
        if not self.test(value):
            raise ParameterError(field, self.text, value, owner=owner)


def between(lo: float, hi: float, *, lo_open: bool = False, hi_open: bool = False) -> Rule:
    """The interval from ``lo`` to ``hi``: closed ``[lo, hi]`` unless an end is open.

    Examples
    --------
    >>> between(0, 1).text, between(0, 1, lo_open=True).text
    ('within [0, 1]', 'within (0, 1]')
    """
    left, right = "(" if lo_open else "[", ")" if hi_open else "]"
    text = f"within {left}{lo:g}, {hi:g}{right}"
    if not (lo_open or hi_open):
        return Rule(text, lambda v: lo <= v <= hi, lo=lo, hi=hi)

    def test(v: Any) -> bool:
        return bool((lo < v if lo_open else lo <= v) and (v < hi if hi_open else v <= hi))

    return Rule(text, test, lo=lo, hi=hi, lo_open=lo_open, hi_open=hi_open)


def at_least(lo: float) -> Rule:
    """Values ``>= lo``."""
    return Rule(f">= {lo:g}", lambda v: v >= lo, lo=lo)


def one_of(*choices: object) -> Rule:
    """One of a fixed set of values."""
    shown = ", ".join(repr(c) for c in choices)
    return Rule(f"one of {shown}", lambda v: v in choices, choices=choices)


NONNEGATIVE = at_least(0)
POSITIVE = Rule("> 0", lambda v: v > 0, lo=0, lo_open=True)
FRACTION = between(0, 1)


@dataclass(frozen=True, slots=True)
class FieldInfo:
    """What a parameter field declares about itself (for docs and the assumption register)."""

    name: str
    default: Any
    unit: str
    rule: str
    source: str
    doc: str


def param(
    default: Any,
    *,
    unit: str,
    source: str,
    rule: Rule | None = None,
    doc: str = "",
) -> Any:
    """Declare a parameter field: its default, unit, source and rule.

    Parameters
    ----------
    default : object
        The default value. Sequences must be tuples (the classes are frozen).
    unit : str
        The unit (``"yuan/mu"``, ``"months"``, ``"fraction"``).
    source : str
        Where the default comes from: a section of ``seed-facts.md`` or
        ``domain-reference.md``; estimates say so.
    rule : Rule, optional
        The rule each value (or each element of a tuple) must obey.
    doc : str, optional
        One line saying what the parameter is.
    """
    if isinstance(default, list | dict | set):
        raise TypeError("param defaults must be immutable (use a tuple)")
    meta = {"unit": unit, "source": source, "rule": rule, "doc": doc}
    return dataclasses.field(default=default, metadata=meta)


def check_finite(field: str, value: float, owner: str = "") -> None:
    """Raise :class:`~collective_econ.errors.ParameterError` for NaN or infinity."""
    if not math.isfinite(value):
        raise ParameterError(field, "finite", value, owner=owner)


def check_normal(field: str, value: float, owner: str = "") -> None:
    """Raise :class:`~collective_econ.errors.ParameterError` for a denormal (nonzero, < 2.2e-308).

    Examples
    --------
    >>> check_normal("occupancy", 5e-324, owner="HotelParams")
    Traceback (most recent call last):
    ...
    collective_econ.errors.ParameterError: HotelParams.occupancy must be 0 or at least 2.2e-308
    in magnitude (not a denormal float), got 5e-324
    """
    if value != 0.0 and abs(value) < SMALLEST_NORMAL:
        rule = "0 or at least 2.2e-308 in magnitude (not a denormal float)"
        raise ParameterError(field, rule, value, owner=owner)


def whole_number(
    value: object, field: str, low: int | None = None, *, high: int | None = None, owner: str = ""
) -> int:
    """``value`` as an ``int``: any whole number, Python's or numpy's (not a bool), in range.

    The one type rule for counts, sizes and seeds at every public door: what a
    Python ``int`` may be, a numpy integer may be too.

    Raises
    ------
    ParameterTypeError
        For a value that is not a whole number (a float, a string, None, a bool).
    ParameterError
        For one below ``low`` or above ``high``.

    Examples
    --------
    >>> import numpy as np
    >>> whole_number(np.int64(2), "n", 1)
    2
    >>> whole_number(2.0, "n", 1)
    Traceback (most recent call last):
    ...
    collective_econ.errors.ParameterTypeError: n must be a whole number >= 1, got 2.0
    """
    rule = "a whole number" + (f" >= {low}" if low is not None else "")
    rule += f" and <= {high:,}" if high is not None else ""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ParameterTypeError(field, rule, value, owner=owner)
    number = int(value)
    if (low is not None and number < low) or (high is not None and number > high):
        raise ParameterError(field, rule, value, owner=owner)
    return number


def check_type(
    value: object,
    types: type | UnionType | tuple[type, ...],
    field: str,
    rule: str,
    owner: str = "",
) -> None:
    """Raise :class:`~collective_econ.errors.ParameterTypeError` unless ``value`` is a ``types``.

    Examples
    --------
    >>> check_type(None, dict, "params", "a dict of scheme name to Parameters")
    Traceback (most recent call last):
    ...
    collective_econ.errors.ParameterTypeError: params must be a dict of scheme name to
    Parameters, got None
    """
    if not isinstance(value, types):
        raise ParameterTypeError(field, rule, value, owner=owner)


def as_tuple(value: object, field: str, rule: str, owner: str = "") -> tuple[Any, ...]:
    """``value`` as a tuple: any iterable but a string, else a ParameterTypeError.

    Examples
    --------
    >>> as_tuple(["a", "b"], "policies", "a sequence of policy names")
    ('a', 'b')
    >>> as_tuple(None, "policies", "a sequence of policy names")
    Traceback (most recent call last):
    ...
    collective_econ.errors.ParameterTypeError: policies must be a sequence of policy names,
    got None
    """
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise ParameterTypeError(field, rule, value, owner=owner)
    return tuple(value)


def real_number(
    value: object, field: str, *, owner: str = "", finite: bool = True, normal: bool = False
) -> float:
    """``value`` as a ``float``: any real number, Python's or numpy's (not a bool).

    Refuses NaN and infinity when ``finite`` (the default), and denormals when
    ``normal``. An int beyond the float range is refused, not rounded to inf.

    Examples
    --------
    >>> import numpy as np
    >>> real_number(np.float32(0.5), "rate"), real_number(np.int64(3), "rate")
    (0.5, 3.0)
    >>> real_number("0.5", "rate")
    Traceback (most recent call last):
    ...
    collective_econ.errors.ParameterTypeError: rate must be a real number, got '0.5'
    """
    if type(value) is float:  # the usual case, without the ABC check
        number = value
    elif isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ParameterTypeError(field, "a real number", value, owner=owner)
    else:
        try:
            number = float(value)
        except OverflowError:  # an int beyond the float range
            rule = "within the float range (about 1.8e308)"
            raise ParameterError(field, rule, value, owner=owner) from None
    if finite:
        check_finite(field, number, owner)
    if normal:
        check_normal(field, number, owner)
    return number


def check_ramp(field: str, ramp: tuple[float, ...], owner: str = "") -> None:
    """Check a ramp-up to maturity: non-empty, nondecreasing, ending in 1.

    Shares of mature yield or revenue by year (a tea garden, an orchard).

    Examples
    --------
    >>> check_ramp("ramp", (0.0, 0.5, 0.4, 1.0), owner="TeaParams")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    collective_econ.errors.ParameterError: TeaParams.ramp must be nondecreasing, got ...
    """
    if not ramp:
        raise ParameterError(field, "non-empty", ramp, owner=owner)
    if any(b < a for a, b in itertools.pairwise(ramp)):
        raise ParameterError(field, "nondecreasing", ramp, owner=owner)
    if ramp[-1] != 1.0:
        raise ParameterError(field, "ending in 1 (maturity)", ramp, owner=owner)


class Parameters:
    """Base of every frozen, validated parameter class.

    Subclasses are ``@dataclass(frozen=True, slots=True, kw_only=True)`` and
    declare fields with :func:`param`. On construction every field is checked
    against its declared type (``int`` fields take whole numbers only,
    ``float`` fields take any real number and store it as ``float``), against
    finiteness, and against its rule; tuples are checked element by element.
    Cross-field rules go in :meth:`_check`.

    Variants are made with :meth:`evolve`, never by mutation.
    """

    __slots__ = ()
    _hints: ClassVar[dict[type, dict[str, Any]]] = {}

    def __post_init__(self) -> None:
        owner = type(self).__name__
        hints = _type_hints(type(self))
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            value = getattr(self, f.name)
            checked = _check_value(f.name, value, hints.get(f.name), f.metadata.get("rule"), owner)
            if checked is not value:
                object.__setattr__(self, f.name, checked)
        self._check()

    def _check(self) -> None:
        """Cross-field rules; subclasses override and raise ParameterError."""

    def evolve(self, **changes: Any) -> Self:
        """A copy with ``changes`` applied and validated (``dataclasses.replace``)."""
        return dataclasses.replace(self, **changes)  # type: ignore[type-var]

    def source_of(self, name: str) -> str:
        """The source of field ``name``'s value in this object.

        The declared ``param(source=...)``; a class whose objects of different kinds
        take different defaults (a job type that is a factory place or a public-welfare
        post) overrides it so that each kind's value has its own, true source. The
        assumption register and the scenario file's comments read it.
        """
        field = type(self).__dataclass_fields__[name]  # type: ignore[attr-defined]
        return str(field.metadata.get("source", ""))

    @classmethod
    def describe(cls) -> Iterator[FieldInfo]:
        """The declared fields: name, default, unit, rule and source, in order."""
        for f in dataclasses.fields(cls):  # type: ignore[arg-type]
            rule = f.metadata.get("rule")
            yield FieldInfo(
                name=f.name,
                default=f.default,
                unit=f.metadata.get("unit", ""),
                rule=rule.text if rule is not None else "",
                source=f.metadata.get("source", ""),
                doc=f.metadata.get("doc", ""),
            )


def _type_hints(cls: type) -> dict[str, Any]:
    hints = Parameters._hints.get(cls)
    if hints is None:
        hints = typing.get_type_hints(cls)
        Parameters._hints[cls] = hints
    return hints


def _check_value(name: str, value: Any, hint: Any, rule: Rule | None, owner: str) -> Any:
    origin = typing.get_origin(hint)
    if origin is tuple:
        if not isinstance(value, tuple | list):
            raise ParameterTypeError(name, "a sequence", value, owner=owner)
        args = typing.get_args(hint)
        item_hint = args[0] if args else None
        items = tuple(
            _check_value(f"{name}[{i}]", v, item_hint, rule, owner) for i, v in enumerate(value)
        )
        return items if isinstance(value, list) or items != value else value
    if hint is bool:
        if not isinstance(value, bool):
            raise ParameterTypeError(name, "True or False", value, owner=owner)
        return value
    if hint is int and type(value) is int:  # the usual case, without the ABC check
        pass
    elif hint is int:
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            raise ParameterTypeError(name, "a whole number", value, owner=owner)
        value = int(value)
    elif hint is float:
        value = real_number(value, name, owner=owner)
    if rule is not None:
        rule.check(name, value, owner)
    return value


def _bad(field: str, rule: str, value: object, owner: str = "ExperimentSpec") -> ParameterError:
    return ParameterError(field, rule, value, owner=owner)


def _whole(
    value: object, field: str, low: int, owner: str = "ExperimentSpec", *, terse: bool = False
) -> int:
    """``value`` as an ``int``: a whole number (not a bool) ``>= low``.

    Raises :class:`~collective_econ.errors.ParameterTypeError` for a value that
    is not a whole number and :class:`~collective_econ.errors.ParameterError`
    for one below ``low``. Both say "must be a whole number >= low"; with
    ``terse`` they say "must be a whole number" and "must be >= low".
    """
    if type(value) is int and value >= low:  # the usual case, without the ABC check
        return value
    if not terse:
        return whole_number(value, field, low, owner=owner)
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ParameterTypeError(field, "a whole number", value, owner=owner)
    if value < low:
        raise _bad(field, f">= {low}", value, owner)
    return int(value)
