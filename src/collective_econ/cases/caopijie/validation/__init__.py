"""The validation page: every case figure and stylised fact the model touches, beside the model.

:func:`checks` sets each figure of the Caopijie report (the case report of
docs/sources.md, marked [seed] there) and each stylised fact of its domain reference
that the library models against the value the library computes for it, with a verdict;
:func:`render` writes them as the Markdown page ``docs/validation.md``::

    python -m collective_econ.cases.caopijie.validation > docs/validation.md

Every value is computed from the library itself with fixed seeds:
deterministic appraisals where possible, a long random hog-price path, small
Monte Carlo samples and a short simulation of the default community, so the
page computes in a few seconds and is the same on every run. A test compares
the committed page with :func:`render`, so the page cannot go stale: when the
model changes, regenerate it.

Each check has a kind (:data:`KINDS`, :mod:`.kinds`): ``"validation"`` (an
out-of-sample comparison with a fact the model was not fitted to, with its source),
``"calibration"`` (a target a parameter was tuned to), ``"provenance"`` (an input
echoed back against the figure it was set from) or ``"internal"`` (arithmetic
consistency). The page shows them in four parts and counts only the first as
validation (:func:`counts`); a new check passes ``kind=`` (and, for validation,
``source=``) or is added to :data:`~.kinds.KIND_OF`.

Verdicts: ``"matches"`` when the model's value lies within the target,
``"close"`` when it lies outside by less than 15% of the bound it misses
(see :func:`grade`), ``"differs"`` otherwise; a few checks grade by their
own rule, stated in their note.

The checks are built by topic in the package's modules: :mod:`.figures` (the case
figures), :mod:`.land`, :mod:`.hogs`, :mod:`.projects` (tea, the park, the hotel),
:mod:`.labour` and :mod:`.households` (households and the simulation), :mod:`.financing`
and :mod:`.reconciliation` (the appraisal against the simulation), the out-of-sample
checks of :mod:`.outofsample`, :mod:`.employment` and :mod:`.welfare`, on the shared
pieces of :mod:`._common` (:class:`Check`, :func:`grade`, the formatters, the seeds and
the cached runs), which this package re-exports.

Examples
--------
>>> from collective_econ.cases.caopijie.validation import grade
>>> grade(3.5, 3.0, 4.0), grade(3.2, 3.3, 3.6), grade(5.0, 3.0, 4.0)
('matches', 'close', 'differs')
"""

from __future__ import annotations

from collections.abc import Sequence

from ....citations import markdown
from ._common import _D as _D
from ._common import _S as _S
from ._common import CLOSE as CLOSE
from ._common import HOG_PATH_YEARS as HOG_PATH_YEARS
from ._common import KINDS as KINDS
from ._common import SEED as SEED
from ._common import SIM_POLICIES as SIM_POLICIES
from ._common import SIM_REPLICATIONS as SIM_REPLICATIONS
from ._common import SIM_YEARS as SIM_YEARS
from ._common import Check as Check
from ._common import Floats as Floats
from ._common import Kind as Kind
from ._common import Verdict as Verdict
from ._common import _clean as _clean
from ._common import _community as _community
from ._common import _comparison as _comparison
from ._common import _exact as _exact
from ._common import _fixed as _fixed
from ._common import _num as _num
from ._common import _pct as _pct
from ._common import _position as _position
from ._common import _scenario as _scenario
from ._common import _sig as _sig
from ._common import _signed_pct as _signed_pct
from ._common import _yuan as _yuan
from ._common import grade as grade
from .figures import _case_figures as _case_figures
from .financing import _financing as _financing
from .hogs import _acf_period_months as _acf_period_months
from .hogs import _hogs as _hogs
from .hogs import _profit_range as _profit_range
from .households import _households as _households
from .households import _simulation as _simulation
from .households import real_terms_checks as real_terms_checks
from .kinds import KIND_BY_SECTION as KIND_BY_SECTION
from .kinds import KIND_OF as KIND_OF
from .kinds import classify as classify
from .kinds import problems as problems
from .labour import _labour as _labour
from .labour import _landless_workers as _landless_workers
from .land import _land as _land
from .outofsample import out_of_sample
from .projects import _hotel as _hotel
from .projects import _park as _park
from .projects import _tea as _tea
from .reconciliation import _INTRO as _INTRO_RECONCILIATION
from .reconciliation import _reconciliation as _reconciliation

__all__ = [
    "KINDS",
    "SECTIONS",
    "Check",
    "Kind",
    "Verdict",
    "checks",
    "counts",
    "grade",
    "out_of_sample",
    "problems",
    "render",
]

SECTIONS: tuple[str, ...] = (
    "Case figures",
    "Land and compensation",
    "Hogs and spent grain",
    "Tea",
    "Demonstration park",
    "Hotel",
    "Labour",
    "Households, poverty and business",
    "Simulation",
    "Financing",
    "Appraisal and simulation",
)
"""The page's tables, in order."""

