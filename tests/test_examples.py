"""The examples run, in a fresh process, and print exactly their committed output.

Each ``examples/<name>.py`` is run with this interpreter from a temporary folder, and
its standard output compared with ``examples/<name>.out`` (trailing whitespace aside).
``COLLECTIVE_ECON_UPDATE_EXAMPLES=1`` rewrites the ``.out`` files instead: review the
diff before committing it.
"""

import ast
import difflib
import importlib.util
import os
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
NAMES = sorted(p.stem for p in EXAMPLES.glob("*.py"))
PLOTS = {"compare_compensation": ["compare_compensation_fan.png"]}
TIMEOUT = 120  # seconds per example; together they take about 25 s on 2 cores
UPDATE = os.environ.get("COLLECTIVE_ECON_UPDATE_EXAMPLES") == "1"
SEEDED = {"default_rng", "SeedSequence", "Generator"}  # np.random names without global state


def _normalise(text):
    return "\n".join(line.rstrip() for line in text.rstrip().splitlines()) + "\n"


def test_there_are_examples():
    assert len(NAMES) >= 6


# the environment as the session started (a test may leave a variable behind), and
# EXAMPLES_PLOT_DIR relative: the folder ``plots`` in the one the example runs in
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "MPLBACKEND": "Agg",
       "EXAMPLES_PLOT_DIR": "plots"}  # fmt: skip


def prefetch(item):
    """The examples' processes, started when the session starts (tests/conftest.py)."""
    if item.originalname != "test_example_prints_its_expected_output":
        return []
    name = item.callspec.params["name"]
    if name == "run_on_dask" and importlib.util.find_spec("distributed") is None:
        return []
    return [{"script": EXAMPLES / f"{name}.py", "env": ENV, "timeout": TIMEOUT,
             "folders": ["plots"]}]  # fmt: skip


@pytest.mark.parametrize("name", NAMES)
def test_example_prints_its_expected_output(name, tmp_path, fresh_python):
    if name == "run_on_dask":
        pytest.importorskip("distributed")
    (tmp_path / "plots").mkdir()
    # as python examples/NAME.py, in a new process forked from one that has imported
    # the package (fresh_python in tests/conftest.py), which may have started it on
    # another core when the session started: ``proc.cwd`` is the folder it ran in
    proc = fresh_python(tmp_path, script=EXAMPLES / f"{name}.py", env=ENV, timeout=TIMEOUT)
    plots = proc.cwd / "plots"
    assert proc.returncode == 0, f"{name}.py failed:\n{proc.stderr}"
    assert list(proc.cwd.iterdir()) == [plots], "an example wrote outside EXAMPLES_PLOT_DIR"
    assert sorted(p.name for p in plots.iterdir()) == PLOTS.get(name, [])
    assert all(p.stat().st_size > 0 for p in plots.iterdir())
    out = EXAMPLES / f"{name}.out"
    if UPDATE:
        out.write_text(_normalise(proc.stdout), encoding="utf-8")
        pytest.skip(f"rewrote {out.name}")
    expected = _normalise(out.read_text(encoding="utf-8"))
    actual = _normalise(proc.stdout)
    diff = "".join(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            f"examples/{name}.out",
            "stdout",
        )
    )
    assert actual == expected, f"{name}.py's output differs from {name}.out:\n{diff}"


def test_every_example_has_an_expected_output_and_a_readme_line():
    outs = sorted(p.stem for p in EXAMPLES.glob("*.out"))
    assert outs == NAMES
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    missing = [n for n in NAMES if f"`examples/{n}.py`" not in readme]
    assert not missing, f"examples/README.md does not list {missing}"


@pytest.mark.parametrize("name", NAMES)
def test_example_is_a_documented_script_without_global_random_state(name):
    tree = ast.parse((EXAMPLES / f"{name}.py").read_text(encoding="utf-8"))
    assert ast.get_docstring(tree), f"{name}.py has no module docstring"
    assert any(isinstance(n, ast.FunctionDef) and n.name == "main" for n in tree.body)
    assert "__main__" in ast.unparse(tree.body[-1]), f"{name}.py does not end in a main guard"
    imported = {
        alias.name.split(".")[0]
        for n in ast.walk(tree)
        if isinstance(n, ast.Import | ast.ImportFrom)
        for alias in n.names
    } | {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    assert "random" not in imported, f"{name}.py imports the stdlib's global random"
    global_draws = [
        ast.unparse(n)
        for n in ast.walk(tree)
        if isinstance(n, ast.Attribute)
        and ast.unparse(n.value) in ("np.random", "numpy.random")
        and n.attr not in SEEDED
    ]
    assert not global_draws, f"{name}.py uses numpy's global random state: {global_draws}"
