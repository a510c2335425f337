"""The policymaker report: one self-contained HTML file to open, read and print.

:func:`build_report` turns a scenario and its experiment's results into one HTML
page, and :func:`write_report` writes it. The page holds, in order:

0. a summary on one screen: the decision table (each policy's restoration within 5
   years, worst-year poverty and its year, long-run income and poverty, extra cost to
   the county, each with its 95% interval; :mod:`.summary`), three plain sentences on
   the trade-off and the assumption that decides it, the model's warnings
   (:func:`~collective_econ.runs.alerts.warnings_for`) and the poverty chart;
1. the question (the community, the landless households, the years and policies);
0a. when the run's folder holds the decision commands' outputs, the robust choice
   across plausible futures (:mod:`.robust_choice`);
2. the other plots of :mod:`collective_econ.plotting`, with a caption on how to read
   each, and the tornado and Sobol charts of any sensitivity results given;
3. key findings in plain language, written from the results (:func:`key_findings`);
4. the policies compared, with a table of the schemes and parameters that differ;
5. the appraisal table per scheme and stakeholder, and each scheme's cash flows
   (collapsed);
6. the assumption register with sources, and the documents it cites (collapsed);
7. the notes on the case report's own inconsistent figures
   (:func:`~collective_econ.cases.caopijie.facts.check_case`; collapsed), for a shipped
   case's own scenario, with its validation checks beside the findings
   (:mod:`.case_checks`);
8. the glossary: each term and abbreviation in plain words (collapsed);

and a footer on how it was computed. Images are PNGs embedded as base64 data URIs and
the CSS is inline, with print rules (A4; the collapsed sections print closed) and
narrow-screen rules (tables scroll within their box): there is no script, no font, no
link that fetches anything, and a Content-Security-Policy that forbids any fetch. The
page carries no timestamp: the same inputs give the same file, byte for byte. With
``lang="zh"`` the whole page is in Chinese, with the same numbers; every word comes from
the catalogue of :mod:`._text`. How to make and print it: ``docs/report.md``.

Examples
--------
>>> from collective_econ.economy.community import CommunityParams
>>> from collective_econ.runs.experiment import ExperimentSpec, run_experiment
>>> from collective_econ.cases.caopijie import default_scenario
>>> from collective_econ.scenario import Scenario
>>> sc = Scenario("small", default_scenario().policies[:2], horizon_years=3,
...               community=CommunityParams(residents=1500, agricultural_residents=900))
>>> res = run_experiment(sc, ExperimentSpec(replications=2, seed=1, panels="all"))
>>> page = build_report(sc, res, seed=1, appraisal_samples=0)
>>> page.startswith("<!DOCTYPE html>"), "4. The policies compared" in page
(True, True)
>>> "4. 所比较的政策" in build_report(sc, res, seed=1, appraisal_samples=0, lang="zh")
True
"""

from __future__ import annotations

import math
import platform
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .._version import __version__
from ..appraisal import appraisal_table
from ..errors import ParameterError
from ..finance import DEFAULT_DISCOUNT_RATE
from ..funding import FundingShares
from ..metrics.lines import NATIONAL_RURAL_POVERTY_LINE
from ..params import whole_number
from ..plotting import find_cjk_font
from ..plotting.labels import labels
from ..prices import MONEY, PriceIndex, nominal_table
from ..runs.alerts import warnings_for
from ..runs.comparison import compared_with
from ..runs.store import atomic_write
from ..schemes import SCHEMES
from . import case_checks
from ._html import Html, code, document, esc, pct, prose, table, tag
from ._references import glossary_html
from ._text import CATALOGUE, count, money, policy_name, scenario_name, text
from ._text_refs import GLOSSARY
from .figures import cash_flow_plots, comparison_plots, sensitivity_plots
from .findings import (
    COUNTY_ITEM_WORDS,
    KeyFindings,
    ci_text,
    county_item,
    fiscal_items,
    key_findings,
    ranges_note,
    who_gains,
)
from .public_cost import run_costs
from .robust_choice import DecisionOutputs, robust_choice_section
from .sections import (
    accounts_html,
    appraisal_section,
    case_section,
    input_words,
    policies_section,
    question_section,
    register_rows,
    register_section,
    schemes_of,
    tea_scale_sentence,
)
from .status import loan_guarantees, scheme_status_html
from .summary import (
    analyst_note,
    fewest_poor,
    reading_guide,
    rent_is_on,
    rent_share,
    summary_html,
)

