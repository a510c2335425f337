"""The Double Hundred's SimPy process (schemes/hogs.py): farms, batches, agreement."""

import numpy as np
import pytest

from collective_econ.cases.caopijie import default_scenario
from collective_econ.economy.community import CommunityParams, from_table, synthesize
from collective_econ.economy.ledger import Source
from collective_econ.economy.population import DemographyParams
from collective_econ.economy.schedule import Period, Schedule
from collective_econ.errors import ParameterError
from collective_econ.policy import Policy
from collective_econ.scenario import Scenario
from collective_econ.schemes import _hog_farms as hogs
from collective_econ.schemes import hogs as hogs_process
from collective_econ.schemes.hogs import (
    HogParams,
    _participants,
    appraise,
)
from collective_econ.seeding import as_seed_sequence, stream
from collective_econ.simulation import simulate

SMALL = CommunityParams(residents=3000, agricultural_residents=1200)
ONE_WAVE = CommunityParams(
    residents=600,
    agricultural_residents=600,
    expropriation_months=(0,),
    expropriation_shares=(1.0,),
)
# farms that never lack money and never quit: the simulation follows the appraisal
LIQUID = {"credit_line": 1e9, "exit_after_losses": 10_000, "asf_prob": 0.0, "hog_price": 15.0}
# no price cycle, no noise, no outbreaks: every path is the expected one
# (a brewery whose spent grain would otherwise fetch 100 yuan/t: a margin to check)
STEADY = HogParams(peak_trough_ratio=1.0, price_noise_sd=0.0, outbreak_prob=0.0,
                   bsg_alt_value=100.0, **LIQUID)  # fmt: skip
YEARS = 6
FROZEN = DemographyParams(births=False, deaths=False, migration=False)
DEFAULT = HogParams()
SCHEME_SOURCES = (Source.HOGS, Source.SUBSIDY, Source.INVESTMENT, Source.LOAN)


def _run(params=DEFAULT, periods=(), community=SMALL, seed=1, years=YEARS, c=None):
    pol = Policy("hogs", {"hogs": Schedule(params, periods)})
    # the month-0 persons only age: the farms' workers stay, as the appraisal has it
    sc = Scenario("hogs test", (pol,), community=community, horizon_years=years, demography=FROZEN)
    return simulate(sc, pol, seed=seed, community=c)


def _farms(run):
    """The households that sold or bought hogs."""
    return np.flatnonzero(np.any(run.household_flows[:, Source.HOGS] != 0, axis=0))


def _chosen(run, params=DEFAULT, seed=1):
    """The households the process chose as farms (its draws, replayed on the scheme's stream)."""
    rng = stream(as_seed_sequence(seed), "scheme", "hogs")
    who = rng.spawn(4)[3]  # prices, outbreaks, the ASF, then the participants: own streams
    return np.sort(_participants(run.community, params.households, who)[1])


def _yearly(run, source, households=slice(None)):
    return run.household_flows[:, source, households].sum(axis=1)


@pytest.fixture(scope="module")
def run():
    return _run()


@pytest.fixture(scope="module")
def one_wave():
    return synthesize(ONE_WAVE, np.random.default_rng(3))


def test_money_is_conserved(run):
    scale = np.abs(run.household_flows).sum() + np.abs(run.institution_flows).sum()
    assert abs(run.ledger_total) <= 1e-9 * scale


def test_the_farms_are_100_landless_agricultural_households_of_working_age(run):
    c = run.community
    farms = _chosen(run)
    assert farms.size == HogParams().households
    assert set(_farms(run).tolist()) <= set(farms.tolist())  # some never fund a batch
    assert np.all(c.landless_target[farms] & c.agricultural[farms])
    assert np.all(np.bincount(c.person_household[c.working_age], minlength=c.n_households)[farms])
    others = np.setdiff1d(np.arange(c.n_households), farms)
    # (rent is not the scheme's: agricultural households let old houses until demolished)
    for source in (Source.HOGS, Source.SUBSIDY, Source.DIVIDEND):
        assert not np.any(run.household_flows[:, source, others])
    # the brewery: the farms' payments for spent grain less the other sale it forgoes, at
    # the same price by default: at most nothing (less where a farm could not pay)
    brewery = run.institution("brewery")
    assert np.all(brewery[:, Source.HOGS] <= 1e-6)
    assert brewery.sum() == pytest.approx(brewery[:, Source.HOGS].sum())  # only spent grain


