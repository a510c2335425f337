"""The named distributions: fixed, uniform, triangular, PERT, normal, lognormal, empirical."""

from __future__ import annotations

import abc
import dataclasses
import math
import numbers
from dataclasses import dataclass
from typing import Any, overload

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import special

from ..errors import ParameterError, ParameterTypeError
from ..params import NONNEGATIVE, POSITIVE, Parameters, Rule, param

FloatArray = NDArray[np.float64]
_UNIT = "unit of the input"
_TINY = float(np.finfo(float).tiny)  # rng.random() may return 0.0, and ppf(0) may be -inf
_ALMOST_ONE = 1.0 - float(np.finfo(float).epsneg)
_TOL = 1e-10  # for symmetry, the unit diagonal and positive semi-definiteness


def _required(*, unit: str, rule: Rule | None = None, doc: str = "") -> Any:
    """A field without default, carrying the same metadata as :func:`param`."""
    return dataclasses.field(metadata={"unit": unit, "source": "user", "rule": rule, "doc": doc})


class Distribution(Parameters, abc.ABC):
    """The protocol shared by the distributions of uncertain inputs.

    Subclasses implement ``_ppf`` and ``_cdf`` on float arrays and the ``mean``
    property. Public methods check their argument and return a ``float`` for a
    scalar, an array otherwise.
    """

    __slots__ = ()

    def __post_init__(self) -> None:
        Parameters.__post_init__(self)
        _check_quantiles(self)

    @property
    @abc.abstractmethod
    def mean(self) -> float:
        """The expected value."""

    @property
    def support(self) -> tuple[float, float]:
        """The smallest and largest possible values, ``ppf(0)`` and ``ppf(1)`` (maybe inf)."""
        lo, hi = self._ppf(np.array([0.0, 1.0]))
        return (float(lo), float(hi))

    @abc.abstractmethod
    def _ppf(self, q: FloatArray) -> FloatArray: ...

    @abc.abstractmethod
    def _cdf(self, x: FloatArray) -> FloatArray: ...

    def ppf(self, q: ArrayLike) -> float | FloatArray:
        """The inverse CDF: the smallest ``x`` with ``cdf(x) >= q``, for ``q`` in [0, 1]."""
        arr = _checked(q, "q", f"{type(self).__name__}.ppf", unit_interval=True)
        return _scalar_or_array(self._ppf(arr))

    def quantile(self, q: ArrayLike) -> float | FloatArray:
        """The ``q`` quantile (the same as :meth:`ppf`)."""
        return self.ppf(q)

    def cdf(self, x: ArrayLike) -> float | FloatArray:
        """The probability of a value ``<= x``."""
        arr = _checked(x, "x", f"{type(self).__name__}.cdf", unit_interval=False)
        return _scalar_or_array(self._cdf(arr))

    @overload
    def sample(self, rng: np.random.Generator, size: None = None) -> float: ...
    @overload
    def sample(self, rng: np.random.Generator, size: int | tuple[int, ...]) -> FloatArray: ...
    def sample(
        self, rng: np.random.Generator, size: int | tuple[int, ...] | None = None
    ) -> float | FloatArray:
        """Draw ``size`` values (one float if None) from ``rng``, one uniform per value."""
        out = self._ppf(_uniforms(rng, size))
        return float(out) if size is None else np.asarray(out, dtype=float)


@dataclass(frozen=True, slots=True, kw_only=True)
class Fixed(Distribution):
    """A constant: an input held at one value.

    Examples
    --------
    The guaranteed minimum dividend held at its typical 8%/yr (domain-reference §1b):

    >>> rate = Fixed(value=0.08)
    >>> rate.ppf([0.05, 0.95]), rate.mean, rate.support
    (array([0.08, 0.08]), 0.08, (0.08, 0.08))
    """

    value: float = _required(unit=_UNIT, doc="the constant value")

    @property
    def mean(self) -> float:  # noqa: D102
        return self.value

    def _ppf(self, q: FloatArray) -> FloatArray:
        return np.full(np.shape(q), self.value)

    def _cdf(self, x: FloatArray) -> FloatArray:
        return np.where(x >= self.value, 1.0, 0.0)


