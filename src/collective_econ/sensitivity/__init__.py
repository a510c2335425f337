"""Sensitivity analysis: which uncertain inputs drive an outcome, and how far can they move.

A model is any batch function ``evaluate(X) -> Y``: ``X`` of shape (n, k), one row per run
and one column per uncertain input in its own unit; ``Y`` of shape (n,) or (n, m). Each
method builds its whole design, then calls ``evaluate`` once on it (switching values add
one-row calls to refine each root), so an ``evaluate`` that farms rows out to an executor
(:func:`chunked`) parallelises every method. Inputs are a sequence of
:class:`~collective_econ.schemes.base.Uncertainty` or ``(name, Distribution)`` pairs, taken
as independent. Formulas, references and how to read the results: ``docs/sensitivity.md``.

Examples
--------
Which input of the Jiewei hotel drives the households' NPV most?

>>> evaluate, inputs = appraisal_model("hotel")
>>> one_at_a_time(evaluate, inputs, base=evaluate.base_values).names[0]
'adr'
"""

from __future__ import annotations

from ._core import RANGE, chunked
from .local import SwitchingValues, Tornado, one_at_a_time, switching_values
from .models import (
    AppraisalModel,
    SimulationModel,
    acting_on,
    appraisal_model,
    simulation_model,
)
from .morris import MorrisResult, morris
from .sobol import SobolResult, sobol

__all__ = [
    "RANGE",
    "AppraisalModel",
    "MorrisResult",
    "SimulationModel",
    "SobolResult",
    "SwitchingValues",
    "Tornado",
    "acting_on",
    "appraisal_model",
    "chunked",
    "morris",
    "one_at_a_time",
    "simulation_model",
    "sobol",
    "switching_values",
]
