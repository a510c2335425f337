"""What the first run on a new population history works out at once, checked bit for bit.

The first policy run on a history pays for the plans the later ones replay: the work
chain a year at a time (``households._WorkChain``), the census's working-age views of
every month at once and each month's remittances (``census.remittances_by_month``),
the births' exposure on 32-bit arrays, the persons by year on clipped months and the
event schedules. Each is checked against working it out the plain way, bit for bit,
with a planted bug that would be caught where the check could pass vacuously.
"""

from functools import partial

import numpy as np
import pytest

from collective_econ.cases.caopijie import default_scenario
from collective_econ.economy import _fertility, census, households
from collective_econ.economy._marriage import Batch
from collective_econ.economy.community import CommunityParams, synthesize
from collective_econ.economy.population import NEVER, DemographyParams, draw_history
from collective_econ.scenario import Scenario
from collective_econ.seeding import stream
from collective_econ.simulation import simulate

SMALL = CommunityParams(residents=3000, agricultural_residents=1200)
MONTHS = 72


@pytest.fixture(scope="module")
def setup():
    sc = default_scenario()
    sc = Scenario("small", sc.policies, community=SMALL, horizon_years=6)
    c = synthesize(SMALL, np.random.default_rng(5), sc.livelihood)
    history = draw_history(c, sc.demography, MONTHS, np.random.default_rng(3))
    return sc, c, history


def _chain(sc, c, seed, chunks):
    """The work chain and wages of a run of ``seed``'s stream, worked out in ``chunks``."""
    result = simulate(sc, "cash only", seed=seed, community=c)  # (the plan of its history)
    pop = result.population
    (plan,) = [v for objs, k, v in census._MEMO if k[0] == "households" and objs[0] is pop]
    lp = sc.livelihood
    shares = np.array([*lp.employment_by_age, lp.offfarm_work_before, lp.urban_employment, 0.0])
    share_at = partial(households._share_at, plan, c.expropriation_month[plan.workers[1]], shares)
    rng = stream(np.random.SeedSequence(seed), "core", "livelihood")
    work = households._WorkChain(plan, share_at, lp, rng, c.n_households)
    pay = np.linspace(1.0, 2.0, plan.workers[0].size)
    chain, wages = [], []
    for lo, hi in chunks:
        got = work.months(lo, hi, pay)
        chain += got[0]
        wages += got[1]
    return chain, wages, rng.bit_generator.state


def test_the_work_chain_a_year_at_a_time_equals_it_month_by_month(setup):
    # the chain keeps its state between calls: any split of the months gives the same
    # chain, wages and draws (the generator ends in the same state)
    sc, c, _ = setup
    by_year = _chain(sc, c, 4, [(y, min(y + 12, MONTHS)) for y in range(0, MONTHS, 12)])
    by_month = _chain(sc, c, 4, [(m, m + 1) for m in range(MONTHS)])
    at_once = _chain(sc, c, 4, [(0, MONTHS)])
    for other in (by_month, at_once):
        assert all(np.array_equal(a, b) for a, b in zip(by_year[0], other[0], strict=True))
        assert all(
            np.array_equal(a[0], b[0]) and a[1] == b[1]
            for a, b in zip(by_year[1], other[1], strict=True)
        )
        assert by_year[2] == other[2]
    assert len({a.tobytes() for a in by_year[0]}) > MONTHS // 2  # the chain moves


def test_the_first_run_on_a_history_equals_one_replaying_its_plans(setup, monkeypatch):
    # the whole package: the run that works the plans out a year at a time, the one that
    # replays them, and one with nothing kept before it give the same bits
    sc, c, _ = setup
    monkeypatch.setattr(census, "_MEMO", [])
    first = simulate(sc, "full package", seed=11, community=c)
    again = simulate(sc, "full package", seed=11, community=c)
    monkeypatch.setattr(census, "_MEMO", [])
    alone = simulate(sc, "full package", seed=11, community=c)
    for other in (again, alone):
        for name in ("household_flows", "institution_flows", "institution_balance"):
            assert np.array_equal(getattr(first, name), getattr(other, name)), name


@pytest.mark.parametrize("step", [1, 2, 5])
def test_working_age_views_equal_the_history_and_change_only_when_someone_does(setup, step):
    _, _, history = setup
    views = census.Census(history, MONTHS)
    last = views.working_age(0)
    new = 0
    for m in range(step, MONTHS, step):
        now = views.working_age(m)
        assert np.array_equal(now, history.working_age_at(m)), m
        assert (now is not last) == (not np.array_equal(now, last)), m  # new iff changed
        assert not now.flags.writeable
        new += now is not last
        last = now
    assert new > 5  # not vacuous


def test_a_wrong_working_age_step_would_be_seen(setup, monkeypatch):
    # the planted bug: each month's step applied a month late
    _, _, history = setup
    views = census.Census(history, MONTHS)
    steps = census._working_steps(history, views._ageing)
    monkeypatch.setattr(views, "_seen", {})
    monkeypatch.setattr(views, "_working_steps", lambda: [steps[0], steps[0], *steps[1:-1]])
    assert not all(
        np.array_equal(views.working_age(m), history.working_age_at(m)) for m in range(MONTHS)
    )


