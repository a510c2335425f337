"""A small self-contained HTML page of decision results: ``decision.html``.

One section per result given: robustness (:class:`~collective_econ.decision.Robustness`),
scenario discovery (:class:`~collective_econ.decision.Discovery`) and value of
information (:class:`~collective_econ.decision.ValueOfInformation`), in English or
Chinese from the report's catalogue. The ``robust``, ``discover`` and ``voi`` commands
write it next to their tables.

Examples
--------
>>> page = decision_page(lang="en")
>>> page.startswith("<!DOCTYPE html>"), "Decisions under deep uncertainty" in page
(True, True)
"""

from __future__ import annotations

import math

from ..decision.discovery import Discovery
from ..decision.robustness import (
    COUNTY_COST,
    CostAcross,
    Robustness,
    criterion_outcomes,
    outcome_unit,
)
from ..decision.voi import ValueOfInformation
from ..errors import ParameterTypeError
from ..funding import FundingShares
from ..runs.outcomes import OUTCOMES
from ._html import Html, code, esc, pct, standalone_page, table, tag
from ._text import CATALOGUE, count, join, money, policy_name, scenario_name, text
from .findings import county_item
from .public_cost import share_words
from .sections import input_words as _input_words

__all__ = ["SHARE_OUTCOMES", "ci_text", "criterion_words", "decision_page", "outcome_words"]


def _num(x: float) -> str:
    return f"{x:.3g}" if math.isfinite(x) else "n/a"


SHARE_OUTCOMES = ("restored_within_5y", "restored_within_5y_one_year", "restored_share",
                  "poverty_long", "poverty_peak", "poverty_headcount", "employed_12m",
                  "employed_24m", "business_survival", "dibao_caseload")  # fmt: skip
"""Outcomes that are shares (0-1): their thresholds (and an optimum's value, in
:mod:`~collective_econ.report.robust_choice`) are shown as percentages."""


def outcome_words(outcome: str, lang: str) -> str:
    """A recorded outcome in plain words (``"d.o.<name>"`` of the catalogue).

    Never its name in the model: an outcome without words has spaces for underscores.
    """
    key = f"d.o.{outcome}"
    return text(key, lang) if key in CATALOGUE[lang] else outcome.replace("_", " ")


def criterion_words(outcome: str, comparison: str, threshold: float, lang: str = "en") -> str:
    """``"long-run poverty at most 5%"``: a criterion in words (its code for analysts apart).

    ``threshold`` in the outcome's unit: a share (:data:`SHARE_OUTCOMES`) as a
    percentage, a sum of yuan as money, any other figure to four digits.
    """
    if outcome in SHARE_OUTCOMES:
        value = pct(threshold)
    elif outcome in criterion_outcomes() and outcome_unit(outcome).split(",")[0] == "yuan":
        value = money(threshold, lang)  # a sum of yuan (a cost, a present value)
    else:
        value = f"{threshold:,.4g}"
    return text("d.criterion", lang, outcome=outcome_words(outcome, lang),
                comparison=text(f"d.cmp.{comparison}", lang), value=value)  # fmt: skip


def _analyst(names: list[str], lang: str) -> str:
    """The names in the model of what a section shows, on one line marked for analysts."""
    if not names:
        return ""
    body = text("d.analyst", lang, names=", ".join(f"`{n}`" for n in names))
    body_html = esc(body)
    for n in names:
        body_html = body_html.replace(esc(f"`{n}`"), str(code(n)))
    return tag("p", body_html, class_="analyst")


def ci_text(mid: str, lo: str, hi: str, lang: str) -> str:
    """A figure and its 95% confidence interval in the report's one bracket style.

    ``mid``, ``lo`` and ``hi`` are already formatted (``"80%"``); the catalogue's
    ``"ci"`` entry joins them (``"80% (78% to 82%)"``), the mean alone when the ends
    read the same.
    """
    return mid if lo == hi else text("ci", lang, mid=mid, lo=lo, hi=hi)


def _horizon(r: Robustness, years: int | None, main: int | None, lang: str) -> str:
    """The runs' horizon and number, and, where it differs, the main report's horizon."""
    if years is None:
        return ""
    runs = count(r.futures * r.replications, "run", lang)
    said = text("d.robust.horizon", lang, years=count(years, "year", lang), runs=runs,
                futures=count(r.futures, "future", lang),
                replications=count(r.replications, "replication", lang))  # fmt: skip
    if main is not None and main != years:
        gap = " " if lang == "en" else ""
        said += gap + text("d.robust.differs", lang, years=count(years, "year", lang),
                           main=count(main, "year", lang))  # fmt: skip
    return said


