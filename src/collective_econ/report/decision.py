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
from ..decision.robustness import Robustness
from ..decision.voi import ValueOfInformation
from ..errors import ParameterTypeError
from ._html import CSP, CSS, code, esc, orig, pct, table, tag
from ._text import money, policy_name, scenario_name, text

__all__ = ["decision_page"]


def _num(x: float) -> str:
    return f"{x:.3g}" if math.isfinite(x) else "n/a"


def _criterion(outcome: str, comparison: str, threshold: float) -> str:
    return str(code(f"{outcome} {comparison} {threshold:g}"))


def _robust_section(r: Robustness, lang: str) -> str:
    c = pct(r.confidence)
    crit = r.criterion
    intro = esc(
        text(
            "d.robust.intro",
            lang,
            criterion="\x00",
            futures=r.futures,
            replications=r.replications,
            confidence=c,
        )
    ).replace("\x00", _criterion(crit.outcome, crit.comparison, crit.threshold))
    rows = {row["policy"]: row for row in r.table()}
    body = []
    for name in r.ranking:
        row = rows[name]
        body.append(
            (
                policy_name(name, lang),
                f"{pct(row['satisficing'])} ({pct(row['satisficing_low'])}-"
                f"{pct(row['satisficing_high'])})",
                f"{_num(row['mean_regret'])} ({_num(row['mean_regret_low'])} to "
                f"{_num(row['mean_regret_high'])})",
                _num(row["max_regret"]),
                money(row["cost"], lang),
            )
        )
    head = [
        text(f"d.col.{k}", lang)
        for k in ("policy", "satisficing", "mean_regret", "max_regret", "cost")
    ]
    parts = [
        tag("h2", esc(text("d.h.robust", lang)), id="robust"),
        tag("p", intro),
        table(head, body, numeric=(1, 2, 3, 4), id="robustness"),
        tag("p", esc(text("d.minimax", lang, policy=policy_name(r.minimax, lang)))),
        tag("p", esc(text("d.verdict", lang)) + " " + esc(orig(r.verdict, lang))),
    ]
    return tag("section", "".join(parts))


def _discover_section(d: Discovery, lang: str) -> str:
    labels, box = d.labels, d.box
    comparison = ">=" if labels.direction == "below" else "<="
    intro = esc(
        text(
            "d.discover.intro",
            lang,
            futures=int(labels.kept.sum()),
            cases=int(labels.case[labels.kept].sum()),
            criterion="\x00",
            coverage=pct(box.coverage),
            density=pct(box.density),
            stability=pct(d.stability),
            holdout_coverage=pct(d.holdout_coverage),
            holdout_density=pct(d.holdout_density),
        )
    ).replace("\x00", str(code(f"{comparison} {labels.threshold:g}")))
    none = text("d.unbounded", lang)
    rows = []
    for name in box.restricted:
        lo, hi = box.bounds(name)
        rows.append(
            (code(name), none if lo is None else f"{lo:.4g}", none if hi is None else f"{hi:.4g}")
        )
    head = [text(f"d.col.{k}", lang) for k in ("input", "lower", "upper")]
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
            code(row["inputs"]),
            _amount(row["evppi"], v.unit, lang),
            _amount(row["evppi_se"], v.unit, lang),
            pct(row["share_of_evpi"]),
        )
        for row in v.table()
    ]
    head = [text(f"d.col.{k}", lang) for k in ("input", "evppi", "se", "share")]
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
        sections.append(_robust_section(robustness, lang))
    if discovery is not None:
        sections.append(_discover_section(discovery, lang))
    if voi is not None:
        sections.append(_voi_section(voi, lang))
    heading = text("d.title", lang)
    lead = text("d.lead", lang, scenario=scenario_name(scenario, lang))
    head = (
        '<meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(heading)}</title><style>\n{CSS}\n</style>"
    )
    top = tag("h1", esc(heading)) + tag("p", esc(lead), class_="lead")
    note = tag("p", esc(text("d.note", lang)), class_="caption")
    main = tag("main", top + "\n".join(sections) + note)
    html_lang = "en" if lang == "en" else "zh-CN"
    return (
        f'<!DOCTYPE html>\n<html lang="{html_lang}">\n<head>{head}</head>\n'
        f"<body>\n{main}\n</body>\n</html>\n"
    )
