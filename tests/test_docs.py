"""The docs say what the code does: the API page, the parameter tables, the code blocks."""

import re
import sys
from pathlib import Path

import pytest

import collective_econ as ce

DOCS = Path(__file__).resolve().parents[1] / "docs"
README = DOCS.parent / "README.md"


def test_api_page_lists_exactly_the_public_names():
    listed = set(
        re.findall(
            r"^\| `([A-Za-z_][A-Za-z0-9_]*)` \|", (DOCS / "api.md").read_text(), re.MULTILINE
        )
    )
    assert listed == set(ce.__all__)


@pytest.mark.parametrize("name", list(ce.SCHEMES))
def test_every_parameter_is_documented_on_its_scheme_page(name):
    page = (DOCS / "schemes" / f"{name}.md").read_text()
    params = ce.SCHEMES[name].params_type
    missing = [f.name for f in params.describe() if f"`{f.name}`" not in page]
    assert not missing, f"docs/schemes/{name}.md lacks {missing}"


def _python_blocks(path):
    return re.findall(r"```python\n(.*?)```", path.read_text(), re.DOTALL)


BLOCKS = [
    pytest.param(code, id=f"{path.name}-{i}")
    for path in [README, *sorted(DOCS.rglob("*.md"))]
    for i, code in enumerate(_python_blocks(path))
]


ENV = {"MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin", "PYTHONPATH": ":".join(sys.path)}


def prefetch(item):
    """The code blocks' processes, started when the session starts (tests/conftest.py)."""
    if item.originalname == "test_docs_code_blocks_run":
        return [{"code": item.callspec.params["code"], "env": ENV}]
    return []


@pytest.mark.parametrize("code", BLOCKS)
def test_docs_code_blocks_run(code, tmp_path, fresh_python):
    # as python -c CODE in a new process (forked from one that imported the package)
    res = fresh_python(tmp_path, code=code, env=ENV)
    assert res.returncode == 0, res.stderr[-2000:]


def test_api_page_lists_exactly_the_decision_names():
    import collective_econ.decision as decision

    page = (DOCS / "api.md").read_text()
    listed = set(re.findall(r"^\| `decision\.([A-Za-z_]\w*)` \|", page, re.MULTILINE))
    assert listed == set(decision.__all__)


def test_api_page_lists_exactly_the_calibration_names():
    import collective_econ.calibration as calibration

    page = (DOCS / "api.md").read_text()
    listed = set(re.findall(r"^\| `calibration\.([A-Za-z_]\w*)` \|", page, re.MULTILINE))
    assert listed == set(calibration.__all__)