_INTRO_SECTION = {
    "Case figures": "Every figure of the community's report that the model uses "
    "(seed-facts.md, marked [seed] there), and the cross-checks of domain-reference.md §0.",
    "Land and compensation": "domain-reference.md §1 (the Land Administration Law, land shares).",
    "Hogs and spent grain": "domain-reference.md §2: the pig cycle, costs, brewers' spent grain.",
    "Tea": "domain-reference.md §3: the 2,000-mu garden's yield ramp, seasons and picking.",
    "Demonstration park": "domain-reference.md §4: walnut and livestock on 500 mu of hill.",
    "Hotel": "domain-reference.md §5: the Jiewei group's hotel.",
    "Labour": "domain-reference.md §6: unemployment of the landless, wages, training.",
    "Households, poverty and business": "domain-reference.md §7: household size, incomes, "
    "the poverty line, the dibao and micro-business survival.",
    "Financing": "Is every yuan financed, and does the lender get it back? (economics "
    "review HC6, H1.)",
    "Appraisal and simulation": _INTRO_RECONCILIATION,
    "Simulation": f"The household simulation of the default community "
    f"(`compare(default_scenario(), {list(SIM_POLICIES)}, replications={SIM_REPLICATIONS}, "
    f"seed={SEED}, horizon_years={SIM_YEARS})`), means over replications.",
}

_NOT_COMPARED = (
    "§1 stylised fact 1 (compensation is 3-6% of the land's market value): the model has no "
    "land market, only the compensation paid.",
    "§1 stylised fact 3 (compensation standards rise in steps): the default policies keep one "
    "standard; a policy `Schedule` with change months can model the steps.",
    "§2 stylised fact 2 (supply answers price with an 18-20-month lag): the hog price is an "
    "exogenous cycle, not a cobweb; the farms do not move the market.",
    "§2 stylised fact 1, ASF part (a 3.5-4x peak in 2019-20): no ASF-sized shock by default; "
    "outbreaks cut herds, not the national price.",
    "§3 stylised fact 3 (booms, busts and premium mountain names): a lognormal yearly price "
    "multiplier only; no premium tea.",
    "§5 stylised fact 2, second part (the 2012 cut of luxury F&B): not modelled.",
    "§7 stylised fact 3 (wage share of income in 2025): the model is calibrated to 2010.",
)


def checks() -> list[Check]:
    """Every comparison of the page, computed from the library with fixed seeds.

    Returns
    -------
    list of Check
        In the order of :data:`SECTIONS` (within a section, the topic modules' checks
        first, then the out-of-sample ones of :mod:`.outofsample`), each with its kind
        (:func:`~.kinds.classify`).
    """
    out: list[Check] = []
    for part in (
        _case_figures,
        _land,
        _hogs,
        _tea,
        _park,
        _hotel,
        _labour,
        _households,
        _simulation,
        real_terms_checks,
        _financing,
        _reconciliation,
        out_of_sample,
    ):
        out.extend(part())
    order = {s: i for i, s in enumerate(SECTIONS)}
    out.sort(key=lambda c: order.get(c.section, len(order)))  # stable: keeps the rest
    return classify(out)


def counts(results: Sequence[Check]) -> dict[str, dict[str, int]]:
    """Checks by kind and verdict: ``counts(rows)["validation"]["matches"]``.

    Each kind (and ``"unclassified"`` for checks without one) maps ``"all"``,
    ``"matches"``, ``"close"`` and ``"differs"`` to a count.
    """
    out: dict[str, dict[str, int]] = {}
    for kind in (*KINDS, "unclassified"):
        rows = [r for r in results if (r.kind or "unclassified") == kind]
        out[kind] = {"all": len(rows)} | {
            v: sum(r.verdict == v for r in rows) for v in ("matches", "close", "differs")
        }
    return out


# -- the page --------------------------------------------------------------------------------


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


_PART = {
    "validation": (
        "Validation against facts the model was not fitted to",
        "The only checks counted as validation: each compares a model output with a fact "
        "of the reference or a published figure that no parameter was set from or tuned "
        "to, and names its source. Where the model fails, the row says **differs** and "
        "the note says why.",
    ),
    "calibration": (
        "Calibration targets",
        "Figures a parameter was tuned to reproduce (the park's and the hotel's income, the "
        "business hazards, the employment shares, the livelihood's wages). They show the "
        "calibration worked, not that the model is right; not counted as validation.",
    ),
    "provenance": (
        "Provenance: inputs echoed back",
        "Each parameter beside the figure of the case or the reference it was set from. "
        "They show where the inputs come from; a match here is by construction and is not "
        "counted as validation.",
    ),
    "internal": (
        "Internal consistency (not validation)",
        "Arithmetic and accounting of the model's own inputs, the report's own "
        "inconsistencies, whether every yuan is financed, and whether the appraisal and "
        "the simulation agree. Useful checks of the code, not of the world; not counted.",
    ),
    "unclassified": (
        "Unclassified",
        "Checks without a kind (a test fails until each is given one in "
        "`validation/kinds.py` or by `Check(kind=...)`).",
    ),
}


