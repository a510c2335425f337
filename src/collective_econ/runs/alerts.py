"""Warnings the model can compute about a scenario, and about an experiment's results.

:func:`warnings_for` returns plain sentences for ``collective-econ validate``, the
output of ``collective-econ run`` and the report. Each check is cheap (expected-flow
appraisals, a small Monte Carlo, one synthetic community) and fires only on a
condition it can show:

- **a binding floor or cap**: the land shares' guaranteed rate at or above the mean
  dividend rate, or below the profit rate in most years (the dividend rate then
  barely acts); a dibao benefit cap that binds for most recipients; any uncertain
  input of a scheme whose change from its 10th to its 90th percentile moves no
  stakeholder's NPV in the appraisal (its derivative is about 0);
- **a loss behind a positive headline**: a scheme whose Monte Carlo mean NPV for the
  households is positive (beyond its sampling error, 95%) while P(NPV < 0) is over
  one half; with results, a policy
  whose mean income of the landless beats the baseline's while most of them are
  worse off;
- **counts that do not fit the community**: a scheme's households, farms or
  shareholders beyond the community's landless households (persons), job places
  beyond its landless persons of working age, land shares for another number of
  persons than the community's landless ones;

Land taken without compensation is
:func:`~collective_econ.scenario.model.uncompensated_warning`'s.
"""

from __future__ import annotations

import dataclasses
import math
import typing
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy import stats

from ..appraisal import monte_carlo
from ..distributions import transform_uniform
from ..economy.community import Community, synthesize
from ..finance import DEFAULT_DISCOUNT_RATE
from ..params import Parameters
from ..scenario import Scenario
from ..schemes import SCHEMES
from ..schemes._developer import dividend_rate_at
from ..schemes.base import STAKEHOLDERS, Stakeholder
from ..seeding import as_seed_sequence, child, stream
from .results import ExperimentResults

__all__ = ["FLAT_SAMPLES", "FLAT_TOLERANCE", "LOSS_SAMPLES", "warnings_for"]

FLAT_TOLERANCE = 0.001
"""An input is flat when moving it from its 10th to its 90th percentile changes no
stakeholder's NPV by more than this share of the largest NPV of the scheme."""

FLAT_SAMPLES = 16
"""Random paths of a scheme's own events, the same at both values, for the flat check."""

LOSS_SAMPLES = 200
"""Monte Carlo samples per scheme for the P(loss) check."""

Floats = NDArray[np.float64]


def warnings_for(
    scenario: Scenario,
    results: ExperimentResults | None = None,
    *,
    samples: int = LOSS_SAMPLES,
) -> list[str]:
    """Warnings about a scenario and its results, as sentences.

    Binding floors and caps, inputs that do not act, losses behind a positive
    headline, counts that do not fit the community (see the module's docstring).

    Parameters
    ----------
    scenario : Scenario
        The scenario (its base ``[schemes]`` parameters and each policy's).
    results : ExperimentResults, optional
        The experiment's results: adds the checks on simulated incomes, and counts
        the landless households from them instead of synthesising the community.
    samples : int, default 200
        Monte Carlo samples per scheme for the P(loss) check (0 skips it).

    Returns
    -------
    list of str
        One sentence each, in a stable order; empty when nothing fires.

    Examples
    --------
    >>> import dataclasses
    >>> from collective_econ.cases.caopijie import default_scenario
    >>> sc = default_scenario()
    >>> low = sc.policy("80% shares").reform("low", {"land_shares.dividend_rate": 0.05})
    >>> [w[:42] for w in warnings_for(dataclasses.replace(sc, policies=(low,)), samples=0)
    ...  if "guaranteed" in w]
    ['land_shares: the guaranteed rate (6.0%/yr)']
    """
    out: list[str] = []
    out += _floors_and_caps(scenario)
    out += _flat_inputs(scenario)
    if samples:
        out += _hidden_losses(scenario, samples)
    out += _counts(scenario, results)
    if results is not None:
        out += _worse_off_majority(results, scenario.baseline)
    return list(dict.fromkeys(out))


# -- helpers ---------------------------------------------------------------------------------
def _used(scenario: Scenario) -> list[str]:
    """Schemes some policy uses, in the order they first appear."""
    return list(dict.fromkeys(k for p in scenario.policies for k in p.schemes))


def _base(scenario: Scenario, name: str) -> Any:
    """The scenario's base parameters of a scheme (the class defaults if not given)."""
    given = scenario.scheme_params.get(name)
    return given if given is not None else SCHEMES[name].params_type()