def test_farms_start_when_their_household_loses_its_land(run):
    c = run.community
    farms = _farms(run)
    start_year = c.expropriation_month[farms] // 12
    assert set(start_year.tolist()) == {0, 1, 2}  # SMALL's three waves
    invest = run.household_flows[:, Source.INVESTMENT, farms]
    years = np.arange(invest.shape[0])[:, None]
    assert not np.any(invest[years < start_year])
    assert np.all(invest[years == start_year] < 0)  # pens (less the grant)
    assert not np.any(run.household_flows[:, Source.HOGS, farms][years < start_year])


def test_adding_hogs_changes_only_the_farms_and_their_workers_wages():
    sc = Scenario("t", default_scenario().policies, community=SMALL, horizon_years=4)
    without, with_hogs = (simulate(sc, name, seed=9) for name in ("80% shares", "shares + hogs"))
    farms = _chosen(with_hogs, seed=9)
    others = np.setdiff1d(np.arange(with_hogs.community.n_households), farms)
    # the collectives share their payout by free working-age members (collective.py), so a
    # farm that never starts or quits moves the others' share, and their interest with it;
    # the dibao, in every policy, tops up what those two move
    same = [
        s
        for s in range(without.income.shape[1])
        if s not in (Source.COLLECTIVE_PAYOUT, Source.INTEREST, Source.DIBAO)
    ]
    assert np.array_equal(
        without.income[:, same][:, :, others], with_hogs.income[:, same][:, :, others]
    )
    wage_without = without.income[:, Source.WAGE, farms].sum(axis=0)
    wage_with = with_hogs.income[:, Source.WAGE, farms].sum(axis=0)
    assert np.all(wage_with <= wage_without)  # one member of each farm works on it
    assert wage_with.sum() < wage_without.sum()


def _scheme_government(run):
    """The government's flows less the pensions it pays every resident over 60."""
    flows = run.institution("government").copy()
    flows[:, Source.PENSION] = 0.0
    return flows


@pytest.mark.parametrize("seed", [5, 8])  # farms that quit stay within 5%
def test_flows_are_the_random_appraisals_path(one_wave, seed):
    # One wave at month 0: every farm starts at month 0, as in the appraisal, and the process
    # draws what appraise(rng=...) draws on the scheme's stream, so the yearly flows are equal.
    p = HogParams(**LIQUID)
    run = _run(p, community=ONE_WAVE, seed=seed, c=one_wave)
    a = appraise(p, horizon_years=YEARS - 1, rng=stream(as_seed_sequence(seed), "scheme", "hogs"))
    _check_against(run, a)


def test_flows_are_the_expected_appraisal_without_cycle_noise_or_outbreaks(one_wave):
    run = _run(STEADY, community=ONE_WAVE, c=one_wave)
    _check_against(run, appraise(STEADY, horizon_years=YEARS - 1))
    # in the last year the farms buy piglets for batches that would sell after the run, as
    # a longer appraisal does
    longer = appraise(STEADY, horizon_years=YEARS).items["margin"][:YEARS]
    assert _yearly(run, Source.HOGS) == pytest.approx(longer, rel=1e-9)


def _check_against(run, a):
    # a few farm households default on their own credit line and quit: within 5%
    it, farms = a.items, _farms(run)
    hogs = _yearly(run, Source.HOGS, farms)
    assert hogs[:-1] == pytest.approx(it["margin"][:-1], rel=0.05)
    assert hogs[-1] < it["margin"][-1]  # the appraisal buys no piglets it cannot sell
    piglets_after = it["margin"][-1] - hogs[-1]
    assert run.institution("brewery").sum(axis=1) == pytest.approx(a.of("firm"), rel=0.05)
    assert _yearly(run, Source.SUBSIDY, farms) == pytest.approx(
        it["compensation"] + it["subsidy"], rel=0.05, abs=1e-6
    )
    assert _yearly(run, Source.INVESTMENT, farms) == pytest.approx(
        it["grant"] - it["pen_investment"]
    )
    assert piglets_after > 0
    # the start-up loans: lent at t = 0, paid back in years 1-3 in monthly level payments
    # (interest only in year 0) at the rate net of the government's subsidy
    bank = run.institution("bank")
    p = HogParams()
    assert bank[0, Source.LOAN] <= -p.households * p.loan_per_farm
    assert _scheme_government(run)[1:, Source.OPERATIONS].sum() < 0  # the interest subsidy


