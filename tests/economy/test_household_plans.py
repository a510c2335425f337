"""Plans the households' process works out for a whole run before its month loop.

The shares in work change only in a month of one of their worker's events, so the
process applies the changes worked out at once (``_share_moves``) instead of
working every share out again; the census's remittances follow the steps worked
out at once for the history. Each is checked against working everything out
again, bit for bit, with a planted bug that would be caught.
"""

from functools import partial

import numpy as np
import pytest

from collective_econ.cases.caopijie import default_scenario
from collective_econ.economy import census, households
from collective_econ.economy.community import CommunityParams, synthesize
from collective_econ.economy.population import draw_history
from collective_econ.scenario import Scenario
from collective_econ.simulation import simulate

SMALL = CommunityParams(residents=3000, agricultural_residents=1200)


@pytest.fixture(scope="module")
def run():
    sc = default_scenario()
    sc = Scenario("small", sc.policies, community=SMALL, horizon_years=6)
    c = synthesize(SMALL, np.random.default_rng(5), sc.livelihood)
    result = simulate(sc, "cash only", seed=4, community=c)
    (plan,) = [v for objs, k, v in census._MEMO if k[0] == "households" and objs[1] is c]
    return sc, c, result, plan


def _share_at(sc, c, plan):
    lp = sc.livelihood
    shares = np.array([*lp.employment_by_age, lp.offfarm_work_before, lp.urban_employment, 0.0])
    w_household = plan.workers[1]
    return partial(households._share_at, plan, c.expropriation_month[w_household], shares)


def test_the_share_moves_give_every_month_the_shares_worked_out_anew(run):
    sc, c, _, plan = run
    share_at = _share_at(sc, c, plan)
    leave = 1.0 / sc.livelihood.work_spell_months
    months = len(plan.moves)
    moves = households._share_moves(plan.moves, share_at, leave)
    each = np.arange(plan.workers[0].size)
    share = share_at(0, each)
    find = households._find(share, leave)
    flips = 0
    for m in range(1, months):
        if m in moves:
            who, new, new_find, flip = moves[m]
            on_before = share > 0
            share[who], find[who] = new, new_find
            assert flip == bool(np.any(on_before != (share > 0)))
            flips += flip
        anew = share_at(m, each)
        assert np.array_equal(share, anew), m
        assert np.array_equal(find, households._find(anew, leave)), m
    # not vacuous: shares change in many months, some turning 0 or > 0
    assert 0 < flips <= len(moves) <= months - 1
    assert len(moves) > months // 2


def test_a_share_move_left_out_would_be_seen(run):
    # the planted bug: a month's events forgotten; the shares of some month then differ
    sc, c, _, plan = run
    share_at = _share_at(sc, c, plan)
    leave = 1.0 / sc.livelihood.work_spell_months
    moves = list(plan.moves)
    month = next(m for m in range(1, len(moves)) if moves[m].size)
    moves[month] = moves[month][:0]
    wrong = households._share_moves(moves, share_at, leave)
    each = np.arange(plan.workers[0].size)
    share = share_at(0, each)
    differs = False
    for m in range(1, len(moves)):
        if m in wrong:
            share[wrong[m][0]] = wrong[m][1]
        differs |= not np.array_equal(share, share_at(m, each))
    assert differs


def test_a_fresh_run_equals_one_replaying_its_plans(run, monkeypatch):
    # the share moves, the pensions of a year and the census's steps (a fresh run) give
    # the run that replays the chain and payments the first one kept, bit for bit
    sc, c, result, _ = run
    again = simulate(sc, "cash only", seed=4, community=c)  # replays
    for name in ("household_flows", "institution_flows", "institution_balance"):
        assert np.array_equal(getattr(result, name), getattr(again, name)), name
    monkeypatch.setattr(census, "_MEMO", [])
    fresh = simulate(sc, "cash only", seed=4, community=c)
    for name in ("household_flows", "institution_flows", "institution_balance"):
        assert np.array_equal(getattr(result, name), getattr(fresh, name)), name


def test_census_remittance_steps_hold_when_months_are_skipped(run):
    # the next month's step applies to the views however they were reached
    sc, c, _, _ = run
    history = draw_history(c, sc.demography, 72, np.random.default_rng(3))
    views = census.Census(history, 72)
    months = [1, 2, 3, 9, 10, 11, 12, 30, 31, 32, 71]
    for m in months:
        assert np.array_equal(views.remittances(m), history.remittances(m)), m
    steps = views._remittance_steps()
    assert sum(step is not None for step in steps) > 10  # not vacuous


def test_a_wrong_remittance_step_would_be_seen(run, monkeypatch):
    # the planted bug: steps of the month before; some month's view then differs
    sc, c, _, _ = run
    history = draw_history(c, sc.demography, 72, np.random.default_rng(3))
    views = census.Census(history, 72)
    steps = views._remittance_steps()
    monkeypatch.setattr(views, "_remittance_steps", lambda: [None, *steps[:-1]])
    assert not all(np.array_equal(views.remittances(m), history.remittances(m)) for m in range(72))


def test_census_steps_replayed_by_a_later_run_give_the_same_views(run):
    # a second census on the history replays the steps the first kept: the same
    # read-only arrays, new in the same months, equal to the history's own
    sc, c, _, _ = run
    history = draw_history(c, sc.demography, 72, np.random.default_rng(8))
    first, second = census.Census(history, 72), census.Census(history, 72)
    sizes = [first.household_sizes(m) for m in range(72)]
    assert all(np.array_equal(s, history.household_sizes(m)) for m, s in enumerate(sizes))
    assert all(second.household_sizes(m) is sizes[m] for m in range(72))
    assert second.changes == first.changes > 10  # not vacuous
    skipping = census.Census(history, 72)  # other steps: worked out, not replayed wrong
    for m in (5, 6, 30, 31, 71):
        assert np.array_equal(skipping.present(m), history.present(m)), m
