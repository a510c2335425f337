"""Experiment specifications and their designs: which policies, samples and replications."""

from __future__ import annotations

import dataclasses
import itertools
import math
import numbers
import typing
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from ..distributions import correlate_uniforms, transform_uniform, validate_correlation
from ..distributions.design import clip_open, uniform_design
from ..distributions.uncertainty import Uncertainty
from ..economy.livelihood import LivelihoodParams
from ..economy.population import DemographyParams
from ..errors import ParameterError, ParameterTypeError, suggest
from ..params import _bad, _whole, as_tuple
from ..policy import Policy
from ..resources import check, draws_estimate
from ..scenario import Scenario
from ..schemes import SCHEMES
from ..seeding import as_seed_sequence, stream
from .outcomes import OUTCOMES
from .results import RunId

__all__ = [
    "DESIGNS",
    "PLOT_RUNS",
    "ExperimentDesign",
    "ExperimentSpec",
    "build_design",
    "main_spec",
]

DESIGNS = ("montecarlo", "lhs", "sobol", "factorial", "given")
"""Sampling designs of :class:`ExperimentSpec`."""


@dataclass(frozen=True)
class ExperimentSpec:
    """What to run: policies x samples of the uncertain inputs x replications.

    Parameters
    ----------
    policies : tuple of str
        Names of the scenario's policies; empty means all of them, in order.
    uncertainties : tuple of Uncertainty
        Inputs to sample. ``param`` is ``"<scheme>.<field>"`` (set in every
        policy that has the scheme), ``"livelihood.<field>"`` (which also
        moves the households' baselines) or ``"demography.<field>"`` (the
        run's population history, under every policy). Integer fields take the sampled value
        rounded to the nearest whole number (halves to even, as ``round``).
    design : {"montecarlo", "lhs", "sobol", "factorial", "given"}
        Independent uniforms, a Latin hypercube, a scrambled Sobol sequence
        (``samples`` a power of two), a full factorial, or the rows of
        ``values``; uniforms go through each distribution's ``ppf``.
    samples : int, optional
        Design points (default 1); set by the design for "factorial" and "given".
    levels : int or tuple of int
        "factorial": each uncertainty takes its distribution's quantiles at the
        probabilities ``(k + 0.5) / L``, k = 0 .. L - 1, crossed in full. For a
        lever with given values ``v``, use ``Empirical(values=v)`` with
        ``len(v)`` levels: each value comes once.
    values : tuple of tuple of float
        "given": one row per sample, one column per uncertainty, in the inputs'
        units (one-at-a-time sweeps, Morris or Saltelli designs).
    correlation : tuple of tuple of float, optional
        Spearman rank correlation among the uncertainties (a Gaussian copula,
        :func:`~collective_econ.distributions.correlate_uniforms`); a Latin
        hypercube then stays stratified in its first input only.
    replications : int
        Runs per policy and sample, >= 1.
    horizon_years : int, optional
        Years simulated (the scenario's by default).
    seed : int
        Root seed, >= 0.
    panels : tuple of RunId, or "all"
        Runs (policy index, sample, replication) whose (years, households)
        income panels are kept; "all" keeps every run's (for small experiments
        and :meth:`~collective_econ.runs.results.ExperimentResults.to_comparison`).
    common_seeds : bool
        Every sample uses the replications' seeds (``("replication", r)``):
        common random numbers across samples too, so that outcomes move with
        the inputs alone (sensitivity analysis). By default each sample has
        its own seeds (``("sample", s, "replication", r)``), as an uncertainty
        analysis wants.
    outcomes : tuple of str
        The outcomes each run keeps (names of
        :data:`~collective_econ.runs.outcomes.OUTCOMES`); by default every one, with
        each landless household's mean income. With a subset a run's record holds
        those outcomes only and no household means: a few bytes a run instead of
        about 70 kB on the full community, so that designs of many thousand runs
        (Sobol, Morris) stream through the store in flat memory. Results of such an
        experiment answer questions about those outcomes only.
    """

    policies: tuple[str, ...] = ()
    uncertainties: tuple[Uncertainty, ...] = ()
    design: str = "montecarlo"
    samples: int | None = None
    levels: int | tuple[int, ...] = 3
    values: tuple[tuple[float, ...], ...] = ()
    correlation: tuple[tuple[float, ...], ...] | None = None
    replications: int = 1
    horizon_years: int | None = None
    seed: int = 2010
    panels: tuple[RunId, ...] | Literal["all"] = ()
    common_seeds: bool = False
    outcomes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        def put(name: str, value: object) -> None:
            object.__setattr__(self, name, value)

        put("policies", as_tuple(self.policies, "policies", "a sequence of policy names"))
        put("outcomes", as_tuple(self.outcomes, "outcomes", "a sequence of outcome names"))
        for name in self.outcomes:
            if not isinstance(name, str) or name not in OUTCOMES:
                hint = suggest(str(name), OUTCOMES)
                raise _bad("outcomes", f"names of outcomes, one of {sorted(OUTCOMES)}{hint}", name)
        if len(set(self.outcomes)) < len(self.outcomes):
            raise _bad("outcomes", "distinct outcome names", self.outcomes)
        rule = "a sequence of Uncertainty"
        put("uncertainties", as_tuple(self.uncertainties, "uncertainties", rule))
        if not all(isinstance(p, str) for p in self.policies) or len(set(self.policies)) < len(
            self.policies
        ):
            raise _bad("policies", "distinct policy names", self.policies)
        for i, u in enumerate(self.uncertainties):
            if not isinstance(u, Uncertainty):
                raise ParameterTypeError(f"uncertainties[{i}]", "an Uncertainty", u)
        names, k = [u.param for u in self.uncertainties], len(self.uncertainties)
        if len(set(names)) < k:
            raise _bad("uncertainties", "distinct params", tuple(names))
        if not isinstance(self.design, str) or self.design not in DESIGNS:
            hint = suggest(str(self.design), DESIGNS)
            raise _bad("design", f"one of {list(DESIGNS)}{hint}", self.design)
        if self.samples is not None:
            n = _whole(self.samples, "samples", 1)
            if self.design in ("factorial", "given"):
                raise _bad("samples", f"left unset with design={self.design!r}", n)
            if self.design == "sobol" and n & (n - 1):
                raise _bad(
                    "samples",
                    f"a power of two with design='sobol' (e.g. {1 << n.bit_length()})",
                    n,
                )
        levels = (
            (self.levels,) * k
            if isinstance(self.levels, numbers.Integral)
            else as_tuple(self.levels, "levels", "a whole number or one per uncertainty")
        )
        if self.design == "factorial" and len(levels) != k:
            raise _bad("levels", f"one count per uncertainty ({k})", self.levels)
        put("levels", tuple(_whole(v, "levels", 1) for v in levels))
        rule = f"rows of {k} finite numbers (one per uncertainty)"
        try:
            rows = tuple(tuple(float(v) for v in row) for row in self.values)
        except (TypeError, ValueError):
            raise ParameterTypeError("values", rule, self.values, owner="ExperimentSpec") from None
        if (self.design == "given") != bool(rows):
            raise _bad("values", "given with design='given', and only then", len(rows))
        if any(len(row) != k or not all(map(math.isfinite, row)) for row in rows):
            raise _bad("values", f"rows of {k} finite numbers (one per uncertainty)", self.values)
        put("values", rows)
        if self.correlation is not None:
            if self.design in ("factorial", "given") or k < 2:
                raise _bad(
                    "correlation", "unset unless >= 2 uncertainties are sampled", self.correlation
                )
            rho = validate_correlation(self.correlation, names=names)
            put("correlation", tuple(tuple(float(v) for v in r) for r in rho))
        _whole(self.replications, "replications", 1)
        if self.horizon_years is not None:
            _whole(self.horizon_years, "horizon_years", 1)
        _whole(self.seed, "seed", 0)
        if self.panels != "all":
            try:
                put(
                    "panels",
                    tuple(RunId(*(_whole(x, "panels", 0) for x in r)) for r in self.panels),
                )
            except TypeError:
                raise _bad(
                    "panels", "'all' or (policy, sample, replication) triples", self.panels
                ) from None

    @property
    def n_samples(self) -> int:
        """Design points."""
        if self.design == "factorial":
            return math.prod(typing.cast(tuple[int, ...], self.levels))
        return len(self.values) if self.design == "given" else int(self.samples or 1)


