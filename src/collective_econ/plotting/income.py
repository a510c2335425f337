"""Income of landless households: over time, its distribution, and its inequality."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, cast

import numpy as np

from .. import metrics
from ..errors import ParameterError
from ..metrics.lines import NATIONAL_RURAL_POVERTY_LINE

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes

    from ..runs.comparison import Comparison
from ._style import (
    Floats,
    _colour,
    _legend_outside,
    _new_axes,
    _pooled,
    _Style,
    _weighted_median,
    _year_axis,
    _year_index,
    style_for,
)


def fan_chart(cmp: Comparison, *, ax: Axes | None = None, lang: str = "en") -> Axes:
    """Per-capita income of landless households over time: a fan per policy.

    Parameters
    ----------
    cmp : Comparison
        The compared policies.
    ax : matplotlib Axes, optional
        Drawn on a new figure when omitted.
    lang : {"en", "zh"}, default "en"
        Language of the labels ("zh" needs a CJK font, else English and a warning).

    Returns
    -------
    matplotlib Axes

    Notes
    -----
    For each policy: the person-weighted median (line), the middle 50% (dark
    band) and the middle 90% (light band) of :meth:`Comparison.fan`, pooled over
    replications, each year's persons present as weights. The dashed line is the
    person-weighted median of the same households' income before they lost their
    land (their members at the taking): the level to regain.
    """
    st = style_for(lang)
    with st.fonts():
        from matplotlib.patches import Patch

        ax = _new_axes(ax)
        fan = cmp.fan((0.05, 0.25, 0.5, 0.75, 0.95))
        years = cmp.years
        for i, name in enumerate(cmp.policies):
            c = _colour(i)
            ax.fill_between(years, fan[i, 0], fan[i, 4], color=c, alpha=0.08, linewidth=0)
            ax.fill_between(years, fan[i, 1], fan[i, 3], color=c, alpha=0.2, linewidth=0)
            ax.plot(years, fan[i, 2], color=c, linewidth=2.2, label=st.policy(name))
        # incomes before the taking, of the persons then: month-0 sizes, not persons later
        before = _weighted_median(cmp.baseline, cmp.size)
        ax.axhline(
            before,
            color="black",
            linestyle="--",
            linewidth=1.2,
            label=st("before_median", value=f"{before:,.0f}"),
        )
        handles, _ = ax.get_legend_handles_labels()
        handles += [
            Patch(color="grey", alpha=0.45, label=st("fan.inner")),
            Patch(color="grey", alpha=0.18, label=st("fan.outer")),
        ]
        _legend_outside(ax, handles)
        ax.set_title(st("fan.title"))
        ax.set_ylabel(st("income_unit"))
        _year_axis(ax, st)
        ax.grid(alpha=0.3)
    st.finish(ax)
    return ax


# --- distribution in one year ---------------------------------------------------------------


def income_distribution(
    cmp: Comparison,
    year: int = -1,
    *,
    kind: Literal["ecdf", "violin"] = "ecdf",
    ax: Axes | None = None,
    lang: str = "en",
) -> Axes:
    """How household per-capita income is spread in one year, per policy.

    Parameters
    ----------
    cmp : Comparison
        The compared policies.
    year : int, default -1
        An index into ``cmp.years`` (negative counts from the end) or a calendar year.
    kind : {"ecdf", "violin"}, default "ecdf"
        Cumulative share of persons at or below each income, or violins.
    ax : matplotlib Axes, optional
        Drawn on a new figure when omitted.
    lang : {"en", "zh"}, default "en"
        Language of the labels.

    Returns
    -------
    matplotlib Axes

    Notes
    -----
    Households are weighted by the persons present that year (births, deaths and
    migration move them; a household with nobody present is left out) and
    replications pooled. The income
    axis is cut at the 1st and 99th percentiles of all persons (a note says so),
    so that a few hog farmers' loss years do not squash the picture. The dotted
    line is the national rural poverty line: an ECDF's height there is the
    poverty headcount. Violins mark the median person with a white bar.
    """
    if kind not in ("ecdf", "violin"):
        raise ParameterError("kind", "'ecdf' or 'violin'", kind)
    st = style_for(lang)
    t = _year_index(cmp, year)
    data = [_pooled(cmp, i, t) for i in range(len(cmp.policies))]
    every = np.concatenate([x for x, _ in data])
    lo, hi = np.asarray(
        metrics.weighted_quantile(
            every, [0.01, 0.99], weights=np.concatenate([w for _, w in data])
        )
    )
    pad = 0.04 * (hi - lo if hi > lo else max(abs(hi), 1.0))
    limits = (float(lo - pad), float(hi + pad))
    line = NATIONAL_RURAL_POVERTY_LINE
    with st.fonts():
        ax = _new_axes(ax)
        if kind == "ecdf":
            _ecdf(ax, cmp, data, st)
            ax.set_xlim(*limits)
            ax.axvline(
                line, color="black", linestyle=":", label=st("poverty_line", value=f"{line:,.0f}")
            )
            ax.set_xlabel(st("income_unit"))
            ax.set_ylabel(st("dist.ecdf_ylabel"))
            ax.set_ylim(0, 100)
            ax.legend(loc="lower right", fontsize="small")
        else:
            _violins(ax, cmp, data, t, st)
            ax.set_ylim(*limits)
            ax.set_ylabel(st("income_unit"))
        if every.min() < limits[0] or every.max() > limits[1]:
            ax.annotate(
                st("clipped"), (0.0, 1.0), xycoords="axes fraction", xytext=(0, 2),
                textcoords="offset points", fontsize="x-small", color="dimgrey", va="bottom",
            )  # fmt: skip
        ax.set_title(st("dist.title", year=int(cmp.years[t])), pad=14)
        ax.grid(alpha=0.3)
    st.finish(ax)
    return ax


def _ecdf(ax: Axes, cmp: Comparison, data: list[tuple[Floats, Floats]], st: _Style) -> None:
    for i, (x, w) in enumerate(data):
        order = np.argsort(x, kind="stable")
        xs = x[order]
        share = 100 * np.cumsum(w[order]) / w.sum()
        ax.step(
            np.r_[xs[0], xs],
            np.r_[0.0, share],
            where="post",
            color=_colour(i),
            linewidth=2,
            label=st.policy(cmp.policies[i]),
        )


def _violins(
    ax: Axes, cmp: Comparison, data: list[tuple[Floats, Floats]], t: int, st: _Style
) -> None:
    from matplotlib.collections import PolyCollection
    from matplotlib.patches import Patch

    pos = np.arange(1, len(data) + 1)
    parts = ax.violin([_violin_stats(x, w) for x, w in data], pos, widths=0.8, showextrema=False)
    for i, body in enumerate(cast("list[PolyCollection]", parts["bodies"])):
        body.set_facecolor(_colour(i))
        body.set_edgecolor("black")
        body.set_alpha(0.6)
    medians = cmp.fan((0.5,))[:, 0, t]
    ax.hlines(medians, pos - 0.25, pos + 0.25, color="white", linewidth=3)
    ax.hlines(medians, pos - 0.25, pos + 0.25, color="black", linewidth=0.8)
    ax.set_xticks(pos, [st.policy(p, 16) for p in cmp.policies], fontsize="small")
    handles: list[Artist] = [
        Patch(color=_colour(i), alpha=0.6, label=st.policy(p)) for i, p in enumerate(cmp.policies)
    ]
    handles.append(Patch(facecolor="white", edgecolor="black", label=st("dist.median")))
    line = NATIONAL_RURAL_POVERTY_LINE
    handles.append(
        ax.axhline(
            line, color="black", linestyle=":", label=st("poverty_line", value=f"{line:,.0f}")
        )
    )
    _legend_outside(ax, handles)


def _violin_stats(x: Floats, w: Floats) -> dict[str, Any]:
    """A violin's statistics: a kernel density of ``x`` weighted by the persons ``w``.

    Persons present on average over a year are fractions (a child born in July
    counts one half), so the density is weighted, not drawn from rounded counts.
    """
    from scipy.stats import gaussian_kde

    lo, hi = float(x.min()), float(x.max())
    coords = np.linspace(lo, hi, 100) if hi > lo else np.array([lo])
    vals = gaussian_kde(x, weights=w)(coords) if hi > lo else np.ones(1)
    mid = float(metrics.weighted_quantile(x, 0.5, weights=w))
    return {"coords": coords, "vals": vals, "mean": float(np.average(x, weights=w)),
            "median": mid, "min": lo, "max": hi, "quantiles": []}  # fmt: skip


def lorenz_chart(
    cmp: Comparison, year: int = -1, *, ax: Axes | None = None, lang: str = "en"
) -> Axes:
    """Lorenz curves of per-capita income among landless residents, with the Gini.

    Parameters
    ----------
    cmp : Comparison
        The compared policies.
    year : int, default -1
        An index into ``cmp.years`` or a calendar year.
    ax : matplotlib Axes, optional
        Drawn on a new figure when omitted.
    lang : {"en", "zh"}, default "en"
        Language of the labels.

    Returns
    -------
    matplotlib Axes

    Notes
    -----
    Person-weighted (persons present that year), replications pooled. The Gini in the
    legend is the mean over replications of :meth:`Comparison.gini`, as in the
    comparison table. The further a curve sags below the diagonal, the more
    unequal the incomes.
    """
    st = style_for(lang)
    t = _year_index(cmp, year)
    gini = cmp.gini()[:, :, t].mean(axis=1)
    with st.fonts():
        ax = _new_axes(ax, (7.0, 6.5))
        bottom = 0.0
        for i, name in enumerate(cmp.policies):
            p, share = metrics.lorenz(*_pooled(cmp, i, t))
            bottom = min(bottom, float(np.nanmin(share)))
            label = st("lorenz.entry", policy=st.policy(name), gini=f"{gini[i]:.2f}")
            ax.plot(100 * p, 100 * share, color=_colour(i), linewidth=2, label=label)
        ax.plot([0, 100], [0, 100], color="black", linestyle=":", label=st("lorenz.equality"))
        ax.set_xlim(0, 100)
        ax.set_ylim(100 * bottom - 2, 100)
        ax.set_title(st("lorenz.title", year=int(cmp.years[t])))
        ax.set_xlabel(st("lorenz.xlabel"))
        ax.set_ylabel(st("lorenz.ylabel"))
        ax.legend(loc="upper left", fontsize="small")
        ax.grid(alpha=0.3)
    st.finish(ax)
    return ax


# --- income by source --------------------------------------------------------------------------
