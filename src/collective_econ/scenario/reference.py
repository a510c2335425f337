"""The scenario file reference page, written from the parameter classes' metadata.

``docs/scenario-reference.md`` is the output of :func:`reference_markdown`; a test
checks that the committed file equals it. After changing a parameter, rewrite it (and
the embedded case's file, :mod:`collective_econ.cases.caopijie.policies`) with::

    python -m collective_econ.scenario > docs/scenario-reference.md
    python -m collective_econ.cases.caopijie.policies data \
        > src/collective_econ/cases/caopijie/caopijie.toml
"""

from __future__ import annotations

import dataclasses
import typing
from typing import Any

from ..citations import markdown
from ..economy.collective import PayoutRule
from ..economy.community import CommunityParams
from ..economy.livelihood import LivelihoodParams
from ..economy.population import DemographyParams
from ..funding import FundingShares
from ..params import Parameters
from ..prices import PriceIndex
from ..schemes import SCHEMES
from .parts import CONFIDENCES, DESIGNS, ExperimentSettings, nested_type
from .reader import FORMAT_VERSION, KINDS
from .toml import format_value

__all__ = ["reference_markdown"]

_INTRO = """\
# Scenario file reference

<!-- Written by collective_econ.scenario.reference_markdown(); do not edit by hand.
     Rewrite it with:
     python -m collective_econ.scenario > docs/scenario-reference.md -->

A scenario file is a [TOML](https://toml.io) file that holds a whole scenario: the
community, the household economy, each scheme's parameters, the policies to compare
(written as changes to a baseline), the uncertain inputs and their correlation, the
experiment settings and the outcomes of interest. `collective-econ init my.toml`
writes the embedded Caopijie case, with a comment giving each value's unit and source;
`collective-econ validate my.toml` lists every problem of a file; `collective-econ
run my.toml` runs it.

Every table and key is optional except `[scenario] name` and at least one policy: a
missing key takes the default listed below, which is the Caopijie case's figure.
Units are the library's: yuan of 2010, months, mu (1 mu = 1/15 ha), fractions (0.8,
not 80%). In Python:

```python
from collective_econ.cases.caopijie import default_scenario, init_text
from collective_econ.scenario import dumps, loads, validate_text

text = init_text().replace("share_fraction = 0.8", "share_fraction = 0.5")
sc = loads(text)
assert sc.policy("80% shares").params("land_shares").share_fraction == 0.5
assert loads(dumps(sc)) == sc                     # the round trip is exact
assert validate_text(init_text()) == []
print([a.path for a in default_scenario().assumptions][:3])
```

## Layout

```toml
[scenario]
format = 1
name = "My community"
horizon_years = 20
start_year = 2010
baseline = "cash only"            # the policy the others are compared with

[community]
residents = 25000
agricultural_residents = { value = 1826, source = "seed-facts.md", confidence = "seed" }

[schemes.land_shares]
share_fraction = 0.8

[schemes.hogs]
households = 100

[policies."cash only"]
schemes = ["land_shares"]
set = { "land_shares.share_fraction" = 0.0 }

[policies."shares + hogs"]
baseline = "cash only"
add = ["hogs"]
set = { "land_shares.share_fraction" = 0.8 }
periods = [{ scheme = "hogs", start = 0, end = 36, values = { per_head_subsidy = 50.0 } }]

[[uncertainties]]
param = "hogs.hog_price"
distribution = { kind = "triangular", low = 10.5, mode = 12.0, high = 13.5 }
source = "domain-reference.md §8"

[[uncertainties]]
param = "hogs.feed_price"
distribution = { kind = "triangular", low = 2.6, mode = 3.0, high = 3.6 }
source = "domain-reference.md §8"

[correlation]
names = ["hogs.hog_price", "hogs.feed_price"]
matrix = [[1.0, 0.6], [0.6, 1.0]]

[experiment]
design = "montecarlo"
samples = 1
replications = 10
seed = 2010

[outcomes]
names = ["per_capita_income", "poverty_headcount"]
```

## Values, sources and the assumption register

A value is written plainly (`share_fraction = 0.8`) or as an inline table that also
gives its unit, source and confidence:

```toml
share_fraction = { value = 0.8, source = "seed-facts.md §1", confidence = "seed" }
```

All three are optional. Confidence is one of {confidences}. Annotated values are
allowed in `[community]`, `[livelihood]`, `[demography]`, `[prices]`, `[funding]`,
`[schemes.*]` (and
their arrays of tables), a policy's `set` and `payout`. `Scenario.assumptions` is the
assumption register:
every parameter of the community, the household economy and the schemes the policies
use, plus each annotated policy value, with its unit, source and confidence, taken
from the file where it gives them and from the parameter's metadata (the tables below)
otherwise. A metadata source that says "estimate" is an estimate; otherwise
`seed-facts.md` means `seed`, `domain-reference.md` `sourced`, "well-known" `well-known`.
Those two old file names are the [case report](sources.md#seed) and the
[domain reference](sources.md#dr) of docs/sources.md: the tables below, the report's
register and the comments of `collective-econ init`'s file name them so, by section.

Integers and floats differ: a key of type integer takes `3`, not `3.0`; a float key
takes either. Arrays are written `[0.5, 0.3, 0.2]`. A key of type "float or none" is
left out for none.
"""

