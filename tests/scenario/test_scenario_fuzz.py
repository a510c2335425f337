"""Fuzzing the scenario file reader: valid and broken files either load or raise a
ScenarioFileError whose every problem has a location, and nothing else.

Broken files are made from two valid ones (the embedded case, and a small file using
every section) by mutating their text (deleting lines, changing types, inserting
unknown keys, out-of-range numbers, broken syntax) or their parsed data (any value
replaced by any TOML value), and from arbitrary text.
"""

import re
import tomllib
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from collective_econ.cases.caopijie import init_text
from collective_econ.scenario import DESIGNS, KINDS, ScenarioFileError, dumps, loads, validate_text
from collective_econ.scenario.toml import format_key, format_value
from collective_econ.schemes import SCHEMES

RICH = """\
[scenario]
name = "fuzz base"
horizon_years = 5
start_year = 2010
baseline = "cash"

[community]
residents = { value = 25000, source = "seed-facts.md", confidence = "seed" }
groups = 14

[schemes.hogs]
households = 50

[[schemes.jobs.jobs]]
name = "walnut plant"
places = 120

[[schemes.jobs.jobs]]
name = "sanitation"
places = 60
wage_month = 800.0
public_welfare = true

[policies.cash]
schemes = ["land_shares"]
set = { "land_shares.share_fraction" = 0.0 }

[policies.package]
baseline = "cash"
add = ["hogs", "jobs"]
payout = { ratio = 0.5, vote = false }
periods = [
    { scheme = "hogs", start = 0, end = 36, values = { per_head_subsidy = 50.0 } },
    { scheme = "hogs", start = 36, values = { per_head_subsidy = 0.0 } },
]

[policies.package.set]
"land_shares.share_fraction" = { value = 0.8, source = "seed-facts.md §1" }
hogs.hogs_per_batch = 120

[[uncertainties]]
param = "hogs.hog_price"
distribution = { kind = "triangular", low = 10.5, mode = 12.0, high = 13.5 }
source = "domain-reference.md §8"

[[uncertainties]]
param = "hogs.feed_price"
distribution = { kind = "normal", mu = 3.0, sd = 0.2, low = 2.6, high = 3.6 }

[[uncertainties]]
param = "livelihood.casual_wage_month"
distribution = { kind = "empirical", values = [610.0, 740.0], weights = [1.0, 3.0] }

[correlation]
names = ["hogs.hog_price", "hogs.feed_price"]
matrix = [[1.0, 0.6], [0.6, 1.0]]

[experiment]
design = "lhs"
samples = 8
replications = 2

[outcomes]
names = ["gini"]
"""

BASES = {"default": init_text(), "rich": RICH}

TOML_VALUES = [
    '"text"', "1", "-1", "0", "3", "1.5e300", "-1e-300", "true", "false", "[1, 2]",
    "{ a = 1 }", "[]", "{}", "nan", "inf", "-inf", "1979-05-27", "07:32:00",
    "1979-05-27T07:32:00Z", '{ value = 3, source = 1 }', '{ value = "x" }',
    '{ value = 0.5, confidence = "guess" }', "-0.0", "9223372036854775807",
    '"hogs"', '["hogs", "tea"]', '["hogs", "hogs"]', "[[1.0]]", "[[1.0, 2.0], [3.0]]",
    '{ kind = "uniform", low = 1.0, high = 0.0 }', '{ kind = "fixed" }',
    '"""multi\nline"""', '"80% shares"', '{ scheme = "hogs", start = 0 }',
    "[{ scheme = 1 }]", '[{ scheme = "hogs", start = 5, end = 2, values = {} }]',
]  # fmt: skip
WORDS = [
    *SCHEMES, *KINDS, *DESIGNS, "scenario", "policies", "baseline", "schemes", "set",
    "add", "remove", "periods", "payout", "value", "kind", "names", "matrix", "param",
    "distribution", "low", "high", "mode", "start", "end", "values", "cash", "package",
    "80% shares", "hog_price", "households", "share_fraction",
]  # fmt: skip
SYNTAX = ["[", "]", "=", '"', "'", "{", "}", "\n[", '"""', "x = ", "\\", "#", ",", "\n", "[[", "."]

LEAVES = st.one_of(
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.integers(-3, 200),
    st.floats(),
    st.text(max_size=6),
    st.sampled_from(WORDS),
)
VALUES = st.recursive(
    LEAVES,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(WORDS) | st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=8,
)


