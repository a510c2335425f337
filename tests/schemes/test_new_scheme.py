"""A new scheme costs one module and one registry line ("One house").

The toy scheme below, a housing co-op, is written as a scheme module would be
(schemes/base.py's contract: a parameter class, ``appraise``, ``process``,
``UNCERTAINTIES``, ``SCHEME``) and registered by one line, a monkeypatched
entry of :data:`~collective_econ.schemes.SCHEMES`. With no other file edited,
it then goes through everything a case's scheme goes through: a simulation,
the appraisal, a scenario file, an experiment and its comparison, the plots
and the report.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from typing import Any

import matplotlib
import numpy as np
import pytest
import simpy

import collective_econ as ce
from collective_econ.distributions import Triangular
from collective_econ.distributions.uncertainty import Uncertainty
from collective_econ.economy.community import CommunityParams
from collective_econ.economy.ledger import Source
from collective_econ.economy.schedule import Schedule
from collective_econ.economy.world import World
from collective_econ.params import FRACTION, NONNEGATIVE, Parameters, at_least, param
from collective_econ.plotting import labels as plot_labels
from collective_econ.report import build_report
from collective_econ.runs import run_experiment
from collective_econ.runs.spec import ExperimentSpec
from collective_econ.scenario import Scenario, dumps, loads
from collective_econ.schemes import SCHEMES
from collective_econ.schemes.base import Appraisal, Scheme, check_horizon, flows_table
from collective_econ.simulation import simulate
from collective_econ.testing import assert_conserved

matplotlib.use("Agg")

# --- the scheme module ---------------------------------------------------------------------------

_SRC = "toy: a test of the scheme contract"


@dataclass(frozen=True, slots=True, kw_only=True)
class CoopParams(Parameters):
    """A housing co-op: group 0's collective pays its member households a monthly rent."""

    members: int = param(20, unit="households", rule=at_least(1), source=_SRC)
    rent_month: float = param(150.0, unit="yuan/month", rule=NONNEGATIVE, source=_SRC)
    occupancy: float = param(0.9, unit="-", rule=FRACTION, source=_SRC)


UNCERTAINTIES: tuple[Uncertainty, ...] = (
    Uncertainty("rent_month", Triangular(low=100.0, mode=150.0, high=200.0), _SRC),
)


def appraise(
    params: CoopParams, *, horizon_years: int = 20, rng: np.random.Generator | None = None
) -> Appraisal:
    """Yearly rent, yuan: members receive it, the collective pays it (occupancy drawn if rng)."""
    years = check_horizon(horizon_years) + 1
    occupied = (
        np.full(years, params.occupancy)
        if rng is None
        else rng.binomial(12, params.occupancy, years) / 12
    )
    rent = params.members * 12 * params.rent_month * occupied
    return Appraisal("housing_coop", flows_table(years - 1, households=rent, collective=-rent))


def process(
    world: World, schedule: Schedule[CoopParams], rng: np.random.Generator
) -> Generator[simpy.Event, Any, None]:
    """Each month group 0's collective pays the members' rent if the flats are let."""
    members = np.flatnonzero(world.community.group == 0)[: schedule.base.members]
    payer = world.collective(0)
    for month in range(world.horizon_months):
        yield world.wait_until(month)
        p = schedule.at(month)
        if rng.random() < p.occupancy:
            rent = np.full(members.size, p.rent_month)
            world.ledger.pay_households(payer, members, rent, Source.RENT)


SCHEME = Scheme(
    name="housing_coop",
    title="Housing co-op of resident group 0",
    params_type=CoopParams,
    appraise=appraise,
    uncertainties=UNCERTAINTIES,
    summary="20 member households, 150 yuan/month rent",
    process=process,
    households_needed=lambda p: p.members,
    label="Housing co-op",
    label_zh="住房合作社",
)

# --- the registry line, and what it buys ---------------------------------------------------------

SMALL = CommunityParams(residents=1500, agricultural_residents=900)


@pytest.fixture
def registered(monkeypatch):
    monkeypatch.setitem(SCHEMES, SCHEME.name, SCHEME)


@pytest.fixture
def scenario(registered):
    cash = ce.default_scenario().policy("cash only")
    coop = cash.reform("cash + co-op", add={"housing_coop": Schedule(CoopParams())})
    return Scenario("co-op", (cash, coop), community=SMALL, horizon_years=2)


def test_a_simulation_pays_the_rent_through_the_ledger(scenario):
    run = simulate(scenario, "cash + co-op", seed=3)
    without = simulate(scenario, "cash only", seed=3)
    assert_conserved(run)
    k = run.institutions.index("collective:0")
    extra = run.institution_flows[:, Source.RENT, k] - without.institution_flows[:, Source.RENT, k]
    assert extra.sum() < 0  # the collective paid rent
    assert run.institutions == without.institutions  # same accounts whatever the policy


def test_appraisal_and_monte_carlo(registered):
    det = ce.appraise("housing_coop", horizon_years=5)
    assert det.of("households")[0] == pytest.approx(20 * 12 * 150.0 * 0.9)
    assert np.array_equal(det.of("collective"), -det.of("households"))
    mc = ce.monte_carlo("housing_coop", n=50, seed=1, horizon_years=5)
    assert mc.flows.shape == (50, 6, 6)
    assert np.ptp(mc.of("households")[:, 0]) > 0  # rent and occupancy vary


def test_scenario_file_round_trip(scenario):
    text = dumps(scenario, comments=True)
    assert "housing_coop" in text
    assert loads(text) == scenario


def test_the_scenario_file_of_the_case_does_not_mention_an_unused_scheme(registered):
    assert "housing_coop" not in dumps(ce.default_scenario())


def test_experiment_comparison_plots_and_report(scenario):
    spec = ExperimentSpec(replications=2, seed=1, panels="all")
    results = run_experiment(scenario, spec)
    cmp = results.to_comparison()
    assert "cash + co-op" in cmp.format_table()
    ax = ce.plotting.fan_chart(cmp)
    assert {t.get_text() for t in ax.get_legend().get_texts()} >= {"cash + co-op"}
    assert plot_labels.labels("en")["scheme.housing_coop"] == "Housing co-op"
    assert plot_labels.labels("zh")["scheme.housing_coop"] == "住房合作社"
    chart = ce.plotting.cash_flow_chart(ce.appraise("housing_coop"))
    assert chart.get_title().startswith("Housing co-op")
    page = build_report(scenario, results, seed=1, appraisal_samples=20)
    assert SCHEME.title in page  # the appraisal table
    assert "housing_coop" in page  # the assumption register
    matplotlib.pyplot.close("all")
