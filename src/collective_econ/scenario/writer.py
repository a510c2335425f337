"""Writing a :class:`~collective_econ.scenario.Scenario` as a TOML scenario file.

Each policy is written as a reform of another where that is shorter (or where the
scenario was read that way, ``Scenario.reforms``), else from the ``[schemes]``
tables. What is written reads back to an equal scenario: every value that differs
from its reference is written, floats with ``repr``. The public entry points are in
:mod:`collective_econ.scenario`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from typing import Any

from ..citations import plain
from ..economy.collective import PayoutRule
from ..economy.schedule import Period
from ..params import FieldInfo, Parameters
from ..policy import Policy
from ..schemes import SCHEMES
from .model import Scenario
from .parts import Annotation, Path, nested_type
from .reader import FORMAT_VERSION, KINDS
from .toml import TomlDocument

__all__ = ["write"]

_HEADER = """\
collective_econ scenario file (format {version}): {name}

Check it with `collective-econ validate FILE`, run it with `collective-econ run FILE`.
Every key is described in docs/scenario-reference.md. The comment after a value gives
its unit and source: "case report §N" cites the community's own report, "domain
reference §N" the project's sourced figures (both in docs/sources.md, by section), and
"estimate" marks an estimate. A value can carry its own source instead, which then
enters the assumption register:
  share_fraction = {{ value = 0.5, source = "my survey", confidence = "estimate" }}
