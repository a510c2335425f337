"""Tests of the vectorised job queue (jobqueue.py): FIFO, training, invariants, and the
M/M/c checks (SimPy reference vs Erlang C vs the monthly vectorised queue)."""

import ast
import functools
import inspect
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from collective_econ.errors import ParameterError, ParameterTypeError, ShapeError
from collective_econ.schemes import _jobqueue as jobqueue_module
from collective_econ.schemes._jobqueue import JobQueue
from collective_econ.schemes._mmc import erlang_c_wait, simulate_mmc_simpy, simulate_mmc_vectorised
from collective_econ.schemes.jobs import JobsParams, hire_probability, steady_state_employment

MU, C = 0.1, 100  # 10-month tenures, 100 places


@functools.cache
def run(kind, lam, months, seed):
    """Cached simulations, shared by the M/M/c tests (each takes about 0.5-1 s)."""
    rng = np.random.default_rng(seed)
    if kind == "vectorised":
        return simulate_mmc_vectorised(lam, MU, C, months, rng)
    return simulate_mmc_simpy(lam, MU, C, months, rng, monthly_grid=kind == "grid")


def within(a, b, se, k=4.0):
    return abs(a - b) <= k * se


# (a) Erlang C against textbook closed forms ------------------------------------------------


def test_erlang_c_mm1_and_mm2_closed_forms():
    # M/M/1: Wq = rho / (mu - lambda); lambda = 0.5, mu = 1 -> 1
    assert erlang_c_wait(0.5, 1.0, 1) == pytest.approx(1.0, rel=1e-12)
    # M/M/2, lambda = mu = 1: P0 = 1/3, C = a^c / (c! (1 - rho)) P0 = 1/3, Wq = C / (2 - 1)
    assert erlang_c_wait(1.0, 1.0, 2) == pytest.approx(1.0 / 3.0, rel=1e-12)


def test_erlang_c_direct_sum_and_many_places():
    # Erlang C from its defining sum, for c = 30, a = 25 (computed in exact fractions)
    from fractions import Fraction

    c, a = 30, Fraction(25)
    top = a**c / math.factorial(c) * c / (c - a)
    p_wait = top / (sum(a**k / math.factorial(k) for k in range(c)) + top)
    expected = float(p_wait / (c * Fraction(1, 10) - Fraction(5, 2)))
    assert erlang_c_wait(2.5, 0.1, 30) == pytest.approx(expected, rel=1e-12)
    # the recursion does not overflow with thousands of places
    assert 0 < erlang_c_wait(4_900.0, 1.0, 5_000) < 1


def test_erlang_c_rejects_an_unstable_queue():
    with pytest.raises(ParameterError, match=r"arrival_rate / \(servers \* service_rate\)"):
        erlang_c_wait(10.0, 0.1, 100)


def test_erlang_c_rejects_bad_rates():
    with pytest.raises(ParameterError, match="service_rate must be finite and > 0"):
        erlang_c_wait(1.0, 0.0, 10)
    with pytest.raises(ParameterTypeError, match="servers must be a whole number"):
        erlang_c_wait(1.0, 0.5, 2.5)


# (b) SimPy reference vs Erlang C; vectorised vs SimPy ---------------------------------------
# Waits are skewed: in 20 seeds, the batch-means z of the SimPy wait against Erlang C had a
# standard deviation of 1.1-1.4 (8,000 months), so the checks allow 4 standard errors.


@pytest.mark.parametrize("lam", [8.0, 9.5])  # rho = 0.8 and 0.95
def test_simpy_reference_matches_erlang_c(lam):
    out = run("continuous", lam, 8_000, 2010)
    assert within(out["mean_wait"], erlang_c_wait(lam, MU, C), out["mean_wait_se"])
    assert within(out["mean_employed"], lam / MU, out["mean_employed_se"])
    assert out["utilisation"] == pytest.approx(lam / (C * MU), abs=0.02)


