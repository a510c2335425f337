"""The report's first screen: the decision table, three plain sentences and one chart.

:func:`decision_table_html` renders the rows of
:meth:`~collective_econ.runs.results.ExperimentResults.decision_table` (one per policy:
restoration within 5 years, the worst year's poverty and its year, long-run income and
poverty, and the extra cost to the county, each ``(mean, low, high)``);
:func:`summary_sentences` names the trade-off, the worst year and the assumption that
decides the ranking (the rent from the resettlement floor).

Examples
--------
>>> rows = [
...     {"policy": "cash only", "restored_5y": (0.8, 0.7, 0.9),
...      "poverty_peak": (0.2, 0.15, 0.25), "poverty_peak_year": 2012,
...      "income_long": (4500.0, 4400.0, 4600.0), "poverty_long": (0.1, 0.08, 0.12),
...      "extra_fiscal_cost": (0.0, 0.0, 0.0)},
... ]
>>> html = decision_table_html(rows, "cash only", runs=10, lang="en")
>>> "20.0% (95% CI 15.0% to 25.0%) in 2012" in html, "4,500 (95% CI 4,400 to 4,600)" in html
(True, True)
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from ..finance import DEFAULT_DISCOUNT_RATE
from ..metrics.lines import NATIONAL_RURAL_POVERTY_LINE
from ..runs.outcomes import OUTCOMES
from ._html import esc, pct, prose, table, tag
from ._text import money, policy_name, text
from ._translate import warning_text

__all__ = [
    "decision_table_html",
    "fewest_poor",
    "reading_guide",
    "rent_is_on",
    "rent_share",
    "summary_html",
    "summary_sentences",
]

Row = Mapping[str, Any]


def _finite(*values: float) -> bool:
    return all(isinstance(v, int | float) and math.isfinite(v) for v in values)


def _share(t: Sequence[float], lang: str, digits: int = 0) -> str:
    """``"41% (95% CI 35% to 48%)"``: a share and its interval, clipped to 0-100%.

    An interval too narrow for ``digits`` is shown with one or two more decimals
    (``"99.3% (95% CI 99.1% to 99.4%)"``); the share alone only when even they agree.
    """
    mid, lo, hi = (float(v) for v in t)
    if not _finite(mid):
        return text("n/a", lang)
    if not _finite(lo, hi):
        return pct(mid, digits)
    for d in range(digits, digits + 3):
        a, b = pct(min(max(lo, 0.0), 1.0), d), pct(min(max(hi, 0.0), 1.0), d)
        if a != b:
            return text("ci", lang, mid=pct(mid, d), lo=a, hi=b)
    return pct(mid, digits)


def _income(t: Sequence[float], lang: str) -> str:
    mid, lo, hi = (float(v) for v in t)
    if not _finite(mid):
        return text("n/a", lang)
    if not _finite(lo, hi) or f"{lo:,.0f}" == f"{hi:,.0f}":
        return f"{mid:,.0f}"
    return text("ci", lang, mid=f"{mid:,.0f}", lo=f"{lo:,.0f}", hi=f"{hi:,.0f}")


def _cost(t: Sequence[float], lang: str) -> str:
    mid, lo, hi = (float(v) for v in t)
    if not _finite(mid):
        return text("n/a", lang)
    if not _finite(lo, hi):
        return money(mid, lang)
    a, b = money(lo, lang), money(hi, lang)
    if a == b:
        return money(mid, lang)
    return text("ci", lang, mid=money(mid, lang), lo=a, hi=b)


def decision_table_html(rows: Sequence[Row], baseline: str, *, runs: int, lang: str) -> str:
    """The decision table: one row per policy, each figure with its 95% interval.

    Parameters
    ----------
    rows : sequence of mapping
        As :meth:`~collective_econ.runs.results.ExperimentResults.decision_table` returns.
    baseline : str
        The policy whose cost the others are set against (its cost cell says so).
    runs : int
        Runs per policy (samples x replications), for the caption.
    lang : {"en", "zh"}
    """
    head = [text(f"dt.{k}", lang, base=policy_name(baseline, lang))
            for k in ("policy", "restored", "peak", "income", "poverty", "cost")]  # fmt: skip
    body = []
    for r in rows:
        peak = _share(r["poverty_peak"], lang, 1)
        if _finite(float(r["poverty_peak"][0])):
            peak = text("dt.peak_cell", lang, share=peak, year=int(r["poverty_peak_year"]))
        cost = text("baseline", lang) if r["policy"] == baseline else _cost(
            r["extra_fiscal_cost"], lang)  # fmt: skip
        body.append([
            policy_name(r["policy"], lang),
            _share(r["restored_5y"], lang),
            peak,
            _income(r["income_long"], lang),
            _share(r["poverty_long"], lang, 1),
            cost,
        ])  # fmt: skip
    line, rate = f"{NATIONAL_RURAL_POVERTY_LINE:,.0f}", f"{DEFAULT_DISCOUNT_RATE:.0%}"
    caption = text("dt.caption", lang, runs=f"{runs:,}", line=line,
                   base=policy_name(baseline, lang), rate=rate)  # fmt: skip
    return table(head, body, numeric=range(1, len(head)), caption=caption, id="decision",
                 class_="decision")  # fmt: skip


def reading_guide(
    *,
    estimates: int,
    figures: int,
    inputs: Sequence[str],
    samples: int,
    replications: int,
    listed: int,
    lang: str,
) -> str:
    """The page's reading guide: its one bracket style, and what the intervals include.

    Parameters
    ----------
    estimates, figures : int
        Figures of the assumption register rated (or sourced as) estimates, and all.
    inputs : sequence of str
        The inputs this run sampled, in words (the run's own record, never typed).
    samples, replications : int
        Samples of the inputs and replications per sample, as run.
    listed : int
        Uncertain inputs the scenario lists (``[[uncertainties]]``).
    lang : {"en", "zh"}
    """
    ci = text("ci", lang, mid="12,300", lo="11,900", hi="12,700")
    runs = text("runs_range", lang, mid="41%", lo="35%", hi="48%")
    said = [text("guide.brackets", lang, ci=ci, runs=runs)]
    varied = len(inputs) if samples > 1 else 0
    if varied:
        k, reps = f"{varied:,}", f"{replications:,}"
        if lang == "en":  # the Chinese sentence carries its own measure words
            k += " input" if varied == 1 else " inputs"
            reps += " run" if replications == 1 else " runs"
        said.append(text("guide.inputs", lang, k=k, samples=f"{samples:,}", reps=reps,
                         list=text("list_sep", lang).join(inputs),
                         est=f"{estimates:,}", n=f"{figures:,}"))  # fmt: skip
    else:
        how = (text("guide.how_listed", lang, listed=listed) if listed
               else text("guide.how_none", lang))  # fmt: skip
        said.append(text("guide.no_inputs", lang, reps=f"{replications:,}",
                         est=f"{estimates:,}", n=f"{figures:,}", how=how))  # fmt: skip
    body = tag("h3", esc(text("guide.h", lang))) + "".join(tag("p", prose(s)) for s in said)
    analyst = tag("p", prose(text("guide.analyst", lang)), class_="analyst")
    return tag("div", body + analyst, class_="note guide", id="guide")


def rent_is_on(policies: Sequence[Any]) -> bool:
    """Whether every policy's land-for-shares scheme counts rent from the swap floor."""
    for p in policies:
        schedule = p.schemes.get("land_shares")
        if schedule is not None and not getattr(schedule.base, "rent_on", True):
            return False
    return True


def rent_share(results: Any, baseline: str) -> float:
    """Rent's share of the landless households' income under ``baseline``, over the horizon.

    From the run's ``income_by_source`` outcome (rent from swap floor and from old
    houses): the figure the summary names as the assumption that decides the ranking.
    """
    by_source = np.asarray(results.mean("income_by_source"))[results.index(baseline)]
    labels = OUTCOMES["income_by_source"].labels
    total = float(by_source.sum())
    return float(by_source[..., labels.index("rent")].sum()) / total if total > 0 else 0.0


def fewest_poor(rows: Sequence[Row]) -> str:
    """The policy that leaves the fewest landless residents poor (the trade-off's policy).

    In the long run, or in the worst year when the horizon is too short for a long run.
    """
    key = _poverty_key(rows)
    return str(min(rows, key=lambda r: float(r[key][0]))["policy"])


def _poverty_key(rows: Sequence[Row]) -> str:
    """``"poverty_long"`` when every policy has a long run, else ``"poverty_peak"``."""
    long_known = all(_finite(float(r["poverty_long"][0])) for r in rows)
    return "poverty_long" if long_known else "poverty_peak"


def summary_sentences(
    rows: Sequence[Row],
    baseline: str,
    *,
    rent_on: bool,
    lang: str,
    rent_share: float = 0.0,
) -> list[str]:
    """Three sentences: the trade-off, the transition's worst year, the deciding assumption."""
    by = {r["policy"]: r for r in rows}
    base = by[baseline]
    name = {p: policy_name(p, lang) for p in by}
    out = []
    key = _poverty_key(rows)
    low = by[fewest_poor(rows)]
    restore = max(rows, key=lambda r: float(r["restored_5y"][0]))
    fields = {
        "low": name[low["policy"]],
        "pov": pct(float(low[key][0]), 1),
        "pov_b": pct(float(base[key][0]), 1),
        "base": name[baseline],
        "restore": name[restore["policy"]],
        "share": pct(float(restore["restored_5y"][0])),
        "when": text("s.long_run" if key == "poverty_long" else "s.worst_year", lang),
    }
    extra, lo, hi = (float(v) for v in low["extra_fiscal_cost"][:3])
    if low["policy"] == baseline:
        out.append(text("s.tradeoff_base", lang, **fields))
    elif lo < 0 < hi:  # the interval holds 0: neither "costs more" nor "saves" is known
        cost = {"cost": money(extra, lang), "cost_lo": money(lo, lang), "cost_hi": money(hi, lang)}
        out.append(text("s.tradeoff_unsure", lang, **cost, **fields))
    elif extra >= 0:
        out.append(text("s.tradeoff", lang, cost=money(extra, lang), **fields))
    else:
        out.append(text("s.tradeoff_saves", lang, cost=money(-extra, lang), **fields))
    worst = max(rows, key=lambda r: float(r["poverty_peak"][0]))
    best = min(rows, key=lambda r: float(r["poverty_peak"][0]))
    out.append(text(
        "s.hardship", lang, worst=name[worst["policy"]], year=int(worst["poverty_peak_year"]),
        peak=pct(float(worst["poverty_peak"][0]), 1), best=name[best["policy"]],
        year_b=int(best["poverty_peak_year"]), peak_b=pct(float(best["poverty_peak"][0]), 1),
    ))  # fmt: skip
    if rent_on:
        out.append(text("s.rent", lang, share=pct(rent_share), base=name[baseline]))
    else:
        out.append(text("s.rent_off", lang))
    return out


def summary_html(
    rows: Sequence[Row],
    baseline: str,
    *,
    runs: int,
    rent_on: bool,
    warnings: Sequence[str],
    chart: str,
    lang: str,
    rent_share: float = 0.0,
    guide: str = "",
    who: str = "",
    liabilities: Sequence[str] = (),
) -> str:
    """The summary section's body: table, reading guide, sentences, warnings, the chart.

    ``who``: a sentence on who gains and who loses (:func:`.findings.who_gains`), after
    the trade-off's. ``liabilities``: sentences on guaranteed debts the cost leaves out
    (:func:`.status.liability_sentences`), right after the trade-off's.
    """
    said = summary_sentences(rows, baseline, rent_on=rent_on, lang=lang, rent_share=rent_share)
    said[1:1] = [*liabilities, *([who] if who else [])]
    words = [
        tag("ol", "".join(tag("li", prose(s)) for s in said), class_="answer"),
        # the one name in the model the summary needs, on its own line for analysts
        tag("p", prose(text("s.rent_analyst", lang)), class_="analyst"),
    ]  # fmt: skip
    if warnings:
        words.append(tag("h3", esc(text("warnings", lang)))
                     + tag("ul", "".join(tag("li", warning_text(w, lang)) for w in warnings),
                           class_="warnings"))  # fmt: skip
    # side by side on a wide screen (the sentences, the chart), one above the other else
    answer = tag("div", "".join(words)) + chart
    return (
        decision_table_html(rows, baseline, runs=runs, lang=lang)
        + guide
        + tag("div", answer, class_="answer-grid")
    )
