"""Argument checks shared by the metrics."""

from __future__ import annotations

import numbers
from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..errors import ParameterError, ParameterTypeError, ShapeError

Floats = NDArray[np.float64]
_Test = Callable[[Floats], ArrayLike]


def _floats(value: ArrayLike, name: str) -> Floats:
    try:
        return np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise ParameterTypeError(name, "a number or an array of numbers", value) from None


def _checked(
    value: ArrayLike, name: str, rule: str = "finite", test: _Test | None = None
) -> Floats:
    arr = _floats(value, name)
    bad = ~np.isfinite(arr) if test is None else ~(np.isfinite(arr) & np.asarray(test(arr)))
    if bad.any():
        where = ", ".join(str(i) for i in np.argwhere(bad)[0])
        raise ParameterError(f"{name}[{where}]" if where else name, rule, float(arr[bad][0]))
    return arr


def _scalar(value: float, name: str, rule: str, test: Callable[[float], bool]) -> float:
    v = _floats(value, name)
    if v.ndim != 0 or not np.isfinite(v) or not test(float(v)):
        raise ParameterError(name, rule, value)
    return float(v)


def _conf(value: float) -> float:
    return _scalar(value, "confidence", "within (0, 1)", lambda v: 0.0 < v < 1.0)


def _data(value: ArrayLike, name: str, axis: int = -1, min_ndim: int = 1) -> tuple[Floats, int]:
    """Finite values with >= ``min_ndim`` axes, non-empty along ``axis`` (made negative)."""
    arr = _checked(value, name)
    if arr.ndim < min_ndim:
        raise ShapeError(f"{name} must have at least {min_ndim} axes, got shape {arr.shape}")
    if isinstance(axis, bool) or not isinstance(axis, numbers.Integral):
        raise ParameterTypeError("axis", "a whole number", axis)
    if not -arr.ndim <= axis < arr.ndim:
        raise ParameterError("axis", f"within [{-arr.ndim}, {arr.ndim - 1}]", axis)
    ax = axis - arr.ndim if axis >= 0 else axis
    if arr.shape[ax] == 0 or 0 in arr.shape[arr.ndim - min_ndim + 1 :]:
        raise ShapeError(f"{name} must not be empty along axis {axis}, got shape {arr.shape}")
    return arr, ax


def _fits(arr: Floats, shape: tuple[int, ...]) -> bool:
    try:
        return np.broadcast_shapes(arr.shape, shape) == shape
    except ValueError:
        return False


def _weights(weights: ArrayLike | None, shape: tuple[int, ...]) -> Floats:
    if weights is None:
        return np.ones(shape)
    w = _floats(weights, "weights")
    if not _fits(w, shape):
        raise ShapeError(f"weights must broadcast to the data's shape {shape}, got {w.shape}")
    return np.broadcast_to(_checked(w, "weights", "finite and >= 0", lambda a: a >= 0), shape)


def _ratio(num: ArrayLike, den: ArrayLike, ok: ArrayLike = True) -> Floats:
    """``num / den`` where ``ok`` and ``den != 0``, NaN elsewhere, without warnings."""
    n, d = np.broadcast_arrays(np.asarray(num, dtype=float), np.asarray(den, dtype=float))
    out = np.full(n.shape, np.nan)
    np.divide(n, d, out=out, where=np.asarray(ok) & (d != 0))
    return out


def _out(arr: Floats) -> float | Floats:
    return float(arr) if arr.ndim == 0 else arr


def _sorted(x: ArrayLike, weights: ArrayLike | None, axis: int) -> tuple[Floats, Floats]:
    """Values and weights with ``axis`` moved last, sorted by value (stably: ties keep order).

    The same arrays as ``np.take_along_axis(arr, np.argsort(arr, kind="stable"), -1)``,
    gathered by flat index (faster than ``take_along_axis`` on 3-d arrays).
    """
    arr, ax = _data(x, "x", axis)
    w = np.moveaxis(_weights(weights, arr.shape), ax, -1)
    arr = np.moveaxis(arr, ax, -1)
    n = arr.shape[-1]
    rows = np.ascontiguousarray(arr).reshape(-1, n)
    flat = np.argsort(rows, axis=-1, kind="stable") + (n * np.arange(rows.shape[0]))[:, None]
    xs = rows.take(flat).reshape(arr.shape)
    return xs, np.ascontiguousarray(w).reshape(-1).take(flat).reshape(arr.shape)
