"""The experiment spec, its designs, the seeding contract and the stopping rule."""

import dataclasses
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from scipy.stats import spearmanr

from collective_econ.cases.caopijie import default_scenario
from collective_econ.distributions import Empirical, Triangular, Uniform
from collective_econ.distributions.uncertainty import Uncertainty
from collective_econ.economy.community import CommunityParams, synthesize
from collective_econ.economy.population import DemographyParams
from collective_econ.errors import ParameterError, ParameterTypeError
from collective_econ.policy import Policy
from collective_econ.runs.experiment import run_experiment
from collective_econ.runs.outcomes import reduce_run
from collective_econ.runs.spec import ExperimentSpec, build_design
from collective_econ.runs.stopping import StoppingRule
from collective_econ.seeding import as_seed_sequence, child, stream
from collective_econ.simulation import simulate

TWO = ("cash only", "80% shares")
RATE = Uncertainty("land_shares.dividend_rate", Triangular(low=0.04, mode=0.08, high=0.12))
WAGE = Uncertainty("livelihood.casual_wage_month", Uniform(low=600.0, high=900.0))


def small(horizon=2, **changes):
    community = CommunityParams(residents=600, agricultural_residents=400)
    return dataclasses.replace(
        default_scenario(), community=community, horizon_years=horizon, **changes
    )


def unit(n):
    return tuple(Uncertainty(f"livelihood.{f}", Uniform(low=0.0, high=1.0)) for f in n)


# -- validation: one statement per pytest.raises ---------------------------------------------
@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"replications": 0}, r"ExperimentSpec\.replications must be a whole number >= 1, got 0"),
        ({"replications": 2.0}, "replications must be a whole number"),
        ({"design": "sobol", "samples": 12}, r"samples must be a power of two .*16.*got 12"),
        ({"design": "latin"}, r"design must be one of .*'montecarlo'.*got 'latin'"),
        ({"design": "lhss"}, "did you mean 'lhs'"),
        ({"design": "factorial", "samples": 4}, "samples must be left unset"),
        ({"values": ((1.0,),)}, "values must be given with design='given', and only then"),
        ({"seed": -1}, "seed must be a whole number >= 0"),
        ({"panels": ((0, 0),)}, "panels must be 'all' or"),
        ({"policies": ("cash only", "cash only")}, "policies must be distinct"),
        ({"uncertainties": (RATE, RATE)}, "uncertainties must be distinct params"),
    ],
)
def test_spec_errors_name_the_field(kwargs, fragment):
    with pytest.raises(ParameterError, match=fragment):
        ExperimentSpec(**kwargs)


def test_correlation_must_match_the_uncertainties():
    with pytest.raises(ParameterError, match="correlation"):
        ExperimentSpec(uncertainties=(RATE, WAGE), correlation=((1.0, 0.5), (0.4, 1.0)))


def test_factorial_levels_one_per_uncertainty():
    with pytest.raises(ParameterError, match=r"levels must be one count per uncertainty \(2\)"):
        ExperimentSpec(uncertainties=(RATE, WAGE), design="factorial", levels=(3,))


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"outcome": "mean_incme"}, r"StoppingRule\.outcome must be one of .*did you mean"),
        ({"outcome": "gini"}, "a scalar outcome"),
        ({"policy_b": "cash only"}, "another policy than policy_a"),
        ({"half_width": 0.0}, "half_width must be a finite number > 0"),
        ({"max_replications": 1}, "max_replications must be a whole number >= 2"),
    ],
)
def test_stopping_rule_errors(kwargs, fragment):
    args = {"outcome": "mean_income_total", "policy_a": "cash only", "policy_b": "80% shares"}
    with pytest.raises(ParameterError, match=fragment):
        StoppingRule(**{"half_width": 10.0, **args, **kwargs})


@pytest.mark.parametrize(
    ("policies", "param", "fragment"),
    [
        ((), "hogz.hog_price", "did you mean 'hogs'"),
        (TWO, "hogs.hog_price", r"uncertainties\[0\]\.param must be .*no policy of the ex"),
        (TWO, "land_shares.dividend_rat", "did you mean 'land_shares.dividend_rate'"),
        (TWO, "livelihood.employment_by_age", "a numeric field"),
        (
            TWO,
            "community.residents",
            r"one of \['demography', 'land_shares', 'livelihood', "
            r"'safety_net'\]",
        ),
        (TWO, "dividend_rate", "a dotted path"),
    ],
)
def test_inputs_must_exist_in_the_policies(policies, param, fragment):
    u = Uncertainty(param, Uniform(low=0.0, high=1.0))
    spec = ExperimentSpec(policies=policies, uncertainties=(u,))
    with pytest.raises(ParameterError, match=fragment):
        build_design(small(), spec)


