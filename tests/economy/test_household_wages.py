"""The households' wages and plans kept between runs: shortcuts that must change no bit.

The households' economy pays every household the wages it would earn with nobody
occupied by a scheme (`base`, kept from the first run on a history) and works
out again only the households a scheme has touched (``World.touched_households``);
a run on the same history replays the work chain and the pensions kept by the
first. Each shortcut is checked against the run without it, bit for bit.
"""

import numpy as np
import pytest

from collective_econ.cases.caopijie import default_scenario
from collective_econ.economy import census, households
from collective_econ.economy.community import CommunityParams, synthesize
from collective_econ.economy.ledger import Source
from collective_econ.economy.livelihood import pension
from collective_econ.economy.population import draw_history
from collective_econ.economy.world import World
from collective_econ.prices import indexation_factor
from collective_econ.scenario import Scenario
from collective_econ.simulation import simulate

SMALL = CommunityParams(residents=3000, agricultural_residents=1200)
ARRAYS = ("household_flows", "institution_flows", "institution_balance", "claims")


@pytest.fixture(scope="module")
def setup():
    sc = default_scenario()
    sc = Scenario("small", sc.policies, community=SMALL, horizon_years=4)
    return sc, synthesize(SMALL, np.random.default_rng(5), sc.livelihood)


def _same(a, b):
    for name in ARRAYS:
        assert np.array_equal(getattr(a, name), getattr(b, name)), name


def _fresh(monkeypatch):
    """Forget every plan kept by earlier runs."""
    monkeypatch.setattr(census, "_MEMO", [])


def test_only_touched_households_need_their_wages_worked_out_again(setup, monkeypatch):
    # the full package occupies persons (jobs, businesses, hog farms) and gives day work
    # (collective projects): its run must equal one where every household's wages are
    # worked out from its persons each month (touched or not), and so must the casual pay
    # it publishes for the projects' hiring (worked out when read)
    sc, c = setup
    touched, pay = [], {"run": [], "slow": []}
    real_touched, real_publish = World.touched_households, World.publish_casual_pay

    def publish(world, make):
        real_publish(world, make)
        pay[key].append(world.casual_pay)

    def everyone(world):
        touched.append(real_touched(world).size)
        return np.arange(world.community.n_households)  # a new array: worked out each month

    monkeypatch.setattr(World, "publish_casual_pay", publish)
    key = "run"
    run = simulate(sc, "full package", seed=4, community=c)
    _fresh(monkeypatch)
    monkeypatch.setattr(World, "touched_households", everyone)
    key = "slow"
    slow = simulate(sc, "full package", seed=4, community=c)
    _same(run, slow)
    assert len(pay["run"]) == len(pay["slow"]) == 48
    for (persons, paid), (persons_slow, paid_slow) in zip(pay["run"], pay["slow"], strict=True):
        assert np.array_equal(persons, persons_slow)
        assert np.array_equal(paid, paid_slow)
        assert persons is pay["run"][0][0]  # the same list each month (collective.py)
    # not vacuous: schemes touched some households and not others, and wages were paid
    assert 0 < touched[-1] < c.n_households
    assert np.any(run.income[:, Source.WAGE] != 0)
    assert np.any(pay["run"][-1][1] > 0)


def test_a_household_missed_as_touched_would_be_seen(setup, monkeypatch):
    # the planted bug: the world forgets the households of persons occupied by schemes;
    # the wages of the persons occupied are then paid as casual wages too, and differ
    sc, c = setup
    run = simulate(sc, "full package", seed=4, community=c)
    monkeypatch.setattr(World, "_touch", lambda world, persons: None)
    wrong = simulate(sc, "full package", seed=4, community=c)
    assert not np.array_equal(run.household_flows, wrong.household_flows)


@pytest.mark.parametrize("policy", ["cash only", "full package"])
def test_a_run_replaying_the_kept_plans_equals_one_working_them_out(setup, monkeypatch, policy):
    sc, c = setup
    _fresh(monkeypatch)
    first = simulate(sc, policy, seed=9, community=c)  # works the chain and pensions out
    kept = [v for _, k, v in census._MEMO if k[0] == "chain"]
    assert len(kept) == 1
    assert len(kept[0][0]) == 48
    again = simulate(sc, policy, seed=9, community=c)  # replays them
    _same(first, again)
    other = simulate(sc, policy, seed=10, community=c)  # another stream: not replayed
    assert not np.array_equal(first.income[:, Source.WAGE], other.income[:, Source.WAGE])


@pytest.mark.parametrize("step", [1, 5])
def test_census_views_work_out_only_what_moved_and_equal_the_history(setup, step):
    # the census works out the remittances again only for households whose members moved
    # (and the pensions of the households' process only for those with a death or a 60th
    # birthday): every month's view equals the history's own, bit for bit
    sc, c = setup
    history = draw_history(c, sc.demography, 120, np.random.default_rng(3))
    views = census.Census(history, 120)
    months = range(0, 120, step)
    assert all(np.array_equal(views.remittances(m), history.remittances(m)) for m in months)
    assert all(
        np.array_equal(views.household_sizes(m), history.household_sizes(m)) for m in months
    )
    assert len({history.remittances(m).tobytes() for m in months}) > 5  # not vacuous


