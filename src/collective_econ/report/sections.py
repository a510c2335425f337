"""The report's text and tables: the question, the policies, the appraisal, the register, the case.

Each function returns an HTML fragment built with the helpers of ``_html`` (every
piece of text escaped).
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ..appraisal import OUTSIDE_ROWS, payback_text
from ..appraisal import appraise as appraise_scheme
from ..economy.collective import ProjectFinance, fundable_share
from ..economy.population import life_expectancy_from_qx
from ..finance import DiscountRates, stakeholder_npv
from ..plotting.labels import labels
from ..runs.outcomes import SCHEME_STATUS, STAKEHOLDER_GROUPS
from ..scenario.stated import stale_figures_of
from ..schemes import SCHEMES
from ..schemes.tea import TeaParams
from ..schemes.tea import appraise as appraise_tea
from ._html import Html, code, esc, orig, pct, prose, table, tag, value_text
from ._names import field_words, input_words
from ._references import references_html
from ._text import (
    CATALOGUE,
    join,
    money,
    policy_name,
    scenario_name,
    scheme_name,
    text,
    yes_no,
)
from ._text_more import POLICY_DESCRIPTIONS_ZH
from ._translate import source_text

if TYPE_CHECKING:
    from ..appraisal import AppraisalRow
    from ..params import Parameters
    from ..policy import Policy
    from ..runs.results import ExperimentResults
    from ..scenario import Scenario

__all__ = [
    "account_deltas",
    "accounts_html",
    "appraisal_section",
    "case_section",
    "field_words",
    "input_words",
    "policies_section",
    "question_section",
    "register_rows",
    "register_section",
    "schemes_of",
    "tea_scale_sentence",
]


def schemes_of(policies: Sequence[Policy]) -> list[str]:
    """The schemes of the policies, in order of first appearance."""
    return list(dict.fromkeys(k for p in policies for k in p.schemes))


def question_section(scenario: Scenario, results: ExperimentResults, lang: str = "en") -> str:
    """What is asked, of which community, with which policies and over which years."""
    c = scenario.community
    y0, y1 = int(results.years[0]), int(results.years[-1])
    households, persons = results.baseline.shape[0], float(results.size.sum())
    before = float(np.average(results.baseline, weights=results.size))
    names = text("list_sep", lang).join(policy_name(p, lang) for p in results.policies)
    community = scenario_name(scenario.name, lang)
    return "".join([
        tag("p", prose(text("q.community", lang, name=community, residents=f"{c.residents:,}",
                          agri=f"{c.agricultural_residents:,}", groups=f"{c.groups:,}"))),
        tag("p", prose(text("q.ask", lang, y0=y0, y1=y1, n=len(results.policies), names=names))),
        tag("p", prose(text("q.sim", lang, households=f"{households:,}", persons=f"{persons:,.0f}",
                          before=f"{before:,.0f}"))),
    ])  # fmt: skip


def _flatten(params: Parameters, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """Each leaf value of a parameter object, by dotted path (``jobs[0].wage_month``)."""
    for f in dataclasses.fields(params):  # type: ignore[arg-type]
        value = getattr(params, f.name)
        if isinstance(value, tuple) and value and dataclasses.is_dataclass(value[0]):
            for i, item in enumerate(value):
                yield from _flatten(item, f"{prefix}{f.name}[{i}].")
        else:
            yield f"{prefix}{f.name}", value


def _units(params: Parameters) -> dict[str, str]:
    return {i.name: i.unit for i in type(params).describe()}


def _description(description: str, lang: str) -> str:
    """A policy's description in ``lang``: the default policies' in Chinese, others as given."""
    if lang == "zh" and description in POLICY_DESCRIPTIONS_ZH:
        return esc(POLICY_DESCRIPTIONS_ZH[description])
    return esc(orig(description, lang))


def policies_section(scenario: Scenario, names: Sequence[str], lang: str = "en") -> str:
    """Each policy's description, and a table of the schemes and parameters that differ."""
    policies = [scenario.policy(n) for n in names]
    colon = ": " if lang == "en" else "："
    items = "".join(
        tag("li", tag("b", esc(policy_name(p.name, lang)))
            + (esc(colon) + _description(p.description, lang) if p.description else "")
            + "".join(esc(text("pol.stale", lang, stated=s.text, path=field_words(path, lang),
                               value=pct(value)))
                      for s in stale_figures_of(p) for path, value in s.params))
        for p in policies
    )  # fmt: skip
    rows: list[Sequence[Any]] = []
    for scheme in schemes_of(policies):
        having = [p for p in policies if scheme in p.schemes]
        rows.append([
            scheme_name(scheme, lang),
            *((text("yes", lang), "") if scheme in p.schemes else ("-", "") for p in policies),
        ])  # fmt: skip
        values = {p.name: dict(_flatten(p.schemes[scheme].base)) for p in having}
        units = _units(having[0].schemes[scheme].base)
        for path in values[having[0].name]:
            seen = {repr(v[path]) for v in values.values()}
            if len(seen) > 1:
                rows.append(_diff_row(f"{scheme}.{path}", units, path, policies, values, lang))
        periods = {p.name: p.schemes[scheme].periods for p in having}
        if len({repr(v) for v in periods.values()}) > 1:
            rows.append([
                Html("&nbsp;&nbsp;" + esc(text("pol.dated", lang,
                                               scheme=scheme_name(scheme, lang)))),
                *(_periods_text(periods[p.name], lang) if p.name in periods else ""
                  for p in policies),
            ])  # fmt: skip
    payout = {p.name: dict(_flatten(p.payout)) for p in policies}
    for path in payout[policies[0].name]:
        if len({repr(v[path]) for v in payout.values()}) > 1:
            rows.append(_diff_row(f"payout.{path}", _units(policies[0].payout), path, policies,
                                  payout, lang))  # fmt: skip
    note = tag("p", prose(text("pol.note", lang)))
    head = [text("pol.head", lang), *(policy_name(p.name, lang) for p in policies)]
    return tag("ul", items) + note + table(head, rows)