def _robust_section(
    r: Robustness,
    lang: str,
    baseline: str | None = None,
    horizon_years: int | None = None,
    scenario_horizon: int | None = None,
    funding: FundingShares | None = None,
) -> str:
    c = pct(r.confidence)
    crit = r.criterion
    base = baseline if baseline in r.policies else r.policies[0]
    intro = text(
        "d.robust.intro",
        lang,
        criterion=criterion_words(crit.outcome, crit.comparison, crit.threshold, lang),
        futures=count(r.futures, "future", lang),
        replications=count(r.replications, "replication", lang),
        confidence=c,
        base=policy_name(base, lang),
    )
    horizon = _horizon(r, horizon_years, scenario_horizon, lang)
    rows = {row["policy"]: row for row in r.table(baseline=base)}
    body = []
    for name in r.ranking:
        row = rows[name]
        extra = (text("baseline", lang) if name == base else ci_text(
            money(row["extra_cost"], lang), money(row["extra_cost_low"], lang),
            money(row["extra_cost_high"], lang), lang))  # fmt: skip
        body.append(
            (
                policy_name(name, lang),
                ci_text(pct(row["satisficing"]), pct(row["satisficing_low"]),
                    pct(row["satisficing_high"]), lang),
                ci_text(_num(row["mean_regret"]), _num(row["mean_regret_low"]),
                    _num(row["mean_regret_high"]), lang),
                _num(row["max_regret"]),
                extra,
                money(row["cost"], lang),
            )
        )  # fmt: skip
    head = [
        text("d.col.policy", lang), text("d.col.satisficing", lang),
        text("d.col.mean_regret", lang), text("d.col.max_regret", lang),
        text("d.col.extra_cost", lang, base=policy_name(base, lang)),
        text("d.col.total_cost", lang),
    ]  # fmt: skip
    lead, same = r.ranking[0], r.indistinguishable()
    verdict = text(
        "d.verdict_same" if same else "d.verdict_apart", lang, policy=policy_name(lead, lang),
        share=pct(r.satisficing[r.index(lead)]), futures=r.futures,
        others=join([policy_name(n, lang) for n in same], lang) if same else "",
        criterion=criterion_words(crit.outcome, crit.comparison, crit.threshold, lang),
        confidence=c,
    )  # fmt: skip
    parts = [
        tag("h2", esc(text("d.h.robust", lang)), id="robust"),
        tag("p", esc(intro)),
        tag("p", tag("strong", esc(horizon))) if horizon else "",
        _analyst([crit.describe()], lang),
        table(head, body, numeric=(1, 2, 3, 4, 5), id="robustness"),
        tag("p", esc(text("d.minimax", lang, policy=policy_name(r.minimax, lang)))),
        tag("p", esc(text("d.verdict", lang)) + " " + esc(verdict)),
    ]
    if r.county is not None:
        parts.append(_county_part(r, r.county, base, lang, funding))
    return tag("section", "".join(parts))


def _shares_words(funding: FundingShares | None, lang: str) -> str:
    """``"dibao 20%, pensions 0%, ...; every other item 100%"``: the county's shares in words."""
    shares = funding or FundingShares()
    items = OUTCOMES["county_books"].labels
    named = [share_words(shares, k, county_item(k, lang), lang) for k in items
             if shares.varies((k,)) or shares.county_share(k) != 1.0]  # fmt: skip
    rest = text("d.county.rest", lang) if len(named) < len(items) else ""
    return text("list_sep", lang).join(named) + rest


def _county_part(
    r: Robustness, county: CostAcross, base: str, lang: str, funding: FundingShares | None
) -> str:
    """What the county's own budget pays under each policy, across the futures."""
    extra = county.extra(r.index(base))
    body = []
    for name in r.ranking:
        i = r.index(name)
        body.append((
            policy_name(name, lang),
            ci_text(money(county.expected[i], lang), money(county.low[i], lang),
                money(county.high[i], lang), lang),
            text("baseline", lang) if name == base else ci_text(
                money(extra[i, 0], lang), money(extra[i, 1], lang), money(extra[i, 2], lang),
                lang),
            money(county.worst[i], lang),
            money(county.best[i], lang),
            money(county.max_regret[i], lang),
        ))  # fmt: skip
    head = [text("d.col.policy", lang), *(text(f"d.county.col.{k}", lang, base=policy_name(
        base, lang)) for k in ("expected", "extra", "worst", "best", "max_regret"))]  # fmt: skip
    cheap, calm = county.minimax_cost, county.minimax_regret
    said = [
        text("d.county.minimax_cost", lang, policy=policy_name(r.policies[cheap], lang),
             cost=money(county.worst[cheap], lang)),
        text("d.county.minimax_regret", lang, policy=policy_name(r.policies[calm], lang),
             regret=money(county.max_regret[calm], lang)),
    ]  # fmt: skip
    gap = " " if lang == "en" else ""
    return "".join([
        tag("h3", esc(text("d.h.county", lang)), id="county-cost"),
        tag("p", esc(text("d.county.intro", lang, shares=_shares_words(funding, lang),
                          futures=count(r.futures, "future", lang)))),
        table(head, body, numeric=(1, 2, 3, 4, 5), id="county-cost-table"),
        tag("p", tag("strong", esc(gap.join(said)))),
        _analyst([COUNTY_COST], lang),
    ])  # fmt: skip