if TYPE_CHECKING:
    from ..appraisal import AppraisalRow
    from ..runs.results import ExperimentResults
    from ..scenario import Scenario
    from .figures import Plot

__all__ = ["APPRAISAL_HORIZON", "SECTIONS", "SECTION_KEYS", "KeyFindings", "build_report",
           "key_findings", "write_report"]  # fmt: skip

SECTION_KEYS: tuple[str, ...] = (
    "summary", "robust", "question", "plots", "findings", "policies", "appraisal", "register",
    "case", "glossary", "method",
)  # fmt: skip
"""The report's sections, in order (anchor ids; headings: the catalogue's ``"h.<id>"``).

``"robust"`` (the decision commands' results) and ``"case"`` are shown only when given."""

SECTIONS: tuple[tuple[str, str], ...] = tuple((i, text(f"h.{i}", "en")) for i in SECTION_KEYS)
"""The report's sections, in order: (anchor id, English heading)."""

APPRAISAL_HORIZON = 20
"""Years over which each scheme is appraised on its own (the appraisal layer's default)."""

_NO_CJK_REPORT = (
    "lang={lang!r}: no CJK font found, so the report's plots are labelled in English (its "
    "text is Chinese; a browser without a CJK font shows boxes). Install one (Debian/Ubuntu: "
    "fonts-noto-cjk), then rebuild matplotlib's font cache: delete the fontlist-*.json files "
    'in matplotlib.get_cachedir(), or run python -c "import matplotlib.font_manager as f; '
    'f._load_fontmanager(try_read_cache=False)", and restart Python.'
)


