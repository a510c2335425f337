"""Synthetic communities: the case's aggregates, reproducibility, user tables."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from collective_econ.economy.community import CommunityParams, from_table, read_csv, synthesize
from collective_econ.economy.livelihood import LivelihoodParams, expected_income
from collective_econ.errors import CaseDataError, ParameterError


def test_default_community_reproduces_the_case():
    c = synthesize(CommunityParams(), np.random.default_rng(1))
    # seed-facts.md: 25,000 residents, 14 groups, 1,826 agricultural residents
    assert c.n_persons == 25_000
    assert c.n_groups == 14
    assert int(c.size[c.agricultural].sum()) == 1_826
    # domain-reference.md §7: 3.8 persons per rural household, 2.86 urban
    assert c.size[c.agricultural].mean() == pytest.approx(3.8, abs=0.1)
    assert c.size[~c.agricultural].mean() == pytest.approx(2.86, abs=0.05)
    # only agricultural households hold land and lose it, in the three waves
    assert set(np.unique(c.expropriation_month[c.agricultural])) == {0, 12, 24}
    assert np.all(c.expropriation_month[~c.agricultural] == -1)
    assert np.all(c.land_mu[~c.agricultural] == 0)
    # every household has an adult
    first = np.r_[0, np.cumsum(c.size)[:-1]]
    assert np.all(c.age[first] >= 16)


def test_baseline_matches_rural_income():
    # domain-reference.md §7: Lincang rural net income ~3,300-3,600 yuan/person (2010);
    # a peri-urban farm household with off-farm work sits near it.
    c = synthesize(CommunityParams(), np.random.default_rng(2))
    per_capita = np.average(c.baseline_per_capita[c.agricultural], weights=c.size[c.agricultural])
    assert 3_000 <= per_capita <= 3_800


def test_same_seed_same_community():
    a = synthesize(CommunityParams(), np.random.default_rng(5))
    b = synthesize(CommunityParams(), np.random.default_rng(5))
    for name in ("group", "size", "land_mu", "expropriation_month", "age", "skill", "baseline"):
        assert np.array_equal(getattr(a, name), getattr(b, name))


@given(st.integers(1, 3000), st.floats(0, 1), st.integers(0, 2**32 - 1))
def test_any_valid_aggregates_give_exact_totals(residents, agri_share, seed):
    agri = int(residents * agri_share)
    c = synthesize(
        CommunityParams(residents=residents, agricultural_residents=agri),
        np.random.default_rng(seed),
    )
    assert c.n_persons == residents
    assert int(c.size[c.agricultural].sum()) == agri
    assert np.all(c.size >= 1)
    assert np.isfinite(c.baseline).all()


def test_landless_income_without_schemes_is_below_baseline():
    # The household economy alone: losing land costs farm income that casual
    # work does not replace (domain-reference.md §6: 20-30% unemployment).
    c = synthesize(CommunityParams(), np.random.default_rng(3))
    after = expected_income(
        LivelihoodParams(),
        c.person_household,
        c.age,
        c.skill,
        c.agricultural,
        c.land_mu,
        landless=True,
    )
    agri = c.agricultural
    assert after[agri].sum() < c.baseline[agri].sum()


def test_from_table_and_csv(tmp_path):
    rng = np.random.default_rng(0)
    c = from_table(
        {
            "group": [0, 1],
            "size": [3, 2],
            "land_mu": [2.0, 0.0],
            "expropriation_month": [6, -1],
            "baseline": [9000.0, 20000.0],
        },
        rng,
    )
    assert c.baseline.tolist() == [9000.0, 20000.0]
    path = tmp_path / "hh.csv"
    path.write_text("group,size,land_mu,expropriation_month\n0,4,3.0,0\n1,2,1.5,12\n")
    c2 = read_csv(path, rng)
    assert c2.n_persons == 6
    assert c2.agricultural.tolist() == [True, True]


@pytest.mark.parametrize(
    ("table", "fragment"),
    [
        (
            {"group": [0], "size": [0], "land_mu": [1.0], "expropriation_month": [0]},
            "size must be >= 1",
        ),
        (
            {"group": [0], "size": [2], "land_mu": [-1.0], "expropriation_month": [0]},
            "land_mu must be finite and >= 0",
        ),
        ({"group": [0], "size": [2], "expropriation_month": [0]}, "no column 'land_mu'"),
        (
            {"group": [0, 1], "size": [2], "land_mu": [1.0], "expropriation_month": [0]},
            r"must have shape \(2,\)",
        ),
    ],
)
def test_bad_tables(table, fragment):
    with pytest.raises(CaseDataError, match=fragment):
        from_table(table, np.random.default_rng(0))


def test_bad_csv(tmp_path):
    path = tmp_path / "hh.csv"
    path.write_text("group,size,land_mu,expropriation_month\n0,four,3.0,0\n")
    with pytest.raises(CaseDataError, match=r"line 2, column 'size': not a number: 'four'"):
        read_csv(path, np.random.default_rng(0))


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"agricultural_residents": 30_000}, "agricultural_residents must be <= residents"),
        ({"residents": -5}, "residents must be >= 1, got -5"),
        (
            {"expropriation_shares": (0.5, 0.6, 0.2)},
            "expropriation_shares must be shares summing to 1",
        ),
        ({"expropriation_months": (0, 12)}, "expropriation_shares must be as long as"),
        ({"land_per_person_mu": float("nan")}, "land_per_person_mu must be finite"),
    ],
)
def test_bad_community_params(changes, fragment):
    with pytest.raises(ParameterError, match=fragment):
        CommunityParams(**changes)