def _diff_row(
    label: str,
    units: Mapping[str, str],
    path: str,
    policies: Sequence[Policy],
    values: Mapping[str, Mapping[str, Any]],
    lang: str = "en",
) -> list[Any]:
    unit = units.get(path.split("[")[0], "")
    first = next(values[p.name][path] for p in policies if p.name in values)
    cells: list[Any] = []
    for p in policies:
        if p.name not in values:
            cells.append("")
            continue
        v = values[p.name][path]
        shown = yes_no(v, lang) if isinstance(v, bool) else value_text(v)
        cells.append((_value_cell(shown, lang), "diff" if repr(v) != repr(first) else ""))
    words = esc(field_words(label, lang)) + (" (" + esc(unit) + ")" if unit else "")
    return [Html("&nbsp;&nbsp;" + words), *cells]


def _value_cell(shown: str, lang: str) -> str:
    """A value as shown: in Chinese, a value in Latin letters (a name in the model) as code."""
    if lang == "en" or not any("a" <= ch.lower() <= "z" for ch in shown):
        return shown
    return code(shown)


def _periods_text(periods: Sequence[Any], lang: str = "en") -> str:
    if not periods:
        return text("pol.none", lang)
    parts = []
    for p in periods:
        span = (text("pol.span_to", lang, a=p.start, b=p.end) if p.end is not None
                else text("pol.span_from", lang, a=p.start))  # fmt: skip
        values = ", ".join(
            f"{field_words(k, lang)} = {value_text(v)}" for k, v in p.values.items()
        )
        parts.append(f"{span}: {values}")
    return text("sep", lang).join(parts)


def _npv_cell(row: AppraisalRow, lang: str = "en") -> str:
    """``"-4.0 million yuan (5-95% of runs: -21.7 million yuan to 13.3 million yuan)"``.

    A range of one value (no uncertain input moves the row) is the single value, with
    a note saying so, never ``"310,000 yuan to 310,000 yuan"``.
    """
    ends = [v for v in (row.npv_p5, row.npv_p95) if math.isfinite(v)]
    if len(ends) < 2:
        return money(row.npv, lang)
    if _degenerate(row.npv_p5, row.npv_p95, row.npv):
        return text("ap.fixed", lang, mid=money(row.npv, lang))
    lo, hi = (money(v, lang) for v in ends)
    return text("runs_range", lang, mid=money(row.npv, lang), lo=lo, hi=hi)


