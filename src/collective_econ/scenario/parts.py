"""The parts of a scenario besides its policies.

Uncertain inputs and their correlation, experiment settings, and the annotations
that make up the assumption register.

Everything here is re-exported by :mod:`collective_econ.scenario`.

Examples
--------
>>> location(("policies", "cash only", "land_shares", "share_fraction"))
'policies["cash only"].land_shares.share_fraction'
>>> resolve_param("livelihood.casual_wage_month")
(<class 'collective_econ.economy.livelihood.LivelihoodParams'>, 'casual_wage_month')
"""

from __future__ import annotations

import dataclasses
import json
import typing
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..distributions import Distribution, validate_correlation
from ..economy.community import CommunityParams
from ..economy.livelihood import LivelihoodParams
from ..economy.population import DemographyParams
from ..errors import ParameterError, ParameterTypeError, suggest
from ..params import Parameters, at_least, one_of, param
from ..schemes import SCHEMES

__all__ = [
    "CONFIDENCES",
    "DESIGNS",
    "Annotation",
    "Assumption",
    "Correlation",
    "ExperimentSettings",
    "Path",
    "check_support",
    "confidence_of",
    "field_hints",
    "location",
    "nested_type",
    "resolve_param",
]

Segment = str | int
Path = tuple[Segment, ...]
"""Where a value sits in a scenario: keys and indices (``("schemes", "jobs", "jobs", 0)``)."""

CONFIDENCES = ("seed", "sourced", "well-known", "estimate")
"""How far a figure can be trusted: from the case report (seed-facts.md), from a cited
source, common knowledge, or an estimate."""

DESIGNS = ("montecarlo", "lhs", "sobol", "morris")
"""Experiment designs a scenario may ask for (run by the experiment layer)."""


def location(segments: Sequence[Segment]) -> str:
    """The path of a value in a scenario, as shown in messages and the register.

    Policy names are always quoted, other keys only when they are not identifiers.

    Examples
    --------
    >>> location(("policies", "full package", "hogs", "households"))
    'policies["full package"].hogs.households'
    >>> location(("schemes", "jobs", "jobs", 0, "wage_month"))
    'schemes.jobs.jobs[0].wage_month'
    """
    out = ""
    for i, seg in enumerate(segments):
        if isinstance(seg, int):
            out += f"[{seg}]"
        elif (i == 1 and segments[0] == "policies") or not seg.isidentifier():
            out += f"[{json.dumps(seg, ensure_ascii=False)}]"
        else:
            out += f".{seg}" if out else seg
    return out


def confidence_of(source: str) -> str:
    """The confidence a source text implies (a ``param(source=...)`` without one).

    Anything that says "estimate" is an estimate; otherwise seed-facts.md means
    ``"seed"``, "well-known" ``"well-known"``, domain-reference.md ``"sourced"``, and
    anything else an estimate.

    Examples
    --------
    >>> confidence_of("seed-facts.md §1"), confidence_of("domain-reference.md §1a: 6-10")
    ('seed', 'sourced')
    >>> confidence_of("domain-reference.md §1b: 6-10%, typical 8% (estimate)")
    'estimate'
    """
    low = source.lower()
    if "estimate" in low:
        return "estimate"
    if "seed-facts" in low:
        return "seed"
    if "well-known" in low:
        return "well-known"
    return "sourced" if "domain-reference" in low else "estimate"


@dataclass(frozen=True, slots=True)
class Annotation:
    """What a scenario file says about a value besides the value: unit, source, confidence.

    ``None`` means the file said nothing, and the ``param(...)`` metadata applies.
    """

    unit: str | None = None
    source: str | None = None
    confidence: str | None = None

    def __post_init__(self) -> None:
        for name in ("unit", "source"):
            if not isinstance(getattr(self, name), str | None):
                raise ParameterTypeError(name, "a string", getattr(self, name), "Annotation")
        if self.confidence is not None and self.confidence not in CONFIDENCES:
            rule = f"one of {', '.join(CONFIDENCES)}"
            raise ParameterError("confidence", rule, self.confidence, owner="Annotation")


@dataclass(frozen=True, slots=True)
class Assumption:
    """One entry of the assumption register: a parameter's value and where it comes from."""

    path: str
    value: Any
    unit: str
    source: str
    confidence: str


@dataclass(frozen=True, slots=True)
class Correlation:
    """Rank correlations between some of the uncertain inputs, named by their ``param``.

    Inputs not named are independent. ``matrix`` must be a valid correlation matrix
    (:func:`~collective_econ.distributions.validate_correlation`).
    """

    names: tuple[str, ...]
    matrix: tuple[tuple[float, ...], ...]

    def __post_init__(self) -> None:
        names, rows = tuple(self.names), tuple(tuple(r) for r in self.matrix)
        if len(set(names)) != len(names):
            raise ParameterError("names", "distinct", names, owner="correlation")
        if len(rows) != len(names) or any(len(r) != len(names) for r in rows):
            rule = f"a {len(names)} x {len(names)} matrix (one row per name)"
            raise ParameterError("matrix", rule, rows, owner="correlation")
        validate_correlation(rows, names=names)
        floats = tuple(tuple(float(x) for x in r) for r in rows)
        object.__setattr__(self, "names", names)
        object.__setattr__(self, "matrix", floats)


