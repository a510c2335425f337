"""Scenario discovery's checks (bootstrap stability, holdout) and replication labels."""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike
from scipy import stats

from ..errors import ParameterError, ParameterTypeError, ShapeError
from ..params import whole_number as _count
from ..seeding import as_seed_sequence, stream
from ._discovery_box import Box
from ._discovery_inputs import (
    Bools,
    Floats,
    _labels,
    _matrix,
    _unit,
)
from ._prim import peel

__all__ = ["Labels", "holdout", "label_futures", "stability"]


def _fit(
    x: Floats,
    y: Bools,
    opts: Mapping[str, Any],
    rule: str | int,
    min_density: float,
    prune: float | None,
) -> Box:
    return peel(x, y, **opts).choose(rule, min_density=min_density, prune=prune)


def _agrees(box: Box, ref: Box, tol: Floats) -> bool:
    if box.restricted != ref.restricted:
        return False
    i = [ref.names.index(n) for n in ref.restricted]
    for mine, theirs, opn in (
        (box.lower, ref.lower, ref.low_open),
        (box.upper, ref.upper, ref.high_open),
    ):
        same = np.abs(mine[i] - theirs[i]) <= tol[i]
        if not (same | opn[i]).all():
            return False
    return True


def stability(
    X: ArrayLike,
    y: ArrayLike,
    box: Box,
    *,
    resamples: int = 50,
    tol: float = 0.05,
    rule: str | int = "f1",
    min_density: float = 0.8,
    prune: float | None = 0.05,
    seed: int | np.random.Generator = 0,
    **options: Any,
) -> tuple[float, Floats]:
    """Share of bootstrap resamples whose chosen box agrees with ``box``.

    A resample (futures drawn with replacement) agrees when its box, chosen by the
    same ``rule``, restricts the same inputs with every restricted bound within ``tol``
    times the input's range of ``box``'s (an open side agrees with itself).
    ``options`` go to :func:`peel`.

    Returns
    -------
    share : float
        In [0, 1].
    restricted : ndarray, shape (inputs,)
        Share of resamples that restrict each input.
    """
    x = _matrix(X)
    yy = _labels(y, x.shape[0])
    b = _count(resamples, "resamples", 1)
    tol_a = _unit(tol, "tol") * (x.max(axis=0) - x.min(axis=0))
    rng = (
        seed
        if isinstance(seed, np.random.Generator)
        else stream(as_seed_sequence(seed), "discovery", "stability")
    )
    agree, counts = 0, np.zeros(x.shape[1])
    opts = dict(options, names=box.names)
    for _ in range(b):
        i = rng.integers(0, len(yy), len(yy))
        if yy[i].all() or not yy[i].any():
            continue
        other = _fit(x[i], yy[i], opts, rule, min_density, prune)
        agree += _agrees(other, box, tol_a)
        counts += np.isin(box.names, other.restricted)
    return agree / b, counts / b


def holdout(
    X: ArrayLike,
    y: ArrayLike,
    *,
    test: float = 0.3,
    rule: str | int = "f1",
    min_density: float = 0.8,
    prune: float | None = 0.05,
    seed: int | np.random.Generator = 0,
    **options: Any,
) -> tuple[Box, float, float, Bools]:
    """Fit PRIM on a random training split and judge the box on the held-out futures.

    Returns
    -------
    box : Box
        The box fitted on the training split (its coverage and density are the
        training figures).
    coverage, density : float
        The box's coverage and density on the holdout.
    held : ndarray of bool, shape (futures,)
        Which futures were held out.
    """
    x = _matrix(X)
    yy = _labels(y, x.shape[0])
    share = _unit(test, "test")
    n_test = round(share * len(yy))
    if not 0 < n_test < len(yy):
        raise ParameterError("test", "a share leaving futures on both sides of the split", test)
    rng = (
        seed
        if isinstance(seed, np.random.Generator)
        else stream(as_seed_sequence(seed), "discovery", "holdout")
    )
    held = np.zeros(len(yy), bool)
    held[rng.permutation(len(yy))[:n_test]] = True
    box = _fit(x[~held], yy[~held], options, rule, min_density, prune)
    cov, den = box.evaluate(x[held], yy[held])
    return box, cov, den, held


# --- labels from replications ----------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Labels:
    """Futures labelled from the mean of their replications.

    Attributes
    ----------
    mean, low, high : ndarray, shape (futures,)
        Replication mean and its t interval (at ``confidence``; equal to the mean
        with one replication).
    case : ndarray of bool, shape (futures,)
        The mean is beyond the threshold in ``direction`` (a case of interest).
    kept : ndarray of bool, shape (futures,)
        False where the interval straddles the threshold and such futures are dropped.
    threshold : float
    direction : {"below", "above"}
    """

    mean: Floats
    low: Floats
    high: Floats
    case: Bools
    kept: Bools
    threshold: float
    direction: str
    confidence: float

    def __str__(self) -> str:
        f, k = len(self.case), int(self.kept.sum())
        return (
            f"labels: {int(self.case[self.kept].sum())} cases of interest (mean "
            f"{self.direction} {self.threshold:g}) among {k} futures kept of {f}"
        )


def label_futures(
    outcomes: ArrayLike,
    threshold: float,
    direction: str = "below",
    *,
    drop_straddling: bool = False,
    confidence: float = 0.95,
) -> Labels:
    """Label each future a case of interest from the mean of its replications.

    Parameters
    ----------
    outcomes : array_like, shape (futures, replications)
    threshold : float
        In the outcome's unit.
    direction : {"below", "above"}
        A case of interest has its mean strictly below (above) ``threshold``.
    drop_straddling : bool, default False
        Leave out (``kept`` False) the futures whose t interval of the mean contains
        the threshold: too few replications to tell which side they are on.
    confidence : float, default 0.95

    Examples
    --------
    >>> runs = [[0.70, 0.72, 0.71], [0.90, 0.95, 0.92], [0.6, 1.0, 0.8]]
    >>> lab = label_futures(runs, 0.8, drop_straddling=True)
    >>> lab.case.tolist(), lab.kept.tolist()
    ([True, False, False], [True, True, False])
    """
    y = np.asarray(outcomes, dtype=float)
    if y.ndim != 2 or y.shape[0] == 0 or y.shape[1] == 0:
        raise ShapeError(f"outcomes has shape {y.shape}; expected (futures, replications)")
    if not np.isfinite(y).all():
        raise ParameterError("outcomes", "finite", f"{np.count_nonzero(~np.isfinite(y))} NaN/inf")
    if (
        isinstance(threshold, bool)
        or not isinstance(threshold, numbers.Real)
        or not math.isfinite(float(threshold))
    ):
        raise ParameterError("threshold", "a finite number", threshold)
    if direction not in ("below", "above"):
        raise ParameterError("direction", "one of ['below', 'above']", direction)
    if not isinstance(drop_straddling, bool):
        raise ParameterTypeError("drop_straddling", "True or False", drop_straddling)
    conf = _unit(confidence, "confidence")
    r, mean = y.shape[1], y.mean(axis=1)
    if r > 1:
        half = stats.t.ppf(0.5 + conf / 2, r - 1) * y.std(axis=1, ddof=1) / math.sqrt(r)
    elif drop_straddling:
        raise ParameterError("drop_straddling", "False with one replication (no interval)", True)
    else:
        half = np.zeros_like(mean)
    c = float(threshold)
    case = mean < c if direction == "below" else mean > c
    kept = ~((mean - half <= c) & (c <= mean + half)) if drop_straddling else np.ones_like(case)
    return Labels(mean, mean - half, mean + half, case, kept, c, direction, conf)
