"""The shortcuts of day work and of the collectives' books give the rule's answer, bit for bit.

:class:`~collective_econ.economy._day_work.DayWork` looks at the first candidates in order
only (and, before any day work in a month, takes each one's room as the month's days);
these tests compare it with the rule over all candidates in the same state, and make
sure the shortcut is taken where it should be (a silent fallback would only be slower).
"""

import numpy as np
import pytest
import simpy

from collective_econ.cases.caopijie import default_scenario
from collective_econ.economy import collective, households
from collective_econ.economy._day_work import DayWork, per_household
from collective_econ.economy.community import CommunityParams, from_table, synthesize
from collective_econ.economy.ledger import Ledger
from collective_econ.economy.world import World, institutions
from collective_econ.scenario import Scenario
from collective_econ.seeding import keyed_uniforms
from collective_econ.simulation import simulate

WAGE, DAYS = 35.0, 26.0
SMALL = CommunityParams(residents=3000, agricultural_residents=1200)


def _world(seed, households=60):
    """Landless households of three persons, some in casual work; a few occupied."""
    rng = np.random.default_rng(seed)
    c = from_table(
        {"group": [0] * households, "size": [3] * households, "land_mu": [1.0] * households,
         "expropriation_month": rng.integers(0, 6, households).tolist()},
        rng,
        persons={"household": np.repeat(np.arange(households), 3),
                 "age": rng.integers(12, 65, 3 * households)},
    )  # fmt: skip
    ledger = Ledger(c.n_households, institutions(c.n_groups), 24)
    world = World(simpy.Environment(), c, ledger, 24)
    persons = np.arange(3 * households)
    pay = np.where(rng.random(persons.size) < 0.5, 0.0, rng.uniform(100.0, 800.0, persons.size))
    world.casual_pay = (persons, pay)
    world.occupy(persons[1::11])
    world.env.run(until=2)  # some households landless, some not yet
    return world


def _both(world, seed, need, span):
    """The days hired by DayWork.hire (from the first ``span``) and by the rule over all."""
    quick, full = (DayWork(world, np.random.default_rng(seed)) for _ in range(2))
    quick._span = span
    hired, days = quick.hire(need, WAGE, DAYS)
    full._rank()
    full._read_pay()
    rule = full._by_the_rule(need, need * (1.0 - 1e-12), WAGE, DAYS)
    return (hired, days), rule


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("need", [3.0, 40.0, 300.0, 5000.0])  # part of one, a few, many, all
@pytest.mark.parametrize("span", [1, 8, 64, 1000])
@pytest.mark.parametrize("earlier", [False, True])  # day work taken this month already
def test_the_first_candidates_give_the_rule_s_hiring(seed, need, span, earlier):
    world = _world(seed)
    if earlier:
        some = np.arange(0, world.n_persons, 4)
        world.take_days(some, np.full(some.size, 0.5))
    (hired, days), (rule_hired, rule_days) = _both(world, seed, need, span)
    np.testing.assert_array_equal(hired, rule_hired)
    assert days.tobytes() == rule_days.tobytes()  # bit for bit


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("need", [40.0, 300.0])
def test_a_new_month_ignores_last_month_s_day_work(seed, need):
    # the shortcut takes each one's room as the month's days in a month without day work
    # yet, without reading (or clearing) the record of an earlier month's: it must still
    # hire as the rule does once that record is cleared, and leave the record for
    # World.take_days to clear
    world = _world(seed)
    some = np.arange(0, world.n_persons, 2)
    world.take_days(some, np.full(some.size, 0.75))  # month 2: most of their days taken
    world.env.run(until=3)
    assert world.day_work_month == 2
    assert world.day_work[some].max() == 0.75
    (hired, days), (rule_hired, rule_days) = _both(world, seed, need, 1000)
    np.testing.assert_array_equal(hired, rule_hired)
    assert days.tobytes() == rule_days.tobytes()
    assert np.all(days[:-1] == DAYS)  # each one hired but the last: the month's days
    assert world.day_work_month == 3  # the rule read the record: cleared it
    assert not world.day_work.any()


