"""The library's invariants, each a property over generated scenarios (issue 6).

Every test draws from the public strategies of :mod:`collective_econ.testing`
and asserts one invariant. Fixed-example versions of several live next to the
code they test and are not repeated here: conservation under each default
policy (tests/simulation/test_engine.py), the exact split of compensation
(tests/schemes/test_land_shares.py), share fraction 0 against the default
cash-only policy (tests/simulation/test_process_land_shares.py), the same bits
on every executor for one fixed experiment (tests/runs/test_executors.py)
and the round trip of richly annotated scenarios
(tests/scenario/test_scenario_file.py). Here the scenarios, communities,
policies (with dated periods) and seeds are all drawn.
"""

import dataclasses
import functools
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings, target
from hypothesis import strategies as st

from collective_econ.cases.caopijie import default_scenario
from collective_econ.economy.community import synthesize
from collective_econ.economy.ledger import INCOME_SOURCES, Source
from collective_econ.economy.schedule import Period, Schedule
from collective_econ.finance import npv
from collective_econ.policy import Policy
from collective_econ.prices import using
from collective_econ.runs.executors import process_pool
from collective_econ.runs.experiment import run_experiment
from collective_econ.runs.spec import ExperimentSpec
from collective_econ.scenario import dumps, loads
from collective_econ.schemes import SCHEMES, hotel
from collective_econ.schemes.land_shares import (
    compensation,
    split_compensation,
    uses_of_compensation,
)
from collective_econ.simulation import check_community, simulate
from collective_econ.testing import (
    assert_conserved,
    cash_flows,
    communities,
    money_moved,
    parameters,
    policies,
    scenarios,
    scheme_params,
    seeds,
)


def examples(n):
    """Settings of a property test: ``n`` examples, no deadline (runs take ~0.1 s)."""
    return settings(max_examples=n, deadline=None, suppress_health_check=[HealthCheck.too_slow])


SHARE_ONLY = (
    "share_fraction",
    "dividend_rate",
    "dividend_rate_sd",
    "guaranteed_rate",
    "default_prob",
    "recovery_fraction",
)  # land-for-shares parameters that matter only to shareholders


def with_land_shares(policy, base=None, drop=(), set_periods=None):
    """``policy`` with a new land-for-shares base, some period values dropped or set."""
    old = policy.schemes["land_shares"]
    periods = []
    for p in old.periods:
        values = {k: v for k, v in p.values.items() if k not in drop}
        values |= {k: set_periods[k] for k in values if set_periods and k in set_periods}
        if values:
            periods.append(Period(p.start, p.end, values))
    schemes = dict(policy.schemes) | {"land_shares": Schedule(base or old.base, tuple(periods))}
    return Policy(policy.name, schemes, policy.payout, policy.description)


# -- 1. money is conserved in every run ----------------------------------------------------
@examples(60)
@given(scenarios(), seeds())
def test_money_is_conserved_in_every_run(sc, seed):
    for policy in sc.policies:
        run = simulate(sc, policy, seed=seed)
        assert_conserved(run)
        households = run.household_flows.sum()  # balances start at 0
        assert abs(run.institution_balance[-1].sum() + households) <= 1e-9 * money_moved(run)


# -- 2. the compensation is paid in full and spent in order, never overdrawn -------------------
@examples(40)
@given(scenarios(max_policies=1), seeds())
def test_compensation_is_paid_in_full_and_households_spend_no_more_than_theirs(sc, seed):
    # The model now pays compensation as the law defines it: the collective keeps part of
    # the land fee and the social-security fee goes to the insurance fund, so households
    # receive ``to_households``; they pay the house swap's top-up before buying shares, so
    # shares + cash equal what is left after the top-up (was: shares + cash == total).
    policy = sc.policies[0]
    assume("land_shares" in policy.schemes)
    # no default (neither ordinary nor in distress), so the year of a wave holds the
    # subscription alone; no transitional allowance (compensation too), so it holds the
    # wave's compensation alone
    no_default = {
        "default_prob": 0.0,
        "distress_default_prob": 0.0,
        "transitional_allowance_per_m2_month": 0.0,
    }
    base = policy.schemes["land_shares"].base.evolve(**no_default)
    policy = with_land_shares(policy, base, drop=tuple(no_default))
    run = simulate(sc, policy, seed=seed)
    c, schedule = run.community, policy.schemes["land_shares"]
    months = run.institution_balance.shape[0]
    for h in np.flatnonzero((c.expropriation_month >= 0) & (c.expropriation_month < months)):
        month = int(c.expropriation_month[h])
        p, year = schedule.at(month), month // 12
        paid = run.household_flows[year, Source.COMPENSATION, h]
        bought = -run.household_flows[year, Source.SHARES, h]
        comp = compensation(p, c.land_mu[h], c.size[h])
        due = comp["to_households"]
        assert paid == pytest.approx(due, rel=1e-12)
        assert due + comp["to_collective"] + comp["to_insurance"] == pytest.approx(
            comp["total"], rel=1e-12
        )
        use = uses_of_compensation(p, due, c.size[h])
        if year == months // 12 - 1:  # the run's last December redeems the shares at par
            assert bought == pytest.approx(0.0, abs=1e-9 * due)
        else:
            assert bought == use["shares"]
        shares, cash = split_compensation(p, due - use["topup"])
        assert use["shares"] == shares
        assert use["cash"] == cash
        assert shares + cash == due - use["topup"]  # exact
        spent = use["topup"] + use["shares"] + use["extra"] + use["kept"]
        assert spent == pytest.approx(due, rel=1e-12)
        assert 0.0 <= shares <= due
        assert min(use["topup"], use["extra"], use["kept"]) >= 0.0


