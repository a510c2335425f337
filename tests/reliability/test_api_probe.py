"""An API probe (issue 14): every public callable with bad arguments raises library errors only.

Each function and input class of ``collective_econ.__all__`` is called with valid,
cheap arguments (:data:`VALID`), then with one argument at a time replaced by each
of :data:`BAD` (None, [], "x", -1, nan, a huge int). Every call must return or
raise a :class:`~collective_econ.errors.CollectiveEconError` (which also
subclasses the matching builtin): no bare ``TypeError``, ``AttributeError``,
``ValueError``... And the one type policy: where a Python ``int`` or ``float``
argument works, the same value as a numpy integer or float works too.

The probe runs in a child process with a memory limit (4 GB of address space)
and a time limit per call, so a call that asks for too much cannot take the test
machine down; ``benchmarks/boundary_sweep.py --api`` prints the same counts.
"""

from __future__ import annotations

import dataclasses
import inspect
import json
import math
import os
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

BAD: tuple[tuple[str, Any], ...] = (
    ("None", None),
    ("[]", []),
    ('"x"', "x"),
    ("-1", -1),
    ("nan", math.nan),
    ("10**30", 10**30),
)
"""The bad arguments, with the label the report shows."""

SKIPPED = {
    "Appraisal": "a result record, built by appraise",
    "AppraisalRow": "a result record, built by appraisal_table",
    "CaseFacts": "the case's published figures, a record",
    "Comparison": "a result record, built by compare",
    "Community": "a record of arrays, built by synthesize or from_table (which are probed)",
    "Distribution": "abstract",
    "ExperimentResults": "a result record, built by run_experiment",
    "Finding": "a result record, built by check_case",
    "Ledger": "the engine's books, built by simulate",
    "LoanSchedule": "a result record, built by loan_schedule",
    "RunId": "a named tuple of three ints, a key",
    "RunResult": "a result record, built by simulate",
    "Scheme": "a scheme's definition, a record (SCHEMES holds them)",
    "Source": "an enum",
    "Stakeholder": "an enum",
}
"""Public names not probed, and why: records the library builds, not inputs it checks."""

KNOWN_RESOURCE_FAILURES: set[tuple[str, str, str]] = set()
"""Calls known to fail with a bare builtin (none now): strict, so a fix makes the test fail
until its line is deleted."""

MEMORY_LIMIT = 4 * 2**30  # bytes of address space for the probing process
CALL_LIMIT = 20.0  # seconds a call


