"""Shared pytest configuration: a Hypothesis profile, the Agg backend and the slow tier.

Tests marked ``slow`` (long checks CI does not need: the docs' whole-case tables, a
million households) are left out of a run given no ``-m`` expression, as the marker's
description in pyproject.toml says. Run them with ``python -m pytest -m slow``, or
everything with ``python -m pytest -m "slow or not slow"``.
"""

import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace

import matplotlib
import pytest
from hypothesis import HealthCheck, settings

from collective_econ.cases.caopijie import init_text
from collective_econ.runs import alerts

matplotlib.use("Agg")

settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("thorough", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


_ALERTS: list = []  # (helper name, arguments) -> its warnings, shared across tests


def _memoise_alerts(patch):
    """Patch the scenario-only warning helpers of ``alerts`` to reuse earlier results."""

    def memo(helper):
        def cached(*args):
            key = (helper.__name__, *args)
            for known, value in _ALERTS:
                if known == key:
                    return list(value)
            value = helper(*args)
            _ALERTS.append((key, list(value)))
            return value

        return cached

    patch.setattr(alerts, "_flat_inputs", memo(alerts._flat_inputs))
    patch.setattr(alerts, "_hidden_losses", memo(alerts._hidden_losses))


@pytest.fixture
def shared_alerts(monkeypatch):
    """Compute the appraisal-based warnings of a scenario once per test session.

    ``collective-econ run``, ``report`` and ``validate`` and the report call
    :func:`~collective_econ.runs.alerts.warnings_for`, whose flat-input and hidden-loss
    checks (seconds of Monte Carlo appraisals) depend only on the scenario and the
    sample count: a test using this fixture reuses them for an equal scenario instead
    of recomputing the same sentences (tests of the warnings themselves do not use it).
    """
    _memoise_alerts(monkeypatch)


@pytest.fixture(scope="module")
def shared_alerts_module():
    """:func:`shared_alerts` for a whole module (its module-scoped fixtures too)."""
    with pytest.MonkeyPatch.context() as patch:
        _memoise_alerts(patch)
        yield


# A fresh ``python -c CODE`` or ``python -m MODULE ARGS`` without the second of importing
# the package each time: a server process (a plain ``python -c``, MPLBACKEND=Agg)
# imports collective_econ, its command line and matplotlib once, then forks one child
# per job. The child takes the job's folder, environment, argv and files for stdout
# and stderr, runs the code or module as ``__main__`` and exits as Python would: a
# traceback and status 1 on an exception, the SystemExit status, atexit handlers run.
_SERVER = """
import json, os, runpy, sys, types
import collective_econ, collective_econ.report, collective_econ.runs.alerts, matplotlib.pyplot
for line in sys.stdin:
    job = json.loads(line)
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        os.chdir(job["cwd"])
        os.environ.clear()
        os.environ.update(job["env"])
        for fd, name in ((1, "out"), (2, "err")):
            os.dup2(os.open(job[name], os.O_WRONLY | os.O_CREAT | os.O_TRUNC), fd)
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        if job["module"]:  # python -m: sys.path[0] is the folder, argv[0] the module's file
            sys.path[0] = os.getcwd()
            sys.argv = ["-m", *job["args"]]
            runpy.run_module(job["module"], run_name="__main__", alter_sys=True)
        elif job["script"]:  # python FILE: sys.path[0] is the file's folder
            sys.path[0] = os.path.dirname(os.path.abspath(job["script"]))
            sys.argv = [job["script"], *job["args"]]
            runpy.run_path(job["script"], run_name="__main__")
        else:
            main = types.ModuleType("__main__")
            sys.modules["__main__"] = main
            sys.argv = ["-c", *job["args"]]
            exec(compile(job["code"], "<string>", "exec"), main.__dict__)
        raise SystemExit(0)
    _, status = os.waitpid(pid, 0)
    print(os.waitstatus_to_exitcode(status), flush=True)
"""


def _server_env():
    return {**os.environ, "MPLBACKEND": "Agg", "PYTHONPATH": os.pathsep.join(sys.path)}


def _job(folder, k, cwd, code, module, script, args, env):
    """The server's job line (a dict) and the files its stdout and stderr go to."""
    out, err = folder / f"{k}.out", folder / f"{k}.err"
    job = {"cwd": str(cwd), "env": env, "out": str(out), "err": str(err),
           "code": code, "module": module, "script": script and str(script),
           "args": [str(a) for a in args]}  # fmt: skip
    return job, out, err


def _result(status, out, err, cwd):
    read = {"encoding": "utf-8", "errors": "replace"}
    return SimpleNamespace(returncode=status, stdout=out.read_text(**read),
                           stderr=err.read_text(**read), cwd=Path(cwd))  # fmt: skip


def _key(cwd, code, module, script, args, env):
    """What makes two calls of ``fresh_python`` the same process (cwd only when given).

    The environment counts but for ``PYTEST_CURRENT_TEST``, which pytest sets during a
    test (and which the processes do not read).
    """
    env = {k: v for k, v in env.items() if k != "PYTEST_CURRENT_TEST"}
    return json.dumps([cwd and str(cwd), code, module, script and str(script),
                       [str(a) for a in args], env], sort_keys=True)  # fmt: skip


# Prefetched jobs: the suite runs in one process, on one core; a machine (a CI host) has
# two or more. A test module may declare the ``fresh_python`` calls of its tests that are
# independent of the rest of the session (the docs' code blocks, mypy, the README's first
# command in a fresh venv), in a module-level ``prefetch(item)`` returning a list of
# ``dict(code= | module= | script=, args=(), env=None, timeout=300[, cwd=][, folders=])``
# (``folders``: empty ones the test makes in its cwd before the call). When the
# selected tests are known, those of every selected test are started, in the tests'
# order, one after another in a second server on another core; the test's own call of
# ``fresh_python`` with the same arguments then takes that process's result (its exit
# status, stdout and stderr, and ``cwd``: the folder it ran in, a fresh empty one unless
# the declaration names one) instead of starting it again. Nothing is skipped: a test run
# alone, or a call that differs, runs its process as before.
_PREFETCH = SimpleNamespace(server=None, folder=None, pending={}, jobs=[], status=[])


def pytest_collection_finish(session):
    """Start the prefetched jobs of the selected tests (see ``_PREFETCH`` above)."""
    if session.config.option.collectonly or not hasattr(os, "fork"):
        return
    specs = []
    for item in session.items:
        declare = getattr(getattr(item, "module", None), "prefetch", None)
        if declare is not None:
            specs.extend(declare(item))
    if not specs:
        return
    folder = _PREFETCH.folder = Path(tempfile.mkdtemp(prefix="collective-econ-prefetch-"))
    lines = []
    for k, spec in enumerate(specs):
        given = spec.get("cwd")
        cwd = Path(given) if given else folder / f"cwd{k}"
        for name in ("", *spec.get("folders", ())):  # the empty folders the test makes
            (cwd / name).mkdir(exist_ok=True)
        env = dict(os.environ if spec.get("env") is None else spec["env"])
        fields = (spec.get("code"), spec.get("module"), spec.get("script"), spec.get("args", ()))
        job, out, err = _job(folder, k, cwd, *fields, env)
        _PREFETCH.pending.setdefault(_key(given, *fields, env), []).append(k)
        _PREFETCH.jobs.append((out, err, cwd, spec.get("timeout", 300)))
        lines.append(json.dumps(job) + "\n")
    (folder / "jobs").write_text("".join(lines), encoding="utf-8")
    with open(folder / "jobs", encoding="utf-8") as jobs:  # the server exits after the last
        _PREFETCH.server = subprocess.Popen([sys.executable, "-c", _SERVER], stdin=jobs,
                                            stdout=subprocess.PIPE, text=True,
                                            env=_server_env(), start_new_session=True)  # fmt: skip


def _prefetched(k):
    """The result of prefetched job ``k``, waiting for it (and those before it) to finish."""
    server = _PREFETCH.server
    while len(_PREFETCH.status) <= k:
        timeout = _PREFETCH.jobs[len(_PREFETCH.status)][3]
        if not select.select([server.stdout], [], [], timeout)[0]:
            os.killpg(server.pid, signal.SIGKILL)
            pytest.fail(f"a prefetched process ran over {timeout} s")
        line = server.stdout.readline()
        if not line:
            pytest.fail(f"the prefetching server died (status {server.wait()})")
        _PREFETCH.status.append(int(line))
    out, err, cwd, _ = _PREFETCH.jobs[k]
    return _result(_PREFETCH.status[k], out, err, cwd)


def pytest_sessionfinish(session):
    if _PREFETCH.server is not None:
        if _PREFETCH.server.poll() is None:  # a test stopped the session early (-x)
            os.killpg(_PREFETCH.server.pid, signal.SIGKILL)
        _PREFETCH.server.wait()
        _PREFETCH.server.stdout.close()
        _PREFETCH.server = None
        shutil.rmtree(_PREFETCH.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def fresh_python(tmp_path_factory):
    """``fresh_python(cwd, code= | module= | script=, args=(), env=None)``: a CompletedProcess.

    As ``subprocess.run([sys.executable, "-c", code | "-m", module | script, *args])``
    with ``cwd`` and ``env`` (this process's environment by default): a new process
    each call, forked from one that has already imported the package (see above).
    Where ``os.fork`` is missing, it runs exactly that subprocess. The result also has
    ``cwd``, the folder the process ran in: ``cwd``, or the prefetched process's own
    (see ``_PREFETCH`` above).
    """
    folder = tmp_path_factory.mktemp("fresh_python")
    server = None
    if hasattr(os, "fork"):
        pipe = subprocess.PIPE
        server = subprocess.Popen([sys.executable, "-c", _SERVER], stdin=pipe, stdout=pipe,
                                  text=True, env=_server_env())  # fmt: skip
    count = iter(range(10**9))

    def run(cwd, *, code=None, module=None, script=None, args=(), env=None, timeout=300):
        env = dict(os.environ if env is None else env)
        for given in (cwd, None):  # a prefetch naming this cwd, or one in a folder of its own
            ready = _PREFETCH.pending.get(_key(given, code, module, script, args, env))
            if ready:
                return _prefetched(ready.pop(0))
        if server is None:
            head = ["-m", module] if module else [str(script)] if script else ["-c", code]
            res = subprocess.run([sys.executable, *head, *args], cwd=cwd, env=env,
                                 capture_output=True, text=True, timeout=timeout,
                                 check=False)  # fmt: skip
            res.cwd = Path(cwd)
            return res
        job, out, err = _job(folder, next(count), cwd, code, module, script, args, env)
        server.stdin.write(json.dumps(job) + "\n")
        server.stdin.flush()
        if not select.select([server.stdout], [], [], timeout)[0]:
            server.kill()
            pytest.fail(f"ran over {timeout} s: {code or module or script} {args}")
        return _result(int(server.stdout.readline()), out, err, cwd)

    yield run
    if server is not None:
        server.stdin.close()
        server.wait(timeout=60)


@pytest.fixture(scope="session")
def tiny_case_file(tmp_path_factory):
    """The embedded case with a 600-resident community, as a scenario file (its path)."""
    text = init_text()
    for key, old, new in (("residents", 25000, 600), ("agricultural_residents", 1826, 400)):
        line = f"\n{key} = {old} "
        assert line in text, key  # the file's layout changed: update this fixture
        text = text.replace(line, f"\n{key} = {new} ")
    path = tmp_path_factory.mktemp("scenario") / "tiny.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def pytest_collection_modifyitems(config, items):
    """Deselect the ``slow`` tier unless a ``-m`` expression chooses what to run.

    Then move the modules that declare prefetched jobs (see ``_PREFETCH``) to the end,
    in their order: their tests wait for processes started when the session starts,
    which by then have run on another core while the rest of the suite ran.
    """
    if not config.option.markexpr:
        named = [a for a in config.args if "::" in a]  # a test named by its id still runs
        slow = [item for item in items if item.get_closest_marker("slow")
                and not any(item.nodeid.startswith(a) for a in named)]  # fmt: skip
        if slow:
            config.hook.pytest_deselected(items=slow)
            items[:] = [item for item in items if item not in slow]
    items.sort(key=lambda item: hasattr(getattr(item, "module", None), "prefetch"))  # stable
