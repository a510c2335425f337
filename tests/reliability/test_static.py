"""Static checks: ruff on the whole tree and mypy, strict, on the library.

They run as part of the test suite, so the README's one test command covers them;
each skips, saying why, where its tool is not installed (``pip install ruff mypy``,
or the ``dev`` extra). The configuration is pyproject.toml's, as for a developer
typing ``ruff check src tests examples benchmarks && mypy``.
"""

import importlib.util
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _tool(module):
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not installed in this environment (pip install {module})")
    return [sys.executable, "-m", module]


def _run(command):
    res = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False
    )
    return res.returncode, (res.stdout + res.stderr)[-6000:]


def test_mypy_is_configured_strict_on_the_library():
    mypy = PYPROJECT["tool"]["mypy"]
    assert mypy["strict"] is True
    assert mypy["files"] == ["src/collective_econ"]
    for override in mypy.get("overrides", []):  # third-party stubs only, never the library
        modules = override["module"]
        modules = [modules] if isinstance(modules, str) else modules
        assert not any(m.startswith("collective_econ") for m in modules), override


def test_ruff_finds_nothing():
    code, output = _run([*_tool("ruff"), "check", "src", "tests", "examples", "benchmarks"])
    assert code == 0, output


def prefetch(item):
    """mypy's run, started when the session starts (tests/conftest.py)."""
    if item.name == "test_mypy_strict_finds_nothing" and importlib.util.find_spec("mypy"):
        return [{"module": "mypy", "cwd": ROOT, "timeout": 600}]
    return []


def test_mypy_strict_finds_nothing(fresh_python):
    _tool("mypy")  # skips where mypy is not installed
    # as python -m mypy in ROOT, in a new process (forked from one that imported the package)
    res = fresh_python(ROOT, module="mypy", timeout=600)
    assert res.returncode == 0, (res.stdout + res.stderr)[-6000:]
