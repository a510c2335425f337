"""A catalogue of bad inputs, and what the library says about each.

Every row is one bad input a user can give: its id, a callable that gives it, the
error the library raises (a leaf of :class:`CollectiveEconError`) and a fragment of
its message. The error must be of exactly that type, and also the builtin that
``BUILTIN`` pairs it with (so that ``except ValueError`` works for callers who do not
know the library). Scenario-file rows also name the location of the problem
(``schemes.hogs.housholds``). A callable that takes arguments gets the fixtures of
those names (``finished_store``).

The command-line rows run ``python -m collective_econ.cli`` in a new process (forked
from one that has imported the package: ``fresh_python`` in tests/conftest.py), and
check the exit status, that stderr holds no traceback, and that the error is one
readable line (argparse's usage lines aside; a broken scenario file gets a headline
and one line per problem).

Rows in ``KNOWN_BUGS`` are bugs found by this catalogue, not fixed yet: strict
expected failures, so that a fix makes them pass and their line gets deleted.

Adding a case: add a row to the table it belongs to. Ids must stay distinct; the
module asserts that at least 50 distinct cases pass.
"""

import dataclasses
import math
import os
import sys
from collections.abc import Callable
from inspect import signature
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pytest

import collective_econ as ce
from collective_econ.cases.caopijie import default_scenario, init_text
from collective_econ.economy.schedule import Period, Schedule
from collective_econ.errors import (
    CollectiveEconError,
    ParameterError,
    ParameterTypeError,
    ShapeError,
)
from collective_econ.policy import Policy
from collective_econ.runs.experiment import run_experiment
from collective_econ.runs.spec import ExperimentSpec, build_design
from collective_econ.runs.stopping import StoppingRule
from collective_econ.runs.store import StoreError, StoreMismatchError
from collective_econ.scenario import Scenario, ScenarioFileError, loads

BUILTIN = {  # the contract: each library error is also this builtin
    ParameterError: ValueError,
    ParameterTypeError: TypeError,
    ShapeError: ValueError,
    ScenarioFileError: ValueError,
    StoreMismatchError: ValueError,
    StoreError: OSError,
}


class Case(NamedTuple):
    id: str
    trigger: Callable[..., Any]
    error: type[CollectiveEconError]
    fragment: str
    where: str | None = None  # scenario files: the location of the problem


SCENARIO = default_scenario()
SMALL = dataclasses.replace(
    SCENARIO,
    community=ce.CommunityParams(residents=600, agricultural_residents=400),
    horizon_years=1,
)
TINY = Scenario(
    "tiny",
    SCENARIO.policies,
    community=ce.CommunityParams(residents=400, agricultural_residents=150),
)
ONE = ("cash only",)
TEXT = init_text()


def edited(*pairs):
    """The embedded case's scenario file with each ``(old, new)`` replaced once."""
    text = TEXT
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


PARAMS = ("hogs.fcr", "hogs.feed_price", "hogs.hog_price")
NOT_PSD = TEXT + "".join(
    f'[[uncertainties]]\nparam = "{p}"\ndistribution = {{ kind = "fixed", value = 3.0 }}\n'
    for p in PARAMS
)
NOT_PSD += (
    "[correlation]\n"
    'names = ["hogs.fcr", "hogs.feed_price", "hogs.hog_price"]\n'
    "matrix = [[1.0, 0.9, -0.9], [0.9, 1.0, 0.9], [-0.9, 0.9, 1.0]]\n"
)
OVERLAPPING = TEXT + (
    '[policies.subsidised]\nbaseline = "shares + hogs"\nperiods = [\n'
    '  { scheme = "hogs", start = 0, end = 36, values = { per_head_subsidy = 50.0 } },\n'
    '  { scheme = "hogs", start = 24, values = { per_head_subsidy = 20.0 } },\n]\n'
)
N_UNC = TEXT.count("[[uncertainties]]")  # the case's own, before the bad one appended
TRIANGLE = TEXT + (
    '[[uncertainties]]\nparam = "hogs.fcr"\n'
    'distribution = { kind = "triangle", low = 2.6, mode = 3.0, high = 3.6 }\n'
)
UPSIDE_DOWN = TEXT + (
    '[[uncertainties]]\nparam = "hogs.hog_price"\n'
    'distribution = { kind = "uniform", low = 13.0, high = 11.0 }\n'
)
OVERLAP = (Period(0, 24, {"mortality": 0.1}), Period(12, None, {"mortality": 0.2}))
RATE = ce.Uncertainty("land_shares.dividend_rate", ce.Uniform(low=-0.5, high=-0.1))
HOG_PRICE = ce.Uncertainty("hogs.hog_price", ce.Uniform(low=10.0, high=14.0))

