"""What became of each scheme over the years, per policy, from the runs' own record.

:func:`scheme_status` reads the ``scheme_status`` outcome
(:data:`~collective_econ.runs.outcomes.SCHEME_STATUS`: hog farms active and household
businesses each year, the collectives' loans outstanding) and says, for each policy, when
the last hog farm quit, how many businesses are left and what the collectives still owe,
with the spread across runs where it varies. A scheme whose farms have all quit no
longer acts: the policy runs on without it, and the report says so.

Examples
--------
>>> from collective_econ.economy.community import CommunityParams
>>> from collective_econ.runs.experiment import ExperimentSpec, run_experiment
>>> from collective_econ.cases.caopijie import default_scenario
>>> from collective_econ.scenario import Scenario
>>> sc = Scenario("small", default_scenario().policies[1:3], horizon_years=3,
...               community=CommunityParams(residents=1500, agricultural_residents=900))
>>> res = run_experiment(sc, ExperimentSpec(replications=2, seed=1))
>>> said = scheme_status(res, "en")
>>> [p for p, _ in said], said[1][1][0].startswith("Hog farms active:")
(['80% shares', 'shares + hogs'], True)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from ..runs.outcomes import SCHEME_STATUS
from ._html import prose, tag
from ._text import join, money, policy_name, text
from .findings import differs_note

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from ..policy import Policy
    from ..runs.results import ExperimentResults

__all__ = ["guaranteed_debt", "liability_sentences", "loan_guarantees", "scheme_status",
           "scheme_status_html"]  # fmt: skip


def loan_guarantees(policies: Sequence[Policy]) -> dict[str, float]:
    """The share of a defaulted project loan the county pays, for each policy (0: none).

    The largest ``loan_guarantee`` of the policy's collective projects (tea garden,
    park): what the county stands behind when a collective cannot repay.
    """
    return {
        p.name: max(
            (float(getattr(sch.base, "loan_guarantee", 0.0)) for sch in p.schemes.values()),
            default=0.0,
        )
        for p in policies
    }


def _spread(values: np.ndarray, lang: str, fmt: str = "{:,.0f}") -> str:
    """``"2015"`` or ``"2015 (5-95% of runs: 2014 to 2016)"``.

    The mean of the runs and, where the runs differ, the range of 5-95% of them.
    """
    lo, hi = (fmt.format(v) for v in np.percentile(values, (5, 95)))
    mid = fmt.format(float(np.mean(values)))
    return mid if lo == hi else text("runs_range", lang, mid=mid, lo=lo, hi=hi)


def _hogs(
    farms: np.ndarray, years: np.ndarray, lang: str, checks: Sequence[Any] | None = None
) -> str:
    """Hog farms: active by year (mean over runs), and the year the last one quit.

    ``checks``: the case's validation checks the farms' fate rests on (margins, loss
    years); those marked "differs" are named after it (:func:`.findings.differs_note`).
    """
    mean = farms.mean(axis=0)
    top = int(np.argmax(mean))
    by_year = text("st.in_year", lang, n=f"{mean[0]:,.0f}", year=int(years[0]))
    if top > 0:
        by_year += text("st.at_most", lang, n=f"{mean[top]:,.0f}", year=int(years[top]))
    active = farms > 0
    still = active[:, -1]
    if still.all():
        end = text("st.hogs_all_left", lang, n=_spread(farms[:, -1], lang), last=int(years[-1]))
    else:
        # the last year with a farm active, in each run where they all quit
        last = np.array([years[np.flatnonzero(a)[-1]] if a.any() else years[0]
                         for a in active[~still]])  # fmt: skip
        year = "{:.0f}" + ("年" if lang == "zh" else "")
        end = text("st.hogs_quit", lang, year=_spread(last, lang, year))
        if still.any():
            end += text("st.hogs_some_left", lang, share=f"{still.mean():.0%}",
                        last=int(years[-1]))  # fmt: skip
        else:
            end += text("st.hogs_none_after", lang)
    said = text("st.hogs", lang, by_year=by_year, end=end)
    note = differs_note(checks, lang, "v.this_farms")
    return said + (" " if lang == "en" else "") + note if note else said


def _businesses(firms: np.ndarray, years: np.ndarray, lang: str) -> str:
    mean = firms.mean(axis=0)
    top = int(np.argmax(mean))
    count = "{:,.0f}" + ("户" if lang == "zh" else "")
    return text("st.business", lang, peak=f"{mean[top]:,.0f}", year=int(years[top]),
                left=_spread(firms[:, -1], lang, count), last=int(years[-1]))  # fmt: skip


def _loans(owed: np.ndarray, years: np.ndarray, lang: str, guarantee: float = 0.0) -> str:
    said = _owed(owed, years, lang)
    if guarantee > 0 and np.round(owed[:, -1]).any():
        said += " " + text("st.guarantee", lang, share=f"{guarantee:.0%}",
                           left=money(float(owed[:, -1].mean()), lang),
                           last=int(years[-1]))  # fmt: skip
    return said


def _owed(owed: np.ndarray, years: np.ndarray, lang: str) -> str:
    mean = owed.mean(axis=0)
    top = int(np.argmax(mean))
    lo, hi = (money(float(v), lang) for v in np.percentile(owed[:, -1], (5, 95)))
    left = money(float(mean[-1]), lang)
    if lo != hi:
        left = text("runs_range", lang, mid=left, lo=lo, hi=hi)
    if top == len(years) - 1:  # still rising at the horizon
        return text("st.loans_rising", lang, left=left, last=int(years[-1]))
    return text("st.loans", lang, peak=money(float(mean[top]), lang), year=int(years[top]),
                left=left, last=int(years[-1]))  # fmt: skip


def scheme_status(
    results: ExperimentResults,
    lang: str = "en",
    guarantees: Mapping[str, float] | None = None,
    validation: Mapping[str, Sequence[Any]] | None = None,
) -> list[tuple[str, list[str]]]:
    """For each policy, sentences on what became of its schemes (empty: none to follow).

    ``guarantees``: the county's share of a defaulted project loan, by policy
    (:func:`loan_guarantees`); where it is above 0 and loans are still owed at the
    horizon, a sentence says that the county stands behind them. ``validation``: the
    case's validation checks by finding; those of ``"hog_farms"`` marked "differs" are
    named after the hog farms' sentence.

    Returns
    -------
    list of (policy, sentences)
        In the order of ``results.policies``; empty when the results were recorded
        without the ``scheme_status`` outcome.
    """
    if "scheme_status" not in results.outcomes:
        return []
    status = results.sel("scheme_status")  # (policies, samples, replications, years, 3)
    years = results.years
    out = []
    for i, name in enumerate(results.policies):
        runs = status[i].reshape(-1, len(years), len(SCHEME_STATUS))
        farms, firms, owed = (runs[:, :, k] for k in range(len(SCHEME_STATUS)))
        said = []
        if farms.any():
            said.append(_hogs(farms, years, lang, (validation or {}).get("hog_farms")))
        if firms.any():
            said.append(_businesses(firms, years, lang))
        if np.round(owed).any():
            said.append(_loans(owed, years, lang, (guarantees or {}).get(name, 0.0)))
        out.append((name, said))
    return out


def guaranteed_debt(
    results: ExperimentResults, guarantees: Mapping[str, float]
) -> dict[str, tuple[float, float, int]]:
    """The project loans the county stands behind at the horizon, by policy.

    For each policy whose guarantee (:func:`loan_guarantees`) is above 0 and whose
    collectives still owe something in the last year: (mean owed in the last year, in
    yuan; the share the county guarantees; that year). Other policies are left out; empty
    when the results were recorded without the ``scheme_status`` outcome.
    """
    if "scheme_status" not in results.outcomes:
        return {}
    status = results.sel("scheme_status")
    years = results.years
    out = {}
    for i, name in enumerate(results.policies):
        share = float(guarantees.get(name, 0.0))
        owed = status[i].reshape(-1, len(years), len(SCHEME_STATUS))[:, -1, 2]
        if share > 0 and np.round(owed).any():
            out[name] = (float(owed.mean()), share, int(years[-1]))
    return out


def liability_sentences(
    results: ExperimentResults, guarantees: Mapping[str, float], lang: str = "en"
) -> list[str]:
    """For the first screen: one sentence per policy on the guaranteed debt its cost leaves out.

    The same figure as the sentence of "What became of each scheme" (:func:`scheme_status`).
    """
    return [
        text("s.liability", lang, name=policy_name(name, lang), left=money(left, lang),
             last=last, share=f"{share:.0%}", exposure=money(left * share, lang))
        for name, (left, share, last) in guaranteed_debt(results, guarantees).items()
    ]  # fmt: skip


def scheme_status_html(
    results: ExperimentResults,
    lang: str = "en",
    guarantees: Mapping[str, float] | None = None,
    validation: Mapping[str, Sequence[Any]] | None = None,
) -> str:
    """The findings' paragraph "What became of each scheme": a list, one item per policy."""
    said = scheme_status(results, lang, guarantees, validation)
    if not any(s for _, s in said):
        return ""
    items = []
    quiet = [policy_name(p, lang) for p, s in said if not s]
    for policy, sentences in said:
        if sentences:
            head = tag("b", prose(text("st.policy", lang, name=policy_name(policy, lang))))
            gap = " " if lang == "en" else ""
            items.append(tag("li", head + gap + gap.join(str(prose(s)) for s in sentences)))
    if quiet:
        items.append(tag("li", prose(text("st.quiet", lang, names=join(quiet, lang)))))
    intro = tag("p", prose(text("st.intro", lang)))
    return (
        tag("h3", prose(text("st.h", lang))) + intro + tag("ul", "".join(items), class_="findings")
    )