def test_the_shortcut_is_taken_when_those_out_of_work_suffice(monkeypatch):
    world = _world(4)

    def not_called(*args):
        raise AssertionError("the rule over all candidates was used")

    work = DayWork(world, np.random.default_rng(4))
    monkeypatch.setattr(work, "_by_the_rule", not_called)
    _, days = work.hire(60.0, WAGE, DAYS)
    assert days.sum() == pytest.approx(60.0)
    assert work._span < work.ranked.size  # it looked at the first few only
    # someone forgoing less than nothing must come first: the shortcut steps aside
    listed, pay = world.casual_pay
    world.casual_pay = (listed, np.where(listed == listed[-1], -5.0, pay))
    with pytest.raises(AssertionError, match="rule over all"):
        work.hire(60.0, WAGE, DAYS)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_first_candidates_that_fall_short_are_widened_before_the_rule(seed, monkeypatch):
    # when the first candidates looked at fall short, hire() looks at four times as
    # many, and so on, instead of the rule over all of them: the same persons and days,
    # bit for bit, as long as those who forgo nothing suffice
    world = _world(seed)
    full = DayWork(world, np.random.default_rng(seed))
    full._rank()
    full._read_pay()
    cand = full.ranked
    free = (full.ranked_from <= world.now) & world.working_age()[cand]
    free &= (world.occupied[cand] == 0) & (full._ranked_pay == 0.0)  # able, forgo nothing
    need = 0.5 * DAYS * np.count_nonzero(free)  # half of what they can give
    rule = full._by_the_rule(need, need * (1.0 - 1e-12), WAGE, DAYS)
    work = DayWork(world, np.random.default_rng(seed))
    work._span = 1
    monkeypatch.setattr(work, "_by_the_rule", lambda *a: pytest.fail("the rule was used"))
    hired, days = work.hire(need, WAGE, DAYS)
    np.testing.assert_array_equal(hired, rule[0])
    assert days.tobytes() == rule[1].tobytes()
    assert hired.size > 4  # more than the first one (and its widening once) could give


def test_a_new_month_s_pay_is_read_anew():
    world = _world(5)
    work = DayWork(world, np.random.default_rng(5))
    hired, _ = work.hire(100.0, WAGE, DAYS)
    listed, pay = world.casual_pay
    first = work.ranked[hired]
    world.casual_pay = (listed, np.where(np.isin(listed, first), 500.0, pay))  # now in work
    again, _ = work.hire(100.0, WAGE, DAYS)
    assert not np.isin(work.ranked[again], first).any()


@pytest.mark.parametrize("seed", range(5))
def test_pay_by_household_is_per_household_bit_for_bit(seed):
    world = _world(seed)
    work = DayWork(world, np.random.default_rng(seed))
    work._rank()
    rng = np.random.default_rng(seed)
    hired = rng.choice(work.ranked.size, size=40, replace=False)
    amounts = rng.uniform(0.1, 900.0, hired.size) * 1.000001
    homes, pay = work.pay_by_household(hired, amounts)
    want_homes, want_pay = per_household(work.ranked_home[hired], amounts)
    np.testing.assert_array_equal(homes, want_homes)
    assert pay.tobytes() == want_pay.tobytes()


def test_the_december_plan_is_each_december_s_member_sizes():
    world = _world(6)
    pop, c = world.population, world.community
    plan = collective._december_sizes(world)
    assert sorted(plan) == [11, 23]
    for month, size in plan.items():
        alive = (pop.arrives <= month) & (month < pop.dies) & c.member[pop.household]
        np.testing.assert_array_equal(size, np.bincount(pop.household[alive], minlength=size.size))
    assert collective._december_sizes(world) is plan  # kept for the next run on this history


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("month", [2, 6])  # some not landless yet; every one landless
def test_the_landless_test_is_skipped_only_once_every_candidate_is_landless(seed, month):
    # from the month the last candidate becomes landless, the shortcut skips the test
    # of who is landless by now; before it, those not yet landless must not be hired
    world = _world(seed)
    if month > world.now:
        world.env.run(until=month)
    (hired, days), (rule_hired, rule_days) = _both(world, seed, 300.0, 1000)
    np.testing.assert_array_equal(hired, rule_hired)
    assert days.tobytes() == rule_days.tobytes()
    work = DayWork(world, np.random.default_rng(seed))
    work._rank()
    assert (work._all_landless <= world.now) == (month == 6)
    hired, _ = work.hire(300.0, WAGE, DAYS)
    assert np.all(work.ranked_from[hired] <= world.now)
    if month == 2:  # the test matters: someone not landless yet was among the first
        assert np.any(work.ranked_from[: int(hired.max()) + 1] > world.now)


# -- the candidates' casual pay, read without everyone's (World.casual_pay_of) ---------------


def _published(packed):
    """A _CasualPay as the households' economy publishes it, with its arrays."""
    rng = np.random.default_rng(7)
    slots, workers = 50, np.arange(3, 43)  # slots 0-2 and 43-49 are never workers
    place = np.full(slots, -1, dtype=np.intp)
    place[workers] = np.arange(workers.size)
    pay = rng.uniform(100.0, 900.0, workers.size)
    in_work = rng.random(workers.size) < 0.6
    chain = np.packbits(in_work) if packed else in_work
    them = np.array([5, 1, 2, 30, 31, 17])  # places in `workers`, not ascending
    paid = np.where(rng.random(them.size) < 0.5, 0.0, pay[them])
    return households._CasualPay(place, {}, workers, pay, chain, them, paid), slots


