"""Where landless households' income comes from: income by source, stacked."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, overload

import numpy as np

from ..economy.ledger import INCOME_SOURCES
from ..errors import ParameterError

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ..runs.comparison import Comparison
from ._style import Floats, _figure, _legend_outside, _new_axes, _Style, _year_axis, style_for


def _source_means(cmp: Comparison) -> Floats:
    """Mean income per person by source: (policies, years, sources), yuan/person/yr.

    The runs' ``income_by_source`` outcome (each year's income over the persons
    present that year), so that the chart and the tables show one figure.
    """
    return np.asarray(cmp.results.mean("income_by_source"), dtype=np.float64)


def _source_keys(values: Floats) -> list[tuple[int, str]]:
    """(index, label key) of the sources that are ever non-zero."""
    used = np.any(values != 0, axis=tuple(range(values.ndim - 1)))
    return [(k, f"source.{s.name.lower()}") for k, s in enumerate(INCOME_SOURCES) if used[k]]


def _source_colour(k: int) -> tuple[float, float, float, float]:
    from matplotlib import colormaps

    return colormaps["tab20"](k % 20)


def _source_handles(
    keys: list[tuple[int, str]], st: _Style, before: float, bars: bool
) -> list[Artist]:
    """Legend entries: the sources, the net total, and the level before the land was lost."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles: list[Artist] = [  # top of the stack first, as drawn
        Patch(color=_source_colour(k), label=st(key)) for k, key in reversed(keys)
    ]
    total = {"marker": "D", "linewidth": 0} if bars else {"linewidth": 2}
    handles.append(Line2D([], [], color="black", label=st("source.total"), **total))
    before_label = st("before_mean", value=f"{before:,.0f}")
    handles.append(Line2D([], [], color="black", linestyle="--", linewidth=1, label=before_label))
    return handles


@overload
def income_by_source_chart(
    cmp: Comparison,
    *,
    over_time: Literal[True] = ...,
    ax: Sequence[Axes] | None = ...,
    lang: str = ...,
) -> Figure: ...
@overload
def income_by_source_chart(
    cmp: Comparison, *, over_time: Literal[False], ax: Axes | None = ..., lang: str = ...
) -> Axes: ...
def income_by_source_chart(
    cmp: Comparison,
    *,
    over_time: bool = True,
    ax: Axes | Sequence[Axes] | None = None,
    lang: str = "en",
) -> Axes | Figure:
    """Where landless households' income comes from, stacked by source, per policy.

    Parameters
    ----------
    cmp : Comparison
        The compared policies.
    over_time : bool, default True
        True: one panel per policy with stacked areas over the years (returns
        the Figure). False: one stacked bar per policy, the mean over the
        horizon (returns the Axes).
    ax : Axes, or a sequence of one Axes per policy when over_time, optional
        Drawn on a new figure when omitted.
    lang : {"en", "zh"}, default "en"
        Language of the labels.

    Returns
    -------
    matplotlib Figure (``over_time=True``) or Axes (``over_time=False``)

    Notes
    -----
    Mean over replications of each source's income divided by the number of
    landless residents present that year (the ``income_by_source`` outcome),
    yuan/person/yr. Sources that lose money in a year (hog
    farming in a price crash, interest on loans) are stacked below zero; the
    black line or diamond is the net total, which equals the person-weighted
    mean of per-capita income. The dashed line is that mean before the land
    was lost. Policy names are the panel titles (or the bars' labels).
    """
    st = style_for(lang)
    values = _source_means(cmp)
    keys = _source_keys(values)
    # before the land was lost: the households as they were at the taking (month-0 sizes)
    before = float(np.average(cmp.baseline, weights=cmp.size))
    with st.fonts():
        if over_time:
            drawn: Axes | Figure = _sources_over_time(cmp, values, keys, before, ax, st)
        else:
            from matplotlib.axes import Axes as AxesType

            if ax is not None and not isinstance(ax, AxesType):
                raise ParameterError("ax", "one Axes when over_time=False", ax)
            drawn = _sources_mean(cmp, values.mean(axis=1), keys, before, ax, st)
    st.finish(drawn)
    return drawn


