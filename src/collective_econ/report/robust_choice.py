"""The report's "Robust choice" section, from the decision commands' outputs in its folder.

``collective-econ robust``, ``discover``, ``voi`` and ``optimize`` write their tables
(``robustness.csv`` and ``robustness.json``, ``discovery.txt``, ``voi.csv`` and
``voi.json``, ``optimum.csv``) and ``decision.html`` into their ``--out`` folder. When
that folder is the run's own, or one of its sub-folders,
:func:`find_decision_outputs` finds them and :func:`robust_choice_section` sets them out
in the run's report: the verdict in one sentence, each policy's share of futures meeting
the criterion, its extra public cost against the baseline and the county's own budget's
part of it (with their 95% CIs), when the
policy fails (the scenario-discovery box in plain sentences), what is worth measuring
first (EVPI and EVPPI), the best lever setting found, and a link to each
``decision.html``. Without any of these files there is no section (and no heading).

Examples
--------
>>> import tempfile
>>> with tempfile.TemporaryDirectory() as d:
...     print(find_decision_outputs(d))
None
"""

from __future__ import annotations

import csv
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._html import code, esc, pct, table, tag
from ._text import count, join, money, policy_name, text
from .decision import SHARE_OUTCOMES, ci_text, criterion_words, outcome_words
from .sections import input_words

__all__ = ["DecisionOutputs", "find_decision_outputs", "robust_choice_section"]

_FILES = ("robustness.csv", "discovery.txt", "voi.csv", "optimum.csv")
"""A folder holds decision outputs when it has one of these."""