def test_net_hog_income_agrees_with_the_expected_appraisal_on_average(one_wave):
    # The farms' net HOGS income over years 1-5 on 40 seeds (price phase, noise, outbreaks)
    # against the deterministic appraisal: within 4 standard errors of the seeds' mean (the
    # spread estimated from the same runs; fixed seeds, so no flakiness).
    LIQ = HogParams(**LIQUID)
    got = np.array(
        [
            _yearly(_run(LIQ, community=ONE_WAVE, seed=s, c=one_wave), Source.HOGS)[1:].sum()
            for s in range(40)
        ]
    )
    # (an appraisal a year longer: in the run's last year farms buy piglets they sell after it)
    expected = appraise(LIQ, horizon_years=YEARS).items["margin"][1:YEARS].sum()
    se = got.std(ddof=1) / np.sqrt(got.size)
    assert abs(got.mean() - expected) < 4 * se


def test_same_seed_same_run():
    a, b = _run(seed=4, years=3), _run(seed=4, years=3)
    assert np.array_equal(a.income, b.income)
    assert np.array_equal(a.institution_flows, b.institution_flows)
    assert not np.array_equal(a.income, _run(seed=3, years=3).income)


def test_a_head_subsidy_stops_after_three_years():
    p = STEADY.evolve(per_head_subsidy=50.0)
    run = _run(p, (Period(36, None, {"per_head_subsidy": 0.0}),), community=ONE_WAVE)
    subsidy = _yearly(run, Source.SUBSIDY)
    assert np.all(subsidy[:3] > 0)
    assert not np.any(subsidy[3:])
    sold_year_1 = appraise(p, horizon_years=YEARS - 1).items["hogs_sold"][1]
    assert subsidy[1] == pytest.approx(50.0 * sold_year_1)


def test_no_grant_loan_subsidy_or_outbreak_costs_the_government_nothing():
    p = STEADY.evolve(farm_grant=0.0, loan_per_farm=0.0)
    run = _run(p, years=4)
    assert not np.any(_scheme_government(run))
    assert np.all(_yearly(run, Source.INVESTMENT)[:1] < 0)  # households pay for their pens


def test_the_process_wakes_about_once_a_month(run):
    empty = Policy("none", {})
    sc = Scenario("t", (empty,), community=SMALL, horizon_years=YEARS)
    added = run.events - simulate(sc, empty, seed=1).events
    assert added <= 12 * YEARS + 2


def test_too_few_households_of_working_age_are_refused():
    # three landless households, one of them pensioners only: two farms at most
    c = from_table(
        {
            "group": [0, 0, 0],
            "size": [2, 2, 1],
            "land_mu": [1.0, 1.0, 1.0],
            "expropriation_month": [0, 0, 0],
        },
        np.random.default_rng(0),
        persons={"household": [0, 0, 1, 1, 2], "age": [40, 10, 30, 70, 75]},
    )
    with pytest.raises(ParameterError, match="working age"):
        _run(HogParams(households=3), community=SMALL, years=1, c=c)
    assert _farms(_run(HogParams(households=2), years=2, c=c)).size == 2


def test_a_dated_hog_price_change_moves_sales_and_piglets_alike():
    # Regression (found by examples/hog_price_crash.py): a Period lowering hog_price must
    # scale the drawn price path, for sales as for piglets; over the whole run it must
    # equal the same change made to the base parameters.
    sc = Scenario("t", default_scenario().policies, community=SMALL, horizon_years=3)
    base = sc.policy("shares + hogs")
    lower = base.reform("lower", {"hogs.hog_price": 8.4})
    hogs = base.schemes["hogs"]
    dated = Policy(
        "dated",
        {**base.schemes, "hogs": Schedule(hogs.base, (Period(0, None, {"hog_price": 8.4}),))},
    )
    a, b = (simulate(sc, p, seed=3) for p in (lower, dated))
    # equal up to rounding: 12 x (8.4 / 12) x path is not 8.4 x path to the last bit
    np.testing.assert_allclose(
        a.income[:, Source.HOGS], b.income[:, Source.HOGS], rtol=1e-9, atol=1e-6
    )


# ---- liquidity, exits, closure (review H2, H3) ----------------------------------------------