PARAMETERS = [
    Case("negative area", lambda: ce.TeaParams(area_mu=-1.0), ParameterError,
         "TeaParams.area_mu must be > 0, got -1.0"),
    Case("negative price", lambda: ce.HogParams(hog_price=-2.0), ParameterError,
         "HogParams.hog_price must be > 0, got -2.0"),
    Case("negative count", lambda: ce.HogParams(households=-3), ParameterError,
         "HogParams.households must be >= 1, got -3"),
    Case("negative job places", lambda: ce.JobType(places=-1), ParameterError,
         "JobType.places must be >= 0, got -1"),
    Case("fraction above 1", lambda: ce.LandSharesParams(share_fraction=1.5), ParameterError,
         "LandSharesParams.share_fraction must be within [0, 1], got 1.5"),
    Case("fraction below 0", lambda: ce.DibaoParams(take_up=-0.1), ParameterError,
         "DibaoParams.take_up must be within [0, 1], got -0.1"),
    Case("fraction in a tuple", lambda: ce.TeaParams(ramp=(0.0, 1.5)), ParameterError,
         "TeaParams.ramp[1] must be within [0, 1], got 1.5"),
    Case("NaN", lambda: ce.HotelParams(adr=math.nan), ParameterError,
         "HotelParams.adr must be finite, got nan"),
    Case("infinity", lambda: ce.HotelParams(total_investment=math.inf), ParameterError,
         "HotelParams.total_investment must be finite, got inf"),
    Case("herd below minimum", lambda: ce.HogParams(hogs_per_batch=50), ParameterError,
         "HogParams.hogs_per_batch must be >= 100, got 50"),
    Case("equity above investment", lambda: ce.HotelParams(total_investment=1e5),
         ParameterError,  # all three equity parts now count: residents', collective's, outside
         f"all equity <= total_investment (100000), got {ce.HotelParams().equity!r}"),
    Case("shares not summing to 1",
         lambda: ce.CommunityParams(age_shares=(0.2, 0.65, 0.23)), ParameterError,
         "CommunityParams.age_shares must be shares summing to 1"),
    Case("more farmers than residents",
         lambda: ce.CommunityParams(residents=100, agricultural_residents=200), ParameterError,
         "agricultural_residents must be <= residents (100), got 200"),
    Case("uniform low > high", lambda: ce.Uniform(low=2.0, high=1.0), ParameterError,
         "Uniform.low must be < high (1), got 2.0"),
    Case("triangular mode outside", lambda: ce.Triangular(low=0.0, mode=2.0, high=1.0),
         ParameterError, "Triangular.mode must be within [low, high] = [0, 1], got 2.0"),
    Case("PERT low > high", lambda: ce.PERT(low=3.0, mode=2.0, high=1.0), ParameterError,
         "PERT.low must be < high (1), got 3.0"),
    Case("negative sd", lambda: ce.Normal(mu=0.0, sd=-1.0), ParameterError,
         "Normal.sd must be > 0, got -1.0"),
    Case("mismatched tuple lengths",
         lambda: ce.CommunityParams(expropriation_months=(0, 12), expropriation_shares=(1.0,)),
         ParameterError, "expropriation_shares must be as long as expropriation_months"),
    Case("mismatched weights", lambda: ce.Empirical(values=(1.0, 2.0), weights=(1.0,)),
         ParameterError, "Empirical.weights must be as long as values (2 items), got (1.0,)"),
    Case("empty values", lambda: ce.Empirical(values=()), ParameterError,
         "Empirical.values must be non-empty, got ()"),
    Case("string for a number", lambda: ce.HogParams(hog_price="12"), ParameterTypeError,
         "HogParams.hog_price must be a real number, got '12'"),
    Case("fraction for a count", lambda: ce.HogParams(households=2.5), ParameterTypeError,
         "HogParams.households must be a whole number, got 2.5"),
    Case("None for a count", lambda: ce.CommunityParams(residents=None), ParameterTypeError,
         "CommunityParams.residents must be a whole number, got None"),
    Case("1 for a flag", lambda: ce.PayoutRule(vote=1), ParameterTypeError,
         "PayoutRule.vote must be True or False, got 1"),
    Case("wrong item type", lambda: ce.JobsParams(jobs=("x",)), ParameterTypeError,
         "JobsParams.jobs[0] must be a JobType, got 'x'"),
]  # fmt: skip