def _table(rows: Sequence[Check], validation: bool) -> list[str]:
    head = ["area", "check", "the case or the reference says"]
    head += ["source"] if validation else []
    head += ["target", "model", "verdict", "note"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        cells = [r.section, r.topic, r.figure]
        cells += [r.source] if validation else []
        cells += [r.target, r.model, f"**{r.verdict}**", r.note]
        lines.append("| " + " | ".join(_cell(x) for x in cells) + " |")
    return lines


def _summary(n: dict[str, dict[str, int]]) -> str:
    v, c = n["validation"], n["calibration"]
    text = (
        f"**{v['all']} out-of-sample checks, of which {v['matches']} match, {v['close']} "
        f"are close and {v['differs']} differ**; {c['all']} calibration targets "
        f"({c['matches']} reproduced, {c['close']} close, {c['differs']} not); "
        f"{n['provenance']['all']} inputs echoed back (provenance); "
        f"{n['internal']['all']} internal consistency checks. Only the first count is "
        "validation."
    )
    if n["unclassified"]["all"]:
        text += f" {n['unclassified']['all']} checks are not classified yet."
    return text


def render(results: Sequence[Check] | None = None) -> str:
    """The Markdown page ``docs/validation.md``.

    Parameters
    ----------
    results : sequence of Check, optional
        The checks to show; :func:`checks` by default.
    """
    rows = list(checks() if results is None else results)
    n = counts(rows)
    lines = [
        "# Validation: the model against the case and the reference",
        "",
        _summary(n),
        "",
        "Every figure of the Caopijie report that the model uses ([the case report]"
        "(sources.md#seed), the figures marked [seed]) and every stylised fact of [the domain "
        "reference](sources.md#dr) that the "
        "model touches is set beside the value the library computes for it, and so are "
        "published facts the model was not fitted to. Each check has a kind, and only one "
        "kind is validation:",
        "",
        "- **validation**: an out-of-sample comparison with a fact the model was not "
        "fitted to, with its source;",
        "- **calibration**: a target a parameter was tuned to reproduce;",
        "- **provenance**: an input echoed back against the figure it was set from;",
        "- **internal**: arithmetic or accounting consistency, not validation.",
        "",
        "The values come from the library's own functions: deterministic appraisals where "
        f"possible, a {HOG_PATH_YEARS}-year random hog-price path, small Monte Carlo "
        f"samples, a {SIM_YEARS}-year simulation of the default community and 20-year runs "
        f"of each default policy, all with fixed seeds (root seed {SEED}). The page is "
        "generated by `collective_econ.cases.caopijie.validation`; a test checks that this "
        "file equals its output, so after any change to the model regenerate it:",
        "",
        "```sh",
        "python -m collective_econ.cases.caopijie.validation > docs/validation.md",
        "```",
        "",
        "Verdicts: **matches** when the model's value lies within the target; **close** "
        f"when it lies outside by less than {CLOSE:.0%} of the bound it misses (the lower "
        "below the range, the upper above it); "
        "**differs** otherwise. A few checks state their own rule in the note. Model values "
        "are rounded to about three significant figures. The report's area (7.7 km²) and "
        "Party membership (192) are not used by the model.",
        "",
    ]
    part_no = 0
    for kind in (*KINDS, "unclassified"):
        part = [r for r in rows if (r.kind or "unclassified") == kind]
        if not part:
            continue
        part_no += 1
        title, intro = _PART[kind]
        k = n[kind]
        tally = (
            f"{k['all']} checks: {k['matches']} match, {k['close']} close, {k['differs']} differ."
        )
        lines += [f"## {part_no}. {title}", "", intro + " " + tally, ""]
        lines += _table(part, validation=kind == "validation")
        lines.append("")
    lines += ["## Where the values come from", ""]
    lines += [
        f"- **{s}**: {_INTRO_SECTION[s]}" for s in SECTIONS if any(r.section == s for r in rows)
    ]
    lines += ["", "## Differences", ""]
    odd = [r for r in rows if r.verdict != "matches"]
    if not odd:
        lines += ["None: every check matches.", ""]
    for kind in (*KINDS, "unclassified"):
        for r in odd:
            if (r.kind or "unclassified") != kind:
                continue
            lines.append(
                f"- **{_cell(r.topic)}** ({r.verdict}; {kind}; {_cell(r.section)}): the "
                f"model gives {_cell(r.model)} against {_cell(r.target)}. Reason: "
                f"{_cell(r.note)}."
            )
    lines += [
        "",
        "## Not compared",
        "",
        "Stylised facts of [the domain reference](sources.md#dr) that the model does not touch:",
        "",
        *(f"- {item}" for item in _NOT_COMPARED),
    ]
    # the documents as the report and the other docs name them, linked to their sections
    return markdown("\n".join(lines), bare=False)
