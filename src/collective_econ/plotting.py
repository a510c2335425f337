"""Plots for policymakers: matplotlib figures that a non-specialist can read.

Every function takes ``ax=None`` (a new figure is made when omitted), returns
what it drew on (the axes, or the figure of a multi-panel plot), and never
calls ``plt.show()``. Titles say what is shown, axes carry units, legends use
the policies' names and each policy keeps its colour from plot to plot.
``lang="zh"`` labels the plots in Chinese when matplotlib has a CJK font, and
falls back to English with a ``UserWarning`` otherwise. The words come from
:mod:`collective_econ.plot_labels`. matplotlib is imported only when a plot
is drawn. How to read each plot: ``docs/plots.md``. The tornado and Sobol
charts live in :mod:`collective_econ.sensitivity`.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import matplotlib.pyplot as plt
>>> from collective_econ.scenario import default_scenario
>>> from collective_econ.comparison import compare
>>> cmp = compare(default_scenario(), ["cash only", "80% shares"], replications=2,
...               horizon_years=3, seed=1)
>>> ax = fan_chart(cmp)
>>> ax.get_ylabel()
'yuan per person per year (2010 prices)'
>>> [t.get_text() for t in ax.get_legend().get_texts()][:2]
['cash only', '80% shares']
>>> plt.close("all")
"""

from __future__ import annotations

import math
import textwrap
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast, overload

import numpy as np
from numpy.typing import NDArray

from . import metrics
from .errors import ParameterError
from .ledger import INCOME_SOURCES
from .plot_labels import CJK_FONTS, labels, money_unit, policy_label
from .schemes.base import DEFAULT_DISCOUNT_RATE, STAKEHOLDERS, Appraisal
from .schemes.safety_net import NATIONAL_RURAL_POVERTY_LINE

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from .comparison import Comparison

__all__ = [
    "cash_flow_chart",
    "fan_chart",
    "income_by_source_chart",
    "income_distribution",
    "lorenz_chart",
    "poverty_chart",
    "save_figures",
    "winners_losers_chart",
]

Floats = NDArray[np.float64]
_FALLBACK = "DejaVu Sans"  # matplotlib's own font: Latin letters and digits a CJK font may lack
_NO_CJK = (
    "lang='zh' needs a font that can draw Chinese, and matplotlib found none "
    "(it looked for Noto Sans CJK, Source Han Sans, WenQuanYi, SimHei, Microsoft YaHei, "
    "PingFang and others), so the labels fall back to English. To get Chinese labels, "
    "install one (Debian/Ubuntu: `sudo apt-get install fonts-noto-cjk`; Fedora: "
    "`google-noto-sans-cjk-fonts`; Windows and macOS ship SimHei/Microsoft YaHei/PingFang), "
    "then delete matplotlib's font cache (the fontlist-*.json files in "
    "matplotlib.get_cachedir()) and restart Python."
)


# --- language and fonts ----------------------------------------------------------------------


def _cjk_font() -> str | None:
    """The installed font family that draws Chinese best, or None (the font lookup)."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    for name in CJK_FONTS:
        if name in installed:
            return name
    return next((n for n in sorted(installed) if "CJK" in n or "Han Sans" in n), None)


@dataclass(frozen=True, slots=True)
class _Style:
    """The language a plot is labelled in and the font that can draw it."""

    lang: str
    font: str | None = None

    def __call__(self, key: str, **fields: object) -> str:
        return labels(self.lang)[key].format(**fields)

    def get(self, key: str, default: str) -> str:
        return labels(self.lang).get(key, default)

    def policy(self, name: str, width: int | None = None) -> str:
        """The policy's label; wrapped to ``width`` (the given name on its own lines)."""
        text = policy_label(name, self.lang)
        if not width:
            return text
        if text == name:
            return textwrap.fill(name, width)
        return f"{text[: -len(name) - 3]}\n{textwrap.fill(f'({name})', width)}"

    @contextmanager
    def fonts(self) -> Iterator[None]:
        """Draw with the CJK font (new figures, titles, labels); nothing for English."""
        if self.font is None:
            yield
            return
        import matplotlib as mpl

        with mpl.rc_context({"font.family": [self.font, _FALLBACK], "axes.unicode_minus": False}):
            yield

    def finish(self, drawn: Axes | Figure) -> None:
        """Give every text of ``drawn`` the CJK font (also ticks made before the plot)."""
        if self.font is None:
            return
        from matplotlib.text import Text

        for text in drawn.findobj(Text):
            text.set_fontfamily([self.font, _FALLBACK])