# -- 3. dividends paid never exceed distributable profit ---------------------------------------
def full_package_scenarios():
    full = default_scenario().policy("full package")
    return scenarios(min_years=15, max_years=30, max_policies=1).flatmap(
        lambda sc: policies(dataclasses.replace(sc, policies=(full,)), reshape=False).map(
            lambda p: dataclasses.replace(sc, policies=(p,))
        )
    )


_CAPITAL = [Source.COMPENSATION, Source.SHARES, Source.INVESTMENT, Source.LOAN, Source.GRANT,
            Source.GUARANTEE]  # fmt: skip
"""A collective's capital flows, out of the base of its payout (collective.CAPITAL_SOURCES)."""


@examples(30)
@given(full_package_scenarios(), seeds())
def test_dividends_never_exceed_distributable_profit(sc, seed):
    policy = sc.policies[0]
    run = simulate(sc, policy, seed=seed)
    years = run.institution_balance.shape[0] // 12  # years with a December
    tol = 1e-9 * money_moved(run)
    payouts = run.institution_flows[:years, Source.COLLECTIVE_PAYOUT, : run.community.n_groups]
    target(float(np.count_nonzero(payouts)), label="collective payouts")  # seek paying years
    # the collectives' December payout: <= the year's positive net income and the balance
    for g in range(run.community.n_groups):
        k = run.institutions.index(f"collective:{g}")
        for y in range(years):
            paid = -run.institution_flows[y, Source.COLLECTIVE_PAYOUT, k]
            # the base is the operating surplus after interest: capital flows are not income
            # (the land fee kept, shares, project outlays, loan principal, capital grants,
            # guarantees; was: net of every flow but loan principal)
            flows = run.institution_flows[y, :, k]
            net_before = flows.sum() - flows[_CAPITAL].sum() + paid
            balance_before = run.institution_balance[12 * y + 11, k] + paid
            assert paid >= 0.0
            assert paid <= max(net_before, 0.0) + tol
            assert paid <= max(balance_before, 0.0) + tol
    # the hotel company's dividends: <= its net profit that year (cash profit less depreciation)
    p0 = policy.params("hotel", 0)
    with using(sc.prices):  # the run's price index, as the hotel's own accounts use it
        depreciation = hotel.depreciation(p0, hotel.open_months(p0, sc.horizon_years))
        # interest on the accrual basis, as the company's accounts charge it: the year's
        # scheduled interest after opening (the construction months' is capitalised into the
        # building, CAS 17); interest paid late, when cash was short, is charged in the year
        # it accrued, not in the year it is paid (was: the interest paid in the year)
        accrued = hotel.interest_expense(p0, sc.horizon_years)
    k = run.institutions.index("hotel_company")
    profit_sources = [Source.SALES, Source.OPERATIONS, Source.TAX]
    for y in range(years):
        dividends = -run.institution_flows[y, Source.DIVIDEND, k]
        operating = run.institution_flows[y, profit_sources, k].sum()
        net_profit = operating - accrued[y] - depreciation[y]
        assert dividends >= 0.0
        assert dividends <= max(net_profit, 0.0) + tol