@dataclass(frozen=True, eq=False)
class ExperimentDesign:
    """A spec resolved against a scenario: policies, inputs, and each sample's input values.

    ``values`` has shape (samples, inputs); ``integer`` flags integer fields.
    """

    policies: tuple[Policy, ...]
    inputs: tuple[str, ...]
    integer: tuple[bool, ...]
    values: NDArray[np.float64]
    horizon_years: int

    def runs(self, replications: int) -> int:
        """Runs of the experiment with ``replications`` replications."""
        return len(self.policies) * int(self.values.shape[0]) * replications


_SECTIONS: dict[str, type[Any]] = {"livelihood": LivelihoodParams, "demography": DemographyParams}


def apply_demography(
    demography: DemographyParams,
    paths: Sequence[str],
    integer: Sequence[bool],
    row: Sequence[float],
) -> DemographyParams:
    """The demography with one sample's ``"demography.<field>"`` values set.

    The same object when the sample sets none.
    """
    changes = {
        path.partition(".")[2]: (round(v) if is_int else float(v))
        for path, is_int, v in zip(paths, integer, row, strict=True)
        if path.partition(".")[0] == "demography"
    }
    return demography.evolve(**changes) if changes else demography


def _field_type(path: str, field: str, policies: Sequence[Policy]) -> type:
    scheme, dot, name = path.partition(".")
    holders = [p.schemes[scheme].base for p in policies if scheme in p.schemes]
    if scheme not in _SECTIONS and not (dot and holders):
        options = sorted({s for p in policies for s in p.schemes} | set(_SECTIONS))
        hint = suggest(scheme, options) if dot else " (a dotted path)"
        if scheme in SCHEMES and dot:
            hint = f" (no policy of the experiment has {scheme!r})"
        raise _bad(field, f"'<scheme>.<field>' with <scheme> one of {options}{hint}", path)
    cls = _SECTIONS[scheme] if scheme in _SECTIONS else type(holders[0])
    fields = [f.name for f in dataclasses.fields(cls)]
    if name not in fields:
        hint = suggest(path, [f"{scheme}.{f}" for f in fields])
        raise _bad(field, f"a field of {cls.__name__}{hint}", path)
    kind = typing.get_type_hints(cls)[name]
    if kind not in (int, float):
        raise _bad(field, f"a numeric field ({cls.__name__}.{name} is {kind})", path)
    return typing.cast(type, kind)


