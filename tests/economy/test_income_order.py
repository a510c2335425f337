"""The households' savings step is the month's last posting of income (Ledger.final_month_income).

The step keeps the last 12 months' income by household as a running sum, taking off
the month 12 months before as the ledger kept it (Ledger.income_ago). Income posted to
households after the step read the month's income would be in the ledger's row of the
month but not in the sum: the sum would drift, silently. The ledger refuses it instead.
"""

import copy

import numpy as np
import pytest

import collective_econ.simulation as engine
from collective_econ.cases.caopijie import default_scenario
from collective_econ.economy.community import CommunityParams
from collective_econ.economy.ledger import INCOME_SOURCES, Ledger, Source
from collective_econ.economy.schedule import Schedule
from collective_econ.economy.world import CLOSE_PRIORITY, LateEvent
from collective_econ.errors import CollectiveEconError, OrderError
from collective_econ.policy import Policy
from collective_econ.scenario import Scenario
from collective_econ.schemes import SCHEMES

INST = ("collective:0", "developer", "government", "bank", "market")
SMALL = CommunityParams(residents=3000, agricultural_residents=1200)
MONTHS = 24


def _state(book):
    return [getattr(book, n).copy() for n in ("balance", "household_flows", "month_income")]


def _postings(book, source):
    """Every way of posting ``source`` to households, each a call of no arguments."""
    h, bank = book.households, book.account("bank")
    few, many = np.array([0, 2]), np.arange(h)
    amounts = np.linspace(1.0, 2.0, h)
    return {
        "pay_households": lambda: book.pay_households(bank, few, 1.0, source),
        "pay_households (many)": lambda: book.pay_households(bank, many, amounts, source),
        "settle (a slice)": lambda: book.settle(bank, slice(None), -1.0, source),
        "settle (one)": lambda: book.settle(bank, np.array([1]), 2.0, source),
        "collect": lambda: book.collect(bank, few, 1.0, source),
        "settle_one": lambda: book.settle_one(bank, 1, 1.0, source),
        "settle_each": lambda: book.settle_each(bank, np.array([1, 1]), np.ones(2), source),
        "settle_summed": lambda: book.settle_summed(
            bank, None, amounts, float(amounts.sum()), source
        ),
        "settle_summed (few)": lambda: book.settle_summed(bank, few, np.ones(2), 2.0, source),
        "collect_summed": lambda: book.collect_summed(
            bank, None, amounts, float(amounts.sum()), source
        ),
        "pay_households_many": lambda: book.pay_households_many(
            np.array([bank, bank]), few, np.ones(2), source
        ),
        "post": lambda: book.post(book.postings().pay_households(bank, few, 1.0, source)),
    }


@pytest.mark.parametrize("h", [3, 300])  # (settle adds with np.add.at from 256 households)
def test_income_after_the_month_income_is_final_raises_and_moves_nothing(h):
    book = Ledger(h, INST, months=24)
    bank = book.account("bank")
    kinds = _postings(book, Source.WAGE)
    for post in kinds.values():  # before: every way goes through
        post()
    income = book.final_month_income()
    assert income is book.month_income
    for source in (Source.WAGE, Source.DIBAO, Source.INTEREST, Source.REMITTANCE):
        for kind, post in _postings(book, source).items():
            before = _state(book)
            with pytest.raises(OrderError, match=rf"^{source.name} income .* month 0 ") as err:
                post()
            assert "savings step" in str(err.value), kind  # the message names the rule
            assert isinstance(err.value, CollectiveEconError)
            for was, now in zip(before, _state(book), strict=True):  # nothing moved
                assert np.array_equal(was, now), kind
    # capital and spending, the households' interest left out of the month's income, and
    # flows among institutions go through
    before = book.month_income.copy()
    for post in _postings(book, Source.CONSUMPTION).values():
        post()
    book.settle_summed(bank, None, np.ones(h), float(h), Source.INTEREST, income=False)
    book.pay(bank, book.account("market"), 5.0, Source.INTEREST)
    assert np.array_equal(book.month_income, before)
    # the next month's income is open again, and kept as it was read
    book.close_month()
    for post in _postings(book, Source.WAGE).values():
        post()
    assert np.array_equal(book.income_ago(1), before)


def test_the_guard_survives_copying():
    book = Ledger(2, INST, months=12)
    book.final_month_income()
    other = copy.deepcopy(book)
    with pytest.raises(OrderError):
        other.pay_households(other.account("market"), np.array([0]), 1.0, Source.WAGE)


def _scenario(policy):
    return Scenario("income order", (policy,), community=SMALL, horizon_years=MONTHS // 12)


def test_a_run_with_every_scheme_reads_each_months_income_last(monkeypatch):
    # every registered scheme at once: the month's income is read as final once a month,
    # before the month closes, and no scheme posts income after it (else OrderError)
    pol = Policy("every scheme", {n: Schedule(SCHEMES[n].params_type()) for n in SCHEMES})
    read, closed = [], []
    final, close = Ledger.final_month_income, Ledger.close_month

    def spy_final(book):
        read.append(book.month)
        return final(book)

    def spy_close(book):
        closed.append((book.month, book._income_final))
        close(book)

    monkeypatch.setattr(Ledger, "final_month_income", spy_final)
    monkeypatch.setattr(Ledger, "close_month", spy_close)
    run = engine.simulate(_scenario(pol), pol, seed=3)
    assert read == list(range(MONTHS))
    assert closed == [(m, True) for m in range(MONTHS)]
    assert run.household_flows[:, : len(INCOME_SOURCES)].any()


def test_income_posted_at_the_month_close_raises(monkeypatch):
    # a process posting income after the savings step (here at the engine's month close,
    # just before it closes the month) is refused, naming the source and the rule
    def close_with_late_wages(world):
        while world.now < world.horizon_months:
            yield LateEvent(world.env, CLOSE_PRIORITY)
            world.ledger.pay_households(world.account("market"), np.array([0]), 1.0, Source.WAGE)
            world.ledger.close_month()
            yield world.env.timeout(1)

    monkeypatch.setattr(engine, "_close_months", close_with_late_wages)
    pol = default_scenario().policy("cash only")
    with pytest.raises(OrderError, match=r"^WAGE income posted to households in month 0 after"):
        engine.simulate(_scenario(pol), pol, seed=3)
