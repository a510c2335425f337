"""Hypothesis strategies for valid parameter sets, communities, policies and scenarios.

For testing scenarios and extensions against the library's invariants (money
is conserved, incomes are finite, ...), the way the library's own tests do
(``tests/reliability/test_invariants.py``). Every strategy draws *valid*
objects, near the defaults so that simulations stay meaningful: each numeric
field is its default, or its default times a factor in [0.5, 1.5] clipped to
the field's rule (a zero default stays zero unless its rule is an interval
around zero). Hypothesis shrinks a failing example towards the defaults.

This module needs hypothesis, a test dependency (``pip install
"collective_econ[test]"``); ``import collective_econ`` does not import it.

Examples
--------
A county analyst checks that any valid hog scheme with ten farms keeps its
finishing weight above the piglets' weight:

>>> from hypothesis import given, settings
>>> from collective_econ.schemes.hogs import HogParams
>>> @settings(max_examples=20, database=None)
... @given(parameters(HogParams, households=10))
... def test_finishing_weight(p):
...     assert p.households == 10 and p.finish_weight_kg > p.piglet_weight_kg
>>> test_finishing_weight()

and that money is conserved in small generated scenarios:

>>> from collective_econ.simulation import simulate
>>> @settings(max_examples=3, database=None, deadline=None)
... @given(scenarios(max_residents=300, max_years=2), seeds())
... def test_money_is_conserved(sc, seed):
...     assert_conserved(simulate(sc, sc.policies[0], seed=seed))
>>> test_money_is_conserved()
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import math
import re
import typing
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np
from numpy.typing import NDArray

try:
    from hypothesis import strategies as st
    from hypothesis.strategies import DrawFn, SearchStrategy
except ImportError as err:  # pragma: no cover - exercised in a subprocess by the tests
    raise ImportError(
        "collective_econ.testing needs hypothesis, a test dependency: "
        "pip install hypothesis (or pip install 'collective_econ[test]')"
    ) from err

from .cases.caopijie import python_default_scenario
from .economy.community import Community, CommunityParams, synthesize
from .economy.livelihood import LivelihoodParams
from .economy.schedule import Period, Schedule
from .errors import ParameterError
from .params import Parameters, Rule
from .policy import Policy
from .scenario import Scenario
from .schemes import SCHEMES
from .simulation import RunResult

__all__ = ["SPREAD", "assert_conserved", "cash_flows", "communities", "community_params",
           "money_moved", "parameters", "policies", "scenarios", "scheme_params",
           "seeds"]  # fmt: skip

P = TypeVar("P", bound=Parameters)
SPREAD = 0.5
"""Numeric fields are drawn within their default x [1 - SPREAD, 1 + SPREAD]."""
_HINTS: dict[type[Any], dict[str, Any]] = {}
_FARMS: dict[CommunityParams, int] = {}


@dataclasses.dataclass(frozen=True)
class _Range:
    lo: float
    hi: float


def _parse(rule: Rule | None) -> _Range | tuple[object, ...] | None:
    """The interval or the choices a rule records (``lo``/``hi``, ``choices``); None if neither.

    Open ends are kept closed here: values drawn are checked with ``rule.test``.
    """
    if rule is None:
        return None
    if rule.lo is not None or rule.hi is not None:
        lo = -math.inf if rule.lo is None else float(rule.lo)
        hi = math.inf if rule.hi is None else float(rule.hi)
        return _Range(lo, hi)
    if rule.choices is not None:
        return tuple(c for c in rule.choices if rule.test(c)) or None
    return None


def _number(draw: DrawFn, default: float, rule: Rule, integer: bool) -> float:
    """``default`` x [0.5, 1.5] clipped to the rule (zero: +/- 5% of an interval around 0)."""
    r = _parse(rule)
    if not isinstance(r, _Range):
        return default
    if default == 0:
        if not (math.isfinite(r.lo) and math.isfinite(r.hi) and r.lo < 0 < r.hi):
            return default
        lo, hi = -0.05 * (r.hi - r.lo), 0.05 * (r.hi - r.lo)
    else:
        lo, hi = sorted((default * (1 - SPREAD), default * (1 + SPREAD)))
    lo, hi = max(lo, r.lo), min(hi, r.hi)
    value: float
    if integer:
        if math.ceil(lo) > math.floor(hi):
            return default
        value = draw(st.integers(math.ceil(lo), math.floor(hi)))
    else:
        if not lo <= hi:
            return default
        value = draw(st.floats(lo, hi, allow_nan=False, allow_subnormal=False))
    return value if rule.test(value) else default


def _hints(cls: type[Any]) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def _value(draw: DrawFn, hint: Any, rule: Rule | None, current: Any) -> Any:
    """A new value for one field (its current value where the rule cannot be read)."""
    item = typing.get_args(hint)[0] if typing.get_origin(hint) is tuple else None
    if isinstance(item, type) and issubclass(item, Parameters):
        return _nested(draw, current)
    if item in (int, float):
        return _sequence(draw, current, rule, item is int)
    if hint is bool:
        return draw(st.booleans())
    parsed = _parse(rule)
    if isinstance(parsed, tuple):
        return draw(st.sampled_from(parsed))
    if hint in (int, float) and rule is not None:
        return _number(draw, current, rule, hint is int)
    return current


def _shape_like(values: list[Any], default: tuple[Any, ...], sums: bool = True) -> list[Any]:
    """Keep a tuple's shape: shares sum to 1 (or average 1) still; sorted stays sorted."""
    total = math.fsum(default)
    if sums and len(default) > 1 and (math.isclose(total, 1) or math.isclose(total, len(default))):
        s = math.fsum(values)
        values = [v * total / s for v in values] if s > 0 else list(default)
    if list(default) == sorted(default):
        values.sort()
    return values