_SCENARIO = f"""\
## `[scenario]`

| key | type | default | meaning |
|---|---|---|---|
| `format` | integer | `{FORMAT_VERSION}` | the version of this format; must be {FORMAT_VERSION} |
| `name` | string | required | shown in reports |
| `horizon_years` | integer | `20` | years simulated (>= 1) |
| `start_year` | integer | `2010` | calendar year of month 0 |
| `baseline` | string | the first policy | the policy others are compared with |
"""

_POLICIES = """\
## `[policies.<name>]`

Each policy is a table named by the policy, in the order the policies are compared.
A policy either lists its schemes, each with the parameters of its `[schemes.<name>]`
table, or is written as changes to another policy, its baseline (which may come
before or after it in the file, but not form a cycle).

| key | type | meaning |
|---|---|---|
| `schemes` | array of scheme names | the schemes of a policy written from scratch |
| `baseline` | string | the policy this one changes (instead of `schemes`) |
| `description` | string | one sentence for reports |
| `remove` | array of scheme names | schemes of the baseline to drop |
| `add` | array of scheme names | schemes to add, with their `[schemes.<name>]` parameters |
| `set` | table | `"scheme.parameter" = value` changes, applied after `remove` and `add` |
| `periods` | array of tables | parameters that take other values for a while (below) |
| `payout` | table | the collectives' payout rule (below); inherited from the baseline |

`set` may also be written as a sub-table, and a scheme's changes as a table:

```toml
[policies."half shares"]
baseline = "80% shares"

[policies."half shares".set]
"land_shares.share_fraction" = 0.5
hogs = { households = 50 }        # the same as "hogs.households" = 50
```

The case's five policies, as `collective-econ init` writes them:

```toml
[policies."cash only"]
baseline = "80% shares"
set = { "land_shares.share_fraction" = 0.0 }

[policies."80% shares"]
schemes = ["land_shares"]

[policies."shares + hogs"]
baseline = "80% shares"
add = ["hogs"]

[policies."full package"]
baseline = "shares + hogs"
add = ["jobs", "tea", "agro_park", "hotel", "enterprise", "safety_net"]

[policies."package without collective projects"]
baseline = "full package"
remove = ["tea", "agro_park", "hotel"]
```

### Periods

A period gives some parameters of one scheme other values from month `start` until
month `end` (excluded; left out: to the end of the run). Periods of one scheme that
set the same parameter must not overlap. A policy that lists periods for a scheme
replaces the periods it inherits for that scheme.

```toml
periods = [
    { scheme = "hogs", start = 0, end = 36, values = { per_head_subsidy = 50.0 } },
    { scheme = "land_shares", start = 60, values = { guaranteed_rate = 0.0 } },
]
```

### `payout`

An inline table of the keys below; keys left out keep the baseline's values.

"""

