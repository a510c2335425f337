"""The scenario itself: the community, the household economy, the policies, the default case."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..distributions import Distribution
from ..distributions.uncertainty import Uncertainty
from ..economy.community import CommunityParams
from ..economy.livelihood import LivelihoodParams
from ..economy.population import DemographyParams
from ..errors import ParameterError, ParameterTypeError, suggest
from ..finance import DiscountRates
from ..funding import FundingShares
from ..params import Parameters, as_tuple, check_type, whole_number
from ..policy import Policy
from ..prices import PriceIndex, current
from ..resources import MAX_YEARS
from ..schemes import SCHEMES
from .parts import (
    CONFIDENCES,
    DESIGNS,
    Annotation,
    Assumption,
    Correlation,
    ExperimentSettings,
    Path,
    check_support,
    confidence_of,
    location,
    nested_type,
    resolve_param,
)

__all__ = [
    "CONFIDENCES",
    "DESIGNS",
    "Annotation",
    "Assumption",
    "Correlation",
    "ExperimentSettings",
    "Scenario",
    "check_support",
    "confidence_of",
    "location",
    "resolve_param",
    "uncompensated_policies",
    "uncompensated_warning",
    "walk",
]


@dataclass(frozen=True)
class Scenario:
    """Everything a simulation or an experiment needs besides a seed.

    Parameters
    ----------
    name : str
        Shown in reports.
    policies : tuple of Policy
        The policies to compare.
    community : CommunityParams
        Aggregate statistics the households are drawn from.
    livelihood : LivelihoodParams
        The household economy under every policy.
    horizon_years : int
        Years simulated (months = 12 x years).
    start_year : int
        Calendar year of month 0.
    baseline : str, optional
        The policy others are compared with; the first policy when None.
    scheme_params : mapping of str to Parameters
        Each scheme's base parameters (the ``[schemes]`` tables of a file), from which
        policies add schemes. Schemes left out get their class defaults.
    uncertainties : tuple of Uncertainty
        Uncertain inputs; ``param`` is ``"<scheme>.<field>"``, ``"community.<field>"``,
        ``"livelihood.<field>"`` or ``"demography.<field>"`` (``"demography.tfr"``).
    correlation : Correlation, optional
        Rank correlations between some uncertainties.
    experiment : ExperimentSettings
        How the scenario asks to be run.
    outcomes : tuple of str
        Names of the outcomes of interest (checked by the experiment layer).
    notes : mapping of path to Annotation
        Units, sources and confidences a file gave (keys: path segments).
    reforms : mapping of str to str or None
        Which policy each policy was written as a reform of (None: from the
        ``[schemes]`` tables): a hint for writing files, not compared.
    demography : DemographyParams
        Births, deaths and out-migration of the community's persons under every
        policy (the ``[demography]`` table); all three switches off: the month-0
        persons only age.
    prices : PriceIndex
        The run's one price index (the ``[prices]`` table): amounts are real yuan
        of its base year; nominal contracts are deflated by its CPI, wages grow
        with its wage index over its CPI, and results can be shown in nominal yuan.
        Default: the current index (:func:`collective_econ.prices.current`: the
        library's defaults, or the one a ``with prices.using(...)`` block sets).
    funding : FundingShares
        The county's own share of each item of the government's books (the
        ``[funding]`` table): how the report splits the public cost between the county's
        budget and higher levels. An accounting of results, not an input of the
        simulation.
    """

    name: str
    policies: tuple[Policy, ...]
    community: CommunityParams = field(default_factory=CommunityParams)
    livelihood: LivelihoodParams = field(default_factory=LivelihoodParams)
    horizon_years: int = 20
    start_year: int = 2010
    baseline: str | None = None
    scheme_params: Mapping[str, Parameters] = field(default_factory=dict)
    uncertainties: tuple[Uncertainty, ...] = ()
    correlation: Correlation | None = None
    experiment: ExperimentSettings = field(default_factory=ExperimentSettings)
    outcomes: tuple[str, ...] = ()
    notes: Mapping[Path, Annotation] = field(default_factory=dict)
    reforms: Mapping[str, str | None] = field(default_factory=dict, compare=False, repr=False)
    demography: DemographyParams = field(default_factory=DemographyParams)
    prices: PriceIndex = field(default_factory=current)
    funding: FundingShares = field(default_factory=FundingShares)

    def __post_init__(self) -> None:
        own = "Scenario"
        policies = as_tuple(self.policies, "policies", "a sequence of Policy", own)
        for policy in policies:
            check_type(policy, Policy, "policies", "a sequence of Policy", own)
        object.__setattr__(self, "policies", policies)
        for key in ("scheme_params", "notes", "reforms"):
            check_type(getattr(self, key), Mapping, key, "a mapping", own)
        for key in ("uncertainties", "outcomes"):
            object.__setattr__(self, key, as_tuple(getattr(self, key), key, "a sequence", own))
        if not self.policies:
            raise ParameterError("policies", "at least one policy", self.policies, owner=own)
        names = [p.name for p in self.policies]
        dup = {n for n in names if names.count(n) > 1}
        if dup:
            raise ParameterError("policies", "uniquely named", sorted(dup), owner=own)
        for key in ("horizon_years", "start_year"):
            object.__setattr__(self, key, whole_number(getattr(self, key), key, owner=own))
        if self.horizon_years < 1:
            raise ParameterError("horizon_years", "a whole number >= 1", self.horizon_years, own)
        if self.horizon_years > MAX_YEARS:
            rule = f"<= {MAX_YEARS} (each year is a row of every run)"
            raise ParameterError("horizon_years", rule, self.horizon_years, own)
        if not 1900 <= self.start_year <= 2200:
            rule = "within [1900, 2200] (calendar years; the price index and ages count from it)"
            raise ParameterError("start_year", rule, self.start_year, own)
        if self.baseline is not None and self.baseline not in names:
            rule = f"one of the policies{suggest(str(self.baseline), names)}"
            raise ParameterError("baseline", rule, self.baseline, owner=own)
        object.__setattr__(self, "policies", tuple(self.policies))
        catalogue = _catalogue(self.scheme_params, self.policies, self.notes)
        object.__setattr__(self, "scheme_params", catalogue)
        self._check_uncertainties()
        if not isinstance(self.prices, PriceIndex):
            raise ParameterTypeError("prices", "PriceIndex", self.prices, own)
        if not isinstance(self.funding, FundingShares):
            raise ParameterTypeError("funding", "FundingShares", self.funding, own)
        if not isinstance(self.experiment, ExperimentSettings):
            raise ParameterTypeError("experiment", "ExperimentSettings", self.experiment, own)
        outcomes = tuple(self.outcomes)
        if not all(isinstance(o, str) and o for o in outcomes) or len(set(outcomes)) < len(
            outcomes
        ):
            raise ParameterError("outcomes", "distinct non-empty strings", outcomes, owner=own)
        object.__setattr__(self, "outcomes", outcomes)
        object.__setattr__(self, "notes", dict(self.notes))
        object.__setattr__(self, "reforms", dict(self.reforms))
        for path, note in self.notes.items():
            if not isinstance(note, Annotation):
                raise ParameterTypeError(f"notes[{path!r}]", "an Annotation", note, owner=own)
            self._field_at(path)

    def _check_uncertainties(self) -> None:
        object.__setattr__(self, "uncertainties", tuple(self.uncertainties))
        seen: set[str] = set()
        for i, u in enumerate(self.uncertainties):
            own = f"Scenario.uncertainties[{i}]"
            if not isinstance(u, Uncertainty) or not isinstance(u.distribution, Distribution):
                raise ParameterTypeError("", "an Uncertainty with a Distribution", u, owner=own)
            try:
                check_support(u.param, u.distribution)
            except ParameterError as err:
                raise err.within(own) from None
            if u.param in seen:
                raise ParameterError("param", "named by one uncertainty only", u.param, own)
            seen.add(u.param)
        corr = self.correlation
        if corr is not None:
            if not isinstance(corr, Correlation):
                raise ParameterTypeError("correlation", "a Correlation", corr, owner="Scenario")
            for name in corr.names:
                if name not in seen:
                    rule = f"the param of an uncertainty{suggest(name, seen)}"
                    raise ParameterError("names", rule, name, owner="Scenario.correlation")

    @property
    def policy_names(self) -> tuple[str, ...]:
        """The policies' names, in order."""
        return tuple(p.name for p in self.policies)

    @property
    def baseline_policy(self) -> Policy:
        """The policy the others are compared with (``baseline``, else the first)."""
        return self.policies[0] if self.baseline is None else self.policy(self.baseline)

    def policy(self, name: str) -> Policy:
        """The policy called ``name`` (any other name: :meth:`unknown_policy`)."""
        for p in self.policies:
            if p.name == name:
                return p
        raise self.unknown_policy(name)

    def unknown_policy(
        self, name: str, field: str = "policy", owner: str = "Scenario"
    ) -> ParameterError:
        """The error for ``name`` that is not one of the policies' names (returned, not raised).

        The one place for the rule and its message: :meth:`policy` raises it, and so does
        the command line for a ``--policy`` (``field``) that is not the scenario's. The
        rule lists the valid names and suggests the closest.

        Examples
        --------
        >>> from collective_econ.cases.caopijie import default_scenario
        >>> print(default_scenario().unknown_policy("80 shares", "--policy", owner=""))
        ... # doctest: +NORMALIZE_WHITESPACE
        --policy must be the name of one of the scenario's policies: 'cash only',
        '80% shares', 'shares + hogs', 'full package', 'package without collective
        projects' (did you mean '80% shares'?), got '80 shares'
        """
        valid = self.policy_names
        listed = ", ".join(repr(n) for n in valid)
        rule = f"the name of one of the scenario's policies: {listed}{suggest(name, valid)}"
        return ParameterError(field, rule, name, owner=owner)

    def correlation_matrix(self) -> NDArray[np.float64]:
        """Rank correlation of all the uncertainties, in their order (identity if none).

        Examples
        --------
        >>> from collective_econ.cases.caopijie import default_scenario
        >>> rho = default_scenario().correlation_matrix()  # the case's ten inputs
        >>> rho.shape, bool((rho == np.eye(10)).all())
        ((10, 10), True)
        """
        params = [u.param for u in self.uncertainties]
        rho = np.eye(len(params))
        if self.correlation is not None:
            idx = [params.index(n) for n in self.correlation.names]
            rho[np.ix_(idx, idx)] = np.asarray(self.correlation.matrix)
        return rho

    @property
    def assumptions(self) -> tuple[Assumption, ...]:
        """The assumption register, one entry per parameter.

        Every parameter of the community, the household economy and the schemes the
        policies use, plus the policy values a file annotated, with unit, source and
        confidence (the file's where it gives them, else the ``param`` metadata's). The
        discount rates every present value uses (``discount.*``) are the library's own
        :class:`~collective_econ.finance.DiscountRates`, listed from it; a file does not
        set them.
        """
        used = {k for p in self.policies for k in p.schemes}
        roots: list[tuple[Path, Parameters]] = [
            (("community",), self.community),
            (("livelihood",), self.livelihood),
            (("demography",), self.demography),
            (("prices",), self.prices),
            (("discount",), DiscountRates()),
            (("funding",), self.funding),
        ]
        roots += [(("schemes", k), v) for k, v in self.scheme_params.items() if k in used]
        out = [
            self._assumption(path, value, info) for r in roots for path, value, info in walk(*r)
        ]
        seen = {a.path for a in out}
        order = {name: i for i, name in enumerate(self.policy_names)}
        extra = sorted(
            (p for p in self.notes if location(p) not in seen),
            key=lambda p: (order.get(str(p[1]), -1), location(p)),
        )
        out += [self._assumption(p, self._value_at(p), _info_at(self, p)) for p in extra]
        return tuple(out)

    def _assumption(self, path: Path, value: Any, info: Any) -> Assumption:
        note = self.notes.get(path, Annotation())
        source = info.source if note.source is None else note.source
        unit = info.unit if note.unit is None else note.unit
        conf = note.confidence or confidence_of(source)
        if note.source is None and not _same(value, _case_default(path, info)):
            # an edited value without a source of its own: not the case's figure
            source = (
                f"user's value (scenario {self.name!r}; the Caopijie default is {info.default!r})"
            )
            conf = note.confidence or "estimate"
        elif note.source is None and self._foreign_count(path):
            n = self.community.agricultural_residents
            source = (
                f"Caopijie's figure, not scaled to this community ({n:,} agricultural residents, "
                f"not {CommunityParams().agricultural_residents:,}): {source}"
            )
            conf = note.confidence or "estimate"
        return Assumption(location(path), value, unit, source, conf)

    def _foreign_count(self, path: Path) -> bool:
        """Whether ``path`` is a count tied to the case's community, in another community."""
        tail = tuple(str(p) for p in path[-2:])
        return tail in COMMUNITY_COUNTS and self.community != CommunityParams()

    def _value_at(self, path: Path) -> Any:
        parent, name = self._field_at(path)
        return getattr(parent, name)

    def _field_at(self, path: Path) -> tuple[Parameters, str]:
        """The parameter object and field at a note's path.

        ``("community" | "livelihood" | "demography" | "prices" | "funding", field)``,
        ``("schemes", scheme, field)``,
        ``("policies", name, scheme | "payout", field)``, with ``(field, index)`` pairs
        in between for tuples of parameter objects (``("schemes", "jobs", "jobs", 0,
        "wage_month")``).
        """
        try:
            obj: Any
            if path[0] in ("community", "livelihood", "demography", "prices", "funding"):
                obj, rest = getattr(self, str(path[0])), path[1:]
            elif path[0] == "schemes":
                obj, rest = self.scheme_params[str(path[1])], path[2:]
            elif path[0] == "policies":
                pol = self.policy(str(path[1]))
                obj = pol.payout if path[2] == "payout" else pol.schemes[str(path[2])].base
                rest = path[3:]
            else:
                raise KeyError(path[0])
            for seg in rest[:-1]:
                obj = obj[seg] if isinstance(seg, int) else getattr(obj, seg)
            name = rest[-1]
            if isinstance(obj, Parameters) and isinstance(name, str) and hasattr(obj, name):
                return obj, name
        except (IndexError, KeyError, AttributeError, TypeError, ParameterError):
            pass
        raise ParameterError("notes", "keys naming parameters", path, owner="Scenario")


COMMUNITY_COUNTS: frozenset[tuple[str, str]] = frozenset(
    {
        ("land_shares", "persons"),
        ("land_shares", "area_mu"),
        ("land_pension", "persons"),
        ("safety_net", "households"),
        ("hotel", "shareholders"),
    }
)
"""Scheme parameters whose Caopijie defaults count the case's own people or land."""


def _case_default(path: Path, info: Any) -> Any:
    """The case's default at ``path``: the class default, or the element of a default tuple.

    Inside a tuple of parameter objects (``schemes.jobs.jobs[0].name``) the default is
    that of the default tuple's element, not of the element class; an element the
    default tuple does not have has no default (``None``: any value is the user's).
    """
    if not any(isinstance(seg, int) for seg in path):
        return info.default
    obj: Any
    if path[0] == "schemes" and str(path[1]) in SCHEMES:
        obj, rest = SCHEMES[str(path[1])].params_type(), path[2:]
    elif path[0] == "policies" and len(path) > 2 and str(path[2]) in SCHEMES:
        obj, rest = SCHEMES[str(path[2])].params_type(), path[3:]
    else:
        return info.default
    try:
        for seg in rest:
            obj = obj[seg] if isinstance(seg, int) else getattr(obj, str(seg))
    except (IndexError, AttributeError, TypeError):
        return None
    return obj


def _same(value: Any, default: Any) -> bool:
    """Whether a parameter's value is its class default (missing defaults never match)."""
    if default is dataclasses.MISSING:
        return True
    try:
        return bool(value == default)
    except (TypeError, ValueError):
        return False


def uncompensated_policies(scenario: Scenario) -> tuple[str, ...]:
    """The policies under which households lose their land with no compensation.

    Land is taken under every policy (``CommunityParams.expropriation_shares``); the
    compensation the law requires (LAL 1998 Art. 47) is paid by the ``land_shares``
    scheme, in cash when ``share_fraction = 0``. A policy without it (a file that
    removes ``land_shares``) pays nothing: :func:`uncompensated_warning` says so.
    """
    return tuple(p.name for p in scenario.policies if "land_shares" not in p.schemes)


def uncompensated_warning(scenario: Scenario) -> str | None:
    """A loud warning naming the policies that take land without compensation, or None.

    Examples
    --------
    >>> from collective_econ.policy import Policy
    >>> print(uncompensated_warning(Scenario("x", (Policy("jobs only", {}),))))
    WARNING: under 'jobs only' land is taken with no compensation at all (no land_shares \
scheme), against the Land Administration Law (LAL 1998 Art. 47). To pay the legal \
compensation in cash, keep land_shares with share_fraction = 0 (the 'cash only' policy).
    """
    names = uncompensated_policies(scenario)
    if not names:
        return None
    listed = ", ".join(repr(n) for n in names)
    return (
        f"WARNING: under {listed} land is taken with no compensation at all (no land_shares "
        "scheme), against the Land Administration Law (LAL 1998 Art. 47). To pay the legal "
        "compensation in cash, keep land_shares with share_fraction = 0 (the 'cash only' "
        "policy)."
    )


def walk(prefix: Path, params: Parameters) -> Iterator[tuple[Path, Any, Any]]:
    """Each leaf value of a parameter record, nested records' included: path, value, info.

    The path is ``prefix`` and the field names (with an item's index in a tuple of
    records); the info, the field's :class:`~collective_econ.params.FieldInfo` with the
    source the object gives its value.
    """
    infos = {i.name: i for i in type(params).describe()}
    for f in dataclasses.fields(params):  # type: ignore[arg-type]
        value = getattr(params, f.name)
        if nested_type(type(params), f.name) is not None:
            for i, item in enumerate(value):
                yield from walk((*prefix, f.name, i), item)
        else:
            info, own = infos[f.name], params.source_of(f.name)
            if own != info.source:  # a kind of object with its own source for the value
                info = dataclasses.replace(info, source=own)
            yield (*prefix, f.name), value, info


def _info_at(scenario: Scenario, path: Path) -> Any:
    parent, name = scenario._field_at(path)
    return next(info for info in type(parent).describe() if info.name == name)


def _catalogue(
    given: Mapping[str, Parameters], policies: tuple[Policy, ...], notes: Mapping[Path, Any]
) -> dict[str, Parameters]:
    """The scenario's scheme base parameters: those some policy uses, and those given.

    A scheme some policy uses is kept (with its class defaults if not given).
    One no policy uses is kept only if given with other values than its class
    defaults or annotated in ``notes``: a reader's defaults for every
    registered scheme are dropped, so registering a new scheme changes no
    scenario and no scenario file. Registry order.

    Raises
    ------
    ParameterError
        For a name that is not a registered scheme.
    ParameterTypeError
        For parameters of another scheme's class.
    """
    for key, value in given.items():
        if key not in SCHEMES:
            raise ParameterError(key, f"a known scheme{suggest(key, SCHEMES)}", key, "Scenario")
        if not isinstance(value, SCHEMES[key].params_type):
            expected = SCHEMES[key].params_type.__name__
            raise ParameterTypeError(key, f"a {expected}", value, owner="Scenario.scheme_params")
    used = {k for p in policies if isinstance(p, Policy) for k in p.schemes}
    used |= {str(path[1]) for path in notes if len(path) > 1 and path[0] == "schemes"}
    used |= {k for k, v in given.items() if v != SCHEMES[k].params_type()}
    return {k: given.get(k) or s.params_type() for k, s in SCHEMES.items() if k in used}
