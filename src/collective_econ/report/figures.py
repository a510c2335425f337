"""The report's figures: every plot drawn, saved as PNG in memory and embedded as a data URI.

Each figure comes with a caption that says what it shows and how to read it. Figures
are closed as soon as they are encoded, also on error. matplotlib is imported here
only when a figure is drawn.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from .. import plotting
from ..appraisal import appraise, monte_carlo
from ..metrics.lines import NATIONAL_RURAL_POVERTY_LINE
from ..plotting import cash_flow_chart, sobol_chart, tornado_chart
from ..seeding import as_seed_sequence, child
from ..sensitivity import SobolResult, Tornado
from ._text import count, policy_name, scheme_name, text

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ..params import Parameters
    from ..runs.comparison import Comparison

__all__ = [
    "DPI",
    "Plot",
    "cash_flow_plots",
    "comparison_plots",
    "png_data_uri",
    "sensitivity_plots",
]

DPI = 100
"""Resolution of the embedded PNGs (dots per inch of the figures' own size)."""


@dataclass(frozen=True, slots=True)
class Plot:
    """One embedded figure: a short title, its caption (plain text) and the PNG data URI."""

    title: str
    caption: str
    uri: str


def png_data_uri(drawn: Axes | Figure) -> str:
    """Encode the figure of ``drawn`` as ``data:image/png;base64,...`` (no metadata)."""
    from matplotlib.figure import Figure

    fig = drawn if isinstance(drawn, Figure) else drawn.get_figure(root=True)
    if not isinstance(fig, Figure):
        raise TypeError(f"expected matplotlib Axes or Figure, got {type(drawn).__name__}")
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _draw(title: str, caption: str, draw: Callable[[], Axes | Figure]) -> Plot:
    """Draw, encode and close every figure the drawing opened."""
    import matplotlib.pyplot as plt

    before = set(plt.get_fignums())
    try:
        return Plot(title, caption, png_data_uri(draw()))
    finally:
        for number in sorted(set(plt.get_fignums()) - before):
            plt.close(number)


def comparison_plots(
    cmp: Comparison, *, lang: str = "en", baseline: str | None = None, words: str | None = None
) -> list[Plot]:
    """Every plot of :mod:`collective_econ.plotting` for a comparison, with captions.

    ``lang`` labels the plots, ``words`` (default: ``lang``) is the captions' language:
    Chinese captions under English labels where no CJK font is installed.
    """
    w = words or lang
    last = int(cmp.years[-1])
    line = f"{NATIONAL_RURAL_POVERTY_LINE:,.0f}"
    base = baseline or cmp.policies[0]
    plots: list[tuple[str, Callable[[], Axes | Figure]]] = [
        ("fan", lambda: plotting.fan_chart(cmp, lang=lang)),
        ("dist", lambda: plotting.income_distribution(cmp, lang=lang)),
        ("lorenz", lambda: plotting.lorenz_chart(cmp, lang=lang)),
        ("src", lambda: plotting.income_by_source_chart(cmp, lang=lang)),
        ("srcm", lambda: plotting.income_by_source_chart(cmp, over_time=False, lang=lang)),
        ("pov", lambda: plotting.poverty_chart(cmp, measure="both", lang=lang)),
    ]
    if len(cmp.policies) > 1:
        plots.append(("wl", lambda: plotting.winners_losers_chart(cmp, baseline=base, lang=lang)))
    fields = {"last": last, "line": line, "n": cmp.replications, "base": policy_name(base, w),
              "n_runs": count(cmp.replications, "run", w)}  # fmt: skip
    return [
        _draw(text(f"fig.{k}.t", w, **fields), text(f"fig.{k}.c", w, **fields), d)
        for k, d in plots
    ]


def cash_flow_plots(
    schemes: Sequence[str],
    params: Mapping[str, Parameters],
    *,
    samples: int,
    seed: int,
    horizon_years: int,
    lang: str = "en",
    words: str | None = None,
) -> list[Plot]:
    """One cumulative cash-flow chart per scheme (Monte Carlo when ``samples`` > 0).

    Scheme ``name`` samples from ``child(seed, name)``, as
    :func:`~collective_econ.appraisal.appraisal_table` does, so that the charts and the
    table computed with the same seed and samples agree. ``lang`` labels the charts,
    ``words`` (default: ``lang``) is the captions' language.
    """
    w = words or lang
    root = as_seed_sequence(seed)
    out = []
    for name in schemes:
        p = params.get(name)
        if samples:
            app = monte_carlo(
                name, p, n=samples, seed=child(root, name), horizon_years=horizon_years
            )
            how = text("fig.cash.how_mc", w, n=samples)
        else:
            app = appraise(name, p, horizon_years=horizon_years)
            how = text("fig.cash.how", w)
        caption = text("fig.cash.c", w, how=how, years=horizon_years)
        drawn = partial(cash_flow_chart, app, lang=lang)
        out.append(_draw(scheme_name(name, w), caption, drawn))
    return out


def sensitivity_plots(results: Mapping[str, Any]) -> list[Plot]:
    """Tornado and Sobol charts of the sensitivity results given (others: tables only)."""
    out = []
    for title, result in results.items():
        if isinstance(result, Tornado):
            caption = (
                f"{title}: each input moved alone from its central value to a low and a high "
                "value of its range, the others held fixed. The longest bars are the inputs "
                "that move the outcome most; the vertical line is the outcome with every input "
                "at its central value."
            )
            out.append(_draw(title, caption, partial(tornado_chart, result, title=title)))
        elif isinstance(result, SobolResult):
            caption = (
                f"{title}: the share of the outcome's variance due to each input alone (first "
                "order, S1) and with its interactions (total, ST), with intervals. An input "
                "with a small ST can be fixed at any value of its range without changing the "
                "conclusions."
            )
            out.append(_draw(title, caption, partial(sobol_chart, result)))
    return out