def build_report(
    scenario: Scenario,
    results: ExperimentResults,
    *,
    appraisal_rows: Sequence[AppraisalRow] | None = None,
    sensitivity: Mapping[str, Any] | None = None,
    title: str | None = None,
    lang: str = "en",
    seed: int | None = None,
    appraisal_samples: int = 200,
    case_notes: Sequence[Any] | None = None,
    money: str = "real",
    decision: DecisionOutputs | None = None,
    validation: Mapping[str, Sequence[Any]] | None = None,
) -> str:
    """The policymaker report as one self-contained HTML page.

    Parameters
    ----------
    scenario : Scenario
        The scenario the experiment ran (its community, policies and parameters).
    results : ExperimentResults
        From :func:`~collective_econ.runs.experiment.run_experiment`. The plots need the
        income panels of some replication under every policy (``panels="all"``, or the
        first replications' ``RunId(p, 0, r)``); without them the page says so and
        shows no comparison plots.
    appraisal_rows : sequence of AppraisalRow, optional
        The appraisal table; by default :func:`~collective_econ.appraisal.appraisal_table`
        of the schemes the policies use, with the scenario's scheme parameters,
        ``appraisal_samples`` Monte Carlo samples and ``seed``.
    sensitivity : mapping of str to a sensitivity result, optional
        Titled results of :mod:`collective_econ.sensitivity` (``Tornado``,
        ``SobolResult``, ``MorrisResult``, ``SwitchingValues``): a chart for tornado and
        Sobol results, and a table of each (``.table()``).
    title : str, optional
        The page's title; by default "Landless households' incomes under N policies"
        (the scenario's name is the subtitle).
    lang : {"en", "zh"}, default "en"
        The report's language: every heading, sentence, table and caption, with the
        same numbers in both. The Chinese plots need a CJK font: without one, one
        ``UserWarning`` (saying how to install one and rebuild matplotlib's font cache)
        and English labels on the plots. Sources, the case report's sentences and
        user-given policy names are quoted in English (marked ``lang="en"``).
    seed : int, optional
        The experiment's root seed, shown in the footer (else ``results.metadata["seed"]``
        if recorded), and the root of the appraisal's Monte Carlo (else the scenario's
        ``experiment.seed``).
    appraisal_samples : int, default 200
        Monte Carlo samples per scheme for the appraisal table and the cash-flow charts
        (0: expected flows only, fastest).
    case_notes : sequence of findings, optional
        Checks of the case report's own figures, shown as the section "Notes on the
        case's own figures". By default those of the case whose own scenario
        ``scenario`` is (:mod:`.case_checks`: for the embedded case,
        :func:`collective_econ.cases.caopijie.check_case`); none for another scenario,
        or when given empty.
    money : {"real", "nominal"}, default "real"
        The "At a glance" incomes in real yuan of the base year, or in nominal yuan of
        each year (the scenario's ``prices``, :func:`collective_econ.prices.nominal_table`).
    decision : DecisionOutputs, optional
        The outputs of ``collective-econ robust``/``discover``/``voi``/``optimize``
        (:func:`~collective_econ.report.robust_choice.find_decision_outputs` of the run's
        folder): the section "Robust choice" after the summary, with links to their
        ``decision.html`` relative to that folder; no section when None.
    validation : mapping of str to sequence of checks, optional
        The case's validation checks that bear on a finding, by key: ``"public_cost"``
        (the extra public cost), ``"dibao"`` (its dibao item), ``"restored"`` (the
        baseline's share back at its former income), ``"hog_farms"`` (the hog farms
        quitting); each check has ``topic``, ``target``, ``model`` and ``verdict`` (for
        the embedded case, the checks of ``collective_econ.cases.caopijie.validation``).
        Those marked "differs" are named beside the finding. By default those of the
        case whose own scenario ``scenario`` is (:mod:`.case_checks`); none for another
        scenario, or when given empty.

    Returns
    -------
    str
        The HTML page. The same inputs give the same text (no timestamp).
    """
    labels(lang)  # ParameterError for an unknown language
    if case_notes is None:  # a report on a shipped case says what the command line's does
        case_notes = case_checks.case_notes(scenario)
    if validation is None:
        validation = case_checks.case_validation(scenario, results)
    plot_lang = lang
    if lang != "en" and find_cjk_font() is None:
        warnings.warn(_NO_CJK_REPORT.format(lang=lang), UserWarning, stacklevel=2)
        plot_lang = "en"
    n = whole_number(appraisal_samples, "appraisal_samples", 0, owner="build_report")
    recorded = seed if seed is not None else results.metadata.get("seed")
    root = int(recorded if recorded is not None else _scenario_seed(scenario))
    base = compared_with(scenario.baseline, results.policies)
    used = schemes_of([scenario.policy(p) for p in results.policies])
    params = dict(getattr(scenario, "scheme_params", {}))
    how = text("ap.how_mc", lang, n=n, seed=root) if n else text("ap.how", lang)
    if appraisal_rows is None:
        rows = appraisal_table(
            used,
            samples=n,
            seed=root,
            horizon_years=APPRAISAL_HORIZON,
            params={k: v for k, v in params.items() if k in used},
        )
        note = text("ap.computed", lang, how=how)
    else:
        rows, note = list(appraisal_rows), text("ap.given", lang)

    shown = list(dict.fromkeys(r.scheme for r in rows))
    cash = cash_flow_plots(shown, params, samples=n, seed=root, horizon_years=APPRAISAL_HORIZON,
                           lang=plot_lang, words=lang)  # fmt: skip
    try:
        cmp = results.to_comparison()
    except ParameterError:
        plots: list[Plot] = []
        plots_note = text("plots.none", lang)
    else:
        plots = comparison_plots(cmp, lang=plot_lang, baseline=base, words=lang)
        plots_note = text("plots.some", lang, n=count(cmp.replications, "run", lang))
    if plot_lang != lang:
        plots_note += " " + text("plots.zh_no_font", lang)
    # the poverty chart opens the report; the others follow in the detail
    first = [p for p in plots if p.title == text("fig.pov.t", lang)][:1]
    rest = [p for p in plots if p not in first]
    sens = dict(sensitivity or {})
    runs = results.samples * results.replications
    rows_dt = results.decision_table(base, funding=scenario.funding)
    guarantees = loan_guarantees([scenario.policy(p) for p in results.policies])
    low = fewest_poor(rows_dt)
    summary = summary_html(
        rows_dt, base, runs=runs,
        who=who_gains(results, low, base, lang) if low != base else "",
        rent_on=rent_is_on([scenario.policy(p) for p in results.policies]),
        rent_share=rent_share(results, base),
        warnings=warnings_for(scenario, results, samples=n),
        chart="".join(_figure(p, lang, small=True) for p in first),
        lang=lang,
        guide=_guide(scenario, results, lang),
        results=results,
        guarantees=guarantees,
        caveats=[tea_scale_sentence(scenario.policy(p), lang) for p in (low,) if p != base],
        funding=scenario.funding,
        validation=validation,
    )  # fmt: skip
    cash_html = (
        _details(text("details.cash", lang, n=len(cash)), "".join(_figure(p, lang) for p in cash))
        if cash else ""
    )  # fmt: skip
    register = register_section(scenario, results.policies, lang)
    if lang != "en":  # names and titles stay as they are
        register = tag("p", prose(text("orig_note", lang)), class_="note") + register
    body = {
        "summary": summary,
        "robust": robust_choice_section(decision, lang, (len(results.years), runs)),
        "question": question_section(scenario, results, lang),
        "plots": tag("p", prose(plots_note), class_="note")
        + "".join(_figure(p, lang) for p in rest)
        + _sensitivity_html(sens, lang),
        "findings": _findings_html(
            results,
            base,
            lang,
            nominal=scenario.prices if _money(money) else None,
            guarantees=guarantees,
            funding=scenario.funding,
            validation=validation,
            county=rows_dt,
        )
        + accounts_html(results, base, lang, params),  # every account: the gains close
        "policies": policies_section(scenario, results.policies, lang),
        "appraisal": appraisal_section(
            rows,
            horizon_years=APPRAISAL_HORIZON,
            note=note,
            lang=lang,
            params=params,
            results=results,
            unused=[k for k in SCHEMES if k not in used],
        )
        + cash_html,
        "register": _details(
            text("details.register", lang, n=len(register_rows(scenario, results.policies))),
            register,
        ),
        "case": _details(
            text("details.case", lang, n=len(case_notes)), case_section(case_notes, lang)
        )
        if case_notes
        else "",
        "glossary": _details(
            text("details.glossary", lang, n=len(GLOSSARY)),
            glossary_html(lang, scenario.prices.base_year),
        ),
        "method": _method_html(results, recorded, root, how, lang, plot_lang, __version__)
        + analyst_note(lang),
    }
    heading = title or text("title", lang, n=len(results.policies))
    return _page(heading, scenario_name(scenario.name, lang), body, lang)


