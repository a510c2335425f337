"""Values a scenario sets that its uncertain inputs replace when they are sampled.

An ``[[uncertainties]]`` entry names a parameter (``"hogs.hog_price"``); when a run
samples the uncertain inputs (``--samples`` > 1), every draw replaces the value that
``[schemes.hogs]`` (or a policy's ``set``, or ``[livelihood]``) gives it, under every
policy. A value there acts only in the base case (``--samples 1``). The project's
rule is that a value either acts or is refused, so an *edited* value that the draws
would replace must not pass silently.

Which values are edits: the embedded case's file carries each uncertain parameter at
the value its distribution is centred on: its mean, or its :func:`centre` (the mode
of a triangular or PERT distribution, the midpoint of a uniform one, ``mu`` of a
normal, the mean of a lognormal or empirical one, the value of a fixed one), so a
value there is the case's own and says nothing; a value elsewhere (and above all one outside the
range of the draws) is an edit that the draws would undo. :func:`drawn_values`
lists those, and :meth:`DrawnValue.message` says what to do: move the distribution
with the value (the moved distribution is written out when it obeys the parameter's
rule), remove the uncertainty, or run the base case with ``--samples 1``.

``collective-econ run`` refuses such a value when it samples the inputs;
``collective-econ validate`` refuses it when the file's own ``[experiment] samples``
is above 1 (as ``run FILE`` would) and warns otherwise; ``robust``, ``discover``,
``voi`` and ``monitor`` (its forecast) refuse it, their futures all drawn;
:func:`~.file.loads` and :func:`~.file.load_scenario` emit a
:class:`DrawnValueWarning` for each.

A fit (``collective-econ calibrate --fit PATH=LOW:HIGH``) draws its parameters from
priors in every run: :func:`fitted_values` lists the values of the file a prior
would replace. There the file's own value is the parameter's default, not the
prior's centre: a prior is typed on the command line over the range searched and
may be centred anywhere (the documented ``livelihood.casual_wage_month=400:1200``
is centred on 800; the case's wage is 740).

Examples
--------
>>> from collective_econ.cases.caopijie import init_text
>>> from collective_econ.scenario import loads
>>> drawn_values(loads(init_text()))  # the case as shipped: every value at its centre
()
>>> import warnings
>>> text = init_text().replace("hog_price = 12.0", "hog_price = 14.0")
>>> with warnings.catch_warnings():
...     warnings.simplefilter("ignore", DrawnValueWarning)
...     (edit,) = drawn_values(loads(text))
>>> edit.where, edit.value, edit.centre, edit.moved_text()
('schemes.hogs.hog_price', 14.0, 12.0, '{ kind = "triangular", low = 12.5, mode = 14.0, high = 15.5 }')
"""  # noqa: E501

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..distributions import (
    PERT,
    Distribution,
    Empirical,
    Fixed,
    LogNormal,
    Normal,
    Triangular,
    Uniform,
)
from ..distributions.uncertainty import Uncertainty
from ..errors import ParameterError
from .model import Scenario
from .parts import Path, check_support, field_hints, location, resolve_param
from .reader import KINDS
from .toml import format_value

__all__ = [
    "DrawnValue",
    "DrawnValueWarning",
    "FittedValue",
    "centre",
    "drawn_values",
    "fitted_values",
]

RULE = "a value either acts or is refused"
"""The project's rule, quoted in the messages."""


class DrawnValueWarning(UserWarning):
    """A scenario sets a value that its ``[[uncertainties]]`` replace in sampled runs."""


def centre(distribution: Distribution) -> tuple[float, str]:
    """The value a distribution is centred on, and what that value is called.

    Examples
    --------
    >>> centre(Triangular(low=10.5, mode=12.0, high=13.5))
    (12.0, 'mode')
    >>> centre(Uniform(low=0.5, high=0.7))
    (0.6, 'midpoint')
    """
    d = distribution
    if isinstance(d, Fixed):
        return d.value, "value"
    if isinstance(d, Uniform):
        return (d.low + d.high) / 2, "midpoint"
    if isinstance(d, Triangular | PERT):
        return d.mode, "mode"
    if isinstance(d, Normal):
        return d.mu, "centre mu"
    if isinstance(d, LogNormal | Empirical):
        return d.mean, "mean"
    return float(d.ppf(0.5)), "median"


