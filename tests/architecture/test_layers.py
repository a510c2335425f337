"""The house: the package's imports form floors, with no cycles and no upward arrows.

The floors are those of ``design.md`` ("Layers: the house we are moving into"): a
module may import only modules on its own floor or below. The facade
(``collective_econ/__init__.py``) sits on top of everything; ``cli`` (a package) may import
lazily for its start-up time; optional extras (Dask, pandas, matplotlib) may be
imported inside functions, but the package's own modules never are.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "collective_econ"

#: The floors, lowest first. A module belongs to the first entry that is a prefix of its name.
FLOORS: tuple[tuple[str, ...], ...] = (
    ("_version",),
    ("errors",),
    ("params",),
    ("units", "seeding", "prices", "finance", "funding", "resources", "files", "citations"),
    ("distributions",),
    ("metrics",),
    ("economy",),
    ("schemes",),
    ("policy",),
    ("appraisal",),
    ("scenario",),
    ("simulation",),
    ("runs",),
    ("sensitivity",),
    ("decision",),
    ("calibration",),
    ("plotting",),
    ("report",),
    ("cases",),
    ("testing", "cli", "docs_numbers"),
)
#: Within a floor's package, submodules may import each other but must not form a cycle.


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _floor(module: str) -> int:
    for level, names in enumerate(FLOORS):
        for name in names:
            if module == name or module.startswith(name + "."):
                return level
    raise AssertionError(f"module {module!r} is on no floor: add it to FLOORS")


def _is_package(module: str) -> bool:
    return (PACKAGE / Path(*module.split(".")) / "__init__.py").exists() if module else True


def _imports(path: Path) -> list[tuple[str, int, bool]]:
    """(imported module, line, inside a function) for each of the package's own imports."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    in_function: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for inner in ast.walk(node):
                in_function.add(id(inner))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".") if package else []
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                target = ".".join([*base, *([node.module] if node.module else [])])
            elif node.module and node.module.startswith("collective_econ"):
                target = node.module.removeprefix("collective_econ").lstrip(".")
            else:
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}" if target else alias.name
                name = sub if _is_package(target) and _exists(sub) else target
                found.append((name, node.lineno, id(node) in in_function))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("collective_econ."):
                    name = alias.name.removeprefix("collective_econ.")
                    found.append((name, node.lineno, id(node) in in_function))
    return found


def _exists(module: str) -> bool:
    p = PACKAGE / Path(*module.split("."))
    return p.with_suffix(".py").exists() or (p / "__init__.py").exists()


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py")) if _module_name(p) != ""}
GRAPH = {m: _imports(p) for m, p in MODULES.items()}


def test_every_module_is_on_a_floor() -> None:
    for module in MODULES:
        _floor(module)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_upward_import(module: str) -> None:
    mine = _floor(module)
    upward = [
        f"line {line}: {target} (floor {_floor(target)} > {mine})"
        for target, line, _ in GRAPH[module]
        if target and _floor(target) > mine
    ]
    assert not upward, f"{module} imports a higher floor: {upward}"


@pytest.mark.parametrize(
    "module", sorted(m for m in MODULES if m != "cli" and not m.startswith("cli."))
)
def test_no_function_level_import_of_the_package(module: str) -> None:
    inside = [f"line {line}: {t}" for t, line, fn in GRAPH[module] if fn]
    assert not inside, f"{module} imports the package inside a function: {inside}"


def test_no_import_cycle() -> None:
    edges = {m: {t for t, _, _ in GRAPH[m] if t in MODULES and t != m} for m in MODULES}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for t in sorted(edges[m]):
            if state.get(t) == 1:
                cycle = [*stack[stack.index(t) :], t]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if t not in state:
                visit(t)
        stack.pop()
        state[m] = 2

    for m in sorted(edges):
        if m not in state:
            visit(m)


def test_the_checker_sees_an_upward_import(tmp_path: Path) -> None:
    """The walk finds a planted upward import (so the tests above can fail)."""
    bad = PACKAGE / "metrics" / "_planted_for_test.py"
    assert not bad.exists()
    bad.write_text("from ..schemes import SCHEMES\n\n\ndef f():\n    from ..runs import spec\n")
    try:
        found = _imports(bad)
    finally:
        bad.unlink()
    assert ("schemes", 1, False) in found
    assert ("runs.spec", 5, True) in found
    assert _floor("schemes") > _floor("metrics.inequality")


def test_the_architecture_page_lists_the_floors_in_order() -> None:
    page = (PACKAGE.parents[1] / "docs" / "architecture.md").read_text(encoding="utf-8")
    rows = [
        tuple(re.findall(r"`([a-z_]+)`", line.split("|")[1]))
        for line in page.splitlines()
        if line.startswith("| `")
        and line.split("|")[1].strip().startswith("`")
        and "python -m" not in line
    ]
    assert rows[: len(FLOORS)] == list(FLOORS)
