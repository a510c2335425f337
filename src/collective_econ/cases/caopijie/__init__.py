"""The Caopijie case: Caopijie community, Yun County, Lincang, Yunnan, c. 2010.

25,000 residents in 14 resident groups, 1,826 of them agricultural, whose leaders
tried land-for-shares, hog farming, collective projects, jobs and training, credit
and the dibao (seed-facts.md). The case sits beside the library, as Mesa ships its
examples: its facts (:mod:`.facts`), its five policies and the embedded scenario
file (:mod:`.policies`, ``caopijie.toml``), the uncertain inputs of its simulation
(:mod:`.uncertainties`), its validation page (:mod:`.validation`) and the checks a
report on it shows (:mod:`.report_checks`, registered with the report here). A second
case (another county) is a sibling folder.

Examples
--------
>>> from collective_econ.cases.caopijie import CASE, default_scenario
>>> [p.name for p in default_scenario().policies]  # doctest: +NORMALIZE_WHITESPACE
['cash only', '80% shares', 'shares + hogs', 'full package',
 'package without collective projects']
>>> CASE.residents
25000
"""

from ...report.case_checks import register_case
from .facts import CASE, CaseFacts, Finding, check_case
from .policies import (
    DEFAULT_NAME,
    DEFAULT_REFORMS,
    default_policies,
    default_scenario,
    init_text,
    load_default,
    python_default_scenario,
)
from .report_checks import CHECKS
from .uncertainties import SIMULATION_UNCERTAINTIES

# the report cannot import the case: the case hands it its checks, so that a report on
# the case built from Python says what the command line's does
register_case(CHECKS)

__all__ = [
    "CASE",
    "DEFAULT_NAME",
    "DEFAULT_REFORMS",
    "SIMULATION_UNCERTAINTIES",
    "CaseFacts",
    "Finding",
    "check_case",
    "default_policies",
    "default_scenario",
    "init_text",
    "load_default",
    "python_default_scenario",
]