def test_pensions_worked_out_only_for_households_with_a_death_or_a_60th_birthday(
    setup, monkeypatch
):
    # each month's pensions are last month's but for the households of those who died or
    # turned 60 (everyone's each January): the yearly pension flows equal the sums of
    # every month's pensions worked out for everyone, bit for bit
    sc, c = setup
    _fresh(monkeypatch)
    run = simulate(sc, "cash only", seed=4, community=c)
    pop, lp, months = run.population, sc.livelihood, 48
    elders = np.flatnonzero((months - 1 - pop.born) // 12 >= 60)
    agri = c.agricultural[pop.household[elders]]
    amount = pension(lp, np.full(elders.size, 60), agri)
    expected = np.zeros((4, c.n_households))
    for m in range(months):
        year = sc.start_year + m // 12
        level = float(indexation_factor(lp.pension_indexation, sc.prices, year, sc.start_year))
        drawing = (pop.born[elders] + 720 <= m) & (m < pop.dies[elders])
        expected[m // 12] += np.bincount(
            pop.household[elders], np.where(drawing, amount * level, 0.0), c.n_households
        )
    assert np.array_equal(run.household_flows[:, Source.PENSION], expected)
    # not vacuous: some die or turn 60 in months other than January
    events = np.concatenate((pop.dies[elders], pop.born[elders] + 720))
    assert np.any((events > 0) & (events < months) & (events % 12 != 0))


@pytest.mark.parametrize("widen_at", [0.0, 1e9])
def test_wages_worked_out_for_more_households_than_touched_change_no_bit(
    setup, monkeypatch, widen_at
):
    # once half of the agricultural households are touched, the wages of all of them are
    # worked out from their persons (households._WIDEN_AT): at once (0) or never (1e9),
    # the run must equal the default one, bit for bit
    sc, c = setup
    run = simulate(sc, "full package", seed=4, community=c)
    redone = []  # the households whose wages the households' process works out
    real_members = households.members

    def members(order, starts, keys):
        redone.append(keys.copy())
        return real_members(order, starts, keys)

    monkeypatch.setattr(households, "_WIDEN_AT", widen_at)
    monkeypatch.setattr(households, "members", members)
    other = simulate(sc, "full package", seed=4, community=c)
    _same(run, other)
    # not vacuous: all the agricultural households were worked out from the first month a
    # scheme touched one (0), or only those touched, listed again several times (1e9)
    agricultural = np.flatnonzero(c.agricultural)
    widened = [k for k in redone if np.isin(agricultural, k).all()]
    if widen_at == 0.0:
        assert widened
    else:
        assert not widened
        assert len(redone) > 1


def test_each_year_s_wages_kept_for_the_next_run_are_that_year_s(setup, monkeypatch):
    # each January's wages (every worker's month-0 real wage times the year's real wage
    # factor) are kept with the pensions for the next run on the history: a run replaying
    # them publishes the same casual pay as the run that worked them out, and the pay of
    # someone in work in two years moves with the real wage factor
    sc, c = setup
    _fresh(monkeypatch)
    published = []
    real_publish = World.publish_casual_pay

    def publish(world, make):
        real_publish(world, make)
        published.append((world.now, world.real_wage_factor(), world.casual_pay[1]))

    monkeypatch.setattr(World, "publish_casual_pay", publish)
    simulate(sc, "cash only", seed=4, community=c)  # works the wages out
    first = published[:]
    published.clear()
    simulate(sc, "cash only", seed=4, community=c)  # replays them
    assert len(first) == len(published) == 48
    for (month, factor, pay), (month_again, factor_again, pay_again) in zip(
        first, published, strict=True
    ):
        assert (month, factor) == (month_again, factor_again)
        assert np.array_equal(pay, pay_again)
    for year in range(1, 4):
        (_, f0, pay0), (_, f1, pay1) = published[0], published[12 * year]
        both = (pay0 > 0) & (pay1 > 0)
        assert both.sum() > 100  # not vacuous: people in work, and real wages move
        assert f1 != f0
        assert np.allclose(pay1[both], pay0[both] * (f1 / f0), rtol=1e-12, atol=0)


def test_casual_pay_equals_pay_times_who_is_in_work_bit_for_bit():
    # _casual_pay casts the chain to floats before the product: the same numbers as the
    # float x bool product, signs of zero and NaNs included, from packed bits or bools
    rng = np.random.default_rng(3)
    n = 1_003  # (not a multiple of 8: the packed chain's last byte is partial)
    workers = np.arange(n) * 3
    pay = rng.normal(500.0, 400.0, n)  # some negative: x 0 gives -0.0
    pay[:4] = [np.inf, -np.inf, np.nan, -0.0]
    working = rng.random(n) < 0.6
    working[:4] = [False, True, False, False]
    them, paid = np.array([5, 17]), np.array([1.0, -0.0])
    with np.errstate(invalid="ignore"):  # (inf x 0 is NaN)
        expected = pay * working
        for chain in (np.packbits(working), working):
            listed, out = households._casual_pay(workers, pay, chain, them[:0])
            assert listed is workers
            assert out.tobytes() == expected.tobytes()
            _, out = households._casual_pay(workers, pay, chain, them, paid)
            expected_them = expected.copy()
            expected_them[them] = paid
            assert out.tobytes() == expected_them.tobytes()
    assert np.signbit(expected[np.flatnonzero(~working & (pay < 0))]).all()  # (-0.0 kept)
