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
from typing import TYPE_CHECKING, Any

import numpy as np

from ..finance import DEFAULT_DISCOUNT_RATE, DiscountRates, npv
from ..funding import FundingShares
from ..metrics.lines import NATIONAL_RURAL_POVERTY_LINE
from ..runs.decision import mode_year
from ..runs.outcomes import OUTCOMES, SCHEME_STATUS, STAKEHOLDER_GROUPS
from ._html import pct
from ._text import CATALOGUE, count, join, money, policy_name, text, yuan_pp
from .public_cost import cost_split

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from ..runs.results import ExperimentResults

__all__ = [
    "MATERIAL",
    "STAKEHOLDER_WORDS",
    "KeyFindings",
    "ci_text",
    "county_item",
    "differs_note",
    "hog_poor",
    "key_findings",
    "paired_sign",
    "ranges_note",
    "ties",
    "who_gains",
]

STAKEHOLDER_WORDS: dict[str, str] = {
    k: CATALOGUE["en"][f"sh.{k}"] for k in STAKEHOLDER_GROUPS if k != "market"
}
"""Plain names of the stakeholder groups a finding names (every group of
:data:`~collective_econ.runs.outcomes.STAKEHOLDER_GROUPS` but the outside market, whose
flows are what households buy and sell; the outside workers the jobs scheme displaces
are named); in Chinese: the catalogue's ``"sh.<group>"`` entries."""


MATERIAL = 0.05
"""A difference in a household's average income that matters, as a share of the landless
households' mean former income (5%: about 180 yuan a person a year in the default case);
the findings give the shares better and worse off by more than it beside the shares
better and worse off at all."""


@dataclass(frozen=True, slots=True)
class KeyFindings:
    """A group of findings: a heading and its sentences (plain text, not HTML)."""

    heading: str
    sentences: tuple[str, ...]


def _range(lo: float, hi: float, digits: int = 0) -> str:
    """``"78-85%"``; empty when the two ends print the same."""
    a, b = pct(lo, digits), pct(hi, digits)
    return "" if a == b else f"{a[:-1]}-{b}"


def _with_range(mid: float, lo: float, hi: float, digits: int = 0, lang: str = "en") -> str:
    """``"93% (5-95% of runs: 82% to 96%)"``: a mean and the spread of single runs."""
    if not _range(lo, hi, digits):
        return pct(mid, digits)
    return text("runs_range", lang, mid=pct(mid, digits), lo=pct(lo, digits), hi=pct(hi, digits))


def ci_text(mid: str, lo: str, hi: str, lang: str = "en") -> str:
    """``"71% (95% CI 39% to 99%)"``: a mean (already formatted) and its 95% CI.

    The mean alone when the two ends print the same.
    """
    return mid if lo == hi else text("ci", lang, mid=mid, lo=lo, hi=hi)


def differs_note(checks: Sequence[Any] | None, lang: str = "en", this: str = "v.this") -> str:
    """One sentence naming the validation checks marked "differs" that a finding rests on.

    ``checks``: objects with ``topic``, ``target``, ``model`` and ``verdict`` (the case's
    validation page, ``docs/validation.md``); those whose verdict is ``"differs"`` are
    named with the reference's figure and the model's. ``this``: the catalogue's words
    for what rests on them (``"v.this"``: "this"). Empty when none differs.

    Examples
    --------
    >>> from types import SimpleNamespace as C
    >>> differs_note([C(topic="dibao caseload", target="3.4-7.8% of persons",
    ...                 model="15.6%", verdict="differs"),
    ...               C(topic="x", target="1", model="1", verdict="matches")])
    "The project's own validation (docs/validation.md) marks 1 check on which this rests as \
'differs': 'dibao caseload' (the reference: 3.4-7.8% of persons; the model: 15.6%)."
    >>> differs_note([])
    ''
    """
    off = [c for c in checks or () if getattr(c, "verdict", "") == "differs"]
    if not off:
        return ""
    items = [text("v.item", lang, topic=c.topic, target=c.target, model=c.model) for c in off]
    return text("v.differs", lang, n=count(len(off), "check", lang), this=text(this, lang),
                list=text("list_sep", lang).join(items))  # fmt: skip