@dataclass(frozen=True)
class DecisionOutputs:
    """The decision commands' outputs found in a run's folder (or its sub-folders).

    Attributes
    ----------
    robustness : list of dict
        Rows of ``robustness.csv`` (text cells); empty when not found.
    robust_summary : dict
        ``robustness.json``: criterion, futures, replications, baseline, ranking,
        the policies that cannot be told apart from the first, minimax; empty when not found.
    discovery : tuple of str
        The sentences of ``discovery.txt``: English, then Chinese; empty when not found.
    voi : list of dict
        Rows of ``voi.csv``, highest EVPPI first; empty when not found.
    voi_summary : dict
        ``voi.json``: policies, futures, the best policy today, EVPI and its standard
        error, unit; empty when not found.
    optimum : dict
        The row of ``optimum.csv``; empty when not found.
    pages : tuple of str
        Each ``decision.html`` found, as a path relative to the run's folder (``/``).
    """

    robustness: list[dict[str, str]] = field(default_factory=list)
    robust_summary: dict[str, Any] = field(default_factory=dict)
    discovery: tuple[str, ...] = ()
    voi: list[dict[str, str]] = field(default_factory=list)
    voi_summary: dict[str, Any] = field(default_factory=dict)
    optimum: dict[str, str] = field(default_factory=dict)
    pages: tuple[str, ...] = ()


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _json(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


def find_decision_outputs(folder: str | Path) -> DecisionOutputs | None:
    """The decision outputs in ``folder`` and its immediate sub-folders; None if none.

    The folder itself is searched first, then its sub-folders by name; for each kind of
    output the first found is used.
    """
    root = Path(folder)
    if not root.is_dir():
        return None
    places = [root, *sorted(p for p in root.iterdir() if p.is_dir() and p.name[:1] != ".")]
    found: dict[str, Any] = {}
    pages: list[str] = []
    for place in places:
        if not any((place / f).is_file() for f in _FILES):
            continue
        if (place / "decision.html").is_file():
            pages.append((place / "decision.html").relative_to(root).as_posix())
        if "robustness" not in found and (place / "robustness.csv").is_file():
            found["robustness"] = _rows(place / "robustness.csv")
            found["robust_summary"] = _json(place / "robustness.json")
        if "discovery" not in found and (place / "discovery.txt").is_file():
            lines = (place / "discovery.txt").read_text(encoding="utf-8").splitlines()
            found["discovery"] = tuple(ln for ln in lines if ln.strip())
        if "voi" not in found and (place / "voi.csv").is_file():
            found["voi"] = _rows(place / "voi.csv")
            found["voi_summary"] = _json(place / "voi.json")
        if "optimum" not in found and (place / "optimum.csv").is_file():
            found["optimum"] = next(iter(_rows(place / "optimum.csv")), {})
    if not found:
        return None
    return DecisionOutputs(**found, pages=tuple(pages))


def _float(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


def _criterion_words(summary: dict[str, Any], lang: str) -> str:
    c = summary.get("criterion") or {}
    if not c:
        return ""
    return criterion_words(str(c["outcome"]), str(c["comparison"]), float(c["threshold"]), lang)


def _runs_words(summary: dict[str, Any], main: tuple[int, int] | None, lang: str) -> str:
    """How many futures, replications and years; where they differ, that from the summary.

    ``main``: the main run's horizon (years) and runs per policy.
    """
    futures, reps = int(summary.get("futures", 0)), int(summary.get("replications", 0))
    said = {"futures": count(futures, "future", lang),
            "replications": count(reps, "replication", lang)}  # fmt: skip
    years = summary.get("horizon_years")
    if years is None:  # written before the horizon was recorded
        return text("rc.robust", lang, **said)
    runs = futures * reps
    words = text("rc.robust_horizon", lang, **said, years=count(int(years), "year", lang),
                 runs=count(runs, "run", lang))  # fmt: skip
    if main is not None and (int(years), runs) != main:
        gap = " " if lang == "en" else ""
        words += gap + text(
            "rc.differs", lang, years=count(int(years), "year", lang),
            runs=count(runs, "run", lang), main_years=count(main[0], "year", lang),
            main_runs=count(main[1], "run", lang),
        )  # fmt: skip
    return words


def _robust_part(
    out: DecisionOutputs, lang: str, main: tuple[int, int] | None = None
) -> list[str]:
    rows = {r["policy"]: r for r in out.robustness}
    summary = out.robust_summary
    order = [p for p in summary.get("ranking", []) if p in rows] or sorted(
        rows, key=lambda p: _float(rows[p].get("rank"))
    )
    parts = []
    crit = _criterion_words(summary, lang)
    if order and crit:
        lead, same = order[0], [p for p in summary.get("indistinguishable", []) if p in rows]
        verdict = text(
            "d.verdict_same" if same else "d.verdict_apart", lang,
            policy=policy_name(lead, lang), share=pct(_float(rows[lead]["satisficing"])),
            futures=summary.get("futures", ""),
            others=join([policy_name(n, lang) for n in same], lang) if same else "",
            criterion=crit, confidence=pct(_float(summary.get("confidence", 0.95))),
        )  # fmt: skip
        parts.append(tag("p", tag("strong", esc(text("d.verdict", lang) + " " + verdict))))
        parts.append(tag("p", esc(_runs_words(summary, main, lang))))
    base = str(summary.get("baseline") or (order[0] if order else ""))
    # the extra public cost, and the county's own part of it (written since robust gave it)
    costs = [(k, col) for k, col in (("extra_cost", "d.col.extra_cost"),
                                     ("extra_county_cost", "d.county.col.extra"))
             if any(k in r for r in rows.values())]  # fmt: skip
    head = [text("d.col.policy", lang), text("rc.col.satisficing", lang)]
    head += [text(col, lang, base=policy_name(base, lang)) for _, col in costs]
    body = []
    for name in order:
        r = rows[name]
        row = [
            policy_name(name, lang),
            ci_text(pct(_float(r["satisficing"])), pct(_float(r["satisficing_low"])),
                pct(_float(r["satisficing_high"])), lang),
        ]  # fmt: skip
        for k, _ in costs:
            row.append(
                text("baseline", lang) if name == base else ci_text(
                    money(_float(r.get(k)), lang), money(_float(r.get(f"{k}_low")), lang),
                    money(_float(r.get(f"{k}_high")), lang), lang)
            )  # fmt: skip
        body.append(row)
    if body:
        parts.append(table(head, body, numeric=range(1, len(head)), id="robust-choice"))
    return parts


def _voi_part(out: DecisionOutputs, lang: str) -> list[str]:
    if not out.voi:
        return []
    summary = out.voi_summary
    unit = str(summary.get("unit") or out.voi[0].get("unit") or "yuan")

    def amount(v: Any) -> str:
        x = _float(v)
        return money(x, lang) if unit == "yuan" else f"{x:,.2f} " + text("d.unit.households", lang)

    def words(row: dict[str, str]) -> str:
        names = [n.strip() for n in str(row["inputs"]).split("+")]
        return text("list_sep", lang).join(input_words(n, lang) for n in names)

    top = out.voi[0]
    evpi = summary.get("evpi")
    if evpi is not None and not _float(evpi) > 0:  # the same choice in every future
        best = policy_name(str(summary.get("best", "")), lang)
        return [tag("p", esc(text("rc.voi_none", lang, best=best)))]
    sentence = text(
        "rc.voi" if evpi is not None else "rc.voi_short", lang, input=words(top),
        evppi=amount(top["evppi"]), share=pct(_float(top.get("share_of_evpi"))),
        evpi=amount(evpi),
    )  # fmt: skip
    parts = [tag("p", esc(sentence))]
    rest = [words(r) for r in out.voi[1:3] if _float(r["evppi"]) > 0]
    if rest:
        parts.append(tag("p", esc(text("rc.voi_next", lang, inputs=join(rest, lang)))))
    names = [str(r["inputs"]) for r in out.voi[:3]]
    parts.append(_analyst(names, lang))
    return parts


def _analyst(names: list[str], lang: str) -> str:
    body = esc(text("d.analyst", lang, names=", ".join(f"`{n}`" for n in names)))
    for n in names:
        body = body.replace(esc(f"`{n}`"), str(code(n)))
    return tag("p", body, class_="analyst")


_OPTIMUM_KEYS = frozenset({
    "objective", "value", "value_low", "value_high", "feasible", "replications",
    "racer_runs", "simulated_runs",
})  # fmt: skip


def _optimum_part(out: DecisionOutputs, lang: str) -> list[str]:
    row = out.optimum
    if not row or "objective" not in row:
        return []
    levers = [k for k in row if k not in _OPTIMUM_KEYS and not k.startswith("P(")]
    setting = text("list_sep", lang).join(
        f"{input_words(k, lang)} = {_float(row[k]):.3g}" for k in levers
    )
    share = row["objective"] in SHARE_OUTCOMES

    def shown(key: str) -> str:
        x = _float(row[key])
        return pct(x, 1) if share else f"{x:,.4g}"

    value = ci_text(shown("value"), shown("value_low"), shown("value_high"), lang)
    feasible = "rc.feasible" if row.get("feasible") == "True" else "rc.infeasible"
    sentence = text(
        "rc.optimum", lang, levers=setting, outcome=outcome_words(row["objective"], lang),
        value=value, feasible=text(feasible, lang),
    )  # fmt: skip
    return [tag("p", esc(sentence)), _analyst(levers, lang)]


def _page_words(page: str, lang: str) -> str:
    where = Path(page).parent.as_posix()
    return text("rc.page", lang, where=where) if where != "." else text("rc.page_here", lang)


def robust_choice_section(
    outputs: DecisionOutputs | None, lang: str = "en", main: tuple[int, int] | None = None
) -> str:
    """The section's body (HTML), or "" when there is nothing to show.

    ``outputs`` from :func:`find_decision_outputs`; the links to ``decision.html`` are
    relative to the folder searched (where the run's report is written). ``main``: the
    main run's horizon (years) and runs per policy; where the robustness runs differ, a
    sentence says that their figures are not the summary's.
    """
    if outputs is None:
        return ""
    parts = [*_robust_part(outputs, lang, main)]
    if outputs.discovery:
        sentence = outputs.discovery[min(1, len(outputs.discovery) - 1) if lang != "en" else 0]
        parts.append(tag("p", esc(text("rc.fails", lang, sentence=sentence))))
    parts += _voi_part(outputs, lang)
    parts += _optimum_part(outputs, lang)
    if not parts:
        return ""
    if outputs.pages:
        links = text("list_sep", lang).join(
            tag("a", esc(_page_words(p, lang)), href=p) for p in outputs.pages
        )
        stop = "." if lang == "en" else "。"
        parts.append(tag("p", esc(text("rc.more", lang)) + " " + links + stop))
    intro = tag("p", esc(text("rc.intro", lang)), class_="note")
    return intro + "".join(parts)
