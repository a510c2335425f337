"""Turning a parsed scenario file into a :class:`~collective_econ.scenario.Scenario`.

The reader checks everything and goes on after each problem, so that one pass
reports them all. Each problem is ``(segments, location, message)``: the key path
in the file (used to find the line) and the path shown to the user. The public
entry points are in :mod:`collective_econ.scenario`. Nothing here evaluates
text from the file: values are data, distribution kinds come from :data:`KINDS`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ..distributions import (
    PERT,
    Distribution,
    Empirical,
    Fixed,
    LogNormal,
    Normal,
    Triangular,
    Uniform,
)
from ..distributions.uncertainty import Uncertainty
from ..economy.collective import PayoutRule
from ..economy.community import CommunityParams
from ..economy.livelihood import LivelihoodParams
from ..economy.population import DemographyParams
from ..economy.schedule import Period, Schedule
from ..errors import ParameterError, suggest
from ..funding import FundingShares
from ..params import Parameters, _check_value
from ..policy import Policy
from ..prices import PriceIndex
from ..resources import MAX_YEARS
from ..schemes import SCHEMES
from .model import Scenario
from .parts import (
    CONFIDENCES,
    Annotation,
    Correlation,
    ExperimentSettings,
    Path,
    check_support,
    field_hints,
    location,
    nested_type,
    resolve_param,
)

__all__ = ["FORMAT_VERSION", "KINDS", "RawProblem", "read"]

FORMAT_VERSION = 1
"""The version of the scenario file format (``[scenario] format``)."""

KINDS: dict[str, type[Distribution]] = {
    "fixed": Fixed,
    "uniform": Uniform,
    "triangular": Triangular,
    "pert": PERT,
    "normal": Normal,
    "lognormal": LogNormal,
    "empirical": Empirical,
}
"""Distribution kinds a file may name, the only classes the reader builds."""

TOP_KEYS = ("scenario", "community", "livelihood", "demography", "prices", "funding",
            "schemes", "policies", "uncertainties", "correlation", "experiment",
            "outcomes")  # fmt: skip
SCENARIO_KEYS = ("format", "name", "horizon_years", "start_year", "baseline")
POLICY_KEYS = ("description", "baseline", "schemes", "add", "remove", "set", "periods", "payout")
PERIOD_KEYS = ("scheme", "start", "end", "values")
UNCERTAINTY_KEYS = ("param", "distribution", "source")
NOTE_KEYS = ("value", "unit", "source", "confidence")

RawProblem = tuple[Path, str, str]
_BAD: Any = object()  # a value that failed its checks (a problem was recorded)
_INT64 = 2**63


def _kind(value: object) -> str:
    names = {bool: "a boolean", int: "an integer", float: "a float", str: "a string"}
    names |= {list: "an array", dict: "a table"}
    return names.get(type(value), type(value).__name__)


def _got(value: object) -> str:
    return f"got {value!r} ({_kind(value)})"


class _Reader:
    def __init__(self) -> None:
        self.problems: list[RawProblem] = []
        self.notes: dict[Path, Annotation] = {}
        self.catalogue: dict[str, Parameters] = {}
        self.specs: dict[str, Any] = {}
        self.resolved: dict[str, Policy | None] = {}
        self.reforms: dict[str, str | None] = {}

    # -- reporting ---------------------------------------------------------------------
    def fail(self, segs: Path, message: str, where: str | None = None) -> None:
        self.problems.append((segs, where or location(segs), message))

    def unknown(
        self,
        key: str,
        allowed: Iterable[str],
        segs: Path,
        what: str = "key",
        shown: Path | None = None,
    ) -> None:
        options = list(allowed)
        hint = suggest(key, options, prefix="; ")
        if not hint and len(options) <= 10:
            hint = f"; expected one of: {', '.join(options)}"
        self.fail(segs, f"unknown {what} {key!r}{hint}", location(shown or segs))

    def check_keys(
        self, table: Mapping[str, Any], allowed: Iterable[str], segs: Path, shown: Path = ()
    ) -> None:
        allowed = tuple(allowed)
        for key in table:
            if key not in allowed:
                self.unknown(key, allowed, (*segs, key), shown=(*shown, key) if shown else None)

    def table(self, value: Any, segs: Path) -> dict[str, Any] | None:
        if isinstance(value, dict):
            return value
        self.fail(segs, f"must be a table, {_got(value)}")
        return None

    def string(self, value: Any, segs: Path) -> str | None:
        if isinstance(value, str):
            return value
        self.fail(segs, f"must be a string, {_got(value)}")
        return None

    def integer(
        self, value: Any, segs: Path, lo: int | None = None, hi: tuple[int, str] | None = None
    ) -> int | None:
        """An integer >= ``lo`` and, with ``hi = (bound, why)``, <= bound (for the reason why)."""
        if type(value) is not int:
            self.fail(segs, f"must be an integer, {_got(value)}")
        elif lo is not None and value < lo:
            self.fail(segs, f"must be >= {lo}, got {value!r}")
        elif hi is not None and value > hi[0]:
            self.fail(segs, f"must be <= {hi[0]} ({hi[1]}), got {value!r}")
        elif abs(value) >= _INT64:
            self.fail(segs, f"must fit in 64 bits, got {value!r}")
        else:
            return value
        return None

    def names(self, value: Any, segs: Path, options: Iterable[str], what: str) -> list[str]:
        """A list of distinct strings, each one of ``options``."""
        options = list(options)
        if not isinstance(value, list):
            self.fail(segs, f"must be an array of {what} names, {_got(value)}")
            return []
        out: list[str] = []
        for i, item in enumerate(value):
            if not isinstance(item, str):
                self.fail((*segs, i), f"must be a string, {_got(item)}")
            elif item not in options:
                self.unknown(item, options, (*segs, i), what)
            elif item in out:
                self.fail((*segs, i), f"{item!r} is listed twice")
            else:
                out.append(item)
        return out

    # -- parameters --------------------------------------------------------------------
    def params(
        self,
        cls: type[Parameters],
        table: Any,
        where: Path,
        *,
        base: Parameters | None = None,
        annotated: bool = False,
        line: Callable[[str], Path] | None = None,
    ) -> Parameters | None:
        """Build ``cls`` (or evolve ``base``) from a table, reporting every bad key."""
        line = line or (lambda key: (*where, key))
        if not isinstance(table, dict):
            self.fail(where, f"must be a table, {_got(table)}")
            return None
        fields = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
        kwargs: dict[str, Any] = {}
        ok = True
        for key, raw in table.items():
            if key not in fields:
                self.unknown(key, fields, line(key), shown=(*where, key))
                ok = False
                continue
            value = raw
            if isinstance(raw, dict):
                value = self.annotation(raw, line(key), (*where, key)) if annotated else _BAD
                if not annotated:
                    self.fail(line(key), f"must be a value, {_got(raw)}", location((*where, key)))
            if value is not _BAD:
                value = self.value(cls, key, value, where, line, annotated)
            ok = ok and value is not _BAD
            kwargs[key] = value
        if base is None:
            for name, f in fields.items():
                no_default = f.default is dataclasses.MISSING
                if no_default and f.default_factory is dataclasses.MISSING and name not in table:
                    self.fail(where, f"is missing the key {name!r}", location((*where, name)))
                    ok = False
        if not ok:
            return None
        try:
            return base.evolve(**kwargs) if base is not None else cls(**kwargs)
        except ParameterError as err:
            root = err.field.partition("[")[0]
            segs = line(root) if root in table else where
            self.fail(
                segs, f"must be {err.rule}, got {err.value!r}", f"{location(where)}.{err.field}"
            )
            return None

    def annotation(self, raw: dict[str, Any], segs: Path, where: Path) -> Any:
        """The value of ``{value = ..., unit = ..., source = ..., confidence = ...}``."""
        self.check_keys(raw, NOTE_KEYS, segs, shown=where)
        texts = {k: raw.get(k) for k in ("unit", "source", "confidence")}
        for key, text in texts.items():
            if text is not None and not isinstance(text, str):
                self.fail(segs, f"must be a string, {_got(text)}", location((*where, key)))
                return _BAD
        conf = texts["confidence"]
        if conf is not None and conf not in CONFIDENCES:
            shown = (*where, "confidence")
            self.unknown(conf, CONFIDENCES, (*segs, "confidence"), "confidence", shown)
            return _BAD
        if "value" not in raw:
            self.fail(segs, "an annotated value needs the key 'value'", location(where))
            return _BAD
        if isinstance(raw["value"], dict):
            self.fail(segs, f"'value' must be a value, {_got(raw['value'])}", location(where))
            return _BAD
        self.notes[where] = Annotation(texts["unit"], texts["source"], texts["confidence"])
        return raw["value"]

    def value(
        self,
        cls: type[Parameters],
        key: str,
        value: Any,
        where: Path,
        line: Callable[[str], Path],
        annotated: bool,
    ) -> Any:
        """One field's value, checked against its type and rule (converted as the class does)."""
        nested = nested_type(cls, key)
        if nested is not None:
            if not isinstance(value, list):
                self.fail(line(key), f"must be an array of tables, {_got(value)}")
                return _BAD
            items = [
                self.params(
                    nested,
                    item,
                    (*where, key, i),
                    annotated=annotated,
                    line=lambda k, i=i: (*line(key), i, k),  # type: ignore[misc]
                )
                for i, item in enumerate(value)
            ]
            return _BAD if None in items else tuple(items)
        hint = field_hints(cls)[key]
        args = [a for a in getattr(hint, "__args__", ()) if a is not type(None)]
        if type(None) in getattr(hint, "__args__", ()) and len(args) == 1:
            hint = args[0]  # X | None: a file leaves the key out for None
        meta = next(f for f in dataclasses.fields(cls) if f.name == key)  # type: ignore[arg-type]
        rule = meta.metadata.get("rule")
        if hint is str and not isinstance(value, str):
            self.fail(line(key), f"must be a string, {_got(value)}", location((*where, key)))
            return _BAD
        if hint is int and type(value) is int and abs(value) >= _INT64:
            self.fail(line(key), f"must fit in 64 bits, got {value!r}", location((*where, key)))
            return _BAD
        try:
            return _check_value(key, value, hint, rule, cls.__name__)
        except ParameterError as err:
            shown = f"{location(where)}.{err.field}"
            self.fail(line(key), f"must be {err.rule}, {_got(err.value)}", shown)
        except TypeError:
            self.fail(line(key), f"has the wrong type, {_got(value)}", location((*where, key)))
        return _BAD

    # -- the sections ------------------------------------------------------------------
    def section(self, cls: type[Parameters], data: dict[str, Any], key: str) -> Any:
        if key not in data:
            return cls()
        return self.params(cls, data[key], (key,), annotated=True)

    def schemes(self, data: dict[str, Any]) -> None:
        raw = self.table(data.get("schemes", {}), ("schemes",)) or {}
        for key, value in raw.items():
            if key not in SCHEMES:
                self.unknown(key, SCHEMES, ("schemes", key), "scheme")
                continue
            built = self.params(SCHEMES[key].params_type, value, ("schemes", key), annotated=True)
            if built is not None:
                self.catalogue[key] = built
        for key, scheme in SCHEMES.items():  # failed or absent: class defaults, to go on
            self.catalogue.setdefault(key, scheme.params_type())

    def policy(self, name: str, chain: tuple[str, ...] = ()) -> Policy | None:
        where: Path = ("policies", name)
        if name in chain:
            cycle = " -> ".join(repr(n) for n in (*chain[chain.index(name) :], name))
            self.fail((*where, "baseline"), f"policies form a cycle of baselines: {cycle}")
            return None
        if name in self.resolved:
            return self.resolved[name]
        self.resolved[name] = None
        raw = self.table(self.specs[name], where)
        if raw is None:
            return None
        self.check_keys(raw, POLICY_KEYS, where)
        schedules: dict[str, Schedule[Any]]
        payout = PayoutRule()
        if "baseline" in raw and "schemes" in raw:
            self.fail(where, "give either 'baseline' (a policy to change) or 'schemes', not both")
        if "baseline" in raw:
            parent = self.string(raw["baseline"], (*where, "baseline"))
            if parent is None:
                return None
            if parent not in self.specs:
                self.unknown(parent, self.specs, (*where, "baseline"), "baseline policy")
                return None
            base = self.policy(parent, (*chain, name))
            if base is None:  # its own problems are reported where it is
                return None
            schedules, payout = dict(base.schemes), base.payout
            self.reforms[name] = parent
        elif "schemes" in raw:
            chosen = self.names(raw["schemes"], (*where, "schemes"), SCHEMES, "scheme")
            schedules = {k: Schedule(self.catalogue[k]) for k in chosen}
            self.reforms[name] = None
        else:
            self.fail(where, "needs 'baseline' (a policy to change) or 'schemes' (a list)")
            return None
        for key in self.names(raw.get("remove", []), (*where, "remove"), schedules, "scheme"):
            del schedules[key]
        for key in self.names(raw.get("add", []), (*where, "add"), SCHEMES, "scheme"):
            if key in schedules:
                self.fail((*where, "add"), f"{key!r} is already in the policy; change it with set")
            schedules[key] = Schedule(self.catalogue[key])
        self.changes(raw.get("set", {}), where, schedules)
        self.periods(raw.get("periods", []), where, schedules)
        if "payout" in raw:
            at = (*where, "payout")
            rule = self.params(PayoutRule, raw["payout"], at, base=payout, annotated=True)
            payout = rule if isinstance(rule, PayoutRule) else payout
        description = self.string(raw.get("description", ""), (*where, "description")) or ""
        try:
            policy = Policy(name, schedules, payout, description)
        except ParameterError as err:
            self.fail(where, str(err))
            return None
        self.resolved[name] = policy
        return policy

    def changes(self, raw: Any, where: Path, schedules: dict[str, Schedule[Any]]) -> None:
        """``set``: ``"scheme.field" = value`` keys, or a table per scheme."""
        table = self.table(raw, (*where, "set")) or {}
        groups: dict[str, dict[str, Any]] = {}
        lines: dict[tuple[str, str], Path] = {}
        for key, value in table.items():
            if "." in key:
                scheme, _, field = key.partition(".")
                groups.setdefault(scheme, {})[field] = value
                lines[scheme, field] = (*where, "set", key)
            elif isinstance(value, dict) and "value" not in value:
                groups.setdefault(key, {}).update(value)
                lines.update({(key, f): (*where, "set", key, f) for f in value})
            else:
                self.fail((*where, "set", key), "keys must be 'scheme.parameter' or a scheme name")
        for scheme, values in groups.items():
            if not values:  # `hogs = {}`: nothing to change
                continue
            first = lines[scheme, next(iter(values))]
            if scheme not in schedules:
                if scheme in SCHEMES:
                    hint = f"{scheme!r} is not in this policy; add it with add = [{scheme!r}]"
                    self.fail(first, hint, location((*where, scheme)))
                else:
                    self.unknown(scheme, schedules, first, "scheme of this policy")
                continue
            old = schedules[scheme]
            new = self.params(
                type(old.base),
                values,
                (*where, scheme),
                base=old.base,
                annotated=True,
                line=lambda f, s=scheme: lines[s, f],  # type: ignore[misc]
            )
            if new is not None:
                self.schedule(schedules, scheme, new, old.periods, first)

    def schedule(
        self, schedules: dict[str, Schedule[Any]], scheme: str, base: Any, periods: Any, at: Path
    ) -> None:
        try:
            schedules[scheme] = Schedule(base, tuple(periods))
        except ParameterError as err:
            self.fail(at, f"{err.path} must be {err.rule}, got {err.value!r}")

    def periods(self, raw: Any, where: Path, schedules: dict[str, Schedule[Any]]) -> None:
        """``periods``: the listed schemes' periods replace those of the baseline."""
        if not isinstance(raw, list):
            self.fail((*where, "periods"), f"must be an array of tables, {_got(raw)}")
            return
        by_scheme: dict[str, list[Period]] = {}
        for i, item in enumerate(raw):
            at: Path = (*where, "periods", i)
            entry = self.table(item, at)
            if entry is None:
                continue
            self.check_keys(entry, PERIOD_KEYS, at)
            for key in ("scheme", "start", "values"):
                if key not in entry:
                    self.fail(at, f"is missing the key {key!r}")
            scheme = (
                self.string(entry.get("scheme"), (*at, "scheme")) if "scheme" in entry else None
            )
            if scheme is not None and scheme not in schedules:
                self.unknown(scheme, schedules, (*at, "scheme"), "scheme of this policy")
                scheme = None
            start = self.integer(entry["start"], (*at, "start"), 0) if "start" in entry else None
            end = self.integer(entry["end"], (*at, "end"), 1) if "end" in entry else None
            if start is not None and end is not None and end <= start:
                self.fail((*at, "end"), f"must be > start ({start}), got {end}")
                continue
            values = entry.get("values")
            if scheme is None or start is None or ("end" in entry and end is None):
                continue
            if not isinstance(values, dict) or not values:
                if values is not None:
                    self.fail((*at, "values"), f"must be a non-empty table, {_got(values)}")
                continue
            base = schedules[scheme].base
            built = self.params(type(base), values, (*at, "values"), base=base)
            if built is None:
                continue
            period = Period(start, end, {k: getattr(built, k) for k in values})
            clash = [
                sorted(set(values) & set(other.values))
                for other in by_scheme.get(scheme, [])
                if set(values) & set(other.values) and _overlap(period, other)
            ]
            if clash:
                self.fail(at, f"overlaps an earlier period of {scheme!r} on {clash[0]}")
            else:
                by_scheme.setdefault(scheme, []).append(period)
        for scheme, periods in by_scheme.items():
            self.schedule(schedules, scheme, schedules[scheme].base, periods, (*where, "periods"))

    def uncertainties(self, raw: Any) -> list[Uncertainty]:
        if not isinstance(raw, list):
            self.fail(("uncertainties",), f"must be an array of tables, {_got(raw)}")
            return []
        out: list[Uncertainty] = []
        for i, item in enumerate(raw):
            at: Path = ("uncertainties", i)
            entry = self.table(item, at)
            if entry is None:
                continue
            self.check_keys(entry, UNCERTAINTY_KEYS, at)
            for key in ("param", "distribution"):
                if key not in entry:
                    self.fail(at, f"is missing the key {key!r}")
            source = self.string(entry.get("source", ""), (*at, "source"))
            path = self.string(entry["param"], (*at, "param")) if "param" in entry else None
            if path is not None:
                try:
                    resolve_param(path)
                except ParameterError as err:
                    self.fail((*at, "param"), f"must be {err.rule}, got {err.value!r}")
                    path = None
            if path is not None and any(u.param == path for u in out):
                self.fail((*at, "param"), f"{path!r} has an uncertainty already")
            dist = (
                self.distribution(entry["distribution"], at) if "distribution" in entry else None
            )
            if path is not None and dist is not None and source is not None:
                self.support(path, dist, at)
                out.append(Uncertainty(path, dist, source))
        return out

    def distribution(self, raw: Any, at: Path) -> Distribution | None:
        table = self.table(raw, (*at, "distribution"))
        if table is None:
            return None
        kind = table.get("kind")
        if kind is None:
            self.fail((*at, "distribution"), f"needs a 'kind', one of: {', '.join(KINDS)}")
            return None
        if not isinstance(kind, str) or kind not in KINDS:
            self.unknown(str(kind), KINDS, (*at, "distribution", "kind"), "distribution kind")
            return None
        rest = {k: v for k, v in table.items() if k != "kind"}
        built = self.params(KINDS[kind], rest, (*at, "distribution"))
        return built if isinstance(built, Distribution) else None

    def support(self, path: str, dist: Distribution, at: Path) -> None:
        try:
            check_support(path, dist)
        except ParameterError as err:
            self.fail((*at, "distribution"), f"must be {err.rule}, got {err.value!r}")

    def correlation(self, raw: Any, params: list[str]) -> Correlation | None:
        at: Path = ("correlation",)
        table = self.table(raw, at)
        if table is None:
            return None
        self.check_keys(table, ("names", "matrix"), at)
        for key in ("names", "matrix"):
            if key not in table:
                self.fail(at, f"is missing the key {key!r}")
        if "names" not in table or "matrix" not in table:
            return None
        names = self.names(table["names"], (*at, "names"), params, "uncertainty param")
        if not isinstance(table["names"], list) or len(names) != len(table["names"]):
            return None
        matrix = table["matrix"]
        rows: list[Any] = matrix if isinstance(matrix, list) else [None]
        if not all(
            isinstance(r, list)
            and all(isinstance(x, int | float) and not isinstance(x, bool) for x in r)
            for r in rows
        ):
            self.fail((*at, "matrix"), f"must be an array of arrays of numbers, {_got(matrix)}")
            return None
        try:
            return Correlation(tuple(names), table["matrix"])
        except ParameterError as err:
            self.fail((*at, "matrix"), f"{err.path} must be {err.rule}, got {err.value!r}")
            return None