def valid_arguments() -> dict[str, tuple[Callable[..., Any], dict[str, Any]]]:
    """Each probed public name: the callable and cheap valid keyword arguments for it."""
    import collective_econ as ce
    from collective_econ.economy.community import CommunityParams
    from collective_econ.economy.schedule import Schedule
    from collective_econ.schemes import HotelParams

    small = dataclasses.replace(
        ce.default_scenario(),
        community=CommunityParams(residents=1200, agricultural_residents=700, groups=2),
    )
    rng = np.random.default_rng(1)
    hotel = Schedule(HotelParams())
    table = Path(tempfile.mkdtemp()) / "households.csv"
    table.write_text(
        "group,size,land_mu,expropriation_month\n0,3,2.0,0\n1,4,3.0,-1\n", encoding="utf-8"
    )
    household_table = {"group": [0, 1], "size": [3, 4], "land_mu": [2.0, 3.0],
                       "expropriation_month": [0, -1]}  # fmt: skip
    valid: dict[str, tuple[Callable[..., Any], dict[str, Any]]] = {
        "PERT": (ce.PERT, {"low": 1.0, "mode": 2.0, "high": 4.0, "lamb": 4.0}),
        "Empirical": (ce.Empirical, {"values": (1.0, 2.0), "weights": (1.0, 3.0)}),
        "Fixed": (ce.Fixed, {"value": 0.08}),
        "LogNormal": (ce.LogNormal, {"mean": 12.0, "cv": 0.2}),
        "Normal": (ce.Normal, {"mu": 5.75, "sd": 0.45, "low": 4.0, "high": 7.0}),
        "Triangular": (ce.Triangular, {"low": 0.5, "mode": 0.58, "high": 0.65}),
        "Uniform": (ce.Uniform, {"low": 0.06, "high": 0.1}),
        "Period": (ce.Period, {"start": 0, "end": 12, "values": {"occupancy": 0.5}}),
        "Policy": (ce.Policy, {"name": "hotel", "schemes": {"hotel": hotel}}),
        "Schedule": (ce.Schedule, {"base": HotelParams()}),
        "Scenario": (ce.Scenario, {"name": "probe", "policies": small.policies[:1]}),
        "ExperimentSpec": (ce.ExperimentSpec, {"policies": ("cash only",), "replications": 1,
                                               "horizon_years": 1, "seed": 1}),
        "StoppingRule": (ce.StoppingRule, {"outcome": "poverty_long", "policy_a": "cash only",
                                           "policy_b": "80% shares", "half_width": 0.01,
                                           "batch": 10, "max_replications": 20}),
        "Uncertainty": (ce.Uncertainty, {"param": "hotel.occupancy",
                                         "distribution": ce.Uniform(low=0.5, high=0.6)}),
        "annuity_payment": (ce.annuity_payment, {"rate": 0.05, "periods": 10,
                                                 "principal": 1000.0}),
        "appraisal_table": (ce.appraisal_table, {"schemes": ["hotel"], "samples": 2, "seed": 1,
                                                 "rate": 0.08, "horizon_years": 3}),
        "appraise": (ce.appraise, {"scheme": "hotel", "horizon_years": 3}),
        "benefit_cost_ratio": (ce.benefit_cost_ratio, {"benefits": [0.0, 5.0, 5.0],
                                                       "costs": [8.0, 0.0, 0.0], "rate": 0.05}),
        "check_case": (ce.check_case, {}),
        "compare": (ce.compare, {"scenario": small, "policies": ["cash only"], "replications": 1,
                                 "seed": 1, "horizon_years": 1}),
        "default_scenario": (ce.default_scenario, {}),
        "fgt": (ce.fgt, {"x": [1000.0, 3000.0], "line": 2300.0, "alpha": 1, "axis": -1}),
        "from_table": (ce.from_table, {"households": household_table, "rng": rng}),
        "gini": (ce.gini, {"x": [1.0, 2.0, 3.0], "axis": -1}),
        "irr": (ce.irr, {"flows": [-100.0, 60.0, 60.0]}),
        "loan_schedule": (ce.loan_schedule, {"principal": 1000.0, "rate": 0.05, "periods": 3,
                                             "interest_only_periods": 1}),
        "lorenz": (ce.lorenz, {"x": [1.0, 2.0, 3.0]}),
        "mirr": (ce.mirr, {"flows": [-100.0, 60.0, 60.0], "finance_rate": 0.05,
                           "reinvest_rate": 0.05}),
        "monte_carlo": (ce.monte_carlo, {"scheme": "hotel", "n": 2, "seed": 1,
                                         "horizon_years": 3}),
        "npv": (ce.npv, {"rate": 0.05, "flows": [-100.0, 60.0, 60.0]}),
        "paired_difference": (ce.paired_difference, {"a": [1.0, 2.0, 3.0], "b": [1.5, 2.0, 2.0],
                                                     "axis": 0, "confidence": 0.95}),
        "payback_period": (ce.payback_period, {"flows": [-100.0, 60.0, 60.0], "rate": 0.0}),
        "read_csv": (ce.read_csv, {"path": table, "rng": rng}),
        "restoration": (ce.restoration, {"income": [[1.0, 2.0, 3.0, 3.0]], "baseline": [2.0],
                                         "window": 2}),
        "run_experiment": (ce.run_experiment, {"scenario": small, "spec": ce.ExperimentSpec(
            policies=("cash only",), horizon_years=1, seed=1)}),
        "sample_correlated": (ce.sample_correlated, {
            "distributions": [ce.Uniform(low=0.0, high=1.0), ce.Fixed(value=1.0)],
            "correlation": [[1.0, 0.5], [0.5, 1.0]], "n": 4, "rng": rng}),
        "simulate": (ce.simulate, {"scenario": small, "policy": "cash only", "seed": 1,
                                   "horizon_years": 1}),
        "synthesize": (ce.synthesize, {"params": small.community, "rng": rng}),
        "validate_correlation": (ce.validate_correlation, {"matrix": [[1.0, 0.5], [0.5, 1.0]]}),
        "weighted_quantile": (ce.weighted_quantile, {"x": [1.0, 2.0, 3.0], "q": 0.5,
                                                     "axis": -1}),
        "winners_losers": (ce.winners_losers, {"a": [1.0, 2.0], "b": [2.0, 1.0],
                                               "tolerance": 0.0, "confidence": 0.95}),
    }  # fmt: skip
    for name in ce.__all__:
        obj = getattr(ce, name)
        if name in valid or name in SKIPPED or not callable(obj):
            continue
        if isinstance(obj, type) and issubclass(obj, BaseException):
            continue
        if isinstance(obj, type) and dataclasses.is_dataclass(obj):  # parameter classes
            valid[name] = (obj, {})
        else:
            raise AssertionError(f"{name} is public and neither probed nor skipped")
    return valid