def _guide(scenario: Scenario, results: ExperimentResults, lang: str) -> str:
    """The reading guide, from the run's record: the inputs it sampled and how often."""
    rows = register_rows(scenario, results.policies)
    estimates = sum(
        1 for r in rows
        if r[4] == "estimate" or (not r[4] and str(r[3]).lower().startswith("estimate"))
    )  # fmt: skip
    return reading_guide(
        estimates=estimates, figures=len(rows),
        inputs=[input_words(p, lang) for p in results.inputs], samples=results.samples,
        replications=results.replications,
        listed=len(getattr(scenario, "uncertainties", ())), lang=lang,
    )  # fmt: skip


def _details(label: str, body: str) -> str:
    """A collapsed section: ``label`` shown, ``body`` on a click (and not printed)."""
    return tag("details", tag("summary", esc(label)) + body)


def write_report(
    path: str | Path,
    scenario: Scenario,
    results: ExperimentResults,
    *,
    appraisal_rows: Sequence[AppraisalRow] | None = None,
    sensitivity: Mapping[str, Any] | None = None,
    title: str | None = None,
    lang: str = "en",
    seed: int | None = None,
    appraisal_samples: int = 200,
    case_notes: Sequence[Any] | None = None,
    money: str = "real",
    decision: DecisionOutputs | None = None,
    validation: Mapping[str, Sequence[Any]] | None = None,
) -> Path:
    """Write the report of :func:`build_report` (same arguments) to ``path``, in UTF-8.

    The parent folder is created if missing. The bytes are written as built (no newline
    translation), so the same inputs give the same file on every platform.

    Returns
    -------
    Path
        ``path``.
    """
    page = build_report(
        scenario,
        results,
        appraisal_rows=appraisal_rows,
        sensitivity=sensitivity,
        title=title,
        lang=lang,
        seed=seed,
        appraisal_samples=appraisal_samples,
        case_notes=case_notes,
        money=money,
        decision=decision,
        validation=validation,
    )
    return atomic_write(path, page.encode("utf-8"))  # a temporary file, renamed: never half


def _scenario_seed(scenario: Scenario) -> int:
    experiment = getattr(scenario, "experiment", None)
    return int(getattr(experiment, "seed", 2010))


def _page(heading: str, subtitle: str, body: Mapping[str, str], lang: str = "en") -> str:
    nav = tag("nav", tag("ul", "".join(
        tag("li", tag("a", esc(text(f"h.{i}", lang)), href=f"#{i}"))
        for i in SECTION_KEYS if i not in ("summary", "method") and body[i]
    )), **{"aria-label": text("contents", lang)})  # fmt: skip
    parts = []
    for i in SECTION_KEYS:
        if not body[i]:
            continue
        h = tag("h2", esc(text(f"h.{i}", lang)), id=i)
        if i == "method":
            parts.append(tag("footer", h + body[i]))
        else:
            parts.append(tag("section", h + body[i]))
        if i == "summary":
            parts.append(nav)
    return document(heading, subtitle, "\n".join(parts), lang)


