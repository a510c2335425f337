"""The appraisal layer: every scheme of the case, deterministic and Monte Carlo."""

import csv
import dataclasses
import html
import importlib
import math

import numpy as np
import pytest

import collective_econ as ce
from collective_econ.appraisal import (
    AppraisalRow,
    format_table,
    outside_flows,
    sign_note,
    write_csv,
)
from collective_econ.distributions import Triangular
from collective_econ.distributions.uncertainty import Uncertainty
from collective_econ.report.sections import _signed, appraisal_section
from collective_econ.schemes.base import STAKEHOLDERS, flows_table
from collective_econ.seeding import as_seed_sequence, child

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
    # its parameters: in that module or in a private module of it, re-exported by it
    module = scheme.params_type.__module__
    assert module in (scheme.appraise.__module__, f"collective_econ.schemes._{name}_params")
    assert getattr(importlib.import_module(scheme.appraise.__module__),
                   scheme.params_type.__name__) is scheme.params_type  # fmt: skip


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
    # seed-facts.md §4: hotel profit 350,000 yuan a year, a projection for its first years
    # open (later, profit rises as the loan is repaid and its real burden falls)
    hotel = ce.appraise("hotel")
    open_years = hotel.items["net_profit"][2:7]
    assert open_years.mean() == pytest.approx(350_000, rel=0.10)
    # seed-facts.md §4: park earns 400,000 yuan a year at maturity (2010 prices and wages)
    flat = ce.PriceIndex(inflation=0.0, wage_growth=0.0, use_history=False)
    park = ce.appraise("agro_park", prices=flat)
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
    assert "P(loss)" in text
    assert "NPV mean" in text
    assert "NPV at defaults" in text


MC_SAMPLES, MC_SEED = 64, 7


@pytest.mark.parametrize("name", ALL)
def test_headline_is_the_monte_carlo_mean_and_the_page_explains_other_signs(name):
    rows = ce.appraisal_table([name], samples=MC_SAMPLES, seed=MC_SEED)
    # the same samples, drawn independently of the table
    mc = ce.monte_carlo(name, n=MC_SAMPLES, seed=child(as_seed_sequence(MC_SEED), name))
    det = ce.appraise(name)
    # the stakeholders' rows, then the outside people's (the displaced workers of jobs)
    mean = list(mc.npv().mean(axis=0))
    at_defaults = list(det.npv())
    outside = outside_flows(mc, name)
    for who, lost in outside.items():
        mean.append(float(ce.npv(0.08, lost).mean()))
        at_defaults.append(float(ce.npv(0.08, outside_flows(det, name)[who])))
    names = [s.value for s in STAKEHOLDERS] + list(outside)
    page = appraisal_section(rows, horizon_years=20, note="")
    assert {r.stakeholder for r in rows} >= set(outside)  # every outside row is shown
    for r in rows:
        j = names.index(r.stakeholder)
        assert r.samples == MC_SAMPLES
        assert r.npv == r.npv_mean == pytest.approx(mean[j], rel=1e-12, abs=1e-6)
        assert np.sign(r.npv) == np.sign(mean[j])  # the headline has the mean's sign
        assert r.npv_at_defaults == pytest.approx(at_defaults[j], rel=1e-12, abs=1e-6)
        differs = np.sign(r.npv_at_defaults) != np.sign(mean[j])
        assert r.sign_differs == differs
        if differs:
            assert r.note, f"{name}/{r.stakeholder}: no note for a default value of another sign"
            # the page words the note in its own units (test_page_explains_a_default_...)
            said = f"the value at default inputs is {_signed(r.npv_at_defaults, 'en')}, but "
            assert html.escape(said + f"the Monte Carlo mean is {_signed(r.npv, 'en')}") in page
        else:
            assert r.note == ""


@pytest.mark.parametrize("name", ALL)
def test_range_brackets_the_mean_and_p_loss_is_a_probability(name):
    rows = ce.appraisal_table([name], samples=MC_SAMPLES, seed=MC_SEED)
    for r in rows:
        assert r.npv_p5 <= r.npv_p50 <= r.npv_p95
        # p5 <= mean <= p95, up to rounding; a mean outside the range happens only when
        # at least 90% of the samples are the same number (a loan's fixed schedule)
        tol = 1e-9 * max(1.0, abs(r.npv_mean))
        inside = r.npv_p5 - tol <= r.npv_mean <= r.npv_p95 + tol
        assert inside or r.npv_p95 - r.npv_p5 <= tol, r
        assert 0.0 <= r.p_loss <= 1.0
        if r.npv_p95 < 0:
            assert r.p_loss >= 0.95
        if r.npv_p5 >= 0:
            assert r.p_loss <= 0.05


