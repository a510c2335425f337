"""Charts of sensitivity analyses: tornado and Sobol indices."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from ..errors import ParameterError
from ..sensitivity.local import Tornado
from ..sensitivity.sobol import SobolResult
from .labels import input_label, plot_text

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["sobol_chart", "tornado_chart"]


def tornado_chart(
    result: Tornado,
    *,
    ax: Axes | None = None,
    baseline: float | None = None,
    title: str = "What moves the outcome most",
    unit: str = "",
    outcome: str = "outcome",
    labels: Sequence[str] | None = None,
) -> Axes:
    """Draw one bar per input, from the baseline to the outcome at each end of its range.

    ``baseline`` defaults to ``result.baseline``. The axis reads ``outcome (unit)``
    (``"mean income per person (yuan/person/yr)"``); each bar is labelled with
    ``labels`` or, by default, the input in words with its unit
    (:func:`~collective_econ.plotting.labels.input_label`) and its range.
    A new figure is made when ``ax`` is None; the axes are returned.
    """
    if labels is not None and len(labels) != len(result.names):
        raise ParameterError("labels", f"one label per input ({len(result.names)})", labels)
    given = list(labels) if labels is not None else [input_label(n) for n in result.names]
    names = [plot_text(n) for n in given]
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(8.0, 1.0 + 0.6 * len(result.names)), layout="constrained")
    start = result.baseline if baseline is None else float(baseline)
    y = np.arange(len(result.names))
    q_lo, q_hi = (f"{100 * q:g}%" for q in result.quantiles)
    ax.barh(y, result.low_output - start, left=start, color="tab:red", label=f"input at {q_lo}")
    ax.barh(y, result.high_output - start, left=start, color="tab:blue", label=f"input at {q_hi}")
    pairs = zip(names, result.low_value, result.high_value, strict=True)
    ax.set_yticks(y, [f"{n}\n{lo:.3g} to {hi:.3g}" for n, lo, hi in pairs])
    ax.invert_yaxis()
    ax.axvline(start, color="black", linewidth=0.8)
    ax.set_xlabel(plot_text(textwrap.fill(f"{outcome} ({unit})" if unit else outcome, 90)))
    ax.set_title(plot_text(title))
    ax.legend(loc="best")
    return ax


def sobol_chart(result: SobolResult, *, ax: Axes | None = None, output: int = 0) -> Axes:
    """Bar chart of S1 and ST per input with their intervals, for one output of the model.

    A new figure is made when ``ax`` is None; the axes are returned.
    """
    rows = [r for r in result.table() if r.get("output", 0) == output]
    if not rows:
        raise ParameterError("output", "the index of one of the model's outputs", output)
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(2.0 + 0.9 * len(rows), 4.0), layout="constrained")
    x = np.arange(len(rows))
    for shift, key, label in ((-0.2, "S1", "first order, S1"), (0.2, "ST", "total, ST")):
        s, lo, hi = (np.array([r[c] for r in rows]) for c in (key, f"{key}_low", f"{key}_high"))
        err = np.clip([s - lo, hi - s], 0.0, None)
        ax.bar(
            x + shift, s, 0.4, yerr=None if np.isnan(err).all() else err, capsize=3, label=label
        )
    ax.set_xticks(x, [plot_text(r["input"]) for r in rows], rotation=30, ha="right")
    ax.set_ylabel("share of the outcome's variance")
    ax.set_title(f"Sobol indices (N = {result.n}, {result.confidence:.0%} intervals)")
    ax.legend()
    return ax
