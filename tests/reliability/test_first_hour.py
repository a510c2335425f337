"""A new user's first hour: the README's first command, for real, from a clean copy.

From the files a fresh checkout has (git's tracked and unignored files, without
caches, virtual environments or earlier outputs), it creates a virtual environment
without the system's site-packages, installs the copy with pip as the README says
(``python -m pip install .``) and runs, from an empty folder, exactly

    collective-econ run

(the five policies, 20 samples of the case's uncertain inputs x 1 replication of 20
years each), then checks that it printed
the comparison and wrote ``collective-econ-run/`` with the HTML report, the CSV
tables and the plots, from the installed package rather than this source tree.

It takes about a minute (half installing, half running) and needs the package index:
where pip cannot reach it, the test skips, saying so. It runs in the default test
run; deselect it locally with ``-m "not first_hour"``. The steps run in a process of
their own (this file as a script), which tests/conftest.py starts on another core
when the session starts (``prefetch``): the test then waits for it and checks them.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import time
from fnmatch import fnmatch
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[2]
POLICIES = [
    "cash only",
    "80% shares",
    "shares + hogs",
    "full package",
    "package without collective projects",
]
TABLES = ["runs.csv", "yearly.csv", "summary.csv", "differences.csv", "design.csv"]
PLOTS = ["income_fan.png", "poverty.png", "winners_losers.png"]
JUNK = (".git", ".venv", "venv", "__pycache__", "*.pyc", "*.egg-info", "build", "dist")
JUNK += (".mypy_cache", ".ruff_cache", ".pytest_cache", ".hypothesis", "collective-econ-*")
OFFLINE = re.compile(
    r"NewConnectionError|Failed to establish a new connection|Temporary failure in name "
    r"resolution|Name or service not known|Network is unreachable|Max retries exceeded|"
    r"ProxyError|ConnectTimeout|ReadTimeout|SSLError|Could not fetch URL|"
    r"No matching distribution found|Could not find a version that satisfies",
    re.IGNORECASE,
)


def _register_marker(name, doc):
    """Register ``name`` under --strict-markers even before pyproject.toml lists it."""
    config = getattr(pytest.mark, "_config", None)  # pytest's MarkGenerator, once configured
    if config is None:
        return
    if not any(line.split(":")[0].strip() == name for line in config.getini("markers")):
        config.addinivalue_line("markers", f"{name}: {doc}")


_register_marker("first_hour", "installs the package in a fresh venv and runs the README command")
pytestmark = pytest.mark.first_hour


def clean_copy(dest):
    """The files of a fresh checkout of ROOT (plus uncommitted edits), copied to ``dest``."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        ).stdout.decode()
    except (OSError, subprocess.CalledProcessError):  # no git, or not a checkout
        shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(*JUNK))
        return dest
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        junk = any(fnmatch(part, pattern) for part in Path(name).parts for pattern in JUNK)
        if source.is_file() and not junk:  # not a deleted file, nor an earlier run's output
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    return dest