def _sequence(draw: DrawFn, default: tuple[Any, ...], rule: Rule | None, integer: bool) -> Any:
    """A tuple of numbers drawn element-wise; elements at a bound of the rule (a ramp's 1) stay."""
    r = _parse(rule)
    if rule is None or not isinstance(r, _Range) or not default:
        return default
    drawn = [v if v in (r.lo, r.hi) else _number(draw, v, rule, integer) for v in default]
    out = tuple(_shape_like(drawn, default, sums=not integer))
    return out if all(rule.test(v) for v in out) else default


def _nested(draw: DrawFn, items: tuple[Parameters, ...]) -> tuple[Parameters, ...]:
    """Each item varied; numeric columns summing to 1 (the sectors' shares) still do."""
    if not items:
        return items
    changes = [_changes(draw, item) for item in items]
    hints = _hints(type(items[0]))
    for f in dataclasses.fields(items[0]):  # type: ignore[arg-type]
        column = [getattr(i, f.name) for i in items] if hints[f.name] is float else []
        if len(column) > 1 and math.isclose(math.fsum(column), 1.0):
            drawn = [c.get(f.name, v) for c, v in zip(changes, column, strict=True)]
            for c, v in zip(changes, _shape_like(drawn, tuple(column)), strict=True):
                c[f.name] = v
    return tuple(_build(item, c) for item, c in zip(items, changes, strict=True))


def _changes(draw: DrawFn, base: Parameters, keep: frozenset[str] = frozenset()) -> dict[str, Any]:
    """New values for some fields of ``base`` (each field varies or not, as drawn)."""
    hints = _hints(type(base))
    out: dict[str, Any] = {}
    for f in dataclasses.fields(base):  # type: ignore[arg-type]
        if f.name in keep or not draw(st.booleans()):
            continue
        current = getattr(base, f.name)
        value = _value(draw, hints[f.name], f.metadata.get("rule"), current)
        if value != current:
            out[f.name] = value
    return out


def _build(base: P, changes: dict[str, Any]) -> P:
    """``base.evolve(**changes)``, dropping changes that break a cross-field rule."""
    changes = dict(changes)
    while True:
        try:
            return base.evolve(**changes)
        except ParameterError as err:
            name = re.split(r"[\[.]", err.field)[0]
            changes.pop(name if name in changes else next(reversed(changes)))


def _vary(draw: DrawFn, base: P, keep: frozenset[str] = frozenset()) -> P:
    return _build(base, _changes(draw, base, keep))


