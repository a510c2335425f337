"""Key findings in plain language, written from an experiment's own numbers.

Nothing here is hard-coded: each sentence is built from
:class:`~collective_econ.runs.results.ExperimentResults` (means, percentiles over the
runs, paired intervals), so that the words change when the results do.

Examples
--------
>>> from collective_econ.economy.community import CommunityParams
>>> from collective_econ.runs.experiment import ExperimentSpec, run_experiment
>>> from collective_econ.cases.caopijie import default_scenario
>>> from collective_econ.scenario import Scenario
>>> sc = Scenario("small", default_scenario().policies[:2], horizon_years=3,
...               community=CommunityParams(residents=1500, agricultural_residents=900))
>>> res = run_experiment(sc, ExperimentSpec(replications=2, seed=1))
>>> groups = key_findings(res)
>>> [g.heading for g in groups]
['In short', '80% shares compared with cash only']
>>> groups[1].sentences[0].endswith("under cash only.")
True
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..finance import DEFAULT_DISCOUNT_RATE, npv
from ..metrics.lines import NATIONAL_RURAL_POVERTY_LINE
from ..runs.outcomes import OUTCOMES
from ._html import money, pct, yuan_pp

if TYPE_CHECKING:
    from ..runs.results import ExperimentResults

__all__ = ["STAKEHOLDER_WORDS", "KeyFindings", "key_findings", "ranges_note"]

STAKEHOLDER_WORDS: dict[str, str] = {
    "households": "the households",
    "collectives": "the resident groups' collectives",
    "developer": "the developer",
    "government": "the government",
    "firms": "the firms",
    "bank": "the bank",
}
"""Plain names of the stakeholder groups a finding names (the outside market is left out)."""


@dataclass(frozen=True, slots=True)
class KeyFindings:
    """A group of findings: a heading and its sentences (plain text, not HTML)."""

    heading: str
    sentences: tuple[str, ...]


def _range(lo: float, hi: float, digits: int = 0) -> str:
    """``"78-85%"``; empty when the two ends print the same."""
    a, b = pct(lo, digits), pct(hi, digits)
    return "" if a == b else f"{a[:-1]}-{b}"


def _with_range(mid: float, lo: float, hi: float, digits: int = 0) -> str:
    r = _range(lo, hi, digits)
    return pct(mid, digits) + (f" ({r})" if r else "")


def ranges_note(results: ExperimentResults) -> str:
    """What the bracketed ranges and intervals of the findings mean, for this experiment."""
    runs = results.samples * results.replications
    how = (
        f"{results.samples:,} samples of the uncertain inputs x "
        f"{results.replications:,} replications"
        if results.samples > 1
        else f"{results.replications:,} replications with different random events"
    )
    return (
        f"Each figure is the mean over {runs:,} simulation runs per policy ({how}). "
        "Ranges in brackets run from the 5th to the 95th percentile of the runs: "
        "nine runs in ten fall inside. A 95% CI is a confidence interval for the mean "
        "difference between two policies, paired run by run (the same households meet "
        "the same random events under both). Incomes are in yuan per person per year at "
        "2010 prices; present values are discounted at "
        f"{DEFAULT_DISCOUNT_RATE:.0%} a year. The households' position counts all their "
        "money flows plus the shares and loans they hold or owe at the horizon; the firms "
        "are the brewery, the factories and the hotel company."
    )


def key_findings(results: ExperimentResults, baseline: str | None = None) -> list[KeyFindings]:
    """The report's key findings, as sentences a county official can read.

    Parameters
    ----------
    results : ExperimentResults
        The experiment (any number of samples and replications).
    baseline : str, optional
        The policy every other is compared with; the first policy by default.

    Returns
    -------
    list of KeyFindings
        First "In short" (which policy does best on each count), then one group
        per other policy: "<policy> compared with <baseline>".
    """
    base = baseline or results.policies[0]
    b = results.index(base)
    years = results.years
    first, last = int(years[0]), int(years[-1])
    restored = results.mean("restored_within_5y")
    r_lo, r_hi = results.percentile("restored_within_5y", (5, 95))
    poor = results.mean("poverty_headcount")[:, -1]
    p_lo, p_hi = results.percentile("poverty_headcount", (5, 95))[:, :, -1]
    income = results.mean("mean_income")[:, -1]
    before = float(np.average(results.baseline, weights=results.size))
    pairs = results.samples * results.replications
    groups: list[KeyFindings] = []

    # the policy that does best on each count (the first of equals)
    a, c, d = int(np.argmax(restored)), int(np.argmin(poor)), int(np.argmax(income))
    names = results.policies
    one = len(names) == 1

    def versus(i: int, text: str) -> str:
        return "" if i == b else f", against {text} under {base}"

    summary = [
        "Within 5 years of losing their land, the share of landless households back at "
        f"their pre-expropriation income is {'' if one else 'highest '}under {names[a]}: "
        f"{_with_range(restored[a], r_lo[a], r_hi[a])}{versus(a, pct(restored[b]))}.",
        f"By {last}, the poverty headcount among landless residents (below "
        f"{NATIONAL_RURAL_POVERTY_LINE:,.0f} yuan/person/year) is "
        f"{'' if one else 'lowest '}under {names[c]}: {pct(poor[c], 1)}"
        f"{versus(c, pct(poor[b], 1))}.",
        f"In {last}, landless households earn {'' if one else 'most '}under {names[d]}: "
        f"{yuan_pp(income[d])} on average{versus(d, f'{income[b]:,.0f}')}. Before losing "
        f"their land they earned {yuan_pp(before)} on average.",
    ]
    followed = len(years) - 1 - int(np.max(results.start, initial=0))
    if followed < 5:
        summary.append(
            f"The simulation ends in {last}: households that lose their land last are "
            f"followed for {followed} year{'s' * (followed != 1)} only, and count as back at "
            f"their former income within 5 years only if they are by {last}."
        )
    groups.append(KeyFindings("In short", tuple(summary)))
    for i, name in enumerate(names):
        if i == b:
            continue
        s = [
            f"{_with_range(restored[i], r_lo[i], r_hi[i])} of landless households regain "
            f"their pre-expropriation income within 5 years of losing their land, against "
            f"{_with_range(restored[b], r_lo[b], r_hi[b])} under {base}.",
            f"By {last}, the poverty headcount among landless residents is "
            f"{_with_range(poor[i], p_lo[i], p_hi[i], 1)} under {name}, against "
            f"{_with_range(poor[b], p_lo[b], p_hi[b], 1)} under {base}.",
            f"In {last}, landless households earn {yuan_pp(income[i])} on average under "
            f"{name}, against {income[b]:,.0f} under {base}.",
            _winners(results, name, base, first, last),
            _fiscal(results, name, base, pairs),
            _stakeholders(results, i, b, base, first, last),
        ]
        groups.append(KeyFindings(f"{name} compared with {base}", tuple(s)))
    return groups


def _winners(results: ExperimentResults, name: str, base: str, first: int, last: int) -> str:
    wl = results.winners_losers(name, base)
    lo, hi = wl.better_ci
    ci = f" (95% CI {_range(lo, hi) or pct(lo)})" if math.isfinite(lo + hi) else ""
    return (
        f"{pct(wl.better)} of landless households are better off under {name} than under "
        f"{base}{ci}, and {pct(wl.worse)} are worse off, comparing each household's average "
        f"income over {first}-{last}."
    )


def _fiscal(results: ExperimentResults, name: str, base: str, pairs: int) -> str:
    i, b = results.index(name), results.index(base)
    cost = results.mean("fiscal_cost_npv")
    extra = float(cost[i] - cost[b])
    ci = ""
    if pairs >= 2:
        diff = results.difference("fiscal_cost_npv", name, base)
        if math.isfinite(diff.low) and math.isfinite(diff.high) and diff.low != diff.high:
            ci = f"; 95% CI {money(float(diff.low))} to {money(float(diff.high))}"
    pv = f"present value at {DEFAULT_DISCOUNT_RATE:.0%}{ci}"
    items = _fiscal_items(results, i, b)
    if round(extra) == 0:
        return f"The net cost to the government is the same as under {base} ({pv}).{items}"
    if extra > 0:
        return (
            f"The extra net cost to the government is {money(extra)} against {base} ({pv}).{items}"
        )
    return f"The government spends {money(-extra)} less, net, than under {base} ({pv}).{items}"


COUNTY_ITEM_WORDS: dict[str, str] = {
    "land_conveyance": "land conveyance revenue",
    "compensation": "compensation",
    "taxes": "taxes",
    "subsidies": "subsidies",
    "grants": "capital grants",
    "dibao": "dibao",
    "pensions": "pensions and insurance",
    "guarantees": "guarantees paid on collective debt",
    "loans": "the enterprise guarantee fund",
    "other": "other flows",
    "claims": "claims at the horizon",
}
"""Plain words for the items of the county's books (``county_books``)."""


