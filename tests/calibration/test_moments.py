"""Survey moments by name, moments files, and the income quantiles they read (issue 17)."""

import dataclasses

import numpy as np
import pytest

from collective_econ.calibration import (
    income_quantile_moment,
    moment_by_name,
    read_moments,
    write_moments,
)
from collective_econ.calibration.fit import RunRecord
from collective_econ.cases.caopijie import default_scenario
from collective_econ.economy.community import CommunityParams
from collective_econ.economy.ledger import INCOME_SOURCES, Source
from collective_econ.errors import ParameterError, SurveyError
from collective_econ.runs.outcomes import (
    INCOME_QUANTILES,
    OUTCOMES,
    SOURCE_QUANTILES,
    reduce_run,
)
from collective_econ.simulation import simulate


@pytest.fixture(scope="module")
def run():
    community = CommunityParams(residents=600, agricultural_residents=400)
    sc = dataclasses.replace(default_scenario(), community=community, horizon_years=4)
    return simulate(sc, "full package", seed=3)


@pytest.fixture(scope="module")
def record(run):
    return RunRecord(reduce_run(run), run.years)


def _landless(run):
    """Each landless household's income per person by source, and its persons: by hand."""
    h = np.flatnonzero(run.community.landless_target)
    persons = run.persons_by_year[:, h].astype(float)
    income = run.income[:, :, h]
    with np.errstate(invalid="ignore", divide="ignore"):
        per_person = np.where(persons[:, None, :] > 0, income / persons[:, None, :], 0.0)
    return per_person, persons


def test_income_quantiles_are_person_weighted_quantiles_of_the_landless(run, record):
    per_person, persons = _landless(run)
    total = per_person.sum(axis=1)
    got = record.outcomes["income_quantiles"]
    assert got.shape == (len(run.years), len(INCOME_QUANTILES))
    for y in range(len(run.years)):
        want = np.quantile(total[y], INCOME_QUANTILES, weights=persons[y], method="inverted_cdf")
        np.testing.assert_allclose(got[y], want, rtol=1e-12)
    assert (np.diff(got, axis=1) >= 0).all()  # quantiles rise with q
    median = got[:, INCOME_QUANTILES.index(0.5)]
    np.testing.assert_allclose(median, record.outcomes["median_income"])


def test_source_quantiles_are_each_sources_quantiles(run, record):
    per_person, persons = _landless(run)
    got = record.outcomes["income_quantiles_by_source"]
    labels = OUTCOMES["income_quantiles_by_source"].labels
    assert got.shape == (len(run.years), len(INCOME_SOURCES) * len(SOURCE_QUANTILES))
    for source in (Source.WAGE, Source.DIVIDEND, Source.RENT, Source.BUSINESS):
        columns = [labels.index(f"{source.name.lower()}_p{round(100 * q)}")
                   for q in SOURCE_QUANTILES]  # fmt: skip
        for y in range(len(run.years)):
            want = np.quantile(per_person[y, source], SOURCE_QUANTILES, weights=persons[y],
                               method="inverted_cdf")  # fmt: skip
            np.testing.assert_allclose(got[y, columns], want, rtol=1e-12)
    # the shares scheme pays dividends to most landless persons from its first December
    last = got[-1, labels.index("dividend_p50")]
    assert last > 0


@pytest.mark.parametrize(
    ("name", "outcome", "label"),
    [
        ("income_p25_2012", "income_quantiles", "p25"),
        ("income_p90_2011", "income_quantiles", "p90"),
        ("income_wage_p50_2012", "income_quantiles_by_source", "wage_p50"),
        ("income_tea_picking_p75_2011", "income_quantiles_by_source", "tea_picking_p75"),
        ("income_wage_2012", "income_by_source", "wage"),
    ],
)
def test_a_moment_by_name_reads_its_outcome(record, name, outcome, label):
    m = moment_by_name(name, 1000.0, 50.0)
    assert m.name == name
    year = int(name[-4:])
    assert m.function(record) == record.value(outcome, year=year, label=label)


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: income_quantile_moment(0.3, 1.0, 1.0, year=2011), "q"),
        (lambda: income_quantile_moment(0.1, 1.0, 1.0, year=2011, source="wage"), "q"),
        (lambda: income_quantile_moment(0.5, 1.0, 1.0, year=2011, source="wages"), "label"),
        (lambda: moment_by_name("income_p33_2011", 1.0, 1.0), "q"),
    ],
)
def test_a_bad_quantile_moment_is_refused_naming_the_field(call, field):
    with pytest.raises(ParameterError) as err:
        call()
    assert err.value.field == field


def test_quantile_moments_go_through_a_moments_file(tmp_path, record):
    moments = [income_quantile_moment(0.5, 4000.0, 200.0, year=2012, source="wage"),
               income_quantile_moment(0.9, 9000.0, 400.0, year=2012)]  # fmt: skip
    back = read_moments(write_moments(moments, tmp_path / "m.csv"))
    assert [m.name for m in back] == ["income_wage_p50_2012", "income_p90_2012"]
    assert [m.function(record) for m in back] == [m.function(record) for m in moments]


def test_a_bad_quantile_name_in_a_file_names_its_line(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text(
        "moment,observed,se\nincome_wage_p50_2012,4000,200\nincome_wage_p10_2012,1,1\n"
    )
    with pytest.raises(SurveyError, match=r"m\.csv.*3.*moment"):
        read_moments(path)