@dataclass(frozen=True, slots=True, kw_only=True)
class Uniform(Distribution):
    """Every value between ``low`` and ``high`` equally likely.

    Examples
    --------
    A guaranteed dividend rate anywhere from 6% to 10%/yr (domain-reference §1b):

    >>> rate = Uniform(low=0.06, high=0.10)
    >>> rate.mean, rate.quantile(0.25)
    (0.08, 0.07)
    >>> Uniform(low=3.0, high=2.0)
    Traceback (most recent call last):
    ...
    collective_econ.errors.ParameterError: Uniform.low must be < high (2), got 3.0
    """

    low: float = _required(unit=_UNIT, doc="the smallest value")
    high: float = _required(unit=_UNIT, doc="the largest value")

    def _check(self) -> None:
        _check_below(self, self.low, self.high)

    @property
    def mean(self) -> float:  # noqa: D102
        return (self.low + self.high) / 2

    def _ppf(self, q: FloatArray) -> FloatArray:
        return self.low + q * (self.high - self.low)

    def _cdf(self, x: FloatArray) -> FloatArray:
        return np.clip((x - self.low) / (self.high - self.low), 0.0, 1.0)


@dataclass(frozen=True, slots=True, kw_only=True)
class _ThreePoint(Distribution):
    """Low, most likely and high values, with ``low <= mode <= high`` and ``low < high``."""

    low: float = _required(unit=_UNIT, doc="the smallest value")
    mode: float = _required(unit=_UNIT, doc="the most likely value")
    high: float = _required(unit=_UNIT, doc="the largest value")

    def _check(self) -> None:
        _check_below(self, self.low, self.high)
        if not self.low <= self.mode <= self.high:
            rule = f"within [low, high] = [{self.low:g}, {self.high:g}]"
            raise ParameterError("mode", rule, self.mode, owner=type(self).__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class Triangular(_ThreePoint):
    """A triangle from ``low`` to ``high`` peaking at the most likely value ``mode``.

    Examples
    --------
    County-town hotel occupancy from 50% to 65%, most likely 58% (domain-reference §5b):

    >>> occupancy = Triangular(low=0.50, mode=0.58, high=0.65)
    >>> round(occupancy.mean, 4), round(float(occupancy.cdf(0.58)), 4)
    (0.5767, 0.5333)
    """

    @property
    def mean(self) -> float:  # noqa: D102
        return (self.low + self.mode + self.high) / 3

    def _ppf(self, q: FloatArray) -> FloatArray:
        lo, m, hi = self.low, self.mode, self.high
        left = lo + np.sqrt(q * (hi - lo) * (m - lo))
        right = hi - np.sqrt((1.0 - q) * (hi - lo) * (hi - m))
        # Clipping to either side of the mode keeps the branches monotone and in support.
        return np.where(q < (m - lo) / (hi - lo), np.minimum(left, m), np.maximum(right, m))

    def _cdf(self, x: FloatArray) -> FloatArray:
        lo, m, hi = self.low, self.mode, self.high
        with np.errstate(all="ignore"):  # mode == low or high: unused branch is inf or nan
            left = (x - lo) ** 2 / ((hi - lo) * (m - lo))
            right = 1.0 - (hi - x) ** 2 / ((hi - lo) * (hi - m))
        return np.where(x <= lo, 0.0, np.where(x >= hi, 1.0, np.where(x < m, left, right)))


@dataclass(frozen=True, slots=True, kw_only=True)
class PERT(_ThreePoint):
    """A beta-PERT distribution: a smooth, bounded guess from low, most likely and high.

    A beta distribution on [low, high] with shapes ``1 + lamb (mode - low) / (high - low)``
    and ``1 + lamb (high - mode) / (high - low)``, so the mean is
    ``(low + lamb * mode + high) / (lamb + 2)``. Its ppf costs ~1.5 µs per value.

    Examples
    --------
    Days for a household's hog to grow from 20 to 110 kg on mixed feed: 150 to 180,
    most likely 160 (domain-reference §2a):

    >>> days = PERT(low=150.0, mode=160.0, high=180.0)
    >>> round(days.mean, 2), days.support
    (161.67, (150.0, 180.0))
    >>> PERT(low=150.0, mode=190.0, high=180.0)
    Traceback (most recent call last):
    ...
    collective_econ.errors.ParameterError: PERT.mode must be within [low, high] = [150, 180],
    got 190.0
    """

    lamb: float = param(
        4.0, unit="dimensionless", source="classic beta-PERT (Malcolm et al. 1959)",
        rule=POSITIVE, doc="weight of the mode in the mean",
    )  # fmt: skip

    @property
    def mean(self) -> float:  # noqa: D102
        return (self.low + self.lamb * self.mode + self.high) / (self.lamb + 2.0)

    def _beta(self) -> tuple[float, float, float]:
        width = self.high - self.low
        a = 1.0 + self.lamb * (self.mode - self.low) / width
        return a, 2.0 + self.lamb - a, width

    def _ppf(self, q: FloatArray) -> FloatArray:
        a, b, width = self._beta()
        x = np.asarray(special.betaincinv(a, b, q), dtype=float)
        # betaincinv gives NaN for q < ~1e-100; there I_x(a, b) = x^a (1 + a(1 - b)x/(a + 1)
        # + O(x^2)) / (a B(a, b)), which inverts to x0 (1 - (1 - b) x0 / (a + 1)).
        with np.errstate(divide="ignore"):
            x0 = np.exp((np.log(q) + math.log(a) + special.betaln(a, b)) / a)
        x = np.where(np.isnan(x), x0 * (1.0 - (1.0 - b) * x0 / (a + 1.0)), x)
        return self.low + width * x

    def _cdf(self, x: FloatArray) -> FloatArray:
        a, b, width = self._beta()
        return np.asarray(special.betainc(a, b, np.clip((x - self.low) / width, 0, 1)), float)


@dataclass(frozen=True, slots=True, kw_only=True)
class Normal(Distribution):
    """A normal distribution, optionally truncated to [low, high].

    The centre is the field ``mu``, not ``mean``: that is the property, which
    differs from ``mu`` once truncated. A bound of ``None`` means unbounded.

    Examples
    --------
    The hog:grain price ratio, around 5.75 (sd 0.45) and kept within 4 to 7
    (4.9-6.6 through 2013, 6 the official break-even; domain-reference §2a):

    >>> ratio = Normal(mu=5.75, sd=0.45, low=4.0, high=7.0)
    >>> round(ratio.mean, 4), ratio.support, round(float(ratio.cdf(6.0)), 3)
    (5.7463, (4.0, 7.0), 0.713)
    """

    mu: float = _required(unit=_UNIT, doc="the centre (the mean before truncation)")
    sd: float = _required(unit=_UNIT, rule=POSITIVE, doc="the standard deviation")
    low: float | None = param(None, unit=_UNIT, source="user", doc="lower truncation")
    high: float | None = param(None, unit=_UNIT, source="user", doc="upper truncation")

    def _check(self) -> None:
        owner = type(self).__name__
        for name in ("low", "high"):
            if (bound := getattr(self, name)) is not None:
                rule = "finite (None means unbounded)"
                object.__setattr__(self, name, _real(name, bound, owner, rule))
        if self.low is not None and self.high is not None:
            _check_below(self, self.low, self.high)
        _, pa, pb = self._tail()
        if not pb > pa:
            name = "low" if self.low is not None and self.low > self.mu else "high"
            rule = "within ~37 sd of mu, leaving [low, high] some probability"
            raise ParameterError(name, rule, getattr(self, name), owner=owner)

    def _bounds(self) -> tuple[float, float]:
        """The standardised bounds (a, b), infinite when unbounded."""
        a = -math.inf if self.low is None else (self.low - self.mu) / self.sd
        return a, math.inf if self.high is None else (self.high - self.mu) / self.sd

    def _tail(self) -> tuple[float, float, float]:
        """``(s, ndtr(ya), ndtr(yb))``: bounds mirrored (s = -1) to lie mostly below 0.

        ``ndtr`` is accurate in the lower tail, so one-sided far truncation stays exact.
        """
        a, b = self._bounds()
        ya, yb, s = (-b, -a, -1.0) if a + b > 0 else (a, b, 1.0)
        return s, float(special.ndtr(ya)), float(special.ndtr(yb))

    @property
    def mean(self) -> float:  # noqa: D102
        _, pa, pb = self._tail()
        a, b = self._bounds()
        pdf_a, pdf_b = np.exp(-np.square([a, b]) / 2) / math.sqrt(2 * math.pi)
        return float(self.mu + self.sd * (pdf_a - pdf_b) / (pb - pa))

    @property
    def support(self) -> tuple[float, float]:  # noqa: D102
        low = -math.inf if self.low is None else self.low
        return low, math.inf if self.high is None else self.high

    def _ppf(self, q: FloatArray) -> FloatArray:
        s, pa, pb = self._tail()
        p = pa + q * (pb - pa) if s > 0 else pb - q * (pb - pa)
        return np.clip(self.mu + self.sd * s * np.asarray(special.ndtri(p)), *self.support)

    def _cdf(self, x: FloatArray) -> FloatArray:
        s, pa, pb = self._tail()
        p = np.asarray(special.ndtr(s * (x - self.mu) / self.sd), dtype=float)
        return np.clip((p - pa if s > 0 else pb - p) / (pb - pa), 0.0, 1.0)


@dataclass(frozen=True, slots=True, kw_only=True)
class LogNormal(Distribution):
    """A lognormal distribution given by its mean and its coefficient of variation.

    ``cv`` is sd / mean; the log has sd ``sigma = sqrt(log(1 + cv**2))`` and the
    median is ``mean / sqrt(1 + cv**2)``. The field ``mean`` is the property.

    Examples
    --------
    A live hog price averaging 12 yuan/kg with a 20% spread (2010-11 swung from
    9.5 to 18.4 yuan/kg; domain-reference §2a):

    >>> price = LogNormal(mean=12.0, cv=0.2)
    >>> price.mean, round(float(price.quantile(0.5)), 2), round(float(price.ppf(0.95)), 2)
    (12.0, 11.77, 16.31)
    """

    mean: float = _required(unit=_UNIT, rule=POSITIVE, doc="the mean")
    cv: float = _required(unit="ratio", rule=POSITIVE, doc="coefficient of variation, sd/mean")

    def _log_params(self) -> tuple[float, float]:
        cv = self.cv
        # log(1 + cv^2) without squaring a cv above ~1.3e154 (which overflows)
        sigma2 = math.log1p(cv * cv) if cv < 1e150 else 2.0 * math.log(cv) + math.log1p(cv**-2)
        return math.log(self.mean) - sigma2 / 2, math.sqrt(sigma2)

    def _ppf(self, q: FloatArray) -> FloatArray:
        mu, sigma = self._log_params()
        if sigma == 0.0:  # a cv so small that 1 + cv^2 rounds to 1: the mean itself
            return np.full(np.shape(q), self.mean)
        with np.errstate(over="ignore"):
            return np.exp(mu + sigma * np.asarray(special.ndtri(q), dtype=float))

    def _cdf(self, x: FloatArray) -> FloatArray:
        mu, sigma = self._log_params()
        if sigma == 0.0:
            return np.where(x >= self.mean, 1.0, 0.0)
        with np.errstate(divide="ignore"):
            z = (np.log(np.maximum(x, 0.0)) - mu) / sigma
        return np.asarray(special.ndtr(z), dtype=float)


@dataclass(frozen=True, slots=True, kw_only=True)
class Empirical(Distribution):
    """A discrete distribution over given values, with optional relative weights.

    Weights are normalised; ``None`` weighs all values alike, and values of zero
    weight are never drawn. The ppf is the step inverse of the CDF.

    Examples
    --------
    Fresh tea-leaf prices in ordinary (7 yuan/kg), boom (14) and premium (20)
    years, weighted 5:3:2 (domain-reference §3):

    >>> leaf = Empirical(values=(7.0, 14.0, 20.0), weights=(5, 3, 2))
    >>> round(leaf.mean, 2), leaf.support, leaf.ppf([0.5, 0.51, 0.9])
    (11.7, (7.0, 20.0), array([ 7., 14., 20.]))
    """

    values: tuple[float, ...] = _required(unit=_UNIT, doc="the possible values")
    weights: tuple[float, ...] | None = param(
        None, unit="relative weight", source="user", doc="weight of each value"
    )

    def _check(self) -> None:
        owner, weights = type(self).__name__, self.weights
        if not self.values:
            raise ParameterError("values", "non-empty", self.values, owner=owner)
        if weights is None:
            return
        if not isinstance(weights, tuple | list):
            raise ParameterTypeError("weights", "a sequence or None", weights, owner=owner)
        weights = tuple(_real(f"weights[{i}]", w, owner) for i, w in enumerate(weights))
        for i, w in enumerate(weights):
            NONNEGATIVE.check(f"weights[{i}]", w, owner)
        if len(weights) != len(self.values):
            rule = f"as long as values ({len(self.values)} items)"
            raise ParameterError("weights", rule, weights, owner=owner)
        if not sum(weights) > 0:
            raise ParameterError("weights", "of positive sum", weights, owner=owner)
        object.__setattr__(self, "weights", weights)

    def _table(self) -> tuple[FloatArray, FloatArray]:
        """The values of positive weight, sorted, and their cumulative probabilities."""
        values = np.asarray(self.values, dtype=float)
        weights = np.ones_like(values) if self.weights is None else np.asarray(self.weights)
        order = np.argsort(values[weights > 0], kind="stable")
        cum = np.cumsum(weights[weights > 0][order])
        cum /= cum[-1]
        cum[-1] = 1.0
        return values[weights > 0][order], cum

    @property
    def mean(self) -> float:  # noqa: D102
        xs, cum = self._table()
        return float(np.dot(xs, np.diff(cum, prepend=0.0)))

    def _ppf(self, q: FloatArray) -> FloatArray:
        xs, cum = self._table()
        return xs[np.minimum(np.searchsorted(cum, q, side="left"), len(xs) - 1)]

    def _cdf(self, x: FloatArray) -> FloatArray:
        xs, cum = self._table()
        below = np.searchsorted(xs, x, side="right")
        return np.where(below == 0, 0.0, cum[np.maximum(below - 1, 0)])


def _uniforms(rng: np.random.Generator, size: int | tuple[int, ...] | None) -> FloatArray:
    if not isinstance(rng, np.random.Generator):
        raise ParameterTypeError("rng", "a numpy.random.Generator", rng)
    return np.maximum(rng.random(size), _TINY)


def _checked(values: ArrayLike, name: str, owner: str, *, unit_interval: bool) -> FloatArray:
    arr = np.asarray(values, dtype=float)
    bad = ~((arr >= 0.0) & (arr <= 1.0)) if unit_interval else np.isnan(arr)
    if bad.any():
        rule = "within [0, 1]" if unit_interval else "a number (not NaN)"
        raise ParameterError(name, rule, float(arr[bad][0]), owner=owner)
    return arr


def _scalar_or_array(out: ArrayLike) -> float | FloatArray:
    arr = np.asarray(out, dtype=float)
    return float(arr) if arr.ndim == 0 else arr


def _real(field: str, value: object, owner: str, finite_rule: str = "finite") -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ParameterTypeError(field, "a real number", value, owner=owner)
    if not math.isfinite(value):
        raise ParameterError(field, finite_rule, value, owner=owner)
    return float(value)


def _check_quantiles(dist: Distribution) -> None:
    """Refuse parameters whose quantiles or mean overflow to inf or fall to NaN.

    The quantiles checked are those sampling can reach, ``ppf(tiny)`` to
    ``ppf(1 - 2**-53)``, which must be finite, and ``ppf(0)``, ``ppf(1)``, which
    may be infinite (an unbounded tail) but not NaN. The field named is the one
    of largest magnitude, the usual culprit (``Uniform(low=-1e308, high=1e308)``
    spans more than a float holds).
    """
    q = np.array([0.0, _TINY, 0.5, _ALMOST_ONE, 1.0])
    with np.errstate(all="ignore"):
        x = np.asarray(dist._ppf(q), dtype=float)
        mean = float(dist.mean)
    bad = np.isnan(x)
    bad[1:-1] |= ~np.isfinite(x[1:-1])
    if bad.any() or not math.isfinite(mean):
        i = int(np.argmax(bad))
        what = f"ppf({q[i]:.3g}) is {x[i]}" if bad.any() else f"the mean is {mean}"
        name, value = _largest_field(dist)
        rule = f"small enough that the quantiles and the mean are finite numbers ({what})"
        raise ParameterError(name, rule, value, owner=type(dist).__name__)


def _largest_field(dist: Distribution) -> tuple[str, object]:
    """The field of ``dist`` with the largest magnitude (a tuple counts its largest item)."""
    best: tuple[float, str, object] = (-1.0, "", None)
    for f in dataclasses.fields(dist):  # type: ignore[arg-type]
        value = getattr(dist, f.name)
        items = value if isinstance(value, tuple) else (value,)
        size = max((abs(float(v)) for v in items if isinstance(v, numbers.Real)), default=-1.0)
        if size > best[0] or math.isnan(size):
            best = (math.inf if math.isnan(size) else size, f.name, value)
    return best[1], best[2]


def _check_below(dist: Distribution, low: float, high: float) -> None:
    if not low < high:
        raise ParameterError("low", f"< high ({high:g})", low, owner=type(dist).__name__)
