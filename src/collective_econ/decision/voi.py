r"""Value of information: what is worth measuring before choosing a policy.

Each policy ``d`` is run in every *future* (a point of a design over the uncertain
inputs ``X``) and judged by its **net benefit** ``NB_d``, in yuan (a willingness to pay
per restored household times the restored households, minus the county's cost) or in
restored households (the same divided by the willingness to pay). Then

- the **expected value of perfect information** (EVPI) is what knowing every input
  before choosing would add to the expected net benefit of the best policy chosen now:
  ``EVPI = E[max_d NB_d] - max_d E[NB_d]``;
- the **expected value of partial perfect information** (EVPPI) of an input (or a
  group of inputs) ``phi`` is what knowing ``phi`` alone would add:
  ``EVPPI(phi) = E_phi[max_d E[NB_d | phi]] - max_d E[NB_d]``.

EVPPI is estimated by the regression method of Strong, Oakley & Brennan (2014): the
conditional expectation ``E[NB_d | phi]`` is a smooth function of ``phi`` that a
regression of the futures' net benefits on their values of ``phi`` estimates; its fitted
values ``g_d`` then give ``EVPPI = mean_f max_d g_d(phi_f) - max_d mean_f g_d(phi_f)``.
The regressions are fitted on the *incremental* net benefit against the first policy
(``NB_d - NB_1``; the EVPPI is unchanged by subtracting one function of the future from
every policy, and the noise the policies share cancels). The smoother is a penalised
cubic regression spline (P-spline, Eilers & Marx 1996) with its smoothing parameter
chosen by generalised cross-validation: one input alone a cubic B-spline basis, two
inputs the tensor product of two such bases (so interactions are fitted), three or more
an additive model (interactions between them are missed), or a Gaussian process with
``method="gp"`` (scikit-learn, optional). Standard errors come from a bootstrap over
futures (the smoothing parameters, or the Gaussian process's hyperparameters, held at
their full-sample values).

The futures' net benefits should be the mean over each future's replications: the
replication noise left in them adds to the EVPI (``E[max]`` of noisy values is biased
upwards) but hardly to the EVPPI, which the regression smooths. With few futures the
EVPPI of an input the choice does not depend on can still come out above 0 (the
regression fits chance structure): use several hundred futures or more.

References
----------
Strong, M., Oakley, J. E., & Brennan, A. (2014). Estimating multiparameter partial
expected value of perfect information from a probabilistic sensitivity analysis sample:
a nonparametric regression approach. *Medical Decision Making*, 34(3), 311-326.

Heath, A., Manolopoulou, I., & Baio, G. (2017). A review of methods for analysis of the
expected value of information. *Medical Decision Making*, 37(7), 747-758.

Eilers, P. H. C., & Marx, B. D. (1996). Flexible smoothing with B-splines and penalties.
*Statistical Science*, 11(2), 89-121.

Examples
--------
Two policies whose difference in net benefit is ``0.2 + X1 + 0.5 X2``, yuan:

>>> import numpy as np
>>> rng = np.random.default_rng(3)
>>> x = rng.normal(size=(4000, 2))
>>> nb = np.stack([np.zeros(4000), 0.2 + x[:, 0] + 0.5 * x[:, 1]])
>>> v = value_of_information(nb, x, names=("X1", "X2"), n_boot=20, seed=1)
>>> round(v.evpi, 2), v.evppi.round(2).tolist()  # closed forms 0.35; 0.31, 0.11
(0.36, [0.31, 0.11])
>>> v.table()[0]["inputs"]
'X1'
"""

from __future__ import annotations

import dataclasses
import math
import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..errors import (
    ParameterError,
    ParameterTypeError,
    ShapeError,
    suggest,
)
from ..funding import FundingShares
from ..params import whole_number as _count
from ..runs.results import ExperimentResults
from ..schemes import SCHEMES
from ..seeding import as_seed_sequence, stream
from ._criterion import criterion_outcomes, outcome_unit, outcome_values
from ._discovery_inputs import input_labels
from ._voi_fit import fit_gp, fit_spline, one_blas_thread, spline_design

