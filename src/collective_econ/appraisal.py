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
['households', 'collective', 'government', 'firm', 'bank']
"""

from __future__ import annotations

import dataclasses
import math
import numbers
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
from .files import atomic_open
from .finance import DiscountRates, irr, payback_period, stakeholder_npv
from .params import Parameters, whole_number
from .prices import PriceIndex, using
from .resources import MAX_YEARS, appraisal_estimate, check
from .schemes import SCHEMES, Scheme
from .schemes.base import STAKEHOLDERS, Appraisal
from .seeding import SeedLike, as_seed_sequence, child, stream
from .units import format_yuan, write_csv_rows

__all__ = [
    "OUTSIDE_ROWS",
    "AppraisalRow",
    "appraisal_table",
    "appraise",
    "format_table",
    "monte_carlo",
    "outside_flows",
    "payback_text",
    "receives_first",
    "sign_note",
    "write_csv",
]


def _scheme(scheme: Scheme[Any] | str) -> Scheme[Any]:
    if isinstance(scheme, Scheme):
        return scheme
    known = ", ".join(sorted(SCHEMES))
    if not isinstance(scheme, str):
        raise ParameterTypeError("scheme", f"a Scheme or a scheme name, one of {known}", scheme)
    try:
        return SCHEMES[scheme]
    except KeyError:
        raise ParameterError("scheme", f"one of {known}", scheme) from None


def _check_params(s: Scheme[Any], params: object) -> None:
    if params is not None and not isinstance(params, s.params_type):
        name = s.params_type.__name__
        raise ParameterTypeError("params", f"a {name}", type(params).__name__, owner=s.name)


def _check_prices(prices: object) -> None:
    if prices is not None and not isinstance(prices, PriceIndex):
        raise ParameterTypeError("prices", "a PriceIndex or None", prices)


def _items(value: Iterable[Any]) -> tuple[Any, ...]:
    """``value`` as a tuple: an iterable (not a string) of scheme names."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise ParameterTypeError("schemes", "an iterable of scheme names", value)
    return tuple(value)


def _uncertainties(value: Iterable[Any]) -> tuple[Uncertainty, ...]:
    items = tuple(value) if isinstance(value, Iterable) and not isinstance(value, str) else None
    if items is None or not all(isinstance(u, Uncertainty) for u in items):
        raise ParameterTypeError("uncertainties", "a sequence of Uncertainty", value)
    return items


def _horizon(years: Any) -> Any:
    """``years``, refused above 200 (a column a year); each scheme checks the rest."""
    whole = isinstance(years, numbers.Integral) and not isinstance(years, bool)
    if whole and int(years) > MAX_YEARS:
        raise ParameterError("horizon_years", f"<= {MAX_YEARS} (each year is a column)", years)
    return years


def _estimate_years(years: Any) -> int:
    """The horizon for an estimate: ``years`` if a whole number, else the default 20."""
    return int(years) if isinstance(years, numbers.Integral) else 20


OUTSIDE_ROWS: dict[str, tuple[str, str]] = {
    "market:displaced_workers": ("other_workers", "displaced_wages"),
}
"""The appraisal's row for each outside account a scheme opens (``Scheme.outside_accounts``):
the row's stakeholder name (the simulation's group of that account,
:data:`collective_econ.runs.outcomes.ACCOUNT_GROUPS`) and the appraisal item it loses.
``other_workers``: the outside workers the jobs scheme's reserved places displace, who
lose ``items["displaced_wages"]`` (:func:`collective_econ.schemes.jobs.displaced_wages`,
the function the simulation books their loss with: their untrained wages less the
outside work they fall back on), so the households' gain from the
places is seen beside the loss of the workers whose jobs they take."""