_UNCERTAINTIES = """\
## `[[uncertainties]]`

Each uncertain input is one `[[uncertainties]]` table:

| key | type | meaning |
|---|---|---|
| `param` | string | `"<scheme>.<parameter>"`, `"community.<parameter>"` or \
`"livelihood.<parameter>"`: a numeric parameter, named by one uncertainty only |
| `distribution` | table | `kind` and that kind's keys (below) |
| `source` | string | where the range comes from |

A distribution whose 1e-9 and 1 - 1e-9 quantiles break the parameter's rule (a
fraction drawn outside [0, 1]) is a problem.

**An uncertain parameter takes its values from the draws, not from the file.** When a
run samples the uncertain inputs (`--samples` above 1; the case's `[experiment]`
asks for 20), every draw replaces the value that `[schemes.<scheme>]`, a policy's
`set` or `[livelihood]` gives the parameter, under every policy: that value acts only
in the base case, `--samples 1`. The case's file carries each uncertain parameter at
the centre of its distribution (its mode, midpoint or mean). A value elsewhere is an
edit the draws would undo, and a value either acts or is refused: `collective-econ
run` refuses it when it samples, `collective-econ validate` when the file's own
`[experiment] samples` is above 1 (else it warns), `robust`, `discover`, `voi` and
`monitor` (the forecast it runs) refuse it (their futures are all drawn), and
`load_scenario` warns (`DrawnValueWarning`). The message names the value, the entry
and what to do. To change an uncertain parameter, change its distribution: move it
with the value (the message writes the moved one, such as `distribution = { kind =
"triangular", low = 12.5, mode = 14.0, high = 15.5 }` for `hog_price = 14.0`), or
remove the `[[uncertainties]]` entry to fix the parameter at the file's value, or run
the base case with `--samples 1`. In the same way, `calibrate --fit PATH=LOW:HIGH`
draws PATH from its prior in every run of the fit, and refuses a value the file gives
PATH away from its default.

The kinds, a fixed list (a file can name no other code):

"""

_TAIL = """\
## `[correlation]`

Rank (Spearman) correlations between some uncertain inputs; inputs not named are
independent.

| key | type | meaning |
|---|---|---|
| `names` | array of strings | `param`s of `[[uncertainties]]`, each once |
| `matrix` | array of arrays of floats | one row per name: symmetric, 1 on the \
diagonal, within [-1, 1], positive semi-definite |

## `[experiment]`

How the scenario asks to be run (read by the experiment layer).

{experiment}
## `[outcomes]`

| key | type | meaning |
|---|---|---|
| `names` | array of strings | outcomes of interest, checked by the experiment layer |

## Problems

`collective-econ validate` (and `validate_file` in Python) lists every problem, each
as `line: location: message`, for example

```
line 57: schemes.hogs.hogs_per_batch: must be >= 100, got 50 (an integer)
line 58: schemes.hogs.housholds: unknown key 'housholds'; did you mean 'households'?
line 210: policies["full package"].add[0]: unknown scheme 'hgos'; did you mean 'hogs'?
```

It reports: syntax errors (with line and column); unknown tables and keys, with a "did
you mean"; values of the wrong type; values that break their rule, and rules between
values (shares that must sum to 1, equity below the investment); policies without
`schemes` or `baseline`, unknown baselines, baseline cycles, unknown or absent schemes
in `add`, `remove`, `set` and `periods`; periods that overlap or end before they
start; unknown parameters or distribution kinds in `[[uncertainties]]`, missing
distribution keys and `low >= high`; correlations naming unknown inputs and matrices
that are not valid correlation matrices; values the file's own run would replace by
draws (see `[[uncertainties]]`). Locations are the key's path
(`policies["full package"].hogs.households`); the line is found by scanning the text
for the table header and the key, so a key inside an inline table or a multi-line
array gets the line of the key that holds it. A file with problems exits with status 2.

It warns (and the file stays valid) about: a policy's name or description that
states a percentage which is the default of a fraction parameter the policy has
changed (`share_fraction = 0.5` under "80% shares: Residents invest 80%..."; the
report notes it beside the description: rename the policy or edit its
`description`), land taken without compensation, and the model's checks of floors,
caps and counts.
"""