def _degenerate(lo: float, hi: float, mid: float) -> bool:
    """Whether a 5-95% range is one value: every run gives the same figure."""
    return math.isclose(lo, hi, rel_tol=1e-9, abs_tol=1e-9) and math.isclose(
        lo, mid, rel_tol=1e-9, abs_tol=1e-9
    )


_OUTSIDE = {name for name, _ in OUTSIDE_ROWS.values()}


def _stakeholder(name: str, lang: str) -> str:
    """A row's stakeholder in words; an outside row by the findings' words for its group."""
    if name in _OUTSIDE:
        return text(f"sh.{name}", lang)
    return name if lang == "en" else labels("zh").get(f"stakeholder.{name}", name)


def _pct(share: float, lang: str, digits: int = 0) -> str:
    return pct(share, digits) if math.isfinite(share) else text("n/a", lang)


def _irr(rate: float, lang: str) -> str:
    """An IRR to one decimal; "over 100%" above it (a small outlay, not a yield to quote)."""
    if math.isfinite(rate) and rate > 1.0:
        return text("ap.irr_over", lang)
    return _pct(rate, lang, 1)


def _payback_cell(years: float, lang: str) -> str:
    """A payback as :func:`~collective_econ.appraisal.payback_text` shows it, in ``lang``."""
    if years == 0:
        return text("ap.no_outlay", lang)
    return payback_text(years, "") if math.isfinite(years) else text("ap.never", lang)


def appraisal_section(
    rows: Sequence[AppraisalRow],
    *,
    horizon_years: int,
    note: str,
    lang: str = "en",
    params: Mapping[str, Parameters] | None = None,
    results: ExperimentResults | None = None,
    unused: Sequence[str] = (),
) -> str:
    """The appraisal table, grouped by scheme, and its notes.

    With Monte Carlo samples the headline is the mean NPV with its 5-95% range and
    P(NPV < 0), then the NPV at default inputs, the IRR and payback of the mean flows;
    below the table, a sentence for each row whose value at default inputs has another
    sign than the mean (the row's ``note`` in English; a sentence of the catalogue in
    Chinese). Without samples: the value at default inputs, expected flows only.

    With ``results`` (the simulation's runs), a sentence where the plan an appraisal
    values is not what the runs show (:func:`plan_notes`: hog farms that all quit). Then
    whom the rows count (:func:`whom_notes`), and the registered schemes ``unused`` by
    the policies compared, named as not appraised.
    """
    mc = any(r.samples for r in rows)
    rates = [r.rate for r in rows]
    social = max(set(rates), key=rates.count) if rates else 0.08  # the header's rate
    rate = f"{social:.0%}"
    if mc:
        head = [text(k, lang, rate=rate) for k in ("ap.stakeholder", "ap.npv_mc", "ap.p_loss",
                "ap.npv_default", "ap.irr_mc", "ap.payback_mc")]  # fmt: skip
    else:
        head = [text(k, lang, rate=rate)
                for k in ("ap.stakeholder", "ap.npv", "ap.irr", "ap.payback")]  # fmt: skip
    body: list[Sequence[Any]] = []
    notes: list[str] = []
    for scheme in dict.fromkeys(r.scheme for r in rows):
        title = scheme_name(scheme, lang)
        body.append(("group", title))
        for r in (r for r in rows if r.scheme == scheme):
            irr = _irr(r.irr, lang)
            if r.receives_first and math.isfinite(r.irr):  # a borrower's: the IRR is a cost
                irr = text("ap.irr_cost", lang, irr=irr)
            if mc and math.isfinite(r.irr + r.irr_p5 + r.irr_p95):  # no range without a mid
                if _degenerate(r.irr_p5, r.irr_p95, r.irr):
                    irr = text("ap.fixed", lang, mid=irr)
                else:
                    irr = text("runs_range", lang, mid=irr, lo=_irr(r.irr_p5, lang),
                               hi=_irr(r.irr_p95, lang))  # fmt: skip
            payback = _payback_cell(r.payback, lang)
            if r.receives_first:  # a borrower's profile: no payback
                payback = text("ap.receives_first", lang)
            who = _stakeholder(r.stakeholder, lang)
            if r.rate != social:  # a lender, at its own cost of funds
                own = pct(r.rate, 1)
                en = f" (at {own}, its cost of funds)"
                who += f"（按资金成本{own}折现）" if lang == "zh" else en
            if not mc:
                body.append([who, _npv_cell(r, lang), irr, payback])
                continue
            at_defaults: str | tuple[str, str] = money(r.npv_at_defaults, lang)
            if r.sign_differs:
                at_defaults = (money(r.npv_at_defaults, lang), "diff")
                why = _why(r, lang, (params or {}).get(r.scheme))
                notes.append(text("ap.sign_item", lang, title=title, who=who, why=why))
            body.append([
                who, _npv_cell(r, lang), _pct(r.p_loss, lang), at_defaults, irr, payback
            ])  # fmt: skip
    if mc:
        what = text("ap.what_mc", lang, n=max(r.samples for r in rows))
    else:
        what = text("ap.what", lang)
    intro = text("ap.intro", lang, years=horizon_years, what=what, note=note).rstrip()
    if "tea" in dict.fromkeys(r.scheme for r in rows):
        intro += _tea_scale(lang, (params or {}).get("tea"))
    if results is not None:
        said = plan_notes(results, [r.scheme for r in rows], horizon_years, lang, params)
        intro += "".join(" " + s for s in said)
    intro += "".join(" " + s for s in whom_notes(rows, lang, params, unused))
    intro = tag("p", prose(intro))
    out = intro + table(head, body, numeric=range(1, len(head)))
    if notes:
        out += tag("p", prose(text("ap.signs", lang))) + tag(
            "ul", "".join(tag("li", prose(n)) for n in notes)
        )
    return out


