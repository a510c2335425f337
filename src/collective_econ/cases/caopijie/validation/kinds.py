"""What each check of the page is: provenance, calibration, internal or validation.

Only ``"validation"`` checks (an out-of-sample comparison with a fact the model was
not fitted to) count as validation on the page (economics review §3: of the old page's
rows, most echoed an input back). The table below classifies the checks the topic
modules build without a kind; a check may also carry its own (``Check(kind=...)``,
which wins). :func:`classify` applies them; a check with neither stays unclassified,
is shown apart on the page and fails the tests.

The reasons, by kind:

- provenance: the parameter was set from the figure it is compared with (the case's
  counts, areas and funds; the reference's ramps, shares, rates, wages and sizes; the
  hog cycle's period and peak/trough ratio, which are ``HogParams`` inputs);
- calibration: a parameter was tuned so that the model reproduces the figure (the park's
  400,000 yuan, the hotel's profit and payback, 350 shareholders for about 1,000 yuan a
  head, business hazards fitted to 5-year survival and the year-3 peak, employment
  shares fitted to 20-30% unemployment, the livelihood's wages fitted to Lincang's
  rural and urban incomes, and the ratio of the two);
- internal: arithmetic or accounting of the model's own inputs (cost, margin and feed
  share of a batch at the mean price, spent-grain balance, tea picking share and
  revenue, the law's multiples, the hotel's equity split), the report's own
  inconsistencies, the financing checks and the appraisal-simulation reconciliation;
- validation: everything else, each with its source.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from ._common import KINDS, Check, Kind

__all__ = ["KIND_BY_SECTION", "KIND_OF", "classify", "problems"]

_P: Kind = "provenance"
_C: Kind = "calibration"
_I: Kind = "internal"
_V: Kind = "validation"

KIND_OF: dict[str, tuple[Kind, str]] = {
    # case figures
    "residents": (_P, ""),
    "resident groups": (_P, ""),
    "agricultural residents": (_P, ""),
    "non-agricultural residents": (_P, ""),
    "share fraction": (_P, ""),
    "hog households": (_P, ""),
    "hogs per household": (_P, ""),
    "spent grain supply": (_I, ""),
    "tea area": (_P, ""),
    "park area": (_P, ""),
    "park income": (_C, ""),
    "hotel land": (_P, ""),
    "hotel residents' funds": (_P, ""),
    "hotel investment": (_P, ""),
    "hotel profit": (_C, ""),
    "hotel per-capita gain": (_I, ""),
    "training rounds": (_P, ""),
    "training person-times": (_P, ""),
    "job types": (_P, ""),
    "business sectors": (_P, ""),
    # land
    "compensation multiple": (_I, ""),
    "compensation per mu": (
        _V,
        "domain-reference.md §1a (estimate for Yunnan county towns 2008-2012; Hebei 2013 "
        "regional land prices as its cross-check)",
    ),
    "lump sum left after 5 years": (_I, ""),
    "guaranteed floor and volatile dividend": (_P, ""),
    "house swap ratio": (_P, ""),
    # hogs
    "pig cycle period": (_P, ""),
    "pig cycle peak/trough": (_P, ""),
    "seasonal price peak": (_P, ""),
    "feed share of cost": (_I, ""),
    "cost per finished hog": (_I, ""),
    "profit per head, normal year": (_I, ""),
    "profit per head over the cycle": (
        _V,
        "domain-reference.md §2a (net profit per head over the cycle; cofeed Jan 2021 table "
        "and estimates) and stylised fact 3",
    ),
    "feed conversion": (_P, ""),
    "spent grain in the diet": (_P, ""),
    "spent grain saving": (_I, ""),
    "spent grain demand": (_I, ""),
    "hogs sold per farm": (_I, ""),
    # tea
    "tea ramp, years 1-2": (_P, ""),
    "tea ramp, year 3": (_P, ""),
    "tea ramp, years 4-5": (_P, ""),
    "tea ramp, full yield": (_P, ""),
    "spring share of volume": (_P, ""),
    "spring price premium": (_P, ""),
    "picking share of value": (_I, ""),
    "mature revenue per mu": (_I, ""),
    # park
    "park ramp, years 1-3": (_P, ""),
    "park ramp, years 4-7": (_P, ""),
    "park maturity": (_P, ""),
    "park mature revenue per mu": (_C, ""),
    "park vs mature walnut orchards": (
        _V,
        "domain-reference.md §4 stylised fact 4 (Xinjiang and Gansu orchards, qstheory.cn "
        "and people.cn 2023)",
    ),
    # hotel
    "occupancy": (_P, ""),
    "seasonality": (_P, ""),
    "F&B share of revenue": (_P, ""),
    "simple payback": (_C, ""),
    "per-shareholder gain": (_C, ""),
    "residents' return": (_I, ""),
    "loan rate": (_P, ""),
    # labour
    "landless unemployment": (_C, ""),
    "unemployment by age": (_P, ""),
    "training wage uplift": (_P, ""),
    "factory wage": (_P, ""),
    "service wage": (_P, ""),
    # households
    "agricultural household size": (_P, ""),
    "urban household size": (_P, ""),
    "baseline rural income": (_C, ""),
    "urban income": (_C, ""),
    "urban/rural income ratio": (_C, ""),
    "poverty line": (
        _V,
        "domain-reference.md §7 (98.99 M rural poor, 10.2% of the rural population, end "
        "2012: Xinhua 2013-02-27)",
    ),
    "dibao line": (_P, ""),
    "5-year business survival": (_C, ""),
    "peak hazard year": (_C, ""),
    # simulation
    "landless income without schemes": (
        _V,
        "domain-reference.md §6 (Wang et al., Land 12(10):1955, 2023; Xie, Land Use Policy "
        "87:104040, 2019) and §1a (LAL 2019 Art. 48)",
    ),
    "landless income with wage jobs": (_V, "domain-reference.md §7 stylised fact 1"),
    "landless unemployment in the simulation": (_C, ""),
}
"""Kind (and, for validation, source) of each check built without one, by topic."""

KIND_BY_SECTION: dict[str, Kind] = {
    "Financing": _I,
    "Appraisal and simulation": _I,
}
"""Kind of every check of a section not in :data:`KIND_OF` (model consistency checks)."""


def classify(checks: Iterable[Check]) -> list[Check]:
    """The checks with their kind (and a validation check's source) filled in.

    A check's own ``kind`` wins; then :data:`KIND_OF` by topic; then
    :data:`KIND_BY_SECTION`; otherwise it stays None (unclassified).
    """
    out = []
    for c in checks:
        if c.kind is None and c.topic in KIND_OF:
            kind, source = KIND_OF[c.topic]
            c = dataclasses.replace(c, kind=kind, source=c.source or source)
        elif c.kind is None and c.section in KIND_BY_SECTION:
            c = dataclasses.replace(c, kind=KIND_BY_SECTION[c.section])
        out.append(c)
    return out


_CITATION = re.compile(r"domain-reference\.md|seed-facts\.md|\b(19|20)\d\d\b")
"""What a validation check's source must contain: a section of the references or a year."""


def problems(checks: Iterable[Check]) -> list[str]:
    """What is wrong with the checks' kinds: one line per problem (empty: none).

    A check without a kind, with a kind outside :data:`KINDS`, or of kind
    ``"validation"`` without a source that names domain-reference.md, seed-facts.md
    or a published source with its year.

    Examples
    --------
    >>> from ._common import Check
    >>> problems([Check("Hotel", "x", "f", "t", "m", "matches", kind="validation")])
    ["x: a validation check needs its source (got '')"]
    """
    out = []
    for c in checks:
        if c.kind is None:
            out.append(f"{c.topic}: no kind (add it to KIND_OF or pass kind=)")
        elif c.kind not in KINDS:
            out.append(f"{c.topic}: unknown kind {c.kind!r}")
        elif c.kind == "validation" and not _CITATION.search(c.source):
            out.append(f"{c.topic}: a validation check needs its source (got {c.source!r})")
    return out
