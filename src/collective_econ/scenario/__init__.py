"""Scenario files: the TOML format of a scenario (community, economy, policies, uncertainties).

A :class:`Scenario` holds everything a simulation or an experiment needs besides a
seed. This package reads, checks and writes it as a TOML file; the library's
embedded case lives beside it, in :mod:`collective_econ.cases.caopijie`.

Examples
--------
>>> from collective_econ.cases.caopijie import default_scenario, init_text
>>> sc = loads(init_text())
>>> sc == default_scenario()
True
>>> sc.policy("full package").params("land_shares").share_fraction
0.8

Every parameter is in the assumption register, with its unit, source and confidence:

>>> a = next(a for a in sc.assumptions if a.path == "schemes.hotel.total_investment")
>>> a.value, a.unit, a.confidence
(4000000.0, 'yuan', 'seed')
"""

from __future__ import annotations

from ..errors import ScenarioFileError
from .drawn import DrawnValue, DrawnValueWarning, FittedValue, drawn_values, fitted_values
from .file import (
    FORMAT_VERSION,
    KINDS,
    Problem,
    dumps,
    load_scenario,
    loads,
    reference_markdown,
    save_scenario,
    validate_file,
    validate_text,
)
from .model import (
    CONFIDENCES,
    DESIGNS,
    Annotation,
    Assumption,
    Correlation,
    ExperimentSettings,
    Scenario,
    check_support,
    confidence_of,
    location,
    resolve_param,
)
from .stated import StaleFigure, stale_figures

__all__ = [
    "CONFIDENCES",
    "DESIGNS",
    "FORMAT_VERSION",
    "KINDS",
    "Annotation",
    "Assumption",
    "Correlation",
    "DrawnValue",
    "DrawnValueWarning",
    "ExperimentSettings",
    "FittedValue",
    "Problem",
    "Scenario",
    "ScenarioFileError",
    "StaleFigure",
    "check_support",
    "confidence_of",
    "drawn_values",
    "dumps",
    "fitted_values",
    "load_scenario",
    "loads",
    "location",
    "reference_markdown",
    "resolve_param",
    "save_scenario",
    "stale_figures",
    "validate_file",
    "validate_text",
]