def _with_note(sentence: str, note: str, lang: str) -> str:
    """``sentence`` and, when there is one, ``note`` after it."""
    return sentence + (" " if lang == "en" else "") + note if note else sentence


def ranges_note(results: ExperimentResults, lang: str = "en") -> str:
    """What the bracketed ranges and intervals of the findings mean, for this experiment."""
    runs = results.samples * results.replications
    how = (
        text("f.how_samples", lang, samples=count(results.samples, "sample", lang),
             reps=count(results.replications, "replication", lang))
        if results.samples > 1
        else text("f.how_reps", lang, reps=count(results.replications, "replication", lang))
    )  # fmt: skip
    return text("f.ranges_note", lang, runs=f"{runs:,}", how=how,
                rate=f"{DEFAULT_DISCOUNT_RATE:.0%}")  # fmt: skip


def key_findings(
    results: ExperimentResults,
    baseline: str | None = None,
    lang: str = "en",
    funding: FundingShares | None = None,
    validation: Mapping[str, Sequence[Any]] | None = None,
) -> list[KeyFindings]:
    """The report's key findings, as sentences a county official can read.

    Parameters
    ----------
    results : ExperimentResults
        The experiment (any number of samples and replications).
    baseline : str, optional
        The policy every other is compared with; the first policy by default.
    lang : {"en", "zh"}, default "en"
        The language of the sentences (the same numbers in both).
    funding : FundingShares, optional
        The county's own share of each item of the government's books, which splits each
        policy's extra cost between the county and higher levels (default
        ``FundingShares()``; the scenario's ``funding`` in the report).
    validation : mapping of str to sequence of checks, optional
        The case's validation checks that bear on a finding, by key (``"restored"``,
        ``"dibao"``, ``"public_cost"``, ``"hog_farms"``; each check with ``topic``,
        ``target``, ``model`` and ``verdict``, as the case's validation page has them):
        where one is marked "differs", the finding says so (:func:`differs_note`): the
        restored share (``"restored"``) and the cost's dibao item (``"dibao"``).

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
    bn = policy_name(base, lang)

    # the policy that does best on each count (the first of equals)
    a, c, d = int(np.argmax(restored)), int(np.argmin(poor)), int(np.argmax(income))
    names = [policy_name(p, lang) for p in results.policies]
    one = len(names) == 1

    def versus(i: int, value: str) -> str:
        return "" if i == b else text("f.versus", lang, value=value, base=bn)

    def best(key: str) -> str:
        return "" if one else text(key, lang)

    # "highest", "lowest", "most" only where the paired difference from every other
    # policy excludes 0; else the policies that cannot be told apart are named
    t_a = ties(results, "restored_within_5y", a, lowest=False)
    t_c = ties(results, "poverty_headcount", c, lowest=True)
    t_d = ties(results, "mean_income", d, lowest=False)

    def tied(key: str, those: list[str]) -> str:
        return key + "_tie" if those else key

    def who(those: list[str]) -> str:
        return join([policy_name(p, lang) for p in those], lang) if those else ""

    checks = validation or {}
    summary = [
        _with_note(text(tied("f.sum_restored", t_a), lang, most=best("f.highest"),
                        name=names[a], value=_with_range(restored[a], r_lo[a], r_hi[a],
                                                         lang=lang),
                        versus=versus(a, pct(restored[b])), ties=who(t_a)),
                   differs_note(checks.get("restored"), lang, "v.this_restored"), lang),
        text(tied("f.sum_poor", t_c), lang, last=last, line=f"{NATIONAL_RURAL_POVERTY_LINE:,.0f}",
             least=best("f.lowest"), name=names[c], value=pct(poor[c], 1),
             versus=versus(c, pct(poor[b], 1)), ties=who(t_c)),
        text(tied("f.sum_income", t_d), lang, last=last, most=best("f.most"), name=names[d],
             income=yuan_pp(income[d], lang), versus=versus(d, f"{income[b]:,.0f}"),
             before=yuan_pp(before, lang), ties=who(t_d)),
    ]  # fmt: skip
    said = {p: hog_poor(results, p, lang) for p in results.policies}
    summary += [said[base]] if said[base] else []  # the baseline's has no group of its own
    followed = len(years) - 1 - int(np.max(results.start, initial=0))
    if followed < 5:
        summary.append(text("f.follow", lang, last=last, n=followed, s="s" * (followed != 1)))
    groups.append(KeyFindings(text("f.in_short", lang), tuple(summary)))
    for i, name in enumerate(results.policies):
        if i == b:
            continue
        s = [
            text("f.restored", lang, name=names[i],
                 value=_with_range(restored[i], r_lo[i], r_hi[i], lang=lang),
                 value_b=_with_range(restored[b], r_lo[b], r_hi[b], lang=lang), base=bn),
            text("f.poor", lang, last=last, name=names[i],
                 value=_with_range(poor[i], p_lo[i], p_hi[i], 1, lang),
                 value_b=_with_range(poor[b], p_lo[b], p_hi[b], 1, lang), base=bn),
            *([said[name]] if said[name] else []),
            text("f.income", lang, last=last, income=yuan_pp(income[i], lang), name=names[i],
                 income_b=f"{income[b]:,.0f}", base=bn),
            _winners(results, name, base, first, last, lang),
            _fiscal(results, name, base, pairs, lang, checks.get("dibao"))
            + _fiscal_split(results, name, base, lang, funding),
            _stakeholders(results, i, b, base, first, last, lang),
        ]  # fmt: skip
        groups.append(KeyFindings(text("f.compared", lang, name=names[i], base=bn), tuple(s)))
    return groups


def hog_poor(results: ExperimentResults, policy: str, lang: str = "en") -> str:
    """Of the landless poor in the worst year, the share whose hog farm lost money.

    One sentence: the mean of ``poor_hog_loss_share`` over the runs with its 95% CI
    (:meth:`~collective_econ.runs.results.ExperimentResults.interval`) and the mean
    ``poor_hog_loss_persons``, in the policy's worst year (its most frequent
    ``poverty_peak_year``, as the decision table's), under a policy with hog farms (some
    active in some run: the ``scheme_status`` outcome). Empty under another policy,
    without these outcomes, or when nobody is poor that year in any run.
    """
    names = ("poor_hog_loss_share", "poor_hog_loss_persons", "scheme_status", "poverty_peak_year")
    if any(n not in results.outcomes for n in names):
        return ""
    i, year = results.index(policy), mode_year(results.sel("poverty_peak_year", policy=policy))
    farms = results.outcomes["scheme_status"][i, ..., SCHEME_STATUS.index("hog_farms")]
    if not (farms > 0).any():  # not a policy with hog farms
        return ""
    t = int(np.flatnonzero(results.years == year)[0])
    mid, lo, hi = (float(v) for v in results.interval("poor_hog_loss_share")[i, t])
    if not math.isfinite(mid):  # nobody poor that year in any run
        return ""
    share = ci_text(pct(mid), pct(lo), pct(hi), lang) if math.isfinite(lo + hi) else pct(mid)
    persons = float(results.mean("poor_hog_loss_persons")[i, t])
    return text("f.hog_poor", lang, year=year, name=policy_name(policy, lang), share=share,
                persons=f"{persons:,.0f}")  # fmt: skip


def ties(results: ExperimentResults, outcome: str, top: int, *, lowest: bool) -> list[str]:
    """The policies ``top`` cannot be told apart from on ``outcome`` (its last year if yearly).

    A policy is told apart when the 95% CI of the paired difference (run by run, the
    same random events under both) lies wholly below 0 (``lowest``) or above it
    (:func:`paired_sign`); with fewer than two runs none is.
    """
    name, want = results.policies[top], -1 if lowest else 1
    return [o for o in results.policies
            if o != name and paired_sign(results, outcome, name, o) != want]  # fmt: skip


def paired_sign(results: ExperimentResults, outcome: str, a: str, b: str) -> int:
    """-1 if ``a`` is below ``b`` on ``outcome`` beyond chance, +1 above, 0 if not told apart.

    The 95% CI of the paired difference ``a - b`` (its last year if yearly) must exclude
    0; with fewer than two runs, or a CI that is not finite, nothing is told apart.
    """
    if a == b or results.samples * results.replications < 2:
        return 0
    d = results.difference(outcome, a, b)
    lo, hi = (float(np.ravel(v)[-1]) for v in (d.low, d.high))
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return 0
    return -1 if hi < 0 else 1 if lo > 0 else 0


def _winners(
    results: ExperimentResults, name: str, base: str, first: int, last: int, lang: str = "en"
) -> str:
    wl = results.winners_losers(name, base)
    lo, hi = wl.better_ci
    ci = text("f.ci", lang, lo=pct(lo), hi=pct(hi)) if math.isfinite(lo + hi) else ""
    # a gain or loss that matters: more than MATERIAL of the households' former income
    amount = float(f"{MATERIAL * float(np.mean(results.baseline)):.2g}")
    big = results.winners_losers(name, base, tolerance=amount)
    return text("f.winners", lang, better=pct(wl.better), name=policy_name(name, lang),
                base=policy_name(base, lang), ci=ci, worse=pct(wl.worse), first=first,
                last=last, m_better=pct(big.better), m_worse=pct(big.worse),
                amount=f"{amount:,.0f}", share=pct(MATERIAL))  # fmt: skip


def _fiscal(
    results: ExperimentResults, name: str, base: str, pairs: int, lang: str = "en",
    dibao: Sequence[Any] | None = None,
) -> str:  # fmt: skip
    i, b = results.index(name), results.index(base)
    cost = results.mean("fiscal_cost_npv")
    extra = float(cost[i] - cost[b])
    lo = hi = math.nan
    if pairs >= 2:
        diff = results.difference("fiscal_cost_npv", name, base)
        lo, hi = float(diff.low), float(diff.high)
    pv = text("f.pv", lang, rate=f"{DEFAULT_DISCOUNT_RATE:.0%}")
    items = _fiscal_items(results, i, b, lang)
    if round(fiscal_items(results, i, b).get("dibao", 0.0)) != 0:  # the dibao is in the cost
        items = _with_note(items, differs_note(dibao, lang, "v.this_dibao"), lang)
    bn = policy_name(base, lang)
    if round(extra) == 0:
        return text("f.fiscal_same", lang, base=bn, pv=pv, items=items)
    sign = 1.0 if extra > 0 else -1.0  # a saving is said as a positive amount saved
    low, high = sorted((sign * lo, sign * hi))
    said = (ci_text(money(sign * extra, lang), money(low, lang), money(high, lang), lang)
            if math.isfinite(lo + hi) else money(sign * extra, lang))  # fmt: skip
    if extra > 0:
        return text("f.fiscal_more", lang, money=said, base=bn, pv=pv, items=items)
    return text("f.fiscal_less", lang, money=said, base=bn, pv=pv, items=items)


def _fiscal_split(
    results: ExperimentResults, name: str, base: str, lang: str, funding: FundingShares | None
) -> str:
    """Who pays the extra cost: the county's own budget and higher levels (their means)."""
    cost = cost_split(results, name, base, funding)
    if cost is None or round(cost.county[0]) == round(cost.higher[0]) == 0:
        return ""
    said = {k: text("s.more" if v[0] >= 0 else "s.less", lang, x=money(abs(v[0]), lang))
            for k, v in (("county", cost.county), ("higher", cost.higher))}  # fmt: skip
    return text("f.fiscal_split", lang, **said)