def _discover_section(d: Discovery, lang: str) -> str:
    labels, box = d.labels, d.box
    comparison = ">=" if labels.direction == "below" else "<="
    outcome = getattr(labels, "outcome", "")
    criterion = (criterion_words(outcome, comparison, labels.threshold, lang) if outcome
                 else f"{comparison} {labels.threshold:g}")  # fmt: skip
    intro = esc(
        text(
            "d.discover.intro",
            lang,
            futures=int(labels.kept.sum()),
            cases=int(labels.case[labels.kept].sum()),
            criterion=criterion,
            coverage=pct(box.coverage),
            density=pct(box.density),
            stability=pct(d.stability),
            holdout_coverage=pct(d.holdout_coverage),
            holdout_density=pct(d.holdout_density),
        )
    )
    none = text("d.unbounded", lang)
    rows = []
    for name in box.restricted:
        lo, hi = box.bounds(name)
        rows.append((
            _input_words(name, lang), none if lo is None else f"{lo:.4g}",
            none if hi is None else f"{hi:.4g}", (Html(code(name)), "analyst"),
        ))  # fmt: skip
    head = [*(text(f"d.col.{k}", lang) for k in ("input", "lower", "upper")),
            text("analyst.head", lang)]  # fmt: skip
    parts = [
        tag("h2", esc(text("d.h.discover", lang)), id="discover"),
        tag("p", intro),
        tag("p", tag("strong", esc(d.sentence(lang)))),
        table(head, rows, numeric=(1, 2), id="box"),
    ]
    return tag("section", "".join(parts))


def _amount(value: float, unit: str, lang: str) -> str:
    return money(value, lang) if unit == "yuan" else f"{value:,.2f}"


def _voi_section(v: ValueOfInformation, lang: str) -> str:
    unit = text(f"d.unit.{v.unit}", lang) if v.unit in ("yuan", "households") else v.unit
    sep = ", " if lang == "en" else "、"
    intro = text(
        "d.voi.intro",
        lang,
        policies=sep.join(policy_name(p, lang) for p in v.policies),
        futures=v.futures,
        unit=unit,
        best=policy_name(v.best, lang),
        evpi=_amount(v.evpi, v.unit, lang),
        evpi_se=_amount(v.evpi_se, v.unit, lang),
    )
    rows = [
        (
            text("list_sep", lang).join(_input_words(n.strip(), lang)
                                        for n in str(row["inputs"]).split("+")),
            _amount(row["evppi"], v.unit, lang),
            _amount(row["evppi_se"], v.unit, lang),
            pct(row["share_of_evpi"]),
            (Html(code(row["inputs"])), "analyst"),
        )
        for row in v.table()
    ]  # fmt: skip
    head = [*(text(f"d.col.{k}", lang) for k in ("input", "evppi", "se", "share")),
            text("analyst.head", lang)]  # fmt: skip
    parts = [
        tag("h2", esc(text("d.h.voi", lang)), id="voi"),
        tag("p", esc(intro)),
        table(head, rows, numeric=(1, 2, 3), id="evppi"),
    ]
    return tag("section", "".join(parts))


def decision_page(
    *,
    lang: str = "en",
    scenario: str = "Caopijie",
    robustness: Robustness | None = None,
    discovery: Discovery | None = None,
    voi: ValueOfInformation | None = None,
    baseline: str | None = None,
    horizon_years: int | None = None,
    scenario_horizon: int | None = None,
    funding: FundingShares | None = None,
) -> str:
    """The decision results given, as one self-contained HTML page.

    Parameters
    ----------
    lang : {"en", "zh"}
    scenario : str
        The scenario's name, for the subtitle.
    robustness, discovery, voi : optional
        The results of :func:`~collective_econ.decision.robust`,
        :func:`~collective_econ.decision.discover` and
        :func:`~collective_econ.decision.voi`; a section for each given.
    baseline : str, optional
        The policy whose cost the others' extra cost is set against (the scenario's
        baseline, as in the report); the first policy of ``robustness`` when not given.
    horizon_years : int, optional
        Years each run of ``robustness`` simulated: stated with the number of runs when
        given.
    scenario_horizon : int, optional
        The scenario's own horizon (the main report's by default): where it differs from
        ``horizon_years``, a sentence says the costs are not the main report's.
    funding : FundingShares, optional
        The county's share of each item of its books (the scenario's ``funding``) that
        made ``robustness``'s cost to the county's own budget, named in the words over
        its table; ``FundingShares()`` when not given.

    Returns
    -------
    str
        The page (UTF-8 text, no external resource).
    """
    checks = (
        ("robustness", robustness, Robustness),
        ("discovery", discovery, Discovery),
        ("voi", voi, ValueOfInformation),
    )
    for name, value, kind in checks:
        if value is not None and not isinstance(value, kind):
            raise ParameterTypeError(name, f"a {kind.__name__} or None", value)
    sections = []
    if robustness is not None:
        sections.append(
            _robust_section(robustness, lang, baseline, horizon_years, scenario_horizon, funding)
        )
    if discovery is not None:
        sections.append(_discover_section(discovery, lang))
    if voi is not None:
        sections.append(_voi_section(voi, lang))
    heading = text("d.title", lang)
    lead = text("d.lead", lang, scenario=scenario_name(scenario, lang))
    return standalone_page(heading, lead, sections, text("d.note", lang), lang)