FINANCE = [
    Case("rate shape", lambda: ce.npv([0.1, 0.2], np.zeros((3, 4))), ShapeError,
         "rate must broadcast against flows.shape[:-1] = (3,), got shape (2,)"),
    Case("benefits and costs shapes", lambda: ce.benefit_cost_ratio([1, 2], [1, 2, 3], 0.1),
         ShapeError, "benefits and costs must have the same shape, got (2,) and (3,)"),
    Case("finance_rate shape", lambda: ce.mirr(np.zeros((2, 3)), [0.1, 0.1, 0.1], 0.1),
         ShapeError, "finance_rate must broadcast against flows.shape[:-1] = (2,)"),
    Case("annuity shapes", lambda: ce.annuity_payment([0.01, 0.02], [10, 20, 30], 1_000),
         ShapeError, "rate, periods and principal must broadcast"),
    Case("no periods", lambda: ce.npv(0.1, np.zeros((3, 0))), ShapeError,
         "flows must have at least one period on its last axis, got (3, 0)"),
    Case("rate = -1", lambda: ce.npv(-1.0, [1, 2]), ParameterError,
         "rate must be finite and > -1, got -1.0"),
    Case("rate < -1", lambda: ce.payback_period([-1, 2], -2), ParameterError,
         "rate must be finite and > -1, got -2.0"),
    Case("finance_rate < -1", lambda: ce.mirr([-1, 2], -1.5, 0.1), ParameterError,
         "finance_rate must be finite and > -1, got -1.5"),
    Case("infinite flow", lambda: ce.npv(0.1, [1, np.inf]), ParameterError,
         "flows[1] must be finite, got inf"),
    Case("NaN flow", lambda: ce.irr([-1, np.nan]), ParameterError,
         "flows[1] must be finite, got nan"),
    Case("negative costs", lambda: ce.benefit_cost_ratio([1, 2], [-1, 2], 0.1), ParameterError,
         "costs must be >= 0"),
    Case("zero annuity periods", lambda: ce.annuity_payment(0.1, 0, 100), ParameterError,
         "periods must be finite and > 0, got 0.0"),
    Case("interest-only too long",
         lambda: ce.loan_schedule(100.0, 0.1, 10, interest_only_periods=11), ParameterError,
         "interest_only_periods must be within [0, periods - 1 = 9], got 11"),
    Case("text flows", lambda: ce.npv(0.1, ["a", "b"]), ParameterTypeError,
         "flows must be a number or an array of numbers, got ['a', 'b']"),
    Case("ragged flows", lambda: ce.irr([[1, 2], [3]]), ParameterTypeError,
         "flows must be a number or an array of numbers"),
]  # fmt: skip