A source written as a value (an uncertain input's, for one) names the two documents
by their old file names, seed-facts.md the case report and domain-reference.md the
domain reference; the report's register shows them by name."""

_POLICIES = """\
Policies. A policy either lists its schemes (schemes = [...], each with its parameters
from [schemes.<name>]) or changes another policy (baseline = "<policy>") with
add = [...], remove = [...], a [policies.<name>.set] table of
"scheme.parameter" = value entries, periods = [{ scheme = ..., start = <month>,
end = <month>, values = { ... } }] and payout = { ratio = ..., vote = ... }."""

_UNCERTAIN = """\
Uncertain inputs and their rank correlation (none in the default case), for example:
[[uncertainties]]
param = "hogs.hog_price"
distribution = { kind = "triangular", low = 10.5, mode = 12.0, high = 13.5 }
source = "my survey"
Kinds: """


def _plain(value: Any) -> Any:
    """A value as TOML data: parameter objects as tables (None fields left out)."""
    if isinstance(value, Parameters):
        return {k: _plain(v) for k, v in _items(value)}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def _items(params: Parameters) -> Iterator[tuple[str, Any]]:
    for f in dataclasses.fields(params):  # type: ignore[arg-type]
        value = getattr(params, f.name)
        if value is not None:
            yield f.name, value


def _comment(info: FieldInfo, *, source: bool = True) -> str:
    parts = [info.unit] if info.unit not in ("", "-") else []
    # the source as a reader follows it: the documents by name, as the register and the docs
    return "; ".join(parts + ([plain(info.source)] if source and info.source else []))


class _Writer:
    def __init__(self, scenario: Scenario, comments: bool) -> None:
        self.sc = scenario
        self.comments = comments
        self.doc = TomlDocument()

    def note(self, text: str) -> None:
        if self.comments:
            self.doc.comment(text)

    def put(self, key: str, value: Any, path: Path, info: FieldInfo | None, **kw: bool) -> None:
        noted = path in self.sc.notes
        text = _comment(info, **kw) if self.comments and info and not noted else ""
        self.doc.pair(key, self._at(path, value), text)

    def params(self, header: Path, params: Parameters) -> None:
        """``[header]`` with every field; tuples of parameter objects as arrays of tables."""
        self.doc.table(*(str(s) for s in header))
        infos = {i.name: i for i in type(params).describe()}
        nested = []
        for key, value in _items(params):
            if nested_type(type(params), key) is not None:
                nested.append((key, value))
            else:
                self.put(key, value, (*header, key), infos[key])
        for key, items in nested:
            for i, item in enumerate(items):
                self.doc.blank()
                self.doc.table(*(str(s) for s in header), key, array=True)
                sub = {x.name: x for x in type(item).describe()}
                for k, v in _items(item):
                    info = dataclasses.replace(sub[k], source=item.source_of(k))
                    self.put(k, v, (*header, key, i, k), info)
        self.doc.blank()

    def write(self) -> str:
        sc, doc = self.sc, self.doc
        self.note(_HEADER.format(version=FORMAT_VERSION, name=sc.name))
        doc.blank()
        doc.table("scenario")
        doc.pair("format", FORMAT_VERSION)
        doc.pair("name", sc.name)
        doc.pair("horizon_years", sc.horizon_years, "years simulated" if self.comments else "")
        doc.pair("start_year", sc.start_year, "calendar year of month 0" if self.comments else "")
        if sc.baseline is not None:
            doc.pair("baseline", sc.baseline)
        doc.blank()
        for key in ("community", "livelihood", "demography", "prices", "funding"):
            params = getattr(sc, key)
            self.note(_first_line(type(params)))
            self.params((key,), params)
        for key, params in sc.scheme_params.items():
            self.note(f"{SCHEMES[key].title}: {SCHEMES[key].summary}".rstrip(": "))
            self.params(("schemes", key), params)
        self.note(_POLICIES)
        plan = _plan(sc)
        for policy in sc.policies:
            self.policy(policy, plan[policy.name])
        self.uncertainties()
        doc.table("experiment")
        infos = {i.name: i for i in type(sc.experiment).describe()}
        for key, value in _items(sc.experiment):
            text = f"{infos[key].doc}; {infos[key].rule}".strip("; ")
            doc.pair(key, value, text if self.comments else "")
        if sc.outcomes:
            doc.blank()
            doc.table("outcomes")
            doc.pair("names", list(sc.outcomes))
        return doc.text()

    def policy(self, policy: Policy, parent: str | None) -> None:
        doc, where = self.doc, ("policies", policy.name)
        spec = _spec(self.sc, policy, None if parent is None else self.sc.policy(parent))
        assert spec is not None  # the plan only picks what can be written
        doc.table("policies", policy.name)
        if parent is None:
            doc.pair("schemes", list(policy.schemes))
        else:
            doc.pair("baseline", parent)
        if policy.description:
            doc.pair("description", policy.description)
        for key in ("add", "remove"):
            if spec[key]:
                doc.pair(key, spec[key])
        if spec["payout"]:
            doc.pair("payout", {k: self._at((*where, "payout", k), v) for k, v in spec["payout"]})
        if spec["periods"]:
            doc.array("periods", spec["periods"])
        if spec["set"]:
            doc.blank()
            doc.table("policies", policy.name, "set")
            for scheme, key, value in spec["set"]:
                info = {i.name: i for i in type(policy.schemes[scheme].base).describe()}[key]
                self.put(f"{scheme}.{key}", value, (*where, scheme, key), info, source=False)
        doc.blank()

    def _at(self, path: Path, value: Any) -> Any:
        """A value as TOML data, annotated wherever the scenario has a note."""
        plain: Any = value
        if isinstance(value, Parameters):
            plain = {k: self._at((*path, k), v) for k, v in _items(value)}
        elif isinstance(value, tuple | list):
            plain = [self._at((*path, i), v) for i, v in enumerate(value)]
        note = self.sc.notes.get(path)
        return plain if note is None else _annotated(plain, note)

    def uncertainties(self) -> None:
        sc = self.sc
        if not sc.uncertainties:
            self.note(_UNCERTAIN + ", ".join(KINDS) + ".")
            self.doc.blank()
        kinds = {v: k for k, v in KINDS.items()}
        for u in sc.uncertainties:
            self.doc.table("uncertainties", array=True)
            self.doc.pair("param", u.param)
            dist = {"kind": kinds[type(u.distribution)], **_plain(u.distribution)}
            self.doc.pair("distribution", dist)
            self.doc.pair("source", u.source)
            self.doc.blank()
        if sc.correlation is not None:
            self.doc.table("correlation")
            self.doc.pair("names", list(sc.correlation.names))
            self.doc.pair("matrix", [list(r) for r in sc.correlation.matrix])
            self.doc.blank()


def _annotated(value: Any, note: Annotation) -> dict[str, Any]:
    out = {"value": value}
    out.update({k: v for k, v in dataclasses.asdict(note).items() if v is not None})
    return out


def _first_line(cls: type) -> str:
    return (cls.__doc__ or cls.__name__).strip().splitlines()[0]


def _spec(sc: Scenario, policy: Policy, parent: Policy | None) -> dict[str, Any] | None:
    """How ``policy`` is written from ``parent`` (None: from ``[schemes]``), if it can be."""
    old = {} if parent is None else parent.schemes
    add = [k for k in policy.schemes if k not in old]
    if list(policy.schemes) != [k for k in old if k in policy.schemes] + add:
        return None  # the scheme order would change
    changes: list[tuple[str, str, Any]] = []
    periods: list[dict[str, Any]] = []
    for key, schedule in policy.schemes.items():
        ref = old.get(key)
        ref_base = sc.scheme_params[key] if ref is None else ref.base
        for name, value in _items(schedule.base):
            noted = any(p[:4] == ("policies", policy.name, key, name) for p in sc.notes)
            if noted or value != getattr(ref_base, name):
                changes.append((key, name, value))
        ref_periods = () if ref is None else ref.periods
        if schedule.periods != ref_periods:
            if not schedule.periods:
                return None  # periods can be replaced, not cleared, in a reform
            periods += [_period(key, p) for p in schedule.periods]
    ref_payout = PayoutRule() if parent is None else parent.payout
    noted = any(p[:3] == ("policies", policy.name, "payout") for p in sc.notes)
    payout = list(_items(policy.payout)) if noted or policy.payout != ref_payout else []
    return {
        "add": add if parent is not None else [],
        "remove": [k for k in old if k not in policy.schemes],
        "set": changes,
        "periods": periods,
        "payout": payout,
    }


def _period(scheme: str, period: Period) -> dict[str, Any]:
    out: dict[str, Any] = {"scheme": scheme, "start": period.start}
    if period.end is not None:
        out["end"] = period.end
    out["values"] = {k: _plain(v) for k, v in period.values.items()}
    return out


def _cost(sc: Scenario, policy: Policy, parent: Policy | None) -> int | None:
    spec = _spec(sc, policy, parent)
    if spec is None:
        return None
    base = len(policy.schemes) if parent is None else len(spec["add"]) + len(spec["remove"])
    return base + len(spec["set"]) + len(spec["periods"]) + bool(spec["payout"])


def _plan(sc: Scenario) -> Mapping[str, str | None]:
    """Each policy's parent: its hint if it can be written so, else the cheapest."""
    by_name = {p.name: p for p in sc.policies}
    order: list[str] = []

    def visit(name: str, stack: tuple[str, ...]) -> None:
        hint = sc.reforms.get(name)
        if name in order or name in stack:
            return
        if hint is not None and hint in by_name and hint != name:
            visit(hint, (*stack, name))
        if name not in order:
            order.append(name)

    for name in by_name:
        visit(name, ())
    plan: dict[str, str | None] = {}
    for name in order:
        if name in sc.reforms:
            hint = sc.reforms[name]
            if hint is None:  # written from the [schemes] tables
                plan[name] = None
                continue
            if hint in plan and _cost(sc, by_name[name], by_name[hint]) is not None:
                plan[name] = hint
                continue
        best: tuple[int, str | None] = (_cost(sc, by_name[name], None) or 0, None)
        for other in plan:
            cost = _cost(sc, by_name[name], by_name[other])
            if cost is not None and cost < best[0]:
                best = (cost, other)
        plan[name] = best[1]
    return plan


def write(scenario: Scenario, *, comments: bool = False) -> str:
    """The scenario as TOML text, with unit and source comments if ``comments``."""
    return _Writer(scenario, comments).write()
