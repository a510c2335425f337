"""The policymaker report: one self-contained HTML file to open, read and print.

:func:`build_report` turns a scenario and its experiment's results into one HTML
page, and :func:`write_report` writes it. The page holds, in order:

1. the question (the community, the landless households, the years and policies);
2. the policies compared, with a table of the schemes and parameters that differ;
3. key findings in plain language, written from the results (:func:`key_findings`);
4. every plot of :mod:`collective_econ.plotting`, with a caption on how to read it,
   and the tornado and Sobol charts of any sensitivity results given;
5. the appraisal table per scheme and stakeholder, and each scheme's cash flows;
6. the assumption register with sources;
7. the notes on the case report's own inconsistent figures
   (:func:`~collective_econ.cases.caopijie.facts.check_case`);

and a footer on how it was computed. Images are PNGs embedded as base64 data URIs and
the CSS is inline, with print rules: there is no script, no font, no link that
fetches anything, and a Content-Security-Policy that forbids any fetch. The page
carries no timestamp: the same inputs give the same file, byte for byte. With
``lang="zh"`` the plots are labelled in Chinese (where a CJK font is installed); the
text stays English. How to make and print it: ``docs/report.md``.

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
>>> page.startswith("<!DOCTYPE html>"), "2. The policies compared" in page
(True, True)
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
from ..plotting import find_cjk_font
from ..plotting.labels import labels
from ._html import CSP, CSS, esc, money, pct, table, tag
from .figures import cash_flow_plots, comparison_plots, sensitivity_plots
from .findings import (
    COUNTY_ITEM_WORDS,
    KeyFindings,
    _range,
    fiscal_items,
    key_findings,
    ranges_note,
)
from .sections import (
    appraisal_section,
    case_section,
    policies_section,
    question_section,
    register_section,
    schemes_of,
)

if TYPE_CHECKING:
    from ..appraisal import AppraisalRow
    from ..runs.results import ExperimentResults
    from ..scenario import Scenario
    from .figures import Plot

__all__ = ["APPRAISAL_HORIZON", "SECTIONS", "KeyFindings", "build_report", "key_findings",
           "write_report"]  # fmt: skip

SECTIONS: tuple[tuple[str, str], ...] = (
    ("question", "1. The question"),
    ("policies", "2. The policies compared"),
    ("findings", "3. Key findings"),
    ("plots", "4. The plots"),
    ("appraisal", "5. The appraisal of each scheme"),
    ("register", "6. The assumption register"),
    ("case", "7. Notes on the case's own figures"),
    ("method", "How this was computed"),
)
"""The report's sections, in order: (anchor id, heading)."""