SCENARIO_FILES = [
    Case("syntax error", lambda: loads(edited(("seed = 2010", "seed = 20 10"))),
         ScenarioFileError, "(at line", where="syntax"),
    Case("wrong type",
         lambda: loads(edited(("share_fraction = 0.8", 'share_fraction = "0.8"'))),
         ScenarioFileError, "must be a real number, got '0.8' (a string)",
         where="schemes.land_shares.share_fraction"),
    Case("unknown key", lambda: loads(edited(("households = 100", "housholds = 100"))),
         ScenarioFileError, "unknown key 'housholds'; did you mean 'households'?",
         where="schemes.hogs.housholds"),
    Case("unknown scheme table", lambda: loads(edited(("[schemes.tea]", "[schemes.teas]"))),
         ScenarioFileError, "unknown scheme 'teas'; did you mean 'tea'?", where="schemes.teas"),
    Case("out of range",
         lambda: loads(edited(("hogs_per_batch = 100", "hogs_per_batch = 50"))),
         ScenarioFileError, "must be >= 100, got 50", where="schemes.hogs.hogs_per_batch"),
    Case("horizon 0", lambda: loads(edited(("horizon_years = 20", "horizon_years = 0"))),
         ScenarioFileError, "must be >= 1, got 0", where="scenario.horizon_years"),
    Case("unknown scheme in a policy", lambda: loads(edited(('add = ["hogs"]', 'add = ["hgos"]'))),
         ScenarioFileError, "unknown scheme 'hgos'; did you mean 'hogs'?",
         where='policies["shares + hogs"].add[0]'),
    Case("unknown baseline policy",
         lambda: loads(edited(('baseline = "full package"', 'baseline = "ful package"'))),
         ScenarioFileError, "unknown baseline policy 'ful package'; did you mean 'full package'?",
         where='policies["package without collective projects"].baseline'),
    Case("overlapping periods in a file", lambda: loads(OVERLAPPING), ScenarioFileError,
         "overlaps an earlier period of 'hogs' on ['per_head_subsidy']",
         where='policies["subsidised"].periods[1]'),
    Case("non-PSD correlation", lambda: loads(NOT_PSD), ScenarioFileError,
         "must be positive semi-definite", where="correlation.matrix"),
    Case("unknown distribution kind", lambda: loads(TRIANGLE), ScenarioFileError,
         "unknown distribution kind 'triangle'; did you mean 'triangular'?",
         where=f"uncertainties[{N_UNC}].distribution.kind"),
    Case("distribution low > high", lambda: loads(UPSIDE_DOWN), ScenarioFileError,
         "must be < high (11), got 13.0", where=f"uncertainties[{N_UNC}].distribution.low"),
    Case("unknown confidence",
         lambda: loads(edited(("residents = 25000",
                               'residents = { value = 25000, confidence = "guess" }'))),
         ScenarioFileError, "unknown confidence 'guess'",
         where="community.residents.confidence"),
    Case("newer format", lambda: loads(edited(("format = 1", "format = 2"))),
         ScenarioFileError, "must be 1, got 2", where="scenario.format"),
    Case("empty file", lambda: loads(""), ScenarioFileError,
         "must define at least one policy", where="policies"),
]  # fmt: skip

