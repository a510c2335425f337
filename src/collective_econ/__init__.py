"""collective_econ: appraise and simulate the economics of communities losing their farmland.

The default case is the Caopijie community of Yun County, Yunnan (seed-facts.md).
Importing the package only defines names; nothing is run, drawn or written.

Examples
--------
>>> import collective_econ as ce
>>> hotel = ce.appraise("hotel")
>>> sorted(ce.SCHEMES)[:3]
['agro_park', 'enterprise', 'hogs']
"""

from ._version import __version__
from .appraisal import AppraisalRow, appraisal_table, appraise, monte_carlo
from .cases.caopijie import CASE, CaseFacts, Finding, check_case, default_scenario
from .distributions import (
    PERT,
    Distribution,
    Empirical,
    Fixed,
    LogNormal,
    Normal,
    Triangular,
    Uniform,
    sample_correlated,
    validate_correlation,
)
from .distributions.uncertainty import Uncertainty
from .economy.collective import PayoutRule
from .economy.community import Community, CommunityParams, from_table, read_csv, synthesize
from .economy.ledger import Ledger, Source
from .economy.livelihood import LivelihoodParams
from .economy.schedule import Period, Schedule
from .errors import (
    CaseDataError,
    CollectiveEconError,
    MemoryBudgetError,
    ParameterError,
    ParameterTypeError,
    ShapeError,
)
from .finance import (
    LoanSchedule,
    annuity_payment,
    benefit_cost_ratio,
    irr,
    loan_schedule,
    mirr,
    npv,
    payback_period,
)
from .metrics import (
    POVERTY_LINES,
    fgt,
    gini,
    lorenz,
    paired_difference,
    restoration,
    weighted_quantile,
    winners_losers,
)
from .policy import Policy
from .prices import PriceIndex
from .runs.comparison import Comparison, compare
from .runs.experiment import run_experiment
from .runs.results import ExperimentResults, RunId
from .runs.spec import ExperimentSpec
from .runs.stopping import StoppingRule
from .scenario import Scenario
from .schemes import (
    SCHEMES,
    AgroParkParams,
    DibaoParams,
    EnterpriseParams,
    HogParams,
    HotelParams,
    JobsParams,
    JobType,
    LandSharesParams,
    Sector,
    TeaParams,
)
from .schemes.base import STAKEHOLDERS, Appraisal, Scheme, Stakeholder
from .simulation import RunResult, simulate

__all__ = [
    "CASE",
    "PERT",
    "POVERTY_LINES",
    "SCHEMES",
    "STAKEHOLDERS",
    "AgroParkParams",
    "Appraisal",
    "AppraisalRow",
    "CaseDataError",
    "CaseFacts",
    "CollectiveEconError",
    "Community",
    "CommunityParams",
    "Comparison",
    "DibaoParams",
    "Distribution",
    "Empirical",
    "EnterpriseParams",
    "ExperimentResults",
    "ExperimentSpec",
    "Finding",
    "Fixed",
    "HogParams",
    "HotelParams",
    "JobType",
    "JobsParams",
    "LandSharesParams",
    "Ledger",
    "LivelihoodParams",
    "LoanSchedule",
    "LogNormal",
    "MemoryBudgetError",
    "Normal",
    "ParameterError",
    "ParameterTypeError",
    "PayoutRule",
    "Period",
    "Policy",
    "PriceIndex",
    "RunId",
    "RunResult",
    "Scenario",
    "Schedule",
    "Scheme",
    "Sector",
    "ShapeError",
    "Source",
    "Stakeholder",
    "StoppingRule",
    "TeaParams",
    "Triangular",
    "Uncertainty",
    "Uniform",
    "__version__",
    "annuity_payment",
    "appraisal_table",
    "appraise",
    "benefit_cost_ratio",
    "check_case",
    "compare",
    "default_scenario",
    "fgt",
    "from_table",
    "gini",
    "irr",
    "loan_schedule",
    "lorenz",
    "mirr",
    "monte_carlo",
    "npv",
    "paired_difference",
    "payback_period",
    "read_csv",
    "restoration",
    "run_experiment",
    "sample_correlated",
    "simulate",
    "synthesize",
    "validate_correlation",
    "weighted_quantile",
    "winners_losers",
]