def _env():
    """The environment of a user's shell: nothing pointing at this source tree."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env.pop("VIRTUAL_ENV", None)
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def _sh(args, cwd, timeout):
    return subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def first_command(folder):
    """Copy, make the venv, install and run, in ``folder``: each step's process, as a dict.

    ``{"checkout" | "venv" | "install" | "where" | "run": {"returncode", "stdout",
    "stderr"}, "timings": {...}}``, stopping after the first step that fails; the
    test checks them. Run as a script (``python test_first_hour.py`` in an empty
    folder), it writes them to ``steps.json`` there.
    """
    steps, timings = {"timings": {}}, {}
    t0 = time.perf_counter()
    checkout = clean_copy(folder / "checkout")
    venv = folder / "venv"
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / "python"
    user = folder / "user"
    # the README: python -m pip install . && collective-econ run
    plan = [
        ("venv", [sys.executable, "-m", "venv", venv], folder, 300),
        ("install", [python, "-m", "pip", "install", "."], checkout, 1200),
        ("where", [python, "-c", "import collective_econ; print(collective_econ.__file__)"],
         user, 120),
        ("run", [bindir / "collective-econ", "run"], user, 1200),
    ]  # fmt: skip
    for name, args, cwd, timeout in plan:
        if name == "where":
            timings["install"] = time.perf_counter() - t0
            user.mkdir()
        t1 = time.perf_counter()
        done = _sh(args, cwd, timeout)
        timings[name] = time.perf_counter() - t1
        steps[name] = {"returncode": done.returncode, "stdout": done.stdout,
                       "stderr": done.stderr}  # fmt: skip
        if done.returncode != 0:
            break
    steps["timings"] = timings
    return steps


ENV = _env()  # as the session started (a test may leave a variable behind)


def prefetch(item):
    """The whole first command, started when the session starts (tests/conftest.py)."""
    return [{"script": Path(__file__), "env": ENV, "timeout": 2700}]


def test_the_readme_first_command_from_a_clean_copy(tmp_path, fresh_python):
    # first_command as a script in a new process, forked from one that has imported the
    # package, so that tests/conftest.py can start it on another core when the session
    # starts; ``res.cwd`` is the folder it ran in (tmp_path, or the prefetch's own)
    res = fresh_python(tmp_path, script=Path(__file__), env=ENV, timeout=2700)
    assert res.returncode == 0, res.stderr[-3000:]
    steps = json.loads((res.cwd / "steps.json").read_text(encoding="utf-8"))
    checkout, venv, user = res.cwd / "checkout", res.cwd / "venv", res.cwd / "user"
    assert (checkout / "pyproject.toml").is_file()
    assert not (checkout / ".git").exists()

    made = SimpleNamespace(**steps["venv"])
    assert made.returncode == 0, made.stderr[-3000:]
    assert "include-system-site-packages = false" in (venv / "pyvenv.cfg").read_text()

    installed = SimpleNamespace(**steps["install"])
    offline = [x for x in (installed.stdout + installed.stderr).splitlines() if OFFLINE.search(x)]
    if installed.returncode != 0 and offline:
        pytest.skip(f"pip cannot reach the package index: {offline[0].strip()[:300]}")
    assert installed.returncode == 0, (installed.stdout + installed.stderr)[-3000:]

    where = SimpleNamespace(**steps["where"])
    assert Path(where.stdout.strip()).is_relative_to(venv), where.stdout + where.stderr

    run = SimpleNamespace(**steps["run"])
    timings = steps["timings"]
    print(f"first hour: install {timings['install']:.0f} s, run {timings['run']:.0f} s")
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Traceback" not in run.stderr
    for name in POLICIES:  # the tables wrap a long name after 24 characters
        assert textwrap.wrap(name, 24)[0] in run.stdout, name
    # the main job samples the case's uncertain inputs (was 10 replications at defaults)
    assert (
        "5 policies x 20 samples of 10 uncertain inputs (Latin hypercube design) x 1 replication "
        "(seed 2010)" in run.stdout
    )

    out = user / "collective-econ-run"
    assert sorted(p.name for p in user.iterdir()) == ["collective-econ-run"]
    report = (out / "report.html").read_text(encoding="utf-8")
    assert report.lstrip().lower().startswith("<!doctype html")
    assert "Caopijie" in report
    assert "full package" in report
    for name in TABLES:
        lines = (out / name).read_text(encoding="utf-8").splitlines()
        assert len(lines) > 1, name  # a header and rows
    for name in PLOTS:
        assert (out / name).read_bytes().startswith(b"\x89PNG"), name
    runs = (out / "runs.csv").read_text(encoding="utf-8").splitlines()
    assert len(runs) == 1 + 5 * 20  # one row a run: five policies, 20 samples x 1 replication


if __name__ == "__main__":
    here = Path.cwd()
    (here / "steps.json").write_text(json.dumps(first_command(here)), encoding="utf-8")
