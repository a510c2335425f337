"""Plots for policymakers: matplotlib figures that a non-specialist can read.

Every function takes ``ax=None`` (a new figure is made when omitted), returns
the axes it drew on, and never calls ``plt.show()``. Titles say what is
shown, axes carry units, legends use the policies' names. matplotlib is
imported only when a plot is drawn.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from collective_econ.scenario import default_scenario
>>> from collective_econ.comparison import compare
>>> cmp = compare(default_scenario(), ["cash only", "80% shares"], replications=2,
...               horizon_years=3, seed=1)
>>> ax = fan_chart(cmp)
>>> ax.get_ylabel()
'yuan per person per year (2010 prices)'
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from .ledger import INCOME_SOURCES
from .schemes.safety_net import NATIONAL_RURAL_POVERTY_LINE

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from .comparison import Comparison

__all__ = ["fan_chart", "income_by_source_chart", "poverty_chart", "save_figures"]

YUAN_PER_PERSON = "yuan per person per year (2010 prices)"


def _axes(ax: Axes | None, size: tuple[float, float] = (9.0, 5.0)) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, new = plt.subplots(figsize=size, layout="constrained")
    return new


def _colours(n: int) -> list[Any]:
    import matplotlib.pyplot as plt

    cmap = plt.get_cmap("tab10")
    return [cmap(i % 10) for i in range(n)]


def fan_chart(cmp: Comparison, *, ax: Axes | None = None) -> Axes:
    """Per-capita income of landless households over time: median and 5-95% band per policy.

    The dashed line is the landless households' mean income before they lost
    their land (person-weighted): the level to regain.
    """
    ax = _axes(ax)
    fan = cmp.fan((0.05, 0.5, 0.95))
    years = cmp.years
    for i, (name, colour) in enumerate(
        zip(cmp.policies, _colours(len(cmp.policies)), strict=True)
    ):
        ax.fill_between(years, fan[i, 0], fan[i, 2], color=colour, alpha=0.15, linewidth=0)
        ax.plot(years, fan[i, 1], color=colour, linewidth=2, label=name)
    before = float(np.average(cmp.baseline, weights=cmp.size))
    ax.axhline(
        before,
        color="black",
        linestyle="--",
        linewidth=1,
        label=f"before losing land ({before:,.0f})",
    )
    ax.set_title("Income of landless households: median and 5-95% range, by policy")
    ax.set_xlabel("year")
    ax.set_ylabel(YUAN_PER_PERSON)
    ax.legend(loc="upper left", fontsize="small")
    ax.grid(alpha=0.3)
    return ax


def poverty_chart(
    cmp: Comparison, *, line: float = NATIONAL_RURAL_POVERTY_LINE, ax: Axes | None = None
) -> Axes:
    """Share of landless residents below a poverty line each year, by policy."""
    ax = _axes(ax)
    head = cmp.poverty(line, alpha=0)  # (policies, replications, years)
    for i, (name, colour) in enumerate(
        zip(cmp.policies, _colours(len(cmp.policies)), strict=True)
    ):
        mean = head[i].mean(axis=0)
        ax.plot(cmp.years, 100 * mean, color=colour, linewidth=2, label=name)
        if head.shape[1] > 1:
            lo, hi = np.percentile(head[i], [5, 95], axis=0)
            ax.fill_between(cmp.years, 100 * lo, 100 * hi, color=colour, alpha=0.12, linewidth=0)
    ax.set_title(f"Landless residents below the poverty line ({line:,.0f} yuan/person/yr)")
    ax.set_xlabel("year")
    ax.set_ylabel("% of landless residents")
    ax.set_ylim(bottom=0)
    ax.legend(loc="upper right", fontsize="small")
    ax.grid(alpha=0.3)
    return ax


def income_by_source_chart(cmp: Comparison, *, ax: Axes | None = None) -> Axes:
    """Mean income of landless residents by source over the horizon, stacked, per policy."""
    ax = _axes(ax, (10.0, 5.5))
    persons = cmp.size.sum()
    per_person = cmp.by_source.mean(axis=(1, 2)) / persons  # (policies, sources)
    names = [s.name.lower().replace("_", " ") for s in INCOME_SOURCES]
    x = np.arange(len(cmp.policies))
    import matplotlib.pyplot as plt

    cmap = plt.get_cmap("tab20")
    pos = np.zeros(len(cmp.policies))
    neg = np.zeros(len(cmp.policies))
    for k, name in enumerate(names):
        v = per_person[:, k]
        if not np.any(v):
            continue
        bottom = np.where(v >= 0, pos, neg)
        ax.bar(x, v, bottom=bottom, color=cmap(k % 20), label=name, width=0.6)
        pos += np.maximum(v, 0)
        neg += np.minimum(v, 0)
    ax.set_xticks(x, [p.replace(" ", "\n", 1) for p in cmp.policies], fontsize="small")
    ax.set_title("Where landless households' income comes from (mean over the years)")
    ax.set_ylabel(YUAN_PER_PERSON)
    ax.axhline(0, color="black", linewidth=0.8)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize="small")
    ax.grid(axis="y", alpha=0.3)
    return ax


def save_figures(cmp: Comparison, folder: str | Path) -> list[Path]:
    """Draw the standard figures of a comparison and save them as PNG files."""
    import matplotlib.pyplot as plt

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, draw in (
        ("income_fan.png", fan_chart),
        ("poverty.png", poverty_chart),
        ("income_by_source.png", income_by_source_chart),
    ):
        ax = draw(cmp)
        path = out / name
        fig = cast("Figure", ax.figure)
        fig.savefig(path, dpi=120)
        plt.close(fig)
        paths.append(path)
    return paths