@dataclass(frozen=True, slots=True, kw_only=True)
class ExperimentSettings(Parameters):
    """How a scenario file asks to be run: the design, its size and its seed.

    Examples
    --------
    >>> ExperimentSettings(replications=0)
    Traceback (most recent call last):
    ...
    collective_econ.errors.ParameterError: ExperimentSettings.replications must be >= 1, got 0
    """

    design: str = param(
        "montecarlo",
        unit="-",
        rule=one_of(*DESIGNS),
        source="user",
        doc="how uncertain inputs are sampled",
    )
    samples: int = param(
        1, unit="samples", rule=at_least(1), source="user", doc="draws of the uncertain inputs"
    )
    replications: int = param(
        10,
        unit="runs",
        rule=at_least(1),
        source="user",
        doc="simulation runs per policy and sample (common random numbers)",
    )
    seed: int = param(
        2010, unit="-", rule=at_least(0), source="user", doc="root seed of the experiment"
    )
    workers: int = param(
        1, unit="processes", rule=at_least(1), source="user", doc="parallel worker processes"
    )


_SECTIONS: dict[str, type[Parameters]] = {
    "community": CommunityParams,
    "livelihood": LivelihoodParams,
    "demography": DemographyParams,
}


def resolve_param(path: str) -> tuple[type[Parameters], str]:
    """The parameter class and field an uncertainty's ``param`` path names.

    A path is ``"<scheme>.<field>"``, ``"community.<field>"``,
    ``"livelihood.<field>"`` or ``"demography.<field>"``, and must name a numeric
    field (``"demography.tfr"``: the persons born in the run).

    Examples
    --------
    >>> resolve_param("hogs.hog_price")
    (<class 'collective_econ.schemes.hogs.HogParams'>, 'hog_price')
    >>> resolve_param("hogs.hog_prize")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    collective_econ.errors.ParameterError: param must be a field of HogParams
    (did you mean 'hog_price'?), got 'hog_prize'
    """
    if not isinstance(path, str):
        raise ParameterTypeError("param", "a string", path)
    owner, _, name = path.partition(".")
    classes = {**_SECTIONS, **{k: s.params_type for k, s in SCHEMES.items()}}
    if owner not in classes:
        sections = "community or livelihood or demography"
        rule = f"'<scheme or {sections}>.<field>'{suggest(owner, classes)}"
        raise ParameterError("param", rule, path)
    cls = classes[owner]
    hints = field_hints(cls)
    if name not in hints:
        raise ParameterError("param", f"a field of {cls.__name__}{suggest(name, hints)}", name)
    if hints[name] not in (int, float):
        raise ParameterError("param", "a numeric field (int or float)", path)
    return cls, name


def check_support(path: str, distribution: Distribution) -> None:
    """Check that an uncertainty's draws obey its parameter's rule.

    The quantiles 1e-9 and 1 - 1e-9 are checked, so an unbounded normal on a
    fraction is refused while a lognormal on a positive parameter is not.

    Examples
    --------
    >>> from collective_econ.distributions import Uniform
    >>> check_support("hogs.mortality", Uniform(low=0.02, high=0.8))
    Traceback (most recent call last):
    ...
    collective_econ.errors.ParameterError: distribution must be drawing values that obey
    hogs.mortality's rule (within [0, 0.5]), got (0.02, 0.8)
    """
    cls, name = resolve_param(path)
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    rule = next(f for f in fields if f.name == name).metadata.get("rule")
    lo, hi = (float(distribution.ppf(q)) for q in (1e-9, 1 - 1e-9))
    if rule is not None and not (rule.test(lo) and rule.test(hi)):
        text = f"drawing values that obey {path}'s rule ({rule.text})"
        raise ParameterError("distribution", text, (round(lo, 9), round(hi, 9)))


_HINTS: dict[type, dict[str, Any]] = {}


def field_hints(cls: type) -> dict[str, Any]:
    """The type hints of a parameter class's fields, by name (resolved once per class).

    The reader checks a value's type against them, :mod:`.drawn` rounds the centre of
    a whole-number field's distribution.
    """
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def nested_type(cls: type, name: str) -> type[Parameters] | None:
    """The Parameters class of a ``tuple[P, ...]`` field, else None (``jobs`` -> JobType)."""
    hint = field_hints(cls).get(name)
    args = typing.get_args(hint) if typing.get_origin(hint) is tuple else ()
    item = args[0] if args else None
    return item if isinstance(item, type) and issubclass(item, Parameters) else None