def outside_flows(a: Appraisal, scheme: Scheme[Any] | str) -> dict[str, NDArray[np.float64]]:
    """The yearly flows of the people outside the community a scheme's appraisal moves.

    One entry per outside account of the scheme (:data:`OUTSIDE_ROWS`): the row's name
    and its flows, shape ``a.flows.shape[:-2] + (T,)``, negative where they lose. Empty
    for a scheme without outside accounts.

    Examples
    --------
    >>> a = appraise("jobs")
    >>> lost = outside_flows(a, "jobs")["other_workers"]
    >>> bool((lost <= 0).all()), bool((lost == -a.items["displaced_wages"]).all())
    (True, True)
    """
    s = _scheme(scheme)
    out: dict[str, NDArray[np.float64]] = {}
    for account in s.outside_accounts:
        if account not in OUTSIDE_ROWS:
            raise ParameterError("outside_accounts", f"one of {sorted(OUTSIDE_ROWS)}", account,
                                 owner=s.name)  # fmt: skip
        name, item = OUTSIDE_ROWS[account]
        out[name] = -np.asarray(a.items[item], dtype=np.float64)
    return out


def receives_first(flows: ArrayLike) -> NDArray[np.bool_]:
    """Whether each flow series receives money before it pays (a borrower's profile).

    True where the first non-zero flow is positive and the cumulative flow ends
    negative: the stakeholder is lent or paid in advance and pays back more than it
    received (undiscounted). Its IRR, where there is one, is then the cost of the money
    it received (lower is better), and a payback (the time to get an outlay back) does
    not apply: the simple payback is NaN ("never") for such flows. A series that dips
    below zero and comes back keeps its payback.

    >>> receives_first([[100.0, -60.0, -60.0], [-100.0, 60.0, 60.0], [100.0, -150, 80]]).tolist()
    [True, False, False]
    """
    f = np.asarray(flows, dtype=np.float64)
    nonzero = f != 0
    first = np.take_along_axis(f, np.argmax(nonzero, axis=-1)[..., None], axis=-1)[..., 0]
    return np.asarray((first > 0) & (f.sum(axis=-1) < 0))