def plan_notes(
    results: ExperimentResults,
    schemes: Sequence[str],
    horizon_years: int,
    lang: str = "en",
    params: Mapping[str, Parameters] | None = None,
) -> list[str]:
    """Sentences where an appraisal's plan is not what the simulation's runs show.

    The hog farms' appraisal values ``households`` farms raising hogs over the whole
    horizon; where, under a policy with the hog scheme, every farm has quit in at
    least half of the runs (the ``scheme_status`` outcome), a sentence says so, with
    the share of runs and the mean year the last farm quit. Empty without that outcome.
    """
    if "hogs" not in schemes or "scheme_status" not in results.outcomes:
        return []
    hogs = (params or {}).get("hogs")
    farms_planned = int(getattr(hogs, "households", SCHEMES["hogs"].params_type().households))
    status = results.sel("scheme_status")
    years = np.asarray(results.years)
    at = SCHEME_STATUS.index("hog_farms")
    out = []
    for i, name in enumerate(results.policies):
        farms = status[i].reshape(-1, len(years), len(SCHEME_STATUS))[:, :, at]
        active = farms > 0
        if not active.any():
            continue  # not a policy with hog farms
        quit_ = active.any(axis=1) & ~active[:, -1]
        if quit_.mean() < 0.5:
            continue
        last = [years[np.flatnonzero(a)[-1]] for a in active[quit_]]
        out.append(text("ap.plan_hogs", lang, farms=f"{farms_planned:,}", horizon=horizon_years,
                        policy=policy_name(name, lang), share=pct(float(quit_.mean()), 0),
                        year=f"{float(np.mean(last)):.0f}"))  # fmt: skip
        break  # one sentence: the first policy with hog farms
    return out


def _tea_scale(lang: str = "en", params: Parameters | None = None) -> str:
    """A sentence on the share of the tea garden cash and credit carry (empty if all of it).

    The appraisal values the whole ``area_mu``; the simulation plants, with
    ``shortfall="scale"``, the share of it that the borrowing limit carries until the
    garden pays its way (:func:`~collective_econ.economy.collective.fundable_share` of the
    appraisal's ``collective_profit`` at the default inputs; the collectives' own cash,
    which the simulation adds, is not counted here).
    """
    p = params if isinstance(params, TeaParams) else TeaParams()
    share = _tea_share(p)
    if share >= 1.0:
        return ""
    return " " + text("ap.tea_scale", lang, area=f"{p.area_mu:,.0f}", share=pct(share, 0),
                      mu=f"{share * p.area_mu:,.0f}")  # fmt: skip


