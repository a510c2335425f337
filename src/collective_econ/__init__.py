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

__version__ = "0.1.0"

from .appraisal import AppraisalRow, appraisal_table, appraise, monte_carlo
from .case import CASE, CaseFacts, Finding, check_case
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
from .errors import (
    CaseDataError,
    CollectiveEconError,
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
from .prices import PriceIndex
from .schemes import SCHEMES
from .schemes.agro_park import AgroParkParams
from .schemes.base import STAKEHOLDERS, Appraisal, Scheme, Stakeholder, Uncertainty
from .schemes.enterprise import EnterpriseParams, Sector
from .schemes.hogs import HogParams
from .schemes.hotel import HotelParams
from .schemes.jobs import JobsParams, JobType
from .schemes.land_shares import LandSharesParams
from .schemes.safety_net import DibaoParams
from .schemes.tea import TeaParams

__all__ = [
    "CASE",
    "PERT",
    "SCHEMES",
    "STAKEHOLDERS",
    "AgroParkParams",
    "Appraisal",
    "AppraisalRow",
    "CaseDataError",
    "CaseFacts",
    "CollectiveEconError",
    "DibaoParams",
    "Distribution",
    "Empirical",
    "EnterpriseParams",
    "Finding",
    "Fixed",
    "HogParams",
    "HotelParams",
    "JobType",
    "JobsParams",
    "LandSharesParams",
    "LoanSchedule",
    "LogNormal",
    "Normal",
    "ParameterError",
    "ParameterTypeError",
    "PriceIndex",
    "Scheme",
    "Sector",
    "ShapeError",
    "Stakeholder",
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
    "irr",
    "loan_schedule",
    "mirr",
    "monte_carlo",
    "npv",
    "payback_period",
    "sample_correlated",
    "validate_correlation",
]
