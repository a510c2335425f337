"""The appraisal layer: every scheme of the case, deterministic and Monte Carlo."""

import csv

import numpy as np
import pytest

import collective_econ as ce
from collective_econ.appraisal import format_table, write_csv
from collective_econ.schemes.base import STAKEHOLDERS, flows_table

pytestmark = pytest.mark.floors

ALL = list(ce.SCHEMES)


@pytest.mark.parametrize("name", ALL)
def test_every_registered_scheme_is_filed_under_its_name_with_its_titles(name):
    scheme = ce.SCHEMES[name]
    assert scheme.name == name
    assert scheme.title
    assert scheme.title_in("en")
    assert scheme.title_in("zh")
    # its module is the one that registers it
    assert scheme.appraise.__module__ == f"collective_econ.schemes.{name}"
    assert scheme.params_type.__module__ == scheme.appraise.__module__


@pytest.mark.parametrize("name", ALL)
def test_scheme_contract(name):
    scheme = ce.SCHEMES[name]
    params = scheme.params_type()
    a = scheme.appraise(params, horizon_years=20)
    assert isinstance(a, ce.Appraisal)
    assert a.scheme == name
    assert a.flows.shape == (len(STAKEHOLDERS), 21)
    assert np.isfinite(a.flows).all()
    assert a.involved(), "a scheme moves money for someone"
    # every uncertainty names a field, and every field documents unit and source
    fields = {f.name: f for f in scheme.params_type.describe()}
    for u in scheme.uncertainties:
        assert u.param in fields
    for f in fields.values():
        assert f.unit, f"{name}.{f.name} has no unit"
        assert f.source, f"{name}.{f.name} has no source"


@pytest.mark.parametrize("name", ALL)
def test_monte_carlo_is_reproducible_and_keyed_by_seed(name):
    a = ce.monte_carlo(name, n=8, seed=11, horizon_years=10)
    b = ce.monte_carlo(name, n=8, seed=11, horizon_years=10)
    c = ce.monte_carlo(name, n=8, seed=12, horizon_years=10)
    assert a.flows.shape == (8, len(STAKEHOLDERS), 11)
    assert np.array_equal(a.flows, b.flows)
    assert not np.array_equal(a.flows, c.flows)


def test_monte_carlo_first_samples_do_not_depend_on_n():
    # Sample i's random path comes from the stream keyed ("path", i); without
    # Latin hypercube stratification, inputs are plain draws in order.
    small = ce.monte_carlo("hotel", n=5, seed=3, latin_hypercube=False)
    large = ce.monte_carlo("hotel", n=9, seed=3, latin_hypercube=False)
    assert np.array_equal(small.flows, large.flows[:5])


def test_monte_carlo_without_uncertainties_varies_only_by_random_path():
    mc = ce.monte_carlo("hotel", n=50, seed=5, uncertainties=())
    det = ce.appraise("hotel")
    # occupancy draws have mean equal to the expected occupancy
    assert mc.items["revenue"].mean() == pytest.approx(det.items["revenue"].mean(), rel=0.03)


def test_case_figures_reproduced():
    # seed-facts.md §4: hotel profit 350,000 yuan a year
    hotel = ce.appraise("hotel")
    open_years = hotel.items["net_profit"][2:]
    assert open_years.mean() == pytest.approx(350_000, rel=0.10)
    # seed-facts.md §4: park earns 400,000 yuan a year at maturity
    park = ce.appraise("agro_park")
    assert park.of("collective")[-1] == pytest.approx(400_000, rel=0.02)
    # seed-facts.md §2: 100 households with >= 100 hogs each
    hogs = ce.HogParams()
    assert hogs.households == 100
    assert hogs.hogs_per_batch >= 100
    # seed-facts.md §1: 80% of compensation as shares
    assert ce.LandSharesParams().share_fraction == 0.8
    # seed-facts.md §4: 2,000 mu of tea
    assert ce.TeaParams().area_mu == 2000


def test_appraisal_npv_matches_finance_on_each_row():
    a = ce.appraise("hotel")
    for j, _ in enumerate(STAKEHOLDERS):
        assert a.npv(0.08)[j] == pytest.approx(ce.npv(0.08, a.flows[j]))


def test_table_rows_and_percentiles_are_ordered():
    rows = ce.appraisal_table(["hotel", "tea"], samples=64, seed=2)
    assert {r.scheme for r in rows} == {"hotel", "tea"}
    for r in rows:
        assert r.npv_p5 <= r.npv_p50 <= r.npv_p95
        assert 0.0 <= r.p_loss <= 1.0
    text = format_table(rows)
    assert "hotel" in text
    assert "P(NPV<0)" in text


def test_table_is_reproducible_and_csv_round_trips(tmp_path):
    rows = ce.appraisal_table(["hogs"], samples=32, seed=9)
    again = ce.appraisal_table(["hogs"], samples=32, seed=9)
    assert [repr(r) for r in rows] == [repr(r) for r in again]  # NaN-aware, exact
    path = write_csv(rows, tmp_path / "t.csv")
    with path.open() as fh:
        read = list(csv.DictReader(fh))
    assert [r["stakeholder"] for r in read] == [r.stakeholder for r in rows]
    assert [float(r["npv"]) for r in read] == [r.npv for r in rows]  # repr keeps every bit


def test_unknown_scheme_is_named():
    with pytest.raises(ce.ParameterError, match=r"scheme must be one of .*hotel.*got 'hotl'"):
        ce.appraise("hotl")


@pytest.mark.parametrize("n", [0, -1, 2.5])
def test_bad_sample_count(n):
    with pytest.raises(ce.ParameterError, match="n must be a whole number >= 1"):
        ce.monte_carlo("hotel", n=n)


@pytest.mark.parametrize("name", ALL)
def test_zero_horizon_rejected(name):
    with pytest.raises(ce.ParameterError, match="horizon_years must be >= 1, got 0"):
        ce.appraise(name, horizon_years=0)


def test_flows_table_rows():
    t = flows_table(1, bank=[-1.0, 2.0])
    assert t[STAKEHOLDERS.index(ce.Stakeholder.BANK)].tolist() == [-1.0, 2.0]
    assert np.count_nonzero(t) == 2


def test_appraisal_rejects_bad_shape():
    with pytest.raises(ce.ShapeError, match="flows must have shape"):
        ce.Appraisal("x", np.zeros((3, 4)))