APPRAISAL_HORIZON = 20
"""Years over which each scheme is appraised on its own (the appraisal layer's default)."""


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
        Language of the plots' labels. "zh" needs a CJK font: without one, one
        ``UserWarning`` and English labels. The report's text stays English.
    seed : int, optional
        The experiment's root seed, shown in the footer (else ``results.metadata["seed"]``
        if recorded), and the root of the appraisal's Monte Carlo (else the scenario's
        ``experiment.seed``).
    appraisal_samples : int, default 200
        Monte Carlo samples per scheme for the appraisal table and the cash-flow charts
        (0: expected flows only, fastest).
    case_notes : sequence of findings, optional
        Checks of the case report's own figures, shown as the section "Notes on the
        case's own figures" (for the embedded case,
        :func:`collective_econ.cases.caopijie.check_case`); left out when not given.

    Returns
    -------
    str
        The HTML page. The same inputs give the same text (no timestamp).
    """
    labels(lang)  # ParameterError for an unknown language
    if lang != "en" and find_cjk_font() is None:
        msg = (
            f"lang={lang!r}: no CJK font found, so the report's plots are labelled in "
            "English; install a CJK font (Debian: fonts-noto-cjk) for Chinese labels"
        )
        warnings.warn(msg, UserWarning, stacklevel=2)
        lang = "en"
    n = appraisal_samples
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ParameterError("appraisal_samples", "a whole number >= 0", n, owner="build_report")
    recorded = seed if seed is not None else results.metadata.get("seed")
    root = int(recorded if recorded is not None else _scenario_seed(scenario))
    base = scenario.baseline if scenario.baseline in results.policies else results.policies[0]
    used = schemes_of([scenario.policy(p) for p in results.policies])
    params = dict(getattr(scenario, "scheme_params", {}))
    how = f"{n} Monte Carlo samples per scheme, seed {root}" if n else "expected flows"
    if appraisal_rows is None:
        rows = appraisal_table(
            used,
            samples=n,
            seed=root,
            horizon_years=APPRAISAL_HORIZON,
            params={k: v for k, v in params.items() if k in used},
        )
        note = f"Computed for this report ({how}), with the scenario's scheme parameters."
    else:
        rows, note = list(appraisal_rows), "As given to the report."

    shown = list(dict.fromkeys(r.scheme for r in rows))
    cash = cash_flow_plots(shown, params, samples=n, seed=root,
                           horizon_years=APPRAISAL_HORIZON, lang=lang)  # fmt: skip
    try:
        cmp = results.to_comparison()
    except ParameterError:
        plots: list[Plot] = []
        plots_note = (
            "No plots: the experiment kept no income panels for a replication under every "
            "policy. Run it with panels='all' (small experiments) or keep the first "
            "replications' panels."
        )
    else:
        plots = comparison_plots(cmp, lang=lang, baseline=base)
        plots_note = (
            f"The plots show the runs of the first sample of the uncertain inputs "
            f"({cmp.replications} replication{'s' * (cmp.replications != 1)} per policy)."
        )
    sens = dict(sensitivity or {})
    body = {
        "question": question_section(scenario, results),
        "policies": policies_section(scenario, results.policies),
        "findings": _findings_html(results, base),
        "plots": tag("p", esc(plots_note), class_="note")
        + "".join(_figure(p) for p in plots)
        + _sensitivity_html(sens),
        "appraisal": appraisal_section(rows, horizon_years=APPRAISAL_HORIZON, note=note)
        + "".join(_figure(p) for p in cash),
        "register": register_section(scenario, results.policies),
        "case": case_section(case_notes) if case_notes is not None else "",
        "method": _method_html(results, recorded, root, how, lang, __version__),
    }
    heading = title or f"Landless households' incomes under {len(results.policies)} policies"
    return _page(heading, scenario.name, body)


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
    )
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(page.encode("utf-8"))
    return out


def _scenario_seed(scenario: Scenario) -> int:
    experiment = getattr(scenario, "experiment", None)
    return int(getattr(experiment, "seed", 2010))


def _page(heading: str, subtitle: str, body: Mapping[str, str]) -> str:
    nav = tag("nav", tag("ul", "".join(
        tag("li", tag("a", esc(h), href=f"#{i}"))
        for i, h in SECTIONS if i != "method" and body[i]
    )))  # fmt: skip
    parts = []
    for i, h in SECTIONS:
        if not body[i]:
            continue
        page_break = {"class_": "new-page"} if i in ("appraisal", "register") else {}
        if i == "method":
            parts.append(tag("footer", tag("h2", esc(h), id=i) + body[i]))
        else:
            parts.append(tag("section", tag("h2", esc(h), **page_break) + body[i], id=i))
    head = (
        '<meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(heading)}</title><style>\n{CSS}\n</style>"
    )
    top = tag("h1", esc(heading)) + tag("p", esc(subtitle), class_="lead")
    main = tag("main", top + nav + "\n".join(parts))
    return (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>{head}</head>\n'
        f"<body>\n{main}\n</body>\n</html>\n"
    )


def _figure(plot: Plot) -> str:
    img = f'<img src="{plot.uri}" alt="{esc(plot.title)}">'
    caption = tag("figcaption", tag("b", esc(plot.title + ". ")) + esc(plot.caption))
    return tag("figure", img + caption)


def _findings_html(results: ExperimentResults, base: str) -> str:
    out = [tag("p", esc(ranges_note(results)), class_="note")]
    for group in key_findings(results, base):
        items = "".join(tag("li", esc(s)) for s in group.sentences)
        out.append(tag("h3", esc(group.heading)) + tag("ul", items, class_="findings"))
    y = results.years
    fifth = int(y[min(4, len(y) - 1)])
    head = ["policy", f"income {int(y[0])}", f"income {fifth}", f"income {int(y[-1])}",
            "back within 5 years", f"poor in {int(y[-1])}", f"Gini {int(y[-1])}",
            "better off (95% CI)", "extra cost to government"]  # fmt: skip
    rows = []
    for r in results.headline(base):
        better, extra = "(baseline)", "(baseline)"
        if r["policy"] != base:
            spread = _range(r["better_low"], r["better_high"])
            better = pct(r["better"]) + (f" ({spread})" if spread else "")
            extra = money(r["extra_fiscal_cost_npv"])
        rows.append([r["policy"], f"{r['income_first']:,.0f}", f"{r['income_fifth']:,.0f}",
                     f"{r['income_last']:,.0f}", pct(r["restored_5y"]),
                     pct(r["poverty_last"], 1), f"{r['gini_last']:.2f}", better,
                     extra])  # fmt: skip
    out.append(tag("h3", esc("At a glance")))
    caption = (
        "Means over all runs. Income: landless households' mean income, yuan/person/year at "
        "2010 prices. Back within 5 years: share of households back at their income before "
        "losing their land. Poor: share of landless residents below the poverty line. Better "
        f"off: share of households with a higher average income than under {base}. Extra cost "
        f"to government: its net cost minus that under {base}, present value at 8%."
    )
    out.append(table(head, rows, numeric=range(1, len(head)), caption=caption))
    out.append(_county_books_html(results, base))
    return "".join(out)


def _county_books_html(results: ExperimentResults, base: str) -> str:
    """The extra cost to the government by item of its books, one row per policy."""
    b = results.index(base)
    by_policy = {p: fiscal_items(results, results.index(p), b)
                 for p in results.policies if p != base}  # fmt: skip
    items = [k for k in COUNTY_ITEM_WORDS
             if any(round(v.get(k, 0.0)) != 0 for v in by_policy.values())]  # fmt: skip
    if not items:
        return ""
    head = ["policy", *(COUNTY_ITEM_WORDS[k] for k in items), "total"]
    rows = [[p, *(money(v[k]) for k in items), money(sum(v.values()))]
            for p, v in by_policy.items()]  # fmt: skip
    caption = (
        f"The extra cost to the government against {base} by item of the county's books "
        "(outcome county_books), present value at 8%: a positive figure costs the county "
        "(more spent or less received), a negative one saves it."
    )
    return tag("h3", esc("What the extra cost consists of")) + table(
        head, rows, numeric=range(1, len(head)), caption=caption
    )


def _sensitivity_html(results: Mapping[str, Any]) -> str:
    if not results:
        return ""

    charts = {p.title: p for p in sensitivity_plots(results)}
    out = [tag("h3", esc("What drives the results (sensitivity)"))]
    for name, result in results.items():
        out.append(tag("h4", esc(name)))
        if name in charts:
            out.append(_figure(charts[name]))
        rows = result.table()
        if rows:
            head = list(rows[0])
            cells = [[_number(v) for v in r.values()] for r in rows]
            out.append(table(head, cells, numeric=range(1, len(head))))
    return "".join(out)


def _number(value: Any) -> Any:
    """A sensitivity table's cell: thousands separators for large numbers, 4 digits else."""
    if not isinstance(value, float):
        return value
    if math.isfinite(value) and abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.4g}"


