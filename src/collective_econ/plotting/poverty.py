"""Poverty over time, and who is better or worse off than under a baseline policy."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, cast, overload

import numpy as np

from .. import metrics
from ..errors import ParameterError
from ..metrics.lines import NATIONAL_RURAL_POVERTY_LINE

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ..runs.comparison import Comparison
from ._style import (
    Floats,
    _colour,
    _figure,
    _legend_outside,
    _new_axes,
    _Style,
    _year_axis,
    style_for,
)

_MEASURES = {"headcount": 0, "gap": 1}


@overload
def poverty_chart(
    cmp: Comparison,
    *,
    line: float = ...,
    measure: Literal["headcount", "gap"] = ...,
    ax: Axes | None = ...,
    lang: str = ...,
) -> Axes: ...
@overload
def poverty_chart(
    cmp: Comparison,
    *,
    line: float = ...,
    measure: Literal["both"],
    ax: Sequence[Axes] | None = ...,
    lang: str = ...,
) -> Figure: ...
def poverty_chart(
    cmp: Comparison,
    *,
    line: float = NATIONAL_RURAL_POVERTY_LINE,
    measure: Literal["headcount", "gap", "both"] = "headcount",
    ax: Axes | Sequence[Axes] | None = None,
    lang: str = "en",
) -> Axes | Figure:
    """Poverty among landless residents over time: headcount, gap, or both side by side.

    Parameters
    ----------
    cmp : Comparison
        The compared policies.
    line : float, default 2300
        Poverty line, yuan/person/yr (2010 prices); the national rural line.
    measure : {"headcount", "gap", "both"}, default "headcount"
        Headcount: % of landless residents below the line (FGT 0). Gap: their
        average shortfall as % of the line, counting the non-poor as 0 (FGT 1).
        Both: two panels (returns the Figure).
    ax : Axes (a sequence of two for "both"), optional
        Drawn on a new figure when omitted.
    lang : {"en", "zh"}, default "en"
        Language of the labels.

    Returns
    -------
    matplotlib Axes, or Figure when ``measure="both"``

    Notes
    -----
    Lines are the mean over replications of :meth:`Comparison.poverty`, bands
    the 5-95% range over replications. A household whose hog farm lost money that
    year has a cash income below zero: it is poor, and falls the whole line short,
    no more (:func:`~collective_econ.metrics.fgt` counts the loss as zero income),
    so the gap never exceeds the headcount.
    """
    if measure not in (*_MEASURES, "both"):
        raise ParameterError("measure", "'headcount', 'gap' or 'both'", measure)
    try:
        level = float(line)
    except (TypeError, ValueError):
        level = math.nan
    if isinstance(line, bool) or not (math.isfinite(level) and level > 0):
        raise ParameterError("line", "a finite number > 0 (yuan/person/year)", line)
    st = style_for(lang)
    chosen = list(_MEASURES) if measure == "both" else [measure]
    title_line = f"{line:,.0f}"
    with st.fonts():
        if measure != "both":
            from matplotlib.axes import Axes as AxesType

            if ax is not None and not isinstance(ax, AxesType):
                raise ParameterError("ax", "one Axes unless measure='both'", ax)
            panels = [_new_axes(ax)]
        elif ax is None:
            import matplotlib.pyplot as plt

            _, grid = plt.subplots(1, 2, figsize=(13.0, 4.8), layout="constrained")
            panels = list(grid)
        else:
            panels = list(cast("Sequence[Axes]", ax))
            if len(panels) != 2:
                raise ParameterError("ax", "a sequence of 2 Axes when measure='both'", ax)
        for panel, m in zip(panels, chosen, strict=True):
            values = 100 * cmp.poverty(line, alpha=_MEASURES[m])
            handles = _poverty_panel(panel, cmp, values, st)
            panel.set_ylabel(st(f"poverty.{m}_ylabel"))
            name = st(f"poverty.{m}")
            if measure == "both":
                panel.set_title(name)
            else:
                panel.set_title(st("poverty.title", measure=name, line=title_line))
                _legend_outside(panel, handles)
        if measure != "both":
            drawn: Axes | Figure = panels[0]
        else:
            fig = _figure(panels[0])
            both = st("poverty.both")
            fig.suptitle(st("poverty.title", measure=both, line=title_line))
            if ax is None:
                fig.legend(handles=handles, loc="outside right upper", fontsize="small")
            else:
                panels[-1].legend(handles=handles, fontsize="x-small")
            drawn = fig
    st.finish(drawn)
    return drawn


def _poverty_panel(ax: Axes, cmp: Comparison, values: Floats, st: _Style) -> list[Artist]:
    from matplotlib.patches import Patch

    years = cmp.years
    handles: list[Artist] = []
    for i, name in enumerate(cmp.policies):
        c = _colour(i)
        (line,) = ax.plot(years, values[i].mean(axis=0), color=c, linewidth=2, marker="o",
                          markersize=3, label=st.policy(name))  # fmt: skip
        handles.append(line)
        if values.shape[1] > 1:
            lo, hi = np.percentile(values[i], [5, 95], axis=0)
            ax.fill_between(years, lo, hi, color=c, alpha=0.12, linewidth=0)
    if values.shape[1] > 1:
        handles.append(Patch(color="grey", alpha=0.25, label=st("poverty.band")))
    ax.set_ylim(bottom=0)
    _year_axis(ax, st)
    ax.grid(alpha=0.3)
    return handles


# --- winners and losers ----------------------------------------------------------------------


def winners_losers_chart(
    cmp: Comparison, baseline: str | None = None, *, ax: Axes | None = None, lang: str = "en"
) -> Axes:
    """Share of landless households better and worse off than under a baseline policy.

    Parameters
    ----------
    cmp : Comparison
        The compared policies (at least two).
    baseline : str, optional
        The policy compared against; the first policy by default.
    ax : matplotlib Axes, optional
        Drawn on a new figure when omitted.
    lang : {"en", "zh"}, default "en"
        Language of the labels.

    Returns
    -------
    matplotlib Axes

    Notes
    -----
    From :meth:`Comparison.winners_losers`: each household's mean per-capita
    income over the horizon under a policy against the baseline, paired by
    household and replication. Bars up: share better off; bars down (hatched):
    share worse off; the rest are no different. Error bars are 95% intervals
    over replications (t), or over households (Wilson) with one replication.
    """
    base = cmp.policies[0] if baseline is None else baseline
    if base not in cmp.policies:
        raise ParameterError("baseline", f"one of {list(cmp.policies)}", base)
    others = [p for p in cmp.policies if p != base]
    if not others:
        raise ParameterError("cmp.policies", "at least two policies", cmp.policies)
    st = style_for(lang)
    with st.fonts():
        from matplotlib.lines import Line2D
        from matplotlib.patches import Patch
        from matplotlib.ticker import FuncFormatter

        ax = _new_axes(ax, (9.5, 5.5))
        handles: list[Artist] = []
        top, bottom = 25.0, -25.0
        for j, name in enumerate(others):
            c = _colour(cmp.index(name))
            hi, lo = _winner_bars(ax, j, cmp.winners_losers(name, base), c)
            top, bottom = max(top, hi + 12), min(bottom, lo - 12)
            handles.append(Patch(color=c, label=st.policy(name)))
        ax.axhline(0, color="black", linewidth=1)
        ax.set_ylim(max(bottom, -112), min(top, 112))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{abs(v):.0f}"))
        ax.set_xticks(range(len(others)), [st.policy(p, 16) for p in others], fontsize="small")
        ax.set_xlim(-0.6, len(others) - 0.4)
        ax.set_title(st("winners.title", baseline=st.policy(base)))
        ax.set_ylabel(st("winners.ylabel"))
        handles += [
            Patch(facecolor="grey", label=st("winners.better")),
            Patch(facecolor="white", edgecolor="grey", hatch="//", label=st("winners.worse")),
            Line2D([], [], color="black", marker="|", markersize=10, linewidth=0,
                   label=st("winners.ci", level="95%")),
        ]  # fmt: skip
        _legend_outside(ax, handles)
        ax.grid(axis="y", alpha=0.3)
    st.finish(ax)
    return ax


def _winner_bars(ax: Axes, j: int, wl: metrics.WinnersLosers, colour: str) -> tuple[float, float]:
    """Bars up (better off) and down (worse off) at ``x = j``, with intervals and values."""
    ax.bar(j, 100 * wl.better, width=0.6, color=colour)
    ax.bar(j, -100 * wl.worse, width=0.6, color=colour, alpha=0.45, hatch="//", edgecolor=colour)
    tips = []
    for share, ci, sign in ((wl.better, wl.better_ci, 1), (wl.worse, wl.worse_ci, -1)):
        centre = sign * 100 * share
        ends = sorted(sign * 100 * v for v in ci)
        if all(map(math.isfinite, ends)):
            err = [[max(centre - ends[0], 0.0)], [max(ends[1] - centre, 0.0)]]
            ax.errorbar(j, centre, yerr=err, fmt="none", ecolor="black", capsize=5)
        tip = ends[1] if sign > 0 else ends[0]
        tip = tip if math.isfinite(tip) else centre
        tips.append(tip)
        ax.annotate(
            f"{100 * share:.0f}%", (j, tip), xytext=(0, 4 * sign), textcoords="offset points",
            ha="center", va="bottom" if sign > 0 else "top", fontsize="small",
        )  # fmt: skip
    return tips[0], tips[1]


# --- cash flows of a scheme -------------------------------------------------------------------