__all__ = [
    "METHODS",
    "NET_BENEFIT_UNITS",
    "ValueOfInformation",
    "declared_unit",
    "evpi",
    "evppi",
    "net_benefit",
    "value_of_information",
    "voi",
]

Floats = NDArray[np.float64]

NET_BENEFIT_UNITS: tuple[str, ...] = ("yuan", "households")
"""Units of net benefit: yuan (NPV), or restored households (net of cost / wtp)."""

METHODS: tuple[str, ...] = ("spline", "gp")
"""EVPPI smoothers: penalised regression splines (numpy/scipy) or a Gaussian process."""

MIN_FUTURES = 10
"""Fewest futures a value of information is estimated from."""


# --------------------------------------------------------------------------- checks


def _net_benefit_array(net_benefit: ArrayLike, name: str = "net_benefit") -> Floats:
    """(policies, futures): replications (axis 2) averaged; checked."""
    try:
        nb = np.asarray(net_benefit, dtype=float)
    except (TypeError, ValueError):
        raise ParameterTypeError(
            name, "a numeric array (policies, futures[, replications])", type(net_benefit).__name__
        ) from None
    if nb.ndim not in (2, 3):
        raise ShapeError(
            f"{name} must be shaped (policies, futures) or (policies, futures, replications), "
            f"got shape {nb.shape}"
        )
    if nb.shape[0] < 2:
        raise ParameterError(
            name, "at least two policies to choose between (axis 0)", f"shape {nb.shape}"
        )
    if nb.shape[1] < MIN_FUTURES:
        raise ParameterError(name, f"at least {MIN_FUTURES} futures (axis 1)", f"shape {nb.shape}")
    if nb.ndim == 3:
        if nb.shape[2] < 1:
            raise ShapeError(f"{name} has no replications (axis 2), shape {nb.shape}")
        nb = nb.mean(axis=2)
    if not np.all(np.isfinite(nb)):
        bad = np.argwhere(~np.isfinite(nb))[0]
        raise ParameterError(
            name, "finite (no NaN or inf)", f"{nb[tuple(bad)]} at policy {bad[0]}, future {bad[1]}"
        )
    return np.ascontiguousarray(nb)


def _inputs_array(inputs: ArrayLike, futures: int) -> Floats:
    """(futures, k), checked against the futures of the net benefit."""
    try:
        x = np.asarray(inputs, dtype=float)
    except (TypeError, ValueError):
        raise ParameterTypeError(
            "inputs", "a numeric array (futures, inputs)", type(inputs).__name__
        ) from None
    if x.ndim == 1:
        x = x[:, None]
    if x.ndim != 2 or x.shape[0] != futures or x.shape[1] < 1:
        raise ShapeError(
            f"inputs must be shaped (futures, inputs) with {futures} futures (axis 1 of "
            f"net_benefit), got shape {x.shape}"
        )
    if not np.all(np.isfinite(x)):
        bad = np.argwhere(~np.isfinite(x))[0]
        raise ParameterError(
            "inputs",
            "finite (no NaN or inf)",
            f"{x[tuple(bad)]} at future {bad[0]}, input {bad[1]}",
        )
    return x


def _names(names: Sequence[str] | None, k: int, arg: str = "names") -> tuple[str, ...]:
    if names is None:
        return tuple(f"x{i + 1}" for i in range(k))
    if isinstance(names, str):
        raise ParameterTypeError(arg, "a sequence of names, not one string", names)
    out = tuple(str(n) for n in names)
    if len(out) != k:
        raise ShapeError(f"{arg} must have {k} entries (one per column), got {len(out)}: {out}")
    if len(set(out)) != len(out):
        raise ParameterError(arg, "unique names", out)
    return out


def _rng(seed: int | np.random.Generator | None) -> np.random.Generator:
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is None:
        seed = 0
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
        raise ParameterError("seed", "a whole number >= 0 or a numpy Generator", seed)
    return stream(as_seed_sequence(int(seed)), "voi bootstrap")


# --------------------------------------------------------------------------- estimators