def _overlap(a: Period, b: Period) -> bool:
    a_end = a.end if a.end is not None else _INT64
    b_end = b.end if b.end is not None else _INT64
    return a.start < b_end and b.start < a_end


_YEARS = (MAX_YEARS, "each year is a row of every run")
_CALENDAR = (2200, "a calendar year: the price index and ages count from it")


def read(data: dict[str, Any]) -> tuple[Scenario | None, list[RawProblem]]:
    """Check a parsed scenario file and build its scenario (None if there are problems)."""
    r = _Reader()
    r.check_keys(data, TOP_KEYS, ())
    head = r.table(data.get("scenario", {}), ("scenario",)) or {}
    r.check_keys(head, SCENARIO_KEYS, ("scenario",))
    if "format" in head and head["format"] != FORMAT_VERSION:
        r.fail(("scenario", "format"), f"must be {FORMAT_VERSION}, got {head['format']!r}")
    name = r.string(head["name"], ("scenario", "name")) if "name" in head else None
    if "name" not in head:
        r.fail(("scenario",), "is missing the key 'name'", "scenario.name")
    horizon = r.integer(head.get("horizon_years", 20), ("scenario", "horizon_years"), 1, _YEARS)
    start = r.integer(head.get("start_year", 2010), ("scenario", "start_year"), 1900, _CALENDAR)
    community = r.section(CommunityParams, data, "community")
    livelihood = r.section(LivelihoodParams, data, "livelihood")
    demography = r.section(DemographyParams, data, "demography")
    prices = r.section(PriceIndex, data, "prices")
    funding = r.section(FundingShares, data, "funding")
    r.schemes(data)
    r.specs = r.table(data.get("policies", {}), ("policies",)) or {}
    if not r.specs:
        r.fail(("policies",), "must define at least one policy, as [policies.<name>]")
    policies = [r.policy(n) for n in r.specs]
    baseline = head.get("baseline")
    at_baseline: Path = ("scenario", "baseline")
    if baseline is not None and r.string(baseline, at_baseline) and baseline not in r.specs:
        r.unknown(baseline, r.specs, at_baseline, "policy")
    uncertainties = r.uncertainties(data.get("uncertainties", []))
    params = [u.param for u in uncertainties]
    corr = r.correlation(data["correlation"], params) if "correlation" in data else None
    experiment = r.section(ExperimentSettings, data, "experiment")
    outcomes = r.table(data.get("outcomes", {}), ("outcomes",)) or {}
    r.check_keys(outcomes, ("names",), ("outcomes",))
    names = outcomes.get("names", [])
    if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
        r.fail(("outcomes", "names"), f"must be an array of non-empty strings, {_got(names)}")
    elif len(set(names)) < len(names):
        r.fail(("outcomes", "names"), "must not repeat a name")
    if r.problems or name is None or horizon is None or start is None:
        return None, r.problems
    try:
        scenario = Scenario(
            name,
            tuple(p for p in policies if p is not None),
            community,
            livelihood,
            horizon,
            start,
            baseline,
            r.catalogue,
            tuple(uncertainties),
            corr,
            experiment,
            tuple(names),
            r.notes,
            r.reforms,
            demography=demography,
            prices=prices,
            funding=funding,
        )
    except ParameterError as err:  # a rule the checks above missed: still a located problem
        r.fail(("scenario",), str(err))
        return None, r.problems
    return scenario, r.problems