# -- 4. every income is finite -------------------------------------------------------------
@examples(60)
@given(scenarios(), seeds())
def test_every_income_is_finite(sc, seed):
    for policy in sc.policies:
        run = simulate(sc, policy, seed=seed)
        assert np.isfinite(run.income).all()
        assert np.isfinite(run.household_flows).all()
        assert np.isfinite(run.institution_balance).all()
        assert np.isfinite(run.per_capita_income(landless_only=False)).all()


# -- 5. NPV falls as the rate rises, for conventional series ---------------------------------
@settings(max_examples=200)
@given(cash_flows(), st.lists(st.floats(-0.9, 5.0), min_size=2, max_size=8, unique=True))
def test_npv_falls_as_the_rate_rises_for_conventional_series(flows, rates):
    # the vectorised form (one NPV per rate); test_finance.py checks pairs of rates
    rates = np.sort(rates)
    values = npv(rates, flows)
    assert np.all(np.diff(values) <= 0)
    inflows = np.r_[0.0, flows[1:]]
    for lo, hi, v_lo, v_hi in zip(rates, rates[1:], values, values[1:], strict=False):
        if npv(lo, inflows) > 1e-9 * -flows[0] and (1 + hi) / (1 + lo) > 1.001:
            assert v_lo > v_hi  # strictly, wherever floats can tell the difference


# -- 6. the scenario round trip is exact ------------------------------------------------------
@examples(60)
@given(scenarios(max_policies=3))
def test_scenario_round_trip_is_exact_for_simulation_scenarios(sc):
    # generated with dated periods and varied parameters of every scheme; the richly
    # annotated scenarios (notes, uncertainties, odd names) are in test_scenario_file.py
    text = dumps(sc)
    assert loads(text) == sc
    assert dumps(loads(text)) == text


# -- 7. results do not depend on the executor or the number of workers ------------------------
@examples(3)
@given(scenarios(max_residents=250, max_years=2), st.integers(0, 2**31))
def test_results_do_not_depend_on_the_executor_or_the_workers(sc, seed):
    spec = ExperimentSpec(replications=2, seed=seed, panels="all")
    serial = run_experiment(sc, spec)
    with process_pool(2) as pool:
        pooled = run_experiment(sc, spec, executor=pool, runs_per_task=1)
    assert pooled.identical(serial)


# -- 8. share fraction 0 gives exactly the cash-only policy's results -------------------------
@examples(25)  # two runs each (~0.15 s); 40 took 6 s of the default test run
@given(scenarios(max_policies=1), seeds(), scheme_params("land_shares"))
def test_share_fraction_zero_is_exactly_cash_only(sc, seed, other):
    policy = sc.policies[0]
    assume("land_shares" in policy.schemes)
    base = policy.schemes["land_shares"].base
    zero = with_land_shares(
        policy, base.evolve(share_fraction=0.0), set_periods={"share_fraction": 0.0}
    )
    # the cash-only policy: no shares, whatever the share-only parameters say
    cash_only = default_scenario().policy("cash only").params("land_shares")
    cash = with_land_shares(
        policy,
        base.evolve(**{k: getattr(cash_only, k) for k in SHARE_ONLY}),
        drop=SHARE_ONLY,
    )
    odd = with_land_shares(  # and share-only parameters of another draw change nothing
        policy,
        base.evolve(share_fraction=0.0, **{k: getattr(other, k) for k in SHARE_ONLY[1:]}),
        drop=SHARE_ONLY,
    )
    runs = [simulate(sc, p, seed=seed) for p in (zero, cash, odd)]
    for run in runs[1:]:
        assert np.array_equal(run.household_flows, runs[0].household_flows)
        assert np.array_equal(run.institution_flows, runs[0].institution_flows)
    assert not np.any(runs[0].household_flows[:, Source.SHARES])
    assert not np.any(runs[0].institution("developer")[:, Source.DIVIDEND])


# -- 9. common random numbers: a scheme a household takes no part in changes nothing for it ---
SAVINGS = (Source.INTEREST, Source.CONSUMPTION, Source.LOAN)
"""Households' savings and credit: deposit and credit-line interest, consumption, the
lines' principal depend on when cash arrives and on the shared loan book, so they may
move a little for everyone (was: every flow compared, when households had no lines)."""


def _differing(with_hotel, without, outside, sources):
    got, want = (r.household_flows[:, sources][..., outside] for r in (with_hotel, without))
    return [
        Source(sources[k]).name
        for k in range(len(sources))
        if not np.array_equal(got[:, k], want[:, k])
    ]