def _gain(fitted: Floats) -> float:
    """mean_f max_d g_df - max_d mean_f g_df for g shaped (policies, futures)."""
    return float(fitted.max(axis=0).mean() - fitted.mean(axis=1).max())


def evpi(net_benefit: ArrayLike) -> float:
    """Expected value of perfect information, in the net benefit's unit.

    Parameters
    ----------
    net_benefit : array_like, shape (policies, futures) or (policies, futures, replications)
        Net benefit of each policy in each future (replications averaged).

    Returns
    -------
    float
        ``mean_f max_d NB_df - max_d mean_f NB_df`` (>= 0).

    Examples
    --------
    >>> evpi([[0.0] * 10, [-1.0, 1.0] * 5])
    0.5
    """
    return _gain(_net_benefit_array(net_benefit))


def _increments(nb: Floats) -> Floats:
    """(futures, policies - 1): NB_d - NB_1 for d > 1."""
    return np.ascontiguousarray((nb[1:] - nb[0]).T)


def _with_zero(fitted: Floats) -> Floats:
    """(policies, futures) from the fitted increments (futures, policies - 1)."""
    return np.vstack([np.zeros((1, fitted.shape[0])), fitted.T])


def evppi(net_benefit: ArrayLike, inputs: ArrayLike, *, method: str = "spline") -> float:
    """Expected value of partial perfect information on the inputs given, jointly.

    Parameters
    ----------
    net_benefit : array_like, shape (policies, futures) or (policies, futures, replications)
        Net benefit of each policy in each future (replications averaged).
    inputs : array_like, shape (futures,) or (futures, k)
        The values, in each future, of the input (or the group of ``k`` inputs) whose
        value of information is wanted.
    method : {"spline", "gp"}
        The smoother of Strong et al. (2014): a penalised regression spline (tensor
        product for two inputs, additive for three or more), or a Gaussian process.

    Returns
    -------
    float
        ``mean_f max_d g_d(x_f) - max_d mean_f g_d(x_f)`` with ``g_d`` the regression of
        ``NB_d - NB_1`` on the inputs, in the net benefit's unit.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.linspace(-1, 1, 200)
    >>> round(evppi(np.stack([np.zeros(200), x]), x), 3)  # E[max(x, 0)] = 0.25
    0.251
    """
    nb = _net_benefit_array(net_benefit)
    x = _inputs_array(inputs, nb.shape[1])
    with one_blas_thread():
        return _gain(_with_zero(_fit(x, _increments(nb), method)))


def _fit(x: Floats, y: Floats, method: str) -> Floats:
    if method not in METHODS:
        raise ParameterError("method", f"one of {list(METHODS)}", method)
    if method == "gp":
        return fit_gp(x, y)[0]
    return fit_spline(spline_design(x), y)[0]


# --------------------------------------------------------------------------- result