@pytest.mark.parametrize("packed", [False, True])
def test_the_pay_of_a_few_is_the_whole_pay_s_bits(packed):
    published, slots = _published(packed)
    listed, whole = published()
    everyone = np.arange(slots)
    want = np.zeros(slots)
    want[listed] = whole
    for persons in (everyone, everyone[::-1].copy(), listed[[8, 7, 33, 35, 4, 20]].copy()):
        for first in (None, 3, None, 0):  # later from where they stand, as kept
            got, ok = published.of(persons, first)
            assert got.tobytes() == want[persons[:first]].tobytes()
            assert ok
    # `them` worked out anew (a new array): where each stands is found anew
    them = published.them[:3].copy()
    p = published
    again = households._CasualPay(p.place, p.kept, p.workers, p.pay, p.chain, them, p.paid[:3])
    want[listed] = again()[1]
    got, _ = again.of(everyone)
    assert got.tobytes() == want.tobytes()


@pytest.mark.parametrize("bad", ["negative", "nan", "inf", "paid"])
def test_a_pay_below_nothing_is_told(bad):
    published, slots = _published(True)
    pay, paid = published.pay.copy(), published.paid.copy()
    if bad == "paid":
        paid[0] = np.nan
    else:
        pay[11] = {"negative": -1.0, "nan": np.nan, "inf": np.inf}[bad]
    worse = households._CasualPay(published.place, {}, published.workers, pay,
                                  published.chain, published.them, paid)  # fmt: skip
    assert not worse.of(np.arange(slots))[1]


def test_the_world_reads_a_few_from_a_published_list_too():
    world = _world(3)  # casual_pay set as a list (no reader of a few)
    listed, pay = world.casual_pay
    persons = np.array([4, 0, 500, 7])  # 500: not listed
    got, ok = world.casual_pay_of(persons)
    assert got.tolist() == [pay[4], pay[0], 0.0, pay[7]]
    assert ok
    assert world.casual_pay_of(persons, 3)[0].tolist() == [pay[4], pay[0], 0.0]
    world.casual_pay = (listed, np.where(listed == 100, -1.0, pay))
    assert not world.casual_pay_of(persons)[1]


def test_a_run_s_day_work_reads_the_candidates_pay_only(monkeypatch):
    # the collective projects hire from their first candidates, reading their casual pay
    # only: everyone's is worked out only for the rule over all candidates, when the
    # first fall short (a silent fallback would only be slower), and what they read is
    # the whole pay's bits
    sc = default_scenario()
    sc = Scenario("small", sc.policies, community=SMALL, horizon_years=3)
    c = synthesize(SMALL, np.random.default_rng(5), sc.livelihood)
    calls = {"whole": 0, "of": 0, "rule": 0}
    whole, of, rule = (
        households._CasualPay.__call__,
        households._CasualPay.of,
        DayWork._by_the_rule,
    )

    def counted_rule(self, *args):
        calls["rule"] += 1
        return rule(self, *args)

    def counted_whole(self):
        calls["whole"] += 1
        return whole(self)

    def checked_of(self, persons, first=None):
        calls["of"] += 1
        got = of(self, persons, first)
        listed, pay = whole(self)
        want = np.zeros(self.place.size)
        want[listed] = pay
        assert got[0].tobytes() == want[persons[:first]].tobytes()
        assert got[1]
        return got

    monkeypatch.setattr(households._CasualPay, "__call__", counted_whole)
    monkeypatch.setattr(households._CasualPay, "of", checked_of)
    monkeypatch.setattr(DayWork, "_by_the_rule", counted_rule)
    simulate(sc, "full package", seed=4, community=c)
    assert calls["whole"] <= calls["rule"] < calls["of"]  # some hired from the first only


def test_the_order_among_equals_is_kept_with_the_generator_s_state_after_the_draw():
    # the candidates and their order among equals follow from the history and the
    # generator's state: a second DayWork on the same history, from a generator in the
    # same state, reads the order kept by the first, and must leave its generator where
    # the draw would have (the next draws the same); another state draws its own order
    world = _world(7)
    first, second, other = (np.random.default_rng(s) for s in (11, 11, 12))
    works = [DayWork(world, g) for g in (first, second, other)]
    for w in works:
        w._rank()
    assert works[1].candidates is works[0].candidates  # kept for the history
    assert works[1].ranked is works[0].ranked  # the same state: the order kept
    assert first.random() == second.random()  # both generators left after the draw
    fresh = np.random.default_rng(11)  # one draw, the salt of each person's own number
    keys = world.population.key[works[0].candidates]
    order = works[0].candidates[np.argsort(keyed_uniforms(keys, int(fresh.integers(0, 2**63))),
                                           kind="stable")]  # fmt: skip
    np.testing.assert_array_equal(works[0].ranked, order)
    assert not np.array_equal(works[2].ranked, order)  # another state: another order
    assert not works[0].ranked.flags.writeable  # shared by runs: read-only