@pytest.mark.parametrize("lam", [8.0, 9.0])  # monthly load rho_m = 0.84 and 0.95
def test_vectorised_matches_simpy_on_the_month_grid(lam):
    # the monthly queue is the continuous one with events moved to month ends: same waits
    vec, grid = run("vectorised", lam, 4_000, 7), run("grid", lam, 4_000, 8)
    se = math.hypot(vec["mean_wait_se"], grid["mean_wait_se"])
    assert within(vec["mean_wait"], grid["mean_wait"], se)
    se = math.hypot(vec["mean_employed_se"], grid["mean_employed_se"])
    assert within(vec["mean_employed"], grid["mean_employed"], se)
    assert vec["served"] == pytest.approx(grid["served"], rel=0.03)


@pytest.mark.parametrize("lam", [8.0, 9.0])
def test_vectorised_employment_matches_continuous_simpy(lam):
    # counting a leaver's last month as E[X | X < 1], time at work is the continuous one
    vec, cont = run("vectorised", lam, 4_000, 7), run("continuous", lam, 4_000, 9)
    se = math.hypot(vec["mean_employed_se"], cont["mean_employed_se"])
    assert within(vec["mean_employed"], cont["mean_employed"], se)
    assert within(vec["mean_employed"], lam / MU, vec["mean_employed_se"])


@pytest.mark.parametrize("lam", [8.0, 9.0])
def test_monthly_waits_are_those_of_mmc_with_the_monthly_leaving_rate(lam):
    # the discrete-time correction: a monthly round holds each place ceil(X) months, so the
    # queue waits like M/M/c with service rate 1 - exp(-mu), not mu (within ~5% + noise)
    vec = run("vectorised", lam, 4_000, 7)
    corrected = erlang_c_wait(lam, -math.expm1(-MU), C)
    assert abs(vec["mean_wait"] - corrected) <= 4 * vec["mean_wait_se"] + 0.05 * corrected
    assert vec["mean_wait"] > 2 * erlang_c_wait(lam, MU, C)  # uncorrected: far too short


def test_simulations_validate_their_window():
    rng = np.random.default_rng(0)
    with pytest.raises(ParameterError, match="warmup must be <= months - 20"):
        simulate_mmc_vectorised(8.0, 0.1, 100, 50, rng, warmup=40)
    with pytest.raises(ParameterError, match="arrival_rate must be finite and > 0"):
        simulate_mmc_simpy(-1.0, 0.1, 100, 500, rng)


# (c) the queue's rules ------------------------------------------------------------------------


def test_fifo_with_certain_acceptance():
    rng = np.random.default_rng(3)
    market = JobQueue(300, 2, rng)
    places, accept = np.array([6, 4]), np.ones(300)
    order = rng.permutation(300)
    for month in range(1, 60):
        market.separate(month, rng, np.array([0.1, 0.2]))
        market.add_seekers(order[(month - 1) * 5 : month * 5], month)
        before = market.queued
        vacancies = int(np.maximum(places - market.employed_count, 0).sum())
        hired, _ = market.hire(month, rng, places, accept)
        # exactly the head of the queue, in order
        np.testing.assert_array_equal(hired, before[: min(vacancies, before.size)])
        if hired.size and market.queue_length:
            assert market.joined[hired].max() <= market.joined[market.queued].min()


def test_queue_order_is_by_month_joined():
    market = JobQueue(10, 1, np.random.default_rng(0))
    market.add_seekers(np.array([7, 8, 9]), 5)
    market.add_seekers(np.array([0, 1]), 2)
    market.add_seekers(np.array([4]), 9)
    assert set(market.queued[:2]) == {0, 1}
    assert set(market.queued[2:5]) == {7, 8, 9}
    assert market.queued[-1] == 4
    wait = market.waiting_months(10)
    assert wait[4] == 1
    assert wait[0] == 8
    assert np.isnan(wait[2])