@dataclass(frozen=True)
class ValueOfInformation:
    """EVPI and EVPPI per input (or group of inputs) of a policy choice.

    Attributes
    ----------
    policies : tuple of str
        The policies chosen between.
    unit : str
        Unit of every value: ``"yuan"`` or ``"households"`` (restored households).
    expected : ndarray, shape (policies,)
        Expected net benefit of each policy over the futures, in ``unit``.
    best : str
        The policy with the highest expected net benefit (the choice made now).
    evpi, evpi_se : float
        Expected value of perfect information and its bootstrap standard error.
    groups : tuple of tuple of str
        The inputs (alone, or jointly) each EVPPI is about.
    input_units : tuple of str
        The inputs' units per group ("; "-joined).
    evppi, evppi_se : ndarray, shape (groups,)
        EVPPI of each group and its bootstrap standard error.
    futures : int
        Futures the values are estimated from.
    n_boot : int
        Bootstrap resamples (0: no standard errors, NaN).
    method : str
        The smoother (``"spline"`` or ``"gp"``).
    cost : str or None
        The cost the net benefit subtracts (``"fiscal_cost_npv"``, ``"county_cost_npv"``),
        as :func:`voi` was given it; None when not known (:func:`value_of_information`)
        or none was subtracted.
    """

    policies: tuple[str, ...]
    unit: str
    expected: Floats
    best: str
    evpi: float
    evpi_se: float
    groups: tuple[tuple[str, ...], ...]
    input_units: tuple[str, ...]
    evppi: Floats
    evppi_se: Floats
    futures: int
    n_boot: int
    method: str
    cost: str | None = None

    def get(self, *inputs: str) -> float:
        """The EVPPI of one input, or of a group given as several names."""
        key = tuple(inputs)
        for g, v in zip(self.groups, self.evppi, strict=True):
            if g == key or (len(g) == len(key) and set(g) == set(key)):
                return float(v)
        raise ParameterError(
            "inputs", f"one of the groups {[list(g) for g in self.groups]}", list(key)
        )

    def table(self) -> list[dict[str, Any]]:
        """One row per group, highest EVPPI first: value, standard error, share of the EVPI."""
        order = np.argsort(-self.evppi, kind="stable")
        return [
            {
                "inputs": " + ".join(self.groups[i]),
                "input_unit": self.input_units[i],
                "evppi": float(self.evppi[i]),
                "evppi_se": float(self.evppi_se[i]),
                "share_of_evpi": float(self.evppi[i] / self.evpi) if self.evpi > 0 else math.nan,
                "unit": self.unit,
            }
            for i in order
        ]

    def format(self) -> str:
        """The table as text, with the EVPI and the unit."""
        tiny = 1e-9 * max(1.0, float(np.abs(self.expected).max()))  # rounding noise

        def amount(v: float) -> str:
            if abs(v) < tiny:
                return "0"
            return f"{v:,.0f}" if abs(v) >= 100 else f"{v:.3g}"

        unit = "yuan" if self.unit == "yuan" else "restored households"
        if self.cost is not None:
            unit += f", net of {self.cost}"
        lines = [
            f"Value of information ({unit}; {self.futures} futures, {self.method}, "
            f"bootstrap SE over {self.n_boot} resamples)",
            f"Best policy now: {self.best} "
            f"(expected net benefit {amount(float(self.expected.max()))})",
            f"EVPI: {amount(self.evpi)} ± {amount(self.evpi_se)}",
        ]
        rows = self.table()
        width = max([len("input(s)"), *(len(r["inputs"]) for r in rows)])
        lines.append(
            f"{'input(s)':<{width}}  {'EVPPI':>14}  {'SE':>12}  {'of EVPI':>7}  unit of input"
        )
        for r in rows:
            share = "" if math.isnan(r["share_of_evpi"]) else f"{r['share_of_evpi']:.0%}"
            lines.append(
                f"{r['inputs']:<{width}}  {amount(r['evppi']):>14}  {amount(r['evppi_se']):>12}  "
                f"{share:>7}  {r['input_unit']}"
            )
        return "\n".join(lines)


# --------------------------------------------------------------------------- core entry


def _group_list(
    names: tuple[str, ...], groups: Sequence[Sequence[str] | str] | None
) -> tuple[tuple[str, ...], ...]:
    if groups is None:
        return tuple((n,) for n in names)
    if isinstance(groups, str):
        raise ParameterTypeError("groups", "a sequence of names or of tuples of names", groups)
    out: list[tuple[str, ...]] = []
    for g in groups:
        group = (g,) if isinstance(g, str) else tuple(g)
        unknown = [n for n in group if n not in names]
        if not group or unknown:
            raise ParameterError(
                "groups", f"non-empty groups of inputs among {list(names)}", unknown or list(group)
            )
        if len(set(group)) != len(group):
            raise ParameterError("groups", "no input twice in a group", list(group))
        out.append(group)
    return tuple(out)


