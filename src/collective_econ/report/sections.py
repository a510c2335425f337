"""The report's text and tables: the question, the policies, the appraisal, the register, the case.

Each function returns an HTML fragment built with the helpers of ``_html`` (every
piece of text escaped).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ..schemes import SCHEMES
from ._html import esc, money, pct, table, tag, value_text

if TYPE_CHECKING:
    from ..appraisal import AppraisalRow
    from ..params import Parameters
    from ..policy import Policy
    from ..runs.results import ExperimentResults
    from ..scenario import Scenario

__all__ = [
    "appraisal_section",
    "case_section",
    "policies_section",
    "question_section",
    "register_rows",
    "register_section",
    "schemes_of",
]


def schemes_of(policies: Sequence[Policy]) -> list[str]:
    """The schemes of the policies, in order of first appearance."""
    return list(dict.fromkeys(k for p in policies for k in p.schemes))


def question_section(scenario: Scenario, results: ExperimentResults) -> str:
    """What is asked, of which community, with which policies and over which years."""
    c = scenario.community
    y0, y1 = int(results.years[0]), int(results.years[-1])
    households, persons = results.baseline.shape[0], float(results.size.sum())
    before = float(np.average(results.baseline, weights=results.size))
    names = ", ".join(results.policies)
    return "".join([
        tag("p", esc(
            f"{scenario.name}: a community of {c.residents:,} residents, "
            f"{c.agricultural_residents:,} of them agricultural, in {c.groups:,} resident "
            "groups, whose farmland is being taken for urban and industrial growth."
        )),
        tag("p", esc(
            f"How do the landless households fare, {y0}-{y1}, under {len(results.policies)} "
            f"policies ({names})? Do they regain the income they had before losing their land, "
            "how many fall into poverty, who is better or worse off, and what does each policy "
            "cost the government, the developer and the resident groups' collectives?"
        )),
        tag("p", esc(
            f"The simulation follows {households:,} landless households ({persons:,.0f} "
            f"persons) month by month. Before losing their land they earned "
            f"{before:,.0f} yuan/person/year on average (2010 prices)."
        )),
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


def policies_section(scenario: Scenario, names: Sequence[str]) -> str:
    """Each policy's description, and a table of the schemes and parameters that differ."""
    policies = [scenario.policy(n) for n in names]
    items = "".join(
        tag("li", tag("b", esc(p.name)) + (esc(": " + p.description) if p.description else ""))
        for p in policies
    )
    rows: list[Sequence[Any]] = []
    for scheme in schemes_of(policies):
        having = [p for p in policies if scheme in p.schemes]
        rows.append([
            f"{SCHEMES[scheme].title} ({scheme})",
            *(("yes", "") if scheme in p.schemes else ("-", "") for p in policies),
        ])  # fmt: skip
        values = {p.name: dict(_flatten(p.schemes[scheme].base)) for p in having}
        units = _units(having[0].schemes[scheme].base)
        for path in values[having[0].name]:
            seen = {repr(v[path]) for v in values.values()}
            if len(seen) > 1:
                rows.append(_diff_row(f"  {scheme}.{path}", units, path, policies, values))
        periods = {p.name: p.schemes[scheme].periods for p in having}
        if len({repr(v) for v in periods.values()}) > 1:
            rows.append([
                f"  {scheme}: dated changes",
                *(_periods_text(periods[p.name]) if p.name in periods else "" for p in policies),
            ])  # fmt: skip
    payout = {p.name: dict(_flatten(p.payout)) for p in policies}
    for path in payout[policies[0].name]:
        if len({repr(v[path]) for v in payout.values()}) > 1:
            rows.append(
                _diff_row(f"  payout.{path}", _units(policies[0].payout), path, policies, payout)
            )
    note = tag("p", esc(
        "Each row marked 'yes' is a scheme the policy includes; the indented rows below it "
        "are the parameters whose values differ between policies (in bold where they differ "
        "from the first policy that has the scheme). Every other parameter is the same under "
        "all policies: see the assumption register."
    ))  # fmt: skip
    head = ["scheme / parameter", *(p.name for p in policies)]
    return tag("ul", items) + note + table(head, rows)