def parameters(cls: type[P], /, **overrides: Any) -> SearchStrategy[P]:
    """Valid instances of a :class:`~collective_econ.params.Parameters` subclass.

    Each field is its default, or a value drawn within its rule near the
    default: numbers within default x [0.5, 1.5] clipped to the rule
    (``within [a, b]``, ``>= a``, ``> 0``), ``one of ...`` from its choices,
    booleans either way, tuples element-wise with the default's length (shares
    still summing to 1, ramps still sorted), nested parameter tuples item by
    item; fields whose rule it cannot read keep their default. Draws that break
    a cross-field rule fall back to the default for that field.

    Parameters
    ----------
    cls : type
        A Parameters subclass whose defaults are valid.
    **overrides
        Fixed values, or strategies, for some fields.
    """
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    unknown = sorted(set(overrides) - names)
    if unknown:
        raise ParameterError(str(unknown[0]), f"a field of {cls.__name__}", unknown[0])

    @st.composite
    def strategy(draw: DrawFn) -> P:
        fixed = {k: draw(v) if isinstance(v, SearchStrategy) else v for k, v in overrides.items()}
        return _vary(draw, cls(**fixed), frozenset(fixed))

    return strategy()


def scheme_params(name: str, /, **overrides: Any) -> SearchStrategy[Parameters]:
    """Valid parameters of the registered scheme ``name`` (``"hogs"``, ``"hotel"``, ...)."""
    if name not in SCHEMES:
        raise ParameterError("name", f"one of {', '.join(SCHEMES)}", name, owner="scheme_params")
    return parameters(SCHEMES[name].params_type, **overrides)


def seeds() -> SearchStrategy[int]:
    """Root seeds of runs."""
    return st.integers(0, 2**32 - 1)


def community_params(
    *,
    min_residents: int = 1,
    max_residents: int = 400,
    min_agricultural: int = 0,
    max_groups: int = 3,
) -> SearchStrategy[CommunityParams]:
    """Small valid community statistics: residents, farmers and groups drawn, the rest varied."""

    @st.composite
    def strategy(draw: DrawFn) -> CommunityParams:
        residents = draw(st.integers(min_residents, max_residents))
        agri = draw(st.integers(min(min_agricultural, residents), residents))
        groups = draw(st.integers(1, max(1, max_groups)))
        base = CommunityParams(residents=residents, agricultural_residents=agri, groups=groups)
        return _vary(draw, base, frozenset({"residents", "agricultural_residents", "groups"}))

    return strategy()


def communities(*, max_residents: int = 400, max_groups: int = 3) -> SearchStrategy[Community]:
    """Small valid communities, synthesized from :func:`community_params` with a drawn seed."""
    return st.builds(
        lambda p, seed: synthesize(p, np.random.default_rng(seed)),
        community_params(max_residents=max_residents, max_groups=max_groups),
        seeds(),
    )


@functools.cache
def _default() -> Scenario:
    return python_default_scenario()


def _enrollable(community: CommunityParams) -> int:
    """Households a scheme can surely enrol: a third of the landless agricultural ones."""
    if community not in _FARMS:
        c = synthesize(community, np.random.default_rng(0))
        _FARMS[community] = int(np.count_nonzero(c.landless_target & c.agricultural)) // 3
    return _FARMS[community]


def _size_fields(needed: Callable[[Any], int], params: Parameters) -> tuple[str, ...]:
    """The whole-number fields of ``params`` that the scheme's household count follows."""
    out = []
    for f in dataclasses.fields(params):  # type: ignore[arg-type]
        value = getattr(params, f.name)
        if isinstance(value, bool) or not isinstance(value, int) or value <= 1:
            continue
        with contextlib.suppress(ParameterError):
            if needed(params.evolve(**{f.name: 1})) < needed(params):
                out.append(f.name)
    return tuple(out)


def _shrink(
    needed: Callable[[Any], int], params: Parameters, fields: tuple[str, ...], limit: int
) -> Parameters | None:
    """``params`` with its size ``fields`` lowered until the scheme needs <= ``limit`` households.

    Each field is bisected to the largest value that fits (the count grows
    with it), so a variant keeps as much of its size as the community allows.
    Returns None when no such values exist.
    """
    for name in fields:
        if needed(params) <= limit:
            break
        low, high = 1, int(getattr(params, name))  # the count fits at ``low`` (if at all)
        while low < high:
            mid = (low + high + 1) // 2
            try:
                fits = needed(params.evolve(**{name: mid})) <= limit
            except ParameterError:
                fits = False
            low, high = (mid, high) if fits else (low, mid - 1)
        with contextlib.suppress(ParameterError):
            params = params.evolve(**{name: low})
    return params if needed(params) <= limit else None


