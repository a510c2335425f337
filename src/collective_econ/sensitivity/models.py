"""Ready-made models to analyse: the appraisal of a scheme."""

from __future__ import annotations

import math
import typing
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from ..distributions.uncertainty import Uncertainty
from ..errors import ParameterError, ParameterTypeError, suggest
from ..finance import DEFAULT_DISCOUNT_RATE
from ..params import Parameters, _whole
from ..runs.experiment import run_experiment
from ..runs.outcomes import OUTCOMES
from ..runs.spec import ExperimentSpec
from ..schemes import SCHEMES, Scheme
from ..schemes.base import STAKEHOLDERS, Stakeholder

if TYPE_CHECKING:
    pass

from ._core import FloatArray


@dataclass(frozen=True, slots=True)
class AppraisalModel:
    """A scheme's expected NPV for one stakeholder, as a batch model of its inputs ``names``.

    Row by row, the inputs replace those fields of ``params`` (integer fields rounded),
    the scheme is appraised deterministically (expected flows) and the stakeholder's NPV
    at ``rate`` returned, shape (n,), yuan of 2010. It pickles, for process pools.
    """

    scheme: Scheme[Any]
    names: tuple[str, ...]
    params: Parameters
    stakeholder: Stakeholder = Stakeholder.HOUSEHOLDS
    rate: float = DEFAULT_DISCOUNT_RATE
    horizon_years: int = 20

    @property
    def base_values(self) -> FloatArray:
        """The inputs' values in ``params``, the base case, shape (k,)."""
        return np.array([float(getattr(self.params, n)) for n in self.names])

    def __call__(self, x: FloatArray) -> FloatArray:
        """NPV (n,) for inputs ``x`` (n, k)."""
        ints = {n for n, h in typing.get_type_hints(type(self.params)).items() if h is int}
        j, out = STAKEHOLDERS.index(self.stakeholder), np.empty(len(x))
        for r, row in enumerate(np.asarray(x, dtype=float)):
            changes = {
                n: round(v) if n in ints else float(v)
                for n, v in zip(self.names, row, strict=True)
            }
            flows = self.scheme.appraise(
                self.params.evolve(**changes), horizon_years=self.horizon_years
            )
            out[r] = flows.npv(self.rate)[j]
        return out


def appraisal_model(
    scheme: Scheme[Any] | str,
    stakeholder: Stakeholder | str = "households",
    rate: float = DEFAULT_DISCOUNT_RATE,
    horizon_years: int = 20,
    *,
    params: Parameters | None = None,
) -> tuple[AppraisalModel, tuple[Uncertainty, ...]]:
    """A scheme's NPV for a stakeholder as a model of the scheme's own ``UNCERTAINTIES``.

    ``params`` is the base case (the scheme's defaults if None). Returns the model,
    ``evaluate(X (n, k)) -> NPV (n,)`` in yuan, and the uncertainties in X's column order.

    Examples
    --------
    >>> evaluate, inputs = appraisal_model("hotel", "households")
    >>> [u.param for u in inputs]
    ['adr', 'occupancy', 'gop_margin', 'construction_months']
    >>> evaluate(evaluate.base_values[None, :]).round(-5)
    array([600000.])
    """
    if isinstance(scheme, str):
        if scheme not in SCHEMES:
            raise ParameterError("scheme", f"one of {', '.join(sorted(SCHEMES))}", scheme)
        scheme = SCHEMES[scheme]
    if not scheme.uncertainties:
        raise ParameterError("scheme", "a scheme with uncertain inputs", scheme.name)
    if stakeholder not in {s.value for s in STAKEHOLDERS}:
        raise ParameterError("stakeholder", f"one of {', '.join(STAKEHOLDERS)}", stakeholder)
    if not (math.isfinite(rate) and rate > -1.0):
        raise ParameterError("rate", "finite and > -1", rate)
    base = scheme.params_type() if params is None else params
    if not isinstance(base, scheme.params_type):
        raise ParameterTypeError("params", f"a {scheme.params_type.__name__}", base)
    model = AppraisalModel(
        scheme,
        tuple(u.param for u in scheme.uncertainties),
        base,
        Stakeholder(stakeholder),
        float(rate),
        _whole(horizon_years, "horizon_years", 1, "", terse=True),
    )
    return model, scheme.uncertainties