def _style(lang: str, stacklevel: int = 3) -> _Style:
    """Resolve ``lang``; warn (pointing at the caller's caller) and use English without a font."""
    labels(lang)  # raises ParameterError for an unknown language
    if lang == "en":
        return _Style("en")
    font = _cjk_font()
    if font is None:
        warnings.warn(_NO_CJK, UserWarning, stacklevel=stacklevel)
        return _Style("en")
    return _Style(lang, font)


# --- small helpers -------------------------------------------------------------------------


def _new_axes(ax: Axes | None, size: tuple[float, float] = (9.5, 5.0)) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, new = plt.subplots(figsize=size, layout="constrained")
    return new


def _figure(ax: Axes) -> Figure:
    return cast("Figure", ax.figure)


def _colour(i: int) -> str:
    """The colour of the policy at position ``i`` (the same in every plot)."""
    return f"C{i % 10}"


def _year_axis(ax: Axes, st: _Style) -> None:
    from matplotlib.ticker import MaxNLocator

    ax.set_xlabel(st("year"))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))


def _year_index(cmp: Comparison, year: int) -> int:
    years = [int(y) for y in cmp.years]
    if year in years:
        return years.index(year)
    n = len(years)
    if isinstance(year, int | np.integer) and not isinstance(year, bool) and -n <= year < n:
        return int(year) % n
    raise ParameterError(
        "year", f"an index within [{-n}, {n - 1}] or a year {years[0]}-{years[-1]}", year
    )


def _pooled(cmp: Comparison, i: int, t: int) -> tuple[Floats, Floats]:
    """Per-capita incomes of policy ``i`` in year ``t``, replications pooled; person weights."""
    return cmp.per_capita[i, :, t, :].ravel(), np.tile(cmp.size, cmp.replications)


def _weighted_median(x: Floats, w: Floats) -> float:
    return float(metrics.weighted_quantile(x, 0.5, weights=w))


def _legend_outside(ax: Axes, handles: Sequence[Artist] | None = None) -> None:
    kw: dict[str, Any] = {"loc": "upper left", "bbox_to_anchor": (1.01, 1.0)}
    if handles is not None:
        kw["handles"] = list(handles)
    ax.legend(fontsize="small", **kw)