def _fit_households(schedules: dict[str, Schedule[Any]], available: int) -> None:
    """Shrink (or drop) the schemes that need more landless households than ``available``.

    A scheme declares its need in :attr:`~collective_econ.schemes.Scheme.households_needed`;
    its base and every period are brought within ``available`` by lowering the
    whole-number fields the count follows (a hog scheme's ``households``), and a
    scheme that cannot fit is removed.
    """
    for key, schedule in list(schedules.items()):
        needed = SCHEMES[key].households_needed
        if needed is None:
            continue
        fields = _size_fields(needed, schedule.base)
        base = _shrink(needed, schedule.base, fields, available) if available >= 1 else None
        if base is None:
            del schedules[key]
            continue
        periods = []
        for p in schedule.periods:
            try:
                at = _shrink(needed, base.evolve(**p.values), fields, available)
            except ParameterError:  # the period's values break a rule with the shrunk base
                at = None
            if at is not None:  # a period that cannot fit is left out
                values = {k: getattr(at, k) if k in fields else v for k, v in p.values.items()}
                periods.append(Period(p.start, p.end, values))
        try:
            schedules[key] = Schedule(base, tuple(periods))
        except ParameterError:
            del schedules[key]


def _periods(
    draw: DrawFn, base: Parameters, months: int, keep: frozenset[str] = frozenset()
) -> tuple[Period, ...]:
    """One or two dated changes of scalar numeric fields (but ``keep``), within the run."""
    hints = _hints(type(base))
    numeric = [
        f for f in dataclasses.fields(base)  # type: ignore[arg-type]
        if hints[f.name] in (int, float) and isinstance(_parse(f.metadata.get("rule")), _Range)
        and f.name not in keep
    ]  # fmt: skip
    if months < 2 or not numeric:
        return ()
    chosen = draw(st.lists(st.sampled_from(numeric), min_size=1, max_size=2, unique=True))
    out = []
    for f in chosen:
        start = draw(st.integers(1, months - 1))
        end = draw(st.one_of(st.none(), st.integers(start + 1, months)))
        value = _number(draw, getattr(base, f.name), f.metadata["rule"], hints[f.name] is int)
        out.append(Period(start, end, {f.name: value}))
    return tuple(out)


def _policy(
    draw: DrawFn, scenario: Scenario, name: str | None, periods: bool, reshape: bool = True
) -> Policy:
    base: Policy = draw(st.sampled_from(scenario.policies))
    missing = [k for k in SCHEMES if k not in base.schemes]
    add: dict[str, Parameters] = {}
    if reshape and draw(st.booleans()) and missing:
        key = draw(st.sampled_from(missing))
        add[key] = scenario.scheme_params.get(key) or SCHEMES[key].params_type()
    remove: list[str] = []
    if reshape and draw(st.booleans()) and len(base.schemes) > 1:
        remove.append(draw(st.sampled_from(sorted(base.schemes))))
    policy = base.reform(
        name or f"{base.name} (variant)",
        add=add,
        remove=remove,
        payout=_vary(draw, base.payout),
        description=f"A variant of {base.name!r}.",
    )
    months, schedules = 12 * scenario.horizon_years, dict(policy.schemes)
    for key, old in policy.schemes.items():
        fixed = frozenset(SCHEMES[key].appraisal_only)  # a policy may not set them: refused
        new = _vary(draw, old.base, fixed)
        dated = periods and draw(st.booleans())
        with contextlib.suppress(ParameterError):  # periods breaking a cross-field rule
            changes = _periods(draw, new, months, fixed) if dated else old.periods
            schedules[key] = Schedule(new, changes)
    _fit_households(schedules, _enrollable(scenario.community))
    return Policy(policy.name, schedules, policy.payout, policy.description)