class _Lowest:
    """Records the lowest household balance at every month end (wraps Ledger.close_month)."""

    def __init__(self, monkeypatch):
        from collective_econ.economy.ledger import Ledger

        self.low = np.inf
        close = Ledger.close_month

        def close_month(ledger):
            self.low = min(self.low, float(ledger.balance[: ledger.households].min(initial=0.0)))
            close(ledger)

        monkeypatch.setattr(Ledger, "close_month", close_month)


def test_no_household_overdraws_in_a_hog_run(monkeypatch):
    lowest = _Lowest(monkeypatch)
    run = _run(seed=2)
    assert lowest.low >= -1e-6
    assert _farms(run).size > 0


def test_farms_pause_when_they_cannot_fund_a_batch(one_wave):
    # no credit line, no start-up loan and a grant short of the pens: the farms can buy
    # piglets only from their own cash, so they place fewer batches than a liquid farm
    tight = STEADY.evolve(credit_line=0.0, loan_per_farm=0.0, piglet_price=2_000.0)
    liquid = STEADY.evolve(piglet_price=2_000.0)
    run_tight = _run(tight, community=ONE_WAVE, c=one_wave)
    run_liquid = _run(liquid, community=ONE_WAVE, c=one_wave)
    bought = [
        -np.minimum(r.household_flows[:, Source.HOGS], 0).sum() for r in (run_tight, run_liquid)
    ]
    assert bought[0] < 0.8 * bought[1]


def test_closure_stops_all_farms_at_the_closure_month(one_wave):
    p = STEADY.evolve(closure_month=36)
    run = _run(p, community=ONE_WAVE, c=one_wave)
    hogs = _yearly(run, Source.HOGS)
    assert np.any(hogs[:3] != 0)
    assert not np.any(hogs[3:])  # nothing bought or sold from month 36
    open_run = _run(STEADY, community=ONE_WAVE, c=one_wave)
    assert np.all(_yearly(open_run, Source.HOGS)[3:] != 0)


def test_farms_quit_after_losing_batches(one_wave):
    # a price far below cost: every batch loses, each farm quits after exit_after_losses
    p = STEADY.evolve(hog_price=6.0, exit_after_losses=2)
    run = _run(p, community=ONE_WAVE, c=one_wave)
    hogs = _yearly(run, Source.HOGS)
    assert np.any(hogs[:2] != 0)
    assert not np.any(hogs[-2:])


def test_passing_over_months_after_every_farm_quits_changes_nothing(one_wave, monkeypatch):
    # once every farm has quit, the process passes over the event months with nothing to do
    # (hogs.still_to_do): the run must be the one that visits them all, sales of the last
    # batches and the start-up loans' interest subsidy included
    p = STEADY.evolve(hog_price=6.0, exit_after_losses=2, loan_years=5)
    fast = _run(p, community=ONE_WAVE, c=one_wave, years=10)
    asked = []

    def everything(events, month, *rest):
        todo = hogs.still_to_do(events, month, *rest)
        asked.append((month, int(todo.sum()), int((events > month).sum())))
        return events > month  # visit every later event month

    monkeypatch.setattr(hogs_process, "still_to_do", everything)
    slow = _run(p, community=ONE_WAVE, c=one_wave, years=10)
    assert len(asked) == 1
    month, kept, later = asked[0]
    assert 0 < kept < later  # some work left after the last farm quit, and months passed over
    assert month < 10 * 12 - 24
    for a, b in ((fast.household_flows, slow.household_flows),
                 (fast.institution_flows, slow.institution_flows)):  # fmt: skip
        assert np.array_equal(a, b)
    assert fast.events == slow.events


def test_still_to_do_keeps_pending_sales_and_the_anniversaries_of_live_loans():
    class Book:  # the start-up loans: #0 active, #1 repaid and its subsidy settled
        active = np.array([True, False])

    events = np.arange(0, 120, dtype=np.int64)
    start = np.array([5, 7, 9])
    pending = np.array([40, 60, 70], dtype=np.int64)  # sale months of placed batches
    startup, opening = np.array([0, 1, -1]), np.array([100.0, 0.0, 0.0])
    todo = hogs.still_to_do(events, 50, start, pending, startup, opening, Book())
    assert np.flatnonzero(todo).tolist() == [53, 60, 65, 70, 77, 89, 101, 113]
    Book.active = np.array([False, False])  # farm 0 repaid, but its last subsidy is due
    assert hogs.still_to_do(events, 50, start, pending, startup, opening, Book()).sum() == 8
    todo = hogs.still_to_do(events, 50, start, pending, startup, 0.0 * opening, Book())
    assert np.flatnonzero(todo).tolist() == [60, 70]


