"""Scenarios: the community, the household economy, the policies, the uncertainties.

A :class:`Scenario` holds everything a simulation or an experiment needs besides a
seed. It is usually read from a TOML scenario file
(:mod:`collective_econ.scenario`); :func:`default_scenario` returns the embedded
Caopijie case (seed-facts.md), shipped as the package data file
``data/caopijie.toml``, with its five policies:

1. ``cash only``: compensation paid in cash (land-for-shares with a share
   fraction of 0);
2. ``80% shares``: the case's choice, 80% of compensation as shares;
3. ``shares + hogs``: shares and the "Double Hundred" hog scheme;
4. ``full package``: shares, hogs, jobs and training, tea, park, hotel,
   microcredit and the dibao;
5. ``package without collective projects``: the full package without the
   tea garden, the park and the hotel.

Examples
--------
>>> sc = default_scenario()
>>> [p.name for p in sc.policies]  # doctest: +NORMALIZE_WHITESPACE
['cash only', '80% shares', 'shares + hogs', 'full package',
 'package without collective projects']
>>> sc.policy("full package").params("land_shares").share_fraction
0.8

Every parameter is in the assumption register, with its unit, source and confidence:

>>> a = next(a for a in sc.assumptions if a.path == "schemes.hotel.total_investment")
>>> a.value, a.unit, a.confidence
(4000000.0, 'yuan', 'seed')
"""

from __future__ import annotations

from .file import (
    FORMAT_VERSION,
    KINDS,
    Problem,
    ScenarioFileError,
    dumps,
    init_text,
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
    default_policies,
    default_scenario,
    location,
    python_default_scenario,
    resolve_param,
)

__all__ = [
    "CONFIDENCES",
    "DESIGNS",
    "FORMAT_VERSION",
    "KINDS",
    "Annotation",
    "Assumption",
    "Correlation",
    "ExperimentSettings",
    "Problem",
    "Scenario",
    "ScenarioFileError",
    "check_support",
    "confidence_of",
    "default_policies",
    "default_scenario",
    "dumps",
    "init_text",
    "load_scenario",
    "loads",
    "location",
    "python_default_scenario",
    "reference_markdown",
    "resolve_param",
    "save_scenario",
    "validate_file",
    "validate_text",
]
