"""Real terms throughout (issue 12 item 3): one price index, nominal contracts deflated,
wages and transfers indexed by rule, results shown real or nominal.

Checked outside this file (stated in the report of the change): with inflation 0 and
real wage growth 0 (``PriceIndex(inflation=0, wage_growth=0, use_history=False)``) and
demography off, the five default policies' yearly incomes (seed 1, 20 years) equal the
previous code's to 1e-15 relative.
"""

import dataclasses

import numpy as np
import pytest
import simpy

from collective_econ.appraisal import appraise
from collective_econ.cases.caopijie import default_scenario
from collective_econ.economy.community import CommunityParams, synthesize
from collective_econ.economy.credit import LoanBook
from collective_econ.economy.ledger import Ledger, Source
from collective_econ.economy.livelihood import LivelihoodParams
from collective_econ.economy.world import World, institutions
from collective_econ.errors import ParameterError
from collective_econ.prices import PriceIndex, indexation_factor, nominal_table, using
from collective_econ.scenario import dumps, loads
from collective_econ.schemes.base import nominal_deflator, wage_growth
from collective_econ.schemes.safety_net import DibaoParams, line_level
from collective_econ.simulation import simulate

ZERO = PriceIndex(inflation=0.0, wage_growth=0.0, use_history=False)
STEADY = PriceIndex(inflation=0.03, wage_growth=0.07, use_history=False)


# -- loans ------------------------------------------------------------------------------------


def _loan_payments(inflation: float, deflate: bool = True) -> tuple[np.ndarray, LoanBook]:
    book = Ledger(households=0, institutions=("collective:0", "bank"), months=24)
    loans = LoanBook(book)
    coll, bank = book.account("collective:0"), book.account("bank")
    book.pay(bank, coll, 1e6, Source.GRANT)  # cash to pay with
    loans.lend(bank, coll, 120_000.0, rate=0.06, months=12)
    paid = []
    for _ in range(12):
        before = float(book.balance[bank])
        if deflate:
            loans.deflate(inflation)
        loans.service()
        paid.append(float(book.balance[bank]) - before)
        book.close_month()
    return np.array(paid), loans


def test_a_nominal_loans_real_burden_falls_with_inflation_exactly():
    i = 0.004
    paid, loans = _loan_payments(i)
    r = 0.06 / 12
    level = 120_000.0 * r / (1.0 - (1.0 + r) ** -12)  # the nominal annuity
    expected = level / (1.0 + i) ** np.arange(1, 13)  # its real value, month by month
    np.testing.assert_allclose(paid, expected, rtol=1e-12)
    assert loans.outstanding() == pytest.approx(0.0, abs=1e-6)
    # the lenders' real loss is what inflation took from the principal owed
    assert loans.deflated > 0
    # a planted bug (no deflation) pays the nominal annuity in real terms: caught
    undeflated, _ = _loan_payments(i, deflate=False)
    assert not np.allclose(undeflated, expected, rtol=1e-6)
    with pytest.raises(ParameterError, match="inflation"):
        loans.deflate(-1.5)


def test_credit_lines_are_deflated_in_place():
    book = Ledger(households=3, institutions=("bank",), months=2)
    loans = LoanBook(book)
    lines = loans.household_lines
    lines[:] = [100.0, 0.0, 50.0]
    loans.deflate(0.01)
    assert loans.household_lines is lines  # the households' process holds this array
    np.testing.assert_allclose(lines, np.array([100.0, 0.0, 50.0]) / 1.01)
    assert loans.claims().sum() == pytest.approx(0.0, abs=1e-9)


# -- the index and the world ------------------------------------------------------------------


def test_real_wage_factor_is_wages_over_prices_and_the_world_reads_it():
    idx = PriceIndex()
    assert float(idx.real_wage_factor(2010)) == 1.0
    f = float(idx.real_wage_factor(2025))
    assert f == pytest.approx(float(idx.factor(2025, "wage") / idx.factor(2025)))
    assert 1.043**15 * 0.9 < f < 1.043**15 * 1.2  # about 4.3% a year (domain-reference §6)
    assert float(ZERO.real_wage_factor(2040)) == 1.0
    assert float(STEADY.real_wage_factor(2012)) == pytest.approx((1.07 / 1.03) ** 2)
    c = synthesize(
        CommunityParams(residents=60, agricultural_residents=30), np.random.default_rng(0)
    )
    env = simpy.Environment()
    ledger = Ledger(c.n_households, institutions(c.n_groups), 36)
    world = World(env, c, ledger, 36, 2010, prices=STEADY)
    assert world.real_wage_factor() == 1.0
    assert world.inflation_month() > 0
    env.run(until=25)
    assert world.year == 2012
    assert world.real_wage_factor() == pytest.approx((1.07 / 1.03) ** 2)
    assert world.indexed("prices") == 1.0
    assert world.indexed("wages") == pytest.approx((1.07 / 1.03) ** 2)
    with pytest.raises(ParameterError, match="indexation"):
        world.indexed("gold")


