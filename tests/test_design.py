"""Tests of collective_econ.distributions.design.uniform_design: Latin hypercube and Sobol.

Run against the lowest supported SciPy too (``-m floors``): the qmc engines take
``seed=`` before SciPy 1.15 and ``rng=`` after.
"""

from __future__ import annotations

import numpy as np
import pytest

from collective_econ.distributions.design import uniform_design

pytestmark = pytest.mark.floors

KINDS = ("lhs", "sobol")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("k", [1, 3, 7])
def test_shape_dtype_and_range(kind, k):
    u = uniform_design(kind, 64, k, np.random.default_rng(3))
    assert u.shape == (64, k)
    assert u.dtype == np.float64
    assert ((u >= 0) & (u < 1)).all()


@pytest.mark.parametrize("n", [1, 7, 50, 200])
def test_latin_hypercube_has_one_point_in_each_stratum_of_every_column(n):
    u = uniform_design("lhs", n, 4, np.random.default_rng(11))
    strata = np.floor(u * n).astype(int)
    for column in strata.T:
        assert sorted(column.tolist()) == list(range(n))


@pytest.mark.parametrize(("n", "points"), [(1, 1), (2, 2), (3, 2), (8, 8), (100, 64), (128, 128)])
def test_sobol_rounds_n_down_to_a_power_of_two(n, points):
    assert uniform_design("sobol", n, 2, np.random.default_rng(0)).shape == (points, 2)


def test_scrambled_sobol_is_balanced_in_every_column():
    u = uniform_design("sobol", 64, 5, np.random.default_rng(5))
    strata = np.floor(u * 64).astype(int)
    for column in strata.T:
        assert sorted(column.tolist()) == list(range(64))


@pytest.mark.parametrize("kind", [*KINDS, "montecarlo"])
def test_same_seed_gives_the_same_bits_and_another_seed_does_not(kind):
    a = uniform_design(kind, 32, 3, np.random.default_rng(2010))
    b = uniform_design(kind, 32, 3, np.random.default_rng(2010))
    c = uniform_design(kind, 32, 3, np.random.default_rng(2011))
    assert a.tobytes() == b.tobytes()
    assert not np.array_equal(a, c)


def test_zero_dimensions_and_unknown_kind():
    assert uniform_design("sobol", 8, 0, np.random.default_rng(0)).shape == (8, 0)
    with pytest.raises(ValueError, match="kind must be one of"):
        uniform_design("halton", 8, 2, np.random.default_rng(0))