def _tea_share(p: TeaParams) -> float:
    """The share of the planned garden cash and credit carry (1.0: all of it, or no scaling)."""
    if p.shortfall != "scale":
        return 1.0
    return float(fundable_share(appraise_tea(p).items["collective_profit"], ProjectFinance.of(p)))


def tea_scale_sentence(policy: Policy, lang: str = "en") -> str:
    """The first screen's caveat when ``policy``'s tea garden is simulated smaller than planned.

    Empty when the policy has no tea garden or cash and credit carry all of it; else a
    sentence with the planned area, the share carried and its mu (as the appraisal
    section's note, :func:`_tea_scale`, at the policy's own tea parameters).

    >>> from collective_econ import default_scenario
    >>> print(tea_scale_sentence(default_scenario().policy("full package")))
    As simulated, full package is smaller than the case's plan: cash and credit carry
    only 12% of the planned 2,000 mu tea garden (237 mu), so its figures are those of a
    much smaller garden (section 5).
    """
    schedule = policy.schemes.get("tea")
    if schedule is None or not isinstance(schedule.base, TeaParams):
        return ""
    p = schedule.base
    share = _tea_share(p)
    if share >= 1.0:
        return ""
    return text("s.tea_scale", lang, policy=policy_name(policy.name, lang),
                area=f"{p.area_mu:,.0f}", share=pct(share, 0),
                mu=f"{share * p.area_mu:,.0f}")  # fmt: skip


def _why(row: AppraisalRow, lang: str = "en", params: Parameters | None = None) -> str:
    """Why the value at default inputs and the mean differ in sign, in plain words.

    The sentence of :func:`collective_econ.appraisal.sign_note` with the same numbers in
    the same order, each input named in words (the note names them by their names in the
    model); a generated sentence when the row was built without a note.
    """
    if not row.note or row.scheme not in SCHEMES:
        return text("ap.why", lang, a=money(row.npv_at_defaults, lang), b=money(row.npv, lang))
    scheme = SCHEMES[row.scheme]
    base = params if params is not None else scheme.params_type()
    off: list[tuple[float, str, float, float, bool]] = []
    for u in scheme.uncertainties:
        default, mean = float(getattr(base, u.param)), float(u.distribution.mean)
        lo, hi = u.distribution.support
        width = hi - lo if math.isfinite(hi - lo) and hi > lo else max(abs(mean), 1.0)
        if not math.isclose(default, mean, rel_tol=0.005, abs_tol=1e-12):
            mode = getattr(u.distribution, "mode", None) == default and mean > default
            off.append((abs(default - mean) / width, u.param, default, mean, mode))
    off.sort(key=lambda t: -t[0])
    a, b = _signed(row.npv_at_defaults, lang), _signed(row.npv, lang)
    if not off:
        return text("ap.sign_none", lang, a=a, b=b)
    listed = text("sep", lang).join(
        text("ap.sign_input", lang, param=field_words(p, lang), d=f"{d:.4g}", m=f"{m:.4g}")
        for _, p, d, m, _ in off[:4]
    )
    if len(off) > 4:
        listed += text("ap.sign_more", lang, n=len(off) - 4)
    why = text("ap.sign_modes" if all(t[4] for t in off) else "ap.sign_means", lang)
    return text("ap.sign", lang, a=a, b=b, why=why, listed=listed)


def _signed(yuan: float, lang: str = "zh") -> str:
    """As the appraisal's note writes an amount (``"+1.2 M yuan"``), in ``lang``'s units."""
    return ("+" if yuan > 0 else "") + money(yuan, lang)


Entry = tuple[str, Any, str, str, str]
"""An assumption: path, value, unit, source, confidence."""


