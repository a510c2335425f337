"""Household surveys in: round trips, and one located error for every kind of bad cell."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import numpy as np
import pytest

from collective_econ.calibration.survey import (
    Survey,
    read_csv_survey,
    read_survey_solutions,
    write_csv_survey,
    write_survey_solutions,
)
from collective_econ.calibration.synthetic import income_by_source, synthetic_survey
from collective_econ.economy.community import CommunityParams, synthesize
from collective_econ.economy.livelihood import LivelihoodParams
from collective_econ.errors import SurveyError

SMALL = CommunityParams(residents=4000, agricultural_residents=1200)


@pytest.fixture(scope="module")
def survey() -> Survey:
    return synthetic_survey(SMALL, n_households=200, seed=7, design="stratified by group")


def _same(a: Survey, b: Survey) -> None:
    assert a.household_id == b.household_id
    for name in ("weight", "schooling_years", "stratum"):
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name))
    assert a.income.keys() == b.income.keys()
    for k in a.income:
        np.testing.assert_array_equal(a.income[k], b.income[k])
    ca, cb = a.community, b.community
    for name in (
        "group",
        "size",
        "agricultural",
        "land_mu",
        "expropriation_month",
        "member",
        "person_household",
        "age",
        "female",
        "group_names",
    ):
        np.testing.assert_array_equal(getattr(ca, name), getattr(cb, name), err_msg=name)
    np.testing.assert_allclose(ca.baseline, cb.baseline, rtol=1e-12)
    np.testing.assert_allclose(ca.skill, cb.skill, rtol=0, atol=1e-12)


def test_csv_round_trip(survey: Survey, tmp_path: Path) -> None:
    hh, pp = write_csv_survey(survey, tmp_path)
    _same(survey, read_csv_survey(hh, pp))


def test_one_file_round_trip(survey: Survey, tmp_path: Path) -> None:
    """One row per person with the household columns repeated reads the same."""
    hh_t, pp_t = survey.households_table(), survey.persons_table()
    pos = {k: i for i, k in enumerate(hh_t["household_id"])}
    path = tmp_path / "one.csv"
    with path.open("w", newline="") as fh:
        w = csv.writer(fh)
        cols = [*hh_t, *[c for c in pp_t if c != "household_id"]]
        w.writerow(cols)
        for j, key in enumerate(pp_t["household_id"]):
            row = {c: hh_t[c][pos[key]] for c in hh_t} | {c: pp_t[c][j] for c in pp_t}
            w.writerow([repr(v) if isinstance(v, float) else v for v in (row[c] for c in cols)])
    _same(survey, read_csv_survey(path))


@pytest.mark.parametrize("as_zip", [False, True])
def test_survey_solutions_round_trip(survey: Survey, tmp_path: Path, as_zip: bool) -> None:
    small = synthetic_survey(SMALL, n_households=50, seed=3)
    path = write_survey_solutions(small, tmp_path / ("export.zip" if as_zip else "export"))
    if as_zip:
        assert zipfile.is_zipfile(path)
    back = read_survey_solutions(path)
    assert back.n_households == 50
    np.testing.assert_array_equal(back.weight, small.weight)
    np.testing.assert_array_equal(back.community.age, small.community.age)
    np.testing.assert_array_equal(back.community.female, small.community.female)
    np.testing.assert_array_equal(back.community.group, small.community.group)
    np.testing.assert_allclose(back.total_income, small.total_income, rtol=1e-12)


def test_synthetic_incomes_sum_to_the_model_baseline() -> None:
    c = synthesize(SMALL, np.random.default_rng(1), LivelihoodParams())
    total = np.sum(list(income_by_source(c, LivelihoodParams()).values()), axis=0)
    np.testing.assert_allclose(total, c.baseline, rtol=1e-12)


def test_weights_are_inverse_inclusion_probabilities(survey: Survey) -> None:
    srs = synthetic_survey(SMALL, n_households=100, seed=7)
    c = synthesize(SMALL, np.random.default_rng(0))  # size of the community only
    assert srs.weight.sum() == pytest.approx(srs.weight[0] * 100)
    # stratified: each stratum's weights sum to its households in the community
    full = synthetic_survey(SMALL, n_households=1, seed=7).weight.sum()  # = N under SRS
    assert survey.weight.sum() == pytest.approx(full)
    assert c.n_households > 0


def _write(path: Path, rows: list[list[object]], delimiter: str = ",") -> Path:
    with path.open("w", newline="") as fh:
        csv.writer(fh, delimiter=delimiter).writerows(rows)
    return path


HH = ["household_id", "group", "land_mu", "weight", "income_farming", "income_wages"]
PP = ["household_id", "age", "sex", "schooling_years"]


def _error(hh: list[list[object]], pp: list[list[object]], tmp_path: Path) -> SurveyError:
    h = _write(tmp_path / "households.csv", [HH, *hh])
    p = _write(tmp_path / "persons.csv", [PP, *pp])
    with pytest.raises(SurveyError) as info:
        read_csv_survey(h, p)
    return info.value


GOOD_HH = ["A", "Jiewei", 2.0, 10.0, 3000.0, 8000.0]
GOOD_PP = ["A", 40, "F", 9]


@pytest.mark.parametrize(
    ("hh", "pp", "file", "line", "column", "words"),
    [
        (
            [["", "Jiewei", 2, 10, 1, 1], GOOD_HH],
            [GOOD_PP],
            "households",
            2,
            "household_id",
            "missing",
        ),
        ([["A", "Jiewei", -2, 10, 1, 1]], [GOOD_PP], "households", 2, "land_mu", ">= 0"),
        ([GOOD_HH], [GOOD_PP, ["A", 300, "M", 3]], "persons", 3, "age", "<= 120"),
        ([["A", "Nowhere", 2, 10, 1, 1]], [GOOD_PP], "households", 2, "group", "unknown group"),
        ([["A", "Jiewei", 2, 0, 1, 1]], [GOOD_PP], "households", 2, "weight", "> 0"),
        ([["A", "Jiewei", 2, -1, 1, 1]], [GOOD_PP], "households", 2, "weight", ">= 0"),
        ([GOOD_HH], [GOOD_PP, ["B", 30, "M", 9]], "persons", 3, "household_id", "not in"),
        (
            [GOOD_HH, ["A", "Jiewei", 1, 5, 1, 1]],
            [GOOD_PP],
            "households",
            3,
            "household_id",
            "duplicate",
        ),
        ([GOOD_HH], [["A", 30, "X", 9]], "persons", 2, "sex", "got 'X'"),
        ([GOOD_HH], [["A", 30, "F", "lots"]], "persons", 2, "schooling_years", "not a number"),
        (
            [GOOD_HH, ["B", "Jiewei", 1, 5, 1, 1]],
            [GOOD_PP],
            "households",
            3,
            "household_id",
            "no person",
        ),
    ],
)
def test_every_bad_cell_is_located(hh, pp, file, line, column, words, tmp_path: Path) -> None:
    err = _error(hh, pp, tmp_path)
    assert len(err.problems) == 1, str(err)
    p = err.problems[0]
    assert (Path(p.file).name, p.line, p.column) == (f"{file}.csv", line, column), str(p)
    assert words in p.message
    assert f"{file}.csv, line {line}, column '{column}'" in str(err)


def test_all_problems_are_listed_at_once(tmp_path: Path) -> None:
    err = _error([["A", "Nowhere", -1, 0, 1, 1]], [["A", 300, "F", 9], ["Z", 3, "M", 1]], tmp_path)
    assert {p.column for p in err.problems} == {
        "group",
        "land_mu",
        "weight",
        "age",
        "household_id",
    }


def test_missing_column_is_named(tmp_path: Path) -> None:
    h = _write(tmp_path / "households.csv", [HH[:2] + HH[3:], ["A", "Jiewei", 1, 1, 1]])
    p = _write(tmp_path / "persons.csv", [PP, GOOD_PP])
    with pytest.raises(SurveyError, match="column 'land_mu': no such column"):
        read_csv_survey(h, p)


def test_survey_solutions_missing_codes(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    main = ["interview__key", "group", "land_mu", "weight", "income_farming", "interview__id"]
    _write(
        folder / "hhsurvey.tab",
        [
            main,
            ["11-22-33-44", 1, -999999999, 5, 100, "ab"],
            ["11-22-33-45", 2, 1.5, 5, 100, "ac"],
        ],
        "\t",
    )
    roster = ["interview__key", "members__id", "age", "sex", "schooling_years"]
    _write(
        folder / "members.tab",
        [roster, ["11-22-33-44", 1, 30, 1, 9], ["11-22-33-45", 1, 40, "##N/A##", 6]],
        "\t",
    )
    _write(folder / "interview__diagnostics.tab", [["interview__key", "x"], ["1", "2"]], "\t")
    with pytest.raises(SurveyError) as info:
        read_survey_solutions(folder)
    got = {(Path(p.file).name, p.line, p.column) for p in info.value.problems}
    assert got == {("hhsurvey.tab", 2, "land_mu"), ("members.tab", 3, "sex")}
    assert all("missing code" in p.message for p in info.value.problems)


def test_one_file_must_repeat_household_columns(survey: Survey, tmp_path: Path) -> None:
    path = _write(
        tmp_path / "one.csv",
        [
            [*HH, "age", "sex", "schooling_years"],
            [*GOOD_HH, 40, "F", 9],
            ["A", "Jiewei", 3.0, 10.0, 3000.0, 8000.0, 9, "M", 2],
        ],
    )
    with pytest.raises(SurveyError, match="line 3, column 'land_mu': differs"):
        read_csv_survey(path)


def test_survey_solutions_renamed_columns_and_duplicate_rows(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    main = ["interview__key", "q_group", "q_land", "weight", "income_farming"]
    _write(folder / "hh.tab", [main, ["01-02-03-04", 1, 2.0, 5, 100]], "\t")
    roster = ["interview__key", "hhm__id", "age", "sex", "schooling_years"]
    rows = [roster, ["01-02-03-04", 1, 30, 1, 9], ["01-02-03-04", 1, 31, 2, 9]]
    _write(folder / "hhm.tab", rows, "\t")
    with pytest.raises(SurveyError, match=r"hhm\.tab, line 3, column 'hhm__id': duplicate"):
        read_survey_solutions(folder, columns={"group": "q_group", "land_mu": "q_land"})
    rows[2][1] = 2
    _write(folder / "hhm.tab", rows, "\t")
    back = read_survey_solutions(folder, columns={"group": "q_group", "land_mu": "q_land"})
    assert back.household_id == ("01-02-03-04",)
    assert back.community.land_mu.tolist() == [2.0]
    assert back.community.female.tolist() == [False, True]
