"""The fields that declare a collective project's financing and day work.

Shared by the params of the collective projects (the tea garden, the
demonstration park): each returns a :func:`~collective_econ.params.param`
with its unit, rule and source, read by
:class:`~collective_econ.economy.collective.ProjectFinance` and
:meth:`~collective_econ.economy.collective._CollectiveBooks.pay_wages`.
"""

from __future__ import annotations

from typing import Any

from ..params import FRACTION, NONNEGATIVE, between, one_of, param
from ..resources import years_rule

__all__ = [
    "SHORTFALL_RULES",
    "loan_grace_years_param",
    "loan_guarantee_param",
    "loan_limit_param",
    "loan_rate_param",
    "loan_years_param",
    "shortfall_param",
    "worker_days_param",
]

SHORTFALL_RULES = ("defer", "scale", "stop")
"""What a collective project does when cash and credit run out
(:class:`~collective_econ.economy.collective.ProjectFinance`)."""


def loan_rate_param() -> Any:
    """The field declaring a project's loan rate (shared by the collective projects' params)."""
    return param(
        0.0594,
        unit="1/year",
        rule=between(0, 0.5, hi_open=True),
        source="domain-reference.md §5a: PBoC benchmark lending rate over 5 years, 5.94% "
        "from 23 Dec 2008 (sourced); rural credit cooperatives may charge more (§5a)",
        doc="interest on the collectives' bank loans for the project",
    )


def loan_years_param(default: int) -> Any:
    """The field declaring a project loan's term."""
    return param(
        default,
        unit="years",
        rule=years_rule(1),
        source="estimate: medium- and long-term project loans of a county bank or rural "
        "credit cooperative run 3-10 years",
        doc="term of each project loan, grace years included",
    )


def loan_grace_years_param(default: int) -> Any:
    """The field declaring a project loan's interest-only years."""
    return param(
        default,
        unit="years",
        rule=years_rule(0),
        source="estimate: interest only until the project earns (its yield ramp)",
        doc="years of interest only at the start of each loan (< loan_years)",
    )


def loan_limit_param(default: float, source: str) -> Any:
    """The field declaring how much the collectives may owe the bank for a project."""
    return param(
        default,
        unit="yuan",
        rule=NONNEGATIVE,
        source=source,
        doc="most the collectives may owe the bank for the project at any time (0: no loans)",
    )


def loan_guarantee_param() -> Any:
    """The field declaring the county's backing of the collectives' project loans."""
    return param(
        1.0,
        unit="fraction of what is owed",
        rule=FRACTION,
        source="estimate: full backing; a county bank lends to a village collective without "
        "land as collateral only against a county guarantee or its guarantee company, so the "
        "county backs the collectives' project loans",
        doc="share of a defaulted project loan (principal and interest owed) the county "
        "government pays the bank (0: no backing, the bank bears the loss)",
    )


def shortfall_param() -> Any:
    """The field declaring what a project does when cash and credit run out."""
    return param(
        "scale",
        unit="-",
        rule=one_of(*SHORTFALL_RULES),
        source="estimate: a county scales a project to the money it has (scenario's choice)",
        doc="when cash and credit cannot carry the project until it pays its way (planned "
        "at the start) or an outlay later: 'defer' (wait a month), 'scale' (the share that "
        "fits; the project shrinks in proportion) or 'stop' (not started, or abandoned)",
    )


def worker_days_param() -> Any:
    """The field declaring the most days a resident gives a collective project in a month."""
    return param(
        26.0,
        unit="days/month",
        rule=between(1, 31),
        source="well-known: Labour Law of the PRC (1994) Art. 38, at least one day of rest a "
        "week, so at most ~26 working days a month (30.4 - 4.35)",
        doc="working days of a month a resident can give to day work; a day of it takes "
        "1/worker_days_month of the month's casual work (simulation) and costs the shadow "
        "wage (appraisal)",
    )