def value_of_information(
    net_benefit: ArrayLike,
    inputs: ArrayLike,
    *,
    names: Sequence[str] | None = None,
    units: Sequence[str] | Mapping[str, str] | None = None,
    policies: Sequence[str] | None = None,
    groups: Sequence[Sequence[str] | str] | None = None,
    unit: str = "yuan",
    method: str = "spline",
    n_boot: int = 200,
    seed: int | np.random.Generator | None = 0,
) -> ValueOfInformation:
    """EVPI and EVPPI per input (or group) from net benefits per policy and future.

    Parameters
    ----------
    net_benefit : array_like, shape (policies, futures) or (policies, futures, replications)
        Net benefit of each policy in each future, in ``unit`` (replications averaged).
    inputs : array_like, shape (futures, inputs)
        Each future's input values.
    names : sequence of str, optional
        The inputs' names (``x1``, ``x2``, ... by default).
    units : sequence of str or mapping of name to str, optional
        The inputs' units, for the table.
    policies : sequence of str, optional
        The policies' names (``policy 1``, ... by default).
    groups : sequence, optional
        The inputs or groups of inputs (tuples of names) whose EVPPI is wanted: each
        input alone by default.
    unit : {"yuan", "households"}
        Unit of the net benefit (reported with every value).
    method : {"spline", "gp"}
        The EVPPI smoother (:func:`evppi`).
    n_boot : int, default 200
        Bootstrap resamples of the futures for the standard errors (0: none).
    seed : int or numpy.random.Generator
        Seeds the bootstrap.

    Returns
    -------
    ValueOfInformation
    """
    nb = _net_benefit_array(net_benefit)
    x = _inputs_array(inputs, nb.shape[1])
    input_names = _names(names, x.shape[1])
    policy_names = (
        _names(policies, nb.shape[0], "policies")
        if policies is not None
        else tuple(f"policy {i + 1}" for i in range(nb.shape[0]))
    )
    if unit not in NET_BENEFIT_UNITS:
        raise ParameterError("unit", f"one of {list(NET_BENEFIT_UNITS)}", unit)
    if method not in METHODS:
        raise ParameterError("method", f"one of {list(METHODS)}", method)
    if units is None:
        unit_of = dict.fromkeys(input_names, "")
    elif isinstance(units, Mapping):
        unit_of = {n: str(units.get(n, "")) for n in input_names}
    else:
        if isinstance(units, str) or len(units) != x.shape[1]:
            raise ShapeError(
                f"units must have {x.shape[1]} entries (one per input), got {units!r}"
            )
        unit_of = dict(zip(input_names, (str(u) for u in units), strict=True))
    group_list = _group_list(input_names, groups)
    reps = _count(n_boot, "n_boot", 0)
    rng = _rng(seed)
    f = nb.shape[1]
    inc = _increments(nb)
    boots = rng.integers(0, f, size=(reps, f)) if reps else np.zeros((0, f), dtype=np.int64)
    counts = [np.bincount(idx, minlength=f).astype(float) for idx in boots]

    evpi_boot = [_gain(nb[:, idx]) for idx in boots]
    values, ses = [], []
    with one_blas_thread():
        for group in group_list:
            cols = [input_names.index(n) for n in group]
            xg = x[:, cols]
            if method == "gp":
                fitted, kernels = fit_gp(xg, inc)
                values.append(_gain(_with_zero(fitted)))
                est = [_gain(_with_zero(fit_gp(xg[i], inc[i], kernels)[0])) for i in boots]
            else:
                basis = spline_design(xg)
                fitted, pens = fit_spline(basis, inc)
                values.append(_gain(_with_zero(fitted)))
                est = []
                for idx, w in zip(boots, counts, strict=True):
                    refit = fit_spline(basis, inc, weights=w, penalties=pens)[0]
                    est.append(_gain(_with_zero(refit)[:, idx]))
            ses.append(float(np.std(est, ddof=1)) if reps > 1 else math.nan)
    expected = nb.mean(axis=1)
    return ValueOfInformation(
        policies=policy_names,
        unit=unit,
        expected=expected,
        best=policy_names[int(np.argmax(expected))],
        evpi=_gain(nb),
        evpi_se=float(np.std(evpi_boot, ddof=1)) if reps > 1 else math.nan,
        groups=group_list,
        input_units=tuple("; ".join(unit_of[n] for n in g if unit_of[n]) for g in group_list),
        evppi=np.asarray(values, dtype=float),
        evppi_se=np.asarray(ses, dtype=float),
        futures=f,
        n_boot=reps,
        method=method,
    )


