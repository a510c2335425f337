"""A scheme's cumulative cash flow per stakeholder, with NPV, IRR and payback."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from ..finance import DiscountRates
from ..schemes.base import STAKEHOLDERS, Appraisal
from .labels import money_unit

if TYPE_CHECKING:
    from matplotlib.axes import Axes

from ._style import Floats, _new_axes, _Style, _year_axis, style_for


def _spread(values: Floats, fmt: Callable[[float], str], method: str = "linear") -> str:
    """``fmt(median)``, and ``(p5 to p95)`` when the samples differ.

    ``method="inverted_cdf"`` takes observed values, so an infinite value (a
    payback never reached) stays infinite instead of turning into NaN.
    """
    q = np.percentile(values, [5, 50, 95], method=method)  # type: ignore[call-overload]
    p5, p50, p95 = (fmt(float(v)) for v in q)
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
    text = _spread(
        never, lambda v: f"{v:.1f}" if math.isfinite(v) else f">{horizon}", "inverted_cdf"
    )
    return st("cash.years", value=text)


def cash_flow_chart(
    appraisal: Appraisal,
    *,
    rate: float | DiscountRates | None = None,
    ax: Axes | None = None,
    lang: str = "en",
) -> Axes:
    """A scheme's cumulative net cash flow per stakeholder, with NPV, IRR and payback.

    Parameters
    ----------
    appraisal : Appraisal
        From :func:`~collective_econ.appraisal.appraise` (one path) or
        :func:`~collective_econ.appraisal.monte_carlo` (samples on the leading axes).
    rate : float or DiscountRates, optional
        Real discount rates for the NPVs (default ``DiscountRates()``); a number
        replaces the social rate. A lender's legend entry names its own rate.
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
    st = style_for(lang)
    flows = appraisal.flows.reshape(-1, len(STAKEHOLDERS), appraisal.flows.shape[-1])
    n = flows.shape[0]
    cumulative = np.cumsum(flows, axis=-1)
    rates = rate if isinstance(rate, DiscountRates) else DiscountRates()
    rates = rates if rate is None or isinstance(rate, DiscountRates) else rates.evolve(social=rate)
    npv = appraisal.npv(rates).reshape(n, -1)
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
            if rates.of(STAKEHOLDERS[j]) != rates.social:  # a lender: its cost of funds
                who += f" ({100 * rates.of(STAKEHOLDERS[j]):g}%)"
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
        ax.set_title(st("cash.title", scheme=scheme, rate=f"{100 * rates.social:g}%"))
        ax.set_ylabel(st("cash.ylabel", unit=unit))
        _year_axis(ax, st)
        ax.grid(alpha=0.3)
    st.finish(ax)
    return ax


# --- all of a comparison's figures ---------------------------------------------------------------