POLICIES = [
    Case("unknown scheme", lambda: Policy("p", {"hog": Schedule(ce.HogParams())}),
         ParameterError, "policies[\"p\"].hog must be a known scheme (did you mean 'hogs'?)"),
    Case("scheme with the wrong parameters",
         lambda: Policy("p", {"hogs": Schedule(ce.LandSharesParams())}), ParameterError,
         'policies["p"].hogs must be a Schedule of HogParams'),
    Case("unknown parameter",
         lambda: SCENARIO.policy("full package").reform("x", {"hogs.hog_prize": 1.0}),
         ParameterError, "hogs.hog_prize must be a parameter of HogParams (did you mean"),
    Case("negative count in a policy",
         lambda: SCENARIO.policy("full package").reform("full", {"hogs.households": -3}),
         ParameterError, 'policies["full"].hogs.households must be >= 1, got -3'),
    Case("change to a scheme the policy lacks",
         lambda: SCENARIO.policy("80% shares").reform("x", {"hogs.households": 3}),
         ParameterError, 'policies["x"].hogs must be a scheme of this policy'),
    Case("removing a scheme the policy lacks",
         lambda: SCENARIO.policy("80% shares").reform("x", remove=["tea"]), ParameterError,
         'policies["x"].remove must be a scheme of the baseline'),
    Case("unknown policy", lambda: SCENARIO.policy("ful package"), ParameterError,
         "(did you mean 'full package'?), got 'ful package'"),
    Case("overlapping dates", lambda: Schedule(ce.HogParams(), OVERLAP), ParameterError,
         "periods[1] must be not overlapping periods[0] on ['mortality']"),
    Case("empty period",
         lambda: Schedule(ce.HogParams(), (Period(5, 5, {"mortality": 0.1}),)), ParameterError,
         "periods[0] must be a range with 0 <= start < end, got (5, 5)"),
    Case("out-of-range value in a period",
         lambda: Schedule(ce.HogParams(), (Period(0, 5, {"mortality": 0.9}),)), ParameterError,
         "HogParams.mortality must be within [0, 0.5], got 0.9"),
    Case("community too small",
         lambda: ce.simulate(TINY, "shares + hogs", seed=1, horizon_years=1), ParameterError,
         "policies[\"shares + hogs\"].hogs.households must be <= the community's landless"),
]  # fmt: skip

EXPERIMENTS = [
    Case("zero replications", lambda: ExperimentSpec(replications=0), ParameterError,
         "ExperimentSpec.replications must be a whole number >= 1, got 0"),
    Case("Sobol samples not a power of two",
         lambda: ExperimentSpec(design="sobol", samples=12), ParameterError,
         "samples must be a power of two with design='sobol' (e.g. 16), got 12"),
    Case("unknown design", lambda: ExperimentSpec(design="lhss"), ParameterError,
         "(did you mean 'lhs'?), got 'lhss'"),
    Case("unknown outcome", lambda: StoppingRule("mean_incme", "cash only", "80% shares", 1.0),
         ParameterError, "(did you mean 'mean_income'?), got 'mean_incme'"),
    Case("uncertainty in no policy",
         lambda: build_design(SMALL, ExperimentSpec(policies=ONE, uncertainties=(HOG_PRICE,))),
         ParameterError, "(no policy of the experiment has 'hogs'), got 'hogs.hog_price'"),
    Case("samples outside a parameter's rule",
         lambda: build_design(SMALL, ExperimentSpec(policies=ONE, uncertainties=(RATE,))),
         ParameterError, "sampled within the rule of land_shares.dividend_rate (within [0, 1])"),
    Case("not an executor", lambda: run_experiment(SMALL, ExperimentSpec(), executor=4),
         ParameterTypeError, "executor must be a concurrent.futures.Executor"),
    Case("resume against a different seed",
         lambda finished_store: run_experiment(
             SMALL, ExperimentSpec(policies=ONE, seed=2), store=finished_store, resume=True
         ),
         StoreMismatchError, "the spec differs in ['seed']"),
    Case("rerun into a finished store without resume",
         lambda finished_store: run_experiment(
             SMALL, ExperimentSpec(policies=ONE, seed=1), store=finished_store
         ),
         StoreError, "already holds an experiment: resume it"),
]  # fmt: skip

WRONG_TYPES = [  # the other rows' contract, at doors that once did not check (fixed)
    Case("parameters of another scheme", lambda: ce.appraise("hotel", ce.HogParams()),
         ParameterTypeError, "HotelParams"),
    Case("a number for a policy", lambda: ce.simulate(SMALL, 42, seed=1), ParameterTypeError,
         "policy"),
    Case("negative seed", lambda: ce.simulate(SMALL, "cash only", seed=-1), ParameterError,
         "seed must be >= 0, got -1"),
    Case("text for a seed", lambda: ce.monte_carlo("hotel", n=10, seed="x"),
         ParameterTypeError, "seed must be an int"),
    Case("text for a period's start",
         lambda: Schedule(ce.HogParams(), (Period("a", None, {"mortality": 0.1}),)),
         ParameterTypeError, "periods[0]"),
]  # fmt: skip

