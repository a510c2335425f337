"""The report's first screen: the decision table, three plain sentences and one chart.

:func:`decision_table_html` renders the rows of
:meth:`~collective_econ.runs.results.ExperimentResults.decision_table` (one per policy:
the extra cost to the county's own budget and to all public money first, then
restoration within 5 years, the worst year's poverty and its year, long-run income and
poverty, each ``(mean, low, high)``, its interval on a line under it);
:func:`summary_sentences` says, each from the results: which policy leaves the fewest
poor and brings most households back (a "fewest" or "most" only where the paired
difference from every other policy excludes 0), its public cost with the debt the county
guarantees, its worst transition year against the baseline's, the income source that
makes the difference (and how much of the gain the displaced outside workers lose) and
the rent, an assumption that moves the levels.

Examples
--------
>>> rows = [
...     {"policy": "cash only", "restored_5y": (0.8, 0.7, 0.9),
...      "poverty_peak": (0.2, 0.15, 0.25), "poverty_peak_year": 2012,
...      "income_long": (4500.0, 4400.0, 4600.0), "poverty_long": (0.1, 0.08, 0.12),
...      "extra_fiscal_cost": (0.0, 0.0, 0.0)},
... ]
>>> html = decision_table_html(rows, "cash only", runs=10, lang="en")
>>> '20.0% in 2012 <span class="ci">(95% CI 15.0% to 25.0%)</span>' in html
True
>>> '4,500 <span class="ci">(95% CI 4,400 to 4,600)</span>' in html
True
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from ..finance import DEFAULT_DISCOUNT_RATE
from ..funding import FundingShares
from ..metrics.lines import NATIONAL_RURAL_POVERTY_LINE
from ..plotting.labels import labels
from ..runs.decision import DECISION_OUTCOMES
from ..runs.outcomes import OUTCOMES, PERIODS
from ._html import Html, esc, pct, prose, table, tag
from ._text import join, money, policy_name, text
from ._translate import warning_text
from .findings import county_item, differs_note, fiscal_items, paired_sign
from .public_cost import CostSplit, cost_split, share_words
from .status import guaranteed_debt

__all__ = [
    "analyst_note",
    "cost_sentences",
    "decision_table_html",
    "fewest_poor",
    "reading_guide",
    "rent_is_on",
    "rent_share",
    "source_words",
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
    """``"451,000 yuan more (95% CI 387,000 yuan less to 1.3 million yuan more)"``."""
    mid, lo, hi = (float(v) for v in t)
    if not _finite(mid):
        return text("n/a", lang)
    if not _finite(lo, hi) or money(lo, lang) == money(hi, lang):
        return _signed(mid, lang)
    return _signed_ci(mid, lo, hi, lang)


def _two_lines(said: str, lang: str) -> Html:
    """A cell's figure on its line and its bracket on the next (the table stays narrow).

    ``said`` as :func:`_share`, :func:`_income` or :func:`_cost` write it: the bracket is
    what follows the figure (``"451,000 yuan more (95% CI ...)"``).
    """
    mid, sep, rest = said.partition(" (" if lang == "en" else "（")
    if not sep:
        return Html(esc(said))
    gap = " " if lang == "en" else ""  # as the text reads without the line break
    return Html(esc(mid) + gap + tag("span", esc(sep.strip() + rest), class_="ci"))


def decision_table_html(
    rows: Sequence[Row], baseline: str, *, runs: int, lang: str, years: int = 0
) -> str:
    """The decision table: one row per policy, each figure with its 95% interval.

    The public cost comes first, after the policy: the county's own budget's part of it,
    then the total (county and higher levels), so that a finance bureau reads its own
    figure without scrolling; each interval sits on the line under its figure.

    Parameters
    ----------
    rows : sequence of mapping
        As :meth:`~collective_econ.runs.results.ExperimentResults.decision_table` returns.
    baseline : str
        The policy whose cost the others are set against (its cost cell says so).
    runs : int
        Runs per policy (samples x replications), for the caption.
    lang : {"en", "zh"}
    years : int, optional
        Years simulated; a horizon too short for the long run (years 11 to the end) is
        said in the caption, with the horizon that gives it.
    """
    base = policy_name(baseline, lang)
    own = any(_finite(float(r.get("extra_county_cost", (math.nan,))[0])) for r in rows)
    costs: tuple[tuple[str, str], ...] = (("dt.county_first", "extra_county_cost"),) if own else ()
    costs += (("dt.cost", "extra_fiscal_cost"),)
    outcomes = ("restored", "peak", "income", "poverty")
    head = [text("dt.policy", lang), *(text(k, lang, base=base) for k, _ in costs),
            *(text(f"dt.{k}", lang) for k in outcomes)]  # fmt: skip
    body = []
    for r in rows:
        peak = _share(r["poverty_peak"], lang, 1)
        if _finite(float(r["poverty_peak"][0])):
            mid, _, bracket = peak.partition(" (" if lang == "en" else "（")
            peak = text("dt.peak_cell", lang, share=mid, year=int(r["poverty_peak_year"]))
            if bracket:
                peak += (" (" if lang == "en" else "（") + bracket
        cells: list[Any] = [policy_name(r["policy"], lang)]
        for _, key in costs:
            cells.append(text("baseline", lang) if r["policy"] == baseline
                         else _two_lines(_cost(r[key], lang), lang))  # fmt: skip
        cells += [_two_lines(s, lang) for s in (
            _share(r["restored_5y"], lang), peak, _income(r["income_long"], lang),
            _share(r["poverty_long"], lang, 1))]  # fmt: skip
        body.append(cells)
    line, rate = f"{NATIONAL_RURAL_POVERTY_LINE:,.0f}", f"{DEFAULT_DISCOUNT_RATE:.0%}"
    caption = text("dt.caption", lang, runs=f"{runs:,}", line=line, base=base, rate=rate)
    if 0 < years <= PERIODS["long"][0]:  # no year 11: the long-run columns are empty
        caption += " " + text("dt.no_long", lang, years=years, need=PERIODS["long"][0] + 1)
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
    return tag("div", body, class_="note guide", id="guide")


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


def _apart(rows: Sequence[Row], key: str, a: str, b: str, results: Any = None) -> int:
    """-1 if ``a`` is below ``b`` on ``key``, +1 above, 0 if they cannot be told apart.

    With ``results``: the paired difference run by run (the same random events under
    both) and its 95% interval, which must exclude 0; without: the two policies' own
    intervals, which must not overlap (a stricter test).
    """
    if results is not None:
        return paired_sign(results, DECISION_OUTCOMES[key], a, b)
    if a == b:
        return 0
    by = {r["policy"]: r for r in rows}
    (_, alo, ahi), (_, blo, bhi) = (tuple(map(float, by[p][key][:3])) for p in (a, b))
    lo, hi = alo - bhi, ahi - blo
    if not _finite(lo, hi):
        return 0
    return -1 if hi < 0 else 1 if lo > 0 else 0


def _leader(
    rows: Sequence[Row], key: str, *, lowest: bool, results: Any = None
) -> tuple[str, list[str]]:
    """The policy with the lowest (highest) mean on ``key``, and those it cannot be told from."""
    sign = 1.0 if lowest else -1.0
    top = min(rows, key=lambda r: sign * float(r[key][0]))["policy"]
    want = -1 if lowest else 1
    ties = [
        r["policy"]
        for r in rows
        if r["policy"] != top and _apart(rows, key, top, r["policy"], results) != want
    ]
    return str(top), [str(t) for t in ties]  # fmt: skip


def _signed(amount: float, lang: str) -> str:
    """``"451,000 yuan more"`` / ``"1.0 million yuan less"``: an amount against the baseline.

    ``"no change"`` when it rounds to nothing (never "0 yuan more").
    """
    if money(abs(amount), lang) == money(0.0, lang):
        return text("s.no_change", lang)
    return text("s.more" if amount >= 0 else "s.less", lang, x=money(abs(amount), lang))


def _signed_ci(mid: float, lo: float, hi: float, lang: str) -> str:
    """A signed amount and its 95% CI in words: no minus sign for a reader to decode."""
    if not _finite(lo, hi) or _signed(lo, lang) == _signed(hi, lang):
        return _signed(mid, lang)  # no interval to give: "no change", not "0 (0 to 0)"
    return text("ci", lang, mid=_signed(mid, lang), lo=_signed(lo, lang), hi=_signed(hi, lang))


def _names(policies: Sequence[str], lang: str) -> str:
    return join([policy_name(p, lang) for p in policies], lang) if policies else ""


def _points(x: float) -> str:
    return f"{abs(x) * 100:.1f}"


def cost_sentences(
    rows: Sequence[Row], low: str, base: str, lang: str, results: Any,
    guarantees: Mapping[str, float], funding: FundingShares | None = None,
    validation: Mapping[str, Sequence[Any]] | None = None, *, detail: bool = True,
    caveats: bool = True,
) -> list[str]:  # fmt: skip
    """The favoured policy's public cost against the baseline, the county's own part first.

    With ``results`` that recorded the government's books: the county's own budget's part
    (by ``funding``) in the same sentence as the total, then right after it what the cost
    leaves out (the collectives' debts the county guarantees, still owed at the horizon)
    and the validation checks marked "differs" that bear on it (``validation["public_cost"]``
    and, when the dibao is among its items, ``validation["dibao"]``), then the higher
    levels' part and what the government pays out and takes in before the net
    (:func:`.public_cost.cost_split`), each with its paired CI; ``detail=False`` stops
    before those two (the terminal's headline). ``caveats=False`` leaves out the debt and
    the cost's own validation note, which the page shows over the table
    (:func:`cost_caveats`).
    """
    out: list[str] = []
    by = {r["policy"]: r for r in rows}
    checks = validation or {}
    rate = f"{DEFAULT_DISCOUNT_RATE:.0%}"
    rest: list[str] = []
    if low != base:
        extra, lo, hi = (float(v) for v in by[low]["extra_fiscal_cost"][:3])
        clear = _finite(lo, hi) and (lo > 0 or hi < 0)
        fields: dict[str, object] = {"low": policy_name(low, lang), "rate": rate,
                                     "base": policy_name(base, lang),
                                     "said": _signed_ci(extra, lo, hi, lang)}  # fmt: skip
        if results is not None:
            years = len(results.years)
            r = DEFAULT_DISCOUNT_RATE
            # the level amount each year, first year undiscounted as in the present value
            annuity = r / ((1 + r) * (1 - (1 + r) ** -years)) if r else 1.0 / years
            fields.update(first=int(results.years[0]), last=int(results.years[-1]),
                          per_year=_signed(extra * annuity, lang),
                          per_hh=_signed(extra / results.baseline.shape[0], lang),
                          hh=f"{results.baseline.shape[0]:,}")  # fmt: skip
            cost = cost_split(results, low, base, funding)
            if cost is not None:  # the county's own part leads: the bureau's own figure
                fields["county"] = _signed_ci(*cost.county, lang)
                key = "s.cost_own" if clear else "s.cost_own_unsure"
                rest = _split_sentences(results, low, base, lang, funding, extra, cost)
            else:
                key = "s.cost" if clear else "s.cost_unsure"
        else:
            key = "s.cost_short" if clear else "s.cost_unsure_short"
        out.append(text(key, lang, **fields))
    if caveats:
        out.extend(_debt_sentences(results, low, lang, guarantees))
    if low != base:
        notes = [differs_note(checks.get("public_cost"), lang, "v.this_cost") if caveats else ""]
        if results is not None and checks.get("dibao"):
            dibao = fiscal_items(results, results.index(low), results.index(base)).get("dibao")
            if dibao is not None and round(dibao) != 0:  # the dibao is part of the cost
                notes.append(differs_note(checks.get("dibao"), lang, "v.this_dibao"))
        out.extend(n for n in notes if n)
    return out + rest if detail else out


def cost_caveats(
    rows: Sequence[Row], baseline: str, lang: str, results: Any,
    guarantees: Mapping[str, float], validation: Mapping[str, Sequence[Any]] | None = None,
) -> list[str]:  # fmt: skip
    """What the cost columns leave out and who disputes them, for a note over the table.

    The collectives' project debts the county guarantees, still owed at the horizon, and
    the validation checks marked "differs" that the cost of the policy leaving the fewest
    poor rests on (``validation["public_cost"]``); empty when there are none.
    """
    low = fewest_poor(rows)
    out = _debt_sentences(results, low, lang, guarantees)
    if low != baseline:
        out.append(differs_note((validation or {}).get("public_cost"), lang, "v.this_cost"))
    return [s for s in out if s]


def _debt_sentences(
    results: Any, low: str, lang: str, guarantees: Mapping[str, float]
) -> list[str]:
    """The collectives' project debts the county guarantees, still owed at the horizon."""
    if results is None or "scheme_status" not in results.outcomes:
        return []
    out = []
    debts = guaranteed_debt(results, guarantees)
    status = results.sel("scheme_status")
    for name in sorted(debts, key=lambda p: p != low):
        left, share, last = debts[name]
        owed = status[results.index(name)].reshape(-1, len(results.years), 3)[:, :, 2]
        lo, hi = (float(v) for v in np.percentile(owed[:, -1], (5, 95)))
        rising = owed.mean(axis=0)
        out.append(text(
            "s.debt_rising" if len(rising) > 1 and rising[-1] > rising[-2] else "s.debt", lang,
            name=policy_name(name, lang), share=f"{share:.0%}", left=money(left, lang),
            lo=money(lo, lang), hi=money(hi, lang), last=last,
            exposure=money(left * share, lang), exp_hi=money(hi * share, lang),
        ))  # fmt: skip
    return out


def _split_sentences(
    results: Any, low: str, base: str, lang: str, funding: FundingShares | None, net: float,
    cost: CostSplit,
) -> list[str]:  # fmt: skip
    """The higher levels' part of ``low``'s extra cost, and its outlays and receipts.

    ``net``: the extra cost as the sentence before says it (the decision table's), which
    the outlays less the receipts make up run by run; ``cost``: its split
    (:func:`.public_cost.cost_split`). The receipts' clause is left out when they do not
    change.
    """
    by_item = fiscal_items(results, results.index(low), results.index(base))
    items = {k: v for k, v in by_item.items() if round(v) != 0}
    if not items:  # no item differs: nothing to split
        return []
    shares = funding or FundingShares()
    top = sorted(items, key=lambda k: -abs(items[k]))[:3]
    listed = text("list_sep", lang).join(
        share_words(shares, k, county_item(k, lang), lang) for k in top
    )
    names = {"low": policy_name(low, lang), "base": policy_name(base, lang)}
    recv = _signed_ci(*cost.receipts, lang)
    gross = "s.cost_gross_out" if recv == text("s.no_change", lang) else "s.cost_gross"
    return [
        text("s.cost_higher", lang, higher=_signed_ci(*cost.higher, lang), shares=listed),
        text(gross, lang, out=_signed_ci(*cost.outlays, lang), recv=recv,
             net=_signed(net, lang), **names),
    ]  # fmt: skip


def _driver_sentences(results: Any, low: str, base: str, lang: str, rent_on: bool) -> list[str]:
    """What makes the difference between ``low`` and ``base``, and the rent as an assumption.

    The income source with the largest mean difference per person per year; the wages
    the displaced outside workers lose, against the households' gain; the rent, and
    whether the income gap keeps its sign without any rent.
    """
    out: list[str] = []
    labels = OUTCOMES["income_by_source"].labels
    by_source = np.asarray(results.mean("income_by_source")).mean(axis=1)  # (policies, sources)
    i, b = results.index(low), results.index(base)
    diff = by_source[i] - by_source[b]
    first, last = int(results.years[0]), int(results.years[-1])
    ln, bn = policy_name(low, lang), policy_name(base, lang)
    rent = labels.index("rent")
    if low != base:
        k = int(np.argmax(np.abs(diff)))
        out.append(text("s.driver", lang, low=ln, base=bn, source=source_words(labels[k], lang),
                        d=_yuan_signed(float(diff[k]), lang), first=first, last=last,
                        tot=_yuan_signed(float(diff.sum()), lang)))  # fmt: skip
        hh = float(np.subtract(*results.mean("npv_households")[[i, b]]))
        if "npv_other_workers" in results.outcomes:
            lost = float(np.subtract(*results.mean("npv_other_workers")[[i, b]]))
            if round(lost) < 0 < hh:
                out.append(text("s.displaced", lang, low=ln, base=bn, hh=money(hh, lang),
                                lost=money(-lost, lang), share=pct(-lost / hh)))  # fmt: skip
    if not rent_on:
        out.append(text("s.rent_off", lang))
        return out
    total_b = float(by_source[b].sum())
    share = pct(float(by_source[b, rent]) / total_b) if total_b > 0 else "n/a"
    fields = {"base": bn, "low": ln, "r_b": f"{by_source[b, rent]:,.0f}",
              "r_l": f"{by_source[i, rent]:,.0f}", "share": share}  # fmt: skip
    if low == base:
        out.append(text("s.rent_level_one", lang, **fields))
        return out
    gap, without = float(diff.sum()), float(diff.sum() - diff[rent])
    keeps = round(gap) != 0 and np.sign(gap) == np.sign(round(without))
    out.append(text("s.rent_level" if keeps else "s.rent_decides", lang,
                    gap=_yuan_signed(without, lang), **fields))  # fmt: skip
    return out


def _yuan_signed(x: float, lang: str) -> str:
    return text("s.yuan_more" if x >= 0 else "s.yuan_less", lang, x=f"{abs(x):,.0f}")


def source_words(source: str, lang: str) -> str:
    """The plain name of an income source (the plots' legend words)."""
    return str(labels(lang).get(f"source.{source}", source))


def summary_sentences(
    rows: Sequence[Row],
    baseline: str,
    *,
    rent_on: bool,
    lang: str,
    rent_share: float = 0.0,
    results: Any = None,
    guarantees: Mapping[str, float] | None = None,
    who: str = "",
    funding: FundingShares | None = None,
    validation: Mapping[str, Sequence[Any]] | None = None,
    caveats: bool = True,
) -> list[str]:
    """The first screen's sentences, each computed from the results.

    Poverty, restoration, the public cost with the debt the county guarantees, the
    transition's worst year, what makes the difference and the rent assumption. A
    policy is said to be lowest or highest only where the paired difference from every
    other excludes 0 (``results``; else the policies' own intervals must not overlap).
    Without ``results`` (the decision rows only), the sentences on the cost per year,
    the guaranteed debt and the sources of income are left out. Each poverty statement
    names its measure and years, and one sentence says how they differ. ``validation``:
    the case's validation checks by finding (:func:`.findings.key_findings`); those
    marked "differs" are named after the finding they bear on. ``caveats=False``: the
    cost's caveats are left to a note over the table (:func:`cost_caveats`).
    """
    by = {r["policy"]: r for r in rows}
    base = by[baseline]
    name = {p: policy_name(p, lang) for p in by}
    out = []
    key = _poverty_key(rows)
    low = fewest_poor(rows)
    _, ties = _leader(rows, key, lowest=True, results=results)
    checks = validation or {}
    span: dict[str, object] = {}
    if results is not None:
        first_long = PERIODS["long"][0]
        span = {"last": int(results.years[-1]), "nl": max(len(results.years) - first_long, 0),
                "lf": int(results.years[min(first_long, len(results.years) - 1)])}  # fmt: skip
    when = "s.long_run" if key == "poverty_long" else "s.worst_year"
    if when == "s.long_run" and not span:  # no years to name
        when = "s.long_run_plain"
    fields = {
        "low": name[low],
        "pov": pct(float(by[low][key][0]), 1),
        "pov_b": pct(float(base[key][0]), 1),
        "base": name[baseline],
        "when": text(when, lang, **span),
        "ties": _names(ties, lang),
    }
    pov_key = ("s.pov_base" if low == baseline else "s.pov") + ("_ties" if ties else "")
    out.append(text(pov_key, lang, **fields))
    restore, r_ties = _leader(rows, "restored_5y", lowest=False, results=results)
    said = text(
        "s.restore_ties" if r_ties else "s.restore",
        lang,
        restore=name[restore],
        share=pct(float(by[restore]["restored_5y"][0])),
        ties=_names(r_ties, lang),
    )
    note = differs_note(checks.get("restored"), lang, "v.this_restored")  # the baseline's
    out.append(said + (" " if lang == "en" else "") + note if note else said)
    out.extend(cost_sentences(rows, low, baseline, lang, results, guarantees or {}, funding,
                              checks, caveats=caveats))  # fmt: skip
    if who:
        out.append(who)
    peak = {p: pct(float(by[p]["poverty_peak"][0]), 1) for p in by}
    year = {p: int(by[p]["poverty_peak_year"]) for p in by}
    if low != baseline and _finite(float(by[low]["poverty_peak"][0])):
        side = _apart(rows, "poverty_peak", low, baseline, results)
        out.append(text(
            {1: "s.transition_worse", -1: "s.transition_better", 0: "s.transition_same"}[side],
            lang, low=name[low], peak=peak[low], year=year[low], base=name[baseline],
            peak_b=peak[baseline], year_b=year[baseline], defined=text("s.worst_defined", lang),
        ))  # fmt: skip
    worst, w_ties = _leader(rows, "poverty_peak", lowest=False, results=results)
    if worst not in (low, baseline):
        out.append(text("s.hardest_ties" if w_ties else "s.hardest", lang, worst=name[worst],
                        peak=peak[worst], year=year[worst],
                        ties=_names(w_ties, lang)))  # fmt: skip
    if span:  # the page's poverty measures, each about other years
        out.append(text("s.pov_measures" if span["nl"] else "s.pov_measures_short", lang,
                        **span))  # fmt: skip
    if results is not None and "income_by_source" in results.outcomes:
        out.extend(_driver_sentences(results, low, baseline, lang, rent_on))
    elif rent_on:
        out.append(text("s.rent", lang, share=pct(rent_share), base=name[baseline]))
    else:
        out.append(text("s.rent_off", lang))
    return out


def analyst_note(lang: str) -> str:
    """For analysts, off the first screen: the scenario file's names behind the summary."""
    said = (text("guide.analyst", lang), text("s.rent_analyst", lang))
    return "".join(tag("p", prose(s), class_="analyst") for s in said)


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
    results: Any = None,
    guarantees: Mapping[str, float] | None = None,
    caveats: Sequence[str] = (),
    funding: FundingShares | None = None,
    validation: Mapping[str, Sequence[Any]] | None = None,
) -> str:
    """The summary section's body: table, reading guide, sentences, warnings, the chart.

    ``who``: a sentence on who gains and who loses (:func:`.findings.who_gains`), after
    the cost's. ``results`` and ``guarantees`` (:func:`.status.loan_guarantees`): the
    experiment, for the sentences computed beyond the decision rows
    (:func:`summary_sentences`). ``liabilities``: without ``results``, sentences on
    guaranteed debts the cost leaves out (:func:`.status.liability_sentences`), right
    after the first. ``caveats``: sentences on what the simulated policies leave out of
    the case's plan (:func:`.sections.tea_scale_sentence`), after the others. The names of
    the scenario file are off this screen (:func:`analyst_note`). ``validation``: the
    case's validation checks by finding (:func:`summary_sentences`). With ``results``,
    what the cost leaves out (the guaranteed debt) and the validation check that disputes
    it stand in a note right over the table, beside the cost columns (:func:`cost_caveats`).
    """
    apart = results is not None  # the cost's caveats over the table, beside the cost
    said = summary_sentences(rows, baseline, rent_on=rent_on, lang=lang, rent_share=rent_share,
                             results=results, guarantees=guarantees, who=who,
                             funding=funding, validation=validation,
                             caveats=not apart)  # fmt: skip
    over = (
        cost_caveats(rows, baseline, lang, results, guarantees or {}, validation) if apart else []
    )
    caveat = (
        tag("div", "".join(tag("p", prose(s)) for s in over), class_="note caveat") if over else ""
    )
    if results is None:  # the guaranteed debts as given, after the cost
        at = 3 if fewest_poor(rows) != baseline else 2
        said[at:at] = list(liabilities)
    said += [c for c in caveats if c]
    words = [tag("ol", "".join(tag("li", prose(s)) for s in said), class_="answer")]
    if warnings:
        words.append(tag("h3", esc(text("warnings", lang)))
                     + tag("ul", "".join(tag("li", warning_text(w, lang)) for w in warnings),
                           class_="warnings"))  # fmt: skip
    # side by side on a wide screen (the sentences, the chart), one above the other else
    answer = tag("div", "".join(words)) + chart
    years = len(results.years) if results is not None else 0
    return (
        caveat
        + decision_table_html(rows, baseline, runs=runs, lang=lang, years=years)
        + guide
        + tag("div", answer, class_="answer-grid")
    )