def test_workers_are_replaced_in_the_same_months_as_when_checked_every_event(monkeypatch):
    # the process asks World.working_age() only from the month a worker stops (dies,
    # leaves or turns 60: _Farms.hired): the same heirs, exits and flows as checking at
    # every event month, with workers who do leave
    p = HogParams(**LIQUID)
    pol = Policy("hogs", {"hogs": Schedule(p)})
    people = DemographyParams(migration_rate=0.3)
    sc = Scenario("hogs test", (pol,), community=SMALL, horizon_years=8, demography=people)
    fast = simulate(sc, pol, seed=2)
    handed = []
    original = hogs._Farms.replace_workers

    def counted(self):
        before = self.first.copy()
        original(self)
        handed.append(int(np.sum(before != self.first)))

    monkeypatch.setattr(hogs._Farms, "workers_due", lambda self, month: True)
    monkeypatch.setattr(hogs._Farms, "replace_workers", counted)
    slow = simulate(sc, pol, seed=2)
    assert sum(handed) >= 3  # farms changed hands
    assert np.array_equal(fast.household_flows, slow.household_flows)
    assert np.array_equal(fast.institution_flows, slow.institution_flows)


def test_farm_anniversaries_only_skip_months_with_nothing_to_start_build_or_subsidise(
    monkeypatch,
):
    # the process looks for farms that start, rebuild their pens or owe a year's interest
    # only in the months some farm turns a whole number of years old (hogs._anniversaries):
    # the run must be the one that looks at every event month, with several waves of
    # starts, pens rebuilt every 2 years and the start-up loans' interest subsidy
    p = HogParams(pen_life_years=2, **LIQUID)
    fast = _run(p, years=7)
    monkeypatch.setattr(hogs_process, "_anniversaries", lambda start, months: set(range(months)))
    slow = _run(p, years=7)
    assert np.array_equal(fast.household_flows, slow.household_flows)
    assert np.array_equal(fast.institution_flows, slow.institution_flows)
    pens = _yearly(slow, Source.INVESTMENT)
    assert np.count_nonzero(pens) >= 4  # pens built in several years (waves, rebuilds)
    subsidy = slow.institution("government")[:, Source.OPERATIONS]
    assert np.count_nonzero(subsidy) >= 3


def test_owed_many_is_owed_farm_by_farm_bit_for_bit():
    # _Farms.owed_many reads every farm's credit line at once and sums the loans still
    # owed in Python: it must give numpy's sum over all the farm's loans (owed), bit for
    # bit, whatever the number of loans and of those still owed
    rng = np.random.default_rng(5)

    class Loans:
        principal = rng.lognormal(10.0, 2.0, 400)
        active = rng.random(400) < 0.5

    class World:
        loans = Loans()

    farms = object.__new__(hogs._Farms)
    farms.world = World()
    sizes = [0, 1, 3, 7, 8, 9, 12, 20, 40, 100]
    farms.lines = [sorted(rng.choice(400, n, replace=False).tolist()) for n in sizes]
    farms.lines.append([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])  # 10 loans, 2 owed (below)
    Loans.active[:10] = [True, False, False, False, False, False, False, False, False, True]
    which = list(range(len(farms.lines)))
    for _trial in range(20):
        Loans.principal[10:] = rng.lognormal(10.0, 2.0, 390)
        Loans.active[10:] = rng.random(390) < rng.random()
        got = farms.owed_many(which)
        assert got == [farms.owed(f) for f in which]  # == on floats: bit for bit
    assert farms.owed_many([]) == []
    assert farms.owed_many([0]) == [0.0]
    # a plain sum of what is owed, in order, is not numpy's sum for long lines: the case
    # the method hands to owed()
    mine = [k for k in farms.lines[9] if Loans.active[k]]
    plain = 0.0
    for k in mine:
        plain += float(Loans.principal[k])
    assert len(mine) >= 3
    assert plain != farms.owed(9)