def _diff_row(
    label: str,
    units: Mapping[str, str],
    path: str,
    policies: Sequence[Policy],
    values: Mapping[str, Mapping[str, Any]],
) -> list[Any]:
    unit = units.get(path.split("[")[0], "")
    first = next(values[p.name][path] for p in policies if p.name in values)
    cells: list[Any] = []
    for p in policies:
        if p.name not in values:
            cells.append("")
            continue
        v = values[p.name][path]
        cells.append((value_text(v), "diff" if repr(v) != repr(first) else ""))
    return [label + (f" ({unit})" if unit else ""), *cells]


def _periods_text(periods: Sequence[Any]) -> str:
    if not periods:
        return "none"
    parts = []
    for p in periods:
        span = f"months {p.start}-{p.end}" if p.end is not None else f"from month {p.start}"
        values = ", ".join(f"{k} = {value_text(v)}" for k, v in p.values.items())
        parts.append(f"{span}: {values}")
    return "; ".join(parts)


def _npv_cell(row: AppraisalRow) -> str:
    """``"-4.0 million yuan (-21.7 to 13.3)"``: the range in the NPV's own unit."""
    ends = [v for v in (row.npv_p5, row.npv_p95) if math.isfinite(v)]
    if len(ends) < 2:
        return money(row.npv)
    if max(abs(v) for v in (row.npv, *ends)) >= 999_950:
        lo, hi = (f"{v / 1e6:,.1f}" for v in ends)
        return f"{row.npv / 1e6:,.1f} million yuan ({lo} to {hi})"
    lo, hi = (f"{v:,.0f}" for v in ends)
    return f"{row.npv:,.0f} yuan ({lo} to {hi})"


def appraisal_section(rows: Sequence[AppraisalRow], *, horizon_years: int, note: str) -> str:
    """The appraisal table, grouped by scheme, and its notes.

    With Monte Carlo samples the headline is the mean NPV with its 5-95% range and
    P(NPV < 0), then the NPV at default inputs, the IRR and payback of the mean flows;
    below the table, a sentence for each row whose value at default inputs has another
    sign than the mean (the row's ``note``). Without samples: the value at default
    inputs, expected flows only.
    """
    mc = any(r.samples for r in rows)
    rate = rows[0].rate if rows else 0.08
    if mc:
        head = [
            "stakeholder",
            f"NPV at {rate:.0%}: Monte Carlo mean (5th to 95th percentile)",
            "P(NPV < 0)",
            "NPV at default inputs",
            "IRR of the mean flows (5th to 95th)",
            "payback of the mean flows (years)",
        ]
    else:
        head = [
            "stakeholder",
            f"NPV at {rate:.0%} at default inputs (expected flows only)",
            "IRR",
            "payback (years)",
        ]
    body: list[Sequence[Any]] = []
    notes: list[str] = []
    for scheme in dict.fromkeys(r.scheme for r in rows):
        title = SCHEMES[scheme].title if scheme in SCHEMES else scheme
        body.append(("group", title))
        for r in (r for r in rows if r.scheme == scheme):
            irr = pct(r.irr, 1)
            if mc and math.isfinite(r.irr_p5) and math.isfinite(r.irr_p95):
                irr += f" ({pct(r.irr_p5, 1)} to {pct(r.irr_p95, 1)})"
            payback = f"{r.payback:.1f}" if math.isfinite(r.payback) else "never"
            if not mc:
                body.append([r.stakeholder, _npv_cell(r), irr, payback])
                continue
            at_defaults: str | tuple[str, str] = money(r.npv_at_defaults)
            if r.sign_differs:
                at_defaults = (money(r.npv_at_defaults), "diff")
                notes.append(f"{title}, {r.stakeholder}: {_why(r)}")
            body.append([
                r.stakeholder, _npv_cell(r), pct(r.p_loss), at_defaults, irr, payback
            ])  # fmt: skip
    if mc:
        n = max(r.samples for r in rows)
        what = (
            f"the mean net present value over {n} Monte Carlo samples of the uncertain inputs "
            "and random events (NPV: what the stream of money is worth today), with its 5th "
            "and 95th percentiles and the probability that it is negative; the NPV of the "
            "expected flows at the default inputs, in bold where its sign differs from the "
            "mean's; the internal rate of return (IRR: the discount rate at which the NPV is "
            "zero; n/a where the flows never change sign) and the simple payback (years until "
            "the money put in is back; 'never' within the horizon or when nothing is put in) "
            "of the mean flows"
        )
    else:
        what = (
            "the net present value of the expected flows at the default inputs (NPV: what the "
            "stream of money is worth today; expected flows only, no Monte Carlo samples), the "
            "internal rate of return (IRR: the discount rate at which the NPV is zero; n/a "
            "where the flows never change sign) and the simple payback (years until the money "
            "put in is back; 'never' within the horizon or when nothing is put in)"
        )
    intro = tag("p", esc(
        f"Each scheme appraised on its own over {horizon_years} years, in 2010 yuan, per "
        f"stakeholder: {what}. {note}".rstrip()
    ))  # fmt: skip
    out = intro + table(head, body, numeric=range(1, len(head)))
    if notes:
        out += tag("p", esc(
            "Where the value at default inputs and the Monte Carlo mean differ in sign, the "
            "mean is the headline:"
        )) + tag("ul", "".join(tag("li", esc(n)) for n in notes))  # fmt: skip
    return out