COUNTY_ITEM_WORDS: dict[str, str] = {
    k.removeprefix("county."): v for k, v in CATALOGUE["en"].items() if k.startswith("county.")
}
"""Plain words for the items of the county's books (``county_books``); in Chinese: the
catalogue's ``"county.<item>"`` entries."""


def county_item(key: str, lang: str) -> str:
    """The plain name of an item of the county's books in ``lang`` (the key if unknown)."""
    return CATALOGUE[lang].get(f"county.{key}", key)


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


def _fiscal_items(results: ExperimentResults, i: int, b: int, lang: str = "en") -> str:
    """What the extra cost consists of: the three largest items, and guarantees paid."""
    items = {k: v for k, v in fiscal_items(results, i, b).items() if round(v) != 0}
    if not items:
        return ""
    top = sorted(items, key=lambda k: -abs(items[k]))[:3]
    if "guarantees" in items and "guarantees" not in top:
        top.append("guarantees")
    words = []
    for k in top:
        received = k in ("land_conveyance", "taxes")
        key = {(False, True): "f.item_more", (False, False): "f.item_less",
               (True, True): "f.item_less_recv", (True, False): "f.item_more_recv"}[
            (received, items[k] > 0)]  # fmt: skip
        words.append(text(key, lang, item=county_item(k, lang), money=money(abs(items[k]), lang)))
    return text("f.items", lang, list=join(words, lang))