def _variants(scenario: Scenario, name: str) -> Iterator[tuple[Any, list[str]]]:
    """Each distinct parameter set of a scheme across the policies, with the policies."""
    seen: list[tuple[Any, list[str]]] = []
    for p in scenario.policies:
        if name in p.schemes:
            params = p.schemes[name].base
            for q, names in seen:
                if q == params:
                    names.append(p.name)
                    break
            else:
                seen.append((params, [p.name]))
    yield from seen


def _who(names: Sequence[str]) -> str:
    return "policy " + ", ".join(f"'{n}'" for n in names)


# -- binding floors and caps -----------------------------------------------------------------
def _floors_and_caps(scenario: Scenario) -> list[str]:
    out: list[str] = []
    used = _used(scenario)
    if "land_shares" in used:
        for p, names in _variants(scenario, "land_shares"):
            if p.share_fraction <= 0:
                continue
            g, m = p.guaranteed_rate, p.dividend_rate
            if g <= 0:
                continue
            u = (np.arange(400) + 0.5) / 400
            below = float(np.mean(np.asarray(dividend_rate_at(p, u)) <= g))
            if g >= m:
                out.append(
                    f"land_shares: the guaranteed rate ({g:.1%}/yr) is at or above the mean "
                    f"dividend rate ({m:.1%}/yr) under {_who(names)}: the floor binds in "
                    f"{below:.0%} of years, so changing dividend_rate barely changes what "
                    "households receive."
                )
            elif below > 0.5:
                out.append(
                    f"land_shares: the profit rate falls below the guaranteed rate "
                    f"({g:.1%}/yr) in {below:.0%} of years under {_who(names)}: the floor "
                    "binds most years, so dividend_rate barely acts."
                )
    if "safety_net" in used:
        for p, names in _variants(scenario, "safety_net"):
            c = p.benefit_cap_share
            if c >= 1:
                continue
            s2 = math.log1p(p.income_cv**2)
            dist = stats.lognorm(math.sqrt(s2), scale=p.income_mean_month * math.exp(-s2 / 2))
            poor = float(dist.cdf(p.line_month))
            capped = float(dist.cdf((1 - c) * p.line_month)) / poor if poor > 0 else 0.0
            if capped > 0.5:
                out.append(
                    f"safety_net: the dibao cap ({c:.0%} of the line) binds for {capped:.0%} "
                    f"of recipients under {_who(names)}: raising line_month barely raises "
                    "their top-ups."
                )
    return out


def _flat_inputs(scenario: Scenario) -> list[str]:
    """Uncertain inputs whose 10th-90th percentile swing moves no NPV (derivative ~ 0).

    The scheme's own random events are drawn with the same seed at both values
    (:data:`FLAT_SAMPLES` paths), so an input that acts only on the risk counts too.
    """
    out: list[str] = []
    root = as_seed_sequence(scenario.experiment.seed)
    for name in _used(scenario):
        scheme, base = SCHEMES[name], _base(scenario, name)
        unc = {u.param: u for u in scheme.uncertainties}
        prefix = f"{name}."
        for u in scenario.uncertainties:
            if u.param.startswith(prefix):
                unc[u.param[len(prefix) :]] = dataclasses.replace(u, param=u.param[len(prefix) :])
        hints = typing.get_type_hints(type(base))
        seed = child(root, f"flat:{name}")
        ref = _paths(name, base, scenario, seed)
        scale = float(np.max(np.abs(ref)))
        if not scale > 0:
            continue
        for field, u in unc.items():
            if not hasattr(base, field):
                continue
            q = np.ravel(transform_uniform([u.distribution], [[0.1], [0.9]]))
            lo, hi = (round(float(v)) if hints.get(field) is int else float(v) for v in q)
            if lo == hi:
                continue
            try:
                a, b = (_paths(name, base.evolve(**{field: v}), scenario, seed) for v in (lo, hi))
            except (ValueError, ArithmeticError):
                continue  # a percentile outside the field's rule: nothing to say
            change = float(np.max(np.abs(b - a)))
            if change <= FLAT_TOLERANCE * scale:
                out.append(
                    f"{name}.{field}: moving it from {lo:,.4g} to {hi:,.4g} (its 10th to 90th "
                    f"percentile) changes no stakeholder's NPV in the appraisal by more than "
                    f"{change:,.0f} yuan ({FLAT_TOLERANCE:.1%} of the scheme's largest NPV, "
                    f"{scale:,.0f}): under these settings the input does not act (a choice "
                    f"such as the law or a switch may leave it unused), or a floor or cap binds."
                )
    return out