def fiscal_items(results: ExperimentResults, i: int, b: int) -> dict[str, float]:
    """Extra net cost to the government of policy ``i`` against ``b`` by item, yuan (NPV).

    From the ``county_books`` outcome: each item's net flow, discounted at the default
    rate, policy ``b``'s less policy ``i``'s (a cost is positive). The items sum to the
    difference of ``fiscal_cost_npv``. Empty for results recorded without the outcome.
    """
    if "county_books" not in results.outcomes:
        return {}
    books = np.moveaxis(results.mean("county_books"), 1, -1)  # (policies, items, years)
    value = np.asarray(npv(DEFAULT_DISCOUNT_RATE, books[[b, i]]), dtype=np.float64)
    labels = OUTCOMES["county_books"].labels
    return {name: float(value[0, k] - value[1, k]) for k, name in enumerate(labels)}


def _fiscal_items(results: ExperimentResults, i: int, b: int) -> str:
    """What the extra cost consists of: the three largest items, and guarantees paid."""
    items = {k: v for k, v in fiscal_items(results, i, b).items() if round(v) != 0}
    if not items:
        return ""
    top = sorted(items, key=lambda k: -abs(items[k]))[:3]
    if "guarantees" in items and "guarantees" not in top:
        top.append("guarantees")
    words = [
        f"{'more' if items[k] > 0 else 'less'} {COUNTY_ITEM_WORDS.get(k, k)} "
        f"({money(abs(items[k]))})"
        if k not in ("land_conveyance", "taxes")
        else f"{'less' if items[k] > 0 else 'more'} {COUNTY_ITEM_WORDS[k]} received "
        f"({money(abs(items[k]))})"
        for k in top
    ]
    return f" Its largest items: {_join(words)}."


def _stakeholders(
    results: ExperimentResults, i: int, b: int, base: str, first: int, last: int
) -> str:
    gains, losses, same = [], [], []
    for group, words in STAKEHOLDER_WORDS.items():
        npv = results.mean(f"npv_{group}")
        delta = float(npv[i] - npv[b])
        if round(delta) == 0:
            same.append(words)
        elif delta > 0:
            gains.append(f"{words} (+{money(delta)})")
        else:
            losses.append(f"{words} ({money(delta)})")
    parts = [
        f"{label} {_join(items)}"
        for label, items in (("gains for", gains), ("losses for", losses), ("no change for", same))
        if items
    ]
    return (
        f"Who gains and who loses against {base}, in present value over {first}-{last}: "
        + "; ".join(parts)
        + ". Basis: each group's cash flows plus the shares and loans it holds or owes, "
        f"valued at the horizon, as one NPV at {DEFAULT_DISCOUNT_RATE:.0%} a year "
        "(the appraisal's basis, reconciled with it on the validation page)."
    )


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