def probe_cases() -> list[tuple[str, str, str]]:
    """``(name, argument, label)`` for every call the probe makes (the valid call first)."""
    cases = []
    for name, (func, kwargs) in valid_arguments().items():
        params = [p for p in inspect.signature(func).parameters.values()
                  if p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL)]  # fmt: skip
        cases.append((name, "", "valid"))
        for p in params:
            cases += [(name, p.name, label) for label, _ in BAD]
            value = kwargs.get(p.name, p.default)
            if type(value) in (int, float):
                cases.append((name, p.name, "numpy"))
    return cases


class _Hung(BaseException):
    """A call past its time limit (not an Exception, so the call cannot swallow it)."""


def _classify(call: Callable[[], Any]) -> tuple[str, str]:
    from collective_econ.errors import CollectiveEconError

    try:
        call()
    except CollectiveEconError as err:
        return "library", type(err).__name__
    except Exception as err:  # a bare builtin (or another library's error)
        return "bare", f"{type(err).__name__}: {str(err)[:200]}"
    return "ok", ""


def run_probe() -> list[dict[str, str]]:
    """Make every call of :func:`probe_cases`; one record per call (run in a child process)."""
    import signal
    import warnings

    warnings.simplefilter("ignore")  # overflow warnings of nonsense inputs are not the point

    def on_alarm(signum: int, frame: object) -> None:
        raise _Hung

    signal.signal(signal.SIGALRM, on_alarm)
    valid = valid_arguments()
    bad = dict(BAD)
    out = []
    for name, arg, label in probe_cases():
        func, kwargs = valid[name]
        if label == "valid":
            given = dict(kwargs)
        elif label == "numpy":
            value = kwargs.get(arg, inspect.signature(func).parameters[arg].default)
            given = {**kwargs, arg: np.int64(value) if type(value) is int else np.float64(value)}
        else:
            given = {**kwargs, arg: bad[label]}
        signal.setitimer(signal.ITIMER_REAL, CALL_LIMIT)
        try:
            outcome, why = _classify(lambda f=func, g=given: f(**g))
        except _Hung:
            outcome, why = "hung", f"over {CALL_LIMIT:g} s"
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        out.append({"name": name, "arg": arg, "label": label, "outcome": outcome, "why": why})
    return out


def probe_in_child(cwd: Path, timeout: float = 600.0) -> list[dict[str, str]]:
    """:func:`run_probe` in a child process with a memory limit, working in ``cwd`` (calls
    given a folder name such as ``"x"`` write there); its records."""
    code = (
        "import json, resource, sys\n"
        f"resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_LIMIT}, {MEMORY_LIMIT}))\n"
        f"sys.path.insert(0, {str(Path(__file__).resolve().parent)!r})\n"
        "import test_api_probe\n"
        "print(json.dumps(test_api_probe.run_probe()))\n"
    )
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "COLLECTIVE_ECON_MEMORY_LIMIT": "2GB"}
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        cwd=cwd,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    records: list[dict[str, str]] = json.loads(done.stdout.strip().splitlines()[-1])
    return records


def failures(records: list[dict[str, str]]) -> list[str]:
    """The calls that broke a rule: a bare builtin, a hang, a valid or numpy call refused."""
    out = []
    for r in records:
        where = f"{r['name']}({r['arg'] or '...'}={r['label']})"
        if r["outcome"] in ("bare", "hung"):
            out.append(f"{where}: {r['outcome']}: {r['why']}")
        elif r["label"] in ("valid", "numpy") and r["outcome"] != "ok":
            out.append(f"{where}: refused: {r['why']}")
    return out


def test_every_public_callable_raises_library_errors_only(tmp_path: Path) -> None:
    records = probe_in_child(tmp_path)
    counts = Counter(r["outcome"] for r in records)
    known = [r for r in records if (r["name"], r["arg"], r["label"]) in KNOWN_RESOURCE_FAILURES]
    fixed = [r for r in known if r["outcome"] != "bare"]
    assert not fixed, f"fixed, delete from KNOWN_RESOURCE_FAILURES: {fixed}"
    records = [r for r in records if r not in known]
    broken = failures(records)
    assert not broken, f"{len(broken)} of {len(records)} calls:\n" + "\n".join(broken)
    assert len(records) > 500
    assert counts["library"] > 300
    assert sum(r["label"] == "numpy" for r in records) > 100


def test_the_probe_names_a_bare_builtin() -> None:
    """A planted bare error is caught by the classification."""

    def bare() -> None:
        raise AttributeError("planted")

    assert _classify(bare)[0] == "bare"
    broken = failures([{"name": "f", "arg": "x", "label": "None", "outcome": "bare", "why": ""}])
    assert broken
