"""Charts of decisions under deep uncertainty: robustness against cost.

:func:`robustness_cost_figure` (the ``robust`` command's ``robustness_cost.png``) sets
the cost to the county's own budget first and the net public cost (county and higher
levels) beside it, as the run's report leads with the county's own share;
:func:`robustness_cost_chart` draws one of them on one axes.

English only for now: the words are in :data:`_TEXT` (one key each, as
:mod:`~collective_econ.plotting.labels` keeps them), policy names go through
:func:`~collective_econ.plotting.labels.policy_label` (shown as written, ``$`` escaped).
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import numpy as np

from ..decision.robustness import Robustness
from ..errors import ParameterTypeError
from ._style import _colour, _new_axes
from .labels import money_unit, plot_text, policy_label

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["robustness_cost_chart", "robustness_cost_figure"]

_TEXT: dict[str, str] = {
    "title": "Robustness against cost: {criterion} in {futures} futures",
    "x": "extra cost to the government (county and higher levels) against {baseline}, NPV "
    "({unit}); {confidence} paired bootstrap interval",
    "x_county": "extra cost to the county's own budget against {baseline}, NPV ({unit}); "
    "{confidence} paired bootstrap interval",
    "y": "share of futures satisficing; {confidence} Wilson interval",
    "minimax": "minimax regret",
    "better": "more robust, cheaper",
    "panel_county": "The county's own budget",
    "panel_total": "All public money: county and higher levels",
    "caption": "Left: the extra cost to the county's own budget (its share of each item of "
    "the government's books, by the scenario's [funding] shares). Right: the extra net "
    "public cost, the county's and the higher levels' together. Both against {baseline}; "
    "the share of futures meeting the criterion is the same in both.",
}


def robustness_cost_chart(
    result: Robustness,
    *,
    baseline: str | None = None,
    ax: Axes | None = None,
    title: str | None = None,
    county: bool = False,
) -> Axes:
    """Each policy as a point: extra public cost (x) against satisficing share (y).

    The cost is the expected net public cost (county and higher levels) over the futures
    minus ``baseline``'s (:meth:`~collective_econ.decision.robustness.Robustness.extra_cost`,
    as the decision page's table shows it; the baseline sits at 0 and is named in the axis
    label); with ``county``, the cost to the county's own budget
    (:attr:`~collective_econ.decision.robustness.Robustness.county`).
    Error bars are the paired bootstrap interval of the extra cost and the Wilson
    interval of the share; the minimax-regret policy is ringed. The efficient policies
    lie up and to the left (more robust, cheaper). A new figure is made when ``ax`` is
    None; the axes are returned.

    Parameters
    ----------
    result : Robustness
        From :func:`~collective_econ.decision.robustness.robustness` or
        :func:`~collective_econ.decision.robustness.robust`.
    baseline : str, optional
        The policy the extra cost is counted against; the first of ``result`` when not
        given.
    ax : matplotlib Axes, optional
    title : str, optional
        Shown as written (``$`` escaped); by default the criterion and the futures.
    """
    if not isinstance(result, Robustness):
        raise ParameterTypeError("result", "a Robustness", result, owner="robustness_cost_chart")
    ax = _new_axes(ax, (8.0, 5.5))
    base = result.policies[result.index(baseline)] if baseline is not None else result.policies[0]
    extra = result.extra_cost(base, county=county)  # (policies, 3): extra, low, high in yuan
    scale, unit, _ = money_unit(float(np.max(np.abs(extra[:, 0]))) or 1.0, "en")
    conf = f"{result.confidence:.0%}"
    x, y = extra[:, 0] / scale, result.satisficing
    for i, name in enumerate(result.policies):
        lo, hi = extra[i, 1] / scale, extra[i, 2] / scale
        xerr = [[max(x[i] - lo, 0.0) if np.isfinite(lo) else 0.0],
                [max(hi - x[i], 0.0) if np.isfinite(hi) else 0.0]]  # fmt: skip
        yerr = [[max(y[i] - result.satisficing_low[i], 0.0)],
                [max(result.satisficing_high[i] - y[i], 0.0)]]  # fmt: skip
        ax.errorbar(
            x[i], y[i], xerr=xerr, yerr=yerr, fmt="o", color=_colour(i), capsize=3,
            markersize=7, label=policy_label(name, "en"),
        )  # fmt: skip
    m = result.index(result.minimax)
    ax.scatter(
        [x[m]], [y[m]], s=260, facecolors="none", edgecolors="black", linewidths=1.2,
        label=_TEXT["minimax"], zorder=3,
    )  # fmt: skip
    ax.set_ylim(-0.03, 1.03)
    said = _TEXT["x_county" if county else "x"]
    ax.set_xlabel(said.format(baseline=policy_label(base, "en"), unit=plot_text(unit),
                              confidence=conf))  # fmt: skip
    ax.axvline(0.0, color="0.7", linewidth=0.8, zorder=0)
    ax.set_ylabel(_TEXT["y"].format(confidence=conf))
    default = _TEXT["title"].format(criterion=result.criterion.describe(), futures=result.futures)
    ax.set_title(plot_text(default if title is None else title))
    ax.annotate(
        _TEXT["better"], xy=(0.02, 0.97), xycoords="axes fraction", va="top", fontsize=8,
        color="0.4",
    )  # fmt: skip
    ax.legend(loc="lower right", fontsize=8)
    return ax


def robustness_cost_figure(result: Robustness, *, baseline: str | None = None) -> Figure:
    """The county's own cost and the net public cost, side by side, against robustness.

    Two panels of :func:`robustness_cost_chart` sharing the share axis: on the left the
    extra cost to the county's own budget
    (:attr:`~collective_econ.decision.robustness.Robustness.county`), on the right the
    extra net public cost (county and higher levels), each panel titled with whose money
    it counts and a caption under both saying which is which. Without the county's cost
    (a :class:`Robustness` made without ``county_costs``), the public cost alone.

    Parameters
    ----------
    result : Robustness
    baseline : str, optional
        The policy the extra costs are counted against; the first of ``result`` when not
        given.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    if not isinstance(result, Robustness):
        raise ParameterTypeError("result", "a Robustness", result, owner="robustness_cost_figure")
    if result.county is None:
        ax = robustness_cost_chart(result, baseline=baseline)
        fig = ax.get_figure(root=True)
        assert fig is not None
        return fig
    base = result.policies[result.index(baseline)] if baseline is not None else result.policies[0]
    fig, (own, total) = plt.subplots(1, 2, figsize=(14.0, 6.2), sharey=True, layout="constrained")
    for ax, county, key in ((own, True, "panel_county"), (total, False, "panel_total")):
        robustness_cost_chart(result, baseline=base, ax=ax, title=_TEXT[key], county=county)
        ax.set_xlabel(textwrap.fill(ax.get_xlabel(), 70))
    own.get_legend().remove()  # one legend, in the right panel
    total.set_ylabel("")
    said = _TEXT["title"].format(criterion=result.criterion.describe(), futures=result.futures)
    fig.suptitle(plot_text(said))
    caption = _TEXT["caption"].format(baseline=policy_label(base, "en"))
    fig.supxlabel(textwrap.fill(caption, 150), fontsize=9, color="0.25")  # names escaped
    return fig