def register_rows(scenario: Scenario, names: Sequence[str]) -> list[Entry]:
    """The assumption register: (path, value, unit, source, confidence) per parameter.

    ``scenario.assumptions`` when the scenario has it; else built from the ``describe()``
    of the community, the household economy and each scheme the policies use.
    """
    given = getattr(scenario, "assumptions", None)
    if given is not None:
        return [(a.path, a.value, a.unit, a.source, a.confidence) for a in given]
    used = schemes_of([scenario.policy(n) for n in names])
    roots: list[tuple[str, Parameters]] = [
        ("community", scenario.community),
        ("livelihood", scenario.livelihood),
    ]
    catalogue = getattr(scenario, "scheme_params", {})
    for s in used:
        owner = next(p for p in (scenario.policy(n) for n in names) if s in p.schemes)
        roots.append((f"schemes.{s}", catalogue.get(s, owner.schemes[s].base)))
    out: list[Entry] = []
    for prefix, params in roots:
        info = {i.name: i for i in type(params).describe()}
        for path, value in _flatten(params):
            field = info.get(path.split("[")[0])
            unit, source = (field.unit, field.source) if field is not None else ("", "")
            out.append((f"{prefix}.{path}", value, unit, source, ""))
    return out


def _group_of(path: str) -> str:
    head, _, rest = path.partition(".")
    if head == "schemes":
        return "schemes." + rest.split(".")[0].split("[")[0]
    return head.split("[")[0]


def register_section(scenario: Scenario, names: Sequence[str], lang: str = "en") -> str:
    """The assumption register, grouped by part of the scenario and scheme.

    In Chinese, the paths and units are shown as code and the sources in Chinese
    (:func:`._translate.source_text`; file names and titles stay as names).
    """
    rows = register_rows(scenario, names)
    body: list[Sequence[Any]] = []
    counts: dict[str, int] = {}
    for group in dict.fromkeys(_group_of(r[0]) for r in rows):
        scheme = group.removeprefix("schemes.")
        key = f"reg.{group}"
        title = text(key, lang) if key in CATALOGUE[lang] else scheme_name(scheme, lang)
        body.append(("group", title))
        for path, value, unit, source, confidence in (r for r in rows if _group_of(r[0]) == group):
            shown = register_value(path, value, unit, lang)
            words: list[Any] = [(field_words(path, lang), "name")] if lang == "en" else []
            body.append([
                *words,
                (Html(code(path)), "analyst"),
                _value_cell(shown, lang),
                unit if lang == "en" else code(unit),
                source_text(source, lang),
                _confidence(confidence, lang),
            ])  # fmt: skip
            counts[confidence] = counts.get(confidence, 0) + 1
    tally = text("list_sep", lang).join(
        text("reg.tally", lang, n=n, c=_confidence(c, lang) or text("conf.", lang))
        for c, n in counts.items()
    )
    intro = tag("p", prose(text("reg.intro", lang, n=len(rows), tally=tally)))
    # the parameter in words (English only: the Chinese page has no words for every one of
    # them), then its name in the scenario file, marked for analysts
    words = [text("reg.parameter", lang)] if lang == "en" else []
    head = [
        *words,
        text("analyst.head", lang),
        *(text(f"reg.{k}", lang) for k in ("value", "unit", "source", "confidence")),
    ]
    return intro + table(head, body) + references_html(lang)  # what the sources cite


_TIME_UNITS = frozenset({"year", "years", "month", "months", "day", "days"})
"""Units whose whole numbers are years, ages or counts of months and days: no separators."""
_LONG = 12
"""A tuple of more numbers than this is summarised in the register, not listed."""
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_LIFE_TABLES = frozenset({"qx_male", "qx_female"})


def register_value(path: str, value: Any, unit: str, lang: str = "en") -> str:
    """A parameter's value as the register shows it to a county official.

    A year, an age or a count of months as written (``2010``, not ``2,010``); a life
    table by the life expectancy at birth it gives; any other list of more than
    twelve numbers by its count and range; switches as yes or no.

    Examples
    --------
    >>> register_value("prices.base_year", 2010, "year")
    '2010'
    >>> register_value("schemes.hotel.total_investment", 4_000_000.0, "yuan")
    '4,000,000'
    >>> register_value("demography.qx_male", (0.5, 1.0), "probability")
    '(0.5, 1)'
    >>> register_value("x.hazard", tuple(range(1, 21)), "1/year")
    '20 values, from 1 to 20'
    """
    if isinstance(value, bool):
        return yes_no(value, lang)
    numbers = isinstance(value, tuple) and all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in value
    )
    if numbers and len(value) > _LONG:
        if path.rsplit(".", 1)[-1] in _LIFE_TABLES:
            e0 = life_expectancy_from_qx(value)
            return text("reg.lifetable", lang, last=len(value) - 1, e0=f"{e0:.1f}")
        lo, hi = value_text(min(value)), value_text(max(value))
        return text("reg.values", lang, n=len(value), lo=lo, hi=hi)
    shown = value_text(value)
    if unit.split(" ")[0] in _TIME_UNITS:
        return _THOUSANDS.sub("", shown)
    return shown