def _why(row: AppraisalRow) -> str:
    """The row's note, or a generated sentence when the row was built without one."""
    if row.note:
        return row.note
    return (
        f"the value at default inputs is {money(row.npv_at_defaults)}, but the Monte Carlo "
        f"mean is {money(row.npv)}: the mean over the uncertain inputs and random events is "
        "the expected outcome, the value at default inputs one point of their range."
    )


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


def register_section(scenario: Scenario, names: Sequence[str]) -> str:
    """The assumption register, grouped by part of the scenario and scheme."""
    rows = register_rows(scenario, names)
    titles = {"community": "The community", "livelihood": "The household economy",
              "policies": "Values set by the policies"}  # fmt: skip
    body: list[Sequence[Any]] = []
    counts: dict[str, int] = {}
    for group in dict.fromkeys(_group_of(r[0]) for r in rows):
        scheme = group.removeprefix("schemes.")
        title = titles.get(group) or (SCHEMES[scheme].title if scheme in SCHEMES else group)
        body.append(("group", title))
        for path, value, unit, source, confidence in (r for r in rows if _group_of(r[0]) == group):
            body.append([path, value_text(value), unit, source, confidence])
            counts[confidence] = counts.get(confidence, 0) + 1
    tally = ", ".join(f"{n} {c or 'unrated'}" for c, n in counts.items())
    intro = tag("p", esc(
        f"Every figure the model uses, with its unit and source ({len(rows)} in all: "
        f"{tally}). Confidence: 'seed' figures come from the community's own report "
        "(seed-facts.md); 'sourced' ones from a cited source; 'well-known' ones are common "
        "knowledge; 'estimate' marks the model's own assumptions, the first to question."
    ))  # fmt: skip
    head = ["parameter", "value", "unit", "source", "confidence"]
    return intro + table(head, body)


def case_section(findings: Sequence[Any]) -> str:
    """The checks of a case report's own figures.

    ``findings`` are the records of a case's checks, each with ``topic``, ``claim``,
    ``arithmetic``, ``verdict`` and ``reading`` (for the embedded case,
    :func:`collective_econ.cases.caopijie.check_case`).
    """
    odd = [f for f in findings if f.verdict != "consistent"]
    intro = tag("p", esc(
        f"The community's report is the source of the 'seed' figures. {len(findings)} checks "
        f"set its figures against each other and against the scheme models; {len(odd)} do not "
        "add up as written. The model does not repeat such figures: the last column says how "
        "it reads each one."
    ))  # fmt: skip
    rows = [
        [f.topic, f.claim, f.arithmetic, (f.verdict, f"verdict-{f.verdict}"), f.reading]
        for f in [*odd, *(f for f in findings if f.verdict == "consistent")]
    ]
    return intro + table(["topic", "the report says", "arithmetic", "verdict", "reading"], rows)