@dataclass(frozen=True)
class SimulationModel:
    """An outcome of the household simulation, as a batch model of uncertain inputs.

    Each row of ``X`` is one sample of the inputs (dotted paths ``"scheme.field"``);
    every row is simulated once under ``policy`` with the same seed (common random
    numbers across rows: rows differ only by their inputs) through
    :func:`collective_econ.runs.experiment.run_experiment`, on ``executor`` when given.
    Returns the scalar outcome per row, shape (n,). Each run keeps that outcome only
    (:attr:`~collective_econ.runs.spec.ExperimentSpec.outcomes`), so that memory stays
    flat in the number of rows.
    """

    scenario: Any
    policy: str
    outcome: str
    uncertainties: tuple[Uncertainty, ...]
    seed: int = 2010
    horizon_years: int | None = None
    executor: Any = None

    @property
    def names(self) -> tuple[str, ...]:
        """The inputs' dotted paths."""
        return tuple(u.param for u in self.uncertainties)

    def __call__(self, x: FloatArray) -> FloatArray:
        """Simulate each row of ``x`` (n, k); return the outcome, shape (n,)."""
        spec = ExperimentSpec(
            policies=(self.policy,),
            uncertainties=self.uncertainties,
            design="given",
            values=tuple(tuple(float(v) for v in row) for row in np.atleast_2d(x)),
            replications=1,
            horizon_years=self.horizon_years,
            seed=self.seed,
            common_seeds=True,
            outcomes=(self.outcome,),  # a few bytes a run: flat memory for large designs
        )
        results = run_experiment(self.scenario, spec, executor=self.executor)
        return np.asarray(results.sel(self.outcome, policy=self.policy)[:, 0], dtype=np.float64)


def acting_on(
    scenario: Any, policy: str, uncertainties: typing.Sequence[Uncertainty]
) -> tuple[tuple[Uncertainty, ...], tuple[Uncertainty, ...]]:
    """Split ``uncertainties`` into those that act on ``policy`` and those that do not.

    An input ``"<scheme>.<field>"`` acts only where the policy has the scheme;
    ``"community.<field>"``, ``"livelihood.<field>"`` and ``"demography.<field>"`` act
    under every policy.

    Returns
    -------
    (kept, dropped) : tuple of tuple of Uncertainty
        In the given order.

    Examples
    --------
    >>> from collective_econ.cases.caopijie import SIMULATION_UNCERTAINTIES, default_scenario
    >>> kept, dropped = acting_on(default_scenario(), "80% shares", SIMULATION_UNCERTAINTIES)
    >>> [u.param for u in kept]
    ['land_shares.dividend_rate', 'land_shares.default_prob', 'safety_net.line_month']
    >>> len(dropped)
    7
    """
    schemes = set(scenario.policy(policy).schemes)
    kept: list[Uncertainty] = []
    dropped: list[Uncertainty] = []
    for u in uncertainties:
        head = u.param.partition(".")[0]
        acts = head in ("community", "livelihood", "demography") or head in schemes
        acts = acts or "." not in u.param
        (kept if acts else dropped).append(u)
    return tuple(kept), tuple(dropped)


def simulation_model(
    scenario: Any,
    policy: str = "full package",
    outcome: str = "mean_income_total",
    uncertainties: typing.Sequence[Uncertainty] | None = None,
    *,
    seed: int = 2010,
    horizon_years: int | None = None,
    executor: Any = None,
) -> tuple[SimulationModel, tuple[Uncertainty, ...]]:
    """A scalar outcome of the household simulation as a model for the sensitivity methods.

    Parameters
    ----------
    scenario : Scenario
        The case (``default_scenario()``).
    policy : str, default "full package"
        The policy simulated.
    outcome : str, default "mean_income_total"
        A scalar outcome of :data:`collective_econ.runs.results.OUTCOMES`
        (``restored_within_5y``, ``fiscal_cost_npv``, ...).
    uncertainties : sequence of Uncertainty
        Inputs, as dotted paths into the scenario (for the Caopijie case,
        :data:`collective_econ.cases.caopijie.SIMULATION_UNCERTAINTIES`); by default
        the scenario's own ``uncertainties``.
    seed, horizon_years, executor
        Passed to the experiment (any ``concurrent.futures.Executor``).

    Returns
    -------
    (SimulationModel, tuple of Uncertainty)
        The model and the inputs it varies: those of ``uncertainties`` that act on
        ``policy`` (:func:`acting_on`; the others would change nothing).
    """
    info = OUTCOMES.get(outcome)
    if info is None or info.per_year:
        scalars = sorted(n for n, o in OUTCOMES.items() if not o.per_year)
        hint = suggest(outcome, scalars)
        raise ParameterError("outcome", f"a scalar outcome: one of {scalars}{hint}", outcome)
    given = tuple(scenario.uncertainties if uncertainties is None else uncertainties)
    unc, dropped = acting_on(scenario, policy, given)
    if not unc:
        rule = (
            "at least one uncertain input: give them, or put them in the scenario's "
            "[uncertainties]"
        )
        if dropped:
            rule = f"at least one uncertain input acting on policy {policy!r} (its schemes)"
        raise ParameterError("uncertainties", rule, [u.param for u in dropped])
    model = SimulationModel(scenario, policy, outcome, unc, seed, horizon_years, executor)
    return model, unc