def test_sampled_values_must_pass_the_parameter_rules():
    bad = Uncertainty("land_shares.dividend_rate", Uniform(low=-0.5, high=0.1))
    spec = ExperimentSpec(policies=TWO, uncertainties=(bad,), samples=20)
    with pytest.raises(ParameterError, match=r"sampled within the rule of land_shares"):
        build_design(small(), spec)


def test_executor_must_be_an_executor():
    with pytest.raises(ParameterTypeError, match=r"executor must be a concurrent\.futures"):
        run_experiment(small(), ExperimentSpec(policies=TWO), executor=4)


def test_a_community_too_small_for_a_scheme_fails_before_any_run(tmp_path):
    tiny = dataclasses.replace(
        small(), community=CommunityParams(residents=300, agricultural_residents=200)
    )
    with pytest.raises(ParameterError, match=r"hogs\.households must be <= the community's"):
        run_experiment(tiny, ExperimentSpec(policies=("shares + hogs",)), store=tmp_path)


def test_stopping_rule_policies_must_be_in_the_experiment():
    rule = StoppingRule("mean_income_total", "cash only", "full package", 1.0)
    with pytest.raises(ParameterError, match="policy_b must be one of the experiment's"):
        run_experiment(small(), ExperimentSpec(policies=TWO), stop=rule)


# -- designs -----------------------------------------------------------------------------------
def test_latin_hypercube_is_stratified_in_every_input():
    n = 16
    spec = ExperimentSpec(
        uncertainties=unit(["casual_days_share", "spend_down_rate"]), design="lhs", samples=n
    )
    values = build_design(small(), spec).values
    for j in range(2):
        assert sorted((values[:, j] * n).astype(int)) == list(range(n))


def test_sobol_points_are_balanced_and_seeded():
    spec = ExperimentSpec(uncertainties=unit(["casual_days_share"]), design="sobol", samples=8)
    values = build_design(small(), spec).values[:, 0]
    assert sorted((values * 8).astype(int)) == list(range(8))
    again = build_design(small(), spec).values[:, 0]
    other = build_design(small(), dataclasses.replace(spec, seed=1)).values[:, 0]
    assert np.array_equal(values, again)
    assert not np.array_equal(values, other)


def test_factorial_takes_midpoint_quantiles_and_lever_values():
    lever = Uncertainty("land_shares.share_fraction", Empirical(values=(0.0, 0.5, 0.8)))
    spec = ExperimentSpec(uncertainties=(RATE, lever), design="factorial", levels=(2, 3))
    design = build_design(small(), spec)
    rates = RATE.distribution.ppf([0.25, 0.75])
    expected = [[r, f] for r in rates for f in (0.0, 0.5, 0.8)]
    assert design.values.shape == (6, 2)
    np.testing.assert_array_equal(design.values, expected)


def test_correlation_is_honoured():
    spec = ExperimentSpec(
        uncertainties=(RATE, WAGE), samples=4000, correlation=((1.0, 0.7), (0.7, 1.0)), seed=3
    )
    values = build_design(small(), spec).values
    assert spearmanr(values[:, 0], values[:, 1]).statistic == pytest.approx(0.7, abs=0.04)


def test_integer_fields_round_to_the_nearest_whole_number():
    persons = Uncertainty("land_shares.persons", Uniform(low=100.0, high=200.0))
    spec = ExperimentSpec(
        uncertainties=(persons,), design="given", values=((150.4,), (150.6,), (151.5,))
    )
    design = build_design(small(), spec)
    assert design.integer == (True,)
    assert design.values[:, 0].tolist() == [150.0, 151.0, 152.0]


def test_no_uncertainty_means_one_sample_of_the_base_case():
    design = build_design(small(), ExperimentSpec(policies=TWO, replications=3))
    assert design.values.shape == (1, 0)
    assert design.runs(3) == 6