def hires_of_trained(trained_accept, seed=11):
    """One hiring round: 1,000 places, 10,000 queued seekers, 30% of them trained."""
    rng = np.random.default_rng(seed)
    trained = rng.random(10_000) < 0.3
    market = JobQueue(10_000, 1, rng)
    market.add_seekers(np.arange(10_000), 0)
    accept = np.where(trained, trained_accept, 0.2)
    hired, _ = market.hire(1, rng, np.array([1_000]), accept)
    assert hired.size == 1_000
    return trained[hired].mean(), trained.mean()


def test_training_raises_the_trained_share_of_hires():
    share, pool = hires_of_trained(0.3)
    # odds 0.3/0.2 = 1.5: expected share r f / (1 + (r - 1) f) = 0.39 of hires (sd 0.015)
    assert share > pool + 0.05
    assert share == pytest.approx(1.5 * pool / (1 + 0.5 * pool), abs=0.05)


def test_equal_acceptance_hires_in_proportion():
    share, pool = hires_of_trained(0.2)  # all else as above
    assert share == pytest.approx(pool, abs=0.05)


def test_job_types_share_one_fill_rate_and_match_the_jobs_scheme():
    # the allocation rule is the jobs scheme's model: E_j = N_j phi / (phi + s_j)
    params = JobsParams()
    for seekers in (900, 440):  # vacancies binding (phi = 1), and applicants binding
        rng = np.random.default_rng(seekers)
        market = JobQueue(seekers, len(params.jobs), rng)
        market.add_seekers(np.arange(seekers), 0)
        accept = hire_probability(params, np.zeros(seekers, bool), 0.5)
        after_leaving = []
        for month in range(1, 1_001):
            market.separate(month, rng, params.separations)
            after_leaving.append(market.employed_count)
            market.hire(month, rng, params.places, accept)
        # no contracts end here: the scheme's turnover is its separations alone
        expected = steady_state_employment(params.evolve(contract_renewal=1.0), seekers)
        simulated = np.mean(after_leaving[200:], axis=0)
        np.testing.assert_allclose(simulated, expected.by_job, rtol=0.03)
        assert simulated.sum() == pytest.approx(expected.scheme_jobs, rel=0.01)


def test_cutting_places_lays_nobody_off():
    rng = np.random.default_rng(0)
    market = JobQueue(20, 2, rng)
    market.add_seekers(np.arange(20), 0)
    market.hire(1, rng, np.array([5, 5]), np.ones(20))
    hired, _ = market.hire(2, rng, np.array([2, 2]), np.ones(20))
    assert hired.size == 0
    np.testing.assert_array_equal(market.employed_count, [5, 5])


def test_add_seekers_is_idempotent():
    rng = np.random.default_rng(0)
    market = JobQueue(6, 1, rng)
    assert market.add_seekers(np.array([0, 1, 2, 2]), 1).tolist() == [0, 1, 2]
    market.hire(1, rng, np.array([1]), np.ones(6))
    new = market.add_seekers(np.array([0, 1, 2, 3]), 4)
    assert new.tolist() == [3]
    assert market.joined[:3].tolist() == [1, 1, 1]
    assert market.queue_length == 3
    assert market.employed_count.tolist() == [1]


def test_state_views_are_read_only():
    market = JobQueue(3, 1, np.random.default_rng(0))
    with pytest.raises(ValueError, match="read-only"):
        market.job[0] = 0


# (d) invariants ---------------------------------------------------------------------------

operations = st.lists(
    st.tuples(
        st.sampled_from(["add", "separate", "hire"]),
        st.lists(st.integers(0, 24), max_size=10),
        st.floats(0.0, 1.0),
    ),
    max_size=25,
)