# --------------------------------------------------------------------------- net benefit


def _wtp(wtp: object) -> float:
    if (
        isinstance(wtp, bool)
        or not isinstance(wtp, numbers.Real)
        or not (math.isfinite(float(wtp)) and float(wtp) > 0)
    ):
        raise ParameterError("wtp", "a finite number of yuan per restored household > 0", wtp)
    return float(wtp)


def net_benefit(
    restored: ArrayLike,
    cost: ArrayLike | None = None,
    *,
    wtp: float | None = None,
    unit: str = "yuan",
) -> Floats:
    """Net benefit of each policy in each future, in yuan or in restored households.

    Parameters
    ----------
    restored : array_like, shape (policies, futures[, replications])
        Restored households (count).
    cost : array_like, same shape, optional
        Cost to the county, yuan (NPV); no cost when None.
    wtp : float
        Willingness to pay per restored household, yuan; needed unless ``unit`` is
        ``"households"`` and there is no cost.
    unit : {"yuan", "households"}
        ``"yuan"``: ``wtp * restored - cost``; ``"households"``: ``restored - cost / wtp``
        (the cost as the restored households it would buy at ``wtp``).

    Returns
    -------
    ndarray
        Shaped like ``restored``.

    Examples
    --------
    >>> net_benefit([[10.0, 20.0]], [[1e5, 1e5]], wtp=2e4).tolist()
    [[100000.0, 300000.0]]
    >>> net_benefit([[10.0, 20.0]], [[1e5, 1e5]], wtp=2e4, unit="households").tolist()
    [[5.0, 15.0]]
    """
    if unit not in NET_BENEFIT_UNITS:
        raise ParameterError("unit", f"one of {list(NET_BENEFIT_UNITS)}", unit)
    r = np.asarray(restored, dtype=float)
    c = np.zeros_like(r) if cost is None else np.asarray(cost, dtype=float)
    if c.shape != r.shape:
        raise ShapeError(f"cost must be shaped like restored {r.shape}, got shape {c.shape}")
    if cost is None and unit == "households" and wtp is None:
        return r.copy()
    w = _wtp(wtp)
    return np.asarray(w * r - c if unit == "yuan" else r - c / w)


def _fits(name: str, kind: str) -> bool:
    """A cost in yuan (``fiscal_cost_npv``, ``county_cost_npv``), or a restored share.

    Among the outcomes a criterion judges (one number per run,
    :func:`~collective_econ.decision.robustness.criterion_outcomes`). The ``npv_*``
    outcomes are gains, not costs, and the poverty shares are harms: refused.
    """
    unit = outcome_unit(name)
    if kind == "yuan":
        return unit.startswith("yuan") and "cost" in name
    return unit == "share" and name.startswith("restored")


def _scalar_outcome(name: object, axis: str, kind: str) -> str:
    """The outcome called ``name``; one error naming the axis unless it fits it."""
    eligible = [n for n in criterion_outcomes() if _fits(n, kind)]
    what = (
        "a scalar cost outcome in yuan (subtracted)"
        if kind == "yuan"
        else "a scalar share outcome (the share of landless households restored)"
    )
    if not isinstance(name, str) or name not in eligible:
        hint = suggest(str(name), eligible)
        raise ParameterError(axis, f"{what}, one of {eligible}{hint}", name)
    return name


def declared_unit(path: str) -> str:
    """The unit a scheme declares for an input ``"<scheme>.<field>"`` ("" if none is known).

    Examples
    --------
    >>> declared_unit("hogs.hog_price")
    'yuan/kg live'
    """
    return input_labels([path])[0].unit if path.partition(".")[0] in SCHEMES else ""


