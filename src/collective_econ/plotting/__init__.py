"""Plots for policymakers: matplotlib figures that a non-specialist can read.

Every function takes ``ax=None`` (a new figure is made when omitted), returns
what it drew on (the axes, or the figure of a multi-panel plot), and never
calls ``plt.show()``. Titles say what is shown, axes carry units, legends use
the policies' names and each policy keeps its colour from plot to plot.
``lang="zh"`` labels the plots in Chinese when matplotlib has a CJK font, and
falls back to English with a ``UserWarning`` otherwise. The words come from
:mod:`collective_econ.plotting.labels`. matplotlib is imported only when a plot
is drawn. How to read each plot: ``docs/plots.md``. The tornado and Sobol
charts live in :mod:`collective_econ.sensitivity`.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import matplotlib.pyplot as plt
>>> from collective_econ.cases.caopijie import default_scenario
>>> from collective_econ.runs.comparison import compare
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

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ._style import _figure, find_cjk_font, style_for
from .cash_flow import cash_flow_chart
from .income import fan_chart, income_distribution, lorenz_chart
from .poverty import poverty_chart, winners_losers_chart
from .sensitivity import sobol_chart, tornado_chart
from .sources import income_by_source_chart

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ..runs.comparison import Comparison

__all__ = [
    "cash_flow_chart",
    "fan_chart",
    "find_cjk_font",
    "income_by_source_chart",
    "income_distribution",
    "lorenz_chart",
    "poverty_chart",
    "save_figures",
    "sobol_chart",
    "tornado_chart",
    "winners_losers_chart",
]


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

    use = style_for(lang).lang  # warns once, here, and then draws in English
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