def _moved(distribution: Distribution, value: float) -> Distribution | None:
    """The distribution moved so that it is centred on ``value`` (None: no natural move)."""
    d = distribution
    shift = value - centre(d)[0]

    def by(x: float | None) -> float | None:
        return None if x is None else round(x + shift, 12)

    try:
        if isinstance(d, Fixed):
            return d.evolve(value=value)
        if isinstance(d, Uniform):
            return d.evolve(low=by(d.low), high=by(d.high))
        if isinstance(d, Triangular | PERT):
            return d.evolve(low=by(d.low), mode=value, high=by(d.high))
        if isinstance(d, Normal):
            return d.evolve(mu=value, low=by(d.low), high=by(d.high))
        if isinstance(d, LogNormal) and value > 0:
            return d.evolve(mean=value)  # the same coefficient of variation
    except ParameterError:
        return None
    return None


@dataclass(frozen=True, slots=True)
class DrawnValue:
    """A value a scenario sets, away from the centre of the uncertainty that replaces it.

    Attributes
    ----------
    where : str
        Where the scenario sets it (``"schemes.hogs.hog_price"``,
        ``'policies["high price"].hogs.hog_price'``, ``"livelihood.debt_rate"``).
    segments : tuple
        The same place as key segments of the file (to find its line).
    value : float
        The value set there, in the parameter's unit.
    index : int
        The position of the uncertainty in ``[[uncertainties]]`` (0-based).
    uncertainty : Uncertainty
        The uncertain input whose draws replace the value.
    centre : float
        The value the distribution is centred on (:func:`centre`).
    moved : Distribution or None
        The distribution moved to be centred on ``value``, if it obeys the parameter's
        rule and the kind has a natural move.
    """

    where: str
    segments: Path
    value: float
    index: int
    uncertainty: Uncertainty
    centre: float
    moved: Distribution | None

    @property
    def param(self) -> str:
        """The uncertainty's parameter path (``"hogs.hog_price"``)."""
        return self.uncertainty.param

    @property
    def outside(self) -> bool:
        """Whether the value lies outside the range of the draws."""
        lo, hi = self.uncertainty.distribution.support
        return not lo <= self.value <= hi

    def moved_text(self) -> str | None:
        """The moved distribution as the file writes it (an inline table), or None."""
        if self.moved is None:
            return None
        kinds = {v: k for k, v in KINDS.items()}
        fields = {
            f.name: getattr(self.moved, f.name)
            for f in dataclasses.fields(self.moved)  # type: ignore[arg-type]
            if getattr(self.moved, f.name) is not None
        }
        return format_value({"kind": kinds[type(self.moved)], **fields})

    def message(self, samples: int | None = None, flag: str = "--samples") -> str:
        """What is wrong, the rule, and what to do (``samples``: those of the run, if known).

        ``flag``: the command's option for the number of draws (``--samples`` of ``run``;
        ``--futures`` of the decision commands, whose futures are all drawn: they have no
        base case to offer).

        Examples
        --------
        >>> d = Triangular(low=10.5, mode=12.0, high=13.5)
        >>> u = Uncertainty("hogs.hog_price", d)
        >>> print(DrawnValue("schemes.hogs.hog_price", (), 14.0, 2, u, 12.0, None).message(20))
        ... # doctest: +NORMALIZE_WHITESPACE
        schemes.hogs.hog_price = 14.0 would not act: with --samples 20 every run draws
        hogs.hog_price from [[uncertainties]] entry 3 (triangular, 10.5 to 13.5, mode 12) and
        the draw replaces 14.0 under every policy (14.0 is outside the
        range of the draws). The rule: a value either acts or is refused. To make 14.0 act:
        change that entry's distribution (or remove the entry to fix hogs.hog_price at
        14.0), or run the base case with --samples 1 (every input at its value in the file,
        random events only).
        """
        d = self.uncertainty.distribution
        kind = {v: k for k, v in KINDS.items()}.get(type(d), type(d).__name__)
        lo, hi = d.support
        when = (
            f"with {flag} {samples} every run draws"
            if samples is not None
            else "when the uncertain inputs are sampled (--samples above 1), every run draws"
        )
        name = centre(d)[1]
        mean = "" if _near(d.mean, self.centre) else f", mean {_g(d.mean)}"
        outside = f" ({self.value!r} is outside the range of the draws)" if self.outside else ""
        moved = self.moved_text()
        move = (
            f"move that entry's distribution with it, distribution = {moved} (or remove "
            if moved is not None
            else "change that entry's distribution (or remove "
        )
        return (
            f"{self.where} = {self.value!r} would not act: {when} {self.param} from "
            f"[[uncertainties]] entry {self.index + 1} ({kind}, {_g(lo)} to {_g(hi)}, "
            f"{name} {_g(self.centre)}{mean}) and the draw replaces {self.value!r} "
            f"under every policy{outside}. The rule: {RULE}. To make {self.value!r} act: "
            f"{move}the entry to fix {self.param} at {self.value!r})"
            + (
                ", or run the base case with --samples 1 (every input at its value in the "
                "file, random events only)."
                if flag == "--samples"
                else "."
            )
        )


