"""Experiments: what to run, running it on any executor, what each run records, the results.

- :mod:`.spec`: :class:`ExperimentSpec` (policies x samples x replications) and its design;
- :mod:`.experiment`: :func:`run_experiment`, the loop that submits, commits and resumes;
- :mod:`.executors`: a process pool with BLAS limited, the inline executor, a Dask client
  that fails in one line when its workers are lost;
- :mod:`.stopping`: :class:`StoppingRule` and :class:`DecisionStoppingRule`, replications
  until an interval (the decision table's) is narrow;
- :mod:`.decision`: the decision table's rows and intervals;
- :mod:`.outcomes`: the outcome catalogue and the one reduction of a run;
- :mod:`.store`: the resumable SQLite store;
- :mod:`.results`: :class:`ExperimentResults`, the arrays and the headline table;
- :mod:`.comparison`: :func:`compare` and :class:`Comparison`, the view the plots read.
- :mod:`.reconcile`: :func:`~.reconcile.reconcile`, the appraisal beside the simulation.
"""

from .comparison import Comparison, compare
from .executors import DaskExecutor, dask_executor, limit_blas_threads, process_pool
from .experiment import run_experiment, run_task
from .outcomes import OUTCOMES, Outcome, outcome_info, reduce_run
from .results import ExperimentResults, RunId, load_results
from .spec import DESIGNS, ExperimentDesign, ExperimentSpec, build_design
from .stopping import DecisionStoppingRule, StoppingRule
from .store import ResultStore, open_store

__all__ = [
    "DESIGNS",
    "OUTCOMES",
    "Comparison",
    "DaskExecutor",
    "DecisionStoppingRule",
    "ExperimentDesign",
    "ExperimentResults",
    "ExperimentSpec",
    "Outcome",
    "ResultStore",
    "RunId",
    "StoppingRule",
    "build_design",
    "compare",
    "dask_executor",
    "limit_blas_threads",
    "load_results",
    "open_store",
    "outcome_info",
    "process_pool",
    "reduce_run",
    "run_experiment",
    "run_task",
]