def _confidence(value: str, lang: str) -> str:
    """A confidence rating in ``lang``: ``""`` in the table, ``"unrated"`` when counted."""
    if lang == "en":
        return value
    try:
        return text(f"conf.{value}", lang)
    except KeyError:
        return value


def case_section(findings: Sequence[Any], lang: str = "en") -> str:
    """The checks of a case report's own figures.

    ``findings`` are the records of a case's checks, each with ``topic``, ``claim``,
    ``arithmetic``, ``verdict`` and ``reading`` (for the embedded case,
    :func:`collective_econ.cases.caopijie.check_case`). In Chinese, each finding's
    ``zh`` texts (topic, claim, arithmetic, reading) where it has them.
    """
    odd = [f for f in findings if f.verdict != "consistent"]
    intro = tag("p", prose(text("case.intro", lang, n=len(findings), odd=len(odd))))
    rows = [
        [*_said(f, lang)[:3], (_verdict(f.verdict, lang), f"verdict-{f.verdict}"),
         _said(f, lang)[3]]
        for f in [*odd, *(f for f in findings if f.verdict == "consistent")]
    ]  # fmt: skip
    head = [text(f"case.{k}", lang) for k in ("topic", "says", "arithmetic", "verdict", "reading")]
    return intro + table(head, rows)


def _said(finding: Any, lang: str) -> list[Html]:
    """A finding's topic, claim, arithmetic and reading in ``lang``.

    In Chinese, the finding's own Chinese (``zh``, with the same figures) where it has
    one; else its English, marked ``lang="en"``.
    """
    english = (finding.topic, finding.claim, finding.arithmetic, finding.reading)
    if lang == "en":
        return [Html(esc(t)) for t in english]
    zh = tuple(getattr(finding, "zh", ()) or ())
    if len(zh) == len(english) and all(z or not e for z, e in zip(zh, english, strict=True)):
        return [prose(z) for z in zh]
    return [orig(t, lang) for t in english]


def _verdict(value: str, lang: str) -> str:
    try:
        return text(f"verdict.{value}", lang)
    except KeyError:
        return value


def whom_notes(
    rows: Sequence[AppraisalRow],
    lang: str = "en",
    params: Mapping[str, Parameters] | None = None,
    unused: Sequence[str] = (),
) -> list[str]:
    """Sentences on whom the appraisal's rows count, so they read as the findings do.

    A borrower's profile (a row that receives before it pays: its IRR a cost); the
    outside workers a scheme displaces beside the households' gain (:data:`OUTSIDE_ROWS`);
    what the developer's rows of land shares include and leave out (present values of
    the scheme's own items at the default inputs); the schemes ``unused`` by the policies.
    """
    out: list[str] = []
    if any(r.receives_first for r in rows):
        out.append(text("ap.first_note", lang))
    shown = list(dict.fromkeys(r.scheme for r in rows))
    for scheme in shown:
        npv = {r.stakeholder: r.npv for r in rows if r.scheme == scheme}
        for who in (w for w in npv if w in _OUTSIDE):
            gain = npv.get("households", 0.0)
            out.append(text("ap.displaced", lang, title=scheme_name(scheme, lang),
                            who=_stakeholder(who, lang), lost=money(-npv[who], lang),
                            gain=money(gain, lang), net=money(gain + npv[who], lang)))  # fmt: skip
        if scheme == "land_shares" and "developer" in npv:
            out.append(_developer_note(lang, (params or {}).get(scheme)))
    rest = [scheme_name(k, lang) for k in unused if k not in shown]
    if rest:
        out.append(text("ap.not_shown", lang, list=join(rest, lang)))
    return out


