"""Errors, validation, units, prices and seeding: the shared foundations."""

import pickle
from dataclasses import FrozenInstanceError, dataclass

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from collective_econ.errors import CollectiveEconError, ParameterError, ParameterTypeError
from collective_econ.params import FRACTION, POSITIVE, Parameters, at_least, param
from collective_econ.prices import CHINA_CPI_INFLATION, PriceIndex
from collective_econ.seeding import as_seed_sequence, stream
from collective_econ.units import (
    format_yuan,
    hectares_to_mu,
    months_to_years,
    mu_to_hectares,
    years_to_months,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Demo(Parameters):
    share_fraction: float = param(0.8, unit="fraction", rule=FRACTION, source="seed")
    households: int = param(100, unit="households", rule=at_least(1), source="seed")
    ramp: tuple[float, ...] = param((0.0, 0.5, 1.0), unit="fraction", rule=FRACTION, source="x")
    area: float = param(1.0, unit="mu", rule=POSITIVE, source="x")
    active: bool = param(True, unit="", source="x")


def test_error_tree_subclasses_builtins():
    assert issubclass(ParameterError, CollectiveEconError)
    assert issubclass(ParameterError, ValueError)
    assert issubclass(ParameterTypeError, TypeError)
    assert issubclass(ParameterTypeError, ParameterError)


def test_message_names_field_rule_and_value():
    with pytest.raises(
        ParameterError, match=r"^Demo.share_fraction must be within \[0, 1\], got 1.3$"
    ):
        Demo(share_fraction=1.3)


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"households": -3}, "Demo.households must be >= 1, got -3"),
        ({"households": 2.5}, "Demo.households must be a whole number, got 2.5"),
        ({"households": True}, "Demo.households must be a whole number, got True"),
        ({"area": float("nan")}, "Demo.area must be finite, got nan"),
        ({"area": float("inf")}, "Demo.area must be finite, got inf"),
        ({"area": -1.0}, "Demo.area must be > 0, got -1.0"),
        ({"area": "big"}, "Demo.area must be a real number, got 'big'"),
        ({"ramp": (0.0, 1.5)}, r"Demo.ramp\[1\] must be within \[0, 1\], got 1.5"),
        ({"ramp": 0.5}, "Demo.ramp must be a sequence, got 0.5"),
        ({"active": 1}, "Demo.active must be True or False, got 1"),
    ],
)
def test_bad_values_rejected(changes, fragment):
    with pytest.raises(ParameterError, match=fragment):
        Demo(**changes)


def test_ints_become_floats_and_lists_tuples():
    d = Demo(area=3, ramp=[0, 1])
    assert isinstance(d.area, float)
    assert d.ramp == (0.0, 1.0)
    assert isinstance(d.ramp, tuple)


def test_frozen_and_evolve_validates():
    d = Demo()
    with pytest.raises(FrozenInstanceError):
        d.households = 3  # type: ignore[misc]
    assert d.evolve(households=7).households == 7
    with pytest.raises(ParameterError, match="share_fraction"):
        d.evolve(share_fraction=-0.1)


def test_describe_lists_every_field_with_unit_and_source():
    rows = {r.name: r for r in Demo.describe()}
    assert set(rows) == {"share_fraction", "households", "ramp", "area", "active"}
    assert rows["share_fraction"].unit == "fraction"
    assert rows["share_fraction"].rule == "within [0, 1]"
    assert rows["households"].source == "seed"


def test_parameter_error_pickles_and_reroots():
    err = ParameterError("households", ">= 1", -3, owner="HogParams")
    back = pickle.loads(pickle.dumps(err))
    assert str(back) == str(err)
    assert str(err.within('policies["full"].hogs')).startswith('policies["full"].hogs.households')


@given(st.floats(0, 1e6, allow_nan=False))
def test_units_round_trip(x):
    assert hectares_to_mu(mu_to_hectares(x)) == pytest.approx(x, rel=1e-12, abs=1e-12)
    assert years_to_months(months_to_years(x)) == pytest.approx(x, rel=1e-12, abs=1e-12)


def test_units_known_values():
    # 1 mu = 666.7 m² = 1/15 ha (domain-reference.md, header)
    assert mu_to_hectares(15) == 1.0
    assert months_to_years(18) == 1.5
    assert format_yuan(350_000) == "350,000 yuan"
    assert format_yuan(float("nan")) == "n/a"


def test_price_index_base_year_is_one_and_follows_cpi():
    idx = PriceIndex()
    assert idx.factor(2010) == pytest.approx(1.0)
    # 2011 CPI +5.4% (NBS, well-known)
    assert idx.factor(2011) == pytest.approx(1.054)
    expected = np.prod([1 + CHINA_CPI_INFLATION[y] for y in range(2011, 2021)])
    assert idx.factor(2020) == pytest.approx(expected)
    assert idx.factor(2009) == pytest.approx(1 / 1.025)  # outside the series: constant rate


@given(st.floats(1, 1e7), st.integers(1990, 2060), st.sampled_from(["general", "wage"]))
def test_price_index_round_trip(amount, year, kind):
    idx = PriceIndex()
    back = idx.to_real(idx.to_nominal(amount, year, kind), year, kind)
    assert back == pytest.approx(amount, rel=1e-12)


def test_price_index_validates():
    with pytest.raises(ParameterError, match="inflation must be within"):
        PriceIndex(inflation=2.0)


def test_streams_are_keyed_by_name_not_order():
    root = as_seed_sequence(7)
    a1 = stream(root, "hogs").random(4)
    _ = stream(root, "tea").random(4)
    a2 = stream(root, "hogs").random(4)
    assert np.array_equal(a1, a2)
    assert not np.array_equal(a1, stream(root, "tea").random(4))
    assert not np.array_equal(a1, stream(as_seed_sequence(8), "hogs").random(4))


def test_generator_seed_does_not_advance_caller():
    rng = np.random.default_rng(3)
    before = np.random.default_rng(3).random()
    as_seed_sequence(rng)
    assert rng.random() == before


@pytest.mark.parametrize("bad", [-1, "x", 1.5])
def test_bad_seed(bad):
    with pytest.raises((ValueError, TypeError)):
        as_seed_sequence(bad)