def test_remittances_by_month_equal_the_history(setup):
    _, _, history = setup
    months = census.remittances_by_month(history, MONTHS)
    assert len(months) == MONTHS
    for m, (home, sent, total) in enumerate(months):
        whole = history.remittances(m)
        assert np.array_equal(home, np.flatnonzero(whole)), m
        assert np.array_equal(sent, whole[home]), m
        assert total == float(whole[home].sum()), m
    assert len({sent.tobytes() for _, sent, _ in months}) > 5  # not vacuous
    assert census.remittances_by_month(history, MONTHS) is months  # kept with the history


def _birth_months_plain(mothers, women, ages, rates, months, rng):
    """The births' months worked out on 64-bit arrays of the unclipped events."""
    born = mothers.born[women][:, None]
    start = born + 12 * ages[None, :]
    lo = np.maximum(np.maximum(start, 0), mothers.wed[women][:, None])
    hi = np.minimum(np.minimum(start + 12, mothers.dies[women][:, None]), months)
    length = np.maximum(hi - lo, 0)
    hole_lo = np.maximum(lo, mothers.away_from[women][:, None])
    hole_hi = np.minimum(hi, mothers.away_until[women][:, None])
    hole = np.maximum(hole_hi - hole_lo, 0)
    exposure = length - hole
    p = rates[None, :] * exposure / 12.0
    u = rng.random(p.shape)
    pos = rng.random(p.shape)
    w_idx, a_idx = np.nonzero(u < p)
    month = lo[w_idx, a_idx] + np.floor(pos[w_idx, a_idx] * exposure[w_idx, a_idx]).astype(np.intp)
    away = hole[w_idx, a_idx]
    month = np.where((away > 0) & (month >= hole_lo[w_idx, a_idx]), month + away, month)
    return month.astype(np.intp), w_idx.astype(np.intp)


@pytest.mark.parametrize("months", [1, 50, 240])
def test_births_on_32_bit_clipped_months_equal_the_plain_ones(months):
    rng = np.random.default_rng(7)
    n = 4000
    born = -rng.integers(0, 12 * 60, n) + rng.integers(0, months, n) * (rng.random(n) < 0.2)
    mothers = Batch.natives(
        np.zeros(n, dtype=np.intp), np.ones(n, dtype=bool), born.astype(np.intp),
        np.full(n, -1, dtype=np.intp), np.zeros(n),
    )  # fmt: skip
    pick = rng.random(n)
    mothers.wed = np.where(pick < 0.3, -NEVER, np.where(pick < 0.5, NEVER, born + 250))
    mothers.dies = np.where(rng.random(n) < 0.5, NEVER, born + rng.integers(200, 900, n))
    spell = rng.random(n) < 0.4
    mothers.away_from = np.where(spell, born + rng.integers(150, 500, n), NEVER)
    mothers.away_until = np.where(
        spell & (rng.random(n) < 0.5), mothers.away_from + rng.integers(1, 90, n), NEVER
    )
    women = np.arange(n)
    ages = np.arange(15, 50)
    rates = np.full(ages.size, 0.3)
    got = _fertility._birth_months(mothers, women, ages, rates, months, np.random.default_rng(1))
    plain = _birth_months_plain(mothers, women, ages, rates, months, np.random.default_rng(1))
    for a, b in zip(got, plain, strict=True):
        assert np.array_equal(a, b)
        assert a.dtype == b.dtype
    assert months == 1 or got[0].size > 100  # not vacuous


@pytest.mark.parametrize("months", [72, 70])
def test_persons_by_year_on_clipped_months_equal_the_months_present(setup, months):
    _, c, _ = setup
    history = draw_history(c, DemographyParams(), months, np.random.default_rng(8))
    got = history.persons_by_year(months)
    for y in range(got.shape[0]):
        lo, hi = 12 * y, min(12 * y + 12, months)
        plain = np.bincount(
            history.household, history.months_present(lo, hi) / (hi - lo), c.n_households
        )
        assert np.array_equal(got[y], plain), y
    assert len(np.unique(got)) > 20  # not vacuous


def test_schedule_equals_each_months_items_found_anew():
    rng = np.random.default_rng(2)
    months = [rng.integers(-20, 60, 500) for _ in range(3)] + [np.full(500, NEVER)]
    items = [rng.permutation(500) for _ in range(3)] + [np.arange(500)]
    got = census.schedule(months, items, 50)
    for t in range(50):
        plain = np.unique(np.concatenate([i[m == t] for m, i in zip(months, items, strict=True)]))
        assert np.array_equal(got[t], plain), t
        assert got[t].dtype == np.intp


def test_a_run_too_large_to_keep_its_plans_gives_the_same_bits(setup, monkeypatch):
    # nothing kept for the next run (the chain, pensions, remittances and views worked
    # out month by month or a year at a time, from the world's views): the same bits
    sc, c, _ = setup
    kept = simulate(sc, "full package", seed=12, community=c)
    monkeypatch.setattr(census, "_MEMO", [])
    monkeypatch.setattr(census, "MEMO_BYTES", 0)
    monkeypatch.setattr(households, "MEMO_BYTES", 0)
    alone = simulate(sc, "full package", seed=12, community=c)
    assert not [k for _, k, _ in census._MEMO if k[0] in ("chain", "paid")]  # none kept
    for name in ("household_flows", "institution_flows", "institution_balance"):
        assert np.array_equal(getattr(kept, name), getattr(alone, name)), name