def _paths(name: str, params: Parameters, scenario: Scenario, seed: Any) -> Floats:
    """NPV of each stakeholder on :data:`FLAT_SAMPLES` random paths, inputs fixed."""
    mc = monte_carlo(
        name,
        params,
        n=FLAT_SAMPLES,
        seed=seed,
        horizon_years=scenario.horizon_years,
        uncertainties=(),
        prices=scenario.prices,
    )
    return np.asarray(mc.npv(DEFAULT_DISCOUNT_RATE), dtype=np.float64)


# -- losses behind a positive headline -------------------------------------------------------
def _hidden_losses(scenario: Scenario, samples: int) -> list[str]:
    out: list[str] = []
    j = STAKEHOLDERS.index(Stakeholder.HOUSEHOLDS)
    root = as_seed_sequence(scenario.experiment.seed)
    for name in _used(scenario):
        mc = monte_carlo(
            name,
            _base(scenario, name),
            n=samples,
            seed=child(root, f"warnings:{name}"),
            horizon_years=scenario.horizon_years,
            prices=scenario.prices,
        )
        npv = np.asarray(mc.npv(DEFAULT_DISCOUNT_RATE))[:, j]
        if not np.any(npv):
            continue
        mean, p_loss = float(npv.mean()), float(np.mean(npv < 0))
        # a positive headline is a mean the samples tell from zero (95%, normal): a mean
        # within its sampling error of 0 is no headline, and its sign no finding
        half = 1.96 * float(npv.std(ddof=1)) / np.sqrt(npv.size) if npv.size > 1 else 0.0
        if mean - half > 0 and p_loss > 0.5:
            out.append(
                f"{name}: the households' NPV is positive on average ({mean:,.0f} yuan) but "
                f"negative in {p_loss:.0%} of {samples} Monte Carlo samples: the headline "
                "rests on a few good draws."
            )
    return out


def _worse_off_majority(results: ExperimentResults, baseline: str | None) -> list[str]:
    out: list[str] = []
    base = baseline if baseline in results.policies else results.policies[0]
    income = results.mean("mean_income_total")
    for name in results.policies:
        if name == base:
            continue
        wl = results.winners_losers(name, base)
        gain = float(income[results.index(name)] - income[results.index(base)])
        if gain > 0 and wl.worse > 0.5:
            out.append(
                f"'{name}': the landless households' mean income is {gain:,.0f} yuan/person/yr "
                f"above '{base}', yet {wl.worse:.0%} of them are worse off."
            )
    return out


# -- counts that do not fit the community ----------------------------------------------------
def _community(scenario: Scenario) -> Community:
    root = as_seed_sequence(scenario.experiment.seed)
    return synthesize(scenario.community, stream(root, "community"), scenario.livelihood)


def _counts(scenario: Scenario, results: ExperimentResults | None) -> list[str]:
    c = _community(scenario)
    landless = c.landless_target
    households = int(results.baseline.shape[0]) if results is not None else int(landless.sum())
    persons = float(results.size.sum()) if results is not None else float(c.size[landless].sum())
    workers = int(np.isin(c.person_household[c.working_age], np.flatnonzero(landless)).sum())
    out: list[str] = []
    for name in _used(scenario):
        for p, names in _variants(scenario, name):
            for f in type(p).describe():
                value = getattr(p, f.name)
                if not isinstance(value, int) or isinstance(value, bool):
                    continue
                if f.unit in ("households", "farms") and value > households:
                    out.append(
                        f"{name}.{f.name} = {value:,} {f.unit} under {_who(names)} exceeds the "
                        f"community's {households:,} landless households."
                    )
                elif f.name == "shareholders" and value > persons:
                    out.append(
                        f"{name}.shareholders = {value:,} under {_who(names)} exceeds the "
                        f"community's {persons:,.0f} landless persons."
                    )
            shares = name == "land_shares" and p.share_fraction > 0
            if shares and abs(p.persons - persons) > 0.1 * persons:
                out.append(
                    f"land_shares.persons = {p.persons:,} under {_who(names)} differs by "
                    f"more than 10% from the community's {persons:,.0f} landless persons: "
                    "the appraisal's shares are another community's."
                )
            jobs = getattr(p, "jobs", None)
            if name == "jobs" and isinstance(jobs, tuple):
                places = sum(int(j.places) for j in jobs)
                if places > workers:
                    out.append(
                        f"jobs: {places:,} places under {_who(names)} exceed the community's "
                        f"{workers:,} landless persons of working age."
                    )
    return out