def test_funding_reads_the_lines_at_once_with_the_flows_of_reading_them_in_turn(monkeypatch):
    # _Farms.fund reads the credit lines of the farms short of cash before any draws
    # (owed_many): the run must be the one that reads each farm's line in turn, after
    # the draws of the farms before it (a generator: zip reads farm i's line at step i),
    # in a run where farms draw on their lines often
    fast = _run(years=8)
    reads = []

    def in_turn(self, which):
        reads.append(len(which))
        return (self.owed(f) for f in which)

    monkeypatch.setattr(hogs._Farms, "owed_many", in_turn)
    slow = _run(years=8)
    assert sum(reads) > 100
    assert max(reads) > 1
    assert np.array_equal(fast.household_flows, slow.household_flows)
    assert np.array_equal(fast.institution_flows, slow.institution_flows)


def test_a_farm_passes_to_its_households_first_free_member_of_working_age():
    # _Farms.replace_workers looks among each farm's own household members (kept by farm,
    # ascending): the heir is the first one present, of working age and not occupied; a
    # farm whose household has none exits and its worker is released
    class Pop:
        household = np.array([0, 0, 0, 1, 1, 2, 2, 2, 3, 3])
        away_from = away_until = dies = np.full(10, 10_000)
        born = np.zeros(10, dtype=np.int64)

    class Community:
        n_households = 4

    class World:
        population, community, now = Pop(), Community(), 5
        occupied = np.array([1, 0, 0, 0, 0, 1, 1, 0, 1, 0])  # 0, 5, 8 farm; 6 elsewhere
        able = np.array([False, True, True, True, True, False, True, True, False, False])

        def account(self, name):
            return 99

        def working_age(self):
            return self.able

        def occupy(self, persons):
            self.occupied[persons] += 1

        def release(self, persons):
            self.occupied[persons] -= 1

    world = World()
    hh, first = np.array([2, 0, 3]), np.array([5, 0, 8])
    farms = hogs._Farms(world, hh, first, np.ones(3, dtype=bool), [[], [], []])
    farms.replace_workers()
    assert farms.first.tolist() == [7, 1, 8]  # not 6 (occupied), not 2 (not the first)
    assert farms.running.tolist() == [True, True, False]  # household 3 has no one able
    assert world.occupied.tolist() == [0, 1, 0, 0, 0, 0, 1, 1, 0, 0]


def test_plans_kept_by_parameters_are_the_functions_and_cannot_be_changed():
    # batch_schedule, spent_grain_balance (hogs), the enterprise's hazards and the park's
    # operating flows are kept by parameters (by value) for the runs that share them: a
    # kept plan must be what the function gives, follow a changed parameter, and be
    # read-only (a run that changed it in place would change every later run)
    from collective_econ import prices
    from collective_econ.schemes import agro_park, enterprise
    from collective_econ.schemes._hog_market import batch_schedule

    p, q = HogParams(), HogParams(households=50)
    farm, place, sale = batch_schedule(p, 120)
    assert batch_schedule(HogParams(), 120)[2] is sale  # equal parameters: kept
    assert batch_schedule(q, 120)[2].size != sale.size
    assert batch_schedule.__wrapped__(p, 120)[2].tolist() == sale.tolist()
    assert hogs_process.spent_grain_balance(q) == hogs_process.spent_grain_balance.__wrapped__(q)
    e = enterprise.EnterpriseParams(hazard_scale=1.2)
    kept = enterprise._hazards(e, 48)
    fresh = enterprise.monthly_hazard(e, np.arange(len(e.sectors))[:, None], np.arange(48))
    assert np.array_equal(kept, fresh)
    assert not np.array_equal(enterprise._hazards(enterprise.EnterpriseParams(), 48), kept)
    a = agro_park.AgroParkParams()
    flows = agro_park._operating(a, prices.current())
    assert np.array_equal(flows, agro_park.appraise(a).items["operating"])
    with prices.using(prices.FLAT):  # the park's appraisal reads the price index: a key
        flat = agro_park._operating(a, prices.current())
        assert np.array_equal(flat, agro_park.appraise(a).items["operating"])
        # the others do not read it: what they keep holds under any index
        grain = hogs_process.spent_grain_balance
        assert grain.__wrapped__(q) == grain(q)
        assert np.array_equal(enterprise._hazards.__wrapped__(e, 48), kept)
        assert batch_schedule.__wrapped__(p, 120)[2].tolist() == sale.tolist()
    assert not np.array_equal(flat, flows)
    for array in (farm, place, sale, kept, flows):
        with pytest.raises(ValueError, match="read-only"):
            array[0] = 0