def _figure(plot: Plot, lang: str = "en", *, small: bool = False) -> str:
    img = f'<img src="{plot.uri}" alt="{esc(plot.title)}">'
    stop = ". " if lang == "en" else "。"
    caption = tag("figcaption", tag("b", esc(plot.title + stop)) + esc(plot.caption))
    return tag("figure", img + caption, **({"class_": "small"} if small else {}))


def _money(money: str) -> bool:
    """Whether incomes are shown in nominal yuan (``money="nominal"``); refuses others."""
    if money not in MONEY:
        raise ParameterError("money", f"one of {MONEY}", money, owner="build_report")
    return money == "nominal"


def _findings_html(
    results: ExperimentResults,
    base: str,
    lang: str = "en",
    nominal: PriceIndex | None = None,
    guarantees: Mapping[str, float] | None = None,
    funding: FundingShares | None = None,
    validation: Mapping[str, Sequence[Any]] | None = None,
    county: Sequence[Mapping[str, Any]] = (),
) -> str:
    """Key findings, the "At a glance" table and what the extra cost consists of.

    ``nominal``: show the table's incomes in nominal yuan of each year by this index;
    ``guarantees``: the county's share of defaulted project loans, by policy;
    ``funding``: the county's own share of each item, which splits the extra cost;
    ``validation``: the case's checks by finding (:func:`build_report`); ``county``: the
    decision rows, whose ``extra_county_cost`` gives the table's column on the county's
    own budget, beside the total.
    """
    out = [tag("p", prose(ranges_note(results, lang)), class_="note")]
    for group in key_findings(results, base, lang, funding, validation):
        items = "".join(tag("li", prose(s)) for s in group.sentences)
        out.append(tag("h3", esc(group.heading)) + tag("ul", items, class_="findings"))
    out.append(scheme_status_html(results, lang, guarantees, validation))
    own = {str(r["policy"]): float(r["extra_county_cost"][0]) for r in county
           if math.isfinite(float(r["extra_county_cost"][0]))}  # fmt: skip
    y = results.years
    fifth = int(y[min(4, len(y) - 1)])
    head = [text("g.policy", lang), text("g.income", lang, year=int(y[0])),
            text("g.income", lang, year=fifth), text("g.income", lang, year=int(y[-1])),
            text("g.restored", lang), text("g.poor", lang, year=int(y[-1])),
            text("g.gini", lang, year=int(y[-1])), text("g.better", lang),
            text("g.extra", lang, base=policy_name(base, lang))]  # fmt: skip
    if own:  # the county's own budget's part, beside the total
        head.append(text("g.county", lang))
    rows = []
    for r in results.headline(base):
        incomes = [r["income_first"], r["income_fifth"], r["income_last"]]
        if nominal is not None:  # the money hook: nominal yuan of each column's year
            incomes = nominal_table(incomes, [int(y[0]), fifth, int(y[-1])], nominal).tolist()
        better = extra = ours = text("baseline", lang)
        if r["policy"] != base:
            better = ci_text(pct(r["better"]), pct(r["better_low"]), pct(r["better_high"]),
                             lang)  # fmt: skip
            extra = money(r["extra_fiscal_cost_npv"], lang)
            ours = money(own.get(str(r["policy"]), math.nan), lang)
        rows.append([policy_name(r["policy"], lang), *(f"{v:,.0f}" for v in incomes),
                     pct(r["restored_5y"]), pct(r["poverty_last"], 1), f"{r['gini_last']:.2f}",
                     better, extra, *((ours,) if own else ())])  # fmt: skip
    out.append(tag("h3", esc(text("h.glance", lang))))
    caption = text("g.caption", lang, base=policy_name(base, lang),
                   rate=f"{DEFAULT_DISCOUNT_RATE:.0%}")  # fmt: skip
    if nominal is not None:  # the poverty shares stay measured against the real line
        caption += " " + text("g.nominal", lang, line=f"{NATIONAL_RURAL_POVERTY_LINE:,.0f}")
    out.append(table(head, rows, numeric=range(1, len(head)), caption=caption))
    out.append(_county_books_html(results, base, lang, funding))
    return "".join(out)