@given(
    persons=st.integers(1, 25),
    places=st.lists(st.integers(0, 6), min_size=1, max_size=4),
    ops=operations,
    seed=st.integers(0, 2**32 - 1),
)
def test_invariants(persons, places, ops, seed):
    rng = np.random.default_rng(seed)
    types = len(places)
    market = JobQueue(persons, types, rng)
    accept = rng.random(persons)
    added = np.zeros(persons, bool)
    for month, (op, who, chance) in enumerate(ops):
        queued, employed = market.queue_length, market.employed_count.sum()
        if op == "add":
            new = market.add_seekers(np.array([p % persons for p in who], np.int64), month)
            assert not added[new].any()  # only newcomers are queued anew
            added[new] = True
        elif op == "separate":
            was = market.job.copy()
            left = market.separate(month, rng, np.full(types, chance))
            assert (was[left] >= 0).all()
            assert (market.joined[left] == month).all()
            assert market.queue_length == queued + left.size
        else:
            vacancies = np.maximum(np.array(places) - market.employed_count, 0)
            was_seeking = market.seeking.copy()
            hired, kinds = market.hire(month, rng, np.array(places), accept)
            assert was_seeking[hired].all()
            assert np.unique(hired).size == hired.size
            assert (np.bincount(kinds, minlength=types) <= vacancies).all()
            assert market.queue_length == queued - hired.size
            assert market.employed_count.sum() == employed + hired.size
        job, seeking = market.job, market.seeking
        assert not (seeking & (job >= 0)).any()  # never both queued and employed
        assert ((seeking | (job >= 0)) == added).all()  # queued + employed = all added
        assert (market.employed_count <= np.array(places)).all()
        counts = np.bincount(job[job >= 0], minlength=types)
        np.testing.assert_array_equal(counts, market.employed_count)
        holders, kinds = market.holders()  # kept between changes: never stale
        np.testing.assert_array_equal(holders, np.flatnonzero(job >= 0))
        np.testing.assert_array_equal(kinds, job[holders])
        assert (np.diff(market.joined[market.queued]) >= 0).all()  # FIFO by month


# (e) reproducibility ---------------------------------------------------------------------


def market_after(seed):
    params = JobsParams()
    rng = np.random.default_rng(seed)
    market = JobQueue(900, len(params.jobs), rng)
    accept = hire_probability(params, np.arange(900) < 167, rng.random(900))
    for month in range(1, 37):
        market.add_seekers(np.arange((month - 1) * 25, month * 25), month)
        market.separate(month, rng, params.separations)
        market.hire(month, rng, params.places, accept)
    return market


def test_same_seed_same_state():
    a, b, c = market_after(42), market_after(42), market_after(43)
    for name in ("job", "joined", "seeking", "queued"):
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name))
    assert not np.array_equal(a.job, c.job)


def test_same_seed_same_simulations():
    one = simulate_mmc_vectorised(8.0, 0.1, 100, 300, np.random.default_rng(5))
    two = simulate_mmc_vectorised(8.0, 0.1, 100, 300, np.random.default_rng(5))
    assert one == two
    one = simulate_mmc_simpy(8.0, 0.1, 100, 300, np.random.default_rng(5), monthly_grid=True)
    two = simulate_mmc_simpy(8.0, 0.1, 100, 300, np.random.default_rng(5), monthly_grid=True)
    assert one == two


# (f) bad input ------------------------------------------------------------------------------


@pytest.fixture
def market():
    m = JobQueue(10, 3, np.random.default_rng(0))
    m.add_seekers(np.arange(10), 0)
    return m


def test_negative_places(market):
    rng = np.random.default_rng(1)
    with pytest.raises(ParameterError, match=r"places\[1\] must be finite and >= 0, got -1.0"):
        market.hire(1, rng, [2, -1, 0], np.ones(10))


def test_fractional_places(market):
    rng = np.random.default_rng(1)
    with pytest.raises(ParameterError, match="places must be whole numbers"):
        market.hire(1, rng, [2.5, 1, 0], np.ones(10))