def _stack(ax: Axes, x: Floats, v: Floats, keys: list[tuple[int, str]], bars: bool) -> None:
    """Stack ``v`` (x, sources): gains upwards from 0, losses downwards."""
    up, down = np.zeros(len(x)), np.zeros(len(x))
    for k, _ in keys:
        for part, base in ((np.maximum(v[:, k], 0), up), (np.minimum(v[:, k], 0), down)):
            if not part.any():
                continue
            if bars:
                ax.bar(x, part, bottom=base.copy(), width=0.6, color=_source_colour(k))
            else:
                ax.fill_between(x, base.copy(), base + part, color=_source_colour(k), linewidth=0)
            base += part


def _sources_over_time(
    cmp: Comparison,
    values: Floats,
    keys: list[tuple[int, str]],
    before: float,
    ax: Axes | Sequence[Axes] | None,
    st: _Style,
) -> Figure:
    from matplotlib.axes import Axes as AxesType

    n = len(cmp.policies)
    cols = min(n, 3) if ax is None else n
    if ax is None:
        import matplotlib.pyplot as plt

        rows = math.ceil(n / cols)
        fig, grid = plt.subplots(
            rows, cols, sharey=True, squeeze=False, layout="constrained",
            figsize=(3.8 * cols + 2.8, 3.2 * rows + 0.8),
        )  # fmt: skip
        panels = list(grid.ravel())
        for extra in panels[n:]:
            fig.delaxes(extra)
        panels, outside = panels[:n], True
    else:
        if isinstance(ax, AxesType) or len(ax) != n:
            raise ParameterError("ax", f"a sequence of {n} Axes (one per policy)", ax)
        panels, outside = list(ax), False
        fig = _figure(panels[0])
    years = cmp.years.astype(np.float64)
    for i, panel in enumerate(panels):
        _stack(panel, years, values[i], keys, bars=False)
        panel.plot(years, values[i].sum(axis=1), color="black", linewidth=2)
        panel.axhline(before, color="black", linestyle="--", linewidth=1)
        panel.axhline(0, color="black", linewidth=0.6)
        panel.set_title(st.policy(cmp.policies[i], 40), fontsize="medium")
        if i % cols == 0:
            panel.set_ylabel(st("income_unit"))
        _year_axis(panel, st)
        if i + cols < n:  # a panel below shows the years
            panel.set_xlabel("")
        panel.grid(alpha=0.3)
    handles = _source_handles(keys, st, before, bars=False)
    fig.suptitle(st("source.title"))
    if outside:
        fig.legend(handles=handles, loc="outside right upper", fontsize="small")
    else:
        panels[-1].legend(handles=handles, fontsize="x-small")
    return fig


def _sources_mean(
    cmp: Comparison,
    values: Floats,
    keys: list[tuple[int, str]],
    before: float,
    ax: Axes | None,
    st: _Style,
) -> Axes:
    ax = _new_axes(ax, (10.0, 5.5))
    x = np.arange(len(cmp.policies), dtype=np.float64)
    _stack(ax, x, values, keys, bars=True)
    ax.plot(x, values.sum(axis=1), linestyle="none", marker="D", color="black")
    ax.axhline(before, color="black", linestyle="--", linewidth=1)
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_xticks(x, [st.policy(p, 16) for p in cmp.policies], fontsize="small")
    years = cmp.years
    ax.set_title(st("source.title_mean", first=int(years[0]), last=int(years[-1])))
    ax.set_ylabel(st("income_unit"))
    handles = _source_handles(keys, st, before, bars=True)
    _legend_outside(ax, handles)
    ax.grid(axis="y", alpha=0.3)
    return ax


# --- poverty ---------------------------------------------------------------------------------
