"""Appraise schemes: expected cash flows, Monte Carlo over uncertain inputs, and tables.

This is the layer a county official or a development-bank analyst meets
first: for each scheme of the case, does it pay, for whom, and how sure are
we? :func:`appraise` gives the expected flows per stakeholder;
:func:`monte_carlo` samples the scheme's uncertain inputs and its own random
events; :func:`appraisal_table` reduces both to NPV, IRR, payback and
P(NPV < 0) per stakeholder.

Examples
--------
The hotel of the Jiewei group, 200 Monte Carlo samples:

>>> mc = monte_carlo("hotel", n=200, seed=1)
>>> mc.flows.shape
(200, 6, 21)
>>> rows = appraisal_table(["hotel"], samples=200, seed=1)
>>> [r.stakeholder for r in rows]
['households', 'government', 'bank']
"""

from __future__ import annotations

import csv
import dataclasses
import math
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .distributions import sample_correlated, transform_uniform
from .distributions.design import uniform_design
from .distributions.uncertainty import Uncertainty
from .errors import ParameterError, ParameterTypeError
from .finance import DEFAULT_DISCOUNT_RATE
from .params import Parameters
from .schemes import SCHEMES, Scheme
from .schemes.base import STAKEHOLDERS, Appraisal
from .seeding import SeedLike, as_seed_sequence, child, stream
from .units import format_yuan

__all__ = ["AppraisalRow", "appraisal_table", "appraise", "monte_carlo", "write_csv"]


def _scheme(scheme: Scheme[Any] | str) -> Scheme[Any]:
    if isinstance(scheme, Scheme):
        return scheme
    try:
        return SCHEMES[scheme]
    except KeyError:
        known = ", ".join(sorted(SCHEMES))
        raise ParameterError("scheme", f"one of {known}", scheme) from None


def appraise(
    scheme: Scheme[Any] | str, params: Parameters | None = None, *, horizon_years: int = 20
) -> Appraisal:
    """The expected cash flows of one scheme per stakeholder.

    Parameters
    ----------
    scheme : Scheme or str
        A registered scheme or its name (``"hotel"``, ``"hogs"``, ...).
    params : Parameters, optional
        The scheme's parameters; the case's defaults if omitted.
    horizon_years : int, default 20
        Years after the start year.
    """
    s = _scheme(scheme)
    if params is not None and not isinstance(params, s.params_type):
        name = s.params_type.__name__
        raise ParameterTypeError("params", f"a {name}", type(params).__name__, owner=s.name)
    return s.appraise(
        params if params is not None else s.params_type(), horizon_years=horizon_years
    )