def _type(hint: Any, cls: type, name: str) -> str:
    if nested_type(cls, name) is not None:
        return "array of tables"
    if typing.get_origin(hint) is tuple:
        return f"array of {_type(typing.get_args(hint)[0], cls, '')}s"
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if args and len(args) < len(typing.get_args(hint)):
        return f"{_type(args[0], cls, '')} or none"
    names = {int: "integer", float: "float", str: "string", bool: "boolean"}
    return names.get(hint, str(hint))


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(cls: type[Parameters], *, sources: bool = True) -> str:
    hints = typing.get_type_hints(cls)
    head = "| key | type | unit | default | rule | source |\n|---|---|---|---|---|---|\n"
    if not sources:
        head = "| key | type | unit | default | rule | meaning |\n|---|---|---|---|---|---|\n"
    rows = []
    for info in cls.describe():
        if nested_type(cls, info.name) is not None:
            default = f"{len(info.default)} tables (below)"
        elif info.default is dataclasses.MISSING:
            default = "required"
        elif info.default is None:
            default = "none"
        else:
            default = f"`{format_value(_plain(info))}`"
        cells = [f"`{info.name}`", _type(hints[info.name], cls, info.name), info.unit, default]
        cells += [info.rule, markdown(info.source) if sources else info.doc]
        rows.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return head + "\n".join(rows) + "\n"


def _plain(info: Any) -> Any:
    value = info.default
    return list(value) if isinstance(value, tuple) else value


def reference_markdown() -> str:
    """The whole reference page, Markdown, ending with one newline."""
    confidences = ", ".join(f"`{c}`" for c in CONFIDENCES)
    parts = [_INTRO.replace("{confidences}", confidences), _SCENARIO]
    for key, cls in (
        ("community", CommunityParams),
        ("livelihood", LivelihoodParams),
        ("demography", DemographyParams),
        ("prices", PriceIndex),
        ("funding", FundingShares),
    ):
        doc = (cls.__doc__ or "").strip().splitlines()[0]
        parts.append(f"## `[{key}]`\n\n{doc}\n\n{_table(cls)}")
    parts.append(
        "## `[schemes.<name>]`\n\nEach scheme's base parameters: the values a policy gets "
        "when it lists or adds the scheme. A scheme left out keeps the defaults below.\n"
    )
    for key, scheme in SCHEMES.items():
        cls = scheme.params_type
        parts.append(f"### `[schemes.{key}]`\n\n{scheme.title}: {scheme.summary}\n\n{_table(cls)}")
        for info in cls.describe():
            nested = nested_type(cls, info.name)
            if nested is not None:
                names = ", ".join(f'"{x.name}"' for x in info.default if hasattr(x, "name"))
                parts.append(
                    f"#### `[[schemes.{key}.{info.name}]]`\n\n{markdown(info.source)}. One "
                    f"table per element; the default has {len(info.default)} ({names}).\n\n"
                    f"{_table(nested)}"
                )
    parts.append(_POLICIES + _table(PayoutRule))
    parts.append(_UNCERTAINTIES.rstrip("\n") + "\n")
    for kind, dist in KINDS.items():
        doc = (dist.__doc__ or "").strip().splitlines()[0]
        parts.append(f'### `kind = "{kind}"`\n\n{doc}\n\n{_table(dist, sources=False)}')
    designs = ", ".join(f"`{d}`" for d in DESIGNS)
    experiment = _table(ExperimentSettings, sources=False)
    parts.append(_TAIL.replace("{experiment}", f"Designs: {designs}.\n\n{experiment}"))
    return "\n".join(parts)