def build_design(scenario: Scenario, spec: ExperimentSpec) -> ExperimentDesign:
    """Resolve ``spec`` against ``scenario``: its policies, inputs and sampled values.

    Raises
    ------
    ParameterError
        An unknown policy; an input no policy has, or an unknown or
        non-numeric field (with a suggestion); sampled values that break a
        parameter's rule.
    """
    policies = tuple(scenario.policy(n) for n in spec.policies or scenario.policy_names)
    paths = tuple(u.param for u in spec.uncertainties)
    fields = [f"uncertainties[{i}].param" for i in range(len(paths))]
    integer = tuple(_field_type(p, f, policies) is int for p, f in zip(paths, fields, strict=True))
    dists = [u.distribution for u in spec.uncertainties]
    if spec.design == "factorial":
        levels = typing.cast(tuple[int, ...], spec.levels)
        axes = [
            np.asarray(d.ppf((np.arange(n) + 0.5) / n)).reshape(-1)
            for d, n in zip(dists, levels, strict=True)
        ]
        values = np.array(list(itertools.product(*axes)), dtype=float).reshape(-1, len(paths))
    elif spec.design == "given":
        values = np.array(spec.values, dtype=float).reshape(-1, len(paths))
    else:
        check(draws_estimate(spec.n_samples, max(len(paths), 1)))  # before drawing any
        gen = stream(as_seed_sequence(spec.seed), "design")
        u = clip_open(uniform_design(spec.design, spec.n_samples, len(paths), gen))
        if spec.correlation is not None:
            u = correlate_uniforms(u, spec.correlation, names=paths)
        values = transform_uniform(dists, u) if dists else u
    values[:, list(integer)] = np.rint(values[:, list(integer)])
    for j, path in enumerate(paths):  # the extremes must pass the fields' rules
        for v in (values[:, j].min(), values[:, j].max()) if len(values) else ():
            try:
                _apply(scenario.livelihood, policies, (path,), (integer[j],), (float(v),))
                apply_demography(scenario.demography, (path,), (integer[j],), (float(v),))
            except ParameterError as err:
                raise _bad(
                    fields[j], f"sampled within the rule of {path} ({err.rule})", float(v)
                ) from None
    horizon = spec.horizon_years or scenario.horizon_years
    return ExperimentDesign(policies, paths, integer, values, horizon)