def _county_books_html(
    results: ExperimentResults, base: str, lang: str = "en", funding: FundingShares | None = None
) -> str:
    """The extra cost to the government by item of its books, one row per policy.

    After the total, its parts: the county's own budget and higher levels, each item
    weighted by the county's share of it (``funding``, default ``FundingShares()``) year
    by year (:func:`.public_cost.run_costs`).
    """
    shares = funding or FundingShares()
    b = results.index(base)
    by_policy = {p: fiscal_items(results, results.index(p), b)
                 for p in results.policies if p != base}  # fmt: skip
    items = [k for k in COUNTY_ITEM_WORDS
             if any(round(v.get(k, 0.0)) != 0 for v in by_policy.values())]  # fmt: skip
    if not items:
        return ""
    head = [text("g.policy", lang), *(county_item(k, lang) for k in items),
            *(text(f"c.{k}", lang) for k in ("total", "county", "higher"))]  # fmt: skip
    own = run_costs(results, shares)["county"]  # split year by year, then discounted
    rows = []
    for p, v in by_policy.items():
        total = sum(v.values())
        county = float(np.mean(own[results.index(p)] - own[b]))
        rows.append([policy_name(p, lang), *(money(v[k], lang) for k in items),
                     *(money(x, lang) for x in (total, county, total - county))])  # fmt: skip
    caption = text("c.caption", lang, base=policy_name(base, lang),
                   rate=f"{DEFAULT_DISCOUNT_RATE:.0%}")  # fmt: skip
    return tag("h3", esc(text("h.county", lang))) + table(
        head, rows, numeric=range(1, len(head)), caption=prose(caption)
    )


def _sensitivity_html(results: Mapping[str, Any], lang: str = "en") -> str:
    if not results:
        return ""

    charts = {p.title: p for p in sensitivity_plots(results)}
    out = [tag("h3", esc(text("h.sens", lang)))]
    for name, result in results.items():
        out.append(tag("h4", esc(name)))
        if name in charts:
            out.append(_figure(charts[name]))
        rows = result.table()
        if rows:
            out.append(_sensitivity_table(rows, lang))
    return "".join(out)


def _sensitivity_table(rows: Sequence[Mapping[str, Any]], lang: str) -> str:
    """A sensitivity result's rows: each input and statistic in words.

    The input's name in the model is in the last column, the statistics' names on a
    line below, both for analysts.
    """
    stats = [k for k in rows[0] if k != "input"]
    head = [
        text("s.col.input", lang),
        *(text(f"s.col.{k}", lang) if f"s.col.{k}" in CATALOGUE[lang] else
          k.replace("_", " ") for k in stats),
        text("analyst.head", lang),
    ]  # fmt: skip
    cells = [
        [input_words(str(r["input"]), lang), *(_number(r[k]) for k in stats),
         (Html(code(str(r["input"]))), "analyst")]
        for r in rows
    ]  # fmt: skip
    note = tag("p", esc(text("d.analyst", lang, names=", ".join(stats))), class_="analyst")
    return table(head, cells, numeric=range(1, len(head) - 1)) + note


def _number(value: Any) -> Any:
    """A sensitivity table's cell: thousands separators for large numbers, 4 digits else."""
    if not isinstance(value, float):
        return value
    if math.isfinite(value) and abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.4g}"


def _method_html(
    results: ExperimentResults,
    recorded: Any,
    root: int,
    how: str,
    lang: str,
    plot_lang: str,
    version: str,
) -> str:
    import matplotlib

    y0, y1 = int(results.years[0]), int(results.years[-1])
    runs = len(results.policies) * results.samples * results.replications
    seed_text = (text("m.seed", lang, seed=recorded) if recorded is not None
                 else text("m.noseed", lang))  # fmt: skip
    inputs = (text("list_sep", lang).join(input_words(p, lang) for p in results.inputs)
              or text("m.no_inputs", lang))  # fmt: skip
    items = [
        text("m.experiment", lang, seed=seed_text,
             samples=count(results.samples, "sample", lang),
             reps=count(results.replications, "replication", lang),
             runs=count(runs, "run", lang),
             events=f"{int(np.sum(results.events)):,}"),
        text("m.horizon", lang, y0=y0, y1=y1, n=len(results.years),
             households=f"{results.baseline.shape[0]:,}"),
        text("m.inputs", lang, list=inputs),
        text("m.appraisal", lang, how=how, years=APPRAISAL_HORIZON),
        text("m.software", lang, v=version, np=np.__version__, mpl=matplotlib.__version__,
             py=platform.python_version()),
        text("m.nodate", lang),
    ]  # fmt: skip
    if plot_lang != "en":
        items.append(text("m.zh", lang))
    return tag("ul", "".join(tag("li", prose(s)) for s in items if s))