def appraise(
    scheme: Scheme[Any] | str,
    params: Parameters | None = None,
    *,
    horizon_years: int = 20,
    prices: PriceIndex | None = None,
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
    prices : PriceIndex, optional
        The price index wages grow with and nominal contracts are deflated by (a
        scenario's ``prices``); default: the current one (:func:`prices.current`).
    """
    s = _scheme(scheme)
    _check_params(s, params)
    _check_prices(prices)
    horizon_years = _horizon(horizon_years)
    with using(prices):
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
    prices: PriceIndex | None = None,
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
    prices : PriceIndex, optional
        As in :func:`appraise`.

    Returns
    -------
    Appraisal
        Flows of shape (n, 6, T).

    Notes
    -----
    Integer parameters (months, counts) take the sampled value rounded to
    the nearest whole number.
    """
    n = whole_number(n, "n", 1)
    horizon_years = _horizon(horizon_years)
    check(appraisal_estimate(_estimate_years(horizon_years), n))  # before anything is sampled
    s = _scheme(scheme)
    _check_params(s, params)
    _check_prices(prices)
    base = params if params is not None else s.params_type()
    unc = _uncertainties(s.uncertainties if uncertainties is None else uncertainties)
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
        with using(prices):
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

    Money in real 2010 yuan, NPVs at ``rate`` (a fraction per year), IRRs a
    fraction per year, paybacks in years (simple, undiscounted). Besides the
    stakeholders of :data:`~collective_econ.schemes.base.STAKEHOLDERS`, a scheme with
    outside accounts has a row for each (:data:`OUTSIDE_ROWS`: ``other_workers``, the
    outside workers the jobs scheme displaces).

    The headline is the Monte Carlo mean: ``npv`` is ``npv_mean`` when samples
    were drawn (``samples > 0``), with its 5-95% range (``npv_p5``, ``npv_p95``)
    and ``p_loss`` = P(NPV < 0); ``irr`` and ``payback`` are those of the mean
    flows over the samples. With ``samples == 0`` the headline is the value at
    default inputs (expected flows only) and the Monte Carlo fields are NaN.
    ``npv_at_defaults``, ``irr_at_defaults`` and ``payback_at_defaults`` are
    always the figures of the expected flows at the scheme's default inputs.
    """

    scheme: str
    """The scheme's registered name."""
    stakeholder: str
    """Who receives the flows (a :class:`~collective_econ.Stakeholder` value)."""
    rate: float
    """Real discount rate of this stakeholder's NPVs, fraction per year (its
    :meth:`~collective_econ.finance.DiscountRates.of`: the social rate, or a lender's
    cost of funds)."""
    npv: float
    """Headline NPV, yuan: the Monte Carlo mean, or the value at default inputs without samples."""
    irr: float
    """IRR of the headline flows (the mean flows over the samples), fraction per year."""
    payback: float
    """Simple payback of the headline flows, years (0: no outlay; NaN: never)."""
    npv_mean: float = math.nan
    """Mean NPV over the Monte Carlo samples, yuan (NaN without samples)."""
    npv_p5: float = math.nan
    """5th percentile of the NPV over the samples, yuan."""
    npv_p50: float = math.nan
    """Median NPV over the samples, yuan."""
    npv_p95: float = math.nan
    """95th percentile of the NPV over the samples, yuan."""
    irr_p5: float = math.nan
    """5th percentile of the IRR over the samples with one, fraction per year."""
    irr_p50: float = math.nan
    """Median IRR over the samples with one, fraction per year."""
    irr_p95: float = math.nan
    """95th percentile of the IRR over the samples with one, fraction per year."""
    p_loss: float = math.nan
    """P(NPV < 0) over the samples, a fraction (NaN without samples)."""
    npv_at_defaults: float = math.nan
    """NPV of the expected flows at the default inputs, yuan."""
    irr_at_defaults: float = math.nan
    """IRR of the expected flows at the default inputs, fraction per year."""
    payback_at_defaults: float = math.nan
    """Simple payback of the expected flows at the default inputs, years."""
    samples: int = 0
    """Monte Carlo samples behind the headline (0: expected flows only)."""
    note: str = ""
    """Why the value at default inputs has another sign than the Monte Carlo mean; else empty."""
    receives_first: bool = False
    """Whether the headline flows receive money before they pay (:func:`receives_first`):
    the IRR is then the cost of the money received, and payback does not apply (NaN)."""

    @property
    def sign_differs(self) -> bool:
        """Whether the value at default inputs and the headline have different signs."""
        return _sign(self.npv_at_defaults) != _sign(self.npv)

    def as_dict(self) -> dict[str, Any]:
        """The row as a plain dict (for CSV and JSON)."""
        return dataclasses.asdict(self)


def _sign(x: float) -> int:
    return int(np.sign(x)) if math.isfinite(x) else 0


def appraisal_table(
    schemes: Iterable[str] | None = None,
    *,
    samples: int = 0,
    seed: SeedLike = None,
    rate: float | DiscountRates | None = None,
    horizon_years: int = 20,
    params: dict[str, Parameters] | None = None,
) -> list[AppraisalRow]:
    """NPV per scheme and stakeholder: the Monte Carlo mean, its range and P(loss).

    Parameters
    ----------
    schemes : iterable of str, optional
        Scheme names; all registered schemes by default.
    samples : int, default 0
        Monte Carlo samples per scheme. With 0 the headline is the value at
        default inputs (expected flows only), without range or P(loss).
    seed : int, SeedSequence, Generator or None
        Root seed; each scheme samples from its own child stream.
    rate : float or DiscountRates, optional
        Real discount rates per stakeholder (default ``DiscountRates()``: the social 8%,
        and the bank's cost of funds for the bank); a number replaces the social rate
        only (a lender stays at its cost of funds). Each row says its ``rate``.
    horizon_years : int, default 20
        Years after the start year.
    params : dict of str to Parameters, optional
        Parameters per scheme name, replacing the case's defaults.

    Returns
    -------
    list of AppraisalRow
        One row per scheme and involved stakeholder. Where the value at default
        inputs has another sign than the Monte Carlo mean, the row's ``note``
        says so and why.
    """
    samples = whole_number(samples, "samples", 0)
    years = _estimate_years(_horizon(horizon_years))
    check(appraisal_estimate(years, max(samples, 1)))  # one scheme at a time
    names = list(SCHEMES) if schemes is None else [_scheme(s).name for s in _items(schemes)]
    root = as_seed_sequence(seed)
    if params is not None and not isinstance(params, dict):
        raise ParameterTypeError("params", "a dict of scheme name to Parameters", params)
    given = params or {}
    rates = rate if isinstance(rate, DiscountRates) else DiscountRates()
    if rate is not None and not isinstance(rate, DiscountRates):
        rates = rates.evolve(social=rate)
    rows: list[AppraisalRow] = []
    for name in names:
        det = appraise(name, given.get(name), horizon_years=horizon_years)
        who, det_flows = _rows_of(det, name)
        d_npv = stakeholder_npv(det_flows, who, rates)
        d_irr = np.asarray(irr(det_flows), dtype=float)
        d_pay = np.asarray(payback_period(det_flows), dtype=float)
        if not samples:
            for j in _involved(det_flows):
                rows.append(
                    AppraisalRow(
                        name, who[j], rates.of(who[j]), float(d_npv[j]), float(d_irr[j]),
                        float(d_pay[j]), npv_at_defaults=float(d_npv[j]),
                        irr_at_defaults=float(d_irr[j]), payback_at_defaults=float(d_pay[j]),
                        receives_first=bool(receives_first(det_flows[j])),
                    )
                )  # fmt: skip
            continue
        mc = monte_carlo(
            name, given.get(name), n=samples, seed=child(root, name), horizon_years=horizon_years
        )
        _, mc_flows = _rows_of(mc, name)
        mc_npv = stakeholder_npv(mc_flows, who, rates)
        mc_irr = np.asarray(irr(mc_flows), dtype=float)
        mean_flows = mc_flows.mean(axis=0)
        m_irr = np.asarray(irr(mean_flows), dtype=float)
        m_pay = np.asarray(payback_period(mean_flows), dtype=float)
        for j in _involved(mc_flows):
            q_npv = np.percentile(mc_npv[:, j], [5, 50, 95])
            irr_j = mc_irr[:, j]
            q_irr = (
                np.nanpercentile(irr_j, [5, 50, 95])
                if np.isfinite(irr_j).any()
                else np.full(3, np.nan)
            )
            row = AppraisalRow(
                name,
                who[j],
                rates.of(who[j]),
                npv=float(mc_npv[:, j].mean()),
                irr=float(m_irr[j]),
                payback=float(m_pay[j]),
                npv_mean=float(mc_npv[:, j].mean()),
                npv_p5=float(q_npv[0]),
                npv_p50=float(q_npv[1]),
                npv_p95=float(q_npv[2]),
                irr_p5=float(q_irr[0]),
                irr_p50=float(q_irr[1]),
                irr_p95=float(q_irr[2]),
                p_loss=float(np.mean(mc_npv[:, j] < 0)),
                npv_at_defaults=float(d_npv[j]),
                irr_at_defaults=float(d_irr[j]),
                payback_at_defaults=float(d_pay[j]),
                samples=samples,
                receives_first=bool(receives_first(mean_flows[j])),
            )
            if row.sign_differs:
                base = given.get(name) or SCHEMES[name].params_type()
                row = dataclasses.replace(row, note=sign_note(row, _scheme(name), base))
            rows.append(row)
    return rows


def _rows_of(a: Appraisal, scheme: str) -> tuple[list[str], NDArray[np.float64]]:
    """The table's rows of an appraisal: its stakeholders, then its outside people.

    The names and the flows, shape ``(..., len(names), T)``: the six rows of
    :data:`~collective_econ.schemes.base.STAKEHOLDERS`, then :func:`outside_flows`.
    """
    outside = outside_flows(a, scheme)
    names = [s.value for s in STAKEHOLDERS] + list(outside)
    rows = [a.flows, *(v[..., None, :] for v in outside.values())]
    return names, np.concatenate(rows, axis=-2)


def _involved(flows: NDArray[np.float64]) -> list[int]:
    """The rows (axis -2) with any non-zero flow, over every sample."""
    active = np.any(flows != 0, axis=(*range(flows.ndim - 2), -1))
    return [int(j) for j in np.flatnonzero(active)]


def _signed(yuan: float) -> str:
    return ("+" if yuan > 0 else "") + format_yuan(yuan, compact=True, digits=1)


def sign_note(row: AppraisalRow, scheme: Scheme[Any], params: Parameters) -> str:
    """The sentence that explains a default-input value of another sign than the mean.

    It names the uncertain inputs whose default is not the mean of their
    distribution (the modes of right-skewed triangulars, say), with both values.
    """
    off: list[tuple[float, Uncertainty, float, float]] = []
    for u in scheme.uncertainties:
        default = float(getattr(params, u.param))
        mean = float(u.distribution.mean)
        lo, hi = u.distribution.support
        width = hi - lo if math.isfinite(hi - lo) and hi > lo else max(abs(mean), 1.0)
        if not math.isclose(default, mean, rel_tol=0.005, abs_tol=1e-12):
            off.append((abs(default - mean) / width, u, default, mean))
    off.sort(key=lambda t: -t[0])
    head = (
        f"the value at default inputs is {_signed(row.npv_at_defaults)}, but the Monte Carlo "
        f"mean is {_signed(row.npv)}"
    )
    if not off:
        return (
            head + ": the default inputs are the means of their distributions, so the gap "
            "comes from the scheme's random events and its non-linear response to its inputs."
        )
    listed = "; ".join(f"{u.param} {d:.4g} against a mean of {m:.4g}" for _, u, d, m in off[:4])
    if len(off) > 4:
        listed += f"; and {len(off) - 4} more"
    modes = all(getattr(u.distribution, "mode", None) == d and m > d for _, u, d, m in off)
    why = (
        "the default inputs are the modes of right-skewed distributions"
        if modes
        else "some default inputs are not the means of their distributions"
    )
    return f"{head}: {why} ({listed})."


def format_table(rows: Sequence[AppraisalRow]) -> str:
    """A plain-text table of appraisal rows for the terminal, with its notes.

    Grouped by scheme, each headed by its readable title and, in brackets, the name
    ``--scheme`` takes. With Monte Carlo samples: the mean NPV, its 5-95% range,
    P(loss), IRR and payback of the mean flows, and the NPV at default inputs (``!``
    where its sign differs from the mean's, explained below the table). Without: the
    value at default inputs, marked "expected flows only". A stakeholder that receives
    before it pays (:func:`receives_first`) has its IRR marked as a cost (``c``) and
    no payback.
    """
    mc = any(r.samples for r in rows)
    lines: list[str]
    if mc:
        head = (
            f"{'  stakeholder':<14} {'rate':>5} {'NPV mean':>14} {'NPV p5':>14} "
            f"{'NPV p95':>14} {'P(loss)':>7} {'IRR':>8} {'payback':>14} "
            f"{'NPV at defaults':>16} {'IRR p5 to p95':>17}"
        )
    else:
        head = f"{'  stakeholder':<14} {'rate':>5} {'NPV':>14} {'IRR':>8} {'payback':>14}"
    lines = [head, "-" * len(head)]
    for scheme in dict.fromkeys(r.scheme for r in rows):
        lines.append(_scheme_heading(scheme))
        for r in (r for r in rows if r.scheme == scheme):
            who = f"  {_STAKEHOLDER_SHORT.get(r.stakeholder, r.stakeholder)}"
            irr_cell = _pct(r.irr) + ("c" if r.receives_first and math.isfinite(r.irr) else " ")
            pay = "receives first" if r.receives_first else _years(r.payback)
            if not mc:
                lines.append(
                    f"{who:<14} {_pct(r.rate):>5} {_yuan(r.npv):>14} {irr_cell:>8} {pay:>14}"
                )
                continue
            irr_range = (
                f"{_pct(r.irr_p5)} to {_pct(r.irr_p95)}" if math.isfinite(r.irr_p5) else "n/a"
            )
            mark = "!" if r.sign_differs else " "
            lines.append(
                f"{who:<14} {_pct(r.rate):>5} {_yuan(r.npv):>14} {_yuan(r.npv_p5):>14} "
                f"{_yuan(r.npv_p95):>14} {_pct0(r.p_loss):>7} {irr_cell:>8} {pay:>14} "
                f"{_yuan(r.npv_at_defaults):>15}{mark} {irr_range:>17}"
            )
    if mc:
        n = max(r.samples for r in rows)
        lines += [
            f"NPV mean: the mean over {n} Monte Carlo samples, with its 5th and 95th "
            "percentiles; P(loss) = P(NPV < 0); IRR and payback of the mean flows.",
            "NPV at defaults: the expected flows at the default inputs "
            "(! where its sign differs from the mean's).",
        ]
    else:
        lines.append(
            "NPV at default inputs, expected flows only (no Monte Carlo samples: no mean, "
            "range or P(loss))."
        )
    lines.append(_RATE_NOTE)
    if any(r.receives_first for r in rows):
        lines.append(_FIRST_NOTE)
    if any(r.stakeholder in _STAKEHOLDER_SHORT for r in rows):
        lines.append(_DISPLACED_NOTE)
    notes = [r for r in rows if r.note]
    if mc and notes:
        lines.append("Notes:")
        lines.extend(f"  {_scheme_title(r.scheme)}, {r.stakeholder}: {r.note}" for r in notes)
    return "\n".join(lines)


def _scheme_title(name: str) -> str:
    """A scheme's short readable title (``"Land shares"``), or the name if unregistered."""
    return SCHEMES[name].title_in("en") if name in SCHEMES else name


def _scheme_heading(name: str) -> str:
    """``"Land shares (land_shares)"``: the title, and the name ``--scheme`` takes."""
    title = _scheme_title(name)
    return title if title == name else f"{title} ({name})"


_STAKEHOLDER_SHORT = {"other_workers": "displaced"}
"""Short names of the outside rows for the terminal's narrow column."""

_DISPLACED_NOTE = (
    "displaced: the outside workers whose jobs the scheme's reserved places take: the "
    "untrained wages they lose less the outside work they fall back on "
    "(jobs.displaced_wages, as the simulation books them), beside the households' gain."
)

_FIRST_NOTE = (
    "c: the stakeholder receives money before it pays it out (a borrower's profile): its "
    "IRR is the cost of the money it received, not a return, and a payback does not apply."
)


_RATE_NOTE = (
    "rate: the real rate each stakeholder's NPV is discounted at: the social rate, but a "
    "lender (the bank) at its own cost of funds (finance.DiscountRates)."
)


def _yuan(x: float) -> str:
    return format_yuan(x, compact=True)


def _pct0(x: float) -> str:
    return f"{x:.0%}" if math.isfinite(x) else "n/a"


def _pct(x: float) -> str:
    return f"{x:.1%}" if math.isfinite(x) else "n/a"


def payback_text(x: float, unit: str = " y") -> str:
    """A payback period as shown everywhere: ``"no outlay"``, ``"never"`` or years.

    A payback of 0 means the stakeholder's cumulative flow is never negative (it
    puts nothing in); NaN means it never gets its money back.

    Examples
    --------
    >>> payback_text(0.0), payback_text(float("nan")), payback_text(3.46), payback_text(2, "")
    ('no outlay', 'never', '3.5 y', '2.0')
    """
    if x == 0:
        return "no outlay"
    return f"{x:.1f}{unit}" if math.isfinite(x) else "never"


def _years(x: float) -> str:
    return payback_text(x)


def write_csv(rows: Sequence[AppraisalRow], path: str | Path) -> Path:
    """Write appraisal rows to a CSV file (one row per scheme and stakeholder)."""
    out = Path(path)
    fields = [f.name for f in dataclasses.fields(AppraisalRow)]
    with atomic_open(out) as fh:  # whole or not at all
        write_csv_rows(fh, fields, ([d[k] for k in fields] for d in (r.as_dict() for r in rows)))
    return out
