"""The validation page: every case figure and stylised fact the model touches, beside the model.

:func:`checks` sets each figure of the Caopijie report (seed-facts.md, marked
[seed] there) and each stylised fact of domain-reference.md that the library
models against the value the library computes for it, with a verdict;
:func:`render` writes them as the Markdown page ``docs/validation.md``::

    python -m collective_econ.cases.caopijie.validation > docs/validation.md

Every value is computed from the library itself with fixed seeds:
deterministic appraisals where possible, a long random hog-price path, small
Monte Carlo samples and a short simulation of the default community, so the
page computes in a few seconds and is the same on every run. A test compares
the committed page with :func:`render`, so the page cannot go stale: when the
model changes, regenerate it.

Verdicts: ``"matches"`` when the model's value lies within the target,
``"close"`` when it lies outside by less than 15% of the target's larger
bound (see :func:`grade`), ``"differs"`` otherwise; a few checks grade by their
own rule, stated in their note.

The checks are built by topic in the package's modules: :mod:`.figures` (the case
figures), :mod:`.land`, :mod:`.hogs`, :mod:`.projects` (tea, the park, the hotel),
:mod:`.labour` and :mod:`.households` (households and the simulation), :mod:`.financing`
and :mod:`.reconciliation` (the appraisal against the simulation), on the shared
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

from ._common import _D as _D
from ._common import _S as _S
from ._common import CLOSE as CLOSE
from ._common import HOG_PATH_YEARS as HOG_PATH_YEARS
from ._common import SEED as SEED
from ._common import SIM_POLICIES as SIM_POLICIES
from ._common import SIM_REPLICATIONS as SIM_REPLICATIONS
from ._common import SIM_YEARS as SIM_YEARS
from ._common import Check as Check
from ._common import Floats as Floats
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
from .labour import _labour as _labour
from .labour import _landless_workers as _landless_workers
from .land import _land as _land
from .projects import _hotel as _hotel
from .projects import _park as _park
from .projects import _tea as _tea
from .reconciliation import _INTRO as _INTRO_RECONCILIATION
from .reconciliation import _reconciliation as _reconciliation

__all__ = ["SECTIONS", "Check", "Verdict", "checks", "grade", "render"]

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
        In the order of :data:`SECTIONS`.
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
        _financing,
        _reconciliation,
    ):
        out.extend(part())
    return out


# -- the page --------------------------------------------------------------------------------


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def render(results: Sequence[Check] | None = None) -> str:
    """The Markdown page ``docs/validation.md``.

    Parameters
    ----------
    results : sequence of Check, optional
        The checks to show; :func:`checks` by default.
    """
    rows = list(checks() if results is None else results)
    counts = {v: sum(r.verdict == v for r in rows) for v in ("matches", "close", "differs")}
    lines = [
        "# Validation: the model against the case and the reference",
        "",
        "This page sets every figure of the Caopijie report that the model uses "
        "(`seed-facts.md`, the figures marked [seed]) and every stylised fact of "
        "`domain-reference.md` (its §0 cross-checks and the stylised facts of §1-§7) that "
        "the model touches beside the value the library computes for it. The values come "
        "from the library's own functions: deterministic appraisals where possible, a "
        f"{HOG_PATH_YEARS}-year random hog-price path, small Monte Carlo samples and a "
        f"{SIM_YEARS}-year simulation of the default community, all with fixed seeds "
        f"(root seed {SEED}).",
        "",
        "The page is generated by `collective_econ.cases.caopijie.validation`; a test checks that "
        "this file equals its output, so after any change to the model regenerate it:",
        "",
        "```sh",
        "python -m collective_econ.cases.caopijie.validation > docs/validation.md",
        "```",
        "",
        "Verdicts: **matches** when the model's value lies within the target; **close** "
        f"when it lies outside by less than {CLOSE:.0%} of the target's larger bound; "
        "**differs** otherwise. A few checks state their own rule in the note. Model values "
        "are rounded to about three significant figures.",
        "",
        f"{len(rows)} checks: {counts['matches']} match, {counts['close']} close, "
        f"{counts['differs']} differ. The report's area (7.7 km²) and Party membership "
        "(192) are not used by the model.",
        "",
    ]
    for section in SECTIONS:
        part = [r for r in rows if r.section == section]
        if not part:
            continue
        lines += [f"## {section}", "", _INTRO_SECTION[section], ""]
        lines.append(
            "| topic | the case or the reference says | target | model | verdict | note |"
        )
        lines.append("|---|---|---|---|---|---|")
        for r in part:
            cells = (r.topic, r.figure, r.target, r.model, f"**{r.verdict}**", r.note)
            lines.append("| " + " | ".join(_cell(x) for x in cells) + " |")
        lines.append("")
    lines += ["## Differences", ""]
    odd = [r for r in rows if r.verdict != "matches"]
    if not odd:
        lines += ["None: every check matches.", ""]
    for r in odd:
        lines.append(
            f"- **{_cell(r.topic)}** ({r.verdict}; {_cell(r.section)}): the model gives "
            f"{_cell(r.model)} against {_cell(r.target)}. Reason: {_cell(r.note)}."
        )
    lines += [
        "",
        "## Not compared",
        "",
        "Stylised facts of `domain-reference.md` that the model does not touch:",
        "",
        *(f"- {item}" for item in _NOT_COMPARED),
    ]
    return "\n".join(lines)
