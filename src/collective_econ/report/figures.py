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
from ..schemes import SCHEMES
from ..seeding import as_seed_sequence, child
from ..sensitivity import SobolResult, Tornado

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
    cmp: Comparison, *, lang: str = "en", baseline: str | None = None
) -> list[Plot]:
    """Every plot of :mod:`collective_econ.plotting` for a comparison, with captions."""
    last = int(cmp.years[-1])
    line = f"{NATIONAL_RURAL_POVERTY_LINE:,.0f}"
    base = baseline or cmp.policies[0]
    runs = f"{cmp.replications} replication{'s' * (cmp.replications != 1)}"
    plots: list[tuple[str, str, Callable[[], Axes | Figure]]] = [
        (
            "Income over time",
            "Income per person of landless households each year, one colour per policy. "
            "The line is the median person; the dark band holds the middle half of persons, "
            "the light band nine in ten. The dashed line is the median income of the same "
            "households before they lost their land: the level to regain. A line above the "
            "dashed line means the typical household is back; wide bands mean unequal "
            f"outcomes ({runs} pooled).",
            lambda: plotting.fan_chart(cmp, lang=lang),
        ),
        (
            f"How incomes are spread in {last}",
            "For each income on the horizontal axis, the share of landless residents at or "
            "below it. A curve further to the right is better off. Where a curve crosses the "
            f"dotted poverty line ({line} yuan/person/year) is the share of residents in "
            "poverty.",
            lambda: plotting.income_distribution(cmp, lang=lang),
        ),
        (
            f"Inequality in {last} (Lorenz curves)",
            "From the poorest to the richest landless resident (horizontal axis), the share "
            "of all their income held by those counted so far. The diagonal is perfect "
            "equality: the further a curve sags below it, the more unequal the incomes. The "
            "legend gives each policy's Gini coefficient (0: all equal, 1: one person has all).",
            lambda: plotting.lorenz_chart(cmp, lang=lang),
        ),
        (
            "Where income comes from, year by year",
            "One panel per policy: income per person stacked by source (wages, dividends on "
            "land shares, hog farming, collective payouts, the dibao, ...). Sources that lose "
            "money are stacked below zero. The black line is the net total; the dashed line "
            "is the mean income before the land was lost.",
            lambda: plotting.income_by_source_chart(cmp, lang=lang),
        ),
        (
            "Where income comes from, on average",
            "One bar per policy: the mean over the whole period of each source of income per "
            "person. The diamond is the net total; the dashed line the mean income before "
            "the land was lost.",
            lambda: plotting.income_by_source_chart(cmp, over_time=False, lang=lang),
        ),
        (
            "Poverty over time",
            f"Left: the share of landless residents below {line} yuan/person/year (the "
            "national rural poverty line, 2010 prices). Right: the poverty gap, their average "
            "shortfall as a share of the line (the non-poor count as zero): how deep poverty "
            "is, not only how common. Lines are means over replications, bands the 5-95% "
            "range. Lower is better.",
            lambda: plotting.poverty_chart(cmp, measure="both", lang=lang),
        ),
    ]
    if len(cmp.policies) > 1:
        plots.append(
            (
                "Winners and losers",
                f"For each policy against {base}: the share of landless households better off "
                "(bar up) and worse off (hatched bar down), comparing each household's average "
                "income per person over the period under the two policies, with the same "
                "random events. Black whiskers are 95% confidence intervals. The rest are no "
                "different.",
                lambda: plotting.winners_losers_chart(cmp, baseline=base, lang=lang),
            )
        )
    return [_draw(t, c, d) for t, c, d in plots]


def cash_flow_plots(
    schemes: Sequence[str],
    params: Mapping[str, Parameters],
    *,
    samples: int,
    seed: int,
    horizon_years: int,
    lang: str = "en",
) -> list[Plot]:
    """One cumulative cash-flow chart per scheme (Monte Carlo when ``samples`` > 0).

    Scheme ``name`` samples from ``child(seed, name)``, as
    :func:`~collective_econ.appraisal.appraisal_table` does, so that the charts and the
    table computed with the same seed and samples agree.
    """
    root = as_seed_sequence(seed)
    out = []
    for name in schemes:
        p = params.get(name)
        if samples:
            app = monte_carlo(
                name, p, n=samples, seed=child(root, name), horizon_years=horizon_years
            )
            how = f"the median of {samples} Monte Carlo samples, with the 5-95% band"
        else:
            app = appraise(name, p, horizon_years=horizon_years)
            how = "the expected flows"
        caption = (
            "Each stakeholder's cumulative net cash flow, undiscounted "
            f"({how}), over {horizon_years} years. Where a line crosses zero upwards the "
            "stakeholder has its money back (a dot marks the payback year). The legend gives "
            "NPV, IRR and payback (with samples: the median, and the 5th to 95th percentile)."
        )
        out.append(_draw(SCHEMES[name].title, caption, partial(cash_flow_chart, app, lang=lang)))
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