@examples(40)
@given(scenarios(max_policies=1), seeds(), scheme_params("hotel"))
def test_adding_a_scheme_leaves_the_income_of_households_outside_it_unchanged(sc, seed, params):
    # The hotel involves the Jiewei group's (group 0) member households only: their
    # equity, its dividends and collective 0's payouts; it takes no one's labour.
    # Schemes that occupy workers (hogs, jobs, enterprise) also change what others
    # earn through the shared pool of free workers: the tea garden's and the park's
    # wage bills are split among fewer, an enterprise slot goes to the next in line.
    # That is the labour market at work, not a break of common random numbers.
    policy = sc.policies[0]
    if "hotel" in policy.schemes:
        policy = policy.reform(policy.name, remove=("hotel",))
    # Schemes whose reach depends on members' cash (collective projects funded from
    # collective 0's cash; businesses and hog batches started only when a household can fund
    # them) pass the hotel's money on to outsiders through the economy: a slot a member
    # cannot take goes to the next in line. Without them, every non-savings flow of the
    # outsiders must be untouched.
    coupled = tuple(n for n in ("tea", "agro_park", "enterprise", "hogs") if n in policy.schemes)
    alone = policy.reform(policy.name, remove=coupled) if coupled else policy
    for base, excluded in [(alone, SAVINGS)]:
        added = base.reform("with the hotel", add={"hotel": params})
        without, with_hotel = (simulate(sc, p, seed=seed) for p in (base, added))
        c = without.community
        outside = ~((c.group == 0) & c.member)
        assume(outside.any())
        untouched = [k for k in range(len(Source)) if k not in excluded]
        income = [k for k in untouched if k < len(INCOME_SOURCES)]
        assert income  # farming, transfers, pensions, ... still compared
        for sources in (income, untouched):
            changed = _differing(with_hotel, without, outside, sources)
            assert not changed, changed
        if params.resident_equity > 0:  # and the test is not vacuous: members did take part
            inside = ~outside
            assert not np.array_equal(
                with_hotel.household_flows[..., inside], without.household_flows[..., inside]
            )


# -- the strategies themselves ------------------------------------------------------------------
@pytest.mark.parametrize("name", ["community", "livelihood", "payout", "experiment"])
def test_parameters_draws_valid_instances_that_differ_from_the_defaults(name):
    from collective_econ.economy.collective import PayoutRule
    from collective_econ.economy.community import CommunityParams
    from collective_econ.economy.livelihood import LivelihoodParams
    from collective_econ.scenario import ExperimentSettings

    cls = {
        "community": CommunityParams,
        "livelihood": LivelihoodParams,
        "payout": PayoutRule,
        "experiment": ExperimentSettings,
    }[name]
    seen = []

    @settings(max_examples=30, database=None)
    @given(parameters(cls))
    def draw(p):
        assert type(p) is cls
        assert p == cls(**{f.name: getattr(p, f.name) for f in cls.describe()})  # valid
        seen.append(p)

    draw()
    assert any(p != cls() for p in seen)


@examples(20)
@given(communities(max_residents=120, max_groups=3))
def test_communities_are_small_and_valid(c):
    assert 1 <= c.n_persons <= 120
    assert c.n_groups <= 3
    assert np.isfinite(c.baseline).all()
    assert np.array_equal(np.bincount(c.person_household, minlength=c.n_households), c.size)


@functools.cache
def default_community():
    sc = default_scenario()
    return synthesize(sc.community, np.random.default_rng(0), sc.livelihood)


@examples(20)
@given(policies())
def test_policies_of_the_default_case_are_valid_and_fit_its_community(policy):
    check_community(policy, default_community())  # raises if the hog farms do not fit
    assert set(policy.schemes) <= set(SCHEMES)
    for schedule in policy.schemes.values():
        for month in (0, *schedule.change_months):
            assert isinstance(schedule.at(month), type(schedule.base))


def test_importing_the_package_does_not_import_the_strategies():
    code = (
        "import sys, collective_econ, collective_econ.simulation, collective_econ.scenario;"
        "assert 'collective_econ.testing' not in sys.modules;"
        "assert 'hypothesis' not in sys.modules"
    )
    subprocess.run(
        [sys.executable, "-c", code], check=True, env={"PYTHONPATH": ":".join(sys.path)}
    )


def test_a_clear_import_error_without_hypothesis():
    code = "import sys; sys.modules['hypothesis'] = None; import collective_econ.testing"
    res = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": ":".join(sys.path)},
        check=False,
    )
    assert res.returncode != 0
    assert "collective_econ.testing needs hypothesis, a test dependency" in res.stderr