def _g(x: float) -> str:
    return f"{x:,.6g}" if math.isfinite(x) else ("-inf" if x < 0 else "inf")


def _near(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def _is_centre(value: float, d: Distribution, integer: bool) -> bool:
    """Whether ``value`` is where ``d`` is centred: its :func:`centre` or its mean.

    The embedded case carries some uncertain inputs at the mode of their distribution
    (the hog price, the dibao line) and others at the mean (the feed price and the
    feed conversion ratio of right-skewed triangles): both are the case's own values.
    """
    centres = (centre(d)[0], d.mean)
    return any((value == round(c)) if integer else _near(value, c) for c in centres)


def _places(scenario: Scenario, param: str) -> Iterator[tuple[Path, float]]:
    """Where the scenario sets ``param``, with the value: one place per distinct value."""
    owner, _, name = param.partition(".")
    if owner in ("livelihood", "demography"):
        yield (owner, name), getattr(getattr(scenario, owner), name)
        return
    if owner == "community":  # not drawn by the simulation's experiments
        return
    having = [p for p in scenario.policies if owner in p.schemes]
    if not having:  # no policy uses the scheme: nothing is drawn
        return
    base = scenario.scheme_params.get(owner)
    seen = set()
    if base is not None:
        seen.add(getattr(base, name))
        yield ("schemes", owner, name), getattr(base, name)
    for p in having:  # a policy's own value (its set): the first policy that has it
        value = getattr(p.schemes[owner].base, name)
        if value not in seen:
            seen.add(value)
            yield ("policies", p.name, owner, name), value


def drawn_values(
    scenario: Scenario, uncertainties: Sequence[Uncertainty] | None = None
) -> tuple[DrawnValue, ...]:
    """The values a scenario sets away from the centre of the uncertainty that replaces them.

    One entry per place and distinct value (a value a policy inherits from
    ``[schemes]`` or from its baseline policy is listed once), in the order of
    ``[[uncertainties]]``. Empty for the embedded case as shipped.

    ``uncertainties``: those a command draws (default: all the scenario's). Those the
    scenario declares among them are checked; when it declares none, those given are
    read as its entries (the decision commands then draw the case's).
    """
    entries = scenario.uncertainties or tuple(uncertainties or ())
    drawn = {u.param for u in (entries if uncertainties is None else uncertainties)}
    out: list[DrawnValue] = []
    for i, u in enumerate(entries):
        if u.param not in drawn:
            continue
        cls, name = resolve_param(u.param)
        is_int = field_hints(cls)[name] is int
        c, _ = centre(u.distribution)
        for segs, value in _places(scenario, u.param):
            if _is_centre(float(value), u.distribution, is_int):
                continue
            moved = _moved(u.distribution, float(value))
            if moved is not None:
                try:
                    check_support(u.param, moved)
                except ParameterError:
                    moved = None
            out.append(DrawnValue(location(segs), segs, value, i, u, c, moved))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class FittedValue:
    """A value a scenario sets, away from its default, that a fit's prior replaces.

    Attributes
    ----------
    where : str
        Where the scenario sets it for the policy the fit runs
        (``"livelihood.casual_wage_month"``, ``'policies["80% shares"].hogs.hog_price'``).
    segments : tuple
        The same place as key segments of the file.
    value : float
        The value set there, in the parameter's unit.
    index : int
        The position of the prior among the fit's (0-based, the order of ``--fit``).
    prior : Uncertainty
        The fitted parameter's path and prior.
    default : float
        The parameter's default (what a file that states nothing leaves to the fit).
    policy : str
        The policy every run of the fit runs under.
    """

    where: str
    segments: Path
    value: float
    index: int
    prior: Uncertainty
    default: float
    policy: str

    def message(self, samples: int | None = None, flag: str = "--fit") -> str:
        """What is wrong, the rule, and what to do (``samples``: unused, every run draws).

        Examples
        --------
        >>> u = Uncertainty("livelihood.casual_wage_month", Uniform(low=400.0, high=1200.0))
        >>> where = "livelihood.casual_wage_month"
        >>> print(FittedValue(where, (), 900.0, 0, u, 740.0, "cash only").message())
        ... # doctest: +NORMALIZE_WHITESPACE
        livelihood.casual_wage_month = 900.0 would not act: --fit
        livelihood.casual_wage_month=400:1200 draws it from its prior (uniform, 400 to
        1,200) in every run of the fit (policy 'cash only'), and the draw replaces 900.0.
        The rule: a value either acts or is refused. To make 900.0 act: leave out that
        --fit (every run then uses 900.0); to fit livelihood.casual_wage_month instead,
        remove 900.0 from the file (its default, 740.0, is the value a fit replaces).
        """
        d = self.prior.distribution
        kind = {v: k for k, v in KINDS.items()}.get(type(d), type(d).__name__)
        lo, hi = d.support
        given = f"{self.prior.param}={lo:g}:{hi:g}" if isinstance(d, Uniform) else self.prior.param
        return (
            f"{self.where} = {self.value!r} would not act: {flag} {given} draws it from its "
            f"prior ({kind}, {_g(lo)} to {_g(hi)}) in every run of the fit (policy "
            f"{self.policy!r}), and the draw replaces {self.value!r}. The rule: {RULE}. To "
            f"make {self.value!r} act: leave out that {flag} (every run then uses "
            f"{self.value!r}); to fit {self.prior.param} instead, remove {self.value!r} from "
            f"the file (its default, {self.default!r}, is the value a fit replaces)."
        )


def fitted_values(
    scenario: Scenario, priors: Sequence[Uncertainty], policy: str
) -> tuple[FittedValue, ...]:
    """The values a scenario sets, away from their default, that a fit's priors replace.

    Every run of a fit (:func:`~collective_econ.calibration.fit.fit`) runs under
    ``policy`` with each prior's parameter drawn, so the value that policy has there
    never acts; one the file leaves at the parameter's default states nothing and passes
    (see the module's docstring for why not the prior's centre). A path that names no
    parameter, or a scheme the policy lacks, is left to the fit, which refuses it.
    """
    pol = next((p for p in scenario.policies if p.name == policy), None)
    out: list[FittedValue] = []
    for i, u in enumerate(priors):
        try:
            cls, name = resolve_param(u.param)
        except ParameterError:
            continue
        owner = u.param.partition(".")[0]
        default = next(f.default for f in cls.describe() if f.name == name)
        segments: Path
        if owner in ("livelihood", "demography"):
            segments, value = (owner, name), getattr(getattr(scenario, owner), name)
        elif pol is not None and owner in pol.schemes:
            value = getattr(pol.schemes[owner].base, name)
            base = scenario.scheme_params.get(owner)
            shared = base is not None and getattr(base, name) == value
            segments = ("schemes", owner, name) if shared else ("policies", policy, owner, name)
        else:
            continue
        if value != default:
            where = location(segments)
            out.append(FittedValue(where, segments, value, i, u, default, policy))
    return tuple(out)