def _share_npvs(params: Parameters | None) -> dict[str, float]:
    """Present values at the social rate of the land-shares appraisal's developer items."""
    a = appraise_scheme("land_shares", params)
    rate, it = DiscountRates().social, a.items
    paid = it["dividends"] + it["recovery"] + it["redemption"]
    pv = {k: it[k] for k in ("conveyance", "swap_developer", "allowance_developer")}
    pv |= {"share_capital": it["share_capital"], "paid": paid}
    return {k: float(stakeholder_npv(v[None, :], ["developer"], rate)[0]) for k, v in pv.items()}


def _developer_note(lang: str, params: Parameters | None) -> str:
    v = _share_npvs(params)
    return text("ap.developer", lang, title=scheme_name("land_shares", lang),
                convey=money(v["conveyance"], lang), swap=money(v["swap_developer"], lang),
                allowance=money(v["allowance_developer"], lang), paid=money(v["paid"], lang),
                shares=money(v["share_capital"], lang))  # fmt: skip


def account_deltas(results: ExperimentResults, policy: str, base: str) -> dict[str, float]:
    """Each account's gain (+) or loss (-) under ``policy`` against ``base``, NPV in yuan.

    Every group of :data:`~collective_econ.runs.outcomes.STAKEHOLDER_GROUPS` (the outside
    market included) at its own rate, as the key findings give them (``npv_<group>``),
    then ``"rate"``: what discounting a lender at its cost of funds rather than the social
    rate adds to its line, negated. Every yuan moves between two accounts, so the values
    sum to zero (to rounding). Empty without the ``stakeholder_flows`` outcome.
    """
    if "stakeholder_flows" not in results.outcomes:
        return {}
    i, b = results.index(policy), results.index(base)
    flows = results.mean("stakeholder_flows")  # (policies, years, groups)
    diff = np.moveaxis(flows[i] - flows[b], -1, -2)  # (groups, years)
    social = stakeholder_npv(diff, STAKEHOLDER_GROUPS, DiscountRates().social)
    out = {g: float(results.mean(f"npv_{g}")[i] - results.mean(f"npv_{g}")[b])
           for g in STAKEHOLDER_GROUPS}  # fmt: skip
    out["rate"] = -sum(out[g] - float(social[k]) for k, g in enumerate(STAKEHOLDER_GROUPS))
    return out


def accounts_html(
    results: ExperimentResults,
    base: str,
    lang: str = "en",
    params: Mapping[str, Parameters] | None = None,
) -> str:
    """Every account's gain or loss against ``base``, one column per policy, with its total.

    The table closes (:func:`account_deltas`); below it, who pays the developer's gain
    where land shares move it (the land-shares appraisal's share capital against what
    it pays back, at the social rate). Empty without the stakeholders' flows.
    """
    others = [p for p in results.policies if p != base]
    cols = {p: account_deltas(results, p, base) for p in others}
    if not others or not all(cols.values()):
        return ""
    rates = DiscountRates()
    social, lender = f"{rates.social:.0%}", f"{rates.lender:.1%}"
    names = {g: text(f"sh.{g}", lang) for g in STAKEHOLDER_GROUPS}
    names["rate"] = text("ac.rate", lang, lender=lender, social=social)
    body: list[Sequence[Any]] = [
        [names[k], *(money(cols[p][k], lang) for p in others)] for k in names
    ]
    body.append([text("ac.total", lang), *(money(sum(cols[p].values()), lang) for p in others)])
    y = results.years
    caption = text("ac.caption", lang, base=policy_name(base, lang), first=int(y[0]),
                   last=int(y[-1]), social=social, lender=lender)  # fmt: skip
    head = [text("ac.account", lang), *(policy_name(p, lang) for p in others)]
    out = tag("h3", esc(text("ac.head", lang, base=policy_name(base, lang))))
    out += table(head, body, numeric=range(1, len(head)), caption=caption)
    gainers = [p for p in others if round(cols[p]["developer"]) > 0]
    if gainers:
        v = _share_npvs((params or {}).get("land_shares"))
        gains = sorted({money(cols[p]["developer"], lang) for p in gainers})
        out += tag("p", prose(text(
            "ac.developer", lang, gain=join(gains, lang),
            policies=join([policy_name(p, lang) for p in gainers], lang),
            shares=money(v["share_capital"], lang), paid=money(v["paid"], lang),
            social=social, net=money(v["share_capital"] - v["paid"], lang))))  # fmt: skip
    return out