def test_the_nominal_display_of_a_real_table_multiplies_by_the_index():
    real = np.array([[100.0, 200.0], [100.0, 200.0], [50.0, 10.0]])
    years = [2010, 2011, 2025]
    idx = PriceIndex()
    nominal = nominal_table(real, years, idx)
    np.testing.assert_allclose(nominal, real * idx.factor(years)[:, None])
    by_column = nominal_table(real.T, years, idx, axis=1)
    np.testing.assert_allclose(by_column, nominal.T)
    np.testing.assert_allclose(idx.to_real(nominal[:, 0], years), real[:, 0])
    with pytest.raises(ParameterError, match="years"):
        nominal_table(real, [2010, 2011], idx)


# -- wages and transfers ----------------------------------------------------------------------


@pytest.mark.parametrize(("scheme", "item"), [("jobs", "wages"), ("agro_park", "wages")])
def test_scheme_wages_grow_with_the_index(scheme, item):
    flat = appraise(scheme, prices=ZERO).items[item]
    grown = appraise(scheme, prices=STEADY).items[item]
    path = STEADY.wage_path(20)
    working = flat > 0
    np.testing.assert_allclose(grown[working], flat[working] * path[working], rtol=1e-9)
    with using(STEADY):
        np.testing.assert_allclose(wage_growth(20), path)


def test_tea_picking_wages_grow_with_the_index():
    flat = appraise("tea", prices=ZERO).items["picking_wages"]
    grown = appraise("tea", prices=STEADY).items["picking_wages"]
    np.testing.assert_allclose(grown, flat * STEADY.wage_path(20), rtol=1e-9)


def test_the_dibao_line_follows_its_rule():
    with using(STEADY):
        wages = line_level(DibaoParams(), np.arange(11))
        prices = line_level(DibaoParams(line_indexation="prices"), np.arange(11))
    np.testing.assert_allclose(wages, (1.07 / 1.03) ** np.arange(11))
    np.testing.assert_allclose(prices, 1.0)
    assert float(indexation_factor("wages", STEADY, 2015, 2010)) == pytest.approx(
        (1.07 / 1.03) ** 5
    )
    with pytest.raises(ParameterError, match="line_indexation"):
        DibaoParams(line_indexation="gold")
    with pytest.raises(ParameterError, match="pension_indexation"):
        LivelihoodParams(pension_indexation="gold")


def test_land_share_dividends_lose_real_value_with_the_price_level():
    flat = appraise("land_shares", prices=ZERO).items
    real = appraise("land_shares", prices=STEADY).items
    with using(STEADY):
        deflator = nominal_deflator(20)
    np.testing.assert_allclose(deflator, 1.03 ** -np.arange(21))
    np.testing.assert_allclose(real["dividends"], flat["dividends"] * deflator, rtol=1e-9)
    np.testing.assert_allclose(real["redemption"], flat["redemption"] * deflator, rtol=1e-9)


# -- the simulation ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small():
    sc = default_scenario()
    com = synthesize(
        CommunityParams(residents=800, agricultural_residents=400),
        np.random.default_rng(4),
        sc.livelihood,
    )
    return sc, com


def test_money_is_conserved_in_real_terms(small):
    sc, com = small
    run = simulate(sc, "full package", seed=2, community=com, horizon_years=8)
    assert abs(run.ledger_total) < 1e-3
    assert abs(run.claims.sum()) < 1e-3


def test_with_a_flat_index_wages_stay_and_with_growth_they_grow(small):
    sc, com = small
    wage = []
    for idx in (ZERO, STEADY):
        s = dataclasses.replace(sc, prices=idx)
        run = simulate(s, "full package", seed=2, community=com, horizon_years=8)
        wage.append(run.total_income().sum(axis=1))
    # same draws: higher real wages (and a wage-indexed dibao and pensions) raise incomes
    assert wage[1][-1] > wage[0][-1] * 1.1
    assert wage[1][0] == pytest.approx(wage[0][0], rel=0.05)


def test_the_scenario_file_carries_the_price_index():
    sc = dataclasses.replace(default_scenario(), prices=STEADY)
    back = loads(dumps(sc))
    assert back.prices == STEADY
    assert "[prices]" in dumps(sc)
    with pytest.raises(Exception, match="inflation"):
        loads(dumps(sc).replace("inflation = 0.03", "inflation = 3.0"))