def policies(
    scenario: Scenario | None = None, *, periods: bool = True, reshape: bool = True
) -> SearchStrategy[Policy]:
    """Reforms of a scenario's policies (the default case's when None).

    Each is one of the scenario's policies with (if ``reshape``) a scheme
    perhaps added or removed, some parameters of each scheme and of the payout rule varied (as
    :func:`parameters`), and, with ``periods``, dated changes of some scalar
    parameters within the scenario's horizon; a scheme's appraisal-only parameters
    (``Scheme.appraisal_only``, which a simulation refuses in a policy) keep their
    values. The hog scheme keeps to a third of the community's landless households
    (its farms need workers), and is left out if that is none.
    """
    sc = _default() if scenario is None else scenario

    @st.composite
    def strategy(draw: DrawFn) -> Policy:
        return _policy(draw, sc, None, periods, reshape)

    return strategy()


def scenarios(
    *,
    max_residents: int = 400,
    min_years: int = 1,
    max_years: int = 3,
    max_policies: int = 2,
    periods: bool = True,
) -> SearchStrategy[Scenario]:
    """Small valid scenarios for fast simulations.

    A community of 150 to ``max_residents`` residents (at least 120 of them
    farmers, one or two resident groups, so that every group and every scheme
    finds its households whatever the seed), varied household economy,
    ``min_years`` to ``max_years`` years, and 1 to ``max_policies`` :func:`policies`
    reformed from the default case's.
    """
    if max_residents < 150 or not 1 <= min_years <= max_years or max_policies < 1:
        raise ParameterError(
            "scenarios", "max_residents >= 150, 1 <= min_years <= max_years, max_policies >= 1",
            (max_residents, min_years, max_years, max_policies),
        )  # fmt: skip

    @st.composite
    def strategy(draw: DrawFn) -> Scenario:
        community = draw(
            community_params(
                min_residents=150, max_residents=max_residents, min_agricultural=120, max_groups=2
            )
        )
        livelihood = draw(parameters(LivelihoodParams))
        years = draw(st.integers(min_years, max_years))
        start = draw(st.integers(2005, 2015))
        skeleton = Scenario("skeleton", _default().policies, community, livelihood, years, start)
        n = draw(st.integers(1, max_policies))
        pols = tuple(_policy(draw, skeleton, f"variant {i + 1}", periods) for i in range(n))
        return Scenario("generated", pols, community, livelihood, years, start)

    return strategy()


def cash_flows(*, max_periods: int = 40) -> SearchStrategy[NDArray[np.float64]]:
    """Conventional cash-flow series: one outlay at t = 0, then inflows >= 0, some > 0.

    The NPV of such a series falls strictly as the rate rises (for rates > -1).
    Outlays are 1 to 1e7 yuan, inflows 0 or 1 to 1e6 yuan, 1 to ``max_periods`` of them.
    """

    @st.composite
    def strategy(draw: DrawFn) -> NDArray[np.float64]:
        n = draw(st.integers(1, max_periods))
        inflow = st.floats(1.0, 1e6)
        inflows = draw(st.lists(st.just(0.0) | inflow, min_size=n, max_size=n))
        if not any(inflows):
            inflows[draw(st.integers(0, n - 1))] = draw(inflow)
        return np.array([-draw(st.floats(1.0, 1e7)), *inflows], dtype=np.float64)

    return strategy()


def money_moved(run: RunResult) -> float:
    """All the money a run moved, yuan: 1 + the absolute flows of every account and year.

    The scale against which rounding in the ledger is judged.
    """
    return 1.0 + float(np.abs(run.household_flows).sum() + np.abs(run.institution_flows).sum())


def assert_conserved(run: RunResult, rtol: float = 1e-9) -> None:
    """Assert that a run's balances sum to zero, up to ``rtol`` x :func:`money_moved`.

    Raises
    ------
    AssertionError
        Naming the sum of the balances and the money moved.
    """
    moved = money_moved(run)
    if not abs(run.ledger_total) <= rtol * moved:  # also fails on NaN
        raise AssertionError(
            f"money is not conserved: the balances sum to {run.ledger_total:.6g} yuan, "
            f"more than {rtol:g} x the {moved:.6g} yuan moved"
        )
