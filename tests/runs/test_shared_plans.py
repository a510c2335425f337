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


def test_a_livelihood_input_does_not_redraw_the_history_for_each_policy(drawn):
    policies = ("cash only", "80% shares", "shares + hogs")
    spec = ExperimentSpec(policies=policies, uncertainties=(WAGE,), samples=2, replications=2)
    shared = run_experiment(small(), spec, runs_per_task=len(policies))
    assert len(drawn) == 2 * 2  # one history per design point (sample, replication)
    alone = run_experiment(small(), spec, runs_per_task=1)  # one run a task: nothing shared
    assert shared.identical(alone)


def test_design_points_with_common_seeds_share_one_history(drawn):
    # the livelihood input rebases each design point's baselines; the persons, and so the
    # population history drawn from them with the same seed, stay the same
    spec = ExperimentSpec(policies=("cash only", "80% shares"), uncertainties=(WAGE,),
                          samples=3, replications=1, common_seeds=True)  # fmt: skip
    shared = run_experiment(small(), spec, runs_per_task=6)
    assert len(drawn) == 1  # one history for the three design points
    assert len(set(shared.sel("mean_income")[0, :, 0, 1])) == 3  # the wage acted
    simulation._HISTORIES.clear()
    alone = run_experiment(small(), spec, runs_per_task=1)
    assert shared.identical(alone)


def test_a_community_with_other_persons_gets_its_own_history():
    from collective_econ.economy.community import synthesize
    from collective_econ.seeding import as_seed_sequence, stream

    sc = small()
    root = as_seed_sequence(3)
    c = synthesize(sc.community, stream(root, "community"), sc.livelihood)
    rebased = dataclasses.replace(c, baseline=c.baseline * 1.1)
    aged = dataclasses.replace(c, age=c.age + 1)
    first = simulation.population(c, sc.demography, 24, root)
    assert simulation.population(rebased, sc.demography, 24, root) is first
    other = simulation.population(aged, sc.demography, 24, root)
    assert other is not first
    n = c.n_persons
    assert (other.born[:n] == first.born[:n] - 12).all()  # a year older: born a year earlier