def _method_html(
    results: ExperimentResults, recorded: Any, root: int, how: str, lang: str, version: str
) -> str:
    import matplotlib

    y0, y1 = int(results.years[0]), int(results.years[-1])
    runs = len(results.policies) * results.samples * results.replications
    seed_text = f"seed {recorded}" if recorded is not None else "seed not recorded"
    items = [
        f"Experiment: {seed_text}; {results.samples:,} sample(s) of the uncertain inputs x "
        f"{results.replications:,} replication(s) per policy, {runs:,} runs in all, "
        f"{int(np.sum(results.events)):,} SimPy events; replication r uses the same random "
        "numbers under every policy (common random numbers).",
        f"Horizon: {y0}-{y1} ({len(results.years)} years), monthly steps; "
        f"{results.baseline.shape[0]:,} landless households.",
        f"Inputs sampled: {', '.join(results.inputs) or 'none (the scenario values)'}.",
        f"Appraisal: {how}, {APPRAISAL_HORIZON} years, each scheme on its own.",
        f"Software: collective_econ {version}, numpy {np.__version__}, matplotlib "
        f"{matplotlib.__version__}, Python {platform.python_version()}.",
        "The page carries no date: the same inputs give the same file, byte for byte. "
        "When and where the experiment ran is in its metadata.json.",
    ]
    if lang != "en":
        items.append("Plot labels are in Chinese; the text of the report stays in English.")
    return tag("ul", "".join(tag("li", esc(s)) for s in items))