CASES = PARAMETERS + FINANCE + SCENARIO_FILES + POLICIES + EXPERIMENTS + WRONG_TYPES

KNOWN_BUGS: dict[str, tuple[type[BaseException], str]] = {
    # id: (what is raised instead, why); strict: fix the bug, then delete its line.
    # The eight bugs this catalogue found first are fixed (see docs/reliability.md).
}


def table(rows):
    """The rows as test parameters, known bugs marked as strict expected failures."""
    params = []
    for row in rows:
        marks = []
        if row.id in KNOWN_BUGS:
            raised, why = KNOWN_BUGS[row.id]
            marks.append(pytest.mark.xfail(raises=raised, reason=f"bug: {why}", strict=True))
        params.append(pytest.param(row, id=row.id, marks=marks))
    return params


@pytest.fixture(scope="module")
def finished_store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("finished")
    run_experiment(SMALL, ExperimentSpec(policies=ONE, seed=1), store=folder)
    return folder


@pytest.mark.parametrize("bad", table(CASES))
def test_bad_input_raises_the_library_error_with_its_message(bad, request):
    fixtures = [request.getfixturevalue(name) for name in signature(bad.trigger).parameters]
    with pytest.raises(bad.error) as info:
        bad.trigger(*fixtures)
    err = info.value
    assert type(err) is bad.error
    assert isinstance(err, CollectiveEconError)
    assert isinstance(err, BUILTIN[bad.error])
    assert bad.fragment in str(err)
    if bad.where is not None:
        assert all(p.location and p.message for p in err.problems)
        assert bad.where in [p.location for p in err.problems]


# -- the command line ----------------------------------------------------------------------------
BROKEN = edited(("households = 100 ", "households = -3 "))  # of the hog scheme
BROKEN_LINE = TEXT[: TEXT.index("households = 100 ")].count("\n") + 1


class Cli(NamedTuple):
    id: str
    args: list[str]
    status: int
    fragment: str
    output: str = "error"  # error | usage | problems | report: what the output looks like


CLI_CASES = [
    Cli("cli: negative --samples", ["appraise", "--samples", "-5"], 2,
        "argument --samples: must be >= 0, got -5", "usage"),
    Cli("cli: non-numeric --samples", ["appraise", "--samples", "many"], 2,
        "argument --samples: invalid", "usage"),
    Cli("cli: Sobol --samples not a power of two",
        ["sensitivity", "--method", "sobol", "--samples", "12", "--outcome", "hotel:households"],
        2, "n must be a power of two such as 16, got 12"),
    Cli("cli: unknown scheme", ["appraise", "--scheme", "hotl", "--samples", "0"], 2,
        "scheme must be one of agro_park, enterprise, hogs"),
    Cli("cli: infinite rate", ["appraise", "--rate", "inf", "--samples", "0"], 2,
        "rate must be finite and > -1, got inf"),
    Cli("cli: unknown policy", ["run", "--policy", "nope", "--horizon", "1"], 2,
        "--policy must be the name of one of the scenario's policies: 'cash only', "
        "'80% shares'"),
    Cli("cli: --resume without --out", ["run", "--resume"], 2,
        "--resume must be given with --out DIR"),
    Cli("cli: validate a broken file", ["validate", "broken.toml"], 2,
        f"broken.toml:{BROKEN_LINE}: schemes.hogs.households: must be >= 1, got -3", "report"),
    Cli("cli: run a broken file", ["run", "broken.toml", "--horizon", "1"], 2,
        "broken.toml: 1 problem", "problems"),
    Cli("cli: run a missing file", ["run", "missing.toml"], 2,
        "missing.toml: 1 problem", "problems"),
    Cli("cli: unknown sensitivity outcome",
        ["sensitivity", "--outcome", "mean_incme_total", "--horizon", "1"], 2,
        "did you mean 'mean_income_total'?"),
    Cli("cli: unknown stakeholder", ["sensitivity", "--outcome", "hotel:housholds"], 2,
        "stakeholder must be one of households"),
    Cli("cli: report of a folder that is not a run", ["report", "."], 2,
        "DIR must be the output folder of 'collective-econ run'"),
    Cli("cli: init over an existing file", ["init", "broken.toml"], 2,
        "FILE must be a new file (or use --force)"),
    Cli("cli: init under a file", ["init", "broken.toml/my.toml"], 2, "broken.toml/my.toml"),
    Cli("cli: --csv under a file",
        ["appraise", "--scheme", "hotel", "--samples", "0", "--csv", "broken.toml/a.csv"], 2,
        "broken.toml"),  # the file in the way of the folder
    Cli("cli: sensitivity --out under a file",
        ["sensitivity", "--outcome", "hotel:households", "--method", "morris", "--samples", "2",
         "--out", "broken.toml/s"], 2, "broken.toml/s"),
]  # fmt: skip