def voi(
    results: ExperimentResults,
    policies: Sequence[str] | None = None,
    inputs: Sequence[str] | None = None,
    *,
    wtp: float | None = None,
    unit: str = "yuan",
    benefit: str = "restored_within_5y",
    cost: str | None = "fiscal_cost_npv",
    groups: Sequence[Sequence[str] | str] | None = None,
    units: Mapping[str, str] | None = None,
    method: str = "spline",
    n_boot: int = 200,
    seed: int | np.random.Generator | None = 0,
    funding: FundingShares | None = None,
) -> ValueOfInformation:
    """EVPI and EVPPI per uncertain input of an experiment's policy choice.

    Parameters
    ----------
    results : ExperimentResults
        Runs of policies x samples (futures) x replications; its ``design`` holds each
        future's input values. Replications are averaged.
    policies : sequence of str, optional
        The policies chosen between (at least two): all by default.
    inputs : sequence of str, optional
        The sampled inputs (``results.inputs``) whose EVPPI is wanted, each alone: all
        by default; ``groups`` adds groups of them, estimated jointly.
    wtp : float
        Yuan the county would pay per restored household (needed unless ``unit`` is
        ``"households"`` and ``cost`` is None).
    unit : {"yuan", "households"}
        Net benefit ``wtp * restored - cost`` yuan, or ``restored - cost / wtp``
        restored households.
    benefit : str
        A scalar share outcome (the share of landless households restored), times the
        landless households: restored households.
    cost : str or None
        A cost in yuan per run: ``"fiscal_cost_npv"``, the net public cost (county and
        higher levels), or ``"county_cost_npv"``, the part of it the county's own budget
        carries (by ``funding``, as the robustness criterion reads it:
        :func:`~collective_econ.decision.robustness.outcome_values`); None: no cost.
    units : mapping of str to str, optional
        Input units, over those the schemes declare (:func:`declared_unit`).
    groups, method, n_boot, seed
        As :func:`value_of_information`.
    funding : FundingShares, optional
        The county's share of each item of the government's books, for
        ``cost="county_cost_npv"`` (pass the scenario's ``funding``; ``FundingShares()``
        when not given).

    Returns
    -------
    ValueOfInformation
    """
    if not isinstance(results, ExperimentResults):
        raise ParameterTypeError("results", "an ExperimentResults", type(results).__name__)
    _scalar_outcome(benefit, "benefit", "share")
    if cost is not None:
        _scalar_outcome(cost, "cost", "yuan")
    if policies is None:
        names = results.policies
    elif isinstance(policies, str):
        raise ParameterTypeError("policies", "a sequence of policy names", policies)
    else:
        names = tuple(policies)
    rows = [results.index(p) for p in names]  # unknown: ParameterError with a suggestion
    if len(set(rows)) < 2:
        raise ParameterError(
            "policies", "at least two different policies to choose between", list(names)
        )
    if not results.inputs:
        raise ParameterError(
            "results", "an experiment whose design varies inputs", "no sampled inputs"
        )
    wanted = results.inputs if inputs is None else tuple(inputs)
    if isinstance(inputs, str):
        raise ParameterTypeError("inputs", "a sequence of input names", inputs)
    for n in wanted:
        if n not in results.inputs:
            raise ParameterError("inputs", f"names among {list(results.inputs)}", n)
    households = results.household_mean.shape[-1]
    restored = results.sel(benefit)[rows] * households
    if funding is not None and not isinstance(funding, FundingShares):
        raise ParameterTypeError("funding", "a FundingShares or None", funding)
    cost_values = None if cost is None else outcome_values(results, cost, funding)[rows]
    nb = net_benefit(restored, cost_values, wtp=wtp, unit=unit)
    cols = [results.inputs.index(n) for n in wanted]
    extra = _group_list(results.inputs, groups) if groups is not None else ()
    for g in extra:
        for n in g:
            if n not in wanted:
                wanted, cols = (*wanted, n), [*cols, results.inputs.index(n)]
    all_groups = tuple((n,) for n in (results.inputs if inputs is None else tuple(inputs)))
    declared = {n: declared_unit(n) for n in wanted}
    found = value_of_information(
        nb,
        results.design[:, cols],
        names=wanted,
        units={**declared, **(units or {})},
        policies=names,
        groups=(*all_groups, *extra),
        unit=unit,
        method=method,
        n_boot=n_boot,
        seed=seed,
    )
    return dataclasses.replace(found, cost=cost)