def check(text):
    """The property: the file loads and round-trips, or every problem has a location."""
    try:
        sc = loads(text)
    except ScenarioFileError as err:
        problems = err.problems
    else:
        assert validate_text(text) == []
        assert loads(dumps(sc)) == sc
        return True
    assert problems
    last = text.count("\n") + 1
    for p in problems:
        assert p.location
        assert p.message
        assert p.line is None or 1 <= p.line <= last
    assert validate_text(text) == problems
    return False


def _typo(data, word):
    if len(word) < 2:
        return word + "x"
    i = data.draw(st.integers(0, len(word) - 1))
    return word[:i] + word[i + 1 :]


def mutate_text(data, text):
    lines = text.split("\n")
    for _ in range(data.draw(st.integers(1, 3))):
        lines = lines or [""]
        i = data.draw(st.integers(0, len(lines) - 1))
        line = lines[i]
        op = data.draw(
            st.sampled_from(
                ["delete", "type", "unknown", "typo", "number", "syntax", "cut", "copy"]
            )
        )
        key, eq, _ = line.partition("=")
        is_pair = bool(eq) and not line.lstrip().startswith(("#", "["))
        if op == "delete":
            del lines[i]
        elif op == "type" and is_pair:
            lines[i] = f"{key}= {data.draw(st.sampled_from(TOML_VALUES))}"
        elif op == "unknown":
            word = data.draw(st.sampled_from(WORDS))
            new = f"{format_key(_typo(data, word))} = {data.draw(st.sampled_from(TOML_VALUES))}"
            lines.insert(i + 1, new)
        elif op == "typo" and (is_pair or line.startswith("[")):
            lines[i] = re.sub(r"[A-Za-z_]+", lambda m: _typo(data, m.group()), line, count=1)
        elif op == "number" and re.search(r"-?\d+(\.\d+)?", line):
            number = data.draw(st.sampled_from(["-1", "0", "1e9", "-1e-9", "0.5", "101", "2"]))
            lines[i] = re.sub(r"-?\d+(\.\d+)?(e[+-]?\d+)?", number, line, count=1)
        elif op == "syntax":
            col = data.draw(st.integers(0, len(line)))
            lines[i] = line[:col] + data.draw(st.sampled_from(SYNTAX)) + line[col:]
        elif op == "cut":
            lines = [*lines[:i], line[: data.draw(st.integers(0, len(line)))]]
        elif op == "copy":
            lines.insert(i, line)
    return "\n".join(lines)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, (*prefix, i))


def mutate_data(data, doc):
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from([p for p in _paths(doc) if p]))
        parent = doc
        for seg in path[:-1]:
            parent = parent[seg]
        op = data.draw(st.sampled_from(["replace", "delete", "add", "annotate"]))
        if op == "replace":
            parent[path[-1]] = data.draw(VALUES)
        elif op == "delete":
            del parent[path[-1]]
        elif op == "add" and isinstance(parent, dict):
            parent[data.draw(st.sampled_from(WORDS))] = data.draw(VALUES)
        elif op == "annotate":
            parent[path[-1]] = {"value": parent[path[-1]], "source": data.draw(VALUES)}
    return "".join(f"{format_key(k)} = {format_value(v)}\n" for k, v in doc.items())


def test_the_bases_are_valid_files():
    for text in BASES.values():
        assert check(text)
    sc = loads(RICH)
    assert sc.policy("package").params("hogs", 40).hogs_per_batch == 120
    assert sc.correlation_matrix()[0, 1] == 0.6


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(sorted(BASES)), st.data())
def test_mutated_text_loads_or_reports_located_problems(base, data):
    check(mutate_text(data, BASES[base]))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(BASES)), st.data())
def test_mutated_data_loads_or_reports_located_problems(base, data):
    check(mutate_data(data, tomllib.loads(BASES[base])))


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=200) | st.sampled_from(["", "[scenario]", "a = [" * 2000]))
def test_any_text_loads_or_reports_located_problems(text):
    assert not check(text)


def test_the_reliability_page_counts_these_examples():
    """docs/reliability.md quotes how many files each fuzz test draws: from their settings."""
    page = (Path(__file__).resolve().parents[2] / "docs/reliability.md").read_text("utf-8")
    tests = {
        "test_mutated_text_...": test_mutated_text_loads_or_reports_located_problems,
        "test_mutated_data_...": test_mutated_data_loads_or_reports_located_problems,
        "test_any_text_...": test_any_text_loads_or_reports_located_problems,
    }
    counts = {k: t._hypothesis_internal_use_settings.max_examples for k, t in tests.items()}
    for name, n in counts.items():
        assert f"`{name}`: {n}" in page, name
    total = sum(counts.values())
    assert f"checks {total} of them" in page
    assert f"| {total} generated files a run |" in page
