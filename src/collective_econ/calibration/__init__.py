"""Calibration: fit the model to what is observed.

- :mod:`.survey`: read a household survey (CSV, or a Survey Solutions tab-separated
  export) into a community, with survey weights, and write one back;
- :mod:`.synthetic`: a synthetic survey drawn from the model's own community at known
  parameters (for tests and the tutorial);
- :mod:`.weights`: raking and linear calibration of survey weights to county margins,
  with bounds on the weight ratios and replicate-weight standard errors;
- :mod:`.fit`: behavioural parameters fitted to survey moments by ABC-SMC (pyabc as an
  optional engine); the posterior as distributions later experiments use;
- :mod:`.monitor`: monitoring rounds, the completion-audit indicators, the forecast
  reweighted by what was observed.

How to use them: ``docs/calibration.md``.
"""

from __future__ import annotations

from .fit import (
    Moment,
    Posterior,
    abc_smc,
    business_survival_moment,
    dibao_moment,
    employment_moment,
    fit,
    income_moment,
    income_quantile_moment,
    median_income_moment,
    moment_by_name,
    outcome_moment,
    posterior_predictive,
    read_moments,
    synthetic_moments,
    write_moments,
)
from .monitor import Audit, ForecastUpdate, Round, audit, read_round, read_rounds, update_forecast
from .survey import (
    Survey,
    read_csv_survey,
    read_survey_solutions,
    write_csv_survey,
    write_survey_solutions,
)
from .synthetic import income_by_source, synthetic_survey
from .weights import (
    Calibration,
    MarginSpec,
    ReplicateWeights,
    calibrate,
    calibrate_weights,
    replicate_weights,
)

__all__ = [
    "Audit",
    "Calibration",
    "ForecastUpdate",
    "MarginSpec",
    "Moment",
    "Posterior",
    "ReplicateWeights",
    "Round",
    "Survey",
    "abc_smc",
    "audit",
    "business_survival_moment",
    "calibrate",
    "calibrate_weights",
    "dibao_moment",
    "employment_moment",
    "fit",
    "income_by_source",
    "income_moment",
    "income_quantile_moment",
    "median_income_moment",
    "moment_by_name",
    "outcome_moment",
    "posterior_predictive",
    "read_csv_survey",
    "read_moments",
    "read_round",
    "read_rounds",
    "read_survey_solutions",
    "replicate_weights",
    "synthetic_moments",
    "synthetic_survey",
    "update_forecast",
    "write_csv_survey",
    "write_moments",
    "write_survey_solutions",
]