# -- runs: seeding contract, common random numbers ----------------------------------------------
def test_a_run_is_simulate_with_the_documented_seeds():
    sc = small()
    spec = ExperimentSpec(
        policies=TWO,
        uncertainties=(RATE,),
        design="given",
        values=((0.05,), (0.11,)),
        replications=2,
        seed=9,
    )
    res = run_experiment(sc, spec)
    root = as_seed_sequence(9)
    community = synthesize(sc.community, stream(root, "community"), sc.livelihood)
    policy = sc.policy("80% shares").reform("80% shares", {"land_shares.dividend_rate": 0.11})
    run = simulate(
        sc, policy, seed=child(root, "sample", 1, "replication", 0), community=community
    )
    record = reduce_run(run)
    for name in ("mean_income", "gini", "stakeholder_flows", "fiscal_cost_npv"):
        np.testing.assert_array_equal(
            res.sel(name, policy="80% shares", sample=1, replication=0), record[name]
        )


def test_identical_policies_see_identical_random_numbers():
    sc = small()
    cash = sc.policy("cash only")
    twin = Policy("cash again", cash.schemes, cash.payout)
    sc = dataclasses.replace(sc, policies=(*sc.policies, twin))
    res = run_experiment(sc, ExperimentSpec(policies=("cash only", "cash again"), replications=3))
    np.testing.assert_array_equal(res.outcomes["mean_income"][0], res.outcomes["mean_income"][1])
    assert res.winners_losers("cash again", "cash only").same == 1.0


def test_livelihood_inputs_move_the_baselines_too():
    low = ExperimentSpec(
        policies=("cash only",), uncertainties=(WAGE,), design="given", values=((600.0,),)
    )
    high = dataclasses.replace(low, values=((900.0,),))
    a, b = run_experiment(small(), low), run_experiment(small(), high)
    assert b.mean("mean_income_total")[0] > a.mean("mean_income_total")[0]
    assert 0.0 <= a.mean("restored_within_5y")[0] <= 1.0


def test_progress_counts_every_run_once():
    seen = []
    spec = ExperimentSpec(policies=TWO, uncertainties=(RATE,), samples=2, replications=3)
    run_experiment(small(), spec, progress=seen.append)
    assert sum(seen) == 12


class CountingExecutor(ThreadPoolExecutor):
    """Tracks how many submitted futures are unfinished at once."""

    def __init__(self):
        super().__init__(max_workers=2)
        self.live, self.most = set(), 0

    def submit(self, fn, /, *args, **kwargs):
        fut = super().submit(fn, *args, **kwargs)
        self.live = {f for f in self.live if not f.done()} | {fut}
        self.most = max(self.most, len(self.live))
        return fut


def test_at_most_max_pending_tasks_are_in_flight():
    spec = ExperimentSpec(policies=TWO, replications=20)
    with CountingExecutor() as ex:
        run_experiment(small(), spec, executor=ex, max_pending=3, runs_per_task=1)
    assert 1 <= ex.most <= 3


# -- the stopping rule --------------------------------------------------------------------------
def test_stopping_rule_reaches_its_target_and_is_deterministic():
    rule = StoppingRule(
        "mean_income_total",
        "80% shares",
        "cash only",
        half_width=15.0,
        batch=4,
        max_replications=60,
    )
    spec = ExperimentSpec(policies=TWO, replications=2, seed=3)
    # no marriage moves: the 2-year paired difference's noise the target was set for; 15
    # yuan (was 5, seed 4; then 10) since both policies pay the dibao, whose top-ups follow
    # each policy's own incomes and widen the paired difference, the more since the
    # transitional allowance and the collectives' land fee no longer count as income
    # (incomes nearer the dibao line; seed 3: reached at 14 runs, 10.3 yuan at 60)
    sc = small(demography=DemographyParams(marriage=False))
    res = run_experiment(sc, spec, stop=rule)
    d = res.difference("mean_income_total", "80% shares", "cash only")
    assert 2 < res.replications < 60
    assert (d.high - d.low) / 2 <= 15.0
    assert res.metadata["stopping"]["reached"]
    fixed = run_experiment(sc, dataclasses.replace(spec, replications=res.replications))
    assert fixed.identical(res)


def test_stopping_rule_gives_up_at_max_replications():
    rule = StoppingRule(
        "mean_income_total",
        "80% shares",
        "cash only",
        half_width=1e-9,
        batch=3,
        max_replications=5,
    )
    res = run_experiment(small(), ExperimentSpec(policies=TWO, replications=2), stop=rule)
    assert res.replications == 5
    assert not res.metadata["stopping"]["reached"]