@pytest.mark.parametrize("bad", [1.2, -0.1, np.nan])
def test_accept_outside_unit_interval(market, bad):
    rng, accept = np.random.default_rng(1), np.full(10, 0.5)
    accept[4] = bad
    with pytest.raises(ParameterError, match=r"accept\[4\] must be within \[0, 1\]"):
        market.hire(1, rng, [1, 1, 1], accept)


def test_separation_outside_unit_interval(market):
    rng = np.random.default_rng(1)
    with pytest.raises(ParameterError, match=r"separation\[2\] must be within \[0, 1\]"):
        market.separate(1, rng, [0.1, 0.1, 2.0])


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda m, r: m.hire(1, r, [1, 1], np.ones(10)), "places"),
        (lambda m, r: m.hire(1, r, [1, 1, 1], np.ones(9)), "accept"),
        (lambda m, r: m.separate(1, r, [0.1]), "separation"),
        (lambda m, r: m.add_seekers(np.zeros((2, 2), int), 1), "persons"),
    ],
)
def test_mismatched_shapes_name_the_argument(market, call, name):
    rng = np.random.default_rng(1)
    with pytest.raises(ShapeError, match=f"^{name} must"):
        call(market, rng)


def test_persons_out_of_range(market):
    with pytest.raises(ParameterError, match=r"persons must be within \[0, 10\), got 10"):
        market.add_seekers(np.array([3, 10]), 1)


def test_persons_must_be_integers(market):
    with pytest.raises(ParameterTypeError, match="persons must be integer indices"):
        market.add_seekers(np.array([1.0, 2.0]), 1)


def test_month_must_be_a_whole_number(market):
    with pytest.raises(ParameterTypeError, match="month must be a whole number"):
        market.add_seekers(np.array([1]), 1.5)


def test_queue_needs_persons():
    rng = np.random.default_rng(0)
    with pytest.raises(ParameterError, match=r"JobQueue\.persons must be >= 1, got 0"):
        JobQueue(0, 2, rng)