def monte_carlo(
    scheme: Scheme[Any] | str,
    params: Parameters | None = None,
    *,
    n: int = 1000,
    seed: SeedLike = None,
    horizon_years: int = 20,
    uncertainties: Sequence[Uncertainty] | None = None,
    correlation: ArrayLike | None = None,
    latin_hypercube: bool = True,
) -> Appraisal:
    """Appraise one scheme over sampled uncertain inputs and its own random events.

    Parameters
    ----------
    scheme : Scheme or str
        The scheme.
    params : Parameters, optional
        Base parameters; uncertain fields are replaced by samples.
    n : int, default 1000
        Samples.
    seed : int, SeedSequence, Generator or None
        The root of every random number drawn. Sample ``i`` draws its random
        path from the child stream keyed ``("path", i)``, its inputs from the
        stream keyed ``"inputs"``.
    horizon_years : int, default 20
        Years after the start year.
    uncertainties : sequence of Uncertainty, optional
        Defaults to the scheme's own ``UNCERTAINTIES``.
    correlation : array_like, optional
        Rank correlation between the uncertainties (Gaussian copula); the
        scheme's own ``correlation`` when the uncertainties are its own.
    latin_hypercube : bool, default True
        Stratify the input samples (scipy.stats.qmc.LatinHypercube);
        ignored when a correlation is given.

    Returns
    -------
    Appraisal
        Flows of shape (n, 6, T).

    Notes
    -----
    Integer parameters (months, counts) take the sampled value rounded to
    the nearest whole number.
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ParameterError("n", "a whole number >= 1", n)
    s = _scheme(scheme)
    base = params if params is not None else s.params_type()
    unc = tuple(s.uncertainties if uncertainties is None else uncertainties)
    if correlation is None and uncertainties is None and s.correlation:
        correlation = s.correlation
    root = as_seed_sequence(seed)
    values = _sample_inputs(unc, n, stream(root, "inputs"), correlation, latin_hypercube)
    hints = typing.get_type_hints(type(base))
    runs = []
    for i in range(n):
        changes = {
            u.param: (round(v) if hints.get(u.param) is int else float(v))
            for u, v in zip(unc, values[i], strict=True)
        }
        p = dataclasses.replace(base, **changes) if changes else base  # type: ignore[type-var]
        runs.append(s.appraise(p, horizon_years=horizon_years, rng=stream(root, "path", i)))
    return runs[0].stack(runs[1:])


def _sample_inputs(
    unc: Sequence[Uncertainty],
    n: int,
    rng: np.random.Generator,
    correlation: ArrayLike | None,
    latin_hypercube: bool,
) -> NDArray[np.float64]:
    if not unc:
        return np.empty((n, 0))
    dists = [u.distribution for u in unc]
    if correlation is not None:
        return np.asarray(sample_correlated(dists, correlation, n, rng), dtype=np.float64)
    u = uniform_design("lhs" if latin_hypercube else "montecarlo", n, len(dists), rng)
    return np.asarray(transform_uniform(dists, u), dtype=np.float64)


@dataclass(frozen=True, slots=True)
class AppraisalRow:
    """One line of the appraisal table: a scheme's result for one stakeholder.

    Money in real 2010 yuan; NPV at ``rate``; IRR a fraction per year;
    payback in years (simple). Percentiles are over Monte Carlo samples
    (NaN when no samples were drawn).
    """

    scheme: str
    stakeholder: str
    rate: float
    npv: float
    irr: float
    payback: float
    npv_p5: float = math.nan
    npv_p50: float = math.nan
    npv_p95: float = math.nan
    irr_p5: float = math.nan
    irr_p50: float = math.nan
    irr_p95: float = math.nan
    p_loss: float = math.nan
    """P(NPV < 0) over the samples."""

    def as_dict(self) -> dict[str, Any]:
        """The row as a plain dict (for CSV and JSON)."""
        return dataclasses.asdict(self)


def appraisal_table(
    schemes: Iterable[str] | None = None,
    *,
    samples: int = 0,
    seed: SeedLike = None,
    rate: float = DEFAULT_DISCOUNT_RATE,
    horizon_years: int = 20,
    params: dict[str, Parameters] | None = None,
) -> list[AppraisalRow]:
    """NPV, IRR and payback per scheme and stakeholder, with Monte Carlo percentiles.

    Parameters
    ----------
    schemes : iterable of str, optional
        Scheme names; all registered schemes by default.
    samples : int, default 0
        Monte Carlo samples per scheme (0: deterministic figures only).
    seed : int, SeedSequence, Generator or None
        Root seed; each scheme samples from its own child stream.
    rate : float, default 0.08
        Real discount rate.
    horizon_years : int, default 20
        Years after the start year.
    params : dict of str to Parameters, optional
        Parameters per scheme name, replacing the case's defaults.

    Returns
    -------
    list of AppraisalRow
        One row per scheme and involved stakeholder.
    """
    names = list(SCHEMES) if schemes is None else [_scheme(s).name for s in schemes]
    root = as_seed_sequence(seed)
    given = params or {}
    rows: list[AppraisalRow] = []
    for name in names:
        det = appraise(name, given.get(name), horizon_years=horizon_years)
        npv, irr, pay = det.npv(rate), det.irr(), det.payback()
        mc = None
        if samples:
            mc = monte_carlo(
                name,
                given.get(name),
                n=samples,
                seed=child(root, name),
                horizon_years=horizon_years,
            )
            mc_npv, mc_irr = mc.npv(rate), mc.irr()
        involved = det.involved() if mc is None else mc.involved()
        for who in involved:
            j = STAKEHOLDERS.index(who)
            extra: dict[str, float] = {}
            if mc is not None:
                q_npv = np.percentile(mc_npv[:, j], [5, 50, 95])
                irr_j = mc_irr[:, j]
                q_irr = (
                    np.nanpercentile(irr_j, [5, 50, 95])
                    if np.isfinite(irr_j).any()
                    else np.full(3, np.nan)
                )
                extra = {
                    "npv_p5": q_npv[0],
                    "npv_p50": q_npv[1],
                    "npv_p95": q_npv[2],
                    "irr_p5": q_irr[0],
                    "irr_p50": q_irr[1],
                    "irr_p95": q_irr[2],
                    "p_loss": float(np.mean(mc_npv[:, j] < 0)),
                }
            rows.append(
                AppraisalRow(
                    name,
                    who.value,
                    rate,
                    float(npv[j]),
                    float(irr[j]),
                    float(pay[j]),
                    **{k: float(v) for k, v in extra.items()},
                )
            )
    return rows


def format_table(rows: Sequence[AppraisalRow]) -> str:
    """A plain-text table of appraisal rows for the terminal."""
    mc = any(math.isfinite(r.p_loss) for r in rows)
    head = f"{'scheme':<12} {'stakeholder':<11} {'NPV':>13} {'IRR':>7} {'payback':>9}"
    if mc:
        head += f" {'NPV p5':>13} {'NPV p95':>13} {'IRR p5-p95':>14} {'P(NPV<0)':>8}"
    lines = [head, "-" * len(head)]
    for r in rows:
        line = (
            f"{r.scheme:<12} {r.stakeholder:<11} {format_yuan(r.npv, compact=True):>13} "
            f"{_pct(r.irr):>7} {_years(r.payback):>9}"
        )
        if mc:
            irr_range = f"{_pct(r.irr_p5)}-{_pct(r.irr_p95)}" if math.isfinite(r.irr_p5) else "n/a"
            line += (
                f" {format_yuan(r.npv_p5, compact=True):>13}"
                f" {format_yuan(r.npv_p95, compact=True):>13} {irr_range:>14} {r.p_loss:>8.0%}"
            )
        lines.append(line)
    return "\n".join(lines)


def _pct(x: float) -> str:
    return f"{x:.1%}" if math.isfinite(x) else "n/a"


def _years(x: float) -> str:
    if x == 0:
        return "no outlay"  # the cumulative flow is never negative
    return f"{x:.1f} y" if math.isfinite(x) else "never"


def write_csv(rows: Sequence[AppraisalRow], path: str | Path) -> Path:
    """Write appraisal rows to a CSV file (one row per scheme and stakeholder)."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    fields = [f.name for f in dataclasses.fields(AppraisalRow)]
    with out.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for r in rows:
            writer.writerow({k: _csv_value(v) for k, v in r.as_dict().items()})
    return out


def _csv_value(v: Any) -> Any:
    return repr(v) if isinstance(v, float) else v
