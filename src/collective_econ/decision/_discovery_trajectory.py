"""PRIM's peeling trajectory and the choice of a box on it (see :mod:`.discovery`)."""

from __future__ import annotations

import numbers
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from ..errors import ParameterError, ParameterTypeError
from ._discovery_box import Box, _box
from ._discovery_inputs import (
    Bools,
    Floats,
    InputLabel,
    _unit,
)

__all__ = ["Trajectory"]


@dataclass(frozen=True, eq=False)
class Trajectory:
    """The peeling and pasting trajectory of PRIM: every box, in order.

    Attributes
    ----------
    names : tuple of str
    lower, upper : ndarray, shape (steps, inputs)
        Bounds of each box (step 0 holds every future).
    n, cases : ndarray of int, shape (steps,)
        Futures and cases of interest in each box.
    pasted : ndarray of bool, shape (steps,)
        Whether the step was a paste (else a peel or the start).
    total, size : int
        Cases of interest and futures in the data.
    alpha, paste_alpha, mass_min : float
        The settings.
    """

    names: tuple[str, ...]
    lower: Floats
    upper: Floats
    n: NDArray[np.int64]
    cases: NDArray[np.int64]
    pasted: Bools
    total: int
    size: int
    alpha: float
    paste_alpha: float
    mass_min: float
    x: Floats = field(repr=False)
    y: Bools = field(repr=False)
    labels: tuple[InputLabel, ...] = field(default=(), repr=False)

    @property
    def coverage(self) -> Floats:
        """Share of all cases inside each box."""
        return np.asarray(self.cases / max(self.total, 1))

    @property
    def density(self) -> Floats:
        """Share of each box's futures that are cases."""
        return np.asarray(self.cases / self.n)

    @property
    def mass(self) -> Floats:
        """Share of all futures inside each box."""
        return np.asarray(self.n / self.size)

    @property
    def restricted(self) -> NDArray[np.int64]:
        """Inputs restricted by each box."""
        lo0, hi0 = self.lower[0], self.upper[0]
        return np.asarray(((self.lower > lo0) | (self.upper < hi0)).sum(axis=1))

    def box(self, index: int = -1) -> Box:
        """The box at step ``index`` of the trajectory (the last by default)."""
        steps = len(self.n)
        if isinstance(index, bool) or not isinstance(index, numbers.Integral):
            raise ParameterTypeError("index", "an int", index)
        if not -steps <= int(index) < steps:
            raise ParameterError("index", f"a step of the trajectory in [0, {steps})", index)
        return _box(
            self.x,
            self.y,
            self.names,
            self.lower[index],
            self.upper[index],
            self.lower[0],
            self.upper[0],
            self.labels,
        )

    def select(self, rule: str = "f1", *, min_density: float = 0.8) -> int:
        """The step a rule picks.

        ``"density"``: the box of highest coverage among those with density >=
        ``min_density`` (the highest density if none reaches it); ``"f1"``: the box
        with the largest harmonic mean of coverage and density; ``"last"``: the last
        box (the EMA Workbench's default).
        """
        if rule == "last":
            return len(self.n) - 1
        den, cov = self.density, self.coverage
        if rule == "f1":
            return int(np.argmax(2 * cov * den / np.maximum(cov + den, 1e-300)))
        if rule != "density":
            raise ParameterError("rule", "one of ['density', 'f1', 'last']", rule)
        d = _unit(min_density, "min_density")
        ok = den >= d
        if not ok.any():
            return int(np.argmax(den))
        return int(np.flatnonzero(ok)[np.argmax(cov[ok])])

    def choose(
        self, rule: str | int = "f1", *, min_density: float = 0.8, prune: float | None = 0.05
    ) -> Box:
        """The box a rule (see :meth:`select`) or an index picks, pruned.

        With ``prune`` (a level), restrictions whose quasi-p-value exceeds it are
        dropped one at a time, the least significant first (Bryant & Lempert, 2010):
        PRIM's small peels on inputs that do not matter, which bootstrap resamples
        make often. ``None`` keeps the trajectory's box as it is.
        """
        box = self.box(
            self.select(rule, min_density=min_density) if isinstance(rule, str) else rule
        )
        if prune is None:
            return box
        level = _unit(prune, "prune")
        lo0, hi0 = self.lower[0], self.upper[0]
        while box.restricted:
            j = int(np.nanargmax(box.quasi_p))
            if not box.quasi_p[j] > level:
                break
            lo, hi = box.lower.copy(), box.upper.copy()
            lo[j], hi[j] = lo0[j], hi0[j]
            box = _box(self.x, self.y, self.names, lo, hi, lo0, hi0, self.labels)
        return box

    def __str__(self) -> str:
        lines = [
            f"PRIM trajectory: {len(self.n)} boxes, {self.total} cases among "
            f"{self.size} futures (alpha {self.alpha:g}, paste {self.paste_alpha:g}, "
            f"mass_min {self.mass_min:g})",
            " step  coverage  density   mass  restricted  kind",
        ]
        kinds = np.where(self.pasted, "paste", "peel")
        kinds[0] = "start"
        for i, (c, d, m, r, kd) in enumerate(
            zip(self.coverage, self.density, self.mass, self.restricted, kinds, strict=True)
        ):
            lines.append(f"{i:5d}  {c:8.3f}  {d:7.3f}  {m:5.3f}  {r:10d}  {kd}")
        return "\n".join(lines)
