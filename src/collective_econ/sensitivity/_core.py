"""Shared pieces of the sensitivity methods: inputs, evaluation, results."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..distributions import Distribution
from ..distributions.uncertainty import Uncertainty
from ..errors import ParameterError, ParameterTypeError, ShapeError
from ..params import _whole

if TYPE_CHECKING:
    pass


FloatArray = NDArray[np.float64]
Evaluate = Callable[[FloatArray], ArrayLike]
Inputs = Sequence[Uncertainty | tuple[str, Distribution]]
RANGE = (0.001, 0.999)
"""Quantiles that bound an input's range for switching values, and replace ppf(0) or
ppf(1) of an unbounded input in a Morris design."""
_EPS = float(np.finfo(float).eps)


def _inputs(uncertainties: Inputs, minimum: int = 1) -> tuple[tuple[str, ...], list[Distribution]]:
    pairs = [(u.param, u.distribution) if isinstance(u, Uncertainty) else u for u in uncertainties]
    for i, pair in enumerate(pairs):
        if not (isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[1], Distribution)):
            rule = "an Uncertainty or a (name, Distribution) pair"
            raise ParameterTypeError(f"uncertainties[{i}]", rule, pair)
    names = tuple(str(p[0]) for p in pairs)
    if len(names) < minimum:
        raise ParameterError("uncertainties", f"at least {minimum} inputs", names)
    if len(set(names)) != len(names):
        raise ParameterError("uncertainties", "inputs with distinct names", names)
    return names, [p[1] for p in pairs]


def _fraction(name: str, value: object, rule: str = "within [0, 1]") -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | np.floating):
        raise ParameterTypeError(name, "a number", value)
    if not 0.0 <= value <= 1.0:
        raise ParameterError(name, rule, value)
    return float(value)


def _base(base: ArrayLike | None, dists: list[Distribution]) -> FloatArray:
    if base is None:
        return np.array([float(d.ppf(0.5)) for d in dists])
    arr = np.asarray(base, dtype=float)
    if arr.shape != (len(dists),):
        raise ShapeError(f"base has shape {arr.shape}; expected ({len(dists)},), one per input")
    if not np.isfinite(arr).all():
        raise ParameterError("base", "finite", arr)
    return arr


def _finite(x: FloatArray, dists: list[Distribution]) -> FloatArray:
    lo, hi = (np.array([d.ppf(q) for d in dists], dtype=float) for q in RANGE)
    return np.where(np.isfinite(x), x, np.where(x < 0, lo, hi))


def _run(evaluate: Evaluate, x: FloatArray, method: str = "") -> tuple[FloatArray, bool]:
    """Outputs of shape (n, m), and whether the model returned 1-D (one output)."""
    y = np.asarray(evaluate(x), dtype=float)
    n = x.shape[0]
    if y.ndim not in (1, 2) or y.shape[0] != n:
        raise ShapeError(
            f"evaluate returned shape {y.shape} for X {x.shape}; need ({n},) or ({n}, m)"
        )
    if method and y.ndim == 2 and y.shape[1] != 1:
        raise ShapeError(f"evaluate returned {y.shape[1]} outputs per row; {method} needs one")
    if not np.isfinite(y).all():
        bad = f"{np.count_nonzero(~np.isfinite(y))} NaN/inf among {y.size}"
        raise ParameterError("evaluate", "a model with finite outputs", bad)
    return y.reshape(n, -1), y.ndim == 1


def chunked(evaluate: Evaluate, executor: Executor, *, chunk_size: int = 64) -> Evaluate:
    """Spread a model's rows over an executor in chunks; outputs come back in row order.

    The result does not depend on the executor or its workers when each row's output does
    not. On a process pool ``evaluate`` must pickle (an :class:`AppraisalModel` does).

    Parameters
    ----------
    evaluate : callable
        ``evaluate(X (n, k)) -> Y (n,) or (n, m)``.
    executor : concurrent.futures.Executor
        A thread or process pool, or a Dask ``client.get_executor()``.
    chunk_size : int, default 64
        Rows per task.

    Examples
    --------
    >>> from concurrent.futures import ThreadPoolExecutor
    >>> with ThreadPoolExecutor(2) as pool:
    ...     double = chunked(lambda X: 2 * X[:, 0], pool, chunk_size=2)
    ...     double(np.arange(5.0)[:, None]).tolist()
    [0.0, 2.0, 4.0, 6.0, 8.0]
    """
    if not isinstance(executor, Executor):
        raise ParameterTypeError("executor", "a concurrent.futures.Executor", executor)
    size = _whole(chunk_size, "chunk_size", 1, "", terse=True)

    def batched(x: FloatArray) -> FloatArray:
        parts = [x[i : i + size] for i in range(0, len(x), size)]
        return np.concatenate([np.asarray(y, float) for y in executor.map(evaluate, parts)])

    return batched


class _Result:
    """``table()`` and ``str()`` from the per-input arrays named in ``_COLUMNS`` (spaced)."""

    __slots__ = ()
    _COLUMNS: ClassVar[str]
    names: tuple[str, ...]

    def table(self) -> list[dict[str, Any]]:
        """One dict per input (and per output index for several outputs), for CSV."""
        k = len(self.names)
        cols = {c: np.asarray(getattr(self, c)).reshape(k, -1) for c in self._COLUMNS.split()}
        m = max(a.shape[1] for a in cols.values())
        return [
            {"input": name, **({"output": j} if m > 1 else {})}
            | {c: a[i, j if a.shape[1] > 1 else 0].item() for c, a in cols.items()}
            for i, name in enumerate(self.names)
            for j in range(m)
        ]

    def _title(self) -> str:
        return ""

    def __str__(self) -> str:
        table = self.table()
        rows = [list(table[0]), *(list(r.values()) for r in table)]
        text = [[f"{c:.4g}" if isinstance(c, float) else str(c) for c in r] for r in rows]
        widths = [max(len(r[j]) for r in text) for j in range(len(rows[0]))]
        pads = [str.ljust if isinstance(c, str) else str.rjust for c in rows[1]]
        lines = ["  ".join(p(c, w) for c, w, p in zip(r, widths, pads, strict=True)) for r in text]
        lines = [line.rstrip() for line in lines]
        return "\n".join([self._title(), lines[0], "-" * len(lines[0]), *lines[1:]])
