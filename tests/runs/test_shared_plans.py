"""The policies of one design point share its population history, also when inputs vary."""

import dataclasses

import collective_econ.simulation as simulation
from collective_econ.cases.caopijie import default_scenario
from collective_econ.distributions import Uniform
from collective_econ.distributions.uncertainty import Uncertainty
from collective_econ.economy.community import CommunityParams
from collective_econ.runs.experiment import run_experiment
from collective_econ.runs.spec import ExperimentSpec

WAGE = Uncertainty("livelihood.casual_wage_month", Uniform(low=600.0, high=900.0))


def small():
    community = CommunityParams(residents=600, agricultural_residents=400)
    return dataclasses.replace(default_scenario(), community=community, horizon_years=2)


def test_a_livelihood_input_does_not_redraw_the_history_for_each_policy(monkeypatch):
    drawn = []
    real = simulation.draw_history

    def counting(*args, **kwargs):
        drawn.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(simulation, "draw_history", counting)
    policies = ("cash only", "80% shares", "shares + hogs")
    spec = ExperimentSpec(policies=policies, uncertainties=(WAGE,), samples=2, replications=2)
    shared = run_experiment(small(), spec, runs_per_task=len(policies))
    assert len(drawn) == 2 * 2  # one history per design point (sample, replication)
    alone = run_experiment(small(), spec, runs_per_task=1)  # one run a task: nothing shared
    assert shared.identical(alone)