IDS = {c.id for c in CASES} | {c.id for c in CLI_CASES}
assert len(IDS) == len(CASES) + len(CLI_CASES), "case ids must be distinct"
assert set(KNOWN_BUGS) <= IDS
N_CASES = len(IDS)  # distinct bad inputs
assert N_CASES - len(KNOWN_BUGS) >= 50, N_CASES  # handled as they should be, today


@pytest.fixture(scope="module")
def cli_results(tmp_path_factory, fresh_python):
    """Every command-line case, each ``python -m collective_econ.cli`` in a new process.

    The processes are forked from one that has imported the package (tests/conftest.py),
    which saves each case's cold start of ~1 s.
    """
    folder = tmp_path_factory.mktemp("cli")
    (folder / "broken.toml").write_text(BROKEN, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "MPLBACKEND": "Agg"}
    return {
        c.id: fresh_python(folder, module="collective_econ.cli", args=c.args, env=env)
        for c in CLI_CASES
    }


@pytest.mark.parametrize("bad", table(CLI_CASES))
def test_the_command_line_refuses_in_one_readable_line(bad, cli_results):
    res = cli_results[bad.id]
    assert res.returncode == bad.status, res.stderr[-2000:]
    assert "Traceback" not in res.stderr + res.stdout
    lines = res.stderr.strip().splitlines()
    head = f"collective-econ {bad.args[0]}: error: "
    if bad.output == "report":  # validate: the problems on stdout, each with its line
        assert lines == []
        assert bad.fragment in res.stdout
        assert res.stdout.strip().splitlines()[-1].endswith("1 problem")
    elif bad.output == "usage":  # argparse: its usage, then one error line
        assert lines[0].startswith("usage: collective-econ")
        assert lines[-1].startswith(head)
        assert bad.fragment in lines[-1]
    elif bad.output == "problems":  # a broken file: a headline, then one line per problem
        assert lines[0].startswith(head)
        assert bad.fragment in lines[0]
        assert len(lines) == 2
        assert lines[1].startswith("  ")
    else:
        assert len(lines) == 1, lines
        assert lines[0].startswith(head)
        assert bad.fragment in lines[0]


def test_the_reliability_page_counts_this_catalogue():
    """docs/reliability.md quotes the catalogue's size and its rows by area: from this table."""
    page = (Path(__file__).resolve().parents[2] / "docs/reliability.md").read_text("utf-8")
    assert f"one table of {N_CASES} distinct bad inputs" in page
    assert f"| {N_CASES} cases, all passing |" in page
    areas = {
        "parameter classes": PARAMETERS,
        "finance functions": FINANCE,
        "scenario files (through `loads`)": SCENARIO_FILES,
        "policies": POLICIES,
        "experiment designs": EXPERIMENTS,
        "wrong types at doors that do not check them yet": WRONG_TYPES,
        "the command line": CLI_CASES,
    }
    for area, rows in areas.items():
        assert f"| {area} | {len(rows)} |" in page, area
    assert sum(map(len, areas.values())) == N_CASES