def test_without_samples_the_headline_is_the_value_at_default_inputs():
    rows = ce.appraisal_table(["tea"], samples=0)
    det = ce.appraise("tea")
    for r in rows:
        j = STAKEHOLDERS.index(ce.Stakeholder(r.stakeholder))
        assert r.samples == 0
        assert r.npv == r.npv_at_defaults == det.npv()[j]
        assert math.isnan(r.npv_mean)
        assert math.isnan(r.p_loss)
        assert math.isnan(r.npv_p5)
        assert not r.sign_differs
        assert r.note == ""
    assert "expected flows only" in format_table(rows)
    page = appraisal_section(rows, horizon_years=20, note="")
    assert "expected flows only" in page
    assert "P(NPV &lt; 0)" not in page


def test_negative_sample_count_is_refused():
    with pytest.raises(ce.ParameterError, match="samples must be a whole number >= 0"):
        ce.appraisal_table(["tea"], samples=-1)


def _row(at_defaults, mean, note=""):
    return AppraisalRow(
        "hogs", "households", 0.08, mean, math.nan, math.nan, npv_mean=mean,
        npv_p5=mean - 1e6, npv_p50=mean, npv_p95=mean + 1e6, p_loss=0.6,
        npv_at_defaults=at_defaults, samples=10, note=note,
    )  # fmt: skip


def test_page_explains_a_default_value_of_another_sign():
    given = _row(13e6, -7.9e6, note="the defaults are modes.")
    page = appraisal_section([given], horizon_years=20, note="")
    # a row's note is rewritten in plain words from the scheme's inputs (the note's own
    # text names them by their names in the model), with the same numbers
    assert "the value at default inputs is +13.0 million yuan, but the Monte Carlo mean" in page
    assert 'class="num diff">13.0 million yuan</td>' in page  # shown, in bold
    generated = appraisal_section([_row(13e6, -7.9e6)], horizon_years=20, note="")
    assert (
        "the value at default inputs is 13.0 million yuan, but the Monte Carlo mean is "
        "-7.9 million yuan" in generated
    )
    same = appraisal_section([_row(-1e6, -7.9e6)], horizon_years=20, note="")
    assert "<ul>" not in same
    # line 0 the header, 1 the rule, 2 the scheme's title, 3 its row
    assert "!" not in format_table([_row(-1e6, -7.9e6)]).splitlines()[3]
    assert "!" in format_table([given]).splitlines()[3]


def test_sign_note_names_the_skewed_inputs():
    hogs = ce.SCHEMES["hogs"]
    p = hogs.params_type()
    row = _row(13e6, -7.9e6)
    skewed = dataclasses.replace(
        hogs,
        uncertainties=(
            Uncertainty("fcr", Triangular(low=p.fcr * 0.9, mode=p.fcr, high=p.fcr * 1.5)),
        ),
        correlation=(),
    )
    text = sign_note(row, skewed, p)
    assert text.startswith("the value at default inputs is +13.0 M yuan, but the Monte Carlo mean")
    assert "the default inputs are the modes of right-skewed distributions (fcr" in text
    centred = dataclasses.replace(
        skewed,
        uncertainties=(
            Uncertainty("fcr", Triangular(low=p.fcr * 0.9, mode=p.fcr, high=p.fcr * 1.1)),
        ),
    )
    assert "are the means of their distributions" in sign_note(row, centred, p)


def test_table_is_reproducible_and_csv_round_trips(tmp_path):
    rows = ce.appraisal_table(["hogs"], samples=32, seed=9)
    again = ce.appraisal_table(["hogs"], samples=32, seed=9)
    assert [repr(r) for r in rows] == [repr(r) for r in again]  # NaN-aware, exact
    path = write_csv(rows, tmp_path / "t.csv")
    with path.open() as fh:
        read = list(csv.DictReader(fh))
    assert [r["stakeholder"] for r in read] == [r.stakeholder for r in rows]
    assert [float(r["npv"]) for r in read] == [r.npv for r in rows]  # repr keeps every bit
    assert [float(r["npv_at_defaults"]) for r in read] == [r.npv_at_defaults for r in rows]
    assert [float(r["p_loss"]) for r in read] == [r.p_loss for r in rows]
    assert [r["note"] for r in read] == [r.note for r in rows]


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


def test_an_irr_is_shown_as_a_reader_can_use_it():
    import dataclasses

    row = _row(-1e6, -1e6)
    high = dataclasses.replace(row, irr=2.701, irr_p5=0.5, irr_p95=3.2)
    page = appraisal_section([high], horizon_years=20, note="")
    assert "over 100% (5-95% of runs: 50.0% to over 100%)" in page  # not "270.1%"
    # no IRR of the mean flows: no range around "n/a"
    none = dataclasses.replace(row, irr=math.nan, irr_p5=-0.095, irr_p95=0.234)
    page = appraisal_section([none], horizon_years=20, note="")
    assert "n/a (5-95%" not in page
    assert "-9.5%" not in page
    plain = dataclasses.replace(row, irr=0.083, irr_p5=0.05, irr_p95=0.11)
    assert "8.3% (5-95% of runs: 5.0% to 11.0%)" in appraisal_section(
        [plain], horizon_years=20, note=""
    )
