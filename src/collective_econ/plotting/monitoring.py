"""Monitoring rounds over the forecast: the observations, the fan before and after updating."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from scipy import stats

from ..errors import ParameterError

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from ..calibration.monitor import Audit, ForecastUpdate
from ._style import _new_axes, _year_axis, style_for

__all__ = ["monitoring_chart"]

_TEXT = {
    "en": {
        "restored_share": "share of households restored (sustained rule)",
        "mean_income": "mean income per person (yuan/person/yr)",
        "prior": "forecast before the rounds (median, 5-95%)",
        "posterior": "forecast updated by the rounds (median, 5-95%)",
        "observed": "observed in the rounds ({level:.0%} interval)",
        "title": "Monitoring rounds against the forecast "
        "({policy}; effective runs {ess:.0f} of {n})",
    },
    "zh": {
        "restored_share": "生计恢复的户比例（持续规则）",
        "mean_income": "人均收入（元/人/年）",
        "prior": "监测前的预测（中位数，5-95%）",
        "posterior": "按监测更新后的预测（中位数，5-95%）",
        "observed": "监测观测值（{level:.0%}区间）",
        "title": "监测轮次与预测（{policy}；有效运行 {ess:.0f}/{n}）",
    },
}


def monitoring_chart(
    update: ForecastUpdate,
    observed: Audit,
    *,
    outcome: str = "restored_share",
    level: float = 0.9,
    ax: Axes | None = None,
    lang: str = "en",
) -> Axes:
    """The observed indicators (with intervals) over the forecast fan, before and after updating.

    Parameters
    ----------
    update : ForecastUpdate
        From :func:`~collective_econ.calibration.monitor.update_forecast`.
    observed : Audit
        The audit whose rounds updated the forecast.
    outcome : {"restored_share", "mean_income"}
        The yearly outcome drawn (share of households, or yuan/person/yr).
    level : float, default 0.9
        Coverage of the observations' bars (``mean_income``: normal, from its
        standard error; ``restored_share``: the audit's own intervals).
    ax : Axes, optional
        Draw here; default: a new figure.
    lang : {"en", "zh"}
        Labels' language.

    Returns
    -------
    Axes
    """
    if outcome not in ("restored_share", "mean_income"):
        raise ParameterError("outcome", "'restored_share' or 'mean_income'", outcome)
    st = style_for(lang)
    text = _TEXT.get(st.lang, _TEXT["en"])
    years = np.asarray(update.years)
    with st.fonts():
        ax = _new_axes(ax)
        for prior, colour, key in ((True, "0.55", "prior"), (False, "C0", "posterior")):
            q = update.quantiles(outcome, (0.05, 0.5, 0.95), prior=prior)
            ax.fill_between(years, q[0], q[2], color=colour, alpha=0.18, linewidth=0)
            ax.plot(years, q[1], color=colour, linewidth=2, linestyle="--" if prior else "-",
                    label=text[key])  # fmt: skip
        if outcome == "restored_share":
            rows = observed.share["all"]
            est = np.array([s.estimate for s in rows])
            low = np.array([s.low for s in rows])
            high = np.array([s.high for s in rows])
        else:
            z = float(stats.norm.ppf(0.5 + level / 2))
            est = np.array([m for m, _ in observed.mean_income])
            se = np.array([s for _, s in observed.mean_income])
            low, high = est - z * se, est + z * se
        ax.errorbar(observed.years, est, yerr=[est - low, high - est], fmt="o", color="C3",
                    capsize=4, label=text["observed"].format(level=level))  # fmt: skip
        ax.set_ylabel(text[outcome])
        _year_axis(ax, st)
        ax.set_title(text["title"].format(policy=update.policy, ess=update.ess, n=update.runs))
        ax.legend(loc="best", fontsize="small")
    st.finish(ax)
    return ax