# --- income over time ------------------------------------------------------------------------


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
    replications. The dashed line is the person-weighted median of the same
    households' income before they lost their land: the level to regain.
    """
    st = _style(lang)
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
    Persons are weighted by household size and replications pooled. The income
    axis is cut at the 1st and 99th percentiles of all persons (a note says so),
    so that a few hog farmers' loss years do not squash the picture. The dotted
    line is the national rural poverty line: an ECDF's height there is the
    poverty headcount. Violins mark the median person with a white bar.
    """
    if kind not in ("ecdf", "violin"):
        raise ParameterError("kind", "'ecdf' or 'violin'", kind)
    st = _style(lang)
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

    persons = [np.repeat(x, np.rint(w).astype(np.int64)) for x, w in data]  # one value a person
    pos = np.arange(1, len(data) + 1)
    parts = ax.violinplot(persons, pos, widths=0.8, showextrema=False)
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
    Person-weighted (household size), replications pooled. The Gini in the
    legend is the mean over replications of :meth:`Comparison.gini`, as in the
    comparison table. The further a curve sags below the diagonal, the more
    unequal the incomes.
    """
    st = _style(lang)
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


def _source_means(cmp: Comparison) -> Floats:
    """Mean income per person by source: (policies, years, sources), yuan/person/yr."""
    return np.asarray(cmp.by_source.mean(axis=1) / cmp.size.sum(), dtype=np.float64)


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
    landless residents, yuan/person/yr. Sources that lose money in a year (hog
    farming in a price crash, interest on loans) are stacked below zero; the
    black line or diamond is the net total, which equals the person-weighted
    mean of per-capita income. The dashed line is that mean before the land
    was lost. Policy names are the panel titles (or the bars' labels).
    """
    st = _style(lang)
    values = _source_means(cmp)
    keys = _source_keys(values)
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
    the 5-95% range over replications. A household losing money (hog farming in
    a price crash) falls more than the whole line short, so the gap can exceed 100%.
    """
    if measure not in (*_MEASURES, "both"):
        raise ParameterError("measure", "'headcount', 'gap' or 'both'", measure)
    try:
        level = float(line)
    except (TypeError, ValueError):
        level = math.nan
    if isinstance(line, bool) or not (math.isfinite(level) and level > 0):
        raise ParameterError("line", "a finite number > 0 (yuan/person/year)", line)
    st = _style(lang)
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
    st = _style(lang)
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


def _spread(values: Floats, fmt: Callable[[float], str]) -> str:
    """``fmt(median)``, and ``(p5 to p95)`` when the samples differ."""
    p5, p50, p95 = (fmt(float(v)) for v in np.percentile(values, [5, 50, 95]))
    return p50 if p5 == p95 else f"{p50} ({p5} to {p95})"


def _npv_text(values: Floats, st: _Style) -> str:
    scale, unit, digits = money_unit(
        float(np.abs(np.percentile(values, [5, 50, 95])).max()), st.lang
    )
    return _spread(values, lambda v: f"{v / scale:,.{digits}f}") + f" {unit}"


def _irr_text(values: Floats, st: _Style) -> str:
    ok = values[np.isfinite(values)]
    return st("cash.na") if ok.size == 0 else _spread(ok, lambda v: f"{v:.1%}")


def _payback_text(values: Floats, cumulative: Floats, horizon: int, st: _Style) -> str:
    if np.all(cumulative.min(axis=-1) >= 0):
        return st("cash.no_outlay")
    never = np.where(np.isnan(values), np.inf, values)
    if np.median(never) == np.inf:
        return st("cash.never", n=horizon)
    text = _spread(never, lambda v: f"{v:.1f}" if math.isfinite(v) else f">{horizon}")
    return st("cash.years", value=text)


def cash_flow_chart(
    appraisal: Appraisal,
    *,
    rate: float = DEFAULT_DISCOUNT_RATE,
    ax: Axes | None = None,
    lang: str = "en",
) -> Axes:
    """A scheme's cumulative net cash flow per stakeholder, with NPV, IRR and payback.

    Parameters
    ----------
    appraisal : Appraisal
        From :func:`~collective_econ.appraisal.appraise` (one path) or
        :func:`~collective_econ.appraisal.monte_carlo` (samples on the leading axes).
    rate : float, default 0.08
        Real discount rate for the NPV.
    ax : matplotlib Axes, optional
        Drawn on a new figure when omitted.
    lang : {"en", "zh"}, default "en"
        Language of the labels (and of the money unit: million yuan or 万元).

    Returns
    -------
    matplotlib Axes

    Notes
    -----
    One line per stakeholder with any flow: the cumulative, undiscounted net
    cash flow (with samples, its median each year and a 5-95% band). Where it
    crosses zero upwards the stakeholder has its money back (a dot marks the
    simple payback). The legend gives NPV at ``rate``, IRR and simple payback,
    as in :func:`~collective_econ.appraisal.appraisal_table`; with samples, the
    median and the 5-95% range.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from collective_econ.appraisal import appraise
    >>> ax = cash_flow_chart(appraise("hotel"))
    >>> ax.get_title()
    'Hotel: cumulative net cash flow by stakeholder (NPV at 8%)'
    >>> plt.close(ax.figure)
    """
    st = _style(lang)
    flows = appraisal.flows.reshape(-1, len(STAKEHOLDERS), appraisal.flows.shape[-1])
    n = flows.shape[0]
    cumulative = np.cumsum(flows, axis=-1)
    npv = appraisal.npv(rate).reshape(n, -1)
    irr = appraisal.irr().reshape(n, -1)
    payback = appraisal.payback().reshape(n, -1)
    rows = [STAKEHOLDERS.index(s) for s in appraisal.involved()]
    biggest = float(np.abs(cumulative[:, rows]).max()) if rows else 1.0
    scale, unit, _ = money_unit(biggest, st.lang)
    years = appraisal.years
    with st.fonts():
        from matplotlib.lines import Line2D
        from matplotlib.patches import Patch

        ax = _new_axes(ax, (9.5, 6.5))
        for j in rows:
            c = f"C{j}"
            who = st(f"stakeholder.{STAKEHOLDERS[j].value}")
            label = st(
                "cash.entry",
                who=who,
                npv=_npv_text(npv[:, j], st),
                irr=_irr_text(irr[:, j], st),
                payback=_payback_text(
                    payback[:, j], cumulative[:, j], appraisal.horizon_years, st
                ),
            )
            ax.plot(years, np.median(cumulative[:, j], axis=0) / scale, color=c, lw=2, label=label)
            if n > 1:
                lo, hi = np.percentile(cumulative[:, j], [5, 95], axis=0) / scale
                ax.fill_between(years, lo, hi, color=c, alpha=0.15, linewidth=0)
            back = np.median(np.where(np.isnan(payback[:, j]), np.inf, payback[:, j]))
            if 0 < back < np.inf:
                ax.plot(appraisal.start_year + back, 0, "o", color=c, mec="black", zorder=3)
        ax.axhline(0, color="black", linewidth=0.8)
        handles, _ = ax.get_legend_handles_labels()
        if n > 1:
            handles.append(Patch(color="grey", alpha=0.3, label=st("cash.band", n=n)))
        handles.append(Line2D([], [], marker="o", color="grey", mec="black", linewidth=0,
                              label=st("cash.payback_marker")))  # fmt: skip
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12),
                  fontsize="small")  # fmt: skip
        scheme = st.get(f"scheme.{appraisal.scheme}", appraisal.scheme)
        ax.set_title(st("cash.title", scheme=scheme, rate=f"{100 * rate:g}%"))
        ax.set_ylabel(st("cash.ylabel", unit=unit))
        _year_axis(ax, st)
        ax.grid(alpha=0.3)
    st.finish(ax)
    return ax


# --- all of a comparison's figures ---------------------------------------------------------------


def save_figures(cmp: Comparison, folder: str | Path, *, lang: str = "en") -> list[Path]:
    """Draw every plot of a comparison and save each as a PNG file (dpi 120).

    Parameters
    ----------
    cmp : Comparison
        The compared policies.
    folder : str or Path
        Where to write (created if missing).
    lang : {"en", "zh"}, default "en"
        Language of the labels (one warning if no CJK font: English instead).

    Returns
    -------
    list of Path
        ``income_fan.png``, ``income_distribution.png``, ``lorenz.png``,
        ``income_by_source.png``, ``income_by_source_mean.png``, ``poverty.png``
        and, with two policies or more, ``winners_losers.png``. Every figure
        drawn is closed, also on error.
    """
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    use = _style(lang).lang  # warns once, here, and then draws in English
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    plots: list[tuple[str, Callable[[], Axes | Figure]]] = [
        ("income_fan.png", lambda: fan_chart(cmp, lang=use)),
        ("income_distribution.png", lambda: income_distribution(cmp, lang=use)),
        ("lorenz.png", lambda: lorenz_chart(cmp, lang=use)),
        ("income_by_source.png", lambda: income_by_source_chart(cmp, lang=use)),
        (
            "income_by_source_mean.png",
            lambda: income_by_source_chart(cmp, over_time=False, lang=use),
        ),
        ("poverty.png", lambda: poverty_chart(cmp, measure="both", lang=use)),
    ]
    if len(cmp.policies) > 1:
        plots.append(("winners_losers.png", lambda: winners_losers_chart(cmp, lang=use)))
    paths = []
    for name, draw in plots:
        before = set(plt.get_fignums())
        try:
            drawn = draw()
            fig = drawn if isinstance(drawn, Figure) else _figure(drawn)
            path = out / name
            fig.savefig(path, dpi=120)
            paths.append(path)
        finally:
            for number in set(plt.get_fignums()) - before:
                plt.close(number)
    return paths
