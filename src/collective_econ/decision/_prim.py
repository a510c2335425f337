"""PRIM's peeling and pasting (Friedman & Fisher, 1999; see :mod:`.discovery`)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..distributions.uncertainty import Uncertainty
from ._discovery_inputs import (
    Floats,
    InputLabel,
    _alpha,
    _labels,
    _matrix,
    _names,
    input_labels,
)
from ._discovery_trajectory import Trajectory

__all__ = ["peel"]

# --- PRIM -----------------------------------------------------------------------------------


def _quantiles(s: Floats, q: float) -> Floats:
    """Per column of sorted ``s``, the EMA Workbench's (sdtoolkit's) quantile.

    Midpoint of the two order statistics around ``(m - 1) q``, stepping past ties
    (outwards from the median), so that a cut never falls on a data value.
    """
    m = s.shape[0]
    i = (m - 1) * q
    lo, hi = math.floor(i), math.ceil(i)
    cols = np.arange(s.shape[1])
    if q > 0.5:
        v = s[hi]
        tie = s[lo] == v
        first = (s < v).sum(axis=0)  # index of the first value == v
        lo_i = np.where(tie, np.maximum(first - 1, 0), lo)
        return np.asarray((s[lo_i, cols] + v) / 2)
    v = s[lo]
    tie = s[hi] == v
    after = (s <= v).sum(axis=0)  # index of the first value > v
    hi_i = np.where(tie, np.minimum(after, m - 1), hi)
    return np.asarray((v + s[hi_i, cols]) / 2)


def _objective(n_old: int, c_old: int, n_new: Floats, c_new: Floats) -> Floats:
    """Gain in the share of cases per future removed or added (EMA's "lenient 1")."""
    mean_old = c_old / n_old
    mean_new = np.where(n_new > 0, c_new / np.maximum(n_new, 1), 0.0)
    dn = np.abs(n_old - n_new)
    obj = np.where(dn > 0, (mean_new - mean_old) / np.maximum(dn, 1), 0.0)
    return np.asarray(np.where(mean_new == mean_old, 0.0, obj))


def _pick(obj: Floats, nonres: NDArray[np.int64]) -> int:
    """Largest objective, then most unrestricted inputs, then the first candidate."""
    best = obj == obj.max()
    return int(np.flatnonzero(best & (nonres == nonres[best].max()))[0])


def peel(
    X: ArrayLike,
    y: ArrayLike,
    *,
    names: Sequence[str | Uncertainty] | None = None,
    alpha: float = 0.05,
    paste_alpha: float = 0.05,
    mass_min: float = 0.05,
    labels: Mapping[str, InputLabel | str] | None = None,
) -> Trajectory:
    """PRIM's peeling and pasting on futures ``X`` labelled ``y`` (cases of interest).

    Follows the EMA Workbench's ``Prim.find_box`` on continuous inputs: at each step
    the ``2 k`` candidate cuts (each input's ``alpha`` quantile within the box, at its
    low and high end) are scored by the gain in density per future removed, ties going
    to the cut that restricts fewer inputs, then to the first input (high end first).

    Parameters
    ----------
    X : array_like, shape (futures, inputs)
        Finite input values.
    y : array_like of bool or 0/1, shape (futures,)
        Whether each future is a case of interest; both classes must occur.
    names : sequence of str or Uncertainty, optional
        Input names (``x0``, ``x1``, ... by default), or the uncertainties (their
        ``param``), which also give labels (:func:`input_labels`).
    alpha, paste_alpha : float, default 0.05
        Share of the box's futures cut off per peel, and added per paste; in (0, 0.5).
    mass_min : float, default 0.05
        Smallest share of all futures a box may hold; in (0, 0.5).
    labels : mapping, optional
        :class:`InputLabel` (or an English label) per input name, for sentences.

    Returns
    -------
    Trajectory
    """
    x = _matrix(X)
    yy = _labels(y, x.shape[0])
    nm = _names(names, x.shape[1])
    a, pa, mm = (
        _alpha(v, s)
        for v, s in ((alpha, "alpha"), (paste_alpha, "paste_alpha"), (mass_min, "mass_min"))
    )
    n_all, k = x.shape
    lo0, hi0 = x.min(axis=0), x.max(axis=0)
    lo, hi = lo0.copy(), hi0.copy()
    idx = np.arange(n_all)
    steps_lo, steps_hi, ns, cs, pasted = (
        [lo.copy()],
        [hi.copy()],
        [n_all],
        [int(yy.sum())],
        [False],
    )
    while True:  # peeling
        xb, yb = x[idx], yy[idx]
        m, c = len(idx), int(yb.sum())
        s = np.sort(xb, axis=0)
        q_hi, q_lo = _quantiles(s, 1 - a), _quantiles(s, a)
        keep_hi, keep_lo = xb <= q_hi, xb >= q_lo
        # candidates in EMA's order: input 0 high, input 0 low, input 1 high, ...
        n_new = np.stack([keep_hi.sum(0), keep_lo.sum(0)], axis=1).reshape(-1)
        c_new = np.stack(
            [(keep_hi & yb[:, None]).sum(0), (keep_lo & yb[:, None]).sum(0)], axis=1
        ).reshape(-1)
        obj = _objective(m, c, n_new.astype(float), c_new.astype(float))
        res = (lo > lo0) | (hi < hi0)
        nonres = np.repeat(k - res.sum() - (~res).astype(np.int64), 2)
        j = _pick(obj, nonres)
        col, upper = j // 2, j % 2 == 0
        if not (n_new[j] / n_all >= mm and n_new[j] < m and obj[j] > 0):
            break
        if upper:
            hi[col] = q_hi[col]
        else:
            lo[col] = q_lo[col]
        idx = idx[(keep_hi if upper else keep_lo)[:, col]]
        steps_lo.append(lo.copy())
        steps_hi.append(hi.copy())
        ns.append(len(idx))
        cs.append(int(yy[idx].sum()))
        pasted.append(False)
    res_cols = np.flatnonzero((lo > lo0) | (hi < hi0))
    while len(res_cols):  # pasting, on the inputs restricted after peeling
        m, c = len(idx), int(yy[idx].sum())
        cand_lo, cand_hi, cand_in = [], [], []
        for u in res_cols:
            other = np.setdiff1d(res_cols, [u])
            in_other = ((x[:, other] >= lo[other]) & (x[:, other] <= hi[other])).all(axis=1)
            for side in ("lower", "upper"):
                new_lo, new_hi = lo.copy(), hi.copy()
                if side == "lower":
                    slab = in_other & (x[:, u] >= lo0[u]) & (x[:, u] <= lo[u])
                    data = np.sort(x[slab, u])[:, None]
                    new_lo[u] = _quantiles(data, 1 - pa)[0] if data.size else lo0[u]
                else:
                    slab = in_other & (x[:, u] >= hi[u]) & (x[:, u] <= hi0[u])
                    data = np.sort(x[slab, u])[:, None]
                    new_hi[u] = _quantiles(data, pa)[0] if data.size else hi0[u]
                inside = in_other & (x[:, u] >= new_lo[u]) & (x[:, u] <= new_hi[u])
                cand_lo.append(new_lo)
                cand_hi.append(new_hi)
                cand_in.append(inside)
        inside_all = np.array(cand_in)
        n_new = inside_all.sum(1).astype(float)
        c_new = (inside_all & yy).sum(1).astype(float)
        obj = _objective(m, c, n_new, c_new)
        nonres = np.array(
            [
                k - int(((a_ > lo0) | (b_ < hi0)).sum())
                for a_, b_ in zip(cand_lo, cand_hi, strict=True)
            ]
        )
        j = _pick(obj, nonres)
        mean_new = c_new[j] / n_new[j] if n_new[j] else 0.0
        if not (n_new[j] / n_all >= mm and n_new[j] > m and obj[j] > 0 and mean_new > c / m):
            break
        lo, hi, idx = cand_lo[j], cand_hi[j], np.flatnonzero(inside_all[j])
        steps_lo.append(lo.copy())
        steps_hi.append(hi.copy())
        ns.append(len(idx))
        cs.append(int(yy[idx].sum()))
        pasted.append(True)
    return Trajectory(
        nm,
        np.array(steps_lo),
        np.array(steps_hi),
        np.array(ns),
        np.array(cs),
        np.array(pasted),
        int(yy.sum()),
        n_all,
        a,
        pa,
        mm,
        x,
        yy,
        input_labels(nm if names is None else names, labels),
    )