def _apply(
    livelihood: LivelihoodParams,
    policies: Sequence[Policy],
    paths: Sequence[str],
    integer: Sequence[bool],
    row: Sequence[float],
) -> tuple[LivelihoodParams, list[Policy]]:
    """The household rules and the policies with one sample's values set."""
    lp: dict[str, Any] = {}
    schemes: dict[str, Any] = {}
    for path, is_int, v in zip(paths, integer, row, strict=True):
        scheme, _, name = path.partition(".")
        value = round(v) if is_int else float(v)
        if scheme == "livelihood":
            lp[name] = value
        elif scheme == "demography":
            continue  # apply_demography
        else:
            schemes[path] = value
    out = []
    for pol in policies:
        mine = {k: v for k, v in schemes.items() if k.partition(".")[0] in pol.schemes}
        out.append(pol.reform(pol.name, mine, description=pol.description) if mine else pol)
    return (livelihood.evolve(**lp) if lp else livelihood), out


PLOT_RUNS = 20
"""Runs per policy whose household panels the main job keeps for its plots."""


def main_spec(
    scenario: Scenario,
    policies: Sequence[str] = (),
    *,
    samples: int | None = None,
    replications: int | None = None,
    seed: int | None = None,
    horizon_years: int | None = None,
    panels: int | Literal["all"] = PLOT_RUNS,
) -> ExperimentSpec:
    """The main job's spec (``collective-econ run``, :func:`~collective_econ.runs.compare`).

    The scenario's ``[experiment]`` (design, samples, replications, seed) unless given:
    with ``samples`` > 1 the scenario's uncertain inputs that act on some of the
    ``policies`` (a ``"<scheme>.<field>"`` input acts where a policy has the scheme)
    are drawn by its design, with their rank correlation, so that the intervals cover
    the inputs as well as the random events; with 1 sample every input is at its
    value in the scenario. Replication ``r`` of sample ``s`` has the same seed under
    every policy (common random numbers: paired by sample and replication).

    Parameters
    ----------
    panels : int or "all", default PLOT_RUNS
        Household panels kept for the plots: every run's, or those of the first
        replications of the first samples, at most ``panels`` runs per policy.

    Examples
    --------
    >>> from collective_econ.cases.caopijie import default_scenario
    >>> spec = main_spec(default_scenario())
    >>> spec.design, spec.n_samples, spec.replications, len(spec.uncertainties)
    ('lhs', 20, 1, 10)
    >>> len(main_spec(default_scenario(), samples=1).uncertainties)
    0
    """
    ex = scenario.experiment
    names = tuple(policies) or scenario.policy_names
    samples = ex.samples if samples is None else _whole(samples, "samples", 1)
    replications = ex.replications if replications is None else replications
    _whole(replications, "replications", 1)
    used = {s for n in names for s in scenario.policy(n).schemes} | set(_SECTIONS)
    inputs = tuple(u for u in scenario.uncertainties if u.param.partition(".")[0] in used)
    inputs = inputs if samples > 1 else ()
    if inputs and ex.design not in DESIGNS:
        raise _bad("experiment.design", f"one of {list(DESIGNS)} for the main job", ex.design)
    correlation = None
    if len(inputs) >= 2:
        where = [scenario.uncertainties.index(u) for u in inputs]
        rho = scenario.correlation_matrix()[np.ix_(where, where)]
        if not np.array_equal(rho, np.eye(len(where))):
            correlation = tuple(tuple(float(v) for v in row) for row in rho)
    if panels == "all" or panels <= 0:
        kept: tuple[RunId, ...] | Literal["all"] = "all" if panels == "all" else ()
    else:
        reps = min(replications, panels)
        kept = tuple(
            RunId(p, s, r)
            for p in range(len(names))
            for s in range(min(samples, max(1, panels // reps)))
            for r in range(reps)
        )
    return ExperimentSpec(
        policies=names,
        uncertainties=inputs,
        design=ex.design if inputs else "montecarlo",
        samples=samples,
        correlation=correlation,
        replications=replications,
        horizon_years=horizon_years,
        seed=ex.seed if seed is None else seed,
        panels=kept,
    )