def who_gains(results: ExperimentResults, name: str, base: str, lang: str = "en") -> str:
    """One sentence for the first screen: who gains and who loses under ``name``.

    The stakeholders' NPVs against ``base``'s, as the findings give them for every
    policy, with the policy named.
    """
    y = results.years
    said = _stakeholders(results, results.index(name), results.index(base), base,
                         int(y[0]), int(y[-1]), lang, short=True)  # fmt: skip
    return text("s.who", lang, name=policy_name(name, lang), base=policy_name(base, lang),
                said=said)  # fmt: skip


def _stakeholders(
    results: ExperimentResults, i: int, b: int, base: str, first: int, last: int,
    lang: str = "en", *, short: bool = False,
) -> str:  # fmt: skip
    gains, losses, same = [], [], []
    for group in STAKEHOLDER_WORDS:
        words = text(f"sh.{group}", lang)
        value = results.mean(f"npv_{group}")
        delta = float(value[i] - value[b])
        if round(delta) == 0:
            same.append(words)
        elif delta > 0:
            gains.append(text("f.sh_gain", lang, who=words, money=money(delta, lang)))
        else:
            losses.append(text("f.sh_loss", lang, who=words, money=money(delta, lang)))
    parts = [
        text(key, lang, list=join(items, lang))
        for key, items in (("f.gains", gains), ("f.losses", losses), ("f.same", same))
        if items
    ]
    lender = f"{DiscountRates().lender:.1%}"
    own = f"（银行按其资金成本{lender}）" if lang == "zh" else f" (the bank's at {lender})"
    rate = f"{DEFAULT_DISCOUNT_RATE:.0%}" + own
    parts_text = text("sep", lang).join(parts)
    if short:
        return parts_text
    said = text("f.who", lang, base=policy_name(base, lang), first=first, last=last,
                parts=parts_text, rate=rate)  # fmt: skip
    households = results.mean("npv_households")
    if round(float(households[i] - households[b])) < 0:  # listed among the losses
        gap = " " if lang == "en" else ""
        said += gap + text("f.both_hold", lang, rate=f"{DEFAULT_DISCOUNT_RATE:.0%}")
    return said
