"""Decisions under deep uncertainty: which policy is robust, when it fails, what to tune.

Each module answers one question a county or a development bank asks of the model, on
the runs of an experiment (policies x futures x replications, with common random
numbers):

- :mod:`.robustness`: satisficing share, regret and minimax regret per policy, with
  intervals, and a verdict when two policies cannot be told apart;
- :mod:`.discovery`: PRIM boxes (and CART where scikit-learn is installed): "under what
  conditions does a policy fail?", in English and Chinese sentences;
- :mod:`.optimize`: levers within bounds, an objective and chance constraints, searched
  by common-random-number racing (:mod:`.racing`); a multi-objective front through
  pymoo (:mod:`.pareto`, optional extra ``decision``);
- :mod:`.voi`: expected value of perfect (partial) information per uncertainty.

The formulas, references and how to read the results are in ``docs/decision.md``.
"""

from __future__ import annotations

from .discovery import Box, Discovery, Trajectory, cart_boxes, discover, discover_failures, peel
from .optimize import Constraint, Lever, Objective, Optimum, optimize
from .pareto import Front, front
from .robustness import Criterion, Robustness, robust, robustness
from .voi import ValueOfInformation, evpi, evppi, value_of_information, voi

__all__ = [
    "Box",
    "Constraint",
    "Criterion",
    "Discovery",
    "Front",
    "Lever",
    "Objective",
    "Optimum",
    "Robustness",
    "Trajectory",
    "ValueOfInformation",
    "cart_boxes",
    "discover",
    "discover_failures",
    "evpi",
    "evppi",
    "front",
    "optimize",
    "peel",
    "robust",
    "robustness",
    "value_of_information",
    "voi",
]