@given(st.integers(0, 2**32 - 1), st.integers(1, 60))
def test_eligibility_as_a_function_hires_as_the_full_table(seed, places):
    # the job queue asks a function of persons for the rows of the month's successes
    # only, and the head of the queue first: it must hire exactly as the (P, J) table
    rng = np.random.default_rng(seed)
    table = rng.random((300, 3)) < 0.3
    accept = rng.random(300)
    markets = [JobQueue(300, 3, np.random.default_rng(seed)) for _ in range(2)]
    asked = []

    def rows(who):
        asked.append(who.size)
        return table[who]

    for m in markets:
        m.add_seekers(np.arange(300), month=0)
    streams = [np.random.default_rng(seed + 1) for _ in range(2)]
    cap = np.array([places, places // 2, 3])
    for month in range(1, 6):
        a = markets[0].hire(month, streams[0], cap, accept, table)
        b = markets[1].hire(month, streams[1], cap, accept, rows, checked=True)
        assert np.array_equal(a[0], b[0])
        assert np.array_equal(a[1], b[1])
        for m, r in zip(markets, streams, strict=True):
            m.separate(month, r, np.array([0.1, 0.1, 0.1]))
    assert np.array_equal(markets[0].job, markets[1].job)


@pytest.mark.parametrize("endless", [None, math.inf, 1e300])
def test_turnover_is_separate_then_end_contracts(endless):
    # the month step's one pass (issue 15) gives the two steps' leavers, places and queue;
    # its contract months compared as integers, those that never end (infinite, or past
    # any month) included
    rng = np.random.default_rng(8)
    params = JobsParams()
    contract = np.array([j.contract_months for j in params.jobs], dtype=float)
    if endless is not None:
        contract[::2] = endless
    queues = [JobQueue(500, len(params.jobs), np.random.default_rng(3)) for _ in range(2)]
    for market in queues:
        market.add_seekers(np.arange(500), month=0)
    accept = np.full(500, 0.3)
    for month in range(1, 60):
        u = rng.random(3 * 500)
        left = queues[0].separate(month, rng, params.separations, u=u[:500])
        ended = queues[0].end_contracts(month, rng, contract, 0.6, u=u[500:1000])
        both = queues[1].turnover(month, u[:500], u[500:1000], params.separations, contract, 0.6)
        np.testing.assert_array_equal(np.sort(np.concatenate([left, ended])), both)
        hires = [q.hire(month, np.random.default_rng(month), params.places, accept, u=u[1000:])
                 for q in queues]  # fmt: skip
        np.testing.assert_array_equal(hires[0][0], hires[1][0])
        for name in ("job", "joined", "seeking", "started"):
            np.testing.assert_array_equal(getattr(queues[0], name), getattr(queues[1], name))
    assert queues[0].employed_count.sum() > 0


@given(st.integers(0, 2**32 - 1), st.integers(1, 40))
def test_free_filter_hires_as_accept_zero_for_the_occupied(seed, places):
    # the month step passes who is free as a filter of the successes (no array over
    # everyone): it must hire exactly as accept set to 0 for those not free
    rng = np.random.default_rng(seed)
    table = rng.random((300, 3)) < 0.5
    accept = rng.random(300)
    busy = rng.random(300) < 0.3
    markets = [JobQueue(300, 3, np.random.default_rng(seed)) for _ in range(2)]
    for m in markets:
        m.add_seekers(np.arange(300), month=0)
    streams = [np.random.default_rng(seed + 1) for _ in range(2)]
    cap = np.array([places, places // 2, 3])
    hired_any = False
    for month in range(1, 6):
        u = rng.random(300)
        a = markets[0].hire(month, streams[0], cap, np.where(busy, 0.0, accept), table, u=u)
        b = markets[1].hire(month, streams[1], cap, accept, lambda who: table[who], u=u,
                            free=lambda who: ~busy[who])  # fmt: skip
        assert np.array_equal(a[0], b[0])
        assert np.array_equal(a[1], b[1])
        assert not busy[b[0]].any()
        hired_any |= b[0].size > 0
        for m, r in zip(markets, streams, strict=True):
            m.separate(month, r, np.array([0.1, 0.1, 0.1]))
    assert hired_any
    assert np.array_equal(markets[0].job, markets[1].job)


# (f) the holders' arrays are never stale ----------------------------------------------------

_IN_PLACE = {"fill", "put", "itemset", "resize", "sort", "partition", "setfield"}
"""ndarray methods that change the array (``self.x.fill(...)``)."""
_WRITE_FIRST = {"copyto", "put", "place", "putmask", "at"}
"""Functions that change their first argument (``np.copyto(self.x, ...)``, ``np.add.at``)."""


def _writes(node):
    """The names of the queue's attributes ``node`` writes: ``self.x = ``, ``self.x[i] = ``,
    ``self.x += ``, an in-place method of ``self.x``, or a call writing it (``out=``)."""
    found = set()
    for sub in ast.walk(node):
        targets = []
        if isinstance(sub, ast.Assign):
            targets = sub.targets
        elif isinstance(sub, ast.AugAssign | ast.AnnAssign):
            targets = [sub.target]
        elif isinstance(sub, ast.Call):
            targets = [k.value for k in sub.keywords if k.arg == "out"]
            if isinstance(sub.func, ast.Attribute):
                if sub.func.attr in _IN_PLACE:
                    targets.append(sub.func.value)
                if sub.func.attr in _WRITE_FIRST and sub.args:
                    targets.append(sub.args[0])
        for target in targets:
            for part in ast.walk(target):
                while isinstance(part, ast.Subscript):
                    part = part.value
                if (isinstance(part, ast.Attribute) and isinstance(part.value, ast.Name)
                        and part.value.id == "self"):  # fmt: skip
                    found.add(part.attr)
    return found


def test_only_vacate_and_fill_change_who_holds_a_place():
    # every write of the holding state (who holds which place, the counts by type) goes
    # through _vacate or _fill, and each drops the holders' kept arrays: a new way of
    # changing hands cannot forget to (holders() would then return stale arrays)
    tree = ast.parse(inspect.getsource(jobqueue_module))
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "JobQueue")
    writers = {}
    for method in cls.body:
        if isinstance(method, ast.FunctionDef):
            for name in _writes(method) & {"_job", "_employed", "_holders"}:
                writers.setdefault(name, set()).add(method.name)
    assert writers == {
        "_job": {"__init__", "_vacate", "_fill"},
        "_employed": {"__init__", "_vacate", "_fill"},
        "_holders": {"__init__", "holders", "_vacate", "_fill"},
    }
    for name in ("_vacate", "_fill"):  # each drops the kept arrays
        method = next(m for m in cls.body if getattr(m, "name", "") == name)
        assert "self._holders = None" in [ast.unparse(s) for s in method.body]
    # the check sees the writes a new method might make
    stray = """
def f(self):
    self._job[who] = 2
    np.add(a, b, out=self._employed)
    self._seeking.fill(False)
    np.copyto(self._started, 0)
    np.add.at(self._joined, who, 1)
    self._tiebreak, x = y
    return self._job.copy(), self._employed.tolist()
"""
    expect = {"_job", "_employed", "_seeking", "_started", "_joined", "_tiebreak"}
    assert _writes(ast.parse(stray)) == expect


def _changes(market, month, rng, steps):
    """Change hands in ``month`` by each of ``steps`` (names), checking the holders each time."""
    params = JobsParams()
    types, persons = len(params.jobs), market.persons
    places = np.asarray(params.places, dtype=float)
    accept = np.full(persons, 0.5)
    some = np.random.default_rng(month).random((persons, types)) < 0.7
    length = np.full(types, 6.0)
    ways = {
        "separate": lambda: market.separate(month, rng, params.separations),
        "end_contracts": lambda: market.end_contracts(month, rng, length, 0.3),
        "turnover": lambda: market.turnover(
            month, rng.random(persons), rng.random(persons), params.separations, length, 0.3
        ),
        "hire": lambda: market.hire(month, rng, places, accept),
        "hire (eligible)": lambda: market.hire(month, rng, places, accept, some),
        "hire (callable)": lambda: market.hire(
            month, rng, places, accept, lambda who: some[who]
        ),
        "hire_free": lambda: market.hire_free(
            month, rng, [int(c) for c in places], accept, rng.random(persons),
            lambda who: some[who],
        ),
        "leave": lambda: market.leave(
            np.arange(month % 7, persons, 23), month, rejoin=month % 2 == 0
        ),
    }  # fmt: skip
    for name in steps:
        market.holders()  # kept before the change
        ways[name]()
        holders, kinds = market.holders()
        job = market.job
        np.testing.assert_array_equal(holders, np.flatnonzero(job >= 0), err_msg=name)
        np.testing.assert_array_equal(kinds, job[holders], err_msg=name)
        assert market.holders()[0] is holders  # kept while no place changes hands


def test_holders_follow_every_way_of_changing_hands():
    rng = np.random.default_rng(11)
    market = JobQueue(400, len(JobsParams().jobs), rng)
    ways = ["separate", "end_contracts", "turnover", "hire", "hire (eligible)",
            "hire (callable)", "hire_free"]  # fmt: skip
    changed = 0
    for month in range(1, 40):
        market.add_seekers(np.arange(400), month)
        before = market.job.copy()
        _changes(market, month, rng, [*ways[month % 3 :: 3], "leave"])
        changed += int(not np.array_equal(before, market.job))
    assert changed > 30  # places changed hands in most months
